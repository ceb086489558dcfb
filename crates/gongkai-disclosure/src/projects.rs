//! 项目绩效目标表 → projects. The table is a form, not a grid of numbers: fields are found by
//! their printed labels (项目编码, 项目名称, 预算数, 财政资金, 其他资金, 资金支出计划, 绩效目标,
//! 一级指标 …), never by position, so label cells that wrapped (`及资金用 途`), values split
//! over cells (`130311212Н Ү | IDQ8XRVXN23`, `3 , | 月底`, `25. | . 00%`) and merged
//! indicator levels are all read the same way.

use std::collections::BTreeMap;

use gongkai_normalize::{
    join_fragments, match_key, normalize_project_code, parse_amount, parse_percent, parse_target,
    yuan_string, Target, Unit,
};
use gongkai_table::Table;
use serde::{Deserialize, Serialize};

use crate::rows::{full_grid, value_of, Slot, Value};

/// The budget of a project: total, fiscal and other funds, in yuan with provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ProjectBudget {
    /// 预算数.
    pub total: Option<Value>,
    /// 其中：财政资金.
    pub fiscal: Option<Value>,
    /// 其他资金.
    pub other: Option<Value>,
}

/// One point of the spending schedule: by the end of `month_end`, `cumulative_pct` % spent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchedulePoint {
    /// 3, 6, 10, 12 (月底).
    pub month_end: u32,
    /// Cumulative percentage, exact decimal string (`"25.00"`).
    pub cumulative_pct: String,
}

/// The months and percentages of a 资金支出计划 read in different numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnpairedSchedule {
    /// Month numbers read from the 月底 row.
    pub months: Vec<u32>,
    /// Percentages read from the row below, in order.
    pub percentages: Vec<String>,
}

/// A performance indicator: 一级 / 二级 / 三级 levels, description, target and its basis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// 一级指标 (产出指标 …).
    pub level1: String,
    /// 二级指标 (数量指标 …).
    pub level2: String,
    /// 三级指标.
    pub level3: String,
    /// 绩效指标描述.
    pub description: String,
    /// 指标值 as printed (wrap spaces between CJK removed).
    pub target: String,
    /// 指标值 parsed: comparator, number, unit, qualifier.
    pub target_parsed: Target,
    /// 指标值确定依据.
    pub basis: String,
    /// Page of the row.
    pub page: u32,
}

/// One project from its 绩效目标表.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Table id the project comes from.
    pub table: String,
    /// Number in the title (`1.统计信息化平台运维绩效目标表` → 1).
    pub seq: Option<u32>,
    /// Table title.
    pub title: Option<String>,
    /// Unit code from the caption (`131001 东川市统计局(本级)`).
    pub unit_code: Option<String>,
    /// Unit name from the caption.
    pub unit_name: Option<String>,
    /// 项目编码, repaired (`^[0-9A-Z]{20,22}$`), or the raw text when it does not validate.
    pub code: Option<String>,
    /// Repairs applied to the code (homoglyph, join_fragments …).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub code_repairs: Vec<String>,
    /// 项目名称.
    pub name: Option<String>,
    /// Amount unit of the table.
    pub unit: Option<String>,
    /// 预算数 / 财政资金 / 其他资金.
    pub budget: ProjectBudget,
    /// 资金用途.
    pub purpose: Option<String>,
    /// 资金支出计划.
    pub schedule: Vec<SchedulePoint>,
    /// A schedule whose month headers and percentages differ in number: never paired by
    /// guess (`schedule` stays empty; PT2 fails and says so).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unpaired_schedule: Option<UnpairedSchedule>,
    /// 绩效目标, split into its numbered goals.
    pub goals: Vec<String>,
    /// Indicators.
    pub indicators: Vec<Indicator>,
    /// Pages.
    pub pages: Vec<u32>,
}

fn key(s: &str) -> String {
    match_key(s)
}

