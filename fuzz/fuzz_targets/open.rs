//! Any bytes as a PDF file: header, cross-reference table or stream (with lopdf's
//! recovery), trailer, encryption, page tree, then every page read. A panic inside is
//! caught by `gongkai_pdf::guard` as `PdfError::Panic`; here it is turned back into a
//! panic so that libFuzzer reports it.
#![no_main]

use gongkai_pdf::{Document, OpenOptions, PdfError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let doc = match Document::from_bytes(data, &OpenOptions::default()) {
        Ok(doc) => doc,
        Err(PdfError::Panic(m)) => panic!("open: {m}"),
        Err(_) => return,
    };
    for n in 1..=doc.page_count().min(20) {
        if let Err(PdfError::Panic(m)) = doc.page(n) {
            panic!("page {n}: {m}");
        }
    }
});
