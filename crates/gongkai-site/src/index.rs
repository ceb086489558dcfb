//! The index: every document of the output folder, sortable, with a search box.

use std::fmt::Write as _;

use serde_json::Value as Json;

use crate::document::is_failed;
use crate::html::{esc, file_name, href, shell};
use crate::Doc;

/// The index page.
pub(crate) fn page(docs: &[Doc]) -> String {
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<header><h1>gongkai: {} documents</h1>\
         <input id=\"search\" type=\"search\" placeholder=\"搜索部门 Search departments\" \
         aria-label=\"search departments\"></header>",
        docs.len()
    );
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
                    .filter(|t| {
                        t["table_type"]
                            .as_str()
                            .is_some_and(|tt| tt.starts_with("budget.") || tt.starts_with("final."))
                    })
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
            "<tr data-search=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{link}</td>\
             <td class=\"num\">{}</td><td class=\"{}\">{}</td><td class=\"num\">{tables}</td>\
             <td class=\"num{}\">{failed}</td><td class=\"num\">{}</td></tr>",
            esc(&format!("{dept} {} {title}", s(&f["department_key"]))),
            esc(&dept),
            f["fiscal_year"]
                .as_u64()
                .map_or(String::new(), |y| y.to_string()),
            esc(&s(&f["kind"])),
            d.entry["pages"].as_u64().unwrap_or(0),
            esc(&s(&d.entry["status"])),
            esc(&s(&d.entry["status"])),
            if failed > 0 { " bad" } else { "" },
            d.entry["ocr_pages"].as_u64().unwrap_or(0),
        );
    }
    body.push_str("</tbody></table>\n");
    shell("gongkai", "", &body)
}
