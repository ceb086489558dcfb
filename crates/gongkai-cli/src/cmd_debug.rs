//! `gongkai debug FILE --page N`: an SVG of what gongkai found on a page, drawn over the
//! page rendered by `pdftoppm` when it is installed (see `gongkai::Pdf::debug_svg`).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::OpenArgs;

/// `gongkai debug FILE --page N [-o out.svg]`. A scanned page shows what OCR found.
pub fn debug(args: &OpenArgs, page: usize, out: Option<&Path>) -> Result<ExitCode> {
    let extractor = gongkai::Extractor::new(args.options(Some(gongkai::OcrOptions::default())));
    let mut pdf = extractor
        .open(&args.file)
        .with_context(|| args.file.display().to_string())?;
    crate::check_page(&args.file, page, pdf.page_count())?;
    let (svg, warnings) = pdf
        .debug_svg(page)
        .with_context(|| args.file.display().to_string())?;
    for w in warnings {
        crate::say!(
            "gongkai: {}: page {}: {}",
            args.file.display(),
            w.page,
            w.message
        );
    }
    match out {
        Some(path) => gongkai::export::write_atomic(path, svg.as_bytes())
            .map_err(|e| crate::Failure::Output(e.to_string()))?,
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(svg.as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
