//! Ruled (lattice) tables: rules → merged lines → connected groups → grid → cells with spans.

use gongkai_geom::{Orientation, Rect, Segment};

use crate::cells::{cell_glyphs, fill_text};
use crate::underruled;

use crate::{Cell, Method, PageInput, Table, TableOptions};

/// A merged rule: `pos` is y for horizontal and x for vertical rules; `a..b` its extent.
#[derive(Debug, Clone, Copy)]
struct Rule {
    pos: f64,
    a: f64,
    b: f64,
}

/// Snaps nearly collinear segments together and bridges small gaps.
fn merge_rules(segs: &[Segment], o: Orientation, opts: &TableOptions) -> Vec<Rule> {
    let mut rules: Vec<Rule> = segs
        .iter()
        .filter(|s| s.orientation == o && s.length() >= opts.min_rule)
        .map(|s| match o {
            Orientation::Horizontal => Rule {
                pos: s.top,
                a: s.x0,
                b: s.x1,
            },
            Orientation::Vertical => Rule {
                pos: s.x0,
                a: s.top,
                b: s.bottom,
            },
        })
        .collect();
    rules.sort_by(|p, q| p.pos.total_cmp(&q.pos).then(p.a.total_cmp(&q.a)));
    // Cluster positions.
    let mut groups: Vec<Vec<Rule>> = Vec::new();
    for r in rules {
        match groups.last_mut() {
            Some(g) if (r.pos - g[0].pos).abs() <= opts.snap => g.push(r),
            _ => groups.push(vec![r]),
        }
    }
    let mut out = Vec::new();
    for mut g in groups {
        let pos = g.iter().map(|r| r.pos).sum::<f64>() / g.len() as f64;
        g.sort_by(|p, q| p.a.total_cmp(&q.a));
        let mut cur: Option<Rule> = None;
        for r in g {
            cur = match cur {
                Some(c) if r.a <= c.b + opts.snap => Some(Rule {
                    pos,
                    a: c.a,
                    b: c.b.max(r.b),
                }),
                Some(c) => {
                    out.push(c);
                    Some(Rule {
                        pos,
                        a: r.a,
                        b: r.b,
                    })
                }
                None => Some(Rule {
                    pos,
                    a: r.a,
                    b: r.b,
                }),
            };
        }
        out.extend(cur);
    }
    out
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut r = i;
    while parent[r] != r {
        r = parent[r];
    }
    let mut k = i;
    while parent[k] != r {
        let next = parent[k];
        parent[k] = r;
        k = next;
    }
    r
}

/// Clusters sorted values that lie within `tol` of each other; returns cluster means.
fn cluster(mut v: Vec<f64>, tol: f64) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<Vec<f64>> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some(c) if x - c[c.len() - 1] <= tol => c.push(x),
            _ => out.push(vec![x]),
        }
    }
    out.into_iter()
        .map(|c| c.iter().sum::<f64>() / c.len() as f64)
        .collect()
}

/// Rules ordered by position, to find those near a position without looking at all.
struct RuleIndex<'a> {
    rules: &'a [Rule],
    /// Indices into `rules`, by position.
    by_pos: Vec<usize>,
}

impl<'a> RuleIndex<'a> {
    fn new(rules: &'a [Rule]) -> Self {
        let mut by_pos: Vec<usize> = (0..rules.len()).collect();
        by_pos.sort_by(|&a, &b| rules[a].pos.total_cmp(&rules[b].pos));
        RuleIndex { rules, by_pos }
    }

    /// The rules within `tol` of `pos` (as `(r.pos - pos).abs() <= tol` decides), in
    /// their order in `rules`.
    fn near(&self, pos: f64, tol: f64) -> Vec<&'a Rule> {
        // A margin over `tol` so that rounding cannot leave out a rule the exact test
        // keeps; the exact test then decides.
        let margin = tol + 1e-6 + pos.abs() * 1e-9;
        let rules = self.rules;
        let lo = self
            .by_pos
            .partition_point(|&i| rules[i].pos < pos - margin);
        let hi = self
            .by_pos
            .partition_point(|&i| rules[i].pos <= pos + margin);
        let mut near: Vec<usize> = self.by_pos[lo..hi]
            .iter()
            .copied()
            .filter(|&i| (rules[i].pos - pos).abs() <= tol)
            .collect();
        near.sort_unstable();
        near.into_iter().map(|i| &rules[i]).collect()
    }
}

