"""Wide survey-tool exports: one row per respondent, one column per partner per question.

Qualtrics, Microsoft Forms, SmartSurvey, Google Forms and hand-made Excel grids all save a
partner-mapping survey the same way: each respondent is a row, and each question about each
partner on the roster is a column. This module recognises such a file from its header
(:func:`is_wide`, :func:`find_header`) and turns it into tidy responses, one row per
respondent x partner (:func:`read_wide`). The tidy rows keep the answers as written, and the
place of every cell, so that :func:`ecosystem.validate.validate` checks them exactly as it
checks the tidy template: the same scales, the same name resolution (names and aliases of the
organisations file, nearest names suggested), and every problem named by file, spreadsheet
row and column header as written.

Rules (also in ``surveys/codebook.md``)
---------------------------------------
**Header shapes.** A column about a partner is headed ``Question - Partner`` (Qualtrics),
``Question?.Partner`` (Microsoft Forms), ``Question [Partner]`` (Google Forms, Excel), or has
the question in one row and the partner's name in the row beneath it (SmartSurvey; the
question is written once above its block of partners, as merged cells are saved). The
header may be any of the first three non-blank rows: rows above it (Qualtrics' export tags)
are skipped, as are rows just below it that repeat it or hold Qualtrics' ``{"ImportId": ...}``
cells. Where a header can be split in several places, the split whose partner is in the
organisations file wins; otherwise brackets, then ``?.``, then the last `` - ``, then the
first ``.``.

**Questions by wording** (case-insensitive; the first rule that matches wins):

=============  =====================================================================
question       wording
=============  =====================================================================
nature         "nature", "type of support", "kind of support",
               "what does the relationship involve"
direction      "who supports whom", "who mainly supports whom", "direction"
frequency      "how often", "frequency"
relevance      "how relevant", "relevance"
frequency      "interact" (only when no rule above matched)
relevance      "important"
direction      "support"
=============  =====================================================================

**Nature** is either one column per partner whose cells list the choices separated by ``;``
or ``,`` (Microsoft Forms ends them with ``;``), or one column per partner per choice
(``Nature - Partner - PPIE support``, or the choice in the partner row beneath a question),
ticked when the cell is not blank and not ``0``, ``No``, ``False`` or ``Not selected``.

**The respondent.** The respondent's organisation is the column whose wording names an
organisation and is not a question about a partner ("Which organisation do you work for?",
"Your organisation", "Organisation name"); Qualtrics' `` - Selected Choice`` suffix is
ignored, and where the choice is "Other" its `` - Text`` column is read instead. The person
is the first of a name column ("Name", "Your name"; or first and last name columns) and a
role column ("Your role", "Job title"). Where one organisation answered in several rows
without a name or role, each answer is told apart by the response's id (``ResponseId``,
``ID``, ``UserID``) or, failing that, its row (``row 7``), so that several people of one
organisation are kept, as the design asks.

**Rows skipped.** Unfinished responses (``Progress`` below 100, or ``Finished`` /
``Completed`` false or 0) and survey previews or tests (``Status`` "Survey Preview",
"Survey Test" or "Spam") are skipped and counted. A partner whose cells are all blank was not
answered about: no response (non-response never erases a tie). Answers about the
respondent's own organisation (the roster lists everyone) are skipped and counted.
``submitted`` is read from ``RecordedDate``, ``EndDate``, ``Completion time``, ``Ended``,
``Submitted`` or ``Timestamp``.

**Mapping file.** Where wording is not recognised, a small CSV or XLSX says what each column
holds: columns ``header,question,partner`` (a header as written; ``partner`` may be left blank
when the header names it) or ``pattern,question`` (any header containing the pattern; ``*``
stands for any text; the partner is read from the header's shape). ``question`` is one of
``frequency``, ``relevance``, ``direction``, ``nature``, ``nature: <choice>`` (a column that
ticks one choice), ``organisation``, ``person``, ``role``, ``submitted`` or ``ignore``. A
mapping row wins over the wording rules; header rows win over pattern rows.

Answers are read as the tool writes their labels: export "choice text", not numeric codes
(Qualtrics numbers its choices from 1, so its numeric export would shift every answer).

>>> is_wide(["Which organisation do you work for?",
...          "How often have you interacted with each organisation? - NHS Dorset"])
True
>>> question_of("In this relationship, who mainly supports whom?")
'direction'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

import pandas as pd

from ecosystem.codebook import NATURES, normalise_label, parse_nature
from ecosystem.errors import Problem, SurveyError

if TYPE_CHECKING:  # the tables module imports this one, to find a wide file's header
    from ecosystem.readers.tables import RawTable

__all__ = [
    "QUESTIONS",
    "WIDE_RESPONSE_COLUMNS",
    "WideHeader",
    "WideResult",
    "find_header",
    "is_wide",
    "question_of",
    "read_wide",
    "wide_notes",
]

QUESTIONS: Final = ("frequency", "relevance", "direction", "nature")
"""The questions asked about each partner, in the order of the tidy responses."""

WIDE_RESPONSE_COLUMNS: Final = (
    "respondent",
    "partner",
    "frequency",
    "relevance",
    "direction",
    "nature",
    "respondent_person",
    "submitted",
    "source_row",
    "source_column",
    "places",
)
"""Columns of :attr:`WideResult.responses`: the tidy template's, as text, and where each came
from (``source_row`` the respondent's spreadsheet row, ``source_column`` the header of the
answer's frequency column, ``places`` a dict from each tidy column to its cell's
``(row, header as written)``)."""

HEADER_ROWS: Final = 3
"""How many of a file's first non-blank rows may be its header."""

