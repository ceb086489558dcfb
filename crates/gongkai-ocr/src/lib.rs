//! `gongkai-ocr` reads scanned (image-only) disclosure pages into the same glyphs and
//! ruling segments that text pages give, so that they go through the same table
//! reconstruction and records:
//!
//! 1. page raster: the embedded image (DCT, raw/Flate samples) or a pdftoppm rendering;
//! 2. red seals removed by hue before the image is reduced to gray (their dark red
//!    too, by its red channel);
//! 3. Otsu binarisation, deskew by projection profiles (±3°); specks standing alone
//!    made paper ([`binarize::drop_specks`]);
//! 4. ruling lines from long ink runs → [`Segment`]s in PDF points; strokes of bold or
//!    photocopy-thickened characters told from rules by the ink beside them, lines fitted
//!    to the lines they meet ([`rulings::drop_strokes`], [`rulings::fit_lines`]);
//! 5. cells of ruled tables recognised one by one (stacked into one strip image, one
//!    Tesseract run), the rest of the page recognised as a page; pieces Tesseract read
//!    nothing for read again on one line (as a block when line mode fails);
//! 6. numeric clean-up in numeric columns only, doubtful figures (not parsing, misgrouped,
//!    other decimals than their column's, unsure) read again digits-only and decided by
//!    the amount grammar; percentage cells by the percentage grammar ([`numeric`]); `>`
//!    and `<` told from `≥` and `≤` by their ink ([`signs`]); cells Tesseract returned
//!    nothing for read again;
//! 7. title and header phrases and unit lines read with a wrong character or two mended ([`vocab`],
//!    recorded in [`OcrInfo::repairs`]); a comparator read as an ideograph (`艺85%`)
//!    told by its glyph's shape ([`signs::misread_sign`]); every glyph carries its
//!    confidence.
//!
//! Tesseract is called as a program (`tesseract`, or `GONGKAI_TESSERACT`); when it is
//! missing, [`ocr_page`] fails with [`OcrError::TesseractMissing`] naming the install
//! command, and the caller reports the page as needing OCR.

#![forbid(unsafe_code)]

pub mod binarize;
pub mod budget;
pub mod decode;
pub mod deskew;
mod error;
pub mod grid;
pub mod image;
pub mod leaves;
pub mod numeric;
pub mod raster;
pub mod rulings;
pub mod seal;
pub mod signs;
pub mod strip;
pub mod tesseract;
pub mod textlines;
pub mod vocab;

use std::path::PathBuf;

use gongkai_geom::{Glyph, Rect, Segment};
use gongkai_pdf::{Document, PageContent};
use serde::{Deserialize, Serialize};

pub use error::OcrError;
pub use raster::{PageRaster, RasterSource};

/// The command that installs what OCR needs on Debian/Ubuntu.
pub const INSTALL_HINT: &str = "sudo apt-get install tesseract-ocr tesseract-ocr-chi-sim";

/// Default Tesseract languages. `chi_sim` alone already holds digits and Latin letters;
/// adding `eng` made Tesseract read whole Chinese cells as Latin garbage and took 2.5×
/// the time on the scanned samples.
pub const DEFAULT_LANG: &str = "chi_sim";

/// Settings of the OCR stage.
#[derive(Debug, Clone)]
pub struct OcrOptions {
    /// The Tesseract program (`GONGKAI_TESSERACT`, else `tesseract` on the PATH).
    pub tesseract: PathBuf,
    /// The renderer used when the page image cannot be decoded here.
    pub pdftoppm: PathBuf,
    /// Tesseract languages, e.g. `chi_sim` or `chi_sim+eng`.
    pub lang: String,
    /// Resolution for rendered pages.
    pub render_dpi: u32,
    /// Numbers recognised with a confidence below this (0–1) are reported.
    pub low_confidence: f32,
    /// Below 200 dpi the cell strip is enlarged this many times before recognition
    /// (default 2): Tesseract reads 10 pt table print at 150 dpi poorly.
    pub upscale: f64,
    /// Below 200 dpi the page outside the tables (titles, unit lines, prose) is enlarged
    /// this many times (default 1). At 2 (the cells' scale) Tesseract reads titles and
    /// unit lines of the 150 dpi tuning scans better (seed 136, page 16: the title
    /// `1.抽样调查劳务绩效目标表`, lost at 1), but the one image's cells otherwise: on the
    /// committed scans 3 amounts of 1,401 and one table of 42 were lost, so it is not the
    /// default (issue 19, session 13).
    pub rest_upscale: f64,
}

impl Default for OcrOptions {
    fn default() -> Self {
        let tesseract = std::env::var_os("GONGKAI_TESSERACT")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("tesseract"));
        OcrOptions {
            tesseract,
            pdftoppm: PathBuf::from("pdftoppm"),
            lang: DEFAULT_LANG.into(),
            render_dpi: 300,
            low_confidence: 0.6,
            upscale: 2.0,
            rest_upscale: 1.0,
        }
    }
}

/// A number read with low confidence, or read differently by the two readings of
/// numeric cells, or a cell of a numeric column or a percentage cell that reads as no
/// figure though it shows a digit (a finding for the records).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LowConfidence {
    /// The text as finally read (after numeric clean-up).
    pub text: String,
    /// Box on the page, points.
    pub bbox: [f64; 4],
    /// Confidence 0–1.
    pub confidence: f32,
    /// The other reading, when the two readings of a numeric cell disagree.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternative: Option<String>,
    /// The other reading's confidence, 0–1.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub alternative_confidence: Option<f32>,
}

/// A title or header phrase or a unit line read with a wrong character or two and put right (see
/// [`vocab`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VocabRepair {
    /// The line as read.
    pub raw: String,
    /// The line as repaired.
    pub text: String,
    /// Box on the page, points.
    pub bbox: [f64; 4],
}

/// What OCR did on a page (the `ocr` block of the page output).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OcrInfo {
    /// Engine and version, e.g. `tesseract 5.3.0`.
    pub engine: String,
    /// Languages used.
    pub lang: String,
    /// Where the raster came from.
    pub raster: RasterSource,
    /// Raster resolution in dots per inch.
    pub dpi: f64,
    /// Skew corrected, degrees.
    pub skew_deg: f64,
    /// Pixels removed as red seal ink.
    pub seal_pixels: usize,
    /// Ruled tables found in the raster.
    pub tables: usize,
    /// Cells recognised one by one.
    pub cells: usize,
    /// Characters recognised.
    pub chars: usize,
    /// Mean word confidence, 0–1 (1 when there are no words).
    pub confidence: f32,
    /// Numbers read with low confidence.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub low_confidence: Vec<LowConfidence>,
    /// Lines whose title or header phrase or unit line was misread, mended (raw text
    /// kept); also cells whose comparator was read as an ideograph (`艺85%` → `≥85%`,
    /// told by its glyph) or whose month header had an ideograph too many (`10上月底`).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub repairs: Vec<VocabRepair>,
}

/// A recognised page: content for table reconstruction, and what OCR did.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OcrPage {
    /// One glyph per recognised character (`source: ocr`, with confidence).
    pub glyphs: Vec<Glyph>,
    /// Ruling segments found in the raster.
    pub segments: Vec<Segment>,
    /// Summary and low-confidence numbers.
    pub info: OcrInfo,
}

/// The prepared raster: deskewed, binarised, rulings found and erased.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Ink black on white, rulings and seal removed, deskewed: what Tesseract sees.
    pub clean: image::Gray,
    /// The binary of `clean` (rulings erased).
    pub binary: binarize::Binary,
    /// Ruling lines in pixels.
    pub lines: Vec<rulings::PixelLine>,
    /// Ruled tables in pixels.
    pub tables: Vec<grid::PixelTable>,
    /// Skew corrected, degrees.
    pub skew_deg: f64,
    /// Resolution, dots per inch.
    pub dpi: f64,
    /// Seal pixels removed.
    pub seal_pixels: usize,
    /// Below 200 dpi, the deskewed gray page as scanned (no cut to white): what is read
    /// again of small print whose thin strokes `clean` lost (`单位：万元` in 8 pt print at
    /// 150 dpi, its 万 without its top stroke read `力`). `None` at 200 dpi and above.
    pub soft: Option<image::Gray>,
}

/// Reads one page by OCR. `pdf` is the document's bytes (for rendering fallbacks).
pub fn ocr_page(
    doc: &Document,
    page: &PageContent,
    pdf: &[u8],
    opts: &OcrOptions,
) -> Result<OcrPage, OcrError> {
    let engine = tesseract::probe(&opts.tesseract, &opts.lang)?;
    // The page waits for room among the pages this process reads by OCR at once (its
    // pixels estimated at the rendering resolution, capped as rendering caps them).
    let limit = doc.limits().max_render_pixels;
    let inch = |pt: f64| (pt.max(0.0) / 72.0 * f64::from(opts.render_dpi)) as u64;
    let _share = budget::take(inch(page.width).saturating_mul(inch(page.height)), limit);
    let PageRaster {
        raster,
        rect,
        source,
        ..
    } = raster::page_raster(doc, page, pdf, &opts.pdftoppm, opts.render_dpi)?;
    // The raster is given up as soon as it is gray: a page raster is the largest thing
    // held while a page is read (a colour A3 page at 300 dpi: 52 MB).
    let p = prepare_gray(seal::into_gray(raster), rect.width());
    recognise_prepared(&engine, p, rect, source, opts, limit)
}

