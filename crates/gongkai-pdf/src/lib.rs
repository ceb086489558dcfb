//! `gongkai-pdf` reads PDF pages into content that table reconstruction can use:
//! glyphs with correct Unicode (including CJK CID fonts without `/ToUnicode`), axis-aligned
//! ruling segments, filled rectangles and image placements, all in upright page
//! coordinates (points, origin top-left, `/Rotate` applied).
//!
//! lopdf parses objects (with cross-reference recovery and decryption); the content
//! interpreter, fonts and CMaps are ours, because the common crates lose Chinese text.

#![forbid(unsafe_code)]

mod cff;
mod cmap;
mod error;
mod font;
mod interp;
mod matrix;
mod objects;

/// Entry points for fuzzing the parsers that are private otherwise (feature `fuzzing`,
/// used by the cargo-fuzz targets in `fuzz/`). Not an API: each function just runs one
/// parser over arbitrary bytes and returns a number, so that the work is not optimised
/// away.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    /// Parses an embedded CMap program (`/ToUnicode` or an encoding CMap) and looks up
    /// every code it reads from the same bytes; returns the mappings found.
    pub fn cmap(data: &[u8]) -> usize {
        let cmap = crate::cmap::EmbeddedCMap::parse(data);
        let mut found = 0;
        let mut rest = data;
        while !rest.is_empty() {
            let (code, len) = cmap.next_code(rest);
            found += usize::from(cmap.cid(code, len).is_some());
            found += usize::from(cmap.unicode(code, len).is_some());
            rest = &rest[len.clamp(1, rest.len())..];
        }
        found
    }

    /// Reads the built-in encoding of a bare CFF program.
    pub fn cff(data: &[u8]) -> usize {
        match crate::cff::builtin_encoding(data) {
            Ok(Some(_)) => 2,
            Ok(None) => 1,
            Err(_) => 0,
        }
    }
}

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use gongkai_geom::{Glyph, Rect, Segment};
use lopdf::{Dictionary, Object, ObjectId};
use serde::{Deserialize, Serialize};

pub use error::{guard, PdfError};
pub use gongkai_geom::layout;
pub use gongkai_geom::Limits;
pub use matrix::Matrix;
use objects::{decode_text_string, deref, num};

mod damage;

/// Largest page side accepted, in points (PDF's own limit is 14,400; some producers
/// exceed it, so allow a generous margin before calling it corrupt).
const MAX_PAGE_SIDE: f64 = 200_000.0;
/// Deepest page tree accepted before calling it broken.
const MAX_TREE_DEPTH: usize = 64;

/// Options for opening a document.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// Password for encrypted files (the empty user password is always tried first).
    pub password: Option<String>,
    /// Files larger than this are refused with [`PdfError::TooLarge`].
    pub max_file_bytes: u64,
    /// Bounds on the cost of each page (and the document's object count).
    pub limits: Limits,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            password: None,
            max_file_bytes: 2 << 30,
            limits: Limits::default(),
        }
    }
}

/// What reading one page cost, counted against [`Limits`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageUsage {
    /// Content operators run (forms and annotation appearances included, repeats counted).
    pub operators: u64,
    /// Decoded content bytes interpreted (repeats counted).
    pub content_bytes: u64,
    /// Decoded content bytes held: each distinct stream once.
    pub distinct_content_bytes: u64,
    /// Deepest nesting of form XObjects.
    pub form_depth: usize,
}

/// Where an image's bytes live, so that OCR can fetch them later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImageSource {
    /// An image XObject (indirect object number and generation).
    XObject {
        /// Object number.
        object: u32,
        /// Generation number.
        generation: u16,
    },
    /// An inline image (`BI … EI`), by its order on the page.
    Inline {
        /// 0-based index among the page's inline images.
        index: usize,
    },
}

/// One placement of an image on a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImagePlacement {
    /// Where the image is drawn on the upright page.
    pub bbox: Rect,
    /// Image width in pixels as declared.
    pub pixel_width: u32,
    /// Image height in pixels as declared.
    pub pixel_height: u32,
    /// Handle to the image data.
    pub source: ImageSource,
}

/// An image's encoded bytes and the parameters needed to decode them.
#[derive(Debug, Clone)]
pub struct RawImage {
    /// Stream bytes with non-image filters (Flate, LZW, …) removed where possible.
    pub data: Vec<u8>,
    /// Remaining image filter, e.g. `DCTDecode`, `CCITTFaxDecode`, `JPXDecode`, or `None` for raw samples.
    pub filter: Option<String>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Bits per component (1, 8 …).
    pub bits_per_component: u32,
    /// Colour components per pixel (1 gray, 3 RGB, 4 CMYK), best effort.
    pub components: u32,
    /// `/DecodeParms` of the image filter, as `key=value` pairs (CCITT `K`, `Columns`, `BlackIs1` …).
    pub params: Vec<(String, i64)>,
}

