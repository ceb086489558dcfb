//! The batch API: progress events, the summary, and an incremental re-run that skips
//! every document and leaves the outputs as they were.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use gongkai::batch::{Batch, BatchOptions, Progress};

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut v = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("ls").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                v.push((p.clone(), std::fs::read(&p).expect("read")));
            }
        }
    }
    v.sort();
    v
}

/// Runs a batch, returning its summary and the progress events as
/// `(done, unchanged, failed so far)`, `Start` as `(0, false, total)`.
fn run(
    batch: &Batch,
    inputs: &[PathBuf],
    out: &Path,
) -> (gongkai::batch::Summary, Vec<(usize, bool, usize)>) {
    let events = Mutex::new(Vec::new());
    let summary = batch
        .run(inputs, out, |p| {
            let e = match p {
                Progress::Start { total } => (0, false, total),
                Progress::Started { .. } => return,
                Progress::Document {
                    done,
                    unchanged,
                    failed,
                    ..
                } => (done, unchanged, failed),
            };
            events.lock().expect("lock").push(e);
        })
        .expect("batch runs");
    let mut events = events.into_inner().expect("lock");
    events.sort();
    (summary, events)
}

#[test]
fn batch_reports_progress_and_skips_unchanged_documents() {
    let input = tempfile::tempdir().expect("tmp");
    for (from, to) in [
        (
            "real/putuo-final-2024-p6.pdf",
            "final/putuo-final-2024-p6.pdf",
        ),
        ("real/camelot-foo.pdf", "camelot-foo.pdf"),
        (
            "real/jiangsu-court-2019-p14.pdf",
            "jiangsu-court-2019-p14.pdf",
        ),
        ("bad/zero-bytes.pdf", "bad/zero-bytes.pdf"),
    ] {
        let to = input.path().join(to);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(samples().join(from), to).expect("copy");
    }
    let out = tempfile::tempdir().expect("tmp");
    let inputs = [input.path().to_path_buf()];
    let batch = Batch::new(BatchOptions {
        jobs: Some(2),
        incremental: true,
        ..BatchOptions::default()
    });
    let (summary, events) = run(&batch, &inputs, out.path());
    // Three real pages and one empty file; the failed count rises to 1 exactly once.
    assert_eq!(events.first(), Some(&(0, false, 4)));
    let done: Vec<usize> = events[1..].iter().map(|e| e.0).collect();
    assert_eq!(done, vec![1, 2, 3, 4]);
    assert!(events[1..].iter().all(|e| !e.1));
    assert_eq!(events.last().map(|e| e.2), Some(1));
    assert_eq!(summary.entries.len(), 4);
    assert_eq!(summary.processed, 4);
    let failed: Vec<&str> = summary.failed().map(|e| e.name.as_str()).collect();
    assert_eq!(failed, vec!["bad__zero-bytes"]);
    assert_eq!(
        summary
            .failed()
            .next()
            .and_then(|e| e.error_kind.as_deref()),
        Some("empty")
    );
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("report.json")).expect("report"))
            .expect("json");
    assert_eq!(report["documents"], 4);
    assert_eq!(report["failed"], 1);
    assert_eq!(report["pages"], summary.pages());
    assert_eq!(summary.pages(), 3);
    assert!(out.path().join("final__putuo-final-2024-p6.json").is_file());
    // CSV files start with the UTF-8 byte order mark (a spreadsheet on a Chinese Windows
    // reads them as UTF-8), then the header.
    let csv = std::fs::read(out.path().join("csv/final.summary.csv")).expect("csv");
    assert!(
        csv.starts_with(b"\xEF\xBB\xBFfile,department,department_key,scope,fiscal_year,"),
        "{:?}",
        String::from_utf8_lossy(&csv[..csv.len().min(60)])
    );
    // The same table as Parquet; the unchanged re-run below rebuilds it from the state
    // sidecars to the same bytes.
    assert!(out.path().join("parquet/final.summary.parquet").is_file());

    let before = files(out.path());
    let (again, events) = run(&batch, &inputs, out.path());
    assert_eq!(again.processed, 0);
    assert!(events[1..].iter().all(|e| e.1), "{events:?}");
    assert_eq!(again.entries, summary.entries);
    assert!(
        files(out.path()) == before,
        "an unchanged re-run rewrote output"
    );

    // Documents are named by their path below the input root.
    let documents: Vec<&str> = summary
        .entries
        .iter()
        .map(|e| e.document.as_str())
        .collect();
    assert_eq!(
        documents,
        vec![
            "bad/zero-bytes.pdf",
            "camelot-foo.pdf",
            "final/putuo-final-2024-p6.pdf",
            "jiangsu-court-2019-p14.pdf"
        ]
    );
    // A state written before documents were named by their relative path (no `document`)
    // is redone, so that no output keeps the old name.
    let state = out
        .path()
        .join(".gongkai/done/final__putuo-final-2024-p6.json");
    let mut entry: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&state).expect("state")).expect("json");
    assert_eq!(entry["document"], "final/putuo-final-2024-p6.pdf");
    entry
        .as_object_mut()
        .expect("object")
        .remove("document")
        .expect("document");
    std::fs::write(&state, serde_json::to_vec(&entry).expect("json")).expect("write");
    let (third, _) = run(&batch, &inputs, out.path());
    assert_eq!(third.processed, 1);
    assert!(files(out.path()) == before, "the redone document changed");
}

