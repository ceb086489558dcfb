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

/// Three pages of a photocopied scan in small print whose lighting falls off towards the
/// top right (`scripts/make_scans.py` tuning seed 993, pages 7, 8 and 11: paper 218, 185 in
/// the corner). Page 7: the headers wrapped over three lines that Tesseract read nothing
/// for, read again line by line, name their funds. Pages 8 and 11: the unit line standing
/// in the corner reads `单位：万元`: on page 8 Tesseract read nothing on its gray box until
/// the paper's cut followed the lighting down; on page 11 it read `草位：` and `万元`
/// apart, mended once joined. Each table lost its unit, and with it every amount, or its
/// columns.
#[test]
fn a_dark_corner_and_wrapped_headers_on_a_photocopy_read_right() {
    let opts = gongkai_ocr::OcrOptions::default();
    if gongkai_ocr::tesseract::probe(&opts.tesseract, &opts.lang).is_err() {
        eprintln!("tesseract with {} not installed; skipped", opts.lang);
        return;
    }
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/scans19-s0993-p7-8-11.pdf");
    let Ok(bytes) = std::fs::read(&pdf) else {
        eprintln!("{} missing; skipped", pdf.display());
        return;
    };
    let doc = Document::from_bytes(&bytes, &Default::default()).expect("open");
    let lines = |n: u32| -> Vec<String> {
        let page = doc.page(n as usize).expect("page");
        let a = gongkai_ocr::ocr_page(&doc, &page, &bytes, &opts).expect("ocr");
        gongkai_geom::layout::text_lines(&a.glyphs)
            .iter()
            .map(|l| l.text.replace(' ', ""))
            .collect()
    };
    // The header's lines are laid out across its cells: the three columns' first and
    // second lines.
    let p7 = lines(1).join("\n");
    for want in ["一般公共政府性基国有资本", "金预算经营预算"] {
        assert!(p7.contains(want), "page 7: {want} not in\n{p7}");
    }
    for (n, title) in [(2, "部门支出总表"), (3, "一般公共预算基本支出表")] {
        let l = lines(n);
        assert!(l.iter().any(|l| l == title), "page {n}: {l:?}");
        assert!(l.iter().any(|l| l == "单位：万元"), "page {n}: {l:?}");
    }
}

/// A header wrapped over three lines in a 150 dpi photocopy (`scripts/make_scans.py`
/// tuning seed 116, page 6), read `一般公共` / `陨算氢玲` / `收入`: the cell as a whole is
/// 一般公共预算拨款收入, mended and recorded (the column and its 18 amounts were lost).
#[test]
fn a_wrapped_header_misread_is_mended_as_a_whole() {
    let opts = gongkai_ocr::OcrOptions::default();
    if gongkai_ocr::tesseract::probe(&opts.tesseract, &opts.lang).is_err() {
        eprintln!("tesseract with {} not installed; skipped", opts.lang);
        return;
    }
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/scans19-s0116-p6.pdf");
    let Ok(bytes) = std::fs::read(&pdf) else {
        eprintln!("{} missing; skipped", pdf.display());
        return;
    };
    let doc = Document::from_bytes(&bytes, &Default::default()).expect("open");
    let page = doc.page(1).expect("page");
    let a = gongkai_ocr::ocr_page(&doc, &page, &bytes, &opts).expect("ocr");
    assert!(
        a.info
            .repairs
            .iter()
            .any(|r| r.text == "一般公共预算拨款收入" && r.raw != r.text),
        "{:?}",
        a.info.repairs
    );
}
