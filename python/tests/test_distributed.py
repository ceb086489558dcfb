"""`gongkai.distributed` on a local Dask cluster of 2 worker processes over `samples/`
(broken files included): the same documents and rows as `gongkai extract`, failures as
rows, and a re-run that skips what is done; after a folder changed (a file changed, one
deleted, one fixed, one copied under a second name) the dataset holds what a fresh run
over the folder gives, byte for byte, and what `gongkai extract` gives; the CLI's rule
for redoing a document."""

import json
import shutil
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import gongkai
from conftest import SAMPLES
from gongkai.errors import python_message

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
            part = gd.part_of(e["document"], e["sha256"])
            assert (out / "documents" / f"{part}.json").read_bytes() == (out_cli / f"{e['name']}.json").read_bytes()
    # A broken file is a row of the failures table, with the CLI's kind and reason.
    failures = gd.read_table(str(out), "failures").to_pylist()
    # The reason in a Python caller's words (`pass password=`, as `run` takes it).
    expected = [
        {"document": e["document"], "error_kind": e["error_kind"], "error": python_message(e["error"]), "sha256": e["sha256"]}
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
    assert again.removed == [] and again.removed_files == 0
    assert snapshot(out) == before

    # A document whose outputs were not finished (no done marker) is done again, alone.
    sha = next(e["sha256"] for e in report["entries"] if e["document"] == "real/putuo-final-2024-p6.pdf")
    (out / "_done" / f"{gd.part_of('real/putuo-final-2024-p6.pdf', sha)}.json").unlink()
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
    # Two files of one name given by name: the later (in path order) is `x.pdf~2`, as in
    # the CLI; a file given twice is one document.
    b = str(tmp_path / "b.pdf")
    x, ax = str(tmp_path / "x.pdf"), str(tmp_path / "a" / "x.pdf")
    assert gd.listing([x, ax, x, b]) == [(ax, "x.pdf"), (b, "b.pdf"), (x, "x.pdf~2")]
    # A folder that is not there (a share not mounted) is an error, not an empty listing
    # that would empty the dataset; a missing `.pdf` given by name is listed (and fails).
    with pytest.raises(FileNotFoundError):
        gd.listing(str(tmp_path / "gone"))
    with pytest.raises(FileNotFoundError):
        gd.listing(str(tmp_path / "gone" / "*.pdf"))
    assert gd.listing(str(tmp_path / "gone.pdf")) == [(str(tmp_path / "gone.pdf"), "gone.pdf")]
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="no PDF"):
        gd.listing(str(tmp_path / "empty"))


def test_listing_follows_folder_links_as_the_cli_does(tmp_path):
    """Linked year folders are searched (each real folder once), a file reached twice is
    one document (the first in path order), `._x.pdf` is none — as `gongkai extract`."""
    (tmp_path / "store" / "2019").mkdir(parents=True)
    (tmp_path / "in").mkdir()
    for f in ["store/2019/a.pdf", "in/b.pdf", "in/._b.pdf"]:
        (tmp_path / f).write_bytes(b"%PDF-")
    (tmp_path / "in" / "2019").symlink_to(tmp_path / "store" / "2019")
    (tmp_path / "in" / "c.pdf").symlink_to(tmp_path / "store" / "2019" / "a.pdf")
    (tmp_path / "store" / "2019" / "up").symlink_to(tmp_path / "in")
    assert [d for _, d in gd.listing(str(tmp_path / "in"))] == ["2019/a.pdf", "b.pdf"]


