//! `gongkai check`: re-runs every identity on records (a document JSON written by
//! `extract`, or its `records` object alone), e.g. after a person corrected a value, and
//! prints the findings as JSON Lines (one object per file). The validation is the same
//! pure function of the records that `extract` runs.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use gongkai::disclosure::{validate, Records, Status};

/// Arguments of `gongkai check`.
#[derive(clap::Args)]
pub struct CheckArgs {
    /// Document JSON files (`extract`'s per-document output, or a bare records object).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Exit status: 0 when no finding failed, 1 when some did, 2 when a file could not be
/// read as records.
pub fn check(args: &CheckArgs) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    let mut unreadable = false;
    for file in &args.files {
        let records = match read_records(file) {
            Ok(Some(r)) => r,
            // `gongkai check OUT/*.json` takes in the batch's report.json too.
            Ok(None) => {
                crate::say!(
                    "gongkai: {}: a batch report, not a document: skipped",
                    file.display()
                );
                continue;
            }
            Err(e) => {
                crate::say!("gongkai: {}: {}", file.display(), crate::message(&e));
                unreadable = true;
                continue;
            }
        };
        let findings = validate(&records);
        let mut summary = serde_json::Map::new();
        for (name, status) in [
            ("pass", Status::Pass),
            ("rounding", Status::Rounding),
            ("fail", Status::Fail),
            ("unit_mismatch", Status::UnitMismatch),
            ("suspect", Status::Suspect),
            ("skipped", Status::Skipped),
        ] {
            let n = findings.iter().filter(|f| f.status == status).count();
            summary.insert(name.into(), n.into());
        }
        failed |= findings.iter().any(|f| f.status.is_failure());
        let line = serde_json::json!({
            "file": file.display().to_string(),
            "findings": findings,
            "summary": summary,
        });
        let written = serde_json::to_writer(&mut out, &line)
            .map_err(std::io::Error::from)
            .and_then(|_| out.write_all(b"\n"));
        match written {
            Ok(()) => {}
            // A broken pipe means the reader is done.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
            Err(e) => return Err(e).context("writing to standard output"),
        }
    }
    Ok(if unreadable {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The records of a document JSON (its `records` member) or of a bare records object;
/// `None` for a batch report (`report.json`, schema `gongkai.report/…`).
fn read_records(file: &PathBuf) -> Result<Option<Records>> {
    let bytes = std::fs::read(file).context("cannot read the file")?;
    let mut v: serde_json::Value = serde_json::from_slice(&bytes).context("not JSON")?;
    let schema = v.get("schema").and_then(|s| s.as_str()).unwrap_or("");
    if schema.starts_with("gongkai.report/") {
        return Ok(None);
    }
    let records = match v.get_mut("records") {
        Some(r) => r.take(),
        None => v,
    };
    serde_json::from_value(records)
        .map(Some)
        .context("not gongkai records (schema gongkai.disclosure)")
}
