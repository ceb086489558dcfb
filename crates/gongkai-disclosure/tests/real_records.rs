//! Typed records of real pages where records used to be silently wrong (issue 15). Every
//! expected value below was read off the rendered page (`pdftoppm -r 70`), not copied from
//! gongkai's output; each test names the printed cells it checks.
//!
//! The pages (cut from `../shared/corpus` with qpdf, see `samples/README.md`):
//! - `jiangsu-procuratorate-2019-p14-p17-20.pdf`: 江苏省人民检察院 2019年度部门预算公开
//!   pp.14, 17–20 (收支预算总表 with 功能分类 | 支出用途 side by side; 财政拨款 and 一般公共预算
//!   基本支出预算表; the 三公、会议费、培训费 table with integer amounts).
//! - `putuo-final-2024-p16-18.pdf`: 上海市普陀区财政局2024年度部门决算 pp.16–18 (the 基本支出
//!   决算表 printed as two panels; the 三公 决算表 whose 预算数 / 决算数 sit under each part).
//! - `putuo-planning-final-2024-p17.pdf`: 上海市普陀区规划和自然资源局 2024 年度部门决算 p.17.
//! - `putuo-wanli-2025-p29.pdf`: 上海市普陀区人民政府万里街道办事处25年预算 p.29 (`购置费 15`).
//! - `jiangsu-procuratorate-2018-p19.pdf`: 2018年省检察院部门预算公开 p.19 (三公 title over
//!   two lines).
//! - `putuo-final-2024-p6-7.pdf`: 上海市普陀区财政局2024年度部门决算 pp.6–7 (收入支出决算总表,
//!   its carry-over lines and 总计 on p.7).
//! - `jiangsu-court-2018-p11.pdf`: 省法院2018年度部门预算公开 p.11 (the body of the 财政拨款
//!   收支预算总表 whose title and unit are at the foot of p.10, not in this file).
//! - `tianbao-2023-p29.pdf`: 万里街道 2023 budget (tianbaoxitong 1770007475548) p.29 (the
//!   procurement paragraph with its 中小企业 sentence; assets held at 2022-12-31).
//! - `putuo-planning-final-2024-p27-28.pdf`: 上海市普陀区规划和自然资源局 2024 年度部门决算
//!   pp.27–28 (procurement and the amounts awarded to 中小企业).
//! - `jiangsu-cppcc-2017-p6.pdf`: 江苏省政协办公厅2017年度部门预算 p.6 (the 2016 total quoted
//!   in brackets).
//! - `jiangsu-court-2019-p13.pdf`: 江苏省高级人民法院2019年度部门预算公开 p.13 (公开 08 表, the
//!   一般公共预算基本支出预算表 whose one amount column is headed 基本支出).
//! - `putuo-social-work-final-2024-p8-9-13.pdf`: 中共上海市普陀区委社会工作部 2024 年度部门决算
//!   pp.8–9, 13 (支出决算表; the 基本支出决算表 in two panels).
//! - `putuo-social-work-final-2024-p10-22.pdf`: the same, pp.10–22 (its 三公 table printed
//!   blank on p.14; p.22 the amounts awarded to 中小企业, 21.07 + 21.07 of a 21.07 total).
//! - `putuo-finance-final-2024-test-copy-p1-15-22.pdf`: GovBudgetChecker's test copy of the
//!   普陀区财政局 2024 final (`samples/bad/24年普陀区财政局（测试问题版本）.pdf`) pp.1, 15, 22
//!   (its 三公 table emptied, while p.22 still says 年初预算为 0.95 万元).
//! - `jiangsu-npc-2017-p1-2.pdf`: 江苏省人大办公厅2017年度预算公开 pp.1–2 (the contents: entry
//!   十一 wrapped onto p.2, entry 十二 政府采购支出预算表 on p.2).
//! - `tianbao-2023-p32-33.pdf`: the same budget pp.32–33, two 财政项目支出绩效目标填报表 forms
//!   printed alike, one per page, their title inside the frame.
//! - `tianbao-2023-p29-31-35.pdf`: the same budget p.29 (`编报绩效目标的项目5个，涉及项目预算
//!   资金3328.13万元`) and its five forms pp.31–35; `tianbao-2023-p29-32-33.pdf`: p.29 with two of them.
//! - `jiangsu-procuratorate-2019-p32.pdf`: 江苏省人民检察院 2019年度部门预算公开 p.32 (the heading
//!   十四、预算绩效目标设置情况说明 over `2019年本部门共 0 个项目实行绩效目标管理`).
//! - `jiangsu-npc-2017-p11-26.pdf`: 江苏省人大办公厅2017年度预算公开 p.11 (20101 人大事务
//!   10,528.33; 2010101 行政运行 4,545.94) and p.26 (`1. 人大事务行政运行（项）支出 10528.33 万元`).
//! - `putuo-justice-budget-2026-p22.pdf`: 上海市普陀区司法局 2026 budget (govbudgetchecker
//!   `tmp/doc_check/dept_budget.pdf`) p.22: the 三公 total, then its parts sentence by sentence.
//! - `putuo-finance-final-2024-test-copy-p1-7-18-24.pdf`: the same test copy pp.1, 7, 18, 24 (a
//!   part heading naming 上海市普陀区XX局 on p.7, one naming 2023年度 on p.18, and 截至2023年12月31日
//!   on p.24, in the final of 2024).
//! - `jiangsu-cppcc-2019-p12.pdf`: 江苏省政协办公厅2019年预算公开表 p.12 (公开12表, 政府采购预算表:
//!   each 专项名称 on a group line of its own above its items; 会议服务 under two projects).
//! - `jiangsu-party-office-2019-text-p9-10.pdf`: 江苏省委办公厅2019年度部门预算公开文件 pp.9–10 (a text
//!   file: its tables are printed in a companion file; seven 项 lines explained, 行政运行 9370.12万元
//!   … 提租补贴 2928.22万元).
//! - `jiangsu-procuratorate-2019-p18-19-30.pdf`: 江苏省人民检察院 2019年度部门预算公开 pp.18–19 (一般公共
//!   预算基本支出预算表（经济科目）, one 金额 column: 301 11,960.62, 302 2,391.92, 303 1,491.50) and p.30
//!   (`（一）人员经费 13,452.12 万元`, `（二）公用经费 2391.92 万元`).
//! - `jiangsu-procuratorate-2019-p29.pdf`: the same, p.29 (`省检察院2019年度财政拨款基本支出预算 15,844.04 万
//!   元。其中：（一）人员经费 13,452.12 万元。…（二）公用经费 2391.92        万元。`: justified text whose
//!   wide gaps the table finder reads as a borderless table).
//! - `putuo-commerce-budget-2025-p7.pdf`: 上海市普陀区商务委员会25年预算 p.7 (a line broken before
//!   `24,558.18万元；事业收入0万元…`, the figure too long for what was left of the line above).
//! - `putuo-planning-final-2024-p16-24.pdf`: 上海市普陀区规划和自然资源局 2024 年度部门决算 p.16
//!   (the 基本支出决算表 in two panels ending `人员经费合计 4884.09 | 公用经费合计 480.66`) and
//!   p.24 (`一般公共预算财政拨款基本支出 5377.64 万元。其中：人员经费 4896.98 万元 … 公用经费
//!   480.66 万元`).
//! - `jiangsu-party-office-2017-p5-6.pdf`: 江苏省委办公厅2017年部门预算 pp.5–6 (a sentence running
//!   over the page number `— 5 —` onto p.6).
//! - `putuo-wanli-2025-p30.pdf`: 上海市普陀区人民政府万里街道办事处25年预算 p.30 (a sentence
//!   printed without its 。 before the heading `三、政府采购预算情况`).

