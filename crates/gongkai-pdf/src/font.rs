//! Fonts: how a shown byte string splits into codes, each code's advance width, and
//! its Unicode text.
//!
//! Unicode comes, in order of trust: `/ToUnicode`; for CID fonts a predefined Unicode
//! CMap (UniGB-UCS2-H …) or the CID collection's CID→Unicode table (Adobe-GB1 …); for
//! simple fonts the encoding (base encoding + `/Differences` → glyph names → AGL).
//! A glyph with none of these is reported as missing, never guessed.

use std::sync::Arc;

use gongkai_fontdata::{self as fontdata, BaseEncoding, CidOrdering, PredefinedCMap};
use gongkai_geom::UnicodeSource;
use lopdf::{Dictionary, Document, Object};

use crate::cmap::{utf16be_to_string, EmbeddedCMap};
use crate::objects::{deref, num};

/// One decoded code of a shown string.
#[derive(Debug, Clone)]
pub struct DecodedGlyph {
    /// Unicode text (U+FFFD when unknown).
    pub text: Arc<str>,
    /// Where the text came from.
    pub source: UnicodeSource,
    /// Horizontal advance in text-space units per unit font size (i.e. width / 1000).
    pub width: f64,
    /// True for the single-byte code 32, to which word spacing (`Tw`) applies.
    pub is_word_space: bool,
}

/// How a Type0 font splits bytes into codes and codes into CIDs.
enum CidEncoding {
    Identity,
    Predefined(&'static PredefinedCMap),
    Embedded(Box<EmbeddedCMap>, Option<&'static PredefinedCMap>),
}

enum Kind {
    Simple {
        widths: Box<[f64; 256]>,
        unicode: Vec<(Arc<str>, UnicodeSource)>,
    },
    Cid {
        encoding: CidEncoding,
        widths: Vec<(u32, u32, f64)>,
        default_width: f64,
        ordering: Option<CidOrdering>,
    },
}

/// A loaded font resource, ready to decode shown strings.
pub struct Font {
    /// Base font name with any subset prefix (`ABCDEF+`) removed.
    pub name: String,
    kind: Kind,
    to_unicode: Option<EmbeddedCMap>,
    /// Descent below the baseline, in units of font size (negative).
    pub descent: f64,
    /// True for vertical writing (Identity-V and friends).
    pub vertical: bool,
    missing: Arc<str>,
}

fn name_of(obj: &Object) -> Option<String> {
    obj.as_name()
        .ok()
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().map(|o| deref(doc, o))
}

fn stream_bytes(doc: &Document, obj: &Object) -> Option<Vec<u8>> {
    match deref(doc, obj) {
        Object::Stream(s) => s
            .decompressed_content_with_limit(16 << 20)
            .ok()
            .or_else(|| Some(s.content.clone())),
        _ => None,
    }
}

/// Strips a subset tag such as `ABCDEF+`; decodes GBK-encoded names leniently.
fn clean_font_name(raw: &[u8]) -> String {
    let name = match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GBK.decode(raw).0.into_owned(),
    };
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => {
            rest.to_string()
        }
        _ => name,
    }
}

