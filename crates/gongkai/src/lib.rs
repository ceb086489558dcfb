//! gongkai turns Chinese government disclosure PDFs — department budgets and final
//! accounts (部门预算公开 / 部门决算公开) — into tables, typed records in yuan and
//! arithmetic findings. This crate is the one entry point every front end calls (the
//! `gongkai` command, and later the Python package and services):
//!
//! ```
//! let extractor = gongkai::Extractor::new(gongkai::Options::default());
//! let doc = extractor.extract_path("../../samples/budget-2024-central-statistics.pdf")?;
//! println!("{}", serde_json::to_string_pretty(&doc)?);
//! # assert_eq!(doc.records.document.fiscal_year, Some(2024));
//! # assert_eq!(doc.records.document.department.as_deref(), Some("东川市统计局"));
//! # assert!(doc.tables.iter().any(|t| t.title.as_deref() == Some("部门收支总表")));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! - [`Extractor`] runs one document ([`Extractor::extract_path`],
//!   [`Extractor::extract_bytes`]) into a [`Document`] whose JSON is the per-document JSON
//!   of `gongkai extract`, or opens one for a closer look ([`Extractor::open`]: page
//!   content, text, tables, a debugging SVG).
//! - [`batch`] runs many: input expansion (files, folders, globs), one JSON per document,
//!   `records.jsonl`, `report.json`, the long CSVs, incremental state and atomic outputs.
//! - [`long`] is the long-table form of a document's records (the CSVs' rows).
//!
//! Settings are values ([`Options`]); nothing is kept between calls. The stages are the
//! crates re-exported here ([`pdf`], [`table`], [`ocr`], [`disclosure`], [`export`]).

#![forbid(unsafe_code)]

pub mod batch;
mod debug;
mod document;
mod extract;
pub mod long;
mod open;
mod site_pages;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

pub use document::{is_notice, Document, Line, Page, Source, Table, TableCell, SCHEMA};
pub use gongkai_disclosure as disclosure;
pub use gongkai_export as export;
pub use gongkai_ocr as ocr;
pub use gongkai_ocr::OcrOptions;
pub use gongkai_pdf as pdf;
pub use gongkai_site as site;
pub use gongkai_table as table;
pub use open::{PageText, PageWarning, Pdf, Tables};

/// The hand-kept JSON Schema (draft 2020-12) of the per-document JSON ([`Document`]).
pub const DOCUMENT_SCHEMA: &str = include_str!("../schema/document.schema.json");

/// The version written into reports and compared by incremental runs.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// How documents are read.
#[derive(Debug, Clone)]
pub struct Options {
    /// OCR for image-only pages (Tesseract program, languages, …); `None` leaves them
    /// unread, reported as `needs_ocr`. Default: on, with [`OcrOptions::default`].
    pub ocr: Option<OcrOptions>,
    /// Password for encrypted PDFs (the empty user password is always tried first).
    pub password: Option<String>,
    /// Files larger than this are refused (`too_large`).
    pub max_file_bytes: u64,
    /// Time limit per document, checked inside each page's reading and table detection
    /// too; `None`: no limit.
    pub timeout: Option<Duration>,
    /// Bounds a hostile file cannot pass (operators, glyphs and content bytes per page,
    /// rulings, image pixels, nesting, objects); see [`pdf::Limits`].
    pub limits: gongkai_pdf::Limits,
    /// A debugging aid for tuning the table rules on scans: what OCR read on a page is
    /// kept in this folder (keyed by the file's bytes and the page number) and read back
    /// on later runs instead of recognising the page again. The key ignores the code:
    /// empty the folder after changing the OCR crate. `None` (the default): OCR runs
    /// every time.
    pub ocr_cache: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ocr: Some(OcrOptions::default()),
            password: None,
            max_file_bytes: gongkai_pdf::OpenOptions::default().max_file_bytes,
            timeout: None,
            limits: gongkai_pdf::Limits::default(),
            ocr_cache: None,
        }
    }
}

impl Options {
    /// The options of the PDF layer.
    pub(crate) fn open_options(&self) -> gongkai_pdf::OpenOptions {
        gongkai_pdf::OpenOptions {
            password: self.password.clone(),
            max_file_bytes: self.max_file_bytes,
            limits: self.limits,
        }
    }
}

/// Why a document could not be read. [`Error::kind`] names the reason in reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read from disk.
    #[error("cannot read file: {0}")]
    Read(std::io::Error),
    /// The PDF layer refused the file.
    #[error(transparent)]
    Pdf(#[from] gongkai_pdf::PdfError),
    /// One page could not be read (where a page was asked for by number). The message
    /// names the page once, whether or not the PDF layer's own message names it.
    #[error("{}{error}", page_prefix(*page, error))]
    Page {
        /// The page (1-based).
        page: usize,
        /// Why.
        error: gongkai_pdf::PdfError,
    },
    /// The time limit ([`Options::timeout`]) passed.
    #[error("timed out after {} s (--timeout)", .0.as_secs())]
    Timeout(Duration),
    /// An output could not be serialised or written (batch runs).
    #[error("{0}")]
    Write(String),
}

/// `page N: ` unless `error`'s message already names page N.
fn page_prefix(page: usize, error: &gongkai_pdf::PdfError) -> String {
    if error.page() == Some(page) {
        String::new()
    } else {
        format!("page {page}: ")
    }
}

impl Error {
    /// Short stable identifier for reports: the PDF layer's kinds (`empty`, `not_pdf`,
    /// `corrupt`, `password_required`, …, `panic`), `io`, `timeout`, `write`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Read(_) => "io",
            Error::Pdf(e) | Error::Page { error: e, .. } => e.kind(),
            Error::Timeout(_) => "timeout",
            Error::Write(_) => "write",
        }
    }
}

/// Reads documents with fixed [`Options`]. Cheap to make; share one across threads.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    options: Options,
}

impl Extractor {
    /// An extractor with these options.
    pub fn new(options: Options) -> Self {
        Extractor { options }
    }

    /// The options.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Reads the file at `path` and extracts it ([`Extractor::extract_bytes`], named by
    /// the file name).
    pub fn extract_path(&self, path: impl AsRef<Path>) -> Result<Document, Error> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(Error::Read)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.extract_bytes(&name, &bytes)
    }

    /// Extracts a document held in memory. `name` names it in the output
    /// (`source.file`): its file name, or its path below a folder (the batch names
    /// documents so); the last component, the file name, helps to recognise the document
    /// when its title does not name the year (`…25年预算.pdf`). Large documents' pages are read in parallel on the
    /// current rayon pool. A panic inside becomes [`Error::Pdf`] with kind `panic`.
    pub fn extract_bytes(&self, name: &str, bytes: &[u8]) -> Result<Document, Error> {
        let deadline = self.options.timeout.map(|t| (Instant::now() + t, t));
        // The file's hash is computed beside the reading of its pages, and filled in after.
        let (sha, result) = rayon::join(
            || sha256_hex(bytes),
            || {
                gongkai_pdf::guard(|| {
                    Ok(extract::process(
                        name,
                        bytes,
                        String::new(),
                        &self.options,
                        deadline,
                    ))
                })
            },
        );
        let mut doc = result??;
        doc.source.sha256 = sha;
        Ok(doc)
    }

    /// Opens a PDF for a closer look: page content, text, tables, a debugging SVG.
    pub fn open(&self, path: impl AsRef<Path>) -> Result<Pdf<'_>, Error> {
        Pdf::open(&self.options, path.as_ref())
    }
}

/// SHA-256 of `bytes`, lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
