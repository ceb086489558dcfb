//! Rows of a borderless table as bands: which text lines of one column are the wrapped
//! lines of one cell.
//!
//! A row of a borderless table is a horizontal band. Cells of one line — every number,
//! code and short label — sit on the band's reference line; a cell whose text wraps over
//! several lines is a block of lines placed against that reference line the same way in
//! every row of the table: its middle on it (vertically centred cells, the usual
//! layout), its first line on it (top-aligned) or its last line on it (bottom-aligned).
//! Row pitch and text leading may be equal, so the spacing alone does not tell a cell's
//! second line from the next row; the placement does.
//!
//! [`wrap_decisions`] reads it so. A *chain* is a run of fragments of one column, each of
//! which may continue the text of the one above (the caller's test: text, aligned, the
//! upper line as wide as the column's text gets, at text leading). An *anchor* is a
//! fragment that can be in no chain: a single-line cell whose middle marks its band. Each
//! chain is cut into cells so that as many of its lines as possible lie in cells placed
//! against an anchor in another column: the cell's reference (middle, first or last
//! line) level with the anchor, no other line of the cell level with an anchor (that line
//! would be a row of its own). The placement is one for the whole table body, the one
//! that places most lines. A chain with no cell of several lines so placed gets no
//! decision here, except that two of its lines each level with a one-line cell of one
//! column beside them are two rows (a column holds one cell in a row). Before any of
//! this, a line centred on two lines of one cell beside it and linked to one line level
//! with a one-line cell is taken out of its chain: a one-line label centred on a wrapped
//! cell (a form set at text leading). A chain wholly in the header (above the first line holding a number)
//! is decided only where it is placed whole, as one cell, against single-line header
//! cells beside it (`事业单位经` / `营支出` centred on the line of `合计`, `基本支出`): a
//! header cell centred over several header rows is centred on them as a whole rather than
//! on single-line cells, and the caller's own rules decide it. Header cells are centred
//! whatever the body's placement (a body set at the top or bottom of its rows under a
//! centred header), and in the header a single-line cell that overlaps the one a block is
//! placed against without being level with it does not make a line of the block a row of
//! its own: two rows cannot overlap, so that cell is centred between rows (`收入项目` over
//! both header rows, level with the first line of `一般公共预算财` / `政拨款` beside `合计`)
//! — except that a header line under a text centred between two single-line cells level
//! with that line, one on each side and as many cells from it on either side, is a row of
//! its own, first of all: the text is a group heading over it and its neighbours
//! (`本年支出` over `合计 | 基本支出 | 项目支出`; centred over an odd run of sub-headings,
//! it is centred over the middle one too).

use crate::grid::Frag;
use crate::tolerances::Tolerances;

/// How a wrapped cell stands against its row's single-line cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placement {
    /// The block's middle on the row's line.
    Centre,
    /// The block's first line on the row's line.
    Top,
    /// The block's last line on the row's line.
    Bottom,
}

