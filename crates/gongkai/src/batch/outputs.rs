//! The batch-level files: records.jsonl, csv/, parquet/ and report.json, rebuilt at the
//! end of every run from the documents it reports, so that they describe exactly those
//! documents (files of table types no document has any more are removed).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use gongkai_export::{write_json, AtomicFile};
use rayon::prelude::*;

use super::state::state_dir;
use super::{BatchError, Entry, Status};
use crate::VERSION;

/// Writes a document's files — its JSON `main`, then the sidecars `line` (its
/// records.jsonl line) and `csv` (its long-table rows as pretty JSON, read back when the
/// batch-level CSV and Parquet files are written). One piece is made at a time and what
/// the next one does not need is dropped first: the JSON is streamed from the whole
/// document, then the pages and tables are dropped, the line is streamed from the
/// records, and the rows are made and written a batch at a time. For a document of
/// 10,000 pages these pieces are 250, 48 and 73 MB; the rows alone were 118 MB of heap
/// when made whole.
pub(crate) fn write_parts(
    doc: crate::Document,
    main: &Path,
    line: &Path,
    csv: &Path,
) -> Result<(), String> {
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
    gongkai_export::write_atomic_with(csv, |w| {
        let mut rows = RowsWriter {
            w,
            batch: Vec::new(),
            any: false,
            error: None,
        };
        crate::long::for_each_row(&source.file, &records, |row| rows.push(row));
        rows.finish()
    })
    .map_err(|e| e.to_string())
}

/// Writes rows as `gongkai_export::write_pretty_array` writes them at depth 0 (and a
/// line break), as they come: a batch of rows is serialised in parallel on the current
/// rayon pool and written in order.
struct RowsWriter<'a> {
    w: &'a mut dyn Write,
    batch: Vec<(String, Vec<String>)>,
    /// Whether a row was written (the array is open).
    any: bool,
    /// The first failure; the rows after it are dropped.
    error: Option<std::io::Error>,
}

