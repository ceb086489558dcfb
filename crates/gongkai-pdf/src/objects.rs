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