impl Font {
    /// Loads a font dictionary. Never fails: a broken font degrades to default widths
    /// and missing Unicode, so that one bad font does not lose a page.
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let raw_name = dict
            .get(b"BaseFont")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"");
        let name = clean_font_name(raw_name);
        let subtype = get(doc, dict, b"Subtype")
            .and_then(name_of)
            .unwrap_or_default();
        let to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| stream_bytes(doc, o))
            .map(|b| EmbeddedCMap::parse(&b));
        let to_unicode = to_unicode.filter(|m| m.has_unicode());
        if subtype == "Type0" {
            Self::load_type0(doc, dict, name, to_unicode)
        } else {
            Self::load_simple(doc, dict, name, &subtype, to_unicode)
        }
    }

    fn descriptor_descent(doc: &Document, fd: Option<&Dictionary>, scale: f64) -> f64 {
        let d = fd
            .and_then(|fd| get(doc, fd, b"Descent"))
            .and_then(num)
            .map(|d| d * scale);
        match d {
            Some(d) if (-0.6..=0.0).contains(&d) && d != 0.0 => d,
            _ => -0.2,
        }
    }

    fn load_type0(
        doc: &Document,
        dict: &Dictionary,
        name: String,
        to_unicode: Option<EmbeddedCMap>,
    ) -> Font {
        let mut vertical = false;
        let encoding = match get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => {
                let n = String::from_utf8_lossy(n).into_owned();
                if n == "Identity-H" || n == "Identity-V" {
                    vertical = n.ends_with("-V");
                    CidEncoding::Identity
                } else if let Some(p) = fontdata::predefined_cmap(&n) {
                    vertical = p.vertical();
                    CidEncoding::Predefined(p)
                } else {
                    CidEncoding::Identity
                }
            }
            Some(Object::Stream(s)) => {
                let bytes = s
                    .decompressed_content_with_limit(16 << 20)
                    .unwrap_or_else(|_| s.content.clone());
                let mut m = EmbeddedCMap::parse(&bytes);
                if let Ok(Object::Integer(w)) = s.dict.get(b"WMode") {
                    m.vertical = *w == 1;
                }
                vertical = m.vertical;
                let parent = s
                    .dict
                    .get(b"UseCMap")
                    .ok()
                    .and_then(name_of)
                    .or_else(|| m.usecmap.clone())
                    .and_then(|n| fontdata::predefined_cmap(&n));
                if !m.has_codespace() && parent.is_none() {
                    CidEncoding::Identity
                } else {
                    CidEncoding::Embedded(Box::new(m), parent)
                }
            }
            _ => CidEncoding::Identity,
        };
        let descendant = get(doc, dict, b"DescendantFonts")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        let mut widths = Vec::new();
        let mut default_width = 1.0;
        let mut ordering = None;
        let mut descent = -0.2;
        if let Some(cid) = descendant {
            if let Some(dw) = get(doc, cid, b"DW").and_then(num) {
                default_width = dw / 1000.0;
            }
            if let Some(Object::Array(w)) = get(doc, cid, b"W") {
                widths = parse_cid_widths(doc, w);
            }
            if let Some(info) = get(doc, cid, b"CIDSystemInfo").and_then(|o| o.as_dict().ok()) {
                let reg = get(doc, info, b"Registry")
                    .and_then(|o| o.as_str().ok())
                    .map(|s| String::from_utf8_lossy(s).into_owned());
                let ord = get(doc, info, b"Ordering")
                    .and_then(|o| o.as_str().ok())
                    .map(|s| String::from_utf8_lossy(s).into_owned());
                if let (Some(r), Some(o)) = (reg, ord) {
                    ordering = CidOrdering::from_registry_ordering(&r, &o);
                }
            }
            let fd = get(doc, cid, b"FontDescriptor").and_then(|o| o.as_dict().ok());
            descent = Self::descriptor_descent(doc, fd, 0.001);
        }
        if ordering.is_none() {
            ordering = match &encoding {
                CidEncoding::Predefined(p) => Some(p.ordering()),
                CidEncoding::Embedded(_, Some(p)) => Some(p.ordering()),
                _ => None,
            };
        }
        widths.sort_by_key(|w| w.0);
        Font {
            name,
            kind: Kind::Cid {
                encoding,
                widths,
                default_width,
                ordering,
            },
            to_unicode,
            descent,
            vertical,
            missing: Arc::from("\u{FFFD}"),
        }
    }

    fn load_simple(
        doc: &Document,
        dict: &Dictionary,
        name: String,
        subtype: &str,
        to_unicode: Option<EmbeddedCMap>,
    ) -> Font {
        let is_type3 = subtype == "Type3";
        // Type3 glyph space is given by /FontMatrix; widths are in glyph space.
        let width_scale = if is_type3 {
            get(doc, dict, b"FontMatrix")
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first().and_then(num))
                .filter(|v| v.is_finite() && *v != 0.0)
                .unwrap_or(0.001)
        } else {
            0.001
        };
        let fd = get(doc, dict, b"FontDescriptor").and_then(|o| o.as_dict().ok());
        let flags = fd
            .and_then(|fd| get(doc, fd, b"Flags"))
            .and_then(num)
            .unwrap_or(0.0) as i64;
        let symbolic = flags & 4 != 0 && flags & 32 == 0;
        let std14 = fontdata::standard14(&name);

        // Encoding: base table, then /Differences.
        let mut names: [Option<String>; 256] = std::array::from_fn(|_| None);
        let base_default = if let Some(s) = std14 {
            s.builtin_encoding()
        } else if symbolic || is_type3 {
            None
        } else {
            Some(BaseEncoding::Standard)
        };
        let mut pdf_base = None;
        let mut differences: Option<&Vec<Object>> = None;
        match get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => pdf_base = parse_base_encoding(n),
            Some(Object::Dictionary(enc)) => {
                if let Some(Object::Name(n)) = get(doc, enc, b"BaseEncoding") {
                    pdf_base = parse_base_encoding(n);
                }
                if let Some(Object::Array(d)) = get(doc, enc, b"Differences") {
                    differences = Some(d);
                }
            }
            _ => {}
        }
        // An embedded Type 1 or CFF program carries its own ("builtin") encoding; it is
        // the base when the PDF names none (TeX's CM fonts, symbolic CFF subsets).
        let builtin = if pdf_base.is_none() {
            fd.and_then(|fd| embedded_builtin_encoding(doc, fd))
        } else {
            None
        };
        let mut base = pdf_base.or(if builtin.is_some() {
            None
        } else {
            base_default
        });
        // TrueType fonts with no usable encoding behave like WinAnsi in practice.
        if base.is_none() && subtype == "TrueType" && !symbolic {
            base = Some(BaseEncoding::WinAnsi);
        }
        if let Some(b) = base {
            let table = fontdata::base_encoding(b);
            for (i, n) in table.iter().enumerate() {
                names[i] = n.map(|s| s.to_string());
            }
        } else if let Some(builtin) = builtin {
            names = builtin;
        }
        if let Some(diffs) = differences {
            let mut code: i64 = 0;
            for d in diffs {
                match deref(doc, d) {
                    Object::Integer(c) => code = *c,
                    Object::Name(n) => {
                        if (0..256).contains(&code) {
                            names[code as usize] = Some(String::from_utf8_lossy(n).into_owned());
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }

        // Widths.
        let mut widths = Box::new([f64::NAN; 256]);
        let first = get(doc, dict, b"FirstChar").and_then(num).unwrap_or(0.0) as i64;
        let missing_width = fd
            .and_then(|fd| get(doc, fd, b"MissingWidth"))
            .and_then(num)
            .map(|w| w * width_scale);
        if let Some(Object::Array(ws)) = get(doc, dict, b"Widths") {
            for (i, w) in ws.iter().enumerate() {
                let code = first + i as i64;
                if (0..256).contains(&code) {
                    if let Some(v) = num(deref(doc, w)) {
                        widths[code as usize] = v * width_scale;
                    }
                }
            }
        }
        for code in 0..256 {
            if widths[code].is_nan() {
                let from_std = std14
                    .and_then(|s| names[code].as_deref().and_then(|n| s.width_of(n)))
                    .map(|w| w as f64 / 1000.0);
                widths[code] =
                    from_std
                        .or(missing_width)
                        .unwrap_or(if std14.is_some() { 0.0 } else { 0.5 });
            }
        }

        // Unicode per code.
        let missing: Arc<str> = Arc::from("\u{FFFD}");
        let unicode = (0..256u32)
            .map(|code| {
                if let Some(u) = to_unicode.as_ref().and_then(|m| m.unicode(code, 1)) {
                    return (
                        Arc::from(expand_ligature(&u).unwrap_or(&u)),
                        UnicodeSource::ToUnicode,
                    );
                }
                if let Some(u) = names[code as usize]
                    .as_deref()
                    .and_then(fontdata::glyph_name_to_unicode)
                {
                    return (
                        Arc::from(expand_ligature(&u).unwrap_or(&u)),
                        UnicodeSource::Encoding,
                    );
                }
                (missing.clone(), UnicodeSource::Missing)
            })
            .collect();
        let descent = if let Some(s) = std14.filter(|_| fd.is_none()) {
            s.descent() as f64 / 1000.0
        } else {
            Self::descriptor_descent(doc, fd, width_scale)
        };
        Font {
            name,
            kind: Kind::Simple { widths, unicode },
            to_unicode: None,
            descent,
            vertical: false,
            missing,
        }
    }

    /// Decodes a shown string into glyphs, at most `max` of them; returns how many bytes
    /// were used (all of them unless `max` glyphs came first).
    pub fn decode(&self, bytes: &[u8], out: &mut Vec<DecodedGlyph>, max: usize) -> usize {
        let start = out.len();
        match &self.kind {
            Kind::Simple { widths, unicode } => {
                let bytes = &bytes[..bytes.len().min(max)];
                for &b in bytes {
                    let (text, source) = &unicode[b as usize];
                    out.push(DecodedGlyph {
                        text: text.clone(),
                        source: *source,
                        width: widths[b as usize],
                        is_word_space: b == 32,
                    });
                }
                bytes.len()
            }
            Kind::Cid {
                encoding,
                widths,
                default_width,
                ordering,
            } => {
                let mut rest = bytes;
                while !rest.is_empty() && out.len() - start < max {
                    let (code, len, cid) = match encoding {
                        CidEncoding::Identity => {
                            if rest.len() >= 2 {
                                let c = ((rest[0] as u32) << 8) | rest[1] as u32;
                                (c, 2, Some(c))
                            } else {
                                (rest[0] as u32, 1, Some(rest[0] as u32))
                            }
                        }
                        CidEncoding::Predefined(p) => {
                            let (c, n) = p.next_code(rest);
                            (c, n, p.cid(c, n))
                        }
                        CidEncoding::Embedded(m, parent) => {
                            let (c, n) = if m.has_codespace() {
                                m.next_code(rest)
                            } else if let Some(p) = parent {
                                p.next_code(rest)
                            } else {
                                (rest[0] as u32, 1)
                            };
                            (
                                c,
                                n,
                                m.cid(c, n).or_else(|| parent.and_then(|p| p.cid(c, n))),
                            )
                        }
                    };
                    let len = len.clamp(1, rest.len());
                    rest = &rest[len..];
                    let cid_val = cid.unwrap_or(0);
                    let width = lookup_cid_width(widths, cid_val).unwrap_or(*default_width);
                    let (text, source) = self.cid_unicode(encoding, *ordering, code, len, cid);
                    out.push(DecodedGlyph {
                        text,
                        source,
                        width,
                        is_word_space: len == 1 && code == 32,
                    });
                }
                bytes.len() - rest.len()
            }
        }
    }

    fn cid_unicode(
        &self,
        encoding: &CidEncoding,
        ordering: Option<CidOrdering>,
        code: u32,
        len: usize,
        cid: Option<u32>,
    ) -> (Arc<str>, UnicodeSource) {
        if let Some(u) = self.to_unicode.as_ref().and_then(|m| m.unicode(code, len)) {
            if !u.is_empty() && u != "\0" {
                return (
                    Arc::from(expand_ligature(&u).unwrap_or(&u)),
                    UnicodeSource::ToUnicode,
                );
            }
        }
        let predefined = match encoding {
            CidEncoding::Predefined(p) => Some(*p),
            CidEncoding::Embedded(_, p) => *p,
            CidEncoding::Identity => None,
        };
        if let Some(p) = predefined {
            if p.unicode_codes().is_some() {
                let bytes: Vec<u8> = (0..len).rev().map(|i| (code >> (8 * i)) as u8).collect();
                let s = if len == 4 && p.unicode_codes() == Some(fontdata::UnicodeForm::Utf32) {
                    char::from_u32(code)
                        .map(|c| c.to_string())
                        .unwrap_or_default()
                } else {
                    utf16be_to_string(&bytes)
                };
                if !s.is_empty() && !s.contains('\u{FFFD}') {
                    return (Arc::from(s.as_str()), UnicodeSource::PredefinedCmap);
                }
            }
        }
        if let (Some(ord), Some(cid)) = (ordering, cid) {
            if let Some(u) = fontdata::cid_to_unicode(ord, cid) {
                return (Arc::from(u), UnicodeSource::CidCollection);
            }
        }
        (self.missing.clone(), UnicodeSource::Missing)
    }
}

/// The built-in encoding of the font program embedded in a font descriptor: a Type 1
/// program's `/Encoding` (`/FontFile`), or a bare CFF program's Encoding and charset
/// (`/FontFile3` `/Type1C`), whose empty codes are filled from StandardEncoding as
/// poppler does. `None` when there is no program or it cannot be read.
fn embedded_builtin_encoding(doc: &Document, fd: &Dictionary) -> Option<[Option<String>; 256]> {
    if let Some(program) = fd.get(b"FontFile").ok().and_then(|o| stream_bytes(doc, o)) {
        return Some(type1_builtin_encoding(&program));
    }
    let ff3 = fd.get(b"FontFile3").ok()?;
    let stream = deref(doc, ff3).as_stream().ok()?;
    if stream
        .dict
        .get(b"Subtype")
        .ok()
        .and_then(|o| o.as_name().ok())
        != Some(b"Type1C")
    {
        return None;
    }
    let program = stream_bytes(doc, ff3)?;
    let standard = fontdata::base_encoding(BaseEncoding::Standard);
    let mut names = match crate::cff::builtin_encoding(&program) {
        Ok(Some(names)) => names,
        Ok(None) => std::array::from_fn(|_| None),
        Err(_) => return None,
    };
    for (slot, std_name) in names.iter_mut().zip(standard.iter()) {
        if slot.is_none() {
            *slot = std_name.map(str::to_string);
        }
    }
    Some(names)
}

/// Reads `dup <code> /<name> put` entries from the clear-text part of a Type 1 font
/// program (its built-in encoding). `StandardEncoding` programs yield that table.
fn type1_builtin_encoding(program: &[u8]) -> [Option<String>; 256] {
    let mut names: [Option<String>; 256] = std::array::from_fn(|_| None);
    let clear_end = program
        .windows(7)
        .position(|w| w == b"eexec\r" || w == b"eexec\n" || w == b"eexec ")
        .unwrap_or(program.len().min(65536));
    let clear = &program[..clear_end];
    if clear
        .windows(27)
        .any(|w| w == b"/Encoding StandardEncoding ")
    {
        for (i, n) in fontdata::base_encoding(BaseEncoding::Standard)
            .iter()
            .enumerate()
        {
            names[i] = n.map(|s| s.to_string());
        }
        return names;
    }
    let text = String::from_utf8_lossy(clear);
    let mut words = text.split_ascii_whitespace().peekable();
    while let Some(w) = words.next() {
        if w != "dup" {
            continue;
        }
        let (Some(code), Some(name)) = (words.next(), words.next()) else {
            break;
        };
        if let (Ok(code), Some(name)) = (code.parse::<usize>(), name.strip_prefix('/')) {
            if code < 256 && words.peek() == Some(&"put") {
                names[code] = Some(name.to_string());
            }
        }
    }
    names
}

/// Expands Latin ligature code points (ﬁ → fi) so text reads as typed.
pub(crate) fn expand_ligature(s: &str) -> Option<&'static str> {
    Some(match s {
        "\u{FB00}" => "ff",
        "\u{FB01}" => "fi",
        "\u{FB02}" => "fl",
        "\u{FB03}" => "ffi",
        "\u{FB04}" => "ffl",
        "\u{FB05}" | "\u{FB06}" => "st",
        _ => return None,
    })
}

fn parse_base_encoding(n: &[u8]) -> Option<BaseEncoding> {
    match n {
        b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
        b"MacRomanEncoding" => Some(BaseEncoding::MacRoman),
        b"MacExpertEncoding" => Some(BaseEncoding::MacExpert),
        b"StandardEncoding" => Some(BaseEncoding::Standard),
        b"PDFDocEncoding" => Some(BaseEncoding::PdfDoc),
        _ => None,
    }
}

/// Parses a CIDFont `/W` array into sorted `(first, last, width)` runs (width / 1000).
fn parse_cid_widths(doc: &Document, w: &[Object]) -> Vec<(u32, u32, f64)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let Some(first) = num(deref(doc, &w[i])) else {
            break;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate() {
                    if let Some(v) = num(deref(doc, v)) {
                        let c = first.saturating_add(k as u32);
                        out.push((c, c, v / 1000.0));
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = num(o).unwrap_or(first as f64).max(0.0) as u32;
                let width = w
                    .get(i + 2)
                    .map(|o| deref(doc, o))
                    .and_then(num)
                    .unwrap_or(1000.0);
                if last >= first {
                    out.push((first, last, width / 1000.0));
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

fn lookup_cid_width(widths: &[(u32, u32, f64)], cid: u32) -> Option<f64> {
    let idx = widths.partition_point(|w| w.0 <= cid);
    // Runs may overlap or be out of order in bad files: scan back a little.
    widths[..idx]
        .iter()
        .rev()
        .take(8)
        .find(|w| cid >= w.0 && cid <= w.1)
        .map(|w| w.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type1_builtin_encoding_is_read() {
        let prog = b"%!PS-AdobeFont-1.0: CMR10\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\ndup 65 /A put\ndup 11 /ff put\nreadonly def\ncurrentfile eexec\n\x80\x81";
        let names = type1_builtin_encoding(prog);
        assert_eq!(names[65].as_deref(), Some("A"));
        assert_eq!(names[11].as_deref(), Some("ff"));
        assert_eq!(names[66], None);
        assert_eq!(expand_ligature("\u{FB01}"), Some("fi"));
    }

    #[test]
    fn symbolic_type1c_font_uses_the_cff_builtin_encoding() {
        use lopdf::{dictionary, Stream};
        let mut doc = Document::with_version("1.5");
        // Codes 65, 33, 66 → A, Gx, B in the program; other codes fall back to Standard.
        let program = crate::cff::tests::sample(&[0, 3, 65, 33, 66]);
        let ff = doc.add_object(Stream::new(dictionary! { "Subtype" => "Type1C" }, program));
        let fd = doc.add_object(
            dictionary! { "Type" => "FontDescriptor", "Flags" => 4, "FontFile3" => ff },
        );
        let font = dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "ABCDEF+Sym", "FontDescriptor" => fd };
        let f = Font::load(&doc, &font);
        let mut out = Vec::new();
        f.decode(b"A!BC", &mut out, usize::MAX);
        let texts: Vec<&str> = out.iter().map(|g| &*g.text).collect();
        assert_eq!(texts, ["A", "\u{FFFD}", "B", "C"]);
        assert_eq!(out[1].source, UnicodeSource::Missing);
        // A program that is not CFF leaves the old behaviour (symbolic: no base encoding).
        let bad = doc.add_object(Stream::new(
            dictionary! { "Subtype" => "Type1C" },
            b"garbage".to_vec(),
        ));
        let fd2 = doc.add_object(
            dictionary! { "Type" => "FontDescriptor", "Flags" => 4, "FontFile3" => bad },
        );
        let font2 = dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Sym2", "FontDescriptor" => fd2 };
        let mut out2 = Vec::new();
        Font::load(&doc, &font2).decode(b"A", &mut out2, usize::MAX);
        assert_eq!(out2[0].source, UnicodeSource::Missing);
    }

    #[test]
    fn subset_prefix_is_removed() {
        assert_eq!(clean_font_name(b"MJANHH+FZHTK--GBK1-0"), "FZHTK--GBK1-0");
        assert_eq!(clean_font_name(b"SimSun"), "SimSun");
        assert_eq!(clean_font_name(b"Abcdef+X"), "Abcdef+X");
    }

    #[test]
    fn cid_widths_parse_both_forms() {
        let doc = Document::with_version("1.5");
        let w = vec![
            Object::Integer(1),
            Object::Array(vec![Object::Integer(500), Object::Integer(600)]),
            Object::Integer(10),
            Object::Integer(20),
            Object::Integer(1000),
        ];
        let runs = parse_cid_widths(&doc, &w);
        assert_eq!(lookup_cid_width(&runs, 2), Some(0.6));
        assert_eq!(lookup_cid_width(&runs, 15), Some(1.0));
        assert_eq!(lookup_cid_width(&runs, 30), None);
    }
}
