//! Identity findings on the generated samples (samples/, golden/): the consistent 元
//! sample has no failed identity; its copy with 支出合计 printed 0.01 元 too high
//! (golden/…-wrong.json, `deliberate_errors`) gets exactly its failures on the
//! 部门财务收支预算总表 on page 7: S1 (收入合计 ≠ 支出合计) and FA2, which pins the wrong figure
//! to the 支出合计 cell (支出合计 ≠ 当年支出小计, the carry-over lines printed blank).

mod common;

use gongkai_disclosure::{Records, Status};

fn records(stem: &str) -> Records {
    common::records_of(&format!("{stem}.pdf"))
}

fn failures(r: &Records) -> Vec<&gongkai_disclosure::Finding> {
    r.findings
        .iter()
        .filter(|f| matches!(f.status, Status::Fail | Status::UnitMismatch))
        .collect()
}

#[test]
fn consistent_sample_has_no_failed_identity() {
    let r = records("budget-2025-shanghai-yunpu-culture");
    assert!(
        r.findings.len() > 100,
        "only {} checks ran",
        r.findings.len()
    );
    assert!(r
        .findings
        .iter()
        .any(|f| f.rule == "S1" && f.status == Status::Pass));
    assert_eq!(failures(&r), Vec::<&gongkai_disclosure::Finding>::new());
}

#[test]
fn deliberately_wrong_sample_gets_exactly_its_finding() {
    let r = records("budget-2025-shanghai-yunpu-culture-wrong");
    let f = failures(&r);
    assert_eq!(f.len(), 2, "{f:#?}");
    let t = r.tables.iter().find(|t| t.id == f[0].table).expect("table");
    assert_eq!(t.title.as_deref(), Some("2025年部门财务收支预算总表"));
    assert_eq!(t.pages, vec![7]);
    let s1 = f.iter().find(|f| f.rule == "S1").expect("S1");
    assert_eq!(
        (s1.table_type.as_str(), s1.column.as_str()),
        ("budget.summary", "amount")
    );
    assert_eq!(
        (s1.lhs.as_str(), s1.rhs.as_str(), s1.diff.as_str()),
        ("13736584.33", "13736584.34", "-0.01")
    );
    assert!(s1.expr.contains("支出合计"), "{}", s1.expr);
    // FA2 names the 支出合计 cell itself: its lhs is the figure printed too high.
    let fa2 = f.iter().find(|f| f.rule == "FA2").expect("FA2");
    assert_eq!(fa2.table, s1.table);
    assert_eq!(
        (fa2.lhs.as_str(), fa2.rhs.as_str(), fa2.diff.as_str()),
        ("13736584.34", "13736584.33", "0.01")
    );
    assert!(fa2.expr.starts_with("支出合计"), "{}", fa2.expr);
}

/// The faults only checks between tables catch (issue 15): a table changed consistently
/// inside itself, and a whole table printed in the wrong unit. `validate` is re-run on the
/// records of a consistent sample after the change, as `gongkai check` does.
mod between_tables {
    use super::*;
    use gongkai_disclosure::{validate, Value};
    use rust_decimal::Decimal;

    fn shift(v: &mut Value, by: Decimal) {
        let d = v.decimal().expect("yuan") + by;
        v.yuan = Some(format!("{:.2}", d));
    }

    /// The findings of records whose `yuan` these tests edit alone, as if the figures had
    /// been read so: V-RAW (`yuan` = `raw` × unit), which sees such an edit, is left out.
    fn validate_figures(r: &gongkai_disclosure::Records) -> Vec<gongkai_disclosure::Finding> {
        validate(r)
            .into_iter()
            .filter(|f| f.rule != "V-RAW")
            .collect()
    }

