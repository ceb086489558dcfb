//! Canonical line keys for the rows of two-sided tables (收支总表, 财政拨款收支总表): the
//! same line is worded differently across families (`一、一般公共预算拨款收入`,
//! `1.一般公共预算资金`, `一、一般公共预算财政拨款`), so users get a stable key such as
//! `income.general_budget` or `expenditure.func.201` next to the printed name.

use gongkai_normalize::{
    function_class_by_damaged_name, function_class_by_misread_name, function_class_by_name,
    match_key, strip_ordinal,
};

/// Which side of a two-sided table a row is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// 收入.
    Income,
    /// 支出.
    Expenditure,
}

impl Side {
    /// `income` / `expenditure`.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Income => "income",
            Side::Expenditure => "expenditure",
        }
    }
}

/// What a line is, beyond its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineKey {
    /// `income.general_budget`, `expenditure.func.205`, `expenditure.grand_total` …
    pub line: String,
    /// 功能分类 类 code inferred from the class name (expenditure class lines).
    pub class_code: Option<&'static str>,
    /// The line is a total of the year (`this_year_total`).
    pub is_total: bool,
    /// The line is the side's grand total (总计).
    pub is_grand_total: bool,
    /// Carry-over and balance lines (level 0, outside the year's sum).
    pub is_carry: bool,
    /// The catalogue's wording the label was read as, when it differs from it in one
    /// character (an OCR misread: `九、住房保障文出` read as `住房保障支出`).
    pub read_as: Option<String>,
}

/// Numbering depth of a label: `一、` → 1, `1.` / `（一）` → 2, none → 0.
pub fn ordinal_depth(name: &str) -> u8 {
    let t = name.trim_start();
    if strip_ordinal(t).len() == t.len() {
        return 0;
    }
    let first = t.chars().next().unwrap_or(' ');
    if "一二三四五六七八九十".contains(first) {
        1
    } else {
        2
    }
}

