//! Classification codes: 功能分类 类/款/项 (3/5/7 digits) and 经济分类 类/款 (3/5 digits).

use serde::{Deserialize, Serialize};

/// Which classification a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeSystem {
    /// 支出功能分类 (201 …, 3/5/7 digits).
    GovFunction,
    /// 支出经济分类 (301 …, 3/5 digits).
    Economic,
}

/// A validated classification code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    /// Digits, e.g. `2013101`.
    pub code: String,
    /// Classification system.
    pub system: CodeSystem,
    /// 1 = 类, 2 = 款, 3 = 项.
    pub level: u8,
    /// Parent code (`2013101` → `20131`), `None` at 类 level.
    pub parent: Option<String>,
}

impl Code {
    /// Parses a code from one string or from 类/款/项 fragments joined (`"201 31 01"`,
    /// `"201-06-01"`, `"[2010601]"`). Economic codes start with 3 (301 … 399) and have 3 or 5
    /// digits; functional codes start with 2 and have 3, 5 or 7 digits.
    pub fn parse(s: &str) -> Option<Code> {
        let digits: String = s.chars().filter(|c| !matches!(c, ' ' | '-' | '[' | ']' | '\u{3000}')).collect();
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let (system, lens): (CodeSystem, &[usize]) = match digits.as_bytes()[0] {
            b'2' => (CodeSystem::GovFunction, &[3, 5, 7]),
            b'3' => (CodeSystem::Economic, &[3, 5]),
            _ => return None,
        };
        let level = lens.iter().position(|&l| l == digits.len())? as u8 + 1;
        let parent = (level > 1).then(|| digits[..lens[level as usize - 2]].to_string());
        Some(Code { code: digits, system, level, parent })
    }

    /// Joins 类 / 款 / 项 cells (`["201", "06", "01"]` → `2010601`).
    pub fn from_parts(parts: &[&str]) -> Option<Code> {
        let joined: String = parts.iter().map(|p| p.trim()).collect();
        Code::parse(&joined)
    }
}

/// Splits a cell such as `2013101 行政运行` or `201 一般公共服务支出` into code and name.
pub fn split_code_name(s: &str) -> (Option<Code>, String) {
    let t = s.trim();
    let head: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if let Some(code) = Code::parse(&head) {
        let name = t[head.len()..].trim().to_string();
        return (Some(code), name);
    }
    (None, t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_codes_and_parents() {
        let c = Code::parse("2013101").expect("code");
        assert_eq!((c.level, c.parent.as_deref(), c.system), (3, Some("20131"), CodeSystem::GovFunction));
        assert_eq!(Code::parse("20131").and_then(|c| c.parent), Some("201".into()));
        assert_eq!(Code::parse("201").map(|c| (c.level, c.parent)), Some((1, None)));
        assert_eq!(Code::parse("30101").map(|c| (c.system, c.level, c.parent)), Some((CodeSystem::Economic, 2, Some("301".into()))));
        assert_eq!(Code::from_parts(&["201", "06", "01"]).map(|c| c.code), Some("2010601".into()));
        assert!(Code::parse("2013").is_none());
        assert!(Code::parse("3010101").is_none());
        assert!(Code::parse("行政运行").is_none());
        let (c, name) = split_code_name("2013101 行政运行");
        assert_eq!((c.map(|c| c.code), name.as_str()), (Some("2013101".into()), "行政运行"));
    }
}
