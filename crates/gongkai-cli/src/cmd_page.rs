//! `gongkai page` and `gongkai text`: raw page content and reading-order text.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use gongkai_pdf::{Document, OpenOptions};

use crate::OpenArgs;

/// Opens the document named in `args`, with an error that names the file and the reason.
pub fn open_document(args: &OpenArgs) -> Result<Document> {
    let opts = OpenOptions {
        password: args.password.clone(),
        ..OpenOptions::default()
    };
    Document::open_with(&args.file, &opts).with_context(|| format!("{}", args.file.display()))
}

/// `gongkai page FILE [--page N]`: JSON with every page's glyphs, segments and images.
pub fn page(args: &OpenArgs, only: Option<usize>) -> Result<ExitCode> {
    let doc = open_document(args)?;
    let pages: Vec<usize> = match only {
        Some(n) => vec![n],
        None => (1..=doc.page_count()).collect(),
    };
    let mut out = Vec::new();
    for n in pages {
        let content = doc
            .page(n)
            .with_context(|| format!("{}: page {n}", args.file.display()))?;
        out.push(content);
    }
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    serde_json::to_writer(
        &mut w,
        &serde_json::json!({ "file": args.file.display().to_string(), "pages": out }),
    )?;
    writeln!(w)?;
    Ok(ExitCode::SUCCESS)
}

/// `gongkai text FILE`: reading-order lines, pages separated by a form feed. A page that
/// fails is reported on stderr and the rest still print; the exit status is then 1.
pub fn text(args: &OpenArgs) -> Result<ExitCode> {
    let doc = open_document(args)?;
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    let mut failed = false;
    for n in 1..=doc.page_count() {
        match doc.page(n) {
            Ok(content) => {
                if content.needs_ocr() {
                    eprintln!("gongkai: {}: page {n}: no usable text layer (an image-only page); `gongkai tables` and `gongkai extract` read it by OCR", args.file.display());
                }
                for line in gongkai_pdf::layout::text_lines(&content.glyphs) {
                    writeln!(w, "{}", line.text)?;
                }
            }
            Err(e) => {
                failed = true;
                eprintln!("gongkai: {}: page {n}: {e}", args.file.display());
            }
        }
        write!(w, "\x0c")?;
    }
    w.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
