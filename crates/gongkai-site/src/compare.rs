//! The comparison page: one line of the standard tables across departments and years.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{json, Value as Json};

use crate::html::{esc, file_name, href, shell, wan};
use crate::Doc;

/// One line comparable across documents: a row of a standard table type and a column.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// `budget.three_public|合计|total`.
    pub key: String,
    /// What a reader sees: table type, row, column header.
    pub label: String,
    /// One point per document holding the line, sorted by department key and year.
    pub points: Vec<Point>,
}

/// The line's value in one document.
#[derive(Debug, Clone)]
pub(crate) struct Point {
    pub department_key: String,
    pub department: String,
    pub year: String,
    /// The amount in 万元, exactly (moved from the yuan value).
    pub wan: String,
    /// As printed, with the table's unit.
    pub printed: String,
    /// The document's output name.
    pub doc: String,
}

fn s(v: &Json) -> &str {
    v.as_str().unwrap_or("")
}

/// The row of a line: a two-sided table's canonical line, a total, or a 类 by its code.
fn row_key(r: &Json) -> Option<String> {
    if let Some(l) = r["line"].as_str() {
        return Some(l.to_string());
    }
    match s(&r["kind"]) {
        "total" | "grand_total" => Some(s(&r["kind"]).to_string()),
        "class" => r["code"].as_str().map(|c| format!("class.{c}")),
        _ => None,
    }
}

/// The printed header of a row's column: its block's for a row of a second block or panel
/// (`e2/amount`), its side's in a two-sided table (an expenditure line's `支出/决算数`, not
/// the income side's), else the column's.
fn column_header<'a>(t: &'a Json, r: &Json, col: &'a str) -> &'a str {
    r["id"]
        .as_str()
        .and_then(|id| id.rsplit_once('.'))
        .and_then(|(_, block)| t["headers"][format!("{block}/{col}")].as_str())
        .or_else(|| {
            r["side"]
                .as_str()
                .and_then(|side| t["headers"][format!("{side}/{col}")].as_str())
        })
        .or(t["headers"][col].as_str())
        .unwrap_or(col)
}

