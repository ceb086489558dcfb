//! Cell regions of ruled tables in the raster, so that each cell can be recognised on
//! its own. Lines that touch form a table; inside the table's box (its border closed,
//! for tables drawn without outer left/right rules) every 4-connected area free of
//! rules is a cell.

use crate::rulings::PixelLine;

/// One ruled table found in the raster.
#[derive(Debug, Clone, PartialEq)]
pub struct PixelTable {
    /// Box `[x0, y0, x1, y1)` in pixels.
    pub bbox: [usize; 4],
    /// Cell boxes `[x0, y0, x1, y1)` (the free area between rules), in reading order.
    pub cells: Vec<[usize; 4]>,
}

fn touches(h: &PixelLine, v: &PixelLine, tol: f64) -> bool {
    let (vx, hy) = (v.pos, h.pos);
    vx >= h.from as f64 - tol
        && vx <= h.to as f64 + tol
        && hy >= v.from as f64 - tol
        && hy <= v.to as f64 + tol
}

/// The root of `i` in a union-find forest (`parent[i] == i` at a root), halving the path.
pub(crate) fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Groups touching lines into tables (at least two horizontal rules and one vertical
/// rule) and finds their cells in the rule mask `mask` (`width` pixels wide).
pub fn tables(
    lines: &[PixelLine],
    mask: &[bool],
    width: usize,
    tol: f64,
    min_cell: usize,
) -> Vec<PixelTable> {
    let n = lines.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for i in 0..n {
        for j in 0..n {
            if lines[i].horizontal && !lines[j].horizontal && touches(&lines[i], &lines[j], tol) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                if a != b {
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> =
        std::collections::BTreeMap::new();
    for i in 0..n {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out = Vec::new();
    for members in groups.values() {
        let hs = members.iter().filter(|&&i| lines[i].horizontal).count();
        let vs = members.len() - hs;
        if hs < 2 || vs < 1 {
            continue;
        }
        let mut bb = [usize::MAX, usize::MAX, 0, 0];
        for &i in members {
            let l = &lines[i];
            let (x0, y0, x1, y1) = if l.horizontal {
                (l.from, l.lo, l.to, l.hi + 1)
            } else {
                (l.lo, l.from, l.hi + 1, l.to)
            };
            bb = [bb[0].min(x0), bb[1].min(y0), bb[2].max(x1), bb[3].max(y1)];
        }
        let cells = cells_in(bb, mask, width, min_cell);
        if cells.len() >= 2 {
            out.push(PixelTable { bbox: bb, cells });
        }
    }
    out.sort_by_key(|t| (t.bbox[1], t.bbox[0]));
    out
}

/// Free areas of `mask` inside `bb`, whose border counts as a rule.
fn cells_in(bb: [usize; 4], mask: &[bool], width: usize, min_cell: usize) -> Vec<[usize; 4]> {
    let (w, h) = (bb[2] - bb[0], bb[3] - bb[1]);
    if w < 3 || h < 3 {
        return Vec::new();
    }
    let wall = |x: usize, y: usize| {
        x == 0 || y == 0 || x == w - 1 || y == h - 1 || mask[(bb[1] + y) * width + bb[0] + x]
    };
    let mut seen = vec![false; w * h];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for y0 in 0..h {
        for x0 in 0..w {
            if seen[y0 * w + x0] || wall(x0, y0) {
                continue;
            }
            seen[y0 * w + x0] = true;
            stack.push((x0, y0));
            let mut b = [x0, y0, x0 + 1, y0 + 1];
            while let Some((x, y)) = stack.pop() {
                b = [b[0].min(x), b[1].min(y), b[2].max(x + 1), b[3].max(y + 1)];
                for (nx, ny) in [
                    (x.wrapping_sub(1), y),
                    (x + 1, y),
                    (x, y.wrapping_sub(1)),
                    (x, y + 1),
                ] {
                    if nx < w && ny < h && !seen[ny * w + nx] && !wall(nx, ny) {
                        seen[ny * w + nx] = true;
                        stack.push((nx, ny));
                    }
                }
            }
            if b[2] - b[0] >= min_cell && b[3] - b[1] >= min_cell {
                out.push([bb[0] + b[0], bb[1] + b[1], bb[0] + b[2], bb[1] + b[3]]);
            }
        }
    }
    out.sort_by_key(|c| (c[1], c[0]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rulings::line_mask;

    fn hl(y: f64, a: usize, b: usize) -> PixelLine {
        PixelLine {
            horizontal: true,
            pos: y,
            from: a,
            to: b,
            lo: y as usize,
            hi: y as usize,
        }
    }
    fn vl(x: f64, a: usize, b: usize) -> PixelLine {
        PixelLine {
            horizontal: false,
            pos: x,
            from: a,
            to: b,
            lo: x as usize,
            hi: x as usize,
        }
    }

    #[test]
    fn two_by_two_with_a_merged_row() {
        // Rows at 10, 40, 70; columns at 10, 100, 190; the middle vertical only in row 2.
        let lines = vec![
            hl(10.0, 10, 191),
            hl(40.0, 10, 191),
            hl(70.0, 10, 191),
            vl(10.0, 10, 71),
            vl(190.0, 10, 71),
            vl(100.0, 40, 71),
        ];
        let (w, h) = (220, 90);
        let mask = line_mask(w, h, &lines, 0);
        let t = tables(&lines, &mask, w, 3.0, 5);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].cells.len(), 3, "{:?}", t[0].cells);
        assert_eq!(t[0].cells[0], [11, 11, 190, 40]);
    }

    #[test]
    fn open_sides_are_closed_by_the_box() {
        let lines = vec![
            hl(10.0, 0, 200),
            hl(40.0, 0, 200),
            hl(70.0, 0, 200),
            vl(100.0, 10, 71),
        ];
        let mask = line_mask(220, 90, &lines, 0);
        let t = tables(&lines, &mask, 220, 3.0, 5);
        assert_eq!(t[0].cells.len(), 4);
    }
}
