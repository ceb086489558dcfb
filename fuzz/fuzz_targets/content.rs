//! Any bytes as the content stream of one page (with fonts, a form XObject and an
//! image to draw), through the content interpreter: operators, text, paths, nesting.
#![no_main]

use gongkai_pdf::{Document, OpenOptions, PdfError};
use libfuzzer_sys::fuzz_target;

/// A one-page PDF whose page draws `content`, with Helvetica as /F1, a CID font with
/// Identity-H as /F2, a form /X1 that draws /F1 text and a 2 × 2 image /Im1.
fn pdf(content: &[u8]) -> Vec<u8> {
    let form = b"BT /F1 10 Tf 0 0 Td (form) Tj ET 0 0 m 10 10 l S";
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
           /Resources << /Font << /F1 5 0 R /F2 6 0 R >> /XObject << /X1 7 0 R /Im1 8 0 R >> >> >>"
            .to_vec(),
        [
            format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(),
            content,
            b"\nendstream",
        ]
        .concat(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H \
           /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light \
           /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> >>] >>"
            .to_vec(),
        [
            format!(
                "<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] \
                 /Resources << /Font << /F1 5 0 R >> >> /Length {} >>\nstream\n",
                form.len()
            )
            .as_bytes(),
            form,
            b"\nendstream",
        ]
        .concat(),
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray \
           /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"
            .to_vec(),
    ];
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fuzz_target!(|data: &[u8]| {
    let doc = match Document::from_bytes(&pdf(data), &OpenOptions::default()) {
        Ok(doc) => doc,
        Err(PdfError::Panic(m)) => panic!("open: {m}"),
        Err(_) => return,
    };
    if let Err(PdfError::Panic(m)) = doc.page(1) {
        panic!("page: {m}");
    }
});
