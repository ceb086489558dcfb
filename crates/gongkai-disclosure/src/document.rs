//! Document-level recognition: title, budget or final account, fiscal year, department.

use gongkai_normalize::{match_key, years_in};
use serde::{Deserialize, Serialize};

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
    /// Where the year came from (`title`, `file_name`).
    pub fiscal_year_source: Option<String>,
    /// The title line.
    pub title: Option<String>,
    /// Page of the title line.
    pub title_page: Option<u32>,
    /// Department (or unit) name, from the title.
    pub department: Option<String>,
    /// `department` or `unit` scope (单位预算 / 单位决算 → unit).
    pub scope: String,
    /// Department code (预算单位编码 prefix), from a `131 东川市统计局` line.
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
}

const MUNICIPALITIES: [&str; 4] = ["北京市", "上海市", "天津市", "重庆市"];

/// Splits the administrative prefix of a department name: `上海市云浦区文化和旅游局` →
/// 上海市 / 上海市 / 云浦区; `青水市柳川县水利局` → city 青水市, district 柳川县.
fn region_of(name: &str) -> Region {
    let chars: Vec<char> = name.chars().collect();
    let mut r = Region::default();
    let mut i = 0;
    let take = |from: usize, ends: &[char], max: usize| -> Option<usize> {
        (from + 1..chars.len().min(from + max + 1)).find(|&j| ends.contains(&chars[j]))
    };
    if let Some(j) = take(i, &['省'], 8) {
        r.province = Some(chars[i..=j].iter().collect());
        i = j + 1;
    }
    if let Some(j) = take(i, &['市', '州', '盟'], 6) {
        let city: String = chars[i..=j].iter().collect();
        if r.province.is_none() && MUNICIPALITIES.contains(&city.as_str()) {
            r.province = Some(city.clone());
        }
        r.city = Some(city);
        i = j + 1;
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

/// The most frequent `XX省` in the text (budget texts cite "按照…河北省预决算公开有关规定").
fn province_in_text(lines: &[TextLine]) -> Option<String> {
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for l in lines {
        let chars: Vec<char> = l.text.chars().filter(|c| !c.is_whitespace()).collect();
        for (j, &c) in chars.iter().enumerate() {
            if c == '省' && j >= 2 {
                let name: String = chars[j - 2..=j].iter().collect();
                if name
                    .chars()
                    .take(2)
                    .all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
                    && !name.starts_with([
                        '本', '全', '及', '和', '与', '外', '各', '等', '该', '我', '省', '分',
                        '跨',
                    ])
                {
                    *counts.entry(name).or_default() += 1;
                }
            }
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(k, _)| k)
}

/// A `131 东川市统计局` line (the department code before its name).
fn department_code(lines: &[TextLine], department: &str) -> Option<String> {
    let dept = match_key(department);
    lines.iter().find_map(|l| {
        let k = match_key(&l.text);
        let digits: String = k.chars().take_while(|c| c.is_ascii_digit()).collect();
        ((3..=6).contains(&digits.len()) && k[digits.len()..] == dept).then_some(digits)
    })
}

/// Recognises the document from its first pages' lines and its file name.
pub fn recognize_document(file_name: &str, lines: &[TextLine]) -> DocumentInfo {
    // The title: the first line on the first three pages that names 预算 or 决算 and is
    // not a table title or a TOC entry.
    let title_line = lines.iter().filter(|l| l.page <= 3).find(|l| {
        let k = match_key(&l.text);
        // Not a table row ("1.一般公共预算 9,066.79 …") or a numbered heading.
        let numbered = gongkai_normalize::strip_ordinal(&k).len() != k.len()
            && !k.starts_with(|c: char| c.is_ascii_digit() && k.contains('年'));
        let has_amount =
            k.contains(|c: char| c == ',' || c == '.') && k.chars().any(|c| c.is_ascii_digit());
        let numbered = numbered || (k.starts_with('第') && k.contains("部分"));
        (k.contains("预算") || k.contains("决算"))
            && !k.ends_with('表')
            && !k.contains("目录")
            && k.chars().count() <= 60
            && !k.contains("……")
            && !numbered
            && !has_amount
    });
    // Covers often put the department on the line(s) above "2024年度部门决算", wrapped
    // ("上海市普陀区规划和自然" / "资源局"): join up to three stacked lines without digits.
    let title = title_line.map(|l| {
        let t = l.text.trim().to_string();
        let line_above = |below: &TextLine| {
            lines
                .iter()
                .filter(|p| p.page == l.page && p.bbox.bottom <= below.bbox.top + 1.0)
                .max_by(|a, b| a.bbox.bottom.total_cmp(&b.bbox.bottom))
        };
        let starts_bare = t.starts_with(|c: char| c.is_ascii_digit())
            || t.starts_with("部门")
            || t.starts_with("单位");
        if !starts_bare {
            // A title wrapped over lines ("江苏省人大常委会办公厅2018年度部门" / "预算公开",
            // "2018年度江苏省高级" / "人民法院预算公开"): the line found holds no year; the
            // closely stacked lines above, up to the one with the year, belong to it.
            if !years_in(&match_key(&t)).is_empty() {
                return t;
            }
            let mut joined = t.clone();
            let mut below = l;
            for _ in 0..2 {
                match line_above(below) {
                    Some(a)
                        if below.bbox.top - a.bbox.bottom < 1.5 * below.bbox.height().max(10.0)
                            && a.text.chars().count() <= 40
                            && !match_key(&a.text).contains("目录") =>
                    {
                        joined = format!("{}{joined}", a.text.trim());
                        below = a;
                        if !years_in(&match_key(&a.text)).is_empty() {
                            return joined;
                        }
                    }
                    _ => break,
                }
            }
            return t;
        }
        let mut prefix: Vec<String> = Vec::new();
        let mut below = l;
        for step in 0..3 {
            // Covers set the department in a large font well above "2017年部门预算"; the
            // first step reaches further when the line above is cover-sized.
            let reach = |a: &TextLine| {
                if step == 0 && a.bbox.height() >= 0.6 * below.bbox.height() {
                    6.0
                } else {
                    3.0
                }
            };
            match line_above(below) {
                Some(a)
                    if below.bbox.top - a.bbox.bottom
                        < reach(a) * below.bbox.height().max(10.0)
                        && !a.text.chars().any(|c| c.is_ascii_digit())
                        && a.text.chars().count() <= 40
                        && !a.text.contains("公开") =>
                {
                    prefix.insert(0, a.text.trim().to_string());
                    below = a;
                }
                _ => break,
            }
        }
        format!("{}{}", prefix.concat(), t)
    });
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
    let (mut fiscal_year, mut source) =
        (years_in(&key).first().copied(), Some("title".to_string()));
    if fiscal_year.is_none() {
        fiscal_year = years_in(&fname)
            .first()
            .copied()
            .or_else(|| two_digit_year(&fname))
            .or_else(|| bare_year(&fname));
        source = fiscal_year.map(|_| "file_name".to_string());
    }
    let department = title.as_deref().and_then(|t| {
        let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        // "2017年度江苏省高级人民法院部门预算公开": the name follows the year.
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
        (!d.is_empty()).then_some(d)
    });
    // "预算主管部门：上海市普陀区商务委员会" names the department when the title names only
    // the region ("上海市普陀区2025年区级部门预算").
    let labelled = lines.iter().filter(|l| l.page <= 3).find_map(|l| {
        let k = match_key(&l.text);
        [
            "预算主管部门",
            "预算单位",
            "主管部门",
            "编制部门",
            "编制单位",
            "部门名称",
            "单位名称",
            "部门:",
            "部门：",
        ]
        .iter()
        .find_map(|label| {
            let rest = k.strip_prefix(label)?.trim_start_matches([':', '：']);
            let name = rest
                .split("单位:")
                .next()
                .unwrap_or(rest)
                .split("单位：")
                .next()
                .unwrap_or(rest);
            (name.chars().count() >= 4).then(|| name.to_string())
        })
    });
    let region_only = department
        .as_deref()
        .is_none_or(|d| d.ends_with(['市', '区', '县', '省']));
    let department = if region_only {
        labelled.or(department)
    } else {
        department
    };
    // Last resort: the file name before its year ("江苏省委办公厅2017年预算公开表格.pdf").
    let department = department.or_else(|| {
        let stem = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
        let name: String = stem
            .chars()
            .take_while(|c| !c.is_ascii_digit())
            .filter(|c| !c.is_whitespace())
            .collect();
        let generic = ["预算", "决算", "附件", "公开", "部门", "单位"]
            .iter()
            .any(|w| name.contains(w));
        (name.chars().count() >= 4 && !generic).then_some(name)
    });
    let scope = if key.contains("单位预算") || key.contains("单位决算") || fname.contains("单位")
    {
        "unit"
    } else {
        "department"
    };
    let mut region = department.as_deref().map(region_of).unwrap_or_default();
    if region.province.is_none() {
        region.province = province_in_text(lines);
    }
    let department_code = department
        .as_deref()
        .and_then(|d| department_code(lines, d));
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
        fiscal_year_source: fiscal_year.and(source),
        title,
        title_page: title_line.map(|l| l.page),
        department,
        scope: scope.to_string(),
        department_code,
        region,
        published,
    }
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
}
