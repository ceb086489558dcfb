//! Borderless 绩效目标表 forms (label/value pairs over an indicator table) set at text
//! leading: every row one line box below the last, so a label over the next row's label
//! stands where a wrapped cell's second line would.

use gongkai_geom::{Glyph, Rect, UnicodeSource};
use gongkai_table::{extract_tables, PageInput, TableOptions};

/// Glyphs for `text` spread evenly over `x0..x1`, 8 pt, on the line whose top is `top`.
fn line(out: &mut Vec<Glyph>, text: &str, x0: f64, x1: f64, top: f64) {
    let n = text.chars().count().max(1) as f64;
    let w = (x1 - x0) / n;
    for (i, ch) in text.chars().enumerate() {
        let a = x0 + w * i as f64;
        out.push(Glyph {
            text: ch.to_string(),
            bbox: Rect {
                x0: a,
                top,
                x1: a + w,
                bottom: top + 8.0,
            },
            font: "F".into(),
            size: 8.0,
            upright: true,
            source: UnicodeSource::ToUnicode,
            confidence: None,
        });
    }
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
            line(&mut g, t, *x0, *x1, *top);
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
