//! Domain vocabulary repair of recognised lines: a title or header phrase of the
//! disclosures (domain spec §3–§5: table titles, column headers, row labels) that OCR
//! misread (`文出功能分类` for `支出功能分类`, `…般公共预算拔款收入` for
//! 一般公共预算拨款收入), and a unit line (`草位：.万元`), is put right, and the repair
//! is recorded with the raw text kept.
//!
//! A window of the line within a few substitutions of a phrase of at least
//! [`MIN_PHRASE`] characters ([`edits_allowed`]: shorter phrases differ from other real
//! phrases by one character, `基本支出` and `基本收入`) is mended; a stroke mark read for
//! `一` (`--般公共服务支出`) or a speck inside the phrase counts half. Never a missed or
//! extra character of print (real phrases differ so: `预算财政拨款收入`), never a
//! phrase's first or last character read as another with print beside it (a piece of
//! other words), never in a figure (digits, points, commas and percent signs are left
//! as read), never a character that tells real phrases apart (`收入` is not mended into
//! `收支`), and only when exactly one phrase fits.

/// The shortest phrase mended (characters). At 5, `部门预算收入总表` became 收支总表
/// where the vocabulary lacked it, `公务用车运行维护费` took 公务用车运行费's 费 and
/// `绩效目标管理` 绩效目标表's 表 (tuning seed 1): real phrases one character from
/// a listed one are many among short phrases, few among whole titles and headers.
pub const MIN_PHRASE: usize = 8;

/// Characters that tell one real phrase from another (`收入`/`支出`/`收支`, 年初/年末,
/// 基本/项目, and units: 万元/元/亿元): a character read as one of them is never
/// replaced, nor replaced by one of them when read as another of them. `单位：万` (its
/// 元 lost) was mended to 单位：元 (tuning seed 646: a table's amounts read in the
/// wrong unit).
const CONTRAST: &str = "收支入出初末基本项目决预万亿元";

/// Title and header phrases of budget and final-account disclosures, as printed
/// (domain spec §3 title variants, §3.1–§4.9 column and row headers, §5.2 performance
/// tables).
pub const VOCABULARY: &[&str] = &[
    // Titles and their parts.
    "部门预算收支总表",
    "部门预算收入总表",
    "部门预算支出总表",
    "部门预算财政拨款收支总表",
    "部门预算一般公共预算财政拨款支出表",
    "部门预算一般公共预算财政拨款基本支出表",
    "部门预算政府性基金预算财政拨款支出表",
    "部门预算国有资本经营预算财政拨款支出表",
    "经费支出预算总表",
    "部门财务收支预算总表",
    "部门收入预算总表",
    "部门支出预算总表",
    "部门财政拨款收支预算总表",
    "部门一般公共预算支出功能分类预算表",
    "部门一般公共预算基本支出部门预算经济分类预算表",
    "部门政府性基金预算支出功能分类预算表",
    "部门国有资本经营预算支出功能分类预算表",
    "部门收支总表",
    "收支预算总表",
    "收入预算总表",
    "支出预算总表",
    "部门收入总表",
    "部门支出总表",
    "财政拨款收支总表",
    "财政拨款收支预算总表",
    "一般公共预算支出表",
    "一般公共预算基本支出表",
    "一般公共预算财政拨款支出表",
    "一般公共预算财政拨款基本支出表",
    "政府性基金预算支出表",
    "政府性基金预算财政拨款支出表",
    "国有资本经营预算支出表",
    "国有资本经营预算财政拨款支出表",
    // The 三公 table's titles (domain spec §3, §4.7): the committed seal page's
    // `…“三公”经费支册表` at 2× (issue 19).
    "一般公共预算“三公”经费支出表",
    "一般公共预算财政拨款“三公”经费支出表",
    "一般公共预算财政拨款“三公”经费支出决算表",
    "财政拨款“三公”经费支出决算表",
    "支出功能分类预算表",
    "支出功能分类",
    "部门预算经济分类",
    "政府预算经济分类",
    "经济分类预算表",
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表",
    "经费支出决算表",
    "经费支出预算表",
    "机关运行经费",
    "政府采购预算",
    "项目支出绩效目标表",
    "绩效目标表",
    // Column headers.
    "一般公共预算拨款收入",
    "一般公共预算拨款",
    "政府性基金预算拨款收入",
    "政府性基金预算拨款",
    "国有资本经营预算拨款收入",
    "国有资本经营预算拨款",
    "财政专户管理资金",
    "事业单位经营收入",
    "上级补助收入",
    "附属单位上缴收入",
    "用事业基金弥补收支差额",
    "因公出国(境)费",
    "公务用车购置及运行费",
    "公务用车购置费",
    "公务用车运行费",
    "功能分类科目",
    "经济分类科目",
    "年初结转和结余",
    "年末结转和结余",
    "本年收入合计",
    "本年支出合计",
    "一级指标",
    "二级指标",
    "三级指标",
    "满意度指标",
    "项目资金支出计划",
    "资金支出计划",
    "年度绩效目标",
    "绩效指标描述",
    // Row labels of the standard tables (function classes).
    "一般公共服务支出",
    "公共安全支出",
    "教育支出",
    "科学技术支出",
    "文化旅游体育与传媒支出",
    "社会保障和就业支出",
    "卫生健康支出",
    "节能环保支出",
    "城乡社区支出",
    "农林水支出",
    "交通运输支出",
    "住房保障支出",
    "行政事业单位养老支出",
    "机关事业单位基本养老保险缴费支出",
    "工资福利支出",
    "商品和服务支出",
    "对个人和家庭的补助",
];

