//! Column and row boundaries of borderless tables that spanning cells hide: values
//! centred over two merged columns, headers set beside (not over) their right-aligned
//! values, group labels centred on merged rows.

use gongkai_geom::{Glyph, UnicodeSource};
use gongkai_table::{extract_tables, PageInput, TableOptions};

mod common;

/// Glyphs for `text` spread evenly over `x0..x1` on the line at `top`, 9 pt high.
fn put(out: &mut Vec<Glyph>, text: &str, x0: f64, x1: f64, top: f64) {
    common::glyph_run(
        out,
        text,
        (x0, x1),
        top,
        9.0,
        UnicodeSource::ToUnicode,
        None,
    );
}

/// A header over three sub-columns whose first sub-header sits left of its right-aligned
/// value: the gap between the two is not a column boundary, the gap after the value is.
#[test]
fn header_beside_its_right_aligned_value_shares_its_column() {
    let mut g = Vec::new();
    put(&mut g, "因公出国（境）", 152.9, 215.9, 142.4);
    put(&mut g, "公务用车购置及运行费", 290.5, 380.5, 142.4);
    put(&mut g, "合计", 99.8, 117.8, 149.9);
    put(&mut g, "公务接待费", 464.3, 509.3, 149.9);
    put(&mut g, "费", 179.9, 188.9, 156.5);
    put(&mut g, "小计", 251.0, 269.0, 156.5);
    put(&mut g, "购置费", 322.1, 349.1, 156.5);
    put(&mut g, "运行费", 397.7, 424.7, 156.5);
    for (text, x0, x1) in [
        ("15.91", 121.3, 143.8),
        ("5.03", 201.8, 219.3),
        ("9.37", 277.5, 295.0),
        ("0.00", 353.1, 370.6),
        ("9.37", 428.6, 446.1),
        ("1.51", 504.3, 521.8),
    ] {
        put(&mut g, text, x0, x1, 172.5);
    }
    let page = PageInput {
        page: 1,
        width: 595.0,
        height: 842.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    assert_eq!(t.len(), 1);
    let grid = t[0].grid();
    assert_eq!((t[0].n_rows, t[0].n_cols), (3, 6), "{grid:?}");
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        grid[2],
        vec![
            s("15.91"),
            s("5.03"),
            s("9.37"),
            s("0.00"),
            s("9.37"),
            s("1.51")
        ]
    );
    assert_eq!(grid[1][2..5], [s("小计"), s("购置费"), s("运行费")]);
}

