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
    type Candidates = std::collections::BTreeMap<(usize, usize), Vec<(usize, Vec<f64>)>>;
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
                .push((k, cuts));
        }
    }
    for group in candidates.values().filter(|g| g.len() >= 2) {
        for (k, cuts) in group {
            let c = &cells[*k];
            out.vertical
                .extend(cuts.iter().map(|&x| (x, c.bbox.top, c.bbox.bottom)));
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

    // Rows: in a row where several cells hold the same number of lines at the same
    // heights and one of them is a column of numbers, each line is a row of its own.
    let n_rows = cells.iter().map(|c| c.row + c.rowspan).max().unwrap_or(0);
    for r in 0..n_rows {
        let multi: Vec<usize> = (0..cells.len())
            .filter(|&k| cells[k].row == r && cells[k].rowspan == 1 && lines[k].len() >= 2)
            .collect();
        if multi.len() < 2 {
            continue;
        }
        let n = lines[multi[0]].len();
        let reference = &lines[multi[0]];
        let aligned = multi.iter().all(|&k| {
            lines[k].len() == n
                && lines[k].iter().zip(reference).all(|(a, b)| {
                    (a.bbox.cy() - b.bbox.cy()).abs() <= 0.5 * a.bbox.height().max(b.bbox.height())
                })
        });
        let numeric = multi
            .iter()
            .any(|&k| lines[k].iter().all(|l| is_numeric(&l.text)));
        if !aligned || !numeric {
            continue;
        }
        for i in 0..n - 1 {
            let lower = multi
                .iter()
                .map(|&k| lines[k][i].bbox.bottom)
                .fold(f64::MIN, f64::max);
            let upper = multi
                .iter()
                .map(|&k| lines[k][i + 1].bbox.top)
                .fold(f64::MAX, f64::min);
            let y = (lower + upper) / 2.0;
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
