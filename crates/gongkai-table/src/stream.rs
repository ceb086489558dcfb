//! Borderless (stream) tables: tables printed with no rules, or with rules that do not
//! draw the grid (三线表, rules between rows only, an outer frame only), read from the
//! positions of their text alone.
//!
//! # The model, in order
//!
//! **Lines, words, texts.** The page's glyphs outside ruled tables are grouped into text
//! lines ([`lines_of`]). Inside a line, glyphs closer than a word gap
//! (`stream_word_gap_em` font sizes) form a *word*; words closer than the chunk gap
//! (`stream_gap_em`, or half a font size next to a CJK character, since CJK text has no
//! spaces inside a cell) form a *chunk*, the text of one cell as far as the line alone
//! tells ([`chunks_of`]). Distances are measured in the font size of the line they are
//! read on, so one set of factors serves 7.5 pt and 12 pt print alike: the recurring
//! questions (level, centred, lined up, wide enough to part columns) are asked through
//! [`Tolerances`] (a few older allowances of a point or two, for positions read from an
//! image, are still written out where they are used).
//!
//! **Regions.** A table is a run of lines with two or more chunks, one line at most
//! `stream_max_row_gap` line heights below the other — or, where rows are tall (labels
//! wrapped over two or three lines), no further than 1.25 of the body's row pitch
//! ([`at_row_pitch`]) — with the single-chunk
//! lines that belong to it: a row whose only text starts on a column of the region, a
//! few lines of wrapped text between rows (any number where they start as an earlier
//! one-text line indented into the region did: a narrow label column wrapped over many
//! lines), the last line of a cell centred on the last
//! row ([`regions`]), and any number of rows holding only a label in the first column
//! (`二、事业收入` with no amount) between rows of several texts ([`labels_only`]); a line of one text just above, in the header's size, centred
//! between two texts of the header under it but not over the whole table, is a group
//! heading and the header's first row ([`heads_group`]; a title is centred over the whole
//! table). A line naming the unit (`单位：万元`) above the run is its caption,
//! not its first row ([`heads_nothing`]); a note below it is not its last row
//! ([`trails_off`]).
//!
//! **Columns** are the white between texts, read top to bottom ([`separators`]):
//! 1. *Corridors* — x intervals that the chunks of (almost) no multi-chunk line cross
//!    ([`corridors`]); one line in ten may cross (a spanning header or a stray word).
//!    Chunks running over half the table (a form's free-text row) say nothing and are
//!    left out; so is, as an obstacle, a one-text header line that heads no group below
//!    it ([`header_lines_of_one_text`]). A group heading, on a line of its own or
//!    sharing a header line with others (`收入` and `支出` over the two sides of a
//!    two-sided table, each centred between its side's outer text edges,
//!    [`side_headings`]), crosses the boundaries of the columns it heads and is no
//!    obstacle.
//! 2. Corridors the plain rule loses to spanning cells are added back: those crossed
//!    only by text centred on them (a value under a two-column heading,
//!    [`centred_corridors`]; a header text only where header lines under it hold text on
//!    both sides, its sub-headings: a heading centred in its cell over a right-aligned
//!    value heads one column) and those crossed only by text that crosses another
//!    corridor too (a group label, [`corridors_under_spans`]).
//! 3. A corridor is cut around a sparse column of its own ([`split_at_islands`]: the
//!    text of two or more lines, one above the other, reaching into the white with no
//!    other text beside it, such as a header over the one total its column holds; the
//!    white at the table's left and right edges is looked at too) and
//!    dropped where it is a chance gap: narrower than half a font size with no aligned
//!    text edge bounding it ([`Edges`]), crossed by more single-chunk lines than the lines
//!    it parts, or beside a column holding no text of its own or a single line of text
//!    (the gap between a header and a value set beside it, [`merging_reveals`]), or
//!    where the lines take turns on its two sides (none holds text on both) and a text
//!    running into it is centred where texts of one side are (labels set left and totals
//!    centred in one column).
//! 4. Inside each column so found, sub-columns where the words of several lines leave a
//!    gap the lines on both sides back up (numbers set closer than a chunk gap,
//!    [`fine_separators`], [`backed`]).
//! 5. No column is left empty ([`drop_empty_columns`]), and a column holding header text
//!    only joins the column whose cell that header heads
//!    ([`merge_header_only_columns`]).
//!
//! Before the corridors are taken, a chunk is parted where one of its words starts (or
//! ends) on a left (right) edge that three lines share ([`split_at_edges`]): an amount
//! set right-aligned close to the next column's left-aligned label is two cells.
//!
//! **Cells and rows.** Each line's chunks, cut at the column separators ([`pieces`]),
//! become *fragments* covering a range of columns ([`col_range`], [`fragments`]). The
//! grid (`grid::build`) decides which fragments of one column are the wrapped lines of
//! one cell and which lines are one row. Its row model is the *band*
//! (`bands::wrap_decisions`): a single-line cell (every number, code and short label)
//! marks its row's reference line; a cell wrapped over several lines is placed against
//! that line the same way throughout the table — its middle, first or last line level
//! with it — so a label wrapped over three lines at the row pitch is one cell, not three
//! rows. The bands take lines up to 1.9 font sizes apart as possible lines of one cell
//! (a CJK font's line box is up to 1.45 sizes tall, more at wider line spacing) where the
//! rows of numbers stand further apart than that. Where no band decides, the text tests
//! of the grid do (the upper line as wide as the column's text gets, text leading — 1.5
//! font sizes at most — rather than row pitch); in a column where the bands found cells
//! of several lines they do so also where rows stand at text leading, for lines no further
//! apart than 1.15 of the leading those cells show (a wrapped label in a row of no
//! amounts). In a header of a group heading over
//! sub-headings, a heading over empty slots spans them down to the last sub-heading row,
//! and across the widest run of columns whose outer sub-headings it stands midway between
//! (right-aligned amounts make a column's text lean right; its heading is centred).
//!
//! **What is not a table.** Text in some column on one line only, unless a header line
//! naming three or more columns names it (a column blank under its heading); two columns
//! of prose ([`build_table`]: every column wide and wordy), a list (markers and one text column, [`is_list`]), a chart's axis labels
//! ([`is_chart`]), a grid left mostly empty ([`named_and_labelled`]) and running text, half
//! its characters or more in cells holding a sentence's end `。` ([`running_text`]:
//! justified prose whose wide gaps line up).
//!
//! Title, unit and note lines around a region are read by `caption`; a table running
//! onto the next page keeps its columns there ([`stream_tables_carrying`]).

use gongkai_geom::layout::{is_cjk, text_lines_of};
use gongkai_geom::{Glyph, Orientation, Rect, Segment};

use crate::grid::{self, Frag};
use crate::tolerances::Tolerances;
use crate::{Cell, Method, PageInput, Table, TableOptions};

/// A run of glyphs on one line with no word gap inside.
#[derive(Debug, Clone)]
struct Word {
    x0: f64,
    x1: f64,
    glyphs: Vec<usize>,
}

/// A run of words on one line with no wide gap inside.
#[derive(Debug, Clone)]
struct Chunk {
    x0: f64,
    x1: f64,
    glyphs: Vec<usize>,
    words: Vec<Word>,
}

/// One text line, split into chunks.
#[derive(Debug, Clone)]
struct Line {
    top: f64,
    bottom: f64,
    /// Median font size.
    size: f64,
    chunks: Vec<Chunk>,
    /// A caption line naming the unit (`单位：万元`, or `部门：某局  单位：万元` as two
    /// chunks): it heads a table but is none of its rows.
    names_unit: bool,
    /// Every chunk is a number (see [`is_value`]): a row of values, never a note.
    all_values: bool,
    /// Read from an image (OCR): its size is its ink's height.
    inked: bool,
}

impl Line {
    fn is_multi(&self) -> bool {
        self.chunks.len() >= 2
    }
    fn height(&self) -> f64 {
        (self.bottom - self.top).max(1.0)
    }
    fn words(&self) -> impl Iterator<Item = &Word> {
        self.chunks.iter().flat_map(|c| c.words.iter())
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// True for glyphs that only lead the eye: a run of three or more dots (`0.95 ......  160`).
fn leader_glyphs(glyphs: &[Glyph], line: &[usize]) -> Vec<bool> {
    let is_dot = |i: usize| matches!(glyphs[i].text.trim(), "." | "…" | "·" | "．");
    let mut out = vec![false; line.len()];
    let mut k = 0;
    while k < line.len() {
        let mut e = k;
        while e < line.len() && is_dot(line[e]) {
            e += 1;
        }
        let run: usize = line[k..e]
            .iter()
            .map(|&i| glyphs[i].text.trim().chars().count())
            .sum();
        if e > k && (run >= 3 || glyphs[line[k]].text.trim() == "…") {
            out[k..e].iter_mut().for_each(|x| *x = true);
        }
        k = e.max(k + 1);
    }
    out
}

/// Splits one line's glyphs (left to right) into words at gaps wider than
/// `opts.stream_word_gap_em` font sizes, then the words into chunks at gaps wider than
/// `opts.stream_gap_em` — or half a font size next to a CJK character, as CJK text has
/// no spaces inside a cell. Dot leaders are dropped.
fn chunks_of(glyphs: &[Glyph], line: &[usize], size: f64, opts: &TableOptions) -> Vec<Chunk> {
    let leader = leader_glyphs(glyphs, line);
    let mut words: Vec<Word> = Vec::new();
    for (&i, _) in line.iter().zip(&leader).filter(|(_, &l)| !l) {
        let b = &glyphs[i].bbox;
        match words.last_mut() {
            Some(w) if b.x0 - w.x1 <= opts.stream_word_gap_em * size => {
                w.x1 = w.x1.max(b.x1);
                w.glyphs.push(i);
            }
            _ => words.push(Word {
                x0: b.x0,
                x1: b.x1,
                glyphs: vec![i],
            }),
        }
    }
    let mut chunks: Vec<Chunk> = Vec::new();
    for w in words {
        let cjk_gap = |c: &Chunk| {
            let last = c.glyphs.last().and_then(|&i| glyphs[i].text.chars().last());
            let next = w
                .glyphs
                .first()
                .and_then(|&i| glyphs[i].text.chars().next());
            (last.is_some_and(is_cjk) || next.is_some_and(is_cjk)) && w.x0 - c.x1 > 0.5 * size
        };
        match chunks.last_mut() {
            Some(c) if w.x0 - c.x1 <= opts.stream_gap_em * size && !cjk_gap(c) => {
                c.x1 = c.x1.max(w.x1);
                c.glyphs.extend(&w.glyphs);
                c.words.push(w);
            }
            _ => chunks.push(Chunk {
                x0: w.x0,
                x1: w.x1,
                glyphs: w.glyphs.clone(),
                words: vec![w],
            }),
        }
    }
    chunks
}

/// Splits the page's free glyphs into lines of chunks, top to bottom.
fn lines_of(glyphs: &[Glyph], subset: Vec<usize>, opts: &TableOptions) -> Vec<Line> {
    text_lines_of(glyphs, subset)
        .into_iter()
        .filter(|l| l.glyphs.iter().all(|&i| glyphs[i].upright))
        .map(|l| {
            let glyph_size = |i: &usize| glyphs[*i].size.max(glyphs[*i].bbox.height());
            let size = median(l.glyphs.iter().map(glyph_size).collect()).max(1.0);
            let chunks = chunks_of(glyphs, &l.glyphs, size, opts);
            // The line's size is its chunks' median size: one chunk read at another size
            // (a misread box) does not change it.
            let size = if chunks.len() >= 3 {
                median(
                    chunks
                        .iter()
                        .map(|c| median(c.glyphs.iter().map(glyph_size).collect()))
                        .collect(),
                )
                .max(1.0)
            } else {
                size
            };
            let names_unit = chunks.len() <= 2
                && chunks.iter().any(|c| {
                    let text: String = c.glyphs.iter().map(|&i| glyphs[i].text.as_str()).collect();
                    crate::caption::unit_of(&text).is_some()
                });
            let all_values = chunks.iter().all(|c| {
                is_value(
                    &c.glyphs
                        .iter()
                        .map(|&i| glyphs[i].text.as_str())
                        .collect::<String>(),
                )
            });
            let inked = chunks
                .iter()
                .flat_map(|c| c.glyphs.iter())
                .any(|&i| glyphs[i].confidence.is_some());
            Line {
                top: l.bbox.top,
                bottom: l.bbox.bottom,
                size,
                chunks,
                names_unit,
                all_values,
                inked,
            }
        })
        .filter(|l| !l.chunks.is_empty())
        .collect()
}

/// True when a line ends before some column of the region starts to its right: a cell
/// of the table rather than running text.
fn fits(l: &Line, starts: &[f64]) -> bool {
    l.chunks
        .last()
        .is_some_and(|c| starts.iter().any(|&x| x >= c.x1))
}

/// x positions where the chunks of a line after its first one start.
fn interior_starts(l: &Line) -> impl Iterator<Item = f64> + '_ {
    l.chunks.iter().skip(1).map(|c| c.x0)
}

/// Middles of the chunks of a line after its first one (the x a centred column's texts
/// share).
fn interior_centres(l: &Line) -> impl Iterator<Item = f64> + '_ {
    l.chunks.iter().skip(1).map(|c| (c.x0 + c.x1) / 2.0)
}