WIDE_NEEDS: Final = (
    "survey-tool exports (wide) need a column naming the respondent's organisation (e.g. "
    "'Which organisation do you work for?') and one column per partner per question, headed "
    "like 'How often ... - Partner name', 'How often ...?.Partner name' or "
    "'How often ... [Partner name]'"
)
"""What a wide export needs, for messages about headers that match no kind of file."""

# --- wording ------------------------------------------------------------------------------

_SPECIFIC: Final = (
    (
        "nature",
        re.compile(
            r"\bnature\b|\btype of support\b|\bkind of support\b"
            r"|what does (the|this|your|each) relationship involve"
        ),
    ),
    ("direction", re.compile(r"who (mainly )?supports? (whom|who)\b|\bdirection\b")),
    ("frequency", re.compile(r"how often|\bfrequen")),
    ("relevance", re.compile(r"how relevant|\brelevan")),
)
_GENERIC: Final = (
    ("frequency", re.compile(r"\binteract")),
    ("relevance", re.compile(r"\bimportan")),
    ("direction", re.compile(r"\bsupport")),
)
_ORGANISATION: Final = re.compile(r"organi[sz]ation")
_NOT_ORGANISATION: Final = re.compile(r"\b(type|kind|sector|size|region|hub|role)\b")
_NAMES_ORGANISATION: Final = re.compile(
    r"^(which|what) organi[sz]ation|^(your|respondent'?s?|the) organi[sz]ation( name)?\W*$"
    r"|^organi[sz]ation( name)?\W*$|name of (your|the) organi[sz]ation"
    r"|organi[sz]ation (do|are) you (work|from|represent|with)"
)
"""Wordings that surely ask the respondent's organisation (others mentioning one may)."""
_PERSON: Final = re.compile(
    r"^(your |respondent'?s? )?(full )?name$|^name of (the )?respondent$|^respondent( person)?$"
    r"|^respondent_person$"
)
_ROLE: Final = re.compile(r"^(your )?(role|job title|job role|position)( or (job title|role))?$")

