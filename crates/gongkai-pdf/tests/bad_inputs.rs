//! Every file in samples/bad/ gives its own typed error (listed in EXPECTED.tsv), and
//! none of them is caught by the panic guard: the guard is the last line of defence,
//! not the mechanism. Files in samples/bad/recoverable/ must open and yield their text.

use std::path::PathBuf;

use gongkai_pdf::{Document, OpenOptions, PdfError};

fn bad_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples/bad")
}

/// Opens the file and reads every page; returns the first error.
fn first_error(path: &std::path::Path) -> Option<PdfError> {
    let doc = match Document::open_with(path, &OpenOptions::default()) {
        Ok(d) => d,
        Err(e) => return Some(e),
    };
    (1..=doc.page_count()).find_map(|n| doc.page(n).err())
}

#[test]
fn each_bad_file_gets_its_named_error() {
    let list = std::fs::read_to_string(bad_dir().join("EXPECTED.tsv")).expect("EXPECTED.tsv");
    let mut checked = 0;
    for line in list.lines().skip(1) {
        let Some((file, kind)) = line.split_once('\t') else {
            continue;
        };
        let err = first_error(&bad_dir().join(file))
            .unwrap_or_else(|| panic!("{file}: opened without error, expected {kind}"));
        assert!(
            !matches!(err, PdfError::Panic(_)),
            "{file}: reached the panic guard: {err}"
        );
        assert_eq!(err.kind(), kind, "{file}: got {err}");
        checked += 1;
    }
    assert!(checked >= 9, "only {checked} bad files listed");
}

#[test]
fn wrong_and_right_passwords() {
    let path = bad_dir().join("encrypted-password.pdf");
    let wrong = OpenOptions {
        password: Some("nope".into()),
        ..OpenOptions::default()
    };
    assert!(matches!(
        Document::open_with(&path, &wrong),
        Err(PdfError::WrongPassword)
    ));
    let right = OpenOptions {
        password: Some("secret".into()),
        ..OpenOptions::default()
    };
    let doc = Document::open_with(&path, &right).expect("opens with the user password");
    let text: String = doc
        .page(1)
        .expect("page 1")
        .glyphs
        .iter()
        .map(|g| g.text.as_str())
        .collect();
    assert_eq!(text, "Hello bad input");
}

#[test]
fn recoverable_damage_is_repaired() {
    for name in [
        "wrong-xref-offsets.pdf",
        "missing-xref.pdf",
        "truncated-trailer.pdf",
    ] {
        let path = bad_dir().join("recoverable").join(name);
        let doc = Document::open(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let text: String = doc
            .page(1)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .glyphs
            .iter()
            .map(|g| g.text.as_str())
            .collect();
        assert_eq!(text, "Hello bad input", "{name}");
    }
}