mod common;

use gongkai_disclosure::{Records, Status, TypedTable};

fn records(file: &str) -> Records {
    common::records_of(&format!("real/{file}.pdf"))
}

fn table<'a>(r: &'a Records, tt: &str) -> &'a TypedTable {
    let found: Vec<&TypedTable> = r
        .tables
        .iter()
        .filter(|t| t.table_type.as_deref() == Some(tt))
        .collect();
    assert_eq!(found.len(), 1, "one table typed {tt}");
    found[0]
}

/// The yuan value of `col` in the first row matching `pick`.
fn yuan(
    t: &TypedTable,
    pick: impl Fn(&gongkai_disclosure::Row) -> bool,
    col: &str,
) -> Option<String> {
    let row = t.rows.iter().find(|r| pick(r)).expect("row");
    row.values
        .get(col)
        .unwrap_or_else(|| {
            panic!(
                "no column {col} in {:?}",
                row.values.keys().collect::<Vec<_>>()
            )
        })
        .as_ref()
        .and_then(|v| v.yuan.clone())
}

fn failed<'a>(r: &'a Records, rule: &str, table: &str) -> Vec<&'a gongkai_disclosure::Finding> {
    r.findings
        .iter()
        .filter(|f| f.rule == rule && f.table == table && f.status.is_failure())
        .collect()
}

fn passed(r: &Records, rule: &str, table: &str) -> usize {
    r.findings
        .iter()
        .filter(|f| f.rule == rule && f.table == table && f.status == Status::Pass)
        .count()
}

/// Jiangsu prints 支出 by function and by use side by side: each block is its own row, and
/// the 基本支出 figure of the use block never lands on the function row beside it.
#[test]
fn jiangsu_summary_function_and_use_blocks() {
    let r = records("jiangsu-procuratorate-2019-p14-p17-20");
    let s = table(&r, "budget.summary");
    let line =
        |l: &'static str| move |row: &gongkai_disclosure::Row| row.line.as_deref() == Some(l);
    // 一、一般公共服务支出: blank on the page (the 15,844.04 beside it is 一、基本支出).
    assert_eq!(yuan(s, line("expenditure.func.201"), "amount"), None);
    assert_eq!(
        yuan(s, line("expenditure.func.204"), "amount").as_deref(),
        Some("165931200.00")
    );
    assert_eq!(
        yuan(s, line("expenditure.func.221"), "amount").as_deref(),
        Some("56863500.00")
    );
    assert_eq!(
        yuan(s, line("expenditure.basic"), "amount").as_deref(),
        Some("158440400.00")
    );
    assert_eq!(
        yuan(s, line("expenditure.project"), "amount").as_deref(),
        Some("43353000.00")
    );
    // Both blocks add up to 当年支出小计 24,169.74.
    let s6: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "S6" && f.table == s.id)
        .collect();
    assert_eq!(s6.len(), 2, "{s6:?}");
    assert!(s6.iter().all(|f| f.status == Status::Pass), "{s6:?}");
    assert_eq!(s.numeric_cells, s.typed_values() + s.unmapped.len());
    assert!(s.unmapped.is_empty(), "{:?}", s.unmapped);
    // Each block keeps its printed header: 支出 | 功能分类 | 金额 over the function lines,
    // 支出 | 支出用途 | 金额 over the use lines (rows `….e2`).
    let basic = s
        .rows
        .iter()
        .find(|row| row.line.as_deref() == Some("expenditure.basic"))
        .expect("basic");
    assert!(basic.id.ends_with(".e2"), "{}", basic.id);
    assert_eq!(
        (
            s.headers.get("expenditure/amount").map(String::as_str),
            s.headers.get("e2/amount").map(String::as_str)
        ),
        (Some("支出/功能分类/金额"), Some("支出/支出用途/金额"))
    );
}

/// 财政拨款基本支出预算表 and 一般公共预算基本支出预算表 are two tables of two types.
#[test]
fn jiangsu_fiscal_and_general_budget_basic_are_distinct() {
    let r = records("jiangsu-procuratorate-2019-p14-p17-20");
    let f = table(&r, "budget.fiscal_basic");
    let g = table(&r, "budget.gpb_basic");
    assert_ne!(f.id, g.id);
    assert!(
        !r.findings.iter().any(|f| f.rule == "DOC-4"),
        "no two tables share a type"
    );
}

/// The 三公 table: its 小计 is the 三公 total, the outer 合计 adds 会议费 and 培训费; amounts
/// printed as integers (80, 237, 700) are amounts, not codes.
#[test]
fn jiangsu_three_public_with_meetings_and_training() {
    let r = records("jiangsu-procuratorate-2019-p14-p17-20");
    let t = table(&r, "budget.three_public");
    let any = |_: &gongkai_disclosure::Row| true;
    let y = |c: &str| yuan(t, any, c);
    assert_eq!(y("grand_total").as_deref(), Some("12767000.00"));
    assert_eq!(y("total").as_deref(), Some("4182600.00"));
    assert_eq!(y("abroad").as_deref(), Some("800000.00"));
    assert_eq!(y("vehicle_total").as_deref(), Some("2370000.00"));
    assert_eq!(y("vehicle_purchase"), None);
    assert_eq!(y("vehicle_operation").as_deref(), Some("2370000.00"));
    assert_eq!(y("reception").as_deref(), Some("1012600.00"));
    assert_eq!(y("meeting").as_deref(), Some("1584400.00"));
    assert_eq!(y("training").as_deref(), Some("7000000.00"));
    for rule in ["T1", "T2", "T3"] {
        assert_eq!(passed(&r, rule, &t.id), 1, "{rule}");
    }
    assert!(t.unmapped.is_empty());
}

/// The final 基本支出 table is printed as two panels (301/303 | 302/310): each panel's rows
/// carry their own amounts.
#[test]
fn final_basic_two_panels() {
    let r = records("putuo-final-2024-p16-18");
    let t = table(&r, "final.gpb_basic");
    let code =
        |c: &'static str| move |row: &gongkai_disclosure::Row| row.code.as_deref() == Some(c);
    assert_eq!(
        yuan(t, code("301"), "total").as_deref(),
        Some("20828500.00")
    );
    assert_eq!(yuan(t, code("302"), "total").as_deref(), Some("1710700.00"));
    assert_eq!(
        yuan(t, code("30101"), "total").as_deref(),
        Some("2623300.00")
    );
    assert_eq!(
        yuan(t, code("30201"), "total").as_deref(),
        Some("212100.00")
    );
    assert_eq!(yuan(t, code("30103"), "total"), None);
    assert!(t.unmapped.is_empty(), "{:?}", t.unmapped);
}

