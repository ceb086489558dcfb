//! Per-cell recognition in one Tesseract run: the ink of every non-empty cell is cut
//! out and stacked into one tall strip image (one cell per text block, white gaps in
//! between), recognised once, and each word is mapped back to its cell by its
//! position in the strip. One process per page instead of one per cell.

use crate::binarize::Binary;
use crate::image::Gray;
use crate::tesseract::Word;

/// A piece of the page placed in the strip.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Index of the table on the page.
    pub table: usize,
    /// Index of the cell in the table.
    pub cell: usize,
    /// Ink box on the page raster `[x0, y0, x1, y1)`.
    pub src: [usize; 4],
    /// Left of the item in the strip.
    pub strip_x: usize,
    /// Top of the item in the strip.
    pub strip_y: usize,
    /// Width of the item in the strip (after scaling).
    pub strip_w: usize,
    /// Height of the item in the strip (after scaling).
    pub strip_h: usize,
    /// Enlargement of the item in the strip.
    pub scale: f64,
}

/// A strip image and its items.
#[derive(Debug, Clone)]
pub struct Strip {
    /// The composed image.
    pub image: Gray,
    /// The pieces, top to bottom (or left to right, see [`compose_line`]).
    pub items: Vec<Item>,
    /// Whether the pieces stand side by side (one line of text) rather than stacked.
    pub across: bool,
}

/// Ink box of `region` (`[x0, y0, x1, y1)`) in `b`, if it holds at least `min_ink` ink pixels.
pub fn ink_box(b: &Binary, region: [usize; 4], min_ink: usize) -> Option<[usize; 4]> {
    let mut bb = [usize::MAX, usize::MAX, 0, 0];
    let mut n = 0;
    for y in region[1]..region[3].min(b.height) {
        for x in region[0]..region[2].min(b.width) {
            if b.ink[y * b.width + x] {
                n += 1;
                bb = [
                    bb[0].min(x),
                    bb[1].min(y),
                    bb[2].max(x + 1),
                    bb[3].max(y + 1),
                ];
            }
        }
    }
    (n >= min_ink).then_some(bb)
}

/// The lines of print in `region` of `b`, each as its ink box: runs of rows holding
/// ink, split where a row holds next to none (a twelfth of the fullest row's: a blurred
/// photocopy leaves a pixel or a few between wrapped lines of a header, tuning seed
/// 993, page 7); a run less than half as tall as the tallest joins its nearer
/// neighbour (a stroke of `二` apart from its other), runs of fewer than `min_ink` ink
/// pixels (specks) are left out. Empty when a line is taller than `max_height` (not
/// lines of print).
pub fn line_bands(
    b: &Binary,
    region: [usize; 4],
    min_ink: usize,
    max_height: usize,
) -> Vec<[usize; 4]> {
    let (x0, x1) = (region[0], region[2].min(b.width));
    let (y0, y1) = (region[1], region[3].min(b.height));
    if x0 >= x1 || y0 >= y1 {
        return Vec::new();
    }
    let counts: Vec<usize> = (y0..y1)
        .map(|y| {
            b.ink[y * b.width + x0..y * b.width + x1]
                .iter()
                .filter(|&&i| i)
                .count()
        })
        .collect();
    let gap = counts.iter().max().copied().unwrap_or(0) / 12;
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < counts.len() {
        if counts[k] <= gap {
            k += 1;
            continue;
        }
        let top = k;
        while k < counts.len() && counts[k] > gap {
            k += 1;
        }
        runs.push((y0 + top, y0 + k));
    }
    let tallest = runs.iter().map(|r| r.1 - r.0).max().unwrap_or(0);
    let mut i = 0;
    while runs.len() > 1 && i < runs.len() {
        if 2 * (runs[i].1 - runs[i].0) >= tallest {
            i += 1;
            continue;
        }
        let up = (i > 0).then(|| runs[i].0 - runs[i - 1].1);
        let down = runs.get(i + 1).map(|n| n.0 - runs[i].1);
        let into = match (up, down) {
            (Some(u), Some(d)) if u <= d => i - 1,
            (Some(_), None) => i - 1,
            _ => i + 1,
        };
        let (a, b2) = (runs[i].0.min(runs[into].0), runs[i].1.max(runs[into].1));
        runs[into] = (a, b2);
        runs.remove(i);
        i = 0;
    }
    let mut bands = Vec::new();
    for (top, bottom) in runs {
        if bottom - top > max_height {
            return Vec::new();
        }
        if let Some(bb) = ink_box(b, [x0, top, x1, bottom], min_ink) {
            bands.push(bb);
        }
    }
    bands
}

