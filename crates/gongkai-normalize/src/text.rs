//! CJK text clean-up: stored text vs. matching keys.

use unicode_normalization::UnicodeNormalization;

/// True for CJK ideographs and CJK punctuation / full-width forms.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

/// Variant and look-alike glyphs that NFKC leaves alone (Japanese shinjitai and the like),
/// mapped to the simplified forms used in mainland disclosures.
const VARIANTS: &[(char, char)] = &[('単', '单'), ('経', '经'), ('総', '总'), ('収', '收'), ('関', '关'), ('図', '图'), ('拠', '据'), ('発', '发'), ('応', '应')];

/// Removes whitespace between two CJK characters (wrapped cells, letter-spaced titles),
/// collapses other whitespace runs to one space and trims.
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
            let drop = match (prev, next) {
                (Some(p), Some(n)) => is_cjk(p) && is_cjk(n),
                _ => true,
            };
            if !drop {
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

/// Text for storage: NFC, CJK-internal spaces removed, whitespace collapsed. Keeps
/// full-width punctuation and other compatibility characters as printed.
pub fn clean_text(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    remove_cjk_spaces(&nfc)
}

/// Key for matching titles, headers and labels: NFKC (full-width → ASCII, Kangxi radicals
/// → ideographs), variant glyphs folded (単→单), quotes unified to `"`, all whitespace
/// removed.
pub fn match_key(s: &str) -> String {
    s.nfkc()
        .map(|c| VARIANTS.iter().find(|(v, _)| *v == c).map_or(c, |(_, t)| *t))
        .map(|c| match c {
            '“' | '”' | '「' | '」' | '〝' | '〞' | '‘' | '’' | '\'' => '"',
            other => other,
        })
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_cjk_cells_are_joined() {
        // seed: "群众文化活 动服务", "≥10 提高效 率"
        assert_eq!(remove_cjk_spaces("群众文化活 动服务"), "群众文化活动服务");
        assert_eq!(remove_cjk_spaces("≥10 提高效 率"), "≥10 提高效率");
        assert_eq!(remove_cjk_spaces("  Improved   Speed "), "Improved Speed");
        // Putuo-F24 letter-spaced title
        assert_eq!(clean_text("因 公 出 国 （ 境 ） 费 用"), "因公出国（境）费用");
    }

    #[test]
    fn match_keys_fold_variants_quotes_and_width() {
        // seed: "単位资金"
        assert_eq!(match_key("単位资金"), "单位资金");
        assert_eq!(match_key("部门预算财政拨款“三公”经费支出预算总表"), "部门预算财政拨款\"三公\"经费支出预算总表");
        assert_eq!(match_key("单位：万元"), "单位:万元");
        assert_eq!(match_key("（２０２５）"), "(2025)");
    }
}
