//! Numeric clean-up for cells of numeric columns only: letters that OCR confuses with
//! digits (O→0, l→1, …), full-width punctuation, stray spaces, and a decimal comma in
//! the place of the point. Text columns are never touched.

/// True when `s` is an amount, count or percentage as printed in disclosures
/// (`1,234.56`, `-3.5`, `12%`, `0.00`).
pub fn is_number(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let s = s.strip_suffix('%').unwrap_or(s);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let int_ok = !int.is_empty()
        && int.chars().next().is_some_and(|c| c.is_ascii_digit())
        && int.chars().all(|c| c.is_ascii_digit() || c == ',')
        && !int.ends_with(',')
        && !int.contains(",,");
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()));
    int_ok && frac_ok
}

/// The cleaned form of a cell read in a numeric column, or `None` when even after
/// clean-up it is not a number (then the cell is kept as read).
pub fn clean(raw: &str) -> Option<String> {
    let mut s = String::new();
    for c in raw.chars() {
        let m = match c {
            ' ' | '\u{3000}' | '\'' | '`' | '"' | '‘' | '’' | '“' | '”' => continue,
            'O' | 'o' | 'Q' | 'D' | '〇' | 'θ' => '0',
            'l' | 'I' | '|' | 'i' | '!' | 'J' | ']' | '[' => '1',
            'Z' | 'z' => '2',
            'S' | 's' | '$' => '5',
            'B' => '8',
            'G' | 'b' => '6',
            '，' | '、' => ',',
            '。' | '·' | '．' | '∙' | '•' => '.',
            '一' | '—' | '–' | '－' | '~' => '-',
            '％' => '%',
            c if c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '%') => c,
            c if c.is_ascii_digit() => c,
            _ => return None,
        };
        s.push(m);
    }
    // Leading/trailing separators are specks or ruling remains.
    let s = s.trim_matches(|c| c == ',' || c == '.').to_string();
    let s = decimal_comma(&s);
    // A period misread as a thousands separator position-wise: `1.234.56` → `1,234.56`.
    let s = if s.matches('.').count() > 1 {
        let last = s.rfind('.').unwrap_or(0);
        s.char_indices()
            .map(|(i, c)| if c == '.' && i != last { ',' } else { c })
            .collect()
    } else {
        s
    };
    is_number(&s).then_some(s)
}

/// `52,13` (no point, two digits after the last comma) is `52.13`.
fn decimal_comma(s: &str) -> String {
    if s.contains('.') {
        return s.to_string();
    }
    match s.rfind(',') {
        Some(i) if s.len() - i - 1 == 2 => format!("{}.{}", &s[..i], &s[i + 1..]),
        _ => s.to_string(),
    }
}

/// True when a column whose cells read `texts` is numeric: of its cells that show a
/// digit, most (60%) are numbers once cleaned. Headers (预算数) show no digit and do not
/// count, so a one-row table's amount columns are numeric too.
pub fn column_is_numeric<'a>(texts: impl Iterator<Item = &'a str>) -> bool {
    let (mut n, mut num) = (0, 0);
    for t in texts {
        let t = t.trim();
        if !t.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        n += 1;
        if clean(t).is_some() {
            num += 1;
        }
    }
    n > 0 && num * 10 >= n * 6
}

/// The digits of a number (separators and signs ignored).
fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Picks between the general reading and the digits-only reading of a numeric cell
/// (each cleaned, with its confidence 0–100). Equal digits: the general reading (it
/// keeps separators; the digits-only model drops commas more often), with the higher
/// confidence. Different: the more confident reading, and the other one is returned
/// as the alternative so that the disagreement is reported.
pub fn choose(
    first: Option<(String, f32)>,
    second: Option<(String, f32)>,
) -> (Option<(String, f32)>, Option<String>) {
    match (first, second) {
        (Some(a), Some(b)) if digits(&a.0) == digits(&b.0) => {
            let text = if a.0.contains(',') || !b.0.contains(',') {
                a.0
            } else {
                b.0
            };
            (Some((text, a.1.max(b.1))), None)
        }
        (Some(a), Some(b)) => {
            if b.1 > a.1 {
                (Some(b), Some(a.0))
            } else {
                (Some(a), Some(b.0))
            }
        }
        (a, b) => (a.or(b), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_confusions() {
        assert_eq!(clean("821.85").as_deref(), Some("821.85"));
        assert_eq!(clean("8O1.l5").as_deref(), Some("801.15"));
        assert_eq!(clean("52 .13").as_deref(), Some("52.13"));
        assert_eq!(clean("1，234.56").as_deref(), Some("1,234.56"));
        assert_eq!(clean("52,13").as_deref(), Some("52.13"));
        assert_eq!(clean("31,214,205.80").as_deref(), Some("31,214,205.80"));
        assert_eq!(clean("预算数"), None);
        assert_eq!(clean("一般"), None);
        assert_eq!(clean("1.234.56").as_deref(), Some("1,234.56"));
    }

    #[test]
    fn two_readings() {
        let r = |t: &str, c: f32| Some((t.to_string(), c));
        assert_eq!(
            choose(r("1084.59", 90.0), r("1,084.59", 80.0)),
            (r("1,084.59", 90.0), None)
        );
        assert_eq!(
            choose(r("084.59", 70.0), r("1,084.59", 95.0)),
            (r("1,084.59", 95.0), Some("084.59".into()))
        );
        assert_eq!(choose(None, r("78.77", 93.0)), (r("78.77", 93.0), None));
        assert_eq!(choose(r("6.71", 93.0), None), (r("6.71", 93.0), None));
    }

    #[test]
    fn numeric_columns() {
        assert!(column_is_numeric(
            ["预算数", "821.85", "", "6.71", "828.56"].into_iter()
        ));
        assert!(column_is_numeric(["运行费", "2 .43"].into_iter()));
        assert!(!column_is_numeric(
            ["项目", "一般公共预算拨款收入", "事业收入"].into_iter()
        ));
        assert!(!column_is_numeric(
            ["指标值", "≥98%以上", "2024年12月底", "7.5"].into_iter()
        ));
        assert!(
            is_number("0.00")
                && is_number("-3.5")
                && is_number("12%")
                && !is_number("1,,2")
                && !is_number(".5")
        );
    }
}