/// Values centred over two merged columns (`3月底` over the second- and third-level
/// columns of a performance form) cross the boundary between them on several lines;
/// the boundary is still found from the lines with text on both sides (page 22 of the
/// generated borderless budget sample).
#[test]
fn values_centred_over_two_columns_keep_the_boundary() {
    let Some(t) = common::qingshui_tables(22, |_| {}) else {
        return;
    };
    assert_eq!(t.len(), 1);
    let grid = t[0].grid();
    assert_eq!(t[0].n_cols, 7, "{grid:?}");
    let s = |x: &str| Some(x.to_string());
    let header = grid
        .iter()
        .find(|r| r[0] == s("一级指标"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        header[..4],
        [
            s("一级指标"),
            s("二级指标"),
            s("三级指标"),
            s("绩效指标描述")
        ]
    );
    assert!(
        grid.iter().any(|r| r[1..3] == [s("3月底"), None]),
        "{grid:?}"
    );
}

/// A group label vertically centred on a merged cell of two rows whose gap is too narrow
/// for a line of its own overlaps only one of them; it still spans both rows rather than
/// making a row of its own (page 21 of the generated borderless budget sample).
#[test]
fn label_centred_on_two_rows_with_a_narrow_gap_spans_them() {
    let Some(t) = common::qingshui_tables(21, |_| {}) else {
        return;
    };
    assert_eq!(t.len(), 1);
    let grid = t[0].grid();
    assert_eq!(t[0].n_rows, 11, "{grid:?}");
    let label = t[0]
        .cells
        .iter()
        .find(|c| c.text == "产出指标")
        .expect("label cell");
    assert_eq!((label.col, label.rowspan), (0, 2));
    assert_eq!(grid[label.row][1].as_deref(), Some("数量指标"));
}

/// A cell's text that lost a character read from an image (`任务；2.资金` read as
/// `任务 2.资金`) is one cell still: the gap lies inside a column neither part of the
/// line covers, so no column boundary runs through it.
#[test]
fn text_parted_by_a_lost_semicolon_stays_one_cell() {
    let Some(t) = common::qingshui_tables(22, |glyphs| {
        let before = glyphs.len();
        glyphs.retain(|g| g.text != "；");
        assert!(glyphs.len() < before, "the page prints a semicolon");
    }) else {
        return;
    };
    assert_eq!(t.len(), 1);
    let grid = t[0].grid();
    let goal = t[0]
        .cells
        .iter()
        .find(|c| c.text.starts_with("1.按期完成"))
        .expect("goal cell");
    assert_eq!((goal.col, goal.colspan), (1, 6), "{grid:?}");
    assert!(goal.text.ends_with("切实发挥资金效益。"), "{}", goal.text);
}

/// Read from an image, `；2.资金` may come out as three words (`；2`, a gap, `.资金`): the
/// words running on from a cell that spans from the left are still that cell's, not text
/// of a column it crosses, and the column boundary under it (`项目名称 | 防汛抗旱物资储备`
/// above, `其中：财政资金 | 14.44`) stays.
#[test]
fn words_running_on_from_a_spanning_cell_do_not_hide_a_boundary() {
    let Some(t) = common::qingshui_tables(22, |glyphs| {
        let goal_top = glyphs
            .iter()
            .find(|g| g.text == "；")
            .map(|g| g.bbox.top)
            .expect("the goal line");
        let two = glyphs
            .iter()
            .position(|g| g.text == "2" && (g.bbox.top - goal_top).abs() < 0.5)
            .expect("item 2");
        let x = glyphs[two].bbox.x1;
        // Boxes tight on the ink: `；` and `。` are inked in the left part of their squares.
        for g in glyphs
            .iter_mut()
            .filter(|g| (g.bbox.top - goal_top).abs() < 0.5 && (g.text == "；" || g.text == "。"))
        {
            g.bbox.x1 -= 4.5;
        }
        for g in glyphs
            .iter_mut()
            .filter(|g| (g.bbox.top - goal_top).abs() < 0.5 && g.bbox.x0 >= x - 0.1)
        {
            g.bbox.x0 += 4.5;
            g.bbox.x1 += 4.5;
        }
    }) else {
        return;
    };
    assert_eq!(t.len(), 1);
    let grid = t[0].grid();
    assert_eq!(t[0].n_cols, 7, "{grid:?}");
    let cell = |text: &str| {
        t[0].cells
            .iter()
            .find(|c| c.text == text)
            .map(|c| (c.col, c.colspan))
    };
    assert_eq!(cell("项目名称"), Some((3, 1)), "{grid:?}");
    assert_eq!(cell("防汛抗旱物资储备"), Some((4, 3)), "{grid:?}");
}

/// A header set beside (not over) the one value under it, read from an image a point and
/// a half further from it than printed (`合计` over `15.91`, the gap half a font size
/// wide): no line has text on both sides of the gap, so it parts no columns.
#[test]
fn header_beside_its_lone_value_read_apart_shares_its_column() {
    let Some(t) = common::qingshui_tables(12, |glyphs| {
        let total_top = glyphs
            .iter()
            .find(|g| g.text == "合" && g.bbox.x0 < 110.0)
            .map(|g| g.bbox.top)
            .expect("合计");
        for g in glyphs
            .iter_mut()
            .filter(|g| (g.bbox.top - total_top).abs() < 0.5 && g.bbox.x0 < 120.0)
        {
            g.bbox.x0 -= 1.6;
            g.bbox.x1 -= 1.6;
        }
    }) else {
        return;
    };
    assert_eq!(t.len(), 1);
    let grid = t[0].grid();
    assert_eq!(t[0].n_cols, 6, "{grid:?}");
    let col = |text: &str| t[0].cells.iter().find(|c| c.text == text).map(|c| c.col);
    assert_eq!(col("合计"), Some(0), "{grid:?}");
    assert_eq!(col("15.91"), Some(0), "{grid:?}");
}

/// Glyphs for `text` spread evenly over `x0..x1` on the line at `top`, 10 pt high.
fn put10(out: &mut Vec<Glyph>, text: &str, x0: f64, x1: f64, top: f64) {
    put_sized(out, text, x0, x1, top, 10.0);
}

/// Glyphs for `text` spread evenly over `x0..x1` on the line at `top`, `size` pt high.
fn put_sized(out: &mut Vec<Glyph>, text: &str, x0: f64, x1: f64, top: f64, size: f64) {
    common::glyph_run(
        out,
        text,
        (x0, x1),
        top,
        size,
        UnicodeSource::ToUnicode,
        None,
    );
}

/// A two-sided 收支总表 whose income labels wrap over two lines centred on their row: the
/// first row's first line lies above the first line holding a number, among the header's
/// lines. It is a line of one cell, not a header spanning columns: the white between
/// `收入项目` and `决算数` over it is still a column boundary (the two were read as one
/// header cell `收入项目决算数`, and each amount cut off from its label).
#[test]
fn wrapped_label_above_the_first_amounts_is_no_spanning_header() {
    let mut g = Vec::new();
    for (text, x0, x1) in [
        ("收入项目", 106.6, 146.6),
        ("决算数", 191.9, 221.9),
        ("上年决算数", 248.2, 298.2),
        ("支出项目", 373.6, 413.6),
        ("政府性基金", 629.3, 679.3),
        ("国有资本经营", 692.8, 752.8),
    ] {
        put10(&mut g, text, x0, x1, if x0 < 600.0 { 153.1 } else { 155.7 });
    }
    put10(&mut g, "合计", 503.6, 523.6, 163.1);
    put10(&mut g, "一般公共预算", 552.4, 612.4, 163.1);
    put10(&mut g, "预算", 644.3, 664.3, 170.6);
    put10(&mut g, "预算", 712.8, 732.8, 170.6);
    let amounts = |g: &mut Vec<Glyph>, top: f64, k: usize| {
        let v = format!("{k}.00");
        put10(g, &v, 503.1, 524.1, top);
        put10(g, &v, 571.9, 592.9, top);
        put10(g, "0.00", 643.8, 664.8, top);
        put10(g, &v, 712.3, 733.3, top);
    };
    let rows = [
        (
            "一、一般公共预算",
            "拨款收入",
            "534.80",
            "9.61",
            "一、一般公共服务支出",
        ),
        (
            "二、政府性基金预",
            "算拨款收入",
            "0.00",
            "104.16",
            "二、外交支出",
        ),
        (
            "三、国有资本经营",
            "预算拨款收入",
            "135.90",
            "0.00",
            "三、国防支出",
        ),
    ];
    let at = |x0: f64, t: &str| (x0, x0 + 10.0 * t.chars().count() as f64);
    for (k, (l1, l2, a, b, label)) in rows.into_iter().enumerate() {
        let top = 192.7 + 29.6 * k as f64;
        put10(&mut g, l1, 85.9, 165.9, top - 7.4);
        let (x0, x1) = at(85.9, l2);
        put10(&mut g, l2, x0, x1, top + 7.5);
        put10(&mut g, a, 190.4, 223.3, top);
        put10(&mut g, b, 262.7, 283.7, top);
        let (x0, x1) = at(305.6, label);
        put10(&mut g, label, x0, x1, top);
        amounts(&mut g, top, k + 1);
    }
    for (k, label) in [
        "四、公共安全支出",
        "五、教育支出",
        "六、科学技术支出",
        "七、文化旅游体育与传媒支出",
        "八、社会保障和就业支出",
        "九、社会保险基金支出",
        "十、卫生健康支出",
        "十一、节能环保支出",
        "十二、城乡社区支出",
        "十三、农林水支出",
        "十四、交通运输支出",
        "十五、资源勘探工业信息等支出",
        "十六、商业服务业等支出",
    ]
    .into_iter()
    .enumerate()
    {
        let top = 276.7 + 20.0 * k as f64;
        let (x0, x1) = at(305.6, label);
        put10(&mut g, label, x0, x1, top);
        amounts(&mut g, top, k + 4);
    }
    let page = PageInput {
        page: 1,
        width: 842.0,
        height: 595.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    assert_eq!(t.len(), 1);
    let grid = t[0].grid();
    assert_eq!(t[0].n_cols, 8, "{grid:?}");
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        grid[0][..3],
        [s("收入项目"), s("决算数"), s("上年决算数")],
        "{grid:?}"
    );
    let first = grid
        .iter()
        .find(|r| r[1] == s("534.80"))
        .expect("a row holding 534.80");
    assert_eq!(
        first[..4],
        [
            s("一、一般公共预算拨款收入"),
            s("534.80"),
            s("9.61"),
            s("一、一般公共服务支出")
        ],
        "{grid:?}"
    );
}

/// A 三公 table set down the page with one amount column: the header `预算数` is centred
/// in its cell and ends well left of the right-aligned amounts, a column gap apart. It
/// heads their column (no column of its own holding no amount, which made every column
/// but the labels' hold one line only and the table none at all).
#[test]
fn header_centred_over_right_aligned_amounts_heads_their_column() {
    let mut g = Vec::new();
    let put = |g: &mut Vec<Glyph>, text: &str, x0: f64, top: f64| {
        let x1 = x0 + 11.0 * text.chars().count() as f64;
        put_sized(g, text, x0, x1, top, 11.0);
    };
    let amount = |g: &mut Vec<Glyph>, text: &str, top: f64| {
        put_sized(g, text, 491.3 - 5.9 * text.len() as f64, 491.3, top, 11.0);
    };
    put(&mut g, "项目", 212.5, 151.4);
    put(&mut g, "预算数", 403.4, 151.4);
    put(&mut g, "合计", 212.5, 173.4);
    amount(&mut g, "28.49", 173.4);
    for (k, (label, value)) in [
        ("1.因公出国（境）费", ""),
        ("2.公务用车购置及运行费", "27.08"),
        ("其中：公务用车购置费", "1.72"),
        ("公务用车运行费", "25.36"),
        ("3.公务接待费", "1.41"),
    ]
    .into_iter()
    .enumerate()
    {
        let top = 195.4 + 22.0 * k as f64;
        put(&mut g, label, 104.2, top);
        if !value.is_empty() {
            amount(&mut g, value, top);
        }
    }
    let page = PageInput {
        page: 1,
        width: 595.0,
        height: 842.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    assert_eq!(t.len(), 1);
    let grid = t[0].grid();
    assert_eq!((t[0].n_rows, t[0].n_cols), (7, 2), "{grid:?}");
    let s = |x: &str| Some(x.to_string());
    assert_eq!(grid[0], vec![s("项目"), s("预算数")]);
    assert_eq!(grid[3], vec![s("2.公务用车购置及运行费"), s("27.08")]);
    assert_eq!(grid[2], vec![s("1.因公出国（境）费"), s("")]);
}

/// A two-sided 收支总表 whose expenditure labels are centred in their column and whose
/// expenditure rows between the first few and the totals print no amounts: those rows are
/// lines of one centred text each. They stay rows of the table (the table was cut in two
/// after the third such line, its totals a table of their own).
#[test]
fn centred_label_rows_without_amounts_stay_in_the_table() {
    let mut g = Vec::new();
    let centred = |g: &mut Vec<Glyph>, text: &str, centre: f64, top: f64| {
        let w = 12.0 * text.chars().count() as f64;
        put_sized(g, text, centre - w / 2.0, centre + w / 2.0, top, 12.0);
    };
    let right = |g: &mut Vec<Glyph>, text: &str, x1: f64, top: f64| {
        put_sized(g, text, x1 - 6.6 * text.len() as f64, x1, top, 12.0);
    };
    centred(&mut g, "项目", 169.0, 152.2);
    centred(&mut g, "决算数", 254.6, 152.2);
    centred(&mut g, "项目", 381.6, 152.2);
    centred(&mut g, "合计", 509.3, 152.2);
    let rows: [(&str, &str, &str, &str); 10] = [
        ("财政拨款收入", "1528.25", "一、一般公共服务支出", "629.80"),
        ("事业收入", "456.25", "二、外交支出", "13.20"),
        ("其他收入", "1.86", "三、国防支出", "5.00"),
        ("", "", "四、公共安全支出", ""),
        ("", "", "十一、节能环保支出", ""),
        ("", "", "六、科学技术支出", ""),
        ("", "", "七、文化旅游体育与传媒支出", ""),
        ("", "", "八、社会保障和就业支出", "66.17"),
        ("本年收入合计", "1986.36", "本年支出合计", "714.17"),
        ("收入总计", "1986.36", "支出总计", "714.17"),
    ];
    for (k, (a, b, c, d)) in rows.into_iter().enumerate() {
        let top = 171.0 + 18.7 * k as f64;
        if !a.is_empty() {
            centred(&mut g, a, 169.0, top);
        }
        if !b.is_empty() {
            right(&mut g, b, 285.4, top);
        }
        centred(&mut g, c, 381.6, top);
        if !d.is_empty() {
            right(&mut g, d, 540.9, top);
        }
    }
    let page = PageInput {
        page: 1,
        width: 842.0,
        height: 595.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    let grids: Vec<_> = t.iter().map(|t| t.grid()).collect();
    assert_eq!(t.len(), 1, "{grids:?}");
    let grid = &grids[0];
    assert_eq!((t[0].n_rows, t[0].n_cols), (11, 4), "{grid:?}");
    let s = |x: &str| Some(x.to_string());
    assert_eq!(grid[6][2], s("六、科学技术支出"), "{grid:?}");
    assert_eq!(
        grid[10],
        vec![s("收入总计"), s("1986.36"), s("支出总计"), s("714.17")]
    );
}

/// A header of two rows set at the top of its cells: `收入项目`, `预算数` and `支出项目`
/// stand level with the group heading `一般公共预算财政拨款`, over nothing, beside the
/// sub-headings under it. Each spans both header rows (the empty slots under it are its
/// own).
#[test]
fn top_set_headings_beside_a_group_span_the_header_rows() {
    let mut g = Vec::new();
    let centred = |g: &mut Vec<Glyph>, text: &str, centre: f64, top: f64| {
        let w = 12.0 * text.chars().count() as f64;
        put_sized(g, text, centre - w / 2.0, centre + w / 2.0, top, 12.0);
    };
    let right = |g: &mut Vec<Glyph>, text: &str, x1: f64, top: f64| {
        put_sized(g, text, x1 - 6.6 * text.len() as f64, x1, top, 12.0);
    };
    centred(&mut g, "收入项目", 120.0, 150.0);
    centred(&mut g, "预算数", 240.0, 150.0);
    centred(&mut g, "支出项目", 360.0, 150.0);
    centred(&mut g, "一般公共预算财政拨款", 560.0, 150.0);
    centred(&mut g, "合计", 480.0, 169.0);
    centred(&mut g, "基本支出", 560.0, 169.0);
    centred(&mut g, "项目支出", 640.0, 169.0);
    let rows: [(&str, &str, &str, [&str; 3]); 3] = [
        (
            "财政拨款收入",
            "1528.25",
            "一般公共服务支出",
            ["629.80", "500.00", "129.80"],
        ),
        ("事业收入", "456.25", "外交支出", ["13.20", "13.20", "0.00"]),
        (
            "收入总计",
            "1984.50",
            "支出总计",
            ["643.00", "513.20", "129.80"],
        ),
    ];
    for (k, (a, b, c, d)) in rows.into_iter().enumerate() {
        let top = 190.0 + 19.0 * k as f64;
        put_sized(
            &mut g,
            a,
            72.0,
            72.0 + 12.0 * a.chars().count() as f64,
            top,
            12.0,
        );
        right(&mut g, b, 270.0, top);
        put_sized(
            &mut g,
            c,
            312.0,
            312.0 + 12.0 * c.chars().count() as f64,
            top,
            12.0,
        );
        for (x1, v) in [505.0, 585.0, 665.0].into_iter().zip(d) {
            right(&mut g, v, x1, top);
        }
    }
    let page = PageInput {
        page: 1,
        width: 842.0,
        height: 595.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    let grids: Vec<_> = t.iter().map(|t| t.grid()).collect();
    assert_eq!(t.len(), 1, "{grids:?}");
    let grid = &grids[0];
    assert_eq!((t[0].n_rows, t[0].n_cols), (5, 6), "{grid:?}");
    let spans: Vec<(usize, usize, usize, usize, &str)> = t[0]
        .cells
        .iter()
        .filter(|c| c.row < 2 && !c.text.is_empty())
        .map(|c| (c.row, c.col, c.rowspan, c.colspan, c.text.as_str()))
        .collect();
    assert_eq!(
        spans,
        vec![
            (0, 0, 2, 1, "收入项目"),
            (0, 1, 2, 1, "预算数"),
            (0, 2, 2, 1, "支出项目"),
            (0, 3, 1, 3, "一般公共预算财政拨款"),
            (1, 3, 1, 1, "合计"),
            (1, 4, 1, 1, "基本支出"),
            (1, 5, 1, 1, "项目支出"),
        ]
    );
    assert_eq!(grid[2][0].as_deref(), Some("财政拨款收入"));
}

/// The table of a page holding only `g` (595 × 842 pt).
fn one_table(g: &[Glyph]) -> gongkai_table::Table {
    let page = PageInput {
        page: 1,
        width: 842.0,
        height: 595.0,
        glyphs: g,
        segments: &[],
    };
    let mut t = extract_tables(&page, &TableOptions::default());
    assert_eq!(
        t.len(),
        1,
        "{:?}",
        t.iter().map(|t| t.grid()).collect::<Vec<_>>()
    );
    t.remove(0)
}

/// 部门收入总表 (fault-inject seed 80, p.8): the last column, 其他收入, holds text on two
/// lines only (its header and the 合计 row's 0.00), fewer than a corridor may be crossed
/// by, and lies at the table's right edge: it is a column of its own, not part of 事业收入.
#[test]
fn sparse_last_column_is_a_column() {
    let mut g = Vec::new();
    put(&mut g, "一般公共", 315.0, 351.0, 120.0);
    put(&mut g, "政府性基", 358.0, 394.0, 120.0);
    put(&mut g, "国有资本", 400.0, 436.0, 120.0);
    for (text, x0, x1) in [
        ("科目编码", 81.0, 117.0),
        ("科目名称", 181.0, 217.0),
        ("合计", 282.0, 300.0),
        ("预算拨款", 315.0, 351.0),
        ("金预算拨", 358.0, 394.0),
        ("经营预算", 400.0, 436.0),
        ("事业收入", 443.0, 479.0),
        ("其他收入", 485.0, 521.0),
    ] {
        put(&mut g, text, x0, x1, 133.0);
    }
    put(&mut g, "收入", 324.0, 342.0, 147.0);
    put(&mut g, "款收入", 362.0, 389.0, 147.0);
    put(&mut g, "拨款收入", 400.0, 436.0, 147.0);
    for (text, x0, x1) in [
        ("合计", 161.0, 179.0),
        ("969.83", 282.0, 309.0),
        ("959.88", 324.0, 352.0),
        ("0.00", 377.0, 394.0),
        ("0.00", 419.0, 437.0),
        ("9.95", 462.0, 479.0),
        ("0.00", 504.0, 522.0),
    ] {
        put(&mut g, text, x0, x1, 162.0);
    }
    for k in 0..22 {
        let top = 178.0 + 17.5 * k as f64;
        put(&mut g, "20105", 74.0, 99.0, top);
        put(&mut g, "统计信息事务", 130.0, 184.0, top);
        put(&mut g, "74.75", 287.0, 309.0, top);
        put(&mut g, "74.75", 329.0, 352.0, top);
        if k < 2 {
            put(&mut g, "9.95", 462.0, 479.0, top);
        }
    }
    let t = one_table(&g);
    let grid = t.grid();
    assert_eq!(t.n_cols, 8, "{grid:?}");
    let s = |x: &str| Some(x.to_string());
    let total = grid.iter().find(|r| r[0] == s("合计")).expect("合计 row");
    assert_eq!(total[6..], [s("9.95"), s("0.00")], "{grid:?}");
    assert!(grid.iter().any(|r| r[7] == s("其他收入")), "{grid:?}");
}

/// 部门收入预算总表 (fault-inject seed 79, p.8): 事业收入 holds its header and the 合计
/// row's 0.00 only, set a point apart, each bounding one of the corridors the other's
/// line may cross: together they are a column, so the two 0.00 of the 合计 row stay apart
/// and 事业收入 is not read with 财政拨款收入.
#[test]
fn sparse_column_between_corridors_is_a_column() {
    let mut g = Vec::new();
    put(&mut g, "科目编码", 103.0, 139.0, 117.0);
    put(&mut g, "收入预算", 562.0, 598.0, 117.0);
    put(&mut g, "科目名称", 261.0, 297.0, 131.0);
    put(&mut g, "事业单位经营收", 624.0, 687.0, 131.0);
    for (text, x0, x1) in [
        ("类", 88.0, 97.0),
        ("款", 120.0, 129.0),
        ("项", 149.0, 158.0),
        ("合计", 420.0, 438.0),
        ("财政拨款收入", 477.0, 531.0),
        ("事业收入", 562.0, 598.0),
        ("其他收入", 713.0, 749.0),
    ] {
        put(&mut g, text, x0, x1, 140.0);
    }
    put(&mut g, "入", 651.0, 660.0, 145.0);
    for k in 0..20 {
        let top = 161.0 + 17.8 * k as f64;
        put(&mut g, "207", 85.0, 100.0, top);
        put(&mut g, "01", 120.0, 130.0, top);
        put(&mut g, "文化和旅游", 170.0, 215.0, top);
        put(&mut g, "8,604,415.76", 411.0, 464.0, top);
        put(&mut g, "8,604,415.76", 487.0, 539.0, top);
        if k < 2 {
            put(&mut g, "179,800.00", 721.0, 765.0, top);
        }
    }
    for (text, x0, x1) in [
        ("合计", 223.0, 241.0),
        ("11,960,601.39", 406.0, 464.0),
        ("11,780,801.39", 482.0, 539.0),
        ("0.00", 597.0, 615.0),
        ("0.00", 673.0, 690.0),
        ("179,800.00", 721.0, 765.0),
    ] {
        put(&mut g, text, x0, x1, 520.0);
    }
    let t = one_table(&g);
    let grid = t.grid();
    let s = |x: &str| Some(x.to_string());
    let total = grid.last().expect("rows");
    assert_eq!(
        total[total.len() - 4..],
        [s("11,780,801.39"), s("0.00"), s("0.00"), s("179,800.00")],
        "{grid:?}"
    );
    assert!(grid.iter().any(|r| r.contains(&s("事业收入"))), "{grid:?}");
}

/// 三公 决算表 (fault-inject seed 84, p.12): two groups (预算数, 决算数) over 合计, 因公出国
/// （境）费, 公务用车购置及运行费 (over 小计, 购置费, 运行费) and 公务接待费, headings centred
/// in their cells, the one row of amounts right-aligned.
fn three_public_final() -> gongkai_table::Table {
    let mut g = Vec::new();
    put(&mut g, "预算数", 234.0, 261.0, 142.0);
    put(&mut g, "决算数", 581.0, 608.0, 142.0);
    put(&mut g, "公务用车购置及运行费", 232.0, 322.0, 158.0);
    put(&mut g, "公务用车购置及运行费", 579.0, 669.0, 158.0);
    put(&mut g, "因公出国", 143.0, 179.0, 159.0);
    put(&mut g, "因公出国", 490.0, 526.0, 159.0);
    for (text, x0, x1) in [
        ("合计", 94.0, 112.0),
        ("公务接待费", 370.0, 415.0),
        ("合计", 441.0, 459.0),
        ("公务接待费", 717.0, 762.0),
    ] {
        put(&mut g, text, x0, x1, 165.0);
    }
    put(&mut g, "（境）费", 143.0, 179.0, 172.0);
    put(&mut g, "（境）费", 490.0, 526.0, 172.0);
    for (text, x0, x1) in [
        ("小计", 210.0, 228.0),
        ("购置费", 263.0, 290.0),
        ("运行费", 321.0, 348.0),
        ("小计", 557.0, 575.0),
        ("购置费", 610.0, 637.0),
        ("运行费", 668.0, 695.0),
    ] {
        put(&mut g, text, x0, x1, 173.0);
    }
    for (text, x0, x1) in [
        ("43.72", 106.0, 129.0),
        ("0.00", 169.0, 187.0),
        ("43.43", 222.0, 245.0),
        ("29.18", 280.0, 303.0),
        ("14.25", 338.0, 360.0),
        ("0.29", 401.0, 418.0),
        ("40.54", 454.0, 476.0),
        ("0.00", 516.0, 534.0),
        ("40.29", 569.0, 592.0),
        ("28.60", 627.0, 650.0),
        ("11.69", 685.0, 708.0),
        ("0.25", 748.0, 765.0),
    ] {
        put(&mut g, text, x0, x1, 188.0);
    }
    one_table(&g)
}

/// `运行费`, centred in its cell over the right-aligned `14.25`, crosses the white between
/// `29.18` and `14.25` at its middle; it heads one column (no header line under it has
/// text on both sides of that white), so that white parts no columns and `购置费 | 运行费`
/// stay two cells.
#[test]
fn heading_centred_over_a_right_aligned_value_is_one_column() {
    let t = three_public_final();
    let grid = t.grid();
    assert_eq!(t.n_cols, 12, "{grid:?}");
    let s = |x: &str| Some(x.to_string());
    let sub = grid
        .iter()
        .find(|r| r[2] == s("小计"))
        .expect("sub-headings");
    assert_eq!(sub[2..5], [s("小计"), s("购置费"), s("运行费")], "{grid:?}");
    assert_eq!(grid.last().map(|r| r[4].clone()), Some(s("14.25")));
}

/// `预算数` stands midway between `合计` and `公务接待费`, the outer sub-headings of its
/// group, and as well between `因公出国（境）费` and `运行费`: it spans the widest run
/// (right-aligned amounts make the columns' text lean right, so their extents do not
/// centre it).
#[test]
fn group_heading_spans_the_widest_run_it_is_centred_over() {
    let t = three_public_final();
    let head = |text: &str| {
        t.cells
            .iter()
            .find(|c| c.text == text && c.row == 0)
            .map(|c| (c.col, c.colspan))
    };
    assert_eq!(head("预算数"), Some((0, 6)), "{:?}", t.grid());
    assert_eq!(head("决算数"), Some((6, 6)), "{:?}", t.grid());
}

/// 部门预算收支总表 (fault-inject seed 78, p.3): expenditure lines one under the other,
/// most with no amount, set closer than a wrapped label may be. `十九、自然资源海洋气象等
/// 支出`, as wide as the column, over `二十、住房保障支出 173.07` read as one label of two
/// lines; a line opening an item (`二十、`) starts a cell of its own.
#[test]
fn a_line_opening_an_item_starts_a_cell() {
    let mut g = Vec::new();
    put(&mut g, "项目", 340.0, 358.0, 100.0);
    put(&mut g, "预算数", 491.0, 518.0, 100.0);
    let lines = [
        ("十、卫生健康支出", 381.0, Some("148.20")),
        ("十一、节能环保支出", 391.0, None),
        ("十二、城乡社区支出", 391.0, Some("1.00")),
        ("十三、农林水支出", 381.0, None),
        ("十四、交通运输支出", 391.0, Some("2.00")),
        ("十五、资源勘探工业信息等支出", 441.0, None),
        ("十六、商业服务业等支出", 411.0, Some("3.00")),
        ("十七、金融支出", 371.0, None),
        ("十八、援助其他地区支出", 411.0, Some("4.00")),
        ("十九、自然资源海洋气象等支出", 441.0, None),
        ("二十、住房保障支出", 391.0, Some("173.07")),
        ("二十一、粮油物资储备支出", 421.0, None),
        ("二十二、国有资本经营预算支出", 441.0, Some("5.00")),
        ("本年支出合计", 355.0, Some("338.27")),
    ];
    for (k, (label, x1, amount)) in lines.iter().enumerate() {
        let top = 118.0 + 16.0 * k as f64;
        put(&mut g, label, 301.0, *x1, top);
        if let Some(a) = amount {
            put(&mut g, a, 522.0 - 5.0 * a.len() as f64, 522.0, top);
        }
    }
    let t = one_table(&g);
    let grid = t.grid();
    let s = |x: &str| Some(x.to_string());
    assert!(
        grid.iter()
            .any(|r| r == &vec![s("二十、住房保障支出"), s("173.07")]),
        "{grid:?}"
    );
    assert!(
        grid.iter()
            .any(|r| r[0] == s("十九、自然资源海洋气象等支出")),
        "{grid:?}"
    );
}

/// A text and where it starts and ends.
type Text<'a> = (&'a str, f64, f64);

/// 财务收支预算总表 (fault-inject seed 79, p.7): income labels set left, the totals
/// (`当年收入小计`, `收入合计`) and the heading `项目` centred in the same column. The widest
/// total runs into the white after the labels; no line holds text on both sides of that
/// white, and the total is centred where the other centred texts are: one column, not a
/// column of labels and one of totals (the totals' rows lost their labels).
#[test]
fn labels_set_left_and_totals_centred_are_one_column() {
    let mut g = Vec::new();
    put(&mut g, "收入", 238.0, 256.0, 117.0);
    put(&mut g, "支出", 586.0, 604.0, 117.0);
    let rows: [(f64, &[Text]); 11] = [
        (
            132.0,
            &[
                ("项目", 181.0, 199.0),
                ("预算数", 350.0, 377.0),
                ("项目", 528.0, 546.0),
                ("预算数", 697.0, 724.0),
            ],
        ),
        (
            147.0,
            &[
                ("一、财政拨款收入", 77.0, 149.0),
                ("11,780,801.39", 361.0, 418.0),
                ("一、文化旅游体育与传媒支出", 424.0, 541.0),
                ("9,338,578.75", 713.0, 765.0),
            ],
        ),
        (
            162.0,
            &[
                ("1.一般公共预算资金", 77.0, 156.0),
                ("11,780,801.39", 361.0, 418.0),
                ("二、社会保障和就业支出", 424.0, 523.0),
                ("1,502,019.12", 713.0, 765.0),
            ],
        ),
        (
            178.0,
            &[
                ("2.政府性基金", 77.0, 129.0),
                ("三、卫生健康支出", 424.0, 496.0),
                ("564,824.72", 721.0, 765.0),
            ],
        ),
        (
            196.0,
            &[
                ("3.国有资本经营预算", 77.0, 156.0),
                ("四、住房保障支出", 424.0, 496.0),
                ("555,178.80", 721.0, 765.0),
            ],
        ),
        (214.0, &[("二、事业收入", 77.0, 131.0)]),
        (232.0, &[("三、事业单位经营收入", 77.0, 167.0)]),
        (
            250.0,
            &[("四、其他收入", 77.0, 131.0), ("179,800.00", 373.0, 418.0)],
        ),
        (
            266.0,
            &[
                ("当年收入小计", 163.0, 217.0),
                ("11,960,601.39", 361.0, 418.0),
                ("当年支出小计", 510.0, 564.0),
                ("11,960,601.39", 708.0, 765.0),
            ],
        ),
        (
            282.0,
            &[
                ("五、上年结转和结余", 77.0, 158.0),
                ("结转下年", 424.0, 460.0),
            ],
        ),
        (
            299.0,
            &[
                ("收入合计", 172.0, 208.0),
                ("11,960,601.39", 361.0, 418.0),
                ("支出合计", 519.0, 555.0),
                ("11,960,601.39", 708.0, 765.0),
            ],
        ),
    ];
    for (top, texts) in rows {
        for &(text, x0, x1) in texts {
            put(&mut g, text, x0, x1, top);
        }
    }
    let t = one_table(&g);
    let grid = t.grid();
    assert_eq!(t.n_cols, 4, "{grid:?}");
    let s = |x: &str| Some(x.to_string());
    for label in ["当年收入小计", "收入合计"] {
        assert!(
            grid.iter()
                .any(|r| r[0] == s(label) && r[1] == s("11,960,601.39")),
            "{label}: {grid:?}"
        );
    }
}

/// 财政拨款收支预算总表 (borderless generator, tuning seed 3, p.3): the group heading `支出`
/// stands on a line of its own over `合计`, `一般公共预算财政拨款` and `政府性基金预算财政拨款`,
/// centred between the first and the last of them. It is the header's first row, not a
/// line above the table (the header lost its group, and `合计` its place under it).
#[test]
fn group_heading_on_a_line_of_its_own_heads_the_table() {
    let mut g = Vec::new();
    let rows: [(f64, &[Text]); 12] = [
        (114.7, &[("支出", 635.0, 657.0)]),
        (
            133.0,
            &[
                ("收入项目", 132.0, 176.0),
                ("预算数", 270.0, 303.0),
                ("支出项目", 395.0, 439.0),
            ],
        ),
        (
            134.0,
            &[
                ("一般公共预算财", 607.0, 684.0),
                ("政府性基金预算", 698.0, 775.0),
            ],
        ),
        (142.6, &[("合计", 544.0, 566.0)]),
        (
            151.0,
            &[("政拨款", 629.0, 662.0), ("财政拨款", 714.0, 758.0)],
        ),
        (
            170.6,
            &[
                ("一、一般公共预算拨款收入", 63.0, 195.0),
                ("466,041", 281.0, 321.0),
                ("一、一般公共服务支出", 327.0, 437.0),
            ],
        ),
        (
            190.0,
            &[
                ("二、政府性基金预算拨款收入", 63.0, 206.0),
                ("4,551,557", 272.0, 321.0),
                ("二、外交支出", 327.0, 393.0),
            ],
        ),
        (
            209.0,
            &[
                ("三、国有资本经营预算拨款收入", 63.0, 217.0),
                ("三、国防支出", 327.0, 393.0),
            ],
        ),
        (
            247.0,
            &[
                ("五、教育支出", 327.0, 393.0),
                ("2,055,224", 549.0, 598.0),
                ("658,335", 648.0, 687.0),
                ("1,396,888", 731.0, 779.0),
            ],
        ),
        (
            267.0,
            &[
                ("六、科学技术支出", 327.0, 415.0),
                ("151,434", 558.0, 598.0),
                ("151,434", 648.0, 687.0),
            ],
        ),
        (
            343.0,
            &[
                ("十、卫生健康支出", 327.0, 415.0),
                ("1,339,762", 549.0, 598.0),
                ("1,339,762", 638.0, 687.0),
            ],
        ),
        (
            459.0,
            &[
                ("收入总计", 63.0, 107.0),
                ("5,017,598", 272.0, 321.0),
                ("支出总计", 327.0, 371.0),
                ("3,546,420", 549.0, 598.0),
                ("2,149,531", 638.0, 687.0),
                ("1,396,888", 731.0, 779.0),
            ],
        ),
    ];
    for (top, texts) in rows {
        for &(text, x0, x1) in texts {
            put_sized(&mut g, text, x0, x1, top, 11.0);
        }
    }
    let t = one_table(&g);
    let head = t
        .cells
        .iter()
        .find(|c| c.text == "支出")
        .map(|c| (c.row, c.col + c.colspan));
    assert_eq!(head, Some((0, t.n_cols)), "{:?}", t.grid());
}

/// 三公 经费预算表 (fault-inject seed 79, p.16): the group heading `“三公”经费预算数` on a
/// line of its own over 合计 … 公务接待费 runs across the boundaries of the columns it heads
/// (it says nothing against them), and heads no one column (`小计`, centred in its cell,
/// heads the right-aligned `4.78` beside it, under the heading's middle).
#[test]
fn group_heading_across_columns_parts_them_still() {
    let mut g = Vec::new();
    let rows: [(f64, &[Text]); 5] = [
        (117.0, &[("“三公”经费预算数", 324.0, 405.0)]),
        (
            132.0,
            &[
                ("公务用车购置及运行费", 368.0, 458.0),
                ("机关运行经费预算数", 671.0, 752.0),
            ],
        ),
        (
            139.0,
            &[
                ("合计", 113.0, 131.0),
                ("因公出国（境）费", 183.0, 255.0),
                ("公务接待费", 584.0, 629.0),
            ],
        ),
        (
            147.0,
            &[
                ("小计", 307.0, 325.0),
                ("购置费", 399.0, 426.0),
                ("运行费", 496.0, 523.0),
            ],
        ),
        (
            162.0,
            &[
                ("5.15", 150.0, 168.0),
                ("0.00", 247.0, 265.0),
                ("4.78", 344.0, 362.0),
                ("0.00", 441.0, 459.0),
                ("4.78", 538.0, 555.0),
                ("0.37", 635.0, 652.0),
                ("98.17", 743.0, 766.0),
            ],
        ),
    ];
    for (top, texts) in rows {
        for &(text, x0, x1) in texts {
            put(&mut g, text, x0, x1, top);
        }
    }
    let t = one_table(&g);
    let grid = t.grid();
    let s = |x: &str| Some(x.to_string());
    let values = ["5.15", "0.00", "4.78", "0.00", "4.78", "0.37", "98.17"];
    assert_eq!(grid.last(), Some(&values.map(s).to_vec()), "{grid:?}");
    assert!(
        grid.iter()
            .any(|r| r[2..5] == [s("小计"), s("购置费"), s("运行费")]),
        "{grid:?}"
    );
}

/// 部门财务收支预算总表 (fault-inject seed 100, p.7, clean copy; the whole table was lost):
/// the income side runs three rows longer than the expenditure side (`二、事业收入` …
/// `四、其他收入`, labels with no amount and nothing beside them), and the group headings
/// `收入` and `支出` share the header's first line, each centred over its side's labels and
/// amounts (their outer edges), standing in the white between the two. The label-only
/// rows are rows of the table, not the end of it; the headings span their sides' columns
/// and make no column of their own.
#[test]
fn two_sided_table_with_label_only_rows_and_side_headings() {
    let mut g = Vec::new();
    let rows: [(f64, &[Text]); 12] = [
        (117.0, &[("收入", 238.5, 256.5), ("支出", 585.7, 603.7)]),
        (
            132.0,
            &[
                ("项目", 180.6, 198.6),
                ("预算数", 349.7, 376.7),
                ("项目", 527.8, 545.8),
                ("预算数", 696.9, 723.9),
            ],
        ),
        (
            147.0,
            &[
                ("一、财政拨款收入", 76.7, 148.7),
                ("11,441,666.92", 360.9, 418.3),
                ("一、文化旅游体育与传媒支出", 423.9, 540.9),
                ("9,142,027.15", 713.1, 765.5),
            ],
        ),
        (
            162.0,
            &[
                ("1.一般公共预算资金", 76.7, 156.2),
                ("11,441,666.92", 360.9, 418.3),
                ("二、社会保障和就业支出", 423.9, 522.9),
                ("1,152,337.83", 713.1, 765.5),
            ],
        ),
        (
            178.0,
            &[
                ("2.政府性基金", 76.7, 129.2),
                ("三、卫生健康支出", 423.9, 495.9),
                ("410,162.78", 720.6, 765.5),
            ],
        ),
        (
            196.0,
            &[
                ("3.国有资本经营预算", 76.7, 156.2),
                ("四、住房保障支出", 423.9, 495.9),
                ("737,139.16", 720.6, 765.5),
            ],
        ),
        (214.0, &[("二、事业收入", 76.7, 130.7)]),
        (232.0, &[("三、事业单位经营收入", 76.7, 166.7)]),
        (250.0, &[("四、其他收入", 76.7, 130.7)]),
        (
            266.0,
            &[
                ("当年收入小计", 162.6, 216.6),
                ("11,441,666.92", 360.9, 418.3),
                ("当年支出小计", 509.8, 563.8),
                ("11,441,666.92", 708.1, 765.5),
            ],
        ),
        (
            282.0,
            &[
                ("五、上年结转和结余", 76.7, 157.7),
                ("结转下年", 423.9, 459.9),
            ],
        ),
        (
            299.0,
            &[
                ("收入合计", 171.6, 207.6),
                ("11,441,666.92", 360.9, 418.3),
                ("支出合计", 518.8, 554.8),
                ("11,441,666.92", 708.1, 765.5),
            ],
        ),
    ];
    for (top, texts) in rows {
        for &(text, x0, x1) in texts {
            put_sized(&mut g, text, x0, x1, top, 9.0);
        }
    }
    let t = one_table(&g);
    let grid = t.grid();
    let s = |x: &str| Some(x.to_string());
    assert_eq!((t.n_rows, t.n_cols), (12, 4), "{grid:?}");
    assert_eq!(grid[0], vec![s("收入"), None, s("支出"), None]);
    let span = |text: &str| t.cells.iter().find(|c| c.text == text).map(|c| c.colspan);
    assert_eq!((span("收入"), span("支出")), (Some(2), Some(2)));
    assert_eq!(
        grid[2],
        vec![
            s("一、财政拨款收入"),
            s("11,441,666.92"),
            s("一、文化旅游体育与传媒支出"),
            s("9,142,027.15")
        ]
    );
    assert_eq!(
        grid[7],
        vec![s("三、事业单位经营收入"), s(""), s(""), s("")]
    );
    assert_eq!(
        grid[11],
        vec![
            s("收入合计"),
            s("11,441,666.92"),
            s("支出合计"),
            s("11,441,666.92")
        ]
    );
}

/// 支出预算表 (borderless generator, tuning seed 9, p.3): the header is one row, and its
/// last cell `事业单位经营支出` wraps over two lines centred on the line of the other
/// headings (`类` … `项目支出`), the two lines overlapping it. It is one header cell in that
/// row: the header is not two rows with every other heading spanning both.
#[test]
fn header_cell_wrapped_around_the_header_line_is_one_cell() {
    let mut g = Vec::new();
    let amounts: [Text; 4] = [
        ("66.17", 282.0, 311.9),
        ("7.76", 361.1, 384.3),
        ("24.65", 425.3, 455.2),
        ("33.76", 492.5, 522.4),
    ];
    let heads: [Text; 7] = [
        ("类", 86.0, 98.0),
        ("款", 125.1, 137.1),
        ("项", 160.0, 172.0),
        ("项目", 199.7, 223.7),
        ("合计", 265.4, 289.4),
        ("基本支出", 327.0, 375.0),
        ("项目支出", 398.6, 446.6),
    ];
    let rows: [(f64, &[Text]); 9] = [
        (360.3, &[("事业单位经", 461.6, 521.6)]),
        (371.2, &heads),
        (382.1, &[("营支出", 473.6, 509.6)]),
        (408.0, &[("合计", 143.1, 167.1)]),
        (435.0, &[("农林水支", 186.3, 234.3)]),
        (446.0, &[("213", 73.2, 93.1)]),
        (456.0, &[("出", 186.3, 198.3)]),
        (483.0, &[("03", 116.5, 129.8), ("水利", 186.3, 210.3)]),
        (511.0, &[("01", 151.4, 164.7), ("行政运行", 186.3, 234.3)]),
    ];
    for (top, texts) in rows {
        for &(text, x0, x1) in texts {
            put_sized(&mut g, text, x0, x1, top, 12.0);
        }
    }
    for top in [408.0, 446.0, 483.0, 511.0] {
        for &(text, x0, x1) in &amounts {
            put_sized(&mut g, text, x0, x1, top, 12.0);
        }
    }
    let t = one_table(&g);
    let grid = t.grid();
    assert_eq!((t.n_rows, t.n_cols), (5, 8), "{grid:?}");
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        grid[0],
        [
            "类",
            "款",
            "项",
            "项目",
            "合计",
            "基本支出",
            "项目支出",
            "事业单位经营支出"
        ]
        .map(s)
        .to_vec()
    );
    assert!(t.cells.iter().all(|c| c.rowspan == 1), "{:?}", t.cells);
    assert_eq!(grid[2][3], s("农林水支出"));
}

/// 支出预算表 continued (borderless generator, tuning seed 15, p.3): rows are tall (labels
/// wrap over two lines set at the bottom of the row), so a row of one-line cells stands a
/// line and a half below the header's last line, more than a row gap measured in line
/// heights. Measured against the body's row pitch it is the next row: the body stays
/// with its header (it was lost, the header read as a table of its own).
#[test]
fn tall_rows_after_the_header_stay_in_the_table() {
    let mut g = Vec::new();
    let amounts = |a: &'static str,
                   b: &'static str,
                   c: &'static str,
                   d: &'static str,
                   e: &'static str|
     -> [Text<'static>; 5] {
        [
            (a, 300.2, 350.2),
            (b, 399.0, 444.0),
            (c, 490.1, 510.1),
            (d, 556.1, 601.1),
            (e, 643.1, 693.1),
        ]
    };
    let r1 = amounts("862465.99", "0.00", "0.00", "0.00", "862465.99");
    let r2 = amounts("1105192.27", "551212.93", "0.00", "551212.93", "553979.34");
    let r3 = amounts("1720149.45", "621483.59", "0.00", "621483.59", "1098665.86");
    let r5 = amounts("1405791.22", "585217.19", "0.00", "585217.19", "820574.03");
    let r6 = amounts("314358.23", "36266.40", "0.00", "36266.40", "278091.83");
    let rows: [(f64, &[Text]); 13] = [
        (
            64.0,
            &[("科目编码", 153.3, 193.3), ("本年支出", 473.4, 513.4)],
        ),
        (80.5, &[("功能分类", 225.6, 265.6)]),
        (85.8, &[("基本支出", 479.9, 519.9)]),
        (91.1, &[("科目名称", 225.6, 265.6)]),
        (
            97.0,
            &[
                ("类", 137.8, 147.8),
                ("款", 169.3, 179.3),
                ("项", 199.9, 209.9),
                ("合计", 315.2, 335.2),
                ("项目支出", 648.1, 688.1),
            ],
        ),
        (
            108.0,
            &[
                ("小计", 411.5, 431.5),
                ("人员经费", 480.1, 520.1),
                ("公用经费", 558.6, 598.6),
            ],
        ),
        (134.2, &[("02", 192.4, 202.4), ("老年福利", 223.0, 263.0)]),
        (156.2, &[("06", 192.4, 202.4), ("养老服务", 223.0, 263.0)]),
        (169.5, &[("农林水支", 223.0, 263.0)]),
        (180.0, &[("213", 129.4, 144.4), ("出", 223.0, 233.0)]),
        (202.0, &[("03", 161.9, 171.9), ("水利", 223.0, 243.0)]),
        (224.0, &[("01", 192.4, 202.4), ("行政运行", 223.0, 263.0)]),
        (246.0, &[("10", 192.4, 202.4), ("水土保持", 223.0, 263.0)]),
    ];
    for (top, texts) in rows {
        for &(text, x0, x1) in texts {
            put_sized(&mut g, text, x0, x1, top, 10.0);
        }
    }
    for (top, r) in [
        (134.2, &r1),
        (156.2, &r2),
        (180.0, &r3),
        (202.0, &r3),
        (224.0, &r5),
        (246.0, &r6),
    ] {
        for &(text, x0, x1) in r {
            put_sized(&mut g, text, x0, x1, top, 10.0);
        }
    }
    let t = one_table(&g);
    let grid = t.grid();
    let has = |s: &str| t.cells.iter().any(|c| c.text == s);
    assert!(
        has("人员经费") && has("老年福利") && has("水土保持"),
        "{grid:?}"
    );
    assert!(has("862465.99") && has("278091.83"), "{grid:?}");
}

/// 财政拨款支出决算表 (borderless generator, tuning seed 49, p.4): the header names four
/// columns, and the `一般公共预算` one is blank in every row. It is a column of the table,
/// not a stray text that makes the region no table (the table was lost; with the rows
/// standing 1.4 line heights below the header, it also needs the row pitch above).
#[test]
fn column_blank_under_its_heading_is_a_column() {
    let mut g = Vec::new();
    let amounts: [Text; 3] = [
        ("123.57", 211.5, 234.1),
        ("25.79", 362.6, 381.7),
        ("97.78", 454.1, 473.2),
    ];
    let rows: [(f64, &[Text]); 9] = [
        (
            126.0,
            &[
                ("合计", 190.0, 205.0),
                ("一般公共预算", 251.4, 296.4),
                ("政府性基金预算", 321.5, 374.0),
                ("国有资本经营预算", 400.3, 460.3),
            ],
        ),
        (147.0, &[("总计", 122.4, 137.4)]),
        (162.0, &[("社会保障", 122.4, 152.4)]),
        (176.0, &[("和就业支", 122.4, 152.4)]),
        (189.0, &[("出", 122.4, 129.9)]),
        (210.0, &[("抚恤", 129.9, 144.9)]),
        (226.0, &[("死亡", 137.4, 152.4)]),
        (240.0, &[("抚恤", 137.4, 152.4)]),
        (252.0, &[]),
    ];
    for (top, texts) in rows {
        for &(text, x0, x1) in texts {
            put_sized(&mut g, text, x0, x1, top, 7.5);
        }
    }
    for top in [147.0, 189.0, 210.0, 240.0] {
        for &(text, x0, x1) in &amounts {
            put_sized(&mut g, text, x0, x1, top, 7.5);
        }
    }
    let t = one_table(&g);
    let grid = t.grid();
    let s = |x: &str| Some(x.to_string());
    assert_eq!(t.n_cols, 5, "{grid:?}");
    assert_eq!(grid[0][2], s("一般公共预算"), "{grid:?}");
    assert_eq!(
        grid[1],
        vec![s("总计"), s("123.57"), s(""), s("25.79"), s("97.78")]
    );
}

/// 财政拨款收支预算总表 (borderless generator, tuning seed 20, p.10): rows stand at text
/// leading (12 pt at 8 pt print), and the expenditure labels wrap. The first rows have
/// amounts beside their wrapped labels, and the bands join those lines; `四、公共安` /
/// `全支出` and `五、教育支` / `出` have nothing beside them. In a column whose text the
/// bands found wrapping, the text tests join such lines too (each was two rows).
#[test]
fn label_wrapped_in_a_row_of_no_amounts_is_one_cell() {
    let mut g = Vec::new();
    let rows: [(f64, &[Text]); 24] = [
        (113.1, &[("支出", 369.9, 385.9)]),
        (
            125.3,
            &[
                ("收入项目", 103.4, 135.4),
                ("预算数", 161.3, 185.3),
                ("支出项目", 212.5, 244.5),
            ],
        ),
        (125.7, &[("国有资本经营预", 441.6, 497.6)]),
        (
            131.5,
            &[
                ("合计", 278.1, 294.1),
                ("一般公共预算", 322.8, 370.8),
                ("政府性基金预算", 379.2, 435.2),
            ],
        ),
        (137.4, &[("算", 465.6, 473.6)]),
        (150.0, &[("一、一般公", 99.4, 139.4)]),
        (155.8, &[("一、一般公", 208.5, 248.5)]),
        (
            161.7,
            &[
                ("共预算拨款", 99.4, 139.4),
                ("263.65", 175.3, 199.5),
                ("2.28", 299.3, 314.6),
                ("2.28", 358.0, 373.3),
            ],
        ),
        (167.6, &[("共服务支出", 208.5, 248.5)]),
        (173.5, &[("收入", 111.4, 127.4)]),
        (186.0, &[("二、政府性", 99.4, 139.4)]),
        (191.9, &[("二、外交支", 208.5, 248.5)]),
        (197.8, &[("基金预算拨", 99.4, 139.4)]),
        (203.6, &[("出", 224.5, 232.5)]),
        (209.5, &[("款收入", 107.4, 131.4)]),
        (222.1, &[("三、国有资", 99.4, 139.4)]),
        (227.9, &[("三、国防支", 208.5, 248.5)]),
        (
            233.8,
            &[
                ("本经营预算", 99.4, 139.4),
                ("182.70", 290.4, 314.6),
                ("156.56", 349.2, 373.4),
                ("26.14", 478.4, 498.1),
            ],
        ),
        (239.7, &[("出", 224.5, 232.5)]),
        (245.6, &[("拨款收入", 103.4, 135.4)]),
        (258.1, &[("四、公共安", 208.5, 248.5)]),
        (269.9, &[("全支出", 216.5, 240.5)]),
        (282.4, &[("五、教育支", 208.5, 248.5)]),
        (294.2, &[("出", 224.5, 232.5)]),
    ];
    for (top, texts) in rows {
        for &(text, x0, x1) in texts {
            put_sized(&mut g, text, x0, x1, top, 8.0);
        }
    }
    let t = one_table(&g);
    let has = |s: &str| t.cells.iter().any(|c| c.text == s);
    assert!(has("一、一般公共服务支出"), "{:?}", t.grid());
    assert!(
        has("四、公共安全支出") && has("五、教育支出"),
        "{:?}",
        t.grid()
    );
}

/// 收支预算总表 (borderless generator, tuning seed 21, p.7): the bands find the
/// expenditure labels wrapping at a leading of 9.4 pt (`社会保障和就` / `业支出`); the
/// one-line labels `节能环保支出`, `城乡社区支出`, `农林水支出` below, each as wide as the
/// column's text gets, stand 13.5 pt apart: rows, not lines of one cell.
#[test]
fn rows_further_apart_than_the_cells_leading_stay_rows() {
    let mut g = Vec::new();
    let rows: [(f64, &[Text]); 30] = [
        (
            104.8,
            &[
                ("项目", 136.8, 154.8),
                ("预算数", 217.2, 244.2),
                ("项目", 314.4, 332.4),
                ("预算数", 401.6, 428.6),
            ],
        ),
        (116.3, &[("一般公共服务", 293.9, 347.9)]),
        (
            121.0,
            &[("事业收入", 124.0, 160.0), ("776,873.51", 243.2, 288.2)],
        ),
        (125.7, &[("支出", 293.9, 311.9)]),
        (
            138.2,
            &[("其他收入", 124.0, 160.0), ("外交支出", 293.9, 329.9)],
        ),
        (150.7, &[("政府性基", 124.0, 160.0)]),
        (
            160.2,
            &[
                ("金预算拨", 124.0, 160.0),
                ("751,236.29", 243.2, 288.2),
                ("国防支出", 293.9, 329.9),
            ],
        ),
        (169.6, &[("款收入", 124.0, 151.0)]),
        (181.1, &[("国有资本", 124.0, 160.0)]),
        (
            190.5,
            &[
                ("经营预算", 124.0, 160.0),
                ("898,383.74", 243.2, 288.2),
                ("公共安全支出", 293.9, 347.9),
            ],
        ),
        (200.0, &[("拨款收入", 124.0, 160.0)]),
        (211.4, &[("事业单位", 124.0, 160.0)]),
        (
            216.1,
            &[("14,143,151.50", 229.7, 288.2), ("教育支出", 293.9, 329.9)],
        ),
        (220.9, &[("经营收入", 124.0, 160.0)]),
        (232.3, &[("附属单位", 124.0, 160.0)]),
        (
            237.0,
            &[
                ("3,346,543.10", 234.2, 288.2),
                ("科学技术支出", 293.9, 347.9),
                ("2,328,786.00", 417.6, 471.6),
            ],
        ),
        (241.8, &[("上缴收入", 124.0, 160.0)]),
        (253.2, &[("一般公共", 124.0, 160.0)]),
        (257.9, &[("文化旅游体育", 293.9, 347.9)]),
        (
            262.7,
            &[("预算拨款", 124.0, 160.0), ("1,684,685.91", 234.2, 288.2)],
        ),
        (267.4, &[("与传媒支出", 293.9, 338.9)]),
        (272.1, &[("收入", 124.0, 142.0)]),
        (283.6, &[("社会保障和就", 293.9, 347.9)]),
        (293.0, &[("业支出", 293.9, 320.9)]),
        (304.5, &[("社会保险基金", 293.9, 347.9)]),
        (313.9, &[("支出", 293.9, 311.9)]),
        (326.4, &[("卫生健康支出", 293.9, 347.9)]),
        (340.0, &[("节能环保支出", 293.9, 347.9)]),
        (353.5, &[("城乡社区支出", 293.9, 347.9)]),
        (367.1, &[("农林水支出", 293.9, 338.9)]),
    ];
    for (top, texts) in rows {
        for &(text, x0, x1) in texts {
            put_sized(&mut g, text, x0, x1, top, 9.0);
        }
    }
    let t = one_table(&g);
    let has = |s: &str| t.cells.iter().any(|c| c.text == s);
    assert!(has("社会保障和就业支出"), "{:?}", t.grid());
    assert!(
        has("节能环保支出") && has("城乡社区支出") && has("农林水支出"),
        "{:?}",
        t.grid()
    );
}

/// 财政拨款支出决算表 (borderless generator, tuning seed 34, p.5; 9 pt, header rows 6.6 pt
/// apart): `一般公共预算` heads `小计 | 基本支出 | 项目支出`, centred between the first and
/// the last of them and so over the middle one too, with `科目编码 | 科目 | 合计 |
/// 政府性基金预算` centred on the two header rows. The heading and `基本支出` are two rows,
/// not the two lines of one cell (read so, the whole header was one row and
/// `一般公共预算基本支出` one cell).
#[test]
fn group_heading_centred_over_its_middle_sub_heading_is_a_row_of_its_own() {
    let mut g = Vec::new();
    let amounts = [
        ("2,772,170.26", 327.7, 381.7),
        ("2,432,594.95", 412.6, 466.6),
        ("114,777.36", 504.9, 549.9),
        ("2,317,817.59", 581.9, 635.9),
        ("339,575.31", 675.0, 720.0),
    ];
    let rows: [(f64, Vec<Text>); 6] = [
        (119.9, vec![("一般公共预算", 484.6, 538.6)]),
        (
            126.5,
            vec![
                ("科目编码", 127.5, 163.5),
                ("科目", 227.1, 245.1),
                ("合计", 333.5, 351.5),
                ("政府性基金预算", 649.3, 712.3),
            ],
        ),
        (
            133.1,
            vec![
                ("小计", 418.0, 436.0),
                ("基本支出", 493.0, 529.0),
                ("项目支出", 577.7, 613.7),
            ],
        ),
        (
            146.2,
            [("205", 138.8, 152.3), ("教育支出", 218.1, 254.1)]
                .into_iter()
                .chain(amounts)
                .collect(),
        ),
        (
            159.4,
            [("20501", 134.3, 156.8), ("教育管理事务", 209.1, 263.1)]
                .into_iter()
                .chain(amounts)
                .collect(),
        ),
        (
            172.5,
            [
                ("2050199", 129.8, 161.3),
                ("其他教育管理事务支出", 191.1, 281.1),
            ]
            .into_iter()
            .chain(amounts)
            .collect(),
        ),
    ];
    for (top, texts) in &rows {
        for &(text, x0, x1) in texts {
            put_sized(&mut g, text, x0, x1, *top, 9.0);
        }
    }
    let t = one_table(&g);
    let at = |text: &str| {
        t.cells
            .iter()
            .find(|c| c.text == text)
            .map(|c| (c.row, c.col, c.rowspan, c.colspan))
    };
    let grid = t.grid();
    assert_eq!((t.n_rows, t.n_cols), (5, 7), "{grid:?}");
    assert_eq!(at("一般公共预算"), Some((0, 3, 1, 3)), "{grid:?}");
    assert_eq!(at("基本支出"), Some((1, 4, 1, 1)), "{grid:?}");
    assert_eq!(at("科目编码"), Some((0, 0, 2, 1)), "{grid:?}");
    assert_eq!(at("政府性基金预算"), Some((0, 6, 2, 1)), "{grid:?}");
}

/// 一般公共预算“三公”经费支出决算情况表 (borderless generator, tuning seed 60, p.2; 8 pt
/// lines 8 pt apart, so the line boxes of the header rows touch): `预算数 | 决算数` under
/// `合计` and `因公出国（境）费` stand midway between the row of `小计 | 购置费 | 运行费` and
/// the row of the `预算数 | 决算数` under those, in columns neither holds: cells over both
/// rows, not a header row of their own (read so, the header had four rows). `公务接待费`,
/// on the line of `合计`, heads the pair under it: two columns, not one cell.
#[test]
fn header_cells_between_rows_whose_line_boxes_touch_span_both() {
    let mut g = Vec::new();
    let rows: [(f64, &[Text]); 5] = [
        (
            145.5,
            &[
                ("合计", 160.6, 176.6),
                ("因公出国（境）费", 242.9, 306.9),
                ("公务用车购置及运行费", 439.2, 519.2),
                ("公务接待费", 661.6, 701.6),
            ],
        ),
        (
            161.5,
            &[
                ("小计", 358.6, 374.6),
                ("购置费", 454.3, 478.3),
                ("运行费", 566.8, 590.8),
            ],
        ),
        (
            169.5,
            &[
                ("预算数", 128.4, 152.4),
                ("决算数", 184.6, 208.6),
                ("预算数", 234.6, 258.6),
                ("决算数", 284.7, 308.7),
                ("预算数", 650.4, 674.4),
                ("决算数", 698.6, 722.6),
            ],
        ),
        (
            177.5,
            &[
                ("预算数", 335.0, 359.0),
                ("决算数", 376.7, 400.7),
                ("预算数", 424.5, 448.5),
                ("决算数", 482.4, 506.4),
                ("预算数", 536.9, 560.9),
                ("决算数", 591.5, 615.5),
            ],
        ),
        (
            195.6,
            &[
                ("35.17", 144.0, 165.6),
                ("30.76", 200.4, 222.0),
                ("33.64", 344.7, 366.3),
                ("30.76", 383.9, 405.5),
                ("39.70", 549.2, 570.8),
                ("30.76", 609.0, 630.6),
            ],
        ),
    ];
    for (top, texts) in rows {
        for &(text, x0, x1) in texts {
            put_sized(&mut g, text, x0, x1, top, 8.0);
        }
    }
    let t = one_table(&g);
    let grid = t.grid();
    let at = |text: &str| {
        t.cells
            .iter()
            .filter(|c| c.text == text)
            .map(|c| (c.row, c.rowspan))
            .collect::<Vec<_>>()
    };
    assert_eq!(t.n_rows, 4, "{grid:?}");
    assert_eq!(at("小计"), vec![(1, 1)], "{grid:?}");
    assert_eq!(at("35.17"), vec![(3, 1)], "{grid:?}");
    // The pairs under 合计, 因公出国（境）费 and 公务接待费 over rows 1–2 (the last a
    // pair of columns, 公务接待费 heading both), the three under 小计 … 运行费 in row 2.
    let budget = at("预算数");
    assert_eq!(&budget[..3], &[(1, 2), (1, 2), (1, 2)], "{grid:?}");
    assert_eq!(&budget[3..6], &[(2, 1), (2, 1), (2, 1)], "{grid:?}");
    assert_eq!(
        grid[1][10..],
        [Some("预算数".to_string()), Some("决算数".to_string())],
        "{grid:?}"
    );
}

/// ICDAR 2013 us-024 p.5 (8 pt): the row label heading `total / occupied / housing /
/// units` wraps over four lines, and `housing` happens to stand midway between
/// `Characteristics` and `(%)` on the line of `units` — but over one single-line cell on
/// its left and two on its right, so it heads no group there: `housing` and `units` stay
/// lines of one cell.
#[test]
fn wrapped_heading_centred_by_chance_between_uneven_neighbours_stays_one_cell() {
    let mut g = Vec::new();
    let rows: [(f64, &[Text]); 7] = [
        (97.0, &[("Rodent", 237.6, 335.8), ("Leaks", 421.2, 540.8)]),
        (98.0, &[("total", 156.7, 175.4)]),
        (107.0, &[("occupied", 149.3, 182.7)]),
        (
            116.0,
            &[
                ("housing", 151.1, 180.9),
                ("Unadjusted", 286.9, 328.8),
                ("Unadjusted", 477.7, 519.6),
            ],
        ),
        (
            125.0,
            &[
                ("Characteristics", 45.0, 95.8),
                ("units", 156.5, 173.8),
                ("no.", 207.4, 219.0),
                ("(%)", 253.2, 264.8),
                ("oddsratio", 289.5, 324.5),
                ("(95%CI)", 344.4, 373.0),
                ("no.", 399.6, 411.1),
                ("(%)", 443.3, 454.9),
                ("oddsratio", 480.3, 518.6),
                ("(95%CI)", 537.5, 566.0),
            ],
        ),
        (
            151.0,
            &[
                ("Male", 51.0, 67.2),
                ("60,721", 157.3, 179.4),
                ("3,716", 206.4, 224.4),
                ("(35.2)", 249.7, 268.2),
                ("Ref.", 301.0, 313.0),
                ("—", 354.6, 362.6),
                ("5,748", 400.3, 418.3),
                ("(9.6)", 442.9, 457.3),
                ("Ref.", 491.8, 503.8),
                ("—", 547.7, 555.7),
            ],
        ),
        (
            164.0,
            &[
                ("Female", 51.0, 75.1),
                ("51,084", 157.3, 179.4),
                ("3,219", 206.4, 224.4),
                ("(38.9)", 249.7, 268.2),
                ("1.2", 302.1, 311.9),
                ("(1.0–1.3)", 344.5, 372.8),
                ("5,215", 400.2, 418.3),
                ("(10.3)", 438.8, 457.3),
                ("1.1", 492.9, 502.7),
                ("(1.0–1.2)", 537.6, 565.9),
            ],
        ),
    ];
    for (top, texts) in rows {
        for &(text, x0, x1) in texts {
            put_sized(&mut g, text, x0, x1, top, 8.0);
        }
    }
    // More rows like the last two (the page has 26).
    for k in 0..4 {
        let top = 177.0 + 13.0 * k as f64;
        for &(text, x0, x1) in rows[5 + k % 2].1 {
            put_sized(&mut g, text, x0, x1, top, 8.0);
        }
    }
    put_sized(&mut g, "Sex", 45.0, 57.2, 138.0, 8.0);
    let t = one_table(&g);
    let grid = t.grid();
    // (`total` is read as a row of its own over the rest, as before the rule.)
    assert!(
        t.cells.iter().any(|c| c.text.ends_with("housing units")),
        "{grid:?}"
    );
}

/// A printed line: its top and its texts with their left and right edges.
type PrintedLine<'a> = (f64, &'a [(&'a str, f64, f64)]);

/// The glyphs of printed lines (`size` pt).
fn printed(rows: &[PrintedLine], size: f64) -> Vec<Glyph> {
    let mut g = Vec::new();
    for (top, texts) in rows {
        for &(text, x0, x1) in *texts {
            put_sized(&mut g, text, x0, x1, *top, size);
        }
    }
    g
}

/// 部门支出预算总表 (borderless generator, tuning seed 3, p.4): names set left in the 项目
/// column and indented by level (类 names at its left edge, 款 names one character in,
/// 项 names two), beside the empty code columns of their row. A class or section name
/// starts where other names of its level start: it is a cell of the 项目 column, not a
/// label centred over the empty 款 / 项 columns before it (`教育支出` was read at 款 over
/// three columns, `普通教育` at 项 over two).
#[test]
fn names_indented_by_level_stay_in_their_column() {
    let rows: &[PrintedLine] = &[
        (
            120.0,
            &[
                ("类", 127.6, 137.6),
                ("款", 158.1, 168.1),
                ("项", 188.6, 198.6),
                ("项目", 319.1, 339.1),
                ("合计", 495.6, 515.6),
                ("基本支出", 576.0, 616.0),
                ("项目支出", 657.5, 697.5),
            ],
        ),
        (
            135.0,
            &[
                ("本年支出合计", 253.4, 313.4),
                ("7425189.22", 502.0, 558.9),
                ("7425189.22", 665.0, 721.9),
            ],
        ),
        (
            151.0,
            &[
                ("205", 120.2, 138.2),
                ("教育支出", 211.7, 251.7),
                ("6709061.28", 502.0, 558.9),
                ("6709061.28", 665.0, 721.9),
            ],
        ),
        (
            167.0,
            &[
                ("01", 150.7, 162.7),
                ("教育管理事务", 221.7, 281.7),
                ("1237911.16", 502.0, 558.9),
                ("1237911.16", 665.0, 721.9),
            ],
        ),
        (
            183.0,
            &[
                ("01", 181.2, 193.2),
                ("行政运行", 231.7, 271.7),
                ("398633.94", 508.0, 558.9),
                ("398633.94", 671.0, 721.9),
            ],
        ),
        (
            199.0,
            &[
                ("02", 181.2, 193.2),
                ("一般行政管理事务", 231.7, 311.7),
                ("167637.64", 508.0, 558.9),
                ("167637.64", 671.0, 721.9),
            ],
        ),
        (
            215.0,
            &[
                ("99", 181.2, 193.2),
                ("其他教育管理事务支出", 231.7, 331.7),
                ("671639.58", 508.0, 558.9),
                ("671639.58", 671.0, 721.9),
            ],
        ),
        (
            231.0,
            &[
                ("02", 150.7, 162.7),
                ("普通教育", 221.7, 261.7),
                ("1581398.95", 502.0, 558.9),
                ("1581398.95", 665.0, 721.9),
            ],
        ),
        (
            247.0,
            &[
                ("01", 181.2, 193.2),
                ("学前教育", 231.7, 271.7),
                ("292114.25", 508.0, 558.9),
                ("292114.25", 671.0, 721.9),
            ],
        ),
        (
            263.0,
            &[
                ("02", 181.2, 193.2),
                ("小学教育", 231.7, 271.7),
                ("992564.23", 508.0, 558.9),
                ("992564.23", 671.0, 721.9),
            ],
        ),
        (
            279.0,
            &[
                ("04", 181.2, 193.2),
                ("高中教育", 231.7, 271.7),
                ("296720.47", 508.0, 558.9),
                ("296720.47", 671.0, 721.9),
            ],
        ),
        (
            295.0,
            &[
                ("207", 120.2, 138.2),
                ("文化旅游体育与传媒支出", 211.7, 321.7),
                ("426805.94", 508.0, 558.9),
                ("426805.94", 671.0, 721.9),
            ],
        ),
        (
            311.0,
            &[
                ("01", 150.7, 162.7),
                ("文化和旅游", 221.7, 271.7),
                ("426805.94", 508.0, 558.9),
                ("426805.94", 671.0, 721.9),
            ],
        ),
        (
            327.0,
            &[
                ("99", 181.2, 193.2),
                ("其他文化和旅游支出", 231.7, 321.7),
                ("426805.94", 508.0, 558.9),
                ("426805.94", 671.0, 721.9),
            ],
        ),
    ];
    let t = one_table(&printed(rows, 10.0));
    let grid = t.grid();
    let at = |text: &str| {
        t.cells
            .iter()
            .find(|c| c.text == text)
            .map(|c| (c.col, c.colspan))
    };
    let name_col = at("行政运行").expect("行政运行").0;
    for name in [
        "教育支出",
        "教育管理事务",
        "普通教育",
        "文化旅游体育与传媒支出",
        "文化和旅游",
    ] {
        assert_eq!(at(name), Some((name_col, 1)), "{name}: {grid:?}");
    }
}

/// 支出预算表 (borderless generator, tuning seed 39, p.9): `科目编码` on a header line of
/// its own is centred over `类 | 款 | 项` two header rows down; the header cells beside
/// it (`科目名称`, `合计`, …), centred over both header rows, start lower but overlap its
/// line. They still show that it is no title: it heads the three code columns and is no
/// obstacle to the white between `款` and `项` (the two were read as one column `款项`,
/// the 项 codes under 款).
#[test]
fn group_heading_beside_cells_centred_over_two_header_rows_heads_its_columns() {
    let rows: &[PrintedLine] = &[
        (421.0, &[("科目编码", 113.9, 161.9)]),
        (
            430.0,
            &[
                ("科目名称", 226.4, 274.4),
                ("合计", 328.4, 352.4),
                ("基本支出", 387.8, 435.8),
                ("项目支出", 457.6, 505.6),
            ],
        ),
        (
            440.0,
            &[
                ("类", 95.7, 107.7),
                ("款", 136.3, 148.3),
                ("项", 172.5, 184.5),
            ],
        ),
        (
            459.0,
            &[
                ("合计", 238.4, 262.4),
                ("68.63", 342.8, 373.5),
                ("40.33", 413.8, 444.4),
                ("28.30", 482.5, 513.2),
            ],
        ),
        (
            478.0,
            &[
                ("205", 82.4, 102.5),
                ("教育支出", 199.1, 247.1),
                ("68.63", 342.8, 373.5),
                ("40.33", 413.8, 444.4),
                ("28.30", 482.5, 513.2),
            ],
        ),
        (
            498.0,
            &[
                ("03", 126.6, 140.0),
                ("职业教育", 199.1, 247.1),
                ("16.80", 343.9, 373.6),
                ("0.93", 420.4, 444.4),
                ("15.87", 483.6, 513.2),
            ],
        ),
        (
            517.0,
            &[
                ("02", 163.6, 177.0),
                ("中等职业教育", 199.1, 271.1),
                ("16.80", 343.9, 373.6),
                ("0.93", 420.4, 444.4),
                ("15.87", 483.6, 513.2),
            ],
        ),
        (
            536.0,
            &[
                ("08", 126.6, 140.0),
                ("进修及培训", 199.1, 259.1),
                ("51.83", 343.9, 373.6),
                ("39.40", 413.7, 444.3),
                ("12.43", 483.6, 513.2),
            ],
        ),
        (
            555.0,
            &[
                ("03", 163.6, 177.0),
                ("培训支出", 199.1, 247.1),
                ("51.83", 343.9, 373.6),
                ("39.40", 413.7, 444.3),
                ("12.43", 483.6, 513.2),
            ],
        ),
    ];
    let t = one_table(&printed(rows, 12.0));
    let grid = t.grid();
    assert_eq!(t.n_cols, 7, "{grid:?}");
    let col = |text: &str| t.cells.iter().find(|c| c.text == text).map(|c| c.col);
    assert_eq!(col("款"), Some(1), "{grid:?}");
    assert_eq!(col("项"), Some(2), "{grid:?}");
    assert_eq!(col("02"), Some(2), "{grid:?}");
    assert_eq!(col("03"), Some(1), "{grid:?}");
}

/// 财政拨款收支预算总表 (borderless generator, tuning seed 5, p.1): `支出` heads the
/// expenditure side, centred between the side's labels' left edge and the table's right
/// edge, where one amount only ends on this page (the side's columns run on to the next
/// page nearly empty). It is a side heading all the same, no obstacle to the white
/// between `合计`'s amounts and `一般公共预算财` / `政拨款` (the two columns were one,
/// `858,083 232,080` one cell).
#[test]
fn side_heading_of_the_last_side_reaches_the_table_edge() {
    let rows: &[PrintedLine] = &[
        (109.0, &[("收入", 216.5, 240.5), ("支出", 568.9, 592.9)]),
        (135.0, &[("金额", 620.7, 644.7)]),
        (
            151.0,
            &[
                ("项目", 164.6, 188.6),
                ("预算数", 318.4, 354.4),
                ("项目", 428.1, 452.1),
            ],
        ),
        (
            156.0,
            &[
                ("一般公共预算财", 596.0, 680.0),
                ("政府性基金预", 692.8, 764.8),
            ],
        ),
        (164.0, &[("合计", 529.9, 553.9)]),
        (
            171.0,
            &[("政拨款", 620.0, 656.0), ("算财政拨款", 698.8, 758.8)],
        ),
        (187.0, &[("一、一般公共服务", 391.2, 487.2)]),
        (
            195.0,
            &[
                ("一、一般公共预算拨款收入", 71.5, 215.5),
                ("3,076,503", 331.5, 385.5),
                ("858,083", 547.0, 589.0),
                ("232,080", 639.3, 681.3),
                ("626,004", 728.7, 770.7),
            ],
        ),
        (202.0, &[("支出", 391.2, 415.2)]),
        (
            223.0,
            &[
                ("二、政府性基金预算拨款收入", 71.5, 227.5),
                ("4,307,476", 331.5, 385.5),
                ("二、外交支出", 391.2, 463.2),
            ],
        ),
        (
            249.0,
            &[
                ("三、国有资本经营预算拨款收入", 71.5, 239.5),
                ("5,695,257", 331.5, 385.5),
                ("三、国防支出", 391.2, 463.2),
                ("764,834", 547.0, 589.0),
                ("764,834", 639.3, 681.3),
            ],
        ),
        (275.0, &[("四、公共安全支出", 391.2, 487.2)]),
        (301.0, &[("五、教育支出", 391.2, 463.2)]),
        (327.0, &[("六、科学技术支出", 391.2, 487.2)]),
    ];
    let t = one_table(&printed(rows, 12.0));
    let grid = t.grid();
    let cell = |text: &str| t.cells.iter().find(|c| c.text == text).map(|c| c.col);
    assert_eq!(cell("858,083"), Some(3), "{grid:?}");
    assert_eq!(cell("232,080"), Some(4), "{grid:?}");
    assert_eq!(cell("626,004"), Some(5), "{grid:?}");
    assert_eq!(t.n_cols, 6, "{grid:?}");
}

/// 项目绩效目标表 (borderless generator, tuning seed 28, p.4): rows set 18 pt apart in a
/// 7.5 pt font; `效益指标` is centred between the rows of `可持续影响指标` and
/// `经济效益指标`, clear of both (a row of its own would stand a pitch from each): it
/// spans the two, and `产出指标`, level with the middle one of three rows with empty
/// slots above and below, spans those three (it was a row of its own, and `产出指标` in
/// one row only).
#[test]
fn label_centred_between_rows_set_apart_spans_them() {
    let rows: &[PrintedLine] = &[
        (108.2, &[("项目名称", 116.8, 146.8), ("基本公共卫生服务项目", 311.6, 386.6)]),
        (122.2, &[("长丰市城关区卫", 457.6, 510.1)]),
        (127.2, &[("主管部门", 116.8, 146.8), ("长丰市城关区卫生健康委员会", 230.0, 327.5), ("实施单位", 398.5, 428.5)]),
        (133.2, &[("生健康委员会", 461.3, 506.3)]),
        (146.2, &[("年度资金总额", 205.2, 250.2), ("19.97", 313.2, 333.4), ("执行率分值", 394.7, 432.2), ("10", 479.3, 488.3)]),
        (155.2, &[("项目资金（万元）", 101.8, 161.8)]),
        (162.2, &[("其中：财政资金", 201.4, 253.9), ("19.97", 313.2, 333.4)]),
        (178.2, &[("完成基本公共卫生服务项目年度工作任务，确保项目资金专款专用、按进度拨付，形成长效管理机", 185.9, 508.4)]),
        (183.2, &[("年度绩效目标", 109.3, 154.3)]),
        (189.2, &[("制，推动相关工作规范化、制度化开展。", 185.9, 320.9)]),
        (202.2, &[("一级指标", 116.8, 146.8), ("二级指标", 212.7, 242.7), ("三级指标", 308.3, 338.3), ("指标值", 402.2, 424.7), ("备注", 476.3, 491.3)]),
        (218.2, &[("数量指标", 212.7, 242.7), ("采购数量", 308.3, 338.3), ("≥332", 403.6, 423.3)]),
        (236.2, &[("产出指标", 116.8, 146.8), ("时效指标", 212.7, 242.7), ("资金拨付及时性", 297.0, 349.5), ("及时完成", 398.5, 428.5)]),
        (254.2, &[("成本指标", 212.7, 242.7), ("成本控制", 308.3, 338.3), ("≤19.97万元", 392.0, 435.0)]),
        (272.2, &[("可持续影响指标", 201.4, 253.9), ("日常工作得到有力保障", 285.8, 360.8), ("明显改善", 398.5, 428.5)]),
        (281.2, &[("效益指标", 116.8, 146.8)]),
        (290.2, &[("经济效益指标", 205.2, 250.2), ("节约运行成本", 300.8, 345.8), ("≥90%有效提高", 388.2, 438.7)]),
        (308.2, &[("满意度指标", 113.0, 150.5), ("服务对象满意度指标", 193.9, 261.4), ("服务对象满意度", 297.0, 349.5), ("≥95%", 403.2, 423.6)]),
    ];
    let t = one_table(&printed(rows, 7.5));
    let grid = t.grid();
    let cell = |text: &str| t.cells.iter().find(|c| c.text == text).expect(text);
    let row = |text: &str| cell(text).row;
    assert_eq!(t.n_rows, 12, "{grid:?}");
    let benefit = cell("效益指标");
    assert_eq!(
        (benefit.row, benefit.rowspan),
        (row("可持续影响指标"), 2),
        "{grid:?}"
    );
    assert_eq!(row("经济效益指标"), row("可持续影响指标") + 1, "{grid:?}");
    let output = cell("产出指标");
    assert_eq!(
        (output.row, output.rowspan),
        (row("数量指标"), 3),
        "{grid:?}"
    );
}

/// 部门收支总表 (borderless generator, tuning seed 21, p.1): the body is set at the bottom
/// of its rows, so a wrapped expenditure label's last line is its row's line (`服务支出`
/// level with `事业收入` and its amount). Where the income side's label of that row has no
/// amount (`事业单位经营收入` beside `公共安全` / `支出`), the two are still one row: the
/// label is not centred between rows (it was a row of its own, `公共安全支出` the row
/// above).
#[test]
fn bottom_set_wrapped_label_shares_its_row_with_a_label_beside_it() {
    let rows: &[PrintedLine] = &[
        (117.5, &[("收入", 212.8, 230.8), ("支出", 411.7, 429.7)]),
        (
            137.5,
            &[
                ("项目", 156.4, 174.4),
                ("预算数", 274.8, 301.8),
                ("项目", 357.9, 375.9),
                ("预算数", 429.4, 456.4),
            ],
        ),
        (153.5, &[("一般公共", 347.5, 383.5)]),
        (
            164.5,
            &[
                ("事业收入", 101.7, 137.7),
                ("2,073,949.83", 287.9, 341.9),
                ("服务支出", 347.5, 383.5),
            ],
        ),
        (
            184.5,
            &[
                ("其他收入", 101.7, 137.7),
                ("1,321,357.27", 287.9, 341.9),
                ("外交支出", 347.5, 383.5),
            ],
        ),
        (
            204.5,
            &[
                ("财政专户管理资金收入", 101.7, 191.7),
                ("391,696.43", 296.9, 341.9),
                ("国防支出", 347.5, 383.5),
                ("1,977,924.02", 439.9, 493.9),
            ],
        ),
        (216.5, &[("公共安全", 347.5, 383.5)]),
        (
            227.5,
            &[("事业单位经营收入", 101.7, 173.7), ("支出", 347.5, 365.5)],
        ),
        (
            247.5,
            &[
                ("附属单位上缴收入", 101.7, 173.7),
                ("3,039,875.52", 287.9, 341.9),
                ("教育支出", 347.5, 383.5),
            ],
        ),
        (259.5, &[("科学技术", 347.5, 383.5)]),
        (
            270.5,
            &[
                ("上级补助收入", 101.7, 155.7),
                ("8,163,754.23", 287.9, 341.9),
                ("支出", 347.5, 365.5),
            ],
        ),
    ];
    let t = one_table(&printed(rows, 9.0));
    let grid = t.grid();
    let cell = |text: &str| t.cells.iter().find(|c| c.text == text).expect(text);
    assert_eq!(
        cell("公共安全支出").row,
        cell("事业单位经营收入").row,
        "{grid:?}"
    );
    assert_eq!(
        cell("科学技术支出").row,
        cell("上级补助收入").row,
        "{grid:?}"
    );
    assert_eq!(
        cell("一般公共服务支出").row,
        cell("事业收入").row,
        "{grid:?}"
    );
}
