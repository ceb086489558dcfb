//! `gongkai tables FILE`: every table (ruled or borderless) as cells with spans (JSON, CSV or Markdown).

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use gongkai_table::{extract_tables_after, stitch_pages, PageInput, Table, TableOptions};
use serde_json::json;

use crate::cmd_page::open_document;
use crate::OpenArgs;

/// Output formats of `gongkai tables`.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// JSON: `{"tables":[{"page","pages","title","unit","bbox","rows","cells"}]}`.
    Json,
    /// CSV: one block per table, separated by a blank line.
    Csv,
    /// Markdown: one pipe table per table.
    Markdown,
}

/// Parses a page list such as `1,3-5` into 1-based page numbers.
pub fn parse_pages(spec: &str) -> Result<std::collections::BTreeSet<usize>> {
    let mut out = std::collections::BTreeSet::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        let a: usize = a
            .trim()
            .parse()
            .with_context(|| format!("bad page number in {spec:?}"))?;
        let b: usize = b
            .trim()
            .parse()
            .with_context(|| format!("bad page number in {spec:?}"))?;
        anyhow::ensure!(a >= 1 && a <= b, "bad page range {part:?}");
        out.extend(a..=b);
    }
    Ok(out)
}

/// Extracts and stitches the tables of the given pages (all when `None`). Image-only
/// pages are read by OCR when it is on (see [`crate::pipeline::set_ocr`]); a page left
/// unread is reported on stderr.
pub fn document_tables_in(
    doc: &gongkai_pdf::Document,
    file: &std::path::Path,
    pages: Option<&std::collections::BTreeSet<usize>>,
) -> Result<Vec<Table>> {
    let opts = TableOptions::default();
    let mut all = Vec::new();
    let mut bytes = None;
    for n in (1..=doc.page_count()).filter(|n| pages.is_none_or(|p| p.contains(n))) {
        let mut content = match doc.page(n) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("gongkai: {}: page {n}: {e}", file.display());
                continue;
            }
        };
        crate::pipeline::ocr_if_scanned(doc, &mut content, file, &mut bytes);
        let page = PageInput {
            page: n as u32,
            width: content.width,
            height: content.height,
            glyphs: &content.glyphs,
            segments: &content.segments,
        };
        let tables = extract_tables_after(&page, all.last(), &opts);
        all.extend(tables);
    }
    Ok(stitch_pages(all))
}

/// The JSON form of one table.
pub fn table_json(t: &Table) -> serde_json::Value {
    json!({
        "page": t.page,
        "pages": t.pages,
        "title": t.title,
        "unit": t.unit,
        "caption": t.caption,
        "bbox": t.bbox.to_array(),
        "method": t.method,
        "n_rows": t.n_rows,
        "n_cols": t.n_cols,
        "header_rows": t.header_rows,
        "row_pages": t.row_pages,
        "rows": t.grid(),
        "cells": t.cells.iter().map(|c| json!({
            "row": c.row, "col": c.col, "rowspan": c.rowspan, "colspan": c.colspan,
            "text": c.text, "page": c.page, "bbox": c.bbox.to_array(),
        })).collect::<Vec<_>>(),
    })
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// `gongkai tables FILE [--pages 1,3-5] [--format json|csv|markdown]`.
pub fn tables(args: &OpenArgs, format: Format, pages: Option<&str>) -> Result<ExitCode> {
    let pages = pages.map(parse_pages).transpose()?;
    let doc = open_document(args)?;
    let tables = document_tables_in(&doc, &args.file, pages.as_ref())
        .with_context(|| args.file.display().to_string())?;
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    match format {
        Format::Json => {
            let v = json!({ "file": args.file.display().to_string(), "tables": tables.iter().map(table_json).collect::<Vec<_>>() });
            serde_json::to_writer_pretty(&mut w, &v)?;
            writeln!(w)?;
        }
        Format::Csv => {
            for (i, t) in tables.iter().enumerate() {
                if i > 0 {
                    writeln!(w)?;
                }
                for row in t.grid() {
                    let fields: Vec<String> = row
                        .iter()
                        .map(|c| csv_field(c.as_deref().unwrap_or("")))
                        .collect();
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
                for (r, row) in t.grid().iter().enumerate() {
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
    Ok(ExitCode::SUCCESS)
}
