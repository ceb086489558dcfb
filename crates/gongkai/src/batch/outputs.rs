//! The batch-level files: records.jsonl, csv/, parquet/ and report.json, rebuilt at the
//! end of every run from the documents it reports, so that they describe exactly those
//! documents (files of table types no document has any more are removed).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gongkai_export::write_json;
use rayon::prelude::*;

use super::state::state_dir;
use super::{BatchError, Entry, Status};
use crate::VERSION;

/// What a document adds to the batch-level files besides its records.jsonl line (read
/// back from its line sidecar when records.jsonl is written): its CSV rows, encoded, per
/// CSV key; kept in memory for the documents processed in this run (the others' are read
/// back from their state sidecars).
pub(crate) struct BatchPart {
    /// `(key, encoded rows)` in key order, as [`csv_chunks`] makes them.
    pub csv: Vec<(String, Vec<u8>)>,
    /// The rows themselves (`(key, row)`, as [`crate::long::rows`] makes them), for the
    /// Parquet files.
    pub rows: Vec<(String, Vec<String>)>,
}

/// Writes a document's files — its JSON `main`, then the sidecars `line` (its
/// records.jsonl line) and `csv` (its CSV rows as pretty JSON) — and returns what it adds
/// to the batch-level files. One piece is made at a time and what the next one does not
/// need is dropped first: the JSON is streamed from the whole document, then the pages
/// and tables are dropped, the line is streamed from the records, the rows are made and
/// the records dropped, the rows' sidecar is streamed, and the rows are encoded as CSV.
/// For a document of 10,000 pages these pieces are 250, 48, 73 and 40 MB; made whole
/// and side by side they were the run's peak.
pub(crate) fn write_parts(
    doc: crate::Document,
    main: &Path,
    line: &Path,
    csv: &Path,
) -> Result<BatchPart, String> {
    gongkai_export::write_atomic_with(main, |w| doc.write_json(w).map_err(std::io::Error::other))
        .map_err(|e| e.to_string())?;
    let crate::Document {
        schema,
        source,
        pages,
        tables,
        records,
    } = doc;
    drop((pages, tables));
    gongkai_export::write_atomic_with(line, |w| {
        crate::document::write_record_line(w, schema, &source, &records)
            .map_err(std::io::Error::other)
    })
    .map_err(|e| e.to_string())?;
    let rows = crate::long::records_rows(&source.file, &records);
    drop(records);
    gongkai_export::write_atomic_with(csv, |w| {
        gongkai_export::write_pretty_array(w, &rows, 0).map_err(std::io::Error::other)?;
        w.write_all(b"\n")
    })
    .map_err(|e| e.to_string())?;
    let csv = csv_chunks(&rows)?;
    Ok(BatchPart { csv, rows })
}

/// The rows of one document encoded as CSV lines per key (the rows of a key in their
/// order), keys in order: what the document adds to each batch-level CSV.
fn csv_chunks(rows: &[(String, Vec<String>)]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut by_key: BTreeMap<&str, Vec<&[String]>> = BTreeMap::new();
    for (key, row) in rows {
        by_key.entry(key.as_str()).or_default().push(row.as_slice());
    }
    by_key
        .into_par_iter()
        .map(|(key, rows)| {
            gongkai_export::csv_rows(crate::long::header(key), rows)
                .map(|bytes| (key.to_string(), bytes))
                .map_err(|e| format!("CSV rows of {key}: {e}"))
        })
        .collect()
}

/// The path of the Parquet file of long table `key`.
fn parquet_path(out: &Path, key: &str) -> PathBuf {
    let file = crate::long::file_name(key);
    let stem = file.strip_suffix(".csv").unwrap_or(&file);
    out.join("parquet").join(format!("{stem}.parquet"))
}

/// Writes `OUT/parquet/<table>.parquet`, atomically: the long table `key` of every
/// document, the rows of its CSV.
fn write_parquet(out: &Path, key: &str, rows: &[&[String]]) -> Result<(), BatchError> {
    let path = parquet_path(out, key);
    let bytes = crate::long::parquet_bytes(key, rows).map_err(|error| BatchError::Parquet {
        path: path.clone(),
        error,
    })?;
    gongkai_export::write_atomic(&path, &bytes)?;
    Ok(())
}

/// Removes from `dir` the files ending in `.ext` that are not in `keep`: the long
/// tables that no reported document has rows of any more.
fn remove_others(dir: &Path, ext: &str, keep: &[PathBuf]) -> Result<(), BatchError> {
    let Ok(list) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for e in list.flatten() {
        let path = e.path();
        let ours = path.extension().is_some_and(|x| x == ext)
            && !e.file_name().to_string_lossy().starts_with('.')
            && e.file_type().is_ok_and(|t| t.is_file());
        if ours && !keep.contains(&path) {
            std::fs::remove_file(&path).map_err(|source| gongkai_export::ExportError::Io {
                path: path.clone(),
                source,
            })?;
        }
    }
    Ok(())
}

/// What report.json says besides the documents' entries.
pub(crate) struct Report<'a> {
    /// The documents reported: this run's (done), then the kept ones.
    pub entries: &'a [Entry],
    /// Documents whose inputs are gone, removed in this run.
    pub removed: &'a [Entry],
    /// Documents whose inputs are gone, kept (`--keep-removed`).
    pub kept: &'a [Entry],
    /// The run was cancelled.
    pub interrupted: bool,
    /// Inputs not done because of the cancel.
    pub not_done: usize,
}

