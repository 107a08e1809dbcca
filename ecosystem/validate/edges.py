"""Edge lists from other tools: source, target, a weight (a strength) and free-text natures."""

from __future__ import annotations

import math

from ecosystem.errors import Problem
from ecosystem.readers.kinds import first_present
from ecosystem.readers.raw import RawTable
from ecosystem.validate.cells import _missing, _rows, split_list
from ecosystem.validate.names import _Names, _tie_ends
from ecosystem.validate.responses import (
    _parsed,
    _wave,
)


def _weight(written: str) -> float:
    """A tie's strength as written: a number of 0 or more; blank means 1."""
    if not written:
        return 1.0
    try:
        number = float(written)
    except ValueError:
        try:
            number = float(written.replace(",", "."))  # a decimal comma, as in "1,5"
        except ValueError:
            raise ValueError(f"'{written}' is not a number") from None
    if not math.isfinite(number) or number < 0:
        raise ValueError(f"{written} is not a weight of 0 or more")
    return number


def _edges(
    table: RawTable, named_wave: str, names: _Names, problems: list[Problem]
) -> list[dict[str, object]]:
    if _missing(table, (("source",), ("target",)), problems):
        return []
    nature_key = first_present(table.frame.columns, ("nature", "type"))
    records: list[dict[str, object]] = []
    for row in _rows(table):
        before = len(problems)
        wave = _wave(row, named_wave, problems)
        source, target = _tie_ends(
            row, ("source", "target"), names, problems,
            "delete the row: an organisation has no tie with itself",
        )  # fmt: skip
        weight = _parsed(
            row,
            "weight",
            _weight,
            "write a number of 0 or more (higher = a stronger tie), or leave it blank for 1",
            problems,
        )
        if len(problems) > before:
            continue
        records.append(
            {
                "wave": wave,
                "source": source,
                "target": target,
                "weight": weight,
                "nature": split_list(row.get(nature_key)),
                "source_file": table.path,
                "source_row": row.number,
            }
        )
    return records