fn mid(f: &Frag) -> f64 {
    (f.top + f.bottom) / 2.0
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// For each fragment `b` with a link `pred[b] = Some(a)` (`b` may continue `a`'s text on
/// the next line, see the module docs), `Some(true)` when the two are lines of one cell,
/// `Some(false)` when not, `None` where the bands say nothing. `level` is how far apart
/// two middles may lie and still be level; `body_line` the first line of the body (the
/// first holding a number); `bracketed` marks fragments whose text is wholly in brackets
/// (`（%）`: a label's unit, on a line of its own under it).
pub(crate) fn wrap_decisions(
    frags: &[Frag],
    pred: &[Option<usize>],
    level: f64,
    body_line: usize,
    bracketed: &[bool],
) -> Vec<Option<bool>> {
    let n = frags.len();
    let mut out = vec![None; n];
    // A body line centred on two lines of one cell beside it (its middle on theirs, level
    // with neither), linked to one line only, level with a one-line cell beside it, is a one-line cell
    // centred on that cell's row (`年度绩效目标` beside a goal wrapped over two lines, over
    // `一级指标` of the next row): no line of a cell of its own.
    let mut linked = vec![false; n];
    for (b, p) in pred.iter().enumerate() {
        if let Some(a) = *p {
            linked[a] = true;
            linked[b] = true;
        }
    }
    let mut pred = pred.to_vec();
    // Level with a fragment beside it that can continue no other line and be continued
    // by none (a one-line cell).
    let level_beside = |k: usize| {
        frags.iter().enumerate().any(|(g, f)| {
            g != k
                && !linked[g]
                && !overlaps(f.cols, frags[k].cols)
                && (mid(f) - mid(&frags[k])).abs() <= level
        })
    };
    let centred_on_block = |pred: &[Option<usize>], k: usize| {
        let m = mid(&frags[k]);
        pred.iter().enumerate().any(|(y, p)| {
            p.is_some_and(|x| {
                let (fx, fy) = (&frags[x], &frags[y]);
                !overlaps(fx.cols, frags[k].cols)
                    && !overlaps(fy.cols, frags[k].cols)
                    && ((fx.top + fy.bottom) / 2.0 - m).abs() <= level
                    && (mid(fx) - m).abs() > level
                    && (mid(fy) - m).abs() > level
            })
        })
    };
    for k in 0..n {
        let below: Vec<usize> = (0..n).filter(|&b| pred[b] == Some(k)).collect();
        let partners: Vec<usize> = pred[k].into_iter().chain(below.iter().copied()).collect();
        if partners.len() != 1
            || frags[k].line < body_line
            || !partners.iter().all(|&p| level_beside(p))
            || !centred_on_block(&pred, k)
        {
            continue;
        }
        if pred[k].take().is_some() {
            out[k] = Some(false);
        }
        for b in below {
            pred[b] = None;
            out[b] = Some(false);
        }
    }
    // Each fragment's successor: the first fragment linking to it.
    let mut succ: Vec<Option<usize>> = vec![None; n];
    for (b, p) in pred.iter().enumerate() {
        if let Some(a) = *p {
            if succ[a].is_none() {
                succ[a] = Some(b);
            }
        }
    }
    let linked_from = |b: usize| pred[b].filter(|&a| succ[a] == Some(b));
    let in_chain: Vec<bool> = (0..n)
        .map(|k| succ[k].is_some() || linked_from(k).is_some())
        .collect();
    let anchors: Vec<usize> = (0..n).filter(|&k| !in_chain[k]).collect();
    // Chains, top to bottom.
    let chains: Vec<Vec<usize>> = (0..n)
        .filter(|&k| succ[k].is_some() && linked_from(k).is_none())
        .map(|head| {
            let mut chain = vec![head];
            while let Some(next) = chain.last().and_then(|&k| succ[k]) {
                chain.push(next);
            }
            chain
        })
        .collect();
    // A chain reaching the body is decided here (its first lines may stand in the
    // header: a header word over the first row's label of the same width).
    let is_body = |chain: &[usize]| chain.iter().any(|&k| frags[k].line >= body_line);
    let best = |chain: &[usize], p: Placement, exempt: bool| {
        best_cut(frags, chain, &anchors, p, level, exempt)
    };
    let placements = [Placement::Centre, Placement::Bottom, Placement::Top];
    let placement = placements
        .iter()
        .copied()
        .max_by_key(|&p| {
            // Ties go to the first (centre).
            let s: usize = chains
                .iter()
                .filter(|c| is_body(c))
                .map(|c| best(c, p, false).0)
                .sum();
            (s, std::cmp::Reverse(p as usize))
        })
        .unwrap_or(Placement::Centre);
    let whole = |cuts: &[bool]| !cuts.is_empty() && cuts.iter().all(|c| !c);
    for chain in &chains {
        if is_body(chain) {
            let (_, cuts) = best(chain, placement, false);
            if cuts.iter().any(|c| !c) {
                for (k, w) in chain.windows(2).enumerate() {
                    out[w[1]] = Some(!cuts[k]);
                }
            } else {
                // No cell of several lines placed: two lines each level with a one-line
                // cell beside them are two rows (a form set at text leading:
                // `按预算金额完成` beside `成本指标`, over `环境改善` beside `生态效益指标`),
                // unless the lower is the upper's unit in brackets (`资金支出计划` over
                // `（%）`, centred over a row of months and the row of their shares).
                // A column holding a one-line cell level with each is what makes them
                // two rows: a column holds one cell in a row (cells of one row set at
                // different heights, `资金拨付及时性` level with the first line of
                // `《关于加强预算` / `绩效管理的实施意见》`, `时效指标` with its second, are not).
                let placed = |k: usize| beside_level(frags, chain, &anchors, k, level);
                for w in chain.windows(2) {
                    let (upper, lower) = (placed(w[0]), placed(w[1]));
                    if upper.iter().any(|c| lower.contains(c)) && !bracketed[w[1]] {
                        out[w[1]] = Some(false);
                    }
                }
            }
            continue;
        }
        // In the header, only a chain placed whole as one cell against single-line
        // header cells beside it is decided (`事业单位经` / `营支出` centred on the line of
        // `合计`, `基本支出`): header cells centred over several header rows are not.
        // Header cells are set centred whatever the body's placement (a body set at the
        // top of its rows under a centred header).
        let mut tries = vec![placement];
        if placement != Placement::Centre {
            tries.push(Placement::Centre);
        }
        let placed = |exempt: bool| tries.iter().any(|&p| whole(&best(chain, p, exempt).1));
        // A header line under a text centred between single-line header cells level
        // with it, one on each side, is a sub-heading under a group heading
        // (`本年支出` over `合计 | 基本支出 | 项目支出`), not the last line of one cell —
        // unless the chain is placed whole with no cell centred between rows passed over.
        let group_heads: Vec<bool> = chain
            .windows(2)
            .map(|w| heads_group(frags, &anchors, w[0], w[1], level))
            .collect();
        if placed(false) || (!group_heads.contains(&true) && placed(true)) {
            for w in chain.windows(2) {
                out[w[1]] = Some(true);
            }
        } else {
            for (w, &heads) in chain.windows(2).zip(&group_heads) {
                if heads {
                    out[w[1]] = Some(false);
                }
            }
        }
    }
    out
}

/// The columns of the anchors (one-line cells) beside the chain's columns level with
/// fragment `k` of `chain`.
fn beside_level(
    frags: &[Frag],
    chain: &[usize],
    anchors: &[usize],
    k: usize,
    level: f64,
) -> Vec<(usize, usize)> {
    let cols = chain.iter().fold(frags[chain[0]].cols, |c, &j| {
        (c.0.min(frags[j].cols.0), c.1.max(frags[j].cols.1))
    });
    anchors
        .iter()
        .filter(|&&g| {
            !overlaps(frags[g].cols, cols) && (mid(&frags[g]) - mid(&frags[k])).abs() <= level
        })
        .map(|&g| frags[g].cols)
        .collect()
}

/// True when the header text `a`, over `b`, is centred (within a quarter of its size)
/// between two single-line cells (`anchors`) level with `b`, one wholly left of it and
/// one wholly right, as many such cells from `b` on either side (the first on each
/// side, or the second, …): a group heading over `b` and the sub-headings beside it.
fn heads_group(frags: &[Frag], anchors: &[usize], a: usize, b: usize, level: f64) -> bool {
    let (fa, fb) = (&frags[a], &frags[b]);
    let beside: Vec<&Frag> = anchors
        .iter()
        .map(|&g| &frags[g])
        .filter(|g| (mid(g) - mid(fb)).abs() <= level)
        .collect();
    let cx = |f: &Frag| (f.x0 + f.x1) / 2.0;
    let mut left: Vec<&Frag> = beside.iter().copied().filter(|p| p.x1 <= fb.x0).collect();
    let mut right: Vec<&Frag> = beside.iter().copied().filter(|q| q.x0 >= fb.x1).collect();
    // Nearest first: the heading stands over as many sub-headings left of `b` as right.
    left.sort_by(|p, q| q.x0.total_cmp(&p.x0));
    right.sort_by(|p, q| p.x0.total_cmp(&q.x0));
    left.iter()
        .zip(&right)
        .any(|(p, q)| ((cx(p) + cx(q)) / 2.0 - cx(fa)).abs() <= Tolerances::new(fa.size).centred())
}

/// The best cut of a chain into cells under a placement: the number of its lines in
/// cells placed against an anchor (one-line cells level with one included), and for each
/// link whether it is cut.
fn best_cut(
    frags: &[Frag],
    chain: &[usize],
    anchors: &[usize],
    p: Placement,
    level: f64,
    exempt: bool,
) -> (usize, Vec<bool>) {
    let m = chain.len();
    let cols = chain.iter().fold(frags[chain[0]].cols, |c, &k| {
        (c.0.min(frags[k].cols.0), c.1.max(frags[k].cols.1))
    });
    // Anchors beside the chain: middle and half height.
    let beside: Vec<(f64, f64)> = anchors
        .iter()
        .filter(|&&g| !overlaps(frags[g].cols, cols))
        .map(|&g| (mid(&frags[g]), (frags[g].bottom - frags[g].top) / 2.0))
        .collect();
    // A line level with an anchor would be a row of its own, unless (`exempt`: in the
    // header) that anchor overlaps the anchor the block is placed against without being level with it:
    // two rows cannot overlap, so such an anchor is a cell centred between rows (a header
    // cell spanning two header rows beside a two-line cell centred on the lower one).
    let level_with = |y: f64, placed_on: &[(f64, f64)]| {
        beside.iter().any(|&(a, h)| {
            (a - y).abs() <= level
                && !(exempt
                    && placed_on
                        .iter()
                        .any(|&(b, hb)| (a - b).abs() > level && (a - b).abs() < h + hb))
        })
    };
    // Lines i..=j of the chain as one cell: its line count when placed against an anchor
    // (a single line: when level with one).
    let block = |i: usize, j: usize| -> Option<usize> {
        let (first, last) = (&frags[chain[i]], &frags[chain[j]]);
        let (reference, on_line) = match p {
            Placement::Centre => {
                let k = j - i + 1;
                let y = (first.top + last.bottom) / 2.0;
                (y, (k % 2 == 1).then_some(i + k / 2))
            }
            Placement::Top => (mid(first), Some(i)),
            Placement::Bottom => (mid(last), Some(j)),
        };
        let placed_on: Vec<(f64, f64)> = beside
            .iter()
            .copied()
            .filter(|&(a, _)| (a - reference).abs() <= level && a >= first.top && a <= last.bottom)
            .collect();
        let clear = (i..=j)
            .filter(|&k| Some(k) != on_line)
            .all(|k| !level_with(mid(&frags[chain[k]]), &placed_on));
        (!placed_on.is_empty() && clear).then_some(j - i + 1)
    };
    // best[j]: (score, cells) over the first j lines; ties to more cells.
    let mut best: Vec<(usize, usize, usize)> = vec![(0, 0, 0); m + 1];
    for j in 1..=m {
        let single = block(j - 1, j - 1).unwrap_or(0);
        let mut choice = (best[j - 1].0 + single, best[j - 1].1 + 1, j - 1);
        for i in (0..j - 1).rev() {
            if let Some(s) = block(i, j - 1) {
                let cand = (best[i].0 + s, best[i].1 + 1, i);
                if cand.0 > choice.0 || (cand.0 == choice.0 && cand.1 > choice.1) {
                    choice = cand;
                }
            }
        }
        best[j] = choice;
    }
    let mut cuts = vec![true; m.saturating_sub(1)];
    let mut j = m;
    while j > 0 {
        let i = best[j].2;
        for c in cuts.iter_mut().take(j - 1).skip(i) {
            *c = false;
        }
        j = i;
    }
    (best[m].0, cuts)
}
