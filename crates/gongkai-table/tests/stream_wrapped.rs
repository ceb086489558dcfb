//! Borderless tables whose cells wrap onto two lines vertically centred beside
//! single-line cells (the WPS/Excel export of a budget form): the two lines are one cell,
//! in the same row as the single-line cells centred on them.

use gongkai_geom::{Glyph, Rect, UnicodeSource};
use gongkai_table::{extract_tables, PageInput, TableOptions};

mod common;

/// Glyphs for `text` starting at `x` on the line at `y`, 9 pt CJK (9 pt wide each).
fn word(out: &mut Vec<Glyph>, text: &str, x: f64, y: f64) {
    for (i, ch) in text.chars().enumerate() {
        let x0 = x + 9.0 * i as f64;
        out.push(Glyph {
            text: ch.to_string(),
            bbox: Rect {
                x0,
                top: y,
                x1: x0 + 9.0,
                bottom: y + 9.0,
            },
            font: "F".into(),
            size: 9.0,
            upright: true,
            source: UnicodeSource::ToUnicode,
            confidence: None,
        });
    }
}

#[test]
fn two_line_cells_centred_in_their_row_are_one_cell() {
    let mut g = Vec::new();
    // Header, then rows 28 pt apart; the description wraps (13 pt leading) and is centred
    // on the single-line cells of its row.
    word(&mut g, "一级指标", 60.0, 100.0);
    word(&mut g, "二级指标", 150.0, 100.0);
    word(&mut g, "指标描述", 250.0, 100.0);
    for (r, (a, b, c1, c2)) in [
        ("数量指标", "覆盖人数", "项目计划完成覆盖", "人数"),
        ("质量指标", "完成质量", "项目实施符合相关", "标准"),
        ("时效指标", "及时完成", "按计划时间节点完", "成"),
    ]
    .iter()
    .enumerate()
    {
        let y = 128.0 + 28.0 * r as f64;
        word(&mut g, a, 60.0, y);
        word(&mut g, b, 150.0, y);
        word(&mut g, c1, 250.0, y - 6.5);
        word(&mut g, c2, 250.0, y + 6.5);
    }
    let page = PageInput {
        page: 1,
        width: 600.0,
        height: 800.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    assert_eq!(t.len(), 1);
    let grid = t[0].grid();
    assert_eq!((t[0].n_rows, t[0].n_cols), (4, 3), "{grid:?}");
    assert_eq!(
        grid[1],
        vec![
            Some("数量指标".to_string()),
            Some("覆盖人数".to_string()),
            Some("项目计划完成覆盖人数".to_string())
        ]
    );
    assert_eq!(grid[3][2].as_deref(), Some("按计划时间节点完成"));
}

/// Glyphs for `text` spread evenly over `x0..x1`, `h` points high from `top` (the boxes
/// OCR gives: tight on the ink, under the 7.5 pt font size).
fn ink(out: &mut Vec<Glyph>, text: &str, x0: f64, x1: f64, top: f64, h: f64) {
    let n = text.chars().count().max(1) as f64;
    let w = (x1 - x0) / n;
    for (i, ch) in text.chars().enumerate() {
        let a = x0 + w * i as f64;
        out.push(Glyph {
            text: ch.to_string(),
            bbox: Rect {
                x0: a,
                top,
                x1: a + w,
                bottom: top + h,
            },
            font: "F".into(),
            size: 7.5,
            upright: true,
            source: UnicodeSource::Ocr,
            confidence: Some(0.9),
        });
    }
}

/// A header of two rows as an OCR'd procurement table prints it: a cell of two lines
/// centred over both rows stands beside a cell of three lines centred on the second row,
/// their lines level within a point (the offset that parts them in a text layer is lost
/// in the scan). The two-line cell spans both rows; the three-line cell, whose last line
/// is set at the leading of its first two although a little over 1.5 of its ink height,
/// is one cell of the second row.
#[test]
fn header_cells_of_two_rows_sharing_lines_keep_their_rows() {
    let mut g = Vec::new();
    ink(&mut g, "项目来源", 79.0, 109.0, 213.0, 7.2);
    ink(&mut g, "采购金额", 345.0, 375.0, 213.0, 7.2);
    ink(&mut g, "采购物品名", 163.0, 199.0, 230.4, 7.2);
    ink(&mut g, "一般公", 368.0, 390.0, 231.4, 7.2);
    ink(&mut g, "数量", 276.0, 291.0, 235.7, 6.7);
    ink(&mut g, "项目名称", 79.0, 109.0, 241.9, 7.2);
    ink(&mut g, "称", 178.0, 185.0, 241.0, 7.2);
    ink(&mut g, "合计", 338.0, 352.0, 241.9, 7.2);
    ink(&mut g, "共预算", 368.0, 390.0, 241.4, 7.2);
    ink(&mut g, "拨款", 372.0, 386.0, 252.4, 7.2);
    for (k, (text, top)) in [
        ("国有资", 226.1),
        ("本经营", 236.2),
        ("预算拨", 247.2),
        ("款", 258.8),
    ]
    .into_iter()
    .enumerate()
    {
        let w = 7.3 * text.chars().count() as f64;
        let x = if k == 3 { 444.0 } else { 436.0 };
        ink(&mut g, text, x, x + w, top, 7.2);
    }
    for (r, (a, b, n, v)) in [
        ("小型水库", "办公椅", "19", "2.85"),
        ("农村饮水", "文化服务", "1", "22.10"),
        ("河道清淤", "计算机", "26", "13.00"),
        ("水土保持", "计算机", "14", "7.98"),
    ]
    .iter()
    .enumerate()
    {
        let y = 274.0 + 18.0 * r as f64;
        ink(
            &mut g,
            a,
            79.0,
            79.0 + 7.2 * a.chars().count() as f64,
            y,
            7.2,
        );
        ink(
            &mut g,
            b,
            163.0,
            163.0 + 7.2 * b.chars().count() as f64,
            y,
            7.2,
        );
        ink(&mut g, n, 287.0 - 3.6 * n.len() as f64, 287.0, y, 5.8);
        ink(&mut g, v, 359.0 - 3.6 * v.len() as f64, 359.0, y, 5.8);
        ink(&mut g, v, 393.0 - 3.6 * v.len() as f64, 393.0, y, 5.8);
    }
    let page = PageInput {
        page: 1,
        width: 600.0,
        height: 800.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    assert_eq!(
        t.len(),
        1,
        "{:?}",
        t.iter().map(|t| t.grid()).collect::<Vec<_>>()
    );
    let grid = t[0].grid();
    assert_eq!((t[0].n_rows, t[0].n_cols), (6, 6), "{grid:?}");
    let cell = |text: &str| {
        t[0].cells
            .iter()
            .find(|c| c.text == text)
            .map(|c| (c.row, c.col, c.rowspan, c.colspan))
    };
    assert_eq!(cell("采购物品名称"), Some((0, 1, 2, 1)), "{grid:?}");
    assert_eq!(cell("数量"), Some((0, 2, 2, 1)), "{grid:?}");
    assert_eq!(cell("一般公共预算拨款"), Some((1, 4, 1, 1)), "{grid:?}");
    assert_eq!(cell("项目名称"), Some((1, 0, 1, 1)), "{grid:?}");
    assert_eq!(cell("国有资本经营预算拨款"), Some((1, 5, 1, 1)), "{grid:?}");
}

/// A value level with the first line of a label centred over two rows (the point that
/// parts them in the text layer lost) stays in the row of the values beside it.
#[test]
fn value_level_with_a_two_row_label_stays_in_its_row() {
    // `0.00` (x 511–529, top 151) dropped a point, level with `预算规模及资` (top 152).
    let Some(t) = common::qingshui_tables(18, |glyphs| {
        for g in glyphs
            .iter_mut()
            .filter(|g| g.bbox.x0 > 510.0 && (g.bbox.top - 151.0).abs() < 0.5)
        {
            g.bbox.top += 1.0;
            g.bbox.bottom += 1.0;
        }
    }) else {
        return;
    };
    assert_eq!(t.len(), 1);
    let grid = t[0].grid();
    let cell = |text: &str| {
        t[0].cells
            .iter()
            .find(|c| c.text == text)
            .map(|c| (c.row, c.col, c.rowspan))
    };
    assert_eq!(cell("预算数"), Some((1, 1, 1)), "{grid:?}");
    assert_eq!(cell("0.00"), Some((1, 6, 1)), "{grid:?}");
    assert_eq!(cell("预算规模及资金用途"), Some((1, 0, 2)), "{grid:?}");
    assert_eq!(t[0].n_rows, 14, "{grid:?}");
}

/// Wrapped cells whose lines were read a point small (size from the ink) still wrap at
/// the pitch the table's usual size allows.
#[test]
fn wrapped_lines_read_small_still_wrap() {
    // The last row's lines (`服务对象满意` / `度指标`, tops 442.5 and 455.6) at 8.5 pt.
    let Some(t) = common::qingshui_tables(18, |glyphs| {
        for g in glyphs
            .iter_mut()
            .filter(|g| (g.bbox.top - 442.5).abs() < 0.5 || (g.bbox.top - 455.6).abs() < 0.5)
        {
            g.size = 8.5;
            g.bbox.bottom = g.bbox.top + 8.5;
        }
    }) else {
        return;
    };
    assert_eq!(t.len(), 1);
    let grid = t[0].grid();
    assert_eq!(t[0].n_rows, 14, "{grid:?}");
    assert_eq!(
        grid[13][1].as_deref(),
        Some("服务对象满意度指标"),
        "{grid:?}"
    );
    assert_eq!(
        grid[13][3].as_deref(),
        Some("服务对象对项目实施效果的满意程度"),
        "{grid:?}"
    );
}

/// Rows set a font size and a half apart stay one table when their boxes are tight on the
/// ink (read from an image, a point under the font size): the gap between rows is held
/// to the font size, not to the ink's height (the procurement table's last row, page 15).
#[test]
fn rows_boxed_on_their_ink_stay_in_the_table() {
    let Some(t) = common::qingshui_tables(15, |glyphs| {
        for g in glyphs.iter_mut() {
            g.bbox.top += 0.45;
            g.bbox.bottom -= 0.45;
        }
    }) else {
        return;
    };
    let grid = t.first().map(|t| t.grid()).unwrap_or_default();
    assert_eq!(t.first().map(|t| t.n_rows), Some(8), "{grid:?}");
    assert_eq!(grid[7][0].as_deref(), Some("水土保持监测"), "{grid:?}");
}

/// A CJK font's line box may be 1.45 font sizes tall (Noto Sans CJK), so a label set at
/// 1.2 line spacing wraps 1.75 font sizes down: its two lines, centred on the row, stand
/// over and under the row's amounts. They are one cell of that row, not two rows.
#[test]
fn label_wrapped_at_a_tall_leading_around_its_amounts_is_one_cell() {
    let mut g = Vec::new();
    word(&mut g, "项目", 69.0, 100.0);
    word(&mut g, "合计", 200.0, 100.0);
    word(&mut g, "基本支出", 280.0, 100.0);
    word(&mut g, "项目支出", 380.0, 100.0);
    let rows: [(&str, &str, [&str; 3]); 4] = [
        ("一般公共服", "务支出", ["217.27", "27.22", "190.05"]),
        ("财政事务", "", ["217.27", "27.22", "190.05"]),
        ("社会保障和", "就业支出", ["384.69", "170.96", "213.73"]),
        ("民政管理", "", ["67.51", "15.06", "52.45"]),
    ];
    for (r, (first, second, amounts)) in rows.iter().enumerate() {
        let y = 130.0 + 22.0 * r as f64;
        if second.is_empty() {
            word(&mut g, first, 60.0, y);
        } else {
            // 15.75 pt apart: 1.75 of the 9 pt size, more than the 1.5 of plain leading.
            word(&mut g, first, 60.0, y - 7.875);
            let indent = 4.5 * (5 - second.chars().count()) as f64;
            word(&mut g, second, 60.0 + indent, y + 7.875);
        }
        for (k, a) in amounts.iter().enumerate() {
            let right = [236.0, 326.0, 416.0][k];
            word(&mut g, a, right - 9.0 * a.chars().count() as f64, y);
        }
    }
    let page = PageInput {
        page: 1,
        width: 600.0,
        height: 800.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    assert_eq!(t.len(), 1);
    let grid = t[0].grid();
    assert_eq!((t[0].n_rows, t[0].n_cols), (5, 4), "{grid:?}");
    let col0: Vec<Option<&str>> = grid.iter().map(|r| r[0].as_deref()).collect();
    assert_eq!(
        col0,
        vec![
            Some("项目"),
            Some("一般公共服务支出"),
            Some("财政事务"),
            Some("社会保障和就业支出"),
            Some("民政管理")
        ]
    );
    assert_eq!(grid[3][1].as_deref(), Some("384.69"));
}

/// A narrow, indented label column wraps a label over four lines set top-aligned beside its
/// amount: three lines hold the label alone, more than any run of single-text lines a
/// table may hold. They start where the label's first such line starts, right of the
/// table's left edge, and end before the amounts: lines of the table, which goes on.
#[test]
fn label_wrapped_over_more_lines_than_a_run_of_singles_stays_in_the_table() {
    let mut g = Vec::new();
    let amount = |g: &mut Vec<Glyph>, text: &str, y: f64| {
        word(g, text, 260.0 - 9.0 * text.chars().count() as f64, y);
    };
    word(&mut g, "项目", 60.0, 100.0);
    word(&mut g, "合计", 224.0, 100.0);
    word(&mut g, "总计", 60.0, 114.0);
    amount(&mut g, "726.59", 114.0);
    for (k, line) in ["疾病预防", "控制机构", "基本公共", "卫生服务"]
        .iter()
        .enumerate()
    {
        word(&mut g, line, 78.0, 128.0 + 11.7 * k as f64);
    }
    amount(&mut g, "239.54", 128.0);
    word(&mut g, "行政运行", 78.0, 178.0);
    amount(&mut g, "100.00", 178.0);
    word(&mut g, "事业运行", 78.0, 192.0);
    amount(&mut g, "50.00", 192.0);
    let page = PageInput {
        page: 1,
        width: 600.0,
        height: 800.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    let grids: Vec<_> = t.iter().map(|t| t.grid()).collect();
    assert_eq!(t.len(), 1, "{grids:?}");
    let grid = &grids[0];
    assert_eq!((t[0].n_rows, t[0].n_cols), (5, 2), "{grid:?}");
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        grid[2],
        vec![s("疾病预防控制机构基本公共卫生服务"), s("239.54")]
    );
    assert_eq!(grid[4], vec![s("事业运行"), s("50.00")]);
}

/// The income side of a two-sided table, its labels wrapped over four lines in a narrow
/// first column and set at the bottom of their rows: three lines hold the label alone,
/// starting at the table's left edge where the first row's label starts, and ending
/// before the amounts. They are rows of the table (labels alone) and the table goes on;
/// a single line under the table at that edge (a note) is not taken in.
#[test]
fn labels_wrapped_at_the_left_edge_under_the_first_row_stay_in_the_table() {
    let mut g = Vec::new();
    let amount = |g: &mut Vec<Glyph>, text: &str, y: f64| {
        word(g, text, 200.0 - 9.0 * text.chars().count() as f64, y);
    };
    word(&mut g, "项目", 69.0, 100.0);
    word(&mut g, "决算数", 173.0, 100.0);
    word(&mut g, "支出项目", 220.0, 100.0);
    word(&mut g, "决算数", 333.0, 100.0);
    let mut y = 120.0;
    for (label, inc, exp, out) in [
        (&["一、一般"][..], "77.33", "一、一般公共服务支出", "564.50"),
        (
            &["二、政府", "性基金预", "算拨款收", "入"][..],
            "14.93",
            "二、外交支出",
            "11.90",
        ),
        (
            &["三、国有", "资本经营", "预算拨款", "收入"][..],
            "805.09",
            "三、国防支出",
            "246.67",
        ),
    ] {
        for (k, line) in label.iter().enumerate() {
            word(&mut g, line, 60.0, y + 11.0 * k as f64);
        }
        let last = y + 11.0 * (label.len() - 1) as f64;
        amount(&mut g, inc, last);
        word(&mut g, exp, 220.0, last);
        word(&mut g, out, 360.0 - 9.0 * out.chars().count() as f64, last);
        y = last + 16.0;
    }
    word(&mut g, "注：本表为空表时亦公开。", 60.0, y + 4.0);
    let page = PageInput {
        page: 1,
        width: 600.0,
        height: 800.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    let grids: Vec<_> = t.iter().map(|t| t.grid()).collect();
    assert_eq!(t.len(), 1, "{grids:?}");
    let grid = &grids[0];
    let s = |x: &str| Some(x.to_string());
    assert_eq!(grid.len(), 4, "{grid:?}");
    assert_eq!(
        grid[3],
        vec![
            s("三、国有资本经营预算拨款收入"),
            s("805.09"),
            s("三、国防支出"),
            s("246.67")
        ]
    );
}

/// Glyphs for `text` from `x` on the line at `top`, 7.5 pt, each as wide as its text's
/// share of `w` (the boxes of a text layer).
fn small(out: &mut Vec<Glyph>, text: &str, x: f64, w: f64, top: f64) {
    let n = text.chars().count().max(1) as f64;
    for (i, ch) in text.chars().enumerate() {
        let a = x + w / n * i as f64;
        out.push(Glyph {
            text: ch.to_string(),
            bbox: Rect {
                x0: a,
                top,
                x1: a + w / n,
                bottom: top + 7.5,
            },
            font: "F".into(),
            size: 7.5,
            upright: true,
            source: UnicodeSource::ToUnicode,
            confidence: None,
        });
    }
}

/// A 三公 header of two rows (a 7.5 pt text layer): `公务用车购置及运行费` centred over
/// `小计 | 公务用车购置费 | 公务用车运行费`, the last two wrapped over two lines centred on
/// the line of `小计`, and `合计`, `因公出国（境）费`, `公务接待费` centred over both rows. The
/// group heading, wider than the column its middle falls in, is no measure of how wide
/// that column's text gets: `公务用车购置` is as wide as it gets and `费` its second line.
#[test]
fn a_group_heading_wider_than_its_column_leaves_a_wrapped_sub_heading_whole() {
    let mut g = Vec::new();
    small(&mut g, "公务用车购置及运行费", 293.3, 75.0, 116.7);
    small(&mut g, "合计", 132.3, 15.0, 126.9);
    small(&mut g, "因公出国（境）费", 179.9, 60.0, 126.9);
    small(&mut g, "公务接待费", 434.2, 37.5, 126.9);
    small(&mut g, "公务用车购置", 313.0, 45.0, 128.9);
    small(&mut g, "公务用车运行", 367.4, 45.0, 128.9);
    small(&mut g, "小计", 269.0, 15.0, 134.0);
    small(&mut g, "费", 331.8, 7.5, 139.1);
    small(&mut g, "费", 386.1, 7.5, 139.1);
    for (text, x) in [
        ("25.21", 129.7),
        ("23.36", 199.8),
        ("1.85", 268.6),
        ("0.00", 327.7),
        ("1.85", 382.0),
        ("0.00", 445.0),
    ] {
        let w = 3.75 * text.chars().count() as f64;
        small(&mut g, text, x, w, 151.6);
    }
    let page = PageInput {
        page: 1,
        width: 600.0,
        height: 800.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    let grids: Vec<_> = t.iter().map(|t| t.grid()).collect();
    assert_eq!(t.len(), 1, "{grids:?}");
    let grid = &grids[0];
    let s = |x: &str| Some(x.to_string());
    assert_eq!(grid.len(), 3, "{grid:?}");
    assert_eq!(
        grid[1][2..5],
        [s("小计"), s("公务用车购置费"), s("公务用车运行费")]
    );
    assert_eq!(grid[0][2], s("公务用车购置及运行费"));
}

/// Glyphs for `text` from `x` on the line at `top`, 10 pt wide and high each.
fn ten(out: &mut Vec<Glyph>, text: &str, x: f64, top: f64) {
    for (i, ch) in text.chars().enumerate() {
        let a = x + 10.0 * i as f64;
        out.push(Glyph {
            text: ch.to_string(),
            bbox: Rect {
                x0: a,
                top,
                x1: a + 10.0,
                bottom: top + 10.0,
            },
            font: "F".into(),
            size: 10.0,
            upright: true,
            source: UnicodeSource::ToUnicode,
            confidence: None,
        });
    }
}

/// `text` set right-aligned to end at `x1`, 10 pt.
fn ten_right(out: &mut Vec<Glyph>, text: &str, x1: f64, top: f64) {
    ten(out, text, x1 - 10.0 * text.chars().count() as f64, top);
}

/// A two-sided table's header of two rows: `支出` over `合计` and two sub-headings
/// wrapped over two lines centred on the line of `合计`; `收入项目`, `预算数`, `支出项目`
/// centred over both rows, which puts them level with the wrapped sub-headings' first
/// lines. Two rows cannot overlap, so those cells (overlapping `合计` without being
/// level with it) are centred between rows and the wrapped sub-headings are one cell
/// each. The body sets its wrapped labels at the bottom of their rows (the last line
/// level with the amounts); the header's cells are centred all the same.
#[test]
fn header_cells_wrapped_beside_cells_spanning_both_header_rows_stay_whole() {
    let mut g = Vec::new();
    ten(&mut g, "支出", 522.5, 100.0);
    ten(&mut g, "收入项目", 80.0, 118.5);
    ten(&mut g, "预算数", 225.0, 118.5);
    ten(&mut g, "支出项目", 320.0, 118.5);
    ten(&mut g, "合计", 430.0, 128.0);
    ten(&mut g, "一般公共预算财", 490.0, 119.0);
    ten(&mut g, "政拨款", 510.0, 137.0);
    ten(&mut g, "政府性基金预算", 590.0, 119.0);
    ten(&mut g, "财政拨款", 605.0, 137.0);
    // Income label lines, income amount, expenditure label lines, expenditure amounts.
    type Row<'a> = (&'a [&'a str], &'a str, &'a [&'a str], [&'a str; 3]);
    let rows: [Row; 4] = [
        (
            &["一、一般公共预算拨款"],
            "466,041",
            &["一、一般公共服务支出"],
            ["2,055", "658", "1,397"],
        ),
        (
            &["二、政府性基金拨款"],
            "4,551",
            &["二十三、灾害防治及应急", "管理支出"],
            ["300", "100", "200"],
        ),
        (&[], "", &["三、国防支出"], ["", "", ""]),
        (
            &["收入总计"],
            "5,017",
            &["二十四、其他支出及各项", "转移性支出"],
            ["2,355", "758", "1,597"],
        ),
    ];
    let mut y = 160.0;
    for (inc, amount, exp, outs) in rows {
        let lines = inc.len().max(exp.len()).max(1);
        let last = y + 12.5 * (lines - 1) as f64;
        for (k, t) in exp.iter().enumerate() {
            ten(&mut g, t, 280.0, last - 12.5 * (exp.len() - 1 - k) as f64);
        }
        for (k, t) in inc.iter().enumerate() {
            ten(&mut g, t, 60.0, last - 12.5 * (inc.len() - 1 - k) as f64);
        }
        ten_right(&mut g, amount, 260.0, last);
        for (t, x1) in outs.iter().zip([470.0, 570.0, 670.0]) {
            ten_right(&mut g, t, x1, last);
        }
        y = last + 22.0;
    }
    let page = PageInput {
        page: 1,
        width: 800.0,
        height: 600.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    let grids: Vec<_> = t.iter().map(|t| t.grid()).collect();
    assert_eq!(t.len(), 1, "{grids:?}");
    let grid = &grids[0];
    let s = |x: &str| Some(x.to_string());
    assert_eq!(grid.len(), 6, "{grid:?}");
    assert_eq!(
        grid[1][3..],
        [
            s("合计"),
            s("一般公共预算财政拨款"),
            s("政府性基金预算财政拨款")
        ],
        "{grid:?}"
    );
    assert_eq!(grid[0][3], s("支出"));
    assert_eq!(grid[3][2], s("二十三、灾害防治及应急管理支出"));
}

/// A group heading (`本年支出`) centred over `合计 | 基本支出 | 项目支出`, beside
/// `科目编码` and `科目名称` centred over both header rows: the heading and the middle
/// sub-heading under it, a line apart, are not one cell centred on `科目编码` (the cells
/// beside the sub-heading overlap `科目编码` without being level with it, as cells beside
/// a wrapped header cell would): a text centred over the sub-headings on each side heads
/// a group.
#[test]
fn a_group_heading_over_the_middle_sub_heading_is_no_wrapped_cell() {
    let mut g = Vec::new();
    ten(&mut g, "本年支出", 390.0, 100.0);
    ten(&mut g, "科目编码", 60.0, 107.0);
    ten(&mut g, "科目名称", 160.0, 107.0);
    ten(&mut g, "合计", 330.0, 114.0);
    ten(&mut g, "基本支出", 390.0, 114.0);
    ten(&mut g, "项目支出", 460.0, 114.0);
    for (k, (code, name, a, b, c)) in [
        ("207", "文化旅游体育与传媒支出", "89.28", "89.28", "0.00"),
        ("20701", "文化和旅游", "89.28", "89.28", "0.00"),
        ("2070101", "行政运行", "61.15", "61.15", "0.00"),
    ]
    .iter()
    .enumerate()
    {
        let y = 132.0 + 15.0 * k as f64;
        ten(&mut g, code, 60.0, y);
        ten(&mut g, name, 160.0, y);
        ten_right(&mut g, a, 350.0, y);
        ten_right(&mut g, b, 430.0, y);
        ten_right(&mut g, c, 500.0, y);
    }
    let page = PageInput {
        page: 1,
        width: 800.0,
        height: 600.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    let grids: Vec<_> = t.iter().map(|t| t.grid()).collect();
    assert_eq!(t.len(), 1, "{grids:?}");
    let grid = &grids[0];
    let s = |x: &str| Some(x.to_string());
    assert_eq!(grid.len(), 5, "{grid:?}");
    assert_eq!(grid[0][2], s("本年支出"), "{grid:?}");
    assert_eq!(grid[1][2..], [s("合计"), s("基本支出"), s("项目支出")]);
}

/// A label wrapped before an opening bracket (`因公出国` over `（境）费用`: a bracket never
/// ends a line) is one cell although its second line is the wider: the first line came
/// out a character short.
#[test]
fn label_wrapped_before_an_opening_bracket_is_one_cell() {
    let mut g = Vec::new();
    small(&mut g, "科目编码", 60.0, 30.0, 100.0);
    small(&mut g, "科目名称", 185.0, 30.0, 100.0);
    small(&mut g, "金额", 305.0, 15.0, 100.0);
    let label = |g: &mut Vec<Glyph>, text: &str, w: f64, top: f64| {
        small(g, text, 200.0 - w / 2.0, w, top);
    };
    for (k, (code, name, amount)) in [
        ("30201", "办公费", "118.27"),
        ("30212", "", "66.76"),
        ("30213", "维修费", "4.29"),
        ("30217", "公务接待费", "28.31"),
    ]
    .iter()
    .enumerate()
    {
        let y = 120.0 + 20.0 * k as f64;
        small(&mut g, code, 60.0, 18.75, y);
        if name.is_empty() {
            label(&mut g, "因公出国", 30.5, y - 4.5);
            label(&mut g, "（境）费用", 37.5, y + 4.5);
        } else {
            label(&mut g, name, 7.5 * name.chars().count() as f64, y);
        }
        let w = 3.75 * amount.chars().count() as f64;
        small(&mut g, amount, 320.0 - w, w, y);
    }
    let page = PageInput {
        page: 1,
        width: 600.0,
        height: 800.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    let grids: Vec<_> = t.iter().map(|t| t.grid()).collect();
    assert_eq!(t.len(), 1, "{grids:?}");
    let grid = &grids[0];
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        grid[2],
        vec![s("30212"), s("因公出国（境）费用"), s("66.76")]
    );
    assert_eq!(grid[3], vec![s("30213"), s("维修费"), s("4.29")]);
}

/// Glyphs for `text` over `x0..x1` as OCR boxes them: `size` points of ink from `top`,
/// the size read from the ink's height.
fn inked(out: &mut Vec<Glyph>, text: &str, (x0, x1): (f64, f64), top: f64, size: f64) {
    common::glyph_run(
        out,
        text,
        (x0, x1),
        top,
        size,
        UnicodeSource::Ocr,
        Some(0.9),
    );
}

/// A scanned table ruled between rows (generator seed 12, page 5, a tuning seed of
/// `scripts/eval-borderless --scan`): OCR reads the CJK header at 11 pt of ink, the rows of
/// codes and figures at 8.8, and the wrapped lines of a long name at 10.4. Sizes that far
/// apart end a region in a text layer (the prose after a table); read from an image, a
/// row of several texts and a label's wrapped line indented into the table stay in it
/// (without the rule the header, the rows above the wrapped name and the rest are three
/// tables).
#[test]
fn rows_read_from_an_image_in_another_ink_size_stay_in_the_table() {
    let mut g = Vec::new();
    for (t, x0, x1) in [
        ("科目编码", 170.0, 210.0),
        ("科目", 260.0, 280.0),
        ("合计", 340.0, 360.0),
        ("基本支出", 420.0, 460.0),
        ("项目支出", 500.0, 540.0),
    ] {
        inked(&mut g, t, (x0, x1), 120.0, 11.0);
    }
    let mut top = 144.0;
    let rows = [
        ("201", "一般公共服务支出", "890.93", "543.60", "347.33"),
        ("20105", "统计信息事务", "890.93", "543.60", "347.33"),
        ("2010502", "一般行政管理事务", "803.92", "513.82", "290.10"),
        ("208", "社会保障和就业支出", "162.05", "148.68", "13.37"),
        ("212", "城乡社区支出", "345.22", "69.50", "275.72"),
    ];
    for (code, name, a, b, c) in rows {
        inked(
            &mut g,
            code,
            (165.6, 165.6 + 5.0 * code.len() as f64),
            top,
            8.8,
        );
        let w = 8.8 * name.chars().count() as f64;
        inked(&mut g, name, (223.0, 223.0 + w), top, 8.8);
        for (v, x1) in [(a, 370.0), (b, 450.0), (c, 530.0)] {
            inked(&mut g, v, (x1 - 5.0 * v.len() as f64, x1), top, 8.8);
        }
        top += 18.7;
    }
    // A name wrapped over two lines, centred on its row's figures.
    inked(
        &mut g,
        "国有土地使用权出让",
        (223.0, 308.0),
        top - 7.0,
        10.4,
    );
    inked(&mut g, "21208", (165.6, 190.6), top, 8.8);
    for (v, x1) in [("345.22", 370.0), ("69.50", 450.0), ("275.72", 530.0)] {
        inked(&mut g, v, (x1 - 5.0 * v.len() as f64, x1), top, 8.8);
    }
    inked(&mut g, "收入安排的支出", (223.0, 290.0), top + 7.0, 10.4);
    top += 26.0;
    for (code, name, a, b, c) in [
        ("213", "农林水支出", "2557.04", "1559.58", "997.46"),
        ("21301", "农业农村", "542.31", "175.57", "366.74"),
    ] {
        inked(
            &mut g,
            code,
            (165.6, 165.6 + 5.0 * code.len() as f64),
            top,
            8.8,
        );
        let w = 8.8 * name.chars().count() as f64;
        inked(&mut g, name, (223.0, 223.0 + w), top, 8.8);
        for (v, x1) in [(a, 370.0), (b, 450.0), (c, 530.0)] {
            inked(&mut g, v, (x1 - 5.0 * v.len() as f64, x1), top, 8.8);
        }
        top += 18.7;
    }
    let page = PageInput {
        page: 5,
        width: 842.0,
        height: 595.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    assert_eq!(
        t.len(),
        1,
        "{:?}",
        t.iter().map(|x| x.grid()).collect::<Vec<_>>()
    );
    let grid = t[0].grid();
    assert_eq!((t[0].n_rows, t[0].n_cols), (9, 5), "{grid:?}");
    assert_eq!(grid[0][0].as_deref(), Some("科目编码"));
    assert_eq!(
        grid[6][1].as_deref(),
        Some("国有土地使用权出让收入安排的支出")
    );
    assert_eq!(grid[8][4].as_deref(), Some("366.74"));
}
