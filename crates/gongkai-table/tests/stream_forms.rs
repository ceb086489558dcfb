//! Borderless 绩效目标表 forms (label/value pairs over an indicator table) set at text
//! leading: every row one line box below the last, so a label over the next row's label
//! stands where a wrapped cell's second line would.

mod common;

use gongkai_geom::{Glyph, UnicodeSource};
use gongkai_table::{extract_tables, PageInput, TableOptions};

/// Glyphs for `text` spread evenly over `x0..x1`, `size` pt, on the line whose top is
/// `top`.
fn line(out: &mut Vec<Glyph>, text: &str, (x0, x1): (f64, f64), top: f64, size: f64) {
    common::glyph_run(
        out,
        text,
        (x0, x1),
        top,
        size,
        UnicodeSource::ToUnicode,
        None,
    );
}

/// One line of a form: its top and its texts with their left and right ends.
type Row<'a> = (f64, &'a [(&'a str, f64, f64)]);

/// The form of generator seed 32 (a tuning seed of `scripts/eval-borderless`), page 1:
/// 8 pt, rows 10.4 pt apart, no rules; labels centred, `产出指标` / `效益指标` centred on
/// the indicator rows they head.
fn seed_32_form() -> Vec<Glyph> {
    let mut g = Vec::new();
    let rows: &[Row] = &[
        (
            87.5,
            &[("项目名称", 108.8, 140.8), ("河道清淤整治", 314.8, 362.8)],
        ),
        (
            97.9,
            &[
                ("主管部门", 108.8, 140.8),
                ("青水市东湖区水利局", 183.5, 255.5),
                ("实施单位", 313.7, 345.7),
                ("青水市东湖区水利局", 413.0, 485.0),
            ],
        ),
        (
            108.3,
            &[
                ("预算数", 112.8, 136.8),
                ("6.04", 211.5, 227.5),
                ("其中：财政资金", 301.7, 357.7),
                ("3.02", 441.0, 457.0),
            ],
        ),
        (119.6, &[("其他资金", 313.7, 345.7), ("3.02", 441.0, 457.0)]),
        (
            130.9,
            &[
                ("年度绩效目标", 100.8, 148.8),
                (
                    "1.按期完成河道清淤整治各项任务；2.资金使用规范高效，切实发挥资金效益。",
                    168.6,
                    448.6,
                ),
            ],
        ),
        (
            141.3,
            &[
                ("一级指标", 108.8, 140.8),
                ("二级指标", 203.5, 235.5),
                ("三级指标", 313.7, 345.7),
                ("指标值", 437.0, 461.0),
            ],
        ),
        (
            151.7,
            &[
                ("数量指标", 203.5, 235.5),
                ("服务场次", 313.7, 345.7),
                ("≥866个", 434.2, 463.8),
            ],
        ),
        (
            162.1,
            &[
                ("质量指标", 203.5, 235.5),
                ("验收合格率", 309.7, 349.7),
                ("100%", 441.0, 457.0),
            ],
        ),
        (167.3, &[("产出指标", 108.8, 140.8)]),
        (
            172.5,
            &[
                ("时效指标", 203.5, 235.5),
                ("完成及时率", 309.7, 349.7),
                ("及时完成", 433.0, 465.0),
            ],
        ),
        (
            182.9,
            &[
                ("成本指标", 203.5, 235.5),
                ("按预算金额完成", 301.7, 357.7),
                ("≤6.04万元", 428.2, 469.8),
            ],
        ),
        (
            193.3,
            &[
                ("社会效益指标", 195.5, 243.5),
                ("社会影响", 313.7, 345.7),
                ("持续发挥作用", 425.0, 473.0),
            ],
        ),
        (198.5, &[("效益指标", 108.8, 140.8)]),
        (
            203.7,
            &[
                ("经济效益指标", 195.5, 243.5),
                ("节约运行成本", 305.7, 353.7),
                ("持续发挥作用", 425.0, 473.0),
            ],
        ),
        (
            214.1,
            &[
                ("满意度指标", 104.8, 144.8),
                ("服务对象满意度指标", 183.5, 255.5),
                ("受益群众满意度", 301.7, 357.7),
                ("≥95%", 439.0, 459.0),
            ],
        ),
    ];
    for (top, texts) in rows {
        for (t, x0, x1) in texts.iter() {
            line(&mut g, t, (*x0, *x1), *top, 8.0);
        }
    }
    g
}

/// `年度绩效目标` (beside its one-line goal) over `一级指标` (beside `二级指标`…), one
/// line box apart: their middle is the middle of the two rows beside them, as a label
/// centred over two rows would be, but each stands level with a row of its own, so each
/// is a row's label.
#[test]
fn labels_of_rows_set_at_text_leading_are_two_rows() {
    let g = seed_32_form();
    let page = PageInput {
        page: 1,
        width: 595.0,
        height: 842.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    assert_eq!(t.len(), 1);
    let grid = t[0].grid();
    assert_eq!((t[0].n_rows, t[0].n_cols), (13, 4), "{grid:?}");
    let row = |r: usize| -> Vec<String> {
        grid[r]
            .iter()
            .map(|c| c.clone().unwrap_or_default())
            .collect()
    };
    assert_eq!(row(4)[0], "年度绩效目标");
    assert_eq!(
        row(4)[1],
        "1.按期完成河道清淤整治各项任务；2.资金使用规范高效，切实发挥资金效益。"
    );
    assert_eq!(row(5), vec!["一级指标", "二级指标", "三级指标", "指标值"]);
    assert_eq!(row(0)[0], "项目名称");
    assert_eq!(
        row(1),
        vec![
            "主管部门",
            "青水市东湖区水利局",
            "实施单位",
            "青水市东湖区水利局"
        ]
    );
    assert_eq!(row(6), vec!["产出指标", "数量指标", "服务场次", "≥866个"]);
}

/// The form of generator seed 14 (a tuning seed), page 5: 8 pt, rows set at the top of
/// their cells; the amounts `12.34` set right in the column of `三级指标`, on the two
/// lines where that column holds nothing else.
fn seed_14_form() -> Vec<Glyph> {
    let mut g = Vec::new();
    let rows: &[Row] = &[
        (
            131.2,
            &[
                ("项目名称", 105.7, 137.7),
                ("中小学校舍维修改造", 173.0, 245.0),
            ],
        ),
        (
            147.2,
            &[
                ("主管部门", 105.7, 137.7),
                ("临河市新华区教育局", 173.0, 245.0),
                ("实施单位", 423.9, 455.9),
                ("临河市新", 484.6, 516.6),
            ],
        ),
        (158.3, &[("华区教育", 484.6, 516.6)]),
        (169.4, &[("局", 484.6, 492.6)]),
        (
            185.5,
            &[
                ("年度资金总额", 200.6, 248.6),
                ("12.34", 375.2, 395.2),
                ("执行率分值", 419.9, 459.9),
                ("10", 498.0, 506.0),
            ],
        ),
        (195.1, &[("项目资金（万元）", 89.7, 153.7)]),
        (
            201.5,
            &[("其中：财政资金", 196.6, 252.6), ("12.34", 375.2, 395.2)],
        ),
        (
            220.9,
            &[
                ("年度绩效目标", 97.7, 145.7),
                (
                    "1.按期完成中小学校舍维修改造各项任务；2.资金使用规范高效，切实发挥资金效益。",
                    173.0,
                    477.0,
                ),
            ],
        ),
        (
            236.9,
            &[
                ("一级指标", 105.7, 137.7),
                ("二级指标", 208.6, 240.6),
                ("三级指标", 322.5, 354.5),
                ("指标值", 427.9, 451.9),
                ("备注", 494.0, 510.0),
            ],
        ),
        (
            253.0,
            &[
                ("质量指标", 208.6, 240.6),
                ("达标率", 281.9, 305.9),
                ("≥98%", 429.9, 449.9),
            ],
        ),
        (264.3, &[("产出指标", 105.7, 137.7)]),
        (
            272.3,
            &[
                ("成本指标", 208.6, 240.6),
                ("按预算金额完成", 281.9, 337.9),
                ("≤12.34万元", 417.1, 462.7),
            ],
        ),
        (
            291.7,
            &[
                ("可持续影响指标", 196.6, 252.6),
                ("日常工作得到有力保障", 281.9, 361.9),
                ("明显改善", 423.9, 455.9),
            ],
        ),
        (303.0, &[("效益指标", 105.7, 137.7)]),
        (
            311.0,
            &[
                ("经济效益指标", 200.6, 248.6),
                ("节约运行成本", 281.9, 329.9),
                ("≥90%有效提高", 413.9, 465.9),
            ],
        ),
        (
            330.4,
            &[
                ("满意度指标", 101.7, 141.7),
                ("服务对象满意度指标", 188.6, 260.6),
                ("服务对象满意度", 281.9, 337.9),
                ("≥95%", 429.9, 449.9),
            ],
        ),
    ];
    for (top, texts) in rows {
        for (t, x0, x1) in texts.iter() {
            line(&mut g, t, (*x0, *x1), *top, 8.0);
        }
    }
    g
}

/// Amounts set right in a column whose other rows hold labels set left or centred, on
/// lines where those rows' column is empty, are that column's: the white left of them is
/// no column boundary (without the rule the form has an extra column holding only the
/// two amounts, and `三级指标` and its labels stand beside an empty one).
#[test]
fn amounts_set_right_beside_labels_share_their_column() {
    let g = seed_14_form();
    let page = PageInput {
        page: 5,
        width: 595.0,
        height: 842.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    assert_eq!(t.len(), 1);
    let grid = t[0].grid();
    assert_eq!(t[0].n_cols, 5, "{grid:?}");
    let row_of = |first: &str| -> Vec<String> {
        grid.iter()
            .find(|r| r.iter().flatten().any(|c| c == first))
            .map(|r| r.iter().map(|c| c.clone().unwrap_or_default()).collect())
            .unwrap_or_default()
    };
    assert_eq!(
        row_of("年度资金总额"),
        vec![
            "项目资金（万元）",
            "年度资金总额",
            "12.34",
            "执行率分值",
            "10"
        ]
    );
    assert_eq!(row_of("其中：财政资金")[2], "12.34");
    assert_eq!(
        row_of("二级指标"),
        vec!["一级指标", "二级指标", "三级指标", "指标值", "备注"]
    );
    assert_eq!(
        row_of("节约运行成本"),
        vec!["", "经济效益指标", "节约运行成本", "≥90%有效提高", ""]
    );
}

/// The form of generator seed 7 (a tuning seed), page 1: 8.5 pt, rows one line box
/// (9.5 pt) apart inside an outer frame, the goal wrapped over two lines.
fn seed_7_form() -> Vec<Glyph> {
    let mut g = Vec::new();
    let rows: &[Row] = &[
        (
            112.9,
            &[("项目名称", 126.5, 160.5), ("中小学图书购置", 193.9, 253.4)],
        ),
        (
            122.4,
            &[
                ("主管部门", 126.5, 160.5),
                ("河西市新华区教育局", 193.9, 270.4),
                ("实施单位", 322.9, 356.9),
                ("河西市新华区教育局", 384.0, 460.5),
            ],
        ),
        (
            131.8,
            &[
                ("预算数", 130.8, 156.3),
                ("163.65", 270.3, 295.7),
                ("其中：财政资金", 310.2, 369.7),
                ("81.82", 475.6, 496.8),
            ],
        ),
        (
            142.6,
            &[("其他资金", 322.9, 356.9), ("81.83", 475.6, 496.8)],
        ),
        (
            153.5,
            &[(
                "完成中小学图书购置年度工作任务，确保项目资金专款专用、按进度拨付，形成",
                193.9,
                491.4,
            )],
        ),
        (158.2, &[("年度绩效目标", 118.0, 169.0)]),
        (
            162.9,
            &[(
                "长效管理机制，推动相关工作规范化、制度化开展。",
                193.9,
                389.4,
            )],
        ),
        (
            172.4,
            &[
                ("一级指标", 126.5, 160.5),
                ("二级指标", 227.9, 261.9),
                ("三级指标", 322.9, 356.9),
                ("指标值", 427.7, 453.2),
            ],
        ),
        (
            181.8,
            &[
                ("质量指标", 227.9, 261.9),
                ("完成质量", 301.5, 335.5),
                ("≥95%", 429.8, 451.0),
            ],
        ),
        (186.5, &[("产出指标", 126.5, 160.5)]),
        (
            191.3,
            &[
                ("成本指标", 227.9, 261.9),
                ("按预算金额完成", 301.5, 361.0),
                ("≤163.65万元", 414.1, 466.8),
            ],
        ),
        (
            200.7,
            &[
                ("效益指标", 126.5, 160.5),
                ("生态效益指标", 219.4, 270.4),
                ("环境改善", 301.5, 335.5),
                ("有效提升", 423.4, 457.4),
            ],
        ),
        (
            210.2,
            &[
                ("满意度指标", 122.3, 164.8),
                ("服务对象满意度指标", 206.6, 283.1),
                ("受益群众满意度", 301.5, 361.0),
                ("≥90%", 429.8, 451.0),
            ],
        ),
    ];
    for (top, texts) in rows {
        for (t, x0, x1) in texts.iter() {
            line(&mut g, t, (*x0, *x1), *top, 8.5);
        }
    }
    g
}

/// `按预算金额完成` beside `成本指标`, over `环境改善` beside `生态效益指标`: as wide as
/// its column's text gets and one line box apart, the upper could wrap onto the lower,
/// but each is level with a row's one-line cells beside it, so each is its row's (without
/// the rule the two are one cell and the row of `生态效益指标` has none).
#[test]
fn lines_each_level_with_a_row_beside_them_are_two_cells() {
    let g = seed_7_form();
    let page = PageInput {
        page: 1,
        width: 595.0,
        height: 842.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    assert_eq!(t.len(), 1);
    let grid = t[0].grid();
    let row_of = |first: &str| -> Vec<String> {
        grid.iter()
            .find(|r| r.iter().flatten().any(|c| c == first))
            .map(|r| r.iter().map(|c| c.clone().unwrap_or_default()).collect())
            .unwrap_or_default()
    };
    assert_eq!(
        row_of("成本指标"),
        vec!["", "成本指标", "按预算金额完成", "≤163.65万元"],
        "{grid:?}"
    );
    assert_eq!(
        row_of("生态效益指标"),
        vec!["效益指标", "生态效益指标", "环境改善", "有效提升"]
    );
}

/// `年度绩效目标` centred on its goal wrapped over two lines beside it, one line box above
/// `一级指标` (level with `二级指标`…): as wide as its column's text gets, it could wrap onto
/// `一级指标`, but it is a one-line label centred on the goal's two lines (without the rule
/// the two labels are one cell in the indicator header row, and the goal has none).
#[test]
fn label_centred_on_a_wrapped_cell_beside_it_keeps_its_row() {
    let g = seed_7_form();
    let page = PageInput {
        page: 1,
        width: 595.0,
        height: 842.0,
        glyphs: &g,
        segments: &[],
    };
    let t = extract_tables(&page, &TableOptions::default());
    assert_eq!(t.len(), 1);
    let grid = t[0].grid();
    let row_of = |first: &str| -> Vec<String> {
        grid.iter()
            .find(|r| r.iter().flatten().any(|c| c == first))
            .map(|r| r.iter().map(|c| c.clone().unwrap_or_default()).collect())
            .unwrap_or_default()
    };
    assert_eq!(
        row_of("年度绩效目标")[1],
        "完成中小学图书购置年度工作任务，确保项目资金专款专用、按进度拨付，形成长效管理机制，推动相关工作规范化、制度化开展。",
        "{grid:?}"
    );
    assert_eq!(
        row_of("一级指标"),
        vec!["一级指标", "二级指标", "三级指标", "指标值"]
    );
    assert_eq!(t[0].n_rows, 10);
}