_META: Final[dict[str, tuple[str, ...]]] = {
    "progress": ("progress",),
    "finished": ("finished", "completed", "complete", "iscomplete"),
    "status": ("status", "responsetype"),
    "submitted": (
        "recordeddate",
        "enddate",
        "completiontime",
        "ended",
        "submitted",
        "submittedat",
        "submissiondate",
        "datesubmitted",
        "timestamp",
    ),
    "id": ("responseid", "respondentid", "id", "userid", "responsenumber"),
    "first_name": ("recipientfirstname", "firstname"),
    "last_name": ("recipientlastname", "lastname", "surname"),
    "meta": (
        "startdate",
        "starttime",
        "started",
        "ipaddress",
        "durationinseconds",
        "duration",
        "externalreference",
        "externaldatareference",
        "locationlatitude",
        "locationlongitude",
        "distributionchannel",
        "userlanguage",
        "language",
        "email",
        "recipientemail",
        "lastmodifiedtime",
        "userno",
        "uniqueid",
        "trackinglink",
        "customvalue",
    ),
}
_FILLERS: Final = {"selectedchoice", "text", "othertext", "response", "openendedresponse", "answer"}
"""Second parts of headers that are not partners (Qualtrics, SurveyMonkey, SmartSurvey)."""
_UNTICKED: Final = {"", "0", "no", "n", "false", "not selected", "unticked", "unchecked", "-"}
_FALSE: Final = {"false", "0", "no", "n"}
_PREVIEWS: Final = {"survey preview", "survey test", "preview", "test", "spam"}
_SEPARATORS: Final = (" - ", " – ", " — ", ": ", " | ")
_DASH: Final = re.compile(r"\s+[-–—]\s+")
_DOT: Final = re.compile(r"(?<=\S)\.(?=[^\s.])")
_BRACKET: Final = re.compile(r"^(?P<question>.*?)\s*\[(?P<partner>[^\[\]]+)\]\s*$", re.DOTALL)
_IMPORT_ID: Final = re.compile(r'^\{\s*"?importid', re.IGNORECASE)


def _squash(text: object) -> str:
    """Letters and digits only, lower case: "Duration (in seconds)" -> "durationinseconds"."""
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


def _wording(text: str) -> str:
    return normalise_label(text).replace("\u2019", "'")


def question_of(wording: str) -> str | None:
    """The question (``frequency``, ``relevance``, ``direction``, ``nature``) a wording asks.

    Specific phrases are tried before single words, so "How often ... in support of ..."
    is a frequency question and "type of support" a nature one (see the module's rules).

    >>> question_of("How often has your organisation interacted with them?")
    'frequency'
    >>> question_of("How important is this organisation to your work?")
    'relevance'
    >>> question_of("Type of support")
    'nature'
    >>> question_of("Which organisation do you work for?") is None
    True
    """
    text = _wording(wording)
    for rules in (_SPECIFIC, _GENERIC):
        for question, pattern in rules:
            if pattern.search(text):
                return question
    return None


def _nature_key(text: str) -> str | None:
    """The nature a choice's label names, or ``None`` (parenthesised hints are ignored)."""
    plain = re.sub(r"\s*\([^)]*\)", "", text).strip()
    for candidate in dict.fromkeys((text.strip(), plain)):
        try:
            return parse_nature(candidate)
        except ValueError:
            continue
    return None


# --- one column -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    """One row of a mapping file."""

    row: int
    header: str
    pattern: re.Pattern[str] | None
    question: str
    option: str
    partner: str

    def matches(self, display: str) -> bool:
        if self.header:
            return normalise_label(self.header) == normalise_label(display)
        return self.pattern is not None and self.pattern.search(display) is not None


@dataclass(frozen=True)
class _Column:
    """What one column of a wide file holds."""

    key: str
    header: str
    role: str
    question: str = ""
    partner: str = ""
    option: str = ""
    shaped: bool = False
    rule: int | None = None


Known = Mapping[str, str]
"""A normalised name or alias -> the organisation's canonical name."""

_Candidate = tuple[str, str, int, int]
"""A split of a header: question part, partner part, shape preference, tie-break."""


def _candidates(parts: Sequence[str]) -> list[_Candidate]:
    """Every way to read a header as a question and a partner."""
    question, partner = (parts[0], parts[1]) if len(parts) == 2 else (parts[0], "")
    if question and partner and _squash(partner) not in _FILLERS:
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
        if q.strip() and p.strip() and _squash(p) not in _FILLERS and not p.strip().isdigit()
    ]


def _option_split(question: str, partner: str) -> tuple[str, str] | None:
    """(partner, nature key) of a column that ticks one nature choice, or ``None``."""
    option = _nature_key(partner)
    if option:  # "Nature - Partner - Choice" split after the partner: it ends the question
        for separator in _SEPARATORS:
            if separator in question:
                return question.rsplit(separator, 1)[1].strip(), option
        return None
    for separator in _SEPARATORS:
        if separator in partner:
            head, tail = partner.rsplit(separator, 1)
            if option := _nature_key(tail):
                return head.strip(), option
            head, tail = partner.split(separator, 1)
            if option := _nature_key(head):
                return tail.strip(), option
    for separator in _SEPARATORS:
        if separator in question and (option := _nature_key(question.rsplit(separator, 1)[1])):
            return partner, option
    return None


