//! `gongkai`: the command line over the `gongkai` library. It parses arguments, shows
//! progress and prints; every step of the work is a library call.

// Denied, not forbidden: the allocator's options below are a symbol jemalloc reads.
#![deny(unsafe_code)]

mod cmd_check;
mod cmd_debug;
mod cmd_extract;
mod cmd_page;
mod cmd_site;
mod cmd_tables;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The exit statuses, shown under `--help` and in the README.
const EXIT_STATUS: &str = "\
Exit status:
  0    every document read whole (identity findings do not change it)
  1    some documents failed, or were partial (pages unreadable or left unread for
       want of OCR); `check`: some identity failed
  2    usage error: bad arguments, an input folder that does not exist, no PDF found
       among the inputs, page out of range, the output folder in use by another run;
       `check`: a file that is not document JSON; `site`: a folder with no report.json
  3    an output could not be written (`extract` retries those documents next run)
  130  interrupted (SIGINT or SIGTERM): `extract` reports the documents done and
       leaves no partial file";

/// Turns Chinese government disclosure PDFs (部门预算/决算公开) into verified records.
#[derive(Parser)]
#[command(name = "gongkai", version, about, long_about = None, after_help = EXIT_STATUS)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Options shared by commands that open one PDF.
#[derive(clap::Args, Clone)]
pub struct OpenArgs {
    /// The PDF file.
    pub file: PathBuf,
    /// Password for an encrypted PDF (the empty password is always tried).
    #[arg(long)]
    pub password: Option<String>,
}

impl OpenArgs {
    /// The library options for this file: its password, OCR as given (`None`: off).
    pub fn options(&self, ocr: Option<gongkai::OcrOptions>) -> gongkai::Options {
        gongkai::Options {
            ocr,
            password: self.password.clone(),
            ocr_cache: ocr_cache(),
            ..gongkai::Options::default()
        }
    }
}

/// `GONGKAI_OCR_CACHE=DIR`: what OCR read on a page is kept in DIR and read back on later
/// runs (a debugging aid for tuning the table rules on scans; see
/// `gongkai::Options::ocr_cache`).
pub fn ocr_cache() -> Option<PathBuf> {
    std::env::var_os("GONGKAI_OCR_CACHE").map(PathBuf::from)
}

