//! The batch job behind `gongkai extract`: parallel over documents (and pages of large
//! ones), each behind a panic guard and a time limit, with atomic outputs, an
//! incremental state and a report. A failed document never stops the batch.
//!
//! A run over inputs (files, folders searched recursively, glob patterns: [`expand`])
//! writes into the output folder:
//! - `<name>.json` per document ([`crate::Document::write_json`], streamed);
//! - `records.jsonl`, one line per document ([`crate::Document::to_record_line`]);
//! - `csv/`, the long tables of every document ([`crate::long`]), and `parquet/`, the same
//!   tables as Parquet ([`crate::long::parquet_bytes`]: amounts as exact decimals);
//! - `report.json`: the counts, and one [`Entry`] per document;
//! - `.gongkai/done/`, the state of each document (its entry with the [`RunOptions`] that
//!   shaped it, its records line and CSV rows), so that an `incremental` run skips the
//!   documents whose outcome cannot change ([`redo`]) and a killed run resumes to the
//!   same bytes as an uninterrupted one.
//!
//! `records.jsonl`, `csv/`, `parquet/` and `report.json` always describe the same
//! documents: those of this run's inputs (and, with [`BatchOptions::keep_removed`], the
//! documents of earlier runs whose inputs are gone). The outputs of a document no longer
//! among the inputs are removed and reported ([`Summary::removed`]).
//!
//! A document is `ok` (every page read), `partial` (some pages unreadable, or image-only
//! pages left unread for want of OCR) or `failed` ([`Status`]).
//!
//! A run stops early when [`BatchOptions::cancel`] is set (by a signal handler): the
//! documents in progress are dropped (nothing of theirs is written), the batch-level files
//! are written for the documents done, and [`Summary::interrupted`] says so.
//!
//! ```no_run
//! use gongkai::batch::{Batch, BatchOptions};
//! let batch = Batch::new(BatchOptions::default());
//! let summary = batch.run(&["samples".into()], "out".as_ref(), |_| {})?;
//! println!("{} failed", summary.failed().count());
//! # Ok::<(), gongkai::batch::BatchError>(())
//! ```

mod inputs;
mod outputs;
mod state;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use gongkai_export::write_json;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use inputs::{expand, Input};
pub use state::{redo, Redo};

use crate::{Error, Extractor, Options, VERSION};
use state::state_dir;

/// How a batch runs.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    /// How each document is read.
    pub extract: Options,
    /// Worker threads; `None` or 0: all cores.
    pub jobs: Option<usize>,
    /// Skip the documents done before whose outcome cannot change ([`redo`]).
    pub incremental: bool,
    /// Keep the outputs of documents no longer among the inputs (they stay in the
    /// batch-level files too); by default they are removed.
    pub keep_removed: bool,
    /// When set (e.g. by a SIGINT handler), the batch starts no more documents, drops
    /// those in progress and writes the batch-level files for the documents done.
    pub cancel: Option<Arc<AtomicBool>>,
}

