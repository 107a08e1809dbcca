"""The survey's room of a workspace: the waves imported, read back, renamed, dated, aliased.

This is what the workspace is for: the waves of a partner-mapping survey, their
organisations, aliases, responses and edges, and the log of what each import added.
:class:`SurveyData` reads everything stored back as the :class:`~ecosystem.survey.Survey`
that validation gives for files, imports a validated survey in one transaction
(:mod:`ecosystem.store.importing`), and lets a person rename, delete and date a wave or save
an alias. It is kept apart from the accounts, the session secret and the audit table (each a
room of its own) so that a change to who may sign in never touches how the survey is kept;
all of them share the workspace's one connection and its transactions
(:class:`~ecosystem.store.transactions.Transactions`), and a
:class:`~ecosystem.store.Workspace` offers these methods under the same names.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd

from ecosystem.codebook import normalise_label
from ecosystem.errors import OptionError
from ecosystem.names import nearest_names
from ecosystem.store.importing import ImportReport, import_survey
from ecosystem.store.schema import from_json, next_position, stored_keys, stored_waves, to_json
from ecosystem.store.transactions import Transactions
from ecosystem.survey import (
    EDGE_COLUMNS,
    RESPONSE_COLUMNS,
    Survey,
    edges_frame,
    empty_organisations,
    responses_frame,
)

__all__ = ["SurveyData"]


class SurveyData:
    """The survey's room of a workspace, over its ``transactions``."""

    def __init__(self, transactions: Transactions) -> None:
        self._transactions = transactions

    def survey(self) -> Survey:
        """Everything stored, as the :class:`Survey` that validation gives for files.

        Columns and dtypes are those of :func:`ecosystem.validate.validate`; organisations are
        in the order they were first imported, responses and edges in the order they were
        imported (within a file, the file's order).
        """
        with self._transactions.reading() as connection:
            return _stored_survey(connection)

    def waves(self) -> pd.DataFrame:
        """The stored waves in order: ``name``, ``starts``, ``ends`` (ISO dates, missing
        where not set), ``responses`` (rows), ``respondents`` (organisations that answered)
        and ``edges`` (edge rows)."""
        with self._transactions.reading() as connection:
            rows = connection.execute(
                """SELECT w.name, w.starts, w.ends,
                    (SELECT count(*) FROM responses r WHERE r.wave = w.name),
                    (SELECT count(DISTINCT r.respondent) FROM responses r WHERE r.wave = w.name),
                    (SELECT count(*) FROM edges e WHERE e.wave = w.name)
                FROM waves w ORDER BY w.position"""
            ).fetchall()
            columns = ["name", "starts", "ends", "responses", "respondents", "edges"]
            frame = pd.DataFrame(rows, columns=columns, dtype=object)
            return frame.astype(dict.fromkeys(["responses", "respondents", "edges"], "int64"))

    def imports(self) -> pd.DataFrame:
        """The import log, one row per file: ``import`` (its number), ``imported_at`` (UTC,
        ISO), ``file``, ``sha256``, ``bytes``, ``waves`` (``"; "``-joined, as imported),
        ``responses`` and ``edges`` (rows the file gave). An import of a survey without
        files has one row with a blank ``file``."""
        with self._transactions.reading() as connection:
            rows = connection.execute(
                """SELECT i.id, i.imported_at, coalesce(f.file, ''), coalesce(f.sha256, ''),
                    coalesce(f.bytes, 0), i.waves, coalesce(f.responses, i.responses),
                    coalesce(f.edges, i.edges)
                FROM imports i LEFT JOIN import_files f ON f.import_id = i.id
                ORDER BY i.id, f.id"""
            ).fetchall()
            columns = ["import", "imported_at", "file", "sha256", "bytes", "waves"]
            columns += ["responses", "edges"]
            records = [(*row[:5], "; ".join(json.loads(row[5])), *row[6:]) for row in rows]
            frame = pd.DataFrame(records, columns=columns, dtype=object)
            counts = ("import", "bytes", "responses", "edges")
            return frame.astype(dict.fromkeys(counts, "int64"))

    def import_survey(self, survey: Survey, files: Sequence[tuple[str, bytes]]) -> ImportReport:
        """Add a validated survey to the workspace, in one transaction (all or nothing).

        Parameters
        ----------
        survey
            A survey from :func:`ecosystem.load.load_survey` (or ``validate``) of ``files``.
        files
            ``(name, bytes)`` of the files the survey came from, ``name`` as the readers
            report it in ``source_file`` (the file's name). Files imported before (same
            bytes) are skipped with every row that came from them.

        Returns
        -------
        ImportReport
            What was added, which files were skipped and notes on what was merged.

        Raises
        ------
        SurveyError
            With every problem (names unknown or clashing with stored ones, answers given
            twice or different from the stored answer once merged; columns missing or codes
            off the scales in a survey that validation did not make); nothing is stored.
        OptionError
            When two files have one name (rows could not be traced to their file).
        """
        named = [(str(name), bytes(data)) for name, data in files]
        with self._transactions.writing() as connection:
            return import_survey(connection, survey, named)

    def rename_wave(self, old: str, new: str) -> None:
        """Rename a wave; its responses, edges and roster entries follow.

        Raises ``OptionError`` when ``old`` is not a wave (the waves on offer are named), or
        ``new`` is blank or another wave's name.
        """
        new = str(new).strip()
        if not new:
            raise OptionError("a wave's name cannot be blank")
        with self._transactions.writing() as connection:
            name = _wave_named(connection, old)
            for (other,) in connection.execute("SELECT name FROM waves"):
                if other != name and normalise_label(other) == normalise_label(new):
                    raise OptionError(f"there is a wave '{other}' already; choose another name")
            if new == name:
                return
            connection.execute("UPDATE waves SET name = ? WHERE name = ?", (new, name))
            rosters = connection.execute("SELECT name, waves FROM organisations").fetchall()
            for organisation, text in rosters:
                waves = json.loads(text)
                if name in waves:
                    renamed = [new if wave == name else wave for wave in waves]
                    connection.execute(
                        "UPDATE organisations SET waves = ? WHERE name = ?",
                        (to_json(renamed), organisation),
                    )

    def delete_wave(self, name: str) -> dict[str, int]:
        """Delete a wave with its responses and edges, in one transaction.

        Organisations stay (with their rosters). Returns the numbers of ``responses`` and
        ``edges`` deleted. Raises ``OptionError`` for an unknown wave, naming the waves.
        """
        with self._transactions.writing() as connection:
            wave = _wave_named(connection, name)
            responses = connection.execute("DELETE FROM responses WHERE wave = ?", (wave,))
            edges = connection.execute("DELETE FROM edges WHERE wave = ?", (wave,))
            connection.execute("DELETE FROM waves WHERE name = ?", (wave,))
            return {"responses": responses.rowcount, "edges": edges.rowcount}

    def set_wave_dates(self, name: str, starts: date | str | None, ends: date | str | None) -> None:
        """Set when a wave's survey ran (ISO dates, ``None`` to clear); ``starts <= ends``."""
        first, last = _iso_date(starts, "starts"), _iso_date(ends, "ends")
        if first is not None and last is not None and first > last:
            raise OptionError(f"the wave cannot end ({last}) before it starts ({first})")
        with self._transactions.writing() as connection:
            wave = _wave_named(connection, name)
            connection.execute(
                "UPDATE waves SET starts = ?, ends = ? WHERE name = ?", (first, last, wave)
            )

    def add_alias(self, alias: str, organisation: str) -> None:
        """Save another spelling or former name of a stored organisation.

        A person confirms a name match (a misspelling, "Wessex AHSN" for "Health Innovation
        Wessex") and later files that use it resolve to the organisation. ``organisation``
        may be written in any case, or as one of its aliases. Saving an alias the
        organisation already has changes nothing. Raises ``OptionError`` when the
        organisation is unknown, or the alias is blank, another organisation's name or
        another organisation's alias.
        """
        alias = str(alias).strip()
        if not alias:
            raise OptionError("an alias cannot be blank")
        with self._transactions.writing() as connection:
            keys = stored_keys(connection)
            owner = keys.get(normalise_label(organisation))
            if owner is None:
                names = [row[0] for row in connection.execute("SELECT name FROM organisations")]
                raise OptionError(
                    f"'{organisation}' is not an organisation in the workspace"
                    + _did_you_mean(organisation, names)
                )
            taken = keys.get(normalise_label(alias))
            if taken == owner:
                return
            if taken is not None:
                raise OptionError(
                    f"'{alias}' is already the name or an alias of '{taken}', so it cannot "
                    f"also mean '{owner}'"
                )
            connection.execute(
                "INSERT INTO aliases (alias, key, organisation, position, import_id) "
                "VALUES (?, ?, ?, ?, NULL)",
                (alias, normalise_label(alias), owner, next_position(connection, "aliases")),
            )


