//! The explanation of each spending line: budget and final-account notes explain every line
//! of the functional classification they spend on, one numbered item each —
//! `1. “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”25.77万元，主要用于…。2023年当年预算
//! 执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%。主要原因是：项目调整。`
//! (Putuo budgets), `1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：…。年初预算为
//! 1560.05万元，支出决算为1511.89万元。决算数小于预算数的主要原因：…` (Putuo finals),
//! `1．检察（款）行政运行（项）支出12,268.62万元，与上年相比增加1385.26万元，增长12.73 %。` under a
//! heading `（一）公共安全（类）` (Jiangsu).
//!
//! Each item becomes an [`Explanation`]: the classification path as printed, the function
//! code it resolves to (the 类 by the catalogue, the 款 and 项 by the names of the rows under
//! that parent in the document's own coded tables, or the digits printed in the markers), the
//! figures with their words, page and box, the change, the purpose and the reason. Findings
//! check the amount against the table row with that code (E-AMT), the amount stated twice
//! (E-RESTATE), the change % against the two amounts (E-PCT), a stated direction without a %
//! (E-DIR) and a final account's completion rate (E-RATE).

use gongkai_geom::Rect;
use gongkai_normalize::{
    find_amounts, function_class_by_name, is_cjk, match_key, strip_ordinal, yuan_string,
};
use gongkai_table::Table;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::identities::{Finding, Severity, Status};
use crate::narrative::{paragraphs, Paragraph};
use crate::rows::TypedTable;
use crate::TextLine;

/// One level of a classification path as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathPart {
    /// 1 = 类, 2 = 款, 3 = 项.
    pub level: u8,
    /// The name as printed, without its level marker.
    pub name: String,
    /// Code digits printed in the marker (`公共安全支出（204类）` → `204`, `司法（06款）` → `06`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub printed_code: Option<String>,
    /// Taken from the heading above the item (`（一）公共安全（类）`), not printed in it.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub from_heading: bool,
}

/// A figure of an explanation: an amount with the words before it and its place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Exact yuan.
    pub yuan: String,
    /// Number and unit as printed (`25.77万元`).
    pub raw: String,
    /// Printed precision in yuan.
    pub resolution_yuan: String,
    /// The words before it in its clause (`2023年当年预算执行数为`).
    pub label: String,
    /// Page of the line holding it.
    pub page: u32,
    /// Box of that line.
    pub bbox: [f64; 4],
}

/// The explanation of one spending line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// `x01`, `x02` … in document order.
    pub id: String,
    /// The item's printed number (`1`, `二`), if any.
    pub number: Option<String>,
    /// The classification path, outermost first.
    pub path: Vec<PathPart>,
    /// The function code of the line (3, 5 or 7 digits), when every level of the path
    /// resolved.
    pub code: Option<String>,
    /// How the code was found: `printed` (digits in the markers), `catalogue` (a 类 by its
    /// name), `tables` (a 款 / 项 by the names of the rows under its parent in the
    /// document's coded tables) or `tables_misnamed_level` (as `tables`, but a level of the
    /// path names no row there — `住房保障支出（款）` over the row 住房改革支出, a 款 marked
    /// （项）— and the line was found by its own name under the levels that did) or
    /// `tables_similar_name` (the line's name is worded a little unlike its row's:
    /// `一般行政事务管理` for 一般行政管理事务) or `tables_joined_name` (a 项 printed with its
    /// 款's name in front: `人大事务行政运行` for 行政运行 under 人大事务).
    pub code_source: Option<String>,
    /// What the section explains, from the text above the items: `gpb` (一般公共预算),
    /// `fiscal` (财政拨款) or `all` (the department's whole spending).
    pub scope: String,
    /// The line's amount this year: the figure after the path (budgets), the 支出决算 figure
    /// (final accounts).
    pub amount: Option<Figure>,
    /// The amount stated again (`2024年预算安排25.77万元`).
    pub restated: Option<Figure>,
    /// Last year's figure the change refers to (`2023年当年预算执行数为60.13万元`).
    pub prior: Option<Figure>,
    /// A final account's budget for the line (`年初预算为1560.05万元`).
    pub budgeted: Option<Figure>,
    /// The change stated as an amount (`与上年相比增加1385.26万元`).
    pub change_amount: Option<Figure>,
    /// The change in percent as printed, without sign (`57.14`).
    pub change_pct: Option<String>,
    /// `增加`, `减少` or `持平`: this year against `prior` (budgets), 决算 against `budgeted`
    /// (final accounts).
    pub change_direction: Option<String>,
    /// A final account's completion rate as printed (`完成年初预算的98.61%` → `98.61`).
    pub completion_pct: Option<String>,
    /// What the money is for (`主要用于…`).
    pub purpose: Option<String>,
    /// Why it changed (`主要原因是…`).
    pub reason: Option<String>,
    /// The item's text, wrap spaces removed.
    pub text: String,
    /// Page of its first line.
    pub page: u32,
    /// Box around its lines on that page.
    pub bbox: [f64; 4],
}

/// A classification path read from the start of an item, and where it ends.
struct PathRead {
    parts: Vec<PathPart>,
    end: usize,
}

fn is_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '「' | '」' | '‘' | '’')
}

/// A level marker at byte `i` of `s` (`（类）`, `(款)`, `（204类）`, `（06 款）`): its end, level and
/// printed digits.
fn marker_at(s: &str, i: usize) -> Option<(usize, u8, Option<String>)> {
    let rest = &s[i..];
    let rest = rest.strip_prefix(['（', '('])?;
    let inner_len = rest.find(['）', ')'])?;
    let inner: String = rest[..inner_len]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let close = rest[inner_len..].chars().next()?.len_utf8();
    let end = s.len() - rest.len() + inner_len + close;
    let (digits, mark) = inner.split_at(inner.len() - inner.chars().last()?.len_utf8());
    let level = match mark {
        "类" => 1,
        "款" => 2,
        "项" => 3,
        _ => return None,
    };
    if !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 3 {
        return None;
    }
    Some((end, level, (!digits.is_empty()).then(|| digits.to_string())))
}

/// Characters that end a name in a marked path (a clause break, a quote, a digit).
fn stops_name(c: char) -> bool {
    matches!(c, '，' | ',' | '。' | '；' | ';' | '：' | ':' | '、')
        || is_quote(c)
        || c.is_ascii_digit()
}

/// `一般公共服务支出（类）统计信息事务（款）专项普查活动（项）`, quoted or not: names each followed
/// by its level marker, levels rising.
fn marked_path(b: &str) -> Option<PathRead> {
    let mut pos = b.len()
        - b.trim_start_matches(|c: char| is_quote(c) || c.is_whitespace())
            .len();
    let mut parts: Vec<PathPart> = Vec::new();
    'levels: loop {
        let start = pos;
        let mut i = pos;
        while i < b.len() {
            if let Some((end, level, digits)) = marker_at(b, i) {
                let name = b[start..i].trim();
                if name.is_empty()
                    || name.chars().count() > 40
                    || parts.last().is_some_and(|p| p.level >= level)
                {
                    break 'levels;
                }
                parts.push(PathPart {
                    level,
                    name: name.to_string(),
                    printed_code: digits,
                    from_heading: false,
                });
                pos = end;
                if level == 3 {
                    break 'levels;
                }
                continue 'levels;
            }
            let Some(c) = b[i..].chars().next() else {
                break 'levels;
            };
            // A 、 inside a name is the name's own (`公诉、审判、侦查、执行等检察监督支出（项）`);
            // a list number's `1、` is gone before this.
            if stops_name(c) && !(c == '、' && i > start) {
                break 'levels;
            }
            i += c.len_utf8();
        }
        break;
    }
    if parts.is_empty() {
        return None;
    }
    // A closing quote after the path belongs to it.
    let after = &b[pos..];
    let trimmed = after.trim_start_matches(|c: char| is_quote(c) || c.is_whitespace());
    Some(PathRead {
        parts,
        end: pos + after.len() - trimmed.len(),
    })
}

