"""Responses, tidy or from a survey tool's wide export: answers parsed against the codebook."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Final

import pandas as pd

from ecosystem.codebook import (
    DIRECTION,
    FREQUENCY,
    NATURES,
    RELEVANCE,
    normalise_label,
    parse_nature,
)
from ecosystem.errors import Problem, SurveyError
from ecosystem.readers.raw import RawTable
from ecosystem.readers.wide import read_wide
from ecosystem.validate.cells import _missing, _Row, _rows, _text, split_list
from ecosystem.validate.names import _Names, _tie_ends

_NATURE_FIX: Final = "use any of these, separated by ';': " + "; ".join(NATURES.values())


def _parsed(row: _Row, key: str, parse: Callable[[str], object], fix: str, problems: list[Problem]):
    try:
        return parse(row.get(key))
    except ValueError as error:
        problems.append(row.problem(key, str(error), fix))
        return None


def _wave(row: _Row, named_wave: str, problems: list[Problem]) -> str:
    if "wave" not in row.cells:
        return named_wave
    written = row.get("wave")
    if not written:
        problems.append(
            row.problem(
                "wave",
                "the wave is blank",
                "write the wave's name in every row, or delete the 'wave' column and name "
                "the wave when importing the file",
            )
        )
    return written


def _natures(row: _Row, problems: list[Problem]) -> tuple[str, ...]:
    """The nature keys ticked in a row's ``nature`` cell (``;``-separated)."""
    keys: list[str] = []
    for item in split_list(row.get("nature")):
        try:
            keys.append(parse_nature(item))
        except ValueError as error:
            problems.append(row.problem("nature", str(error), _NATURE_FIX))
    return tuple(dict.fromkeys(keys))


Answered = dict[tuple[str, str, str, str], tuple[str, int]]
"""Where each (wave, respondent, partner, person) was first answered: file and row."""


def _responses(
    table: RawTable,
    named_wave: str,
    names: _Names,
    answered: Answered,
    problems: list[Problem],
) -> list[dict[str, object]]:
    if _missing(table, (("respondent",), ("partner",), ("frequency",)), problems):
        return []
    return _response_records(_rows(table), named_wave, names, answered, problems)


def _wide(
    table: RawTable,
    organisations: pd.DataFrame | None,
    mapping: Sequence[RawTable],
    named_wave: str,
    names: _Names,
    answered: Answered,
    problems: list[Problem],
) -> list[dict[str, object]]:
    """A wide export's answers, checked as tidy rows at the places of their cells.

    A problem in a header (an unknown partner) would be found once per respondent: it is
    reported once.
    """
    try:
        result = read_wide(table, organisations, mapping)
    except SurveyError as error:
        problems.extend(error.problems)
        return []
    cells = [c for c in result.responses.columns if c not in ("source_row", "source_column")]
    rows = [
        _Row(
            table,
            int(record["source_row"]),
            {key: _text(record[key]) for key in cells if key != "places"},
            dict(record["places"]),
        )
        for record in result.responses.to_dict("records")
    ]
    found: list[Problem] = []
    records = _response_records(rows, named_wave, names, answered, found)
    problems.extend(dict.fromkeys(found))
    return records


def _response_records(
    rows: Sequence[_Row],
    named_wave: str,
    names: _Names,
    answered: Answered,
    problems: list[Problem],
) -> list[dict[str, object]]:
    """The responses of some rows; a row answered twice (same wave, respondent, partner and
    person, in any file) is reported, and ``answered`` remembers each answer's place."""
    records: list[dict[str, object]] = []
    for row in rows:
        record = _response_record(row, named_wave, names, problems)
        if record is None:
            continue
        key = (
            str(record["wave"]),
            str(record["respondent"]),
            str(record["partner"]),
            normalise_label(record["respondent_person"]),
        )
        if key in answered:
            file, number = answered[key]
            problems.append(
                row.answer_problem(
                    f"this answer repeats {file} row {number} (same wave, respondent, "
                    "partner and respondent person): answered twice",
                    "delete one of the two rows, or name the person who gave each answer in "
                    "'respondent_person'",
                )
            )
            continue
        answered[key] = (row.table.path, row.number)
        records.append(record)
    return records


def _response_record(
    row: _Row, named_wave: str, names: _Names, problems: list[Problem]
) -> dict[str, object] | None:
    """One row's response with its answers as codes, or None after reporting its problems."""
    before = len(problems)
    wave = _wave(row, named_wave, problems)
    respondent, partner = _tie_ends(
        row, ("respondent", "partner"), names, problems,
        "delete the row: an organisation is not its own partner",
    )  # fmt: skip
    frequency = None
    if not row.get("frequency"):
        problems.append(
            row.problem(
                "frequency",
                "the frequency is blank",
                f"{FREQUENCY.accepted}; 'Never' is an answer too",
            )
        )
    else:
        frequency = _parsed(row, "frequency", FREQUENCY.parse, FREQUENCY.accepted, problems)
    relevance = math.nan
    if row.get("relevance"):
        relevance = _parsed(row, "relevance", RELEVANCE.parse, RELEVANCE.accepted, problems)
    direction = _parsed(row, "direction", DIRECTION.parse, DIRECTION.accepted, problems)
    nature = _natures(row, problems)
    if len(problems) > before:
        return None
    return {
        "wave": wave,
        "respondent": respondent,
        "partner": partner,
        "frequency": frequency,
        "relevance": float(relevance),
        "direction": direction,
        "nature": nature,
        "respondent_person": row.get("respondent_person"),
        "submitted": row.get("submitted"),
        "source_file": row.table.path,
        "source_row": row.number,
    }
