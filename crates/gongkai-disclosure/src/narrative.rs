//! Narrative figures: the amounts the 情况说明 states in sentences ("2024年预算收入828.56万元，
//! 其中：一般公共预算拨款收入821.85万元 …"), each with a stable key, its sentence, page and
//! line box, and the table cell it must equal. Text lines inside tables are left out; lines
//! are joined into paragraphs by layout (a full line continues, an indented or short one
//! ends the paragraph), paragraphs split into sentences at 。.

use gongkai_geom::Rect;
use gongkai_normalize::{find_amounts, is_cjk, match_key, yuan_string};
use gongkai_table::Table;
use serde::{Deserialize, Serialize};

use crate::{Kind, TextLine};

/// The table cell a narrative figure must equal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactRef {
    /// Table type (`budget.summary`, `budget.gpb_basic` …).
    pub table_type: String,
    /// Line key, for two-sided tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<String>,
    /// Row kind (`total`), for the other tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Column key.
    pub column: String,
}

/// One figure read from a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Stable key (`total_income`, `income.by_source.general_budget`, `three_public.abroad`,
    /// `procurement.goods`, `assets.item.<name>`, `performance.project_count` …).
    pub key: String,
    /// Exact yuan; `None` for counts.
    pub yuan: Option<String>,
    /// The count, for `performance.project_count`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Number and unit as printed in the sentence (`828.56万元`).
    pub raw: String,
    /// Printed precision in yuan (half of it is the rounding tolerance).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution_yuan: Option<String>,
    /// The sentence, wrap spaces removed.
    pub sentence: String,
    /// Page of the line holding the figure.
    pub page: u32,
    /// Box of that line.
    pub bbox: [f64; 4],
    /// The table cell it must equal, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#ref: Option<FactRef>,
}

/// A paragraph's text with, per byte, the line it came from.
pub(crate) struct Paragraph {
    /// The joined text (wrap spaces removed).
    pub(crate) text: String,
    /// (byte offset where a line starts, index of that line in the kept lines).
    pub(crate) origins: Vec<(usize, usize)>,
}

impl Paragraph {
    /// Index (in the kept lines) of the line holding byte `byte` of the text.
    pub(crate) fn line_at(&self, byte: usize) -> usize {
        self.origins
            .iter()
            .rev()
            .find(|(b, _)| *b <= byte)
            .map_or(0, |(_, l)| *l)
    }
}

/// Joins a line to the text before it: no space next to CJK, one between Latin words.
fn push_clean(out: &mut String, s: &str) {
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = out.chars().last();
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace()).copied();
            let keep = match (prev, next) {
                (Some(p), Some(n)) => !(is_cjk(p) || is_cjk(n)) && p != ' ',
                _ => false,
            };
            if keep {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
}

fn inside_tables(line: &TextLine, boxes: &std::collections::BTreeMap<u32, Vec<Rect>>) -> bool {
    let (cx, cy) = (
        (line.bbox.x0 + line.bbox.x1) / 2.0,
        (line.bbox.top + line.bbox.bottom) / 2.0,
    );
    boxes.get(&line.page).is_some_and(|bs| {
        bs.iter().any(|b| {
            cx >= b.x0 - 1.0 && cx <= b.x1 + 1.0 && cy >= b.top - 1.0 && cy <= b.bottom + 1.0
        })
    })
}

