//! Monetary units (§8.7): parsing unit lines such as `单位：万元`, and scaling to yuan exactly
//! by powers of ten (never through a float).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::number::AmountError;
use crate::text::match_key;

/// A monetary unit as printed on a table (`单位：万元`) or after a number (`706.28万元`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Unit {
    /// 元.
    #[serde(rename = "元")]
    Yuan,
    /// 千元 (10³ 元).
    #[serde(rename = "千元")]
    QianYuan,
    /// 万元 (10⁴ 元); a bare `万` after a narrative number means the same (Putuo-B25 "0.95万").
    #[serde(rename = "万元")]
    WanYuan,
    /// 亿元 (10⁸ 元).
    #[serde(rename = "亿元")]
    YiYuan,
}

/// Prefixes that introduce a unit line: 单位 and the variant / OCR forms seen in the seed
/// (単位, 平位 on lines 293 and 446, 平世 on line 370).
const MARKERS: &[&str] = &["单位", "平位", "平世", "单世"];

impl Unit {
    /// Parses a unit name or a clean unit line: `万元`, `单位：万元`, `金额单位: 元`, `(万元)`,
    /// `金额（万元）`, `単位:万元` (variant glyph, folded by [`match_key`]), `平位: 万元` (seed
    /// OCR garble of 单位). Returns `None` for anything else, including garbled unit names;
    /// see [`parse_unit_line`] for those.
    pub fn parse(s: &str) -> Option<Unit> {
        let k = match_key(s);
        let tail = match MARKERS
            .iter()
            .find_map(|m| k.find(m).map(|i| &k[i + m.len()..]))
        {
            Some(t) => t.trim_start_matches(':'),
            None => {
                // "(万元)" anywhere, or the bare unit name.
                if let Some(open) = k.rfind('(') {
                    let inner = &k[open + 1..];
                    let inner = inner.strip_suffix(')').unwrap_or(inner);
                    return Unit::from_name(inner);
                }
                return Unit::from_name(&k);
            }
        };
        let tail = tail.trim_start_matches('(');
        // Text may follow the unit on the same line ("单位：万元 第1页" → "单位:万元第1页").
        for (name, unit) in [
            ("万元", Unit::WanYuan),
            ("千元", Unit::QianYuan),
            ("亿元", Unit::YiYuan),
            ("元", Unit::Yuan),
        ] {
            if tail.starts_with(name) {
                return Some(unit);
            }
        }
        Unit::from_name(tail.split(')').next().unwrap_or(tail))
    }

