//! The CLI on samples/bad/: exit status non-zero, the file named with the reason on
//! stderr, and no panic message.

use std::path::PathBuf;
use std::process::Command;

fn bad_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples/bad")
}

/// The phrase each error kind's message carries (from `PdfError`'s Display).
fn phrase(kind: &str) -> &'static str {
    match kind {
        "empty" => "empty file",
        "not_pdf" => "not a PDF",
        "corrupt" => "corrupt or truncated",
        "page_tree" => "broken page tree",
        "no_pages" => "no pages",
        "huge_page" => "unreasonable dimensions",
        "broken_content" => "content unreadable",
        "password_required" => "password required",
        other => panic!("no phrase for {other}"),
    }
}

#[test]
fn every_bad_file_fails_cleanly_with_its_reason() {
    let list = std::fs::read_to_string(bad_dir().join("EXPECTED.tsv")).expect("EXPECTED.tsv");
    for line in list.lines().skip(1) {
        let Some((file, kind)) = line.split_once('\t') else {
            continue;
        };
        let path = bad_dir().join(file);
        let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .arg("text")
            .arg(&path)
            .output()
            .expect("run gongkai");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{file}: exit status 0");
        assert!(
            stderr.contains(file),
            "{file}: stderr does not name the file: {stderr}"
        );
        assert!(
            stderr.contains(phrase(kind)),
            "{file}: expected '{}' in: {stderr}",
            phrase(kind)
        );
        assert!(
            !stderr.contains("panicked"),
            "{file}: panic message: {stderr}"
        );
    }
}