/// Paragraphs of the text outside tables, and the lines kept (outside tables) that their
/// `origins` index.
pub(crate) fn paragraphs<'a>(
    lines: &'a [TextLine],
    tables: &[&Table],
) -> (Vec<Paragraph>, Vec<&'a TextLine>) {
    // Cell boxes by page, so each line is tested against its own page's cells only.
    let mut boxes: std::collections::BTreeMap<u32, Vec<Rect>> = std::collections::BTreeMap::new();
    for c in tables.iter().flat_map(|t| t.cells.iter()) {
        boxes.entry(c.page).or_default().push(c.bbox);
    }
    let kept: Vec<&TextLine> = {
        use rayon::prelude::*;
        lines
            .par_iter()
            .filter(|l| !inside_tables(l, &boxes))
            .collect()
    };
    // Right margin per page: the usual right end of full lines.
    let mut right: std::collections::BTreeMap<u32, f64> = std::collections::BTreeMap::new();
    let mut left: std::collections::BTreeMap<u32, f64> = std::collections::BTreeMap::new();
    for l in &kept {
        let r = right.entry(l.page).or_insert(f64::MIN);
        *r = r.max(l.bbox.x1);
        let x = left.entry(l.page).or_insert(f64::MAX);
        *x = x.min(l.bbox.x0);
    }
    // The first and last kept line of each page: where a page number is printed.
    let mut ends: std::collections::BTreeMap<u32, (usize, usize)> =
        std::collections::BTreeMap::new();
    for (i, l) in kept.iter().enumerate() {
        let e = ends.entry(l.page).or_insert((i, i));
        e.1 = i;
    }
    let mut out: Vec<Paragraph> = Vec::new();
    let mut prev: Option<&TextLine> = None;
    for (i, l) in kept.iter().enumerate() {
        // A page number (`— 5 —`) at the foot or head of a page is no part of the text: a
        // sentence running over the page break continues past it.
        let edge = ends
            .get(&l.page)
            .is_some_and(|&(first, last)| i == first || i == last);
        if edge && is_page_number(&l.text) {
            continue;
        }
        let em = l.bbox.height().max(6.0);
        let continues = prev.is_some_and(|p| {
            let margin = right.get(&p.page).copied().unwrap_or(p.bbox.x1);
            // Full, or broken early because the next line's first word (a figure such as
            // `24,558.18万元；`, which never breaks) did not fit in what was left of it.
            let full = p.bbox.x1 >= margin - 1.5 * em
                || p.bbox.x1 + leading_figure_width(&l.text, em) >= margin - 0.5 * em;
            let ends = p.text.trim_end().ends_with('。');
            let indented = l.bbox.x0 > left.get(&l.page).copied().unwrap_or(l.bbox.x0) + 1.2 * em;
            let gap_ok = l.page != p.page || l.bbox.top - p.bbox.bottom < 2.5 * em;
            // A short line numbered `三、` is a heading (`三、政府采购预算情况`), never the
            // rest of the sentence above.
            let l_margin = right.get(&l.page).copied().unwrap_or(l.bbox.x1);
            let heading = crate::lines::ordinal_depth(&l.text) == 1
                && l.text.trim_start().chars().take(4).any(|c| c == '、')
                && l.bbox.x1 < l_margin - 3.0 * em
                && !l.text.contains('。');
            full && !ends && !indented && gap_ok && !heading
        });
        if !continues || out.is_empty() {
            out.push(Paragraph {
                text: String::new(),
                origins: Vec::new(),
            });
        }
        if let Some(par) = out.last_mut() {
            par.origins.push((par.text.len(), i));
            push_clean(&mut par.text, &l.text);
        }
        prev = Some(l);
    }
    (out, kept)
}

/// A page number as printed at a page's foot or head: `— 5 —`, `- 23 -`, `5`, `第 5 页`,
/// `第5页 共30页`, `5/30` (a bare number of at most three digits; never a figure with a point
/// or a unit, never a year).
fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = t.chars().filter(char::is_ascii_digit).count();
    let rest = t
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .all(|c| "-—–－~·第页共/".contains(c));
    let runs_short = t
        .split(|c: char| !c.is_ascii_digit())
        .all(|run| run.chars().count() <= 3);
    digits > 0 && rest && runs_short
}

/// The width a line's leading figure and its unit take (`24,558.18万元` → about 7 digit
/// widths of ½ em and 2 ideographs of 1 em); 0 when the line starts with no figure.
fn leading_figure_width(text: &str, em: f64) -> f64 {
    let t = text.trim_start();
    let digits = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '，' | '．'))
        .count();
    if digits == 0 || !t.starts_with(|c: char| c.is_ascii_digit()) {
        return 0.0;
    }
    let unit = t
        .chars()
        .skip(digits)
        .take_while(|c| matches!(c, '万' | '元' | '亿' | '%' | '％'))
        .count();
    digits as f64 * 0.5 * em + unit as f64 * em
}

