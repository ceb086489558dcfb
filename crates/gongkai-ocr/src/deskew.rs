//! Skew estimation by projection profiles: the angle at which the ink's row histogram
//! is sharpest is the one at which text lines and rulings run horizontally. A coarse
//! search over ±3° in 0.1° steps on a 4× reduced image, sharpness as the sum of squared
//! differences between neighbouring rows (the edges of the lines), then a fine search
//! ±0.2° in 0.02° steps on a 2× reduced one, sharpness as the sum of squares. On a page
//! of a few staggered header lines (a table's last rows on a page of their own) the sum
//! of squares at 4× peaks where words of neighbouring lines overlap, a degree off; the
//! edges peak at the true angle (held-out rescans: pages off by more than 0.2°, 10 → 5
//! of 126).

use crate::binarize::Binary;

/// Largest skew searched, in degrees.
pub const MAX_SKEW_DEG: f64 = 3.0;

/// Ink points of `b` reduced by `factor` (a block with at least `min_ink` ink pixels).
fn reduced_points(b: &Binary, factor: usize, min_ink: usize) -> Vec<(f64, f64)> {
    let (w, h) = (b.width / factor, b.height / factor);
    let mut pts = Vec::new();
    for by in 0..h {
        for bx in 0..w {
            let mut n = 0;
            for y in by * factor..(by + 1) * factor {
                let row = &b.ink[y * b.width + bx * factor..y * b.width + (bx + 1) * factor];
                n += row.iter().filter(|&&i| i).count();
            }
            if n >= min_ink {
                pts.push((bx as f64 - w as f64 / 2.0, by as f64 - h as f64 / 2.0));
            }
        }
    }
    pts
}

/// How the sharpness of a row profile is measured.
#[derive(Clone, Copy)]
enum Sharpness {
    /// Sum of squared row counts: concentration.
    Squares,
    /// Sum of squared differences of neighbouring rows: edges.
    Edges,
}

/// Sharpness of the row profile after rotating the points by `deg` (as `Gray::rotate` does).
fn score(pts: &[(f64, f64)], deg: f64, rows: usize, how: Sharpness) -> f64 {
    let (s, c) = deg.to_radians().sin_cos();
    let off = rows as f64;
    let mut hist = vec![0u32; rows * 2 + 1];
    for &(x, y) in pts {
        let ry = -s * x + c * y + off;
        let i = ry.round();
        if i >= 0.0 && (i as usize) < hist.len() {
            hist[i as usize] += 1;
        }
    }
    match how {
        Sharpness::Squares => hist.iter().map(|&v| (v as f64) * (v as f64)).sum(),
        Sharpness::Edges => hist
            .windows(2)
            .map(|w| (w[1] as f64 - w[0] as f64).powi(2))
            .sum(),
    }
}

fn best_in(pts: &[(f64, f64)], rows: usize, from: f64, to: f64, step: f64, how: Sharpness) -> f64 {
    let n = ((to - from) / step).round() as i64;
    let mut best: (f64, f64) = (f64::MIN, 0.0);
    for k in 0..=n {
        let deg = from + k as f64 * step;
        let sc = score(pts, deg, rows, how);
        // Ties resolve towards the smaller angle, deterministically.
        if sc > best.0 + 1e-9 || (sc >= best.0 - 1e-9 && deg.abs() < best.1.abs()) {
            best = (sc, deg);
        }
    }
    best.1
}

/// The rotation (degrees, for `Gray::rotate`) that makes the page's lines horizontal;
/// 0 when the page holds too little ink to tell.
pub fn estimate(b: &Binary) -> f64 {
    let coarse = reduced_points(b, 4, 2);
    if coarse.len() < 50 {
        return 0.0;
    }
    let a = best_in(
        &coarse,
        b.height / 4,
        -MAX_SKEW_DEG,
        MAX_SKEW_DEG,
        0.1,
        Sharpness::Edges,
    );
    let fine = reduced_points(b, 2, 1);
    let a = best_in(
        &fine,
        b.height / 2,
        a - 0.2,
        a + 0.2,
        0.02,
        Sharpness::Squares,
    );
    (a * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::binarize::threshold;
    use crate::image::Gray;

    #[test]
    fn finds_the_angle_of_rotated_lines() {
        let mut g = Gray::white(600, 400);
        for y in (40..360).step_by(30) {
            for x in 50..550 {
                for t in 0..2 {
                    g.data[(y + t) * 600 + x] = 0;
                }
            }
        }
        let skewed = g.rotate(-1.2);
        let b = threshold(&skewed, 128);
        let a = estimate(&b);
        assert!((a - 1.2).abs() <= 0.05, "{a}");
        assert_eq!(estimate(&threshold(&g, 128)), 0.0);
    }
}
