//! Exact amounts (§7.1, §8.5–8.6): parsing printed numbers into `rust_decimal::Decimal` with
//! their printed resolution and the repairs made; absent cells (blank, dash, placeholder) are
//! `None`, never zero; text is an error, never zero.

use std::str::FromStr;
use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::unit::{to_yuan, Unit};

/// Largest number of integer digits accepted (10¹⁵ 亿元 is already far beyond any budget);
/// with [`MAX_FRACTION_DIGITS`] this keeps every parsed amount exact after ×10⁸.
pub const MAX_INTEGER_DIGITS: usize = 15;
/// Largest number of printed decimals accepted.
pub const MAX_FRACTION_DIGITS: usize = 6;

/// A repair made while reading a number; its `as_str` is the tag stored in `repairs[]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Repair {
    /// `41. 82` → `41.82`, `7 .10` → `7.10`, `25.. 00` → `25.00` (a space or a doubled point
    /// inside the number, from wrapped cells).
    JoinSplitDecimal,
    /// `31,214,205.80` → `31214205.80` (`,` `，` thin space).
    StripThousands,
    /// Full-width digits or separators (`１，２３４．５`) read as ASCII.
    FullwidthDigits,
    /// `(12.00)` → `-12.00` (accounting negative).
    ParenNegative,
}

impl Repair {
    /// The tag stored in `repairs[]` (`join_split_decimal`, `strip_thousands`,
    /// `fullwidth_digits`, `paren_negative`).
    pub fn as_str(self) -> &'static str {
        match self {
            Repair::JoinSplitDecimal => "join_split_decimal",
            Repair::StripThousands => "strip_thousands",
            Repair::FullwidthDigits => "fullwidth_digits",
            Repair::ParenNegative => "paren_negative",
        }
    }
}

/// A number as printed, parsed exactly. The value is in the printed unit (the unit is a
/// property of the table or of the narrative suffix, see [`Amount::in_unit`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// The unit-less number as printed, exact (`41. 82` → `41.82`, scale kept).
    pub value: Decimal,
    /// The cell text as printed.
    pub raw: String,
    /// Printed precision in the printed unit: 0.01 for "706.28", 1 for "1" and "1,234".
    pub resolution: Decimal,
    /// Repair tags applied to read it, in order (see [`Repair::as_str`]).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub repairs: Vec<String>,
}

impl Amount {
    /// The value in yuan, given the unit it was printed in. Exact for every amount from
    /// [`parse_amount`] (bounded to 15 + 6 digits); a hand-built amount beyond `Decimal`'s range
    /// saturates — use [`Amount::in_unit`] to get an error instead.
    pub fn yuan(&self, unit: Unit) -> Decimal {
        to_yuan(self.value, unit).unwrap_or(if self.value.is_sign_negative() {
            Decimal::MIN
        } else {
            Decimal::MAX
        })
    }

    /// The printed precision in yuan ("0" 万元 → 10000, "706.28" 万元 → 100.00).
    pub fn resolution_yuan(&self, unit: Unit) -> Decimal {
        to_yuan(self.resolution, unit).unwrap_or(Decimal::MAX)
    }

    /// The amount with its unit and its yuan value and resolution, for JSON output.
    pub fn in_unit(&self, unit: Unit) -> Result<Money, AmountError> {
        Ok(Money {
            yuan: yuan_scale(to_yuan(self.value, unit)?),
            resolution_yuan: to_yuan(self.resolution, unit)?,
            unit,
            amount: self.clone(),
        })
    }
}

/// An amount together with its unit, scaled to yuan (the §7.1 record form).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Money {
    /// The number as printed.
    pub amount: Amount,
    /// The unit it was printed in.
    pub unit: Unit,
    /// Exact value in yuan, at least two decimals ("0.00", "7062800.00").
    pub yuan: Decimal,
    /// Printed precision in yuan.
    pub resolution_yuan: Decimal,
}

/// Why a cell prints no value (§7.1: blank and dash are both `null`, but recorded apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Absent {
    /// Empty or whitespace only.
    Blank,
    /// `-`, `—`, `－`, `/` and runs of them.
    Dash,
    /// A template placeholder left in (`XX`, `××`, `待填写`, `……`, §8.19): worth a finding.
    Placeholder,
}

/// A numeric cell: a number, or the reason there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum CellValue {
    /// A parsed number.
    Number(Amount),
    /// No value printed.
    Absent {
        /// Blank, dash or placeholder.
        why: Absent,
    },
}

