"""Wide survey-tool exports: one row per respondent, one column per partner per question.

Qualtrics, Microsoft Forms, SmartSurvey, Google Forms and hand-made Excel grids all save a
partner-mapping survey the same way: each respondent is a row, and each question about each
partner on the roster is a column. :func:`read_wide` turns such a file into tidy responses,
one row per respondent x partner. The tidy rows keep the answers as written, and the place of
every cell, so that :func:`ecosystem.validate.validate` checks them exactly as it checks the
tidy template: the same scales, the same name resolution (names and aliases of the
organisations file, nearest names suggested), and every problem named by file, spreadsheet
row and column header as written.

The rules (also in ``surveys/codebook.md``) live beside the code that applies them:

* :mod:`ecosystem.readers.headers`: the header's shapes and where it is among the first rows
  (:func:`is_wide`, :func:`find_header`);
* :mod:`ecosystem.readers.wording`: which question a column asks, and which column names the
  respondent (:func:`question_of`);
* :mod:`ecosystem.readers.mapping`: mapping files, for wording that is not recognised;
* :mod:`ecosystem.readers.partners`: the partners asked about and their columns;
* :mod:`ecosystem.readers.rows`: who answered, rows skipped, and the answers.

Answers are read as the tool writes their labels: export "choice text", not numeric codes
(Qualtrics numbers its choices from 1, so its numeric export would shift every answer).

>>> is_wide(["Which organisation do you work for?",
...          "How often have you interacted with each organisation? - NHS Dorset"])
True
>>> question_of("In this relationship, who mainly supports whom?")
'direction'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from ecosystem.errors import Problem, SurveyError
from ecosystem.readers.headers import (
    HEADER_ROWS,
    WIDE_NEEDS,
    Column,
    Known,
    WideHeader,
    find_header,
    is_wide,
    table_columns,
)
from ecosystem.readers.mapping import mapping_rules
from ecosystem.readers.partners import Partner, partners_asked
from ecosystem.readers.raw import RawTable
from ecosystem.readers.rows import (
    WIDE_RESPONSE_COLUMNS,
    column_of,
    known_names,
    reading_notes,
    respondents,
    responses,
)
from ecosystem.readers.wording import QUESTIONS, question_of

__all__ = [
    "HEADER_ROWS",
    "QUESTIONS",
    "WIDE_NEEDS",
    "WIDE_RESPONSE_COLUMNS",
    "WideHeader",
    "WideResult",
    "find_header",
    "is_wide",
    "question_of",
    "read_wide",
    "wide_notes",
]


@dataclass(frozen=True)
class WideResult:
    """A wide export as tidy responses, with what was skipped and why.

    Attributes
    ----------
    responses
        One row per respondent x partner answered about, columns
        :data:`WIDE_RESPONSE_COLUMNS`: answers as written (a nature ticked in several
        columns is written as its labels separated by ``;``), each with the place it came
        from, ready for :func:`ecosystem.validate.validate` to check.
    skipped_unfinished
        Responses skipped because they were not finished.
    notes
        Plain-English notes for the user: what was skipped, and columns not read.
    """

    responses: pd.DataFrame
    skipped_unfinished: int = 0
    notes: list[str] = field(default_factory=list)


def read_wide(
    table: RawTable,
    organisations: pd.DataFrame | None = None,
    mapping: RawTable | Sequence[RawTable] | None = None,
) -> WideResult:
    """Turn a wide survey-tool export into tidy responses (see the module's rules).

    Parameters
    ----------
    table
        A table of kind ``"wide"`` from :func:`ecosystem.readers.read_table`.
    organisations
        The organisations known (``Survey.organisations``: canonical names as index, an
        ``aliases`` column), or ``None``. They choose between ways of splitting a header,
        group a partner's columns written under several names, and find the respondent's
        own column; names are resolved and checked by :func:`ecosystem.validate.validate`.
    mapping
        Tables of kind ``"mapping"`` saying what columns hold where wording is not
        recognised.

    Returns
    -------
    WideResult
        Tidy responses as written with the place of every cell, the count of unfinished
        responses skipped, and notes.

    Raises
    ------
    SurveyError
        When the file cannot be read as answers: no organisation question, no question about
        a partner, a partner without a frequency question, a question asked twice about one
        partner, a column about a known partner whose question is not recognised, or a bad
        mapping row.

    Examples
    --------
    >>> from ecosystem.readers import read_table
    >>> export = read_table("export.csv", (
    ...     "Your organisation,How often do you interact? - NHS Dorset,Progress\\n"
    ...     "BCP Council,Monthly,100\\nDorset Council,Weekly,40\\n").encode())
    >>> result = read_wide(export)
    >>> result.responses[["respondent", "partner", "frequency"]].values.tolist()
    [['BCP Council', 'NHS Dorset', 'Monthly']]
    >>> result.skipped_unfinished, result.notes
    (1, ['1 unfinished response skipped (Progress below 100 or not Finished): row 3'])
    """
    known = known_names(organisations)
    if mapping is None:
        mapping = ()
    elif not isinstance(mapping, Sequence):
        mapping = (mapping,)
    problems: list[Problem] = []
    rules = mapping_rules(mapping, problems)
    columns = table_columns(table, known, rules, problems)
    organisation, partners = _header(table, columns, known, problems)
    if problems:
        raise SurveyError(problems)
    assert organisation is not None
    people, unfinished, previews = respondents(table, columns, organisation, known)
    frame, own, silent = responses(table, columns, organisation, partners, people, known)
    notes = reading_notes(unfinished, previews, own, silent, columns, rules)
    return WideResult(responses=frame, skipped_unfinished=len(unfinished), notes=notes)


def _header(
    table: RawTable, columns: Sequence[Column], known: Known, problems: list[Problem]
) -> tuple[Column | None, dict[str, Partner]]:
    """The column naming the respondent's organisation and the partners asked about; the
    header's problems are added to ``problems``."""
    organisation = column_of(columns, "organisation") or column_of(columns, "organisation_maybe")
    if organisation is None:
        problems.append(
            Problem(
                table.path,
                table.header_row,
                None,
                "no column says which organisation each respondent works for",
                "add (or keep) the question 'Which organisation do you work for?' in the "
                "export, or name its column in a mapping file with the question "
                "'organisation'",
            )
        )
    partners = partners_asked(table.path, table.header_row, columns, known, problems)
    if not partners:
        problems.append(
            Problem(
                table.path,
                table.header_row,
                None,
                "no column asks about a partner in words that are recognised",
                "head each column like 'How often ... - Partner name', or add a mapping "
                "file saying which column asks which question",
            )
        )
    return organisation, partners


def wide_notes(tables: Sequence[RawTable], organisations: pd.DataFrame | None = None) -> list[str]:
    """The notes of every wide export among ``tables``, each beginning with its file's name.

    For a command line or dashboard to say what was skipped; a file that cannot be read gives
    no notes (its problems are reported by :func:`ecosystem.validate.validate`).
    """
    mapping = [t for t in tables if t.kind == "mapping"]
    notes: list[str] = []
    for table in tables:
        if table.kind != "wide":
            continue
        try:
            result = read_wide(table, organisations, mapping)
        except SurveyError:
            continue
        notes.extend(f"{table.path}: {note}" for note in result.notes)
    return notes
