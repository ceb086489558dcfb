//! Multi-page tables: a table that continues at the top of the next page with the same
//! column edges becomes one logical table; a repeated header is dropped.

use crate::{Heading, Table};

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

/// Cell text without spaces and marks (an OCR'd header's specks: `合计，`).
fn bare(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation())
        .filter(|c| !matches!(c, '，' | '。' | '、' | '：' | '；' | '·'))
        .collect()
}

/// Two header cell texts that are one text read twice: equal once spaces and marks
/// are left out, or, from three characters on, of one length differing in at most one
/// character (a scanned header read twice: `政府性基金预算拨款收入` and
/// `政府性基金预算所款收入`, `预算数` and `所算数`).
fn same_header_text(a: &str, b: &str) -> bool {
    let (a, b) = (bare(a), bare(b));
    if a == b {
        return true;
    }
    a.len() == b.len() && a.len() >= 3 && a.iter().zip(&b).filter(|(x, y)| x != y).count() <= 1
}

/// Two rows that are one header row printed twice: cell for cell the same text (see
/// [`same_header_text`]), no figure among them, some text. Exact equality for a text
/// layer; a scan's reading of the same header differs by a character or a speck.
fn same_header_row(a: &[Option<String>], b: &[Option<String>]) -> bool {
    a.len() == b.len()
        && a.iter()
            .any(|c| c.as_deref().is_some_and(|s| !s.trim().is_empty()))
        && a.iter()
            .chain(b)
            .all(|c| !c.as_deref().is_some_and(is_number))
        && a.iter().zip(b).all(|(x, y)| {
            let (x, y) = (x.as_deref().unwrap_or(""), y.as_deref().unwrap_or(""));
            same_header_text(x, y)
        })
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

/// A number as printed in a data cell: `33,172.15`, `-3.5`, `12%`, `301`.
fn is_number(s: &str) -> bool {
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '，'))
        .collect();
    let t = t.trim_start_matches(['-', '+']).trim_end_matches('%');
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.matches('.').count() <= 1
}

/// A table of header rows only: at most three rows, some text, no number in any cell.
fn header_only(t: &Table) -> bool {
    t.n_rows <= 3
        && t.cells.iter().any(|c| !c.text.trim().is_empty())
        && !t.cells.iter().any(|c| is_number(&c.text))
}

/// Maps each column edge of the header fragment `head` to the nearest column edge of
/// `body`, when their outer edges agree and no two edges of `head` meet the same edge.
fn fragment_map(head: &Table, body: &Table) -> Option<Vec<usize>> {
    let (h0, h1) = (head.col_edges.first()?, head.col_edges.last()?);
    let (b0, b1) = (body.col_edges.first()?, body.col_edges.last()?);
    if (h0 - b0).abs() > EDGE_TOL || (h1 - b1).abs() > EDGE_TOL {
        return None;
    }
    let map: Vec<usize> = head
        .col_edges
        .iter()
        .map(|x| {
            (0..body.col_edges.len())
                .min_by(|&a, &b| {
                    (body.col_edges[a] - x)
                        .abs()
                        .total_cmp(&(body.col_edges[b] - x).abs())
                })
                .unwrap_or(0)
        })
        .collect();
    let ok = map.first() == Some(&0)
        && map.last() == Some(&(body.col_edges.len() - 1))
        && map.windows(2).all(|w| w[0] < w[1]);
    ok.then_some(map)
}

/// Puts the header fragment `head` (the foot of a page) over `body` (the top of the
/// next): its cells are placed over the body's columns by x-position, the body's rows
/// follow. `head` keeps its title, unit and caption, and takes the body's where it has
/// none.
fn join_under(head: &mut Table, body: Table, map: &[usize]) {
    for c in head.cells.iter_mut() {
        let (start, end) = (map[c.col], map[(c.col + c.colspan).min(map.len() - 1)]);
        c.col = start;
        c.colspan = end - start;
    }
    let offset = head.n_rows;
    head.cells.extend(body.cells.into_iter().map(|mut c| {
        c.row += offset;
        c
    }));
    head.n_rows += body.n_rows;
    head.n_cols = body.n_cols;
    head.col_edges = body.col_edges;
    head.row_pages.extend(body.row_pages);
    head.pages.extend(body.pages);
    head.unit = head.unit.take().or(body.unit);
    head.caption.extend(body.caption);
    if head.title.is_none() {
        head.title = body.title;
        head.title_page = body.title_page;
    }
    head.ends_page = body.ends_page;
}

