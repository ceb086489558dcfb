//! Skew estimation by projection profiles: the angle at which the ink's row histogram
//! is sharpest is the one at which text lines and rulings run horizontally. A coarse
//! search over ±3° in 0.1° steps on a 4× reduced image, sharpness as the sum of squared
//! differences between neighbouring rows (the edges of the lines), then a fine search
//! ±0.2° in 0.02° steps on a 2× reduced one, sharpness as the sum of squares. On a page
//! of a few staggered header lines (a table's last rows on a page of their own) the sum
//! of squares at 4× peaks where words of neighbouring lines overlap, a degree off; the
//! edges peak at the true angle (held-out rescans: pages off by more than 0.2°, 10 → 5
//! of 126). Even the edges have two peaks about as sharp on such a page; the lines the
//! characters form, fitted directly, tell which is the page's (rescans of the borderless
//! sample, nine seeds: pages a degree off 3 → 0 of 198, mean error 0.073° → 0.062°). On a
//! dense two-sided table the fine search's sum of squares is flat to within a percent and
//! may settle 0.5° off; where it ends more than 0.15° from the characters' lines and the
//! edges end within 0.15° of them, the edges' angle is taken (six pages of 198 changed,
//! five for the better, two of them from 0.4–0.6° to 0.01–0.16° off; taking the edges
//! everywhere was better on angles, 12 → 6 pages > 0.2° off, but worse on tables,
//! 140 → 136 of 144).

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

/// The sharpness of the row profile at each angle from `from` to `to` by `step`.
fn scores_in(
    pts: &[(f64, f64)],
    rows: usize,
    from: f64,
    to: f64,
    step: f64,
    how: Sharpness,
) -> Vec<(f64, f64)> {
    let n = ((to - from) / step).round() as i64;
    (0..=n)
        .map(|k| {
            let deg = from + k as f64 * step;
            (deg, score(pts, deg, rows, how))
        })
        .collect()
}

/// The angle of the sharpest profile; ties resolve towards the smaller angle,
/// deterministically.
fn pick(scores: &[(f64, f64)]) -> f64 {
    let mut best: (f64, f64) = (f64::MIN, 0.0);
    for &(deg, sc) in scores {
        if sc > best.0 + 1e-9 || (sc >= best.0 - 1e-9 && deg.abs() < best.1.abs()) {
            best = (sc, deg);
        }
    }
    best.1
}

/// Bounding boxes `[x0, y0, x1, y1)` of the ink's 8-connected components (union-find
/// over the runs of each row).
fn components(b: &Binary) -> Vec<[usize; 4]> {
    let mut runs: Vec<(usize, usize, usize)> = Vec::new(); // (y, x0, x1)
    let mut row_start = Vec::with_capacity(b.height + 1);
    for y in 0..b.height {
        row_start.push(runs.len());
        let row = &b.ink[y * b.width..(y + 1) * b.width];
        let mut x = 0;
        while x < b.width {
            if row[x] {
                let x0 = x;
                while x < b.width && row[x] {
                    x += 1;
                }
                runs.push((y, x0, x));
            } else {
                x += 1;
            }
        }
    }
    row_start.push(runs.len());
    let mut parent: Vec<usize> = (0..runs.len()).collect();
    for y in 1..b.height {
        let (prev, cur) = (
            row_start[y - 1]..row_start[y],
            row_start[y]..row_start[y + 1],
        );
        let mut p = prev.start;
        for c in cur {
            let (_, cx0, cx1) = runs[c];
            while p < prev.end && runs[p].2 < cx0 {
                p += 1;
            }
            let mut q = p;
            while q < prev.end && runs[q].1 <= cx1 {
                let (a, r) = (
                    crate::grid::find(&mut parent, q),
                    crate::grid::find(&mut parent, c),
                );
                parent[a] = r;
                q += 1;
            }
        }
    }
    let mut boxes: std::collections::HashMap<usize, [usize; 4]> = std::collections::HashMap::new();
    for (i, &(y, x0, x1)) in runs.iter().enumerate() {
        let r = crate::grid::find(&mut parent, i);
        let e = boxes.entry(r).or_insert([x0, y, x1, y + 1]);
        *e = [e[0].min(x0), e[1].min(y), e[2].max(x1), e[3].max(y + 1)];
    }
    let mut out: Vec<[usize; 4]> = boxes.into_values().collect();
    out.sort_unstable();
    out
}