def _reading(candidates: Sequence[_Candidate], ask, known: Known) -> tuple[str, str, str] | None:
    """The best (question, partner, nature option) among a header's splits, or ``None``."""
    best: tuple[tuple, tuple[str, str, str]] | None = None
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


def _meta_role(header: str) -> str | None:
    squashed = _squash(header)
    return next((role for role, keys in _META.items() if squashed in keys), None)


def _plain_role(header: str) -> str | None:
    """Organisation, text-entry, person or role column, by its wording; else ``None``."""
    text = _wording(header)
    text = re.sub(r"\s*-\s*selected choice$", "", text)
    entry = bool(re.search(r"-\s*text$", text))
    if _ORGANISATION.search(text) and not _NOT_ORGANISATION.search(text):
        if entry:
            return "organisation_other"
        return "organisation" if _NAMES_ORGANISATION.search(text) else "organisation_maybe"
    if entry:
        return None
    bare = re.sub(r"[?:.*]+$", "", text).strip()
    if _PERSON.match(bare):
        return "person"
    if _ROLE.match(bare):
        return "role"
    return None


def _column(
    key: str, parts: Sequence[str], known: Known, rules: Sequence[_Rule]
) -> tuple[_Column, str]:
    """Read one column's header; the second item is a reason it could not be read, or ""."""
    parts = [str(p).strip() for p in parts]
    display = " - ".join(p for p in parts if p)
    candidates = _candidates(parts)
    shaped = any(shape > 0 for _, _, shape, _ in candidates)
    for header_rules in (
        [r for r in rules if r.header],
        [r for r in rules if not r.header],
    ):
        rule = next((r for r in header_rules if r.matches(display)), None)
        if rule is None:
            continue
        if rule.question not in QUESTIONS:
            return _Column(key, display, rule.question, shaped=shaped, rule=rule.row), ""
        partner, option = rule.partner, rule.option
        if not partner:
            pattern = rule.pattern
            within = [c for c in candidates if pattern is None or pattern.search(c[0])]
            found = _reading(within or candidates, lambda _, q=rule.question: q, known)
            if found is None:
                reason = (
                    f"mapping row {rule.row} says this column asks the {rule.question} "
                    "question, but no partner can be read from its header"
                )
                return _Column(key, display, "unused", shaped=shaped, rule=rule.row), reason
            partner, option = found[1], option or found[2]
        column = _Column(key, display, "question", rule.question, partner, option, shaped, rule.row)
        return column, ""
    role = _meta_role(display)
    if role is not None:
        return _Column(key, display, role), ""
    found = _reading(candidates, question_of, known)
    if found is not None:
        question, partner, option = found
        return _Column(key, display, "question", question, partner, option, shaped), ""
    role = _plain_role(display)
    if role is not None:
        return _Column(key, display, role), ""
    return _Column(key, display, "unused", shaped=shaped), ""


def _columns(
    header_rows: Sequence[Sequence[str]], keys: Sequence[str], known: Known, rules: Sequence[_Rule]
) -> tuple[list[_Column], list[tuple[_Column, str]]]:
    columns: list[_Column] = []
    unread: list[tuple[_Column, str]] = []
    for index, key in enumerate(keys):
        parts = [row[index] if index < len(row) else "" for row in header_rows]
        column, reason = _column(key, parts, known, rules)
        columns.append(column)
        if reason:
            unread.append((column, reason))
    return columns, unread


def _looks_wide(columns: Sequence[_Column], strict: bool = False) -> bool:
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


# --- the mapping file -----------------------------------------------------------------------

_MAPPED: Final[dict[str, str]] = {
    "frequency": "frequency",
    "relevance": "relevance",
    "direction": "direction",
    "nature": "nature",
    "organisation": "organisation",
    "organization": "organisation",
    "respondent": "organisation",
    "person": "person",
    "name": "person",
    "respondent person": "person",
    "role": "role",
    "submitted": "submitted",
    "ignore": "ignore",
}
_MAPPING_FIX: Final = (
    "write one of: frequency, relevance, direction, nature, 'nature: <choice>' (a column "
    "that ticks one choice, e.g. 'nature: PPIE support'), organisation, person, role, "
    "submitted, ignore"
)


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(p) for p in text.split("*")), re.IGNORECASE)


