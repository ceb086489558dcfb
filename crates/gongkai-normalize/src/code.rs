//! Classification codes (§2.1–2.3, §8.3, §8.11): 支出功能分类 类/款/项 (3/5/7 digits),
//! 部门预算支出经济分类 类/款 (3/5 digits), code + name cells, and project codes.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::text::{repair_homoglyphs, strip_inline_markup};

/// Which classification a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeSystem {
    /// 支出功能分类: 类 201–239, then 款 and 项 of 2 digits each (3/5/7 digits).
    GovFunction,
    /// 部门预算支出经济分类: 类 301–399, then 款 of 2 digits (3/5 digits).
    Economic,
}

impl CodeSystem {
    /// Valid code lengths, by level (类, 款, 项).
    pub fn lengths(self) -> &'static [usize] {
        match self {
            CodeSystem::GovFunction => &[3, 5, 7],
            CodeSystem::Economic => &[3, 5],
        }
    }
}

/// Why a code cell is not a valid classification code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// Nothing left after removing separators.
    #[error("empty code")]
    Empty,
    /// Characters other than digits (and the separators ` -[]`).
    #[error("not a code: {0:?}")]
    NotDigits(String),
    /// A length the system does not have (functional 3/5/7, economic 3/5).
    #[error("{system:?} code {code:?} has {len} digits")]
    WrongLength {
        /// The system the prefix asked for.
        system: CodeSystem,
        /// The digits.
        code: String,
        /// Their count.
        len: usize,
    },
    /// The 类 prefix is outside the system's range (functional 201–239, economic 301–399).
    #[error("{0:?} is not in a known classification range")]
    WrongSystem(String),
    /// A project code that does not match `^[0-9A-Z]{20,22}$` after repair.
    #[error("not a project code: {0:?}")]
    BadProjectCode(String),
}

/// A validated classification code with its position in the hierarchy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    /// Canonical digits, e.g. `2013101`.
    pub code: String,
    /// Classification system.
    pub system: CodeSystem,
    /// 1 = 类, 2 = 款, 3 = 项.
    pub level: u8,
    /// Parent code (`2013101` → `20131`), `None` at 类 level.
    pub parent: Option<String>,
    /// Grandparent code (`2013101` → `201`), `None` above 项 level.
    #[serde(default)]
    pub grandparent: Option<String>,
}

/// ASCII digits of a code cell: full-width folded, separators (space, `-`, `[]`, `【】`,
/// U+3000) removed; `Err` when anything else remains.
fn code_digits(s: &str) -> Result<String, CodeError> {
    let mut out = String::new();
    for c in s.trim().chars() {
        match c {
            '0'..='9' => out.push(c),
            '０'..='９' => out.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
            ' ' | '\u{3000}' | '\t' | '-' | '－' | '[' | ']' | '【' | '】' | '［' | '］' => {}
            _ => return Err(CodeError::NotDigits(s.to_string())),
        }
    }
    if out.is_empty() {
        return Err(CodeError::Empty);
    }
    Ok(out)
}

fn build(digits: String, system: CodeSystem) -> Result<Code, CodeError> {
    let lens = system.lengths();
    let Some(idx) = lens.iter().position(|&l| l == digits.len()) else {
        return Err(CodeError::WrongLength {
            system,
            len: digits.len(),
            code: digits,
        });
    };
    let class: u32 = digits[..3]
        .parse()
        .map_err(|_| CodeError::NotDigits(digits.clone()))?;
    let in_range = match system {
        CodeSystem::GovFunction => (201..=239).contains(&class),
        CodeSystem::Economic => (301..=399).contains(&class),
    };
    if !in_range {
        return Err(CodeError::WrongSystem(digits));
    }
    let parent = (idx >= 1).then(|| digits[..lens[idx - 1]].to_string());
    let grandparent = (idx >= 2).then(|| digits[..lens[idx - 2]].to_string());
    Ok(Code {
        level: idx as u8 + 1,
        parent,
        grandparent,
        code: digits,
        system,
    })
}

