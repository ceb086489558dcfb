//! Percentages (§8.8) and the joining of numeric / header fragments split across cells
//! (§8.5, §8.14).

use rust_decimal::Decimal;

use crate::number::parse_amount;

/// Parses a percentage cell to its number: `25.00%`, `25. 00%` and `25.. 00%` (split
/// decimals), `=100.00(%)` (Shanghai), `100%`, `１００％`. `None` when there is no `%` or
/// the number does not parse — a bare `100` is not assumed to be a percentage.
pub fn parse_percent(s: &str) -> Option<Decimal> {
    let t: String = s
        .trim()
        .replace(['％'], "%")
        .replace(['（'], "(")
        .replace(['）'], ")");
    let t = t.trim_start_matches(['=', '＝', ' ']).replace("(%)", "%");
    let t = t.trim_end().strip_suffix('%')?.trim();
    parse_amount(t).ok().flatten().map(|a| a.value)
}

/// Joins the fragments of one numeric value or month header split across cells or lines
/// (text heuristics; §8.5 says to prefer column geometry when it is available). Whitespace
/// inside fragments is dropped. Seed cases: `"3 ,"` + `"月底"` → `3月底`, `"1"` + `"2月底"`
/// → `12月底`, `"1:"` + `"2月底"` → `12月底`, `"25."` + `". 00%"` → `25.00%`, `"25"` + `".
/// 00%"` → `25.00%`, `"10"` + `"00.00%"` → `100.00%`.
///
/// The character at a cell boundary is often printed into both cells: a repeated `.` is
/// always dropped once, and a repeated digit is dropped once when keeping it would make a
/// percentage above 100. A stray `,` `:` between a digit and the next fragment's digit or
/// `月` is dropped.
pub fn join_fragments(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        let p: String = part.chars().filter(|c| !c.is_whitespace()).collect();
        if p.is_empty() {
            continue;
        }
        let first = p.chars().next().unwrap_or(' ');
        // "3," + "月底", "1:" + "2月底": the punctuation is a wrap artefact.
        if first.is_ascii_digit() || first == '月' {
            let mut tail = out.chars().rev();
            if let (Some(l), Some(prev)) = (tail.next(), tail.next()) {
                if matches!(l, ',' | ':' | '，' | '：' | '、') && prev.is_ascii_digit() {
                    out.truncate(out.len() - l.len_utf8());
                }
            }
        }
        let dup = out
            .chars()
            .last()
            .is_some_and(|l| l == first && (l == '.' || l.is_ascii_digit()));
        if dup {
            let rest = &p[first.len_utf8()..];
            let plain = format!("{out}{p}");
            let deduped = format!("{out}{rest}");
            let over_100 = |s: &str| parse_percent(s).is_some_and(|v| v > Decimal::ONE_HUNDRED);
            if first == '.' || (over_100(&plain) && !over_100(&deduped)) {
                out = deduped;
                continue;
            }
        }
        out.push_str(&p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Option<Decimal> {
        Decimal::from_str(s).ok()
    }

    #[test]
    fn percents() {
        // seed line 211: "50. 00% 75. 00%" — a cell "25. 00%" after joining
        assert_eq!(parse_percent("25. 00%"), d("25.00"));
        assert_eq!(
            parse_percent("25. 00%").map(|v| v.to_string()),
            Some("25.00".into())
        );
        assert_eq!(parse_percent("25.. 00%"), d("25.00"));
        assert_eq!(parse_percent("=100.00(%)"), d("100.00"));
        assert_eq!(parse_percent("100%"), d("100"));
        assert_eq!(parse_percent("１００％"), d("100"));
        assert_eq!(parse_percent("100"), None);
        assert_eq!(parse_percent("及时完成"), None);
    }

    #[test]
    fn seed_fragments() {
        // seed line 210: "资金支出	3 ,	月底	6月底	10 月底	1	2月底"
        assert_eq!(join_fragments(&["3 ,", "月底"]), "3月底");
        assert_eq!(join_fragments(&["1", "2月底"]), "12月底");
        assert_eq!(join_fragments(&["10 月底"]), "10月底");
        // seed line 267: "1:	2月底"
        assert_eq!(join_fragments(&["1:", "2月底"]), "12月底");
        // seed line 211: "计划 (%)	25.	. 00%	…	10	00.00%"
        assert_eq!(join_fragments(&["25.", ". 00%"]), "25.00%");
        assert_eq!(join_fragments(&["10", "00.00%"]), "100.00%");
        // seed line 316: "25	. 00%"; line 298: "10	00. 00%"
        assert_eq!(join_fragments(&["25", ". 00%"]), "25.00%");
        assert_eq!(join_fragments(&["10", "00. 00%"]), "100.00%");
        assert_eq!(
            parse_percent(&join_fragments(&["25.", ". 00%"])),
            d("25.00")
        );
        assert_eq!(
            parse_percent(&join_fragments(&["10", "00.00%"])),
            d("100.00")
        );
        // a genuine repeated digit stays when the result is plausible
        assert_eq!(join_fragments(&["1", "1.00%"]), "11.00%");
        assert_eq!(join_fragments(&["", "50.00%"]), "50.00%");
    }
}
