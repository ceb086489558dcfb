//! Development aid: print the ruling lines and table cells found on a scanned page.
//! `cargo run --release -p gongkai-ocr --example ocr_lines -- FILE PAGE`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(file), Some(page)) = (
        args.get(1),
        args.get(2).and_then(|p| p.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: ocr_lines FILE PAGE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(file)?;
    let doc = gongkai_pdf::Document::from_bytes(&bytes, &Default::default())?;
    let c = doc.page(page)?;
    let pr =
        gongkai_ocr::raster::page_raster(&doc, &c, &bytes, std::path::Path::new("pdftoppm"), 300)?;
    let p = gongkai_ocr::prepare(&pr);
    println!("skew {} dpi {}", p.skew_deg, p.dpi);
    for l in &p.lines {
        println!(
            "{} pos {:.1} {}..{} thick {}..{}",
            if l.horizontal { "H" } else { "V" },
            l.pos,
            l.from,
            l.to,
            l.lo,
            l.hi
        );
    }
    for t in &p.tables {
        println!("table {:?} {} cells", t.bbox, t.cells.len());
        for c in &t.cells {
            println!("  {:?}", c);
        }
    }
    if let Some(d) = std::env::var_os("GONGKAI_OCR_DUMP") {
        let _ = std::fs::write(std::path::Path::new(&d).join("clean.pgm"), p.clean.to_pgm());
    }
    Ok(())
}
