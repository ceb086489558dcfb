//! Tests against real values read from poppler-data, the AGL and Adobe's AFMs.

use super::*;

fn text_of(m: &PredefinedCMap, bytes: &[u8]) -> String {
    let mut rest = bytes;
    let mut out = String::new();
    while !rest.is_empty() {
        let (code, n) = m.next_code(rest);
        assert!(n >= 1);
        let u = m
            .cid(code, n)
            .and_then(|cid| cid_to_unicode(m.ordering(), cid))
            .unwrap_or("\u{FFFD}");
        out.push_str(u);
        rest = &rest[n..];
    }
    out
}

#[test]
fn unigb_ucs2_maps_zhong_to_its_cid() {
    let m = predefined_cmap("UniGB-UCS2-H").expect("UniGB-UCS2-H");
    assert_eq!(m.name(), "UniGB-UCS2-H");
    assert_eq!(m.ordering(), CidOrdering::Gb1);
    assert!(!m.vertical());
    assert_eq!(m.unicode_codes(), Some(UnicodeForm::Ucs2));
    let (code, len) = m.next_code(&[0x4E, 0x2D]);
    assert_eq!((code, len), (0x4E2D, 2));
    // UniGB-UCS2-H: "<4e2d> <4e2d> 4559"; cidToUnicode/Adobe-GB1 line 4560 is 4e2d.
    assert_eq!(m.cid(code, len), Some(4559));
    assert_eq!(cid_to_unicode(CidOrdering::Gb1, 4559), Some("中"));
    assert_eq!(m.cid(0x4E2D, 1), None, "wrong code length");
}

#[test]
fn gbk_euc_decodes_yusuan() {
    let m = predefined_cmap("GBK-EUC-H").expect("GBK-EUC-H");
    assert_eq!(m.unicode_codes(), None);
    let bytes = [0xD4, 0xA4, 0xCB, 0xE3];
    assert_eq!(m.next_code(&bytes), (0xD4A4, 2));
    assert_eq!(m.next_code(&bytes[2..]), (0xCBE3, 2));
    assert_eq!(m.cid(0xD4A4, 2), Some(4327));
    assert_eq!(m.cid(0xCBE3, 2), Some(3544));
    assert_eq!(text_of(m, &bytes), "预算");
}

#[test]
fn gb_euc_one_byte_ascii_range() {
    let m = predefined_cmap("GB-EUC-H").expect("GB-EUC-H");
    // GB-EUC-H: "<21> <7e> 814" (full-width forms in Adobe-GB1), "<20> <20> 7716" (U+3000).
    assert_eq!(m.next_code(b"A"), (0x41, 1));
    assert_eq!(m.cid(0x21, 1), Some(814));
    assert_eq!(m.cid(0x41, 1), Some(814 + 0x41 - 0x21));
    assert_eq!(m.cid(0x7E, 1), Some(814 + 0x7E - 0x21));
    assert_eq!(m.cid(0x20, 1), Some(7716));
    assert_eq!(cid_to_unicode(CidOrdering::Gb1, 814), Some("\u{FF01}"));
    assert_eq!(text_of(m, b"A1"), "Ａ１");
    // Control codes are not mapped, only notdef-mapped (<00> <1f> 7716).
    assert_eq!(m.cid(0x05, 1), None);
    assert_eq!(m.notdef_cid(0x05, 1), Some(7716));
}

