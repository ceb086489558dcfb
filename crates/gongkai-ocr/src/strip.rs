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
    /// Top of the item in the strip.
    pub strip_y: usize,
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
    /// The pieces, top to bottom.
    pub items: Vec<Item>,
    /// Left margin of every item in the strip.
    pub margin: usize,
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
    let crops: Vec<(Gray, f64)> = pieces
        .iter()
        .map(|p| {
            let f = scale_of(&p.2).max(1.0);
            (page.crop(p.2[0], p.2[1], p.2[2], p.2[3]).upscale(f), f)
        })
        .collect();
    let width = crops.iter().map(|c| c.0.width).max().unwrap_or(0) + 2 * margin;
    let height = crops.iter().map(|c| c.0.height + gap).sum::<usize>() + 2 * margin;
    let mut image = Gray::white(width.max(1), height.max(1));
    let mut items = Vec::with_capacity(pieces.len());
    let mut y = margin;
    for (&(table, cell, src), (crop, scale)) in pieces.iter().zip(crops) {
        image.blit(&crop, margin, y);
        items.push(Item {
            table,
            cell,
            src,
            strip_y: y,
            strip_h: crop.height,
            scale,
        });
        y += crop.height + gap;
    }
    Strip {
        image,
        items,
        margin,
    }
}

impl Strip {
    /// The item a word (in strip pixels) belongs to, by its vertical centre.
    pub fn item_of(&self, w: &Word) -> Option<usize> {
        let cy = w.top as f64 + w.height as f64 / 2.0;
        self.items.iter().position(|it| {
            cy >= it.strip_y as f64 - 2.0 && cy <= (it.strip_y + it.strip_h) as f64 + 2.0
        })
    }

    /// A word's box on the page raster `(x0, y0, x1, y1)`, given its item.
    pub fn to_page(&self, item: usize, w: &Word) -> (f64, f64, f64, f64) {
        let it = &self.items[item];
        let x = |v: i64| it.src[0] as f64 + (v as f64 - self.margin as f64) / it.scale;
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
}