/// The final 三公 table prints 预算数 / 决算数 under each part: every column has its own
/// key, and the 0.95 万元 of 公务接待费 is the budget's.
#[test]
fn final_three_public_markers_under_the_parts() {
    let r = records("putuo-final-2024-p16-18");
    let t = table(&r, "final.three_public");
    let any = |_: &gongkai_disclosure::Row| true;
    assert_eq!(t.columns.len(), 12, "{:?}", t.columns);
    assert_eq!(yuan(t, any, "budget.total").as_deref(), Some("9500.00"));
    assert_eq!(yuan(t, any, "budget.reception").as_deref(), Some("9500.00"));
    assert_eq!(yuan(t, any, "final.total"), None);
    assert_eq!(yuan(t, any, "final.reception"), None);
    let r = records("putuo-planning-final-2024-p17");
    let t = table(&r, "final.three_public");
    assert_eq!(t.numeric_cells, 12);
    assert_eq!(t.typed_values(), 12);
    assert_eq!(yuan(t, any, "budget.total").as_deref(), Some("28500.00"));
    assert_eq!(yuan(t, any, "final.total").as_deref(), Some("3900.00"));
    assert_eq!(yuan(t, any, "final.reception").as_deref(), Some("3900.00"));
    assert_eq!(yuan(t, any, "final.vehicle_total").as_deref(), Some("0.00"));
    assert_eq!(passed(&r, "T1", &t.id), 2);
    assert_eq!(passed(&r, "T2", &t.id), 2);
}

/// `购置费 15` printed as an integer is the vehicle purchase, and T2 checks it.
#[test]
fn shanghai_three_public_integer_amounts() {
    let r = records("putuo-wanli-2025-p29");
    let t = table(&r, "budget.three_public");
    let any = |_: &gongkai_disclosure::Row| true;
    assert_eq!(
        yuan(t, any, "vehicle_purchase").as_deref(),
        Some("150000.00")
    );
    assert_eq!(
        yuan(t, any, "vehicle_operation").as_deref(),
        Some("215600.00")
    );
    assert_eq!(yuan(t, any, "abroad").as_deref(), Some("0.00"));
    assert_eq!(
        yuan(t, any, "admin_operating_cost").as_deref(),
        Some("4646400.00")
    );
    assert_eq!(passed(&r, "T2", &t.id), 1);
    assert_eq!(passed(&r, "T1", &t.id), 1);
    assert_eq!(t.numeric_cells, 7);
    assert_eq!(t.typed_values(), 7);
}

/// The 三公 table whose title wraps over two lines (the table stage joins them; before,
/// only `支出预算表` was read and the table was typed a spending table — the header
/// signature rule for a cut title is tested in `rows.rs`).
#[test]
fn three_public_recognised_by_header_over_a_cut_title() {
    let r = records("jiangsu-procuratorate-2018-p19");
    let t = table(&r, "budget.three_public");
    let any = |_: &gongkai_disclosure::Row| true;
    assert_eq!(yuan(t, any, "grand_total").as_deref(), Some("13847400.00"));
    assert_eq!(yuan(t, any, "total").as_deref(), Some("4843000.00"));
    assert_eq!(yuan(t, any, "vehicle_total").as_deref(), Some("2678000.00"));
    assert!(failed(&r, "T1", &t.id).is_empty() && passed(&r, "T1", &t.id) == 1);
}

/// A table whose unit is printed on another page (not in this file) gets no yuan values:
/// the printed 33,172.15 stays as printed, and `unit_unknown` says why.
#[test]
fn no_unit_no_yuan() {
    let r = records("jiangsu-court-2018-p11");
    let t = r
        .tables
        .iter()
        .find(|t| {
            t.table_type
                .as_deref()
                .is_some_and(|tt| tt.ends_with("summary"))
        })
        .expect("the summary body");
    assert_eq!(t.unit, None);
    assert_eq!(t.unit_source, None);
    let v = t
        .rows
        .iter()
        .flat_map(|r| r.values.values())
        .flatten()
        .find(|v| v.raw == "33,172.15")
        .expect("33,172.15");
    assert_eq!(v.yuan, None);
    assert!(r
        .findings
        .iter()
        .any(|f| f.rule == "unit_unknown" && f.table == t.id && f.status == Status::Fail));
    assert!(r.accounting.typed_without_unit > 0);
    // Its own arithmetic is still checked, as printed.
    assert!(r
        .findings
        .iter()
        .any(|f| f.table == t.id && f.rule == "S1" && f.status == Status::Pass));
}

/// Shanghai's 财政项目支出绩效目标填报表 prints its title as the table's first row and its
/// unit in the label `项目资金（元）`: the table is a project, in 元 (never assumed 万元).
/// `putuo-wanli-2023-p31.pdf`: tianbaoxitong/uploads/archives/1770007475548-818404804.pdf p.31.
#[test]
fn shanghai_project_title_in_the_table_and_unit_in_a_label() {
    let r = records("putuo-wanli-2023-p31");
    assert_eq!(r.projects.len(), 1);
    let p = &r.projects[0];
    assert_eq!(p.name.as_deref(), Some("新建万里街道社区公共服务中心"));
    assert_eq!(p.unit.as_deref(), Some("元"));
    let y = |v: &Option<gongkai_disclosure::Value>| v.as_ref().and_then(|v| v.yuan.clone());
    assert_eq!(y(&p.budget.total).as_deref(), Some("4100000.00"));
    assert_eq!(y(&p.budget.fiscal).as_deref(), Some("4100000.00"));
    assert_eq!(y(&p.budget.other).as_deref(), Some("0.00"));
    let levels: Vec<(&str, &str)> = p
        .indicators
        .iter()
        .map(|i| (i.level2.as_str(), i.target.as_str()))
        .collect();
    assert_eq!(
        levels,
        vec![
            ("数量指标", "≥13459.00(平方米)"),
            ("质量指标", "及时率"),
            ("成本指标", "合规"),
            ("社会效益指标", "完善率"),
            ("服务对象满意度指标", "满意度"),
        ]
    );
    assert!(r
        .findings
        .iter()
        .any(|f| f.rule == "PT1" && f.status == Status::Pass));
}

/// A list grouped under 小计 rows, its labels over a group and a sub-label column
/// (`jiangsu-cppcc-2017-p2-3.pdf`: 江苏省政协办公厅 2017年度部门预算公开表 pp.2–3): each line
/// is named by its own label, the 小计 rows are subtotals, and H3 checks every group and
/// the 收入总计. The 支出总表's one row adds up with its 单位预留机动经费 (R1).
#[test]
fn jiangsu_income_list_grouped_under_subtotals() {
    let r = records("jiangsu-cppcc-2017-p2-3");
    let t = table(&r, "budget.income");
    let named = |n: &'static str| move |row: &gongkai_disclosure::Row| row.name == n;
    assert_eq!(
        yuan(t, named("公共财政拨款(补助)资金"), "total").as_deref(),
        Some("90667900.00")
    );
    assert_eq!(
        yuan(t, named("其他收入"), "total").as_deref(),
        Some("800000.00")
    );
    let subtotals: Vec<&str> = t
        .rows
        .iter()
        .filter(|r| r.kind == gongkai_disclosure::RowKind::Subtotal)
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(
        subtotals,
        vec![
            "一般公共预算资金",
            "政府性基金",
            "财政转专户管理资金",
            "其他资金",
            "上年结转和结余资金"
        ]
    );
    assert_eq!(passed(&r, "H3", &t.id), 3);
    let e = table(&r, "budget.expenditure");
    assert_eq!(passed(&r, "R1", &e.id), 1);
    assert_eq!(
        e.row_sums[0].parts,
        vec!["basic", "project", "reserve", "carry_forward"]
    );
}

