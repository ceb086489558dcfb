//! `gongkai page` and `gongkai text`: raw page content and reading-order text.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::OpenArgs;

/// `gongkai page FILE [--page N]`: JSON with every page's glyphs, segments and images.
/// A page that cannot be read is `{"page", "error", "error_kind"}` in its place and is
/// named on stderr; the other pages still print, and the exit status is then 1.
pub fn page(args: &OpenArgs, only: Option<usize>) -> Result<ExitCode> {
    let extractor = gongkai::Extractor::new(args.options(None));
    let pdf = extractor
        .open(&args.file)
        .with_context(|| args.file.display().to_string())?;
    let pages: Vec<usize> = match only {
        Some(n) => {
            crate::check_page(&args.file, n, pdf.page_count())?;
            vec![n]
        }
        None => (1..=pdf.page_count()).collect(),
    };
    let mut out = Vec::new();
    let mut failed = false;
    for n in pages {
        match pdf.page(n) {
            Ok(content) => out.push(serde_json::to_value(content)?),
            Err(e) => {
                failed = true;
                crate::say!("gongkai: {}: {e}", args.file.display());
                let error = match &e {
                    gongkai::Error::Page { error, .. } => error.to_string(),
                    other => other.to_string(),
                };
                out.push(serde_json::json!({ "page": n, "error": error, "error_kind": e.kind() }));
            }
        }
    }
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    serde_json::to_writer(
        &mut w,
        &serde_json::json!({ "file": args.file.display().to_string(), "pages": out }),
    )?;
    writeln!(w)?;
    w.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `gongkai text FILE`: reading-order lines, pages separated by a form feed. A page that
/// fails is reported on stderr and the rest still print; the exit status is then 1 (an
/// image-only page is named on stderr too, but it has no text layer to miss).
pub fn text(args: &OpenArgs) -> Result<ExitCode> {
    let extractor = gongkai::Extractor::new(args.options(None));
    let pdf = extractor
        .open(&args.file)
        .with_context(|| args.file.display().to_string())?;
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    let mut failed = false;
    for n in 1..=pdf.page_count() {
        match pdf.text(n) {
            Ok(page) => {
                if page.needs_ocr {
                    crate::say!("gongkai: {}: page {n}: no usable text layer (an image-only page); `gongkai tables` and `gongkai extract` read it by OCR", args.file.display());
                }
                for line in page.lines {
                    writeln!(w, "{}", line.text)?;
                }
            }
            Err(e) => {
                failed = true;
                crate::say!("gongkai: {}: {e}", args.file.display());
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
