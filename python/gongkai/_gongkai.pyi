"""Type stubs of the Rust extension module ``gongkai._gongkai`` (use :mod:`gongkai`)."""

from typing import List, Optional, Tuple

__version__: str
DOCUMENT_SCHEMA: str
DEFAULT_OCR_LANG: str
DECIMAL_PRECISION: int
DECIMAL_SCALE: int
#: The columns of the long tables as ``(name, type)``: ``("", …)`` the amount tables', then
#: the other tables by name.
LONG_HEADERS: List[Tuple[str, List[Tuple[str, str]]]]

def extract_path(
    path: str,
    name: Optional[str],
    ocr: bool,
    ocr_lang: str,
    password: Optional[str],
    timeout: Optional[float],
    threads: Optional[int] = ...,
) -> bytes:
    """The document JSON (compact) of the PDF at ``path``; the GIL is released."""

def extract_bytes(
    data: bytes,
    name: str,
    ocr: bool,
    ocr_lang: str,
    password: Optional[str],
    timeout: Optional[float],
    threads: Optional[int] = ...,
) -> bytes:
    """The document JSON (compact) of a PDF held in memory; the GIL is released."""

def tables(
    path: str,
    pages: Optional[List[int]],
    ocr: bool,
    ocr_lang: str,
    password: Optional[str],
) -> Tuple[bytes, List[Tuple[int, str]]]:
    """The tables' JSON (a list) and the page warnings ``(page, message)``."""

def page_count(path: str, password: Optional[str]) -> int:
    """The number of pages of the PDF at ``path``; the GIL is released."""

def check(json: str) -> bytes:
    """The findings' JSON of every identity re-run on the records in ``json``."""

def long_columns(json: str) -> List[Tuple[str, List[Tuple[str, str, List[str]]]]]:
    """The long tables of a document JSON: ``(name, [(column, type, values)])``."""

def extract_outputs(
    data: bytes,
    name: str,
    ocr: bool,
    ocr_lang: str,
    password: Optional[str],
    timeout: Optional[float],
) -> Tuple[bytes, List[Tuple[str, bytes]]]:
    """The CLI's document JSON bytes and the long tables as Parquet ``(table, bytes)``."""
