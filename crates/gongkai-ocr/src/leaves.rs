//! Text pieces of a page without ruled tables, found from the ink alone by recursive
//! XY-cut: the page is cut at blank rows into bands, each band at wide blank columns
//! into chunks, each chunk again at blank rows, and so on until nothing cuts. Each leaf
//! is one line of one cell (or of a paragraph), which Tesseract reads far better on its
//! own than inside the whole page: on a borderless table its page segmentation runs
//! staggered header lines and wrapped cells together into garbage lines.

use crate::image::Gray;

/// Darkest value counted as paper.
const INK: u8 = 160;

/// Parameters of the cut, in pixels.
#[derive(Debug, Clone, Copy)]
pub struct CutParams {
    /// Blank columns at least this wide separate chunks of a band (about 1.5 text
    /// heights: wider than the space after a colon or between words of a cell).
    pub col_gap: usize,
    /// Narrower gaps (down to this width) separate chunks of a piece that no blank
    /// row cuts and that is taller than 1.8 times the page's usual line (the median
    /// leaf height): cells of one row whose lines are staggered (a cell wrapped over
    /// two lines beside one over three). A line of larger print (a title) is not cut.
    pub narrow_col_gap: usize,
    /// Pieces of a row cut thinner than this are strokes of one character (`二`, `三`)
    /// and stay with their neighbour.
    pub min_height: usize,
    /// Leaves with fewer ink pixels are noise and dropped.
    pub min_ink: usize,
    /// Leaves whose largest piece of ink (8-connected) has fewer pixels are specks and
    /// dropped: a row of toner dots has the ink of a short word in all, and Tesseract,
    /// reading it with the line under it as one, lost a title (tuning seed 136, page 18:
    /// four dots of 2–4 pixels above `3.统计信息化平台运维绩效目标表` read as `的化下和过抽X自标家`).
    pub min_piece: usize,
}

/// Leaves of the ink of `img` (`[x0, y0, x1, y1)`, tight to their ink), top to bottom
/// and left to right within a band.
pub fn leaves(img: &Gray, p: &CutParams) -> Vec<[usize; 4]> {
    let mut out = Vec::new();
    if img.width == 0 || img.height == 0 {
        return out;
    }
    cut(
        img,
        [0, 0, img.width, img.height],
        p,
        usize::MAX,
        true,
        0,
        &mut out,
    );
    let mut heights: Vec<usize> = out.iter().map(|b| b[3] - b[1]).collect();
    heights.sort_unstable();
    let Some(&line) = heights.get(heights.len() / 2) else {
        return out;
    };
    let tall = line * 9 / 5;
    if out.iter().any(|b| b[3] - b[1] > tall) {
        out.clear();
        cut(
            img,
            [0, 0, img.width, img.height],
            p,
            tall,
            true,
            0,
            &mut out,
        );
    }
    out
}

fn inked(img: &Gray, x: usize, y: usize) -> bool {
    img.data[y * img.width + x] < INK
}

/// Runs of indices in `lo..hi` where `filled(i)` holds, separated by at least `gap`
/// unfilled ones.
fn runs(lo: usize, hi: usize, gap: usize, filled: impl Fn(usize) -> bool) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut last: Option<usize> = None;
    for i in lo..hi {
        if !filled(i) {
            continue;
        }
        match (out.last_mut(), last) {
            (Some(r), Some(l)) if i - l <= gap => r.1 = i + 1,
            _ => out.push((i, i + 1)),
        }
        last = Some(i);
    }
    out
}

/// Merges runs thinner than `min` into the nearer neighbour.
fn merge_thin(mut r: Vec<(usize, usize)>, min: usize) -> Vec<(usize, usize)> {
    loop {
        let Some(k) = (0..r.len()).find(|&k| r[k].1 - r[k].0 < min) else {
            return r;
        };
        if r.len() == 1 {
            return r;
        }
        let up = if k > 0 {
            Some(r[k].0 - r[k - 1].1)
        } else {
            None
        };
        let down = if k + 1 < r.len() {
            Some(r[k + 1].0 - r[k].1)
        } else {
            None
        };
        let with_up = match (up, down) {
            (Some(u), Some(d)) => u <= d,
            (Some(_), None) => true,
            _ => false,
        };
        if with_up {
            r[k - 1].1 = r[k].1;
            r.remove(k);
        } else {
            r[k + 1].0 = r[k].0;
            r.remove(k);
        }
    }
}

