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

Layout of ``out`` (every file written by the worker that made it, each in one piece):

* ``documents/<sha256>.json`` — the document JSON, the same bytes as ``gongkai extract``'s
  ``OUT/<name>.json`` for a document of the same name;
* ``tables/<table>/<sha256>.parquet`` — the document's rows of each long table (the
  schema of ``gongkai extract``'s ``parquet/``, see the README): one dataset per table,
  partitioned by document (``pyarrow.dataset``, DuckDB's ``read_parquet('…/*.parquet')``
  and ``dask.dataframe.read_parquet`` read a folder as one table);
* ``failures/<sha256>.parquet`` — one row per file that could not be read: ``document``,
  ``url``, ``sha256``, ``error_kind`` (the CLI's kinds), ``error``, ``version``;
* ``_done/<sha256>.json`` — written last, once a document's outputs are in place: a
  re-run skips every document whose content hash has one written by the same gongkai
  version (a killed job resumes; a file read twice under two names is done once).

>>> from dask.distributed import Client, LocalCluster                # doctest: +SKIP
>>> from gongkai.distributed import run                              # doctest: +SKIP
>>> with LocalCluster(n_workers=2, threads_per_worker=1) as c, Client(c) as client:
...     summary = run("samples/", "dataset/", client=client)         # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import uuid
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import DEFAULT_OCR_LANG, __version__, _gongkai
from .errors import GongkaiError

FAILURE_COLUMNS = ("document", "url", "sha256", "error_kind", "error", "version")


@dataclass
class Summary:
    """What a run did: one entry per listed file (``document``, ``url``, ``sha256``,
    ``status`` — ``ok``, ``failed`` or ``skipped`` —, ``error_kind``, ``tables``)."""

    entries: List[Dict[str, Any]] = field(default_factory=list)

    def count(self, status: str) -> int:
        """Entries with this status."""
        return sum(1 for e in self.entries if e["status"] == status)

    @property
    def failed(self) -> List[Dict[str, Any]]:
        """The files that could not be read (this run's and earlier runs')."""
        return [e for e in self.entries if e.get("error_kind")]


def listing(
    source: Union[str, Sequence[str]], storage_options: Optional[Dict[str, Any]] = None
) -> List[Tuple[str, str]]:
    """The PDFs of ``source`` as ``(url, document)``, sorted, named as ``gongkai extract``
    names them: below a folder (or a glob's leading folders) by their ``/``-separated path
    relative to it, a file given by name by its file name. ``source`` is a folder or glob
    URL, or a list of file URLs."""
    from fsspec.core import url_to_fs

    storage_options = storage_options or {}
    if not isinstance(source, str):
        out = []
        for url in source:
            out.append((url, posixpath.basename(url.rstrip("/"))))
        return sorted(out)
    fs, root = url_to_fs(source, **storage_options)
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]

    def url_of(path: str) -> str:
        return path if protocol in ("file", "local") else f"{protocol}://{path}"

    if any(ch in root for ch in "*?["):
        base = root.split("*")[0].split("?")[0].split("[")[0]
        base = base if base.endswith("/") else posixpath.dirname(base) + "/"
        paths = [p for p in fs.glob(root) if p.lower().endswith(".pdf")]
        return sorted((url_of(p), posixpath.relpath(p, base)) for p in paths)
    if fs.isdir(root):
        root = root.rstrip("/")
        paths = [p for p in fs.find(root) if p.lower().endswith(".pdf")]
        return sorted((url_of(p), posixpath.relpath(p, root)) for p in paths)
    return [(source, posixpath.basename(root))]


def _put(fs: Any, path: str, data: bytes) -> None:
    """Writes ``data`` at ``path`` in one piece: on a local disk through a temporary file
    renamed into place; on an object store a single PUT (objects appear whole)."""
    parent = posixpath.dirname(path)
    if "file" in (fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)):
        os.makedirs(parent, exist_ok=True)
        # A dot file, which dataset readers skip while it is being written.
        tmp = posixpath.join(parent, f".{posixpath.basename(path)}.{uuid.uuid4().hex}.tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    else:
        fs.pipe_file(path, data)


def _failure_parquet(row: Dict[str, str]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({c: pa.array([row[c]], pa.string()) for c in FAILURE_COLUMNS})
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="snappy")
    return sink.getvalue().to_pybytes()


def process(
    url: str,
    document: str,
    out: str,
    options: Dict[str, Any],
    storage_options: Optional[Dict[str, Any]] = None,
) -> Dict[str, Any]:
    """One task: reads ``url``, skips it if its content hash is done, else extracts it and
    writes its outputs under ``out`` (see the module). Never raises for a bad document:
    its failure is a row of ``failures/``. Returns the entry for the summary."""
    from fsspec.core import url_to_fs

    storage_options = storage_options or {}
    entry: Dict[str, Any] = {"document": document, "url": url, "sha256": "", "error_kind": None, "tables": 0}
    fs_out, root = url_to_fs(out, **storage_options)
    root = root.rstrip("/")
    try:
        fs_in, path = url_to_fs(url, **storage_options)
        data = fs_in.cat_file(path)
    except (OSError, ValueError) as e:
        # Unreadable: no content hash, so it is tried again next time.
        entry.update(status="failed", error_kind="io", error=f"cannot read file: {e}")
        return entry
    sha = hashlib.sha256(data).hexdigest()
    entry["sha256"] = sha
    marker = f"{root}/_done/{sha}.json"
    try:
        done = json.loads(fs_out.cat_file(marker))
    except (OSError, ValueError):
        done = None
    if done and done.get("version") == __version__:
        entry.update(status="skipped", error_kind=done.get("error_kind"), tables=done.get("tables", 0))
        return entry
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
        _put(fs_out, f"{root}/failures/{sha}.parquet", _failure_parquet(row))
        entry.update(status="failed", error_kind=e.kind, error=e.message)
    else:
        del data
        _put(fs_out, f"{root}/documents/{sha}.json", doc_json)
        for table, parquet in tables:
            _put(fs_out, f"{root}/tables/{table}/{sha}.parquet", parquet)
        entry.update(status="ok", tables=len(tables))
    marker_body = {k: entry[k] for k in ("document", "url", "sha256", "error_kind", "tables")}
    marker_body["version"] = __version__
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
    timeout: Optional[float] = 300.0,
    storage_options: Optional[Dict[str, Any]] = None,
) -> Summary:
    """Extracts every PDF of ``source`` (:func:`listing`) into ``out`` on the Dask
    ``client`` (default: the current one, ``distributed.get_client()``), one task per
    file. A file that cannot be read becomes a row of ``failures/`` and the job goes on;
    files whose content is already done (by this version) are skipped. Returns the
    :class:`Summary`, entries in listing order."""
    from distributed import get_client

    client = client or get_client()
    files = listing(source, storage_options)
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
    return Summary(entries=client.gather(futures))


def read_table(out: str, table: str, storage_options: Optional[Dict[str, Any]] = None) -> "Any":
    """One long table of the dataset (or ``failures``) as a pyarrow Table: every
    document's part, in part order."""
    import pyarrow.dataset as ds
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(out, **(storage_options or {}))
    root = root.rstrip("/")
    folder = f"{root}/failures" if table == "failures" else f"{root}/tables/{table}"
    return ds.dataset(folder, format="parquet", filesystem=fs).to_table()


__all__ = ["Summary", "listing", "process", "run", "read_table", "FAILURE_COLUMNS"]
