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
        # The CLI's reason in a Python caller's words (`password=`, not `--password`).
        assert str(err) == f"{path}: {errors.python_message(e['error'])}"
        assert "--" not in str(err)
        with pytest.raises(errors.BY_KIND[e["error_kind"]]):
            gongkai.extract(path.read_bytes(), name=path.name)


def test_error_classes_are_named_after_the_kinds():
    for kind, cls in errors.BY_KIND.items():
        assert cls.kind == kind
        assert cls.__name__ == "".join(p.capitalize() for p in kind.split("_"))
        assert issubclass(cls, gongkai.GongkaiError)
    assert issubclass(errors.Io, OSError) and issubclass(errors.Timeout, TimeoutError)


def test_missing_file_is_an_io_error_and_a_file_not_found_error(tmp_path):
    missing = tmp_path / "missing.pdf"
    with pytest.raises(FileNotFoundError) as info:
        gongkai.extract(missing)
    err = info.value
    assert isinstance(err, errors.Io) and err.kind == "io"
    assert (err.errno, err.strerror, err.filename) == (2, "No such file or directory", str(missing))
    assert str(err) == f"{missing}: cannot read file: No such file or directory (os error 2)"
    with pytest.raises(IsADirectoryError):
        gongkai.extract(tmp_path)
    with pytest.raises(FileNotFoundError):
        gongkai.tables(missing)


def test_a_password_error_names_the_keyword():
    with pytest.raises(errors.PasswordRequired) as info:
        gongkai.extract(SAMPLES / "bad" / "encrypted-password.pdf")
    assert info.value.message == "password required: the file is encrypted (pass password=)"


def test_password_opens_an_encrypted_file():
    path = SAMPLES / "bad" / "encrypted-password.pdf"
    with pytest.raises(errors.WrongPassword):
        gongkai.extract(path, password="not-it")


def test_ocr_off_leaves_a_scan_unread_and_says_so():
    path = SAMPLES / "budget-2024-central-statistics-scan.pdf"
    with pytest.warns(gongkai.GongkaiWarning) as caught:
        doc = gongkai.extract(path, ocr=False)
    assert doc["pages"] and all(p["needs_ocr"] for p in doc["pages"])
    assert doc["tables"] == []
    # One warning for the document, naming its pages and why, in Python's words.
    assert [str(w.message) for w in caught] == [
        f"{path}: partial: 22 of 22 pages not read: pages 1-22: needs_ocr: OCR turned off (ocr=False)"
    ]
    entry = gongkai.report_entry(doc)
    assert (entry["status"], entry["pages"], entry["pages_need_ocr"], entry["pages_failed"]) == ("partial", 22, 22, 0)
    assert entry["page_warnings"][0] == {"page": 1, "warning": "needs_ocr: OCR turned off (--no-ocr)"}
    # The CLI says the same of it.
    with pytest.warns(gongkai.GongkaiWarning, match="^<bytes>: partial: 22 of 22"):
        gongkai.extract(path.read_bytes(), ocr=False)
    with pytest.warns(gongkai.GongkaiWarning, match="^scan.pdf: partial: 22 of 22"):
        gongkai.extract(path.read_bytes(), name="scan.pdf", ocr=False)


def test_a_scan_without_tesseract_warns(tmp_path, monkeypatch):
    """Tesseract missing (not on the PATH): the scanned pages are left unread, with a
    warning saying so, not an empty-looking document."""
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("GONGKAI_TESSERACT", raising=False)
    code = (
        "import warnings, gongkai\n"
        "warnings.simplefilter('error', gongkai.GongkaiWarning)\n"
        "try:\n"
        f"    gongkai.extract({str(SAMPLES / 'final-2024-hebei-changfeng-agri-ccitt-p5.pdf')!r})\n"
        "except gongkai.GongkaiWarning as w:\n"
        "    print(w)\n"
    )
    # A process of its own: Tesseract's availability is probed once per process.
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert re.fullmatch(
        r".*/final-2024-hebei-changfeng-agri-ccitt-p5\.pdf: partial: 1 of 1 pages not read: "
        r"page 1: needs_ocr: .*tesseract.*\n",
        p.stdout,
    ), p.stdout


