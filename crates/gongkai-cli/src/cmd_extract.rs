//! `gongkai extract`: the batch job (`gongkai::batch`) with a progress bar on a terminal,
//! one line per document otherwise, and a summary.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::Result;
use gongkai::batch::{Batch, BatchOptions, Progress};
use indicatif::{ProgressBar, ProgressStyle};

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
    /// Skip inputs whose content and gongkai version match the last run's.
    #[arg(long)]
    pub incremental: bool,
    /// Per-document time limit in seconds.
    #[arg(long, default_value_t = 300)]
    pub timeout: u64,
    /// No progress output (the summary is still printed).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Password tried for encrypted inputs.
    #[arg(long)]
    pub password: Option<String>,
    /// Do not OCR image-only pages (they are reported as `needs_ocr`).
    #[arg(long)]
    pub no_ocr: bool,
    /// Tesseract languages for scanned pages.
    #[arg(long, default_value = gongkai::ocr::DEFAULT_LANG)]
    pub ocr_lang: String,
}

/// `gongkai extract INPUT... -o OUT_DIR`: exit 0 when every document went through, 1
/// when some failed (listed).
pub fn extract(args: &ExtractArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let batch = Batch::new(BatchOptions {
        extract: gongkai::Options {
            ocr: (!args.no_ocr).then(|| gongkai::OcrOptions {
                lang: args.ocr_lang.clone(),
                ..Default::default()
            }),
            password: args.password.clone(),
            timeout: Some(Duration::from_secs(args.timeout)),
            ocr_cache: crate::ocr_cache(),
            ..gongkai::Options::default()
        },
        jobs: args.jobs,
        incremental: args.incremental,
    });
    let interactive = !args.quiet && std::io::stderr().is_terminal();
    let bar: OnceLock<ProgressBar> = OnceLock::new();
    let progress = |p: Progress<'_>| match p {
        Progress::Start { total } => {
            if interactive {
                let b = ProgressBar::new(total as u64);
                b.set_style(
                    ProgressStyle::with_template(
                        "{elapsed_precise} [{bar:30}] {pos}/{len} docs {msg}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                let _ = bar.set(b);
            }
        }
        Progress::Document {
            entry,
            unchanged,
            done,
            total,
            pages,
            failed,
        } => {
            if let Some(b) = bar.get() {
                let rate = pages as f64 / started.elapsed().as_secs_f64().max(1e-3);
                b.set_message(format!("{pages} pages, {rate:.1} pages/s, {failed} failed"));
                b.inc(1);
            } else if !args.quiet {
                let verb = if unchanged { "unchanged" } else { "done" };
                match &entry.error {
                    Some(err) => eprintln!("[{done}/{total}] FAILED {}: {err}", entry.input),
                    None => eprintln!(
                        "[{done}/{total}] {verb} {} ({} pages)",
                        entry.input, entry.pages
                    ),
                }
            }
        }
    };
    let summary = batch.run(&args.inputs, &args.out, progress);
    if let Some(b) = bar.get() {
        b.finish_and_clear();
    }
    let summary = summary?;
    let entries = &summary.entries;
    let ok = entries.iter().filter(|e| e.is_ok()).count();
    let failed: Vec<_> = summary.failed().collect();
    let flagged: Vec<_> = summary.flagged().collect();
    let (pages, ocr) = (summary.pages(), summary.ocr_pages());
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "gongkai extract: {} documents: {ok} ok, {} failed, {} with failed checks; {pages} pages ({ocr} need OCR); {} processed, {} unchanged; {secs:.1} s",
        entries.len(),
        failed.len(),
        flagged.len(),
        summary.processed,
        entries.len() - summary.processed
    );
    for e in &flagged {
        eprintln!(
            "  CHECKS {}: {} failed identity checks (see csv/findings.csv)",
            e.input, e.failed_checks
        );
    }
    if ocr > 0 {
        eprintln!("  {ocr} scanned pages have no text layer: OCR needs tesseract (apt-get install tesseract-ocr tesseract-ocr-chi-sim)");
    }
    for e in &failed {
        eprintln!(
            "  FAILED {}: {}",
            e.input,
            e.error.as_deref().unwrap_or("?")
        );
    }
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
