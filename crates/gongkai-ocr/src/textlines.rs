//! Recognised words grouped into text lines, and lines turned into glyphs.
//!
//! Tesseract's word boxes for Chinese are unreliable (a two-character word's box can
//! span the whole line), while its reading order within a line is right. So a line's
//! text is taken in Tesseract's order and its characters are laid out evenly over the
//! line's box; the line's top and bottom are the medians of its words'. A wide gap
//! between words splits a line.

use gongkai_geom::layout::is_cjk;
use gongkai_geom::{Glyph, Rect, UnicodeSource};

use crate::tesseract::Word;
use crate::vocab;

/// One recognised line: characters with confidences (`None` for a space slot) and a box.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// Characters in reading order; a space slot is `(' ', None)`.
    pub chars: Vec<(char, Option<f32>)>,
    /// Box `(x0, y0, x1, y1)` in the caller's coordinates.
    pub bbox: (f64, f64, f64, f64),
}

impl TextLine {
    /// The line's text (space slots as spaces).
    pub fn text(&self) -> String {
        self.chars.iter().map(|c| c.0).collect()
    }
    /// Lowest confidence of its characters (0–100), 100 when empty.
    pub fn min_conf(&self) -> f32 {
        self.chars.iter().filter_map(|c| c.1).fold(100.0, f32::min)
    }
}

/// The text height of a line: the lower quartile of its word box heights. Tesseract
/// stretches many chi_sim boxes to nearly twice the height of the text (down into the
/// next row), sometimes most boxes of a line; the short ones are the true height.
fn text_height(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 4).copied().unwrap_or(1.0).max(1.0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Groups `words` (in Tesseract's order) by their line, with each word's box mapped by
/// `place` to the caller's coordinates.
pub fn group(words: &[&Word], place: impl Fn(&Word) -> (f64, f64, f64, f64)) -> Vec<TextLine> {
    let cleaned = clean_words(words);
    let words: Vec<&Word> = cleaned.iter().collect();
    let words = &words[..];
    let mut out: Vec<TextLine> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let id = words[i].line;
        let mut j = i + 1;
        // A line ends with Tesseract's line, or at a gap wider than two line heights
        // (text at both ends of one row, e.g. a caption left and the unit right), or
        // at a gap wider than one line height next to a number (table columns: the
        // boxes of digits are reliable, and laying a row of numbers out evenly over the
        // whole row would move them out of their columns).
        // Box plausibility is judged against the line's text height (tall boxes, `编码`
        // read as two rows, must not set the scale).
        let hm = text_height(
            words
                .iter()
                .filter(|w| w.line == id)
                .map(|w| {
                    let b = place(w);
                    b.3 - b.1
                })
                .collect(),
        );
        while j < words.len() && words[j].line == id {
            let (p, n) = (place(words[j - 1]), place(words[j]));
            let h = (p.3 - p.1).max(n.3 - n.1).max(1.0);
            let numeric = is_number(&words[j - 1].text) || is_number(&words[j].text);
            // A number Tesseract cut at its decimal point (`15621.` `11万元`) is one.
            if splits_decimal(&words[j - 1].text, &words[j].text) {
                j += 1;
                continue;
            }
            let limit = if numeric { 1.0 } else { 2.0 };
            // Two words whose boxes fit their text split at a gap of 0.6 of a character:
            // table cells of one row (`合计  基本支出  项目支出`), which even layout
            // would run together.
            let fitting = plausible(&words[j - 1].text, p, hm) && plausible(&words[j].text, n, hm);
            if (n.0 > p.2 + limit * h || fitting && n.0 > p.2 + 0.6 * hm) && n.0 > p.0 {
                break;
            }
            j += 1;
        }
        let ws = &words[i..j];
        let boxes: Vec<(f64, f64, f64, f64)> = ws.iter().map(|w| place(w)).collect();
        let x0 = boxes.iter().map(|b| b.0).fold(f64::MAX, f64::min);
        let x1 = boxes.iter().map(|b| b.2).fold(f64::MIN, f64::max);
        // Top and bottom: medians over the chunk's words, leaving out boxes much taller
        // than the line's median (`编码` read over two rows), which would make the chunk
        // look like another font size.
        // A chunk of tall boxes only takes its line's normal extent.
        let normal: Vec<(f64, f64, f64, f64)> = boxes
            .iter()
            .copied()
            .filter(|b| b.3 - b.1 <= 1.5 * hm)
            .collect();
        let line_normal: Vec<(f64, f64, f64, f64)> = words
            .iter()
            .filter(|w| w.line == id)
            .map(|w| place(w))
            .filter(|b| b.3 - b.1 <= 1.5 * hm)
            .collect();
        let pick = if !normal.is_empty() {
            normal
        } else if !line_normal.is_empty() {
            line_normal
        } else {
            boxes.clone()
        };
        let y0 = median(pick.iter().map(|b| b.1).collect());
        let y1 = median(pick.iter().map(|b| b.3).collect());
        let mut chars: Vec<(char, Option<f32>)> = Vec::new();
        for w in ws {
            let first = w.text.chars().next();
            if let (Some(&(prev, _)), Some(next)) = (chars.last(), first) {
                let text: String = chars.iter().map(|c| c.0).collect();
                if !(is_cjk(prev) || is_cjk(next) || splits_decimal(&text, &w.text)) {
                    chars.push((' ', None));
                }
            }
            chars.extend(
                w.text
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .map(|c| (c, Some(w.conf))),
            );
        }
        fix_unit_label(&mut chars);
        full_width_after_ideographs(&mut chars);
        fix_bracket_openers(&mut chars);
        fix_percent_signs(&mut chars);
        fix_comparator(&mut chars);
        fix_chinese_year(&mut chars);
        if !chars.is_empty() {
            out.push(TextLine {
                chars,
                bbox: (x0, y0.min(y1), x1, y1.max(y0)),
            });
        }
        i = j;
    }
    out
}

/// True when a word's box is about as wide as its text at the line's height `h`
/// (ideographs square, other characters about half as wide): Tesseract's boxes for
/// Chinese words are sometimes stretched over the line, and those are not used.
fn plausible(text: &str, b: (f64, f64, f64, f64), h: f64) -> bool {
    let ems: f64 = text.chars().map(advance).sum();
    let w = b.2 - b.0;
    // Up to twice as wide: `h` is the short digits' height, and a lone `一` is all width.
    ems > 0.0 && w >= 0.5 * ems * h && w <= 2.0 * ems * h
}

/// True when the word `before` ends a number at its decimal point and `after` starts
/// with one or two digits (`15621.` `11万元`), or `before` ends with a digit and `after`
/// is the point and one or two digits (`15621` `.11`): one number that OCR cut in two
/// (figures are printed to two decimals). More digits after the point are another
/// number (`2.` `2025年`, an item number before a year).
fn splits_decimal(before: &str, after: &str) -> bool {
    let b: Vec<char> = before.chars().rev().take(2).collect();
    let digit = |c: Option<&char>| c.is_some_and(char::is_ascii_digit);
    let decimals = |s: &str| {
        let n = s.chars().take_while(char::is_ascii_digit).count();
        (1..=2).contains(&n)
    };
    (b.first() == Some(&'.') && digit(b.get(1)) && decimals(after))
        || (digit(b.first()) && after.strip_prefix('.').is_some_and(decimals))
}

/// True for a word of digits with decimal points, commas, signs or a percent sign.
fn is_number(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '%' | '+'))
}

/// Marks Tesseract's chi_sim model prints where it sees white space in a table: a
/// closing quote before a number or label, an opening quote that nothing closes, a
/// lone full stop between two columns; and the bar a speck of a table ruling left in a
/// black-and-white scan is read as (disclosure tables never print `|`).
const PHANTOMS: [char; 10] = ['”', '“', '"', '\'', '‘', '’', '。', '·', '|', '｜'];

