//! Hostile pages, built in memory, meet the bounds of `Limits` with a named error (or a
//! page warning) instead of unbounded time or memory; a deadline stops a page inside it;
//! a filter we cannot decode is named in our words.

use std::time::{Duration, Instant};

use gongkai_pdf::{Document, Limits, OpenOptions, PdfError};
use lopdf::{dictionary, Object, ObjectId, Stream};

/// A one-page A4 document. `contents` makes the page's `/Contents` (given the document,
/// to add streams to); `resources` are the page's resources (Helvetica as /F1 is added).
fn build(
    contents: impl FnOnce(&mut lopdf::Document) -> Object,
    resources: impl FnOnce(&mut lopdf::Document) -> lopdf::Dictionary,
) -> Vec<u8> {
    let mut doc = lopdf::Document::with_version("1.5");
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let mut res = resources(&mut doc);
    res.set("Font", dictionary! { "F1" => font });
    let contents = contents(&mut doc);
    let pages_id = doc.new_object_id();
    let page = dictionary! {
        "Type" => "Page", "Parent" => pages_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Contents" => contents, "Resources" => res,
    };
    let page_id = doc.add_object(page);
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

/// A page drawing one content stream.
fn page_of(content: Vec<u8>) -> Vec<u8> {
    build(
        |d| d.add_object(Stream::new(dictionary! {}, content)).into(),
        |_| dictionary! {},
    )
}

fn open(bytes: &[u8], limits: Limits) -> Document {
    Document::from_bytes(
        bytes,
        &OpenOptions {
            limits,
            ..OpenOptions::default()
        },
    )
    .expect("open")
}

fn limit_hit(r: Result<gongkai_pdf::PageContent, PdfError>) -> &'static str {
    match r {
        Err(PdfError::LimitExceeded {
            page: Some(1),
            what,
            ..
        }) => what,
        Err(e) => panic!("another error: {e}"),
        Ok(c) => panic!(
            "read without error: {} glyphs, {} segments",
            c.glyphs.len(),
            c.segments.len()
        ),
    }
}

/// `n` lines of text, 40 glyphs each, as one stream of about `n × 50` bytes.
fn text_stream(n: usize) -> Vec<u8> {
    let mut s = Vec::new();
    for i in 0..n {
        s.extend_from_slice(
            format!(
                "BT /F1 8 Tf 20 {} Td (0123456789012345678901234567890123456789) Tj ET\n",
                800 - (i % 90) * 8
            )
            .as_bytes(),
        );
    }
    s
}

/// The `/Contents` array lists one stream of about 10 KB 100,000 times: 1 GB of content
/// interpreted, were it joined. The page is refused before anything is joined, holding the
/// stream once (the process stays far below 100 MB of memory here).
#[test]
fn contents_array_repeating_one_stream_is_bounded() {
    let stream = text_stream(150);
    assert!(stream.len() > 10_000);
    let bytes = build(
        |d| {
            let id = d.add_object(Stream::new(dictionary! {}, stream));
            Object::Array(vec![id.into(); 100_000])
        },
        |_| dictionary! {},
    );
    let doc = open(&bytes, Limits::default());
    assert_eq!(limit_hit(doc.page(1)), "decoded content bytes");
}

/// The same array with the stream 1,000 times passes a raised bound, and the stream is
/// decoded (and held) once although it is interpreted 1,000 times.
#[test]
fn contents_array_decodes_each_stream_once() {
    let stream = text_stream(20);
    let len = stream.len() as u64;
    let bytes = build(
        |d| {
            let id = d.add_object(Stream::new(dictionary! {}, stream));
            Object::Array(vec![id.into(); 1_000])
        },
        |_| dictionary! {},
    );
    let limits = Limits {
        max_glyphs: 1_000_000,
        ..Limits::default()
    };
    let c = open(&bytes, limits).page(1).expect("page");
    assert_eq!(c.usage.distinct_content_bytes, len + 1);
    assert_eq!(c.usage.content_bytes, 1_000 * (len + 1));
    // BT Tf Td Tj ET per line; the glyphs drawn 1,000 times over are one (overprint).
    assert_eq!(c.usage.operators, 1_000 * 20 * 5);
    assert_eq!(c.glyphs.len(), 20 * 40);
}

