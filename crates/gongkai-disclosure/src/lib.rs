//! `gongkai-disclosure` turns a document's tables and text lines into disclosure records:
//! what the document is (budget or final account, year, department), which standard
//! tables it has (recognised by title and header, never by position), their rows typed
//! with exact amounts in yuan and provenance, and findings from the arithmetic identities
//! (totals = sums of parts), compared with a tolerance derived from printed precision.
//! It knows tables and text, nothing of PDF operators.

#![forbid(unsafe_code)]

mod columns;
mod document;
mod identities;
mod lines;
mod narrative;
mod procurement;
mod projects;
mod recognize;
mod rows;

use gongkai_geom::Rect;
use gongkai_table::Table;
use serde::{Deserialize, Serialize};

pub use document::{recognize_document, DocumentInfo, Kind, Region};
pub use identities::{Finding, Severity, Status};
pub use narrative::{Fact, FactRef};
pub use procurement::ProcurementItem;
pub use projects::{Indicator, Project, ProjectBudget, SchedulePoint};
pub use recognize::classify_title;
pub use rows::{Row, RowKind, RowSum, TypedTable, Value};

/// Schema identifier of the records produced here.
pub const SCHEMA: &str = "gongkai.disclosure/0.2";

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
    pub schema: &'static str,
    /// What the document is.
    pub document: DocumentInfo,
    /// Every table, typed where recognised.
    pub tables: Vec<TypedTable>,
    /// One project per 项目绩效目标表.
    pub projects: Vec<Project>,
    /// Figures stated in the narrative, with their sentences.
    pub facts: Vec<Fact>,
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
    use rayon::prelude::*;
    let kind = document.kind;
    let typed: Vec<TypedTable> = tables
        .par_iter()
        .enumerate()
        .map(|(i, t)| rows::type_table(i, t, kind))
        .collect();
    let ((projects, procurement, mut findings), facts) = rayon::join(
        || {
            let projects: Vec<Project> = typed
                .iter()
                .zip(tables)
                .filter(|(t, _)| t.table_type.as_deref() == Some("performance"))
                .map(|(t, table)| projects::read_project(&t.id, table))
                .collect();
            let mut findings = identities::check_all(&typed, kind);
            findings.extend(identities::check_projects(&projects));
            let procurement: Vec<ProcurementItem> = typed
                .iter()
                .zip(tables)
                .filter(|(t, _)| t.table_type.as_deref() == Some("procurement"))
                .flat_map(|(t, table)| procurement::read_items(t, table))
                .collect();
            findings.extend(identities::check_procurement(&procurement, &typed));
            (projects, procurement, findings)
        },
        || narrative::read_facts(lines, tables, kind),
    );
    findings.extend(identities::check_facts(&facts, &typed));
    Records {
        schema: SCHEMA,
        document,
        tables: typed,
        projects,
        facts,
        procurement,
        findings,
    }
}
