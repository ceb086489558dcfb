//! Cell text: glyphs assigned to cells by their centre, wrapped lines joined by script.

use gongkai_geom::layout::{is_cjk, text_lines_of, TextLine};
use gongkai_geom::{Glyph, Rect};

use crate::Cell;

/// Text lines of a subset of glyphs (see [`gongkai_geom::layout::text_lines_of`]), with
/// the table stage's spacing: never a space between two CJK characters; elsewhere a
/// space where the gap exceeds a quarter of the font size (PDFs often omit space glyphs).
pub fn lines_of(glyphs: &[Glyph], subset: Vec<usize>) -> Vec<TextLine> {
    let spaces: Vec<Rect> = subset
        .iter()
        .map(|&i| &glyphs[i])
        .filter(|g| g.text.trim().is_empty() && !g.text.is_empty())
        .map(|g| g.bbox)
        .collect();
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
                let printed_space = spaces.iter().any(|s| {
                    s.cx() >= p.bbox.x1 - 0.5
                        && s.cx() <= g.bbox.x0 + 0.5
                        && s.cy() >= g.bbox.top
                        && s.cy() <= g.bbox.bottom
                });
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
    for (i, g) in glyphs.iter().enumerate() {
        let (cx, cy) = (g.bbox.cx(), g.bbox.cy());
        if !bbox.contains_point(cx, cy) || g.text.is_empty() {
            continue;
        }
        if let Some(k) = cells.iter().position(|c| c.bbox.contains_point(cx, cy)) {
            members[k].push(i);
        }
    }
    members
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
