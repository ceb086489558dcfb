//! `gongkai extract`: the batch job. Parallel over documents (and pages of large ones),
//! each behind a panic guard and a time limit, with atomic outputs, an incremental
//! manifest, a report and a summary. A failed document never stops the batch.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use gongkai_export::write_json;
use gongkai_pdf::OpenOptions;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::inputs::{expand, Input};
use crate::pipeline;

/// Options of `gongkai extract`.
#[derive(clap::Args, Clone)]
pub struct ExtractArgs {
    /// PDF files, folders (searched recursively) or glob patterns.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    #[arg(short = 'o', long = "out")]
    pub out: PathBuf,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    pub jobs: Option<usize>,
    /// Skip inputs whose content and gongkai version match the last run's.
    #[arg(long)]
    pub incremental: bool,
    /// Per-document time limit in seconds.
    #[arg(long, default_value_t = 300)]
    pub timeout: u64,
    /// No progress output (the summary is still printed).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Password tried for encrypted inputs.
    #[arg(long)]
    pub password: Option<String>,
    /// Do not OCR image-only pages (they are reported as `needs_ocr`).
    #[arg(long)]
    pub no_ocr: bool,
    /// Tesseract languages for scanned pages.
    #[arg(long, default_value = gongkai_ocr::DEFAULT_LANG)]
    pub ocr_lang: String,
}

/// One line of the manifest/report: what happened to an input.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    /// Output stem.
    pub name: String,
    /// Input path as given.
    pub input: String,
    /// SHA-256 of the input bytes (empty when unreadable).
    pub sha256: String,
    /// gongkai version that produced it.
    pub version: String,
    /// `ok` or `failed`.
    pub status: String,
    /// Error kind when failed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error_kind: Option<String>,
    /// Error message when failed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<String>,
    /// Pages in the document.
    pub pages: usize,
    /// Pages that need OCR.
    #[serde(default)]
    pub ocr_pages: usize,
    /// Identity checks that failed (status `fail` or `unit_mismatch`): a document to look at
    /// before publishing its figures.
    #[serde(default)]
    pub failed_checks: usize,
}

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn state_dir(out: &Path) -> PathBuf {
    out.join(".gongkai").join("done")
}

