//! Pages built to make table detection slow: a dense ruling grid is refused by
//! `Limits::max_grid_cells` with a page warning, a large grid under it is read in time
//! near-linear in its cells and glyphs, and a passed deadline stops detection early.

use std::time::{Duration, Instant};

use gongkai_geom::{Glyph, Rect, Segment, UnicodeSource};
use gongkai_table::{find_tables, Limits, PageInput, TableOptions};

fn glyph(t: &str, x: f64, y: f64) -> Glyph {
    Glyph {
        text: t.into(),
        bbox: Rect {
            x0: x,
            top: y,
            x1: x + 4.0,
            bottom: y + 6.0,
        },
        font: "F".into(),
        size: 6.0,
        upright: true,
        source: UnicodeSource::ToUnicode,
        confidence: None,
    }
}

/// `n + 1` horizontal and `n + 1` vertical full-length rules 10 pt apart, and (with
/// `text`) a digit in each of the `n × n` cells.
fn grid(n: usize, text: bool) -> (Vec<Segment>, Vec<Glyph>) {
    let side = n as f64 * 10.0;
    let mut segs = Vec::new();
    for i in 0..=n {
        let p = i as f64 * 10.0;
        segs.push(Segment::horizontal(p, 0.0, side, 0.5));
        segs.push(Segment::vertical(p, 0.0, side, 0.5));
    }
    let mut glyphs = Vec::new();
    if text {
        for r in 0..n {
            for c in 0..n {
                let d = ((r + c) % 10).to_string();
                glyphs.push(glyph(&d, c as f64 * 10.0 + 3.0, r as f64 * 10.0 + 2.0));
            }
        }
    }
    (segs, glyphs)
}

fn page<'a>(n: usize, segs: &'a [Segment], glyphs: &'a [Glyph]) -> PageInput<'a> {
    PageInput {
        page: 1,
        width: n as f64 * 10.0,
        height: n as f64 * 10.0,
        glyphs,
        segments: segs,
    }
}

/// 2,001 + 2,001 rulings 10 pt apart on a 20,000 pt page (4 million grid cells) kept
/// table detection busy for minutes; now the page is refused at once with a warning.
#[test]
fn dense_ruling_grid_is_refused_with_a_warning() {
    let (segs, glyphs) = grid(2_000, false);
    let started = Instant::now();
    let found = find_tables(&page(2_000, &segs, &glyphs), None, &TableOptions::default());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(found.tables.is_empty());
    assert_eq!(
        found.warnings,
        vec![
            "limit: the page's rulings (2001 horizontal × 2001 vertical) could form more than \
             100000 grid cells; no ruled table was read on it"
                .to_string()
        ]
    );
}

/// A 315 × 315 grid with a digit in every cell (316 × 316 rules, under the bound; 99,225
/// cells and glyphs) is read whole and right in a second or two; the cell lookups used
/// to scan every rule and every cell for each slot and glyph (58 s for a 316 × 316 page
/// through `gongkai tables` before).
#[test]
fn large_grid_with_text_is_read_in_time() {
    let n = 315;
    let (segs, glyphs) = grid(n, true);
    let started = Instant::now();
    let found = find_tables(&page(n, &segs, &glyphs), None, &TableOptions::default());
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );
    assert!(found.warnings.is_empty());
    assert_eq!(found.tables.len(), 1);
    let t = &found.tables[0];
    assert_eq!((t.n_rows, t.n_cols), (n, n));
    let g = t.grid();
    for (r, row) in g.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            assert_eq!(cell.as_deref(), Some(((r + c) % 10).to_string().as_str()));
        }
    }
}

/// 5,000 lines of three aligned texts and no rulings: a region far larger than any table
/// is not read as one (finding its columns and rows takes time quadratic in its texts:
/// 4,000 such lines took 1.5 s, 20,000 about 40 s), with a warning.
#[test]
fn very_long_aligned_region_is_refused_with_a_warning() {
    let mut glyphs = Vec::new();
    for r in 0..5_000 {
        let y = r as f64 * 8.0;
        for (x, t) in [(10.0, "a"), (14.0, "b"), (100.0, "1"), (200.0, "2")] {
            glyphs.push(glyph(t, x, y));
        }
    }
    let p = PageInput {
        page: 1,
        width: 300.0,
        height: 40_100.0,
        glyphs: &glyphs,
        segments: &[],
    };
    let started = Instant::now();
    let found = find_tables(&p, None, &TableOptions::default());
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert!(found.tables.is_empty());
    assert_eq!(
        found.warnings,
        vec![
            "limit: a region of 5000 aligned text lines holding 15000 texts (more than 5000) \
             was not read as a table"
                .to_string()
        ]
    );
    // The same shape, 40 lines long, is a table.
    let short = PageInput {
        glyphs: &glyphs[..160],
        ..p
    };
    let found = find_tables(&short, None, &TableOptions::default());
    assert!(found.warnings.is_empty());
    assert_eq!(found.tables.len(), 1);
    assert_eq!(found.tables[0].n_rows, 40);
}

/// A raised bound lets the same page through: the bound, not the shape, refused it.
#[test]
fn the_grid_bound_is_a_setting() {
    let (segs, glyphs) = grid(40, true);
    let small = TableOptions {
        limits: Limits {
            max_grid_cells: 41 * 41 - 1,
            ..Limits::default()
        },
        ..TableOptions::default()
    };
    let p = page(40, &segs, &glyphs);
    assert_eq!(find_tables(&p, None, &small).warnings.len(), 1);
    let found = find_tables(&p, None, &TableOptions::default());
    assert!(found.warnings.is_empty());
    assert_eq!(found.tables.len(), 1);
}

/// Once the deadline has passed, detection returns early (here: nothing) and the caller,
/// who set the deadline, reports the timeout.
#[test]
fn passed_deadline_stops_detection() {
    let (segs, glyphs) = grid(40, true);
    let p = page(40, &segs, &glyphs);
    let past = TableOptions {
        deadline: Some(Instant::now() - Duration::from_millis(1)),
        ..TableOptions::default()
    };
    assert!(find_tables(&p, None, &past).tables.is_empty());
    let later = TableOptions {
        deadline: Some(Instant::now() + Duration::from_secs(600)),
        ..TableOptions::default()
    };
    assert_eq!(find_tables(&p, None, &later).tables.len(), 1);
}
