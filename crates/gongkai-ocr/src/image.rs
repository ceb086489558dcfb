//! Minimal 8-bit raster types: gray and RGB images with the few operations OCR needs
//! (rotation, cropping, PGM encoding). Dark is 0, paper is 255.

/// An 8-bit gray image, row-major.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gray {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width * height` samples, 0 = black.
    pub data: Vec<u8>,
}

/// An 8-bit RGB image, row-major, 3 samples per pixel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rgb {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width * height * 3` samples.
    pub data: Vec<u8>,
}

/// A decoded page raster: gray, or colour when the source had colour (so that seals
/// can be recognised by hue before the image is reduced to gray).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Raster {
    /// One channel.
    Gray(Gray),
    /// Three channels.
    Rgb(Rgb),
}

impl Raster {
    /// Width in pixels.
    pub fn width(&self) -> usize {
        match self {
            Raster::Gray(g) => g.width,
            Raster::Rgb(c) => c.width,
        }
    }
    /// Height in pixels.
    pub fn height(&self) -> usize {
        match self {
            Raster::Gray(g) => g.height,
            Raster::Rgb(c) => c.height,
        }
    }
}

impl Gray {
    /// A white image.
    pub fn white(width: usize, height: usize) -> Gray {
        Gray {
            width,
            height,
            data: vec![255; width * height],
        }
    }

    /// Sample at `(x, y)`; white outside the image.
    pub fn get(&self, x: isize, y: isize) -> u8 {
        if x < 0 || y < 0 || x as usize >= self.width || y as usize >= self.height {
            255
        } else {
            self.data[y as usize * self.width + x as usize]
        }
    }

    /// Rotates by `deg` degrees (counter-clockwise as seen on screen, y pointing down)
    /// about the centre, keeping the size; uncovered corners become white. Bilinear, in
    /// fixed point (16 fractional bits along a row, 8-bit weights).
    pub fn rotate(&self, deg: f64) -> Gray {
        if deg.abs() < 1e-6 || self.width < 2 || self.height < 2 {
            return self.clone();
        }
        let (s, c) = deg.to_radians().sin_cos();
        let (cx, cy) = (self.width as f64 / 2.0, self.height as f64 / 2.0);
        let (w, h) = (self.width, self.height);
        let mut out = Gray::white(w, h);
        const ONE: f64 = 65536.0;
        let (dsx, dsy) = ((c * ONE).round() as i64, (s * ONE).round() as i64);
        for y in 0..h {
            let dy = y as f64 + 0.5 - cy;
            let dx = 0.5 - cx;
            // Inverse mapping: where does output (x, y) come from in the source?
            let mut sx = ((c * dx - s * dy + cx - 0.5) * ONE).round() as i64;
            let mut sy = ((s * dx + c * dy + cy - 0.5) * ONE).round() as i64;
            let row = &mut out.data[y * w..(y + 1) * w];
            for px in row.iter_mut() {
                let (x0, y0) = (sx >> 16, sy >> 16);
                let (wx, wy) = (((sx >> 8) & 0xFF) as u32, ((sy >> 8) & 0xFF) as u32);
                let (p00, p10, p01, p11) =
                    if x0 >= 0 && y0 >= 0 && (x0 as usize) + 1 < w && (y0 as usize) + 1 < h {
                        let i = y0 as usize * w + x0 as usize;
                        (
                            self.data[i],
                            self.data[i + 1],
                            self.data[i + w],
                            self.data[i + w + 1],
                        )
                    } else {
                        let (xi, yi) = (x0 as isize, y0 as isize);
                        (
                            self.get(xi, yi),
                            self.get(xi + 1, yi),
                            self.get(xi, yi + 1),
                            self.get(xi + 1, yi + 1),
                        )
                    };
                let v = p00 as u32 * (256 - wx) * (256 - wy)
                    + p10 as u32 * wx * (256 - wy)
                    + p01 as u32 * (256 - wx) * wy
                    + p11 as u32 * wx * wy;
                *px = ((v + 32768) >> 16).min(255) as u8;
                sx += dsx;
                sy += dsy;
            }
        }
        out
    }

