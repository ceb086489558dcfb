//! Typed rows: header analysis, code / name / amount columns, two-sided tables, amounts in
//! yuan with provenance.

use std::collections::BTreeMap;

use gongkai_geom::Rect;
use gongkai_normalize::code::Code;
use gongkai_normalize::{match_key, parse_amount, yuan_string, Unit};
use gongkai_table::Table;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::recognize::classify_title;
use crate::Kind;

/// An amount with provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Value {
    /// Exact yuan, as a decimal string (`"7062800.00"`).
    pub yuan: String,
    /// The cell text as printed.
    pub raw: String,
    /// Printed precision in yuan (half of it per term is the rounding tolerance).
    pub resolution_yuan: String,
    /// Page of the cell.
    pub page: u32,
    /// Cell box `[x0, top, x1, bottom]`.
    pub bbox: [f64; 4],
    /// Repairs applied to read the number.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub repairs: Vec<String>,
}

impl Value {
    /// The amount in yuan.
    pub fn decimal(&self) -> Decimal {
        self.yuan.parse().unwrap_or_default()
    }
    /// The printed resolution in yuan.
    pub fn resolution(&self) -> Decimal {
        self.resolution_yuan.parse().unwrap_or_default()
    }
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// 合计 / 总计 / 小计.
    Total,
    /// A 类 (level-1 code) row.
    Class,
    /// A 款 (level-2 code) row.
    Subclass,
    /// A 项 row or any other line item.
    Item,
}

/// One typed row (for two-sided tables, one side of a printed row).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Row id, `t03.r12` (`t03.r12.e` for the spending side of a two-sided table).
    pub id: String,
    /// Row kind.
    pub kind: RowKind,
    /// `income` or `expenditure` in two-sided tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<String>,
    /// Classification code, when the row has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// 1 = 类, 2 = 款, 3 = 项.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_level: Option<u8>,
    /// Parent code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_code: Option<String>,
    /// Row label (科目名称 / 项目).
    pub name: String,
    /// Amount per column key (the column's header text); `None` for blank or dash cells.
    pub values: BTreeMap<String, Option<Value>>,
}

/// A table with its recognised type and typed rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypedTable {
    /// Table id, `t00`, `t01` … in document order.
    pub id: String,
    /// Standard table type, if recognised.
    pub table_type: Option<String>,
    /// Title as printed.
    pub title: Option<String>,
    /// Unit as printed above the table.
    pub unit: Option<String>,
    /// Pages.
    pub pages: Vec<u32>,
    /// Amount column keys in order.
    pub columns: Vec<String>,
    /// Typed rows (empty for tables that are not recognised).
    pub rows: Vec<Row>,
}

struct Slot {
    text: String,
    page: u32,
    bbox: Rect,
}

/// The grid with merged cells' text repeated into every slot they cover.
fn full_grid(t: &Table) -> Vec<Vec<Slot>> {
    let mut g: Vec<Vec<Slot>> = (0..t.n_rows).map(|_| (0..t.n_cols).map(|_| Slot { text: String::new(), page: t.page, bbox: Rect::default() }).collect()).collect();
    for c in &t.cells {
        for r in c.row..(c.row + c.rowspan).min(t.n_rows) {
            for k in c.col..(c.col + c.colspan).min(t.n_cols) {
                g[r][k] = Slot { text: c.text.clone(), page: c.page, bbox: c.bbox };
            }
        }
    }
    g
}

fn is_amount(s: &str) -> bool {
    matches!(parse_amount(s), Ok(Some(_)))
}

fn is_code_like(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.len() <= 7 && t.chars().all(|c| c.is_ascii_digit()) && (t.len() == 2 || Code::parse(t).is_some())
}

/// Header rows end at the first row holding an amount with a decimal point or thousands
/// separator, or a classification code in the first columns.
fn header_rows(g: &[Vec<Slot>]) -> usize {
    for (r, row) in g.iter().enumerate() {
        let first = row.first().map(|s| match_key(&s.text)).unwrap_or_default();
        if first == "栏次" || first.contains("栏次") {
            continue;
        }
        let money = row.iter().any(|s| s.text.contains(['.', ',']) && is_amount(&s.text));
        let code = row.iter().take(3).any(|s| is_code_like(&s.text) && s.text.trim().len() >= 3);
        let label_total = row.iter().take(3).any(|s| {
            let k = match_key(&s.text);
            k == "合计" || k == "总计"
        });
        if money || code || label_total {
            return r;
        }
    }
    g.len().min(1)
}

fn is_code_header(h: &str) -> bool {
    h.contains("编码") || h.contains("代码") || h == "类" || h == "款" || h == "项" || h.ends_with("/类") || h.ends_with("/款") || h.ends_with("/项")
}

fn row_kind(name: &str, code: Option<&Code>) -> RowKind {
    let k = match_key(name);
    if k.contains("合计") || k.contains("总计") || k.contains("小计") {
        return RowKind::Total;
    }
    match code.map(|c| c.level) {
        Some(1) => RowKind::Class,
        Some(2) => RowKind::Subclass,
        _ => RowKind::Item,
    }
}

