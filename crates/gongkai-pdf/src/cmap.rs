//! Parser for CMaps embedded in PDFs: `/ToUnicode` maps (bfchar, bfrange with arrays)
//! and embedded encoding CMaps of Type0 fonts (codespace, cidrange, cidchar, usecmap).
//!
//! Predefined CMaps (UniGB-UCS2-H, GBK-EUC-H, …) come from `gongkai-fontdata`; this
//! module only handles what a file carries itself.

use std::collections::HashMap;

/// One codespace range: codes of `len` bytes whose bytes lie between `lo` and `hi`
/// byte by byte.
#[derive(Debug, Clone)]
struct Codespace {
    len: u8,
    lo: [u8; 4],
    hi: [u8; 4],
}

impl Codespace {
    fn matches(&self, bytes: &[u8]) -> bool {
        let n = self.len as usize;
        bytes.len() >= n && (0..n).all(|i| bytes[i] >= self.lo[i] && bytes[i] <= self.hi[i])
    }
}

/// A range of codes mapped to consecutive values (CIDs, or Unicode for bfrange).
#[derive(Debug, Clone)]
struct CodeRange {
    len: u8,
    lo: u32,
    hi: u32,
    start: u32,
}

/// A bfrange too large to expand: `dst` is the UTF-16 of `lo`, incremented per code.
#[derive(Debug, Clone)]
struct UnicodeRange {
    len: u8,
    lo: u32,
    hi: u32,
    dst: Vec<u16>,
}

/// A parsed embedded CMap. Either use is possible from one object: codespace + CID
/// mappings (encoding CMap) or code → Unicode (ToUnicode CMap).
#[derive(Debug, Clone, Default)]
pub struct EmbeddedCMap {
    codespaces: Vec<Codespace>,
    cid_ranges: Vec<CodeRange>,
    unicode: HashMap<(u8, u32), String>,
    unicode_ranges: Vec<UnicodeRange>,
    /// Name given by `/Name usecmap`, to be resolved by the caller.
    pub usecmap: Option<String>,
    /// `/WMode 1` (vertical writing).
    pub vertical: bool,
}

/// Ranges larger than this stay unexpanded.
const EXPAND_LIMIT: u32 = 512;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Int(i64),
    Name(String),
    Open,
    Close,
    Keyword(String),
}

fn tokenize(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => {
                i += 2;
            }
            b'>' if data.get(i + 1) == Some(&b'>') => {
                i += 2;
            }
            b'<' => {
                i += 1;
                let mut digits = Vec::new();
                while i < data.len() && data[i] != b'>' {
                    if data[i].is_ascii_hexdigit() {
                        digits.push(data[i]);
                    }
                    i += 1;
                }
                i += 1;
                if digits.len() % 2 == 1 {
                    digits.push(b'0');
                }
                let bytes = digits
                    .chunks(2)
                    .map(|p| (hex_val(p[0]) << 4) | hex_val(p[1]))
                    .collect();
                out.push(Token::Hex(bytes));
            }
            b'(' => {
                // Literal strings are rare in CMaps (registry names); skip with nesting.
                let mut depth = 0usize;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'[' => {
                out.push(Token::Open);
                i += 1;
            }
            b']' => {
                out.push(Token::Close);
                i += 1;
            }
            b'/' => {
                i += 1;
                let start = i;
                while i < data.len() && !is_delim(data[i]) {
                    i += 1;
                }
                out.push(Token::Name(
                    String::from_utf8_lossy(&data[start..i]).into_owned(),
                ));
            }
            _ if c.is_ascii_whitespace() || c == b'{' || c == b'}' || c == b')' || c == b'>' => {
                i += 1
            }
            _ => {
                let start = i;
                while i < data.len() && !is_delim(data[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                    continue;
                }
                let word = &data[start..i];
                match std::str::from_utf8(word)
                    .ok()
                    .and_then(|s| s.parse::<i64>().ok())
                {
                    Some(n) => out.push(Token::Int(n)),
                    None => out.push(Token::Keyword(String::from_utf8_lossy(word).into_owned())),
                }
            }
        }
    }
    out
}

fn is_delim(c: u8) -> bool {
    c.is_ascii_whitespace()
        || matches!(
            c,
            b'[' | b']' | b'<' | b'>' | b'(' | b')' | b'/' | b'%' | b'{' | b'}'
        )
}

fn hex_val(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => 0,
    }
}

fn code_of(bytes: &[u8]) -> Option<(u8, u32)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some((
        bytes.len() as u8,
        bytes.iter().fold(0u32, |acc, &b| (acc << 8) | b as u32),
    ))
}

/// Decodes UTF-16BE (as ToUnicode destinations are written) leniently.
pub fn utf16be_to_string(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|p| ((p[0] as u16) << 8) | *p.get(1).unwrap_or(&0) as u16)
        .collect();
    String::from_utf16_lossy(&units)
}

