"""gongkai: Chinese government disclosure PDFs (部门预算公开 / 部门决算公开) to tables,
typed records in yuan and arithmetic findings.

>>> import gongkai
>>> doc = gongkai.extract("budget-2024-central-statistics.pdf")   # doctest: +SKIP
>>> doc["records"]["document"]["fiscal_year"]                      # doctest: +SKIP
2024

* :func:`extract` — one PDF (a path or its bytes) into the dict of its document JSON,
  the same object ``gongkai extract`` writes as ``OUT/<name>.json``.
* :func:`tables` — every table of a PDF (``gongkai tables --format json``).
* :func:`check` — every identity re-run on records (``gongkai check``).
* :func:`report_entry` — the CLI's verdict on a document dict: ``status`` (``ok``, or
  ``partial`` when some pages were not read: scans left unread, broken pages), page
  counts and warnings, failed checks (:func:`extract` warns about a partial document).
* :func:`long_tables` / :func:`long_frames` — a document's long tables (the rows of the
  batch's CSVs) as pyarrow Tables / pandas DataFrames, amounts as exact decimals.

Amounts in the document dict are strings (``"yuan": "6680700.00"``, as the JSON holds
them, never floats): ``decimal.Decimal(value["yuan"])`` is the exact amount.

The work is done in Rust with the GIL released, so Python threads run documents in
parallel. Errors are :class:`gongkai.errors.GongkaiError` subclasses named after the
CLI's error kinds.
"""

from __future__ import annotations

import json
import os
import warnings
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Tuple, Union

from . import _gongkai
from .errors import BY_KIND, GongkaiError, NotRecords, PageOutOfRange, python_message

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyarrow

__version__: str = _gongkai.__version__

#: Tesseract languages used for scanned pages unless ``ocr_lang`` says otherwise.
DEFAULT_OCR_LANG: str = _gongkai.DEFAULT_OCR_LANG

#: The JSON Schema (draft 2020-12) of the document dict (``gongkai schema``).
DOCUMENT_SCHEMA: str = _gongkai.DOCUMENT_SCHEMA

#: Precision and scale of the amount columns of the long tables (Arrow / Parquet decimal).
DECIMAL_PRECISION: int = _gongkai.DECIMAL_PRECISION
DECIMAL_SCALE: int = _gongkai.DECIMAL_SCALE

#: The time limit of :func:`extract` per document, in seconds: the CLI's default
#: (``gongkai extract --timeout``), so that a loop over many files is never stuck on one.
DEFAULT_TIMEOUT: float = 300.0

PathOrBytes = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]


class GongkaiWarning(UserWarning):
    """Pages that could not be read or were left unread (e.g. a scan with OCR off, or
    Tesseract missing): :func:`extract` warns once per partial document, :func:`tables`
    once per page."""


