//! Marked-content `/ActualText`, annotation appearance streams and blank (empty zlib)
//! content streams, on small PDFs built in memory.

use gongkai_pdf::{Document, OpenOptions, PageContent};
use lopdf::{dictionary, Object, Stream};

/// A one-page A4 document drawing `content` with Helvetica as /F1, optional extra page
/// entries (e.g. `/Annots`) built by `extra` and a raw content stream override.
fn build(
    content: &[u8],
    extra: impl FnOnce(&mut lopdf::Document, &mut lopdf::Dictionary),
) -> Vec<u8> {
    let mut doc = lopdf::Document::with_version("1.5");
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let props = doc.add_object(dictionary! { "ActualText" => Object::string_literal("named") });
    let resources = dictionary! {
        "Font" => dictionary! { "F1" => font },
        "Properties" => dictionary! { "P0" => props },
    };
    let contents = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
    let pages_id = doc.new_object_id();
    let mut page = dictionary! {
        "Type" => "Page", "Parent" => pages_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Contents" => contents, "Resources" => resources,
    };
    extra(&mut doc, &mut page);
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

fn first_page(bytes: &[u8]) -> PageContent {
    Document::from_bytes(bytes, &OpenOptions::default())
        .expect("open")
        .page(1)
        .expect("page 1")
}

fn text(p: &PageContent) -> String {
    p.glyphs.iter().map(|g| g.text.as_str()).collect()
}

#[test]
fn actual_text_replaces_glyphs_one_for_one() {
    // Small caps drawn with lower-case codes, corrected by ActualText (ICDAR eu-016).
    let p = first_page(&build(
        b"BT /F1 10 Tf 72 700 Td /Span <</ActualText <FEFF004F0055>>> BDC (ou) Tj EMC (t) Tj ET",
        |_, _| {},
    ));
    assert_eq!(text(&p), "OUt");
    assert_eq!(p.glyphs.len(), 3);
    assert!(
        p.glyphs[0].bbox.x1 <= p.glyphs[1].bbox.x0 + 0.01,
        "boxes stay per glyph"
    );
}

#[test]
fn actual_text_of_another_length_spans_the_glyphs() {
    let p = first_page(&build(b"BT /F1 10 Tf 72 700 Td /Span <</ActualText (ffi)>> BDC (x) Tj EMC /Span <</ActualText (ab)>> BDC (xyz) Tj EMC ET", |_, _| {}));
    let texts: Vec<&str> = p.glyphs.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(texts, ["ffi", "ab"]);
    assert!(
        p.glyphs[1].bbox.width() > 12.0,
        "one glyph spans x, y and z"
    );
}

#[test]
fn empty_actual_text_removes_and_replacement_chars_are_ignored() {
    let p = first_page(&build(
        b"BT /F1 10 Tf 72 700 Td (co) Tj /Span <</ActualText ()>> BDC (-) Tj EMC (op) Tj /Span <</ActualText <FEFF0008FFFDFFFD>>> BDC (..) Tj EMC ET",
        |_, _| {},
    ));
    assert_eq!(text(&p), "coop..");
}

#[test]
fn named_properties_nested_spans_and_unbalanced_emc() {
    // The outer ActualText wins over an inner one; a stray EMC is harmless.
    let p = first_page(&build(
        b"EMC BT /F1 10 Tf 72 700 Td /Span /P0 BDC (abcde) Tj EMC /Span <</ActualText (OUTER)>> BDC /Span <</ActualText (in)>> BDC (ab) Tj EMC (cde) Tj EMC /Span <</ActualText (open)>> BDC (o) Tj ET",
        |_, _| {},
    ));
    assert_eq!(text(&p), "namedOUTERopen");
}

#[test]
fn annotation_appearance_text_is_read_and_hidden_ones_are_not() {
    let bytes = build(b"BT /F1 10 Tf 72 800 Td (page) Tj ET", |doc, page| {
        let font =
            dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" };
        let ap = |doc: &mut lopdf::Document, s: &[u8]| {
            doc.add_object(Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Form",
                    "BBox" => vec![0.into(), 0.into(), 100.into(), 20.into()],
                    "Resources" => dictionary! { "Font" => dictionary! { "Fa" => font.clone() } },
                },
                s.to_vec(),
            ))
        };
        let shown = ap(doc, b"BT /Fa 10 Tf 2 5 Td (field) Tj ET");
        let hidden = ap(doc, b"BT /Fa 10 Tf 2 5 Td (secret) Tj ET");
        let on = ap(doc, b"BT /Fa 10 Tf 2 5 Td (Yes) Tj ET");
        let off = ap(doc, b"BT /Fa 10 Tf 2 5 Td (Off) Tj ET");
        let a1 = doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "Rect" => vec![100.into(), 700.into(), 300.into(), 740.into()],
            "AP" => dictionary! { "N" => shown },
        });
        let a2 = doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "FreeText", "F" => 2, "Rect" => vec![100.into(), 600.into(), 200.into(), 620.into()],
            "AP" => dictionary! { "N" => hidden },
        });
        let a3 = doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "AS" => "On", "Rect" => vec![100.into(), 500.into(), 200.into(), 520.into()],
            "AP" => dictionary! { "N" => dictionary! { "On" => on, "Off" => off } },
        });
        page.set("Annots", vec![a1.into(), a2.into(), a3.into()]);
    });
    let p = first_page(&bytes);
    assert_eq!(text(&p), "pagefieldYes");
    // The form's 100×20 box is stretched onto the 200×40 rectangle: scale 2.
    let f = &p.glyphs[4];
    assert!((f.bbox.x0 - 104.0).abs() < 0.01, "x0 {}", f.bbox.x0);
    assert!((f.size - 20.0).abs() < 0.01, "size {}", f.size);
}

#[test]
fn blank_page_with_empty_zlib_stream_is_not_an_error() {
    // zlib of nothing, as Acrobat writes blank pages (newtaipei-115 p.38).
    let mut doc = lopdf::Document::with_version("1.5");
    let contents = doc.add_object(
        Stream::new(
            dictionary! { "Filter" => "FlateDecode" },
            vec![0x48, 0x89, 0x02, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x01],
        )
        .with_compression(false),
    );
    let pages_id = doc.new_object_id();
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()], "Contents" => contents,
    });
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
    let p = first_page(&out);
    assert!(p.glyphs.is_empty() && p.warnings.is_empty());
}