/// `“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”` (levels by position) or a quoted
/// class alone (`“一般公共服务支出”`), when the first name is a class of the catalogue.
fn quoted_path(b: &str) -> Option<PathRead> {
    let t = b.trim_start();
    let open = t.chars().next().filter(|&c| is_quote(c))?;
    let inner_start = b.len() - t.len() + open.len_utf8();
    let close = b[inner_start..].find(is_quote)?;
    let inner = &b[inner_start..inner_start + close];
    let names: Vec<&str> = inner
        .split(['-', '—', '－', '–'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() || names.len() > 3 || function_class_by_name(names[0]).is_none() {
        return None;
    }
    let end = inner_start + close + b[inner_start + close..].chars().next()?.len_utf8();
    Some(PathRead {
        parts: names
            .iter()
            .enumerate()
            .map(|(i, n)| PathPart {
                level: i as u8 + 1,
                name: n.to_string(),
                printed_code: None,
                from_heading: false,
            })
            .collect(),
        end,
    })
}

/// A numbered item that opens with a class name and its amount (`2．社会保障和就业支出1890.27万元`),
/// or a numbered heading that is one (`（二）社会保障和就业支出`).
fn bare_class(b: &str) -> Option<PathRead> {
    let end = b
        .find(|c: char| c.is_ascii_digit() || stops_name(c))
        .unwrap_or(b.len());
    let head = b[..end].trim_end();
    let head = head.strip_suffix("科目").unwrap_or(head);
    function_class_by_name(head)?;
    Some(PathRead {
        parts: vec![PathPart {
            level: 1,
            name: head.trim().to_string(),
            printed_code: None,
            from_heading: false,
        }],
        end,
    })
}

/// The percentages of a text: (byte offset of the number, number as printed, words before).
fn percents(s: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    for (i, c) in s.char_indices() {
        if c != '%' && c != '％' {
            continue;
        }
        let before = s[..i].trim_end();
        let num_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
            .last()
            .map(|(j, _)| j);
        let Some(j) = num_start else { continue };
        let num = &before[j..];
        if num.starts_with('.') || num.parse::<Decimal>().is_err() {
            continue;
        }
        let words = before[..j].trim_end();
        let words = words.strip_suffix('了').unwrap_or(words).trim_end();
        let tail: String = words
            .chars()
            .rev()
            .take(10)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        out.push((j, num.to_string(), tail));
    }
    out
}

/// `增加` / `减少` from a change word at the end of `words`.
fn direction_word(words: &str) -> Option<&'static str> {
    const UP: [&str; 5] = ["增加", "增长", "增幅", "上升", "提高"];
    const DOWN: [&str; 5] = ["减少", "下降", "降幅", "减幅", "降低"];
    let w = words.trim_end();
    if UP.iter().any(|u| w.ends_with(u)) {
        Some("增加")
    } else if DOWN.iter().any(|d| w.ends_with(d)) {
        Some("减少")
    } else {
        None
    }
}

/// The words that name an amount: the text before it back to the last clause break.
fn label_before(between: &str) -> String {
    let piece = between
        .rsplit(['，', ',', '；', ';', '。'])
        .next()
        .unwrap_or(between);
    match_key(piece.trim_matches(|c: char| is_quote(c) || c.is_whitespace()))
}

/// The clause after a marker (`主要用于：…。`), up to the next 。 when `one_sentence`.
fn clause_after<'a>(s: &'a str, markers: &[&str], one_sentence: bool) -> Option<(usize, &'a str)> {
    let (i, m) = markers
        .iter()
        .filter_map(|m| s.find(m).map(|i| (i, *m)))
        .min_by_key(|(i, _)| *i)?;
    let rest = &s[i + m.len()..];
    let rest = rest.trim_start_matches(['：', ':', '是', '为', ' ']);
    let text = if one_sentence {
        rest.split('。').next().unwrap_or(rest)
    } else {
        rest
    };
    let text = text.trim().trim_end_matches('。').trim();
    (!text.is_empty()).then_some((i, text))
}

/// What an item says besides its path, read from the text after the path.
#[derive(Default)]
struct Said {
    amount: Option<(usize, gongkai_normalize::FoundAmount, String)>,
    restated: Option<(usize, gongkai_normalize::FoundAmount, String)>,
    prior: Option<(usize, gongkai_normalize::FoundAmount, String)>,
    budgeted: Option<(usize, gongkai_normalize::FoundAmount, String)>,
    change_amount: Option<(usize, gongkai_normalize::FoundAmount, String)>,
    change_pct: Option<String>,
    direction: Option<&'static str>,
    completion_pct: Option<String>,
    purpose: Option<String>,
    reason: Option<String>,
}

/// Reads the figures, change, purpose and reason of an item's text after its path (`rest`,
/// starting at byte `base` of the item).
fn read_rest(rest: &str, base: usize) -> Said {
    let mut said = Said::default();
    let purpose = clause_after(rest, &["主要用于"], true);
    let reason = clause_after(rest, &["主要原因"], false);
    said.purpose = purpose.map(|(_, t)| t.to_string());
    said.reason = reason.map(|(_, t)| t.to_string());
    // Figures and the change are read outside the purpose clause and the reason (whose own
    // figures are another matter).
    let reason_at = reason.map_or(rest.len(), |(i, _)| i);
    let purpose_span = purpose.map(|(i, t)| {
        let end = rest[i..].find(t).map_or(i, |j| i + j + t.len());
        (i, end)
    });
    let outside = |at: usize| at < reason_at && purpose_span.is_none_or(|(a, b)| at < a || at >= b);
    let mut prev_end = 0;
    for a in find_amounts(rest) {
        if !outside(a.start) {
            continue;
        }
        let label = label_before(&rest[prev_end..a.start]);
        prev_end = a.end;
        let slot = if label.contains("执行数") {
            &mut said.prior
        } else if ["年初预算", "全年预算", "调整预算", "预算数为"]
            .iter()
            .any(|w| label.contains(w))
        {
            &mut said.budgeted
        } else if label.contains("决算") {
            &mut said.amount
        } else if label.contains("预算安排") {
            &mut said.restated
        } else if said.amount.is_some() && direction_word(&label).is_some() {
            said.direction = said.direction.or(direction_word(&label));
            &mut said.change_amount
        } else {
            &mut said.amount
        };
        if slot.is_none() {
            *slot = Some((base + a.start, a, label));
        }
    }
    for (at, num, words) in percents(rest) {
        if !outside(at) {
            continue;
        }
        if words.contains("完成") && words.contains("预算") && words.ends_with('的') {
            said.completion_pct.get_or_insert(num);
        } else if let Some(d) = direction_word(&words) {
            if said.change_pct.is_none() {
                said.change_pct = Some(num);
                said.direction = Some(d);
            }
        }
    }
    let before_reason = &rest[..reason_at];
    if said.direction.is_none() {
        let k = match_key(before_reason);
        let has = |ws: &[&str]| ws.iter().any(|w| k.contains(w));
        // `数等于`: "决算数等于预算数" (not 大于等于 / 不等于).
        said.direction = if has(&["持平", "一致", "不变", "相等", "相同", "数等于"]) {
            Some("持平")
        } else if has(&["小于", "少于", "低于"]) {
            Some("减少")
        } else if has(&["大于", "多于", "高于", "超过"]) {
            Some("增加")
        } else {
            None
        };
    }
    said
}

