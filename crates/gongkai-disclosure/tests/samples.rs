//! Identity findings on the generated samples (samples/, golden/): the consistent 元
//! sample has no failed identity; its copy with 支出合计 printed 0.01 元 too high
//! (golden/…-wrong.json, `deliberate_errors`) gets exactly one failure, S1, naming the
//! 部门财务收支预算总表 and its 支出合计 row on page 7.

use gongkai_disclosure::{build_records, Records, Status, TextLine};
use gongkai_pdf::Document;
use gongkai_table::{extract_tables, stitch_pages, PageInput, TableOptions};

fn records(stem: &str) -> Records {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../samples/{stem}.pdf"));
    let doc = Document::open(&path).expect("open");
    let mut tables = Vec::new();
    let mut lines = Vec::new();
    for n in 1..=doc.page_count() {
        let c = doc.page(n).expect("page");
        let page = PageInput {
            page: n as u32,
            width: c.width,
            height: c.height,
            glyphs: &c.glyphs,
            segments: &c.segments,
        };
        tables.extend(extract_tables(&page, &TableOptions::default()));
        lines.extend(
            gongkai_geom::layout::text_lines(&c.glyphs)
                .into_iter()
                .map(|l| TextLine {
                    page: n as u32,
                    text: l.text,
                    bbox: l.bbox,
                }),
        );
    }
    build_records(&format!("{stem}.pdf"), &lines, &stitch_pages(tables))
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
    assert_eq!(f.len(), 1, "{f:#?}");
    let f = f[0];
    assert_eq!(
        (f.rule.as_str(), f.table_type.as_str(), f.column.as_str()),
        ("S1", "budget.summary", "amount")
    );
    assert_eq!(
        (f.lhs.as_str(), f.rhs.as_str(), f.diff.as_str()),
        ("13736584.33", "13736584.34", "-0.01")
    );
    let t = r.tables.iter().find(|t| t.id == f.table).expect("table");
    assert_eq!(t.title.as_deref(), Some("2025年部门财务收支预算总表"));
    assert_eq!(t.pages, vec![7]);
    assert!(f.expr.contains("支出合计"), "{}", f.expr);
}
