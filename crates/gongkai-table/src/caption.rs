//! Title, unit and caption lines printed just above a table.

use gongkai_geom::layout::TextLine;

use crate::cells::lines_of;

use crate::{Heading, PageInput, Table, TableOptions};

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
/// (lines not inside any table), nearest first, stopping at the previous table. A title
/// may sit further up than `caption_reach` when caption lines lie between it and the
/// table: it is looked for within `caption_reach` of the highest of them (a title block
/// is its title, unit and caption lines together).
///
/// Also marks where each table lies on its page: `lines_above` (free lines above it
/// that are none of its heading lines; a caption line of running text counts),
/// `ends_page` (the lowest table, with nothing
/// below but a page number) and `foot_heading` (a title block below every table of the
/// page, whose table starts the next page).
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
    lines.retain(|l| !l.text.trim().is_empty());
    join_wrapped_titles(page, &mut lines);
    let bottoms: Vec<f64> = tables.iter().map(|t| t.bbox.bottom).collect();
    for (k, t) in tables.iter_mut().enumerate() {
        let floor = bottoms
            .iter()
            .take(k)
            .copied()
            .filter(|b| *b <= t.bbox.top)
            .fold(f64::MIN, f64::max);
        // A unit line may sit at the page's right margin, past a narrow table.
        let beside = |l: &TextLine| {
            (l.bbox.x1 > t.bbox.x0 - 20.0 && l.bbox.x0 < t.bbox.x1 + 20.0)
                || unit_of(&l.text).is_some()
        };
        let within = |l: &TextLine, top: f64| {
            l.bbox.bottom <= top + 1.0
                && l.bbox.top >= floor
                && l.bbox.top >= top - opts.caption_reach
        };
        let mut above: Vec<usize> = (0..lines.len())
            .filter(|&i| within(&lines[i], t.bbox.top) && beside(&lines[i]))
            .collect();
        above.sort_by(|&a, &b| lines[b].bbox.bottom.total_cmp(&lines[a].bbox.bottom));
        // The title further up, over the caption lines (see above).
        if !above.is_empty()
            && above.len() < 4
            && !above.iter().any(|&i| looks_like_title(&lines[i].text))
        {
            let top = above
                .iter()
                .map(|&i| lines[i].bbox.top)
                .fold(f64::MAX, f64::min);
            let next = (0..lines.len())
                .filter(|i| !above.contains(i))
                .filter(|&i| within(&lines[i], top) && beside(&lines[i]))
                .max_by(|&a, &b| lines[a].bbox.bottom.total_cmp(&lines[b].bbox.bottom));
            if let Some(i) = next.filter(|&i| looks_like_title(&lines[i].text)) {
                above.push(i);
            }
        }
        above.truncate(4);
        let mut used = Vec::new();
        for &i in &above {
            let l = &lines[i];
            if t.unit.is_none() {
                if let Some(u) = unit_of(&l.text) {
                    t.unit = Some(u);
                    // The rest of a line like "203001 某单位(本级)   单位：万元" is a caption.
                    let before = before_unit(&l.text);
                    if !before.is_empty() {
                        t.caption.push(before);
                    }
                    used.push(i);
                    continue;
                }
            }
            if t.title.is_none() && looks_like_title(&l.text) {
                t.title = Some(l.text.trim().to_string());
                t.title_page = Some(page.page);
                used.push(i);
            } else if t.title.is_none() {
                t.caption.push(l.text.trim().to_string());
                if caption_like(&l.text) {
                    used.push(i);
                }
            }
        }
        t.caption.reverse();
        t.lines_above = (0..lines.len())
            .filter(|i| !used.contains(i))
            .filter(|&i| {
                let l = &lines[i];
                l.bbox.bottom <= t.bbox.top + 1.0 && l.bbox.top >= floor && !is_page_number(&l.text)
            })
            .count();
    }
    // The foot of the page: what lies below every table.
    let Some(low) =
        (0..tables.len()).max_by(|&a, &b| tables[a].bbox.bottom.total_cmp(&tables[b].bbox.bottom))
    else {
        return;
    };
    let mut foot: Vec<&TextLine> = lines
        .iter()
        .filter(|l| l.bbox.top >= tables[low].bbox.bottom - 1.0 && !is_page_number(&l.text))
        .collect();
    foot.sort_by(|a, b| a.bbox.top.total_cmp(&b.bbox.top));
    tables[low].ends_page = foot.is_empty();
    tables[low].foot_heading = foot_heading(page.page, &foot);
}

