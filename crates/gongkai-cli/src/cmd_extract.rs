//! `gongkai extract`: the batch job (`gongkai::batch`) with a progress bar over pages on a
//! terminal, one line per document otherwise, a summary, and an exit status that says
//! how it went (see `EXIT_STATUS` in main.rs). SIGINT and SIGTERM stop it cleanly.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use gongkai::batch::{Batch, BatchError, BatchOptions, Entry, Progress, Status, Summary};
use indicatif::{ProgressBar, ProgressStyle};

use crate::{say, Failure};

/// Options of `gongkai extract`.
#[derive(clap::Args, Clone)]
pub struct ExtractArgs {
    /// PDF files, folders (searched recursively) or glob patterns.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    #[arg(short = 'o', long = "out")]
    pub out: PathBuf,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    pub jobs: Option<usize>,
    /// Skip documents done before whose outcome cannot change: same bytes, version and
    /// outputs, and not failed for a reason outside the file (I/O, write, time limit),
    /// not waiting for a password or for OCR that is possible now.
    #[arg(long)]
    pub incremental: bool,
    /// Keep the outputs of documents of earlier runs whose inputs are gone (by default
    /// they are removed, and named in the summary and report.json).
    #[arg(long)]
    pub keep_removed: bool,
    /// Per-document time limit in seconds (a positive number, fractions allowed).
    #[arg(long, default_value = "300", value_parser = parse_timeout)]
    pub timeout: Duration,
    /// No progress output (the summary is still printed).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Password tried for encrypted inputs.
    #[arg(long)]
    pub password: Option<String>,
    /// Do not OCR image-only pages (they are reported as `needs_ocr`, the document as
    /// `partial`).
    #[arg(long)]
    pub no_ocr: bool,
    /// Tesseract languages for scanned pages.
    #[arg(long, default_value = gongkai::ocr::DEFAULT_LANG)]
    pub ocr_lang: String,
}

/// `--timeout S`: a positive, finite number of seconds. Zero is refused rather than read
/// as "no limit" or as "time every document out", either of which a user could mean.
fn parse_timeout(text: &str) -> std::result::Result<Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if !seconds.is_finite() || seconds <= 0.0 {
        return Err(format!(
            "the time limit must be a positive number of seconds, not `{text}`"
        ));
    }
    Duration::try_from_secs_f64(seconds).map_err(|e| format!("`{text}`: {e}"))
}

/// A flag set by the first SIGINT or SIGTERM; a second one ends the process at once
/// (exit 130).
fn cancel_on_signals() -> Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let flag = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(signal, 130, Arc::clone(&flag))?;
        signal_hook::flag::register(signal, Arc::clone(&flag))?;
    }
    Ok(flag)
}

/// The progress bar over pages: its length is the pages of the documents done plus an
/// estimate for the others (their number times the mean so far), so rate and ETA are in
/// pages; the documents being read are named after it.
struct Bar {
    bar: ProgressBar,
    reading: Vec<String>,
    /// Documents done, in the batch, failed, partial.
    counts: (usize, usize, usize, usize),
}

impl Bar {
    fn new() -> Self {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {elapsed} [{bar:20}] {pos}/~{len} pages · {rate} · ETA {eta} · {wide_msg}",
            )
            .map(|s| {
                s.with_key(
                    "rate",
                    |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.1} pages/s", state.per_sec());
                    },
                )
            })
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Bar {
            bar,
            reading: Vec::new(),
            counts: (0, 0, 0, 0),
        }
    }

    /// Shows the counts and the documents being read.
    fn show(&self) {
        let (done, total, failed, partial) = self.counts;
        let mut msg = format!("{done}/{total} documents");
        if failed + partial > 0 {
            msg += &format!(" ({failed} failed, {partial} partial)");
        }
        if let Some(first) = self.reading.first() {
            msg += &format!(" · reading {first}");
            if self.reading.len() > 1 {
                msg += &format!(" +{}", self.reading.len() - 1);
            }
        }
        self.bar.set_message(msg);
    }

    /// Takes in one event.
    fn update(&mut self, p: &Progress<'_>) {
        match *p {
            Progress::Start { total } => {
                // One page a document until the first is done: the bar starts empty.
                self.bar.set_length(total as u64);
                self.counts.1 = total;
            }
            Progress::Started { input } => self.reading.push(input.document.clone()),
            Progress::Document {
                entry,
                done,
                total,
                pages,
                partial,
                failed,
                ..
            } => {
                self.reading.retain(|d| d != &entry.document);
                let rest = (total - done) as u64;
                let estimate = pages as u64 + rest * pages as u64 / done.max(1) as u64;
                self.bar.set_length(estimate.max(pages as u64));
                self.bar.set_position(pages as u64);
                self.counts = (done, total, failed, partial);
            }
        }
        self.show();
    }
}