/// The box of the one line of print in `region` of `b`, specks around it left out:
/// runs of rows with ink, then runs of columns with ink within those rows (split at a
/// blank gap as wide as the rows are tall), each kept only if it holds at least
/// `min_ink` ink pixels. `None` when nothing is left, or what is left is taller than
/// `max_height` (more than one line). A header cell spanning three rows of a photocopy
/// holds specks above and below its `合计` (a real layout at 240 dpi: the cell's ink box
/// was three lines tall, and Tesseract read `辣`).
pub fn print_box(
    b: &Binary,
    region: [usize; 4],
    min_ink: usize,
    max_height: usize,
) -> Option<[usize; 4]> {
    let (x0, x1) = (region[0], region[2].min(b.width));
    let (y0, y1) = (region[1], region[3].min(b.height));
    if x0 >= x1 || y0 >= y1 {
        return None;
    }
    let ink = |x: usize, y: usize| b.ink[y * b.width + x];
    // Runs of `counts` above zero, as (start, end, total) with gaps of more than `gap`
    // zeros between them.
    let runs = |counts: &[usize], gap: usize| -> Vec<(usize, usize, usize)> {
        let mut out: Vec<(usize, usize, usize)> = Vec::new();
        for (k, &n) in counts.iter().enumerate() {
            if n == 0 {
                continue;
            }
            match out.last_mut() {
                Some(r) if k - r.1 <= gap => {
                    r.1 = k + 1;
                    r.2 += n;
                }
                _ => out.push((k, k + 1, n)),
            }
        }
        out
    };
    let rows: Vec<usize> = (y0..y1)
        .map(|y| (x0..x1).filter(|&x| ink(x, y)).count())
        .collect();
    let kept: Vec<(usize, usize, usize)> = runs(&rows, 0)
        .into_iter()
        .filter(|r| r.2 >= min_ink)
        .collect();
    let (top, bottom) = (y0 + kept.first()?.0, y0 + kept.last()?.1);
    if bottom - top > max_height {
        return None;
    }
    let cols: Vec<usize> = (x0..x1)
        .map(|x| (top..bottom).filter(|&y| ink(x, y)).count())
        .collect();
    let kept: Vec<(usize, usize, usize)> = runs(&cols, bottom - top)
        .into_iter()
        .filter(|r| r.2 >= min_ink)
        .collect();
    Some([x0 + kept.first()?.0, top, x0 + kept.last()?.1, bottom])
}

/// Lays the boxes of `pieces` cut from `page`, each enlarged by `scale_of(box)` (at
/// least 1), into one strip, `gap` white pixels apart and `margin` around them: stacked
/// left-aligned, or (`across`) side by side, vertically centred on one line.
fn lay_out(
    page: &Gray,
    pieces: &[(usize, usize, [usize; 4])],
    gap: usize,
    margin: usize,
    scale_of: impl Fn(&[usize; 4]) -> f64,
    across: bool,
) -> Strip {
    let crops: Vec<(Gray, f64)> = pieces
        .iter()
        .map(|p| {
            let f = scale_of(&p.2).max(1.0);
            (page.crop(p.2[0], p.2[1], p.2[2], p.2[3]).upscale(f), f)
        })
        .collect();
    let widest = crops.iter().map(|c| c.0.width).max().unwrap_or(0);
    let tallest = crops.iter().map(|c| c.0.height).max().unwrap_or(0);
    let (width, height) = if across {
        (
            crops.iter().map(|c| c.0.width + gap).sum::<usize>(),
            tallest,
        )
    } else {
        (
            widest,
            crops.iter().map(|c| c.0.height + gap).sum::<usize>(),
        )
    };
    let mut image = Gray::white((width + 2 * margin).max(1), (height + 2 * margin).max(1));
    let mut items = Vec::with_capacity(pieces.len());
    let mut at = margin;
    for (&(table, cell, src), (crop, scale)) in pieces.iter().zip(crops) {
        let (x, y) = if across {
            (at, margin + (tallest - crop.height) / 2)
        } else {
            (margin, at)
        };
        image.blit(&crop, x, y);
        items.push(Item {
            table,
            cell,
            src,
            strip_x: x,
            strip_y: y,
            strip_w: crop.width,
            strip_h: crop.height,
            scale,
        });
        at += gap + if across { crop.width } else { crop.height };
    }
    Strip {
        image,
        items,
        across,
    }
}

