//! The explanation of each spending line, on real pages cut from the corpus
//! (`samples/real/`, see `samples/README.md`). Every value asserted here was read off the
//! page rendered with `pdftoppm -r 100`, not copied from the program's output.

mod common;

use gongkai_disclosure::{Explanation, Finding, Records, Status};

fn records(file: &str) -> Records {
    common::records_of(&format!("real/{file}"))
}

fn names(e: &Explanation) -> Vec<&str> {
    e.path.iter().map(|p| p.name.as_str()).collect()
}

fn yuan(f: &Option<gongkai_disclosure::Figure>) -> Option<&str> {
    f.as_ref().map(|f| f.yuan.as_str())
}

/// The finding of `rule` about explanation `id` (E-AMT names it in its expression).
fn finding<'a>(r: &'a Records, rule: &str, id: &str) -> Option<&'a Finding> {
    r.findings.iter().find(|f| {
        f.rule == rule && (f.row == id || f.expr.starts_with(&format!("explanation {id} ")))
    })
}

/// 上海市普陀区人民政府万里街道办事处24年预算 pp.6–9 (the notes) and 22–26 (一般公共预算支出功能
/// 分类预算表, in 元).
#[test]
fn putuo_budget_notes() {
    let r = records("putuo-wanli-budget-2024-p6-9-22-26.pdf");
    let ex = &r.explanations;
    // Items 1–33, every one of them printed with its three levels.
    assert_eq!(ex.len(), 33);
    assert!(ex.iter().all(|e| e.code.is_some() && e.path.len() == 3));
    // 1. “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”25.77万元，主要用于专项普查活动。
    // 2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%。
    // 主要原因是：项目调整。 (p.6)
    let e = &ex[0];
    assert_eq!(
        names(e),
        ["一般公共服务支出", "统计信息事务", "专项普查活动"]
    );
    assert_eq!(
        (e.code.as_deref(), e.code_source.as_deref()),
        (Some("2010507"), Some("tables"))
    );
    assert_eq!(
        (yuan(&e.amount), yuan(&e.prior), yuan(&e.restated)),
        (Some("257700.00"), Some("601300.00"), Some("257700.00"))
    );
    assert_eq!(
        (
            e.change_pct.as_deref(),
            e.change_direction.as_deref(),
            e.purpose.as_deref(),
            e.reason.as_deref(),
            e.page
        ),
        (
            Some("57.14"),
            Some("减少"),
            Some("专项普查活动"),
            Some("项目调整"),
            1
        )
    );
    // The table's 2010507 专项普查活动 合计 is 257,700 (p.22): equal.
    let f = finding(&r, "E-AMT", "x01").expect("E-AMT x01");
    assert_eq!((f.status, f.rhs.as_str()), (Status::Pass, "257700.00"));
    // (25.77 − 60.13) / 60.13 = −57.143 %.
    assert_eq!(
        finding(&r, "E-PCT", "x01").map(|f| f.status),
        Some(Status::Pass)
    );
    // 2. The sentence after 主要用于… ends the printed line with "。" and goes on at the left
    // margin ("。2023年当年预算执行数为45.41万元 …"): still item 2.
    assert_eq!(
        (yuan(&ex[1].prior), ex[1].change_pct.as_deref()),
        (Some("454100.00"), Some("6.19"))
    );
    // 31. “住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元 … 2023年当年预算执行数为
    // 348.52万元，2024年预算安排352.67万元，比2023年预算执行数增加0.53%。 (p.9) The table has
    // 2210201 住房公积金 3,503,499 元 (p.26): 350.35万元 is that rounded. The amount restated
    // as 352.67 is not; 0.53% is (350.35 − 348.52) / 348.52.
    let e = &ex[30];
    assert_eq!(
        (e.code.as_deref(), yuan(&e.amount), yuan(&e.restated)),
        (Some("2210201"), Some("3503500.00"), Some("3526700.00"))
    );
    let f = finding(&r, "E-AMT", "x31").expect("E-AMT x31");
    assert_eq!((f.status, f.rhs.as_str()), (Status::Rounding, "3503499.00"));
    assert_eq!(
        finding(&r, "E-RESTATE", "x31").map(|f| f.status),
        Some(Status::Fail)
    );
    assert_eq!(
        finding(&r, "E-PCT", "x31").map(|f| f.status),
        Some(Status::Pass)
    );
    // 33. … 217.72万元 … 2023年当年预算执行数为217.72万元 … 比2023年预算执行数持平。
    let e = &ex[32];
    assert_eq!(e.change_direction.as_deref(), Some("持平"));
    assert_eq!(
        finding(&r, "E-DIR", "x33").map(|f| f.status),
        Some(Status::Pass)
    );
    // 352.67 is the only figure of these pages that disagrees.
    let failed: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("E-") && f.status == Status::Fail)
        .map(|f| f.rule.as_str())
        .collect();
    assert_eq!(failed, ["E-RESTATE"]);
}