/// Classification level markers, full- and half-width (`一般公共服务支出（类）`).
const CLASS_MARKERS: [&str; 6] = ["（类）", "（款）", "（项）", "(类)", "(款)", "(项)"];

/// What a sentence is about; decides how the label before an amount is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Topic {
    General,
    AdminOperating,
    ThreePublic,
    Procurement,
    Assets,
    Performance,
}

/// A sentence's topic, given the one before's: a sentence listing the parts of a 三公
/// figure (`其中：（一）因公出国（境）费0万元…。（二）公务用车购置及运行费9.98万元…。`) is on
/// its topic though it does not name it.
fn sentence_topic(sentence: &str, above: Topic) -> Topic {
    match topic(sentence) {
        Topic::General if above == Topic::ThreePublic && lists_parts(sentence) => {
            Topic::ThreePublic
        }
        t => t,
    }
}

/// Whether a sentence begins as an item of a list: `其中`, `（一）`, `（二）`, `1.`, `一、`.
fn lists_parts(sentence: &str) -> bool {
    let s = sentence.trim_start();
    let after_number = |s: &str| {
        let rest = s
            .trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
        rest.len() < s.len() && rest.starts_with(['.', '、', '．'])
    };
    s.starts_with("其中")
        || s.starts_with('（')
            && s[3..]
                .trim_start_matches(|c: char| "一二三四五六七八九十".contains(c))
                .starts_with('）')
        || after_number(s)
}

fn topic(sentence: &str) -> Topic {
    let k = match_key(sentence);
    if k.contains("三公") {
        Topic::ThreePublic
    } else if k.contains("机关运行经费") && !k.contains("其中") {
        Topic::AdminOperating
    } else if k.contains("政府采购") {
        Topic::Procurement
    } else if k.contains("固定资产") {
        Topic::Assets
    } else if k.contains("绩效目标管理") || k.contains("绩效目标的项目") {
        Topic::Performance
    } else {
        Topic::General
    }
}

/// The key of an amount from the words just before it (`label`) in a sentence on `topic`.
#[cfg(test)]
fn key_for(topic: Topic, label: &str, first: bool, kind: Kind) -> Option<String> {
    key_for_in(topic, label, "", first, kind)
}