/// Parses a 支出功能分类 code (`2013101` → 项, parent `20131`, grandparent `201`), also
/// from fragments already joined by spaces or dashes (`201 31 01`, `201-06-01`, `[2010601]`).
/// Rejects wrong lengths (only 3/5/7) and 类 outside 201–239.
pub fn parse_function_code(s: &str) -> Result<Code, CodeError> {
    build(code_digits(s)?, CodeSystem::GovFunction)
}

/// Parses a 部门预算支出经济分类 code (`30101` → 款, parent `301`; `301 01` joined).
/// Rejects wrong lengths (only 3/5) and 类 outside 301–399.
pub fn parse_economic_code(s: &str) -> Result<Code, CodeError> {
    build(code_digits(s)?, CodeSystem::Economic)
}

/// Joins 类 / 款 / 项 cells (`["201", "31", "01"]` → `2013101`) and parses the result with
/// the system chosen by its first digit; each fragment must be all digits.
pub fn parse_code_parts(parts: &[&str]) -> Result<Code, CodeError> {
    let mut joined = String::new();
    for p in parts {
        joined.push_str(&code_digits(p).or_else(|e| {
            if e == CodeError::Empty {
                Ok(String::new())
            } else {
                Err(e)
            }
        })?);
    }
    parse_code(&joined)
}

/// Parses a functional or economic code, choosing the system by the first digit (2 → 功能,
/// 3 → 经济).
pub fn parse_code(s: &str) -> Result<Code, CodeError> {
    let digits = code_digits(s)?;
    match digits.as_bytes().first() {
        Some(b'2') => build(digits, CodeSystem::GovFunction),
        Some(b'3') => build(digits, CodeSystem::Economic),
        _ => Err(CodeError::WrongSystem(digits)),
    }
}

impl Code {
    /// [`parse_code`] as an `Option`, for callers that only test whether a cell is a code.
    pub fn parse(s: &str) -> Option<Code> {
        parse_code(s).ok()
    }

    /// [`parse_code_parts`] as an `Option` (`["201", "06", "01"]` → `2010601`).
    pub fn from_parts(parts: &[&str]) -> Option<Code> {
        parse_code_parts(parts).ok()
    }

    /// The codes above this one, nearest first (`2013101` → `["20131", "201"]`).
    pub fn ancestors(&self) -> Vec<&str> {
        self.parent
            .iter()
            .chain(self.grandparent.iter())
            .map(String::as_str)
            .collect()
    }
}

fn level_marker_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\s*[（(]\s*[类款项目]\s*[)）]\s*").expect("static regex"))
}

/// Splits a code + name cell into code and name: `2013101 行政运行` → (2013101, 行政运行),
/// `201 一般公共服务支出` → (201, …), `201 31 01 行政运行` and `[2010601]行政运行` too. The level
/// markers `（类）（款）（项）` are stripped from the name (seed "2013101 行政运行(项): …").
/// With no valid leading code the whole trimmed text comes back as the name.
pub fn split_code_name(s: &str) -> (Option<Code>, String) {
    let t = s.trim();
    let clean_name = |n: &str| {
        level_marker_re()
            .replace_all(n.trim(), "")
            .trim()
            .to_string()
    };
    // Leading groups of digits separated by spaces or dashes, optionally in brackets.
    let inner = t.trim_start_matches(['[', '【', '［']);
    let mut groups: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    loop {
        let rest = &inner[pos..];
        let g: usize = rest
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .map(char::len_utf8)
            .sum();
        if g == 0 {
            break;
        }
        groups.push((pos + g, &rest[..g]));
        pos += g;
        let sep: usize = inner[pos..]
            .chars()
            .take_while(|c| matches!(c, ' ' | '-' | '\u{3000}'))
            .map(char::len_utf8)
            .sum();
        if sep == 0 {
            break;
        }
        pos += sep;
    }
    // The longest prefix of groups that forms a valid code: one group, or 3 + 2 (+ 2).
    let mut best: Option<(Code, usize)> = None;
    let mut joined = String::new();
    for (k, (end, g)) in groups.iter().enumerate() {
        if k > 0 && g.len() != 2 {
            break;
        }
        joined.push_str(g);
        if k == 0 && g.len() != 3 {
            if let Ok(c) = parse_code(&joined) {
                best = Some((c, *end));
            }
            break;
        }
        if let Ok(c) = parse_code(&joined) {
            best = Some((c, *end));
        }
    }
    match best {
        Some((code, end)) => {
            let after = inner[end..].trim_start_matches([']', '】', '］']);
            (Some(code), clean_name(after))
        }
        None => (None, t.to_string()),
    }
}

