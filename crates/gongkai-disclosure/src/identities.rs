//! Arithmetic identities, reported as findings and never silently fixed.
//!
//! Tolerance: Σ over every term (both sides) of ½ × its printed resolution, except that a
//! term printed as zero (`0`, `0.00`) carries no rounding (publishers print 0.00 for
//! nothing, not for less than half a unit) and a term printed to the fen is exact. Each
//! finding says which tolerance it used and why. A gap explained by one term being ×10⁴ or
//! ÷10⁴ off (元 printed where 万元 was meant, or the reverse), or by two whole tables
//! differing by that factor, is `unit_mismatch`, not a plain `fail`.

use gongkai_normalize::{match_key, yuan_string};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::narrative::{Fact, FactRef};
use crate::procurement::ProcurementItem;
use crate::projects::Project;
use crate::rows::{Row, RowKind, TypedTable, Value};

/// How serious a failed identity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Arithmetic inside a table or between tables.
    Error,
    /// Soft checks (narrative vs table), values not accounted for, missing tables.
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
    /// Different beyond the tolerance (or, for the checks that are not sums, not met).
    Fail,
    /// The difference is explained by one term (or one table) being ×10⁴ or ÷10⁴ off.
    UnitMismatch,
    /// Within the rounding tolerance, but the document otherwise adds up exactly and one
    /// printed figure is in every sum that does not: a slip in its last digit is likelier
    /// than rounding (the note names the figure and the evidence).
    Suspect,
    /// Not checked: an input is missing or not comparable (the note says which).
    Skipped,
}

impl Status {
    /// True for the outcomes a user must look at (`fail`, `unit_mismatch`).
    pub fn is_failure(self) -> bool {
        matches!(self, Status::Fail | Status::UnitMismatch)
    }

    /// True for the outcomes a reviewer should look at: failures and `suspect`.
    pub fn needs_review(self) -> bool {
        self.is_failure() || self == Status::Suspect
    }
}

/// One identity check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Rule id (S1, H1, H2, R1, T1, T2, X-1 … X-6, DOC-2, `unmapped_value`, `unit_unknown` …).
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
    /// The other tables a check between tables involves.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub related_tables: Vec<String>,
    /// Where the right side's terms were printed, for a failed or `unit_mismatch` check
    /// of amounts (the left side is the value at `row` / `column`): a reviewer sees every
    /// figure the equation compares, since either side may hold the slip.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub terms: Vec<Place>,
    /// Why: the tolerance used, the term a unit mismatch is explained by, what is missing.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub note: Option<String>,
    /// For the document's rounding model ([`mark_suspect_gaps`]), not written out: the
    /// printed figures of a sum of figures printed at one precision, of which at least
    /// two could carry rounding (empty otherwise).
    #[serde(skip)]
    pub(crate) coarse_figures: Vec<Place>,
}

/// Where a figure was printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// 1-based page.
    pub page: u32,
    /// Box on the page, points: x0, top, x1, bottom.
    pub bbox: [f64; 4],
}

impl Finding {
    /// A finding that is not an equation of amounts (pass or fail with a message).
    #[allow(clippy::too_many_arguments)]
    pub fn plain(
        rule: &str,
        severity: Severity,
        ok: bool,
        table: &str,
        table_type: &str,
        page: u32,
        row: &str,
        column: &str,
        expr: &str,
    ) -> Finding {
        Finding {
            rule: rule.into(),
            severity,
            status: if ok { Status::Pass } else { Status::Fail },
            table: table.into(),
            table_type: table_type.into(),
            page,
            row: row.into(),
            column: column.into(),
            expr: expr.into(),
            lhs: String::new(),
            rhs: String::new(),
            diff: String::new(),
            tolerance: String::new(),
            related_tables: Vec::new(),
            terms: Vec::new(),
            note: None,
            coarse_figures: Vec::new(),
        }
    }
}

const TEN_THOUSAND: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// Judges `lhs = Σ rhs` with a tolerance, knowing each term's printed resolution
/// (`resolutions[0]` the left side's, then the right side's in order; missing ones count
/// as exact). Returns the status and, for a unit mismatch, which term (0 = lhs). A term
/// printed ÷10⁴ (万元 figures in a 元 table) lost its digits below the 万元 precision:
/// scaled back, it is known to within half its resolution ×10⁴ (366.98 for 3,669,800.73:
/// 3,669,800 ± 50), and the unit slip still explains the gap. Only terms of three or more
/// significant places are taken so (a 0.01 scaled to 100 ± 50 explains nothing).
fn judge_printed(
    lhs: Decimal,
    rhs: &[Decimal],
    tolerance: Decimal,
    resolutions: &[Decimal],
) -> (Status, Option<usize>) {
    let r: Decimal = rhs.iter().copied().sum();
    let diff = lhs - r;
    if diff.is_zero() {
        return (Status::Pass, None);
    }
    if diff.abs() <= tolerance {
        return (Status::Rounding, None);
    }
    // One term ×10⁴ or ÷10⁴ off: the sum holds once that term is scaled back.
    let close = |d: Decimal| (diff - d).abs() <= tolerance;
    // A term ×10⁴ too large explains the gap only if its true value is not itself lost in
    // the tolerance (else the gap says "this term should be nothing", not a unit slip).
    let matters = |v: Decimal| (v / TEN_THOUSAND).abs() > tolerance;
    // A term ÷10⁴ too small, scaled back: within the tolerance plus what its printing lost.
    let half = Decimal::new(5, 1);
    let close_scaled_up = |d: Decimal, t: Decimal, i: usize| {
        let res = resolutions.get(i).copied().unwrap_or(Decimal::ZERO);
        let lost = if t.abs() >= res * Decimal::from(500) {
            res * TEN_THOUSAND * half
        } else {
            Decimal::ZERO
        };
        (diff - d).abs() <= tolerance + lost
    };
    if !lhs.is_zero() {
        // lhs printed ×10⁴ (lhs/10⁴ = r), or ÷10⁴ (lhs·10⁴ = r).
        if matters(lhs) && close(lhs - lhs / TEN_THOUSAND)
            || close_scaled_up(lhs - lhs * TEN_THOUSAND, lhs, 0)
        {
            return (Status::UnitMismatch, Some(0));
        }
    }
    for (i, t) in rhs.iter().enumerate().filter(|(_, t)| !t.is_zero()) {
        let t = *t;
        if matters(t) && close(t / TEN_THOUSAND - t)
            || close_scaled_up(t * TEN_THOUSAND - t, t, i + 1)
        {
            return (Status::UnitMismatch, Some(i + 1));
        }
    }
    (Status::Fail, None)
}

/// One equation between typed values: `lhs = Σ rhs`.
pub(crate) struct Check<'a> {
    pub rule: &'a str,
    pub table: &'a str,
    pub table_type: &'a str,
    pub row: &'a str,
    pub column: &'a str,
    pub expr: String,
    pub lhs: &'a Value,
    pub rhs: Vec<&'a Value>,
    pub related: Vec<String>,
}

/// The numbers a check compares: yuan when every term's unit is known; the printed
/// numbers when none is (a table whose unit is unknown is still checked inside itself,
/// its sums being the same in any unit); `None` when the two are mixed.
fn terms(c: &Check) -> Option<(Vec<(Decimal, Decimal)>, bool)> {
    let all: Vec<&Value> = std::iter::once(c.lhs)
        .chain(c.rhs.iter().copied())
        .collect();
    let printed: Vec<&&Value> = all.iter().filter(|v| !is_blank(v)).collect();
    let zero = (Decimal::ZERO, Decimal::ZERO);
    if printed.iter().all(|v| v.yuan.is_some()) {
        all.iter()
            .map(|v| {
                if is_blank(v) {
                    Some(zero)
                } else {
                    Some((v.decimal()?, v.resolution()?))
                }
            })
            .collect::<Option<Vec<_>>>()
            .map(|t| (t, true))
    } else if printed.iter().all(|v| v.yuan.is_none()) {
        all.iter()
            .map(|v| {
                if is_blank(v) {
                    Some(zero)
                } else {
                    Some((v.printed()?, v.printed_resolution()?))
                }
            })
            .collect::<Option<Vec<_>>>()
            .map(|t| (t, false))
    } else {
        None
    }
}

/// The stand-in for a total printed blank (see [`total_or_blank`]).
static BLANK: Value = Value {
    yuan: None,
    raw: String::new(),
    resolution_yuan: None,
    page: 0,
    bbox: [0.0; 4],
    repairs: Vec::new(),
};

/// The stand-in for a cell printed blank, counting as zero.
pub(crate) fn blank() -> &'static Value {
    &BLANK
}

fn is_blank(v: &Value) -> bool {
    v.raw.is_empty() && v.yuan.is_none()
}

/// The value a total's cell holds; when the cell is printed blank (or a dash) while its
/// parts hold money, a blank that counts as zero, so that the sum is still checked: a
/// total left empty is as wrong as one misprinted. `None` when the row has no such column
/// or nothing is to be checked.
pub(crate) fn total_or_blank<'a>(row: &'a Row, col: &str, parts: &[&Value]) -> Option<&'a Value> {
    match row.values.get(col)? {
        Some(v) => Some(v),
        None => {
            let money = parts.iter().any(|p| {
                p.decimal()
                    .or_else(|| p.printed())
                    .is_some_and(|d| !d.is_zero())
            });
            money.then_some(&BLANK)
        }
    }
}

