//! A batch killed with SIGKILL mid-run, then re-run with `--incremental`, ends with
//! outputs byte-identical to an uninterrupted run; a second re-run does no work.

#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for e in std::fs::read_dir(dir).expect("ls").flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n == ".gongkai") {
                    continue;
                }
                walk(root, &p, out);
            } else {
                out.push((
                    p.strip_prefix(root).expect("prefix").to_path_buf(),
                    std::fs::read(&p).expect("read"),
                ));
            }
        }
    }
    let mut v = Vec::new();
    walk(dir, dir, &mut v);
    v.sort();
    v
}

#[test]
fn killed_batch_resumes_to_identical_output() {
    let inputs = tempfile::tempdir().expect("tmp");
    let real = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples/real");
    // Enough documents that the batch is still running when it is killed.
    for i in 0..150 {
        for name in ["putuo-final-2024-p6.pdf", "camelot-foo.pdf"] {
            std::fs::copy(
                real.join(name),
                inputs.path().join(format!("{i:03}-{name}")),
            )
            .expect("copy");
        }
    }
    let bin = env!("CARGO_BIN_EXE_gongkai");
    let reference = tempfile::tempdir().expect("tmp");
    let st = Command::new(bin)
        .args(["extract", "-q", "-j", "1", "-o"])
        .arg(reference.path())
        .arg(inputs.path())
        .status()
        .expect("run");
    assert!(st.success());

    let out = tempfile::tempdir().expect("tmp");
    let mut child = Command::new(bin)
        .args(["extract", "-j", "1", "-o"])
        .arg(out.path())
        .arg(inputs.path())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    for _ in 0..20 {
        lines.next();
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    assert!(
        !out.path().join("report.json").exists(),
        "the batch finished before it was killed"
    );
    let partial = std::fs::read_dir(out.path()).expect("ls").count();
    assert!(partial > 1, "nothing was written before the kill");

    let resumed = Command::new(bin)
        .args(["extract", "-q", "--incremental", "-j", "1", "-o"])
        .arg(out.path())
        .arg(inputs.path())
        .output()
        .expect("resume");
    assert!(
        resumed.status.success(),
        "{}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    assert_eq!(snapshot(out.path()), snapshot(reference.path()));

    let again = Command::new(bin)
        .args(["extract", "-q", "--incremental", "-o"])
        .arg(out.path())
        .arg(inputs.path())
        .output()
        .expect("again");
    let msg = String::from_utf8_lossy(&again.stderr);
    assert!(msg.contains("0 processed, 300 unchanged"), "{msg}");
    assert_eq!(snapshot(out.path()), snapshot(reference.path()));
}
