"""The store stage: a workspace that keeps every wave a user imports, and never loses any.

Evaluators collect a survey wave, then another a year later, and so on. A *workspace* is a
folder holding one SQLite file (``ecosystem.sqlite``) where every import is kept; reading it
back gives the same :class:`~ecosystem.survey.Survey` that the files gave, so every later
stage works on a workspace exactly as on files.

Promises
--------
* **All or nothing.** Each import, rename or deletion is one transaction: when anything goes
  wrong midway (bad input, a full disk, a crash), the workspace is as it was before.
* **Bad input changes nothing.** A survey is checked against what is stored before anything
  is written: names that are unknown or that clash with stored names or aliases, and
  answers that the merge with stored organisations and waves makes self-ties, repeats or
  changes of a stored answer are each reported as a :class:`~ecosystem.errors.Problem`
  (file, row, column, fix) in one :class:`~ecosystem.errors.SurveyError`.
* **One rule set.** The codebook's rules are validation's (:mod:`ecosystem.validate`): the
  store takes a validated survey as it is. A survey put together by hand is refused only
  for a missing column or a code off its scale (``_unvalidated_problems``).
* **Importing the same file twice adds nothing.** Files are recognised by the SHA-256 of
  their bytes, whatever they are called; rows that came from a file already imported are
  skipped and the file is reported in ``skipped_files``. A file whose rows were all deleted
  (with their wave) may be imported again.
* **What was imported is kept.** An organisation already stored keeps its name, type and
  region (a file that says otherwise gets a note); a new spelling becomes an alias; hubs and
  roster waves are merged. An answer already stored (same wave, respondent, partner and
  respondent person) is skipped when identical and refused when different, so a re-saved
  file adds nothing and a changed answer never silently replaces the stored one.

Decisions
---------
* Lists (hubs, roster waves, natures) are stored as JSON arrays of text, not ``;``-joined
  text: JSON keeps any item exactly, a ``;`` inside it included. Aliases have a table of
  their own. A relevance that was not answered is ``NULL``.
* Names are matched as validation matches them, case- and space-insensitively
  (:func:`ecosystem.codebook.normalise_label`); wave names too, as
  :func:`ecosystem.load.choose_wave` does.
* An organisation whose roster is "every wave" (a blank ``waves`` cell) that arrives in a
  workspace holding other waves is put on the roster of the imported waves only: importing
  a later wave never changes an earlier wave's network. (Organisations already stored for
  every wave stay so.)
* Deleting a wave leaves the organisations (and their rosters) in place: an organisation is
  never deleted. The import log keeps the wave names as they were imported.
* The journal is SQLite's default rollback journal, not write-ahead logging: the workspace
  stays one file, which is safer in folders that a file-sync service copies. Several readers
  may use the workspace at once; a writer waits for the others (up to ``TIMEOUT`` seconds).

Schema (``PRAGMA user_version`` = :data:`SCHEMA_VERSION`)
-------------------------------------------------------
``waves`` (name, starts, ends, position); ``organisations`` (name, key, type, hubs, region,
waves, position); ``aliases`` (alias, key, organisation, position, import_id: NULL when a
person confirmed it); ``imports`` (id, imported_at, waves, organisations, aliases, responses,
edges: what each import added); ``import_files`` (id, import_id, file, sha256, bytes,
responses, edges); ``responses`` and ``edges`` (the columns of
:mod:`ecosystem.survey`, plus id and import_id). ``key`` is the normalised spelling, unique.
Foreign keys are on; renaming a wave cascades to its responses and edges.

References
----------
SQLite, "Atomic commit in SQLite", https://www.sqlite.org/atomiccommit.html.

Examples
--------
>>> import tempfile
>>> from ecosystem.load import DEMO_FILES, load_survey
>>> survey = load_survey(DEMO_FILES)
>>> files = [(path.name, path.read_bytes()) for path in DEMO_FILES]
>>> with tempfile.TemporaryDirectory() as folder, Workspace(folder) as workspace:
...     first = workspace.import_survey(survey, files)
...     again = workspace.import_survey(survey, files)
...     stored = workspace.survey()
>>> first.added_organisations, first.added_waves, first.added_responses
(63, 2, 486)
>>> again.added_responses, again.skipped_files
(0, ('organisations.csv', 'responses.csv'))
>>> stored.waves
['Formative 2023', 'Summative 2024']
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
import threading
from collections.abc import Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Final

import pandas as pd

from ecosystem.codebook import DIRECTION, FREQUENCY, RELEVANCE, UNKNOWN_TYPE, normalise_label
from ecosystem.errors import OptionError, Problem, SurveyError
from ecosystem.names import nearest_names
from ecosystem.survey import (
    EDGE_COLUMNS,
    ORGANISATION_COLUMNS,
    RESPONSE_COLUMNS,
    Survey,
    empty_edges,
    empty_organisations,
    empty_responses,
)

__all__ = ["DATABASE_NAME", "SCHEMA_VERSION", "ImportReport", "Workspace", "WorkspaceError"]

DATABASE_NAME: Final = "ecosystem.sqlite"
"""The workspace's one file, inside the workspace folder."""

