//! The debugging SVG ([`crate::Pdf::debug_svg`]): what gongkai found on a page — glyph
//! boxes, ruling segments, image placements, table cells with spans, titles — drawn over
//! the page rendered by `pdftoppm` when it is installed (pdfplumber's visual debugging, as
//! a file you open in a browser).

use std::path::Path;
use std::process::Command;

use gongkai_geom::Orientation;
use gongkai_table::{extract_tables, PageInput, TableOptions};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page rendered at 72 dpi as a base64 PNG, when `pdftoppm` is installed (upright, like
/// our coordinates).
fn background(file: &Path, page: usize, password: Option<&str>) -> Option<String> {
    let mut cmd = Command::new("pdftoppm");
    cmd.args([
        "-r",
        "72",
        "-png",
        "-singlefile",
        "-f",
        &page.to_string(),
        "-l",
        &page.to_string(),
    ]);
    if let Some(p) = password {
        cmd.args(["-upw", p]);
    }
    let out = cmd.arg(file).output().ok()?;
    (out.status.success() && !out.stdout.is_empty()).then(|| base64(&out.stdout))
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                s.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

/// The SVG of page `page` of the file at `file`, whose content (read by OCR when it is a
/// scan) is `c`.
pub(crate) fn svg(
    file: &Path,
    password: Option<&str>,
    page: usize,
    c: &gongkai_pdf::PageContent,
) -> String {
    let input = PageInput {
        page: c.page,
        width: c.width,
        height: c.height,
        glyphs: &c.glyphs,
        segments: &c.segments,
    };
    let tables = extract_tables(&input, &TableOptions::default());
    let mut svg = String::new();
    let (w, h) = (c.width, c.height);
    svg.push_str(&format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{:.0}\" height=\"{:.0}\" viewBox=\"0 0 {w:.2} {h:.2}\" font-family=\"sans-serif\">\n", w * 1.5, h * 1.5));
    svg.push_str(&format!(
        "<title>{} page {page}: {} glyphs, {} rulings, {} images, {} tables</title>\n",
        esc(&file.display().to_string()),
        c.glyphs.len(),
        c.segments.len(),
        c.images.len(),
        tables.len()
    ));
    match background(file, page, password) {
        Some(png) => svg.push_str(&format!("<image x=\"0\" y=\"0\" width=\"{w:.2}\" height=\"{h:.2}\" opacity=\"0.45\" href=\"data:image/png;base64,{png}\"/>\n")),
        None => svg.push_str(&format!("<rect x=\"0\" y=\"0\" width=\"{w:.2}\" height=\"{h:.2}\" fill=\"white\"/>\n")),
    }
    svg.push_str("<g id=\"images\" fill=\"#888\" fill-opacity=\"0.15\" stroke=\"#888\" stroke-width=\"0.5\">\n");
    for i in &c.images {
        let b = i.bbox;
        svg.push_str(&format!(
            "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\"/>\n",
            b.x0,
            b.top,
            b.width(),
            b.height()
        ));
    }
    svg.push_str(
        "</g>\n<g id=\"glyphs\" fill=\"none\" stroke=\"#2a9d2a\" stroke-width=\"0.25\">\n",
    );
    for g in &c.glyphs {
        let b = g.bbox;
        let colour = if g.text.contains('\u{FFFD}') {
            " stroke=\"#e07000\""
        } else {
            ""
        };
        svg.push_str(&format!("<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\"{colour}><title>{} {} {:.1}pt</title></rect>\n", b.x0, b.top, b.width(), b.height(), esc(&g.text), esc(&g.font), g.size));
    }
    svg.push_str("</g>\n<g id=\"rulings\" stroke=\"#d62828\" stroke-width=\"0.8\">\n");
    for s in &c.segments {
        let (x1, y1, x2, y2) = match s.orientation {
            Orientation::Horizontal => (s.x0, s.top, s.x1, s.top),
            Orientation::Vertical => (s.x0, s.top, s.x0, s.bottom),
        };
        svg.push_str(&format!(
            "<line x1=\"{x1:.2}\" y1=\"{y1:.2}\" x2=\"{x2:.2}\" y2=\"{y2:.2}\"/>\n"
        ));
    }
    svg.push_str("</g>\n<g id=\"tables\">\n");
    for (n, t) in tables.iter().enumerate() {
        let b = t.bbox;
        let label = format!(
            "table {n} ({:?}, {}×{}) {}{}",
            t.method,
            t.n_rows,
            t.n_cols,
            t.title.as_deref().unwrap_or(""),
            t.unit
                .as_deref()
                .map(|u| format!(" [{u}]"))
                .unwrap_or_default()
        );
        svg.push_str(&format!("<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"none\" stroke=\"#1d4ed8\" stroke-width=\"1.2\"/>\n", b.x0, b.top, b.width(), b.height()));
        svg.push_str(&format!(
            "<text x=\"{:.2}\" y=\"{:.2}\" font-size=\"6\" fill=\"#1d4ed8\">{}</text>\n",
            b.x0,
            (b.top - 2.0).max(6.0),
            esc(&label)
        ));
        for cell in &t.cells {
            let cb = cell.bbox;
            let span = cell.rowspan > 1 || cell.colspan > 1;
            let fill = if span {
                "#1d4ed8\" fill-opacity=\"0.08"
            } else {
                "none"
            };
            svg.push_str(&format!(
                "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"{fill}\" stroke=\"#1d4ed8\" stroke-width=\"0.4\" stroke-dasharray=\"2 1\"><title>r{} c{} span {}×{}: {}</title></rect>\n",
                cb.x0,
                cb.top,
                cb.width(),
                cb.height(),
                cell.row,
                cell.col,
                cell.rowspan,
                cell.colspan,
                esc(&cell.text)
            ));
        }
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(super::base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(super::base64(b"fooba"), "Zm9vYmE=");
        assert_eq!(super::base64(b"foob"), "Zm9vYg==");
    }
}