/// `label` without the years it names (`2024年`, `2024年度`).
fn without_years(label: &str) -> String {
    let chars: Vec<char> = label.chars().collect();
    let mut out = String::with_capacity(label.len());
    let mut i = 0;
    while i < chars.len() {
        let year = i + 5 <= chars.len()
            && chars[i..i + 4].iter().all(char::is_ascii_digit)
            && chars[i + 4] == '年'
            && (i == 0 || !chars[i - 1].is_ascii_digit());
        if year {
            i += 5;
            if chars.get(i) == Some(&'度') {
                i += 1;
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Every line held by at least two documents, the most widely held first.
pub(crate) fn lines(docs: &[Doc]) -> Vec<Line> {
    let mut by_key: BTreeMap<String, Line> = BTreeMap::new();
    // Inputs of the same bytes (a copy under another name, listed in report.json's
    // `duplicates`) give one point, unless their names tell two scopes apart.
    let mut seen: std::collections::BTreeSet<(String, String, String, String)> = Default::default();
    for d in docs {
        let Some(j) = &d.json else { continue };
        let f = d.facts();
        for t in j["records"]["tables"].as_array().into_iter().flatten() {
            let tt = s(&t["table_type"]);
            if !crate::is_standard(tt) {
                continue;
            }
            let unit = t["unit"].as_str().unwrap_or("");
            for r in t["rows"].as_array().into_iter().flatten() {
                let Some(rk) = row_key(r) else { continue };
                for (col, v) in r["values"].as_object().into_iter().flatten() {
                    let Some(w) = v["yuan"].as_str().and_then(wan) else {
                        continue;
                    };
                    let key = format!("{tt}|{rk}|{col}");
                    let line = by_key.entry(key.clone()).or_insert_with(|| Line {
                        key,
                        label: format!(
                            "{tt} · {} · {}",
                            if s(&r["name"]).is_empty() {
                                rk.as_str()
                            } else {
                                s(&r["name"])
                            },
                            column_header(t, r, col)
                        ),
                        points: Vec::new(),
                    });
                    // One point per document: the first printing of the line.
                    if line.points.iter().any(|p| p.doc == d.name()) {
                        continue;
                    }
                    // A body's 部门 and 单位 budgets share key, year and kind: the label
                    // says which is which.
                    let department = match s(&f["scope"]) {
                        "unit" => format!("{}（单位）", s(&f["department"])),
                        _ => s(&f["department"]).to_string(),
                    };
                    let year = f["fiscal_year"]
                        .as_u64()
                        .map_or(String::new(), |y| y.to_string());
                    let sha = s(&d.entry["sha256"]).to_string();
                    if !sha.is_empty()
                        && !seen.insert((line.key.clone(), sha, department.clone(), year.clone()))
                    {
                        continue;
                    }
                    line.points.push(Point {
                        department_key: s(&f["department_key"]).to_string(),
                        department,
                        year,
                        wan: w,
                        printed: format!("{} {unit}", s(&v["raw"])),
                        doc: d.name().to_string(),
                    });
                }
            }
        }
    }
    let mut out: Vec<Line> = by_key
        .into_values()
        .filter(|l| l.points.len() >= 2)
        .map(|mut l| {
            // A header naming a year (`2024年"三公"经费预算数/合计`) names it for a line
            // of one year only.
            let first = l.points.first().map(|p| p.year.clone());
            if l.points.iter().any(|p| Some(&p.year) != first.as_ref()) {
                l.label = without_years(&l.label);
            }
            l.points.sort_by(|a, b| {
                (&a.department_key, &a.year, &a.doc).cmp(&(&b.department_key, &b.year, &b.doc))
            });
            l
        })
        .collect();
    out.sort_by(|a, b| b.points.len().cmp(&a.points.len()).then(a.key.cmp(&b.key)));
    out
}

/// The line shown first: a 三公 total if any document has one, else the most widely held.
fn default_line(lines: &[Line]) -> Option<usize> {
    lines
        .iter()
        .position(|l| l.key.contains("three_public|") && l.key.ends_with("|total"))
        .or((!lines.is_empty()).then_some(0))
}

/// The line's table (server-rendered; the script renders the same for another line).
fn table_html(l: &Line) -> String {
    let mut h = format!(
        "<table id=\"compare-table\" data-line=\"{}\"><thead><tr><th>部门 department</th>\
         <th>年度 year</th><th class=\"num\">万元</th><th>as printed</th><th>document</th>\
         </tr></thead><tbody>\n",
        esc(&l.key)
    );
    for p in &l.points {
        let _ = writeln!(
            h,
            "<tr><td title=\"{}\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td>\
             <td><a href=\"doc/{}.html\">{}</a></td></tr>",
            esc(&p.department_key),
            esc(&p.department),
            esc(&p.year),
            esc(&p.wan),
            esc(&p.printed),
            esc(&href(&file_name(&p.doc))),
            esc(&p.doc)
        );
    }
    h.push_str("</tbody></table>\n");
    h
}

/// The line's bar chart as inline SVG (server-rendered for the first line).
fn chart_svg(l: &Line) -> String {
    let vals: Vec<f64> = l
        .points
        .iter()
        .map(|p| p.wan.parse().unwrap_or(0.0))
        .collect();
    let max = vals.iter().cloned().fold(0.0_f64, f64::max).max(1e-9);
    let bar_h = 18.0;
    let height = bar_h * vals.len() as f64 + 10.0;
    let mut svg = format!(
        "<svg id=\"compare-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"{height:.0}\" role=\"img\">"
    );
    for (i, (p, v)) in l.points.iter().zip(&vals).enumerate() {
        let y = 5.0 + bar_h * i as f64;
        let w = 420.0 * v.max(0.0) / max;
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{:.1}\" font-size=\"11\">{} {}</text>\
             <rect x=\"250\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"#4a78b5\"></rect>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\">{}</text>",
            y + 12.0,
            esc(&p.department),
            esc(&p.year),
            bar_h - 4.0,
            255.0 + w,
            y + 12.0,
            esc(&p.wan)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The comparison page.
pub(crate) fn page(lines: &[Line]) -> String {
    let mut body = String::from("<header><h1>比较 Compare</h1></header>\n");
    let Some(first) = default_line(lines) else {
        body.push_str("<p>No line is held by two documents.</p>\n");
        return shell("gongkai · compare", "", &body);
    };
    body.push_str("<label>行 line: <select id=\"line\">\n");
    for (i, l) in lines.iter().enumerate() {
        let _ = writeln!(
            body,
            "<option value=\"{i}\"{}>{} ({})</option>",
            if i == first { " selected" } else { "" },
            esc(&l.label),
            l.points.len()
        );
    }
    body.push_str("</select></label>\n<div id=\"compare-view\">\n");
    body.push_str(&table_html(&lines[first]));
    body.push_str(&chart_svg(&lines[first]));
    body.push_str("</div>\n");
    let data: Vec<Json> = lines
        .iter()
        .map(|l| {
            json!({
                "key": l.key,
                "label": l.label,
                "points": l.points.iter().map(|p| json!({
                    "department_key": p.department_key, "department": p.department,
                    "year": p.year, "wan": p.wan, "printed": p.printed,
                    "href": format!("doc/{}.html", href(&file_name(&p.doc))), "doc": p.doc,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let data = serde_json::to_string(&data)
        .unwrap_or_else(|_| "[]".into())
        .replace("</", "<\\/");
    let _ = write!(
        body,
        "<script id=\"compare-data\" type=\"application/json\">{data}</script>"
    );
    shell("gongkai · compare", "", &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_loses_its_year_but_keeps_its_figures() {
        assert_eq!(
            without_years("budget.three_public · 合计 · 2024年\"三公\"经费预算数/合计"),
            "budget.three_public · 合计 · \"三公\"经费预算数/合计"
        );
        assert_eq!(without_years("2023年度决算数"), "决算数");
        assert_eq!(without_years("12345年 · 10000"), "12345年 · 10000");
    }
}
