//! `gongkai._gongkai`: the Rust side of the Python package. Each function takes plain
//! values, releases the GIL while the library works, and hands back JSON text (parsed
//! into dicts by the `gongkai` Python module) or plain lists; a document that cannot be
//! read raises the `gongkai.errors` class named after the library's error kind.

#![forbid(unsafe_code)]

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

/// The library options from the Python keyword arguments.
fn options(
    ocr: bool,
    ocr_lang: String,
    password: Option<String>,
    timeout: Option<f64>,
) -> PyResult<gongkai::Options> {
    let timeout = match timeout {
        None => None,
        Some(t) if t.is_finite() && t > 0.0 => Some(Duration::from_secs_f64(t)),
        Some(t) => {
            return Err(PyValueError::new_err(format!(
                "timeout must be a positive number of seconds, not {t}"
            )))
        }
    };
    Ok(gongkai::Options {
        ocr: ocr.then(|| gongkai::OcrOptions {
            lang: ocr_lang,
            ..Default::default()
        }),
        password,
        timeout,
        ..gongkai::Options::default()
    })
}

/// The `gongkai.errors` exception for a library error (its class is the error's kind).
fn error(py: Python<'_>, e: &gongkai::Error, file: &str) -> PyErr {
    let made = py
        .import("gongkai.errors")
        .and_then(|m| m.getattr("_from_kind"))
        .and_then(|f| f.call1((e.kind(), e.to_string(), file)));
    match made {
        Ok(exc) => PyErr::from_value(exc),
        Err(err) => err,
    }
}

/// A pool of `threads` threads of the call's own (the pages of one document are read on
/// it), or `None` for the shared pool (all cores). One thread per call is what makes
/// Python threads scale: each call then uses one core, and N threads use N.
fn private_pool(threads: Option<usize>) -> PyResult<Option<rayon::ThreadPool>> {
    match threads {
        None => Ok(None),
        Some(0) => Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(Some)
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start {n} threads: {e}"))),
    }
}

/// The id of the process that loaded the module. A process forked from it
/// (`multiprocessing`'s `fork`, the default start method on Linux) inherits rayon's
/// shared pool without its threads: work sent there would wait for ever.
static LOADED_IN: std::sync::OnceLock<u32> = std::sync::OnceLock::new();

/// True in a process forked from the one that loaded the module.
fn forked() -> bool {
    LOADED_IN
        .get()
        .is_some_and(|pid| *pid != std::process::id())
}

/// Runs `work` on `pool` when there is one, else on the shared pool (all cores); in a
/// forked process, whose shared pool has no threads, on a pool of its own of as many
/// threads as cores.
fn on_pool<T: Send>(
    pool: Option<&rayon::ThreadPool>,
    work: impl FnOnce() -> T + Send,
) -> PyResult<T> {
    match pool {
        Some(p) => Ok(p.install(work)),
        None if forked() => {
            let n = std::thread::available_parallelism().map_or(1, |n| n.get());
            let own = private_pool(Some(n))?
                .ok_or_else(|| PyRuntimeError::new_err("no thread pool in a forked process"))?;
            Ok(own.install(work))
        }
        None => Ok(work()),
    }
}

/// Runs `work` without the GIL, on `pool` or the shared pool ([`on_pool`]).
fn detached<T: Send>(
    py: Python<'_>,
    pool: Option<&rayon::ThreadPool>,
    work: impl FnOnce() -> T + Send,
) -> PyResult<T> {
    py.detach(|| on_pool(pool, work))
}

/// The JSON of a document (compact; the same object as the CLI's document JSON).
fn document_json(doc: &gongkai::Document) -> Result<Vec<u8>, gongkai::Error> {
    serde_json::to_vec(doc).map_err(|e| gongkai::Error::Write(e.to_string()))
}