/// A project code (项目编码) repaired and validated (§2.3, §8.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectCode {
    /// Canonical code, `^[0-9A-Z]{20,22}$`.
    pub code: String,
    /// The fragments as printed.
    pub raw: Vec<String>,
    /// Repair tags applied (`homoglyph`, `strip_markup`, `join_fragments`, `uppercase`).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub repairs: Vec<String>,
}

/// Repairs and validates a project code printed over one or more cells: inline markup
/// removed (`<i>F</i>`), Cyrillic/Greek homoglyphs and full-width forms mapped to ASCII
/// (`Н`→`H`, `Ү`→`Y`), fragments joined, spaces removed, upper-cased; the result must match
/// `^[0-9A-Z]{20,22}$`. Seed: `["130311212Н Ү", "IDQ8XRVXN23"]` → `130311212HYIDQ8XRVXN23`.
pub fn normalize_project_code(parts: &[&str]) -> Result<ProjectCode, CodeError> {
    let mut repairs: Vec<String> = Vec::new();
    let mut tag = |r: &str| {
        if !repairs.iter().any(|x| x == r) {
            repairs.push(r.to_string());
        }
    };
    let mut joined = String::new();
    let mut nonempty = 0;
    for p in parts {
        let unmarked = strip_inline_markup(p);
        if unmarked != *p {
            tag("strip_markup");
        }
        let latin = repair_homoglyphs(&unmarked);
        if latin != unmarked {
            tag("homoglyph");
        }
        let compact: String = latin.chars().filter(|c| !c.is_whitespace()).collect();
        if !compact.is_empty() {
            nonempty += 1;
        }
        joined.push_str(&compact);
    }
    if nonempty > 1 {
        tag("join_fragments");
    }
    let upper = joined.to_ascii_uppercase();
    if upper != joined {
        tag("uppercase");
    }
    let ok = (20..=22).contains(&upper.len())
        && upper
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
    if !ok {
        return Err(CodeError::BadProjectCode(parts.join("|")));
    }
    Ok(ProjectCode {
        code: upper,
        raw: parts.iter().map(|p| p.to_string()).collect(),
        repairs,
    })
}

/// 支出功能分类 类 names (2019 catalogue and the older names still printed; domain spec
/// §2.1), keyed by the name without 支出 and without spaces.
const FUNCTION_CLASSES: &[(&str, &str)] = &[
    ("一般公共服务", "201"),
    ("外交", "202"),
    ("国防", "203"),
    ("公共安全", "204"),
    ("教育", "205"),
    ("科学技术", "206"),
    ("文化旅游体育与传媒", "207"),
    ("文化体育与传媒", "207"),
    ("社会保障和就业", "208"),
    ("社会保险基金", "209"),
    ("卫生健康", "210"),
    ("医疗卫生与计划生育", "210"),
    ("医疗卫生", "210"),
    ("节能环保", "211"),
    ("城乡社区", "212"),
    ("农林水", "213"),
    ("交通运输", "214"),
    ("资源勘探工业信息等", "215"),
    ("资源勘探信息等", "215"),
    ("资源勘探电力信息等", "215"),
    ("商业服务业等", "216"),
    ("金融", "217"),
    ("援助其他地区", "219"),
    ("自然资源海洋气象等", "220"),
    ("国土海洋气象等", "220"),
    ("住房保障", "221"),
    ("粮油物资储备", "222"),
    ("国有资本经营预算", "223"),
    ("灾害防治及应急管理", "224"),
    ("预备费", "227"),
    ("其他", "229"),
    ("转移性", "230"),
    ("债务还本", "231"),
    ("债务付息", "232"),
    ("债务发行费用", "233"),
    ("抗疫特别国债安排的", "234"),
];

