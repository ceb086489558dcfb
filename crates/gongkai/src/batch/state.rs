//! The incremental state in `OUT/.gongkai/done/`: each document's last [`Entry`] (its
//! outcome and the [`RunOptions`] that shaped it) beside its records line and CSV rows;
//! whether a document seen before must be done again ([`redo`]); the outputs of
//! documents no longer among the inputs; temporary files left by a killed run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Entry, RunOptions, Status};
use crate::VERSION;

/// The state folder of an output folder.
pub(crate) fn state_dir(out: &Path) -> PathBuf {
    out.join(".gongkai").join("done")
}

/// The files a document leaves: its JSON in `out`, its entry and its two sidecars in the
/// state folder.
pub(crate) fn document_files(out: &Path, name: &str) -> [PathBuf; 4] {
    let state = state_dir(out);
    [
        out.join(format!("{name}.json")),
        state.join(format!("{name}.json")),
        state.join(format!("{name}.line.json")),
        state.join(format!("{name}.csv.json")),
    ]
}

/// The output name of the document a sidecar (`NAME.line.json`, `NAME.csv.json`) belongs to.
pub(crate) fn sidecar_owner(path: &Path) -> Option<&str> {
    let file = path.file_name()?.to_str()?;
    file.strip_suffix(".line.json")
        .or_else(|| file.strip_suffix(".csv.json"))
}

/// Every entry in the state folder, by output name. A file that does not parse as an
/// entry of its own name is left alone (sidecars, foreign files).
pub(crate) fn load_all(out: &Path) -> BTreeMap<String, Entry> {
    let dir = state_dir(out);
    let Ok(list) = std::fs::read_dir(&dir) else {
        return BTreeMap::new();
    };
    let files: Vec<String> = list
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        // Temporary files (`.NAME.json.tmp<pid>`) do not end in `.json`; a document's
        // stem may start with a dot.
        .filter(|n| n.ends_with(".json"))
        .collect();
    let present = |n: &str| files.iter().any(|f| f == n);
    let mut out = BTreeMap::new();
    for file in &files {
        let Some(stem) = file.strip_suffix(".json") else {
            continue;
        };
        // A document's sidecars sit beside its entry; they are not read as entries.
        let sidecar_of = stem
            .strip_suffix(".line")
            .or_else(|| stem.strip_suffix(".csv"));
        if sidecar_of.is_some_and(|base| present(&format!("{base}.json"))) {
            continue;
        }
        let Some(entry) = std::fs::read(dir.join(file))
            .ok()
            .and_then(|b| serde_json::from_slice::<Entry>(&b).ok())
        else {
            continue;
        };
        if entry.name == stem {
            out.insert(stem.to_string(), entry);
        }
    }
    out
}

/// Why a document seen before is done again. [`redo`] gives it; `None` there means the
/// document is unchanged and skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redo {
    /// Its bytes, its name or the gongkai version changed.
    Changed,
    /// One of its outputs is missing.
    OutputMissing,
    /// Its state was written by an older build that did not record the options.
    NoOptions,
    /// It timed out.
    TimedOut,
    /// It failed for a reason outside the file (`io`, `write`, or a kind this build does
    /// not know).
    Failed,
    /// It failed for want of a password, and a password is given now.
    PasswordGiven,
    /// Some of its pages were image-only and unread, and OCR is possible now.
    OcrNowPossible,
    /// It has image-only pages and the OCR setting (on/off, languages, Tesseract found)
    /// changed.
    OcrChanged,
}

impl std::fmt::Display for Redo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Redo::Changed => "changed",
            Redo::OutputMissing => "output missing",
            Redo::NoOptions => "state of an older build",
            Redo::TimedOut => "timed out last time",
            Redo::Failed => "failed last time",
            Redo::PasswordGiven => "a password is given now",
            Redo::OcrNowPossible => "OCR is possible now",
            Redo::OcrChanged => "OCR setting changed",
        })
    }
}

/// Failure kinds that are a property of the file itself: the same bytes fail the same
/// way under the same version and options, so such a document is not tried again.
const INTRINSIC: &[&str] = &[
    "empty",
    "not_pdf",
    "too_large",
    "unsupported_encryption",
    "corrupt",
    "page_tree",
    "no_pages",
    "page_out_of_range",
    "huge_page",
    "broken_content",
    "limit_exceeded",
    "panic",
];