/// Each bound on its own: operators, glyphs, rulings (segments, fills, path elements),
/// image placements.
#[test]
fn operators_glyphs_rulings_and_images_are_bounded() {
    let small = Limits {
        max_operators: 1_000,
        max_glyphs: 100,
        max_rulings: 100,
        max_images: 10,
        ..Limits::default()
    };
    let ops = page_of(b"q Q\n".repeat(1_001));
    assert_eq!(limit_hit(open(&ops, small).page(1)), "content operators");
    let ok = page_of(b"q Q\n".repeat(400));
    assert!(open(&ok, small).page(1).is_ok());

    let glyphs = page_of(text_stream(3));
    assert_eq!(limit_hit(open(&glyphs, small).page(1)), "glyphs");
    assert_eq!(
        open(&glyphs, Limits::default())
            .page(1)
            .expect("page")
            .glyphs
            .len(),
        120
    );

    let lines: Vec<u8> = (0..101)
        .flat_map(|i| format!("10 {} m 500 {} l S\n", 10 + i * 5, 10 + i * 5).into_bytes())
        .collect();
    assert_eq!(
        limit_hit(open(&page_of(lines), small).page(1)),
        "ruling segments and path elements"
    );
    // A path built and never painted counts too.
    let path: Vec<u8> = b"0 0 10 10 re\n".repeat(101);
    assert_eq!(
        limit_hit(open(&page_of(path), small).page(1)),
        "ruling segments and path elements"
    );

    let images = build(
        |d| {
            d.add_object(Stream::new(
                dictionary! {},
                b"q 10 0 0 10 0 0 cm /Im1 Do Q\n".repeat(11),
            ))
            .into()
        },
        |d| {
            let img = d.add_object(Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1,
                    "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
                },
                vec![0],
            ));
            dictionary! { "XObject" => dictionary! { "Im1" => img } }
        },
    );
    assert_eq!(limit_hit(open(&images, small).page(1)), "image placements");
}

/// A form XObject drawn over and over counts its bytes each time (decoded once).
#[test]
fn a_form_drawn_many_times_counts_each_drawing() {
    let form_content = text_stream(2);
    let form_len = form_content.len() as u64;
    let bytes = build(
        |d| {
            d.add_object(Stream::new(dictionary! {}, b"/Fm1 Do\n".repeat(200)))
                .into()
        },
        |d| {
            let font = d.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            });
            let form = d.add_object(Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Form",
                    "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                    "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
                },
                form_content,
            ));
            dictionary! { "XObject" => dictionary! { "Fm1" => form } }
        },
    );
    let limits = Limits {
        max_content_bytes: 10_000,
        ..Limits::default()
    };
    assert_eq!(
        limit_hit(open(&bytes, limits).page(1)),
        "decoded content bytes"
    );
    let c = open(&bytes, Limits::default()).page(1).expect("page");
    let page_len = b"/Fm1 Do\n".len() as u64 * 200 + 1;
    assert_eq!(c.usage.content_bytes, page_len + 200 * form_len);
    assert_eq!(c.glyphs.len(), 80);
}