def cli_extract(cli, inputs, out):
    p = subprocess.run([str(cli), "extract", "-q", "-j", "1", str(inputs), "-o", str(out)], capture_output=True, text=True)
    assert p.returncode in (0, 1), p.stderr
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def dataset_files(root: Path):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_dataset_follows_the_folder(client, cli, tmp_path):
    """F10: a file changed, one deleted, one fixed and one copied under a second name: the
    dataset holds exactly the documents of the folder now — the same bytes as a fresh
    run over it, the same documents, rows and failures as `gongkai extract` —, the run
    names the document gone, and `read_table` counts nothing twice."""
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    real = SAMPLES / "real"
    for f in ["putuo-final-2024-p6.pdf", "jiangsu-court-2019-p13.pdf", "tianbao-2023-p29.pdf"]:
        shutil.copy(real / f, src / f)
    (src / "broken.pdf").write_bytes(b"this is not a pdf")
    out = tmp_path / "ds"
    first = gd.run(str(src), str(out), client=client)
    assert [(e["document"], e["status"]) for e in first.entries] == [
        ("broken.pdf", "failed"),
        ("jiangsu-court-2019-p13.pdf", "ok"),
        ("putuo-final-2024-p6.pdf", "ok"),
        ("tianbao-2023-p29.pdf", "ok"),
    ]
    old = gd.read_table(str(out), "final.summary").to_pylist()
    assert {r["file"] for r in old} == {"putuo-final-2024-p6.pdf"}

    # The department re-published a page, a file was withdrawn, the broken one fixed, one
    # copied under a second name.
    shutil.copy(real / "putuo-final-2024-p6-7.pdf", src / "putuo-final-2024-p6.pdf")
    (src / "jiangsu-court-2019-p13.pdf").unlink()
    shutil.copy(real / "jiangsu-court-2018-p11.pdf", src / "broken.pdf")
    shutil.copy(real / "tianbao-2023-p29.pdf", src / "sub" / "copy.pdf")
    second = gd.run(str(src), str(out), client=client)
    assert [(e["document"], e["status"]) for e in second.entries] == [
        ("broken.pdf", "ok"),
        ("putuo-final-2024-p6.pdf", "ok"),
        ("sub/copy.pdf", "ok"),
        ("tianbao-2023-p29.pdf", "skipped"),
    ]
    sha = next(e["sha256"] for e in first.entries if e["document"] == "jiangsu-court-2019-p13.pdf")
    assert second.removed == [{"document": "jiangsu-court-2019-p13.pdf", "sha256": sha}]
    # The old putuo page's JSON and 5 tables, the jiangsu page's JSON, marker and tables,
    # the broken file's failure and marker: nothing of them is left.
    assert second.removed_files > 0

    # A fresh run over the folder as it is now gives the same files, byte for byte.
    fresh = tmp_path / "fresh"
    gd.run(str(src), str(fresh), client=client)
    assert dataset_files(out) == dataset_files(fresh)

    # And `gongkai extract` the same documents, rows and failures.
    report = cli_extract(cli, src, tmp_path / "cli")
    assert [(d["document"], d["sha256"], d["status"]) for d in gd.manifest(str(out))] == sorted(
        (e["document"], e["sha256"], e["status"]) for e in report["entries"]
    )
    tables = sorted(p.stem for p in (tmp_path / "cli" / "parquet").glob("*.parquet"))
    assert tables == sorted(p.name for p in (out / "tables").iterdir())
    for table in tables:
        cli_rows = pq.read_table(tmp_path / "cli" / "parquet" / f"{table}.parquet").to_pylist()
        assert sort_rows(gd.read_table(str(out), table).to_pylist()) == sort_rows(cli_rows), table
    new = gd.read_table(str(out), "final.summary").to_pylist()
    assert len(new) == len(pq.read_table(tmp_path / "cli" / "parquet" / "final.summary.parquet").to_pylist()) != len(old)
    assert gd.read_table(str(out), "failures").num_rows == 0
    # One content under two names: two documents, as in the CLI.
    files = {r["file"] for r in gd.read_table(str(out), "findings").to_pylist()}
    assert {"tianbao-2023-p29.pdf", "sub/copy.pdf"} <= files and "jiangsu-court-2019-p13.pdf" not in files

    # A table no document has: empty, with its schema; a name that is no table: an error.
    absent = next(t for t in gongkai.LONG_TABLES if t not in tables)
    empty = gd.read_table(str(out), absent)
    assert empty.num_rows == 0 and empty.schema == gongkai.long_table_schema(absent)
    with pytest.raises(ValueError):
        gd.read_table(str(out), "budget.sumary")

    # The input folder is not there tonight: nothing is run and nothing removed.
    before = dataset_files(out)
    with pytest.raises(FileNotFoundError):
        gd.run(str(tmp_path / "not-mounted"), str(out), client=client)
    assert dataset_files(out) == before


