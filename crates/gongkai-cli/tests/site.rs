//! `gongkai site` end to end: the site of an extract output marks the deliberate error of
//! the `-wrong` sample on both figures its failed check compares, shows the printed
//! values, and its comparison page holds the same amounts as `csv/`. When a browser is
//! at hand (`GONGKAI_TEST_BROWSER`, set by scripts/test, which installs Debian's
//! `chromium`), every page is loaded in headless Chromium: no console error, and the DOM
//! after the scripts ran shows the same marks and values.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value as Json;

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

fn gongkai(args: &[&std::ffi::OsStr]) -> std::process::Output {
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .output()
        .expect("run gongkai");
    assert!(
        o.status.success(),
        "gongkai {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// The samples of the site: the `-wrong` sample and its clean copy, two more budgets and
/// a real 三公 page (so that the comparison page has lines held by several departments).
const INPUTS: [&str; 5] = [
    "budget-2025-shanghai-yunpu-culture-wrong.pdf",
    "budget-2025-shanghai-yunpu-culture.pdf",
    "budget-2024-central-statistics.pdf",
    "budget-2023-hebei-qingshui-water.pdf",
    "real/putuo-wanli-2025-p29.pdf",
];

/// Extracts [`INPUTS`] into `dir/out` and builds the site into `dir/site`.
fn build(dir: &Path, images: bool) -> (PathBuf, PathBuf) {
    let out = dir.join("out");
    let site = dir.join("site");
    let mut args: Vec<std::ffi::OsString> = vec!["extract".into(), "-q".into(), "-o".into()];
    args.push(out.clone().into());
    args.extend(INPUTS.iter().map(|f| samples().join(f).into_os_string()));
    let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(&refs)
        .output()
        .expect("run gongkai");
    // Exit 0: every document read (failed checks do not change the status).
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut site_args = vec![
        "site".as_ref(),
        out.as_os_str(),
        "-o".as_ref(),
        site.as_os_str(),
        "-q".as_ref(),
    ];
    if !images {
        site_args.push("--no-images".as_ref());
    }
    gongkai(&site_args);
    (out, site)
}

/// Every `<td …>text</td>` of an HTML text: its attributes and its text.
fn cells(html: &str) -> Vec<(String, String)> {
    let mut v = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<td") {
        rest = &rest[i + 3..];
        let Some(close) = rest.find('>') else { break };
        let attrs = rest[..close].to_string();
        rest = &rest[close + 1..];
        let Some(end) = rest.find("</td>") else { break };
        v.push((attrs, rest[..end].to_string()));
        rest = &rest[end + 5..];
    }
    v
}

fn class_has(attrs: &str, class: &str) -> bool {
    attrs
        .split("class=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .is_some_and(|c| c.split(' ').any(|x| x == class))
}

fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    attrs
        .split(&format!(" {name}=\""))
        .nth(1)
        .and_then(|s| s.split('"').next())
}

/// The failed cells of a document page: (text, rules).
fn failed_cells(html: &str) -> Vec<(String, String)> {
    cells(html)
        .into_iter()
        .filter(|(a, _)| class_has(a, "fail"))
        .map(|(a, t)| (t, attr(&a, "data-rules").unwrap_or("").to_string()))
        .collect()
}

/// A minimal CSV reader (quoted fields with doubled quotes), header → value per row.
fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).expect("csv");
    let mut rows = common::csv_rows(&text);
    let header = rows.remove(0);
    rows.into_iter()
        .map(|r| header.iter().cloned().zip(r).collect())
        .collect()
}

/// A decimal string as (digits, scale).
fn decimal(s: &str) -> (i128, u32) {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits: i128 = format!("{int}{frac}").parse().expect("decimal");
    (digits, frac.len() as u32)
}

/// Whether `wan` 万元 is exactly `yuan` 元.
fn same_amount(wan: &str, yuan: &str) -> bool {
    let ((w, ws), (y, ys)) = (decimal(wan), decimal(yuan));
    // w·10^-ws · 10^4 = y·10^-ys  ⇔  w·10^(4+ys) = y·10^ws
    w * 10i128.pow(4 + ys) == y * 10i128.pow(ws)
}