/// The batch-level files are put in place together: when one document's rows sidecar
/// cannot be read back, the run says which file, and records.jsonl, csv/ and parquet/
/// all stay as the last good run left them (records.jsonl used to be replaced already).
#[test]
fn an_unreadable_sidecar_leaves_every_batch_file_as_it_was() {
    let input = tempfile::tempdir().expect("tmp");
    for name in ["putuo-final-2024-p6.pdf", "jiangsu-court-2019-p14.pdf"] {
        std::fs::copy(samples().join("real").join(name), input.path().join(name)).expect("copy");
    }
    let out = tempfile::tempdir().expect("tmp");
    let inputs = [input.path().to_path_buf()];
    let batch = Batch::new(BatchOptions {
        jobs: Some(1),
        incremental: true,
        ..BatchOptions::default()
    });
    run(&batch, &inputs, out.path());
    let batch_files = |dir: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        files(dir)
            .into_iter()
            .filter(|(p, _)| !p.starts_with(dir.join(".gongkai")))
            .collect()
    };
    let before = batch_files(out.path());
    assert!(before
        .iter()
        .any(|(p, _)| p.ends_with("csv/final.summary.csv")));
    // The second document's rows sidecar is cut short; a new third document makes the
    // batch files change if they are rewritten.
    let sidecar = out
        .path()
        .join(".gongkai/done/putuo-final-2024-p6.csv.json");
    let bytes = std::fs::read(&sidecar).expect("sidecar");
    std::fs::write(&sidecar, &bytes[..bytes.len() / 2]).expect("cut");
    std::fs::copy(
        samples().join("real/camelot-foo.pdf"),
        input.path().join("camelot-foo.pdf"),
    )
    .expect("copy");
    let summary = batch.run(&inputs, out.path(), |_| {});
    let error = match summary {
        Ok(s) => s
            .write_error
            .map(|e| e.to_string())
            .expect("the unreadable sidecar is reported"),
        Err(e) => e.to_string(),
    };
    assert!(
        error.contains("putuo-final-2024-p6.csv.json") && error.contains("unreadable"),
        "{error}"
    );
    let after: Vec<(PathBuf, Vec<u8>)> = batch_files(out.path())
        .into_iter()
        .filter(|(p, _)| !p.ends_with("camelot-foo.json"))
        .collect();
    let changed: Vec<&PathBuf> = after
        .iter()
        .filter(|f| !before.contains(f))
        .map(|f| &f.0)
        .collect();
    assert!(
        after.len() == before.len() && changed.is_empty(),
        "changed: {changed:?}"
    );
}
