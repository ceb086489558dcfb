//! Title, unit and caption lines printed just above a table.

use gongkai_geom::layout::TextLine;

use crate::cells::lines_of;

use crate::{PageInput, Table, TableOptions};

/// Extracts the unit from a line such as `单位：万元`, `金额单位: 元`, `(单位:万元)`.
/// Variant glyphs (単) are accepted.
pub fn unit_of(line: &str) -> Option<String> {
    let compact: String = line
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '単' { '单' } else { c })
        .collect();
    compact.match_indices("单位").find_map(|(idx, _)| {
        let rest = &compact[idx + "单位".len()..];
        let colon = rest.starts_with([':', '：']);
        let rest = rest.trim_start_matches([':', '：']);
        let unit: String = rest
            .chars()
            .take_while(|c| !matches!(c, ')' | '）' | ',' | '，' | ';' | '；' | '(' | '（'))
            .collect();
        let known =
            ["元", "万元", "亿元", "千元", "百万元", "万美元", "美元"].contains(&unit.as_str());
        (known && (colon || rest.len() == unit.len())).then_some(unit)
    })
}

/// Fills `title`, `unit` and `caption` of each table from the free text lines above it
/// (lines not inside any table), nearest first, stopping at the previous table.
pub fn attach_captions(page: &PageInput, tables: &mut [Table], opts: &TableOptions) {
    let inside =
        |x: f64, y: f64, tables: &[Table]| tables.iter().any(|t| t.bbox.contains_point(x, y));
    let free: Vec<usize> = (0..page.glyphs.len())
        .filter(|&i| {
            let b = &page.glyphs[i].bbox;
            !inside(b.cx(), b.cy(), tables)
        })
        .collect();
    let mut lines: Vec<TextLine> = lines_of(page.glyphs, free);
    join_wrapped_units(page, &mut lines);
    let bottoms: Vec<f64> = tables.iter().map(|t| t.bbox.bottom).collect();
    for (k, t) in tables.iter_mut().enumerate() {
        let floor = bottoms
            .iter()
            .take(k)
            .copied()
            .filter(|b| *b <= t.bbox.top)
            .fold(f64::MIN, f64::max);
        let mut above: Vec<&TextLine> = lines
            .iter()
            .filter(|l| !l.text.trim().is_empty())
            .filter(|l| {
                l.bbox.bottom <= t.bbox.top + 1.0
                    && l.bbox.top >= floor
                    && l.bbox.top >= t.bbox.top - opts.caption_reach
            })
            // A unit line may sit at the page's right margin, past a narrow table.
            .filter(|l| {
                (l.bbox.x1 > t.bbox.x0 - 20.0 && l.bbox.x0 < t.bbox.x1 + 20.0)
                    || unit_of(&l.text).is_some()
            })
            .collect();
        above.sort_by(|a, b| b.bbox.bottom.total_cmp(&a.bbox.bottom));
        above.truncate(4);
        for l in &above {
            if t.unit.is_none() {
                if let Some(u) = unit_of(&l.text) {
                    t.unit = Some(u);
                    // The rest of a line like "203001 某单位(本级)   单位：万元" is a caption.
                    let before = l
                        .text
                        .split("单位")
                        .next()
                        .unwrap_or("")
                        .trim()
                        .trim_end_matches(['金', '额'])
                        .trim();
                    if !before.is_empty() {
                        t.caption.push(before.to_string());
                    }
                    continue;
                }
            }
            if t.title.is_none() && looks_like_title(&l.text) {
                t.title = Some(l.text.trim().to_string());
            } else if t.title.is_none() {
                t.caption.push(l.text.trim().to_string());
            }
        }
        t.caption.reverse();
    }
}

/// Completes a unit that wrapped inside its cell (`单位：万` over `元`): the glyphs of
/// the next line that lie under the `单位…` part of a line are moved to its end when
/// together they make a known unit. Without this the unit is lost and the stray `元`
/// sticks to the caption line beside it.
fn join_wrapped_units(page: &PageInput, lines: &mut [TextLine]) {
    for k in 0..lines.len() {
        if unit_of(&lines[k].text).is_some() {
            continue;
        }
        let glyphs = &lines[k].glyphs;
        let Some(start) = glyphs
            .iter()
            .position(|&i| matches!(page.glyphs[i].text.as_str(), "单" | "単"))
        else {
            continue;
        };
        if glyphs
            .get(start + 1)
            .is_none_or(|&i| page.glyphs[i].text != "位")
        {
            continue;
        }
        let x0 = page.glyphs[glyphs[start]].bbox.x0;
        let line = lines[k].bbox;
        let reach = line.x1 + line.height();
        let Some(next) = (k + 1..lines.len()).find(|&m| {
            lines[m].bbox.top >= line.bottom - 0.2 * line.height()
                && lines[m].bbox.top < line.bottom + line.height()
        }) else {
            continue;
        };
        let under: Vec<usize> = lines[next]
            .glyphs
            .iter()
            .copied()
            .filter(|&i| {
                let cx = page.glyphs[i].bbox.cx();
                cx >= x0 && cx <= reach
            })
            .collect();
        // Only a short tail (the rest of a unit), never a whole line.
        if under.is_empty() || under.len() > 2 {
            continue;
        }
        let tail: String = under
            .iter()
            .map(|&i| page.glyphs[i].text.as_str())
            .collect();
        let joined = format!("{}{}", lines[k].text, tail);
        if unit_of(&joined).is_none() || !lines[next].text.trim_end().ends_with(&tail) {
            continue;
        }
        lines[k].text = joined;
        lines[k].glyphs.extend(&under);
        let rest = lines[next].text.trim_end();
        lines[next].text = rest[..rest.len() - tail.len()].trim_end().to_string();
        lines[next].glyphs.retain(|i| !under.contains(i));
    }
}

fn looks_like_title(s: &str) -> bool {
    let s = s.trim();
    s.ends_with('表')
        || s.ends_with("预算")
        || s.ends_with("决算")
        || s.contains("表(")
        || s.contains("表（")
        || s.starts_with("Table")
        || s.contains("绩效目标")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_read_from_common_forms() {
        assert_eq!(unit_of("单位：万元").as_deref(), Some("万元"));
        assert_eq!(unit_of("金额单位: 元").as_deref(), Some("元"));
        assert_eq!(unit_of("(単位:万元)").as_deref(), Some("万元"));
        assert_eq!(
            unit_of("203001 某局(本级)  单位：万元").as_deref(),
            Some("万元")
        );
        assert_eq!(unit_of("部门预算收支总表"), None);
    }
}
