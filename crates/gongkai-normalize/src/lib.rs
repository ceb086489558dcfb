//! `gongkai-normalize`: turns the raw text of cells and sentences into typed values.
//! It knows nothing of PDFs or table geometry; every function takes strings.
//!
//! Amounts are exact `rust_decimal::Decimal`s, never floats; units scale by shifting the
//! decimal point; an absent value (blank, dash) is `None`, never zero; every repair made
//! to a value is recorded so that consumers can see what was changed.

#![forbid(unsafe_code)]

pub mod code;
pub mod date;
pub mod number;
pub mod target;
pub mod text;

pub use code::{split_code_name, CodeSystem, Code};
pub use date::{parse_cn_date, years_in, CnDate};
pub use number::{find_amounts, is_absent, join_fragments, parse_amount, parse_percent, yuan_string, Amount, AmountError, FoundAmount, Unit};
pub use target::{parse_target, Comparator, Target, TargetKind};
pub use text::{clean_text, match_key, remove_cjk_spaces};
