//! `gongkai-table` turns a page's glyphs and ruling segments into tables: a grid of
//! cells with row/column spans and text, plus the title, unit and caption lines printed
//! just above. It knows nothing of budgets and nothing of PDF operators: its input is
//! [`gongkai_geom`] geometry, which may come from a PDF's text layer or from OCR.
//!
//! Ruled (lattice) tables are found as connected groups of ruling segments. Tables with
//! open outer borders — no left/right frame, common in Chinese government tables — get
//! their outer column edges from the ends of the horizontal rules. Tables continuing on
//! the next page with the same columns are stitched into one ([`stitch_pages`]).
//!
//! # Borderless tables: the row and column model
//!
//! A table printed without rules (or with rules that do not draw its grid: 三线表, rules
//! between rows only, an outer frame only, see `underruled`) has only the positions of
//! its text to go by. The reader (`stream`, `grid`, `bands`, `header`) builds it in
//! four steps, each from the one before.
//!
//! **1. Lines, words, chunks.** Glyphs on one baseline form a *line*. In a line, glyphs
//! closer than a word gap form a *word*, words closer than a chunk gap a *chunk*: as much
//! of one cell's text as the line alone shows. A table *region* is a run of lines of
//! two or more chunks (with the one-chunk lines that belong to it: wrapped text, label
//! rows, a group heading over the header), lines no further apart than a row.
//!
//! **2. Columns: the white between texts.** Looking down the region, a *corridor* is an
//! x interval that no chunk of (almost) any line crosses. Each corridor wide enough is a
//! column boundary. What crosses corridors without denying them is left out first: a
//! heading centred over the columns it heads (`本年支出` over `合计 | 基本支出 |
//! 项目支出`, `收入` and `支出` over the two sides of a 收支总表), a free-text row running
//! over most of the table. What leaves chance white is dropped after: a gap between a
//! header and the value set beside it, a column of one line. Every line's chunks are then
//! cut at the boundaries into *fragments*, each covering a run of columns.
//!
//! **3. Rows: bands.** A row is a horizontal *band*. A cell of one line — every number,
//! code and short label — marks its band's reference line; a cell whose text wraps over
//! several lines is a block placed against that line the same way in every row of the
//! table: its middle on it (vertically centred, the usual layout), its first line on it
//! (top-aligned) or its last line on it (bottom-aligned). So the fragments of one column
//! on successive lines are the lines of one cell exactly where the placement that fits
//! the most lines of the table says so (`bands`); where no one-line cell stands beside
//! them, the text decides (the upper line as wide as the column's text gets, lines at
//! text leading rather than at the row pitch). The lines of one cell are then one
//! *level*, and levels at one height one row. A level standing between two rows — over
//! both, or clear of both but centred between two rows no further apart than the usual
//! row pitch — is a cell centred on the two and spans them (`产出指标` beside three
//! indicator rows, `效益指标` beside two).
//!
//! **4. Spans and the header.** A cell whose text runs over a column edge, or stands
//! centred over empty columns beside its own, spans them; a body name that starts where
//! other names of its column start (set left, indented by level) keeps to its column. The
//! header — the rows above the first holding a number — is laid out as a whole: its rows
//! from the deepest stack of header cells, every other header cell over the rows it is
//! centred on, a group heading over the sub-headings it stands midway between
//! (`header`).
//!
//! **Tolerances.** Every "level", "centred", "lined up" and "wide enough" above is a
//! distance read from the size of the text in question, so the same rules read 7.5 pt
//! and 15 pt print alike. The recurring ones are asked through one `Tolerances` (the
//! `tolerances` module lists them with their factors): 0.3 of the font size for middles
//! on one line, a quarter for centring, half for the narrowest white that parts columns,
//! a fifth for texts set at one place. Not yet all: some rules in `stream` and `header`
//! still write their own fractions of the size, and a few allowances of half a point to
//! two points, for positions read from an image, remain where they are used.
//!
//! Each rule above is there for a layout a test shows (the tests of this crate name the
//! page each comes from): a rule without a test failing without it does not stay.

