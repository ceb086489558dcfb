//! The review site's page pictures when `pdftoppm` cannot render them: the debug SVG of
//! [`crate::Pdf::debug_svg`] (glyph boxes, rulings, cells) in their place.

use std::path::Path;
use std::sync::Arc;

use crate::Extractor;

impl Extractor {
    /// Options for [`crate::site::build`] whose page pictures fall back to this extractor's
    /// debug SVG when `pdftoppm` is missing or fails on a page.
    pub fn site_options(&self) -> gongkai_site::Options {
        let extractor = self.clone();
        let page_svg: gongkai_site::PageSvg = Arc::new(move |path: &Path, page: u32| {
            let mut pdf = extractor.open(path).ok()?;
            let (svg, _) = pdf.debug_svg(page as usize).ok()?;
            Some(svg)
        });
        gongkai_site::Options {
            page_svg: Some(page_svg),
            ..gongkai_site::Options::default()
        }
    }
}
