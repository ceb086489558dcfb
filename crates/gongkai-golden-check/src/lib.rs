//! Consistency checks for the golden records in `golden/*.json`.
//!
//! The golden files are written by `scripts/make_samples.py` from the data it put into the
//! sample PDFs, never from gongkai's output. The integration test
//! `tests/golden_identities.rs` re-checks every arithmetic identity of that ground truth with
//! exact decimals (and the grid shape of every table), so that a mistake in the generator
//! cannot silently become "truth". The one deliberately wrong sample must fail exactly the
//! identity its golden file marks.