    /// [`Gray::rotate`], taking the image: no copy when the rotation is none.
    pub fn rotated(self, deg: f64) -> Gray {
        if deg.abs() < 1e-6 || self.width < 2 || self.height < 2 {
            return self;
        }
        self.rotate(deg)
    }

    /// Scaled by `f` (bilinear; `f <= 1` returns a copy), for small print that the
    /// recogniser reads better larger.
    pub fn upscale(&self, f: f64) -> Gray {
        if f <= 1.0 || self.width == 0 || self.height == 0 {
            return self.clone();
        }
        let (w, h) = (
            (self.width as f64 * f).round() as usize,
            (self.height as f64 * f).round() as usize,
        );
        let mut out = Gray::white(w, h);
        // Source coordinates per output column, computed once.
        let xs: Vec<(isize, f64)> = (0..w)
            .map(|x| {
                let sx = (x as f64 + 0.5) / f - 0.5;
                (sx.floor() as isize, sx - sx.floor())
            })
            .collect();
        let clamp_x = |x: isize| x.clamp(0, self.width as isize - 1) as usize;
        for y in 0..h {
            let sy = (y as f64 + 0.5) / f - 0.5;
            let (y0, fy) = (sy.floor() as isize, sy - sy.floor());
            // Edges repeat the border sample rather than fading to white.
            let r0 = y0.clamp(0, self.height as isize - 1) as usize * self.width;
            let r1 = (y0 + 1).clamp(0, self.height as isize - 1) as usize * self.width;
            for (x, &(x0, fx)) in xs.iter().enumerate() {
                let (a, b) = (clamp_x(x0), clamp_x(x0 + 1));
                let top = self.data[r0 + a] as f64 * (1.0 - fx) + self.data[r0 + b] as f64 * fx;
                let bot = self.data[r1 + a] as f64 * (1.0 - fx) + self.data[r1 + b] as f64 * fx;
                out.data[y * w + x] = (top * (1.0 - fy) + bot * fy).round().clamp(0.0, 255.0) as u8;
            }
        }
        out
    }

    /// The sub-image `x0..x1 × y0..y1` (clamped to the image).
    pub fn crop(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> Gray {
        let (x1, y1) = (x1.min(self.width), y1.min(self.height));
        let (x0, y0) = (x0.min(x1), y0.min(y1));
        let mut out = Gray::white(x1 - x0, y1 - y0);
        for y in y0..y1 {
            out.data[(y - y0) * out.width..(y - y0 + 1) * out.width]
                .copy_from_slice(&self.data[y * self.width + x0..y * self.width + x1]);
        }
        out
    }

    /// Copies `src` into this image with its top-left corner at `(x, y)` (clipped).
    pub fn blit(&mut self, src: &Gray, x: usize, y: usize) {
        for sy in 0..src.height {
            let ty = y + sy;
            if ty >= self.height {
                break;
            }
            let w = src.width.min(self.width.saturating_sub(x));
            if w == 0 {
                return;
            }
            self.data[ty * self.width + x..ty * self.width + x + w]
                .copy_from_slice(&src.data[sy * src.width..sy * src.width + w]);
        }
    }

    /// Binary PGM (`P5`) encoding, the cheapest format Tesseract reads.
    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.data);
        out
    }

    /// Reads a binary PGM (`P5`, maxval 255) as written by `pdftoppm -gray`.
    pub fn from_pgm(bytes: &[u8]) -> Option<Gray> {
        let (w, h, maxval, rest) = pnm_header(bytes, b"P5")?;
        if maxval != 255 || rest.len() < w * h {
            return None;
        }
        Some(Gray {
            width: w,
            height: h,
            data: rest[..w * h].to_vec(),
        })
    }
}

impl Rgb {
    /// Reads a binary PPM (`P6`, maxval 255) as written by `pdftoppm`.
    pub fn from_ppm(bytes: &[u8]) -> Option<Rgb> {
        let (w, h, maxval, rest) = pnm_header(bytes, b"P6")?;
        if maxval != 255 || rest.len() < w * h * 3 {
            return None;
        }
        Some(Rgb {
            width: w,
            height: h,
            data: rest[..w * h * 3].to_vec(),
        })
    }
}

