//! Checks between tables and of the document as a whole: the cross-table identities of the
//! domain spec §6 (X-1 … X-6: 收支总表 ↔ 收入总表 ↔ 支出总表 ↔ 财政拨款收支总表 ↔ 一般公共预算
//! 支出表 ↔ 基本支出表 ↔ 三公), which catch a table that is consistent inside itself but
//! mistyped, mis-scaled or changed as a whole; DOC-2 (every expected or listed standard
//! table is found); one table per type; and the accounting of every number (values not
//! typed, tables whose unit is not known).

use serde::{Deserialize, Serialize};

use crate::identities::{
    blank, finding, main_column, side_total, total_row, val, Check, Finding, Severity, Status,
};
use crate::rows::{Row, RowKind, TypedTable, Value};
use crate::{Kind, Records};

/// A standard table named in the document's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedTable {
    /// The entry as printed.
    pub title: String,
    /// The table type the entry names.
    pub table_type: String,
    /// Page of the contents entry.
    pub page: u32,
}

/// How the numbers of a document's typed tables were accounted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Accounting {
    /// Non-empty numeric cells in the bodies of typed tables.
    pub numeric_cells: usize,
    /// Of them, typed values (row × canonical column).
    pub typed: usize,
    /// Of the typed values, those without a yuan value (the table's unit is unknown).
    pub typed_without_unit: usize,
    /// Numeric cells not typed, each listed in its table's `unmapped` with a finding.
    pub unmapped: usize,
}

/// Counts the accounting of every number over the typed tables.
pub fn accounting(tables: &[TypedTable]) -> Accounting {
    let mut a = Accounting::default();
    for t in tables {
        a.numeric_cells += t.numeric_cells;
        a.unmapped += t.unmapped.len();
        for v in t.rows.iter().flat_map(|r| r.values.values()).flatten() {
            a.typed += 1;
            if v.yuan.is_none() {
                a.typed_without_unit += 1;
            }
        }
    }
    a
}

/// A typed value with its place.
struct Cell<'a> {
    table: &'a TypedTable,
    row: &'a Row,
    col: &'a str,
    value: &'a Value,
}

/// The tables of the document's prefix (`budget` / `final`) by base type: the first
/// table of that type that has rows.
struct Tables<'a> {
    all: &'a [TypedTable],
    prefix: &'a str,
}

impl<'a> Tables<'a> {
    fn get(&self, base: &str) -> Option<&'a TypedTable> {
        let tt = format!("{}.{base}", self.prefix);
        self.all
            .iter()
            .find(|t| t.table_type.as_deref() == Some(tt.as_str()) && !t.rows.is_empty())
    }
}

/// A cell of a table; a cell printed blank in a column its row has stands for zero (a
/// figure moved out of a total, or a total left empty, is checked, not skipped).
fn cell<'a>(table: &'a TypedTable, row: &'a Row, col: &'a str) -> Option<Cell<'a>> {
    let value = match row.values.get(col)? {
        Some(v) => v,
        None => blank(),
    };
    Some(Cell {
        table,
        row,
        col,
        value,
    })
}

fn line_row<'a>(t: &'a TypedTable, line: &str) -> Option<&'a Row> {
    t.rows.iter().find(|r| r.line.as_deref() == Some(line))
}

/// The row of a side holding the year's total: 本年收入合计 / 当年支出小计 when printed with a
/// value, else the side's grand total.
fn year_total<'a>(t: &'a TypedTable, side: &'a str, col: &str) -> Option<&'a Row> {
    t.rows
        .iter()
        .filter(|r| r.side.as_deref() == Some(side) && r.kind == RowKind::Total && r.line.is_some())
        .find(|r| val(r, col).is_some())
        .or_else(|| side_total(t, side))
}

/// The 合计 of a 基本支出表: its total row, or where a final account prints it as two
/// panels, the panels' footers 人员经费合计 and 公用经费合计 (empty when neither is there).
fn basic_total(b: &TypedTable) -> Vec<Option<Cell<'_>>> {
    match total_row(b) {
        Some(bt) => vec![cell(b, bt, "total")],
        None => b
            .rows
            .iter()
            .filter(|r| gongkai_normalize::match_key(&r.name).contains("经费合计"))
            .map(|r| cell(b, r, "total"))
            .collect(),
    }
}

/// Why a spending table `t` (named `name`) could not be set against the 基本支出表 `b`.
fn why_no_basic(name: &str, t: &TypedTable, b: &TypedTable) -> String {
    if total_row(t).is_none() {
        format!("the {name} has no 合计 row")
    } else if basic_total(b).is_empty() {
        "the 基本支出表 has no 合计 row (nor 人员经费合计 / 公用经费合计 rows)".into()
    } else {
        format!(
            "the {name} prints no 基本支出 column (its columns: {})",
            t.columns.join(", ")
        )
    }
}

