"""Read one survey file (CSV or XLSX) into a table of strings whose rows can be traced.

The read stage knows nothing of what answers mean: it turns a file into a :class:`RawTable`
of text cells, tells which kind of file it is from the header
(:mod:`ecosystem.readers.kinds`), and remembers for every data row the row number a person
sees in a spreadsheet (the header is row 1), so every later problem can name file, row and
column. Files come as people save them from Excel: CSV in UTF-8 (with or without a
byte-order mark), UTF-16 ("Unicode text") or Windows-1252 ("CSV (Comma delimited)"), or a
mix of UTF-8 and Windows-1252 lines (:mod:`ecosystem.readers.decoding`), with
``,``, ``;`` or tab between values (an Excel ``sep=`` first line is honoured), or XLSX
workbooks (the first sheet whose header is recognised). A survey tool's wide export may have
its header in any of its first rows, or in two rows (questions above partners): the header is
found by :func:`ecosystem.readers.headers.find_header`, and rows above it, or below it that only
repeat it, are not data.

No file is read beyond the limits of :class:`~ecosystem.readers.limits.ReadLimits` (rows,
characters in a cell, a workbook's expanded size). Anything wrong with a file is reported as
:class:`~ecosystem.errors.Problem` s inside one :class:`~ecosystem.errors.SurveyError`;
nothing is half-read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, Final

import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter

from ecosystem.errors import Problem, SurveyError
from ecosystem.readers.decoding import SAVE_AS, decode, whole_file
from ecosystem.readers.headers import HEADER_ROWS, WideHeader, find_header
from ecosystem.readers.kinds import normalise_column, recognise, unrecognised
from ecosystem.readers.limits import (
    DEFAULT_LIMITS,
    ReadLimits,
    Record,
    check_workbook,
    damaged_workbook,
    limited,
)
from ecosystem.readers.raw import RawTable

__all__ = [
    "TEXT_SUFFIXES",
    "WORKBOOK_SUFFIXES",
    "RawTable",
    "read_files",
    "read_readable",
    "read_table",
]

TEXT_SUFFIXES: Final = (".csv", ".tsv", ".txt")
WORKBOOK_SUFFIXES: Final = (".xlsx", ".xlsm")
DELIMITERS: Final = (",", ";", "\t")


def read_table(
    path: Path | str, data: bytes | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> RawTable:
    """Read one CSV or XLSX survey file into a :class:`RawTable`.

    Parameters
    ----------
    path
        The file to read, or, when ``data`` is given, the name it was uploaded under (its
        suffix says how to read it).
    data
        The file's bytes, for uploads; ``None`` reads ``path`` from disk.
    limits
        The most the file may hold (:class:`~ecosystem.readers.limits.ReadLimits`): reading
        stops at the first row past them.

    Returns
    -------
    RawTable

    Raises
    ------
    SurveyError
        With every problem of the file: unknown suffix, not a text file, a line in no
        encoding we read, damaged or oversized workbook, too many rows or too long a cell,
        empty file, header without rows, unnamed or duplicate columns, unrecognised header.

    Examples
    --------
    >>> table = read_table("answers.csv", "respondent;partner;frequency\\nA;B;Weekly\\n".encode())
    >>> table.kind, table.rows, table.frame.loc[2, "frequency"]
    ('responses', (2,), 'Weekly')
    """
    display = Path(path).name or str(path)
    suffix = Path(path).suffix.lower()
    if suffix not in TEXT_SUFFIXES + WORKBOOK_SUFFIXES:
        accepted = ", ".join(TEXT_SUFFIXES + WORKBOOK_SUFFIXES)
        raise whole_file(
            display,
            f"files ending '{suffix or '(no ending)'}' cannot be read",
            f"save it as CSV UTF-8 (.csv) or as an Excel Workbook (.xlsx); "
            f"accepted endings: {accepted}",
        )
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise whole_file(
                display,
                f"the file cannot be opened ({reason})",
                "check that the file exists and is not open in another program",
            ) from None
    if not data.strip():
        raise _empty(display)
    if suffix in WORKBOOK_SUFFIXES:
        records = _workbook_records(display, data, limits)
    else:
        records = _text_records(display, data, limits)
    return _table(display, records)


def read_files(
    paths: Iterable[Path | str | tuple[Path | str, bytes]], limits: ReadLimits = DEFAULT_LIMITS
) -> list[RawTable]:
    """Read every file, or raise one :class:`SurveyError` with every problem of every file.

    Each item is a path, or a ``(name, bytes)`` pair for an uploaded file.

    >>> tables = read_files([("orgs.csv", b"name,type\\nNHS Dorset,ICB\\n")])
    >>> [(t.path, t.kind) for t in tables]
    [('orgs.csv', 'organisations')]
    """
    tables, problems = read_readable(paths, limits)
    if problems:
        raise SurveyError(problems)
    return tables


def read_readable(
    paths: Iterable[Path | str | tuple[Path | str, bytes]],
    limits: ReadLimits = DEFAULT_LIMITS,
) -> tuple[list[RawTable], list[Problem]]:
    """Read every file that can be read; return those tables and the problems of the rest.

    Lets a caller go on to check the readable files, so that one run reports every problem
    of every file, not only the files that could not be read.
    """
    tables: list[RawTable] = []
    problems: list[Problem] = []
    for item in paths:
        try:
            if isinstance(item, tuple):
                tables.append(read_table(item[0], item[1], limits))
            else:
                tables.append(read_table(item, limits=limits))
        except SurveyError as error:
            problems.extend(error.problems)
    return tables, problems


def _empty(display: str) -> SurveyError:
    return whole_file(
        display,
        "the file is empty",
        "put a header row naming the columns first, then one row per organisation, answer or tie",
    )


# --- text files ---------------------------------------------------------------------------


def _split(text: str, delimiter: str) -> Iterator[list[str]]:
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _trimmed(cells: list[str]) -> list[str]:
    """Cells without the blank ones at the end of the row."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _sniff(text: str) -> str:
    """The delimiter that makes the header a known kind and rows as wide as the header.

    Scored by: header recognised as a kind, then the share of the first rows that are no wider
    than the header, then the header's width.
    """
    sample = text[:65536]
    best: tuple[tuple[bool, float, int], str] | None = None
    for delimiter in DELIMITERS:
        try:
            records = list(islice(_split(sample, delimiter), 50))
        except csv.Error:
            continue
        if len(sample) < len(text) and len(records) > 1:
            records = records[:-1]  # the sample may cut the last record short
        records = [_trimmed(r) for r in records if _trimmed(r)]
        if not records:
            continue
        width = len(records[0])
        body = records[1:]
        fit = sum(len(r) <= width for r in body) / len(body) if body else 1.0
        score = (recognise(records[0]) is not None, fit if width > 1 else 0.0, width)
        if best is None or score > best[0]:
            best = (score, delimiter)
    return best[1] if best else ","


