//! The index: every document of the output folder, sortable, with a search box and
//! filters by year, kind and status.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::Value as Json;

use crate::document::is_failed;
use crate::html::{esc, file_name, href, shell};
use crate::Doc;

/// A filter of the index: its key, its label and the value of a document.
type Facet<'a> = (&'a str, &'a str, &'a dyn Fn(&Doc) -> String);

/// The index page.
pub(crate) fn page(docs: &[Doc]) -> String {
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<header><h1>gongkai: {} documents</h1>\
         <input id=\"search\" type=\"search\" placeholder=\"搜索部门 Search departments\" \
         aria-label=\"search departments\">",
        docs.len()
    );
    // A filter per fact: a select of the values the documents have.
    let year = |d: &Doc| {
        d.facts()["fiscal_year"]
            .as_u64()
            .map_or(String::new(), |y| y.to_string())
    };
    let kind = |d: &Doc| d.facts()["kind"].as_str().unwrap_or("").to_string();
    let status = |d: &Doc| d.entry["status"].as_str().unwrap_or("").to_string();
    let facets: [Facet; 3] = [
        ("year", "年度 year", &year),
        ("kind", "类型 kind", &kind),
        ("status", "status", &status),
    ];
    for (key, label, value) in facets {
        let values: BTreeSet<String> = docs.iter().map(value).collect();
        let _ = write!(
            body,
            " <label>{label} <select class=\"filter\" data-facet=\"{key}\"><option value=\"\">all</option>"
        );
        for v in values.iter().filter(|v| !v.is_empty()) {
            let _ = write!(body, "<option>{}</option>", esc(v));
        }
        body.push_str("</select></label>");
    }
    body.push_str("</header>\n");
    body.push_str(
        "<table id=\"documents\" class=\"sortable\"><thead><tr>\
         <th>部门 department</th><th>年度 year</th><th>类型 kind</th><th>标题 title</th>\
         <th class=\"num\">pages</th><th>status</th><th class=\"num\">tables</th>\
         <th class=\"num\">failed checks</th><th class=\"num\">OCR pages</th></tr></thead><tbody>\n",
    );
    for d in docs {
        let f = d.facts();
        let s = |v: &Json| v.as_str().unwrap_or("").to_string();
        let (tables, failed) = match &d.json {
            Some(j) => (
                j["records"]["tables"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|t| t["table_type"].as_str().is_some_and(crate::is_standard))
                    .count(),
                j["records"]["findings"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|f| is_failed(f))
                    .count(),
            ),
            None => (0, 0),
        };
        let title = f["title"]
            .as_str()
            .or(d.entry["document"].as_str())
            .unwrap_or(d.name());
        let link = if d.json.is_some() {
            format!(
                "<a href=\"doc/{}.html\">{}</a>",
                esc(&href(&file_name(d.name()))),
                esc(title)
            )
        } else {
            format!(
                "{} <small>{}</small>",
                esc(title),
                esc(d.entry["error"].as_str().unwrap_or(""))
            )
        };
        let dept = s(&f["department"]);
        let _ = writeln!(
            body,
            "<tr data-search=\"{}\" data-year=\"{}\" data-kind=\"{}\" data-status=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{link}</td>\
             <td class=\"num\">{}</td><td class=\"{}\">{}</td><td class=\"num\">{tables}</td>\
             <td class=\"num{}\">{failed}</td><td class=\"num\">{}</td></tr>",
            esc(&format!("{dept} {} {title}", s(&f["department_key"]))),
            esc(&year(d)),
            esc(&kind(d)),
            esc(&status(d)),
            esc(&dept),
            f["fiscal_year"]
                .as_u64()
                .map_or(String::new(), |y| y.to_string()),
            esc(&s(&f["kind"])),
            d.entry["pages"].as_u64().unwrap_or(0),
            esc(&s(&d.entry["status"])),
            esc(&s(&d.entry["status"])),
            if failed > 0 { " bad" } else { "" },
            d.entry["pages_ocr"]
                .as_u64()
                .or(d.entry["ocr_pages"].as_u64())
                .unwrap_or(0),
        );
    }
    body.push_str("</tbody></table>\n");
    shell("gongkai", "", &body)
}