fn load_entry(out: &Path, name: &str) -> Option<Entry> {
    let bytes = std::fs::read(state_dir(out).join(format!("{name}.json"))).ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a document processed in this run contributes to the batch-level files, kept in
/// memory so that the end of the run need not read its sidecars back: its line of
/// records.jsonl and its CSV rows, encoded, per CSV key (the sidecars are still written,
/// for `--incremental` re-runs and resumed runs).
struct BatchPart {
    /// The records.jsonl line (with its line break).
    line: Vec<u8>,
    /// `(key, encoded rows)` in key order, as [`csv_chunks`] makes them.
    csv: Vec<(String, Vec<u8>)>,
}

/// Runs one input; returns its entry, and its [`BatchPart`] when it succeeds. Writes
/// `OUT/<name>.json` when it succeeds.
fn run_one(input: &Input, args: &ExtractArgs) -> (Entry, Option<BatchPart>) {
    let display = input.path.display().to_string();
    let failed = |sha: String, kind: &str, msg: String| Entry {
        name: input.name.clone(),
        input: display.clone(),
        sha256: sha,
        version: VERSION.into(),
        status: "failed".into(),
        error_kind: Some(kind.into()),
        error: Some(msg),
        pages: 0,
        ocr_pages: 0,
        failed_checks: 0,
    };
    let bytes = match std::fs::read(&input.path) {
        Ok(b) => b,
        Err(e) => {
            return (
                failed(String::new(), "io", format!("cannot read file: {e}")),
                None,
            )
        }
    };
    let opts = OpenOptions {
        password: args.password.clone(),
        ..OpenOptions::default()
    };
    let deadline = Some((
        Instant::now() + Duration::from_secs(args.timeout),
        args.timeout,
    ));
    let file_name = input
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The file's hash is computed beside the reading of its pages, and filled in after.
    let (sha, result) = rayon::join(
        || hex(&Sha256::digest(&bytes)),
        || {
            gongkai_pdf::guard(|| {
                Ok(pipeline::process(
                    &file_name,
                    &bytes,
                    String::new(),
                    &opts,
                    deadline,
                ))
            })
        },
    );
    let mut output = match result {
        Ok(Ok(o)) => o,
        Ok(Err(e)) => return (failed(sha, e.kind(), e.to_string()), None),
        Err(e) => return (failed(sha, e.kind(), e.to_string()), None),
    };
    output.source.sha256.clone_from(&sha);
    // The document JSON and the batch-level pieces (the record line for records.jsonl and
    // the CSV rows, with their sidecar) are serialised side by side, each in parallel
    // inside: for a large document these are the longest serial steps. Then the files are
    // written while the document's values are freed.
    type Serialised = (Vec<u8>, (Vec<u8>, (Vec<u8>, Vec<(String, Vec<u8>)>)));
    let serialised = || -> Result<Serialised, String> {
        let (main, (line, csv)) = rayon::join(
            || document_json(&output),
            || {
                rayon::join(
                    || record_line(&output),
                    || {
                        let rows = long_rows(&output);
                        let (sidecar, chunks) = rayon::join(
                            || {
                                gongkai_export::pretty_array(&rows, 0).map(|mut bytes| {
                                    bytes.push(b'\n');
                                    bytes
                                })
                            },
                            || csv_chunks(&rows),
                        );
                        Ok::<_, String>((sidecar.map_err(|e| e.to_string())?, chunks?))
                    },
                )
            },
        );
        Ok((
            main.map_err(|e| e.to_string())?,
            (line.map_err(|e| e.to_string())?, csv?),
        ))
    };
    let (main, (line, (csv_sidecar, csv))) = match serialised() {
        Ok(s) => s,
        Err(e) => return (failed(sha, "write", e), None),
    };
    let entry = Entry {
        name: input.name.clone(),
        input: display.clone(),
        sha256: sha.clone(),
        version: VERSION.into(),
        status: "ok".into(),
        error_kind: None,
        error: None,
        pages: output.source.pages,
        ocr_pages: output.ocr_pages(),
        failed_checks: output
            .records
            .findings
            .iter()
            .filter(|f| {
                matches!(
                    f.status,
                    gongkai_disclosure::Status::Fail | gongkai_disclosure::Status::UnitMismatch
                )
            })
            .count(),
    };
    let state = state_dir(&args.out);
    let write = |path: PathBuf, bytes: &[u8]| {
        gongkai_export::write_atomic(&path, bytes).map_err(|e| e.to_string())
    };
    // A large document's values are many small allocations: freed beside the writing.
    let pipeline::DocOutput {
        pages,
        tables,
        records,
        ..
    } = output;
    let (written, ()) = rayon::join(
        || -> Result<(), String> {
            let (main, sidecars) = rayon::join(
                || write(args.out.join(format!("{}.json", input.name)), &main),
                || {
                    write(state.join(format!("{}.line.json", input.name)), &line)?;
                    write(state.join(format!("{}.csv.json", input.name)), &csv_sidecar)
                },
            );
            main.and(sidecars)
        },
        || {
            drop(pages);
            drop(tables);
            drop(records);
        },
    );
    if let Err(e) = written {
        return (failed(sha, "write", e), None);
    }
    (entry, Some(BatchPart { line, csv }))
}

/// The document JSON (pretty, with a final line break): the bytes `write_json` writes
/// for `output`, with its large arrays serialised in parallel.
fn document_json(output: &pipeline::DocOutput) -> Result<Vec<u8>, serde_json::Error> {
    use gongkai_export::{pretty_array, pretty_object, pretty_value};
    // Named in full so that a new field cannot be left out of the JSON unnoticed.
    let pipeline::DocOutput {
        schema,
        source,
        pages,
        tables,
        records,
    } = output;
    let gongkai_disclosure::Records {
        schema: records_schema,
        document,
        tables: typed,
        listed,
        accounting,
        projects,
        facts,
        procurement,
        findings,
    } = records;
    let ((pages, tables), (typed, (facts, findings))) = rayon::join(
        || rayon::join(|| pretty_array(pages, 1), || pretty_array(tables, 1)),
        || {
            rayon::join(
                || pretty_array(typed, 2),
                || rayon::join(|| pretty_array(facts, 2), || pretty_array(findings, 2)),
            )
        },
    );
    let mut fields = vec![
        ("schema", pretty_value(records_schema, 2)?),
        ("document", pretty_value(document, 2)?),
        ("tables", typed?),
    ];
    if !listed.is_empty() {
        fields.push(("listed", pretty_array(listed, 2)?));
    }
    fields.push(("accounting", pretty_value(accounting, 2)?));
    let records = pretty_object(
        &[
            fields,
            vec![
                ("projects", pretty_array(projects, 2)?),
                ("facts", facts?),
                ("procurement", pretty_array(procurement, 2)?),
                ("findings", findings?),
            ],
        ]
        .concat(),
        1,
    )?;
    let mut bytes = pretty_object(
        &[
            ("schema", pretty_value(schema, 1)?),
            ("source", pretty_value(source, 1)?),
            ("pages", pages?),
            ("tables", tables?),
            ("records", records),
        ],
        0,
    )?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The document's line of records.jsonl (compact JSON, keys sorted, with a final line
/// break): the bytes of `serde_json::json!({ "schema", "source", "records" })`, made
/// without the `Value` tree, the records' large arrays serialised in parallel.
fn record_line(output: &pipeline::DocOutput) -> Result<Vec<u8>, serde_json::Error> {
    use gongkai_export::{sorted_json_array, sorted_json_object, to_sorted_json};
    // Named in full so that a new field cannot be left out of the line unnoticed.
    let gongkai_disclosure::Records {
        schema,
        document,
        tables,
        listed,
        accounting,
        projects,
        facts,
        procurement,
        findings,
    } = &output.records;
    let ((tables, findings), (facts, (projects, procurement))) = rayon::join(
        || rayon::join(|| sorted_json_array(tables), || sorted_json_array(findings)),
        || {
            rayon::join(
                || sorted_json_array(facts),
                || {
                    rayon::join(
                        || sorted_json_array(projects),
                        || sorted_json_array(procurement),
                    )
                },
            )
        },
    );
    let mut fields = vec![
        ("schema".into(), to_sorted_json(schema)?),
        ("document".into(), to_sorted_json(document)?),
        ("tables".into(), tables?),
        ("accounting".into(), to_sorted_json(accounting)?),
    ];
    if !listed.is_empty() {
        fields.push(("listed".into(), to_sorted_json(listed)?));
    }
    fields.extend([
        ("projects".into(), projects?),
        ("facts".into(), facts?),
        ("procurement".into(), procurement?),
        ("findings".into(), findings?),
    ]);
    let records = sorted_json_object(fields)?;
    let mut line = sorted_json_object(vec![
        ("schema".into(), to_sorted_json(output.schema)?),
        ("source".into(), to_sorted_json(&output.source)?),
        ("records".into(), records),
    ])?;
    line.push(b'\n');
    Ok(line)
}

/// The rows of one document encoded as CSV lines per key (the rows of a key in their
/// order), keys in order: what the document adds to each batch-level CSV.
fn csv_chunks(rows: &[(String, Vec<String>)]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut by_key: std::collections::BTreeMap<&str, Vec<&[String]>> =
        std::collections::BTreeMap::new();
    for (key, row) in rows {
        by_key.entry(key.as_str()).or_default().push(row.as_slice());
    }
    by_key
        .into_par_iter()
        .map(|(key, rows)| {
            let header = csv_header(key);
            gongkai_export::csv_rows(header, rows)
                .map(|bytes| (key.to_string(), bytes))
                .map_err(|e| format!("CSV rows of {key}: {e}"))
        })
        .collect()
}

/// The header of the batch-level CSV a row key goes to.
fn csv_header(key: &str) -> &'static [&'static str] {
    EXTRA_CSVS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or(&CSV_HEADER[..], |(_, _, header)| header)
}

/// The file a row key goes to, under `OUT/csv`.
fn csv_file_name(key: &str) -> String {
    EXTRA_CSVS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or_else(|| format!("{key}.csv"), |(_, name, _)| name.to_string())
}

/// Document ran (with what it adds to the batch-level files when it succeeded) or was skipped.
enum Outcome {
    Ran(Entry, Option<BatchPart>),
    Skipped(Entry),
}

/// `gongkai extract INPUT... -o OUT_DIR`.
pub fn extract(args: &ExtractArgs) -> Result<std::process::ExitCode> {
    let started = Instant::now();
    pipeline::set_ocr((!args.no_ocr).then(|| gongkai_ocr::OcrOptions {
        lang: args.ocr_lang.clone(),
        ..Default::default()
    }));
    let inputs = expand(&args.inputs)?;
    std::fs::create_dir_all(state_dir(&args.out))
        .with_context(|| format!("{}: cannot create output folder", args.out.display()))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .context("thread pool")?;

    let interactive = !args.quiet && std::io::stderr().is_terminal();
    let bar = if interactive {
        let b = ProgressBar::new(inputs.len() as u64);
        b.set_style(
            ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} docs {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Some(b)
    } else {
        None
    };
    let pages_done = AtomicUsize::new(0);
    let failures = AtomicUsize::new(0);
    let log_lock = Mutex::new(());
    let total = inputs.len();
    let counter = AtomicUsize::new(0);

    let outcomes: Vec<Outcome> = pool.install(|| {
        inputs
            .par_iter()
            .map(|input| {
                let outcome = match args
                    .incremental
                    .then(|| load_entry(&args.out, &input.name))
                    .flatten()
                {
                    Some(prev)
                        if prev.version == VERSION
                            && unchanged(&input.path, &prev)
                            && output_present(&args.out, &prev) =>
                    {
                        Outcome::Skipped(prev)
                    }
                    _ => {
                        let (e, part) = run_one(input, args);
                        // The manifest entry is written after the output, so a kill in between
                        // only means the document is redone next time.
                        let _ = write_json(
                            &state_dir(&args.out).join(format!("{}.json", input.name)),
                            &e,
                        );
                        Outcome::Ran(e, part)
                    }
                };
                let (e, verb) = match &outcome {
                    Outcome::Ran(e, _) => (e, "done"),
                    Outcome::Skipped(e) => (e, "unchanged"),
                };
                let pages = pages_done.fetch_add(e.pages, Ordering::Relaxed) + e.pages;
                let fails = failures.fetch_add((e.status != "ok") as usize, Ordering::Relaxed)
                    + (e.status != "ok") as usize;
                let k = counter.fetch_add(1, Ordering::Relaxed) + 1;
                let rate = pages as f64 / started.elapsed().as_secs_f64().max(1e-3);
                if let Some(b) = &bar {
                    b.set_message(format!("{pages} pages, {rate:.1} pages/s, {fails} failed"));
                    b.inc(1);
                } else if !args.quiet {
                    let _g = log_lock.lock();
                    match &e.error {
                        Some(err) => eprintln!("[{k}/{total}] FAILED {}: {err}", e.input),
                        None => eprintln!("[{k}/{total}] {verb} {} ({} pages)", e.input, e.pages),
                    }
                }
                outcome
            })
            .collect()
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let ran = outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::Ran(..)))
        .count();
    let (entries, parts): (Vec<Entry>, Vec<Option<BatchPart>>) = outcomes
        .into_iter()
        .map(|o| match o {
            Outcome::Ran(e, part) => (e, part),
            Outcome::Skipped(e) => (e, None),
        })
        .unzip();
    // Inside the pool, so that `-j1` stays one thread here too.
    pool.install(|| write_batch_outputs(&args.out, &entries, parts))?;

    let ok = entries.iter().filter(|e| e.status == "ok").count();
    let failed: Vec<&Entry> = entries.iter().filter(|e| e.status != "ok").collect();
    let pages: usize = entries.iter().map(|e| e.pages).sum();
    let ocr: usize = entries.iter().map(|e| e.ocr_pages).sum();
    let secs = started.elapsed().as_secs_f64();
    let flagged: Vec<&Entry> = entries.iter().filter(|e| e.failed_checks > 0).collect();
    eprintln!(
        "gongkai extract: {} documents: {ok} ok, {} failed, {} with failed checks; {pages} pages ({ocr} need OCR); {ran} processed, {} unchanged; {secs:.1} s",
        entries.len(),
        failed.len(),
        flagged.len(),
        entries.len() - ran
    );
    for e in &flagged {
        eprintln!(
            "  CHECKS {}: {} failed identity checks (see csv/findings.csv)",
            e.input, e.failed_checks
        );
    }
    if ocr > 0 {
        eprintln!("  {ocr} scanned pages have no text layer: OCR needs tesseract (apt-get install tesseract-ocr tesseract-ocr-chi-sim)");
    }
    for e in &failed {
        eprintln!(
            "  FAILED {}: {}",
            e.input,
            e.error.as_deref().unwrap_or("?")
        );
    }
    Ok(if failed.is_empty() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::from(1)
    })
}

fn unchanged(path: &Path, prev: &Entry) -> bool {
    std::fs::read(path)
        .map(|b| hex(&Sha256::digest(&b)) == prev.sha256)
        .unwrap_or(false)
}

fn output_present(out: &Path, prev: &Entry) -> bool {
    prev.status != "ok" || out.join(format!("{}.json", prev.name)).is_file()
}

/// Header of the long-format CSVs: one line per amount, ready to pivot.
const CSV_HEADER: [&str; 16] = [
    "file",
    "department",
    "fiscal_year",
    "kind",
    "table_type",
    "table_title",
    "unit",
    "row_id",
    "side",
    "line",
    "code",
    "name",
    "column",
    "yuan",
    "raw",
    "page",
];

/// Project CSV (one line per 绩效目标表).
const PROJECT_HEADER: [&str; 14] = [
    "file",
    "department",
    "fiscal_year",
    "table",
    "seq",
    "unit_code",
    "code",
    "name",
    "budget_total_yuan",
    "budget_fiscal_yuan",
    "budget_other_yuan",
    "schedule",
    "goals",
    "page",
];

/// Indicator CSV (one line per performance indicator).
const INDICATOR_HEADER: [&str; 14] = [
    "file",
    "department",
    "fiscal_year",
    "project_code",
    "project_name",
    "level1",
    "level2",
    "level3",
    "description",
    "target",
    "comparator",
    "value",
    "unit",
    "basis",
];

/// Narrative-figure CSV.
const FACT_HEADER: [&str; 9] = [
    "file",
    "department",
    "fiscal_year",
    "key",
    "yuan",
    "value",
    "raw",
    "page",
    "sentence",
];

/// Procurement-item CSV.
const PROCUREMENT_HEADER: [&str; 13] = [
    "file",
    "department",
    "fiscal_year",
    "row",
    "project_name",
    "project_budget_yuan",
    "item_name",
    "catalogue_code",
    "catalogue_kind",
    "measure_unit",
    "quantity",
    "unit_price_yuan",
    "total_yuan",
];

/// Findings CSV: every identity check with its outcome.
const FINDING_HEADER: [&str; 15] = [
    "file",
    "department",
    "fiscal_year",
    "rule",
    "severity",
    "status",
    "table",
    "table_type",
    "page",
    "row",
    "column",
    "lhs",
    "rhs",
    "diff",
    "expr",
];

/// The CSV files besides the per-table-type ones: (key in the sidecar, file name, header).
const EXTRA_CSVS: [(&str, &str, &[&str]); 5] = [
    ("_projects", "projects.csv", &PROJECT_HEADER),
    ("_indicators", "indicators.csv", &INDICATOR_HEADER),
    ("_facts", "facts.csv", &FACT_HEADER),
    ("_procurement", "procurement_items.csv", &PROCUREMENT_HEADER),
    ("_findings", "findings.csv", &FINDING_HEADER),
];

/// CSV rows of one document: `(key, row)`, where `key` is a table type (long format, one
/// line per amount) or one of the [`EXTRA_CSVS`] keys.
fn long_rows(output: &pipeline::DocOutput) -> Vec<(String, Vec<String>)> {
    let rec = &output.records;
    let doc = &rec.document;
    let kind = serde_json::to_value(doc.kind)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default();
    let file = output.source.file.clone();
    let dept = doc.department.clone().unwrap_or_default();
    let year = doc.fiscal_year.map(|y| y.to_string()).unwrap_or_default();
    let yuan = |v: &Option<gongkai_disclosure::Value>| {
        v.as_ref().and_then(|v| v.yuan.clone()).unwrap_or_default()
    };
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let mut rows = Vec::new();
    for t in &rec.tables {
        let Some(tt) = t.table_type.as_deref() else {
            continue;
        };
        for r in &t.rows {
            for (col, v) in &r.values {
                let Some(v) = v else { continue };
                rows.push((
                    tt.to_string(),
                    vec![
                        file.clone(),
                        dept.clone(),
                        year.clone(),
                        kind.clone(),
                        tt.to_string(),
                        opt(&t.title),
                        opt(&t.unit),
                        r.id.clone(),
                        opt(&r.side),
                        opt(&r.line),
                        opt(&r.code),
                        r.name.clone(),
                        col.clone(),
                        v.yuan.clone().unwrap_or_default(),
                        v.raw.clone(),
                        v.page.to_string(),
                    ],
                ));
            }
        }
    }
    for p in &rec.projects {
        let schedule = p
            .schedule
            .iter()
            .map(|s| format!("{}:{}", s.month_end, s.cumulative_pct))
            .collect::<Vec<_>>()
            .join(" ");
        let page = p.pages.first().map(|n| n.to_string()).unwrap_or_default();
        rows.push((
            "_projects".into(),
            vec![
                file.clone(),
                dept.clone(),
                year.clone(),
                p.table.clone(),
                p.seq.map(|n| n.to_string()).unwrap_or_default(),
                opt(&p.unit_code),
                opt(&p.code),
                opt(&p.name),
                yuan(&p.budget.total),
                yuan(&p.budget.fiscal),
                yuan(&p.budget.other),
                schedule,
                p.goals.join("；"),
                page,
            ],
        ));
        for i in &p.indicators {
            let t = &i.target_parsed;
            let comparator = t
                .comparator
                .map(|c| c.as_str().to_string())
                .unwrap_or_default();
            let value = t.value.map(|v| v.to_string()).unwrap_or_default();
            rows.push((
                "_indicators".into(),
                vec![
                    file.clone(),
                    dept.clone(),
                    year.clone(),
                    opt(&p.code),
                    opt(&p.name),
                    i.level1.clone(),
                    i.level2.clone(),
                    i.level3.clone(),
                    i.description.clone(),
                    i.target.clone(),
                    comparator,
                    value,
                    opt(&t.unit),
                    i.basis.clone(),
                ],
            ));
        }
    }
    for f in &rec.facts {
        rows.push((
            "_facts".into(),
            vec![
                file.clone(),
                dept.clone(),
                year.clone(),
                f.key.clone(),
                opt(&f.yuan),
                opt(&f.value),
                f.raw.clone(),
                f.page.to_string(),
                f.sentence.clone(),
            ],
        ));
    }
    for i in &rec.procurement {
        let total = i.amounts.get("total").cloned().flatten();
        rows.push((
            "_procurement".into(),
            vec![
                file.clone(),
                dept.clone(),
                year.clone(),
                i.row.clone(),
                opt(&i.project_name),
                yuan(&i.project_budget),
                opt(&i.item_name),
                opt(&i.catalogue_code),
                opt(&i.catalogue_kind),
                opt(&i.measure_unit),
                opt(&i.quantity),
                yuan(&i.unit_price),
                yuan(&total),
            ],
        ));
    }
    for f in &rec.findings {
        let status = serde_json::to_value(f.status)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        let severity = serde_json::to_value(f.severity)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        rows.push((
            "_findings".into(),
            vec![
                file.clone(),
                dept.clone(),
                year.clone(),
                f.rule.clone(),
                severity,
                status,
                f.table.clone(),
                f.table_type.clone(),
                f.page.to_string(),
                f.row.clone(),
                f.column.clone(),
                f.lhs.clone(),
                f.rhs.clone(),
                f.diff.clone(),
                f.expr.clone(),
            ],
        ));
    }
    rows
}

/// Rebuilds the batch-level files from the per-document outputs, in name order, so an
/// interrupted and resumed run ends with the same bytes as an uninterrupted one. `parts`
/// (aligned with `entries`) holds what the documents processed in this run add, the same
/// bytes their sidecars hold; the other documents' sidecars are read back.
fn write_batch_outputs(out: &Path, entries: &[Entry], parts: Vec<Option<BatchPart>>) -> Result<()> {
    let mut sorted: Vec<(&Entry, Option<BatchPart>)> = entries.iter().zip(parts).collect();
    sorted.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    // Sidecars are read, parsed and encoded in parallel (order kept), then records.jsonl
    // and each CSV are written side by side: for one large document these were the
    // longest serial steps of a run.
    let loaded: Vec<BatchPart> = sorted
        .par_iter_mut()
        .filter(|(e, _)| e.status == "ok")
        .map(|(e, part)| -> Result<BatchPart> {
            if let Some(part) = part.take() {
                return Ok(part);
            }
            let p = state_dir(out).join(format!("{}.line.json", e.name));
            let line =
                std::fs::read(&p).with_context(|| format!("{}: output vanished", p.display()))?;
            let p = state_dir(out).join(format!("{}.csv.json", e.name));
            let rows: Vec<(String, Vec<String>)> = serde_json::from_slice(
                &std::fs::read(&p).with_context(|| format!("{}: output vanished", p.display()))?,
            )
            .with_context(|| format!("{}: unreadable", p.display()))?;
            let csv = csv_chunks(&rows).map_err(anyhow::Error::msg)?;
            Ok(BatchPart { line, csv })
        })
        .collect::<Result<_>>()?;
    let mut lines = Vec::with_capacity(loaded.iter().map(|p| p.line.len()).sum());
    let mut by_key: std::collections::BTreeMap<&str, Vec<&[u8]>> =
        std::collections::BTreeMap::new();
    for part in &loaded {
        lines.extend_from_slice(&part.line);
        for (key, chunk) in &part.csv {
            by_key
                .entry(key.as_str())
                .or_default()
                .push(chunk.as_slice());
        }
    }
    let (jsonl, csvs) = rayon::join(
        || gongkai_export::write_atomic(&out.join("records.jsonl"), &lines),
        || {
            by_key.into_par_iter().try_for_each(|(key, chunks)| {
                gongkai_export::write_csv_chunks(
                    &out.join("csv").join(csv_file_name(key)),
                    csv_header(key),
                    chunks,
                )
            })
        },
    );
    jsonl?;
    csvs?;
    let sorted: Vec<&Entry> = sorted.into_iter().map(|(e, _)| e).collect();
    let report = serde_json::json!({
        "schema": "gongkai.report/0.1",
        "version": VERSION,
        "documents": sorted.len(),
        "ok": sorted.iter().filter(|e| e.status == "ok").count(),
        "failed": sorted.iter().filter(|e| e.status != "ok").count(),
        "with_failed_checks": sorted.iter().filter(|e| e.failed_checks > 0).count(),
        "pages": sorted.iter().map(|e| e.pages).sum::<usize>(),
        "entries": sorted,
    });
    write_json(&out.join("report.json"), &report)?;
    Ok(())
}
