//! Tables on real pages, checked cell by cell against the rendered page (read by hand):
//! samples/real/putuo-final-2024-p6.pdf is the 收入支出决算总表 of 上海市普陀区财政局
//! 2024年度部门决算 (4 columns, 29 rows, the 收入 / 支出 header cells each spanning two
//! columns); samples/real/camelot-foo.pdf holds Table 2-1 with a "Percent Fuel Savings"
//! header spanning four columns and the first three header cells spanning two rows.

use gongkai_pdf::Document;
use gongkai_table::{extract_tables, PageInput, Table, TableOptions};

fn tables_of(file: &str) -> Vec<Table> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/real")
        .join(file);
    let doc = Document::open(&path).expect("open");
    let c = doc.page(1).expect("page");
    let page = PageInput {
        page: 1,
        width: c.width,
        height: c.height,
        glyphs: &c.glyphs,
        segments: &c.segments,
    };
    extract_tables(&page, &TableOptions::default())
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

#[test]
fn putuo_summary_table() {
    let t = tables_of("putuo-final-2024-p6.pdf");
    assert_eq!(t.len(), 1);
    let t = &t[0];
    assert_eq!(t.title.as_deref(), Some("收入支出决算总表"));
    assert_eq!(t.unit.as_deref(), Some("万元"));
    assert_eq!((t.n_rows, t.n_cols), (29, 4));
    let g = t.grid();
    assert_eq!(g[0], vec![s("收入"), None, s("支出"), None]);
    assert_eq!(g[1], vec![s("项目"), s("决算数"), s("项目"), s("决算数")]);
    assert_eq!(
        g[2],
        vec![
            s("一、一般公共预算财政拨款收入"),
            s("2,940.05"),
            s("一、一般公共服务支出"),
            s("2,106.66")
        ]
    );
    assert_eq!(
        g[9],
        vec![
            s("八、其他收入"),
            s("6.20"),
            s("八、社会保障和就业支出"),
            s("326.71")
        ]
    );
    assert_eq!(
        g[20],
        vec![s(""), s(""), s("十九、住房保障支出"), s("445.69")]
    );
    assert_eq!(
        g[28],
        vec![
            s("本年收入合计"),
            s("2,946.25"),
            s("本年支出合计"),
            s("2,940.05")
        ]
    );
    let header = t
        .cells
        .iter()
        .find(|c| c.row == 0 && c.col == 2)
        .expect("支出 cell");
    assert_eq!((header.rowspan, header.colspan), (1, 2));
}

#[test]
fn camelot_foo_table_spans() {
    let t = tables_of("camelot-foo.pdf");
    assert_eq!(t.len(), 1);
    let t = &t[0];
    assert_eq!(
        t.title.as_deref(),
        Some("Table 2-1. Simulated fuel savings from isolated cycle improvements")
    );
    assert_eq!((t.n_rows, t.n_cols), (7, 7));
    let g = t.grid();
    assert_eq!(
        g[0],
        vec![
            s("Cycle Name"),
            s("KI (1/km)"),
            s("Distance (mi)"),
            s("Percent Fuel Savings"),
            None,
            None,
            None
        ]
    );
    assert_eq!(
        g[1],
        vec![
            None,
            None,
            None,
            s("Improved Speed"),
            s("Decreased Accel"),
            s("Eliminate Stops"),
            s("Decreased Idle")
        ]
    );
    assert_eq!(
        g[6],
        vec![
            s("4171_1"),
            s("0.07"),
            s("173.9"),
            s("58.1%"),
            s("1.6%"),
            s("2.1%"),
            s("0.5%")
        ]
    );
    let pct = t
        .cells
        .iter()
        .find(|c| c.row == 0 && c.col == 3)
        .expect("percent header");
    assert_eq!((pct.rowspan, pct.colspan), (1, 4));
    let cycle = t
        .cells
        .iter()
        .find(|c| c.row == 0 && c.col == 0)
        .expect("cycle header");
    assert_eq!((cycle.rowspan, cycle.colspan), (2, 1));
}