def test_failures_outside_the_file_are_retried(client, tmp_path):
    """F11: a document that needed a password, timed out, or had scanned pages left
    unread is done again when that could change (the CLI's rule); a broken file is not."""
    src = tmp_path / "in"
    src.mkdir()
    for f in ["bad/encrypted-password.pdf", "bad/corrupt-xref.pdf", "real/camelot-foo.pdf",
              "final-2024-hebei-changfeng-agri-ccitt-p5.pdf"]:
        shutil.copy(SAMPLES / f, src / Path(f).name)
    out = str(tmp_path / "ds")

    def outcomes(summary):
        return {e["document"]: (e["status"], e["error_kind"], e["redo"]) for e in summary.entries}

    first = gd.run(str(src), out, client=client, ocr=False, timeout=1e-9)
    assert outcomes(first) == {
        "camelot-foo.pdf": ("failed", "timeout", None),
        "corrupt-xref.pdf": ("failed", "corrupt", None),
        "encrypted-password.pdf": ("failed", "password_required", None),
        "final-2024-hebei-changfeng-agri-ccitt-p5.pdf": ("failed", "timeout", None),
    }
    second = gd.run(str(src), out, client=client, ocr=False)
    assert outcomes(second) == {
        "camelot-foo.pdf": ("ok", None, "timed out last time"),
        "corrupt-xref.pdf": ("skipped", "corrupt", None),
        "encrypted-password.pdf": ("skipped", "password_required", None),
        "final-2024-hebei-changfeng-agri-ccitt-p5.pdf": ("partial", None, "timed out last time"),
    }
    assert [e["document"] for e in second.partial] == ["final-2024-hebei-changfeng-agri-ccitt-p5.pdf"]
    third = gd.run(str(src), out, client=client, ocr=False, password="secret")
    assert outcomes(third)["encrypted-password.pdf"] == ("ok", None, "a password is given now")
    assert third.count("skipped") == 3
    # The failure row of the document now read is gone.
    assert gd.read_table(out, "failures").column("document").to_pylist() == ["corrupt-xref.pdf"]
    if gd.run_options({"ocr": True})["ocr_available"]:
        fourth = gd.run(str(src), out, client=client, password="secret")
        assert outcomes(fourth)["final-2024-hebei-changfeng-agri-ccitt-p5.pdf"] == ("ok", None, "OCR is possible now")
        assert fourth.count("skipped") == 3


def test_redo_is_the_clis_rule():
    now = {"password": False, "ocr": "chi_sim", "ocr_available": True, "timeout_s": 300.0}
    then = dict(now)
    done = {"version": gongkai.__version__, "options": then, "status": "ok", "pages_ocr": 0, "pages_need_ocr": 0}

    def why(**changes):
        return gd.redo({**done, **changes}, now)

    assert why() is None
    assert why(version="0.0.0") == "changed"
    assert why(options=None) == "state of an older build"
    for kind in gd.INTRINSIC:
        assert why(status="failed", error_kind=kind) is None
    assert why(status="failed", error_kind="timeout") == "timed out last time"
    assert why(status="failed", error_kind="io") == why(status="failed", error_kind="write") == "failed last time"
    assert why(status="failed", error_kind="password_required") is None
    assert gd.redo({**done, "status": "failed", "error_kind": "password_required"}, {**now, "password": True}) == "a password is given now"
    assert why(status="partial", pages_need_ocr=2) == "OCR is possible now"
    # Tesseract still missing: the same outcome again, nothing to redo.
    missing = {**now, "ocr_available": False}
    assert gd.redo({**done, "status": "partial", "pages_need_ocr": 2, "options": missing}, missing) is None
    assert gd.redo({**done, "status": "partial", "pages_need_ocr": 2}, missing) == "OCR setting changed"
    assert why(pages_ocr=1, options={**then, "ocr": "chi_sim+eng"}) == "OCR setting changed"
    # A changed time limit alone, or an OCR change on a document without scans: nothing.
    assert why(options={**then, "timeout_s": 10.0}) is None
    assert why(options={**then, "ocr": None}) is None


