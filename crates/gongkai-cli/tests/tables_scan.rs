//! `gongkai tables` reads scanned pages by OCR as `extract` does: on the ruled scan the
//! 收入决算表 (p.5) comes out with the golden grid and title, hand-checked against the page; without
//! Tesseract the page is named on stderr with the install command, and the exit status is 0.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value as Json;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tables(env_tesseract: Option<&str>) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    cmd.args(["tables", "--pages", "5", "--format", "json"])
        .arg(root().join("samples/final-2024-hebei-changfeng-agri-scan.pdf"));
    if let Some(t) = env_tesseract {
        cmd.env("GONGKAI_TESSERACT", t);
    }
    cmd.output().expect("run gongkai")
}

fn tesseract_ready() -> bool {
    Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == "chi_sim")
        })
}

#[test]
fn scanned_page_tables_match_golden() {
    if !tesseract_ready() {
        eprintln!("tesseract with chi_sim not installed (scripts/install-ocr); skipped");
        return;
    }
    let o = tables(None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got: Json = serde_json::from_slice(&o.stdout).expect("json");
    let golden: Json = serde_json::from_slice(
        &std::fs::read(root().join("golden/final-2024-hebei-changfeng-agri-scan.json"))
            .expect("golden"),
    )
    .expect("json");
    let want = golden["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .find(|t| t["pages"] == serde_json::json!([5]))
        .expect("golden p.5");
    let t = &got["tables"][0];
    assert_eq!(t["pages"], want["pages"]);
    // The title is read outside the table, where OCR may see a gap between `2024` and `年`.
    let squeeze = |v: &Json| v.as_str().map(|s| s.split_whitespace().collect::<String>());
    assert_eq!(squeeze(&t["title"]), squeeze(&want["title"]));
    // Cell for cell; OCR may miss a thousands separator (`1106.37` for `1,106.37`, the
    // same amount), so commas inside numbers are not compared.
    fn plain(v: &Json) -> Json {
        match v {
            Json::String(s)
                if s.chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.') =>
            {
                Json::String(s.replace(',', ""))
            }
            Json::Array(a) => Json::Array(a.iter().map(plain).collect()),
            other => other.clone(),
        }
    }
    assert_eq!(plain(&t["rows"]), plain(&want["rows"]), "grid of p.5");
}

#[test]
fn scanned_page_without_tesseract_is_named() {
    let o = tables(Some("/nonexistent/bin/tesseract"));
    let err = String::from_utf8_lossy(&o.stderr);
    // The page is left unread: exit 1 (issue 17), its tables are not there.
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("page 5")
            && err.contains("sudo apt-get install tesseract-ocr tesseract-ocr-chi-sim"),
        "{err}"
    );
    let got: Json = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(got["tables"].as_array().map(Vec::len), Some(0));
}

/// A black-and-white scan stored as one CCITT Group 4 image (`scripts/make-ccitt-sample.py`,
/// page 5 of the text sample) is decoded by gongkai itself (`raster: embedded`, no
/// pdftoppm) and gives the same 收入决算表 as the golden p.5, cell for cell (the specks of
/// rulings that thresholding leaves beside a name are not read as `|`).
#[test]
fn ccitt_scan_is_decoded_and_read() {
    if !tesseract_ready() {
        eprintln!("tesseract with chi_sim not installed (scripts/install-ocr); skipped");
        return;
    }
    let out = tempfile::tempdir().expect("tmp");
    let pdf = root().join("samples/final-2024-hebei-changfeng-agri-ccitt-p5.pdf");
    // pdftoppm is kept out of reach: the page must be decoded, not rendered.
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["extract", "-q", "-o"])
        .arg(out.path())
        .arg(&pdf)
        .env("PATH", "/nonexistent")
        .env("GONGKAI_TESSERACT", which_tesseract())
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: Json = serde_json::from_slice(
        &std::fs::read(
            out.path()
                .join("final-2024-hebei-changfeng-agri-ccitt-p5.json"),
        )
        .expect("json"),
    )
    .expect("json");
    assert_eq!(doc["pages"][0]["ocr"]["raster"], "embedded");
    let golden: Json = serde_json::from_slice(
        &std::fs::read(root().join("golden/final-2024-hebei-changfeng-agri-scan.json"))
            .expect("golden"),
    )
    .expect("json");
    let want = golden["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .find(|t| t["pages"] == serde_json::json!([5]))
        .expect("golden p.5");
    let t = &doc["tables"][0];
    assert_eq!(
        (&t["n_rows"], &t["n_cols"]),
        (&want["n_rows"], &want["n_cols"])
    );
    // Every cell as golden (a thousands separator OCR may miss aside).
    let cell = |t: &Json, r: usize, c: usize| t["rows"][r][c].as_str().map(|s| s.replace(',', ""));
    for r in 0..want["n_rows"].as_u64().unwrap_or(0) as usize {
        for c in 0..want["n_cols"].as_u64().unwrap_or(0) as usize {
            assert_eq!(cell(t, r, c), cell(want, r, c), "row {r} col {c}");
        }
    }
}

fn which_tesseract() -> String {
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|d| d.join("tesseract"))
        .find(|p| p.exists())
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "tesseract".into())
}

/// A scan whose text is in stencil masks drawn over a blank page-sized JPEG (pdfplumber's
/// issue-203 test file, p.1, a 海关行政处罚决定书) is rendered rather than read from the
/// JPEG alone, which holds nothing: its first lines as read off the page by hand.
#[test]
fn page_image_with_masks_over_it_is_rendered() {
    let pdftoppm = Command::new("pdftoppm").arg("-v").output().is_ok();
    if !tesseract_ready() || !pdftoppm {
        eprintln!("tesseract with chi_sim or pdftoppm not installed; skipped");
        return;
    }
    let out = tempfile::tempdir().expect("tmp");
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["extract", "-q", "-o"])
        .arg(out.path())
        .arg(root().join("samples/real/pdfplumber-issue203-p1.pdf"))
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: Json = serde_json::from_slice(
        &std::fs::read(out.path().join("pdfplumber-issue203-p1.json")).expect("json"),
    )
    .expect("json");
    let page = &doc["pages"][0];
    assert_eq!(page["ocr"]["raster"], "rendered");
    let lines: Vec<&str> = page["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .filter_map(|l| l["text"].as_str())
        .collect();
    assert_eq!(lines.first().copied(), Some("行政处罚决定书"));
    assert_eq!(lines.get(1).copied(), Some("常关缉违字[2019]13号"));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("哈尔滨电气国际工程有限责任公司")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.contains("2301914001")), "{lines:?}");
}
