//! Issue #17, through the binary: document statuses and page counts, the exit statuses
//! (`check`'s too), which documents an incremental run redoes (a time-out, a password now
//! given, OCR now possible or its languages changed, a write that failed, changed bytes,
//! a missing output) and which it leaves (a broken file, a broken page, a changed time
//! limit alone), the outputs of inputs that are gone, temporary files of a killed run,
//! stale CSVs, SIGINT and SIGTERM, a broken page in every command, the progress bar on a
//! terminal and the lines elsewhere, broken pipes, and error messages that say each thing
//! once.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value as Json;

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

fn gongkai() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
}

/// `gongkai extract -o OUT ARGS…`.
fn extract(out: &Path, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut cmd = gongkai();
    cmd.arg("extract").arg("-o").arg(out);
    for a in args {
        cmd.arg(a);
    }
    cmd.output().expect("run gongkai")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn report(out: &Path) -> Json {
    serde_json::from_slice(&std::fs::read(out.join("report.json")).expect("report.json"))
        .expect("json")
}

/// The report entry of output `name`.
fn entry(report: &Json, name: &str) -> Json {
    report["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("no entry {name} in {report}"))
        .clone()
}

fn tesseract_ready() -> bool {
    Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).contains("chi_sim"))
}

/// A classic PDF (xref table with exact offsets) whose pages hold these content streams;
/// `None` is a page whose content stream does not inflate (the bytes of
/// samples/bad/broken-stream.pdf).
fn pdf_with_pages(pages: &[Option<&str>]) -> Vec<u8> {
    let n = pages.len();
    let font = 3 + 2 * n;
    let mut objects: Vec<Vec<u8>> = Vec::new();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 3 + 2 * i)).collect();
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes());
    for (i, content) in pages.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {font} 0 R >> >> /Contents {} 0 R >>",
                4 + 2 * i
            )
            .into_bytes(),
        );
        let (data, filter) = match content {
            Some(text) => (text.as_bytes().to_vec(), ""),
            None => {
                let mut z = vec![0x78, 0x9c];
                z.extend((0..200u32).map(|i| ((i * 91 + 7) % 256) as u8));
                (z, "/Filter /FlateDecode ")
            }
        };
        let mut s = format!("<< /Length {} {filter}>>\nstream\n", data.len()).into_bytes();
        s.extend(data);
        s.extend(b"\nendstream");
        objects.push(s);
    }
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).into_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let start = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").into_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n",
            objects.len() + 1
        )
        .into_bytes(),
    );
    out
}

const TEXT: &str = "BT /F1 12 Tf 72 720 Td (A page that reads) Tj ET";

