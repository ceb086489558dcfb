//! Bar 1 of the table issue: every table of every exported (not scanned) PDF in
//! `samples/` matches `golden/` exactly — same tables in the same order, same pages,
//! grid, spans, cell texts, title and unit.
//!
//! Ruled and borderless (golden `layout: borderless`) tables alike.
//!
//! `GONGKAI_SAMPLES_ROOT` may point at another checkout's root (a folder holding
//! `samples/` and `golden/`). With no golden files present the test reports that and passes.

use std::path::{Path, PathBuf};

use gongkai_pdf::Document;
use gongkai_table::{extract_tables_after, stitch_pages, PageInput, Table, TableOptions};
use serde_json::Value;

fn root() -> PathBuf {
    std::env::var_os("GONGKAI_SAMPLES_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
}

fn document_tables(pdf: &Path) -> Vec<Table> {
    let doc = Document::open(pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    let opts = TableOptions::default();
    let mut all: Vec<Table> = Vec::new();
    for n in 1..=doc.page_count() {
        let c = doc
            .page(n)
            .unwrap_or_else(|e| panic!("{} page {n}: {e}", pdf.display()));
        let page = PageInput {
            page: n as u32,
            width: c.width,
            height: c.height,
            glyphs: &c.glyphs,
            segments: &c.segments,
        };
        let tables = extract_tables_after(&page, all.last(), &opts);
        all.extend(tables);
    }
    stitch_pages(all)
}

fn golden_grid(t: &Value) -> Vec<Vec<Option<String>>> {
    t["rows"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|r| {
                    r.as_array()
                        .map(|c| c.iter().map(|v| v.as_str().map(String::from)).collect())
                        .unwrap_or_default()
                })
                .collect()
        })
        .unwrap_or_default()
}

fn golden_spans(t: &Value) -> Vec<(usize, usize, usize, usize)> {
    let mut v: Vec<(usize, usize, usize, usize)> = t["cells"]
        .as_array()
        .map(|cells| {
            cells
                .iter()
                .map(|c| {
                    (
                        c["row"].as_u64().unwrap_or(0) as usize,
                        c["col"].as_u64().unwrap_or(0) as usize,
                        c["rowspan"].as_u64().unwrap_or(1) as usize,
                        c["colspan"].as_u64().unwrap_or(1) as usize,
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Differences between one extracted and one golden table, as readable lines.
fn table_diff(got: &Table, want: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let pages: Vec<u32> = want["pages"]
        .as_array()
        .map(|p| {
            p.iter()
                .filter_map(|x| x.as_u64())
                .map(|x| x as u32)
                .collect()
        })
        .unwrap_or_default();
    if got.pages != pages {
        out.push(format!("pages {:?} != {:?}", got.pages, pages));
    }
    if got.title.as_deref() != want["title"].as_str() {
        out.push(format!(
            "title {:?} != {:?}",
            got.title,
            want["title"].as_str()
        ));
    }
    if got.unit.as_deref() != want["unit"].as_str() {
        out.push(format!(
            "unit {:?} != {:?}",
            got.unit,
            want["unit"].as_str()
        ));
    }
    let (gg, wg) = (got.grid(), golden_grid(want));
    if (got.n_rows, got.n_cols) != (wg.len(), wg.first().map_or(0, |r| r.len())) {
        out.push(format!(
            "shape {}x{} != {}x{}",
            got.n_rows,
            got.n_cols,
            wg.len(),
            wg.first().map_or(0, |r| r.len())
        ));
    }
    for (r, (a, b)) in gg.iter().zip(&wg).enumerate() {
        if a != b {
            out.push(format!("row {r}: {a:?}\n        != {b:?}"));
            break;
        }
    }
    let mut spans: Vec<(usize, usize, usize, usize)> = got
        .cells
        .iter()
        .map(|c| (c.row, c.col, c.rowspan, c.colspan))
        .collect();
    spans.sort();
    if spans != golden_spans(want) && out.is_empty() {
        out.push("spans differ".to_string());
    }
    out
}

#[test]
fn samples_match_golden_tables() {
    let golden_dir = root().join("golden");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&golden_dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let (mut checked, mut matched, mut total) = (0, 0, 0);
    let mut report = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let Ok(g) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        if g["scanned"].as_bool() == Some(true) {
            continue;
        }
        let Some(sample) = g["sample"].as_str() else {
            continue;
        };
        let pdf = root().join("samples").join(format!("{sample}.pdf"));
        if !pdf.exists() {
            continue;
        }
        checked += 1;
        let got = document_tables(&pdf);
        let want = g["tables"].as_array().cloned().unwrap_or_default();
        total += want.len();
        if got.len() != want.len() {
            let gp: Vec<Vec<u32>> = got.iter().map(|t| t.pages.clone()).collect();
            let wp: Vec<Value> = want.iter().map(|t| t["pages"].clone()).collect();
            report.push(format!(
                "{sample}: {} tables != {} golden\n    got pages {gp:?}\n    want {wp:?}",
                got.len(),
                want.len()
            ));
        }
        // Compare tables in order, pairing by first page where counts differ.
        for w in &want {
            let first = w["pages"][0].as_u64().unwrap_or(0) as u32;
            let idx = w["index"].as_u64().unwrap_or(0) as usize;
            let same_page: Vec<&Table> = got.iter().filter(|t| t.page == first).collect();
            let nth = want
                .iter()
                .filter(|x| {
                    x["pages"][0].as_u64() == Some(first as u64)
                        && x["index"].as_u64().unwrap_or(0) < idx as u64
                })
                .count();
            match same_page.get(nth) {
                Some(t) => {
                    let d = table_diff(t, w);
                    if d.is_empty() {
                        matched += 1;
                    } else {
                        report.push(format!(
                            "{sample} table {idx} (page {first}, {}):\n    {}",
                            w["title"].as_str().unwrap_or("-"),
                            d.join("\n    ")
                        ));
                    }
                }
                None => report.push(format!("{sample} table {idx} (page {first}): not found")),
            }
        }
    }
    eprintln!("golden tables: {matched}/{total} tables match in {checked} documents");
    if checked == 0 {
        eprintln!(
            "no samples/golden pairs found under {}; nothing to check",
            root().display()
        );
        return;
    }
    assert!(
        report.is_empty(),
        "{} mismatches ({matched}/{total} match):\n{}",
        report.len(),
        report.join("\n")
    );
}
