//! The header block of a borderless table, laid out as a whole.
//!
//! Header cells are centred in their merged cells, across and down: a heading over two
//! header rows has its middle on the middle of the two rows, a sub-heading its middle on
//! its own row's. The rows found line by line (see [`crate::bands`]) cannot always tell a
//! heading centred over two rows from one in either row, nor a header cell's second line
//! from a header row of its own. Read as a block, the header says:
//!
//! 1. **Wrapped headings.** Two texts stacked in the same columns, a line apart, centred
//!    on one another, the upper one as wide as the column's text gets and the lower no
//!    wider, whose joint middle is level with a header cell of other columns, while the
//!    lower line alone is level with none, are one heading's two lines (`公务用车购` /
//!    `置费` beside `小计`).
//! 2. **Rows.** The header has as many rows as the deepest column has header cells
//!    stacked in it; in such a column every cell is one row, and a row's extent is the
//!    extent of those cells.
//! 3. **Spans.** Every other header cell takes the run of rows whose joint middle is
//!    nearest its own middle (`合计` over both rows beside `公务用车购置及运行费` over
//!    `小计`). A cell so taking one row makes that row as tall as its text (a heading of
//!    two lines in a row of one-line headings), and the spans are taken again on the
//!    rows so widened.
//!
//! The layout is taken only when it is whole: every cell's middle within a quarter of a
//! text size of its rows' middle, no two cells of a column in one row, every row below
//! the one above. Otherwise the rows found line by line stand. The column spans are
//! decided after this, on these rows (see `grid::spread_columns`).

use crate::grid::{Frag, Proto};
use crate::tolerances::Tolerances;

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

fn cy(p: &Proto) -> f64 {
    (p.top + p.bottom) / 2.0
}

/// Lays out the header rows of a table (the rows above the first one holding a number)
/// as a whole, per the module docs: `protos` get their header rows anew (body rows
/// shifted to follow them) and `bands` the header's row extents. Nothing changes when
/// the table has no header, a cell runs from the header into the body, or the layout is
/// not whole.
pub(crate) fn relayout(
    protos: &mut Vec<Proto>,
    bands: &mut Vec<(f64, f64)>,
    frags: &[Frag],
    size: f64,
) {
    let Some(h) = protos.iter().filter(|p| p.value).map(|p| p.rows.0).min() else {
        return;
    };
    if h == 0 || h > bands.len() || protos.iter().any(|p| p.rows.0 < h && p.rows.1 >= h) {
        return;
    }
    let mut head: Vec<Proto> = protos.iter().filter(|p| p.rows.1 < h).cloned().collect();
    join_wrapped(&mut head, frags, size);
    let Some(new_bands) = lay_rows(&mut head, size) else {
        return;
    };
    let k = new_bands.len();
    let mut out = head;
    for p in protos.iter().filter(|p| p.rows.0 >= h) {
        let mut p = p.clone();
        p.rows = (p.rows.0 - h + k, p.rows.1 - h + k);
        out.push(p);
    }
    *protos = out;
    let body = bands.split_off(h);
    *bands = new_bands;
    bands.extend(body);
}

/// Step 1 of the module docs: joins the two lines of a wrapped heading.
fn join_wrapped(head: &mut Vec<Proto>, frags: &[Frag], size: f64) {
    let tol = Tolerances::new(size);
    let level = |a: f64, b: f64| (a - b).abs() <= tol.centred();
    // The widest text of each run of columns, over the whole table.
    let widest = |cols: (usize, usize)| {
        frags
            .iter()
            .filter(|f| f.cols == cols)
            .map(|f| f.x1 - f.x0)
            .fold(0.0, f64::max)
    };
    loop {
        let n = head.len();
        let pair = (0..n)
            .flat_map(|a| (0..n).map(move |b| (a, b)))
            .find(|&(a, b)| {
                let (p, q) = (&head[a], &head[b]);
                let (wp, wq) = (p.x1 - p.x0, q.x1 - q.x0);
                if a == b
                    || p.cols != q.cols
                    || q.top < p.bottom - 0.2 * size
                    || q.top - p.bottom > 0.6 * size
                    || (p.cx() - q.cx()).abs() > tol.centred()
                    || wq > wp + tol.touch()
                    || wp + 0.5 * size < widest(p.cols)
                {
                    return false;
                }
                let joint = (p.top + q.bottom) / 2.0;
                let others = || {
                    head.iter()
                        .enumerate()
                        .filter(move |&(k, r)| k != a && k != b && !overlaps(r.cols, p.cols))
                };
                others().any(|(_, r)| level(cy(r), joint))
                    && !others().any(|(_, r)| level(cy(r), cy(q)))
            });
        let Some((a, b)) = pair else {
            return;
        };
        let q = head.remove(b);
        let p = &mut head[if b < a { a - 1 } else { a }];
        p.frags.extend(q.frags);
        p.bottom = p.bottom.max(q.bottom);
        p.top = p.top.min(q.top);
        p.x0 = p.x0.min(q.x0);
        p.x1 = p.x1.max(q.x1);
    }
}