impl RowsWriter<'_> {
    /// Rows serialised side by side.
    const BATCH: usize = 1024;

    fn push(&mut self, row: (String, Vec<String>)) {
        if self.error.is_some() {
            return;
        }
        self.batch.push(row);
        if self.batch.len() >= Self::BATCH {
            if let Err(e) = self.flush() {
                self.error = Some(e);
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let parts: Vec<Vec<u8>> = self
            .batch
            .par_iter()
            .map(|row| gongkai_export::pretty_value(row, 1))
            .collect::<Result<_, _>>()
            .map_err(std::io::Error::other)?;
        self.batch.clear();
        for part in parts {
            self.w
                .write_all(if self.any { b",\n  " } else { b"[\n  " })?;
            self.any = true;
            self.w.write_all(&part)?;
        }
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.flush()?;
        self.w.write_all(if self.any { b"\n]\n" } else { b"[]\n" })
    }
}

/// The path of the Parquet file of long table `key`.
fn parquet_path(out: &Path, key: &str) -> PathBuf {
    let file = crate::long::file_name(key);
    let stem = file.strip_suffix(".csv").unwrap_or(&file);
    out.join("parquet").join(format!("{stem}.parquet"))
}

/// One long table being written, row by row: `OUT/csv/<table>.csv` and
/// `OUT/parquet/<table>.parquet`, each atomically (nothing is left of either when the
/// batch fails before [`LongTable::finish`]).
struct LongTable {
    csv_path: PathBuf,
    csv: csv::Writer<AtomicFile>,
    parquet_path: PathBuf,
    parquet: crate::long::ParquetStream<AtomicFile>,
}

impl LongTable {
    /// Starts both files of long table `key` (the CSV with its header).
    fn create(out: &Path, key: &str) -> Result<Self, BatchError> {
        let csv_path = out.join("csv").join(crate::long::file_name(key));
        let mut file = AtomicFile::create(&csv_path)?;
        // The byte order mark: a spreadsheet on a Chinese Windows opens the file as UTF-8
        // (without it, as GBK: mojibake); pandas reads it away.
        file.write_all(crate::long::CSV_BOM).map_err(|source| {
            BatchError::Write(gongkai_export::ExportError::Io {
                path: csv_path.clone(),
                source,
            })
        })?;
        let mut csv = csv::Writer::from_writer(file);
        csv.write_record(crate::long::header(key))
            .map_err(|source| csv_error(&csv_path, source))?;
        let parquet_path = parquet_path(out, key);
        let parquet = crate::long::ParquetStream::new(key, AtomicFile::create(&parquet_path)?)
            .map_err(|error| BatchError::Parquet {
                path: parquet_path.clone(),
                error,
            })?;
        Ok(LongTable {
            csv_path,
            csv,
            parquet_path,
            parquet,
        })
    }

    /// Adds a row to both files.
    fn push(&mut self, row: &[String]) -> Result<(), BatchError> {
        self.csv
            .write_record(row)
            .map_err(|source| csv_error(&self.csv_path, source))?;
        self.parquet.push(row).map_err(|error| BatchError::Parquet {
            path: self.parquet_path.clone(),
            error,
        })
    }

    /// Ends both files, not yet in place: [`AtomicFile::commit`] puts them there once
    /// every file of the batch has been written.
    fn close(self) -> Result<[AtomicFile; 2], BatchError> {
        let csv = self.csv.into_inner().map_err(|e| {
            BatchError::Write(gongkai_export::ExportError::Io {
                path: self.csv_path.clone(),
                source: e.into_error(),
            })
        })?;
        let parquet = self.parquet.finish().map_err(|error| BatchError::Parquet {
            path: self.parquet_path.clone(),
            error,
        })?;
        Ok([csv, parquet])
    }
}

fn csv_error(path: &Path, source: csv::Error) -> BatchError {
    BatchError::Write(gongkai_export::ExportError::Csv {
        path: path.to_path_buf(),
        source,
    })
}

/// Hands each `(key, row)` of a rows sidecar to a function as it is parsed; the
/// function's `Err` stops the parse.
struct EachRow<F>(F);

impl<'de, F: FnMut(String, Vec<String>) -> Result<(), ()>> serde::de::DeserializeSeed<'de>
    for EachRow<F>
{
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(String, Vec<String>) -> Result<(), ()>> serde::de::Visitor<'de> for EachRow<F> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of [key, row]")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while let Some((key, row)) = seq.next_element::<(String, Vec<String>)>()? {
            (self.0)(key, row).map_err(|()| serde::de::Error::custom("stopped"))?;
        }
        Ok(())
    }
}

