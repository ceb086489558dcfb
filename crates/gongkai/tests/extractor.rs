//! The library's entry point: the typed document serialises to the document JSON the
//! batch writes (byte for byte, by serde and by the parallel writer), options are values
//! (two extractors with different settings in one process), and errors carry the kinds
//! the reports use.

use std::path::PathBuf;
use std::time::Duration;

use gongkai::{Extractor, Options};

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

#[test]
fn document_json_is_serde_output_and_bytes_equal_path() {
    let extractor = Extractor::new(Options::default());
    let path = samples().join("budget-2024-central-statistics.pdf");
    let doc = extractor.extract_path(&path).expect("extract");
    // The parallel writer makes the same bytes as serde's pretty printer.
    let mut pretty = serde_json::to_vec_pretty(&doc).expect("serde");
    pretty.push(b'\n');
    let fast = doc.to_json().expect("to_json");
    assert!(
        fast == pretty,
        "to_json differs from serde_json::to_vec_pretty"
    );
    // The records line is the compact JSON of schema, source and records, keys sorted
    // (serde_json's map sorts its keys).
    let value = serde_json::json!({
        "schema": doc.schema,
        "source": doc.source,
        "records": doc.records,
    });
    let mut line = serde_json::to_vec(&value).expect("line");
    line.push(b'\n');
    assert!(doc.to_record_line().expect("line") == line);
    // Bytes in memory give the same document as the file.
    let bytes = std::fs::read(&path).expect("read");
    let from_bytes = extractor
        .extract_bytes("budget-2024-central-statistics.pdf", &bytes)
        .expect("extract_bytes");
    assert!(from_bytes.to_json().expect("json") == fast);
    use sha2::Digest;
    let sha: String = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(doc.source.sha256, sha);
    assert_eq!(doc.source.file, "budget-2024-central-statistics.pdf");
}

/// Table and cell fields are in alphabetical order: the order the JSON has always had
/// (it was made as a `serde_json::Value`, whose keys are sorted).
#[test]
fn table_json_keys_are_sorted() {
    let extractor = Extractor::new(Options::default());
    let doc = extractor
        .extract_path(samples().join("real/putuo-final-2024-p6.pdf"))
        .expect("extract");
    let t = doc.tables.first().expect("a table");
    let typed = serde_json::to_string_pretty(t).expect("typed");
    let value = serde_json::to_value(t).expect("value");
    assert_eq!(typed, serde_json::to_string_pretty(&value).expect("value"));
    assert_eq!(t.title.as_deref(), Some("收入支出决算总表"));
    assert_eq!(t.rows[28][1].as_deref(), Some("2,946.25"));
}

/// Two extractors with different OCR settings in one process each keep their own (with
/// a process-wide setting, the second would read the scan as the first did).
#[test]
fn options_are_values_not_process_state() {
    let scan = samples().join("final-2024-hebei-changfeng-agri-ccitt-p5.pdf");
    let off = Extractor::new(Options {
        ocr: None,
        ..Options::default()
    });
    let missing = Extractor::new(Options {
        ocr: Some(gongkai::OcrOptions {
            tesseract: "/nonexistent/bin/tesseract".into(),
            ..Default::default()
        }),
        ..Options::default()
    });
    for _ in 0..2 {
        let a = off.extract_path(&scan).expect("off");
        let b = missing.extract_path(&scan).expect("missing");
        let warning = |d: &gongkai::Document| d.pages[0].warnings.join("; ");
        assert!(a.pages[0].needs_ocr && b.pages[0].needs_ocr);
        assert!(warning(&a).contains("OCR turned off"), "{}", warning(&a));
        assert!(
            warning(&b).contains("tesseract not available"),
            "{}",
            warning(&b)
        );
    }
}

#[test]
fn errors_carry_the_report_kinds() {
    let extractor = Extractor::new(Options::default());
    let bad = samples().join("bad");
    let list = std::fs::read_to_string(bad.join("EXPECTED.tsv")).expect("EXPECTED.tsv");
    for line in list.lines().skip(1) {
        let (file, kind) = line.split_once('\t').expect("two columns");
        let e = extractor
            .extract_path(bad.join(file))
            .expect_err("a bad file fails");
        assert_eq!(e.kind(), kind, "{file}: {e}");
    }
    let e = extractor
        .extract_path(bad.join("no-such-file.pdf"))
        .expect_err("missing");
    assert_eq!(e.kind(), "io");
    assert!(e.to_string().starts_with("cannot read file: "), "{e}");
    let hurried = Extractor::new(Options {
        timeout: Some(Duration::ZERO),
        ..Options::default()
    });
    let e = hurried
        .extract_path(samples().join("budget-2024-mof-hexi-civil.pdf"))
        .expect_err("no time");
    assert_eq!(e.kind(), "timeout");
    assert_eq!(e.to_string(), "timed out after 0 s (--timeout)");
}

/// The single-file view: a scan's text layer is empty and says so; its tables with OCR
/// off are none, each page named in a warning.
#[test]
fn open_reports_scanned_pages() {
    let extractor = Extractor::new(Options {
        ocr: None,
        ..Options::default()
    });
    let mut pdf = extractor
        .open(samples().join("final-2024-hebei-changfeng-agri-scan.pdf"))
        .expect("open");
    assert_eq!(pdf.page_count(), 13);
    let text = pdf.text(1).expect("text");
    assert!(text.needs_ocr && text.lines.is_empty());
    let tables = pdf.tables(None);
    assert!(tables.tables.is_empty());
    let pages: Vec<usize> = tables.warnings.iter().map(|w| w.page).collect();
    assert_eq!(pages, (1..=13).collect::<Vec<_>>());
    assert!(tables.warnings[0].message.contains("OCR turned off"));
    let e = pdf.page(14).expect_err("no page 14");
    assert_eq!(e.kind(), "page_out_of_range");
    // The page is named once (it used to read `page 14: page 14 out of range …`).
    assert_eq!(
        e.to_string(),
        "page 14 out of range (document has 13 pages)"
    );
}

/// A document named by its path below a folder is recognised from its file name alone:
/// a folder named `2019年决算` does not make the camelot page a 2019 final account.
#[test]
fn folders_in_the_name_do_not_change_recognition() {
    let extractor = Extractor::new(Options::default());
    let bytes = std::fs::read(samples().join("real/camelot-foo.pdf")).expect("read");
    let alone = extractor
        .extract_bytes("camelot-foo.pdf", &bytes)
        .expect("alone");
    let below = extractor
        .extract_bytes("2019年决算/camelot-foo.pdf", &bytes)
        .expect("below");
    assert_eq!(below.source.file, "2019年决算/camelot-foo.pdf");
    let info = |d: &gongkai::Document| serde_json::to_string(&d.records.document).expect("json");
    assert_eq!(info(&below), info(&alone));
    assert_eq!(alone.records.document.fiscal_year, None);
}
