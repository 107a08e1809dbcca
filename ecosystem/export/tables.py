"""Tables as files: CSV and XLSX workbooks with a "Definitions" sheet, safe to open.

:func:`write_workbook` writes one XLSX with a sheet per table and a "Definitions" sheet from
the glossary, so a table read away from the dashboard still says what its columns mean;
:func:`write_csv` writes one table as CSV that Excel reads with its accents.

This module is the one writer of every CSV and XLSX the product makes (the command line's
tables, the dashboard's downloads, the exports): each cell passes :func:`neutralise`, so a
name such as ``=HYPERLINK(...)`` or ``+44 Health`` reaches a spreadsheet as text, never as a
formula, while numbers stay numbers.

References
----------
OWASP Foundation. *CSV Injection*. https://owasp.org/www-community/attacks/CSV_Injection
(the characters that start a formula, and the leading apostrophe that defuses them).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd

from ecosystem.glossary import MEASURES

__all__ = [
    "DEFINITIONS_SHEET",
    "FORMULA_STARTS",
    "SHEET_NAME_LIMIT",
    "csv_bytes",
    "csv_text",
    "definitions_table",
    "neutralise",
    "workbook_bytes",
    "write_csv",
    "write_workbook",
]

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP)."""

SHEET_NAME_LIMIT: Final = 31
DEFINITIONS_SHEET: Final = "Definitions"
_SHEET_FORBIDDEN: Final = re.compile(r"[\[\]:*?/\\]")
_MIN_WIDTH: Final = 8
_MAX_WIDTH: Final = 60
_WIDTH_SAMPLE: Final = 500