SCHEMA_VERSION: Final = 1
"""Kept in ``PRAGMA user_version``; a workspace written by a newer version is not opened."""

TIMEOUT: Final = 30.0
"""Seconds a writer waits for other users of the workspace before giving up."""

_SCHEMA: Final = (
    """CREATE TABLE waves (
        name TEXT PRIMARY KEY NOT NULL CHECK (name <> ''),
        starts TEXT CHECK (starts IS NULL OR date(starts) = starts),
        ends TEXT CHECK (ends IS NULL OR date(ends) = ends),
        position INTEGER NOT NULL UNIQUE,
        CHECK (starts IS NULL OR ends IS NULL OR starts <= ends)
    )""",
    """CREATE TABLE organisations (
        name TEXT PRIMARY KEY NOT NULL CHECK (name <> ''),
        key TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        hubs TEXT NOT NULL CHECK (json_valid(hubs)),
        region TEXT NOT NULL,
        waves TEXT NOT NULL CHECK (json_valid(waves)),
        position INTEGER NOT NULL UNIQUE
    )""",
    """CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        imported_at TEXT NOT NULL,
        waves TEXT NOT NULL CHECK (json_valid(waves)),
        organisations INTEGER NOT NULL,
        aliases INTEGER NOT NULL,
        responses INTEGER NOT NULL,
        edges INTEGER NOT NULL
    )""",
    """CREATE TABLE import_files (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES imports (id),
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        bytes INTEGER NOT NULL,
        responses INTEGER NOT NULL,
        edges INTEGER NOT NULL
    )""",
    "CREATE INDEX import_files_sha256 ON import_files (sha256)",
    """CREATE TABLE aliases (
        alias TEXT PRIMARY KEY NOT NULL CHECK (alias <> ''),
        key TEXT NOT NULL UNIQUE,
        organisation TEXT NOT NULL REFERENCES organisations (name) ON UPDATE CASCADE,
        position INTEGER NOT NULL UNIQUE,
        import_id INTEGER REFERENCES imports (id)
    )""",
    """CREATE TABLE responses (
        id INTEGER PRIMARY KEY,
        wave TEXT NOT NULL REFERENCES waves (name) ON UPDATE CASCADE,
        respondent TEXT NOT NULL REFERENCES organisations (name) ON UPDATE CASCADE,
        partner TEXT NOT NULL REFERENCES organisations (name) ON UPDATE CASCADE,
        frequency INTEGER NOT NULL CHECK (frequency >= 0),
        relevance REAL CHECK (relevance IS NULL OR relevance >= 0),
        direction TEXT NOT NULL,
        nature TEXT NOT NULL CHECK (json_valid(nature)),
        respondent_person TEXT NOT NULL,
        submitted TEXT NOT NULL,
        source_file TEXT NOT NULL,
        source_row INTEGER NOT NULL,
        import_id INTEGER NOT NULL REFERENCES imports (id),
        CHECK (respondent <> partner)
    )""",
    "CREATE INDEX responses_wave ON responses (wave)",
    "CREATE INDEX responses_import ON responses (import_id, source_file)",
    """CREATE TABLE edges (
        id INTEGER PRIMARY KEY,
        wave TEXT NOT NULL REFERENCES waves (name) ON UPDATE CASCADE,
        source TEXT NOT NULL REFERENCES organisations (name) ON UPDATE CASCADE,
        target TEXT NOT NULL REFERENCES organisations (name) ON UPDATE CASCADE,
        weight REAL NOT NULL CHECK (weight >= 0),
        nature TEXT NOT NULL CHECK (json_valid(nature)),
        source_file TEXT NOT NULL,
        source_row INTEGER NOT NULL,
        import_id INTEGER NOT NULL REFERENCES imports (id),
        CHECK (source <> target)
    )""",
    "CREATE INDEX edges_wave ON edges (wave)",
    "CREATE INDEX edges_import ON edges (import_id, source_file)",
)

_RESPONSE_TYPES: Final = {"frequency": "int64", "relevance": "float64", "source_row": "int64"}
_EDGE_TYPES: Final = {"weight": "float64", "source_row": "int64"}
_ORGANISATIONS_PLACE: Final = "organisations"
"""The place named by problems with the organisations table (it has no file rows)."""


class WorkspaceError(OptionError):
    """The folder chosen is not a workspace this version can open (or cannot be one)."""