/// Everything found on one page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PageContent {
    /// 1-based page number.
    pub page: u32,
    /// Width of the upright page in points.
    pub width: f64,
    /// Height of the upright page in points.
    pub height: f64,
    /// The page's `/Rotate` (0, 90, 180, 270).
    pub rotate: i32,
    /// Glyphs in content-stream order.
    pub glyphs: Vec<Glyph>,
    /// Axis-aligned ruling segments (stroked lines, rectangle edges, thin fills).
    pub segments: Vec<Segment>,
    /// Filled rectangles that are not thin enough to be lines (cell shading, boxes).
    pub fills: Vec<Rect>,
    /// Image placements.
    pub images: Vec<ImagePlacement>,
    /// Non-fatal problems met while reading the page.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub warnings: Vec<String>,
    /// What reading the page cost (not serialised).
    #[serde(skip)]
    pub usage: PageUsage,
}

impl PageContent {
    /// True when the page has (almost) no text but an image covering most of it: a scan.
    pub fn needs_ocr(&self) -> bool {
        let text_glyphs = self
            .glyphs
            .iter()
            .filter(|g| !g.text.trim().is_empty())
            .count();
        let page_area = self.width * self.height;
        let image_area: f64 = self
            .images
            .iter()
            .filter_map(|i| {
                i.bbox.intersection(&Rect {
                    x0: 0.0,
                    top: 0.0,
                    x1: self.width,
                    bottom: self.height,
                })
            })
            .map(|r| r.area())
            .sum();
        text_glyphs < 10 && page_area > 0.0 && image_area / page_area > 0.3
    }
}

struct PageRef {
    id: ObjectId,
    /// Visible box in user space: `[llx, lly, urx, ury]`.
    view: [f64; 4],
    rotate: i32,
    resources: Option<ObjectOrDict>,
}

enum ObjectOrDict {
    Id(ObjectId),
    Dict(Box<Dictionary>),
}

/// An open PDF document. `Sync`: pages can be read from several threads.
pub struct Document {
    doc: lopdf::Document,
    pages: Vec<PageRef>,
    fonts: interp::FontCache,
    limits: Limits,
    /// Notes about repairs made while opening (xref rebuilt, decrypted …).
    pub notes: Vec<String>,
    /// What a damaged file lacks (`damage::assess`); each page that needs a missing object
    /// says so in its warnings.
    damage: Option<damage::Damage>,
}

impl Document {
    /// Opens a file with default options.
    pub fn open(path: impl AsRef<Path>) -> Result<Document, PdfError> {
        Self::open_with(path, &OpenOptions::default())
    }

    /// Opens a file. Size is checked before anything is read into memory.
    pub fn open_with(path: impl AsRef<Path>, opts: &OpenOptions) -> Result<Document, PdfError> {
        let meta = std::fs::metadata(path.as_ref())?;
        if meta.is_dir() {
            return Err(PdfError::Io(std::io::Error::other("is a directory")));
        }
        if meta.len() > opts.max_file_bytes {
            return Err(PdfError::TooLarge {
                size: meta.len(),
                limit: opts.max_file_bytes,
            });
        }
        let bytes = std::fs::read(path.as_ref())?;
        Self::from_bytes(&bytes, opts)
    }

    /// Opens a document held in memory. A panic anywhere inside becomes [`PdfError::Panic`].
    pub fn from_bytes(bytes: &[u8], opts: &OpenOptions) -> Result<Document, PdfError> {
        guard(|| Self::from_bytes_unguarded(bytes, opts))
    }

    fn from_bytes_unguarded(bytes: &[u8], opts: &OpenOptions) -> Result<Document, PdfError> {
        if bytes.is_empty() {
            return Err(PdfError::Empty);
        }
        if bytes.len() as u64 > opts.max_file_bytes {
            return Err(PdfError::TooLarge {
                size: bytes.len() as u64,
                limit: opts.max_file_bytes,
            });
        }
        let head = &bytes[..bytes.len().min(1024)];
        if !head.windows(5).any(|w| w == b"%PDF-") {
            return Err(PdfError::NotPdf);
        }
        let mut notes = Vec::new();
        let load = |password: Option<String>| {
            let lo = lopdf::LoadOptions {
                password,
                ..Default::default()
            };
            lopdf::Document::load_mem_with_options(bytes, lo)
        };
        let doc = match load(opts.password.clone()) {
            Ok(d) => d,
            Err(e) => return Err(map_load_error(e, opts.password.is_some(), bytes)),
        };
        if doc.is_encrypted() && doc.encryption_state.is_none() {
            // lopdf could not decrypt (no usable password).
            return Err(if opts.password.is_some() {
                PdfError::WrongPassword
            } else {
                PdfError::PasswordRequired
            });
        }
        if doc.was_encrypted() {
            notes.push("decrypted".to_string());
        }
        if let Some(r) = doc.xref_recovery.as_ref() {
            notes.push(format!("cross-reference table repaired: {r:?}"));
        }
        if doc.objects.len() > opts.limits.max_objects {
            return Err(PdfError::LimitExceeded {
                page: None,
                what: "objects",
                limit: opts.limits.max_objects as u64,
            });
        }
        let pages = collect_pages(&doc)?;
        if pages.is_empty() {
            return Err(PdfError::NoPages);
        }
        let truncated = damage::is_truncated(bytes);
        if truncated {
            notes.push("truncated: no %%EOF at the end of the file".to_string());
        }
        let damage = damage::assess(&doc, truncated, doc.xref_recovery.is_some(), pages.len());
        Ok(Document {
            doc,
            pages,
            fonts: Mutex::new(HashMap::new()),
            limits: opts.limits,
            notes,
            damage,
        })
    }

