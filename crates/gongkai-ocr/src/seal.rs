//! Colour to gray with red seals removed. A Chinese official seal is a red circle
//! (often with a star and a ring of characters) stamped over the text; OCR reads it as
//! garbage. Red ink is recognised by hue and saturation, and for those pixels only the
//! red channel is kept: red ink is as bright as paper there, while black print under
//! the seal (rules, digits) keeps a low red channel and stays dark.

use crate::image::{Gray, Raster, Rgb};

/// The gray image and how many pixels were taken as seal ink.
#[derive(Debug, Clone)]
pub struct Grayed {
    /// Gray image with seal ink turned to paper.
    pub gray: Gray,
    /// Pixels recognised as red seal ink.
    pub seal_pixels: usize,
    /// Where the seal is (255) and is not (0), when there is one: rules under an opaque
    /// seal are invisible, so line detection bridges gaps inside this mask.
    pub mask: Option<Gray>,
}

/// True for a saturated red (or red-orange/magenta-red) pixel.
pub fn is_seal_red(r: u8, g: u8, b: u8) -> bool {
    let (r, g, b) = (r as i32, g as i32, b as i32);
    let max_gb = g.max(b);
    // Red channel clearly dominant and the pixel saturated; JPEG chroma fringes at
    // the edge of black strokes stay below these margins.
    // Red over black print stays darker (r < 130): that is text or a rule under the seal.
    r >= 130 && r - max_gb >= 60 && (g - b).abs() <= 90
}

/// Reduces a raster to gray (Rec. 601 luma; seal-red pixels by their red channel).
pub fn to_gray(raster: &Raster) -> Grayed {
    match raster {
        Raster::Gray(g) => Grayed {
            gray: g.clone(),
            seal_pixels: 0,
            mask: None,
        },
        Raster::Rgb(c) => rgb_to_gray(c),
    }
}

/// [`to_gray`], taking the raster: a gray raster is kept as it is (no copy), a colour
/// one is dropped once reduced.
pub fn into_gray(raster: Raster) -> Grayed {
    match raster {
        Raster::Gray(gray) => Grayed {
            gray,
            seal_pixels: 0,
            mask: None,
        },
        Raster::Rgb(c) => rgb_to_gray(&c),
    }
}

fn rgb_to_gray(c: &Rgb) -> Grayed {
    // Seal pixels keep only their red channel: red ink is bright there (like paper),
    // while black print under the seal stays dark, so rules and text survive. The
    // channel is scaled so that the page's typical seal red becomes white.
    let mut reds: Vec<u8> = c
        .data
        .chunks_exact(3)
        .filter(|p| is_seal_red(p[0], p[1], p[2]))
        .map(|p| p[0])
        .collect();
    let seal = reds.len();
    let reference = if reds.is_empty() {
        255
    } else {
        let mid = reds.len() / 2;
        *reds.select_nth_unstable(mid).1
    }
    .max(1) as u32;
    let mut data = Vec::with_capacity(c.width * c.height);
    let mut mask = if seal > 0 {
        Some(Gray {
            width: c.width,
            height: c.height,
            data: vec![0; c.width * c.height],
        })
    } else {
        None
    };
    for (i, p) in c.data.chunks_exact(3).enumerate() {
        if is_seal_red(p[0], p[1], p[2]) {
            if let Some(m) = mask.as_mut() {
                m.data[i] = 255;
            }
            data.push((p[0] as u32 * 255 / reference).min(255) as u8);
        } else {
            let y = (299 * p[0] as u32 + 587 * p[1] as u32 + 114 * p[2] as u32 + 500) / 1000;
            data.push(y.min(255) as u8);
        }
    }
    // The seal's fringe (JPEG-blurred edges, less saturated than the ink) is judged by
    // the red channel too: reddish fringe turns light, black print stays dark.
    if let Some(m) = &mask {
        let near = dilate(m, 3);
        for ((v, p), &n) in data.iter_mut().zip(c.data.chunks_exact(3)).zip(&near) {
            // Light reddish only: black print under red ink is dark red (luma below ~100),
            // its red channel low too. A dark red with a red channel of 100 or more and
            // well above the others is the seal's own ink where it lies thick or a
            // photocopy darkened it (tuning seed 116, pp.6 and 12: rings of it left
            // under a title and over the cells, read as `政府性区到万元` and `0500`).
            let red = p[0] as u32;
            let other = p[1].max(p[2]) as u32;
            let light = *v >= 110 && red > other + 20;
            let dark_seal = red >= 100 && red >= other + 45;
            if n && (light || dark_seal) {
                *v = (red * 255 / reference).min(255) as u8;
            }
        }
    }
    Grayed {
        gray: Gray {
            width: c.width,
            height: c.height,
            data,
        },
        seal_pixels: seal,
        mask,
    }
}

/// The seal mask as flags, widened by `r` pixels (the seal's anti-aliased fringe).
pub fn dilate(mask: &Gray, r: usize) -> Vec<bool> {
    let (w, h) = (mask.width, mask.height);
    // Separable: horizontal then vertical maximum.
    let mut tmp = vec![false; w * h];
    for y in 0..h {
        let row = &mask.data[y * w..(y + 1) * w];
        for x in 0..w {
            if row[x] > 127 {
                for t in &mut tmp[y * w + x.saturating_sub(r)..y * w + (x + r + 1).min(w)] {
                    *t = true;
                }
            }
        }
    }
    let mut out = vec![false; w * h];
    for y in 0..h {
        for x in 0..w {
            if tmp[y * w + x] {
                for yy in y.saturating_sub(r)..(y + r + 1).min(h) {
                    out[yy * w + x] = true;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn red_goes_black_stays() {
        assert!(is_seal_red(220, 40, 40));
        assert!(is_seal_red(200, 90, 100));
        assert!(!is_seal_red(120, 40, 43)); // black rule under red ink
        assert!(!is_seal_red(20, 20, 20));
        assert!(!is_seal_red(250, 250, 250));
        assert!(!is_seal_red(90, 30, 30)); // dark: red over black text
        let c = Rgb {
            width: 4,
            height: 1,
            data: vec![220, 30, 40, 10, 10, 10, 255, 255, 255, 140, 40, 40],
        };
        let g = to_gray(&Raster::Rgb(c));
        // Seal red → paper; black stays; red-over-black (red channel 140) stays darkish.
        assert_eq!(g.gray.data[..3], [255, 10, 255]);
        assert!(g.gray.data[3] < 200);
        assert_eq!(g.seal_pixels, 2);
    }

    #[test]
    fn a_seal_dark_where_thick_goes_too() {
        // Beside seal red: the seal's own dark red (red channel 120, tuning seed 116
        // p.12) is taken by its red channel against the seal's (145, where its luma is
        // 71); black print and red over black (red channel 90) stay dark.
        let c = Rgb {
            width: 5,
            height: 1,
            data: vec![
                210, 40, 40, 120, 50, 55, 10, 10, 10, 90, 30, 30, 200, 45, 45,
            ],
        };
        let g = to_gray(&Raster::Rgb(c));
        assert_eq!(g.seal_pixels, 2);
        assert_eq!(g.gray.data[1], 145);
        assert_eq!(g.gray.data[2], 10);
        assert!(g.gray.data[3] < 60, "{:?}", g.gray.data);
    }
}
