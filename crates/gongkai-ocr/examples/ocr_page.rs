//! Development aid: OCR one page and print its tables.
//! `cargo run --release -p gongkai-ocr --example ocr_page -- FILE PAGE`

use gongkai_table::{extract_tables, PageInput, TableOptions};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(file), Some(page)) = (
        args.get(1),
        args.get(2).and_then(|p| p.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: ocr_page FILE PAGE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(file).expect("read");
    let doc = gongkai_pdf::Document::from_bytes(&bytes, &Default::default()).expect("open");
    let c = doc.page(page).expect("page");
    let t = std::time::Instant::now();
    let o = gongkai_ocr::ocr_page(&doc, &c, &bytes, &Default::default()).expect("ocr");
    eprintln!("{:.2} s {:?}", t.elapsed().as_secs_f64(), o.info);
    let input = PageInput {
        page: c.page,
        width: c.width,
        height: c.height,
        glyphs: &o.glyphs,
        segments: &o.segments,
    };
    for l in gongkai_geom::layout::text_lines(&o.glyphs) {
        println!("| {}", l.text);
    }
    for t in extract_tables(&input, &TableOptions::default()) {
        println!("== {:?} {:?} {}x{}", t.title, t.unit, t.n_rows, t.n_cols);
        for r in t.grid() {
            println!("  {:?}", r);
        }
    }
}
