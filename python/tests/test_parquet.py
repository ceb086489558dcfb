"""The batch's Parquet files against its CSVs: the same rows, the same exact values."""

import csv
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import gongkai


def test_parquet_holds_the_csv_rows_and_exact_values(cli_samples):
    out, _ = cli_samples
    csvs = sorted((out / "csv").glob("*.csv"))
    parquets = sorted((out / "parquet").glob("*.parquet"))
    assert [p.stem for p in csvs] == [p.stem for p in parquets]
    assert len(csvs) >= 20
    amounts = 0
    for path in csvs:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        header, rows = rows[0], rows[1:]
        table = pq.read_table(out / "parquet" / f"{path.stem}.parquet")
        assert table.column_names == header
        assert table.num_rows == len(rows), path.stem
        for i, name in enumerate(header):
            field = table.schema.field(name)
            values = table.column(name).to_pylist()
            text = [r[i] for r in rows]
            if pa.types.is_decimal(field.type):
                assert field.type == pa.decimal128(38, 6)
                assert values == [Decimal(t) if t else None for t in text], (path.stem, name)
                amounts += sum(v is not None for v in values)
            elif pa.types.is_integer(field.type):
                assert field.type == pa.int32()
                assert values == [int(t) if t else None for t in text], (path.stem, name)
            elif pa.types.is_floating(field.type):
                # A figure's box: the CSV's shortest text of the same double.
                assert field.type == pa.float64() and name.startswith("bbox_")
                assert values == [float(t) if t else None for t in text], (path.stem, name)
            else:
                assert field.type == pa.string()
                assert values == text, (path.stem, name)
    assert amounts > 1000


def test_parquet_schema_is_the_python_long_schema(cli_samples):
    out, report = cli_samples
    entry = next(e for e in report["entries"] if e["document"] == "budget-2024-central-statistics.pdf")
    doc = gongkai.extract(gongkai_sample(entry["input"]))
    for name, columns in gongkai.long_columns(doc).items():
        schema = pq.read_schema(out / "parquet" / f"{name}.parquet")
        assert schema.remove_metadata() == gongkai.long_schema(columns), name
        table = pq.read_table(out / "parquet" / f"{name}.parquet")
        mine = table.filter(pa.compute.equal(table.column("file"), entry["document"]))
        assert mine.to_pylist() == gongkai.long_tables(doc)[name].to_pylist()


def gongkai_sample(relative):
    from conftest import ROOT

    return ROOT / relative


def test_every_long_table_has_its_schema_by_name(cli_samples):
    """`long_table_schema(name)` (for a table no document has rows in: an empty table of
    the right shape) is the schema of the batch's Parquet file of that name, for every
    table the samples produce; every such name is in `LONG_TABLES`."""
    out, _ = cli_samples
    names = sorted(p.stem for p in (out / "parquet").glob("*.parquet"))
    assert {"findings", "facts", "projects", "indicators", "procurement_items", "budget.summary"} <= set(names)
    for name in names:
        assert name in gongkai.LONG_TABLES
        assert pq.read_schema(out / "parquet" / f"{name}.parquet").remove_metadata() == gongkai.long_table_schema(name), name
    with pytest.raises(ValueError):
        gongkai.long_table_schema("budget.sumary")
