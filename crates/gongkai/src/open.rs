//! One PDF opened for a closer look (the `page`, `text`, `tables` and `debug` commands):
//! raw page content, reading-order text, the tables of chosen pages, a debugging SVG.
//! Image-only pages are read by OCR as in [`crate::Extractor::extract_path`] where tables
//! are concerned; what stays unread is returned as a [`PageWarning`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use gongkai_table::{find_tables, stitch_pages, PageInput, TableOptions};

use crate::document::{Line, Table};
use crate::{Error, Options};

/// An open PDF; made by [`crate::Extractor::open`].
pub struct Pdf<'a> {
    options: &'a Options,
    path: PathBuf,
    doc: gongkai_pdf::Document,
    /// The file's bytes, read on the first page that needs OCR (to render it).
    bytes: Option<Vec<u8>>,
}

/// A page problem met while reading pages one by one (a page that could not be read, a
/// scanned page left unread by OCR).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageWarning {
    /// The page (1-based).
    pub page: usize,
    /// What happened.
    pub message: String,
}

/// The text layer of one page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageText {
    /// Reading-order lines.
    pub lines: Vec<Line>,
    /// True when the page has no usable text layer (an image-only page: its text comes
    /// only from OCR, as in [`Pdf::tables`] and [`crate::Extractor::extract_path`]).
    pub needs_ocr: bool,
}

/// The tables of some pages of a document.
#[derive(Debug, Clone)]
pub struct Tables {
    /// Every table, top to bottom, page by page; multi-page tables stitched.
    pub tables: Vec<Table>,
    /// Pages skipped or left unread, in page order.
    pub warnings: Vec<PageWarning>,
}

impl<'a> Pdf<'a> {
    /// Opens `path` (its size is checked before it is read).
    pub(crate) fn open(options: &'a Options, path: &Path) -> Result<Self, Error> {
        let doc = gongkai_pdf::Document::open_with(path, &options.open_options())?;
        Ok(Pdf {
            options,
            path: path.to_path_buf(),
            doc,
            bytes: None,
        })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The document as the PDF layer sees it.
    pub fn document(&self) -> &gongkai_pdf::Document {
        &self.doc
    }

    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.doc.page_count()
    }

    /// A page's content as printed (glyphs, rulings, images), without OCR.
    pub fn page(&self, page: usize) -> Result<gongkai_pdf::PageContent, Error> {
        self.doc
            .page(page)
            .map_err(|error| Error::Page { page, error })
    }

    /// A page's text layer in reading order (no OCR).
    pub fn text(&self, page: usize) -> Result<PageText, Error> {
        let c = self.page(page)?;
        Ok(PageText {
            needs_ocr: c.needs_ocr(),
            lines: gongkai_pdf::layout::text_lines(&c.glyphs)
                .into_iter()
                .map(|l| Line {
                    text: l.text,
                    bbox: l.bbox.to_array(),
                })
                .collect(),
        })
    }

    /// A page's content as the later stages see it: an image-only page read by OCR (its
    /// glyphs and rulings replaced by the recognised ones) when OCR is on. A page left
    /// unread gets its reasons in the returned warnings (and in the content's warnings).
    pub fn page_read(
        &mut self,
        page: usize,
    ) -> Result<(gongkai_pdf::PageContent, Vec<PageWarning>), Error> {
        let mut c = self.page(page)?;
        let mut warnings = Vec::new();
        if !c.needs_ocr() {
            return Ok((c, warnings));
        }
        if self.bytes.is_none() {
            match std::fs::read(&self.path) {
                Ok(b) => self.bytes = Some(b),
                Err(e) => {
                    warnings.push(PageWarning {
                        page,
                        message: format!("needs_ocr: {e}"),
                    });
                    return Ok((c, warnings));
                }
            }
        }
        let Some(bytes) = self.bytes.as_deref() else {
            return Ok((c, warnings));
        };
        if crate::extract::read_scan(&self.doc, &mut c, bytes, self.options).0 {
            warnings.extend(
                c.warnings
                    .iter()
                    .filter(|w| w.starts_with("needs_ocr"))
                    .map(|w| PageWarning {
                        page,
                        message: w.clone(),
                    }),
            );
        }
        Ok((c, warnings))
    }

    /// The tables of the given pages (all when `None`), multi-page tables stitched. A
    /// page that cannot be read (broken, over a bound of [`crate::pdf::Limits`], or a
    /// panic inside) is skipped with a warning, as is a table the bounds keep from being
    /// read.
    pub fn tables(&mut self, pages: Option<&BTreeSet<usize>>) -> Tables {
        let opts = TableOptions {
            limits: self.options.limits,
            ..TableOptions::default()
        };
        let mut all = Vec::new();
        let mut warnings = Vec::new();
        for n in (1..=self.page_count()).filter(|n| pages.is_none_or(|p| p.contains(n))) {
            let (content, w) = match self.page_read(n) {
                Ok(r) => r,
                Err(e) => {
                    let message = match e {
                        Error::Page { error, .. } => error.to_string(),
                        e => e.to_string(),
                    };
                    warnings.push(PageWarning { page: n, message });
                    continue;
                }
            };
            warnings.extend(w);
            let page = PageInput {
                page: n as u32,
                width: content.width,
                height: content.height,
                glyphs: &content.glyphs,
                segments: &content.segments,
            };
            match gongkai_pdf::guard(|| Ok(find_tables(&page, all.last(), &opts))) {
                Ok(found) => {
                    warnings.extend(
                        found
                            .warnings
                            .into_iter()
                            .map(|message| PageWarning { page: n, message }),
                    );
                    all.extend(found.tables);
                }
                Err(e) => warnings.push(PageWarning {
                    page: n,
                    message: e.to_string(),
                }),
            }
        }
        Tables {
            tables: stitch_pages(all).iter().map(Table::from).collect(),
            warnings,
        }
    }

    /// An SVG of what was found on a page — glyph boxes, ruling segments, image
    /// placements, table cells with spans, titles — over the page rendered by `pdftoppm`
    /// when it is installed. A scanned page shows what OCR found.
    pub fn debug_svg(&mut self, page: usize) -> Result<(String, Vec<PageWarning>), Error> {
        let (c, warnings) = self.page_read(page)?;
        let svg = crate::debug::svg(&self.path, self.options.password.as_deref(), page, &c);
        Ok((svg, warnings))
    }
}
