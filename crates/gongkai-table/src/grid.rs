//! The grid of a borderless table, once its columns are known: text fragments (one per
//! line and column range) are joined into cells where a cell's text wraps onto the next
//! line, cells at one height form a row, a cell printed between two rows spans both, and
//! a header printed centred over several empty columns spans them; a heading beside a
//! group heading, over empty slots down to the group's last sub-heading row, spans those
//! rows.

use gongkai_geom::{Glyph, Rect};

use crate::bands;
use crate::cells::{join_lines, lines_of};
use crate::header;
use crate::tolerances::Tolerances;
use crate::Cell;

/// A run of text on one line that falls in one column range.
#[derive(Debug, Clone)]
pub(crate) struct Frag {
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
    /// Font size of the line.
    pub size: f64,
    /// Index of the line in its region.
    pub line: usize,
    /// First and last column covered.
    pub cols: (usize, usize),
    /// A number, amount or placeholder dash.
    pub value: bool,
    pub glyphs: Vec<usize>,
}

impl Frag {
    fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    fn width(&self) -> f64 {
        self.x1 - self.x0
    }
}

/// A cell under construction: its fragments and the grid slots it covers.
#[derive(Debug, Clone)]
pub(crate) struct Proto {
    pub frags: Vec<usize>,
    pub cols: (usize, usize),
    pub rows: (usize, usize),
    pub top: f64,
    pub bottom: f64,
    pub x0: f64,
    pub x1: f64,
    pub value: bool,
}