/// Texts of a row with merged repeats collapsed: `(column, text)` of each distinct cell.
fn distinct(row: &[Slot]) -> Vec<(usize, &Slot)> {
    let mut out: Vec<(usize, &Slot)> = Vec::new();
    for (c, s) in row.iter().enumerate() {
        if s.text.trim().is_empty() {
            continue;
        }
        if out
            .last()
            .is_some_and(|(_, p)| p.text == s.text && p.bbox == s.bbox)
        {
            continue;
        }
        out.push((c, s));
    }
    out
}

fn is_label(s: &str) -> bool {
    let k = key(s);
    [
        "项目编码",
        "项目名称",
        "预算数",
        "财政资金",
        "其他资金",
        "资金用途",
        "预算规模",
        "资金支出",
        "支出计划",
        "绩效目标",
        "一级指标",
        "主管部门",
        "实施单位",
        // Shanghai's 财政项目支出绩效目标填报表 (domain spec §5.2).
        "项目性质",
        "项目类别",
        "计划开始",
        "计划完成",
        "资金总额",
        "资金申请",
        "当年财政拨款",
        "上年结转",
    ]
    .iter()
    .any(|w| k.contains(w))
}

/// Removes the wrap spaces a narrow cell leaves between CJK characters, keeps others.
fn tidy(s: &str) -> String {
    gongkai_normalize::remove_cjk_spaces(s.trim())
}

fn split_goals(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in s.split(['；', ';', '\n']) {
        let p = gongkai_normalize::strip_ordinal(part.trim())
            .trim()
            .trim_end_matches(['。', '.', '；', ';'])
            .trim();
        if !p.is_empty() {
            out.push(tidy(p));
        }
    }
    out
}

impl Project {
    /// Whether the form gave nothing a project is: no name, no code, no amount, no
    /// indicator, no schedule (prose under a 绩效目标 heading read as a table).
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.code.is_none()
            && self.budget.total.is_none()
            && self.budget.fiscal.is_none()
            && self.budget.other.is_none()
            && self.indicators.is_empty()
            && self.schedule.is_empty()
            && self.unpaired_schedule.is_none()
    }
}