/// Groups consecutive lines into candidate regions of one font size. Each region starts with a line of
/// several chunks, together with the lines just above that overlap it vertically (a
/// header printed between two header rows). Single-chunk lines are kept when they start
/// where an inner column of the region starts or where an earlier single-chunk line
/// started that was indented more than a font size from the region's left edge and ended
/// before a later column (the wrapped lines of a narrow label column), or are centred where one of its texts is
/// and start right of the region's left edge (a row with only its later columns
/// filled, such as an expenditure label of a two-sided table with no amounts; a note
/// under the table starts at its left edge), and end before a later column starts, or when at most
/// `stream_max_single_run` of them sit between lines of several chunks; a single line
/// overlapping the line above (one line of a multi-line cell centred beside others) is
/// not counted. After the last
/// such line, single lines indented from the region's left edge that end before a later
/// column starts (a centred total row) or overlapping the line above (the last line of
/// a cell centred on the last row) still belong to it.
fn regions(lines: &[Line], opts: &TableOptions) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut floor = 0;
    while i < lines.len() {
        if !lines[i].is_multi() {
            i += 1;
            continue;
        }
        let mut start = i;
        while start > floor && lines[start - 1].bottom > lines[start].top {
            start -= 1;
        }
        if start > floor && heads_group(&lines[start - 1], &lines[start..]) {
            start -= 1;
        }
        let mut starts: Vec<f64> = interior_starts(&lines[i]).collect();
        let mut centres: Vec<f64> = interior_centres(&lines[i]).collect();
        let mut last = i;
        // Single lines since `last`, a line overlapping the one above not counted (the
        // lines of multi-line cells centred in one row overlap each other).
        let mut singles = 0;
        let mut single_starts: Vec<f64> = Vec::new();
        let mut j = i + 1;
        while j < lines.len() {
            let prev = &lines[j - 1];
            let gap = lines[j].top - prev.bottom;
            // The lines' height, or their font size where larger: boxes read from an
            // image are tight on the ink, a point under the size on small print.
            let pitch = prev
                .height()
                .max(lines[j].height())
                .max(prev.size)
                .max(lines[j].size);
            // Body text set in another size (the prose after a table) ends the region: a
            // size none of the region's lines has (sizes read from an image vary a point
            // from line to line).
            // A size read from an image is the ink's: a line of CJK labels reads a point or
            // two larger than one of figures. There, a line that is a row (three texts or
            // more), or one text indented into the table that ends before a column starts
            // (a label's wrapped line), is the table's whatever its size.
            let left = lines[i..j]
                .iter()
                .filter(|l| l.is_multi())
                .flat_map(|l| l.chunks.first().map(|c| c.x0))
                .fold(f64::MAX, f64::min);
            let a_row = lines[j].inked
                && lines[i..j].iter().all(|l| l.inked)
                && (lines[j].chunks.len() >= 3
                    || (lines[j].chunks.len() == 1
                        && lines[j].chunks[0].x0 > left + lines[j].size
                        && fits(&lines[j], &starts)));
            let other_size = !a_row
                && lines[i..j]
                    .iter()
                    .all(|l| (lines[j].size - l.size).abs() > 0.15 * l.size);
            if other_size
                || (gap > opts.stream_max_row_gap * pitch && !at_row_pitch(lines, j, opts))
            {
                break;
            }
            let aligned = lines[j].chunks.len() == 1
                && (starts
                    .iter()
                    .chain(&single_starts)
                    .any(|&x| (x - lines[j].chunks[0].x0).abs() <= 2.0)
                    || centres.iter().any(|&x| {
                        let c = &lines[j].chunks[0];
                        (x - (c.x0 + c.x1) / 2.0).abs() <= 2.0
                            && lines[i..j]
                                .iter()
                                .filter(|l| l.is_multi())
                                .filter_map(|l| l.chunks.first())
                                .any(|f| f.x0 < c.x0 - 2.0)
                    }))
                && fits(&lines[j], &starts);
            // A one-text line indented from the region's left edge and ending before a
            // later column starts marks where a later such line may start: the wrapped
            // lines of a narrow or indented label column outnumber any run of singles.
            if lines[j].chunks.len() == 1 && fits(&lines[j], &starts) {
                let left = lines[i..j]
                    .iter()
                    .filter(|l| l.is_multi())
                    .flat_map(|l| l.chunks.first().map(|c| c.x0))
                    .fold(f64::MAX, f64::min);
                if lines[j].chunks[0].x0 > left + lines[j].size {
                    single_starts.push(lines[j].chunks[0].x0);
                }
            }
            if lines[j].is_multi() {
                starts.extend(interior_starts(&lines[j]));
                centres.extend(interior_centres(&lines[j]));
                last = j;
                singles = 0;
            } else if aligned {
                last = j;
                singles = 0;
            } else if labels_only(&lines[i..j], &lines[j]) {
                // A row whose only text is its label: it belongs to the region when a
                // row with several texts follows (it does not move `last`).
            } else {
                if lines[j].top >= prev.bottom - 0.1 * pitch {
                    singles += 1;
                }
                if singles > opts.stream_max_single_run {
                    break;
                }
            }
            j += 1;
        }
        let left = lines[i..=last]
            .iter()
            .filter(|l| l.is_multi())
            .flat_map(|l| l.chunks.first().map(|c| c.x0))
            .fold(f64::MAX, f64::min);
        let mut end = last + 1;
        while end < j
            && ((lines[end]
                .chunks
                .first()
                .is_some_and(|c| c.x0 > left + lines[end].size)
                && fits(&lines[end], &starts))
                || lines[end].top < lines[end - 1].bottom - 0.1 * lines[end].height())
        {
            end += 1;
        }
        while end > i + 2 && trails_off(&lines[start..end]) {
            end -= 1;
        }
        if start == i && heads_nothing(&lines[i..end]) {
            i += 1;
            continue;
        }
        out.push(start..end);
        floor = end;
        i = end;
    }
    out
}

/// True when the line `j`, standing further below the line above it than
/// `stream_max_row_gap` line heights, still continues the table: tables with tall rows
/// (a label wrapped over two or three lines, set at the bottom or centre of its row) leave
/// a line or two of white over a row of one-line cells, so the gap is measured against
/// the table's row pitch. Line `j` has several texts, and so does the next line holding
/// several texts, reached with no gap wider than the limit; their pitch (top to top) is
/// the body's row pitch, and line `j` stands no further than 1.25 of it below the line
/// above it.
fn at_row_pitch(lines: &[Line], j: usize, opts: &TableOptions) -> bool {
    let (Some(prev), Some(line)) = (j.checked_sub(1).map(|i| &lines[i]), lines.get(j)) else {
        return false;
    };
    if !line.is_multi() {
        return false;
    }
    let mut k = j + 1;
    while k < lines.len() {
        let (a, b) = (&lines[k - 1], &lines[k]);
        let pitch = a.height().max(b.height()).max(a.size).max(b.size);
        if b.top - a.bottom > opts.stream_max_row_gap * pitch
            || (b.size - line.size).abs() > 0.15 * line.size
        {
            return false;
        }
        if b.is_multi() {
            return line.top - prev.top <= 1.25 * (b.top - line.top);
        }
        k += 1;
    }
    false
}

/// True when `line`, of one text, is a row holding only its label: its text starts where
/// the first texts of one or more lines of several texts above it (`above`) start, and
/// ends before any of those lines' later texts starts (it stays in the label column).
/// Such rows (`二、事业收入` with no amount, the income side of a two-sided table running
/// longer than the expenditure side, or the upper lines of a label wrapped over many lines
/// and set at the bottom of its row, under the first row) may come in any number between
/// rows with several texts; a note under the table starts at the same edge but no row
/// follows it.
fn labels_only(above: &[Line], line: &Line) -> bool {
    let [c] = line.chunks.as_slice() else {
        return false;
    };
    let multi = || above.iter().filter(|l| l.is_multi());
    let tol = 0.25 * line.size;
    let level = multi()
        .filter_map(|l| l.chunks.first())
        .filter(|f| (f.x0 - c.x0).abs() <= tol)
        .count();
    let next = multi().flat_map(interior_starts).fold(f64::MAX, f64::min);
    level >= 1 && c.x1 < next
}

/// True when `head`, a line of one text just above `below` (the lines of a region, top
/// down), is a group heading of the table's header rather than a title: set in the
/// header's size less than a font size above it, centred (within a quarter of a font
/// size) between the middles of two texts of the header lines under it (those starting
/// within three font sizes), not the outermost two (a title is centred over the whole
/// table), and lying between them.
fn heads_group(head: &Line, below: &[Line]) -> bool {
    let [h] = head.chunks.as_slice() else {
        return false;
    };
    let Some(first) = below.first() else {
        return false;
    };
    let size = first.size;
    if head.names_unit
        || (head.size - size).abs() > 0.15 * size
        || first.top - head.bottom > size
        || first.top < head.bottom - 0.1 * size
    {
        return false;
    }
    let texts: Vec<(f64, f64)> = below
        .iter()
        .take_while(|l| l.top <= head.bottom + 3.0 * size)
        .flat_map(|l| l.chunks.iter().map(|c| (c.x0, c.x1)))
        .collect();
    centred_between((h.x0, h.x1), texts.clone(), size)
        || centred_over_cells((h.x0, h.x1), texts, size)
}

/// True when the text `h` lies over two of `texts` (the texts under it), not the
/// outermost two, and is centred (within a quarter of `size`) on some run of cells
/// holding them: cells whose edges lie in the white on either side of the two (from the
/// end of the text before to the start of the first, from the end of the last to the
/// start of the text after; a text with nothing beside it, its own edge), over which it
/// takes no more than two thirds (a line of prose above prose is about as wide as the
/// lines under it). Sub-columns of
/// unequal widths do not centre their heading between their texts' middles
/// (`支出` over `合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算`).
fn centred_over_cells(h: (f64, f64), mut texts: Vec<(f64, f64)>, size: f64) -> bool {
    texts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = texts.len();
    let m = (h.0 + h.1) / 2.0;
    let tol = Tolerances::new(size).centred();
    (0..n).any(|p| {
        (p + 1..n).any(|q| {
            let (a, b) = (texts[p], texts[q]);
            let before = texts.iter().filter(|t| t.1 <= a.0).map(|t| t.1);
            let after = texts.iter().filter(|t| t.0 >= b.1).map(|t| t.0);
            let left = (before.clone().reduce(f64::max).unwrap_or(a.0), a.0);
            let right = (b.1, after.clone().reduce(f64::min).unwrap_or(b.1));
            let outside = before.count() + after.count() > 0;
            outside
                && m >= (left.0 + right.0) / 2.0 - tol
                && m <= (left.1 + right.1) / 2.0 + tol
                && h.0 >= a.0 - size
                && h.1 <= b.1 + size
                && 1.5 * (h.1 - h.0) <= b.1 - a.0
        })
    })
}

/// True when the text `h` is centred (within a quarter of `size`) between the middles of
/// two of `texts` (the texts under it) and lies between them, and some text lies wholly
/// before or after the two (they are not the outermost: a title, or a line of prose, is
/// centred over all): a heading over the columns of those two and of the texts between.
fn centred_between(h: (f64, f64), mut texts: Vec<(f64, f64)>, size: f64) -> bool {
    texts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = texts.len();
    let m = (h.0 + h.1) / 2.0;
    let outside = |a: (f64, f64), b: (f64, f64)| texts.iter().any(|t| t.1 <= a.0 || t.0 >= b.1);
    (0..n).any(|p| {
        (p + 1..n).any(|q| {
            let mid = ((texts[p].0 + texts[p].1) / 2.0 + (texts[q].0 + texts[q].1) / 2.0) / 2.0;
            outside(texts[p], texts[q])
                && (m - mid).abs() <= Tolerances::new(size).centred()
                && h.0 >= texts[p].0 - size
                && h.1 <= texts[q].1 + size
        })
    })
}

/// True when the last line of a region is a note below it rather than a row: it has
/// several chunks, not all numbers (a row of values under a header is a row however
/// its values overhang the header's columns), one reaching more than a font size beyond the text of the region's
/// other lines with several chunks, and one running across a white corridor between
/// their chunks.
fn trails_off(region: &[Line]) -> bool {
    let Some((last, rest)) = region.split_last() else {
        return false;
    };
    let above: Vec<Vec<(f64, f64)>> = rest
        .iter()
        .filter(|l| l.is_multi())
        .map(|l| l.chunks.iter().map(|c| (c.x0, c.x1)).collect())
        .collect();
    if !last.is_multi() || last.all_values || above.len() < 2 {
        return false;
    }
    let lo = above.iter().flatten().map(|r| r.0).fold(f64::MAX, f64::min);
    let hi = above.iter().flatten().map(|r| r.1).fold(f64::MIN, f64::max);
    let seps = corridors(&above, lo, hi, (above.len() as f64 * 0.1).floor() as usize);
    last.chunks
        .iter()
        .any(|c| c.x0 < lo - last.size || c.x1 > hi + last.size)
        && last
            .chunks
            .iter()
            .any(|c| seps.iter().any(|s| c.x0 < s.0 && c.x1 > s.1))
}

/// True when the first line of a region is a caption rather than a row: it names the
/// table's unit (see [`Line::names_unit`]), or two or more of the lines below it have
/// several chunks and no gap between its chunks overlaps a white corridor between theirs
/// (its gaps are no column boundaries of theirs: a caption such as a code and a name set
/// a little apart).
fn heads_nothing(region: &[Line]) -> bool {
    let Some((first, rest)) = region.split_first() else {
        return false;
    };
    if first.names_unit {
        return true;
    }
    let below: Vec<Vec<(f64, f64)>> = rest
        .iter()
        .filter(|l| l.is_multi())
        .map(|l| l.chunks.iter().map(|c| (c.x0, c.x1)).collect())
        .collect();
    if below.len() < 2 {
        return false;
    }
    let lo = below.iter().flatten().map(|r| r.0).fold(f64::MAX, f64::min);
    let hi = below.iter().flatten().map(|r| r.1).fold(f64::MIN, f64::max);
    let seps = corridors(&below, lo, hi, (below.len() as f64 * 0.1).floor() as usize);
    !first
        .chunks
        .windows(2)
        .any(|w| seps.iter().any(|s| s.0 < w[1].x0 && s.1 > w[0].x1))
}

