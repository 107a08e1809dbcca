"""The rows of a wide export: each finished response turned into answers about partners.

**Who answered.** The respondent's organisation is read from its column (where the choice is
"Other", from its text column), the person from a name column (or first and last name
columns), else a role column. Where one organisation answered in several rows without a
name or role, each answer is told apart by the response's id (``ResponseId``, ``ID``,
``UserID``) or, failing that, its row (``row 7``), so that several people of one
organisation are kept, as the design asks.

**Rows skipped.** Unfinished responses (``Progress`` below 100, or ``Finished`` /
``Completed`` false or 0) and survey previews or tests (``Status`` "Survey Preview",
"Survey Test" or "Spam") are skipped and counted. A partner whose cells are all blank was not
answered about: no response (non-response never erases a tie). Answers about the
respondent's own organisation (the roster lists everyone) are skipped and counted.
``submitted`` is read from ``RecordedDate``, ``EndDate``, ``Completion time``, ``Ended``,
``Submitted`` or ``Timestamp``.

**Nature** cells list the choices separated by ``;`` or ``,`` (Microsoft Forms ends them with
``;``); a column ticking one choice is ticked when its cell is not blank and not ``0``,
``No``, ``False`` or ``Not selected``.

>>> rows_list([4, 9])
'rows 4, 9'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import pandas as pd

from ecosystem.codebook import NATURES, normalise_label
from ecosystem.readers.headers import Column, Known
from ecosystem.readers.mapping import Rule
from ecosystem.readers.partners import Partner
from ecosystem.readers.raw import RawTable
from ecosystem.readers.wording import QUESTIONS, nature_key
from ecosystem.survey import RESPONSE_COLUMNS
from ecosystem.words import plural, word

__all__ = [
    "WIDE_RESPONSE_COLUMNS",
    "Respondent",
    "column_of",
    "known_names",
    "reading_notes",
    "respondents",
    "responses",
    "rows_list",
]

WIDE_RESPONSE_COLUMNS: Final = (
    *(c for c in RESPONSE_COLUMNS if c not in ("wave", "source_file")),
    "source_column",
    "places",
)
"""Columns of the tidy responses read from a wide export: the tidy template's, as text,
and where each came from (``source_row`` the respondent's spreadsheet row, ``source_column``
the header of the answer's frequency column, ``places`` a dict from each tidy column to its
cell's ``(row, header as written)``)."""

_UNTICKED: Final = {"", "0", "no", "n", "false", "not selected", "unticked", "unchecked", "-"}
_FALSE: Final = {"false", "0", "no", "n"}
_PREVIEWS: Final = {"survey preview", "survey test", "preview", "test", "spam"}


def known_names(organisations: pd.DataFrame | None) -> dict[str, str]:
    """Every normalised name and alias of the organisations table -> canonical name."""
    if organisations is None:
        return {}
    known: dict[str, str] = {}
    aliases = organisations["aliases"] if "aliases" in organisations else [()] * len(organisations)
    for name, others in zip(organisations.index, aliases, strict=True):
        for spelling in (name, *others):
            known.setdefault(normalise_label(spelling), str(name))
    return known


def _identity(written: str, known: Known) -> str:
    """Who a name is, before validation: its canonical name if known, else its spelling."""
    return known.get(normalise_label(written), normalise_label(written))


def column_of(columns: Sequence[Column], role: str) -> Column | None:
    """The first column with ``role``, or ``None``."""
    return next((c for c in columns if c.role == role), None)


def _cells(table: RawTable, column: Column | None) -> list[str]:
    """A column's cells as stripped text ("" for every row when there is no column)."""
    if column is None:
        return [""] * len(table.rows)
    return [str(v).strip() for v in table.frame[column.key].tolist()]


# --- who answered ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Respondent:
    """One finished response: its position among the rows, and who gave it."""

    position: int
    row: int
    organisation: str
    person: str
    submitted: str
    places: dict[str, tuple[int, str | None]]


def _skipped(progress: str, finished: str, status: str) -> str | None:
    """Why a row is skipped (``"preview"`` or ``"unfinished"``), or ``None`` to read it."""
    if normalise_label(status) in _PREVIEWS:
        return "preview"
    try:
        incomplete = bool(progress) and float(progress.rstrip("%")) < 100
    except ValueError:
        incomplete = False
    if incomplete or normalise_label(finished) in _FALSE:
        return "unfinished"
    return None


def respondents(
    table: RawTable, columns: Sequence[Column], organisation: Column, known: Known
) -> tuple[list[Respondent], list[int], list[int]]:
    """Finished responses; the rows of unfinished ones and of previews or tests."""

    def cells(role: str) -> list[str]:
        return _cells(table, column_of(columns, role))

    progress, finished, status = cells("progress"), cells("finished"), cells("status")
    written, other = _cells(table, organisation), cells("organisation_other")
    name, role, ids = cells("person"), cells("role"), cells("id")
    first_name, last_name, submitted = cells("first_name"), cells("last_name"), cells("submitted")
    person_column = next(
        (c for r in ("person", "first_name", "role") if (c := column_of(columns, r))), None
    )
    submitted_column = column_of(columns, "submitted")
    skipped: dict[str, list[int]] = {"unfinished": [], "preview": []}
    found: list[tuple[int, int, str, str]] = []
    for i, number in enumerate(table.rows):
        reason = _skipped(progress[i], finished[i], status[i])
        if reason is not None:
            skipped[reason].append(number)
            continue
        respondent = written[i]
        if normalise_label(respondent).startswith("other") and other[i]:
            respondent = other[i]
        person = name[i] or " ".join(p for p in (first_name[i], last_name[i]) if p) or role[i]
        found.append((i, number, respondent, person))
    unnamed = Counter(_identity(r, known) for _, _, r, p in found if not p)
    people = [
        Respondent(
            position=i,
            row=number,
            organisation=respondent,
            person=person
            or (ids[i] or f"row {number}" if unnamed[_identity(respondent, known)] > 1 else ""),
            submitted=submitted[i],
            places={
                "respondent_person": (number, person_column.header if person_column else None),
                "submitted": (number, submitted_column.header if submitted_column else None),
            },
        )
        for i, number, respondent, person in found
    ]
    return people, skipped["unfinished"], skipped["preview"]


# --- what they answered -----------------------------------------------------------------------


def _nature_cell(text: str) -> str:
    """A nature cell's choices, separated by ``;``: choices separated by ``,`` are split too."""
    items: list[str] = []
    for item in (i.strip() for i in text.split(";")):
        if not item:
            continue
        if nature_key(item) is None and "," in item:
            items.extend(p.strip() for p in item.split(",") if p.strip())
        else:
            items.append(item)
    return "; ".join(items)


def _answer(
    partner: Partner, values: Mapping[str, Sequence[str]], position: int
) -> tuple[dict[str, str], list[Column]]:
    """One respondent's answers about one partner, as written; and the choices ticked."""
    answer = {q: values[c.key][position] for q, c in partner.columns.items()}
    ticked = [c for c in partner.ticks if normalise_label(values[c.key][position]) not in _UNTICKED]
    if "nature" in answer:
        answer["nature"] = _nature_cell(answer["nature"])
    elif ticked:
        answer["nature"] = "; ".join(NATURES[o] for o in dict.fromkeys(c.option for c in ticked))
    return answer, ticked


def _question_column(partner: Partner, question: str, ticked: Sequence[Column]) -> str | None:
    """The header of the column that answered ``question`` about ``partner``, if any."""
    column = partner.columns.get(question)
    if column is None and question == "nature" and ticked:
        column = ticked[0]
    return column.header if column else None


def _record(
    table: RawTable,
    organisation: Column,
    respondent: Respondent,
    partner: Partner,
    answer: Mapping[str, str],
    ticked: Sequence[Column],
) -> dict[str, object]:
    """One tidy response: a respondent's answers about a partner, and where each came from."""
    frequency = partner.columns["frequency"].header
    places = {
        "respondent": (respondent.row, organisation.header),
        "partner": (table.header_row, partner.first.header),
        **{q: (respondent.row, _question_column(partner, q, ticked)) for q in QUESTIONS},
        **respondent.places,
        "answer": (respondent.row, frequency),
    }
    return {
        "respondent": respondent.organisation,
        "partner": partner.written,
        **{q: answer.get(q, "") for q in QUESTIONS},
        "respondent_person": respondent.person,
        "submitted": respondent.submitted,
        "source_row": respondent.row,
        "source_column": frequency,
        "places": places,
    }


def responses(
    table: RawTable,
    columns: Sequence[Column],
    organisation: Column,
    partners: Mapping[str, Partner],
    people: Sequence[Respondent],
    known: Known,
) -> tuple[pd.DataFrame, list[int], list[int]]:
    """The tidy responses (columns :data:`WIDE_RESPONSE_COLUMNS`) of the respondents' rows;
    the rows of answers about the respondent's own organisation, and of rows that answered
    about no partner."""
    values = {c.key: _cells(table, c) for c in columns if c.role == "question"}
    records: list[dict[str, object]] = []
    own: list[int] = []
    silent: list[int] = []
    for respondent in people:
        answers = [
            (key, partner, *_answer(partner, values, respondent.position))
            for key, partner in partners.items()
        ]
        answers = [a for a in answers if any(a[2].values())]
        if not answers:
            silent.append(respondent.row)
        for key, partner, answer, ticked in answers:
            if respondent.organisation and _identity(respondent.organisation, known) == key:
                own.append(respondent.row)
                continue
            records.append(_record(table, organisation, respondent, partner, answer, ticked))
    frame = pd.DataFrame.from_records(records, columns=list(WIDE_RESPONSE_COLUMNS))
    return frame, own, silent


# --- notes ------------------------------------------------------------------------------------


def rows_list(numbers: Sequence[int]) -> str:
    """Row numbers in words: "row 4", "rows 4, 9" (at most ten, then "and 3 more")."""
    shown = ", ".join(str(n) for n in numbers[:10])
    more = f" and {len(numbers) - 10} more" if len(numbers) > 10 else ""
    return f"{word(len(numbers), 'row')} {shown}{more}"


def reading_notes(
    unfinished: Sequence[int],
    previews: Sequence[int],
    own: Sequence[int],
    silent: Sequence[int],
    columns: Sequence[Column],
    rules: Sequence[Rule],
) -> list[str]:
    """What a user should know about what was read and what was not."""
    notes: list[str] = []
    if unfinished:
        notes.append(
            f"{plural(len(unfinished), 'unfinished response')} skipped (Progress below 100 "
            f"or not Finished): {rows_list(unfinished)}"
        )
    if previews:
        notes.append(
            plural(len(previews), "survey preview or test", "survey previews or tests")
            + f" skipped (Status): {rows_list(previews)}"
        )
    if own:
        notes.append(
            f"{plural(len(own), 'answer')} about the respondent's own organisation ignored "
            f"(an organisation is not its own partner): {rows_list(sorted(set(own)))}"
        )
    if silent:
        notes.append(
            f"{plural(len(silent), 'response')} answered no question about a partner: "
            f"{rows_list(silent)}"
        )
    unused = [c.header for c in columns if c.role == "unused" and c.shaped]
    if unused:
        shown = ", ".join(f"'{h}'" for h in unused[:5])
        more = f" and {len(unused) - 5} more" if len(unused) > 5 else ""
        notes.append(
            f"{plural(len(unused), 'column')} not read as questions: {shown}{more} (name "
            "them in a mapping file if they hold answers)"
        )
    matched = {c.rule for c in columns if c.rule is not None}
    idle = [r.row for r in rules if r.row not in matched]
    if idle:
        notes.append(f"mapping file {rows_list(idle)} matched no column of this file")
    return notes