/// A procurement table nested three deep (`jiangsu-procuratorate-2017-p16-18.pdf`:
/// 2017年省检察院部门预算 pp.16–18): 采购品目大类 (`一、货物 A` 334.00) over lines of
/// 专项名称 and 经济科目 (`办公、办案设备更新购置费 | 办公设备购置` 120.00; a line naming only a
/// 经济科目, `专用设备购置` 30.00, is another line of the same project) over items. P3 checks
/// each category against its lines and each line against its items, all passing.
#[test]
fn jiangsu_procurement_nested_groups() {
    let r = records("jiangsu-procuratorate-2017-p16-18");
    let t = table(&r, "procurement");
    let group = |name: &str| {
        t.rows
            .iter()
            .find(|row| row.name == name && row.kind == gongkai_disclosure::RowKind::Subtotal)
            .unwrap_or_else(|| panic!("{name}"))
    };
    assert_eq!(group("一、货物 A").level, Some(1));
    assert_eq!(group("办公、办案设备更新购置费").level, Some(3));
    let p3: Vec<_> = r.findings.iter().filter(|f| f.rule == "P3").collect();
    let goods = p3
        .iter()
        .find(|f| f.row == group("一、货物 A").id)
        .expect("P3 on 一、货物 A");
    assert_eq!(
        (goods.lhs.as_str(), goods.status),
        ("3340000.00", Status::Pass)
    );
    let office = p3
        .iter()
        .find(|f| f.row == group("办公、办案设备更新购置费").id)
        .expect("P3 on the office equipment line");
    assert_eq!(
        (office.lhs.as_str(), office.status),
        ("1200000.00", Status::Pass)
    );
    assert!(
        p3.len() > 10 && p3.iter().all(|f| f.status == Status::Pass),
        "{p3:#?}"
    );
}

/// 江苏省人大办公厅 2017 收支总表 (pp.7–9 of the PDF): two labels are printed cut over two
/// lines with the amount on the first (`八、社会保障和就 1,608.51` / `业支出`, `当年收入
/// 13,649.07` / `小计`; checked with pdftotext -layout). Read as one label each, they name
/// their lines (208, the year's income total), and the rest-of-label rows are used up. A row
/// holding money whose label names no line (here: the same row with its line taken away, as
/// a person correcting records might) says so (`unknown_line`) instead of passing unseen.
#[test]
fn two_sided_label_cut_over_two_rows() {
    let mut r = records("jiangsu-npc-2017-p7-9");
    let t = table(&r, "budget.summary");
    let line =
        |l: &'static str| move |row: &gongkai_disclosure::Row| row.line.as_deref() == Some(l);
    assert_eq!(
        yuan(t, line("expenditure.func.208"), "amount").as_deref(),
        Some("16085100.00")
    );
    assert_eq!(
        yuan(t, line("income.this_year_total"), "amount").as_deref(),
        Some("136490700.00")
    );
    assert!(t
        .rows
        .iter()
        .all(|row| row.name != "业支出" && row.name != "小计"));
    assert!(failed(&r, "unknown_line", &t.id).is_empty());
    let id = t.id.clone();
    let row = r
        .tables
        .iter_mut()
        .flat_map(|t| t.rows.iter_mut())
        .find(|row| row.line.as_deref() == Some("expenditure.func.208"))
        .expect("row 208");
    row.line = None;
    let row_id = row.id.clone();
    r.findings = gongkai_disclosure::validate(&r);
    let found: Vec<(String, String)> = failed(&r, "unknown_line", &id)
        .iter()
        .map(|f| (f.row.clone(), f.lhs.clone()))
        .collect();
    assert_eq!(found, vec![(row_id, "1,608.51".to_string())]);
}

/// 收入支出决算总表 (上海市普陀区财政局2024 pp.6–7): 总计 2,995.39 = 本年收入合计 2,946.25 +
/// 年初结转和结余 49.14. With the carry-over figure printed blank, FA1 still runs (the table
/// prints the carry-over line) and fails; before, a blank carry-over line left 总计
/// unchecked against 本年收入合计 while S1 (总计 = 总计) passed.
#[test]
fn a_carry_over_line_printed_blank_breaks_the_grand_total() {
    let mut r = records("putuo-final-2024-p6-7");
    let t = r
        .tables
        .iter_mut()
        .find(|t| t.table_type.as_deref() == Some("final.summary"))
        .expect("final.summary");
    let id = t.id.clone();
    let opening = t
        .rows
        .iter_mut()
        .find(|row| row.line.as_deref() == Some("income.opening_balance"))
        .expect("年初结转和结余");
    let cell = opening.values.get_mut("amount").expect("amount column");
    assert_eq!(
        cell.as_ref().and_then(|v| v.yuan.as_deref()),
        Some("491400.00")
    );
    assert!(gongkai_disclosure::validate(&r)
        .iter()
        .any(|f| f.rule == "FA1" && f.table == id && f.status == Status::Pass));
    let t = r.tables.iter_mut().find(|t| t.id == id).expect("table");
    let opening = t
        .rows
        .iter_mut()
        .find(|row| row.line.as_deref() == Some("income.opening_balance"))
        .expect("年初结转和结余");
    *opening.values.get_mut("amount").expect("amount column") = None;
    let fa1: Vec<_> = gongkai_disclosure::validate(&r)
        .into_iter()
        .filter(|f| f.rule == "FA1" && f.table == id)
        .collect();
    assert_eq!(fa1.len(), 1, "{fa1:#?}");
    assert_eq!(fa1[0].status, Status::Fail);
    assert_eq!(
        (fa1[0].lhs.as_str(), fa1[0].rhs.as_str()),
        ("29953900.00", "29462500.00")
    );
}

/// A table whose title is printed but whose body the table reader missed is reported by
/// DOC-2 at the page of its title, not passed over: on 万里街道 2025 p.29 the 三公 table is
/// the only standard table, so without the printed title nothing would be expected.
#[test]
fn a_printed_title_without_its_table_is_a_missing_table_at_its_page() {
    let (name, lines, tables) = common::pipeline_of("real/putuo-wanli-2025-p29.pdf");
    let read = gongkai_disclosure::build_records(&name, &lines, &tables);
    assert!(read.unread_titles.is_empty(), "{:?}", read.unread_titles);
    let found = read
        .findings
        .iter()
        .find(|f| f.rule == "DOC-2" && f.table_type == "budget.three_public")
        .expect("DOC-2 for the 三公 table");
    assert_eq!((found.status, found.table.as_str()), (Status::Pass, "t00"));

    // The same page with its table not read.
    let missed = gongkai_disclosure::build_records(&name, &lines, &[]);
    let titles: Vec<(&str, &str, u32)> = missed
        .unread_titles
        .iter()
        .map(|t| (t.table_type.as_str(), t.title.as_str(), t.page))
        .collect();
    assert_eq!(
        titles,
        vec![(
            "budget.three_public",
            "2025年部门“三公”经费和机关运行经费预算表",
            1
        )]
    );
    let doc2: Vec<_> = missed
        .findings
        .iter()
        .filter(|f| f.rule == "DOC-2")
        .collect();
    assert_eq!(doc2.len(), 1, "{doc2:?}");
    assert_eq!(
        (doc2[0].status, doc2[0].table_type.as_str(), doc2[0].page),
        (Status::Fail, "budget.three_public", 1)
    );
    assert_eq!(
        doc2[0].note.as_deref(),
        Some(
            "missing: its title is printed on p.1 (2025年部门“三公”经费和机关运行经费预算表) \
             but no table of the type was read"
        )
    );
}

/// The narrative facts of a page: (key, yuan, page) in text order.
fn facts(r: &Records) -> Vec<(&str, &str, u32)> {
    r.facts
        .iter()
        .map(|f| (f.key.as_str(), f.yuan.as_deref().unwrap_or(""), f.page))
        .collect()
}