def _rules(mapping: Sequence[RawTable], problems: list[Problem]) -> list[_Rule]:
    rules: list[_Rule] = []
    for table in mapping:
        question_column = table.column_name("question")
        blank = [""] * len(table.rows)
        rows = zip(
            table.rows,
            *(
                table.frame[key].tolist() if key in table.frame.columns else blank
                for key in ("header", "pattern", "question", "partner")
            ),
            strict=True,
        )
        for number, header, pattern, question, partner in rows:
            written = normalise_label(question)
            option = ""
            if written.startswith("nature") and ":" in written:
                option = _nature_key(question.split(":", 1)[1]) or ""
                if not option:
                    problems.append(
                        Problem(
                            table.path,
                            number,
                            question_column,
                            f"'{question.split(':', 1)[1].strip()}' is not a nature of tie",
                            "use any of: " + "; ".join(NATURES.values()),
                        )
                    )
                    continue
                written = "nature"
            if written not in _MAPPED:
                problems.append(
                    Problem(
                        table.path,
                        number,
                        question_column,
                        f"'{question}' is not a question that survey exports are read for",
                        _MAPPING_FIX,
                    )
                )
                continue
            if not header and not pattern:
                problems.append(
                    Problem(
                        table.path,
                        number,
                        None,
                        "the row names no column: both 'header' and 'pattern' are blank",
                        "write the column's header as written, or a part of it as 'pattern'",
                    )
                )
                continue
            rules.append(
                _Rule(
                    row=number,
                    header=header,
                    pattern=None if header else _pattern(pattern),
                    question=_MAPPED[written],
                    option=option,
                    partner=partner,
                )
            )
    return rules


# --- reading the rows -----------------------------------------------------------------------


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


def _known(organisations: pd.DataFrame | None) -> dict[str, str]:
    """Every normalised name and alias of the organisations table -> canonical name."""
    if organisations is None:
        return {}
    known: dict[str, str] = {}
    aliases = organisations["aliases"] if "aliases" in organisations else [()] * len(organisations)
    for name, others in zip(organisations.index, aliases, strict=True):
        for spelling in (name, *others):
            known.setdefault(normalise_label(spelling), str(name))
    return known


@dataclass
class _Partner:
    written: str
    columns: dict[str, _Column] = field(default_factory=dict)
    ticks: list[_Column] = field(default_factory=list)

    @property
    def first(self) -> _Column:
        return self.columns.get("frequency") or next(
            iter(self.columns.values()), self.ticks[0] if self.ticks else None
        )


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _rows_list(numbers: Sequence[int]) -> str:
    """Row numbers in words: "row 4", "rows 4, 9" (at most ten, then "and 3 more")."""
    shown = ", ".join(str(n) for n in numbers[:10])
    more = f" and {len(numbers) - 10} more" if len(numbers) > 10 else ""
    return f"row{'s' if len(numbers) > 1 else ''} {shown}{more}"


def _nature_cell(text: str) -> str:
    """A nature cell's choices, separated by ``;``: choices separated by ``,`` are split too."""
    items: list[str] = []
    for item in (i.strip() for i in text.split(";")):
        if not item:
            continue
        if _nature_key(item) is None and "," in item:
            items.extend(p.strip() for p in item.split(",") if p.strip())
        else:
            items.append(item)
    return "; ".join(items)


