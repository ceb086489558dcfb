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
pub use recognize::classify_title;
pub use narrative::{Fact, FactRef};
pub use procurement::ProcurementItem;
pub use projects::{Indicator, Project, ProjectBudget, SchedulePoint};
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
    let document = recognize_document(file_name, lines);
    let typed: Vec<TypedTable> = tables.iter().enumerate().map(|(i, t)| rows::type_table(i, t, document.kind)).collect();
    let projects: Vec<Project> = typed.iter().zip(tables).filter(|(t, _)| t.table_type.as_deref() == Some("performance")).map(|(t, table)| projects::read_project(&t.id, table)).collect();
    let mut findings = identities::check_all(&typed, document.kind);
    findings.extend(identities::check_projects(&projects));
    let procurement: Vec<ProcurementItem> = typed.iter().zip(tables).filter(|(t, _)| t.table_type.as_deref() == Some("procurement")).flat_map(|(t, table)| procurement::read_items(t, table)).collect();
    findings.extend(identities::check_procurement(&procurement, &typed));
    let facts = narrative::read_facts(lines, tables, document.kind);
    findings.extend(identities::check_facts(&facts, &typed));
    Records { schema: SCHEMA, document, tables: typed, projects, facts, procurement, findings }
}
