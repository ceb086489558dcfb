//! Expands command-line inputs (files, folders searched recursively, glob patterns) into
//! a sorted list of PDFs, each with a unique output name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::BatchError;

/// One input document and the stem its outputs are written under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Path as found.
    pub path: PathBuf,
    /// Output stem: the path relative to the folder it was found in, separators turned
    /// into `__`, without the `.pdf` extension; unique within the run.
    pub name: String,
}

fn is_pdf(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), BatchError> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|error| BatchError::ListFolder {
            path: dir.to_path_buf(),
            error,
        })?
        .filter_map(|e| e.ok())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        let ft = match e.file_type() {
            Ok(t) => t,
            Err(_) => continue,
        };
        if ft.is_dir() {
            walk(&p, out)?;
        } else if is_pdf(&p) {
            out.push(p);
        }
    }
    Ok(())
}

fn stem_of(rel: &Path) -> String {
    let s = rel
        .with_extension("")
        .to_string_lossy()
        .replace(['/', '\\'], "__");
    if s.is_empty() {
        "document".into()
    } else {
        s
    }
}

/// Expands the inputs. A folder contributes every `*.pdf` below it (any case); a pattern
/// with `*`, `?` or `[` is expanded as a glob; a plain path is taken as given (so a
/// missing or misnamed file becomes a per-file failure, not a silent skip).
pub fn expand(inputs: &[PathBuf]) -> Result<Vec<Input>, BatchError> {
    let mut found: Vec<(PathBuf, String)> = Vec::new();
    for input in inputs {
        let s = input.to_string_lossy();
        if input.is_dir() {
            let mut files = Vec::new();
            walk(input, &mut files)?;
            for f in files {
                let rel = f.strip_prefix(input).unwrap_or(&f).to_path_buf();
                found.push((f, stem_of(&rel)));
            }
        } else if !input.exists() && s.contains(['*', '?', '[']) {
            let paths = glob::glob(&s).map_err(|error| BatchError::BadPattern {
                pattern: s.to_string(),
                error,
            })?;
            let mut n = 0;
            for p in paths.flatten() {
                if p.is_file() {
                    let name = stem_of(Path::new(p.file_name().unwrap_or_default()));
                    found.push((p, name));
                    n += 1;
                }
            }
            if n == 0 {
                return Err(BatchError::NoMatch {
                    pattern: s.to_string(),
                });
            }
        } else {
            let name = stem_of(Path::new(input.file_name().unwrap_or_default()));
            found.push((input.clone(), name));
        }
    }
    found.sort();
    found.dedup_by(|a, b| a.0 == b.0);
    // Make names unique: later duplicates get a numeric suffix, in path order.
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(found.len());
    for (path, name) in found {
        let count = used.entry(name.clone()).or_insert(0);
        *count += 1;
        let name = if *count == 1 {
            name
        } else {
            format!("{name}~{count}")
        };
        out.push(Input { path, name });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_recurse_and_names_are_unique() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).expect("mkdir");
        for f in ["x.pdf", "a/x.PDF", "a/b/y.pdf", "a/notes.txt"] {
            std::fs::write(root.join(f), b"%PDF-1.4").expect("write");
        }
        let got = expand(&[root.to_path_buf(), root.join("x.pdf")]).expect("expand");
        let names: Vec<&str> = got.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, vec!["a__b__y", "a__x", "x"]);
    }
}
