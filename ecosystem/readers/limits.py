"""How much one survey file may hold, and the checks that keep a giant file from being read.

A partner-mapping survey is small: a hub's ecosystem has tens of organisations, so even the
tidy responses of every organisation about every other, over several waves, run to
thousands of rows, and an answer is a word or a short comment. A file far beyond that is a
mistake (the wrong export, a sheet formatted down to row a million) or an attack, and reading
it whole would stall the dashboard for everybody. So the readers stop at limits that no real
survey comes near, and say so as a :class:`~ecosystem.errors.Problem` with the file, the row
and a fix:

* ``max_rows``, 100,000 data rows: ten times the tidy responses of 100 organisations each
  answering about 100 partners, the largest ecosystem a hub maps;
* ``max_cell_chars``, 10,000 characters in one cell: about 1,500 words, far more than a
  name, an answer or a comment (Excel itself stops at 32,767);
* ``max_workbook_bytes``, 200 MB: the most an XLSX workbook's parts may hold once
  uncompressed (a sheet of 100,000 rows of answers is a few tens of MB of XML);
* ``max_ratio``, 100:1: the most a workbook part bigger than ``ratio_from_bytes`` (1 MB) may
  shrink when compressed. Sheets of real answers compress about 5 to 20 times; a part that
  compresses a thousand times is a "zip bomb" of repeated bytes.

Each default is the setting of the same name in :mod:`ecosystem.settings` (in MB there:
``max_workbook_mb``, ``ratio_from_mb``).

Limits are enforced while reading: rows are counted as they are read and reading stops at
the first row past the limit, so a file of a million rows is never held whole; a workbook's
sizes are read from its zip directory before any sheet is parsed (the sizes it declares are
also what the zip reader lets out, so a lying directory cannot smuggle more).

>>> ReadLimits().max_rows
100000
>>> ReadLimits(max_rows=500).max_cell_chars
10000
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from openpyxl.utils import get_column_letter

from ecosystem.errors import SurveyError
from ecosystem.readers.decoding import refusal, whole_file
from ecosystem.settings import SETTINGS
from ecosystem.words import plural

__all__ = ["DEFAULT_LIMITS", "ReadLimits", "check_workbook", "damaged_workbook", "limited"]

_MB: Final = 1024 * 1024

Record = tuple[int, list[str]]
"""A spreadsheet row number and the row's cells as text."""


@dataclass(frozen=True)
class ReadLimits:
    """The most a survey file may hold (see the module's reasons for each default)."""

    max_rows: int = SETTINGS.max_rows
    max_cell_chars: int = SETTINGS.max_cell_chars
    max_workbook_bytes: int = SETTINGS.max_workbook_mb * _MB
    max_ratio: float = SETTINGS.max_ratio
    ratio_from_bytes: int = SETTINGS.ratio_from_mb * _MB


DEFAULT_LIMITS: Final = ReadLimits()
"""The limits every reader applies unless a caller passes others."""


def limited(display: str, records: Iterable[Record], limits: ReadLimits) -> Iterator[Record]:
    """The records that hold a value, stopping with a problem at the first row past
    ``limits.max_rows`` data rows (the header row is not counted) or at the first cell longer
    than ``limits.max_cell_chars``.

    Blank rows are dropped here, so a sheet formatted down to its last row costs no memory.

    >>> rows = [(1, ["name"]), (2, [""]), (3, ["NHS Dorset"]), (4, ["BCP Council"])]
    >>> list(limited("orgs.csv", rows, ReadLimits(max_rows=2)))
    [(1, ['name']), (3, ['NHS Dorset']), (4, ['BCP Council'])]
    >>> list(limited("orgs.csv", rows, ReadLimits(max_rows=1)))
    Traceback (most recent call last):
    ...
    ecosystem.errors.SurveyError: orgs.csv, row 4: the file has more than 1 data row...
    """
    filled = 0
    for number, cells in records:
        if not any(cells):
            continue
        filled += 1
        if filled > limits.max_rows + 1:
            raise _too_many_rows(display, number, limits.max_rows)
        for index, cell in enumerate(cells):
            if len(cell) > limits.max_cell_chars:
                raise _too_long(display, number, index, len(cell), limits.max_cell_chars)
        yield number, cells


def _too_many_rows(display: str, row: int, most: int) -> SurveyError:
    rows = plural(most, "data row", grouped=True)
    return refusal(
        display,
        row,
        f"the file has more than {rows}, more than any partner-mapping survey holds "
        "(reading stopped here)",
        "check that this is the right file; split a very large survey into one file per wave "
        "or per hub, and delete rows that are not answers",
    )


def _too_long(display: str, row: int, index: int, length: int, most: int) -> SurveyError:
    return refusal(
        display,
        row,
        f"the cell in column {get_column_letter(index + 1)} holds {length:,} characters, more "
        f"than the {most:,} a name, answer or comment needs",
        "shorten the cell, or check that the file's columns are separated as intended",
    )


def check_workbook(display: str, data: bytes, limits: ReadLimits) -> None:
    """Refuse an XLSX workbook that is not a zip, or whose parts would expand beyond the
    limits, from its zip directory alone: nothing is decompressed or parsed.

    Raises
    ------
    SurveyError
        When the data is not a zip archive (:func:`damaged_workbook`), its parts hold more than
        ``limits.max_workbook_bytes`` uncompressed, or a part bigger than
        ``limits.ratio_from_bytes`` shrinks more than ``limits.max_ratio`` times.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise damaged_workbook(display, data) from None
    total = sum(m.file_size for m in members)
    if total > limits.max_workbook_bytes:
        raise _workbook_problem(
            display,
            f"this workbook would expand to {total / _MB:,.0f} MB when opened, more than the "
            f"{limits.max_workbook_bytes / _MB:,.0f} MB a survey workbook may hold; it was "
            "not opened",
        )
    for member in members:
        big = member.file_size > limits.ratio_from_bytes
        if big and member.file_size > limits.max_ratio * max(member.compress_size, 1):
            ratio = member.file_size / max(member.compress_size, 1)
            raise _workbook_problem(
                display,
                f"this workbook's part '{member.filename}' would expand {ratio:,.0f} times "
                f"when opened (more than {limits.max_ratio:,.0f} times is not a real "
                "sheet of answers); it was not opened",
            )


def _workbook_problem(display: str, message: str) -> SurveyError:
    return whole_file(
        display,
        message,
        "open it in Excel, delete empty formatted rows and columns, and save it again as an "
        "Excel Workbook (.xlsx) or as CSV UTF-8",
    )


def damaged_workbook(display: str, data: bytes) -> SurveyError:
    """The error for a workbook that cannot be opened, saying what it seems to be instead."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        message = "this is an old Excel 97-2003 workbook, not an XLSX workbook"
    elif not data.startswith(b"PK"):
        message = "this is not an XLSX workbook (it may be another kind of file renamed .xlsx)"
    else:
        message = "this XLSX workbook is damaged and cannot be opened"
    return whole_file(
        display,
        message,
        "open it in Excel and save it again as an Excel Workbook (.xlsx) or as CSV UTF-8; if "
        "it is a CSV file, name it .csv",
    )
