//! Development aid: what the raster stages found on one page of a scanned PDF — skew,
//! ruling lines, tables and their cell counts — and the binary image with the rulings
//! drawn in gray, as a PGM.
//! `cargo run --release -p gongkai-ocr --example dump_prepare -- FILE PAGE [OUT.pgm]`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(file), Some(page)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: dump_prepare FILE PAGE [OUT.pgm]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(file)?;
    let doc = gongkai_pdf::Document::from_bytes(&bytes, &Default::default())?;
    let c = doc.page(page.parse()?)?;
    let pr =
        gongkai_ocr::raster::page_raster(&doc, &c, &bytes, std::path::Path::new("pdftoppm"), 300)?;
    let p = gongkai_ocr::prepare(&pr);
    println!(
        "{}x{} dpi {:.0} skew {:.3} lines {} (h {}) tables {}",
        p.binary.width,
        p.binary.height,
        p.dpi,
        p.skew_deg,
        p.lines.len(),
        p.lines.iter().filter(|l| l.horizontal).count(),
        p.tables.len()
    );
    for t in &p.tables {
        println!("table {:?} cells {}", t.bbox, t.cells.len());
        if std::env::var_os("DUMP_CELLS").is_some() {
            for c in &t.cells {
                println!("  cell {c:?}");
            }
        }
    }
    let pad = ((p.dpi / 150.0).round() as usize).max(1) + 1;
    let b = &p.binary;
    for l in &p.lines {
        // Ink beside the line (just outside the erased band), away from its ends.
        let m = (p.dpi * 0.03) as usize;
        let (mut n, mut a, mut z) = (0, 0, 0);
        for t in (l.from + m)..l.to.saturating_sub(m) {
            let (xa, ya, xz, yz) = if l.horizontal {
                (
                    t,
                    l.lo.saturating_sub(pad),
                    t,
                    (l.hi + pad).min(b.height - 1),
                )
            } else {
                (
                    l.lo.saturating_sub(pad),
                    t,
                    (l.hi + pad).min(b.width - 1),
                    t,
                )
            };
            n += 1;
            a += b.at(xa, ya) as usize;
            z += b.at(xz, yz) as usize;
        }
        print!("side {a}/{n} {z}/{n}  ");
        println!(
            "{} pos {:.1} {}..{} thick {}",
            if l.horizontal { "h" } else { "v" },
            l.pos,
            l.from,
            l.to,
            l.hi + 1 - l.lo
        );
    }
    if let Some(out) = args.get(3) {
        let mut g = gongkai_ocr::binarize::to_gray(&p.binary);
        let m = gongkai_ocr::rulings::line_mask(g.width, g.height, &p.lines, 0);
        for (v, &on) in g.data.iter_mut().zip(&m) {
            if on {
                *v = 128;
            }
        }
        std::fs::write(out, g.to_pgm())?;
    }
    Ok(())
}