    /// The bounds this document was opened with.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Number of indirect objects.
    pub fn object_count(&self) -> usize {
        self.doc.objects.len()
    }

    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Reads page `n` (1-based). A panic inside becomes [`PdfError::Panic`].
    pub fn page(&self, n: usize) -> Result<PageContent, PdfError> {
        self.page_until(n, None)
    }

    /// Reads page `n` (1-based), giving up with [`PdfError::Timeout`] once `deadline`
    /// has passed (the clock is read every thousand operators or so, so a page stops
    /// within milliseconds of it). A panic inside becomes [`PdfError::Panic`].
    pub fn page_until(&self, n: usize, deadline: Option<Instant>) -> Result<PageContent, PdfError> {
        guard(|| self.page_unguarded(n, deadline))
    }

    fn page_unguarded(&self, n: usize, deadline: Option<Instant>) -> Result<PageContent, PdfError> {
        let count = self.pages.len();
        let page = self
            .pages
            .get(n.wrapping_sub(1))
            .ok_or(PdfError::PageOutOfRange { page: n, count })?;
        let [llx, lly, urx, ury] = page.view;
        let (w, h) = (urx - llx, ury - lly);
        if !(w.is_finite() && h.is_finite()) || w > MAX_PAGE_SIDE || h > MAX_PAGE_SIDE {
            return Err(PdfError::HugePage {
                page: n,
                width: w,
                height: h,
            });
        }
        let (page_t, width, height) = match page.rotate {
            90 => (Matrix::new(0.0, 1.0, 1.0, 0.0, -lly, -llx), h, w),
            180 => (Matrix::new(-1.0, 0.0, 0.0, 1.0, urx, -lly), w, h),
            270 => (Matrix::new(0.0, -1.0, -1.0, 0.0, ury, urx), h, w),
            _ => (Matrix::new(1.0, 0.0, 0.0, -1.0, -llx, ury), w, h),
        };
        let resources: Option<&Dictionary> = match &page.resources {
            Some(ObjectOrDict::Id(id)) => self
                .doc
                .get_object(*id)
                .ok()
                .and_then(|o| deref(&self.doc, o).as_dict().ok()),
            Some(ObjectOrDict::Dict(d)) => Some(d),
            None => None,
        };
        let page_box = Rect {
            x0: 0.0,
            top: 0.0,
            x1: width,
            bottom: height,
        };
        let mut it = interp::Interpreter::new(
            &self.doc,
            &self.fonts,
            page_t,
            page_box,
            self.limits,
            deadline,
        );
        let mut content = self.page_content_bytes(page.id, n)?;
        let stream_warnings = std::mem::take(&mut content.warnings);
        if it.take_bytes(content.bytes.len()) {
            it.run(&content.bytes, resources);
        }
        drop(content.bytes);
        if !it.halted() {
            self.draw_annotations(&mut it, page.id, resources);
        }
        let mut c = it.finish();
        c.usage.distinct_content_bytes += content.distinct;
        match c.halt {
            Some(interp::Halt::Limit(what, limit)) => {
                return Err(PdfError::LimitExceeded {
                    page: Some(n),
                    what,
                    limit,
                })
            }
            Some(interp::Halt::Deadline) => return Err(PdfError::Timeout { page: n }),
            None => {}
        }
        let removed = dedupe_glyphs(&mut c.glyphs);
        if removed > 0 {
            c.warnings
                .push(format!("{removed} duplicate overprinted glyphs removed"));
        }
        dedupe_segments(&mut c.segments);
        c.warnings.extend(stream_warnings);
        c.warnings.extend(self.damage_warnings(n, page));
        Ok(PageContent {
            page: n as u32,
            width,
            height,
            rotate: page.rotate,
            glyphs: c.glyphs,
            segments: c.segments,
            fills: c.fills,
            images: c.images,
            warnings: c.warnings,
            usage: c.usage,
        })
    }

