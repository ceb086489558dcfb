//! Amounts in running text (§5.1, §8.7): every `number + unit` in a sentence, with byte
//! offsets so the caller can keep the clause around it.

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::number::{parse_amount, yuan_scale, Amount};
use crate::unit::{to_yuan, Unit};

/// An amount with its unit found in running text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoundAmount {
    /// Byte offset of the number's first character in the sentence.
    pub start: usize,
    /// Byte offset just after the unit.
    pub end: usize,
    /// Number and unit as printed (`706.28万元`, `0 万元`).
    pub raw: String,
    /// The parsed number (value in `unit`, resolution, repairs).
    pub amount: Amount,
    /// The unit after it (bare `万` is [`Unit::WanYuan`]).
    pub unit: Unit,
    /// Exact value in yuan, at least two decimals.
    pub yuan: Decimal,
    /// Printed precision in yuan ("0 万元" → 10000).
    pub resolution_yuan: Decimal,
}

fn amount_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // Integer part: plain digits, or 1–3 digits then groups of exactly three after `,` / `，`
    // (so the clause comma in "收入100，支出200万元" never joins two numbers); decimals may
    // be split by a space ("41. 82万元").
    RE.get_or_init(|| {
        Regex::new(
            r"((?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\s?[.．]\s?\d+)?)\s*(亿元|万元|千元|元|万|亿)",
        )
        .expect("static regex")
    })
}

