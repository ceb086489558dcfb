//! Issue #7 bar 4: the per-document JSON validates against the schema `gongkai schema`
//! prints. Every sample (exported, scanned, the real Putuo page and camelot's foo.pdf) is
//! extracted and validated; the schema is strict (`additionalProperties: false`), so a field
//! added to the output without a schema entry fails here, and so does a float amount.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value as Json;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn printed_schema() -> Json {
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai")).arg("schema").output().expect("run gongkai schema");
    assert!(o.status.success());
    serde_json::from_slice(&o.stdout).expect("schema is JSON")
}

#[test]
fn output_validates_against_printed_schema() {
    let schema = printed_schema();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let out = tempfile::tempdir().expect("tmp");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(root().join("samples")).expect("samples").filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "pdf")).collect();
    inputs.push(root().join("samples/real"));
    inputs.sort();
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai")).arg("extract").arg("-q").arg("-o").arg(out.path()).args(&inputs).output().expect("extract");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut checked = 0;
    let mut errors = Vec::new();
    for e in std::fs::read_dir(out.path()).expect("out").filter_map(|e| e.ok()) {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".json") || name == "report.json" {
            continue;
        }
        let doc: Json = serde_json::from_slice(&std::fs::read(e.path()).expect("read")).expect("json");
        for err in validator.iter_errors(&doc).take(5) {
            errors.push(format!("{name}: {} at {}", err, err.instance_path()));
        }
        checked += 1;
    }
    assert!(checked >= 13, "only {checked} documents");
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn schema_rejects_drift() {
    let schema = printed_schema();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let out = tempfile::tempdir().expect("tmp");
    let pdf = root().join("samples/real/putuo-final-2024-p6.pdf");
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai")).arg("extract").arg("-q").arg("-o").arg(out.path()).arg(&pdf).output().expect("extract");
    assert!(o.status.success());
    let doc: Json = serde_json::from_slice(&std::fs::read(out.path().join("putuo-final-2024-p6.json")).expect("read")).expect("json");
    assert!(validator.is_valid(&doc));
    // An unknown field, and an amount as a float, are both rejected.
    let mut extra = doc.clone();
    extra["records"]["surprise"] = Json::Bool(true);
    assert!(!validator.is_valid(&extra));
    let mut float = doc.clone();
    let rows = float["records"]["tables"][0]["rows"].as_array_mut().expect("rows");
    let row = rows.iter_mut().find(|r| r["values"]["amount"].is_object()).expect("a row with an amount");
    row["values"]["amount"]["yuan"] = serde_json::json!(29400500.0);
    assert!(!validator.is_valid(&float));
}
