//! Binarisation: a global Otsu threshold. Scans of printed disclosures have even
//! lighting, so one threshold per page separates ink from paper (and from the
//! scanner's Gaussian noise) well; the threshold is applied to the deskewed gray image.

use crate::image::Gray;

/// A binary image: `true` = ink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binary {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width * height` flags, row-major.
    pub ink: Vec<bool>,
}

impl Binary {
    /// Ink at `(x, y)`.
    pub fn at(&self, x: usize, y: usize) -> bool {
        self.ink[y * self.width + x]
    }
}

/// Otsu's threshold of a gray image: samples `<= t` are ink.
pub fn otsu(g: &Gray) -> u8 {
    let mut hist = [0u64; 256];
    for &v in &g.data {
        hist[v as usize] += 1;
    }
    let total: u64 = hist.iter().sum();
    if total == 0 {
        return 127;
    }
    let sum_all: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, &c)| i as f64 * c as f64)
        .sum();
    let (mut w0, mut sum0) = (0f64, 0f64);
    let (mut best, mut best_t) = (-1f64, 127u8);
    for (t, &c) in hist.iter().enumerate() {
        w0 += c as f64;
        sum0 += t as f64 * c as f64;
        let w1 = total as f64 - w0;
        if w0 == 0.0 || w1 == 0.0 {
            continue;
        }
        let (m0, m1) = (sum0 / w0, (sum_all - sum0) / w1);
        let between = w0 * w1 * (m0 - m1) * (m0 - m1);
        if between > best {
            best = between;
            best_t = t as u8;
        }
    }
    best_t
}

/// Pixels at or below `t` become ink.
pub fn threshold(g: &Gray, t: u8) -> Binary {
    Binary {
        width: g.width,
        height: g.height,
        ink: g.data.iter().map(|&v| v <= t).collect(),
    }
}

/// A clean gray image for the recogniser: ink black, paper white.
pub fn to_gray(b: &Binary) -> Gray {
    Gray {
        width: b.width,
        height: b.height,
        data: b.ink.iter().map(|&i| if i { 0 } else { 255 }).collect(),
    }
}

/// The cut rules are looked for under on a scan below 200 dpi: a third of the way from
/// Otsu's `t` to the paper's level ([`paper_level`]). A one-pixel rule running between
/// two rows of pixels is half dark in each, lighter than `t`.
pub fn rule_cut(g: &Gray, t: u8) -> u8 {
    let level = paper_level(g, t);
    (t as u16 + level.saturating_sub(t) as u16 / 3).min(254) as u8
}

/// The paper's gray level: the median of the pixels lighter than Otsu's `t` (255 when
/// there are none).
pub fn paper_level(g: &Gray, t: u8) -> u8 {
    let mut hist = [0usize; 256];
    for &v in &g.data {
        if v > t {
            hist[v as usize] += 1;
        }
    }
    let n: usize = hist.iter().sum();
    let mut seen = 0;
    for (v, &c) in hist.iter().enumerate() {
        seen += c;
        if n > 0 && 2 * seen >= n {
            return v as u8;
        }
    }
    255
}

/// The paper's gray level over a page whose lighting falls off towards a side (a scanner
/// lid left open, a photocopy's uneven lamp: tuning seed 993, page 8, paper 218 in the
/// middle and 185 in the corner where the unit line `单位：万元` stood, which
/// Tesseract read as nothing on its gray box). Tiles of `tile` pixels each take the
/// upper quartile of their pixels lighter than Otsu's `t` (the quartile, not the median:
/// the gray edges of dense print are light pixels too); a tile with fewer light pixels
/// than a quarter of its own takes the page's level. Read between tile centres by
/// [`PaperMap::at`].
#[derive(Debug, Clone, PartialEq)]
pub struct PaperMap {
    tile: usize,
    cols: usize,
    rows: usize,
    levels: Vec<f64>,
}