/// White corridors: x intervals inside `lo..hi` crossed by the runs of at most `allowed`
/// lines. `lines` holds each line's runs `(x0, x1)`.
fn corridors(lines: &[Vec<(f64, f64)>], lo: f64, hi: f64, allowed: usize) -> Vec<(f64, f64)> {
    let mut seps = open_corridors(lines, lo, hi, allowed);
    seps.retain(|s| s.0 > lo && s.1 < hi);
    seps
}

/// Like [`corridors`], with those reaching `lo` or `hi` kept: the text of at most
/// `allowed` lines at a table's edge may be a sparse first or last column (see
/// [`split_at_islands`]).
fn open_corridors(lines: &[Vec<(f64, f64)>], lo: f64, hi: f64, allowed: usize) -> Vec<(f64, f64)> {
    let mut xs: Vec<f64> = lines
        .iter()
        .flatten()
        .flat_map(|r| [r.0, r.1])
        .filter(|&x| x >= lo && x <= hi)
        .collect();
    xs.extend([lo, hi]);
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    let mut seps: Vec<(f64, f64)> = Vec::new();
    for w in xs.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mid = (a + b) / 2.0;
        let crossing = lines
            .iter()
            .filter(|runs| runs.iter().any(|r| r.0 < mid && r.1 > mid))
            .count();
        if crossing <= allowed {
            match seps.last_mut() {
                Some(s) if (s.1 - a).abs() < 1e-9 => s.1 = b,
                _ => seps.push((a, b)),
            }
        }
    }
    seps.retain(|s| s.1 - s.0 >= 0.5);
    seps
}

/// The usual width of the white a corridor `s` lies in: the median, over the lines with
/// text on both sides of it (none across it), of the gap between the text nearest to it
/// on each side. A corridor is as narrow as the one line reaching furthest into it, and
/// the edges of text read from an image stray by a point or two (a box a few points wider
/// than its ink); the gap most lines leave is what tells a column boundary from a chance
/// gap.
fn usual_width(lines: &[Vec<(f64, f64)>], s: (f64, f64)) -> f64 {
    let gaps: Vec<f64> = lines
        .iter()
        .filter(|runs| !runs.iter().any(|r| r.0 < s.1 - 0.01 && r.1 > s.0 + 0.01))
        .filter_map(|runs| {
            let left = runs
                .iter()
                .filter(|r| r.1 <= s.0 + 0.01)
                .map(|r| r.1)
                .fold(f64::MIN, f64::max);
            let right = runs
                .iter()
                .filter(|r| r.0 >= s.1 - 0.01)
                .map(|r| r.0)
                .fold(f64::MAX, f64::min);
            (left > f64::MIN && right < f64::MAX).then_some(right - left)
        })
        .collect();
    if gaps.is_empty() {
        s.1 - s.0
    } else {
        median(gaps)
    }
}

/// True when a corridor is wide enough to part columns without backing of its own: a
/// font size wide where most lines leave it white (see [`usual_width`]), and at least
/// half a font size at its narrowest.
fn wide_corridor(lines: &[Vec<(f64, f64)>], s: (f64, f64), size: f64) -> bool {
    s.1 - s.0 >= Tolerances::new(size).column_gap() && usual_width(lines, s) >= size
}

/// Corridors, wide enough (see [`wide_corridor`]) and apart from the `found` ones, that more than
/// `allowed` lines cross, but only with text centred on them (a cell centred over the
/// boundary of two merged columns, such as a value under a two-column heading): the
/// text of at most `allowed` lines crosses them off-centre (text crossing a found
/// corridor too, a spanning cell, not counted), and at least half of the lines have text
/// on both sides. The plain rule would lose the boundary to the spanning cells. Of the
/// first `header` lines (the header's), a text centred on a corridor spans it only over
/// sub-headings on both sides of it.
fn centred_corridors(
    lines: &[Vec<(f64, f64)>],
    lo: f64,
    hi: f64,
    allowed: usize,
    size: f64,
    found: &[(f64, f64)],
    header: usize,
) -> Vec<(f64, f64)> {
    let loose = corridors(
        lines,
        lo,
        hi,
        allowed.max((lines.len() as f64 * 0.3).floor() as usize),
    );
    // Text crossing a boundary already found is a spanning cell: it says nothing against another.
    let spanning = |r: &(f64, f64)| found.iter().any(|f| r.0 < f.0 && r.1 > f.1);
    let mut out = Vec::new();
    for l in loose
        .into_iter()
        .filter(|l| !found.iter().any(|f| f.0 < l.1 && f.1 > l.0))
    {
        // The narrowest part of the loose corridor that only text centred in it crosses.
        let inside = |r: &(f64, f64)| (r.0 + r.1) / 2.0 >= l.0 && (r.0 + r.1) / 2.0 <= l.1;
        let rest: Vec<Vec<(f64, f64)>> = lines
            .iter()
            .map(|runs| {
                runs.iter()
                    .copied()
                    .filter(|r| !inside(r) && !spanning(r))
                    .collect()
            })
            .collect();
        // A header text centred on the corridor heads two columns only where a header
        // line below it has text on both sides of the corridor under it (its
        // sub-headings); with none, it is one column's heading, centred in its cell over
        // a value set to one side (`运行费` over a right-aligned `14.25`).
        let subheaded = |k: usize, r: &(f64, f64), s: (f64, f64)| {
            let reach = (r.0 - 0.5 * size, r.1 + 0.5 * size);
            lines[k + 1..header.max(k + 1)].iter().any(|runs| {
                runs.iter().any(|a| a.1 <= s.0 && a.1 > reach.0)
                    && runs.iter().any(|b| b.0 >= s.1 && b.0 < reach.1)
            })
        };
        let off_centre = |s: (f64, f64)| {
            let centred = |k: usize, r: &(f64, f64)| {
                (r.0 + r.1) / 2.0 >= s.0
                    && (r.0 + r.1) / 2.0 <= s.1
                    && (k >= header || subheaded(k, r, s))
            };
            lines
                .iter()
                .enumerate()
                .filter(|(k, runs)| {
                    runs.iter()
                        .any(|r| r.0 < s.1 && r.1 > s.0 && !centred(*k, r) && !spanning(r))
                })
                .count()
        };
        // Corridors over the whole table, clipped to the loose one: looked for inside the
        // loose corridor alone, one that fills it (the text either side ending within
        // the allowance at its very edges) would touch the bounds and be lost.
        for s in corridors(&rest, lo, hi, allowed)
            .into_iter()
            .filter(|s| s.0 < l.1 && s.1 > l.0)
        {
            let s = (s.0.max(l.0), s.1.min(l.1));
            // Text of several lines reaching in from either side, each within the
            // allowance where it lies, may cross more than `allowed` lines' worth in all
            // (text read from an image overruns its ink by a few points): the part that
            // none of it reaches is the corridor then.
            let s = if off_centre(s) <= allowed {
                s
            } else {
                corridors(&rest, s.0 - 0.01, s.1 + 0.01, 0)
                    .into_iter()
                    .max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))
                    .map_or(s, |c| (c.0.max(s.0), c.1.min(s.1)))
            };
            let off = off_centre(s);
            let both = lines
                .iter()
                .filter(|runs| runs.iter().any(|r| r.1 <= s.0) && runs.iter().any(|r| r.0 >= s.1))
                .count();
            if wide_corridor(&rest, s, size) && off <= allowed && 2 * both >= lines.len() {
                out.push(s);
            }
        }
    }
    out
}

/// Corridors, wide enough (see [`wide_corridor`]) and apart from the `found` ones, that at most
/// `allowed` lines cross once text crossing a found corridor is set aside: such text is
/// a cell spanning several columns (a group label or a subtotal's name) and says nothing
/// against a boundary between the columns it spans.
fn corridors_under_spans(
    lines: &[Vec<(f64, f64)>],
    lo: f64,
    hi: f64,
    allowed: usize,
    size: f64,
    found: &[(f64, f64)],
) -> Vec<(f64, f64)> {
    if found.is_empty() {
        return Vec::new();
    }
    let spanning = |r: &(f64, f64)| found.iter().any(|f| r.0 < f.0 && r.1 > f.1);
    let rest: Vec<Vec<(f64, f64)>> = lines
        .iter()
        .map(|runs| runs.iter().copied().filter(|r| !spanning(r)).collect())
        .collect();
    corridors(&rest, lo, hi, allowed)
        .into_iter()
        .filter(|s| wide_corridor(&rest, *s, size) && !found.iter().any(|f| f.0 < s.1 && f.1 > s.0))
        .collect()
}

/// Corridors may be crossed by a few lines (spanning headers), but chunks of two or
/// more lines reaching into corridors, one above the other, with no text of more than
/// `allowed` other lines beside or under them, are a sparse column of their own (a
/// header over the one total printed in its column, `事业收入` over `0.00`): each corridor
/// is cut around them. A chunk running across a whole corridor is a spanning cell there
/// and says nothing; one reaching in from beyond its edge counts (the header of a sparse
/// column and the value under it, set a point apart, each bound one corridor where the
/// other begins). Chunks overlapping one another are one island; one that other lines'
/// text overlaps (a header over a full column, poking into the white beside it) is none.
fn split_at_islands(
    seps: Vec<(f64, f64)>,
    lines: &[Vec<(f64, f64)>],
    allowed: usize,
) -> Vec<(f64, f64)> {
    let reaches_into =
        |r: &(f64, f64), s: &(f64, f64)| r.1 > s.0 && r.0 < s.1 && !(r.0 <= s.0 && r.1 >= s.1);
    let mut inside: Vec<(f64, f64)> = lines
        .iter()
        .flatten()
        .copied()
        .filter(|r| seps.iter().any(|s| reaches_into(r, s)))
        .collect();
    inside.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Runs overlapping one another, transitively: (extent, number of runs).
    let mut groups: Vec<((f64, f64), usize)> = Vec::new();
    for r in inside {
        match groups.last_mut() {
            Some((g, n)) if r.0 < g.1 => {
                g.1 = g.1.max(r.1);
                *n += 1;
            }
            _ => groups.push((r, 1)),
        }
    }
    let islands: Vec<(f64, f64)> = groups
        .into_iter()
        .filter(|&(g, n)| {
            let others = lines
                .iter()
                .filter(|runs| {
                    runs.iter()
                        .any(|r| r.0 < g.1 && r.1 > g.0 && !seps.iter().any(|s| reaches_into(r, s)))
                })
                .count();
            n >= 2 && others <= allowed
        })
        .map(|(g, _)| g)
        .collect();
    let mut out = Vec::new();
    for s in seps {
        let mut from = s.0;
        for r in islands.iter().filter(|r| reaches_into(r, &s)) {
            if r.0 > from {
                out.push((from, r.0));
            }
            from = from.max(r.1);
        }
        if s.1 > from {
            out.push((from, s.1));
        }
    }
    out
}

