//! Development aid: the cell count of every ruled table the raster stages find on each
//! page of a scanned PDF (no recognition), one line per page: `PAGE SKEW N1 N2 …`.
//! `cargo run --release -p gongkai-ocr --example raster_cells -- FILE`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(file) = std::env::args().nth(1) else {
        eprintln!("usage: raster_cells FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&file)?;
    let doc = gongkai_pdf::Document::from_bytes(&bytes, &Default::default())?;
    for n in 1..=doc.page_count() {
        let c = doc.page(n)?;
        let pr = gongkai_ocr::raster::page_raster(
            &doc,
            &c,
            &bytes,
            std::path::Path::new("pdftoppm"),
            300,
        )?;
        let p = gongkai_ocr::prepare(&pr);
        let cells: Vec<String> = p.tables.iter().map(|t| t.cells.len().to_string()).collect();
        println!("{n} {:.3} {}", p.skew_deg, cells.join(" "));
    }
    Ok(())
}
