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
    // `04.43` is no printed figure (a 6 read as 0): only `0` or `0.xx` open with 0.
    let zero_led = int.starts_with('0') && int.chars().nth(1).is_some_and(|c| c.is_ascii_digit());
    let int_ok = int_ok && !zero_led;
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

/// Digits after the decimal point of a number (`None` without a point).
pub fn decimals(s: &str) -> Option<usize> {
    let (_, f) = s.trim_end_matches('%').split_once('.')?;
    Some(f.chars().take_while(char::is_ascii_digit).count())
}

/// The decimals most figures of a numeric column print (`Some(2)` for `821.85`,
/// `6.71`), when at least 60% of its figures agree; `None` otherwise (a column of
/// counts, or mixed).
pub fn column_decimals<'a>(texts: impl Iterator<Item = &'a str>) -> Option<usize> {
    let mut counts: std::collections::BTreeMap<Option<usize>, usize> = Default::default();
    let mut n = 0;
    for t in texts.filter_map(clean) {
        *counts.entry(decimals(&t)).or_default() += 1;
        n += 1;
    }
    let (d, k) = counts.into_iter().max_by_key(|(_, k)| *k)?;
    (d.is_some() && k * 10 >= n * 6).then_some(d).flatten()
}

/// The figure a cell read as nothing stands for, given its reading digits-only
/// `reading` and the texts of the other cells of its row `row`: two or more of them
/// figures, the reading a figure grouped as print groups them ([`well_grouped`]), no
/// percentage, printing the decimals most of the row's figures print (a row of whole
/// numbers: none, and two digits or more, a speck read `1` being none). `None`
/// otherwise: an empty cell's specks are no figure.
pub fn unread_cell_figure(reading: &str, row: &[String]) -> Option<String> {
    let figures: Vec<&str> = row
        .iter()
        .map(String::as_str)
        .filter(|t| {
            !t.chars().any(gongkai_geom::layout::is_cjk)
                && t.chars().any(|c| c.is_ascii_digit())
                && clean(t).is_some()
        })
        .collect();
    if figures.len() < 2 {
        return None;
    }
    let t = clean(reading)?;
    if t.contains('%') || !well_grouped(&t) {
        return None;
    }
    let whole = figures
        .iter()
        .filter_map(|f| clean(f))
        .all(|f| decimals(&f).is_none());
    let ok = if whole {
        decimals(&t).is_none() && t.chars().filter(char::is_ascii_digit).count() >= 2
    } else {
        column_decimals(figures.iter().copied()).is_some_and(|d| decimals(&t) == Some(d))
    };
    ok.then_some(t)
}

/// A reading of a cell: its text and confidence (0–100).
pub type Reading = (String, f32);

