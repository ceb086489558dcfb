//! Typed rows: code / name / amount columns (see `columns`), two-sided tables with line
//! keys (see `lines`), amounts in yuan with provenance, and the row sums each table type
//! promises (合计 = 基本支出 + 项目支出 …).
//!
//! Every number is accounted for: each non-empty numeric cell of a typed table's body ends
//! in exactly one place, a typed value (row × canonical column) or the table's `unmapped`
//! list (with its page, box, text, header path and the reason). Amounts are converted to
//! yuan only with evidence of the unit (the table's caption, a header cell, the title block
//! carried from the page before); without it `yuan` is null and the printed text is kept.

use std::collections::{BTreeMap, BTreeSet};

use gongkai_geom::Rect;
use gongkai_normalize::code::Code;
use gongkai_normalize::{match_key, parse_amount, yuan_string, Unit};

use crate::columns::{self, Role};
use crate::lines::{line_key, ordinal_depth, Side};
use gongkai_table::Table;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::recognize::classify_title;
use crate::values::Values;
use crate::Kind;

/// An amount with provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Value {
    /// Exact yuan, as a decimal string (`"7062800.00"`); `null` when the table's unit is
    /// not known (the number is never converted as if printed in 元).
    pub yuan: Option<String>,
    /// The cell text as printed.
    pub raw: String,
    /// Printed precision in yuan (half of it per term is the rounding tolerance); `null`
    /// with `yuan`.
    pub resolution_yuan: Option<String>,
    /// Page of the cell.
    pub page: u32,
    /// Cell box `[x0, top, x1, bottom]`.
    pub bbox: [f64; 4],
    /// Repairs applied to read the number.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub repairs: Vec<String>,
}

impl Value {
    /// The amount in yuan, when the unit is known.
    pub fn decimal(&self) -> Option<Decimal> {
        self.yuan.as_deref().and_then(|y| y.parse().ok())
    }
    /// The printed resolution in yuan, when the unit is known.
    pub fn resolution(&self) -> Option<Decimal> {
        self.resolution_yuan.as_deref().and_then(|y| y.parse().ok())
    }
    /// The number as printed (in the table's unit, whatever it is).
    pub fn printed(&self) -> Option<Decimal> {
        parse_amount(&self.raw).ok().flatten().map(|a| a.value)
    }
    /// The printed resolution in the table's unit (`"12.34"` → 0.01).
    pub fn printed_resolution(&self) -> Option<Decimal> {
        parse_amount(&self.raw).ok().flatten().map(|a| a.resolution)
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
    /// Row id, `t03.r12` (`t03.r12.i` / `t03.r12.e` for the sides of a two-sided table,
    /// `.e2` / `.p2` for a second block or panel of the same printed row).
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
    /// and carry-over lines. Procurement group lines: the depth of the label column they
    /// fill (1 = the outermost).
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
    /// Two-sided tables: the wording the `line` was keyed by when the printed label differs
    /// from it in one character (an OCR misread, `九、住房保障文出` keyed as `住房保障支出`).
    /// The key rests on that reading: a row carrying it is a repair, not a printed match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_read_as: Option<String>,
    /// Amount per canonical column key; `None` for blank or dash cells.
    pub values: Values,
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

/// A numeric cell of a typed table that is not a typed value, with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unmapped {
    /// The row id the cell would belong to (`t03.r12`).
    pub row: String,
    /// The row's label as printed (may be empty).
    pub label: String,
    /// The column's printed header path.
    pub header: String,
    /// The cell text as printed.
    pub raw: String,
    /// Page of the cell.
    pub page: u32,
    /// Cell box `[x0, top, x1, bottom]`.
    pub bbox: [f64; 4],
    /// Why it was not typed (`header_not_recognised`, `not_an_amount_column`,
    /// `ambiguous_column`).
    pub reason: String,
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
    /// Why the type was not taken from the title when both were read (the title's type and
    /// the header signature disagreed).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub recognition_note: Option<String>,
    /// Title as printed.
    pub title: Option<String>,
    /// Unit as printed (`万元`, `元`), when there is evidence of it.
    pub unit: Option<String>,
    /// Where the unit was read: `caption` (a unit line above the table or in its title
    /// block), `header` (a header cell), `document` (stated for the whole document). `null`
    /// with `unit`: the amounts then have no yuan value and a `unit_unknown` finding.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unit_source: Option<String>,
    /// Pages.
    pub pages: Vec<u32>,
    /// Canonical amount column keys in order.
    pub columns: Vec<String>,
    /// The printed header path of each amount column key. A key both halves of a two-sided
    /// table print (`amount`) has each side's header under `income/amount` and
    /// `expenditure/amount`, and under `amount` what the two share (`决算数`). A second block
    /// of a side or a second panel (rows `….e2`, `….p2`) has its own under `e2/amount`,
    /// `p2/total`.
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
    /// Non-empty numeric cells of the table's body (typed values + unmapped).
    #[serde(default)]
    pub numeric_cells: usize,
    /// Numeric cells that are not typed values, each with its reason.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub unmapped: Vec<Unmapped>,
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

    /// Typed values that hold a number (blank and dash cells are typed as `null`).
    pub fn typed_values(&self) -> usize {
        self.rows
            .iter()
            .flat_map(|r| r.values.values())
            .filter(|v| v.is_some())
            .count()
    }

    /// The table's base type without its `budget.` / `final.` prefix.
    pub fn base_type(&self) -> Option<&str> {
        let tt = self.table_type.as_deref()?;
        Some(tt.split_once('.').map_or(tt, |(_, b)| b))
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
        let rows = c.row.min(t.n_rows)..(c.row + c.rowspan).min(t.n_rows);
        for (r, line) in g[rows.clone()].iter_mut().enumerate() {
            let cols = c.col.min(t.n_cols)..(c.col + c.colspan).min(t.n_cols);
            for (k, slot) in line[cols].iter_mut().enumerate() {
                *slot = Slot {
                    text: c.text.clone(),
                    origin: r == 0 && k == 0,
                    page: c.page,
                    bbox: c.bbox,
                };
            }
        }
    }
    g
}

/// A cell's amount with provenance, `None` when blank, a dash or not a number. Without a
/// unit (`None`) the value keeps its printed text and has no yuan.
pub(crate) fn value_of(slot: &Slot, unit: Option<Unit>) -> Option<Value> {
    if !slot.origin {
        return None;
    }
    let a = parse_amount(&slot.text).ok().flatten()?;
    Some(Value {
        yuan: unit.map(|u| yuan_string(&a.yuan(u))),
        raw: slot.text.clone(),
        resolution_yuan: unit.map(|u| a.resolution_yuan(u).normalize().to_string()),
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

/// Spending columns that add up to a spending total beside 基本支出 (or its parts) and
/// 项目支出: Jiangsu's 单位预留机动经费 and 结转下年资金; finals' 上缴上级支出, 经营支出,
/// 对附属单位补助支出.
const SPENDING_PARTS: [&str; 6] = [
    "project",
    "reserve",
    "carry_forward",
    "to_superior",
    "operating",
    "to_affiliated",
];

/// Funding columns that add up to an income total (and 上年结转 where printed beside them).
const INCOME_PARTS: [&str; 12] = [
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
    "carry_over",
];

/// The row sums a table type promises, for the keys it has: one model for every amount
/// table — a total is the sum of the columns that split it (合计 = 基本支出 + 项目支出 (+
/// the other spending columns); 基本支出 = 人员经费 + 公用经费, and where 基本支出 is not
/// printed its parts stand in for it; 合计 = Σ funding sources).
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
                let parts = [k("total"), k("meeting"), k("training")]
                    .into_iter()
                    .filter(|c| has(c))
                    .collect();
                push(&k("grand_total"), parts, None);
            }
        }
        "summary" | "fiscal_summary" if sides => {
            // The spending side: 合计 = Σ funds (财政拨款收支总表), and the spending
            // columns some templates print (合计 | 人员经费 | 公用经费 | 项目支出).
            push(
                "total",
                present(&["general_budget", "gov_fund", "state_capital"]),
                Some("expenditure"),
            );
            let basic_parts = present(&["personnel", "public"]);
            push("basic", basic_parts.clone(), Some("expenditure"));
            let mut spending = if has("basic") {
                vec!["basic".to_string()]
            } else {
                basic_parts
            };
            spending.extend(present(&SPENDING_PARTS));
            push("total", spending, Some("expenditure"));
        }
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
            let basic_parts = present(&["personnel", "public"]);
            push("basic", basic_parts.clone(), None);
            let mut spending = if has("basic") {
                vec!["basic".to_string()]
            } else {
                basic_parts
            };
            spending.extend(present(&SPENDING_PARTS));
            if has("basic") || has("project") || has("personnel") || has("public") {
                push("total", spending, None);
            } else {
                push("total", present(&INCOME_PARTS), None);
            }
        }
    }
    out
}