def test_report_entry_is_the_cli_entry(cli_samples):
    """`report_entry` of every sample's document (as `gongkai extract` wrote it) says
    what its entry in `report.json` says."""
    out, report = cli_samples
    keys = ["document", "sha256", "pages", "status", "pages_ocr", "pages_need_ocr", "pages_failed",
            "page_warnings", "failed_checks", "failed_arithmetic", "suspect_checks", "accounting"]
    defaults = {"page_warnings": [], "suspect_checks": 0}
    seen = set()
    for e in report["entries"]:
        if e["status"] == "failed":
            continue
        doc = json.loads((out / f"{e['name']}.json").read_text(encoding="utf-8"))
        mine = gongkai.report_entry(doc)
        assert {k: mine[k] for k in keys} == {k: e.get(k, defaults.get(k)) for k in keys}, e["document"]
        seen.add(e["status"])
        seen.update(k for k in ("pages_failed", "suspect_checks", "failed_checks") if e.get(k))
    # The samples hold documents of each kind the entry tells apart.
    assert {"ok", "failed_checks"} <= seen
    with pytest.raises(errors.NotRecords):
        gongkai.report_entry({"schema": "x"})


def test_extract_has_the_cli_default_timeout():
    import inspect

    assert inspect.signature(gongkai.extract).parameters["timeout"].default == 300 == gongkai.DEFAULT_TIMEOUT
    with pytest.raises(errors.Timeout, match=r"timed out after 0 s \(timeout=\)"):
        gongkai.extract(SAMPLES / "budget-2024-central-statistics.pdf", timeout=1e-9)


def test_amounts_are_exact_decimal_strings():
    """The README's recipe: an amount of the dict is a string, `Decimal` of it exact."""
    from decimal import Decimal

    doc = gongkai.extract(SAMPLES / "budget-2024-central-statistics.pdf")
    table = next(t for t in doc["records"]["tables"] if t["table_type"] == "budget.summary")
    values = [v for r in table["rows"] for v in r["values"].values() if v and v.get("yuan")]
    assert values and all(isinstance(v["yuan"], str) for v in values)
    assert all(Decimal(v["yuan"]) == Decimal(v["yuan"]).quantize(Decimal("0.01")) for v in values)


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


def test_tables_refuse_a_page_past_the_last():
    path = SAMPLES / "budget-2024-central-statistics.pdf"
    with pytest.raises(errors.PageOutOfRange) as info:
        gongkai.tables(path, pages=[99, 5, 23])
    assert str(info.value) == f"{path}: page 99 out of range: the document has 22 pages"
    assert isinstance(info.value, IndexError)
    assert gongkai.tables(path, pages=[]) == []


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


FORKED_POOL = """
import multiprocessing, sys
import gongkai

def pages(f):
    return gongkai.extract(f)["source"]["pages"]

if __name__ == "__main__":
    files = sys.argv[1:]
    first = pages(files[0])          # the parent uses the shared pool first
    with multiprocessing.get_context("fork").Pool(2) as pool:
        print(first, pool.map(pages, files))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="fork is the default start method on Linux")
def test_a_forked_process_pool_after_a_call_in_the_parent_does_not_hang(tmp_path):
    # A child forked after the parent used rayon's shared pool inherits the pool without
    # its threads: extract() there waited for ever (multiprocessing.Pool, ProcessPoolExecutor).
    script = tmp_path / "forked.py"
    script.write_text(FORKED_POOL)
    files = [SAMPLES / "real" / "camelot-foo.pdf", SAMPLES / "real" / "putuo-final-2024-p6-7.pdf"]
    p = subprocess.run(
        [sys.executable, str(script), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["1", "[1,", "2]"]