/// Column headers of the standard tables (domain spec §3.1–§4.9), short ones among them
/// (`金额`, `合计`): never mended by their characters (two-character words differ from
/// others by one), only taken from a reading again of a header cell that read as no
/// header at all ([`header_word`]).
pub const HEADER_WORDS: &[&str] = &[
    "金额",
    "合计",
    "小计",
    "总计",
    "项目",
    "项目名称",
    "科目编码",
    "科目名称",
    "功能科目编码",
    "功能科目名称",
    "经济科目编码",
    "经济科目名称",
    "功能分类科目编码",
    "功能分类科目名称",
    "经济分类科目编码",
    "经济分类科目名称",
    "功能分类",
    "支出用途",
    "收入",
    "支出",
    "预算数",
    "决算数",
    "上年预算数",
    "本年预算数",
    "基本支出",
    "项目支出",
    "人员经费",
    "公用经费",
    "财政拨款收入",
    "财政拨款支出",
    "财政拨款",
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
    "事业收入",
    "事业单位经营收入",
    "其他收入",
    "上年结转",
    "单位预留机动经费",
    "结转下年资金",
    "因公出国(境)费",
    "因公出国（境）费",
    "公务接待费",
    "公务用车购置费",
    "公务用车运行费",
    "公务用车运行维护费",
    "公务用车购置及运行费",
    "公务用车购置及运行维护费",
    "会议费",
    "培训费",
    "机关运行经费",
    "机关运行经费支出",
    "“三公”经费",
    "本年收入",
    "本年支出",
    "收入预算",
    "支出预算",
    "经营收入",
    "功能科目代码",
    "一般公共预算支出",
    "一般公共预算基本支出",
    "部门经济分类科目名称",
    "上缴上级支出",
    "经营支出",
    "专项名称",
    "经济科目",
    "采购品目大类",
    "采购物品名称",
    "采购组织形式",
    "类",
    "款",
    "项",
];

/// The header word (of [`HEADER_WORDS`] or a [`VOCABULARY`] phrase) a cell's text is,
/// spaces left out and stroke marks at its ends (`金额 ，`, `小计.`) aside; `None` for
/// any other text.
pub fn header_word(text: &str) -> Option<&'static str> {
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let marks = |c: char| stroke_mark(c) || matches!(c, '。' | ':' | '：' | ';' | '；');
    let bare = squeezed.trim_matches(marks);
    // Tesseract's line mode puts a quote before a word now and then (`“合计`).
    let unquoted = bare.trim_matches(|c: char| marks(c) || matches!(c, '“' | '”' | '"'));
    let find = |t: &str| {
        HEADER_WORDS
            .iter()
            .chain(VOCABULARY)
            .find(|w| **w == t)
            .copied()
    };
    find(bare).or_else(|| find(unquoted))
}

/// The header word beginning with `一` that a header cell read with that `一` lost or
/// read as a dash stands for (`-般公共预算`, `般公共预算`: a thin stroke, the first
/// thing noise and blur take), the rest read as printed. No header word begins with
/// what is left (`般…`), so nothing else is taken for it.
pub fn header_one_lost(text: &str) -> Option<&'static str> {
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let rest = squeezed
        .trim_end_matches(|c: char| stroke_mark(c) || matches!(c, '。' | ':' | '：'))
        .trim_start_matches(dash);
    if rest.is_empty() {
        return None;
    }
    let mut fits = HEADER_WORDS
        .iter()
        .chain(VOCABULARY)
        .filter(|w| w.strip_prefix('一') == Some(rest));
    let w = fits.next()?;
    fits.next().is_none().then_some(*w)
}

