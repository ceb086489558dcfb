//! The batch job behind `gongkai extract`: parallel over documents (and pages of large
//! ones), each behind a panic guard and a time limit, with atomic outputs, an
//! incremental manifest and a report. A failed document never stops the batch.
//!
//! A run over inputs (files, folders searched recursively, glob patterns: [`expand`])
//! writes into the output folder:
//! - `<name>.json` per document ([`crate::Document::to_json`]);
//! - `records.jsonl`, one line per document ([`crate::Document::to_record_line`]);
//! - `csv/`, the long tables of every document ([`crate::long`]), and `parquet/`, the same
//!   tables as Parquet ([`crate::long::parquet_bytes`]: amounts as exact decimals);
//! - `report.json`, one [`Entry`] per input;
//! - `.gongkai/done/`, the state of each document (its entry, its records line and CSV
//!   rows), so that an `incremental` run skips unchanged inputs and a killed run resumes
//!   to the same bytes as an uninterrupted one.
//!
//! ```no_run
//! use gongkai::batch::{Batch, BatchOptions};
//! let batch = Batch::new(BatchOptions::default());
//! let summary = batch.run(&["samples".into()], "out".as_ref(), |_| {})?;
//! println!("{} failed", summary.failed().count());
//! # Ok::<(), gongkai::batch::BatchError>(())
//! ```

mod inputs;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use gongkai_export::write_json;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use inputs::{expand, Input};

use crate::{Error, Extractor, Options, VERSION};

/// How a batch runs.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    /// How each document is read.
    pub extract: Options,
    /// Worker threads; `None` or 0: all cores.
    pub jobs: Option<usize>,
    /// Skip inputs whose content and gongkai version match the last run's.
    pub incremental: bool,
}

/// Why a batch could not run (a document's own failure is an [`Entry`], not this).
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// A folder given as input could not be listed.
    #[error("{}: cannot list folder: {error}", path.display())]
    ListFolder {
        /// The folder.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// An input with `*`, `?` or `[` is not a valid glob pattern.
    #[error("{pattern}: bad glob pattern: {error}")]
    BadPattern {
        /// The pattern.
        pattern: String,
        /// Why.
        error: glob::PatternError,
    },
    /// A glob pattern matches no file.
    #[error("{pattern}: pattern matches no file")]
    NoMatch {
        /// The pattern.
        pattern: String,
    },
    /// The output folder could not be made.
    #[error("{}: cannot create output folder: {error}", path.display())]
    OutputFolder {
        /// The folder.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// The worker threads could not be started.
    #[error("thread pool: {0}")]
    ThreadPool(String),
    /// A document's state in `.gongkai/done` disappeared or is damaged while the batch-level
    /// files were rebuilt.
    #[error("{}: {reason}", path.display())]
    State {
        /// The state file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A long table could not be made into Parquet (an amount with more decimals than
    /// the schema's scale: never rounded).
    #[error("{}: {error}", path.display())]
    Parquet {
        /// The Parquet file.
        path: PathBuf,
        /// Why.
        error: crate::long::ParquetError,
    },
    /// A batch-level file could not be written.
    #[error(transparent)]
    Write(#[from] gongkai_export::ExportError),
}

/// Whether a document went through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Extracted and written.
    Ok,
    /// Not extracted: [`Entry::error_kind`] says why.
    Failed,
}

/// One line of the manifest and of `report.json`: what happened to an input.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    /// Output stem (`OUT/<name>.json`).
    pub name: String,
    /// The document's identity in the outputs: its path relative to the input root it was
    /// found under (`source.file` of its JSON and records line, the CSVs' `file` column;
    /// see [`Input::document`]).
    #[serde(default)]
    pub document: String,
    /// Input path as given.
    pub input: String,
    /// SHA-256 of the input bytes (empty when unreadable).
    pub sha256: String,
    /// gongkai version that produced it.
    pub version: String,
    /// `ok` or `failed`.
    pub status: Status,
    /// Error kind when failed ([`Error::kind`]).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error_kind: Option<String>,
    /// Error message when failed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<String>,
    /// Pages in the document.
    pub pages: usize,
    /// Pages that need OCR.
    #[serde(default)]
    pub ocr_pages: usize,
    /// Identity checks that failed (status `fail` or `unit_mismatch`): a document to look at
    /// before publishing its figures.
    #[serde(default)]
    pub failed_checks: usize,
    /// How the numbers of its typed tables were accounted for: numeric cells, typed
    /// values, values without a yuan figure (unit unknown), unmapped values.
    #[serde(default)]
    pub accounting: gongkai_disclosure::Accounting,
}

impl Entry {
    /// True when the document went through.
    pub fn is_ok(&self) -> bool {
        self.status == Status::Ok
    }
}

/// What a front end hears while a batch runs. Documents finish on worker threads, in
/// any order; the counts are running totals.
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    /// The inputs are expanded: `total` documents to go.
    Start {
        /// Documents in the batch.
        total: usize,
    },
    /// A document is done (processed, or skipped as unchanged).
    Document {
        /// Its entry.
        entry: &'a Entry,
        /// True when it was skipped as unchanged (an incremental run).
        unchanged: bool,
        /// Documents done so far, this one included.
        done: usize,
        /// Documents in the batch.
        total: usize,
        /// Pages of the documents done so far.
        pages: usize,
        /// Failed documents so far.
        failed: usize,
    },
}

