//! Recognised words grouped into text lines, and lines turned into glyphs.
//!
//! Tesseract's word boxes for Chinese are unreliable (a two-character word's box can
//! span the whole line), while its reading order within a line is right. So a line's
//! text is taken in Tesseract's order and its characters are laid out evenly over the
//! line's box; the line's top and bottom are the medians of its words'. A wide gap
//! between words splits a line.

use gongkai_geom::layout::is_cjk;
use gongkai_geom::{Glyph, Rect, UnicodeSource};

use crate::tesseract::Word;

/// One recognised line: characters with confidences (`None` for a space slot) and a box.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// Characters in reading order; a space slot is `(' ', None)`.
    pub chars: Vec<(char, Option<f32>)>,
    /// Box `(x0, y0, x1, y1)` in the caller's coordinates.
    pub bbox: (f64, f64, f64, f64),
}

impl TextLine {
    /// The line's text (space slots as spaces).
    pub fn text(&self) -> String {
        self.chars.iter().map(|c| c.0).collect()
    }
    /// Lowest confidence of its characters (0–100), 100 when empty.
    pub fn min_conf(&self) -> f32 {
        self.chars.iter().filter_map(|c| c.1).fold(100.0, f32::min)
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Groups `words` (in Tesseract's order) by their line, with each word's box mapped by
/// `place` to the caller's coordinates.
pub fn group(words: &[&Word], place: impl Fn(&Word) -> (f64, f64, f64, f64)) -> Vec<TextLine> {
    let mut out: Vec<TextLine> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let id = words[i].line;
        let mut j = i + 1;
        // A line ends with Tesseract's line, or at a gap wider than two line heights
        // (text at both ends of one row, e.g. a caption left and the unit right).
        while j < words.len() && words[j].line == id {
            let (p, n) = (place(words[j - 1]), place(words[j]));
            let h = (p.3 - p.1).max(n.3 - n.1).max(1.0);
            if n.0 > p.2 + 2.0 * h && n.0 > p.0 {
                break;
            }
            j += 1;
        }
        let ws = &words[i..j];
        let boxes: Vec<(f64, f64, f64, f64)> = ws.iter().map(|w| place(w)).collect();
        let x0 = boxes.iter().map(|b| b.0).fold(f64::MAX, f64::min);
        let x1 = boxes.iter().map(|b| b.2).fold(f64::MIN, f64::max);
        let y0 = median(boxes.iter().map(|b| b.1).collect());
        let y1 = median(boxes.iter().map(|b| b.3).collect());
        let mut chars: Vec<(char, Option<f32>)> = Vec::new();
        for w in ws {
            let first = w.text.chars().next();
            if let (Some(&(prev, _)), Some(next)) = (chars.last(), first) {
                if !(is_cjk(prev) || is_cjk(next)) {
                    chars.push((' ', None));
                }
            }
            chars.extend(
                w.text
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .map(|c| (c, Some(w.conf))),
            );
        }
        fix_unit_label(&mut chars);
        if !chars.is_empty() {
            out.push(TextLine {
                chars,
                bbox: (x0, y0.min(y1), x1, y1.max(y0)),
            });
        }
        i = j;
    }
    out
}

/// `单位;万元` → `单位:万元`: the colon of a unit line read as another mark. Unit
/// lines decide the scale of every amount in a table, so this one confusion is mended.
fn fix_unit_label(chars: &mut [(char, Option<f32>)]) {
    for i in 2..chars.len() {
        if chars[i - 2].0 == '单'
            && chars[i - 1].0 == '位'
            && matches!(chars[i].0, ';' | '；' | ',' | '，' | '.' | '。' | '·' | '|')
        {
            chars[i].0 = ':';
        }
    }
}

/// Glyphs of a line: characters share the box evenly; space slots leave a gap.
pub fn glyphs(line: &TextLine, to_points: impl Fn(f64, f64, f64, f64) -> Rect) -> Vec<Glyph> {
    let n = line.chars.len().max(1) as f64;
    let (x0, y0, x1, y1) = line.bbox;
    let w = (x1 - x0) / n;
    let r2 = gongkai_geom::round2;
    line.chars
        .iter()
        .enumerate()
        .filter_map(|(i, &(c, conf))| {
            let conf = conf?;
            let b = to_points(x0 + w * i as f64, y0, x0 + w * (i + 1) as f64, y1);
            Some(Glyph {
                text: c.to_string(),
                bbox: Rect {
                    x0: r2(b.x0),
                    top: r2(b.top),
                    x1: r2(b.x1),
                    bottom: r2(b.bottom),
                },
                font: "ocr".into(),
                size: r2(b.height().max(1.0)),
                upright: true,
                source: UnicodeSource::Ocr,
                confidence: Some(((conf / 100.0).clamp(0.0, 1.0) * 1000.0).round() / 1000.0),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str, left: i64, width: i64, line: u32) -> Word {
        Word {
            text: text.into(),
            left,
            top: 10,
            width,
            height: 20,
            conf: 90.0,
            line: (1, 1, line),
        }
    }

    #[test]
    fn order_from_tesseract_not_boxes() {
        // "社会" with a box over the whole line, as chi_sim does.
        let words = [
            w("社会", 0, 160, 1),
            w("保障", 40, 30, 1),
            w("A3", 200, 20, 2),
            w("打印机", 230, 40, 2),
            w("A", 300, 10, 2),
            w("B", 320, 10, 2),
        ];
        let refs: Vec<&Word> = words.iter().collect();
        let lines = group(&refs, |w| {
            (
                w.left as f64,
                w.top as f64,
                (w.left + w.width) as f64,
                (w.top + w.height) as f64,
            )
        });
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text(), "社会保障");
        assert_eq!(lines[1].text(), "A3打印机A B");
        let g = glyphs(&lines[0], |a, b, c, d| Rect {
            x0: a,
            top: b,
            x1: c,
            bottom: d,
        });
        assert_eq!(g.len(), 4);
        assert!(g.windows(2).all(|p| p[0].bbox.x1 <= p[1].bbox.x0 + 1e-9));
        assert_eq!(
            glyphs(&lines[1], |a, b, c, d| Rect {
                x0: a,
                top: b,
                x1: c,
                bottom: d
            })
            .len(),
            7
        );
        let words = [w("单位;万元", 0, 80, 1)];
        let refs: Vec<&Word> = words.iter().collect();
        assert_eq!(
            group(&refs, |w| (
                w.left as f64,
                w.top as f64,
                (w.left + w.width) as f64,
                (w.top + w.height) as f64
            ))[0]
                .text(),
            "单位:万元"
        );
        // Far apart on one Tesseract line: two lines.
        let words = [w("205", 0, 30, 1), w("单位:万元", 400, 80, 1)];
        let refs: Vec<&Word> = words.iter().collect();
        assert_eq!(
            group(&refs, |w| (
                w.left as f64,
                w.top as f64,
                (w.left + w.width) as f64,
                (w.top + w.height) as f64
            ))
            .len(),
            2
        );
    }
}
