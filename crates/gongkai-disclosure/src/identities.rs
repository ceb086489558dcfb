//! Arithmetic identities, reported as findings and never silently fixed. Tolerance per
//! check = Σ over every term (both sides) of ½ × its printed resolution, so rounding in
//! 万元 tables is `rounding`, not `fail`; a gap of exactly ×10⁴ is a unit mismatch.

use gongkai_normalize::{match_key, yuan_string};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::narrative::{Fact, FactRef};
use crate::procurement::ProcurementItem;
use crate::projects::Project;
use crate::rows::{Row, RowKind, TypedTable, Value};
use crate::Kind;

/// How serious a failed identity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Arithmetic inside a table or between tables.
    Error,
    /// Soft checks (narrative vs table).
    Warn,
    /// Inequalities and hints.
    Info,
}

/// Outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Exactly equal.
    Pass,
    /// Different, within the rounding tolerance.
    Rounding,
    /// Different beyond the tolerance.
    Fail,
    /// The two sides differ by exactly ×10⁴ (元 vs 万元).
    UnitMismatch,
}

/// One identity check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Rule id (S1, H1, H2, R1, T1, T2 …).
    pub rule: String,
    /// Severity if it fails.
    pub severity: Severity,
    /// Outcome.
    pub status: Status,
    /// Table id.
    pub table: String,
    /// Table type.
    pub table_type: String,
    /// Page of the checked value.
    pub page: u32,
    /// Row the check is about.
    pub row: String,
    /// Column key.
    pub column: String,
    /// Human-readable expression.
    pub expr: String,
    /// Left side in yuan.
    pub lhs: String,
    /// Right side in yuan.
    pub rhs: String,
    /// lhs − rhs.
    pub diff: String,
    /// Allowed rounding difference.
    pub tolerance: String,
}

fn judge(lhs: Decimal, rhs: Decimal, tolerance: Decimal) -> Status {
    let diff = (lhs - rhs).abs();
    if diff.is_zero() {
        Status::Pass
    } else if diff <= tolerance {
        Status::Rounding
    } else if !rhs.is_zero()
        && !lhs.is_zero()
        && (lhs == rhs * Decimal::from(10_000) || rhs == lhs * Decimal::from(10_000))
    {
        Status::UnitMismatch
    } else {
        Status::Fail
    }
}

struct Check<'a> {
    rule: &'a str,
    table: &'a TypedTable,
    row: &'a str,
    column: &'a str,
    expr: String,
    lhs: &'a Value,
    rhs: Vec<&'a Value>,
}

fn finding(c: Check) -> Finding {
    let l = c.lhs.decimal();
    let r: Decimal = c.rhs.iter().map(|v| v.decimal()).sum();
    let half = Decimal::new(5, 1);
    // Money has no unit finer than a fen: a value printed to 0.01 元 (or finer) is exact and
    // adds no rounding tolerance; coarser ones (万元 with 2 decimals = 100 元) add half.
    let fen = Decimal::new(1, 2);
    let term = |v: &Value| {
        if v.resolution() <= fen {
            Decimal::ZERO
        } else {
            v.resolution() * half
        }
    };
    let tol: Decimal = term(c.lhs) + c.rhs.iter().map(|v| term(v)).sum::<Decimal>();
    Finding {
        rule: c.rule.into(),
        severity: Severity::Error,
        status: judge(l, r, tol),
        table: c.table.id.clone(),
        table_type: c.table.table_type.clone().unwrap_or_default(),
        page: c.lhs.page,
        row: c.row.into(),
        column: c.column.into(),
        expr: c.expr,
        lhs: yuan_string(&l),
        rhs: yuan_string(&r),
        diff: yuan_string(&(l - r)),
        tolerance: yuan_string(&tol.normalize()),
    }
}

fn val<'a>(row: &'a Row, col: &str) -> Option<&'a Value> {
    row.values.get(col).and_then(|v| v.as_ref())
}