/// A three-page document whose second page cannot be read is `partial` with one failed
/// page, exit 1; a whole document is `ok`, exit 0; a rerun does not redo the broken page
/// (the same bytes break the same way).
#[test]
fn a_broken_page_makes_a_partial_document_that_is_not_redone() {
    let input = tempfile::tempdir().expect("tmp");
    let broken = input.path().join("broken-page.pdf");
    std::fs::write(&broken, pdf_with_pages(&[Some(TEXT), None, Some(TEXT)])).expect("write");
    let whole = input.path().join("whole.pdf");
    std::fs::write(&whole, pdf_with_pages(&[Some(TEXT), Some(TEXT)])).expect("write");

    let out = tempfile::tempdir().expect("tmp");
    let o = extract(out.path(), &[&whole]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(entry(&report(out.path()), "whole")["status"], "ok");

    let o = extract(out.path(), &[&whole, &broken, &"--incremental"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let r = report(out.path());
    let e = entry(&r, "broken-page");
    assert_eq!(e["status"], "partial", "{e}");
    assert_eq!(
        (e["pages"].as_u64(), e["pages_failed"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(e["page_warnings"][0]["page"], 2, "{e}");
    assert_eq!(
        (
            r["ok"].as_u64(),
            r["partial"].as_u64(),
            r["failed"].as_u64()
        ),
        (Some(1), Some(1), Some(0))
    );
    assert_eq!(r["pages_failed"], 1);
    assert!(err.contains("1 ok, 1 partial, 0 failed"), "{err}");
    assert!(err.contains("PARTIAL "), "{err}");
    // The document's JSON is written: the other pages' text is there.
    let doc: Json = serde_json::from_slice(
        &std::fs::read(out.path().join("broken-page.json")).expect("doc json"),
    )
    .expect("json");
    assert_eq!(doc["pages"][2]["lines"][0]["text"], "A page that reads");

    let o = extract(out.path(), &[&whole, &broken, &"--incremental"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("0 processed, 2 unchanged"), "{err}");
}

/// `--timeout 0` (or a negative or non-numeric limit) is refused before anything is read:
/// it could mean "no limit" or "time every document out", and guessing either is wrong.
#[test]
fn a_time_limit_of_zero_is_refused() {
    let doc = samples().join("real").join("camelot-foo.pdf");
    for limit in ["0", "-5", "ten", "inf"] {
        let out = tempfile::tempdir().expect("tmp");
        let flag = format!("--timeout={limit}");
        let o = extract(out.path(), &[&doc, &flag]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{limit}: {err}");
        assert!(err.contains("--timeout"), "{limit}: {err}");
        assert!(!out.path().join("report.json").exists(), "{limit}");
    }
}

/// A time-out is tried again with a longer limit; a broken file is not; a file that
/// needs a password is tried again once one is given.
#[test]
fn incremental_runs_retry_what_could_change() {
    let real = samples().join("real");
    let bad = samples().join("bad");
    let doc = real.join("camelot-foo.pdf");
    let corrupt = bad.join("corrupt-xref.pdf");
    let locked = bad.join("encrypted-password.pdf");
    let out = tempfile::tempdir().expect("tmp");

    let o = extract(
        out.path(),
        &[&doc, &corrupt, &locked, &"--timeout", &"0.000001"],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let r = report(out.path());
    assert_eq!(entry(&r, "camelot-foo")["error_kind"], "timeout");
    assert_eq!(
        entry(&r, "encrypted-password")["error_kind"],
        "password_required"
    );
    assert_eq!(entry(&r, "camelot-foo")["options"]["timeout_s"], 0.000001);

    let o = extract(out.path(), &[&doc, &corrupt, &locked, &"--incremental"]);
    let err = stderr(&o);
    assert!(
        err.contains("ok ")
            && err.contains("camelot-foo.pdf (1 page; redone: timed out last time)"),
        "{err}"
    );
    assert!(err.contains("1 processed, 2 unchanged"), "{err}");
    let r = report(out.path());
    assert_eq!(entry(&r, "camelot-foo")["status"], "ok");
    assert_eq!(entry(&r, "corrupt-xref")["status"], "failed");

    let o = extract(
        out.path(),
        &[
            &doc,
            &corrupt,
            &locked,
            &"--incremental",
            &"--password",
            &"secret",
        ],
    );
    let err = stderr(&o);
    assert!(
        err.contains("(1 page; redone: a password is given now)"),
        "{err}"
    );
    assert!(err.contains("1 processed, 2 unchanged"), "{err}");
    let r = report(out.path());
    assert_eq!(entry(&r, "encrypted-password")["status"], "ok");
    assert_eq!(entry(&r, "encrypted-password")["options"]["password"], true);
    // Only the broken file is left: exit 1.
    assert_eq!(o.status.code(), Some(1), "{err}");
}

/// An image-only page left unread (OCR off, or Tesseract missing) makes the document
/// `partial`; it is redone when OCR is possible, and then counted as read by OCR.
#[test]
fn unread_scans_are_partial_and_redone_when_ocr_is_possible() {
    let scan = samples().join("final-2024-hebei-changfeng-agri-ccitt-p5.pdf");
    let out = tempfile::tempdir().expect("tmp");
    let o = extract(out.path(), &[&scan, &"--no-ocr"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let r = report(out.path());
    let e = entry(&r, "final-2024-hebei-changfeng-agri-ccitt-p5");
    assert_eq!(
        (e["status"].as_str(), e["pages_need_ocr"].as_u64()),
        (Some("partial"), Some(1))
    );
    assert_eq!(e["options"]["ocr"], Json::Null);

    // Still off: nothing could change.
    let o = extract(out.path(), &[&scan, &"--no-ocr", &"--incremental"]);
    assert!(
        stderr(&o).contains("0 processed, 1 unchanged"),
        "{}",
        stderr(&o)
    );

    let missing = gongkai()
        .args(["extract", "--incremental", "-o"])
        .arg(out.path())
        .arg(&scan)
        .env("GONGKAI_TESSERACT", "/nonexistent/tesseract")
        .output()
        .expect("run");
    let err = stderr(&missing);
    assert_eq!(missing.status.code(), Some(1), "{err}");
    assert!(err.contains("redone: OCR setting changed"), "{err}");
    assert!(err.contains("OCR needs Tesseract with chi_sim"), "{err}");
    assert_eq!(
        entry(
            &report(out.path()),
            "final-2024-hebei-changfeng-agri-ccitt-p5"
        )["options"]["ocr_available"],
        false
    );

    if !tesseract_ready() {
        eprintln!("tesseract with chi_sim not installed: the OCR half of this test skipped");
        return;
    }
    let o = extract(out.path(), &[&scan, &"--incremental"]);
    let err = stderr(&o);
    assert!(err.contains("redone: OCR is possible now"), "{err}");
    let r = report(out.path());
    let e = entry(&r, "final-2024-hebei-changfeng-agri-ccitt-p5");
    assert_eq!(e["status"], "ok", "{e}");
    assert_eq!(
        (e["pages_ocr"].as_u64(), e["pages_need_ocr"].as_u64()),
        (Some(1), Some(0))
    );
    assert_eq!(
        (r["pages_ocr"].as_u64(), r["pages_need_ocr"].as_u64()),
        (Some(1), Some(0))
    );
    assert!(err.contains("1 read by OCR, 0 need OCR"), "{err}");
    assert_eq!(o.status.code(), Some(0), "{err}");
}

/// A document whose output cannot be written fails with exit 3 and is written by the
/// next incremental run once the obstacle is gone; a batch file that cannot be written
/// is exit 3 too.
#[test]
fn write_failures_exit_3_and_are_retried() {
    let real = samples().join("real");
    let (a, b) = (
        real.join("camelot-foo.pdf"),
        real.join("putuo-final-2024-p6.pdf"),
    );
    let out = tempfile::tempdir().expect("tmp");
    // A folder where the document's JSON goes: the rename fails, even for root.
    std::fs::create_dir(out.path().join("camelot-foo.json")).expect("mkdir");
    let o = extract(out.path(), &[&a, &b, &"-q"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(
        err.contains("FAILED ") && err.contains("output not written"),
        "{err}"
    );
    let e = entry(&report(out.path()), "camelot-foo");
    assert_eq!(
        (e["status"].as_str(), e["error_kind"].as_str()),
        (Some("failed"), Some("write"))
    );
    // Nothing half-written is left.
    let temps: Vec<_> = std::fs::read_dir(out.path())
        .expect("ls")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(temps.is_empty(), "{temps:?}");

    std::fs::remove_dir(out.path().join("camelot-foo.json")).expect("rmdir");
    let o = extract(out.path(), &[&a, &b, &"--incremental"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("redone: failed last time"), "{err}");
    assert!(err.contains("1 processed, 1 unchanged"), "{err}");
    assert!(out.path().join("camelot-foo.json").is_file());

    std::fs::remove_file(out.path().join("report.json")).expect("rm");
    std::fs::create_dir(out.path().join("report.json")).expect("mkdir");
    let o = extract(out.path(), &[&a, &b, &"--incremental", &"-q"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(
        err.contains("output not written") && err.contains("report.json"),
        "{err}"
    );
}

/// Outputs of inputs that are gone are removed and reported (kept with
/// `--keep-removed`); csv/ and parquet/ hold no file of a table type no reported
/// document has; temporary files of a killed run are removed.
#[test]
fn gone_inputs_stale_tables_and_temp_files_are_cleaned() {
    let input = tempfile::tempdir().expect("tmp");
    let real = samples().join("real");
    for f in ["camelot-foo.pdf", "putuo-final-2024-p6.pdf"] {
        std::fs::copy(real.join(f), input.path().join(f)).expect("copy");
    }
    let out = tempfile::tempdir().expect("tmp");
    let o = extract(out.path(), &[&input.path(), &"-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.path().join("csv/final.summary.csv").is_file());
    assert!(out.path().join("parquet/final.summary.parquet").is_file());

    // Kept: still reported, still in records.jsonl and the CSVs.
    std::fs::remove_file(input.path().join("putuo-final-2024-p6.pdf")).expect("rm");
    let o = extract(
        out.path(),
        &[&input.path(), &"--incremental", &"--keep-removed"],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("KEPT putuo-final-2024-p6.pdf"), "{err}");
    let r = report(out.path());
    assert_eq!(r["documents"], 2);
    assert_eq!(
        r["kept_removed"],
        serde_json::json!(["putuo-final-2024-p6.pdf"])
    );
    assert!(out.path().join("putuo-final-2024-p6.json").is_file());
    assert!(out.path().join("csv/final.summary.csv").is_file());
    let lines = std::fs::read_to_string(out.path().join("records.jsonl")).expect("jsonl");
    assert_eq!(lines.lines().count(), 2);

    // A killed run's temporary files, in the output folder and below it.
    let dead = format!(".x.json.tmp{}", u32::MAX);
    std::fs::write(out.path().join(&dead), b"half").expect("write");
    std::fs::write(
        out.path()
            .join("csv")
            .join(format!(".y.csv.tmp{}", u32::MAX)),
        b"half",
    )
    .expect("write");
    // Removed: gone from every output.
    let o = extract(out.path(), &[&input.path(), &"--incremental"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("REMOVED putuo-final-2024-p6.pdf: no longer among the inputs"),
        "{err}"
    );
    assert!(err.contains("1 removed"), "{err}");
    assert!(
        err.contains("removed 2 temporary files left by an interrupted run"),
        "{err}"
    );
    assert!(!out.path().join(&dead).exists());
    let r = report(out.path());
    assert_eq!(r["documents"], 1);
    assert_eq!(r["removed"], serde_json::json!(["putuo-final-2024-p6.pdf"]));
    assert!(!out.path().join("putuo-final-2024-p6.json").exists());
    assert!(!out
        .path()
        .join(".gongkai/done/putuo-final-2024-p6.json")
        .exists());
    assert!(!out
        .path()
        .join(".gongkai/done/putuo-final-2024-p6.csv.json")
        .exists());
    // The final account's tables came only from the removed document.
    assert!(!out.path().join("csv/final.summary.csv").exists());
    assert!(!out.path().join("parquet/final.summary.parquet").exists());
    let findings = std::fs::read_to_string(out.path().join("csv/findings.csv")).unwrap_or_default();
    assert!(!findings.contains("putuo-final"), "{findings}");
    let lines = std::fs::read_to_string(out.path().join("records.jsonl")).expect("jsonl");
    assert_eq!(lines.lines().count(), 1);
}

/// Exit 2 for usage errors: no PDF among the inputs, a page beyond the document, a
/// malformed page list; `--help` lists every exit status.
#[test]
fn usage_errors_exit_2() {
    let empty = tempfile::tempdir().expect("tmp");
    std::fs::write(empty.path().join("notes.txt"), b"not a pdf").expect("write");
    let out = tempfile::tempdir().expect("tmp");
    let o = extract(out.path(), &[&empty.path()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("no PDF found in"), "{}", stderr(&o));
    assert!(!out.path().join("report.json").exists());

    let one = samples().join("real/camelot-foo.pdf");
    for args in [
        vec!["page", "--page", "99"],
        vec!["tables", "--pages", "1,99"],
        vec!["debug", "--page", "2"],
    ] {
        let o = gongkai().args(&args).arg(&one).output().expect("run");
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("out of range: the document has 1 page")
                && err.contains("camelot-foo.pdf"),
            "{args:?}: {err}"
        );
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    let o = gongkai()
        .args(["tables", "--pages", "3-1"])
        .arg(&one)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let help = gongkai().args(["check", "--help"]).output().expect("run");
    assert!(String::from_utf8_lossy(&help.stdout).contains("2    usage error"));

    let help = gongkai().args(["extract", "--help"]).output().expect("run");
    let text = String::from_utf8_lossy(&help.stdout);
    for line in [
        "0    every document",
        "1    some documents failed",
        "2    usage error",
        "3    an output could not be written",
        "130  interrupted",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
}

/// `tables` exits 1 when a page was left unread, like `text` and `extract`.
#[test]
fn tables_exit_1_when_a_page_is_unread() {
    let scan = samples().join("final-2024-hebei-changfeng-agri-ccitt-p5.pdf");
    let o = gongkai()
        .args(["tables", "--no-ocr"])
        .arg(&scan)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("page 1: needs_ocr"), "{}", stderr(&o));
    let o = gongkai()
        .args(["tables"])
        .arg(samples().join("real/camelot-foo.pdf"))
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// Each thing is said once: no error text twice, no path twice.
#[test]
fn error_messages_say_each_thing_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let missing = dir.path().join("missing.pdf");
    let o = gongkai().arg("text").arg(&missing).output().expect("run");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(err.matches("No such file").count(), 1, "{err}");
    assert_eq!(err.matches("missing.pdf").count(), 1, "{err}");
    assert!(err.starts_with("gongkai: "), "{err}");

    let o = gongkai()
        .arg("tables")
        .arg(dir.path())
        .output()
        .expect("run");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(
        err.matches(&*dir.path().display().to_string()).count(),
        1,
        "{err}"
    );
    assert_eq!(
        err.to_lowercase().matches("is a directory").count(),
        1,
        "{err}"
    );

    let out = tempfile::tempdir().expect("tmp");
    let o = extract(out.path(), &[&missing]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    for line in err.lines().filter(|l| l.contains("missing.pdf")) {
        assert_eq!(line.matches("No such file").count(), 1, "{err}");
    }
}

/// Output into a closed pipe (`gongkai page … | head`, `text`, `tables`) ends quietly
/// with exit 0.
#[test]
fn broken_pipe_ends_quietly() {
    let big = samples().join("budget-2024-central-statistics.pdf");
    for args in [
        vec!["page"],
        vec!["text"],
        vec!["tables", "--format", "json"],
        vec!["tables", "--format", "csv"],
    ] {
        let o = read_ten_bytes_then_close(gongkai().args(&args).arg(&big));
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(o.stderr.is_empty(), "{args:?}: {}", stderr(&o));
    }
}

/// Runs `cmd`, reads the first ten bytes of its stdout and closes the pipe (as `| head`
/// does), then waits for it.
fn read_ten_bytes_then_close(cmd: &mut Command) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 10];
    stdout.read_exact(&mut first).expect("read");
    drop(stdout);
    child.wait_with_output().expect("wait")
}

/// Per-document lines when stderr is not a terminal; `-q` leaves only the summary.
#[test]
fn progress_lines_and_quiet() {
    let real = samples().join("real");
    let docs = [
        real.join("camelot-foo.pdf"),
        real.join("putuo-final-2024-p6.pdf"),
    ];
    let out = tempfile::tempdir().expect("tmp");
    let o = extract(out.path(), &[&docs[0], &docs[1]]);
    let err = stderr(&o);
    assert!(
        err.contains("[1/2] ok ") && err.contains("[2/2] ok "),
        "{err}"
    );
    let o = extract(out.path(), &[&docs[0], &docs[1], &"-q"]);
    let err = stderr(&o);
    assert!(!err.contains("[1/2]"), "{err}");
    assert!(
        err.starts_with("gongkai extract: 2 documents: 2 ok, 0 partial, 0 failed"),
        "{err}"
    );
}

/// Runs `extract -j 1` over `inputs` into `out`, sends `signal` (`INT`, `TERM`) once
/// `lines` progress lines are printed, and gives the exit code and the rest of stderr.
#[cfg(unix)]
fn interrupt_batch(inputs: &Path, out: &Path, lines: usize, signal: &str) -> (Option<i32>, String) {
    let mut child = gongkai()
        .args(["extract", "-j", "1", "-o"])
        .arg(out)
        .arg(inputs)
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut progress = BufReader::new(child.stderr.take().expect("stderr")).lines();
    for _ in 0..lines {
        progress.next();
    }
    let kill = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(kill.success());
    let rest: Vec<String> = progress.map_while(Result::ok).collect();
    let status = child.wait().expect("wait");
    (status.code(), rest.join("\n"))
}

/// SIGINT stops a batch: exit 130, what was done is said, the report lists exactly the
/// documents whose outputs are written (records.jsonl too), no temporary file is left,
/// and an incremental run finishes the rest.
#[cfg(unix)]
#[test]
fn sigint_reports_what_is_done_and_leaves_no_partial_file() {
    let inputs = tempfile::tempdir().expect("tmp");
    let real = samples().join("real");
    for i in 0..120 {
        for name in ["putuo-final-2024-p6.pdf", "camelot-foo.pdf"] {
            std::fs::copy(
                real.join(name),
                inputs.path().join(format!("{i:03}-{name}")),
            )
            .expect("copy");
        }
    }
    let out = tempfile::tempdir().expect("tmp");
    let (code, err) = interrupt_batch(inputs.path(), out.path(), 10, "INT");
    assert_eq!(code, Some(130), "{err}");
    assert!(
        err.contains("interrupted: ") && err.contains(" not done (run again with --incremental"),
        "{err}"
    );

    let r = report(out.path());
    assert_eq!(r["interrupted"], true);
    let done = r["documents"].as_u64().expect("documents") as usize;
    assert!((10..240).contains(&done), "{done}");
    assert_eq!(r["not_done"].as_u64(), Some(240 - done as u64));
    let mut names: Vec<String> = r["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| format!("{}.json", e["name"].as_str().expect("name")))
        .collect();
    names.push("report.json".into());
    names.sort();
    let mut files: Vec<String> = std::fs::read_dir(out.path())
        .expect("ls")
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    files.sort();
    assert_eq!(files, names);
    let jsonl = std::fs::read_to_string(out.path().join("records.jsonl")).expect("jsonl");
    assert_eq!(jsonl.lines().count(), done);
    let mut stack = vec![out.path().to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("ls").flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            assert!(!name.contains(".tmp"), "left over: {}", e.path().display());
            if e.path().is_dir() {
                stack.push(e.path());
            }
        }
    }

    let o = extract(out.path(), &[&inputs.path(), &"--incremental", &"-q"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains(&format!("{} processed, {done} unchanged", 240 - done)),
        "{err}"
    );
    let r = report(out.path());
    assert_eq!(
        (r["documents"].as_u64(), r["interrupted"].as_bool()),
        (Some(240), Some(false))
    );
}

/// SIGINT while one slow document (a 13-page scan read by OCR on one thread) is being
/// read: the document is dropped, not waited for; nothing of it is written.
#[cfg(unix)]
#[test]
fn sigint_drops_the_document_in_progress() {
    if !tesseract_ready() {
        eprintln!("tesseract with chi_sim not installed: skipped (the scan would not be slow)");
        return;
    }
    let scan = samples().join("final-2024-hebei-changfeng-agri-scan.pdf");
    let out = tempfile::tempdir().expect("tmp");
    let child = gongkai()
        .args(["extract", "-j", "1", "-o"])
        .arg(out.path())
        .arg(&scan)
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    std::thread::sleep(std::time::Duration::from_secs(2));
    let sent = std::time::Instant::now();
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(kill.success());
    let o = child.wait_with_output().expect("wait");
    let waited = sent.elapsed();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(130), "{err}");
    assert!(
        waited < std::time::Duration::from_secs(5),
        "{waited:?} after SIGINT: {err}"
    );
    assert!(err.contains("interrupted: 0 documents done"), "{err}");
    let r = report(out.path());
    assert_eq!(
        (r["documents"].as_u64(), r["not_done"].as_u64()),
        (Some(0), Some(1))
    );
    assert!(!out
        .path()
        .join("final-2024-hebei-changfeng-agri-scan.json")
        .exists());
}

/// An incremental run redoes a document whose bytes changed and one whose output is
/// missing; a changed `--timeout` alone redoes nothing; a changed `--ocr-lang` redoes a
/// document with image-only pages (left unread here: Tesseract is pointed away) and not
/// a text document.
#[test]
fn incremental_runs_redo_changed_files_missing_outputs_and_changed_ocr_settings() {
    let input = tempfile::tempdir().expect("tmp");
    let real = samples().join("real");
    std::fs::copy(real.join("camelot-foo.pdf"), input.path().join("a.pdf")).expect("copy");
    std::fs::copy(
        real.join("putuo-final-2024-p6.pdf"),
        input.path().join("b.pdf"),
    )
    .expect("copy");
    std::fs::copy(
        samples().join("final-2024-hebei-changfeng-agri-ccitt-p5.pdf"),
        input.path().join("scan.pdf"),
    )
    .expect("copy");
    let out = tempfile::tempdir().expect("tmp");
    let run = |extra: &[&str]| {
        gongkai()
            .arg("extract")
            .arg("-o")
            .arg(out.path())
            .arg(input.path())
            .args(extra)
            .env("GONGKAI_TESSERACT", "/nonexistent/tesseract")
            .output()
            .expect("run")
    };
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(entry(&report(out.path()), "a")["pages"], 1);

    let o = run(&["--incremental", "--timeout", "60"]);
    let err = stderr(&o);
    assert!(err.contains("0 processed, 3 unchanged"), "{err}");
    assert_eq!(
        entry(&report(out.path()), "b")["options"]["timeout_s"],
        300.0
    );

    std::fs::write(
        input.path().join("a.pdf"),
        pdf_with_pages(&[Some(TEXT), Some(TEXT)]),
    )
    .expect("write");
    std::fs::remove_file(out.path().join("b.json")).expect("rm");
    let o = run(&["--incremental"]);
    let err = stderr(&o);
    assert!(err.contains("/a.pdf (2 pages; redone: changed)"), "{err}");
    assert!(
        err.contains("/b.pdf (1 page; redone: output missing)"),
        "{err}"
    );
    assert!(
        err.contains("/scan.pdf (1 page: 1 need OCR; unchanged)"),
        "{err}"
    );
    assert!(err.contains("2 processed, 1 unchanged"), "{err}");
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(out.path().join("b.json").is_file());
    let r = report(out.path());
    assert_eq!(entry(&r, "a")["pages"], 2);
    assert_eq!(entry(&r, "scan")["options"]["ocr"], "chi_sim");

    let o = run(&["--incremental", "--ocr-lang", "eng"]);
    let err = stderr(&o);
    assert!(
        err.contains("/scan.pdf (1 page: 1 need OCR; redone: OCR setting changed)"),
        "{err}"
    );
    assert!(err.contains("1 processed, 2 unchanged"), "{err}");
    let r = report(out.path());
    assert_eq!(entry(&r, "scan")["options"]["ocr"], "eng");
    assert_eq!(entry(&r, "a")["options"]["ocr"], "chi_sim");
}

/// SIGTERM (a service manager stopping the job) stops a batch as SIGINT does: exit 130,
/// a report of the documents done, and no temporary file left.
#[cfg(unix)]
#[test]
fn sigterm_stops_a_batch_like_sigint() {
    let inputs = tempfile::tempdir().expect("tmp");
    let real = samples().join("real");
    for i in 0..60 {
        std::fs::copy(
            real.join("putuo-final-2024-p6.pdf"),
            inputs.path().join(format!("{i:03}.pdf")),
        )
        .expect("copy");
    }
    let out = tempfile::tempdir().expect("tmp");
    let (code, err) = interrupt_batch(inputs.path(), out.path(), 3, "TERM");
    assert_eq!(code, Some(130), "{err}");
    assert!(err.contains("interrupted: "), "{err}");
    let r = report(out.path());
    assert_eq!(r["interrupted"], true);
    let done = r["documents"].as_u64().expect("documents");
    assert!((3..60).contains(&done), "{done}");
    assert_eq!(r["not_done"].as_u64(), Some(60 - done));
    let temps: Vec<_> = std::fs::read_dir(out.path())
        .expect("ls")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(temps.is_empty(), "{temps:?}");
}

/// On a terminal (a pseudo-terminal made by util-linux `script`), `extract` shows a
/// progress bar over pages with the rate and the ETA, and no per-document lines; `-q`
/// shows neither, only the summary.
#[cfg(unix)]
#[test]
fn a_progress_bar_over_pages_on_a_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("util-linux `script` not installed: skipped (no pseudo-terminal)");
        return;
    }
    let inputs = tempfile::tempdir().expect("tmp");
    for i in 0..12 {
        std::fs::copy(
            samples().join("budget-2024-central-statistics.pdf"),
            inputs.path().join(format!("{i:02}.pdf")),
        )
        .expect("copy");
    }
    let quote = |p: &Path| format!("'{}'", p.display().to_string().replace('\'', r"'\''"));
    let on_a_terminal = |quiet: bool| {
        let out = tempfile::tempdir().expect("tmp");
        let line = format!(
            "{} extract -j 1 {}-o {} {}",
            quote(Path::new(env!("CARGO_BIN_EXE_gongkai"))),
            if quiet { "-q " } else { "" },
            quote(out.path()),
            quote(inputs.path())
        );
        let o = Command::new("script")
            .args(["-qec", &line, "/dev/null"])
            .stdin(Stdio::null())
            .output()
            .expect("run script");
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let shown = on_a_terminal(false);
    assert!(
        shown.contains(" pages/s") && shown.contains("ETA ") && shown.contains("/12 documents"),
        "{shown}"
    );
    assert!(shown.contains("pages ·"), "{shown}");
    assert!(!shown.contains("[1/12]"), "{shown}");
    assert!(
        shown.contains("gongkai extract: 12 documents: 12 ok"),
        "{shown}"
    );
    let quiet = on_a_terminal(true);
    assert!(
        !quiet.contains("pages/s") && !quiet.contains("ETA"),
        "{quiet}"
    );
    assert!(
        quiet.contains("gongkai extract: 12 documents: 12 ok"),
        "{quiet}"
    );
}

/// A page that cannot be read is named on stderr and the other pages are still given,
/// in every command that reads a whole document: `text`, `tables`, `page` (whose JSON
/// has the page's number, error and error kind in its place); the exit status is 1.
#[test]
fn a_broken_page_leaves_the_other_pages_in_every_command() {
    let input = tempfile::tempdir().expect("tmp");
    let broken = input.path().join("broken-page.pdf");
    std::fs::write(&broken, pdf_with_pages(&[Some(TEXT), None, Some(TEXT)])).expect("write");

    let o = gongkai().arg("text").arg(&broken).output().expect("run");
    let (out, err) = (String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(out, "A page that reads\n\x0c\x0cA page that reads\n\x0c");
    assert!(err.contains("broken-page.pdf: page 2: "), "{err}");

    let o = gongkai()
        .args(["tables", "--format", "csv"])
        .arg(&broken)
        .output()
        .expect("run");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("broken-page.pdf: page 2: "), "{err}");

    let o = gongkai().arg("page").arg(&broken).output().expect("run");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("broken-page.pdf: page 2: "), "{err}");
    let json: Json = serde_json::from_slice(&o.stdout).expect("page json");
    let pages = json["pages"].as_array().expect("pages");
    assert_eq!(pages.len(), 3, "{json}");
    assert_eq!(pages[1]["page"], 2);
    assert!(
        pages[1]["error"].as_str().is_some_and(|e| !e.is_empty()),
        "{json}"
    );
    assert!(pages[1].get("glyphs").is_none(), "{json}");
    assert_eq!(pages[2]["page"], 3);
    assert!(!pages[2]["glyphs"].as_array().expect("glyphs").is_empty());
    // The one page asked for cannot be read: its error, in its place.
    let o = gongkai()
        .args(["page", "--page", "2"])
        .arg(&broken)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let json: Json = serde_json::from_slice(&o.stdout).expect("page json");
    assert_eq!(json["pages"][0]["page"], 2, "{json}");
    assert_eq!(json["pages"][0]["error"], pages[1]["error"], "{json}");
}

/// Failed identity checks do not change `extract`'s exit status (they are in the
/// outputs); `check` exits 0 when every identity holds, 1 when some failed, 2 for a file
/// that is not document JSON, and ends quietly into a closed pipe.
#[test]
fn identity_findings_and_the_exit_status_of_check() {
    let right = samples().join("budget-2025-shanghai-yunpu-culture.pdf");
    let wrong = samples().join("budget-2025-shanghai-yunpu-culture-wrong.pdf");
    let out = tempfile::tempdir().expect("tmp");
    let o = extract(out.path(), &[&right, &wrong]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains(
            "2 ok, 0 partial, 0 failed; 1 with failed checks (1 where figures do not add up)"
        ),
        "{err}"
    );
    assert!(
        err.contains("CHECKS ") && err.contains("budget-2025-shanghai-yunpu-culture-wrong.pdf"),
        "{err}"
    );

    let check = |files: &[&Path]| gongkai().arg("check").args(files).output().expect("run");
    let right_json = out.path().join("budget-2025-shanghai-yunpu-culture.json");
    let wrong_json = out
        .path()
        .join("budget-2025-shanghai-yunpu-culture-wrong.json");
    let o = check(&[&right_json]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let line: Json = serde_json::from_slice(&o.stdout).expect("json line");
    assert_eq!(line["summary"]["fail"], 0, "{line}");
    let o = check(&[&right_json, &wrong_json]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let lines: Vec<Json> = o
        .stdout
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[1]["summary"]["fail"].as_u64() > Some(0),
        "{}",
        lines[1]
    );
    // `check OUT/*.json` takes in report.json: skipped with a word, not an error.
    let o = check(&[&right_json, &out.path().join("report.json"), &wrong_json]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("report.json: a batch report, not a document: skipped"),
        "{err}"
    );
    let not_records = out.path().join("other.json");
    std::fs::write(&not_records, br#"{"a": 1}"#).expect("write");
    let o = check(&[&right_json, &not_records, &wrong_json]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("other.json: not gongkai records"), "{err}");
    assert_eq!(
        o.stdout
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .count(),
        2
    );

    // A person corrects `raw` and not `yuan` (or the reverse): V-RAW says they disagree.
    let mut doc: Json =
        serde_json::from_slice(&std::fs::read(&right_json).expect("read")).expect("json");
    let table = doc["records"]["tables"]
        .as_array_mut()
        .expect("tables")
        .iter_mut()
        .find(|t| t["table_type"] == "budget.summary")
        .expect("summary");
    let value = table["rows"]
        .as_array_mut()
        .expect("rows")
        .iter_mut()
        .find_map(|r| {
            r["values"]
                .as_object_mut()
                .and_then(|v| v.values_mut().find(|v| !v.is_null()))
        })
        .expect("a value");
    let raw = value["raw"].as_str().expect("raw").to_string();
    value["raw"] = Json::from(format!("{raw}9"));
    let edited = out.path().join("edited.json");
    std::fs::write(&edited, serde_json::to_vec(&doc).expect("json")).expect("write");
    let o = check(&[&edited]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let line: Json = serde_json::from_slice(&o.stdout).expect("json line");
    let v_raw: Vec<&Json> = line["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "V-RAW")
        .collect();
    assert_eq!(v_raw.len(), 1, "{line}");
    assert_eq!(v_raw[0]["status"], "fail");
    assert!(
        v_raw[0]["note"]
            .as_str()
            .expect("note")
            .contains("one of the two was changed"),
        "{}",
        v_raw[0]
    );
    assert_eq!(line_count_of(&check(&[&right_json]).stdout), 1);

    let o = read_ten_bytes_then_close(
        gongkai()
            .arg("check")
            .args(std::iter::repeat_n(&wrong_json, 200)),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
}

fn line_count_of(bytes: &[u8]) -> usize {
    bytes
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .count()
}

/// A nightly run whose input folder is not there (a share not mounted, a typo) stops
/// before anything is read or removed: exit 2, last night's outputs and state intact
/// (they used to be removed as "no longer among the inputs").
#[test]
fn a_missing_input_folder_removes_nothing() {
    let root = tempfile::tempdir().expect("tmp");
    let input = root.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    std::fs::copy(samples().join("real/camelot-foo.pdf"), input.join("a.pdf")).expect("copy");
    let out = root.path().join("out");
    let o = extract(&out, &[&input, &"-q", &"--incremental"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let before = std::fs::read(out.join("report.json")).expect("report");

    std::fs::rename(&input, root.path().join("in.moved")).expect("mv");
    let o = extract(&out, &[&input, &"-q", &"--incremental"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("no such file or folder") && err.contains("in"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(out.join("report.json")).expect("report"),
        before
    );
    assert!(out.join("a.json").is_file());
    assert!(out.join(".gongkai/done/a.json").is_file());
}

/// A document that fails tonight leaves no JSON of an earlier night behind: readers of
/// `OUT/*.json` would take it for the file's content.
#[test]
fn a_document_that_fails_now_loses_its_old_outputs() {
    let input = tempfile::tempdir().expect("tmp");
    for f in ["camelot-foo.pdf", "tianbao-2023-p29.pdf"] {
        std::fs::copy(samples().join("real").join(f), input.path().join(f)).expect("copy");
    }
    let out = tempfile::tempdir().expect("tmp");
    let o = extract(out.path(), &[&input.path(), &"-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.path().join("tianbao-2023-p29.json").is_file());

    std::fs::write(
        input.path().join("tianbao-2023-p29.pdf"),
        b"this is not a pdf",
    )
    .expect("write");
    let o = extract(out.path(), &[&input.path(), &"-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let e = entry(&report(out.path()), "tianbao-2023-p29");
    assert_eq!(e["status"], "failed");
    assert_eq!(e["error_kind"], "not_pdf");
    assert!(!out.path().join("tianbao-2023-p29.json").exists());
    assert!(!out
        .path()
        .join(".gongkai/done/tianbao-2023-p29.line.json")
        .exists());
    assert!(!out
        .path()
        .join(".gongkai/done/tianbao-2023-p29.csv.json")
        .exists());
    assert!(out
        .path()
        .join(".gongkai/done/tianbao-2023-p29.json")
        .is_file());
    let lines = std::fs::read_to_string(out.path().join("records.jsonl")).expect("jsonl");
    assert_eq!(lines.lines().count(), 1);
}

/// `report.pdf` is written as `report~2.json` (the batch's `report.json` stays the
/// report); `x.csv.pdf` beside `x.pdf` no longer takes `x`'s state sidecar, so the next
/// incremental run goes through (it exited 3 every night).
#[test]
fn document_names_never_clash_with_batch_files() {
    let input = tempfile::tempdir().expect("tmp");
    let one = samples().join("real/camelot-foo.pdf");
    for f in ["report.pdf", "x.pdf", "x.csv.pdf"] {
        std::fs::copy(&one, input.path().join(f)).expect("copy");
    }
    let out = tempfile::tempdir().expect("tmp");
    for _ in 0..2 {
        let o = extract(out.path(), &[&input.path(), &"-q", &"--incremental"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let r = report(out.path());
    assert_eq!(r["documents"], 3);
    assert_eq!(entry(&r, "report~2")["document"], "report.pdf");
    assert_eq!(entry(&r, "x_csv")["document"], "x.csv.pdf");
    let doc: Json =
        serde_json::from_slice(&std::fs::read(out.path().join("report~2.json")).expect("json"))
            .expect("json");
    assert_eq!(doc["source"]["file"], "report.pdf");
}

/// A second run on an output folder in use exits 2 at once, naming the holder; the
/// lock goes with the process that held it.
#[test]
fn one_run_per_output_folder() {
    let out = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(out.path().join(".gongkai")).expect("mkdir");
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(out.path().join(".gongkai/lock"))
        .expect("open");
    lock.try_lock().expect("lock");
    std::fs::write(out.path().join(".gongkai/lock"), b"pid 4242").expect("write");
    let one = samples().join("real/camelot-foo.pdf");
    let o = extract(out.path(), &[&one, &"-q"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("in use by another gongkai run (pid 4242)"),
        "{err}"
    );
    assert!(!out.path().join("report.json").exists());
    drop(lock);
    let o = extract(out.path(), &[&one, &"-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// A PDF cut off by an interrupted download (no `%%EOF`; lopdf recovers the objects
/// before the cut) is `partial`, each page naming the objects it needs that the file
/// lacks, and the last page the pages the page tree lists beyond those found; it was
/// `ok` with no text, or with U+FFFD for the text of fonts cut off. The whole file stays
/// `ok`.
#[test]
fn a_truncated_download_is_partial_and_says_why() {
    let whole = std::fs::read(samples().join("budget-2024-central-statistics.pdf")).expect("read");
    let input = tempfile::tempdir().expect("tmp");
    std::fs::write(input.path().join("cut.pdf"), &whole[..whole.len() / 10]).expect("write");
    std::fs::write(input.path().join("whole.pdf"), &whole).expect("write");
    let out = tempfile::tempdir().expect("tmp");
    let o = extract(out.path(), &[&input.path(), &"-q", &"--no-ocr"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let r = report(out.path());
    assert_eq!(entry(&r, "whole")["status"], "ok");
    let cut = entry(&r, "cut");
    assert_eq!(cut["status"], "partial");
    let pages = cut["pages"].as_u64().expect("pages");
    assert_eq!(cut["pages_failed"].as_u64(), Some(pages));
    let warnings = cut["page_warnings"].as_array().expect("warnings");
    let first = warnings[0]["warning"].as_str().expect("text");
    assert_eq!(warnings[0]["page"], 1);
    assert!(
        first.starts_with("the file is truncated (no %%EOF")
            && first.contains("this page needs")
            && first.contains("missing from the file"),
        "{first}"
    );
}

/// A damaged state sidecar (a restore from backup, a disk error) fails one run (exit 3,
/// naming it) and its document is redone by the next `--incremental` run, which goes
/// through; it failed every run before. A dot-named PDF's state is read like any other
/// (it was redone every night and never removed).
#[test]
fn a_damaged_sidecar_heals_on_the_next_run_and_dot_names_have_state() {
    let input = tempfile::tempdir().expect("tmp");
    for (from, to) in [
        ("putuo-final-2024-p6.pdf", "a.pdf"),
        ("camelot-foo.pdf", ".b.pdf"),
    ] {
        std::fs::copy(samples().join("real").join(from), input.path().join(to)).expect("copy");
    }
    let out = tempfile::tempdir().expect("tmp");
    let run = || extract(out.path(), &[&input.path(), &"-q", &"--incremental"]);
    let o = run();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 unchanged"), "{}", stderr(&o));

    let sidecar = out.path().join(".gongkai/done/a.csv.json");
    let bytes = std::fs::read(&sidecar).expect("read");
    std::fs::write(&sidecar, &bytes[..bytes.len().min(20)]).expect("cut");
    let o = run();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(
        err.contains("a.csv.json") && err.contains("redone on the next run"),
        "{err}"
    );
    let o = run();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 processed, 1 unchanged"),
        "{}",
        stderr(&o)
    );

    std::fs::remove_file(input.path().join(".b.pdf")).expect("rm");
    let o = run();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("REMOVED .b.pdf"), "{}", stderr(&o));
    assert!(!out.path().join(".b.json").exists());
}

/// `tables --format csv` is one rectangular sheet whose rows say which table, page and
/// row they are, with the table's title and unit, and hold the same cells as the JSON.
#[test]
fn tables_as_csv_label_every_row_with_its_table() {
    let file = samples()
        .join("real")
        .join("putuo-social-work-final-2024-p8-9-13.pdf");
    let run = |format: &str| {
        let o = gongkai()
            .args(["tables", "--format", format])
            .arg(&file)
            .output()
            .expect("run");
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        String::from_utf8(o.stdout).expect("utf-8")
    };
    let json: Json = serde_json::from_str(&run("json")).expect("json");
    let tables = json["tables"].as_array().expect("tables");
    assert!(tables.len() >= 2, "{json}");
    let rows = common::csv_rows(&run("csv"));
    let width = rows[0].len();
    assert_eq!(
        rows[0][..6],
        ["table", "page", "row", "title", "unit", "c1"]
    );
    assert!(rows.iter().all(|r| r.len() == width), "ragged rows");
    let mut body = rows[1..].iter();
    for (t, table) in tables.iter().enumerate() {
        for (r, cells) in table["rows"].as_array().expect("rows").iter().enumerate() {
            let line = body.next().expect("a CSV row per table row");
            assert_eq!(line[0], (t + 1).to_string());
            assert_eq!(line[1], table["row_pages"][r].to_string());
            assert_eq!(line[2], (r + 1).to_string());
            assert_eq!(line[3], table["title"].as_str().unwrap_or(""));
            assert_eq!(line[4], table["unit"].as_str().unwrap_or(""));
            let cells = cells.as_array().expect("cells");
            for (c, field) in line[5..].iter().enumerate() {
                let want = cells.get(c).and_then(Json::as_str).unwrap_or("");
                assert_eq!(field, want, "table {} row {} col {}", t + 1, r + 1, c + 1);
            }
        }
    }
    assert!(body.next().is_none(), "CSV rows beyond the tables");
    let pages: std::collections::BTreeSet<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(pages.len(), 3, "{pages:?}");
}

#[test]
fn inputs_of_the_same_bytes_are_named_as_duplicates() {
    // A re-upload under another name: both are extracted, and report.json names the group so
    // a reader adding up the long tables can keep one.
    let dir = tempfile::tempdir().expect("tmp");
    let input = dir.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    let page = samples().join("real/putuo-final-2024-p6.pdf");
    std::fs::copy(&page, input.join("a.pdf")).expect("copy");
    std::fs::copy(&page, input.join("copy-of-a.pdf")).expect("copy");
    std::fs::copy(
        samples().join("real/putuo-wanli-2025-p29.pdf"),
        input.join("c.pdf"),
    )
    .expect("copy");
    let out = dir.path().join("out");
    let o = extract(&out, &[&"-q", &input]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r = report(&out);
    assert_eq!(r["documents"], 3);
    assert_eq!(
        r["duplicates"],
        serde_json::json!([["a.pdf", "copy-of-a.pdf"]])
    );
}

#[test]
fn a_failure_left_from_an_earlier_run_is_told_from_a_new_one() {
    // Nightly: a file that stays broken fails again, marked as old; a file changed into a
    // broken one is a new failure.
    let dir = tempfile::tempdir().expect("tmp");
    let input = dir.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    std::fs::copy(
        samples().join("real/putuo-final-2024-p6.pdf"),
        input.join("a.pdf"),
    )
    .expect("copy");
    std::fs::write(input.join("empty.pdf"), b"").expect("write");
    let out = dir.path().join("out");
    let first = extract(&out, &[&"--incremental", &"-q", &input]);
    let err = stderr(&first);
    assert!(
        err.contains("FAILED") && !err.contains("as in an earlier run"),
        "{err}"
    );
    std::fs::write(input.join("a.pdf"), b"%PDF-1.4 garbage").expect("write");
    let second = extract(&out, &[&"--incremental", &"-q", &input]);
    let err = stderr(&second);
    let failed: Vec<&str> = err.lines().filter(|l| l.contains("FAILED")).collect();
    assert_eq!(failed.len(), 2, "{err}");
    assert!(
        failed
            .iter()
            .any(|l| l.contains("a.pdf:") && !l.contains("as in an earlier run")),
        "{err}"
    );
    assert!(
        failed
            .iter()
            .any(|l| l.contains("empty.pdf (as in an earlier run: input unchanged):")),
        "{err}"
    );
}