/// What a batch did.
#[derive(Debug, Clone)]
pub struct Summary {
    /// One entry per input, in input order.
    pub entries: Vec<Entry>,
    /// Documents processed in this run (the others were unchanged).
    pub processed: usize,
}

impl Summary {
    /// The documents that failed.
    pub fn failed(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !e.is_ok())
    }

    /// The documents with failed identity checks.
    pub fn flagged(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.failed_checks > 0)
    }

    /// Pages of all documents.
    pub fn pages(&self) -> usize {
        self.entries.iter().map(|e| e.pages).sum()
    }

    /// Pages that still need OCR.
    pub fn ocr_pages(&self) -> usize {
        self.entries.iter().map(|e| e.ocr_pages).sum()
    }
}

/// A batch with fixed options; [`Batch::run`] runs it over inputs into an output folder.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    extractor: Extractor,
    jobs: Option<usize>,
    incremental: bool,
}

/// What a document processed in this run contributes to the batch-level files, kept in
/// memory so that the end of the run need not read its sidecars back: its line of
/// records.jsonl and its CSV rows, encoded, per CSV key (the sidecars are still written,
/// for incremental re-runs and resumed runs).
struct BatchPart {
    /// The records.jsonl line (with its line break).
    line: Vec<u8>,
    /// `(key, encoded rows)` in key order, as [`csv_chunks`] makes them.
    csv: Vec<(String, Vec<u8>)>,
    /// The rows themselves (`(key, row)`, as [`crate::long::rows`] makes them), for the
    /// Parquet files.
    rows: Vec<(String, Vec<String>)>,
}

/// Document ran (with what it adds to the batch-level files when it succeeded) or was skipped.
enum Outcome {
    Ran(Entry, Option<BatchPart>),
    Skipped(Entry),
}

fn state_dir(out: &Path) -> PathBuf {
    out.join(".gongkai").join("done")
}