/// Runs every identity that applies to the typed tables.
pub fn check_all(tables: &[TypedTable], _kind: Kind) -> Vec<Finding> {
    use rayon::prelude::*;
    // Each table is checked on its own; the findings keep the tables' order.
    let per_table: Vec<Vec<Finding>> = tables
        .par_iter()
        .map(|t| {
            let mut out = Vec::new();
            let Some(tt) = t.table_type.as_deref() else {
                return out;
            };
            if tt.ends_with(".summary") || tt.ends_with(".fiscal_summary") {
                summary_balance(t, &mut out);
                summary_sums(t, &mut out);
            } else if !tt.ends_with(".three_public") && tt != "procurement" {
                hierarchy(t, &mut out);
            }
            row_sums(t, &mut out);
            out
        })
        .collect();
    per_table.concat()
}

fn side_rows<'a>(t: &'a TypedTable, side: &'a str) -> impl Iterator<Item = &'a Row> + 'a {
    t.rows
        .iter()
        .filter(move |r| r.side.as_deref() == Some(side))
}

/// The first amount column of a side (`amount`, or `total` on a 财政拨款 spending side).
fn main_column<'a>(t: &'a TypedTable, side: &str) -> Option<&'a str> {
    t.side_columns(Some(side)).into_iter().next()
}

/// S1 / FS1: 收入总计 = 支出总计 (the main amount column of each side).
fn summary_balance(t: &TypedTable, out: &mut Vec<Finding>) {
    // The grand total of a side: its grand-total line; failing that (an unknown wording)
    // the last 总计 / 合计 row that is not a total of the year.
    let side_total = |side: &'static str| {
        let row = side_rows(t, side)
            .filter(|r| r.kind == RowKind::GrandTotal)
            .last()
            .or_else(|| {
                side_rows(t, side)
                    .filter(|r| {
                        let k = match_key(&r.name);
                        (k.contains("总计") || k.contains("合计"))
                            && !k.contains("本年")
                            && !k.contains("当年")
                    })
                    .last()
            })?;
        let col = main_column(t, side)?;
        Some((row, col, val(row, col)?))
    };
    if let (Some((ri, ci, vi)), Some((re, _, ve))) =
        (side_total("income"), side_total("expenditure"))
    {
        let rule = if t
            .table_type
            .as_deref()
            .is_some_and(|s| s.ends_with("fiscal_summary"))
        {
            "FS1"
        } else {
            "S1"
        };
        out.push(finding(Check {
            rule,
            table: t,
            row: &ri.id,
            column: ci,
            expr: format!("{} = {}", ri.name, re.name),
            lhs: vi,
            rhs: vec![ve],
        }));
    }
}

/// Sums inside one side of a two-sided table:
/// S2 / S6: the year's total (or, without one, the grand total) = Σ level-1 lines;
/// S3: a level-1 line = Σ its level-2 lines;
/// FA1 / FA2: 总计 = 本年合计 + the carry-over lines, when a carry-over line has a value.
fn summary_sums(t: &TypedTable, out: &mut Vec<Finding>) {
    for (side, s_rule, fa_rule) in [("income", "S2", "FA1"), ("expenditure", "S6", "FA2")] {
        let Some(col) = main_column(t, side) else {
            continue;
        };
        let year_total = side_rows(t, side).find(|r| r.kind == RowKind::Total && r.line.is_some());
        let grand = side_rows(t, side)
            .filter(|r| r.kind == RowKind::GrandTotal)
            .last();
        let carries: Vec<&Row> = side_rows(t, side)
            .filter(|r| {
                r.level == Some(0) && !matches!(r.kind, RowKind::Total | RowKind::GrandTotal)
            })
            .collect();
        let level1: Vec<&Row> = side_rows(t, side).filter(|r| r.level == Some(1)).collect();
        let carry_values: Vec<&Value> = carries.iter().filter_map(|r| val(r, col)).collect();
        let sum_target = year_total.or(if carry_values.is_empty() { grand } else { None });
        if let Some(target) = sum_target {
            if let Some(tv) = val(target, col) {
                let parts: Vec<&Value> = level1.iter().filter_map(|r| val(r, col)).collect();
                if !parts.is_empty() {
                    out.push(finding(Check {
                        rule: s_rule,
                        table: t,
                        row: &target.id,
                        column: col,
                        expr: format!("{} = Σ level-1 lines ({})", target.name, level1.len()),
                        lhs: tv,
                        rhs: parts,
                    }));
                }
            }
        }
        for parent in level1.iter().chain(carries.iter()) {
            let Some(line) = parent.line.as_deref() else {
                continue;
            };
            let children: Vec<&Row> = side_rows(t, side)
                .filter(|r| r.parent_line.as_deref() == Some(line))
                .collect();
            if children.is_empty() {
                continue;
            }
            if let Some(pv) = val(parent, col) {
                let parts: Vec<&Value> = children.iter().filter_map(|r| val(r, col)).collect();
                out.push(finding(Check {
                    rule: "S3",
                    table: t,
                    row: &parent.id,
                    column: col,
                    expr: format!("{} = Σ its lines ({})", parent.name, children.len()),
                    lhs: pv,
                    rhs: parts,
                }));
            }
        }
        if let (Some(g), Some(y), false) = (grand, year_total, carry_values.is_empty()) {
            if let (Some(gv), Some(yv)) = (val(g, col), val(y, col)) {
                let mut parts = vec![yv];
                parts.extend(carry_values.iter().copied());
                out.push(finding(Check {
                    rule: fa_rule,
                    table: t,
                    row: &g.id,
                    column: col,
                    expr: format!("{} = {} + carry-over lines", g.name, y.name),
                    lhs: gv,
                    rhs: parts,
                }));
            }
        }
    }
}

