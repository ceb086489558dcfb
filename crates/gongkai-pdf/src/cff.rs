//! The built-in encoding of an embedded bare CFF font program (`/FontFile3` of
//! subtype `/Type1C`), read as viewers do when the PDF gives no base encoding: code →
//! glyph id (the CFF Encoding, with supplements) → glyph name (the CFF charset, names by
//! SID from the standard strings or the font's String INDEX). Adobe TN 5176.
//!
//! Every read is bounds-checked: a malformed program yields a [`CffError`], never a
//! panic, and the caller falls back to the standard encoding.

use gongkai_fontdata::{cff_standard_string, CFF_STANDARD_STRING_COUNT};

/// Why a CFF program's built-in encoding could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CffError {
    /// The data ends before a structure it declares.
    #[error("CFF data truncated at byte {0}")]
    Truncated(usize),
    /// Not a CFF program (bad header or offset size).
    #[error("not a CFF font program")]
    NotCff,
    /// A CID-keyed font: codes are CIDs, there is no encoding to read.
    #[error("CID-keyed CFF font has no encoding")]
    CidKeyed,
    /// A predefined charset or encoding (Expert, ExpertSubset) whose table we do not carry.
    #[error("predefined CFF {0} table is not supported")]
    Predefined(&'static str),
    /// An unknown charset or encoding format byte.
    #[error("unknown CFF {0} format {1}")]
    Format(&'static str, u8),
}

/// Code → glyph name for codes 0–255, or `None` when the program's encoding is the
/// predefined Standard one (the caller's default already).
pub(crate) type Encoding = [Option<String>; 256];

struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    fn u8(&self, at: usize) -> Result<u8, CffError> {
        self.data.get(at).copied().ok_or(CffError::Truncated(at))
    }

    fn u16(&self, at: usize) -> Result<u16, CffError> {
        Ok(u16::from(self.u8(at)?) << 8 | u16::from(self.u8(at + 1)?))
    }

    fn offset(&self, at: usize, size: u8) -> Result<usize, CffError> {
        let mut v = 0usize;
        for i in 0..usize::from(size) {
            v = v << 8 | usize::from(self.u8(at + i)?);
        }
        Ok(v)
    }

    /// Reads an INDEX at `at`: the byte ranges of its items and the offset after it.
    fn index(&self, at: usize) -> Result<(Vec<(usize, usize)>, usize), CffError> {
        let count = usize::from(self.u16(at)?);
        if count == 0 {
            return Ok((Vec::new(), at + 2));
        }
        let off_size = self.u8(at + 2)?;
        if !(1..=4).contains(&off_size) {
            return Err(CffError::NotCff);
        }
        let offsets_at = at + 3;
        let data_at = offsets_at + (count + 1) * usize::from(off_size) - 1;
        let mut items = Vec::with_capacity(count.min(4096));
        let mut prev = self.offset(offsets_at, off_size)?;
        for i in 1..=count {
            let next = self.offset(offsets_at + i * usize::from(off_size), off_size)?;
            if next < prev || data_at + next > self.data.len() {
                return Err(CffError::Truncated(data_at + next));
            }
            items.push((data_at + prev, data_at + next));
            prev = next;
        }
        Ok((items, data_at + prev))
    }
}

/// The Top DICT entries that matter here.
#[derive(Default)]
struct TopDict {
    charset: usize,
    encoding: usize,
    charstrings: Option<usize>,
    cid_keyed: bool,
}

