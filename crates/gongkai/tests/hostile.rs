//! Documents with hostile or broken pages, built in memory: `--timeout` bounds a document
//! inside a page, a broken page is a page warning (never a failed document, unless no
//! page can be read), a `/Crypt` stream is named in our words.

use std::time::{Duration, Instant};

use gongkai::{Error, Extractor, Options};

/// One page of a test PDF: its side lengths, its distinct content streams (stream
/// dictionary entries, bytes), and the order in which its `/Contents` array lists them
/// (`None`: `/Contents` is the first stream itself).
struct Pg {
    size: (f64, f64),
    streams: Vec<(&'static str, Vec<u8>)>,
    order: Option<Vec<usize>>,
}

impl From<(&'static str, Vec<u8>)> for Pg {
    fn from(stream: (&'static str, Vec<u8>)) -> Self {
        Pg {
            size: (595.0, 842.0),
            streams: vec![stream],
            order: None,
        }
    }
}

/// A PDF of the given pages, with Helvetica as /F1.
fn pdf_of(pages: Vec<Pg>) -> Vec<u8> {
    // Objects: 1 catalog, 2 page tree, 3 font, then each page followed by its streams.
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        Vec::new(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    let mut kids = Vec::new();
    for pg in pages {
        let id = objects.len() + 1;
        kids.push(format!("{id} 0 R"));
        let contents = match &pg.order {
            None => format!("{} 0 R", id + 1),
            Some(order) => format!(
                "[{}]",
                order
                    .iter()
                    .map(|i| format!("{} 0 R", id + 1 + i))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        };
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] /Contents {contents} \
                 /Resources << /Font << /F1 3 0 R >> >> >>",
                pg.size.0, pg.size.1
            )
            .into_bytes(),
        );
        for (dict, data) in pg.streams {
            let mut s = format!("<< /Length {} {dict} >>\nstream\n", data.len()).into_bytes();
            s.extend_from_slice(&data);
            s.extend_from_slice(b"\nendstream");
            objects.push(s);
        }
    }
    objects[1] = format!(
        "<< /Type /Pages /Count {} /Kids [{}] >>",
        kids.len(),
        kids.join(" ")
    )
    .into_bytes();
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A PDF of A4 pages, each drawing one content stream.
fn pdf(pages: &[(&'static str, Vec<u8>)]) -> Vec<u8> {
    pdf_of(pages.iter().cloned().map(Pg::from).collect())
}

/// The first hostile shape of issue 17: a page whose `/Contents` array lists one stream
/// of about 10 KB 100,000 times (1 GB of content were it joined).
fn repeated_contents() -> Pg {
    let line = b"BT /F1 12 Tf 72 700 Td (repeated line of text) Tj ET\n";
    let stream = line.repeat(10_240 / line.len() + 1);
    assert!(stream.len() >= 10_240);
    Pg {
        size: (595.0, 842.0),
        streams: vec![("", stream)],
        order: Some(vec![0; 100_000]),
    }
}

/// The second hostile shape of issue 17: `n + 1` horizontal and `n + 1` vertical rules
/// 10 pt apart on a page of `10 n + 200` pt (issue: 2,001 + 2,001 on 20,000 pt).
fn dense_rulings(n: usize) -> Pg {
    let side = n as f64 * 10.0;
    let mut s = String::from("0.5 w\n");
    for i in 0..=n {
        let p = 100.0 + i as f64 * 10.0;
        s.push_str(&format!("100 {p} m {} {p} l S\n", 100.0 + side));
        s.push_str(&format!("{p} 100 m {p} {} l S\n", 100.0 + side));
    }
    Pg {
        size: (side + 200.0, side + 200.0),
        streams: vec![("", s.into_bytes())],
        order: None,
    }
}

fn text(t: &str) -> (&'static str, Vec<u8>) {
    (
        "",
        format!("BT /F1 12 Tf 72 700 Td ({t}) Tj ET").into_bytes(),
    )
}

/// A stream that claims Flate but is not.
fn broken() -> (&'static str, Vec<u8>) {
    (
        "/Filter /FlateDecode",
        b"this is not zlib data at all".to_vec(),
    )
}

fn crypt() -> (&'static str, Vec<u8>) {
    ("/Filter /Crypt", b"BT /F1 12 Tf (secret) Tj ET".to_vec())
}

fn lines_of(doc: &gongkai::Document, page: usize) -> Vec<String> {
    doc.pages[page - 1]
        .lines
        .iter()
        .map(|l| l.text.clone())
        .collect()
}

/// `--timeout` stops a document inside its one long page: 10 million operators (a few
/// seconds, bounds raised so that no limit stops it first) end within a fraction of a
/// second of the deadline with the `timeout` kind. The deadline used to be read only
/// before each page, so this page ran to its end and the document came out.
#[test]
fn timeout_stops_a_document_inside_a_page() {
    let bytes = pdf(&[("", b"q Q\n".repeat(5_000_000))]);
    let mut options = Options {
        ocr: None,
        timeout: Some(Duration::from_millis(100)),
        ..Options::default()
    };
    options.limits.max_operators = u64::MAX;
    options.limits.max_content_bytes = 1 << 30;
    let started = Instant::now();
    let r = Extractor::new(options).extract_bytes("long.pdf", &bytes);
    let took = started.elapsed();
    match r {
        Err(e @ Error::Timeout(_)) => assert_eq!(e.kind(), "timeout"),
        Err(e) => panic!("another error: {e}"),
        Ok(_) => panic!("extracted in {took:?} despite the 100 ms limit"),
    }
    assert!(took < Duration::from_millis(1_500), "{took:?}");
}

/// A document with unreadable pages (a broken stream, a `/Crypt` stream) in the middle is
/// extracted: the other pages are read, the broken ones carry their reason as a page
/// warning, and the `/Crypt` one is named without lopdf's request to file an issue.
#[test]
fn broken_pages_are_page_warnings() {
    let bytes = pdf(&[text("first"), broken(), crypt(), text("last")]);
    let doc = Extractor::new(Options {
        ocr: None,
        ..Options::default()
    })
    .extract_bytes("mixed.pdf", &bytes)
    .expect("the document is extracted");
    assert_eq!(doc.pages.len(), 4);
    assert_eq!(lines_of(&doc, 1), ["first"]);
    assert_eq!(lines_of(&doc, 4), ["last"]);
    let w2 = &doc.pages[1].warnings;
    assert_eq!(w2.len(), 1, "{w2:?}");
    assert!(w2[0].starts_with("page 2: content unreadable"), "{w2:?}");
    let w3 = &doc.pages[2].warnings;
    assert_eq!(
        w3,
        &["page 3: content unreadable: unsupported stream filter /Crypt".to_string()]
    );
    assert!(lines_of(&doc, 2).is_empty() && lines_of(&doc, 3).is_empty());
}

/// A page over a bound is a page warning too, in `extract` as in `tables`.
#[test]
fn a_page_over_a_limit_is_a_page_warning() {
    let many = b"BT /F1 1 Tf 72 700 Td (xxxxxxxxxx) Tj ET\n".repeat(30_000);
    let bytes = pdf(&[text("first"), ("", many)]);
    let doc = Extractor::new(Options {
        ocr: None,
        ..Options::default()
    })
    .extract_bytes("big.pdf", &bytes)
    .expect("extracted");
    assert_eq!(lines_of(&doc, 1), ["first"]);
    assert_eq!(
        doc.pages[1].warnings,
        ["page 2: over the limit of 250000 glyphs (a hostile or broken file)".to_string()]
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.pdf");
    std::fs::write(&path, &bytes).expect("write");
    let ex = Extractor::new(Options {
        ocr: None,
        ..Options::default()
    });
    let mut open = ex.open(&path).expect("open");
    let tables = open.tables(None);
    assert_eq!(tables.warnings.len(), 1);
    assert_eq!(tables.warnings[0].page, 2);
    assert_eq!(
        tables.warnings[0].message,
        "page 2: over the limit of 250000 glyphs (a hostile or broken file)"
    );
}

/// Only a document of which no page can be read fails, with the first page's reason.
#[test]
fn a_document_with_no_readable_page_fails() {
    let ex = Extractor::new(Options {
        ocr: None,
        ..Options::default()
    });
    let e = ex
        .extract_bytes("none.pdf", &pdf(&[broken(), crypt()]))
        .expect_err("no page readable");
    assert_eq!(e.kind(), "broken_content");
    assert!(
        e.to_string().starts_with("page 1: content unreadable"),
        "{e}"
    );
    let one = ex
        .extract_bytes("one.pdf", &pdf(&[broken(), text("ok")]))
        .expect("one page readable");
    assert_eq!(lines_of(&one, 2), ["ok"]);
}

/// The two hostile shapes of issue 17 in the middle of a document: a `/Contents` array
/// listing one 10 KB stream 100,000 times (took ~1 GB) and 2,001 + 2,001 rulings 10 pt
/// apart on a 20,000 pt page (kept table detection busy for minutes). Each is a page
/// warning naming its bound, the pages around them are read, and the whole document takes
/// seconds — in `extract` as in `tables` and `text`.
#[test]
fn the_two_hostile_shapes_are_page_warnings() {
    let bytes = pdf_of(vec![
        text("first").into(),
        repeated_contents(),
        dense_rulings(2_000),
        text("last").into(),
    ]);
    let options = Options {
        ocr: None,
        ..Options::default()
    };
    let contents_warning =
        "page 2: over the limit of 33554432 decoded content bytes (a hostile or broken file)";
    let rulings_warning = "limit: the page's rulings (2001 horizontal × 2001 vertical) could \
                           form more than 100000 grid cells; no ruled table was read on it";
    let started = Instant::now();
    let doc = Extractor::new(options.clone())
        .extract_bytes("hostile.pdf", &bytes)
        .expect("extracted");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(lines_of(&doc, 1), ["first"]);
    assert_eq!(lines_of(&doc, 4), ["last"]);
    assert_eq!(doc.pages[1].warnings, [contents_warning]);
    assert_eq!(doc.pages[2].warnings, [rulings_warning]);
    assert!(doc.pages[0].warnings.is_empty() && doc.pages[3].warnings.is_empty());
    assert_eq!(doc.pages[2].width, 20_200.0);

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("hostile.pdf");
    std::fs::write(&path, &bytes).expect("write");
    let ex = Extractor::new(options);
    let mut open = ex.open(&path).expect("open");
    let started = Instant::now();
    let tables = open.tables(None);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    let w: Vec<(usize, &str)> = tables
        .warnings
        .iter()
        .map(|w| (w.page, w.message.as_str()))
        .collect();
    assert_eq!(w, [(2, contents_warning), (3, rulings_warning)]);
    assert!(open.text(1).is_ok() && open.text(3).is_ok() && open.text(4).is_ok());
    let e = open.text(2).expect_err("page 2 refused");
    assert_eq!(e.to_string(), contents_warning);
}

/// A page within every default bound on which borderless-table detection is slow: 45
/// regions of 1,600 lines, each of three aligned texts (4,800 texts a region, under
/// `max_table_texts`; 216,000 glyphs, under `max_glyphs`), in 2 pt type on a page 182,350
/// pt tall. Reading it takes about a second, finding its tables about 37 s (2026-12-05).
fn aligned_regions() -> Pg {
    let (regions, lines, size) = (45, 1_600, 2.0);
    let step = size * 1.25;
    let height = regions as f64 * (lines as f64 + 20.0) * step + 100.0;
    let mut s = format!("BT /F1 {size} Tf\n");
    let mut y = height - 50.0;
    for _ in 0..regions {
        for _ in 0..lines {
            for x in [10, 100, 200] {
                s.push_str(&format!("1 0 0 1 {x} {y} Tm (7) Tj\n"));
            }
            y -= step;
        }
        y -= 20.0 * step;
    }
    s.push_str("ET\n");
    Pg {
        size: (300.0, height),
        streams: vec![("", s.into_bytes())],
        order: None,
    }
}

/// `--timeout` stops table detection inside a page: on the slow page above, the document
/// ends within a region's work of the limit (set to twice the page's reading time plus a
/// second, so that it passes during table detection). Table detection used to get no
/// deadline: the limit was read only after the page's 37 s.
#[test]
fn timeout_stops_table_detection_inside_a_page() {
    let bytes = pdf_of(vec![text("first").into(), aligned_regions()]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("regions.pdf");
    std::fs::write(&path, &bytes).expect("write");
    let plain = Extractor::new(Options {
        ocr: None,
        ..Options::default()
    });
    let started = Instant::now();
    let page = plain.open(&path).expect("open").page(2).expect("page 2");
    assert_eq!(page.glyphs.len(), 216_000);
    let limit = started.elapsed() * 2 + Duration::from_secs(1);
    let started = Instant::now();
    let r = Extractor::new(Options {
        ocr: None,
        timeout: Some(limit),
        ..Options::default()
    })
    .extract_bytes("regions.pdf", &bytes);
    let took = started.elapsed();
    match r {
        Err(e @ Error::Timeout(_)) => assert_eq!(e.kind(), "timeout"),
        Err(e) => panic!("another error: {e}"),
        Ok(_) => panic!("extracted in {took:?} despite the {limit:?} limit"),
    }
    assert!(
        took < limit + Duration::from_secs(3),
        "{took:?} for a limit of {limit:?}"
    );
}
