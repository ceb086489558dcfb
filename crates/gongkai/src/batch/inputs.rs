//! Expands command-line inputs (files, folders searched recursively, glob patterns) into
//! a sorted list of PDFs, each named by its path relative to the input root it was found
//! under, and with a unique output name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::BatchError;

/// One input document, its name in the outputs and the stem its outputs are written under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Path as found.
    pub path: PathBuf,
    /// The document's identity in the outputs (`source.file`, the CSVs' `file` column):
    /// its path relative to the input root it was found under, `/`-separated — below a
    /// folder given as input, below a glob pattern's leading folders, or the file name of
    /// a file given by name. Unique within the run: a later document with the same
    /// relative path (under another root) gets `~2`, `~3`, … appended, in path order.
    pub document: String,
    /// Output stem: the relative path, separators turned into `__`, without the `.pdf`
    /// extension; unique within the run (`~2`, … likewise).
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

/// `rel`'s components joined with `/`.
fn slashed(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The leading folders of a glob pattern, up to the first component with `*`, `?` or `[`.
fn glob_root(pattern: &Path) -> PathBuf {
    pattern
        .components()
        .take_while(|c| !c.as_os_str().to_string_lossy().contains(['*', '?', '[']))
        .collect()
}

/// A file's document name relative to `root`; its file name when it is not below `root`.
fn relative(path: &Path, root: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => slashed(rel),
        _ => file_name(path),
    }
}

/// The file name, or the path as given when it has none (`..`).
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.to_string_lossy().into_owned(),
        |n| n.to_string_lossy().into_owned(),
    )
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
/// missing or misnamed file becomes a per-file failure, not a silent skip). Inputs that
/// hold no PDF at all (empty folders) are [`BatchError::NoInput`].
pub fn expand(inputs: &[PathBuf]) -> Result<Vec<Input>, BatchError> {
    // (path, document name relative to its root)
    let mut found: Vec<(PathBuf, String)> = Vec::new();
    for input in inputs {
        let s = input.to_string_lossy();
        if input.is_dir() {
            let mut files = Vec::new();
            walk(input, &mut files)?;
            for f in files {
                let rel = relative(&f, input);
                found.push((f, rel));
            }
        } else if !input.exists() && s.contains(['*', '?', '[']) {
            let paths = glob::glob(&s).map_err(|error| BatchError::BadPattern {
                pattern: s.to_string(),
                error,
            })?;
            let root = glob_root(input);
            let mut n = 0;
            for p in paths.flatten() {
                if p.is_file() {
                    let rel = relative(&p, &root);
                    found.push((p, rel));
                    n += 1;
                }
            }
            if n == 0 {
                return Err(BatchError::NoMatch {
                    pattern: s.to_string(),
                });
            }
        } else {
            found.push((input.clone(), file_name(input)));
        }
    }
    if found.is_empty() {
        return Err(BatchError::NoInput {
            inputs: inputs.iter().map(|p| p.display().to_string()).collect(),
        });
    }
    found.sort();
    found.dedup_by(|a, b| a.0 == b.0);
    // Make documents and names unique: later duplicates get a numeric suffix, in path order.
    let mut documents = Unique::default();
    let mut names = Unique::default();
    let mut out = Vec::with_capacity(found.len());
    for (path, rel) in found {
        let name = names.claim(stem_of(Path::new(&rel)));
        let document = documents.claim(rel);
        out.push(Input {
            path,
            document,
            name,
        });
    }
    Ok(out)
}

/// Hands out names once: the second `x` is `x~2`, the third `x~3`.
#[derive(Default)]
struct Unique(BTreeMap<String, usize>);

impl Unique {
    fn claim(&mut self, name: String) -> String {
        let count = self.0.entry(name.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            name
        } else {
            format!("{name}~{count}")
        }
    }
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
        let documents: Vec<&str> = got.iter().map(|i| i.document.as_str()).collect();
        assert_eq!(documents, vec!["a/b/y.pdf", "a/x.PDF", "x.pdf"]);
    }

    /// Two `x.pdf` in two folders are told apart by their path below the input root, under
    /// a folder and under a glob pattern; given as two roots, by a suffix.
    #[test]
    fn same_file_names_in_two_folders_are_told_apart() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        for f in ["a/x.pdf", "b/x.pdf"] {
            std::fs::create_dir_all(root.join(f).parent().expect("parent")).expect("mkdir");
            std::fs::write(root.join(f), b"%PDF-1.4").expect("write");
        }
        let pairs = |inputs: &[PathBuf]| -> Vec<(String, String)> {
            expand(inputs)
                .expect("expand")
                .into_iter()
                .map(|i| (i.document, i.name))
                .collect()
        };
        let below = vec![
            ("a/x.pdf".to_string(), "a__x".to_string()),
            ("b/x.pdf".to_string(), "b__x".to_string()),
        ];
        assert_eq!(pairs(&[root.to_path_buf()]), below);
        assert_eq!(pairs(&[root.join("*").join("x.pdf")]), below);
        assert_eq!(pairs(&[root.join("*/*.pdf")]), below);
        let roots = vec![
            ("x.pdf".to_string(), "x".to_string()),
            ("x.pdf~2".to_string(), "x~2".to_string()),
        ];
        assert_eq!(pairs(&[root.join("a"), root.join("b")]), roots);
        assert_eq!(pairs(&[root.join("b/x.pdf"), root.join("a/x.pdf")]), roots);
    }

    #[test]
    fn folders_without_pdfs_are_no_input() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("notes.txt"), b"x").expect("write");
        let err = expand(&[dir.path().to_path_buf()]).expect_err("no input");
        assert!(matches!(err, BatchError::NoInput { .. }), "{err}");
        assert!(err.is_input());
        assert!(err.to_string().starts_with("no PDF found in "), "{err}");
    }
}