#[test]
fn document_page_marks_both_figures_of_the_wrong_samples_failed_check() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, site) = build(dir.path(), false);
    let wrong =
        std::fs::read_to_string(site.join("doc/budget-2025-shanghai-yunpu-culture-wrong.html"))
            .expect("page of the -wrong sample");
    // The sample's deliberate error: 支出合计 printed 13,736,584.34 on p.7 (收入合计
    // 13,736,584.33); S1 (收入合计 = 支出合计) fails and both figures are marked, and FA2
    // (支出合计 = 当年支出小计 13,736,584.33 + blank carry-over lines) fails too: the wrong
    // figure is the one cell in both failed checks.
    let mut failed = failed_cells(&wrong);
    failed.sort();
    assert_eq!(
        failed,
        vec![
            ("13,736,584.33".to_string(), "FA2".to_string()),
            ("13,736,584.33".to_string(), "S1".to_string()),
            ("13,736,584.34".to_string(), "FA2 S1".to_string()),
        ]
    );
    // The page shows the printed values of its tables (收支总表 p.7, 收入总表 p.8).
    let texts: Vec<String> = cells(&wrong).into_iter().map(|(_, t)| t).collect();
    for v in [
        "11,201,342.55",
        "1,471,859.65",
        "79,900.00",
        "10,203,726.09",
    ] {
        assert!(texts.iter().any(|t| t == v), "{v} not on the page");
    }
    // The failed-checks list links to the marked cell.
    assert!(
        wrong.contains("<td>S1</td><td>fail</td>"),
        "S1 in the findings list"
    );
    // Each failed check links to a marked cell (its first figure).
    let marked: Vec<String> = cells(&wrong)
        .into_iter()
        .filter(|(a, _)| class_has(a, "fail"))
        .map(|(a, _)| {
            attr(&a, "id")
                .expect("marked cell has an anchor")
                .to_string()
        })
        .collect();
    let linked = marked
        .iter()
        .filter(|id| wrong.contains(&format!("href=\"#{id}\"")))
        .count();
    assert_eq!(
        linked, 2,
        "S1 and FA2 link to their first figures: {marked:?}"
    );
    // The clean copy has no mark.
    let clean = std::fs::read_to_string(site.join("doc/budget-2025-shanghai-yunpu-culture.html"))
        .expect("page of the clean copy");
    assert_eq!(failed_cells(&clean), vec![]);
    // The index lists the five documents with their failed checks.
    let index = std::fs::read_to_string(site.join("index.html")).expect("index");
    assert_eq!(index.matches("<tr data-search=").count(), INPUTS.len());
    // Filters by year, kind and status: each row carries its facts.
    assert_eq!(
        index
            .matches("data-year=\"2025\" data-kind=\"budget\" data-status=\"ok\"")
            .count(),
        3
    );
    assert!(index.contains("<select class=\"filter\" data-facet=\"year\"><option value=\"\">all</option><option>2023</option><option>2024</option><option>2025</option></select>"));
}

/// The comparison data of `compare.html`: (line key, points).
fn compare_data(html: &str) -> Vec<Json> {
    let start = html
        .find("<script id=\"compare-data\" type=\"application/json\">")
        .expect("compare data");
    let rest = &html[start..];
    let body = &rest[rest.find('>').expect(">") + 1..rest.find("</script>").expect("end")];
    serde_json::from_str::<Json>(body)
        .expect("json")
        .as_array()
        .expect("lines")
        .clone()
}

/// Every point of every comparison line is a row of `csv/<table type>.csv` of its document,
/// with the same column and the same amount (万元 on the page, 元 in the CSV).
fn check_compare_against_csv(lines: &[Json], out: &Path) -> usize {
    let mut checked = 0;
    let mut csvs: BTreeMap<String, Vec<BTreeMap<String, String>>> = BTreeMap::new();
    for line in lines {
        let key = line["key"].as_str().expect("key");
        let mut parts = key.split('|');
        let (tt, row, col) = (
            parts.next().expect("tt"),
            parts.next().expect("row"),
            parts.next().expect("col"),
        );
        let rows = csvs
            .entry(tt.to_string())
            .or_insert_with(|| read_csv(&out.join(format!("csv/{tt}.csv"))));
        for p in line["points"].as_array().expect("points") {
            let doc = p["doc"].as_str().expect("doc");
            let wan = p["wan"].as_str().expect("wan");
            let found = rows.iter().any(|r| {
                r["file"].trim_end_matches(".pdf") == doc
                    && r["column"] == col
                    && match row.strip_prefix("class.") {
                        Some(code) => r["code"] == code,
                        None => matches!(row, "total" | "grand_total") || r["line"] == row,
                    }
                    && same_amount(wan, &r["yuan"])
            });
            assert!(found, "{key}: {doc} {wan} 万元 not in csv/{tt}.csv");
            checked += 1;
        }
    }
    checked
}

