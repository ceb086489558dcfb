//! Chinese dates and years (§8.10): `二〇二一年三月`, `2025年3月15日`, `2020 年 6 月份`,
//! `二〇二五年`, and every year named in a sentence.

use serde::{Deserialize, Serialize};

/// How much of a date was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    /// `2021年`.
    Year,
    /// `二〇二一年三月`.
    Month,
    /// `2025年3月15日`.
    Day,
}

/// A date with the precision it was written in (month and day are `None` when not given).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CnDate {
    /// Year.
    pub year: i32,
    /// Month 1–12, when given.
    pub month: Option<u32>,
    /// Day 1–31, when given (only with a month).
    pub day: Option<u32>,
}

impl CnDate {
    /// ISO-like text at the written precision: `2021`, `2021-03`, `2021-03-15`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }

    /// Year, month or day precision.
    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }
}

/// One digit of a year or a small number: ASCII, full-width, or a Chinese numeral. 〇 also
/// comes out of OCR as ○ (U+25CB), Latin O or Cyrillic О (§8.10).
fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' | 'O' | 'О' | 'o' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '０'..='９' => c as u32 - '０' as u32,
        _ => c.to_digit(10)?,
    })
}

/// Reads a month or day written as digits or Chinese numerals (三, 十, 十二, 二十五, 三十一).
fn small_number(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return s
            .chars()
            .try_fold(0u32, |a, c| a.checked_mul(10)?.checked_add(cn_digit(c)?));
    }
    let chars: Vec<char> = s.chars().collect();
    match chars.iter().position(|&c| c == '十') {
        Some(i) if i <= 1 && chars.len() <= i + 2 => {
            let tens = if i == 0 { 1 } else { cn_digit(chars[0])? };
            let ones = if i + 1 < chars.len() {
                cn_digit(chars[i + 1])?
            } else {
                0
            };
            Some(tens * 10 + ones)
        }
        Some(_) => None,
        None if chars.len() == 1 => cn_digit(chars[0]),
        None => None,
    }
}

/// The year whose 年 is at `chars[pos]` (spaces between the digits and 年 allowed), when
/// exactly four year digits precede it.
fn year_before(chars: &[char], pos: usize) -> Option<i32> {
    let mut j = pos;
    while j > 0 && chars[j - 1].is_whitespace() {
        j -= 1;
    }
    if j < 4 {
        return None;
    }
    // A fifth digit of the same script before means a longer number ("12345年"); a Chinese
    // numeral before an Arabic year ("统一2021年") does not.
    let arabic = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    if j > 4 {
        let (prev, first) = (chars[j - 5], chars[j - 4]);
        if arabic(prev) && arabic(first)
            || !arabic(prev)
                && !arabic(first)
                && cn_digit(prev).is_some()
                && !prev.is_ascii_alphabetic()
        {
            return None;
        }
    }
    chars[j - 4..j]
        .iter()
        .try_fold(0i32, |a, &c| Some(a * 10 + cn_digit(c)? as i32))
}

/// Parses the first date in `s`: a four-digit year (Arabic, full-width or Chinese numerals)
/// followed by 年, then optionally a month (月, 月份) and a day (日, 号). Spaces anywhere
/// are ignored ("2020 年 6 月份" → 2020-06). `None` when no 年 has a year before it.
pub fn parse_cn_date(s: &str) -> Option<CnDate> {
    let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    for (pos, _) in chars.iter().enumerate().filter(|(_, &c)| c == '年') {
        let Some(year) = year_before(&chars, pos) else {
            continue;
        };
        let rest: String = chars[pos + 1..].iter().collect();
        let month_part: String = rest.chars().take_while(|&c| c != '月').collect();
        let has_month = month_part.chars().count() <= 3 && rest.contains('月');
        let month = has_month
            .then(|| small_number(&month_part))
            .flatten()
            .filter(|m| (1..=12).contains(m));
        let day = month.and_then(|_| {
            let after: String = rest.chars().skip_while(|&c| c != '月').skip(1).collect();
            let after = after.strip_prefix('份').unwrap_or(&after);
            let day_part: String = after
                .chars()
                .take_while(|&c| c != '日' && c != '号')
                .collect();
            (day_part.chars().count() <= 3 && after.len() > day_part.len())
                .then(|| small_number(&day_part))
                .flatten()
                .filter(|d| (1..=31).contains(d))
        });
        return Some(CnDate { year, month, day });
    }
    None
}