/// The scope a non-item paragraph sets for the items below it.
fn scope_of(text: &str) -> Option<&'static str> {
    let k = match_key(text);
    if k.contains("一般公共预算") {
        Some("gpb")
    } else if k.contains("财政拨款") {
        Some("fiscal")
    } else if ["支出预算总计", "支出决算总计", "支出总计", "本年支出"]
        .iter()
        .any(|w| k.contains(w))
    {
        Some("all")
    } else {
        None
    }
}

/// The row names of the document's coded functional tables: (code, name key).
fn coded_rows(tables: &[TypedTable]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for t in tables
        .iter()
        .filter(|t| t.code_system.as_deref() == Some("gov_function"))
    {
        for r in &t.rows {
            if let Some(c) = r.code.as_deref() {
                let entry = (c.to_string(), name_key(&r.name));
                if matches!(c.len(), 3 | 5 | 7) && !out.contains(&entry) {
                    out.push(entry);
                }
            }
        }
    }
    out
}

/// A name for matching: match key, 其它 → 其他, without a trailing 支出 (notes write
/// `机关事业单位基本养老保险缴费` for the row `机关事业单位基本养老保险缴费支出`).
fn name_key(s: &str) -> String {
    let k = match_key(s).replace("其它", "其他");
    match k.strip_suffix("支出") {
        Some(stem) if !stem.is_empty() => stem.to_string(),
        _ => k,
    }
}

/// Whether a path is one of the functional classification (支出功能分类): it reaches a 项
/// (the economic one has 类 and 款 only), or its 类 is a functional class — printed 2xx, in
/// the catalogue, or a 3-digit row of the document's functional tables.
fn functional(parts: &[PathPart], rows: &[(String, String)]) -> bool {
    parts.iter().any(|p| p.level == 3)
        || parts.iter().filter(|p| p.level == 1).any(|p| {
            p.printed_code
                .as_deref()
                .is_some_and(|c| c.starts_with('2'))
                || function_class_by_name(&p.name).is_some()
                || rows
                    .iter()
                    .any(|(c, n)| c.len() == 3 && *n == name_key(&p.name))
        })
}

/// Resolves a path to its function code: (code, source).
fn resolve(
    parts: &[PathPart],
    rows: &[(String, String)],
) -> (Option<String>, Option<&'static str>) {
    let mut code: Option<String> = None;
    let mut used_tables = false;
    let mut used_catalogue = false;
    for p in parts {
        let len = match p.level {
            1 => 3,
            2 => 5,
            _ => 7,
        };
        let printed = p.printed_code.as_deref();
        let next = match (p.level, printed, code.as_deref()) {
            (1, Some(d), _) if d.len() == 3 => Some(d.to_string()),
            (_, Some(d), Some(parent)) if d.len() == 2 && parent.len() + 2 == len => {
                Some(format!("{parent}{d}"))
            }
            _ => {
                let by_catalogue = (p.level == 1)
                    .then(|| function_class_by_name(&p.name))
                    .flatten();
                if let Some(c) = by_catalogue {
                    used_catalogue = true;
                    Some(c.to_string())
                } else {
                    let key = name_key(&p.name);
                    let found: Vec<&String> = rows
                        .iter()
                        .filter(|(c, n)| {
                            c.len() == len
                                && *n == key
                                && code.as_deref().is_none_or(|parent| c.starts_with(parent))
                        })
                        .map(|(c, _)| c)
                        .collect();
                    // Unique, or the same code from several tables.
                    let first = found.first().copied();
                    if first.is_some() && found.iter().all(|c| Some(*c) == first) {
                        used_tables = true;
                        first.cloned()
                    } else {
                        None
                    }
                }
            }
        };
        match next {
            Some(c) => code = Some(c),
            None => return (None, None),
        }
    }
    let source = if used_tables {
        "tables"
    } else if used_catalogue {
        "catalogue"
    } else {
        "printed"
    };
    (code.clone(), code.map(|_| source))
}

/// [`resolve`] for a path whose wording differs from the document's rows at one level
/// (a misnamed 款, a 款 marked （项）, a 类 printed with a 款's name): each level is looked
/// up by its name among the rows of any depth under the code found so far; a level that
/// names no row, or several, is passed over — but never the last one, the line the amount
/// belongs to, which must name exactly one row.
fn resolve_by_names(
    parts: &[PathPart],
    rows: &[(String, String)],
) -> (Option<String>, Option<&'static str>) {
    let mut code: Option<String> = None;
    for (i, p) in parts.iter().enumerate() {
        let key = name_key(&p.name);
        let found: Vec<&String> = rows
            .iter()
            .filter(|(c, n)| {
                *n == key
                    && code
                        .as_deref()
                        .is_none_or(|parent| c.len() > parent.len() && c.starts_with(parent))
            })
            .map(|(c, _)| c)
            .collect();
        let first = found.first().copied();
        match first.filter(|f| found.iter().all(|c| c == f)) {
            Some(c) => code = Some(c.clone()),
            None if i + 1 < parts.len() => continue,
            None => return (None, None),
        }
    }
    (code.clone(), code.map(|_| "tables_misnamed_level"))
}

/// [`resolve`] for a line printed with its parent's name in front (`人大事务行政运行（项）`
/// for the row 行政运行 under 人大事务): the one row whose parent's name and its own,
/// joined, are the line's name (under the levels above, when they resolve). The amount
/// check then says whether the figure is that row's or its parent's.
fn resolve_joined_name(
    parts: &[PathPart],
    rows: &[(String, String)],
) -> (Option<String>, Option<&'static str>) {
    let Some((last, above)) = parts.split_last() else {
        return (None, None);
    };
    let parent = match above {
        [] => None,
        _ => match resolve(above, rows) {
            (Some(c), _) => Some(c),
            _ => return (None, None),
        },
    };
    let key = name_key(&last.name);
    // The parent's name as the row keys it, or with the 支出 its key drops.
    let joined = |pn: &str, n: &str| {
        key.strip_prefix(pn)
            .map(|rest| rest.strip_prefix("支出").unwrap_or(rest))
            .is_some_and(|rest| rest == n)
    };
    let mut found: Vec<&String> = rows
        .iter()
        .filter(|(c, n)| {
            !n.is_empty()
                && parent
                    .as_deref()
                    .is_none_or(|p| c.len() > p.len() && c.starts_with(p))
                && rows.iter().any(|(pc, pn)| {
                    pc.len() + 2 == c.len()
                        && c.starts_with(pc.as_str())
                        && !pn.is_empty()
                        && joined(pn, n)
                })
        })
        .map(|(c, _)| c)
        .collect();
    found.sort();
    found.dedup();
    match found.as_slice() {
        [one] => (Some((*one).clone()), Some("tables_joined_name")),
        _ => (None, None),
    }
}

/// [`resolve`] for a path whose levels resolve but whose line is worded a little unlike
/// its row (`一般行政事务管理` for 一般行政管理事务, `机关事业单位基本养老保险费` for
/// 机关事业单位基本养老保险缴费支出): among the rows one level under the parent, the one
/// whose name shares the longest common subsequence with the line's, at least ¾ of the
/// longer name and strictly more than any other row's. The amount check then says whether
/// it is that row.
fn resolve_similar_last(
    parts: &[PathPart],
    rows: &[(String, String)],
) -> (Option<String>, Option<&'static str>) {
    let Some((last, above)) = parts.split_last() else {
        return (None, None);
    };
    if above.is_empty() {
        return (None, None);
    }
    let (Some(parent), _) = resolve(above, rows) else {
        return (None, None);
    };
    let key: Vec<char> = name_key(&last.name).chars().collect();
    let mut scored: Vec<(usize, usize, &String)> = rows
        .iter()
        .filter(|(c, _)| c.len() == parent.len() + 2 && c.starts_with(&parent))
        .map(|(c, n)| {
            let n: Vec<char> = n.chars().collect();
            (common_subsequence(&key, &n), key.len().max(n.len()), c)
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(b.2)));
    match scored.as_slice() {
        [best, rest @ ..]
            if 4 * best.0 >= 3 * best.1 && rest.iter().all(|r| r.2 == best.2 || r.0 < best.0) =>
        {
            (Some(best.2.clone()), Some("tables_similar_name"))
        }
        _ => (None, None),
    }
}

