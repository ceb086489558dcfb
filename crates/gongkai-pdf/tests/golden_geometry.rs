//! Glyph boxes and ruling lines on two real pages, against positions read off the
//! rendered pages by hand (pdftoppm at 50–60 dpi) and cross-checked with
//! `pdftotext -bbox` (x to 0.01 pt). Files: samples/real/ (copied from the corpus).
//!
//! * putuo-final-2024-p6.pdf — 上海市普陀区财政局2024年度部门决算, page 6, the 收入支出决算总表:
//!   WPS export, Identity-H CID fonts (FangSong, Times New Roman). The table has 4 columns
//!   (收入 项目 | 决算数 | 支出 项目 | 决算数) → 5 vertical rules, and 29 rows (two header rows,
//!   26 body rows 一 … 二十六, the 合计 row) → 30 horizontal rules.
//! * camelot-foo.pdf — Table 2-1 "Simulated fuel savings": 7 columns → 8 vertical rules;
//!   top rule, the partial rule under "Percent Fuel Savings", the header rule and 5 body
//!   rows → 8 distinct horizontal rule positions.

use gongkai_geom::{Orientation, Rect};
use gongkai_pdf::{Document, PageContent};

fn page(file: &str, n: usize) -> PageContent {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/real")
        .join(file);
    Document::open(&path)
        .unwrap_or_else(|e| panic!("{file}: {e}"))
        .page(n)
        .unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Box of the first occurrence of `word` in the glyph stream.
fn word_box(p: &PageContent, word: &str) -> Rect {
    let texts: Vec<&str> = p.glyphs.iter().map(|g| g.text.as_str()).collect();
    let n = word.chars().count();
    let start = (0..texts.len().saturating_sub(n - 1))
        .find(|&i| texts[i..i + n].concat() == word)
        .unwrap_or_else(|| panic!("word {word} not found"));
    p.glyphs[start..start + n]
        .iter()
        .map(|g| g.bbox)
        .reduce(|a, b| a.union(&b))
        .expect("glyphs")
}

fn assert_box(p: &PageContent, word: &str, expected: [f64; 4]) {
    let b = word_box(p, word);
    let got = [b.x0, b.top, b.x1, b.bottom];
    for (g, e) in got.iter().zip(expected) {
        assert!(
            (g - e).abs() < 0.6,
            "{word}: got {got:?}, expected {expected:?}"
        );
    }
}

/// Distinct rule positions (rounded to 0.5 pt) in one orientation.
fn rule_positions(p: &PageContent, o: Orientation) -> Vec<f64> {
    let mut v: Vec<f64> = p
        .segments
        .iter()
        .filter(|s| s.orientation == o)
        .map(|s| {
            if o == Orientation::Horizontal {
                s.top
            } else {
                s.x0
            }
        })
        .map(|v| (v * 2.0).round() / 2.0)
        .collect();
    v.sort_by(f64::total_cmp);
    v.dedup();
    v
}

#[test]
fn cjk_page_glyph_boxes() {
    let p = page("putuo-final-2024-p6.pdf", 1);
    assert_eq!((p.width, p.height, p.rotate), (595.0, 842.0, 0));
    assert_box(&p, "收入支出决算总表", [233.5, 193.2, 361.5, 209.2]);
    assert_box(&p, "单位：万元", [495.2, 229.9, 550.2, 240.9]);
    assert_box(
        &p,
        "一、一般公共预算财政拨款收入",
        [44.8, 293.65, 198.8, 304.65],
    );
    assert_box(&p, "2,940.05", [256.35, 298.1, 294.85, 309.1]);
}

#[test]
fn cjk_page_ruling_lines() {
    let p = page("putuo-final-2024-p6.pdf", 1);
    assert_eq!(
        rule_positions(&p, Orientation::Vertical),
        vec![39.5, 248.0, 314.0, 490.0, 555.5]
    );
    let h = rule_positions(&p, Orientation::Horizontal);
    assert_eq!(h.len(), 30, "{h:?}");
    assert_eq!((h[0], h[29]), (260.0, 757.0));
}

#[test]
fn latin_page_glyph_boxes() {
    let p = page("camelot-foo.pdf", 1);
    assert_eq!((p.width, p.height), (612.0, 792.0));
    assert_box(&p, "Quantifying", [93.6, 74.13, 176.93, 89.13]);
    assert_box(&p, "Distance", [210.41, 567.43, 252.16, 577.45]);
    assert_box(&p, "173.9", [218.76, 662.28, 243.82, 672.3]);
    assert_box(&p, "58.1%", [271.26, 662.28, 299.67, 672.3]);
}

#[test]
fn latin_page_ruling_lines() {
    let p = page("camelot-foo.pdf", 1);
    assert_eq!(
        rule_positions(&p, Orientation::Vertical),
        vec![120.5, 164.5, 205.0, 257.5, 313.5, 375.0, 430.0, 491.5]
    );
    assert_eq!(
        rule_positions(&p, Orientation::Horizontal),
        vec![558.0, 573.5, 597.0, 612.5, 628.0, 643.5, 659.0, 674.5]
    );
}
