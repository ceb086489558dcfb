//! One scanned page through Tesseract: the red seal page with the 三公 table reads
//! right (title, unit, every amount), every glyph is an OCR glyph with a confidence,
//! and a second run gives the same glyphs and rulings (deterministic output).
//! Needs Tesseract with chi_sim; without it the test says so and passes.

use std::path::Path;

use gongkai_geom::UnicodeSource;
use gongkai_pdf::Document;

#[test]
fn seal_page_reads_right_and_repeats_exactly() {
    let opts = gongkai_ocr::OcrOptions::default();
    if gongkai_ocr::tesseract::probe(&opts.tesseract, &opts.lang).is_err() {
        eprintln!("tesseract with {} not installed; skipped", opts.lang);
        return;
    }
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/budget-2024-central-statistics-scan.pdf");
    let Ok(bytes) = std::fs::read(&pdf) else {
        eprintln!("{} missing; skipped", pdf.display());
        return;
    };
    let doc = Document::from_bytes(&bytes, &Default::default()).expect("open");
    let page = doc.page(16).expect("page 16");
    let a = gongkai_ocr::ocr_page(&doc, &page, &bytes, &opts).expect("ocr");
    let text: String = gongkai_geom::layout::text_lines(&a.glyphs)
        .iter()
        .map(|l| l.text.clone() + "\n")
        .collect();
    for want in [
        "一般公共预算“三公”经费支出表",
        "单位：万元",
        "28.50",
        "0.00",
        "26.95",
        "24.52",
        "2.43",
        "1.55",
    ] {
        assert!(text.contains(want), "{want:?} not in\n{text}");
    }
    assert!(
        a.info.seal_pixels > 0 && a.info.tables == 1 && a.info.cells >= 10,
        "{:?}",
        a.info
    );
    assert!(a.glyphs.iter().all(|g| g.source == UnicodeSource::Ocr
        && g.confidence.is_some_and(|c| (0.0..=1.0).contains(&c))));
    let b = gongkai_ocr::ocr_page(&doc, &page, &bytes, &opts).expect("ocr again");
    assert_eq!(a.glyphs, b.glyphs);
    assert_eq!(a.segments, b.segments);
    assert_eq!(a.info, b.info);
}