pub(crate) fn finding(c: Check) -> Finding {
    let page = if is_blank(c.lhs) {
        c.rhs.first().map_or(0, |v| v.page)
    } else {
        c.lhs.page
    };
    let mut f = Finding {
        rule: c.rule.into(),
        severity: Severity::Error,
        status: Status::Skipped,
        table: c.table.into(),
        table_type: c.table_type.into(),
        page,
        row: c.row.into(),
        column: c.column.into(),
        expr: c.expr.clone(),
        lhs: String::new(),
        rhs: String::new(),
        diff: String::new(),
        tolerance: String::new(),
        related_tables: c.related.clone(),
        terms: Vec::new(),
        note: None,
        coarse_figures: Vec::new(),
    };
    let Some((terms, in_yuan)) = terms(&c) else {
        f.note = Some("not comparable: some terms have no known unit".into());
        return f;
    };
    let half = Decimal::new(5, 1);
    let fen = Decimal::new(1, 2);
    let (mut coarse, mut zeros) = (0usize, 0usize);
    let mut tol = Decimal::ZERO;
    let mut resolutions: Vec<Decimal> = Vec::new();
    for (v, res) in &terms {
        if v.is_zero() {
            zeros += 1;
        } else if !(in_yuan && *res <= fen) {
            coarse += 1;
            tol += *res * half;
            if !resolutions.contains(res) {
                resolutions.push(*res);
            }
        }
    }
    // Inside one table, a total over a single non-zero part (a 类 with one 款, 合计 =
    // 基本支出 with no 项目支出) prints one figure twice at one precision: the digits must
    // agree exactly. Between tables (and against the narrative) publishers do print one
    // quantity ±1 in the last place (Putuo-F24: 326.71 in 总表, 326.72 in 支出决算表), so
    // there the tolerance stays.
    let nonzero: Vec<&(Decimal, Decimal)> = terms.iter().filter(|(v, _)| !v.is_zero()).collect();
    let within = c.related.is_empty() && !c.rule.starts_with('N');
    let copy = within && nonzero.len() == 2 && nonzero[0].1 == nonzero[1].1;
    if copy {
        tol = Decimal::ZERO;
    }
    let lhs = terms[0].0;
    let rhs: Vec<Decimal> = terms[1..].iter().map(|t| t.0).collect();
    let printed: Vec<Decimal> = terms.iter().map(|t| t.1).collect();
    let (status, culprit) = judge_printed(lhs, &rhs, tol, &printed);
    let r: Decimal = rhs.iter().copied().sum();
    f.status = status;
    if !copy && coarse >= 2 && resolutions.len() == 1 && zeros + coarse == terms.len() {
        f.coarse_figures = std::iter::once(c.lhs)
            .chain(c.rhs.iter().copied())
            .zip(&terms)
            .filter(|(v, (d, _))| !d.is_zero() && v.page > 0)
            .map(|(v, _)| Place {
                page: v.page,
                bbox: v.bbox,
            })
            .collect();
    }
    // A gap within rounding keeps its terms' places until the document's rounding model
    // has looked at it ([`mark_suspect_gaps`] drops them where it stays `rounding`).
    if status.is_failure() || (status == Status::Rounding && !f.coarse_figures.is_empty()) {
        f.terms = c
            .rhs
            .iter()
            .filter(|v| v.page > 0)
            .map(|v| Place {
                page: v.page,
                bbox: v.bbox,
            })
            .collect();
    }
    f.lhs = yuan_string(&lhs);
    f.rhs = yuan_string(&r);
    f.diff = yuan_string(&(lhs - r));
    f.tolerance = yuan_string(&tol.normalize());
    let unit = if in_yuan { "元" } else { "printed units" };
    let res: Vec<String> = resolutions
        .iter()
        .map(|r| r.normalize().to_string())
        .collect();
    let mut note = if copy {
        "exact: one figure printed twice at the same precision".to_string()
    } else if coarse == 0 {
        format!(
            "exact: every term printed to the fen or as zero ({} terms)",
            terms.len()
        )
    } else {
        format!(
            "tolerance ½ × {} {unit} for {coarse} of {} terms",
            res.join("/"),
            terms.len()
        )
    };
    if zeros > 0 {
        note.push_str(&format!("; {zeros} printed as zero carry none"));
    }
    if !in_yuan {
        note.push_str("; the table's unit is unknown: compared as printed");
    }
    if is_blank(c.lhs) {
        note.push_str("; the total is printed blank while its parts hold money");
    }
    if let Some(i) = culprit {
        let raw = if i == 0 {
            c.lhs.raw.clone()
        } else {
            c.rhs[i - 1].raw.clone()
        };
        note.push_str(&format!(
            "; explained by the term printed {raw:?} being ×10⁴ or ÷10⁴ off"
        ));
    }
    f.note = Some(note);
    f
}

pub(crate) fn val<'a>(row: &'a Row, col: &str) -> Option<&'a Value> {
    row.values.get(col).and_then(|v| v.as_ref())
}

/// Sums a document must show exact before a gap within rounding counts as [`Status::Suspect`].
const EXACT_SUMS_FOR_SUSPECT: usize = 20;

/// A table (not one figure) explains the gaps only when it holds this many or fewer: one
/// slip, or one total changed with its parts, touches a few sums; a table that rounds
/// touches many.
const GAPS_ONE_TABLE_EXPLAINS: usize = 4;

/// The document's rounding model. A gap within the rounding tolerance is what rounding
/// does — or a slip of one unit in the last printed digit; alone, the two look alike. The
/// document tells them apart: where at least [`EXACT_SUMS_FOR_SUSPECT`] of its sums of
/// figures printed at one precision (at least two of them non-zero, so that they could
/// round) are exact, the publisher adds the printed figures; if then every sum that is not
/// exact holds one same printed figure — or one same table, in at most
/// [`GAPS_ONE_TABLE_EXPLAINS`] sums — that figure or table explains the gaps better than
/// rounding does, and they become [`Status::Suspect`] with the evidence in the note.
/// A document that rounds (gaps spread over its tables) keeps `rounding`.
pub(crate) fn mark_suspect_gaps(findings: &mut [Finding]) {
    suspect_gaps(findings);
    for f in findings.iter_mut() {
        if f.status == Status::Rounding {
            f.terms.clear();
        }
    }
}

fn suspect_gaps(findings: &mut [Finding]) {
    let in_model = |f: &Finding| !f.coarse_figures.is_empty();
    let exact = findings
        .iter()
        .filter(|f| in_model(f) && f.status == Status::Pass)
        .count();
    let gaps: Vec<usize> = (0..findings.len())
        .filter(|&i| in_model(&findings[i]) && findings[i].status == Status::Rounding)
        .collect();
    let Some(&first) = gaps.first() else {
        return;
    };
    if exact < EXACT_SUMS_FOR_SUSPECT {
        return;
    }
    let figure = findings[first]
        .coarse_figures
        .iter()
        .find(|p| gaps.iter().all(|&i| findings[i].coarse_figures.contains(p)))
        .cloned();
    let tables_of = |f: &Finding| -> Vec<String> {
        std::iter::once(f.table.clone())
            .chain(f.related_tables.iter().cloned())
            .collect()
    };
    let table = if figure.is_none() && gaps.len() <= GAPS_ONE_TABLE_EXPLAINS {
        tables_of(&findings[first])
            .into_iter()
            .find(|t| gaps.iter().all(|&i| tables_of(&findings[i]).contains(t)))
    } else {
        None
    };
    let culprit = match (figure, table) {
        (Some(p), _) => format!(
            "the figure printed on p.{} at ({:.0}, {:.0})",
            p.page, p.bbox[0], p.bbox[1]
        ),
        (None, Some(t)) => format!("table {t}"),
        (None, None) => return,
    };
    let n = gaps.len();
    for i in gaps {
        let f = &mut findings[i];
        f.status = Status::Suspect;
        let why = format!(
            "; suspect: {exact} other sums of rounded figures in this document are exact and \
             {culprit} is in each of the {n} that are not — a slip of the last digit is \
             likelier than rounding"
        );
        f.note.get_or_insert_with(String::new).push_str(&why);
    }
}

/// Runs the identities inside each typed table.
pub fn check_tables(tables: &[TypedTable]) -> Vec<Finding> {
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
            total_rows_found(t, tt, &mut out);
            decimals_alike(t, tt, &mut out);
            out
        })
        .collect();
    // Moved, not cloned (`concat` cloned every finding: for 10,000 pages the findings
    // twice over, the peak of the run).
    let mut findings = Vec::with_capacity(per_table.iter().map(Vec::len).sum());
    for part in per_table {
        findings.extend(part);
    }
    findings
}

/// Decimal places of a printed figure (`6,958.414` → 3, `1,200` → 0).
fn printed_decimals(raw: &str) -> usize {
    let t = raw.trim();
    match t.rfind(['.', '．']) {
        Some(i) => t[i..]
            .chars()
            .skip(1)
            .take_while(char::is_ascii_digit)
            .count(),
        None => 0,
    }
}

