//! `gongkai debug` draws what was found: the Putuo 收支总表 page gives one 29×4 lattice table,
//! one SVG line per ruling segment reported by `gongkai page`, and one box per glyph.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn debug_svg_shows_rulings_glyphs_and_the_table() {
    let pdf = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/real/putuo-final-2024-p6.pdf");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(args)
            .arg(&pdf)
            .output()
            .expect("run")
    };
    let svg = String::from_utf8(run(&["debug", "--page", "1"]).stdout).expect("utf-8");
    let page: serde_json::Value =
        serde_json::from_slice(&run(&["page", "--page", "1"]).stdout).expect("json");
    let segments = page["pages"][0]["segments"]
        .as_array()
        .expect("segments")
        .len();
    let glyphs = page["pages"][0]["glyphs"].as_array().expect("glyphs").len();
    assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("<line ").count(), segments);
    let glyph_group = svg
        .split("<g id=\"glyphs\"")
        .nth(1)
        .and_then(|s| s.split("</g>").next())
        .expect("glyph group");
    assert_eq!(glyph_group.matches("<rect ").count(), glyphs);
    assert!(
        svg.contains("table 0 (Lattice, 29×4)"),
        "{}",
        &svg[..svg.len().min(400)]
    );
    assert!(svg.contains("<title>r28 c1 span 1×1: 2,946.25</title>"));
}

/// A scanned page is drawn with what OCR found, as `extract` reads it: the ruled scan's
/// p.5 income table (19×7, golden) over its glyphs and raster rulings.
#[test]
fn debug_svg_of_a_scan_shows_ocr_glyphs_and_the_table() {
    let ready = Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == "chi_sim")
        });
    if !ready {
        eprintln!("tesseract with chi_sim not installed (scripts/install-ocr); skipped");
        return;
    }
    let pdf = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/final-2024-hebei-changfeng-agri-scan.pdf");
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["debug", "--page", "5"])
        .arg(&pdf)
        .output()
        .expect("run");
    let svg = String::from_utf8(o.stdout).expect("utf-8");
    assert!(
        svg.contains("table 0 (Lattice, 19×7)"),
        "{}",
        &svg[..svg.len().min(400)]
    );
    let glyph_group = svg
        .split("<g id=\"glyphs\"")
        .nth(1)
        .and_then(|s| s.split("</g>").next())
        .expect("glyph group");
    assert!(
        glyph_group.matches("<rect ").count() > 300,
        "OCR glyphs drawn"
    );
    assert!(
        svg.matches("<line ").count() >= 20 + 8,
        "raster rulings drawn"
    );
}
