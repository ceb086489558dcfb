//! Ruling lines from the raster: long horizontal and vertical runs of ink (a
//! morphological opening with a long line kernel, done as run-length filtering with
//! small gaps bridged), grouped across neighbouring rows/columns into lines with a
//! thickness. Text strokes are shorter than the kernel and never become lines.

use crate::binarize::Binary;

/// A ruling line found in the raster, in pixels of the deskewed image.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PixelLine {
    /// True for horizontal lines.
    pub horizontal: bool,
    /// Position across the line: y for horizontal lines, x for vertical ones (centre).
    pub pos: f64,
    /// Start along the line (x for horizontal, y for vertical).
    pub from: usize,
    /// End along the line, exclusive.
    pub to: usize,
    /// First pixel row (or column) covered.
    pub lo: usize,
    /// Last pixel row (or column) covered, inclusive.
    pub hi: usize,
}

/// Kernel lengths in pixels for a raster at `dpi`.
#[derive(Debug, Clone, Copy)]
pub struct LineParams {
    /// Shortest horizontal run kept.
    pub min_h: usize,
    /// Shortest vertical run kept.
    pub min_v: usize,
    /// Largest gap bridged inside a run (noise, JPEG ringing).
    pub gap: usize,
    /// Thickest line kept (thicker dark areas are blocks, not rules).
    pub max_thick: usize,
}

impl LineParams {
    /// Defaults scaled to the raster's resolution: horizontal rules at least 0.4 in,
    /// vertical ones 0.2 in (longer than a 12 pt character's stroke).
    pub fn for_dpi(dpi: f64) -> LineParams {
        let px = |inch: f64| (inch * dpi).round().max(3.0) as usize;
        LineParams {
            min_h: px(0.4),
            min_v: px(0.2),
            gap: px(0.014).max(2),
            max_thick: px(0.06).max(4),
        }
    }
}

/// What a scan-line cell holds for run finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// Paper.
    Paper,
    /// Ink.
    Ink,
    /// Hidden under an opaque seal: neither ink nor a gap.
    Hidden,
}

