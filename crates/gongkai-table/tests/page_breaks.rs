//! Tables parted from their title, unit or header by the publisher's page break, on real
//! pages (cut with qpdf into `samples/real/`, values read off the rendered pages by hand)
//! and on drawn pages:
//! - `jiangsu-court-2018-p10-11.pdf` (省法院2018年度部门预算公开 pp.10–11): title, unit and
//!   the header row `收入 | 支出` of 四、财政拨款收支预算总表 at the foot of p.10, the body
//!   (4 columns, two header rows of its own) on p.11;
//! - `jiangsu-npc-2017-p12-13.pdf` (江苏省人大办公厅2017年度预算公开 pp.12–13): title and
//!   department/unit line of 财政拨款基本支出预算表 under the last table of p.12, the table
//!   on p.13;
//! - `jiangsu-npc-2017-p17-20.pdf` (same document, pp.17–20): a title 110 pt above its
//!   table over a department/unit line (p.17), a title alone at the foot of p.18 whose
//!   table opens p.19 under its department/unit line, a title wrapped onto two lines
//!   (`…培训费支出预算` over `表`, p.20);
//! - `jiangsu-procuratorate-2018-p19.pdf` (2018年省检察院部门预算公开 p.19): the 三公 table's
//!   title wrapped after `培训费`.

use gongkai_geom::{Glyph, Rect, Segment, UnicodeSource};
use gongkai_pdf::Document;
use gongkai_table::{
    extract_tables, may_continue, stitch_pages, Heading, Method, PageInput, Table, TableOptions,
};

/// The tables of every page of a sample, stitched.
fn stitched(file: &str) -> Vec<Table> {
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
    stitch_pages(all)
}

fn titled<'a>(tables: &'a [Table], title: &str) -> &'a Table {
    tables
        .iter()
        .find(|t| t.title.as_deref() == Some(title))
        .unwrap_or_else(|| panic!("no table titled {title}"))
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

fn row(cells: &[&str]) -> Vec<Option<String>> {
    cells.iter().map(|c| s(c)).collect()
}

#[test]
fn header_row_and_title_at_the_foot_join_the_body_on_the_next_page() {
    let tables = stitched("jiangsu-court-2018-p10-11.pdf");
    let t = titled(
        &tables,
        "四、2018年度江苏省高级人民法院财政拨款收支预算总表",
    );
    assert_eq!(t.unit.as_deref(), Some("万元"));
    assert_eq!(t.pages, [1, 2]);
    assert_eq!(t.title_page, Some(1));
    assert_eq!((t.n_rows, t.n_cols), (7, 4));
    assert_eq!(t.row_pages, [1, 2, 2, 2, 2, 2, 2]);
    // 收入 over 项目名称 | 金额, 支出 over 支出用途 (项目名称 | 金额).
    let head: Vec<(&str, usize, usize, u32)> = t
        .cells
        .iter()
        .filter(|c| c.row == 0)
        .map(|c| (c.text.as_str(), c.col, c.colspan, c.page))
        .collect();
    assert_eq!(head, [("收入", 0, 2, 1), ("支出", 2, 2, 1)]);
    let g = t.grid();
    assert_eq!(g[1], vec![s("项目名称"), s("金额"), s("支出用途"), None]);
    assert_eq!(g[2], vec![None, None, s("项目名称"), s("金额")]);
    assert_eq!(
        g[3],
        row(&["一、一般公共预算", "33,172.15", "一、基本支出", "18,570.82"])
    );
    assert_eq!(g[5], row(&["", "", "三、单位预留机动经费", "3,258.06"]));
    assert_eq!(
        g[6],
        row(&["收入合计", "33,172.15", "支出合计", "33,172.15"])
    );
    // No table of p.11 is left without a title.
    assert!(tables
        .iter()
        .filter(|t| t.page == 2)
        .all(|t| t.title.is_some()));
    assert_eq!(
        titled(&tables, "五、2018年度江苏省高级人民法院财政拨款支出预算表").pages,
        [2]
    );
}

#[test]
fn title_block_under_the_last_table_heads_the_table_opening_the_next_page() {
    let tables = stitched("jiangsu-npc-2017-p12-13.pdf");
    assert_eq!(tables.len(), 2);
    assert_eq!(tables[0].title.as_deref(), Some("财政拨款收支预算总表"));
    let t = &tables[1];
    assert_eq!(t.title.as_deref(), Some("财政拨款基本支出预算表"));
    assert_eq!((t.pages.clone(), t.title_page), (vec![2], Some(1)));
    assert_eq!(t.unit.as_deref(), Some("万元"));
    assert_eq!(t.caption, ["部门：江苏省人大常委会办公厅"]);
    assert_eq!((t.n_rows, t.n_cols), (13, 3));
    let g = t.grid();
    assert_eq!(g[0], row(&["科目编码", "科目名称", "金额"]));
    assert_eq!(g[1], row(&["", "合计", "7,666.68"]));
    assert_eq!(g[2], row(&["301", "工资福利支出", "2,928.98"]));
    assert_eq!(g[12], row(&["30211", "差旅费", "230.00"]));
}