def test_a_direct_reader_sees_the_manifests_documents(client, tmp_path):
    """Audit finding 1: while a run is in progress, or after it was killed, a reader of
    ``tables/<table>/`` (pyarrow.dataset, dd.read_parquet, Spark) sees exactly the rows
    of the manifest, never a changed file's old and new version together; ``_SUCCESS``
    names the folder's files whenever it is consistent."""
    import pyarrow.dataset as pads

    src = tmp_path / "in"
    src.mkdir()
    real = SAMPLES / "real"
    for f in ["putuo-final-2024-p6.pdf", "tianbao-2023-p29.pdf"]:
        shutil.copy(real / f, src / f)
    out = tmp_path / "ds"
    gd.run(str(src), str(out), client=client)

    def direct(table):
        return sort_rows(pads.dataset(str(out / "tables" / table), format="parquet").to_table().to_pylist())

    def success(table):
        return (out / "tables" / table / gd.SUCCESS).read_text(encoding="utf-8").split()

    before = sort_rows(gd.read_table(str(out), "final.summary").to_pylist())
    assert before and direct("final.summary") == before
    assert success("final.summary") == sorted(p.name for p in (out / "tables" / "final.summary").glob("*.parquet"))

    # The file changes; a worker redoes it and the run is killed before it commits.
    shutil.copy(real / "putuo-final-2024-p6-7.pdf", src / "putuo-final-2024-p6.pdf")
    url = str(src / "putuo-final-2024-p6.pdf")
    entry = gd.process(url, "putuo-final-2024-p6.pdf", str(out), {"ocr": False})
    assert entry["status"] == "ok" and entry["redo"] is None
    for table in entry["tables"]:
        assert direct(table) == sort_rows(gd.read_table(str(out), table).to_pylist()), table
    assert direct("final.summary") == before
    assert success("final.summary") == sorted(p.name for p in (out / "tables" / "final.summary").glob("*.parquet"))

    # The next run commits the staged part (it does not redo it) and the folder follows.
    second = gd.run(str(src), str(out), client=client, ocr=False)
    assert {e["document"]: e["status"] for e in second.entries}["putuo-final-2024-p6.pdf"] == "skipped"
    after = sort_rows(gd.read_table(str(out), "final.summary").to_pylist())
    assert after != before and direct("final.summary") == after
    assert success("final.summary") == sorted(p.name for p in (out / "tables" / "final.summary").glob("*.parquet"))
    assert not (out / gd.STAGING).exists()


def test_the_readme_dask_block_runs_as_a_script():
    """Audit finding 6: Dask's workers are new processes, so the README's block, saved as
    a script, must start its cluster under ``if __name__ == "__main__":``; and the README
    gives the install command of the package's Dask extra."""
    import ast
    import re
    import tomllib

    readme = (SAMPLES.parent / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    block = next(b for b in blocks if "LocalCluster(" in b and "from gongkai.distributed" in b)
    tree = ast.parse(block)
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        assert isinstance(node, ast.If) and ast.unparse(node.test) == "__name__ == '__main__'", ast.unparse(node)
    extras = tomllib.loads((SAMPLES.parent / "python" / "pyproject.toml").read_text(encoding="utf-8"))
    assert "dask" in extras["project"]["optional-dependencies"]
    assert 'pip install "./python[dask]"' in readme