/// The header word a header cell first read as `raw` (no header word) stands for, given
/// its reading again `again` on a line of its own: `raw` with a lost first `一`
/// ([`header_one_lost`]), else `again` when it is a header word ([`header_word`]) or one
/// with its `一` lost. Never a word of one character (`项` read again from `项目` is a
/// piece of it), nor a word `raw` holds with more around it (`金额（万元）` is a longer
/// header, not 金额).
pub fn header_read_again(raw: &str, again: &str) -> Option<&'static str> {
    let word = header_one_lost(raw)
        .or_else(|| header_word(again))
        .or_else(|| header_one_lost(again))
        .filter(|w| w.chars().count() >= 2)?;
    let squeezed: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    (!squeezed.contains(word)).then_some(word)
}

/// A figure's character, never changed by a repair.
fn figure_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | '-' | '+')
}

/// Marks OCR makes of a horizontal stroke (`一` read as `-`, `--`, `—`, `…`, `~`) or of
/// specks beside print: half an edit each, against `一` or as an extra character.
fn stroke_mark(c: char) -> bool {
    matches!(
        c,
        '-' | '—' | '–' | '─' | '_' | '~' | '…' | '·' | '.' | ',' | '，' | '、' | ' ' | '\''
    )
}

/// A dash OCR reads for `一` (one of several, `--般`).
fn dash(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '─' | '_' | '~' | '…')
}

/// Edits (a wrong character 1, a stroke mark for `一` or a speck inside a phrase ½)
/// allowed in a window read for a phrase of `len` characters:
/// one up to 9 characters, one and a stroke mark up to 13, two beyond. Two real phrases
/// of this length differ by more (or by a character telling phrases apart, which no edit
/// touches); at three, `国有资本经营预算财政拨款安排的` (prose, the committed scan
/// final-2024-hebei-changfeng-agri) read as 国有资本经营预算财政拨款支出表.
pub fn edits_allowed(len: usize) -> f64 {
    match len {
        0..=9 => 1.0,
        10..=13 => 1.5,
        _ => 2.0,
    }
}

/// Cost of reading phrase character `want` as `read` (`None`: an extra character read
/// inside the phrase; `want` `None` never happens with `read` `None`).
fn cost(read: Option<char>, want: Option<char>) -> f64 {
    const NEVER: f64 = 1e9;
    match (read, want) {
        (Some(r), Some(w)) if r == w => 0.0,
        // A figure's character or a character telling phrases apart is never changed,
        // dropped or made from another.
        (Some(r), _) if figure_char(r) && !stroke_mark(r) || CONTRAST.contains(r) => NEVER,
        (None, Some(w)) if CONTRAST.contains(w) => NEVER,
        (Some(r), Some('一')) if stroke_mark(r) => 0.5,
        (Some(r), None) if stroke_mark(r) => 0.5,
        // An extra character or a missed one that is print: real phrases differ so
        // (`预算财政拨款收入` beside 预算拨款收入, `收入支出决算表` beside 收入支出决算总表).
        (Some(_), None) | (None, Some(_)) => NEVER,
        _ => 1.0,
    }
}

/// One step of an alignment: the line's character at `read` (if any) stands for the
/// phrase's character `want` (if any).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Step {
    read: Option<usize>,
    want: Option<char>,
}

/// The window of `line` that reads most like `phrase` (start, end exclusive, cost and
/// alignment), over windows of cost at most `budget`; `None` when there is none or the
/// phrase stands there as printed.
fn best_window(
    line: &[char],
    phrase: &[char],
    budget: f64,
) -> Option<(usize, usize, f64, Vec<Step>)> {
    let (m, n) = (phrase.len(), line.len());
    if m == 0 || n == 0 {
        return None;
    }
    // d[i][j]: phrase[..i] read as a window of line ending at j (starting anywhere).
    let w = n + 1;
    let mut d = vec![f64::INFINITY; (m + 1) * w];
    d[..=n].fill(0.0);
    for i in 1..=m {
        for j in 1..=n {
            let sub = d[(i - 1) * w + j - 1] + cost(Some(line[j - 1]), Some(phrase[i - 1]));
            // The window's first and last characters are read for the phrase's first
            // and last (see below); missed and extra characters lie between them.
            let (del, ins) = if i == 1 || i == m {
                (f64::INFINITY, f64::INFINITY)
            } else {
                (
                    d[(i - 1) * w + j] + cost(None, Some(phrase[i - 1])),
                    d[i * w + j - 1] + cost(Some(line[j - 1]), None),
                )
            };
            d[i * w + j] = sub.min(del).min(ins);
        }
    }
    let (end, best) = (1..=n)
        .map(|j| (j, d[m * w + j]))
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    if best > budget || best == 0.0 {
        return None;
    }
    // Back from the end: the alignment and the window's start.
    let (mut i, mut j) = (m, end);
    let mut steps = Vec::new();
    while i > 0 {
        let here = d[i * w + j];
        let eq = |a: f64| (a - here).abs() < 1e-9;
        if j > 0 && eq(d[(i - 1) * w + j - 1] + cost(Some(line[j - 1]), Some(phrase[i - 1]))) {
            steps.push(Step {
                read: Some(j - 1),
                want: Some(phrase[i - 1]),
            });
            i -= 1;
            j -= 1;
        } else if i > 1 && i < m && eq(d[(i - 1) * w + j] + cost(None, Some(phrase[i - 1]))) {
            steps.push(Step {
                read: None,
                want: Some(phrase[i - 1]),
            });
            i -= 1;
        } else if j > 0 && i > 1 && i < m && eq(d[i * w + j - 1] + cost(Some(line[j - 1]), None)) {
            steps.push(Step {
                read: Some(j - 1),
                want: None,
            });
            j -= 1;
        } else {
            return None;
        }
    }
    steps.reverse();
    // The window starts and ends on characters read for the phrase's first and last:
    // a phrase missing its ends is another phrase or a piece of one (`一般公共预算基本
    // 支出`, a header, is not the title 一般公共预算基本支出表; `单位：` cut from its
    // `万元` is not 单位：元).
    let read_for = |st: Option<&Step>| st.is_some_and(|st| st.read.is_some() && st.want.is_some());
    if !read_for(steps.first()) || !read_for(steps.last()) {
        return None;
    }
    // `一` read as two dashes or more: the window takes them all.
    if steps
        .first()
        .is_some_and(|st| st.want == Some('一') && st.read.is_some_and(|k| dash(line[k])))
    {
        while j > 0 && dash(line[j - 1]) {
            j -= 1;
            steps.insert(
                0,
                Step {
                    read: Some(j),
                    want: None,
                },
            );
        }
    }
    Some((j, end, best, steps))
}