def _text_records(display: str, data: bytes, limits: ReadLimits) -> list[Record]:
    """The rows of a CSV file that hold a value, read up to the limits."""
    text = decode(display, data)
    if not text.strip(" \t\r\n,;\ufeff"):
        raise _empty(display)  # blank lines, or empty cells only
    first_line, _, rest = text.partition("\n")
    marker = first_line.strip().strip('"').lower()
    if marker.startswith("sep=") and len(marker) == 5:
        delimiter = first_line.strip().strip('"')[4]
        text = rest  # Excel hides its "sep=;" line: the header is still row 1
    else:
        delimiter = _sniff(text)
    try:
        rows = (
            (number, [cell.strip() for cell in cells])
            for number, cells in enumerate(_split(text, delimiter), start=1)
        )
        return list(limited(display, rows, limits))
    except csv.Error as error:
        raise whole_file(display, f"the file cannot be read as CSV ({error})", SAVE_AS) from None


# --- workbooks ------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    """A workbook cell as the text a person sees (2.0 -> "2", a date -> "2024-01-31")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _sheet_records(display: str, sheet: Any, limits: ReadLimits) -> list[Record]:
    """The rows of a sheet that hold a value, read up to the limits."""
    sheet.reset_dimensions()  # some tools write wrong dimensions, which would cut columns
    rows = (
        (number, [_cell_text(v) for v in values])
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
    )
    return list(limited(display, rows, limits))