fn has_column(t: &TypedTable, col: &str) -> bool {
    t.columns.iter().any(|c| c == col)
}

/// Which figure of a three-public table the document's kind compares (`final.` parts in
/// final accounts, plain ones in budgets).
fn three_public_key(t: &TypedTable, part: &str) -> Option<String> {
    [format!("final.{part}"), part.to_string()]
        .into_iter()
        .find(|k| has_column(t, k))
}

/// What became of one comparison between tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tried {
    /// A finding was written (pass, rounding, fail …).
    Compared,
    /// A row lacked the column, or a term was missing.
    Incomplete,
    /// Every figure it compares is printed blank.
    Blank,
    /// A table's unit is not known: yuan cannot be compared.
    UnitUnknown,
}

/// The findings between tables, and every comparison tried, so that a rule whose tables
/// are both found but which compared nothing says so ([`Out::cover`]) instead of passing
/// unseen.
#[derive(Default)]
struct Out {
    findings: Vec<Finding>,
    tried: Vec<(&'static str, Vec<String>, Tried)>,
}

impl Out {
    /// An equality between tables: `lhs = Σ rhs`.
    fn eq(
        &mut self,
        rule: &'static str,
        lhs: Option<Cell>,
        rhs: Vec<Option<Cell>>,
        expr: String,
    ) -> Option<usize> {
        let mut ids: Vec<String> = Vec::new();
        for c in lhs.iter().chain(rhs.iter().flatten()) {
            if !ids.contains(&c.table.id) {
                ids.push(c.table.id.clone());
            }
        }
        let outcome = self.compare(rule, lhs, rhs, expr);
        let tried = match outcome {
            Ok(_) => Tried::Compared,
            Err(t) => t,
        };
        self.tried.push((rule, ids, tried));
        outcome.ok()
    }

    fn compare(
        &mut self,
        rule: &'static str,
        lhs: Option<Cell>,
        rhs: Vec<Option<Cell>>,
        expr: String,
    ) -> Result<usize, Tried> {
        let lhs = lhs.ok_or(Tried::Incomplete)?;
        let rhs = rhs
            .into_iter()
            .collect::<Option<Vec<Cell>>>()
            .ok_or(Tried::Incomplete)?;
        if rhs.is_empty() {
            return Err(Tried::Incomplete);
        }
        // Nothing to compare where every figure is blank.
        if std::iter::once(&lhs)
            .chain(rhs.iter())
            .all(|c| c.value.raw.is_empty())
        {
            return Err(Tried::Blank);
        }
        let mut related: Vec<String> = Vec::new();
        for c in &rhs {
            if c.table.id != lhs.table.id && !related.contains(&c.table.id) {
                related.push(c.table.id.clone());
            }
        }
        let expr = format!(
            "{expr}: {}[{} {}] = {}",
            lhs.table.id,
            lhs.row.name,
            lhs.col,
            rhs.iter()
                .map(|c| format!("{}[{} {}]", c.table.id, c.row.name, c.col))
                .collect::<Vec<_>>()
                .join(" + ")
        );
        let f = finding(Check {
            rule,
            table: &lhs.table.id,
            table_type: lhs.table.table_type.as_deref().unwrap_or(""),
            row: &lhs.row.id,
            column: lhs.col,
            expr,
            lhs: lhs.value,
            rhs: rhs.iter().map(|c| c.value).collect(),
            related,
        });
        // Between tables only yuan compare: a table whose unit is unknown is left out
        // (it carries its own `unit_unknown` finding; [`Out::cover`] says so too).
        if f.status == Status::Skipped {
            return Err(Tried::UnitUnknown);
        }
        self.findings.push(f);
        Ok(self.findings.len() - 1)
    }

    /// An inequality between tables: `lhs ≥ Σ rhs` (info).
    fn ge(&mut self, rule: &'static str, lhs: Option<Cell>, rhs: Vec<Option<Cell>>, expr: String) {
        if let Some(f) = self
            .eq(rule, lhs, rhs, expr)
            .and_then(|i| self.findings.get_mut(i))
        {
            f.severity = Severity::Info;
            crate::identities::as_at_least(f);
            f.expr = f.expr.replacen(" = ", " ≥ ", 1);
        }
    }

