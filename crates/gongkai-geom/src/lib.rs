//! Page geometry shared by every gongkai stage.
//!
//! Coordinates follow pdfplumber's object model: points (1/72 inch), origin at the
//! top-left corner of the *displayed* (upright, `/Rotate` applied) page, `x` growing to
//! the right and `top`/`bottom` growing downwards. The PDF reader produces these types,
//! the OCR stage produces them from rasters, and the table stage consumes them without
//! knowing where they came from.

use serde::{Deserialize, Serialize};

pub mod layout;
mod limits;

pub use limits::Limits;

/// Axis-aligned rectangle: `x0 <= x1`, `top <= bottom`, in points from the top-left.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Rect {
    /// Left edge.
    pub x0: f64,
    /// Top edge (distance from the top of the page).
    pub top: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom edge (distance from the top of the page).
    pub bottom: f64,
}

impl Rect {
    /// Builds a rectangle from any two corners, normalising the order.
    pub fn from_corners(ax: f64, ay: f64, bx: f64, by: f64) -> Self {
        Rect {
            x0: ax.min(bx),
            top: ay.min(by),
            x1: ax.max(bx),
            bottom: ay.max(by),
        }
    }
    /// Width (`x1 - x0`).
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }
    /// Height (`bottom - top`).
    pub fn height(&self) -> f64 {
        self.bottom - self.top
    }
    /// Horizontal centre.
    pub fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    /// Vertical centre.
    pub fn cy(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }
    /// True when the point lies inside or on the border.
    pub fn contains_point(&self, x: f64, y: f64) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.top && y <= self.bottom
    }
    /// Smallest rectangle covering both.
    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(other.x0),
            top: self.top.min(other.top),
            x1: self.x1.max(other.x1),
            bottom: self.bottom.max(other.bottom),
        }
    }
    /// Overlap of the two rectangles, if they overlap with positive area.
    pub fn intersection(&self, other: &Rect) -> Option<Rect> {
        let r = Rect {
            x0: self.x0.max(other.x0),
            top: self.top.max(other.top),
            x1: self.x1.min(other.x1),
            bottom: self.bottom.min(other.bottom),
        };
        (r.x0 < r.x1 && r.top < r.bottom).then_some(r)
    }
    /// Area in square points.
    pub fn area(&self) -> f64 {
        self.width().max(0.0) * self.height().max(0.0)
    }
    /// `[x0, top, x1, bottom]` rounded to 2 decimals, the form used in JSON output.
    pub fn to_array(&self) -> [f64; 4] {
        [
            round2(self.x0),
            round2(self.top),
            round2(self.x1),
            round2(self.bottom),
        ]
    }
}

/// Rounds to two decimals so that JSON output is stable and readable.
pub fn round2(v: f64) -> f64 {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// Where a glyph's Unicode text came from; lets consumers judge how far to trust it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnicodeSource {
    /// The font's /ToUnicode CMap.
    ToUnicode,
    /// A simple font's encoding (base encoding, /Differences, glyph names).
    Encoding,
    /// A predefined CJK CMap (e.g. UniGB-UCS2-H) whose codes are Unicode.
    PredefinedCmap,
    /// The CID collection's CID→Unicode table (e.g. Adobe-GB1), for CID fonts without ToUnicode.
    CidCollection,
    /// Recognised by OCR from an image.
    Ocr,
    /// No mapping found: `text` is U+FFFD and must not be trusted.
    Missing,
}

/// One shown glyph (a "char" in pdfplumber's terms).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Glyph {
    /// Unicode text (usually one char; ligatures may give several; U+FFFD when unknown).
    pub text: String,
    /// Glyph box on the upright page.
    pub bbox: Rect,
    /// Font resource's base name (subset prefix removed), or "ocr".
    pub font: String,
    /// Effective font size in points (text size scaled by the text and current matrices).
    pub size: f64,
    /// False for glyphs whose writing direction is not left-to-right on the upright page
    /// (rotated text): table layout treats them separately.
    pub upright: bool,
    /// How `text` was obtained.
    pub source: UnicodeSource,
    /// Recognition confidence in `[0, 1]` for OCR glyphs; `None` for text-layer glyphs.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub confidence: Option<f32>,
}

/// Orientation of a ruling segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    /// Constant `top`, spans `x0..x1`.
    Horizontal,
    /// Constant `x0`, spans `top..bottom`.
    Vertical,
}

/// An axis-aligned ruling line on the upright page: a stroked segment, a rectangle
/// edge, or a thin filled rectangle used as a line.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// Horizontal or vertical.
    pub orientation: Orientation,
    /// Extent; for a horizontal segment `top == bottom`, for a vertical one `x0 == x1`.
    pub x0: f64,
    /// Top of the extent.
    pub top: f64,
    /// Right of the extent.
    pub x1: f64,
    /// Bottom of the extent.
    pub bottom: f64,
    /// Stroke width (or the thickness of the filled rectangle) in points.
    pub width: f64,
}

impl Segment {
    /// A horizontal segment at `y` from `xa` to `xb` (any order).
    pub fn horizontal(y: f64, xa: f64, xb: f64, width: f64) -> Self {
        Segment {
            orientation: Orientation::Horizontal,
            x0: xa.min(xb),
            x1: xa.max(xb),
            top: y,
            bottom: y,
            width,
        }
    }
    /// A vertical segment at `x` from `ya` to `yb` (any order).
    pub fn vertical(x: f64, ya: f64, yb: f64, width: f64) -> Self {
        Segment {
            orientation: Orientation::Vertical,
            x0: x,
            x1: x,
            top: ya.min(yb),
            bottom: ya.max(yb),
            width,
        }
    }
    /// Length along its orientation.
    pub fn length(&self) -> f64 {
        match self.orientation {
            Orientation::Horizontal => self.x1 - self.x0,
            Orientation::Vertical => self.bottom - self.top,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rect_from_corners_normalises() {
        let r = Rect::from_corners(10.0, 20.0, 5.0, 2.0);
        assert_eq!(
            r,
            Rect {
                x0: 5.0,
                top: 2.0,
                x1: 10.0,
                bottom: 20.0
            }
        );
        assert_eq!(r.width(), 5.0);
        assert_eq!(r.height(), 18.0);
    }

    #[test]
    fn intersection_requires_positive_area() {
        let a = Rect {
            x0: 0.0,
            top: 0.0,
            x1: 10.0,
            bottom: 10.0,
        };
        let b = Rect {
            x0: 10.0,
            top: 0.0,
            x1: 20.0,
            bottom: 10.0,
        };
        assert!(a.intersection(&b).is_none());
        let c = Rect {
            x0: 5.0,
            top: 5.0,
            x1: 20.0,
            bottom: 20.0,
        };
        assert_eq!(a.intersection(&c).map(|r| r.area()), Some(25.0));
    }

    #[test]
    fn segment_constructors_order_ends() {
        let h = Segment::horizontal(3.0, 9.0, 1.0, 0.5);
        assert_eq!((h.x0, h.x1, h.length()), (1.0, 9.0, 8.0));
        let v = Segment::vertical(3.0, 9.0, 1.0, 0.5);
        assert_eq!((v.top, v.bottom, v.length()), (1.0, 9.0, 8.0));
    }
}
