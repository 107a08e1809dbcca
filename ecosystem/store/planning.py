"""Planning an import: what a validated survey adds to what the workspace holds.

Validation has settled the codebook's rules; what is left to decide is how the survey meets
the stored state. A :class:`Plan` works that out before anything is written:

* waves are matched to stored waves case- and space-insensitively, as
  :func:`ecosystem.service.choose_wave` matches them;
* organisations are merged with stored ones: a name or alias already stored means that
  organisation; its stored type, region, short name and roster are kept (a file that says
  otherwise gets a note; a blank one is filled), a new spelling becomes an alias, hubs and
  roster waves are merged;
* answers are matched with stored answers: an answer stored before is skipped when the same
  and refused when different.

Whatever cannot be merged (a name known to neither the survey nor the workspace, aliases
that name two stored organisations, an answer that the merge makes a self-tie or a repeat,
a changed answer) is a :class:`~ecosystem.errors.Problem` of the plan, and nothing is
written.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import pandas as pd

from ecosystem.codebook import UNKNOWN_TYPE, normalise_label
from ecosystem.errors import Problem
from ecosystem.store.files import kept_rows
from ecosystem.store.schema import from_json, stored_keys, stored_waves, to_json
from ecosystem.survey import EDGE_COLUMNS, ORGANISATION_COLUMNS, RESPONSE_COLUMNS, Survey

__all__ = [
    "NOT_VALIDATED_FIX",
    "ORGANISATIONS_PLACE",
    "Plan",
    "is_missing",
    "records",
    "row_number",
]

ORGANISATIONS_PLACE: Final = "organisations"
"""The place named by problems with the organisations table (it has no file rows)."""

NOT_VALIDATED_FIX: Final = "load the files with ecosystem.load.load_survey, which validates them"
"""The fix for a problem that validation would have found first."""

Question = tuple[str, str, str, str]
"""What an answer answers: wave, respondent, partner and respondent person (normalised)."""

_Organisation = tuple[str, str, tuple[str, ...], str, tuple[str, ...], tuple[str, ...], str]
"""A row of the survey's organisations: name, type, hubs, region, aliases, waves, short
name."""


@dataclass(frozen=True)
class StoredOrganisation:
    """What the workspace holds of an organisation (its name and aliases aside)."""

    type: str
    hubs: tuple[str, ...]
    region: str
    waves: tuple[str, ...]
    short_name: str = ""


@dataclass
class Plan:
    """Everything one import will write, worked out (and checked) before anything is.

    ``new_organisations`` rows are (name, key, type, hubs, region, waves, short name) as
    stored;
    ``responses`` and ``edges`` rows hold the columns of :mod:`ecosystem.survey` in order.
    """

    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    waves: list[str] = field(default_factory=list)
    new_waves: list[str] = field(default_factory=list)
    new_organisations: list[tuple[str, ...]] = field(default_factory=list)
    changed_organisations: dict[str, StoredOrganisation] = field(default_factory=dict)
    new_aliases: list[tuple[str, str]] = field(default_factory=list)
    responses: list[tuple[object, ...]] = field(default_factory=list)
    edges: list[tuple[object, ...]] = field(default_factory=list)

    @classmethod
    def make(
        cls,
        connection: sqlite3.Connection,
        survey: Survey,
        skipped: set[str],
        notes: list[str],
    ) -> Plan:
        """Plan the import of ``survey`` but for the rows of the ``skipped`` files."""
        plan = cls(notes=list(notes))
        responses = kept_rows(survey.responses, skipped)
        edges = kept_rows(survey.edges, skipped)
        stored = stored_waves(connection)
        wave_of = plan._plan_waves(stored, responses, edges)
        others = [w for w in stored if w not in plan.waves]
        names = plan._plan_organisations(connection, survey.organisations, wave_of, others)
        if plan.problems:
            return plan  # names could not be settled: every row would repeat the problem
        plan._plan_responses(connection, responses, names, wave_of)
        plan._plan_edges(edges, names, wave_of)
        return plan

    # waves

    def _plan_waves(
        self, stored: Sequence[str], responses: pd.DataFrame, edges: pd.DataFrame
    ) -> dict[str, str]:
        """Each wave name as written to its stored name (new waves in order of appearance)."""
        by_key = {normalise_label(name): name for name in stored}
        wave_of: dict[str, str] = {}
        for frame in (responses, edges):
            for wave in frame["wave"].tolist():
                if wave in wave_of:
                    continue
                key = normalise_label(wave)
                if key not in by_key:
                    by_key[key] = wave
                    self.new_waves.append(wave)
                wave_of[wave] = by_key[key]
                if by_key[key] not in self.waves:
                    self.waves.append(by_key[key])
        return wave_of

    # organisations

    def _plan_organisations(
        self,
        connection: sqlite3.Connection,
        organisations: pd.DataFrame,
        wave_of: dict[str, str],
        others: Sequence[str],
    ) -> dict[str, str]:
        """Merge the survey's organisations into the stored ones.

        ``others`` are the stored waves this import adds nothing to. Returns every spelling
        (names and aliases, normalised) to its organisation in the workspace once this
        import is written.
        """
        keys = stored_keys(connection)
        rows: list[_Organisation] = list(
            zip(
                organisations.index.tolist(),
                *(organisations[c].tolist() for c in ORGANISATION_COLUMNS),
                strict=True,
            )
        )
        owners = self._owners(rows, keys)
        if self.problems:
            return keys
        stored = {
            name: StoredOrganisation(kind, from_json(hubs), region, from_json(waves), short)
            for name, kind, hubs, region, waves, short in connection.execute(
                "SELECT name, type, hubs, region, waves, short_name FROM organisations"
            )
        }
        for row in rows:
            self._add_organisation(row, owners[row[0]], stored, keys, wave_of, others)
        for name, _kind, _hubs, _region, aliases, _waves, _short in rows:
            self._add_aliases(name, aliases, owners[name], keys)
        return keys

    def _owners(self, rows: Sequence[_Organisation], keys: dict[str, str]) -> dict[str, str]:
        """Each organisation of the survey to the stored organisation it is, or to itself.

        Several spellings the files keep apart (validation infers one organisation per
        spelling when there is no organisations file) may be one stored organisation: they
        are merged into it. A name whose aliases name two stored organisations is a problem.
        """
        owners: dict[str, str] = {}
        for name, _kind, _hubs, _region, aliases, _waves, _short in rows:
            spellings = (normalise_label(s) for s in (name, *aliases))
            hits = dict.fromkeys(keys[k] for k in spellings if k in keys)
            if len(hits) > 1:
                self._organisation_problem(
                    "aliases",
                    f"'{name}' and its aliases name {len(hits)} different organisations in "
                    f"the workspace ({', '.join(repr(h) for h in hits)})",
                    "correct the aliases in the organisations file, so that they name one "
                    "organisation only",
                )
                continue
            owners[name] = next(iter(hits), name)
        return owners

    def _add_organisation(
        self,
        row: _Organisation,
        owner: str,
        stored: dict[str, StoredOrganisation],
        keys: dict[str, str],
        wave_of: dict[str, str],
        others: Sequence[str],
    ) -> None:
        """Add a new organisation, or merge what the files say into the stored one."""
        name, kind, hubs, region, _aliases, waves, short = row
        roster = tuple(dict.fromkeys(wave_of.get(w, w) for w in waves))
        if not roster and others:
            # Listed for every wave, in a workspace holding other waves: on the roster of the
            # imported waves only, so a later wave never changes an earlier wave's network.
            roster = tuple(self.waves)
        if owner in stored:
            given = StoredOrganisation(kind, tuple(hubs), region, roster, short)
            merged = self._merge(owner, stored[owner], given, others)
            if merged != stored[owner]:
                stored[owner] = self.changed_organisations[owner] = merged
            if name != owner and normalise_label(name) != normalise_label(owner):
                self.notes.append(f"'{name}' is stored as '{owner}' (a spelling it is known by)")
            return
        keys[normalise_label(name)] = name
        if not roster and others:  # an import of organisations only: on every wave's roster
            self.notes.append(
                f"'{name}' is new and listed for every wave, so it is on the roster "
                f"of the waves already stored too ({', '.join(others)})"
            )
        self.new_organisations.append(
            (name, normalise_label(name), kind, to_json(hubs), region, to_json(roster), short)
        )
        stored[name] = StoredOrganisation(kind, tuple(hubs), region, roster, short)

    def _merge(
        self,
        name: str,
        stored: StoredOrganisation,
        given: StoredOrganisation,
        others: Sequence[str],
    ) -> StoredOrganisation:
        """An organisation already stored, with what these files (``given``) add to it."""
        kind, roster = given.type, given.waves
        merged_type = stored.type
        if kind != stored.type and kind != UNKNOWN_TYPE:
            if stored.type == UNKNOWN_TYPE:
                merged_type = kind
                self.notes.append(f"'{name}' now has the type '{kind}' (it was unknown)")
            else:
                self.notes.append(
                    f"'{name}' is stored with the type '{stored.type}'; these files say "
                    f"'{kind}': the stored type is kept"
                )
        merged_hubs = tuple(dict.fromkeys((*stored.hubs, *given.hubs)))
        if len(merged_hubs) > len(stored.hubs):
            added = ", ".join(merged_hubs[len(stored.hubs) :])
            self.notes.append(f"'{name}' now also belongs to the hub(s) {added}")
        if not stored.waves or (not roster and others):
            merged_waves = stored.waves
        elif not roster:
            merged_waves = ()
        else:
            merged_waves = tuple(dict.fromkeys((*stored.waves, *roster)))
        return StoredOrganisation(
            merged_type,
            merged_hubs,
            self._kept_text(name, "region", stored.region, given.region),
            merged_waves,
            self._kept_text(name, "short name", stored.short_name, given.short_name),
        )

    def _kept_text(self, name: str, what: str, stored: str, given: str) -> str:
        """A stored free-text field (region, short name): kept, with a note where the files
        say otherwise; filled where it was blank."""
        if not given or given == stored:
            return stored
        if not stored:
            return given
        self.notes.append(
            f"'{name}' is stored with the {what} '{stored}'; these files say '{given}': "
            f"the stored {what} is kept"
        )
        return stored

    def _add_aliases(
        self, name: str, aliases: Sequence[str], owner: str, keys: dict[str, str]
    ) -> None:
        """Save each spelling of an organisation that the workspace does not know yet."""
        for spelling in (name, *aliases):
            key = normalise_label(spelling)
            if keys.get(key) == owner:
                continue
            if key in keys:
                self._organisation_problem(
                    "aliases",
                    f"the alias '{spelling}' of '{name}' is already the name or an alias of "
                    f"'{keys[key]}'",
                    "an alias may point to one organisation only: delete it here, or "
                    "correct the organisation it belongs to",
                )
                continue
            keys[key] = owner
            self.new_aliases.append((spelling, owner))

    def _organisation_problem(self, column: str, message: str, fix: str) -> None:
        self.problems.append(Problem(ORGANISATIONS_PLACE, None, column, message, fix))

    # responses and edges

    def _plan_responses(
        self,
        connection: sqlite3.Connection,
        responses: pd.DataFrame,
        names: dict[str, str],
        wave_of: dict[str, str],
    ) -> None:
        """The answers to store. Two answers that the merge makes one question (two spellings
        of one stored organisation, one wave written two ways) are refused; an answer stored
        before is skipped when it is the same, and refused when it differs."""
        stored = _stored_answers(connection, self.waves)
        seen: dict[Question, tuple[object, object]] = {}
        identical = 0
        for record in records(responses, RESPONSE_COLUMNS):
            question = self._question(record, names, wave_of)
            if question is None:
                continue
            if question in seen:
                first_file, first_row = seen[question]
                self._row_problem(
                    record,
                    "partner",
                    f"this answer repeats {first_file} row {first_row} (same wave, respondent, "
                    "partner and respondent person)",
                )
                continue
            seen[question] = _place(record)
            if question not in stored:
                self.responses.append(_response_row(question, record))
                continue
            kept, kept_file, kept_row = stored[question]
            if kept == _answer(record):
                identical += 1
                continue
            self._row_problem(
                record,
                "partner",
                f"the workspace holds a different answer to this question ({kept_file} row "
                f"{kept_row}, wave '{question[0]}')",
                "to replace a wave's answers, delete the wave and import all of its files "
                "again; or name the person who gave each answer in 'respondent_person'",
            )
        if identical:
            self.notes.append(
                f"{identical} responses were already stored, with the same answers; they were "
                "skipped"
            )

    def _question(
        self, record: dict[str, Any], names: dict[str, str], wave_of: dict[str, str]
    ) -> Question | None:
        """What an answer answers in the workspace's names, or ``None`` (with a problem)."""
        pair = self._ends(record, names, ("respondent", "partner"))
        if pair is None:
            return None
        person = normalise_label(record["respondent_person"])
        return (wave_of[record["wave"]], *pair, person)

    def _plan_edges(
        self, edges: pd.DataFrame, names: dict[str, str], wave_of: dict[str, str]
    ) -> None:
        """The edges to store, each naming the workspace's organisations."""
        for record in records(edges, EDGE_COLUMNS):
            pair = self._ends(record, names, ("source", "target"))
            if pair is None:
                continue
            wave = wave_of[record["wave"]]
            weight = float(record["weight"])
            nature = to_json(record["nature"])
            self.edges.append((wave, *pair, weight, nature, *_place(record)))

    def _ends(
        self, record: dict[str, Any], names: dict[str, str], columns: tuple[str, str]
    ) -> tuple[str, str] | None:
        """The stored organisations at the two ends of an answer or edge, or ``None`` with a
        problem: a name that neither the survey nor the workspace knows, or two names that
        are one organisation in the workspace."""
        first, second = (self._name(record, names, column) for column in columns)
        if first is None or second is None:
            return None
        if first == second:
            message = f"'{record[columns[1]]}' is the {columns[0]} itself"
            self._row_problem(record, columns[1], message)
            return None
        return first, second

    def _name(self, record: dict[str, Any], names: dict[str, str], column: str) -> str | None:
        """The stored name of the organisation in a column, or ``None`` (with a problem)."""
        written = record[column]
        canonical = names.get(normalise_label(written)) if isinstance(written, str) else None
        if canonical is None:
            self._row_problem(
                record,
                column,
                f"'{written}' is neither in the survey's organisations nor in the workspace",
                "add the organisation to the organisations file, or load the files with "
                "ecosystem.load.load_survey, which checks every name",
            )
        return canonical

    def _row_problem(
        self, record: dict[str, Any], column: str, message: str, fix: str = NOT_VALIDATED_FIX
    ) -> None:
        file, row = _place(record)
        self.problems.append(Problem(str(file), row_number(row), column, message, fix))


