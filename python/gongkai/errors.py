"""The exceptions of the gongkai package.

Every error is a :class:`GongkaiError`; its subclass is named after the error kind that
``gongkai extract`` writes into ``report.json`` (``error_kind``), in CamelCase
(``password_required`` → :class:`PasswordRequired`), and its :attr:`~GongkaiError.kind`
is that kind.
"""

from __future__ import annotations

import errno as _errno
import re
from typing import Dict, Optional, Tuple, Type


class GongkaiError(Exception):
    """A document could not be read (or records could not be checked).

    ``kind`` is the CLI's error kind, ``file`` the document's path or name (``None``
    where there is none), and the message the CLI's reason.
    """

    kind: str = "error"

    def __init__(self, message: str, file: Optional[str] = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file

    def __str__(self) -> str:
        return f"{self.file}: {self.message}" if self.file else self.message


class Io(GongkaiError, OSError):
    """The file could not be read from disk. ``errno``, ``strerror`` and ``filename`` are
    set when the system said why, and the exception is then also the matching built-in
    subclass of :class:`OSError`: :class:`NotFound` (a :class:`FileNotFoundError`),
    :class:`PermissionDenied` (a :class:`PermissionError`), :class:`IsADirectory` (an
    :class:`IsADirectoryError`)."""

    kind = "io"


class NotFound(Io, FileNotFoundError):
    """:class:`Io`: no file at that path (``except FileNotFoundError`` catches it)."""


class PermissionDenied(Io, PermissionError):
    """:class:`Io`: the file may not be read (``except PermissionError`` catches it)."""


class IsADirectory(Io, IsADirectoryError):
    """:class:`Io`: the path is a folder (``except IsADirectoryError`` catches it)."""


class Empty(GongkaiError):
    """The file is empty."""

    kind = "empty"


class NotPdf(GongkaiError):
    """The file is not a PDF."""

    kind = "not_pdf"


class TooLarge(GongkaiError):
    """The file is larger than the size limit."""

    kind = "too_large"


class PasswordRequired(GongkaiError):
    """The PDF is encrypted and the empty password does not open it: pass ``password=``."""

    kind = "password_required"


class WrongPassword(GongkaiError):
    """The password given does not open the PDF."""

    kind = "wrong_password"


class UnsupportedEncryption(GongkaiError):
    """The PDF's encryption is not supported."""

    kind = "unsupported_encryption"


class Corrupt(GongkaiError):
    """The PDF's structure is damaged beyond repair."""

    kind = "corrupt"


class PageTree(GongkaiError):
    """The page tree is broken (a loop, a missing node)."""

    kind = "page_tree"


class NoPages(GongkaiError):
    """The PDF has no pages."""

    kind = "no_pages"


class PageOutOfRange(GongkaiError, IndexError):
    """A page number past the last page (also an :class:`IndexError`): e.g.
    ``gongkai.tables(path, pages=[99])`` on a shorter document."""

    kind = "page_out_of_range"


class HugePage(GongkaiError):
    """A page is too large to be a document page."""

    kind = "huge_page"


class BrokenContent(GongkaiError):
    """A page's content stream cannot be read."""

    kind = "broken_content"


class Panic(GongkaiError):
    """An internal error (a bug in gongkai), caught at the document boundary."""

    kind = "panic"


class Timeout(GongkaiError, TimeoutError):
    """The time limit (``timeout``) passed."""

    kind = "timeout"


class Write(GongkaiError):
    """An output could not be serialised or written."""

    kind = "write"


class NotRecords(GongkaiError, ValueError):
    """The object given to :func:`gongkai.check` or a long-table helper is not a
    document JSON nor gongkai records (``gongkai check`` exits 2 on such a file)."""

    kind = "not_records"


#: Every error class by its kind.
BY_KIND: Dict[str, Type[GongkaiError]] = {
    c.kind: c
    for c in (
        Io,
        Empty,
        NotPdf,
        TooLarge,
        PasswordRequired,
        WrongPassword,
        UnsupportedEncryption,
        Corrupt,
        PageTree,
        NoPages,
        PageOutOfRange,
        HugePage,
        BrokenContent,
        Panic,
        Timeout,
        Write,
        NotRecords,
    )
}


#: The CLI's words in the library's messages and what a Python caller passes instead.
_CLI_WORDS: Tuple[Tuple[str, str], ...] = (
    ("(pass --password)", "(pass password=)"),
    ("(--timeout)", "(timeout=)"),
    ("(--no-ocr)", "(ocr=False)"),
)

#: The :class:`Io` subclass of an ``errno``.
_IO_BY_ERRNO: Dict[int, Type[Io]] = {
    _errno.ENOENT: NotFound,
    _errno.EACCES: PermissionDenied,
    _errno.EPERM: PermissionDenied,
    _errno.EISDIR: IsADirectory,
}


def python_message(message: str) -> str:
    """A message of the library (as ``report.json`` or a page warning holds it) in a
    Python caller's words: ``pass --password`` becomes ``pass password=``, ``--timeout``
    ``timeout=``, ``--no-ocr`` ``ocr=False``."""
    for cli, python in _CLI_WORDS:
        message = message.replace(cli, python)
    return message


def _from_kind(kind: str, message: str, file: Optional[str]) -> GongkaiError:
    """The exception for an error of ``kind`` (called by the Rust side); a kind this
    module does not know yet is a plain :class:`GongkaiError` carrying it. The message
    names the keyword arguments, not the CLI's options (:func:`python_message`); an
    ``io`` error whose message ends in the system's ``(os error N)`` carries that errno."""
    message = python_message(message)
    cls = BY_KIND.get(kind)
    if cls is None:
        err = GongkaiError(message, file)
        err.kind = kind
        return err
    if cls is Io:
        found = re.search(r"(?:: )?([^:]*?) \(os error (\d+)\)$", message)
        if found:
            code = int(found.group(2))
            err = _IO_BY_ERRNO.get(code, Io)(message, file)
            err.errno, err.strerror, err.filename = code, found.group(1), file
            return err
    return cls(message, file)


__all__ = ["GongkaiError", "BY_KIND", "NotFound", "PermissionDenied", "IsADirectory", "python_message"] + [
    c.__name__ for c in BY_KIND.values()
]