/// Why a batch could not run or could not write its batch-level files (a document's own
/// failure is an [`Entry`], not this).
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The inputs hold no PDF (empty folders, only other files).
    #[error("no PDF found in {}", .inputs.join(", "))]
    NoInput {
        /// The inputs as given.
        inputs: Vec<String>,
    },
    /// An input that does not exist and does not name a PDF: a folder that is not there
    /// (not mounted, misspelt).
    #[error("{}: no such file or folder", path.display())]
    Missing {
        /// The input as given.
        path: PathBuf,
    },
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
    /// Another run is writing into the same output folder (it holds
    /// `OUT/.gongkai/lock`): two runs at once would leave files that disagree.
    #[error("{}: output folder in use by another gongkai run{}", path.display(), holder.as_deref().map(|h| format!(" ({h})")).unwrap_or_default())]
    Busy {
        /// The output folder.
        path: PathBuf,
        /// What the lock file says of its holder (`pid N`), when it says.
        holder: Option<String>,
    },
    /// The output folder's lock could not be taken for a reason other than another run.
    #[error("{}: cannot lock output folder: {error}", path.display())]
    Lock {
        /// The lock file.
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
    /// A batch-level file could not be written, or an output of a removed document could
    /// not be removed.
    #[error(transparent)]
    Write(#[from] gongkai_export::ExportError),
}

impl BatchError {
    /// True when the inputs were wrong (none found, a folder that cannot be listed, a bad
    /// or empty pattern): a usage error, not a failure of the run.
    pub fn is_input(&self) -> bool {
        matches!(
            self,
            BatchError::NoInput { .. }
                | BatchError::Missing { .. }
                | BatchError::ListFolder { .. }
                | BatchError::BadPattern { .. }
                | BatchError::NoMatch { .. }
        )
    }
}

/// How a document went through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Every page read, outputs written.
    Ok,
    /// Outputs written, but some pages were not read, or not wholly: unreadable pages
    /// ([`Entry::pages_failed`]) or image-only pages left unread for want of OCR
    /// ([`Entry::pages_need_ocr`]); [`Entry::page_warnings`] says which and why.
    Partial,
    /// Not extracted, or its outputs not written: [`Entry::error_kind`] says why.
    Failed,
}

/// The options that shaped a document's outcome, recorded with it: an incremental run
/// compares them with its own ([`redo`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunOptions {
    /// A password was given (the password itself is not recorded).
    pub password: bool,
    /// Tesseract languages when OCR was on; `None`: OCR off.
    pub ocr: Option<String>,
    /// OCR was on and Tesseract ran with those languages.
    pub ocr_available: bool,
    /// The time limit per document, in seconds.
    pub timeout_s: Option<f64>,
}

impl RunOptions {
    /// The options of a run with these extraction options; probes Tesseract when OCR
    /// is on.
    pub fn of(options: &Options) -> Self {
        RunOptions {
            password: options.password.is_some(),
            ocr: options.ocr.as_ref().map(|o| o.lang.clone()),
            ocr_available: options
                .ocr
                .as_ref()
                .is_some_and(|o| gongkai_ocr::tesseract::probe(&o.tesseract, &o.lang).is_ok()),
            timeout_s: options.timeout.map(|t| t.as_secs_f64()),
        }
    }

    /// OCR is on and Tesseract found.
    pub fn ocr_possible(&self) -> bool {
        self.ocr.is_some() && self.ocr_available
    }
}

/// A page warning that says some of the page was not read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageProblem {
    /// The page (1-based).
    pub page: u32,
    /// The warning (`needs_ocr: …` for an image-only page left unread).
    pub warning: String,
}

/// One document's line of `report.json` and its entry in the state: what happened to
/// it, and under which options.
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
    /// `ok`, `partial` or `failed`.
    pub status: Status,
    /// Error kind when failed ([`Error::kind`]).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error_kind: Option<String>,
    /// Error message when failed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<String>,
    /// Pages in the document.
    pub pages: usize,
    /// Pages read by OCR.
    #[serde(default)]
    pub pages_ocr: usize,
    /// Image-only pages left unread (OCR off, Tesseract missing, or OCR failed).
    #[serde(default)]
    pub pages_need_ocr: usize,
    /// Pages that could not be read, or not wholly.
    #[serde(default)]
    pub pages_failed: usize,
    /// The warnings of the pages not read, or not wholly, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_warnings: Vec<PageProblem>,
    /// Identity checks that failed (status `fail` or `unit_mismatch`): a document to look at
    /// before publishing its figures.
    #[serde(default)]
    pub failed_checks: usize,
    /// Of them, those of severity `error`: figures that do not add up (the others are a
    /// missing table, a narrative figure, an unmapped value …).
    #[serde(default)]
    pub failed_arithmetic: usize,
    /// Gaps within rounding that the document's rounding model calls `suspect` (a slip of
    /// the last digit likelier than rounding): figures to look at, not failed checks.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub suspect_checks: usize,
    /// How the numbers of its typed tables were accounted for: numeric cells, typed
    /// values, values without a yuan figure (unit unknown), unmapped values.
    #[serde(default)]
    pub accounting: gongkai_disclosure::Accounting,
    /// The options it was done under (`None` in the state of an older build).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<RunOptions>,
}