/// Removes phantom marks (see [`PHANTOMS`]) from recognised words: words made only of
/// such marks, and quotes at a word's edge that no quote in the same or the
/// neighbouring word pairs with (Tesseract prints `”49.10` and `“机关…` in table rows).
/// A stripped word's box loses the stripped share of its width. Paired quotes
/// (`“三公”经费`, also split over two words) are kept.
fn clean_words(words: &[&Word]) -> Vec<Word> {
    let same_line = |k: usize, d: isize| -> Option<&str> {
        let o = k.checked_add_signed(d)?;
        words
            .get(o)
            .filter(|w| w.line == words[k].line)
            .map(|w| w.text.as_str())
    };
    let mut out: Vec<Word> = Vec::new();
    for (k, w) in words.iter().enumerate() {
        let text = w.text.trim();
        if !text.is_empty() && text.chars().all(|c| PHANTOMS.contains(&c)) {
            // A quote standing alone is kept when its partner is near (`预算 “ 三公 ”`);
            // a full stop only counts as a phantom beside a number (between columns).
            let near = |range: std::ops::RangeInclusive<isize>, mark: char| {
                range
                    .filter_map(|d| same_line(k, d))
                    .any(|t| t.contains(mark))
            };
            let paired = match text {
                "“" | "‘" => near(1..=3, '”') || near(1..=3, '’'),
                "”" | "’" => near(-3..=-1, '“') || near(-3..=-1, '‘'),
                "。" | "·" => {
                    !(same_line(k, -1).is_some_and(is_number)
                        || same_line(k, 1).is_some_and(is_number))
                }
                _ => false,
            };
            if !paired {
                continue;
            }
        }
        let chars: Vec<char> = text.chars().collect();
        // Partners are looked for up to two words away (`预算“ 三公 ”经费`).
        let before = format!(
            "{}{}",
            same_line(k, -2).unwrap_or(""),
            same_line(k, -1).unwrap_or("")
        );
        let after = format!(
            "{}{}",
            same_line(k, 1).unwrap_or(""),
            same_line(k, 2).unwrap_or("")
        );
        let opened_before = before
            .rfind('“')
            .is_some_and(|o| before.rfind('”').is_none_or(|c| c < o));
        let (mut a, mut b) = (0, chars.len());
        loop {
            let rest: String = chars[a..b].iter().collect();
            let strip = match chars.get(a) {
                Some('”' | '’') => !opened_before,
                Some('“' | '‘') => {
                    !rest[rest.char_indices().nth(1).map_or(rest.len(), |(i, _)| i)..]
                        .contains(['”', '’'])
                        && !after.contains(['”', '’'])
                }
                Some('"' | '|' | '｜') => true,
                _ => false,
            };
            if !strip || a + 1 >= b {
                break;
            }
            a += 1;
        }
        loop {
            if b <= a + 1 {
                break;
            }
            let body: String = chars[a..b - 1].iter().collect();
            let strip = match chars[b - 1] {
                '“' | '‘' => !after.contains(['”', '’']),
                '”' | '’' => !body.contains(['“', '‘']) && !opened_before,
                '"' | '|' | '｜' => true,
                '。' => is_number(&body),
                _ => false,
            };
            if !strip {
                break;
            }
            b -= 1;
        }
        let mut w = (*w).clone();
        if a > 0 || b < chars.len() {
            let n = chars.len() as f64;
            let left = (w.width as f64 * a as f64 / n).round() as i64;
            let right = (w.width as f64 * (chars.len() - b) as f64 / n).round() as i64;
            w.left += left;
            w.width = (w.width - left - right).max(1);
            w.text = chars[a..b].iter().collect();
        }
        out.push(w);
    }
    out
}

/// `其中:财政资金` → `其中：财政资金`: chi_sim prints the full-width colon, semicolon and
/// comma of Chinese text as ASCII marks. After an ideograph they are the full-width
/// marks, a full em wide, as the text layer of the same page has them (`任务；2.资金`).
fn full_width_after_ideographs(chars: &mut [(char, Option<f32>)]) {
    for i in 1..chars.len() {
        if !is_cjk(chars[i - 1].0) {
            continue;
        }
        chars[i].0 = match chars[i].0 {
            ':' => '：',
            ';' => '；',
            ',' => '，',
            c => c,
        };
    }
}

/// `50.009%6` → `50.00%`, `(9%6)` → `(%)`, `20.00%4` → `20.00%`, `1009%0` → `100%`:
/// chi_sim reads the two rings of a percent sign as digits around it, a 9 before and a
/// 6, 0 or 4 after. One such digit right after a percent sign (not a figure of its own:
/// no digit or point follows) is never part of a figure, nor is a 9 after the two
/// decimals of a percentage or alone in brackets before the sign, nor a 9 that with a
/// ring read after the sign makes a percentage over 100 of one up to 100 (`1009%0`,
/// `959%0`). (A wrong figure here is caught by the schedule check, PT2, but the digits
/// are mended where the misreading is certain.)
fn fix_percent_signs(chars: &mut Vec<(char, Option<f32>)>) {
    let mut i = 0;
    while i < chars.len() {
        if chars[i].0 != '%' {
            i += 1;
            continue;
        }
        let mut ring_after = false;
        if chars
            .get(i + 1)
            .is_some_and(|c| matches!(c.0, '6' | '0' | '4'))
            && !chars
                .get(i + 2)
                .is_some_and(|c| c.0.is_ascii_digit() || c.0 == '.')
        {
            chars.remove(i + 1);
            ring_after = true;
        }
        let nine_before = i >= 1 && chars[i - 1].0 == '9';
        let after_decimals = i >= 4
            && chars[i - 2].0.is_ascii_digit()
            && chars[i - 3].0.is_ascii_digit()
            && chars[i - 4].0 == '.';
        let alone_in_bracket = i >= 2 && matches!(chars[i - 2].0, '(' | '（');
        let over_100 = nine_before && ring_after && {
            let start = chars[..i]
                .iter()
                .rposition(|c| !(c.0.is_ascii_digit() || c.0 == '.'))
                .map_or(0, |p| p + 1);
            let with: String = chars[start..i].iter().map(|c| c.0).collect();
            let without: String = chars[start..i - 1].iter().map(|c| c.0).collect();
            let v = |s: &str| s.parse::<f64>().ok();
            v(&with).is_some_and(|x| x > 100.0) && v(&without).is_some_and(|x| x <= 100.0)
        };
        if nine_before && (after_decimals || alone_in_bracket || over_100) {
            chars.remove(i - 1);
            i -= 1;
        }
        i += 1;
    }
}

/// `过95%`, `之95%` → `≥95%`, `和1%`, `委64.43万元` → `≤…`: chi_sim reads the sign ≥
/// opening a target as 过 or 之, and ≤ as 和 or 委. Mended only where the line is that
/// character and a figure (digits, then at most a short unit: `%`, `万元`, `个`), as a
/// target cell is: running text does not hold such a line (`和2024年度…` goes on).
fn fix_comparator(chars: &mut [(char, Option<f32>)]) {
    let sign = match chars.first().map(|c| c.0) {
        Some('过' | '之') => '≥',
        Some('和' | '委') => '≤',
        _ => return,
    };
    let rest: Vec<char> = chars[1..]
        .iter()
        .map(|c| c.0)
        .filter(|c| *c != ' ')
        .collect();
    let figure = rest
        .iter()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        .count();
    let unit = &rest[figure..];
    let short_unit = unit.len() <= 2 && unit.iter().all(|c| !c.is_ascii_digit());
    if rest.first().is_some_and(char::is_ascii_digit) && short_unit {
        chars[0].0 = sign;
    }
}