def neutralise(value: Any) -> Any:
    """Defuse a text cell that a spreadsheet would run as a formula (CSV injection).

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
    apostrophe, as OWASP advises: Excel and LibreOffice then show it as text. Numbers,
    including negative ones, and every other value are returned unchanged.

    Examples
    --------
    >>> [neutralise(v) for v in ["=SUM(A1)", "+1", "-cmd", "@x", "NHS Dorset", -3.5]]
    ["'=SUM(A1)", "'+1", "'-cmd", "'@x", 'NHS Dorset', -3.5]
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    """A table value as a spreadsheet cell: plain Python, lists joined, blanks empty."""
    if isinstance(value, tuple | list | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return neutralise("; ".join(str(v) for v in items))
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None if math.isnan(value) else value
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, str):
        return neutralise(value)
    return neutralise(str(value))


def _with_index(frame: pd.DataFrame, index: bool | None = None) -> pd.DataFrame:
    """The table with its index as leading columns: always (``True``), never (``False``) or
    where it means something (``None``: named, or not 0..n-1)."""
    if index is not None:
        return frame.reset_index(drop=not index)
    labels = frame.index
    plain = (
        not isinstance(labels, pd.MultiIndex)
        and labels.name is None
        and isinstance(labels, pd.RangeIndex)
        and labels.start == 0
        and labels.step == 1
    )
    return frame if plain else frame.reset_index()


def _rows(frame: pd.DataFrame, index: bool | None = None) -> tuple[list[str], list[list[Any]]]:
    """The header and rows of a table as neutralised spreadsheet cells (:func:`_cell`)."""
    table = _with_index(frame, index)
    header = [
        neutralise(" / ".join(str(p) for p in c) if isinstance(c, tuple) else str(c))
        for c in table.columns
    ]
    rows = [[_cell(v) for v in row] for row in table.itertuples(index=False, name=None)]
    return header, rows


def csv_text(frame: pd.DataFrame, index: bool | None = None, line_end: str = "\r\n") -> str:
    r"""A table as CSV text, every text cell neutralised: the one CSV writer of the product.

    The command line writes its tables with it (lines ending ``"\n"``, for the terminal),
    :func:`csv_bytes` for files and downloads. Lists are ``"; "``-joined, missing values
    empty, numbers written as numbers (``-0.5`` stays ``-0.5``), and text that a spreadsheet
    would run as a formula gets a leading apostrophe (:func:`neutralise`).

    Parameters
    ----------
    frame : pandas.DataFrame
        The table. Not modified.
    index : bool, optional
        Write the index as leading columns always (``True``), never (``False``), or where
        it means something (``None``, the default: a name, or not 0..n-1).
    line_end : str
        What ends each line: ``"\r\n"`` (the CSV standard, RFC 4180) unless told.

    Examples
    --------
    >>> table = pd.DataFrame({"name": ["+44 Health", "NHS Dorset"], "change": [-0.5, 1.0]})
    >>> print(csv_text(table, line_end="\n"), end="")
    name,change
    '+44 Health,-0.5
    NHS Dorset,1.0
    """
    header, rows = _rows(frame, index)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end)
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return buffer.getvalue()


def csv_bytes(frame: pd.DataFrame, index: bool | None = None) -> bytes:
    """A table as CSV bytes: UTF-8 with a byte-order mark, so Excel reads accents and dashes.

    The index is written first where it means something (a name, or not 0..n-1) unless
    ``index`` says otherwise; lists are ``"; "``-joined; formula-like text is neutralised
    (:func:`csv_text`, :func:`neutralise`).

    Examples
    --------
    >>> csv_bytes(pd.DataFrame({"name": ["=1+1"], "value": [-3.5]})).decode("utf-8-sig")
    "name,value\\r\\n'=1+1,-3.5\\r\\n"
    """
    return csv_text(frame, index).encode("utf-8-sig")


def write_csv(frame: pd.DataFrame, path: Path | str) -> Path:
    """Write a table to a CSV file (see :func:`csv_bytes`); returns the path written."""
    target = Path(path)
    target.write_bytes(csv_bytes(frame))
    return target


def definitions_table() -> pd.DataFrame:
    """What every measure means, from the glossary, for a workbook's "Definitions" sheet.

    One row per measure of :data:`ecosystem.glossary.MEASURES` (organisation measures, then
    network measures), so a table read away from the dashboard still says what its columns
    mean and where each measure comes from. The label is the glossary's display label
    (:attr:`ecosystem.glossary.Measure.display`), the one the exported tables' headers show.

    Examples
    --------
    >>> table = definitions_table()
    >>> list(table.columns)
    ['measure', 'label', 'explanation', 'higher_is', 'reference']
    >>> table.loc[table["measure"] == "constraint", "reference"].item()
    'Burt 1992'
    >>> table.loc[table["measure"] == "in_degree", "label"].item()
    'Supporters (in-degree)'
    """
    return pd.DataFrame(
        [
            {
                "measure": m.key,
                "label": m.display,
                "explanation": m.explanation,
                "higher_is": m.higher_is,
                "reference": m.reference,
            }
            for m in MEASURES.values()
        ],
        columns=["measure", "label", "explanation", "higher_is", "reference"],
    )


def _sheet_names(titles: Iterable[str]) -> list[str]:
    """Excel-safe, unique sheet names: no []:*?/\\, at most 31 characters, never
    "Definitions" (kept for the glossary), duplicates numbered."""
    taken = {DEFINITIONS_SHEET.casefold()}
    names = []
    for title in titles:
        base = _SHEET_FORBIDDEN.sub("-", str(title)).strip().strip("'").strip() or "Table"
        base = base[:SHEET_NAME_LIMIT].strip()
        name, number = base, 1
        while name.casefold() in taken:
            number += 1
            suffix = f" ({number})"
            name = base[: SHEET_NAME_LIMIT - len(suffix)].rstrip() + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def _fill_sheet(sheet: Any, frame: pd.DataFrame) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    header, rows = _rows(frame)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for position, title in enumerate(header, start=1):
        lengths = [len(str(title))] + [
            len(str(row[position - 1]))
            for row in rows[:_WIDTH_SAMPLE]
            if row[position - 1] is not None
        ]
        widest = max(lengths)
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = min(max(widest + 2, _MIN_WIDTH), _MAX_WIDTH)
        if widest > _MAX_WIDTH:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=position, max_col=position):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def workbook_bytes(
    tables: Mapping[str, pd.DataFrame], definitions: pd.DataFrame | None = None
) -> bytes:
    """An XLSX workbook's bytes: one sheet per table, then a "Definitions" sheet.

    Sheet names are the mapping's keys made safe for Excel (at most 31 characters, no
    ``[]:*?/\\``, unique). Each sheet has a bold, frozen header row and columns sized to
    their contents (long text wraps); the index is the first column where it means
    something; every text cell is neutralised (:func:`neutralise`), so no cell runs as a
    formula.

    Parameters
    ----------
    tables : mapping
        Sheet title -> table. Not modified.
    definitions : pandas.DataFrame, optional
        The "Definitions" sheet; :func:`definitions_table` when not given.
    """
    from openpyxl import Workbook

    book = Workbook()
    if book.active is not None:  # a new workbook's one sheet, replaced by the tables
        book.remove(book.active)
    titles = list(tables)
    for title, name in zip(titles, _sheet_names(titles), strict=True):
        _fill_sheet(book.create_sheet(name), tables[title])
    _fill_sheet(
        book.create_sheet(DEFINITIONS_SHEET),
        definitions_table() if definitions is None else definitions,
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_workbook(
    tables: Mapping[str, pd.DataFrame],
    path: Path | str,
    definitions: pd.DataFrame | None = None,
) -> Path:
    """Write tables to one XLSX file (see :func:`workbook_bytes`); returns the path written."""
    target = Path(path)
    target.write_bytes(workbook_bytes(tables, definitions))
    return target
