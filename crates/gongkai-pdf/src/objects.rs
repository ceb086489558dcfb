//! Small helpers for reading lopdf objects leniently: numbers of either kind, and
//! references followed where possible.

use lopdf::{Document, Object};

/// An integer or real operand as `f64`; `None` for anything else.
pub(crate) fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

/// Follows a reference; a dangling one yields the reference itself (callers then see
/// a type mismatch and fall back), never an error.
pub(crate) fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

/// Decodes a PDF text string: UTF-16BE with a byte-order mark, UTF-8 with one (PDF 2.0),
/// else PDFDocEncoding (read as Latin-1, which it equals for the printable range).
pub(crate) fn decode_text_string(b: &[u8]) -> String {
    if let Some(rest) = b.strip_prefix(&[0xFE, 0xFF]) {
        crate::cmap::utf16be_to_string(rest)
    } else if let Some(rest) = b.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        b.iter().map(|&c| c as char).collect()
    }
}