/// `二OO二三年` → `二〇二三年`: a year in Chinese numerals whose 〇 chi_sim read as a
/// Latin O or a zero, once or twice over. In a run of Chinese numerals (at least two)
/// and such letters before 年, the letters are 〇; a run then longer than a year's four
/// figures whose doubled 〇 (`〇〇`) taken once makes four, is read so.
fn fix_chinese_year(chars: &mut Vec<(char, Option<f32>)>) {
    const NUMERALS: &str = "〇零一二三四五六七八九";
    let zero_like = |c: char| matches!(c, 'O' | 'o' | '0' | 'Q' | 'D');
    let mut i = 0;
    while i < chars.len() {
        if chars[i].0 != '年' {
            i += 1;
            continue;
        }
        let start = chars[..i]
            .iter()
            .rposition(|c| !(NUMERALS.contains(c.0) || zero_like(c.0)))
            .map_or(0, |p| p + 1);
        let run = &chars[start..i];
        let numerals = run.iter().filter(|c| NUMERALS.contains(c.0)).count();
        if numerals < 2 || !run.iter().any(|c| zero_like(c.0)) {
            i += 1;
            continue;
        }
        let mut year: Vec<(char, Option<f32>)> = run
            .iter()
            .map(|&(c, conf)| (if zero_like(c) { '〇' } else { c }, conf))
            .collect();
        if year.len() > 4 {
            let mut k = 0;
            let mut collapsed = Vec::new();
            while k < year.len() {
                collapsed.push(year[k]);
                k += if year[k].0 == '〇' && year.get(k + 1).is_some_and(|c| c.0 == '〇') {
                    2
                } else {
                    1
                };
            }
            if collapsed.len() == 4 {
                year = collapsed;
            }
        }
        let n = year.len();
        chars.splice(start..i, year);
        i = start + n + 1;
    }
}

/// `因公出国《境)` → `因公出国(境)`: chi_sim reads a parenthesis as a title mark (《, 〈);
/// an opener whose next closing mark in the line is a parenthesis becomes the matching
/// parenthesis (full-width when the closer is).
fn fix_bracket_openers(chars: &mut [(char, Option<f32>)]) {
    for i in 0..chars.len() {
        if !matches!(chars[i].0, '《' | '〈') {
            continue;
        }
        let closer = chars[i + 1..]
            .iter()
            .map(|c| c.0)
            .find(|c| matches!(c, '》' | '〉' | ')' | '）' | '《' | '〈'));
        match closer {
            Some(')') => chars[i].0 = '(',
            Some('）') => chars[i].0 = '（',
            _ => {}
        }
    }
}

/// `单位;万元` → `单位:万元`: the colon of a unit line read as another mark. Unit
/// lines decide the scale of every amount in a table, so this one confusion is mended.
fn fix_unit_label(chars: &mut [(char, Option<f32>)]) {
    for i in 2..chars.len() {
        if chars[i - 2].0 == '单'
            && chars[i - 1].0 == '位'
            && matches!(chars[i].0, ';' | '；' | ',' | '，' | '.' | '。' | '·' | '|')
        {
            chars[i].0 = ':';
        }
    }
}

/// Marks a speck beside a table cell's text is read as (`达标率-`, `-质量指标`,
/// `缴费支出 … ，`: tuning seeds 116, 136).
fn speck_mark(c: char) -> bool {
    matches!(
        c,
        ',' | '，' | '.' | '\'' | '`' | '·' | '-' | '_' | '~' | '…'
    )
}

/// A table cell's lines without the specks read as marks before its first ideograph
/// or after its last (`合计，`, `，工资福利支出 ,`): a label cell of a disclosure table
/// neither opens nor ends with a comma or a point (a sentence ends with `。`, kept). A
/// line loses its box's share of what it loses.
///
/// Inside a line, an ASCII point, apostrophe or backtick between two ideographs is a
/// speck too (`服务对象满意.度`: tuning seed 116, page 20, the indicator's name lost):
/// Chinese print sets its marks full width, and a point between ideographs is none of
/// them. A wrapped line of the cell opening with such marks before an ideograph loses
/// them as the first does (`服务对象满意` / `.度`): Chinese print opens no line with a
/// mark.
pub fn trim_cell_specks(lines: &mut [TextLine]) {
    trim_specks(lines, speck_mark);
    for line in lines.iter_mut().skip(1) {
        let n = line
            .chars
            .iter()
            .take_while(|c| speck_mark(c.0) || c.0 == ' ')
            .count();
        if n > 0 && line.chars.get(n).is_some_and(|c| is_cjk(c.0)) {
            line.bbox.0 += width_share(line, 0..n);
            line.chars.drain(..n);
        }
    }
    for line in lines.iter_mut() {
        let n = line.chars.len();
        let speck: Vec<bool> = (0..n)
            .map(|k| {
                k > 0
                    && k + 1 < n
                    && matches!(line.chars[k].0, '.' | '\'' | '`')
                    && is_cjk(line.chars[k - 1].0)
                    && is_cjk(line.chars[k + 1].0)
            })
            .collect();
        if speck.iter().any(|&x| x) {
            let mut k = 0;
            line.chars.retain(|_| {
                k += 1;
                !speck[k - 1]
            });
        }
    }
}

/// A line of print outside the tables (a title, a unit line, a line of prose) without
/// the specks read as ASCII marks before its first ideograph or after its last
/// (`一般公共预算支出表.`, `单位：万元.`: tuning seed 136, page 10, where the table lost
/// its title and unit). Chinese print ends a sentence with `。` and sets `，` full
/// width, both kept.
pub fn trim_line_specks(line: &mut TextLine) {
    trim_specks(std::slice::from_mut(line), |c| {
        matches!(c, ',' | '.' | '\'' | '`' | '·')
    });
    // A dash mark before an ordinal (`-4.:统计执法检查绩效目标表`: tuning seed 116, page
    // 19, where the project lost its number): a speck. A figure with a minus is never
    // followed by a point and an ideograph or a mark, nor `一` read as a dash by a digit.
    let t: Vec<char> = line.chars.iter().map(|c| c.0).collect();
    let digits = t.iter().skip(1).take_while(|c| c.is_ascii_digit()).count();
    let ordinal = matches!(t.first(), Some('-' | '_' | '~' | '—'))
        && (1..=2).contains(&digits)
        && matches!(t.get(1 + digits), Some('.' | '、' | '．'))
        && t.get(2 + digits)
            .is_some_and(|&c| is_cjk(c) || matches!(c, ':' | '：' | ' '));
    if ordinal {
        let total: f64 = line
            .chars
            .iter()
            .map(|c| advance(c.0))
            .sum::<f64>()
            .max(1e-9);
        line.bbox.0 += (line.bbox.2 - line.bbox.0) * advance(t[0]) / total;
        line.chars.remove(0);
    }
    // A dash mark ending the line after an ideograph (`一般公共预算支出表-`: tuning seed
    // 136, page 10, the table lost its title and its type): Chinese print breaks no word
    // with a hyphen, and a dash it sets is full width (`——`, kept). A dash after a space
    // is a cell of its own (a borderless table's `-` for nothing), kept.
    let n = line.chars.len();
    let dashes = line
        .chars
        .iter()
        .rev()
        .take_while(|c| matches!(c.0, '-' | '_' | '~'))
        .count();
    if dashes > 0 && dashes < n && is_cjk(line.chars[n - dashes - 1].0) {
        let total: f64 = line
            .chars
            .iter()
            .map(|c| advance(c.0))
            .sum::<f64>()
            .max(1e-9);
        let part: f64 = line.chars[n - dashes..].iter().map(|c| advance(c.0)).sum();
        line.bbox.2 -= (line.bbox.2 - line.bbox.0) * part / total;
        line.chars.truncate(n - dashes);
    }
    // A colon ending the line read with confidence under 50 after an ideograph: specks
    // after a title at 150 dpi (`一般公共预算支出表：`, confidence 25: tuning seed 136,
    // page 10, the table lost its title and its type). A colon printed there reads sure.
    let n = line.chars.len();
    if n >= 2
        && matches!(line.chars[n - 1], (':' | '：', Some(k)) if k < 50.0)
        && is_cjk(line.chars[n - 2].0)
    {
        line.bbox.2 -= width_share(line, n - 1..n);
        line.chars.pop();
    }
}

