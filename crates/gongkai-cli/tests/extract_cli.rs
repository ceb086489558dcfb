//! `gongkai extract` end to end: a batch mixing good samples with samples/bad finishes,
//! names each bad file with its reason and exits 1; outputs are byte-identical across
//! runs; an incremental re-run does no work.

use std::path::{Path, PathBuf};
use std::process::Command;

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

fn run(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .output()
        .expect("run gongkai")
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("ls")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn mixed_batch_reports_bad_files_and_is_reproducible() {
    let out1 = tempfile::tempdir().expect("tmp");
    let out2 = tempfile::tempdir().expect("tmp");
    let real = samples().join("real");
    let bad = samples().join("bad");
    for out in [out1.path(), out2.path()] {
        let o = run(&[
            "extract".as_ref(),
            real.as_os_str(),
            bad.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
            "-j".as_ref(),
            "2".as_ref(),
        ]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{stderr}");
        for line in std::fs::read_to_string(bad.join("EXPECTED.tsv"))
            .expect("tsv")
            .lines()
            .skip(1)
        {
            let file = line.split('\t').next().expect("file");
            assert!(
                stderr.contains(&format!("FAILED {}", bad.join(file).display())),
                "{file} not named: {stderr}"
            );
        }
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    // Same input → byte-identical output (paths inside are the same arguments).
    assert_eq!(snapshot(out1.path()), snapshot(out2.path()));
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out1.path().join("report.json")).expect("report"))
            .expect("json");
    assert_eq!(report["failed"], 9);
    // Every real page opens, and so do the recoverable bad files.
    let pdfs = |dir: &Path| {
        std::fs::read_dir(dir)
            .expect("ls")
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "pdf"))
            })
            .count()
    };
    let opened = pdfs(&real) + pdfs(&bad.join("recoverable"));
    assert_eq!(report["ok"], opened);
    let doc: serde_json::Value = serde_json::from_slice(
        &std::fs::read(out1.path().join("putuo-final-2024-p6.json")).expect("doc"),
    )
    .expect("json");
    assert_eq!(doc["tables"][0]["title"], "收入支出决算总表");
    assert_eq!(doc["tables"][0]["rows"][28][1], "2,946.25");

    // Incremental re-run: nothing processed, same bytes.
    let before = snapshot(out1.path());
    let o = run(&[
        "extract".as_ref(),
        real.as_os_str(),
        bad.as_os_str(),
        "-o".as_ref(),
        out1.path().as_os_str(),
        "--incremental".as_ref(),
        "-q".as_ref(),
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains(&format!("0 processed, {} unchanged", opened + 9)),
        "{stderr}"
    );
    assert_eq!(before, snapshot(out1.path()));
}

