//! Multi-page tables: a table that continues at the top of the next page with the same
//! column edges becomes one logical table; a repeated header is dropped.

use crate::Table;

/// Column edges match when every edge is within this many points.
const EDGE_TOL: f64 = 3.0;

/// Maps each column edge of `b` to the index of the matching edge of `a`, when `b`'s
/// edges are a subset of `a`'s with the same outer edges (a spilled 合计 row whose code
/// cells are merged has fewer rules than the table it ends).
fn edge_map(a: &Table, b: &Table) -> Option<Vec<usize>> {
    let map: Option<Vec<usize>> = b
        .col_edges
        .iter()
        .map(|x| a.col_edges.iter().position(|y| (x - y).abs() <= EDGE_TOL))
        .collect();
    let map = map?;
    let ok = map.first() == Some(&0)
        && map.last() == Some(&(a.col_edges.len() - 1))
        && map.windows(2).all(|w| w[0] < w[1]);
    ok.then_some(map)
}

fn row_texts(t: &Table, r: usize) -> Vec<Option<String>> {
    t.grid().get(r).cloned().unwrap_or_default()
}

/// The non-empty cell texts of the first `k` rows, sorted.
fn head_texts(t: &Table, k: usize) -> Vec<String> {
    let mut v: Vec<String> = (0..k)
        .flat_map(|r| row_texts(t, r))
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    v.sort();
    v
}

/// A repeated header cut into rows another way (a header of lines set at offsets, read
/// from an image, falls into rows differently on each page): the continuation's first
/// `k` rows hold the same cell texts as the table's first `head` rows, both at most 4
/// and at least two texts. Returns `(k, head)`, the largest such `k`, or `(0, 0)`.
fn reshuffled_header(prev: &Table, t: &Table) -> (usize, usize) {
    let mut best = (0, 0);
    for k in 1..=t.n_rows.min(4) {
        let mine = head_texts(t, k);
        if mine.len() < 2 {
            continue;
        }
        if let Some(head) = (1..=prev.n_rows.min(4)).find(|&h| head_texts(prev, h) == mine) {
            best = (k, head);
        }
    }
    best
}