/// The part of a line's width its characters `range` take, by their advances.
fn width_share(line: &TextLine, range: std::ops::Range<usize>) -> f64 {
    let total: f64 = line
        .chars
        .iter()
        .map(|c| advance(c.0))
        .sum::<f64>()
        .max(1e-9);
    let part: f64 = line.chars[range].iter().map(|c| advance(c.0)).sum();
    (line.bbox.2 - line.bbox.0) * part / total
}

fn trim_specks(lines: &mut [TextLine], speck_mark: impl Fn(char) -> bool) {
    if let Some(first) = lines.first_mut() {
        let n = first
            .chars
            .iter()
            .take_while(|c| speck_mark(c.0) || c.0 == ' ')
            .count();
        if n > 0 && first.chars.get(n).is_some_and(|c| is_cjk(c.0)) {
            first.bbox.0 += width_share(first, 0..n);
            first.chars.drain(..n);
        }
    }
    if let Some(last) = lines.last_mut() {
        let len = last.chars.len();
        let n = last
            .chars
            .iter()
            .rev()
            .take_while(|c| speck_mark(c.0) || c.0 == ' ')
            .count();
        if n > 0 && n < len && is_cjk(last.chars[len - n - 1].0) {
            last.bbox.2 -= width_share(last, len - n..len);
            last.chars.truncate(len - n);
        }
    }
}

/// Where the last `单位` of a line begins (its `单`, spaces between the two characters
/// allowed).
pub fn last_unit_start(line: &TextLine) -> Option<usize> {
    (0..line.chars.len()).rev().find(|&k| {
        line.chars[k].0 == '单'
            && line.chars[k + 1..]
                .iter()
                .find(|c| c.0 != ' ')
                .is_some_and(|c| c.0 == '位')
    })
}

/// A unit line read in two pieces, one of them misread (`草位：` then `万元`: tuning seed
/// 993, page 11, the table lost its unit and every amount with it), as one line: two
/// lines of a leaf side by side on one row, neither a unit line nor one read with a
/// wrong character ([`vocab::unit_line_read`]), whose joined text is one, become one
/// line over both boxes, so that the unit line is mended whole. A unit line read right
/// in two pieces (`单位：` then `万元`) stays as read: the table's caption joins them.
pub fn join_split_unit_lines(lines: Vec<TextLine>) -> Vec<TextLine> {
    let mut out: Vec<TextLine> = Vec::with_capacity(lines.len());
    for line in lines {
        if let Some(prev) = out.last_mut() {
            let overlap = prev.bbox.3.min(line.bbox.3) - prev.bbox.1.max(line.bbox.1);
            let side_by_side = line.bbox.0 >= prev.bbox.2 - 1.0
                && overlap > 0.5 * (prev.bbox.3 - prev.bbox.1).min(line.bbox.3 - line.bbox.1);
            let (a, b) = (prev.text(), line.text());
            let joined = format!("{a}{b}");
            if side_by_side
                && vocab::unit_line_read(&joined)
                && !vocab::unit_line_read(&a)
                && !vocab::unit_line_read(&b)
                && vocab::repair(&joined).is_some()
            {
                prev.chars.extend(line.chars);
                prev.bbox = (
                    prev.bbox.0,
                    prev.bbox.1.min(line.bbox.1),
                    line.bbox.2,
                    prev.bbox.3.max(line.bbox.3),
                );
                continue;
            }
        }
        out.push(line);
    }
    out
}

/// Ink height of digits and Latin capitals relative to ideographs of the same font
/// size, as measured on the scans in `samples/` (15 px against 18 px at 150 dpi).
const DIGIT_HEIGHT: f64 = 0.83;

/// Ink height of ideographs relative to the font size (the em): CJK faces draw them in
/// about 0.92 em (Noto Sans CJK, SimSun). A text layer's font size is the em, and so is
/// the size table reconstruction expects (a wrapped cell's lines are about 1.4 sizes apart).
const IDEOGRAPH_HEIGHT: f64 = 0.92;

/// Advance of a character in ems: full width for CJK ideographs and punctuation, about
/// half for the rest.
fn advance(c: char) -> f64 {
    if is_cjk(c) || ('\u{3000}'..='\u{303F}').contains(&c) {
        1.0
    } else {
        0.55
    }
}

/// Glyphs of a line: characters share the box by their advance (see `advance`);
/// space slots leave a gap. The
/// font size is the box height, scaled up for lines without ideographs (digits are
/// shorter than ideographs), so that a row of numbers and its header read as one size.
pub fn glyphs(line: &TextLine, to_points: impl Fn(f64, f64, f64, f64) -> Rect) -> Vec<Glyph> {
    let size_factor = if line.chars.iter().any(|c| is_cjk(c.0)) {
        1.0
    } else {
        1.0 / DIGIT_HEIGHT
    } / IDEOGRAPH_HEIGHT;
    let (x0, y0, x1, y1) = line.bbox;
    // Each character's share of the box is its advance: an ideograph a full em, other
    // characters (digits, Latin, spaces) about half of one.
    let ems: Vec<f64> = line.chars.iter().map(|c| advance(c.0)).collect();
    let total: f64 = ems.iter().sum::<f64>().max(1e-9);
    let mut starts = Vec::with_capacity(ems.len() + 1);
    let mut at = 0.0;
    for e in &ems {
        starts.push(at);
        at += e;
    }
    starts.push(at);
    let x_at = |k: usize| x0 + (x1 - x0) * starts[k] / total;
    let r2 = gongkai_geom::round2;
    line.chars
        .iter()
        .enumerate()
        .filter_map(|(i, &(c, conf))| {
            let conf = conf?;
            let b = to_points(x_at(i), y0, x_at(i + 1), y1);
            Some(Glyph {
                text: c.to_string(),
                bbox: Rect {
                    x0: r2(b.x0),
                    top: r2(b.top),
                    x1: r2(b.x1),
                    bottom: r2(b.bottom),
                },
                font: "ocr".into(),
                size: r2((b.height() * size_factor).max(1.0)),
                upright: true,
                source: UnicodeSource::Ocr,
                confidence: Some(((conf / 100.0).clamp(0.0, 1.0) * 1000.0).round() / 1000.0),
            })
        })
        .collect()
}

/// Total advance of lines' characters, in ems (space slots between them included).
pub fn advance_of(lines: &[TextLine]) -> f64 {
    lines
        .iter()
        .flat_map(|l| l.chars.iter())
        .map(|c| advance(c.0))
        .sum()
}

/// Widens a line ending with a closing mark (`一、`, `项目：`) by the blank half of the
/// mark's em, up to `limit`: the line's box is tight on its ink, but the mark's em (and
/// the cell's text) runs on. The em is the line's width over its advance less that
/// half.
pub fn widen_closing_mark(line: &mut TextLine, limit: f64) {
    let Some(&(last, _)) = line.chars.last() else {
        return;
    };
    if !closes(last) {
        return;
    }
    let ems = advance_of(std::slice::from_ref(line)) - 0.5;
    if ems <= 0.0 {
        return;
    }
    let em = (line.bbox.2 - line.bbox.0) / ems;
    line.bbox.2 = (line.bbox.2 + 0.5 * em).min(limit).max(line.bbox.2);
}

/// Full-width marks whose ink sits at one side of their em (a comma low left, an
/// opening bracket right): a run of ink ending (starting) with one is shorter than its
/// characters' advance.
fn closes(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '：' | '、' | '）' | '》' | '」' | '”' | '’' | '〉'
    )
}
fn opens(c: char) -> bool {
    matches!(c, '（' | '《' | '「' | '“' | '‘' | '〈')
}