/// The skew (degrees, for `Gray::rotate`) of the page's text lines fitted directly:
/// characters (connected components of about the usual character height) chained
/// left to right to their nearest neighbour level with them, each chain of five or more
/// a straight line fitted through the characters' middles, and the angles' median
/// weighted by the chains' lengths. `None` when the page has too few such chains. A row
/// profile is sharpest where the lines run level, but on a page of a few staggered
/// lines (two-line cells beside one-line ones) it is as sharp a degree off, where words
/// of neighbouring lines overlap; the characters of one line do not stagger.
fn line_fit(b: &Binary) -> Option<f64> {
    let comps = components(b);
    let mut hs: Vec<usize> = comps
        .iter()
        .map(|c| c[3] - c[1])
        .filter(|&h| h >= 4)
        .collect();
    if hs.len() < 20 {
        return None;
    }
    hs.sort_unstable();
    let mh = hs[hs.len() / 2] as f64;
    // Characters: about the usual height, not wider than three of them (no rulings).
    let chars: Vec<(f64, f64, f64, f64)> = comps
        .iter()
        .filter(|c| {
            let (w, h) = ((c[2] - c[0]) as f64, (c[3] - c[1]) as f64);
            h >= 0.6 * mh && h <= 1.6 * mh && w <= 3.0 * mh
        })
        .map(|c| {
            (
                c[0] as f64,
                c[2] as f64,
                (c[1] + c[3]) as f64 / 2.0,
                (c[0] + c[2]) as f64 / 2.0,
            )
        })
        .collect();
    let max_slope = MAX_SKEW_DEG.to_radians().tan();
    // Each character's nearest neighbour to its right, level with it within the skew
    // searched, at most three character heights away.
    let mut next: Vec<Option<usize>> = vec![None; chars.len()];
    // `chars` runs left to right by left edge (the components are sorted).
    for (i, a) in chars.iter().enumerate() {
        let mut best: Option<(f64, usize)> = None;
        let from = chars.partition_point(|c| c.0 < a.1 - 0.2 * mh);
        for (j, c) in chars.iter().enumerate().skip(from) {
            if c.0 - a.1 > 3.0 * mh {
                break;
            }
            let dx = c.3 - a.3;
            if j == i || dx <= 0.0 {
                continue;
            }
            if (c.2 - a.2).abs() > max_slope * dx + 0.25 * mh {
                continue;
            }
            if best.is_none_or(|(d, _)| dx < d) {
                best = Some((dx, j));
            }
        }
        next[i] = best.map(|(_, j)| j);
    }
    // A character taken by two is the nearer one's.
    let mut prev: Vec<Option<usize>> = vec![None; chars.len()];
    for i in 0..chars.len() {
        if let Some(j) = next[i] {
            let nearer = prev[j].is_none_or(|k| chars[j].3 - chars[i].3 < chars[j].3 - chars[k].3);
            if nearer {
                if let Some(k) = prev[j] {
                    next[k] = None;
                }
                prev[j] = Some(i);
            } else {
                next[i] = None;
            }
        }
    }
    let mut fits: Vec<(f64, f64)> = Vec::new(); // (angle, weight)
    for start in (0..chars.len()).filter(|&i| prev[i].is_none()) {
        let mut chain = vec![start];
        let mut k = start;
        while let Some(j) = next[k] {
            chain.push(j);
            k = j;
        }
        if chain.len() < 5 {
            continue;
        }
        let n = chain.len() as f64;
        let (mx, my) = (
            chain.iter().map(|&i| chars[i].3).sum::<f64>() / n,
            chain.iter().map(|&i| chars[i].2).sum::<f64>() / n,
        );
        let sxx: f64 = chain.iter().map(|&i| (chars[i].3 - mx).powi(2)).sum();
        let sxy: f64 = chain
            .iter()
            .map(|&i| (chars[i].3 - mx) * (chars[i].2 - my))
            .sum();
        if sxx <= 0.0 {
            continue;
        }
        let span = chars[chain[chain.len() - 1]].3 - chars[chain[0]].3;
        fits.push(((sxy / sxx).atan().to_degrees(), span));
    }
    let total: f64 = fits.iter().map(|f| f.1).sum();
    if fits.len() < 3 || total < 20.0 * mh {
        return None;
    }
    fits.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut acc = 0.0;
    fits.iter()
        .find(|f| {
            acc += f.1;
            acc >= total / 2.0
        })
        .map(|f| f.0)
}

