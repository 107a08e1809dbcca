"""The organisations files: names, types, hubs, regions, aliases, rosters and short names,
each checked."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final

from ecosystem.codebook import (
    ORGANISATION_TYPES,
    UNKNOWN_TYPE,
    normalise_label,
    organisation_type,
)
from ecosystem.errors import Problem
from ecosystem.readers.kinds import first_present
from ecosystem.readers.raw import RawTable
from ecosystem.survey import SHORT_NAME_LIMIT
from ecosystem.validate.cells import _missing, _Row, _rows, split_list
from ecosystem.validate.names import _Organisation

_TYPE_FIX: Final = "use one of the organisation types: " + ", ".join(
    f"{key} ({label})" for key, label in ORGANISATION_TYPES.items()
)


def _organisations(tables: Sequence[RawTable], problems: list[Problem]) -> list[_Organisation]:
    """Every organisation listed, each once, with the aliases that point to it alone."""
    organisations: list[_Organisation] = []
    where: dict[str, _Row] = {}
    alias_rows: list[tuple[_Organisation, _Row, str]] = []
    for table in tables:
        if _missing(table, (("name", "id"),), problems):
            continue
        for row, organisation in _listed(table, where, problems):
            organisations.append(organisation)
            alias_rows.extend((organisation, row, a) for a in split_list(row.get("aliases")))
    _assign_aliases(alias_rows, where, problems)
    _check_labels(organisations, where, problems)
    return organisations


def _listed(
    table: RawTable, where: dict[str, _Row], problems: list[Problem]
) -> Iterator[tuple[_Row, _Organisation]]:
    """The organisations of one file, each with its row; a blank or repeated name reported.

    ``where`` maps each normalised name seen so far (in any file) to its row.
    """
    name_key = first_present(table.frame.columns, ("name", "id"))
    type_key = first_present(table.frame.columns, ("type", "group"))
    for row in _rows(table):
        name = row.get(name_key)
        if not name:
            problems.append(
                row.problem(
                    name_key,
                    "the organisation's name is blank",
                    "write the organisation's name, or delete the row",
                )
            )
        kind = _organisation_type(row, type_key, problems)
        if not name:
            continue
        key = normalise_label(name)
        if key in where:
            first = where[key]
            problems.append(
                row.problem(
                    name_key,
                    f"'{name}' is listed twice (also {first.table.path} row {first.number})",
                    "keep one row per organisation; put other spellings in its 'aliases'",
                )
            )
            continue
        where[key] = row
        yield (
            row,
            _Organisation(
                name=name,
                type=kind,
                hubs=split_list(row.get("hub")),
                region=row.get("region"),
                waves=split_list(row.get("waves")),
                short_name=_short_name(row, problems),
            ),
        )


def _assign_aliases(
    alias_rows: Sequence[tuple[_Organisation, _Row, str]],
    where: dict[str, _Row],
    problems: list[Problem],
) -> None:
    """Give each organisation its aliases; one that names two organisations is reported."""
    owner: dict[str, tuple[_Organisation, _Row]] = {}
    for organisation, row, alias in alias_rows:
        key = normalise_label(alias)
        if key == normalise_label(organisation.name):
            continue
        if key in where:
            other = where[key]
            problems.append(
                row.problem(
                    "aliases",
                    f"the alias '{alias}' of '{organisation.name}' is the name of another "
                    f"organisation ({other.table.path} row {other.number})",
                    "an alias may point to one organisation only: delete it here, or merge "
                    "the two rows",
                )
            )
        elif key in owner and owner[key][0] is not organisation:
            first, first_row = owner[key]
            problems.append(
                row.problem(
                    "aliases",
                    f"the alias '{alias}' of '{organisation.name}' is also an alias of "
                    f"'{first.name}' ({first_row.table.path} row {first_row.number})",
                    "an alias may point to one organisation only: delete it from one of them",
                )
            )
        elif key not in owner:
            owner[key] = (organisation, row)
            organisation.aliases = (*organisation.aliases, alias)


def _short_name(row: _Row, problems: list[Problem]) -> str:
    """The organisation's short name ("" when none); one too long to draw is reported."""
    short = row.get("short_name")
    if len(short) > SHORT_NAME_LIMIT:
        problems.append(
            row.problem(
                "short_name",
                f"the short name '{short}' has {len(short)} characters; a short name is drawn "
                f"on one line of the network picture, so it has at most {SHORT_NAME_LIMIT}",
                f"shorten it to {SHORT_NAME_LIMIT} characters or fewer (the abbreviation "
                "people use, such as 'UHD'), or leave it blank to show the full name",
            )
        )
    return short


def _check_labels(
    organisations: Sequence[_Organisation], where: dict[str, _Row], problems: list[Problem]
) -> None:
    """Report a short name that labels two organisations alike in one network picture.

    A picture is one hub's network (organisations without a hub share the picture of all
    organisations); each organisation is labelled by its short name, or by its name when it
    has none. Two organisations of one picture labelled alike could not be told apart, so a
    short name may be neither another one's short name nor another one's name there. The
    same short name in two hubs ("ICB" for each hub's ICB) is fine.
    """
    first: dict[tuple[str, str], _Organisation] = {}
    reported: set[tuple[str, str]] = set()
    for organisation in organisations:
        label = normalise_label(organisation.short_name or organisation.name)
        for hub in organisation.hubs or ("",):
            other = first.setdefault((hub, label), organisation)
            pair = (other.name, organisation.name)
            if other is organisation or pair in reported:
                continue
            reported.add(pair)
            problems.append(_label_clash(other, organisation, hub, where))


def _label_clash(
    first: _Organisation, second: _Organisation, hub: str, where: dict[str, _Row]
) -> Problem:
    """The problem of two organisations of one picture labelled alike: at the short name
    that makes them alike (the second's, or the first's when the second has none)."""
    picture = f"the {hub} network" if hub else "the network of all organisations"
    owner, other = (second, first) if second.short_name else (first, second)
    row, place = where[normalise_label(owner.name)], where[normalise_label(other.name)]
    if other.short_name:
        clash = f"is also the short name of '{other.name}'"
    else:
        clash = "is the name of another organisation"
    return row.problem(
        "short_name",
        f"the short name '{owner.short_name}' of '{owner.name}' {clash} "
        f"({place.table.path} row {place.number}); both are drawn in {picture}, where they "
        "could not be told apart",
        "give each organisation a short name of its own, or leave this one blank to show "
        "the full name",
    )


def _organisation_type(row: _Row, key: str | None, problems: list[Problem]) -> str:
    written = row.get(key)
    if not written:
        return UNKNOWN_TYPE
    try:
        return organisation_type(written)
    except ValueError as error:
        if key == "group":
            return written  # another tool's grouping, kept as written
        problems.append(row.problem(key, str(error), _TYPE_FIX))
        return UNKNOWN_TYPE