/// Column separators of a region, left to right: white corridors between the chunks of
/// its multi-chunk lines (chunks running over half the table ignored, corridors cut
/// around sparse columns that single-chunk lines show too), then, inside each column so found, corridors between words
/// that the lines on both sides back up (see [`backed`]); no column is left empty.
fn separators(glyphs: &[Glyph], lines: &[&Line], opts: &TableOptions) -> Vec<(f64, f64)> {
    let multi: Vec<&Line> = lines.iter().copied().filter(|l| l.is_multi()).collect();
    let allowed = (multi.len() as f64 * 0.1).floor() as usize;
    let chunk_runs: Vec<Vec<(f64, f64)>> = multi
        .iter()
        .map(|l| l.chunks.iter().map(|c| (c.x0, c.x1)).collect())
        .collect();
    let lo = chunk_runs
        .iter()
        .flatten()
        .map(|r| r.0)
        .fold(f64::MAX, f64::min);
    let hi = chunk_runs
        .iter()
        .flatten()
        .map(|r| r.1)
        .fold(f64::MIN, f64::max);
    if lo >= hi {
        return Vec::new();
    }
    // A corridor between chunks narrower than half a font size is where one line's
    // chunk ends and another's begins, not a gap left between columns.
    let size = median(multi.iter().map(|l| l.size).collect());
    // Single-chunk lines (values of rows whose other cells wrap onto lines of their own)
    // mark sparse columns too, and a corridor narrower than a font size that several of
    // them cross is a chance gap (between a header and a wrapped line's end).
    let single_runs: Vec<(f64, f64)> = lines
        .iter()
        .filter(|l| !l.is_multi())
        .flat_map(|l| l.chunks.iter().map(|c| (c.x0, c.x1)))
        .collect();
    let all_runs: Vec<Vec<(f64, f64)>> = chunk_runs
        .iter()
        .cloned()
        .chain(single_runs.iter().map(|&r| vec![r]))
        .collect();
    // A chunk running over most of the table (a form's free-text row) crosses every
    // corridor and says nothing about where columns are.
    let mut narrow_runs: Vec<Vec<(f64, f64)>> = chunk_runs
        .iter()
        .map(|l| {
            l.iter()
                .copied()
                .filter(|r| r.1 - r.0 < 0.5 * (hi - lo))
                .collect()
        })
        .collect();
    let (wrapped, mut headings) = header_lines_of_one_text(glyphs, lines);
    narrow_runs.extend(wrapped.into_iter().map(|r| vec![r]));
    // Group headings sharing a header line (`收入` and `支出` over the two sides of a
    // two-sided table) cross the boundaries of the columns they head, as a heading on a
    // line of its own does.
    let mut spanning = side_headings(glyphs, lines, size);
    spanning.extend(group_heads(glyphs, lines));
    for l in narrow_runs.iter_mut() {
        l.retain(|r| !spanning.contains(r));
    }
    headings.extend(spanning);
    let mut plain = corridors(&narrow_runs, lo, hi, allowed);
    // The multi-chunk lines above the first holding a number: the header's.
    let header = body_start(glyphs, &multi).unwrap_or(0);
    plain.extend(centred_corridors(
        &narrow_runs,
        lo,
        hi,
        allowed,
        size,
        &plain,
        header,
    ));
    plain.extend(corridors_under_spans(
        &narrow_runs,
        lo,
        hi,
        allowed,
        size,
        &plain,
    ));
    // Corridors at the table's edges take no part above (no column lies beyond them),
    // but a sparse first or last column may lie in one.
    plain.extend(
        open_corridors(&narrow_runs, lo, hi, allowed)
            .into_iter()
            .filter(|s| s.0 <= lo || s.1 >= hi),
    );
    plain.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut coarse = split_at_islands(plain, &all_runs, allowed);
    coarse.retain(|s| s.1 - s.0 >= 0.5 && s.0 > lo && s.1 < hi);
    let edges = Edges::of(lines);
    coarse.retain(|s| {
        s.1 - s.0 >= Tolerances::new(size).column_gap()
            || (s.1 - s.0 > opts.stream_word_gap_em * size
                && (edges.ends_at(s.0, size) || edges.starts_at(s.1, size)))
    });
    // A wider one is kept unless the lines crossing it outnumber the lines of several
    // chunks with text on both sides of it (the white a few short header words leave
    // above a column of long labels: read from an image, it may come out a font size wide).
    // A group heading on a line of its own crosses the boundaries of the columns it
    // heads: it says nothing against them.
    let crossing = |s: &(f64, f64)| {
        single_runs
            .iter()
            .filter(|r| r.0 < s.0 && r.1 > s.1 && !headings.contains(r))
            .count()
    };
    let outnumbered = |s: &(f64, f64)| {
        let across = chunk_runs
            .iter()
            .filter(|l| l.iter().any(|r| r.0 < s.0 && r.1 > s.1))
            .count()
            + crossing(s);
        let both = chunk_runs
            .iter()
            .filter(|l| l.iter().any(|r| r.1 <= s.0) && l.iter().any(|r| r.0 >= s.1))
            .count();
        across > both
    };
    coarse.retain(|s| crossing(s) <= allowed || (s.1 - s.0 >= size && !outnumbered(s)));
    // A corridor narrower than a font size whose edges no aligned text backs (a gap left
    // between a header and a value set beside it rather than under it) yields to a wider
    // sub-column boundary that the two columns beside it show once merged, or to nothing
    // when a column beside it holds no text of its own.
    // Text of one line only on each side reaches the corridor: no column edge.
    let backing = |s: (f64, f64)| {
        let ends = all_runs
            .iter()
            .filter(|l| l.iter().any(|r| (r.1 - s.0).abs() <= 1.0))
            .count();
        let starts = all_runs
            .iter()
            .filter(|l| l.iter().any(|r| (r.0 - s.1).abs() <= 1.0))
            .count();
        (ends, starts)
    };
    let mut k = 0;
    while k < coarse.len() {
        let s = coarse[k];
        let a = if k == 0 { lo } else { coarse[k - 1].1 };
        let b = coarse.get(k + 1).map_or(hi, |n| n.0);
        let (ends, starts) = backing(s);
        // A column beside it holding no text of its own (all its text crosses its edges:
        // a header wrapped over a right-aligned value, or a spanning header) is no
        // column either, whatever backs the corridor; of the two corridors around such
        // a column the one less backed goes (text read from an image may start a point
        // off, and back a chance gap by one line more).
        let hollow = |x0: f64, x1: f64| {
            !all_runs
                .iter()
                .flatten()
                .any(|r| r.0 >= x0 - 0.5 && r.1 <= x1 + 0.5)
        };
        let weaker_next = coarse.get(k + 1).is_some_and(|&n| {
            let (e, st) = backing(n);
            n.1 - n.0 < size && e + st < ends + starts
        });
        // Both columns beside it holding text of one line only: of the same line, a gap
        // inside one cell's text (read from an image, a word gap may widen); of two lines,
        // a header beside the one value under it (`合计` over `15.91`, read from an image
        // half a point further apart than printed).
        let holders = |x0: f64, x1: f64| {
            all_runs
                .iter()
                .enumerate()
                .filter(|(_, l)| l.iter().any(|r| r.0 >= x0 - 0.5 && r.1 <= x1 + 0.5))
                .map(|(n, _)| n)
                .collect::<Vec<_>>()
        };
        let (left, right) = (holders(a, s.0), holders(s.1, b));
        let lone = left.len() == 1 && right.len() == 1;
        let weak = ends <= 1 && starts <= 1;
        // Two or more lines holding text on each side, none on both, and a text running
        // into the white centred where two or more texts of one side are: one column of
        // labels set left and totals centred (`当年收入小计`, the widest, reaching into the
        // labels' white).
        let middles = |x0: f64, x1: f64| -> Vec<f64> {
            all_runs
                .iter()
                .flatten()
                .filter(|r| r.0 >= x0 - 0.5 && r.1 <= x1 + 0.5)
                .map(|r| (r.0 + r.1) / 2.0)
                .collect()
        };
        let centred_across = left.len() >= 2
            && right.len() >= 2
            && !left.iter().any(|n| right.contains(n))
            && all_runs
                .iter()
                .flatten()
                .filter(|r| r.0 < s.1 - 0.5 && r.1 > s.0 + 0.5)
                .any(|r| {
                    let m = (r.0 + r.1) / 2.0;
                    [middles(a, s.0), middles(s.1, b)].iter().any(|side| {
                        side.iter()
                            .filter(|&&x| (x - m).abs() <= Tolerances::new(size).centred())
                            .count()
                            >= 2
                    })
                });
        if centred_across
            || s.1 - s.0 < size
                && (hollow(a, s.0)
                    || (hollow(s.1, b) && (weak || !weaker_next))
                    || (weak && (lone || merging_reveals(glyphs, &multi, (a, b), s, opts))))
        {
            coarse.remove(k);
        } else {
            k += 1;
        }
    }
    let mut bounds = vec![lo];
    bounds.extend(coarse.iter().flat_map(|s| [s.0, s.1]));
    bounds.push(hi);
    let mut seps = Vec::new();
    for (k, col) in bounds.chunks(2).enumerate() {
        seps.extend(fine_separators(glyphs, &multi, col[0], col[1], opts));
        if let Some(&s) = coarse.get(k) {
            seps.push(s);
        }
    }
    let seps = drop_empty_columns(&multi, seps);
    let seps = merge_header_only_columns(glyphs, lines, seps);
    merge_figures_beside_labels(glyphs, lines, seps, size)
}

/// Joins a column holding nothing but figures, set right on one edge on two or more
/// lines, to the column of labels left of it where no line holds text in both: a form's
/// amounts set right in a column whose other rows hold text set left or centred
/// (`预算数 | 163.65 | 其中：财政资金 | 81.82` over `主管部门 | … | 实施单位 | 河西市新华区教育局`
/// in a 绩效目标表). The white between the labels' right ends and the amounts' left ends
/// is then the room the amounts leave in their cell, not a column gap: a column of its
/// own has a heading, and its rows hold text where the rows of the column beside it do.
fn merge_figures_beside_labels(
    glyphs: &[Glyph],
    lines: &[&Line],
    mut seps: Vec<(f64, f64)>,
    size: f64,
) -> Vec<(f64, f64)> {
    let edge = Tolerances::new(size).edge();
    let mut k = 0;
    while k < seps.len() {
        let col_of = |x: f64| seps.iter().take_while(|s| x > (s.0 + s.1) / 2.0).count();
        // Per line: the texts of columns k and k + 1 (words crossing no boundary).
        let mut labels = 0;
        let mut figures: Vec<f64> = Vec::new();
        let mut ok = true;
        for l in lines {
            let mut left = String::new();
            let mut right = String::new();
            let mut right_end = f64::MIN;
            for w in l
                .words()
                .filter(|w| !seps.iter().any(|s| w.x0 < s.0 && w.x1 > s.1))
            {
                let c = col_of((w.x0 + w.x1) / 2.0);
                if c == k {
                    left.push_str(&word_text(glyphs, w));
                } else if c == k + 1 {
                    right.push_str(&word_text(glyphs, w));
                    right_end = right_end.max(w.x1);
                }
            }
            match (left.is_empty(), right.is_empty()) {
                (false, false) => ok = false,
                (false, true) => labels += usize::from(!is_value(&left)),
                (true, false) if is_value(&right) => figures.push(right_end),
                (true, false) => ok = false,
                (true, true) => {}
            }
            if !ok {
                break;
            }
        }
        let set_right =
            figures.len() >= 2 && figures.iter().all(|&x| (x - figures[0]).abs() <= edge);
        if ok && labels >= 2 && set_right {
            seps.remove(k);
        } else {
            k += 1;
        }
    }
    seps
}

/// Index of the first line holding a number (a value): the lines above it are the
/// header's.
fn body_start(glyphs: &[Glyph], lines: &[&Line]) -> Option<usize> {
    lines.iter().position(|l| {
        l.chunks.iter().any(|c| {
            is_value(
                &c.glyphs
                    .iter()
                    .map(|&i| glyphs[i].text.as_str())
                    .collect::<String>(),
            )
        })
    })
}