/// The amounts for small and medium enterprises are parts of the procurement, not its
/// total; the assets a department holds are not a purchase, and `单价50万元以上` is a
/// threshold. Printed on p.29: 政府采购预算830.00万元 (货物10.00、工程550.00、服务270.00);
/// 面向中小企业预留…332.00万元，其中，预留给小型和微型企业的…232.40万元; 固定资产3149.52万元;
/// 单价50万元以上通用设备0台/套. Before: a second `procurement.total` of 332.00万元, and
/// `assets.planned_purchase` 3149.52万元 with `assets.item.单价` 50万元, no finding.
#[test]
fn the_narrative_keeps_sme_amounts_held_assets_and_thresholds_apart() {
    let r = records("tianbao-2023-p29");
    let procurement: Vec<_> = facts(&r)
        .into_iter()
        .filter(|f| f.0.starts_with("procurement.") || f.0.starts_with("assets."))
        .collect();
    assert_eq!(
        procurement,
        vec![
            ("procurement.total", "8300000.00", 1),
            ("procurement.goods", "100000.00", 1),
            ("procurement.works", "5500000.00", 1),
            ("procurement.services", "2700000.00", 1),
            ("procurement.sme_reserved", "3320000.00", 1),
            ("procurement.sme_reserved.small_micro", "2324000.00", 1),
        ]
    );
    let sme: Vec<(&str, Status)> = r
        .findings
        .iter()
        .filter(|f| f.rule == "N-SME")
        .map(|f| (f.row.as_str(), f.status))
        .collect();
    assert_eq!(
        sme,
        vec![
            ("procurement.sme_reserved", Status::Pass),
            ("procurement.sme_reserved.small_micro", Status::Pass),
        ]
    );

    // A final account states what was awarded to them: three figures, one per kind of
    // project (p.28: 225.10, 164.87 and 0.00万元; the total 2319.21万元 is on p.27).
    let r = records("putuo-planning-final-2024-p27-28");
    let awarded: Vec<_> = facts(&r)
        .into_iter()
        .filter(|f| f.0 == "procurement.total" || f.0.starts_with("procurement.sme_awarded"))
        .collect();
    assert_eq!(
        awarded,
        vec![
            ("procurement.total", "23192100.00", 1),
            ("procurement.sme_awarded", "2251000.00", 2),
            ("procurement.sme_awarded.small_micro", "1648700.00", 2),
            ("procurement.sme_awarded.other_projects", "0.00", 2),
        ]
    );
}

/// `（2016年度部门支出预算安排为8,648.07万元）` in the 2017 budget is last year's total: it
/// used to be typed as this year's `total_expenditure` (the 2017 total is 9,146.79万元, on
/// p.7), and the document's own tables are in another file, so no check could see it. The
/// page states no other figure of the department's own.
#[test]
fn a_figure_of_another_year_is_not_this_years_total() {
    let r = records("jiangsu-cppcc-2017-p6");
    assert_eq!(r.document.fiscal_year, Some(2017));
    assert_eq!(facts(&r), vec![]);
}

/// Only a title line names a missing table: not the second line of a wrapped title
/// (2018 p.19: `一般公共预算“三公”经费、会议费、培训费` over `支出预算表`, whose
/// budget.expenditure is elsewhere in the document) nor a sentence that names a table
/// (2019 p.29: `…省检察院本级划转240万元办案费;二是《财政拨款支出预算表`).
#[test]
fn wrapped_title_tails_and_sentences_are_not_titles() {
    for file in [
        "jiangsu-procuratorate-2018-p19",
        "jiangsu-procuratorate-2019-p18-27-29",
    ] {
        let r = records(file);
        assert!(r.unread_titles.is_empty(), "{file}: {:?}", r.unread_titles);
        assert!(
            !r.findings
                .iter()
                .any(|f| f.rule == "DOC-2" && f.note.as_deref().unwrap_or("").contains("printed")),
            "{file}"
        );
    }
}

/// 公开 08 表 of the 2019 court budget heads its one amount column 基本支出 where the
/// other Jiangsu budgets print 金额: it is the table's total (合计 21,968.00, 工资福利支出
/// 16,324.07, 商品和服务支出 3,580.05 万元), keyed `total` as elsewhere, so that and
/// the narrative's 基本支出 figure are checked against it (they were skipped).
#[test]
fn a_basic_table_headed_basic_is_keyed_total() {
    let r = records("jiangsu-court-2019-p13");
    let t = table(&r, "budget.gpb_basic");
    assert_eq!(t.columns, vec!["total".to_string()]);
    let by_code = |code: &str| yuan(t, |row| row.code.as_deref() == Some(code), "total");
    assert_eq!(
        yuan(t, |row| row.name == "合计", "total").as_deref(),
        Some("219680000.00")
    );
    assert_eq!(by_code("301").as_deref(), Some("163240700.00"));
    assert_eq!(by_code("302").as_deref(), Some("35800500.00"));
}

/// X-5 (支出总表 基本支出 ≥ 基本支出表 合计) in a final account whose 基本支出决算表 is two
/// panels with no 合计 row: the panels' footers stand for it, as in X-4 (it was skipped
/// without a word). 中共上海市普陀区委社会工作部 2024 决算: p.8 合计 基本支出 105.58; p.13
/// 人员经费合计 95.36, 公用经费合计 10.23 (万元); 105.58 vs 105.59 is within the rounding of
/// three figures printed to 0.01万元.
#[test]
fn a_final_basic_table_in_two_panels_is_checked_against_the_expenditure_table() {
    let r = records("putuo-social-work-final-2024-p8-9-13");
    let x5: Vec<_> = r.findings.iter().filter(|f| f.rule == "X-5").collect();
    assert_eq!(x5.len(), 1, "{x5:?}");
    assert_eq!(x5[0].status, Status::Pass);
    assert_eq!(x5[0].lhs, "1055800.00");
    assert_eq!(x5[0].rhs, "1055900.00");
    assert!(x5[0].expr.contains("人员经费合计") && x5[0].expr.contains("公用经费合计"));
}

/// A 三公 table printed blank (the same body's p.14: four header rows, 合计 / 因公出国（境）费 /
/// 公务用车购置费 / 公务用车运行维护费 / 公务接待费 each over 预算数 | 决算数, and one empty
/// row): its columns come from the header and it has no rows. Its header words used to be
/// typed as rows (`公务接待费`, `决算数`) with no columns.
#[test]
fn a_blank_three_public_table_keeps_its_header_as_columns() {
    let r = records("putuo-social-work-final-2024-p10-22");
    let t = table(&r, "final.three_public");
    for col in [
        "budget.total",
        "final.total",
        "final.abroad",
        "final.vehicle_purchase",
        "final.vehicle_operation",
        "budget.reception",
        "final.reception",
    ] {
        assert!(
            t.columns.iter().any(|c| c == col),
            "{col} in {:?}",
            t.columns
        );
    }
    assert!(t.rows.is_empty(), "{:?}", t.rows);
}