/// Merges continuation tables into the table they continue. `tables` must be in page
/// order (as produced page by page). A table continues the previous one when it is the
/// first table on the next page, has the same columns, and has no title of its own or
/// repeats the previous table's title, unit and caption lines (a report that prints its
/// heading on every page); a different caption (another unit's line) starts a new table.
pub fn stitch_pages(tables: Vec<Table>) -> Vec<Table> {
    let mut out: Vec<Table> = Vec::new();
    let mut first_on_page = std::collections::BTreeSet::new();
    for t in &tables {
        first_on_page.insert(t.page);
    }
    let mut seen_pages = std::collections::BTreeSet::new();
    for t in tables {
        let is_first = seen_pages.insert(t.page);
        let continues = match out.last() {
            Some(prev) => {
                let repeated_heading = t.title.is_some()
                    && t.title == prev.title
                    && t.unit == prev.unit
                    && t.caption == prev.caption;
                is_first
                    && t.page == prev.pages.last().copied().unwrap_or(0) + 1
                    && (t.title.is_none() || repeated_heading)
                    && edge_map(prev, &t).is_some()
            }
            None => false,
        };
        if !continues {
            out.push(t);
            continue;
        }
        let Some(prev) = out.last_mut() else { continue };
        let Some(map) = edge_map(prev, &t) else {
            continue;
        };
        // Repeated header: the continuation's first k rows equal the table's first k rows.
        let mut k = 0;
        while k < t.n_rows
            && k < prev.n_rows
            && k < 4
            && row_texts(&t, k) == row_texts(prev, k)
            && row_texts(&t, k)
                .iter()
                .any(|c| c.as_deref().is_some_and(|s| !s.is_empty()))
        {
            k += 1;
        }
        let mut head = k;
        if k == 0 {
            (k, head) = reshuffled_header(prev, &t);
        }
        if k == t.n_rows {
            continue;
        }
        let offset = prev.n_rows;
        for c in t.cells.into_iter().filter(|c| c.row >= k) {
            let mut c = c;
            c.row = c.row - k + offset;
            let (start, end) = (map[c.col], map[(c.col + c.colspan).min(map.len() - 1)]);
            c.col = start;
            c.colspan = end - start;
            prev.cells.push(c);
        }
        prev.row_pages
            .extend(std::iter::repeat_n(t.page, t.n_rows - k));
        prev.n_rows += t.n_rows - k;
        prev.pages.push(t.page);
        prev.header_rows = prev.header_rows.max(head);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cell, Method};
    use gongkai_geom::Rect;

    fn table(page: u32, rows: &[[&str; 2]], title: Option<&str>) -> Table {
        let cells = rows
            .iter()
            .enumerate()
            .flat_map(|(r, row)| {
                row.iter().enumerate().map(move |(c, t)| Cell {
                    row: r,
                    col: c,
                    rowspan: 1,
                    colspan: 1,
                    bbox: Rect::default(),
                    text: t.to_string(),
                    page,
                })
            })
            .collect();
        Table {
            page,
            pages: vec![page],
            bbox: Rect::default(),
            method: Method::Lattice,
            title: title.map(String::from),
            unit: None,
            caption: vec![],
            n_rows: rows.len(),
            n_cols: 2,
            cells,
            row_pages: vec![page; rows.len()],
            col_edges: vec![10.0, 100.0, 200.0],
            header_rows: 0,
            lines_below: 0,
        }
    }

    #[test]
    fn continuation_with_repeated_header_is_merged() {
        let a = table(3, &[["项目", "金额"], ["201", "1.00"]], Some("支出表"));
        let b = table(
            4,
            &[["项目", "金额"], ["205", "2.00"], ["合计", "3.00"]],
            None,
        );
        let out = stitch_pages(vec![a, b]);
        assert_eq!(out.len(), 1);
        let t = &out[0];
        assert_eq!(t.pages, vec![3, 4]);
        assert_eq!(t.n_rows, 4);
        assert_eq!(t.header_rows, 1);
        assert_eq!(
            t.grid()[3],
            vec![Some("合计".to_string()), Some("3.00".to_string())]
        );
        assert_eq!(t.row_pages, vec![3, 3, 4, 4]);
    }

    #[test]
    fn spilled_total_row_with_merged_cells_joins_its_table() {
        let mut a = table(19, &[["项目", "金额"], ["201", "1.00"]], Some("支出表"));
        a.n_cols = 3;
        a.col_edges = vec![10.0, 50.0, 100.0, 200.0];
        for c in a.cells.iter_mut() {
            if c.col == 1 {
                c.col = 2;
            }
        }
        let b = table(20, &[["合计", "1.00"]], None);
        let out = stitch_pages(vec![a, b]);
        assert_eq!(out.len(), 1);
        let last = out[0]
            .cells
            .iter()
            .find(|c| c.row == 2 && c.col == 0)
            .expect("合计 cell");
        assert_eq!((last.text.as_str(), last.colspan), ("合计", 2));
        assert_eq!(out[0].pages, vec![19, 20]);
    }

    #[test]
    fn continuation_repeating_the_heading_is_merged() {
        let a = table(
            12,
            &[["品目", "总计"], ["合计", "3.00"]],
            Some("采购预算表"),
        );
        let b = table(
            13,
            &[["品目", "总计"], ["服务", "2.00"]],
            Some("采购预算表"),
        );
        let out = stitch_pages(vec![a, b]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].pages, vec![12, 13]);
        assert_eq!(out[0].n_rows, 3);
        let mut c = table(13, &[["品目", "总计"]], Some("采购预算表"));
        c.caption = vec!["203001 某单位".to_string()];
        let a = table(12, &[["品目", "总计"]], Some("采购预算表"));
        assert_eq!(
            stitch_pages(vec![a, c]).len(),
            2,
            "another unit's table with the same title"
        );
    }

    #[test]
    fn titled_table_on_next_page_is_separate() {
        let a = table(3, &[["项目", "金额"]], Some("甲表"));
        let b = table(4, &[["项目", "金额"]], Some("乙表"));
        assert_eq!(stitch_pages(vec![a, b]).len(), 2);
    }
}