/// DEC: a figure printed with three or more decimals in a table whose figures are printed
/// with two or fewer (most of them) is a misreading — a thousands separator read as a point
/// (`6,958,414` read `6,958.414`), a stray mark — and its `yuan` rests on it. Reported only
/// when it fails, one finding per figure; tables that print four decimals throughout (万元 to
/// the yuan) have none.
fn decimals_alike(t: &TypedTable, tt: &str, out: &mut Vec<Finding>) {
    let mut counts = std::collections::BTreeMap::<usize, usize>::new();
    let values: Vec<(&Row, &str, &Value)> = t
        .rows
        .iter()
        .flat_map(|r| {
            r.values
                .iter()
                .filter_map(move |(k, v)| v.as_ref().map(|v| (r, k.as_str(), v)))
        })
        .collect();
    for (_, _, v) in &values {
        *counts.entry(printed_decimals(&v.raw)).or_default() += 1;
    }
    let Some((&usual, _)) = counts
        .iter()
        .max_by_key(|(d, n)| (**n, std::cmp::Reverse(**d)))
    else {
        return;
    };
    if usual > 2 {
        return;
    }
    for (row, column, v) in values {
        let d = printed_decimals(&v.raw);
        if d < 3 {
            continue;
        }
        let mut f = Finding::plain(
            "DEC",
            Severity::Warn,
            false,
            &t.id,
            tt,
            v.page,
            &row.id,
            column,
            "a figure is printed with the decimals of its table",
        );
        f.lhs = v.raw.clone();
        f.note = Some(format!(
            "`{}` has {d} decimals where this table prints {usual}: a thousands separator read              as a decimal point or a misread mark is likelier than a figure finer than the              table's; its yuan rests on that reading",
            v.raw
        ));
        out.push(f);
    }
}

/// TOT: a standard table that holds amounts has its total rows — each side's 总计 (or
/// 合计) in a two-sided table, the 合计 row in a coded one. A table cut short (its last
/// page's rows lost by the extraction, or printed so) has none, and every sum check that
/// needs the total is silently skipped: this says so instead.
fn total_rows_found(t: &TypedTable, tt: &str, out: &mut Vec<Finding>) {
    if t.numeric_cells == 0 || tt.ends_with(".three_public") || tt == "procurement" {
        return;
    }
    let page = t.pages.last().copied().unwrap_or(0);
    let mut push = |ok: bool, row: &str, expr: &str, note: String| {
        let mut f = Finding::plain("TOT", Severity::Warn, ok, &t.id, tt, page, row, "", expr);
        if !ok {
            f.note = Some(note);
        }
        out.push(f);
    };
    let pages = t
        .pages
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join(",");
    if t.rows.iter().any(|r| r.side.is_some()) {
        for side in ["income", "expenditure"] {
            if side_rows(t, side).all(|r| r.values.values().all(Option::is_none)) {
                continue;
            }
            let found = side_total(t, side).is_some()
                || side_rows(t, side).any(|r| r.kind == RowKind::Total);
            push(
                found,
                side,
                &format!("the {side} side has its 总计 / 合计 row"),
                format!(
                    "no 总计 / 合计 row on the {side} side (pp.{pages}): rows may be lost; the side's sums are not checked"
                ),
            );
        }
    } else if t.rows.iter().any(|r| r.code.is_some()) {
        let found = t
            .rows
            .iter()
            .any(|r| matches!(r.kind, RowKind::Total | RowKind::GrandTotal));
        push(
            found,
            "",
            "the table has its 合计 row",
            format!("no 合计 row (pp.{pages}): rows may be lost; 合计 = Σ 类 is not checked"),
        );
    }
}

fn check<'a>(t: &'a TypedTable, rule: &'a str, row: &'a str, column: &'a str) -> Check<'a> {
    Check {
        rule,
        table: &t.id,
        table_type: t.table_type.as_deref().unwrap_or(""),
        row,
        column,
        expr: String::new(),
        lhs: &PLACEHOLDER,
        rhs: Vec::new(),
        related: Vec::new(),
    }
}

static PLACEHOLDER: Value = Value {
    yuan: None,
    raw: String::new(),
    resolution_yuan: None,
    page: 0,
    bbox: [0.0; 4],
    repairs: Vec::new(),
};

fn side_rows<'a>(t: &'a TypedTable, side: &'a str) -> impl Iterator<Item = &'a Row> + 'a {
    t.rows
        .iter()
        .filter(move |r| r.side.as_deref() == Some(side))
}

/// The first amount column of a side (`amount`, or `total` on a 财政拨款 spending side).
pub(crate) fn main_column<'a>(t: &'a TypedTable, side: &str) -> Option<&'a str> {
    t.side_columns(Some(side)).into_iter().next()
}

/// The grand total row of a side: its grand-total line; failing that (an unknown wording)
/// the last 总计 / 合计 row that is not a total of the year.
pub(crate) fn side_total<'a>(t: &'a TypedTable, side: &'a str) -> Option<&'a Row> {
    side_rows(t, side)
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
        })
}

/// S1 / FS1: 收入总计 = 支出总计 (the main amount column of each side).
fn summary_balance(t: &TypedTable, out: &mut Vec<Finding>) {
    // The grand total row holding a figure (a side printed in two blocks has its total in
    // one of them), else the side's grand total row (blank).
    let total = |side: &'static str| {
        let col = main_column(t, side)?;
        let valued = side_rows(t, side)
            .filter(|r| r.kind == RowKind::GrandTotal && val(r, col).is_some())
            .last();
        let row = valued.or_else(|| side_total(t, side))?;
        Some((row, col))
    };
    let (Some((ri, ci)), Some((re, ce))) = (total("income"), total("expenditure")) else {
        return;
    };
    let (vi, ve) = match (val(ri, ci), val(re, ce)) {
        (Some(vi), Some(ve)) => (Some(vi), Some(ve)),
        (None, Some(ve)) => (total_or_blank(ri, ci, &[ve]), Some(ve)),
        (Some(vi), None) => (Some(vi), total_or_blank(re, ce, &[vi])),
        (None, None) => (None, None),
    };
    if let (Some(vi), Some(ve)) = (vi, ve) {
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
            expr: format!("{} = {}", ri.name, re.name),
            lhs: vi,
            rhs: vec![ve],
            ..check(t, rule, &ri.id, ci)
        }));
    }
}

/// The block a two-sided row belongs to (`.e`, `.e2` …), from its id.
fn block_of(r: &Row) -> &str {
    r.id.rsplit_once('.').map_or("", |(_, b)| b)
}

/// Sums inside one side of a two-sided table:
/// S2 / S6: the year's total (or, without one, the grand total) = Σ level-1 lines, for
/// each block of lines on the side (Jiangsu prints spending by function and by use side by
/// side; each adds up to the side's total);
/// S3: a level-1 line = Σ its level-2 lines;
/// FA1 / FA2: 总计 = 本年合计 + the carry-over lines, when a carry-over line has a value.
fn summary_sums(t: &TypedTable, out: &mut Vec<Finding>) {
    for (side, s_rule, fa_rule) in [("income", "S2", "FA1"), ("expenditure", "S6", "FA2")] {
        // Every amount column of the side adds up down the lines (the 财政拨款收支总表's
        // 一般公共预算 | 政府性基金 | 国有资本经营 columns as much as its 合计).
        for col in t.side_columns(Some(side)) {
            summary_side_sums(t, side, col, s_rule, fa_rule, out);
        }
    }
}

fn summary_side_sums(
    t: &TypedTable,
    side: &str,
    col: &str,
    s_rule: &str,
    fa_rule: &str,
    out: &mut Vec<Finding>,
) {
    // The side's total of the year and its grand total: the row holding a figure in this
    // column (a side printed in two blocks has it in one of them), else the row itself,
    // printed blank — a total left empty is checked as zero.
    let year_rows: Vec<&Row> = side_rows(t, side)
        .filter(|r| r.kind == RowKind::Total && r.line.is_some())
        .collect();
    let year_total = year_rows
        .iter()
        .copied()
        .find(|r| val(r, col).is_some())
        .or_else(|| year_rows.first().copied());
    let grand_rows: Vec<&Row> = side_rows(t, side)
        .filter(|r| r.kind == RowKind::GrandTotal)
        .collect();
    let grand = grand_rows
        .iter()
        .copied()
        .rfind(|r| val(r, col).is_some())
        .or_else(|| grand_rows.last().copied());
    let carries: Vec<&Row> = side_rows(t, side)
        .filter(|r| r.level == Some(0) && !matches!(r.kind, RowKind::Total | RowKind::GrandTotal))
        .collect();
    let carry_values: Vec<&Value> = carries.iter().filter_map(|r| val(r, col)).collect();
    let sum_target = year_total.or(if carry_values.is_empty() { grand } else { None });
    let mut block_names: Vec<&str> = Vec::new();
    for r in side_rows(t, side).filter(|r| r.level == Some(1)) {
        if !block_names.contains(&block_of(r)) {
            block_names.push(block_of(r));
        }
    }
    for block in block_names {
        let level1: Vec<&Row> = side_rows(t, side)
            .filter(|r| r.level == Some(1) && block_of(r) == block)
            .collect();
        if let Some(target) = sum_target {
            let parts: Vec<&Value> = level1.iter().filter_map(|r| val(r, col)).collect();
            if let Some(tv) =
                total_or_blank(target, col, &parts).filter(|v| worth_checking(v, &parts))
            {
                out.push(finding(Check {
                    expr: format!("{} = Σ level-1 lines ({})", target.name, level1.len()),
                    lhs: tv,
                    rhs: parts,
                    ..check(t, s_rule, &target.id, col)
                }));
            }
        }
        for parent in level1.iter() {
            s3(t, side, col, parent, out);
        }
    }
    for parent in carries.iter() {
        s3(t, side, col, parent, out);
    }
    // 总计 = 本年合计 + the carry-over lines: where the table prints carry-over lines (a
    // carry-over figure left blank is as wrong as one misprinted: 总计 then no longer adds
    // up), and in every column but the side's first (whose 总计 S1 already checks against
    // the other side), so that a figure moved out of a fund's 总计 is caught.
    let main = main_column(t, side) == Some(col);
    if let (Some(g), Some(y)) = (grand, year_total) {
        if g.id != y.id && (!carries.is_empty() || !main) {
            if let Some(yv) = val(y, col) {
                let mut parts = vec![yv];
                parts.extend(carry_values.iter().copied());
                if let Some(gv) = total_or_blank(g, col, &parts) {
                    out.push(finding(Check {
                        expr: format!("{} = {} + carry-over lines", g.name, y.name),
                        lhs: gv,
                        rhs: parts,
                        ..check(t, fa_rule, &g.id, col)
                    }));
                }
            }
        }
    }
}