/// Why a cell's text is not an amount. Text is never read as zero.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// The text is not a number (a label, a note, a percentage, `1.2.3`).
    #[error("not a number: {0:?}")]
    NotANumber(String),
    /// Thousands separators in the wrong places (`12,34`): possibly two numbers run together.
    #[error("misplaced thousands separators: {0:?}")]
    BadGrouping(String),
    /// More than 15 integer digits or 6 decimals: not a plausible amount.
    #[error("too many digits for an amount: {0:?}")]
    TooLong(String),
    /// Scaling to yuan left `Decimal`'s range.
    #[error("amount out of range after scaling: {0}")]
    Overflow(String),
}

/// Classifies a cell that prints no value: blank, dash, or placeholder; `None` when the cell
/// has content that must be parsed.
pub fn absent_kind(s: &str) -> Option<Absent> {
    let t = s.trim();
    if t.is_empty() {
        return Some(Absent::Blank);
    }
    if t.chars().all(|c| {
        matches!(
            c,
            '-' | '—' | '－' | '–' | '―' | '─' | '/' | '／' | '‐' | '‑' | ' ' | '\u{3000}'
        )
    }) {
        return Some(Absent::Dash);
    }
    let placeholder = t
        .chars()
        .all(|c| matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ' | '×' | '…' | '.'))
        && t.chars().any(|c| c != '.')
        || matches!(t, "待填写" | "待定" | "{单位}" | "（待填写）" | "(待填写)");
    placeholder.then_some(Absent::Placeholder)
}

/// True for cells that print no value: blank, dash, or placeholder (see [`absent_kind`]).
pub fn is_absent(s: &str) -> bool {
    absent_kind(s).is_some()
}

/// Full-width digits and separators to ASCII, minus signs unified; reports whether any
/// full-width form was read (the `fullwidth_digits` repair; minus forms are not repairs).
fn ascii_digits(s: &str) -> (String, bool) {
    let mut changed = false;
    let out = s
        .chars()
        .map(|c| {
            let m = match c {
                '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '．' => '.',
                '，' => ',',
                '（' => '(',
                '）' => ')',
                '％' => '%',
                '－' | '−' | '–' | '‐' | '‑' => return '-',
                _ => c,
            };
            changed |= m != c;
            m
        })
        .collect();
    (out, changed)
}

fn split_decimal_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(\d)(?:\s+\.\s*|\s*\.\s+|\s*\.\s*\.\s*)(\d)").expect("static regex")
    })
}

fn grouping_ok(int_part: &str) -> bool {
    let groups: Vec<&str> = int_part.split(',').collect();
    let first = groups.first().map_or(0, |g| g.len());
    (1..=3).contains(&first) && groups.iter().skip(1).all(|g| g.len() == 3)
}

/// Parses an amount cell exactly. `Ok(None)` for blank, dash and placeholder cells (absent,
/// not zero: use [`parse_cell`] or [`absent_kind`] to learn which); `Err` for text that is
/// not a number. Accepts `1,234.56`, `1，234.56`, full-width digits, split decimals (`41. 82`,
/// `34. 7`, `7 .10`), `(12.00)`, `-12.00`, `−12`, `－12` negatives. The resolution is the
/// printed precision ("706.28" → 0.01, "1,234" → 1) and the repairs made are listed.
pub fn parse_amount(s: &str) -> Result<Option<Amount>, AmountError> {
    if is_absent(s) {
        return Ok(None);
    }
    let raw = s.to_string();
    let not_a_number = || AmountError::NotANumber(raw.clone());
    let mut repairs = Vec::new();
    let (t, fw) = ascii_digits(s.trim());
    if fw {
        repairs.push(Repair::FullwidthDigits);
    }
    let mut t = t.trim().to_string();
    if split_decimal_re().is_match(&t) {
        t = split_decimal_re().replace_all(&t, "$1.$2").into_owned();
        repairs.push(Repair::JoinSplitDecimal);
    }
    let mut negative = false;
    if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        t = inner.trim().to_string();
        negative = true;
        repairs.push(Repair::ParenNegative);
    } else if let Some(rest) = t.strip_prefix('-') {
        t = rest.trim_start().to_string();
        negative = true;
    }
    let seps = [',', '\u{2009}', '\u{202F}', '\''];
    if t.contains(seps) {
        t = t.replace(['\u{2009}', '\u{202F}', '\''], ",");
        let int_part = t.split('.').next().unwrap_or("");
        if t.split('.').nth(1).is_some_and(|f| f.contains(',')) || !grouping_ok(int_part) {
            return Err(AmountError::BadGrouping(raw));
        }
        t = t.replace(',', "");
        repairs.push(Repair::StripThousands);
    }
    let (int_part, frac_part) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t.as_str(), None),
    };
    let digits = |x: &str| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit());
    if !digits(int_part) || frac_part.is_some_and(|f| !digits(f)) {
        return Err(not_a_number());
    }
    let decimals = frac_part.map_or(0, str::len);
    if int_part.len() > MAX_INTEGER_DIGITS || decimals > MAX_FRACTION_DIGITS {
        return Err(AmountError::TooLong(raw));
    }
    let mut value = Decimal::from_str(&t).map_err(|_| not_a_number())?;
    if negative {
        value.set_sign_negative(!value.is_zero());
    }
    let resolution = Decimal::new(1, decimals as u32);
    Ok(Some(Amount {
        value,
        raw,
        resolution,
        repairs: repairs
            .into_iter()
            .map(|r| r.as_str().to_string())
            .collect(),
    }))
}

