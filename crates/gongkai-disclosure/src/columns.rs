//! Header analysis: where the header ends, what each column is (code, name, amount) and the
//! canonical key of every amount column, from the printed header words (never positions).
//! Keys are stable across the regional families (`total`, `basic`, `project`, `personnel`,
//! `public`, `general_budget`, `gov_fund`, …) so users can compare departments.

use gongkai_normalize::code::Code;
use gongkai_normalize::{match_key, parse_amount};

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// Classification code digits (one column, or 类 | 款 | 项 split over several).
    Code,
    /// The row label (科目名称 / 项目).
    Name,
    /// An amount column with its canonical key.
    Amount(String),
    /// A column of numbers whose header names no known amount (its printed header path is
    /// kept): its cells are accounted for as unmapped values, never typed under a guess.
    Unknown(String),
    /// Anything else (行次, 栏次, free text).
    Other,
}

/// A column: its printed header path and its role.
#[derive(Debug, Clone)]
pub struct Column {
    /// Header texts from top to bottom, repeated merged cells collapsed (match keys).
    pub path: Vec<String>,
    /// The role.
    pub role: Role,
}

impl Column {
    /// The printed header path joined with `/`.
    pub fn header(&self) -> String {
        self.path.join("/")
    }
}

/// True when a cell reads as an amount.
pub fn is_amount(s: &str) -> bool {
    matches!(parse_amount(s), Ok(Some(_)))
}

/// True for a cell holding two or more amounts side by side (`0.00 0.00`, `8.46 0.00`):
/// the extraction put the figures of neighbouring columns into one cell. Such a cell is a
/// numeric cell (never a label) that cannot be one typed value.
pub fn is_several_amounts(s: &str) -> bool {
    let parts: Vec<&str> = s.split_whitespace().collect();
    parts.len() >= 2
        && parts.iter().all(|p| is_amount(p))
        && parts.iter().any(|p| p.contains('.') || p.contains(','))
}

/// True for a cell that is a figure damaged in reading (`26,.200.88`, `2, 254.76`, `537..64-`:
/// an OCR'd amount with a stray or doubled separator): digits and separators only, at least
/// two digits and most of the characters digits. It does not parse as an amount, but it
/// tells that its column holds numbers, not names.
pub fn is_damaged_number(s: &str) -> bool {
    let t: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = t.iter().filter(|c| c.is_ascii_digit()).count();
    digits >= 2
        && digits * 5 >= t.len() * 3
        && t.iter()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '，' | '。' | '-' | '－'))
}

/// True for a classification-code cell (`201`, `20105`, `2010501`, or a 2-digit 款/项 part).
pub fn is_code_like(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && t.len() <= 7
        && t.chars().all(|c| c.is_ascii_digit())
        && (t.len() == 2 || Code::parse(t).is_some())
}

/// A whole classification code (3, 5 or 7 digits of a catalogue class), not a 款 / 项 part.
fn is_full_code(s: &str) -> bool {
    let t = s.trim();
    t.len() >= 3 && t.chars().all(|c| c.is_ascii_digit()) && Code::parse(t).is_some()
}

fn is_total_label(s: &str) -> bool {
    let k = match_key(s);
    k == "合计"
        || k == "总计"
        || k.ends_with("合计") && k.chars().count() <= 8
        || k.ends_with("总计") && k.chars().count() <= 8
}

