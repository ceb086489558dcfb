"""`gongkai.distributed` on a local Dask cluster of 2 worker processes over `samples/`
(broken files included): the same documents and rows as `gongkai extract`, failures as
rows, and a re-run that skips what is done."""

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import SAMPLES

distributed = pytest.importorskip("distributed")
from gongkai import distributed as gd  # noqa: E402


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as c:
            yield c


def snapshot(root: Path):
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}


def sort_rows(rows):
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str, ensure_ascii=False))


def test_the_job_writes_what_the_cli_writes(client, cli_samples, tmp_path):
    out_cli, report = cli_samples
    out = tmp_path / "dataset"
    summary = gd.run(str(SAMPLES), str(out), client=client)
    entries = {e["document"]: e for e in summary.entries}
    assert set(entries) == {e["document"] for e in report["entries"]}
    for e in report["entries"]:
        mine = entries[e["document"]]
        assert mine["status"] == e["status"], e["document"]
        assert mine["sha256"] == e["sha256"]
        if e["status"] == "ok":
            # The per-document JSON: the CLI's bytes.
            assert (out / "documents" / f"{e['sha256']}.json").read_bytes() == (out_cli / f"{e['name']}.json").read_bytes()
    # A broken file is a row of the failures table, with the CLI's kind and reason.
    failures = gd.read_table(str(out), "failures").to_pylist()
    expected = [
        {"document": e["document"], "error_kind": e["error_kind"], "error": e["error"], "sha256": e["sha256"]}
        for e in report["entries"]
        if e["status"] == "failed"
    ]
    assert len(expected) == 9
    assert sort_rows([{k: f[k] for k in ("document", "error_kind", "error", "sha256")} for f in failures]) == sort_rows(expected)
    # Every long table: the same rows as the CLI's Parquet (and so its CSV).
    tables = sorted(p.stem for p in (out_cli / "parquet").glob("*.parquet"))
    assert tables == sorted(p.name for p in (out / "tables").iterdir())
    for table in tables:
        cli_rows = pq.read_table(out_cli / "parquet" / f"{table}.parquet").to_pylist()
        job_rows = gd.read_table(str(out), table).to_pylist()
        assert sort_rows(job_rows) == sort_rows(cli_rows), table

    # Re-running skips every document by its content hash and rewrites nothing.
    before = snapshot(out)
    again = gd.run(str(SAMPLES), str(out), client=client)
    assert again.count("skipped") == len(again.entries)
    assert {e["document"] for e in again.failed} == {e["document"] for e in expected}
    assert snapshot(out) == before

    # A document whose outputs were not finished (no done marker) is done again, alone.
    sha = next(e["sha256"] for e in report["entries"] if e["document"] == "real/putuo-final-2024-p6.pdf")
    (out / "_done" / f"{sha}.json").unlink()
    third = gd.run(str(SAMPLES), str(out), client=client)
    assert [e["document"] for e in third.entries if e["status"] != "skipped"] == ["real/putuo-final-2024-p6.pdf"]
    assert {p: b for p, (b, _) in snapshot(out).items()} == {p: b for p, (b, _) in before.items()}


def test_listing_names_documents_as_the_cli_does(tmp_path):
    (tmp_path / "a").mkdir()
    for f in ["x.pdf", "a/x.PDF", "a/notes.txt"]:
        (tmp_path / f).write_bytes(b"%PDF-")
    assert [d for _, d in gd.listing(str(tmp_path))] == ["a/x.PDF", "x.pdf"]
    assert [d for _, d in gd.listing(str(tmp_path / "a" / "*.PDF"))] == ["x.PDF"]
    assert [d for _, d in gd.listing([str(tmp_path / "a" / "x.PDF")])] == ["x.PDF"]
