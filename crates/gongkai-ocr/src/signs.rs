//! `≥` and `≤` told from `>` and `<` by their ink: chi_sim reads a scanned `≥95%` as
//! `>95%` when the sign's bar is thin, and the bar is what the two differ by. The
//! first glyph of a cell (its leftmost run of ink columns) has a bar when its lowest
//! rows of ink reach across most of its width: a chevron ends in a point there.

use crate::binarize::Binary;

/// Share of the glyph's width the lowest ink rows must reach across to be a bar.
const BAR_SHARE: f64 = 0.6;

/// Whether the first glyph inside `bx` (`[x0, y0, x1, y1)` on `b`) has a bar under it;
/// `None` when the box holds no ink, the glyph is too small to tell (under 4 pixels
/// each way), or its run of ink is much wider than tall (touching what follows).
pub fn first_glyph_has_bar(b: &Binary, bx: [usize; 4]) -> Option<bool> {
    let [x0, y0, x1, y1] = [
        bx[0].min(b.width),
        bx[1].min(b.height),
        bx[2].min(b.width),
        bx[3].min(b.height),
    ];
    let col_ink = |x: usize| (y0..y1).any(|y| b.at(x, y));
    let gx0 = (x0..x1).find(|&x| col_ink(x))?;
    let gx1 = (gx0..x1).find(|&x| !col_ink(x)).unwrap_or(x1);
    let rows: Vec<usize> = (y0..y1)
        .filter(|&y| (gx0..gx1).any(|x| b.at(x, y)))
        .collect();
    let (top, bottom) = (*rows.first()?, *rows.last()?);
    let (w, h) = (gx1 - gx0, bottom + 1 - top);
    // A run much wider than tall is the sign touching the figure after it: not told.
    if w < 4 || h < 4 || w as f64 > 1.3 * h as f64 {
        return None;
    }
    // The lowest sixth of the glyph (at least two rows): the widest reach of ink.
    let band = (h / 6).max(2);
    let reach = (bottom + 1 - band..=bottom)
        .filter_map(|y| {
            let xs: Vec<usize> = (gx0..gx1).filter(|&x| b.at(x, y)).collect();
            Some(xs.last()? + 1 - xs.first()?)
        })
        .max()
        .unwrap_or(0);
    Some(reach as f64 >= BAR_SHARE * w as f64)
}

/// The text of a cell whose first character is `>` or `<` with `≥` or `≤` when its
/// glyph has a bar (see [`first_glyph_has_bar`]); other text as it is.
pub fn mend(text: &str, b: &Binary, bx: [usize; 4]) -> Option<String> {
    let first = text.chars().next()?;
    let sign = match first {
        '>' => '≥',
        '<' => '≤',
        _ => return None,
    };
    first_glyph_has_bar(b, bx)
        .filter(|&bar| bar)
        .map(|_| format!("{sign}{}", &text[first.len_utf8()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A binary image from rows of `#` (ink) and `.`.
    fn img(rows: &[&str]) -> Binary {
        let width = rows[0].len();
        Binary {
            width,
            height: rows.len(),
            ink: rows
                .iter()
                .flat_map(|r| r.chars().map(|c| c == '#'))
                .collect(),
        }
    }

    #[test]
    fn a_sign_with_a_bar_is_at_least() {
        // `≥9` and `>9`, a blank column between the sign and the digit.
        let ge = img(&[
            "#.......###.",
            ".##.....#.#.",
            "...##...###.",
            ".##.......#.",
            "#.........#.",
            "........###.",
            "######......",
        ]);
        let gt = img(&[
            "#.......###.",
            ".##.....#.#.",
            "...##...###.",
            ".##.......#.",
            "#.........#.",
            "........###.",
            "............",
        ]);
        let all = |b: &Binary| [0, 0, b.width, b.height];
        assert_eq!(first_glyph_has_bar(&ge, all(&ge)), Some(true));
        assert_eq!(first_glyph_has_bar(&gt, all(&gt)), Some(false));
        assert_eq!(mend(">95%", &ge, all(&ge)).as_deref(), Some("≥95%"));
        assert_eq!(mend(">95%", &gt, all(&gt)), None);
        assert_eq!(mend("95%", &ge, all(&ge)), None);
        assert_eq!(first_glyph_has_bar(&gt, [0, 0, 0, 0]), None);
        // The sign touching the figure: not told.
        let touching = img(&["#...###", ".#..#.#", "..#.###", ".#....#", "#######"]);
        assert_eq!(first_glyph_has_bar(&touching, all(&touching)), None);
    }
}