fn value_of(slot: &Slot, unit: Option<Unit>) -> Option<Value> {
    let a = parse_amount(&slot.text).ok().flatten()?;
    let unit = unit.unwrap_or(Unit::Yuan);
    Some(Value {
        yuan: yuan_string(&a.yuan(unit)),
        raw: slot.text.clone(),
        resolution_yuan: a.resolution_yuan(unit).normalize().to_string(),
        page: slot.page,
        bbox: slot.bbox.to_array(),
        repairs: a.repairs,
    })
}

/// Types one table. `kind` is the document's; the unit comes from the table (`单位：万元`).
pub fn type_table(index: usize, t: &Table, kind: Kind) -> TypedTable {
    let id = format!("t{index:02}");
    let table_type = t.title.as_deref().and_then(|title| classify_title(title, kind));
    let mut out = TypedTable { id: id.clone(), table_type: table_type.clone(), title: t.title.clone(), unit: t.unit.clone(), pages: t.pages.clone(), columns: Vec::new(), rows: Vec::new() };
    let Some(tt) = table_type else { return out };
    if tt == "performance" || tt == "procurement" {
        return out;
    }
    let unit = t.unit.as_deref().and_then(Unit::parse);
    let g = full_grid(t);
    let h = header_rows(&g);
    if h >= g.len() {
        return out;
    }
    // Header path per column.
    let headers: Vec<String> = (0..t.n_cols)
        .map(|c| {
            let mut parts: Vec<String> = Vec::new();
            for row in g.iter().take(h) {
                let k = match_key(&row[c].text);
                if !k.is_empty() && parts.last() != Some(&k) {
                    parts.push(k);
                }
            }
            parts.join("/")
        })
        .collect();
    let data = &g[h..];
    let amount_col: Vec<bool> = (0..t.n_cols)
        .map(|c| !is_code_header(&headers[c]) && data.iter().filter(|r| is_amount(&r[c].text) && !is_code_like(&r[c].text)).count() > 0 && !data.iter().all(|r| r[c].text.trim().is_empty() || is_code_like(&r[c].text)))
        .collect();
    let code_col: Vec<bool> = (0..t.n_cols).map(|c| !amount_col[c] && (is_code_header(&headers[c]) || data.iter().filter(|r| !r[c].text.trim().is_empty()).all(|r| is_code_like(&r[c].text)) && data.iter().any(|r| !r[c].text.trim().is_empty()))).collect();
    // Two-sided: a top header starting with 支出 to the right of one starting with 收入.
    let split = if tt.ends_with("summary") {
        let top = |c: usize| headers[c].split('/').next().unwrap_or("").to_string();
        (1..t.n_cols).find(|&c| top(c).contains("支出") && !top(c).contains("收入") && (0..c).any(|k| top(k).contains("收入")))
    } else {
        None
    };
    let sides: Vec<(Option<&str>, std::ops::Range<usize>)> = match split {
        Some(s) => vec![(Some("income"), 0..s), (Some("expenditure"), s..t.n_cols)],
        None => vec![(None, 0..t.n_cols)],
    };
    let key_of = |c: usize, side: Option<&str>| -> String {
        let h = &headers[c];
        // Drop the side prefix from the key in two-sided tables ("支出/决算数" → "决算数").
        match side {
            Some(_) => h.split_once('/').map_or(h.clone(), |(_, rest)| rest.to_string()),
            None => h.clone(),
        }
    };
    let mut columns: Vec<String> = Vec::new();
    for (side, range) in &sides {
        for c in range.clone().filter(|&c| amount_col[c]) {
            let k = key_of(c, *side);
            if !columns.contains(&k) {
                columns.push(k);
            }
        }
    }
    for (r, row) in data.iter().enumerate() {
        for (side, range) in &sides {
            let code_text: String = range.clone().filter(|&c| code_col[c]).map(|c| row[c].text.trim().to_string()).collect::<Vec<_>>().join("");
            let name_col = range.clone().find(|&c| !amount_col[c] && !code_col[c]);
            let mut name = name_col.map(|c| row[c].text.trim().to_string()).unwrap_or_default();
            let mut code = Code::parse(&code_text);
            if code.is_none() {
                let (c, n) = gongkai_normalize::split_code_name(&name);
                if c.is_some() && !n.is_empty() {
                    code = c;
                    name = n;
                }
            }
            let mut values = BTreeMap::new();
            let mut any = false;
            for c in range.clone().filter(|&c| amount_col[c]) {
                let v = value_of(&row[c], unit);
                any |= v.is_some();
                values.insert(key_of(c, *side), v);
            }
            if name.is_empty() && code.is_none() && !any {
                continue;
            }
            let suffix = match side {
                Some("expenditure") => ".e",
                Some(_) => ".i",
                None => "",
            };
            out.rows.push(Row {
                id: format!("{id}.r{:02}{suffix}", r + h),
                kind: row_kind(&name, code.as_ref()),
                side: side.map(String::from),
                code_level: code.as_ref().map(|c| c.level),
                parent_code: code.as_ref().and_then(|c| c.parent.clone()),
                code: code.map(|c| c.code),
                name,
                values,
            });
        }
    }
    out.columns = columns;
    out
}
