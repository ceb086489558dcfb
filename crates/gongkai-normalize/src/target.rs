//! Performance-indicator target values (指标值, §8.9): `≥46 提高效率`, `≤3.2万元`, `100%`,
//! `=100.00(%)`, `不低于80%`, `及时完成`.

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::number::{parse_amount, yuan_scale};
use crate::text::clean_text;
use crate::unit::{to_yuan, Unit};

/// Comparison in a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparator {
    /// `>=` (≥ ≧ >= ＞＝ 不低于 不少于 至少 达到 …以上)
    #[serde(rename = ">=")]
    Ge,
    /// `<=` (≤ ≦ <= 不高于 不超过 不多于 控制在 …以内 …以下)
    #[serde(rename = "<=")]
    Le,
    /// `>` (高于 多于 超过 大于)
    #[serde(rename = ">")]
    Gt,
    /// `<` (低于 少于 小于)
    #[serde(rename = "<")]
    Lt,
    /// `=` (written, or implied by a bare number)
    #[serde(rename = "=")]
    Eq,
}

impl Comparator {
    /// The ASCII operator (`>=`, `<=`, `>`, `<`, `=`).
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::Ge => ">=",
            Comparator::Le => "<=",
            Comparator::Gt => ">",
            Comparator::Lt => "<",
            Comparator::Eq => "=",
        }
    }
}

/// Whether the target carries a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// A comparator and a number.
    Numeric,
    /// Words only (及时完成, 圆满完成, 合规): §8.9 calls this `qualitative`; also read from `"text"`.
    #[serde(alias = "text")]
    Qualitative,
}

/// A parsed target value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Numeric or qualitative.
    pub kind: TargetKind,
    /// The comparison, for numeric targets.
    pub comparator: Option<Comparator>,
    /// True when no comparator was printed and `=` is assumed ("7 提高效率").
    #[serde(default)]
    pub implicit_comparator: bool,
    /// The number, for numeric targets (exact, printed scale kept).
    pub value: Option<Decimal>,
    /// Unit right after the number (`%`, `万元`, `条`, `平方米` …), as printed.
    pub unit: Option<String>,
    /// The value in yuan when the unit is money (`≤3.2万元` → "32000.00").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub yuan: Option<Decimal>,
    /// Words around the number and unit (`提高效率`; a subject before a word comparator such
    /// as `补贴对象生活改善度` comes first), with wrap spaces removed.
    pub qualifier: Option<String>,
    /// The cell text cleaned for storage ([`clean_text`]).
    pub text: String,
}

/// Units recognised right after a target number, longest first within each family.
const UNITS: &[&str] = &[
    "平方公里",
    "平方米",
    "立方米",
    "公里",
    "万人次",
    "人次",
    "万人",
    "台(套)",
    "万元",
    "千元",
    "亿元",
    "元",
    "%",
    "‰",
    "个",
    "次",
    "人",
    "条",
    "场",
    "户",
    "家",
    "台",
    "套",
    "天",
    "小时",
    "年",
    "月",
    "日",
    "项",
    "篇",
    "期",
    "所",
    "名",
    "份",
    "件",
    "辆",
    "批",
    "处",
    "座",
    "间",
    "册",
    "本",
    "张",
    "部",
    "亩",
    "吨",
    "米",
    "km",
    "m²",
    "㎡",
];

/// Word comparators, longest first so 不低于 wins over 低于.
const WORDS: &[(&str, Comparator)] = &[
    ("大于等于", Comparator::Ge),
    ("小于等于", Comparator::Le),
    ("不低于", Comparator::Ge),
    ("不少于", Comparator::Ge),
    ("不小于", Comparator::Ge),
    ("不高于", Comparator::Le),
    ("不超过", Comparator::Le),
    ("不多于", Comparator::Le),
    ("不大于", Comparator::Le),
    ("控制在", Comparator::Le),
    ("至少", Comparator::Ge),
    ("达到", Comparator::Ge),
    ("低于", Comparator::Lt),
    ("少于", Comparator::Lt),
    ("小于", Comparator::Lt),
    ("高于", Comparator::Gt),
    ("多于", Comparator::Gt),
    ("超过", Comparator::Gt),
    ("大于", Comparator::Gt),
];

/// Symbol comparators after width folding (`＞＝` → `>=`, `≧` → `≥`).
const SYMBOLS: &[(&str, Comparator)] = &[
    (">=", Comparator::Ge),
    ("≥", Comparator::Ge),
    ("<=", Comparator::Le),
    ("≤", Comparator::Le),
    (">", Comparator::Gt),
    ("<", Comparator::Lt),
    ("=", Comparator::Eq),
];

