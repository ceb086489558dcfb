//! `gongkai-disclosure` turns a document's tables and text lines into disclosure records:
//! what the document is (budget or final account, year, department), which standard
//! tables it has (recognised by title and header, never by position), their rows typed
//! with exact amounts in yuan and provenance, and findings from the arithmetic identities
//! (totals = sums of parts), compared with a tolerance derived from printed precision.
//! It knows tables and text, nothing of PDF operators.

#![forbid(unsafe_code)]

mod columns;
mod cross;
mod department;
mod document;
mod explanations;
mod identities;
mod lines;
mod narrative;
mod procurement;
mod projects;
mod recognize;
mod rows;
mod values;
mod years;

use gongkai_geom::Rect;
use gongkai_table::Table;
use serde::{Deserialize, Serialize};

pub use cross::{accounting, Accounting, ListedTable};
pub use department::{department_key, is_province, PROVINCES};
pub use document::{recognize_document, DocumentInfo, Kind, Region};
pub use explanations::{Explanation, Figure, PathPart};
pub use identities::{Finding, Place, Severity, Status};
pub use narrative::{Fact, FactRef};
pub use procurement::ProcurementItem;
pub use projects::{Indicator, Project, ProjectBudget, SchedulePoint, UnpairedSchedule};
pub use recognize::classify_title;
pub use rows::{Row, RowKind, RowSum, TypedTable, Unmapped, Value};
pub use values::{Iter as ValuesIter, Values};
pub use years::{MentionRole, YearMention};

/// Schema identifier of the records produced here.
pub const SCHEMA: &str = "gongkai.disclosure/0.3";

/// A line of text with its page, for document recognition and narrative facts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TextLine {
    /// 1-based page.
    pub page: u32,
    /// The text.
    pub text: String,
    /// Its box.
    pub bbox: Rect,
}

/// Everything recognised in one document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Records {
    /// Schema identifier.
    pub schema: String,
    /// What the document is.
    pub document: DocumentInfo,
    /// Every table, typed where recognised.
    pub tables: Vec<TypedTable>,
    /// Standard tables named in the table of contents.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub listed: Vec<ListedTable>,
    /// Titles of standard tables printed outside the contents (`page`: where) whose type no
    /// table has: a table whose title was read but whose body was not. DOC-2 reports them
    /// and points there.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub unread_titles: Vec<ListedTable>,
    /// The lines that fix the document's year: headings naming it by year and 截至 dates
    /// (DOC-1 and DOC-3 hold them to the fiscal year and to no placeholder).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub year_mentions: Vec<YearMention>,
    /// How every number of the typed tables was accounted for.
    #[serde(default)]
    pub accounting: Accounting,
    /// One project per 项目绩效目标表.
    pub projects: Vec<Project>,
    /// Figures stated in the narrative, with their sentences.
    pub facts: Vec<Fact>,
    /// The explanation of each spending line (`“…（类）…（款）…（项）”25.77万元，主要用于…`).
    #[serde(default)]
    pub explanations: Vec<Explanation>,
    /// Purchase lines of the 政府采购 tables.
    pub procurement: Vec<ProcurementItem>,
    /// Identity checks.
    pub findings: Vec<Finding>,
}

/// Builds the records of one document from its stitched tables and text lines.
/// `file_name` helps when the title does not name the year (`…25年预算.pdf`).
pub fn build_records(file_name: &str, lines: &[TextLine], tables: &[Table]) -> Records {
    build_records_for(recognize_document(file_name, lines), lines, tables)
}

/// [`build_records`] for a document already recognised (by [`recognize_document`] on the
/// same lines), so that recognition can run beside other work. Tables are typed and
/// checked in parallel on the current rayon pool (one thread under `-j1`); the result
/// does not depend on the number of threads.
pub fn build_records_for(document: DocumentInfo, lines: &[TextLine], tables: &[Table]) -> Records {
    let mut records = build_unchecked(document, lines, tables);
    records.findings = validate(&records);
    records
}