/// Runs `[start, end)` of `len` cells: ink with paper gaps up to `gap` bridged (hidden
/// cells bridged whatever their length), at least `min` long, at least half visible,
/// at least 90% ink where visible and at least half of `min` visible ink.
fn runs(len: usize, at: impl Fn(usize) -> Cell, gap: usize, min: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < len {
        if at(i) != Cell::Ink {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        let (mut filled, mut hidden) = (1, 0);
        let (mut j, mut paper, mut pending_hidden) = (i + 1, 0, 0);
        while j < len {
            match at(j) {
                Cell::Ink => {
                    end = j + 1;
                    filled += 1;
                    hidden += pending_hidden;
                    pending_hidden = 0;
                    paper = 0;
                }
                Cell::Hidden => pending_hidden += 1,
                Cell::Paper => {
                    paper += 1;
                    if paper > gap {
                        break;
                    }
                }
            }
            j += 1;
        }
        let visible = (end - start).saturating_sub(hidden);
        // A rule is solid; the bottoms of a row of digits bridged by the gap are not.
        // Under a seal, at least half of the line must be seen.
        if end - start >= min
            && filled * 10 >= visible * 9
            && filled * 2 >= min
            && visible * 2 >= end - start
        {
            out.push((start, end));
        }
        i = end.max(j);
    }
    out
}

/// Groups runs found in consecutive scan lines into lines: a run joins the open line
/// of the previous scan line that it overlaps by more than half of the shorter.
fn group(per_line: Vec<Vec<(usize, usize)>>, horizontal: bool, max_thick: usize) -> Vec<PixelLine> {
    struct Open {
        from: usize,
        to: usize,
        lo: usize,
        weight: f64,
        sum: f64,
        /// `(scan line, run length)` of every run taken in.
        rows: Vec<(usize, usize)>,
    }
    let mut open: Vec<Open> = Vec::new();
    let mut done: Vec<Open> = Vec::new();
    for (k, runs) in per_line.into_iter().enumerate() {
        let mut next: Vec<Open> = Vec::new();
        let mut used = vec![false; open.len()];
        for (a, b) in runs {
            let hit = open.iter().enumerate().find(|(i, o)| {
                let ov = b.min(o.to) as i64 - a.max(o.from) as i64;
                !used[*i] && ov > ((b - a).min(o.to - o.from) / 2) as i64
            });
            let len = (b - a) as f64;
            match hit {
                Some((i, _)) => {
                    used[i] = true;
                    let o = &mut open[i];
                    let mut rows = std::mem::take(&mut o.rows);
                    rows.push((k, b - a));
                    next.push(Open {
                        from: o.from.min(a),
                        to: o.to.max(b),
                        lo: o.lo,
                        weight: o.weight + len,
                        sum: o.sum + len * k as f64,
                        rows,
                    });
                }
                None => next.push(Open {
                    from: a,
                    to: b,
                    lo: k,
                    weight: len,
                    sum: len * k as f64,
                    rows: vec![(k, b - a)],
                }),
            }
        }
        for (i, o) in open.into_iter().enumerate() {
            if !used[i] {
                done.push(o);
            }
        }
        open = next;
    }
    done.extend(open);
    // The line's own scan lines are those whose run is at least half the longest: text
    // touching the line adds short runs at its edge, which must not widen it.
    let core = |o: &Open| {
        let longest = o.rows.iter().map(|r| r.1).max().unwrap_or(0);
        let mut it = o.rows.iter().filter(|r| r.1 * 2 >= longest).map(|r| r.0);
        let first = it.next().unwrap_or(o.lo);
        let last = it.next_back().unwrap_or(first);
        let (sum, weight) = o
            .rows
            .iter()
            .filter(|r| r.1 * 2 >= longest)
            .fold((0.0, 0.0), |acc, r| {
                (acc.0 + (r.0 * r.1) as f64, acc.1 + r.1 as f64)
            });
        (
            first,
            last,
            if weight > 0.0 {
                sum / weight
            } else {
                o.sum / o.weight
            },
        )
    };
    let mut out: Vec<PixelLine> = done
        .into_iter()
        .map(|o| {
            let (lo, hi, pos) = core(&o);
            PixelLine {
                horizontal,
                pos,
                from: o.from,
                to: o.to,
                lo,
                hi,
            }
        })
        .filter(|l| l.hi - l.lo < max_thick)
        .collect();
    out.sort_by(|a, b| a.pos.total_cmp(&b.pos).then(a.from.cmp(&b.from)));
    out
}

/// Horizontal and vertical ruling lines of a binary image; `hidden` marks pixels under
/// an opaque seal (same size as `b`), across which lines continue.
pub fn find_lines(b: &Binary, p: &LineParams, hidden: Option<&[bool]>) -> Vec<PixelLine> {
    let (w, h) = (b.width, b.height);
    let at = |i: usize| {
        if b.ink[i] {
            Cell::Ink
        } else if hidden.is_some_and(|m| m[i]) {
            Cell::Hidden
        } else {
            Cell::Paper
        }
    };
    let rows: Vec<Vec<(usize, usize)>> = (0..h)
        .map(|y| runs(w, |x| at(y * w + x), p.gap, p.min_h))
        .collect();
    let cols: Vec<Vec<(usize, usize)>> = (0..w)
        .map(|x| runs(h, |y| at(y * w + x), p.gap, p.min_v))
        .collect();
    let mut lines = group(rows, true, p.max_thick);
    lines.extend(group(cols, false, p.max_thick));
    lines
}

/// The lines that are rules: lines at least `long` pixels long, and lines of a group
/// of touching lines (within `tol`) with at least two horizontal and one vertical line
/// and one line at least `long` long — a table. The strokes of large bold characters
/// touch each other too, but form no such group, and are left to the text.
pub fn rules_only(lines: Vec<PixelLine>, tol: f64, long: usize) -> Vec<PixelLine> {
    let n = lines.len();
    let touches = |a: &PixelLine, b: &PixelLine| {
        a.horizontal != b.horizontal
            && b.pos >= a.from as f64 - tol
            && b.pos <= a.to as f64 + tol
            && a.pos >= b.from as f64 - tol
            && a.pos <= b.to as f64 + tol
    };
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for i in 0..n {
        for j in i + 1..n {
            if touches(&lines[i], &lines[j]) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    // Per group: horizontal count, vertical count, longest line.
    let mut stats = vec![(0usize, 0usize, 0usize); n];
    for (i, l) in lines.iter().enumerate() {
        let r = root(&mut parent, i);
        if l.horizontal {
            stats[r].0 += 1;
        } else {
            stats[r].1 += 1;
        }
        stats[r].2 = stats[r].2.max(l.to - l.from);
    }
    (0..n)
        .filter(|&i| {
            let (h, v, longest) = stats[root(&mut parent, i)];
            lines[i].to - lines[i].from >= long || (h >= 2 && v >= 1 && longest >= long)
        })
        .map(|i| lines[i])
        .collect()
}

/// Mask of the pixels covered by `lines`, widened by `pad` pixels on each side across
/// the line (anti-aliased edges) — erased before recognition.
pub fn line_mask(width: usize, height: usize, lines: &[PixelLine], pad: usize) -> Vec<bool> {
    let mut m = vec![false; width * height];
    for l in lines {
        let lo = l.lo.saturating_sub(pad);
        let (a, z) = (l.from.saturating_sub(pad), l.to + pad);
        if l.horizontal {
            for y in lo..=(l.hi + pad).min(height.saturating_sub(1)) {
                for x in a..z.min(width) {
                    m[y * width + x] = true;
                }
            }
        } else {
            for x in lo..=(l.hi + pad).min(width.saturating_sub(1)) {
                for y in a..z.min(height) {
                    m[y * width + x] = true;
                }
            }
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid_image() -> Binary {
        let (w, h) = (300, 200);
        let mut ink = vec![false; w * h];
        for &y in &[20usize, 60, 100] {
            for x in 20..280 {
                ink[y * w + x] = true;
                ink[(y + 1) * w + x] = true;
            }
        }
        for &x in &[20usize, 150, 279] {
            for y in 20..102 {
                ink[y * w + x] = true;
            }
        }
        // A "character": short strokes that must not become lines.
        for x in 40..55 {
            ink[40 * w + x] = true;
        }
        for y in 30..45 {
            ink[y * w + 70] = true;
        }
        Binary {
            width: w,
            height: h,
            ink,
        }
    }

    #[test]
    fn finds_rules_not_strokes() {
        let b = grid_image();
        let p = LineParams {
            min_h: 40,
            min_v: 25,
            gap: 2,
            max_thick: 6,
        };
        let lines = find_lines(&b, &p, None);
        let hs: Vec<&PixelLine> = lines.iter().filter(|l| l.horizontal).collect();
        let vs: Vec<&PixelLine> = lines.iter().filter(|l| !l.horizontal).collect();
        assert_eq!(hs.len(), 3, "{hs:?}");
        assert_eq!(vs.len(), 3, "{vs:?}");
        assert!((hs[0].pos - 20.5).abs() < 0.01);
        assert_eq!((hs[0].from, hs[0].to), (20, 280));
    }

    #[test]
    fn strokes_of_a_bold_title_are_not_rules() {
        let h = |y: f64, a: usize, b: usize| PixelLine {
            horizontal: true,
            pos: y,
            from: a,
            to: b,
            lo: y as usize,
            hi: y as usize,
        };
        let v = |x: f64, a: usize, b: usize| PixelLine {
            horizontal: false,
            pos: x,
            from: a,
            to: b,
            lo: x as usize,
            hi: x as usize,
        };
        // 基本: one long bottom stroke and a vertical crossing it.
        assert!(rules_only(vec![h(149.0, 606, 697), v(683.0, 127, 157)], 6.0, 150).is_empty());
        // A table: kept; a long lone underline: kept.
        let table = vec![
            h(10.0, 0, 400),
            h(40.0, 0, 400),
            v(0.0, 10, 40),
            v(200.0, 10, 40),
            h(300.0, 0, 200),
        ];
        assert_eq!(rules_only(table, 3.0, 150).len(), 5);
    }

    #[test]
    fn runs_bridge_small_gaps_and_hidden_stretches() {
        let c = |s: &str| {
            s.chars()
                .map(|c| match c {
                    '#' => Cell::Ink,
                    'h' => Cell::Hidden,
                    _ => Cell::Paper,
                })
                .collect::<Vec<_>>()
        };
        let a = c("##########.#########...#");
        assert_eq!(runs(a.len(), |i| a[i], 2, 10), vec![(0, 20)]);
        // Digit bottoms: long when bridged, but mostly gaps.
        let e = c("##.##.##.##.##.##.##");
        assert_eq!(runs(e.len(), |i| e[i], 2, 10), vec![]);
        let b = c("####hhhhhhhh####..");
        assert_eq!(runs(b.len(), |i| b[i], 2, 10), vec![(0, 16)]);
        let d = c("hhhh####hhhhhhhhhhhh");
        assert_eq!(runs(d.len(), |i| d[i], 2, 10), vec![]);
    }
}