    /// The warnings of page `n` of a damaged file: the objects it needs that the file
    /// lacks, and on the last page, the pages the page tree lists beyond those found.
    fn damage_warnings(&self, n: usize, page: &PageRef) -> Vec<String> {
        let Some(d) = &self.damage else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let contents = self
            .doc
            .get_dictionary(page.id)
            .ok()
            .and_then(|p| p.get(b"Contents").ok());
        let resources = match &page.resources {
            Some(ObjectOrDict::Id(id)) => Some(Object::Reference(*id)),
            Some(ObjectOrDict::Dict(dict)) => Some(Object::Dictionary((**dict).clone())),
            None => None,
        };
        let roots: Vec<&Object> = contents.into_iter().chain(resources.as_ref()).collect();
        let missing = d.missing_for(&self.doc, &roots, self.limits.max_objects);
        if !missing.is_empty() {
            let shown: Vec<String> = missing
                .iter()
                .take(5)
                .map(|(num, gen)| format!("{num} {gen} R"))
                .collect();
            out.push(format!(
                "{}: {} object{} this page needs {} missing from the file ({}{}): its text and drawings may be incomplete",
                d.reason,
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                if missing.len() == 1 { "is" } else { "are" },
                shown.join(", "),
                if missing.len() > 5 { ", …" } else { "" }
            ));
        }
        if n == self.pages.len() && d.pages_missing > 0 {
            out.push(format!(
                "{}: the page tree lists {} pages, {} are in the file",
                d.reason,
                self.pages.len() + d.pages_missing,
                self.pages.len()
            ));
        }
        out
    }