impl Proto {
    pub(crate) fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

/// The cells of the table, its row count and the row boundaries (`n_rows + 1` values).
pub(crate) struct Grid {
    pub cells: Vec<Cell>,
    pub n_rows: usize,
    pub row_edges: Vec<f64>,
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// How far apart two text edges may lie and still line up: a point, or 0.3 of the font
/// size (positions of text read from an image are that noisy: a character laid out over
/// its line's ink may land a quarter of a character off).
fn slack(a: &Frag) -> f64 {
    Tolerances::new(a.size).edge()
}

/// Edges line up within [`slack`]; centres within half the font size (at least 1.5 pt):
/// a box read from an image is tight on the ink, and a bracket or stop inked on one side
/// of its square cuts up to two thirds of a character off one end of its line, moving
/// the line's centre by a third of one — one way on a line opening with `《`, the other
/// on the next line closing with `》`.
fn aligned(a: &Frag, b: &Frag) -> bool {
    let t = slack(a);
    (a.x0 - b.x0).abs() <= t
        || (a.cx() - b.cx()).abs() <= (a.size / 2.0).max(t).max(1.5)
        || (a.x1 - b.x1).abs() <= t
}

/// True when `b` may continue the text of `a` on the next line of the same cell: both
/// are text (not numbers; `b` may be one where `label_unit`: the two are a row label
/// centred over two rows, see [`centred_over_rows`]), in the same columns (or,
/// left-aligned, `b` in some of `a`'s: a shorter last line), aligned the same way, `a` is
/// as wide as its column's text gets (it wrapped; a text wider than its columns, such as
/// a group heading over them, sets no such width), `b` is no wider than `a` (by more than
/// half a character: a box read from an image is tight on the ink, and an opening bracket
/// such as `《` is inked in the right half of its square; a character more where `b`
/// opens with a bracket, which never ends a line), the lines are set at text
/// leading (1.5 of the larger of their two sizes, or of `reach` where that is larger: a
/// size read from an image may come out a point small, see [`wrap_cells`]), and `b` does
/// not start like a new label (a capital letter). A line that reaches the right edge of its column's text without starting at its left edge,
/// followed by one that starts at that left edge, wrapped too (its head was lost: text
/// read from an image can miss a character or two, and the columns are told apart by
/// both edges).
fn head_lost(a: &Frag, b: &Frag, (left, right): (f64, f64)) -> bool {
    a.x1 >= right - slack(a) && a.x0 > left + slack(a) && (b.x0 - left).abs() <= slack(a)
}

/// A left-aligned line that reaches the right edge of its column's text, over one
/// starting where it starts: a wrapped line of an indented label (its width says nothing,
/// the indent takes the rest of the column).
fn runs_to_edge(a: &Frag, b: &Frag, right: f64) -> bool {
    a.x1 >= right - slack(a) && (a.x0 - b.x0).abs() <= slack(a)
}

fn continues(
    glyphs: &[Glyph],
    a: &Frag,
    b: &Frag,
    (widest, left, right): (f64, f64, f64),
    loose_rows: bool,
    label_unit: bool,
    reach: f64,
) -> bool {
    let pitch = b.top - a.top;
    let starts_upper = b
        .glyphs
        .first()
        .and_then(|&i| glyphs[i].text.chars().next())
        .is_some_and(|c| c.is_ascii_uppercase());
    // A line opening an item (`二十、`, `（三）`) starts a cell of its own.
    let opens_item = opens_item(b.glyphs.iter().map(|&i| glyphs[i].text.as_str()));
    // An opening bracket never ends a line: where it would, it starts the next one, and
    // the line above is a character short (`因公出国` over `（境）费用`).
    let kinsoku = if b
        .glyphs
        .first()
        .and_then(|&i| glyphs[i].text.chars().next())
        .is_some_and(|c| "（(《〔【「".contains(c))
    {
        a.size
    } else {
        0.0
    };
    loose_rows
        && !a.value
        && (!b.value || label_unit)
        && (a.cols == b.cols
            || (b.cols.0 >= a.cols.0 && b.cols.1 <= a.cols.1 && (a.x0 - b.x0).abs() <= slack(a)))
        && pitch > 0.5 * a.size
        && pitch <= 1.5 * a.size.max(b.size).max(reach)
        && ((aligned(a, b) && a.width() >= 0.8 * widest)
            || runs_to_edge(a, b, right)
            || head_lost(a, b, (left, right)))
        && b.width() <= a.width() + (0.5 * a.size).max(slack(a)) + kinsoku
        && !starts_upper
        && !opens_item
}

/// True when a text (given in pieces) opens an item of a list the way Chinese documents
/// number their lines: a Chinese numeral and a comma (`二十、`) or a number in brackets
/// (`（三）`, `(3)`). A wrapped line of a cell does not start so.
fn opens_item<'a>(pieces: impl Iterator<Item = &'a str>) -> bool {
    let text: String = pieces.take(6).collect();
    let t = text.trim_start();
    let numeral = |c: char| "一二三四五六七八九十百零".contains(c);
    let head = t.chars().take_while(|&c| numeral(c)).count();
    if head > 0 && t.chars().nth(head) == Some('、') {
        return true;
    }
    let Some(rest) = t.strip_prefix(['(', '（']) else {
        return false;
    };
    let n = rest
        .chars()
        .take_while(|&c| numeral(c) || c.is_ascii_digit())
        .count();
    n > 0 && matches!(rest.chars().nth(n), Some(')' | '）'))
}

/// Joins fragments into cells where text wraps within a cell. A pair of lines only
/// wraps when every pair of their fragments in the same columns could continue each
/// other (so rows of numbers never merge), and only in tables whose rows are spaced wider than
/// their text leading somewhere, in a column where the bands joined lines into cells (for
/// lines at the leading those show), where the two lines are centred on a line of other
/// columns printed between them (see [`centred_beside`]), or where they are centred over
/// two rows of other columns (see [`centred_over_rows`]).
fn wrap_cells(glyphs: &[Glyph], frags: &[Frag], edges: &[f64]) -> Vec<Vec<usize>> {
    let mut widest: std::collections::BTreeMap<(usize, usize), (f64, f64, f64)> =
        std::collections::BTreeMap::new();
    for f in frags {
        // A text wider than its columns runs over into their neighbours (a group heading
        // over sub-headings): it is no measure of how wide the columns' text gets.
        let room = match (edges.get(f.cols.0), edges.get(f.cols.1 + 1)) {
            (Some(a), Some(b)) => b - a,
            _ => f64::MAX,
        };
        let width = if f.width() > room { 0.0 } else { f.width() };
        let w = widest.entry(f.cols).or_insert((0.0, f64::MAX, f64::MIN));
        *w = (w.0.max(width), w.1.min(f.x0), w.2.max(f.x1));
    }
    let n_lines = frags.iter().map(|f| f.line + 1).max().unwrap_or(0);
    let mut tops = vec![f64::NAN; n_lines];
    for f in frags {
        tops[f.line] = f.top;
    }
    let tops: Vec<f64> = tops.into_iter().filter(|t| t.is_finite()).collect();
    let max_pitch = tops.windows(2).map(|w| w[1] - w[0]).fold(0.0, f64::max);
    let usual_size = median_of(frags.iter().map(|f| f.size).collect());
    let usual = Tolerances::new(usual_size);
    // The nearest fragment above each one in the same columns, with nothing between.
    let above: Vec<Option<usize>> = (0..frags.len())
        .map(|b| {
            (0..b)
                .rev()
                .find(|&k| frags[k].line < frags[b].line && overlaps(frags[k].cols, frags[b].cols))
        })
        .collect();
    // Every pair of their fragments in the same columns may continue each other (so rows
    // of numbers never merge); `label_unit`: the lower line of the pair itself may be a
    // figure (a row label's unit), no other.
    let compatible = |fa: &Frag, fb: &Frag, label_unit: bool| {
        frags.iter().filter(|x| x.line == fa.line).all(|x| {
            frags
                .iter()
                .filter(|y| y.line == fb.line && x.cols == y.cols)
                .all(|y| {
                    !x.value
                        && (!y.value || (label_unit && std::ptr::eq(y, fb)))
                        && (aligned(x, y)
                            || widest
                                .get(&x.cols)
                                .is_some_and(|w| head_lost(x, y, (w.1, w.2))))
                })
        })
    };
    let links_at = |reach: f64| -> Vec<Option<usize>> {
        (0..frags.len())
            .map(|b| {
                above[b].filter(|&a| {
                    let w =
                        widest
                            .get(&frags[a].cols)
                            .copied()
                            .unwrap_or((0.0, f64::MAX, f64::MIN));
                    continues(glyphs, &frags[a], &frags[b], w, true, false, reach)
                        && compatible(&frags[a], &frags[b], false)
                })
            })
            .collect()
    };
    // The bands see lines up to 1.9 font sizes apart as lines that may continue each other
    // where the rows of values stand further apart than that: a CJK font's line box may be
    // 1.45 font sizes tall (Noto Sans/Serif CJK), and text set at 1.25 line spacing puts a
    // cell's lines 1.8 font sizes apart, where a two-line label centred on its row stands
    // over and under the row's amounts. The lines of a cell stand closer than the rows
    // (within 0.9 of their pitch: two rows of labels whose amounts are blank are not one
    // cell); the placement against the row's one-line cells tells the rest. The fallback
    // below keeps 1.5 of the size.
    let row_pitch = {
        let mut tops: Vec<f64> = frags.iter().filter(|f| f.value).map(|f| f.top).collect();
        tops.sort_by(f64::total_cmp);
        tops.dedup_by(|a, b| (*a - *b).abs() <= usual.level());
        median_of(tops.windows(2).map(|w| w[1] - w[0]).collect())
    };
    let reach = if row_pitch.is_finite() {
        (1.9 * usual_size).min(0.9 * row_pitch).max(usual.leading()) / 1.5
    } else {
        usual_size
    };
    let links = links_at(reach);
    let body_line = frags
        .iter()
        .filter(|f| f.value)
        .map(|f| f.line)
        .min()
        .unwrap_or(0);
    let bracketed: Vec<bool> = frags
        .iter()
        .map(|f| {
            let t: String = f.glyphs.iter().map(|&i| glyphs[i].text.as_str()).collect();
            let t = t.trim();
            t.starts_with(['（', '(']) && t.ends_with(['）', ')'])
        })
        .collect();
    let banded = bands::wrap_decisions(frags, &links, usual.level(), body_line, &bracketed);
    if std::env::var("GKDBG").is_ok() {
        for (k, f) in frags.iter().enumerate() {
            let t: String = f.glyphs.iter().map(|&i| glyphs[i].text.as_str()).collect();
            eprintln!(
                "F{k} L{} c{:?} y{:.1}-{:.1} x{:.1}-{:.1} v{} link{:?} band{:?} {t}",
                f.line, f.cols, f.top, f.bottom, f.x0, f.x1, f.value as u8, links[k], banded[k]
            );
        }
        eprintln!("rowpitch {row_pitch} reach {reach} size {usual_size} body {body_line}");
    }
    // Columns where the bands found cells of several lines: their text wraps, so a
    // chain the bands leave undecided there (a row with no one-line cell beside it, in a
    // table whose rows stand little further apart than text leading) is cut by the text
    // tests alone, for lines standing at the leading the bands' cells show (within 15%).
    let joined: Vec<usize> = (0..frags.len())
        .filter(|&b| banded[b] == Some(true))
        .collect();
    let wrapping: std::collections::BTreeSet<(usize, usize)> =
        joined.iter().map(|&b| frags[b].cols).collect();
    let banded_leading = median_of(
        joined
            .iter()
            .filter_map(|&b| links[b].map(|a| frags[b].top - frags[a].top))
            .collect(),
    );
    let mut cell_of: Vec<usize> = (0..frags.len()).collect();
    let mut cells: Vec<Vec<usize>> = (0..frags.len()).map(|i| vec![i]).collect();
    for b in 0..frags.len() {
        let fb = &frags[b];
        let Some(a) = above[b] else {
            continue;
        };
        let fa = &frags[a];
        let ca = cell_of[a];
        if cells[ca].last() != Some(&a) {
            continue;
        }
        match banded[b] {
            Some(true) => {
                let cb = cell_of[b];
                let moved = std::mem::take(&mut cells[cb]);
                for &k in &moved {
                    cell_of[k] = ca;
                }
                cells[ca].extend(moved);
                continue;
            }
            Some(false) => continue,
            None => {}
        }
        let over_rows = centred_over_rows(frags, fa, fb);
        // The cell's lines so far: a third line continues a cell of three lines centred
        // on its row as a whole.
        let first = cells[ca]
            .iter()
            .map(|&k| &frags[k])
            .min_by(|x, y| x.top.total_cmp(&y.top))
            .unwrap_or(fa);
        let loose = max_pitch > 1.15 * (fb.top - fa.top)
            || (wrapping.contains(&fa.cols) && fb.top - fa.top <= 1.15 * banded_leading)
            || centred_beside(frags, fa, fb)
            || (first.line < fa.line && centred_beside(frags, first, fb))
            || over_rows;
        // A row label centred over two rows may have a figure as its second line (its
        // unit, `(%)`); elsewhere a figure under a text is a header's first value.
        let label_unit = over_rows && fa.cols.0 == 0;
        let w = widest
            .get(&fa.cols)
            .copied()
            .unwrap_or((0.0, f64::MAX, f64::MIN));
        // The size the lines' pitch is held to (1.5 of it) where larger than theirs: the
        // table's usual size (a size read from an image, from the ink, may come out a
        // point small), or, within a tenth, the pitch of the cell's last two lines.
        let leading = cells[ca]
            .iter()
            .rev()
            .nth(1)
            .map_or(0.0, |&k| fa.top - frags[k].top);
        let reach = usual_size.max(1.1 * leading / 1.5);
        if !continues(glyphs, fa, fb, w, loose, label_unit, reach) {
            continue;
        }
        if !compatible(fa, fb, label_unit) {
            continue;
        }
        let cb = cell_of[b];
        let moved = std::mem::take(&mut cells[cb]);
        for &k in &moved {
            cell_of[k] = ca;
        }
        cells[ca].extend(moved);
    }
    cells.into_iter().filter(|c| !c.is_empty()).collect()
}

/// Builds the grid of a borderless table from its fragments and column edges.
pub(crate) fn build(glyphs: &[Glyph], frags: &[Frag], edges: &[f64], page: u32) -> Grid {
    let nc = edges.len() - 1;
    let mut protos: Vec<Proto> = wrap_cells(glyphs, frags, edges)
        .into_iter()
        .map(|idx| {
            let fs: Vec<&Frag> = idx.iter().map(|&k| &frags[k]).collect();
            Proto {
                cols: (
                    fs.iter().map(|f| f.cols.0).min().unwrap_or(0),
                    fs.iter().map(|f| f.cols.1).max().unwrap_or(0),
                ),
                rows: (0, 0),
                top: fs.iter().map(|f| f.top).fold(f64::MAX, f64::min),
                bottom: fs.iter().map(|f| f.bottom).fold(f64::MIN, f64::max),
                x0: fs.iter().map(|f| f.x0).fold(f64::MAX, f64::min),
                x1: fs.iter().map(|f| f.x1).fold(f64::MIN, f64::max),
                value: fs.iter().all(|f| f.value),
                frags: idx,
            }
        })
        .collect();
    let size = {
        let mut s: Vec<f64> = frags.iter().map(|f| f.size).collect();
        s.sort_by(f64::total_cmp);
        s.get(s.len() / 2).copied().unwrap_or(10.0)
    };
    let mut bands = assign_rows(&mut protos, frags, size);
    merge_overlapping(&mut protos);
    spread_rows(&mut protos, &bands);
    header::relayout(&mut protos, &mut bands, frags, size);
    let n_rows = bands.len();
    spread_columns(&mut protos, frags, edges, n_rows);
    span_totals_over_codes(&mut protos);
    span_header_rows(&mut protos);
    let mut row_edges = vec![bands.first().map_or(0.0, |b| b.0)];
    for w in bands.windows(2) {
        row_edges.push((w[0].1 + w[1].0) / 2.0);
    }
    row_edges.push(bands.last().map_or(0.0, |b| b.1));
    for k in 1..row_edges.len() {
        row_edges[k] = row_edges[k].max(row_edges[k - 1]);
    }
    let mut taken = vec![vec![false; nc]; n_rows];
    let mut cells = Vec::new();
    let spaces: Vec<usize> = (0..glyphs.len())
        .filter(|&i| !glyphs[i].text.is_empty() && glyphs[i].text.trim().is_empty())
        .collect();
    for p in &protos {
        let mut idx: Vec<usize> = p
            .frags
            .iter()
            .flat_map(|&k| frags[k].glyphs.iter().copied())
            .collect();
        idx.extend(printed_spaces(glyphs, &spaces, &idx));
        idx.sort_unstable();
        let lines = lines_of(glyphs, idx);
        for row in taken.iter_mut().take(p.rows.1 + 1).skip(p.rows.0) {
            for slot in row.iter_mut().take(p.cols.1 + 1).skip(p.cols.0) {
                *slot = true;
            }
        }
        cells.push(Cell {
            row: p.rows.0,
            col: p.cols.0,
            rowspan: p.rows.1 - p.rows.0 + 1,
            colspan: p.cols.1 - p.cols.0 + 1,
            bbox: Rect {
                x0: edges[p.cols.0],
                top: row_edges[p.rows.0],
                x1: edges[p.cols.1 + 1],
                bottom: row_edges[p.rows.1 + 1],
            },
            text: join_lines(lines.iter().map(|l| l.text.as_str())),
            page,
        });
    }
    for (r, row) in taken.iter().enumerate() {
        for (c, &t) in row.iter().enumerate() {
            if !t {
                cells.push(Cell {
                    row: r,
                    col: c,
                    rowspan: 1,
                    colspan: 1,
                    bbox: Rect {
                        x0: edges[c],
                        top: row_edges[r],
                        x1: edges[c + 1],
                        bottom: row_edges[r + 1],
                    },
                    text: String::new(),
                    page,
                });
            }
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    Grid {
        cells,
        n_rows,
        row_edges,
    }
}

/// The printed space glyphs (from `spaces`) that lie between two glyphs of `idx` on one
/// line: the fragments hold only visible glyphs, yet a printed space (`≥821 个`) is part
/// of the cell's text where the gap alone is too narrow to show it.
fn printed_spaces(glyphs: &[Glyph], spaces: &[usize], idx: &[usize]) -> Vec<usize> {
    spaces
        .iter()
        .copied()
        .filter(|&s| {
            let b = &glyphs[s].bbox;
            let on_line =
                |i: &&usize| b.cy() >= glyphs[**i].bbox.top && b.cy() <= glyphs[**i].bbox.bottom;
            idx.iter()
                .filter(on_line)
                .any(|&i| glyphs[i].bbox.x1 <= b.cx() + 0.5)
                && idx
                    .iter()
                    .filter(on_line)
                    .any(|&i| glyphs[i].bbox.x0 >= b.cx() - 0.5)
        })
        .collect()
}

/// Finds the rows. Each text line is a level, except that two lines are one level when
/// all of one's text wraps on into the other (a header set over two lines; not when only
/// the lower line is all wrapped text and its cell ends on the next row, see
/// [`ends_on_next_row`]), and lines at
/// the same height are one level. A level whose text overlaps the levels above and below,
/// in columns neither uses, is not a row: its cells span both (a label printed between
/// two header rows) — so is one overlapping only one of them, when it is centred on the
/// two and the gap between them is too narrow to hold it. Every other level is a row, and a cell whose text wraps over lines
/// of several rows spans them. The last lines of wrapped cells that share a line only
/// with row labels are first set on lines of their own (see [`label_lines_apart`]).
/// Returns each row's vertical band.
fn assign_rows(protos: &mut [Proto], frags: &[Frag], size: f64) -> Vec<(f64, f64)> {
    let tol = Tolerances::new(size);
    let (mut cont_down, mut cont_up) = (vec![false; frags.len()], vec![false; frags.len()]);
    for p in protos.iter() {
        for w in p.frags.windows(2) {
            cont_down[w[0]] = true;
            cont_up[w[1]] = true;
        }
    }
    let frags = &label_lines_apart(frags, &cont_up, &cont_down);
    let frags = &lines_apart_by_cell(frags, protos, size);
    let n_lines = frags.iter().map(|f| f.line + 1).max().unwrap_or(0);
    // Line groups (union-find over lines).
    let mut parent: Vec<usize> = (0..n_lines).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for p in protos.iter() {
        for w in p.frags.windows(2) {
            let (i, j) = (frags[w[0]].line, frags[w[1]].line);
            let all_down = frags
                .iter()
                .enumerate()
                .filter(|(_, f)| f.line == i)
                .all(|(k, _)| cont_down[k]);
            let all_up = frags
                .iter()
                .enumerate()
                .filter(|(_, f)| f.line == j)
                .all(|(k, _)| cont_up[k]);
            if all_down || (all_up && !ends_on_next_row(frags, &frags[w[0]], &frags[w[1]], size)) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    // Levels: line groups at the same height.
    let mut groups: std::collections::BTreeMap<usize, (f64, f64, Vec<usize>)> =
        std::collections::BTreeMap::new();
    for f in frags {
        let g = groups
            .entry(root(&mut parent, f.line))
            .or_insert((f64::MAX, f64::MIN, Vec::new()));
        g.0 = g.0.min(f.top);
        g.1 = g.1.max(f.bottom);
    }
    for l in 0..n_lines {
        let r = root(&mut parent, l);
        if let Some(g) = groups.get_mut(&r) {
            g.2.push(l);
        }
    }
    let mut groups: Vec<(f64, f64, Vec<usize>)> = groups.into_values().collect();
    groups.sort_by(|a, b| (a.0 + a.1).total_cmp(&(b.0 + b.1)));
    // A group joins the level above when its middle lies within 0.3 of the font size
    // of the level's middle, or of the middle of the level's last group while the
    // level's first group's middle is less than a font size above (a row read from a
    // slightly skewed image steps down from cell to cell).
    let mut levels: Vec<(f64, f64, Vec<usize>)> = Vec::new();
    let (mut first_mid, mut last_mid) = (f64::NAN, f64::NAN);
    for g in groups {
        let mid = (g.0 + g.1) / 2.0;
        match levels.last_mut() {
            Some(l)
                if (mid - (l.0 + l.1) / 2.0).abs() <= tol.level()
                    || ((mid - last_mid).abs() <= tol.level() && mid - first_mid < size) =>
            {
                l.0 = l.0.min(g.0);
                l.1 = l.1.max(g.1);
                l.2.extend(g.2);
                last_mid = mid;
            }
            _ => {
                levels.push(g);
                (first_mid, last_mid) = (mid, mid);
            }
        }
    }
    let mut level_of_line = vec![0usize; n_lines];
    for (m, l) in levels.iter().enumerate() {
        for &line in &l.2 {
            level_of_line[line] = m;
        }
    }
    let cols_of = |m: usize| {
        frags
            .iter()
            .filter(|f| level_of_line[f.line] == m)
            .map(|f| f.cols)
            .collect::<Vec<_>>()
    };
    let free = |m: usize| {
        let mc = cols_of(m);
        [m - 1, m + 1].iter().all(|&n| {
            cols_of(n)
                .iter()
                .all(|c| mc.iter().all(|x| !overlaps(*x, *c)))
        })
    };
    let centred = |m: usize| {
        let (u, d, mb) = (&levels[m - 1], &levels[m + 1], &levels[m]);
        (mb.0 + mb.1) / 2.0 - (u.0 + d.1) / 2.0
    };
    let mut between = vec![false; levels.len()];
    for m in 1..levels.len().saturating_sub(1) {
        if between[m - 1] {
            continue;
        }
        let (u, d, mb) = (&levels[m - 1], &levels[m + 1], &levels[m]);
        // Overlapping both neighbours, or touching them (within a tenth of the size: rows
        // set at a pitch of one line box) or overlapping one of them, when the gap between
        // the two is too narrow for a line of its own and the level is centred on the two.
        let touch = tol.touch();
        let squeezed = (mb.0 < u.1 + touch || mb.1 > d.0 - touch)
            && d.0 - u.1 < mb.1 - mb.0 + touch
            && centred(m).abs() <= tol.centred();
        let straddles = (mb.0 < u.1 && mb.1 > d.0) || squeezed;
        between[m] = straddles && free(m);
    }
    // Then a level standing clear of both neighbours, none of the three between rows
    // already, centred between two levels no further apart than the usual row pitch: a
    // cell centred on two rows set apart (a row of its own would stand a pitch from each).
    let mids: Vec<f64> = levels.iter().map(|l| (l.0 + l.1) / 2.0).collect();
    let pitch = median_of(mids.windows(2).map(|w| w[1] - w[0]).collect());
    for m in 1..levels.len().saturating_sub(1) {
        between[m] = between[m]
            || (!between[m - 1]
                && !between[m + 1]
                && centred(m).abs() <= tol.centred()
                && mids[m + 1] - mids[m - 1] < 1.5 * pitch
                && free(m));
    }
    let mut bands = Vec::new();
    let mut rows_of_level = vec![(0usize, 0usize); levels.len()];
    for (m, l) in levels.iter().enumerate() {
        if !between[m] {
            rows_of_level[m] = (bands.len(), bands.len());
            bands.push((l.0, l.1));
        }
    }
    for m in 0..levels.len() {
        if between[m] {
            rows_of_level[m] = (rows_of_level[m - 1].0, rows_of_level[m + 1].1);
        }
    }
    for p in protos.iter_mut() {
        let lv: Vec<(usize, usize)> = p
            .frags
            .iter()
            .map(|&k| rows_of_level[level_of_line[frags[k].line]])
            .collect();
        p.rows = (
            lv.iter().map(|r| r.0).min().unwrap_or(0),
            lv.iter().map(|r| r.1).max().unwrap_or(0),
        );
    }
    bands
}

/// The fragments with the last lines of wrapped cells on lines of their own where they
/// share their text line only with row labels (single-line text of the first column): a
/// label vertically centred between two rows may stand level with the last line of a cell
/// of the row above (read from an image, the point of offset that parts the two in a text
/// layer is lost), and must be free to stand between the rows while that line joins its
/// cell's row. Not in a body set at the bottom of its rows: where more last lines of
/// wrapped cells share their line with a number than with row labels only, the last line
/// is its row's line, and a label level with it one of that row.
fn label_lines_apart(frags: &[Frag], cont_up: &[bool], cont_down: &[bool]) -> Vec<Frag> {
    let mut out = frags.to_vec();
    let n_lines = frags.iter().map(|f| f.line + 1).max().unwrap_or(0);
    let mut parted = Vec::new();
    let mut with_numbers = 0;
    for line in 0..n_lines {
        let on: Vec<usize> = (0..frags.len())
            .filter(|&k| frags[k].line == line)
            .collect();
        let labels = on
            .iter()
            .filter(|&&k| !cont_up[k] && !cont_down[k] && frags[k].cols.0 == 0)
            .count();
        let ends: Vec<usize> = on
            .iter()
            .copied()
            .filter(|&k| cont_up[k] && !cont_down[k])
            .collect();
        if ends.is_empty() {
            continue;
        }
        if on.iter().any(|&k| frags[k].value && !cont_up[k]) {
            with_numbers += 1;
        }
        if labels > 0 && labels + ends.len() == on.len() {
            parted.push(ends);
        }
    }
    if with_numbers > parted.len() {
        return out;
    }
    for (next, ends) in (n_lines..).zip(parted) {
        for k in ends {
            out[k].line = next;
        }
    }
    out
}

/// The fragments with each text line parted where it holds wrapped cells of two rows:
/// the lines of cells of several lines whose blocks are centred on heights more than 0.3
/// of the font size apart (a header cell of two lines centred over two rows beside
/// one of three lines centred on the second row, their first lines level) go on lines of
/// their own, one per such height, and the line's single-line text goes with the nearest.
/// Read from an image, the point of offset that parts such lines in a text layer is lost,
/// and a line shared by cells of two rows would join the rows. Single-line text left
/// beside wrapped cells centred elsewhere joins a line of single-line text level with it
/// (see [`singles_to_level_lines`]).
fn lines_apart_by_cell(frags: &[Frag], protos: &[Proto], size: f64) -> Vec<Frag> {
    let mut out = frags.to_vec();
    let mut block_mid = vec![f64::NAN; frags.len()];
    for p in protos.iter().filter(|p| p.frags.len() > 1) {
        let top = p
            .frags
            .iter()
            .map(|&k| frags[k].top)
            .fold(f64::MAX, f64::min);
        let bottom = p
            .frags
            .iter()
            .map(|&k| frags[k].bottom)
            .fold(f64::MIN, f64::max);
        for &k in &p.frags {
            block_mid[k] = (top + bottom) / 2.0;
        }
    }
    let n_lines = frags.iter().map(|f| f.line + 1).max().unwrap_or(0);
    let mut next = n_lines;
    for line in 0..n_lines {
        let on: Vec<usize> = (0..frags.len())
            .filter(|&k| frags[k].line == line)
            .collect();
        let mut mids: Vec<f64> = on
            .iter()
            .map(|&k| block_mid[k])
            .filter(|m| m.is_finite())
            .collect();
        mids.sort_by(f64::total_cmp);
        let mut heights: Vec<f64> = Vec::new();
        for m in mids {
            if heights
                .last()
                .is_none_or(|&h| m - h > Tolerances::new(size).level())
            {
                heights.push(m);
            }
        }
        if heights.len() < 2 {
            continue;
        }
        let nearest = |m: f64| {
            (0..heights.len())
                .min_by(|&a, &b| (heights[a] - m).abs().total_cmp(&(heights[b] - m).abs()))
                .unwrap_or(0)
        };
        for &k in &on {
            let f = &frags[k];
            let m = if block_mid[k].is_finite() {
                block_mid[k]
            } else {
                (f.top + f.bottom) / 2.0
            };
            let h = nearest(m);
            if h > 0 {
                out[k].line = next + h - 1;
            }
        }
        next += heights.len() - 1;
    }
    singles_to_level_lines(&mut out, &block_mid, size);
    out
}

/// Moves single-line text (`block_mid` NaN) that shares its line with wrapped cells
/// centred elsewhere (more than 0.3 font sizes from it) to a line of single-line text only
/// whose middle is level with it (within 0.3 font sizes): it belongs to that line's row (a
/// value level with the first line of a label centred over two rows, the offset that parts
/// them in a text layer lost). `block_mid`: each fragment's cell's middle, NaN for a cell
/// of one line.
fn singles_to_level_lines(out: &mut [Frag], block_mid: &[f64], size: f64) {
    let mid = |f: &Frag| (f.top + f.bottom) / 2.0;
    let n_lines = out.iter().map(|f| f.line + 1).max().unwrap_or(0);
    let plain: Vec<Option<f64>> = (0..n_lines)
        .map(|line| {
            let on: Vec<usize> = (0..out.len()).filter(|&k| out[k].line == line).collect();
            (!on.is_empty() && on.iter().all(|&k| !block_mid[k].is_finite()))
                .then(|| median_of(on.iter().map(|&k| mid(&out[k])).collect()))
        })
        .collect();
    for k in 0..out.len() {
        let line = out[k].line;
        let wrapped: Vec<f64> = (0..out.len())
            .filter(|&j| out[j].line == line && block_mid[j].is_finite())
            .map(|j| block_mid[j])
            .collect();
        let m = mid(&out[k]);
        if block_mid[k].is_finite()
            || wrapped.is_empty()
            || wrapped
                .iter()
                .any(|w| (w - m).abs() <= Tolerances::new(size).level())
        {
            continue;
        }
        let level = (0..n_lines)
            .filter(|&l| l != line)
            .filter_map(|l| plain[l].map(|p| (l, (p - m).abs())))
            .filter(|&(_, d)| d <= Tolerances::new(size).level())
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((l, _)) = level {
            out[k].line = l;
        }
    }
}

/// The median of `v` (the upper one of an even count), NaN when empty.
fn median_of(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

/// True when a cell's two lines `a` and `b` are centred over two rows of other columns
/// (see [`centred_over_rows`]) and `b` stands level (middles within 0.3 of the font size)
/// with text of other columns on another line: `b` lies on the second row, so its line
/// (holding nothing but `b`) joins that row rather than the first, and the cell spans
/// both.
fn ends_on_next_row(frags: &[Frag], a: &Frag, b: &Frag, size: f64) -> bool {
    let cols = (a.cols.0.min(b.cols.0), a.cols.1.max(b.cols.1));
    let mid = |f: &Frag| (f.top + f.bottom) / 2.0;
    centred_over_rows(frags, a, b)
        && frags.iter().any(|g| {
            g.line != a.line
                && g.line != b.line
                && !overlaps(g.cols, cols)
                && (mid(g) - mid(b)).abs() <= Tolerances::new(size).level()
        })
}

/// Cells that end up in the same slots (text of one cell printed on two levels that
/// did not wrap) are merged, reading order kept.
fn merge_overlapping(protos: &mut Vec<Proto>) {
    protos.sort_by(|a, b| {
        a.rows
            .0
            .cmp(&b.rows.0)
            .then(a.cols.0.cmp(&b.cols.0))
            .then(a.top.total_cmp(&b.top))
    });
    let mut k = 0;
    while k < protos.len() {
        let hit = (k + 1..protos.len()).find(|&j| {
            overlaps(protos[k].rows, protos[j].rows) && overlaps(protos[k].cols, protos[j].cols)
        });
        match hit {
            Some(j) => {
                let other = protos.remove(j);
                let p = &mut protos[k];
                p.frags.extend(other.frags);
                p.cols = (p.cols.0.min(other.cols.0), p.cols.1.max(other.cols.1));
                p.rows = (p.rows.0.min(other.rows.0), p.rows.1.max(other.rows.1));
                p.top = p.top.min(other.top);
                p.bottom = p.bottom.max(other.bottom);
                p.x0 = p.x0.min(other.x0);
                p.x1 = p.x1.max(other.x1);
                p.value &= other.value;
            }
            None => k += 1,
        }
    }
}

/// Widens cells over empty neighbouring columns of their rows: in the header (rows above
/// the first number) a cell takes the run of columns, wide enough to hold it, whose text it
/// is centred on; in the body, a
/// text cell that floats in its column (aligned with neither edge of the column's text,
/// such as a centred `合计`) takes the empty columns to its left. A text left-aligned
/// over empty columns up to the table's right edge takes them: in the body when it
/// already crosses a column edge, in a header row of label/value pairs always.
fn spread_columns(protos: &mut [Proto], frags: &[Frag], edges: &[f64], n_rows: usize) {
    let nc = edges.len() - 1;
    let mut occupied = vec![vec![false; nc]; n_rows];
    for p in protos.iter() {
        for row in occupied.iter_mut().take(p.rows.1 + 1).skip(p.rows.0) {
            for slot in row.iter_mut().take(p.cols.1 + 1).skip(p.cols.0) {
                *slot = true;
            }
        }
    }
    // Each column's text extent and its most common left and right text edges.
    let mut extent = vec![(f64::MAX, f64::MIN); nc];
    let mut lefts: Vec<Vec<f64>> = vec![Vec::new(); nc];
    let mut rights: Vec<Vec<f64>> = vec![Vec::new(); nc];
    for f in frags.iter().filter(|f| f.cols.0 == f.cols.1) {
        let c = f.cols.0;
        extent[c] = (extent[c].0.min(f.x0), extent[c].1.max(f.x1));
        lefts[c].push(f.x0);
        rights[c].push(f.x1);
    }
    let known = |c: usize| extent[c].0 <= extent[c].1;
    let left: Vec<f64> = (0..nc)
        .map(|c| if known(c) { extent[c].0 } else { edges[c] })
        .collect();
    let right: Vec<f64> = (0..nc)
        .map(|c| if known(c) { extent[c].1 } else { edges[c + 1] })
        .collect();
    // The header ends at the first row holding a number (at the first row in a table of words).
    let body_start = protos
        .iter()
        .filter(|p| p.value)
        .map(|p| p.rows.0)
        .min()
        .unwrap_or(1);
    let free = |occ: &Vec<Vec<bool>>, rows: (usize, usize), c: usize| {
        (rows.0..=rows.1).all(|r| !occ[r][c])
    };
    let slots: Vec<((usize, usize), (usize, usize))> =
        protos.iter().map(|p| (p.rows, p.cols)).collect();
    // Each column's cells: (first row, last row).
    let mut protos_below: Vec<Vec<(usize, usize)>> = vec![Vec::new(); nc];
    for p in protos.iter() {
        for c in protos_below.iter_mut().take(p.cols.1 + 1).skip(p.cols.0) {
            c.push(p.rows);
        }
    }
    // The middles of one-column header cells: (rows, column, middle).
    let heads: Vec<((usize, usize), usize, f64)> = protos
        .iter()
        .filter(|p| p.cols.0 == p.cols.1 && p.rows.0 < body_start)
        .map(|p| (p.rows, p.cols.0, p.cx()))
        .collect();
    for p in protos.iter_mut() {
        let (a0, b0) = p.cols;
        let (mut lo, mut hi) = (a0, b0);
        while lo > 0 && free(&occupied, p.rows, lo - 1) {
            lo -= 1;
        }
        while hi + 1 < nc && free(&occupied, p.rows, hi + 1) {
            hi += 1;
        }
        if (lo, hi) == (a0, b0) {
            continue;
        }
        let form_value = p.rows.1 < body_start
            && lo == a0
            && hi + 1 == nc
            && texts_before(&slots, p) >= 2
            && left_aligned(p, edges, hi);
        let chosen = if hi > b0 && ((p.rows.0 >= body_start && spans_on(p, edges)) || form_value) {
            // A body label already running over a column edge from the left half of its
            // first column, or, in a header row of label/value pairs (two or more texts
            // before it), a text with nothing before it to centre on, set at the left of
            // the empty columns after it up to the table's right edge (a form's value):
            // a cell merged up to the row's next text.
            (a0, hi)
        } else if p.rows.1 < body_start {
            // Only runs of columns wide enough to hold the text are candidates.
            // Over several columns, the text must also fit between the outer edges of
            // their text (a header overflowing them belongs to a wider merged cell).
            let fits = |a: usize, b: usize| {
                edges[b + 1] - edges[a] >= p.x1 - p.x0
                    && (a == b || right[b] - left[a] >= p.x1 - p.x0)
            };
            let mut best = (a0, b0);
            let mut best_d = if fits(a0, b0) {
                (p.cx() - (left[a0] + right[b0]) / 2.0).abs()
            } else {
                f64::MAX
            };
            // Centred within a quarter of its height on the whole run of empty columns
            // around it: a group header over all of them (a narrower run that happens to
            // centre it as well would leave the rest of the run empty).
            // So is one in the middle third of that run when every column of the run has
            // a header cell under it (its sub-headings) and the run is walled in: the white
            // beside it is no empty header slot, and a merged cell's text is set a few
            // points off its middle.
            let whole = (p.cx() - (left[lo] + right[hi]) / 2.0).abs();
            let subheaded = (lo..=hi).all(|c| {
                protos_below[c]
                    .iter()
                    .any(|&(r, _)| r > p.rows.1 && r < body_start)
            });
            // Bounded by the table's edges or by cells running down past its rows (a
            // heading of its own row beside it has yet to take its columns).
            let walled = |c: Option<usize>| {
                c.is_none_or(|c| {
                    c >= nc
                        || slots.iter().any(|&(rows, cols)| {
                            cols.0 <= c && c <= cols.1 && rows.0 <= p.rows.0 && rows.1 > p.rows.1
                        })
                })
            };
            if fits(lo, hi)
                && (whole <= 0.25 * (p.bottom - p.top)
                    || (hi > lo
                        && subheaded
                        && walled(lo.checked_sub(1))
                        && walled(Some(hi + 1))
                        && 3.0 * whole <= (right[hi] - left[lo]) / 2.0))
            {
                best = (lo, hi);
                best_d = -1.0;
            }
            for (a, la) in left.iter().enumerate().take(a0 + 1).skip(lo) {
                for (b, rb) in right.iter().enumerate().take(hi + 1).skip(b0) {
                    let d = (p.cx() - (la + rb) / 2.0).abs();
                    if fits(a, b) && d + 1e-9 < best_d {
                        best = (a, b);
                        best_d = d;
                    }
                }
            }
            // A group heading is centred over its sub-headings: of the runs of two or
            // more columns whose outer sub-headings (the first one-column header cells
            // under it) it stands midway between, within a quarter of its height, the
            // widest (the middle sub-heading alone would centre it too). Right-aligned
            // values make a column's text extent lean right; its heading does not.
            let sub = |c: usize| {
                heads
                    .iter()
                    .filter(|(rows, col, _)| *col == c && rows.0 > p.rows.1)
                    .min_by_key(|(rows, _, _)| rows.0)
                    .map(|h| h.2)
            };
            let mut grouped: Option<((usize, usize), f64)> = None;
            for a in lo..=a0 {
                for b in b0.max(a + 1)..=hi {
                    let (Some(x), Some(y)) = (sub(a), sub(b)) else {
                        continue;
                    };
                    let d = (p.cx() - (x + y) / 2.0).abs();
                    let wider = grouped.is_none_or(|((ga, gb), gd)| {
                        b - a > gb - ga || (b - a == gb - ga && d < gd)
                    });
                    if fits(a, b) && d <= 0.25 * (p.bottom - p.top) && wider {
                        grouped = Some(((a, b), d));
                    }
                }
            }
            grouped.map_or(best, |(g, _)| g)
        } else if !p.value
            && lo < a0
            && a0 == b0
            && !set_left(p, frags)
            && (floats(p, &lefts[a0], &rights[a0], tolerances_of(p, frags))
                || centred_over_empty(p, frags, edges, lo))
        {
            // Centred over the empty columns to its left, and over those to its right
            // that bring the merged cell's middle closer to the text's.
            let mid = |b: usize| (p.cx() - (edges[lo] + edges[b + 1]) / 2.0).abs();
            let best = (b0..=hi)
                .min_by(|&x, &y| mid(x).total_cmp(&mid(y)))
                .unwrap_or(b0);
            (lo, best)
        } else {
            (a0, b0)
        };
        if chosen != (a0, b0) {
            for row in occupied.iter_mut().take(p.rows.1 + 1).skip(p.rows.0) {
                for slot in row.iter_mut().take(chosen.1 + 1).skip(chosen.0) {
                    *slot = true;
                }
            }
            p.cols = chosen;
        }
    }
}

/// A text (`总计`, `合计`) standing alone in a column of codes (every other body cell of
/// the column a number), with nothing else in its row before the first number after it,
/// is the row's label over the code and name columns: it spans every column before that
/// number. (Centred over the merged code and name columns, it may sit in any of them.)
fn span_totals_over_codes(protos: &mut [Proto]) {
    let Some(body) = protos.iter().filter(|p| p.value).map(|p| p.rows.0).min() else {
        return;
    };
    let n_cols = protos.iter().map(|p| p.cols.1 + 1).max().unwrap_or(0);
    let one_col = |p: &Proto| p.rows.0 >= body && p.cols.0 == p.cols.1;
    // Columns of codes: two or more one-column body cells, all numbers but one.
    let codes: Vec<bool> = (0..n_cols)
        .map(|c| {
            let cells = protos.iter().filter(|p| one_col(p) && p.cols.0 == c);
            let texts = cells.clone().filter(|p| !p.value).count();
            cells.count() >= 2 + texts && texts <= 1
        })
        .collect();
    for k in 0..protos.len() {
        let p = &protos[k];
        if p.value || p.rows.0 < body || p.rows.0 != p.rows.1 || p.cols.0 != p.cols.1 {
            continue;
        }
        let (row, c) = (p.rows.0, p.cols.0);
        if !codes[c] {
            continue;
        }
        let in_row: Vec<&Proto> = protos
            .iter()
            .filter(|q| q.rows.0 <= row && row <= q.rows.1)
            .collect();
        let Some(first) = in_row
            .iter()
            .filter(|q| q.value && q.cols.0 > c)
            .map(|q| q.cols.0)
            .min()
        else {
            continue;
        };
        if in_row.iter().filter(|q| q.cols.0 < first).count() == 1 {
            protos[k].cols = (0, first - 1);
        }
    }
}

/// True when a text cell's text crosses the edge between its columns and starts in the
/// left half of its first column: a left-aligned label over merged columns.
fn spans_on(p: &Proto, edges: &[f64]) -> bool {
    let (a, b) = p.cols;
    !p.value && a < b && p.x0 < (edges[a] + edges[a + 1]) / 2.0 && p.x1 > edges[b]
}

/// The tolerances of a cell's text: those of its first line's size.
fn tolerances_of(p: &Proto, frags: &[Frag]) -> Tolerances {
    Tolerances::new(p.frags.first().map_or(f64::NAN, |&k| frags[k].size))
}

/// The rows and the columns a cell covers (first, last).
type Slot = ((usize, usize), (usize, usize));

/// How many cells (of `slots`: rows and columns) lie in a cell's rows, wholly before it.
fn texts_before(slots: &[Slot], p: &Proto) -> usize {
    slots
        .iter()
        .filter(|(rows, cols)| overlaps(*rows, p.rows) && cols.1 < p.cols.0)
        .count()
}

/// True when a text cell sits at the left of its columns and the empty ones after it up
/// to column `end`: it starts inside its first column, with less white before it than
/// half the white after it (text overflowing its columns on the left is centred on a
/// wider cell).
fn left_aligned(p: &Proto, edges: &[f64], end: usize) -> bool {
    let a = p.cols.0;
    !p.value && p.x0 >= edges[a] && p.x0 - edges[a] < 0.5 * (edges[end + 1] - p.x1)
}

/// True when other texts of the cell's column, one of them of another width, start where
/// the cell starts — two or more within a couple of points, or one to half a point (text
/// laid out by a program, not read from an image): the column's texts are set left (names
/// indented by level, `教育支出` at the column's left edge with the other class names, over
/// `教育管理事务` one character in), and the cell is one of them, not a label centred over
/// the empty columns before it (in a column of centred texts one other text may start
/// within a point or two by chance).
fn set_left(p: &Proto, frags: &[Frag]) -> bool {
    let c = p.cols.0;
    let tol = tolerances_of(p, frags);
    let same_start: Vec<f64> = frags
        .iter()
        .enumerate()
        .filter(|(k, f)| {
            f.cols == (c, c)
                && !p.frags.contains(k)
                && (f.x0 - p.x0).abs() <= tol.same_place()
                && (f.x1 - p.x1).abs() > tol.same_place()
        })
        .map(|(_, f)| (f.x0 - p.x0).abs())
        .collect();
    same_start.len() >= 2 || same_start.iter().any(|&d| d <= tol.touch())
}

/// True when a cell lines up with neither the usual left nor the usual right text edge
/// of its column, nor with the middle two or more of its texts share (a column of
/// centred labels: `四、公共安全支出` alone on its line is its column's cell, not a label
/// centred over the empty columns before it).
fn floats(p: &Proto, lefts: &[f64], rights: &[f64], tol: Tolerances) -> bool {
    let near = tol.same_place();
    let common = |v: &[f64], x: f64| v.iter().filter(|&&y| (y - x).abs() <= near).count();
    let mode = |v: &[f64]| v.iter().copied().max_by_key(|&x| common(v, x));
    let (Some(l), Some(r)) = (mode(lefts), mode(rights)) else {
        return false;
    };
    let middles: Vec<f64> = lefts
        .iter()
        .zip(rights)
        .map(|(a, b)| (a + b) / 2.0)
        .collect();
    let centred =
        mode(&middles).is_some_and(|m| common(&middles, m) >= 2 && (p.cx() - m).abs() <= near);
    common(lefts, l) >= 2 && (p.x0 - l).abs() > near && (p.x1 - r).abs() > near && !centred
}

/// True when a text cell with empty columns `lo..` to its left is centred over them and
/// its own column rather than on its column alone, and lines up (left, right or centre)
/// with no other text of its column: a label such as a centred total printed across merged
/// label columns, in a table too short for [`floats`] to see the column's usual edges.
fn centred_over_empty(p: &Proto, frags: &[Frag], edges: &[f64], lo: usize) -> bool {
    let c = p.cols.0;
    let others: Vec<&Frag> = frags
        .iter()
        .enumerate()
        .filter(|(k, f)| f.cols == (c, c) && !p.frags.contains(k))
        .map(|(_, f)| f)
        .collect();
    let near = tolerances_of(p, frags).same_place();
    let lined_up = others.iter().any(|f| {
        (f.x0 - p.x0).abs() <= near
            || (f.x1 - p.x1).abs() <= near
            || (f.cx() - p.cx()).abs() <= near
    });
    let own = (p.cx() - (edges[c] + edges[c + 1]) / 2.0).abs();
    let merged = (p.cx() - (edges[lo] + edges[c + 1]) / 2.0).abs();
    !others.is_empty() && !lined_up && merged < own
}

/// True when some text in other columns, on a line between `a`'s and `b`'s, is centred
/// vertically on the block from `a` to `b`: a cell of two (or three) lines vertically
/// centred in its row beside single-line cells, the layout's evidence that the lines are
/// one cell.
fn centred_beside(frags: &[Frag], a: &Frag, b: &Frag) -> bool {
    let cy = (a.top + b.bottom) / 2.0;
    let cols = (a.cols.0.min(b.cols.0), a.cols.1.max(b.cols.1));
    frags.iter().any(|g| {
        g.line > a.line
            && g.line < b.line
            && !overlaps(g.cols, cols)
            && ((g.top + g.bottom) / 2.0 - cy).abs() <= Tolerances::new(a.size).touch()
    })
}

/// True when the text of other columns beside the block of `a` and `b` (the line of
/// `b` below that of `a`) stands above and below the block's middle and is centred on it
/// as a whole: a cell of two lines vertically centred over two rows, such as a label and
/// its unit in brackets under it. The layout shows the two lines are one cell even when
/// the second reads as a figure (`(%)`, read from an image as `(9%)`). Where each of
/// the two lines is level with text beside it, the rows are set at the text leading and
/// the two lines are those two rows' own (`年度绩效目标` over `一级指标` in a 绩效目标表
/// form whose rows stand one line apart): the block is centred on them whatever it is.
fn centred_over_rows(frags: &[Frag], a: &Frag, b: &Frag) -> bool {
    let cy = (a.top + b.bottom) / 2.0;
    let cols = (a.cols.0.min(b.cols.0), a.cols.1.max(b.cols.1));
    let beside: Vec<&Frag> = frags
        .iter()
        .filter(|g| !overlaps(g.cols, cols) && g.bottom > a.top && g.top < b.bottom)
        .collect();
    let level = Tolerances::new(a.size).level();
    let level_with = |f: &Frag| {
        beside
            .iter()
            .any(|g| ((g.top + g.bottom) / 2.0 - (f.top + f.bottom) / 2.0).abs() <= level)
    };
    if level_with(a) && level_with(b) {
        return false;
    }
    let above = beside.iter().any(|g| g.bottom < cy);
    let below = beside.iter().any(|g| g.top > cy);
    let top = beside.iter().map(|g| g.top).fold(f64::MAX, f64::min);
    let bottom = beside.iter().map(|g| g.bottom).fold(f64::MIN, f64::max);
    above && below && ((top + bottom) / 2.0 - cy).abs() <= Tolerances::new(a.size).touch()
}

/// Widens row labels (first column) printed between two rows (vertically centred on a
/// merged cell of two rows) over the rows above and below in pairs, as long as both are empty in the
/// cell's columns: a group label centred on a merged cell of four rows sits between the
/// middle two, and the layout shows it is centred, so the empty slots around it are its.
/// A label in the middle row of a run of its column's empty slots (one centred on a merged
/// cell of three or five rows) spans the run, where its column holds such merged labels.
fn spread_rows(protos: &mut [Proto], bands: &[(f64, f64)]) {
    let n_rows = bands.len();
    let n_cols = protos.iter().map(|p| p.cols.1 + 1).max().unwrap_or(0);
    let mut occupied = vec![vec![false; n_cols]; n_rows];
    for p in protos.iter() {
        for row in occupied.iter_mut().take(p.rows.1 + 1).skip(p.rows.0) {
            for slot in row.iter_mut().take(p.cols.1 + 1).skip(p.cols.0) {
                *slot = true;
            }
        }
    }
    for p in protos.iter_mut() {
        let (r0, r1) = p.rows;
        let cy = (p.top + p.bottom) / 2.0;
        let between = p.cols.0 == 0
            && r1 == r0 + 1
            && cy > (bands[r0].0 + bands[r0].1) / 2.0
            && cy < (bands[r1].0 + bands[r1].1) / 2.0;
        if !between {
            continue;
        }
        let free = |occ: &Vec<Vec<bool>>, r: usize| (p.cols.0..=p.cols.1).all(|c| !occ[r][c]);
        let (mut a, mut b) = (r0, r1);
        while a > 0 && b + 1 < n_rows && free(&occupied, a - 1) && free(&occupied, b + 1) {
            a -= 1;
            b += 1;
            for r in [a, b] {
                occupied[r][p.cols.0..=p.cols.1].fill(true);
            }
        }
        p.rows = (a, b);
    }
    // A row label alone in its row, with as many empty slots of its columns above it as
    // below it up to the next text (or the table's end), centred on that run, in a column
    // that already holds a label over several rows: a label centred on a merged cell of
    // an odd number of rows.
    let merged_col =
        |c: usize, protos: &[Proto]| protos.iter().any(|q| q.cols.0 == c && q.rows.1 > q.rows.0);
    for k in 0..protos.len() {
        let p = &protos[k];
        if p.cols.0 != 0 || p.rows.0 != p.rows.1 || !merged_col(p.cols.0, protos) {
            continue;
        }
        let r = p.rows.0;
        let free = |occ: &Vec<Vec<bool>>, r: usize| (p.cols.0..=p.cols.1).all(|c| !occ[r][c]);
        let up = (0..r).rev().take_while(|&q| free(&occupied, q)).count();
        let down = (r + 1..n_rows).take_while(|&q| free(&occupied, q)).count();
        if up == 0 || up != down {
            continue;
        }
        let (a, b) = (r - up, r + down);
        let cy = (p.top + p.bottom) / 2.0;
        if (cy - (bands[a].0 + bands[b].1) / 2.0).abs()
            > 0.5 * (p.bottom - p.top).min(bands[r].1 - bands[r].0)
        {
            continue;
        }
        for row in occupied.iter_mut().take(b + 1).skip(a) {
            for slot in row.iter_mut().take(p.cols.1 + 1).skip(p.cols.0) {
                *slot = true;
            }
        }
        protos[k].rows = (a, b);
    }
}

/// Header cells over empty slots span them: a header of several rows is a group heading
/// over its sub-headings (a cell spanning columns, the cells just under it in its
/// columns), and a cell above the last sub-heading row whose slots down to it are empty in
/// every one of its columns spans down to it — a heading set at the top of a cell merged
/// over the header's rows (`收入项目` level with `支出`, over nothing, beside `合计 |
/// 一般公共预算` under `支出`). Rows below the sub-headings are not header, numbers or
/// not (a label row opening a table's part on the next page, under a repeated header).
/// (Not up: a heading set at the bottom of such a cell cannot be told from one under an
/// empty corner slot.)
fn span_header_rows(protos: &mut [Proto]) {
    let Some(body) = protos.iter().filter(|p| p.value).map(|p| p.rows.0).min() else {
        return;
    };
    let last = protos
        .iter()
        .filter(|c| c.rows.1 < body)
        .filter(|c| {
            protos.iter().any(|g| {
                g.cols.0 < g.cols.1
                    && g.rows.1 + 1 == c.rows.0
                    && g.cols.0 <= c.cols.0
                    && c.cols.1 <= g.cols.1
            })
        })
        .map(|c| c.rows.1)
        .max();
    let Some(last) = last else {
        return;
    };
    let free = |protos: &[Proto], me: usize, rows: (usize, usize), cols: (usize, usize)| {
        protos
            .iter()
            .enumerate()
            .all(|(k, q)| k == me || !(overlaps(q.rows, rows) && overlaps(q.cols, cols)))
    };
    for k in 0..protos.len() {
        let (rows, cols) = (protos[k].rows, protos[k].cols);
        if rows.1 < last && free(protos, k, (rows.1 + 1, last), cols) {
            protos[k].rows.1 = last;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::opens_item;

    #[test]
    fn item_openers_are_numerals_with_a_comma_or_numbers_in_brackets() {
        let opens = |t: &str| opens_item(t.split_inclusive(|_| true));
        for t in [
            "二十、住房保障支出",
            "一、一般公共预算",
            "（三）其他",
            "(12)项目",
            " 十九、",
        ] {
            assert!(opens(t), "{t}");
        }
        for t in [
            "十九自然资源",
            "支出二十、",
            "1.5",
            "2.资金",
            "（其中）",
            "()",
            "出",
        ] {
            assert!(!opens(t), "{t}");
        }
    }
}