/// A percentage cell as printed: a comparator or nothing (`≥`, `≤`, `>`, `<`, `=`,
/// `>=`, …), a number, the sign. Returns `(comparator, number)` of a cell read `raw`, forgiving
/// what OCR adds to a percentage cell and nothing else: spaces, a colon for the point
/// between digits (`2:00%`), and after the sign only ring and speck marks (`%46`,
/// `% 3`, `%%`, `%:`, `%%，`, a dash at the end; digits, `%`, `:`, `.`, `,`, `，`, `。`, quotes), never a letter or ideograph
/// (`≥90% 有效提高` is a target with a qualifier, not a bare percentage).
pub fn percent(raw: &str) -> Option<(String, String)> {
    let t: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '％' { '%' } else { c })
        .collect();
    let sign = |c: &char| matches!(c, '≥' | '≤' | '>' | '<' | '=' | '＞' | '＜' | '≧' | '≦');
    let cmp: String = t.chars().take_while(sign).take(2).collect();
    let rest = &t[cmp.len()..];
    // A sign read twice, with its bar and without (`≥>85%`, `≥>99%`: tuning seeds 116
    // and 646), is the one with the bar; read twice without it (`>>85%`), one sign
    // (whose bar [`crate::signs::mend`] then looks for).
    let cmp = match cmp.as_str() {
        "≥>" | ">≥" | "≥≥" | "≥＞" | "＞≥" => "≥".to_string(),
        "≤<" | "<≤" | "≤≤" | "≤＜" | "＜≤" => "≤".to_string(),
        ">>" | "＞＞" => ">".to_string(),
        "<<" | "＜＜" => "<".to_string(),
        _ => cmp,
    };
    let (num, tail) = rest.split_once('%')?;
    // A speck read as a dash ends the cell (`≥98%-`); a dash with more after it is a
    // range (`10%-20%`).
    let tail = tail.trim_end_matches(['-', '_', '~']);
    if !tail.chars().all(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                '%' | ':' | '.' | ',' | '，' | '。' | '\'' | '"' | '’' | '”'
            )
    }) {
        return None;
    }
    let b: Vec<char> = num.chars().collect();
    let num: String = b
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between = i > 0
                && b[i - 1].is_ascii_digit()
                && b.get(i + 1).is_some_and(char::is_ascii_digit);
            if c == ':' && between {
                '.'
            } else {
                c
            }
        })
        .collect();
    let (int, frac) = match num.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (num.as_str(), None),
    };
    let digits = |x: &str| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit());
    (digits(int) && frac.is_none_or(digits)).then(|| (cmp, num.clone()))
}

/// Whether a cell of a numeric column, as first read, may be a misread figure (and is
/// worth reading again digits-only): it shows a digit or no ideograph. A header (科目编码,
/// 预算数) shows no digit, and a schedule header (`10月底`, or `10上月底`) whose column
/// holds figures below it is no figure either: read digits-only it became `10` (tuning
/// seed 116: every 10月底 of its five 绩效 tables, their schedules left unpaired).
pub fn may_be_figure(raw: &str) -> bool {
    month_end(raw).is_none()
        && (raw.chars().any(|c| c.is_ascii_digit())
            || !raw.chars().any(gongkai_geom::layout::is_cjk))
}

/// A schedule header cell (`10月底`, 3–12) as printed: `Some(true)`; read with one
/// ideograph too many between its figure and 月底 (`10上月底`): `Some(false)`; other
/// text: `None`.
pub fn month_end(raw: &str) -> Option<bool> {
    let t: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let body = t.strip_suffix("月底")?;
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    let rest: Vec<char> = body.chars().skip(digits).collect();
    if !(1..=2).contains(&digits) {
        return None;
    }
    match rest.as_slice() {
        [] => Some(true),
        [c] if gongkai_geom::layout::is_cjk(*c) && *c != '月' => Some(false),
        _ => None,
    }
}

/// A schedule header whose month was read as one other character (`扣月底` for
/// `6月底`: tuning seed 116, page 16).
pub fn month_lost(raw: &str) -> bool {
    let t: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    t.strip_suffix("月底").is_some_and(|body| {
        let mut c = body.chars();
        matches!((c.next(), c.next()), (Some(x), None) if !x.is_ascii_digit())
    })
}

/// A month (1–12) read digits-only (`6`, `12`); other readings `None`.
pub fn month_of(reading: &str) -> Option<u32> {
    let t = reading.trim();
    (1..=2)
        .contains(&t.len())
        .then(|| t.parse::<u32>().ok())
        .flatten()
        .filter(|m| (1..=12).contains(m))
}