/// The pixels of the strip [`compose`] would make of `pieces` (counted before any is
/// cropped, so that a page of thousands of specks can be refused before its strip is
/// made).
pub fn stacked_pixels(
    pieces: &[(usize, usize, [usize; 4])],
    gap: usize,
    margin: usize,
    scale_of: impl Fn(&[usize; 4]) -> f64,
) -> u64 {
    let (mut widest, mut height) = (0u64, 0u64);
    for p in pieces {
        let f = scale_of(&p.2).max(1.0);
        let size = |a: usize, b: usize| (b.saturating_sub(a) as f64 * f).round() as u64;
        widest = widest.max(size(p.2[0], p.2[2]));
        height += size(p.2[1], p.2[3]) + gap as u64;
    }
    (widest + 2 * margin as u64).max(1) * (height + 2 * margin as u64).max(1)
}

/// Stacks the ink boxes of `pieces` (`(table, cell, box)`) from `page` into one strip,
/// each enlarged by `scale_of(box)`, with `gap` white pixels between pieces and
/// `margin` around them.
pub fn compose(
    page: &Gray,
    pieces: &[(usize, usize, [usize; 4])],
    gap: usize,
    margin: usize,
    scale_of: impl Fn(&[usize; 4]) -> f64,
) -> Strip {
    lay_out(page, pieces, gap, margin, scale_of, false)
}

/// Sets the ink boxes of `pieces` from `page` side by side, vertically centred on one
/// line, each enlarged by `scale_of(box)`, `gap` white pixels apart: an image to read
/// as one line of text (Tesseract's `--psm 7`). A short piece alone in a block (`一、`,
/// a dash and a dot) is read as nothing by the block layout (`--psm 6`), and as what it
/// is on a line.
pub fn compose_line(
    page: &Gray,
    pieces: &[(usize, usize, [usize; 4])],
    gap: usize,
    margin: usize,
    scale_of: impl Fn(&[usize; 4]) -> f64,
) -> Strip {
    lay_out(page, pieces, gap, margin, scale_of, true)
}

impl Strip {
    /// The item a word (in strip pixels) belongs to, by its centre across the strip.
    pub fn item_of(&self, w: &Word) -> Option<usize> {
        if self.across {
            let cx = w.left as f64 + w.width as f64 / 2.0;
            return self.items.iter().position(|it| {
                cx >= it.strip_x as f64 - 2.0 && cx <= (it.strip_x + it.strip_w) as f64 + 2.0
            });
        }
        let cy = w.top as f64 + w.height as f64 / 2.0;
        self.items.iter().position(|it| {
            cy >= it.strip_y as f64 - 2.0 && cy <= (it.strip_y + it.strip_h) as f64 + 2.0
        })
    }