def extract(
    source: PathOrBytes,
    *,
    name: Optional[str] = None,
    ocr: bool = True,
    ocr_lang: str = DEFAULT_OCR_LANG,
    password: Optional[str] = None,
    timeout: Optional[float] = DEFAULT_TIMEOUT,
    threads: Optional[int] = None,
) -> Dict[str, Any]:
    """Extract one PDF into the dict of its document JSON.

    ``source`` is a path or the PDF's bytes. The result is the object ``gongkai extract``
    writes per document (``schema``, ``source``, ``pages``, ``tables``, ``records``).
    ``source.file`` is ``name`` when given, else the file's name for a path and ``""``
    for bytes (the batch names a document by its path below the input folder; pass that
    as ``name`` to get the same dict). The name's last component helps to recognise the
    year when the title does not print it.

    ``ocr`` reads image-only pages with Tesseract (languages ``ocr_lang``) when it is
    installed; ``password`` opens encrypted PDFs (the empty user password is always
    tried); ``timeout`` (seconds, :data:`DEFAULT_TIMEOUT` as the CLI; ``None``: no
    limit) stops a document that takes longer with :class:`gongkai.errors.Timeout`.

    A document of which some pages were not read (``partial`` in the CLI's report: image
    pages left unread with OCR off or Tesseract missing, broken pages) is returned with a
    :class:`GongkaiWarning` naming the pages and why; :func:`report_entry` gives its
    status. ``warnings.simplefilter("error", gongkai.GongkaiWarning)`` makes it raise.

    ``threads``: the pages of the document are read on this many threads of the call's
    own; ``None`` (the default) uses every core for this one document. The GIL is released
    while Rust works, so to read many documents from Python threads give ``threads=1``:
    each call then keeps to one core and N Python threads use N cores.

    Raises a :class:`gongkai.errors.GongkaiError` subclass named after the CLI's error
    kind (``NotPdf``, ``PasswordRequired``, ``Corrupt``, ``Timeout``, …).
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        raw = _gongkai.extract_bytes(
            bytes(source), name or "", ocr, ocr_lang, password, timeout, threads
        )
    else:
        raw = _gongkai.extract_path(
            os.fspath(source), name, ocr, ocr_lang, password, timeout, threads
        )
    doc = json.loads(raw)
    entry = report_entry(doc)
    if entry["status"] != "ok":
        # Named as an error about it would be: the path given, else the name, else <bytes>.
        if isinstance(source, (bytes, bytearray, memoryview)):
            label = name or "<bytes>"
        else:
            label = os.fspath(source)
        warnings.warn(_partial_message(label, entry), GongkaiWarning, 2)
    return doc


def _is_notice(warning: str) -> bool:
    """A page warning that lost nothing of the page (``gongkai::document::is_notice``)."""
    return warning.endswith(" duplicate overprinted glyphs removed")


def _page_problems(pages: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The page counts of the CLI's report entry from a document's ``pages``."""
    problems = [
        {"page": p["page"], "warning": w}
        for p in pages
        for w in p.get("warnings", [])
        if not _is_notice(w)
    ]
    return {
        "status": "partial" if problems or any(p.get("needs_ocr") for p in pages) else "ok",
        "pages_ocr": sum(1 for p in pages if p.get("ocr") is not None),
        "pages_need_ocr": sum(1 for p in pages if p.get("needs_ocr")),
        "pages_failed": sum(
            1
            for p in pages
            if not p.get("needs_ocr")
            and any(not _is_notice(w) and not w.startswith("needs_ocr") for w in p.get("warnings", []))
        ),
        "page_warnings": problems,
    }


def report_entry(document: Dict[str, Any]) -> Dict[str, Any]:
    """What ``gongkai extract`` says of this document in ``report.json`` (its entry's
    fields that the document itself decides): ``document`` (``source.file``), ``sha256``,
    ``pages``, ``status`` — ``"ok"`` when every page was read, ``"partial"`` when some
    were not: image-only pages left unread (``pages_need_ocr``: OCR off, Tesseract
    missing or failing) or pages that could not be read wholly (``pages_failed``) —,
    ``pages_ocr`` (read by OCR), ``page_warnings`` (``{"page", "warning"}`` for each page
    not read wholly, and why), ``failed_checks`` (findings ``fail`` or ``unit_mismatch``),
    ``failed_arithmetic`` (those of severity ``error``: figures that do not add up),
    ``suspect_checks`` and ``accounting``. A partial document's tables and records miss
    what those pages hold."""
    if not isinstance(document, dict) or "pages" not in document or "records" not in document:
        raise NotRecords("expected a document dict (as extract() returns it)")
    findings = document["records"].get("findings", [])
    entry = {
        "document": document["source"]["file"],
        "sha256": document["source"]["sha256"],
        "pages": document["source"]["pages"],
    }
    entry.update(_page_problems(document["pages"]))
    failed = [f for f in findings if f["status"] in ("fail", "unit_mismatch")]
    entry["failed_checks"] = len(failed)
    entry["failed_arithmetic"] = sum(1 for f in failed if f["severity"] == "error")
    entry["suspect_checks"] = sum(1 for f in findings if f["status"] == "suspect")
    entry["accounting"] = document["records"].get("accounting")
    return entry


def _partial_message(label: str, entry: Dict[str, Any]) -> str:
    """``FILE: partial: N of M pages not read: pages 1-3, 5: REASON; page 7: REASON``."""
    by_reason: Dict[str, List[int]] = {}
    for w in entry["page_warnings"]:
        pages = by_reason.setdefault(python_message(w["warning"]), [])
        if w["page"] not in pages:
            pages.append(w["page"])
    unread = len({w["page"] for w in entry["page_warnings"]})
    parts = []
    for reason, pages in by_reason.items():
        word = "page" if len(pages) == 1 else "pages"
        parts.append(f"{word} {_ranges(pages)}: {reason}")
    return f"{label}: partial: {unread} of {entry['pages']} pages not read: " + "; ".join(parts)


