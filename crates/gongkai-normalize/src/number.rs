//! Exact amounts: parsing printed numbers, units, scaling to yuan, percentages, and
//! finding `number + unit` phrases in sentences.

use std::str::FromStr;
use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A monetary unit as printed on a table or after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    /// 元.
    #[serde(rename = "元")]
    Yuan,
    /// 千元 (10³ 元).
    #[serde(rename = "千元")]
    QianYuan,
    /// 万元 (10⁴ 元).
    #[serde(rename = "万元")]
    WanYuan,
    /// 亿元 (10⁸ 元).
    #[serde(rename = "亿元")]
    YiYuan,
}

impl Unit {
    /// Parses a unit name or a unit line: `万元`, `单位：万元`, `金额单位: 元`, `(万元)`,
    /// `単位:万元` (variant glyph), `平位: 万元` (a seed OCR garble of 单位).
    pub fn parse(s: &str) -> Option<Unit> {
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let tail = ["单位", "単位", "平位"].iter().find_map(|k| compact.find(k).map(|i| &compact[i + k.len()..])).unwrap_or(&compact);
        let tail = tail.trim_start_matches([':', '：', '(', '（']);
        if tail.starts_with("万元") || tail == "万" {
            Some(Unit::WanYuan)
        } else if tail.starts_with("亿元") {
            Some(Unit::YiYuan)
        } else if tail.starts_with("千元") {
            Some(Unit::QianYuan)
        } else if tail.starts_with('元') {
            Some(Unit::Yuan)
        } else {
            None
        }
    }

    /// Power of ten from this unit to yuan.
    pub fn exponent(self) -> u32 {
        match self {
            Unit::Yuan => 0,
            Unit::QianYuan => 3,
            Unit::WanYuan => 4,
            Unit::YiYuan => 8,
        }
    }

    /// Converts a value in this unit to yuan, exactly.
    pub fn to_yuan(self, v: Decimal) -> Decimal {
        v * Decimal::from(10i64.pow(self.exponent()))
    }

    /// The unit's printed name.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::QianYuan => "千元",
            Unit::WanYuan => "万元",
            Unit::YiYuan => "亿元",
        }
    }
}

/// A number as printed, parsed exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// The value in the printed unit.
    pub value: Decimal,
    /// The text as printed.
    pub raw: String,
    /// Printed precision: 0.01 for "706.28", 1 for "1,234".
    pub resolution: Decimal,
    /// Repairs applied to read it (`join_split_decimal`, `strip_thousands`, …).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub repairs: Vec<String>,
}

impl Amount {
    /// The value in yuan, given the unit it was printed in.
    pub fn yuan(&self, unit: Unit) -> Decimal {
        unit.to_yuan(self.value)
    }
    /// The printed precision in yuan.
    pub fn resolution_yuan(&self, unit: Unit) -> Decimal {
        unit.to_yuan(self.resolution)
    }
}

/// Why a cell's text is not an amount.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AmountError {
    /// The text is not a number (a label or a note): never read as zero.
    #[error("not a number: {0:?}")]
    NotANumber(String),
}

fn split_decimal_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(\d)\s*\.\s+(\d)|(\d)\s+\.\s*(\d)").expect("static regex"))
}

/// Full-width digits and punctuation to ASCII, minus signs unified.
fn ascii_digits(s: &str) -> (String, bool) {
    let mut changed = false;
    let out = s
        .chars()
        .map(|c| {
            let m = match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '．' => '.',
                '，' => ',',
                '－' | '−' | '–' => '-',
                '（' => '(',
                '）' => ')',
                '％' => '%',
                _ => c,
            };
            if m != c && !matches!(c, '－' | '−' | '–') {
                changed = true;
            }
            m
        })
        .collect();
    (out, changed)
}

/// True for cells that print "no value": empty, whitespace, or a dash.
pub fn is_absent(s: &str) -> bool {
    let t = s.trim();
    t.is_empty() || matches!(t, "-" | "—" | "——" | "－" | "/" | "－－" | "--" | "…")
}

