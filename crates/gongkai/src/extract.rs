//! One document through every stage: PDF content (or OCR for image-only pages) → text
//! lines → tables → records. A pure function of the file bytes and the options, so the
//! output is reproducible.

use std::path::Path;
use std::time::{Duration, Instant};

use gongkai_pdf::PdfError;

use crate::document::{Document, Line, Page, Source, Table, SCHEMA};
use crate::{Error, Options};

/// A page's content kept after its first reading, for the second look at a page that may
/// continue a borderless table from the page before: width, height, glyphs, rulings.
type Kept = (
    f64,
    f64,
    Vec<gongkai_geom::Glyph>,
    Vec<gongkai_geom::Segment>,
);

/// One page after its first reading: the page, its tables, its content kept for the
/// second look, and why it could not be read (then the page holds the reason as its
/// warning).
type Read = (
    Page,
    Vec<gongkai_table::Table>,
    Option<Kept>,
    Option<PdfError>,
);

/// Processes one document held in memory. Pages are read in parallel (on the current
/// rayon pool) for large documents; `deadline` bounds the whole document, inside the
/// reading and table detection of each page too. A page that cannot be read (broken,
/// over a bound of [`gongkai_pdf::Limits`], or a panic inside) is kept with its reason
/// as a page warning; the document fails only when no page could be read at all.
/// `sha256` is written into the source as given.
pub(crate) fn process(
    file: &str,
    bytes: &[u8],
    sha256: String,
    options: &Options,
    deadline: Option<(Instant, Duration)>,
) -> Result<Document, Error> {
    use rayon::prelude::*;
    let doc = gongkai_pdf::Document::from_bytes(bytes, &options.open_options())?;
    let n = doc.page_count();
    let timed_out = || deadline.is_some_and(|(d, _)| Instant::now() > d);
    let timeout = || Error::Timeout(deadline.map_or(Duration::ZERO, |d| d.1));
    let opts_t = gongkai_table::TableOptions {
        limits: options.limits,
        deadline: deadline.map(|d| d.0),
        ..Default::default()
    };
    // A page's content is kept after its first reading only when the page may continue
    // a borderless table from the page before (no table, or a borderless one first).
    let first_reading =
        |c: &mut gongkai_pdf::PageContent| -> (Page, Vec<gongkai_table::Table>, Option<Kept>) {
            let (needs_ocr, ocr) = read_scan(&doc, c, bytes, options);
            let input = gongkai_table::PageInput {
                page: c.page,
                width: c.width,
                height: c.height,
                glyphs: &c.glyphs,
                segments: &c.segments,
            };
            let found = gongkai_table::find_tables(&input, None, &opts_t);
            c.warnings.extend(found.warnings);
            let tables = found.tables;
            let open = tables
                .first()
                .is_none_or(|t| t.method == gongkai_table::Method::Stream);
            let kept = open.then(|| {
                (
                    c.width,
                    c.height,
                    std::mem::take(&mut c.glyphs),
                    std::mem::take(&mut c.segments),
                )
            });
            let lines = gongkai_pdf::layout::text_lines(kept.as_ref().map_or(&c.glyphs, |k| &k.2))
                .into_iter()
                .map(|mut l| Line {
                    text: {
                        l.text.shrink_to_fit();
                        l.text
                    },
                    bbox: l.bbox.to_array(),
                })
                .collect();
            (
                Page {
                    page: c.page,
                    width: gongkai_geom::round2(c.width),
                    height: gongkai_geom::round2(c.height),
                    rotate: c.rotate,
                    needs_ocr,
                    ocr,
                    lines,
                    warnings: std::mem::take(&mut c.warnings),
                },
                tables,
                kept,
            )
        };
    let failed_page = |p: usize, e: PdfError| -> Read {
        (
            Page {
                page: p as u32,
                width: 0.0,
                height: 0.0,
                rotate: 0,
                needs_ocr: false,
                ocr: None,
                lines: vec![],
                warnings: vec![e.to_string()],
            },
            Vec::new(),
            None,
            Some(e),
        )
    };
    let read = |p: usize| -> Result<Read, Error> {
        if timed_out() {
            return Err(timeout());
        }
        // The page's whole first reading is guarded: a panic in any stage is this page's
        // failure, not the document's.
        let r = gongkai_pdf::guard(|| {
            let mut c = doc.page_until(p, deadline.map(|d| d.0))?;
            Ok(first_reading(&mut c))
        });
        if timed_out() {
            return Err(timeout());
        }
        Ok(match r {
            Ok((page, tables, kept)) => (page, tables, kept, None),
            Err(PdfError::Timeout { .. }) => return Err(timeout()),
            Err(e) => failed_page(p, e),
        })
    };
    // Second look: a page opening with the rest of the previous page's borderless table
    // is read on that table's columns.
    let again = |page: u32,
                 first: &[gongkai_table::Table],
                 kept: Option<&Kept>,
                 prev: Option<&gongkai_table::Table>|
     -> Option<Vec<gongkai_table::Table>> {
        let (width, height, glyphs, segments) = kept?;
        if !gongkai_table::may_continue(prev, first) {
            return None;
        }
        let input = gongkai_table::PageInput {
            page,
            width: *width,
            height: *height,
            glyphs,
            segments,
        };
        // A panic here keeps the first reading.
        gongkai_pdf::guard(|| Ok(gongkai_table::find_tables(&input, prev, &opts_t).tables)).ok()
    };
    // Pages are read a window at a time, so that what a page holds for its second look
    // (its glyphs and rulings) is dropped once the window is done: memory stays bounded
    // whatever the number of pages. Within a window, pages are read in parallel; the
    // pages that need a second look are read again in parallel against the previous
    // page's first reading, and then, in page order, a page whose previous page was
    // itself read again (or is the last of the window before) is redone against the
    // final reading. The result is the page-by-page one on any number of threads and
    // any window size.
    let parallel = n >= 8;
    let window = if parallel {
        (8 * rayon::current_num_threads()).max(32)
    } else {
        n.max(1)
    };
    let mut pages = Vec::with_capacity(n);
    let mut tables: Vec<gongkai_table::Table> = Vec::new();
    let mut first_error: Option<PdfError> = None;
    let mut any_read = false;
    let mut redone_before = false;
    for start in (1..=n).step_by(window) {
        let range = start..(start + window).min(n + 1);
        let results: Vec<Read> = if parallel {
            range.into_par_iter().map(read).collect::<Result<_, _>>()?
        } else {
            range.map(read).collect::<Result<_, _>>()?
        };
        let look = |i: usize| {
            // The window's first page is looked at against the final reading below.
            let prev = i
                .checked_sub(1)
                .and_then(|j| results[j].1.last())
                .filter(|l| l.page + 1 == results[i].0.page)?;
            again(
                results[i].0.page,
                &results[i].1,
                results[i].2.as_ref(),
                Some(prev),
            )
        };
        let second: Vec<Option<Vec<gongkai_table::Table>>> = if parallel {
            (0..results.len()).into_par_iter().map(look).collect()
        } else {
            (0..results.len()).map(look).collect()
        };
        if timed_out() {
            return Err(timeout());
        }
        for (i, ((p, first, kept, error), s)) in results.into_iter().zip(second).enumerate() {
            match error {
                Some(e) => {
                    first_error.get_or_insert(e);
                }
                None => any_read = true,
            }
            let s = if redone_before || i == 0 {
                again(
                    p.page,
                    &first,
                    kept.as_ref(),
                    tables.last().filter(|l| l.page + 1 == p.page),
                )
            } else {
                s
            };
            redone_before = s.is_some();
            if timed_out() {
                return Err(timeout());
            }
            pages.push(p);
            tables.extend(s.unwrap_or(first).into_iter().map(compact));
        }
    }
    // The parsed file is not needed by the serial tail below: for 10,000 pages its
    // objects are tens of megabytes, held beside the records being built.
    drop(doc);
    if !any_read {
        // Not one page could be read: the document fails with the first page's reason.
        return Err(first_error.unwrap_or(PdfError::NoPages).into());
    }
    // The serial tail of a large document, spread over the pool: the document is
    // recognised from its lines while the tables are stitched, then the records are
    // built, then the tables' output form is made, then the records are checked. Each
    // part is a pure function of its inputs, so the output is the same on any number of
    // threads. What is no longer needed is dropped before the next part starts, and the
    // lines' texts are lent to recognition (moved out of the pages and back), not
    // copied: for a document of 10,000 pages each of these is tens of megabytes.
    let (stitched, (lines, document)) = rayon::join(
        || gongkai_table::stitch_pages(tables),
        || {
            let lines: Vec<gongkai_disclosure::TextLine> = pages
                .iter_mut()
                .flat_map(|p| {
                    let page = p.page;
                    p.lines
                        .iter_mut()
                        .map(move |l| gongkai_disclosure::TextLine {
                            page,
                            text: std::mem::take(&mut l.text),
                            bbox: gongkai_geom::Rect {
                                x0: l.bbox[0],
                                top: l.bbox[1],
                                x1: l.bbox[2],
                                bottom: l.bbox[3],
                            },
                        })
                })
                .collect();
            // The file name helps recognition (`…25年预算.pdf`); the folders above it do not.
            let file_name = file.rsplit(['/', '\\']).next().unwrap_or(file);
            let document = gongkai_disclosure::recognize_document(file_name, &lines);
            (lines, document)
        },
    );
    let mut records = gongkai_disclosure::build_unchecked(document, &lines, &stitched);
    // The texts go back to their pages, in the order they were taken, and the tables
    // take their output form, before the checks: these need only the records, and the
    // lines and stitched tables held beside the findings were the run's peak.
    let mut texts = lines.into_iter().map(|l| l.text);
    for line in pages.iter_mut().flat_map(|p| p.lines.iter_mut()) {
        line.text = texts.next().unwrap_or_default();
    }
    drop(texts);
    let tables = stitched.into_par_iter().map(|t| Table::from(&t)).collect();
    records.findings = gongkai_disclosure::validate(&records);
    Ok(Document {
        schema: SCHEMA,
        source: Source {
            file: file.to_string(),
            sha256,
            pages: n,
        },
        pages,
        tables,
        records,
    })
}