/// Every year (1990–2099) written before 年 in a sentence, in order, repeats kept (`2021 年`
/// with spaces, `二〇二一年`, `2024年度` included). Used to cross-check the fiscal year (the
/// seed's 收入说明 says 2020 in a 2021 document).
pub fn years_in(s: &str) -> Vec<i32> {
    let chars: Vec<char> = s.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|(_, &c)| c == '年')
        .filter_map(|(i, _)| year_before(&chars, i))
        .filter(|y| (1990..=2099).contains(y))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_dates() {
        // seed line 3: "二〇二一年三月"
        let d = parse_cn_date("二〇二一年三月").expect("date");
        assert_eq!(
            (d.iso(), d.precision()),
            ("2021-03".to_string(), DatePrecision::Month)
        );
        let d = parse_cn_date("2025年3月15日").expect("date");
        assert_eq!(
            (d.year, d.month, d.day, d.precision()),
            (2025, Some(3), Some(15), DatePrecision::Day)
        );
        assert_eq!(
            parse_cn_date("截至2024年8月31日").map(|d| d.iso()),
            Some("2024-08-31".into())
        );
        assert_eq!(
            parse_cn_date("二〇二五年十二月").map(|d| d.iso()),
            Some("2025-12".into())
        );
        assert_eq!(
            parse_cn_date("二〇二五年").map(|d| (d.iso(), d.precision())),
            Some(("2025".into(), DatePrecision::Year))
        );
        assert_eq!(
            parse_cn_date("2021 年").map(|d| (d.iso(), d.precision())),
            Some(("2021".into(), DatePrecision::Year))
        );
        assert_eq!(
            parse_cn_date("2021 年预算公开").map(|d| d.iso()),
            Some("2021".into())
        );
        // seed line 88: "2020 年 6 月份成立"
        assert_eq!(
            parse_cn_date("党建工作部 2020 年 6 月份成立").map(|d| d.iso()),
            Some("2020-06".into())
        );
        // OCR 〇 as ○, full-width digits, Chinese day
        assert_eq!(
            parse_cn_date("二○二一年三月二十五日").map(|d| d.iso()),
            Some("2021-03-25".into())
        );
        assert_eq!(
            parse_cn_date("２０２５年１月").map(|d| d.iso()),
            Some("2025-01".into())
        );
        // a 年 with no year before it is skipped, not fatal
        assert_eq!(
            parse_cn_date("上年结转, 2024年度").map(|d| d.iso()),
            Some("2024".into())
        );
        assert_eq!(
            parse_cn_date("2025年十三月").map(|d| d.iso()),
            Some("2025".into())
        );
        assert_eq!(parse_cn_date("20250年"), None);
        assert_eq!(parse_cn_date("预算公开"), None);
    }

    #[test]
    fn seed_years() {
        // seed line 72 says 2020 in a 2021 document: the year slip must be visible.
        assert_eq!(
            years_in("反映本部门当年全部收入,2020年预算收入706.28万元"),
            vec![2020]
        );
        // seed line 88
        assert_eq!(years_in("部门 2021 年\"三公\"经费为 0.23 万元…2020 年 6 月份成立,财务 2021 年从工委办独立出来"), vec![2021, 2020, 2021]);
        assert_eq!(years_in("二〇二一年三月"), vec![2021]);
        assert_eq!(years_in("2024年度部门决算"), vec![2024]);
        assert_eq!(years_in("统一2021年"), vec![2021]);
        assert_eq!(years_in("共3年, 第12345年, 1900年"), Vec::<i32>::new());
    }
}