    /// The unit for an exact name (`元`, `万元`, `万`, `千元`, `亿元`).
    fn from_name(s: &str) -> Option<Unit> {
        match s {
            "元" => Some(Unit::Yuan),
            "千元" => Some(Unit::QianYuan),
            "万元" | "万" => Some(Unit::WanYuan),
            "亿元" | "亿" => Some(Unit::YiYuan),
            _ => None,
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

    /// Converts a value in this unit to yuan exactly; `Err(Overflow)` only beyond
    /// `Decimal`'s 28 digits, which no parsed amount reaches (see [`crate::parse_amount`]).
    pub fn to_yuan(self, v: Decimal) -> Result<Decimal, AmountError> {
        to_yuan(v, self)
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

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Converts `value` printed in `unit` to yuan by a decimal shift (×10⁰/10³/10⁴/10⁸ on the
/// exact decimal; `706.28` 万元 → `7062800.00`). The scale of the input is kept, so the
/// result still shows the printed precision. Errors only on overflow of `Decimal`.
pub fn to_yuan(value: Decimal, unit: Unit) -> Result<Decimal, AmountError> {
    let factor = Decimal::from(10i64.pow(unit.exponent()));
    value
        .checked_mul(factor)
        .ok_or(AmountError::Overflow(value.to_string()))
}

/// A unit read from a possibly garbled unit line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitLine {
    /// The unit.
    pub unit: Unit,
    /// True when the unit name itself was garbled and recovered by fuzzy matching
    /// (`万九`, `77元`): callers should record a `unit_fuzzy` repair and prefer a document
    /// default if one disagrees.
    pub fuzzy: bool,
}

/// Finds the unit on a unit line such as `203001 …(本级) 单位：万元`, tolerating the seed's
/// OCR garbles of both the marker and the name: `平位: 万九` (line 293), `平世: 万九` (line
/// 370), `平位: 77元` (line 446). A garbled name is accepted only right after a unit marker
/// and only when it starts like 万 (万/77/7) or ends like 元 (元/九/兀/无); a clean name
/// anywhere is returned with `fuzzy: false`.
pub fn parse_unit_line(s: &str) -> Option<UnitLine> {
    if let Some(unit) = Unit::parse(s) {
        return Some(UnitLine { unit, fuzzy: false });
    }
    let k = match_key(s);
    let tail = MARKERS
        .iter()
        .find_map(|m| k.rfind(m).map(|i| &k[i + m.len()..]))?;
    let tail = tail.trim_start_matches([':', '(']);
    let name: Vec<char> = tail.chars().take(3).collect();
    let yuanish = |c: char| matches!(c, '元' | '九' | '兀' | '无' | '允');
    let wanish = |c: &[char]| {
        c.first() == Some(&'万') || c.starts_with(&['7', '7']) || c.starts_with(&['フ'])
    };
    let unit = if name.first() == Some(&'千') && name.get(1).copied().is_some_and(yuanish) {
        Unit::QianYuan
    } else if name.first() == Some(&'亿') && name.get(1).copied().is_some_and(yuanish) {
        Unit::YiYuan
    } else if wanish(&name) && name.iter().skip(1).take(2).any(|&c| yuanish(c)) {
        Unit::WanYuan
    } else {
        return None;
    };
    Some(UnitLine { unit, fuzzy: true })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal literal")
    }

    #[test]
    fn unit_lines() {
        assert_eq!(Unit::parse("单位：万元"), Some(Unit::WanYuan));
        assert_eq!(Unit::parse("单位:元"), Some(Unit::Yuan));
        assert_eq!(Unit::parse("金额单位：万元"), Some(Unit::WanYuan));
        assert_eq!(Unit::parse("(万元)"), Some(Unit::WanYuan));
        assert_eq!(Unit::parse("金额（万元）"), Some(Unit::WanYuan));
        assert_eq!(Unit::parse("单位 万元"), Some(Unit::WanYuan));
        assert_eq!(Unit::parse("单位：万元 第1页"), Some(Unit::WanYuan));
        assert_eq!(Unit::parse("单位：千元"), Some(Unit::QianYuan));
        assert_eq!(Unit::parse("亿元"), Some(Unit::YiYuan));
        // variant glyph 単 (seed "単位资金")
        assert_eq!(Unit::parse("単位: 万元"), Some(Unit::WanYuan));
        // seed line 293/446 marker garble, clean name
        assert_eq!(Unit::parse("平位: 万元"), Some(Unit::WanYuan));
        assert_eq!(
            Unit::parse("203001 中共秦皇岛经济技术开发区工作委员会党建工作部(本级) 单位：万元"),
            Some(Unit::WanYuan)
        );
        assert_eq!(Unit::parse("部门收支总表"), None);
        assert_eq!(Unit::parse("元旦"), None);
        assert_eq!(Unit::parse("单位名称"), None);
        assert_eq!(Unit::parse("(本级)"), None);
    }

    #[test]
    fn garbled_unit_lines() {
        // seed line 293: "平位: 万九"; line 370: "平世: 万九"; line 446: "平位: 77元"
        assert_eq!(
            parse_unit_line("******	从 //// 人匹工	平位: 万九"),
            Some(UnitLine {
                unit: Unit::WanYuan,
                fuzzy: true
            })
        );
        assert_eq!(
            parse_unit_line("200001 1.3	7米土叫红切	平世: 万九"),
            Some(UnitLine {
                unit: Unit::WanYuan,
                fuzzy: true
            })
        );
        assert_eq!(
            parse_unit_line("I HP (* I *///*)		平位: 77元"),
            Some(UnitLine {
                unit: Unit::WanYuan,
                fuzzy: true
            })
        );
        assert_eq!(
            parse_unit_line("单位：万元"),
            Some(UnitLine {
                unit: Unit::WanYuan,
                fuzzy: false
            })
        );
        assert_eq!(parse_unit_line("单位名称"), None);
        assert_eq!(parse_unit_line("万九"), None);
    }

    #[test]
    fn scaling_is_exact() {
        assert_eq!(to_yuan(d("706.28"), Unit::WanYuan), Ok(d("7062800.00")));
        assert_eq!(
            to_yuan(d("706.28"), Unit::WanYuan).map(|v| v.to_string()),
            Ok("7062800.00".to_string())
        );
        assert_eq!(
            to_yuan(d("0.01"), Unit::WanYuan).map(|v| v.to_string()),
            Ok("100.00".to_string())
        );
        assert_eq!(to_yuan(d("1.5"), Unit::YiYuan), Ok(d("150000000")));
        assert_eq!(to_yuan(d("2.5"), Unit::QianYuan), Ok(d("2500")));
        assert_eq!(Unit::Yuan.to_yuan(d("31214205.80")), Ok(d("31214205.80")));
        assert!(matches!(
            to_yuan(Decimal::MAX, Unit::WanYuan),
            Err(AmountError::Overflow(_))
        ));
    }
}
