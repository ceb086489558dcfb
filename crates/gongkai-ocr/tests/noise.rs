//! A page of noise (a damaged scan: specks by the thousand) is refused before its pieces
//! are stacked into the image for Tesseract: each speck is a piece of its own, padded and
//! stacked under the others as wide as the widest line, so that image grew with the specks
//! (a flipped byte in a corpus scan made one of 142 million pixels, 590 MB, and Tesseract
//! failed on it after 40 s). Needs Tesseract with chi_sim; without it the test says so and
//! passes.

use std::time::{Duration, Instant};

use gongkai_geom::Rect;
use gongkai_ocr::image::{Gray, Raster};
use gongkai_ocr::raster::{PageRaster, RasterSource};

/// Blackens a speck of 4 × 16 pixels at (`x`, `y`): as tall as a line of small print,
/// so that each is a line of its own.
fn speck(page: &mut Gray, x: usize, y: usize) {
    for dy in 0..16 {
        let row = (y + dy) * page.width;
        page.data[row + x..row + x + 4].fill(0);
    }
}

#[test]
fn a_page_of_noise_is_refused_at_once() {
    let opts = gongkai_ocr::OcrOptions::default();
    let Ok(engine) = gongkai_ocr::tesseract::probe(&opts.tesseract, &opts.lang) else {
        eprintln!("tesseract with {} not installed; skipped", opts.lang);
        return;
    };
    // An A4 page at 300 dpi: one line of specks 20 px apart across the page (a piece as
    // wide as the page), then specks 140 px apart across and 40 px down, each too far
    // from the others to join them (1,275 pieces).
    let (w, h) = (2480, 3508);
    let mut page = Gray::white(w, h);
    for x in (100..w - 100).step_by(20) {
        speck(&mut page, x, 200);
    }
    for y in (400..h - 100).step_by(40) {
        for x in (100..w - 100).step_by(140) {
            speck(&mut page, x, y);
        }
    }
    let pr = PageRaster {
        raster: Raster::Gray(page),
        rect: Rect {
            x0: 0.0,
            top: 0.0,
            x1: 595.0,
            bottom: 842.0,
        },
        source: RasterSource::Embedded,
        note: None,
    };
    let started = Instant::now();
    let e = gongkai_ocr::recognise(&engine, &pr, &opts).expect_err("noise is not read");
    assert_eq!(e.kind(), "too_many_pieces", "{e}");
    eprintln!("{e}");
    // The bound is four times the page's 8.7 M pixels (more than the default 17.5 M).
    assert!(e.to_string().contains("(limit 34799360)"), "{e}");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}