#[test]
fn next_code_mixed_lengths() {
    let m = predefined_cmap("GBK-EUC-H").expect("GBK-EUC-H");
    // "A预B": 41 | D4A4 | 42
    let s = [0x41, 0xD4, 0xA4, 0x42];
    assert_eq!(m.next_code(&s), (0x41, 1));
    assert_eq!(m.next_code(&s[1..]), (0xD4A4, 2));
    assert_eq!(m.next_code(&s[3..]), (0x42, 1));
    // Partial match: lead byte 0x81 is in <8140>-<FEFE> but 0x20 is not → a 2-byte
    // (unmapped) code.
    assert_eq!(m.next_code(&[0x81, 0x20, 0x41]), (0x8120, 2));
    assert_eq!(m.cid(0x8120, 2), None);
    // A truncated lead byte at the end consumes what is left.
    assert_eq!(m.next_code(&[0xD4]), (0xD4, 1));
    // 0xFF matches nothing (not even partially): shortest codespace length, 1.
    assert_eq!(m.next_code(&[0xFF, 0x41]), (0xFF, 1));
    assert_eq!(m.next_code(&[]), (0, 0));

    let j = predefined_cmap("90ms-RKSJ-H").expect("90ms-RKSJ-H");
    assert_eq!(j.ordering(), CidOrdering::Japan1);
    let s = [0x41, 0x82, 0xA0, 0xB1];
    assert_eq!(j.next_code(&s), (0x41, 1));
    assert_eq!(j.next_code(&s[1..]), (0x82A0, 2));
    assert_eq!(
        j.next_code(&s[3..]),
        (0xB1, 1),
        "half-width katakana is 1 byte"
    );
    // 90ms-RKSJ-H: "<829f> <82f1> 842"; Adobe-Japan1 CID 843 is U+3042.
    assert_eq!(j.cid(0x82A0, 2), Some(843));
    assert_eq!(cid_to_unicode(CidOrdering::Japan1, 843), Some("あ"));

    // UTF-16: a surrogate pair is one 4-byte code.
    let u = predefined_cmap("UniGB-UTF16-H").expect("UniGB-UTF16-H");
    assert_eq!(u.unicode_codes(), Some(UnicodeForm::Utf16));
    let s = [0xD8, 0x40, 0xDC, 0x87, 0x4E, 0x2D];
    assert_eq!(u.next_code(&s), (0xD840_DC87, 4));
    assert_eq!(u.next_code(&s[4..]), (0x4E2D, 2));
    // U+20087 is Adobe-GB1 CID 22048 (cidToUnicode line 22049: 20087).
    assert_eq!(
        u.cid(0xD840_DC87, 4)
            .and_then(|c| cid_to_unicode(CidOrdering::Gb1, c)),
        Some("\u{20087}")
    );
}

#[test]
fn vertical_cmap_overrides_keep_the_rest_of_the_parent_range() {
    let h = predefined_cmap("UniGB-UCS2-H").expect("H");
    let v = predefined_cmap("UniGB-UCS2-V").expect("V");
    assert!(v.vertical());
    // UniGB-UCS2-H: <ff05> <ff5d> 266; -V (usecmap H) overrides <ff08> <ff09> 580.
    assert_eq!(h.cid(0xFF08, 2), Some(266 + 3));
    assert_eq!(v.cid(0xFF08, 2), Some(580));
    assert_eq!(v.cid(0xFF09, 2), Some(581));
    // Codes between the overrides still come from the parent's range.
    assert_eq!(v.cid(0xFF0A, 2), Some(266 + 5));
    assert_eq!(v.cid(0xFF0A, 2), h.cid(0xFF0A, 2));
    assert_eq!(v.cid(0x4E2D, 2), Some(4559));
}