#[test]
fn comparison_page_holds_the_amounts_of_the_csvs() {
    let dir = tempfile::tempdir().expect("tmp");
    let (out, site) = build(dir.path(), false);
    let html = std::fs::read_to_string(site.join("compare.html")).expect("compare");
    let lines = compare_data(&html);
    assert!(lines.len() > 20, "{} lines", lines.len());
    let checked = check_compare_against_csv(&lines, &out);
    assert!(checked > 100, "{checked} points");
    // A line is labelled by what it is: an expenditure line of a two-sided table by its
    // side's header (the samples' 收支总表 print 收入 | 支出 halves), and a header's year only
    // where every point is of that year.
    let label = |l: &Json| l["label"].as_str().unwrap_or("").to_string();
    let spending: Vec<String> = lines
        .iter()
        .filter(|l| {
            l["key"]
                .as_str()
                .is_some_and(|k| k.contains("|expenditure."))
        })
        .map(label)
        .collect();
    assert!(!spending.is_empty());
    for l in &spending {
        assert!(!l.contains("收入"), "{l}");
    }
    // The samples' 收支总表 print 支出/预算数 (决算数) over the spending half's amounts.
    let summary_spending = lines.iter().filter(|l| {
        l["key"]
            .as_str()
            .is_some_and(|k| k.contains("summary|expenditure.") && k.ends_with("|amount"))
    });
    let mut n = 0;
    for l in summary_spending {
        let label = label(l);
        let header = label.rsplit(" · ").next().unwrap_or("");
        assert!(header.starts_with("支出/"), "{label}");
        n += 1;
    }
    assert!(n > 0);
    for l in &lines {
        let years: std::collections::BTreeSet<&str> = l["points"]
            .as_array()
            .expect("points")
            .iter()
            .filter_map(|p| p["year"].as_str())
            .collect();
        if years.len() > 1 {
            assert!(
                !years.iter().any(|y| label(l).contains(&format!("{y}年"))),
                "{}",
                label(l)
            );
        }
    }
    // The 三公 total (the line shown first) across the four departments: the printed
    // 合计 of each 三公 table, in 万元.
    let three = lines
        .iter()
        .find(|l| l["key"] == "budget.three_public|total|total")
        .expect("三公 total line");
    let mut got: Vec<(String, String)> = three["points"]
        .as_array()
        .expect("points")
        .iter()
        .map(|p| {
            (
                p["doc"].as_str().unwrap_or("").to_string(),
                p["wan"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    got.sort();
    let want = [
        ("budget-2023-hebei-qingshui-water", "15.91"),
        ("budget-2024-central-statistics", "28.50"),
        ("budget-2025-shanghai-yunpu-culture", "29.84"),
        ("budget-2025-shanghai-yunpu-culture-wrong", "29.84"),
        ("putuo-wanli-2025-p29", "37.91"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want);
    // The page as served shows that line first.
    assert!(html.contains("data-line=\"budget.three_public|total|total\""));
}

/// Loads a page in the headless browser: (DOM after the scripts ran, console messages).
fn load(browser: &str, url: &str) -> (String, Vec<String>) {
    let o = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            url,
        ])
        .output()
        .expect("run the browser");
    let console = String::from_utf8_lossy(&o.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    (String::from_utf8_lossy(&o.stdout).into_owned(), console)
}

#[test]
fn site_in_headless_chromium() {
    let Ok(browser) = std::env::var("GONGKAI_TEST_BROWSER") else {
        eprintln!("GONGKAI_TEST_BROWSER not set (scripts/test sets it): not run");
        return;
    };
    let dir = tempfile::tempdir().expect("tmp");
    let (out, site) = build(dir.path(), true);
    let url = |rel: &str| format!("file://{}/{rel}", site.display());
    let mut pages = vec!["index.html".to_string(), "compare.html".to_string()];
    for e in std::fs::read_dir(site.join("doc")).expect("doc/") {
        let name = e.expect("entry").file_name();
        pages.push(format!("doc/{}", name.to_string_lossy()));
    }
    pages.sort();
    for p in &pages {
        let (dom, console) = load(&browser, &url(p));
        assert!(console.is_empty(), "{p}: {console:?}");
        assert!(dom.contains("</html>"), "{p}: no DOM");
    }
    // The -wrong sample's error, marked in the DOM (收入合计 for S1, 当年支出小计 for FA2,
    // the wrong 支出合计 for both); its page image present.
    let (dom, _) = load(
        &browser,
        &url("doc/budget-2025-shanghai-yunpu-culture-wrong.html"),
    );
    let mut failed = failed_cells(&dom);
    failed.sort();
    assert_eq!(
        failed.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(),
        ["13,736,584.33", "13,736,584.33", "13,736,584.34"]
    );
    assert!(dom.contains("failbox"));
    assert!(
        site.join("img/budget-2025-shanghai-yunpu-culture-wrong-p7.png")
            .exists()
            || site
                .join("img/budget-2025-shanghai-yunpu-culture-wrong-p7.svg")
                .exists()
    );
    // A line chosen by the address is drawn by the script: its rows are the CSV's.
    let html = std::fs::read_to_string(site.join("compare.html")).expect("compare");
    let lines = compare_data(&html);
    let line = lines
        .iter()
        .find(|l| l["key"] != "budget.three_public|total|total")
        .expect("another line");
    let key = line["key"].as_str().expect("key");
    let encoded: String = key
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'_' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let (dom, console) = load(&browser, &format!("{}#line={encoded}", url("compare.html")));
    assert!(console.is_empty(), "{console:?}");
    assert!(
        dom.contains(&format!("data-line=\"{key}\"")),
        "line {key} not drawn"
    );
    let shown: Vec<String> = cells(&dom)
        .into_iter()
        .filter(|(a, _)| class_has(a, "num"))
        .map(|(_, t)| t)
        .collect();
    let wanted: Vec<String> = line["points"]
        .as_array()
        .expect("points")
        .iter()
        .map(|p| p["wan"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(shown, wanted);
    check_compare_against_csv(std::slice::from_ref(line), &out);
    // The chart has one bar per point.
    let chart = dom.split("id=\"compare-chart\"").nth(1).expect("chart");
    assert_eq!(
        chart
            .split("</svg>")
            .next()
            .unwrap_or("")
            .matches("<rect")
            .count(),
        wanted.len()
    );
}

#[test]
fn a_folder_that_is_no_extract_output_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["site".as_ref(), dir.path().as_os_str(), "-o".as_ref()])
        .arg(dir.path().join("site"))
        .output()
        .expect("run gongkai");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("report.json"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// A body's 部门预算 and 单位预算 of one year share department key, year and kind: the
/// comparison labels the unit one `（单位）`, and the CSVs carry `scope`, so neither a
/// reader nor a sum takes the two for one figure twice.
/// Extracts the folder `input` into `dir/out` and builds its site (no images) into `dir/site`.
fn copies_site(dir: &Path, input: &Path) -> (PathBuf, PathBuf) {
    let (out, site) = (dir.join("out"), dir.join("site"));
    gongkai(&[
        "extract".as_ref(),
        "-q".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    gongkai(&[
        "site".as_ref(),
        out.as_os_str(),
        "-o".as_ref(),
        site.as_os_str(),
        "-q".as_ref(),
        "--no-images".as_ref(),
    ]);
    (out, site)
}

#[test]
fn department_and_unit_budgets_are_told_apart() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = dir.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    let page = samples().join("budget-2024-central-statistics.pdf");
    std::fs::copy(&page, input.join("司法局部门预算.pdf")).expect("copy");
    std::fs::copy(&page, input.join("司法局单位预算.pdf")).expect("copy");
    let (out, site) = copies_site(dir.path(), &input);
    let html = std::fs::read_to_string(site.join("compare.html")).expect("compare");
    let lines = compare_data(&html);
    assert!(!lines.is_empty());
    for line in &lines {
        let mut labels: Vec<&str> = line["points"]
            .as_array()
            .expect("points")
            .iter()
            .map(|p| p["department"].as_str().expect("department"))
            .collect();
        labels.sort();
        assert_eq!(labels.len(), 2, "{line}");
        assert_ne!(labels[0], labels[1], "{line}");
        assert!(labels.iter().any(|l| l.ends_with("（单位）")), "{labels:?}");
    }
    let csv = std::fs::read_to_string(out.join("csv/findings.csv")).expect("csv");
    let csv = csv.strip_prefix('\u{feff}').expect("a byte order mark");
    let header = csv.lines().next().expect("header");
    assert!(
        header.starts_with("file,department,department_key,scope,fiscal_year,"),
        "{header}"
    );
    assert!(csv
        .lines()
        .any(|l| l.starts_with("司法局单位预算.pdf,") && l.contains(",unit,")));
    assert!(csv
        .lines()
        .any(|l| l.starts_with("司法局部门预算.pdf,") && l.contains(",department,")));
}

/// A copy of a document under another name (report.json's `duplicates`) adds no second
/// point to the comparison; a copy whose name makes it the body's 单位预算 still does.
#[test]
fn a_copy_under_another_name_is_compared_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = dir.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    let page = samples().join("budget-2024-central-statistics.pdf");
    for name in [
        "司法局部门预算.pdf",
        "司法局部门预算（重新上传）.pdf",
        "司法局单位预算.pdf",
    ] {
        std::fs::copy(&page, input.join(name)).expect("copy");
    }
    let (out, site) = copies_site(dir.path(), &input);
    let report: Json =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).expect("report"))
            .expect("json");
    assert_eq!(report["duplicates"][0].as_array().map(Vec::len), Some(3));
    let lines = compare_data(&std::fs::read_to_string(site.join("compare.html")).expect("html"));
    assert!(!lines.is_empty());
    for line in &lines {
        let mut docs: Vec<&str> = line["points"]
            .as_array()
            .expect("points")
            .iter()
            .map(|p| p["doc"].as_str().expect("doc"))
            .collect();
        docs.sort();
        assert_eq!(docs, vec!["司法局单位预算", "司法局部门预算"], "{line}");
    }
}