/// H1: a 类/款 row = Σ its children; H2: the 合计 row = Σ 类 rows (per amount column).
fn hierarchy(t: &TypedTable, out: &mut Vec<Finding>) {
    for col in &t.columns {
        for parent in t
            .rows
            .iter()
            .filter(|r| matches!(r.kind, RowKind::Class | RowKind::Kuan))
        {
            let Some(code) = parent.code.as_deref() else {
                continue;
            };
            let Some(pv) = val(parent, col) else { continue };
            let children: Vec<&Row> = t
                .rows
                .iter()
                .filter(|r| r.parent_code.as_deref() == Some(code))
                .collect();
            if children.is_empty() {
                continue;
            }
            let cv: Vec<&Value> = children.iter().filter_map(|r| val(r, col)).collect();
            out.push(finding(Check {
                rule: "H1",
                table: t,
                row: &parent.id,
                column: col,
                expr: format!("{code} = Σ children ({})", children.len()),
                lhs: pv,
                rhs: cv,
            }));
        }
        let classes: Vec<&Row> = t.rows.iter().filter(|r| r.kind == RowKind::Class).collect();
        // Final-account basic-spending tables print two panels side by side whose footers
        // are 人员经费合计 / 公用经费合计: not a grand total over 类 rows.
        if let Some(total) = t.rows.iter().find(|r| {
            matches!(r.kind, RowKind::Total | RowKind::GrandTotal)
                && r.code.is_none()
                && !match_key(&r.name).contains("经费合计")
        }) {
            if let (Some(tv), false) = (val(total, col), classes.is_empty()) {
                let cv: Vec<&Value> = classes.iter().filter_map(|r| val(r, col)).collect();
                out.push(finding(Check {
                    rule: "H2",
                    table: t,
                    row: &total.id,
                    column: col,
                    expr: format!("{} = Σ 类 rows ({})", total.name, classes.len()),
                    lhs: tv,
                    rhs: cv,
                }));
            }
        }
    }
}

/// R1 (T1 / T2 for 三公): each row's `total` column = Σ its part columns, for the row sums
/// the table type promises (合计 = 基本支出 + 项目支出, 三公 = 出国 + 公务用车 + 接待, …).
fn row_sums(t: &TypedTable, out: &mut Vec<Finding>) {
    let three_public = t
        .table_type
        .as_deref()
        .is_some_and(|s| s.ends_with("three_public"));
    for rs in &t.row_sums {
        let rule = match (three_public, rs.total.ends_with("vehicle_total")) {
            (true, false) => "T1",
            (true, true) => "T2",
            _ => "R1",
        };
        for r in t
            .rows
            .iter()
            .filter(|r| rs.side.is_none() || r.side == rs.side)
        {
            let Some(tv) = val(r, &rs.total) else {
                continue;
            };
            let pv: Vec<&Value> = rs.parts.iter().filter_map(|c| val(r, c)).collect();
            if pv.is_empty() {
                continue;
            }
            out.push(finding(Check {
                rule,
                table: t,
                row: &r.id,
                column: &rs.total,
                expr: format!("{} = {}", rs.total, rs.parts.join(" + ")),
                lhs: tv,
                rhs: pv,
            }));
        }
    }
}