/// The text before `单位` on a unit line, without a trailing `金额` (`203001 某单位  单位：万元`
/// → `203001 某单位`).
fn before_unit(text: &str) -> String {
    text.split("单位")
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches(['金', '额'])
        .trim()
        .to_string()
}

/// A title block ending a page: the lowest title line of `foot` (the lines below every
/// table, top to bottom) followed by at most three short caption lines (unit, department)
/// and nothing else. A line ending a sentence is no caption: text after a title means
/// the title is not a heading left for the next page.
fn foot_heading(page: u32, foot: &[&TextLine]) -> Option<Heading> {
    let i = foot.iter().rposition(|l| looks_like_title(&l.text))?;
    let title = foot[i].text.trim();
    let tail = &foot[i + 1..];
    if title.chars().count() > 60
        || title.ends_with(SENTENCE_END)
        || tail.len() > 3
        || !tail.iter().all(|l| caption_like(&l.text))
    {
        return None;
    }
    let mut h = Heading {
        page,
        title: Some(title.to_string()),
        ..Heading::default()
    };
    for l in tail {
        match unit_of(&l.text).filter(|_| h.unit.is_none()) {
            Some(u) => {
                h.unit = Some(u);
                let before = before_unit(&l.text);
                if !before.is_empty() {
                    h.caption.push(before);
                }
            }
            None => h.caption.push(l.text.trim().to_string()),
        }
    }
    Some(h)
}

/// A line that may stand in a title block: a unit line, or a short line (a department's
/// name) that does not end a sentence or clause.
fn caption_like(s: &str) -> bool {
    let s = s.trim();
    unit_of(s).is_some() || (s.chars().count() <= 40 && !s.ends_with(SENTENCE_END))
}

/// Marks that end a sentence or a clause: a line ending with one is running text, and a
/// title never wraps after one.
const SENTENCE_END: [char; 10] = ['。', '；', ';', '：', ':', '，', ',', '、', '！', '？'];

/// A line opening a numbered item (`五、`, `3.`, `（二）`, `(2)`): in a list of headings it
/// is the next item, not the rest of the line above.
fn starts_item(s: &str) -> bool {
    let s = s.trim_start();
    let s = s.strip_prefix(['(', '（']).unwrap_or(s);
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let n = s.chars().take_while(|&c| numeral(c)).count();
    n > 0
        && s.chars()
            .nth(n)
            .is_some_and(|c| matches!(c, '、' | '.' | '．' | ')' | '）'))
}

/// A page number line: `19`, `- 19 -`, `第19页`, `19/31`.
fn is_page_number(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(['-', '—', '–', '－']);
    let t = t.strip_prefix('第').unwrap_or(t);
    let t = t.strip_suffix('页').unwrap_or(t);
    !t.is_empty()
        && t.chars().count() <= 9
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || c == '/')
}

