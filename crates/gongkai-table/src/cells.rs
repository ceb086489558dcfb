//! Cell text: glyphs assigned to cells by their centre, wrapped lines joined by script.

use gongkai_geom::layout::{is_cjk, text_lines_of, TextLine};
use gongkai_geom::{Glyph, Rect};

use crate::Cell;

/// Text lines of a subset of glyphs (see [`gongkai_geom::layout::text_lines_of`]), with
/// the table stage's spacing: never a space between two CJK characters; elsewhere a
/// space where the gap exceeds a quarter of the font size (PDFs often omit space glyphs).
pub fn lines_of(glyphs: &[Glyph], subset: Vec<usize>) -> Vec<TextLine> {
    // Printed spaces by their centre's x, to find those between two glyphs quickly.
    let mut spaces: Vec<Rect> = subset
        .iter()
        .map(|&i| &glyphs[i])
        .filter(|g| g.text.trim().is_empty() && !g.text.is_empty())
        .map(|g| g.bbox)
        .collect();
    spaces.sort_by(|a, b| a.cx().total_cmp(&b.cx()));
    let mut lines = text_lines_of(glyphs, subset);
    for l in &mut lines {
        if l.glyphs.iter().any(|&i| !glyphs[i].upright) {
            continue;
        }
        let mut text = String::new();
        let mut prev: Option<&Glyph> = None;
        for &i in &l.glyphs {
            let g = &glyphs[i];
            if let Some(p) = prev {
                let both_cjk = p.text.chars().last().is_some_and(is_cjk)
                    && g.text.chars().next().is_some_and(is_cjk);
                let size = g.size.min(p.size).max(1.0);
                let (lo, hi) = (p.bbox.x1 - 0.5, g.bbox.x0 + 0.5);
                let first = spaces.partition_point(|s| s.cx() < lo);
                let printed_space = spaces[first..]
                    .iter()
                    .take_while(|s| s.cx() <= hi)
                    .any(|s| s.cy() >= g.bbox.top && s.cy() <= g.bbox.bottom);
                if !both_cjk
                    && (printed_space || g.bbox.x0 - p.bbox.x1 > 0.25 * size)
                    && !text.ends_with(' ')
                {
                    text.push(' ');
                }
            }
            text.push_str(&g.text);
            prev = Some(g);
        }
        l.text = text;
    }
    lines
}

/// Assigns each glyph whose centre lies inside the table to the one cell containing its
/// centre, and builds each cell's text from its lines.
pub fn fill_text(glyphs: &[Glyph], cells: &mut [Cell], bbox: &Rect) {
    let members = cell_glyphs(glyphs, cells, bbox);
    for (cell, idx) in cells.iter_mut().zip(members) {
        if idx.is_empty() {
            continue;
        }
        let lines = lines_of(glyphs, idx);
        cell.text = join_lines(lines.iter().map(|l| l.text.as_str()));
    }
}

/// The glyphs of each cell (printed spaces included): every glyph whose centre lies inside the table
/// goes to the first cell containing its centre.
pub fn cell_glyphs(glyphs: &[Glyph], cells: &[Cell], bbox: &Rect) -> Vec<Vec<usize>> {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); cells.len()];
    let buckets = Buckets::new(cells, bbox);
    for (i, g) in glyphs.iter().enumerate() {
        let (cx, cy) = (g.bbox.cx(), g.bbox.cy());
        if !bbox.contains_point(cx, cy) || g.text.is_empty() {
            continue;
        }
        if let Some(k) = buckets
            .at(cx, cy)
            .iter()
            .copied()
            .find(|&k| cells[k].bbox.contains_point(cx, cy))
        {
            members[k].push(i);
        }
    }
    members
}

/// Cells filed by the squares of a grid over the table that their boxes touch, so that
/// the cells containing a point are found among a few. Each square's list is in the
/// cells' order, so the first cell containing a point is the first found.
struct Buckets {
    x0: f64,
    top: f64,
    /// Square width and height.
    w: f64,
    h: f64,
    nx: usize,
    ny: usize,
    lists: Vec<Vec<usize>>,
}