/// [`key_for`] with the sentence text before the amount (`before`), whose classification
/// markers (`检察（款）：…`) make a figure a table line rather than a department figure.
fn key_for_in(topic: Topic, label: &str, before: &str, first: bool, kind: Kind) -> Option<String> {
    let has = |w: &str| label.contains(w);
    // A change against last year ("比上年增加500万元") is not a figure of this year.
    if [
        "增加", "减少", "增长", "下降", "增支", "减支", "上年", "节约", "压减",
    ]
    .iter()
    .any(|w| has(w))
    {
        return None;
    }
    // A line of a classification ("行政运行（项）支出", "教育支出（类）") is a table row, not a
    // department figure; it is left to the tables.
    let class_line = CLASS_MARKERS
        .iter()
        .any(|w| label.contains(w) || before.contains(w));
    if class_line {
        return None;
    }
    let k = match topic {
        Topic::ThreePublic => {
            let part = if has("出国") {
                "abroad"
            } else if has("购置及运行") || (has("购置") && has("运行")) {
                "vehicle_total"
            } else if has("购置") {
                "vehicle_purchase"
            } else if has("运行") {
                "vehicle_operation"
            } else if has("接待") {
                "reception"
            } else if first || has("三公") || has("决算") || has("预算") {
                "total"
            } else {
                return None;
            };
            // Final accounts state the budget beside the outturn ("年初预算为0.95万元，支出决算为…").
            let prefix = match kind {
                Kind::Final if names_budget(label) && !has("决算") => "three_public.budget.",
                Kind::Final => "three_public.final.",
                _ => "three_public.",
            };
            return Some(format!("{prefix}{part}"));
        }
        Topic::AdminOperating => return first.then(|| "admin_operating_cost".to_string()),
        Topic::Procurement => {
            // The amounts for small and medium enterprises (政府采购促进中小企业发展): a part of
            // the procurement, never its total. `before` is the sentence up to the amount.
            if before.contains("中小企业") || has("小微企业") || has("小型和微型") {
                let awarded = ["中标", "成交", "授予"].iter().any(|w| before.contains(w));
                let small = has("小微企业") || has("小型和微型") || {
                    let clause = before.rsplit(['；', ';']).next().unwrap_or(before);
                    clause.contains("小微企业") || clause.contains("小型和微型")
                };
                let other = before
                    .rsplit(['；', ';'])
                    .next()
                    .is_some_and(|c| c.contains("其他政府采购项目"));
                let base = if awarded {
                    "procurement.sme_awarded"
                } else {
                    "procurement.sme_reserved"
                };
                return Some(if small {
                    format!("{base}.small_micro")
                } else if other {
                    format!("{base}.other_projects")
                } else {
                    base.to_string()
                });
            }
            return Some(
                if has("货物") {
                    "procurement.goods"
                } else if has("工程") {
                    "procurement.works"
                } else if has("服务") {
                    "procurement.services"
                } else if first || has("采购") {
                    "procurement.total"
                } else {
                    return None;
                }
                .to_string(),
            );
        }
        Topic::Assets => {
            // Assets held at a date ("截止2022年12月31日…固定资产3149.52万元，其中：房屋…") are
            // not a purchase: their figures are left alone.
            if !["购置", "购买", "采购", "新增", "拟"]
                .iter()
                .any(|w| before.contains(w) || has(w))
            {
                return None;
            }
            if has("固定资产") || first {
                return Some("assets.planned_purchase".into());
            }
            let name = label
                .trim_start_matches("分别为")
                .trim_start_matches("其中")
                .trim_matches(['：', ':', '、', '，', ',']);
            return (!name.is_empty()).then(|| format!("assets.item.{name}"));
        }
        Topic::Performance => return Some("performance.amount".into()),
        Topic::General => {
            if has("财政拨款") && has("总计") {
                "fiscal_grand_total"
            } else if has("收入总计") {
                "grand_total_income"
            } else if has("支出总计") {
                "grand_total_expenditure"
            } else if has("年初结转") {
                "opening_balance"
            } else if has("年末结转") {
                "closing_balance"
            } else if has("基本支出") && (has("一般公共预算") || has("财政拨款")) {
                "gpb_basic_expenditure"
            } else if has("一般公共预算") && !has("支出") {
                "income.by_source.general_budget"
            } else if (has("政府性基金") || has("国有资本经营")) && has("支出") {
                // A fund's spending ("政府性基金拨款支出预算0万元"): neither its income nor
                // the department's total.
                return None;
            } else if has("政府性基金") {
                "income.by_source.gov_fund"
            } else if has("国有资本经营") {
                "income.by_source.state_capital"
            } else if has("事业单位经营收入") || has("经营收入") {
                "income.by_source.operating"
            } else if has("事业收入") {
                "income.by_source.business"
            } else if has("上级补助") {
                "income.by_source.superior"
            } else if has("附属单位") {
                "income.by_source.affiliated"
            } else if has("其他收入") {
                "income.by_source.other"
            } else if has("财政拨款收入") {
                "income.by_source.fiscal"
            } else if has("基本支出") {
                "basic_expenditure"
            } else if has("人员经费") {
                "personnel_expenditure"
            } else if has("公用经费") {
                "public_expenditure"
            } else if has("项目支出") {
                "project_expenditure"
            } else if has("收入")
                && (has("预算") || has("合计") || has("决算") || has("总额"))
                && department_total(label)
            {
                "total_income"
            } else if has("支出")
                && (has("预算") || has("合计") || has("决算") || has("总额"))
                && department_total(label)
            {
                "total_expenditure"
            } else {
                return None;
            }
        }
    };
    Some(k.to_string())
}

