"""The headers of survey-tool exports: which column asks which question about which partner.

**Header shapes.** A column about a partner is headed ``Question - Partner`` (Qualtrics),
``Question?.Partner`` (Microsoft Forms), ``Question [Partner]`` (Google Forms, Excel), or has
the question in one row and the partner's name in the row beneath it (SmartSurvey; the
question is written once above its block of partners, as merged cells are saved). The
header may be any of the first three non-blank rows: rows above it (Qualtrics' export tags)
are skipped, as are rows just below it that repeat it or hold Qualtrics' ``{"ImportId": ...}``
cells. Where a header can be split in several places, the split whose partner is in the
organisations file wins; otherwise brackets, then ``?.``, then the last `` - ``, then the
first ``.``.

**Nature** is either one column per partner whose cells list the choices, or one column per
partner per choice (``Nature - Partner - PPIE support``, or the choice in the partner row
beneath a question).

What each column holds is read from a mapping row that names it
(:mod:`ecosystem.readers.mapping`), else from its wording (:mod:`ecosystem.readers.wording`).

>>> is_wide(["Which organisation do you work for?",
...          "How often have you interacted with each organisation? - NHS Dorset"])
True
>>> read_column("c1", ["How often? [NHS Dorset]"], {}, ())[0].partner
'NHS Dorset'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from ecosystem.codebook import normalise_label
from ecosystem.errors import Problem
from ecosystem.readers.mapping import Rule
from ecosystem.readers.raw import RawTable
from ecosystem.readers.wording import (
    QUESTIONS,
    meta_role,
    nature_key,
    plain_role,
    question_of,
    squash,
)

__all__ = [
    "HEADER_ROWS",
    "WIDE_NEEDS",
    "Column",
    "Known",
    "WideHeader",
    "find_header",
    "header_partners",
    "is_wide",
    "read_column",
    "table_columns",
]

HEADER_ROWS: Final = 3
"""How many of a file's first non-blank rows may be its header."""

WIDE_NEEDS: Final = (
    "survey-tool exports (wide) need a column naming the respondent's organisation (e.g. "
    "'Which organisation do you work for?') and one column per partner per question, headed "
    "like 'How often ... - Partner name', 'How often ...?.Partner name' or "
    "'How often ... [Partner name]'"
)
"""What a wide export needs, for messages about headers that match no kind of file."""

_FILLERS: Final = {"selectedchoice", "text", "othertext", "response", "openendedresponse", "answer"}
"""Second parts of headers that are not partners (Qualtrics, SurveyMonkey, SmartSurvey)."""
_SEPARATORS: Final = (" - ", " – ", " — ", ": ", " | ")
_DASH: Final = re.compile(r"\s+[-–—]\s+")
_DOT: Final = re.compile(r"(?<=\S)\.(?=[^\s.])")
_BRACKET: Final = re.compile(r"^(?P<question>.*?)\s*\[(?P<partner>[^\[\]]+)\]\s*$", re.DOTALL)
_IMPORT_ID: Final = re.compile(r'^\{\s*"?importid', re.IGNORECASE)

Known = Mapping[str, str]
"""A normalised name or alias -> the organisation's canonical name."""

_Candidate = tuple[str, str, int, int]
"""A split of a header: question part, partner part, shape preference, tie-break."""


@dataclass(frozen=True)
class Column:
    """What one column of a wide file holds.

    ``role`` is ``"question"`` for a question about a partner (then ``question``,
    ``partner`` and, for a column ticking one nature choice, ``option`` say which), another
    role (``organisation``, ``person``, ``progress``, ...), or ``"unused"``. ``shaped`` says
    that the header has a question-and-partner shape; ``rule`` is the mapping row that named
    the column, if any.
    """

    key: str
    header: str
    role: str
    question: str = ""
    partner: str = ""
    option: str = ""
    shaped: bool = False
    rule: int | None = None


# --- one header -------------------------------------------------------------------------------


def _candidates(parts: Sequence[str]) -> list[_Candidate]:
    """Every way to read a header as a question and a partner."""
    question, partner = (parts[0], parts[1]) if len(parts) == 2 else (parts[0], "")
    if question and partner and squash(partner) not in _FILLERS:
        return [(question, partner, 4, 0)]
    header = question or partner
    found: list[_Candidate] = []
    bracket = _BRACKET.match(header)
    if bracket:
        found.append((bracket["question"], bracket["partner"], 3, 0))
    for dash in _DASH.finditer(header):
        found.append((header[: dash.start()], header[dash.end() :], 1, dash.start()))
    for dot in _DOT.finditer(header):
        before = header[: dot.start()]
        found.append((before, header[dot.end() :], 2 if before.endswith("?") else 0, -dot.start()))
    return [
        (q.strip(), p.strip(), shape, tie)
        for q, p, shape, tie in found
        if q.strip() and p.strip() and squash(p) not in _FILLERS and not p.strip().isdigit()
    ]


