"""Extract a listing of PDFs on a Dask cluster into a dataset: per-document JSON, the long
tables as partitioned Parquet, and a failures table.

Dask distributed is the engine because it is the lightest of the three that scale past
one machine: a pure-Python ``pip install`` (no JVM as Spark, no object store or raylet as
Ray), a ``LocalCluster`` of worker processes for tests and laptops, and the same code on
a real cluster (``dask-scheduler`` / ``dask-worker``, Kubernetes, YARN, SLURM via
dask-jobqueue) by passing another ``Client``. The work per task is one call to Rust with
the GIL released; Dask only moves URLs and small status dicts, never documents.

Inputs and outputs are fsspec URLs, so a listing can be a local folder, ``s3://bucket/
prefix`` or ``gs://…`` (with s3fs / gcsfs installed on the workers), and so can the output.

Layout of ``out`` (every file written whole; ``<part>`` is ``<sha256>-<16 hex>``, the
document's content hash and a hash of its name, so a file copied under a second name is
a second document, as in ``gongkai extract``):

* ``documents/<part>.json`` — the document JSON, the same bytes as ``gongkai extract``'s
  ``OUT/<name>.json`` for a document of the same name;
* ``tables/<table>/<part>.parquet`` — the document's rows of each long table (the
  schema of ``gongkai extract``'s ``parquet/``, see the README): one dataset per table,
  partitioned by document;
* ``failures/<part>.parquet`` — one row per file that could not be read: ``document``,
  ``url``, ``sha256``, ``error_kind`` (the CLI's kinds), ``error``, ``version``;
* ``_staging/…`` — where a run writes a document's outputs (``_staging/documents/``,
  ``_staging/failures/``, ``_staging/tables/<table>/``) until it commits: a name that
  starts with ``_``, which pyarrow, Dask and Spark skip, so a run in progress or killed
  never shows a reader of ``tables/<table>/`` a document the manifest does not list;
* ``_done/<part>.json`` — written once a document's outputs are staged: its outcome
  and the options it was done under. A re-run skips a document whose part is done,
  unless the CLI's rule (:func:`redo`, ``gongkai::batch::redo``) says its outcome could
  change (a timeout, a password given now, OCR possible now, …): a killed job resumes;
* ``_manifest.json`` — written last, in one piece, by :func:`run`: every document of the
  listing (``document``, ``url``, ``sha256``, ``part``, ``status``, ``error_kind``,
  ``tables``). :func:`read_table` reads only the parts it lists;
* ``tables/<table>/_SUCCESS``, ``failures/_SUCCESS`` (and ``documents/_SUCCESS``) — the
  file names the folder holds, one a line, present only while the folder holds exactly
  the documents of the manifest.

A run commits in this order: every folder that is to change loses its ``_SUCCESS``; the
staged outputs of the listed documents move into place; the manifest is written; every
file it does not list is removed (the old version of a changed file, a deleted file, the
failure of a file since fixed, what a killed run staged); each folder gets its
``_SUCCESS``. The run names the documents gone (:attr:`Summary.removed`). A direct reader
of ``tables/<table>/`` (``pyarrow.dataset``, ``dd.read_parquet``, Spark) therefore reads
the folder when its ``_SUCCESS`` is there (and reads it again if ``_SUCCESS`` changed
meanwhile), or reads exactly the files ``_SUCCESS`` names; :func:`read_table` needs
neither, as it reads the parts of the manifest.
  After a run the dataset holds exactly the documents of its listing, as ``gongkai
  extract``'s outputs do, and the same files give the same bytes.

>>> from dask.distributed import Client, LocalCluster                # doctest: +SKIP
>>> from gongkai.distributed import run                              # doctest: +SKIP
>>> with LocalCluster(n_workers=2, threads_per_worker=1) as c, Client(c) as client:
...     summary = run("samples/", "dataset/", client=client)         # doctest: +SKIP
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import posixpath
import subprocess
import uuid
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from . import DEFAULT_OCR_LANG, DEFAULT_TIMEOUT, __version__, _gongkai, _page_problems, long_table_schema
from .errors import GongkaiError

FAILURE_COLUMNS = ("document", "url", "sha256", "error_kind", "error", "version")

#: The manifest of the dataset: the documents of the last finished run.
MANIFEST = "_manifest.json"

#: Where a run writes outputs until it commits (skipped by dataset readers: leading ``_``).
STAGING = "_staging"

#: The marker of a folder that holds exactly the documents of the manifest: the names of
#: its files, one a line (Spark's and Hadoop's ``_SUCCESS``).
SUCCESS = "_SUCCESS"

#: The manifest's ``schema``.
MANIFEST_SCHEMA = "gongkai.dataset/1"

#: Failure kinds that are a property of the file itself (``gongkai::batch::redo``): the
#: same bytes fail the same way under the same version, so they are not tried again.
INTRINSIC = (
    "empty",
    "not_pdf",
    "too_large",
    "unsupported_encryption",
    "corrupt",
    "page_tree",
    "no_pages",
    "page_out_of_range",
    "huge_page",
    "broken_content",
    "limit_exceeded",
    "panic",
)


@dataclass
class Summary:
    """What a run did: one entry per listed file, in listing order (``document``,
    ``url``, ``sha256``, ``part``, ``status`` — ``ok``, ``partial``, ``failed`` or
    ``skipped`` (done before, outcome unchanged) —, ``outcome`` — the document's status
    in the dataset: ``ok``, ``partial`` (some pages not read: see the README) or
    ``failed`` —, ``error_kind``, ``error``, ``tables`` (the long tables it has rows
    in) and ``redo``, why a document seen before was done again); ``removed``, the
    documents of the previous manifest no longer listed (``document``, ``sha256``),
    whose outputs the run removed; ``removed_files``, how many files it removed (those
    documents' and stale parts: old versions of changed files, failures since fixed)."""

    entries: List[Dict[str, Any]] = field(default_factory=list)
    removed: List[Dict[str, str]] = field(default_factory=list)
    removed_files: int = 0

    def count(self, status: str) -> int:
        """Entries with this status."""
        return sum(1 for e in self.entries if e["status"] == status)

    @property
    def failed(self) -> List[Dict[str, Any]]:
        """The files that could not be read (this run's and earlier runs')."""
        return [e for e in self.entries if e["outcome"] == "failed"]

    @property
    def partial(self) -> List[Dict[str, Any]]:
        """The documents of which some pages were not read (this run's and earlier)."""
        return [e for e in self.entries if e["outcome"] == "partial"]


def part_of(document: str, sha256: str) -> str:
    """The key of a document's outputs: its content hash (``unread`` when its bytes could
    not be read) and 16 hex digits of the hash of its name."""
    name = hashlib.sha256(document.encode("utf-8")).hexdigest()[:16]
    return f"{sha256 or 'unread'}-{name}"


def listing(
    source: Union[str, Sequence[str]], storage_options: Optional[Dict[str, Any]] = None
) -> List[Tuple[str, str]]:
    """The PDFs of ``source`` as ``(url, document)``, sorted by URL, named as ``gongkai
    extract`` names them: below a folder (or a glob's leading folders) by their
    ``/``-separated path relative to it, a file given by name by its file name; a name
    met twice gets ``~2``, ``~3`` (in URL order). ``source`` is a folder or glob URL, or
    a list of file URLs. On a local disk, as in the CLI, links to folders are followed
    (each real folder once), one file reached twice (a link to a file also listed) is one
    document, the first in URL order, and ``._x.pdf`` (a Mac copy's resource fork) is
    not a document.

    Raises :class:`FileNotFoundError` for a folder or glob that finds nothing (a share
    not mounted tonight must not empty the dataset) and :class:`ValueError` when the
    listing holds no PDF; a missing ``….pdf`` given by name is listed (and fails)."""
    storage_options = storage_options or {}
    if not isinstance(source, str):
        found = [(url, posixpath.basename(url.rstrip("/"))) for url in source]
    else:
        found = _list_one(source, storage_options)
    if not found:
        raise ValueError(f"no PDF found in {source!r}")
    found = sorted(set(found))
    out, seen, taken = [], set(), {}
    for url, document in found:
        real = os.path.realpath(url) if "://" not in url else url
        if real in seen:
            continue
        seen.add(real)
        taken[document] = taken.get(document, 0) + 1
        out.append((url, document if taken[document] == 1 else f"{document}~{taken[document]}"))
    return out


def _list_one(source: str, storage_options: Dict[str, Any]) -> List[Tuple[str, str]]:
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(source, **storage_options)
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]

    def url_of(path: str) -> str:
        return path if protocol in ("file", "local") else f"{protocol}://{path}"

    if any(ch in root for ch in "*?["):
        base = root.split("*")[0].split("?")[0].split("[")[0]
        base = base if base.endswith("/") else posixpath.dirname(base) + "/"
        matched = fs.glob(root)
        if not matched:
            raise FileNotFoundError(f"{source}: no file matches")
        paths = [p for p in matched if p.lower().endswith(".pdf")]
        return [(url_of(p), posixpath.relpath(p, base)) for p in paths]
    if fs.isdir(root):
        root = root.rstrip("/")
        if _is_local(fs):
            paths: List[str] = []
            _walk(root, paths, set())
        else:
            paths = [p for p in fs.find(root) if p.lower().endswith(".pdf")]
        paths = [p for p in paths if not posixpath.basename(p).startswith("._")]
        return [(url_of(p), posixpath.relpath(p, root)) for p in paths]
    if not fs.exists(root) and not root.lower().endswith(".pdf"):
        raise FileNotFoundError(f"{source}: no such folder or file")
    return [(source, posixpath.basename(root))]