fn number_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^\d[\d,]*(?:\.\s?\d+)?").expect("static regex"))
}

fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '＞' => '>',
            '＜' => '<',
            '＝' => '=',
            '≧' => '≥',
            '≦' => '≤',
            '．' => '.',
            '，' => ',',
            '％' => '%',
            '（' => '(',
            '）' => ')',
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// A comparator token at the start of `s`, with its byte length.
fn comparator_at(s: &str) -> Option<(Comparator, usize)> {
    SYMBOLS
        .iter()
        .chain(WORDS.iter())
        .find(|(p, _)| s.starts_with(p))
        .map(|(p, c)| (*c, p.len()))
}

/// The byte offset of the number after a subject of two or more Chinese characters
/// (`满意率100%`, `完成3项`), when the subject is all ideographs and a digit follows it. One
/// character is no subject (`二100%`, `全1009%`: a comparator misread by OCR, left
/// qualitative for [`figure_unread`] to name).
fn subject_then_number(s: &str) -> Option<usize> {
    let i = s.find(|c: char| c.is_ascii_digit())?;
    let subject = &s[..i];
    (subject.chars().count() >= 2
        && subject
            .chars()
            .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
    .then_some(i)
}

/// A figure printed in a target cell that [`parse_target`] could not read as its number:
/// the cell is qualitative, yet holds digits followed by `%` (`二100%`, `郊98.5%`, `亏98%-`:
/// what OCR makes of `≥100%`, `≥98.5%`, `≥98%`). Returns the figure as printed.
pub fn figure_unread(t: &Target) -> Option<String> {
    if t.kind != TargetKind::Qualitative {
        return None;
    }
    let s = fold(&t.text);
    let re = {
        static RE: OnceLock<Regex> = OnceLock::new();
        RE.get_or_init(|| Regex::new(r"\d[\d,.]*\s*%").expect("static regex"))
    };
    re.find(&s).map(|m| m.as_str().to_string())
}

fn qualitative(text: String) -> Target {
    Target {
        kind: TargetKind::Qualitative,
        comparator: None,
        implicit_comparator: false,
        value: None,
        unit: None,
        yuan: None,
        qualifier: None,
        text,
    }
}

/// Parses a target cell into comparator, value, unit and qualifier. Symbol and word
/// comparators are understood (§8.9); a bare leading number is `=` with
/// `implicit_comparator`; a trailing 以上 / 以内 / 以下 supplies the comparator when none was
/// printed. A subject before an inner comparator ("补贴对象生活改善度不低于 80%") becomes the
/// start of the qualifier. Cells with no number after a comparator, or no leading number,
/// are qualitative ("及时完成"); never fails.
pub fn parse_target(raw: &str) -> Target {
    let text = clean_text(raw);
    let t = fold(&text);
    let mut rest = t.trim();
    let mut prefix = "";
    let mut comparator = None;
    if let Some((c, len)) = comparator_at(rest) {
        comparator = Some(c);
        rest = rest[len..].trim_start();
    } else if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        // Look for "subject + comparator + number" further in.
        let found = rest.char_indices().find_map(|(i, _)| {
            let (c, len) = comparator_at(&rest[i..])?;
            let after = rest[i + len..].trim_start();
            after
                .starts_with(|ch: char| ch.is_ascii_digit())
                .then_some((i, c, after))
        });
        match found {
            Some((i, c, after)) => {
                prefix = rest[..i].trim();
                comparator = Some(c);
                rest = after;
            }
            None => match subject_then_number(rest) {
                // "可控性100%": the subject, then the number with no comparator.
                Some(i) => {
                    prefix = &rest[..i];
                    rest = &rest[i..];
                }
                None => return qualitative(text),
            },
        }
    }
    let Some(m) = number_re().find(rest) else {
        return qualitative(text);
    };
    let Ok(Some(amount)) = parse_amount(m.as_str()) else {
        return qualitative(text);
    };
    let mut after = rest[m.end()..].trim_start();
    // "2021年12月底前完成" is a deadline, not the number 2021 with unit 年.
    if after.starts_with('年')
        && amount.resolution == Decimal::ONE
        && (1990..=2099).contains(&amount.value.mantissa())
    {
        return qualitative(text);
    }
    let mut unit: Option<String> = None;
    if let Some(inner) = after.strip_prefix('(') {
        if let Some(end) = inner.find(')') {
            let u = inner[..end].trim();
            if UNITS.contains(&u)
                || (u.chars().count() <= 4 && !u.chars().any(|c| c.is_ascii_digit()))
            {
                unit = Some(u.to_string());
                after = inner[end + 1..].trim_start();
            }
        }
    }
    if unit.is_none() {
        if let Some(u) = UNITS.iter().find(|u| after.starts_with(**u)) {
            unit = Some((*u).to_string());
            after = after[u.len()..].trim_start();
        }
    }
    let mut implicit = false;
    if comparator.is_none() {
        for (w, c) in [
            ("以上", Comparator::Ge),
            ("以内", Comparator::Le),
            ("以下", Comparator::Le),
        ] {
            if let Some(r) = after.strip_prefix(w) {
                comparator = Some(c);
                after = r.trim_start();
                break;
            }
        }
    }
    if comparator.is_none() {
        comparator = Some(Comparator::Eq);
        implicit = true;
    }
    let yuan = unit
        .as_deref()
        .and_then(Unit::parse)
        .and_then(|u| to_yuan(amount.value, u).ok())
        .map(yuan_scale);
    let qualifier = [prefix, after.trim()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    Target {
        kind: TargetKind::Numeric,
        comparator,
        implicit_comparator: implicit,
        value: Some(amount.value),
        unit,
        yuan,
        qualifier: (!qualifier.is_empty()).then_some(qualifier),
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Option<Decimal> {
        Decimal::from_str(s).ok()
    }

    #[test]
    fn a_subject_then_a_number_is_numeric_and_one_stray_character_is_not() {
        // Printed so in real 绩效目标表 (the corpus's text-layer documents).
        let t = parse_target("满意率100%");
        assert_eq!(t.kind, TargetKind::Numeric);
        assert_eq!(
            (t.comparator, t.implicit_comparator),
            (Some(Comparator::Eq), true)
        );
        assert_eq!((t.value, t.unit.as_deref()), (d("100"), Some("%")));
        assert_eq!(t.qualifier.as_deref(), Some("满意率"));
        assert_eq!(figure_unread(&t), None);
        // OCR's readings of ≥100% and ≥98%: no number read, and said so.
        for (raw, figure) in [("二100%", "100%"), ("郊98.5%", "98.5%"), ("亏98%-", "98%")] {
            let t = parse_target(raw);
            assert_eq!(t.kind, TargetKind::Qualitative, "{raw}");
            assert_eq!(figure_unread(&t).as_deref(), Some(figure), "{raw}");
        }
        assert_eq!(figure_unread(&parse_target("及时完成")), None);
        assert_eq!(figure_unread(&parse_target("≥95%")), None);
    }

    type Parts<'a> = (
        TargetKind,
        Option<Comparator>,
        Option<Decimal>,
        Option<&'a str>,
        Option<&'a str>,
    );

    fn parts(t: &Target) -> Parts<'_> {
        (
            t.kind,
            t.comparator,
            t.value,
            t.unit.as_deref(),
            t.qualifier.as_deref(),
        )
    }

    #[test]
    fn seed_wrapped_targets() {
        use Comparator::*;
        use TargetKind::*;
        // seed line 214: "≥46 提高效 率"
        let t = parse_target("≥46 提高效 率");
        assert_eq!(
            parts(&t),
            (Numeric, Some(Ge), d("46"), None, Some("提高效率"))
        );
        assert_eq!(t.text, "≥46 提高效率");
        assert!(!t.implicit_comparator);
        // seed line 301: "≥10 提高效 率"
        assert_eq!(
            parts(&parse_target("≥10 提高效 率")),
            (Numeric, Some(Ge), d("10"), None, Some("提高效率"))
        );
        // seed line 237: "≥1 有效服 务职工群众"
        assert_eq!(
            parts(&parse_target("≥1 有效服 务职工群众")),
            (Numeric, Some(Ge), d("1"), None, Some("有效服务职工群众"))
        );
        // seed line 537: "100 有效服 务职工群众" (implicit =)
        let t = parse_target("100 有效服 务职工群众");
        assert_eq!(
            parts(&t),
            (Numeric, Some(Eq), d("100"), None, Some("有效服务职工群众"))
        );
        assert!(t.implicit_comparator);
        // §8.9 seed cases: ">1 购置数 量达标", "≥10 按照 (冀政办函 (2013) 17 号)文件要求"
        assert_eq!(
            parts(&parse_target(">1 购置数 量达标")),
            (Numeric, Some(Gt), d("1"), None, Some("购置数量达标"))
        );
        assert_eq!(
            parts(&parse_target("≥10 按照 (冀政办函 (2013) 17 号)文件要求")),
            (
                Numeric,
                Some(Ge),
                d("10"),
                None,
                Some("按照 (冀政办函 (2013) 17 号)文件要求")
            )
        );
    }

    #[test]
    fn seed_units() {
        use Comparator::*;
        use TargetKind::*;
        // seed line 255: "成本指标 … ≤3.2万元"
        let t = parse_target("≤3.2万元");
        assert_eq!(parts(&t), (Numeric, Some(Le), d("3.2"), Some("万元"), None));
        assert_eq!(t.yuan.map(|y| y.to_string()), Some("32000.00".into()));
        // seed line 252: "≥1000 条"
        let t = parse_target("≥1000 条");
        assert_eq!(parts(&t), (Numeric, Some(Ge), d("1000"), Some("条"), None));
        assert_eq!(t.yuan, None);
        let t = parse_target("100%");
        assert_eq!(parts(&t), (Numeric, Some(Eq), d("100"), Some("%"), None));
        assert!(t.implicit_comparator);
        // seed line 215: "及时完成"
        let t = parse_target("及时完成");
        assert_eq!(parts(&t), (Qualitative, None, None, None, None));
        assert_eq!(t.text, "及时完成");
    }

    #[test]
    fn shanghai_and_word_forms() {
        use Comparator::*;
        use TargetKind::*;
        // Wanli-B23: "=100.00(%)", "≥80.00(%)", "≥13459.00(平方米)"
        let t = parse_target("=100.00(%)");
        assert_eq!(parts(&t), (Numeric, Some(Eq), d("100.00"), Some("%"), None));
        assert_eq!(t.value.map(|v| v.to_string()), Some("100.00".into()));
        assert!(!t.implicit_comparator);
        assert_eq!(
            parts(&parse_target("≥80.00(%)")),
            (Numeric, Some(Ge), d("80.00"), Some("%"), None)
        );
        assert_eq!(
            parts(&parse_target("≥13459.00(平方米)")),
            (Numeric, Some(Ge), d("13459.00"), Some("平方米"), None)
        );
        assert_eq!(
            parts(&parse_target("＞＝95％")),
            (Numeric, Some(Ge), d("95"), Some("%"), None)
        );
        assert_eq!(
            parts(&parse_target(">=90%")),
            (Numeric, Some(Ge), d("90"), Some("%"), None)
        );
        assert_eq!(
            parts(&parse_target("＞0")),
            (Numeric, Some(Gt), d("0"), None, None)
        );
        assert_eq!(
            parts(&parse_target("≧1,000人次")),
            (Numeric, Some(Ge), d("1000"), Some("人次"), None)
        );
        assert_eq!(
            parts(&parse_target("不低于80%")),
            (Numeric, Some(Ge), d("80"), Some("%"), None)
        );
        assert_eq!(
            parts(&parse_target("不超过 5 万元")),
            (Numeric, Some(Le), d("5"), Some("万元"), None)
        );
        assert_eq!(
            parts(&parse_target("补贴对象生活改善度不低于 80%")),
            (
                Numeric,
                Some(Ge),
                d("80"),
                Some("%"),
                Some("补贴对象生活改善度")
            )
        );
        assert_eq!(
            parts(&parse_target("满意度≥90%")),
            (Numeric, Some(Ge), d("90"), Some("%"), Some("满意度"))
        );
        assert_eq!(
            parts(&parse_target("90%以上")),
            (Numeric, Some(Ge), d("90"), Some("%"), None)
        );
        assert_eq!(
            parts(&parse_target("5万元以内")),
            (Numeric, Some(Le), d("5"), Some("万元"), None)
        );
        assert_eq!(
            parts(&parse_target("≥99. 5%")),
            (Numeric, Some(Ge), d("99.5"), Some("%"), None)
        );
        assert_eq!(parse_target("圆满完成").kind, Qualitative);
        assert_eq!(parse_target("2021年12月底前完成").kind, Qualitative);
        assert_eq!(
            parts(&parse_target("≥3年")),
            (Numeric, Some(Ge), d("3"), Some("年"), None)
        );
        assert_eq!(parse_target("≥ 及时").kind, Qualitative);
        assert_eq!(parse_target("").kind, Qualitative);
    }
}