/// The canonical key of a row label on one side, or `None` for a label we do not know.
pub fn line_key(name: &str, side: Side) -> Option<LineKey> {
    let k = match_key(strip_ordinal(name));
    if k.is_empty() {
        return None;
    }
    let key = |line: &str| LineKey {
        line: line.to_string(),
        class_code: None,
        is_total: false,
        is_grand_total: false,
        is_carry: false,
        read_as: None,
    };
    let has = |w: &str| k.contains(w);
    let total_word = has("合计") || has("小计") || has("总计");
    let this_year = has("本年") || has("当年");
    let s = side.as_str();
    // Totals first: 本年收入合计 / 当年支出小计 / 收入总计 / 支出合计 / 总计.
    if total_word && this_year {
        return Some(LineKey {
            is_total: true,
            ..key(&format!("{s}.this_year_total"))
        });
    }
    if total_word && (k == "总计" || k == "合计" || k.starts_with("收入") || k.starts_with("支出"))
    {
        return Some(LineKey {
            is_grand_total: true,
            ..key(&format!("{s}.grand_total"))
        });
    }
    // Carry-over lines.
    if has("年初") && (has("结转") || has("结余")) {
        return Some(LineKey {
            is_carry: true,
            ..key(&format!("{s}.opening_balance"))
        });
    }
    if has("年末") && (has("结转") || has("结余")) {
        return Some(LineKey {
            is_carry: true,
            ..key(&format!("{s}.closing_balance"))
        });
    }
    if has("上年结转") {
        return Some(LineKey {
            is_carry: true,
            ..key(&format!("{s}.carry_forward"))
        });
    }
    if has("结转下年") {
        return Some(LineKey {
            is_carry: true,
            ..key(&format!("{s}.carry_forward"))
        });
    }
    if has("使用非财政拨款结余") || has("用事业基金弥补") {
        return Some(LineKey {
            is_carry: true,
            ..key(&format!("{s}.use_nonfiscal_surplus"))
        });
    }
    if has("结余分配") {
        return Some(LineKey {
            is_carry: true,
            ..key(&format!("{s}.surplus_distribution"))
        });
    }
    match side {
        Side::Income => {
            let (line, misread) = crate::columns::source_key_misread(&k)?;
            Some(LineKey {
                read_as: misread.map(String::from),
                ..key(&format!("income.{line}"))
            })
        }
        Side::Expenditure => {
            // A class name, or one whose ordinal OCR damaged (`、一般公共服务支出`).
            if let Some(code) =
                function_class_by_name(name).or_else(|| function_class_by_damaged_name(name))
            {
                return Some(LineKey {
                    class_code: Some(code),
                    ..key(&format!("expenditure.func.{code}"))
                });
            }
            if let Some(m) = function_class_by_misread_name(name) {
                return Some(LineKey {
                    class_code: Some(m.code),
                    read_as: Some(m.name),
                    ..key(&format!("expenditure.func.{}", m.code))
                });
            }
            let line = if has("基本支出") {
                "basic"
            } else if has("项目支出") {
                "project"
            } else if has("人员经费") {
                "personnel"
            } else if has("公用经费") {
                "public"
            } else if has("上缴上级") {
                "to_superior"
            } else if has("经营支出") {
                "operating"
            } else if has("对附属单位补助") {
                "to_affiliated"
            } else if has("预留") {
                // Jiangsu's 三、单位预留机动经费 beside 基本支出 and 项目支出.
                "reserve"
            } else {
                return None;
            };
            Some(key(&format!("expenditure.{line}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(name: &str, side: Side) -> String {
        line_key(name, side).map(|k| k.line).unwrap_or_default()
    }

    /// Class lines whose ordinal OCR damaged (real pages through the scan generator):
    /// the name left after the damage is the class's, exactly.
    #[test]
    fn class_lines_with_a_damaged_ordinal() {
        assert_eq!(
            l("、一般公共服务支出", Side::Expenditure),
            "expenditure.func.201"
        );
        assert_eq!(
            l("十二 :农林水支出", Side::Expenditure),
            "expenditure.func.213"
        );
    }

    /// Lines misread in one character (real-layout scans, tuning half): keyed by the
    /// catalogue's wording, which is recorded.
    #[test]
    fn lines_misread_in_one_character() {
        let k = |name: &str, side: Side| {
            line_key(name, side).map(|k| (k.line, k.read_as.unwrap_or_default()))
        };
        assert_eq!(
            k("九、住房保障文出", Side::Expenditure),
            Some(("expenditure.func.221".into(), "住房保障支出".into()))
        );
        assert_eq!(
            k("、一般公共蔬算财政拨款收入", Side::Income),
            Some(("income.general_budget".into(), "一般公共预算".into()))
        );
        assert_eq!(
            k("1.一般公共项算", Side::Income),
            Some(("income.general_budget".into(), "一般公共预算".into()))
        );
        // Exact wording records nothing.
        assert_eq!(
            k("一、财政拨款收入", Side::Income),
            Some(("income.fiscal".into(), String::new()))
        );
    }

    #[test]
    fn lines_across_families() {
        assert_eq!(
            l("一、一般公共预算拨款收入", Side::Income),
            "income.general_budget"
        );
        assert_eq!(
            l("1.一般公共预算资金", Side::Income),
            "income.general_budget"
        );
        assert_eq!(l("一、财政拨款收入", Side::Income), "income.fiscal");
        assert_eq!(l("六、事业单位经营收入", Side::Income), "income.operating");
        assert_eq!(l("五、其他资金", Side::Income), "income.other");
        assert_eq!(l("当年收入小计", Side::Income), "income.this_year_total");
        assert_eq!(
            l("本年支出合计", Side::Expenditure),
            "expenditure.this_year_total"
        );
        assert_eq!(l("收入合计", Side::Income), "income.grand_total");
        assert_eq!(l("总计", Side::Expenditure), "expenditure.grand_total");
        assert_eq!(
            l("五、上年结转和结余", Side::Income),
            "income.carry_forward"
        );
        assert_eq!(
            l("年初财政拨款结转和结余", Side::Income),
            "income.opening_balance"
        );
        assert_eq!(
            l("年末结转和结余", Side::Expenditure),
            "expenditure.closing_balance"
        );
        assert_eq!(
            l("二十六、债务发行费用支出", Side::Expenditure),
            "expenditure.func.233"
        );
        assert_eq!(ordinal_depth("一、财政拨款收入"), 1);
        assert_eq!(ordinal_depth("1.一般公共预算资金"), 2);
        assert_eq!(ordinal_depth("上年结转"), 0);
    }
}
