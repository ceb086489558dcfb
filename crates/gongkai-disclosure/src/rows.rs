//! Typed rows: code / name / amount columns (see `columns`), two-sided tables with line
//! keys (see `lines`), amounts in yuan with provenance, and the row sums each table type
//! promises (合计 = 基本支出 + 项目支出 …).

use std::collections::BTreeMap;

use gongkai_geom::Rect;
use gongkai_normalize::code::Code;
use gongkai_normalize::{match_key, parse_amount, yuan_string, Unit};

use crate::columns::{self, Role};
use crate::lines::{line_key, ordinal_depth, Side};
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
    /// 合计, or a side's total of the year (本年收入合计) in two-sided tables.
    Total,
    /// 总计: a side's grand total, including carry-over.
    GrandTotal,
    /// 小计 (e.g. one unit's lines in a procurement table).
    Subtotal,
    /// A 类 row (3-digit code; in 收支总表 a class named without code).
    Class,
    /// A 款 row (5-digit functional code).
    Kuan,
    /// A 项 row (7-digit functional or 5-digit economic code) or any other line.
    Item,
}

/// One typed row (for two-sided tables, one side of a printed row).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Row id, `t03.r12` (`t03.r12.i` / `t03.r12.e` for the sides of a two-sided table).
    pub id: String,
    /// Row kind.
    pub kind: RowKind,
    /// `income` or `expenditure` in two-sided tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<String>,
    /// Canonical line key in two-sided tables (`income.general_budget`, `expenditure.func.205`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<String>,
    /// Two-sided tables: 1 = top-level line or class, 2 = child of `parent_line`, 0 = totals
    /// and carry-over lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// The level-1 line a level-2 line belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_line: Option<String>,
    /// 功能分类 类 code inferred from a class name printed without code (收支总表).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class_code: Option<String>,
    /// Classification code, when the row has one (digits joined, also from 类|款|项 columns).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// 1 = 类, 2 = 款, 3 = 项.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_level: Option<u8>,
    /// Parent code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_code: Option<String>,
    /// Row label (科目名称 / 项目) as printed.
    pub name: String,
    /// Amount per canonical column key; `None` for blank or dash cells.
    pub values: BTreeMap<String, Option<Value>>,
}

/// A row identity the table type promises: `values[total] = Σ values[parts]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowSum {
    /// Column holding the total.
    pub total: String,
    /// Columns that add up to it.
    pub parts: Vec<String>,
    /// Only rows on this side (two-sided tables).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<String>,
}

/// A table with its recognised type and typed rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypedTable {
    /// Table id, `t00`, `t01` … in document order.
    pub id: String,
    /// Standard table type, if recognised.
    pub table_type: Option<String>,
    /// `title` or `header`: what the table type was recognised from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recognized_by: Option<String>,
    /// Title as printed.
    pub title: Option<String>,
    /// Unit as printed above the table.
    pub unit: Option<String>,
    /// Pages.
    pub pages: Vec<u32>,
    /// Amount column keys in order (canonical where the header is known, else the printed
    /// header path).
    pub columns: Vec<String>,
    /// The printed header path of each amount column key.
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    pub headers: BTreeMap<String, String>,
    /// `gov_function` (支出功能分类) or `dept_economic` (部门经济分类) for coded tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_system: Option<String>,
    /// Row identities of this table type.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub row_sums: Vec<RowSum>,
    /// Typed rows (empty for tables that are not recognised).
    pub rows: Vec<Row>,
}

impl TypedTable {
    /// The amount column keys on one side (all of them for one-sided tables).
    pub fn side_columns(&self, side: Option<&str>) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for r in self
            .rows
            .iter()
            .filter(|r| side.is_none() || r.side.as_deref() == side)
        {
            for k in r.values.keys() {
                if !out.contains(&k.as_str()) {
                    out.push(k);
                }
            }
        }
        out.sort_by_key(|k| self.columns.iter().position(|c| c == k));
        out
    }
}

/// A grid slot: the text of the cell covering it, its page and box.
pub(crate) struct Slot {
    pub text: String,
    /// The slot is the merged cell's top-left one (amounts are read only there: a value
    /// repeated into the rows a merge covers would be counted twice).
    pub origin: bool,
    pub page: u32,
    pub bbox: Rect,
}

