"""Rows and cells of a raw table as validation reads them: each knows how to name its place."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from ecosystem.errors import Problem
from ecosystem.readers.kinds import first_present
from ecosystem.readers.raw import RawTable


@dataclass(frozen=True)
class _Row:
    """One data row of a table: its cells by column key, and how to report a problem in it.

    ``places`` gives, for rows read from a wide export, the (row, header as written) of each
    cell, and of the answer as a whole under ``"answer"``.
    """

    table: RawTable
    number: int
    cells: dict[str, str]
    places: dict[str, tuple[int, str | None]] = field(default_factory=dict)

    def get(self, key: str | None) -> str:
        return self.cells.get(key, "") if key else ""

    def problem(self, key: str | None, message: str, fix: str) -> Problem:
        if key in self.places:
            row, column = self.places[key]
            return Problem(self.table.path, row, column, message, fix)
        column = self.table.column_name(key) if key in self.cells else key
        return Problem(self.table.path, self.number, column, message, fix)

    def answer_problem(self, message: str, fix: str) -> Problem:
        """A problem with the whole answer: at its partner column (tidy) or first cell (wide)."""
        return self.problem("answer" if "answer" in self.places else "partner", message, fix)


def _text(value: object) -> str:
    """A cell as stripped text; a missing value (None or NaN) as ""."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _rows(table: RawTable) -> list[_Row]:
    columns = {key: table.frame[key].tolist() for key in table.frame.columns}
    return [
        _Row(table, number, {key: _text(values[i]) for key, values in columns.items()})
        for i, number in enumerate(table.rows)
    ]


def _missing(table: RawTable, required: Sequence[Sequence[str]], problems: list[Problem]) -> bool:
    """Report each required column missing from ``table``; True when any is missing."""
    missing = [alt for alt in required if first_present(table.frame.columns, alt) is None]
    for alternatives in missing:
        named = " (or ".join(f"'{a}'" for a in alternatives) + ")" * (len(alternatives) - 1)
        problems.append(
            Problem(
                table.path,
                table.header_row,
                alternatives[0],
                f"the column {named} is missing",
                f"add a column headed '{alternatives[0]}' with a value in every row",
            )
        )
    return bool(missing)


def split_list(cell: str) -> tuple[str, ...]:
    """The items of a ``;``-separated cell, stripped, blanks and repeats dropped.

    >>> split_list(" Dorset; Wessex ;; Dorset")
    ('Dorset', 'Wessex')
    """
    items = (item.strip() for item in str(cell).split(";"))
    return tuple(dict.fromkeys(item for item in items if item))
