"""The text of a CSV file, decoded as people save it, and never garbled silently.

Excel saves CSV files in UTF-8 ("CSV UTF-8", with a byte-order mark), in Windows-1252 ("CSV
(Comma delimited)" on an English Windows) or in UTF-16 ("Unicode text", with a byte-order
mark). A file that several people or tools have pasted into can mix UTF-8 and Windows-1252
lines. Read whole as Windows-1252, such a file turns every UTF-8 "Café" into "CafÃ©", and the
garbled name then looks like a new organisation.

So a file that is not UTF-8 throughout is decoded **line by line**: a line that is valid UTF-8
is read as UTF-8, any other line as Windows-1252. This is unambiguous in practice: a line of
Windows-1252 text with accented letters is almost never valid UTF-8 (an accented letter is
one byte of 0x80 or more, and UTF-8 needs such bytes in strict pairs and triples), while a
UTF-8 line read as Windows-1252 is always garbled. Reading each line correctly is kinder
than refusing the file: nothing is lost and nobody has to re-save anything. A line that is
neither (a byte that Windows-1252 leaves undefined) is refused, naming its row and how to
re-save the file. A line break never falls inside a character in either encoding, so lines
can be decoded apart.

>>> decode("orgs.csv", "name\\nCafé UTF-8\\n".encode() + "Café 1252\\n".encode("cp1252"))
'name\\nCafé UTF-8\\nCafé 1252\\n'
"""

from __future__ import annotations

import codecs
import re
from typing import Final

from ecosystem.errors import Problem, SurveyError

__all__ = ["SAVE_AS", "decode", "refusal", "whole_file"]

SAVE_AS: Final = "open it in Excel and save it as 'CSV UTF-8' or as an Excel Workbook (.xlsx)"
"""How to re-save a file that cannot be read as it is: the fix of many problems."""

_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")
_NOT_UTF8_LINE: Final = re.compile(r"[^\r\n]*[\udc80-\udcff][^\r\n]*")
"""A line holding a byte that is not UTF-8, as "surrogateescape" decoding leaves it."""
_CONTROLS: Final = [chr(c) for c in (*range(32), 127) if chr(c) not in "\t\r\n\f"]
"""Control characters, which text hardly holds and binary files hold many of."""

_BINARY_SIGNATURES: Final = {
    b"PK\x03\x04": "a zip archive (an Excel workbook is one: if so, name it .xlsx)",
    b"\xd0\xcf\x11\xe0": "an old Excel 97-2003 workbook",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
}


def refusal(display: str, row: int | None, message: str, fix: str) -> SurveyError:
    """The error that refuses a file for one problem: at a row, or (``None``) the whole file."""
    return SurveyError([Problem(display, row, None, message, fix)])


def whole_file(display: str, message: str, fix: str) -> SurveyError:
    """The error for a problem with a whole file (no row, no column)."""
    return refusal(display, None, message, fix)


def _not_text(display: str, what: str) -> SurveyError:
    return whole_file(
        display,
        f"this is not a text CSV file (it looks like {what})",
        f"save it as CSV UTF-8 or XLSX: {SAVE_AS}",
    )


def decode(display: str, data: bytes) -> str:
    """Text of a CSV file in UTF-8 (BOM or not), UTF-16 with BOM, Windows-1252, or UTF-8 and
    Windows-1252 line by line (see the module's reasons).

    Raises
    ------
    SurveyError
        When the file is not text (a known binary signature, NUL bytes, many control
        characters), or a line is neither UTF-8 nor Windows-1252 (naming its row).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _not_text(display, "damaged UTF-16 text") from None
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise _not_text(display, what)
    if b"\x00" in data:
        raise _not_text(display, "a binary file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _by_line(display, data.removeprefix(codecs.BOM_UTF8))
    controls = sum(text.count(ch) for ch in _CONTROLS)
    if controls > max(2, len(text) // 100):
        raise _not_text(display, "a binary file")
    return text


def _by_line(display: str, data: bytes) -> str:
    """Each line as UTF-8 where it is valid UTF-8, else as Windows-1252; line breaks (LF,
    CRLF, or an old Mac's CR) are kept as they are.

    The file is decoded as UTF-8 once, its invalid bytes kept as stand-ins
    ("surrogateescape"); only the lines holding a stand-in are turned back into their exact
    bytes and read as Windows-1252, so a large file costs one pass, not one per line.
    """
    text = data.decode("utf-8", "surrogateescape")

    def windows_1252(match: re.Match[str]) -> str:
        raw = match.group(0).encode("utf-8", "surrogateescape")
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError as error:
            row = len(_LINE_BREAK.findall(text, 0, match.start())) + 1
            raise _undecodable(display, row, raw[error.start]) from None

    return _NOT_UTF8_LINE.sub(windows_1252, text)


def _undecodable(display: str, row: int, byte: int) -> SurveyError:
    """The problem of a line that no encoding we read can decode: its number is its row
    (unless a quoted cell above it spans lines)."""
    return refusal(
        display,
        row,
        f"this row holds a byte (0x{byte:02X}) that is neither UTF-8 nor Windows-1252 text, so "
        "its letters cannot be read without guessing",
        SAVE_AS,
    )