/// The line with each vocabulary phrase read with a few wrong, missing or extra
/// characters put right, each character of the result with the index of the character
/// it was read as (`None` for a phrase character OCR missed); `None` when nothing is
/// mended. Phrases found as printed are kept as they are, and no repair overlaps them;
/// a window that two phrases fit equally well is left as read.
pub fn repair_aligned(text: &str) -> Option<Vec<(char, Option<usize>)>> {
    let chars: Vec<char> = text.chars().collect();
    if let Some(unit) = unit_line(&chars) {
        let mended: String = unit.iter().map(|c| c.0).collect();
        return (mended != text).then_some(unit);
    }
    let mut phrases: Vec<Vec<char>> = VOCABULARY
        .iter()
        .map(|p| p.chars().collect::<Vec<char>>())
        .filter(|p| p.len() >= MIN_PHRASE)
        .collect();
    // Longest first: a window read for a longer phrase is that phrase, not a shorter
    // one it holds (`公务用车购置及运行赞` is 公务用车购置及运行费, not 公务用车购置费).
    phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    // Positions covered by a phrase as printed.
    let mut exact = vec![false; chars.len()];
    for p in &phrases {
        if chars.len() < p.len() {
            continue;
        }
        for s in 0..=chars.len() - p.len() {
            if chars[s..s + p.len()] == p[..] {
                exact[s..s + p.len()].iter_mut().for_each(|e| *e = true);
            }
        }
    }
    // Candidates: (start, end, cost, phrase length, phrase index, alignment).
    let mut cands = Vec::new();
    for (k, p) in phrases.iter().enumerate() {
        if let Some((s, e, c, steps)) = best_window(&chars, p, edits_allowed(p.len())) {
            // A phrase whose first (last) character was read as another, with print
            // before (after) it, is a piece of other words (`收入支出决算总体情况说明`
            // is not 收入支出决算总表 and 情况说明).
            let changed = |st: Option<&Step>| {
                st.is_some_and(|st| st.read.is_some_and(|k| Some(chars[k]) != st.want))
            };
            let cjk = |k: usize| {
                chars
                    .get(k)
                    .is_some_and(|&c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            };
            if changed(steps.first()) && s > 0 && cjk(s - 1) || changed(steps.last()) && cjk(e) {
                continue;
            }
            if !exact[s..e].iter().any(|&x| x) {
                cands.push((s, e, c, p.len(), k, steps));
            }
        }
    }
    let overlap = |a: &(usize, usize), b: &(usize, usize)| a.0 < b.1 && b.0 < a.1;
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut chosen: Vec<(usize, usize, Vec<Step>)> = Vec::new();
    for (ci, c) in cands.iter().enumerate() {
        let win = (c.0, c.1);
        if taken.iter().any(|t| overlap(t, &win)) {
            continue;
        }
        // Another phrase of the same length reads as well over this window: which one
        // was printed is not known.
        let rival = cands.iter().enumerate().any(|(cj, d)| {
            cj != ci
                && d.3 == c.3
                && (d.2 - c.2).abs() < 1e-9
                && overlap(&(d.0, d.1), &win)
                && phrases[d.4] != phrases[c.4]
        });
        taken.push(win);
        if !rival {
            chosen.push((c.0, c.1, c.5.clone()));
        }
    }
    if chosen.is_empty() {
        return None;
    }
    chosen.sort_by_key(|c| c.0);
    let mut out = Vec::with_capacity(chars.len());
    let mut at = 0;
    for (s, e, steps) in chosen {
        out.extend((at..s).map(|i| (chars[i], Some(i))));
        out.extend(steps.iter().filter_map(|st| st.want.map(|w| (w, st.read))));
        at = e;
    }
    out.extend((at..chars.len()).map(|i| (chars[i], Some(i))));
    let mended: String = out.iter().map(|c| c.0).collect();
    (mended != text).then_some(out)
}

/// Unit lines as printed above a table (domain spec §2: 单位 and its colon, the unit).
pub const UNIT_LINES: &[&str] = &[
    "单位：万元",
    "单位：元",
    "单位：亿元",
    "金额单位：万元",
    "金额单位：元",
];

/// A line that is a unit line read with a wrong character or two (`草位：.万元`: tuning
/// seed 993, page 11, whose table lost its unit and with it every amount), mended as
/// [`repair_aligned`] mends phrases: the whole line (stroke marks at its ends aside)
/// within one edit and a half (a wrong character and a speck) of one unit line, closer
/// to it than to any other.
fn unit_line(chars: &[char]) -> Option<Vec<(char, Option<usize>)>> {
    if chars.len() > 12 {
        return None;
    }
    // A unit line read as printed, with marks around it (`单位：万元，`), stays: the
    // windows below leave out a phrase read as printed, and the next nearest unit line
    // (单位：亿元, one character off) was taken for it (tuning seed 136, page 16: every
    // amount of the table ten thousand times too large).
    let text: String = chars.iter().collect();
    let bare = text.trim_matches(stroke_mark);
    if UNIT_LINES.contains(&bare) {
        return None;
    }
    let mut best: Vec<(f64, usize, usize, Vec<Step>)> = Vec::new();
    for u in UNIT_LINES {
        let u: Vec<char> = u.chars().collect();
        if let Some((s, e, c, steps)) = best_window(chars, &u, 1.5) {
            let rest_marks = chars[..s]
                .iter()
                .chain(&chars[e..])
                .all(|&c| stroke_mark(c));
            if rest_marks {
                best.push((c, s, e, steps));
            }
        }
    }
    best.sort_by(|a, b| a.0.total_cmp(&b.0));
    match best.as_slice() {
        [one] => Some(one.3.clone()),
        [one, two, ..] if one.0 < two.0 => Some(one.3.clone()),
        _ => None,
    }
    .map(|steps| {
        steps
            .iter()
            .filter_map(|st| st.want.map(|w| (w, st.read)))
            .collect()
    })
}

/// The vocabulary phrase a whole table cell stands for, read with wrong characters
/// (`一般公共陨算氢玲收入`, a header wrapped over three lines at 150 dpi: tuning seed 116,
/// page 6, its column and 18 amounts lost), `chars` the cell's characters (its lines
/// joined, spaces left out). A cell holds nothing but its phrase, so more may be wrong
/// than in a window of a line ([`edits_allowed`]): up to three in ten, never a
/// character telling phrases apart (`收支入出初末基本项目决预万亿元`), none missed or extra, the first or
/// the last read right; the phrase fits strictly better than any other. `None` when the
/// cell reads as a phrase already, or fits none.
pub fn cell_phrase(chars: &[char]) -> Option<&'static str> {
    if chars.len() < MIN_PHRASE {
        return None;
    }
    let mut fits: Vec<(f64, &'static str)> = Vec::new();
    for p in VOCABULARY {
        let want: Vec<char> = p.chars().collect();
        if want.len() != chars.len() {
            continue;
        }
        if want == chars {
            return None;
        }
        let c: f64 = chars
            .iter()
            .zip(&want)
            .map(|(&r, &w)| cost(Some(r), Some(w)))
            .sum();
        let ends = chars.first() == want.first() || chars.last() == want.last();
        if ends && c <= (0.3 * want.len() as f64).max(edits_allowed(want.len())) {
            fits.push((c, p));
        }
    }
    fits.sort_by(|a, b| a.0.total_cmp(&b.0));
    match fits.as_slice() {
        [one] => Some(one.1),
        [one, two, ..] if one.0 < two.0 => Some(one.1),
        _ => None,
    }
}

/// `text` is a unit line, as printed or read with a wrong character or two (see
/// [`repair_aligned`]), marks at its ends aside.
pub fn unit_line_read(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    UNIT_LINES.contains(&text.trim_matches(stroke_mark)) || unit_line(&chars).is_some()
}

/// What follows the last `单位` of `text` (spaces left out), from that `单位` on; `None`
/// when `text` has no `单位`.
fn unit_piece(text: &str) -> Option<String> {
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let at = squeezed.rfind("单位")?;
    Some(squeezed[at..].to_string())
}

/// A line ending in a unit read wrong beyond mending (`单位：广元`, `单位：` with its `元`
/// lost: small print at 150 dpi on real layouts, the table's unit and every amount
/// lost): its last `单位` is followed by one to four characters that are no unit, as read
/// or mended ([`unit_line_read`]), and that begin with a colon or hold a `元` (what
/// is left of a unit read wrong: a reading again can only be taken where the line is a
/// unit line). A line ending `单位` (`本单位`), going on past a unit
/// (`编制单位：上海市财政局`) or naming a kind of unit (`行政单位医疗`, `单位名称`, rows
/// and headers of the budget's tables: each was read again for nothing) is none.
pub fn unit_doubtful(text: &str) -> bool {
    unit_piece(text).is_some_and(|p| {
        let tail: Vec<char> = p.chars().skip(2).collect();
        (1..=4).contains(&tail.len())
            && (matches!(tail[0], '：' | ':' | ';' | '；') || tail.contains(&'元'))
            && !unit_line_read(&p)
    })
}

/// The unit line (of [`UNIT_LINES`]) that `text` ends with, from its last `单位` on, as
/// read or mended ([`repair`]); `None` when it ends otherwise.
pub fn unit_of_reading(text: &str) -> Option<&'static str> {
    let p = unit_piece(text)?;
    let bare = p.trim_end_matches(stroke_mark).to_string();
    let mended = repair(&bare).unwrap_or(bare);
    UNIT_LINES.iter().find(|u| **u == mended).copied()
}

