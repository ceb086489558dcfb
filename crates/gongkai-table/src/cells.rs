//! Cell text: glyphs assigned to cells by their centre, wrapped lines joined by script.

use gongkai_geom::layout::{is_cjk, text_lines_of};
use gongkai_geom::{Glyph, Rect};

use crate::Cell;

/// Assigns each glyph whose centre lies inside the table to the one cell containing its
/// centre, and builds each cell's text from its lines.
pub fn fill_text(glyphs: &[Glyph], cells: &mut [Cell], bbox: &Rect) {
    let members = cell_glyphs(glyphs, cells, bbox);
    for (cell, idx) in cells.iter_mut().zip(members) {
        if idx.is_empty() {
            continue;
        }
        let lines = text_lines_of(glyphs, idx);
        cell.text = join_lines(lines.iter().map(|l| l.text.as_str()));
    }
}

/// The glyphs of each cell: every non-blank glyph whose centre lies inside the table
/// goes to the first cell containing its centre.
pub fn cell_glyphs(glyphs: &[Glyph], cells: &[Cell], bbox: &Rect) -> Vec<Vec<usize>> {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); cells.len()];
    for (i, g) in glyphs.iter().enumerate() {
        let (cx, cy) = (g.bbox.cx(), g.bbox.cy());
        if !bbox.contains_point(cx, cy) || g.text.trim().is_empty() {
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
            let glue = is_cjk(prev) || is_cjk(next) || prev == '-' || prev == '/' || (prev.is_ascii_digit() && (next.is_ascii_digit() || next == '.' || next == '%')) || (prev == '.' && next.is_ascii_digit());
            if !glue {
                out.push(' ');
            }
        }
        out.push_str(l);
    }
    out
}