/// A sum is worth a finding when its total or one of its parts holds money (a blank or
/// zero total over blank parts says nothing).
fn worth_checking(total: &Value, parts: &[&Value]) -> bool {
    let money = |v: &Value| {
        v.decimal()
            .or_else(|| v.printed())
            .is_some_and(|d| !d.is_zero())
    };
    !parts.is_empty() || money(total)
}

fn s3(t: &TypedTable, side: &str, col: &str, parent: &Row, out: &mut Vec<Finding>) {
    let Some(line) = parent.line.as_deref() else {
        return;
    };
    let children: Vec<&Row> = side_rows(t, side)
        .filter(|r| r.parent_line.as_deref() == Some(line))
        .collect();
    if children.is_empty() {
        return;
    }
    let parts: Vec<&Value> = children.iter().filter_map(|r| val(r, col)).collect();
    if let Some(pv) = total_or_blank(parent, col, &parts).filter(|v| worth_checking(v, &parts)) {
        out.push(finding(Check {
            expr: format!("{} = Σ its lines ({})", parent.name, children.len()),
            lhs: pv,
            rhs: parts,
            ..check(t, "S3", &parent.id, col)
        }));
    }
}

/// The 合计 row of a one-sided table (not the 人员经费合计 / 公用经费合计 footers of a
/// two-panel final table).
pub(crate) fn total_row(t: &TypedTable) -> Option<&Row> {
    t.rows.iter().find(|r| {
        matches!(r.kind, RowKind::Total | RowKind::GrandTotal)
            && r.code.is_none()
            && !match_key(&r.name).contains("经费合计")
    })
}

/// H3, for lists without codes grouped under 小计 rows (Jiangsu 2017's 收入总表: `一般公共
/// 预算资金 小计`, its sources, `其他资金 小计` …): each 小计 = Σ the lines after it, and the
/// 合计 / 总计 = Σ 小计 (per amount column).
fn groups(t: &TypedTable, out: &mut Vec<Finding>) {
    if t.rows.iter().any(|r| r.code.is_some()) {
        return;
    }
    let subtotals: Vec<usize> = t
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == RowKind::Subtotal)
        .map(|(i, _)| i)
        .collect();
    let Some(&first) = subtotals.first() else {
        return;
    };
    // Groups only: every line before the first 小计 is a total.
    if t.rows[..first]
        .iter()
        .any(|r| !matches!(r.kind, RowKind::Total | RowKind::GrandTotal))
    {
        return;
    }
    for col in &t.columns {
        for (n, &si) in subtotals.iter().enumerate() {
            let end = subtotals.get(n + 1).copied().unwrap_or(t.rows.len());
            let item_rows: Vec<&Row> = t.rows[si + 1..end]
                .iter()
                .take_while(|r| r.kind == RowKind::Item)
                .collect();
            if item_rows.is_empty() {
                continue;
            }
            let items: Vec<&Value> = item_rows.iter().filter_map(|r| val(r, col)).collect();
            if let Some(sv) =
                total_or_blank(&t.rows[si], col, &items).filter(|v| worth_checking(v, &items))
            {
                out.push(finding(Check {
                    expr: format!("{} 小计 = Σ its lines", t.rows[si].name),
                    lhs: sv,
                    rhs: items,
                    ..check(t, "H3", &t.rows[si].id, col)
                }));
            }
        }
        if let Some(total) = total_row(t) {
            let parts: Vec<&Value> = subtotals
                .iter()
                .filter_map(|&i| val(&t.rows[i], col))
                .collect();
            if let (Some(tv), false) = (total_or_blank(total, col, &parts), parts.is_empty()) {
                out.push(finding(Check {
                    expr: format!("{} = Σ 小计 ({})", total.name, subtotals.len()),
                    lhs: tv,
                    rhs: parts,
                    ..check(t, "H3", &total.id, col)
                }));
            }
        }
    }
}

/// H1: a 类/款 row = Σ its children; H2: the 合计 row = Σ 类 rows (per amount column).
fn hierarchy(t: &TypedTable, out: &mut Vec<Finding>) {
    groups(t, out);
    for col in &t.columns {
        for parent in t
            .rows
            .iter()
            .filter(|r| matches!(r.kind, RowKind::Class | RowKind::Kuan))
        {
            let Some(code) = parent.code.as_deref() else {
                continue;
            };
            let children: Vec<&Row> = t
                .rows
                .iter()
                .filter(|r| r.parent_code.as_deref() == Some(code))
                .collect();
            // A table that prints the level below prints it under every line of this
            // level: a 款 with money and no 项 under it lost its 项 (a row dropped, or a
            // code misprinted).
            let deeper = parent
                .code_level
                .is_some_and(|l| t.rows.iter().any(|r| r.code_level == Some(l + 1)));
            if children.is_empty() && !deeper {
                continue;
            }
            let cv: Vec<&Value> = children.iter().filter_map(|r| val(r, col)).collect();
            let Some(pv) = total_or_blank(parent, col, &cv).filter(|v| worth_checking(v, &cv))
            else {
                continue;
            };
            out.push(finding(Check {
                expr: format!("{code} = Σ children ({})", children.len()),
                lhs: pv,
                rhs: cv,
                ..check(t, "H1", &parent.id, col)
            }));
        }
        let classes: Vec<&Row> = t.rows.iter().filter(|r| r.kind == RowKind::Class).collect();
        if total_row(t).is_none() {
            panel_totals(t, col, &classes, out);
        }
        if let Some(total) = total_row(t) {
            let cv: Vec<&Value> = classes.iter().filter_map(|r| val(r, col)).collect();
            if let (Some(tv), false) = (total_or_blank(total, col, &cv), classes.is_empty()) {
                out.push(finding(Check {
                    expr: format!("{} = Σ 类 rows ({})", total.name, classes.len()),
                    lhs: tv,
                    rhs: cv,
                    ..check(t, "H2", &total.id, col)
                }));
            }
        }
    }
}

/// H2 for a table printed in panels side by side with a total under each and none over
/// both (a 基本支出表: `人员经费合计 | 公用经费合计`): each panel's total = Σ the 类 rows of
/// its panel (a row's panel is its id's `.p2` suffix, or none for the first).
fn panel_totals(t: &TypedTable, col: &str, classes: &[&Row], out: &mut Vec<Finding>) {
    let panel_of = |r: &Row| {
        r.id.rsplit_once('.')
            .map(|(_, suffix)| suffix)
            .filter(|suffix| suffix.starts_with('p'))
            .unwrap_or("")
            .to_string()
    };
    for total in t.rows.iter().filter(|r| {
        matches!(r.kind, RowKind::Total)
            && r.code.is_none()
            && match_key(&r.name).contains("经费合计")
    }) {
        let own: Vec<&Row> = classes
            .iter()
            .copied()
            .filter(|c| panel_of(c) == panel_of(total))
            .collect();
        let cv: Vec<&Value> = own.iter().filter_map(|r| val(r, col)).collect();
        let Some(tv) = total_or_blank(total, col, &cv).filter(|_| !own.is_empty()) else {
            continue;
        };
        out.push(finding(Check {
            expr: format!("{} = Σ 类 rows of its panel ({})", total.name, own.len()),
            lhs: tv,
            rhs: cv,
            ..check(t, "H2", &total.id, col)
        }));
    }
}

/// R1 (T1 / T2 / T3 for 三公): each row's `total` column = Σ its part columns, for the row
/// sums the table type promises (合计 = 基本支出 + 项目支出, 三公 = 出国 + 公务用车 + 接待, …).
fn row_sums(t: &TypedTable, out: &mut Vec<Finding>) {
    let three_public = t
        .table_type
        .as_deref()
        .is_some_and(|s| s.ends_with("three_public"));
    for rs in &t.row_sums {
        let rule = match (three_public, rs.total.rsplit('.').next().unwrap_or("")) {
            (true, "vehicle_total") => "T2",
            (true, "grand_total") => "T3",
            (true, _) => "T1",
            _ => "R1",
        };
        for r in t
            .rows
            .iter()
            .filter(|r| rs.side.is_none() || r.side == rs.side)
        {
            // The row must print the part columns (a row of another block has none).
            if !rs.parts.iter().any(|c| r.values.contains_key(c)) {
                continue;
            }
            let pv: Vec<&Value> = rs.parts.iter().filter_map(|c| val(r, c)).collect();
            let Some(tv) = total_or_blank(r, &rs.total, &pv).filter(|v| worth_checking(v, &pv))
            else {
                continue;
            };
            out.push(finding(Check {
                expr: format!("{} = {}", rs.total, rs.parts.join(" + ")),
                lhs: tv,
                rhs: pv,
                ..check(t, rule, &r.id, &rs.total)
            }));
        }
    }
}