impl Entry {
    /// True when the document went through with every page read.
    pub fn is_ok(&self) -> bool {
        self.status == Status::Ok
    }

    /// True when its outputs could not be written.
    pub fn is_write_failure(&self) -> bool {
        self.status == Status::Failed && self.error_kind.as_deref() == Some("write")
    }
}

/// What a front end hears while a batch runs, on the thread that called [`Batch::run`].
/// Documents finish in any order; the counts are running totals.
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    /// The inputs are expanded: `total` documents to go.
    Start {
        /// Documents in the batch.
        total: usize,
    },
    /// A document is being read (it may still turn out unchanged).
    Started {
        /// The document.
        input: &'a Input,
    },
    /// A document is done (processed, or skipped as unchanged).
    Document {
        /// Its entry.
        entry: &'a Entry,
        /// True when it was skipped as unchanged (an incremental run).
        unchanged: bool,
        /// Why it was done again, when it was seen before (an incremental run).
        redo: Option<Redo>,
        /// Documents done so far, this one included.
        done: usize,
        /// Documents in the batch.
        total: usize,
        /// Pages of the documents done so far.
        pages: usize,
        /// Partial documents so far.
        partial: usize,
        /// Failed documents so far.
        failed: usize,
    },
}

/// What a batch did.
#[derive(Debug)]
pub struct Summary {
    /// One entry per document done, in input order (every input unless interrupted).
    pub entries: Vec<Entry>,
    /// Documents processed in this run (the others were unchanged).
    pub processed: usize,
    /// Output names of the documents left as an earlier run made them (input and options
    /// unchanged): a failure among them is an old one.
    pub unchanged: Vec<String>,
    /// Documents of earlier runs no longer among the inputs, whose outputs were removed.
    pub removed: Vec<Entry>,
    /// Documents of earlier runs no longer among the inputs, whose outputs were kept
    /// ([`BatchOptions::keep_removed`]); they are in the batch-level files too.
    pub kept: Vec<Entry>,
    /// True when the run was cancelled: [`Summary::not_done`] inputs were not done.
    pub interrupted: bool,
    /// Inputs not done (dropped in progress, or not started) because of a cancel.
    pub not_done: usize,
    /// Temporary files of an earlier, killed run that were removed.
    pub temp_removed: usize,
    /// The options of this run.
    pub options: RunOptions,
    /// Why the batch-level files (records.jsonl, csv/, parquet/, report.json) could not
    /// be written, if they could not.
    pub write_error: Option<BatchError>,
}

impl Summary {
    /// The documents that failed.
    pub fn failed(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.status == Status::Failed)
    }

    /// The documents that went through with some pages not read.
    pub fn partial(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.status == Status::Partial)
    }

    /// The documents with failed identity checks.
    pub fn flagged(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.failed_checks > 0)
    }

    /// The documents with gaps within rounding that look like a slip of the last digit.
    pub fn suspect(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.suspect_checks > 0)
    }

    /// True when some output could not be written: a document's (entry kind `write`)
    /// or a batch-level file.
    pub fn write_failed(&self) -> bool {
        self.write_error.is_some() || self.entries.iter().any(Entry::is_write_failure)
    }

    /// Pages of all documents.
    pub fn pages(&self) -> usize {
        self.entries.iter().map(|e| e.pages).sum()
    }

    /// Pages read by OCR.
    pub fn pages_ocr(&self) -> usize {
        self.entries.iter().map(|e| e.pages_ocr).sum()
    }

    /// Image-only pages left unread.
    pub fn pages_need_ocr(&self) -> usize {
        self.entries.iter().map(|e| e.pages_need_ocr).sum()
    }

    /// Pages that could not be read, or not wholly.
    pub fn pages_failed(&self) -> usize {
        self.entries.iter().map(|e| e.pages_failed).sum()
    }
}

