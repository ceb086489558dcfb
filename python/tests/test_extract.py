"""`gongkai.extract` against the CLI: the same document, errors of the same kinds."""

import json
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import gongkai
from gongkai import errors
from conftest import ROOT, SAMPLES


def test_every_sample_equals_the_cli_document_json(cli_samples):
    out, report = cli_samples
    ok = [e for e in report["entries"] if e["status"] == "ok"]
    # Every sample PDF, the real pages and the recoverable broken files went through.
    assert len(ok) >= len(list(SAMPLES.glob("*.pdf"))) + len(list((SAMPLES / "real").glob("*.pdf")))
    for e in ok:
        cli_doc = json.loads((out / f"{e['name']}.json").read_text(encoding="utf-8"))
        # The batch names a document by its path below the input root (`real/x.pdf`):
        # the only difference from a call on the file, which names it by its file name.
        path = ROOT / e["input"]
        if e["document"] == path.name:
            assert gongkai.extract(path) == cli_doc, e["input"]
        else:
            assert gongkai.extract(path, name=e["document"]) == cli_doc, e["input"]


def test_bytes_give_the_same_document(cli_samples):
    out, _ = cli_samples
    path = SAMPLES / "budget-2024-central-statistics.pdf"
    cli_doc = json.loads((out / "budget-2024-central-statistics.json").read_text(encoding="utf-8"))
    assert gongkai.extract(path.read_bytes(), name=path.name) == cli_doc
    assert gongkai.extract(bytearray(path.read_bytes()), name=path.name) == cli_doc
    assert gongkai.extract(path.read_bytes())["source"]["file"] == ""


def test_broken_files_raise_the_cli_error_kind(cli_samples):
    _, report = cli_samples
    failed = [e for e in report["entries"] if e["status"] == "failed"]
    expected = dict(
        line.split("\t")
        for line in (SAMPLES / "bad" / "EXPECTED.tsv").read_text().splitlines()[1:]
    )
    assert {e["document"].split("/")[-1] for e in failed} == set(expected)
    for e in failed:
        path = ROOT / e["input"]
        with pytest.raises(errors.GongkaiError) as info:
            gongkai.extract(path)
        err = info.value
        assert err.kind == e["error_kind"] == expected[path.name]
        assert type(err) is errors.BY_KIND[e["error_kind"]]
        assert str(err) == f"{path}: {e['error']}"
        with pytest.raises(errors.BY_KIND[e["error_kind"]]):
            gongkai.extract(path.read_bytes(), name=path.name)


def test_error_classes_are_named_after_the_kinds():
    for kind, cls in errors.BY_KIND.items():
        assert cls.kind == kind
        assert cls.__name__ == "".join(p.capitalize() for p in kind.split("_"))
        assert issubclass(cls, gongkai.GongkaiError)
    assert issubclass(errors.Io, OSError) and issubclass(errors.Timeout, TimeoutError)


def test_missing_file_is_an_io_error(tmp_path):
    with pytest.raises(errors.Io) as info:
        gongkai.extract(tmp_path / "missing.pdf")
    assert info.value.kind == "io"
    assert isinstance(info.value, FileNotFoundError) is False  # an OSError, not errno-typed


def test_password_opens_an_encrypted_file():
    path = SAMPLES / "bad" / "encrypted-password.pdf"
    with pytest.raises(errors.WrongPassword):
        gongkai.extract(path, password="not-it")


def test_ocr_off_leaves_a_scan_unread():
    doc = gongkai.extract(SAMPLES / "budget-2024-central-statistics-scan.pdf", ocr=False)
    assert doc["pages"] and all(p["needs_ocr"] for p in doc["pages"])
    assert doc["tables"] == []


def test_bad_timeout_is_a_value_error():
    with pytest.raises(ValueError):
        gongkai.extract(SAMPLES / "budget-2024-central-statistics.pdf", timeout=-1)


def test_threads_give_the_same_documents():
    files = sorted(SAMPLES.glob("*.pdf"))
    files = [f for f in files if "scan" not in f.name and "ccitt" not in f.name] + sorted((SAMPLES / "real").glob("*.pdf"))
    one = [gongkai.extract(f) for f in files]
    with ThreadPoolExecutor(2) as pool:
        two = list(pool.map(gongkai.extract, files))
    assert one == two
    # One core per call (a pool of the call's own) reads the same documents.
    with ThreadPoolExecutor(2) as pool:
        single = list(pool.map(lambda f: gongkai.extract(f, threads=1), files))
    assert single == one