def header_partners(header: str) -> list[str]:
    """Every partner that a one-row header may name, however it is split.

    >>> header_partners("Q5 - NHS Dorset")
    ['NHS Dorset']
    """
    return [partner for _, partner, _, _ in _candidates([header])]


def _option_split(question: str, partner: str) -> tuple[str, str] | None:
    """(partner, nature key) of a column that ticks one nature choice, or ``None``."""
    option = nature_key(partner)
    if option:  # "Nature - Partner - Choice" split after the partner: it ends the question
        for separator in _SEPARATORS:
            if separator in question:
                return question.rsplit(separator, 1)[1].strip(), option
        return None
    for separator in _SEPARATORS:
        if separator in partner:
            head, tail = partner.rsplit(separator, 1)
            if option := nature_key(tail):
                return head.strip(), option
            head, tail = partner.split(separator, 1)
            if option := nature_key(head):
                return tail.strip(), option
    for separator in _SEPARATORS:
        if separator in question and (option := nature_key(question.rsplit(separator, 1)[1])):
            return partner, option
    return None


def _reading(
    candidates: Sequence[_Candidate], ask: Callable[[str], str | None], known: Known
) -> tuple[str, str, str] | None:
    """The best (question, partner, nature option) among a header's splits, or ``None``."""
    best: tuple[tuple[bool, int, int], tuple[str, str, str]] | None = None
    for question_part, partner, shape, tie in candidates:
        question = ask(question_part)
        if question is None:
            continue
        option = ""
        if question == "nature" and normalise_label(partner) not in known:
            split = _option_split(question_part, partner)
            if split is not None:
                partner, option = split
        score = (normalise_label(partner) in known, shape, tie)
        if best is None or score > best[0]:
            best = (score, (question, partner, option))
    return None if best is None else best[1]


def _mapped_column(
    key: str,
    display: str,
    candidates: Sequence[_Candidate],
    known: Known,
    rules: Sequence[Rule],
) -> tuple[Column, str] | None:
    """The column as the first mapping row naming it says (header rows before pattern
    rows), with a reason it could not be read or ""; ``None`` when no row names it."""
    rule = next((r for r in rules if r.header and r.matches(display)), None) or next(
        (r for r in rules if not r.header and r.matches(display)), None
    )
    if rule is None:
        return None
    shaped = any(shape > 0 for _, _, shape, _ in candidates)
    if rule.question not in QUESTIONS:
        return Column(key, display, rule.question, shaped=shaped, rule=rule.row), ""
    partner, option = rule.partner, rule.option
    if not partner:
        pattern = rule.pattern
        within = [c for c in candidates if pattern is None or pattern.search(c[0])]
        found = _reading(within or candidates, lambda _: rule.question, known)
        if found is None:
            reason = (
                f"mapping row {rule.row} says this column asks the {rule.question} "
                "question, but no partner can be read from its header"
            )
            return Column(key, display, "unused", shaped=shaped, rule=rule.row), reason
        partner, option = found[1], option or found[2]
    return Column(key, display, "question", rule.question, partner, option, shaped, rule.row), ""


def read_column(
    key: str, parts: Sequence[str], known: Known, rules: Sequence[Rule]
) -> tuple[Column, str]:
    """Read one column's header, given as its text rows (one, or a question above a partner).

    The second item is a reason the column could not be read, or "". A mapping row naming
    the column wins; then the survey tools' own columns; then a question about a partner by
    its wording; then the respondent's organisation, name or role.
    """
    parts = [str(p).strip() for p in parts]
    display = " - ".join(p for p in parts if p)
    candidates = _candidates(parts)
    mapped = _mapped_column(key, display, candidates, known, rules)
    if mapped is not None:
        return mapped
    role = meta_role(display)
    if role is not None:
        return Column(key, display, role), ""
    shaped = any(shape > 0 for _, _, shape, _ in candidates)
    found = _reading(candidates, question_of, known)
    if found is not None:
        question, partner, option = found
        return Column(key, display, "question", question, partner, option, shaped), ""
    role = plain_role(display)
    if role is not None:
        return Column(key, display, role), ""
    return Column(key, display, "unused", shaped=shaped), ""


def _columns(
    header_rows: Sequence[Sequence[str]], keys: Sequence[str], known: Known, rules: Sequence[Rule]
) -> tuple[list[Column], list[tuple[Column, str]]]:
    """Every column of a header; and those that could not be read, each with the reason."""
    columns: list[Column] = []
    unread: list[tuple[Column, str]] = []
    for index, key in enumerate(keys):
        parts = [row[index] if index < len(row) else "" for row in header_rows]
        column, reason = read_column(key, parts, known, rules)
        columns.append(column)
        if reason:
            unread.append((column, reason))
    return columns, unread