/// A batch with fixed options; [`Batch::run`] runs it over inputs into an output folder.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    extractor: Extractor,
    jobs: Option<usize>,
    incremental: bool,
    keep_removed: bool,
    cancel: Option<Arc<AtomicBool>>,
}

/// A document's result: its entry, whether it was skipped as unchanged, and why it was
/// done again.
struct Done {
    entry: Entry,
    unchanged: bool,
    redo: Option<Redo>,
}

/// What the workers tell the thread that runs the batch.
enum Message {
    Started(usize),
    Done(usize, Box<Done>),
}

/// Lets the workers write only while the batch is open: once [`Gate::close`] returns, no
/// worker writes anything more (a cancelled batch drops the documents in progress).
#[derive(Default)]
struct Gate {
    closed: AtomicBool,
    writing: AtomicUsize,
}

impl Gate {
    /// Runs `write` unless the gate is closed; returns whether it ran.
    fn write(&self, write: impl FnOnce()) -> bool {
        self.writing.fetch_add(1, Ordering::SeqCst);
        let open = !self.closed.load(Ordering::SeqCst);
        if open {
            write();
        }
        self.writing.fetch_sub(1, Ordering::SeqCst);
        open
    }

    /// Closes the gate and waits for the writes in progress.
    fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
        while self.writing.load(Ordering::SeqCst) > 0 {
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

/// What the workers share.
struct Shared {
    batch: Batch,
    inputs: Vec<Input>,
    out: PathBuf,
    /// The state of the inputs' names from earlier runs.
    previous: BTreeMap<String, Entry>,
    options: RunOptions,
    gate: Gate,
}

impl Shared {
    fn cancelled(&self) -> bool {
        self.batch
            .cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::SeqCst))
    }

    /// Does one input (or skips it as unchanged) and reports it through `tx`, unless the
    /// gate closed meanwhile.
    fn document(&self, i: usize, tx: &mpsc::Sender<Message>) {
        if self.cancelled() {
            return;
        }
        let _ = tx.send(Message::Started(i));
        let input = &self.inputs[i];
        let previous = self.previous.get(&input.name);
        let redo = match previous {
            Some(prev) if self.batch.incremental => {
                redo_reason(&self.out, input, prev, &self.options)
            }
            _ => None,
        };
        if let (Some(prev), None, true) = (previous, redo, self.batch.incremental) {
            let mut entry = prev.clone();
            entry.input = input.path.display().to_string();
            let done = Done {
                entry,
                unchanged: true,
                redo: None,
            };
            self.gate.write(|| {
                let _ = tx.send(Message::Done(i, Box::new(done)));
            });
            return;
        }
        // A panic outside the extractor's own guard (serialising, writing) fails this
        // document only.
        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.batch.run_one(input, &self.options)
        }))
        .unwrap_or_else(|p| {
            let e = Error::Pdf(gongkai_pdf::PdfError::Panic(panic_text(&p)));
            Err(Box::new(failed_entry(
                input,
                String::new(),
                &e,
                &self.options,
            )))
        });
        self.gate.write(|| {
            let entry = write_document(&self.out, input, &self.options, ran);
            let redo = previous
                .filter(|_| self.batch.incremental)
                .map(|_| redo.unwrap_or(Redo::Changed));
            let done = Done {
                entry,
                unchanged: false,
                redo,
            };
            let _ = tx.send(Message::Done(i, Box::new(done)));
        });
    }
}