/// A binary PPM (`P6`) or PGM (`P5`), maxval 255, read from its bytes without a copy of
/// the pixels (the header is cut off the front and the vector kept).
pub fn pnm_into_raster(mut bytes: Vec<u8>) -> Option<Raster> {
    let (magic, channels) = if bytes.starts_with(b"P6") {
        (b"P6", 3)
    } else {
        (b"P5", 1)
    };
    let (w, h, maxval, rest) = pnm_header(&bytes, magic)?;
    let n = w * h * channels;
    if maxval != 255 || rest.len() < n {
        return None;
    }
    let header = bytes.len() - rest.len();
    bytes.truncate(header + n);
    bytes.drain(..header);
    bytes.shrink_to_fit();
    Some(if channels == 3 {
        Raster::Rgb(Rgb {
            width: w,
            height: h,
            data: bytes,
        })
    } else {
        Raster::Gray(Gray {
            width: w,
            height: h,
            data: bytes,
        })
    })
}

/// Parses a PNM header: magic, width, height, maxval, then one whitespace byte.
fn pnm_header<'a>(bytes: &'a [u8], magic: &[u8]) -> Option<(usize, usize, usize, &'a [u8])> {
    if !bytes.starts_with(magic) {
        return None;
    }
    let mut pos = magic.len();
    let mut fields = [0usize; 3];
    for f in &mut fields {
        // Skip whitespace and comments.
        loop {
            match bytes.get(pos)? {
                b' ' | b'\t' | b'\n' | b'\r' => pos += 1,
                b'#' => {
                    while *bytes.get(pos)? != b'\n' {
                        pos += 1;
                    }
                }
                _ => break,
            }
        }
        let start = pos;
        while bytes.get(pos).is_some_and(u8::is_ascii_digit) {
            pos += 1;
        }
        *f = std::str::from_utf8(&bytes[start..pos]).ok()?.parse().ok()?;
    }
    let [w, h, maxval] = fields;
    // Guard against absurd sizes before allocating.
    if w == 0 || h == 0 || w.checked_mul(h)? > 400_000_000 {
        return None;
    }
    Some((w, h, maxval, bytes.get(pos + 1..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pgm_round_trip_and_crop() {
        let mut g = Gray::white(4, 3);
        g.data[5] = 0;
        let back = Gray::from_pgm(&g.to_pgm()).expect("pgm");
        assert_eq!(back, g);
        let c = g.crop(1, 1, 3, 3);
        assert_eq!((c.width, c.height), (2, 2));
        assert_eq!(c.data[0], 0);
    }

    #[test]
    fn rotation_by_zero_is_identity_and_small_rotation_keeps_size() {
        let mut g = Gray::white(50, 40);
        for x in 5..45 {
            g.data[20 * 50 + x] = 0;
        }
        assert_eq!(g.rotate(0.0), g);
        let u = g.upscale(2.0);
        assert_eq!((u.width, u.height), (100, 80));
        assert!(u.data[40 * 100 + 20] < 128 && u.data[10 * 100 + 20] == 255);
        let r = g.rotate(1.0);
        assert_eq!((r.width, r.height), (50, 40));
        assert_eq!(g.clone().rotated(1.0), r);
        assert_eq!(g.clone().rotated(0.0), g);
    }

    #[test]
    fn pnm_read_in_place_is_the_copying_reader() {
        let mut g = Gray::white(5, 3);
        g.data[7] = 9;
        assert_eq!(pnm_into_raster(g.to_pgm()), Some(Raster::Gray(g)));
        let mut ppm = b"P6\n# comment\n2 1\n255\n".to_vec();
        ppm.extend_from_slice(&[1, 2, 3, 4, 5, 6, 7]);
        let rgb = Rgb::from_ppm(&ppm).expect("ppm");
        assert_eq!(pnm_into_raster(ppm), Some(Raster::Rgb(rgb)));
        assert_eq!(pnm_into_raster(b"P6\n2 1\n255\n12345".to_vec()), None);
    }
}
