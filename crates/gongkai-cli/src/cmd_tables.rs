//! `gongkai tables FILE`: every table (ruled or borderless) as cells with spans (JSON, CSV or Markdown).

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde_json::json;

use crate::{Failure, OpenArgs};

/// Output formats of `gongkai tables`.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// JSON: `{"tables":[{"page","pages","title","unit","bbox","rows","cells"}]}`.
    Json,
    /// CSV: one rectangular sheet of every table's rows, each row labelled with its table
    /// (1-based, in output order), page, row (1-based), title and unit, then the cells
    /// `c1…cN` (N the widest table; narrower rows end in empty fields).
    Csv,
    /// Markdown: one pipe table per table.
    Markdown,
}

/// Parses a page list such as `1,3-5` into 1-based page numbers; a malformed list is a
/// usage error.
pub fn parse_pages(spec: &str) -> Result<std::collections::BTreeSet<usize>, Failure> {
    let bad = |what: &str| Failure::Usage(format!("--pages {spec:?}: {what}"));
    let mut out = std::collections::BTreeSet::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        let number = |s: &str| {
            s.trim()
                .parse::<usize>()
                .map_err(|_| bad(&format!("bad page number {:?}", s.trim())))
        };
        let (a, b) = (number(a)?, number(b)?);
        if a < 1 || a > b {
            return Err(bad(&format!("bad page range {part:?}")));
        }
        out.extend(a..=b);
    }
    if out.is_empty() {
        return Err(bad("no page"));
    }
    Ok(out)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// `gongkai tables FILE [--pages 1,3-5] [--format json|csv|markdown]`. Image-only pages
/// are read by OCR with `ocr` (`None`: not read); a page left unread or unreadable is
/// named on stderr, and the exit status is then 1 (the tables of the other pages are
/// printed). A page beyond the document is a usage error.
pub fn tables(
    args: &OpenArgs,
    ocr: Option<gongkai::OcrOptions>,
    format: Format,
    pages: Option<&str>,
) -> Result<ExitCode> {
    let pages = pages.map(parse_pages).transpose()?;
    let extractor = gongkai::Extractor::new(args.options(ocr));
    let mut pdf = extractor
        .open(&args.file)
        .with_context(|| args.file.display().to_string())?;
    if let Some(last) = pages.as_ref().and_then(|p| p.last()) {
        crate::check_page(&args.file, *last, pdf.page_count())?;
    }
    let gongkai::Tables { tables, warnings } = pdf.tables(pages.as_ref());
    let incomplete = !warnings.is_empty();
    for w in warnings {
        crate::say!(
            "gongkai: {}: page {}: {}",
            args.file.display(),
            w.page,
            w.message
        );
    }
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    match format {
        Format::Json => {
            let v = json!({ "file": args.file.display().to_string(), "tables": tables });
            serde_json::to_writer_pretty(&mut w, &v)?;
            writeln!(w)?;
        }
        Format::Csv => {
            let width = tables
                .iter()
                .flat_map(|t| t.rows.iter().map(Vec::len))
                .max()
                .unwrap_or(0);
            let mut header = vec!["table", "page", "row", "title", "unit"]
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>();
            header.extend((1..=width).map(|c| format!("c{c}")));
            writeln!(w, "{}", header.join(","))?;
            for (i, t) in tables.iter().enumerate() {
                let title = csv_field(t.title.as_deref().unwrap_or(""));
                let unit = csv_field(t.unit.as_deref().unwrap_or(""));
                for (r, row) in t.rows.iter().enumerate() {
                    let page = t.row_pages.get(r).copied().unwrap_or(t.page);
                    let mut fields = vec![
                        (i + 1).to_string(),
                        page.to_string(),
                        (r + 1).to_string(),
                        title.clone(),
                        unit.clone(),
                    ];
                    fields.extend(
                        (0..width).map(|c| {
                            csv_field(row.get(c).and_then(Option::as_deref).unwrap_or(""))
                        }),
                    );
                    writeln!(w, "{}", fields.join(","))?;
                }
            }
        }
        Format::Markdown => {
            for t in &tables {
                writeln!(
                    w,
                    "### {} (pages {:?}{})\n",
                    t.title.as_deref().unwrap_or("table"),
                    t.pages,
                    t.unit
                        .as_deref()
                        .map(|u| format!(", 单位 {u}"))
                        .unwrap_or_default()
                )?;
                for (r, row) in t.rows.iter().enumerate() {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| c.as_deref().unwrap_or("").replace('|', "\\|"))
                        .collect();
                    writeln!(w, "| {} |", cells.join(" | "))?;
                    if r == 0 {
                        writeln!(w, "|{}", "---|".repeat(row.len()))?;
                    }
                }
                writeln!(w)?;
            }
        }
    }
    w.flush()?;
    Ok(if incomplete {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
