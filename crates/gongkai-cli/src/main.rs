//! `gongkai`: the command line over the `gongkai` library. It parses arguments, shows
//! progress and prints; every step of the work is a library call.

#![forbid(unsafe_code)]

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

/// Turns Chinese government disclosure PDFs (部门预算/决算公开) into verified records.
#[derive(Parser)]
#[command(name = "gongkai", version, about, long_about = None)]
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
    Page {
        #[command(flatten)]
        open: OpenArgs,
        /// Only this page (1-based); all pages when omitted.
        #[arg(long)]
        page: Option<usize>,
    },
    /// Print every table (ruled or borderless) as cells with spans; scanned pages are read
    /// by OCR (tesseract) as in `extract`.
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
    /// Extract every input into OUT_DIR: one JSON per document, records.jsonl, report.json.
    Extract(cmd_extract::ExtractArgs),
    /// Re-run every identity on document JSON files (e.g. after correcting a value) and
    /// print the findings as JSON Lines; exit 0 all passed, 1 some failed, 2 unreadable.
    Check(cmd_check::CheckArgs),
    /// Build a static review and comparison site (plain HTML, opens from disk) from an
    /// `extract` output folder: an index, a page per document with failed checks marked on
    /// their cells and page images, a comparison of lines across departments and years.
    Site(cmd_site::SiteArgs),
    /// Print the text in reading order, one line per text line, pages separated by form feeds.
    Text {
        #[command(flatten)]
        open: OpenArgs,
    },
    /// Print the JSON Schema (draft 2020-12) of the per-document JSON written by `extract`.
    Schema,
    /// Draw what was found on a page (glyph boxes, rulings, images, table cells and spans) as
    /// an SVG over the rendered page (pdftoppm, when installed).
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
        Command::Schema => {
            print!("{}", gongkai::DOCUMENT_SCHEMA);
            Ok(ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`gongkai text f.pdf | head`) is not an error.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = std::io::stdout().flush();
            eprintln!("gongkai: {e:#}");
            ExitCode::from(1)
        }
    }
}