    fn failed_on<'a>(
        f: &'a [gongkai_disclosure::Finding],
        table: &str,
    ) -> Vec<&'a gongkai_disclosure::Finding> {
        f.iter()
            .filter(|f| f.status.is_failure())
            .filter(|f| f.table == table || f.related_tables.iter().any(|t| t == table))
            .collect()
    }

    /// A 项 row of the 一般公共预算支出表 and every total above it raised by 1 万元: the
    /// table still adds up (H1, H2, R1 pass); against the other tables fail.
    #[test]
    fn a_table_changed_consistently_inside_itself() {
        let mut r = records("budget-2024-central-statistics");
        assert!(validate(&r).iter().all(|f| !f.status.is_failure()));
        let t = r
            .tables
            .iter_mut()
            .find(|t| t.table_type.as_deref() == Some("budget.gpb_expenditure"))
            .expect("gpb table");
        let id = t.id.clone();
        let item = t
            .rows
            .iter()
            .find(|r| r.code_level == Some(3) && r.values.get("basic").is_some_and(|v| v.is_some()))
            .expect("a 项 row with basic spending")
            .code
            .clone()
            .expect("code");
        let up = Decimal::new(10_000, 0);
        for row in t.rows.iter_mut() {
            let above =
                row.code.as_deref().is_some_and(|c| item.starts_with(c)) || row.code.is_none();
            if above {
                for col in ["total", "basic"] {
                    if let Some(Some(v)) = row.values.get_mut(col) {
                        shift(v, up);
                    }
                }
            }
        }
        let findings = validate_figures(&r);
        let inside: Vec<_> = findings
            .iter()
            .filter(|f| f.table == id && f.related_tables.is_empty() && f.status.is_failure())
            .collect();
        assert!(
            inside.is_empty(),
            "the table is consistent inside: {inside:#?}"
        );
        let between = failed_on(&findings, &id);
        assert!(
            between.iter().any(|f| f.rule == "X-3") && between.iter().any(|f| f.rule == "X-4"),
            "{between:#?}"
        );
    }

    /// The narrative states 公用经费 1,354,000.00 元, the 基本支出表's 公用经费 合计; with that
    /// cell printed blank the text and the table disagree (N-REF), where before a blank cell
    /// left the narrative figure unchecked.
    #[test]
    fn a_cell_the_narrative_names_printed_blank() {
        let mut r = records("budget-2025-shanghai-yunpu-culture");
        let t = r
            .tables
            .iter_mut()
            .find(|t| t.table_type.as_deref() == Some("budget.gpb_basic"))
            .expect("basic spending table");
        let id = t.id.clone();
        let total = t
            .rows
            .iter_mut()
            .find(|r| r.kind == gongkai_disclosure::RowKind::Total)
            .expect("total row");
        let cell = total.values.get_mut("public").expect("public column");
        assert_eq!(
            cell.as_ref().and_then(|v| v.yuan.as_deref()),
            Some("1354000.00")
        );
        *cell = None;
        let findings = validate(&r);
        let nref: Vec<_> = findings
            .iter()
            .filter(|f| f.rule == "N-REF" && f.table == id && f.status.is_failure())
            .collect();
        assert_eq!(nref.len(), 1, "{nref:#?}");
        assert_eq!(nref[0].status, Status::Fail, "{:#?}", nref[0]);
        assert_eq!(
            (nref[0].lhs.as_str(), nref[0].rhs.as_str()),
            ("1354000.00", "0.00")
        );
    }

    /// The 支出总表 captioned 单位：元 over 万元 amounts: every figure ÷10⁴ in yuan. The
    /// table adds up; between tables the gap is exactly the unit, reported as such.
    #[test]
    fn a_table_in_the_wrong_unit() {
        let mut r = records("budget-2024-central-statistics");
        let t = r
            .tables
            .iter_mut()
            .find(|t| t.table_type.as_deref() == Some("budget.expenditure"))
            .expect("expenditure table");
        let id = t.id.clone();
        for v in t
            .rows
            .iter_mut()
            .flat_map(|r| r.values.values_mut())
            .flatten()
        {
            let d = v.decimal().expect("yuan") / Decimal::new(10_000, 0);
            v.yuan = Some(format!("{:.2}", d));
            v.resolution_yuan = Some("0.01".into());
        }
        let findings = validate_figures(&r);
        let between = failed_on(&findings, &id);
        assert!(!between.is_empty());
        assert!(
            between.iter().all(|f| f.status == Status::UnitMismatch),
            "{between:#?}"
        );
    }

    /// A total printed blank while its parts hold money is checked as zero (and fails),
    /// not skipped.
    #[test]
    fn a_total_left_blank() {
        let mut r = records("budget-2024-central-statistics");
        let t = r
            .tables
            .iter_mut()
            .find(|t| t.table_type.as_deref() == Some("budget.gpb_basic"))
            .expect("basic table");
        let id = t.id.clone();
        let row = t
            .rows
            .iter_mut()
            .find(|r| r.code.as_deref() == Some("301"))
            .expect("301");
        let row_id = row.id.clone();
        *row.values.get_mut("total").expect("total") = None;
        let findings = validate(&r);
        let blank: Vec<_> = findings
            .iter()
            .filter(|f| f.table == id && f.row == row_id && f.status.is_failure())
            .collect();
        assert!(
            blank.iter().any(|f| f.rule == "H1" && f.lhs == "0.00"),
            "{blank:#?}"
        );
        assert!(blank.iter().any(|f| f
            .note
            .as_deref()
            .is_some_and(|n| n.contains("printed blank"))));
    }

    /// A 项 row dropped where it was its 款's only 项: the 款 still holds money and the
    /// table prints 项 rows elsewhere, so H1 fails (before, a 款 without children was
    /// not checked at all).
    #[test]
    fn the_only_item_of_a_kuan_dropped() {
        let mut r = records("budget-2024-central-statistics");
        let t = r
            .tables
            .iter_mut()
            .find(|t| t.table_type.as_deref() == Some("budget.gpb_expenditure"))
            .expect("gpb table");
        let id = t.id.clone();
        let only = t
            .rows
            .iter()
            .filter(|r| r.code_level == Some(2))
            .find_map(|k| {
                let kids: Vec<usize> = t
                    .rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.parent_code == k.code)
                    .map(|(i, _)| i)
                    .collect();
                (kids.len() == 1).then(|| (k.id.clone(), kids[0]))
            })
            .expect("a 款 with one 项");
        t.rows.remove(only.1);
        let findings = validate(&r);
        assert!(
            findings.iter().any(|f| f.table == id
                && f.row == only.0
                && f.rule == "H1"
                && f.status == Status::Fail),
            "{:#?}",
            findings
                .iter()
                .filter(|f| f.table == id)
                .collect::<Vec<_>>()
        );
    }

    /// A template published as is (`上海市XX局`): DOC-3 says so.
    #[test]
    fn a_placeholder_department() {
        let mut r = records("budget-2024-central-statistics");
        assert!(!validate(&r).iter().any(|f| f.rule == "DOC-3"));
        r.document.department = Some("上海市XX局".into());
        assert!(validate(&r)
            .iter()
            .any(|f| f.rule == "DOC-3" && f.status == Status::Fail && f.lhs == "上海市XX局"));
    }
}
