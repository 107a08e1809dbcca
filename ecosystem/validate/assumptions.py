"""What validation assumed where a file leaves out an optional column that shapes the network.

A responses file may leave out ``direction`` and ``relevance``, and an edge list ``weight``:
the file is still valid, but the network is then built on an assumption the user should know
of, because it changes what they see:

* no direction of support stated for any tie of a file: every tie it reports is read as
  "direction not stated", so both arcs are drawn and flagged (:mod:`ecosystem.network`);
* no relevance for any tie of a file: under the ``relevance`` weighting those ties carry no
  weight, under ``product`` (frequency x relevance) they weigh 0, and a relevance filter
  leaves them out;
* no ``weight`` column in an edge list: every edge weighs 1.

Each becomes a :class:`~ecosystem.errors.Note` (file, column, what was assumed and how many
ties): a note, not a problem, so the file is still imported. A tie is an answer whose
frequency is above "Never". Counting needs only the raw tables (and, for a survey tool's
wide export, the organisations known), so a face can say this about files it has not yet
imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

import pandas as pd

from ecosystem.codebook import DIRECTION, FREQUENCY
from ecosystem.errors import Note, SurveyError
from ecosystem.readers.raw import RawTable
from ecosystem.readers.wide import read_wide
from ecosystem.words import in_words

_STATED: Final = in_words([f"'{DIRECTION.labels[c]}'" for c in ("out", "in", "both")], "or")
"""The directions that state who supports whom, as a fix names them."""

__all__ = ["DIRECTION_NOT_STATED", "EDGES_UNWEIGHTED", "NO_RELEVANCE", "assumptions"]

DIRECTION_NOT_STATED: Final = "direction_not_stated"
"""The ``kind`` of a note: no tie of a file states a direction of support."""
NO_RELEVANCE: Final = "no_relevance"
"""The ``kind`` of a note: no tie of a file has a relevance answer."""
EDGES_UNWEIGHTED: Final = "edges_unweighted"
"""The ``kind`` of a note: an edge list has no ``weight`` column."""


def assumptions(
    tables: Sequence[RawTable], organisations: pd.DataFrame | None = None
) -> list[Note]:
    """The assumptions made in reading each responses file, wide export and edge list.

    ``organisations`` (a survey's organisations table) helps read wide exports' headers, as
    in :func:`ecosystem.validate.validate`. A file that cannot be read gives no notes: its
    problems are reported by validation.

    >>> from ecosystem.readers import read_table
    >>> answers = read_table("answers.csv", b"respondent,partner,frequency\\n"
    ...                      b"A,B,Weekly\\nB,A,Never\\nA,C,Monthly\\n")
    >>> for note in assumptions([answers]):
    ...     print(note.column, note.count, note.kind)
    direction 2 direction_not_stated
    relevance 2 no_relevance
    """
    mapping = [t for t in tables if t.kind == "mapping"]
    notes: list[Note] = []
    for table in tables:
        if table.kind == "edges" and "weight" not in table.frame.columns:
            notes.append(_unweighted(table))
        elif table.kind == "responses":
            notes.extend(_answer_notes(table.path, table.frame, tidy=True))
        elif table.kind == "wide":
            try:
                answers = read_wide(table, organisations, mapping).responses
            except SurveyError:
                continue
            notes.extend(_answer_notes(table.path, answers, tidy=False))
    return notes


def _unweighted(table: RawTable) -> Note:
    count = len(table.frame)
    return Note(
        table.path,
        "weight",
        f"no 'weight' column: each of its {count:,} edge row(s) weighs 1 (add a 'weight' "
        "column of strengths, 0 or more, to weigh them)",
        count,
        EDGES_UNWEIGHTED,
    )


def _answer_notes(path: str, answers: pd.DataFrame, tidy: bool) -> list[Note]:
    """Notes on a file's answers (cells as written): a direction or relevance stated by none
    of its ties."""
    ties = [cells for cells in _records(answers) if _is_tie(cells.get("frequency", ""))]
    notes: list[Note] = []
    if ties and not any(_stated_direction(cells.get("direction", "")) for cells in ties):
        notes.append(
            Note(
                path,
                "direction",
                f"{_absence(answers, 'direction', tidy)}: its {len(ties):,} tie(s) are read as "
                "'direction not stated', so each is drawn both ways and flagged (say who "
                f"supports whom with {_STATED} in a 'direction' column)",
                len(ties),
                DIRECTION_NOT_STATED,
            )
        )
    if ties and not any(cells.get("relevance", "") for cells in ties):
        notes.append(
            Note(
                path,
                "relevance",
                f"{_absence(answers, 'relevance', tidy)}: its {len(ties):,} tie(s) carry no "
                "weight under the 'relevance' weighting, weigh 0 under 'product' (frequency "
                "x relevance), and are left out by a relevance filter",
                len(ties),
                NO_RELEVANCE,
            )
        )
    return notes


def _records(answers: pd.DataFrame) -> Iterable[dict[str, str]]:
    columns = [c for c in ("frequency", "direction", "relevance") if c in answers.columns]
    for values in answers[columns].itertuples(index=False):
        yield {
            c: "" if pd.isna(v) else str(v).strip() for c, v in zip(columns, values, strict=True)
        }


def _absence(answers: pd.DataFrame, column: str, tidy: bool) -> str:
    """How a file lacks a column: not there at all, or blank in every tie."""
    if tidy and column not in answers.columns:
        return f"no '{column}' column"
    if not tidy:
        return (
            f"no tie states a {column} (the export asks no {column} question, or none is answered)"
        )
    return f"the '{column}' column is blank for every tie"


def _is_tie(frequency: str) -> bool:
    """True when an answer reports a tie (a frequency above "Never"); unreadable answers are
    validation's problems, not ties."""
    try:
        return FREQUENCY.parse(frequency) > 0
    except ValueError:
        return False


def _stated_direction(direction: str) -> bool:
    try:
        return DIRECTION.parse(direction) != "none"
    except ValueError:
        return True  # a direction written, though unreadable: validation reports it