/// Picks between the general reading and the digits-only reading of a percentage cell
/// (each with its confidence 0–100), by the percentage grammar ([`percent`]): a reading
/// that parses wins; both parse and agree, the general one; both parse and disagree, the
/// general one when it read a comparator (the digits-only model reads the sign as a
/// digit), else the more confident one, the other returned as the alternative. The comparator is the
/// general reading's (the digits-only model has no ≥). `None` when neither parses.
pub fn choose_percent(
    first: Option<(&str, f32)>,
    second: Option<(&str, f32)>,
) -> Option<(Reading, Option<Reading>)> {
    let f = first.and_then(|(t, c)| percent(t).map(|p| (p, c)));
    let cmp = f.as_ref().map(|((c, _), _)| c.clone()).unwrap_or_default();
    let s = second.and_then(|(t, c)| percent(t).map(|(_, n)| ((cmp.clone(), n), c)));
    let text = |((c, n), conf): ((String, String), f32)| (format!("{c}{n}%"), conf);
    match (f, s) {
        (Some(a), Some(b)) if a.0 .1 == b.0 .1 => Some((text(a), None)),
        // One reading took the sign's upper circle for a 9 (`>609%` beside `>60%`:
        // tuning seed 646, page 22; issue 19: `9%0`): the figure without it, whichever
        // reading is surer. A one-digit figure is left to confidence (`99%` or `9%`).
        (Some(a), Some(b)) if sign_circle_as_nine(&a.0 .1, &b.0 .1) => {
            Some((text(b), Some(text(a))))
        }
        (Some(a), Some(b)) if sign_circle_as_nine(&b.0 .1, &a.0 .1) => {
            Some((text(a), Some(text(b))))
        }
        // The digits-only model reads a sign before the figure as a digit (`≥85%` as
        // `285%`): with a comparator read, the general reading stands.
        (Some(a), Some(b)) if !a.0 .0.is_empty() => Some((text(a), Some(text(b)))),
        (Some(a), Some(b)) => {
            if b.1 > a.1 {
                Some((text(b), Some(text(a))))
            } else {
                Some((text(a), Some(text(b))))
            }
        }
        (Some(a), None) => Some((text(a), None)),
        (None, Some(b)) => Some((text(b), None)),
        (None, None) => None,
    }
}

/// A cell of a text column read as a percentage (the 绩效目标表's schedule and targets):
/// `raw` as read, with `row` other cells of its row and `column` other cells of its
/// column that parse as percentages. Not a label holding a percent sign
/// (`资金支出计划(%)`) nor a target with words: no ideograph, a digit, and a percent sign
/// or two percentages beside it in its row. In a row of percentages, a cell showing the
/// sign is one even when its figure was misread as letters (`Tooo%` for `70.00%`) or a
/// speck as an ideograph after it (`100.00% 加`: tuning seed 136, page 16). In a
/// column of percentages (the 指标值), a figure of no ideograph is one too, its sign
/// read as digits (`>10096` for `>100%`: tuning seed 116, page 20).
pub fn percent_cell(raw: &str, row: usize, column: usize) -> bool {
    let sign = raw.contains(['%', '％']);
    let ideographs = raw
        .chars()
        .filter(|&c| gongkai_geom::layout::is_cjk(c) && c != '％')
        .count();
    let in_row = row >= 2 && sign && ideographs <= 1;
    in_row
        || raw.chars().any(|c| c.is_ascii_digit())
            && ideographs == 0
            && (sign || row >= 2 || column >= 2)
}

/// A cell read as no figure though it should be one: a cell of a numeric column
/// (`numeric`) that may be a figure and does not parse as one, or a percentage cell
/// (`percent`) that does not parse as a percentage, or a cell of no ideograph in a
/// column holding a percentage (`in_percent_column`) that parses neither as a
/// percentage nor as a number (after a comparator), showing a digit each time
/// (`2D804` for `≥80%`, `95&` for `95%`: tuning seed 993). Such a cell is reported: the
/// records take it as text, and nothing else says that a figure was misread.
pub fn unread_figure(text: &str, numeric: bool, percent: bool, in_percent_column: bool) -> bool {
    let figure = text.trim_start_matches(['≥', '≤', '>', '<', '=', '＞', '＜', ' ']);
    // A count (`≥117`, `318`) is a target too; a code of letters and digits
    // (`11023124LAUOK27HFTMR`, a 项目编码 over the columns) is no figure.
    let letters = text.chars().filter(char::is_ascii_alphabetic).count();
    let figure_like = letters <= 2 && !is_number(figure);
    let unread = if numeric {
        may_be_figure(text) && clean(text).is_none()
    } else if percent || in_percent_column {
        (percent || !text.chars().any(gongkai_geom::layout::is_cjk))
            && self::percent(text).is_none()
            && figure_like
    } else {
        // Anywhere else, a cell of no ideograph showing a figure with a symbol that no
        // figure, code, date or comparator holds (`95&` for 95%, where neither its row
        // nor its column held a percentage read right: tuning seed 993, page 16).
        !text.chars().any(gongkai_geom::layout::is_cjk)
            && text.chars().any(|c| {
                !c.is_ascii_alphanumeric() && !c.is_whitespace() && !FIGURE_MARKS.contains(c)
            })
    };
    unread && text.chars().any(|c| c.is_ascii_digit())
}