/// True when the rules cover `lo..hi` along `pos` for at least 60% of its length.
fn covered(rules: &RuleIndex, pos: f64, lo: f64, hi: f64, tol: f64) -> bool {
    let len = hi - lo;
    if len <= 0.0 {
        return true;
    }
    let mut spans: Vec<(f64, f64)> = rules
        .near(pos, tol)
        .into_iter()
        .filter(|r| r.b > lo && r.a < hi)
        .map(|r| (r.a.max(lo), r.b.min(hi)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut total = 0.0;
    let mut end = lo;
    for (a, b) in spans {
        let a = a.max(end);
        if b > a {
            total += b - a;
            end = b;
        }
    }
    total >= 0.6 * len
}

/// The extent of a group of rules: horizontal rules `hs`, vertical rules `vs`.
#[derive(Clone, Copy)]
struct Extent {
    /// Leftmost start and rightmost end of the horizontal rules.
    a: f64,
    b: f64,
    /// Highest and lowest point of all the rules.
    top: f64,
    bottom: f64,
}

impl Extent {
    fn of(hs: &[Rule], vs: &[Rule]) -> Self {
        let mut e = Extent {
            a: f64::MAX,
            b: f64::MIN,
            top: vs.iter().map(|r| r.a).fold(f64::MAX, f64::min),
            bottom: vs.iter().map(|r| r.b).fold(f64::MIN, f64::max),
        };
        for h in hs {
            e.add(h);
        }
        e
    }

    fn add(&mut self, h: &Rule) {
        self.a = self.a.min(h.a);
        self.b = self.b.max(h.b);
        self.top = self.top.min(h.pos);
        self.bottom = self.bottom.max(h.pos);
    }
}

/// Finds the ruled tables on a page: one per connected group of rules.
/// How many merged horizontal and vertical rules a page has: the grid its rulings can
/// form, counted against [`gongkai_geom::Limits::max_grid_cells`].
pub fn ruling_grid(page: &PageInput, opts: &TableOptions) -> (usize, usize) {
    (
        merge_rules(page.segments, Orientation::Horizontal, opts).len(),
        merge_rules(page.segments, Orientation::Vertical, opts).len(),
    )
}

/// A page whose rules could form a grid of more than [`Limits::max_grid_cells`] cells
/// gets none (and a warning, the second value): that bounds the work of linking rules
/// and the size of every grid. Once [`TableOptions::deadline`] has passed, the tables
/// found so far are returned.
///
/// [`Limits::max_grid_cells`]: gongkai_geom::Limits::max_grid_cells
pub fn lattice_tables(page: &PageInput, opts: &TableOptions) -> (Vec<Table>, Option<String>) {
    let hs = merge_rules(page.segments, Orientation::Horizontal, opts);
    let vs = merge_rules(page.segments, Orientation::Vertical, opts);
    if hs.len() < 2 {
        return (Vec::new(), None);
    }
    let max = opts.limits.max_grid_cells;
    if hs.len().saturating_mul(vs.len()) > max {
        let w = format!(
            "limit: the page's rulings ({} horizontal × {} vertical) could form more than \
             {max} grid cells; no ruled table was read on it",
            hs.len(),
            vs.len()
        );
        return (Vec::new(), Some(w));
    }
    // Connected groups: a horizontal and a vertical rule are linked when they touch.
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let t = opts.snap * 1.5;
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if v.pos >= h.a - t && v.pos <= h.b + t && h.pos >= v.a - t && h.pos <= v.b + t {
                let (a, b) = (find(&mut parent, i), find(&mut parent, hs.len() + j));
                if a != b {
                    parent[a] = b;
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Rule>, Vec<Rule>)> =
        std::collections::BTreeMap::new();
    for (i, h) in hs.iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().0.push(*h);
    }
    for (j, v) in vs.iter().enumerate() {
        let r = find(&mut parent, hs.len() + j);
        groups.entry(r).or_default().1.push(*v);
    }
    // Horizontal rules touching no vertical (the top rule over a merged, open-sided
    // header row) join the group whose rules they line up with, if close enough.
    let mut groups: Vec<(Vec<Rule>, Vec<Rule>)> = groups.into_values().collect();
    let (mut framed, loose): (Vec<_>, Vec<_>) = groups.drain(..).partition(|g| !g.1.is_empty());
    let mut loose_rules: Vec<Rule> = loose.into_iter().flat_map(|g| g.0).collect();
    loose_rules.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    // Each group's extent, kept up to date as rules join it.
    let mut extents: Vec<Extent> = framed.iter().map(|g| Extent::of(&g.0, &g.1)).collect();
    loop {
        if opts.past_deadline() {
            return (Vec::new(), None);
        }
        let mut attached = false;
        loose_rules.retain(|h| {
            for (g, e) in framed.iter_mut().zip(extents.iter_mut()) {
                let near = h.pos >= e.top - 40.0 && h.pos <= e.bottom + 40.0;
                if near && (h.a - e.a).abs() <= 2.0 * t && (h.b - e.b).abs() <= 2.0 * t {
                    g.0.push(*h);
                    e.add(h);
                    attached = true;
                    return false;
                }
            }
            true
        });
        if !attached {
            break;
        }
    }
    let mut tables = Vec::new();
    for (gh, gv) in framed {
        if gh.len() < 2 || gv.is_empty() {
            continue;
        }
        if opts.past_deadline() {
            break;
        }
        if let Some(t) = build_table(page, &gh, &gv, opts) {
            tables.push(t);
        }
    }
    (tables, None)
}

fn build_table(page: &PageInput, hs: &[Rule], vs: &[Rule], opts: &TableOptions) -> Option<Table> {
    let tol = opts.snap;
    // Column edges: vertical rules, plus the ends of the horizontal rules where they reach
    // past the outermost verticals (open outer borders).
    let mut xs: Vec<f64> = vs.iter().map(|v| v.pos).collect();
    let h_min = hs.iter().map(|h| h.a).fold(f64::MAX, f64::min);
    let h_max = hs.iter().map(|h| h.b).fold(f64::MIN, f64::max);
    xs.push(h_min);
    xs.push(h_max);
    let mut xs = cluster(xs, tol * 2.0);
    let mut ys: Vec<f64> = hs.iter().map(|h| h.pos).collect();
    let v_min = vs.iter().map(|v| v.a).fold(f64::MAX, f64::min);
    let v_max = vs.iter().map(|v| v.b).fold(f64::MIN, f64::max);
    ys.push(v_min);
    ys.push(v_max);
    let ys = cluster(ys, tol * 2.0);
    if xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    // A single column is a framed text box or a chart's grid, not a table.
    if nc < 2 {
        return None;
    }
    let bbox = Rect {
        x0: xs[0],
        top: ys[0],
        x1: xs[nc],
        bottom: ys[nr],
    };
    if bbox.width() < 20.0 || bbox.height() < 8.0 {
        return None;
    }
    let mut hs = hs.to_vec();
    let mut vs = vs.to_vec();
    let mut ys = ys;
    let mut cells = grid_cells(page.page, &xs, &ys, &hs, &vs, tol);
    // Rules left out of a table (no verticals between body columns, one rule around
    // several text rows) are put back where the text clearly asks for them: twice, as
    // the rows so found show the columns inside them (a ruled column holding a label and
    // its number on each of forty lines).
    for _ in 0..2 {
        let members = cell_glyphs(page.glyphs, &cells, &bbox);
        let Some(extra) = underruled::missing_rules(page.glyphs, &cells, &members, &xs, opts)
        else {
            break;
        };
        hs.extend(
            extra
                .horizontal
                .iter()
                .map(|&(pos, a, b)| Rule { pos, a, b }),
        );
        vs.extend(extra.vertical.iter().map(|&(pos, a, b)| Rule { pos, a, b }));
        ys.extend(extra.row_edges);
        ys = cluster(ys, tol);
        xs.extend(extra.column_edges);
        xs = cluster(xs, tol);
        cells = grid_cells(page.page, &xs, &ys, &hs, &vs, tol);
    }
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    fill_text(page.glyphs, &mut cells, &bbox);
    // Text in only one column: a chart's grid or a framed note, not a table.
    let text_cols: std::collections::BTreeSet<usize> = cells
        .iter()
        .filter(|c| !c.text.is_empty())
        .map(|c| c.col)
        .collect();
    if text_cols.len() < 2 {
        return None;
    }
    // Drop empty outer rows/columns produced by stray rules? Keep the grid as drawn.
    Some(Table {
        page: page.page,
        pages: vec![page.page],
        bbox,
        method: Method::Lattice,
        title: None,
        title_page: None,
        unit: None,
        caption: Vec::new(),
        n_rows: nr,
        n_cols: nc,
        row_pages: vec![page.page; nr],
        cells,
        col_edges: xs,
        header_rows: 0,
        lines_below: 0,
        lines_above: 0,
        ends_page: false,
        foot_heading: None,
    })
}

/// Cells of the grid `xs × ys`: neighbouring slots with no rule between them merge.
fn grid_cells(page: u32, xs: &[f64], ys: &[f64], hs: &[Rule], vs: &[Rule], tol: f64) -> Vec<Cell> {
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    let (vs, hs) = (RuleIndex::new(vs), RuleIndex::new(hs));
    // Boundaries present between neighbours.
    let wall_right = |r: usize, c: usize| covered(&vs, xs[c + 1], ys[r], ys[r + 1], tol * 1.5);
    let wall_below = |r: usize, c: usize| covered(&hs, ys[r + 1], xs[c], xs[c + 1], tol * 1.5);
    // Flood-fill slots into cells.
    let mut owner = vec![vec![usize::MAX; nc]; nr];
    let mut regions: Vec<(usize, usize, usize, usize)> = Vec::new();
    for r0 in 0..nr {
        for c0 in 0..nc {
            if owner[r0][c0] != usize::MAX {
                continue;
            }
            let id = regions.len();
            let mut stack = vec![(r0, c0)];
            owner[r0][c0] = id;
            let (mut rmin, mut rmax, mut cmin, mut cmax) = (r0, r0, c0, c0);
            while let Some((r, c)) = stack.pop() {
                rmin = rmin.min(r);
                rmax = rmax.max(r);
                cmin = cmin.min(c);
                cmax = cmax.max(c);
                let mut visit = |rr: usize, cc: usize, stack: &mut Vec<(usize, usize)>| {
                    if owner[rr][cc] == usize::MAX {
                        owner[rr][cc] = id;
                        stack.push((rr, cc));
                    }
                };
                if c + 1 < nc && !wall_right(r, c) {
                    visit(r, c + 1, &mut stack);
                }
                if c > 0 && !wall_right(r, c - 1) {
                    visit(r, c - 1, &mut stack);
                }
                if r + 1 < nr && !wall_below(r, c) {
                    visit(r + 1, c, &mut stack);
                }
                if r > 0 && !wall_below(r - 1, c) {
                    visit(r - 1, c, &mut stack);
                }
            }
            regions.push((rmin, rmax, cmin, cmax));
        }
    }
    // A region that is not a rectangle (stray gaps) is cut back to its top-left slot's
    // rectangle: claim slots row-major, never overlapping.
    let mut taken = vec![vec![false; nc]; nr];
    let mut cells: Vec<Cell> = Vec::new();
    for (id, &(rmin, rmax, cmin, cmax)) in regions.iter().enumerate() {
        let rect_ok = (rmin..=rmax).all(|r| (cmin..=cmax).all(|c| owner[r][c] == id));
        let (r1, c1) = if rect_ok { (rmax, cmax) } else { (rmin, cmin) };
        if (rmin..=r1).any(|r| (cmin..=c1).any(|c| taken[r][c])) {
            continue;
        }
        for row in taken.iter_mut().take(r1 + 1).skip(rmin) {
            for slot in row.iter_mut().take(c1 + 1).skip(cmin) {
                *slot = true;
            }
        }
        cells.push(Cell {
            row: rmin,
            col: cmin,
            rowspan: r1 - rmin + 1,
            colspan: c1 - cmin + 1,
            bbox: Rect {
                x0: xs[cmin],
                top: ys[rmin],
                x1: xs[c1 + 1],
                bottom: ys[r1 + 1],
            },
            text: String::new(),
            page,
        });
    }
    // Slots left over (from cut regions) become single cells.
    for r in 0..nr {
        for c in 0..nc {
            if !taken[r][c] {
                cells.push(Cell {
                    row: r,
                    col: c,
                    rowspan: 1,
                    colspan: 1,
                    bbox: Rect {
                        x0: xs[c],
                        top: ys[r],
                        x1: xs[c + 1],
                        bottom: ys[r + 1],
                    },
                    text: String::new(),
                    page,
                });
            }
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cells::join_lines;
    use gongkai_geom::{Glyph, UnicodeSource};

    fn glyph(t: &str, x: f64, y: f64) -> Glyph {
        Glyph {
            text: t.into(),
            bbox: Rect {
                x0: x,
                top: y,
                x1: x + 8.0,
                bottom: y + 10.0,
            },
            font: "F".into(),
            size: 10.0,
            upright: true,
            source: UnicodeSource::ToUnicode,
            confidence: None,
        }
    }

    /// A 3×3 grid whose top row is one merged cell, with open left/right borders.
    #[test]
    fn merged_header_and_open_borders() {
        let mut segs = vec![];
        for y in [0.0, 20.0, 40.0, 60.0] {
            segs.push(Segment::horizontal(y, 0.0, 300.0, 0.5));
        }
        // inner verticals only below the header row
        segs.push(Segment::vertical(100.0, 20.0, 60.0, 0.5));
        segs.push(Segment::vertical(200.0, 20.0, 60.0, 0.5));
        let glyphs = vec![
            glyph("收", 140.0, 5.0),
            glyph("入", 148.0, 5.0),
            glyph("A", 10.0, 25.0),
            glyph("9", 250.0, 45.0),
        ];
        let page = PageInput {
            page: 1,
            width: 600.0,
            height: 800.0,
            glyphs: &glyphs,
            segments: &segs,
        };
        let t = lattice_tables(&page, &TableOptions::default()).0;
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!((t.n_rows, t.n_cols), (3, 3));
        assert_eq!(t.grid()[0], vec![Some("收入".to_string()), None, None]);
        assert_eq!(t.grid()[1][0].as_deref(), Some("A"));
        assert_eq!(t.grid()[2][2].as_deref(), Some("9"));
        assert_eq!((t.cells[0].rowspan, t.cells[0].colspan), (1, 3));
    }

    #[test]
    fn two_tables_on_one_page_are_separate() {
        let mut segs = vec![];
        for (top, bottom) in [(0.0, 40.0), (100.0, 140.0)] {
            segs.push(Segment::horizontal(top, 0.0, 100.0, 0.5));
            segs.push(Segment::horizontal(bottom, 0.0, 100.0, 0.5));
            for x in [0.0, 50.0, 100.0] {
                segs.push(Segment::vertical(x, top, bottom, 0.5));
            }
        }
        let glyphs = vec![
            glyph("a", 10.0, 10.0),
            glyph("b", 60.0, 10.0),
            glyph("c", 10.0, 110.0),
            glyph("d", 60.0, 110.0),
        ];
        let page = PageInput {
            page: 1,
            width: 600.0,
            height: 800.0,
            glyphs: &glyphs,
            segments: &segs,
        };
        let t = lattice_tables(&page, &TableOptions::default()).0;
        assert_eq!(t.len(), 2);
        assert!(t.iter().all(|t| (t.n_rows, t.n_cols) == (1, 2)));
    }

    #[test]
    fn wrapped_lines_join_by_script() {
        assert_eq!(join_lines(["≥10 提高效", "率"].into_iter()), "≥10 提高效率");
        assert_eq!(
            join_lines(["Improved", "Speed"].into_iter()),
            "Improved Speed"
        );
        assert_eq!(join_lines(["1,234", ".56"].into_iter()), "1,234.56");
    }
}