/// Parses a numeric cell and says why it is empty when it is: [`CellValue::Number`] or
/// [`CellValue::Absent`] with blank / dash / placeholder; `Err` for text.
pub fn parse_cell(s: &str) -> Result<CellValue, AmountError> {
    if let Some(why) = absent_kind(s) {
        return Ok(CellValue::Absent { why });
    }
    match parse_amount(s)? {
        Some(a) => Ok(CellValue::Number(a)),
        None => Ok(CellValue::Absent { why: Absent::Blank }),
    }
}

/// `d` with at least two decimals and no negative zero (the §7.1 form of a yuan value), so
/// that a serialised `yuan` field reads "0.00", not "0". Never rounds.
pub(crate) fn yuan_scale(d: Decimal) -> Decimal {
    let mut v = d;
    if v.is_zero() {
        v.set_sign_positive(true);
    }
    if v.scale() < 2 {
        v.rescale(2);
    }
    v
}

/// Formats yuan for output (§7.1): no exponent, no separators, at least two decimals, never
/// rounded (extra printed decimals are kept), and no negative zero: "7062800.00", "0.00",
/// "-1200.50".
pub fn yuan_string(d: &Decimal) -> String {
    yuan_scale(*d).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal literal")
    }

    fn amount(s: &str) -> Amount {
        match parse_amount(s) {
            Ok(Some(a)) => a,
            other => panic!("{s:?} did not parse: {other:?}"),
        }
    }

    #[test]
    fn seed_split_decimals() {
        // seed line 99: "(本级)小计 … 41. 82	41. 82"
        let a = amount("41. 82");
        assert_eq!(a.value, d("41.82"));
        assert_eq!(a.value.to_string(), "41.82");
        assert_eq!(a.resolution, d("0.01"));
        assert_eq!(a.repairs, vec!["join_split_decimal"]);
        assert_eq!(a.raw, "41. 82");
        // seed line 101: "… 年	1	34. 7	34. 72" (单价 truncated: resolution shows it)
        let a = amount("34. 7");
        assert_eq!((a.value, a.resolution), (d("34.7"), d("0.1")));
        // seed line 100: "2020 年\"三创四建\"社会宣传经费	7. 10 …"
        let a = amount("7. 10");
        assert_eq!(yuan_string(&a.yuan(Unit::WanYuan)), "71000.00");
        assert_eq!(amount("7 .10").value.to_string(), "7.10");
        assert_eq!(amount("25.. 00").value.to_string(), "25.00");
        // a list marker is not a split decimal
        assert!(parse_amount("1. 农家书屋").is_err());
    }

    #[test]
    fn separators_and_fullwidth() {
        // Putuo-B25 (元 table): "31,214,205.80"
        let a = amount("31,214,205.80");
        assert_eq!(yuan_string(&a.yuan(Unit::Yuan)), "31214205.80");
        assert_eq!(a.repairs, vec!["strip_thousands"]);
        assert_eq!(a.resolution_yuan(Unit::Yuan), d("0.01"));
        let a = amount("1,234");
        assert_eq!((a.value, a.resolution), (d("1234"), d("1")));
        assert_eq!(amount("1，234.56").value, d("1234.56"));
        let a = amount("１，２３４．５");
        assert_eq!(a.value, d("1234.5"));
        assert_eq!(a.repairs, vec!["fullwidth_digits", "strip_thousands"]);
        assert_eq!(amount("1\u{2009}234").value, d("1234"));
        assert_eq!(
            parse_amount("12,34"),
            Err(AmountError::BadGrouping("12,34".into()))
        );
        assert_eq!(
            parse_amount("1,2345.00"),
            Err(AmountError::BadGrouping("1,2345.00".into()))
        );
    }

    #[test]
    fn negatives() {
        let a = amount("(12.00)");
        assert_eq!(a.value.to_string(), "-12.00");
        assert_eq!(a.repairs, vec!["paren_negative"]);
        assert_eq!(amount("（1,234.00）").value, d("-1234.00"));
        assert_eq!(amount("-12.00").value, d("-12.00"));
        assert_eq!(amount("−12").value, d("-12"));
        assert_eq!(amount("－3.5").value, d("-3.5"));
        assert_eq!(amount("-12.00").repairs, Vec::<String>::new());
        assert!(parse_amount("(-12)").is_err());
        assert!(parse_amount("--12").is_err());
        assert_eq!(yuan_string(&amount("(0.00)").value), "0.00");
    }

    #[test]
    fn absent_is_not_zero() {
        assert_eq!(parse_amount(""), Ok(None));
        assert_eq!(parse_amount("   "), Ok(None));
        assert_eq!(parse_amount(" — "), Ok(None));
        assert_eq!(parse_amount("/"), Ok(None));
        assert_eq!(parse_cell(""), Ok(CellValue::Absent { why: Absent::Blank }));
        assert_eq!(parse_cell("-"), Ok(CellValue::Absent { why: Absent::Dash }));
        assert_eq!(
            parse_cell("——"),
            Ok(CellValue::Absent { why: Absent::Dash })
        );
        assert_eq!(
            parse_cell("－"),
            Ok(CellValue::Absent { why: Absent::Dash })
        );
        assert_eq!(
            parse_cell("XX"),
            Ok(CellValue::Absent {
                why: Absent::Placeholder
            })
        );
        assert_eq!(
            parse_cell("……"),
            Ok(CellValue::Absent {
                why: Absent::Placeholder
            })
        );
        let zero = amount("0");
        assert_eq!((zero.value, zero.resolution), (Decimal::ZERO, d("1")));
        assert_eq!(amount("0.00").resolution, d("0.01"));
        assert!(matches!(parse_cell("16. 56"), Ok(CellValue::Number(a)) if a.value == d("16.56")));
    }

    #[test]
    fn text_is_an_error() {
        assert_eq!(
            parse_amount("行政运行"),
            Err(AmountError::NotANumber("行政运行".into()))
        );
        assert!(matches!(
            parse_amount("1.2.3"),
            Err(AmountError::NotANumber(_))
        ));
        assert!(matches!(
            parse_amount("25.00%"),
            Err(AmountError::NotANumber(_))
        ));
        assert!(matches!(
            parse_amount("25."),
            Err(AmountError::NotANumber(_))
        ));
        assert!(matches!(
            parse_amount(".5"),
            Err(AmountError::NotANumber(_))
        ));
        assert!(matches!(
            parse_amount("1e5"),
            Err(AmountError::NotANumber(_))
        ));
        assert!(matches!(
            parse_amount("9999999999999999"),
            Err(AmountError::TooLong(_))
        ));
        assert!(matches!(
            parse_amount("1.1234567"),
            Err(AmountError::TooLong(_))
        ));
        assert!(matches!(
            parse_cell("合 计"),
            Err(AmountError::NotANumber(_))
        ));
    }

    #[test]
    fn units_scale_exactly() {
        // seed line 74: "2021年部门支出预算为706.28万元"
        let a = amount("706.28");
        assert_eq!(yuan_string(&a.yuan(Unit::WanYuan)), "7062800.00");
        assert_eq!(a.resolution_yuan(Unit::WanYuan).to_string(), "100.00");
        // seed line 72: "事业费限额0万元": 0 万元 is zero with a resolution of 10000 yuan
        let zero = amount("0");
        assert_eq!(zero.resolution_yuan(Unit::WanYuan), d("10000"));
        assert_eq!(yuan_string(&zero.yuan(Unit::WanYuan)), "0.00");
        let m = amount("(1,200.50)").in_unit(Unit::Yuan).expect("in range");
        assert_eq!(yuan_string(&m.yuan), "-1200.50");
        assert_eq!(m.unit, Unit::Yuan);
        assert_eq!(yuan_string(&d("0.001")), "0.001");
        assert_eq!(yuan_string(&d("7")), "7.00");
    }
}
