//! The years a document states about itself, and DOC-1 / DOC-3 on them.
//!
//! A disclosure is most often wrong in words when it was made from last year's file, or from
//! a template, and a heading or a date was not updated: `第三部分 …财政局2023年度部门决算情况说明`
//! in the 2024 final, `截至2023年12月31日` in the 2024 final's assets note, `上海市普陀区XX局
//! 2024年度部门决算表` as a part heading. Such lines hold no amount, so no identity sees them.
//! [`year_mentions`] keeps the lines that fix the document's year:
//!
//! - **headings**: a line naming the document by year (`{year}年[度]部门预算`,
//!   `{year}年度单位决算…`, `{year}年预算公开`), not a sentence (no `，。；`), short;
//! - **as-of dates**: `截至` / `截止` `{year}年` (the date a stock is counted at: assets,
//!   vehicles, staff).
//!
//! and [`check_years`] holds them to the document's fiscal year: a heading names that year
//! (DOC-1) and holds no placeholder (DOC-3); a final's as-of date is at the end of its year
//! or after (a final of 2024 counts its assets 截至2024年12月31日), a budget's in the two
//! years before it or in its own (a budget of 2025 is made in 2024: 截至2024年8月31日).
//! A sentence stating a figure names the fiscal year or the year before (DOC-1 in the
//! domain spec), unless it dates a stock or cites a source (截至, 依据, 根据, 立项).
//!
//! All 576 heading lines and 16 as-of dates of the 39 corpus disclosures that the rules
//! were written against name the years above, but for the one planted error.

use serde::{Deserialize, Serialize};

use crate::identities::{Finding, Place, Severity};
use crate::{Kind, Records, TextLine};

/// What a year mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionRole {
    /// A line naming the document by year (`2024年度部门决算情况说明`).
    Heading,
    /// A date a stock is counted at (`截至2024年12月31日`).
    AsOf,
}

/// A line that fixes the document's year, kept once per text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearMention {
    /// Heading or as-of date.
    pub role: MentionRole,
    /// The year it names.
    pub year: i32,
    /// The line, spaces removed.
    pub text: String,
    /// First page it is printed on.
    pub page: u32,
    /// Its box there.
    pub bbox: [f64; 4],
    /// On how many lines the same text is printed (a running header: every page).
    pub lines: u32,
}

/// The year mentions of a document's text lines, in reading order, one per distinct
/// (role, text).
pub(crate) fn year_mentions(lines: &[TextLine]) -> Vec<YearMention> {
    let mut out: Vec<YearMention> = Vec::new();
    for l in lines {
        let text = compact(&l.text);
        for (role, year) in mentions_in(&text) {
            if let Some(m) = out.iter_mut().find(|m| m.role == role && m.text == text) {
                m.lines += 1;
                continue;
            }
            out.push(YearMention {
                role,
                year,
                text: text.clone(),
                page: l.page,
                bbox: [l.bbox.x0, l.bbox.top, l.bbox.x1, l.bbox.bottom],
                lines: 1,
            });
        }
    }
    out
}

