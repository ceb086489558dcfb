//! `gongkai tables FILE`: every ruled table as cells with spans (JSON, CSV or Markdown).

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use gongkai_table::{extract_tables, stitch_pages, PageInput, Table, TableOptions};
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

/// Extracts and stitches the tables of a whole document.
pub fn document_tables(doc: &gongkai_pdf::Document, file: &std::path::Path) -> Result<Vec<Table>> {
    let opts = TableOptions::default();
    let mut all = Vec::new();
    for n in 1..=doc.page_count() {
        let content = match doc.page(n) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("gongkai: {}: page {n}: {e}", file.display());
                continue;
            }
        };
        let page = PageInput { page: n as u32, width: content.width, height: content.height, glyphs: &content.glyphs, segments: &content.segments };
        all.extend(extract_tables(&page, &opts));
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

/// `gongkai tables FILE [--format json|csv|markdown]`.
pub fn tables(args: &OpenArgs, format: Format) -> Result<ExitCode> {
    let doc = open_document(args)?;
    let tables = document_tables(&doc, &args.file).with_context(|| args.file.display().to_string())?;
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
                    let fields: Vec<String> = row.iter().map(|c| csv_field(c.as_deref().unwrap_or(""))).collect();
                    writeln!(w, "{}", fields.join(","))?;
                }
            }
        }
        Format::Markdown => {
            for t in &tables {
                writeln!(w, "### {} (pages {:?}{})\n", t.title.as_deref().unwrap_or("table"), t.pages, t.unit.as_deref().map(|u| format!(", 单位 {u}")).unwrap_or_default())?;
                for (r, row) in t.grid().iter().enumerate() {
                    let cells: Vec<String> = row.iter().map(|c| c.as_deref().unwrap_or("").replace('|', "\\|")).collect();
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