@dataclass(frozen=True)
class ImportReport:
    """What one import added to a workspace.

    Counts are of rows added; ``waves`` names the waves that received rows, new or not;
    ``skipped_files`` are files whose bytes were imported before (nothing of them is added
    again); ``notes`` say in plain words what was kept, merged or skipped and why;
    ``import_id`` is the import's number in :meth:`Workspace.imports` (``None`` when nothing
    was imported).
    """

    added_organisations: int = 0
    added_aliases: int = 0
    added_waves: int = 0
    added_responses: int = 0
    added_edges: int = 0
    skipped_files: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    waves: tuple[str, ...] = ()
    import_id: int | None = None

    def __str__(self) -> str:
        text = (
            f"added {self.added_organisations} organisations, {self.added_aliases} aliases, "
            f"{self.added_waves} waves, {self.added_responses} responses and "
            f"{self.added_edges} edge rows"
        )
        if self.skipped_files:
            text += f"; already imported: {', '.join(self.skipped_files)}"
        return text


class Workspace:
    """A folder holding one SQLite file with every wave imported into it.

    Opening creates the folder and the schema where needed. Use it as a context manager (or
    call :meth:`close`). One object may be shared by the threads of one process; several
    objects (or processes) may open the same folder at once.

    Parameters
    ----------
    path
        The workspace folder (created if missing). The data live in ``path /
        DATABASE_NAME``.

    Raises
    ------
    WorkspaceError
        When ``path`` is a file, or holds a database that is not a workspace or was written
        by a newer version.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise WorkspaceError(f"'{self.path}' is a file; a workspace is a folder")
        self.path.mkdir(parents=True, exist_ok=True)
        self.database = self.path / DATABASE_NAME
        self._lock = threading.RLock()
        self._connection = sqlite3.connect(
            self.database, timeout=TIMEOUT, isolation_level=None, check_same_thread=False
        )
        try:
            self._connection.execute("PRAGMA foreign_keys = ON")
            self._create_schema()
        except sqlite3.DatabaseError as error:
            self._connection.close()
            raise WorkspaceError(f"'{self.database}' is not a workspace: {error}") from None
        except BaseException:
            self._connection.close()
            raise

    # --- opening and closing ---------------------------------------------------------------

    def close(self) -> None:
        """Close the workspace's connection (nothing is pending: every change is committed)."""
        with self._lock:
            self._connection.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Workspace({str(self.path)!r})"

    def _create_schema(self) -> None:
        with self._writing() as connection:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise WorkspaceError(
                    f"'{self.database}' was written by a newer version of ecosystem (schema "
                    f"{version}; this version reads {SCHEMA_VERSION}): upgrade ecosystem"
                )
            if version == SCHEMA_VERSION:
                return
            if connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise WorkspaceError(
                    f"'{self.database}' is an SQLite file of another program, not a workspace"
                )
            for statement in _SCHEMA:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed when the block ends, rolled back on any error.

        ``BEGIN IMMEDIATE`` takes the write lock first, so what the block reads to decide
        what to write cannot be changed by another writer before the commit.
        """
        with self._lock:
            connection = self._connection
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """One read transaction, so every table read belongs to the same committed state."""
        with self._lock:
            connection = self._connection
            connection.execute("BEGIN")
            try:
                yield connection
            finally:
                if connection.in_transaction:
                    connection.execute("COMMIT")

    # --- reading ---------------------------------------------------------------------------

    def survey(self) -> Survey:
        """Everything stored, as the :class:`Survey` that validation gives for files.

        Columns and dtypes are those of :func:`ecosystem.validate.validate`; organisations are
        in the order they were first imported, responses and edges in the order they were
        imported (within a file, the file's order).
        """
        with self._reading() as connection:
            organisations = connection.execute(
                "SELECT name, type, hubs, region, waves FROM organisations ORDER BY position"
            ).fetchall()
            aliases = connection.execute(
                "SELECT alias, organisation FROM aliases ORDER BY position"
            ).fetchall()
            responses = connection.execute(
                f"SELECT {', '.join(RESPONSE_COLUMNS)} FROM responses ORDER BY id"
            ).fetchall()
            edges = connection.execute(
                f"SELECT {', '.join(EDGE_COLUMNS)} FROM edges ORDER BY id"
            ).fetchall()
        return Survey(
            organisations=_organisation_frame(organisations, aliases),
            responses=_frame(
                [_response_record(row) for row in responses],
                RESPONSE_COLUMNS,
                _RESPONSE_TYPES,
                empty_responses,
            ),
            edges=_frame(
                [_edge_record(row) for row in edges], EDGE_COLUMNS, _EDGE_TYPES, empty_edges
            ),
        )

    def waves(self) -> pd.DataFrame:
        """The stored waves in order: ``name``, ``starts``, ``ends`` (ISO dates, missing
        where not set), ``responses`` (rows), ``respondents`` (organisations that answered)
        and ``edges`` (edge rows)."""
        with self._reading() as connection:
            rows = connection.execute(
                """SELECT w.name, w.starts, w.ends,
                    (SELECT count(*) FROM responses r WHERE r.wave = w.name),
                    (SELECT count(DISTINCT r.respondent) FROM responses r WHERE r.wave = w.name),
                    (SELECT count(*) FROM edges e WHERE e.wave = w.name)
                FROM waves w ORDER BY w.position"""
            ).fetchall()
        columns = ["name", "starts", "ends", "responses", "respondents", "edges"]
        frame = pd.DataFrame(rows, columns=columns, dtype=object)
        return frame.astype({"responses": "int64", "respondents": "int64", "edges": "int64"})

    def imports(self) -> pd.DataFrame:
        """The import log, one row per file: ``import`` (its number), ``imported_at`` (UTC,
        ISO), ``file``, ``sha256``, ``bytes``, ``waves`` (``"; "``-joined, as imported),
        ``responses`` and ``edges`` (rows the file gave). An import of a survey without
        files has one row with a blank ``file``."""
        with self._reading() as connection:
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

    # --- importing -------------------------------------------------------------------------

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
        """
        named = [(str(name), bytes(data)) for name, data in files]
        with self._writing() as connection:
            skipped, fresh, notes = _sort_files(connection, named)
            if named and not fresh:
                return ImportReport(skipped_files=tuple(skipped), notes=tuple(notes))
            unvalidated = _unvalidated_problems(survey, set(skipped))
            if unvalidated:
                raise SurveyError(unvalidated)
            plan = _Plan.make(connection, survey, set(skipped), notes)
            if plan.problems:
                raise SurveyError(plan.problems)
            try:
                import_id = plan.write(connection, fresh)
            except sqlite3.IntegrityError as error:
                problem = Problem(
                    _ORGANISATIONS_PLACE,
                    None,
                    None,
                    f"the workspace refused these data ({error}); nothing was stored",
                    "check the files with 'ecosystem validate' and import them again",
                )
                raise SurveyError([problem]) from error
        return ImportReport(
            added_organisations=len(plan.new_organisations),
            added_aliases=len(plan.new_aliases),
            added_waves=len(plan.new_waves),
            added_responses=len(plan.responses),
            added_edges=len(plan.edges),
            skipped_files=tuple(skipped),
            notes=tuple(plan.notes),
            waves=tuple(plan.waves),
            import_id=import_id,
        )

    # --- editing ---------------------------------------------------------------------------

    def rename_wave(self, old: str, new: str) -> None:
        """Rename a wave; its responses, edges and roster entries follow.

        Raises ``OptionError`` when ``old`` is not a wave (the waves on offer are named), or
        ``new`` is blank or another wave's name.
        """
        new = str(new).strip()
        if not new:
            raise OptionError("a wave's name cannot be blank")
        with self._writing() as connection:
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
                        (_json(renamed), organisation),
                    )

    def delete_wave(self, name: str) -> dict[str, int]:
        """Delete a wave with its responses and edges, in one transaction.

        Organisations stay (with their rosters). Returns the numbers of ``responses`` and
        ``edges`` deleted. Raises ``OptionError`` for an unknown wave, naming the waves.
        """
        with self._writing() as connection:
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
        with self._writing() as connection:
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
        with self._writing() as connection:
            keys = _stored_keys(connection)
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
                (alias, normalise_label(alias), owner, _next_position(connection, "aliases")),
            )


