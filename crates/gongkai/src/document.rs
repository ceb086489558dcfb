//! The per-document output: what [`crate::Extractor`] returns and `gongkai extract` writes
//! as `OUT/<name>.json` (schema [`SCHEMA`], described by [`crate::DOCUMENT_SCHEMA`]).

use serde::Serialize;

/// Output schema identifier written into every document JSON.
pub const SCHEMA: &str = "gongkai.document/0.1";

/// One document: its source, every page's text, every table and the disclosure records.
/// `serde_json::to_vec_pretty` of it (plus a line break) is the document JSON;
/// [`Document::to_json`] makes the same bytes faster.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Schema identifier ([`SCHEMA`]).
    pub schema: &'static str,
    /// The input.
    pub source: Source,
    /// Per-page content.
    pub pages: Vec<Page>,
    /// Every table, multi-page tables stitched (the `gongkai tables` JSON form).
    pub tables: Vec<Table>,
    /// Disclosure records: document facts, typed standard tables, identity findings.
    pub records: gongkai_disclosure::Records,
}

/// Source file facts.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// The document's name: its file name ([`crate::Extractor::extract_path`]), the name
    /// given to [`crate::Extractor::extract_bytes`], or in a batch its path relative to
    /// the input root it was found under ([`crate::batch::Input::document`]).
    pub file: String,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    /// Page count.
    pub pages: usize,
}

/// What one page yielded.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// 1-based page number.
    pub page: u32,
    /// Upright width in points.
    pub width: f64,
    /// Upright height in points.
    pub height: f64,
    /// `/Rotate`.
    pub rotate: i32,
    /// True for image-only pages that still need OCR (OCR off, or Tesseract missing:
    /// the page's warning says why and how to install it).
    pub needs_ocr: bool,
    /// What OCR did, for pages read by OCR: engine, skew, mean confidence, low-confidence numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocr: Option<gongkai_ocr::OcrInfo>,
    /// Reading-order lines.
    pub lines: Vec<Line>,
    /// Page-level problems (unreadable content, …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// A text line with its box.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// The text.
    pub text: String,
    /// `[x0, top, x1, bottom]`.
    pub bbox: [f64; 4],
}

/// A table as it appears in the document JSON and in `gongkai tables --format json`: the
/// grid with spans, title, unit and caption, each cell with its page and box. The fields
/// are in alphabetical order, the order the JSON has always had.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// Box on the first page, `[x0, top, x1, bottom]`.
    pub bbox: [f64; 4],
    /// Other lines between the title and the table.
    pub caption: Vec<String>,
    /// Origin cells, row-major.
    pub cells: Vec<TableCell>,
    /// Header rows dropped from continuation pages when stitching.
    pub header_rows: usize,
    /// How the table was found (ruled or borderless).
    pub method: gongkai_table::Method,
    /// Number of columns.
    pub n_cols: usize,
    /// Number of rows.
    pub n_rows: usize,
    /// First page.
    pub page: u32,
    /// Every page the table spans.
    pub pages: Vec<u32>,
    /// Page of each row.
    pub row_pages: Vec<u32>,
    /// The grid: a merged cell's text at its top-left position, `null` where covered.
    pub rows: Vec<Vec<Option<String>>>,
    /// The title line above the table, if any.
    pub title: Option<String>,
    /// The page the title is printed on, when it is not the table's first page (a title
    /// block at the foot of the page before).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_page: Option<u32>,
    /// The unit named above the table (`单位：万元` → `万元`).
    pub unit: Option<String>,
}

/// One cell of a [`Table`] (fields in alphabetical order, as in the JSON).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableCell {
    /// Cell box on its page, `[x0, top, x1, bottom]`.
    pub bbox: [f64; 4],
    /// Left column (0-based).
    pub col: usize,
    /// Columns covered.
    pub colspan: usize,
    /// Page the cell is on.
    pub page: u32,
    /// Top row (0-based).
    pub row: usize,
    /// Rows covered.
    pub rowspan: usize,
    /// Text: wrapped lines joined (CJK without a space, Latin with one).
    pub text: String,
}