fn page_tables(file: &str) -> Vec<Table> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/real")
        .join(file);
    let doc = Document::open(&path).expect("open");
    let mut all = Vec::new();
    for n in 1..=doc.page_count() {
        let c = doc.page(n).expect("page");
        let page = PageInput {
            page: n as u32,
            width: c.width,
            height: c.height,
            glyphs: &c.glyphs,
            segments: &c.segments,
        };
        all.extend(extract_tables(&page, &TableOptions::default()));
    }
    all
}

/// 江苏省高级人民法院2019年度部门预算公开 p.14: the unit cell wraps (`单位：万` over `元`,
/// the `元` level with `部门名称：江苏省高级人民法院`); read off the page: 三公 table in 万元,
/// 合计 2,382.02, 公务接待费 86.95, 培训费 1,597.25.
#[test]
fn wrapped_unit_is_joined() {
    let t = page_tables("jiangsu-court-2019-p14.pdf");
    assert_eq!(t.len(), 2);
    assert_eq!(
        t[0].title.as_deref(),
        Some("“三公”经费、会议费、培训费支出预算表")
    );
    assert_eq!(t[0].unit.as_deref(), Some("万元"));
    assert_eq!(
        t[0].caption,
        vec!["部门名称：江苏省高级人民法院".to_string()]
    );
    let g = t[0].grid();
    let last = g.last().expect("value row");
    assert_eq!(last.first(), Some(&s("2,382.02")));
    assert_eq!(last.last(), Some(&s("1,597.25")));
    assert!(last.contains(&s("86.95")));
    assert_eq!(t[1].unit.as_deref(), Some("万元"));
}

/// 江苏省政协办公厅 2017年政府采购预算表, pp.12–13 of its 部门预算公开表: the second page
/// repeats title, unit, department line and header. Read off the pages: 26 rows on p.12
/// (header, 合计 1,271.22, …, 餐饮服务 18.66), 15 body rows on p.13 (省政协全委会 会议费
/// 714.80 … 交通运输和仓储服务 6.00).
#[test]
fn continuation_repeating_its_heading_is_one_table() {
    let t = gongkai_table::stitch_pages(page_tables("jiangsu-cppcc-2017-p12-13.pdf"));
    assert_eq!(t.len(), 1);
    let t = &t[0];
    assert_eq!(t.pages, vec![1, 2]);
    assert_eq!(t.n_rows, 26 + 15);
    let g = t.grid();
    assert_eq!(
        g[0],
        vec![
            s("采购品目大类"),
            s("专项名称"),
            s("经济科目"),
            s("采购物品名称"),
            s("采购组织形式"),
            s("总计")
        ]
    );
    assert_eq!(g[1][0], s("合计"));
    assert_eq!(g[1][5], s("1,271.22"));
    assert_eq!(
        g[26],
        vec![
            s(""),
            s("省政协全委会"),
            s("会议费"),
            s(""),
            s(""),
            s("714.80")
        ]
    );
    // The first three cells of the last row lie under cells merged downwards.
    assert_eq!(
        g[40][3..],
        [s("交通运输和仓储服务"), s("分散自行组织"), s("6.00")]
    );
    assert_eq!(t.row_pages.iter().filter(|&&p| p == 2).count(), 15);
}

/// 江苏省人民检察院 2019年度部门预算公开 pp.29 and 32 (samples/real): justified prose whose
/// wide gaps line up over a few lines (`省检察院2019年度财政拨款基本支出预算 15,844.04 万` /
/// `元。其中：` / `（一）人员经费 13,452.12 万元。主要包括：…`; `2019年本部门共 0 个项目实行绩效目标
/// 管理。`). Running text, most of it in sentences ending `。`, is no table.
#[test]
fn justified_prose_is_no_table() {
    for file in [
        "jiangsu-procuratorate-2019-p29.pdf",
        "jiangsu-procuratorate-2019-p32.pdf",
    ] {
        let t = tables_of(file);
        assert!(
            t.is_empty(),
            "{file}: {:?}",
            t.iter().map(|t| t.grid()).collect::<Vec<_>>()
        );
    }
}
