//! Document-level recognition: title, budget or final account, fiscal year, department.

use gongkai_normalize::{match_key, years_in};
use serde::{Deserialize, Serialize};

use crate::department::{
    caption_names, department_key, leading_province, without_party_prefix, MUNICIPALITIES,
    PROVINCES,
};
use crate::TextLine;

/// Budget (预算) or final account (决算).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 部门预算 / 单位预算.
    Budget,
    /// 部门决算 / 单位决算.
    Final,
    /// Neither word found.
    Unknown,
}

/// What the document is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// Budget or final account.
    pub kind: Kind,
    /// Fiscal year.
    pub fiscal_year: Option<i32>,
    /// Where the year came from (`title`, `caption`, `file_name`).
    pub fiscal_year_source: Option<String>,
    /// The title line.
    pub title: Option<String>,
    /// Page of the title line.
    pub title_page: Option<u32>,
    /// Department (or unit) name as printed, from the title.
    pub department: Option<String>,
    /// Where the department came from: `title`, `label` (a `预算主管部门：…` / `部门：…` line on
    /// the first pages) or `file_name`.
    pub department_source: Option<String>,
    /// Canonical key of the department (see `department_key`): the printed forms of one body
    /// (中共江苏省委办公厅 / 江苏省委办公厅 / 中国共产党江苏省委员会办公厅) share it.
    pub department_key: Option<String>,
    /// `department` or `unit` scope (单位预算 / 单位决算 → unit).
    pub scope: String,
    /// Department code (预算单位编码 prefix), from a caption `131 东川市统计局` naming the
    /// department.
    pub department_code: Option<String>,
    /// Region from the department name and the text.
    pub region: Region,
    /// Publication month from the cover date (`二〇二四年三月` → `2024-03`).
    pub published: Option<String>,
}

/// Where the department sits: province, city, district/county, as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Region {
    /// 省 (or a municipality: 上海市, 北京市, 天津市, 重庆市).
    pub province: Option<String>,
    /// 市 / 州 / 盟.
    pub city: Option<String>,
    /// 区 / 县 / 旗 / 新区.
    pub district: Option<String>,
    /// Where the province came from: `department` (its name), `title`, `caption` (a
    /// department label) or `text` (the real province the text names most).
    pub province_source: Option<String>,
}

/// Splits the administrative prefix of a department name: `上海市云浦区文化和旅游局` →
/// 上海市 / 上海市 / 云浦区; `青水市柳川县水利局` → city 青水市, district 柳川县. A party prefix
/// (`中共上海市普陀区委…`) is skipped; a province is only one of the 34 real ones (a leading
/// `XX省` that is not one is skipped, not taken).
fn region_of(name: &str) -> Region {
    let name = without_party_prefix(name);
    let chars: Vec<char> = name.chars().collect();
    let mut r = Region::default();
    let mut i = 0;
    let take = |from: usize, ends: &[char], max: usize| -> Option<usize> {
        (from + 1..chars.len().min(from + max + 1)).find(|&j| ends.contains(&chars[j]))
    };
    if let Some(p) = leading_province(name) {
        r.province = Some(p.to_string());
        i = p.chars().count();
        if MUNICIPALITIES.contains(&p) {
            r.city = Some(p.to_string());
        }
    } else if let Some(j) = take(0, &['省'], 4) {
        // An invented or misread province: not a region, but not a city either.
        i = j + 1;
    }
    if r.city.is_none() {
        if let Some(mut j) = take(i, &['市', '州', '盟'], 6) {
            // 青州市, 苏州市: the 州 is part of the name.
            if chars.get(j + 1) == Some(&'市') {
                j += 1;
            }
            r.city = Some(chars[i..=j].iter().collect());
            i = j + 1;
        }
    }
    if r.city.is_some() || r.province.is_some() {
        // 区 / 县 / 旗, but not the 局 / 委 of the department itself ("新区" counts).
        if let Some(j) = take(i, &['区', '县', '旗'], 6) {
            let d: String = chars[i..=j].iter().collect();
            if !d.contains('局') && !d.contains('委') && !d.contains('院') {
                r.district = Some(d);
            }
        }
    }
    r
}