/// Deskews, binarises and finds rulings and cells of a page raster.
pub fn prepare(pr: &PageRaster) -> Prepared {
    prepare_gray(seal::to_gray(&pr.raster), pr.rect.width())
}

/// [`prepare`] from the raster made gray, `width` the raster's width in points. Each
/// intermediate image is dropped once used, so that a page holds a few at a time.
fn prepare_gray(grayed: seal::Grayed, width: f64) -> Prepared {
    let seal::Grayed {
        mut gray,
        seal_pixels,
        mask: seal_mask,
    } = grayed;
    // Mostly ink: a negative image (inverted 1-bit scans), turn it into ink on paper.
    let t0 = binarize::otsu(&gray);
    if gray.data.iter().filter(|&&v| v <= t0).count() * 2 > gray.data.len() {
        gray.data.iter_mut().for_each(|v| *v = 255 - *v);
    }
    let t = binarize::otsu(&gray);
    let b0 = binarize::threshold(&gray, t);
    let skew = deskew::estimate(&b0);
    drop(b0);
    let gray = gray.rotated(skew);
    let mut b = binarize::threshold(&gray, t);
    let dpi = b.width as f64 / (width / 72.0).max(1e-6);
    // A dark band along a side (a photocopy's edge shadow) is no print: with it, no blank
    // row cuts the page outside the tables into lines, and Tesseract reads the whole
    // page as one line of garbage (tuning seed 116, page 6: the title lost).
    let edges = binarize::dark_edges(&b, ((dpi / 30.0).round() as usize).max(2));
    for &[x0, y0, x1, y1] in &edges {
        for y in y0..y1 {
            b.ink[y * b.width + x0..y * b.width + x1].fill(false);
        }
    }
    let hidden =
        seal_mask.map(|m| seal::dilate(&m.rotate(skew), ((dpi / 75.0).round() as usize).max(1)));
    let pad = ((dpi / 150.0).round() as usize).max(1);
    // Below 200 dpi a thin rule is one pixel wide, and where the page is left a little
    // skewed (0.1°: a row every 500 pixels) it runs between two rows for a long stretch,
    // half dark in each, lighter than Otsu's cut: the rule comes out in pieces a row
    // apart with long gaps (tuning seed 993, page 12: a table's top rule 145–407,
    // 418–748, 875–1070, a vertical lost, 4 cells of 9). Rules are looked for in ink cut
    // a third of the way from Otsu's threshold to the paper.
    let params = rulings::LineParams::for_dpi(dpi);
    let found = if dpi < 200.0 {
        // Only what Otsu's cut left out entirely, and not the gray edge of print and
        // rules: a pixel beside Otsu's ink across the direction looked along (above or
        // below it for horizontals) stays paper, or every rule grows by its edges and
        // its erasing takes the colon of a unit line standing on the table (the
        // committed seal page 16: `单位 万元`); beside it along that direction it is the
        // rule's own gap. Under a seal the pale remains of its ink are no rule: there the
        // ink is Otsu's as before (the committed seal page 7: a vertical through a column).
        let low = binarize::threshold(&gray, binarize::rule_cut(&gray, t));
        let (w, h) = (b.width, b.height);
        let along = |horizontal: bool| {
            let mut lb = low.clone();
            for (y, row) in lb.ink.chunks_exact_mut(w.max(1)).enumerate() {
                for (x, px) in row.iter_mut().enumerate() {
                    let i = y * w + x;
                    if *px && !b.ink[i] {
                        let across = if horizontal {
                            (y > 0 && b.ink[i - w]) || (y + 1 < h && b.ink[i + w])
                        } else {
                            (x > 0 && b.ink[i - 1]) || (x + 1 < w && b.ink[i + 1])
                        };
                        if across {
                            *px = false;
                        }
                    }
                    if hidden.as_ref().is_some_and(|m| m[i]) {
                        *px = b.ink[i];
                    }
                }
            }
            for &[x0, y0, x1, y1] in &edges {
                for y in y0..y1 {
                    lb.ink[y * w + x0..y * w + x1].fill(false);
                }
            }
            rulings::find_lines_along(&lb, &params, hidden.as_deref(), horizontal)
        };
        let mut found = along(true);
        found.extend(along(false));
        found
    } else {
        rulings::find_lines(&b, &params, hidden.as_deref())
    };
    let lines = rulings::rules_only(
        rulings::fit_lines(
            rulings::drop_strokes(&b, found, dpi as usize, pad),
            dpi * 0.04,
            dpi as usize,
            (dpi * 0.15) as usize,
        ),
        dpi * 0.04,
        dpi as usize,
    );
    let mask = rulings::line_mask(b.width, b.height, &lines, pad);
    let tables = grid::tables(
        &lines,
        &mask,
        b.width,
        dpi * 0.04,
        (dpi * 0.04).round().max(3.0) as usize,
    );
    for (i, m) in b.ink.iter_mut().zip(&mask) {
        if *m {
            *i = false;
        }
    }
    // Gray kept for ink and its anti-aliased edges (Tesseract reads gray better than
    // our binary at 150 dpi); paper, noise and rulings become white, and so does the
    // grain of a dark or noisy paper, which at 150 dpi covered a page in specks
    // Tesseract read as strokes (tuning seed 136: 8% of a 193-gray paper's pixels fell
    // below the cut).
    // The cut lies below the paper's own level: on a dark paper (193) half-way to white
    // is below it, and a tenth of the paper fell below the cut.
    let level = binarize::paper_level(&gray, t) as u16;
    let paper =
        (t as u16 + (255 - t as u16) / 2).min(t as u16 + (level.saturating_sub(t as u16)) * 4 / 5);
    let mut grain = binarize::grain(
        &gray,
        t,
        paper.min(255) as u8,
        (t as u16 + level.saturating_sub(t as u16) / 2).min(255) as u8,
        ((dpi / 150.0).powi(2) * 6.0).round().max(3.0) as usize,
    );
    // A paper without grain (a clean scan: a few specks in a thousand pixels) is left
    // as it was: Tesseract reads a line differently for a few pixels more or less, and
    // there is nothing to gain.
    if grain.iter().filter(|&&g| g).count() * 1000 < grain.len() {
        grain.iter_mut().for_each(|g| *g = false);
    }
    // Where the lighting falls off (a darker corner: [`binarize::PaperMap`]) the cut
    // follows the paper down, at the same share of the way from `t` to it; elsewhere it
    // is the page's.
    let map = binarize::paper_map(&gray, t, level as u8, (dpi / 3.0).round().max(8.0) as usize);
    let gw = gray.width.max(1);
    let cut_at = |i: usize| -> u16 {
        let local = map.at(i % gw, i / gw);
        if local + PAPER_FALLOFF < level as f64 && local > t as f64 {
            paper.min(t as u16 + ((local - t as f64) * 0.8) as u16)
        } else {
            paper
        }
    };
    let clean = image::Gray {
        width: gray.width,
        height: gray.height,
        data: gray
            .data
            .iter()
            .zip(&mask)
            .zip(&grain)
            .enumerate()
            .map(|(i, ((&v, &m), &speck))| {
                if m || v as u16 > paper || speck || (v > t && v as u16 > cut_at(i)) {
                    255
                } else {
                    v
                }
            })
            .collect(),
    };
    drop(grain);
    let soft = (dpi < 200.0).then_some(gray);
    drop(mask);
    let mut clean = clean;
    for &[x0, y0, x1, y1] in &edges {
        for y in y0..y1 {
            clean.data[y * clean.width + x0..y * clean.width + x1].fill(255);
        }
    }
    // The seal's fringe (anti-aliased edges that are not red enough) goes too, ink under it stays.
    if let Some(h) = &hidden {
        for ((c, &hid), &ink) in clean.data.iter_mut().zip(h).zip(&b.ink) {
            if hid && !ink {
                *c = 255;
            }
        }
    }
    // Dots of toner and noise standing alone go (see [`binarize::drop_specks`]).
    let scale = dpi / 150.0;
    binarize::drop_specks(
        &mut clean,
        &mut b,
        (8.0 * scale * scale).round().max(4.0) as usize,
        (4.0 * scale).round().max(2.0) as usize,
        (4.0 * scale).round().max(1.0) as usize,
        (12.0 * scale).round().max(2.0) as usize,
    );
    Prepared {
        clean,
        binary: b,
        lines,
        tables,
        skew_deg: skew,
        dpi,
        seal_pixels,
        soft,
    }
}

/// How much darker than the page's paper (gray levels) the paper around a pixel is
/// before the cut to white follows it down (see [`binarize::PaperMap`]): evenly lit
/// pages vary by JPEG noise and print density less, and are left as they were.
const PAPER_FALLOFF: f64 = 8.0;

/// Least confidence (0–100) of a word read again in a cell Tesseract first returned
/// nothing for.
const UNREAD_CONF: f32 = 60.0;

/// Pixel → point mapping of a raster covering `rect`.
#[derive(Debug, Clone, Copy)]
struct ToPoints {
    x0: f64,
    top: f64,
    sx: f64,
    sy: f64,
}

impl ToPoints {
    /// A repair of the line read as `raw`, now `text`, over the pixel box `b`.
    fn repair(&self, raw: String, text: String, b: (f64, f64, f64, f64)) -> VocabRepair {
        VocabRepair {
            raw,
            text,
            bbox: self
                .rect(b.0, b.1, b.2, b.3)
                .to_array()
                .map(gongkai_geom::round2),
        }
    }

