//! Rulings as evidence, not as the grid (issue 18, bar 2): inside a ruled region, the
//! text's lines and white corridors still part rows and columns the rules leave joined.

use gongkai_geom::{Glyph, Rect, Segment, UnicodeSource};
use gongkai_table::{extract_tables, PageInput, TableOptions};

/// Glyphs for `s` spread evenly over `x0..x1`, one 8.9 pt line from `top`.
fn text(out: &mut Vec<Glyph>, s: &str, x0: f64, top: f64, x1: f64) {
    let n = s.chars().count().max(1) as f64;
    let w = (x1 - x0) / n;
    for (i, ch) in s.chars().enumerate() {
        if ch == ' ' {
            continue;
        }
        let a = x0 + w * i as f64;
        out.push(Glyph {
            text: ch.to_string(),
            bbox: Rect {
                x0: a,
                top,
                x1: a + w,
                bottom: top + 9.3,
            },
            font: "F".into(),
            size: 8.9,
            upright: true,
            source: UnicodeSource::ToUnicode,
            confidence: None,
        });
    }
}

/// ICDAR 2013 us-035 p.3, cut down: three groups of `Age | Total population`, ruled above
/// and below the header and at the bottom, with vertical rules between the groups only.
/// The body is one ruled cell per group holding a line per age (eight in the first two
/// groups, six in the last), each a label and its number. Each line is a row, and each
/// group's label and number are two columns.
#[test]
fn rows_and_columns_inside_one_ruled_cell_per_group() {
    let mut g = Vec::new();
    let groups = [(74.4, 176.2, 8), (234.0, 310.1, 8), (369.1, 454.6, 6)];
    for (k, &(label_x, total_x, n)) in groups.iter().enumerate() {
        text(&mut g, "Age", label_x, 101.0, label_x + 21.3);
        text(&mut g, "Total", total_x, 101.0, total_x + 26.6);
        text(&mut g, "population", total_x - 13.2, 111.0, total_x + 40.0);
        for i in 0..n {
            let age = 40 * k + i;
            let top = 123.0 + 12.0 * i as f64;
            let label = format!("{age} years");
            text(&mut g, &label, label_x, top, label_x + 42.6);
            let number = format!("{},{:03}", 3 - k, 100 + 37 * i);
            text(&mut g, &number, total_x + 2.4, top, total_x + 37.4);
        }
    }
    let bottom = 123.0 + 12.0 * 8.0 + 2.0;
    let segments = vec![
        Segment::horizontal(98.8, 72.0, 504.2, 1.2),
        Segment::horizontal(119.9, 72.0, 504.2, 1.2),
        Segment::horizontal(bottom, 72.0, 504.2, 1.2),
        Segment::vertical(226.2, 98.2, bottom, 2.2),
        Segment::vertical(361.1, 98.2, bottom, 2.2),
    ];
    let page = PageInput {
        page: 1,
        width: 612.0,
        height: 792.0,
        glyphs: &g,
        segments: &segments,
    };
    let t = extract_tables(&page, &TableOptions::default());
    assert_eq!(t.len(), 1);
    let t = &t[0];
    let grid = t.grid();
    assert_eq!((t.n_rows, t.n_cols), (9, 6), "{grid:?}");
    let row = |r: usize| -> Vec<String> {
        grid[r]
            .iter()
            .map(|c| c.clone().unwrap_or_default())
            .collect()
    };
    assert_eq!(
        row(1),
        ["0 years", "3,100", "40 years", "2,100", "80 years", "1,100"]
    );
    assert_eq!(
        row(6),
        ["5 years", "3,285", "45 years", "2,285", "85 years", "1,285"]
    );
    assert_eq!(row(8), ["7 years", "3,359", "47 years", "2,359", "", ""]);
}

/// A fully ruled row of a contracts list (tabula-java's
/// Publication_of_award_of_Bids_for_Transport_Sector, contract 2): the description and
/// the contractor wrap over three lines, the amount cell holds two amounts (the first
/// and last lines) and the currency cell their currencies. The number cell has no line in
/// the middle band: the lines are wrapped text, and the row stays one row.
#[test]
fn wrapped_cells_beside_a_cell_of_two_numbers_stay_one_row() {
    let mut g = Vec::new();
    for (s, x0, top, x1) in [
        ("Serial", 72.0, 101.0, 102.0),
        ("Description", 132.0, 101.0, 190.0),
        ("Contractor", 232.0, 101.0, 282.0),
        ("Amount", 332.0, 101.0, 366.0),
        ("Currency", 402.0, 101.0, 444.0),
        ("1", 80.0, 123.0, 85.0),
        ("Procurement of buses", 132.0, 123.0, 222.0),
        ("Western Centre", 232.0, 123.0, 302.0),
        ("214,885.63", 332.0, 123.0, 380.0),
        ("GHS", 402.0, 123.0, 420.0),
        ("2", 80.0, 145.0, 85.0),
        ("Procurement of 9No.", 132.0, 145.0, 222.0),
        ("Japan Motors", 232.0, 145.0, 292.0),
        ("62,785,105", 332.0, 145.0, 380.0),
        ("¥Japan", 402.0, 145.0, 432.0),
        ("Cross country (4x4),", 132.0, 155.0, 222.0),
        ("Trading Company", 232.0, 155.0, 312.0),
        ("5No Mid-Range", 132.0, 165.0, 202.0),
        ("Limited", 232.0, 165.0, 267.0),
        ("11,200", 332.0, 165.0, 362.0),
        ("US$", 402.0, 165.0, 420.0),
    ] {
        text(&mut g, s, x0, top, x1);
    }
    let xs = [70.0, 128.0, 228.0, 328.0, 398.0, 460.0];
    let ys = [98.0, 120.0, 142.0, 177.0];
    let mut segments: Vec<Segment> = ys
        .iter()
        .map(|&y| Segment::horizontal(y, xs[0], xs[5], 1.0))
        .collect();
    segments.extend(xs.iter().map(|&x| Segment::vertical(x, ys[0], ys[3], 1.0)));
    let page = PageInput {
        page: 1,
        width: 612.0,
        height: 792.0,
        glyphs: &g,
        segments: &segments,
    };
    let t = extract_tables(&page, &TableOptions::default());
    assert_eq!(t.len(), 1);
    let t = &t[0];
    let grid = t.grid();
    assert_eq!((t.n_rows, t.n_cols), (3, 5), "{grid:?}");
    assert_eq!(
        grid[2][1].as_deref(),
        Some("Procurement of 9No. Cross country (4x4), 5No Mid-Range"),
        "{grid:?}"
    );
}