/// Reads one 绩效目标表. `caption` lines give the unit code; the table's unit scales amounts.
pub fn read_project(id: &str, t: &Table) -> Project {
    let g = full_grid(t);
    // The unit: the table's unit line, else a unit named in a budget label (Shanghai's
    // `项目资金（元）`); never assumed. Without one the amounts keep their printed text only
    // and the record says so (`unit_unknown`).
    let unit = t.unit.as_deref().and_then(Unit::parse).or_else(|| {
        g.iter().flatten().find_map(|s| {
            let k = key(&s.text);
            let labelled = k.contains("资金") || k.contains("预算") || k.contains("金额");
            labelled.then(|| Unit::parse(&k)).flatten()
        })
    });
    let seq = t.title.as_deref().and_then(|title| {
        let digits: String = title
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        digits.parse().ok()
    });
    let (unit_code, unit_name) = t
        .caption
        .iter()
        .find_map(|c| {
            let c = c.trim();
            let digits: String = c.chars().take_while(|ch| ch.is_ascii_digit()).collect();
            (digits.len() >= 3).then(|| (digits.clone(), c[digits.len()..].trim().to_string()))
        })
        .map_or((None, None), |(a, b)| (Some(a), Some(b)));
    let mut p = Project {
        table: id.to_string(),
        seq,
        title: t.title.clone(),
        unit_code,
        unit_name,
        code: None,
        code_repairs: Vec::new(),
        name: None,
        unit: unit.map(|u| u.as_str().to_string()),
        budget: ProjectBudget::default(),
        purpose: None,
        schedule: Vec::new(),
        unpaired_schedule: None,
        goals: Vec::new(),
        indicators: Vec::new(),
        pages: t.pages.clone(),
    };
    let mut indicator_cols: Option<BTreeMap<&'static str, usize>> = None;
    let mut after_budget = false;
    let mut months: Vec<u32> = Vec::new();
    let mut months_lost = false;
    for row in &g {
        let cells = distinct(row);
        let texts: Vec<String> = cells.iter().map(|(_, s)| key(&s.text)).collect();
        let first = texts.first().cloned().unwrap_or_default();
        if let Some(cols) = &indicator_cols {
            let get = |k: &str| cols.get(k).map(|&c| tidy(&row[c].text)).unwrap_or_default();
            let target = get("target");
            if get("level3").is_empty() && target.is_empty() && get("description").is_empty() {
                continue;
            }
            let page = row.first().map_or(t.page, |s| s.page);
            p.indicators.push(Indicator {
                level1: get("level1"),
                level2: get("level2"),
                level3: get("level3"),
                description: get("description"),
                target_parsed: parse_target(&target),
                target,
                basis: get("basis"),
                page,
            });
            continue;
        }
        if texts.iter().any(|k| k.contains("一级指标")) {
            let mut cols = BTreeMap::new();
            for (c, s) in &cells {
                let k = key(&s.text);
                let name = if k.contains("一级指标") {
                    "level1"
                } else if k.contains("二级指标") {
                    "level2"
                } else if k.contains("三级指标") {
                    "level3"
                } else if k.contains("依据") {
                    "basis"
                } else if k.contains("指标值") {
                    "target"
                } else if k.contains("描述") || k.contains("指标内容") || k == "绩效指标"
                {
                    "description"
                } else {
                    continue;
                };
                cols.entry(name).or_insert(*c);
            }
            indicator_cols = Some(cols);
            continue;
        }
        // Label → value pairs along the row.
        for (i, (_, s)) in cells.iter().enumerate() {
            let k = key(&s.text);
            let next_values = || {
                cells[i + 1..]
                    .iter()
                    .take_while(|(_, n)| !is_label(&n.text))
                    .map(|(_, n)| *n)
                    .collect::<Vec<&Slot>>()
            };
            if k.contains("项目编码") {
                let parts: Vec<&str> = next_values().iter().map(|n| n.text.trim()).collect();
                match normalize_project_code(&parts) {
                    Ok(pc) => {
                        p.code = Some(pc.code);
                        p.code_repairs = pc.repairs;
                    }
                    Err(_) => p.code = Some(parts.join("")).filter(|s| !s.is_empty()),
                }
            } else if k.contains("项目名称") {
                let v: Vec<String> = next_values()
                    .iter()
                    .map(|n| n.text.trim().to_string())
                    .collect();
                p.name = Some(tidy(&v.join(""))).filter(|s| !s.is_empty());
            } else if k.contains("预算数")
                || k.contains("资金总额") && !k.contains("申请")
                || k.contains("财政资金")
                || k.contains("其他资金")
            {
                let v = next_values()
                    .into_iter()
                    .find(|n| matches!(parse_amount(&n.text), Ok(Some(_))))
                    .and_then(|n| value_of(n, unit));
                let slot = if k.contains("预算数") || k.contains("资金总额") {
                    &mut p.budget.total
                } else if k.contains("财政资金") {
                    &mut p.budget.fiscal
                } else {
                    &mut p.budget.other
                };
                if slot.is_none() {
                    *slot = v;
                }
                after_budget = true;
            }
        }
        let labelled_budget = texts.iter().any(|k| k.contains("预算数"));
        // 资金用途: the text beside the (repeated or wrapped) budget label, on the row after
        // the amounts.
        if after_budget
            && !labelled_budget
            && p.purpose.is_none()
            && (first.contains("用途") || first.contains("预算规模") || first.contains("资金"))
        {
            let text: Vec<String> = cells
                .iter()
                .skip(1)
                .map(|(_, s)| s.text.trim().to_string())
                .collect();
            if !text.is_empty() {
                p.purpose = Some(tidy(&text.join("")));
                continue;
            }
        }
        // Schedule: a row naming 月底, then the row of percentages.
        let joined = join_fragments(
            &cells
                .iter()
                .map(|(_, s)| s.text.as_str())
                .collect::<Vec<_>>(),
        );
        if joined.contains("月底") && months.is_empty() {
            months = month_ends(&joined);
            // A month label misread (`6及底`: OCR, tuning seed 993, p.16) leaves a
            // percentage under no month: the row's cells showing a month's digits and
            // 底 outnumber the months read.
            months_lost = month_labels(cells.iter().map(|(_, s)| s.text.as_str())) > months.len();
            continue;
        }
        if !months.is_empty() && p.schedule.is_empty() && joined.contains('%') {
            let parts: Vec<&str> = cells
                .iter()
                .map(|(_, s)| s.text.as_str())
                .filter(|t| !key(t).contains("计划") && !key(t).contains("资金支出"))
                .collect();
            let (pcts, lost) = percents_read(&parts);
            let paired = if months_lost || lost {
                Err(UnpairedSchedule {
                    months: months.clone(),
                    percentages: pcts,
                })
            } else {
                pair_schedule(&months, pcts)
            };
            match paired {
                Ok(points) => p.schedule = points,
                Err(unpaired) => p.unpaired_schedule = Some(unpaired),
            }
            continue;
        }
        if first.contains("绩效目标") && !first.contains("指标") {
            let text: Vec<String> = cells
                .iter()
                .skip(1)
                .map(|(_, s)| s.text.trim().to_string())
                .collect();
            p.goals = split_goals(&text.join(""));
        }
    }
    p
}