    /// Says when a rule between two found tables compared nothing: one `skipped` finding
    /// (info) on `a` naming `b`, whose note says why: every figure blank, a unit unknown,
    /// or `why` (the rows or columns the rule needs are not there). Silent otherwise.
    fn cover(
        &mut self,
        rule: &'static str,
        a: &TypedTable,
        b: &TypedTable,
        why: impl FnOnce() -> String,
    ) {
        let mut seen: Vec<Tried> = Vec::new();
        for (r, ids, t) in &self.tried {
            if *r == rule && ids.contains(&a.id) && ids.contains(&b.id) && !seen.contains(t) {
                seen.push(*t);
            }
        }
        if seen.contains(&Tried::Compared) {
            return;
        }
        let why = if seen.contains(&Tried::UnitUnknown) {
            "a table's unit is not known (see its unit_unknown finding): yuan cannot be compared"
                .to_string()
        } else if seen.contains(&Tried::Blank) {
            "every figure it compares is printed blank: nothing to check".to_string()
        } else {
            why()
        };
        let name = |t: &TypedTable| t.table_type.clone().unwrap_or_default();
        let mut f = Finding::plain(
            rule,
            Severity::Info,
            true,
            &a.id,
            &name(a),
            a.pages.first().copied().unwrap_or(0),
            "",
            "",
            &format!("{rule} between {} and {}", name(a), name(b)),
        );
        f.status = Status::Skipped;
        f.related_tables = vec![b.id.clone()];
        f.note = Some(format!("not checked: {why}"));
        self.findings.push(f);
    }
}

/// The cross-table identities of a document (domain spec §6, X-1 … X-6).
pub fn check_cross(tables: &[TypedTable], kind: Kind) -> Vec<Finding> {
    let prefix = match kind {
        Kind::Final => "final",
        _ => "budget",
    };
    let ts = Tables {
        all: tables,
        prefix,
    };
    let mut out = Out::default();
    let summary = ts.get("summary");
    let fiscal = ts.get("fiscal_summary");
    // the 收支总表's income lines = the 收入总表's 合计 row, per funding source.
    if let (Some(s), Some(inc)) = (summary, ts.get("income")) {
        let scol = main_column(s, "income").unwrap_or("amount");
        if let Some(itot) = total_row(inc) {
            for r in s
                .rows
                .iter()
                .filter(|r| r.side.as_deref() == Some("income"))
            {
                let Some(line) = r.line.as_deref() else {
                    continue;
                };
                let Some(src) = line.strip_prefix("income.") else {
                    continue;
                };
                if src.contains('.')
                    || !has_column(inc, src)
                    || src == "other" && r.level == Some(2)
                {
                    continue;
                }
                if matches!(
                    src,
                    "this_year_total" | "grand_total" | "carry_forward" | "opening_balance"
                ) {
                    continue;
                }
                out.eq(
                    "X-1",
                    cell(s, r, scol),
                    vec![cell(inc, itot, src)],
                    format!("收支总表 {line} = 收入总表 合计"),
                );
            }
            // The total: the year's income, or the grand total where the 收入总表 prints
            // the carry-over beside the year's sources.
            let carry = has_column(inc, "carry_over") || has_column(inc, "opening");
            let srow = if carry {
                side_total(s, "income")
            } else {
                year_total(s, "income", scol)
            };
            if let Some(srow) = srow {
                out.eq(
                    "X-1",
                    cell(s, srow, scol),
                    vec![cell(inc, itot, "total")],
                    "收支总表 收入 = 收入总表 合计".into(),
                );
            }
        }
        out.cover("X-1", s, inc, || match total_row(inc) {
            None => "the 收入总表 has no 合计 row".into(),
            Some(_) => "no income line of the 收支总表 (本年收入 / 合计 / a funding source) has a figure to set against the 收入总表's 合计 row".into(),
        });
    }
    // X-1b: the 收支总表's and the 财政拨款收支总表's income lines of the same fund.
    if let (Some(s), Some(f)) = (summary, fiscal) {
        let scol = main_column(s, "income").unwrap_or("amount");
        let fcol = main_column(f, "income").unwrap_or("amount");
        for line in [
            "income.general_budget",
            "income.gov_fund",
            "income.state_capital",
        ] {
            if let (Some(a), Some(b)) = (line_row(s, line), line_row(f, line)) {
                out.eq(
                    "X-1",
                    cell(s, a, scol),
                    vec![cell(f, b, fcol)],
                    format!("收支总表 {line} = 财政拨款收支总表 {line}"),
                );
            }
        }
    }
    // X-1c: the 收支总表's 财政拨款 line = the 财政拨款收支总表's income of the year.
    if let (Some(s), Some(f)) = (summary, fiscal) {
        let scol = main_column(s, "income").unwrap_or("amount");
        let fcol = main_column(f, "income").unwrap_or("amount");
        if let (Some(a), Some(b)) = (line_row(s, "income.fiscal"), year_total(f, "income", fcol)) {
            out.eq(
                "X-1",
                cell(s, a, scol),
                vec![cell(f, b, fcol)],
                "收支总表 财政拨款 = 财政拨款收支总表 本年收入".into(),
            );
        }
        out.cover("X-1", s, f, || {
            "the 收支总表 and the 财政拨款收支总表 share no income line (财政拨款 / 一般公共预算 / 政府性基金 / 国有资本经营) with a figure".into()
        });
    }
    // X-3b (budgets without carry-over): the 财政拨款收支总表's fund income = that fund's
    // spending table's 合计 (a budget spends this year's appropriation; with a carry-over
    // line holding money, or in a final account, the two differ).
    if let (Some(f), Kind::Budget) = (fiscal, kind) {
        let fcol = main_column(f, "income").unwrap_or("amount");
        let carried = f.rows.iter().any(|r| {
            r.side.as_deref() == Some("income")
                && r.level == Some(0)
                && !matches!(r.kind, RowKind::Total | RowKind::GrandTotal)
                && val(r, fcol)
                    .and_then(|v| v.decimal())
                    .is_some_and(|d| !d.is_zero())
        });
        if !carried {
            for (line, base) in [
                ("income.general_budget", "gpb_expenditure"),
                ("income.gov_fund", "gf_expenditure"),
                ("income.state_capital", "soc_expenditure"),
            ] {
                if let (Some(r), Some(t)) = (line_row(f, line), ts.get(base)) {
                    if let Some(tt) = total_row(t) {
                        out.eq(
                            "X-3",
                            cell(f, r, fcol),
                            vec![cell(t, tt, "total")],
                            format!("财政拨款收支总表 {line} = {base} 合计"),
                        );
                    }
                }
            }
        }
    }
    // the 收支总表's spending lines = the 支出总表 (class rows, 基本 / 项目, total).
    if let (Some(s), Some(e)) = (summary, ts.get("expenditure")) {
        let scol = main_column(s, "expenditure").unwrap_or("amount");
        let etot = total_row(e);
        for r in s
            .rows
            .iter()
            .filter(|r| r.side.as_deref() == Some("expenditure"))
        {
            if let Some(code) = r.class_code.as_deref() {
                if let Some(er) = e.rows.iter().find(|x| x.code.as_deref() == Some(code)) {
                    out.eq(
                        "X-2",
                        cell(s, r, scol),
                        vec![cell(e, er, "total")],
                        format!("收支总表 {code} = 支出总表 {code}"),
                    );
                }
            }
            if let (Some(line), Some(etot)) = (r.line.as_deref(), etot) {
                for part in ["basic", "project", "reserve"] {
                    if line == format!("expenditure.{part}") && has_column(e, part) {
                        out.eq(
                            "X-2",
                            cell(s, r, scol),
                            vec![cell(e, etot, part)],
                            format!("收支总表 {line} = 支出总表 合计 {part}"),
                        );
                    }
                }
            }
        }
        if let Some(etot) = etot {
            let carry = has_column(e, "carry_forward");
            let srow = if carry {
                side_total(s, "expenditure")
            } else {
                year_total(s, "expenditure", scol)
            };
            if let Some(srow) = srow {
                out.eq(
                    "X-2",
                    cell(s, srow, scol),
                    vec![cell(e, etot, "total")],
                    "收支总表 支出 = 支出总表 合计".into(),
                );
            }
        }
        out.cover("X-2", s, e, || match etot {
            None => "the 支出总表 has no 合计 row".into(),
            Some(_) => "no spending line of the 收支总表 (a class, 基本 / 项目, the total) has a figure to set against the 支出总表".into(),
        });
    }
    // the 财政拨款收支总表's fund columns = the fund tables' totals; its class lines'
    // 一般公共预算 = the 一般公共预算支出表's class rows.
    if let Some(f) = fiscal {
        let frow = year_total(f, "expenditure", "total")
            .filter(|r| val(r, "general_budget").is_some() || val(r, "total").is_some());
        let funds: [(&str, &[&str]); 3] = [
            ("general_budget", &["gpb_expenditure"]),
            ("gov_fund", &["gf_expenditure", "gf"]),
            ("state_capital", &["soc_expenditure", "soc"]),
        ];
        if let Some(frow) = frow {
            for (col, bases) in funds {
                if !has_column(f, col) {
                    continue;
                }
                if let Some(t) = bases.iter().find_map(|b| ts.get(b)) {
                    if let Some(tt) = total_row(t) {
                        out.eq(
                            "X-3",
                            cell(f, frow, col),
                            vec![cell(t, tt, "total")],
                            format!(
                                "财政拨款收支总表 支出 {col} = {} 合计",
                                t.table_type.as_deref().unwrap_or("")
                            ),
                        );
                    }
                }
            }
        }
        // Jiangsu: the 财政拨款支出表 (by function, all fiscal funds) = the spending side
        // of the 财政拨款收支总表 (printed by use: 基本 / 项目 / 预留).
        if let Some(t) = ts.get("fiscal_expenditure") {
            let col = main_column(f, "expenditure").unwrap_or("amount");
            if let (Some(frow), Some(tt)) = (year_total(f, "expenditure", col), total_row(t)) {
                out.eq(
                    "X-3",
                    cell(f, frow, col),
                    vec![cell(t, tt, "total")],
                    "财政拨款收支总表 支出 = 财政拨款支出表 合计".into(),
                );
            }
        }
        if let Some(g) = ts.get("gpb_expenditure") {
            if has_column(f, "general_budget") {
                for r in f
                    .rows
                    .iter()
                    .filter(|r| r.side.as_deref() == Some("expenditure"))
                {
                    let Some(code) = r.class_code.as_deref() else {
                        continue;
                    };
                    if let Some(gr) = g.rows.iter().find(|x| x.code.as_deref() == Some(code)) {
                        out.eq(
                            "X-3",
                            cell(f, r, "general_budget"),
                            vec![cell(g, gr, "total")],
                            format!(
                                "财政拨款收支总表 {code} 一般公共预算 = 一般公共预算支出表 {code}"
                            ),
                        );
                    }
                }
            }
        }
    }
    if let Some(f) = fiscal {
        let tables: [(&str, &[&str]); 4] = [
            ("general_budget", &["gpb_expenditure"]),
            ("gov_fund", &["gf_expenditure", "gf"]),
            ("state_capital", &["soc_expenditure", "soc"]),
            ("", &["fiscal_expenditure"]),
        ];
        for (col, bases) in tables {
            let Some((base, t)) = bases.iter().find_map(|b| Some((*b, ts.get(b)?))) else {
                continue;
            };
            out.cover("X-3", f, t, || match total_row(t) {
                None => format!("the {base} table has no 合计 row"),
                Some(_) if col.is_empty() => {
                    "the 财政拨款收支总表 has no spending total with a figure".into()
                }
                Some(_) => format!(
                    "the 财政拨款收支总表 has no {col} column with a figure on its spending total and no income.{col} line to set against the table's 合计"
                ),
            });
        }
    }
    // the 一般公共预算支出表's 基本支出 = the 基本支出表's 合计 (finals print the latter
    // as two panels whose footers are 人员经费合计 and 公用经费合计).
    if let (Some(g), Some(b)) = (ts.get("gpb_expenditure"), ts.get("gpb_basic")) {
        if let Some(gt) = total_row(g) {
            let basic_total = basic_total(b);
            if has_column(g, "basic") && !basic_total.is_empty() {
                out.eq(
                    "X-4",
                    cell(g, gt, "basic"),
                    basic_total,
                    "一般公共预算支出表 基本支出 = 基本支出表 合计".into(),
                );
            }
            if let Some(bt) = total_row(b) {
                for part in ["personnel", "public"] {
                    if has_column(g, part) && has_column(b, part) {
                        out.eq(
                            "X-4",
                            cell(g, gt, part),
                            vec![cell(b, bt, part)],
                            format!("一般公共预算支出表 {part} = 基本支出表 {part}"),
                        );
                    }
                }
            }
        }
        out.cover("X-4", g, b, || why_no_basic("一般公共预算支出表", g, b));
    }
    // X-5 (info): the 支出总表's 基本支出 covers the general-budget basic spending.
    if let (Some(e), Some(b)) = (ts.get("expenditure"), ts.get("gpb_basic")) {
        let bt = basic_total(b);
        if let Some(et) = total_row(e).filter(|_| !bt.is_empty()) {
            if has_column(e, "basic") {
                out.ge(
                    "X-5",
                    cell(e, et, "basic"),
                    bt,
                    "支出总表 基本支出 ≥ 基本支出表 合计".into(),
                );
            }
        }
        out.cover("X-5", e, b, || why_no_basic("支出总表", e, b));
    }
    // X-5b (info): the 财政拨款基本支出 (all fiscal funds) covers the 一般公共预算 one.
    if let (Some(f), Some(b)) = (ts.get("fiscal_basic"), ts.get("gpb_basic")) {
        let bt = basic_total(b);
        if let Some(ft) = total_row(f).filter(|_| !bt.is_empty()) {
            out.ge(
                "X-5",
                cell(f, ft, "total"),
                bt,
                "财政拨款基本支出表 合计 ≥ 一般公共预算基本支出表 合计".into(),
            );
        }
        out.cover("X-5", f, b, || match total_row(f) {
            None => "the 财政拨款基本支出表 has no 合计 row".into(),
            Some(_) => {
                "the 一般公共预算基本支出表 has no 合计 row (nor 人员经费合计 / 公用经费合计 rows)"
                    .into()
            }
        });
    }
    // X-6 (info): each 三公 part covers its economic line of basic spending.
    if let (Some(tp), Some(b)) = (ts.get("three_public"), ts.get("gpb_basic")) {
        // The economic line is taken by its code and its name together: some regions
        // number their 款 locally (30212 = 机关事业单位退休人员活动费 in a Putuo 2024
        // budget), so a code alone does not say the line is the 三公 part.
        let parts: [(&str, &str, &[&str]); 4] = [
            ("abroad", "30212", &["出国"]),
            ("reception", "30217", &["接待"]),
            ("vehicle_operation", "30231", &["公务用车运行"]),
            ("vehicle_purchase", "31013", &["公务用车购置"]),
        ];
        let mut why: Vec<String> = Vec::new();
        for (part, code, words) in parts {
            let Some(key) = three_public_key(tp, part) else {
                why.push(format!("{part}: no column"));
                continue;
            };
            let Some(tr) = tp.rows.iter().find(|r| val(r, &key).is_some()) else {
                why.push(format!("{part}: no figure printed"));
                continue;
            };
            let named = |r: &Row| {
                let k = gongkai_normalize::match_key(&r.name);
                words.iter().any(|w| k.contains(w))
            };
            let Some(br) = b
                .rows
                .iter()
                .find(|r| r.code.as_deref() == Some(code) && named(r))
            else {
                why.push(format!(
                    "{part}: the 基本支出表 has no line {code} {}",
                    words.join("/")
                ));
                continue;
            };
            let key: &str = tp
                .columns
                .iter()
                .find(|c| **c == key)
                .map(String::as_str)
                .unwrap_or("");
            out.ge(
                "X-6",
                cell(tp, tr, key),
                vec![cell(b, br, "total")],
                format!("三公 {part} ≥ 基本支出表 {code}"),
            );
        }
        out.cover("X-6", tp, b, || why.join("; "));
    }
    out.findings
}

/// V-RAW: each typed value's `yuan` is its printed `raw` × the table's unit. Always so as
/// extracted (the `repairs` of a value are those its `raw` is read with again: thousands
/// separators, full-width digits, a split decimal); records a person corrected (`gongkai
/// check`) may change one and not the other, and `yuan` is what every other check reads.
/// Only disagreements are written.
fn raw_and_yuan_agree(t: &TypedTable, tt: &str, out: &mut Vec<Finding>) {
    let unit = t.unit.as_deref().and_then(gongkai_normalize::Unit::parse);
    for row in &t.rows {
        for (col, v) in row.values.iter() {
            let Some(v) = v.as_ref() else {
                continue;
            };
            let Some(yuan) = v.yuan.as_deref() else {
                continue;
            };
            let from_raw = v
                .printed()
                .zip(unit)
                .and_then(|(p, u)| gongkai_normalize::to_yuan(p, u).ok());
            let agree = from_raw.is_some_and(|r| yuan.parse::<rust_decimal::Decimal>() == Ok(r));
            if agree {
                continue;
            }
            let mut f = Finding::plain(
                "V-RAW",
                Severity::Warn,
                false,
                &t.id,
                tt,
                v.page,
                &row.id,
                col,
                "yuan = raw × the table's unit",
            );
            f.lhs = yuan.to_string();
            f.rhs = from_raw.map(|r| r.to_string()).unwrap_or_default();
            f.note = Some(match (from_raw, unit) {
                (_, None) => format!(
                    "yuan {yuan} but the table's unit {:?} is not a unit of yuan",
                    t.unit.as_deref().unwrap_or("")
                ),
                (None, _) => format!("yuan {yuan} but raw {:?} is not an amount", v.raw),
                (Some(r), Some(u)) => format!(
                    "raw {:?} × {u} = {r}, yuan says {yuan}: one of the two was changed",
                    v.raw
                ),
            });
            out.push(f);
        }
    }
}

/// The standard tables every disclosure of a kind has (domain spec §3, §4; the 国有资本经营
/// table is not printed by every family).
fn expected(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Final => &[
            "final.summary",
            "final.income",
            "final.expenditure",
            "final.fiscal_summary",
            "final.gpb_expenditure",
            "final.gpb_basic",
            "final.three_public",
        ],
        _ => &[
            "budget.summary",
            "budget.income",
            "budget.expenditure",
            "budget.fiscal_summary",
            "budget.gpb_expenditure",
            "budget.gpb_basic",
            "budget.three_public",
        ],
    }
}

