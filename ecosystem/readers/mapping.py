"""Mapping files: what a survey-tool export's columns hold, where their wording is not known.

**Mapping file.** Where wording is not recognised, a small CSV or XLSX says what each column
holds: columns ``header,question,partner`` (a header as written; ``partner`` may be left blank
when the header names it) or ``pattern,question`` (any header containing the pattern; ``*``
stands for any text; the partner is read from the header's shape). ``question`` is one of
``frequency``, ``relevance``, ``direction``, ``nature``, ``nature: <choice>`` (a column that
ticks one choice), ``organisation``, ``person``, ``role``, ``submitted`` or ``ignore``. A
mapping row wins over the wording rules; header rows win over pattern rows.

>>> from ecosystem.readers import read_table
>>> table = read_table("mapping.csv", b"pattern,question\\nQ5*,frequency\\nQ6,colour\\n")
>>> problems = []
>>> [(rule.row, rule.question) for rule in mapping_rules([table], problems)]
[(2, 'frequency')]
>>> problems[0].message
"'colour' is not a question that survey exports are read for"
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from ecosystem.codebook import NATURES, normalise_label
from ecosystem.errors import Problem
from ecosystem.readers.raw import RawTable
from ecosystem.readers.wording import nature_key

__all__ = ["Rule", "mapping_rules"]

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
"""What a mapping file's ``question`` may say -> the role of the column it names."""
_MAPPING_FIX: Final = (
    "write one of: frequency, relevance, direction, nature, 'nature: <choice>' (a column "
    "that ticks one choice, e.g. 'nature: PPIE support'), organisation, person, role, "
    "submitted, ignore"
)


@dataclass(frozen=True)
class Rule:
    """One row of a mapping file: the column it names, and what that column holds.

    Attributes
    ----------
    row
        The mapping file's spreadsheet row, for notes about rows that matched nothing.
    header, pattern
        The column named by its header as written, or (``header`` blank) by a pattern.
    question
        A question about a partner (:data:`ecosystem.readers.wording.QUESTIONS`) or another
        role (``organisation``, ``person``, ``role``, ``submitted``, ``ignore``).
    option
        For a column that ticks one nature choice, that choice's key; else ``""``.
    partner
        The partner the column asks about, or ``""`` to read it from the header.
    """

    row: int
    header: str
    pattern: re.Pattern[str] | None
    question: str
    option: str
    partner: str

    def matches(self, display: str) -> bool:
        """True when the column headed ``display`` is the one this row names."""
        if self.header:
            return normalise_label(self.header) == normalise_label(display)
        return self.pattern is not None and self.pattern.search(display) is not None


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(p) for p in text.split("*")), re.IGNORECASE)


def mapping_rules(mapping: Sequence[RawTable], problems: list[Problem]) -> list[Rule]:
    """The rules of every mapping table, in order; a problem for each row that is not one."""
    rules: list[Rule] = []
    for table in mapping:
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
            rule = _rule(table, number, header, pattern, question, partner)
            if isinstance(rule, Problem):
                problems.append(rule)
            else:
                rules.append(rule)
    return rules


def _rule(
    table: RawTable, number: int, header: str, pattern: str, question: str, partner: str
) -> Rule | Problem:
    """One mapping row as a rule, or the problem that keeps it from being one."""
    question_column = table.column_name("question")
    written = normalise_label(question)
    option = ""
    if written.startswith("nature") and ":" in written:
        option = nature_key(question.split(":", 1)[1]) or ""
        if not option:
            return Problem(
                table.path,
                number,
                question_column,
                f"'{question.split(':', 1)[1].strip()}' is not a nature of tie",
                "use any of: " + "; ".join(NATURES.values()),
            )
        written = "nature"
    if written not in _MAPPED:
        return Problem(
            table.path,
            number,
            question_column,
            f"'{question}' is not a question that survey exports are read for",
            _MAPPING_FIX,
        )
    if not header and not pattern:
        return Problem(
            table.path,
            number,
            None,
            "the row names no column: both 'header' and 'pattern' are blank",
            "write the column's header as written, or a part of it as 'pattern'",
        )
    return Rule(
        row=number,
        header=header,
        pattern=None if header else _pattern(pattern),
        question=_MAPPED[written],
        option=option,
        partner=partner,
    )