/// Writes every long table (its CSV and Parquet files) from the rows sidecars of the
/// documents, in the given order: each sidecar is parsed as it is read and each row goes
/// straight to its table's files, so that what is held is a row group per table, not
/// the rows of the batch (for one document of 10,000 pages they were 118 MB, and their
/// CSV text 40 MB more). Returns the keys written and their files, written but not yet
/// in place.
fn write_long_tables(
    out: &Path,
    sidecars: &[PathBuf],
) -> Result<(Vec<String>, Vec<AtomicFile>), BatchError> {
    use serde::de::DeserializeSeed;
    let mut tables: BTreeMap<String, LongTable> = BTreeMap::new();
    for p in sidecars {
        let f = std::fs::File::open(p).map_err(|e| BatchError::State {
            reason: format!("output vanished: {e} (its document is redone on the next run)"),
            path: p.clone(),
        })?;
        let mut de =
            serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, f));
        let mut failed = None;
        let parsed = EachRow(|key: String, row: Vec<String>| {
            let table = match tables.entry(key) {
                std::collections::btree_map::Entry::Occupied(t) => t.into_mut(),
                std::collections::btree_map::Entry::Vacant(v) => {
                    match LongTable::create(out, v.key()) {
                        Ok(t) => v.insert(t),
                        Err(e) => {
                            failed = Some(e);
                            return Err(());
                        }
                    }
                }
            };
            table.push(&row).map_err(|e| {
                failed = Some(e);
            })
        })
        .deserialize(&mut de)
        .and_then(|()| de.end());
        if let Some(e) = failed {
            return Err(e);
        }
        parsed.map_err(|e| BatchError::State {
            reason: format!("unreadable: {e} (its document is redone on the next run)"),
            path: p.clone(),
        })?;
    }
    let keys = tables.keys().cloned().collect();
    let files: Vec<[AtomicFile; 2]> = tables
        .into_par_iter()
        .map(|(_, table)| table.close())
        .collect::<Result<_, _>>()?;
    Ok((keys, files.into_iter().flatten().collect()))
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
/// interrupted and resumed run ends with the same bytes as an uninterrupted one: every
/// document's sidecars are read back (this run's too), streamed into the files.
pub(crate) fn write_batch_outputs(out: &Path, report: &Report<'_>) -> Result<(), BatchError> {
    let mut sorted: Vec<&Entry> = report.entries.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let written: Vec<&Entry> = sorted
        .iter()
        .copied()
        .filter(|e| e.status != Status::Failed)
        .collect();
    let sidecars: Vec<PathBuf> = written
        .iter()
        .map(|e| state_dir(out).join(format!("{}.csv.json", e.name)))
        .collect();
    // records.jsonl is the documents' line sidecars one after the other, copied into it
    // (the lines of a large document are tens of megabytes: never all held), beside the
    // long tables.
    let line_files: Vec<PathBuf> = written
        .iter()
        .map(|e| state_dir(out).join(format!("{}.line.json", e.name)))
        .collect();
    let write_lines = || -> Result<AtomicFile, BatchError> {
        let path = out.join("records.jsonl");
        let io_error = |source| {
            BatchError::Write(gongkai_export::ExportError::Io {
                path: path.clone(),
                source,
            })
        };
        let mut jsonl = AtomicFile::create(&path)?;
        for p in &line_files {
            let mut f = std::fs::File::open(p).map_err(|e| BatchError::State {
                reason: format!("output vanished: {e} (its document is redone on the next run)"),
                path: p.clone(),
            })?;
            std::io::copy(&mut f, &mut jsonl).map_err(io_error)?;
        }
        Ok(jsonl)
    };
    // Every batch-level file is written in full before any is put in place: an unreadable
    // sidecar leaves records.jsonl, csv/ and parquet/ as they were, all of them.
    let (jsonl, long) = rayon::join(write_lines, || write_long_tables(out, &sidecars));
    let jsonl = jsonl?;
    let (keys, long_files) = long?;
    jsonl.commit()?;
    for f in long_files {
        f.commit()?;
    }
    let csv_files: Vec<PathBuf> = keys
        .iter()
        .map(|key| out.join("csv").join(crate::long::file_name(key)))
        .collect();
    let parquet_files: Vec<PathBuf> = keys.iter().map(|key| parquet_path(out, key)).collect();
    remove_others(&out.join("csv"), "csv", &csv_files)?;
    remove_others(&out.join("parquet"), "parquet", &parquet_files)?;
    let count = |s: Status| sorted.iter().filter(|e| e.status == s).count();
    let sum = |f: fn(&Entry) -> usize| sorted.iter().map(|e| f(e)).sum::<usize>();
    let documents = |v: &[Entry]| v.iter().map(|e| e.document.clone()).collect::<Vec<_>>();
    // Inputs of the same bytes under other names (a re-upload, a copy): each group in name
    // order, so that a reader adding up the long tables can drop all but one.
    let mut by_hash: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for e in sorted.iter().filter(|e| !e.sha256.is_empty()) {
        by_hash
            .entry(&e.sha256)
            .or_default()
            .push(e.document.clone());
    }
    let mut duplicates: Vec<Vec<String>> = by_hash.into_values().filter(|g| g.len() > 1).collect();
    duplicates.sort();
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
        "with_failed_arithmetic": sorted.iter().filter(|e| e.failed_arithmetic > 0).count(),
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
        "duplicates": duplicates,
        "removed": documents(report.removed),
        "kept_removed": documents(report.kept),
        "entries": sorted,
    });
    write_json(&out.join("report.json"), &report)?;
    Ok(())
}
