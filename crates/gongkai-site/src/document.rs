//! A document's page: its facts, its failed checks, each standard table with the failed
//! cells marked, and the PDF pages with the boxes drawn on them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::Value as Json;

use crate::html::{esc, href, shell};
use crate::images::{grid_index, Rendered};
use crate::Doc;

/// Whether a finding says a value may be wrong (what the site marks).
pub(crate) fn is_failed(f: &Json) -> bool {
    matches!(f["status"].as_str(), Some("fail" | "unit_mismatch"))
}

fn s(v: &Json) -> &str {
    v.as_str().unwrap_or("")
}

/// The key of a place on a page (`page:x0:top`), shared by a grid cell and the typed
/// value read from it.
fn place_string(page: u32, bbox: &[f64]) -> String {
    format!("{page}:{:.0}:{:.0}", bbox[0], bbox[1])
}

/// The key of a grid cell's place.
fn place_key(page: &Json, bbox: &Json) -> Option<String> {
    let b: Vec<f64> = bbox.as_array()?.iter().filter_map(Json::as_f64).collect();
    (b.len() == 4).then(|| place_string(page.as_u64().unwrap_or(0) as u32, &b))
}

/// The anchor of a failed figure (`f-7-409-312`).
fn anchor(place: &str) -> String {
    format!("f-{}", place.replace(':', "-"))
}

/// A printed figure that failed checks compare.
struct Place<'a> {
    page: u32,
    bbox: Vec<f64>,
    findings: Vec<&'a Json>,
}

impl Place<'_> {
    /// The findings, one line each.
    fn why(&self) -> String {
        let lines: Vec<String> = self.findings.iter().map(|f| finding_text(f)).collect();
        lines.join("\n")
    }
    /// The rules that failed, once each.
    fn rules(&self) -> String {
        let rules: BTreeSet<&str> = self.findings.iter().map(|f| s(&f["rule"])).collect();
        rules.into_iter().collect::<Vec<_>>().join(" ")
    }
}

/// A finding in one line: rule, status, expression and figures.
fn finding_text(f: &Json) -> String {
    let mut t = format!("{} {}: {}", s(&f["rule"]), s(&f["status"]), s(&f["expr"]));
    if !s(&f["lhs"]).is_empty() || !s(&f["rhs"]).is_empty() {
        let _ = write!(t, " — {} vs {}", s(&f["lhs"]), s(&f["rhs"]));
        if !s(&f["diff"]).is_empty() {
            let _ = write!(
                t,
                " (diff {}, tolerance {})",
                s(&f["diff"]),
                s(&f["tolerance"])
            );
        }
    }
    if let Some(n) = f["note"].as_str() {
        let _ = write!(t, "; {n}");
    }
    t
}

