//! Chinese dates and years: `二〇二一年三月`, `2025年3月15日`, `2021 年`.

use serde::{Deserialize, Serialize};

/// A date with the precision it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CnDate {
    /// Year.
    pub year: i32,
    /// Month, when given.
    pub month: Option<u32>,
    /// Day, when given.
    pub day: Option<u32>,
}

impl CnDate {
    /// ISO-like text at the given precision: `2021`, `2021-03`, `2021-03-15`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }
}

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' | 'O' | 'О' | '0' => 0,
        '一' | '1' => 1,
        '二' | '2' => 2,
        '三' | '3' => 3,
        '四' | '4' => 4,
        '五' | '5' => 5,
        '六' | '6' => 6,
        '七' | '7' => 7,
        '八' | '8' => 8,
        '九' | '9' => 9,
        _ => c.to_digit(10)?,
    })
}

/// Reads a month or day written as digits or Chinese numerals (三, 十二, 二十五).
fn small_number(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let chars: Vec<char> = s.chars().collect();
    match chars.iter().position(|&c| c == '十') {
        Some(i) => {
            let tens = if i == 0 { 1 } else { cn_digit(chars[0])? };
            let ones = if i + 1 < chars.len() { cn_digit(chars[i + 1])? } else { 0 };
            Some(tens * 10 + ones)
        }
        None if chars.len() == 1 => cn_digit(chars[0]),
        None => None,
    }
}

/// Parses the first date in `s`: a four-digit year (Arabic or Chinese numerals) followed
/// by 年, optionally 月 and 日.
pub fn parse_cn_date(s: &str) -> Option<CnDate> {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let chars: Vec<char> = t.chars().collect();
    let pos = chars.iter().position(|&c| c == '年')?;
    if pos < 4 {
        return None;
    }
    let year_digits: Option<Vec<u32>> = chars[pos - 4..pos].iter().map(|&c| cn_digit(c)).collect();
    let year = year_digits?.iter().fold(0i32, |a, &d| a * 10 + d as i32);
    let rest: String = chars[pos + 1..].iter().collect();
    let (month, day) = match rest.split_once('月') {
        Some((m, after)) => {
            let month = small_number(m).filter(|m| (1..=12).contains(m));
            let day = after.split_once(['日', '号']).and_then(|(d, _)| small_number(d)).filter(|d| (1..=31).contains(d));
            (month, if month.is_some() { day } else { None })
        }
        None => (None, None),
    };
    Some(CnDate { year, month, day })
}

/// Every year (1990–2099) written before 年 in a sentence, in order (`2021 年` included).
pub fn years_in(s: &str) -> Vec<i32> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if c != '年' {
            continue;
        }
        let mut j = i;
        while j > 0 && chars[j - 1] == ' ' {
            j -= 1;
        }
        if j >= 4 {
            let digits: Option<Vec<u32>> = chars[j - 4..j].iter().map(|&c| cn_digit(c)).collect();
            let before_ok = j == 4 || !chars[j - 5].is_ascii_digit();
            if let (Some(d), true) = (digits, before_ok) {
                let y = d.iter().fold(0i32, |a, &x| a * 10 + x as i32);
                if (1990..=2099).contains(&y) {
                    out.push(y);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_dates() {
        // seed line 3: "二〇二一年三月"
        assert_eq!(parse_cn_date("二〇二一年三月").map(|d| d.iso()), Some("2021-03".into()));
        assert_eq!(parse_cn_date("2025年3月15日").map(|d| d.iso()), Some("2025-03-15".into()));
        assert_eq!(parse_cn_date("截至2024年8月31日").map(|d| d.iso()), Some("2024-08-31".into()));
        assert_eq!(parse_cn_date("二〇二五年十二月").map(|d| d.iso()), Some("2025-12".into()));
        assert_eq!(parse_cn_date("2021 年预算公开").map(|d| d.iso()), Some("2021".into()));
        // seed line 72 says 2020 in a 2021 document: the year slip must be visible.
        assert_eq!(years_in("反映本部门当年全部收入,2020年预算收入706.28万元"), vec![2020]);
        assert_eq!(years_in("因…2020 年 6 月份成立, 财务 2021 年从工委办独立出来"), vec![2020, 2021]);
    }
}
