//! The long-table form of a document's records: one row per amount of each typed
//! standard table (one CSV per table type, ready to pivot), and one row per project,
//! performance indicator, narrative figure, procurement item and identity check. These
//! are the rows of the batch's `csv/` files ([`crate::batch`]).

use crate::Document;

/// The rows of one document: `(key, row)`, where `key` is a table type (long format, one
/// line per amount; CSV header [`CSV_HEADER`]) or one of the [`EXTRA_CSVS`] keys. A key's
/// rows go to the CSV file [`file_name`] names, under the header [`header`] gives.
pub fn rows(doc: &Document) -> Vec<(String, Vec<String>)> {
    records_rows(&doc.source.file, &doc.records)
}

/// The rows of a document named `file` (its `source.file`) with these records, as
/// [`rows`] makes them: for records read back from a document JSON (the Python
/// package's long tables).
pub fn records_rows(file: &str, rec: &gongkai_disclosure::Records) -> Vec<(String, Vec<String>)> {
    let mut rows = Vec::new();
    for_each_row(file, rec, |row| rows.push(row));
    rows
}

/// The rows [`records_rows`] makes, in its order, handed to `push` one at a time: a
/// document's rows are written out as they are made, never all held (for 10,000 pages
/// they were 118 MB).
pub fn for_each_row(
    file: &str,
    rec: &gongkai_disclosure::Records,
    mut push: impl FnMut((String, Vec<String>)),
) {
    let info = &rec.document;
    let kind = serde_json::to_value(info.kind)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default();
    let file = file.to_string();
    let dept = info.department.clone().unwrap_or_default();
    let dept_key = info.department_key.clone().unwrap_or_default();
    let scope = info.scope.clone();
    let year = info.fiscal_year.map(|y| y.to_string()).unwrap_or_default();
    let yuan = |v: &Option<gongkai_disclosure::Value>| {
        v.as_ref().and_then(|v| v.yuan.clone()).unwrap_or_default()
    };
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    for t in &rec.tables {
        let Some(tt) = t.table_type.as_deref() else {
            continue;
        };
        for r in &t.rows {
            for (col, v) in &r.values {
                let Some(v) = v else { continue };
                push((
                    tt.to_string(),
                    vec![
                        file.clone(),
                        dept.clone(),
                        dept_key.clone(),
                        scope.clone(),
                        year.clone(),
                        kind.clone(),
                        tt.to_string(),
                        opt(&t.title),
                        opt(&t.unit),
                        r.id.clone(),
                        opt(&r.side),
                        opt(&r.line),
                        opt(&r.code),
                        r.name.clone(),
                        col.clone(),
                        v.yuan.clone().unwrap_or_default(),
                        v.raw.clone(),
                        v.page.to_string(),
                        // A row of a second block or panel: that block's header; a
                        // two-sided table's row: its side's header (`支出/决算数`).
                        r.id.rsplit_once('.')
                            .and_then(|(_, block)| t.headers.get(&format!("{block}/{col}")))
                            .or_else(|| {
                                r.side
                                    .as_ref()
                                    .and_then(|side| t.headers.get(&format!("{side}/{col}")))
                            })
                            .or(t.headers.get(col))
                            .cloned()
                            .unwrap_or_default(),
                        v.resolution_yuan.clone().unwrap_or_default(),
                        v.bbox[0].to_string(),
                        v.bbox[1].to_string(),
                        v.bbox[2].to_string(),
                        v.bbox[3].to_string(),
                        serde_json::to_value(r.kind)
                            .ok()
                            .and_then(|k| k.as_str().map(String::from))
                            .unwrap_or_default(),
                        r.level
                            .or(r.code_level)
                            .map(|l| l.to_string())
                            .unwrap_or_default(),
                        r.parent_code
                            .clone()
                            .or_else(|| r.parent_line.clone())
                            .unwrap_or_default(),
                    ],
                ));
            }
        }
    }
    for p in &rec.projects {
        let schedule = p
            .schedule
            .iter()
            .map(|s| format!("{}:{}", s.month_end, s.cumulative_pct))
            .collect::<Vec<_>>()
            .join(" ");
        let page = p.pages.first().map(|n| n.to_string()).unwrap_or_default();
        push((
            "_projects".into(),
            vec![
                file.clone(),
                dept.clone(),
                dept_key.clone(),
                scope.clone(),
                year.clone(),
                p.table.clone(),
                p.seq.map(|n| n.to_string()).unwrap_or_default(),
                opt(&p.unit_code),
                opt(&p.code),
                opt(&p.name),
                yuan(&p.budget.total),
                yuan(&p.budget.fiscal),
                yuan(&p.budget.other),
                schedule,
                p.goals.join("；"),
                page,
            ],
        ));
        for i in &p.indicators {
            let t = &i.target_parsed;
            let comparator = t
                .comparator
                .map(|c| c.as_str().to_string())
                .unwrap_or_default();
            let value = t.value.map(|v| v.to_string()).unwrap_or_default();
            push((
                "_indicators".into(),
                vec![
                    file.clone(),
                    dept.clone(),
                    dept_key.clone(),
                    scope.clone(),
                    year.clone(),
                    opt(&p.code),
                    opt(&p.name),
                    i.level1.clone(),
                    i.level2.clone(),
                    i.level3.clone(),
                    i.description.clone(),
                    i.target.clone(),
                    comparator,
                    value,
                    opt(&t.unit),
                    i.basis.clone(),
                ],
            ));
        }
    }
    for f in &rec.facts {
        push((
            "_facts".into(),
            vec![
                file.clone(),
                dept.clone(),
                dept_key.clone(),
                scope.clone(),
                year.clone(),
                f.key.clone(),
                opt(&f.yuan),
                opt(&f.value),
                f.raw.clone(),
                f.page.to_string(),
                f.sentence.clone(),
                f.r#ref
                    .as_ref()
                    .map(|r| r.table_type.clone())
                    .unwrap_or_default(),
                f.r#ref
                    .as_ref()
                    .and_then(|r| r.line.clone().or_else(|| r.kind.clone()))
                    .unwrap_or_default(),
                f.r#ref
                    .as_ref()
                    .map(|r| r.column.clone())
                    .unwrap_or_default(),
            ],
        ));
    }
    for i in &rec.procurement {
        let total = i.amounts.get("total").cloned().flatten();
        push((
            "_procurement".into(),
            vec![
                file.clone(),
                dept.clone(),
                dept_key.clone(),
                scope.clone(),
                year.clone(),
                i.row.clone(),
                opt(&i.project_name),
                yuan(&i.project_budget),
                opt(&i.item_name),
                opt(&i.catalogue_code),
                opt(&i.catalogue_kind),
                opt(&i.measure_unit),
                opt(&i.quantity),
                yuan(&i.unit_price),
                yuan(&total),
            ],
        ));
    }
    for f in &rec.findings {
        let status = serde_json::to_value(f.status)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        let severity = serde_json::to_value(f.severity)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        push((
            "_findings".into(),
            vec![
                file.clone(),
                dept.clone(),
                dept_key.clone(),
                scope.clone(),
                year.clone(),
                f.rule.clone(),
                severity,
                status,
                f.table.clone(),
                f.table_type.clone(),
                f.page.to_string(),
                f.row.clone(),
                f.column.clone(),
                f.lhs.clone(),
                f.rhs.clone(),
                f.diff.clone(),
                f.expr.clone(),
                f.tolerance.clone(),
                f.related_tables.join(" "),
                f.note.clone().unwrap_or_default(),
            ],
        ));
    }
}