/// Parses an amount cell. `Ok(None)` for blank and dash cells (absent, not zero);
/// `Err` for text that is not a number. Accepts `1,234.56`, full-width digits, split
/// decimals (`41. 82`), `(12.00)` and `-12.00` negatives.
pub fn parse_amount(s: &str) -> Result<Option<Amount>, AmountError> {
    if is_absent(s) {
        return Ok(None);
    }
    let raw = s.to_string();
    let mut repairs = Vec::new();
    let (mut t, fw) = ascii_digits(s.trim());
    if fw {
        repairs.push("fullwidth_digits".to_string());
    }
    if split_decimal_re().is_match(&t) {
        t = split_decimal_re().replace_all(&t, "$1$3.$2$4").into_owned();
        repairs.push("join_split_decimal".to_string());
    }
    let mut negative = false;
    if t.starts_with('(') && t.ends_with(')') && t.len() > 2 {
        t = t[1..t.len() - 1].trim().to_string();
        negative = true;
        repairs.push("paren_negative".to_string());
    }
    if let Some(rest) = t.strip_prefix('-') {
        t = rest.trim().to_string();
        negative = !negative;
    }
    if t.contains([',', '\u{2009}', '\'']) {
        t = t.replace([',', '\u{2009}', '\''], "");
        repairs.push("strip_thousands".to_string());
    }
    let valid = !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.chars().filter(|&c| c == '.').count() <= 1
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && !t.ends_with('.');
    if !valid {
        return Err(AmountError::NotANumber(raw));
    }
    let mut value = Decimal::from_str(&t).map_err(|_| AmountError::NotANumber(raw.clone()))?;
    if negative {
        value = -value;
    }
    let decimals = t.split_once('.').map_or(0, |(_, f)| f.len()) as u32;
    let resolution = Decimal::new(1, decimals);
    Ok(Some(Amount { value, raw, resolution, repairs }))
}

/// Parses a percentage cell: `25.00%`, `25. 00%`, `=100.00(%)`, `100%`.
pub fn parse_percent(s: &str) -> Option<Decimal> {
    let (t, _) = ascii_digits(s.trim());
    let t = t.trim_start_matches(['=', ' ']).replace("(%)", "%");
    let t = t.strip_suffix('%')?.trim();
    parse_amount(t).ok().flatten().map(|a| a.value)
}

/// Joins the fragments of one numeric or month-label value split across cells or lines
/// (seed: `"3 ,"` + `"月底"` → `3月底`, `"1"` + `"2月底"` → `12月底`, `"25."` + `". 00%"` →
/// `25.00%`, `"10"` + `"00.00%"` → `100.00%`).
pub fn join_fragments(parts: &[&str]) -> String {
    let parts: Vec<String> = parts.iter().map(|p| p.chars().filter(|c| !c.is_whitespace()).collect()).collect();
    let mut out = String::new();
    for p in &parts {
        // The character at a cell boundary is often printed into both cells ("25." +
        // ".00%", "10" + "00.00%"): drop the copy when keeping it gives a double point
        // or a percentage above 100.
        let dup = out.chars().last().is_some_and(|l| p.starts_with(l) && (l == '.' || l.is_ascii_digit()));
        if dup {
            let plain = format!("{out}{p}");
            let deduped = format!("{out}{}", &p[1..]);
            let over_100 = |s: &str| parse_percent(s).is_some_and(|v| v > Decimal::ONE_HUNDRED);
            if plain.contains("..") || (over_100(&plain) && !over_100(&deduped)) {
                out = deduped;
                continue;
            }
        }
        out.push_str(p);
    }
    while let Some(i) = out.find(",月") {
        out.replace_range(i..i + 1, "");
    }
    out
}

/// Formats yuan for output: no exponent, no separators, at least two decimals.
pub fn yuan_string(d: &Decimal) -> String {
    let mut v = *d;
    if v.scale() < 2 {
        v.rescale(2);
    }
    v.to_string()
}

/// An amount with its unit found in running text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoundAmount {
    /// Byte offset of the number's start.
    pub start: usize,
    /// Byte offset after the unit.
    pub end: usize,
    /// Number and unit as printed (`706.28万元`).
    pub raw: String,
    /// The parsed number.
    pub amount: Amount,
    /// The unit after it.
    pub unit: Unit,
}

fn amount_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(\d[\d,，]*(?:\s?[.．]\s?\d+)?)\s*(亿元|万元|千元|元|万)").expect("static regex"))
}

