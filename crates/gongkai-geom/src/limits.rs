//! Bounds that a hostile or broken file cannot pass, in one place for every stage. Each is
//! far above anything a real disclosure needs, so that a real document never meets one,
//! while a crafted page costs bounded time and memory.

/// Resource bounds for reading a document, passed as a value (in `gongkai_pdf`'s
/// `OpenOptions::limits` and `gongkai_table`'s `TableOptions::limits`). The PDF reader
/// refuses a page over a bound with its `LimitExceeded` error (the whole document, for
/// the object count) and skips form nesting beyond its bound with a page warning; the
/// table stage reads no ruled table on a page over [`Limits::max_grid_cells`], and no
/// borderless one in a region over [`Limits::max_table_texts`], and says so in a page
/// warning. Each default is given with the largest value met on the corpus and
/// the samples (249 + 46 PDFs, 2026-12-04, measured with `cargo run --release -p
/// gongkai-table --example usage -- FILE…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Content-stream operators run for one page: its streams, the form XObjects and
    /// annotation appearances it draws, repeats counted. Default 2,000,000 (largest
    /// met: 19,301). About half a second of work.
    pub max_operators: u64,
    /// Decoded content bytes interpreted for one page: the `/Contents` streams as a whole
    /// plus every form drawn, repeats counted (a page listing one stream 100,000 times
    /// counts it 100,000 times, though each distinct stream is decoded and held once).
    /// Default 32 MiB (largest met: 444,157 bytes).
    pub max_content_bytes: u64,
    /// Glyphs on one page. Default 250,000 (largest met: 11,378).
    pub max_glyphs: usize,
    /// Ruling segments and filled rectangles on one page, and elements of a path being
    /// built. Default 100,000 (largest met: 1,340).
    pub max_rulings: usize,
    /// Image placements on one page. Default 20,000 (largest met: 342).
    pub max_images: usize,
    /// Pixels (width × height) of one image decoded for OCR (and a bound on a page
    /// rendered for OCR, with [`Limits::max_render_pixels`]). Default 40,000,000, an A4
    /// page scanned at 600 dpi (largest met: 12,710,628).
    pub max_image_pixels: u64,
    /// Pixels of a page rendered for OCR: a larger page is rendered at a lower
    /// resolution to fit. Reading a scanned page holds about ten bytes per pixel at its
    /// peak (the colour raster, its gray and binary forms, the masks), so this bounds the
    /// memory of OCR per page. Default 17,500,000, an A3 page at 300 dpi (largest met:
    /// 8.7 M, A4 at 300 dpi; a poster-sized test page of 1,225 × 1,800 pt took 900 MB
    /// at 300 dpi).
    pub max_render_pixels: u64,
    /// Form XObjects nested inside each other; deeper ones are skipped with a page
    /// warning. Default 16 (largest met: 4).
    pub max_form_depth: usize,
    /// Indirect objects in one document. Default 1,000,000 (largest met: 22,378).
    pub max_objects: usize,
    /// The grid a page's rulings can form: merged horizontal rules × merged vertical
    /// rules. Over it, no ruled table is read on the page (a page warning says so); it
    /// bounds the cells of every ruled table and the work of linking rules into tables.
    /// Default 100,000 (largest met: 6,768).
    pub max_grid_cells: usize,
    /// Texts (runs of words on a line) in one region of aligned text read as a borderless
    /// table; a larger region is not read (a page warning says so). Default 5,000
    /// (largest met: 616, in a region of 58 lines).
    pub max_table_texts: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_operators: 2_000_000,
            max_content_bytes: 32 << 20,
            max_glyphs: 250_000,
            max_rulings: 100_000,
            max_images: 20_000,
            max_image_pixels: 40_000_000,
            max_render_pixels: 17_500_000,
            max_form_depth: 16,
            max_objects: 1_000_000,
            max_grid_cells: 100_000,
            max_table_texts: 5_000,
        }
    }
}