    /// Draws the normal appearance stream of each visible annotation (form-field values,
    /// free text, stamps) over the page, as viewers and pdftotext do. Hidden and
    /// no-view annotations are skipped; an appearance dictionary picks the state
    /// named by `/AS`.
    fn draw_annotations<'a>(
        &'a self,
        it: &mut interp::Interpreter<'a>,
        page_id: ObjectId,
        resources: Option<&'a Dictionary>,
    ) {
        const HIDDEN: i64 = 1 << 1;
        const NO_VIEW: i64 = 1 << 5;
        let doc = &self.doc;
        let Ok(page) = doc.get_dictionary(page_id) else {
            return;
        };
        let Some(Object::Array(annots)) = page.get(b"Annots").ok().map(|o| deref(doc, o)) else {
            return;
        };
        for a in annots.iter().take(10_000) {
            if it.halted() {
                return;
            }
            let Ok(annot) = deref(doc, a).as_dict() else {
                continue;
            };
            let flags = annot
                .get(b"F")
                .ok()
                .map(|o| deref(doc, o))
                .and_then(num)
                .unwrap_or(0.0) as i64;
            if flags & (HIDDEN | NO_VIEW) != 0 {
                continue;
            }
            let Some(rect) = read_box(doc, annot, b"Rect") else {
                continue;
            };
            let Some(ap) = annot
                .get(b"AP")
                .ok()
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_dict().ok())
            else {
                continue;
            };
            let Ok(normal_ref) = ap.get(b"N") else {
                continue;
            };
            let (id, form) = match deref(doc, normal_ref) {
                Object::Stream(s) => (normal_ref.as_reference().ok(), s),
                Object::Dictionary(states) => {
                    let Some(state) = annot
                        .get(b"AS")
                        .ok()
                        .map(|o| deref(doc, o))
                        .and_then(|o| o.as_name().ok())
                    else {
                        continue;
                    };
                    let Ok(entry) = states.get(state) else {
                        continue;
                    };
                    let Ok(s) = deref(doc, entry).as_stream() else {
                        continue;
                    };
                    (entry.as_reference().ok(), s)
                }
                _ => continue,
            };
            it.run_appearance(form, id, rect, resources);
        }
    }

    /// The page's content: its `/Contents` streams decoded and joined (a newline after
    /// each). Each distinct stream is decoded once; the total, repeats counted, is bounded
    /// by [`Limits::max_content_bytes`] before anything is joined.
    fn page_content_bytes(&self, id: ObjectId, n: usize) -> Result<PageBytes, PdfError> {
        let Ok(dict) = self.doc.get_dictionary(id) else {
            return Err(PdfError::BrokenContent {
                page: n,
                reason: "page object is not a dictionary".into(),
            });
        };
        let contents = match dict.get(b"Contents") {
            Ok(c) => c,
            Err(_) => return Ok(PageBytes::default()),
        };
        let streams: Vec<&Object> = match deref(&self.doc, contents) {
            Object::Array(a) => a.iter().map(|o| deref(&self.doc, o)).collect(),
            o => vec![o],
        };
        let limit = self.limits.max_content_bytes;
        let over = || PdfError::LimitExceeded {
            page: Some(n),
            what: "decoded content bytes",
            limit,
        };
        // Decoded streams by the address of their object: a stream listed many times is
        // decoded once.
        let mut decoded: HashMap<usize, Result<Vec<u8>, String>> = HashMap::new();
        let mut order: Vec<usize> = Vec::with_capacity(streams.len());
        let mut warnings: Vec<String> = Vec::new();
        let mut total: u64 = 0;
        let mut distinct: u64 = 0;
        for s in streams {
            let Ok(stream) = s.as_stream() else { continue };
            let key = s as *const Object as usize;
            if let std::collections::hash_map::Entry::Vacant(slot) = decoded.entry(key) {
                let budget = limit.saturating_sub(distinct).min(usize::MAX as u64) as usize;
                let inflated = plain_flate(stream)
                    .then(|| inflate(&stream.content, budget))
                    .flatten();
                let r = match inflated {
                    Some((bytes, _)) if bytes.len() > budget => return Err(over()),
                    Some((bytes, Inflated::Cut)) if !bytes.is_empty() => {
                        warnings.push(format!(
                            "a content stream is damaged: its data ends after {} decoded bytes, the rest of the page's text and drawings is lost",
                            bytes.len()
                        ));
                        Ok(bytes)
                    }
                    // Decrypted streams are left out: writers of encrypted files get the
                    // checksum wrong (lopdf's note), and their bytes are right.
                    Some((bytes, Inflated::Garbled)) if !self.doc.was_encrypted() => {
                        warnings.push(
                            "a content stream is damaged: its checksum does not match the bytes decoded, some of the page's text or drawings may be garbled"
                                .to_string(),
                        );
                        Ok(bytes)
                    }
                    Some((bytes, Inflated::Whole | Inflated::Garbled)) => Ok(bytes),
                    _ => match stream.decompressed_content_with_limit(budget) {
                        // A filter that yields nothing from non-empty input failed silently,
                        // unless the input is a well-formed zlib stream of nothing.
                        Ok(bytes)
                            if bytes.is_empty()
                                && !stream.content.is_empty()
                                && !is_empty_zlib(&stream.content) =>
                        {
                            Err("stream decodes to nothing".to_string())
                        }
                        Ok(bytes) => Ok(bytes),
                        Err(_) if stream.dict.get(b"Filter").is_err() => {
                            if stream.content.len() as u64 > budget as u64 {
                                return Err(over());
                            }
                            Ok(stream.content.clone())
                        }
                        Err(e) if is_over_limit(&e) => return Err(over()),
                        Err(e) => Err(decode_error_text(stream, &e)),
                    },
                };
                if let Ok(b) = &r {
                    distinct += b.len() as u64 + 1;
                }
                slot.insert(r);
            }
            if let Some(Ok(b)) = decoded.get(&key) {
                total += b.len() as u64 + 1;
                if total > limit {
                    return Err(over());
                }
            }
            order.push(key);
        }
        let mut out = Vec::with_capacity(total as usize);
        let mut failures: Vec<String> = Vec::new();
        for key in order {
            match decoded.get(&key) {
                Some(Ok(b)) => out.extend_from_slice(b),
                Some(Err(e)) if !failures.contains(e) => failures.push(e.clone()),
                _ => {}
            }
            out.push(b'\n');
        }
        if !failures.is_empty() && out.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(PdfError::BrokenContent {
                page: n,
                reason: failures.join("; "),
            });
        }
        // A stream that failed beside others that were read: the page is read in part.
        for f in failures {
            warnings.push(format!(
                "a content stream could not be decoded ({f}): the page's other streams were read"
            ));
        }
        Ok(PageBytes {
            bytes: out,
            distinct,
            warnings,
        })
    }

    /// Fetches an image's bytes for OCR. Non-image filters are removed; an image
    /// filter (DCT, CCITT, JPX) is left for the caller, named in [`RawImage::filter`].
    pub fn image_data(&self, page: usize, source: &ImageSource) -> Option<RawImage> {
        let ImageSource::XObject { object, generation } = *source else {
            let _ = page;
            return None;
        };
        let stream = deref(&self.doc, self.doc.get_object((object, generation)).ok()?)
            .as_stream()
            .ok()?;
        let d = &stream.dict;
        let get_num = |k: &[u8]| d.get(k).ok().map(|o| deref(&self.doc, o)).and_then(num);
        let width = get_num(b"Width")? as u32;
        let height = get_num(b"Height")? as u32;
        if u64::from(width) * u64::from(height) > self.limits.max_image_pixels {
            return None;
        }
        // Decoded samples: at most 4 components of 8 bits per pixel as bounded.
        let bound = self.limits.max_image_pixels.saturating_mul(4).min(1 << 31) as usize;
        let bpc = get_num(b"BitsPerComponent").unwrap_or(8.0) as u32;
        let filters: Vec<String> = match d.get(b"Filter").ok().map(|o| deref(&self.doc, o)) {
            Some(Object::Name(n)) => vec![String::from_utf8_lossy(n).into_owned()],
            Some(Object::Array(a)) => a
                .iter()
                .filter_map(|o| o.as_name().ok())
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .collect(),
            _ => vec![],
        };
        let image_filters = ["DCTDecode", "CCITTFaxDecode", "JPXDecode", "JBIG2Decode"];
        let last_is_image = filters
            .last()
            .is_some_and(|f| image_filters.contains(&f.as_str()));
        let data = if filters.is_empty() || (last_is_image && filters.len() == 1) {
            stream.content.clone()
        } else if last_is_image {
            // Decode the outer filters only: rebuild a stream without the image filter.
            let mut s = stream.clone();
            let outer: Vec<Object> = filters[..filters.len() - 1]
                .iter()
                .map(|f| Object::Name(f.clone().into_bytes()))
                .collect();
            s.dict.set("Filter", Object::Array(outer));
            s.dict.remove(b"DecodeParms");
            s.decompressed_content_with_limit(bound).ok()?
        } else {
            stream.decompressed_content_with_limit(bound).ok()?
        };
        let components = match d.get(b"ColorSpace").ok().map(|o| deref(&self.doc, o)) {
            Some(Object::Name(n)) if n == b"DeviceRGB" || n == b"CalRGB" => 3,
            Some(Object::Name(n)) if n == b"DeviceCMYK" => 4,
            Some(Object::Array(a))
                if a.first().and_then(|o| o.as_name().ok()) == Some(b"ICCBased") =>
            {
                a.get(1)
                    .map(|o| deref(&self.doc, o))
                    .and_then(|o| o.as_stream().ok())
                    .and_then(|s| s.dict.get(b"N").ok().and_then(num))
                    .unwrap_or(3.0) as u32
            }
            _ => 1,
        };
        let mut params = Vec::new();
        if let Some(p) = d.get(b"DecodeParms").ok().map(|o| deref(&self.doc, o)) {
            let dict = match p {
                Object::Dictionary(dd) => Some(dd),
                Object::Array(a) => a
                    .last()
                    .map(|o| deref(&self.doc, o))
                    .and_then(|o| o.as_dict().ok()),
                _ => None,
            };
            if let Some(dd) = dict {
                for (k, v) in dd.iter() {
                    let val = match v {
                        Object::Integer(i) => Some(*i),
                        Object::Boolean(b) => Some(*b as i64),
                        _ => None,
                    };
                    if let Some(val) = val {
                        params.push((String::from_utf8_lossy(k).into_owned(), val));
                    }
                }
            }
        }
        let filter = if last_is_image {
            filters.last().cloned()
        } else {
            None
        };
        Some(RawImage {
            data,
            filter,
            width,
            height,
            bits_per_component: bpc,
            components,
            params,
        })
    }

    /// The document information dictionary's title, if any (for reports).
    pub fn title(&self) -> Option<String> {
        let info = self
            .doc
            .trailer
            .get(b"Info")
            .ok()
            .map(|o| deref(&self.doc, o))?
            .as_dict()
            .ok()?;
        let t = info
            .get(b"Title")
            .ok()
            .map(|o| deref(&self.doc, o))?
            .as_str()
            .ok()?;
        Some(decode_text_string(t))
    }
}

