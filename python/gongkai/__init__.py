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
* :func:`long_tables` / :func:`long_frames` — a document's long tables (the rows of the
  batch's CSVs) as pyarrow Tables / pandas DataFrames, amounts as exact decimals.

The work is done in Rust with the GIL released, so Python threads run documents in
parallel. Errors are :class:`gongkai.errors.GongkaiError` subclasses named after the
CLI's error kinds.
"""

from __future__ import annotations

import json
import os
import warnings
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Union

from . import _gongkai
from .errors import BY_KIND, GongkaiError, NotRecords

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

PathOrBytes = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]


class GongkaiWarning(UserWarning):
    """A page that could not be read or was left unread (e.g. a scan with OCR off)."""


def extract(
    source: PathOrBytes,
    *,
    name: Optional[str] = None,
    ocr: bool = True,
    ocr_lang: str = DEFAULT_OCR_LANG,
    password: Optional[str] = None,
    timeout: Optional[float] = None,
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
    tried); ``timeout`` (seconds) stops a document that takes longer.

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
    return json.loads(raw)


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

    ``pages`` limits the tables to these 1-based pages (all when ``None``). A page that
    cannot be read, or a scan left unread, is skipped with a :class:`GongkaiWarning`.
    """
    page_list = None
    if pages is not None:
        page_list = [int(p) for p in pages]
        if any(p < 1 for p in page_list):
            raise ValueError(f"pages are 1-based: {page_list}")
    raw, page_warnings = _gongkai.tables(
        os.fspath(path), page_list, ocr, ocr_lang, password
    )
    for page, message in page_warnings:
        warnings.warn(f"{os.fspath(path)}: page {page}: {message}", GongkaiWarning, 2)
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
    ``(column, type, values)`` with type ``"text"``, ``"int"`` or ``"decimal"`` and the
    values as the CSV holds them (text; ``""`` where a value is missing). Only tables
    with rows are present."""
    return {
        name: columns for name, columns in _gongkai.long_columns(_dumps(document))
    }


def long_schema(columns: Iterable[tuple]) -> "pyarrow.Schema":
    """The Arrow schema of a long table from its columns (as :func:`long_columns` gives
    them): text as ``string``, whole numbers as ``int32``, amounts as
    ``decimal128(DECIMAL_PRECISION, DECIMAL_SCALE)``. The batch's Parquet files have the
    same schema."""
    import pyarrow as pa

    types = {
        "text": pa.string(),
        "int": pa.int32(),
        "decimal": pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE),
    }
    return pa.schema([pa.field(c[0], types[c[1]]) for c in columns])


def long_tables(document: Dict[str, Any]) -> Dict[str, "pyarrow.Table"]:
    """A document's long tables (the rows of the batch's CSVs) as pyarrow Tables, keyed
    by table name (see :func:`long_columns`): amounts are exact ``decimal128`` (never
    floats), pages and years ``int32``, a missing number null, text as in the CSV.

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
            if kind == "int":
                arrays.append(pc.cast(text, pa.int32()))
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
    "long_columns",
    "long_schema",
    "long_tables",
    "long_frames",
    "GongkaiError",
    "GongkaiWarning",
    "BY_KIND",
    "DEFAULT_OCR_LANG",
    "DOCUMENT_SCHEMA",
    "DECIMAL_PRECISION",
    "DECIMAL_SCALE",
    "__version__",
]