/// ICDAR 2013 eu-018 p.1, cut down: the header is ruled into columns, each body row is
/// one ruled cell across the table. Rows whose texts fill every column show where the
/// columns are; a row whose last columns hold only dashes (no text run of their own) is
/// cut at those columns too, not left as `1.1 - - -` in one cell.
#[test]
fn a_body_row_with_dashes_is_cut_where_the_other_rows_are() {
    let mut g = Vec::new();
    let xs = [70.0, 140.0, 190.0, 240.0, 290.0, 340.0];
    let rows: [(f64, [&str; 5]); 4] = [
        (101.0, ["Country", "2007", "2006", "2005", "2004"]),
        (123.0, ["Germany", "123", "290", "391", "454"]),
        (145.0, ["Netherlands", "269", "397", "389", "287"]),
        (167.0, ["Austria", "109", "1.1", "-", "-"]),
    ];
    for (top, texts) in rows {
        for (k, s) in texts.iter().enumerate() {
            let x0 = xs[k] + 4.0;
            text(&mut g, s, x0, top, x0 + 5.0 * s.chars().count() as f64);
        }
    }
    let ys = [98.0, 120.0, 142.0, 164.0, 186.0];
    let mut segments: Vec<Segment> = ys
        .iter()
        .map(|&y| Segment::horizontal(y, xs[0], xs[5], 1.0))
        .collect();
    // Verticals: the outer frame everywhere, the inner ones in the header only.
    segments.push(Segment::vertical(xs[0], ys[0], ys[4], 1.0));
    segments.push(Segment::vertical(xs[5], ys[0], ys[4], 1.0));
    for &x in &xs[1..5] {
        segments.push(Segment::vertical(x, ys[0], ys[1], 1.0));
    }
    let page = PageInput {
        page: 1,
        width: 612.0,
        height: 792.0,
        glyphs: &g,
        segments: &segments,
    };
    let t = extract_tables(&page, &TableOptions::default());
    assert_eq!(t.len(), 1);
    let t = &t[0];
    let grid = t.grid();
    assert_eq!((t.n_rows, t.n_cols), (4, 5), "{grid:?}");
    let row = |r: usize| -> Vec<String> {
        grid[r]
            .iter()
            .map(|c| c.clone().unwrap_or_default())
            .collect()
    };
    assert_eq!(row(1), ["Germany", "123", "290", "391", "454"]);
    assert_eq!(row(3), ["Austria", "109", "1.1", "-", "-"]);
}

/// A fully ruled row whose first cell lists three items, each a name and a share in
/// brackets (`Prima (3.3%)`), beside a paragraph of three lines (the kind of row the
/// plain-number guard was added for, ICDAR 2013 eu-007; the texts here are made up). The shares are no plain numbers (a bracket, a name before): the first cell
/// is no column of numbers, so its lines do not make rows, and the paragraph stays one
/// cell.
#[test]
fn a_list_of_shares_in_brackets_beside_a_paragraph_stays_one_row() {
    let mut g = Vec::new();
    text(&mut g, "Programme", 80.0, 101.0, 130.0);
    text(&mut g, "Description", 250.0, 101.0, 305.0);
    for (i, (item, line)) in [
        (
            "Prima (3.3%)",
            "Support for small firms in the regions, paid",
        ),
        (
            "Secunda (2.5%)",
            "over three years against the agreed plan and",
        ),
        (
            "Tertia (1.2%)",
            "reviewed each year by the managing authority.",
        ),
    ]
    .iter()
    .enumerate()
    {
        let top = 123.0 + 11.0 * i as f64;
        text(&mut g, item, 80.0, top, 80.0 + 5.0 * item.len() as f64);
        text(&mut g, line, 200.0, top, 200.0 + 4.6 * line.len() as f64);
    }
    let bottom = 123.0 + 11.0 * 3.0 + 2.0;
    let segments = vec![
        Segment::horizontal(98.8, 72.0, 420.0, 1.0),
        Segment::horizontal(119.9, 72.0, 420.0, 1.0),
        Segment::horizontal(bottom, 72.0, 420.0, 1.0),
        Segment::vertical(72.0, 98.8, bottom, 1.0),
        Segment::vertical(190.0, 98.8, bottom, 1.0),
        Segment::vertical(420.0, 98.8, bottom, 1.0),
    ];
    let page = PageInput {
        page: 1,
        width: 612.0,
        height: 792.0,
        glyphs: &g,
        segments: &segments,
    };
    let t = extract_tables(&page, &TableOptions::default());
    assert_eq!(t.len(), 1);
    let t = &t[0];
    let grid = t.grid();
    assert_eq!((t.n_rows, t.n_cols), (2, 2), "{grid:?}");
    assert_eq!(
        grid[1][0].as_deref(),
        Some("Prima (3.3%) Secunda (2.5%) Tertia (1.2%)"),
        "{grid:?}"
    );
}