/// Words naming a budget figure (`年初预算`, `预算数`), as final accounts quote beside the
/// outturn; the fund `一般公共预算` is no such word (`一般公共预算财政拨款基本支出` in a final
/// account is an outturn).
fn names_budget(label: &str) -> bool {
    label.replace("一般公共预算", "").contains("预算")
}

/// A label naming the whole department's income or spending: the year, 部门 / 本部门 /
/// 单位, or a total word, and nothing narrower (a purpose, a class or a fund).
fn department_total(label: &str) -> bool {
    let starts_with_year =
        label.chars().take(4).all(|c| c.is_ascii_digit()) && label.chars().count() > 4;
    let broad = starts_with_year
        || [
            "部门",
            "本部门",
            "单位",
            "合计",
            "总计",
            "总额",
            "全年",
            "当年",
            "本年",
        ]
        .iter()
        .any(|w| label.contains(w));
    let narrow = [
        "用于",
        "主要",
        "其中",
        "经费",
        "资金",
        "科目",
        "功能",
        "经济",
        "费",
        "安排的",
    ]
    .iter()
    .any(|w| label.contains(w));
    broad && !narrow
}

/// The table cell a fact must equal (domain spec §5.2).
fn fact_ref(key: &str, kind: Kind) -> Option<FactRef> {
    let p = if kind == Kind::Final {
        "final"
    } else {
        "budget"
    };
    let line = |l: &str| {
        Some(FactRef {
            table_type: format!("{p}.summary"),
            line: Some(l.into()),
            kind: None,
            column: "amount".into(),
        })
    };
    let total = |tt: String, col: &str| {
        Some(FactRef {
            table_type: tt,
            line: None,
            kind: Some("total".into()),
            column: col.into(),
        })
    };
    match key {
        "total_income" => line("income.this_year_total"),
        "total_expenditure" => line("expenditure.this_year_total"),
        "grand_total_income" => line("income.grand_total"),
        "grand_total_expenditure" => line("expenditure.grand_total"),
        "opening_balance" => line("income.opening_balance"),
        "fiscal_grand_total" => Some(FactRef {
            table_type: format!("{p}.fiscal_summary"),
            line: Some("income.grand_total".into()),
            kind: None,
            column: "amount".into(),
        }),
        "closing_balance" => line("expenditure.closing_balance"),
        "basic_expenditure" => total(format!("{p}.expenditure"), "basic"),
        "project_expenditure" => total(format!("{p}.expenditure"), "project"),
        "personnel_expenditure" => total(format!("{p}.gpb_basic"), "personnel"),
        "gpb_basic_expenditure" => total(format!("{p}.gpb_basic"), "total"),
        "public_expenditure" => total(format!("{p}.gpb_basic"), "public"),
        "procurement.total" => total("procurement".into(), "total"),
        k => {
            if let Some(src) = k.strip_prefix("income.by_source.") {
                return line(&format!("income.{src}"));
            }
            if let Some(part) = k.strip_prefix("three_public.") {
                return total(format!("{p}.three_public"), part);
            }
            None
        }
    }
}

