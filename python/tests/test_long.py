"""The long tables of `gongkai.long_*` against the batch's CSVs: same rows, same values."""

import csv
import json
from collections import defaultdict
from decimal import Decimal

import pyarrow as pa

import gongkai


def read_csvs(out):
    """{table name: {file: [rows]}} and the headers, from OUT/csv."""
    tables, headers = {}, {}
    for path in sorted((out / "csv").glob("*.csv")):
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            headers[path.stem] = next(reader)
            by_file = defaultdict(list)
            for row in reader:
                by_file[row[0]].append(row)
            tables[path.stem] = by_file
    return tables, headers


def test_long_tables_hold_the_csv_rows(cli_samples):
    out, report = cli_samples
    csvs, headers = read_csvs(out)
    seen = 0
    for e in (e for e in report["entries"] if e["status"] == "ok"):
        doc = json.loads((out / f"{e['name']}.json").read_text(encoding="utf-8"))
        columns = gongkai.long_columns(doc)
        tables = gongkai.long_tables(doc)
        frames = gongkai.long_frames(doc)
        expected = {name: rows[e["document"]] for name, rows in csvs.items() if rows.get(e["document"])}
        assert set(columns) == set(expected) == set(tables) == set(frames), e["document"]
        for name, rows in expected.items():
            cols = columns[name]
            assert [c[0] for c in cols] == headers[name]
            assert [list(r) for r in zip(*(c[2] for c in cols))] == rows
            table = tables[name]
            assert table.num_rows == len(rows) == len(frames[name])
            for (col, kind, _), field in zip(cols, table.schema):
                values = table.column(col).to_pylist()
                text = [r[headers[name].index(col)] for r in rows]
                if kind == "decimal":
                    assert field.type == pa.decimal128(gongkai.DECIMAL_PRECISION, gongkai.DECIMAL_SCALE)
                    assert values == [Decimal(t) if t else None for t in text], (name, col)
                    # Exact: the decimal prints back to the CSV's figure (scale aside).
                    assert all(v is None or v == Decimal(t) for v, t in zip(frames[name][col], text))
                elif kind == "int":
                    assert field.type == pa.int32()
                    assert values == [int(t) if t else None for t in text], (name, col)
                elif kind == "float":
                    assert field.type == pa.float64() and col.startswith("bbox_")
                    assert values == [float(t) if t else None for t in text], (name, col)
                else:
                    assert field.type == pa.string()
                    assert values == text
            seen += len(rows)
    assert seen > 1000


def test_amounts_are_exact_decimals():
    doc = gongkai.extract(gongkai_sample("budget-2024-central-statistics.pdf"))
    t = gongkai.long_tables(doc)["budget.summary"]
    assert pa.types.is_decimal(t.schema.field("yuan").type)
    yuan = [v for v in t.column("yuan").to_pylist() if v is not None]
    assert yuan and all(isinstance(v, Decimal) for v in yuan)
    # 821.85 万元 printed in the 收支总表 is exactly 8,218,500.00 yuan.
    assert Decimal("8218500.00") in yuan


def gongkai_sample(name):
    from conftest import SAMPLES

    return SAMPLES / name


def test_amount_rows_carry_header_precision_and_box():
    """Audit findings 2 and 5: a long-table amount has its column's printed header, its
    printed precision and its box on the page, as the document JSON has them. The page:
    普陀 2024 决算 收入支出决算总表 (万元), 一般公共预算财政拨款收入 2,940.05, which
    `pdftotext -bbox` puts at x 256.4–294.9, y 288.6–309.1 on page 1."""
    doc = gongkai.extract(gongkai_sample("real/putuo-final-2024-p6.pdf"), ocr=False)
    t = gongkai.long_tables(doc)["final.summary"]
    assert t.schema.field("header").type == pa.string()
    assert pa.types.is_decimal(t.schema.field("resolution_yuan").type)
    for side in ("bbox_x0", "bbox_top", "bbox_x1", "bbox_bottom"):
        assert t.schema.field(side).type == pa.float64()
    assert t.schema == gongkai.long_table_schema("final.summary")
    rows = [r for r in t.to_pylist() if r["name"] == "一、一般公共预算财政拨款收入"]
    assert len(rows) == 1, rows
    r = rows[0]
    assert (r["yuan"], r["raw"], r["page"]) == (Decimal("29400500.00"), "2,940.05", 1)
    # The page prints 收入 over 项目 | 决算数 and 支出 over 项目 | 决算数: an income row's amount
    # is under 收入/决算数.
    assert r["header"] == "收入/决算数"
    # Printed to 0.01 万元: 100 yuan.
    assert r["resolution_yuan"] == Decimal("100")
    assert r["bbox_x0"] <= 256.4 and r["bbox_x1"] >= 294.8
    assert r["bbox_top"] <= 299 <= r["bbox_bottom"]
    assert r["bbox_x1"] - r["bbox_x0"] < 100 and r["bbox_bottom"] - r["bbox_top"] < 30