/// Why a document seen before must be done again, bytes and outputs included; `None`
/// when it is unchanged.
fn redo_reason(out: &Path, input: &Input, prev: &Entry, now: &RunOptions) -> Option<Redo> {
    if prev.document != input.document {
        return Some(Redo::Changed);
    }
    if let Some(r) = redo(prev, now) {
        return Some(r);
    }
    if !state::outputs_present(out, prev) {
        return Some(Redo::OutputMissing);
    }
    let same = std::fs::read(&input.path).is_ok_and(|b| crate::sha256_hex(&b) == prev.sha256);
    (!same).then_some(Redo::Changed)
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}

/// The entry of a document that failed with `e`.
fn failed_entry(input: &Input, sha256: String, e: &Error, options: &RunOptions) -> Entry {
    Entry {
        name: input.name.clone(),
        document: input.document.clone(),
        input: input.path.display().to_string(),
        sha256,
        version: VERSION.into(),
        status: Status::Failed,
        error_kind: Some(e.kind().into()),
        error: Some(e.to_string()),
        pages: 0,
        pages_ocr: 0,
        pages_need_ocr: 0,
        pages_failed: 0,
        page_warnings: Vec::new(),
        failed_checks: 0,
        failed_arithmetic: 0,
        suspect_checks: 0,
        accounting: Default::default(),
        options: Some(options.clone()),
    }
}

/// A document extracted, not yet written: its entry and the document itself, whose
/// files are made and written one at a time ([`outputs::write_parts`]), then it is
/// dropped.
struct Prepared {
    entry: Entry,
    doc: crate::Document,
}

/// Writes a document's files, then its entry into the state (after the outputs, so that
/// a kill in between only means the document is redone next time). A write that fails
/// fails the document (kind `write`): it is tried again on the next run.
fn write_document(
    out: &Path,
    input: &Input,
    options: &RunOptions,
    ran: Result<Prepared, Box<Entry>>,
) -> Entry {
    let write_failed = |entry: &Entry, e: String| Entry {
        pages: entry.pages,
        ..failed_entry(
            input,
            entry.sha256.clone(),
            &Error::Write(format!("output not written: {e}")),
            options,
        )
    };
    let (entry, written) = match ran {
        // The files of an earlier run that went through no longer describe the input.
        Err(entry) => match state::remove_outputs(out, &input.name) {
            Ok(()) => (*entry, false),
            Err(e) => (write_failed(&entry, e.to_string()), false),
        },
        Ok(p) => {
            let state = state_dir(out);
            match outputs::write_parts(
                p.doc,
                &out.join(format!("{}.json", input.name)),
                &state.join(format!("{}.line.json", input.name)),
                &state.join(format!("{}.csv.json", input.name)),
            ) {
                Ok(()) => (p.entry, true),
                Err(e) => {
                    // Half-written parts would mix this run's files with an earlier one's.
                    let _ = state::remove_outputs(out, &input.name);
                    (write_failed(&p.entry, e), false)
                }
            }
        }
    };
    let state = state_dir(out).join(format!("{}.json", input.name));
    match write_json(&state, &entry) {
        // Without its entry the document is redone next time anyway; it is reported as
        // not written, so that the exit status says so.
        Err(e) if written => write_failed(&entry, e.to_string()),
        _ => entry,
    }
}

impl Batch {
    /// A batch with these options.
    pub fn new(options: BatchOptions) -> Self {
        Batch {
            extractor: Extractor::new(options.extract),
            jobs: options.jobs,
            incremental: options.incremental,
            keep_removed: options.keep_removed,
            cancel: options.cancel,
        }
    }

