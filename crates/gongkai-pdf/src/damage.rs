//! What a damaged file lacks. lopdf recovers what it can of a truncated file (an
//! interrupted download: no `%%EOF`, objects cut off), of one whose cross-reference table
//! had to be rebuilt, or of one with a damaged object (a changed byte in its header); the
//! objects it could not recover are simply absent, and a page that needs them would read
//! as empty or as U+FFFD without a word. [`Damage`] lists the
//! absent objects that the file still refers to, so that each page that needs one says so
//! (a page warning: the document is `partial`), and how many pages the page tree lists
//! beyond those found.

use std::collections::HashSet;

use lopdf::xref::XrefEntry;
use lopdf::{Document, Object, ObjectId};

/// The objects a damaged file refers to but does not hold, and why it is damaged.
#[derive(Debug, Clone, Default)]
pub(crate) struct Damage {
    /// `truncated (no %%EOF)` or `cross-reference table rebuilt`.
    pub reason: String,
    /// Referenced objects the file does not hold.
    pub missing: HashSet<ObjectId>,
    /// Pages the page tree counts (`/Count` of its root) beyond those found.
    pub pages_missing: usize,
}

/// True when the file's last KiB has no `%%EOF`: it was cut off.
pub(crate) fn is_truncated(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    !tail.windows(5).any(|w| w == b"%%EOF")
}

/// The damage of a file: the objects it refers to and does not hold, and the pages its
/// page tree counts beyond `pages_found` (those it yielded); `None` when there are none.
/// The reason names truncation or a rebuilt cross-reference table when there was one.
/// In a file that is neither, only objects its cross-reference table lists as in use
/// count (they are there but could not be read: a damaged object); a reference to an
/// object the table does not list, or lists as free, is the writer's slip and reads as
/// null, as the PDF specification says, without a word.
pub(crate) fn assess(
    doc: &Document,
    truncated: bool,
    rebuilt: bool,
    pages_found: usize,
) -> Option<Damage> {
    let mut missing = HashSet::new();
    let whole_table = !truncated && !rebuilt;
    let mut note = |o: &Object| {
        if let Object::Reference(id) = o {
            if !doc.objects.contains_key(id) && (!whole_table || listed_in_use(doc, *id)) {
                missing.insert(*id);
            }
        }
    };
    for o in doc.objects.values() {
        for_each_leaf(o, &mut note);
    }
    for (_, o) in doc.trailer.iter() {
        for_each_leaf(o, &mut note);
    }
    let listed = page_count_listed(doc).unwrap_or(0);
    if missing.is_empty() && listed <= pages_found {
        return None;
    }
    Some(Damage {
        reason: if truncated {
            "the file is truncated (no %%EOF: an interrupted download?)".into()
        } else if rebuilt {
            "the file's cross-reference table was rebuilt".into()
        } else {
            "the file is damaged".into()
        },
        missing,
        pages_missing: listed.saturating_sub(pages_found),
    })
}

/// Whether the cross-reference table lists object `id` as in use (at an offset or in an
/// object stream) with its generation.
fn listed_in_use(doc: &Document, (id, generation): ObjectId) -> bool {
    match doc.reference_table.get(id) {
        Some(XrefEntry::Normal { generation: g, .. }) => *g == generation,
        Some(XrefEntry::Compressed { .. }) => generation == 0,
        _ => false,
    }
}

/// Calls `f` on every object inside `o` (arrays and dictionaries opened, streams'
/// dictionaries too), iteratively.
fn for_each_leaf<'a>(o: &'a Object, f: &mut impl FnMut(&'a Object)) {
    let mut stack = vec![o];
    while let Some(o) = stack.pop() {
        match o {
            Object::Array(a) => stack.extend(a.iter()),
            Object::Dictionary(d) => stack.extend(d.iter().map(|(_, v)| v)),
            Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, v)| v)),
            _ => f(o),
        }
    }
}

/// `/Count` of the page tree's root.
fn page_count_listed(doc: &Document) -> Option<usize> {
    let root = doc.trailer.get(b"Root").ok()?;
    let root = crate::objects::deref(doc, root).as_dict().ok()?;
    let pages = crate::objects::deref(doc, root.get(b"Pages").ok()?)
        .as_dict()
        .ok()?;
    let count = crate::objects::deref(doc, pages.get(b"Count").ok()?);
    crate::objects::num(count)
        .filter(|c| c.is_finite() && *c >= 0.0)
        .map(|c| c as usize)
}

impl Damage {
    /// The missing objects a page needs: those reached from its content streams and
    /// resources (fonts, their programs and maps, images, forms; never up to its
    /// parent or across to other pages), at most `limit` objects visited.
    pub(crate) fn missing_for(
        &self,
        doc: &Document,
        roots: &[&Object],
        limit: usize,
    ) -> Vec<ObjectId> {
        let mut found: Vec<ObjectId> = Vec::new();
        if self.missing.is_empty() {
            return found;
        }
        let mut seen: HashSet<ObjectId> = HashSet::new();
        let mut stack: Vec<&Object> = roots.to_vec();
        while let Some(o) = stack.pop() {
            if seen.len() > limit {
                break;
            }
            match o {
                Object::Reference(id) => {
                    if self.missing.contains(id) {
                        if !found.contains(id) {
                            found.push(*id);
                        }
                    } else if seen.insert(*id) {
                        if let Ok(o) = doc.get_object(*id) {
                            stack.push(o);
                        }
                    }
                }
                Object::Array(a) => stack.extend(a.iter()),
                Object::Dictionary(d) => {
                    stack.extend(d.iter().filter(|(k, _)| !is_link_out(k)).map(|(_, v)| v))
                }
                Object::Stream(s) => stack.extend(
                    s.dict
                        .iter()
                        .filter(|(k, _)| !is_link_out(k))
                        .map(|(_, v)| v),
                ),
                _ => {}
            }
        }
        found.sort();
        found
    }
}

/// Keys that lead away from what a page draws (its parent, other pages, the structure
/// tree, actions).
fn is_link_out(key: &[u8]) -> bool {
    matches!(
        key,
        b"Parent"
            | b"P"
            | b"Dest"
            | b"D"
            | b"A"
            | b"Prev"
            | b"Next"
            | b"First"
            | b"Last"
            | b"StructParent"
            | b"StructParents"
            | b"Annots"
            | b"B"
            | b"Thread"
    )
}