/// The line's text without white space, Chinese-numeral years (`二〇二四年`) in digits.
fn compact(text: &str) -> String {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digit = |c: char| match c {
        '〇' | '○' | '零' => Some('0'),
        '一' => Some('1'),
        '二' => Some('2'),
        '三' => Some('3'),
        '四' => Some('4'),
        '五' => Some('5'),
        '六' => Some('6'),
        '七' => Some('7'),
        '八' => Some('8'),
        '九' => Some('9'),
        _ => None,
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let year: Option<String> = (i + 5 <= chars.len() && chars[i + 4] == '年')
            .then(|| {
                chars[i..i + 4]
                    .iter()
                    .map(|&c| digit(c))
                    .collect::<Option<String>>()
            })
            .flatten()
            .filter(|y| y.starts_with("19") || y.starts_with("20"));
        match year {
            Some(y) => {
                out.push_str(&y);
                i += 4;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

/// Every `{year}年` in `text` (19xx / 20xx, not part of a longer number), with its byte
/// offsets: (year, start, end after 年).
fn years_in(text: &str) -> Vec<(i32, usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for (i, _) in text.match_indices('年') {
        if i < 4 {
            continue;
        }
        let digits = &b[i - 4..i];
        let before_digit = i > 4 && b[i - 5].is_ascii_digit();
        if before_digit || !digits.iter().all(u8::is_ascii_digit) {
            continue;
        }
        if !(digits.starts_with(b"19") || digits.starts_with(b"20")) {
            continue;
        }
        let year = digits
            .iter()
            .fold(0i32, |y, d| y * 10 + i32::from(d - b'0'));
        out.push((year, i - 4, i + '年'.len_utf8()));
    }
    out
}

/// The heading and as-of mentions of one compact line.
fn mentions_in(text: &str) -> Vec<(MentionRole, i32)> {
    let mut out = Vec::new();
    let sentence = text.contains(['，', '。', '；', ',']);
    for (year, start, end) in years_in(text) {
        let before = &text[..start];
        if before.ends_with("截至") || before.ends_with("截止") || before.ends_with("截至到")
        {
            out.push((MentionRole::AsOf, year));
            continue;
        }
        if sentence || text.chars().count() > 60 {
            continue;
        }
        let after = text[end..].strip_prefix('度').unwrap_or(&text[end..]);
        let names_document = match after.strip_prefix("部门").or(after.strip_prefix("单位")) {
            Some(rest) => names_account(rest).is_some(),
            None => names_account(after).is_some_and(|rest| {
                rest.is_empty()
                    || ["公开", "情况", "编制", "说明"]
                        .iter()
                        .any(|w| rest.starts_with(w))
            }),
        };
        if names_document {
            out.push((MentionRole::Heading, year));
        }
    }
    out
}

/// What follows 预算 or 决算 when `s` begins with one of them.
fn names_account(s: &str) -> Option<&str> {
    s.strip_prefix("预算").or(s.strip_prefix("决算"))
}

/// A failed document check (warn) on a printed text: the text as `lhs`, where it is printed
/// (when known) as its one term.
pub(crate) fn text_failed(
    rule: &str,
    row: &str,
    expr: &str,
    text: &str,
    place: Option<Place>,
    note: Option<String>,
) -> Finding {
    let page = place.as_ref().map_or(0, |p| p.page);
    let mut f = Finding::plain(
        rule,
        Severity::Warn,
        false,
        "",
        "document",
        page,
        row,
        "",
        expr,
    );
    f.lhs = text.to_string();
    f.terms = place.into_iter().collect();
    f.note = note;
    f
}

/// DOC-1 and DOC-3 on the year mentions, and DOC-1 on the years of the narrative's
/// sentences.
pub(crate) fn check_years(r: &Records) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(fy) = r.document.fiscal_year else {
        return out;
    };
    let kind = r.document.kind;
    let account = match kind {
        Kind::Final => "final account",
        _ => "budget",
    };
    for m in &r.year_mentions {
        let place = Place {
            page: m.page,
            bbox: m.bbox,
        };
        let (ok, expr, why) = match m.role {
            MentionRole::Heading => (
                m.year == fy,
                format!("a heading names the fiscal year {fy}"),
                format!(
                    "a heading of the {account} of {fy} names {}: a part left from another year's document?",
                    m.year
                ),
            ),
            MentionRole::AsOf => match kind {
                Kind::Final => (
                    m.year >= fy,
                    format!("a final account of {fy} counts its stocks at the end of {fy} or later"),
                    format!(
                        "the final account of {fy} dates a stock 截至{}: last year's date left in?",
                        m.year
                    ),
                ),
                _ => (
                    (fy - 2..=fy).contains(&m.year),
                    format!("a budget of {fy} counts its stocks in {} … {fy}", fy - 2),
                    format!("the budget of {fy} dates a stock 截至{}", m.year),
                ),
            },
        };
        if !ok {
            out.push(text_failed(
                "DOC-1",
                "",
                &expr,
                &m.text,
                Some(place.clone()),
                Some(why),
            ));
        }
        if m.role == MentionRole::Heading && crate::cross::has_placeholder(&m.text) {
            out.push(text_failed(
                "DOC-3",
                "heading",
                "no placeholder text in the document's headings",
                &m.text,
                Some(place),
                None,
            ));
        }
    }
    // A sentence stating one of the document's figures names its year or the year before.
    let mut seen: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for fact in &r.facts {
        if !seen.insert(&fact.sentence) {
            continue;
        }
        let cites = ["截至", "截止", "依据", "根据", "立项"]
            .iter()
            .any(|w| fact.sentence.contains(w));
        if cites {
            continue;
        }
        let text = compact(&fact.sentence);
        if let Some((year, _, _)) = years_in(&text)
            .into_iter()
            .find(|(y, _, _)| *y != fy && *y != fy - 1)
        {
            out.push(text_failed(
                "DOC-1",
                &fact.key,
                &format!("a sentence stating a figure names {fy} or {}", fy - 1),
                &fact.sentence,
                Some(Place {
                    page: fact.page,
                    bbox: fact.bbox,
                }),
                Some(format!(
                    "the {account} of {fy} states a figure of {year}: a sentence left from another year's document?"
                )),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_name_the_document_by_year() {
        let roles = |t: &str| mentions_in(&compact(t));
        assert_eq!(
            roles("第三部分 上海市普陀区财政局 2023年度部门决算情况说明"),
            vec![(MentionRole::Heading, 2023)]
        );
        assert_eq!(
            roles("二〇二四年部门预算"),
            vec![(MentionRole::Heading, 2024)]
        );
        assert_eq!(roles("2025年预算公开"), vec![(MentionRole::Heading, 2025)]);
        // A sentence, a column header and a figure are not headings.
        assert!(roles("上海市普陀区财政局2024年度收入支出总计0万元。").is_empty());
        assert!(roles("2023年预算数").is_empty());
        assert!(roles("2023年执行数 2024年预算数").is_empty());
        // An as-of date is one in a sentence too.
        assert_eq!(
            roles("截至 2023年 12 月 31 日，上海市普陀区财政局共有车辆 0 辆"),
            vec![(MentionRole::AsOf, 2023)]
        );
        assert!(roles("12023年度部门预算").is_empty());
    }
}