/// Length of the longest common subsequence of two names.
fn common_subsequence(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                row[j + 1].max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The text of one item (or of a paragraph that is none), with per byte its line.
struct Segment {
    text: String,
    /// (byte offset where a line starts, index of that line in the kept lines).
    origins: Vec<(usize, usize)>,
}

impl Segment {
    /// Index (in the kept lines) of the line holding byte `byte`.
    fn line_at(&self, byte: usize) -> usize {
        self.origins
            .iter()
            .rev()
            .find(|(b, _)| *b <= byte)
            .map_or(0, |(_, l)| *l)
    }
}

/// The path an item opens with: (numbered, byte where the text after the list number starts,
/// the path). A marked path may open any paragraph (`检察（款）：2018年预算支出合计…`); a quoted
/// or bare class name only a numbered item.
fn read_path(seg: &str) -> Option<(bool, usize, PathRead)> {
    let body = strip_ordinal(seg);
    let numbered = body.len() != seg.trim_start().len();
    let body_at = seg.len() - body.len();
    let read = marked_path(body)
        .or_else(|| numbered.then(|| quoted_path(body)).flatten())
        .or_else(|| numbered.then(|| bare_class(body)).flatten())?;
    Some((numbered, body_at, read))
}

/// Splits the paragraphs into items: an item starts at a paragraph or at a line that opens
/// with a list number (`2. “…”`), and runs on over a following paragraph that starts at the
/// left margin, close below it, with no number and no path of its own — a wrapped line the
/// layout cut after a 。 or a short line ("2023年当年预算执行数为…", "28.89%。主要原因是…").
fn item_segments(paras: &[Paragraph], kept: &[&TextLine]) -> Vec<Segment> {
    let mut left: std::collections::BTreeMap<u32, f64> = std::collections::BTreeMap::new();
    for l in kept {
        let x = left.entry(l.page).or_insert(f64::MAX);
        *x = x.min(l.bbox.x0);
    }
    let mut out: Vec<Segment> = Vec::new();
    let mut last_is_item = false;
    for par in paras {
        let mut starts: Vec<usize> = vec![0];
        for &(b, _) in &par.origins {
            let t = &par.text[b..];
            if b > 0 && strip_ordinal(t).len() != t.trim_start().len() {
                starts.push(b);
            }
        }
        starts.push(par.text.len());
        for (k, w) in starts.windows(2).enumerate() {
            let (s0, s1) = (w[0], w[1]);
            let text = &par.text[s0..s1];
            // A page number between an item and its continuation is not text.
            if !text.chars().any(is_cjk) {
                continue;
            }
            let origins: Vec<(usize, usize)> = par
                .origins
                .iter()
                .filter(|(b, _)| *b >= s0 && *b < s1)
                .map(|(b, l)| (b - s0, *l))
                .collect();
            let origins = if origins.first().is_some_and(|(b, _)| *b == 0) {
                origins
            } else {
                let mut o = vec![(0, par.line_at(s0))];
                o.extend(origins);
                o
            };
            let path = read_path(text);
            let continues = k == 0
                && last_is_item
                && path.is_none()
                && out.last().is_some_and(|prev| {
                    let (Some(first), Some(before)) = (
                        kept.get(origins[0].1),
                        prev.origins.last().and_then(|(_, l)| kept.get(*l)),
                    ) else {
                        return false;
                    };
                    let em = first.bbox.height().max(6.0);
                    let at_margin =
                        first.bbox.x0 < left.get(&first.page).copied().unwrap_or(0.0) + 1.2 * em;
                    let close = first.page != before.page
                        || (first.bbox.top - before.bbox.bottom).abs() < 2.5 * em;
                    at_margin && close
                });
            match out.last_mut() {
                Some(prev) if continues => {
                    let base = prev.text.len();
                    prev.text.push_str(text);
                    prev.origins
                        .extend(origins.into_iter().map(|(b, l)| (b + base, l)));
                }
                _ => {
                    last_is_item = path.is_some();
                    out.push(Segment {
                        text: text.to_string(),
                        origins,
                    });
                }
            }
        }
    }
    out
}

/// Reads every explanation of a document's spending lines.
pub fn read_explanations(
    lines: &[TextLine],
    tables: &[&Table],
    typed: &[TypedTable],
) -> Vec<Explanation> {
    let (paras, kept) = paragraphs(lines, tables);
    let rows = coded_rows(typed);
    let segments = item_segments(&paras, &kept);
    let mut out: Vec<Explanation> = Vec::new();
    let mut context: Vec<PathPart> = Vec::new();
    let mut scope = "fiscal";
    for item in &segments {
        let seg = item.text.as_str();
        let Some((numbered, body_at, read)) = read_path(seg) else {
            // Any other paragraph ends the heading's reach; a section heading or an
            // introduction ("财政拨款支出主要内容如下：") says what the items explain.
            if let Some(s) = scope_of(seg) {
                scope = s;
            }
            context.clear();
            continue;
        };
        let body = &seg[body_at..];
        // The levels above the first printed one come from the heading before the item.
        let first_level = read.parts[0].level;
        let mut parts: Vec<PathPart> = context
            .iter()
            .filter(|p| p.level < first_level)
            .map(|p| PathPart {
                from_heading: true,
                ..p.clone()
            })
            .collect();
        parts.extend(read.parts.iter().cloned());
        let rest = &body[read.end..];
        let said = read_rest(rest, body_at + read.end);
        // A heading (`（一）公共安全（类）`) says nothing else; it is context only.
        context = parts
            .iter()
            .map(|p| PathPart {
                from_heading: false,
                ..p.clone()
            })
            .collect();
        if said.amount.is_none() && said.purpose.is_none() && said.reason.is_none() {
            continue;
        }
        // Lines of the economic classification (`工资福利支出（类）`, `基本工资（款）`)
        // are not spending lines of the functional one.
        if !functional(&parts, &rows) {
            continue;
        }
        let (code, code_source) = match resolve(&parts, &rows) {
            (None, _) => match resolve_by_names(&parts, &rows) {
                (None, _) => match resolve_joined_name(&parts, &rows) {
                    (None, _) => resolve_similar_last(&parts, &rows),
                    found => found,
                },
                found => found,
            },
            found => found,
        };
        let line_of = |byte: usize| kept.get(item.line_at(byte)).copied();
        let figure = |f: &Option<(usize, gongkai_normalize::FoundAmount, String)>| {
            f.as_ref().map(|(at, a, label)| {
                let l = line_of(*at);
                Figure {
                    yuan: yuan_string(&a.yuan),
                    raw: a.raw.clone(),
                    resolution_yuan: a.resolution_yuan.normalize().to_string(),
                    label: label.clone(),
                    page: l.map_or(0, |l| l.page),
                    bbox: l.map_or([0.0; 4], |l| l.bbox.to_array()),
                }
            })
        };
        // The item's box: its lines on the page of its first line.
        let first = item.line_at(0);
        let last = item.line_at(seg.len().saturating_sub(1));
        let page = kept.get(first).map_or(0, |l| l.page);
        let bbox = (first..=last)
            .filter_map(|i| kept.get(i))
            .filter(|l| l.page == page)
            .map(|l| l.bbox)
            .reduce(|a, b| Rect {
                x0: a.x0.min(b.x0),
                top: a.top.min(b.top),
                x1: a.x1.max(b.x1),
                bottom: a.bottom.max(b.bottom),
            })
            .map_or([0.0; 4], |r| r.to_array());
        let number = numbered.then(|| {
            seg.trim_start()[..seg.trim_start().len() - body.len()]
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string()
        });
        out.push(Explanation {
            id: String::new(),
            number: number.filter(|n| !n.is_empty()),
            path: parts,
            code,
            code_source: code_source.map(String::from),
            scope: scope.to_string(),
            amount: figure(&said.amount),
            restated: figure(&said.restated),
            prior: figure(&said.prior),
            budgeted: figure(&said.budgeted),
            change_amount: figure(&said.change_amount),
            change_pct: said.change_pct,
            change_direction: said.direction.map(String::from),
            completion_pct: said.completion_pct,
            purpose: said.purpose,
            reason: said.reason,
            text: seg.trim().to_string(),
            page,
            bbox,
        });
    }
    // An item drawn twice (a page's clipped overflow repeated on the next) is one item:
    // same number, section scope and first sentence. (The same line explained again in
    // another section, in other words, stays.)
    let mut seen: Vec<(Option<String>, String, String)> = Vec::new();
    out.retain(|e| {
        let key = (
            e.number.clone(),
            e.scope.clone(),
            e.text.split('。').next().unwrap_or("").to_string(),
        );
        let dup = seen.contains(&key);
        seen.push(key);
        !dup
    });
    for (i, e) in out.iter_mut().enumerate() {
        e.id = format!("x{:02}", i + 1);
    }
    out
}

/// Half the printed resolution of a figure: its rounding. Nothing for a value printed to the
/// fen or finer (money has no finer unit) or printed as zero (a zero is a zero, as in the
/// identities of the tables).
fn half_res(f: &Figure) -> Decimal {
    let r: Decimal = f.resolution_yuan.parse().unwrap_or_default();
    if r <= Decimal::new(1, 2) || dec(&f.yuan).is_zero() {
        Decimal::ZERO
    } else {
        r / Decimal::TWO
    }
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap_or_default()
}

/// Status of `lhs` against `rhs` with `tolerance`: pass, rounding, ×10⁴ or fail.
fn judge(lhs: Decimal, rhs: Decimal, tolerance: Decimal) -> Status {
    let diff = (lhs - rhs).abs();
    let wan = Decimal::from(10_000);
    if diff.is_zero() {
        Status::Pass
    } else if diff <= tolerance {
        Status::Rounding
    } else if !lhs.is_zero() && !rhs.is_zero() && (lhs == rhs * wan || rhs == lhs * wan) {
        Status::UnitMismatch
    } else {
        Status::Fail
    }
}

/// The tables an explanation of a scope is checked against, most specific first.
fn tables_for(scope: &str) -> &'static [&'static str] {
    match scope {
        "gpb" => &["gpb_expenditure", "fiscal_expenditure"],
        "fiscal" => &["fiscal_expenditure", "gpb_expenditure"],
        _ => &["expenditure"],
    }
}

