//! Every golden file's arithmetic identities hold exactly (rust_decimal), every table grid is
//! well formed, and every referenced PDF exists with the stated page count. The one sample
//! marked `arithmetic_consistent: false` must fail exactly one identity: the marked one.
//! No external tools are run.

use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::str::FromStr;

#[derive(Debug, Clone)]
#[allow(dead_code)] // fields are read through Debug in failure messages
struct Failure {
    rule: String,
    table_type: String,
    detail: String,
    lhs: Decimal,
    rhs: Decimal,
}

#[derive(Default)]
struct Checker {
    failures: Vec<Failure>,
    checked: usize,
}

impl Checker {
    fn eq(&mut self, rule: &str, table_type: &str, detail: String, lhs: Decimal, rhs: Decimal) {
        self.checked += 1;
        if lhs != rhs {
            self.failures.push(Failure {
                rule: rule.to_string(),
                table_type: table_type.to_string(),
                detail,
                lhs,
                rhs,
            });
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn dec(v: &Value) -> Option<Decimal> {
    v.as_str().map(|s| {
        Decimal::from_str(s).unwrap_or_else(|e| panic!("not an exact decimal: {s:?}: {e}"))
    })
}

/// A value cell: null (blank/dash) counts as zero in sums.
fn d0(v: Option<&Value>) -> Decimal {
    v.and_then(dec).unwrap_or(Decimal::ZERO)
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn arr<'a>(v: &'a Value, k: &str) -> &'a [Value] {
    v.get(k)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn load_goldens() -> Vec<(String, Value)> {
    let dir = root().join("golden");
    let mut out = Vec::new();
    for e in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let p = e.unwrap().path();
        if p.extension().and_then(|x| x.to_str()) == Some("json") {
            let text = fs::read_to_string(&p).unwrap();
            let v: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            out.push((p.file_name().unwrap().to_string_lossy().into_owned(), v));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(
        out.len() >= 8,
        "expected the generated golden set, found {} files",
        out.len()
    );
    out
}

/// Page objects in a PDF without object streams: `/Type /Page` not followed by `s`.
fn pdf_page_count(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i + 5 <= bytes.len() {
        if &bytes[i..i + 5] == b"/Type" {
            let mut j = i + 5;
            while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\n' || bytes[j] == b'\r') {
                j += 1;
            }
            if bytes[j..].starts_with(b"/Page") {
                let k = j + 5;
                let next = bytes.get(k).copied().unwrap_or(b' ');
                if !(next.is_ascii_alphanumeric()) {
                    n += 1;
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    n
}

fn check_grids(name: &str, g: &Value) {
    let pages = g["pages"].as_u64().unwrap() as usize;
    for (i, t) in arr(g, "tables").iter().enumerate() {
        let ctx = format!("{name} table {i} ({})", s(t, "title"));
        assert_eq!(t["index"].as_u64(), Some(i as u64), "{ctx}: index");
        let nr = t["n_rows"].as_u64().unwrap() as usize;
        let nc = t["n_cols"].as_u64().unwrap() as usize;
        let rows = arr(t, "rows");
        assert_eq!(rows.len(), nr, "{ctx}: rows length vs n_rows");
        let mut cover = vec![vec![0u32; nc]; nr];
        for r in rows {
            assert_eq!(
                r.as_array().unwrap().len(),
                nc,
                "{ctx}: row width vs n_cols"
            );
        }
        for c in arr(t, "cells") {
            let (r0, c0) = (
                c["row"].as_u64().unwrap() as usize,
                c["col"].as_u64().unwrap() as usize,
            );
            let (rs, cs) = (
                c["rowspan"].as_u64().unwrap() as usize,
                c["colspan"].as_u64().unwrap() as usize,
            );
            assert!(
                rs >= 1 && cs >= 1 && r0 + rs <= nr && c0 + cs <= nc,
                "{ctx}: cell out of grid {c}"
            );
            assert_eq!(
                rows[r0][c0].as_str(),
                c["text"].as_str(),
                "{ctx}: origin text at {r0},{c0}"
            );
            for rr in r0..r0 + rs {
                for cc in c0..c0 + cs {
                    cover[rr][cc] += 1;
                    if (rr, cc) != (r0, c0) {
                        assert!(
                            rows[rr][cc].is_null(),
                            "{ctx}: covered position {rr},{cc} not null"
                        );
                    }
                }
            }
        }
        for (r, row) in cover.iter().enumerate() {
            for (c, n) in row.iter().enumerate() {
                assert_eq!(*n, 1, "{ctx}: position {r},{c} covered {n} times");
            }
        }
        let hr = t["header_rows"].as_u64().unwrap() as usize;
        assert!(hr <= nr, "{ctx}: header_rows");
        let tp: Vec<u64> = arr(t, "pages")
            .iter()
            .map(|p| p.as_u64().unwrap())
            .collect();
        assert!(!tp.is_empty(), "{ctx}: pages");
        for w in tp.windows(2) {
            assert_eq!(w[1], w[0] + 1, "{ctx}: pages must be consecutive");
        }
        assert!(
            tp.iter().all(|&p| p >= 1 && p as usize <= pages),
            "{ctx}: page out of range"
        );
        let layout = s(t, "layout");
        assert!(
            ["ruled", "ruled_open_sides", "borderless"].contains(&layout),
            "{ctx}: layout {layout}"
        );
    }
}

fn row_by<'a>(rows: &'a [Value], key: &str, val: &str) -> Option<&'a Value> {
    rows.iter().find(|r| s(r, key) == val)
}

fn line<'a>(side: &[&'a Value], l: &str) -> Option<&'a Value> {
    side.iter().find(|r| s(r, "line") == l).copied()
}

fn amount_col(rec: &Value) -> &'static str {
    if arr(rec, "columns")
        .iter()
        .any(|c| c.as_str() == Some("total"))
    {
        "total"
    } else {
        "amount"
    }
}

fn check_records(g: &Value, ck: &mut Checker) {
    let kind = s(&g["document"], "kind");
    let records = g["records"].as_object().expect("records");
    for (tt, rec) in records {
        let rows = arr(rec, "rows");
        // --- row identities (row total = sum of its parts)
        for rs in arr(rec, "row_sums") {
            let total = s(rs, "total");
            let parts: Vec<&str> = arr(rs, "parts")
                .iter()
                .map(|p| p.as_str().unwrap())
                .collect();
            let side = rs.get("side").and_then(Value::as_str);
            for (i, r) in rows.iter().enumerate() {
                if side.is_some() && r.get("side").and_then(Value::as_str) != side {
                    continue;
                }
                let v = &r["values"];
                if v.get(total).is_none() {
                    continue;
                }
                let rhs: Decimal = parts.iter().map(|p| d0(v.get(*p))).sum();
                let rule = if tt.ends_with("three_public") {
                    "T1/T2"
                } else {
                    "ROW"
                };
                ck.eq(
                    rule,
                    tt,
                    format!("row {i} ({}) {total} = {}", s(r, "name"), parts.join("+")),
                    d0(v.get(total)),
                    rhs,
                );
            }
        }
        // --- hierarchy by code prefix (functional 3/5/7, economic 3/5) and total = sum of classes
        let coded: Vec<&Value> = rows.iter().filter(|r| !s(r, "code").is_empty()).collect();
        if !coded.is_empty() {
            for col in arr(rec, "columns").iter().map(|c| c.as_str().unwrap()) {
                for parent in &coded {
                    let pc = s(parent, "code");
                    let want = match pc.len() {
                        3 => 5,
                        5 => 7,
                        _ => continue,
                    };
                    let kids: Vec<&&Value> = coded
                        .iter()
                        .filter(|r| s(r, "code").len() == want && s(r, "code").starts_with(pc))
                        .collect();
                    if kids.is_empty() {
                        continue;
                    }
                    let sum: Decimal = kids.iter().map(|r| d0(r["values"].get(col))).sum();
                    ck.eq(
                        "HIER",
                        tt,
                        format!("{pc} {col} = sum of its {}-digit children", want),
                        d0(parent["values"].get(col)),
                        sum,
                    );
                }
                for t in rows
                    .iter()
                    .filter(|r| s(r, "kind") == "total" && s(r, "code").is_empty())
                {
                    let sum: Decimal = coded
                        .iter()
                        .filter(|r| s(r, "code").len() == 3)
                        .map(|r| d0(r["values"].get(col)))
                        .sum();
                    ck.eq(
                        "TOTAL",
                        tt,
                        format!("合计 {col} = sum of classes"),
                        d0(t["values"].get(col)),
                        sum,
                    );
                }
            }
        }
        // --- two-sided summary tables
        if rows.iter().any(|r| r.get("side").is_some()) {
            let col_e = amount_col(rec);
            let inc: Vec<&Value> = rows.iter().filter(|r| s(r, "side") == "income").collect();
            let exp: Vec<&Value> = rows
                .iter()
                .filter(|r| s(r, "side") == "expenditure")
                .collect();
            let iv = |r: Option<&Value>| d0(r.and_then(|r| r["values"].get("amount")));
            let ev = |r: Option<&Value>| d0(r.and_then(|r| r["values"].get(col_e)));
            let ig = line(&inc, "income.grand_total").expect("income.grand_total");
            let eg = line(&exp, "expenditure.grand_total").expect("expenditure.grand_total");
            ck.eq(
                "S1",
                tt,
                "收入总计 = 支出总计".into(),
                iv(Some(ig)),
                ev(Some(eg)),
            );
            let it = line(&inc, "income.this_year_total").unwrap_or(ig);
            let level1: Decimal = inc
                .iter()
                .filter(|r| r["level"].as_u64() == Some(1) && s(r, "kind") == "item")
                .map(|r| iv(Some(r)))
                .sum();
            ck.eq(
                "S2",
                tt,
                "本年收入合计 = sum of top-level income rows".into(),
                iv(Some(it)),
                level1,
            );
            let mut groups: BTreeMap<&str, Decimal> = BTreeMap::new();
            for r in &inc {
                if let Some(p) = r.get("parent_line").and_then(Value::as_str) {
                    *groups.entry(p).or_default() += iv(Some(r));
                }
            }
            for (p, sum) in groups {
                ck.eq(
                    "S3",
                    tt,
                    format!("{p} = sum of its children"),
                    iv(line(&inc, p)),
                    sum,
                );
            }
            let et = line(&exp, "expenditure.this_year_total").unwrap_or(eg);
            let classes: Decimal = exp
                .iter()
                .filter(|r| s(r, "kind") == "class")
                .map(|r| ev(Some(r)))
                .sum();
            ck.eq(
                "S6",
                tt,
                "本年支出合计 = sum of class rows".into(),
                ev(Some(et)),
                classes,
            );
            if kind == "final" {
                let extra_i: Decimal = inc
                    .iter()
                    .filter(|r| r["level"].as_u64() == Some(0) && s(r, "kind") == "item")
                    .map(|r| iv(Some(r)))
                    .sum();
                ck.eq(
                    "FA1",
                    tt,
                    "总计(收) = 本年收入合计 + 结余 + 年初结转和结余".into(),
                    iv(Some(ig)),
                    iv(Some(it)) + extra_i,
                );
                let extra_e: Decimal = exp
                    .iter()
                    .filter(|r| r["level"].as_u64() == Some(0) && s(r, "kind") == "item")
                    .map(|r| ev(Some(r)))
                    .sum();
                ck.eq(
                    "FA2",
                    tt,
                    "总计(支) = 本年支出合计 + 结余分配 + 年末结转和结余".into(),
                    ev(Some(eg)),
                    ev(Some(et)) + extra_e,
                );
            }
        }
        // --- procurement: total = sum of 小计, 小计 = sum of its items
        if tt == "procurement" {
            let col = "total";
            let total = rows
                .iter()
                .find(|r| s(r, "kind") == "total")
                .expect("procurement total");
            let subs: Decimal = rows
                .iter()
                .filter(|r| s(r, "kind") == "subtotal")
                .map(|r| d0(r["values"].get(col)))
                .sum();
            ck.eq(
                "P2",
                tt,
                "合计 = sum of 小计".into(),
                d0(total["values"].get(col)),
                subs,
            );
            let mut cur: Option<(&Value, Decimal)> = None;
            for r in rows.iter().chain(std::iter::once(&Value::Null)) {
                let k = s(r, "kind");
                if k == "item" {
                    if let Some((_, acc)) = cur.as_mut() {
                        *acc += d0(r["values"].get(col));
                    }
                    continue;
                }
                if let Some((sub, acc)) = cur.take() {
                    ck.eq(
                        "P3",
                        tt,
                        format!("{} = sum of items", s(sub, "name")),
                        d0(sub["values"].get(col)),
                        acc,
                    );
                }
                if k == "subtotal" {
                    cur = Some((r, Decimal::ZERO));
                }
            }
        }
    }
}

fn check_facts(g: &Value, ck: &mut Checker) {
    let records = &g["records"];
    let mut by_key: BTreeMap<&str, Decimal> = BTreeMap::new();
    for f in arr(g, "facts") {
        let key = s(f, "key");
        if let Some(y) = f.get("yuan").and_then(dec) {
            by_key.insert(key, y);
        }
        assert!(
            s(f, "sentence").contains(s(f, "raw")),
            "fact {key}: raw text not in its sentence"
        );
        let Some(r) = f.get("ref") else { continue };
        let tt = s(r, "table_type");
        let rec = &records[tt];
        assert!(!rec.is_null(), "fact {key}: no records for {tt}");
        let rows = arr(rec, "rows");
        let row = if let Some(l) = r.get("line").and_then(Value::as_str) {
            row_by(rows, "line", l)
        } else {
            row_by(rows, "kind", s(r, "kind"))
        }
        .unwrap_or_else(|| panic!("fact {key}: referenced row not found in {tt}"));
        let col = s(r, "column");
        ck.eq(
            "N",
            tt,
            format!("fact {key} = {tt} {} {col}", s(row, "name")),
            f.get("yuan").and_then(dec).unwrap(),
            d0(row["values"].get(col)),
        );
    }
    for fs_ in arr(g, "fact_sums") {
        let total = s(fs_, "total");
        let parts: Decimal = arr(fs_, "parts")
            .iter()
            .map(|p| by_key[p.as_str().unwrap()])
            .sum();
        ck.eq(
            s(fs_, "rule"),
            "facts",
            format!("{total} = sum of parts"),
            by_key[total],
            parts,
        );
    }
}

fn check_projects(g: &Value, ck: &mut Checker) {
    let mut codes = BTreeSet::new();
    for p in arr(g, "projects") {
        let b = &p["budget"];
        let name = s(p, "name");
        ck.eq(
            "PT1",
            "performance",
            format!("{name}: 预算数 = 财政资金 + 其他资金"),
            d0(b.get("total")),
            d0(b.get("fiscal")) + d0(b.get("other")),
        );
        let pcts: Vec<Decimal> = arr(p, "schedule")
            .iter()
            .map(|x| d0(x.get("cumulative_pct")))
            .collect();
        assert!(
            pcts.windows(2).all(|w| w[0] <= w[1]),
            "{name}: schedule not cumulative"
        );
        assert_eq!(
            pcts.last().copied(),
            Some(Decimal::from(100)),
            "{name}: schedule ends at 100%"
        );
        assert!(
            codes.insert(s(p, "code").to_string()),
            "{name}: duplicate project code"
        );
        assert!(!arr(p, "indicators").is_empty(), "{name}: indicators");
    }
    for it in arr(g, "procurement") {
        let q = Decimal::from_str(s(it, "quantity")).unwrap();
        ck.eq(
            "P4",
            "procurement",
            format!("{}: 数量 × 单价 = 合计", s(it, "item_name")),
            q * d0(it.get("unit_price")),
            d0(it.get("total")),
        );
        assert!(
            d0(it.get("total")) <= d0(it.get("project_budget")),
            "P5: item exceeds its project budget"
        );
    }
}

fn check_one(g: &Value) -> Checker {
    let mut ck = Checker::default();
    check_records(g, &mut ck);
    check_facts(g, &mut ck);
    check_projects(g, &mut ck);
    ck
}

#[test]
fn golden_pdfs_exist_with_stated_page_counts() {
    for (name, g) in load_goldens() {
        assert_eq!(g["golden_format"].as_u64(), Some(1), "{name}");
        let pdf = root().join(s(&g, "pdf"));
        let bytes = fs::read(&pdf).unwrap_or_else(|e| panic!("{name}: {}: {e}", pdf.display()));
        assert_eq!(
            pdf_page_count(&bytes),
            g["pages"].as_u64().unwrap() as usize,
            "{name}: page count"
        );
        assert_eq!(
            format!("{}.json", s(&g, "sample")),
            name,
            "{name}: sample name"
        );
        if g["scanned"].as_bool() == Some(true) {
            let src = s(&g, "source_sample");
            assert!(
                root().join(format!("golden/{src}.json")).exists(),
                "{name}: source sample golden"
            );
        }
    }
}

#[test]
fn golden_grids_are_well_formed() {
    for (name, g) in load_goldens() {
        check_grids(&name, &g);
    }
}

#[test]
fn golden_identities_hold_except_the_marked_error() {
    let mut wrong_seen = 0;
    for (name, g) in load_goldens() {
        let ck = check_one(&g);
        eprintln!(
            "{name}: {} identities checked, {} failing",
            ck.checked,
            ck.failures.len()
        );
        assert!(
            ck.checked > 50,
            "{name}: only {} identities checked",
            ck.checked
        );
        if g["arithmetic_consistent"].as_bool() == Some(true) {
            assert!(arr(&g, "deliberate_errors").is_empty(), "{name}");
            assert!(
                ck.failures.is_empty(),
                "{name}: {} identities fail: {:#?}",
                ck.failures.len(),
                ck.failures
            );
        } else {
            wrong_seen += 1;
            let errs = arr(&g, "deliberate_errors");
            assert_eq!(errs.len(), 1, "{name}: exactly one marked error");
            assert_eq!(
                ck.failures.len(),
                1,
                "{name}: expected exactly one failing identity: {:#?}",
                ck.failures
            );
            let f = &ck.failures[0];
            let e = &errs[0];
            assert_eq!(f.rule, s(e, "rule_hint"), "{name}: failing rule");
            assert_eq!(f.table_type, s(e, "table_type"), "{name}: failing table");
            let printed = dec(&e["printed_yuan"]).unwrap();
            let consistent = dec(&e["consistent_yuan"]).unwrap();
            assert!(
                f.lhs == consistent && f.rhs == printed || f.lhs == printed && f.rhs == consistent,
                "{name}: the failure {f:?} is not the marked one"
            );
            assert_eq!(
                (printed - consistent).abs(),
                Decimal::new(1, 2),
                "{name}: off by 0.01 元"
            );
        }
    }
    assert!(wrong_seen >= 1, "the deliberately wrong sample is missing");
}
