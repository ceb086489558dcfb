//! `gongkai site`: a static review and comparison site built from an `extract` output
//! folder (see the `gongkai::site` docs).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use crate::Failure;

/// Arguments of `gongkai site`.
#[derive(clap::Args)]
pub struct SiteArgs {
    /// The output folder of `gongkai extract` (holding report.json).
    pub out_dir: PathBuf,
    /// Where the site is written (index.html, compare.html, doc/, img/).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Draw the boxes on blank pages instead of showing the PDF pages (rendered by pdftoppm,
    /// or drawn as the debug SVG when pdftoppm is missing).
    #[arg(long)]
    pub no_images: bool,
    /// Resolution of the page images (dots per inch).
    #[arg(long, default_value_t = 60)]
    pub dpi: u32,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Builds the site; exit 0 when written, 2 when `out_dir` is no extract output, 3 when a
/// site file cannot be written.
pub fn site(args: &SiteArgs) -> Result<ExitCode> {
    let options = gongkai::site::Options {
        page_images: !args.no_images,
        dpi: args.dpi,
        ..gongkai::Extractor::default().site_options()
    };
    let started = std::time::Instant::now();
    // Not an extract output: a usage error (2); a site file not written: 3.
    let summary = gongkai::site::build(&args.out_dir, &args.output, &options).map_err(|e| {
        let failure = match e {
            gongkai::site::SiteError::NotAnOutput { .. } => Failure::Usage(e.to_string()),
            gongkai::site::SiteError::Write { .. } => Failure::Output(e.to_string()),
        };
        anyhow::Error::new(failure)
    })?;
    if !args.quiet {
        eprintln!(
            "gongkai site: {} documents, {} document pages, {} comparison lines, {} page images ({} not rendered) in {}; {:.1} s",
            summary.documents,
            summary.document_pages,
            summary.compare_lines,
            summary.images,
            summary.images_missing,
            args.output.join("index.html").display(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}