def _ranges(pages: List[int]) -> str:
    """``[1, 2, 3, 5]`` as ``1-3, 5``."""
    out: List[str] = []
    for p in sorted(pages):
        if out and out[-1].split("-")[-1] == str(p - 1):
            out[-1] = f"{out[-1].split('-')[0]}-{p}"
        else:
            out.append(str(p))
    return ", ".join(out)


def tables(
    path: Union[str, "os.PathLike[str]"],
    pages: Optional[Iterable[int]] = None,
    *,
    ocr: bool = True,
    ocr_lang: str = DEFAULT_OCR_LANG,
    password: Optional[str] = None,
) -> List[Dict[str, Any]]:
    """Every table of a PDF (ruled or borderless), as ``gongkai tables --format json``
    lists them: grid (``rows``) with spans (``cells``), title, unit, pages, multi-page
    tables stitched.

    ``pages`` limits the tables to these 1-based pages (all when ``None``); a page past
    the last raises :class:`gongkai.errors.PageOutOfRange` (an :class:`IndexError`), as
    ``gongkai tables --pages`` exits 2. A page that cannot be read, or a scan left
    unread, is skipped with a :class:`GongkaiWarning`.
    """
    page_list = None
    if pages is not None:
        page_list = [int(p) for p in pages]
        if any(p < 1 for p in page_list):
            raise ValueError(f"pages are 1-based: {page_list}")
        if page_list:
            count = _gongkai.page_count(os.fspath(path), password)
            # The CLI's check and words: the last page asked for.
            if max(page_list) > count:
                word = "page" if count == 1 else "pages"
                raise PageOutOfRange(
                    f"page {max(page_list)} out of range: the document has {count} {word}",
                    os.fspath(path),
                )
    raw, page_warnings = _gongkai.tables(
        os.fspath(path), page_list, ocr, ocr_lang, password
    )
    for page, message in page_warnings:
        warnings.warn(
            f"{os.fspath(path)}: page {page}: {python_message(message)}", GongkaiWarning, 2
        )
    return json.loads(raw)