/// PT1: a project's 预算数 = 财政资金 + 其他资金; PT2: its spending schedule rises and ends
/// at 100%; PT3: project codes are unique in the document; PT4: a percentage printed in a
/// target is read as its number (shown only when it fails).
pub fn check_projects(projects: &[Project]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut codes: Vec<&str> = Vec::new();
    for p in projects {
        let row = format!("{} {}", p.table, p.name.as_deref().unwrap_or(""));
        for i in &p.indicators {
            let Some(figure) = gongkai_normalize::figure_unread(&i.target_parsed) else {
                continue;
            };
            let mut f = Finding::plain(
                "PT4",
                Severity::Warn,
                false,
                &p.table,
                "performance",
                i.page,
                &format!("{row} {}", i.level3),
                "target",
                "a percentage printed in a target is read as its number",
            );
            f.lhs = i.target.clone();
            f.rhs = figure;
            f.note = Some(
                "what stands before the figure is no comparator and no subject (one character: \
                 a comparator misread by OCR, `二100%` for ≥100%?); the target is kept as text"
                    .into(),
            );
            out.push(f);
        }
        let b = &p.budget;
        if let (Some(total), Some(fiscal)) = (&b.total, &b.fiscal) {
            let mut parts = vec![fiscal];
            parts.extend(b.other.as_ref());
            out.push(finding(Check {
                rule: "PT1",
                table: &p.table,
                table_type: "performance",
                row: &row,
                column: "budget",
                expr: "预算数 = 财政资金 + 其他资金".into(),
                lhs: total,
                rhs: parts,
                related: Vec::new(),
            }));
        }
        let page = p.pages.first().copied().unwrap_or(0);
        let schedule_finding = |ok: bool| {
            Finding::plain(
                "PT2",
                Severity::Warn,
                ok,
                &p.table,
                "performance",
                page,
                &row,
                "schedule",
                "资金支出计划 rises and ends at 100%",
            )
        };
        let pcts: Vec<Decimal> = p
            .schedule
            .iter()
            .filter_map(|s| s.cumulative_pct.parse().ok())
            .collect();
        if !pcts.is_empty() {
            let rising = pcts.windows(2).all(|w| w[0] <= w[1]);
            let last = pcts.last().copied().unwrap_or_default();
            let ok = rising && last == Decimal::ONE_HUNDRED;
            let mut f = schedule_finding(ok);
            f.lhs = last.to_string();
            f.rhs = "100".into();
            out.push(f);
        }
        if let Some(u) = &p.unpaired_schedule {
            let mut f = schedule_finding(false);
            f.lhs = u.percentages.join(" ");
            f.note = Some(format!(
                "{} months ({}) but {} percentages: not paired",
                u.months.len(),
                u.months
                    .iter()
                    .map(|m| format!("{m}月底"))
                    .collect::<Vec<_>>()
                    .join(" "),
                u.percentages.len()
            ));
            out.push(f);
        }
        if let Some(code) = p.code.as_deref() {
            let dup = codes.contains(&code);
            codes.push(code);
            if dup {
                let mut f = Finding::plain(
                    "PT3",
                    Severity::Warn,
                    false,
                    &p.table,
                    "performance",
                    page,
                    &row,
                    "code",
                    "项目编码 unique in the document",
                );
                f.lhs = code.into();
                f.rhs = "unique".into();
                out.push(f);
            }
        }
    }
    out
}

fn fact_value(f: &Fact) -> Option<Value> {
    Some(Value {
        yuan: Some(f.yuan.clone()?),
        raw: f.raw.clone(),
        resolution_yuan: Some(f.resolution_yuan.clone().unwrap_or_else(|| "0.01".into())),
        page: f.page,
        bbox: f.bbox,
        repairs: Vec::new(),
    })
}

/// The table cell a fact refers to (with its row; none when the table prints no row of
/// figures at all); a cell printed blank counts as zero when the narrative states money for
/// it (a figure the text gives and the table leaves out is checked), and so does a table
/// printed blank (a 三公 table of a body that reports spending nothing, while its text
/// states a budget).
fn referenced<'a>(
    r: &FactRef,
    tables: &'a [TypedTable],
    stated: &Value,
) -> Result<Referenced<'a>, String> {
    let t = tables
        .iter()
        .find(|t| t.table_type.as_deref() == Some(r.table_type.as_str()))
        .ok_or_else(|| format!("no {} table was typed in this document", r.table_type))?;
    let money = stated
        .decimal()
        .or_else(|| stated.printed())
        .is_some_and(|d| !d.is_zero());
    let blank_zero = || {
        format!(
            "not checked: the cell ({} [{}] of {}) is printed blank and the text states zero",
            r.line.as_deref().unwrap_or("total"),
            r.column,
            r.table_type
        )
    };
    if t.rows.is_empty() && r.line.is_none() && t.columns.contains(&r.column) {
        return if money {
            Ok((
                t,
                None,
                vec![&BLANK],
                r.column.clone(),
                "(table printed blank)".into(),
            ))
        } else {
            Err(blank_zero())
        };
    }
    let row = match (&r.line, &r.kind) {
        // A line printed in two blocks (a side's 小计 over two panels) holds its figure in
        // one of them.
        (Some(line), _) => {
            let mut named = t
                .rows
                .iter()
                .filter(|row| row.line.as_deref() == Some(line.as_str()));
            let first = named
                .clone()
                .next()
                .ok_or_else(|| format!("{} has no line {line}", r.table_type))?;
            named
                .find(|row| val(row, &r.column).is_some())
                .unwrap_or(first)
        }
        (None, Some(_)) => {
            // A basic-spending table printed in two panels (人员经费 | 公用经费, no 合计 over
            // both) states each kind's total as a row of its own: `人员经费合计`.
            if let Some(row) = kind_total_row(t, &r.column) {
                let v = total_or_blank(row, "total", &[stated]).ok_or_else(blank_zero)?;
                return Ok((t, Some(row), vec![v], "total".into(), row.name.clone()));
            }
            // A table of economic classes with one amount column: 人员经费 is 工资福利支出 (301)
            // + 对个人和家庭的补助 (303), 公用经费 the other classes (302 商品和服务支出, 310
            // 资本性支出, …): so in every basic-spending table of the corpus that prints both.
            if let Some(parts) = kind_classes(t, &r.column) {
                let names: Vec<&str> = parts
                    .iter()
                    .map(|(row, _)| row.code.as_deref().unwrap_or_default())
                    .collect();
                return Ok((
                    t,
                    Some(parts[0].0),
                    parts.iter().map(|(_, v)| *v).collect(),
                    "total".into(),
                    format!("Σ 类 {}", names.join(" + ")),
                ));
            }
            // Its whole: the two panels' totals together.
            if r.column == "total" && total_row(t).is_none() {
                let parts: Option<Vec<(&Row, &Value)>> = ["personnel", "public"]
                    .iter()
                    .map(|c| {
                        let row = kind_total_row(t, c)?;
                        Some((row, val(row, "total")?))
                    })
                    .collect();
                if let Some(parts) = parts {
                    let names: Vec<&str> = parts.iter().map(|(row, _)| row.name.as_str()).collect();
                    return Ok((
                        t,
                        Some(parts[0].0),
                        parts.iter().map(|(_, v)| *v).collect(),
                        "total".into(),
                        names.join(" + "),
                    ));
                }
            }
            total_row(t)
                .or_else(|| {
                    // A 三公 table's one row of figures.
                    r.table_type
                        .ends_with(".three_public")
                        .then(|| t.rows.iter().find(|row| val(row, &r.column).is_some()))
                        .flatten()
                })
                .ok_or_else(|| format!("{} has no total row", r.table_type))?
        }
        _ => return Err("the reference names neither a line nor a row kind".into()),
    };
    if !row.values.contains_key(&r.column) {
        return Err(format!("{} has no column {}", r.table_type, r.column));
    }
    let v = total_or_blank(row, &r.column, &[stated]).ok_or_else(blank_zero)?;
    Ok((t, Some(row), vec![v], r.column.clone(), row.name.clone()))
}

/// The table, row (none for a table printed blank), cells (one, or the parts that make
/// the total a table prints in panels), column and what the cells are (row names) a fact is
/// compared with.
type Referenced<'a> = (
    &'a TypedTable,
    Option<&'a Row>,
    Vec<&'a Value>,
    String,
    String,
);