/// A page's content streams joined, and how many bytes its distinct streams decode to.
#[derive(Default)]
struct PageBytes {
    bytes: Vec<u8>,
    distinct: u64,
    /// Streams read only in part, or not at all beside others that were.
    warnings: Vec<String>,
}

/// How a FlateDecode stream decoded ([`inflate`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Inflated {
    /// Whole, its checksum right (or absent).
    Whole,
    /// The data ends before the deflate stream does: what came before is kept.
    Cut,
    /// Whole, but its Adler-32 checksum is not that of the bytes decoded: some of them
    /// may be garbled (a damaged byte that still decodes).
    Garbled,
}

/// Inflates the data of a stream whose one filter is FlateDecode (no predictor), seeing
/// what lopdf's decoder keeps to its log: whether the data ended before the deflate
/// stream did, and whether the Adler-32 trailer matches. `None` when the data has no zlib
/// header (lopdf then tries its own fallbacks). At most `limit + 1` bytes are produced.
fn inflate(content: &[u8], limit: usize) -> Option<(Vec<u8>, Inflated)> {
    use std::io::Read;
    let [cmf, flg, ..] = *content else {
        return None;
    };
    if cmf & 0x0F != 8 || (u16::from(cmf) << 8 | u16::from(flg)) % 31 != 0 {
        return None;
    }
    let mut out = Vec::new();
    let mut decoder = flate2::read::DeflateDecoder::new(&content[2..]);
    let read = (&mut decoder).take(limit as u64 + 1).read_to_end(&mut out);
    if read.is_err() {
        return Some((out, Inflated::Cut));
    }
    let end = 2 + decoder.total_in() as usize;
    let state = match content.get(end..end + 4) {
        Some(t) if u32::from_be_bytes([t[0], t[1], t[2], t[3]]) != adler32(&out) => {
            Inflated::Garbled
        }
        _ => Inflated::Whole,
    };
    Some((out, state))
}

/// The Adler-32 checksum of `data` (RFC 1950).
fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    let (mut a, mut b) = (1u32, 0u32);
    // 5,552 bytes is the most that can be summed before `b` could overflow.
    for chunk in data.chunks(5_552) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    b << 16 | a
}

/// The stream's one filter when it is FlateDecode without parameters.
fn plain_flate(stream: &lopdf::Stream) -> bool {
    let one = match stream.dict.get(b"Filter") {
        Ok(Object::Name(n)) => n.as_slice() == b"FlateDecode",
        Ok(Object::Array(a)) => {
            a.len() == 1 && a[0].as_name().ok() == Some(b"FlateDecode".as_slice())
        }
        _ => false,
    };
    one && stream.dict.get(b"DecodeParms").is_err()
}

/// True when decoding failed because the output would pass the size bound given.
pub(crate) fn is_over_limit(e: &lopdf::Error) -> bool {
    matches!(
        e,
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })
    )
}

