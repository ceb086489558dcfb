//! Ruled tables whose rules are incomplete: body columns with no vertical rules between
//! them (only the header is ruled), or one pair of rules around several text rows. The
//! text shows where the missing rules belong; they are added as virtual rules.

use gongkai_geom::layout::{text_lines_of, TextLine};
use gongkai_geom::Glyph;

use crate::{Cell, TableOptions};

/// Rules to add: `(pos, from, to)` triples, plus the new row edges the horizontals need.
#[derive(Debug, Default)]
pub struct MissingRules {
    /// Horizontal rules at `pos` (y) from x `from` to `to`.
    pub horizontal: Vec<(f64, f64, f64)>,
    /// Vertical rules at `pos` (x) from y `from` to `to`.
    pub vertical: Vec<(f64, f64, f64)>,
    /// Row edges (y) to add to the grid.
    pub row_edges: Vec<f64>,
    /// Column edges (x) to add to the grid.
    pub column_edges: Vec<f64>,
}

/// Horizontal extents of the runs of a line separated by wide gaps; bullets (a lone
/// symbol such as `•`) are left out, so they never make a column of their own.
fn chunks(glyphs: &[Glyph], line: &TextLine, gap_em: f64) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64, String)> = Vec::new();
    for &i in &line.glyphs {
        let g = &glyphs[i];
        let size = g.size.max(g.bbox.height()).max(1.0);
        match out.last_mut() {
            Some(c) if g.bbox.x0 - c.1 <= gap_em * size => {
                c.1 = c.1.max(g.bbox.x1);
                c.2.push_str(&g.text);
            }
            _ => out.push((g.bbox.x0, g.bbox.x1, g.text.clone())),
        }
    }
    out.into_iter()
        .filter(|c| !is_bullet(c.2.trim()))
        .map(|c| (c.0, c.1))
        .collect()
}

fn is_bullet(s: &str) -> bool {
    let mut it = s.chars();
    matches!((it.next(), it.next()), (Some(c), None) if !c.is_alphanumeric())
}

fn is_numeric(s: &str) -> bool {
    let s = s.trim();
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(c, ',' | '.' | '%' | '-' | '(' | ')' | ' ' | '+' | '$' | '*')
        })
}

