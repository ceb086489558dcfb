//! Borderless tables whose cells wrap onto two lines vertically centred beside
//! single-line cells (the WPS/Excel export of a budget form): the two lines are one cell,
//! in the same row as the single-line cells centred on them.

use gongkai_geom::{Glyph, Rect, UnicodeSource};
use gongkai_table::{extract_tables, PageInput, TableOptions};

/// Glyphs for `text` starting at `x` on the line at `y`, 9 pt CJK (9 pt wide each).
fn word(out: &mut Vec<Glyph>, text: &str, x: f64, y: f64) {
    for (i, ch) in text.chars().enumerate() {
        let x0 = x + 9.0 * i as f64;
        out.push(Glyph { text: ch.to_string(), bbox: Rect { x0, top: y, x1: x0 + 9.0, bottom: y + 9.0 }, font: "F".into(), size: 9.0, upright: true, source: UnicodeSource::ToUnicode, confidence: None });
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
    for (r, (a, b, c1, c2)) in [("数量指标", "覆盖人数", "项目计划完成覆盖", "人数"), ("质量指标", "完成质量", "项目实施符合相关", "标准"), ("时效指标", "及时完成", "按计划时间节点完", "成")].iter().enumerate() {
        let y = 128.0 + 28.0 * r as f64;
        word(&mut g, a, 60.0, y);
        word(&mut g, b, 150.0, y);
        word(&mut g, c1, 250.0, y - 6.5);
        word(&mut g, c2, 250.0, y + 6.5);
    }
    let page = PageInput { page: 1, width: 600.0, height: 800.0, glyphs: &g, segments: &[] };
    let t = extract_tables(&page, &TableOptions::default());
    assert_eq!(t.len(), 1);
    let grid = t[0].grid();
    assert_eq!((t[0].n_rows, t[0].n_cols), (4, 3), "{grid:?}");
    assert_eq!(grid[1], vec![Some("数量指标".to_string()), Some("覆盖人数".to_string()), Some("项目计划完成覆盖人数".to_string())]);
    assert_eq!(grid[3][2].as_deref(), Some("按计划时间节点完成"));
}