/// A caption statement printed on a table's first line: `部门：…`, `编制部门：…`,
/// `单位名称：…`, `预算单位：…` (a unit statement is told apart by [`gongkai_table::unit_of`]).
fn is_caption_statement(text: &str) -> bool {
    let k = match_key(text);
    [
        "部门:",
        "编制部门:",
        "编制单位:",
        "单位名称:",
        "预算单位:",
        "部门名称:",
    ]
    .iter()
    .any(|p| k.starts_with(p))
}

/// Leading rows of a table grid that are caption lines, not table rows: a row whose one
/// text is a unit statement (`单位：万元`), a department line (`312 青水市柳川县水利局`: a
/// 3–6 digit code, then a name) or a title printed in the table, or whose texts are all
/// caption statements (`部门：… | 单位：万元`, the caption line a borderless table takes
/// in). Returns how many, and the unit stated.
fn caption_rows(g: &[Vec<Slot>]) -> (usize, Option<String>) {
    let mut unit = None;
    let mut n = 0;
    for row in g {
        let texts: Vec<&str> = row
            .iter()
            .filter(|s| s.origin && !s.text.trim().is_empty())
            .map(|s| s.text.trim())
            .collect();
        if texts.len() >= 2
            && texts
                .iter()
                .all(|t| gongkai_table::unit_of(t).is_some() || is_caption_statement(t))
        {
            if let Some(u) = texts.iter().find_map(|t| gongkai_table::unit_of(t)) {
                unit = Some(u);
            }
            n += 1;
            continue;
        }
        let [text] = texts[..] else { break };
        let k = match_key(text);
        let title_line = n == 0 && k.ends_with('表') && row.len() >= 2;
        let year_line = k.starts_with('(') && k.ends_with(')') && k.contains('年');
        if let Some(u) = gongkai_table::unit_of(text) {
            unit = Some(u);
        } else if title_line || year_line || is_caption_statement(text) {
            // A title printed inside the table, its (2023年度) line, a 部门：… line.
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

/// A unit statement inside a header cell (`项目 单位：万元`, `单位:万元` glued into the first
/// header cell of a borderless export): the unit, and the cell's text without it.
fn unit_in_header(text: &str) -> Option<(String, String)> {
    let unit = gongkai_table::unit_of(text)?;
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let start = compact.find("金额单位").or_else(|| compact.find("单位"))?;
    let after = &compact[start..];
    let end = after
        .find(unit.as_str())
        .map(|i| i + unit.len())
        .unwrap_or(after.len());
    let mut rest = String::new();
    rest.push_str(compact[..start].trim_end_matches(['(', '（']));
    rest.push_str(after[end..].trim_start_matches([')', '）']));
    let rest = rest.trim_matches([' ', ',', '，', ';', '；']).to_string();
    Some((unit, rest))
}

/// One block of columns that types one row per printed row: a side of a two-sided table
/// (or a second name | amount pair on the same side, as Jiangsu's 支出功能分类 | 支出用途),
/// or a panel of a table printed twice side by side (the final 基本支出 table).
struct Block {
    side: Option<Side>,
    cols: std::ops::Range<usize>,
    suffix: String,
}

/// The blocks of a table: a new block starts at a code or name column that follows an
/// amount or other non-label column (procurement tables, whose item columns follow the project's budget,
/// are one block).
/// The trailing `/`-separated parts two header paths share (`收入/决算数`, `支出/决算数` →
/// `决算数`).
fn common_tail(a: &str, b: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split('/').collect(), b.split('/').collect());
    let n = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    a[a.len() - n..].join("/")
}

fn blocks(cols: &[columns::Column], two_sided: bool, base: &str) -> Vec<Block> {
    let n = cols.len();
    let sides: Vec<(Option<Side>, std::ops::Range<usize>)> =
        match two_sided.then(|| side_split(cols)).flatten() {
            Some(s) => vec![(Some(Side::Income), 0..s), (Some(Side::Expenditure), s..n)],
            None => vec![(None, 0..n)],
        };
    let mut out = Vec::new();
    for (side, range) in sides {
        let mut start = range.start;
        let mut seen_amount = false;
        let mut seen_label = false;
        let mut parts: Vec<std::ops::Range<usize>> = Vec::new();
        for c in range.clone() {
            let label = matches!(cols[c].role, Role::Code | Role::Name);
            if label && seen_amount && base != "procurement" {
                parts.push(start..c);
                start = c;
                seen_amount = false;
            }
            // Any headed column between two label columns ends the first block: an amount
            // column whose header was misread and whose cells are all blank is `Other`, and
            // the labels beyond it name figures of their own. A column without header or
            // cells of its own (a label spanning into it) separates nothing.
            if label {
                seen_label = true;
            } else if seen_label && !cols[c].path.is_empty()
                || matches!(cols[c].role, Role::Amount(_) | Role::Unknown(_))
            {
                seen_amount = true;
            }
        }
        parts.push(start..range.end);
        for (i, cols) in parts.into_iter().enumerate() {
            let base_suffix = match side {
                Some(Side::Income) => ".i",
                Some(Side::Expenditure) => ".e",
                None => "",
            };
            let suffix = match (i, side) {
                (0, _) => base_suffix.to_string(),
                (_, Some(_)) => format!("{base_suffix}{}", i + 1),
                (_, None) => format!(".p{}", i + 1),
            };
            out.push(Block { side, cols, suffix });
        }
    }
    out
}

/// Whether a numeric-looking cell text is a classification code printed in a label column
/// (`301` under 科目名称), not an amount.
fn is_code_text(s: &str) -> bool {
    columns::is_code_like(s) && s.trim().len() >= 3
}

/// Types one table. `kind` is the document's; the unit comes from the table (`单位：万元`).
pub fn type_table(index: usize, t: &Table, kind: Kind) -> TypedTable {
    let id = format!("t{index:02}");
    let recognised = recognize(t, kind);
    let mut out = TypedTable {
        id: id.clone(),
        recognized_by: recognised.by.map(String::from),
        recognition_note: recognised.note,
        table_type: recognised.table_type.clone(),
        title: t.title.clone().or_else(|| title_in_first_row(t)),
        unit: t.unit.clone(),
        unit_source: t.unit.as_ref().map(|_| "caption".to_string()),
        pages: t.pages.clone(),
        columns: Vec::new(),
        headers: BTreeMap::new(),
        code_system: None,
        row_sums: Vec::new(),
        rows: Vec::new(),
        numeric_cells: 0,
        unmapped: Vec::new(),
    };
    let Some(tt) = recognised.table_type else {
        return out;
    };
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
    if out.unit.is_none() && caption_unit.is_some() {
        out.unit = caption_unit;
        out.unit_source = Some("caption".into());
    }
    let mut texts: Vec<Vec<String>> = g
        .iter()
        .map(|r| r.iter().map(|s| s.text.clone()).collect())
        .collect();
    let h = columns::header_rows(&texts);
    if h >= g.len() {
        return out;
    }
    // A unit statement glued into a header cell is the table's unit, and no part of the
    // column's name.
    for row in texts.iter_mut().take(h) {
        for cell in row.iter_mut() {
            if let Some((unit, rest)) = unit_in_header(cell) {
                if out.unit.is_none() {
                    out.unit = Some(unit);
                    out.unit_source = Some("header".into());
                }
                *cell = rest;
            }
        }
    }
    let unit = out.unit.as_deref().and_then(Unit::parse);
    if unit.is_none() {
        // A unit we cannot convert (美元, 百万元) is no evidence of yuan.
        out.unit_source = None;
    }
    let two_sided = base == "summary" || base == "fiscal_summary";
    // What a column holds is judged by the cells printed in it: a body cell spanning from
    // the column to its left (a 合计 label run across an amount column left blank) says
    // nothing of this one. Header cells keep their spans (a group header names each column
    // under it).
    let own_cells: Vec<Vec<String>> = texts
        .iter()
        .zip(&g)
        .enumerate()
        .map(|(r, (row, slots))| {
            row.iter()
                .zip(slots)
                .map(|(text, slot)| {
                    if r < h || slot.origin {
                        text.clone()
                    } else {
                        String::new()
                    }
                })
                .collect()
        })
        .collect();
    let mut cols = columns::analyse(&own_cells, h, &base, two_sided);
    let blocks = blocks(&cols, two_sided, &base);
    // Two amount columns of one block with one key: which is which is not known, so
    // neither is typed.
    for b in &blocks {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for c in b.cols.clone() {
            if let Role::Amount(k) = &cols[c].role {
                *seen.entry(k.clone()).or_default() += 1;
            }
        }
        for c in b.cols.clone() {
            if let Role::Amount(k) = &cols[c].role {
                if seen.get(k).copied().unwrap_or(0) > 1 {
                    cols[c].role = Role::Unknown(format!("{} (ambiguous: {k})", cols[c].header()));
                }
            }
        }
    }
    let side_of = |c: usize| {
        blocks
            .iter()
            .find(|b| b.cols.contains(&c))
            .and_then(|b| b.side)
    };
    // A second block of a side or a second panel (`e2`, `p2`): its rows' ids end so.
    let later_block = |c: usize| {
        blocks
            .iter()
            .find(|b| b.cols.contains(&c))
            .map(|b| b.suffix.trim_start_matches('.'))
            .filter(|s| s.ends_with(|ch: char| ch.is_ascii_digit()))
    };
    let mut sided: BTreeMap<String, String> = BTreeMap::new();
    for (i, c) in cols.iter().enumerate() {
        if let Role::Amount(k) = &c.role {
            if !out.columns.contains(k) {
                out.columns.push(k.clone());
                out.headers.insert(k.clone(), c.header());
            }
            if let Some(block) = later_block(i) {
                out.headers
                    .entry(format!("{block}/{k}"))
                    .or_insert_with(|| c.header());
            }
            if let Some(side) = side_of(i) {
                sided
                    .entry(format!("{}/{k}", side.as_str()))
                    .or_insert_with(|| c.header());
            }
        }
    }
    // A key both sides print (`amount` under 收入/决算数 and under 支出/决算数): each side's
    // header is kept under `income/amount` and `expenditure/amount`, and the key's own is
    // what the two have in common (`决算数`), not one side's.
    for k in &out.columns {
        let (ik, ek) = (format!("income/{k}"), format!("expenditure/{k}"));
        let (Some(i), Some(e)) = (sided.get(&ik), sided.get(&ek)) else {
            continue;
        };
        let common = common_tail(i, e);
        let shared = if common.is_empty() { k.clone() } else { common };
        out.headers.insert(k.clone(), shared);
        out.headers.insert(ik.clone(), i.clone());
        out.headers.insert(ek.clone(), e.clone());
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
    let mut last_level1: BTreeMap<String, String> = BTreeMap::new();
    // The last carry-over line of each side and the line keys seen: a line repeated after
    // 年初结转和结余 is its breakdown (一、一般公共预算财政拨款 …), a child of that line.
    let mut last_carry: [Option<String>; 2] = [None, None];
    let mut seen_lines: [Vec<String>; 2] = [Vec::new(), Vec::new()];
    // Numeric cells placed as typed values, by (data row, column).
    let mut typed: BTreeSet<(usize, usize)> = BTreeSet::new();
    // Rows (and side blocks) whose label was read as the rest of the row above's.
    let mut continued: BTreeSet<(usize, String)> = BTreeSet::new();
    let mut row_ids: Vec<String> = Vec::with_capacity(data.len());
    let mut row_labels: Vec<String> = Vec::with_capacity(data.len());
    for (r, row) in data.iter().enumerate() {
        row_ids.push(format!("{id}.r{:02}", r + h));
        row_labels.push(String::new());
        for block in &blocks {
            let range = block.cols.clone();
            let side = block.side;
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
            // A label split over a group column and a sub-label column (Jiangsu 2017's
            // 收入总表: `一般公共预算资金 | 小计`, then `… | 公共财政拨款(补助)资金`): the row
            // is named by its most specific label, and a 小计 there makes it the group's
            // subtotal.
            let mut sub_total = None;
            if let (Some(first), None) = (name_col, item_col) {
                let first_header = cols[first].header();
                for c in range
                    .clone()
                    .filter(|&c| c > first && cols[c].role == Role::Name)
                {
                    let h = cols[c].header();
                    if !(h.is_empty() || h == first_header) {
                        continue;
                    }
                    let text = row[c].text.trim();
                    if text.is_empty() || text == name {
                        continue;
                    }
                    match label_kind(text) {
                        Some(k) => sub_total = Some(k),
                        None => name = text.to_string(),
                    }
                }
            }
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
            if row_labels[r].is_empty() {
                row_labels[r] = name.clone();
            }
            let mut values = Values::new();
            let mut any = false;
            for (c, k) in &amount_cols {
                let v = value_of(&row[*c], unit);
                if v.is_some() {
                    typed.insert((r, *c));
                }
                any |= v.is_some();
                values.insert(k.to_string(), v);
            }
            values.shrink_to_fit();
            if name.is_empty() && code.is_none() && !any {
                continue;
            }
            if !any && continued.contains(&(r, block.suffix.clone())) {
                continue; // the rest of the label above, read with it
            }
            let mut row_out = Row {
                id: format!("{id}.r{:02}{}", r + h, block.suffix),
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
                line_read_as: None,
                values,
            };
            match side {
                Some(side) => {
                    let slot = if side == Side::Income { 0 } else { 1 };
                    let block_key = block.suffix.clone();
                    // A label cut over two rows, its figures on the first (`八、社会保障和就
                    // 1,608.51` / `业支出`): when the label names no line and the next
                    // row holds only the rest of it (no figure, no ordinal of its own), the
                    // two are read as one label and the next row is used up.
                    let mut key = line_key(&name, side);
                    if key.is_none() {
                        if let Some(next) = data.get(r + 1) {
                            let rest = name_col.map(|c| next[c].text.trim()).unwrap_or("");
                            let bare = amount_cols
                                .iter()
                                .all(|(c, _)| next[*c].text.trim().is_empty());
                            if !rest.is_empty() && bare && ordinal_depth(rest) == 0 {
                                let joined = format!("{name}{rest}");
                                if let Some(lk) = line_key(&joined, side) {
                                    key = Some(lk);
                                    name = joined;
                                    row_out.name = name.clone();
                                    continued.insert((r + 1, block_key.clone()));
                                }
                            }
                        }
                    }
                    if let Some(mut lk) = key {
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
                        } else if depth == 2 && last_level1.contains_key(&block_key) {
                            (2, last_level1.get(&block_key).cloned())
                        } else {
                            last_level1.insert(block_key, lk.line.clone());
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
                        row_out.line_read_as = lk.read_as;
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
                    if row_out.kind == RowKind::Subtotal {
                        // A group's depth is the most specific label column it fills
                        // (Jiangsu: 采购品目大类 `一、货物A` over lines of 专项名称 and
                        // 经济科目 — a line naming only a 经济科目 is another such line of
                        // the same project — over items), and an unnamed group line takes
                        // its name from its first filled label.
                        let labels: Vec<usize> = range
                            .clone()
                            .filter(|&c| cols[c].role == Role::Name && Some(c) != item_col)
                            .collect();
                        let filled: Vec<(usize, usize)> = labels
                            .iter()
                            .enumerate()
                            .filter(|(_, &c)| row[c].origin && !row[c].text.trim().is_empty())
                            .map(|(d, &c)| (d, c))
                            .collect();
                        if let (Some(&(_, first)), Some(&(depth, _))) =
                            (filled.first(), filled.last())
                        {
                            row_out.level = Some(depth as u8 + 1);
                            if row_out.name.is_empty() {
                                row_out.name = row[first].text.trim().to_string();
                            }
                        }
                    }
                }
                None => {
                    row_out.kind = sub_total.or_else(|| label_kind(&name)).unwrap_or(
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
    // The accounting: every numeric cell of the body is a typed value or unmapped.
    for (r, row) in data.iter().enumerate() {
        for (c, slot) in row.iter().enumerate() {
            if !slot.origin || typed.contains(&(r, c)) {
                continue;
            }
            let text = slot.text.trim();
            let several = columns::is_several_amounts(text);
            if text.is_empty() || !(several || matches!(parse_amount(text), Ok(Some(_)))) {
                continue;
            }
            let reason = match &cols[c].role {
                Role::Code => continue,
                Role::Other if columns::holds_no_money(&cols[c]) => continue,
                Role::Name if is_code_text(text) => continue,
                Role::Unknown(h) if h.contains("(ambiguous") => "ambiguous_column",
                Role::Unknown(_) => "header_not_recognised",
                Role::Amount(_) if several => "several_amounts_in_one_cell",
                Role::Amount(_) => "not_read",
                Role::Name | Role::Other => "not_an_amount_column",
            };
            out.unmapped.push(Unmapped {
                row: row_ids[r].clone(),
                label: row_labels[r].clone(),
                header: cols[c].header(),
                raw: slot.text.clone(),
                page: slot.page,
                bbox: slot.bbox.to_array(),
                reason: reason.into(),
            });
        }
    }
    out.numeric_cells = typed.len() + out.unmapped.len();
    // A table of one unnamed row under its column headers (Jiangsu's 支出总表: 合计 | 基本支出
    // | 项目支出 | …) prints its totals: that row is the total row.
    if let [only] = &mut out.rows[..] {
        if only.name.is_empty() && only.code.is_none() && only.side.is_none() {
            only.kind = RowKind::Total;
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
    out.row_sums = row_sums_for(&base, &out.columns, blocks.iter().any(|b| b.side.is_some()));
    out
}

/// A title printed as the table's first row (Shanghai's 财政项目支出绩效目标填报表: one cell
/// across the table, ending in 表), for a table with no title above it.
pub(crate) fn title_in_first_row(t: &Table) -> Option<String> {
    let first: Vec<&gongkai_table::Cell> = t
        .cells
        .iter()
        .filter(|c| c.row == 0 && !c.text.trim().is_empty())
        .collect();
    let [c] = first[..] else { return None };
    let spans = c.colspan * 2 >= t.n_cols && t.n_cols >= 2;
    (spans && match_key(&c.text).ends_with('表')).then(|| c.text.trim().to_string())
}

/// What a table was recognised as, and from what.
struct Recognised {
    table_type: Option<String>,
    by: Option<&'static str>,
    note: Option<String>,
}

/// The table type from the title and the header signature (domain spec: titles and header
/// signatures, never positions). The title decides, unless the header carries a signature
/// only one table type has (三公 parts, 绩效 indicator levels, procurement words, a two-sided
/// 收入 | 支出 header) and the title names another type: a title cut short or wrapped
/// (`支出预算表` read from the last line of a two-line 三公 title) must not type the table.
fn recognize(t: &Table, kind: Kind) -> Recognised {
    let title = t.title.clone().or_else(|| title_in_first_row(t));
    let by_title = title
        .as_deref()
        .and_then(|title| classify_title(title, kind));
    let by_header = classify_header(t, kind);
    match (by_title, by_header) {
        (Some(title_type), Some((header, strong)))
            if strong && base_of(&title_type) != base_of(&header) =>
        {
            Recognised {
                note: Some(format!(
                    "title {:?} reads as {title_type}; the header is that of {header}",
                    title.as_deref().unwrap_or("")
                )),
                table_type: Some(header),
                by: Some("header"),
            }
        }
        (Some(title_type), _) => Recognised {
            table_type: Some(title_type),
            by: Some("title"),
            note: None,
        },
        (None, Some((header, _))) => Recognised {
            table_type: Some(header),
            by: Some("header"),
            note: None,
        },
        (None, None) => Recognised {
            table_type: None,
            by: None,
            note: None,
        },
    }
}

fn base_of(tt: &str) -> &str {
    tt.split_once('.').map_or(tt, |(_, b)| b)
}

/// The table type from header signatures alone (domain spec: titles and header signatures,
/// never positions): 三公 parts, 绩效 indicator levels, procurement words, 人员经费 / 公用经费,
/// 基本支出 / 项目支出 with a code column, and a two-sided 收入 / 支出 header. The flag says
/// whether the signature belongs to that type only (strong enough to overrule a title).
fn classify_header(t: &Table, kind: Kind) -> Option<(String, bool)> {
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
    let (base, strong) = if has("因公出国") && has("接待") {
        ("three_public", true)
    } else if has("一级指标") && has("二级指标") {
        return Some(("performance".into(), true));
    } else if has("采购物品") || has("采购品目") || has("政府采购") {
        return Some(("procurement".into(), true));
    } else if has("人员经费") && has("公用经费") && (has("科目") || has("编码")) {
        ("gpb_basic", false)
    } else if has("基本支出") && has("项目支出") && (has("科目") || has("编码")) {
        ("expenditure", false)
    } else if (has("收入") && has("支出") || has("支出用途")) && head.matches("项目").count() >= 2
    {
        if has("财政拨款") {
            ("fiscal_summary", false)
        } else {
            ("summary", false)
        }
    } else {
        return None;
    };
    Some((format!("{prefix}.{base}"), strong))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_glued_into_a_header_cell() {
        assert_eq!(
            unit_in_header("项目 单位：万元"),
            Some(("万元".to_string(), "项目".to_string()))
        );
        assert_eq!(
            unit_in_header("单位:万元"),
            Some(("万元".to_string(), String::new()))
        );
        assert_eq!(
            unit_in_header("（金额单位：元）科目名称"),
            Some(("元".to_string(), "科目名称".to_string()))
        );
        assert_eq!(unit_in_header("单位名称"), None);
    }

    fn borderless(rows: &[&[&str]], title: &str) -> Table {
        let n_cols = rows[0].len();
        let mut cells = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                cells.push(serde_json::json!({
                    "row": r, "col": c, "rowspan": 1, "colspan": 1, "page": 1, "text": text,
                    "bbox": {"x0": 50.0 + 80.0 * c as f64, "top": 100.0 + 15.0 * r as f64,
                             "x1": 120.0 + 80.0 * c as f64, "bottom": 112.0 + 15.0 * r as f64}
                }));
            }
        }
        serde_json::from_value(serde_json::json!({
            "page": 1, "pages": [1], "method": "stream", "title": title, "unit": null,
            "caption": [], "n_rows": rows.len(), "n_cols": n_cols, "cells": cells,
            "row_pages": vec![1; rows.len()], "col_edges": [], "header_rows": 0,
            "bbox": {"x0": 50.0, "top": 100.0, "x1": 500.0, "bottom": 200.0}
        }))
        .expect("table")
    }

    fn total(t: &TypedTable, col: &str) -> Option<String> {
        t.rows
            .iter()
            .find(|r| r.kind == RowKind::Total)
            .and_then(|r| r.values.get(col).cloned().flatten())
            .and_then(|v| v.yuan)
    }

    /// Borderless exports: the caption line (`部门：… 单位：万元`) taken in as the table's
    /// first row, or the unit glued into a header cell, is the table's unit — the amounts
    /// are 万元, not 元 (issue 15: 512.82 万元 was written as "yuan": "512.82").
    #[test]
    fn borderless_unit_in_the_grid() {
        let t = borderless(
            &[
                &["部门：青州市民政局", "", "", "", "单位：万元"],
                &["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                &["", "合计", "512.82", "400.00", "112.82"],
                &["208", "社会保障和就业支出", "512.82", "400.00", "112.82"],
            ],
            "部门预算支出总表",
        );
        let typed = type_table(0, &t, Kind::Budget);
        assert_eq!(typed.unit.as_deref(), Some("万元"));
        assert_eq!(typed.unit_source.as_deref(), Some("caption"));
        assert_eq!(total(&typed, "total").as_deref(), Some("5128200.00"));
        assert_eq!(typed.numeric_cells, 6);
        let t = borderless(
            &[
                &[
                    "科目编码",
                    "科目名称",
                    "合计",
                    "基本支出",
                    "项目支出 单位：万元",
                ],
                &["", "合计", "512.82", "400.00", "112.82"],
                &["208", "社会保障和就业支出", "512.82", "400.00", "112.82"],
            ],
            "部门预算支出总表",
        );
        let typed = type_table(0, &t, Kind::Budget);
        assert_eq!(typed.unit_source.as_deref(), Some("header"));
        assert_eq!(total(&typed, "project").as_deref(), Some("1128200.00"));
        // No statement anywhere: no yuan.
        let t = borderless(
            &[
                &["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                &["", "合计", "512.82", "400.00", "112.82"],
            ],
            "部门预算支出总表",
        );
        let typed = type_table(0, &t, Kind::Budget);
        assert_eq!(
            (typed.unit.as_deref(), total(&typed, "total")),
            (None, None)
        );
        assert_eq!(typed.typed_values(), 3);
    }

    /// Two amounts read into one cell (`0.00 0.00`: a borderless extraction put the figures of
    /// neighbouring columns together) make that column numeric, never a name column, and the
    /// cell is unmapped with its reason — not a row label, not silently dropped. Fails
    /// without `is_several_amounts` (the column was taken as names, the row split off as a
    /// second panel named `0.00 0.00`, and the zeros were lost with no finding).
    #[test]
    fn a_block_whose_amount_header_is_misread_keeps_its_figures_apart() {
        // 江苏省高级人民法院 2018 收支预算总表 scanned (real-layout tuning half): the 功能分类
        // block's 金额 read `会疾`, two of its figures damaged. The 支出用途 block's figures
        // belong to its own labels, never to the 功能分类 line printed on the same row.
        let t = borderless(
            &[
                &["收入", "", "支出", "", "", ""],
                &[
                    "项目名称",
                    "全矣",
                    "功能科目名称",
                    "会疾",
                    "项目名称",
                    "金额",
                ],
                &[
                    "、财政拨款",
                    "33,172.15",
                    "、一般公共服务支出",
                    "",
                    "一基本支出：",
                    "18,570.82",
                ],
                &[
                    "二、财政专户管理资金",
                    "",
                    "四： :公共安全支出",
                    "26,.200.88",
                    "二、项目支出",
                    "11,343.27",
                ],
                &[
                    "三、其他资金",
                    "",
                    "八、社会保障和就业支出",
                    "2, 254.76",
                    "",
                    "",
                ],
                &[
                    "当年收入小计",
                    "33,172.15",
                    "当年支出小计",
                    "",
                    "",
                    "33,172.15",
                ],
                &["上年结转资金", "", "结转下年资金", "", "", ""],
                &["收入合计", "33,172.15", "支出合计", "", "", "33,172.15"],
            ],
            "收支预算总表",
        );
        // The scan's two total rows print their label across the 功能分类 and 支出用途
        // blocks: cells spanning three columns (as the ruled table stage gives them).
        let mut t = t;
        t.cells
            .retain(|c| !(c.row >= 5 && (c.col == 3 || c.col == 4)));
        for c in t.cells.iter_mut().filter(|c| c.row >= 5 && c.col == 2) {
            c.colspan = 3;
        }
        let typed = type_table(0, &t, Kind::Budget);
        assert_eq!(typed.table_type.as_deref(), Some("budget.summary"));
        let amount = |name: &str| {
            typed
                .rows
                .iter()
                .find(|r| r.name == name)
                .and_then(|r| r.values.get("amount").cloned().flatten())
                .map(|v| v.raw)
        };
        assert_eq!(amount("、一般公共服务支出"), None, "{:?}", typed.rows);
        assert_eq!(amount("一基本支出：").as_deref(), Some("18,570.82"));
        assert_eq!(amount("二、项目支出").as_deref(), Some("11,343.27"));
    }

    #[test]
    fn a_label_spanning_an_empty_column_is_one_block() {
        // 江苏省人民检察院 2017 收入预算总表 (text layer): group labels span the two label
        // columns (`一般公共预算资金` over rows of sub-labels), so the middle column has no
        // cell of its own. It separates no blocks: the rows keep one id each.
        let mut t = borderless(
            &[
                &["项目名称", "", "", "金额"],
                &["收入总计", "", "", "17,996.68"],
                &["一般公共预算资金", "", "小计", "17,981.68"],
                &["", "", "公共财政拨款(补助)资金", "17,981.68"],
            ],
            "收入预算总表",
        );
        t.cells.retain(|c| {
            !(c.row == 1 && (c.col == 1 || c.col == 2)
                || c.row >= 2 && c.col == 1
                || c.row == 3 && c.col == 0)
        });
        for c in t.cells.iter_mut() {
            match (c.row, c.col) {
                (1, 0) => c.colspan = 3,
                (2, 0) => (c.rowspan, c.colspan) = (2, 2),
                _ => {}
            }
        }
        let typed = type_table(0, &t, Kind::Budget);
        assert_eq!(typed.table_type.as_deref(), Some("budget.income"));
        let ids: Vec<&str> = typed.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["t00.r01", "t00.r02", "t00.r03"], "{:?}", typed.rows);
    }

    #[test]
    fn a_figure_with_more_decimals_than_its_table_is_flagged() {
        // A real-layout scan (tianbaoxitong 2024 基本支出表, printed in 元 without decimals):
        // `6,958,414` read `6,958.414`, which parses, and is 1000× off.
        let t = borderless(
            &[
                &["单位：元", "", "", "", ""],
                &["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
                &["301", "工资福利支出", "6,958,414", "6,958.414", ""],
                &["30101", "基本工资", "758,448", "758,448", ""],
                &["30201", "办公费", "69,000", "", "69,000"],
                &["", "合计", "7,027,414", "6,958,414", "69,000"],
            ],
            "一般公共预算基本支出预算表",
        );
        let typed = type_table(0, &t, Kind::Budget);
        assert_eq!(typed.table_type.as_deref(), Some("budget.gpb_basic"));
        let findings = crate::identities::check_tables(std::slice::from_ref(&typed));
        let dec: Vec<_> = findings.iter().filter(|f| f.rule == "DEC").collect();
        assert_eq!(dec.len(), 1, "{dec:?}");
        assert_eq!(
            (dec[0].row.as_str(), dec[0].column.as_str()),
            ("t00.r01", "personnel")
        );
        assert_eq!(dec[0].lhs, "6,958.414");
        assert!(dec[0].status.is_failure());
    }

    #[test]
    fn several_amounts_in_one_cell_are_unmapped() {
        let t = borderless(
            &[
                &["部门：云浦区文化局", "", "", "", "", "单位：元"],
                &[
                    "科目编码",
                    "科目名称",
                    "合计",
                    "财政拨款收入",
                    "事业单位经营收入",
                    "其他收入",
                ],
                &[
                    "207",
                    "文化旅游体育与传媒支出",
                    "11,093,588.31",
                    "11,093,588.31",
                    "",
                    "",
                ],
                &[
                    "",
                    "合计",
                    "11,093,588.31",
                    "11,093,588.31",
                    "0.00 0.00",
                    "0.00",
                ],
            ],
            "部门收入预算总表",
        );
        let typed = type_table(0, &t, Kind::Budget);
        assert_eq!(typed.table_type.as_deref(), Some("budget.income"));
        assert!(
            typed.rows.iter().all(|r| r.name != "0.00 0.00"),
            "{:?}",
            typed.rows
        );
        assert_eq!(typed.unmapped.len(), 1, "{:?}", typed.unmapped);
        assert_eq!(typed.unmapped[0].raw, "0.00 0.00");
        assert_eq!(typed.unmapped[0].reason, "several_amounts_in_one_cell");
        assert_eq!(typed.numeric_cells, typed.typed_values() + 1);
        assert_eq!(total(&typed, "total").as_deref(), Some("11093588.31"));
    }

    /// A two-sided table cut short (its 总计 rows lost) says so: TOT fails for each side,
    /// and passes once the total rows are there.
    #[test]
    fn a_table_without_its_total_rows_is_flagged() {
        let head: &[&str] = &["项目", "预算数", "项目", "预算数"];
        let body: &[&str] = &[
            "一、一般公共预算拨款收入",
            "3,412.76",
            "一、一般公共服务支出",
            "3,412.76",
        ];
        let foot: &[&str] = &["收入总计", "3,412.76", "支出总计", "3,412.76"];
        let unit: &[&str] = &["", "", "", "单位：万元"];
        let tot = |rows: &[&[&str]]| {
            let typed = type_table(0, &borderless(rows, "部门收支总表"), Kind::Budget);
            crate::identities::check_tables(&[typed])
                .into_iter()
                .filter(|f| f.rule == "TOT")
                .map(|f| (f.row, f.status))
                .collect::<Vec<_>>()
        };
        use crate::identities::Status;
        assert_eq!(
            tot(&[unit, head, body]),
            vec![
                ("income".into(), Status::Fail),
                ("expenditure".into(), Status::Fail)
            ]
        );
        assert_eq!(
            tot(&[unit, head, body, foot]),
            vec![
                ("income".into(), Status::Pass),
                ("expenditure".into(), Status::Pass)
            ]
        );
    }

    /// A title read from its last line only (`支出预算表`, the end of a two-line 三公 title)
    /// does not type the table: the header's 三公 signature does, and the note says why.
    #[test]
    fn header_signature_overrules_a_cut_title() {
        let t = borderless(
            &[
                &[
                    "合计",
                    "因公出国（境）费",
                    "公务用车购置及运行费",
                    "",
                    "",
                    "公务接待费",
                ],
                &["", "", "小计", "购置费", "运行费", ""],
                &["15.91", "5.03", "9.37", "0.00", "9.37", "1.51"],
            ],
            "支出预算表",
        );
        let typed = type_table(0, &t, Kind::Budget);
        assert_eq!(typed.table_type.as_deref(), Some("budget.three_public"));
        assert_eq!(typed.recognized_by.as_deref(), Some("header"));
        assert!(typed
            .recognition_note
            .as_deref()
            .is_some_and(|n| n.contains("budget.expenditure")));
    }

    #[test]
    fn row_sums_one_model() {
        let k = |ks: &[&str]| ks.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // 合计 | 人员经费 | 公用经费 | 项目支出 (no 基本支出 column): its parts stand in.
        let sums = row_sums_for(
            "expenditure",
            &k(&["total", "personnel", "public", "project"]),
            false,
        );
        assert_eq!(sums.len(), 1);
        assert_eq!(sums[0].parts, k(&["personnel", "public", "project"]));
        // 合计 | 基本支出 {人员 | 公用} | 项目支出: two identities.
        let sums = row_sums_for(
            "expenditure",
            &k(&["total", "basic", "personnel", "public", "project"]),
            false,
        );
        assert_eq!(sums.len(), 2);
        assert_eq!(
            (sums[0].total.as_str(), sums[0].parts.clone()),
            ("basic", k(&["personnel", "public"]))
        );
        assert_eq!(sums[1].parts, k(&["basic", "project"]));
        // Jiangsu 三公: 合计 = 三公 + 会议费 + 培训费.
        let sums = row_sums_for(
            "three_public",
            &k(&[
                "grand_total",
                "total",
                "abroad",
                "vehicle_total",
                "reception",
                "meeting",
                "training",
            ]),
            false,
        );
        assert!(sums
            .iter()
            .any(|s| s.total == "grand_total" && s.parts == k(&["total", "meeting", "training"])));
    }
}