/// Removes a leading list ordinal from a row label: `一、`, `二十六、`, `1.`, `1、`, `（一）`,
/// `(1)`, `①`. Summary tables number their lines this way; the number is not part of the name.
pub fn strip_ordinal(s: &str) -> &str {
    let t = s.trim_start();
    let numerals = |c: char| c.is_ascii_digit() || "一二三四五六七八九十百零〇".contains(c);
    // Bracketed: （一） (1)
    if let Some(rest) = t.strip_prefix(['（', '(']) {
        let n: usize = rest
            .chars()
            .take_while(|&c| numerals(c))
            .map(char::len_utf8)
            .sum();
        if n > 0 {
            if let Some(after) = rest[n..].strip_prefix(['）', ')']) {
                return after.trim_start();
            }
        }
        return t;
    }
    if let Some(c) = t.chars().next() {
        if ('①'..='⑳').contains(&c) {
            return t[c.len_utf8()..].trim_start();
        }
    }
    let n: usize = t
        .chars()
        .take_while(|&c| numerals(c))
        .map(char::len_utf8)
        .sum();
    if n > 0 {
        let rest = &t[n..];
        // `1.5万元` is a number, not an ordinal: the mark must not be followed by a digit.
        for mark in ['、', '.', '．', '，'] {
            if let Some(after) = rest.strip_prefix(mark) {
                if !after.starts_with(|c: char| c.is_ascii_digit()) {
                    return after.trim_start();
                }
            }
        }
    }
    t
}

/// The 功能分类 类 code of a class name as printed in 收支总表 (`一、一般公共服务支出` → `201`,
/// `十、医疗卫生与计划生育支出` → `210`). Those tables list classes by name only; the code is
/// inferred through the catalogue, so callers should mark it as inferred.
pub fn function_class_by_name(name: &str) -> Option<&'static str> {
    let key: String = strip_ordinal(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let key = key.trim_end_matches(['（', '(', '类', '）', ')']);
    let key = key.strip_suffix("支出").unwrap_or(key);
    FUNCTION_CLASSES
        .iter()
        .find(|(n, _)| *n == key)
        .map(|(_, c)| *c)
}

/// [`function_class_by_name`] for a name whose ordinal OCR damaged (`、一般公共服务支出`,
/// `四： :公共安全支出`, `十二、农林水支出：`): a leading run of numerals, marks and spaces is
/// dropped, and a trailing mark; what is left must be a class name exactly (no character of
/// the name itself is changed).
pub fn function_class_by_damaged_name(name: &str) -> Option<&'static str> {
    let t = name
        .trim()
        .trim_end_matches(['：', ':', '.', '．', '，', ',', '、', ';', '；', ' ']);
    for rest in after_damaged_ordinal(t) {
        if let Some(code) = function_class_by_name(rest) {
            return Some(code);
        }
    }
    None
}

/// A label with a trailing mark dropped, cut at each place within its leading run of numerals,
/// marks and spaces (at most six characters): where a damaged ordinal may end.
fn after_damaged_ordinal(name: &str) -> Vec<&str> {
    let t = name
        .trim()
        .trim_end_matches(['：', ':', '.', '．', '，', ',', '、', ';', '；', ' ']);
    let noise = |c: char| {
        c.is_whitespace() || "一二三四五六七八九十0123456789、：:.．，,;；-_=—".contains(c)
    };
    let mut out = Vec::new();
    for (i, c) in t.char_indices().take(6) {
        out.push(&t[i..]);
        if !noise(c) {
            break;
        }
    }
    out
}