/// The header of the CSV a row key goes to.
pub fn header(key: &str) -> &'static [&'static str] {
    EXTRA_CSVS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or(&CSV_HEADER[..], |(_, _, header)| header)
}

/// The file a row key goes to (under `OUT/csv` in a batch).
pub fn file_name(key: &str) -> String {
    EXTRA_CSVS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or_else(|| format!("{key}.csv"), |(_, name, _)| name.to_string())
}

/// The type of a long-table column where outputs are typed (Parquet, Arrow): the CSVs
/// hold the same values as text, an empty field being a missing value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Text, as in the CSV (an empty field stays an empty string).
    Text,
    /// A whole number (a page, a year, a sequence number): 32-bit signed, missing when
    /// the CSV field is empty.
    Int,
    /// An amount in yuan: a decimal of precision [`DECIMAL_PRECISION`] and scale
    /// [`DECIMAL_SCALE`], exact (never a float), missing when the CSV field is empty.
    Decimal,
    /// A coordinate on the page in points (a side of a figure's box): a 64-bit float,
    /// missing when the CSV field is empty.
    Float,
}

/// Precision (significant digits) of the amount columns ([`ColumnType::Decimal`]).
pub const DECIMAL_PRECISION: u8 = 38;

/// Scale (digits after the point) of the amount columns ([`ColumnType::Decimal`]): yuan
/// are printed to the fen (2 decimals) and more decimals are kept as printed, so 6 holds
/// every amount exactly; a value with more decimals is an error, never rounded.
pub const DECIMAL_SCALE: i8 = 6;