/// Steps 2 and 3 of the module docs: the header's rows and each cell's run of them; the
/// rows' extents, or `None` when the layout is not whole. A layout that is not whole is
/// tried again with the rows taken from the one-column cells of the deepest columns
/// only: a heading whose text crosses a column edge (`政府性基金预算` over its column and
/// the edge of the one beside it) then takes the rows it is centred on, and gives up the
/// columns where a cell of those rows stands (those it only overhangs).
fn lay_rows(head: &mut [Proto], size: f64) -> Option<Vec<(f64, f64)>> {
    let (spans, cols, bands) = layout(head, size, true).or_else(|| layout(head, size, false))?;
    for ((p, s), c) in head.iter_mut().zip(spans).zip(cols) {
        p.rows = s;
        p.cols = c;
    }
    Some(bands)
}

/// Each cell's rows and columns and the rows' extents, per [`lay_rows`]; with
/// `fix_wide`, cells of several columns in the deepest columns are one row each too.
#[allow(clippy::type_complexity)]
fn layout(
    head: &[Proto],
    size: f64,
    fix_wide: bool,
) -> Option<(Vec<(usize, usize)>, Vec<(usize, usize)>, Vec<(f64, f64)>)> {
    let nc = head.iter().map(|p| p.cols.1 + 1).max()?;
    // Each column's header cells, top to bottom; none may overlap the next.
    let stacks_of = |cols: &[(usize, usize)]| {
        let mut stacks: Vec<Vec<usize>> = vec![Vec::new(); nc];
        for (k, c) in cols.iter().enumerate() {
            for s in stacks.iter_mut().take(c.1 + 1).skip(c.0) {
                s.push(k);
            }
        }
        for s in stacks.iter_mut() {
            s.sort_by(|&a, &b| head[a].top.total_cmp(&head[b].top));
        }
        stacks
    };
    let mut cols: Vec<(usize, usize)> = head.iter().map(|p| p.cols).collect();
    let stacks = stacks_of(&cols);
    if stacks.iter().any(|s| {
        s.windows(2)
            .any(|w| head[w[1]].top < head[w[0]].bottom - 0.2 * size)
    }) {
        return None;
    }
    let depth = stacks.iter().map(Vec::len).max()?;
    if depth < 2 {
        return None;
    }
    // Rows from the deepest columns: their i-th cell is in row i.
    let mut row_of: Vec<Option<usize>> = vec![None; head.len()];
    for s in stacks.iter().filter(|s| s.len() == depth) {
        for (i, &k) in s.iter().enumerate() {
            if !fix_wide && cols[k].0 < cols[k].1 {
                continue;
            }
            if row_of[k].is_some_and(|r| r != i) {
                return None;
            }
            row_of[k] = Some(i);
        }
    }
    let extent = |rows: &[Option<usize>]| {
        let mut b = vec![(f64::MAX, f64::MIN); depth];
        for (k, r) in rows.iter().enumerate() {
            if let Some(r) = *r {
                b[r] = (b[r].0.min(head[k].top), b[r].1.max(head[k].bottom));
            }
        }
        b
    };
    let ordered = |bands: &[(f64, f64)]| {
        bands.iter().all(|b| b.0 <= b.1) && bands.windows(2).all(|w| w[1].0 >= w[0].1 - 0.2 * size)
    };
    let mut bands = extent(&row_of);
    if !ordered(&bands) {
        return None;
    }
    // Every other cell: the run of rows whose middle is nearest its own.
    let nearest = |p: &Proto, bands: &[(f64, f64)]| {
        let mut best = ((0, 0), f64::MAX);
        for a in 0..depth {
            for b in a..depth {
                let d = (cy(p) - (bands[a].0 + bands[b].1) / 2.0).abs();
                if d < best.1 {
                    best = ((a, b), d);
                }
            }
        }
        best.0
    };
    let spans_on = |bands: &[(f64, f64)]| -> Vec<(usize, usize)> {
        head.iter()
            .zip(&row_of)
            .map(|(p, r)| r.map_or_else(|| nearest(p, bands), |r| (r, r)))
            .collect()
    };
    let mut spans = spans_on(&bands);
    // A cell of one row makes its row as tall as it is (a heading of two lines beside
    // single-line ones): the rows' extents again, with those cells, and the spans on them.
    let single: Vec<Option<usize>> = spans.iter().map(|&(a, b)| (a == b).then_some(a)).collect();
    let taller = extent(&single);
    if taller != bands {
        bands = taller;
        if !ordered(&bands) {
            return None;
        }
        spans = spans_on(&bands);
    }
    for (k, p) in head.iter().enumerate() {
        let (a, b) = spans[k];
        if (cy(p) - (bands[a].0 + bands[b].1) / 2.0).abs() > Tolerances::new(size).centred() {
            return None;
        }
    }
    if !fix_wide {
        // A cell of several columns gives up an outer column where a cell of its rows
        // stands.
        for k in 0..head.len() {
            let clash = |c: usize, cols: &[(usize, usize)]| {
                (0..head.len()).any(|j| {
                    j != k && cols[j].0 <= c && c <= cols[j].1 && overlaps(spans[j], spans[k])
                })
            };
            while cols[k].0 < cols[k].1 && clash(cols[k].0, &cols) {
                cols[k].0 += 1;
            }
            while cols[k].0 < cols[k].1 && clash(cols[k].1, &cols) {
                cols[k].1 -= 1;
            }
        }
    }
    for s in &stacks_of(&cols) {
        if s.windows(2).any(|w| spans[w[1]].0 <= spans[w[0]].1) {
            return None;
        }
    }
    Some((spans, cols, bands))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proto(cols: (usize, usize), x0: f64, top: f64, x1: f64, bottom: f64) -> Proto {
        Proto {
            frags: Vec::new(),
            cols,
            rows: (0, 0),
            top,
            bottom,
            x0,
            x1,
            value: false,
        }
    }

    /// The header of a 财政拨款支出预算总表 (boxes as `gongkai page` reads a generated
    /// page; columns as the body's corridors cut them): `政府性基金预算`, centred over
    /// both header rows, overhangs the edge of column 7, where `项目支出` stands in the
    /// second row. It spans both rows of its own column 8 and gives up column 7.
    #[test]
    fn a_heading_over_both_rows_gives_up_a_column_it_overhangs() {
        let mut head = vec![
            proto((1, 1), 124.8, 124.2, 158.8, 132.7), // 科目编码
            proto((6, 6), 539.8, 124.2, 590.8, 132.7), // 一般公共预算
            proto((3, 3), 269.4, 132.3, 286.4, 140.8), // 项目
            proto((4, 4), 397.9, 132.3, 414.9, 140.8), // 合计
            proto((7, 8), 686.3, 132.3, 745.8, 140.8), // 政府性基金预算
            proto((0, 0), 105.3, 140.3, 113.8, 148.8), // 类
            proto((1, 1), 138.4, 140.3, 146.9, 148.8), // 款
            proto((2, 2), 170.7, 140.3, 179.2, 148.8), // 项
            proto((5, 5), 475.6, 140.3, 492.6, 148.8), // 小计
            proto((6, 6), 546.1, 140.3, 580.1, 148.8), // 基本支出
            proto((7, 7), 627.4, 140.3, 661.4, 148.8), // 项目支出
        ];
        let bands = lay_rows(&mut head, 8.5).expect("a whole layout");
        assert_eq!(bands.len(), 2);
        let got: Vec<_> = head.iter().map(|p| (p.rows, p.cols)).collect();
        assert_eq!(
            got,
            vec![
                ((0, 0), (1, 1)),
                ((0, 0), (6, 6)),
                ((0, 1), (3, 3)),
                ((0, 1), (4, 4)),
                ((0, 1), (8, 8)),
                ((1, 1), (0, 0)),
                ((1, 1), (1, 1)),
                ((1, 1), (2, 2)),
                ((1, 1), (5, 5)),
                ((1, 1), (6, 6)),
                ((1, 1), (7, 7)),
            ]
        );
    }
}