    fn rect(&self, x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect {
            x0: self.x0 + x0 * self.sx,
            top: self.top + y0 * self.sy,
            x1: self.x0 + x1 * self.sx,
            bottom: self.top + y1 * self.sy,
        }
    }
}

/// The lines Tesseract read in one leaf (one row of print), laid out over the leaf's
/// ink (see [`textlines::fit_to_ink`]); `None` when the leaf holds more than one row
/// or the text does not fit its ink. The font size is the leaf's ink height over an
/// ideograph's (digits are shorter).
fn fit_leaf_to_ink(
    img: &image::Gray,
    leaf: [usize; 4],
    lines: &[textlines::TextLine],
) -> Option<Vec<textlines::TextLine>> {
    let first = lines.first()?;
    let one_row = lines.iter().all(|l| {
        let overlap = l.bbox.3.min(first.bbox.3) - l.bbox.1.max(first.bbox.1);
        overlap > 0.5 * (l.bbox.3 - l.bbox.1).min(first.bbox.3 - first.bbox.1)
    });
    if !one_row {
        return None;
    }
    let cjk = lines
        .iter()
        .any(|l| l.chars.iter().any(|c| gongkai_geom::layout::is_cjk(c.0)));
    let to_em = |h: f64| h / if cjk { 0.92 } else { 0.92 * 0.83 };
    // The gap that splits runs is set from the leaf's height, the em from the runs'.
    let gap = (0.4 * to_em(leaf[3].saturating_sub(leaf[1]) as f64))
        .round()
        .max(2.0) as usize;
    let columns = leaves::ink_columns(img, leaf, gap);
    // One run read as one line: nothing to move.
    if columns.len() == 1 && lines.len() == 1 {
        return None;
    }
    let em_ink = to_em(leaves::print_height(img, leaf, &columns)?);
    let runs: Vec<(f64, f64)> = columns
        .into_iter()
        .map(|(a, b)| (a as f64, b as f64))
        .collect();
    // The ink height gives the em only roughly (a scan thickens strokes); the pitch of
    // the text over its ink, when near it, gives it better.
    let (first_x, last_x) = (runs.first()?.0, runs.last()?.1);
    let ems = textlines::advance_of(lines);
    let em_pitch = (last_x - first_x) / ems.max(1e-9);
    let em = if (0.8 * em_ink..=1.2 * em_ink).contains(&em_pitch) {
        em_pitch
    } else {
        em_ink
    };
    textlines::fit_to_ink(lines, &runs, em)
}

/// The cells of a ruled table's header: above the first row of figures (a cell of no
/// ideograph reading as a number, an amount or a code), one line of print (ink at most
/// `line_height` tall), reading as no header word ([`vocab::header_word`]) and showing no
/// digit (a year in a header is read as printed). A table with no figure has no header
/// here (a form, a page of prose).
fn header_cells(
    p: &Prepared,
    s: &strip::Strip,
    item_lines: &[Vec<textlines::TextLine>],
    min_ink: usize,
    line_height: usize,
) -> Vec<(usize, [usize; 4])> {
    let text = |i: usize| -> String {
        item_lines[i]
            .iter()
            .map(|l| l.text())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let figure = |t: &str| {
        !t.chars().any(gongkai_geom::layout::is_cjk)
            && t.chars().any(|c| c.is_ascii_digit())
            && numeric::clean(t).is_some()
    };
    let cell_of = |i: usize| p.tables[s.items[i].table].cells[s.items[i].cell];
    let mut first_figure: Vec<Option<usize>> = vec![None; p.tables.len()];
    for i in 0..s.items.len() {
        if figure(&text(i)) {
            let top = cell_of(i)[1];
            let t = &mut first_figure[s.items[i].table];
            *t = Some(t.map_or(top, |x: usize| x.min(top)));
        }
    }
    let tol = (p.dpi * 0.02).round() as usize;
    let pad = (3.0 * p.dpi / 150.0).round() as usize;
    (0..s.items.len())
        .filter_map(|i| {
            let t = text(i);
            let c = cell_of(i);
            let header = first_figure[s.items[i].table].is_some_and(|top| c[3] <= top + tol)
                && !t.chars().any(|c| c.is_ascii_digit())
                && t.chars().filter(|c| !c.is_whitespace()).count() <= 14
                && vocab::header_word(&t).is_none();
            if !header {
                return None;
            }
            let bb = strip::print_box(&p.binary, c, min_ink, line_height)?;
            Some((
                i,
                [
                    bb[0].saturating_sub(pad).max(c[0]),
                    bb[1].saturating_sub(pad).max(c[1]),
                    (bb[2] + pad).min(c[2]),
                    (bb[3] + pad).min(c[3]),
                ],
            ))
        })
        .collect()
}

/// Header cells of ruled tables read as no header word (`念客`, `全矣`, `人金上矣` for
/// 金额 and `从计` for 合计 on a 240 dpi photocopy: a real layout's amount columns lost
/// their keys, and with them every amount) are read again, side by side on one line
/// (Tesseract's line mode), each at `k` times its size; a reading that is a header word
/// exactly ([`vocab::header_word`]) takes the cell's place, and the repair is returned
/// with the first reading kept. A first reading that holds the word and more ideographs
/// is a longer header (`金额（万元）`) and is left. Nothing else changes: a reading again
/// that is no header word is dropped.
#[allow(clippy::too_many_arguments)]
fn reread_headers(
    engine: &tesseract::Engine,
    p: &Prepared,
    s: &strip::Strip,
    item_lines: &mut [Vec<textlines::TextLine>],
    k: f64,
    gap: usize,
    min_ink: usize,
    lang: &str,
    map: &ToPoints,
) -> Result<Vec<VocabRepair>, OcrError> {
    let cands = header_cells(p, s, item_lines, min_ink, (p.dpi * 0.25) as usize);
    if cands.is_empty() {
        return Ok(Vec::new());
    }
    let sub: Vec<(usize, usize, [usize; 4])> = cands
        .iter()
        .map(|&(i, piece)| (s.items[i].table, s.items[i].cell, piece))
        .collect();
    let st = strip::compose_line(&p.clean, &sub, 3 * gap, gap, |_| k);
    let words = tesseract::recognise_line(engine, &st.image.to_pgm(), lang, &[])?;
    let mut per: Vec<Vec<&tesseract::Word>> = vec![Vec::new(); cands.len()];
    for w in &words {
        if let Some(j) = st.item_of(w) {
            per[j].push(w);
        }
    }
    let mut repairs = Vec::new();
    for (j, ws) in per.iter().enumerate() {
        let i = cands[j].0;
        let raw = item_lines[i]
            .iter()
            .map(|l| l.text())
            .collect::<Vec<_>>()
            .join(" ");
        let again: String = ws.iter().map(|w| w.text.as_str()).collect();
        let Some(word) = vocab::header_read_again(&raw, &again) else {
            continue;
        };
        let conf = ws.iter().map(|w| w.conf).fold(100.0f32, f32::min);
        let bb = ws
            .iter()
            .map(|w| st.to_page(j, w))
            .fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |a, b| {
                (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3))
            });
        item_lines[i] = vec![textlines::TextLine {
            chars: word.chars().map(|c| (c, Some(conf))).collect(),
            bbox: bb,
        }];
        repairs.push(VocabRepair {
            raw,
            text: word.to_string(),
            bbox: map
                .rect(bb.0, bb.1, bb.2, bb.3)
                .to_array()
                .map(gongkai_geom::round2),
        });
    }
    Ok(repairs)
}

/// Recognises a page raster. With `GONGKAI_OCR_DUMP=DIR` set, the image sent to
/// Tesseract (the page outside tables above the strip of cells) is written to
/// `DIR/page.pgm`, the leaves cut from the page outside ruled tables to
/// `DIR/leaves.json` (boxes in points), and the glyphs found to `DIR/glyphs.json` (for
/// debugging).
pub fn recognise(
    engine: &tesseract::Engine,
    pr: &PageRaster,
    opts: &OcrOptions,
) -> Result<OcrPage, OcrError> {
    let limit = gongkai_pdf::Limits::default().max_render_pixels;
    recognise_prepared(engine, prepare(pr), pr.rect, pr.source, opts, limit)
}