/// PT1: a project's 预算数 = 财政资金 + 其他资金; PT2: its spending schedule rises and ends
/// at 100%; PT3: project codes are unique in the document.
pub fn check_projects(projects: &[Project]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut codes: Vec<&str> = Vec::new();
    for p in projects {
        let row = format!("{} {}", p.table, p.name.as_deref().unwrap_or(""));
        let b = &p.budget;
        if let (Some(total), Some(fiscal)) = (&b.total, &b.fiscal) {
            let mut parts = vec![fiscal];
            parts.extend(b.other.as_ref());
            let mut f = finding(Check {
                rule: "PT1",
                table: &project_table(p),
                row: &row,
                column: "budget",
                expr: "预算数 = 财政资金 + 其他资金".into(),
                lhs: total,
                rhs: parts,
            });
            f.table_type = "performance".into();
            out.push(f);
        }
        let pcts: Vec<Decimal> = p
            .schedule
            .iter()
            .filter_map(|s| s.cumulative_pct.parse().ok())
            .collect();
        if !pcts.is_empty() {
            let rising = pcts.windows(2).all(|w| w[0] <= w[1]);
            let last = pcts.last().copied().unwrap_or_default();
            let ok = rising && last == Decimal::ONE_HUNDRED;
            out.push(plain(
                "PT2",
                p,
                &row,
                "schedule",
                "资金支出计划 rises and ends at 100%",
                ok,
                &last.to_string(),
                "100",
            ));
        }
        if let Some(code) = p.code.as_deref() {
            let dup = codes.contains(&code);
            codes.push(code);
            if dup {
                out.push(plain(
                    "PT3",
                    p,
                    &row,
                    "code",
                    "项目编码 unique in the document",
                    false,
                    code,
                    "unique",
                ));
            }
        }
    }
    out
}

fn project_table(p: &Project) -> TypedTable {
    TypedTable {
        id: p.table.clone(),
        recognized_by: None,
        table_type: Some("performance".into()),
        title: p.title.clone(),
        unit: p.unit.clone(),
        pages: p.pages.clone(),
        columns: Vec::new(),
        headers: Default::default(),
        code_system: None,
        row_sums: Vec::new(),
        rows: Vec::new(),
    }
}

/// A check that is not an equation of amounts (pass or fail only).
#[allow(clippy::too_many_arguments)]
fn plain(
    rule: &str,
    p: &Project,
    row: &str,
    column: &str,
    expr: &str,
    ok: bool,
    lhs: &str,
    rhs: &str,
) -> Finding {
    Finding {
        rule: rule.into(),
        severity: Severity::Warn,
        status: if ok { Status::Pass } else { Status::Fail },
        table: p.table.clone(),
        table_type: "performance".into(),
        page: p.pages.first().copied().unwrap_or(0),
        row: row.into(),
        column: column.into(),
        expr: expr.into(),
        lhs: lhs.into(),
        rhs: rhs.into(),
        diff: String::new(),
        tolerance: String::new(),
    }
}

fn fact_value(f: &Fact) -> Option<Value> {
    Some(Value {
        yuan: f.yuan.clone()?,
        raw: f.raw.clone(),
        resolution_yuan: f.resolution_yuan.clone().unwrap_or_else(|| "0.01".into()),
        page: f.page,
        bbox: f.bbox,
        repairs: Vec::new(),
    })
}

/// The table cell a fact refers to.
fn referenced<'a>(
    r: &FactRef,
    tables: &'a [TypedTable],
) -> Option<(&'a TypedTable, &'a Row, &'a Value)> {
    let t = tables
        .iter()
        .find(|t| t.table_type.as_deref() == Some(r.table_type.as_str()))?;
    let row = match (&r.line, &r.kind) {
        (Some(line), _) => t
            .rows
            .iter()
            .find(|row| row.line.as_deref() == Some(line.as_str()))?,
        // Not the 人员经费合计 / 公用经费合计 footers of a two-panel final table.
        (None, Some(_)) => t.rows.iter().find(|row| {
            matches!(row.kind, RowKind::Total | RowKind::GrandTotal)
                && row.code.is_none()
                && !match_key(&row.name).contains("经费合计")
        })?,
        _ => return None,
    };
    Some((t, row, val(row, &r.column)?))
}