# --- waves and names -----------------------------------------------------------------------------


def _wave_named(connection: sqlite3.Connection, name: str) -> str:
    """The stored wave a name means (case- and space-insensitively), else ``OptionError``."""
    waves = stored_waves(connection)
    for wave in waves:
        if normalise_label(wave) == normalise_label(name):
            return wave
    offered = ", ".join(waves) or "none"
    raise OptionError(f"wave '{name}' is not in the workspace; waves: {offered}")


def _did_you_mean(name: str, names: Sequence[str]) -> str:
    """``"; did you mean 'X'?"`` with the known names nearest to ``name``, or nothing."""
    close = nearest_names(name, names)
    return f"; did you mean {' or '.join(repr(n) for n in close)}?" if close else ""


def _iso_date(value: date | str | None, what: str) -> str | None:
    """A date as stored (``YYYY-MM-DD``), ``None`` for a blank, else ``OptionError``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise OptionError(f"'{value}' is not a date for '{what}': write it as YYYY-MM-DD") from None


# --- reading a survey back ------------------------------------------------------------------------


def _stored_survey(connection: sqlite3.Connection) -> Survey:
    """Everything stored, with the columns and dtypes that validation gives."""

    def rows(statement: str) -> list[tuple[Any, ...]]:
        return connection.execute(statement).fetchall()

    organisations = rows(
        "SELECT name, type, hubs, region, waves, short_name FROM organisations ORDER BY position"
    )
    aliases = rows("SELECT alias, organisation FROM aliases ORDER BY position")
    responses = rows(f"SELECT {', '.join(RESPONSE_COLUMNS)} FROM responses ORDER BY id")
    edges = rows(f"SELECT {', '.join(EDGE_COLUMNS)} FROM edges ORDER BY id")
    return Survey(
        organisations=_organisation_frame(organisations, aliases),
        responses=responses_frame([_record(RESPONSE_COLUMNS, row) for row in responses]),
        edges=edges_frame([_record(EDGE_COLUMNS, row) for row in edges]),
    )


def _record(columns: Sequence[str], row: Sequence[object]) -> dict[str, object]:
    """A stored response or edge as validation holds it: natures a tuple, a relevance not
    answered NaN."""
    record = dict(zip(columns, row, strict=True))
    record["nature"] = from_json(record["nature"])  # type: ignore[arg-type]
    if "relevance" in record and record["relevance"] is None:
        record["relevance"] = math.nan
    return record


def _organisation_frame(
    organisations: Sequence[tuple[str, str, str, str, str, str]],
    aliases: Sequence[tuple[str, str]],
) -> pd.DataFrame:
    """The organisations table (index ``name``), each with its aliases in the order saved."""
    if not organisations:
        return empty_organisations()
    spellings: dict[str, list[str]] = {}
    for alias, owner in aliases:
        spellings.setdefault(owner, []).append(alias)
    names = [row[0] for row in organisations]
    return pd.DataFrame(
        {
            "type": [row[1] for row in organisations],
            "hubs": [from_json(row[2]) for row in organisations],
            "region": [row[3] for row in organisations],
            "aliases": [tuple(spellings.get(name, ())) for name in names],
            "waves": [from_json(row[4]) for row in organisations],
            "short_name": [row[5] for row in organisations],
        },
        index=pd.Index(names, name="name"),
    )
