//! Performance-indicator target values (指标值): `≥46 提高效率`, `≤3.2万元`, `100%`.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::text::remove_cjk_spaces;

/// Comparison in a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparator {
    /// `>=`
    #[serde(rename = ">=")]
    Ge,
    /// `<=`
    #[serde(rename = "<=")]
    Le,
    /// `>`
    #[serde(rename = ">")]
    Gt,
    /// `<`
    #[serde(rename = "<")]
    Lt,
    /// `=` (written or implied)
    #[serde(rename = "=")]
    Eq,
}

/// Whether the target carries a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// A comparator and a number.
    Numeric,
    /// Words only (及时完成).
    Qualitative,
}

/// A parsed target value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Numeric or qualitative.
    pub kind: TargetKind,
    /// The comparison, for numeric targets.
    pub comparator: Option<Comparator>,
    /// The number, for numeric targets.
    pub value: Option<Decimal>,
    /// Unit right after the number (`%`, `万元`, `条`, `平方米` …).
    pub unit: Option<String>,
    /// Words after the number and unit (`提高效率`).
    pub qualifier: Option<String>,
    /// Cleaned text (CJK-internal spaces removed).
    pub text: String,
}

const UNITS: &[&str] = &["平方米", "台(套)", "台（套）", "万元", "元", "%", "个", "次", "人", "条", "场", "户", "家", "台", "套", "天", "小时", "年", "项", "篇", "期", "所", "名", "份", "件", "辆", "批"];

/// Parses a target cell. Word comparators are understood (不低于 → ≥, 不超过 → ≤ …); a
/// number with no comparator is `=`.
pub fn parse_target(raw: &str) -> Target {
    let text = remove_cjk_spaces(raw.trim());
    let t: String = text.chars().map(|c| match c {
        '＞' => '>',
        '＜' => '<',
        '＝' => '=',
        '≧' => '≥',
        '≦' => '≤',
        '．' => '.',
        '％' => '%',
        '（' => '(',
        '）' => ')',
        c if ('０'..='９').contains(&c) => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        c => c,
    }).collect();
    let mut rest = t.trim_start();
    let mut comparator = None;
    for (p, c) in [
        (">=", Comparator::Ge), ("≥", Comparator::Ge), ("<=", Comparator::Le), ("≤", Comparator::Le), (">", Comparator::Gt), ("<", Comparator::Lt), ("=", Comparator::Eq),
        ("不低于", Comparator::Ge), ("不少于", Comparator::Ge), ("至少", Comparator::Ge), ("达到", Comparator::Ge), ("不高于", Comparator::Le),
        ("不超过", Comparator::Le), ("不多于", Comparator::Le), ("控制在", Comparator::Le), ("低于", Comparator::Lt), ("少于", Comparator::Lt),
        ("高于", Comparator::Gt), ("多于", Comparator::Gt), ("超过", Comparator::Gt),
    ] {
        if let Some(r) = rest.strip_prefix(p) {
            comparator = Some(c);
            rest = r.trim_start();
            break;
        }
    }
    // Words before the comparator-less number ("补贴对象满意度不低于80%") are a subject.
    let mut prefix: Option<String> = None;
    if comparator.is_none() && !rest.starts_with(|c: char| c.is_ascii_digit()) {
        for w in ["不低于", "不少于", "不高于", "不超过", "达到"] {
            if let Some(i) = rest.find(w) {
                prefix = Some(rest[..i].to_string());
                comparator = Some(if w == "不高于" || w == "不超过" { Comparator::Le } else { Comparator::Ge });
                rest = rest[i + w.len()..].trim_start();
                break;
            }
        }
    }
    let num_len = rest.char_indices().take_while(|(_, c)| c.is_ascii_digit() || *c == '.').map(|(i, c)| i + c.len_utf8()).last().unwrap_or(0);
    let number = rest[..num_len].trim_end_matches('.');
    let value = if number.is_empty() { None } else { Decimal::from_str(number).ok() };
    let Some(value) = value else {
        return Target { kind: TargetKind::Qualitative, comparator: None, value: None, unit: None, qualifier: Some(text.clone()).filter(|s| !s.is_empty()), text };
    };
    let mut after = rest[num_len..].trim_start();
    let mut unit = None;
    if let Some(inner) = after.strip_prefix('(') {
        if let Some(end) = inner.find(')') {
            unit = Some(inner[..end].to_string());
            after = inner[end + 1..].trim_start();
        }
    }
    if unit.is_none() {
        if let Some(u) = UNITS.iter().find(|u| after.starts_with(**u)) {
            unit = Some(u.replace('（', "(").replace('）', ")"));
            after = after[u.len()..].trim_start();
        }
    }
    let qualifier = [prefix.unwrap_or_default(), after.to_string()].iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join(" ");
    Target {
        kind: TargetKind::Numeric,
        comparator: Some(comparator.unwrap_or(Comparator::Eq)),
        value: Some(value),
        unit,
        qualifier: (!qualifier.is_empty()).then_some(qualifier),
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Decimal> {
        Decimal::from_str(s).ok()
    }

    #[test]
    fn seed_targets() {
        // seed project 1: "≥46 提高效 率"
        let t = parse_target("≥46 提高效 率");
        assert_eq!((t.comparator, t.value, t.unit.as_deref(), t.qualifier.as_deref()), (Some(Comparator::Ge), d("46"), None, Some("提高效率")));
        assert_eq!(t.text, "≥46 提高效率");
        // seed project 3: "≤3.2万元", "≥1000 条"
        let t = parse_target("≤3.2万元");
        assert_eq!((t.comparator, t.value, t.unit.as_deref()), (Some(Comparator::Le), d("3.2"), Some("万元")));
        let t = parse_target("≥1000 条");
        assert_eq!((t.value, t.unit.as_deref(), t.qualifier), (d("1000"), Some("条"), None));
        // seed project 4: "7 提高效率" (implicit =)
        let t = parse_target("7 提高效率");
        assert_eq!((t.comparator, t.value, t.qualifier.as_deref()), (Some(Comparator::Eq), d("7"), Some("提高效率")));
        let t = parse_target("100%");
        assert_eq!((t.comparator, t.value, t.unit.as_deref()), (Some(Comparator::Eq), d("100"), Some("%")));
        let t = parse_target("及时完成");
        assert_eq!((t.kind, t.value), (TargetKind::Qualitative, None));
    }

    #[test]
    fn shanghai_and_word_forms() {
        let t = parse_target("≥13459.00(平方米)");
        assert_eq!((t.value, t.unit.as_deref()), (d("13459.00"), Some("平方米")));
        let t = parse_target("=100.00(%)");
        assert_eq!((t.comparator, t.unit.as_deref()), (Some(Comparator::Eq), Some("%")));
        let t = parse_target("补贴对象生活改善度不低于 80%");
        assert_eq!((t.comparator, t.value, t.unit.as_deref(), t.qualifier.as_deref()), (Some(Comparator::Ge), d("80"), Some("%"), Some("补贴对象生活改善度")));
    }
}