/// A finding about an explanation alone (no table).
#[allow(clippy::too_many_arguments)]
fn own_finding(
    rule: &str,
    e: &Explanation,
    column: &str,
    expr: String,
    status: Status,
    lhs: String,
    rhs: String,
    diff: String,
    tolerance: String,
) -> Finding {
    Finding {
        rule: rule.into(),
        severity: Severity::Warn,
        status,
        table: e.id.clone(),
        table_type: "explanation".into(),
        page: e.amount.as_ref().map_or(e.page, |a| a.page),
        row: e.id.clone(),
        column: column.into(),
        expr,
        lhs,
        rhs,
        diff,
        tolerance,
        related_tables: Vec::new(),
        terms: Vec::new(),
        note: None,
        coarse_figures: Vec::new(),
    }
}

/// E-AMT not run, said (status `skipped`, the note says why): an amount no table row
/// could be found for is recorded as unchecked rather than passed over.
fn unchecked(e: &Explanation, a: &Figure, why: String) -> Finding {
    let mut f = own_finding(
        "E-AMT",
        e,
        "amount",
        format!("explanation {} {} = its line's table row", e.id, a.raw),
        Status::Skipped,
        yuan_string(&dec(&a.yuan)),
        String::new(),
        String::new(),
        String::new(),
    );
    f.note = Some(why);
    f
}

/// The note of a comparison of figures: the tolerance and where it comes from.
fn tolerance_note(figures: &[&Figure], tol: Decimal) -> String {
    if tol.is_zero() {
        "exact: every figure printed to the fen or as zero".into()
    } else {
        let res: Vec<String> = figures
            .iter()
            .map(|f| {
                if half_res(f).is_zero() {
                    "0".to_string()
                } else {
                    dec(&f.resolution_yuan).normalize().to_string()
                }
            })
            .collect();
        format!(
            "tolerance ½ × the printed precision of each figure ({} 元)",
            res.join(" + ")
        )
    }
}

/// Said of a figure cut, not rounded, at its printed digits.
const CUT: &str = "cut, not rounded, to the printed digits";

/// The note of a percentage check.
fn pct_note(cut: bool) -> String {
    if cut {
        format!("the percentage is {CUT}: tolerance one unit of its last digit, and the figures' rounding")
    } else {
        "tolerance: the figures' rounding (½ of their printed precision) carried through, and ½ of the percentage's last digit".into()
    }
}

/// Decimals of a printed percentage (`57.14` → 0.01, `28` → 1).
fn pct_resolution(p: &str) -> Decimal {
    let decimals = p.split_once('.').map_or(0, |(_, d)| d.len());
    Decimal::new(1, decimals as u32)
}

/// `printed` against `num / den × 100` (or `(num − den) / den × 100` when `change`), at the
/// printed precision: pass when the value from the printed figures rounds to it, rounding
/// when some values within half a printed unit of each figure give it, fail otherwise. The
/// tolerance is the widest such deviation plus half the percentage's own last digit. Many
/// notes cut percentages instead of rounding them (2.3153% printed 2.31): a percentage that
/// some such value gives when cut at the printed digits is rounding too, and the last
/// element of the result says so.
fn pct_status(
    printed: Decimal,
    res: Decimal,
    num: &Figure,
    den: &Figure,
    change: bool,
) -> Option<(Status, Decimal, Decimal, bool)> {
    let (a, b) = (dec(&num.yuan), dec(&den.yuan));
    let (ha, hb) = (half_res(num), half_res(den));
    let hundred = Decimal::ONE_HUNDRED;
    let f = |a: Decimal, b: Decimal| -> Option<Decimal> {
        let q = a.checked_div(b)? * hundred;
        Some(if change { q - hundred } else { q })
    };
    if b <= hb || b.is_zero() {
        return None;
    }
    let q = f(a, b)?;
    let lo = f((a - ha).max(Decimal::ZERO), b + hb)?;
    let hi = f(a + ha, b - hb)?;
    let dp = res.scale();
    let rounded =
        q.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let tol = (q - lo).max(hi - q) + res / Decimal::TWO;
    // The true values a cut percentage stands for: [p, p + res) above zero, (p − res, p]
    // below, (−res, res) at zero.
    let (cut_lo, cut_hi) = if printed > Decimal::ZERO {
        (printed, printed + res)
    } else if printed < Decimal::ZERO {
        (printed - res, printed)
    } else {
        (-res, res)
    };
    let cut = cut_lo < hi && lo < cut_hi;
    let status = if rounded == printed {
        Status::Pass
    } else if printed >= lo - res / Decimal::TWO && printed <= hi + res / Decimal::TWO {
        Status::Rounding
    } else if cut {
        return Some((Status::Rounding, q, (q - lo).max(hi - q) + res, true));
    } else {
        Status::Fail
    };
    Some((status, q, tol, false))
}