/// The type of a column of the long tables, by its name: `yuan` and `*_yuan` are
/// amounts, `fiscal_year`, `seq` and `page` whole numbers, `bbox_*` coordinates,
/// everything else text.
pub fn column_type(column: &str) -> ColumnType {
    match column {
        "fiscal_year" | "seq" | "page" | "level" => ColumnType::Int,
        c if c.starts_with("bbox_") => ColumnType::Float,
        c if c == "yuan" || c.ends_with("_yuan") => ColumnType::Decimal,
        _ => ColumnType::Text,
    }
}

/// The bytes every CSV file of the batch starts with: the UTF-8 byte order mark, so that
/// a spreadsheet (Excel on a Chinese-locale Windows) reads the file as UTF-8. pandas reads
/// it away; Python's `csv` module needs `open(…, encoding="utf-8-sig")`.
pub const CSV_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Header of the long-format CSVs: one line per amount, ready to pivot. After the page:
/// the column's printed header (`header`, its header cells top to bottom joined with `/`,
/// e.g. `本年收入/预算数`), the printed precision in yuan (`resolution_yuan`: `10000` for a
/// figure printed as `25` 万元, `0.01` for one printed to the fen) and the figure's box on
/// its page in points, `[x0, top, x1, bottom]` as four columns (`bbox_x0`, `bbox_top`,
/// `bbox_x1`, `bbox_bottom`: flat columns read the same in the CSV, Parquet, pandas and
/// Spark, where a list column would be a string in the CSV and an object in pandas).
///
/// Last, where the row sits in its table, so that sums count each amount once: `row_kind`
/// (`grand_total` 总计, `total` 合计, `subtotal` 小计 and group lines, `class` 类, `kuan` 款,
/// `item` 项 and every other line), `level` (1–3 for 类/款/项 codes; in two-sided tables 1 for
/// a top-level line and 2 for its child; in procurement tables the depth of a group line's
/// label column) and `parent` (the parent code, or a two-sided line's parent line).
pub const CSV_HEADER: [&str; 27] = [
    "file",
    "department",
    "department_key",
    "scope",
    "fiscal_year",
    "kind",
    "table_type",
    "table_title",
    "unit",
    "row_id",
    "side",
    "line",
    "code",
    "name",
    "column",
    "yuan",
    "raw",
    "page",
    "header",
    "resolution_yuan",
    "bbox_x0",
    "bbox_top",
    "bbox_x1",
    "bbox_bottom",
    "row_kind",
    "level",
    "parent",
];

/// Project CSV (one line per 绩效目标表).
pub const PROJECT_HEADER: [&str; 16] = [
    "file",
    "department",
    "department_key",
    "scope",
    "fiscal_year",
    "table",
    "seq",
    "unit_code",
    "code",
    "name",
    "budget_total_yuan",
    "budget_fiscal_yuan",
    "budget_other_yuan",
    "schedule",
    "goals",
    "page",
];

/// Indicator CSV (one line per performance indicator).
pub const INDICATOR_HEADER: [&str; 16] = [
    "file",
    "department",
    "department_key",
    "scope",
    "fiscal_year",
    "project_code",
    "project_name",
    "level1",
    "level2",
    "level3",
    "description",
    "target",
    "comparator",
    "value",
    "unit",
    "basis",
];

