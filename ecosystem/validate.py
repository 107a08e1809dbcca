"""The validate stage: raw tables in, a :class:`~ecosystem.survey.Survey` or every problem out.

Validation gives the text cells of :mod:`ecosystem.readers` their meaning, using the codebook
(:mod:`ecosystem.codebook`): answer labels and codes become codes, organisation names and
aliases become one canonical name each, and every row that cannot mean anything is reported
with its file, row and column and a plain-English fix. All problems of all files are
collected before one :class:`~ecosystem.errors.SurveyError` is raised, so a user fixes
everything in one pass; on success nothing is lost, and each response and edge keeps the
file and row it came from.

The rules are those of the partner-mapping survey design (``surveys/codebook.md``):

* organisations: ``name`` (or ``id``) and ``type`` (or ``group``); a ``group`` column comes
  from another tool, so values that are not our types are kept as written, while an unknown
  ``type`` is a problem. Names and aliases must each point to one organisation.
* responses: ``respondent``, ``partner`` and ``frequency`` are required ("Never" is an
  answer, a blank is not); a file without a ``wave`` column belongs to the wave the user
  names. Several people of one organisation may answer about one partner, but the same
  person answering twice about one partner is a problem.
* edges: ``source`` and ``target``; ``weight`` (a strength, default 1) must be a number of 0
  or more; ``type`` (or ``nature``) is kept as free text (several separated by ``;``).
* names are matched case- and space-insensitively; with an organisations file, every name
  must be in it (nearest names are suggested); without one, organisations are inferred from
  the responses and edges with type ``"unknown"``.
* nobody is their own partner: self-ties are problems.
* wide survey-tool exports (one row per respondent, one column per partner per question)
  are turned into tidy responses by :func:`ecosystem.readers.wide.read_wide`, with any
  mapping files, and then checked by the same rules; each problem names the export's row and
  column as written (a partner's name: the header row and the partner's column, once). They
  belong to the wave the user names.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Final

import pandas as pd

from ecosystem.codebook import (
    DEFAULT_WAVE,
    DIRECTION,
    FREQUENCY,
    NATURES,
    ORGANISATION_TYPES,
    RELEVANCE,
    normalise_label,
    organisation_type,
    parse_nature,
)
from ecosystem.errors import UNKNOWN_ORGANISATION, Problem, SurveyError
from ecosystem.names import SUGGESTIONS, nearest_names
from ecosystem.readers.kinds import first_present
from ecosystem.readers.raw import RawTable
from ecosystem.readers.wide import read_wide
from ecosystem.survey import (
    EDGE_COLUMNS,
    ORGANISATION_COLUMNS,
    RESPONSE_COLUMNS,
    Survey,
    empty_edges,
    empty_organisations,
    empty_responses,
)

__all__ = ["split_list", "validate"]


def split_list(cell: str) -> tuple[str, ...]:
    """The items of a ``;``-separated cell, stripped, blanks and repeats dropped.

    >>> split_list(" Dorset; Wessex ;; Dorset")
    ('Dorset', 'Wessex')
    """
    items = (item.strip() for item in str(cell).split(";"))
    return tuple(dict.fromkeys(item for item in items if item))


def validate(
    tables: Sequence[RawTable], wave: str | None = None, known: pd.DataFrame | None = None
) -> Survey:
    """Check raw tables against the codebook and return the tidy :class:`Survey`.

    Parameters
    ----------
    tables
        Raw tables from :func:`ecosystem.readers.read_files`, of any kinds, in any order.
    wave
        The wave that files without a ``wave`` column belong to (default
        ``codebook.DEFAULT_WAVE``, "Wave 1"). Files with a ``wave`` column keep all their
        waves: this is not a filter.
    known
        Organisations already known (a :class:`Survey`'s ``organisations`` table, say a
        workspace's): names are checked against them when the tables bring no organisations
        file, so a new wave's responses resolve through the aliases already saved. They are
        taken as they are, never written out and read back (a name may hold a ``;``).

    Returns
    -------
    Survey
        Organisations (canonical names, types, hubs, aliases), responses (codes) and edges,
        as described in :mod:`ecosystem.survey`.

    Raises
    ------
    SurveyError
        With every problem of every table, each naming file, row and column with a fix.

    Examples
    --------
    >>> from ecosystem.readers import read_table
    >>> orgs = read_table("orgs.csv", b"name,type,aliases\\nHealth Innovation Wessex,HIN,"
    ...                   b"Wessex AHSN\\nNHS Dorset,ICB,\\n")
    >>> answers = read_table("answers.csv", b"respondent,partner,frequency\\n"
    ...                      b"nhs dorset,Wessex AHSN,Monthly\\n")
    >>> survey = validate([orgs, answers], wave="Formative 2023")
    >>> survey.responses[["wave", "respondent", "partner"]].iloc[0].tolist()
    ['Formative 2023', 'NHS Dorset', 'Health Innovation Wessex']
    >>> survey.responses["frequency"].tolist()
    [3]
    """
    named_wave = (wave or "").strip() or DEFAULT_WAVE
    problems: list[Problem] = []
    listed = [t for t in tables if t.kind == "organisations"]
    organisations = _organisations(listed, problems)
    # Names are checked against the organisations files only when those could be read: a
    # file without its name column is reported once, not once per response naming it.
    usable = bool(listed) and all(first_present(t.frame.columns, ("name", "id")) for t in listed)
    if not listed and known is not None and len(known):
        organisations, usable = _known_organisations(known), True
    names = _Names.from_organisations(organisations) if usable else _Names()
    answered: Answered = {}
    known = _organisation_frame(organisations) if usable else None
    mapping = [t for t in tables if t.kind == "mapping"]
    responses: list[dict[str, object]] = []
    for t in tables:
        if t.kind == "responses":
            responses.extend(_responses(t, named_wave, names, answered, problems))
        elif t.kind == "wide":
            responses.extend(_wide(t, known, mapping, named_wave, names, answered, problems))
    edges = [
        record
        for t in tables
        if t.kind == "edges"
        for record in _edges(t, named_wave, names, problems)
    ]
    if problems:
        raise SurveyError(problems)
    if not usable:
        organisations = _inferred_organisations(names.inferred, responses, edges)
    return Survey(
        organisations=_organisation_frame(organisations),
        responses=_frame(responses, RESPONSE_COLUMNS, empty_responses, _RESPONSE_TYPES),
        edges=_frame(edges, EDGE_COLUMNS, empty_edges, _EDGE_TYPES),
    )


def _known_organisations(known: pd.DataFrame) -> list[_Organisation]:
    """The organisations of a validated survey, as validation holds its roster."""
    return [
        _Organisation(str(name), row["type"], tuple(row["hubs"]), str(row["region"]),
                      tuple(row["aliases"]), tuple(row["waves"]))
        for name, row in known.iterrows()
    ]  # fmt: skip


def _inferred_organisations(
    inferred: Sequence[str], responses: Sequence[dict], edges: Sequence[dict]
) -> list[_Organisation]:
    """Organisations known only from the answers: each is on the roster of the waves that
    name it, so an organisation first named in a later wave is not an isolate before it."""
    waves: dict[str, dict[str, None]] = {name: {} for name in inferred}
    for record in responses:
        for key in ("respondent", "partner"):
            waves.setdefault(record[key], {})[record["wave"]] = None
    for record in edges:
        for key in ("source", "target"):
            waves.setdefault(record[key], {})[record["wave"]] = None
    return [_Organisation(name, waves=tuple(waves.get(name, {}))) for name in inferred]


# --- places and cells -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    """One data row of a table: its cells by column key, and how to report a problem in it.

    ``places`` gives, for rows read from a wide export, the (row, header as written) of each
    cell, and of the answer as a whole under ``"answer"``.
    """

    table: RawTable
    number: int
    cells: dict[str, str]
    places: dict[str, tuple[int, str | None]] = field(default_factory=dict)

    def get(self, key: str | None) -> str:
        return self.cells.get(key, "") if key else ""

    def problem(self, key: str | None, message: str, fix: str) -> Problem:
        if key in self.places:
            row, column = self.places[key]
            return Problem(self.table.path, row, column, message, fix)
        column = self.table.column_name(key) if key in self.cells else key
        return Problem(self.table.path, self.number, column, message, fix)

    def answer_problem(self, message: str, fix: str) -> Problem:
        """A problem with the whole answer: at its partner column (tidy) or first cell (wide)."""
        return self.problem("answer" if "answer" in self.places else "partner", message, fix)


def _text(value: object) -> str:
    """A cell as stripped text; a missing value (None or NaN) as ""."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _rows(table: RawTable) -> list[_Row]:
    columns = {key: table.frame[key].tolist() for key in table.frame.columns}
    return [
        _Row(table, number, {key: _text(values[i]) for key, values in columns.items()})
        for i, number in enumerate(table.rows)
    ]


def _missing(table: RawTable, required: Sequence[Sequence[str]], problems: list[Problem]) -> bool:
    """Report each required column missing from ``table``; True when any is missing."""
    missing = [alt for alt in required if first_present(table.frame.columns, alt) is None]
    for alternatives in missing:
        named = " (or ".join(f"'{a}'" for a in alternatives) + ")" * (len(alternatives) - 1)
        problems.append(
            Problem(
                table.path,
                table.header_row,
                alternatives[0],
                f"the column {named} is missing",
                f"add a column headed '{alternatives[0]}' with a value in every row",
            )
        )
    return bool(missing)


# --- names --------------------------------------------------------------------------------


@dataclass
class _Organisation:
    name: str
    type: str = "unknown"
    hubs: tuple[str, ...] = ()
    region: str = ""
    aliases: tuple[str, ...] = ()
    waves: tuple[str, ...] = ()


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


# --- organisations ------------------------------------------------------------------------

_TYPE_FIX: Final = "use one of the organisation types: " + ", ".join(
    f"{key} ({label})" for key, label in ORGANISATION_TYPES.items()
)


def _organisations(tables: Sequence[RawTable], problems: list[Problem]) -> list[_Organisation]:
    organisations: list[_Organisation] = []
    where: dict[str, _Row] = {}
    alias_rows: list[tuple[_Organisation, _Row, str]] = []
    for table in tables:
        if _missing(table, (("name", "id"),), problems):
            continue
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
            organisation = _Organisation(
                name=name,
                type=kind,
                hubs=split_list(row.get("hub")),
                region=row.get("region"),
                waves=split_list(row.get("waves")),
            )
            organisations.append(organisation)
            alias_rows.extend((organisation, row, a) for a in split_list(row.get("aliases")))
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
    return organisations


def _organisation_type(row: _Row, key: str | None, problems: list[Problem]) -> str:
    written = row.get(key)
    if not written:
        return "unknown"
    try:
        return organisation_type(written)
    except ValueError as error:
        if key == "group":
            return written  # another tool's grouping, kept as written
        problems.append(row.problem(key, str(error), _TYPE_FIX))
        return "unknown"


# --- responses ------------------------------------------------------------------------------

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
    records: list[dict[str, object]] = []
    for row in rows:
        table = row.table
        before = len(problems)
        wave = _wave(row, named_wave, problems)
        respondent = _name(row, "respondent", names, problems)
        partner = _name(row, "partner", names, problems)
        if respondent is not None and respondent == partner:
            problems.append(
                row.problem(
                    "partner",
                    f"'{row.get('partner')}' is the respondent itself ('{respondent}')",
                    "delete the row: an organisation is not its own partner",
                )
            )
        if not row.get("frequency"):
            problems.append(
                row.problem(
                    "frequency",
                    "the frequency is blank",
                    f"{FREQUENCY.accepted}; 'Never' is an answer too",
                )
            )
            frequency = None
        else:
            frequency = _parsed(row, "frequency", FREQUENCY.parse, FREQUENCY.accepted, problems)
        relevance = math.nan
        if row.get("relevance"):
            relevance = _parsed(row, "relevance", RELEVANCE.parse, RELEVANCE.accepted, problems)
        direction = _parsed(row, "direction", DIRECTION.parse, DIRECTION.accepted, problems)
        nature = _natures(row, problems)
        if len(problems) > before:
            continue
        person = row.get("respondent_person")
        key = (wave, str(respondent), str(partner), normalise_label(person))
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
        answered[key] = (table.path, row.number)
        records.append(
            {
                "wave": wave,
                "respondent": respondent,
                "partner": partner,
                "frequency": frequency,
                "relevance": float(relevance),
                "direction": direction,
                "nature": nature,
                "respondent_person": person,
                "submitted": row.get("submitted"),
                "source_file": table.path,
                "source_row": row.number,
            }
        )
    return records


# --- edges ----------------------------------------------------------------------------------


def _weight(written: str) -> float:
    """A tie's strength as written: a number of 0 or more; blank means 1."""
    if not written:
        return 1.0
    try:
        number = float(written)
    except ValueError:
        try:
            number = float(written.replace(",", "."))  # a decimal comma, as in "1,5"
        except ValueError:
            raise ValueError(f"'{written}' is not a number") from None
    if not math.isfinite(number) or number < 0:
        raise ValueError(f"{written} is not a weight of 0 or more")
    return number


def _edges(
    table: RawTable, named_wave: str, names: _Names, problems: list[Problem]
) -> list[dict[str, object]]:
    if _missing(table, (("source",), ("target",)), problems):
        return []
    nature_key = first_present(table.frame.columns, ("nature", "type"))
    records: list[dict[str, object]] = []
    for row in _rows(table):
        before = len(problems)
        wave = _wave(row, named_wave, problems)
        source = _name(row, "source", names, problems)
        target = _name(row, "target", names, problems)
        if source is not None and source == target:
            problems.append(
                row.problem(
                    "target",
                    f"'{row.get('target')}' is the source itself ('{source}')",
                    "delete the row: an organisation has no tie with itself",
                )
            )
        weight = _parsed(
            row,
            "weight",
            _weight,
            "write a number of 0 or more (higher = a stronger tie), or leave it blank for 1",
            problems,
        )
        if len(problems) > before:
            continue
        records.append(
            {
                "wave": wave,
                "source": source,
                "target": target,
                "weight": weight,
                "nature": split_list(row.get(nature_key)),
                "source_file": table.path,
                "source_row": row.number,
            }
        )
    return records


# --- frames -------------------------------------------------------------------------------

_RESPONSE_TYPES: Final = {"frequency": "int64", "relevance": "float64", "source_row": "int64"}
_EDGE_TYPES: Final = {"weight": "float64", "source_row": "int64"}


def _frame(
    records: list[dict[str, object]],
    columns: Sequence[str],
    empty: Callable[[], pd.DataFrame],
    types: dict[str, str],
) -> pd.DataFrame:
    if not records:
        return empty()
    return pd.DataFrame.from_records(records, columns=list(columns)).astype(types)


def _organisation_frame(organisations: Sequence[_Organisation]) -> pd.DataFrame:
    if not organisations:
        return empty_organisations()
    frame = pd.DataFrame(
        {column: [getattr(o, column) for o in organisations] for column in ORGANISATION_COLUMNS},
        index=pd.Index([o.name for o in organisations], name="name"),
    )
    return frame