#[test]
fn titles_far_above_left_at_the_foot_or_wrapped_are_found() {
    let tables = stitched("jiangsu-npc-2017-p17-20.pdf");
    assert_eq!(tables.len(), 5);
    // p.17: the title 110 pt above the table, over the department/unit line.
    let t = titled(&tables, "一般公共预算基本支出预算表");
    assert_eq!((t.pages.clone(), t.title_page), (vec![1, 2], Some(1)));
    assert_eq!(t.unit.as_deref(), Some("万元"));
    assert_eq!(t.caption, ["部门：江苏省人大常委会办公厅"]);
    assert_eq!(t.n_rows, 25);
    let g = t.grid();
    assert_eq!(g[1], row(&["", "合计", "7,666.68"]));
    assert_eq!(g[24], row(&["30312", "提租补贴", "1,018.01"]));
    // p.18's foot holds the title alone; p.19 opens with the department/unit line.
    let t = titled(&tables, "一般公共预算机关运行经费支出预算表");
    assert_eq!((t.pages.clone(), t.title_page), (vec![3], Some(2)));
    assert_eq!(t.unit.as_deref(), Some("万元"));
    assert_eq!(t.caption, ["部门：江苏省人大常委会办公厅"]);
    assert_eq!(t.n_rows, 17);
    let g = t.grid();
    assert_eq!(g[0], row(&["科目编码", "科目名称", "机关运行经费支出"]));
    assert_eq!(g[1], row(&["", "合计", "5,619.31"]));
    assert_eq!(g[16], row(&["31002", "办公设备购置", "59.00"]));
    // p.20: `“三公”经费、会议费、培训费支出预算` over `表`.
    let t = titled(&tables, "“三公”经费、会议费、培训费支出预算表");
    assert_eq!((t.pages.clone(), t.title_page), (vec![4], Some(4)));
    assert_eq!(t.unit.as_deref(), Some("万元"));
    assert_eq!(
        t.grid()[3],
        row(&[
            "2,542.60", "833.60", "222.50", "183.60", "0", "183.60", "427.50", "1,305.25", "403.75"
        ])
    );
    assert_eq!(titled(&tables, "2017年政府采购预算表").pages, [4]);
}

#[test]
fn wrapped_title_is_kept_whole() {
    let tables = stitched("jiangsu-procuratorate-2018-p19.pdf");
    let t = titled(
        &tables,
        "公开 09 表：一般公共预算“三公”经费、会议费、培训费支出预算表",
    );
    assert_eq!(t.unit.as_deref(), Some("万元"));
    assert_eq!(t.caption, ["部门：江苏省人民检察院"]);
    assert_eq!(
        t.grid()[3],
        row(&[
            "1,384.74", "484.30", "100.00", "267.80", "", "267.80", "116.50", "200.44", "700.00"
        ])
    );
    assert_eq!(
        titled(&tables, "公开 10表：政府性基金支出预算表")
            .unit
            .as_deref(),
        Some("万元")
    );
}

/// Glyphs of `text` from `x` on the line at `y`, `size` pt wide and high each.
fn put(out: &mut Vec<Glyph>, text: &str, x: f64, y: f64, size: f64) {
    for (i, ch) in text.chars().enumerate() {
        let x0 = x + size * i as f64;
        out.push(Glyph {
            text: ch.to_string(),
            bbox: Rect {
                x0,
                top: y,
                x1: x0 + size,
                bottom: y + size,
            },
            font: "F".into(),
            size,
            upright: true,
            source: UnicodeSource::ToUnicode,
            confidence: None,
        });
    }
}

/// A ruled grid of three columns (x 60, 160, 360, 540) with rows 20 pt high from `top`,
/// one text per cell.
fn grid(glyphs: &mut Vec<Glyph>, segs: &mut Vec<Segment>, top: f64, rows: &[[&str; 3]]) {
    let xs = [60.0, 160.0, 360.0, 540.0];
    let bottom = top + 20.0 * rows.len() as f64;
    for r in 0..=rows.len() {
        segs.push(Segment::horizontal(
            top + 20.0 * r as f64,
            xs[0],
            xs[3],
            0.5,
        ));
    }
    for x in xs {
        segs.push(Segment::vertical(x, top, bottom, 0.5));
    }
    for (r, cells) in rows.iter().enumerate() {
        for (c, text) in cells.iter().enumerate() {
            put(glyphs, text, xs[c] + 4.0, top + 20.0 * r as f64 + 5.5, 9.0);
        }
    }
}