#![forbid(unsafe_code)]

mod bands;
mod caption;
mod cells;
mod grid;
mod header;
mod lattice;
mod stitch;
mod stream;
mod tolerances;
mod underruled;

use std::time::Instant;

use gongkai_geom::{Glyph, Rect, Segment};
use serde::{Deserialize, Serialize};

pub use caption::unit_of;
pub use cells::join_lines;
pub use gongkai_geom::Limits;
pub use lattice::ruling_grid;
pub use stitch::stitch_pages;

/// One page's content as the table finder sees it.
#[derive(Debug, Clone, Copy)]
pub struct PageInput<'a> {
    /// 1-based page number, copied into the tables found.
    pub page: u32,
    /// Upright page width in points.
    pub width: f64,
    /// Upright page height in points.
    pub height: f64,
    /// Glyphs on the page.
    pub glyphs: &'a [Glyph],
    /// Ruling segments on the page.
    pub segments: &'a [Segment],
}

/// Tolerances, in points.
#[derive(Debug, Clone)]
pub struct TableOptions {
    /// Rules closer than this are snapped to one line; gaps this small are bridged.
    pub snap: f64,
    /// Rules shorter than this are ignored (tick marks, underlines of single glyphs).
    pub min_rule: f64,
    /// How far above a table to look for its title, unit and caption lines.
    pub caption_reach: f64,
    /// Look for borderless tables in the text outside the ruled ones.
    pub stream: bool,
    /// Stream tables: a gap wider than this many font sizes splits a line into cells.
    pub stream_gap_em: f64,
    /// Stream tables: a gap wider than this many font sizes separates words; columns
    /// are the white corridors between words.
    pub stream_word_gap_em: f64,
    /// Stream tables: a vertical gap wider than this many line heights ends a table.
    pub stream_max_row_gap: f64,
    /// Stream tables: at most this many single-cell lines in a row inside a table.
    pub stream_max_single_run: usize,
    /// Stream tables: at least this many lines, two of them with two or more cells.
    pub stream_min_rows: usize,
    /// Stream tables: at least this share of the grid must hold text.
    pub stream_min_fill: f64,
    /// Bounds a hostile page cannot pass (here: [`Limits::max_grid_cells`]).
    pub limits: Limits,
    /// Once this instant has passed, detection stops early and returns what it has found
    /// (possibly nothing): the caller, who set it, checks it and reports the timeout.
    pub deadline: Option<Instant>,
}

impl TableOptions {
    /// True once [`TableOptions::deadline`] has passed.
    pub fn past_deadline(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() > d)
    }
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions {
            snap: 2.0,
            min_rule: 4.0,
            caption_reach: 110.0,
            stream: true,
            stream_gap_em: 0.9,
            stream_word_gap_em: 0.2,
            stream_max_row_gap: 1.6,
            stream_max_single_run: 2,
            stream_min_rows: 3,
            stream_min_fill: 0.3,
            limits: Limits::default(),
            deadline: None,
        }
    }
}

/// How a table was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// From ruling lines.
    Lattice,
    /// From text alignment (no rulings).
    Stream,
}

/// One cell: its grid position, spans, box and text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Top row (0-based).
    pub row: usize,
    /// Left column (0-based).
    pub col: usize,
    /// Rows covered.
    pub rowspan: usize,
    /// Columns covered.
    pub colspan: usize,
    /// Cell box on its page.
    pub bbox: Rect,
    /// Text: wrapped lines joined (CJK without a space, Latin with one).
    pub text: String,
    /// Page the cell is on.
    pub page: u32,
}