    /// A word's box on the page raster `(x0, y0, x1, y1)`, given its item.
    pub fn to_page(&self, item: usize, w: &Word) -> (f64, f64, f64, f64) {
        let it = &self.items[item];
        let x = |v: i64| it.src[0] as f64 + (v as f64 - it.strip_x as f64) / it.scale;
        let y = |v: i64| it.src[1] as f64 + (v as f64 - it.strip_y as f64) / it.scale;
        (
            x(w.left),
            y(w.top),
            x(w.left + w.width),
            y(w.top + w.height),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A header cell spanning three rows of a photocopy: specks above, below and beside
    /// its one line of print are left out of the print's box; print that is two lines
    /// tall or more is none.
    #[test]
    fn print_box_leaves_specks_out() {
        let (w, h) = (60, 90);
        let mut b = Binary {
            width: w,
            height: h,
            ink: vec![false; w * h],
        };
        let fill = |b: &mut Binary, y0: usize, y1: usize, x0: usize, x1: usize| {
            for y in y0..y1 {
                for x in x0..x1 {
                    b.ink[y * w + x] = true;
                }
            }
        };
        fill(&mut b, 40, 52, 20, 30);
        fill(&mut b, 40, 52, 33, 43);
        fill(&mut b, 5, 7, 10, 12);
        fill(&mut b, 80, 82, 40, 42);
        fill(&mut b, 45, 46, 2, 4);
        assert_eq!(print_box(&b, [0, 0, w, h], 6, 20), Some([20, 40, 43, 52]));
        fill(&mut b, 60, 72, 20, 30);
        assert_eq!(print_box(&b, [0, 0, w, h], 6, 20), None);
        assert_eq!(print_box(&b, [0, 0, w, 30], 6, 20), None);
    }

    /// Three wrapped lines of a header cell with a pixel or none between them, as a
    /// blurred photocopy leaves them (tuning seed 993, page 7), are three bands; a
    /// stroke standing apart (the top of `二`) joins its nearer line; a speck row between
    /// lines is a gap; a line too tall is none.
    #[test]
    fn line_bands_split_where_rows_hold_next_to_none() {
        let (w, h) = (40, 70);
        let mut b = Binary {
            width: w,
            height: h,
            ink: vec![false; w * h],
        };
        let mut fill = |y0: usize, y1: usize, x0: usize, x1: usize| {
            for y in y0..y1 {
                for x in x0..x1 {
                    b.ink[y * w + x] = true;
                }
            }
        };
        fill(2, 18, 4, 36);
        fill(18, 19, 10, 11);
        fill(20, 36, 4, 36);
        fill(38, 40, 8, 30);
        fill(41, 55, 8, 30);
        assert_eq!(
            line_bands(&b, [0, 0, w, h], 3, 20),
            vec![[4, 2, 36, 18], [4, 20, 36, 36], [8, 38, 30, 55]]
        );
        assert_eq!(
            line_bands(&b, [0, 0, w, h], 3, 12),
            Vec::<[usize; 4]>::new()
        );
    }

    #[test]
    fn stacked_pixels_are_the_strips() {
        let page = Gray::white(100, 100);
        let pieces = [(0, 0, [20, 10, 30, 20]), (0, 1, [50, 60, 61, 75])];
        for k in [1.0, 2.0, 3.0] {
            let s = compose(&page, &pieces, 8, 5, |_| k);
            let n = stacked_pixels(&pieces, 8, 5, |_| k);
            assert_eq!(n, (s.image.width * s.image.height) as u64, "scale {k}");
        }
    }

    #[test]
    fn pieces_map_back() {
        let mut page = Gray::white(100, 100);
        page.data[10 * 100 + 20] = 0;
        let s = compose(
            &page,
            &[(0, 0, [20, 10, 30, 20]), (0, 1, [50, 60, 60, 75])],
            8,
            4,
            |_| 1.0,
        );
        assert_eq!(s.image.width, 18);
        assert_eq!(s.image.data[4 * 18 + 4], 0);
        assert_eq!(s.items[1].strip_y, 4 + 10 + 8);
        let w = Word {
            text: "x".into(),
            left: 5,
            top: 23,
            width: 6,
            height: 10,
            conf: 90.0,
            line: (1, 1, 1),
        };
        assert_eq!(s.item_of(&w), Some(1));
        let (x0, y0, _, _) = s.to_page(1, &w);
        assert_eq!((x0, y0), (51.0, 61.0));
        // Enlarged items map back through their scale.
        let s = compose(&page, &[(0, 0, [20, 10, 30, 20])], 8, 4, |_| 2.0);
        assert_eq!((s.image.width, s.items[0].strip_h), (28, 20));
        let w = Word {
            left: 8,
            top: 8,
            width: 4,
            height: 4,
            ..w
        };
        assert_eq!(s.to_page(0, &w), (22.0, 12.0, 24.0, 14.0));
    }

    #[test]
    fn pieces_on_one_line_map_back_by_x() {
        let page = Gray::white(100, 100);
        // A short piece (`一、`) beside a taller one: centred on one line, 10 px apart.
        let s = compose_line(
            &page,
            &[(0, 0, [20, 10, 40, 14]), (0, 1, [50, 60, 60, 80])],
            10,
            4,
            |_| 1.0,
        );
        assert_eq!(
            (s.image.width, s.image.height),
            (4 + 20 + 10 + 10 + 10 + 4, 28)
        );
        assert_eq!((s.items[0].strip_x, s.items[0].strip_y), (4, 12));
        assert_eq!((s.items[1].strip_x, s.items[1].strip_y), (34, 4));
        let w = Word {
            text: "x".into(),
            left: 36,
            top: 6,
            width: 4,
            height: 10,
            conf: 90.0,
            line: (1, 1, 1),
        };
        assert_eq!(s.item_of(&w), Some(1));
        assert_eq!(s.to_page(1, &w), (52.0, 62.0, 56.0, 72.0));
        let w = Word {
            left: 8,
            top: 12,
            width: 6,
            height: 4,
            ..w
        };
        assert_eq!(s.item_of(&w), Some(0));
        assert_eq!(s.to_page(0, &w), (24.0, 10.0, 30.0, 14.0));
    }
}