#[test]
fn cmaps_of_every_collection() {
    let names = predefined_cmap_names();
    for (name, ord) in [
        ("UniGB-UCS2-H", CidOrdering::Gb1),
        ("UniGB-UCS2-V", CidOrdering::Gb1),
        ("UniGB-UTF16-V", CidOrdering::Gb1),
        ("UniGB-UTF32-H", CidOrdering::Gb1),
        ("GBK-EUC-V", CidOrdering::Gb1),
        ("GB-EUC-V", CidOrdering::Gb1),
        ("GBKp-EUC-H", CidOrdering::Gb1),
        ("GBK2K-H", CidOrdering::Gb1),
        ("GBK2K-V", CidOrdering::Gb1),
        ("GBpc-EUC-H", CidOrdering::Gb1),
        ("GBT-H", CidOrdering::Gb1),
        ("Adobe-GB1-5", CidOrdering::Gb1),
        ("UniCNS-UCS2-H", CidOrdering::Cns1),
        ("UniCNS-UTF16-H", CidOrdering::Cns1),
        ("ETen-B5-H", CidOrdering::Cns1),
        ("B5pc-H", CidOrdering::Cns1),
        ("HKscs-B5-H", CidOrdering::Cns1),
        ("UniJIS-UCS2-H", CidOrdering::Japan1),
        ("UniJIS-UTF16-H", CidOrdering::Japan1),
        ("90ms-RKSJ-H", CidOrdering::Japan1),
        ("EUC-H", CidOrdering::Japan1),
        ("H", CidOrdering::Japan1),
        ("UniKS-UCS2-H", CidOrdering::Korea1),
        ("UniKS-UTF16-H", CidOrdering::Korea1),
        ("KSCms-UHC-H", CidOrdering::Korea1),
    ] {
        assert!(names.contains(&name), "{name} missing");
        let m = predefined_cmap(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(m.ordering(), ord, "{name}");
        assert_eq!(m.vertical(), name.ends_with("-V"), "{name}");
    }
    assert!(predefined_cmap("Identity-H").is_none());
    assert!(
        predefined_cmap("Adobe-GB1-UCS2").is_none(),
        "ToUnicode-style CMap"
    );
    assert!(predefined_cmap("NoSuch-H").is_none());
    assert!(names.len() > 150, "{}", names.len());
    // Every CMap parses and has a codespace.
    for name in &names {
        let m = predefined_cmap(name).unwrap_or_else(|| panic!("{name} does not parse"));
        assert!(m.next_code(&[0x30, 0x30, 0x30, 0x30]).1 >= 1);
    }
}

#[test]
fn other_collections_decode() {
    // Big5 A4A4 = 中 (Adobe-CNS1 CID 661 → 4e2d).
    let b5 = predefined_cmap("ETen-B5-H").expect("ETen-B5-H");
    assert_eq!(text_of(b5, &[0xA4, 0xA4]), "中");
    // UHC B0A1 = 가 (Adobe-Korea1 CID 1086 → ac00).
    let ks = predefined_cmap("KSCms-UHC-H").expect("KSCms-UHC-H");
    assert_eq!(ks.next_code(&[0xB0, 0xA1]), (0xB0A1, 2));
    assert_eq!(text_of(ks, &[0xB0, 0xA1]), "가");
    let jis = predefined_cmap("UniJIS-UCS2-H").expect("UniJIS-UCS2-H");
    assert_eq!(text_of(jis, &[0x4E, 0x2D, 0x30, 0x42]), "中あ");
}

#[test]
fn cid_collection_known_values() {
    // poppler-data cidToUnicode/Adobe-GB1: line N+1 is CID N.
    assert_eq!(cid_to_unicode(CidOrdering::Gb1, 1), Some(" "));
    assert_eq!(cid_to_unicode(CidOrdering::Gb1, 2), Some("!"));
    assert_eq!(cid_to_unicode(CidOrdering::Gb1, 34), Some("A"));
    assert_eq!(cid_to_unicode(CidOrdering::Gb1, 4327), Some("预"));
    assert_eq!(cid_to_unicode(CidOrdering::Gb1, 3544), Some("算"));
    assert_eq!(cid_to_unicode(CidOrdering::Gb1, 7716), Some("\u{3000}"));
    assert_eq!(cid_to_unicode(CidOrdering::Gb1, 22048), Some("\u{20087}"));
    assert_eq!(cid_to_unicode(CidOrdering::Gb1, 0), None);
    assert_eq!(cid_to_unicode(CidOrdering::Gb1, 10_000_000), None);
    assert_eq!(cid_count(CidOrdering::Gb1), 30284);
    assert_eq!(
        cid_to_unicode(CidOrdering::Gb1, 30283).map(|s| s.chars().count()),
        Some(1)
    );
    assert_eq!(cid_to_unicode(CidOrdering::Gb1, 30284), None);
    assert_eq!(cid_to_unicode(CidOrdering::Cns1, 661), Some("中"));
    assert_eq!(cid_to_unicode(CidOrdering::Japan1, 1), Some("\u{A0}"));
    assert_eq!(cid_to_unicode(CidOrdering::Korea1, 1086), Some("가"));
    assert_eq!(cid_count(CidOrdering::Cns1), 19156);
    assert_eq!(cid_count(CidOrdering::Japan1), 23058);
    assert_eq!(cid_count(CidOrdering::Korea1), 18352);
    assert_eq!(
        CidOrdering::from_registry_ordering("Adobe", "GB1"),
        Some(CidOrdering::Gb1)
    );
    assert_eq!(
        CidOrdering::from_registry_ordering("Adobe", "Korea1"),
        Some(CidOrdering::Korea1)
    );
    assert_eq!(
        CidOrdering::from_registry_ordering("Adobe", "Identity"),
        None
    );
    assert_eq!(CidOrdering::from_registry_ordering("Foo", "GB1"), None);
}

#[test]
fn glyph_names() {
    assert_eq!(glyph_name_to_unicode("uni4E2D").as_deref(), Some("中"));
    assert_eq!(
        glyph_name_to_unicode("uni4E2D6587").as_deref(),
        Some("中文")
    );
    assert_eq!(glyph_name_to_unicode("Euro").as_deref(), Some("€"));
    assert_eq!(glyph_name_to_unicode("fi").as_deref(), Some("\u{FB01}"));
    assert_eq!(glyph_name_to_unicode("f_i").as_deref(), Some("fi"));
    assert_eq!(glyph_name_to_unicode("f_f_i").as_deref(), Some("ffi"));
    assert_eq!(glyph_name_to_unicode("a.sc").as_deref(), Some("a"));
    assert_eq!(glyph_name_to_unicode("f_i.alt").as_deref(), Some("fi"));
    assert_eq!(glyph_name_to_unicode("u1F600").as_deref(), Some("😀"));
    assert_eq!(glyph_name_to_unicode("u4E2D").as_deref(), Some("中"));
    assert_eq!(
        glyph_name_to_unicode("Omega").as_deref(),
        Some("\u{2126}"),
        "AGLFN wins over the legacy list"
    );
    assert_eq!(glyph_name_to_unicode("uni03A9").as_deref(), Some("\u{3A9}"));
    assert_eq!(
        glyph_name_to_unicode("dalethatafpatah").as_deref(),
        Some("\u{5D3}\u{5B2}"),
        "multi code point"
    );
    assert_eq!(glyph_name_to_unicode("uniD800"), None, "surrogate");
    assert_eq!(glyph_name_to_unicode("g123"), None);
    assert_eq!(glyph_name_to_unicode(".notdef"), None);
    assert_eq!(glyph_name_to_unicode("cid00042"), None);
}

#[test]
fn base_encodings() {
    let win = base_encoding(BaseEncoding::WinAnsi);
    assert_eq!(win[0x80], Some("Euro"));
    assert_eq!(win[0x41], Some("A"));
    assert_eq!(win[0xA0], Some("space"));
    assert_eq!(win[0xAD], Some("hyphen"));
    assert_eq!(win[0x81], Some("bullet"));
    assert_eq!(win[0x10], None);
    let std = base_encoding(BaseEncoding::Standard);
    assert_eq!(std[0x41], Some("A"));
    assert_eq!(std[0x27], Some("quoteright"));
    assert_eq!(std[0xAE], Some("fi"));
    assert_eq!(std[0x80], None);
    assert_eq!(base_encoding(BaseEncoding::MacRoman)[0xCA], Some("space"));
    assert_eq!(
        base_encoding(BaseEncoding::MacRoman)[0x8A],
        Some("adieresis")
    );
    assert_eq!(base_encoding(BaseEncoding::PdfDoc)[0xA0], Some("Euro"));
    assert_eq!(base_encoding(BaseEncoding::MacExpert)[0x61], Some("Asmall"));
    assert_eq!(base_encoding(BaseEncoding::MacExpert)[0x56], Some("ff"));
    assert_eq!(base_encoding(BaseEncoding::MacExpert)[0x57], Some("fi"));
    assert_eq!(base_encoding(BaseEncoding::Symbol)[0x61], Some("alpha"));
    assert_eq!(base_encoding(BaseEncoding::Symbol)[0x22], Some("universal"));
    assert_eq!(base_encoding(BaseEncoding::ZapfDingbats)[0x21], Some("a1"));
    for e in [
        BaseEncoding::Standard,
        BaseEncoding::WinAnsi,
        BaseEncoding::MacRoman,
        BaseEncoding::MacExpert,
        BaseEncoding::PdfDoc,
        BaseEncoding::Symbol,
        BaseEncoding::ZapfDingbats,
    ] {
        assert_eq!(base_encoding(e)[0x20], Some("space"), "{e:?}");
    }
    assert_eq!(
        BaseEncoding::from_pdf_name("WinAnsiEncoding"),
        Some(BaseEncoding::WinAnsi)
    );
}

#[test]
fn standard14_metrics() {
    let h = standard14("Helvetica").expect("Helvetica");
    assert_eq!(h.width_of("a"), Some(556.0));
    assert_eq!(h.width_of("space"), Some(278.0));
    assert_eq!(h.width_of("Euro"), Some(556.0));
    assert_eq!(h.width_of("fi"), Some(500.0));
    assert_eq!(h.width_of("uni0061"), Some(556.0), "via Unicode");
    assert_eq!(h.width_of("nosuchglyph"), None);
    assert_eq!(h.width_of_code(b'a'), Some(556.0));
    assert_eq!((h.ascent(), h.descent()), (718.0, -207.0));
    assert_eq!(h.bbox(), [-166.0, -225.0, 1000.0, 931.0]);
    assert_eq!(h.builtin_encoding(), Some(BaseEncoding::Standard));
    assert_eq!(
        standard14("Times-Roman").and_then(|f| f.width_of("a")),
        Some(444.0)
    );
    assert_eq!(
        standard14("Times-Roman").and_then(|f| f.width_of("Euro")),
        Some(500.0)
    );
    assert_eq!(
        standard14("Times-Bold").and_then(|f| f.width_of("a")),
        Some(500.0)
    );
    for face in [
        "Courier",
        "Courier-Bold",
        "Courier-Oblique",
        "Courier-BoldOblique",
    ] {
        let c = standard14(face).expect(face);
        assert!(c.is_fixed_pitch());
        for g in ["a", "W", "space", "zero", "Euro", "fi"] {
            assert_eq!(c.width_of(g), Some(600.0), "{face} {g}");
        }
    }
    let sym = standard14("Symbol").expect("Symbol");
    assert_eq!(sym.width_of("alpha"), Some(631.0));
    assert_eq!(sym.builtin_encoding(), Some(BaseEncoding::Symbol));
    assert_eq!(sym.width_of_code(0x61), Some(631.0));
    let z = standard14("ZapfDingbats").expect("ZapfDingbats");
    assert_eq!(z.width_of("a1"), Some(974.0));
    assert_eq!(z.width_of("space"), Some(278.0));
    assert_eq!(z.builtin_encoding(), Some(BaseEncoding::ZapfDingbats));
    let all = [
        "Helvetica",
        "Helvetica-Bold",
        "Helvetica-Oblique",
        "Helvetica-BoldOblique",
        "Times-Roman",
        "Times-Bold",
        "Times-Italic",
        "Times-BoldItalic",
        "Courier",
        "Courier-Bold",
        "Courier-Oblique",
        "Courier-BoldOblique",
        "Symbol",
        "ZapfDingbats",
    ];
    for f in all {
        assert_eq!(standard14(f).map(|m| m.name()), Some(f));
    }
}

#[test]
fn standard14_aliases() {
    let name = |s: &str| standard14(s).map(|f| f.name());
    assert_eq!(name("Arial"), Some("Helvetica"));
    assert_eq!(name("ArialMT"), Some("Helvetica"));
    assert_eq!(name("Arial,Bold"), Some("Helvetica-Bold"));
    assert_eq!(name("Arial-BoldMT"), Some("Helvetica-Bold"));
    assert_eq!(name("Arial-ItalicMT"), Some("Helvetica-Oblique"));
    assert_eq!(name("Arial,BoldItalic"), Some("Helvetica-BoldOblique"));
    assert_eq!(
        name("ABCDEF+Arial-BoldItalicMT"),
        Some("Helvetica-BoldOblique")
    );
    assert_eq!(name("TimesNewRoman"), Some("Times-Roman"));
    assert_eq!(name("TimesNewRomanPSMT"), Some("Times-Roman"));
    assert_eq!(name("TimesNewRomanPS-BoldMT"), Some("Times-Bold"));
    assert_eq!(name("TimesNewRoman,Italic"), Some("Times-Italic"));
    assert_eq!(
        name("TimesNewRomanPS-BoldItalicMT"),
        Some("Times-BoldItalic")
    );
    assert_eq!(name("CourierNew"), Some("Courier"));
    assert_eq!(name("CourierNewPSMT"), Some("Courier"));
    assert_eq!(
        name("CourierNewPS-BoldItalicMT"),
        Some("Courier-BoldOblique")
    );
    assert_eq!(name("Courier New,Bold"), Some("Courier-Bold"));
    assert_eq!(name("SymbolMT"), Some("Symbol"));
    assert_eq!(
        standard14("Arial,Bold").and_then(|f| f.width_of("a")),
        Some(556.0)
    );
    assert!(standard14("SimSun").is_none());
    assert!(standard14("Arial-Black").is_none());
    assert!(standard14("ArialNarrow").is_none());
}

#[test]
fn cff_standard_strings_by_sid() {
    assert_eq!(cff_standard_string(0), Some(".notdef"));
    assert_eq!(cff_standard_string(1), Some("space"));
    assert_eq!(cff_standard_string(34), Some("A"));
    assert_eq!(cff_standard_string(229), Some("exclamsmall"));
    assert_eq!(cff_standard_string(390), Some("Semibold"));
    assert_eq!(cff_standard_string(CFF_STANDARD_STRING_COUNT), None);
}
