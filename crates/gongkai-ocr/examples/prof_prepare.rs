//! Development aid: time the raster stages over every page of a scanned PDF.
//! `cargo run --release -p gongkai-ocr --example prof_prepare -- FILE`

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(file) = std::env::args().nth(1) else {
        eprintln!("usage: prof_prepare FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&file)?;
    let doc = gongkai_pdf::Document::from_bytes(&bytes, &Default::default())?;
    let (mut t_raster, mut t_prep) = (0.0, 0.0);
    for n in 1..=doc.page_count() {
        let c = doc.page(n)?;
        let t = Instant::now();
        let pr = gongkai_ocr::raster::page_raster(
            &doc,
            &c,
            &bytes,
            std::path::Path::new("pdftoppm"),
            300,
        )?;
        t_raster += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let _ = gongkai_ocr::prepare(&pr);
        t_prep += t.elapsed().as_secs_f64();
    }
    println!(
        "{} pages: raster {t_raster:.2} s, prepare {t_prep:.2} s",
        doc.page_count()
    );
    Ok(())
}
