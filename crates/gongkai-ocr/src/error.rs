//! Errors of the OCR stage.

/// Why a page could not be read by OCR.
#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    /// The Tesseract binary could not be started (not installed, or a wrong path).
    #[error(
        "tesseract not available ({path}): {reason}; install it with `{}`",
        crate::INSTALL_HINT
    )]
    TesseractMissing {
        /// The binary that was tried.
        path: String,
        /// What the system said.
        reason: String,
    },
    /// Tesseract ran but failed.
    #[error("tesseract failed: {0}")]
    TesseractFailed(String),
    /// The page image could not be decoded and no renderer was available.
    #[error("page image not decodable: {0}")]
    Undecodable(String),
    /// The page has no image to read.
    #[error("page has no image to OCR")]
    NoImage,
    /// The print found on the page would make an image for Tesseract larger than the
    /// bound (`Limits::max_render_pixels`, or four times the page's pixels when that is
    /// more): thousands of specks, not a page of print (noise, a damaged image). The page
    /// is left unread rather than read at that cost.
    #[error(
        "{pieces} pieces of print would make a {pixels}-pixel image for Tesseract (limit \
         {limit}): noise or a damaged image, not a page of print"
    )]
    TooManyPieces {
        /// Cells and lines of print found.
        pieces: usize,
        /// Pixels of the image they would make.
        pixels: u64,
        /// The bound in force.
        limit: u64,
    },
    /// An I/O error talking to a helper process.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
}

impl OcrError {
    /// Short stable identifier for reports.
    pub fn kind(&self) -> &'static str {
        match self {
            OcrError::TesseractMissing { .. } => "tesseract_missing",
            OcrError::TesseractFailed(_) => "tesseract_failed",
            OcrError::Undecodable(_) => "undecodable_image",
            OcrError::NoImage => "no_image",
            OcrError::TooManyPieces { .. } => "too_many_pieces",
            OcrError::Io(_) => "io",
        }
    }
}
