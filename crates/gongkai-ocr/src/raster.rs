//! Getting a page's raster: the embedded page image when it covers the page upright
//! and can be decoded here, else the page rendered by `pdftoppm` when it is installed.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use gongkai_geom::Rect;
use gongkai_pdf::{Document, PageContent};

use crate::image::Raster;
use crate::{decode, OcrError};

/// Where the raster came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RasterSource {
    /// The embedded image, decoded here.
    Embedded,
    /// The page rendered by pdftoppm.
    Rendered,
}

/// A page raster and the page rectangle (points, top-left origin) it covers.
#[derive(Debug, Clone)]
pub struct PageRaster {
    /// The pixels.
    pub raster: Raster,
    /// The part of the page the raster covers.
    pub rect: Rect,
    /// How it was obtained.
    pub source: RasterSource,
    /// Why the embedded image was not used, when the page was rendered.
    pub note: Option<String>,
}

/// The raster of a page: the largest image when it covers at least 80% of the page, its
/// pixel aspect matches its placement (so it is drawn upright) and no other image of 5%
/// of the page or more is drawn with it; else a rendering (falling back on the largest
/// image when pdftoppm is missing).
pub fn page_raster(
    doc: &Document,
    page: &PageContent,
    pdf: &[u8],
    pdftoppm: &Path,
    dpi: u32,
) -> Result<PageRaster, OcrError> {
    let page_rect = Rect {
        x0: 0.0,
        top: 0.0,
        x1: page.width,
        bottom: page.height,
    };
    let largest = page
        .images
        .iter()
        .filter_map(|i| i.bbox.intersection(&page_rect).map(|r| (r.area(), i)))
        .max_by(|a, b| {
            a.0.total_cmp(&b.0)
                .then(b.1.bbox.top.total_cmp(&a.1.bbox.top))
        });
    // Other sizeable images (stencil masks carrying the text over a blank background, as
    // some scanners write) mean the largest image alone is not the page: it is rendered,
    // and the embedded image is only the fallback when rendering fails.
    let others = page
        .images
        .iter()
        .filter(|i| largest.is_none_or(|(_, l)| !std::ptr::eq(*i, l)))
        .filter_map(|i| i.bbox.intersection(&page_rect).map(|r| r.area()))
        .filter(|&a| page_rect.area() > 0.0 && a / page_rect.area() >= 0.05)
        .count();
    let note;
    let mut fallback = None;
    if let Some((area, img)) = largest {
        let covers = page_rect.area() > 0.0 && area / page_rect.area() >= 0.8;
        let aspect_img = img.pixel_width as f64 / img.pixel_height.max(1) as f64;
        let aspect_box = img.bbox.width() / img.bbox.height().max(1e-6);
        let upright = (aspect_img / aspect_box - 1.0).abs() < 0.05;
        if !covers {
            note = Some("no page-sized image".to_string());
        } else if !upright {
            note = Some("page image drawn rotated".to_string());
        } else {
            match doc.image_data(page.page as usize, &img.source) {
                None => note = Some("page image data unreadable".to_string()),
                Some(raw) => match decode::decode(&raw) {
                    Ok(raster) => {
                        let embedded = PageRaster {
                            raster,
                            rect: img.bbox,
                            source: RasterSource::Embedded,
                            note: None,
                        };
                        if others == 0 {
                            return Ok(embedded);
                        }
                        note = Some(format!("{others} more images over the page image"));
                        fallback = Some(embedded);
                    }
                    Err(e) => note = Some(e.to_string()),
                },
            }
        }
    } else {
        note = Some("no image on page".to_string());
    }
    let limits = doc.limits();
    let most = limits.max_render_pixels.min(limits.max_image_pixels);
    let dpi = fit_dpi(dpi, page.width, page.height, most);
    let raster = match render(pdf, page.page, pdftoppm, dpi) {
        Ok(r) => r,
        Err(_) if fallback.is_some() => return fallback.ok_or(OcrError::NoImage),
        Err(e) => {
            return Err(OcrError::Undecodable(format!(
                "{}; rendering failed: {e}",
                note.clone().unwrap_or_default()
            )))
        }
    };
    Ok(PageRaster {
        raster,
        rect: page_rect,
        source: RasterSource::Rendered,
        note,
    })
}

/// The resolution at which a page of `width` × `height` points is rendered: `dpi`, or less
/// so that the raster stays within `max_pixels` (a page of absurd size is not rendered
/// at the resolution meant for paper).
pub fn fit_dpi(dpi: u32, width: f64, height: f64, max_pixels: u64) -> u32 {
    let square_inches = (width / 72.0) * (height / 72.0);
    if square_inches.is_nan() || square_inches <= 0.0 {
        return dpi;
    }
    let most = (max_pixels as f64 / square_inches).sqrt().floor();
    if most >= f64::from(dpi) {
        dpi
    } else {
        (most as u32).max(1)
    }
}

/// Renders page `n` in colour with pdftoppm (PDF on stdin, PPM on stdout).
pub fn render(pdf: &[u8], n: u32, pdftoppm: &Path, dpi: u32) -> Result<Raster, OcrError> {
    let mut child = Command::new(pdftoppm)
        .args([
            "-r",
            &dpi.to_string(),
            "-f",
            &n.to_string(),
            "-l",
            &n.to_string(),
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            OcrError::Undecodable(format!(
                "pdftoppm not available ({e}); install poppler-utils"
            ))
        })?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| OcrError::Undecodable("pdftoppm: no stdin".into()))?;
    // The document is written from a scoped thread borrowing it (no copy of a large
    // scan), and the raster read in place (no second copy of its pixels).
    let out = std::thread::scope(|s| {
        s.spawn(move || {
            let _ = stdin.write_all(pdf);
        });
        child.wait_with_output()
    })?;
    if !out.status.success() {
        return Err(OcrError::Undecodable(format!(
            "pdftoppm: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    crate::image::pnm_into_raster(out.stdout)
        .ok_or_else(|| OcrError::Undecodable("pdftoppm output not PNM".into()))
}

#[cfg(test)]
mod tests {
    use super::fit_dpi;

    #[test]
    fn rendering_resolution_fits_the_pixel_bound() {
        // A4 and A3 at 300 dpi are well within 40 M pixels: unchanged.
        assert_eq!(fit_dpi(300, 595.0, 842.0, 40_000_000), 300);
        assert_eq!(fit_dpi(300, 842.0, 1191.0, 40_000_000), 300);
        // A page of 200 × 200 inches: 31 dpi keeps it under 40 M pixels (6,200² = 38.4 M).
        assert_eq!(fit_dpi(300, 14_400.0, 14_400.0, 40_000_000), 31);
        assert_eq!(fit_dpi(300, 0.0, 842.0, 40_000_000), 300);
        // The OCR bound: A3 at 300 dpi fits 17.5 M pixels, a 1,225.5 × 1,800 pt page
        // (38 M pixels at 300 dpi) is rendered at 202 dpi (3,438 × 5,050 = 17.4 M).
        let ocr = gongkai_geom::Limits::default().max_render_pixels;
        assert_eq!(fit_dpi(300, 842.0, 1191.0, ocr), 300);
        assert_eq!(fit_dpi(300, 1225.5, 1800.0, ocr), 202);
    }
}
