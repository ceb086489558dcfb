//! Output writers for gongkai. Every file is written atomically (temporary file in the
//! same directory, flushed, then renamed), so a run killed at any moment leaves either
//! the old file or the new one, never half of one. Output is deterministic: the same
//! values always serialise to the same bytes.

#![forbid(unsafe_code)]

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

mod sorted;
pub use sorted::{sorted_json_array, sorted_json_object, to_sorted_json};

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
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Writes a file atomically as [`write_atomic`] does, its bytes produced by `fill` into a
/// buffered writer over the temporary file: a large output is streamed to disk, never
/// held whole in memory. When `fill` fails, nothing is left behind and the target is
/// untouched.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), ExportError> {
    let mut f = AtomicFile::create(path)?;
    fill(&mut f).map_err(|source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    f.commit()
}

/// A file written atomically, for a writer that keeps several open at once (each long
/// table of a batch fed row by row): the bytes go through a buffer into a sibling
/// temporary file `.NAME.tmpPID`; [`AtomicFile::commit`] syncs it and renames it over the
/// target. Dropped without a commit (a failure on the way), the temporary file is
/// removed and the target is untouched. Parent directories are created.
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    w: Option<io::BufWriter<File>>,
}

impl AtomicFile {
    /// Creates the temporary file of `path`.
    pub fn create(path: &Path) -> Result<Self, ExportError> {
        let io_err = |source| ExportError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(io_err)?;
        }
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let tmp = path.with_file_name(format!(".{file_name}.tmp{}", std::process::id()));
        let f = File::create(&tmp).map_err(io_err)?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp,
            w: Some(io::BufWriter::with_capacity(1 << 16, f)),
        })
    }

    /// Flushes and syncs the temporary file and renames it over the target.
    pub fn commit(mut self) -> Result<(), ExportError> {
        let result = (|| {
            let w = self
                .w
                .take()
                .ok_or_else(|| io::Error::other("already committed"))?;
            let f = w.into_inner().map_err(|e| e.into_error())?;
            f.sync_all()?;
            fs::rename(&self.tmp, &self.path)
        })();
        if result.is_err() {
            let _ = fs::remove_file(&self.tmp);
        }
        result.map_err(|source| ExportError::Io {
            path: self.path.clone(),
            source,
        })
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.w {
            Some(w) => w.write(buf),
            None => Err(io::Error::other("already committed")),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.w {
            Some(w) => w.write_all(buf),
            None => Err(io::Error::other("already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.w {
            Some(w) => w.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(w) = self.w.take() {
            drop(w.into_parts());
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// Serialises `value` as pretty JSON (two-space indent, trailing newline).
pub fn to_json_bytes<T: Serialize>(value: &T) -> Result<Vec<u8>, serde_json::Error> {
    let mut v = serde_json::to_vec_pretty(value)?;
    v.push(b'\n');
    Ok(v)
}

/// Writes `value` as pretty JSON to `path`, atomically.
pub fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<(), ExportError> {
    let bytes = to_json_bytes(value).map_err(|source| ExportError::Json {
        path: path.to_path_buf(),
        source,
    })?;
    write_atomic(path, &bytes)
}

/// Writes one compact JSON value per line to `path`, atomically.
pub fn write_jsonl<T: Serialize>(
    path: &Path,
    values: impl IntoIterator<Item = T>,
) -> Result<(), ExportError> {
    let mut buf = Vec::new();
    for v in values {
        serde_json::to_writer(&mut buf, &v).map_err(|source| ExportError::Json {
            path: path.to_path_buf(),
            source,
        })?;
        buf.push(b'\n');
    }
    write_atomic(path, &buf)
}

/// A writer that indents every line after the first `depth` levels (two spaces each)
/// more: serde_json's pretty output through it is that value nested `depth` levels deep
/// (JSON text holds no raw newline inside a string, so every newline byte starts a line).
struct Indent<'a, W: Write + ?Sized> {
    inner: &'a mut W,
    pad: Vec<u8>,
}

impl<W: Write + ?Sized> Write for Indent<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'\n') {
            self.inner.write_all(&rest[..=i])?;
            self.inner.write_all(&self.pad)?;
            rest = &rest[i + 1..];
        }
        self.inner.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes `value` as [`pretty_value`] would make it, `depth` levels deep, into `w`.
pub fn write_pretty_value<T: Serialize + ?Sized>(
    w: &mut (impl Write + ?Sized),
    value: &T,
    depth: usize,
) -> Result<(), serde_json::Error> {
    let mut w = Indent {
        inner: w,
        pad: vec![b' '; 2 * depth],
    };
    serde_json::to_writer_pretty(&mut w, value)
}

/// Writes `items` as [`pretty_array`] would make them, `depth` levels deep, into `w`:
/// the elements are serialised in parallel a bounded batch at a time (on the current
/// rayon pool) and written in order, so that memory holds one batch, not the array.
pub fn write_pretty_array<T: Serialize + Sync>(
    w: &mut (impl Write + ?Sized),
    items: &[T],
    depth: usize,
) -> Result<(), serde_json::Error> {
    use rayon::prelude::*;
    if items.is_empty() {
        return w.write_all(b"[]").map_err(serde_json::Error::io);
    }
    let batch = 16 * rayon::current_num_threads().max(1);
    let mut newline = vec![b'\n'];
    newline.resize(1 + 2 * (depth + 1), b' ');
    w.write_all(b"[").map_err(serde_json::Error::io)?;
    for (b, chunk) in items.chunks(batch).enumerate() {
        let parts: Vec<Vec<u8>> = chunk
            .par_iter()
            .map(|item| pretty_value(item, depth + 1))
            .collect::<Result<_, _>>()?;
        for (i, part) in parts.iter().enumerate() {
            if b > 0 || i > 0 {
                w.write_all(b",").map_err(serde_json::Error::io)?;
            }
            w.write_all(&newline).map_err(serde_json::Error::io)?;
            w.write_all(part).map_err(serde_json::Error::io)?;
        }
    }
    w.write_all(&newline[..1 + 2 * depth])
        .and_then(|()| w.write_all(b"]"))
        .map_err(serde_json::Error::io)
}

/// Writes a pretty JSON object nested `depth` levels deep field by field, each value
/// written by its own closure (with [`write_pretty_value`], [`write_pretty_array`] or a
/// nested [`PrettyObject`] one level deeper): the same bytes as [`pretty_object`].
pub struct PrettyObject<'a, W: Write + ?Sized> {
    w: &'a mut W,
    depth: usize,
    fields: usize,
}

impl<'a, W: Write + ?Sized> PrettyObject<'a, W> {
    /// Starts the object (`{`).
    pub fn begin(w: &'a mut W, depth: usize) -> Result<Self, serde_json::Error> {
        w.write_all(b"{").map_err(serde_json::Error::io)?;
        Ok(PrettyObject {
            w,
            depth,
            fields: 0,
        })
    }

    /// Writes the key of the next field, then its value by `value` (given the writer and
    /// the depth at which the value sits).
    pub fn field(
        &mut self,
        key: &str,
        value: impl FnOnce(&mut W, usize) -> Result<(), serde_json::Error>,
    ) -> Result<(), serde_json::Error> {
        let mut head = Vec::with_capacity(key.len() + 2 * self.depth + 8);
        if self.fields > 0 {
            head.push(b',');
        }
        push_newline(&mut head, self.depth + 1);
        serde_json::to_writer(&mut head, key)?;
        head.extend_from_slice(b": ");
        self.w.write_all(&head).map_err(serde_json::Error::io)?;
        self.fields += 1;
        value(self.w, self.depth + 1)
    }

    /// Ends the object (`}`, or `{}` when it has no field).
    pub fn end(self) -> Result<(), serde_json::Error> {
        let mut tail = Vec::new();
        if self.fields > 0 {
            push_newline(&mut tail, self.depth);
        }
        tail.push(b'}');
        self.w.write_all(&tail).map_err(serde_json::Error::io)
    }
}

/// Pretty JSON of `items` as it appears nested `depth` levels deep in a larger pretty
/// document (`depth` 0: the same bytes as `serde_json::to_vec_pretty(items)`). The
/// elements are serialised in parallel on the current rayon pool, so a large array is
/// not one long serial step; the bytes do not depend on the number of threads.
pub fn pretty_array<T: Serialize + Sync>(
    items: &[T],
    depth: usize,
) -> Result<Vec<u8>, serde_json::Error> {
    use rayon::prelude::*;
    if items.is_empty() {
        return Ok(b"[]".to_vec());
    }
    let parts: Vec<Vec<u8>> = items
        .par_iter()
        .map(|item| pretty_value(item, depth + 1))
        .collect::<Result<_, _>>()?;
    let mut out =
        Vec::with_capacity(parts.iter().map(|p| p.len() + 2 * depth + 4).sum::<usize>() + 2);
    out.push(b'[');
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push_newline(&mut out, depth + 1);
        out.extend_from_slice(part);
    }
    push_newline(&mut out, depth);
    out.push(b']');
    Ok(out)
}

/// Pretty JSON of `value` as it appears nested `depth` levels deep in a larger pretty
/// document (the first line is not indented: it follows a key or an array position):
/// serde_json's own pretty output with every line after the first indented `depth`
/// levels more (JSON text holds no raw newline inside a string, so every newline byte
/// starts a line).
pub fn pretty_value<T: Serialize + ?Sized>(
    value: &T,
    depth: usize,
) -> Result<Vec<u8>, serde_json::Error> {
    let flat = serde_json::to_vec_pretty(value)?;
    if depth == 0 {
        return Ok(flat);
    }
    let lines = flat.iter().filter(|&&b| b == b'\n').count();
    let mut out = Vec::with_capacity(flat.len() + lines * 2 * depth);
    for &b in &flat {
        out.push(b);
        if b == b'\n' {
            out.resize(out.len() + 2 * depth, b' ');
        }
    }
    Ok(out)
}

/// Pretty JSON object nested `depth` levels deep whose field values are already in their
/// pretty form at `depth + 1` (from [`pretty_value`] or [`pretty_array`]), in the given
/// order: the same bytes serde_json writes for a struct with these fields.
pub fn pretty_object(
    fields: &[(&str, Vec<u8>)],
    depth: usize,
) -> Result<Vec<u8>, serde_json::Error> {
    if fields.is_empty() {
        return Ok(b"{}".to_vec());
    }
    let mut out = Vec::with_capacity(
        fields
            .iter()
            .map(|(k, v)| k.len() + v.len() + 2 * depth + 8)
            .sum::<usize>()
            + 2,
    );
    out.push(b'{');
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push_newline(&mut out, depth + 1);
        serde_json::to_writer(&mut out, key)?;
        out.extend_from_slice(b": ");
        out.extend_from_slice(value);
    }
    push_newline(&mut out, depth);
    out.push(b'}');
    Ok(out)
}

fn push_newline(out: &mut Vec<u8>, depth: usize) {
    out.push(b'\n');
    out.extend(std::iter::repeat_n(b' ', 2 * depth));
}

/// The CSV lines of `rows` (no header), quoted only when needed: the bytes [`write_csv`]
/// writes after the header for the same rows, so that the rows of several documents can be
/// encoded apart (in parallel) and concatenated. Rows are checked as in [`write_csv`].
pub fn csv_rows<R: AsRef<[String]>>(
    header: &[&str],
    rows: impl IntoIterator<Item = R>,
) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header)?;
    w.flush()?;
    let header_len = w.get_ref().len();
    for r in rows {
        w.write_record(r.as_ref())?;
    }
    let mut bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    bytes.drain(..header_len);
    Ok(bytes)
}

