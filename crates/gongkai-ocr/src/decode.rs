//! Decoding an embedded page image (as handed out by `gongkai_pdf::Document::image_data`)
//! into a [`Raster`]: DCT (JPEG), CCITT fax (Group 3 and 4, the usual encoding of
//! black-and-white office scans; hayro-ccitt), and raw samples (after Flate/LZW, which
//! gongkai-pdf removes) at 1 or 8 bits per component in gray, RGB or CMYK. JBIG2 and JPX
//! are reported as not decodable so that the caller can render the page instead.

use gongkai_pdf::RawImage;

use crate::image::{Gray, Raster, Rgb};

/// Why an embedded image was not decoded here.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// A filter this crate does not decode (the page is rendered instead).
    #[error("unsupported image filter {0}")]
    Unsupported(String),
    /// The data does not match its declared parameters.
    #[error("corrupt image data: {0}")]
    Corrupt(String),
}

/// Largest image accepted, in pixels (a 600 dpi A3 page is ~70 M).
const MAX_PIXELS: usize = 120_000_000;

/// Decodes `raw` into a gray or RGB raster.
pub fn decode(raw: &RawImage) -> Result<Raster, DecodeError> {
    let (w, h) = (raw.width as usize, raw.height as usize);
    if w == 0 || h == 0 || w.saturating_mul(h) > MAX_PIXELS {
        return Err(DecodeError::Corrupt(format!("size {w}×{h}")));
    }
    match raw.filter.as_deref() {
        Some("DCTDecode") => decode_jpeg(&raw.data),
        Some("CCITTFaxDecode") => decode_ccitt(raw, w, h),
        Some(f) => Err(DecodeError::Unsupported(f.to_string())),
        None => decode_samples(raw, w, h),
    }
}

/// Rows of a CCITT image as gray pixels: `white` for the code's white runs, the other
/// value for its black runs.
struct FaxRows {
    width: usize,
    white: u8,
    data: Vec<u8>,
}

impl hayro_ccitt::Decoder for FaxRows {
    fn push_row(&mut self, changes: &[u32]) {
        let start = self.data.len();
        self.data.resize(start + self.width, self.white);
        let black = 255 - self.white;
        for pair in changes.chunks(2) {
            let a = (pair[0] as usize).min(self.width);
            let b = pair
                .get(1)
                .map_or(self.width, |&b| (b as usize).min(self.width));
            if a < b {
                self.data[start + a..start + b].fill(black);
            }
        }
    }
}

/// CCITT fax data (`/K` < 0 Group 4, 0 Group 3 1-D, > 0 Group 3 2-D) with its
/// `/DecodeParms`. The code's white runs are paper unless `/BlackIs1` says the 1 bits
/// they turn into are black (a negative image is turned round later, see `prepare`).
fn decode_ccitt(raw: &RawImage, w: usize, h: usize) -> Result<Raster, DecodeError> {
    let param = |k: &str, default: i64| {
        raw.params
            .iter()
            .find(|p| p.0 == k)
            .map_or(default, |p| p.1)
    };
    let k = param("K", 0);
    let settings = hayro_ccitt::DecodeSettings {
        columns: param("Columns", 1728).clamp(1, w.max(1) as i64 * 2) as u32,
        // The image's height bounds the rows (a hostile stream cannot make more).
        rows: h as u32,
        end_of_block: param("EndOfBlock", 1) != 0,
        end_of_line: param("EndOfLine", 0) != 0,
        rows_are_byte_aligned: param("EncodedByteAlign", 0) != 0,
        encoding: if k < 0 {
            hayro_ccitt::EncodingMode::Group4
        } else if k == 0 {
            hayro_ccitt::EncodingMode::Group3_1D
        } else {
            hayro_ccitt::EncodingMode::Group3_2D
        },
        strict: false,
    };
    let columns = settings.columns as usize;
    let mut rows = FaxRows {
        width: columns,
        white: if param("BlackIs1", 0) != 0 { 0 } else { 255 },
        data: Vec::with_capacity(columns * h),
    };
    let mut ctx = hayro_ccitt::DecoderContext::new(settings);
    hayro_ccitt::decode(&raw.data, &mut rows, &mut ctx)
        .map_err(|e| DecodeError::Corrupt(format!("CCITT: {e:?}")))?;
    let got = rows.data.len() / columns.max(1);
    if got == 0 {
        return Err(DecodeError::Corrupt("CCITT: no rows".into()));
    }
    // The image's own size decides; missing rows are paper.
    let mut data = vec![rows.white; w * h];
    for y in 0..h.min(got) {
        let n = w.min(columns);
        data[y * w..y * w + n].copy_from_slice(&rows.data[y * columns..y * columns + n]);
    }
    Ok(Raster::Gray(Gray {
        width: w,
        height: h,
        data,
    }))
}