impl EmbeddedCMap {
    /// Parses CMap program text. Never fails: unknown constructs are skipped, so a
    /// damaged CMap yields whatever mappings could be read.
    pub fn parse(data: &[u8]) -> EmbeddedCMap {
        let tokens = tokenize(data);
        let mut cmap = EmbeddedCMap::default();
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                Token::Keyword(k) if k == "begincodespacerange" => {
                    i += 1;
                    while i + 1 < tokens.len() {
                        match (&tokens[i], &tokens[i + 1]) {
                            (Token::Hex(lo), Token::Hex(hi))
                                if lo.len() == hi.len() && !lo.is_empty() && lo.len() <= 4 =>
                            {
                                let mut l = [0u8; 4];
                                let mut h = [0u8; 4];
                                l[..lo.len()].copy_from_slice(lo);
                                h[..hi.len()].copy_from_slice(hi);
                                cmap.codespaces.push(Codespace {
                                    len: lo.len() as u8,
                                    lo: l,
                                    hi: h,
                                });
                                i += 2;
                            }
                            (Token::Hex(_), Token::Hex(_)) => i += 2,
                            _ => break,
                        }
                    }
                }
                Token::Keyword(k) if k == "begincidrange" || k == "beginnotdefrange" => {
                    let notdef = k == "beginnotdefrange";
                    i += 1;
                    while i + 2 < tokens.len() {
                        match (&tokens[i], &tokens[i + 1], &tokens[i + 2]) {
                            (Token::Hex(lo), Token::Hex(hi), Token::Int(cid)) => {
                                if let (Some((len, l)), Some((_, h))) = (code_of(lo), code_of(hi)) {
                                    if !notdef && h >= l && *cid >= 0 {
                                        cmap.cid_ranges.push(CodeRange {
                                            len,
                                            lo: l,
                                            hi: h,
                                            start: *cid as u32,
                                        });
                                    }
                                }
                                i += 3;
                            }
                            _ => break,
                        }
                    }
                }
                Token::Keyword(k) if k == "begincidchar" => {
                    i += 1;
                    while i + 1 < tokens.len() {
                        match (&tokens[i], &tokens[i + 1]) {
                            (Token::Hex(src), Token::Int(cid)) => {
                                if let Some((len, c)) = code_of(src) {
                                    if *cid >= 0 {
                                        cmap.cid_ranges.push(CodeRange {
                                            len,
                                            lo: c,
                                            hi: c,
                                            start: *cid as u32,
                                        });
                                    }
                                }
                                i += 2;
                            }
                            _ => break,
                        }
                    }
                }
                Token::Keyword(k) if k == "beginbfchar" => {
                    i += 1;
                    while i + 1 < tokens.len() {
                        match (&tokens[i], &tokens[i + 1]) {
                            (Token::Hex(src), Token::Hex(dst)) => {
                                if let Some(key) = code_of(src) {
                                    cmap.unicode.insert(key, utf16be_to_string(dst));
                                }
                                i += 2;
                            }
                            (Token::Hex(src), Token::Name(name)) => {
                                if let (Some(key), Some(u)) =
                                    (code_of(src), gongkai_fontdata::glyph_name_to_unicode(name))
                                {
                                    cmap.unicode.insert(key, u);
                                }
                                i += 2;
                            }
                            _ => break,
                        }
                    }
                }
                Token::Keyword(k) if k == "beginbfrange" => {
                    i += 1;
                    loop {
                        if i + 2 >= tokens.len() {
                            break;
                        }
                        let (Token::Hex(lo), Token::Hex(hi)) = (&tokens[i], &tokens[i + 1]) else {
                            break;
                        };
                        let (Some((len, l)), Some((_, h))) = (code_of(lo), code_of(hi)) else {
                            i += 3;
                            continue;
                        };
                        match &tokens[i + 2] {
                            Token::Hex(dst) => {
                                cmap.add_unicode_range(len, l, h, dst);
                                i += 3;
                            }
                            Token::Open => {
                                let mut j = i + 3;
                                let mut code = l;
                                while j < tokens.len() && tokens[j] != Token::Close {
                                    if let Token::Hex(dst) = &tokens[j] {
                                        if code <= h {
                                            cmap.unicode
                                                .insert((len, code), utf16be_to_string(dst));
                                        }
                                        code = code.saturating_add(1);
                                    }
                                    j += 1;
                                }
                                i = j + 1;
                            }
                            _ => break,
                        }
                    }
                }
                Token::Name(n) if n == "WMode" => {
                    if let Some(Token::Int(v)) = tokens.get(i + 1) {
                        cmap.vertical = *v == 1;
                    }
                    i += 1;
                }
                Token::Keyword(k) if k == "usecmap" => {
                    if i > 0 {
                        if let Token::Name(n) = &tokens[i - 1] {
                            cmap.usecmap = Some(n.clone());
                        }
                    }
                    i += 1;
                }
                _ => i += 1,
            }
        }
        cmap.cid_ranges.sort_by_key(|r| (r.len, r.lo));
        cmap
    }

    fn add_unicode_range(&mut self, len: u8, lo: u32, hi: u32, dst: &[u8]) {
        if hi < lo || dst.is_empty() || dst.len() % 2 == 1 {
            return;
        }
        let units: Vec<u16> = dst
            .chunks(2)
            .map(|p| ((p[0] as u16) << 8) | p[1] as u16)
            .collect();
        if hi - lo < EXPAND_LIMIT {
            for k in 0..=(hi - lo) {
                if let Some(s) = increment_last(&units, k) {
                    self.unicode.insert((len, lo + k), s);
                }
            }
        } else {
            self.unicode_ranges.push(UnicodeRange {
                len,
                lo,
                hi,
                dst: units,
            });
        }
    }

    /// True when the CMap declares any codespace (usable for splitting codes).
    pub fn has_codespace(&self) -> bool {
        !self.codespaces.is_empty()
    }

    /// Splits the next code off `bytes` by the codespace ranges: returns `(code, len)`.
    /// A byte sequence that matches no range consumes the shortest codespace length
    /// (PDF 32000 §9.7.6.3), and at least one byte.
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        for cs in &self.codespaces {
            if cs.matches(bytes) {
                let n = cs.len as usize;
                return (bytes[..n].iter().fold(0u32, |a, &b| (a << 8) | b as u32), n);
            }
        }
        let n = self
            .codespaces
            .iter()
            .map(|c| c.len as usize)
            .min()
            .unwrap_or(1)
            .clamp(1, bytes.len().max(1));
        let n = n.min(bytes.len());
        (bytes[..n].iter().fold(0u32, |a, &b| (a << 8) | b as u32), n)
    }

    /// CID for a code, from cidrange/cidchar.
    pub fn cid(&self, code: u32, len: usize) -> Option<u32> {
        self.cid_ranges
            .iter()
            .rev()
            .find(|r| r.len as usize == len && code >= r.lo && code <= r.hi)
            .map(|r| r.start + (code - r.lo))
    }

    /// Unicode text for a code, from bfchar/bfrange. Tries the exact byte length first,
    /// then any length (some producers write 1-byte keys for 2-byte codes).
    pub fn unicode(&self, code: u32, len: usize) -> Option<String> {
        let len = len as u8;
        if let Some(s) = self.unicode.get(&(len, code)) {
            return Some(s.clone());
        }
        for r in &self.unicode_ranges {
            if r.len == len && code >= r.lo && code <= r.hi {
                return increment_last(&r.dst, code - r.lo);
            }
        }
        None
    }

    /// Whether the map has any Unicode mappings at all.
    pub fn has_unicode(&self) -> bool {
        !self.unicode.is_empty() || !self.unicode_ranges.is_empty()
    }
}