/// Forms nested beyond the bound are skipped with a page warning naming it; the text
/// drawn above them stays.
#[test]
fn deep_form_nesting_is_a_page_warning() {
    let bytes = build(
        |d| {
            d.add_object(Stream::new(
                dictionary! {},
                b"BT /F1 8 Tf 20 20 Td (top) Tj ET /Fm0 Do\n".to_vec(),
            ))
            .into()
        },
        |d| {
            // Fm0 draws Fm1, …, Fm29 draws nothing: 30 levels.
            let ids: Vec<ObjectId> = (0..30).map(|_| d.new_object_id()).collect();
            for (i, id) in ids.iter().enumerate() {
                let res = match ids.get(i + 1) {
                    Some(next) => {
                        dictionary! { "XObject" => dictionary! { format!("Fm{}", i + 1) => *next } }
                    }
                    None => dictionary! {},
                };
                let content = if i + 1 < ids.len() {
                    format!("/Fm{} Do\n", i + 1).into_bytes()
                } else {
                    Vec::new()
                };
                d.objects.insert(
                    *id,
                    Object::Stream(Stream::new(
                        dictionary! {
                            "Type" => "XObject", "Subtype" => "Form",
                            "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()],
                            "Resources" => res,
                        },
                        content,
                    )),
                );
            }
            dictionary! { "XObject" => dictionary! { "Fm0" => ids[0] } }
        },
    );
    let c = open(&bytes, Limits::default()).page(1).expect("page");
    let text: String = c.glyphs.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(text, "top");
    assert_eq!(c.usage.form_depth, 16);
    assert_eq!(
        c.warnings,
        vec!["limit: form XObjects nested deeper than 16; inner ones skipped".to_string()]
    );
}

/// The object count is checked when the document is opened.
#[test]
fn too_many_objects_is_refused_at_open() {
    let bytes = page_of(b"q Q".to_vec());
    let limits = Limits {
        max_objects: 3,
        ..Limits::default()
    };
    let r = Document::from_bytes(
        &bytes,
        &OpenOptions {
            limits,
            ..OpenOptions::default()
        },
    );
    assert!(matches!(
        r,
        Err(PdfError::LimitExceeded {
            page: None,
            what: "objects",
            limit: 3
        })
    ));
    assert!(open(&bytes, Limits::default()).page(1).is_ok());
}

/// An image larger than the pixel bound is not handed out for decoding.
#[test]
fn image_pixels_are_bounded() {
    let bytes = build(
        |d| {
            d.add_object(Stream::new(
                dictionary! {},
                b"q 595 0 0 842 0 0 cm /Im1 Do Q\n".to_vec(),
            ))
            .into()
        },
        |d| {
            let img = d.add_object(Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Image", "Width" => 100, "Height" => 100,
                    "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
                },
                vec![255; 10_000],
            ));
            dictionary! { "XObject" => dictionary! { "Im1" => img } }
        },
    );
    let doc = open(&bytes, Limits::default());
    let c = doc.page(1).expect("page");
    assert!(doc.image_data(1, &c.images[0].source).is_some());
    let small = Limits {
        max_image_pixels: 9_999,
        ..Limits::default()
    };
    let doc = open(&bytes, small);
    assert!(doc.image_data(1, &c.images[0].source).is_none());
}

/// A deadline stops a page in the middle of its operators.
#[test]
fn deadline_stops_a_page_inside_it() {
    let bytes = page_of(b"q Q\n".repeat(500_000));
    let doc = open(&bytes, Limits::default());
    let past = Instant::now() - Duration::from_millis(1);
    assert!(matches!(
        doc.page_until(1, Some(past)),
        Err(PdfError::Timeout { page: 1 })
    ));
    let later = Instant::now() + Duration::from_secs(600);
    assert!(doc.page_until(1, Some(later)).is_ok());
}

/// A `/Crypt` content stream (a filter we do not decode) is named in our words, not in
/// lopdf's request to file an issue with it.
#[test]
fn crypt_filter_is_named() {
    let bytes = build(
        |d| {
            d.add_object(Stream::new(
                dictionary! { "Filter" => "Crypt" },
                b"garbage".to_vec(),
            ))
            .into()
        },
        |_| dictionary! {},
    );
    let e = open(&bytes, Limits::default())
        .page(1)
        .expect_err("unreadable");
    let msg = e.to_string();
    assert_eq!(e.kind(), "broken_content", "{msg}");
    assert!(msg.contains("unsupported stream filter /Crypt"), "{msg}");
    assert!(!msg.contains("issue"), "{msg}");
}