def test_zero_threads_is_a_value_error():
    with pytest.raises(ValueError):
        gongkai.extract(SAMPLES / "budget-2024-central-statistics.pdf", threads=0)


GIL_PROBE = """
import sys, threading, time
import gongkai

sys.setswitchinterval(0.0005)
extract = lambda: gongkai._gongkai.extract_path(sys.argv[1], None, False, "chi_sim", None, None)
extract()  # warm
base = []
for _ in range(5):
    t0 = time.perf_counter()
    extract()
    base.append(time.perf_counter() - t0)
d0 = min(base)

stop, stamps = threading.Event(), []

def spin():
    n = 0
    while not stop.is_set():
        n += 1
        if n % 50 == 0:
            stamps.append(time.perf_counter())

spinner = threading.Thread(target=spin, daemon=True)
spinner.start()
starts = []
for _ in range(5):
    starts.append(time.perf_counter())
    extract()
stop.set()
spinner.join()
# Ticks of the spinner in the middle third of each call (of its length alone): holding
# the GIL, the call leaves the spinner still from just after its start (a switch
# interval) to its end.
print([sum(1 for s in stamps if a + d0 / 3 < s < a + 2 * d0 / 3) for a in starts])
"""


def test_the_gil_is_released_while_rust_works():
    """A Python thread runs while `extract` works: the GIL is released (without that a
    second thread could not help; the speed-up itself is measured by scripts/bench).
    Holding the GIL, the call would leave a spinning thread still from just after its
    start to its end; checked in a process of its own, with a short switch interval, in
    the middle third of each call (a switch at the call's start or end, and a slow first
    call, moved the spinner inside a window measured from Python)."""
    path = str(SAMPLES / "budget-2024-central-statistics.pdf")
    p = subprocess.run([sys.executable, "-c", GIL_PROBE, path], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    inside = json.loads(p.stdout)
    assert max(inside) > 0, inside


def test_tables_equal_the_document_tables():
    path = SAMPLES / "budget-2024-central-statistics.pdf"
    doc = gongkai.extract(path)
    assert gongkai.tables(path) == doc["tables"]
    some = gongkai.tables(path, pages=[5])
    assert some and all(t["pages"] == [5] for t in some)
    assert some == [t for t in doc["tables"] if t["pages"] == [5]]


def test_tables_warn_about_unread_scans():
    with pytest.warns(gongkai.GongkaiWarning, match=re.compile("page 1: .*needs_ocr")):
        assert gongkai.tables(SAMPLES / "budget-2024-central-statistics-scan.pdf", [1], ocr=False) == []


def test_check_repeats_the_findings_and_sees_a_correction():
    doc = gongkai.extract(SAMPLES / "budget-2024-central-statistics.pdf")
    assert gongkai.check(doc) == doc["records"]["findings"]
    assert gongkai.check(doc["records"]) == doc["records"]["findings"]
    # A person "corrects" the 收支总表's 收入总计 (S1: 收入总计 = 支出总计 passed): it fails now.
    s1 = next(f for f in doc["records"]["findings"] if f["rule"] == "S1")
    assert s1["status"] == "pass"
    table = next(t for t in doc["records"]["tables"] if t["table_type"] == "budget.summary")
    row = next(r for r in table["rows"] if r["id"] == s1["row"])
    row["values"][s1["column"]]["yuan"] = "1.00"
    after = [f for f in gongkai.check(doc) if f["rule"] == "S1"]
    assert [f["status"] for f in after] == ["fail"]


def test_check_refuses_what_is_not_records():
    with pytest.raises(errors.NotRecords):
        gongkai.check({"schema": "x"})
    with pytest.raises(errors.NotRecords):
        gongkai.check([1, 2])


def test_a_path_is_named_by_its_file_name():
    path = SAMPLES / "real" / "putuo-final-2024-p6.pdf"
    assert gongkai.extract(path)["source"]["file"] == "putuo-final-2024-p6.pdf"
    assert gongkai.extract(path, name="real/putuo-final-2024-p6.pdf")["source"]["file"] == "real/putuo-final-2024-p6.pdf"