/// Joins a column holding header text only (no text on or below the first line holding
/// a number) to a neighbouring column with no header text of its own, whose cell that
/// header heads: `预算数` centred in its cell over right-aligned amounts ends well left
/// of them, and the white between is as wide as a column gap. (A column with a header
/// and no body beside one with both is a column left empty.) The header is taken to be
/// centred in its cell: the cell then reaches as far on the header's other side as the
/// neighbour's body text reaches on this one, and that must stay clear of the text of the
/// column beyond; of two neighbours that both fit, the nearer one.
fn merge_header_only_columns(
    glyphs: &[Glyph],
    lines: &[&Line],
    mut seps: Vec<(f64, f64)>,
) -> Vec<(f64, f64)> {
    let Some(body) = body_start(glyphs, lines) else {
        return seps;
    };
    loop {
        let n = seps.len() + 1;
        let col_of = |x: f64| seps.iter().take_while(|s| x > (s.0 + s.1) / 2.0).count();
        // Per column: the extent of its header text and of its body text.
        let mut head: Vec<Option<(f64, f64)>> = vec![None; n];
        let mut rest: Vec<Option<(f64, f64)>> = vec![None; n];
        for (k, l) in lines.iter().enumerate() {
            // A word running across a column boundary is a spanning heading's: it heads
            // no one column.
            for w in l
                .words()
                .filter(|w| !seps.iter().any(|s| w.x0 < s.0 && w.x1 > s.1))
            {
                let c = col_of((w.x0 + w.x1) / 2.0);
                let slot = if k < body { &mut head[c] } else { &mut rest[c] };
                *slot = Some(slot.map_or((w.x0, w.x1), |(a, b)| (a.min(w.x0), b.max(w.x1))));
            }
        }
        let any = |c: usize| match (head[c], rest[c]) {
            (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
            (a, b) => a.or(b),
        };
        let mut merge = None;
        for k in 0..n {
            let (Some(h), None) = (head[k], rest[k]) else {
                continue;
            };
            let centre = (h.0 + h.1) / 2.0;
            // (gap to the neighbour's body text, separator between the two)
            let mut best: Option<(f64, usize)> = None;
            if k + 1 < n {
                if let (None, Some(b)) = (head[k + 1], rest[k + 1]) {
                    let far = 2.0 * centre - b.1;
                    let clear = k == 0 || any(k - 1).is_none_or(|t| t.1 <= far);
                    if clear && b.0 > h.1 {
                        best = Some((b.0 - h.1, k));
                    }
                }
            }
            if k > 0 {
                if let (None, Some(b)) = (head[k - 1], rest[k - 1]) {
                    let far = 2.0 * centre - b.0;
                    let clear = k + 1 >= n || any(k + 1).is_none_or(|t| t.0 >= far);
                    if clear && b.1 < h.0 && best.is_none_or(|(g, _)| h.0 - b.1 < g) {
                        best = Some((h.0 - b.1, k - 1));
                    }
                }
            }
            if let Some((_, s)) = best {
                merge = Some(s);
                break;
            }
        }
        match merge {
            Some(s) => {
                seps.remove(s);
            }
            None => return seps,
        }
    }
}

/// The x extents `(x0, x1)` of texts.
type Extents = Vec<(f64, f64)>;

/// The texts of the header's lines of one text (above the first line holding a number):
/// those that head no group, then those that do. A line heads a group where a lower
/// header line has two texts under it, or where it is centred between two texts of the
/// lower header lines (see [`centred_between`]); a lower line starts half a font size or
/// more below its top (header cells centred over two header rows beside it overlap its
/// line, and show that it is not centred over the whole table). A line heading no group is a
/// line of a header cell wrapped in its column (`因公出国（境）` over `费`), or the first
/// line of a body label centred on its row (`一、一般公共预算` over `拨款收入`, the row's
/// amounts level with the gap between them), and no column boundary runs through it; a
/// line heading a group (`公务用车购置及运行费` over `小计`, `购置费`, `运行费`) spans the
/// boundaries of the columns under it.
fn header_lines_of_one_text(glyphs: &[Glyph], lines: &[&Line]) -> (Extents, Extents) {
    let Some(body) = lines.iter().position(|l| {
        l.chunks.iter().any(|c| {
            is_value(
                &c.glyphs
                    .iter()
                    .map(|&i| glyphs[i].text.as_str())
                    .collect::<String>(),
            )
        })
    }) else {
        return (Vec::new(), Vec::new());
    };
    let header = &lines[..body];
    let mut out = (Vec::new(), Vec::new());
    for (k, l) in header
        .iter()
        .enumerate()
        .filter(|(_, l)| l.chunks.len() == 1)
    {
        {
            let c = &l.chunks[0];
            let lower: Vec<&Line> = header[k + 1..]
                .iter()
                .copied()
                .filter(|lower| lower.top >= l.top + 0.5 * l.size)
                .collect();
            let heads = columns_under((c.x0, c.x1), &lower, l.size) >= 2
                || centred_between(
                    (c.x0, c.x1),
                    lower
                        .iter()
                        .flat_map(|l| l.chunks.iter().map(|d| (d.x0, d.x1)))
                        .collect(),
                    l.size,
                );
            if heads {
                out.1.push((c.x0, c.x1));
            } else {
                out.0.push((c.x0, c.x1));
            }
        }
    }
    out
}

/// The texts of header lines of several texts (above the first line holding a number)
/// that each head a group of columns: the text is centred, within a quarter of a font
/// size, between a left edge and a right edge that three lines below it share (the outer
/// edges of the columns it heads: `收入` over the labels and amounts of the income side),
/// lies between them, and the line holds no text between those edges but it. Some text
/// below lies outside the two edges (a title is centred over the whole table). The
/// table's outer text edges count as edges however few lines reach them (the last side
/// of a 收支总表 whose amounts run on to the next page).
fn side_headings(glyphs: &[Glyph], lines: &[&Line], size: f64) -> Extents {
    let Some(body) = body_start(glyphs, lines) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, l) in lines[..body]
        .iter()
        .enumerate()
        .filter(|(_, l)| l.is_multi())
    {
        let below: Vec<&Line> = lines[k + 1..]
            .iter()
            .copied()
            .filter(|b| b.top >= l.bottom - 0.1 * l.size)
            .collect();
        let edges = Edges::of(&below);
        let texts: Vec<(f64, f64)> = below
            .iter()
            .flat_map(|b| b.chunks.iter().map(|c| (c.x0, c.x1)))
            .collect();
        let mut lefts: Vec<f64> = texts.iter().map(|t| t.0).collect();
        let mut rights: Vec<f64> = texts.iter().map(|t| t.1).collect();
        for v in [&mut lefts, &mut rights] {
            v.sort_by(f64::total_cmp);
            v.dedup_by(|a, b| (*a - *b).abs() <= 0.25 * size);
        }
        lefts.retain(|&x| edges.starts_at(x, size));
        rights.retain(|&x| edges.ends_at(x, size));
        // The table's outer text edges bound the first and last side whatever their
        // count (the last side's amounts may be few on a page the table runs on from).
        if let Some(&first) = lefts.first() {
            lefts.push(texts.iter().map(|t| t.0).fold(first, f64::min));
        }
        if let Some(&last) = rights.last() {
            rights.push(texts.iter().map(|t| t.1).fold(last, f64::max));
        }
        for c in &l.chunks {
            let m = (c.x0 + c.x1) / 2.0;
            let heads = lefts.iter().any(|&a| {
                rights.iter().any(|&b| {
                    a < c.x0
                        && b > c.x1
                        && (m - (a + b) / 2.0).abs() <= Tolerances::new(size).centred()
                        && texts.iter().any(|t| t.1 <= a || t.0 >= b)
                        && l.chunks
                            .iter()
                            .all(|o| std::ptr::eq(o, c) || o.x1 <= a || o.x0 >= b)
                })
            });
            if heads {
                out.push((c.x0, c.x1));
            }
        }
    }
    out
}

/// The texts of header lines of several texts (above the first line holding a number)
/// that head a group of columns: texts of the lower header lines reach under each of
/// them (within half a font size) in two or more places apart (see [`columns_under`]):
/// `公务接待费` over `预算数` and `决算数`, on the line of `合计` and `因公出国（境）费`.
/// Such a heading crosses the boundaries of the columns it heads, as a heading on a
/// line of its own does.
fn group_heads(glyphs: &[Glyph], lines: &[&Line]) -> Extents {
    let Some(body) = body_start(glyphs, lines) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, l) in lines[..body]
        .iter()
        .enumerate()
        .filter(|(_, l)| l.is_multi())
    {
        let lower: Vec<&Line> = lines[k + 1..body]
            .iter()
            .copied()
            .filter(|b| b.top >= l.bottom - 0.1 * l.size)
            .collect();
        for c in &l.chunks {
            if columns_under((c.x0, c.x1), &lower, l.size) >= 2 {
                out.push((c.x0, c.x1));
            }
        }
    }
    out
}

/// How many places apart the texts of `lower` lines reach under the text `h` (within
/// half of `size` either side): the texts reaching under it, grouped where they overlap
/// one another (the lines of one column's cell), counted.
fn columns_under(h: (f64, f64), lower: &[&Line], size: f64) -> usize {
    let slack = 0.5 * size;
    let mut under: Vec<(f64, f64)> = lower
        .iter()
        .flat_map(|l| l.chunks.iter().map(|d| (d.x0, d.x1)))
        .filter(|d| d.1 > h.0 - slack && d.0 < h.1 + slack)
        .collect();
    under.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut groups = 0;
    let mut reach = f64::MIN;
    for d in under {
        if d.0 >= reach {
            groups += 1;
        }
        reach = reach.max(d.1);
    }
    groups
}

/// True when merging the columns `span.0..s.0` and `s.1..span.1` across the corridor `s`
/// shows a sub-column boundary, wider than `s`, that neither column shows alone: the
/// text beside `s` then belongs to columns split elsewhere (a header set left of its
/// right-aligned value leaves a chance gap between the two).
fn merging_reveals(
    glyphs: &[Glyph],
    multi: &[&Line],
    span: (f64, f64),
    s: (f64, f64),
    opts: &TableOptions,
) -> bool {
    let own: Vec<(f64, f64)> = fine_separators(glyphs, multi, span.0, s.0, opts)
        .into_iter()
        .chain(fine_separators(glyphs, multi, s.1, span.1, opts))
        .collect();
    fine_separators(glyphs, multi, span.0, span.1, opts)
        .iter()
        .any(|f| {
            f.1 - f.0 > s.1 - s.0
                && (f.1 <= s.0 || f.0 >= s.1)
                && !own.iter().any(|o| o.0 < f.1 && o.1 > f.0)
        })
}

/// Sub-column separators inside the column `a..b`: corridors between the words of the
/// lines with two or more words there that the lines on both sides back up (see
/// [`backed`]).
fn fine_separators(
    glyphs: &[Glyph],
    multi: &[&Line],
    a: f64,
    b: f64,
    opts: &TableOptions,
) -> Vec<(f64, f64)> {
    let inside: Vec<Vec<(&Word, f64)>> = multi
        .iter()
        .map(|l| {
            l.words()
                .filter(|w| w.x0 < b && w.x1 > a)
                .map(|w| (w, l.size))
                .collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    // A line with one text here (a spanning header) says nothing about sub-columns.
    let runs: Vec<Vec<(f64, f64)>> = inside
        .iter()
        .map(|ws| texts_within(glyphs, ws, a, opts))
        .filter(|r| r.len() >= 2)
        .collect();
    let fine = corridors(&runs, a, b, (runs.len() as f64 * 0.1).floor() as usize);
    fine.into_iter()
        .filter(|s| backed(glyphs, &inside, *s, opts))
        .collect()
}

/// The extents of one line's texts inside a column starting at `a` (`words` those of its
/// words reaching into the column), for finding sub-columns: a word starting more than
/// half a font size before the column is a cell spanning columns from the left and says
/// nothing about sub-columns of this one (one running on past its right edge may be a
/// left-aligned value overflowing its cell, and counts), nor do the words that run on
/// from it less than half a font size apart, unless both are numbers (read from an
/// image, `；2.资金` may come out as three words); words less than a chunk gap
/// apart with a CJK character beside the gap are one text (CJK text has no spaces inside
/// a cell: such a gap is where positions read from an image stray, and cells of CJK text
/// are parted at wider gaps, see [`chunks_of`]).
fn texts_within(
    glyphs: &[Glyph],
    words: &[(&Word, f64)],
    a: f64,
    opts: &TableOptions,
) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    let mut last_glyph: Option<usize> = None;
    // The text of the last word when it belongs to a cell spanning from the left, and
    // where it ends.
    let mut spanning: Option<(String, f64)> = None;
    for &(w, size) in words {
        let text = word_text(glyphs, w);
        let runs_on = spanning
            .as_ref()
            .is_some_and(|(t, x1)| w.x0 - x1 <= 0.5 * size && !(is_value(t) && is_value(&text)));
        if w.x0 < a - 0.5 * size || runs_on {
            spanning = Some((text, w.x1));
            continue;
        }
        spanning = None;
        let before = last_glyph.and_then(|i| glyphs[i].text.chars().last());
        let next = w
            .glyphs
            .first()
            .and_then(|&i| glyphs[i].text.chars().next());
        let cjk = before.is_some_and(is_cjk) || next.is_some_and(is_cjk);
        match out.last_mut() {
            Some(r) if cjk && w.x0 - r.1 <= opts.stream_gap_em * size => r.1 = r.1.max(w.x1),
            _ => out.push((w.x0, w.x1)),
        }
        last_glyph = w.glyphs.last().copied();
    }
    out
}

/// True when a corridor between words is a column boundary rather than a chance
/// alignment. `lines` holds the words of each line inside the corridor's column: at
/// least half of them (or three leaving a wide gap, with no line against) have words on
/// both sides of it, and all but one in ten of those (one, a header row, once four agree)
/// leave a wide gap there or have a number (or a dash standing for one) on both sides.
fn backed(
    glyphs: &[Glyph],
    lines: &[Vec<(&Word, f64)>],
    s: (f64, f64),
    opts: &TableOptions,
) -> bool {
    let (mut straddling, mut good, mut wide_gaps) = (0, 0, 0);
    for words in lines {
        let Some(k) = words
            .windows(2)
            .position(|w| w[0].0.x1 <= s.0 + 0.5 && w[1].0.x0 >= s.1 - 0.5)
        else {
            continue;
        };
        straddling += 1;
        let ((left, size), (right, _)) = (words[k], words[k + 1]);
        let wide = right.x0 - left.x1 > opts.stream_gap_em * size;
        wide_gaps += usize::from(wide);
        if wide || (is_value(&word_text(glyphs, left)) && is_value(&word_text(glyphs, right))) {
            good += 1;
        }
    }
    let bad = straddling - good;
    // Three lines with a wide gap there and none against: a column that most rows span
    // (a form's label/value pairs above a wide description column).
    let sparse = wide_gaps >= 3 && bad == 0;
    good >= 2
        && (2 * straddling >= lines.len() || sparse)
        && bad <= (straddling / 10).max(usize::from(good >= 4))
}

/// Removes separators that enclose a column no word is centred in, so a few wide
/// numbers reaching into a corridor do not make an empty column of their own.
fn drop_empty_columns(lines: &[&Line], mut seps: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut k = 0;
    while k + 1 < seps.len() {
        let (lo, hi) = (seps[k].1, seps[k + 1].0);
        let used = lines.iter().any(|l| {
            l.words()
                .any(|w| (w.x0 + w.x1) / 2.0 > lo && (w.x0 + w.x1) / 2.0 < hi)
        });
        if used {
            k += 1;
        } else {
            seps[k].1 = seps[k + 1].1;
            seps.remove(k + 1);
        }
    }
    seps
}

fn chunk_text(glyphs: &[Glyph], c: &Chunk) -> String {
    c.glyphs.iter().map(|&i| glyphs[i].text.as_str()).collect()
}

fn word_text(glyphs: &[Glyph], w: &Word) -> String {
    w.glyphs.iter().map(|&i| glyphs[i].text.as_str()).collect()
}

/// The region's lines with their chunks parted where a word starts on a left edge or
/// ends on a right edge shared by other lines (see [`Edges`]): two cells set closer than
/// the chunk gap (a right-aligned amount beside a left-aligned label, `1,922,033.54
/// 商品和服务支出`) are two texts where the column they start or end shows it.
fn split_at_edges(region: &[&Line]) -> Vec<Line> {
    let edges = Edges::of(region);
    region
        .iter()
        .map(|l| {
            let mut out = (*l).clone();
            out.chunks = l
                .chunks
                .iter()
                .flat_map(|c| {
                    let mut parts: Vec<Chunk> = Vec::new();
                    for w in &c.words {
                        let part = parts.last().filter(|p| {
                            let prev = p.words.last().map_or(p.x1, |pw| pw.x1);
                            !edges.starts_at(w.x0, l.size) && !edges.ends_at(prev, l.size)
                        });
                        match (part.is_some(), parts.last_mut()) {
                            (true, Some(p)) => {
                                p.x1 = p.x1.max(w.x1);
                                p.glyphs.extend(&w.glyphs);
                                p.words.push(w.clone());
                            }
                            _ => parts.push(Chunk {
                                x0: w.x0,
                                x1: w.x1,
                                glyphs: w.glyphs.clone(),
                                words: vec![w.clone()],
                            }),
                        }
                    }
                    parts
                })
                .collect();
            out
        })
        .collect()
}

/// Where the words of a region's lines start and end: a left edge (a right edge) is an
/// x where words of at least [`Edges::MIN_LINES`] lines start (end) within the edge
/// tolerance, a quarter of the font size, a text of some line starts (ends) by itself
/// (a chunk, set apart from any text beside it), and the words of no more than one line
/// in ten run across: a column's aligned text, not the chance alignment of words inside
/// cells (repeated words, or items of a list).
struct Edges {
    /// Each line's words, `(x0, x1)`.
    lines: Vec<Vec<(f64, f64)>>,
    /// Each line's chunks, `(x0, x1)`.
    chunks: Vec<Vec<(f64, f64)>>,
}

impl Edges {
    const MIN_LINES: usize = 3;

    fn of(region: &[&Line]) -> Self {
        Edges {
            lines: region
                .iter()
                .map(|l| l.words().map(|w| (w.x0, w.x1)).collect())
                .collect(),
            chunks: region
                .iter()
                .map(|l| l.chunks.iter().map(|c| (c.x0, c.x1)).collect())
                .collect(),
        }
    }

    fn edge(&self, x: f64, size: f64, at: impl Fn(&(f64, f64)) -> f64) -> bool {
        let tol = 0.25 * size;
        let near = |runs: &Vec<Vec<(f64, f64)>>| {
            runs.iter()
                .filter(|ws| ws.iter().any(|w| (at(w) - x).abs() <= tol))
                .count()
        };
        let across = self
            .lines
            .iter()
            .filter(|ws| ws.iter().any(|w| w.0 < x - tol && w.1 > x + tol))
            .count();
        near(&self.lines) >= Self::MIN_LINES
            && near(&self.chunks) >= 1
            && across <= self.lines.len() / 10
    }

    /// True when `x` is a left edge.
    fn starts_at(&self, x: f64, size: f64) -> bool {
        self.edge(x, size, |w| w.0)
    }

    /// True when `x` is a right edge.
    fn ends_at(&self, x: f64, size: f64) -> bool {
        self.edge(x, size, |w| w.1)
    }
}

/// A number, percentage, range, amount or a placeholder dash (`1,205`, `(13.8–17.1)`,
/// `12%`, `$4.5`, `—`, `†`).
fn is_value(s: &str) -> bool {
    let s = s.trim();
    let allowed = |c: char| c.is_ascii_digit() || ",.%()–—-+$€£¥*†‡§/:<>≥≤".contains(c);
    !s.is_empty()
        && s.chars().all(allowed)
        && (s.chars().any(|c| c.is_ascii_digit()) || s.chars().count() <= 2)
}

/// Splits a chunk where a column separator lies wholly inside the gap between two of
/// its words (numbers set closer than the chunk gap, `3,694 2,213.2`); a header whose
/// words reach into the separator stays whole, and so does a number run into CJK text
/// (`3月底`: CJK cells are split at their own, wider gaps, see [`chunks_of`]).
fn pieces(glyphs: &[Glyph], c: &Chunk, seps: &[(f64, f64)]) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    for w in &c.words {
        let cjk_join = out.last().is_some_and(|p| {
            let last = p.glyphs.last().and_then(|&i| glyphs[i].text.chars().last());
            let next = w
                .glyphs
                .first()
                .and_then(|&i| glyphs[i].text.chars().next());
            last.is_some_and(is_cjk) || next.is_some_and(is_cjk)
        });
        let split = !cjk_join
            && out
                .last()
                .is_some_and(|p| seps.iter().any(|s| s.0 >= p.x1 - 0.5 && s.1 <= w.x0 + 0.5));
        match out.last_mut() {
            Some(p) if !split => {
                p.x1 = p.x1.max(w.x1);
                p.glyphs.extend(&w.glyphs);
                p.words.push(w.clone());
            }
            _ => out.push(Chunk {
                x0: w.x0,
                x1: w.x1,
                glyphs: w.glyphs.clone(),
                words: vec![w.clone()],
            }),
        }
    }
    out
}