impl From<&gongkai_table::Table> for Table {
    fn from(t: &gongkai_table::Table) -> Self {
        Table {
            bbox: t.bbox.to_array(),
            caption: t.caption.clone(),
            cells: t
                .cells
                .iter()
                .map(|c| TableCell {
                    bbox: c.bbox.to_array(),
                    col: c.col,
                    colspan: c.colspan,
                    page: c.page,
                    row: c.row,
                    rowspan: c.rowspan,
                    text: c.text.clone(),
                })
                .collect(),
            header_rows: t.header_rows,
            method: t.method,
            n_cols: t.n_cols,
            n_rows: t.n_rows,
            page: t.page,
            pages: t.pages.clone(),
            row_pages: t.row_pages.clone(),
            rows: t.grid(),
            title: t.title.clone(),
            title_page: t.title_page.filter(|p| *p != t.page),
            unit: t.unit.clone(),
        }
    }
}

/// Whether a page warning is only a notice: something done to the page's content that
/// lost nothing of it (`N duplicate overprinted glyphs removed`). Every other warning
/// means some of the page was not read: a page that could not be read at all, content
/// left out at a limit or a syntax error, a table region not read, an image-only page
/// left unread (`needs_ocr: …`).
pub fn is_notice(warning: &str) -> bool {
    warning.ends_with(" duplicate overprinted glyphs removed")
}

impl Page {
    /// True when some of the page was not read: it still needs OCR, or it has a warning
    /// that is not a notice ([`is_notice`]).
    pub fn is_incomplete(&self) -> bool {
        self.needs_ocr || self.warnings.iter().any(|w| !is_notice(w))
    }

    /// True when the page (not an image-only page left unread) could not be read, or not
    /// wholly: a warning that is not a notice and not a `needs_ocr` one.
    pub fn has_error(&self) -> bool {
        !self.needs_ocr
            && self
                .warnings
                .iter()
                .any(|w| !is_notice(w) && !w.starts_with("needs_ocr"))
    }
}

impl Document {
    /// Pages read by OCR (image-only pages whose text came from Tesseract).
    pub fn pages_ocr(&self) -> usize {
        self.pages.iter().filter(|p| p.ocr.is_some()).count()
    }

    /// Image-only pages still unread: OCR off, Tesseract missing, or OCR failed on them
    /// (each page's `needs_ocr: …` warning says which).
    pub fn pages_need_ocr(&self) -> usize {
        self.pages.iter().filter(|p| p.needs_ocr).count()
    }

    /// Pages that could not be read, or not wholly ([`Page::has_error`]).
    pub fn pages_failed(&self) -> usize {
        self.pages.iter().filter(|p| p.has_error()).count()
    }

    /// The warnings that say some of a page was not read, as `(page, warning)` in page
    /// order (notices left out: [`is_notice`]).
    pub fn page_problems(&self) -> Vec<(u32, &str)> {
        self.pages
            .iter()
            .flat_map(|p| {
                p.warnings
                    .iter()
                    .filter(|w| !is_notice(w))
                    .map(move |w| (p.page, w.as_str()))
            })
            .collect()
    }

    /// True when every page was read ([`Page::is_incomplete`] of none).
    pub fn is_complete(&self) -> bool {
        !self.pages.iter().any(Page::is_incomplete)
    }

    /// Of the failed checks, those of severity `error`: the figures do not add up, inside
    /// a table or between tables (a missing table or a narrative figure is `warn`).
    pub fn failed_arithmetic(&self) -> usize {
        self.records
            .findings
            .iter()
            .filter(|f| f.status.is_failure() && f.severity == gongkai_disclosure::Severity::Error)
            .count()
    }

    /// Identity checks that failed (status `fail` or `unit_mismatch`): a document to look
    /// at before publishing its figures.
    pub fn failed_checks(&self) -> usize {
        self.records
            .findings
            .iter()
            .filter(|f| f.status.is_failure())
            .count()
    }