/// 中共上海市普陀区委社会工作部 2024 年度部门决算 pp.12 (一般公共预算财政拨款支出决算表, 万元) and
/// 18–20 (the notes: 全年预算为…，支出决算为…，完成全年预算数的…%).
#[test]
fn putuo_final_notes() {
    let r = records("putuo-social-work-final-2024-p12-18-20.pdf");
    let ex = &r.explanations;
    assert_eq!(ex.len(), 9);
    // 1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。主要用于：行政单位人员支出、公用
    // 支出。全年预算为52.00万元，支出决算为51.32万元，完成全年预算数的98.69%。决算数小于全年预算数
    // 的主要原因：人员变动引起实际支出低于预算。 (p.18)
    let e = &ex[0];
    assert_eq!(names(e), ["一般公共服务支出", "社会工作事务", "行政运行"]);
    assert_eq!(
        (
            e.code.as_deref(),
            yuan(&e.amount),
            yuan(&e.budgeted),
            e.completion_pct.as_deref(),
            e.change_direction.as_deref()
        ),
        (
            Some("2013901"),
            Some("513200.00"),
            Some("520000.00"),
            Some("98.69"),
            Some("减少")
        )
    );
    assert_eq!(e.purpose.as_deref(), Some("行政单位人员支出、公用支出"));
    assert_eq!(e.reason.as_deref(), Some("人员变动引起实际支出低于预算"));
    // 2013901 行政运行 51.32 in the table (p.12); 51.32 / 52.00 = 98.69 %.
    for rule in ["E-AMT", "E-RATE", "E-DIR"] {
        assert_eq!(
            finding(&r, rule, "x01").map(|f| f.status),
            Some(Status::Pass),
            "{rule}"
        );
    }
    // 7、… 事业单位医疗（项）… 全年预算为2.29万元，支出决算为0.49万元。 (p.19) = 2101102 0.49.
    assert_eq!(
        (ex[6].code.as_deref(), yuan(&ex[6].amount)),
        (Some("2101102"), Some("4900.00"))
    );
    // Every amount equals its row of the table.
    let amt: Vec<Status> = r
        .findings
        .iter()
        .filter(|f| f.rule == "E-AMT")
        .map(|f| f.status)
        .collect();
    assert_eq!(amt, vec![Status::Pass; 9]);
}

/// 江苏省人民检察院 2019年度部门预算公开 pp.18 (一般公共预算支出预算表（功能科目）, 万元) and 27–29:
/// the class is a heading above the items (`（一）公共安全（类）`), the change an amount and a %.
#[test]
fn jiangsu_notes_under_class_headings() {
    let r = records("jiangsu-procuratorate-2019-p18-27-29.pdf");
    let ex = &r.explanations;
    // 1．检察（款）行政运行（项）支出12,268.62 万元，与上年相比增加 1385.26 万元，增长 12.73 %。
    let e = &ex[0];
    assert_eq!(names(e), ["公共安全", "检察", "行政运行"]);
    assert!(e.path[0].from_heading && !e.path[1].from_heading);
    assert_eq!(
        (
            e.code.as_deref(),
            yuan(&e.amount),
            yuan(&e.change_amount),
            e.change_pct.as_deref()
        ),
        (
            Some("2040401"),
            Some("122686200.00"),
            Some("13852600.00"),
            Some("12.73")
        )
    );
    // 2040401 行政运行 12,268.62 (p.18); 1385.26 / (12268.62 − 1385.26) = 12.728 %.
    assert_eq!(
        finding(&r, "E-AMT", "x01").map(|f| f.status),
        Some(Status::Pass)
    );
    assert_eq!(
        finding(&r, "E-PCT", "x01").map(|f| f.status),
        Some(Status::Pass)
    );
    // （三）住房保障支出（类） 1．住房改革支出（款）住房公积金（项）支出1442.74万元，与上年相比增加
    // 368.97万元，增加34.38 %。 (p.29) 368.97 / 1073.77 = 34.36 %: the printed % is off.
    let e = ex
        .iter()
        .find(|e| e.code.as_deref() == Some("2210201"))
        .expect("2210201");
    assert_eq!(names(e), ["住房保障支出", "住房改革支出", "住房公积金"]);
    let f = finding(&r, "E-PCT", &e.id).expect("E-PCT");
    assert_eq!((f.status, f.lhs.as_str()), (Status::Fail, "34.38"));
}