def _walk(folder: str, out: List[str], seen: set) -> None:
    """The ``*.pdf`` below a local ``folder`` (any case), following links to folders,
    each real folder once (``gongkai::batch``'s walk)."""
    real = os.path.realpath(folder)
    if real in seen:
        return
    seen.add(real)
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        path = posixpath.join(folder, entry.name)
        if entry.is_dir(follow_symlinks=True):
            _walk(path, out, seen)
        elif entry.name.lower().endswith(".pdf"):
            out.append(path)


def _is_local(fs: Any) -> bool:
    return "file" in (fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,))


def _put(fs: Any, path: str, data: bytes) -> None:
    """Writes ``data`` at ``path`` in one piece: on a local disk through a temporary file
    renamed into place; on an object store a single PUT (objects appear whole)."""
    parent = posixpath.dirname(path)
    if _is_local(fs):
        os.makedirs(parent, exist_ok=True)
        # A dot file, which dataset readers skip while it is being written.
        tmp = posixpath.join(parent, f".{posixpath.basename(path)}.{uuid.uuid4().hex}.tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    else:
        fs.pipe_file(path, data)


def _put_if_changed(fs: Any, path: str, data: bytes) -> None:
    """:func:`_put` unless the file holds these bytes already (a re-run rewrites nothing)."""
    try:
        if fs.cat_file(path) == data:
            return
    except (OSError, ValueError):
        pass
    _put(fs, path, data)


def _remove(fs: Any, path: str) -> bool:
    """Removes a file; a missing one is fine. True when one was removed."""
    try:
        fs.rm_file(path)
        return True
    except FileNotFoundError:
        return False


def _failure_parquet(row: Dict[str, str]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({c: pa.array([row[c]], pa.string()) for c in FAILURE_COLUMNS})
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="snappy")
    return sink.getvalue().to_pybytes()


def _failure_schema() -> Any:
    import pyarrow as pa

    return pa.schema([pa.field(c, pa.string()) for c in FAILURE_COLUMNS])


@functools.lru_cache(maxsize=None)
def _tesseract_langs(program: str) -> Optional[Tuple[str, ...]]:
    """The languages of the Tesseract ``program`` (``None`` when it does not run), probed
    once per process as the library probes it (``--version``, ``--list-langs``)."""
    try:
        v = subprocess.run([program, "--version"], capture_output=True, stdin=subprocess.DEVNULL, timeout=60)
        text = (v.stdout + v.stderr).decode("utf-8", "replace")
        if v.returncode != 0 or not text.strip().startswith("tesseract"):
            return None
        listed = subprocess.run(
            [program, "--list-langs"], capture_output=True, stdin=subprocess.DEVNULL, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return None
    lines = listed.stdout.decode("utf-8", "replace").splitlines()[1:]
    return tuple(line.strip() for line in lines if line.strip())


def run_options(options: Dict[str, Any]) -> Dict[str, Any]:
    """The options a document is done under, as ``report.json`` records them
    (``gongkai::batch::RunOptions``): ``password`` (whether one is given), ``ocr`` (the
    languages, ``None`` with OCR off), ``ocr_available`` (Tesseract — ``GONGKAI_TESSERACT``
    or ``tesseract`` on the PATH — runs here with those languages), ``timeout_s``."""
    lang = options.get("ocr_lang", DEFAULT_OCR_LANG) if options.get("ocr", True) else None
    available = False
    if lang is not None:
        langs = _tesseract_langs(os.environ.get("GONGKAI_TESSERACT") or "tesseract")
        available = langs is not None and all(part in langs for part in lang.split("+"))
    return {
        "password": options.get("password") is not None,
        "ocr": lang,
        "ocr_available": available,
        "timeout_s": options.get("timeout"),
    }


def redo(done: Dict[str, Any], now: Dict[str, Any]) -> Optional[str]:
    """Why a document done before (its ``_done`` marker) must be done again under the
    options ``now`` (:func:`run_options`), or ``None``: the CLI's rule
    (``gongkai::batch::redo``, README "Nightly runs"). Redone: another gongkai version;
    a failure outside the file (``timeout``, ``io``, ``write``, a kind not known), and a
    password failure when a password is given now — not a file broken in itself
    (:data:`INTRINSIC`); image-only pages left unread and OCR possible now; image-only
    pages and the OCR setting changed. A changed time limit alone redoes nothing."""
    if done.get("version") != __version__:
        return "changed"
    then = done.get("options")
    if not isinstance(then, dict):
        return "state of an older build"
    if done.get("status") == "failed":
        kind = done.get("error_kind") or ""
        if kind in ("password_required", "wrong_password"):
            return "a password is given now" if now["password"] else None
        if kind == "timeout":
            return "timed out last time"
        if kind in INTRINSIC:
            return None
        return "failed last time"
    if done.get("pages_need_ocr", 0) > 0 and now["ocr"] is not None and now["ocr_available"]:
        return "OCR is possible now"
    scanned = done.get("pages_ocr", 0) + done.get("pages_need_ocr", 0) > 0
    if scanned and (then.get("ocr") != now["ocr"] or then.get("ocr_available") != now["ocr_available"]):
        return "OCR setting changed"
    return None


def _outputs_present(fs: Any, root: str, done: Dict[str, Any]) -> bool:
    """A done document's outputs are in place, or staged by a run that did not commit."""
    part = done.get("part", "")
    if done.get("status") == "failed":
        files = [f"failures/{part}.parquet"]
    else:
        files = [f"documents/{part}.json"] + [f"tables/{t}/{part}.parquet" for t in done.get("tables", [])]
    return all(fs.exists(f"{root}/{f}") or fs.exists(f"{root}/{STAGING}/{f}") for f in files)


def _pages(doc_json: bytes) -> List[Dict[str, Any]]:
    """The ``pages`` of a document JSON (pretty, as ``Document::to_json`` writes it),
    parsed alone: the tables and records, most of a large document, are not."""
    key = b'\n  "pages": '
    start = doc_json.find(key)
    end = doc_json.find(b'\n  "tables": ', start + 1)
    if start < 0 or end < 0:
        return json.loads(doc_json)["pages"]
    return json.loads(doc_json[start + len(key) : end].rstrip().rstrip(b","))


def process(
    url: str,
    document: str,
    out: str,
    options: Dict[str, Any],
    storage_options: Optional[Dict[str, Any]] = None,
) -> Dict[str, Any]:
    """One task: reads ``url``; skips it if its part is done and :func:`redo` says its
    outcome could not change, else extracts it and writes its outputs under ``out`` (see
    the module), removing what an earlier outcome of the same part left. Never raises
    for a bad document: its failure is a row of ``failures/``. Returns the entry for the
    summary."""
    from fsspec.core import url_to_fs

    storage_options = storage_options or {}
    entry: Dict[str, Any] = {
        "document": document,
        "url": url,
        "sha256": "",
        "part": part_of(document, ""),
        "status": "failed",
        "outcome": "failed",
        "error_kind": None,
        "error": None,
        "tables": [],
        "redo": None,
    }
    fs_out, root = url_to_fs(out, **storage_options)
    root = root.rstrip("/")
    try:
        fs_in, path = url_to_fs(url, **storage_options)
        data = fs_in.cat_file(path)
    except (OSError, ValueError) as e:
        # Unreadable: no content hash and no marker, so it is tried again next time; its
        # failure row stands for it in the dataset meanwhile.
        entry.update(error_kind="io", error=f"cannot read file: {e}")
        row = {c: entry.get(c) or "" for c in FAILURE_COLUMNS}
        row["version"] = __version__
        _put(fs_out, f"{root}/{STAGING}/failures/{entry['part']}.parquet", _failure_parquet(row))
        return entry
    sha = hashlib.sha256(data).hexdigest()
    part = part_of(document, sha)
    entry.update(sha256=sha, part=part)
    marker = f"{root}/_done/{part}.json"
    stage = f"{root}/{STAGING}"
    now = run_options(options)
    try:
        done = json.loads(fs_out.cat_file(marker))
    except (OSError, ValueError):
        done = None
    if isinstance(done, dict):
        why = redo(done, now)
        if why is None and not _outputs_present(fs_out, root, done):
            why = "output missing"
        if why is None:
            entry.update(
                status="skipped",
                outcome=done.get("status"),
                error_kind=done.get("error_kind"),
                error=done.get("error"),
                tables=list(done.get("tables", [])),
            )
            return entry
        entry["redo"] = why
    old_tables = list(done.get("tables", [])) if isinstance(done, dict) else []
    pages: Dict[str, Any] = {"pages_ocr": 0, "pages_need_ocr": 0}
    try:
        doc_json, tables = _gongkai.extract_outputs(
            data,
            document,
            options.get("ocr", True),
            options.get("ocr_lang", DEFAULT_OCR_LANG),
            options.get("password"),
            options.get("timeout"),
        )
    except GongkaiError as e:
        row = {
            "document": document,
            "url": url,
            "sha256": sha,
            "error_kind": e.kind,
            "error": e.message,
            "version": __version__,
        }
        _put(fs_out, f"{stage}/failures/{part}.parquet", _failure_parquet(row))
        # No file describes a document that did not go through (the commit removes the
        # visible ones: the manifest lists it as failed).
        _remove(fs_out, f"{stage}/documents/{part}.json")
        for t in old_tables:
            _remove(fs_out, f"{stage}/tables/{t}/{part}.parquet")
        entry.update(status="failed", outcome="failed", error_kind=e.kind, error=e.message)
    else:
        del data
        problems = _page_problems(_pages(doc_json))
        pages = {k: problems[k] for k in ("pages_ocr", "pages_need_ocr")}
        _put(fs_out, f"{stage}/documents/{part}.json", doc_json)
        names = sorted(t for t, _ in tables)
        for table, parquet in tables:
            _put(fs_out, f"{stage}/tables/{table}/{part}.parquet", parquet)
        for t in old_tables:
            if t not in names:
                _remove(fs_out, f"{stage}/tables/{t}/{part}.parquet")
        _remove(fs_out, f"{stage}/failures/{part}.parquet")
        entry.update(status=problems["status"], outcome=problems["status"], tables=names)
    marker_body = {k: entry[k] for k in ("document", "url", "sha256", "part", "error_kind", "error", "tables")}
    marker_body.update(pages, status=entry["outcome"], version=__version__, options=now)
    _put(fs_out, marker, json.dumps(marker_body, ensure_ascii=False, sort_keys=True).encode())
    return entry


def run(
    source: Union[str, Sequence[str]],
    out: str,
    *,
    client: Any = None,
    ocr: bool = True,
    ocr_lang: str = DEFAULT_OCR_LANG,
    password: Optional[str] = None,
    timeout: Optional[float] = DEFAULT_TIMEOUT,
    storage_options: Optional[Dict[str, Any]] = None,
) -> Summary:
    """Extracts every PDF of ``source`` (:func:`listing`) into ``out`` on the Dask
    ``client`` (default: the current one, ``distributed.get_client()``), one task per
    file. A file that cannot be read becomes a row of ``failures/`` and the job goes on;
    documents done before are skipped unless their outcome could change (:func:`redo`).
    Then it writes the manifest (the documents of this listing) and removes every part
    it does not list. Returns the :class:`Summary`, entries in listing order.

    One run at a time per ``out``. A run stopped before its end leaves the previous
    manifest in force (:func:`read_table` reads what it read before) and the parts done
    so far, which the next run skips."""
    from distributed import get_client
    from fsspec.core import url_to_fs

    client = client or get_client()
    files = listing(source, storage_options)
    fs, root = url_to_fs(out, **(storage_options or {}))
    root = root.rstrip("/")
    previous = _load_manifest(fs, root)
    options = {"ocr": ocr, "ocr_lang": ocr_lang, "password": password, "timeout": timeout}
    futures = client.map(
        process,
        [u for u, _ in files],
        [d for _, d in files],
        out=out,
        options=options,
        storage_options=storage_options,
        pure=False,
    )
    entries = client.gather(futures)
    documents = [
        {
            "document": e["document"],
            "url": e["url"],
            "sha256": e["sha256"],
            "part": e["part"],
            "status": e["outcome"],
            "error_kind": e["error_kind"],
            "tables": e["tables"],
        }
        for e in entries
    ]
    removed_files = _commit(fs, root, documents)
    listed = {d["document"] for d in documents}
    removed = [
        {"document": d["document"], "sha256": d["sha256"]}
        for d in (previous or {}).get("documents", [])
        if d["document"] not in listed
    ]
    return Summary(entries=entries, removed=removed, removed_files=removed_files)


def _move(fs: Any, src: str, dst: str) -> None:
    """Moves a staged file into place (over the file there): a rename on a local disk."""
    if _is_local(fs):
        os.makedirs(posixpath.dirname(dst), exist_ok=True)
        os.replace(src, dst)
    else:
        fs.mv(src, dst)


def _ls(fs: Any, folder: str) -> List[str]:
    """The names in a folder (none when it is missing)."""
    try:
        return [posixpath.basename(p.rstrip("/")) for p in fs.ls(folder, detail=False)]
    except FileNotFoundError:
        return []


def _commit(fs: Any, root: str, documents: List[Dict[str, Any]]) -> int:
    """Makes the documents of this run the dataset (see the module for the order): the
    staged outputs moved into place, the manifest, every file it does not list removed,
    each folder's ``_SUCCESS``. Returns how many files were removed."""
    keep = _wanted(documents)
    stage = f"{root}/{STAGING}"
    staged: Dict[str, set] = {}
    try:
        for path in fs.find(stage):
            rel = posixpath.relpath(path, stage)
            staged.setdefault(posixpath.dirname(rel), set()).add(posixpath.basename(rel))
    except FileNotFoundError:
        pass
    folders = {f for f in set(keep) | set(staged) if f != "_done"}
    folders |= {"documents", "failures"} | {f"tables/{t}" for t in _ls(fs, f"{root}/tables")}
    # A folder that is to change loses its marker first.
    for folder in sorted(folders):
        present = set(_ls(fs, f"{root}/{folder}")) - {SUCCESS}
        moving = staged.get(folder, set()) & keep.get(folder, set())
        if moving or present - keep.get(folder, set()):
            _remove(fs, f"{root}/{folder}/{SUCCESS}")
    for folder, names in sorted(staged.items()):
        for name in sorted(names & keep.get(folder, set())):
            _move(fs, f"{stage}/{folder}/{name}", f"{root}/{folder}/{name}")
    manifest = {"schema": MANIFEST_SCHEMA, "version": __version__, "documents": documents}
    body = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8") + b"\n"
    _put_if_changed(fs, f"{root}/{MANIFEST}", body)
    removed = _collect(fs, root, keep)
    # What was staged and is not listed (a killed run's, a document since failed).
    if fs.exists(stage):
        fs.rm(stage, recursive=True)
    for folder in sorted(folders):
        names = sorted(keep.get(folder, set()))
        if names or folder in ("documents", "failures"):
            body = "".join(f"{n}\n" for n in names).encode("utf-8")
            _put_if_changed(fs, f"{root}/{folder}/{SUCCESS}", body)
    return removed


def _wanted(documents: List[Dict[str, Any]]) -> Dict[str, set]:
    """The files of each folder that the manifest's ``documents`` list."""
    keep: Dict[str, set] = {"documents": set(), "failures": set(), "_done": set()}
    for d in documents:
        part = d["part"]
        if d["sha256"]:
            keep["_done"].add(f"{part}.json")
        if d["status"] == "failed":
            keep["failures"].add(f"{part}.parquet")
        else:
            keep["documents"].add(f"{part}.json")
        for t in d["tables"]:
            keep.setdefault(f"tables/{t}", set()).add(f"{part}.parquet")
    return keep


def _collect(fs: Any, root: str, keep: Dict[str, set]) -> int:
    """Removes every file of the dataset's folders that is not in ``keep`` (and temporary
    files a killed worker left), but the ``_SUCCESS`` markers; returns how many."""
    folders = ["documents", "failures", "_done"]
    try:
        folders += [f"tables/{posixpath.basename(p.rstrip('/'))}" for p in fs.ls(f"{root}/tables", detail=False)]
    except FileNotFoundError:
        pass
    removed = 0
    for folder in folders:
        try:
            files = fs.ls(f"{root}/{folder}", detail=False)
        except FileNotFoundError:
            continue
        wanted = keep.get(folder, set())
        for path in sorted(files):
            name = posixpath.basename(path.rstrip("/"))
            if name not in wanted and name != SUCCESS and _remove(fs, path):
                removed += 1
        if not wanted and folder.startswith("tables/"):
            _remove(fs, f"{root}/{folder}/{SUCCESS}")
        if not wanted and folder.startswith("tables/") and _is_local(fs):
            try:
                os.rmdir(f"{root}/{folder}")
            except OSError:
                pass
    return removed


def _load_manifest(fs: Any, root: str) -> Optional[Dict[str, Any]]:
    try:
        manifest = json.loads(fs.cat_file(f"{root}/{MANIFEST}"))
    except FileNotFoundError:
        return None
    if not isinstance(manifest, dict) or manifest.get("schema") != MANIFEST_SCHEMA:
        raise ValueError(f"{root}/{MANIFEST}: not a gongkai dataset manifest ({MANIFEST_SCHEMA})")
    return manifest


def manifest(out: str, storage_options: Optional[Dict[str, Any]] = None) -> List[Dict[str, Any]]:
    """The documents of the dataset at ``out``, as its last finished run listed them
    (``document``, ``url``, ``sha256``, ``part``, ``status``, ``error_kind``, ``tables``).
    Raises :class:`FileNotFoundError` when no run has finished there."""
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(out, **(storage_options or {}))
    found = _load_manifest(fs, root.rstrip("/"))
    if found is None:
        raise FileNotFoundError(f"{out}: no {MANIFEST}: no run of gongkai.distributed has finished there")
    return found["documents"]


def read_table(out: str, table: str, storage_options: Optional[Dict[str, Any]] = None) -> "Any":
    """One long table of the dataset (or ``failures``) as a pyarrow Table: the parts of
    the documents of the manifest (:func:`manifest`), in its order — never a part of a
    document no longer listed nor of an old version. A table no document has rows in is
    empty, with its schema (``gongkai.long_table_schema``); a name that is not a long
    table raises ``ValueError``."""
    import pyarrow.dataset as ds
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(out, **(storage_options or {}))
    root = root.rstrip("/")
    documents = manifest(out, storage_options)
    if table == "failures":
        paths = [f"{root}/failures/{d['part']}.parquet" for d in documents if d["status"] == "failed"]
        schema = _failure_schema()
    else:
        paths = [f"{root}/tables/{table}/{d['part']}.parquet" for d in documents if table in d["tables"]]
        schema = None if paths else long_table_schema(table)
    if not paths:
        return schema.empty_table()
    return ds.dataset(paths, format="parquet", filesystem=fs).to_table()


__all__ = [
    "Summary",
    "listing",
    "part_of",
    "process",
    "run",
    "run_options",
    "redo",
    "manifest",
    "read_table",
    "FAILURE_COLUMNS",
    "INTRINSIC",
    "MANIFEST",
    "STAGING",
    "SUCCESS",
]