/// Number of header rows: the rows before the first data row. A data row holds an amount
/// with a decimal point or thousands separator, or a code of 3+ digits in the first
/// columns, or is a 合计 / 总计 row whose other cells are amounts or blank (a header row such
/// as `合计 | 因公出国（境）费 | …` has words beside its 合计).
pub fn header_rows(grid: &[Vec<String>]) -> usize {
    for (r, row) in grid.iter().enumerate() {
        let first = row
            .iter()
            .find(|s| !s.trim().is_empty())
            .map(|s| match_key(s))
            .unwrap_or_default();
        if first.contains("栏次") || first.contains("行次") {
            continue;
        }
        let money = row
            .iter()
            .any(|s| s.contains(['.', ',']) && is_amount(s) && !s.trim().ends_with('.'));
        let code = row
            .iter()
            .take(3)
            .any(|s| is_code_like(s) && s.trim().len() >= 3);
        let total_row = row.iter().take(4).any(|s| is_total_label(s))
            && row
                .iter()
                .filter(|s| !s.trim().is_empty())
                .all(|s| is_total_label(s) || is_amount(s) || s.trim() == "-" || s.trim() == "—");
        if money || code || total_row {
            return r;
        }
    }
    // No data row: a table printed blank (a 三公 table of a body that spent nothing) keeps
    // its words in the header (at most four rows deep, as the standard tables' headers
    // are) and its trailing empty rows as the body; one of words only has one header row.
    let blank = |row: &Vec<String>| row.iter().all(|s| s.trim().is_empty());
    let body = grid.iter().rev().take_while(|row| blank(row)).count();
    if body > 0 && body < grid.len() && grid.len() - body <= 4 {
        return grid.len() - body;
    }
    grid.len().min(1)
}

fn is_code_header(h: &str) -> bool {
    let leaf = h.rsplit('/').next().unwrap_or(h);
    h.contains("编码") || h.contains("代码") || matches!(leaf, "类" | "款" | "项")
}

fn is_name_header(h: &str) -> bool {
    h.contains("名称")
        || h.ends_with("项目")
        || h == "项目"
        || h.contains("科目") && !is_code_header(h)
}

/// The column naming what a procurement line buys (采购物品名称, 品目名称), not a category
/// column (采购品目大类).
pub fn is_item_header(h: &str) -> bool {
    (h.contains("物品")
        || h.contains("品目名称")
        || h.contains("采购项目名称") && !h.contains("来源"))
        && !h.contains("大类")
}

/// Funding sources by the words that name them, in the order they must be tried
/// (`事业单位经营收入` is operating, not business; `财政拨款` only when no fund is named).
const SOURCES: [(&str, &str); 10] = [
    ("一般公共预算", "general_budget"),
    ("政府性基金", "gov_fund"),
    ("国有资本经营", "state_capital"),
    ("财政专户", "special_account"),
    ("财政拨款", "fiscal"),
    ("经营收入", "operating"),
    ("事业收入", "business"),
    ("上级补助", "superior"),
    ("附属单位", "affiliated"),
    ("其他", "other"),
];

/// The funding source a column header or an income line names, shared by column keys and
/// the income lines of 收支总表 so both use the same words.
pub fn source_key(text: &str) -> Option<&'static str> {
    SOURCES
        .iter()
        .find(|(w, _)| text.contains(w))
        .map(|(_, k)| *k)
}

/// [`source_key`] for an income line that OCR may have misread: the sources are tried in the
/// same order, and a source named by five characters or more (`一般公共预算`, `政府性基金`,
/// `国有资本经营`) also matches a run of the text differing from it in one character
/// (`一般公共蔬算财政拨款收入` names 一般公共预算, not 财政拨款). Shorter words must match
/// exactly (`经营收入` and `事业收入` are two characters apart). The word read so is returned
/// with the key, for the caller to record.
pub fn source_key_misread(text: &str) -> Option<(&'static str, Option<&'static str>)> {
    let chars: Vec<char> = text.chars().collect();
    for (word, key) in SOURCES.iter() {
        if text.contains(word) {
            return Some((key, None));
        }
        let w: Vec<char> = word.chars().collect();
        if w.len() >= 5
            && chars
                .windows(w.len())
                .any(|run| run.iter().zip(&w).filter(|(a, b)| a != b).count() == 1)
        {
            return Some((key, Some(word)));
        }
    }
    None
}

