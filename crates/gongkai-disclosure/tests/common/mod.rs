//! The pipeline the disclosure tests run on a PDF of `samples/`: tables of every page
//! (ruled or stream), stitched across pages, text lines, then the records.

use gongkai_disclosure::{build_records, Records, TextLine};
use gongkai_pdf::Document;
use gongkai_table::{extract_tables, stitch_pages, PageInput, TableOptions};

/// The records of `samples/{path}` (e.g. `real/putuo-final-2024-p6-7.pdf`), the document
/// named by its file name.
pub fn records_of(path: &str) -> Records {
    let (name, lines, tables) = pipeline_of(path);
    build_records(&name, &lines, &tables)
}

/// What the records of `samples/{path}` are built from: the file name, the text lines and
/// the stitched tables.
pub fn pipeline_of(path: &str) -> (String, Vec<TextLine>, Vec<gongkai_table::Table>) {
    let full =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../samples/{path}"));
    let doc = Document::open(&full).expect("open");
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
    let name = full
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    (name, lines, stitch_pages(tables))
}