# --- files already imported -----------------------------------------------------------------


def _sort_files(
    connection: sqlite3.Connection, files: Sequence[tuple[str, bytes]]
) -> tuple[list[str], list[tuple[str, bytes, str]], list[str]]:
    """Split files into those imported before (by their bytes) and those to import now.

    A file counts as imported while a row it gave is still stored, or when it gave no rows
    (an organisations file): importing it again would add nothing.
    """
    skipped: list[str] = []
    fresh: list[tuple[str, bytes, str]] = []
    notes: list[str] = []
    seen: dict[str, str] = {}
    names = [name for name, _ in files]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise OptionError(
            f"two files are called {', '.join(repr(n) for n in repeated)}: rename one, so "
            "each row can be traced to its file"
        )
    for name, data in files:
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            skipped.append(name)
            notes.append(f"{name} has the same contents as {seen[digest]}; it was skipped")
            continue
        seen[digest] = name
        earlier = connection.execute(
            """SELECT f.file, i.imported_at, f.responses + f.edges,
                (SELECT count(*) FROM responses r
                    WHERE r.import_id = f.import_id AND r.source_file = f.file)
                + (SELECT count(*) FROM edges e
                    WHERE e.import_id = f.import_id AND e.source_file = f.file)
            FROM import_files f JOIN imports i ON i.id = f.import_id
            WHERE f.sha256 = ? ORDER BY f.id""",
            (digest,),
        ).fetchall()
        kept = [(file, when) for file, when, gave, stored in earlier if gave == 0 or stored]
        if kept:
            file, when = kept[0]
            skipped.append(name)
            called = "" if file == name else f" as {file}"
            notes.append(f"{name} was imported before{called} on {when[:10]}; it was skipped")
        else:
            if earlier:
                notes.append(
                    f"{name} was imported before, but its rows had been deleted with their "
                    "wave; it was imported again"
                )
            fresh.append((name, data, digest))
    return skipped, fresh, notes


