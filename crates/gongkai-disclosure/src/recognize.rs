//! Standard-table recognition by normalised title (domain spec §3, §4): the four
//! regional families (Hebei seed, MOF central, Shanghai, Jiangsu) name the same tables
//! differently, so titles are reduced to keywords, never matched by position.

use gongkai_normalize::match_key;

use crate::Kind;

/// Reduces a title to its classifying core: no year prefix, numbering, quotes or spaces.
fn core(title: &str) -> String {
    let mut k = match_key(title);
    // Latin letters inside a Chinese title are OCR noise (`机关运Sm 行mm 经费`, speckle read as
    // letters): no standard table's title names its type with them.
    if k.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        k.retain(|c| !c.is_ascii_alphabetic());
    }
    // Drop a leading ordinal ("一、", "1.", "表3") and a year ("2025年", "2024年度").
    let mut s: &str = &k;
    // "表3" / "表3-1" prefixes, then an ordinal followed by 、 or . ("一、", "12.").
    if let Some(rest) = s.strip_prefix('表') {
        s = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
    }
    let ordinal_end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || "一二三四五六七八九十".contains(*c)))
        .map(|(i, _)| i)
        .unwrap_or(0);
    if ordinal_end > 0 && s[ordinal_end..].starts_with(['、', '.', ':']) {
        s = &s[ordinal_end + s[ordinal_end..].chars().next().map_or(0, |c| c.len_utf8())..];
    }
    let mut out = s.to_string();
    if let Some(i) = out.find('年') {
        if out[..i].chars().all(|c| c.is_ascii_digit()) {
            out = out[i + '年'.len_utf8()..]
                .trim_start_matches('度')
                .to_string();
        }
    }
    out.replace('"', "")
}

/// The table type of a title (`budget.summary`, `final.three_public`, `procurement` …),
/// or `None` when it is not a standard table. `kind` decides budget vs final where the
/// title does not say.
pub fn classify_title(title: &str, kind: Kind) -> Option<String> {
    let c = core(title);
    if c.is_empty() || c.contains("目录") {
        return None;
    }
    let prefix = if c.contains("决算") || (kind == Kind::Final && !c.contains("预算")) {
        "final"
    } else {
        "budget"
    };
    let has = |w: &str| c.contains(w);
    let base = if has("绩效目标") || has("绩效指标") {
        return Some("performance".into());
    } else if has("政府采购") {
        return Some("procurement".into());
    } else if has("三公") {
        "three_public"
    } else if has("机关运行经费") {
        "admin_operating"
    } else if has("政府性基金") {
        "gf_expenditure"
    } else if has("国有资本经营") {
        "soc_expenditure"
    } else if has("财政拨款") && (has("收支") || (has("收入") && has("支出"))) {
        "fiscal_summary"
    } else if (has("收支") || (has("收入") && has("支出"))) && (has("总表") || has("总计"))
    {
        "summary"
    } else if has("基本支出") && has("一般公共预算") {
        "gpb_basic"
    } else if has("基本支出") && has("财政拨款") {
        // Jiangsu prints 财政拨款基本支出 (all fiscal funds) beside 一般公共预算基本支出:
        // two tables, two types.
        "fiscal_basic"
    } else if has("一般公共预算") && has("支出") {
        "gpb_expenditure"
    } else if has("财政拨款") && has("支出") {
        "fiscal_expenditure"
    } else if has("收入") && !has("支出") && (has("总表") || has("决算表") || has("预算表"))
    {
        "income"
    } else if has("支出") && !has("收入") && (has("总表") || has("决算表") || has("预算表"))
    {
        "expenditure"
    } else {
        return None;
    };
    // Final accounts print the fund tables as 收入支出决算表 (opening, income, spending,
    // closing), a different shape from the budgets' spending tables: their own names.
    let base = match (prefix, base) {
        ("final", "gf_expenditure") => "gf",
        ("final", "soc_expenditure") => "soc",
        (_, b) => b,
    };
    Some(format!("{prefix}.{base}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(t: &str) -> Option<String> {
        classify_title(t, Kind::Budget)
    }

    #[test]
    fn latin_letters_in_a_scanned_title_are_noise() {
        // 省人大办公厅2018预算公开, a real-layout scan (tuning half): speckle read as letters
        // inside 机关运行经费 made the table a plain 支出 table.
        assert_eq!(
            b("一般公人共预算机关运Sm 行mm 经费支出预算表").as_deref(),
            Some("budget.admin_operating")
        );
    }

    #[test]
    fn titles_of_the_four_families() {
        // Hebei (seed TOC)
        assert_eq!(b("1. 部门预算收支总表").as_deref(), Some("budget.summary"));
        assert_eq!(b("部门预算收入总表").as_deref(), Some("budget.income"));
        assert_eq!(b("部门预算支出总表").as_deref(), Some("budget.expenditure"));
        assert_eq!(
            b("部门预算财政拨款收支总表").as_deref(),
            Some("budget.fiscal_summary")
        );
        assert_eq!(
            b("部门预算一般公共预算财政拨款支出表").as_deref(),
            Some("budget.gpb_expenditure")
        );
        assert_eq!(
            b("部门预算一般公共预算财政拨款基本支出表").as_deref(),
            Some("budget.gpb_basic")
        );
        assert_eq!(
            b("部门预算政府性基金预算财政拨款支出表").as_deref(),
            Some("budget.gf_expenditure")
        );
        assert_eq!(
            b("部门预算国有资本经营预算财政拨款支出表").as_deref(),
            Some("budget.soc_expenditure")
        );
        assert_eq!(
            b("部门预算财政拨款\"三公\"经费支出预算总表").as_deref(),
            Some("budget.three_public")
        );
        // Shanghai
        assert_eq!(
            b("2024年部门财务收支预算总表").as_deref(),
            Some("budget.summary")
        );
        assert_eq!(
            b("2025年部门一般公共预算基本支出部门预算经济分类预算表").as_deref(),
            Some("budget.gpb_basic")
        );
        assert_eq!(
            b("部门“三公”经费和机关运行经费预算表").as_deref(),
            Some("budget.three_public")
        );
        // Jiangsu
        assert_eq!(b("一、收支预算总表").as_deref(), Some("budget.summary"));
        assert_eq!(
            b("一般公共预算支出预算表（功能科目）").as_deref(),
            Some("budget.gpb_expenditure")
        );
        // Jiangsu prints both; they are two tables (issue 15: code 301 was counted twice).
        assert_eq!(
            b("八、2018年度江苏省高级人民法院一般公共预算基本支出预算表").as_deref(),
            Some("budget.gpb_basic")
        );
        assert_eq!(
            b("六、2018年度江苏省高级人民法院财政拨款基本支出预算表").as_deref(),
            Some("budget.fiscal_basic")
        );
        // Final accounts
        assert_eq!(
            classify_title("收入支出决算总表", Kind::Final).as_deref(),
            Some("final.summary")
        );
        assert_eq!(
            classify_title("财政拨款收入支出决算总表", Kind::Final).as_deref(),
            Some("final.fiscal_summary")
        );
        assert_eq!(
            classify_title("收入决算表", Kind::Final).as_deref(),
            Some("final.income")
        );
        assert_eq!(
            classify_title("支出决算表", Kind::Final).as_deref(),
            Some("final.expenditure")
        );
        assert_eq!(b("目录"), None);
        assert_eq!(b("单位基本情况表"), None);
    }
}