/// Checks of the explanations: E-AMT (the amount equals the row with the line's code in the
/// section's table, `total` column; tolerance from both printed precisions), E-RESTATE (the
/// amount stated twice is one amount), E-PCT (the change % equals (this year − last year) /
/// last year × 100 at its printed precision, in the stated direction; last year is the
/// printed prior, or this year minus the stated change), E-DIR (a direction stated without a
/// %: 持平 means equal figures, 增加 / 减少 the sign) and E-RATE (a final account's completion
/// rate = 决算 / 年初预算 × 100).
pub fn check_explanations(explanations: &[Explanation], tables: &[TypedTable]) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in explanations {
        if let (Some(code), Some(a)) = (e.code.as_deref(), e.amount.as_ref()) {
            let target = tables_for(&e.scope).iter().find_map(|suffix| {
                tables
                    .iter()
                    .filter(|t| {
                        t.table_type
                            .as_deref()
                            .is_some_and(|tt| tt.rsplit('.').next() == Some(*suffix))
                    })
                    .find_map(|t| {
                        let row = t.rows.iter().find(|r| r.code.as_deref() == Some(code))?;
                        let col = ["total"]
                            .into_iter()
                            .chain(t.columns.iter().map(String::as_str))
                            .find(|c| row.values.get(*c).is_some_and(|v| v.is_some()))?;
                        let v = row.values.get(col)?.as_ref()?;
                        Some((t, row, col, v))
                    })
            });
            // A class (3 digits) of the department's whole spending is also a line of the
            // 收支总表 (`expenditure.func.204`): Jiangsu's 支出预算总表 is one row, by use.
            let target = target.or_else(|| {
                let line = format!("expenditure.func.{code}");
                tables
                    .iter()
                    .filter(|_| e.scope == "all" && code.len() == 3)
                    .filter(|t| {
                        t.table_type
                            .as_deref()
                            .is_some_and(|tt| tt.rsplit('.').next() == Some("summary"))
                    })
                    .find_map(|t| {
                        let row = t
                            .rows
                            .iter()
                            .find(|r| r.line.as_deref() == Some(line.as_str()))?;
                        let v = row.values.get("amount")?.as_ref()?;
                        Some((t, row, "amount", v))
                    })
            });
            if let Some((t, row, col, v)) = target {
                let l = dec(&a.yuan);
                let mut f = Finding {
                    rule: "E-AMT".into(),
                    severity: Severity::Warn,
                    status: Status::Skipped,
                    table: t.id.clone(),
                    table_type: t.table_type.clone().unwrap_or_default(),
                    page: a.page,
                    row: row.id.clone(),
                    column: col.to_string(),
                    expr: format!(
                        "explanation {} {} = {} {} [{col}]",
                        e.id, a.raw, code, row.name
                    ),
                    lhs: yuan_string(&l),
                    rhs: String::new(),
                    diff: String::new(),
                    tolerance: String::new(),
                    related_tables: Vec::new(),
                    terms: Vec::new(),
                    note: None,
                    coarse_figures: Vec::new(),
                };
                match (v.decimal(), v.resolution_yuan.clone()) {
                    (Some(r), Some(resolution_yuan)) => {
                        let rv = Figure {
                            yuan: yuan_string(&r),
                            raw: v.raw.clone(),
                            resolution_yuan,
                            label: String::new(),
                            page: v.page,
                            bbox: v.bbox,
                        };
                        let mut tol = half_res(a) + half_res(&rv);
                        let mut note = tolerance_note(&[a, &rv], tol);
                        let mut status = judge(l, r, tol);
                        // Some notes cut the table's value at the printed digits instead of
                        // rounding it (87.708万元 printed 87.70): within one printed unit and
                        // equal to the cut value, that is rounding too, and the note says so.
                        let unit = dec(&a.resolution_yuan);
                        if status == Status::Fail && unit > Decimal::ZERO {
                            let cut = (r / unit).trunc() * unit;
                            if cut == l {
                                status = Status::Rounding;
                                tol = unit;
                                note =
                                    format!("the table's value {CUT}: tolerance one printed unit");
                            }
                        }
                        f.status = status;
                        f.rhs = yuan_string(&r);
                        f.diff = yuan_string(&(l - r));
                        f.tolerance = yuan_string(&tol.normalize());
                        f.note = Some(note);
                    }
                    _ => {
                        f.note = Some("not comparable: the table's unit is unknown".into());
                    }
                }
                out.push(f);
            } else {
                out.push(unchecked(
                    e,
                    a,
                    format!(
                        "no row {code} in the tables of its scope ({}): the amount is not checked",
                        e.scope
                    ),
                ));
            }
        } else if let (None, Some(a)) = (&e.code, &e.amount) {
            let coded = tables
                .iter()
                .any(|t| t.code_system.as_deref() == Some("gov_function"));
            let path: Vec<&str> = e.path.iter().map(|p| p.name.as_str()).collect();
            let why = if coded {
                format!(
                    "its line ({}) names no row of the document's coded tables: the amount \
                     is not checked",
                    path.join(" / ")
                )
            } else {
                // A text file whose tables are printed in a companion file.
                format!(
                    "its line ({}) has no code and the document has no coded table to find \
                     it in: the amount is not checked",
                    path.join(" / ")
                )
            };
            out.push(unchecked(e, a, why));
        }
        if let (Some(a), Some(s)) = (&e.amount, &e.restated) {
            let (l, r) = (dec(&a.yuan), dec(&s.yuan));
            let tol = half_res(a) + half_res(s);
            let mut f = own_finding(
                "E-RESTATE",
                e,
                "amount",
                format!("{} {} = {}{}", e.id, a.raw, s.label, s.raw),
                judge(l, r, tol),
                yuan_string(&l),
                yuan_string(&r),
                yuan_string(&(l - r)),
                yuan_string(&tol.normalize()),
            );
            f.note = Some(tolerance_note(&[a, s], tol));
            out.push(f);
        }
        // This year and last year. This year is the line's amount (the figure E-AMT holds
        // against the table); where the restated figure differs, E-RESTATE says so once.
        let current = e.amount.as_ref().or(e.restated.as_ref());
        let prior: Option<Figure> = e.prior.clone().or_else(|| {
            let (c, ch) = (e.amount.as_ref()?, e.change_amount.as_ref()?);
            let sign = match e.change_direction.as_deref()? {
                "增加" => Decimal::NEGATIVE_ONE,
                "减少" => Decimal::ONE,
                _ => return None,
            };
            let y = dec(&c.yuan) + sign * dec(&ch.yuan);
            Some(Figure {
                yuan: yuan_string(&y),
                raw: format!(
                    "({} {} {})",
                    c.raw,
                    if sign.is_sign_negative() { "−" } else { "+" },
                    ch.raw
                ),
                resolution_yuan: (dec(&c.resolution_yuan) + dec(&ch.resolution_yuan))
                    .normalize()
                    .to_string(),
                label: "this year ∓ the stated change".into(),
                page: ch.page,
                bbox: ch.bbox,
            })
        });
        let reference = prior.as_ref().or(e.budgeted.as_ref());
        if let (Some(c), Some(p), Some(pct)) = (current, prior.as_ref(), e.change_pct.as_deref()) {
            let res = pct_resolution(pct);
            let sign = if e.change_direction.as_deref() == Some("减少") {
                Decimal::NEGATIVE_ONE
            } else {
                Decimal::ONE
            };
            let printed = dec(pct) * sign;
            let expr = format!(
                "{} {}{}% = ({} − {}) / {} × 100",
                e.id,
                e.change_direction.as_deref().unwrap_or(""),
                pct,
                c.raw,
                p.raw,
                p.raw
            );
            let f = match pct_status(printed, res, c, p, true) {
                Some((status, q, tol, cut)) => {
                    let mut f = own_finding(
                        "E-PCT",
                        e,
                        "change_pct",
                        expr,
                        status,
                        printed.to_string(),
                        q.round_dp(4).normalize().to_string(),
                        (printed - q).round_dp(4).normalize().to_string(),
                        tol.round_dp(4).normalize().to_string(),
                    );
                    f.note = Some(pct_note(cut));
                    f
                }
                None => {
                    let mut f = own_finding(
                        "E-PCT",
                        e,
                        "change_pct",
                        expr,
                        Status::Skipped,
                        printed.to_string(),
                        String::new(),
                        String::new(),
                        String::new(),
                    );
                    f.note = Some(
                        "last year's figure is zero (or within its rounding of it): no % of it"
                            .into(),
                    );
                    f
                }
            };
            out.push(f);
        } else if let (Some(c), Some(r), Some(d), None) = (
            current,
            reference,
            e.change_direction.as_deref(),
            e.change_pct.as_deref(),
        ) {
            let (l, rv) = (dec(&c.yuan), dec(&r.yuan));
            let tol = half_res(c) + half_res(r);
            let status = match d {
                "持平" => judge(l, rv, tol),
                "增加" if l > rv => Status::Pass,
                "减少" if l < rv => Status::Pass,
                _ if (l - rv).abs() <= tol => Status::Rounding,
                _ => Status::Fail,
            };
            let mut f = own_finding(
                "E-DIR",
                e,
                "change_direction",
                format!("{} {} {} {}", e.id, c.raw, d, r.raw),
                status,
                yuan_string(&l),
                yuan_string(&rv),
                yuan_string(&(l - rv)),
                yuan_string(&tol.normalize()),
            );
            f.note = Some(tolerance_note(&[c, r], tol));
            out.push(f);
        }
        if let (Some(a), Some(b), Some(pct)) = (&e.amount, &e.budgeted, e.completion_pct.as_deref())
        {
            let printed = dec(pct);
            if let Some((status, q, tol, cut)) =
                pct_status(printed, pct_resolution(pct), a, b, false)
            {
                let mut f = own_finding(
                    "E-RATE",
                    e,
                    "completion_pct",
                    format!("{} {pct}% = {} / {} × 100", e.id, a.raw, b.raw),
                    status,
                    printed.to_string(),
                    q.round_dp(4).normalize().to_string(),
                    (printed - q).round_dp(4).normalize().to_string(),
                    tol.round_dp(4).normalize().to_string(),
                );
                f.note = Some(pct_note(cut));
                out.push(f);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(r: &PathRead) -> Vec<(u8, &str, Option<&str>)> {
        r.parts
            .iter()
            .map(|p| (p.level, p.name.as_str(), p.printed_code.as_deref()))
            .collect()
    }

    #[test]
    fn paths_as_printed() {
        // Putuo budgets: quoted, full-width markers; the closing quote belongs to the path.
        let b = "“一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”25.77万元，主要用于…";
        let r = marked_path(b).expect("marked");
        assert_eq!(
            names(&r),
            [
                (1, "一般公共服务支出", None),
                (2, "统计信息事务", None),
                (3, "专项普查活动", None)
            ]
        );
        assert!(b[r.end..].starts_with("25.77"));
        // Codes in the markers, half-width brackets and a name with a bracket of its own.
        let r = marked_path("公共安全支出（204类）司法（06 款）行政运行(01项)1672.67万元")
            .expect("codes");
        assert_eq!(
            names(&r),
            [
                (1, "公共安全支出", Some("204")),
                (2, "司法", Some("06")),
                (3, "行政运行", Some("01"))
            ]
        );
        let r = marked_path("党委办公厅（室）及相关机构事务（款）行政运行（项）支出6106.99万元")
            .expect("bracket in a name");
        assert_eq!(names(&r)[0], (2, "党委办公厅（室）及相关机构事务", None));
        // A 、 in a name (Jiangsu procuratorate 2018, p.26).
        let r = marked_path(
            "公诉、审判、侦查、执行等检察监督支出（项）1,895万元，与上年相比减少 134万元",
        )
        .expect("、 in a name");
        assert_eq!(
            names(&r),
            [(3, "公诉、审判、侦查、执行等检察监督支出", None)]
        );
        // A clause ending in 、 before the name still stops it.
        assert!(marked_path("、行政运行（项）").is_none());
        // Levels must rise: a second 类 ends the path.
        let r = marked_path("社会保障和就业支出（类）10.82万元，卫生健康支出（类）").expect("one");
        assert_eq!(r.parts.len(), 1);
        // Dashes inside quotes, levels by position; a quoted class alone.
        let r = quoted_path(
            "“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元",
        )
        .expect("dashed");
        assert_eq!(
            names(&r),
            [
                (1, "一般公共服务支出", None),
                (2, "政府办公厅（室）及相关机构事务", None),
                (3, "行政运行", None)
            ]
        );
        assert_eq!(
            quoted_path("“住房保障支出”科目2,180万元").map(|r| r.parts.len()),
            Some(1)
        );
        // A quote that names no class is no path.
        assert!(quoted_path("“三公”经费预算为12万元").is_none());
        // A bare class name before its amount, or alone as a heading.
        assert_eq!(
            bare_class("社会保障和就业支出1890.27万元。").map(|r| r.parts[0].name.clone()),
            Some("社会保障和就业支出".into())
        );
        assert!(bare_class("社会保障和就业支出").is_some());
        assert!(bare_class("财政拨款收入预算总计24,169.74万元").is_none());
    }

    #[test]
    fn what_an_item_says() {
        let s = read_rest(
            "25.77万元，主要用于专项普查活动。2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，\
             比2023年预算执行数减少57.14%。主要原因是：项目调整，另增加10.00万元。",
            0,
        );
        let raw = |f: &Option<(usize, gongkai_normalize::FoundAmount, String)>| {
            f.as_ref().map(|(_, a, _)| a.raw.clone())
        };
        assert_eq!(raw(&s.amount).as_deref(), Some("25.77万元"));
        assert_eq!(raw(&s.prior).as_deref(), Some("60.13万元"));
        assert_eq!(raw(&s.restated).as_deref(), Some("25.77万元"));
        assert_eq!(
            (s.change_pct.as_deref(), s.direction),
            (Some("57.14"), Some("减少"))
        );
        assert_eq!(s.purpose.as_deref(), Some("专项普查活动"));
        // The reason's own figures are not the item's.
        assert_eq!(s.reason.as_deref(), Some("项目调整，另增加10.00万元"));
        assert!(s.change_amount.is_none());
        // Final accounts: 年初 / 全年预算 and 决算, the completion rate, the direction in words.
        let s = read_rest(
            "。主要用于：行政单位人员支出。全年预算为52.00万元，支出决算为51.32万元，完成全年预算数的\
             98.69%。决算数小于全年预算数的主要原因：人员变动。",
            0,
        );
        assert_eq!(raw(&s.budgeted).as_deref(), Some("52.00万元"));
        assert_eq!(raw(&s.amount).as_deref(), Some("51.32万元"));
        assert_eq!(
            (s.completion_pct.as_deref(), s.direction),
            (Some("98.69"), Some("减少"))
        );
        // Jiangsu: the change as an amount and a spaced %.
        let s = read_rest(
            "支出 10,883.36万元，与上年相比增加 2,915.22万元，增长 36.58 %。",
            0,
        );
        assert_eq!(raw(&s.change_amount).as_deref(), Some("2,915.22万元"));
        assert_eq!(
            (s.change_pct.as_deref(), s.direction),
            (Some("36.58"), Some("增加"))
        );
        let s = read_rest("支出1,577.82万元，与上年数一致。", 0);
        assert_eq!(s.direction, Some("持平"));
        // A Putuo final's "等于" (a planted error in the corpus's test copy: 62.29 vs 60.99).
        let s = read_rest(
            "年初预算为62.29万元，支出决算为60.99万元。决算数等于预算数。",
            0,
        );
        assert_eq!(s.direction, Some("持平"));
        for not_equal in ["决算数大于等于预算数。", "决算数不等于预算数。"] {
            assert_ne!(
                read_rest(not_equal, 0).direction,
                Some("持平"),
                "{not_equal}"
            );
        }
    }

    fn fig(yuan: &str, res: &str) -> Figure {
        Figure {
            yuan: yuan.into(),
            raw: String::new(),
            resolution_yuan: res.into(),
            label: String::new(),
            page: 1,
            bbox: [0.0; 4],
        }
    }

    #[test]
    fn percentages_at_their_printed_precision() {
        let d = |s: &str| s.parse::<Decimal>().expect("decimal");
        // (25.77 − 60.13) / 60.13 = −57.143 % → −57.14: pass.
        let (st, q, _, cut) = pct_status(
            d("-57.14"),
            d("0.01"),
            &fig("257700", "100"),
            &fig("601300", "100"),
            true,
        )
        .expect("pct");
        assert_eq!(
            (st, q.round_dp(3), cut),
            (Status::Pass, d("-57.143"), false)
        );
        // 309.03 / 13347.31 = 2.3153 % printed 2.31: cut, not rounded — rounding, said so.
        let (st, _, _, cut) = pct_status(
            d("2.31"),
            d("0.01"),
            &fig("136563400", "100"),
            &fig("133473100", "200"),
            true,
        )
        .expect("pct");
        assert_eq!((st, cut), (Status::Rounding, true));
        // 368.97 / 1073.77 = 34.362 % printed 34.38: fail.
        let (st, ..) = pct_status(
            d("34.38"),
            d("0.01"),
            &fig("14427400", "100"),
            &fig("10737700", "200"),
            true,
        )
        .expect("pct");
        assert_eq!(st, Status::Fail);
        // Nothing to compare with a zero prior.
        assert!(pct_status(
            d("100"),
            d("0.01"),
            &fig("250000", "100"),
            &fig("0", "100"),
            true
        )
        .is_none());
        // Completion: 51.32 / 52.00 = 98.69 %.
        let (st, ..) = pct_status(
            d("98.69"),
            d("0.01"),
            &fig("513200", "100"),
            &fig("520000", "100"),
            false,
        )
        .expect("rate");
        assert_eq!(st, Status::Pass);
    }

    #[test]
    fn codes_from_the_catalogue_and_the_tables() {
        let part = |level: u8, name: &str| PathPart {
            level,
            name: name.into(),
            printed_code: None,
            from_heading: false,
        };
        let rows: Vec<(String, String)> = [
            ("20805", "行政事业单位养老支出"),
            ("2080505", "机关事业单位基本养老保险缴费支出"),
            ("20899", "其他社会保障和就业支出"),
            ("2089999", "其他社会保障和就业支出"),
        ]
        .iter()
        .map(|(c, n)| (c.to_string(), name_key(n)))
        .collect();
        // 类 by the catalogue, 款 and 项 by the rows under their parent; a note that drops
        // the trailing 支出 still names the row.
        let p = [
            part(1, "社会保障和就业支出"),
            part(2, "行政事业单位养老支出"),
            part(3, "机关事业单位基本养老保险缴费"),
        ];
        assert_eq!(resolve(&p, &rows), (Some("2080505".into()), Some("tables")));
        // A 项 name under the wrong 款 does not resolve.
        let p = [
            part(1, "社会保障和就业支出"),
            part(2, "其他社会保障和就业支出"),
            part(3, "机关事业单位基本养老保险缴费支出"),
        ];
        assert_eq!(resolve(&p, &rows), (None, None));
        // By names alone, the misnamed 款 is passed over and the 项 names its row.
        assert_eq!(
            resolve_by_names(&p, &rows),
            (Some("2080505".into()), Some("tables_misnamed_level"))
        );
        // The line itself must name a row.
        let p = [
            part(1, "社会保障和就业支出"),
            part(2, "行政事业单位养老支出"),
            part(3, "机关事业单位基本养老保险费"),
        ];
        assert_eq!(resolve_by_names(&p, &rows), (None, None));
        // Worded a little unlike its row (13 of 14 characters in order): that row.
        assert_eq!(
            resolve_similar_last(&p, &rows),
            (Some("2080505".into()), Some("tables_similar_name"))
        );
        let p = [
            part(1, "社会保障和就业支出"),
            part(2, "行政事业单位养老支出"),
            part(3, "职业年金缴费"),
        ];
        assert_eq!(resolve_similar_last(&p, &rows), (None, None));
        // A 项 printed with its 款's name in front: the one row whose parent's name and its
        // own make the line's name.
        let p = [part(
            3,
            "行政事业单位养老支出机关事业单位基本养老保险缴费支出",
        )];
        assert_eq!(
            resolve_joined_name(&p, &rows),
            (Some("2080505".into()), Some("tables_joined_name"))
        );
        let p = [part(3, "行政事业单位养老支出职业年金缴费支出")];
        assert_eq!(resolve_joined_name(&p, &rows), (None, None));
        assert_eq!(
            common_subsequence(
                &"一般行政事务管理".chars().collect::<Vec<_>>(),
                &"一般行政管理事务".chars().collect::<Vec<_>>()
            ),
            6
        );
        assert_eq!(
            resolve(&[part(1, "住房保障支出")], &rows),
            (Some("221".into()), Some("catalogue"))
        );
        // The economic classification is not a spending line of the functional one.
        assert!(!functional(
            &[part(1, "工资福利支出"), part(2, "基本工资")],
            &rows
        ));
        assert!(functional(&[part(2, "检察"), part(3, "行政运行")], &rows));
    }

    fn line(page: u32, x0: f64, top: f64, x1: f64, text: &str) -> TextLine {
        TextLine {
            page,
            text: text.into(),
            bbox: Rect {
                x0,
                top,
                x1,
                bottom: top + 12.0,
            },
        }
    }

    /// An item whose last sentences a page break and a page number split from it, and the
    /// same item drawn again at the top of the next page (clipped overflow, 上海市普陀区财政局
    /// 部门25年预算 pp.7–8): one item with all its figures.
    #[test]
    fn items_across_pages_and_drawn_twice() {
        let item =
            "1. “住房保障支出（类）住房改革支出（款）购房补贴（项）”320.17万元，主要用于购房补贴。";
        let lines = vec![
            line(1, 82.0, 100.0, 300.0, "财政拨款支出主要内容如下："),
            line(1, 82.0, 130.0, 560.0, item),
            line(1, 290.0, 780.0, 300.0, "9"),
            line(
                2,
                58.0,
                60.0,
                560.0,
                "2023年当年预算执行数为318.14万元，2024年预算安排320.17万元，比2023年预算执行数增加",
            ),
            line(2, 58.0, 75.0, 300.0, "0.64%。主要原因是：购房补贴经费增加。"),
            line(2, 82.0, 110.0, 560.0, item),
        ];
        let ex = read_explanations(&lines, &[], &[]);
        assert_eq!(ex.len(), 1, "{ex:#?}");
        let e = &ex[0];
        assert_eq!(
            (
                e.prior.as_ref().map(|f| f.yuan.as_str()),
                e.change_pct.as_deref(),
                e.reason.as_deref(),
                e.page,
                e.code.as_deref()
            ),
            (
                Some("3181400.00"),
                Some("0.64"),
                Some("购房补贴经费增加"),
                1,
                None
            )
        );
        assert_eq!(e.prior.as_ref().map(|f| f.page), Some(2));
    }
}