/// [`build_records_for`] without the checks: the records with no findings yet, for a
/// caller that frees the lines and tables before [`validate`] adds them (the findings
/// are a pure function of the records).
pub fn build_unchecked(document: DocumentInfo, lines: &[TextLine], tables: &[Table]) -> Records {
    use rayon::prelude::*;
    let kind = document.kind;
    let typed: Vec<TypedTable> = tables
        .par_iter()
        .enumerate()
        .map(|(i, t)| rows::type_table(i, t, kind))
        .collect();
    let ((projects, procurement), facts) = rayon::join(
        || {
            let projects: Vec<Project> = typed
                .iter()
                .zip(tables)
                .filter(|(t, _)| t.table_type.as_deref() == Some("performance"))
                .map(|(t, table)| projects::read_project(&t.id, table))
                .filter(|p| !p.is_empty())
                .collect();
            let procurement: Vec<ProcurementItem> = typed
                .iter()
                .zip(tables)
                .filter(|(t, _)| t.table_type.as_deref() == Some("procurement"))
                .flat_map(|(t, table)| procurement::read_items(t, table))
                .collect();
            (projects, procurement)
        },
        || {
            // Prose the table finder took for a borderless table (no type, sentences ending
            // in 。 in its cells) is still read as the text it is.
            let boxed: Vec<&Table> = tables
                .iter()
                .zip(&typed)
                .filter(|(table, t)| !is_prose(table, t))
                .map(|(table, _)| table)
                .collect();
            (
                narrative::read_facts(lines, &boxed, kind, document.fiscal_year),
                explanations::read_explanations(lines, &boxed, &typed),
            )
        },
    );
    let (facts, explanations) = facts;
    let (listed, contents) = listed_tables(lines, &toc_pages(lines), kind);
    Records {
        schema: SCHEMA.to_string(),
        listed,
        unread_titles: unread_titles(lines, &contents, kind, &typed),
        year_mentions: years::year_mentions(lines),
        accounting: cross::accounting(&typed),
        document,
        tables: typed,
        projects,
        facts,
        explanations,
        procurement,
        findings: Vec::new(),
    }
}

/// Every finding of a document, a pure function of its records: the identities inside
/// each table, between tables (X-1 … X-6), of projects, procurement and narrative
/// figures, of the explanations of spending lines (E-AMT, E-RESTATE, E-PCT, E-DIR,
/// E-RATE), and of the document (DOC-2, DOC-4, `unmapped_value`, `unit_unknown`). Shared
/// by `extract` and `check` (which re-runs it on records a person may have corrected).
pub fn validate(records: &Records) -> Vec<Finding> {
    let kind = records.document.kind;
    // The parts are moved into one vector of their exact length: grown by doubling, the
    // 67,527 findings of a 10,000-page document went into one of room for 131,072.
    let parts = [
        identities::check_tables(&records.tables),
        cross::check_cross(&records.tables, kind),
        identities::check_projects(&records.projects),
        identities::check_procurement(&records.procurement, &records.tables),
        identities::check_facts(&records.facts, &records.tables),
        identities::check_project_facts(&records.facts, &records.projects),
        explanations::check_explanations(&records.explanations, &records.tables),
        cross::check_document(records),
    ];
    let mut findings = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for part in parts {
        findings.extend(part);
    }
    identities::mark_suspect_gaps(&mut findings);
    // What the rounding model read is not written out: not held either.
    for f in &mut findings {
        f.coarse_figures = Vec::new();
    }
    findings
}