/// Characters a figure, a code, a date, a range or a comparator holds besides digits and
/// letters.
const FIGURE_MARKS: &str = ".,，。%％‰-－—–+＋≥≤<>=＞＜≧≦()（）/:：~～、";

/// `long` is `short` with a 9 after it (`609` and `60`, `97.59` and `97.5`), `short` of
/// two or more characters: the `%` after it read as `9%`.
fn sign_circle_as_nine(long: &str, short: &str) -> bool {
    short.chars().count() >= 2 && long.strip_suffix('9') == Some(short)
}

/// When two readings of a percentage cell read the same figure but one with a digit more
/// before it (`298%` and `98%`, `2100%` and `100%`), the shorter figure (`98`, `100`):
/// the extra digit may be a comparator read as a digit, which only the glyph's shape
/// tells (see [`crate::signs::chevron`]). Readings with a comparator, or equal, or
/// differing otherwise: `None`.
pub fn extra_first_digit(a: &str, b: &str) -> Option<String> {
    let (ca, na) = percent(a)?;
    let (cb, nb) = percent(b)?;
    if !ca.is_empty() || !cb.is_empty() {
        return None;
    }
    let (long, short) = if na.len() > nb.len() {
        (na, nb)
    } else {
        (nb, na)
    };
    let extra = long.strip_suffix(short.as_str())?;
    (extra.chars().count() == 1 && extra.chars().all(|c| c.is_ascii_digit())).then_some(short)
}

/// The decimals two or more percentages of a row print alike (`2` for `18.00%`,
/// `68.50%`, `100.00%`), the most common; `None` with fewer than two percentages.
pub fn row_decimals(texts: impl Iterator<Item = String>) -> Option<usize> {
    let mut counts: std::collections::BTreeMap<usize, usize> = Default::default();
    for t in texts {
        if let Some((_, n)) = percent(&t) {
            *counts.entry(decimals(&n).unwrap_or(0)).or_default() += 1;
        }
    }
    let (d, k) = counts.into_iter().max_by_key(|&(d, k)| (k, d))?;
    (k >= 2).then_some(d)
}

/// A percentage whose sign was read as one or two digits (`33.0000` for `33.00%`, the
/// `%` read `00`; issue 19: `%0`, `96`) in a row whose percentages print `decimals`
/// decimals (at least one, so that the point tells where the figure ends): the figure
/// with its sign. Only digits, a point and spaces; other text `None`.
pub fn sign_read_as_digits(raw: &str, decimals: usize) -> Option<String> {
    let t: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let (int, frac) = t.split_once('.')?;
    let digits = |x: &str| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit());
    if decimals == 0 || !digits(int) || !digits(frac) {
        return None;
    }
    let extra = frac.len().checked_sub(decimals)?;
    ((1..=2).contains(&extra) && is_number(int)).then(|| format!("{int}.{}%", &frac[..decimals]))
}