/// Why a stream could not be decoded, in our words: a filter we do not decode is named
/// (lopdf's own text for it asks the reader to file an issue with lopdf).
pub(crate) fn decode_error_text(stream: &lopdf::Stream, e: &lopdf::Error) -> String {
    match e {
        lopdf::Error::Unimplemented(_) => {
            let names: Vec<String> = stream
                .filters()
                .map(|f| {
                    f.iter()
                        .map(|n| format!("/{}", String::from_utf8_lossy(n)))
                        .collect()
                })
                .unwrap_or_default();
            if names.is_empty() {
                "unsupported stream filter".to_string()
            } else {
                format!("unsupported stream filter {}", names.join(" "))
            }
        }
        e => e.to_string(),
    }
}

/// True for a complete zlib stream whose content is empty: a valid header and the
/// Adler-32 of no bytes (1) as its trailer. Blank pages are written this way (Acrobat).
fn is_empty_zlib(raw: &[u8]) -> bool {
    let end = raw.len()
        - raw
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
    let raw = &raw[..end];
    if raw.len() < 8 {
        return false;
    }
    let header_ok = raw[0] & 0x0F == 8 && (u16::from(raw[0]) << 8 | u16::from(raw[1])) % 31 == 0;
    header_ok && raw[raw.len() - 4..] == [0, 0, 0, 1]
}

fn map_load_error(e: lopdf::Error, had_password: bool, bytes: &[u8]) -> PdfError {
    use lopdf::Error as E;
    match e {
        E::InvalidPassword => {
            if had_password {
                PdfError::WrongPassword
            } else {
                PdfError::PasswordRequired
            }
        }
        E::Decryption(d) => PdfError::UnsupportedEncryption(d.to_string()),
        E::IO(io) => PdfError::Io(io),
        other => {
            if damage::is_truncated(bytes) {
                PdfError::Corrupt(format!("truncated (no %%EOF) and unrecoverable: {other}"))
            } else {
                PdfError::Corrupt(other.to_string())
            }
        }
    }
}

/// Walks the page tree with cycle and depth guards, resolving inherited attributes.
fn collect_pages(doc: &lopdf::Document) -> Result<Vec<PageRef>, PdfError> {
    let root = doc
        .trailer
        .get(b"Root")
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .ok_or_else(|| PdfError::PageTree("no document catalog (/Root)".into()))?;
    let pages_ref = root
        .get(b"Pages")
        .map_err(|_| PdfError::PageTree("catalog has no /Pages".into()))?;
    let pages_id = pages_ref.as_reference().ok();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    // Iterative DFS over (id, node, inherited [MediaBox, CropBox], /Rotate, /Resources, depth).
    let mut stack: Vec<TreeItem> = Vec::new();
    stack.push((pages_id, pages_ref, [None, None], 0, None, 0));
    let mut cycle = false;
    let mut kids_buf: Vec<TreeItem> = Vec::new();
    while let Some((id, obj, boxes, rotate, res, depth)) = stack.pop() {
        if depth > MAX_TREE_DEPTH {
            return Err(PdfError::PageTree(format!(
                "page tree deeper than {MAX_TREE_DEPTH} levels"
            )));
        }
        if let Some(id) = id {
            if !seen.insert(id) {
                cycle = true;
                continue;
            }
        }
        let Ok(dict) = deref(doc, obj).as_dict() else {
            continue;
        };
        let media = read_box(doc, dict, b"MediaBox").or(boxes[0]);
        let crop = read_box(doc, dict, b"CropBox").or(boxes[1]);
        let rotate = dict
            .get(b"Rotate")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(num)
            .map(|r| r as i64)
            .unwrap_or(rotate);
        let res = match dict.get(b"Resources") {
            Ok(Object::Reference(rid)) => Some(ResourceRef::Id(*rid)),
            Ok(Object::Dictionary(_)) => Some(ResourceRef::Inline(id)),
            _ => res,
        };
        let kids = dict
            .get(b"Kids")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok());
        let is_page = dict.get(b"Type").ok().and_then(|o| o.as_name().ok()) == Some(b"Page")
            || kids.is_none();
        if is_page {
            let Some(id) = id else { continue };
            let media = media.unwrap_or([0.0, 0.0, 612.0, 792.0]);
            let view = match crop {
                Some(c) => intersect_box(media, c).unwrap_or(media),
                None => media,
            };
            let resources = match res {
                Some(ResourceRef::Id(rid)) => Some(ObjectOrDict::Id(rid)),
                Some(ResourceRef::Inline(Some(owner))) => doc
                    .get_dictionary(owner)
                    .ok()
                    .and_then(|d| d.get(b"Resources").ok())
                    .and_then(|o| o.as_dict().ok())
                    .map(|d| ObjectOrDict::Dict(Box::new(d.clone()))),
                _ => None,
            };
            out.push(PageRef {
                id,
                view,
                rotate: rotate.rem_euclid(360) as i32 / 90 * 90,
                resources,
            });
            continue;
        }
        if let Some(kids) = kids {
            kids_buf.clear();
            for k in kids {
                kids_buf.push((
                    k.as_reference().ok(),
                    k,
                    [media, crop],
                    rotate,
                    res,
                    depth + 1,
                ));
            }
            // Push in reverse so that pages come out in order.
            while let Some(k) = kids_buf.pop() {
                stack.push(k);
            }
        }
        if out.len() > 1_000_000 {
            return Err(PdfError::PageTree("more than a million pages".into()));
        }
    }
    if out.is_empty() && cycle {
        return Err(PdfError::PageTree("page tree loops back on itself".into()));
    }
    Ok(out)
}

