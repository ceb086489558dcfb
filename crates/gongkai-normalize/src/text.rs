//! CJK text clean-up: stored text vs. matching keys (domain notes §8.1–8.4, §8.13–8.14), and
//! the homoglyph / markup repairs needed before codes are validated (§8.3).

use std::sync::OnceLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// True for CJK ideographs, CJK punctuation (U+3000–303F) and full-width forms: the
/// characters between which a printed space is a wrap or letter-spacing artefact.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

/// Variant and look-alike glyphs that NFKC leaves alone (Japanese shinjitai and the like),
/// mapped to the simplified forms used in mainland disclosures (§8.2). None of the left-hand
/// forms occurs in simplified Chinese, so folding them in keys is safe.
const VARIANTS: &[(char, char)] = &[
    ('単', '单'),
    ('経', '经'),
    ('総', '总'),
    ('収', '收'),
    ('関', '关'),
    ('図', '图'),
    ('拠', '据'),
    ('発', '发'),
    ('応', '应'),
    ('実', '实'),
    ('労', '劳'),
    ('営', '营'),
    ('費', '费'),
    ('務', '务'),
    ('県', '县'),
];

/// Folds the variant glyphs of §8.2 (単→单, 経→经, 総→总, 収→收, 関→关 …) and nothing else.
/// Used by [`match_key`]; exposed so callers can fold a label they store with a `repair` tag.
pub fn fold_variants(s: &str) -> String {
    s.chars()
        .map(|c| {
            VARIANTS
                .iter()
                .find(|(v, _)| *v == c)
                .map_or(c, |(_, t)| *t)
        })
        .collect()
}

/// Removes whitespace (including line breaks and U+3000) between two CJK characters, which
/// is what wrapped cells ("提高效 率") and letter-spaced titles ("因 公 出 国") leave behind;
/// collapses every other whitespace run to one space (keeping "≥46 提高效率" and Latin word
/// gaps) and trims both ends (§8.4).
pub fn remove_cjk_spaces(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            let prev = out.chars().last();
            let next = chars.get(j).copied();
            let keep = match (prev, next) {
                (Some(p), Some(n)) => !(is_cjk(p) && is_cjk(n)),
                _ => false,
            };
            if keep {
                out.push(' ');
            }
            i = j;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Text for storage: NFC, then [`remove_cjk_spaces`]. Deliberately *not* NFKC: full-width
/// punctuation, `…`, `①` and `㎡` stay as printed (§8.1), so the stored text can be shown next
/// to the PDF.
pub fn clean_text(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    remove_cjk_spaces(&nfc)
}

/// Key for matching titles, headers, row labels and unit lines (§8.1, §8.13–8.14): NFKC
/// (full-width ASCII → ASCII so `（）：` become `():`, U+3000 → space, Kangxi radicals and
/// compatibility ideographs → ordinary ideographs), variant glyphs folded (単→单), every
/// quote form (“”‘’"'「」『』〝〞) unified to `"`, and all whitespace removed — header
/// matching ignores spacing entirely, so a key never depends on where a cell wrapped.
/// Never store a key as the value's text.
pub fn match_key(s: &str) -> String {
    let folded = fold_variants(&s.nfkc().collect::<String>());
    folded
        .chars()
        .map(|c| match c {
            '“' | '”' | '「' | '」' | '『' | '』' | '〝' | '〞' | '‘' | '’' | '\'' | '＂' => {
                '"'
            }
            other => other,
        })
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Cyrillic and Greek letters that print identically to Latin capitals (and a few small
/// letters), as found inside project codes (seed "130311212Н Ү"): mapped to Latin.
const HOMOGLYPHS: &[(char, char)] = &[
    // Cyrillic capitals
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('К', 'K'),
    ('М', 'M'),
    ('Н', 'H'),
    ('О', 'O'),
    ('Р', 'P'),
    ('С', 'C'),
    ('Т', 'T'),
    ('Х', 'X'),
    ('У', 'Y'),
    ('Ү', 'Y'),
    ('Ѕ', 'S'),
    ('І', 'I'),
    ('Ј', 'J'),
    ('Ԛ', 'Q'),
    ('Ԝ', 'W'),
    ('Ӏ', 'I'),
    // Cyrillic small letters that look Latin
    ('а', 'a'),
    ('е', 'e'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('у', 'y'),
    ('х', 'x'),
    ('ү', 'y'),
    ('ѕ', 's'),
    ('і', 'i'),
    ('ј', 'j'),
    // Greek capitals
    ('Α', 'A'),
    ('Β', 'B'),
    ('Ε', 'E'),
    ('Ζ', 'Z'),
    ('Η', 'H'),
    ('Ι', 'I'),
    ('Κ', 'K'),
    ('Μ', 'M'),
    ('Ν', 'N'),
    ('Ο', 'O'),
    ('Ρ', 'P'),
    ('Τ', 'T'),
    ('Υ', 'Y'),
    ('Χ', 'X'),
    // Greek small letters that look Latin
    ('ο', 'o'),
    ('ν', 'v'),
];

/// Maps Cyrillic/Greek homoglyphs (Н→H, Ү→Y, А→A, О→O, Р→P, С→C, Е→E, Т→T, Х→X, М→M, К→K,
/// В→B …) and full-width ASCII letters/digits to plain ASCII. Meant for codes only (§8.3):
/// applied to running text it would corrupt genuine Cyrillic or Greek words.
pub fn repair_homoglyphs(s: &str) -> String {
    s.chars()
        .map(|c| {
            if let Some((_, l)) = HOMOGLYPHS.iter().find(|(h, _)| *h == c) {
                return *l;
            }
            match c {
                '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                    char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
                }
                _ => c,
            }
        })
        .collect()
}

fn markup_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"</?(?:i|b|em|strong|sup|sub|span|u)(?:\s[^<>]*)?>").expect("static regex")
    })
}