/// Joins a title wrapped onto several lines (`公开09表：一般公共预算“三公”经费、会议费、培训费`
/// over `支出预算表`): a line that looks like a title takes in the line just above it when
/// that line is set in the same size, lies no further above than one line height, is at
/// least as wide (the lower line within its extent: left-aligned or centred), does not
/// end a sentence or clause, and either stops short of a title's ending (a line broken
/// by hand) or runs to the right margin, past 4/5 of the page's width (a line broken by
/// the layout: `…培训费支出预算` over `表`). A lower line opening a numbered item
/// (`五、单位预算表` under `四、单位预算编制说明`) is never joined. At most three lines.
fn join_wrapped_titles(page: &PageInput, lines: &mut Vec<TextLine>) {
    let size = |l: &TextLine| {
        let mut s: Vec<f64> = l.glyphs.iter().map(|&i| page.glyphs[i].size).collect();
        s.sort_by(f64::total_cmp);
        s.get(s.len() / 2).copied().unwrap_or(0.0)
    };
    let mut k = 0;
    while k < lines.len() {
        if !looks_like_title(&lines[k].text) {
            k += 1;
            continue;
        }
        // The block's top line: the last one taken in.
        let mut top = lines[k].bbox;
        let mut top_size = size(&lines[k]);
        for _ in 0..2 {
            if top_size <= 0.0 {
                break;
            }
            let Some(j) = (0..lines.len())
                .filter(|&j| j != k)
                .filter(|&j| {
                    let b = lines[j].bbox;
                    b.cy() < top.top && b.x1 > top.x0 && b.x0 < top.x1
                })
                .max_by(|&a, &b| lines[a].bbox.bottom.total_cmp(&lines[b].bbox.bottom))
            else {
                break;
            };
            let a = &lines[j];
            let (sa, text) = (size(a), a.text.trim());
            let gap = top.top - a.bbox.bottom;
            let fits = (sa - top_size).abs() <= 0.15 * sa.max(top_size)
                && gap >= -0.2 * top_size
                && gap <= top_size
                && top.x0 >= a.bbox.x0 - 0.5 * top_size
                && top.x1 <= a.bbox.x1 + 0.5 * top_size
                && (!looks_like_title(text) || a.bbox.x1 >= 0.8 * page.width)
                && unit_of(text).is_none()
                && !text.ends_with(SENTENCE_END)
                && text
                    .chars()
                    .any(|c| !c.is_ascii_digit() && !c.is_whitespace())
                && !starts_item(&lines[k].text)
                && text.chars().count() + lines[k].text.chars().count() <= 80;
            if !fits {
                break;
            }
            let a = lines.remove(j);
            if j < k {
                k -= 1;
            }
            let b = &mut lines[k];
            let glue = a
                .text
                .trim_end()
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                && b.text
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
            b.text = format!(
                "{}{}{}",
                a.text.trim_end(),
                if glue { " " } else { "" },
                b.text.trim_start()
            );
            let mut glyphs = a.glyphs;
            glyphs.append(&mut b.glyphs);
            b.glyphs = glyphs;
            b.bbox = a.bbox.union(&b.bbox);
            top = a.bbox;
            top_size = sa;
        }
        k += 1;
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

    use gongkai_geom::{Glyph, Rect, UnicodeSource};

    /// Glyphs of `text` from `x` on the line at `y`, `size` pt wide and high each.
    fn put(out: &mut Vec<Glyph>, text: &str, x: f64, y: f64, size: f64) {
        for (i, ch) in text.chars().enumerate() {
            let x0 = x + size * i as f64;
            out.push(Glyph {
                text: ch.to_string(),
                bbox: Rect {
                    x0,
                    top: y,
                    x1: x0 + size,
                    bottom: y + size,
                },
                font: "F".into(),
                size,
                upright: true,
                source: UnicodeSource::ToUnicode,
                confidence: None,
            });
        }
    }

    /// The free lines of a 595 × 842 page of `glyphs` after wrapped titles are joined.
    fn joined(glyphs: &[Glyph]) -> Vec<String> {
        let page = PageInput {
            page: 1,
            width: 595.0,
            height: 842.0,
            glyphs,
            segments: &[],
        };
        let mut lines = lines_of(glyphs, (0..glyphs.len()).collect());
        join_wrapped_titles(&page, &mut lines);
        lines.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn wrapped_title_lines_are_joined() {
        // Left-aligned, the first line stopping mid-phrase (2018年省检察院 p.19).
        let mut g = Vec::new();
        put(
            &mut g,
            "公开09表：一般公共预算“三公”经费、会议费、培训费",
            90.0,
            232.0,
            16.0,
        );
        put(&mut g, "支出预算表", 90.0, 259.6, 16.0);
        assert_eq!(
            joined(&g),
            ["公开09表：一般公共预算“三公”经费、会议费、培训费支出预算表"]
        );
        // Centred, the first line running to the margin and ending like a title itself
        // (江苏省人大办公厅2017 p.20).
        let mut g = Vec::new();
        put(&mut g, "三公经费、会议费、培训费支出预算", 90.0, 74.5, 26.0);
        put(&mut g, "表", 285.0, 103.9, 26.0);
        assert_eq!(joined(&g), ["三公经费、会议费、培训费支出预算表"]);
    }

    #[test]
    fn stacked_lines_that_are_not_one_title_stay_apart() {
        let two = |upper: &str, ux: f64, size: f64, lower: &str, gap: f64| {
            let mut g = Vec::new();
            put(&mut g, upper, ux, 100.0, size);
            put(&mut g, lower, 90.0, 100.0 + 16.0 + gap, 16.0);
            joined(&g).len()
        };
        // The case joined, then one condition broken at a time.
        assert_eq!(
            two(
                "一般公共预算“三公”经费、会议费",
                90.0,
                16.0,
                "支出预算表",
                8.0
            ),
            1
        );
        // A title of its own that stops short of the margin (a heading over a title).
        assert_eq!(
            two("江苏省人民检察院部门预算", 90.0, 16.0, "支出预算表", 8.0),
            2
        );
        // The next item of a list of headings (上海市财政局25年预算 p.2).
        assert_eq!(
            two("四、单位预算编制说明", 90.0, 16.0, "五、单位预算表", 8.0),
            2
        );
        // Running text ending a clause.
        assert_eq!(
            two("三公经费预算情况如下：", 90.0, 16.0, "支出预算表", 8.0),
            2
        );
        // Another size.
        assert_eq!(
            two(
                "一般公共预算“三公”经费、会议费",
                90.0,
                10.0,
                "支出预算表",
                8.0
            ),
            2
        );
        // Further apart than a line.
        assert_eq!(
            two(
                "一般公共预算“三公”经费、会议费",
                90.0,
                16.0,
                "支出预算表",
                20.0
            ),
            2
        );
        // Narrower than the line below, which does not lie under it.
        assert_eq!(two("一般公共预算", 200.0, 16.0, "支出预算表", 8.0), 2);
    }

    fn text_line(text: &str, top: f64) -> TextLine {
        TextLine {
            text: text.to_string(),
            bbox: Rect {
                x0: 90.0,
                top,
                x1: 300.0,
                bottom: top + 10.0,
            },
            glyphs: vec![],
        }
    }

    #[test]
    fn a_title_block_ends_the_page() {
        let foot = |texts: &[&str]| {
            let lines: Vec<TextLine> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| text_line(t, 600.0 + 20.0 * i as f64))
                .collect();
            foot_heading(4, &lines.iter().collect::<Vec<_>>())
        };
        let h = foot(&[
            "说明：见下表。",
            "四、财政拨款收支预算总表",
            "部门：某局  单位：万元",
        ])
        .expect("title block");
        assert_eq!(h.title.as_deref(), Some("四、财政拨款收支预算总表"));
        assert_eq!(h.unit.as_deref(), Some("万元"));
        assert_eq!(h.caption, ["部门：某局"]);
        assert_eq!(h.page, 4);
        // Running text after the title: not a heading left for the next page.
        assert_eq!(
            foot(&["四、财政拨款收支预算总表", "本部门无此项支出。"]),
            None
        );
        // More than a title block.
        assert_eq!(
            foot(&["四、财政拨款收支预算总表", "甲", "乙", "丙", "丁"]),
            None
        );
        assert_eq!(foot(&["说明：本表为空。"]), None);
        // Too long for a title.
        let long = "本部门".repeat(20) + "预算";
        assert_eq!(foot(&[&long]), None);
    }

    #[test]
    fn page_numbers_and_items_are_told() {
        for s in ["19", "- 19 -", "— 3 —", "第19页", "19/31"] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["2018年", "单位：万元", "-", "1.5"] {
            assert!(!is_page_number(s), "{s}");
        }
        for s in ["五、单位预算表", "3. 支出表", "（二）收入", "(2) 支出"] {
            assert!(starts_item(s), "{s}");
        }
        for s in ["2018年度支出预算表", "支出预算表", "三公经费"] {
            assert!(!starts_item(s), "{s}");
        }
    }
}