/// Narrative-figure CSV. Last, the table cell the figure is checked against (N-REF in the
/// findings), when it names one: its table type, row (a two-sided table's line, or `total`)
/// and column key.
pub const FACT_HEADER: [&str; 14] = [
    "file",
    "department",
    "department_key",
    "scope",
    "fiscal_year",
    "key",
    "yuan",
    "value",
    "raw",
    "page",
    "sentence",
    "ref_table_type",
    "ref_row",
    "ref_column",
];

/// Procurement-item CSV.
pub const PROCUREMENT_HEADER: [&str; 15] = [
    "file",
    "department",
    "department_key",
    "scope",
    "fiscal_year",
    "row",
    "project_name",
    "project_budget_yuan",
    "item_name",
    "catalogue_code",
    "catalogue_kind",
    "measure_unit",
    "quantity",
    "unit_price_yuan",
    "total_yuan",
];

/// Findings CSV: every identity check with its outcome.
pub const FINDING_HEADER: [&str; 20] = [
    "file",
    "department",
    "department_key",
    "scope",
    "fiscal_year",
    "rule",
    "severity",
    "status",
    "table",
    "table_type",
    "page",
    "row",
    "column",
    "lhs",
    "rhs",
    "diff",
    "expr",
    "tolerance",
    "related_tables",
    "note",
];

/// The CSV files besides the per-table-type ones: (row key, file name, header).
pub const EXTRA_CSVS: [(&str, &str, &[&str]); 5] = [
    ("_projects", "projects.csv", &PROJECT_HEADER),
    ("_indicators", "indicators.csv", &INDICATOR_HEADER),
    ("_facts", "facts.csv", &FACT_HEADER),
    ("_procurement", "procurement_items.csv", &PROCUREMENT_HEADER),
    ("_findings", "findings.csv", &FINDING_HEADER),
];

/// Why a long table could not be written as Parquet.
#[derive(Debug, thiserror::Error)]
pub enum ParquetError {
    /// An amount is not a decimal, or has more decimals than [`DECIMAL_SCALE`] (it is
    /// never rounded), or a whole-number column holds something else.
    #[error("column {column}: {value:?} is not {what}")]
    Value {
        /// The column.
        column: String,
        /// The value as the CSV holds it.
        value: String,
        /// What the column holds.
        what: &'static str,
    },
    /// The Parquet writer failed.
    #[error("parquet: {0}")]
    Write(#[from] parquet::errors::ParquetError),
}

/// Rows per Parquet row group.
const ROW_GROUP: usize = 65_536;

/// The Parquet schema of a long table with this header: every column optional, text as
/// UTF-8 `BYTE_ARRAY`, whole numbers `INT32`, coordinates `DOUBLE`, amounts
/// `DECIMAL(38, 6)` stored as a 16-byte `FIXED_LEN_BYTE_ARRAY` ([`column_type`]).
pub fn parquet_schema(header: &[&str]) -> Result<parquet::schema::types::Type, ParquetError> {
    use parquet::basic::{DecimalType, LogicalType, Repetition, Type as Physical};
    use parquet::schema::types::Type;
    let fields = header
        .iter()
        .map(|name| {
            let b = match column_type(name) {
                ColumnType::Text => Type::primitive_type_builder(name, Physical::BYTE_ARRAY)
                    .with_logical_type(Some(LogicalType::String)),
                ColumnType::Int => Type::primitive_type_builder(name, Physical::INT32),
                ColumnType::Float => Type::primitive_type_builder(name, Physical::DOUBLE),
                ColumnType::Decimal => {
                    Type::primitive_type_builder(name, Physical::FIXED_LEN_BYTE_ARRAY)
                        .with_length(16)
                        .with_logical_type(Some(LogicalType::Decimal(DecimalType {
                            scale: DECIMAL_SCALE.into(),
                            precision: DECIMAL_PRECISION.into(),
                        })))
                        .with_precision(DECIMAL_PRECISION.into())
                        .with_scale(DECIMAL_SCALE.into())
                }
            };
            b.with_repetition(Repetition::OPTIONAL)
                .build()
                .map(std::sync::Arc::new)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Type::group_type_builder("schema")
        .with_fields(fields)
        .build()?)
}

/// An amount as the 16-byte big-endian two's complement of its value × 10^[`DECIMAL_SCALE`];
/// `None` when it is not a decimal or has more decimals than the scale.
fn decimal_bytes(text: &str) -> Option<[u8; 16]> {
    let d: rust_decimal::Decimal = text.parse().ok()?;
    let scale = u32::try_from(DECIMAL_SCALE).ok()?;
    if d.scale() > scale {
        return None;
    }
    let unscaled = d
        .mantissa()
        .checked_mul(10i128.checked_pow(scale - d.scale())?)?;
    Some(unscaled.to_be_bytes())
}

/// A long table as a Parquet file (schema [`parquet_schema`]): the rows of one CSV
/// ([`header`] of `key`), in order, with the same values — an empty field of a number
/// column is null, text stays as it is. Snappy-compressed; the same rows give the same
/// bytes ([`ParquetStream`] into memory).
pub fn parquet_bytes(key: &str, rows: &[&[String]]) -> Result<Vec<u8>, ParquetError> {
    let mut stream = ParquetStream::new(key, Vec::new())?;
    for row in rows {
        stream.push(row)?;
    }
    stream.finish()
}

/// [`parquet_bytes`]'s bytes written into `W` as the rows come: a row group
/// (65,536 rows) is held, in one string per group, and written when it is full,
/// so that a long table of any length is written holding one group.
pub struct ParquetStream<W: std::io::Write + Send> {
    header: &'static [&'static str],
    writer: parquet::file::writer::SerializedFileWriter<W>,
    /// The fields of the rows held, one after another (`header.len()` per row).
    text: String,
    /// Where each field held ends in `text`.
    ends: Vec<usize>,
}

impl<W: std::io::Write + Send> ParquetStream<W> {
    /// A Parquet file of long table `key` started in `w`.
    pub fn new(key: &str, w: W) -> Result<Self, ParquetError> {
        use parquet::file::properties::WriterProperties;
        let header = header(key);
        let schema = std::sync::Arc::new(parquet_schema(header)?);
        let props = WriterProperties::builder()
            .set_compression(parquet::basic::Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP))
            .build();
        let writer = parquet::file::writer::SerializedFileWriter::new(
            w,
            schema,
            std::sync::Arc::new(props),
        )?;
        Ok(ParquetStream {
            header,
            writer,
            text: String::new(),
            ends: Vec::new(),
        })
    }

