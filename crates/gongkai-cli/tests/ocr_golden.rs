//! Issue #6 bar 1: the scanned samples through `gongkai extract` (OCR) against `golden/`.
//!
//! Prints, per scanned sample and in total: tables whose structure (pages, grid shape,
//! spans) equals golden, and typed amounts equal to golden exactly — next to the same
//! figures for each scan's text twin (same content, text layer), so that what OCR loses
//! is told apart from what the table stage does not do yet.
//!
//! Asserted: over all scans (ruled and borderless), ≥ 95% of tables and ≥ 97% of
//! amounts; the scans of consistent samples pass every identity check (a failed check
//! on a scan is an OCR misreading); every scanned page was read by OCR with a
//! confidence, and the pages with a red seal contain no seal text (OCR letters, digits
//! and ideographs that the text twin's page does not have stay below 3%).
//!
//! Needs Tesseract with chi_sim (`scripts/install-ocr`); without it the test says so
//! and passes (the missing-Tesseract behaviour is tested in `ocr_missing.rs`).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value as Json;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tesseract_ready() -> bool {
    let bin = std::env::var_os("GONGKAI_TESSERACT").unwrap_or_else(|| "tesseract".into());
    Command::new(bin)
        .arg("--list-langs")
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == "chi_sim")
        })
}

fn scanned_stems() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("golden"))
        .expect("golden/")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".json"))
                .map(String::from)
        })
        .filter(|s| s.ends_with("-scan"))
        .collect();
    v.sort();
    v
}

fn extract(pdfs: &[PathBuf]) -> (tempfile::TempDir, BTreeMap<String, Json>) {
    let out = tempfile::tempdir().expect("tmp");
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .arg("extract")
        .arg("-q")
        .arg("-o")
        .arg(out.path())
        .args(pdfs)
        .output()
        .expect("run gongkai");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let docs = pdfs
        .iter()
        .map(|p| {
            let stem = p
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            let bytes = std::fs::read(out.path().join(format!("{stem}.json"))).expect("doc json");
            (stem, serde_json::from_slice(&bytes).expect("json"))
        })
        .collect();
    (out, docs)
}

fn spans(t: &Json) -> Vec<(u64, u64, u64, u64)> {
    let mut v: Vec<_> = t["cells"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            (
                c["row"].as_u64().unwrap_or(0),
                c["col"].as_u64().unwrap_or(0),
                c["rowspan"].as_u64().unwrap_or(1),
                c["colspan"].as_u64().unwrap_or(1),
            )
        })
        .collect();
    v.sort();
    v
}

/// Golden tables whose structure (pages, shape, spans) we reproduce; pairs by first page
/// and order on it, as the table golden test does.
fn table_matches(golden: &Json, ours: &Json) -> (usize, usize, Vec<String>) {
    let want: Vec<&Json> = golden["tables"].as_array().into_iter().flatten().collect();
    let got: Vec<&Json> = ours["tables"].as_array().into_iter().flatten().collect();
    let (mut ok, mut misses) = (0, Vec::new());
    for w in &want {
        let first = &w["pages"][0];
        let nth = want
            .iter()
            .filter(|x| x["pages"][0] == *first && x["index"].as_u64() < w["index"].as_u64())
            .count();
        let same: Vec<&&Json> = got.iter().filter(|t| t["page"] == *first).collect();
        let m = same.get(nth).is_some_and(|t| {
            t["pages"] == w["pages"]
                && t["n_rows"] == w["n_rows"]
                && t["n_cols"] == w["n_cols"]
                && spans(t) == spans(w)
        });
        if m {
            ok += 1;
        } else {
            misses.push(format!(
                "table {} ({}, p.{first}): got {:?}",
                w["index"],
                w["table_type"],
                same.get(nth)
                    .map(|t| (t["n_rows"].clone(), t["n_cols"].clone()))
            ));
        }
    }
    (ok, want.len(), misses)
}