    /// Gaps within rounding that the document's rounding model calls `suspect`: figures a
    /// reviewer should look at, not failed checks.
    pub fn suspect_checks(&self) -> usize {
        self.records
            .findings
            .iter()
            .filter(|f| f.status == gongkai_disclosure::Status::Suspect)
            .count()
    }

    /// The document JSON (pretty, with a final line break): the bytes of
    /// `serde_json::to_vec_pretty(self)` and a line break ([`Document::write_json`] into
    /// memory).
    pub fn to_json(&self) -> Result<Vec<u8>, serde_json::Error> {
        let mut bytes = Vec::new();
        self.write_json(&mut bytes)?;
        Ok(bytes)
    }

    /// Writes the document JSON ([`Document::to_json`]'s bytes) into `w` as it is made:
    /// the large arrays are serialised in parallel a batch of elements at a time on the
    /// current rayon pool and written in order, so that a document of any size is
    /// written holding a batch, not the whole text.
    pub fn write_json(
        &self,
        w: &mut (impl std::io::Write + ?Sized),
    ) -> Result<(), serde_json::Error> {
        use gongkai_export::{write_pretty_array, write_pretty_value, PrettyObject};
        // Named in full so that a new field cannot be left out of the JSON unnoticed.
        let Document {
            schema,
            source,
            pages,
            tables,
            records,
        } = self;
        let gongkai_disclosure::Records {
            schema: records_schema,
            document,
            tables: typed,
            listed,
            unread_titles,
            year_mentions,
            accounting,
            projects,
            facts,
            explanations,
            procurement,
            findings,
        } = records;
        let mut o = PrettyObject::begin(w, 0)?;
        o.field("schema", |w, d| write_pretty_value(w, schema, d))?;
        o.field("source", |w, d| write_pretty_value(w, source, d))?;
        o.field("pages", |w, d| write_pretty_array(w, pages, d))?;
        o.field("tables", |w, d| write_pretty_array(w, tables, d))?;
        o.field("records", |w, d| {
            let mut r = PrettyObject::begin(w, d)?;
            r.field("schema", |w, d| write_pretty_value(w, records_schema, d))?;
            r.field("document", |w, d| write_pretty_value(w, document, d))?;
            r.field("tables", |w, d| write_pretty_array(w, typed, d))?;
            if !listed.is_empty() {
                r.field("listed", |w, d| write_pretty_array(w, listed, d))?;
            }
            if !unread_titles.is_empty() {
                r.field("unread_titles", |w, d| {
                    write_pretty_array(w, unread_titles, d)
                })?;
            }
            if !year_mentions.is_empty() {
                r.field("year_mentions", |w, d| {
                    write_pretty_array(w, year_mentions, d)
                })?;
            }
            r.field("accounting", |w, d| write_pretty_value(w, accounting, d))?;
            r.field("projects", |w, d| write_pretty_array(w, projects, d))?;
            r.field("facts", |w, d| write_pretty_array(w, facts, d))?;
            r.field("explanations", |w, d| {
                write_pretty_array(w, explanations, d)
            })?;
            r.field("procurement", |w, d| write_pretty_array(w, procurement, d))?;
            r.field("findings", |w, d| write_pretty_array(w, findings, d))?;
            r.end()
        })?;
        o.end()?;
        w.write_all(b"\n").map_err(serde_json::Error::io)
    }

    /// The document's line of `records.jsonl` (compact JSON, keys sorted, with a final line
    /// break): `schema`, `source` and `records`, the records' large arrays serialised in
    /// parallel on the current rayon pool.
    pub fn to_record_line(&self) -> Result<Vec<u8>, serde_json::Error> {
        let mut line = Vec::new();
        write_record_line(&mut line, self.schema, &self.source, &self.records)?;
        Ok(line)
    }
}