def check(records_or_document: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Re-run every identity on records: a document dict (as :func:`extract` returns, or
    as read from a document JSON) or its ``records`` alone, e.g. after a person corrected
    a value. Returns the findings (``rule``, ``status``, ``lhs``, ``rhs``, ``diff``, …),
    as ``gongkai check`` prints them.

    Raises :class:`gongkai.errors.NotRecords` when the object is not gongkai records.
    """
    return json.loads(_gongkai.check(_dumps(records_or_document)))


def long_columns(document: Dict[str, Any]) -> Dict[str, List[tuple]]:
    """The long tables of a document dict as plain columns: for each table name (the
    batch's CSV file name without ``.csv``: a standard table type, ``projects``,
    ``indicators``, ``facts``, ``procurement_items``, ``findings``), a list of
    ``(column, type, values)`` with type ``"text"``, ``"int"``, ``"decimal"`` or
    ``"float"`` and the
    values as the CSV holds them (text; ``""`` where a value is missing). Only tables
    with rows are present."""
    return {
        name: columns for name, columns in _gongkai.long_columns(_dumps(document))
    }


def long_schema(columns: Iterable[tuple]) -> "pyarrow.Schema":
    """The Arrow schema of a long table from its columns (as :func:`long_columns` gives
    them): text as ``string``, whole numbers as ``int32``, box coordinates as
    ``float64``, amounts as ``decimal128(DECIMAL_PRECISION, DECIMAL_SCALE)``. The batch's
    Parquet files have the same schema."""
    import pyarrow as pa

    types = {
        "text": pa.string(),
        "int": pa.int32(),
        "decimal": pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE),
        "float": pa.float64(),
    }
    return pa.schema([pa.field(c[0], types[c[1]]) for c in columns])


_STANDARD_BASES = (
    "summary",
    "income",
    "expenditure",
    "fiscal_summary",
    "fiscal_expenditure",
    "fiscal_basic",
    "gpb_expenditure",
    "gpb_basic",
    "three_public",
    "admin_operating",
)

#: The columns of a long table by its name, ``(column, type)``, as the Rust library
#: defines them (``gongkai::long``): the standard table types share one header (one row
#: per amount); the five other tables have their own.
_AMOUNT_HEADER: List[Tuple[str, str]] = [tuple(c) for c in _gongkai.LONG_HEADERS[0][1]]
_OTHER_HEADERS: Dict[str, List[Tuple[str, str]]] = {
    name: [tuple(c) for c in columns] for name, columns in _gongkai.LONG_HEADERS[1:]
}

#: Every long table a document can have, by name: the standard table types
#: (``budget.summary``, …, ``final.gf``, ``procurement``, ``performance``) and
#: ``projects``, ``indicators``, ``facts``, ``procurement_items``, ``findings``.
LONG_TABLES: Tuple[str, ...] = tuple(
    sorted(
        [f"budget.{b}" for b in _STANDARD_BASES + ("gf_expenditure", "soc_expenditure")]
        + [f"final.{b}" for b in _STANDARD_BASES + ("gf", "soc")]
        + ["procurement", "performance"]
        + list(_OTHER_HEADERS)
    )
)


def long_table_schema(table: str) -> "pyarrow.Schema":
    """The Arrow schema of the long table named ``table`` (one of :data:`LONG_TABLES`),
    as :func:`long_schema` gives it for a document that has rows in it: for an empty
    table of the right shape. Raises ``ValueError`` for a name that is not a long table."""
    if table not in LONG_TABLES:
        raise ValueError(f"not a long table of gongkai: {table!r} (see gongkai.LONG_TABLES)")
    return long_schema(_OTHER_HEADERS.get(table, _AMOUNT_HEADER))


def long_tables(document: Dict[str, Any]) -> Dict[str, "pyarrow.Table"]:
    """A document's long tables (the rows of the batch's CSVs) as pyarrow Tables, keyed
    by table name (see :func:`long_columns`): amounts are exact ``decimal128`` (never
    floats), pages and years ``int32``, box coordinates ``float64``, a missing number
    null, text as in the CSV.

    Raises :class:`gongkai.errors.NotRecords` when the dict is not a document, and
    ``pyarrow.ArrowInvalid`` if an amount had more decimals than ``DECIMAL_SCALE``
    (it is never rounded).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    out = {}
    for name, columns in long_columns(document).items():
        schema = long_schema(columns)
        arrays = []
        for (_, kind, values), field in zip(columns, schema):
            if kind == "text":
                arrays.append(pa.array(values, pa.string()))
                continue
            text = pa.array([v if v != "" else None for v in values], pa.string())
            if kind in ("int", "float"):
                arrays.append(pc.cast(text, field.type))
            else:
                # Exact: the cast fails rather than round a value with more decimals.
                arrays.append(pc.cast(text, field.type))
        out[name] = pa.Table.from_arrays(arrays, schema=schema)
    return out


def long_frames(document: Dict[str, Any]) -> Dict[str, "pandas.DataFrame"]:
    """:func:`long_tables` as pandas DataFrames: amounts are :class:`decimal.Decimal`
    objects (exact), pages and years nullable ``Int32``."""
    import pandas as pd
    import pyarrow as pa

    ints = {pa.int32(): pd.Int32Dtype()}
    return {
        name: table.to_pandas(types_mapper=ints.get)
        for name, table in long_tables(document).items()
    }


def _dumps(obj: Dict[str, Any]) -> str:
    if not isinstance(obj, dict):
        raise NotRecords(f"expected a dict, got {type(obj).__name__}")
    return json.dumps(obj, ensure_ascii=False)


__all__ = [
    "extract",
    "tables",
    "check",
    "report_entry",
    "long_columns",
    "long_table_schema",
    "long_schema",
    "long_tables",
    "long_frames",
    "GongkaiError",
    "GongkaiWarning",
    "BY_KIND",
    "DEFAULT_OCR_LANG",
    "DEFAULT_TIMEOUT",
    "LONG_TABLES",
    "DOCUMENT_SCHEMA",
    "DECIMAL_PRECISION",
    "DECIMAL_SCALE",
    "__version__",
]
