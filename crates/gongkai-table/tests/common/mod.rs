//! Shared by the table tests: pages of the bundled borderless sample, read as a scan
//! shifts them, and lines of glyphs made up for a test.

// Each test file uses some of these.
#![allow(dead_code)]

use gongkai_geom::{Glyph, Rect, UnicodeSource};
use gongkai_table::{extract_tables, PageInput, Table, TableOptions};

/// The tables of page `n` of `samples/budget-2023-hebei-qingshui-water.pdf` (the
/// generated borderless budget sample) after `edit` has changed its glyphs (the way
/// boxes read from an image shift, or a character lost); `None`, with a note, when the
/// sample is missing.
pub fn qingshui_tables(n: usize, edit: impl FnOnce(&mut Vec<Glyph>)) -> Option<Vec<Table>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/budget-2023-hebei-qingshui-water.pdf");
    let Ok(doc) = gongkai_pdf::Document::open(&path) else {
        eprintln!("{} missing; nothing to check", path.display());
        return None;
    };
    let c = doc.page(n).expect("page of the sample");
    let mut glyphs = c.glyphs.clone();
    edit(&mut glyphs);
    let page = PageInput {
        page: n as u32,
        width: c.width,
        height: c.height,
        glyphs: &glyphs,
        segments: &c.segments,
    };
    Some(extract_tables(&page, &TableOptions::default()))
}

/// Glyphs for `text` spread evenly over `x0..x1`, `size` pt high from `top`, each read
/// from `source` with `confidence` (OCR's) or none.
pub fn glyph_run(
    out: &mut Vec<Glyph>,
    text: &str,
    (x0, x1): (f64, f64),
    top: f64,
    size: f64,
    source: UnicodeSource,
    confidence: Option<f32>,
) {
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
                bottom: top + size,
            },
            font: "F".into(),
            size,
            upright: true,
            source,
            confidence,
        });
    }
}