/// Writes [`Document::to_record_line`]'s bytes into `w` from a document's parts, as
/// they are made: the keys in sorted order, the records' arrays serialised in parallel a
/// batch of elements at a time on the current rayon pool. A batch writes the line of a
/// document whose pages and tables are already dropped, holding a batch of elements, not
/// the line (48 MB for 10,000 pages, made of as many again in pieces).
pub(crate) fn write_record_line(
    w: &mut (impl std::io::Write + ?Sized),
    schema: &str,
    source: &Source,
    records: &gongkai_disclosure::Records,
) -> Result<(), serde_json::Error> {
    use gongkai_export::to_sorted_json;
    let io = serde_json::Error::io;
    // Named in full so that a new field cannot be left out of the line unnoticed.
    let gongkai_disclosure::Records {
        schema: records_schema,
        document,
        tables,
        listed,
        unread_titles,
        year_mentions,
        accounting,
        projects,
        facts,
        explanations,
        procurement,
        findings,
    } = records;
    // The keys of each object in sorted (byte) order, as `sorted_json_object` writes them.
    w.write_all(br#"{"records":{"accounting":"#).map_err(io)?;
    w.write_all(&to_sorted_json(accounting)?).map_err(io)?;
    w.write_all(br#","document":"#).map_err(io)?;
    w.write_all(&to_sorted_json(document)?).map_err(io)?;
    w.write_all(br#","explanations":"#).map_err(io)?;
    write_sorted_array(w, explanations)?;
    w.write_all(br#","facts":"#).map_err(io)?;
    write_sorted_array(w, facts)?;
    w.write_all(br#","findings":"#).map_err(io)?;
    write_sorted_array(w, findings)?;
    if !listed.is_empty() {
        w.write_all(br#","listed":"#).map_err(io)?;
        w.write_all(&to_sorted_json(listed)?).map_err(io)?;
    }
    w.write_all(br#","procurement":"#).map_err(io)?;
    write_sorted_array(w, procurement)?;
    w.write_all(br#","projects":"#).map_err(io)?;
    write_sorted_array(w, projects)?;
    w.write_all(br#","schema":"#).map_err(io)?;
    w.write_all(&to_sorted_json(records_schema)?).map_err(io)?;
    w.write_all(br#","tables":"#).map_err(io)?;
    write_sorted_array(w, tables)?;
    if !unread_titles.is_empty() {
        w.write_all(br#","unread_titles":"#).map_err(io)?;
        w.write_all(&to_sorted_json(unread_titles)?).map_err(io)?;
    }
    if !year_mentions.is_empty() {
        w.write_all(br#","year_mentions":"#).map_err(io)?;
        w.write_all(&to_sorted_json(year_mentions)?).map_err(io)?;
    }
    w.write_all(br#"},"schema":"#).map_err(io)?;
    w.write_all(&to_sorted_json(schema)?).map_err(io)?;
    w.write_all(br#","source":"#).map_err(io)?;
    w.write_all(&to_sorted_json(source)?).map_err(io)?;
    w.write_all(b"}\n").map_err(io)
}

/// `gongkai_export::sorted_json_array`'s bytes written into `w`: the elements
/// serialised in parallel a batch at a time, written in order.
fn write_sorted_array<T: Serialize + Sync>(
    w: &mut (impl std::io::Write + ?Sized),
    items: &[T],
) -> Result<(), serde_json::Error> {
    use rayon::prelude::*;
    let io = serde_json::Error::io;
    let batch = 64 * rayon::current_num_threads().max(1);
    w.write_all(b"[").map_err(io)?;
    for (b, chunk) in items.chunks(batch).enumerate() {
        let parts: Vec<Vec<u8>> = chunk
            .par_iter()
            .map(gongkai_export::to_sorted_json)
            .collect::<Result<_, _>>()?;
        for (i, part) in parts.iter().enumerate() {
            if b > 0 || i > 0 {
                w.write_all(b",").map_err(io)?;
            }
            w.write_all(part).map_err(io)?;
        }
    }
    w.write_all(b"]").map_err(io)
}