/// The line for a document done, when stderr is not a terminal.
fn document_line(p: &Progress<'_>) -> Option<String> {
    let Progress::Document {
        entry,
        unchanged,
        redo,
        done,
        total,
        ..
    } = p
    else {
        return None;
    };
    let note = match (redo, unchanged) {
        (Some(r), _) => format!("; redone: {r}"),
        (None, true) => "; unchanged".into(),
        (None, false) => String::new(),
    };
    Some(match entry.status {
        Status::Failed => format!(
            "[{done}/{total}] FAILED {}: {}{note}",
            entry.input,
            entry.error.as_deref().unwrap_or("?")
        ),
        Status::Partial => format!(
            "[{done}/{total}] PARTIAL {} ({}: {}{note})",
            entry.input,
            pages(entry.pages),
            unread(entry)
        ),
        Status::Ok if *unchanged => format!(
            "[{done}/{total}] unchanged {} ({})",
            entry.input,
            pages(entry.pages)
        ),
        Status::Ok => format!(
            "[{done}/{total}] ok {} ({}{note})",
            entry.input,
            pages(entry.pages)
        ),
    })
}

/// `1 page`, `12 pages`.
fn pages(n: usize) -> String {
    plural(n, "page")
}

/// `1 document`, `12 documents`.
fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// What of a partial document was not read: `2 unreadable, 3 need OCR`.
fn unread(e: &Entry) -> String {
    let mut parts = Vec::new();
    if e.pages_failed > 0 {
        parts.push(format!("{} unreadable", e.pages_failed));
    }
    if e.pages_need_ocr > 0 {
        parts.push(format!("{} need OCR", e.pages_need_ocr));
    }
    parts.join(", ")
}

/// `gongkai extract INPUT... -o OUT_DIR`: exit 0 when every document was read whole, 1
/// when some failed or are partial (listed), 2 when no input was found, 3 when an output
/// could not be written, 130 when interrupted.
pub fn extract(args: &ExtractArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let cancel = cancel_on_signals()?;
    let batch = Batch::new(BatchOptions {
        extract: gongkai::Options {
            ocr: (!args.no_ocr).then(|| gongkai::OcrOptions {
                lang: args.ocr_lang.clone(),
                ..Default::default()
            }),
            password: args.password.clone(),
            timeout: Some(args.timeout),
            ocr_cache: crate::ocr_cache(),
            ..gongkai::Options::default()
        },
        jobs: args.jobs,
        incremental: args.incremental,
        keep_removed: args.keep_removed,
        cancel: Some(Arc::clone(&cancel)),
    });
    let mut bar = (!args.quiet && std::io::stderr().is_terminal()).then(Bar::new);
    let progress = |p: Progress<'_>| {
        if let Some(b) = bar.as_mut() {
            b.update(&p);
        } else if !args.quiet {
            if let Some(line) = document_line(&p) {
                say!("{line}");
            }
        }
    };
    let result = batch.run(&args.inputs, &args.out, progress);
    if let Some(b) = &bar {
        b.bar.finish_and_clear();
    }
    let summary = match result {
        Ok(s) => s,
        Err(e @ BatchError::Busy { .. }) => return Err(Failure::Usage(e.to_string()).into()),
        Err(e) if e.is_input() => return Err(Failure::Usage(e.to_string()).into()),
        Err(
            e @ (BatchError::OutputFolder { .. } | BatchError::Lock { .. } | BatchError::Write(_)),
        ) => return Err(Failure::Output(e.to_string()).into()),
        Err(e) => return Err(e.into()),
    };
    print_summary(&summary, started.elapsed().as_secs_f64());
    Ok(exit_status(&summary))
}

