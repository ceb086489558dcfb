//! Reading-order text: groups glyphs into lines (for `gongkai text`, cell text, titles
//! and narrative sentences). Pure geometry, no PDF knowledge.

use crate::{Glyph, Rect};

/// One line of text with its box.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TextLine {
    /// The line's text; words separated by single spaces where the gap warrants one.
    pub text: String,
    /// Union of the glyph boxes.
    pub bbox: Rect,
    /// Indices of the glyphs in the page's glyph list, left to right.
    pub glyphs: Vec<usize>,
}

/// True for CJK ideographs, kana, Hangul and full-width forms: text joined without spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

/// Groups upright glyphs into lines, top to bottom, each left to right. Two glyphs
/// share a line when their vertical extents overlap by more than half the smaller
/// height. A space is inserted where the horizontal gap exceeds a quarter of the font
/// size (between CJK characters only when the gap is wider than one full character).
/// Glyphs that are not upright are emitted as lines of their own, after the rest.
pub fn text_lines(glyphs: &[Glyph]) -> Vec<TextLine> {
    text_lines_of(glyphs, (0..glyphs.len()).collect())
}

/// [`text_lines`] over a subset of the glyphs, given by index.
pub fn text_lines_of(glyphs: &[Glyph], subset: Vec<usize>) -> Vec<TextLine> {
    let mut order: Vec<usize> = subset
        .iter()
        .copied()
        .filter(|&i| glyphs[i].upright && !glyphs[i].text.trim().is_empty())
        .collect();
    order.sort_by(|&a, &b| {
        let (ga, gb) = (&glyphs[a].bbox, &glyphs[b].bbox);
        ga.cy().total_cmp(&gb.cy()).then(ga.x0.total_cmp(&gb.x0))
    });
    // Build lines greedily: each line keeps a running vertical extent.
    let mut lines: Vec<(f64, f64, Vec<usize>)> = Vec::new();
    for i in order {
        let b = &glyphs[i].bbox;
        let h = b.height().max(0.1);
        let mut placed = false;
        // Only the last few lines can overlap a glyph in centre order.
        for line in lines.iter_mut().rev().take(3) {
            let overlap = b.bottom.min(line.1) - b.top.max(line.0);
            let min_h = h.min(line.1 - line.0).max(0.1);
            if overlap > 0.5 * min_h {
                line.0 = line.0.min(b.top);
                line.1 = line.1.max(b.bottom);
                line.2.push(i);
                placed = true;
                break;
            }
        }
        if !placed {
            lines.push((b.top, b.bottom, vec![i]));
        }
    }
    let mut out: Vec<TextLine> = lines
        .into_iter()
        .map(|(_, _, mut idx)| {
            idx.sort_by(|&a, &b| glyphs[a].bbox.x0.total_cmp(&glyphs[b].bbox.x0));
            build_line(glyphs, idx)
        })
        .collect();
    out.sort_by(|a, b| {
        a.bbox
            .top
            .total_cmp(&b.bbox.top)
            .then(a.bbox.x0.total_cmp(&b.bbox.x0))
    });
    // Rotated text: one line per run in content order.
    let rotated: Vec<usize> = subset
        .into_iter()
        .filter(|&i| !glyphs[i].upright && !glyphs[i].text.trim().is_empty())
        .collect();
    if !rotated.is_empty() {
        out.push(build_line(glyphs, rotated));
    }
    out
}

fn build_line(glyphs: &[Glyph], idx: Vec<usize>) -> TextLine {
    let mut text = String::new();
    let mut bbox: Option<Rect> = None;
    let mut prev: Option<&Glyph> = None;
    for &i in &idx {
        let g = &glyphs[i];
        if let Some(p) = prev {
            let gap = g.bbox.x0 - p.bbox.x1;
            let size = g.size.max(p.size).max(1.0);
            let cjk = p.text.chars().last().is_some_and(is_cjk)
                || g.text.chars().next().is_some_and(is_cjk);
            let threshold = if cjk { size * 0.9 } else { size * 0.2 };
            if gap > threshold && !text.ends_with(' ') {
                text.push(' ');
            }
        }
        text.push_str(&g.text);
        bbox = Some(bbox.map_or(g.bbox, |b| b.union(&g.bbox)));
        prev = Some(g);
    }
    TextLine {
        text,
        bbox: bbox.unwrap_or_default(),
        glyphs: idx,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UnicodeSource;

    fn g(t: &str, x0: f64, top: f64, w: f64) -> Glyph {
        Glyph {
            text: t.into(),
            bbox: Rect {
                x0,
                top,
                x1: x0 + w,
                bottom: top + 10.0,
            },
            font: "F".into(),
            size: 10.0,
            upright: true,
            source: UnicodeSource::ToUnicode,
            confidence: None,
        }
    }

    #[test]
    fn groups_lines_and_spaces_words() {
        let glyphs = vec![
            g("b", 20.0, 50.0, 5.0),
            g("a", 10.0, 50.5, 5.0),
            g("中", 10.0, 20.0, 10.0),
            g("文", 20.0, 20.0, 10.0),
            g("c", 25.0, 50.0, 5.0),
        ];
        let lines = text_lines(&glyphs);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, vec!["中文", "a bc"]);
    }
}