/// The schedule's points, month by month; months and percentages read in different
/// numbers are not paired (which month a percentage belongs to would be a guess).
fn pair_schedule(
    months: &[u32],
    pcts: Vec<String>,
) -> Result<Vec<SchedulePoint>, UnpairedSchedule> {
    if pcts.len() != months.len() {
        return Err(UnpairedSchedule {
            months: months.to_vec(),
            percentages: pcts,
        });
    }
    Ok(months
        .iter()
        .zip(pcts)
        .map(|(&m, v)| SchedulePoint {
            month_end: m,
            cumulative_pct: v,
        })
        .collect())
}

/// Cells of a schedule header showing a month: its digits and 底 (`6月底`, `10 月底`, and
/// `6及底` misread); a label split over two cells (`3 ,` | `月底`) counts at most once.
fn month_labels<'a>(cells: impl Iterator<Item = &'a str>) -> usize {
    cells
        .filter(|t| t.contains('底') && t.chars().any(|c| c.is_ascii_digit()))
        .count()
}

/// Month numbers in a joined schedule header (`3月底6月底10月底12月底`).
fn month_ends(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut digits = String::new();
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if c == '月' && chars.get(i + 1) == Some(&'底') {
            match digits.parse::<u32>() {
                Ok(m) if (1..=12).contains(&m) => out.push(m),
                // A label that lost its 月底 (OCR read `10月底` as `10`) runs into the
                // next: `1012月底` is 10 and 12.
                _ => out.extend(split_months(&digits)),
            }
            digits.clear();
        } else if !matches!(c, ',' | '，' | ':' | '：') {
            digits.clear();
        }
    }
    out
}

/// Months run together in one digit string, in order (`1012` → 10, 12; `612` → 6, 12):
/// two digits where they make 10–12, else one. Nothing when the digits do not split
/// into ascending months.
fn split_months(digits: &str) -> Vec<u32> {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    let mut out: Vec<u32> = Vec::new();
    let mut i = 0;
    while i < d.len() {
        let two = (i + 1 < d.len())
            .then(|| d[i] * 10 + d[i + 1])
            .filter(|m| (10..=12).contains(m));
        let (m, step) = match two {
            Some(m) => (m, 2),
            None if d[i] >= 1 => (d[i], 1),
            None => return Vec::new(),
        };
        if out.last().is_some_and(|&l| l >= m) {
            return Vec::new();
        }
        out.push(m);
        i += step;
    }
    out
}