/// A reconstructed table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// First page.
    pub page: u32,
    /// Every page the table spans.
    pub pages: Vec<u32>,
    /// Box on the first page.
    pub bbox: Rect,
    /// Detection method.
    pub method: Method,
    /// The title line above the table, if any (lines of a wrapped title joined).
    pub title: Option<String>,
    /// Page the title is printed on: the table's first page, or the page before when
    /// the publisher's page break left the title block at the foot of that page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_page: Option<u32>,
    /// The unit named above the table (`单位：万元` → `万元`).
    pub unit: Option<String>,
    /// Other lines between the title and the table.
    pub caption: Vec<String>,
    /// Number of rows.
    pub n_rows: usize,
    /// Number of columns.
    pub n_cols: usize,
    /// Origin cells, row-major.
    pub cells: Vec<Cell>,
    /// Page of each row.
    pub row_pages: Vec<u32>,
    /// Column edges on the first page (`n_cols + 1` values), used for stitching.
    pub col_edges: Vec<f64>,
    /// Header rows dropped from continuation pages when stitching.
    pub header_rows: usize,
    /// Text lines below the table on its page, outside every table (a table that may
    /// run on to the next page has none, or only a running foot). Counted for borderless
    /// tables only (the only ones that carry their columns on); 0 on pages without one.
    #[serde(skip)]
    pub lines_below: usize,
    /// Text lines above the table on its page, outside every table, not taken as its
    /// title, unit or a short caption line (a page number aside; a caption line of
    /// running text counts). 0: the table opens its page.
    #[serde(skip)]
    pub lines_above: usize,
    /// The lowest table of its page, with nothing below it but a page number.
    #[serde(skip)]
    pub ends_page: bool,
    /// On the lowest table of a page: a title block printed below every table of the
    /// page with nothing under it (the heading of a table that starts the next page).
    #[serde(skip)]
    pub foot_heading: Option<Heading>,
}

/// A table's heading lines: title, unit and other caption lines.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Heading {
    /// Page the lines are printed on.
    pub page: u32,
    /// The title line (wrapped lines joined).
    pub title: Option<String>,
    /// The unit named in a caption line.
    pub unit: Option<String>,
    /// Other caption lines, top to bottom.
    pub caption: Vec<String>,
}

impl Table {
    /// The grid: a merged cell's text at its top-left position, `None` where covered.
    pub fn grid(&self) -> Vec<Vec<Option<String>>> {
        let mut g = vec![vec![None; self.n_cols]; self.n_rows];
        for c in &self.cells {
            if let Some(slot) = g.get_mut(c.row).and_then(|r| r.get_mut(c.col)) {
                *slot = Some(c.text.clone());
            }
        }
        g
    }
}

/// The tables found on a page, and what kept some from being read.
#[derive(Debug, Clone, Default)]
pub struct PageTables {
    /// The tables, top to bottom.
    pub tables: Vec<Table>,
    /// Why tables may be missing: a bound of [`Limits`] passed (`limit: …`).
    pub warnings: Vec<String>,
}

/// Finds the tables on a page, top to bottom: ruled tables first, then borderless
/// tables in the text outside them (when `opts.stream`).
pub fn extract_tables(page: &PageInput, opts: &TableOptions) -> Vec<Table> {
    find_tables(page, None, opts).tables
}

/// [`extract_tables_after`] with the page's warnings: a page whose rulings could form a
/// grid of more than [`Limits::max_grid_cells`] cells gets no ruled table, and a warning
/// says so. With `prev` `None` it is [`extract_tables`].
pub fn find_tables(page: &PageInput, prev: Option<&Table>, opts: &TableOptions) -> PageTables {
    let (lattice, warning) = lattice::lattice_tables(page, opts);
    let mut warnings: Vec<String> = warning.into_iter().collect();
    let tables = match prev {
        Some(prev) => after(page, prev, lattice, opts, &mut warnings),
        None => tables_with(page, lattice, opts, &mut warnings),
    };
    PageTables { tables, warnings }
}

/// The page's tables given its ruled ones.
fn tables_with(
    page: &PageInput,
    mut tables: Vec<Table>,
    opts: &TableOptions,
    warnings: &mut Vec<String>,
) -> Vec<Table> {
    if opts.stream && !opts.past_deadline() {
        let taken: Vec<Rect> = tables.iter().map(|t| t.bbox).collect();
        tables.extend(stream::stream_tables(page, opts, &taken, warnings));
    }
    finish(page, tables, opts)
}