def _structure(
    table: RawTable, columns: Sequence[_Column], known: Known, problems: list[Problem]
) -> dict[str, _Partner]:
    """The partners asked about and their columns; problems with the header."""
    partners: dict[str, _Partner] = {}
    here = table.header_row
    for column in columns:
        if column.role != "question":
            continue
        key = known.get(normalise_label(column.partner), normalise_label(column.partner))
        partner = partners.setdefault(key, _Partner(column.partner))
        if column.question == "nature" and column.option:
            partner.ticks.append(column)
            continue
        if column.question in partner.columns:
            earlier = partner.columns[column.question]
            name = known.get(normalise_label(column.partner), column.partner)
            problems.append(
                Problem(
                    table.path,
                    here,
                    column.header,
                    f"this column and '{earlier.header}' both ask the {column.question} "
                    f"question about '{name}'",
                    "delete one of the two columns, or correct the partner's name in one",
                )
            )
            continue
        partner.columns[column.question] = column
    for partner in partners.values():
        if "frequency" not in partner.columns:
            problems.append(
                Problem(
                    table.path,
                    here,
                    partner.first.header,
                    f"the file asks about '{partner.written}' but has no column asking how "
                    "often the respondent interacted with it",
                    "add the frequency question for this partner (frequency is required; "
                    "'Never' is an answer), or map its column in a mapping file",
                )
            )
    for column in columns:
        partner_known = any(normalise_label(c[1]) in known for c in _candidates([column.header]))
        if column.role == "unused" and column.shaped and known and partner_known:
            problems.append(
                Problem(
                    table.path,
                    here,
                    column.header,
                    "this column is about a partner, but its wording does not say which "
                    "question it asks",
                    "reword the header to say 'how often', 'how relevant', 'who supports "
                    "whom' or 'nature', or add a mapping file with columns 'pattern,question' "
                    "(e.g. a row 'Q5,frequency')",
                )
            )
    return partners


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
    known = _known(organisations)
    if mapping is None:
        mapping = ()
    elif not isinstance(mapping, Sequence):
        mapping = (mapping,)
    problems: list[Problem] = []
    rules = _rules(mapping, problems)
    columns = _read_columns(table, known, rules, problems)
    organisation = _first(columns, "organisation") or _first(columns, "organisation_maybe")
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
    partners = _structure(table, columns, known, problems)
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
    if problems:
        raise SurveyError(problems)
    assert organisation is not None
    respondents, unfinished, previews = _respondents(table, columns, organisation, known)
    values = {c.key: _cells(table, c) for c in columns if c.role == "question"}
    records: list[dict[str, object]] = []
    own: list[int] = []
    silent: list[int] = []
    for respondent in respondents:
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
            frequency = partner.columns["frequency"].header
            places = {
                "respondent": (respondent.row, organisation.header),
                "partner": (table.header_row, partner.first.header),
                **{q: (respondent.row, _question_column(partner, q, ticked)) for q in QUESTIONS},
                **respondent.places,
                "answer": (respondent.row, frequency),
            }
            records.append(
                {
                    "respondent": respondent.organisation,
                    "partner": partner.written,
                    **{q: answer.get(q, "") for q in QUESTIONS},
                    "respondent_person": respondent.person,
                    "submitted": respondent.submitted,
                    "source_row": respondent.row,
                    "source_column": frequency,
                    "places": places,
                }
            )
    notes = _notes(unfinished, previews, own, silent, columns, rules)
    frame = pd.DataFrame.from_records(records, columns=list(WIDE_RESPONSE_COLUMNS))
    return WideResult(responses=frame, skipped_unfinished=len(unfinished), notes=notes)


def _first(columns: Sequence[_Column], role: str) -> _Column | None:
    return next((c for c in columns if c.role == role), None)


def _cells(table: RawTable, column: _Column | None) -> list[str]:
    """A column's cells as stripped text ("" for every row when there is no column)."""
    if column is None:
        return [""] * len(table.rows)
    return [str(v).strip() for v in table.frame[column.key].tolist()]


def _identity(written: str, known: Known) -> str:
    """Who a name is, before validation: its canonical name if known, else its spelling."""
    return known.get(normalise_label(written), normalise_label(written))


