//! Issue #7 bar 4: the per-document JSON validates against the schema `gongkai schema`
//! prints. Every sample (exported, scanned, the real Putuo page and camelot's foo.pdf) is
//! extracted and validated; the schema is strict (`additionalProperties: false`), so a field
//! added to the output without a schema entry fails here, and so does a float amount.
//! Scans run with `--no-ocr` there (OCR of 57 pages is the OCR tests' job); one scanned page
//! with the red seal, cut out with qpdf, is OCR'd so the `ocr` block is validated too.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value as Json;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn printed_schema() -> Json {
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .arg("schema")
        .output()
        .expect("run gongkai schema");
    assert!(o.status.success());
    serde_json::from_slice(&o.stdout).expect("schema is JSON")
}

#[test]
fn output_validates_against_printed_schema() {
    let schema = printed_schema();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let out = tempfile::tempdir().expect("tmp");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .expect("samples")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    inputs.push(root().join("samples/real"));
    inputs.sort();
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .arg("extract")
        .arg("-q")
        .arg("--no-ocr")
        .arg("-o")
        .arg(out.path())
        .args(&inputs)
        .output()
        .expect("extract");
    // The scans' pages are left unread (--no-ocr): they are `partial`, exit 1; nothing
    // else may be.
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(" partial, 0 failed;") && err.contains(" need OCR, 0 unreadable;"),
        "{err}"
    );
    // One OCR'd page: page 7 of the statistics scan carries the seal.
    let page = out.path().join("scan-page.pdf");
    let scan = root().join("samples/budget-2024-central-statistics-scan.pdf");
    let cut = Command::new("qpdf")
        .arg("--empty")
        .arg("--pages")
        .arg(&scan)
        .arg("7")
        .arg("--")
        .arg(&page)
        .status()
        .expect("qpdf (scripts/test installs it)");
    assert!(cut.success());
    let ocr_out = out.path().join("ocr");
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .arg("extract")
        .arg("-q")
        .arg("-o")
        .arg(&ocr_out)
        .arg(&page)
        .output()
        .expect("extract");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::copy(
        ocr_out.join("scan-page.json"),
        out.path().join("scan-page.json"),
    )
    .expect("copy");
    let scanned: Json =
        serde_json::from_slice(&std::fs::read(ocr_out.join("scan-page.json")).expect("read"))
            .expect("json");
    assert!(
        scanned["pages"][0]["ocr"]["engine"]
            .as_str()
            .is_some_and(|e| e.starts_with("tesseract")),
        "the page was not OCR'd: {}",
        scanned["pages"][0]
    );
    let mut checked = 0;
    let mut errors = Vec::new();
    for e in std::fs::read_dir(out.path())
        .expect("out")
        .filter_map(|e| e.ok())
    {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".json") || name == "report.json" {
            continue;
        }
        let doc: Json =
            serde_json::from_slice(&std::fs::read(e.path()).expect("read")).expect("json");
        for err in validator.iter_errors(&doc).take(5) {
            errors.push(format!("{name}: {} at {}", err, err.instance_path()));
        }
        checked += 1;
    }
    assert!(checked >= 14, "only {checked} documents");
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn schema_rejects_drift() {
    let schema = printed_schema();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let out = tempfile::tempdir().expect("tmp");
    let pdf = root().join("samples/real/putuo-final-2024-p6.pdf");
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .arg("extract")
        .arg("-q")
        .arg("-o")
        .arg(out.path())
        .arg(&pdf)
        .output()
        .expect("extract");
    assert!(o.status.success());
    let doc: Json = serde_json::from_slice(
        &std::fs::read(out.path().join("putuo-final-2024-p6.json")).expect("read"),
    )
    .expect("json");
    assert!(validator.is_valid(&doc));
    // An unknown field, and an amount as a float, are both rejected.
    let mut extra = doc.clone();
    extra["records"]["surprise"] = Json::Bool(true);
    assert!(!validator.is_valid(&extra));
    let mut float = doc.clone();
    let rows = float["records"]["tables"][0]["rows"]
        .as_array_mut()
        .expect("rows");
    let row = rows
        .iter_mut()
        .find(|r| r["values"]["amount"].is_object())
        .expect("a row with an amount");
    row["values"]["amount"]["yuan"] = serde_json::json!(29400500.0);
    assert!(!validator.is_valid(&float));
}