def _workbook_records(display: str, data: bytes, limits: ReadLimits) -> list[Record]:
    """Rows of the first sheet whose header is recognised (else of the first non-empty one);
    a workbook that would expand beyond the limits is refused before it is opened."""
    check_workbook(display, data, limits)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types on a damaged package; all mean the same
        raise damaged_workbook(display, data) from None
    try:
        fallback: list[Record] = []
        for sheet in book.worksheets:
            records = _sheet_records(display, sheet, limits)
            header = next((cells for _, cells in records if any(cells)), None)
            if header is None:
                continue
            if recognise(header) is not None:
                return records
            fallback = fallback or records
        return fallback
    except SurveyError:  # a limit, which says more than "damaged"
        raise
    except Exception:  # damage inside a sheet's XML shows only while its rows are read
        raise damaged_workbook(display, data) from None
    finally:
        book.close()


# --- from rows to a table ---------------------------------------------------------------------


def _table(display: str, records: list[Record]) -> RawTable:
    """Header, columns and rows of a file's records, or every problem found in them."""
    filled = [(number, cells) for number, cells in records if any(cells)]
    if not filled:
        raise _empty(display)
    header_row, header_cells, body, wide = _header(filled)
    problems: list[Problem] = []
    width = max(len(cells) for _, cells in filled)
    kept = _named_columns(display, header_row, header_cells, body, width, problems)
    header = tuple(header_cells[i] for i in kept)
    if header and wide is None and recognise(header) is None:
        problems.append(unrecognised(display, header, header_row))
    if not body:
        problems.append(
            Problem(
                display,
                None,
                None,
                f"the file has a header (row {header_row}) but no rows below it",
                "add one row per organisation, answer or tie below the header",
            )
        )
    if problems:
        raise SurveyError(problems)
    rows = tuple(number for number, _ in body)
    columns = {
        normalise_column(header_cells[i]): [cells[i] if i < len(cells) else "" for _, cells in body]
        for i in kept
    }
    frame = pd.DataFrame(columns, index=pd.Index(rows, name="row"), dtype=object)
    header_rows: tuple[tuple[str, ...], ...] = ()
    if wide is not None:
        header_rows = tuple(
            tuple(cells[i] if i < len(cells) else "" for i in kept) for cells in wide.rows
        )
    return RawTable(
        path=display,
        kind="wide" if wide is not None else str(recognise(header)),
        frame=frame,
        rows=rows,
        header=header,
        header_row=header_row,
        header_rows=header_rows,
    )


def _header(filled: list[Record]) -> tuple[int, list[str], list[Record], WideHeader | None]:
    """The header's row number and cells, the data rows below it, and, for a wide export,
    where its header is (a survey tool may put it below other rows, or in two rows)."""
    header_row, header_cells = filled[0]
    body = filled[1:]
    wide = None
    if recognise(header_cells) in (None, "wide"):
        wide = find_header([cells for _, cells in filled[: HEADER_ROWS + 2]])
    if wide is not None:
        header_row, header_cells = filled[wide.text_row][0], list(wide.header)
        body = filled[wide.body :]
    return header_row, [cell.replace("\ufeff", "").strip() for cell in header_cells], body, wide


def _named_columns(
    display: str,
    header_row: int,
    header_cells: list[str],
    body: list[Record],
    width: int,
    problems: list[Problem],
) -> list[int]:
    """The indexes of the columns to keep: named, and not named before. A problem for each
    unnamed column that has values and for each name written twice."""
    kept: list[int] = []
    first_at: dict[str, int] = {}
    for index in range(width):
        name = header_cells[index] if index < len(header_cells) else ""
        letter = get_column_letter(index + 1)
        if not name:
            used = next((n for n, cells in body if index < len(cells) and cells[index]), None)
            if used is not None:
                problems.append(
                    Problem(
                        display,
                        used,
                        None,
                        f"column {letter} has values but no name in the header (row {header_row})",
                        "name the column in the header row, or delete its values; in a CSV "
                        "file, put quotes around any value that contains the delimiter",
                    )
                )
            continue
        key = normalise_column(name)
        if key in first_at:
            earlier = get_column_letter(first_at[key] + 1)
            problems.append(
                Problem(
                    display,
                    header_row,
                    name,
                    f"the column '{name}' appears twice (columns {earlier} and {letter})",
                    "rename or delete one of the two columns",
                )
            )
            continue
        first_at[key] = index
        kept.append(index)
    return kept
