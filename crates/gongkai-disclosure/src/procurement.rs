//! 政府采购 table → procurement items: the project a purchase belongs to (name and budget,
//! often a cell merged over several items), the item, its catalogue code and kind (A goods,
//! B works, C services), unit of measure, quantity, unit price and the funding columns, in
//! yuan with provenance. The columns come from the typed table (keys such as `total`,
//! `general_budget`, `unit_price`); the text columns are found by their header words.

use std::collections::BTreeMap;

use gongkai_normalize::{match_key, parse_amount, Unit};
use gongkai_table::Table;
use serde::{Deserialize, Serialize};

use crate::columns::{self, Role};
use crate::rows::{full_grid, value_of, Slot, TypedTable, Value};

/// One purchase line of a 政府采购 table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcurementItem {
    /// Row id in the typed table.
    pub row: String,
    /// 项目名称 (repeated from a merged cell).
    pub project_name: Option<String>,
    /// 预算资金 of the project (read from the merged cell's origin).
    pub project_budget: Option<Value>,
    /// 采购物品名称 / 品目.
    pub item_name: Option<String>,
    /// 政府采购目录序号 / 品目编码 (`A02021001`).
    pub catalogue_code: Option<String>,
    /// `goods` (A), `works` (B) or `services` (C), from the catalogue code.
    pub catalogue_kind: Option<String>,
    /// 计量单位.
    pub measure_unit: Option<String>,
    /// 数量, exact decimal string.
    pub quantity: Option<String>,
    /// 单价 in yuan.
    pub unit_price: Option<Value>,
    /// Funding columns in yuan (`total`, `general_budget`, `fund_budget`, …).
    pub amounts: BTreeMap<String, Option<Value>>,
}

fn kind_of(code: &str) -> Option<&'static str> {
    match code.trim().chars().next()? {
        'A' | 'a' => Some("goods"),
        'B' | 'b' => Some("works"),
        'C' | 'c' => Some("services"),
        _ => None,
    }
}

/// Reads the item rows of a procurement table typed as `typed`.
pub fn read_items(typed: &TypedTable, t: &Table) -> Vec<ProcurementItem> {
    let g = full_grid(t);
    let texts: Vec<Vec<String>> = g
        .iter()
        .map(|r| r.iter().map(|s| s.text.clone()).collect())
        .collect();
    let h = columns::header_rows(&texts);
    let cols = columns::analyse(&texts, h, "procurement", false);
    let unit = t.unit.as_deref().and_then(Unit::parse);
    let find = |pred: &dyn Fn(&str) -> bool| cols.iter().position(|c| pred(&c.header()));
    // 项目名称, or Jiangsu's 专项名称.
    let project_col = find(&|h| h.contains("项目名称") || h.contains("专项名称"));
    let item_col = find(&columns::is_item_header);
    let code_col =
        find(&|h| h.contains("目录") || h.contains("品目编码") || h.contains("品目代码"));
    let measure_col = find(&|h| h.contains("计量单位"));
    let qty_col = find(&|h| h.ends_with("数量"));
    let budget_col = cols
        .iter()
        .position(|c| c.role == Role::Amount("project_budget".into()));
    let price_col = cols
        .iter()
        .position(|c| c.role == Role::Amount("unit_price".into()));
    let text = |row: &[Slot], c: Option<usize>| {
        c.map(|c| row[c].text.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let mut out = Vec::new();
    // The project named on a group line of its own above its items (`省政协专项会议 | 会议费 |
    // | 50.00`, then the items with that cell blank); a group line naming something left of
    // the project column (a 品目大类 such as `三、服务C`) ends it, one naming something right
    // of it only (an 经济科目 line under the project) does not.
    let mut group_project: Option<String> = None;
    for (r, row) in g.iter().enumerate().skip(h) {
        let id = format!("{}.r{r:02}", typed.id);
        let Some(typed_row) = typed.rows.iter().find(|x| x.id == id) else {
            continue;
        };
        if typed_row.kind != crate::RowKind::Item {
            let named = text(row, project_col);
            let outer = project_col.is_some_and(|pc| {
                row.iter()
                    .position(|slot| !slot.text.trim().is_empty())
                    .is_some_and(|first| first < pc)
            });
            if named.is_some() || outer {
                group_project = named;
            }
            continue;
        }
        let code = text(row, code_col);
        // The project budget sits in a cell merged over the project's items: read its origin.
        let project_budget = budget_col.and_then(|c| {
            value_of(
                &Slot {
                    text: row[c].text.clone(),
                    origin: true,
                    page: row[c].page,
                    bbox: row[c].bbox,
                },
                unit,
            )
        });
        let quantity = text(row, qty_col)
            .and_then(|q| parse_amount(&q).ok().flatten())
            .map(|a| a.value.normalize().to_string());
        let amounts = typed_row
            .values
            .iter()
            .filter(|(k, _)| *k != "project_budget" && *k != "unit_price")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        out.push(ProcurementItem {
            row: id,
            project_name: text(row, project_col).or_else(|| group_project.clone()),
            project_budget,
            item_name: text(row, item_col),
            catalogue_kind: code.as_deref().and_then(kind_of).map(String::from),
            catalogue_code: code.map(|c| match_key(&c)),
            measure_unit: text(row, measure_col),
            quantity,
            unit_price: price_col.and_then(|c| value_of(&row[c], unit)),
            amounts,
        });
    }
    out
}