/// Document checks: DOC-2 (every table listed in the contents or whose title is printed,
/// and every standard table of the kind when the document prints standard tables, is
/// found; a missing one points to where its title is printed), DOC-4 (two tables never
/// share a type), and the accounting: an `unmapped_value` finding per numeric cell that is
/// not a typed value, a `unit_unknown` finding per typed table whose unit has no evidence,
/// an `unknown_line` finding per row of a two-sided table holding money under a label that
/// names no line.
pub fn check_document(r: &Records) -> Vec<Finding> {
    let mut out = Vec::new();
    let types: Vec<&str> = r
        .tables
        .iter()
        .filter_map(|t| t.table_type.as_deref())
        .collect();
    let standard = |tt: &str| tt.starts_with("budget.") || tt.starts_with("final.");
    let mut wanted: Vec<(String, Option<&ListedTable>)> = Vec::new();
    for l in &r.listed {
        if !wanted.iter().any(|(t, _)| *t == l.table_type) {
            wanted.push((l.table_type.clone(), Some(l)));
        }
    }
    if types.iter().any(|t| standard(t)) {
        for tt in expected(r.document.kind) {
            if !wanted.iter().any(|(t, _)| t == tt) {
                wanted.push((tt.to_string(), None));
            }
        }
    }
    for t in &r.unread_titles {
        if !wanted.iter().any(|(tt, _)| *tt == t.table_type) {
            wanted.push((t.table_type.clone(), None));
        }
    }
    // A file that prints none of the tables its contents lists (a disclosure published as a
    // text file and a tables file, as Jiangsu's 公开文件 and 公开表格): one finding for the
    // whole list, not one per table.
    let none_printed =
        !types.iter().any(|t| standard(t)) && r.unread_titles.is_empty() && r.listed.len() > 1;
    if none_printed {
        let mut f = Finding::plain(
            "DOC-2",
            Severity::Warn,
            false,
            "",
            "document",
            r.listed.first().map_or(0, |l| l.page),
            "",
            "",
            "the tables the contents lists are found",
        );
        f.lhs = format!("0 of {}", r.listed.len());
        f.note = Some(format!(
            "none of the {} tables the contents lists is printed in this file ({}): its tables \
             may be published in a companion file (a 表格 file beside this 文件); read that one too",
            r.listed.len(),
            r.listed
                .iter()
                .map(|l| l.title.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ));
        out.push(f);
        wanted.clear();
    }
    for (tt, listed) in &wanted {
        let found = r
            .tables
            .iter()
            .find(|t| t.table_type.as_deref() == Some(tt.as_str()));
        let printed = r.unread_titles.iter().find(|t| t.table_type == *tt);
        let mut why: Vec<String> = Vec::new();
        if let Some(l) = listed {
            why.push(format!(
                "listed in the contents (p.{}: {})",
                l.page, l.title
            ));
        }
        if let Some(t) = printed.filter(|_| found.is_none()) {
            why.push(format!(
                "its title is printed on p.{} ({}) but no table of the type was read",
                t.page, t.title
            ));
        }
        if why.is_empty() {
            why.push("expected in every document of its kind".to_string());
        }
        let why = why.join("; ");
        let mut f = Finding::plain(
            "DOC-2",
            Severity::Warn,
            found.is_some(),
            found.map_or("", |t| t.id.as_str()),
            tt,
            found
                .and_then(|t| t.pages.first().copied())
                .or(printed.map(|t| t.page))
                .or(listed.map(|l| l.page))
                .unwrap_or(0),
            "",
            "",
            &format!("{tt} is found"),
        );
        f.note = Some(if found.is_some() {
            why
        } else {
            format!("missing: {why}")
        });
        out.push(f);
    }
    // DOC-3: no placeholder left in the document's title or department (a template
    // published as is: `上海市XX局`).
    for (field, text) in [
        ("title", r.document.title.as_deref()),
        ("department", r.document.department.as_deref()),
    ] {
        if let Some(text) = text.filter(|t| has_placeholder(t)) {
            let mut f = Finding::plain(
                "DOC-3",
                Severity::Warn,
                false,
                "",
                "document",
                r.document.title_page.unwrap_or(0),
                field,
                "",
                "no placeholder text in the document's title or department",
            );
            f.lhs = text.to_string();
            out.push(f);
        }
    }
    out.extend(crate::years::check_years(r));
    // DOC-4: one table per standard type.
    let mut seen: Vec<&str> = Vec::new();
    for t in &r.tables {
        let Some(tt) = t.table_type.as_deref().filter(|tt| standard(tt)) else {
            continue;
        };
        if seen.contains(&tt) {
            continue;
        }
        seen.push(tt);
        let same: Vec<&TypedTable> = r
            .tables
            .iter()
            .filter(|x| x.table_type.as_deref() == Some(tt))
            .collect();
        if same.len() > 1 {
            let mut f = Finding::plain(
                "DOC-4",
                Severity::Warn,
                false,
                &same[0].id,
                tt,
                same[0].pages.first().copied().unwrap_or(0),
                "",
                "",
                &format!("one table of type {tt}"),
            );
            f.related_tables = same[1..].iter().map(|x| x.id.clone()).collect();
            f.note = Some(format!(
                "{} tables typed {tt} ({}): users of `{tt}` rows cannot tell which is meant",
                same.len(),
                same.iter()
                    .map(|x| format!("{} p.{}", x.id, x.pages.first().copied().unwrap_or(0)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            out.push(f);
        }
    }
    for p in &r.projects {
        let b = &p.budget;
        let amounts = [&b.total, &b.fiscal, &b.other].iter().any(|v| v.is_some());
        if amounts && p.unit.is_none() {
            let mut f = Finding::plain(
                "unit_unknown",
                Severity::Warn,
                false,
                &p.table,
                "performance",
                p.pages.first().copied().unwrap_or(0),
                p.name.as_deref().unwrap_or(""),
                "budget",
                "the project table's unit is stated",
            );
            f.note = Some(
                "no unit line and no unit in a budget label: amounts kept as printed, yuan null"
                    .into(),
            );
            out.push(f);
        }
    }
    for t in &r.tables {
        let tt = t.table_type.as_deref().unwrap_or("");
        if t.numeric_cells > 0 && t.unit_source.is_none() {
            let mut f = Finding::plain(
                "unit_unknown",
                Severity::Warn,
                false,
                &t.id,
                tt,
                t.pages.first().copied().unwrap_or(0),
                "",
                "",
                "the table's unit is stated",
            );
            f.note = Some(match &t.unit {
                Some(u) => format!("unit {u:?} is not a unit of yuan: amounts kept as printed, yuan null"),
                None => "no unit statement in the caption, the header or the title block: amounts kept as printed, yuan null".into(),
            });
            out.push(f);
        }
        raw_and_yuan_agree(t, tt, &mut out);
        for u in &t.unmapped {
            let mut f = Finding::plain(
                "unmapped_value",
                Severity::Warn,
                false,
                &t.id,
                tt,
                u.page,
                &u.row,
                &u.header,
                &format!("numeric cell of {} is a typed value", t.id),
            );
            f.lhs = u.raw.clone();
            f.note = Some(format!(
                "{} (row {:?}, header {:?})",
                u.reason, u.label, u.header
            ));
            out.push(f);
        }
        // A row of a two-sided table that holds money under a label naming no known line
        // (two labels joined, or one cut over two rows): its figure is typed but no
        // identity can place it, so it says so rather than pass unseen.
        for row in t
            .rows
            .iter()
            .filter(|r| r.side.is_some() && r.line.is_none())
        {
            let Some(v) = row.values.values().flatten().next() else {
                continue;
            };
            let mut f = Finding::plain(
                "unknown_line",
                Severity::Warn,
                false,
                &t.id,
                tt,
                v.page,
                &row.id,
                "",
                &format!("a row of {} holding money names a known line", t.id),
            );
            f.lhs = v.raw.clone();
            f.note = Some(format!(
                "label {:?} names no line of the {} side (two labels joined, or one cut over two rows?): its amounts are typed, but no identity places them",
                row.name,
                row.side.as_deref().unwrap_or("")
            ));
            out.push(f);
        }
    }
    out
}

/// Does `s` hold template placeholder text (`上海市XX局`, `待填写`)?
pub(crate) fn has_placeholder(s: &str) -> bool {
    ["XX", "ＸＸ", "××", "xx", "待填写", "{单位}", "……"]
        .iter()
        .any(|p| s.contains(p))
}