/// The 类 rows (and their `total`) making one kind of basic spending in a table of economic
/// classes that has no column and no total row for it: `personnel` = 301 + 303, `public` =
/// every other 3xx class. None when the table prints no such class with a figure.
fn kind_classes<'a>(t: &'a TypedTable, column: &str) -> Option<Vec<(&'a Row, &'a Value)>> {
    let personnel = match column {
        "personnel" => true,
        "public" => false,
        _ => return None,
    };
    if t.columns.iter().any(|c| c == column) || kind_total_row(t, column).is_some() {
        return None;
    }
    let parts: Vec<(&Row, &Value)> = t
        .rows
        .iter()
        .filter(|row| row.kind == RowKind::Class)
        .filter_map(|row| {
            let code = row.code.as_deref()?;
            let ours = matches!(code, "301" | "303") == personnel;
            (code.len() == 3 && code.starts_with('3') && ours)
                .then(|| Some((row, val(row, "total")?)))
                .flatten()
        })
        .collect();
    (!parts.is_empty()).then_some(parts)
}

/// The row stating the total of one kind of basic spending (`人员经费合计`, `公用经费合计`)
/// in a table that has no column for it.
fn kind_total_row<'a>(t: &'a TypedTable, column: &str) -> Option<&'a Row> {
    let words = match column {
        "personnel" => "人员经费",
        "public" => "公用经费",
        _ => return None,
    };
    if t.columns.iter().any(|c| c == column) {
        return None;
    }
    t.rows.iter().find(|row| {
        row.code.is_none() && {
            let k = match_key(&row.name);
            k.starts_with(words) && (k.ends_with("合计") || k == words)
        }
    })
}

/// N-REF not run, said (status `skipped`, the note says why): a narrative figure whose
/// table cell was not found is recorded as unchecked rather than passed over.
fn unreferenced(f: &Fact, r: &FactRef, tables: &[TypedTable], why: String) -> Finding {
    let table = tables
        .iter()
        .find(|t| t.table_type.as_deref() == Some(r.table_type.as_str()));
    let mut finding = Finding::plain(
        "N-REF",
        Severity::Warn,
        true,
        table.map_or("", |t| t.id.as_str()),
        &r.table_type,
        f.page,
        "",
        &r.column,
        &format!(
            "narrative {} = {} [{}]",
            f.key,
            r.line.as_deref().unwrap_or("total"),
            r.column
        ),
    );
    finding.status = Status::Skipped;
    finding.lhs = f.yuan.clone().unwrap_or_default();
    finding.note = Some(why);
    finding
}

/// N-REF: a narrative figure equals the table cell it names (tolerance from both printed
/// precisions, so "828.56万元" matches a 元 table's 8,285,612.34 as rounding); N-BASIC,
/// N-EXP, N-T1, N-T2, N-PROC, N-ASSET: the sums the narrative states add up; N-SME: the
/// amounts for small and medium enterprises are at most the procurement total, each and
/// (awarded in reserved and in other projects) together.
pub fn check_facts(facts: &[Fact], tables: &[TypedTable]) -> Vec<Finding> {
    let mut out = Vec::new();
    let values: Vec<(&Fact, Value)> = facts
        .iter()
        .filter_map(|f| fact_value(f).map(|v| (f, v)))
        .collect();
    // Shanghai prints 机关运行经费 in its 三公 table: the narrative's figure names that cell
    // when the narrative reader gave it no other.
    let admin_ref = FactRef {
        table_type: "budget.three_public".into(),
        line: None,
        kind: Some("total".into()),
        column: "admin_operating_cost".into(),
    };
    let mut refs: Vec<Compared> = Vec::new();
    for (f, v) in &values {
        let fallback = (f.r#ref.is_none() && f.key == "admin_operating_cost").then_some(&admin_ref);
        let Some(r) = f.r#ref.as_ref().or(fallback) else {
            continue;
        };
        let (t, row, tv, column, row_name) = match referenced(r, tables, v) {
            Ok(found) => found,
            Err(why) => {
                // A fact the reader named no cell for (机关运行经费 looked up in a 三公 table
                // that may not print it) is not a check left out.
                if f.r#ref.is_some() {
                    out.push(unreferenced(f, r, tables, why));
                }
                continue;
            }
        };
        let row_id = row.map_or("", |row| row.id.as_str());
        let table_raw = tv
            .iter()
            .map(|v| v.raw.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        let mut finding = finding(Check {
            expr: format!("narrative {} = {} [{}]", f.key, row_name, column),
            lhs: v,
            rhs: tv,
            ..check(t, "N-REF", row_id, &column)
        });
        finding.severity = Severity::Warn;
        finding.page = f.page;
        refs.push(Compared {
            fact: f,
            table_raw,
            at: out.len(),
        });
        out.push(finding);
    }
    blame_unit_slips(&mut out, &refs);
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
            table: "narrative",
            table_type: "narrative",
            row: total,
            column: "yuan",
            expr: format!("{total} = {}", parts.join(" + ")),
            lhs: tv,
            rhs: pv,
            related: Vec::new(),
        });
        f.severity = Severity::Warn;
        out.push(f);
    }
    // N-SME: what goes to small and medium enterprises is a part of the procurement
    // (`procurement.total ≥` each such figure), stated in its own sentence.
    if let Some((_, tv)) = values.iter().find(|(f, _)| f.key == "procurement.total") {
        for (sf, sv) in values
            .iter()
            .filter(|(f, _)| f.key.starts_with("procurement.sme_"))
        {
            let mut f = finding(Check {
                rule: "N-SME",
                table: "narrative",
                table_type: "narrative",
                row: &sf.key,
                column: "yuan",
                expr: format!("procurement.total ≥ {}", sf.key),
                lhs: tv,
                rhs: vec![sv],
                related: Vec::new(),
            });
            f.severity = Severity::Warn;
            as_at_least(&mut f);
            f.page = sf.page;
            out.push(f);
        }
        // What went to such enterprises in the projects reserved for them and in the other
        // projects are disjoint parts of the procurement: together at most its total.
        let parts: Vec<(&Fact, &Value)> = [
            "procurement.sme_awarded",
            "procurement.sme_awarded.other_projects",
        ]
        .iter()
        .filter_map(|k| {
            values
                .iter()
                .find(|(f, _)| f.key == *k)
                .map(|(f, v)| (*f, v))
        })
        .collect();
        if let [(first, _), (_, _)] = parts.as_slice() {
            let mut f = finding(Check {
                rule: "N-SME",
                table: "narrative",
                table_type: "narrative",
                row: "procurement.sme_awarded",
                column: "yuan",
                expr: "procurement.total ≥ procurement.sme_awarded + procurement.sme_awarded.other_projects".into(),
                lhs: tv,
                rhs: parts.iter().map(|(_, v)| *v).collect(),
                related: Vec::new(),
            });
            f.severity = Severity::Warn;
            as_at_least(&mut f);
            f.page = first.page;
            out.push(f);
        }
    }
    out
}

/// An N-REF `unit_mismatch` (a narrative figure and its table cell ×10⁴ apart) could be
/// either figure's slip. When another narrative figure agrees with the same table (pass or
/// rounding), the table's unit holds and the narrative figure is the one off: the note names
/// it and `terms` points at it. Otherwise the note names both, for a reader to decide.
fn blame_unit_slips(findings: &mut [Finding], compared: &[Compared]) {
    let agreeing: Vec<String> = findings
        .iter()
        .filter(|f| matches!(f.status, Status::Pass | Status::Rounding))
        .map(|f| f.table.clone())
        .collect();
    for c in compared {
        let Some(f) = findings.get_mut(c.at) else {
            continue;
        };
        if f.status != Status::UnitMismatch {
            continue;
        }
        let base = f
            .note
            .as_deref()
            .and_then(|n| n.split("; explained by").next())
            .unwrap_or_default()
            .to_string();
        let place = Place {
            page: c.fact.page,
            bbox: c.fact.bbox,
        };
        let others = agreeing.iter().filter(|t| **t == f.table).count();
        if others > 0 {
            f.note = Some(format!(
                "{base}; explained by the narrative figure {:?} being ×10⁴ or ÷10⁴ off: {others} other narrative figure{} agree{} with this table, so its unit holds",
                c.fact.raw,
                if others == 1 { "" } else { "s" },
                if others == 1 { "s" } else { "" },
            ));
            f.terms = vec![place];
        } else {
            f.note = Some(format!(
                "{base}; explained by one figure being ×10⁴ or ÷10⁴ off: the narrative's {:?} or the table's {:?}",
                c.fact.raw, c.table_raw,
            ));
            f.terms.push(place);
        }
    }
}

/// An N-REF comparison: the narrative figure, the raw text of the table cell it met, and
/// the index of its finding.
struct Compared<'a> {
    fact: &'a Fact,
    table_raw: String,
    at: usize,
}

