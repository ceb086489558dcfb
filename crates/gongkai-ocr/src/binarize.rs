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

#[cfg(test)]
mod tests {
    use super::*;

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
}