/// Percentages of a schedule row, joined across split cells (`25.` + `. 00%`).
#[cfg(test)]
fn percents(parts: &[&str]) -> Vec<String> {
    percents_read(parts).0
}

/// [`percents`], and whether a piece showing digits and `%` read as no percentage
/// (`才，00%` for 4.00%: OCR, tuning seed 993, p.16): then the percentages after it
/// would be paired with the months before.
fn percents_read(parts: &[&str]) -> (Vec<String>, bool) {
    let mut out = Vec::new();
    let mut lost = false;
    let mut pending: Vec<&str> = Vec::new();
    for part in parts {
        pending.push(part);
        let joined = join_fragments(&pending);
        if joined.contains('%') {
            for piece in joined.split_inclusive('%') {
                match parse_percent(piece) {
                    Some(v) => out.push(yuan_string(&v)),
                    None => {
                        lost |= piece.contains('%') && piece.chars().any(|c| c.is_ascii_digit())
                    }
                }
            }
            pending.clear();
        }
    }
    (out, lost)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_fragments_from_the_seed() {
        // Seed: `3 , | 月底 | 6月底 | 10 月底 | 1 | 2月底` and `25. | . 00% | 50. 00% 75. 00% | 10 | 00.00%`.
        assert_eq!(
            month_ends(&join_fragments(&[
                "3 ,",
                "月底",
                "6月底",
                "10 月底",
                "1",
                "2月底"
            ])),
            vec![3, 6, 10, 12]
        );
        // OCR of the scanned statistics sample p.18: `10月底` read as `10`.
        assert_eq!(
            month_ends(&join_fragments(&[
                "资金支出计划(%)",
                "3月底",
                "6月底",
                "10",
                "12月底"
            ])),
            vec![3, 6, 10, 12]
        );
        // A percentage misread as none (tuning seed 993, p.16): the rest would be
        // paired with the wrong months.
        assert_eq!(
            percents_read(&["才，00%", "12.00%", "52.00%", "100.00%"]),
            (vec!["12.00".into(), "52.00".into(), "100.00".into()], true)
        );
        assert!(!percents_read(&["25.", ". 00%", "50. 00% 75. 00%", "10", "00.00%"]).1);
        // A month label misread (`6及底`, tuning seed 993, p.16): four labels, three
        // months; the seed's split labels are no more labels than months.
        let misread = ["资金支出计划(%)", "3月底", "6及底", "10月底", "12月底"];
        assert_eq!(month_ends(&join_fragments(&misread)), vec![3, 10, 12]);
        assert_eq!(month_labels(misread.into_iter()), 4);
        assert_eq!(
            month_labels(["3 ,", "月底", "6月底", "10 月底", "1", "2月底"].into_iter()),
            3
        );
        assert_eq!(split_months("1012"), vec![10, 12]);
        assert_eq!(split_months("612"), vec![6, 12]);
        assert!(split_months("1210").is_empty());
        assert_eq!(
            percents(&["25.", ". 00%", "50. 00% 75. 00%", "10", "00.00%"]),
            vec!["25.00", "50.00", "75.00", "100.00"]
        );
        // A month header misread (`10上月底`: three months for four percentages) is not
        // paired: 12月底 would get 75.00%.
        let pcts: Vec<String> = ["25.00", "50.00", "75.00", "100.00"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            pair_schedule(&[3, 6, 12], pcts.clone()),
            Err(UnpairedSchedule {
                months: vec![3, 6, 12],
                percentages: pcts.clone()
            })
        );
        assert_eq!(
            pair_schedule(&[3, 6, 10, 12], pcts).map(|p| p[3].clone()),
            Ok(SchedulePoint {
                month_end: 12,
                cumulative_pct: "100.00".into()
            })
        );
        assert_eq!(
            split_goals("1.按期完成各项任务；2.资金使用规范高效，切实发挥资金效益。"),
            vec!["按期完成各项任务", "资金使用规范高效，切实发挥资金效益"]
        );
    }
}