/// Rebuilds the batch-level files from the reported documents, in name order, so an
/// interrupted and resumed run ends with the same bytes as an uninterrupted one. `parts`
/// (aligned with `report.entries`) holds what the documents processed in this run add,
/// the same bytes their sidecars hold; the other documents' sidecars are read back.
pub(crate) fn write_batch_outputs(
    out: &Path,
    report: &Report<'_>,
    parts: Vec<Option<BatchPart>>,
) -> Result<(), BatchError> {
    let mut sorted: Vec<(&Entry, Option<BatchPart>)> = report.entries.iter().zip(parts).collect();
    sorted.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    let read = |p: PathBuf| {
        std::fs::read(&p).map_err(|e| BatchError::State {
            reason: format!("output vanished: {e}"),
            path: p,
        })
    };
    // Sidecars are read, parsed and encoded in parallel (order kept), then records.jsonl
    // and each CSV are written side by side: for one large document these were the
    // longest serial steps of a run.
    let loaded: Vec<BatchPart> = sorted
        .par_iter_mut()
        .filter(|(e, _)| e.status != Status::Failed)
        .map(|(e, part)| -> Result<BatchPart, BatchError> {
            if let Some(part) = part.take() {
                return Ok(part);
            }
            let p = state_dir(out).join(format!("{}.csv.json", e.name));
            let rows: Vec<(String, Vec<String>)> = serde_json::from_slice(&read(p.clone())?)
                .map_err(|e| BatchError::State {
                    reason: format!("unreadable: {e}"),
                    path: p.clone(),
                })?;
            let csv = csv_chunks(&rows).map_err(|reason| BatchError::State { path: p, reason })?;
            Ok(BatchPart { csv, rows })
        })
        .collect::<Result<_, _>>()?;
    // records.jsonl is the documents' line sidecars one after the other, copied into it
    // (the lines of a large document are tens of megabytes: never all held).
    let line_files: Vec<PathBuf> = sorted
        .iter()
        .filter(|(e, _)| e.status != Status::Failed)
        .map(|(e, _)| state_dir(out).join(format!("{}.line.json", e.name)))
        .collect();
    let write_lines = || -> Result<(), BatchError> {
        let mut vanished = None;
        let written = gongkai_export::write_atomic_with(&out.join("records.jsonl"), |w| {
            for p in &line_files {
                let mut f = match std::fs::File::open(p) {
                    Ok(f) => f,
                    Err(e) => {
                        let error = std::io::Error::new(e.kind(), e.to_string());
                        vanished = Some(BatchError::State {
                            reason: format!("output vanished: {e}"),
                            path: p.clone(),
                        });
                        return Err(error);
                    }
                };
                std::io::copy(&mut f, w)?;
            }
            Ok(())
        });
        match (vanished, written) {
            (Some(e), _) => Err(e),
            (None, r) => Ok(r?),
        }
    };
    let mut by_key: BTreeMap<&str, Vec<&[u8]>> = BTreeMap::new();
    let mut rows_by_key: BTreeMap<&str, Vec<&[String]>> = BTreeMap::new();
    for part in &loaded {
        for (key, chunk) in &part.csv {
            by_key
                .entry(key.as_str())
                .or_default()
                .push(chunk.as_slice());
        }
        for (key, row) in &part.rows {
            rows_by_key
                .entry(key.as_str())
                .or_default()
                .push(row.as_slice());
        }
    }
    let csv_files: Vec<PathBuf> = by_key
        .keys()
        .map(|key| out.join("csv").join(crate::long::file_name(key)))
        .collect();
    let parquet_files: Vec<PathBuf> = rows_by_key
        .keys()
        .map(|key| parquet_path(out, key))
        .collect();
    let (jsonl, (csvs, parquets)) = rayon::join(write_lines, || {
        rayon::join(
            || {
                by_key.into_par_iter().try_for_each(|(key, chunks)| {
                    gongkai_export::write_csv_chunks(
                        &out.join("csv").join(crate::long::file_name(key)),
                        crate::long::header(key),
                        chunks,
                    )
                })
            },
            || {
                rows_by_key
                    .into_par_iter()
                    .try_for_each(|(key, rows)| write_parquet(out, key, &rows))
            },
        )
    });
    jsonl?;
    csvs?;
    parquets?;
    remove_others(&out.join("csv"), "csv", &csv_files)?;
    remove_others(&out.join("parquet"), "parquet", &parquet_files)?;
    let sorted: Vec<&Entry> = sorted.into_iter().map(|(e, _)| e).collect();
    let count = |s: Status| sorted.iter().filter(|e| e.status == s).count();
    let sum = |f: fn(&Entry) -> usize| sorted.iter().map(|e| f(e)).sum::<usize>();
    let documents = |v: &[Entry]| v.iter().map(|e| e.document.clone()).collect::<Vec<_>>();
    let report = serde_json::json!({
        "schema": "gongkai.report/0.2",
        "version": VERSION,
        "interrupted": report.interrupted,
        "not_done": report.not_done,
        "documents": sorted.len(),
        "ok": count(Status::Ok),
        "partial": count(Status::Partial),
        "failed": count(Status::Failed),
        "with_failed_checks": sorted.iter().filter(|e| e.failed_checks > 0).count(),
        "with_suspect_checks": sorted.iter().filter(|e| e.suspect_checks > 0).count(),
        "pages": sum(|e| e.pages),
        "pages_ocr": sum(|e| e.pages_ocr),
        "pages_need_ocr": sum(|e| e.pages_need_ocr),
        "pages_failed": sum(|e| e.pages_failed),
        "accounting": {
            "numeric_cells": sum(|e| e.accounting.numeric_cells),
            "typed": sum(|e| e.accounting.typed),
            "typed_without_unit": sum(|e| e.accounting.typed_without_unit),
            "unmapped": sum(|e| e.accounting.unmapped),
        },
        "removed": documents(report.removed),
        "kept_removed": documents(report.kept),
        "entries": sorted,
    });
    write_json(&out.join("report.json"), &report)?;
    Ok(())
}