/// The batch CSVs beside the per-table-type ones: projects, indicators, narrative figures,
/// procurement items and findings, one line each, counted against golden/.
#[test]
fn project_indicator_and_findings_csvs() {
    let out = tempfile::tempdir().expect("tmp");
    let pdf = samples().join("budget-2024-central-statistics.pdf");
    let o = run(&[
        "extract".as_ref(),
        pdf.as_os_str(),
        "-o".as_ref(),
        out.path().as_os_str(),
        "-q".as_ref(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let golden: serde_json::Value = serde_json::from_slice(
        &std::fs::read(samples().join("../golden/budget-2024-central-statistics.json"))
            .expect("golden"),
    )
    .expect("json");
    let lines = |name: &str| -> Vec<String> {
        std::fs::read_to_string(out.path().join("csv").join(name))
            .expect(name)
            .lines()
            .map(String::from)
            .collect()
    };
    let projects = golden["projects"].as_array().expect("projects");
    let indicators: usize = projects
        .iter()
        .map(|p| p["indicators"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(lines("projects.csv").len(), projects.len() + 1);
    assert_eq!(lines("indicators.csv").len(), indicators + 1);
    assert_eq!(
        lines("procurement_items.csv").len(),
        golden["procurement"].as_array().map_or(0, Vec::len) + 1
    );
    assert!(lines("projects.csv")[1].contains(",1102312424JKN1XU2F23,统计信息化平台运维,275600.00,208500.00,67100.00,3:25.00 6:50.00 10:75.00 12:100.00,"));
    assert!(lines("indicators.csv")[1]
        .ends_with(",统计信息化平台运维项目计划完成采购数量,≥312 个,>=,312,个,行业标准"));
    // A narrative figure names the cell it is checked against: `2024年预算收入828.56万元`
    // against the 收支总表's 本年收入合计 (p.3 of the sample).
    assert!(lines("facts.csv")[1].ends_with(",828.56万元,3,1.收入说明：反映本部门当年全部收入，2024年预算收入828.56万元，其中：一般公共预算拨款收入821.85万元，政府性基金预算拨款收入0.00万元，事业收入0.00万元，其他收入6.71万元。,budget.summary,income.this_year_total,amount"));
    // Every check passes, but X-3 against the blank 政府性基金 / 国有资本经营 tables, which
    // says it is skipped (every figure it compares is printed blank), and N-REF for the
    // text's `政府性基金预算拨款收入 0.00 万元，事业收入 0.00 万元` against cells printed blank (said unchecked).
    let findings = lines("findings.csv");
    let passed = |l: &&String| l.contains(",pass,");
    assert!(
        findings.len() > 100
            && findings[1..].iter().filter(|l| !passed(l)).all(|l| {
                (l.contains(",X-3,info,skipped,")
                    && l.contains("every figure it compares is printed blank"))
                    || (l.contains(",N-REF,warn,skipped,")
                        && l.contains("is printed blank and the text states zero"))
            }),
        "{:?}",
        findings[1..].iter().find(|l| !passed(l))
    );
}

/// Two files with the same name in two folders are told apart in every output by their
/// path below the input root: their JSON files, `source.file`, report entries, the lines
/// of records.jsonl and the CSVs' `file` column. Each document's rows are those it has
/// when extracted alone, named by its relative path.
#[test]
fn same_named_files_in_two_folders_are_told_apart() {
    const NAME: &str = "putuo-final-2024-p6.pdf";
    let input = tempfile::tempdir().expect("tmp");
    let real = samples().join("real");
    let sources = [("a", NAME), ("b", "putuo-final-2024-p16-18.pdf")];
    for (dir, file) in sources {
        std::fs::create_dir_all(input.path().join(dir)).expect("mkdir");
        std::fs::copy(real.join(file), input.path().join(dir).join(NAME)).expect("copy");
    }
    let out = tempfile::tempdir().expect("tmp");
    let o = run(&[
        "extract".as_ref(),
        input.path().as_os_str(),
        "-o".as_ref(),
        out.path().as_os_str(),
        "-q".as_ref(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json = |path: PathBuf| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json")
    };
    let report = json(out.path().join("report.json"));
    let entries: Vec<(&str, &str)> = report["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| {
            (
                e["name"].as_str().expect("name"),
                e["document"].as_str().expect("document"),
            )
        })
        .collect();
    assert_eq!(
        entries,
        vec![
            ("a__putuo-final-2024-p6", "a/putuo-final-2024-p6.pdf"),
            ("b__putuo-final-2024-p6", "b/putuo-final-2024-p6.pdf"),
        ]
    );
    for (name, document) in &entries {
        let doc = json(out.path().join(format!("{name}.json")));
        assert_eq!(doc["source"]["file"], *document);
    }
    // Each document alone (a file given by name is named by its file name), then its
    // outputs renamed to its path below the root: the two-folder run's outputs exactly.
    let mut lines = Vec::new();
    let mut csvs: std::collections::BTreeMap<String, Vec<u8>> = Default::default();
    for (dir, _) in sources {
        let alone = tempfile::tempdir().expect("tmp");
        let o = run(&[
            "extract".as_ref(),
            input.path().join(dir).join(NAME).as_os_str(),
            "-o".as_ref(),
            alone.path().as_os_str(),
            "-q".as_ref(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let rename = |s: String, before: &str, after: &str| {
            assert!(s.contains(before) || s.is_empty(), "{s}");
            s.replace(before, after)
        };
        let jsonl = std::fs::read_to_string(alone.path().join("records.jsonl")).expect("jsonl");
        lines.push(rename(
            jsonl,
            &format!("\"file\":\"{NAME}\""),
            &format!("\"file\":\"{dir}/{NAME}\""),
        ));
        for (file, bytes) in snapshot(&alone.path().join("csv")) {
            let text = String::from_utf8(bytes).expect("utf-8");
            let (header, body) = text.split_once('\n').expect("header");
            let body = rename(
                format!("\n{body}"),
                &format!("\n{NAME},"),
                &format!("\n{dir}/{NAME},"),
            );
            csvs.entry(file)
                .or_insert_with(|| format!("{header}\n").into_bytes())
                .extend_from_slice(&body.as_bytes()[1..]);
        }
    }
    assert_eq!(
        std::fs::read_to_string(out.path().join("records.jsonl")).expect("jsonl"),
        lines.concat()
    );
    let got = snapshot(&out.path().join("csv"));
    let want: Vec<(String, Vec<u8>)> = csvs.into_iter().collect();
    assert_eq!(
        got.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>(),
        want.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>()
    );
    for ((file, got), (_, want)) in got.iter().zip(&want) {
        assert!(
            got == want,
            "{file}:\n{}\n---\n{}",
            String::from_utf8_lossy(got),
            String::from_utf8_lossy(want)
        );
    }
}

/// 社会工作部 2024 决算 pp.10–22: every sum adds up exactly but the 302 商品和服务支出 10.23
/// over its 项 (3.78 + 1.15 + 0.02 + 0.68 + 0.48 + 1.48 + 2.43 + 0.20 = 10.22) and the
/// 一般公共预算支出表's 基本支出 105.58 against 人员 95.36 + 公用 10.23 (checked with pdftotext
/// -layout, pp.3–4), which the text repeats (`一般公共预算财政拨款基本支出105.58万元` against the
/// 基本支出决算表's 人员经费合计 95.36 + 公用经费合计 10.23): three gaps within rounding that the
/// rounding model calls `suspect`. The
/// report counts them (`suspect_checks`, `with_suspect_checks`) and the summary names the
/// document, so a nightly run sees them; they are no failed checks.
#[test]
fn suspect_gaps_are_counted_in_the_report_and_the_summary() {
    let out = tempfile::tempdir().expect("tmp");
    let input = samples()
        .join("real")
        .join("putuo-social-work-final-2024-p10-22.pdf");
    let o = run(&[
        "extract".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        out.path().as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("report.json")).expect("report"))
            .expect("json");
    assert_eq!(report["with_suspect_checks"], 1, "{report}");
    let entry = &report["entries"][0];
    assert_eq!(entry["suspect_checks"], 3, "{entry}");
    assert!(
        stderr.contains("SUSPECT") && stderr.contains("3 gaps within rounding"),
        "{stderr}"
    );
    let doc: serde_json::Value = serde_json::from_slice(
        &std::fs::read(out.path().join("putuo-social-work-final-2024-p10-22.json")).expect("doc"),
    )
    .expect("json");
    let mut suspect: Vec<(String, String, String)> = doc["records"]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["status"] == "suspect")
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
            (s("rule"), s("lhs"), s("rhs"))
        })
        .collect();
    suspect.sort();
    assert_eq!(
        suspect,
        vec![
            ("H1".into(), "102300.00".into(), "102200.00".into()),
            ("N-REF".into(), "1055800.00".into(), "1055900.00".into()),
            ("X-4".into(), "1055800.00".into(), "1055900.00".into()),
        ]
    );
}

/// The long tables say where each amount's row sits, so that a sum counts each amount once
/// (`jiangsu-cppcc-2019-p12.pdf`, 江苏省政协办公厅2019年预算公开表 p.12, 政府采购预算表 in 万元:
/// 合计 1,624.42 over two categories, their projects and 经济科目 lines, and the items): the
/// items add up to the 合计, where all rows together are four times it.
#[test]
fn long_tables_carry_the_row_kind_so_that_items_add_up_to_the_total() {
    let out = tempfile::tempdir().expect("tmp");
    let pdf = samples().join("real/jiangsu-cppcc-2019-p12.pdf");
    let o = run(&[
        "extract".as_ref(),
        pdf.as_os_str(),
        "-o".as_ref(),
        out.path().as_os_str(),
        "-q".as_ref(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(out.path().join("csv/procurement.csv")).expect("csv");
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    // Fields split at commas outside quotes (`"1,624.42"` is one field).
    let split = |line: &str| -> Vec<String> {
        let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        fields
    };
    let header = split(lines.next().expect("header"));
    let at = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (kind, column, yuan) = (at("row_kind"), at("column"), at("yuan"));
    let fen = |s: &str| -> i64 { s.replace('.', "").parse().expect("yuan to the fen") };
    let (mut items, mut total, mut all) = (0, 0, 0);
    for line in lines {
        let f = split(line);
        if f[column] != "total" {
            continue;
        }
        all += fen(&f[yuan]);
        match f[kind].as_str() {
            "item" => items += fen(&f[yuan]),
            "total" => total += fen(&f[yuan]),
            _ => {}
        }
    }
    assert_eq!(total, 1_624_420_000, "合计 1,624.42万元 in fen");
    assert_eq!(items, total);
    assert_eq!(all, 4 * total);
}