/// A table found on a page, its vectors and texts holding no spare capacity: the
/// tables of every page are held until the document's records are built, and what
/// their growth left spare was as much again as the cells themselves.
fn compact(mut t: gongkai_table::Table) -> gongkai_table::Table {
    t.pages.shrink_to_fit();
    t.caption.iter_mut().for_each(String::shrink_to_fit);
    t.caption.shrink_to_fit();
    for c in &mut t.cells {
        c.text.shrink_to_fit();
    }
    t.cells.shrink_to_fit();
    t.row_pages.shrink_to_fit();
    t.col_edges.shrink_to_fit();
    t
}

/// A debugging aid for tuning the table rules on scans ([`Options::ocr_cache`]): what
/// OCR read on a page is kept in `dir` (keyed by the file's bytes and the page number)
/// and read back on later runs instead of recognising the page again. The key ignores
/// the code: empty the folder after changing the OCR crate. Without a folder, OCR runs
/// every time.
fn cached_ocr(
    dir: Option<&Path>,
    page: u32,
    bytes: &[u8],
    ocr: impl FnOnce() -> Result<gongkai_ocr::OcrPage, gongkai_ocr::OcrError>,
) -> Result<gongkai_ocr::OcrPage, gongkai_ocr::OcrError> {
    let Some(dir) = dir else {
        return ocr();
    };
    // FNV-1a: stable across builds and Rust versions, unlike std's hasher.
    let key = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let path = dir.join(format!("{key:016x}-p{page}.json"));
    if let Some(hit) = std::fs::read(&path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
    {
        return Ok(hit);
    }
    let r = ocr()?;
    if let Ok(json) = serde_json::to_vec(&r) {
        let _ = std::fs::create_dir_all(dir);
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        if std::fs::write(&tmp, json).is_ok() {
            let _ = std::fs::rename(&tmp, &path);
        }
    }
    Ok(r)
}

/// OCR for an image-only page: on success its glyphs and rulings are replaced by the
/// recognised ones (so the page goes through the same tables and records as a text
/// page); otherwise the page gets a `needs_ocr: …` warning saying why. Returns whether
/// the page still needs OCR, and what OCR did.
pub(crate) fn read_scan(
    doc: &gongkai_pdf::Document,
    c: &mut gongkai_pdf::PageContent,
    bytes: &[u8],
    options: &Options,
) -> (bool, Option<gongkai_ocr::OcrInfo>) {
    if !c.needs_ocr() {
        return (false, None);
    }
    let Some(opts) = &options.ocr else {
        c.warnings
            .push("needs_ocr: OCR turned off (--no-ocr)".into());
        return (true, None);
    };
    match cached_ocr(options.ocr_cache.as_deref(), c.page, bytes, || {
        gongkai_ocr::ocr_page(doc, c, bytes, opts)
    }) {
        Ok(r) => {
            c.glyphs = r.glyphs;
            c.segments = r.segments;
            (false, Some(r.info))
        }
        Err(e) => {
            c.warnings.push(format!("needs_ocr: {e}"));
            (true, None)
        }
    }
}