fn tables_of(n: u32, glyphs: &[Glyph], segs: &[Segment]) -> Vec<Table> {
    let page = PageInput {
        page: n,
        width: 595.0,
        height: 842.0,
        glyphs,
        segments: segs,
    };
    extract_tables(&page, &TableOptions::default())
}

/// Page 7 ends with 一、收入表 and, under it, the title block of 二、支出表 over the page
/// number; page 8 opens with 二、支出表 on the same columns. `above` is a line printed over
/// page 8's table, `after_title` a line printed under page 7's title.
fn two_pages(above: Option<&str>, after_title: &str) -> (Vec<Table>, Vec<Table>) {
    let (mut g, mut s) = (Vec::new(), Vec::new());
    put(&mut g, "一、收入表", 60.0, 60.0, 16.0);
    grid(
        &mut g,
        &mut s,
        100.0,
        &[
            ["科目编码", "科目名称", "金额"],
            ["101", "税收收入", "1.00"],
        ],
    );
    put(&mut g, "二、支出表", 60.0, 700.0, 16.0);
    put(&mut g, after_title, 400.0, 730.0, 9.0);
    put(&mut g, "7", 295.0, 800.0, 9.0);
    let p7 = tables_of(7, &g, &s);
    let (mut g, mut s) = (Vec::new(), Vec::new());
    if let Some(text) = above {
        put(&mut g, text, 60.0, 40.0, 12.0);
    }
    grid(
        &mut g,
        &mut s,
        72.0,
        &[
            ["科目编码", "科目名称", "金额"],
            ["201", "一般公共服务", "2.00"],
        ],
    );
    (p7, tables_of(8, &g, &s))
}

#[test]
fn title_block_over_a_page_number_heads_the_next_page() {
    let (p7, p8) = two_pages(None, "单位：万元");
    assert_eq!(p7.len(), 1);
    let foot = p7[0]
        .foot_heading
        .as_ref()
        .expect("title block at the foot");
    assert_eq!(foot.title.as_deref(), Some("二、支出表"));
    assert_eq!(foot.unit.as_deref(), Some("万元"));
    assert!(foot.caption.is_empty(), "the page number is no caption");
    assert_eq!(p8[0].lines_above, 0);
    let out = stitch_pages(p7.into_iter().chain(p8).collect());
    assert_eq!(out.len(), 2, "the same columns, yet no continuation");
    assert_eq!(out[0].title.as_deref(), Some("一、收入表"));
    assert_eq!(out[1].title.as_deref(), Some("二、支出表"));
    assert_eq!((out[1].page, out[1].title_page), (8, Some(7)));
    assert_eq!(out[1].unit.as_deref(), Some("万元"));
    assert_eq!(out[1].grid()[1][2].as_deref(), Some("2.00"));
}

#[test]
fn no_heading_is_carried_to_a_table_under_text_or_after_running_text() {
    // Text over page 8's table: the table does not open its page.
    let (p7, p8) = two_pages(
        Some("注：以下为本部门明细，数据来源于决算报表系统。"),
        "单位：万元",
    );
    assert_eq!(p8[0].lines_above, 1);
    let out = stitch_pages(p7.into_iter().chain(p8).collect());
    assert_eq!(out.len(), 2);
    assert_eq!(out[1].title, None);
    // A sentence under the title: no title block is left for the next page.
    let (p7, _) = two_pages(None, "本部门无此项支出。");
    assert_eq!(p7[0].foot_heading, None);
    assert!(!p7[0].ends_page);
}

/// A borderless table ending its page with a title block under it carries its columns
/// to nothing: the next page starts another table.
#[test]
fn no_borderless_continuation_after_a_title_block() {
    let mut prev = stitched("jiangsu-npc-2017-p12-13.pdf").remove(1);
    prev.method = Method::Stream;
    prev.lines_below = 2;
    assert!(may_continue(Some(&prev), &[]));
    prev.foot_heading = Some(Heading {
        page: prev.page,
        title: Some("二、支出表".to_string()),
        ..Heading::default()
    });
    assert!(!may_continue(Some(&prev), &[]));
}