    /// Expands `inputs` ([`expand`]) and runs the batch over them into `out`
    /// ([`Batch::run_inputs`]).
    pub fn run(
        &self,
        inputs: &[PathBuf],
        out: &Path,
        progress: impl FnMut(Progress<'_>),
    ) -> Result<Summary, BatchError> {
        self.run_inputs(&expand(inputs)?, out, progress)
    }

    /// Runs the batch over expanded inputs into `out`: every document in parallel, then
    /// the batch-level files. `progress` is called on this thread, once at the start,
    /// once when a document starts and once when it is done.
    ///
    /// An error is returned only when nothing could be done (no input, no output
    /// folder); a failure to write the batch-level files is [`Summary::write_error`].
    pub fn run_inputs(
        &self,
        inputs: &[Input],
        out: &Path,
        mut progress: impl FnMut(Progress<'_>),
    ) -> Result<Summary, BatchError> {
        if inputs.is_empty() {
            return Err(BatchError::NoInput { inputs: Vec::new() });
        }
        std::fs::create_dir_all(state_dir(out)).map_err(|error| BatchError::OutputFolder {
            path: out.to_path_buf(),
            error,
        })?;
        // Held until the run returns; the system lets it go if the process is killed.
        let _lock = state::lock(out)?;
        let temp_removed = state::remove_stale_temps(&[
            out.to_path_buf(),
            out.join("csv"),
            out.join("parquet"),
            state_dir(out),
        ]);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.jobs.unwrap_or(0))
            .build()
            .map_err(|e| BatchError::ThreadPool(e.to_string()))?;
        let mut previous = state::load_all(out);
        let names: std::collections::BTreeSet<&str> =
            inputs.iter().map(|i| i.name.as_str()).collect();
        let gone: Vec<Entry> = {
            let gone: Vec<String> = previous
                .keys()
                .filter(|n| !names.contains(n.as_str()))
                .cloned()
                .collect();
            gone.iter().filter_map(|n| previous.remove(n)).collect()
        };
        let options = RunOptions::of(self.extractor.options());
        let total = inputs.len();
        progress(Progress::Start { total });
        let shared = Arc::new(Shared {
            batch: self.clone(),
            inputs: inputs.to_vec(),
            out: out.to_path_buf(),
            previous,
            options: options.clone(),
            gate: Gate::default(),
        });
        let (tx, rx) = mpsc::channel();
        {
            let shared = Arc::clone(&shared);
            pool.spawn(move || {
                (0..shared.inputs.len())
                    .into_par_iter()
                    .for_each_with(tx, |tx, i| shared.document(i, tx));
            });
        }
        let mut results: Vec<Option<Done>> = (0..total).map(|_| None).collect();
        let (mut done, mut pages, mut partial, mut failed) = (0, 0, 0, 0);
        let mut interrupted = false;
        let mut handle = |m: Message, results: &mut Vec<Option<Done>>| match m {
            Message::Started(i) => progress(Progress::Started { input: &inputs[i] }),
            Message::Done(i, d) => {
                done += 1;
                pages += d.entry.pages;
                partial += usize::from(d.entry.status == Status::Partial);
                failed += usize::from(d.entry.status == Status::Failed);
                progress(Progress::Document {
                    entry: &d.entry,
                    unchanged: d.unchanged,
                    redo: d.redo,
                    done,
                    total,
                    pages,
                    partial,
                    failed,
                });
                results[i] = Some(*d);
            }
        };
        loop {
            if shared.cancelled() {
                interrupted = true;
                // Nothing is written after this; what was written is in the channel.
                shared.gate.close();
                while let Ok(m) = rx.try_recv() {
                    handle(m, &mut results);
                }
                break;
            }
            match rx.recv_timeout(Duration::from_millis(50)) {
                Ok(m) => handle(m, &mut results),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        // A cancel seen by the workers only (they skipped the documents left, and the
        // channel closed before this loop looked at the flag) is an interruption too.
        let not_done = results.iter().filter(|r| r.is_none()).count();
        interrupted |= not_done > 0 && shared.cancelled();
        let processed = results.iter().flatten().filter(|d| !d.unchanged).count();
        let unchanged: Vec<String> = results
            .iter()
            .flatten()
            .filter(|d| d.unchanged)
            .map(|d| d.entry.name.clone())
            .collect();
        let mut entries: Vec<Entry> = results.into_iter().flatten().map(|d| d.entry).collect();
        let summary_entries = entries.clone();
        // Documents no longer among the inputs: removed, or kept with their outputs (a
        // failed one has none to keep). An interrupted run removes nothing.
        let (mut removed, mut kept) = (Vec::new(), Vec::new());
        let mut write_error = None;
        if !interrupted {
            for e in gone {
                if self.keep_removed
                    && e.status != Status::Failed
                    && state::outputs_present(out, &e)
                {
                    kept.push(e);
                } else {
                    if let Err(error) = state::remove_document(out, &e.name) {
                        write_error.get_or_insert(BatchError::Write(
                            gongkai_export::ExportError::Io {
                                path: out.join(format!("{}.json", e.name)),
                                source: error,
                            },
                        ));
                    }
                    removed.push(e);
                }
            }
        }
        entries.extend(kept.iter().cloned());
        let report = outputs::Report {
            entries: &entries,
            removed: &removed,
            kept: &kept,
            interrupted,
            not_done,
        };
        // Inside the pool, so that one job stays one thread here too; after a cancel its
        // threads may still be busy with the dropped documents, so outside it.
        let written = if interrupted {
            outputs::write_batch_outputs(out, &report)
        } else {
            pool.install(|| outputs::write_batch_outputs(out, &report))
        };
        if let Err(e) = written {
            // A damaged or missing sidecar: its document's entry goes, so that the next
            // run redoes it (else every `--incremental` run would fail on it again).
            if let BatchError::State { path, .. } = &e {
                if let Some(name) = state::sidecar_owner(path) {
                    let _ = std::fs::remove_file(state_dir(out).join(format!("{name}.json")));
                }
            }
            write_error.get_or_insert(e);
        }
        Ok(Summary {
            entries: summary_entries,
            processed,
            unchanged,
            removed,
            kept,
            interrupted,
            not_done,
            temp_removed,
            options,
            write_error,
        })
    }

    /// Extracts and serialises one input: what is to be written when it went through,
    /// else its failed entry.
    fn run_one(&self, input: &Input, options: &RunOptions) -> Result<Prepared, Box<Entry>> {
        let failed = |sha: String, e: &Error| Err(Box::new(failed_entry(input, sha, e, options)));
        let bytes = match std::fs::read(&input.path) {
            Ok(b) => b,
            Err(e) => return failed(String::new(), &Error::Read(e)),
        };
        let doc = match self.extractor.extract_bytes(&input.document, &bytes) {
            Ok(d) => d,
            Err(e) => return failed(crate::sha256_hex(&bytes), &e),
        };
        drop(bytes);
        let page_warnings: Vec<PageProblem> = doc
            .page_problems()
            .into_iter()
            .map(|(page, w)| PageProblem {
                page,
                warning: w.to_string(),
            })
            .collect();
        let entry = Entry {
            name: input.name.clone(),
            document: input.document.clone(),
            input: input.path.display().to_string(),
            sha256: doc.source.sha256.clone(),
            version: VERSION.into(),
            status: if doc.is_complete() {
                Status::Ok
            } else {
                Status::Partial
            },
            error_kind: None,
            error: None,
            pages: doc.source.pages,
            pages_ocr: doc.pages_ocr(),
            pages_need_ocr: doc.pages_need_ocr(),
            pages_failed: doc.pages_failed(),
            page_warnings,
            failed_checks: doc.failed_checks(),
            failed_arithmetic: doc.failed_arithmetic(),
            suspect_checks: doc.suspect_checks(),
            accounting: doc.records.accounting,
            options: Some(options.clone()),
        };
        Ok(Prepared { entry, doc })
    }
}

/// For `skip_serializing_if`: a count of nothing is left out.
fn is_zero(n: &usize) -> bool {
    *n == 0
}