/// Columns (start, end) covered by a chunk given the column edges: the column holding
/// its centre, the column in whose left half it starts when it runs past that column,
/// and every column it overlaps by more than a fifth of its width (a
/// centred header pokes a little into its neighbours without covering them).
fn col_range(c: &Chunk, edges: &[f64]) -> (usize, usize) {
    let n = edges.len() - 1;
    let mut first = None;
    let mut last = 0;
    let (cx, w) = ((c.x0 + c.x1) / 2.0, c.x1 - c.x0);
    for k in 0..n {
        let ov = c.x1.min(edges[k + 1]) - c.x0.max(edges[k]);
        let holds_centre = cx >= edges[k] && cx < edges[k + 1];
        // Long text starting in the left half of a column and running on past it (a
        // left-aligned description over merged columns) starts in that column.
        let starts_here =
            c.x0 >= edges[k] && c.x0 < (edges[k] + edges[k + 1]) / 2.0 && c.x1 > edges[k + 1];
        if holds_centre || starts_here || ov > 0.2 * w || ov >= edges[k + 1] - edges[k] {
            first.get_or_insert(k);
            last = k;
        }
    }
    let first = first.unwrap_or_else(|| if c.x0 >= edges[n] { n - 1 } else { 0 });
    (first, last.max(first))
}

/// True for a bulleted or numbered list: the first column holds only list markers
/// (•, -, 1., (a), iv) …) and there is one column of text after it.
fn is_list(glyphs: &[Glyph], region: &[&Line], edges: &[f64]) -> bool {
    if edges.len() != 3 {
        return false;
    }
    let mut markers = 0;
    for l in region {
        let Some(first) = l.chunks.first() else {
            continue;
        };
        if col_range(first, edges).0 != 0 {
            continue;
        }
        let text: String = first
            .glyphs
            .iter()
            .map(|&i| glyphs[i].text.as_str())
            .collect();
        if !is_list_marker(text.trim()) {
            return false;
        }
        markers += 1;
    }
    markers > 0
}

/// True for a chart's axis labels: in at least half of the lines a horizontal rule (a
/// gridline or tick mark) runs through the middle of the text's height — table text
/// sits between rules, never on them.
fn is_chart(segments: &[Segment], region: &[&Line]) -> bool {
    let x0 = region
        .iter()
        .flat_map(|l| l.chunks.iter().map(|c| c.x0))
        .fold(f64::MAX, f64::min)
        - 20.0;
    let x1 = region
        .iter()
        .flat_map(|l| l.chunks.iter().map(|c| c.x1))
        .fold(f64::MIN, f64::max)
        + 20.0;
    let struck = region
        .iter()
        .filter(|l| {
            let band = 0.25 * l.height();
            segments.iter().any(|s| {
                s.orientation == Orientation::Horizontal
                    && s.top > l.top + band
                    && s.top < l.bottom - band
                    && s.x1 > x0
                    && s.x0 < x1
            })
        })
        .count();
    2 * struck >= region.len()
}

/// `•`, `-`, `1.`, `2)`, `(a)`, `iv.`, `A.`, `①` and similar.
fn is_list_marker(s: &str) -> bool {
    let n = s.chars().count();
    if n == 0 || n > 5 {
        return false;
    }
    if n == 1 {
        return s
            .chars()
            .all(|c| !c.is_alphanumeric() || matches!(c as u32, 0x2460..=0x24FF));
    }
    let core = s
        .trim_start_matches('(')
        .trim_end_matches(['.', ')', '）', '、']);
    let punctuated = core.len() < s.len();
    punctuated
        && !core.is_empty()
        && (core.chars().all(|c| c.is_ascii_digit() || c == '.')
            || (core.chars().count() <= 4
                && core
                    .chars()
                    .all(|c| matches!(c, 'i' | 'v' | 'x' | 'I' | 'V' | 'X')))
            || core.chars().count() == 1)
}

/// The page's lines of upright glyphs outside `exclude` (the lattice tables), prose in a
/// side column dropped: what borderless tables are looked for in.
fn free_lines(page: &PageInput, opts: &TableOptions, exclude: &[Rect]) -> Vec<Line> {
    let free: Vec<usize> = (0..page.glyphs.len())
        .filter(|&i| {
            let g = &page.glyphs[i];
            let (cx, cy) = (g.bbox.cx(), g.bbox.cy());
            g.upright
                && !g.text.trim().is_empty()
                && !exclude.iter().any(|r| r.contains_point(cx, cy))
        })
        .collect();
    let mut lines = lines_of(page.glyphs, free, opts);
    drop_side_prose(page.glyphs, &mut lines);
    lines
}

/// The texts (runs of words) of a region of lines.
fn texts_in(region: &[Line]) -> usize {
    region.iter().map(|l| l.chunks.len()).sum()
}

/// The regions of `lines` that may be tables: a region of more than
/// [`gongkai_geom::Limits::max_table_texts`] texts is left out, with a warning.
fn bounded_regions(
    lines: &[Line],
    opts: &TableOptions,
    warnings: &mut Vec<String>,
) -> Vec<std::ops::Range<usize>> {
    let max = opts.limits.max_table_texts;
    let mut out = regions(lines, opts);
    out.retain(|r| {
        let texts = texts_in(&lines[r.clone()]);
        if texts <= max {
            return true;
        }
        warnings.push(format!(
            "limit: a region of {} aligned text lines holding {texts} texts (more than {max}) \
             was not read as a table",
            r.len()
        ));
        false
    });
    out
}

/// Finds borderless tables among the glyphs outside `exclude` (the lattice tables);
/// regions too long to be read are named in `warnings`.
pub fn stream_tables(
    page: &PageInput,
    opts: &TableOptions,
    exclude: &[Rect],
    warnings: &mut Vec<String>,
) -> Vec<Table> {
    let lines = free_lines(page, opts, exclude);
    let mut tables = Vec::new();
    for range in bounded_regions(&lines, opts, warnings) {
        if opts.past_deadline() {
            break;
        }
        let region: Vec<&Line> = lines[range].iter().collect();
        if let Some(t) = build_table(page, &region, opts) {
            tables.push(t);
        }
    }
    tables
}

/// Like [`stream_tables`], for a page that may continue a borderless table whose column
/// edges are `carried`: when the page's first region of aligned text (two lines or more
/// with several texts) is its first content (at most a few lines, such as a running
/// head, above it; no ruled table above it) and fits those columns (it lies within
/// their outer edges, spans at least half of them, has text in each of them, and at
/// most a quarter of its lines have text over two columns or two texts in one column),
/// its table is built on them, whatever its fill, and comes first. `None` when the
/// region does not fit.
pub fn stream_tables_carrying(
    page: &PageInput,
    opts: &TableOptions,
    exclude: &[Rect],
    carried: &[f64],
) -> Option<Vec<Table>> {
    let n = carried.len().checked_sub(1).filter(|&n| n >= 2)?;
    let lines = free_lines(page, opts, exclude);
    let ranges = regions(&lines, opts);
    if ranges
        .iter()
        .any(|r| texts_in(&lines[r.clone()]) > opts.limits.max_table_texts)
    {
        // Read without carrying, where the long region is named.
        return None;
    }
    let first = ranges.first()?.clone();
    // An amount set right-aligned close to the next column's label is two cells here as
    // on any page (see [`split_at_edges`]).
    let split = split_at_edges(&lines[first.clone()].iter().collect::<Vec<_>>());
    let region: Vec<&Line> = split.iter().collect();
    let top = region.iter().map(|l| l.top).fold(f64::MAX, f64::min);
    if first.start > 3
        || region.iter().filter(|l| l.is_multi()).count() < 2
        || exclude.iter().any(|r| r.top < top)
    {
        return None;
    }
    let x0 = region
        .iter()
        .flat_map(|l| l.chunks.iter().map(|c| c.x0))
        .fold(f64::MAX, f64::min);
    let x1 = region
        .iter()
        .flat_map(|l| l.chunks.iter().map(|c| c.x1))
        .fold(f64::MIN, f64::max);
    let size = median(region.iter().map(|l| l.size).collect());
    let (lo, hi) = (carried[0], carried[n]);
    if x0 < lo - size || x1 > hi + size || x1 - x0 < 0.5 * (hi - lo) {
        return None;
    }
    let inner = &carried[1..n];
    let misfits = region
        .iter()
        .filter(|l| {
            l.chunks
                .iter()
                .any(|c| col_range(c, carried).0 != col_range(c, carried).1)
                || l.chunks
                    .windows(2)
                    .any(|w| col_range(&w[0], carried).1 >= col_range(&w[1], carried).0)
        })
        .count();
    let used = (0..n).all(|k| {
        region
            .iter()
            .flat_map(|l| l.chunks.iter())
            .any(|c| col_range(c, carried).0 == k)
    });
    if 4 * misfits > region.len() || !used {
        return None;
    }
    let seps: Vec<(f64, f64)> = inner.iter().map(|&e| (e, e)).collect();
    let carried_table = grid_table(page, &region, &seps, carried.to_vec(), None)?;
    let mut tables = vec![carried_table];
    for range in ranges.into_iter().skip(1) {
        if opts.past_deadline() {
            break;
        }
        let region: Vec<&Line> = lines[range].iter().collect();
        if let Some(t) = build_table(page, &region, opts) {
            tables.push(t);
        }
    }
    Some(tables)
}