# --- answers ---------------------------------------------------------------------------------


def _place(record: dict[str, Any]) -> tuple[object, object]:
    """The file and row a response or edge came from."""
    return record["source_file"], record["source_row"]


def _stored_answers(
    connection: sqlite3.Connection, waves: Sequence[str]
) -> dict[Question, tuple[tuple[object, ...], str, int]]:
    """The stored answers of some waves, by question, with the file and row of each."""
    answers: dict[Question, tuple[tuple[object, ...], str, int]] = {}
    for wave in waves:
        rows = connection.execute(
            "SELECT wave, respondent, partner, respondent_person, frequency, relevance, "
            "direction, nature, submitted, source_file, source_row FROM responses WHERE wave = ?",
            (wave,),
        )
        for wave_, respondent, partner, person, *values, file, row in rows:
            frequency, relevance, direction, nature, submitted = values
            answer = (frequency, relevance, direction, from_json(nature), submitted)
            answers[(wave_, respondent, partner, normalise_label(person))] = (answer, file, row)
    return answers


def _answer(record: dict[str, Any]) -> tuple[object, ...]:
    """What a response says, for comparing it with a stored one (file and row aside)."""
    return (
        int(record["frequency"]),
        _relevance(record["relevance"]),
        record["direction"],
        tuple(record["nature"]),
        record["submitted"],
    )


def _response_row(question: Question, record: dict[str, Any]) -> tuple[object, ...]:
    """A response as stored: the columns of :data:`ecosystem.survey.RESPONSE_COLUMNS`."""
    wave, respondent, partner, _person = question
    return (
        wave,
        respondent,
        partner,
        int(record["frequency"]),
        _relevance(record["relevance"]),
        record["direction"],
        to_json(record["nature"]),
        record["respondent_person"],
        record["submitted"],
        record["source_file"],
        int(record["source_row"]),
    )


# --- small helpers -------------------------------------------------------------------------------


def records(frame: pd.DataFrame, columns: Sequence[str]) -> Iterator[dict[str, Any]]:
    """The rows of a table as dicts of plain Python values, in order."""
    values = [frame[column].tolist() for column in columns]
    for row in zip(*values, strict=True):
        yield dict(zip(columns, row, strict=True))


def is_missing(value: object) -> bool:
    """Whether a cell is empty: ``None`` or NaN (a relevance not answered)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def _relevance(value: Any) -> float | None:
    return None if is_missing(value) else float(value)


def row_number(value: object) -> int | None:
    """A row number to report, or ``None`` when there is none."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None
