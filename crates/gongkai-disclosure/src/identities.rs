//! Arithmetic identities, reported as findings and never silently fixed. Tolerance per
//! check = Σ over every term (both sides) of ½ × its printed resolution, so rounding in
//! 万元 tables is `rounding`, not `fail`; a gap of exactly ×10⁴ is a unit mismatch.

use gongkai_normalize::{match_key, yuan_string};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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
    } else if !rhs.is_zero() && !lhs.is_zero() && (lhs == rhs * Decimal::from(10_000) || rhs == lhs * Decimal::from(10_000)) {
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
    let term = |v: &Value| if v.resolution() <= fen { Decimal::ZERO } else { v.resolution() * half };
    let tol: Decimal = term(c.lhs) + c.rhs.iter().map(|v| term(v)).sum::<Decimal>();
    Finding {
        rule: c.rule.into(),
        severity: Severity::Error,
        status: judge(l, r, tol),
        table: c.table.id.clone(),
        table_type: c.table.table_type.clone().unwrap_or_default(),
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

fn is_grand_total(name: &str) -> bool {
    let k = match_key(name);
    k.contains("总计")
}

/// Runs every identity that applies to the typed tables.
pub fn check_all(tables: &[TypedTable], _kind: Kind) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in tables {
        let Some(tt) = t.table_type.as_deref() else { continue };
        if tt.ends_with(".summary") || tt.ends_with(".fiscal_summary") {
            summary_balance(t, &mut out);
        } else if tt.ends_with(".three_public") {
            three_public(t, &mut out);
        } else {
            hierarchy(t, &mut out);
            row_sums(t, &mut out);
        }
    }
    out
}

/// S1 / FS1 / FA3: 收入总计 = 支出总计 (first amount column of each side).
fn summary_balance(t: &TypedTable, out: &mut Vec<Finding>) {
    // The grand total of a side: its 总计 row; failing that (Jiangsu prints 收入合计 /
    // 支出合计 as the last line) the last 合计 row that is not 本年…合计.
    let side_total = |side: &str| {
        let on_side = || t.rows.iter().rev().filter(move |r| r.side.as_deref() == Some(side));
        let row = on_side().find(|r| is_grand_total(&r.name)).or_else(|| {
            on_side().find(|r| {
                let k = match_key(&r.name);
                k.contains("合计") && !k.contains("本年") && !k.contains("当年")
            })
        })?;
        let col = t.columns.iter().find(|c| val(row, c).is_some())?;
        Some((row, col, val(row, col)?))
    };
    if let (Some((ri, ci, vi)), Some((re, _, ve))) = (side_total("income"), side_total("expenditure")) {
        let rule = if t.table_type.as_deref().is_some_and(|s| s.ends_with("fiscal_summary")) { "FS1" } else { "S1" };
        out.push(finding(Check { rule, table: t, row: &ri.id, column: ci, expr: format!("{} = {}", ri.name, re.name), lhs: vi, rhs: vec![ve] }));
    }
}

/// H1: a 类/款 row = Σ its children; H2: the 合计 row = Σ 类 rows (per amount column).
fn hierarchy(t: &TypedTable, out: &mut Vec<Finding>) {
    for col in &t.columns {
        for parent in t.rows.iter().filter(|r| matches!(r.kind, RowKind::Class | RowKind::Subclass)) {
            let Some(code) = parent.code.as_deref() else { continue };
            let Some(pv) = val(parent, col) else { continue };
            let children: Vec<&Row> = t.rows.iter().filter(|r| r.parent_code.as_deref() == Some(code)).collect();
            if children.is_empty() {
                continue;
            }
            let cv: Vec<&Value> = children.iter().filter_map(|r| val(r, col)).collect();
            out.push(finding(Check { rule: "H1", table: t, row: &parent.id, column: col, expr: format!("{code} = Σ children ({})", children.len()), lhs: pv, rhs: cv }));
        }
        let classes: Vec<&Row> = t.rows.iter().filter(|r| r.kind == RowKind::Class).collect();
        // Final-account basic-spending tables print two panels side by side whose footers
        // are 人员经费合计 / 公用经费合计: not a grand total over 类 rows.
        if let Some(total) = t.rows.iter().find(|r| r.kind == RowKind::Total && r.code.is_none() && !match_key(&r.name).contains("经费合计")) {
            if let (Some(tv), false) = (val(total, col), classes.is_empty()) {
                let cv: Vec<&Value> = classes.iter().filter_map(|r| val(r, col)).collect();
                out.push(finding(Check { rule: "H2", table: t, row: &total.id, column: col, expr: format!("{} = Σ 类 rows ({})", total.name, classes.len()), lhs: tv, rhs: cv }));
            }
        }
    }
}

/// R1: in tables whose first amount column is a 合计 of the others, each row's 合计 = Σ
/// the other columns.
fn row_sums(t: &TypedTable, out: &mut Vec<Finding>) {
    let Some(first) = t.columns.first() else { return };
    let last_part = first.rsplit('/').next().unwrap_or(first);
    if !(last_part.contains("合计") || last_part.contains("小计") || last_part.contains("总计")) || t.columns.len() < 3 {
        return;
    }
    let parts: Vec<&String> = t.columns[1..].iter().collect();
    for r in &t.rows {
        let Some(tv) = val(r, first) else { continue };
        let pv: Vec<&Value> = parts.iter().filter_map(|c| val(r, c)).collect();
        if pv.is_empty() {
            continue;
        }
        out.push(finding(Check { rule: "R1", table: t, row: &r.id, column: first, expr: format!("{first} = Σ other columns"), lhs: tv, rhs: pv }));
    }
}

/// T1: 三公 合计 = 出国 + 公务用车 小计 + 接待; T2: 车 小计 = 购置 + 运行.
fn three_public(t: &TypedTable, out: &mut Vec<Finding>) {
    let find = |pred: &dyn Fn(&str) -> bool| t.columns.iter().find(|c| pred(c)).cloned();
    let total = find(&|c| c.ends_with("合计") && !c.contains("车"));
    let abroad = find(&|c| c.contains("出国"));
    let car_sub = find(&|c| c.contains("车") && (c.ends_with("小计") || c.ends_with("运行费") && !c.contains('/') || c.ends_with("运行维护费") && !c.contains('/')));
    let buy = find(&|c| c.ends_with("购置费") || c.ends_with("购置"));
    let run = find(&|c| c.contains("车") && (c.ends_with("/运行费") || c.ends_with("/运行维护费")));
    let recv = find(&|c| c.contains("接待"));
    for r in &t.rows {
        if let (Some(tc), Some(a), Some(cs), Some(rc)) = (&total, &abroad, &car_sub, &recv) {
            if let Some(tv) = val(r, tc) {
                let parts: Vec<&Value> = [a, cs, rc].iter().filter_map(|c| val(r, c)).collect();
                out.push(finding(Check { rule: "T1", table: t, row: &r.id, column: tc, expr: "三公合计 = 出国 + 公务用车 + 接待".into(), lhs: tv, rhs: parts }));
            }
        }
        if let (Some(cs), Some(b), Some(rn)) = (&car_sub, &buy, &run) {
            if cs != rn {
                if let Some(cv) = val(r, cs) {
                    let parts: Vec<&Value> = [b, rn].iter().filter_map(|c| val(r, c)).collect();
                    out.push(finding(Check { rule: "T2", table: t, row: &r.id, column: cs, expr: "公务用车 = 购置 + 运行".into(), lhs: cv, rhs: parts }));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerance_policy() {
        // Putuo-F24: 326.71 against 326.72 with 5 terms of 万元 (½ × 100 元 each) → rounding.
        let d = |s: &str| s.parse::<Decimal>().expect("decimal");
        assert_eq!(judge(d("3267100"), d("3267200"), d("250")), Status::Rounding);
        assert_eq!(judge(d("100.00"), d("100.01"), d("0.01")), Status::Rounding);
        assert_eq!(judge(d("100.00"), d("100.02"), d("0.01")), Status::Fail);
        assert_eq!(judge(d("35800"), d("3.58"), d("0.01")), Status::UnitMismatch);
        assert_eq!(judge(d("5"), d("5.00"), d("0")), Status::Pass);
    }
}