fn row_key(table_type: &str, row: &Json) -> String {
    let s = |k: &str| row.get(k).and_then(Json::as_str).unwrap_or("").to_string();
    if let Some(line) = row.get("line").and_then(Json::as_str) {
        return line.to_string();
    }
    if table_type.ends_with("three_public") {
        return "row".into();
    }
    match row.get("code").and_then(Json::as_str) {
        Some(c) if table_type != "procurement" => c.to_string(),
        _ => format!("{}:{}", s("kind"), s("name")),
    }
}

fn keyed<'a>(table_type: &str, rows: impl Iterator<Item = &'a Json>) -> HashMap<String, &'a Json> {
    let mut out = HashMap::new();
    for r in rows {
        let base = row_key(table_type, r);
        let (mut key, mut n) = (base.clone(), 1);
        while out.contains_key(&key) {
            n += 1;
            key = format!("{base}#{n}");
        }
        out.insert(key, r);
    }
    out
}

/// Golden amounts (yuan) that our typed records repeat exactly.
fn amount_matches(golden: &Json, ours: &Json, diffs: &mut Vec<String>) -> (usize, usize) {
    let tables: Vec<&Json> = ours["records"]["tables"]
        .as_array()
        .into_iter()
        .flatten()
        .collect();
    let (mut ok, mut all) = (0, 0);
    for (tt, rec) in golden["records"].as_object().into_iter().flatten() {
        let table = tables.iter().find(|t| t["table_type"] == tt.as_str());
        let our_rows = table
            .map(|t| keyed(tt, t["rows"].as_array().into_iter().flatten()))
            .unwrap_or_default();
        for (key, g) in keyed(tt, rec["rows"].as_array().into_iter().flatten()) {
            for (col, gv) in g["values"].as_object().into_iter().flatten() {
                all += 1;
                let got = our_rows
                    .get(&key)
                    .and_then(|o| o["values"].get(col))
                    .and_then(|v| v.get("yuan"))
                    .and_then(Json::as_str);
                if got == gv.as_str() {
                    ok += 1;
                } else {
                    diffs.push(format!("{tt} row {key} [{col}]: golden {gv} ours {got:?}"));
                }
            }
        }
    }
    (ok, all)
}

/// Letters, digits and ideographs of a page's lines (full-width forms folded; punctuation
/// left out: a scan's `(` for `（` is no seal text).
fn chars_of(page: &Json) -> String {
    page["lines"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l["text"].as_str())
        .flat_map(|t| t.chars())
        .map(|c| {
            if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            } else {
                c
            }
        })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// OCR misreads in the committed scans that a check catches (stem, rule, page, what was
/// read): the 绩效目标表 targets printed `≥90%有效提高` (text twins: qingshui p.20,
/// statistics p.18 and p.21), read with their comparator wrong and kept as text by PT4.
const CAUGHT_MISREADS: &[(&str, &str, u64, &str)] = &[
    (
        "budget-2023-hebei-qingshui-water-scan",
        "PT4",
        20,
        "关90%有效提高",
    ),
    (
        "budget-2024-central-statistics-scan",
        "PT4",
        18,
        "过90%有效提高",
    ),
    (
        "budget-2024-central-statistics-scan",
        "PT4",
        21,
        ">>90%有效提高",
    ),
];