/// The levels of a [`PaperMap`] of `g`, `level` the page's ([`paper_level`]).
pub fn paper_map(g: &Gray, t: u8, level: u8, tile: usize) -> PaperMap {
    let tile = tile.max(1);
    let cols = g.width.div_ceil(tile).max(1);
    let rows = g.height.div_ceil(tile).max(1);
    let mut levels = vec![f64::from(level); cols * rows];
    for ty in 0..rows {
        for tx in 0..cols {
            let mut hist = [0usize; 256];
            let (x0, x1) = (tx * tile, ((tx + 1) * tile).min(g.width));
            let (y0, y1) = (ty * tile, ((ty + 1) * tile).min(g.height));
            for y in y0..y1 {
                for &v in &g.data[y * g.width + x0..y * g.width + x1] {
                    if v > t {
                        hist[v as usize] += 1;
                    }
                }
            }
            let n: usize = hist.iter().sum();
            if n * 4 < (x1 - x0) * (y1 - y0) || n == 0 {
                continue;
            }
            let mut seen = 0;
            for (v, &c) in hist.iter().enumerate() {
                seen += c;
                if 4 * seen >= 3 * n {
                    levels[ty * cols + tx] = v as f64;
                    break;
                }
            }
        }
    }
    PaperMap {
        tile,
        cols,
        rows,
        levels,
    }
}

impl PaperMap {
    /// The paper's level at pixel `(x, y)`: the tiles' levels interpolated between their
    /// centres.
    pub fn at(&self, x: usize, y: usize) -> f64 {
        let half = self.tile as f64 / 2.0;
        let fx = ((x as f64 - half) / self.tile as f64).clamp(0.0, (self.cols - 1) as f64);
        let fy = ((y as f64 - half) / self.tile as f64).clamp(0.0, (self.rows - 1) as f64);
        let (x0, y0) = (fx.floor() as usize, fy.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(self.cols - 1), (y0 + 1).min(self.rows - 1));
        let (ax, ay) = (fx - x0 as f64, fy - y0 as f64);
        let l = |tx: usize, ty: usize| self.levels[ty * self.cols + tx];
        let top = l(x0, y0) * (1.0 - ax) + l(x1, y0) * ax;
        let bottom = l(x0, y1) * (1.0 - ax) + l(x1, y1) * ax;
        top * (1.0 - ay) + bottom * ay
    }
}