/// Canonical key of an amount column from its header path (leaf first, parents for
/// context), or `None` when the header names no amount we know. `two_sided` tables
/// (收支总表) call a block's single amount column `amount`. A `None` column is never typed
/// under a guessed key: its numbers are accounted for as unmapped values.
pub fn amount_key(path: &[String], table_base: &str, two_sided: bool) -> Option<String> {
    if table_base == "three_public" {
        return three_public_key(path);
    }
    let leaf = path.last().map(String::as_str).unwrap_or("");
    let full = path.join("/");
    let has = |w: &str| leaf.contains(w);
    if table_base == "procurement" {
        if has("单价") {
            return Some("unit_price".into());
        }
        if has("预算资金") || leaf == "预算数" && !full.contains("采购金额") {
            return Some("project_budget".into());
        }
    }
    if table_base == "admin_operating" && has("机关运行经费") {
        return Some("total".into());
    }
    let key = if has("年初") {
        "opening"
    } else if has("年末") {
        "closing"
    } else if has("基本支出") {
        "basic"
    } else if has("项目支出") {
        "project"
    } else if has("人员经费") {
        "personnel"
    } else if has("公用经费") {
        "public"
    } else if let Some(k) = source_key(leaf).filter(|k| *k != "other") {
        k
    } else if leaf.starts_with("基金预算") {
        "gov_fund"
    } else if has("预留") {
        "reserve"
    } else if has("结转下年") {
        "carry_forward"
    } else if has("上年结转") {
        "carry_over"
    } else if has("上缴上级") {
        "to_superior"
    } else if has("对附属单位补助") || has("对下级单位补助") {
        "to_affiliated"
    } else if has("经营支出") {
        "operating"
    } else if has("单位资金") {
        "unit_funds"
    } else if has("其他") {
        "other"
    } else if has("合计") || has("小计") || has("总计") {
        "total"
    } else if matches!(leaf, "本年收入" | "本年收入数") {
        "income"
    } else if has("预算数") || has("决算数") || has("金额") || leaf == "本年支出" {
        if two_sided {
            "amount"
        } else {
            "total"
        }
    } else {
        // A header cell the table stage left split over stacked rows (`一般公共` /
        // `预算拨款` / `收入`, a wrapped borderless header): read the path as one text —
        // only when no part names an amount alone. A group header above the leaf
        // (`财政拨款支出` over an OCR'd `般公共预算`) would otherwise name the column by
        // the group's word (`fiscal`): the leaf is not known, and the column is not typed.
        let parts_name_nothing = || {
            path.iter()
                .all(|p| amount_key(std::slice::from_ref(p), table_base, two_sided).is_none())
        };
        if path.len() > 1 && parts_name_nothing() {
            let joined = path.concat();
            return amount_key(std::slice::from_ref(&joined), table_base, two_sided);
        }
        return None;
    };
    let key = if table_base == "procurement" {
        match key {
            "gov_fund" => "fund_budget",
            "state_capital" => "state_capital_budget",
            "special_account" => "fiscal_special_account",
            k => k,
        }
    } else {
        key
    };
    Some(key.to_string())
}