fn finish(page: &PageInput, mut tables: Vec<Table>, opts: &TableOptions) -> Vec<Table> {
    tables.sort_by(|a, b| {
        a.bbox
            .top
            .total_cmp(&b.bbox.top)
            .then(a.bbox.x0.total_cmp(&b.bbox.x0))
    });
    caption::attach_captions(page, &mut tables, opts);
    // Only a borderless table may carry its columns to the next page (see
    // `extract_tables_after`): the lines below are counted for those alone.
    if !tables.iter().any(|t| t.method == Method::Stream) {
        return tables;
    }
    let free: Vec<usize> = (0..page.glyphs.len())
        .filter(|&i| {
            let g = &page.glyphs[i];
            !g.text.trim().is_empty()
                && !tables
                    .iter()
                    .any(|t| t.bbox.contains_point(g.bbox.cx(), g.bbox.cy()))
        })
        .collect();
    let lines = gongkai_geom::layout::text_lines_of(page.glyphs, free);
    for t in tables.iter_mut() {
        t.lines_below = lines.iter().filter(|l| l.bbox.top >= t.bbox.bottom).count();
    }
    tables
}

/// Finds the tables on a page that follows `prev`, the last table found on the page
/// before. Like [`extract_tables`], except that when `prev` is borderless and ends its
/// page (at most two lines, a running foot, below it, and no title block), and the page opens with a
/// borderless region that fits its columns with no heading of its own (or the same
/// title, unit and caption lines as `prev`), that region is read on `prev`'s column
/// edges: a continuation too short to show its columns by itself comes out with the
/// same columns, so that [`stitch_pages`] joins the two.
///
/// Pages read in parallel with [`extract_tables`] need this second look only where
/// [`may_continue`] holds.
pub fn extract_tables_after(
    page: &PageInput,
    prev: Option<&Table>,
    opts: &TableOptions,
) -> Vec<Table> {
    find_tables(page, prev, opts).tables
}

/// [`extract_tables_after`] given the page's ruled tables.
fn after(
    page: &PageInput,
    prev: &Table,
    lattice: Vec<Table>,
    opts: &TableOptions,
    warnings: &mut Vec<String>,
) -> Vec<Table> {
    let carried = opts.stream
        && prev.method == Method::Stream
        && prev.lines_below <= 2
        && prev.foot_heading.is_none()
        && prev.pages.last().is_some_and(|&l| l + 1 == page.page);
    if !carried {
        return tables_with(page, lattice, opts, warnings);
    }
    let mut tables = lattice.clone();
    let taken: Vec<Rect> = tables.iter().map(|t| t.bbox).collect();
    let Some(stream) = stream::stream_tables_carrying(page, opts, &taken, &prev.col_edges) else {
        return tables_with(page, lattice, opts, warnings);
    };
    tables.extend(stream);
    let tables = finish(page, tables, opts);
    let heading_ok = tables.first().is_some_and(|t| {
        t.method == Method::Stream
            && (t.title.is_none()
                || (t.title == prev.title && t.unit == prev.unit && t.caption == prev.caption))
    });
    if heading_ok {
        tables
    } else {
        tables_with(page, lattice, opts, warnings)
    }
}

/// True when a page whose tables [`extract_tables`] found as `tables` may read
/// differently with [`extract_tables_after`] given `prev`, the last table of the page
/// before: `prev` is borderless and ends its page (no title block below it), and this page has no table or opens
/// with a borderless one.
pub fn may_continue(prev: Option<&Table>, tables: &[Table]) -> bool {
    prev.is_some_and(|p| {
        p.method == Method::Stream && p.lines_below <= 2 && p.foot_heading.is_none()
    }) && tables.first().is_none_or(|t| t.method == Method::Stream)
}