/// A FlateDecode content stream whose data is cut (a damaged copy, a bad byte): the text
/// before the cut is read, and the page says the rest is lost (it was read in silence,
/// lopdf keeping the error to its log); the same stream whole reads with no warning.
#[test]
fn a_damaged_compressed_stream_keeps_its_head_and_says_so() {
    use std::io::Write;
    let mut ops = String::new();
    for i in 0..400 {
        ops.push_str(&format!(
            "BT /F1 10 Tf 50 {} Td (line {i:03} of a long page) Tj ET\n",
            800 - 2 * i
        ));
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(ops.as_bytes()).expect("deflate");
    let whole = z.finish().expect("deflate");
    let page = |data: Vec<u8>| {
        build(
            |d| {
                d.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, data))
                    .into()
            },
            |_| dictionary! {},
        )
    };
    let text =
        |c: &gongkai_pdf::PageContent| c.glyphs.iter().map(|g| g.text.as_str()).collect::<String>();

    let doc = open(&page(whole.clone()), Limits::default());
    let c = doc.page(1).expect("page");
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert!(text(&c).contains("line 399"));

    let cut = whole[..whole.len() / 2].to_vec();
    let doc = open(&page(cut), Limits::default());
    let c = doc.page(1).expect("page");
    assert!(text(&c).contains("line 000"), "the head is read");
    assert!(!text(&c).contains("line 399"));
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    assert!(
        c.warnings[0].starts_with("a content stream is damaged: its data ends after"),
        "{}",
        c.warnings[0]
    );
}

/// A byte changed inside a compressed stream that still decodes (here a stored deflate
/// block): the text comes out changed, and only the zlib checksum knows. The page says
/// some of it may be garbled (it was read as if sound).
#[test]
fn a_compressed_stream_whose_checksum_fails_says_its_text_may_be_garbled() {
    use std::io::Write;
    let ops = b"BT /F1 10 Tf 50 700 Td (total 1,612.01) Tj ET\n";
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::none());
    z.write_all(ops).expect("deflate");
    let mut data = z.finish().expect("deflate");
    let at = data
        .windows(8)
        .position(|w| w == b"1,612.01")
        .expect("stored text");
    data[at] = b'7';
    let bytes = build(
        |d| {
            d.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, data))
                .into()
        },
        |_| dictionary! {},
    );
    let c = open(&bytes, Limits::default()).page(1).expect("page");
    let text: String = c.glyphs.iter().map(|g| g.text.as_str()).collect();
    assert!(text.contains("7,612.01"), "{text}");
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    assert!(
        c.warnings[0].contains("checksum does not match"),
        "{}",
        c.warnings[0]
    );
}

/// A page whose content object the cross-reference table lists but whose bytes do not
/// parse (a changed byte in its `obj` header) says so; a reference to an object the table
/// never listed is the writer's slip, read as null without a word (PDF 32000 §7.3.10).
#[test]
fn a_page_whose_content_object_is_damaged_says_so() {
    let whole = page_of(b"BT /F1 10 Tf 50 700 Td (x) Tj ET".to_vec());
    let c = open(&whole, Limits::default()).page(1).expect("page");
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert_eq!(c.glyphs.len(), 1);

    let at = whole
        .windows(7)
        .position(|w| w == b"2 0 obj")
        .expect("the content stream is object 2");
    let mut damaged = whole.clone();
    damaged[at + 6] = b'k';
    let c = open(&damaged, Limits::default()).page(1).expect("page");
    assert!(c.glyphs.is_empty());
    assert_eq!(
        c.warnings,
        ["the file is damaged: 1 object this page needs is missing from the file (2 0 R): its text and drawings may be incomplete"]
    );

    let dangling = build(|_| Object::Reference((999, 0)), |_| dictionary! {});
    let c = open(&dangling, Limits::default()).page(1).expect("page");
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
}