/// Whether a run of ink laid out as a line of its own (see [`fit_to_ink`]) is a speck
/// read as an ideograph: one ideograph, read with confidence under 50, on ink less than
/// a third as wide as the line is tall (no ideograph is so narrow). Grain beside a title
/// enlarged for Tesseract is read so (`四 一般公共预算支出表`: tuning seed 136, page
/// 10, where the table lost its title and its type).
pub fn speck_read_as_ideograph(line: &TextLine) -> bool {
    let printed: Vec<&(char, Option<f32>)> = line.chars.iter().filter(|c| c.0 != ' ').collect();
    let (w, h) = (line.bbox.2 - line.bbox.0, line.bbox.3 - line.bbox.1);
    // Ideographs only: a full-width colon is as narrow (`单位：万元`, the committed seal
    // page, where its colon read with confidence under 50 is print).
    let ideograph = |c: char| matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF);
    matches!(printed.as_slice(), [(c, conf)] if ideograph(*c) && conf.is_some_and(|k| k < 50.0))
        && w < h / 3.0
}

/// Lays the characters of one leaf's lines (one row of print, left to right) out over
/// the ink runs the leaf really has (`runs`, in the lines' coordinates, `em` the font
/// size there): each run takes the slice of characters whose advance matches its width
/// (dynamic programming; a run may take none, ink Tesseract did not read), and becomes a
/// line of its own. Tesseract's word boxes for Chinese are off by up to half a
/// character, which opens gaps inside a cell and closes the narrow gaps between the
/// cells of a borderless form; the ink does neither. `None` when the characters do not
/// fit the runs (a run's share off by more than a third of its width and 0.7 em), and
/// the lines are kept as they were.
pub fn fit_to_ink(lines: &[TextLine], runs: &[(f64, f64)], em: f64) -> Option<Vec<TextLine>> {
    if lines.is_empty() || runs.is_empty() || em <= 0.0 {
        return None;
    }
    let chars: Vec<(char, Option<f32>, usize)> = lines
        .iter()
        .enumerate()
        .flat_map(|(k, l)| l.chars.iter().map(move |&(c, conf)| (c, conf, k)))
        .collect();
    let n = chars.len();
    // chi_sim prints the full-width brackets of Chinese text as ASCII ones: beside an
    // ideograph they take a full em (`因公出国（境）费`).
    let cjk_at = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| is_cjk(c.0) && !closes(c.0) && !opens(c.0))
    };
    let wide: Vec<bool> = (0..n)
        .map(|i| match chars[i].0 {
            '(' => cjk_at(i.checked_sub(1)) || cjk_at(Some(i + 1)),
            ')' => cjk_at(i.checked_sub(1)) || cjk_at(Some(i + 1)),
            _ => false,
        })
        .collect();
    let adv = |i: usize| match chars[i].0 {
        _ if wide[i] => 1.0,
        // A point or comma inside a number is narrow.
        '.' | ',' => 0.3,
        c => advance(c),
    };
    let closes_at = |i: usize| closes(chars[i].0) || (wide[i] && chars[i].0 == ')');
    let opens_at = |i: usize| opens(chars[i].0) || (wide[i] && chars[i].0 == '(');
    let mut prefix = vec![0.0; n + 1];
    for i in 0..n {
        prefix[i + 1] = prefix[i] + adv(i);
    }
    let widths: Vec<f64> = runs.iter().map(|r| (r.1 - r.0) / em).collect();
    // cost[k][i]: best cost of giving the first i characters to the first k runs.
    let k_runs = runs.len();
    let mut cost = vec![vec![f64::INFINITY; n + 1]; k_runs + 1];
    let mut from = vec![vec![0usize; n + 1]; k_runs + 1];
    cost[0][0] = 0.0;
    // A slice's ink is shorter than its advance when it ends with a mark drawn at the
    // left of its em (a comma), and a slice does not start with such a mark.
    let inked_ems = |j: usize, i: usize| {
        let mut ems = prefix[i] - prefix[j];
        if i > j && closes_at(i - 1) {
            ems -= 0.5;
        }
        if i > j && opens_at(j) {
            ems -= 0.5;
        }
        ems
    };
    // A run does not start with a closing mark, nor does a number or Latin word
    // (`28.50`) break over two runs.
    let word_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '%');
    let starts_badly = |j: usize, i: usize| {
        let mut p = 0.0;
        if j < i && closes_at(j) {
            p += 0.8;
        }
        if j > 0 && j < i && word_char(chars[j - 1].0) && word_char(chars[j].0) {
            p += 2.0;
        }
        p
    };
    for k in 1..=k_runs {
        for i in 0..=n {
            for j in 0..=i {
                let c =
                    cost[k - 1][j] + (inked_ems(j, i) - widths[k - 1]).abs() + starts_badly(j, i);
                if c < cost[k][i] {
                    cost[k][i] = c;
                    from[k][i] = j;
                }
            }
        }
    }
    let mut bounds = vec![0usize; k_runs + 1];
    bounds[k_runs] = n;
    for k in (1..=k_runs).rev() {
        bounds[k - 1] = from[k][bounds[k]];
    }
    // A run takes the top and bottom of the line most of its characters came from
    // (a skewed row's pieces stand at different heights), or, when that line is much
    // thinner (a short piece, `一、`, that Tesseract boxed on its own), of the line
    // most of the row's characters came from.
    let majority = |range: std::ops::Range<usize>| {
        let mut count = vec![0usize; lines.len()];
        for c in &chars[range] {
            count[c.2] += 1;
        }
        (0..lines.len())
            .max_by_key(|&i| (count[i], usize::MAX - i))
            .unwrap_or(0)
    };
    let height = |i: usize| lines[i].bbox.3 - lines[i].bbox.1;
    let dominant = majority(0..n);
    let mut out = Vec::new();
    for k in 0..k_runs {
        let (a, b) = (bounds[k], bounds[k + 1]);
        // Space slots at a run's ends are the gap itself.
        let first = (a..b).find(|&i| chars[i].0 != ' ');
        let last = (a..b).rev().find(|&i| chars[i].0 != ' ');
        let (Some(f), Some(l)) = (first, last) else {
            continue;
        };
        let slice = &chars[f..=l];
        let own = majority(f..l + 1);
        let src = if height(own) < 0.75 * height(dominant) {
            dominant
        } else {
            own
        };
        let (_, y0, _, y1) = lines[src].bbox;
        if (inked_ems(f, l + 1) - widths[k]).abs() > widths[k] / 3.0 + 0.7 {
            return None;
        }
        // The blank half of a bracket or comma at a run's end is part of the run.
        let (mut x0, mut x1) = runs[k];
        let next = runs.get(k + 1).map_or(f64::MAX, |r| r.0 - 1.0);
        let prev = if k > 0 { runs[k - 1].1 + 1.0 } else { f64::MIN };
        if closes_at(l) {
            x1 = (x1 + 0.5 * em).min(next);
        }
        // A bracket closed in this run but opened nowhere before it in the row: the
        // opener's ink (a thin arc at the right of its em, against the next character)
        // starts the run, and Tesseract left it out (`因公出国（境）` read `因公出国境)`).
        // Its blank half is the gap that parted the run from the one before.
        let mut slice: Vec<(char, Option<f32>)> = slice.iter().map(|c| (c.0, c.1)).collect();
        if k > 0 {
            if let Some(opener) = lost_opener(&chars[..=l], f) {
                let conf = slice.iter().find(|c| closes_bracket(c.0)).and_then(|c| c.1);
                slice.insert(0, (opener, conf));
            }
        }
        if opens_at(f) || slice.first().is_some_and(|c| c.0 != chars[f].0) {
            x0 = (x0 - 0.5 * em).max(prev);
        }

        // Ink no character was read for (`一、` Tesseract left out) stays with the
        // run it touches (less than an em away), so the cell keeps its edges.
        let unread =
            |r: Option<usize>| r.is_some_and(|r: usize| r < k_runs && bounds[r] == bounds[r + 1]);
        if k > 0 && unread(Some(k - 1)) && x0 - runs[k - 1].1 < em {
            x0 = x0.min(runs[k - 1].0);
        }
        if unread(Some(k + 1)) && runs[k + 1].0 - x1 < em {
            x1 = x1.max(runs[k + 1].1);
        }
        out.push(TextLine {
            chars: slice,
            bbox: (x0, y0, x1, y1),
        });
    }
    (!out.is_empty()).then_some(out)
}