# --- a survey that validation did not make ----------------------------------------------------

_NOT_VALIDATED_FIX: Final = "load the files with ecosystem.load.load_survey, which validates them"


def _unvalidated_problems(survey: Survey, skipped: set[str]) -> list[Problem]:
    """What a survey made by validation cannot have: a missing column, a code off its scale.

    Validation guarantees both, and the store relies on them; this one check stands in for
    validation when a survey was put together by hand, so that it is refused with a
    :class:`Problem` rather than stored wrong. Rows of ``skipped`` files are not stored, so
    they are not checked. Everything else that validation guarantees (names, types, natures,
    weights) the store takes as given.
    """
    frames = {
        "organisations": (survey.organisations, ORGANISATION_COLUMNS),
        "responses": (survey.responses, RESPONSE_COLUMNS),
        "edges": (survey.edges, EDGE_COLUMNS),
    }
    problems = []
    for what, (frame, columns) in frames.items():
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            message = f"the survey's {what} lack the column(s) {', '.join(missing)}"
            problems.append(Problem(what, None, missing[0], message, _NOT_VALIDATED_FIX))
    if problems:
        return problems
    responses = _kept(survey.responses, skipped)
    for record in _records(responses, RESPONSE_COLUMNS):
        for column, scale, blank_allowed, fix in _SCALES:
            code = record[column]
            if (blank_allowed and _is_missing(code)) or _on_scale(code, scale):
                continue
            problems.append(
                Problem(
                    str(record["source_file"]),
                    _row_number(record["source_row"]),
                    column,
                    f"{code!r} is not a {column} code",
                    fix,
                )
            )
    return problems


_SCALES: Final = (
    ("frequency", FREQUENCY.labels, False, FREQUENCY.accepted),
    ("relevance", RELEVANCE.labels, True, RELEVANCE.accepted),
    ("direction", DIRECTION.labels, False, "use one of: " + ", ".join(DIRECTION.labels)),
)
"""The columns of a response that hold a code of the codebook: column, the scale's codes,
whether a blank is allowed (a relevance not answered) and how to mend it."""


def _on_scale(code: object, codes: dict) -> bool:
    """Whether a code is one of a scale's (``True`` is not the code 1)."""
    return not isinstance(code, bool) and isinstance(code, Hashable) and code in codes


# --- planning an import ------------------------------------------------------------------------


@dataclass
class _StoredOrganisation:
    type: str
    hubs: tuple[str, ...]
    region: str
    waves: tuple[str, ...]


def _stored_keys(connection: sqlite3.Connection) -> dict[str, str]:
    """Every stored name and alias, normalised, to its organisation."""
    keys = dict(connection.execute("SELECT key, name FROM organisations").fetchall())
    keys.update(connection.execute("SELECT key, organisation FROM aliases").fetchall())
    return keys