/// The grid with merged cells' text repeated into every slot they cover.
pub(crate) fn full_grid(t: &Table) -> Vec<Vec<Slot>> {
    let mut g: Vec<Vec<Slot>> = (0..t.n_rows)
        .map(|_| {
            (0..t.n_cols)
                .map(|_| Slot {
                    text: String::new(),
                    origin: true,
                    page: t.page,
                    bbox: Rect::default(),
                })
                .collect()
        })
        .collect();
    for c in &t.cells {
        for r in c.row..(c.row + c.rowspan).min(t.n_rows) {
            for k in c.col..(c.col + c.colspan).min(t.n_cols) {
                g[r][k] = Slot {
                    text: c.text.clone(),
                    origin: r == c.row && k == c.col,
                    page: c.page,
                    bbox: c.bbox,
                };
            }
        }
    }
    g
}

/// A cell's amount in yuan with provenance, `None` when blank, a dash or not a number.
pub(crate) fn value_of(slot: &Slot, unit: Option<Unit>) -> Option<Value> {
    if !slot.origin {
        return None;
    }
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

fn label_kind(name: &str) -> Option<RowKind> {
    let k = match_key(name);
    if k.contains("总计") {
        Some(RowKind::GrandTotal)
    } else if k.contains("小计") {
        Some(RowKind::Subtotal)
    } else if k.contains("合计") {
        Some(RowKind::Total)
    } else {
        None
    }
}

/// The row sums a table type promises, for the keys it has.
fn row_sums_for(base: &str, cols: &[String], sides: bool) -> Vec<RowSum> {
    let has = |k: &str| cols.iter().any(|c| c == k);
    let present = |ks: &[&str]| {
        ks.iter()
            .filter(|k| has(k))
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
    };
    let mut out = Vec::new();
    let mut push = |total: &str, parts: Vec<String>, side: Option<&str>| {
        if has(total) && parts.len() >= 2 {
            out.push(RowSum {
                total: total.into(),
                parts,
                side: side.map(String::from),
            });
        }
    };
    match base {
        "three_public" => {
            for p in ["", "budget.", "final."] {
                let k = |s: &str| format!("{p}{s}");
                let parts = [k("abroad"), k("vehicle_total"), k("reception")]
                    .into_iter()
                    .filter(|c| has(c))
                    .collect();
                push(&k("total"), parts, None);
                let parts = [k("vehicle_purchase"), k("vehicle_operation")]
                    .into_iter()
                    .filter(|c| has(c))
                    .collect();
                push(&k("vehicle_total"), parts, None);
            }
        }
        "fiscal_summary" if sides => push(
            "total",
            present(&["general_budget", "gov_fund", "state_capital"]),
            Some("expenditure"),
        ),
        "summary" | "fiscal_summary" => {}
        "procurement" => push(
            "total",
            present(&[
                "general_budget",
                "fund_budget",
                "state_capital_budget",
                "fiscal_special_account",
                "unit_funds",
            ]),
            None,
        ),
        _ => {
            if has("basic") || has("project") {
                // Jiangsu adds 单位预留机动经费 and 结转下年资金 beside 基本 / 项目支出; finals add
                // 上缴上级支出, 经营支出, 对附属单位补助支出.
                push(
                    "total",
                    present(&[
                        "basic",
                        "project",
                        "reserve",
                        "carry_forward",
                        "to_superior",
                        "operating",
                        "to_affiliated",
                    ]),
                    None,
                );
            } else if has("personnel") || has("public") {
                push("total", present(&["personnel", "public"]), None);
            } else {
                let sources = present(&[
                    "general_budget",
                    "gov_fund",
                    "state_capital",
                    "special_account",
                    "fiscal",
                    "business",
                    "operating",
                    "superior",
                    "affiliated",
                    "other",
                    "unit_funds",
                ]);
                push("total", sources, None);
            }
        }
    }
    out
}

/// Leading rows of a table grid that are caption lines, not table rows: a row whose one
/// text is a unit statement (`单位：万元`) or a department line (`312 青水市柳川县水利局`:
/// a 3–6 digit code, then a name). Returns how many, and the unit stated.
fn caption_rows(g: &[Vec<Slot>]) -> (usize, Option<String>) {
    let mut unit = None;
    let mut n = 0;
    for row in g {
        let texts: Vec<&str> = row
            .iter()
            .filter(|s| s.origin && !s.text.trim().is_empty())
            .map(|s| s.text.trim())
            .collect();
        let [text] = texts[..] else { break };
        if let Some(u) = gongkai_table::unit_of(text) {
            unit = Some(u);
        } else {
            let k = match_key(text);
            let digits = k.chars().take_while(|c| c.is_ascii_digit()).count();
            let name = &k[digits..];
            let department_line = (3..=6).contains(&digits)
                && name.chars().count() >= 4
                && name.chars().all(|c| !c.is_ascii_digit());
            if !department_line {
                break;
            }
        }
        n += 1;
    }
    // Never the whole table.
    if n >= g.len() {
        return (0, None);
    }
    (n, unit)
}

/// Types one table. `kind` is the document's; the unit comes from the table (`单位：万元`).
pub fn type_table(index: usize, t: &Table, kind: Kind) -> TypedTable {
    let id = format!("t{index:02}");
    let by_title = t
        .title
        .as_deref()
        .and_then(|title| classify_title(title, kind));
    // Without a usable title (a split title line such as "算表", none at all), the header
    // words decide: the same signatures the domain spec lists per table.
    let by_header = if by_title.is_none() {
        classify_header(t, kind)
    } else {
        None
    };
    let recognized_by = if by_title.is_some() {
        Some("title".to_string())
    } else {
        by_header.as_ref().map(|_| "header".to_string())
    };
    let table_type = by_title.or(by_header);
    let mut out = TypedTable {
        id: id.clone(),
        recognized_by,
        table_type: table_type.clone(),
        title: t.title.clone(),
        unit: t.unit.clone(),
        pages: t.pages.clone(),
        columns: Vec::new(),
        headers: BTreeMap::new(),
        code_system: None,
        row_sums: Vec::new(),
        rows: Vec::new(),
    };
    let Some(tt) = table_type else { return out };
    if tt == "performance" {
        return out;
    }
    let base = tt
        .split_once('.')
        .map_or(tt.as_str(), |(_, b)| b)
        .to_string();
    let mut g = full_grid(t);
    // Caption lines taken into a borderless table (the unit line, the department line
    // above the header) are not its rows; a unit found there is the table's unit.
    let (skip, caption_unit) = caption_rows(&g);
    g.drain(..skip);
    if out.unit.is_none() {
        out.unit = caption_unit;
    }
    let unit = out.unit.as_deref().and_then(Unit::parse);
    let texts: Vec<Vec<String>> = g
        .iter()
        .map(|r| r.iter().map(|s| s.text.clone()).collect())
        .collect();
    let h = columns::header_rows(&texts);
    if h >= g.len() {
        return out;
    }
    let two_sided = base == "summary" || base == "fiscal_summary";
    let cols = columns::analyse(&texts, h, &base, two_sided);
    let sides: Vec<(Option<Side>, std::ops::Range<usize>)> =
        match two_sided.then(|| side_split(&cols)).flatten() {
            Some(s) => vec![
                (Some(Side::Income), 0..s),
                (Some(Side::Expenditure), s..t.n_cols),
            ],
            None => vec![(None, 0..t.n_cols)],
        };
    for (_, range) in &sides {
        for c in range.clone() {
            if let Role::Amount(k) = &cols[c].role {
                if !out.columns.contains(k) {
                    out.columns.push(k.clone());
                    out.headers.insert(k.clone(), cols[c].header());
                }
            }
        }
    }
    let data = &g[h..];
    let economic = data
        .iter()
        .flat_map(|row| {
            cols.iter()
                .enumerate()
                .filter(|(_, c)| c.role == Role::Code)
                .map(move |(i, _)| row[i].text.trim())
        })
        .any(|s| s.len() >= 3 && s.starts_with('3'));
    let mut last_level1: [Option<String>; 2] = [None, None];
    // The last carry-over line of each side and the line keys seen: a line repeated after
    // 年初结转和结余 is its breakdown (一、一般公共预算财政拨款 …), a child of that line.
    let mut last_carry: [Option<String>; 2] = [None, None];
    let mut seen_lines: [Vec<String>; 2] = [Vec::new(), Vec::new()];
    for (r, row) in data.iter().enumerate() {
        for (side, range) in &sides {
            let amount_cols: Vec<(usize, &str)> = range
                .clone()
                .filter_map(|c| {
                    if let Role::Amount(k) = &cols[c].role {
                        Some((c, k.as_str()))
                    } else {
                        None
                    }
                })
                .collect();
            let code_parts: Vec<&str> = range
                .clone()
                .filter(|&c| cols[c].role == Role::Code)
                .map(|c| row[c].text.trim())
                .filter(|s| !s.is_empty())
                .collect();
            let mut code_parts_dedup: Vec<&str> = Vec::new();
            for p in code_parts {
                // A merged cell (合计 across 类|款|项) repeats its text in each slot.
                if code_parts_dedup.last() != Some(&p) || p.chars().all(|c| c.is_ascii_digit()) {
                    code_parts_dedup.push(p);
                }
            }
            // Excel exports drop the leading zero of a 款 / 项 part (`301 | 2` for 30102).
            let padded: Vec<String> = code_parts_dedup
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    if i > 0 && p.len() == 1 && p.chars().all(|c| c.is_ascii_digit()) {
                        format!("0{p}")
                    } else {
                        p.to_string()
                    }
                })
                .collect();
            let padded: Vec<&str> = padded.iter().map(String::as_str).collect();
            let mut code = if padded.len() > 1 {
                Code::from_parts(&padded)
            } else {
                padded.first().and_then(|s| Code::parse(s))
            };
            // Procurement item rows are named by the item (采购物品名称), other rows by the
            // first label column (合计, a unit's 小计).
            let item_col = range.clone().find(|&c| {
                cols[c].role == Role::Name && columns::is_item_header(&cols[c].header())
            });
            let name_col = range.clone().find(|&c| cols[c].role == Role::Name);
            let name_text = |c: Option<usize>| {
                c.map(|c| row[c].text.trim().to_string())
                    .unwrap_or_default()
            };
            let mut name = Some(name_text(item_col))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| name_text(name_col));
            if name.is_empty() && code.is_none() {
                // 合计 printed across merged code cells.
                if let Some(p) = code_parts_dedup
                    .iter()
                    .find(|p| !p.chars().all(|c| c.is_ascii_digit()))
                {
                    name = p.to_string();
                }
            }
            if code.is_none() {
                let (c, n) = gongkai_normalize::split_code_name(&name);
                if c.is_some() && !n.is_empty() {
                    code = c;
                    name = n;
                }
            }
            let mut values = BTreeMap::new();
            let mut any = false;
            for (c, k) in &amount_cols {
                let v = value_of(&row[*c], unit);
                any |= v.is_some();
                values.insert(k.to_string(), v);
            }
            if name.is_empty() && code.is_none() && !any {
                continue;
            }
            let suffix = match side {
                Some(Side::Expenditure) => ".e",
                Some(Side::Income) => ".i",
                None => "",
            };
            let mut row_out = Row {
                id: format!("{id}.r{:02}{suffix}", r + h),
                kind: RowKind::Item,
                side: side.map(|s| s.as_str().to_string()),
                line: None,
                level: None,
                parent_line: None,
                class_code: None,
                code_level: code.as_ref().map(|c| c.level),
                parent_code: code.as_ref().and_then(|c| c.parent.clone()),
                code: code.as_ref().map(|c| c.code.clone()),
                name: name.clone(),
                values,
            };
            match side {
                Some(side) => {
                    let slot = if *side == Side::Income { 0 } else { 1 };
                    if let Some(mut lk) = line_key(&name, *side) {
                        let depth = ordinal_depth(&name);
                        let repeated = seen_lines[slot].contains(&lk.line);
                        seen_lines[slot].push(lk.line.clone());
                        let (level, parent) = if lk.is_total || lk.is_grand_total || lk.is_carry {
                            if lk.is_carry {
                                last_carry[slot] = Some(lk.line.clone());
                            }
                            (0, None)
                        } else if let (true, Some(carry)) = (repeated, last_carry[slot].clone()) {
                            let sub = lk.line.rsplit('.').next().unwrap_or("").to_string();
                            lk.line = format!("{carry}.{sub}");
                            (2, Some(carry))
                        } else if depth == 2 && last_level1[slot].is_some() {
                            (2, last_level1[slot].clone())
                        } else {
                            last_level1[slot] = Some(lk.line.clone());
                            (1, None)
                        };
                        row_out.kind = if lk.is_grand_total {
                            RowKind::GrandTotal
                        } else if lk.is_total {
                            RowKind::Total
                        } else if lk.class_code.is_some() {
                            RowKind::Class
                        } else {
                            RowKind::Item
                        };
                        row_out.class_code = lk.class_code.map(String::from);
                        row_out.line = Some(lk.line);
                        row_out.level = Some(level);
                        row_out.parent_line = parent;
                    } else if let Some(k) = label_kind(&name) {
                        row_out.kind = k;
                    } else if ordinal_depth(&name) == 1 {
                        // An unknown numbered line (三、单位预留机动经费) still counts in the side's sum.
                        row_out.level = Some(1);
                    }
                }
                None if base == "procurement" => {
                    // Rows without an item are groups (a unit's 小计, a category 一、货物, a
                    // project line in Jiangsu's nested layout); items name what is bought.
                    // Item-level columns: what is bought and how (a second purchase mode of
                    // the same item prints only 采购组织形式 and its amount).
                    let item_level = |h: &str| {
                        columns::is_item_header(h)
                            || ["组织形式", "采购方式", "计量单位", "数量", "单价", "目录"]
                                .iter()
                                .any(|w| h.contains(w))
                    };
                    let has_item = range
                        .clone()
                        .any(|c| item_level(&cols[c].header()) && !row[c].text.trim().is_empty());
                    row_out.kind = label_kind(&name).unwrap_or(if has_item || item_col.is_none() {
                        RowKind::Item
                    } else {
                        RowKind::Subtotal
                    });
                }
                None => {
                    row_out.kind = label_kind(&name).unwrap_or(
                        match (code.as_ref().map(|c| c.level), economic) {
                            (Some(1), _) => RowKind::Class,
                            (Some(2), false) => RowKind::Kuan,
                            _ if name.is_empty() && code.is_none() && base == "three_public" => {
                                RowKind::Total
                            }
                            _ => RowKind::Item,
                        },
                    );
                }
            }
            out.rows.push(row_out);
        }
    }
    if out.rows.iter().any(|r| r.code.is_some()) {
        out.code_system = Some(
            if economic {
                "dept_economic"
            } else {
                "gov_function"
            }
            .into(),
        );
    }
    out.row_sums = row_sums_for(&base, &out.columns, sides.len() == 2);
    out
}