/// The standard tables the table of contents (`contents`: its pages) names: lines whose
/// text reads as a standard table title (leaders and page numbers removed), or an entry
/// wrapped onto the line close below it or onto the first line of the next page
/// (`十一、一般公共预算“三公”经费、会议费、培训费支` over `出预算表`). The contents run on
/// over the page after the last one headed 目录 while its lines are such entries. Returns
/// the entries and the pages of the contents (with such a page when it held an entry).
fn listed_tables(lines: &[TextLine], contents: &[u32], kind: Kind) -> (Vec<ListedTable>, Vec<u32>) {
    let after: Vec<u32> = contents
        .iter()
        .map(|p| p + 1)
        .filter(|p| !contents.contains(p))
        .collect();
    let toc: Vec<&TextLine> = lines
        .iter()
        .filter(|l| contents.contains(&l.page) || after.contains(&l.page))
        .collect();
    let mut out: Vec<ListedTable> = Vec::new();
    let mut pages: Vec<u32> = contents.to_vec();
    let mut ended: Vec<u32> = Vec::new();
    let mut i = 0;
    while i < toc.len() {
        let l = toc[i];
        if ended.contains(&l.page) {
            i += 1;
            continue;
        }
        let wrapped = || {
            let next = toc.get(i + 1).filter(|n| {
                let below = n.page == l.page
                    && n.bbox.top >= l.bbox.top
                    && n.bbox.top - l.bbox.bottom < 0.8 * l.bbox.height();
                (below || n.page == l.page + 1) && standard_title(n, kind).is_none()
            })?;
            let joined = TextLine {
                page: l.page,
                text: format!("{}{}", l.text.trim_end(), next.text.trim_start()),
                bbox: l.bbox,
            };
            standard_title(&joined, kind)
        };
        let (found, used) = match standard_title(l, kind) {
            Some(t) => (Some(t), 1),
            None if !gongkai_normalize::match_key(&l.text).ends_with('表') => match wrapped() {
                Some(t) => (Some(t), 2),
                None => (None, 1),
            },
            None => (None, 1),
        };
        match found {
            Some(t) => {
                if !pages.contains(&l.page) {
                    pages.push(l.page);
                }
                if !out.iter().any(|x| x.table_type == t.table_type) {
                    out.push(t);
                }
            }
            None if after.contains(&l.page) => ended.push(l.page),
            None => {}
        }
        i += used;
    }
    (out, pages)
}

/// The pages of the contents: those headed 目录.
fn toc_pages(lines: &[TextLine]) -> Vec<u32> {
    lines
        .iter()
        .filter(|l| {
            gongkai_normalize::match_key(&l.text).trim_matches(|c: char| !c.is_alphanumeric())
                == "目录"
        })
        .map(|l| l.page)
        .collect()
}

/// A line that reads as the title of a standard table (leaders and page numbers of a
/// contents entry removed), with the type it names.
fn standard_title(l: &TextLine, kind: Kind) -> Option<ListedTable> {
    let text: String = l
        .text
        .trim_end_matches(|c: char| {
            c.is_ascii_digit() || c.is_whitespace() || matches!(c, '.' | '…' | '·' | '-' | '—')
        })
        .trim()
        .to_string();
    // A sentence that names a table ("…;二是《财政拨款支出预算表") is not its title.
    if !gongkai_normalize::match_key(&text).ends_with('表')
        || text.contains(['；', ';', '，', ',', '。', '《', '》'])
        || text.contains("万元")
    {
        return None;
    }
    let table_type = classify_title(&text, kind)
        .filter(|t| t.starts_with("budget.") || t.starts_with("final.") || t == "procurement")?;
    Some(ListedTable {
        title: text,
        table_type,
        page: l.page,
    })
}

/// The titles of standard tables printed outside the contents (`contents`: its pages)
/// whose type no table has
/// (the first line per type): the table's title was read, its body was not.
fn unread_titles(
    lines: &[TextLine],
    contents: &[u32],
    kind: Kind,
    typed: &[TypedTable],
) -> Vec<ListedTable> {
    let mut out: Vec<ListedTable> = Vec::new();
    let mut previous: Option<&TextLine> = None;
    for l in lines.iter().filter(|l| !contents.contains(&l.page)) {
        // The second line of a wrapped title ("一般公共预算“三公”经费、会议费、培训费" over
        // "支出预算表") names another table on its own.
        let continues = previous.is_some_and(|p| {
            p.page == l.page
                && l.bbox.top - p.bbox.bottom < 0.8 * l.bbox.height()
                && !p.text.trim_end().ends_with(['表', '。'])
        });
        previous = Some(l);
        let Some(t) = standard_title(l, kind).filter(|_| !continues) else {
            continue;
        };
        let read = typed
            .iter()
            .any(|x| x.table_type.as_deref() == Some(t.table_type.as_str()));
        if !read && !out.iter().any(|x| x.table_type == t.table_type) {
            out.push(t);
        }
    }
    out
}

/// A table found by text alignment that is prose: no table type, and a cell holding a
/// sentence's end (`。`), as justified text with wide gaps reads (`（二）公用经费 2391.92
/// 万元。主要包括：…`).
fn is_prose(table: &Table, typed: &TypedTable) -> bool {
    table.method == gongkai_table::Method::Stream
        && typed.table_type.is_none()
        && table.cells.iter().any(|c| c.text.contains('。'))
}
