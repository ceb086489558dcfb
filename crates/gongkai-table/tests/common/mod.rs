//! Shared by the table tests: pages of the bundled borderless sample, read as a scan
//! shifts them.

use gongkai_geom::Glyph;
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