/// Every `number + unit` in a sentence (`706.28万元`, `0 万元`, `0.95万`, `31,214,205.80元`).
/// Numbers followed by other words (年, 月, %, 个 …) are not amounts and are skipped.
pub fn find_amounts(sentence: &str) -> Vec<FoundAmount> {
    let mut out = Vec::new();
    for m in amount_re().captures_iter(sentence) {
        let (Some(all), Some(num), Some(unit)) = (m.get(0), m.get(1), m.get(2)) else { continue };
        // "万" alone must not be the start of another word such as 万人.
        if unit.as_str() == "万" {
            let next = sentence[all.end()..].chars().next();
            if next.is_some_and(|c| c != '，' && c != ',' && c != '。' && c != '；' && c != '、' && !c.is_whitespace() && c != ')' && c != '）') {
                continue;
            }
        }
        // A digit right before means we matched inside a longer token.
        if sentence[..num.start()].chars().last().is_some_and(|c| c.is_ascii_digit() || c == '.') {
            continue;
        }
        let Some(u) = Unit::parse(unit.as_str()) else { continue };
        if let Ok(Some(a)) = parse_amount(num.as_str()) {
            out.push(FoundAmount { start: num.start(), end: all.end(), raw: all.as_str().to_string(), amount: a, unit: u });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    #[test]
    fn seed_split_decimals() {
        // seed procurement table: "41. 82", "34. 7", "7. 10"
        let a = parse_amount("41. 82").expect("ok").expect("some");
        assert_eq!(a.value, d("41.82"));
        assert_eq!(a.resolution, d("0.01"));
        assert_eq!(a.repairs, vec!["join_split_decimal"]);
        assert_eq!(parse_amount("34. 7").expect("ok").expect("some").value, d("34.7"));
        assert_eq!(parse_amount("7. 10").expect("ok").expect("some").yuan(Unit::WanYuan), d("71000.00"));
    }

    #[test]
    fn separators_negatives_and_absent() {
        let a = parse_amount("31,214,205.80").expect("ok").expect("some");
        assert_eq!(a.yuan(Unit::Yuan), d("31214205.80"));
        assert_eq!(yuan_string(&a.yuan(Unit::Yuan)), "31214205.80");
        assert_eq!(parse_amount("(12.00)").expect("ok").expect("some").value, d("-12.00"));
        assert_eq!(parse_amount("－3.5").expect("ok").expect("some").value, d("-3.5"));
        assert_eq!(parse_amount("１，２３４．５").expect("ok").expect("some").value, d("1234.5"));
        assert_eq!(parse_amount("").expect("ok"), None);
        assert_eq!(parse_amount(" — ").expect("ok"), None);
        assert_eq!(parse_amount("0").expect("ok").expect("some").value, Decimal::ZERO);
        assert!(parse_amount("行政运行").is_err());
        assert!(parse_amount("1.2.3").is_err());
    }

    #[test]
    fn units_scale_exactly() {
        assert_eq!(Unit::parse("单位：万元"), Some(Unit::WanYuan));
        assert_eq!(Unit::parse("単位: 万元"), Some(Unit::WanYuan));
        assert_eq!(Unit::parse("平位: 万元"), Some(Unit::WanYuan));
        assert_eq!(Unit::parse("金额单位:元"), Some(Unit::Yuan));
        assert_eq!(Unit::parse("部门收支总表"), None);
        let a = parse_amount("706.28").expect("ok").expect("some");
        assert_eq!(yuan_string(&a.yuan(Unit::WanYuan)), "7062800.00");
        assert_eq!(a.resolution_yuan(Unit::WanYuan), d("100.00"));
        let zero = parse_amount("0").expect("ok").expect("some");
        assert_eq!(zero.resolution_yuan(Unit::WanYuan), d("10000"));
        assert_eq!(yuan_string(&zero.yuan(Unit::WanYuan)), "0.00");
    }

    #[test]
    fn percents() {
        // seed: "25. 00%", "10" + "00.00%" joined upstream, Shanghai "=100.00(%)"
        assert_eq!(parse_percent("25. 00%"), Some(d("25.00")));
        assert_eq!(parse_percent("=100.00(%)"), Some(d("100.00")));
        assert_eq!(parse_percent("100%"), Some(d("100")));
        assert_eq!(parse_percent("及时完成"), None);
    }

    #[test]
    fn seed_fragments() {
        assert_eq!(join_fragments(&["3 ,", "月底"]), "3月底");
        assert_eq!(join_fragments(&["1", "2月底"]), "12月底");
        assert_eq!(join_fragments(&["25.", ". 00%"]), "25.00%");
        assert_eq!(join_fragments(&["10", "00.00%"]), "100.00%");
        assert_eq!(parse_percent(&join_fragments(&["25.", ". 00%"])), Some(d("25.00")));
    }

    #[test]
    fn amounts_in_the_seed_sentence() {
        let s = "2021年部门支出预算为706.28万元,其中基本支出487.71万元,包括人员经费440.72万元和日常公用经费46.99万元;项目支出218.57万元,全部为本级支出。";
        let found: Vec<(String, String)> = find_amounts(s).iter().map(|f| (f.raw.clone(), yuan_string(&f.amount.yuan(f.unit)))).collect();
        assert_eq!(
            found,
            vec![
                ("706.28万元".into(), "7062800.00".into()),
                ("487.71万元".into(), "4877100.00".into()),
                ("440.72万元".into(), "4407200.00".into()),
                ("46.99万元".into(), "469900.00".into()),
                ("218.57万元".into(), "2185700.00".into()),
            ]
        );
        let s2 = "部门 2021 年\"三公\"经费为 0.23 万元,其中:公务出国 0 万元;共9 名老电影放映员,接待0.95万,";
        let f2 = find_amounts(s2);
        assert_eq!(f2.iter().map(|f| f.raw.as_str()).collect::<Vec<_>>(), vec!["0.23 万元", "0 万元", "0.95万"]);
    }
}