fn load_entry(out: &Path, name: &str) -> Option<Entry> {
    let bytes = std::fs::read(state_dir(out).join(format!("{name}.json"))).ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn unchanged(path: &Path, prev: &Entry) -> bool {
    std::fs::read(path)
        .map(|b| crate::sha256_hex(&b) == prev.sha256)
        .unwrap_or(false)
}

fn output_present(out: &Path, prev: &Entry) -> bool {
    !prev.is_ok() || out.join(format!("{}.json", prev.name)).is_file()
}

impl Batch {
    /// A batch with these options.
    pub fn new(options: BatchOptions) -> Self {
        Batch {
            extractor: Extractor::new(options.extract),
            jobs: options.jobs,
            incremental: options.incremental,
        }
    }

    /// Expands `inputs` ([`expand`]) and runs the batch over them into `out`
    /// ([`Batch::run_inputs`]).
    pub fn run(
        &self,
        inputs: &[PathBuf],
        out: &Path,
        progress: impl Fn(Progress<'_>) + Sync,
    ) -> Result<Summary, BatchError> {
        self.run_inputs(&expand(inputs)?, out, progress)
    }

    /// Runs the batch over expanded inputs into `out`: every document in parallel, then
    /// the batch-level files. `progress` is called once at the start and once per
    /// document, from the worker threads.
    pub fn run_inputs(
        &self,
        inputs: &[Input],
        out: &Path,
        progress: impl Fn(Progress<'_>) + Sync,
    ) -> Result<Summary, BatchError> {
        std::fs::create_dir_all(state_dir(out)).map_err(|error| BatchError::OutputFolder {
            path: out.to_path_buf(),
            error,
        })?;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.jobs.unwrap_or(0))
            .build()
            .map_err(|e| BatchError::ThreadPool(e.to_string()))?;
        let total = inputs.len();
        progress(Progress::Start { total });
        let pages_done = AtomicUsize::new(0);
        let failures = AtomicUsize::new(0);
        let counter = AtomicUsize::new(0);
        let outcomes: Vec<Outcome> = pool.install(|| {
            inputs
                .par_iter()
                .map(|input| {
                    let outcome = match self
                        .incremental
                        .then(|| load_entry(out, &input.name))
                        .flatten()
                    {
                        Some(prev)
                            if prev.version == VERSION
                                && prev.document == input.document
                                && unchanged(&input.path, &prev)
                                && output_present(out, &prev) =>
                        {
                            Outcome::Skipped(prev)
                        }
                        _ => {
                            let (e, part) = self.run_one(input, out);
                            // The manifest entry is written after the output, so a kill in
                            // between only means the document is redone next time.
                            let _ = write_json(
                                &state_dir(out).join(format!("{}.json", input.name)),
                                &e,
                            );
                            Outcome::Ran(e, part)
                        }
                    };
                    let (entry, unchanged) = match &outcome {
                        Outcome::Ran(e, _) => (e, false),
                        Outcome::Skipped(e) => (e, true),
                    };
                    let failed = usize::from(!entry.is_ok());
                    progress(Progress::Document {
                        entry,
                        unchanged,
                        done: counter.fetch_add(1, Ordering::Relaxed) + 1,
                        total,
                        pages: pages_done.fetch_add(entry.pages, Ordering::Relaxed) + entry.pages,
                        failed: failures.fetch_add(failed, Ordering::Relaxed) + failed,
                    });
                    outcome
                })
                .collect()
        });
        let processed = outcomes
            .iter()
            .filter(|o| matches!(o, Outcome::Ran(..)))
            .count();
        let (entries, parts): (Vec<Entry>, Vec<Option<BatchPart>>) = outcomes
            .into_iter()
            .map(|o| match o {
                Outcome::Ran(e, part) => (e, part),
                Outcome::Skipped(e) => (e, None),
            })
            .unzip();
        // Inside the pool, so that one job stays one thread here too.
        pool.install(|| write_batch_outputs(out, &entries, parts))?;
        Ok(Summary { entries, processed })
    }

    /// Runs one input; returns its entry, and its [`BatchPart`] when it succeeds. Writes
    /// `OUT/<name>.json` and the document's state when it succeeds.
    fn run_one(&self, input: &Input, out: &Path) -> (Entry, Option<BatchPart>) {
        let display = input.path.display().to_string();
        let failed = |sha: String, e: &Error| Entry {
            name: input.name.clone(),
            document: input.document.clone(),
            input: display.clone(),
            sha256: sha,
            version: VERSION.into(),
            status: Status::Failed,
            error_kind: Some(e.kind().into()),
            error: Some(e.to_string()),
            pages: 0,
            ocr_pages: 0,
            failed_checks: 0,
            accounting: Default::default(),
        };
        let bytes = match std::fs::read(&input.path) {
            Ok(b) => b,
            Err(e) => return (failed(String::new(), &Error::Read(e)), None),
        };
        let doc = match self.extractor.extract_bytes(&input.document, &bytes) {
            Ok(d) => d,
            Err(e) => return (failed(crate::sha256_hex(&bytes), &e), None),
        };
        drop(bytes);
        let sha = doc.source.sha256.clone();
        let entry = Entry {
            name: input.name.clone(),
            document: input.document.clone(),
            input: display.clone(),
            sha256: sha.clone(),
            version: VERSION.into(),
            status: Status::Ok,
            error_kind: None,
            error: None,
            pages: doc.source.pages,
            ocr_pages: doc.ocr_pages(),
            failed_checks: doc.failed_checks(),
            accounting: doc.records.accounting,
        };
        // The document JSON is streamed into its file (never held whole: 250 MB for
        // 10,000 pages) while the batch-level pieces are made beside it; the document
        // is dropped before the pieces are encoded for the sidecars.
        let main = out.join(format!("{}.json", input.name));
        let (written, pieces) = rayon::join(
            || {
                gongkai_export::write_atomic_with(&main, |w| {
                    doc.write_json(w).map_err(std::io::Error::other)
                })
                .map_err(|e| e.to_string())
            },
            || rayon::join(|| doc.to_record_line(), || crate::long::rows(&doc)),
        );
        drop(doc);
        if let Err(e) = written {
            return (failed(sha, &Error::Write(e)), None);
        }
        let (line, rows) = match pieces {
            (Ok(line), rows) => (line, rows),
            (Err(e), _) => return (failed(sha, &Error::Write(e.to_string())), None),
        };
        let (csv_sidecar, csv) = match encode_rows(&rows) {
            Ok(s) => s,
            Err(e) => return (failed(sha, &Error::Write(e)), None),
        };
        let state = state_dir(out);
        let write = |path: PathBuf, bytes: &[u8]| {
            gongkai_export::write_atomic(&path, bytes).map_err(|e| e.to_string())
        };
        let written = write(state.join(format!("{}.line.json", input.name)), &line)
            .and_then(|()| write(state.join(format!("{}.csv.json", input.name)), &csv_sidecar));
        drop(csv_sidecar);
        if let Err(e) = written {
            return (failed(sha, &Error::Write(e)), None);
        }
        (entry, Some(BatchPart { line, csv, rows }))
    }
}

/// A document's CSV rows encoded per key, as [`csv_chunks`] makes them.
type CsvChunks = Vec<(String, Vec<u8>)>;

/// A document's long rows as the state sidecar holds them and encoded per CSV key
/// ([`csv_chunks`]), side by side.
fn encode_rows(rows: &[(String, Vec<String>)]) -> Result<(Vec<u8>, CsvChunks), String> {
    let (sidecar, chunks) = rayon::join(
        || {
            gongkai_export::pretty_array(rows, 0).map(|mut bytes| {
                bytes.push(b'\n');
                bytes
            })
        },
        || csv_chunks(rows),
    );
    Ok((sidecar.map_err(|e| e.to_string())?, chunks?))
}

/// The rows of one document encoded as CSV lines per key (the rows of a key in their
/// order), keys in order: what the document adds to each batch-level CSV.
fn csv_chunks(rows: &[(String, Vec<String>)]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut by_key: std::collections::BTreeMap<&str, Vec<&[String]>> =
        std::collections::BTreeMap::new();
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

/// Writes `OUT/parquet/<table>.parquet`, atomically: the long table `key` of every
/// document, the rows of its CSV.
fn write_parquet(out: &Path, key: &str, rows: &[&[String]]) -> Result<(), BatchError> {
    let file = crate::long::file_name(key);
    let stem = file.strip_suffix(".csv").unwrap_or(&file);
    let path = out.join("parquet").join(format!("{stem}.parquet"));
    let bytes = crate::long::parquet_bytes(key, rows).map_err(|error| BatchError::Parquet {
        path: path.clone(),
        error,
    })?;
    gongkai_export::write_atomic(&path, &bytes)?;
    Ok(())
}

/// Rebuilds the batch-level files from the per-document outputs, in name order, so an
/// interrupted and resumed run ends with the same bytes as an uninterrupted one. `parts`
/// (aligned with `entries`) holds what the documents processed in this run add, the same
/// bytes their sidecars hold; the other documents' sidecars are read back.
fn write_batch_outputs(
    out: &Path,
    entries: &[Entry],
    parts: Vec<Option<BatchPart>>,
) -> Result<(), BatchError> {
    let mut sorted: Vec<(&Entry, Option<BatchPart>)> = entries.iter().zip(parts).collect();
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
        .filter(|(e, _)| e.is_ok())
        .map(|(e, part)| -> Result<BatchPart, BatchError> {
            if let Some(part) = part.take() {
                return Ok(part);
            }
            let line = read(state_dir(out).join(format!("{}.line.json", e.name)))?;
            let p = state_dir(out).join(format!("{}.csv.json", e.name));
            let rows: Vec<(String, Vec<String>)> = serde_json::from_slice(&read(p.clone())?)
                .map_err(|e| BatchError::State {
                    reason: format!("unreadable: {e}"),
                    path: p.clone(),
                })?;
            let csv = csv_chunks(&rows).map_err(|reason| BatchError::State { path: p, reason })?;
            Ok(BatchPart { line, csv, rows })
        })
        .collect::<Result<_, _>>()?;
    let mut lines = Vec::with_capacity(loaded.iter().map(|p| p.line.len()).sum());
    let mut by_key: std::collections::BTreeMap<&str, Vec<&[u8]>> =
        std::collections::BTreeMap::new();
    let mut rows_by_key: std::collections::BTreeMap<&str, Vec<&[String]>> =
        std::collections::BTreeMap::new();
    for part in &loaded {
        lines.extend_from_slice(&part.line);
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
    let (jsonl, (csvs, parquets)) = rayon::join(
        || gongkai_export::write_atomic(&out.join("records.jsonl"), &lines),
        || {
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
        },
    );
    jsonl?;
    csvs?;
    parquets?;
    let sorted: Vec<&Entry> = sorted.into_iter().map(|(e, _)| e).collect();
    let report = serde_json::json!({
        "schema": "gongkai.report/0.1",
        "version": VERSION,
        "documents": sorted.len(),
        "ok": sorted.iter().filter(|e| e.is_ok()).count(),
        "failed": sorted.iter().filter(|e| !e.is_ok()).count(),
        "with_failed_checks": sorted.iter().filter(|e| e.failed_checks > 0).count(),
                "pages": sorted.iter().map(|e| e.pages).sum::<usize>(),
        "accounting": {
            "numeric_cells": sorted.iter().map(|e| e.accounting.numeric_cells).sum::<usize>(),
            "typed": sorted.iter().map(|e| e.accounting.typed).sum::<usize>(),
            "typed_without_unit": sorted.iter().map(|e| e.accounting.typed_without_unit).sum::<usize>(),
            "unmapped": sorted.iter().map(|e| e.accounting.unmapped).sum::<usize>(),
        },
        "entries": sorted,
    });
    write_json(&out.join("report.json"), &report)?;
    Ok(())
}