/// N-REF: a narrative figure equals the table cell it names (tolerance from both printed
/// precisions, so "828.56万元" matches a 元 table's 8,285,612.34 as rounding); N-BASIC,
/// N-EXP, N-T1, N-T2, N-PROC, N-ASSET: the sums the narrative states add up.
pub fn check_facts(facts: &[Fact], tables: &[TypedTable]) -> Vec<Finding> {
    let mut out = Vec::new();
    let values: Vec<(&Fact, Value)> = facts
        .iter()
        .filter_map(|f| fact_value(f).map(|v| (f, v)))
        .collect();
    for (f, v) in &values {
        let Some(r) = &f.r#ref else { continue };
        let Some((t, row, tv)) = referenced(r, tables) else {
            continue;
        };
        let mut finding = finding(Check {
            rule: "N-REF",
            table: t,
            row: &row.id,
            column: &r.column,
            expr: format!("narrative {} = {} [{}]", f.key, row.name, r.column),
            lhs: v,
            rhs: vec![tv],
        });
        finding.severity = Severity::Warn;
        finding.page = f.page;
        out.push(finding);
    }
    let narrative = TypedTable {
        id: "narrative".into(),
        recognized_by: None,
        table_type: Some("narrative".into()),
        title: None,
        unit: None,
        pages: Vec::new(),
        columns: Vec::new(),
        headers: Default::default(),
        code_system: None,
        row_sums: Vec::new(),
        rows: Vec::new(),
    };
    let mut sums: Vec<(&str, String, Vec<String>)> = vec![
        (
            "N-BASIC",
            "basic_expenditure".into(),
            vec!["personnel_expenditure".into(), "public_expenditure".into()],
        ),
        (
            "N-EXP",
            "total_expenditure".into(),
            vec!["basic_expenditure".into(), "project_expenditure".into()],
        ),
        (
            "N-PROC",
            "procurement.total".into(),
            vec![
                "procurement.goods".into(),
                "procurement.works".into(),
                "procurement.services".into(),
            ],
        ),
        (
            "N-ASSET",
            "assets.planned_purchase".into(),
            values
                .iter()
                .filter(|(f, _)| f.key.starts_with("assets.item."))
                .map(|(f, _)| f.key.clone())
                .collect(),
        ),
    ];
    for p in ["three_public.", "three_public.final."] {
        sums.push((
            "N-T1",
            format!("{p}total"),
            vec![
                format!("{p}abroad"),
                format!("{p}vehicle_total"),
                format!("{p}reception"),
            ],
        ));
        sums.push((
            "N-T2",
            format!("{p}vehicle_total"),
            vec![
                format!("{p}vehicle_purchase"),
                format!("{p}vehicle_operation"),
            ],
        ));
    }
    for (rule, total, parts) in &sums {
        // A sum is checked only where one sentence states the total and its parts ("支出预算
        // 为828.56万元，其中基本支出729.20万元 … 项目支出99.36万元"): figures from different
        // sentences may cover different scopes.
        let Some((tf, tv)) = values.iter().find(|(f, _)| f.key == *total) else {
            continue;
        };
        let pv: Vec<&Value> = parts
            .iter()
            .filter_map(|k| {
                values
                    .iter()
                    .find(|(f, _)| f.key == *k && f.sentence == tf.sentence)
                    .map(|(_, v)| v)
            })
            .collect();
        if pv.len() < 2 || pv.len() < parts.len() && *rule != "N-EXP" {
            continue;
        }
        let mut f = finding(Check {
            rule,
            table: &narrative,
            row: total,
            column: "yuan",
            expr: format!("{total} = {}", parts.join(" + ")),
            lhs: tv,
            rhs: pv,
        });
        f.severity = Severity::Warn;
        out.push(f);
    }
    out
}