/// Whether a document last seen as `prev` must be done again under the options `now`,
/// leaving aside its bytes and its outputs ([`Redo::Changed`], [`Redo::OutputMissing`]:
/// the caller checks those). Its outcome could change when:
/// - it failed, unless for a reason of the file itself (`empty`, `not_pdf`, `corrupt`,
///   `page_tree`, `no_pages`, `huge_page`, `broken_content`, `limit_exceeded`, `panic`,
///   …); a password failure only when a password is given now;
/// - pages were left unread for want of OCR, and OCR is possible now (on, and Tesseract
///   found with the languages);
/// - it has image-only pages (read by OCR or not) and the OCR setting changed.
///
/// A changed time limit alone does not redo a document that went through; a document
/// that timed out is always tried again. Unreadable pages are a property of the file:
/// a `partial` document for that reason alone is not redone.
pub fn redo(prev: &Entry, now: &RunOptions) -> Option<Redo> {
    if prev.version != VERSION {
        return Some(Redo::Changed);
    }
    let Some(then) = &prev.options else {
        return Some(Redo::NoOptions);
    };
    if prev.status == Status::Failed {
        let kind = prev.error_kind.as_deref().unwrap_or("");
        return match kind {
            "password_required" | "wrong_password" => now.password.then_some(Redo::PasswordGiven),
            "timeout" => Some(Redo::TimedOut),
            k if INTRINSIC.contains(&k) => None,
            _ => Some(Redo::Failed),
        };
    }
    if prev.pages_need_ocr > 0 && now.ocr_possible() {
        return Some(Redo::OcrNowPossible);
    }
    let scanned = prev.pages_ocr + prev.pages_need_ocr > 0;
    if scanned && (then.ocr != now.ocr || then.ocr_available != now.ocr_available) {
        return Some(Redo::OcrChanged);
    }
    None
}

/// True when every output of a document that went through is present (a failed one has
/// none but its entry).
pub(crate) fn outputs_present(out: &Path, prev: &Entry) -> bool {
    prev.status == Status::Failed || document_files(out, &prev.name).iter().all(|p| p.is_file())
}

/// Removes a document's outputs (its JSON, entry and sidecars). Missing files are fine.
pub(crate) fn remove_document(out: &Path, name: &str) -> std::io::Result<()> {
    remove_files(&document_files(out, name))
}

/// Removes the outputs of a document that failed this time (its JSON and sidecars of an
/// earlier run), keeping its entry: no file describes a document that did not go through.
pub(crate) fn remove_outputs(out: &Path, name: &str) -> std::io::Result<()> {
    let [json, _entry, line, csv] = document_files(out, name);
    remove_files(&[json, line, csv])
}

fn remove_files(files: &[PathBuf]) -> std::io::Result<()> {
    for p in files {
        match std::fs::remove_file(p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// Takes the output folder's lock, `OUT/.gongkai/lock` (an advisory lock of the system,
/// released when the file is closed or the process dies, so a killed run leaves no
/// stale lock), and writes this process's id into it for the next one to name.
pub(crate) fn lock(out: &Path) -> Result<std::fs::File, super::BatchError> {
    use std::io::{Read, Seek, Write};
    let path = out.join(".gongkai").join("lock");
    let err = |error| super::BatchError::Lock {
        path: path.clone(),
        error,
    };
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(err)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            return Err(super::BatchError::Busy {
                path: out.to_path_buf(),
                holder: (!holder.is_empty()).then(|| holder.to_string()),
            });
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(err(e)),
    }
    // Best effort: the lock holds whether or not the pid is written.
    let _ = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| write!(file, "pid {}", std::process::id()));
    Ok(file)
}

/// Whether process `pid` is running, where that can be told (Linux: `/proc`); elsewhere
/// only this process counts as running.
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    proc.join("self").exists() && proc.join(pid.to_string()).exists()
}

