//! `gongkai debug` draws what was found: the Putuo 收支总表 page gives one 29×4 lattice table,
//! one SVG line per ruling segment reported by `gongkai page`, and one box per glyph.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn debug_svg_shows_rulings_glyphs_and_the_table() {
    let pdf = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples/real/putuo-final-2024-p6.pdf");
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_gongkai")).args(args).arg(&pdf).output().expect("run");
    let svg = String::from_utf8(run(&["debug", "--page", "1"]).stdout).expect("utf-8");
    let page: serde_json::Value = serde_json::from_slice(&run(&["page", "--page", "1"]).stdout).expect("json");
    let segments = page["pages"][0]["segments"].as_array().expect("segments").len();
    let glyphs = page["pages"][0]["glyphs"].as_array().expect("glyphs").len();
    assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("<line ").count(), segments);
    let glyph_group = svg.split("<g id=\"glyphs\"").nth(1).and_then(|s| s.split("</g>").next()).expect("glyph group");
    assert_eq!(glyph_group.matches("<rect ").count(), glyphs);
    assert!(svg.contains("table 0 (Lattice, 29×4)"), "{}", &svg[..svg.len().min(400)]);
    assert!(svg.contains("<title>r28 c1 span 1×1: 2,946.25</title>"));
}