def table_columns(
    table: RawTable, known: Known, rules: Sequence[Rule], problems: list[Problem]
) -> list[Column]:
    """What each column of a wide table holds, named by its header as the table shows it."""
    keys = list(table.frame.columns)
    columns, unread = _columns(table.header_rows or (table.header,), keys, known, rules)
    columns = [
        Column(c.key, header, c.role, c.question, c.partner, c.option, c.shaped, c.rule)
        for c, header in zip(columns, table.header, strict=True)
    ]
    for column, reason in unread:
        problems.append(
            Problem(
                table.path,
                table.header_row,
                table.column_name(column.key),
                reason,
                "write the partner in the mapping file's 'partner' column",
            )
        )
    return columns


def _looks_wide(columns: Sequence[Column], strict: bool = False) -> bool:
    """A recognised question about a partner; or, unless ``strict``, a column surely asking
    the respondent's organisation beside one shaped like a question about a partner."""
    if any(c.role == "question" for c in columns):
        return True
    return (
        not strict
        and any(c.role == "organisation" for c in columns)
        and any(c.shaped for c in columns if c.role != "organisation")
    )


def is_wide(header: Sequence[str]) -> bool:
    """True when a header row is a wide survey-tool export's.

    It is when a column asks a recognised question about a partner ("How often ... -
    Partner"), or, for wording that only a mapping file explains, when a column names the
    respondent's organisation and another has a question-and-partner shape.

    >>> is_wide(["StartDate", "Your organisation", "Q5 - NHS Dorset"])
    True
    >>> is_wide(["name", "type", "aliases"]), is_wide(["organisation", "sector"])
    (False, False)
    """
    cells = [str(cell) for cell in header]
    columns, _ = _columns([cells], [str(i) for i in range(len(cells))], {}, ())
    return _looks_wide(columns)


# --- the header among the first rows --------------------------------------------------------


@dataclass(frozen=True)
class WideHeader:
    """Where a wide export's header is among its first non-blank rows.

    Attributes
    ----------
    header
        One name per column, as shown in problems: the header row as written, or, for a
        question row above a partner row, ``"Question - Partner"``.
    rows
        The header's text rows, aligned with ``header``: ``(header,)``, or the question row
        (each question repeated over its block of partners) and the partner row.
    text_row
        Index (among the rows given) of the last text row: the row that names the partners.
    body
        Index of the first data row (after any rows that repeat the header or hold import
        ids).
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    text_row: int
    body: int


def _stacked(upper: Sequence[str], lower: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """A question row (merged cells saved as blanks) filled over the partners beneath it."""
    width = max(len(upper), len(lower))
    questions: list[str] = []
    current = ""
    for index in range(width):
        above = upper[index].strip() if index < len(upper) else ""
        below = lower[index].strip() if index < len(lower) else ""
        if above:
            current = above
        elif not below:
            current = ""  # a blank column ends a block
        questions.append(above or (current if below else ""))
    partners = [lower[i].strip() if i < len(lower) else "" for i in range(width)]
    return tuple(questions), tuple(partners)


def _display(rows: Sequence[Sequence[str]]) -> tuple[str, ...]:
    width = max(len(r) for r in rows)
    return tuple(
        " - ".join(p for p in (r[i].strip() if i < len(r) else "" for r in rows) if p)
        for i in range(width)
    )


def _echoes(cells: Sequence[str], rows: Sequence[Sequence[str]]) -> bool:
    """True for a row that repeats the header or holds Qualtrics' import ids."""
    filled = [c.strip() for c in cells if c.strip()]
    if filled and all(_IMPORT_ID.match(c) for c in filled):
        return True
    return any([c.strip() for c in cells] == [c.strip() for c in row] for row in rows)


def find_header(rows: Sequence[Sequence[str]]) -> WideHeader | None:
    """Find a wide export's header among a file's first non-blank rows, or ``None``.

    Each of the first :data:`HEADER_ROWS` rows is tried alone, then each with the row
    beneath it (a question row above a partner row); the first with a recognised question
    about a partner is the header, else the first that :func:`is_wide` accepts.

    >>> found = find_header([["Q1", "Q2_1"], ["Your organisation", "How often? - NHS Dorset"],
    ...                      ['{"ImportId":"QID1"}', '{"ImportId":"QID2_1"}'], ["A", "Weekly"]])
    >>> found.header, found.text_row, found.body
    (('Your organisation', 'How often? - NHS Dorset'), 1, 3)
    """
    rows = [[str(c) for c in r] for r in rows]
    tries: list[tuple[int, tuple[tuple[str, ...], ...]]] = [
        (i, (tuple(c.strip() for c in rows[i]),)) for i in range(min(HEADER_ROWS, len(rows)))
    ]
    tries += [(i + 1, _stacked(rows[i], rows[i + 1])) for i in range(min(2, len(rows) - 1))]
    for strict in (True, False):
        for text_row, header_rows in tries:
            columns, _ = _columns(header_rows, _display(header_rows), {}, ())
            if not _looks_wide(columns, strict):
                continue
            body = text_row + 1
            while body < len(rows) and _echoes(rows[body], [*rows[:text_row], *header_rows]):
                body += 1
            return WideHeader(_display(header_rows), header_rows, text_row, body)
    return None
