//! `gongkai-normalize`: turns the raw text of cells and sentences into typed values.
//! It knows nothing of PDFs or table geometry; every function takes strings.
//!
//! Amounts are exact `rust_decimal::Decimal`s, never floats; units scale by shifting the
//! decimal point; an absent value (blank, dash, placeholder) is `None`, never zero; text is
//! an error, never zero; every repair made to a value is recorded so that consumers can see
//! what was changed. The rules follow `shared/docs/disclosure-domain.md` §7.1 and §8.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod code;
pub mod date;
pub mod narrative;
pub mod number;
pub mod percent;
pub mod target;
pub mod text;
pub mod unit;

pub use code::{
    function_class_by_damaged_name, function_class_by_misread_name, function_class_by_name,
    normalize_project_code, parse_code, parse_code_parts, parse_economic_code, parse_function_code,
    split_code_name, strip_ordinal, Code, CodeError, CodeSystem, MisreadClass, ProjectCode,
};
pub use date::{parse_cn_date, years_in, CnDate, DatePrecision};
pub use narrative::{find_amounts, FoundAmount};
pub use number::{
    absent_kind, is_absent, parse_amount, parse_cell, yuan_string, Absent, Amount, AmountError,
    CellValue, Money, Repair,
};
pub use percent::{join_fragments, parse_percent};
pub use target::{figure_unread, parse_target, Comparator, Target, TargetKind};
pub use text::{
    clean_text, fold_variants, is_cjk, match_key, remove_cjk_spaces, repair_homoglyphs,
    strip_inline_markup,
};
pub use unit::{parse_unit_line, to_yuan, Unit, UnitLine};