/// 上海市普陀区司法局 2026年部门预算 pp.8–9: codes printed in the markers
/// (`公共安全支出（204类）司法（06款）行政运行（01项）`), and three figures that disagree.
#[test]
fn printed_codes_and_publisher_slips() {
    let r = records("putuo-justice-budget-2026-p8-9.pdf");
    let ex = &r.explanations;
    assert_eq!(ex.len(), 13);
    assert!(ex
        .iter()
        .all(|e| e.code_source.as_deref() == Some("printed")));
    assert_eq!(
        ex.iter()
            .map(|e| e.code.as_deref().unwrap_or(""))
            .collect::<Vec<_>>()[..3],
        ["2040601", "2040604", "2040605"]
    );
    // 11、医疗卫生与计划生育支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）
    assert_eq!(ex[10].code.as_deref(), Some("2101101"));
    // 6、… 3845.49万元 … 2025年当年预算执行数为43269.3万元 … 增加17.62% (p.9): 3845.49 is not
    // 17.62 % above 43269.3.
    assert_eq!(
        finding(&r, "E-PCT", "x06").map(|f| f.status),
        Some(Status::Fail)
    );
    // 9、… 91.97万元 … 执行数为77.99万元 … 增加17.66%: (91.97 − 77.99) / 77.99 = 17.93 %.
    assert_eq!(
        finding(&r, "E-PCT", "x09").map(|f| f.status),
        Some(Status::Fail)
    );
    // 10、… 0.64万元 … 执行数为0.50万元 … 增加28%: exactly.
    assert_eq!(
        finding(&r, "E-PCT", "x10").map(|f| f.status),
        Some(Status::Pass)
    );
    // 12、… 住房公积金（01项）208.8万元 … 2026年预算安排201.50万元 … 增加5.27%: the two amounts
    // differ; the % is that of 208.8 against 198.34.
    assert_eq!(
        finding(&r, "E-RESTATE", "x12").map(|f| f.status),
        Some(Status::Fail)
    );
    assert_eq!(
        finding(&r, "E-PCT", "x12").map(|f| f.status),
        Some(Status::Pass)
    );
}

/// 省法院2018年度部门预算公开 pp.9–11 (收支预算总表, 财政拨款支出预算表) and 17, 19 (the notes).
/// `1．公共安全（类）支出 26200.88 万元` is a class of the department's whole spending: Jiangsu's
/// 支出预算总表 is one row by use, so the figure is held against the 收支总表's line
/// `四、公共安全支出 26,200.88` (before, E-AMT did not run and nothing said so).
/// `2．法院（款）一般行政事务管理（项）支出 6049.97 万元` words the row 2040502
/// `一般行政管理事务 6,049.97` differently: the line is the row of that parent with the most
/// similar name (before, no code and no check).
#[test]
fn jiangsu_class_lines_and_a_line_worded_unlike_its_row() {
    let r = records("jiangsu-court-2018-p9-11-17-19.pdf");
    let ex = &r.explanations;
    let e = ex.iter().find(|e| e.id == "x01").expect("x01");
    assert_eq!(names(e), vec!["公共安全"]);
    assert_eq!(yuan(&e.amount), Some("262008800.00"));
    let f = finding(&r, "E-AMT", "x01").expect("E-AMT x01");
    assert_eq!((f.status, f.rhs.as_str()), (Status::Pass, "262008800.00"));
    assert_eq!(f.column, "amount");

    let e = ex.iter().find(|e| e.id == "x05").expect("x05");
    assert_eq!(names(e), vec!["公共安全", "法院", "一般行政事务管理"]);
    assert_eq!(
        (e.code.as_deref(), e.code_source.as_deref()),
        (Some("2040502"), Some("tables_similar_name"))
    );
    let f = finding(&r, "E-AMT", "x05").expect("E-AMT x05");
    assert_eq!((f.status, f.rhs.as_str()), (Status::Pass, "60499700.00"));
}