/// Paper grain: pixels of `g` gray enough to be kept (`t < v <= cut`, lighter than ink
/// at Otsu's `t`) that touch no ink and lie in an 8-connected patch of such pixels with
/// fewer than `min_size` pixels or none darker than `dark`. A dark or noisy paper's
/// texture falls below the cut in specks, and a blurred scan smears them into pale
/// blobs; the gray edges of print touch its ink, and a faint stroke all lighter than `t`
/// (a serif's hairline at 150 dpi) is a line of many pixels with a darker core.
pub fn grain(g: &Gray, t: u8, cut: u8, dark: u8, min_size: usize) -> Vec<bool> {
    let (w, h) = (g.width, g.height);
    let gray = |v: u8| v > t && v <= cut;
    let near = near_ink(g, t);
    let mut seen = vec![false; w * h];
    let mut out = vec![false; w * h];
    let mut patch = Vec::new();
    let mut stack = Vec::new();
    for start in 0..w * h {
        if seen[start] || near[start] || !gray(g.data[start]) {
            continue;
        }
        patch.clear();
        stack.push(start);
        seen[start] = true;
        let mut darkest = 255u8;
        while let Some(i) = stack.pop() {
            patch.push(i);
            darkest = darkest.min(g.data[i]);
            let (x, y) = (i % w, i / w);
            for ny in y.saturating_sub(1)..(y + 2).min(h) {
                for nx in x.saturating_sub(1)..(x + 2).min(w) {
                    let j = ny * w + nx;
                    if !seen[j] && !near[j] && gray(g.data[j]) {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        if patch.len() < min_size || darkest > dark {
            for &i in &patch {
                out[i] = true;
            }
        }
    }
    out
}

/// Pixels at or below `t` and the pixels touching them (8-neighbourhood).
fn near_ink(g: &Gray, t: u8) -> Vec<bool> {
    let (w, h) = (g.width, g.height);
    // Ink or ink beside it on its row, then on its column: two passes of three.
    let mut rows = vec![false; w * h];
    for (src, dst) in g
        .data
        .chunks_exact(w.max(1))
        .zip(rows.chunks_exact_mut(w.max(1)))
    {
        for (x, &v) in src.iter().enumerate() {
            if v <= t {
                dst[x.saturating_sub(1)..(x + 2).min(w)].fill(true);
            }
        }
    }
    let mut out = vec![false; w * h];
    for y in 0..h {
        let row = &mut out[y * w..(y + 1) * w];
        for k in y.saturating_sub(1)..(y + 2).min(h) {
            for (o, &r) in row.iter_mut().zip(&rows[k * w..(k + 1) * w]) {
                *o |= r;
            }
        }
    }
    out
}

/// Dark bands along the sides of a page image (`[x0, y0, x1, y1)`): a photocopier's
/// shadow of the original's edge, a scanner lid's black border. A band touches its side
/// (starts within `min_width` of it), is at least `min_width` thick, and its columns
/// (rows) are mostly ink: at least 60% of the side's length where it starts, at least
/// 40% to where it ends. Such a band spans every row (column) of the page, so that no
/// blank row (column) cuts the print beside it into lines; it holds no print. A rule is
/// thinner than `min_width`, and one beside the edge of a page spans a table, not the
/// page's side.
pub fn dark_edges(b: &Binary, min_width: usize) -> Vec<[usize; 4]> {
    let (w, h) = (b.width, b.height);
    let mut out = Vec::new();
    if w == 0 || h == 0 || min_width == 0 {
        return out;
    }
    // Ink share of column x (vertical) or row y (horizontal).
    let col = |x: usize| (0..h).filter(|&y| b.ink[y * w + x]).count() as f64 / h as f64;
    let row = |y: usize| b.ink[y * w..(y + 1) * w].iter().filter(|&&i| i).count() as f64 / w as f64;
    // The band from one side: positions `0..n` counted inwards by `at`.
    let band = |n: usize, share: &dyn Fn(usize) -> f64| -> Option<usize> {
        let reach = n / 8;
        let start = (0..min_width.min(reach)).find(|&i| share(i) >= 0.6)?;
        let mut end = start;
        while end < reach && share(end) >= 0.4 {
            end += 1;
        }
        (end - start >= min_width).then_some(end)
    };
    // A pixel more: the band's blurred fringe.
    if let Some(e) = band(w, &col) {
        out.push([0, 0, (e + 1).min(w), h]);
    }
    if let Some(e) = band(w, &|i| col(w - 1 - i)) {
        out.push([w.saturating_sub(e + 1), 0, w, h]);
    }
    if let Some(e) = band(h, &row) {
        out.push([0, 0, w, (e + 1).min(h)]);
    }
    if let Some(e) = band(h, &|i| row(h - 1 - i)) {
        out.push([0, h.saturating_sub(e + 1), w, h]);
    }
    out
}

/// Specks standing alone on the paper of `clean` (ink black on white, 255 paper) made
/// paper, in `clean` and in `binary`: a piece of ink (8-connected pixels below 255) of at
/// most `max_pixels` pixels and `max_side` pixels wide and tall, with no other ink within
/// `touch` pixels of its box nor on its left within `after` pixels on its rows. Toner
/// dots and noise at 150 dpi read as `-`, `.`, `,` or an ideograph (`站`) in a cell or
/// before a comparator (tuning seed 116, page 7: a dot in the wide 科目名称 column read
/// as a character gave the table a column too many; seed 136, page 18: `-≥164个`). Small
/// marks of print follow what they mark and stay: a decimal point or a comma after its
/// digits (6 pixels from them in a wide serif face at 150 dpi: seed 116, page 7,
/// `527.65`), a dot of a full-width colon after an ideograph (the committed statistics
/// scan, p.5: `单位：万元`, 4 pixels from `位` and 16 from `万`). Returns the pixels
/// made paper.
pub fn drop_specks(
    clean: &mut Gray,
    binary: &mut Binary,
    max_pixels: usize,
    max_side: usize,
    touch: usize,
    after: usize,
) -> usize {
    let (w, h) = (clean.width, clean.height);
    if w == 0 || h == 0 || clean.data.len() != w * h || binary.ink.len() != w * h {
        return 0;
    }
    // 0: not labelled; pieces are numbered from 1.
    let mut label = vec![0u32; w * h];
    let mut next = 0u32;
    let mut stack = Vec::new();
    let mut piece = Vec::new();
    let mut dropped = 0;
    for start in 0..w * h {
        if label[start] != 0 || clean.data[start] == 255 {
            continue;
        }
        next += 1;
        label[start] = next;
        stack.push(start);
        piece.clear();
        let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            if piece.len() <= max_pixels {
                piece.push(i);
            }
            for ny in y.saturating_sub(1)..(y + 2).min(h) {
                for nx in x.saturating_sub(1)..(x + 2).min(w) {
                    let j = ny * w + nx;
                    if label[j] == 0 && clean.data[j] != 255 {
                        label[j] = next;
                        stack.push(j);
                    }
                }
            }
        }
        if piece.len() > max_pixels || x1 - x0 >= max_side || y1 - y0 >= max_side {
            continue;
        }
        // Alone: no ink of another piece around it (pieces below and to the right are
        // not labelled yet, so ink is looked at, not labels), nor before it on its rows.
        let other = |x: usize, y: usize| {
            let j = y * w + x;
            clean.data[j] != 255 && label[j] != next
        };
        let near = (y0.saturating_sub(touch)..(y1 + touch + 1).min(h))
            .any(|y| (x0.saturating_sub(touch)..(x1 + touch + 1).min(w)).any(|x| other(x, y)));
        let follows = (y0..=y1).any(|y| (x0.saturating_sub(after)..x0).any(|x| other(x, y)));
        let alone = !near && !follows;
        if alone {
            for &i in &piece {
                clean.data[i] = 255;
                binary.ink[i] = false;
            }
            dropped += piece.len();
        }
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Near ink is ink and its eight neighbours, at the image's edges too (the two
    /// passes of three give what looking at the 3×3 square around each pixel gives).
    #[test]
    fn near_ink_is_ink_and_its_eight_neighbours() {
        let (w, h) = (7, 5);
        let mut g = Gray::white(w, h);
        for &(x, y) in &[(0, 0), (3, 2), (6, 4), (6, 1)] {
            g.data[y * w + x] = 10;
        }
        let near = near_ink(&g, 100);
        let expect = |x: usize, y: usize| {
            (y.saturating_sub(1)..(y + 2).min(h))
                .any(|k| (x.saturating_sub(1)..(x + 2).min(w)).any(|j| g.data[k * w + j] <= 100))
        };
        let rows: Vec<String> = (0..h)
            .map(|y| {
                (0..w)
                    .map(|x| if near[y * w + x] { '#' } else { '.' })
                    .collect()
            })
            .collect();
        assert_eq!(
            rows,
            ["##...##", "#######", "..#####", "..#####", ".....##"]
        );
        for y in 0..h {
            for x in 0..w {
                assert_eq!(near[y * w + x], expect(x, y), "({x}, {y})");
            }
        }
    }

    #[test]
    fn specks_alone_go_and_a_decimal_point_stays() {
        let mut g = Gray::white(70, 36);
        let mut put = |x0: usize, y0: usize, x1: usize, y1: usize| {
            for y in y0..y1 {
                for x in x0..x1 {
                    g.data[y * 70 + x] = 40;
                }
            }
        };
        // `1.5`: two strokes with a 2×2 point 5 pixels after the first (a wide serif face).
        put(10, 5, 12, 15);
        put(17, 13, 19, 15);
        put(24, 5, 28, 15);
        // A 2×2 speck alone, and a 3-pixel one.
        put(40, 24, 42, 26);
        put(52, 3, 55, 4);
        // A speck 3 pixels before a figure (read as `-`): nothing before it, it goes.
        put(5, 8, 7, 10);
        let mut b = Binary {
            width: 70,
            height: 36,
            ink: g.data.iter().map(|&v| v < 128).collect(),
        };
        let before = g.clone();
        assert_eq!(drop_specks(&mut g, &mut b, 8, 4, 2, 8), 7 + 4);
        for (i, (&now, &was)) in g.data.iter().zip(&before.data).enumerate() {
            let (x, y) = (i % 70, i / 70);
            let speck = (40..42).contains(&x) && (24..26).contains(&y)
                || (52..55).contains(&x) && y == 3
                || (5..7).contains(&x) && (8..10).contains(&y);
            assert_eq!(now, if speck { 255 } else { was }, "pixel {x},{y}");
            assert_eq!(b.ink[i], now < 128);
        }
    }

    #[test]
    fn a_rule_half_dark_in_two_rows_is_ink_under_the_rule_cut() {
        // Paper 210, print 40 with anti-aliased edges 125, and a one-pixel rule
        // between two rows, 140 in each (tuning seed 993, page 12).
        let mut data = vec![210u8; 1000];
        data[..90].fill(40);
        data[90..100].fill(125);
        data[100..110].fill(140);
        let g = Gray {
            width: 100,
            height: 10,
            data,
        };
        let t = otsu(&g);
        let cut = rule_cut(&g, t);
        assert!(t < 140 && cut > 140 && cut < 210, "{t} {cut}");
        assert!(!threshold(&g, t).at(0, 1));
        assert!(threshold(&g, cut).at(0, 1));
        assert!(!threshold(&g, cut).at(0, 2));
    }

    #[test]
    fn otsu_splits_two_levels() {
        let mut data = vec![240u8; 100];
        data[..30].fill(20);
        let g = Gray {
            width: 10,
            height: 10,
            data,
        };
        let t = otsu(&g);
        assert!((20..240).contains(&t), "{t}");
        let b = threshold(&g, t);
        assert_eq!(b.ink.iter().filter(|&&i| i).count(), 30);
    }

    fn binary(w: usize, h: usize, ink: impl Fn(usize, usize) -> bool) -> Binary {
        Binary {
            width: w,
            height: h,
            ink: (0..w * h).map(|i| ink(i % w, i / w)).collect(),
        }
    }

    #[test]
    fn a_dark_band_along_a_side_is_found_and_a_rule_is_not() {
        // A 7-pixel shadow along the right side (a column of it broken here and there),
        // a 2-pixel rule near the left side, print in the middle.
        let b = binary(200, 300, |x, y| {
            (x >= 193 && y % 10 != 0) || (x == 3 || x == 4) || (50..150).contains(&x) && y % 7 == 0
        });
        assert_eq!(dark_edges(&b, 5), vec![[192, 0, 200, 300]]);
        // Print alone, or a band too thin: nothing.
        let b = binary(200, 300, |x, y| {
            x >= 197 || (50..150).contains(&x) && y % 7 == 0
        });
        assert_eq!(dark_edges(&b, 5), Vec::<[usize; 4]>::new());
        // A band along the top.
        let b = binary(200, 300, |_, y| y < 6);
        assert_eq!(dark_edges(&b, 5), vec![[0, 0, 200, 7]]);
    }

    /// Lighting falling off to the right (paper 220 to 180) with print on it: the map
    /// follows the paper, not the print; a tile all ink takes the page's level.
    #[test]
    fn paper_map_follows_the_lighting() {
        let (w, h) = (200, 100);
        let mut g = Gray {
            width: w,
            height: h,
            data: (0..w * h)
                .map(|i| (220.0 - 40.0 * (i % w) as f64 / (w - 1) as f64).round() as u8)
                .collect(),
        };
        // Print: every other row of a band, and a block all ink.
        for y in (40..60).step_by(2) {
            for x in 0..w {
                g.data[y * w + x] = 30;
            }
        }
        for y in 0..20 {
            for x in 80..100 {
                g.data[y * w + x] = 30;
            }
        }
        let map = paper_map(&g, 120, 215, 20);
        for (x, want) in [(10, 216.0), (190, 184.0), (100, 200.0)] {
            let got = map.at(x, 50);
            assert!((got - want).abs() <= 3.0, "x {x}: {got} for {want}");
        }
        assert_eq!(map.at(90, 10), 215.0);
    }

    #[test]
    fn paper_level_is_the_median_of_the_light_pixels() {
        let mut data = vec![20u8; 10];
        data.extend([190, 192, 193, 193, 195]);
        let g = Gray {
            width: 15,
            height: 1,
            data,
        };
        assert_eq!(paper_level(&g, 100), 193);
    }

    #[test]
    fn grain_is_specks_apart_from_print() {
        // Paper 230, ink 20 (t = 100, cut = 200, dark = 195): a speck of two gray pixels
        // alone, the gray edge of an ink stroke, a faint hairline of eight gray pixels.
        let mut g = Gray {
            width: 20,
            height: 10,
            data: vec![230; 200],
        };
        g.data[2 * 20 + 2] = 180;
        g.data[2 * 20 + 3] = 170;
        g.data[5 * 20 + 5] = 20;
        g.data[5 * 20 + 6] = 150;
        for x in 10..18 {
            g.data[8 * 20 + x] = 190;
        }
        let out = grain(&g, 100, 200, 195, 5);
        let got: Vec<usize> = (0..200).filter(|&i| out[i]).collect();
        assert_eq!(got, vec![42, 43]);
        // A pale blob of a blurred speck: large enough, but nowhere dark.
        for y in 0..3 {
            for x in 14..17 {
                g.data[y * 20 + x] = 198;
            }
        }
        let out = grain(&g, 100, 200, 195, 5);
        assert_eq!((0..200).filter(|&i| out[i]).count(), 2 + 9);
    }
}
