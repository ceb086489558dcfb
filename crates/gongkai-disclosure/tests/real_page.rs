//! Typed rows from a real page: the 收入支出决算总表 of 上海市普陀区财政局2024年度部门决算
//! (samples/real/putuo-final-2024-p6.pdf; values read off the rendered page: 一般公共预算
//! 财政拨款收入 2,940.05 万元, 八、其他收入 6.20, 本年收入合计 2,946.25, 本年支出合计 2,940.05).

use gongkai_disclosure::{build_records, RowKind, TextLine};
use gongkai_pdf::Document;
use gongkai_table::{extract_tables, stitch_pages, PageInput, TableOptions};

#[test]
fn putuo_summary_rows_in_yuan() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/real/putuo-final-2024-p6.pdf");
    let doc = Document::open(&path).expect("open");
    let c = doc.page(1).expect("page");
    let page = PageInput {
        page: 1,
        width: c.width,
        height: c.height,
        glyphs: &c.glyphs,
        segments: &c.segments,
    };
    let tables = stitch_pages(extract_tables(&page, &TableOptions::default()));
    let lines: Vec<TextLine> = gongkai_geom::layout::text_lines(&c.glyphs)
        .into_iter()
        .map(|l| TextLine {
            page: 1,
            text: l.text,
            bbox: l.bbox,
        })
        .collect();
    let rec = build_records("上海市普陀区财政局2024年度部门决算.pdf", &lines, &tables);
    assert_eq!(rec.document.fiscal_year, Some(2024));
    let t = &rec.tables[0];
    assert_eq!(t.table_type.as_deref(), Some("final.summary"));
    assert_eq!(t.unit.as_deref(), Some("万元"));
    let find = |side: &str, name: &str| {
        t.rows
            .iter()
            .find(|r| r.side.as_deref() == Some(side) && r.name == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let gpb = find("income", "一、一般公共预算财政拨款收入");
    let v = gpb.values["amount"].as_ref().expect("value");
    assert_eq!(
        (
            v.yuan.as_deref().unwrap_or(""),
            v.raw.as_str(),
            v.resolution_yuan.as_deref().unwrap_or(""),
            v.page
        ),
        ("29400500.00", "2,940.05", "100", 1)
    );
    assert!(v.bbox[0] > 240.0 && v.bbox[2] < 320.0, "{:?}", v.bbox);
    assert_eq!(
        find("income", "八、其他收入").values["amount"]
            .as_ref()
            .map(|v| v.yuan.as_deref().unwrap_or("")),
        Some("62000.00")
    );
    let total = find("income", "本年收入合计");
    assert_eq!(total.kind, RowKind::Total);
    assert_eq!(
        total.values["amount"]
            .as_ref()
            .map(|v| v.yuan.as_deref().unwrap_or("")),
        Some("29462500.00")
    );
    assert_eq!(
        find("expenditure", "十九、住房保障支出").values["amount"]
            .as_ref()
            .map(|v| v.yuan.as_deref().unwrap_or("")),
        Some("4456900.00")
    );
    assert_eq!(
        find("income", "二、政府性基金预算财政拨款收入").values["amount"],
        None
    );
    // Canonical line keys: the same lines in every family.
    assert_eq!(gpb.line.as_deref(), Some("income.general_budget"));
    assert_eq!(total.line.as_deref(), Some("income.this_year_total"));
    let housing = find("expenditure", "十九、住房保障支出");
    assert_eq!(
        (
            housing.line.as_deref(),
            housing.class_code.as_deref(),
            housing.kind
        ),
        (Some("expenditure.func.221"), Some("221"), RowKind::Class)
    );
}
