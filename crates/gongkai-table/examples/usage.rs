//! What reading each page costs, against the bounds of `Limits`: prints the largest
//! value of each count over the files given, and where it was met.
//!
//! `cargo run --release -p gongkai-table --example usage -- FILE...`

use gongkai_pdf::{Document, OpenOptions};
use gongkai_table::{ruling_grid, PageInput, TableOptions};

fn main() {
    let names = [
        "content operators",
        "decoded content bytes",
        "distinct content bytes",
        "glyphs",
        "ruling segments + fills",
        "image placements",
        "image pixels",
        "form depth",
        "objects",
        "ruling grid cells",
        "text lines",
    ];
    let mut max: Vec<(u64, String)> = vec![(0, String::new()); names.len()];
    let mut note = |i: usize, v: u64, at: &str| {
        if v > max[i].0 {
            max[i] = (v, at.to_string());
        }
    };
    for path in std::env::args().skip(1) {
        let doc = match Document::open_with(&path, &OpenOptions::default()) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        note(8, doc.object_count() as u64, &path);
        for n in 1..=doc.page_count() {
            let at = format!("{path} p{n}");
            let c = match doc.page(n) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("{at}: {e}");
                    continue;
                }
            };
            note(0, c.usage.operators, &at);
            note(1, c.usage.content_bytes, &at);
            note(2, c.usage.distinct_content_bytes, &at);
            note(3, c.glyphs.len() as u64, &at);
            note(4, (c.segments.len() + c.fills.len()) as u64, &at);
            note(5, c.images.len() as u64, &at);
            let px = c
                .images
                .iter()
                .map(|i| u64::from(i.pixel_width) * u64::from(i.pixel_height))
                .max()
                .unwrap_or(0);
            note(6, px, &at);
            note(7, c.usage.form_depth as u64, &at);
            let input = PageInput {
                page: n as u32,
                width: c.width,
                height: c.height,
                glyphs: &c.glyphs,
                segments: &c.segments,
            };
            let (h, v) = ruling_grid(&input, &TableOptions::default());
            note(9, (h * v) as u64, &at);
            note(
                10,
                gongkai_pdf::layout::text_lines(&c.glyphs).len() as u64,
                &at,
            );
        }
    }
    for (name, (v, at)) in names.iter().zip(&max) {
        println!("{name:>24} {v:>12}  {at}");
    }
}