/// [`recognise`] from the page raster prepared, the page rectangle it covers and where
/// it came from; `limit` bounds the pixels of the image sent to Tesseract.
fn recognise_prepared(
    engine: &tesseract::Engine,
    p: Prepared,
    rect: Rect,
    source: raster::RasterSource,
    opts: &OcrOptions,
    limit: u64,
) -> Result<OcrPage, OcrError> {
    let map = ToPoints {
        x0: rect.x0,
        top: rect.top,
        sx: rect.width() / p.clean.width.max(1) as f64,
        sy: rect.height() / p.clean.height.max(1) as f64,
    };
    let scale = p.dpi / 150.0;
    let min_ink = (6.0 * scale * scale).round().max(3.0) as usize;

    // Cells with ink, in table/reading order.
    let mut pieces = Vec::new();
    for (ti, t) in p.tables.iter().enumerate() {
        for (ci, c) in t.cells.iter().enumerate() {
            if let Some(bb) = strip::ink_box(&p.binary, *c, min_ink) {
                let pad = (3.0 * scale).round() as usize;
                let padded = [
                    bb[0].saturating_sub(pad).max(c[0]),
                    bb[1].saturating_sub(pad).max(c[1]),
                    (bb[2] + pad).min(c[2]),
                    (bb[3] + pad).min(c[3]),
                ];
                pieces.push((ti, ci, padded));
            }
        }
    }
    let mut glyphs = Vec::new();
    let mut confs: Vec<f32> = Vec::new();
    let mut low = Vec::new();
    let k = if p.dpi < 200.0 {
        opts.upscale.clamp(1.0, 4.0)
    } else {
        1.0
    };
    let to_points = |x0: f64, y0: f64, x1: f64, y1: f64| map.rect(x0, y0, x1, y1);
    let mut repairs = Vec::new();
    // Cells mended from their ink or their row (a misread comparator, a month header),
    // recorded beside the vocabulary repairs.
    let mut cell_repairs: Vec<VocabRepair> = Vec::new();
    let mut emit = |line: &textlines::TextLine, glyphs: &mut Vec<Glyph>| {
        confs.extend(line.chars.iter().filter_map(|c| c.1));
        let raw = line.text();
        // A repair keeps the line's box (its characters are laid over it by their
        // advance) and each character's confidence: a character OCR missed takes the
        // line's least.
        match vocab::repair_aligned(&raw) {
            Some(aligned) => {
                let (x0, y0, x1, y1) = line.bbox;
                let least = line.min_conf();
                let text: String = aligned.iter().map(|c| c.0).collect();
                repairs.push(VocabRepair {
                    raw,
                    text,
                    bbox: map
                        .rect(x0, y0, x1, y1)
                        .to_array()
                        .map(gongkai_geom::round2),
                });
                let mended = textlines::TextLine {
                    chars: aligned
                        .iter()
                        .map(|&(c, from)| {
                            let conf = from.and_then(|k| line.chars.get(k)).and_then(|x| x.1);
                            // Spaces carry no confidence (no glyph); a character
                            // mended from one does.
                            (c, if c == ' ' { conf } else { conf.or(Some(least)) })
                        })
                        .collect(),
                    bbox: line.bbox,
                };
                glyphs.extend(textlines::glyphs(&mended, to_points));
            }
            None => glyphs.extend(textlines::glyphs(line, to_points)),
        }
    };

    // The page outside the tables and the strip of cells go to Tesseract as one image
    // (the page above, the strip below): one process, one model load per page.
    let mut outside = p.clean.clone();
    for t in &p.tables {
        let [x0, y0, x1, y1] = t.bbox;
        for y in y0..y1.min(outside.height) {
            outside.data[y * outside.width + x0..y * outside.width + x1.min(outside.width)]
                .fill(255);
        }
    }
    let kr = if p.dpi < 200.0 {
        opts.rest_upscale.clamp(1.0, 4.0)
    } else {
        1.0
    };
    // Only ink is sent (Tesseract's time grows with pixels, blank ones included), and
    // each line of each cell (or paragraph) on its own (see [`leaves`]): Tesseract's
    // page segmentation runs a borderless table's staggered header lines and wrapped
    // cells together.
    let cut = leaves::CutParams {
        col_gap: (30.0 * scale).round().max(2.0) as usize,
        narrow_col_gap: (10.0 * scale).round().max(2.0) as usize,
        min_height: (7.0 * scale).round().max(2.0) as usize,
        // A leaf of a speck or two (toner specks, paper grain) is read as a stray `.`,
        // `人` or `-` between a title and its table (tuning seed 136, page 10: the title
        // lost); the least piece of print, `一、` or `、`, has twice the ink.
        min_ink: 2 * min_ink,
        // A speck of grain is a few pixels; the least piece of print (the dot of `3.`,
        // the comma `、`) twice a speck's.
        min_piece: min_ink,
    };
    let pad = (6.0 * scale).round() as usize;
    // Each leaf's rows are its print's, a dot of grain above or below it left out (see
    // [`leaves::ink_rows`]).
    let leaf_boxes: Vec<[usize; 4]> = leaves::leaves(&outside, &cut)
        .into_iter()
        .map(
            |l| match leaves::ink_rows(&outside, l[0] as f64, l[2] as f64, l) {
                Some((top, bottom)) => [l[0], top as usize, l[2], bottom as usize],
                None => l,
            },
        )
        .collect();
    if let Some(d) = std::env::var_os("GONGKAI_OCR_DUMP").map(PathBuf::from) {
        let boxes: Vec<Rect> = leaf_boxes
            .iter()
            .map(|b| map.rect(b[0] as f64, b[1] as f64, b[2] as f64, b[3] as f64))
            .collect();
        let _ = std::fs::write(
            d.join("leaves.json"),
            serde_json::to_vec(&boxes).unwrap_or_default(),
        );
    }
    let bands: Vec<[usize; 4]> = leaf_boxes
        .iter()
        .map(|b| {
            [
                b[0].saturating_sub(pad),
                b[1].saturating_sub(pad),
                (b[2] + pad).min(outside.width),
                (b[3] + pad).min(outside.height),
            ]
        })
        .collect();
    // The cells and the lines outside them, stacked, are sent to Tesseract as one image:
    // on a page of print it is about the page's size; on noise (a damaged image, specks
    // by the thousand) it grows without end, so it is bounded before it is made.
    let gap = (14.0 * scale).round() as usize;
    let bands_as_pieces: Vec<(usize, usize, [usize; 4])> =
        bands.iter().map(|b| (usize::MAX, 0, *b)).collect();
    let pixels = strip::stacked_pixels(&bands_as_pieces, gap, gap, |_| kr)
        + strip::stacked_pixels(&pieces, gap, gap, |_| k);
    // A page of print makes at most about twice its pixels (four times with the cells
    // enlarged below 200 dpi): the bound is the larger of `limit` and four pages.
    let limit = limit.max(4 * (p.clean.width * p.clean.height) as u64);
    if pixels > limit {
        return Err(OcrError::TooManyPieces {
            pieces: bands.len() + pieces.len(),
            pixels,
            limit,
        });
    }
    let rest = if bands.is_empty() {
        None
    } else {
        let pieces: Vec<(usize, usize, [usize; 4])> = bands
            .iter()
            .enumerate()
            .map(|(i, b)| (usize::MAX, i, *b))
            .collect();
        Some(strip::compose(
            &outside,
            &pieces,
            (14.0 * scale).round() as usize,
            (14.0 * scale).round() as usize,
            |_| kr,
        ))
    };
    let n_cells = pieces.len();
    let gap = (14.0 * scale).round() as usize;
    // The cells are enlarged by `k`: 10 pt print at 150 dpi is small for Tesseract.
    // (Enlarging only small print, to save time, lost more text than it saved: Tesseract
    // reads a strip of mixed sizes worse.)
    let s = strip::compose(&p.clean, &pieces, gap, gap, |_| k);
    let strip_img = if pieces.is_empty() {
        None
    } else {
        Some(&s.image)
    };
    let rest_h = rest.as_ref().map_or(0, |r| r.image.height);
    let strip_top = rest_h + if rest.is_some() { 2 * gap } else { 0 };
    let width = rest
        .as_ref()
        .map_or(0, |r| r.image.width)
        .max(strip_img.as_ref().map_or(0, |i| i.width));
    let mut words = Vec::new();
    if rest.is_some() || strip_img.is_some() {
        let mut img = image::Gray::white(
            width.max(1),
            strip_top + strip_img.as_ref().map_or(0, |i| i.height),
        );
        if let Some(r) = &rest {
            img.blit(&r.image, 0, 0);
        }
        if let Some(si) = &strip_img {
            img.blit(si, 0, strip_top);
        }
        if let Some(d) = std::env::var_os("GONGKAI_OCR_DUMP").map(PathBuf::from) {
            let _ = std::fs::write(d.join("page.pgm"), img.to_pgm());
        }
        words = tesseract::recognise(engine, &img.to_pgm(), &opts.lang, 6, &[])?;
    }
    let split = rest_h + gap;
    let (rest_words, mut strip_words): (Vec<tesseract::Word>, Vec<tesseract::Word>) = words
        .into_iter()
        .partition(|w| ((w.top + w.height / 2) as usize) < split);
    if let Some(r) = &rest {
        let mut per_band: Vec<Vec<&tesseract::Word>> = vec![Vec::new(); r.items.len()];
        for w in &rest_words {
            if let Some(i) = r.item_of(w) {
                per_band[i].push(w);
            }
        }
        // A leaf Tesseract returned nothing for (its page segmentation sometimes skips
        // a clean line of a strip: `绩效指标描述` between two header leaves) is read
        // again, with the other such leaves, side by side on one line (a few leaves a
        // page at most, often a lone `一、` cut off its cell by a narrow gap).
        let unread: Vec<usize> = (0..per_band.len())
            .filter(|&i| per_band[i].is_empty())
            .collect();
        let again_words;
        let mut again_of: Vec<Option<(usize, Vec<&tesseract::Word>)>> = vec![None; per_band.len()];
        let again = if unread.is_empty() {
            None
        } else {
            let pieces: Vec<(usize, usize, [usize; 4])> =
                unread.iter().map(|&i| (usize::MAX, i, bands[i])).collect();
            // Side by side on one line: Tesseract's block layout skipped them, and
            // reads nothing in a short piece (`一、`) alone in a block either.
            let st = strip::compose_line(&outside, &pieces, 3 * gap, gap, |_| kr);
            again_words = tesseract::recognise_line(engine, &st.image.to_pgm(), &opts.lang, &[])?;
            for w in &again_words {
                if let Some(k) = st.item_of(w) {
                    if let Some(&i) = unread.get(k) {
                        again_of[i].get_or_insert_with(|| (k, Vec::new())).1.push(w);
                    }
                }
            }
            Some(st)
        };
        // A leaf ending in a unit read wrong beyond mending (`单位：广元`, `单位：` its `元`
        // lost: 8 pt print at 150 dpi on real layouts, the table's unit and with it every
        // amount lost) is read again on a line of its own at the cells' scale; a reading
        // ending in a unit line ([`vocab::unit_of_reading`]) puts the line's end right,
        // recorded as a repair.
        let band_text = |i: usize| -> String {
            match &again_of[i] {
                Some((_, ws)) => ws.iter().map(|w| w.text.as_str()).collect(),
                None => per_band[i].iter().map(|w| w.text.as_str()).collect(),
            }
        };
        let doubtful: Vec<usize> = (0..per_band.len())
            .filter(|&i| vocab::unit_doubtful(&band_text(i)))
            .collect();
        let mut unit_again: Vec<Option<(&'static str, f32)>> = vec![None; per_band.len()];
        // The unit's last character may stand apart as a leaf of its own (`单位：` then
        // `元`, its width of gap between them: a real layout at 150 dpi, the `元` read as
        // nothing): the nearest leaf to the right on the row, within twice the row's
        // height, is read with it, and goes with the line when the reading is taken.
        let next_leaf: Vec<Option<usize>> = doubtful
            .iter()
            .map(|&i| {
                let leaf = *leaf_boxes.get(i)?;
                let x = leaves::next_on_row(&leaf_boxes, leaf)?;
                let j = leaf_boxes
                    .iter()
                    .position(|b| b[0] == x && b[1] < leaf[3] && b[3] > leaf[1])?;
                (j > i && x - leaf[2] <= 2 * (leaf[3] - leaf[1])).then_some(j)
            })
            .collect();
        let mut consumed = vec![false; per_band.len()];
        if !doubtful.is_empty() {
            let pieces: Vec<(usize, usize, [usize; 4])> = doubtful
                .iter()
                .zip(&next_leaf)
                .map(|(&i, next)| {
                    let mut b = bands[i];
                    if let Some(&j) = next.as_ref() {
                        b = [
                            b[0].min(bands[j][0]),
                            b[1].min(bands[j][1]),
                            b[2].max(bands[j][2]),
                            b[3].max(bands[j][3]),
                        ];
                    }
                    (usize::MAX, i, b)
                })
                .collect();
            let st = strip::compose_line(
                p.soft.as_ref().unwrap_or(&outside),
                &pieces,
                3 * gap,
                gap,
                |_| k,
            );
            let words = tesseract::recognise_line(engine, &st.image.to_pgm(), &opts.lang, &[])?;
            let mut per: Vec<Vec<&tesseract::Word>> = vec![Vec::new(); doubtful.len()];
            for w in &words {
                if let Some(j) = st.item_of(w) {
                    per[j].push(w);
                }
            }
            for (j, ws) in per.iter().enumerate() {
                let text: String = ws.iter().map(|w| w.text.as_str()).collect();
                if let Some(u) = vocab::unit_of_reading(&text) {
                    let conf = ws.iter().map(|w| w.conf).fold(100.0f32, f32::min);
                    unit_again[doubtful[j]] = Some((u, conf));
                    if let Some(n) = next_leaf[j] {
                        consumed[n] = true;
                    }
                }
            }
        }
        for (i, ws) in per_band.iter().enumerate() {
            if consumed[i] {
                continue;
            }
            let mut lines = match (&again, &again_of[i]) {
                (Some(st), Some((k, ws))) => textlines::group(ws, |w| st.to_page(*k, w)),
                _ => textlines::group(ws, |w| r.to_page(i, w)),
            };
            let mut fitted = false;
            let single = lines.len() == 1;
            if let Some(&leaf) = leaf_boxes.get(i) {
                if let Some(f) = fit_leaf_to_ink(&outside, leaf, &lines) {
                    lines = f;
                    fitted = true;
                }
            }
            let right_limit = leaf_boxes.get(i).map_or(f64::MAX, |&leaf| {
                leaves::next_on_row(&leaf_boxes, leaf).map_or(f64::MAX, |x| x as f64 - 1.0)
            });
            let mut done = Vec::with_capacity(lines.len());
            for mut line in lines {
                textlines::trim_line_specks(&mut line);
                if line.chars.is_empty() {
                    continue;
                }
                let Some(&leaf) = leaf_boxes.get(i) else {
                    done.push(line);
                    continue;
                };
                if fitted || single {
                    // One row of print: the line stands on the ink under it. Tesseract's
                    // boxes of one line's words differ (`一` two pixels tall, `、` three
                    // rows tall), and the line's box taken from them may be any of it.
                    // A run of thin ink (`一、`) takes the leaf's rows.
                    if let Some((top, bottom)) =
                        leaves::ink_rows(&outside, line.bbox.0, line.bbox.2, leaf)
                    {
                        let leaf_h = (leaf[3] - leaf[1]) as f64;
                        (line.bbox.1, line.bbox.3) = if bottom - top < 0.6 * leaf_h {
                            (leaf[1] as f64, leaf[3] as f64)
                        } else {
                            (top, bottom)
                        };
                    }
                    // A closing mark ending a line Tesseract boxed on its ink (`一、`)
                    // has a blank half: its em reaches on towards the next text.
                    if !fitted {
                        textlines::widen_closing_mark(&mut line, right_limit);
                    }
                    if fitted && textlines::speck_read_as_ideograph(&line) {
                        continue;
                    }
                } else if let Some((top, bottom)) =
                    leaves::ink_rows(&outside, line.bbox.0, line.bbox.2, leaf)
                {
                    // A line whose boxes Tesseract stretched (two or three rows tall for
                    // one line of print, `公务授待和` over a three-line header) takes the
                    // top and bottom of the ink under it in its leaf.
                    if line.bbox.3 - line.bbox.1 > 1.5 * (bottom - top) {
                        line.bbox.1 = top;
                        line.bbox.3 = bottom;
                    }
                }
                done.push(line);
            }
            if let Some((unit, conf)) = unit_again[i] {
                // The unit's end may have been laid out as a line of its own (`单位：`
                // then `广元`): lines after the unit's on its row are the unit's.
                if let Some(u) = done.iter().rposition(|l| l.text().contains("单位")) {
                    let row = done[u].bbox;
                    let mut k = u + 1;
                    while k < done.len() {
                        let b = done[k].bbox;
                        if b.0 >= row.2 - 1.0 && b.1 < row.3 && b.3 > row.1 {
                            done[u].bbox.2 = done[u].bbox.2.max(b.2);
                            done.remove(k);
                        } else {
                            k += 1;
                        }
                    }
                }
                if let Some(line) = done.iter_mut().rev().find(|l| l.text().contains("单位")) {
                    if let Some(at) = textlines::last_unit_start(line) {
                        let raw = line.text();
                        line.chars.truncate(at);
                        line.chars.extend(unit.chars().map(|c| (c, Some(conf))));
                        cell_repairs.push(map.repair(raw, line.text(), line.bbox));
                    }
                }
            }
            for line in textlines::join_split_unit_lines(done) {
                emit(&line, &mut glyphs);
            }
        }
    }

    // The cells.
    if !pieces.is_empty() {
        let words = &mut strip_words;
        for w in words.iter_mut() {
            // Back to strip pixels.
            w.top -= strip_top as i64;
        }
        let mut per_item: Vec<Vec<&tesseract::Word>> = vec![Vec::new(); s.items.len()];
        for w in words.iter() {
            if let Some(i) = s.item_of(w) {
                per_item[i].push(w);
            }
        }
        let mut item_lines: Vec<Vec<textlines::TextLine>> = per_item
            .iter()
            .enumerate()
            .map(|(i, ws)| textlines::group(ws, |w| s.to_page(i, w)))
            .collect();
        // A cell with ink that Tesseract returned nothing for (its block layout skips a
        // line of the strip now and then: a header `人员经费` on a noisy scan) is read
        // again, with the other such cells, side by side on one line, as unread leaves
        // are. Only cells of one line of print (ink at most a quarter inch tall).
        // A cell of several lines of print (a header wrapped over three lines in small
        // print on a photocopy: `一般公共` / `预算拨款` / `收入`, tuning seed 993, page 7,
        // the column and its amounts lost) is read so too, each of its lines a piece.
        let line_height = (p.dpi * 0.25) as usize;
        let mut unread: Vec<(usize, [usize; 4])> = Vec::new();
        for (i, item) in s.items.iter().enumerate() {
            let b = item.src;
            if item_lines.get(i).is_none_or(|l| !l.is_empty()) {
                continue;
            }
            if b[3] - b[1] <= line_height {
                unread.push((i, b));
            } else {
                // Each line padded as the cell was, within the cell and not past
                // half-way to the next line.
                let pad = (3.0 * scale).round() as usize;
                let lines = strip::line_bands(&p.binary, b, min_ink, line_height);
                for (j, l) in lines.iter().enumerate() {
                    let above = j.checked_sub(1).map_or(b[1], |q| (lines[q][3] + l[1]) / 2);
                    let below = lines.get(j + 1).map_or(b[3], |n| (l[3] + n[1]).div_ceil(2));
                    let band = [
                        l[0].saturating_sub(pad).max(b[0]),
                        l[1].saturating_sub(pad).max(above),
                        (l[2] + pad).min(b[2]),
                        (l[3] + pad).min(below),
                    ];
                    unread.push((i, band));
                }
            }
        }
        if !unread.is_empty() {
            let sub: Vec<(usize, usize, [usize; 4])> = unread
                .iter()
                .map(|&(i, band)| (s.items[i].table, s.items[i].cell, band))
                .collect();
            let st = strip::compose_line(&p.clean, &sub, 3 * gap, gap, |_| k);
            let words = tesseract::recognise_line(engine, &st.image.to_pgm(), &opts.lang, &[])?;
            let mut per: Vec<Vec<&tesseract::Word>> = vec![Vec::new(); unread.len()];
            // A speck left in an empty cell reads as a stray mark with little
            // confidence: only confident words count here.
            for w in words.iter().filter(|w| w.conf >= UNREAD_CONF) {
                if let Some(j) = st.item_of(w) {
                    per[j].push(w);
                }
            }
            for (j, ws) in per.iter().enumerate() {
                item_lines[unread[j].0].extend(textlines::group(ws, |w| st.to_page(j, w)));
            }
        }
        // Header cells read as no header word are read again (see [`reread_headers`]).
        cell_repairs.extend(reread_headers(
            engine,
            &p,
            &s,
            &mut item_lines,
            k,
            gap,
            min_ink,
            &opts.lang,
            &map,
        )?);
        // A comparator read as an ideograph (`艺85%` for `≥85%`, chi_sim at 150 dpi):
        // the shape of the cell's first glyph decides (see [`signs::misread_sign`]).
        for (i, lines) in item_lines.iter_mut().enumerate() {
            // A sign Tesseract put on a line of its own, above the figure (`之` then
            // `95%`: tuning seed 270, page 18), is read with the lines after it.
            let rest: String = lines.iter().skip(1).map(|l| l.text()).collect();
            let Some(first) = lines.first_mut() else {
                continue;
            };
            let raw = first.text();
            // Speck marks before the misread sign (`-郊98.5%`) go with it.
            let lead = signs::speck_lead(&raw);
            let mut after: String = raw.chars().skip(lead).collect();
            if after.chars().count() == 1 {
                after.push_str(&rest);
            }
            if let Some(sign) = signs::misread_sign(&after, &p.binary, s.items[i].src) {
                first.chars.drain(..lead.min(first.chars.len()));
                if let Some(slot) = first.chars.first_mut() {
                    slot.0 = sign;
                }
                let spaces = first
                    .chars
                    .iter()
                    .skip(1)
                    .take_while(|c| c.0 == ' ')
                    .count();
                first.chars.drain(1..1 + spaces);
                cell_repairs.push(map.repair(raw, first.text(), first.bbox));
            }
        }
        // A schedule header (`10月底`) read with an ideograph too many (`10上月底`, the
        // committed statistics scan p.19: the month lost, and the percentages below paired
        // with the wrong months), in a row of two or more read as printed: the extra
        // ideograph goes.
        let mut header_rows: std::collections::BTreeMap<(usize, i64, i64), Vec<usize>> =
            std::collections::BTreeMap::new();
        let row_tol = ((4.0 * scale) as i64).max(1);
        for (i, it) in s.items.iter().enumerate() {
            let c = p.tables[it.table].cells[it.cell];
            header_rows
                .entry((it.table, c[1] as i64 / row_tol, c[3] as i64 / row_tol))
                .or_default()
                .push(i);
        }
        // Schedule headers whose month was lost (`扣月底` for `6月底`, tuning seed 116,
        // page 16), in a row of two or more read as printed: read again digits-only below.
        let mut month_lost = vec![false; s.items.len()];
        for members in header_rows.values() {
            let read: Vec<Option<bool>> = members
                .iter()
                .map(|&i| {
                    numeric::month_end(&item_lines[i].iter().map(|l| l.text()).collect::<String>())
                })
                .collect();
            if read.iter().filter(|&&r| r == Some(true)).count() < 2 {
                continue;
            }
            for &i in members {
                let text: String = item_lines[i].iter().map(|l| l.text()).collect();
                month_lost[i] = numeric::month_lost(&text);
            }
            for (&i, r) in members.iter().zip(read) {
                if r != Some(false) || item_lines[i].len() != 1 {
                    continue;
                }
                if let Some(line) = item_lines[i].first_mut() {
                    let at = line.chars.iter().position(|c| {
                        gongkai_geom::layout::is_cjk(c.0) && c.0 != '月' && c.0 != '底'
                    });
                    if let Some(k) = at {
                        let raw = line.text();
                        line.chars.remove(k);
                        cell_repairs.push(map.repair(raw, line.text(), line.bbox));
                    }
                }
            }
        }
        let item_lines = item_lines;
        let item_text = |i: usize| {
            item_lines[i]
                .iter()
                .map(|l| l.text())
                .collect::<Vec<_>>()
                .join(" ")
        };
        // Numeric columns: cells of a table sharing left and right edges.
        let tol = ((4.0 * scale) as i64).max(1);
        let mut columns: std::collections::BTreeMap<(usize, i64, i64), Vec<usize>> =
            std::collections::BTreeMap::new();
        for (i, it) in s.items.iter().enumerate() {
            let c = p.tables[it.table].cells[it.cell];
            columns
                .entry((it.table, c[0] as i64 / tol, c[2] as i64 / tol))
                .or_default()
                .push(i);
        }
        let mut numeric = vec![false; s.items.len()];
        let mut col_decimals: Vec<Option<usize>> = vec![None; s.items.len()];
        for members in columns.values() {
            let texts: Vec<String> = members.iter().map(|&i| item_text(i)).collect();
            if numeric::column_is_numeric(texts.iter().map(String::as_str)) {
                let d = numeric::column_decimals(texts.iter().map(String::as_str));
                for &i in members {
                    numeric[i] = true;
                    col_decimals[i] = d;
                }
            }
        }
        // Doubtful numeric cells (showing a digit but not a number once cleaned, or a
        // character below `SURE` confidence) are read a second time with digits only
        // (English model, digit whitelist: it cannot turn a 7 into 了); the readings are
        // compared. A header in a numeric column (科目编码, 预算数) shows no digit and is
        // left alone: its digits-only reading would be noise.
        const SURE: f32 = 75.0;
        let plausible = |i: usize| numeric::may_be_figure(&item_text(i));
        let doubtful = |i: usize| {
            plausible(i)
                && (numeric::clean(&item_text(i)).is_none_or(|t| {
                    !numeric::well_grouped(&t)
                        || col_decimals[i].is_some_and(|d| numeric::decimals(&t) != Some(d))
                }) || item_lines[i].iter().any(|l| l.min_conf() < SURE))
        };
        // Percentage cells (the 绩效目标表's schedule and targets, in columns of text):
        // a cell of no ideograph showing a digit and a percent sign, or a digit in a row of two or more
        // percentages, is read by the percentage grammar ([`numeric::percent`]); when
        // its first reading does not parse or is not sure, it is read again with digits
        // only, as numeric cells are.
        // A cell's row: the cells of its table each of whose middles lies within the
        // other's rows (cells of one printed row may be cut a pixel or two apart: a
        // bucket of rows put `33.0000` apart from the 68.50% beside it, tuning seed 116).
        let middle = |c: [usize; 4]| (c[1] + c[3]) / 2;
        let cell_of = |i: usize| p.tables[s.items[i].table].cells[s.items[i].cell];
        let row_of = |i: usize| -> Vec<usize> {
            let a = cell_of(i);
            (0..s.items.len())
                .filter(|&j| {
                    let b = cell_of(j);
                    s.items[j].table == s.items[i].table
                        && (b[1]..b[3]).contains(&middle(a))
                        && (a[1]..a[3]).contains(&middle(b))
                })
                .collect()
        };
        let pct_read: Vec<bool> = (0..s.items.len())
            .map(|i| numeric::percent(&item_text(i)).is_some())
            .collect();
        // Percentages read in each cell's column, the cell's own left out.
        let mut col_pct = vec![0usize; s.items.len()];
        for members in columns.values() {
            let n = members.iter().filter(|&&j| pct_read[j]).count();
            for &i in members {
                col_pct[i] = n - pct_read[i] as usize;
            }
        }
        let mut percent_cell = vec![false; s.items.len()];
        // Percentages read in each cell's row, the cell's own left out.
        let mut row_pct = vec![0usize; s.items.len()];
        // The decimals the percentages of a cell's row print, when two or more agree.
        let mut row_pct_decimals: Vec<Option<usize>> = vec![None; s.items.len()];
        for i in 0..s.items.len() {
            let members = row_of(i);
            let parsed = members.iter().filter(|&&j| pct_read[j]).count();
            row_pct_decimals[i] = if parsed >= 2 {
                numeric::row_decimals(members.iter().map(|&j| item_text(j)))
            } else {
                None
            };
            let own = pct_read[i] as usize;
            row_pct[i] = parsed - own;
            percent_cell[i] =
                !numeric[i] && numeric::percent_cell(&item_text(i), parsed - own, col_pct[i]);
        }
        let pct_doubtful = |i: usize| {
            numeric::percent(&item_text(i)).is_none()
                || item_lines[i].iter().any(|l| l.min_conf() < SURE)
        };
        // A cell read as nothing (its ink there all the same) in a row of two or more
        // figures is read digits-only too: a figure touching its cell's right rule on a
        // skewed 300 dpi photocopy (`397.50`, `1,282.56`: a real layout's 三公 table, three
        // amounts of one row lost) read as nothing twice over.
        let figure = |t: &str| {
            !t.chars().any(gongkai_geom::layout::is_cjk)
                && t.chars().any(|c| c.is_ascii_digit())
                && numeric::clean(t).is_some()
        };
        let unread_figure: Vec<bool> = (0..s.items.len())
            .map(|i| {
                item_lines[i].is_empty()
                    && row_of(i)
                        .into_iter()
                        .filter(|&j| j != i && figure(&item_text(j)))
                        .count()
                        >= 2
            })
            .collect();
        let num_items: Vec<usize> = (0..s.items.len())
            .filter(|&i| {
                unread_figure[i]
                    || !item_lines[i].is_empty()
                        && (numeric[i] && doubtful(i)
                            || percent_cell[i] && pct_doubtful(i)
                            || month_lost[i])
            })
            .collect();
        let mut digit_reading: Vec<Option<(String, f32)>> = vec![None; s.items.len()];
        if !num_items.is_empty() && engine.langs.iter().any(|l| l == "eng") {
            let sub: Vec<(usize, usize, [usize; 4])> = num_items
                .iter()
                .map(|&i| (s.items[i].table, s.items[i].cell, s.items[i].src))
                .collect();
            let s2 = strip::compose(&p.clean, &sub, gap, gap, |_| k);
            let img = &s2.image;
            let words = tesseract::recognise(
                engine,
                &img.to_pgm(),
                "eng",
                6,
                &[("tessedit_char_whitelist", "0123456789.,-%")],
            )?;
            for w in &words {
                if let Some(j) = s2.item_of(w) {
                    let e = digit_reading[num_items[j]].get_or_insert((String::new(), 100.0));
                    e.0.push_str(&w.text);
                    e.1 = e.1.min(w.conf);
                }
            }
        }
        for (i, lines) in item_lines.iter().enumerate() {
            if lines.is_empty() {
                // Read digits-only as a figure like its row's ([`numeric::unread_cell_figure`]):
                // taken, reported as low-confidence with the first reading (nothing) as
                // the alternative.
                let read = unread_figure[i]
                    .then(|| digit_reading[i].as_ref())
                    .flatten()
                    .and_then(|(t, c)| {
                        let row: Vec<String> = row_of(i)
                            .into_iter()
                            .filter(|&j| j != i)
                            .map(item_text)
                            .collect();
                        numeric::unread_cell_figure(t, &row).map(|t| (t, *c))
                    });
                if let Some((text, conf)) = read {
                    let b = s.items[i].src;
                    let bb = (b[0] as f64, b[1] as f64, b[2] as f64, b[3] as f64);
                    let line = textlines::TextLine {
                        chars: text.chars().map(|c| (c, Some(conf))).collect(),
                        bbox: bb,
                    };
                    low.push(LowConfidence {
                        text,
                        bbox: map
                            .rect(bb.0, bb.1, bb.2, bb.3)
                            .to_array()
                            .map(gongkai_geom::round2),
                        confidence: ((conf / 100.0) * 1000.0).round() / 1000.0,
                        alternative: Some(String::new()),
                        alternative_confidence: None,
                    });
                    emit(&line, &mut glyphs);
                }
                continue;
            }
            let first = if numeric[i] {
                numeric::clean(&item_text(i)).map(|t| {
                    (
                        t,
                        lines.iter().map(|l| l.min_conf()).fold(100.0f32, f32::min),
                    )
                })
            } else {
                None
            };
            // A figure of a numeric column in a row of percentages, its sign read as
            // digits (`33.0000` under `3月底` beside `68.50%`: tuning seed 116, page 18).
            let sign_as_digits = numeric[i]
                .then(|| row_pct_decimals[i])
                .flatten()
                .and_then(|d| numeric::sign_read_as_digits(&item_text(i), d));
            // A lost month read digits-only (`6`).
            let month = month_lost[i]
                .then(|| digit_reading[i].as_ref())
                .flatten()
                .and_then(|(t, c)| numeric::month_of(t).map(|m| (format!("{m}月底"), *c)));
            let (chosen, alternative) = if let Some(m) = month {
                let conf = lines.iter().map(|l| l.min_conf()).fold(100.0f32, f32::min);
                (Some(m), Some((item_text(i), conf)))
            } else if let Some(t) = sign_as_digits {
                let conf = lines.iter().map(|l| l.min_conf()).fold(100.0f32, f32::min);
                (Some((t, conf)), Some((item_text(i), conf)))
            } else if percent_cell[i] {
                let conf = lines.iter().map(|l| l.min_conf()).fold(100.0f32, f32::min);
                let raw = item_text(i);
                match numeric::choose_percent(
                    Some((raw.as_str(), conf)),
                    digit_reading[i].as_ref().map(|(t, c)| (t.as_str(), *c)),
                ) {
                    // The two readings differ by a digit before the figure (`98%`,
                    // `298%`): a comparator read as a digit by one of them when the
                    // cell's first glyph is drawn as one.
                    Some((chosen, alternative)) => {
                        let shorter = digit_reading[i]
                            .as_ref()
                            .and_then(|(t, _)| numeric::extra_first_digit(&raw, t));
                        let sign = shorter
                            .as_ref()
                            .and_then(|_| signs::chevron(&p.binary, s.items[i].src));
                        match (shorter, sign) {
                            (Some(fig), Some(sign)) => {
                                let mended = (format!("{sign}{fig}%"), chosen.1);
                                let other = if chosen.0 == mended.0 {
                                    alternative
                                } else {
                                    Some(chosen)
                                };
                                (Some(mended), other)
                            }
                            _ => (Some(chosen), alternative),
                        }
                    }
                    // Neither parses: the sign read as digits after a figure printing
                    // its row's decimals (`33.0000` for `33.00%`).
                    None => {
                        let mended = row_pct_decimals[i].and_then(|d| {
                            numeric::sign_read_as_digits(&raw, d)
                                .map(|t| (t, conf))
                                .or_else(|| {
                                    digit_reading[i].as_ref().and_then(|(t, c)| {
                                        numeric::sign_read_as_digits(t, d).map(|t| (t, *c))
                                    })
                                })
                        });
                        let alternative = mended.as_ref().map(|_| (raw.clone(), conf));
                        (mended, alternative)
                    }
                }
            } else {
                let second = digit_reading[i]
                    .as_ref()
                    .and_then(|(t, c)| numeric::clean(t).map(|t| (t, *c)));
                numeric::choose(first, second, col_decimals[i])
            };
            // `>95%` read for `≥95%`: the sign's bar decides (see [`signs`]).
            let chosen = chosen.map(|(text, conf)| {
                let text = signs::mend(&text, &p.binary, s.items[i].src).unwrap_or(text);
                // A speck read as a minus (see [`signs::minus_is_speck`]).
                match text.strip_prefix('-') {
                    Some(rest) if signs::minus_is_speck(&p.binary, s.items[i].src) => {
                        (rest.to_string(), conf)
                    }
                    _ => (text, conf),
                }
            });
            // A percentage read with no comparator whose cell opens with one drawn
            // (see [`signs::lost_sign`]): the sign goes before it, the reading without
            // it the alternative.
            let pct_context = (percent_cell[i] || col_pct[i] >= 1) && row_pct[i] == 0;
            let (chosen, alternative) = match chosen {
                Some((text, conf)) if pct_context => {
                    match signs::lost_sign(&text, &p.binary, s.items[i].src) {
                        Some(sign) => (
                            Some((format!("{sign}{text}"), conf)),
                            alternative.or(Some((text, conf))),
                        ),
                        None => (Some((text, conf)), alternative),
                    }
                }
                c => (c, alternative),
            };
            let mut lines = lines.clone();
            // An indicator header read with a wrong character, told by its row.
            if chosen.is_none() && lines.len() == 1 {
                let raw = item_text(i);
                let row: Vec<String> = row_of(i).into_iter().map(item_text).collect();
                if let (Some(h), Some(line)) = (
                    vocab::indicator_header_in_row(&raw, &row),
                    lines.first_mut(),
                ) {
                    let least = line.min_conf();
                    line.chars = h.chars().map(|c| (c, Some(least))).collect();
                    cell_repairs.push(map.repair(raw, h.to_string(), line.bbox));
                }
            }
            if chosen.is_none() {
                textlines::trim_cell_specks(&mut lines);
                if let Some(first) = lines.first_mut() {
                    if let Some(t) = signs::mend(&first.text(), &p.binary, s.items[i].src) {
                        if let (Some(c), Some(slot)) = (t.chars().next(), first.chars.first_mut()) {
                            slot.0 = c;
                        }
                    }
                }
                // A cell that is a title or header phrase read with wrong characters,
                // its lines taken together (see [`vocab::cell_phrase`]).
                let read: Vec<char> = lines
                    .iter()
                    .flat_map(|l| l.chars.iter().map(|c| c.0))
                    .filter(|&c| c != ' ')
                    .collect();
                if let Some(phrase) = vocab::cell_phrase(&read) {
                    let raw = lines.iter().map(|l| l.text()).collect::<Vec<_>>().join(" ");
                    let mut want = phrase.chars();
                    for slot in lines.iter_mut().flat_map(|l| l.chars.iter_mut()) {
                        if slot.0 != ' ' {
                            if let Some(c) = want.next() {
                                slot.0 = c;
                            }
                        }
                    }
                    let bb = lines
                        .iter()
                        .fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |a, l| {
                            (
                                a.0.min(l.bbox.0),
                                a.1.min(l.bbox.1),
                                a.2.max(l.bbox.2),
                                a.3.max(l.bbox.3),
                            )
                        });
                    cell_repairs.push(map.repair(raw, phrase.to_string(), bb));
                }
            }
            match chosen {
                Some((text, conf)) => {
                    // One line over the union of the lines' boxes.
                    let bb = lines
                        .iter()
                        .fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |a, l| {
                            (
                                a.0.min(l.bbox.0),
                                a.1.min(l.bbox.1),
                                a.2.max(l.bbox.2),
                                a.3.max(l.bbox.3),
                            )
                        });
                    let line = textlines::TextLine {
                        chars: text.chars().map(|c| (c, Some(conf))).collect(),
                        bbox: bb,
                    };
                    if conf / 100.0 < opts.low_confidence || alternative.is_some() {
                        let b = map.rect(bb.0, bb.1, bb.2, bb.3);
                        low.push(LowConfidence {
                            text: text.clone(),
                            bbox: b.to_array().map(gongkai_geom::round2),
                            confidence: ((conf / 100.0) * 1000.0).round() / 1000.0,
                            alternative_confidence: alternative
                                .as_ref()
                                .map(|a| ((a.1 / 100.0) * 1000.0).round() / 1000.0),
                            alternative: alternative.map(|a| a.0),
                        });
                    }
                    emit(&line, &mut glyphs);
                }
                None => {
                    // A cell of a numeric column or a percentage cell that shows a digit
                    // and is no figure as read (`2D804` for `≥80%`, `95&`: tuning seed
                    // 993) is reported with its digits-only reading: the records take it
                    // as text (a qualitative target), and nothing says it was a figure
                    // misread.
                    let mut text = lines.iter().map(|l| l.text()).collect::<Vec<_>>().join(" ");
                    // A target with words whose comparator was left unread (`60%有效提高`):
                    // the sign goes before it, reported with the reading as the alternative.
                    let lost = pct_context
                        .then(|| signs::lost_sign(&text, &p.binary, s.items[i].src))
                        .flatten();
                    if let (Some(sign), Some(first)) = (lost, lines.first_mut()) {
                        let conf = first.min_conf();
                        let at = first.chars.iter().take_while(|c| c.0 == ' ').count();
                        first.chars.insert(at, (sign, Some(conf)));
                        let bb = first.bbox;
                        let b = map.rect(bb.0, bb.1, bb.2, bb.3);
                        low.push(LowConfidence {
                            text: lines.iter().map(|l| l.text()).collect::<Vec<_>>().join(" "),
                            bbox: b.to_array().map(gongkai_geom::round2),
                            confidence: ((conf / 100.0) * 1000.0).round() / 1000.0,
                            alternative: Some(text.clone()),
                            alternative_confidence: Some(
                                ((conf / 100.0) * 1000.0).round() / 1000.0,
                            ),
                        });
                        text = lines.iter().map(|l| l.text()).collect::<Vec<_>>().join(" ");
                    } else if numeric::unread_figure(
                        &text,
                        numeric[i],
                        percent_cell[i],
                        col_pct[i] >= 1,
                    ) {
                        let conf = lines.iter().map(|l| l.min_conf()).fold(100.0f32, f32::min);
                        let bb =
                            lines
                                .iter()
                                .fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |a, l| {
                                    (
                                        a.0.min(l.bbox.0),
                                        a.1.min(l.bbox.1),
                                        a.2.max(l.bbox.2),
                                        a.3.max(l.bbox.3),
                                    )
                                });
                        let b = map.rect(bb.0, bb.1, bb.2, bb.3);
                        let other = digit_reading[i].as_ref().filter(|(t, _)| !t.is_empty());
                        low.push(LowConfidence {
                            text,
                            bbox: b.to_array().map(gongkai_geom::round2),
                            confidence: ((conf / 100.0) * 1000.0).round() / 1000.0,
                            alternative_confidence: other
                                .map(|a| ((a.1 / 100.0) * 1000.0).round() / 1000.0),
                            alternative: other.map(|a| a.0.clone()),
                        });
                    }
                    lines.iter().for_each(|l| emit(l, &mut glyphs));
                }
            }
        }
    }

    let segments = p
        .lines
        .iter()
        .map(|l| {
            let thick = (l.hi - l.lo + 1) as f64;
            if l.horizontal {
                let r = map.rect(l.from as f64, l.pos, l.to as f64, l.pos);
                Segment::horizontal(
                    gongkai_geom::round2(r.top),
                    gongkai_geom::round2(r.x0),
                    gongkai_geom::round2(r.x1),
                    gongkai_geom::round2(thick * map.sy),
                )
            } else {
                let r = map.rect(l.pos, l.from as f64, l.pos, l.to as f64);
                Segment::vertical(
                    gongkai_geom::round2(r.x0),
                    gongkai_geom::round2(r.top),
                    gongkai_geom::round2(r.bottom),
                    gongkai_geom::round2(thick * map.sx),
                )
            }
        })
        .collect();
    let confidence = if confs.is_empty() {
        1.0
    } else {
        confs.iter().sum::<f32>() / confs.len() as f32 / 100.0
    };
    let info = OcrInfo {
        engine: engine.version.clone(),
        lang: opts.lang.clone(),
        raster: source,
        dpi: gongkai_geom::round2(p.dpi),
        skew_deg: p.skew_deg,
        seal_pixels: p.seal_pixels,
        tables: p.tables.len(),
        cells: n_cells,
        chars: confs.len(),
        confidence: (confidence * 1000.0).round() / 1000.0,
        low_confidence: low,
        repairs: repairs.into_iter().chain(cell_repairs).collect(),
    };
    if let Some(d) = std::env::var_os("GONGKAI_OCR_DUMP").map(PathBuf::from) {
        let _ = std::fs::write(
            d.join("glyphs.json"),
            serde_json::to_vec(&glyphs).unwrap_or_default(),
        );
    }
    Ok(OcrPage {
        glyphs,
        segments,
        info,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table of one column: a header cell (`y` 0–40) over two cells of figures, with
    /// print drawn in each and a speck in the header cell far above its print.
    fn page() -> (Prepared, strip::Strip) {
        let (w, h) = (100, 120);
        let mut ink = vec![false; w * h];
        let mut fill = |x0: usize, y0: usize, x1: usize, y1: usize| {
            for y in y0..y1 {
                ink[y * w + x0..y * w + x1].fill(true);
            }
        };
        fill(30, 22, 70, 34);
        fill(10, 3, 12, 5);
        fill(30, 52, 70, 62);
        fill(30, 92, 70, 102);
        let binary = binarize::Binary {
            width: w,
            height: h,
            ink,
        };
        let cells = vec![[2, 2, 98, 40], [2, 42, 98, 78], [2, 80, 98, 118]];
        let p = Prepared {
            clean: image::Gray::white(w, h),
            binary,
            lines: Vec::new(),
            tables: vec![grid::PixelTable {
                bbox: [0, 0, w, h],
                cells: cells.clone(),
            }],
            skew_deg: 0.0,
            dpi: 150.0,
            seal_pixels: 0,
            soft: None,
        };
        let pieces: Vec<(usize, usize, [usize; 4])> =
            cells.iter().enumerate().map(|(i, c)| (0, i, *c)).collect();
        let s = strip::compose(&p.clean, &pieces, 4, 4, |_| 1.0);
        (p, s)
    }

    fn read(texts: &[&str]) -> Vec<Vec<textlines::TextLine>> {
        texts
            .iter()
            .map(|t| {
                if t.is_empty() {
                    Vec::new()
                } else {
                    vec![textlines::TextLine {
                        chars: t.chars().map(|c| (c, Some(90.0))).collect(),
                        bbox: (0.0, 0.0, 1.0, 1.0),
                    }]
                }
            })
            .collect()
    }

    #[test]
    fn a_header_cell_read_as_no_header_word_is_read_again_on_its_print() {
        let (p, s) = page();
        // `念客` over figures (a real layout at 240 dpi): read again, from its print only
        // (the speck at the cell's top left out, padded by 3 pixels at 150 dpi).
        let got = header_cells(&p, &s, &read(&["念客", "18,570.82", "2,679.68"]), 6, 37);
        assert_eq!(got, vec![(0, [27, 19, 73, 37])]);
        // A cell read as nothing (its print there all the same) is read again too.
        assert_eq!(
            header_cells(&p, &s, &read(&["", "18,570.82", "2,679.68"]), 6, 37).len(),
            1
        );
        // Read as a header word, showing a digit (a year), or over no figure: left.
        for first in ["金额", "金额 ，", "2018年预算数"] {
            let lines = read(&[first, "18,570.82", "2,679.68"]);
            assert!(header_cells(&p, &s, &lines, 6, 37).is_empty(), "{first}");
        }
        assert!(header_cells(&p, &s, &read(&["念客", "说明", "其他"]), 6, 37).is_empty());
        // A cell below the first figure is no header.
        let lines = read(&["18,570.82", "念客", "2,679.68"]);
        assert!(header_cells(&p, &s, &lines, 6, 37).is_empty());
    }
}