/// Removes the temporary files (`.NAME.tmp<pid>`, as [`gongkai_export::write_atomic`]
/// names them) that a run killed before it could rename them left in `dirs`, unless
/// their process is still running. Returns how many were removed.
pub(crate) fn remove_stale_temps(dirs: &[PathBuf]) -> usize {
    let mut removed = 0;
    for dir in dirs {
        let Ok(list) = std::fs::read_dir(dir) else {
            continue;
        };
        for e in list.flatten() {
            let name = e.file_name();
            let Some(name) = name.to_str() else {
                continue;
            };
            let Some((head, pid)) = name.rsplit_once(".tmp") else {
                continue;
            };
            let stale = head.starts_with('.')
                && head.len() > 1
                && !pid.is_empty()
                && pid.bytes().all(|b| b.is_ascii_digit())
                && pid.parse::<u32>().is_ok_and(|p| !alive(p));
            if stale
                && e.file_type().is_ok_and(|t| t.is_file())
                && std::fs::remove_file(e.path()).is_ok()
            {
                removed += 1;
            }
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(status: Status, kind: Option<&str>, options: RunOptions) -> Entry {
        Entry {
            name: "x".into(),
            document: "x.pdf".into(),
            input: "x.pdf".into(),
            sha256: String::new(),
            version: VERSION.into(),
            status,
            error_kind: kind.map(String::from),
            error: None,
            pages: 3,
            pages_ocr: 0,
            pages_need_ocr: 0,
            pages_failed: 0,
            page_warnings: Vec::new(),
            failed_checks: 0,
            failed_arithmetic: 0,
            suspect_checks: 0,
            accounting: Default::default(),
            options: Some(options),
        }
    }

    fn opts(ocr: Option<&str>, available: bool) -> RunOptions {
        RunOptions {
            password: false,
            ocr: ocr.map(String::from),
            ocr_available: available,
            timeout_s: Some(300.0),
        }
    }

    #[test]
    fn failures_of_the_file_itself_are_not_retried() {
        let now = opts(Some("chi_sim"), true);
        for kind in ["corrupt", "not_pdf", "empty", "broken_content", "panic"] {
            let e = entry(Status::Failed, Some(kind), now.clone());
            assert_eq!(redo(&e, &now), None, "{kind}");
        }
        let e = entry(Status::Failed, Some("timeout"), now.clone());
        assert_eq!(redo(&e, &now), Some(Redo::TimedOut));
        for kind in ["io", "write", "something_new"] {
            let e = entry(Status::Failed, Some(kind), now.clone());
            assert_eq!(redo(&e, &now), Some(Redo::Failed), "{kind}");
        }
        let e = entry(Status::Failed, Some("password_required"), now.clone());
        assert_eq!(redo(&e, &now), None);
        let with_password = RunOptions {
            password: true,
            ..now.clone()
        };
        assert_eq!(redo(&e, &with_password), Some(Redo::PasswordGiven));
    }

    #[test]
    fn unread_scans_are_redone_when_ocr_becomes_possible() {
        let off = opts(None, true);
        let missing = opts(Some("chi_sim"), false);
        let on = opts(Some("chi_sim"), true);
        let mut e = entry(Status::Partial, None, off.clone());
        e.pages_need_ocr = 2;
        assert_eq!(redo(&e, &off), None);
        assert_eq!(redo(&e, &on), Some(Redo::OcrNowPossible));
        // Still not possible, but the reason changed (the page warnings say why).
        assert_eq!(redo(&e, &missing), Some(Redo::OcrChanged));
        let mut e = entry(Status::Partial, None, missing.clone());
        e.pages_need_ocr = 2;
        assert_eq!(redo(&e, &missing), None);
        // A text document does not care about OCR; a scanned one read by OCR does.
        let text = entry(Status::Ok, None, on.clone());
        assert_eq!(redo(&text, &off), None);
        let mut scan = entry(Status::Ok, None, on.clone());
        scan.pages_ocr = 3;
        assert_eq!(redo(&scan, &on), None);
        assert_eq!(redo(&scan, &off), Some(Redo::OcrChanged));
        assert_eq!(
            redo(&scan, &opts(Some("chi_sim+eng"), true)),
            Some(Redo::OcrChanged)
        );
    }

    #[test]
    fn unreadable_pages_alone_are_not_redone_and_old_states_are() {
        let now = opts(Some("chi_sim"), true);
        let mut e = entry(Status::Partial, None, now.clone());
        e.pages_failed = 1;
        assert_eq!(redo(&e, &now), None);
        e.options = None;
        assert_eq!(redo(&e, &now), Some(Redo::NoOptions));
        let mut e = entry(Status::Ok, None, now.clone());
        e.version = "0.0.0-old".into();
        assert_eq!(redo(&e, &now), Some(Redo::Changed));
    }

    #[test]
    fn stale_temporary_files_are_removed() {
        let dir = tempfile::tempdir().expect("tmp");
        // No process has pid 4294967295; this one is running.
        let dead = format!(".x.json.tmp{}", u32::MAX);
        let live = format!(".y.json.tmp{}", std::process::id());
        for f in [dead.as_str(), live.as_str(), "x.json", ".hidden", "a.tmp12"] {
            std::fs::write(dir.path().join(f), b"").expect("write");
        }
        assert_eq!(remove_stale_temps(&[dir.path().to_path_buf()]), 1);
        assert!(!dir.path().join(&dead).exists());
        for f in [live.as_str(), "x.json", ".hidden", "a.tmp12"] {
            assert!(dir.path().join(f).exists(), "{f}");
        }
    }
}