/// The table type from header signatures alone (domain spec: titles and header signatures,
/// never positions): 三公 parts, 绩效 indicator levels, procurement words, 人员经费 / 公用经费,
/// 基本支出 / 项目支出 with a code column, and a two-sided 收入 / 支出 header.
fn classify_header(t: &Table, kind: Kind) -> Option<String> {
    let prefix = if kind == Kind::Final {
        "final"
    } else {
        "budget"
    };
    let head: String = t
        .cells
        .iter()
        .filter(|c| c.row < 3.min(t.n_rows))
        .map(|c| match_key(&c.text))
        .collect::<Vec<_>>()
        .join("|");
    let has = |w: &str| head.contains(w);
    let base = if has("因公出国") && has("接待") {
        "three_public"
    } else if has("一级指标") && has("二级指标") {
        return Some("performance".into());
    } else if has("采购物品") || has("采购品目") || has("政府采购") {
        return Some("procurement".into());
    } else if has("人员经费") && has("公用经费") && (has("科目") || has("编码")) {
        "gpb_basic"
    } else if has("基本支出") && has("项目支出") && (has("科目") || has("编码")) {
        "expenditure"
    } else if (has("收入") && has("支出") || has("支出用途")) && head.matches("项目").count() >= 2
    {
        if has("财政拨款") {
            "fiscal_summary"
        } else {
            "summary"
        }
    } else {
        return None;
    };
    Some(format!("{prefix}.{base}"))
}

/// Where the 支出 side starts in a two-sided table: the first column whose top header names
/// 支出 (not 收入) to the right of a 收入 one; failing that, the second name column
/// (`项目 | 预算数 | 项目 | 预算数`).
fn side_split(cols: &[columns::Column]) -> Option<usize> {
    let top = |c: usize| cols[c].path.first().cloned().unwrap_or_default();
    (1..cols.len())
        .find(|&c| {
            top(c).contains("支出")
                && !top(c).contains("收入")
                && (0..c).any(|k| top(k).contains("收入"))
        })
        .or_else(|| {
            cols.iter()
                .enumerate()
                .filter(|(_, c)| c.role == Role::Name)
                .nth(1)
                .map(|(i, _)| i)
        })
}