/// Reads every narrative figure of a document. `year` is the document's fiscal year: a
/// figure whose label names another year ("（2016年度部门支出预算安排为8,648.07万元）" in a
/// 2017 budget) is that year's, not a figure of this document.
pub fn read_facts(
    lines: &[TextLine],
    tables: &[&Table],
    kind: Kind,
    year: Option<i32>,
) -> Vec<Fact> {
    let (paras, kept) = paragraphs(lines, tables);
    // Paragraphs are read independently, in parallel; their facts keep the text order.
    use rayon::prelude::*;
    // The topic each paragraph's first sentence follows: the last one of the paragraph
    // before (a list item in a paragraph of its own continues the list's topic).
    let mut carried = Topic::General;
    let follows: Vec<Topic> = paras
        .iter()
        .map(|par| {
            let start = carried;
            for sentence in par.text.split_inclusive('。') {
                carried = sentence_topic(sentence, carried);
            }
            start
        })
        .collect();
    let per_paragraph: Vec<Vec<Fact>> = paras
        .par_iter()
        .zip(follows)
        .map(|(par, mut above)| {
            let mut out = Vec::new();
            let mut start = 0;
            for sentence in par.text.split_inclusive('。') {
                let s_start = start;
                start += sentence.len();
                let t = sentence_topic(sentence, above);
                above = t;
                let amounts = find_amounts(sentence);
                let count = performance_count(sentence);
                if amounts.is_empty() && count.is_none() {
                    continue;
                }
                let line_of = |byte: usize| kept.get(par.line_at(s_start + byte));
                if let (Topic::Performance, Some((raw, n, at))) = (t, &count) {
                    let l = line_of(*at);
                    out.push(Fact {
                        key: "performance.project_count".into(),
                        yuan: None,
                        value: Some(n.clone()),
                        raw: raw.clone(),
                        resolution_yuan: None,
                        sentence: sentence.trim().to_string(),
                        page: l.map_or(0, |l| l.page),
                        bbox: l.map_or([0.0; 4], |l| l.bbox.to_array()),
                        r#ref: None,
                    });
                }
                let mut prev_end = 0;
                // Keys already given in this sentence (the first figure wins).
                let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
                for (i, a) in amounts.iter().enumerate() {
                    // The label: the words since the previous amount, from the last clause break
                    // that leaves some words (so "其中：基本支出" reads as 基本支出).
                    let between = &sentence[prev_end..a.start];
                    prev_end = a.end;
                    let label = label_of(between);
                    // A threshold ("单价50万元以上通用设备") is not an amount spent.
                    let rest = &sentence[a.end..];
                    if ["以上", "以下", "及以上", "以内"]
                        .iter()
                        .any(|w| rest.starts_with(w))
                    {
                        continue;
                    }
                    // The year nearest before the figure names whose figure it is (within
                    // its clause: `与2025年预算持平…；公务用车运行费9.98万元` is this year's).
                    let clause = between.rsplit(['；', ';']).next().unwrap_or(between);
                    if let (Some(y), Some(named)) = (year, last_year(clause)) {
                        if named != y {
                            continue;
                        }
                    }
                    // Markers are looked up in the raw text before the amount (no NFKC per amount:
                    // a long run of figures would make that quadratic).
                    let Some(key) = key_for_in(t, &label, &sentence[..a.start], i == 0, kind)
                    else {
                        continue;
                    };
                    // Final accounts quote the year's budget next to the outturn: not the outturn.
                    if kind == Kind::Final
                        && names_budget(&label)
                        && !label.contains("决算")
                        && !key.starts_with("three_public.budget.")
                    {
                        continue;
                    }
                    // The first figure of a sentence on 三公 / 采购 names the total even when the
                    // words before it are only a year ("2024年“三公”经费预算为").
                    if !seen.insert(key.clone()) {
                        continue;
                    }
                    let l = line_of(a.start);
                    out.push(Fact {
                        r#ref: fact_ref(&key, kind),
                        key,
                        yuan: Some(yuan_string(&a.yuan)),
                        value: None,
                        raw: a.raw.clone(),
                        resolution_yuan: Some(a.resolution_yuan.normalize().to_string()),
                        sentence: sentence.trim().to_string(),
                        page: l.map_or(0, |l| l.page),
                        bbox: l.map_or([0.0; 4], |l| l.bbox.to_array()),
                    });
                }
            }
            out
        })
        .collect();
    per_paragraph.concat()
}

/// The last year (`2016年`, `2016 年度`) named in `text`.
fn last_year(text: &str) -> Option<i32> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = None;
    for i in 0..chars.len() {
        let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        if digits != 4 || !before_ok {
            continue;
        }
        let after = chars[i + 4..].iter().find(|c| !c.is_whitespace());
        if after == Some(&'年') {
            found = chars[i..i + 4].iter().collect::<String>().parse().ok();
        }
    }
    found
}