/// Removes running text of a neighbouring text column from lines that also hold other
/// chunks (a table set beside a column of prose on a two-column page). A text column is
/// found as at least five chunks of six or more words starting at one x; in a line with
/// several chunks, a chunk inside such a column and at least half its usual width is
/// prose.
fn drop_side_prose(glyphs: &[Glyph], lines: &mut [Line]) {
    let prose: Vec<(f64, f64)> = lines
        .iter()
        .flat_map(|l| l.chunks.iter())
        .filter(|c| c.words.len() >= 6)
        .map(|c| (c.x0, c.x1 - c.x0))
        .collect();
    let mut columns: Vec<(f64, f64)> = Vec::new();
    for &(x, _) in &prose {
        if columns.iter().any(|c| (c.0 - x).abs() <= 1.5) {
            continue;
        }
        let widths: Vec<f64> = prose
            .iter()
            .filter(|p| (p.0 - x).abs() <= 1.5)
            .map(|p| p.1)
            .collect();
        if widths.len() >= 5 {
            columns.push((x, median(widths)));
        }
    }
    if columns.is_empty() {
        return;
    }
    for l in lines.iter_mut().filter(|l| l.chunks.len() >= 2) {
        let before = l.chunks.len();
        l.chunks.retain(|c| {
            !columns
                .iter()
                .any(|&(x, w)| c.x0 >= x - 1.5 && c.x1 <= x + w + 1.5 && c.x1 - c.x0 >= 0.5 * w)
        });
        if l.chunks.len() != before && !l.chunks.is_empty() {
            let kept: Vec<usize> = l
                .chunks
                .iter()
                .flat_map(|c| c.glyphs.iter().copied())
                .collect();
            l.size = median(
                kept.iter()
                    .map(|&i| glyphs[i].size.max(glyphs[i].bbox.height()))
                    .collect(),
            )
            .max(1.0);
            l.top = kept
                .iter()
                .map(|&i| glyphs[i].bbox.top)
                .fold(f64::MAX, f64::min);
            l.bottom = kept
                .iter()
                .map(|&i| glyphs[i].bbox.bottom)
                .fold(f64::MIN, f64::max);
        }
    }
}

/// The text fragments of a region: per line, the chunk pieces with their column
/// ranges, pieces whose ranges overlap merged into one, and so are two pieces parted by a
/// gap inside a column neither covers (read from an image, a cell's text loses a stop or
/// a semicolon, `任务；2.资金`, and the white left in its place parts the line into
/// chunks whose column ranges, taken from their middles, skip the column the gap lies in).
fn fragments(glyphs: &[Glyph], region: &[&Line], seps: &[(f64, f64)], edges: &[f64]) -> Vec<Frag> {
    let mut out: Vec<Frag> = Vec::new();
    for (r, l) in region.iter().enumerate() {
        let first = out.len();
        for c in l.chunks.iter().flat_map(|c| pieces(glyphs, c, seps)) {
            let (a, b) = col_range(&c, edges);
            let fresh = out.len() == first;
            match out.last_mut() {
                Some(f)
                    if !fresh
                        && (a <= f.cols.1
                            || (f.cols.1 + 1..a)
                                .any(|k| edges[k] <= f.x1 && c.x0 <= edges[k + 1])) =>
                {
                    f.cols.1 = f.cols.1.max(b);
                    f.x1 = f.x1.max(c.x1);
                    f.glyphs.extend(&c.glyphs);
                }
                _ => out.push(Frag {
                    x0: c.x0,
                    x1: c.x1,
                    top: l.top,
                    bottom: l.bottom,
                    size: l.size,
                    line: r,
                    cols: (a, b),
                    value: false,
                    glyphs: c.glyphs.clone(),
                }),
            }
        }
        for f in out.iter_mut().skip(first) {
            // The fragment's own glyphs: text lines that overlap a little are one line,
            // but a cell's text may sit a point above or below its neighbours'.
            f.top = f
                .glyphs
                .iter()
                .map(|&i| glyphs[i].bbox.top)
                .fold(f.bottom, f64::min);
            f.bottom = f
                .glyphs
                .iter()
                .map(|&i| glyphs[i].bbox.bottom)
                .fold(f.top, f64::max);
            let text: String = f.glyphs.iter().map(|&i| glyphs[i].text.as_str()).collect();
            f.value = is_value(&text.split_whitespace().collect::<String>());
        }
    }
    split_offset_lines(&mut out);
    out
}

/// Renumbers the fragments' lines so that fragments of one text line whose vertical
/// middles differ by more than `OFFSET` points are lines of their own, in top-to-bottom
/// order. Text lines that overlap nearly fully are grouped as one, yet a cell vertically
/// centred over two rows sits a point off its neighbours and must not share their row.
/// Middles, not tops: boxes read from an image are tight on the ink, and figures are
/// shorter than CJK characters, so the tops of one row's cells differ by a point where
/// their middles agree.
fn split_offset_lines(frags: &mut [Frag]) {
    const OFFSET: f64 = 0.6;
    let mut keys: Vec<(usize, usize)> = Vec::with_capacity(frags.len());
    let mut firsts: Vec<((usize, usize), f64)> = Vec::new();
    let n_lines = frags.iter().map(|f| f.line + 1).max().unwrap_or(0);
    for line in 0..n_lines {
        let mut middles: Vec<f64> = frags
            .iter()
            .filter(|f| f.line == line)
            .map(|f| (f.top + f.bottom) / 2.0)
            .collect();
        middles.sort_by(f64::total_cmp);
        let mut starts: Vec<f64> = Vec::new();
        for t in middles {
            if starts.last().is_none_or(|&s| t - s > OFFSET) {
                starts.push(t);
            }
        }
        for (k, &t) in starts.iter().enumerate() {
            firsts.push(((line, k), t));
        }
    }
    for f in frags.iter() {
        let sub = firsts
            .iter()
            .filter(|((l, _), t)| *l == f.line && *t <= (f.top + f.bottom) / 2.0 + 1e-9)
            .count()
            .saturating_sub(1);
        keys.push((f.line, sub));
    }
    firsts.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    for (f, key) in frags.iter_mut().zip(keys) {
        f.line = firsts.iter().position(|(k, _)| *k == key).unwrap_or(f.line);
    }
    frags.sort_by(|a, b| a.line.cmp(&b.line).then(a.x0.total_cmp(&b.x0)));
}

/// True for a sparse table that still reads as one: a row near the top (one of the
/// first three) names every column with a word of its own (one cell per column, no
/// numbers), and every one of the two or more rows below it has a word in some cell (a
/// row label), however few values the rows hold.
fn named_and_labelled(cells: &[Cell], nr: usize, nc: usize) -> bool {
    let word = |c: &Cell| {
        !c.text.trim().is_empty() && !is_value(&c.text.split_whitespace().collect::<String>())
    };
    let names = |r: usize| {
        (0..nc).all(|k| {
            cells
                .iter()
                .any(|c| c.row == r && c.col == k && c.colspan == 1 && word(c))
        })
    };
    let Some(h) = (0..nr.min(3)).find(|&r| names(r)) else {
        return false;
    };
    h + 2 < nr
        && (h + 1..nr).all(|r| {
            cells
                .iter()
                .any(|c| c.row <= r && c.row + c.rowspan > r && word(c))
        })
}

fn build_table(page: &PageInput, region: &[&Line], opts: &TableOptions) -> Option<Table> {
    let split = split_at_edges(region);
    let region: Vec<&Line> = split.iter().collect();
    let region = &region[..];
    let n_multi = region.iter().filter(|l| l.is_multi()).count();
    if n_multi < 2 || region.len() < opts.stream_min_rows {
        return None;
    }
    let seps = separators(page.glyphs, region, opts);
    if seps.is_empty() {
        return None;
    }
    let x0 = region
        .iter()
        .flat_map(|l| l.chunks.iter().map(|c| c.x0))
        .fold(f64::MAX, f64::min);
    let x1 = region
        .iter()
        .flat_map(|l| l.chunks.iter().map(|c| c.x1))
        .fold(f64::MIN, f64::max);
    let mut edges = vec![x0];
    edges.extend(seps.iter().map(|s| (s.0 + s.1) / 2.0));
    edges.push(x1);
    let nc = edges.len() - 1;
    // Ordinary two-column prose (every column wide and wordy) is not a table.
    let mut filled = vec![0usize; nc];
    let mut widths: Vec<Vec<f64>> = vec![Vec::new(); nc];
    // Columns named in a header line naming three or more columns (above the first line
    // holding a number): a column left blank under its heading (`一般公共预算` with no
    // amount) is a column of the table, not a stray text.
    let body = body_start(page.glyphs, region).unwrap_or(0);
    let mut named = vec![false; nc];
    for (k, l) in region.iter().enumerate() {
        let mut seen = vec![false; nc];
        let mut ones = 0;
        for c in l.chunks.iter().flat_map(|c| pieces(page.glyphs, c, &seps)) {
            let (a, b) = col_range(&c, &edges);
            if a == b {
                widths[a].push(c.x1 - c.x0);
                ones += 1;
            }
            for s in seen.iter_mut().take(b + 1).skip(a) {
                *s = true;
            }
        }
        if k < body && ones >= 3 {
            for (n, s) in named.iter_mut().zip(&seen) {
                *n |= *s;
            }
        }
        for (f, s) in filled.iter_mut().zip(seen) {
            *f += s as usize;
        }
    }
    let valued = region[body..]
        .iter()
        .filter(|l| {
            l.chunks
                .iter()
                .filter(|c| is_value(&chunk_text(page.glyphs, c)))
                .count()
                >= 2
        })
        .count();
    for (f, n) in filled.iter_mut().zip(&named) {
        if *n && valued >= 2 {
            *f = (*f).max(2);
        }
    }
    // Lines that overlap vertically (a header cell set between two header rows) occur
    // in tables only; elsewhere every column must hold text on two lines.
    let stacked = region
        .windows(2)
        .any(|w| w[1].top < w[0].bottom - 0.1 * w[0].height());
    if !stacked && filled.iter().any(|&f| f < 2) {
        return None;
    }
    let width = x1 - x0;
    if widths.iter().all(|w| median(w.clone()) > 0.3 * width) {
        return None;
    }
    if is_list(page.glyphs, region, &edges) || is_chart(page.segments, region) {
        return None;
    }
    grid_table(page, region, &seps, edges, Some(opts))
}

/// True when half the text of the cells or more lies in cells holding a sentence's end
/// (`。`): running text whose justified lines leave gaps as wide as a column's (`省检察院
/// 2019年度财政拨款基本支出预算    15,844.04 万` / `元。其中：`), not a table (a form's
/// one free-text cell holds a sentence among many short cells).
fn running_text(cells: &[Cell]) -> bool {
    let chars = |c: &Cell| c.text.chars().filter(|ch| !ch.is_whitespace()).count();
    let all: usize = cells.iter().map(chars).sum();
    let prose: usize = cells
        .iter()
        .filter(|c| c.text.contains('。'))
        .map(chars)
        .sum();
    all > 0 && 2 * prose >= all
}