fn cut(
    img: &Gray,
    b: [usize; 4],
    p: &CutParams,
    tall: usize,
    rows_first: bool,
    depth: usize,
    out: &mut Vec<[usize; 4]>,
) {
    let [x0, y0, x1, y1] = b;
    let row_runs = || {
        merge_thin(
            runs(y0, y1, 1, |y| (x0..x1).any(|x| inked(img, x, y))),
            p.min_height,
        )
    };
    let col_runs = |gap: usize| runs(x0, x1, gap, |x| (y0..y1).any(|y| inked(img, x, y)));
    // Tight box first.
    let rr = row_runs();
    let mut cr = col_runs(p.col_gap);
    if rr.len() == 1 && cr.len() == 1 && rr[0].1 - rr[0].0 > tall {
        cr = col_runs(p.narrow_col_gap);
    }
    let (Some(top), Some(bottom), Some(left), Some(right)) = (
        rr.first().map(|r| r.0),
        rr.last().map(|r| r.1),
        cr.first().map(|r| r.0),
        cr.last().map(|r| r.1),
    ) else {
        return;
    };
    let tight = [left, top, right, bottom];
    if depth > 24 {
        push_leaf(img, tight, p, out);
        return;
    }
    let (first, second) = if rows_first {
        (rr.len(), cr.len())
    } else {
        (cr.len(), rr.len())
    };
    if first > 1 {
        let pieces: Vec<[usize; 4]> = if rows_first {
            rr.iter().map(|r| [left, r.0, right, r.1]).collect()
        } else {
            cr.iter().map(|r| [r.0, top, r.1, bottom]).collect()
        };
        for piece in pieces {
            cut(img, piece, p, tall, !rows_first, depth + 1, out);
        }
    } else if second > 1 {
        cut(img, tight, p, tall, !rows_first, depth + 1, out);
    } else {
        push_leaf(img, tight, p, out);
    }
}

fn push_leaf(img: &Gray, b: [usize; 4], p: &CutParams, out: &mut Vec<[usize; 4]>) {
    let mut n = 0;
    for y in b[1]..b[3] {
        for x in b[0]..b[2] {
            if inked(img, x, y) {
                n += 1;
            }
        }
    }
    if n >= p.min_ink && largest_piece(img, b, p.min_piece) >= p.min_piece {
        out.push(b);
    }
}

/// Pixels of the largest 8-connected piece of ink in `b`, counted up to `enough` (the
/// search stops at the first piece that large).
fn largest_piece(img: &Gray, b: [usize; 4], enough: usize) -> usize {
    let [x0, y0, x1, y1] = b;
    let w = x1 - x0;
    let mut seen = vec![false; w * (y1 - y0)];
    let mut best = 0;
    let mut stack = Vec::new();
    for y in y0..y1 {
        for x in x0..x1 {
            let k = (y - y0) * w + (x - x0);
            if seen[k] || !inked(img, x, y) {
                continue;
            }
            seen[k] = true;
            stack.push((x, y));
            let mut n = 0;
            while let Some((cx, cy)) = stack.pop() {
                n += 1;
                for ny in cy.saturating_sub(1)..(cy + 2).min(y1) {
                    for nx in cx.saturating_sub(1)..(cx + 2).min(x1) {
                        let j = (ny.max(y0) - y0) * w + (nx.max(x0) - x0);
                        if ny >= y0 && nx >= x0 && !seen[j] && inked(img, nx, ny) {
                            seen[j] = true;
                            stack.push((nx, ny));
                        }
                    }
                }
            }
            best = best.max(n);
            if best >= enough {
                return best;
            }
        }
    }
    best
}

/// Left edge of the nearest leaf to the right of `leaf` on its row (overlapping it
/// vertically), if any.
pub fn next_on_row(leaves: &[[usize; 4]], leaf: [usize; 4]) -> Option<usize> {
    leaves
        .iter()
        .filter(|b| b[0] >= leaf[2] && b[1] < leaf[3] && b[3] > leaf[1])
        .map(|b| b[0])
        .min()
}

/// First and last row (end exclusive) of `img` holding ink between columns `x0..x1`
/// inside `leaf` (`[x0, y0, x1, y1)`), if any. A speck above or below the print, apart
/// from it by a blank row or more and holding under a twentieth of the ink, is left out:
/// a unit line's box reached down to a dot of grain under it, over the table's top rule
/// (tuning seed 646, page 13, where the table lost its unit).
pub fn ink_rows(img: &Gray, x0: f64, x1: f64, leaf: [usize; 4]) -> Option<(f64, f64)> {
    let a = (x0.max(0.0) as usize).max(leaf[0]);
    let b = (x1.max(0.0).ceil() as usize).min(leaf[2]).min(img.width);
    if a >= b {
        return None;
    }
    let ink = |y: usize| {
        img.data[y * img.width + a..y * img.width + b]
            .iter()
            .filter(|&&v| v < INK)
            .count()
    };
    // Runs of inked rows: (first, last + 1, ink).
    let mut bands: Vec<(usize, usize, usize)> = Vec::new();
    for y in leaf[1]..leaf[3].min(img.height) {
        let n = ink(y);
        if n == 0 {
            continue;
        }
        match bands.last_mut() {
            Some(last) if last.1 == y => {
                last.1 = y + 1;
                last.2 += n;
            }
            _ => bands.push((y, y + 1, n)),
        }
    }
    let total: usize = bands.iter().map(|b| b.2).sum();
    let speck = |b: &(usize, usize, usize)| b.2 * 20 < total;
    while bands.len() > 1 && bands.last().is_some_and(speck) {
        bands.pop();
    }
    while bands.len() > 1 && bands.first().is_some_and(speck) {
        bands.remove(0);
    }
    let (top, bottom) = (bands.first()?.0, bands.last()?.1);
    Some((top as f64, bottom as f64))
}

