//! Runs table reconstruction on a page's glyphs read from JSON (a list of glyphs, as
//! `GONGKAI_OCR_DUMP` writes, or a `gongkai page --page N` dump), and prints each table's
//! rows: for finding which glyph difference (between a text layer and its OCR) breaks a
//! table. Usage: `glyph_tables FILE.json [WIDTH HEIGHT]` (default A4: 595.28 × 841.89).
use gongkai_geom::{Glyph, Segment};
use gongkai_table::{extract_tables, PageInput, TableOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .ok_or("usage: glyph_tables FILE.json [WIDTH HEIGHT]")?;
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path)?)?;
    let (glyphs, segments): (Vec<Glyph>, Vec<Segment>) = match v.get("pages").and_then(|p| p.get(0))
    {
        Some(page) => (
            serde_json::from_value(page["glyphs"].clone())?,
            serde_json::from_value(page["segments"].clone())?,
        ),
        None => (serde_json::from_value(v)?, Vec::new()),
    };
    let width = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(595.28);
    let height = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(841.89);
    let input = PageInput {
        page: 1,
        width,
        height,
        glyphs: &glyphs,
        segments: &segments,
    };
    for t in extract_tables(&input, &TableOptions::default()) {
        println!(
            "== {}x{} {:?} title {:?}",
            t.n_rows, t.n_cols, t.method, t.title
        );
        let mut spans: Vec<_> = t
            .cells
            .iter()
            .filter(|c| c.rowspan > 1 || c.colspan > 1)
            .map(|c| (c.row, c.col, c.rowspan, c.colspan))
            .collect();
        spans.sort();
        println!("   spans {spans:?}");
        for r in 0..t.n_rows {
            let mut row: Vec<String> = vec!["~".into(); t.n_cols];
            for c in t.cells.iter().filter(|c| c.row == r) {
                row[c.col] = c.text.clone();
            }
            println!("   {}", row.join(" | "));
        }
    }
    Ok(())
}