/// The first text of a row (its label), when it is not a figure.
fn row_label(t: &Table, r: usize) -> Option<String> {
    row_texts(t, r)
        .into_iter()
        .flatten()
        .map(|s| s.trim().to_string())
        .find(|s| !s.is_empty())
        .filter(|s| !is_number(s))
}

/// Whether `t`, after the `k` rows it repeats, begins as `prev` began: its next rows carry
/// the labels of `prev`'s rows there, in order (`项目名称`, `主管部门`, `计划开始日期`), with
/// other contents. That is the next form of a series printed alike (one 绩效目标表 per
/// project), not a continuation: a continued table goes on with body rows, whose labels
/// are not those of its first rows.
fn starts_over(prev: &Table, t: &Table, k: usize) -> bool {
    let n = 3
        .min(t.n_rows.saturating_sub(k))
        .min(prev.n_rows.saturating_sub(k));
    n >= 2
        && (k..k + n).all(|r| row_label(t, r).is_some_and(|l| Some(l) == row_label(prev, r)))
        && (k..k + n).any(|r| row_texts(t, r) != row_texts(prev, r))
}

/// Merges continuation tables into the table they continue. `tables` must be in page
/// order (as produced page by page). A table continues the previous one when it is the
/// first table on the next page, has the same columns, and has no title of its own or
/// repeats the previous table's title, unit and caption lines (a report that prints its
/// heading on every page); a different caption (another unit's line) starts a new table.
///
/// The publisher's page break may part a table from its heading, in two ways:
/// - a title block at the foot of a page, under every table (`foot_heading`): it is the
///   heading of the first table of the next page when that table opens its page
///   (`lines_above` 0) with no title of its own; that table continues nothing.
/// - a table of header rows only ending its page: the untitled table opening the next
///   page, with the same outer edges, is its body; the header cells are placed over the
///   body's columns by x-position.
pub fn stitch_pages(tables: Vec<Table>) -> Vec<Table> {
    let feet: std::collections::BTreeMap<u32, Heading> = tables
        .iter()
        .filter_map(|t| t.foot_heading.clone().map(|h| (t.page, h)))
        .collect();
    let mut out: Vec<Table> = Vec::new();
    let mut seen_pages = std::collections::BTreeSet::new();
    for mut t in tables {
        let is_first = seen_pages.insert(t.page);
        let opens = is_first && t.title.is_none() && t.lines_above == 0;
        let carried = t.page.checked_sub(1).and_then(|p| feet.get(&p));
        if let Some(h) = carried.filter(|_| is_first) {
            if opens {
                t.title = h.title.clone();
                t.title_page = Some(h.page);
                t.unit = t.unit.or_else(|| h.unit.clone());
                t.caption = h.caption.iter().chain(&t.caption).cloned().collect();
            }
            out.push(t);
            continue;
        }
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
            let head = out.last_mut().filter(|h| {
                opens
                    && h.pages == [h.page]
                    && h.page + 1 == t.page
                    && h.ends_page
                    && header_only(h)
            });
            if let Some((head, map)) = head.and_then(|h| fragment_map(h, &t).map(|m| (h, m))) {
                join_under(head, t, &map);
            } else {
                out.push(t);
            }
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
            && (row_texts(&t, k) == row_texts(prev, k)
                && row_texts(&t, k)
                    .iter()
                    .any(|c| c.as_deref().is_some_and(|s| !s.is_empty()))
                || same_header_row(&row_texts(&t, k), &row_texts(prev, k)))
        {
            k += 1;
        }
        let mut head = k;
        if k == 0 {
            (k, head) = reshuffled_header(prev, &t);
        }
        if starts_over(prev, &t, k) {
            out.push(t);
            continue;
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
        let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
        ruled(page, &rows, title, &[10.0, 100.0, 200.0])
    }

    /// A table of single cells on `edges` (one more than the columns).
    fn ruled(page: u32, rows: &[&[&str]], title: Option<&str>, edges: &[f64]) -> Table {
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
            title_page: None,
            unit: None,
            caption: vec![],
            n_rows: rows.len(),
            n_cols: edges.len() - 1,
            cells,
            row_pages: vec![page; rows.len()],
            col_edges: edges.to_vec(),
            header_rows: 0,
            lines_below: 0,
            lines_above: 0,
            ends_page: false,
            foot_heading: None,
        }
    }

    #[test]
    fn a_header_read_twice_from_a_scan_is_repeated() {
        // Tuning seed 1 p.4-5 and p.6-7: the repeated header read with a speck and a
        // wrong character.
        let a = ruled(
            4,
            &[
                &["科目编码", "合计，", "政府性基金预算拨款收入"],
                &["205", "2529.42", "61.61"],
            ],
            Some("收入总表"),
            &[10.0, 100.0, 200.0, 300.0],
        );
        let b = ruled(
            5,
            &[
                &["科目编码", "合计", "政府性基金预算所款收入"],
                &["221", "215.47", ""],
            ],
            None,
            &[10.0, 100.0, 200.0, 300.0],
        );
        let out = stitch_pages(vec![a.clone(), b]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].n_rows, 3);
        // Two characters off, or a row of figures: not the header.
        let c = ruled(
            5,
            &[
                &["科目编码", "合计", "政府性基金预算所款支入"],
                &["221", "215.47", ""],
            ],
            None,
            &[10.0, 100.0, 200.0, 300.0],
        );
        assert_eq!(stitch_pages(vec![a.clone(), c])[0].n_rows, 4);
        assert!(!same_header_row(
            &[Some("205".into()), Some("2529.42".into())],
            &[Some("205".into()), Some("2529.42".into())]
        ));
        assert!(!same_header_text("合计", "小计"));
        assert!(same_header_text("预算数", "所算数"));
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
    fn the_next_form_of_a_series_is_not_a_continuation() {
        // One form per page, its title inside the frame: the title rows repeat, then the
        // form starts over with the same labels for another project.
        let form = |page, name, amount| {
            table(
                page,
                &[
                    ["绩效目标表", ""],
                    ["项目名称", name],
                    ["主管部门", "某局"],
                    ["项目资金", amount],
                ],
                None,
            )
        };
        let out = stitch_pages(vec![
            form(32, "就业援助补贴", "6.00"),
            form(33, "社区环境整治经费", "4.00"),
        ]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].pages, vec![33]);
        // A continuation whose body goes on under the repeated rows is still one table.
        let a = table(5, &[["项目", "金额"], ["工资", "1.00"]], None);
        let b = table(
            6,
            &[["项目", "金额"], ["福利", "2.00"], ["合计", "3.00"]],
            None,
        );
        assert_eq!(stitch_pages(vec![a, b]).len(), 1);
    }

    #[test]
    fn titled_table_on_next_page_is_separate() {
        let a = table(3, &[["项目", "金额"]], Some("甲表"));
        let b = table(4, &[["项目", "金额"]], Some("乙表"));
        assert_eq!(stitch_pages(vec![a, b]).len(), 2);
    }

    fn heading(page: u32, title: &str) -> Heading {
        Heading {
            page,
            title: Some(title.to_string()),
            unit: Some("万元".to_string()),
            caption: vec!["部门：某局".to_string()],
        }
    }

    #[test]
    fn title_block_at_the_foot_heads_the_next_page() {
        let mut a = table(3, &[["项目", "金额"], ["201", "1.00"]], Some("甲表"));
        a.foot_heading = Some(heading(3, "乙表"));
        // Same columns, no title: without the heading left on p.3 it would continue 甲表.
        let mut b = table(4, &[["科目", "金额"], ["301", "2.00"]], None);
        b.caption = vec!["编制单位：某处".to_string()];
        let out = stitch_pages(vec![a.clone(), b.clone()]);
        assert_eq!(out.len(), 2);
        let t = &out[1];
        assert_eq!(t.title.as_deref(), Some("乙表"));
        assert_eq!((t.page, t.title_page), (4, Some(3)));
        assert_eq!(t.unit.as_deref(), Some("万元"));
        assert_eq!(t.caption, ["部门：某局", "编制单位：某处"]);
        assert_eq!(t.n_rows, 2);
        // Its own unit stays.
        let mut own = b.clone();
        own.unit = Some("元".to_string());
        assert_eq!(
            stitch_pages(vec![a.clone(), own])[1].unit.as_deref(),
            Some("元")
        );
        // A table that does not open its page (text above it) takes no heading, and
        // still continues nothing.
        let mut low = b.clone();
        low.lines_above = 1;
        let out = stitch_pages(vec![a.clone(), low]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].title, None);
        // Nor does a titled one, nor a table two pages on.
        let titled = table(4, &[["科目", "金额"]], Some("丙表"));
        assert_eq!(
            stitch_pages(vec![a.clone(), titled])[1].title.as_deref(),
            Some("丙表")
        );
        let later = table(5, &[["科目", "金额"]], None);
        assert_eq!(stitch_pages(vec![a, later])[1].title, None);
    }

    #[test]
    fn header_fragment_ending_its_page_is_put_over_the_body() {
        let mut head = table(10, &[["收入", "支出"]], Some("四、收支总表"));
        head.unit = Some("万元".to_string());
        head.ends_page = true;
        head.col_edges = vec![61.8, 293.7, 537.3];
        let edges = [61.8, 190.0, 293.7, 438.1, 537.3];
        let body = ruled(
            11,
            &[
                &["项目名称", "金额", "项目名称", "金额"],
                &["一、一般公共预算", "33,172.15", "一、基本支出", "18,570.82"],
            ],
            None,
            &edges,
        );
        let out = stitch_pages(vec![head.clone(), body.clone()]);
        assert_eq!(out.len(), 1);
        let t = &out[0];
        assert_eq!(t.title.as_deref(), Some("四、收支总表"));
        assert_eq!(t.unit.as_deref(), Some("万元"));
        assert_eq!((t.pages.clone(), t.n_rows, t.n_cols), (vec![10, 11], 3, 4));
        assert_eq!(t.row_pages, [10, 11, 11]);
        assert_eq!(t.col_edges, edges);
        let spans: Vec<(&str, usize, usize, usize)> = t
            .cells
            .iter()
            .filter(|c| c.row == 0)
            .map(|c| (c.text.as_str(), c.col, c.colspan, c.page as usize))
            .collect();
        assert_eq!(spans, [("收入", 0, 2, 10), ("支出", 2, 2, 10)]);
        assert_eq!(t.grid()[2][1].as_deref(), Some("33,172.15"));

        // Each condition broken in turn keeps the two apart.
        let mut numbered = head.clone();
        numbered.cells[1].text = "33,172.15".to_string();
        let mut not_last = head.clone();
        not_last.ends_page = false;
        let mut narrower = head.clone();
        narrower.col_edges = vec![61.8, 293.7, 500.0];
        let mut deep = head.clone();
        deep.n_rows = 4;
        for h in [numbered, not_last, narrower, deep] {
            assert_eq!(stitch_pages(vec![h, body.clone()]).len(), 2);
        }
        let mut titled = body.clone();
        titled.title = Some("五、支出表".to_string());
        let mut low = body.clone();
        low.lines_above = 1;
        let mut later = body.clone();
        later.page = 12;
        later.pages = vec![12];
        for b in [titled, low, later] {
            assert_eq!(stitch_pages(vec![head.clone(), b]).len(), 2);
        }
    }
}