/// The table of a region on the given column edges (`seps` the corridors they were taken
/// from). With `opts`, a grid left mostly empty is no table (see [`named_and_labelled`]).
fn grid_table(
    page: &PageInput,
    region: &[&Line],
    seps: &[(f64, f64)],
    edges: Vec<f64>,
    fill_check: Option<&TableOptions>,
) -> Option<Table> {
    let nc = edges.len() - 1;
    let (x0, x1) = (edges[0], edges[nc]);
    let frags = fragments(page.glyphs, region, seps, &edges);
    let grid = grid::build(page.glyphs, &frags, &edges, page.page);
    let (nr, cells, ys) = (grid.n_rows, grid.cells, grid.row_edges);
    if nr == 0 {
        return None;
    }
    // Charts (axis labels) and scattered text leave most of the grid empty; a table
    // whose header names every column and whose rows all have a label may be emptier,
    // down to half the usual fill.
    let filled_slots: usize = cells
        .iter()
        .filter(|c| !c.text.is_empty())
        .map(|c| c.colspan * c.rowspan)
        .sum();
    let sparse = |min_fill: f64| (filled_slots as f64) < min_fill * (nr * nc) as f64;
    if fill_check.is_some_and(|o| {
        sparse(o.stream_min_fill)
            && (sparse(0.5 * o.stream_min_fill) || !named_and_labelled(&cells, nr, nc))
    }) {
        return None;
    }
    if fill_check.is_some() && running_text(&cells) {
        return None;
    }
    let bbox = Rect {
        x0,
        top: ys[0],
        x1,
        bottom: ys[nr],
    };
    Some(Table {
        page: page.page,
        pages: vec![page.page],
        bbox,
        method: Method::Stream,
        title: None,
        title_page: None,
        unit: None,
        caption: Vec::new(),
        n_rows: nr,
        n_cols: nc,
        cells,
        row_pages: vec![page.page; nr],
        col_edges: edges,
        header_rows: 0,
        lines_below: 0,
        lines_above: 0,
        ends_page: false,
        foot_heading: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_geom::UnicodeSource;

    /// Glyphs for `text` starting at `x` on the line at `y`, 5 pt per character.
    fn word(out: &mut Vec<Glyph>, text: &str, x: f64, y: f64) {
        for (i, ch) in text.chars().enumerate() {
            let x0 = x + 5.0 * i as f64;
            out.push(Glyph {
                text: ch.to_string(),
                bbox: Rect {
                    x0,
                    top: y,
                    x1: x0 + 5.0,
                    bottom: y + 10.0,
                },
                font: "F".into(),
                size: 10.0,
                upright: true,
                source: UnicodeSource::ToUnicode,
                confidence: None,
            });
        }
    }

    /// The stream tables of a 600 × 800 pt page holding only `glyphs`, default options.
    fn tables_of(glyphs: &[Glyph]) -> Vec<Table> {
        let page = PageInput {
            page: 1,
            width: 600.0,
            height: 800.0,
            glyphs,
            segments: &[],
        };
        stream_tables(&page, &TableOptions::default(), &[], &mut Vec::new())
    }

    #[test]
    fn aligned_columns_make_a_table_and_prose_does_not() {
        let mut g = Vec::new();
        word(
            &mut g,
            "A paragraph of ordinary prose runs across the page",
            50.0,
            20.0,
        );
        word(
            &mut g,
            "and wraps onto a second line without wide gaps",
            50.0,
            32.0,
        );
        for (r, (name, a, b)) in [
            ("Name", "2019", "2020"),
            ("Apples", "12", "15"),
            ("Pears", "7", "9"),
            ("Total", "19", "24"),
        ]
        .iter()
        .enumerate()
        {
            let y = 80.0 + 14.0 * r as f64;
            word(&mut g, name, 50.0, y);
            word(&mut g, a, 200.0, y);
            word(&mut g, b, 300.0, y);
        }
        let t = tables_of(&g);
        assert_eq!(t.len(), 1);
        assert_eq!((t[0].n_rows, t[0].n_cols), (4, 3));
        assert_eq!(
            t[0].grid()[3],
            vec![
                Some("Total".to_string()),
                Some("19".to_string()),
                Some("24".to_string())
            ]
        );
    }

    #[test]
    fn bulleted_lists_are_not_tables() {
        let mut g = Vec::new();
        for r in 0..4 {
            let y = 80.0 + 14.0 * r as f64;
            word(&mut g, "•", 50.0, y);
            word(&mut g, "an item of a bulleted list with words", 70.0, y);
        }
        let page = PageInput {
            page: 1,
            width: 600.0,
            height: 800.0,
            glyphs: &g,
            segments: &[],
        };
        assert!(stream_tables(&page, &TableOptions::default(), &[], &mut Vec::new()).is_empty());
    }

    /// Numbers set one space apart (closer than the chunk gap) are still separate
    /// columns; repeated words that merely line up are not.
    #[test]
    fn narrow_numeric_columns_split_but_aligned_words_do_not() {
        let mut g = Vec::new();
        for (r, (label, nums)) in [
            ("Rate a", "800 880 960"),
            ("Rate b", "160 176 192"),
            ("Rate c", "80  88  96"),
            ("Rate d", "53  59  64"),
        ]
        .iter()
        .enumerate()
        {
            let y = 80.0 + 14.0 * r as f64;
            word(&mut g, label, 50.0, y);
            word(&mut g, nums, 150.0, y);
        }
        g.retain(|x| x.text != " ");
        let t = tables_of(&g);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].n_cols, 4, "{:?}", t[0].grid());
        assert_eq!(
            t[0].grid()[0],
            vec![
                Some("Rate a".to_string()),
                Some("800".to_string()),
                Some("880".to_string()),
                Some("960".to_string())
            ]
        );
    }

    /// A right-aligned amount set closer to the left-aligned label of the next column
    /// than the chunk gap (two panels of a 基本支出 table side by side) is two cells: the
    /// labels' common left edge (and the amounts' right edge) show the column boundary.
    #[test]
    fn amounts_set_close_to_the_next_label_are_cells_of_their_own() {
        let mut g = Vec::new();
        let rows = [
            ("名称", "金额", "名称", "金额"),
            ("工资", "1,922.54", "办公费", "2,272.17"),
            ("津贴补贴", "126.14", "印刷费", "132.26"),
            ("奖金", "42.39", "邮电费", "44.01"),
            ("住房公积金", "", "公务接待费", "536.17"),
            ("退休费", "695.83", "会议费", "391.23"),
        ];
        for (r, (a, b, c, d)) in rows.iter().enumerate() {
            let y = 80.0 + 14.0 * r as f64;
            let right = |t: &str, end: f64| end - 5.0 * t.chars().count() as f64;
            word(&mut g, a, 50.0, y);
            word(&mut g, b, right(b, 197.0), y);
            word(&mut g, c, 200.0, y);
            word(&mut g, d, right(d, 330.0), y);
        }
        let t = tables_of(&g);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].n_cols, 4, "{:?}", t[0].grid());
        let row = |cells: [&str; 4]| cells.map(|c| Some(c.to_string())).to_vec();
        assert_eq!(
            t[0].grid()[1],
            row(["工资", "1,922.54", "办公费", "2,272.17"])
        );
        assert_eq!(t[0].grid()[4][2], Some("公务接待费".to_string()));
    }

    /// A label wrapped over three lines at the rows' own pitch, vertically centred on its
    /// row: its middle line is level with the row's code and amount, its first and last
    /// lines stand alone. The block's placement on the row shows the three lines are one
    /// cell; so does a two-line label centred on its row.
    #[test]
    fn a_label_wrapped_at_the_row_pitch_is_one_cell_centred_on_its_row() {
        let mut g = Vec::new();
        let mut at = |texts: &[(&str, f64)], y: f64| {
            for (t, x) in texts {
                word(&mut g, t, *x, y);
            }
        };
        at(
            &[("编码", 50.0), ("科目名称", 120.0), ("金额", 220.0)],
            80.0,
        );
        at(
            &[("301", 50.0), ("工资福利", 120.0), ("12.52", 220.0)],
            94.0,
        );
        at(&[("机关事业", 120.0)], 108.0);
        at(
            &[("30108", 50.0), ("单位基本", 120.0), ("7.48", 220.0)],
            122.0,
        );
        at(&[("缴费", 120.0)], 136.0);
        at(
            &[("30201", 50.0), ("办公费", 120.0), ("7.80", 220.0)],
            150.0,
        );
        at(&[("商品和服", 120.0)], 164.0);
        at(&[("302", 50.0), ("285.15", 220.0)], 171.0);
        at(&[("务支出", 120.0)], 178.0);
        at(
            &[("30302", 50.0), ("退休费", 120.0), ("15.97", 220.0)],
            192.0,
        );
        let t = tables_of(&g);
        assert_eq!(t.len(), 1);
        let grid = t[0].grid();
        let row = |cells: [&str; 3]| cells.map(|c| Some(c.to_string())).to_vec();
        assert_eq!(grid.len(), 6, "{grid:?}");
        assert_eq!(grid[2], row(["30108", "机关事业单位基本缴费", "7.48"]));
        assert_eq!(grid[4], row(["302", "商品和服务支出", "285.15"]));
    }

    /// An indented label wraps within the part of its column the indent leaves: its
    /// first line reaches the column's right text edge, the next starts under it.
    #[test]
    fn an_indented_label_wraps_to_the_columns_right_edge() {
        let mut g = Vec::new();
        let mut at = |texts: &[(&str, f64)], y: f64| {
            for (t, x) in texts {
                word(&mut g, t, *x, y);
            }
        };
        at(
            &[("编码", 50.0), ("科目名称", 120.0), ("金额", 220.0)],
            80.0,
        );
        at(&[("卫生健康", 120.0)], 94.0);
        at(&[("210", 50.0), ("861.70", 220.0)], 101.0);
        at(&[("支出", 120.0)], 108.0);
        at(&[("行政", 130.0)], 122.0);
        at(&[("21001", 50.0), ("461.01", 220.0)], 129.0);
        at(&[("运行", 130.0)], 136.0);
        at(
            &[("21002", 50.0), ("事务", 130.0), ("400.69", 220.0)],
            150.0,
        );
        let t = tables_of(&g);
        assert_eq!(t.len(), 1);
        let grid = t[0].grid();
        let row = |cells: [&str; 3]| cells.map(|c| Some(c.to_string())).to_vec();
        assert_eq!(grid.len(), 4, "{grid:?}");
        assert_eq!(grid[2], row(["21001", "行政运行", "461.01"]), "{grid:?}");
    }

    /// A caption line naming the unit over a borderless table (`部门：某局   单位：万元`,
    /// two texts as far apart as the table's columns) is its caption, not its first row.
    #[test]
    fn a_unit_line_over_a_borderless_table_is_its_caption() {
        let mut g = Vec::new();
        word(&mut g, "部门：某局", 50.0, 66.0);
        word(&mut g, "单位：万元", 230.0, 66.0);
        for (r, (a, b, c)) in [
            ("项目", "预算数", "决算数"),
            ("工资", "12.52", "12.10"),
            ("奖金", "11.15", "11.00"),
            ("合计", "23.67", "23.10"),
        ]
        .iter()
        .enumerate()
        {
            let y = 80.0 + 14.0 * r as f64;
            word(&mut g, a, 50.0, y);
            word(&mut g, b, 150.0, y);
            word(&mut g, c, 230.0, y);
        }
        let page = PageInput {
            page: 1,
            width: 600.0,
            height: 800.0,
            glyphs: &g,
            segments: &[],
        };
        let t = crate::extract_tables(&page, &TableOptions::default());
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].unit.as_deref(), Some("万元"));
        assert_eq!(t[0].caption, ["部门：某局"]);
        assert_eq!(t[0].grid()[0][0].as_deref(), Some("项目"));
    }

    /// A header word over the first row's label of the same width is no wrapped cell,
    /// though both rows' other cells stand level with the two: the number under a header
    /// word in another column is no unit of a label centred over two rows.
    #[test]
    fn a_header_word_is_not_joined_to_the_label_under_it() {
        let mut g = Vec::new();
        for (r, (a, b, c)) in [
            ("项目", "预算数", "决算数"),
            ("工资", "12.52", "12.10"),
            ("奖金", "11.15", "11.00"),
        ]
        .iter()
        .enumerate()
        {
            let y = 80.0 + 14.0 * r as f64;
            word(&mut g, a, 50.0, y);
            word(&mut g, b, 150.0, y);
            word(&mut g, c, 230.0, y);
        }
        let t = tables_of(&g);
        assert_eq!(t.len(), 1);
        let col: Vec<Option<String>> = t[0].grid().iter().map(|r| r[0].clone()).collect();
        assert_eq!(col, ["项目", "工资", "奖金"].map(|s| Some(s.to_string())));
    }

    /// A page opening with two more rows of a borderless table that ends the page before
    /// is read on that table's columns and stitched to it; with a note below the table,
    /// it is not.
    #[test]
    fn continuation_rows_take_the_previous_pages_columns() {
        let mut a = Vec::new();
        for (r, (name, x, y)) in [
            ("Name", "Q1", "Q2"),
            ("Apples", "12", "15"),
            ("Pears", "7", "9"),
            ("Plums", "3", "4"),
        ]
        .iter()
        .enumerate()
        {
            let top = 700.0 + 14.0 * r as f64;
            word(&mut a, name, 50.0, top);
            word(&mut a, x, 200.0, top);
            word(&mut a, y, 300.0, top);
        }
        let mut b = Vec::new();
        for (r, (name, x, y)) in [("Figs", "1", "22"), ("Total", "23", "50")]
            .iter()
            .enumerate()
        {
            let top = 60.0 + 14.0 * r as f64;
            word(&mut b, name, 50.0, top);
            word(&mut b, x, 205.0, top);
            word(&mut b, y, 295.0, top);
        }
        let opts = TableOptions::default();
        let read = |a: &[Glyph]| {
            let first = crate::extract_tables(
                &PageInput {
                    page: 1,
                    width: 600.0,
                    height: 800.0,
                    glyphs: a,
                    segments: &[],
                },
                &opts,
            );
            let second = crate::extract_tables_after(
                &PageInput {
                    page: 2,
                    width: 600.0,
                    height: 800.0,
                    glyphs: &b,
                    segments: &[],
                },
                first.last(),
                &opts,
            );
            assert!(
                crate::extract_tables(
                    &PageInput {
                        page: 2,
                        width: 600.0,
                        height: 800.0,
                        glyphs: &b,
                        segments: &[]
                    },
                    &opts
                )
                .is_empty(),
                "two lines alone are no table"
            );
            crate::stitch_pages(first.into_iter().chain(second).collect())
        };
        let t = read(&a);
        assert_eq!(t.len(), 1);
        assert_eq!(
            (t[0].pages.clone(), t[0].n_rows, t[0].n_cols),
            (vec![1, 2], 6, 3)
        );
        assert_eq!(
            t[0].grid()[5],
            vec![
                Some("Total".to_string()),
                Some("23".to_string()),
                Some("50".to_string())
            ]
        );
        word(&mut a, "Note: figures are provisional.", 50.0, 760.0);
        word(&mut a, "Source: a survey of the growers.", 50.0, 772.0);
        word(&mut a, "More notes follow here.", 50.0, 784.0);
        let t = read(&a);
        assert_eq!((t.len(), t[0].pages.clone()), (1, vec![1]));
    }

    /// Axis labels on a chart's gridlines are not a table.
    #[test]
    fn chart_labels_on_gridlines_are_not_tables() {
        let mut g = Vec::new();
        let mut segs = Vec::new();
        for r in 0..5 {
            let y = 80.0 + 14.0 * r as f64;
            word(&mut g, &format!("{}", 400 - 100 * r), 50.0, y);
            word(&mut g, &format!("{}", 400 - 100 * r), 300.0, y);
            segs.push(Segment::horizontal(y + 5.0, 70.0, 290.0, 0.5));
        }
        let page = PageInput {
            page: 1,
            width: 600.0,
            height: 800.0,
            glyphs: &g,
            segments: &segs,
        };
        assert!(stream_tables(&page, &TableOptions::default(), &[], &mut Vec::new()).is_empty());
    }
}