    /// Adds a row (a field missing at its end is empty, one beyond the header is not
    /// written); a full row group is written.
    pub fn push(&mut self, row: &[String]) -> Result<(), ParquetError> {
        for i in 0..self.header.len() {
            self.text.push_str(row.get(i).map_or("", String::as_str));
            self.ends.push(self.text.len());
        }
        if self.ends.len() / self.header.len().max(1) >= ROW_GROUP {
            self.write_group()?;
        }
        Ok(())
    }

    /// Writes the rows held as a row group.
    fn write_group(&mut self) -> Result<(), ParquetError> {
        use parquet::column::writer::ColumnWriter;
        use parquet::data_type::{ByteArray, FixedLenByteArray};
        let width = self.header.len().max(1);
        let n = self.ends.len() / width;
        let (text, ends) = (&self.text, &self.ends);
        let cell = |r: usize, c: usize| {
            let k = r * width + c;
            let start = k.checked_sub(1).map_or(0, |j| ends[j]);
            text.get(start..ends[k]).unwrap_or_default()
        };
        let mut rg = self.writer.next_row_group()?;
        let mut index = 0;
        while let Some(mut col) = rg.next_column()? {
            let name = self.header.get(index).copied().unwrap_or_default();
            let cells = (0..n).map(|r| cell(r, index));
            let mut defs = Vec::with_capacity(n);
            let bad = |value: &str, what| ParquetError::Value {
                column: name.to_string(),
                value: value.to_string(),
                what,
            };
            match col.untyped() {
                ColumnWriter::ByteArrayColumnWriter(w) => {
                    let values: Vec<ByteArray> = cells
                        .map(|c| {
                            defs.push(1);
                            ByteArray::from(c.as_bytes().to_vec())
                        })
                        .collect();
                    w.write_batch(&values, Some(&defs), None)?;
                }
                ColumnWriter::Int32ColumnWriter(w) => {
                    let mut values = Vec::new();
                    for c in cells {
                        if c.is_empty() {
                            defs.push(0);
                        } else {
                            values.push(c.parse::<i32>().map_err(|_| bad(c, "a whole number"))?);
                            defs.push(1);
                        }
                    }
                    w.write_batch(&values, Some(&defs), None)?;
                }
                ColumnWriter::DoubleColumnWriter(w) => {
                    let mut values = Vec::new();
                    for c in cells {
                        if c.is_empty() {
                            defs.push(0);
                        } else {
                            values.push(c.parse::<f64>().map_err(|_| bad(c, "a number"))?);
                            defs.push(1);
                        }
                    }
                    w.write_batch(&values, Some(&defs), None)?;
                }
                ColumnWriter::FixedLenByteArrayColumnWriter(w) => {
                    let mut values = Vec::new();
                    for c in cells {
                        if c.is_empty() {
                            defs.push(0);
                        } else {
                            let bytes = decimal_bytes(c)
                                .ok_or_else(|| bad(c, "a decimal with at most 6 decimals"))?;
                            values.push(FixedLenByteArray::from(bytes.to_vec()));
                            defs.push(1);
                        }
                    }
                    w.write_batch(&values, Some(&defs), None)?;
                }
                _ => {
                    return Err(ParquetError::Write(parquet::errors::ParquetError::General(
                        format!("column {name}: unexpected physical type"),
                    )))
                }
            }
            col.close()?;
            index += 1;
        }
        rg.close()?;
        self.text.clear();
        self.ends.clear();
        Ok(())
    }