/// A rule between two found tables that compares nothing says so: the 2019 procuratorate's
/// 一般公共预算支出预算表 (p.17) prints one amount column, 金额, so X-4 (its 基本支出 = the
/// 基本支出表's 合计) cannot run; a `skipped` finding names the two tables and the reason.
/// The 2024 Putuo 三公 决算表 (p.18) prints only 预算数 公务接待费 0.95: no 决算数 figure,
/// so X-6 (决算数 ≥ the 基本支出表's line) is skipped, part by part.
#[test]
fn a_cross_table_rule_that_cannot_run_says_why() {
    let r = records("jiangsu-procuratorate-2019-p14-p17-20");
    let x4: Vec<_> = r.findings.iter().filter(|f| f.rule == "X-4").collect();
    assert_eq!(x4.len(), 1, "{x4:?}");
    assert_eq!(x4[0].status, Status::Skipped);
    assert_eq!(x4[0].table_type, "budget.gpb_expenditure");
    let basic = table(&r, "budget.gpb_basic");
    assert_eq!(x4[0].related_tables, vec![basic.id.clone()]);
    assert!(x4[0]
        .note
        .as_deref()
        .unwrap_or("")
        .contains("prints no 基本支出 column"));

    let r = records("putuo-final-2024-p16-18");
    let x6: Vec<_> = r.findings.iter().filter(|f| f.rule == "X-6").collect();
    assert_eq!(x6.len(), 1, "{x6:?}");
    assert_eq!(x6[0].status, Status::Skipped);
    let note = x6[0].note.as_deref().unwrap_or("");
    assert!(note.contains("reception: no figure printed"), "{note}");
}

/// A 三公 table printed blank while the text states its budget (the test copy emptied the
/// table on p.15; p.22: "“三公”经费财政拨款支出年初预算为 0.95 万元"): N-REF compares the
/// stated 9,500 元 with the blank (zero) and fails, instead of saying nothing.
#[test]
fn a_blank_table_contradicted_by_the_text_fails_its_reference() {
    let r = records("putuo-finance-final-2024-test-copy-p1-15-22");
    assert!(table(&r, "final.three_public").rows.is_empty());
    let n: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "N-REF" && f.expr.contains("three_public.budget.total"))
        .collect();
    assert_eq!(n.len(), 1, "{n:?}");
    assert_eq!(n[0].status, Status::Fail);
    assert_eq!((n[0].lhs.as_str(), n[0].rhs.as_str()), ("9500.00", "0.00"));
    assert_eq!(n[0].page, 3);
}

/// What went to 中小企业 in the projects reserved for them (21.07 万元) and in the other
/// projects (21.07 万元) cannot together exceed the procurement total (21.07 万元): each part
/// passes N-SME alone, their sum fails (p.22 of the social-work final).
#[test]
fn sme_amounts_of_reserved_and_other_projects_together_fit_the_total() {
    let r = records("putuo-social-work-final-2024-p10-22");
    let sum: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "N-SME" && f.expr.contains(" + "))
        .collect();
    assert_eq!(sum.len(), 1, "{sum:?}");
    assert_eq!(sum[0].status, Status::Fail);
    assert_eq!(
        (sum[0].lhs.as_str(), sum[0].rhs.as_str()),
        ("210700.00", "421400.00")
    );
    assert!(r
        .findings
        .iter()
        .filter(|f| f.rule == "N-SME" && !f.expr.contains(" + "))
        .all(|f| f.status == Status::Pass));
}

/// The contents list twelve tables: entry 十一 wraps ("…会议费、培训费支" / "出预算表") and
/// runs onto p.2 with entry 十二 (政府采购支出预算表). All twelve are listed, each once, and
/// 十二 is not also taken for a table title printed on p.2.
#[test]
fn contents_entries_wrapped_or_on_the_next_page_are_listed() {
    let r = records("jiangsu-npc-2017-p1-2");
    let listed: Vec<(&str, &str, u32)> = r
        .listed
        .iter()
        .map(|l| (l.title.as_str(), l.table_type.as_str(), l.page))
        .collect();
    assert_eq!(listed.len(), 12, "{listed:?}");
    assert_eq!(
        listed[10],
        (
            "十一、一般公共预算“三公”经费、会议费、培训费支出预算表",
            "budget.three_public",
            1
        )
    );
    assert_eq!(listed[11], ("十二、政府采购支出预算表", "procurement", 2));
    assert!(r.unread_titles.is_empty(), "{:?}", r.unread_titles);
}

#[test]
fn headings_and_dates_left_from_another_year_or_a_template_are_flagged() {
    // Printed (pdftotext -layout): p.2 (source p.7) `第二部分 上海市普陀区XX局 2024 年度部门决算表`,
    // p.3 (p.18) `第三部分上海市普陀区财政局 2023年度部门决算情况说明` over a text of 2024, p.4 (p.24)
    // `截至 2023年 12 月 31 日，上海市普陀区财政局共有车辆 0` in the final account of 2024.
    let r = records("putuo-finance-final-2024-test-copy-p1-7-18-24");
    assert_eq!(r.document.fiscal_year, Some(2024));
    let failed: Vec<(&str, u32, &str)> = r
        .findings
        .iter()
        .filter(|f| (f.rule == "DOC-1" || f.rule == "DOC-3") && f.status == Status::Fail)
        .map(|f| (f.rule.as_str(), f.page, f.lhs.as_str()))
        .collect();
    assert_eq!(
        failed,
        vec![
            ("DOC-3", 2, "第二部分上海市普陀区XX局2024年度部门决算表"),
            (
                "DOC-1",
                3,
                "第三部分上海市普陀区财政局2023年度部门决算情况说明"
            ),
            (
                "DOC-1",
                4,
                "截至2023年12月31日，上海市普陀区财政局共有车辆0"
            ),
        ]
    );
}

#[test]
fn the_real_pages_name_their_own_year_in_every_heading_and_date() {
    // Every other real page set in the repository is a published document as printed: none
    // of its headings or 截至 dates names another year, none holds a placeholder.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/real");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("samples/real") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        let Some(stem) = name.strip_suffix(".pdf") else {
            continue;
        };
        if !(stem.starts_with("putuo")
            || stem.starts_with("jiangsu")
            || stem.starts_with("tianbao"))
            || stem.contains("test-copy")
        {
            continue;
        }
        let r = records(stem);
        let wrong: Vec<&str> = r
            .findings
            .iter()
            .filter(|f| f.rule == "DOC-1" || f.rule == "DOC-3")
            .map(|f| f.lhs.as_str())
            .collect();
        assert!(wrong.is_empty(), "{stem}: {wrong:?}");
        checked += r.year_mentions.len();
    }
    assert!(checked >= 10, "{checked} year mentions checked");
}

#[test]
fn two_forms_printed_alike_on_consecutive_pages_are_two_projects() {
    // Printed: p.1 项目名称 就业援助基地补贴, 项目资金总额 6,351,000.00, four indicators from
    // 补贴对象申请审核完成率 =100.00(%); p.2 项目名称 社区环境整治和建设经费, 项目资金总额
    // 4,563,800.00, four indicators from 整治行动、病媒消杀 ≥12.00(次).
    let r = records("tianbao-2023-p32-33");
    type Read<'a> = (Option<&'a str>, Option<&'a str>, usize, Vec<u32>);
    let got: Vec<Read> = r
        .projects
        .iter()
        .map(|p| {
            (
                p.name.as_deref(),
                p.budget.total.as_ref().and_then(|v| v.yuan.as_deref()),
                p.indicators.len(),
                p.pages.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("就业援助基地补贴"), Some("6351000.00"), 4, vec![1]),
            (
                Some("社区环境整治和建设经费"),
                Some("4563800.00"),
                4,
                vec![2]
            ),
        ]
    );
    let first = &r.projects[1].indicators[0];
    assert_eq!(first.level3, "整治行动、病媒消杀");
    assert_eq!(first.target, "≥12.00(次)");
}

/// The N-PERF findings of a document: (status, lhs, rhs).
fn perf_checks(r: &Records) -> Vec<(Status, String, String)> {
    r.findings
        .iter()
        .filter(|f| f.rule == "N-PERF")
        .map(|f| (f.status, f.lhs.clone(), f.rhs.clone()))
        .collect()
}

