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
}

/// Recognises the document from its first pages' lines and its file name.
pub fn recognize_document(file_name: &str, lines: &[TextLine]) -> DocumentInfo {
    // The title: the first line on the first three pages that names 预算 or 决算 and is
    // not a table title or a TOC entry.
    let title_line = lines
        .iter()
        .filter(|l| l.page <= 3)
        .find(|l| {
            let k = match_key(&l.text);
            (k.contains("预算") || k.contains("决算")) && !k.ends_with('表') && !k.contains("目录") && k.chars().count() <= 60 && !k.contains("……")
        });
    // Covers often put the department on the line above "2024年度部门决算".
    let title = title_line.map(|l| {
        let t = l.text.trim().to_string();
        let starts_bare = t.starts_with(|c: char| c.is_ascii_digit()) || t.starts_with("部门") || t.starts_with("单位");
        let above = lines.iter().filter(|p| p.page == l.page && p.bbox.bottom <= l.bbox.top + 1.0).max_by(|a, b| a.bbox.bottom.total_cmp(&b.bbox.bottom));
        match above {
            Some(a) if starts_bare && l.bbox.top - a.bbox.bottom < 3.0 * l.bbox.height().max(10.0) && !a.text.chars().any(|c| c.is_ascii_digit()) && a.text.chars().count() <= 40 => format!("{}{}", a.text.trim(), t),
            _ => t,
        }
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
    let (mut fiscal_year, mut source) = (years_in(&key).first().copied(), Some("title".to_string()));
    if fiscal_year.is_none() {
        fiscal_year = years_in(&fname).first().copied().or_else(|| two_digit_year(&fname));
        source = fiscal_year.map(|_| "file_name".to_string());
    }
    let department = title.as_deref().and_then(|t| {
        let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        let cut = t.find(|c: char| c.is_ascii_digit()).or_else(|| t.find("部门预算")).or_else(|| t.find("部门决算"))?;
        let d = t[..cut].trim_end_matches(['(', '（']).to_string();
        (!d.is_empty()).then_some(d)
    });
    let scope = if key.contains("单位预算") || key.contains("单位决算") || fname.contains("单位") { "unit" } else { "department" };
    DocumentInfo {
        kind,
        fiscal_year,
        fiscal_year_source: fiscal_year.and(source),
        title,
        title_page: title_line.map(|l| l.page),
        department,
        scope: scope.to_string(),
    }
}

/// `25年预算` → 2025 (Shanghai file names).
fn two_digit_year(s: &str) -> Option<i32> {
    let chars: Vec<char> = s.chars().collect();
    let i = chars.iter().position(|&c| c == '年')?;
    if i >= 2 && chars[i - 1].is_ascii_digit() && chars[i - 2].is_ascii_digit() && (i == 2 || !chars[i - 3].is_ascii_digit()) {
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
        TextLine { page, text: t.into(), bbox: Rect::default() }
    }

    #[test]
    fn seed_title() {
        let lines = vec![line(1, "中共秦皇岛经济技术开发区工作委员会党建工作部 2021 年预算公开"), line(1, "二〇二一年三月")];
        let d = recognize_document("000.pdf", &lines);
        assert_eq!(d.kind, Kind::Budget);
        assert_eq!(d.fiscal_year, Some(2021));
        assert_eq!(d.department.as_deref(), Some("中共秦皇岛经济技术开发区工作委员会党建工作部"));
    }

    #[test]
    fn department_on_the_line_above() {
        let lines = vec![
            TextLine { page: 1, text: "上海市普陀区财政局".into(), bbox: Rect { x0: 100.0, top: 100.0, x1: 300.0, bottom: 120.0 } },
            TextLine { page: 1, text: "2024年度部门决算".into(), bbox: Rect { x0: 100.0, top: 130.0, x1: 300.0, bottom: 150.0 } },
        ];
        let d = recognize_document("x.pdf", &lines);
        assert_eq!((d.kind, d.fiscal_year, d.department.as_deref()), (Kind::Final, Some(2024), Some("上海市普陀区财政局")));
    }

    #[test]
    fn year_from_shanghai_file_name() {
        let d = recognize_document("上海市普陀区人民政府办公室25年预算.pdf", &[line(1, "部门预算")]);
        assert_eq!((d.kind, d.fiscal_year, d.fiscal_year_source.as_deref()), (Kind::Budget, Some(2025), Some("file_name")));
    }
}