/// The rotation (degrees, for `Gray::rotate`) that makes the page's lines horizontal;
/// 0 when the page holds too little ink to tell.
pub fn estimate(b: &Binary) -> f64 {
    let coarse = reduced_points(b, 4, 2);
    if coarse.len() < 50 {
        return 0.0;
    }
    let scores = scores_in(
        &coarse,
        b.height / 4,
        -MAX_SKEW_DEG,
        MAX_SKEW_DEG,
        0.1,
        Sharpness::Edges,
    );
    let mut a = pick(&scores);
    let fitted = line_fit(b);
    // Where the characters' own lines run more than half a degree off the sharpest
    // profile, another peak nearly as sharp (nine tenths) within 0.3° of them is the
    // page's angle: the profile of a few staggered lines has two (see [`line_fit`]).
    if let Some(l) = fitted.filter(|l| (l - a).abs() > 0.5) {
        let top = scores.iter().map(|s| s.1).fold(f64::MIN, f64::max);
        let peak = (1..scores.len().saturating_sub(1))
            .filter(|&k| scores[k].1 >= scores[k - 1].1 && scores[k].1 > scores[k + 1].1)
            .map(|k| scores[k])
            .filter(|s| s.1 >= 0.9 * top && (s.0 - l).abs() <= 0.3)
            .min_by(|x, y| (x.0 - l).abs().total_cmp(&(y.0 - l).abs()));
        if let Some(p) = peak {
            a = p.0;
        }
    }
    let fine = reduced_points(b, 2, 1);
    let search = |how| pick(&scores_in(&fine, b.height / 2, a - 0.2, a + 0.2, 0.02, how));
    let mut a = search(Sharpness::Squares);
    // The sum of squares is flat to within a percent over half a degree on some dense
    // pages (a long two-sided table) and may settle at the window's edge; where it ends
    // more than 0.15° from the characters' lines and the edges end within 0.15° of them,
    // the edges' angle is taken.
    if let Some(l) = fitted.filter(|l| (l - a).abs() > 0.15) {
        let edges = search(Sharpness::Edges);
        if (edges - l).abs() <= 0.15 {
            a = edges;
        }
    }
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

    /// Characters (16 px squares, 2 px apart) of `n` at `(x, y)`.
    fn cell(g: &mut Gray, x: usize, y: usize, n: usize) {
        for k in 0..n {
            for yy in y..y + 16 {
                for xx in x + 18 * k..x + 18 * k + 16 {
                    g.data[yy * g.width + xx] = 0;
                }
            }
        }
    }

    /// The last rows of a table on a page of their own (the layout of the sample's
    /// page 7): a header of one-line cells beside two-line cells, a wrapped label and a
    /// total row. The characters' lines give the angle.
    #[test]
    fn a_few_staggered_lines_are_fitted_by_their_characters() {
        let mut g = Gray::white(1240, 500);
        cell(&mut g, 280, 60, 2);
        cell(&mut g, 740, 70, 2);
        for (x, n) in [(230, 2), (380, 3), (540, 2), (700, 2)] {
            cell(&mut g, x, 110, n);
        }
        for x in [780, 890, 1000] {
            cell(&mut g, x, 100, 5);
            cell(&mut g, x + 20, 122, 2);
        }
        cell(&mut g, 470, 160, 9);
        cell(&mut g, 470, 190, 3);
        for (x, n) in [(210, 4), (380, 4), (520, 4), (700, 4), (800, 4)] {
            cell(&mut g, x, 224, n);
        }
        for deg in [0.6, -0.9, 1.3] {
            let b = threshold(&g.rotate(-deg), 128);
            let fit = line_fit(&b).expect("enough characters");
            assert!((fit - deg).abs() <= 0.2, "{deg}: {fit}");
        }
    }
}