    /// Writes the last row group and the file's footer; returns the writer.
    pub fn finish(mut self) -> Result<W, ParquetError> {
        if !self.ends.is_empty() {
            self.write_group()?;
        }
        Ok(self.writer.into_inner()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_scaled_integers_never_rounded() {
        let v = |s: &str| decimal_bytes(s).map(i128::from_be_bytes);
        assert_eq!(v("7062800.00"), Some(7_062_800_000_000));
        assert_eq!(v("-1200.50"), Some(-1_200_500_000));
        assert_eq!(v("0.000001"), Some(1));
        assert_eq!(v("12"), Some(12_000_000));
        // A seventh decimal would be rounded away: refused.
        assert_eq!(v("0.0000001"), None);
        assert_eq!(v("1,200.00"), None);
        assert_eq!(v(""), None);
    }

    #[test]
    fn column_types_follow_the_names() {
        assert_eq!(column_type("yuan"), ColumnType::Decimal);
        assert_eq!(column_type("budget_total_yuan"), ColumnType::Decimal);
        assert_eq!(column_type("page"), ColumnType::Int);
        assert_eq!(column_type("fiscal_year"), ColumnType::Int);
        assert_eq!(column_type("raw"), ColumnType::Text);
        assert_eq!(column_type("lhs"), ColumnType::Text);
        assert_eq!(column_type("header"), ColumnType::Text);
        assert_eq!(column_type("resolution_yuan"), ColumnType::Decimal);
        assert_eq!(column_type("bbox_top"), ColumnType::Float);
        assert_eq!(column_type("level"), ColumnType::Int);
        assert_eq!(column_type("row_kind"), ColumnType::Text);
    }

    #[test]
    fn parquet_refuses_a_value_it_would_round() {
        let row: Vec<String> = CSV_HEADER
            .iter()
            .map(|c| match *c {
                "yuan" => "1.0000001".to_string(),
                "page" => "3".to_string(),
                _ => String::new(),
            })
            .collect();
        let err = parquet_bytes("budget.summary", &[row.as_slice()]).unwrap_err();
        assert!(err.to_string().contains("column yuan"), "{err}");
        let ok: Vec<String> = row
            .iter()
            .map(|v| {
                if v == "1.0000001" {
                    "1.25".into()
                } else {
                    v.clone()
                }
            })
            .collect();
        let bytes = parquet_bytes("budget.summary", &[ok.as_slice()]).expect("parquet");
        assert_eq!(&bytes[..4], b"PAR1");
        assert_eq!(
            parquet_bytes("budget.summary", &[ok.as_slice()]).ok(),
            Some(bytes)
        );
    }
}