/// Finds the virtual rules a table needs, if any.
pub fn missing_rules(
    glyphs: &[Glyph],
    cells: &[Cell],
    members: &[Vec<usize>],
    xs: &[f64],
    opts: &TableOptions,
) -> Option<MissingRules> {
    let mut out = MissingRules::default();
    let lines: Vec<Vec<TextLine>> = members
        .iter()
        .map(|m| text_lines_of(glyphs, m.clone()))
        .collect();

    // Columns: a cell spanning columns whose text runs each sit inside one column and
    // occupy several columns is cut at the edges no run crosses — when at least two
    // cells with the same span agree (a single centred header is a real merged cell).
    // Per column span, the cells with it: (cell index, the edges its runs leave free).
    type Candidates =
        std::collections::BTreeMap<(usize, usize), Vec<(usize, Vec<f64>, Vec<(f64, f64)>)>>;
    let mut candidates: Candidates = std::collections::BTreeMap::new();
    for (k, c) in cells.iter().enumerate() {
        if c.colspan < 2 || lines[k].is_empty() {
            continue;
        }
        let runs: Vec<(f64, f64)> = lines[k]
            .iter()
            .flat_map(|l| chunks(glyphs, l, opts.stream_gap_em))
            .collect();
        let inner = &xs[c.col + 1..c.col + c.colspan];
        let cuts: Vec<f64> = inner
            .iter()
            .copied()
            .filter(|&e| !runs.iter().any(|r| r.0 < e - 0.5 && r.1 > e + 0.5))
            .filter(|&e| runs.iter().any(|r| r.1 <= e + 0.5) && runs.iter().any(|r| r.0 >= e - 0.5))
            .collect();
        if !cuts.is_empty() {
            candidates
                .entry((c.col, c.colspan))
                .or_default()
                .push((k, cuts, runs));
        }
    }
    // A cell of the group with runs in several columns is cut at every edge the group
    // agrees on that none of its own runs crosses: its columns run on where the group's
    // do, past its last text (`1.1 - - - -`, the dashes no run of their own).
    for group in candidates.values().filter(|g| g.len() >= 2) {
        let mut agreed: Vec<f64> = group.iter().flat_map(|g| g.1.iter().copied()).collect();
        agreed.sort_by(f64::total_cmp);
        agreed.dedup();
        for (k, cuts, runs) in group {
            let c = &cells[*k];
            let own = agreed
                .iter()
                .copied()
                .filter(|&e| !runs.iter().any(|r| r.0 < e - 0.5 && r.1 > e + 0.5));
            let edges: Vec<f64> = if runs.len() >= 2 {
                own.collect()
            } else {
                cuts.clone()
            };
            out.vertical
                .extend(edges.iter().map(|&x| (x, c.bbox.top, c.bbox.bottom)));
        }
    }

    // One ruled column holding several aligned columns of text ("344  75.2  12196" on
    // every row): cut at the white corridors that at least three cells share.
    let n_cols = xs.len() - 1;
    for col in 0..n_cols {
        let in_col: Vec<(usize, Vec<(f64, f64)>)> = (0..cells.len())
            .filter(|&k| cells[k].col == col && cells[k].colspan == 1 && !lines[k].is_empty())
            .map(|k| {
                (
                    k,
                    lines[k]
                        .iter()
                        .flat_map(|l| chunks(glyphs, l, opts.stream_gap_em))
                        .collect(),
                )
            })
            .collect();
        if in_col.len() < 3 {
            continue;
        }
        let mut edges: Vec<f64> = in_col
            .iter()
            .flat_map(|(_, runs)| runs.iter().flat_map(|r| [r.0, r.1]))
            .collect();
        edges.sort_by(f64::total_cmp);
        edges.dedup();
        let allowed = in_col.len() / 10;
        let mut cuts: Vec<(f64, f64)> = Vec::new();
        for w in edges.windows(2) {
            let (a, b) = (w[0], w[1]);
            if b - a < 1.0 {
                continue;
            }
            let mid = (a + b) / 2.0;
            let crossing = in_col
                .iter()
                .filter(|(_, runs)| runs.iter().any(|r| r.0 < mid && r.1 > mid))
                .count();
            let both_sides = in_col
                .iter()
                .filter(|(_, runs)| {
                    runs.iter().any(|r| r.1 <= mid) && runs.iter().any(|r| r.0 >= mid)
                })
                .count();
            if crossing <= allowed && both_sides >= 3 {
                match cuts.last_mut() {
                    Some(c) if (c.1 - a).abs() < 1e-9 => c.1 = b,
                    _ => cuts.push((a, b)),
                }
            }
        }
        for (a, b) in cuts {
            let x = (a + b) / 2.0;
            for (k, runs) in &in_col {
                if !runs.iter().any(|r| r.0 < x && r.1 > x) {
                    out.vertical
                        .push((x, cells[*k].bbox.top, cells[*k].bbox.bottom));
                }
            }
            out.column_edges.push(x);
        }
    }

    // Rows: in a row where several cells hold several lines, one of them a column of
    // numbers, the lines fall into bands across the cells (a line joins a band when its
    // middle is within half a line height of the band's first): when a cell of numbers
    // has a line in every band, no cell has two lines in one band and every band holds
    // lines of two cells or more, each band is a row of its own. (A label wrapped beside
    // one number leaves a band of one cell, or a band with no number.)
    let n_rows = cells.iter().map(|c| c.row + c.rowspan).max().unwrap_or(0);
    for r in 0..n_rows {
        let multi: Vec<usize> = (0..cells.len())
            .filter(|&k| cells[k].row == r && lines[k].len() >= 2)
            .collect();
        if multi.len() < 2 {
            continue;
        }
        // A column of numbers, or of labels each followed by a plain number (digits,
        // separators, a per cent sign: `40 years 2,468,083`, not `Prima (3.3%)`).
        let plain = |t: &str| {
            t.chars().any(|c| c.is_ascii_digit())
                && t.chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '%'))
        };
        let numeric = |k: usize| {
            lines[k].iter().all(|l| is_numeric(&l.text))
                || lines[k]
                    .iter()
                    .all(|l| l.text.split_whitespace().next_back().is_some_and(plain))
        };
        if !multi.iter().any(|&k| numeric(k)) {
            continue;
        }
        let mut all: Vec<(usize, &TextLine)> = multi
            .iter()
            .flat_map(|&k| lines[k].iter().map(move |l| (k, l)))
            .collect();
        all.sort_by(|a, b| a.1.bbox.cy().total_cmp(&b.1.bbox.cy()));
        // Bands: (middle of the first line, cells with a line in it, top, bottom).
        let mut bands: Vec<(f64, Vec<usize>, f64, f64)> = Vec::new();
        for (k, l) in all {
            match bands.last_mut() {
                Some(b) if (l.bbox.cy() - b.0).abs() <= 0.5 * l.bbox.height() => {
                    b.1.push(k);
                    b.2 = b.2.min(l.bbox.top);
                    b.3 = b.3.max(l.bbox.bottom);
                }
                _ => bands.push((l.bbox.cy(), vec![k], l.bbox.top, l.bbox.bottom)),
            }
        }
        // A cell of numbers with a line in every band: numbers make the rows (a number
        // beside a label wrapped over three lines has a band to itself, not every one).
        let whole = bands.len() >= 2
            && multi
                .iter()
                .any(|&k| numeric(k) && lines[k].len() == bands.len())
            && bands.iter().all(|b| {
                let mut ks = b.1.clone();
                ks.sort_unstable();
                ks.dedup();
                ks.len() == b.1.len() && ks.len() >= 2
            });
        if !whole {
            continue;
        }
        for w in bands.windows(2) {
            let y = (w[0].3 + w[1].2) / 2.0;
            out.row_edges.push(y);
            out.horizontal.extend(
                multi
                    .iter()
                    .map(|&k| (y, cells[k].bbox.x0, cells[k].bbox.x1)),
            );
        }
    }
    (!out.vertical.is_empty() || !out.horizontal.is_empty()).then_some(out)
}