/// The real province named most often in the text (budget texts cite "按照…河北省预决算公开有关
/// 规定"); only the 34 provincial-level names count, so 国家和省相关标准 names none.
fn province_in_text(lines: &[TextLine]) -> Option<String> {
    let mut counts: Vec<(&str, usize, usize)> = Vec::new(); // (name, count, first seen)
    let mut seen = 0;
    for l in lines {
        let k = match_key(&l.text);
        for p in PROVINCES {
            let n = k.matches(p).count();
            if n == 0 {
                continue;
            }
            match counts.iter_mut().find(|(q, _, _)| *q == p) {
                Some(e) => e.1 += n,
                None => {
                    counts.push((p, n, seen));
                    seen += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|(p, _, _)| p.to_string())
}

/// Labels that put a department's name on a cover or above a table
/// (`预算主管部门：…`, `部门：… 单位：万元`).
const DEPARTMENT_LABELS: [&str; 8] = [
    "预算主管部门",
    "预算单位",
    "主管部门",
    "编制部门",
    "编制单位",
    "部门名称",
    "单位名称",
    "部门",
];

/// The name after a department label (`部门：江苏省政协办公厅 单位：万元` → 江苏省政协办公厅), from
/// the printed line: the words after the label and its colon up to a `单位：…` or a unit split
/// off by a wrap (`部门名称：江苏省高级人民法院 元`, the 元 of a `单位：万` above).
fn labelled_name(text: &str) -> Option<String> {
    let words: Vec<String> = text.split_whitespace().map(match_key).collect();
    let key = words.concat();
    // Where the label and its colon end in the key (without the colon it is a header cell,
    // "单位名称 单位性质 …", or a heading, "部门职能").
    let start = DEPARTMENT_LABELS.iter().find_map(|label| {
        let rest = key.strip_prefix(label)?;
        let after = rest.trim_start_matches([':', '：']);
        (after.len() < rest.len()).then(|| key.len() - after.len())
    })?;
    let mut name = String::new();
    let mut at = 0;
    for w in &words {
        let end = at + w.len();
        let part = if end <= start {
            ""
        } else {
            &w[start.saturating_sub(at)..]
        };
        at = end;
        if part.is_empty() {
            continue;
        }
        if let Some(i) = part.find("单位:") {
            name.push_str(&part[..i]);
            break;
        }
        if ["元", "万元", "千元", "亿元"].contains(&part) {
            break;
        }
        name.push_str(part);
    }
    (name.chars().count() >= 4).then_some(name)
}

/// A caption line `NNN 部门名` (optionally after a label and before `单位：万元`): its code
/// (3–6 digits) and name, from a line's match key.
fn code_caption(k: &str) -> Option<(String, String)> {
    let k = DEPARTMENT_LABELS
        .iter()
        .find_map(|label| k.strip_prefix(label))
        .map_or(k, |r| r.trim_start_matches([':', '：']));
    let digits: String = k.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !(3..=6).contains(&digits.len()) {
        return None;
    }
    let name = k[digits.len()..].split("单位:").next()?;
    (name.chars().count() >= 3 && name.chars().all(|c| !c.is_ascii_digit()))
        .then(|| (digits, name.to_string()))
}

/// The department code from the table captions naming the department (`131 东川市统计局`,
/// `203  青州市民政局本级`, `224 安平区民政局` for 河西市安平区民政局): the code printed most
/// often before the department's own name; failing that, before its 本级 unit (a unit code
/// of six digits is the department's three and the unit's three, domain notes §2.3, so its
/// first three are taken).
fn department_code(lines: &[TextLine], department: &str) -> Option<String> {
    let mut found: Vec<(String, bool, usize)> = Vec::new(); // (code, own unit, count)
    for l in lines {
        let Some((code, name)) = code_caption(&match_key(&l.text)) else {
            continue;
        };
        let Some(own_unit) = caption_names(&name, department) else {
            continue;
        };
        let code = if own_unit && code.len() == 6 {
            code[..3].to_string()
        } else {
            code
        };
        match found
            .iter_mut()
            .find(|(c, u, _)| *c == code && *u == own_unit)
        {
            Some(e) => e.2 += 1,
            None => found.push((code, own_unit, 1)),
        }
    }
    // The department's own name before its 本级 unit; then the most frequent; then the first.
    let best = found
        .iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| (!a.1).cmp(&!b.1).then(a.2.cmp(&b.2)).then(j.cmp(i)))?;
    Some(best.1 .0.clone())
}

/// The year most table captions name (`2024年部门财务收支预算总表`, `2017年政府采购预算表`):
/// the document's year when the title does not give one. Not from tables of contents, part
/// headings (`第二部分 2019年度部门预算表`) or labelled lines (`附件：…公开表`).
fn caption_year(lines: &[TextLine]) -> Option<i32> {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for l in lines {
        let k = match_key(&l.text);
        if !(k.ends_with('表') && (k.contains("预算") || k.contains("决算")))
            || k.contains("……")
            || k.contains("...")
            || k.contains([':', '：'])
            || (k.starts_with('第') && k.contains("部分"))
            || k.chars().count() > 40
        {
            continue;
        }
        if let Some(&y) = years_in(&k).first() {
            match counts.iter_mut().find(|(c, _)| *c == y) {
                Some(e) => e.1 += 1,
                None => counts.push((y, 1)),
            }
        }
    }
    // Most frequent; on a tie the first seen.
    let mut best: Option<(i32, usize)> = None;
    for (y, n) in counts {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((y, n));
        }
    }
    best.map(|(y, _)| y)
}

/// Whether a line's text holds no digits but a year's (`社会工作部2024年度`), so it may be part
/// of a title block.
fn digits_only_in_year(k: &str) -> bool {
    let digits = k.chars().filter(|c| c.is_ascii_digit()).count();
    digits == 0 || (digits == 4 && !years_in(k).is_empty())
}

/// Whether a line may be the title line: it names 预算 or 决算 and is not a table title
/// (a document-level `…公开表` / `…公开报表` is one), a TOC entry, a table row or a numbered
/// heading.
fn is_title_line(text: &str) -> bool {
    let k = match_key(text);
    // Not a table row ("1.一般公共预算 9,066.79 …") or a numbered heading.
    let numbered = gongkai_normalize::strip_ordinal(&k).len() != k.len()
        && !k.starts_with(|c: char| c.is_ascii_digit() && k.contains('年'));
    let has_amount = k.contains([',', '.']) && k.chars().any(|c| c.is_ascii_digit());
    let numbered = numbered || (k.starts_with('第') && k.contains("部分"));
    let document_level = k.ends_with("公开表") || k.ends_with("公开报表");
    (k.contains("预算") || k.contains("决算"))
        && (!k.ends_with('表') || document_level)
        && !k.contains("目录")
        && k.chars().count() <= 60
        && !k.contains("……")
        && !numbered
        && !has_amount
}

/// The title block around the title line `l`: covers set the department in a large font on
/// the line(s) above "2024年度部门决算" (`中共上海市普陀区委` / `社会工作部2024年度` / `部门决算`),
/// and titles wrap (`2018年度江苏省高级` / `人民法院预算公开`). A title line that holds a year and
/// starts with a name is the whole title. Otherwise up to three stacked lines above join it:
/// lines without a label, a table of contents or digits other than a year's, within three
/// line heights (six for the first, cover-sized one); a line that opens with the year ends it.
fn title_block(lines: &[TextLine], l: &TextLine) -> String {
    let t = l.text.trim().to_string();
    let k = match_key(&t);
    let starts_bare = k.starts_with(|c: char| c.is_ascii_digit())
        || k.starts_with("部门")
        || k.starts_with("单位");
    if !starts_bare && !years_in(&k).is_empty() {
        return t;
    }
    let line_above = |below: &TextLine| {
        lines
            .iter()
            .filter(|p| p.page == l.page && p.bbox.bottom <= below.bbox.top + 1.0)
            .max_by(|a, b| a.bbox.bottom.total_cmp(&b.bbox.bottom))
    };
    let mut prefix: Vec<String> = Vec::new();
    let mut below = l;
    for step in 0..3 {
        let Some(a) = line_above(below) else { break };
        let ak = match_key(&a.text);
        let cover_sized = a.bbox.height() >= 0.6 * below.bbox.height();
        let reach = match (cover_sized, step) {
            (true, 0) => 6.0,
            (true, _) => 3.0,
            (false, _) => 1.5,
        };
        let fits = below.bbox.top - a.bbox.bottom < reach * below.bbox.height().max(10.0)
            && ak.chars().count() <= 40
            && !ak.is_empty()
            && !ak.contains("目录")
            && !ak.contains([':', '：'])
            && digits_only_in_year(&ak)
            && gongkai_normalize::parse_cn_date(a.text.trim()).is_none_or(|d| d.month.is_none());
        if !fits {
            break;
        }
        prefix.insert(0, a.text.trim().to_string());
        below = a;
        if ak.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
    }
    format!("{}{}", prefix.concat(), t)
}

/// The department named by a title (`2017年度江苏省高级人民法院部门预算公开`: after the year;
/// `中共上海市普陀区委社会工作部2024年度部门决算`: before it).
fn department_in_title(title: &str) -> Option<String> {
    let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    if t.starts_with(|c: char| c.is_ascii_digit()) {
        let after = t
            .split_once('年')
            .map(|(_, r)| r.trim_start_matches('度'))?;
        let end = after
            .find("部门")
            .or_else(|| after.find("单位"))
            .or_else(|| after.find("预算"))
            .or_else(|| after.find("决算"))?;
        let d = &after[..end];
        return (d.chars().count() >= 3).then(|| d.to_string());
    }
    let cut = t
        .find(|c: char| c.is_ascii_digit())
        .or_else(|| t.find("部门预算"))
        .or_else(|| t.find("部门决算"))?;
    let d = t[..cut].trim_end_matches(['(', '（']).to_string();
    // A body's name has three characters at least (财政局); what stands before the number
    // of a table caption taken as the title (`公开09表：…`, `附件2`) is no department.
    (d.chars().count() >= 3).then_some(d)
}

/// Recognises the document from its first pages' lines and its file name. Each fact comes
/// from its place: kind, year and department from the title block of the first three pages;
/// a department the title does not name (it names only the region) from a label on those
/// pages (`预算主管部门：…`, `部门：… 单位：万元`); the year, failing the title, from the table
/// captions; the department code from a caption `NNN 部门名`; the province from the
/// department, then the title and the department labels, and only then the text — and only
/// one of the 34 real ones. The file name is the last resort for year and department, and
/// each `…_source` field says where a value came from.
pub fn recognize_document(file_name: &str, lines: &[TextLine]) -> DocumentInfo {
    let title_line = lines
        .iter()
        .filter(|l| l.page <= 3)
        .find(|l| is_title_line(&l.text));
    let title = title_line.map(|l| title_block(lines, l));
    let key = title.as_deref().map(match_key).unwrap_or_default();
    let fname = match_key(file_name);
    let kind = if key.contains("决算") {
        Kind::Final
    } else if key.contains("预算") {
        Kind::Budget
    } else if fname.contains("决算") {
        Kind::Final
    } else if fname.contains("预算") {
        Kind::Budget
    } else {
        Kind::Unknown
    };
    let (fiscal_year, fiscal_year_source) = if let Some(&y) = years_in(&key).first() {
        (Some(y), Some("title"))
    } else if let Some(y) = caption_year(lines) {
        (Some(y), Some("caption"))
    } else {
        let y = years_in(&fname)
            .first()
            .copied()
            .or_else(|| two_digit_year(&fname))
            .or_else(|| bare_year(&fname));
        (y, y.map(|_| "file_name"))
    };
    let in_title = title.as_deref().and_then(department_in_title);
    // "预算主管部门：上海市普陀区商务委员会" names the department when the title names only
    // the region ("上海市普陀区2025年区级部门预算").
    let labelled = lines
        .iter()
        .filter(|l| l.page <= 3)
        .find_map(|l| labelled_name(&l.text));
    let region_only = in_title
        .as_deref()
        .is_none_or(|d| d.ends_with(['市', '区', '县', '省']));
    let (department, department_source) = match (in_title, labelled) {
        (Some(d), _) if !region_only => (Some(d), Some("title")),
        (_, Some(d)) => (Some(d), Some("label")),
        (Some(d), None) => (Some(d), Some("title")),
        (None, None) => (department_from_file_name(file_name), Some("file_name")),
    };
    let department_source = department.as_ref().and(department_source);
    let scope = if key.contains("单位预算") || key.contains("单位决算") || fname.contains("单位")
    {
        "unit"
    } else {
        "department"
    };
    let mut region = department.as_deref().map(region_of).unwrap_or_default();
    region.province_source = region.province.as_ref().map(|_| "department".to_string());
    if region.province.is_none() {
        // The title's own region ("江苏省2018年度省级部门预算公开报表"), a label's department,
        // then the most named real province of the text.
        let from_title = title
            .as_deref()
            .and_then(|t| leading_province(without_party_prefix(&match_key(t))));
        let from_labels = || {
            lines.iter().find_map(|l| {
                let name = labelled_name(&l.text)?;
                leading_province(without_party_prefix(&name))
            })
        };
        let (p, src) = if let Some(p) = from_title {
            (Some(p.to_string()), "title")
        } else if let Some(p) = from_labels() {
            (Some(p.to_string()), "caption")
        } else {
            (province_in_text(lines), "text")
        };
        region.province_source = p.as_ref().map(|_| src.to_string());
        region.province = p;
    }
    let department_code = department
        .as_deref()
        .and_then(|d| department_code(lines, d));
    let department_key = department.as_deref().map(department_key);
    // The cover date: the first full Chinese date on the title page or the next.
    let published = lines
        .iter()
        .filter(|l| title_line.is_some_and(|t| l.page <= t.page + 1))
        .filter(|l| l.text.chars().filter(|c| !c.is_whitespace()).count() <= 14)
        .find_map(|l| gongkai_normalize::parse_cn_date(l.text.trim()).filter(|d| d.month.is_some()))
        .and_then(|d| d.month.map(|m| format!("{:04}-{m:02}", d.year)));
    DocumentInfo {
        kind,
        fiscal_year,
        fiscal_year_source: fiscal_year_source.map(String::from),
        title,
        title_page: title_line.map(|l| l.page),
        department,
        department_source: department_source.map(String::from),
        department_key,
        scope: scope.to_string(),
        department_code,
        region,
        published,
    }
}

/// Last resort: the file name before its year ("江苏省委办公厅2017年预算公开表格.pdf").
fn department_from_file_name(file_name: &str) -> Option<String> {
    let stem = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let name: String = stem
        .chars()
        .take_while(|c| !c.is_ascii_digit())
        .filter(|c| !c.is_whitespace())
        .collect();
    let generic = ["预算", "决算", "附件", "公开", "部门", "单位"]
        .iter()
        .any(|w| name.contains(w));
    // A department is named in Chinese: a Latin stem (`jiangsu-court-2018-p11.pdf`) names
    // a file, not a body.
    let chinese = name.chars().all(gongkai_normalize::is_cjk);
    (name.chars().count() >= 4 && !generic && chinese).then_some(name)
}

/// A lone four-digit year in a file name (`…办公厅2018度部门预算公开表` misses its 年).
fn bare_year(s: &str) -> Option<i32> {
    let chars: Vec<char> = s.chars().collect();
    let found: Vec<i32> = (0..chars.len().saturating_sub(3))
        .filter(|&i| {
            (i == 0 || !chars[i - 1].is_ascii_digit())
                && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        })
        .filter_map(|i| {
            chars[i..i + 4]
                .iter()
                .collect::<String>()
                .parse::<i32>()
                .ok()
        })
        .filter(|y| (1990..=2099).contains(y))
        .collect();
    (found.len() == 1).then(|| found[0])
}

/// `25年预算` → 2025 (Shanghai file names).
fn two_digit_year(s: &str) -> Option<i32> {
    let chars: Vec<char> = s.chars().collect();
    let i = chars.iter().position(|&c| c == '年')?;
    if i >= 2
        && chars[i - 1].is_ascii_digit()
        && chars[i - 2].is_ascii_digit()
        && (i == 2 || !chars[i - 3].is_ascii_digit())
    {
        let y: i32 = chars[i - 2..i].iter().collect::<String>().parse().ok()?;
        return Some(2000 + y);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_geom::Rect;

    fn line(page: u32, t: &str) -> TextLine {
        TextLine {
            page,
            text: t.into(),
            bbox: Rect::default(),
        }
    }

    #[test]
    fn seed_title() {
        let lines = vec![
            line(
                1,
                "中共秦皇岛经济技术开发区工作委员会党建工作部 2021 年预算公开",
            ),
            line(1, "二〇二一年三月"),
        ];
        let d = recognize_document("000.pdf", &lines);
        assert_eq!(d.kind, Kind::Budget);
        assert_eq!(d.fiscal_year, Some(2021));
        assert_eq!(
            d.department.as_deref(),
            Some("中共秦皇岛经济技术开发区工作委员会党建工作部")
        );
    }

    #[test]
    fn a_table_caption_as_title_names_no_department() {
        // jiangsu-procuratorate-2018-p19: a page cut from the document, its first line the
        // caption of table 公开09表; the department is the labelled one under it.
        assert_eq!(
            department_in_title("公开09表：一般公共预算“三公”经费、会议费、培训费支出预算表"),
            None
        );
        let lines = vec![
            line(1, "公开09表：一般公共预算“三公”经费、会议费、培训费"),
            line(1, "支出预算表"),
            line(1, "部门： 江苏省人民检察院 单位：万元"),
        ];
        let d = recognize_document("jiangsu-procuratorate-2018-p19.pdf", &lines);
        assert_eq!(
            (d.department.as_deref(), d.department_source.as_deref()),
            (Some("江苏省人民检察院"), Some("label"))
        );
    }

    #[test]
    fn department_on_the_line_above() {
        let lines = vec![
            TextLine {
                page: 1,
                text: "上海市普陀区财政局".into(),
                bbox: Rect {
                    x0: 100.0,
                    top: 100.0,
                    x1: 300.0,
                    bottom: 120.0,
                },
            },
            TextLine {
                page: 1,
                text: "2024年度部门决算".into(),
                bbox: Rect {
                    x0: 100.0,
                    top: 130.0,
                    x1: 300.0,
                    bottom: 150.0,
                },
            },
        ];
        let d = recognize_document("x.pdf", &lines);
        assert_eq!(
            (d.kind, d.fiscal_year, d.department.as_deref()),
            (Kind::Final, Some(2024), Some("上海市普陀区财政局"))
        );
    }

    fn at(text: &str, top: f64, size: f64) -> TextLine {
        TextLine {
            page: 1,
            text: text.into(),
            bbox: Rect {
                x0: 100.0,
                top,
                x1: 300.0,
                bottom: top + size,
            },
        }
    }

    /// Covers of the Jiangsu corpus (read off page 1 of each).
    #[test]
    fn cover_titles_in_pieces() {
        // 2017年省检察院部门预算.pdf: the name 214 pt above the year line, both ~40 pt.
        let d = recognize_document(
            "x.pdf",
            &[
                at("江苏省人民检察院", 214.9, 39.9),
                at("2017年部门预算", 468.6, 44.0),
                at("目 录", 600.0, 20.0),
            ],
        );
        assert_eq!(
            (d.fiscal_year, d.department.as_deref()),
            (Some(2017), Some("江苏省人民检察院"))
        );
        // 省人大办公厅2018预算公开.pdf: the title wraps after 部门.
        let d = recognize_document(
            "x.pdf",
            &[
                at("江苏省人大常委会办公厅2018年度部门", 200.0, 30.0),
                at("预算公开", 236.0, 30.0),
            ],
        );
        assert_eq!(
            (d.kind, d.fiscal_year, d.department.as_deref()),
            (Kind::Budget, Some(2018), Some("江苏省人大常委会办公厅"))
        );
        // 省法院2018年度部门预算公开.pdf: year first, the name wraps.
        let d = recognize_document(
            "x.pdf",
            &[
                at("2018年度江苏省高级", 200.0, 30.0),
                at("人民法院预算公开", 236.0, 30.0),
                at("2018年2月24日", 400.0, 16.0),
            ],
        );
        assert_eq!(
            (d.fiscal_year, d.department.as_deref()),
            (Some(2018), Some("江苏省高级人民法院"))
        );
        // 江苏省政协办公厅2018度部门预算公开表.pdf: tables only; "部门：" names it, the file the year.
        let d = recognize_document(
            "江苏省政协办公厅2018度部门预算公开表.pdf",
            &[
                at("收支预算总表", 50.0, 16.0),
                at("部门：江苏省政协办公厅 单位：万元", 80.0, 10.0),
            ],
        );
        assert_eq!(
            (d.fiscal_year, d.department.as_deref()),
            (Some(2018), Some("江苏省政协办公厅"))
        );
        // Putuo unit budgets: the title names the region, "预算单位：" the unit.
        let d = recognize_document(
            "x.pdf",
            &[
                at("上海市普陀区2025年区级单位预算", 100.0, 24.0),
                at("预算单位：上海市普陀区商务委员会", 150.0, 16.0),
            ],
        );
        assert_eq!(
            (d.scope.as_str(), d.department.as_deref()),
            ("unit", Some("上海市普陀区商务委员会"))
        );
    }

    #[test]
    fn regions() {
        let r = region_of("上海市云浦区文化和旅游局");
        assert_eq!(
            (
                r.province.as_deref(),
                r.city.as_deref(),
                r.district.as_deref()
            ),
            (Some("上海市"), Some("上海市"), Some("云浦区"))
        );
        let r = region_of("青水市柳川县水利局");
        assert_eq!(
            (
                r.province.as_deref(),
                r.city.as_deref(),
                r.district.as_deref()
            ),
            (None, Some("青水市"), Some("柳川县"))
        );
        let r = region_of("江苏省高级人民法院");
        assert_eq!(
            (
                r.province.as_deref(),
                r.city.as_deref(),
                r.district.as_deref()
            ),
            (Some("江苏省"), None, None)
        );
        let r = region_of("东川市统计局");
        assert_eq!(
            (r.city.as_deref(), r.district.as_deref()),
            (Some("东川市"), None)
        );
    }

    #[test]
    fn a_latin_file_name_names_no_department() {
        let d = recognize_document("jiangsu-court-2018-p11.pdf", &[line(1, "收入 支出")]);
        assert_eq!(d.department, None);
        let d = recognize_document(
            "江苏省委办公厅2017年预算公开表格.pdf",
            &[line(1, "收支预算总表")],
        );
        assert_eq!(d.department.as_deref(), Some("江苏省委办公厅"));
    }

    #[test]
    fn year_from_shanghai_file_name() {
        let d = recognize_document(
            "上海市普陀区人民政府办公室25年预算.pdf",
            &[line(1, "部门预算")],
        );
        assert_eq!(
            (d.kind, d.fiscal_year, d.fiscal_year_source.as_deref()),
            (Kind::Budget, Some(2025), Some("file_name"))
        );
    }

    fn boxed(page: u32, text: &str, b: [f64; 4]) -> TextLine {
        TextLine {
            page,
            text: text.into(),
            bbox: Rect {
                x0: b[0],
                top: b[1],
                x1: b[2],
                bottom: b[3],
            },
        }
    }

    /// A phrase naming no province ("国家和省相关标准") gives none; only the 34 real names count,
    /// and the department's own province comes before anything in the text.
    #[test]
    fn province_is_a_real_one() {
        let d = recognize_document(
            "x.pdf",
            &[
                line(1, "青州市民政局2024年部门预算"),
                line(3, "严格执行国家和省相关标准，家和省里的规定"),
            ],
        );
        assert_eq!(
            (d.region.province, d.region.city.as_deref()),
            (None, Some("青州市"))
        );
        let d = recognize_document(
            "x.pdf",
            &[
                line(1, "青州市民政局2024年部门预算"),
                line(
                    3,
                    "按照《地方预决算公开操作规程》和山东省预决算公开有关规定",
                ),
                line(3, "执行国家和省有关方针政策"),
            ],
        );
        assert_eq!(
            (
                d.region.province.as_deref(),
                d.region.province_source.as_deref()
            ),
            (Some("山东省"), Some("text"))
        );
        // An invented province in the name is skipped, not taken for a city.
        let r = region_of("北平省东川市统计局");
        assert_eq!((r.province, r.city.as_deref()), (None, Some("东川市")));
        // The party prefix is not part of the region.
        let r = region_of("中国共产党江苏省委员会办公厅");
        assert_eq!((r.province.as_deref(), r.city), (Some("江苏省"), None));
        let r = region_of("中共上海市普陀区委社会工作部");
        assert_eq!(
            (
                r.province.as_deref(),
                r.city.as_deref(),
                r.district.as_deref()
            ),
            (Some("上海市"), Some("上海市"), Some("普陀区"))
        );
    }

    /// `203  青州市民政局` above the tables is the department's code, however the caption
    /// spaces, suffixes or shortens the name.
    #[test]
    fn department_code_from_captions() {
        let title = line(1, "青州市民政局2024年部门预算公开");
        for caption in [
            "203  青州市民政局",
            "203青州市民政局",
            "203 青州市 民政局",
            "203 市民政局",
            "编制部门：203 青州市民政局 单位：万元",
            "203001 青州市民政局(本级)",
            "203001 青州市民政局本级",
        ] {
            let d = recognize_document("x.pdf", &[title.clone(), line(7, caption)]);
            assert_eq!(d.department_code.as_deref(), Some("203"), "{caption}");
        }
        // Another body's caption, or a number in running text, is no code of this one.
        for other in ["204 青州市财政局", "2024年青州市民政局部门预算"] {
            let d = recognize_document("x.pdf", &[title.clone(), line(7, other)]);
            assert_eq!(d.department_code, None, "{other}");
        }
        // The department's own name wins over its 本级 unit's.
        let d = recognize_document(
            "x.pdf",
            &[
                title.clone(),
                line(7, "203001 青州市民政局本级"),
                line(8, "203 青州市民政局"),
            ],
        );
        assert_eq!(d.department_code.as_deref(), Some("203"));
    }

    /// Title pages of the corpus, boxes as printed (read off page 1 of each).
    #[test]
    fn title_blocks_of_the_corpus() {
        // 中共上海市普陀区委社会工作部 2024 年度部门决算.pdf: three cover lines, the year in
        // the middle one.
        let d = recognize_document(
            "x.pdf",
            &[
                boxed(1, "中共上海市普陀区委", [135.0, 277.0, 460.0, 313.0]),
                boxed(1, "社会工作部2024年度", [126.0, 339.0, 469.0, 375.0]),
                boxed(1, "部门决算", [225.0, 402.0, 370.0, 438.0]),
                boxed(2, "目 录", [274.0, 113.0, 322.0, 129.0]),
            ],
        );
        assert_eq!(
            (
                d.kind,
                d.fiscal_year,
                d.fiscal_year_source.as_deref(),
                d.department.as_deref(),
                d.department_key.as_deref(),
                d.region.province.as_deref(),
                d.region.district.as_deref()
            ),
            (
                Kind::Final,
                Some(2024),
                Some("title"),
                Some("中共上海市普陀区委社会工作部"),
                Some("上海市普陀区委社会工作部"),
                Some("上海市"),
                Some("普陀区")
            )
        );
        // 江苏省委办公厅2018年度部门预算公开表.pdf: a cover of the tables file ("…公开报表" is
        // the document, not a table), the department on its label line.
        let d = recognize_document(
            "江苏省委办公厅2018年度部门预算公开表.pdf",
            &[
                boxed(1, "江苏省2018年度", [309.0, 98.0, 563.0, 134.0]),
                boxed(1, "省级部门预算公开报表", [255.0, 213.0, 617.0, 249.0]),
                boxed(1, "部门:中共江苏省委办公厅", [280.0, 312.0, 591.0, 338.0]),
                boxed(1, "江苏省财政厅印制", [339.0, 507.0, 546.0, 533.0]),
            ],
        );
        assert_eq!(
            (
                d.fiscal_year_source.as_deref(),
                d.department.as_deref(),
                d.department_source.as_deref(),
                d.department_key.as_deref()
            ),
            (
                Some("title"),
                Some("中共江苏省委办公厅"),
                Some("label"),
                Some("江苏省委办公厅")
            )
        );
        // 江苏省政协办公厅2018年度部门预算.pdf: the year on the department's line.
        let d = recognize_document(
            "x.pdf",
            &[
                boxed(1, "江苏省政协办公厅2018年度", [138.0, 356.0, 463.0, 382.0]),
                boxed(1, "部门预算公开", [222.0, 401.0, 379.0, 427.0]),
            ],
        );
        assert_eq!(
            (d.fiscal_year, d.department.as_deref()),
            (Some(2018), Some("江苏省政协办公厅"))
        );
    }

    /// Tables-only files: the year from the table captions, not from a part heading.
    #[test]
    fn year_from_captions() {
        let d = recognize_document(
            "江苏省政协办公厅2019年预算公开表.pdf",
            &[
                line(1, "收支预算总表"),
                line(1, "部门： 江苏省政协办公厅 单位：万元"),
                line(12, "2019年政府采购预算表"),
            ],
        );
        assert_eq!(
            (d.fiscal_year, d.fiscal_year_source.as_deref()),
            (Some(2019), Some("caption"))
        );
        let d = recognize_document(
            "江苏省政协办公厅2019年度部门预算.pdf",
            &[
                line(2, "第二部分 2019年度部门预算表"),
                line(18, "附件：江苏省政协办公厅2019年度部门预算公开表"),
            ],
        );
        assert_eq!(d.fiscal_year_source.as_deref(), Some("file_name"));
    }

    /// A department label: up to the unit, also when a wrap put the unit's 元 on its line.
    #[test]
    fn labelled_names() {
        assert_eq!(
            labelled_name("部门名称：江苏省高级人民法院 元").as_deref(),
            Some("江苏省高级人民法院")
        );
        assert_eq!(
            labelled_name("部门： 江苏省人民检察院 单位：万元").as_deref(),
            Some("江苏省人民检察院")
        );
        assert_eq!(
            labelled_name("编制部门：上海市普陀区人民政府万里街道办事处 单位：元").as_deref(),
            Some("上海市普陀区人民政府万里街道办事处")
        );
        // A header cell or a heading is no label.
        assert_eq!(
            labelled_name("单位名称 单位性质 单位规格 经费保障形式"),
            None
        );
        assert_eq!(labelled_name("部门职能和机构设置"), None);
    }
}