type TreeItem<'a> = (
    Option<ObjectId>,
    &'a Object,
    [Option<[f64; 4]>; 2],
    i64,
    Option<ResourceRef>,
    usize,
);

#[derive(Clone, Copy)]
enum ResourceRef {
    Id(ObjectId),
    /// Resources stored directly in the node with this id.
    Inline(Option<ObjectId>),
}

fn read_box(doc: &lopdf::Document, dict: &Dictionary, key: &[u8]) -> Option<[f64; 4]> {
    let arr = dict.get(key).ok().map(|o| deref(doc, o))?.as_array().ok()?;
    if arr.len() != 4 {
        return None;
    }
    let v: Vec<f64> = arr.iter().filter_map(|o| num(deref(doc, o))).collect();
    if v.len() != 4 || v.iter().any(|x| !x.is_finite()) {
        return None;
    }
    let b = [
        v[0].min(v[2]),
        v[1].min(v[3]),
        v[0].max(v[2]),
        v[1].max(v[3]),
    ];
    (b[2] - b[0] > 0.0 && b[3] - b[1] > 0.0).then_some(b)
}

fn intersect_box(a: [f64; 4], b: [f64; 4]) -> Option<[f64; 4]> {
    let r = [
        a[0].max(b[0]),
        a[1].max(b[1]),
        a[2].min(b[2]),
        a[3].min(b[3]),
    ];
    (r[2] - r[0] > 1.0 && r[3] - r[1] > 1.0).then_some(r)
}

/// Removes glyphs drawn twice at (almost) the same place with the same text — fake
/// bold and shadow effects — which would otherwise double characters in cells. Two
/// glyphs are duplicates when their texts match and their boxes are offset by less
/// than a third of the glyph's width and height.
fn dedupe_glyphs(glyphs: &mut Vec<Glyph>) -> usize {
    let before = glyphs.len();
    // Bucket by text and coarse position; compare only within nearby buckets.
    let mut kept: HashMap<(String, i64, i64), Vec<Rect>> = HashMap::new();
    let cell = 4.0;
    glyphs.retain(|g| {
        if g.text.trim().is_empty() {
            return true;
        }
        let b = g.bbox;
        // Overprints are offset by a fraction of a point; adjacent equal letters by a full advance.
        let (tx, ty) = (
            (b.width() / 3.0).clamp(0.3, 1.5),
            (b.height() / 3.0).clamp(0.3, 1.5),
        );
        let (bx, by) = ((b.x0 / cell).floor() as i64, (b.top / cell).floor() as i64);
        for dx in -1..=1 {
            for dy in -1..=1 {
                if let Some(list) = kept.get(&(g.text.clone(), bx + dx, by + dy)) {
                    if list
                        .iter()
                        .any(|k| (k.x0 - b.x0).abs() < tx && (k.top - b.top).abs() < ty)
                    {
                        return false;
                    }
                }
            }
        }
        kept.entry((g.text.clone(), bx, by)).or_default().push(b);
        true
    });
    before - glyphs.len()
}

/// Removes exact duplicate segments (rectangles stroked twice, overlapping cell borders).
fn dedupe_segments(segs: &mut Vec<Segment>) {
    let mut seen = HashSet::new();
    segs.retain(|s| {
        let q = |v: f64| (v * 10.0).round() as i64;
        seen.insert((s.orientation as u8, q(s.x0), q(s.top), q(s.x1), q(s.bottom)))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_non_pdf_are_typed() {
        let o = OpenOptions::default();
        assert!(matches!(
            Document::from_bytes(b"", &o),
            Err(PdfError::Empty)
        ));
        assert!(matches!(
            Document::from_bytes(b"hello world", &o),
            Err(PdfError::NotPdf)
        ));
    }

    #[test]
    fn empty_zlib_stream_is_recognised() {
        // zlib.compress(b"") with a two-block deflate body, as Acrobat writes blank pages.
        assert!(is_empty_zlib(&[
            0x48, 0x89, 0x02, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x01
        ]));
        assert!(is_empty_zlib(&[
            0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01, b'\n'
        ]));
        assert!(!is_empty_zlib(&[
            0x78, 0x9c, 0x4b, 0x04, 0x00, 0x00, 0x62, 0x00, 0x62
        ]));
        assert!(!is_empty_zlib(b"garbage!"));
        assert!(!is_empty_zlib(&[]));
    }

    #[test]
    fn guard_turns_panics_into_errors() {
        let r: Result<(), PdfError> = guard(|| panic!("boom"));
        assert!(matches!(r, Err(PdfError::Panic(m)) if m == "boom"));
    }
}