/// The same on a whole reading: p.7 of the borderless sample (the rest of p.6's
/// 财政拨款收支总表, too short to show its columns) is read on p.6's columns, unless a title
/// block under p.6's table says that table ended there.
#[test]
fn borderless_columns_are_not_carried_past_a_title_block() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/budget-2023-hebei-qingshui-water.pdf");
    let Ok(doc) = Document::open(&path) else {
        eprintln!("{} missing; nothing to check", path.display());
        return;
    };
    let (c6, c7) = (doc.page(6).expect("p.6"), doc.page(7).expect("p.7"));
    let input = |n: u32, c: &gongkai_pdf::PageContent| {
        (n, c.width, c.height, c.glyphs.clone(), c.segments.clone())
    };
    let read =
        |(n, width, height, glyphs, segments): &(u32, f64, f64, Vec<Glyph>, Vec<Segment>),
         prev: Option<&Table>| {
            let page = PageInput {
                page: *n,
                width: *width,
                height: *height,
                glyphs,
                segments,
            };
            gongkai_table::extract_tables_after(&page, prev, &TableOptions::default())
        };
    let (p6, p7) = (input(6, &c6), input(7, &c7));
    let mut prev = read(&p6, None).pop().expect("p.6 table");
    let alone = read(&p7, None);
    assert_ne!(
        read(&p7, Some(&prev)),
        alone,
        "p.7 is read on p.6's columns"
    );
    prev.foot_heading = Some(Heading {
        page: 6,
        title: Some("二、支出表".to_string()),
        ..Heading::default()
    });
    assert_eq!(read(&p7, Some(&prev)), alone);
}

/// A borderless two-sided table (`收入项目 | 决算数 | 支出项目 | 决算数`, income amounts set
/// right-aligned 3 pt before the expenditure labels) at rows 20 pt apart from `top`, 9 pt
/// text: the header `项目` centred over the income labels.
fn two_sided(g: &mut Vec<Glyph>, top: f64, rows: &[[&str; 4]]) {
    put(g, "项目", 101.0, top, 9.0);
    put(g, "决算数", 173.0, top, 9.0);
    put(g, "项目", 250.0, top, 9.0);
    put(g, "决算数", 373.0, top, 9.0);
    for (r, cells) in rows.iter().enumerate() {
        let y = top + 20.0 * (r + 1) as f64;
        let right = |t: &str, end: f64| end - 9.0 * t.chars().count() as f64;
        put(g, cells[0], 60.0, y, 9.0);
        put(g, cells[1], right(cells[1], 200.0), y, 9.0);
        put(g, cells[2], 203.0, y, 9.0);
        put(g, cells[3], right(cells[3], 400.0), y, 9.0);
    }
}

/// The rest of a two-sided table on the next page, its income amounts run close into the
/// expenditure labels beside them (`10.00本年支出合计` as the line alone shows it), is read
/// on the columns carried from the page before: an amount and the label beside it are two
/// cells there too.
#[test]
fn carried_columns_part_an_amount_from_the_label_beside_it() {
    let mut g = Vec::new();
    two_sided(
        &mut g,
        100.0,
        &[
            ["一、财政拨款收入", "6.00", "一、一般公共服务支出", "3.00"],
            ["二、财政专户管理资金收入", "4.00", "二、教育支出", "4.00"],
            ["", "", "三、科学技术支出", "5.00"],
            ["", "", "四、卫生健康支出", "6.00"],
        ],
    );
    let p1 = tables_of(1, &g, &[]);
    assert_eq!(p1.len(), 1);
    assert_eq!(p1[0].n_cols, 4, "{:?}", p1[0].grid());
    let mut g = Vec::new();
    two_sided(
        &mut g,
        60.0,
        &[
            ["", "", "五、节能环保支出", "7.00"],
            ["本年收入合计", "10.00", "本年支出合计", "25.00"],
            ["收入总计", "10.00", "支出总计", "25.00"],
        ],
    );
    let page = PageInput {
        page: 2,
        width: 595.0,
        height: 842.0,
        glyphs: &g,
        segments: &[],
    };
    let p2 = gongkai_table::extract_tables_after(&page, p1.last(), &TableOptions::default());
    assert_eq!(p2.len(), 1);
    assert_eq!(p2[0].col_edges, p1[0].col_edges, "{:?}", p2[0].grid());
    assert_eq!(
        p2[0].grid()[2],
        row(&["本年收入合计", "10.00", "本年支出合计", "25.00"])
    );
    let out = stitch_pages(p1.into_iter().chain(p2).collect());
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].n_rows, 8);
    assert_eq!(
        out[0].grid()[7],
        row(&["收入总计", "10.00", "支出总计", "25.00"])
    );
}