/// Removes inline HTML markup that text converters leave in cells (seed "130311213
/// <i>F</i>" → "130311213 F"). Only the known inline tags are removed; other `<…>` text
/// (e.g. a literal "<10") is kept.
pub fn strip_inline_markup(s: &str) -> String {
    markup_re().replace_all(s, "").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_cjk_cells_are_joined() {
        // seed line 100: "群众文化活 动服务"; seed line 214: "≥46 提高效 率"
        assert_eq!(remove_cjk_spaces("群众文化活 动服务"), "群众文化活动服务");
        assert_eq!(remove_cjk_spaces("≥46 提高效 率"), "≥46 提高效率");
        // seed line 237: "≥1 有效服 务职工群众"
        assert_eq!(
            remove_cjk_spaces("≥1 有效服 务职工群众"),
            "≥1 有效服务职工群众"
        );
        assert_eq!(remove_cjk_spaces("  Improved   Speed "), "Improved Speed");
        assert_eq!(remove_cjk_spaces("预算\n 公开"), "预算公开");
        // a space between CJK and CJK punctuation goes; digit–CJK keeps one space
        assert_eq!(remove_cjk_spaces("单位 ：万元"), "单位：万元");
        assert_eq!(remove_cjk_spaces("2021 年"), "2021 年");
        // Putuo-F24 letter-spaced title; NFC but not NFKC, full-width brackets stay
        assert_eq!(
            clean_text("因 公 出 国 （ 境 ） 费 用"),
            "因公出国（境）费用"
        );
        assert_eq!(clean_text("面积 10㎡ ①"), "面积 10㎡ ①");
    }

    #[test]
    fn match_keys_fold_variants_quotes_and_width() {
        // seed line 438: "単位购置成本" next to "单位购置成本"
        assert_eq!(match_key("単位购置成本"), match_key("单位购置成本"));
        assert_eq!(match_key("単位资金"), "单位资金");
        assert_eq!(
            match_key("部门预算财政拨款“三公”经费支出预算总表"),
            "部门预算财政拨款\"三公\"经费支出预算总表"
        );
        assert_eq!(match_key("「三公」〝三公〞"), "\"三公\"\"三公\"");
        assert_eq!(match_key("单位：万元"), "单位:万元");
        assert_eq!(match_key("（２０２５）"), "(2025)");
        // seed line 210: header "10 月底"; Putuo-F24 "本年收入合 计"
        assert_eq!(match_key("10 月底"), "10月底");
        assert_eq!(match_key("本年收入合 计"), "本年收入合计");
        // Kangxi radical ⽀ (U+2F40) and ideographic space
        assert_eq!(match_key("⽀出\u{3000}合计"), "支出合计");
        assert_eq!(fold_variants("総収入"), "总收入");
    }

    #[test]
    fn homoglyphs_and_markup() {
        // seed line 207: "130311212Н Ү" (Cyrillic En and Straight U)
        assert_eq!(repair_homoglyphs("130311212Н Ү"), "130311212H Y");
        assert_eq!(repair_homoglyphs("АВЕКМНОРСТХ"), "ABEKMHOPCTX");
        assert_eq!(repair_homoglyphs("ΑΒΕΗΙΚΜΝΟΡΤΥΧ"), "ABEHIKMNOPTYX");
        assert_eq!(repair_homoglyphs("Ｃ２００３０７"), "C200307");
        // seed line 225: "130311213 <i>F</i>"
        assert_eq!(strip_inline_markup("130311213 <i>F</i>"), "130311213 F");
        assert_eq!(strip_inline_markup("<10 <b>x</b>"), "<10 x");
    }
}