/// Procurement: P2 合计 = Σ items, P3 a group (小计) = Σ its items
/// (per funding column); P4 数量 × 单价 = the item total (tolerance: quantity × ½ the price's
/// resolution); P5 an item's total ≤ its project's budget.
pub fn check_procurement(items: &[ProcurementItem], tables: &[TypedTable]) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in tables
        .iter()
        .filter(|t| t.table_type.as_deref() == Some("procurement"))
    {
        let cols: Vec<&str> = t
            .columns
            .iter()
            .map(String::as_str)
            .filter(|c| *c != "project_budget" && *c != "unit_price")
            .collect();
        let total = t
            .rows
            .iter()
            .find(|r| matches!(r.kind, RowKind::Total | RowKind::GrandTotal));
        let subtotals: Vec<usize> = t
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.kind == RowKind::Subtotal)
            .map(|(i, _)| i)
            .collect();
        for col in &cols {
            // P3 for groups directly followed by their items (a nested category line sums
            // groups, not items, and is left out).
            for (n, &si) in subtotals.iter().enumerate() {
                let end = subtotals.get(n + 1).copied().unwrap_or(t.rows.len());
                if t.rows.get(si + 1).is_none_or(|r| r.kind != RowKind::Item) {
                    continue;
                }
                let parts: Vec<&Value> = t.rows[si + 1..end]
                    .iter()
                    .filter(|r| r.kind == RowKind::Item)
                    .filter_map(|r| val(r, col))
                    .collect();
                if let (Some(sv), false) = (val(&t.rows[si], col), parts.is_empty()) {
                    out.push(finding(Check {
                        rule: "P3",
                        table: t,
                        row: &t.rows[si].id,
                        column: col,
                        expr: format!("{} = Σ its items", t.rows[si].name),
                        lhs: sv,
                        rhs: parts,
                    }));
                }
            }
            if let Some(tr) = total {
                let parts: Vec<&Value> = t
                    .rows
                    .iter()
                    .filter(|r| r.kind == RowKind::Item)
                    .filter_map(|r| val(r, col))
                    .collect();
                if let (Some(tv), false) = (val(tr, col), parts.is_empty()) {
                    out.push(finding(Check {
                        rule: "P2",
                        table: t,
                        row: &tr.id,
                        column: col,
                        expr: format!("{} = Σ items", tr.name),
                        lhs: tv,
                        rhs: parts,
                    }));
                }
            }
        }
        for item in items
            .iter()
            .filter(|i| i.row.starts_with(&format!("{}.", t.id)))
        {
            let item_total = item.amounts.get("total").and_then(|v| v.as_ref());
            if let (Some(q), Some(price), Some(tot)) = (
                item.quantity
                    .as_deref()
                    .and_then(|q| q.parse::<Decimal>().ok()),
                &item.unit_price,
                item_total,
            ) {
                let product = Value {
                    yuan: yuan_string(&(price.decimal() * q)),
                    raw: format!("{} × {}", item.quantity.as_deref().unwrap_or(""), price.raw),
                    resolution_yuan: (price.resolution() * q).normalize().to_string(),
                    page: price.page,
                    bbox: price.bbox,
                    repairs: Vec::new(),
                };
                out.push(finding(Check {
                    rule: "P4",
                    table: t,
                    row: &item.row,
                    column: "total",
                    expr: "数量 × 单价 = 合计".into(),
                    lhs: tot,
                    rhs: vec![&product],
                }));
            }
            if let (Some(budget), Some(tot)) = (&item.project_budget, item_total) {
                let ok = tot.decimal() <= budget.decimal();
                let mut f = finding(Check {
                    rule: "P5",
                    table: t,
                    row: &item.row,
                    column: "total",
                    expr: "item total ≤ project budget".into(),
                    lhs: tot,
                    rhs: vec![budget],
                });
                f.status = if ok { Status::Pass } else { Status::Fail };
                f.severity = Severity::Warn;
                out.push(f);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerance_policy() {
        // Putuo-F24: 326.71 against 326.72 with 5 terms of 万元 (½ × 100 元 each) → rounding.
        let d = |s: &str| s.parse::<Decimal>().expect("decimal");
        assert_eq!(
            judge(d("3267100"), d("3267200"), d("250")),
            Status::Rounding
        );
        assert_eq!(judge(d("100.00"), d("100.01"), d("0.01")), Status::Rounding);
        assert_eq!(judge(d("100.00"), d("100.02"), d("0.01")), Status::Fail);
        assert_eq!(
            judge(d("35800"), d("3.58"), d("0.01")),
            Status::UnitMismatch
        );
        assert_eq!(judge(d("5"), d("5.00"), d("0")), Status::Pass);
    }
}