/// What one header element of a 三公 table names.
enum ThreePublicPart {
    /// A part (`abroad`, `vehicle_purchase`, …).
    Part(&'static str),
    /// 小计 / 合计 / 总计: the total of the group above it.
    Subtotal,
    /// 预算数 / 决算数 / 金额: says which figures, not which part.
    Marker,
    /// Nothing we know.
    Unknown,
}

fn three_public_part(p: &str) -> ThreePublicPart {
    use ThreePublicPart::*;
    let car = p.contains('车');
    if p.contains("机关运行") {
        Part("admin_operating_cost")
    } else if p.contains("出国") {
        Part("abroad")
    } else if p.contains("接待") || !car && p.starts_with("公务") && p.contains('待') {
        // `公务授待和`: an OCR'd 公务接待费 with two characters misread; of the 三公
        // parts only 接待 has a 待.
        Part("reception")
    } else if p.contains("购置") && p.contains("运行") {
        Part("vehicle_total")
    } else if p.contains("购置") {
        Part("vehicle_purchase")
    } else if p.contains("运行") {
        Part("vehicle_operation")
    } else if car && !(p.contains("小计") || p.contains("合计")) {
        Part("vehicle_total")
    } else if p.contains("会议") {
        Part("meeting")
    } else if p.contains("培训") {
        Part("training")
    } else if p.contains("小计") || p.contains("合计") || p.contains("总计") {
        Subtotal
    } else if p.contains("三公") {
        Part("total")
    } else if p.contains("预算数")
        || p.contains("决算数")
        || p.contains("金额")
        || p == "预算"
        || p == "决算"
    {
        Marker
    } else {
        Unknown
    }
}

/// 三公 table columns: the part the most specific header element names (a 小计 takes
/// the group above it: under 公务用车 it is `vehicle_total`, else the 三公 `total`) and, for
/// final accounts, a `budget.` / `final.` prefix from a 预算数 / 决算数 element anywhere in
/// the path (above the parts, or as the leaf under each part).
fn three_public_key(path: &[String]) -> Option<String> {
    let mut key = None;
    for (i, p) in path.iter().enumerate().rev() {
        match three_public_part(p) {
            ThreePublicPart::Part(k) => {
                // Under 公务用车, a purchase / operation column may be named by a letter
                // or two only (`购村费` read by OCR for 购置费).
                key = Some(k);
                break;
            }
            ThreePublicPart::Subtotal => {
                let under_car = path[..i].iter().any(|a| a.contains('车'));
                key = Some(if under_car { "vehicle_total" } else { "total" });
                break;
            }
            ThreePublicPart::Marker => {
                if i == 0 {
                    key = Some("total");
                }
            }
            ThreePublicPart::Unknown => {
                let under_car = path[..i].iter().any(|a| a.contains('车'));
                if under_car && p.starts_with('购') {
                    key = Some("vehicle_purchase");
                    break;
                }
                if i + 1 == path.len() {
                    return None;
                }
            }
        }
    }
    let key = key?;
    let group = path.iter().find_map(|p| {
        if p.contains("机关运行") {
            None
        } else if p.contains("决算") {
            Some("final")
        } else if p.contains("预算") {
            Some("budget")
        } else {
            None
        }
    });
    Some(match group {
        Some(g) if key != "admin_operating_cost" => format!("{g}.{key}"),
        _ => key.to_string(),
    })
}

/// Analyses the columns of a grid whose first `h` rows are the header. `base` is the table
/// type without its `budget.` / `final.` prefix.
pub fn analyse(grid: &[Vec<String>], h: usize, base: &str, two_sided: bool) -> Vec<Column> {
    let n_cols = grid.first().map_or(0, Vec::len);
    let data = &grid[h.min(grid.len())..];
    let mut cols: Vec<Column> = (0..n_cols)
        .map(|c| {
            let mut path: Vec<String> = Vec::new();
            for row in grid.iter().take(h) {
                let k = match_key(&row[c]);
                if !k.is_empty() && !path.contains(&k) {
                    path.push(k);
                }
            }
            Column {
                path,
                role: Role::Other,
            }
        })
        .collect();
    analyse_roles(&mut cols, data, base, two_sided);
    if base == "three_public" {
        three_public_totals(&mut cols);
    }
    if base.ends_with("basic") {
        basic_is_total(&mut cols);
    }
    cols
}

/// A basic-expenditure table is all 基本支出: its one amount column headed 基本支出 (where
/// others print 金额 or 合计) is the table's `total`, so the checks that read that total
/// (X-5, X-6, the narrative's figure) run on it.
fn basic_is_total(cols: &mut [Column]) {
    let keyed = |k: &str| {
        cols.iter()
            .filter(|c| matches!(&c.role, Role::Amount(x) if x == k))
            .count()
    };
    if keyed("total") == 0 && keyed("basic") == 1 {
        for c in cols.iter_mut() {
            if let Role::Amount(k) = &mut c.role {
                if k == "basic" {
                    *k = "total".into();
                }
            }
        }
    }
}

/// 三公 tables: the figures named by group (`budget.` / `final.`) keep the prefix only when
/// the table has both groups (a final account); a table with one group (a budget) keeps
/// plain keys. Jiangsu's tables add 会议费 and 培训费 beside the 三公 group: their outer
/// 合计 is then `grand_total` (三公 + 会议费 + 培训费) and the 三公 小计 is `total`.
fn three_public_totals(cols: &mut [Column]) {
    let has_final = cols
        .iter()
        .any(|c| matches!(&c.role, Role::Amount(k) if k.starts_with("final.")));
    if !has_final {
        for c in cols.iter_mut() {
            if let Role::Amount(k) = &mut c.role {
                if let Some(rest) = k.strip_prefix("budget.") {
                    *k = rest.to_string();
                }
            }
        }
    }
    let extra = cols.iter().any(
        |c| matches!(&c.role, Role::Amount(k) if k.ends_with("meeting") || k.ends_with("training")),
    );
    let totals: Vec<usize> = cols
        .iter()
        .enumerate()
        .filter(
            |(_, c)| matches!(&c.role, Role::Amount(k) if k.rsplit('.').next() == Some("total")),
        )
        .map(|(i, _)| i)
        .collect();
    if extra && totals.len() >= 2 {
        for &i in &totals {
            let under_three_public = cols[i].path.iter().any(|p| p.contains("三公"));
            if !under_three_public {
                if let Role::Amount(k) = &mut cols[i].role {
                    *k = k.replace("total", "grand_total");
                }
            }
        }
    }
}

/// Headers of columns that hold numbers that are not money: counts, units of measure,
/// catalogue and line numbers.
fn is_non_money_header(h: &str) -> bool {
    h.contains("行次")
        || h.contains("栏次")
        || h.ends_with("数量")
        || h.contains("计量单位")
        || h.contains("目录")
        || h.contains("序号")
        || h.contains("人数")
        || h.contains("车辆数")
}

/// True for a column whose header marks it as holding no money (see [`is_non_money_header`]).
pub fn holds_no_money(c: &Column) -> bool {
    c.role == Role::Other && is_non_money_header(&c.header())
}

fn analyse_roles(cols: &mut [Column], data: &[Vec<String>], base: &str, two_sided: bool) {
    for (c, col) in cols.iter_mut().enumerate() {
        let header = col.header();
        let filled: Vec<&str> = data
            .iter()
            .map(|r| r[c].trim())
            .filter(|s| !s.is_empty())
            .collect();
        let all_codes =
            !filled.is_empty() && filled.iter().all(|s| is_code_like(s) || is_total_label(s));
        let numbers = filled
            .iter()
            .filter(|s| is_amount(s) || is_several_amounts(s) || is_damaged_number(s))
            .count();
        let any_amount = filled.iter().any(|s| is_amount(s) && !is_code_like(s));
        let words = filled.len() - numbers;
        let key = amount_key(&col.path, base, two_sided);
        // A column under a code header that holds names (the header merged over the code
        // and name columns: Jiangsu's `功能科目代码` over `204 | 公共安全支出`) is the name
        // column.
        let code_cells = filled
            .iter()
            .filter(|s| is_code_like(s) || is_total_label(s))
            .count();
        let names_under_code_header =
            is_code_header(&header) && words > 0 && code_cells * 2 < filled.len();
        // A column of classification codes whose header names nothing we know (an OCR'd
        // `科目编码` read `科目编但`, or the two header lines `经济分类` / `科目编码` read
        // interleaved `经科济目编分码类`) is the code column by its cells: two or more codes of
        // 3, 5 or 7 digits, nothing else but a 合计. Integer amounts are never all codes of
        // the catalogues' classes (201–239, 301–399) at these lengths.
        let codes_by_content = key.is_none()
            && !any_amount
            && filled.iter().all(|s| is_full_code(s) || is_total_label(s))
            && filled.iter().filter(|s| is_full_code(s)).count() >= 2;
        col.role = if names_under_code_header {
            Role::Name
        } else if is_code_header(&header)
            || header.is_empty() && all_codes && !any_amount
            || codes_by_content && !is_non_money_header(&header)
        {
            Role::Code
        } else if is_non_money_header(&header) {
            Role::Other
        } else if is_name_header(&header) && (words > 0 || filled.is_empty()) {
            Role::Name
        } else if let Some(k) = key.filter(|_| numbers > 0 || words == 0) {
            // The header names the amount: its numbers are amounts even when they look
            // like codes (`15`, `237` printed as integers).
            Role::Amount(k)
        } else if numbers > 0 && numbers >= words {
            Role::Unknown(header)
        } else if words > 0 {
            Role::Name
        } else {
            Role::Other
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(path: &[String], base: &str, two_sided: bool) -> String {
        amount_key(path, base, two_sided).unwrap_or_default()
    }

    fn p(s: &str) -> Vec<String> {
        s.split('/').map(String::from).collect()
    }

    #[test]
    fn keys_across_families() {
        assert_eq!(key(&p("收入预算/财政拨款收入"), "income", false), "fiscal");
        assert_eq!(
            key(&p("一般公共预算拨款收入"), "income", false),
            "general_budget"
        );
        assert_eq!(key(&p("本年收入合计"), "income", false), "total");
        assert_eq!(
            key(&p("一般公共预算基本支出/合计"), "gpb_basic", false),
            "total"
        );
        assert_eq!(key(&p("决算数"), "gpb_basic", false), "total");
        assert_eq!(key(&p("预算数"), "summary", true), "amount");
        assert_eq!(
            key(&p("支出/一般公共预算财政拨款"), "fiscal_summary", true),
            "general_budget"
        );
        // A leaf not known under a group header naming a source is not named by the
        // group (real-layout scan: `一般公共预算` read `般公共预算` under `财政拨款支出`).
        assert_eq!(
            amount_key(&p("财政拨款支出/般公共预算"), "fiscal_summary", true),
            None
        );
        // A wrapped header left in three stacked rows (OCR of the borderless sample).
        assert_eq!(
            key(&p("一般公共/预算拔款/收入"), "income", false),
            "general_budget"
        );
        assert_eq!(
            key(&p("国有资本/经营预算/拨款收入"), "income", false),
            "state_capital"
        );
        assert_eq!(key(&p("年初结转和结余"), "gf", false), "opening");
        assert_eq!(key(&p("本年收入"), "gf", false), "income");
        assert_eq!(key(&p("本年支出/小计"), "gf", false), "total");
        assert_eq!(
            key(
                &p("政府采购金额（当年部门预算安排资金）/基金预算拨款"),
                "procurement",
                false
            ),
            "fund_budget"
        );
        assert_eq!(key(&p("合计"), "three_public", false), "total");
        assert_eq!(
            key(&p("公务用车购置及运行费/小计"), "three_public", false),
            "vehicle_total"
        );
        assert_eq!(
            key(&p("公务用车购置及运行费/运行费"), "three_public", false),
            "vehicle_operation"
        );
        assert_eq!(
            key(&p("\"三公\"经费预算数/合计"), "three_public", false),
            "budget.total"
        ); // plain once the table has no 决算数 group
        assert_eq!(
            key(&p("机关运行经费预算数"), "three_public", false),
            "admin_operating_cost"
        );
        assert_eq!(
            key(
                &p("决算数/公务用车购置及运行费/购置费"),
                "three_public",
                false
            ),
            "final.vehicle_purchase"
        );
        // Headers misread by OCR keep their key when the characters left name one part.
        assert_eq!(key(&p("公务授待和"), "three_public", false), "reception");
        assert_eq!(
            key(&p("公务用车购置及运行费/购村费"), "three_public", false),
            "vehicle_purchase"
        );
        assert_eq!(
            key(&p("公务用车购置及运行费/运行费"), "three_public", false),
            "vehicle_operation"
        );
        assert_eq!(
            key(&p("预算数/因公出国（境）费"), "three_public", false),
            "budget.abroad"
        );
    }

    fn grid(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn codes_under_a_misread_header_are_the_code_column() {
        // OCR of the 中共上海市普陀区委社会工作部 2024 决算 (支出决算表 and 基本支出决算表,
        // real-layout scans of the tuning half): `科目编码` read `科目编但`, and the two
        // header lines `经济分类` / `科目编码` read interleaved.
        let g = grid(&[
            &["功能分类-科目编但", "科目名称", "本年支出合计"],
            &["201", "般公共服务支出", "264.87"],
            &["20139", "社会工作事务", "264.87"],
            &["2013901", "行政运行", "51.32"],
        ]);
        let cols = analyse(&g, 1, "expenditure", false);
        assert_eq!(cols[0].role, Role::Code);
        assert_eq!(cols[1].role, Role::Name);
        let g = grid(&[
            &[
                "科目名称",
                "决算数",
                "经科济目编分码类",
                "科目名称",
                "决算数",
            ],
            &["工资福利支出", "4816.14", "302", "商品和服务支出", "440.90"],
            &["基本工资", "537.64", "30201", "办公费", "84.62"],
        ]);
        let cols = analyse(&g, 1, "gpb_basic", false);
        assert_eq!(cols[2].role, Role::Code);
        // Integer amounts under a header naming no amount stay numbers, not codes.
        let g = grid(&[
            &["科目名称", "人数"],
            &["行政运行", "12"],
            &["事业运行", "30"],
        ]);
        assert_eq!(analyse(&g, 1, "expenditure", false)[1].role, Role::Other);
        let g = grid(&[
            &["科目名称", "全矣"],
            &["行政运行", "2000"],
            &["事业运行", "350"],
        ]);
        assert!(matches!(
            analyse(&g, 1, "expenditure", false)[1].role,
            Role::Unknown(_)
        ));
    }

    #[test]
    fn damaged_figures_make_a_column_numeric() {
        // 江苏省高级人民法院 2018 收支预算总表 scanned: the 功能分类 block's 金额 header read
        // `会疾` and two of its figures `26,.200.88`, `2, 254.76`. The column is numbers whose
        // header is not known (its figures unmapped), never a second label column.
        let g = grid(&[
            &["功能科目名称", "会疾", "项目名称", "金额"],
            &["、一般公共服务支出", "", "一基本支出：", "18,570.82"],
            &["四： :公共安全支出", "26,.200.88", "", ""],
            &["八、社会保障和就业支出", "2, 254.76", "", ""],
        ]);
        let cols = analyse(&g, 1, "summary", true);
        assert!(
            matches!(cols[1].role, Role::Unknown(_)),
            "{:?}",
            cols[1].role
        );
        assert!(is_damaged_number("537..64-"));
        assert!(!is_damaged_number("1."));
        assert!(!is_damaged_number("二、12"));
    }

    #[test]
    fn header_ends_at_first_data_row() {
        let g = |rows: &[&[&str]]| {
            rows.iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect())
                .collect::<Vec<Vec<String>>>()
        };
        // A header with 合计 beside other words is still header.
        assert_eq!(
            header_rows(&g(&[
                &["科目编码", "科目名称", "合计", "基本支出"],
                &["合计", "", "828.56", "729.20"]
            ])),
            1
        );
        assert_eq!(
            header_rows(&g(&[
                &["合计", "因公出国（境）费", "公务用车购置及运行费", ""],
                &["", "", "小计", "购置费"],
                &["15.91", "5.03", "9.37", "0.00"]
            ])),
            2
        );
        assert_eq!(
            header_rows(&g(&[&["科目编码", "科目名称", "合计"], &["合计", "", ""]])),
            1
        );
        // A 三公 table printed blank (中共上海市普陀区委社会工作部 2024 决算 p.14): the words
        // are the header, the empty row the body.
        assert_eq!(
            header_rows(&g(&[
                &["合计", "", "因公出国（境）费", "", "公务接待费", ""],
                &["预算数", "决算数", "预算数", "决算数", "预算数", "决算数"],
                &["", "", "", "", "", ""]
            ])),
            2
        );
        // Words over more rows than a header has are a body of words.
        let words: Vec<&[&str]> = vec![&["项目", "说明"]; 6];
        let mut grid = g(&words);
        grid.push(vec![String::new(), String::new()]);
        assert_eq!(header_rows(&grid), 1);
    }
}