/// 130 interrupted, 3 an output not written, 1 a document failed or partial, else 0.
fn exit_status(s: &Summary) -> ExitCode {
    if s.interrupted {
        ExitCode::from(130)
    } else if s.write_failed() {
        ExitCode::from(3)
    } else if s.entries.iter().any(|e| e.status != Status::Ok) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The summary on stderr (printed with `-q` too): the counts, then each document that
/// needs a look, the removed ones, and why pages were left unread.
fn print_summary(s: &Summary, secs: f64) {
    let n = s.entries.len();
    let count = |st: Status| s.entries.iter().filter(|e| e.status == st).count();
    let mut line = format!(
        "gongkai extract: {}: {} ok, {} partial, {} failed; {} with failed checks ({} where figures do not add up); {}: {} read by OCR, {} need OCR, {} unreadable; {} processed, {} unchanged",
        plural(n, "document"),
        count(Status::Ok),
        count(Status::Partial),
        count(Status::Failed),
        s.flagged().count(),
        s.entries.iter().filter(|e| e.failed_arithmetic > 0).count(),
        pages(s.pages()),
        s.pages_ocr(),
        s.pages_need_ocr(),
        s.pages_failed(),
        s.processed,
        n - s.processed,
    );
    if !s.removed.is_empty() {
        line += &format!(", {} removed", s.removed.len());
    }
    if !s.kept.is_empty() {
        line += &format!(", {} kept", s.kept.len());
    }
    say!("{line}; {secs:.1} s");
    if s.temp_removed > 0 {
        say!(
            "  removed {} left by an interrupted run",
            plural(s.temp_removed, "temporary file")
        );
    }
    for e in s.flagged() {
        say!(
            "  CHECKS {}: {} failed checks, {} of them figures that do not add up (see csv/findings.csv)",
            e.input,
            e.failed_checks,
            e.failed_arithmetic
        );
    }
    for e in s.suspect() {
        say!(
            "  SUSPECT {}: {} gaps within rounding that look like a slip of the last digit (see csv/findings.csv)",
            e.input,
            e.suspect_checks
        );
    }
    for e in s.partial() {
        let first = e
            .page_warnings
            .iter()
            .find(|w| !w.warning.starts_with("needs_ocr"))
            .or(e.page_warnings.first())
            .map(|w| format!("; page {}: {}", w.page, w.warning))
            .unwrap_or_default();
        say!(
            "  PARTIAL {} ({}): {}{first}",
            e.input,
            pages(e.pages),
            unread(e)
        );
    }
    let need_ocr = s.pages_need_ocr();
    if need_ocr > 0 {
        let o = &s.options;
        let why = match &o.ocr {
            None => "OCR is off (--no-ocr); run without it to read them".to_string(),
            Some(lang) if !o.ocr_available => format!(
                "OCR needs Tesseract with {lang}: {}",
                gongkai::ocr::INSTALL_HINT
            ),
            Some(_) => "OCR failed on them (see page_warnings in report.json)".into(),
        };
        say!(
            "  {} left unread: {why}",
            plural(need_ocr, "image-only page")
        );
    }
    for e in s.failed() {
        // A failure left from an earlier run (same bytes, same options) is told from a new
        // one, so a nightly job can alert on news only.
        let old = if s.unchanged.contains(&e.name) {
            " (as in an earlier run: input unchanged)"
        } else {
            ""
        };
        say!(
            "  FAILED {}{old}: {}",
            e.input,
            e.error.as_deref().unwrap_or("?")
        );
    }
    for e in &s.removed {
        say!("  REMOVED {}: no longer among the inputs; its outputs were removed (--keep-removed keeps them)", e.document);
    }
    for e in &s.kept {
        say!(
            "  KEPT {}: no longer among the inputs; its outputs were kept",
            e.document
        );
    }
    if let Some(e) = &s.write_error {
        say!("gongkai: output not written: {e}");
    }
    if s.interrupted {
        say!(
            "gongkai extract: interrupted: {} done and reported in report.json, {} not done (run again with --incremental to finish)",
            plural(n, "document"),
            s.not_done
        );
    }
}