/// Extracts the PDF at `path` (named `name`, by default its file name) into the JSON of
/// its document.
#[pyfunction]
#[pyo3(signature = (path, name, ocr, ocr_lang, password, timeout, threads=None))]
#[allow(clippy::too_many_arguments)]
fn extract_path(
    py: Python<'_>,
    path: PathBuf,
    name: Option<String>,
    ocr: bool,
    ocr_lang: String,
    password: Option<String>,
    timeout: Option<f64>,
    threads: Option<usize>,
) -> PyResult<Py<PyBytes>> {
    let extractor = gongkai::Extractor::new(options(ocr, ocr_lang, password, timeout)?);
    let pool = private_pool(threads)?;
    let name = name.unwrap_or_else(|| {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let json = detached(py, pool.as_ref(), || {
        let bytes = std::fs::read(&path).map_err(gongkai::Error::Read)?;
        document_json(&extractor.extract_bytes(&name, &bytes)?)
    })?;
    match json {
        Ok(json) => Ok(PyBytes::new(py, &json).unbind()),
        Err(e) => Err(error(py, &e, &path.display().to_string())),
    }
}

/// Extracts a PDF held in memory, named `name`, into the JSON of its document.
#[pyfunction]
#[pyo3(signature = (data, name, ocr, ocr_lang, password, timeout, threads=None))]
#[allow(clippy::too_many_arguments)]
fn extract_bytes(
    py: Python<'_>,
    data: &[u8],
    name: String,
    ocr: bool,
    ocr_lang: String,
    password: Option<String>,
    timeout: Option<f64>,
    threads: Option<usize>,
) -> PyResult<Py<PyBytes>> {
    let extractor = gongkai::Extractor::new(options(ocr, ocr_lang, password, timeout)?);
    let pool = private_pool(threads)?;
    let json = detached(py, pool.as_ref(), || {
        document_json(&extractor.extract_bytes(&name, data)?)
    })?;
    match json {
        Ok(json) => Ok(PyBytes::new(py, &json).unbind()),
        Err(e) => Err(error(py, &e, &name)),
    }
}

/// A document JSON and its long tables as Parquet `(table, bytes)`.
type Outputs = (Py<PyBytes>, Vec<(String, Py<PyBytes>)>);

/// One document's outputs as `gongkai extract` writes them: its document JSON (the
/// bytes of `OUT/<name>.json`) and its long tables as Parquet (`(table, bytes)`, the
/// schema of `OUT/parquet/`), from a PDF held in memory named `name`. For jobs that
/// write outputs themselves (`gongkai.distributed`).
#[pyfunction]
#[pyo3(signature = (data, name, ocr, ocr_lang, password, timeout))]
fn extract_outputs(
    py: Python<'_>,
    data: &[u8],
    name: String,
    ocr: bool,
    ocr_lang: String,
    password: Option<String>,
    timeout: Option<f64>,
) -> PyResult<Outputs> {
    let extractor = gongkai::Extractor::new(options(ocr, ocr_lang, password, timeout)?);
    let result = detached(py, None, || {
        let doc = extractor.extract_bytes(&name, data)?;
        let json = doc
            .to_json()
            .map_err(|e| gongkai::Error::Write(e.to_string()))?;
        let mut by_key: std::collections::BTreeMap<String, Vec<Vec<String>>> = Default::default();
        for (key, row) in gongkai::long::rows(&doc) {
            by_key.entry(key).or_default().push(row);
        }
        let tables = by_key
            .into_iter()
            .map(|(key, rows)| {
                let rows: Vec<&[String]> = rows.iter().map(Vec::as_slice).collect();
                let file = gongkai::long::file_name(&key);
                let table = file.strip_suffix(".csv").unwrap_or(&file).to_string();
                gongkai::long::parquet_bytes(&key, &rows)
                    .map(|bytes| (table, bytes))
                    .map_err(|e| gongkai::Error::Write(e.to_string()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok::<_, gongkai::Error>((json, tables))
    })?;
    match result {
        Ok((json, tables)) => Ok((
            PyBytes::new(py, &json).unbind(),
            tables
                .into_iter()
                .map(|(t, b)| (t, PyBytes::new(py, &b).unbind()))
                .collect(),
        )),
        Err(e) => Err(error(py, &e, &name)),
    }
}

/// The tables' JSON and the page warnings `(page, message)`.
type TablesOut = (Py<PyBytes>, Vec<(usize, String)>);

/// The tables of the PDF at `path` (the pages given, all when `None`): their JSON (a
/// list) and the page warnings as `(page, message)`.
#[pyfunction]
#[pyo3(signature = (path, pages, ocr, ocr_lang, password))]
fn tables(
    py: Python<'_>,
    path: PathBuf,
    pages: Option<Vec<usize>>,
    ocr: bool,
    ocr_lang: String,
    password: Option<String>,
) -> PyResult<TablesOut> {
    let extractor = gongkai::Extractor::new(options(ocr, ocr_lang, password, None)?);
    let pages: Option<BTreeSet<usize>> = pages.map(|p| p.into_iter().collect());
    let result = detached(py, None, || {
        let mut pdf = extractor.open(&path)?;
        let gongkai::Tables { tables, warnings } = pdf.tables(pages.as_ref());
        let json = serde_json::to_vec(&tables).map_err(|e| gongkai::Error::Write(e.to_string()))?;
        Ok::<_, gongkai::Error>((
            json,
            warnings
                .into_iter()
                .map(|w| (w.page, w.message))
                .collect::<Vec<_>>(),
        ))
    })?;
    match result {
        Ok((json, warnings)) => Ok((PyBytes::new(py, &json).unbind(), warnings)),
        Err(e) => Err(error(py, &e, &path.display().to_string())),
    }
}

/// The number of pages of the PDF at `path` (`password` opens an encrypted one): for
/// checking page numbers before reading them, as the CLI's `--pages` does.
#[pyfunction]
#[pyo3(signature = (path, password))]
fn page_count(py: Python<'_>, path: PathBuf, password: Option<String>) -> PyResult<usize> {
    let extractor = gongkai::Extractor::new(options(false, String::new(), password, None)?);
    match detached(py, None, || {
        extractor.open(&path).map(|pdf| pdf.page_count())
    })? {
        Ok(count) => Ok(count),
        Err(e) => Err(error(py, &e, &path.display().to_string())),
    }
}

/// The records of a document JSON (its `records` member) or a bare records object.
fn records(json: &str) -> Result<gongkai::disclosure::Records, String> {
    let mut v: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let records = match v.get_mut("records") {
        Some(r) => r.take(),
        None => v,
    };
    serde_json::from_value(records)
        .map_err(|e| format!("not gongkai records (schema gongkai.disclosure): {e}"))
}

/// The `gongkai.errors.NotRecords` exception.
fn not_records(py: Python<'_>, message: String) -> PyErr {
    let made = py
        .import("gongkai.errors")
        .and_then(|m| m.getattr("_from_kind"))
        .and_then(|f| f.call1(("not_records", message, py.None())));
    match made {
        Ok(exc) => PyErr::from_value(exc),
        Err(err) => err,
    }
}

/// Every identity re-run on the records in `json` (`gongkai check`): the findings' JSON.
#[pyfunction]
fn check(py: Python<'_>, json: &str) -> PyResult<Py<PyBytes>> {
    let findings = detached(py, None, || {
        let records = records(json)?;
        serde_json::to_vec(&gongkai::disclosure::validate(&records)).map_err(|e| e.to_string())
    })?;
    match findings {
        Ok(json) => Ok(PyBytes::new(py, &json).unbind()),
        Err(message) => Err(not_records(py, message)),
    }
}

/// One long table: its name (the CSV's file name without `.csv`), and per column its
/// name, type (`text`, `int`, `decimal` or `float`) and values as the CSV holds them.
type LongTable = (String, Vec<(String, &'static str, Vec<String>)>);

/// The long tables of a document JSON (`source.file` and `records`), column by column,
/// tables in name order.
#[pyfunction]
fn long_columns(py: Python<'_>, json: &str) -> PyResult<Vec<LongTable>> {
    let tables = detached(py, None, || -> Result<Vec<LongTable>, String> {
        let v: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let file = v
            .pointer("/source/file")
            .and_then(|f| f.as_str())
            .ok_or("a document JSON has `source.file`")?
            .to_string();
        let records = records(json)?;
        let mut by_key: std::collections::BTreeMap<String, Vec<Vec<String>>> = Default::default();
        for (key, row) in gongkai::long::records_rows(&file, &records) {
            by_key.entry(key).or_default().push(row);
        }
        let mut tables: Vec<LongTable> = by_key
            .into_iter()
            .map(|(key, rows)| {
                let header = gongkai::long::header(&key);
                let columns = header
                    .iter()
                    .enumerate()
                    .map(|(i, name)| {
                        let values = rows
                            .iter()
                            .map(|r| r.get(i).cloned().unwrap_or_default())
                            .collect();
                        (name.to_string(), type_name(name), values)
                    })
                    .collect();
                let file = gongkai::long::file_name(&key);
                let name = file.strip_suffix(".csv").unwrap_or(&file).to_string();
                (name, columns)
            })
            .collect();
        tables.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(tables)
    })?;
    tables.map_err(|message| not_records(py, message))
}

/// The Python name of a long-table column's type.
fn type_name(column: &str) -> &'static str {
    match gongkai::long::column_type(column) {
        gongkai::long::ColumnType::Text => "text",
        gongkai::long::ColumnType::Int => "int",
        gongkai::long::ColumnType::Decimal => "decimal",
        gongkai::long::ColumnType::Float => "float",
    }
}

/// The `_gongkai` module.
#[pymodule]
fn _gongkai(m: &Bound<'_, PyModule>) -> PyResult<()> {
    LOADED_IN.get_or_init(std::process::id);
    m.add("__version__", gongkai::VERSION)?;
    m.add("DOCUMENT_SCHEMA", gongkai::DOCUMENT_SCHEMA)?;
    m.add("DEFAULT_OCR_LANG", gongkai::ocr::DEFAULT_LANG)?;
    m.add("DECIMAL_PRECISION", gongkai::long::DECIMAL_PRECISION)?;
    m.add("DECIMAL_SCALE", gongkai::long::DECIMAL_SCALE)?;
    // The columns of each long table (`gongkai::long`), so that Python never writes
    // them a second time: `("", amount header)` first, then the other tables by name.
    let mut headers: Vec<(String, Vec<(&str, &str)>)> = vec![(
        String::new(),
        gongkai::long::CSV_HEADER
            .iter()
            .map(|c| (*c, type_name(c)))
            .collect(),
    )];
    for (_, file, header) in gongkai::long::EXTRA_CSVS {
        let name = file.strip_suffix(".csv").unwrap_or(file).to_string();
        headers.push((name, header.iter().map(|c| (*c, type_name(c))).collect()));
    }
    m.add("LONG_HEADERS", headers)?;
    m.add_function(wrap_pyfunction!(extract_path, m)?)?;
    m.add_function(wrap_pyfunction!(extract_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(extract_outputs, m)?)?;
    m.add_function(wrap_pyfunction!(tables, m)?)?;
    m.add_function(wrap_pyfunction!(page_count, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(long_columns, m)?)?;
    Ok(())
}