/// Reads a sum check `lhs = Σ rhs` as the inequality `lhs ≥ Σ rhs`: a gap within rounding,
/// or the left side larger, holds.
pub(crate) fn as_at_least(f: &mut Finding) {
    let diff: Decimal = f.diff.parse().unwrap_or_default();
    if f.status == Status::Rounding || f.status == Status::Fail && diff >= Decimal::ZERO {
        f.status = Status::Pass;
    }
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
            // P3: a group = Σ its direct members — the groups one level down where there
            // are (a category over its 专项 lines), else its items. A group ends at the
            // next group of its level or above.
            for &si in &subtotals {
                let depth = t.rows[si].level.unwrap_or(1);
                let end = t.rows[si + 1..]
                    .iter()
                    .position(|r| {
                        matches!(r.kind, RowKind::Total | RowKind::GrandTotal)
                            || r.kind == RowKind::Subtotal && r.level.unwrap_or(1) <= depth
                    })
                    .map_or(t.rows.len(), |k| si + 1 + k);
                let inner = &t.rows[si + 1..end];
                let sub_depth = inner
                    .iter()
                    .filter(|r| r.kind == RowKind::Subtotal)
                    .filter_map(|r| r.level)
                    .min();
                let members: Vec<&Row> = match sub_depth {
                    Some(d) => inner
                        .iter()
                        .filter(|r| r.kind == RowKind::Subtotal && r.level == Some(d))
                        .collect(),
                    None => inner.iter().filter(|r| r.kind == RowKind::Item).collect(),
                };
                if members.is_empty() {
                    continue;
                }
                let parts: Vec<&Value> = members.iter().filter_map(|r| val(r, col)).collect();
                if let (Some(sv), false) =
                    (total_or_blank(&t.rows[si], col, &parts), parts.is_empty())
                {
                    out.push(finding(Check {
                        expr: format!(
                            "{} = Σ its {} ({})",
                            t.rows[si].name,
                            if sub_depth.is_some() {
                                "groups"
                            } else {
                                "items"
                            },
                            members.len()
                        ),
                        lhs: sv,
                        rhs: parts,
                        ..check(t, "P3", &t.rows[si].id, col)
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
                if let (Some(tv), false) = (total_or_blank(tr, col, &parts), parts.is_empty()) {
                    out.push(finding(Check {
                        expr: format!("{} = Σ items", tr.name),
                        lhs: tv,
                        rhs: parts,
                        ..check(t, "P2", &tr.id, col)
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
                    yuan: price.decimal().map(|p| yuan_string(&(p * q))),
                    raw: format!("{} × {}", item.quantity.as_deref().unwrap_or(""), price.raw),
                    resolution_yuan: price.resolution().map(|r| (r * q).normalize().to_string()),
                    page: price.page,
                    bbox: price.bbox,
                    repairs: Vec::new(),
                };
                // The product's printed form is not a number: compared in yuan only.
                if product.yuan.is_some() && tot.yuan.is_some() {
                    out.push(finding(Check {
                        expr: "数量 × 单价 = 合计".into(),
                        lhs: tot,
                        rhs: vec![&product],
                        ..check(t, "P4", &item.row, "total")
                    }));
                }
            }
            if let (Some(budget), Some(tot)) = (&item.project_budget, item_total) {
                if let (Some(b), Some(v)) = (budget.decimal(), tot.decimal()) {
                    let mut f = finding(Check {
                        expr: "item total ≤ project budget".into(),
                        lhs: tot,
                        rhs: vec![budget],
                        ..check(t, "P5", &item.row, "total")
                    });
                    f.status = if v <= b { Status::Pass } else { Status::Fail };
                    f.severity = Severity::Warn;
                    out.push(f);
                }
            }
        }
    }
    out
}

/// N-PERF, where the document prints project forms: the number of projects the text
/// says are under 绩效目标管理 (`项目共5个`) is the number of forms read, and the project
/// money it states (`涉及项目预算资金3328.13万元`) is their 预算数 added up. A form lost in
/// reading (or a form split in two) changes the count; a form whose amount is not the one
/// the text counted changes the sum.
pub fn check_project_facts(facts: &[Fact], projects: &[Project]) -> Vec<Finding> {
    let mut out = Vec::new();
    if projects.is_empty() {
        return out;
    }
    let stated = facts
        .iter()
        .find(|f| f.key == "performance.project_count")
        .and_then(|f| Some((f, f.value.as_deref()?.parse::<usize>().ok()?)));
    let same_count = match stated {
        Some((f, n)) => {
            let ok = n == projects.len();
            let mut finding = Finding::plain(
                "N-PERF",
                Severity::Warn,
                ok,
                "narrative",
                "narrative",
                f.page,
                &f.key,
                "count",
                "the projects the text states = the 绩效目标表 forms read",
            );
            finding.lhs = n.to_string();
            finding.rhs = projects.len().to_string();
            if !ok {
                finding.note = Some(format!(
                    "the text states {n} projects ({}); {} forms were read ({}): a form not read, \
                     two forms read as one or one as two, or forms printed for some projects only",
                    f.raw,
                    projects.len(),
                    projects
                        .iter()
                        .map(|p| format!("{} p.{}", p.table, p.pages.first().copied().unwrap_or(0)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            out.push(finding);
            ok
        }
        None => true,
    };
    let amount = facts
        .iter()
        .find(|f| f.key == "performance.amount")
        .and_then(|f| fact_value(f).map(|v| (f, v)));
    let totals: Option<Vec<&Value>> = projects.iter().map(|p| p.budget.total.as_ref()).collect();
    if let (Some((f, v)), Some(totals), true) = (amount, totals, same_count) {
        let mut finding = finding(Check {
            rule: "N-PERF",
            table: "narrative",
            table_type: "narrative",
            row: &f.key,
            column: "yuan",
            expr: "performance.amount = Σ 绩效目标表 预算数".into(),
            lhs: &v,
            rhs: totals,
            related: projects.iter().map(|p| p.table.clone()).collect(),
        });
        finding.severity = Severity::Warn;
        finding.page = f.page;
        out.push(finding);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percentage_left_unread_in_a_target_fails_pt4() {
        let indicator = |target: &str| crate::projects::Indicator {
            level1: "效益指标".into(),
            level2: "满意度指标".into(),
            level3: "受益群众满意度".into(),
            description: String::new(),
            target: target.into(),
            target_parsed: gongkai_normalize::parse_target(target),
            basis: String::new(),
            page: 18,
        };
        let project = Project {
            table: "t15".into(),
            seq: Some(1),
            title: None,
            unit_code: None,
            unit_name: None,
            code: None,
            code_repairs: Vec::new(),
            name: Some("统计调查".into()),
            unit: None,
            budget: Default::default(),
            purpose: None,
            schedule: Vec::new(),
            unpaired_schedule: None,
            goals: Vec::new(),
            // OCR's `二100%` for ≥100%; targets printed so in real documents.
            indicators: ["二100%", "满意率100%", "≥95%", "及时完成", "可控性100%"]
                .iter()
                .map(|t| indicator(t))
                .collect(),
            pages: vec![18],
        };
        let pt4: Vec<Finding> = check_projects(&[project])
            .into_iter()
            .filter(|f| f.rule == "PT4")
            .collect();
        assert_eq!(pt4.len(), 1, "{pt4:?}");
        assert_eq!(pt4[0].status, Status::Fail);
        assert_eq!(
            (pt4[0].lhs.as_str(), pt4[0].rhs.as_str()),
            ("二100%", "100%")
        );
        assert_eq!((pt4[0].table.as_str(), pt4[0].page), ("t15", 18));
    }

    fn slip_fact(key: &str, raw: &str, page: u32) -> Fact {
        Fact {
            key: key.into(),
            yuan: Some("3000".into()),
            value: None,
            raw: raw.into(),
            resolution_yuan: Some("1000".into()),
            sentence: String::new(),
            page,
            bbox: [1.0, 2.0, 3.0, 4.0],
            r#ref: None,
        }
    }

    fn n_ref(table: &str, key: &str, status: Status) -> Finding {
        let mut f = Finding::plain(
            "N-REF",
            Severity::Warn,
            true,
            table,
            "t",
            13,
            "r",
            "amount",
            "",
        );
        f.expr = format!("narrative {key} = 总计 [amount]");
        f.status = status;
        f.note = Some(
            "tolerance ½ × 1000/100 元 for 2 of 2 terms; explained by the term printed \"2,961.68\" being ×10⁴ or ÷10⁴ off".into(),
        );
        f.terms = vec![Place {
            page: 13,
            bbox: [0.0; 4],
        }];
        f
    }

    /// A narrative figure ×10⁴ from its table cell: with another narrative figure agreeing
    /// with that table, the narrative figure is named and pointed at; alone, both are named
    /// (the corpus's Putuo 财政局 2024 final: "0.3万元" against 总计 2,961.68).
    #[test]
    fn a_unit_slip_between_text_and_table_names_the_figure_the_evidence_points_to() {
        let fact = slip_fact("fiscal_grand_total", "0.3万元", 21);
        let slip = || Compared {
            fact: &fact,
            table_raw: "2,961.68".into(),
            at: 0,
        };
        let mut alone = vec![n_ref("t04", "fiscal_grand_total", Status::UnitMismatch)];
        blame_unit_slips(&mut alone, &[slip()]);
        let note = alone[0].note.as_deref().unwrap_or_default();
        assert!(
            note.ends_with("explained by one figure being ×10⁴ or ÷10⁴ off: the narrative's \"0.3万元\" or the table's \"2,961.68\""),
            "{note}"
        );
        assert_eq!(alone[0].terms.len(), 2);

        let mut agreed = vec![
            n_ref("t04", "fiscal_grand_total", Status::UnitMismatch),
            n_ref("t04", "total_income", Status::Pass),
            n_ref("t09", "three_public.total", Status::Pass),
        ];
        let other = slip_fact("total_income", "2961.68万元", 5);
        let agrees = |fact, at| Compared {
            fact,
            table_raw: String::new(),
            at,
        };
        blame_unit_slips(&mut agreed, &[slip(), agrees(&other, 1), agrees(&other, 2)]);
        let note = agreed[0].note.as_deref().unwrap_or_default();
        assert!(
            note.ends_with("explained by the narrative figure \"0.3万元\" being ×10⁴ or ÷10⁴ off: 1 other narrative figure agrees with this table, so its unit holds"),
            "{note}"
        );
        assert_eq!(
            agreed[0].terms,
            vec![Place {
                page: 21,
                bbox: [1.0, 2.0, 3.0, 4.0]
            }]
        );
        assert_eq!(agreed[1].status, Status::Pass);
    }

    fn d(s: &str) -> Decimal {
        s.parse::<Decimal>().expect("decimal")
    }

    /// Judged with every term exact.
    fn judge(lhs: Decimal, rhs: &[Decimal], tolerance: Decimal) -> (Status, Option<usize>) {
        judge_printed(lhs, rhs, tolerance, &[])
    }

    #[test]
    fn tolerance_policy() {
        // Putuo-F24: 326.71 against 326.72 with 5 terms of 万元 (½ × 100 元 each) → rounding.
        assert_eq!(
            judge(d("3267100"), &[d("3267200")], d("250")).0,
            Status::Rounding
        );
        assert_eq!(
            judge(d("100.00"), &[d("100.01")], d("0.01")).0,
            Status::Rounding
        );
        assert_eq!(
            judge(d("100.00"), &[d("100.02")], d("0.01")).0,
            Status::Fail
        );
        assert_eq!(
            judge(d("35800"), &[d("3.58")], d("0.01")).0,
            Status::UnitMismatch
        );
        assert_eq!(judge(d("5"), &[d("5.00")], d("0")).0, Status::Pass);
    }

    #[test]
    fn unit_mismatch_explained_by_one_term_of_a_sum() {
        // 合计 62.00万元 = 25 + 3.58 (printed in 元 by mistake: 3.58 元) + 33.42.
        let (status, term) = judge(
            d("620000"),
            &[d("250000"), d("3.58"), d("334200")],
            d("200"),
        );
        assert_eq!((status, term), (Status::UnitMismatch, Some(2)));
        // The total itself printed ÷10⁴.
        let (status, term) = judge(d("62"), &[d("250000"), d("370000")], d("150"));
        assert_eq!((status, term), (Status::UnitMismatch, Some(0)));
        // A plain slip is no unit mismatch.
        assert_eq!(
            judge(d("620000"), &[d("250000"), d("360000")], d("150")).0,
            Status::Fail
        );
    }

    #[test]
    fn unit_mismatch_of_a_term_printed_in_wan_in_a_yuan_table() {
        // A 元 table's 30102 printed 366.98 (3,669,800.73 元 in 万元): the row's 合计
        // 3,669,800.73 = 人员 + 公用 is off by 3,669,433.75, which the slip explains only to
        // within what the 万元 printing lost (0.73 元 of ±50).
        let res = [d("0.01"), d("0.01"), d("0.01")];
        assert_eq!(
            judge_printed(d("3669800.73"), &[d("366.98"), d("0")], d("0"), &res),
            (Status::UnitMismatch, Some(1))
        );
        // The 收入总计 printed 1301.83 against 13,018,296.03: the left side ÷10⁴.
        assert_eq!(
            judge_printed(d("1301.83"), &[d("13018296.03")], d("0"), &res),
            (Status::UnitMismatch, Some(0))
        );
        // Without the resolutions (or with a term too small to carry a unit) it is a slip.
        assert_eq!(
            judge(d("3669800.73"), &[d("366.98"), d("0")], d("0")).0,
            Status::Fail
        );
        assert_eq!(
            judge_printed(d("120.00"), &[d("0.01")], d("0"), &res).0,
            Status::Fail
        );
    }

    fn v(raw: &str, yuan: &str, res: &str) -> Value {
        Value {
            yuan: Some(yuan.into()),
            raw: raw.into(),
            resolution_yuan: Some(res.into()),
            page: 1,
            bbox: [0.0; 4],
            repairs: Vec::new(),
        }
    }

    #[test]
    fn zero_terms_carry_no_rounding() {
        // 10.02 = 5.00 + 5.00 + 0.00 × 23: without the zero rule 26 terms would allow
        // 0.13 万元 and the 0.02 万元 slip would pass as rounding.
        let lhs = v("10.02", "100200.00", "100");
        let zero = v("0.00", "0.00", "100");
        let five = v("5.00", "50000.00", "100");
        let mut rhs = vec![&five, &five];
        rhs.extend(std::iter::repeat_n(&zero, 23));
        let f = finding(check_of(&lhs, rhs, Vec::new()));
        assert_eq!(f.status, Status::Fail, "{f:?}");
        assert_eq!(f.tolerance, "150.00");
        assert!(f
            .note
            .as_deref()
            .is_some_and(|n| n.contains("23 printed as zero")));
    }

    fn check_of<'a>(lhs: &'a Value, rhs: Vec<&'a Value>, related: Vec<String>) -> Check<'a> {
        Check {
            rule: "H2",
            table: "t01",
            table_type: "budget.gpb_expenditure",
            row: "t01.r02",
            column: "total",
            expr: String::new(),
            lhs,
            rhs,
            related,
        }
    }

    /// Inside one table a total over one non-zero part is that figure printed twice: 10.01
    /// over a single 10.00 is a slip, not rounding. The same pair between two tables keeps
    /// the tolerance (publishers print one quantity ±1 in the last place across tables).
    #[test]
    fn one_figure_printed_twice() {
        let lhs = v("10.01", "100100.00", "100");
        let zero = v("0.00", "0.00", "100");
        let ten = v("10.00", "100000.00", "100");
        let f = finding(check_of(&lhs, vec![&ten, &zero], Vec::new()));
        assert_eq!((f.status, f.tolerance.as_str()), (Status::Fail, "0.00"));
        let f = finding(check_of(&lhs, vec![&ten], vec!["t05".into()]));
        assert_eq!(f.status, Status::Rounding);
    }

    /// A total printed as a small figure over parts that are nothing is a slip of that
    /// figure, not a unit mismatch (its ÷10⁴ value is lost in the tolerance).
    #[test]
    fn no_unit_mismatch_for_a_negligible_term() {
        let (status, _) = judge(d("99900"), &[d("0")], d("50"));
        assert_eq!(status, Status::Fail);
    }

    fn at(raw: &str, yuan: &str, x: f64) -> Value {
        let mut value = v(raw, yuan, "100");
        value.bbox = [x, 10.0, x + 20.0, 20.0];
        value
    }

    /// Sums of three 万元 figures each: `exact` of them exact, then the listed gaps
    /// (lhs, a, b) where lhs ≠ a + b by one unit.
    fn document(exact: usize, gaps: &[(&Value, &Value, &Value)]) -> Vec<Finding> {
        let (a, b, total) = (
            at("1.25", "12500.00", 1.0),
            at("2.50", "25000.00", 2.0),
            at("3.75", "37500.00", 3.0),
        );
        let mut out: Vec<Finding> = (0..exact)
            .map(|_| finding(check_of(&total, vec![&a, &b], Vec::new())))
            .collect();
        out.extend(
            gaps.iter()
                .map(|(l, x, y)| finding(check_of(l, vec![*x, *y], Vec::new()))),
        );
        out
    }

    /// A document whose sums are exact but for gaps that all hold one figure: that figure
    /// is a slip of its last digit (`suspect`), not rounding. Without the model the gaps
    /// stay `rounding` and nothing flags them.
    #[test]
    fn one_figure_in_every_gap_of_an_exact_document_is_suspect() {
        let slip = at("3.76", "37600.00", 50.0); // 3.75 printed 3.76
        let (a, b) = (at("1.25", "12500.00", 60.0), at("2.50", "25000.00", 70.0));
        let (c, d) = (at("1.26", "12600.00", 80.0), at("1.00", "10000.00", 90.0));
        let part_of = at("4.75", "47500.00", 100.0); // a row sum in which the slip is a term
        let other = at("2.27", "22700.00", 110.0); // 1.26 + 1.00 off by one unit
        let mut findings = document(30, &[(&slip, &a, &b), (&part_of, &slip, &d)]);
        assert_eq!(findings[30].status, Status::Rounding);
        mark_suspect_gaps(&mut findings);
        assert!(findings[..30].iter().all(|f| f.status == Status::Pass));
        for f in &findings[30..] {
            assert_eq!(f.status, Status::Suspect, "{f:?}");
            let note = f.note.as_deref().unwrap_or("");
            assert!(note.contains("30 other sums"), "{note}");
            assert!(note.contains("p.1 at (50, 10)"), "{note}");
            assert!(
                !f.terms.is_empty(),
                "a suspect gap shows where its terms were printed"
            );
        }
        // The same two gaps in a document that shows too few exact sums stay rounding.
        let mut few = document(10, &[(&slip, &a, &b), (&part_of, &slip, &d)]);
        mark_suspect_gaps(&mut few);
        assert!(few[10..]
            .iter()
            .all(|f| f.status == Status::Rounding && f.terms.is_empty()));
        // Gaps that share no figure (a document that rounds) stay rounding.
        let mut spread = document(30, &[(&slip, &a, &b), (&other, &c, &d)]);
        spread[31].table = "t02".into();
        mark_suspect_gaps(&mut spread);
        assert!(spread[30..].iter().all(|f| f.status == Status::Rounding));
    }
}