/// A class line whose name OCR misread in one character (`九、住房保障文出`, `二六：金融支浊`,
/// `九、医疗业生与计划生育支出`): the 类 code and the catalogue's name it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MisreadClass {
    /// The 类 code (`221`).
    pub code: &'static str,
    /// The class name as the catalogue prints it, with 支出 (`住房保障支出`).
    pub name: String,
}

/// [`function_class_by_damaged_name`] for a name with one character misread: after a damaged
/// ordinal, the name (with 支出, spaces dropped, four characters or more) differs from
/// catalogue class names in exactly one character, and all the names it is that close to are
/// of one class. Never a name that is a class name exactly (those are
/// [`function_class_by_name`]'s), never two classes: a misread that sits as near to two
/// classes names neither. Callers must record the repair (the label as printed is kept).
pub fn function_class_by_misread_name(name: &str) -> Option<MisreadClass> {
    let mut found: Option<MisreadClass> = None;
    for rest in after_damaged_ordinal(name) {
        let read: Vec<char> = rest.chars().filter(|c| !c.is_whitespace()).collect();
        if read.len() < 4 {
            continue;
        }
        for (class, code) in FUNCTION_CLASSES {
            let full: Vec<char> = class.chars().chain("支出".chars()).collect();
            if full.len() != read.len() {
                continue;
            }
            let differ = full.iter().zip(&read).filter(|(a, b)| a != b).count();
            if differ == 0 {
                return None;
            }
            if differ == 1 {
                match &found {
                    Some(f) if f.code != *code => return None,
                    Some(_) => {}
                    None => {
                        found = Some(MisreadClass {
                            code,
                            name: full.iter().collect(),
                        })
                    }
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_misread_in_one_character() {
        // Real-layout scans (the tuning half of `scripts/eval-scans-real`): 收支总表 class
        // lines with one character misread and ordinals damaged.
        let m = |s: &str| function_class_by_misread_name(s).map(|m| (m.code, m.name));
        assert_eq!(m("九、住房保障文出"), Some(("221", "住房保障支出".into())));
        assert_eq!(m("二六：金融支浊"), Some(("217", "金融支出".into())));
        assert_eq!(
            m("九、医疗业生与计划生育支出"),
            Some(("210", "医疗卫生与计划生育支出".into()))
        );
        assert_eq!(
            m("十四、资源勘猴信息等支出"),
            Some(("215", "资源勘探信息等支出".into()))
        );
        assert_eq!(
            m("、一般公共服务支嵌"),
            Some(("201", "一般公共服务支出".into()))
        );
        // A class name printed exactly is not a misread; two characters off is no class;
        // a damaged ordinal with a dash is still an ordinal.
        assert_eq!(m("十八、住房保障支出"), None);
        assert_eq!(m("九、住房保障文浊"), None);
        assert_eq!(m("三、単位预留机动经费"), None);
        assert_eq!(
            function_class_by_damaged_name("2-、社会保障和就业支出"),
            Some("208")
        );
    }

    #[test]
    fn seed_functional_codes() {
        // seed line 117: "2013101 行政运行(项): 指行政单位…"
        let c = parse_function_code("2013101").expect("2013101");
        assert_eq!(
            (
                c.system,
                c.level,
                c.parent.as_deref(),
                c.grandparent.as_deref()
            ),
            (CodeSystem::GovFunction, 3, Some("20131"), Some("201"))
        );
        assert_eq!(c.ancestors(), ["20131", "201"]);
        let c = parse_function_code("20131").expect("20131");
        assert_eq!(
            (c.level, c.parent.as_deref(), c.grandparent.as_deref()),
            (2, Some("201"), None)
        );
        let c = parse_function_code("201").expect("201");
        assert_eq!((c.level, c.parent, c.grandparent), (1, None, None));
        // joined fragments (Putuo-B25 类|款|项 columns)
        assert_eq!(
            parse_function_code("201 31 01").map(|c| c.code),
            Ok("2013101".into())
        );
        assert_eq!(
            parse_function_code("201-06-01").map(|c| c.code),
            Ok("2010601".into())
        );
        assert_eq!(
            parse_function_code("[2010601]").map(|c| c.code),
            Ok("2010601".into())
        );
        assert_eq!(
            parse_code_parts(&["201", "31", "01"]).map(|c| (c.code, c.level)),
            Ok(("2013101".into(), 3))
        );
        assert_eq!(
            Code::from_parts(&["201", "06", "01"]).map(|c| c.code),
            Some("2010601".into())
        );
        assert_eq!(
            parse_function_code("２０１３１０１").map(|c| c.code),
            Ok("2013101".into())
        );
    }

    #[test]
    fn economic_codes() {
        let c = parse_economic_code("30101").expect("30101");
        assert_eq!(
            (c.system, c.level, c.parent.as_deref(), c.grandparent),
            (CodeSystem::Economic, 2, Some("301"), None)
        );
        assert_eq!(
            parse_economic_code("301 01").map(|c| c.code),
            Ok("30101".into())
        );
        assert_eq!(
            Code::parse("30101").map(|c| c.system),
            Some(CodeSystem::Economic)
        );
        assert_eq!(
            Code::parse("302").map(|c| (c.system, c.level)),
            Some((CodeSystem::Economic, 1))
        );
    }

    #[test]
    fn wrong_codes_are_rejected() {
        assert_eq!(
            parse_function_code("2013"),
            Err(CodeError::WrongLength {
                system: CodeSystem::GovFunction,
                code: "2013".into(),
                len: 4
            })
        );
        assert_eq!(
            parse_function_code("201310101"),
            Err(CodeError::WrongLength {
                system: CodeSystem::GovFunction,
                code: "201310101".into(),
                len: 9
            })
        );
        assert_eq!(
            parse_economic_code("3010101"),
            Err(CodeError::WrongLength {
                system: CodeSystem::Economic,
                code: "3010101".into(),
                len: 7
            })
        );
        assert_eq!(
            parse_function_code("30101"),
            Err(CodeError::WrongSystem("30101".into()))
        );
        assert_eq!(
            parse_function_code("250"),
            Err(CodeError::WrongSystem("250".into()))
        );
        assert_eq!(
            parse_economic_code("300"),
            Err(CodeError::WrongSystem("300".into()))
        );
        assert_eq!(
            parse_function_code("行政运行"),
            Err(CodeError::NotDigits("行政运行".into()))
        );
        assert_eq!(parse_function_code("  "), Err(CodeError::Empty));
        assert!(Code::parse("2013").is_none());
        assert!(Code::parse("706.28").is_none());
        assert!(Code::parse("1000").is_none());
    }

    #[test]
    fn code_and_name_cells() {
        let (c, name) = split_code_name("2013101 行政运行");
        assert_eq!(
            (c.map(|c| c.code), name.as_str()),
            (Some("2013101".into()), "行政运行")
        );
        let (c, name) = split_code_name("201 一般公共服务支出");
        assert_eq!(
            (c.map(|c| (c.code, c.level)), name.as_str()),
            (Some(("201".into(), 1)), "一般公共服务支出")
        );
        let (c, name) = split_code_name("201 31 01 行政运行");
        assert_eq!(
            (c.map(|c| c.code), name.as_str()),
            (Some("2013101".into()), "行政运行")
        );
        let (c, name) = split_code_name("[2010601]行政运行");
        assert_eq!(
            (c.map(|c| c.code), name.as_str()),
            (Some("2010601".into()), "行政运行")
        );
        // seed line 117 form with the level marker; seed 名词解释 "207 文化体育与传媒支出（类）"
        let (c, name) = split_code_name("2013101 行政运行(项)");
        assert_eq!(
            (c.map(|c| c.code), name.as_str()),
            (Some("2013101".into()), "行政运行")
        );
        let (c, name) = split_code_name("207 文化体育与传媒支出（类）");
        assert_eq!(
            (c.map(|c| c.code), name.as_str()),
            (Some("207".into()), "文化体育与传媒支出")
        );
        let (c, name) = split_code_name("30101 基本工资");
        assert_eq!(
            (c.map(|c| c.code), name.as_str()),
            (Some("30101".into()), "基本工资")
        );
        // not codes: a year, a plain label, a number with the wrong length
        assert_eq!(
            split_code_name("2020年创建全国文明城市活动经费"),
            (None, "2020年创建全国文明城市活动经费".to_string())
        );
        assert_eq!(split_code_name("行政运行"), (None, "行政运行".to_string()));
        assert_eq!(
            split_code_name("2013 其他"),
            (None, "2013 其他".to_string())
        );
        // "201 3 …": a 1-digit group does not join
        let (c, name) = split_code_name("201 3 个");
        assert_eq!(
            (c.map(|c| c.code), name.as_str()),
            (Some("201".into()), "3 个")
        );
    }

    #[test]
    fn seed_project_codes() {
        // seed line 207: "项目编码	130311212Н Ү	IDQ8XRVXN23"
        let p = normalize_project_code(&["130311212Н Ү", "IDQ8XRVXN23"]).expect("project code");
        assert_eq!(p.code, "130311212HYIDQ8XRVXN23");
        assert_eq!(p.repairs, ["homoglyph", "join_fragments"]);
        // seed line 225: "130311213 <i>F</i>	GWN3FMSA3Q"
        let p =
            normalize_project_code(&["130311213 <i>F</i>", "GWN3FMSA3Q"]).expect("project code");
        assert_eq!(p.code, "130311213FGWN3FMSA3Q");
        assert_eq!(p.repairs, ["strip_markup", "join_fragments"]);
        // seed line 245: "1303112151 Н	X6BEEV03Y1"
        assert_eq!(
            normalize_project_code(&["1303112151 Н", "X6BEEV03Y1"]).map(|p| p.code),
            Ok("1303112151HX6BEEV03Y1".into())
        );
        // §2.3 single-cell form
        assert_eq!(
            normalize_project_code(&["13031121KFDN0XHE33SAN"]).map(|p| p.repairs),
            Ok(vec![])
        );
        assert_eq!(
            normalize_project_code(&["130311212Н Ү"]),
            Err(CodeError::BadProjectCode("130311212Н Ү".into()))
        );
        assert!(normalize_project_code(&["130311212中文IDQ8XRVXN23"]).is_err());
    }

    #[test]
    fn class_names_and_ordinals() {
        assert_eq!(function_class_by_name("一、一般公共服务支出"), Some("201"));
        // Ordinals damaged by OCR (real pages through the scan generator).
        assert_eq!(function_class_by_name("、一般公共服务支出"), None);
        assert_eq!(
            function_class_by_damaged_name("、一般公共服务支出"),
            Some("201")
        );
        assert_eq!(
            function_class_by_damaged_name("四： :公共安全支出"),
            Some("204")
        );
        assert_eq!(
            function_class_by_damaged_name("十二、农林水支出："),
            Some("213")
        );
        assert_eq!(function_class_by_damaged_name("二、项目支出"), None);
        assert_eq!(function_class_by_damaged_name("二六：金融支浊"), None);
        assert_eq!(
            function_class_by_name("十八、援助其他地区支出"),
            Some("219")
        );
        assert_eq!(function_class_by_name("二十四、其他支出"), Some("229"));
        assert_eq!(
            function_class_by_name("十、医疗卫生与计划生育支出"),
            Some("210")
        );
        assert_eq!(
            function_class_by_name("文化旅游体育与传媒支出（类）"),
            Some("207")
        );
        assert_eq!(function_class_by_name("一、财政拨款收入"), None);
        assert_eq!(strip_ordinal("（一）基本支出"), "基本支出");
        assert_eq!(strip_ordinal("1.一般公共预算资金"), "一般公共预算资金");
        assert_eq!(
            strip_ordinal("二十六、债务发行费用支出"),
            "债务发行费用支出"
        );
        assert_eq!(strip_ordinal("1.5万元"), "1.5万元");
    }
}