fn parse_top_dict(d: &[u8]) -> Result<TopDict, CffError> {
    let mut top = TopDict::default();
    let mut operands: Vec<f64> = Vec::new();
    let mut i = 0;
    while i < d.len() {
        let b0 = d[i];
        let at = |k: usize| d.get(k).copied().ok_or(CffError::Truncated(k));
        match b0 {
            0..=21 => {
                let op = if b0 == 12 {
                    i += 1;
                    1200 + u16::from(at(i)?)
                } else {
                    u16::from(b0)
                };
                let last = operands.last().copied().unwrap_or(0.0);
                let as_offset = if last.is_finite() && last >= 0.0 {
                    last as usize
                } else {
                    0
                };
                match op {
                    15 => top.charset = as_offset,
                    16 => top.encoding = as_offset,
                    17 => top.charstrings = Some(as_offset),
                    1230 => top.cid_keyed = true,
                    _ => {}
                }
                operands.clear();
                i += 1;
            }
            28 => {
                operands.push(f64::from(i16::from_be_bytes([at(i + 1)?, at(i + 2)?])));
                i += 3;
            }
            29 => {
                operands.push(f64::from(i32::from_be_bytes([
                    at(i + 1)?,
                    at(i + 2)?,
                    at(i + 3)?,
                    at(i + 4)?,
                ])));
                i += 5;
            }
            30 => {
                // Real number: nibbles up to 0xf. Its value is never an offset; skip it.
                i += 1;
                loop {
                    let b = at(i)?;
                    i += 1;
                    if b & 0x0F == 0x0F || b >> 4 == 0x0F {
                        break;
                    }
                }
                operands.push(0.0);
            }
            32..=246 => {
                operands.push(f64::from(i32::from(b0) - 139));
                i += 1;
            }
            247..=250 => {
                operands.push(f64::from(
                    (i32::from(b0) - 247) * 256 + i32::from(at(i + 1)?) + 108,
                ));
                i += 2;
            }
            251..=254 => {
                operands.push(f64::from(
                    -(i32::from(b0) - 251) * 256 - i32::from(at(i + 1)?) - 108,
                ));
                i += 2;
            }
            _ => i += 1, // 22–27, 31, 255: reserved
        }
        if operands.len() > 48 {
            operands.clear(); // the DICT operand stack limit; garbage otherwise
        }
    }
    Ok(top)
}