/// The words that name an amount: the text between the previous amount and this one,
/// cut at the last clause break (，；、) that still leaves words, without leading fillers.
fn label_of(between: &str) -> String {
    let pieces: Vec<&str> = between
        .split(['，', ',', '；', ';', '、', '。'])
        .map(str::trim)
        .filter(|p| p.chars().any(is_cjk))
        .collect();
    let last = pieces.last().copied().unwrap_or("");
    let last = last
        .rsplit(['：', ':'])
        .find(|p| p.chars().any(is_cjk))
        .unwrap_or(last);
    match_key(last)
}

/// The number of projects a performance sentence states, however it is put: `项目共5个`,
/// `项目5个`, `共5个项目`, `5个项目`: (raw, count, byte offset).
fn performance_count(sentence: &str) -> Option<(String, String, usize)> {
    let k = sentence;
    if !(k.contains("绩效目标管理") || k.contains("绩效目标的项目")) {
        return None;
    }
    // Each run of digits followed by 个, with 项目 (and 共) before it or 项目 after it.
    let mut from = 0;
    while let Some(d) = k[from..]
        .find(|c: char| c.is_ascii_digit())
        .map(|d| d + from)
    {
        let digits: String = k[d..].chars().take_while(|c| c.is_ascii_digit()).collect();
        let end = d + digits.len();
        from = end;
        if !k[end..].starts_with('个') {
            continue;
        }
        let before = k[..d].strip_suffix('共').unwrap_or(&k[..d]);
        let at = if k[..d].ends_with('共') {
            d - '共'.len_utf8()
        } else {
            d
        };
        if before.ends_with("项目") || k[end + '个'.len_utf8()..].starts_with("项目") {
            return Some((format!("{digits}个"), digits, at));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_keys() {
        assert_eq!(label_of("，其中："), "其中");
        assert_eq!(
            label_of("，其中：一般公共预算拨款收入"),
            "一般公共预算拨款收入"
        );
        assert_eq!(
            label_of("反映本部门当年全部收入，2024年预算收入"),
            "2024年预算收入"
        );
        assert_eq!(
            key_for(Topic::General, "2024年预算收入", true, Kind::Budget).as_deref(),
            Some("total_income")
        );
        assert_eq!(
            key_for(Topic::General, "2024年部门支出预算为", true, Kind::Budget).as_deref(),
            Some("total_expenditure")
        );
        assert_eq!(
            key_for(Topic::General, "和日常公用经费", false, Kind::Budget).as_deref(),
            Some("public_expenditure")
        );
        assert_eq!(
            key_for(
                Topic::ThreePublic,
                "其中公务用车购置费",
                false,
                Kind::Budget
            )
            .as_deref(),
            Some("three_public.vehicle_purchase")
        );
        assert_eq!(
            key_for(Topic::Assets, "分别为视频会议系统购置", false, Kind::Budget).as_deref(),
            Some("assets.item.视频会议系统购置")
        );
        // A fund's spending is neither its income nor the department's total.
        for label in [
            "政府性基金拨款支出预算",
            "江苏省人大常委会办公厅部门2018年政府性基金支出预算支出",
            "国有资本经营预算拨款支出预算",
        ] {
            assert_eq!(
                key_for(Topic::General, label, false, Kind::Budget),
                None,
                "{label}"
            );
        }
        assert_eq!(
            key_for(
                Topic::General,
                "政府性基金预算拨款收入",
                false,
                Kind::Budget
            )
            .as_deref(),
            Some("income.by_source.gov_fund")
        );
        assert_eq!(
            last_year("与2016 年度相比（2016年度部门支出预算安排为"),
            Some(2016)
        );
        assert_eq!(last_year("单价50万元以上"), None);
        assert_eq!(
            performance_count(
                "2024年本部门实行绩效目标管理的项目共5个，涉及项目预算资金99.36万元。"
            )
            .map(|c| c.1),
            Some("5".into())
        );
        assert_eq!(
            performance_count("本部门2个预算单位开展了2023年项目预算绩效目标编报工作，编报绩效目标的项目5个，涉及项目预算资金3328.13万元。")
                .map(|c| c.0),
            Some("5个".into())
        );
        assert_eq!(
            performance_count("本部门共12个项目实行绩效目标管理。").map(|c| c.1),
            Some("12".into())
        );
    }
}