/// Every `number + unit` in a sentence (`706.28万元`, `0 万元`, `0.95万`, `31,214,205.80元`),
/// in order, with byte offsets, unit, yuan value and resolution. Numbers followed by anything
/// else (年, 月, %, 个, 人, 名 …) are not amounts; a bare `万`/`亿` counts only when no other
/// word follows it (`0.95万,` yes, `3万人` no); a number glued to a preceding digit, point or
/// Latin letter (a code such as `C200307`) is skipped.
pub fn find_amounts(sentence: &str) -> Vec<FoundAmount> {
    let mut out = Vec::new();
    for m in amount_re().captures_iter(sentence) {
        let (Some(all), Some(num), Some(unit)) = (m.get(0), m.get(1), m.get(2)) else {
            continue;
        };
        if matches!(unit.as_str(), "万" | "亿") {
            let next = sentence[all.end()..].chars().next();
            let ends_phrase = next.is_none_or(|c| {
                c.is_whitespace()
                    || c.is_ascii_punctuation()
                    || matches!(c, '，' | '。' | '；' | '、' | '）' | '：' | '”')
            });
            if !ends_phrase {
                continue;
            }
        }
        if sentence[..num.start()]
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '．')
        {
            continue;
        }
        let Some(u) = Unit::parse(unit.as_str()) else {
            continue;
        };
        let Ok(Some(a)) = parse_amount(num.as_str()) else {
            continue;
        };
        let (Ok(yuan), Ok(resolution_yuan)) = (to_yuan(a.value, u), to_yuan(a.resolution, u))
        else {
            continue;
        };
        out.push(FoundAmount {
            start: num.start(),
            end: all.end(),
            raw: all.as_str().to_string(),
            amount: a,
            unit: u,
            yuan: yuan_scale(yuan),
            resolution_yuan,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::yuan_string;

    #[test]
    fn seed_expenditure_sentence() {
        // seed line 74 (brief's form, full-width punctuation)
        let s = "2021年部门支出预算为706.28万元，其中基本支出487.71万元，包括人员经费440.72万元和日常公用经费46.99万元；项目支出218.57万元";
        let found: Vec<(usize, usize, String, String, String)> = find_amounts(s)
            .iter()
            .map(|f| {
                (
                    f.start,
                    f.end,
                    f.raw.clone(),
                    yuan_string(&f.yuan),
                    f.resolution_yuan.to_string(),
                )
            })
            .collect();
        let at = |needle: &str| s.find(needle).unwrap_or(usize::MAX);
        assert_eq!(
            found,
            vec![
                (
                    at("706.28"),
                    at("706.28") + "706.28万元".len(),
                    "706.28万元".into(),
                    "7062800.00".into(),
                    "100.00".into()
                ),
                (
                    at("487.71"),
                    at("487.71") + "487.71万元".len(),
                    "487.71万元".into(),
                    "4877100.00".into(),
                    "100.00".into()
                ),
                (
                    at("440.72"),
                    at("440.72") + "440.72万元".len(),
                    "440.72万元".into(),
                    "4407200.00".into(),
                    "100.00".into()
                ),
                (
                    at("46.99"),
                    at("46.99") + "46.99万元".len(),
                    "46.99万元".into(),
                    "469900.00".into(),
                    "100.00".into()
                ),
                (
                    at("218.57"),
                    at("218.57") + "218.57万元".len(),
                    "218.57万元".into(),
                    "2185700.00".into(),
                    "100.00".into()
                ),
            ]
        );
        // the byte offsets cut the sentence exactly
        assert_eq!(
            find_amounts(s)
                .iter()
                .map(|f| &s[f.start..f.end])
                .collect::<Vec<_>>(),
            [
                "706.28万元",
                "487.71万元",
                "440.72万元",
                "46.99万元",
                "218.57万元"
            ]
        );
        assert!(find_amounts(s).iter().all(|f| f.unit == Unit::WanYuan));
    }

    #[test]
    fn seed_income_and_three_public() {
        // seed line 72: "2020年预算收入706.28万元,其中:事业费限额0万元,非限额补助706.28万元。"
        let s = "反映本部门当年全部收入,2020年预算收入706.28万元,其中:事业费限额0万元,非限额补助706.28万元。";
        let f = find_amounts(s);
        assert_eq!(
            f.iter().map(|f| f.raw.as_str()).collect::<Vec<_>>(),
            ["706.28万元", "0万元", "706.28万元"]
        );
        assert_eq!(
            (yuan_string(&f[1].yuan), f[1].resolution_yuan.to_string()),
            ("0.00".to_string(), "10000".to_string())
        );
        // seed line 88: "部门 2021 年"三公"经费为 0.23 万元,其中:公务出国 0 万元;…" — years and
        // "2020 年 6 月份" are not amounts
        let s = "部门 2021 年\"三公\"经费为 0.23 万元,其中:公务出国 0 万元;公务用车运行费 0 万元,其中公车购置经费 0 万元;公务接待 0.23 万元。因…2020 年 6 月份成立";
        let f = find_amounts(s);
        assert_eq!(
            f.iter().map(|f| f.raw.as_str()).collect::<Vec<_>>(),
            ["0.23 万元", "0 万元", "0 万元", "0 万元", "0.23 万元"]
        );
        assert_eq!(f[0].yuan.to_string(), "2300.00");
        assert_eq!(f[1].yuan.to_string(), "0.00");
    }

    #[test]
    fn units_and_non_amounts() {
        let f = find_amounts("本年收入31,214,205.80元，接待0.95万，计划1.5亿元");
        assert_eq!(
            f.iter()
                .map(|f| (f.raw.as_str(), yuan_string(&f.yuan)))
                .collect::<Vec<_>>(),
            [
                ("31,214,205.80元", "31214205.80".to_string()),
                ("0.95万", "9500.00".to_string()),
                ("1.5亿元", "150000000.00".to_string()),
            ]
        );
        assert_eq!(f[0].amount.repairs, vec!["strip_thousands"]);
        // 年 / 月 / % / 个 / 人 / 名 and 万人 are not amounts; a comma clause is not a separator
        assert!(find_amounts("2021年3月，完成率100%，共9个项目，服务3万人，9 名放映员").is_empty());
        assert_eq!(
            find_amounts("收入100，支出200万元")
                .iter()
                .map(|f| f.raw.as_str())
                .collect::<Vec<_>>(),
            ["200万元"]
        );
        // seed line 100: a code such as C200307 is not an amount even before 元
        assert!(find_amounts("C200307元").is_empty());
        // split decimal in narrative: "41. 82万元"
        let f = find_amounts("合计41. 82万元");
        assert_eq!(
            (f[0].yuan.to_string(), f[0].amount.repairs.clone()),
            (
                "418200.00".to_string(),
                vec!["join_split_decimal".to_string()]
            )
        );
    }
}