def _read_columns(
    table: RawTable, known: Known, rules: Sequence[_Rule], problems: list[Problem]
) -> list[_Column]:
    """What each column holds, named by its header as the table shows it."""
    keys = list(table.frame.columns)
    columns, unread = _columns(table.header_rows or (table.header,), keys, known, rules)
    columns = [
        _Column(c.key, header, c.role, c.question, c.partner, c.option, c.shaped, c.rule)
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


@dataclass(frozen=True)
class _Respondent:
    """One finished response: its position among the rows, and who gave it."""

    position: int
    row: int
    organisation: str
    person: str
    submitted: str
    places: dict[str, tuple[int, str | None]]


def _respondents(
    table: RawTable, columns: Sequence[_Column], organisation: _Column, known: Known
) -> tuple[list[_Respondent], list[int], list[int]]:
    """Finished responses; the rows of unfinished ones and of previews or tests."""

    def cells(role: str) -> list[str]:
        return _cells(table, _first(columns, role))

    progress, finished, status = cells("progress"), cells("finished"), cells("status")
    written, other = _cells(table, organisation), cells("organisation_other")
    name, role, ids = cells("person"), cells("role"), cells("id")
    first_name, last_name, submitted = cells("first_name"), cells("last_name"), cells("submitted")
    person_column = next(
        (c for r in ("person", "first_name", "role") if (c := _first(columns, r))), None
    )
    submitted_column = _first(columns, "submitted")
    unfinished: list[int] = []
    previews: list[int] = []
    found: list[tuple[int, int, str, str]] = []
    for i, number in enumerate(table.rows):
        if normalise_label(status[i]) in _PREVIEWS:
            previews.append(number)
            continue
        try:
            incomplete = bool(progress[i]) and float(progress[i].rstrip("%")) < 100
        except ValueError:
            incomplete = False
        if incomplete or normalise_label(finished[i]) in _FALSE:
            unfinished.append(number)
            continue
        respondent = written[i]
        if normalise_label(respondent).startswith("other") and other[i]:
            respondent = other[i]
        person = name[i] or " ".join(p for p in (first_name[i], last_name[i]) if p) or role[i]
        found.append((i, number, respondent, person))
    unnamed = Counter(_identity(r, known) for _, _, r, p in found if not p)
    respondents = [
        _Respondent(
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
    return respondents, unfinished, previews


def _answer(
    partner: _Partner, values: Mapping[str, Sequence[str]], position: int
) -> tuple[dict[str, str], list[_Column]]:
    """One respondent's answers about one partner, as written; and the choices ticked."""
    answer = {q: values[c.key][position] for q, c in partner.columns.items()}
    ticked = [c for c in partner.ticks if normalise_label(values[c.key][position]) not in _UNTICKED]
    if "nature" in answer:
        answer["nature"] = _nature_cell(answer["nature"])
    elif ticked:
        answer["nature"] = "; ".join(NATURES[o] for o in dict.fromkeys(c.option for c in ticked))
    return answer, ticked


def _question_column(partner: _Partner, question: str, ticked: Sequence[_Column]) -> str | None:
    """The header of the column that answered ``question`` about ``partner``, if any."""
    column = partner.columns.get(question)
    if column is None and question == "nature" and ticked:
        column = ticked[0]
    return column.header if column else None


def _notes(
    unfinished: Sequence[int],
    previews: Sequence[int],
    own: Sequence[int],
    silent: Sequence[int],
    columns: Sequence[_Column],
    rules: Sequence[_Rule],
) -> list[str]:
    """What a user should know about what was read and what was not."""
    notes: list[str] = []
    if unfinished:
        notes.append(
            f"{_plural(len(unfinished), 'unfinished response')} skipped (Progress below 100 "
            f"or not Finished): {_rows_list(unfinished)}"
        )
    if previews:
        notes.append(
            _plural(len(previews), "survey preview or test", "survey previews or tests")
            + f" skipped (Status): {_rows_list(previews)}"
        )
    if own:
        notes.append(
            f"{_plural(len(own), 'answer')} about the respondent's own organisation ignored "
            f"(an organisation is not its own partner): {_rows_list(sorted(set(own)))}"
        )
    if silent:
        notes.append(
            f"{_plural(len(silent), 'response')} answered no question about a partner: "
            f"{_rows_list(silent)}"
        )
    unused = [c.header for c in columns if c.role == "unused" and c.shaped]
    if unused:
        shown = ", ".join(f"'{h}'" for h in unused[:5])
        more = f" and {len(unused) - 5} more" if len(unused) > 5 else ""
        notes.append(
            f"{_plural(len(unused), 'column')} not read as questions: {shown}{more} (name "
            "them in a mapping file if they hold answers)"
        )
    matched = {c.rule for c in columns if c.rule is not None}
    idle = [r.row for r in rules if r.row not in matched]
    if idle:
        notes.append(f"mapping file {_rows_list(idle)} matched no column of this file")
    return notes


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