#[derive(Subcommand)]
enum Command {
    /// Print a page's content (glyphs, ruling segments, images) as JSON.
    #[command(after_help = EXIT_STATUS)]
    Page {
        #[command(flatten)]
        open: OpenArgs,
        /// Only this page (1-based); all pages when omitted.
        #[arg(long)]
        page: Option<usize>,
    },
    /// Print every table (ruled or borderless) as cells with spans; scanned pages are read
    /// by OCR (tesseract) as in `extract`.
    #[command(after_help = EXIT_STATUS)]
    Tables {
        #[command(flatten)]
        open: OpenArgs,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: cmd_tables::Format,
        /// Only these pages, e.g. `1,3-5` (1-based); all pages when omitted.
        #[arg(long)]
        pages: Option<String>,
        /// Do not OCR image-only pages (they are reported on stderr).
        #[arg(long)]
        no_ocr: bool,
        /// Tesseract languages for scanned pages.
        #[arg(long, default_value = "chi_sim")]
        ocr_lang: String,
    },
    /// Extract every input into OUT_DIR: one JSON per document, records.jsonl, report.json,
    /// csv/, parquet/ (state for --incremental in OUT_DIR/.gongkai/).
    #[command(after_help = EXIT_STATUS)]
    Extract(cmd_extract::ExtractArgs),
    /// Re-run every identity on document JSON files (e.g. after correcting a value) and
    /// print the findings as JSON Lines; exit 0 all passed, 1 some failed, 2 unreadable.
    #[command(after_help = EXIT_STATUS)]
    Check(cmd_check::CheckArgs),
    /// Build a static review and comparison site (plain HTML, opens from disk) from an
    /// `extract` output folder: an index, a page per document with failed checks marked on
    /// their cells and page images, a comparison of lines across departments and years.
    #[command(after_help = EXIT_STATUS)]
    Site(cmd_site::SiteArgs),
    /// Print the text in reading order, one line per text line, pages separated by form feeds.
    #[command(after_help = EXIT_STATUS)]
    Text {
        #[command(flatten)]
        open: OpenArgs,
    },
    /// Print the JSON Schema (draft 2020-12) of the per-document JSON written by `extract`.
    Schema,
    /// Draw what was found on a page (glyph boxes, rulings, images, table cells and spans) as
    /// an SVG over the rendered page (pdftoppm, when installed).
    #[command(after_help = EXIT_STATUS)]
    Debug {
        #[command(flatten)]
        open: OpenArgs,
        /// Page (1-based).
        #[arg(long, default_value_t = 1)]
        page: usize,
        /// Output SVG file; standard output when omitted.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

/// A failure with its own exit status: 2 for a usage error, 3 for an output that could
/// not be written (any other error exits 1).
#[derive(Debug)]
pub enum Failure {
    /// Wrong arguments: no input found, a page out of range, a bad page list.
    Usage(String),
    /// An output could not be written.
    Output(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Usage(m) | Failure::Output(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Failure {}

/// Checks that page `n` (1-based) exists in `file`, a document of `count` pages.
pub fn check_page(file: &std::path::Path, n: usize, count: usize) -> Result<(), Failure> {
    if n == 0 || n > count {
        let pages = if count == 1 { "page" } else { "pages" };
        return Err(Failure::Usage(format!(
            "{}: page {n} out of range: the document has {count} {pages}",
            file.display()
        )));
    }
    Ok(())
}

/// Writes a line to stderr; a closed stderr is ignored (the work goes on).
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// The error as one line: its causes joined by `: `, each said once (a cause already
/// in the line is left out; one that repeats the part before it replaces that part).
pub fn message(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if text.is_empty() || parts.iter().any(|p| p.contains(&text)) {
            continue;
        }
        if parts
            .last()
            .is_some_and(|last| text.starts_with(&format!("{last}: ")))
        {
            parts.pop();
        }
        parts.push(text);
    }
    parts.join(": ")
}

/// True when the error is a closed pipe on standard output (`gongkai page … | head`).
fn broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}

/// The allocator: jemalloc, which gives pages back to the system as soon as they are
/// free. glibc's malloc keeps what a large document's records leave free when they are
/// built and written, scattered between live blocks: the 10,000-page file of
/// `scripts/bench` peaked at 348 MB of RSS for ~260 MB in use; with this, ~280 MB
/// (corpus with OCR at -j 2: 270 -> ~183 MB), and no slower.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options (its `malloc_conf`, read when it starts): dirty and muzzy pages
/// are purged at once instead of after 10 s (the default kept the 10,000-page file at
/// 340 MB).
#[cfg(not(target_env = "msvc"))]
#[allow(unsafe_code)]
#[export_name = "_rjem_malloc_conf"]
static MALLOC_CONF: &u8 = &b"dirty_decay_ms:0,muzzy_decay_ms:0\0"[0];

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Page { open, page } => cmd_page::page(&open, page),
        Command::Text { open } => cmd_page::text(&open),
        Command::Extract(args) => cmd_extract::extract(&args),
        Command::Check(args) => cmd_check::check(&args),
        Command::Site(args) => cmd_site::site(&args),
        Command::Tables {
            open,
            format,
            pages,
            no_ocr,
            ocr_lang,
        } => {
            let ocr = (!no_ocr).then(|| gongkai::OcrOptions {
                lang: ocr_lang,
                ..Default::default()
            });
            cmd_tables::tables(&open, ocr, format, pages.as_deref())
        }
        Command::Debug { open, page, output } => cmd_debug::debug(&open, page, output.as_deref()),
        Command::Schema => std::io::stdout()
            .write_all(gongkai::DOCUMENT_SCHEMA.as_bytes())
            .map(|()| ExitCode::SUCCESS)
            .map_err(anyhow::Error::from),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`gongkai text f.pdf | head`) means the reader is done.
        Err(e) if broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = std::io::stdout().flush();
            say!("gongkai: {}", message(&e));
            match e.chain().find_map(|c| c.downcast_ref::<Failure>()) {
                Some(Failure::Usage(_)) => ExitCode::from(2),
                Some(Failure::Output(_)) => ExitCode::from(3),
                None => ExitCode::from(1),
            }
        }
    }
}