/// The page of one document.
pub(crate) fn page(d: &Doc, rendered: &Rendered) -> String {
    let Some(j) = &d.json else {
        return String::new();
    };
    let facts = d.facts();
    let title = facts["title"]
        .as_str()
        .or(d.entry["document"].as_str())
        .unwrap_or(d.name());
    let findings: Vec<&Json> = j["records"]["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .collect();
    let failed: Vec<&Json> = findings.iter().copied().filter(|f| is_failed(f)).collect();
    let record_tables: Vec<&Json> = j["records"]["tables"]
        .as_array()
        .into_iter()
        .flatten()
        .collect();
    // Typed values by (table, row, column) → (page, box); and failed findings on them.
    let mut value_place: BTreeMap<(String, String, String), (u32, Vec<f64>)> = BTreeMap::new();
    for t in &record_tables {
        for r in t["rows"].as_array().into_iter().flatten() {
            for (col, v) in r["values"].as_object().into_iter().flatten() {
                let bbox: Vec<f64> = v["bbox"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Json::as_f64)
                    .collect();
                if bbox.len() == 4 {
                    value_place.insert(
                        (s(&t["id"]).into(), s(&r["id"]).into(), col.clone()),
                        (v["page"].as_u64().unwrap_or(0) as u32, bbox),
                    );
                }
            }
        }
    }
    // Failed findings by the place of every figure they compare: the checked value (at
    // its row and column) and the right side's terms (`terms`), in whatever table.
    let mut fail_places: BTreeMap<String, Place> = BTreeMap::new();
    let mut first_place: Vec<Option<String>> = Vec::new();
    for f in &failed {
        let key = (
            s(&f["table"]).to_string(),
            s(&f["row"]).to_string(),
            s(&f["column"]).to_string(),
        );
        let mut places: Vec<(u32, Vec<f64>)> = value_place.get(&key).cloned().into_iter().collect();
        for t in f["terms"].as_array().into_iter().flatten() {
            let b: Vec<f64> = t["bbox"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Json::as_f64)
                .collect();
            if b.len() == 4 {
                places.push((t["page"].as_u64().unwrap_or(0) as u32, b));
            }
        }
        let mut first = None;
        for (page, bbox) in places {
            let k = place_string(page, &bbox);
            first.get_or_insert_with(|| k.clone());
            let p = fail_places.entry(k).or_insert_with(|| Place {
                page,
                bbox,
                findings: Vec::new(),
            });
            if !p.findings.iter().any(|g| std::ptr::eq(*g, *f)) {
                p.findings.push(f);
            }
        }
        first_place.push(first);
    }

    let mut body = String::new();
    let _ = writeln!(
        body,
        "<header><h1>{}</h1><p class=\"facts\">{} · {} · {} · {} pages · status {}</p></header>",
        esc(title),
        esc(s(&facts["department"])),
        facts["fiscal_year"]
            .as_u64()
            .map_or(String::new(), |y| y.to_string()),
        esc(s(&facts["kind"])),
        d.entry["pages"].as_u64().unwrap_or(0),
        esc(s(&d.entry["status"])),
    );

    // Failed checks.
    let _ = writeln!(
        body,
        "<section id=\"findings\"><h2>未通过的检查 Failed checks ({})</h2>",
        failed.len()
    );
    if failed.is_empty() {
        body.push_str("<p>Every check passed or was within rounding.</p>\n");
    } else {
        body.push_str("<table class=\"findings\"><thead><tr><th>rule</th><th>status</th><th>table</th><th>page</th><th>row</th><th>column</th><th>check</th></tr></thead><tbody>\n");
        for (f, first) in failed.iter().zip(&first_place) {
            let row = s(&f["row"]);
            let where_ = match first {
                Some(k) => format!("<a href=\"#{}\">{}</a>", anchor(k), esc(row)),
                None => esc(row),
            };
            let _ = writeln!(
                body,
                "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(s(&f["status"])),
                esc(s(&f["rule"])),
                esc(s(&f["status"])),
                esc(s(&f["table_type"])),
                f["page"].as_u64().unwrap_or(0),
                where_,
                esc(s(&f["column"])),
                esc(&finding_text(f)),
            );
        }
        body.push_str("</tbody></table>\n");
    }
    body.push_str("</section>\n");

    // Tables.
    let grids: Vec<&Json> = j["tables"].as_array().into_iter().flatten().collect();
    let page_sizes: BTreeMap<u32, (f64, f64)> = j["pages"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            (
                p["page"].as_u64().unwrap_or(0) as u32,
                (
                    p["width"].as_f64().unwrap_or(595.0),
                    p["height"].as_f64().unwrap_or(842.0),
                ),
            )
        })
        .collect();
    body.push_str("<section id=\"tables\"><h2>表 Tables</h2>\n");
    for t in &record_tables {
        let tt = s(&t["table_type"]);
        if !crate::is_standard(tt) {
            continue;
        }
        let tid = s(&t["id"]);
        let Some(grid) = grid_index(tid).and_then(|i| grids.get(i)) else {
            continue;
        };
        // Grid cells by place: which typed value each is, and its failed findings.
        let mut at_place: BTreeMap<String, (String, String)> = BTreeMap::new();
        for ((table, row, col), (page, bbox)) in &value_place {
            if table == tid {
                let key = format!("{page}:{:.0}:{:.0}", bbox[0], bbox[1]);
                at_place.insert(key, (row.clone(), col.clone()));
            }
        }
        let pages: Vec<String> = t["pages"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| p.to_string())
            .collect();
        let _ = writeln!(
            body,
            "<article class=\"table\" id=\"{tid}\"><h3>{} <small>{} · {} · p.{}</small></h3>",
            esc(s(&t["title"])),
            esc(tt),
            esc(t["unit"].as_str().unwrap_or("unit unknown")),
            pages.join(",")
        );
        body.push_str("<table class=\"grid\">\n");
        let cells: Vec<&Json> = grid["cells"].as_array().into_iter().flatten().collect();
        let n_rows = grid["n_rows"].as_u64().unwrap_or(0) as usize;
        let mut by_row: Vec<Vec<&Json>> = vec![Vec::new(); n_rows];
        for c in &cells {
            if let Some(r) = c["row"]
                .as_u64()
                .map(|r| r as usize)
                .filter(|&r| r < n_rows)
            {
                by_row[r].push(c);
            }
        }
        for row in by_row.iter_mut() {
            row.sort_by_key(|c| c["col"].as_u64().unwrap_or(0));
            body.push_str("<tr>");
            for c in row.iter() {
                let text = s(&c["text"]);
                let span = |k: &str| c[k].as_u64().unwrap_or(1);
                let mut attrs = String::new();
                if span("rowspan") > 1 {
                    let _ = write!(attrs, " rowspan=\"{}\"", span("rowspan"));
                }
                if span("colspan") > 1 {
                    let _ = write!(attrs, " colspan=\"{}\"", span("colspan"));
                }
                let mut class = Vec::new();
                let key = place_key(&c["page"], &c["bbox"]);
                if let Some((row_id, col)) = key.as_ref().and_then(|k| at_place.get(k)) {
                    class.push("amt");
                    let _ = write!(
                        attrs,
                        " data-row=\"{}\" data-col=\"{}\"",
                        esc(row_id),
                        esc(col)
                    );
                }
                if let Some((k, p)) = key.as_ref().and_then(|k| Some((k, fail_places.get(k)?))) {
                    class.push("fail");
                    let _ = write!(
                        attrs,
                        " id=\"{}\" title=\"{}\" data-rules=\"{}\"",
                        anchor(k),
                        esc(&p.why()),
                        esc(&p.rules())
                    );
                }
                if !class.is_empty() {
                    let _ = write!(attrs, " class=\"{}\"", class.join(" "));
                }
                let _ = write!(body, "<td{attrs}>{}</td>", esc(text));
            }
            body.push_str("</tr>\n");
        }
        body.push_str("</table>\n");
        // The pages, with the table's box and the failed cells drawn on them.
        for p in t["pages"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Json::as_u64)
        {
            let p = p as u32;
            let (w, h) = page_sizes.get(&p).copied().unwrap_or((595.0, 842.0));
            let on_page: Vec<Vec<f64>> = cells
                .iter()
                .filter(|c| c["page"].as_u64() == Some(u64::from(p)))
                .filter_map(|c| {
                    let b: Vec<f64> = c["bbox"]
                        .as_array()?
                        .iter()
                        .filter_map(Json::as_f64)
                        .collect();
                    (b.len() == 4).then_some(b)
                })
                .collect();
            let union = on_page.iter().fold(None::<[f64; 4]>, |acc, b| {
                Some(match acc {
                    None => [b[0], b[1], b[2], b[3]],
                    Some(a) => [
                        a[0].min(b[0]),
                        a[1].min(b[1]),
                        a[2].max(b[2]),
                        a[3].max(b[3]),
                    ],
                })
            });
            let pct = |b: &[f64]| {
                format!(
                    "left:{:.2}%;top:{:.2}%;width:{:.2}%;height:{:.2}%",
                    100.0 * b[0] / w,
                    100.0 * b[1] / h,
                    100.0 * (b[2] - b[0]) / w,
                    100.0 * (b[3] - b[1]) / h
                )
            };
            let img = match rendered.have.get(&(d.name().to_string(), p)) {
                Some(rel) => format!(
                    "<img src=\"../{}\" alt=\"page {p}\" loading=\"lazy\">",
                    esc(&href(rel))
                ),
                None => String::new(),
            };
            let _ = write!(
                body,
                "<figure class=\"page\" style=\"aspect-ratio:{w:.2}/{h:.2}\">{img}",
            );
            if let Some(u) = union {
                let _ = write!(
                    body,
                    "<div class=\"box tablebox\" style=\"{}\"></div>",
                    pct(&u)
                );
            }
            for f in fail_places.values().filter(|f| f.page == p) {
                let _ = write!(
                    body,
                    "<div class=\"box failbox\" style=\"{}\" title=\"{}\"><span>{}</span></div>",
                    pct(&f.bbox),
                    esc(&f.why()),
                    esc(&f.rules())
                );
            }
            let _ = writeln!(body, "<figcaption>p.{p}</figcaption></figure>");
        }
        body.push_str("</article>\n");
    }
    body.push_str("</section>\n");
    shell(title, "../", &body)
}
