"""Names as written resolved to canonical names; an unknown name reported with the nearest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ecosystem.codebook import (
    UNKNOWN_TYPE,
    normalise_label,
)
from ecosystem.errors import UNKNOWN_ORGANISATION, Problem
from ecosystem.names import SUGGESTIONS, nearest_names
from ecosystem.validate.cells import _Row


@dataclass
class _Organisation:
    """One organisation as validation collects it, before it becomes a row of the table."""

    name: str
    type: str = UNKNOWN_TYPE
    hubs: tuple[str, ...] = ()
    region: str = ""
    aliases: tuple[str, ...] = ()
    waves: tuple[str, ...] = ()
    short_name: str = ""


@dataclass
class _Names:
    """Resolves names as written to canonical names; infers organisations when none are listed.

    ``known`` maps a normalised name or alias to its canonical name; ``written`` maps it to
    the spelling in the organisations file, for suggestions. Without an organisations file
    (``closed`` false), the first spelling seen of a name becomes its canonical name.
    """

    known: dict[str, str] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)
    closed: bool = False
    inferred: dict[str, None] = field(default_factory=dict)

    @classmethod
    def from_organisations(cls, organisations: Sequence[_Organisation]) -> _Names:
        names = cls(closed=True)
        for organisation in organisations:
            for spelling in (organisation.name, *organisation.aliases):
                names.known.setdefault(normalise_label(spelling), organisation.name)
                names.written.setdefault(normalise_label(spelling), spelling)
        return names

    def resolve(self, name: str) -> str | None:
        key = normalise_label(name)
        if key in self.known:
            return self.known[key]
        if self.closed:
            return None
        self.known[key] = name
        self.inferred[name] = None
        return name

    def suggestions(self, name: str) -> list[str]:
        """The nearest known spellings to a name that is not known: one per organisation."""
        owners: dict[str, str] = {}
        for spelling in nearest_names(name, self.written.values(), limit=len(self.written)):
            owners.setdefault(self.known[normalise_label(spelling)], spelling)
        return list(owners.values())[:SUGGESTIONS]


def _name(row: _Row, key: str, names: _Names, problems: list[Problem]) -> str | None:
    """The canonical name in a cell, or ``None`` after reporting why there is none."""
    written = row.get(key)
    if not written:
        problems.append(
            row.problem(key, "the organisation's name is blank", "write the organisation's name")
        )
        return None
    canonical = names.resolve(written)
    if canonical is None:
        near = names.suggestions(written)
        guess = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
        problem = row.problem(
            key,
            f"'{written}' is not in the organisations file{guess}",
            "correct the spelling, or add the organisation to the organisations file "
            "(or this spelling to the 'aliases' of the organisation it is)",
        )
        owners = dict.fromkeys(names.known[normalise_label(n)] for n in near)
        problems.append(
            replace(problem, kind=UNKNOWN_ORGANISATION, value=written, suggestions=tuple(owners))
        )
    return canonical


def _tie_ends(
    row: _Row, keys: tuple[str, str], names: _Names, problems: list[Problem], fix: str
) -> tuple[str | None, str | None]:
    """The canonical names at both ends of a row's tie (respondent and partner, or source and
    target); a name that is not known, or a tie of an organisation with itself, is reported."""
    first, second = (_name(row, key, names, problems) for key in keys)
    if first is not None and first == second:
        problems.append(
            row.problem(keys[1], f"'{row.get(keys[1])}' is the {keys[0]} itself ('{first}')", fix)
        )
    return first, second