/// Writes a CSV file atomically from its header and row chunks already encoded by
/// [`csv_rows`] (concatenated in the given order).
pub fn write_csv_chunks<'a>(
    path: &Path,
    header: &[&str],
    chunks: impl IntoIterator<Item = &'a [u8]>,
) -> Result<(), ExportError> {
    let csv_err = |source| ExportError::Csv {
        path: path.to_path_buf(),
        source,
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).map_err(csv_err)?;
    let mut bytes = w.into_inner().map_err(|e| ExportError::Io {
        path: path.to_path_buf(),
        source: e.into_error(),
    })?;
    for chunk in chunks {
        bytes.extend_from_slice(chunk);
    }
    write_atomic(path, &bytes)
}

/// Writes a CSV file (header + rows) atomically. Fields are quoted only when needed.
pub fn write_csv<R: AsRef<[String]>>(
    path: &Path,
    header: &[&str],
    rows: impl IntoIterator<Item = R>,
) -> Result<(), ExportError> {
    let csv_err = |source| ExportError::Csv {
        path: path.to_path_buf(),
        source,
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).map_err(csv_err)?;
    for r in rows {
        w.write_record(r.as_ref()).map_err(csv_err)?;
    }
    let bytes = w.into_inner().map_err(|e| ExportError::Io {
        path: path.to_path_buf(),
        source: e.into_error(),
    })?;
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
        let names: Vec<_> = fs::read_dir(p.parent().expect("parent"))
            .expect("ls")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.json")]);
    }

    /// The streaming writers give serde_json's own pretty bytes: arrays longer than one
    /// batch, empty arrays and objects, nesting, strings with escapes.
    #[test]
    fn streamed_pretty_json_is_serde_json_pretty() {
        #[derive(Serialize)]
        struct Item {
            n: usize,
            s: String,
            v: Vec<u32>,
            e: std::collections::BTreeMap<String, u8>,
        }
        let items: Vec<Item> = (0..1_000)
            .map(|n| Item {
                n,
                s: format!("第{n}行 \"q\"\n"),
                v: (0..(n % 3) as u32).collect(),
                e: Default::default(),
            })
            .collect();
        let empty: Vec<Item> = Vec::new();
        #[derive(Serialize)]
        struct Inner<'a> {
            none: &'a [Item],
            x: [Vec<i32>; 2],
        }
        #[derive(Serialize)]
        struct Outer<'a> {
            a: u8,
            items: &'a [Item],
            inner: Inner<'a>,
            last: std::collections::BTreeMap<String, u8>,
        }
        let expected = serde_json::to_vec_pretty(&Outer {
            a: 1,
            items: &items,
            inner: Inner {
                none: &empty,
                x: [vec![1, 2], vec![]],
            },
            last: Default::default(),
        })
        .expect("serde");
        let mut out = Vec::new();
        let mut o = PrettyObject::begin(&mut out, 0).expect("begin");
        o.field("a", |w, d| write_pretty_value(w, &1, d))
            .expect("a");
        o.field("items", |w, d| write_pretty_array(w, &items, d))
            .expect("items");
        o.field("inner", |w, d| {
            let mut i = PrettyObject::begin(w, d)?;
            i.field("none", |w, d| write_pretty_array(w, &empty, d))?;
            i.field("x", |w, d| {
                write_pretty_array(w, &[vec![1, 2], Vec::<i32>::new()], d)
            })?;
            i.end()
        })
        .expect("inner");
        o.field("last", |w, d| PrettyObject::begin(w, d)?.end())
            .expect("last");
        o.end().expect("end");
        assert_eq!(
            String::from_utf8_lossy(&out),
            String::from_utf8_lossy(&expected)
        );
    }

    /// A streamed atomic write leaves the file whole, and when it fails, no file and no
    /// temporary.
    #[test]
    fn streamed_atomic_write() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("s.json");
        write_atomic_with(&p, |w| w.write_all(b"streamed")).expect("write");
        assert_eq!(fs::read(&p).expect("read"), b"streamed");
        let q = dir.path().join("t.json");
        let r = write_atomic_with(&q, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(r.is_err());
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("ls")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("s.json")]);
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("t.csv");
        write_csv(
            &p,
            &["name", "amount"],
            vec![
                vec!["行政运行".to_string(), "16231840.80".to_string()],
                vec!["a,b".to_string(), "1".to_string()],
            ],
        )
        .expect("csv");
        assert_eq!(
            fs::read_to_string(&p).expect("read"),
            "name,amount\n行政运行,16231840.80\n\"a,b\",1\n"
        );
    }

    #[test]
    fn nested_pretty_pieces_match_serde_json() {
        #[derive(Serialize)]
        struct Inner {
            name: String,
            values: Vec<Option<f64>>,
            empty: Vec<u8>,
        }
        #[derive(Serialize)]
        struct Outer {
            schema: &'static str,
            items: Vec<Inner>,
            nested: Vec<Vec<String>>,
            none: Vec<Inner>,
        }
        let items: Vec<Inner> = (0..50)
            .map(|i| Inner {
                name: format!("行\n{i} \"q\""),
                values: vec![Some(i as f64 / 3.0), None],
                empty: vec![],
            })
            .collect();
        let nested = vec![vec!["a".to_string(), "b,c".to_string()], vec![]];
        let whole = Outer {
            schema: "s",
            items,
            nested,
            none: vec![],
        };
        let pieces = pretty_object(
            &[
                ("schema", pretty_value(&whole.schema, 1).expect("schema")),
                ("items", pretty_array(&whole.items, 1).expect("items")),
                ("nested", pretty_array(&whole.nested, 1).expect("nested")),
                ("none", pretty_array(&whole.none, 1).expect("none")),
            ],
            0,
        )
        .expect("object");
        assert_eq!(
            String::from_utf8(pieces).expect("utf8"),
            String::from_utf8(serde_json::to_vec_pretty(&whole).expect("whole")).expect("utf8")
        );
        assert_eq!(
            pretty_array(&whole.items, 0).expect("top"),
            serde_json::to_vec_pretty(&whole.items).expect("top")
        );
    }

    #[test]
    fn csv_chunks_concatenate_to_one_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let rows = |a: &str| {
            vec![
                vec![a.to_string(), "x\"y".to_string()],
                vec!["".to_string(), "1".to_string()],
            ]
        };
        let whole = dir.path().join("whole.csv");
        write_csv(
            &whole,
            &["k", "v"],
            rows("a,b").into_iter().chain(rows("c")),
        )
        .expect("whole");
        let parts = [
            csv_rows(&["k", "v"], rows("a,b")).expect("a"),
            csv_rows(&["k", "v"], rows("c")).expect("c"),
        ];
        let chunked = dir.path().join("chunked.csv");
        write_csv_chunks(&chunked, &["k", "v"], parts.iter().map(Vec::as_slice)).expect("chunked");
        assert_eq!(
            fs::read(&whole).expect("read"),
            fs::read(&chunked).expect("read")
        );
        let uneven = vec![vec!["only".to_string()]];
        assert_eq!(
            csv_rows(&["k", "v"], uneven.clone()).is_err(),
            write_csv(&dir.path().join("u.csv"), &["k", "v"], uneven).is_err()
        );
    }

    #[test]
    fn jsonl_is_one_compact_value_per_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("r.jsonl");
        write_jsonl(
            &p,
            vec![
                serde_json::json!({"a": 1}),
                serde_json::json!({"b": [1, 2]}),
            ],
        )
        .expect("jsonl");
        assert_eq!(
            fs::read_to_string(&p).expect("read"),
            "{\"a\":1}\n{\"b\":[1,2]}\n"
        );
    }
}