/// Reads the built-in encoding of the first font in a bare CFF program. `Ok(None)` when
/// it is the predefined Standard encoding.
pub(crate) fn builtin_encoding(data: &[u8]) -> Result<Option<Encoding>, CffError> {
    let r = Reader { data };
    if r.u8(0)? != 1 {
        return Err(CffError::NotCff);
    }
    let header_size = usize::from(r.u8(2)?);
    let (_names, after_names) = r.index(header_size)?;
    let (top_dicts, after_top) = r.index(after_names)?;
    let (strings, _) = r.index(after_top)?;
    let &(t0, t1) = top_dicts.first().ok_or(CffError::Truncated(after_names))?;
    let top = parse_top_dict(&data[t0..t1])?;
    if top.cid_keyed {
        return Err(CffError::CidKeyed);
    }
    match top.encoding {
        0 => return Ok(None),
        1 => return Err(CffError::Predefined("Expert encoding")),
        _ => {}
    }
    let charstrings = top.charstrings.ok_or(CffError::Truncated(t1))?;
    let glyph_count = usize::from(r.u16(charstrings)?);

    // Charset: glyph id → SID (glyph 0 is .notdef).
    let mut sids: Vec<u16> = vec![0];
    match top.charset {
        0 => sids.extend((1..glyph_count.min(229) as u16).collect::<Vec<_>>()), // ISOAdobe: SID = gid
        1 => return Err(CffError::Predefined("Expert charset")),
        2 => return Err(CffError::Predefined("ExpertSubset charset")),
        at => {
            let format = r.u8(at)?;
            let mut p = at + 1;
            while sids.len() < glyph_count {
                match format {
                    0 => {
                        sids.push(r.u16(p)?);
                        p += 2;
                    }
                    1 | 2 => {
                        let first = r.u16(p)?;
                        let n_left = if format == 1 {
                            u16::from(r.u8(p + 2)?)
                        } else {
                            r.u16(p + 2)?
                        };
                        p += if format == 1 { 3 } else { 4 };
                        for k in 0..=n_left {
                            if sids.len() >= glyph_count {
                                break;
                            }
                            sids.push(first.saturating_add(k));
                        }
                    }
                    f => return Err(CffError::Format("charset", f)),
                }
            }
        }
    }
    let name_of = |sid: u16| -> Option<String> {
        let sid = usize::from(sid);
        if sid < CFF_STANDARD_STRING_COUNT {
            cff_standard_string(sid).map(str::to_string)
        } else {
            let &(a, b) = strings.get(sid - CFF_STANDARD_STRING_COUNT)?;
            data.get(a..b)
                .map(|s| String::from_utf8_lossy(s).into_owned())
        }
    };

    // Encoding: code → glyph id, then supplements code → SID.
    let mut names: Encoding = std::array::from_fn(|_| None);
    let at = top.encoding;
    let format = r.u8(at)?;
    let mut p = at + 1;
    let mut gid = 1usize;
    match format & 0x7F {
        0 => {
            let n = usize::from(r.u8(p)?);
            p += 1;
            for _ in 0..n {
                let code = usize::from(r.u8(p)?);
                p += 1;
                names[code] = sids.get(gid).and_then(|&s| name_of(s));
                gid += 1;
            }
        }
        1 => {
            let n = usize::from(r.u8(p)?);
            p += 1;
            for _ in 0..n {
                let (first, n_left) = (usize::from(r.u8(p)?), usize::from(r.u8(p + 1)?));
                p += 2;
                for code in first..=first + n_left {
                    if let Some(slot) = names.get_mut(code) {
                        *slot = sids.get(gid).and_then(|&s| name_of(s));
                    }
                    gid += 1;
                }
            }
        }
        f => return Err(CffError::Format("encoding", f)),
    }
    if format & 0x80 != 0 {
        let n = usize::from(r.u8(p)?);
        p += 1;
        for _ in 0..n {
            let code = usize::from(r.u8(p)?);
            let sid = r.u16(p + 1)?;
            p += 3;
            names[code] = name_of(sid);
        }
    }
    Ok(Some(names))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal CFF: one font "T", a Top DICT with charset, Encoding and CharStrings
    /// offsets, one custom string "Gx", 4 glyphs (.notdef, A, Gx, B).
    pub(crate) fn sample(encoding: &[u8]) -> Vec<u8> {
        let mut d = vec![1, 0, 4, 1]; // header
        d.extend([0, 1, 1, 1, 2, b'T']); // Name INDEX: "T"
                                         // Top DICT INDEX with one 18-byte dict, patched below.
        let top_at = d.len();
        d.extend([0, 1, 1, 1, 19]);
        let dict_at = d.len();
        d.extend([0u8; 18]);
        d.extend([0, 1, 1, 1, 3, b'G', b'x']); // String INDEX: "Gx" = SID 391
        d.extend([0, 0]); // Global Subr INDEX: empty
        let charstrings = d.len();
        d.extend([0, 4, 1, 1, 2, 3, 4, 5, 14, 14, 14, 14]); // 4 glyphs of `endchar`
        let charset = d.len();
        d.extend([0, 0, 34, 1, 135, 0, 35]); // format 0: A, Gx (391), B
        let enc = d.len();
        d.extend_from_slice(encoding);
        let num = |v: usize| {
            [
                29u8,
                (v >> 24) as u8,
                (v >> 16) as u8,
                (v >> 8) as u8,
                v as u8,
            ]
        };
        let mut dict = Vec::new();
        dict.extend(num(charset));
        dict.push(15);
        dict.extend(num(enc));
        dict.push(16);
        dict.extend(num(charstrings));
        dict.push(17);
        d[dict_at..dict_at + 18].copy_from_slice(&dict);
        assert_eq!(d[top_at + 4], 19);
        d
    }

    #[test]
    fn custom_encoding_with_supplement() {
        // Format 0 | supplement: codes 65, 33, 66 → glyphs 1..3; supplement 200 → SID 391.
        let enc = sample(&[0x80, 3, 65, 33, 66, 1, 200, 1, 135]);
        let names = builtin_encoding(&enc).expect("parses").expect("custom");
        assert_eq!(names[65].as_deref(), Some("A"));
        assert_eq!(names[33].as_deref(), Some("Gx"));
        assert_eq!(names[66].as_deref(), Some("B"));
        assert_eq!(names[200].as_deref(), Some("Gx"));
        assert_eq!(names[67], None);
    }

    #[test]
    fn range_encoding() {
        let names = builtin_encoding(&sample(&[1, 1, 97, 2]))
            .expect("parses")
            .expect("custom");
        assert_eq!(
            [
                names[97].as_deref(),
                names[98].as_deref(),
                names[99].as_deref()
            ],
            [Some("A"), Some("Gx"), Some("B")]
        );
    }

    #[test]
    fn malformed_programs_are_errors_not_panics() {
        let good = sample(&[0, 3, 65, 33, 66]);
        for cut in 0..good.len() {
            let _ = builtin_encoding(&good[..cut]);
        }
        for i in 0..good.len() {
            let mut bad = good.clone();
            bad[i] = 0xFF;
            let _ = builtin_encoding(&bad);
            bad[i] = 0x00;
            let _ = builtin_encoding(&bad);
        }
        assert_eq!(builtin_encoding(b""), Err(CffError::Truncated(0)));
        assert_eq!(builtin_encoding(b"%!PS-AdobeFont"), Err(CffError::NotCff));
    }
}
