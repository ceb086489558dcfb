//! Output writers for gongkai. Every file is written atomically (temporary file in the
//! same directory, flushed, then renamed), so a run killed at any moment leaves either
//! the old file or the new one, never half of one. Output is deterministic: the same
//! values always serialise to the same bytes.

#![forbid(unsafe_code)]

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

/// Errors from writing output.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file system refused.
    #[error("{path}: {source}")]
    Io {
        /// The file being written.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// A value could not be serialised.
    #[error("serialising {path}: {source}")]
    Json {
        /// The file being written.
        path: PathBuf,
        /// The underlying error.
        source: serde_json::Error,
    },
    /// CSV writing failed.
    #[error("writing CSV {path}: {source}")]
    Csv {
        /// The file being written.
        path: PathBuf,
        /// The underlying error.
        source: csv::Error,
    },
}

/// Writes `bytes` to `path` atomically: a sibling temporary file is written, synced and
/// renamed over the target. Parent directories are created.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let io_err = |source| ExportError::Io { path: path.to_path_buf(), source };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(io_err)?;
    }
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let tmp = path.with_file_name(format!(".{file_name}.tmp{}", std::process::id()));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(io_err)
}

/// Serialises `value` as pretty JSON (two-space indent, trailing newline).
pub fn to_json_bytes<T: Serialize>(value: &T) -> Result<Vec<u8>, serde_json::Error> {
    let mut v = serde_json::to_vec_pretty(value)?;
    v.push(b'\n');
    Ok(v)
}

/// Writes `value` as pretty JSON to `path`, atomically.
pub fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<(), ExportError> {
    let bytes = to_json_bytes(value).map_err(|source| ExportError::Json { path: path.to_path_buf(), source })?;
    write_atomic(path, &bytes)
}

/// Writes one compact JSON value per line to `path`, atomically.
pub fn write_jsonl<T: Serialize>(path: &Path, values: impl IntoIterator<Item = T>) -> Result<(), ExportError> {
    let mut buf = Vec::new();
    for v in values {
        serde_json::to_writer(&mut buf, &v).map_err(|source| ExportError::Json { path: path.to_path_buf(), source })?;
        buf.push(b'\n');
    }
    write_atomic(path, &buf)
}

/// Writes a CSV file (header + rows) atomically. Fields are quoted only when needed.
pub fn write_csv<R: AsRef<[String]>>(path: &Path, header: &[&str], rows: impl IntoIterator<Item = R>) -> Result<(), ExportError> {
    let csv_err = |source| ExportError::Csv { path: path.to_path_buf(), source };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).map_err(csv_err)?;
    for r in rows {
        w.write_record(r.as_ref()).map_err(csv_err)?;
    }
    let bytes = w.into_inner().map_err(|e| ExportError::Io { path: path.to_path_buf(), source: e.into_error() })?;
    write_atomic(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("sub").join("a.json");
        write_atomic(&p, b"one").expect("write");
        write_atomic(&p, b"two").expect("rewrite");
        assert_eq!(fs::read(&p).expect("read"), b"two");
        let names: Vec<_> = fs::read_dir(p.parent().expect("parent")).expect("ls").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.json")]);
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("t.csv");
        write_csv(&p, &["name", "amount"], vec![vec!["行政运行".to_string(), "16231840.80".to_string()], vec!["a,b".to_string(), "1".to_string()]]).expect("csv");
        assert_eq!(fs::read_to_string(&p).expect("read"), "name,amount\n行政运行,16231840.80\n\"a,b\",1\n");
    }

    #[test]
    fn jsonl_is_one_compact_value_per_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("r.jsonl");
        write_jsonl(&p, vec![serde_json::json!({"a": 1}), serde_json::json!({"b": [1, 2]})]).expect("jsonl");
        assert_eq!(fs::read_to_string(&p).expect("read"), "{\"a\":1}\n{\"b\":[1,2]}\n");
    }
}