fn closes_bracket(c: char) -> bool {
    matches!(c, ')' | '）')
}

/// The opener lost before `chars[start..]`: the first closing parenthesis there, after
/// an ideograph, with no opener anywhere in `chars` before it — `（` for `）`, `(` for `)`.
fn lost_opener(chars: &[(char, Option<f32>, usize)], start: usize) -> Option<char> {
    let close = (start..chars.len()).find(|&i| closes_bracket(chars[i].0))?;
    let after_ideograph =
        close > start && is_cjk(chars[close - 1].0) && !closes(chars[close - 1].0);
    let opened = chars[..close].iter().any(|c| matches!(c.0, '(' | '（'));
    (after_ideograph && !opened).then(|| if chars[close].0 == '）' { '（' } else { '(' })
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_last_unit_of_a_line_is_found() {
        let line = |t: &str| TextLine {
            chars: t.chars().map(|c| (c, Some(90.0))).collect(),
            bbox: (0.0, 0.0, 10.0, 1.0),
        };
        assert_eq!(
            last_unit_start(&line("编制单位：上海市财政局 单位：")),
            Some(12)
        );
        assert_eq!(last_unit_start(&line("单 位：广元")), Some(0));
        assert_eq!(last_unit_start(&line("单元")), None);
    }

    #[test]
    fn an_unsure_colon_ending_a_line_is_a_speck() {
        let line = |conf: f32| TextLine {
            chars: "支出表："
                .chars()
                .map(|c| (c, Some(if c == '：' { conf } else { 93.0 })))
                .collect(),
            bbox: (0.0, 0.0, 80.0, 20.0),
        };
        let mut unsure = line(25.0);
        trim_line_specks(&mut unsure);
        assert_eq!(unsure.text(), "支出表");
        assert_eq!(unsure.bbox.2, 60.0);
        let mut sure = line(90.0);
        trim_line_specks(&mut sure);
        assert_eq!(sure.text(), "支出表：");
    }

    #[test]
    fn a_speck_read_as_an_ideograph_is_told() {
        // Tuning seed 136, page 10: `四` (confidence 23) on 6 of 40 pixels' width.
        let speck = TextLine {
            chars: vec![('四', Some(22.7))],
            bbox: (296.0, 114.0, 302.0, 154.0),
        };
        assert!(speck_read_as_ideograph(&speck));
        // Read with confidence, or as wide as an ideograph, or a digit: print.
        let sure = TextLine {
            chars: vec![('四', Some(80.0))],
            ..speck.clone()
        };
        let wide = TextLine {
            bbox: (296.0, 114.0, 330.0, 154.0),
            ..speck.clone()
        };
        let one = TextLine {
            chars: vec![('1', Some(22.7))],
            ..speck.clone()
        };
        let colon = TextLine {
            chars: vec![('：', Some(22.7))],
            ..speck.clone()
        };
        for l in [&sure, &wide, &one, &colon] {
            assert!(!speck_read_as_ideograph(l));
        }
    }

    use super::*;

    /// A word's box as Tesseract gives it, in pixels.
    fn word_box(w: &Word) -> (f64, f64, f64, f64) {
        (
            w.left as f64,
            w.top as f64,
            (w.left + w.width) as f64,
            (w.top + w.height) as f64,
        )
    }

    #[test]
    fn a_closing_mark_ending_a_line_takes_its_blank_half() {
        // `一、` boxed on its ink: 15 px for 1.5 em of ink, so a 10 px em.
        let mut l = TextLine {
            chars: vec![('一', Some(90.0)), ('、', Some(90.0))],
            bbox: (100.0, 0.0, 115.0, 10.0),
        };
        widen_closing_mark(&mut l, 200.0);
        assert_eq!(l.bbox.2, 120.0);
        // Not past the next text, and not for other endings.
        let mut l = TextLine {
            chars: vec![('一', Some(90.0)), ('、', Some(90.0))],
            bbox: (100.0, 0.0, 115.0, 10.0),
        };
        widen_closing_mark(&mut l, 117.0);
        assert_eq!(l.bbox.2, 117.0);
        let mut l = TextLine {
            chars: vec![('一', Some(90.0)), ('二', Some(90.0))],
            bbox: (100.0, 0.0, 120.0, 10.0),
        };
        widen_closing_mark(&mut l, 200.0);
        assert_eq!(l.bbox.2, 120.0);
    }

    fn w(text: &str, left: i64, width: i64, line: u32) -> Word {
        Word {
            text: text.into(),
            left,
            top: 10,
            width,
            height: 20,
            conf: 90.0,
            line: (1, 1, line),
        }
    }

    #[test]
    fn title_marks_closed_by_parentheses_are_parentheses() {
        let mut c: Vec<(char, Option<f32>)> = "因公出国《境)费 《预算法》 〈本级）"
            .chars()
            .map(|c| (c, Some(90.0)))
            .collect();
        fix_bracket_openers(&mut c);
        assert_eq!(
            c.iter().map(|c| c.0).collect::<String>(),
            "因公出国(境)费 《预算法》 （本级）"
        );
    }

    /// Words as chi_sim reads the borderless scan's row `2080505 机关事业单位基本养老
    /// 保险缴费支出 49.10 49.10` and `213 农林水支出 507.54 412.01 95.53`.
    #[test]
    fn phantom_marks_are_removed() {
        let words = [
            w("2080505", 0, 70, 1),
            w("“机关", 80, 60, 1),
            w("支出", 140, 40, 1),
            w("49.10", 300, 45, 1),
            w("”49.10", 400, 54, 1),
            w("507.54", 0, 50, 2),
            w("”412.01", 100, 56, 2),
            w("。", 170, 10, 2),
            w("95.53", 200, 45, 2),
            w("“三公", 0, 40, 3),
            w("”经费", 40, 40, 3),
            w("“三公”经费", 100, 80, 4),
            w("预算“", 0, 40, 5),
            w("三公", 40, 40, 5),
            w("”经费", 80, 40, 5),
            w("预算", 0, 40, 6),
            w("“", 40, 10, 6),
            w("三公", 50, 40, 6),
            w("”", 90, 10, 6),
            w("工作", 0, 40, 7),
            w("。", 40, 10, 7),
            // A speck of a ruling beside a name in a black-and-white scan.
            w("病虫害控制|", 0, 110, 8),
            w("|", 120, 4, 8),
            w("29.09", 130, 45, 8),
        ];
        let refs: Vec<&Word> = words.iter().collect();
        let c = clean_words(&refs);
        let texts: Vec<&str> = c.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "2080505",
                "机关",
                "支出",
                "49.10",
                "49.10",
                "507.54",
                "412.01",
                "95.53",
                "“三公",
                "”经费",
                "“三公”经费",
                "预算“",
                "三公",
                "”经费",
                "预算",
                "“",
                "三公",
                "”",
                "工作",
                "。",
                "病虫害控制",
                "29.09"
            ]
        );
        assert_eq!((c[4].left, c[4].width), (409, 45));
    }

    /// A row of table cells whose boxes fit their text splits at the column gaps;
    /// a stretched box (`合计` over the whole row) does not split.
    #[test]
    fn fitting_boxes_split_at_column_gaps() {
        let words = [
            w("合计", 754, 37, 1),
            w("基本", 826, 34, 1),
            w("支出", 862, 36, 1),
            w("项目", 930, 37, 1),
            w("支出", 969, 36, 1),
        ];
        let refs: Vec<&Word> = words.iter().collect();
        let place = |w: &Word| (w.left as f64, 10.0, (w.left + w.width) as f64, 28.0);
        let texts: Vec<String> = group(&refs, place).iter().map(|l| l.text()).collect();
        assert_eq!(texts, ["合计", "基本支出", "项目支出"]);
        let words = [w("合计", 754, 250, 1), w("基本", 826, 34, 1)];
        let refs: Vec<&Word> = words.iter().collect();
        assert_eq!(group(&refs, place).len(), 1);
    }

    #[test]
    fn order_from_tesseract_not_boxes() {
        // "社会" with a box over the whole line, as chi_sim does.
        let words = [
            w("社会", 0, 160, 1),
            w("保障", 40, 30, 1),
            w("A3", 200, 20, 2),
            w("打印机", 230, 40, 2),
            w("A", 280, 10, 2),
            w("B", 300, 10, 2),
        ];
        let refs: Vec<&Word> = words.iter().collect();
        let lines = group(&refs, word_box);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text(), "社会保障");
        assert_eq!(lines[1].text(), "A3打印机A B");
        let g = glyphs(&lines[0], |a, b, c, d| Rect {
            x0: a,
            top: b,
            x1: c,
            bottom: d,
        });
        assert_eq!(g.len(), 4);
        assert!(g.windows(2).all(|p| p[0].bbox.x1 <= p[1].bbox.x0 + 1e-9));
        assert_eq!(
            glyphs(&lines[1], |a, b, c, d| Rect {
                x0: a,
                top: b,
                x1: c,
                bottom: d
            })
            .len(),
            7
        );
        let words = [w("单位;万元", 0, 80, 1)];
        let refs: Vec<&Word> = words.iter().collect();
        assert_eq!(
            group(&refs, |w| (
                w.left as f64,
                w.top as f64,
                (w.left + w.width) as f64,
                (w.top + w.height) as f64
            ))[0]
                .text(),
            "单位：万元"
        );
        // Far apart on one Tesseract line: two lines.
        let words = [w("205", 0, 30, 1), w("单位:万元", 400, 80, 1)];
        let refs: Vec<&Word> = words.iter().collect();
        assert_eq!(
            group(&refs, |w| (
                w.left as f64,
                w.top as f64,
                (w.left + w.width) as f64,
                (w.top + w.height) as f64
            ))
            .len(),
            2
        );
    }

    fn line(text: &str, x0: f64, x1: f64) -> TextLine {
        TextLine {
            chars: text
                .chars()
                .map(|c| (c, if c == ' ' { None } else { Some(90.0) }))
                .collect(),
            bbox: (x0, 10.0, x1, 28.0),
        }
    }

    /// A unit line read in two pieces, one misread (tuning seed 993, page 11), becomes
    /// one line and is mended whole; read right in two pieces, or on two rows, or not a
    /// unit line, the pieces stay apart.
    #[test]
    fn a_unit_line_read_in_two_pieces_is_joined_when_misread() {
        let joined =
            join_split_unit_lines(vec![line("草位：", 0.0, 30.0), line("万元", 36.0, 56.0)]);
        assert_eq!(joined.len(), 1);
        assert_eq!(joined[0].text(), "草位：万元");
        assert_eq!(joined[0].bbox, (0.0, 10.0, 56.0, 28.0));
        assert_eq!(
            vocab::repair(&joined[0].text()).as_deref(),
            Some("单位：万元")
        );
        for pieces in [
            vec![line("单位：", 0.0, 30.0), line("万元", 36.0, 56.0)],
            vec![line("草位：", 0.0, 30.0), line("部门", 36.0, 56.0)],
        ] {
            assert_eq!(join_split_unit_lines(pieces).len(), 2);
        }
        let mut below = line("万元", 36.0, 56.0);
        below.bbox.1 += 20.0;
        below.bbox.3 += 20.0;
        assert_eq!(
            join_split_unit_lines(vec![line("草位：", 0.0, 30.0), below]).len(),
            2
        );
    }

    /// Two cells of a form row read as one line with one box (`按预算金额完按财政…`):
    /// the ink's two runs split it where the print does.
    #[test]
    fn ink_runs_split_a_line_into_its_cells() {
        let l = line("按预算金额完按财政批复", 100.0, 320.0);
        let out = fit_to_ink(&[l], &[(100.0, 214.0), (234.0, 328.0)], 19.0).expect("fits");
        let texts: Vec<String> = out.iter().map(|l| l.text()).collect();
        assert_eq!(texts, ["按预算金额完", "按财政批复"]);
        assert_eq!((out[0].bbox.0, out[0].bbox.2), (100.0, 214.0));
        assert_eq!((out[1].bbox.0, out[1].bbox.2), (234.0, 328.0));
    }

    /// A cell Tesseract boxed as two words with a gap (`有效 提升…`) is one run of
    /// ink: one line. A comma's blank right half stays with its run, and the run after
    /// it does not start with the comma.
    #[test]
    fn one_run_of_ink_is_one_line_and_commas_end_runs() {
        let lines = [line("有效", 100.0, 130.0), line("提升能力，", 150.0, 210.0)];
        let out = fit_to_ink(&lines, &[(100.0, 223.0)], 19.0).expect("fits");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].text(), "有效提升能力，");
        // `用于支出，保障` over two runs split after the comma's ink.
        let l = line("用于支出，保障", 0.0, 140.0);
        let out = fit_to_ink(&[l], &[(0.0, 86.0), (100.0, 138.0)], 19.0).expect("fits");
        let texts: Vec<String> = out.iter().map(|l| l.text()).collect();
        assert_eq!(texts, ["用于支出，", "保障"]);
        assert!(out[0].bbox.2 > 86.0 && out[0].bbox.2 < 100.0);
    }

    /// Brackets beside ideographs are full width (`因公出国(境)`: the bracket's ink
    /// leaves a gap, the em does not); ink no character was read for (`一、`) stays
    /// with the run beside it; text that does not fit the ink is left alone.
    #[test]
    fn brackets_unread_ink_and_misfits() {
        let l = line("因公出国(境)", 319.0, 437.0);
        let out = fit_to_ink(&[l], &[(319.0, 391.0), (405.0, 437.0)], 19.3).expect("fits");
        assert!(out.windows(2).all(|w| w[1].bbox.0 - w[0].bbox.2 < 5.0));
        // The opener Tesseract left out (`因公出国境)`) starts the run holding its closer.
        let lines = [line("因公出", 318.0, 385.0), line("国境)", 405.0, 440.0)];
        let out = fit_to_ink(&lines, &[(318.0, 391.0), (405.0, 437.0)], 21.4).expect("fits");
        let texts: Vec<String> = out.iter().map(|l| l.text()).collect();
        assert_eq!(texts, ["因公出国", "(境)"]);
        assert!(out[1].bbox.0 - out[0].bbox.2 < 5.0, "{:?}", out[1].bbox);
        // Not where the row opened it, nor after a figure (`1)`).
        let out = fit_to_ink(
            &[line("因公出国(境)", 319.0, 437.0)],
            &[(319.0, 391.0), (405.0, 437.0)],
            19.3,
        )
        .expect("fits");
        assert_eq!(
            out.iter().map(|l| l.text()).collect::<String>(),
            "因公出国(境)"
        );
        let out = fit_to_ink(
            &[line("项目1)", 0.0, 60.0)],
            &[(0.0, 38.0), (48.0, 62.0)],
            19.0,
        )
        .expect("fits");
        assert_eq!(out.iter().map(|l| l.text()).collect::<String>(), "项目1)");
        let l = line("一般公共服务支", 496.0, 625.0);
        let out = fit_to_ink(&[l], &[(458.0, 482.0), (496.0, 625.0)], 18.4).expect("fits");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].bbox.0, 458.0);
        let l = line("合计", 0.0, 40.0);
        assert!(fit_to_ink(&[l], &[(0.0, 40.0), (200.0, 400.0), (500.0, 700.0)], 19.0).is_none());
    }

    #[test]
    fn a_target_opened_by_a_misread_sign_is_at_least() {
        for (read, print) in [
            ("过95%", "≥95%"),
            ("之98.5%", "≥98.5%"),
            ("和1%", "≤1%"),
            ("委64.43万元", "≤64.43万元"),
            ("之12", "≥12"),
            ("超过95%", "超过95%"),
            ("之后3个月", "之后3个月"),
            ("和2024年度预算相比", "和2024年度预算相比"),
            ("≥90%", "≥90%"),
        ] {
            let mut c: Vec<(char, Option<f32>)> = read.chars().map(|c| (c, Some(90.0))).collect();
            fix_comparator(&mut c);
            assert_eq!(c.iter().map(|c| c.0).collect::<String>(), print, "{read}");
        }
    }

    #[test]
    fn specks_around_a_cell_label_are_dropped() {
        let line = |t: &str| TextLine {
            chars: t.chars().map(|c| (c, Some(90.0))).collect(),
            bbox: (0.0, 0.0, 100.0, 10.0),
        };
        for (read, print) in [
            ("合计，", "合计"),
            ("，工资福利支出 ,", "工资福利支出"),
            ("科目名称.", "科目名称"),
            ("二十五、债务付息支出.", "二十五、债务付息支出"),
            ("严格控制项目成本。", "严格控制项目成本。"),
            ("821.85", "821.85"),
            ("其中：", "其中："),
            ("，", "，"),
            ("达标率-", "达标率"),
            ("-质量指标", "质量指标"),
            (
                "机关事业单位基本养老保险缴费支出 … ，",
                "机关事业单位基本养老保险缴费支出",
            ),
            ("-8200.00", "-8200.00"),
            // A point between ideographs (tuning seed 116, page 20); after a digit, or
            // a full-width mark, it stays.
            ("服务对象满意.度", "服务对象满意度"),
            ("1.按期完成", "1.按期完成"),
            ("其中：财政资金", "其中：财政资金"),
        ] {
            let mut l = vec![line(read)];
            trim_cell_specks(&mut l);
            assert_eq!(l[0].text(), print, "{read}");
        }
        // A wrapped line opening with a speck (tuning seed 116, page 20).
        let mut l = vec![line("服务对象满意"), line(".度")];
        trim_cell_specks(&mut l);
        assert_eq!(l[1].text(), "度");
        let mut l = vec![line("合计，")];
        trim_cell_specks(&mut l);
        // The box keeps the two ideographs' share.
        let share = 2.0 / (2.0 + advance('，'));
        assert!((l[0].bbox.2 - 100.0 * share).abs() < 1e-6);
    }

    #[test]
    fn lines_outside_tables_lose_ascii_specks_only() {
        let line = |t: &str| TextLine {
            chars: t.chars().map(|c| (c, Some(90.0))).collect(),
            bbox: (0.0, 0.0, 100.0, 10.0),
        };
        for (read, print) in [
            ("一般公共预算支出表.", "一般公共预算支出表"),
            ("单位：万元.", "单位：万元"),
            (". 部门收入总表", "部门收入总表"),
            // A wrapped line of prose keeps its full-width comma; figures keep points.
            ("支出预算总额1,234.56万元，", "支出预算总额1,234.56万元，"),
            ("合计 12.5", "合计 12.5"),
            // A speck before a title's ordinal (tuning seed 116, page 19).
            ("-4.:统计执法检查绩效目标表", "4.:统计执法检查绩效目标表"),
            ("-12、统计", "12、统计"),
            ("-4.5%", "-4.5%"),
            ("-4.统计", "4.统计"),
            ("-123.统计", "-123.统计"),
            ("-、基本情况", "-、基本情况"),
            // A dash after the last ideograph (tuning seed 136, page 10); a full-width
            // dash, or a minus, stays.
            ("一般公共预算支出表-", "一般公共预算支出表"),
            ("一般公共预算支出表_~", "一般公共预算支出表"),
            ("见下表——", "见下表——"),
            ("合计 -", "合计 -"),
            ("2024-", "2024-"),
        ] {
            let mut l = line(read);
            trim_line_specks(&mut l);
            assert_eq!(l.text(), print, "{read}");
        }
    }

    #[test]
    fn a_year_in_chinese_numerals_keeps_its_zeros() {
        for (read, print) in [
            ("二OO二三年部门预算", "二〇二三年部门预算"),
            ("二O二四年", "二〇二四年"),
            ("二〇〇八年", "二〇〇八年"),
            ("二0O八年", "二〇〇八年"),
            ("2023年", "2023年"),
            ("O年", "O年"),
        ] {
            let mut c: Vec<(char, Option<f32>)> = read.chars().map(|c| (c, Some(90.0))).collect();
            fix_chinese_year(&mut c);
            assert_eq!(c.iter().map(|c| c.0).collect::<String>(), print, "{read}");
        }
    }

    #[test]
    fn a_number_cut_at_its_decimal_point_is_one() {
        // Prose: `15621. 11万元` as Tesseract cuts it, the gap a space wide.
        let words = [
            w("支出", 0, 40, 1),
            w("15621.", 44, 60, 1),
            w("11万元", 116, 50, 1),
        ];
        let refs: Vec<&Word> = words.iter().collect();
        let lines = group(&refs, word_box);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text(), "支出15621.11万元");
        assert!(splits_decimal("88", ".87万元"));
        // An item number before a year, and two figures of a row, stay apart.
        assert!(!splits_decimal("2.", "2025年"));
        assert!(!splits_decimal("12.50", "3.40"));
        assert!(!splits_decimal("12", "3.40"));
    }

    #[test]
    fn percent_rings_read_as_digits_are_dropped() {
        for (read, print) in [
            ("50.009%6", "50.00%"),
            ("25.009%", "25.00%"),
            ("(9%6)", "(%)"),
            ("(9%)", "(%)"),
            ("75.00%", "75.00%"),
            ("19%", "19%"),
            ("99.5%", "99.5%"),
            ("≥90%", "≥90%"),
            // Rings read as 0 or 4 after the sign (issue 19).
            ("20.00%4", "20.00%"),
            ("75.00%0", "75.00%"),
            ("100.00%0", "100.00%"),
            ("资金支出计划(0%0)", "资金支出计划(0%)"),
            ("验收合格率1009%0", "验收合格率100%"),
            ("≥959%0", "≥95%"),
            ("≥99%0", "≥99%"),
            // A figure after the sign stays; a 9 of a percentage up to 100 stays.
            ("5%0.5", "5%0.5"),
            ("增长5%，40", "增长5%，40"),
            ("99%0", "99%"),
            ("1209%", "1209%"),
        ] {
            let mut c: Vec<(char, Option<f32>)> = read.chars().map(|c| (c, Some(90.0))).collect();
            fix_percent_signs(&mut c);
            assert_eq!(c.iter().map(|c| c.0).collect::<String>(), print, "{read}");
        }
    }

    #[test]
    fn ascii_marks_after_ideographs_are_full_width() {
        let mut c: Vec<(char, Option<f32>)> = "其中:财政资金;2.资金,12:30"
            .chars()
            .map(|c| (c, Some(90.0)))
            .collect();
        full_width_after_ideographs(&mut c);
        assert_eq!(
            c.iter().map(|c| c.0).collect::<String>(),
            "其中：财政资金；2.资金，12:30"
        );
    }
}