#[test]
fn the_projects_the_text_counts_are_the_forms_read_and_their_money_adds_up() {
    // p.29: 编报绩效目标的项目5个，涉及项目预算资金3328.13万元. The five forms' 项目资金总额:
    // 4,100,000.00 + 6,351,000.00 + 4,563,800.00 + 7595500.00 + 10,903,043.00 = 33,513,343.00,
    // 232,043.00 more than the text's 33,281,300.00: the document's own discrepancy.
    let r = records("tianbao-2023-p29-31-35");
    assert_eq!(r.projects.len(), 5);
    assert_eq!(
        perf_checks(&r),
        vec![
            (Status::Pass, "5".to_string(), "5".to_string()),
            (
                Status::Fail,
                "33281300.00".to_string(),
                "33513343.00".to_string()
            ),
        ]
    );
    // Two of the five forms: the count says forms are missing; the sum is not compared.
    let r = records("tianbao-2023-p29-32-33");
    assert_eq!(
        perf_checks(&r),
        vec![(Status::Fail, "5".to_string(), "2".to_string())]
    );
}

#[test]
fn prose_under_a_performance_heading_is_no_project() {
    // Printed: 十四、预算绩效目标设置情况说明 / 2019年本部门共 0 个项目实行绩效目标管理。 No form.
    let r = records("jiangsu-procuratorate-2019-p32");
    let names: Vec<Option<&str>> = r.projects.iter().map(|p| p.name.as_deref()).collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn a_file_printing_none_of_its_listed_tables_gets_one_finding_for_the_list() {
    // pp.1–2 of 江苏省人大办公厅2017年度预算公开: the contents (twelve tables), no table printed;
    // one DOC-2 says none of the twelve is in this file, not twelve findings.
    let r = records("jiangsu-npc-2017-p1-2");
    let doc2: Vec<(Status, &str)> = r
        .findings
        .iter()
        .filter(|f| f.rule == "DOC-2")
        .map(|f| (f.status, f.lhs.as_str()))
        .collect();
    assert_eq!(doc2, vec![(Status::Fail, "0 of 12")]);
    let note = r
        .findings
        .iter()
        .find(|f| f.rule == "DOC-2")
        .and_then(|f| f.note.as_deref())
        .unwrap_or("");
    assert!(note.contains("companion file"), "{note}");
}

#[test]
fn a_line_printed_with_its_parents_name_in_front_is_checked_against_its_row() {
    // p.26 `人大事务行政运行（项）支出 10528.33 万元`: the 项 行政运行 under 人大事务, whose row
    // on p.11 is 2010101 行政运行 4,545.94 (10,528.33 is the 款 20101's): E-AMT fails.
    let r = records("jiangsu-npc-2017-p11-26");
    let x = &r.explanations[0];
    assert_eq!(x.code.as_deref(), Some("2010101"));
    assert_eq!(x.code_source.as_deref(), Some("tables_joined_name"));
    let amt: Vec<(Status, &str, &str)> = r
        .findings
        .iter()
        .filter(|f| f.rule == "E-AMT" && f.row == "t00.r04")
        .map(|f| (f.status, f.lhs.as_str(), f.rhs.as_str()))
        .collect();
    assert_eq!(amt, vec![(Status::Fail, "105283300.00", "45459400.00")]);
}

#[test]
fn the_parts_of_the_three_public_total_listed_in_sentences_of_their_own_are_read() {
    // p.22: `2026年“三公”经费预算数为10.81万元…。其中：（一）因公出国（境）费0万元…。（二）公务用车
    // 购置及运行费9.98万元…。其中：公务用车购置费0万元…；公务用车运行费9.98万元…。（三）公务接待费
    // 0.83万元。`
    let r = records("putuo-justice-budget-2026-p22");
    let got: Vec<(&str, Option<&str>)> = r
        .facts
        .iter()
        .filter(|f| f.key.starts_with("three_public."))
        .map(|f| (f.key.as_str(), f.yuan.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("three_public.total", Some("108100.00")),
            ("three_public.abroad", Some("0.00")),
            ("three_public.vehicle_total", Some("99800.00")),
            ("three_public.vehicle_purchase", Some("0.00")),
            ("three_public.vehicle_operation", Some("99800.00")),
            ("three_public.reception", Some("8300.00")),
        ]
    );
}

#[test]
fn a_final_accounts_general_budget_figure_is_an_outturn_checked_against_the_panels() {
    // p.24: `一般公共预算财政拨款基本支出 5377.64 万元。其中：人员经费 4896.98 万元，…公用经费
    // 480.66 万元`; p.16 prints 人员经费合计 4884.09 and 公用经费合计 480.66 (万元), no 合计 over
    // both. The 预算 of 一般公共预算 does not make the first figure a budget quoted beside the
    // outturn; with no 合计 over both panels it is checked against their two totals (5364.75);
    // the 人员经费 the text states is 12.89万元 more than its table's.
    let r = records("putuo-planning-final-2024-p16-24");
    let facts: Vec<(&str, Option<&str>)> = r
        .facts
        .iter()
        .map(|f| (f.key.as_str(), f.yuan.as_deref()))
        .collect();
    assert_eq!(
        facts,
        vec![
            ("gpb_basic_expenditure", Some("53776400.00")),
            ("personnel_expenditure", Some("48969800.00")),
            ("public_expenditure", Some("4806600.00")),
        ]
    );
    let n_ref: Vec<(Status, &str, &str, &str)> = r
        .findings
        .iter()
        .filter(|f| f.rule == "N-REF")
        .map(|f| (f.status, f.lhs.as_str(), f.rhs.as_str(), f.column.as_str()))
        .collect();
    assert_eq!(
        n_ref,
        vec![
            (Status::Fail, "53776400.00", "53647500.00", "total"),
            (Status::Fail, "48969800.00", "48840900.00", "total"),
            (Status::Pass, "4806600.00", "4806600.00", "total"),
        ]
    );
}

#[test]
fn procurement_items_carry_the_project_named_on_the_group_line_above_them() {
    // p.12: `省政协专项会议 | 会议费 | | | 952.65`, then `会议服务 | 分散自行组织 | 892.65`;
    // `省政协业务工作经费 | 培训费 | | | 271.77`, then `会议服务 | 分散自行组织 | 271.77`; the
    // category line `三、服务C 1,274.42` names no project.
    let r = records("jiangsu-cppcc-2019-p12");
    let items: Vec<(Option<&str>, Option<&str>, Option<&str>)> = r
        .procurement
        .iter()
        .filter(|i| {
            matches!(
                i.item_name.as_deref(),
                Some("会议服务" | "印刷品" | "家具用具")
            )
        })
        .map(|i| {
            (
                i.project_name.as_deref(),
                i.item_name.as_deref(),
                i.amounts
                    .get("total")
                    .and_then(|v| v.as_ref())
                    .and_then(|v| v.yuan.as_deref()),
            )
        })
        .collect();
    assert_eq!(
        items,
        vec![
            (Some("办公设备购置费"), Some("家具用具"), Some("1980000.00")),
            (Some("省政协专项会议"), Some("印刷品"), Some("500000.00")),
            (Some("省政协专项会议"), Some("会议服务"), Some("8926500.00")),
            (
                Some("省政协业务工作经费"),
                Some("会议服务"),
                Some("2717700.00")
            ),
        ]
    );
    // 2017年省检察院部门预算 p.17: a line naming only a 经济科目 (`专用设备购置 30.00`, over
    // `其他专用设备 30.00`) stays under the project above it (`网络、电子检务、实验室、机要通道、
    // 档案数字化系统运行维护费`, wrapped over four lines).
    let r = records("jiangsu-procuratorate-2017-p16-18");
    let special = r
        .procurement
        .iter()
        .find(|i| i.item_name.as_deref() == Some("其他专用设备"))
        .expect("其他专用设备");
    assert_eq!(
        special.project_name.as_deref(),
        Some("网络、电子检务、实验室、机要通道、档案数字化系统运行维护费")
    );
}

#[test]
fn each_panel_total_of_a_two_panel_basic_table_is_the_sum_of_its_classes() {
    // p.16: panel 1 `301 工资福利支出 4816.14`, `303 对个人和家庭的补助 67.96`, `人员经费合计
    // 4884.09` (4884.10 by the classes: within the rounding of three figures to 0.01万元);
    // panel 2 `302 商品和服务支出 440.90`, `310 资本性支出 39.76`, `公用经费合计 480.66`.
    let r = records("putuo-planning-final-2024-p16-24");
    let h2: Vec<(Status, &str, &str)> = r
        .findings
        .iter()
        .filter(|f| f.rule == "H2")
        .map(|f| (f.status, f.lhs.as_str(), f.expr.as_str()))
        .collect();
    assert_eq!(
        h2,
        vec![
            (
                Status::Rounding,
                "48840900.00",
                "人员经费合计 = Σ 类 rows of its panel (2)"
            ),
            (
                Status::Pass,
                "4806600.00",
                "公用经费合计 = Σ 类 rows of its panel (2)"
            ),
        ]
    );
}

#[test]
fn an_explained_line_in_a_file_without_tables_is_said_unchecked() {
    // pp.9–10: `1．党委办公厅（室）及相关机构事务（款）行政运行（项）支出9370.12万元`, …,
    // `2. 住房改革支出（款）提租补贴（项）支出2928.22万元`; the file prints no table to check
    // them against, and says so for each.
    let r = records("jiangsu-party-office-2019-text-p9-10");
    let amt: Vec<(Status, &str)> = r
        .findings
        .iter()
        .filter(|f| f.rule == "E-AMT")
        .map(|f| (f.status, f.lhs.as_str()))
        .collect();
    assert_eq!(
        amt,
        vec![
            (Status::Skipped, "93701200.00"),
            (Status::Skipped, "130253800.00"),
            (Status::Skipped, "2755400.00"),
            (Status::Skipped, "7850600.00"),
            (Status::Skipped, "3140300.00"),
            (Status::Skipped, "9658700.00"),
            (Status::Skipped, "29282200.00"),
        ]
    );
}

#[test]
fn personnel_and_public_spending_are_checked_against_the_economic_classes() {
    // p.30 states 人员经费 13,452.12 and 公用经费 2391.92 万元; the table of pp.18–19 has one
    // amount column: 301 工资福利支出 11,960.62 + 303 对个人和家庭的补助 1,491.50 = 13,452.12,
    // and 302 商品和服务支出 2,391.92.
    let r = records("jiangsu-procuratorate-2019-p18-19-30");
    let n_ref: Vec<(Status, &str, &str, &str)> = r
        .findings
        .iter()
        .filter(|f| f.rule == "N-REF" && f.table_type == "budget.gpb_basic")
        .map(|f| (f.status, f.lhs.as_str(), f.rhs.as_str(), f.expr.as_str()))
        .collect();
    assert_eq!(
        n_ref,
        vec![
            (
                Status::Pass,
                "158440400.00",
                "158440400.00",
                "narrative gpb_basic_expenditure = 合计 [total]"
            ),
            (
                Status::Pass,
                "134521200.00",
                "134521200.00",
                "narrative personnel_expenditure = Σ 类 301 + 303 [total]"
            ),
            (
                Status::Pass,
                "23919200.00",
                "23919200.00",
                "narrative public_expenditure = Σ 类 302 [total]"
            ),
        ]
    );
}

#[test]
fn prose_read_as_a_borderless_table_is_still_read_as_text() {
    // p.29: `省检察院2019年度财政拨款基本支出预算 15,844.04 万元。其中：（一）人员经费 13,452.12
    // 万元。…（二）公用经费 2391.92 万元。` The gaps of the justified lines make an untyped
    // three-row 'table' of the first lines; its sentences are still narrative figures.
    let r = records("jiangsu-procuratorate-2019-p29");
    let facts: Vec<(&str, Option<&str>)> = r
        .facts
        .iter()
        .map(|f| (f.key.as_str(), f.yuan.as_deref()))
        .collect();
    assert_eq!(
        facts,
        vec![
            ("gpb_basic_expenditure", Some("158440400.00")),
            ("personnel_expenditure", Some("134521200.00")),
            ("public_expenditure", Some("23919200.00")),
        ]
    );
}

#[test]
fn a_line_broken_before_a_figure_that_did_not_fit_continues_its_sentence() {
    // p.7: `2025年，上海市普陀区商务委员会收入预算37,151.47万元，其中：财政拨款收入37,151.47万元，
    // 比2024年预算执行数增加` ends well short of the margin, and the next line starts
    // `24,558.18万元；事业收入0万元；…`: one sentence.
    let r = records("putuo-commerce-budget-2025-p7");
    let business = r
        .facts
        .iter()
        .find(|f| f.key == "income.by_source.business")
        .expect("事业收入");
    assert_eq!(business.yuan.as_deref(), Some("0.00"));
    assert!(
        business
            .sentence
            .starts_with("2025年，上海市普陀区商务委员会收入预算37,151.47万元，其中：财政拨款收入37,151.47万元，比2024年预算执行数增加24,558.18万元；事业收入0万元"),
        "{}",
        business.sentence
    );
}

#[test]
fn a_sentence_runs_on_past_the_page_number() {
    // 江苏省委办公厅 2017 预算 pp.5–6: p.5 ends `…各增加 2043.58 万元，增长` over its page
    // number `— 5 —`, and p.6 begins `10.87%。主要原因是…`: one sentence, the page number
    // no part of it.
    let r = records("jiangsu-party-office-2017-p5-6");
    let total = r
        .facts
        .iter()
        .find(|f| f.key == "total_expenditure" && f.page == 1)
        .expect("收入、支出预算总计");
    assert_eq!(total.yuan.as_deref(), Some("208494500.00"));
    assert_eq!(
        total.sentence,
        "省委办公厅2017年度收入、支出预算总计20849.45万元，与上年相比收、支预算总计各增加2043.58万元，增长10.87%。"
    );
}

#[test]
fn a_numbered_heading_starts_its_own_paragraph() {
    // 上海市普陀区人民政府万里街道办事处25年预算 p.30: the 机关运行经费 sentence ends
    // `…预算为464.64万元` with no 。 at the line's end, and the next line is the heading
    // `三、政府采购预算情况`: not the rest of that sentence.
    let r = records("putuo-wanli-2025-p30");
    let cost = r
        .facts
        .iter()
        .find(|f| f.key == "admin_operating_cost")
        .expect("机关运行经费");
    assert_eq!(cost.yuan.as_deref(), Some("4646400.00"));
    assert_eq!(
        cost.sentence,
        "2025年上海市普陀区人民政府万里街道办事处（部门）下属1家机关和1家参公事业单位财政拨款的机关运行经费预算为464.64万元"
    );
    let procurement = r
        .facts
        .iter()
        .find(|f| f.key == "procurement.total")
        .expect("政府采购预算");
    assert_eq!(procurement.yuan.as_deref(), Some("48212000.00"));
}
