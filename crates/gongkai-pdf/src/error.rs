//! Typed errors for reading a PDF; every bad-input case has its own variant.

/// Why a document or page could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The file could not be read from disk.
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
    /// The file has zero bytes.
    #[error("empty file (0 bytes)")]
    Empty,
    /// The bytes do not start with a `%PDF-` header.
    #[error("not a PDF (no %PDF- header in the first 1024 bytes)")]
    NotPdf,
    /// The file is larger than the configured limit.
    #[error("file too large: {size} bytes (limit {limit})")]
    TooLarge {
        /// Size of the file in bytes.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// Encrypted with a user password, and none (or an empty one) was given.
    #[error("password required: the file is encrypted (pass --password)")]
    PasswordRequired,
    /// A password was given but it opens neither the user nor the owner lock.
    #[error("wrong password")]
    WrongPassword,
    /// The encryption scheme is not one we can decrypt.
    #[error("unsupported encryption: {0}")]
    UnsupportedEncryption(String),
    /// The file is truncated or its structure is damaged beyond recovery.
    #[error("corrupt or truncated PDF: {0}")]
    Corrupt(String),
    /// The page tree is missing, cyclic or otherwise unusable.
    #[error("broken page tree: {0}")]
    PageTree(String),
    /// The document has no pages at all.
    #[error("document has no pages")]
    NoPages,
    /// A page number outside `1..=count` was asked for.
    #[error("page {page} out of range (document has {count} pages)")]
    PageOutOfRange {
        /// The page asked for (1-based).
        page: usize,
        /// How many pages the document has.
        count: usize,
    },
    /// A page whose declared size is absurd (beyond what any viewer renders).
    #[error("page {page} has unreasonable dimensions {width}x{height} pt")]
    HugePage {
        /// The page (1-based).
        page: usize,
        /// Declared width in points.
        width: f64,
        /// Declared height in points.
        height: f64,
    },
    /// A page's content could not be decoded at all (its streams are broken).
    #[error("page {page}: content unreadable: {reason}")]
    BrokenContent {
        /// The page (1-based).
        page: usize,
        /// What went wrong.
        reason: String,
    },
    /// A bound of [`crate::Limits`] was passed: the page (or, with `page` `None`, the
    /// document) is refused rather than read at unbounded cost.
    #[error("{}over the limit of {limit} {what} (a hostile or broken file)", page_prefix(*.page))]
    LimitExceeded {
        /// The page (1-based), or `None` for the document as a whole.
        page: Option<usize>,
        /// What was counted (`content operators`, `glyphs`, `decoded content bytes`, …).
        what: &'static str,
        /// The bound in force.
        limit: u64,
    },
    /// The deadline given to [`crate::Document::page_until`] passed while the page was
    /// being read.
    #[error("page {page}: deadline passed while reading the page")]
    Timeout {
        /// The page (1-based).
        page: usize,
    },
    /// Last line of defence: a panic inside the reader was caught at the document
    /// boundary. Known bad inputs must never end up here (tests check that).
    #[error("internal error while reading (caught panic): {0}")]
    Panic(String),
}

impl PdfError {
    /// The page this error names in its message, if it names one.
    pub fn page(&self) -> Option<usize> {
        match self {
            PdfError::PageOutOfRange { page, .. }
            | PdfError::HugePage { page, .. }
            | PdfError::BrokenContent { page, .. }
            | PdfError::Timeout { page } => Some(*page),
            PdfError::LimitExceeded { page, .. } => *page,
            _ => None,
        }
    }

    /// A short stable identifier for reports and tests (`empty`, `not_pdf`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            PdfError::Io(_) => "io",
            PdfError::Empty => "empty",
            PdfError::NotPdf => "not_pdf",
            PdfError::TooLarge { .. } => "too_large",
            PdfError::PasswordRequired => "password_required",
            PdfError::WrongPassword => "wrong_password",
            PdfError::UnsupportedEncryption(_) => "unsupported_encryption",
            PdfError::Corrupt(_) => "corrupt",
            PdfError::PageTree(_) => "page_tree",
            PdfError::NoPages => "no_pages",
            PdfError::PageOutOfRange { .. } => "page_out_of_range",
            PdfError::HugePage { .. } => "huge_page",
            PdfError::BrokenContent { .. } => "broken_content",
            PdfError::LimitExceeded { .. } => "limit_exceeded",
            PdfError::Timeout { .. } => "timeout",
            PdfError::Panic(_) => "panic",
        }
    }
}

fn page_prefix(page: Option<usize>) -> String {
    page.map(|p| format!("page {p}: ")).unwrap_or_default()
}

/// Runs `f`, turning a panic into [`PdfError::Panic`] so that one bad document can never
/// take a batch down. This is the document-boundary guard; typed errors are the real path.
pub fn guard<T>(f: impl FnOnce() -> Result<T, PdfError>) -> Result<T, PdfError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let msg = if let Some(s) = payload.downcast_ref::<&str>() {
                (*s).to_string()
            } else if let Some(s) = payload.downcast_ref::<String>() {
                s.clone()
            } else {
                "unknown panic".to_string()
            };
            Err(PdfError::Panic(msg))
        }
    }
}
