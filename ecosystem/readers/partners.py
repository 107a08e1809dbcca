"""The partners a wide export asks about, each with the columns that ask about it.

A partner may be written under several names across its columns (a name in one, an alias
in another): its columns are grouped by who it is, its canonical name where the
organisations file knows it. Every partner needs a frequency column ('Never' is an answer);
a question asked twice about one partner, or a column about a known partner whose wording
says no question, is a problem with the header.

>>> from ecosystem.readers.headers import read_column
>>> columns = [read_column("c1", ["How often? - NHS Dorset"], {}, ())[0],
...            read_column("c2", ["How relevant? - nhs dorset"], {}, ())[0]]
>>> partners = partners_asked("export.csv", 1, columns, {}, [])
>>> {key: sorted(p.columns) for key, p in partners.items()}
{'nhs dorset': ['frequency', 'relevance']}
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ecosystem.codebook import normalise_label
from ecosystem.errors import Problem
from ecosystem.readers.headers import Column, Known, header_partners

__all__ = ["Partner", "partners_asked"]


@dataclass
class Partner:
    """A partner asked about: its name as first written, and its columns.

    ``columns`` maps each question to the one column asking it; ``ticks`` are the columns
    that each tick one nature choice.
    """

    written: str
    columns: dict[str, Column] = field(default_factory=dict)
    ticks: list[Column] = field(default_factory=list)

    @property
    def first(self) -> Column:
        """The column to point at for the partner: its frequency column, else its first."""
        # never None: a partner is made for a column, which it then holds
        return self.columns.get("frequency") or next(  # type: ignore[return-value]
            iter(self.columns.values()), self.ticks[0] if self.ticks else None
        )


def partners_asked(
    file: str, header_row: int, columns: Sequence[Column], known: Known, problems: list[Problem]
) -> dict[str, Partner]:
    """The partners asked about, by identity (canonical name if known, else the normalised
    spelling), with their columns; the header's problems with them are added to
    ``problems``, named by ``file`` and ``header_row``."""
    partners: dict[str, Partner] = {}
    for column in columns:
        if column.role != "question":
            continue
        key = known.get(normalise_label(column.partner), normalise_label(column.partner))
        partner = partners.setdefault(key, Partner(column.partner))
        if column.question == "nature" and column.option:
            partner.ticks.append(column)
            continue
        if column.question in partner.columns:
            earlier = partner.columns[column.question]
            name = known.get(normalise_label(column.partner), column.partner)
            problems.append(
                Problem(
                    file,
                    header_row,
                    column.header,
                    f"this column and '{earlier.header}' both ask the {column.question} "
                    f"question about '{name}'",
                    "delete one of the two columns, or correct the partner's name in one",
                )
            )
            continue
        partner.columns[column.question] = column
    problems.extend(_without_frequency(file, header_row, partners.values()))
    problems.extend(_unrecognised_questions(file, header_row, columns, known))
    return partners


def _without_frequency(file: str, header_row: int, partners: Iterable[Partner]) -> list[Problem]:
    """A problem for each partner whose columns do not ask how often."""
    return [
        Problem(
            file,
            header_row,
            partner.first.header,
            f"the file asks about '{partner.written}' but has no column asking how "
            "often the respondent interacted with it",
            "add the frequency question for this partner (frequency is required; "
            "'Never' is an answer), or map its column in a mapping file",
        )
        for partner in partners
        if "frequency" not in partner.columns
    ]


def _unrecognised_questions(
    file: str, header_row: int, columns: Sequence[Column], known: Known
) -> list[Problem]:
    """A problem for each column about a known partner whose question is not recognised."""
    if not known:
        return []
    return [
        Problem(
            file,
            header_row,
            column.header,
            "this column is about a partner, but its wording does not say which question it asks",
            "reword the header to say 'how often', 'how relevant', 'who supports "
            "whom' or 'nature', or add a mapping file with columns 'pattern,question' "
            "(e.g. a row 'Q5,frequency')",
        )
        for column in columns
        if column.role == "unused"
        and column.shaped
        and any(normalise_label(partner) in known for partner in header_partners(column.header))
    ]