/// The digits of a number (separators and signs ignored).
fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// True when a number's thousands separators, if any, stand where print puts them: the
/// integer part in groups of three after a first group of one to three digits
/// (`1,075,000`, not `1075,000` or `1,07,5000`). A number without separators is well
/// formed.
pub fn well_grouped(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let int = s.split(['.', '%']).next().unwrap_or("");
    if !int.contains(',') {
        return true;
    }
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

/// `s` with its integer part grouped in threes (`1075,000` → `1,075,000`); a number
/// printed without separators stays without.
pub fn regroup(s: &str) -> String {
    let (sign, body) = match s.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", s),
    };
    let cut = body.find(['.', '%']).unwrap_or(body.len());
    let (int, rest) = body.split_at(cut);
    if !int.contains(',') {
        return s.to_string();
    }
    let d: Vec<char> = int.chars().filter(char::is_ascii_digit).collect();
    let mut out = String::from(sign);
    for (i, c) in d.iter().enumerate() {
        if i > 0 && (d.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(*c);
    }
    out + rest
}

/// Picks between the general reading and the digits-only reading of a numeric cell
/// (each cleaned, with its confidence 0–100). Equal digits: the general reading (it
/// keeps separators; the digits-only model drops commas more often), with the higher
/// confidence. Different: the more confident reading, and the other one is returned
/// as the alternative, with its confidence, so that the disagreement is reported.
///
/// Readings whose thousands separators stand where print puts them ([`well_grouped`])
/// and that print the column's decimals (`column_decimals`, see [`column_decimals`])
/// win over those that do not (`51113` loses to `511.13` in a column of two decimals). When neither does but both have the same digits, the
/// separators were misread and the digits stand: the number is regrouped, and the
/// first reading is returned as the alternative.
pub fn choose(
    first: Option<(String, f32)>,
    second: Option<(String, f32)>,
    column_decimals: Option<usize>,
) -> (Option<Reading>, Option<Reading>) {
    let ok = |r: &Option<(String, f32)>| {
        r.as_ref().is_some_and(|r| {
            well_grouped(&r.0) && column_decimals.is_none_or(|d| decimals(&r.0) == Some(d))
        })
    };
    match (ok(&first), ok(&second)) {
        (true, false) => return (first, second),
        (false, true) => return (second, first),
        (false, false) => {
            if let (Some(a), Some(b)) = (&first, &second) {
                if digits(&a.0) == digits(&b.0) && !well_grouped(&a.0) && !well_grouped(&b.0) {
                    return (Some((regroup(&a.0), a.1.max(b.1))), Some(a.clone()));
                }
            }
        }
        (true, true) => {}
    }
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
                (Some(b), Some(a))
            } else {
                (Some(a), Some(b))
            }
        }
        (a, b) => (a.or(b), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_end_read_with_an_ideograph_too_many_is_told() {
        assert_eq!(month_end("10月底"), Some(true));
        assert_eq!(month_end("3 月底"), Some(true));
        // The committed statistics scan, p.19: a clean `10月底` read `10上月底`.
        assert_eq!(month_end("10上月底"), Some(false));
        assert_eq!(month_end("月底"), None);
        assert_eq!(month_end("10月"), None);
        assert_eq!(month_end("10上下月底"), None);
        assert_eq!(month_end("资金支出计划"), None);
    }

    #[test]
    fn a_lost_month_is_told_and_read_again() {
        assert!(month_lost("扣月底"));
        assert!(month_lost("b 月底"));
        assert!(!month_lost("6月底"));
        assert!(!month_lost("10上月底"));
        assert!(!month_lost("月底"));
        assert!(!month_lost("上下月底"));
        assert_eq!(month_of("6"), Some(6));
        assert_eq!(month_of("12"), Some(12));
        assert_eq!(month_of("13"), None);
        assert_eq!(month_of("0"), None);
        assert_eq!(month_of("612"), None);
        assert_eq!(month_of("6."), None);
    }

    #[test]
    fn a_schedule_header_is_no_misread_figure() {
        // Tuning seed 116: `10月底` over a column of figures, read digits-only as `10`.
        assert!(!may_be_figure("10月底"));
        assert!(!may_be_figure("10上月底"));
        assert!(!may_be_figure("预算数"));
        assert!(may_be_figure("640.42"));
        assert!(may_be_figure("64O.42"));
        assert!(may_be_figure("6了0.42"));
        assert!(may_be_figure("Tooo"));
    }

    #[test]
    fn a_figure_read_as_nothing_is_taken_from_its_digits_only_reading() {
        let row = |c: &[&str]| c.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        // A real layout's 三公 row (300 dpi photocopy): 397.50 and 1,282.56 read as nothing.
        let r = row(&["2,224.43", "660.10", "156.60", "156.60", "三公"]);
        assert_eq!(unread_cell_figure("397.50", &r).as_deref(), Some("397.50"));
        assert_eq!(
            unread_cell_figure("1,282.56", &r).as_deref(),
            Some("1,282.56")
        );
        // Other decimals, misgrouped, a percentage, a speck: none.
        assert_eq!(unread_cell_figure("39750", &r), None);
        assert_eq!(unread_cell_figure("12,82.56", &r), None);
        assert_eq!(unread_cell_figure("97.50%", &r), None);
        assert_eq!(unread_cell_figure(".", &r), None);
        // Whole numbers (元): two digits or more, no point.
        let w = row(&["127,886,849", "60,330,260"]);
        assert_eq!(unread_cell_figure("48,000", &w).as_deref(), Some("48,000"));
        assert_eq!(unread_cell_figure("1", &w), None);
        assert_eq!(unread_cell_figure("4.80", &w), None);
        // A row of one figure: none.
        assert_eq!(
            unread_cell_figure("397.50", &row(&["660.10", "合计"])),
            None
        );
    }

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
            choose(r("1084.59", 90.0), r("1,084.59", 80.0), None),
            (r("1,084.59", 90.0), None)
        );
        assert_eq!(
            choose(r("084.59", 70.0), r("1,084.59", 95.0), None),
            (r("1,084.59", 95.0), r("084.59", 70.0))
        );
        assert_eq!(
            choose(None, r("78.77", 93.0), None),
            (r("78.77", 93.0), None)
        );
        assert_eq!(choose(r("6.71", 93.0), None, None), (r("6.71", 93.0), None));
    }

    #[test]
    fn percentages_by_their_grammar() {
        let p = |t: &str| percent(t).map(|(c, n)| format!("{c}{n}%"));
        for (read, print) in [
            ("24.00%", "24.00%"),
            ("100.00%46", "100.00%"),
            ("100.00% 3", "100.00%"),
            ("100.00%%", "100.00%"),
            ("100.00%:", "100.00%"),
            ("2:00%", "2.00%"),
            ("≥ 95%", "≥95%"),
            (">97.5%", ">97.5%"),
            // A sign read twice (tuning seeds 116, 646).
            ("≥>85%", "≥85%"),
            ("≤<10%", "≤10%"),
            (">>85%", ">85%"),
            // A speck after the sign read as a full-width comma (seed 116, p.16).
            ("32.00%%，", "32.00%"),
            // A speck after the sign read as a dash (seed 136, p.19).
            ("≥98%-", "≥98%"),
            (">=90%", ">=90%"),
        ] {
            assert_eq!(p(read).as_deref(), Some(print), "{read}");
        }
        for read in [
            "10%-20%",
            "24.008",
            "≥90% 有效提高",
            "12月底",
            "资金支出计划(0%)",
            "",
            "%",
            "1.2.3%",
        ] {
            assert_eq!(p(read), None, "{read}");
        }
        let r = |t: &'static str, c: f32| Some((t, c));
        let o = |t: &str, c: f32| (t.to_string(), c);
        // The digits-only reading mends a percentage the general one lost.
        assert_eq!(
            choose_percent(r("24.008", 60.0), r("24.00%", 80.0)),
            Some((o("24.00%", 80.0), None))
        );
        // Agreeing: the general reading, its comparator kept.
        assert_eq!(
            choose_percent(r("≥95%", 70.0), r("95%", 90.0)),
            Some((o("≥95%", 70.0), None))
        );
        // Disagreeing: the more confident, the other kept as the alternative.
        assert_eq!(
            choose_percent(r("96%", 60.0), r("95%", 90.0)),
            Some((o("95%", 90.0), Some(o("96%", 60.0))))
        );
        // With a comparator read, the general reading (the sign read as a 2 here).
        assert_eq!(
            choose_percent(r("≥85%", 60.0), r("285%", 90.0)),
            Some((o("≥85%", 60.0), Some(o("≥285%", 90.0))))
        );
        assert_eq!(
            choose_percent(r(">=99%", 60.0), r("99%", 90.0)),
            Some((o(">=99%", 60.0), None))
        );
        assert_eq!(choose_percent(r("资金", 60.0), r("", 90.0)), None);
        // The sign's circle read as a 9 (tuning seed 646, page 22: `>609%`, digits only
        // `60%`): the figure without it, the comparator of the reading that has one.
        assert_eq!(
            choose_percent(r(">609%", 52.9), r("60%", 0.0)),
            Some((o(">60%", 0.0), Some(o(">609%", 52.9))))
        );
        assert_eq!(
            choose_percent(r("97.5%", 52.9), r("97.59%", 90.0)),
            Some((o("97.5%", 52.9), Some(o("97.59%", 90.0))))
        );
        // A one-digit figure is not told so.
        assert_eq!(
            choose_percent(r("9%", 40.0), r("99%", 90.0)),
            Some((o("99%", 90.0), Some(o("9%", 40.0))))
        );
    }

    #[test]
    fn figures_read_as_no_figure_are_told() {
        // Tuning seed 993, page 18: `≥80%` read `2D804`; page 16: `95%` read `95&`.
        assert!(unread_figure("2D804", false, true, false));
        assert!(unread_figure("95&", false, true, false));
        assert!(!unread_figure("≥80%", false, true, false));
        // In a column holding a percentage, not taken for a percentage cell.
        assert!(unread_figure("2D804", false, false, true));
        assert!(unread_figure("PP97.5", false, false, true));
        assert!(!unread_figure("≥1094", false, false, true));
        assert!(!unread_figure("≥117", false, true, false));
        assert!(!unread_figure("11023124LAUOK27HFTMR", false, true, true));
        assert!(!unread_figure("≥14.12万元", false, false, true));
        // Text without a digit, or a cell of no figure context, is left alone.
        assert!(!unread_figure("有效提升", false, true, true));
        // Neither a percentage cell nor in a column of percentages: a figure with a
        // stray symbol (tuning seed 993, page 16); figures, codes, dates and ranges
        // are not.
        assert!(unread_figure("95&", false, false, false));
        assert!(unread_figure("#12.5", false, false, false));
        for plain in [
            "95%",
            "A02021001",
            "2024-12-31",
            "1,234.56",
            "3:1",
            "≥90%",
            "(12)",
            "1~3",
        ] {
            assert!(!unread_figure(plain, false, false, false), "{plain}");
        }
        assert!(!unread_figure("2D804", false, false, false));
        assert!(!unread_figure("预算数", true, false, false));
        assert!(!unread_figure("1,234.56", true, false, false));
        assert!(unread_figure("1,2З4.56", true, false, false));
    }

    #[test]
    fn percentage_cells_by_sign_row_and_column() {
        assert!(percent_cell("≥95%", 0, 0));
        assert!(!percent_cell("资金支出计划(%)", 3, 0));
        assert!(percent_cell("Tooo%", 3, 0));
        assert!(percent_cell("100.00% 加", 2, 0));
        assert!(!percent_cell("100.00% 加", 1, 0));
        // The sign read as digits, in a column of percentages (tuning seed 116, page 20).
        assert!(percent_cell(">10096", 0, 3));
        assert!(!percent_cell(">10096", 0, 1));
        assert!(!percent_cell("≤14.12万元", 0, 3));
    }

    #[test]
    fn a_digit_more_before_the_figure_is_told() {
        // Tuning seed 136, pages 16 and 18: `≥98%` read `98%` (chi_sim) and `298%`
        // (digits only); `≥98.5%` read `98.5%` and `298.5%`.
        assert_eq!(extra_first_digit("98%", "298%").as_deref(), Some("98"));
        assert_eq!(
            extra_first_digit("298.5%", "98.5%").as_deref(),
            Some("98.5")
        );
        assert_eq!(extra_first_digit("2100%", "100%").as_deref(), Some("100"));
        assert_eq!(extra_first_digit("98%", "98%"), None);
        assert_eq!(extra_first_digit("98%", "96%"), None);
        assert_eq!(extra_first_digit("≥98%", "298%"), None);
        assert_eq!(extra_first_digit("8%", "298%"), None);
        assert_eq!(extra_first_digit("98", "298%"), None);
    }

    #[test]
    fn a_sign_read_as_digits_after_the_rows_decimals() {
        // Tuning seed 116, page 18: `33.00%` read `33.0000` beside 68.50%, 91.50%, 100.00%.
        let row = ["3月底", "33.0000", "68.50%", "91.50%", "100.00%"].map(String::from);
        assert_eq!(row_decimals(row.into_iter()), Some(2));
        assert_eq!(row_decimals(["≥95%".to_string()].into_iter()), None);
        assert_eq!(sign_read_as_digits("33.0000", 2).as_deref(), Some("33.00%"));
        assert_eq!(sign_read_as_digits("33.004", 2).as_deref(), Some("33.00%"));
        assert_eq!(sign_read_as_digits("33.00", 2), None);
        assert_eq!(sign_read_as_digits("33.00000", 2), None);
        assert_eq!(sign_read_as_digits("3300", 2), None);
        assert_eq!(sign_read_as_digits("33.0000", 0), None);
        assert_eq!(sign_read_as_digits("3月.0000", 2), None);
    }

    #[test]
    fn figures_by_their_column() {
        // A 6 read as 0 opens no figure; the point lost in a column of two decimals.
        assert_eq!(clean("04.43"), None);
        assert_eq!(clean("0.43").as_deref(), Some("0.43"));
        assert_eq!(clean("0").as_deref(), Some("0"));
        assert_eq!(
            column_decimals(["预算数", "821.85", "6.71", "51113", "828.56"].into_iter()),
            Some(2)
        );
        assert_eq!(column_decimals(["3", "12", "7.5"].into_iter()), None);
        let r = |t: &str, c: f32| Some((t.to_string(), c));
        assert_eq!(
            choose(r("51113", 90.0), r("511.13", 70.0), Some(2)),
            (r("511.13", 70.0), r("51113", 90.0))
        );
        assert_eq!(
            choose(r("51113", 90.0), None, Some(2)),
            (r("51113", 90.0), None)
        );
    }

    #[test]
    fn separators_where_print_puts_them() {
        assert!(well_grouped("1,075,000") && well_grouped("1075000") && well_grouped("12.5%"));
        assert!(well_grouped("-31,214,205.80"));
        assert!(!well_grouped("1075,000") && !well_grouped("1,07,5000") && !well_grouped(",100"));
        assert_eq!(regroup("1075,000"), "1,075,000");
        assert_eq!(regroup("-1,07,5000.50"), "-1,075,000.50");
        assert_eq!(regroup("1075000"), "1075000");
        let r = |t: &str, c: f32| Some((t.to_string(), c));
        // A well-grouped reading wins even with less confidence; the other is kept.
        assert_eq!(
            choose(r("1075,000", 90.0), r("1,075,000", 70.0), None),
            (r("1,075,000", 70.0), r("1075,000", 90.0))
        );
        // Neither: same digits, so the separators were misread and are put back.
        assert_eq!(
            choose(r("1075,000", 90.0), r("10,75000", 80.0), None),
            (r("1,075,000", 90.0), r("1075,000", 90.0))
        );
        // Neither, other digits: the more confident, the other kept.
        assert_eq!(
            choose(r("1075,000", 90.0), r("10,7500", 80.0), None),
            (r("1075,000", 90.0), r("10,7500", 80.0))
        );
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