#[test]
fn scans_match_golden_tables_and_amounts() {
    if !tesseract_ready() {
        eprintln!(
            "tesseract with chi_sim not installed (scripts/install-ocr); OCR golden test skipped"
        );
        return;
    }
    let stems = scanned_stems();
    let goldens: BTreeMap<String, Json> = stems
        .iter()
        .map(|s| {
            (
                s.clone(),
                serde_json::from_slice(
                    &std::fs::read(root().join(format!("golden/{s}.json"))).expect("golden"),
                )
                .expect("json"),
            )
        })
        .collect();
    let mut pdfs: Vec<PathBuf> = stems
        .iter()
        .map(|s| root().join(format!("samples/{s}.pdf")))
        .collect();
    let twins: Vec<String> = goldens
        .values()
        .filter_map(|g| g["source_sample"].as_str().map(String::from))
        .collect();
    pdfs.extend(
        twins
            .iter()
            .map(|s| root().join(format!("samples/{s}.pdf"))),
    );
    let (_out, docs) = extract(&pdfs);

    let (mut t_ok, mut t_all, mut a_ok, mut a_all) = (0, 0, 0, 0);
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for (stem, g) in &goldens {
        let ours = &docs[stem];
        let twin = g["source_sample"].as_str().map(|t| &docs[t]);
        let borderless = g["tables"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|t| t["layout"] == "borderless");
        let (to, ta, tmiss) = table_matches(g, ours);
        let mut diffs = Vec::new();
        let (ao, aa) = amount_matches(g, ours, &mut diffs);
        let twin_fig = twin.map(|tw| {
            let (a, b, _) = table_matches(g, tw);
            let (c, d) = amount_matches(g, tw, &mut Vec::new());
            format!("text twin: tables {a}/{b}, amounts {c}/{d}")
        });
        report.push(format!(
            "{stem}{}: tables {to}/{ta}, amounts {ao}/{aa}   ({})",
            if borderless { " (borderless)" } else { "" },
            twin_fig.unwrap_or_default()
        ));
        for d in tmiss.iter().chain(&diffs) {
            report.push(format!("    {d}"));
        }
        // Every page read by OCR, with a confidence.
        for p in ours["pages"].as_array().into_iter().flatten() {
            let c = p["ocr"]["confidence"].as_f64();
            if p["needs_ocr"] != false || !c.is_some_and(|c| (0.0..=1.0).contains(&c)) {
                failures.push(format!(
                    "{stem} p.{}: not read by OCR ({:?})",
                    p["page"],
                    p.get("warnings")
                ));
            }
        }
        // No seal text: OCR characters absent from the text twin's page stay rare.
        if let Some(tw) = twin {
            for n in g["scan"]["seal_pages"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Json::as_u64)
            {
                let i = n as usize - 1;
                let ocr = chars_of(&ours["pages"][i]);
                let text = chars_of(&tw["pages"][i]);
                let foreign = ocr.chars().filter(|c| !text.contains(*c)).count();
                let share = foreign as f64 / ocr.chars().count().max(1) as f64;
                report.push(format!("    seal page {n}: {foreign} of {} OCR characters not on the text page ({:.1}%)", ocr.chars().count(), share * 100.0));
                if share >= 0.03 {
                    failures.push(format!(
                        "{stem} p.{n}: {:.1}% foreign characters (seal text?)",
                        share * 100.0
                    ));
                }
            }
        }
        // A scan of a consistent sample passes every identity check, as its text twin
        // does: a failed check on a scan is an OCR misread. The misreads known and caught
        // must be caught (each one read off the text twin by hand).
        if g["arithmetic_consistent"] == true {
            for (known_stem, rule, page, lhs) in CAUGHT_MISREADS {
                if *known_stem == stem
                    && !ours["records"]["findings"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|f| f["rule"] == *rule && f["page"] == *page && f["lhs"] == *lhs)
                {
                    failures.push(format!(
                        "{stem}: the misread {lhs:?} on p.{page} is no longer caught by {rule}"
                    ));
                }
            }
            for f in ours["records"]["findings"].as_array().into_iter().flatten() {
                let known = CAUGHT_MISREADS.iter().any(|(s, rule, page, lhs)| {
                    *s == stem && f["rule"] == *rule && f["page"] == *page && f["lhs"] == *lhs
                });
                if (f["status"] == "fail" || f["status"] == "unit_mismatch") && !known {
                    failures.push(format!(
                        "{stem}: failed check {} on p.{} {} {}: {} vs {}",
                        f["rule"], f["page"], f["row"], f["column"], f["lhs"], f["rhs"]
                    ));
                }
            }
        }
        t_ok += to;
        t_all += ta;
        a_ok += ao;
        a_all += aa;
    }
    let tp = 100.0 * t_ok as f64 / t_all.max(1) as f64;
    let ap = 100.0 * a_ok as f64 / a_all.max(1) as f64;
    eprintln!("{}", report.join("\n"));
    eprintln!("OCR bar (all scans): table structure {t_ok}/{t_all} = {tp:.1}% (bar 95%), amounts {a_ok}/{a_all} = {ap:.1}% (bar 97%)");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        tp >= 95.0 && ap >= 97.0,
        "below the bar: tables {tp:.1}%, amounts {ap:.1}%"
    );
}
