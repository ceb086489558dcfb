//! A static review and comparison site built from a `gongkai extract` output folder.
//!
//! The site is plain HTML, CSS and a little JavaScript: no server, it opens from disk and
//! from any web host, and needs no network. It reads only what `extract` wrote
//! (`report.json` and each document's JSON), so it can be rebuilt at any time:
//!
//! - `index.html`: every document (department, year, kind, pages, status, tables found,
//!   failed checks, OCR pages), sortable, with a search box over departments and titles;
//! - `doc/<name>.html`: each standard table as an HTML table (spans kept), every failed or
//!   `unit_mismatch` finding marked on the cell it points at, with its rule, expression and
//!   figures, and the PDF page (rendered by `pdftoppm` when it is installed and the PDF is
//!   still where `extract` read it) with the table's and the finding's boxes drawn on it;
//! - `compare.html`: one line (a 三公 total, a function class of 一般公共预算支出, the
//!   基本支出 …) across departments and years, by canonical department key, in 万元, as a
//!   table and an inline SVG chart.
//!
//! ```no_run
//! let summary = gongkai_site::build(
//!     std::path::Path::new("out"),
//!     std::path::Path::new("site"),
//!     &gongkai_site::Options::default(),
//! )?;
//! println!("{} documents, {} page images", summary.documents, summary.images);
//! # Ok::<(), gongkai_site::SiteError>(())
//! ```
//!
//! Same input, same site: documents and lines are sorted, nothing records the time.

mod compare;
mod document;
mod html;
mod images;
mod index;

use std::path::{Path, PathBuf};

use serde_json::Value as Json;

/// What can stop a site from being built.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// The output folder has no readable `report.json`.
    #[error("{path}: not an extract output folder: {reason}")]
    NotAnOutput {
        /// The `report.json` looked for.
        path: PathBuf,
        /// Why it could not be read.
        reason: String,
    },
    /// A site file could not be written.
    #[error("cannot write {path}: {reason}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

/// Draws a page of a PDF as an SVG (`gongkai debug`'s picture: glyph boxes, rulings,
/// cells), for when `pdftoppm` cannot render it; `None` when the page cannot be read.
pub type PageSvg = std::sync::Arc<dyn Fn(&Path, u32) -> Option<String> + Send + Sync>;

/// How the site is built.
#[derive(Clone)]
pub struct Options {
    /// Show the PDF pages that hold standard tables (needs the input PDFs where `extract`
    /// read them): rendered by `pdftoppm`, else drawn by [`Options::page_svg`]; without,
    /// the boxes are drawn on a blank page.
    pub page_images: bool,
    /// Draws a page when `pdftoppm` is missing or fails (the `gongkai` crate passes its
    /// debug SVG); `None` leaves such pages blank.
    pub page_svg: Option<PageSvg>,
    /// The `pdftoppm` program.
    pub pdftoppm: PathBuf,
    /// Resolution of the page images, dots per inch.
    pub dpi: u32,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("page_images", &self.page_images)
            .field("page_svg", &self.page_svg.as_ref().map(|_| "fn"))
            .field("pdftoppm", &self.pdftoppm)
            .field("dpi", &self.dpi)
            .finish()
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            page_images: true,
            page_svg: None,
            pdftoppm: PathBuf::from("pdftoppm"),
            dpi: 60,
        }
    }
}

/// What a build wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents in the index (failed ones included).
    pub documents: usize,
    /// Document pages written.
    pub document_pages: usize,
    /// Lines offered on the comparison page.
    pub compare_lines: usize,
    /// Page images present in the site (rendered now or kept from an earlier build).
    pub images: usize,
    /// Page images that could not be rendered (no pdftoppm, input moved …).
    pub images_missing: usize,
}

/// Whether a typed table's type is a standard table of a budget or final account (the
/// tables the site shows and compares).
pub(crate) fn is_standard(table_type: &str) -> bool {
    table_type.starts_with("budget.") || table_type.starts_with("final.")
}

/// One document of the output folder: its report entry and, when it was read, its JSON.
pub(crate) struct Doc {
    /// `report.json`'s entry.
    pub entry: Json,
    /// The document JSON (`None` for a failed document).
    pub json: Option<Json>,
}

impl Doc {
    /// The output name (`<name>.json`), also the site page's name.
    pub fn name(&self) -> &str {
        self.entry["name"].as_str().unwrap_or("")
    }
    /// The document facts (`records.document`).
    pub fn facts(&self) -> &Json {
        self.json
            .as_ref()
            .map_or(&Json::Null, |j| &j["records"]["document"])
    }
}

/// Builds the site of the extract output folder `out` into `site`.
pub fn build(out: &Path, site: &Path, options: &Options) -> Result<Summary, SiteError> {
    let report_path = out.join("report.json");
    let not_output = |reason: String| SiteError::NotAnOutput {
        path: report_path.clone(),
        reason,
    };
    let bytes = std::fs::read(&report_path).map_err(|e| not_output(e.to_string()))?;
    let report: Json = serde_json::from_slice(&bytes).map_err(|e| not_output(e.to_string()))?;
    let entries = report["entries"]
        .as_array()
        .ok_or_else(|| not_output("no entries".into()))?;
    let mut docs: Vec<Doc> = entries
        .iter()
        .map(|e| {
            let json = e["name"]
                .as_str()
                .filter(|_| e["status"].as_str() != Some("failed"))
                .and_then(|n| std::fs::read(out.join(format!("{n}.json"))).ok())
                .and_then(|b| serde_json::from_slice::<Json>(&b).ok());
            Doc {
                entry: e.clone(),
                json,
            }
        })
        .collect();
    docs.sort_by(|a, b| a.name().cmp(b.name()));

    let mut summary = Summary {
        documents: docs.len(),
        ..Summary::default()
    };
    let write = |rel: &str, text: &str| -> Result<(), SiteError> {
        let path = site.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| SiteError::Write {
                path: dir.to_path_buf(),
                reason: e.to_string(),
            })?;
        }
        gongkai_export::write_atomic(&path, text.as_bytes()).map_err(|e| SiteError::Write {
            path: path.clone(),
            reason: e.to_string(),
        })
    };
    write("site.css", html::CSS)?;
    write("site.js", html::JS)?;

    let rendered = images::render_pages(&docs, site, options);
    summary.images = rendered.present;
    summary.images_missing = rendered.missing;

    for d in docs.iter().filter(|d| d.json.is_some()) {
        let page = document::page(d, &rendered);
        write(&format!("doc/{}.html", html::file_name(d.name())), &page)?;
        summary.document_pages += 1;
    }
    let lines = compare::lines(&docs);
    summary.compare_lines = lines.len();
    write("compare.html", &compare::page(&lines))?;
    write("index.html", &index::page(&docs))?;
    Ok(summary)
}