/// JPEG via jpeg-decoder (which also undoes Adobe's inverted CMYK).
fn decode_jpeg(data: &[u8]) -> Result<Raster, DecodeError> {
    let mut d = jpeg_decoder::Decoder::new(data);
    let pixels = d
        .decode()
        .map_err(|e| DecodeError::Corrupt(e.to_string()))?;
    let info = d
        .info()
        .ok_or_else(|| DecodeError::Corrupt("no JPEG header".into()))?;
    let (w, h) = (info.width as usize, info.height as usize);
    let need = |n: usize| {
        if pixels.len() < w * h * n {
            Err(DecodeError::Corrupt("short JPEG data".into()))
        } else {
            Ok(())
        }
    };
    match info.pixel_format {
        jpeg_decoder::PixelFormat::L8 => {
            need(1)?;
            Ok(Raster::Gray(Gray {
                width: w,
                height: h,
                data: pixels[..w * h].to_vec(),
            }))
        }
        jpeg_decoder::PixelFormat::L16 => {
            need(2)?;
            Ok(Raster::Gray(Gray {
                width: w,
                height: h,
                data: pixels.chunks_exact(2).take(w * h).map(|p| p[0]).collect(),
            }))
        }
        jpeg_decoder::PixelFormat::RGB24 => {
            need(3)?;
            Ok(Raster::Rgb(Rgb {
                width: w,
                height: h,
                data: pixels[..w * h * 3].to_vec(),
            }))
        }
        jpeg_decoder::PixelFormat::CMYK32 => {
            need(4)?;
            Ok(Raster::Rgb(Rgb {
                width: w,
                height: h,
                data: cmyk_to_rgb(&pixels[..w * h * 4]),
            }))
        }
    }
}

fn cmyk_to_rgb(px: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(px.len() / 4 * 3);
    for p in px.chunks_exact(4) {
        let k = 255 - p[3] as u32;
        for &ch in &p[..3] {
            out.push(((255 - ch as u32) * k / 255) as u8);
        }
    }
    out
}

/// Raw samples, rows padded to whole bytes (PDF §8.9.3).
fn decode_samples(raw: &RawImage, w: usize, h: usize) -> Result<Raster, DecodeError> {
    let comps = raw.components.clamp(1, 4) as usize;
    let bpc = raw.bits_per_component as usize;
    if !matches!(bpc, 1 | 2 | 4 | 8 | 16) {
        return Err(DecodeError::Unsupported(format!(
            "{bpc} bits per component"
        )));
    }
    let row_bytes = (w * comps * bpc).div_ceil(8);
    if raw.data.len() < row_bytes * h {
        return Err(DecodeError::Corrupt(format!(
            "{} bytes for {w}×{h}×{comps}×{bpc} bits",
            raw.data.len()
        )));
    }
    let max = ((1u32 << bpc.min(8)) - 1) as f64;
    let sample = |row: &[u8], i: usize| -> u8 {
        match bpc {
            8 => row[i],
            16 => row[2 * i],
            _ => {
                let bit = i * bpc;
                let byte = row[bit / 8];
                let shift = 8 - bpc - (bit % 8);
                let v = (byte >> shift) & ((1u8 << bpc) - 1);
                ((v as f64) * 255.0 / max).round() as u8
            }
        }
    };
    let mut gray = Vec::with_capacity(w * h);
    let mut rgb = Vec::with_capacity(if comps >= 3 { w * h * 3 } else { 0 });
    for y in 0..h {
        let row = &raw.data[y * row_bytes..(y + 1) * row_bytes];
        for x in 0..w {
            match comps {
                1 | 2 => gray.push(sample(row, x * comps)),
                3 => (0..3).for_each(|c| rgb.push(sample(row, x * 3 + c))),
                _ => {
                    let p: Vec<u8> = (0..4).map(|c| sample(row, x * 4 + c)).collect();
                    rgb.extend(cmyk_to_rgb(&p));
                }
            }
        }
    }
    Ok(if comps >= 3 {
        Raster::Rgb(Rgb {
            width: w,
            height: h,
            data: rgb,
        })
    } else {
        Raster::Gray(Gray {
            width: w,
            height: h,
            data: gray,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(data: Vec<u8>, w: u32, h: u32, bpc: u32, comps: u32, filter: Option<&str>) -> RawImage {
        RawImage {
            data,
            filter: filter.map(String::from),
            width: w,
            height: h,
            bits_per_component: bpc,
            components: comps,
            params: vec![],
        }
    }

    #[test]
    fn one_bit_rows_are_byte_padded() {
        // 3×2, 1 bpc gray: row 0 = 1 0 1, row 1 = 0 1 0 (1 = white in DeviceGray).
        let r = decode(&raw(vec![0b1010_0000, 0b0100_0000], 3, 2, 1, 1, None)).expect("decode");
        let Raster::Gray(g) = r else {
            panic!("gray expected")
        };
        assert_eq!(g.data, vec![255, 0, 255, 0, 255, 0]);
    }

    #[test]
    fn rgb_samples_and_short_data() {
        let r = decode(&raw(vec![255, 0, 0, 0, 0, 255], 2, 1, 8, 3, None)).expect("decode");
        assert!(matches!(r, Raster::Rgb(ref c) if c.data == vec![255, 0, 0, 0, 0, 255]));
        assert!(matches!(
            decode(&raw(vec![1, 2], 2, 2, 8, 1, None)),
            Err(DecodeError::Corrupt(_))
        ));
        assert!(matches!(
            decode(&raw(vec![], 2, 2, 1, 1, Some("CCITTFaxDecode"))),
            Err(DecodeError::Corrupt(_))
        ));
        assert!(matches!(
            decode(&raw(vec![1, 2], 2, 2, 1, 1, Some("JBIG2Decode"))),
            Err(DecodeError::Unsupported(_))
        ));
        assert!(matches!(
            decode(&raw(vec![1, 2], 2, 2, 8, 1, Some("DCTDecode"))),
            Err(DecodeError::Corrupt(_))
        ));
    }
}
