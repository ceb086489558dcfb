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

/// Collects the PDFs below `dir`, in name order. Symbolic links to folders are followed
/// (a feed assembled from linked year or department folders), each real folder once
/// (`seen`: canonical paths), so a link back up the tree ends there.
fn walk(dir: &Path, out: &mut Vec<PathBuf>, seen: &mut Vec<PathBuf>) -> Result<(), BatchError> {
    if let Ok(real) = std::fs::canonicalize(dir) {
        if seen.contains(&real) {
            return Ok(());
        }
        seen.push(real);
    }
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
        // A link is taken for what it points to (a dangling one is left out).
        let is_dir = if ft.is_symlink() {
            p.is_dir()
        } else {
            ft.is_dir()
        };
        // `._x.pdf`: the resource fork a Mac copy leaves beside `x.pdf`, never a PDF.
        let apple_double = e.file_name().to_string_lossy().starts_with("._");
        if is_dir {
            walk(&p, out, seen)?;
        } else if is_pdf(&p) && !apple_double {
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

/// The output stem of a document. A stem that ends like a state sidecar (`.line`, `.csv`:
/// `X.line.json` is the records line of `X`) has its last dot turned into `_`, so that no
/// document's files are another's.
fn stem_of(rel: &Path) -> String {
    let s = rel
        .with_extension("")
        .to_string_lossy()
        .replace(['/', '\\'], "__");
    if s.is_empty() {
        return "document".into();
    }
    let s = match [".line", ".csv"]
        .iter()
        .find_map(|sidecar| Some((s.strip_suffix(sidecar)?, &sidecar[1..])))
    {
        Some((base, kind)) => format!("{base}_{kind}"),
        None => s,
    };
    cap_length(&s)
}

/// Longest output stem, in bytes: with `.line.json`, a leading `.` and `.tmp<pid>` (the
/// temporary names) a file name stays within the 255 bytes of common file systems.
const MAX_STEM_BYTES: usize = 160;

/// A stem of at most [`MAX_STEM_BYTES`]: a longer one (a deep Chinese folder path is three
/// bytes a character) keeps its first characters and ends with `~` and the first 12 hex
/// digits of the SHA-256 of the whole stem, so that it stays unique and the same each run.
fn cap_length(stem: &str) -> String {
    if stem.len() <= MAX_STEM_BYTES {
        return stem.to_string();
    }
    let hash = crate::sha256_hex(stem.as_bytes());
    let keep = MAX_STEM_BYTES - 13;
    let cut = (0..=keep)
        .rev()
        .find(|&i| stem.is_char_boundary(i))
        .unwrap_or(0);
    format!("{}~{}", &stem[..cut], &hash[..12])
}

/// Output stems a document cannot have: `report` (`OUT/report.json` is the batch's
/// report). A document named so is written as `report~2`.
const RESERVED_STEMS: &[&str] = &["report"];

/// Expands the inputs. A folder contributes every `*.pdf` below it (any case, symbolic
/// links to folders followed); a pattern with `*`, `?` or `[` is expanded as a glob; a
/// plain path is taken as given (so a missing or misnamed `.pdf` file becomes a per-file
/// failure, not a silent skip). A path that does not exist and does not name a PDF (a
/// folder not mounted tonight, a typo) is [`BatchError::Missing`]: nothing is run, and no
/// document of earlier runs is taken for removed. Inputs that hold no PDF at all (empty
/// folders) are [`BatchError::NoInput`].
pub fn expand(inputs: &[PathBuf]) -> Result<Vec<Input>, BatchError> {
    // (path, document name relative to its root)
    let mut found: Vec<(PathBuf, String)> = Vec::new();
    for input in inputs {
        let s = input.to_string_lossy();
        if input.is_dir() {
            let mut files = Vec::new();
            walk(input, &mut files, &mut Vec::new())?;
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
        } else if !input.exists() && !is_pdf(input) {
            return Err(BatchError::Missing {
                path: input.clone(),
            });
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
    // One file reached twice (`in/b.pdf` and `./in/b.pdf`, a folder given relatively and
    // absolutely, a link to a file also found) is one document: the first in path order.
    let mut files: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    found.retain(|(p, _)| files.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    // Make documents and names unique: later duplicates get a numeric suffix, in path order.
    let mut documents = Unique::default();
    let mut names = Unique::default();
    for reserved in RESERVED_STEMS {
        names.claim(reserved.to_string());
    }
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

    /// `report.pdf` would write `OUT/report.json`, the batch's report; `x.line.pdf` and
    /// `x.csv.pdf` would write the state sidecars of `x`.
    #[test]
    fn output_stems_never_clash_with_batch_files_or_sidecars() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        for f in [
            "report.pdf",
            "x.pdf",
            "x.line.pdf",
            "x.csv.pdf",
            "sub/report.pdf",
        ] {
            std::fs::create_dir_all(root.join(f).parent().expect("parent")).expect("mkdir");
            std::fs::write(root.join(f), b"%PDF-1.4").expect("write");
        }
        let got = expand(&[root.to_path_buf()]).expect("expand");
        let pairs: Vec<(&str, &str)> = got
            .iter()
            .map(|i| (i.document.as_str(), i.name.as_str()))
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("report.pdf", "report~2"),
                ("sub/report.pdf", "sub__report"),
                ("x.csv.pdf", "x_csv"),
                ("x.line.pdf", "x_line"),
                ("x.pdf", "x"),
            ]
        );
    }

    /// A folder reached through a symbolic link is searched; a link back up the tree
    /// does not loop.
    #[cfg(unix)]
    #[test]
    fn linked_folders_are_searched_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("store/2019")).expect("mkdir");
        std::fs::create_dir_all(root.join("in")).expect("mkdir");
        std::fs::write(root.join("store/2019/a.pdf"), b"%PDF-1.4").expect("write");
        std::fs::write(root.join("in/b.pdf"), b"%PDF-1.4").expect("write");
        std::os::unix::fs::symlink(root.join("store/2019"), root.join("in/2019")).expect("link");
        std::os::unix::fs::symlink(root.join("in"), root.join("in/loop")).expect("link");
        let got = expand(&[root.join("in")]).expect("expand");
        let documents: Vec<&str> = got.iter().map(|i| i.document.as_str()).collect();
        assert_eq!(documents, vec!["2019/a.pdf", "b.pdf"]);
    }

    /// A deep Chinese folder path makes a stem of at most 160 bytes, the same each time
    /// and unique; the same file given twice by two spellings is one document; `._x.pdf`
    /// is no document.
    #[test]
    fn long_stems_are_capped_and_files_given_twice_are_one_document() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let deep = "江苏省/南京市/玄武区人民政府办公室政务公开专栏/2019年度部门预算和决算公开文件汇编/部门预算";
        let long = "中共南京市玄武区委员会办公室关于2019年度部门预算公开的说明及相关表格附件";
        for f in [
            format!("{deep}/{long}一.pdf"),
            format!("{deep}/{long}二.pdf"),
        ] {
            std::fs::create_dir_all(root.join(&f).parent().expect("parent")).expect("mkdir");
            std::fs::write(root.join(&f), b"%PDF-1.4").expect("write");
        }
        std::fs::write(root.join("b.pdf"), b"%PDF-1.4").expect("write");
        std::fs::write(root.join("._b.pdf"), b"\0").expect("write");
        let again = root.join(".").join("b.pdf");
        let got = expand(&[root.to_path_buf(), again]).expect("expand");
        let names: Vec<&str> = got.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(got.len(), 3, "{names:?}");
        assert_eq!(names.iter().filter(|n| **n == "b").count(), 1);
        let capped: Vec<&&str> = names.iter().filter(|n| n.starts_with("江苏省")).collect();
        assert_eq!(capped.len(), 2);
        assert_ne!(capped[0], capped[1]);
        for n in &capped {
            assert!(n.len() <= MAX_STEM_BYTES, "{n}: {} bytes", n.len());
            assert!(n.starts_with("江苏省__南京市__"), "{n}");
        }
        assert_eq!(
            expand(&[root.to_path_buf()]).expect("expand")[0].name,
            got[0].name
        );
    }

    /// A missing folder is a usage error; a missing `.pdf` is a per-file failure.
    #[test]
    fn a_missing_folder_is_an_input_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = expand(&[dir.path().join("not-mounted")]).expect_err("missing");
        assert!(matches!(err, BatchError::Missing { .. }), "{err}");
        assert!(err.is_input());
        assert!(err.to_string().contains("not-mounted"), "{err}");
        let got = expand(&[dir.path().join("gone.pdf")]).expect("a file");
        assert_eq!(got.len(), 1);
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