/// Adds `k` to the last UTF-16 unit (bfrange semantics), crossing into surrogate pairs
/// correctly for single code points.
fn increment_last(units: &[u16], k: u32) -> Option<String> {
    let s = String::from_utf16_lossy(units);
    let mut chars: Vec<char> = s.chars().collect();
    let last = chars.pop()?;
    let c = char::from_u32(last as u32 + k)?;
    chars.push(c);
    Some(chars.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Adobe-Identity-UCS def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <01F7> <4E2D> endbfchar
2 beginbfrange <0010> <0012> <0030> <0020> <0021> [<9884> <7B97>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn parses_bfchar_and_bfrange_with_arrays() {
        let m = EmbeddedCMap::parse(SAMPLE);
        assert_eq!(m.unicode(0x0003, 2).as_deref(), Some(" "));
        assert_eq!(m.unicode(0x01F7, 2).as_deref(), Some("中"));
        assert_eq!(m.unicode(0x0011, 2).as_deref(), Some("1"));
        assert_eq!(m.unicode(0x0012, 2).as_deref(), Some("2"));
        assert_eq!(m.unicode(0x0020, 2).as_deref(), Some("预"));
        assert_eq!(m.unicode(0x0021, 2).as_deref(), Some("算"));
        assert_eq!(m.unicode(0x0013, 2), None);
        assert_eq!(m.next_code(&[0x01, 0xF7, 0x00]), (0x01F7, 2));
    }

    #[test]
    fn large_ranges_are_kept_as_ranges() {
        let m = EmbeddedCMap::parse(b"1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> endbfrange");
        assert_eq!(m.unicode(0x4E2D, 2).as_deref(), Some("中"));
    }

    #[test]
    fn mixed_width_codespace_splits_codes() {
        let m = EmbeddedCMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange 1 begincidrange <8140> <8142> 100 endcidrange",
        );
        assert_eq!(m.next_code(&[0x41, 0x81, 0x41]), (0x41, 1));
        assert_eq!(m.next_code(&[0x81, 0x41]), (0x8141, 2));
        assert_eq!(m.cid(0x8141, 2), Some(101));
    }
}