/// [`repair_aligned`]'s text.
pub fn repair(text: &str) -> Option<String> {
    repair_aligned(text).map(|v| v.into_iter().map(|c| c.0).collect())
}

/// Column headers of the indicator grid of a 绩效目标表 (domain spec §5.2 and its
/// Shanghai and MOF variants): short, so never mended alone (see [`MIN_PHRASE`]).
pub const INDICATOR_HEADERS: &[&str] = &[
    "一级指标",
    "二级指标",
    "三级指标",
    "绩效指标描述",
    "指标内容",
    "指标值",
    "年度指标值",
    "指标值确定依据",
    "备注",
];

/// The indicator header a cell read with one wrong character stands for (`指标什` for
/// 指标值: tuning seed 136, page 20, where the targets' column lost its name and every
/// target of the table its value), told by its row: three or more cells of the row read
/// as indicator headers exactly, the cell as long as exactly one header the row lacks and
/// one substitution from it, never of a character telling phrases apart. `row` holds
/// the texts of the cell's row (the cell's own among them); other cells `None`.
pub fn indicator_header_in_row(cell: &str, row: &[String]) -> Option<&'static str> {
    let squeeze = |t: &str| -> String { t.chars().filter(|c| !c.is_whitespace()).collect() };
    let cell = squeeze(cell);
    let present: Vec<String> = row.iter().map(|t| squeeze(t)).collect();
    let exact = present
        .iter()
        .filter(|t| INDICATOR_HEADERS.contains(&t.as_str()))
        .count();
    if exact < 3 || INDICATOR_HEADERS.contains(&cell.as_str()) {
        return None;
    }
    let read: Vec<char> = cell.chars().collect();
    let mut fits = INDICATOR_HEADERS.iter().filter(|h| {
        let want: Vec<char> = h.chars().collect();
        !present.iter().any(|t| t == *h) && want.len() == read.len() && read.len() >= 3 && {
            let diff: Vec<(char, char)> = read
                .iter()
                .zip(&want)
                .filter(|(r, w)| r != w)
                .map(|(r, w)| (*r, *w))
                .collect();
            diff.len() == 1
                && !CONTRAST.contains(diff[0].0)
                && !CONTRAST.contains(diff[0].1)
                && !diff[0].0.is_ascii_digit()
        }
    });
    let h = fits.next()?;
    fits.next().is_none().then_some(*h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_wrong_character_in_a_phrase_is_mended() {
        assert_eq!(
            repair("一般公共预算“三公”经费支册表").as_deref(),
            Some("一般公共预算“三公”经费支出表")
        );
        assert_eq!(
            repair("2024年部门一般公共预算文出功能分类预算表").as_deref(),
            Some("2024年部门一般公共预算支出功能分类预算表")
        );
        assert_eq!(
            repair("一般公共预算拔款收入").as_deref(),
            Some("一般公共预算拨款收入")
        );
        assert_eq!(
            repair("公务用车购置及运行赞").as_deref(),
            Some("公务用车购置及运行费")
        );
    }

    #[test]
    fn an_indicator_header_is_mended_by_its_row() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        // Tuning seed 136, page 20.
        let r = row(&[
            "一级指标",
            "二级指标",
            "三级指标",
            "绩效指标描述",
            "指标什",
            "指标值确定依据",
        ]);
        assert_eq!(indicator_header_in_row("指标什", &r), Some("指标值"));
        // Alone, or in a row of other text: left as read.
        assert_eq!(
            indicator_header_in_row("指标什", &row(&["指标什", "12.5"])),
            None
        );
        // A header the row holds already, or read right, or two characters off.
        let r2 = row(&["一级指标", "二级指标", "三级指标", "指标值", "指标什"]);
        assert_eq!(indicator_header_in_row("指标什", &r2), None);
        assert_eq!(indicator_header_in_row("指标值", &r), None);
        assert_eq!(indicator_header_in_row("指什什", &r), None);
        // A character telling phrases apart is never replaced.
        assert_eq!(indicator_header_in_row("项标值", &r), None);
    }

    #[test]
    fn a_few_edits_in_a_long_phrase_are_mended() {
        // Tuning seed 646, page 8: `一` read as an ellipsis and 拨 as 拔 (two edits in ten
        // characters): the column header, and with it the column's key, was lost.
        assert_eq!(
            repair("…般公共预算拔款收入").as_deref(),
            Some("一般公共预算拨款收入")
        );
        // Page 10: `一` read as two dashes beside the label's ordinal.
        assert_eq!(
            repair("一、--般公共服务支出").as_deref(),
            Some("一、一般公共服务支出")
        );
        // Each character keeps where it was read.
        let a = repair_aligned("一、--般公共服务支出").unwrap_or_default();
        assert_eq!(a[2], ('一', Some(3)));
        assert_eq!(a[3], ('般', Some(4)));
    }

    #[test]
    fn a_whole_cell_read_with_wrong_characters_is_its_phrase() {
        let cell = |t: &str| cell_phrase(&t.chars().collect::<Vec<char>>());
        // Tuning seed 116, page 6: three wrong in ten, beyond a line's window.
        assert_eq!(cell("一般公共陨算氢玲收入"), Some("一般公共预算拨款收入"));
        assert_eq!(repair("一般公共陨算氢玲收入"), None);
        // Read right, a character telling phrases apart, four wrong, a character
        // missed, neither end right: left as read.
        assert_eq!(cell("一般公共预算拨款收入"), None);
        assert_eq!(cell("一般公共陨算氢玲支入"), None);
        assert_eq!(cell("一般公共陨算氢玲收人"), None);
        assert_eq!(cell("二般公共陨算拨款收人"), None);
        assert_eq!(cell("一般公共拨款收入"), None);
        assert_eq!(cell("一般公共服务支出"), None);
    }

    #[test]
    fn a_header_cell_read_again_is_taken_only_as_a_header_word() {
        // A real layout at 240 dpi: 金额 read `念客`, 合计 `从计` and `辣`, read right
        // again on a line of their own (Tesseract's quote before a word aside).
        assert_eq!(header_read_again("念客", "金额"), Some("金额"));
        assert_eq!(header_read_again("从计", "“合计"), Some("合计"));
        assert_eq!(header_read_again("辣", "合计"), Some("合计"));
        assert_eq!(header_read_again("", "收入"), Some("收入"));
        assert_eq!(header_read_again("会疾", "金额，"), Some("金额"));
        // `一` lost or read as a dash, first or again.
        assert_eq!(header_read_again("-般公共预算", "人"), Some("一般公共预算"));
        assert_eq!(header_read_again("般公共预算", ""), Some("一般公共预算"));
        assert_eq!(
            header_read_again("-般公共和预算基本支出", "-般公共预算基本支出"),
            Some("一般公共预算基本支出")
        );
        // No header word again, a word of one character, a word the first reading holds
        // with more (a longer header), or a word read as printed with specks: left.
        assert_eq!(header_read_again("全矣", "多"), None);
        assert_eq!(header_read_again("顶目", "项"), None);
        assert_eq!(header_read_again("金额（万元）", "金额"), None);
        assert_eq!(header_read_again("支出 本 .", "支出"), None);
        assert_eq!(header_read_again("基本文出", "基本文"), None);
    }

    #[test]
    fn header_words_are_told_with_marks_and_quotes_aside() {
        assert_eq!(header_word("金额"), Some("金额"));
        assert_eq!(header_word("金额 ，"), Some("金额"));
        assert_eq!(header_word(" “合计"), Some("合计"));
        assert_eq!(header_word("“三公”经费"), Some("“三公”经费"));
        assert_eq!(
            header_word("一般公共预算财政拨款支出表"),
            Some("一般公共预算财政拨款支出表")
        );
        assert_eq!(header_word("念客"), None);
        assert_eq!(header_word("金额（万元）"), None);
        assert_eq!(header_one_lost("--般公共预算"), Some("一般公共预算"));
        assert_eq!(header_one_lost("一般公共预算"), None);
        assert_eq!(header_one_lost("公共预算"), None);
        assert_eq!(header_one_lost("-"), None);
    }

    #[test]
    fn a_unit_read_wrong_beyond_mending_is_told_and_a_reading_again_taken() {
        // Real layouts at 150 dpi: 万 read as 广, 元 lost.
        assert!(unit_doubtful("单位：广元"));
        assert!(unit_doubtful("编制单位：上海市财政局 单位："));
        assert!(unit_doubtful(
            "部门：中国其产党江苏省委员会办公厅 单位：广元"
        ));
        // A unit as printed or mendable, no unit, a line going on past 单位: left.
        assert!(!unit_doubtful("单位：万元"));
        assert!(!unit_doubtful("单位;元"));
        assert!(!unit_doubtful("本单位"));
        assert!(!unit_doubtful("编制单位：上海市财政局"));
        assert!(!unit_doubtful("2024年部门预算"));
        assert!(unit_doubtful("单位万兀元"));
        // Kinds of unit (the committed scans' rows and headers): no unit line.
        assert!(!unit_doubtful("六、事业单位经营收入"));
        assert!(!unit_doubtful("行政单位医疗"));
        assert!(!unit_doubtful("单位名称"));
        assert!(!unit_doubtful("单位资"));
        assert_eq!(unit_of_reading("单位;万元"), Some("单位：万元"));
        assert_eq!(unit_of_reading("单位: 万元"), Some("单位：万元"));
        assert_eq!(
            unit_of_reading("编制单位：上海市财政局 单位：元"),
            Some("单位：元")
        );
        assert_eq!(unit_of_reading("单位：广元"), None);
        assert_eq!(unit_of_reading("单位："), None);
    }

    #[test]
    fn a_unit_line_read_wrong_is_mended() {
        assert_eq!(repair("草位：.万元").as_deref(), Some("单位：万元"));
        assert_eq!(repair("单位;元").as_deref(), Some("单位：元"));
        assert_eq!(repair("单位：万元"), None);
        assert_eq!(repair("单位：万元，"), None);
        assert_eq!(repair("单位：万"), None);
        assert_eq!(repair("单位：亿无").as_deref(), Some("单位：亿元"));
        assert_eq!(repair("-单位：元 ."), None);
        // Not a unit line: prose, or too far from one.
        assert_eq!(repair("本单位万元户"), None);
        assert_eq!(repair("部门：元"), None);
    }

    #[test]
    fn what_is_right_or_doubtful_is_left() {
        // As printed.
        assert_eq!(repair("一般公共预算支出功能分类预算表"), None);
        assert_eq!(repair("年末结转和结余"), None);
        // One character from two phrases.
        assert_eq!(repair("年未结转和结余"), None);
        // Short words and figures.
        assert_eq!(repair("基本收入"), None);
        assert_eq!(repair("短评"), None);
        assert_eq!(repair("教育支出 1,234.56"), None);
        // Two wrong characters: not this phrase.
        assert_eq!(repair("一般公共顶算支入表"), None);
        // Real phrases one character from a listed one (tuning seed 1).
        assert_eq!(repair("公务用车运行维护费"), None);
        assert_eq!(repair("本部门实行绩效目标管理的项目"), None);
        assert_eq!(repair("部门预算收入总表"), None);
        assert_eq!(repair("单位预算收入总表"), None);
        // A phrase without its first or last character is not the phrase (headers of
        // the committed scan budget-2024-central-statistics, a unit line cut in two).
        assert_eq!(repair("一般公共预算基本支出"), None);
        assert_eq!(repair("政府性基金预算支出"), None);
        assert_eq!(repair("单位："), None);
        assert_eq!(repair("因公出国(境)"), None);
        // Real phrases beside listed ones (the committed scan
        // final-2024-hebei-changfeng-agri): a missed or extra character of print, a
        // phrase's last character read as the next word's first.
        assert_eq!(
            repair("7.2024年度政府性基金预算财政拨款收入支出决算表"),
            None
        );
        assert_eq!(repair("一、一般公共预算财政拨款收入"), None);
        assert_eq!(repair("收入支出决算总体情况说明"), None);
        assert_eq!(repair("一般公共预算财政拨款基本支出决算情况说明"), None);
        assert_eq!(repair("政府性基金预算拨收入"), None);
        assert_eq!(repair("也没有使用国有资本经营预算财政拨款安排的"), None);
        // More edits than the phrase's length allows.
        assert_eq!(repair("对政拔浆收文心表"), None);
        // A character telling phrases apart is never dropped nor made up.
        assert_eq!(repair("政府性基金预算拨款收支入"), None);
        assert_eq!(repair("一般公共预算财政拨款支表"), None);
        assert_eq!(repair(""), None);
    }
}