@dataclass
class _Plan:
    """Everything one import will write, worked out (and checked) before anything is."""

    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    waves: list[str] = field(default_factory=list)
    new_waves: list[str] = field(default_factory=list)
    new_organisations: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)
    changed_organisations: dict[str, _StoredOrganisation] = field(default_factory=dict)
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
    ) -> _Plan:
        plan = cls(notes=list(notes))
        responses = _kept(survey.responses, skipped)
        edges = _kept(survey.edges, skipped)
        stored_waves = [
            row[0] for row in connection.execute("SELECT name FROM waves ORDER BY position")
        ]
        wave_of = plan._plan_waves(stored_waves, responses, edges)
        others = [w for w in stored_waves if w not in plan.waves]
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

        Returns every spelling (names and aliases, normalised) to its organisation in the
        workspace once this import is written.
        """
        stored = {
            name: _StoredOrganisation(kind, _tuple(hubs), region, _tuple(waves))
            for name, kind, hubs, region, waves in connection.execute(
                "SELECT name, type, hubs, region, waves FROM organisations"
            )
        }
        keys = _stored_keys(connection)
        rows = list(
            zip(
                organisations.index.tolist(),
                *(organisations[c].tolist() for c in ORGANISATION_COLUMNS),
                strict=True,
            )
        )
        target: dict[str, str] = {}
        for name, _kind, _hubs, _region, aliases, _waves in rows:
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
            # Several spellings the files keep apart (validation infers one organisation per
            # spelling when there is no organisations file) may be one stored organisation:
            # they are merged into it.
            target[name] = next(iter(hits), name)
        if self.problems:
            return keys

        def roster(waves: Sequence[str]) -> tuple[str, ...]:
            explicit = tuple(dict.fromkeys(wave_of.get(w, w) for w in waves))
            if explicit or not others:
                return explicit
            return tuple(self.waves)

        for name, kind, hubs, region, _aliases, waves in rows:
            if name not in target:
                continue
            owner = target[name]
            if owner not in stored:
                keys[normalise_label(name)] = name
                on = roster(waves)
                if not on and others:
                    self.notes.append(
                        f"'{name}' is new and listed for every wave, so it is on the roster "
                        f"of the waves already stored too ({', '.join(others)})"
                    )
                self.new_organisations.append(
                    (name, normalise_label(name), kind, _json(hubs), region, _json(on))
                )
                stored[name] = _StoredOrganisation(kind, tuple(hubs), region, on)
                continue
            merged = self._merge(owner, stored[owner], kind, hubs, region, roster(waves), others)
            if merged != stored[owner]:
                stored[owner] = self.changed_organisations[owner] = merged
            if name != owner and normalise_label(name) != normalise_label(owner):
                self.notes.append(f"'{name}' is stored as '{owner}' (a spelling it is known by)")
        for name, _kind, _hubs, _region, aliases, _waves in rows:
            if name not in target:
                continue
            owner = target[name]
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
        return keys

    def _organisation_problem(self, column: str, message: str, fix: str) -> None:
        self.problems.append(Problem(_ORGANISATIONS_PLACE, None, column, message, fix))

    def _merge(
        self,
        name: str,
        stored: _StoredOrganisation,
        kind: str,
        hubs: Sequence[str],
        region: str,
        roster: tuple[str, ...],
        others: Sequence[str],
    ) -> _StoredOrganisation:
        """An organisation already stored, with what these files add to it."""
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
        merged_region = stored.region
        if region and region != stored.region:
            if stored.region:
                self.notes.append(
                    f"'{name}' is stored with the region '{stored.region}'; these files say "
                    f"'{region}': the stored region is kept"
                )
            else:
                merged_region = region
        merged_hubs = tuple(dict.fromkeys((*stored.hubs, *hubs)))
        if len(merged_hubs) > len(stored.hubs):
            added = ", ".join(merged_hubs[len(stored.hubs) :])
            self.notes.append(f"'{name}' now also belongs to the hub(s) {added}")
        if not stored.waves or (not roster and others):
            merged_waves = stored.waves
        elif not roster:
            merged_waves = ()
        else:
            merged_waves = tuple(dict.fromkeys((*stored.waves, *roster)))
        return _StoredOrganisation(merged_type, merged_hubs, merged_region, merged_waves)

    # responses and edges

    def _name(
        self, written: object, names: dict[str, str], file: object, row: object, column: str
    ) -> str | None:
        canonical = names.get(normalise_label(written)) if isinstance(written, str) else None
        if canonical is None:
            self.problems.append(
                Problem(
                    str(file),
                    _row_number(row),
                    column,
                    f"'{written}' is neither in the survey's organisations nor in the workspace",
                    "add the organisation to the organisations file, or load the files with "
                    "ecosystem.load.load_survey, which checks every name",
                )
            )
        return canonical

    def _plan_responses(
        self,
        connection: sqlite3.Connection,
        responses: pd.DataFrame,
        names: dict[str, str],
        wave_of: dict[str, str],
    ) -> None:
        stored = _stored_answers(connection, self.waves)
        seen: dict[tuple[str, str, str, str], tuple[str, object]] = {}
        identical = 0
        for record in _records(responses, RESPONSE_COLUMNS):
            file, row = record["source_file"], record["source_row"]
            before = len(self.problems)
            wave = wave_of[record["wave"]]
            respondent = self._name(record["respondent"], names, file, row, "respondent")
            partner = self._name(record["partner"], names, file, row, "partner")
            if respondent is not None and respondent == partner:
                self._row_problem(
                    record, "partner", f"'{record['partner']}' is the respondent itself"
                )
            if len(self.problems) > before:
                continue
            person = record["respondent_person"]
            key = (wave, respondent, partner, normalise_label(person))
            answer = _answer(record)
            if key in seen:
                first_file, first_row = seen[key]
                self._row_problem(
                    record,
                    "partner",
                    f"this answer repeats {first_file} row {first_row} (same wave, respondent, "
                    "partner and respondent person)",
                )
                continue
            seen[key] = (file, row)
            if key in stored:
                kept, kept_file, kept_row = stored[key]
                if kept == answer:
                    identical += 1
                    continue
                self._row_problem(
                    record,
                    "partner",
                    f"the workspace holds a different answer to this question ({kept_file} row "
                    f"{kept_row}, wave '{wave}')",
                    "to replace a wave's answers, delete the wave and import all of its files "
                    "again; or name the person who gave each answer in 'respondent_person'",
                )
                continue
            self.responses.append(
                (
                    wave,
                    respondent,
                    partner,
                    int(record["frequency"]),
                    _relevance(record["relevance"]),
                    record["direction"],
                    _json(record["nature"]),
                    person,
                    record["submitted"],
                    file,
                    int(row),
                )
            )
        if identical:
            self.notes.append(
                f"{identical} responses were already stored, with the same answers; they were "
                "skipped"
            )

    def _row_problem(
        self,
        record: dict[str, object],
        column: str,
        message: str,
        fix: str = _NOT_VALIDATED_FIX,
    ) -> None:
        place = Problem(
            str(record["source_file"]), _row_number(record["source_row"]), column, message, fix
        )
        self.problems.append(place)

    def _plan_edges(
        self, edges: pd.DataFrame, names: dict[str, str], wave_of: dict[str, str]
    ) -> None:
        for record in _records(edges, EDGE_COLUMNS):
            file, row = record["source_file"], record["source_row"]
            before = len(self.problems)
            wave = wave_of[record["wave"]]
            source = self._name(record["source"], names, file, row, "source")
            target = self._name(record["target"], names, file, row, "target")
            if source is not None and source == target:
                self._row_problem(record, "target", f"'{record['target']}' is the source itself")
            if len(self.problems) > before:
                continue
            weight = float(record["weight"])  # type: ignore[arg-type]
            self.edges.append((wave, source, target, weight, _json(record["nature"]), file, row))

    # writing

    def write(self, connection: sqlite3.Connection, files: Sequence[tuple[str, bytes, str]]) -> int:
        """Write the plan inside the caller's transaction; return the import's number."""
        cursor = connection.execute(
            "INSERT INTO imports (imported_at, waves, organisations, aliases, responses, edges) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                datetime.now(UTC).isoformat(timespec="seconds"),
                _json(self.waves),
                len(self.new_organisations),
                len(self.new_aliases),
                len(self.responses),
                len(self.edges),
            ),
        )
        import_id = int(cursor.lastrowid or 0)
        _insert(
            connection,
            "import_files",
            ("import_id", "file", "sha256", "bytes", "responses", "edges"),
            [
                (
                    import_id,
                    name,
                    digest,
                    len(data),
                    sum(1 for r in self.responses if r[9] == name),
                    sum(1 for e in self.edges if e[5] == name),
                )
                for name, data, digest in files
            ],
        )
        start = _next_position(connection, "waves")
        _insert(
            connection,
            "waves",
            ("name", "position"),
            [(name, start + i) for i, name in enumerate(self.new_waves)],
        )
        start = _next_position(connection, "organisations")
        _insert(
            connection,
            "organisations",
            ("name", "key", "type", "hubs", "region", "waves", "position"),
            [(*row, start + i) for i, row in enumerate(self.new_organisations)],
        )
        connection.executemany(
            "UPDATE organisations SET type = ?, hubs = ?, region = ?, waves = ? WHERE name = ?",
            [
                (o.type, _json(o.hubs), o.region, _json(o.waves), name)
                for name, o in self.changed_organisations.items()
            ],
        )
        start = _next_position(connection, "aliases")
        _insert(
            connection,
            "aliases",
            ("alias", "key", "organisation", "position", "import_id"),
            [
                (alias, normalise_label(alias), owner, start + i, import_id)
                for i, (alias, owner) in enumerate(self.new_aliases)
            ],
        )
        _insert(
            connection,
            "responses",
            (*RESPONSE_COLUMNS, "import_id"),
            ((*row, import_id) for row in self.responses),
        )
        _insert(
            connection, "edges", (*EDGE_COLUMNS, "import_id"), ((*e, import_id) for e in self.edges)
        )
        return import_id


def _insert(
    connection: sqlite3.Connection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
) -> None:
    """Insert rows into one table (the one place an import writes rows)."""
    marks = ", ".join("?" for _ in columns)
    connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _stored_answers(
    connection: sqlite3.Connection, waves: Sequence[str]
) -> dict[tuple[str, str, str, str], tuple[tuple[object, ...], str, int]]:
    """The stored answers of some waves, by (wave, respondent, partner, person)."""
    answers = {}
    for wave in waves:
        rows = connection.execute(
            "SELECT wave, respondent, partner, respondent_person, frequency, relevance, "
            "direction, nature, submitted, source_file, source_row FROM responses WHERE wave = ?",
            (wave,),
        )
        for wave_, respondent, partner, person, *values, file, row in rows:
            frequency, relevance, direction, nature, submitted = values
            answer = (frequency, relevance, direction, _tuple(nature), submitted)
            answers[(wave_, respondent, partner, normalise_label(person))] = (answer, file, row)
    return answers


def _answer(record: dict[str, object]) -> tuple[object, ...]:
    """What a response says, for comparing it with a stored one (file and row aside)."""
    return (
        int(record["frequency"]),  # type: ignore[call-overload]
        _relevance(record["relevance"]),
        record["direction"],
        tuple(record["nature"]),  # type: ignore[arg-type]
        record["submitted"],
    )


# --- small helpers -------------------------------------------------------------------------------


def _kept(frame: pd.DataFrame, skipped: set[str]) -> pd.DataFrame:
    """The rows that did not come from a file that was imported before."""
    if not skipped or frame.empty:
        return frame
    return frame[~frame["source_file"].isin(list(skipped))]


def _records(frame: pd.DataFrame, columns: Sequence[str]) -> Iterator[dict[str, object]]:
    values = [frame[column].tolist() for column in columns]
    for row in zip(*values, strict=True):
        yield dict(zip(columns, row, strict=True))


def _wave_named(connection: sqlite3.Connection, name: str) -> str:
    """The stored wave a name means (case- and space-insensitively), else ``OptionError``."""
    waves = [row[0] for row in connection.execute("SELECT name FROM waves ORDER BY position")]
    for wave in waves:
        if normalise_label(wave) == normalise_label(name):
            return wave
    offered = ", ".join(waves) or "none"
    raise OptionError(f"wave '{name}' is not in the workspace; waves: {offered}")


def _did_you_mean(name: str, names: Sequence[str]) -> str:
    """``"; did you mean 'X'?"`` with the known names nearest to ``name``, or nothing."""
    close = nearest_names(name, names)
    return f"; did you mean {' or '.join(repr(n) for n in close)}?" if close else ""


def _next_position(connection: sqlite3.Connection, table: str) -> int:
    return int(
        connection.execute(f"SELECT coalesce(max(position), -1) + 1 FROM {table}").fetchone()[0]
    )


def _iso_date(value: date | str | None, what: str) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise OptionError(f"'{value}' is not a date for '{what}': write it as YYYY-MM-DD") from None


def _json(items: Iterable[object]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


def _tuple(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


def _is_integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _relevance(value: object) -> float | None:
    return None if _is_missing(value) else float(value)  # type: ignore[arg-type]


def _row_number(value: object) -> int | None:
    return int(value) if _is_integer(value) else None


# --- frames as validation builds them ------------------------------------------------------------


def _response_record(row: Sequence[object]) -> dict[str, object]:
    record = dict(zip(RESPONSE_COLUMNS, row, strict=True))
    record["nature"] = _tuple(record["nature"])  # type: ignore[arg-type]
    record["relevance"] = math.nan if record["relevance"] is None else record["relevance"]
    return record


def _edge_record(row: Sequence[object]) -> dict[str, object]:
    record = dict(zip(EDGE_COLUMNS, row, strict=True))
    record["nature"] = _tuple(record["nature"])  # type: ignore[arg-type]
    return record


def _frame(records: list[dict[str, object]], columns, types, empty) -> pd.DataFrame:
    """A table exactly as :func:`ecosystem.validate.validate` builds it."""
    if not records:
        return empty()
    return pd.DataFrame.from_records(records, columns=list(columns)).astype(types)


def _organisation_frame(
    organisations: Sequence[tuple[str, str, str, str, str]], aliases: Sequence[tuple[str, str]]
) -> pd.DataFrame:
    if not organisations:
        return empty_organisations()
    spellings: dict[str, list[str]] = {}
    for alias, owner in aliases:
        spellings.setdefault(owner, []).append(alias)
    names = [row[0] for row in organisations]
    return pd.DataFrame(
        {
            "type": [row[1] for row in organisations],
            "hubs": [_tuple(row[2]) for row in organisations],
            "region": [row[3] for row in organisations],
            "aliases": [tuple(spellings.get(name, ())) for name in names],
            "waves": [_tuple(row[4]) for row in organisations],
        },
        index=pd.Index(names, name="name"),
    )