/// Ink runs of a leaf (`[x0, y0, x1, y1)`) along x: column ranges (end exclusive) with
/// ink in the leaf's rows, separated by at least `gap` blank columns. Where a line's
/// words really are (Tesseract's word boxes for Chinese can be off by half a character,
/// which opens gaps inside a cell and closes gaps between cells).
pub fn ink_columns(img: &Gray, leaf: [usize; 4], gap: usize) -> Vec<(usize, usize)> {
    let (x1, y1) = (leaf[2].min(img.width), leaf[3].min(img.height));
    runs(leaf[0], x1, gap, |x| {
        (leaf[1]..y1).any(|y| inked(img, x, y))
    })
}

/// Ink height of a row of print in `leaf`: the median, weighted by width, of the
/// heights of its ink runs (`runs` from [`ink_columns`]). A long line's whole ink is
/// taller than its print by what skew is left after deskewing.
pub fn print_height(img: &Gray, leaf: [usize; 4], runs: &[(usize, usize)]) -> Option<f64> {
    let mut hs: Vec<(usize, usize)> = runs
        .iter()
        .filter_map(|&(a, b)| {
            ink_rows(img, a as f64, b as f64, leaf).map(|(t, bt)| ((bt - t) as usize, b - a))
        })
        .collect();
    hs.sort_unstable();
    let total: usize = hs.iter().map(|h| h.1).sum();
    let mut seen = 0;
    hs.into_iter()
        .find(|h| {
            seen += h.1;
            2 * seen >= total
        })
        .map(|h| h.0 as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ink(g: &mut Gray, x0: usize, y0: usize, x1: usize, y1: usize) {
        for y in y0..y1 {
            for x in x0..x1 {
                g.data[y * g.width + x] = 0;
            }
        }
    }

    #[test]
    fn cells_of_staggered_rows_are_leaves() {
        let mut g = Gray::white(200, 100);
        // Row 1: two cells far apart; the right one wraps onto a second line.
        ink(&mut g, 10, 10, 60, 20);
        ink(&mut g, 120, 5, 180, 15);
        ink(&mut g, 120, 18, 140, 28);
        // A character of two strokes (`二`): one leaf, not two.
        ink(&mut g, 10, 50, 30, 52);
        ink(&mut g, 8, 58, 32, 60);
        let p = CutParams {
            col_gap: 12,
            narrow_col_gap: 6,
            min_height: 5,
            min_ink: 4,
            min_piece: 2,
        };
        let l = leaves(&g, &p);
        assert_eq!(
            l,
            vec![
                [10, 10, 60, 20],
                [120, 5, 180, 15],
                [120, 18, 140, 28],
                [8, 50, 32, 60]
            ]
        );
    }

    #[test]
    fn a_row_of_specks_is_no_leaf() {
        let mut g = Gray::white(200, 100);
        // Four dots of grain of 2×2 pixels (16 pixels in all), staggered over rows
        // 10–16, above a line of print.
        for (x, y) in [(10, 10), (30, 12), (50, 14), (70, 11)] {
            ink(&mut g, x, y, x + 2, y + 2);
        }
        ink(&mut g, 10, 40, 150, 52);
        let p = CutParams {
            col_gap: 30,
            narrow_col_gap: 10,
            min_height: 5,
            min_ink: 12,
            min_piece: 6,
        };
        assert_eq!(leaves(&g, &p), vec![[10, 40, 150, 52]]);
        // Without the piece rule the dots are a leaf of their own.
        let q = CutParams { min_piece: 1, ..p };
        assert_eq!(leaves(&g, &q), vec![[10, 10, 72, 16], [10, 40, 150, 52]]);
    }

    #[test]
    fn a_speck_under_a_line_is_not_its_ink() {
        let mut g = Gray::white(100, 60);
        // A line of print, rows 10–20, and a 2×2 dot of grain at rows 30–32 under it.
        ink(&mut g, 10, 10, 80, 20);
        ink(&mut g, 40, 30, 42, 32);
        let leaf = [0, 0, 100, 60];
        assert_eq!(ink_rows(&g, 0.0, 100.0, leaf), Some((10.0, 20.0)));
        // A character of two strokes (`二`) keeps both.
        let mut two = Gray::white(100, 60);
        ink(&mut two, 10, 10, 30, 12);
        ink(&mut two, 8, 18, 32, 20);
        assert_eq!(ink_rows(&two, 0.0, 100.0, leaf), Some((10.0, 20.0)));
    }
}