impl Buckets {
    fn new(cells: &[Cell], bbox: &Rect) -> Self {
        // About one square per cell.
        let side = ((cells.len() as f64).sqrt().ceil() as usize).clamp(1, 1024);
        let (nx, ny) = (side, side);
        let w = bbox.width() / nx as f64;
        let h = bbox.height() / ny as f64;
        let mut b = Buckets {
            x0: bbox.x0,
            top: bbox.top,
            w,
            h,
            nx,
            ny,
            lists: vec![Vec::new(); nx * ny],
        };
        for (k, c) in cells.iter().enumerate() {
            let (ax, bx) = (b.col(c.bbox.x0), b.col(c.bbox.x1));
            let (ay, by) = (b.row(c.bbox.top), b.row(c.bbox.bottom));
            for y in ay..=by {
                for x in ax..=bx {
                    b.lists[y * nx + x].push(k);
                }
            }
        }
        b
    }

    /// The square column of `x` (clamped to the grid; monotonic in `x`).
    fn col(&self, x: f64) -> usize {
        Self::slot(x - self.x0, self.w, self.nx)
    }

    fn row(&self, y: f64) -> usize {
        Self::slot(y - self.top, self.h, self.ny)
    }

    fn slot(d: f64, size: f64, n: usize) -> usize {
        if size.is_nan() || d.is_nan() || size <= 0.0 || d <= 0.0 {
            return 0;
        }
        ((d / size).floor() as usize).min(n - 1)
    }

    /// The cells whose boxes may contain the point.
    fn at(&self, x: f64, y: f64) -> &[usize] {
        &self.lists[self.row(y) * self.nx + self.col(x)]
    }
}

/// Joins wrapped lines: no space between CJK (or after a hyphen-free break inside a
/// number), one space between Latin words.
pub fn join_lines<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for l in lines {
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        if let (Some(prev), Some(next)) = (out.chars().last(), l.chars().next()) {
            let glue = is_cjk(prev)
                || is_cjk(next)
                || prev == '-'
                || prev == '/'
                || (prev.is_ascii_digit() && (next.is_ascii_digit() || next == '.' || next == '%'))
                || (prev == '.' && next.is_ascii_digit());
            if !glue {
                out.push(' ');
            }
        }
        out.push_str(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_geom::UnicodeSource;

    fn cell(row: usize, col: usize, x0: f64, top: f64, x1: f64, bottom: f64) -> Cell {
        Cell {
            row,
            col,
            rowspan: 1,
            colspan: 1,
            bbox: Rect {
                x0,
                top,
                x1,
                bottom,
            },
            text: String::new(),
            page: 1,
        }
    }

    /// The lookup by squares gives each glyph the first cell containing its centre, as
    /// scanning every cell does — on uneven cells, spans, shared edges and glyphs centred
    /// exactly on edges and corners.
    #[test]
    fn cell_lookup_matches_a_scan_of_every_cell() {
        let xs = [0.0, 7.0, 7.5, 30.0, 31.0, 100.0];
        let ys = [0.0, 3.0, 40.0, 41.0, 90.0];
        let mut cells = vec![cell(0, 0, 0.0, 0.0, 30.0, 3.0)]; // a span over three columns
        for r in 0..4 {
            for c in 0..5 {
                if r == 0 && c < 3 {
                    continue;
                }
                cells.push(cell(r, c, xs[c], ys[r], xs[c + 1], ys[r + 1]));
            }
        }
        let bbox = Rect {
            x0: 0.0,
            top: 0.0,
            x1: 100.0,
            bottom: 90.0,
        };
        let mut glyphs = Vec::new();
        let mut coords: Vec<f64> = xs.iter().chain(ys.iter()).copied().collect();
        coords.extend((0..=200).map(|i| i as f64 * 0.5));
        for &x in &coords {
            for &y in &coords {
                // A 2 × 2 box centred on (x, y).
                glyphs.push(Glyph {
                    text: "a".into(),
                    bbox: Rect {
                        x0: x - 1.0,
                        top: y - 1.0,
                        x1: x + 1.0,
                        bottom: y + 1.0,
                    },
                    font: "F".into(),
                    size: 2.0,
                    upright: true,
                    source: UnicodeSource::ToUnicode,
                    confidence: None,
                });
            }
        }
        let mut scan: Vec<Vec<usize>> = vec![Vec::new(); cells.len()];
        for (i, g) in glyphs.iter().enumerate() {
            let (cx, cy) = (g.bbox.cx(), g.bbox.cy());
            if !bbox.contains_point(cx, cy) {
                continue;
            }
            if let Some(k) = cells.iter().position(|c| c.bbox.contains_point(cx, cy)) {
                scan[k].push(i);
            }
        }
        assert_eq!(cell_glyphs(&glyphs, &cells, &bbox), scan);
    }
}
