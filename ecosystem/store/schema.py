"""The workspace's SQLite schema, and how stored values are written and read back.

Every table and constraint is here, with the workspace's version number; the other store
modules read and write rows through these names. Lists (hubs, roster waves, natures) are
stored as JSON arrays of text (:func:`to_json`, :func:`from_json`), and tables that keep
the order things were added in have a ``position`` column (:func:`next_position`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from ecosystem.access import Role
from ecosystem.errors import WorkspaceError
from ecosystem.settings import SETTINGS

__all__ = [
    "ACCESS_STATEMENTS",
    "DATABASE_NAME",
    "MIGRATIONS",
    "RESULTS_STATEMENTS",
    "SCHEMA_VERSION",
    "STATEMENTS",
    "TIMEOUT",
    "WorkspaceError",
    "create_schema",
    "from_json",
    "next_position",
    "stored_keys",
    "stored_waves",
    "to_json",
]

DATABASE_NAME: Final = "ecosystem.sqlite"
"""The workspace's one file, inside the workspace folder."""

SCHEMA_VERSION: Final = 4
"""Kept in ``PRAGMA user_version``; a workspace written by a newer version is not opened, one
written by an older version is brought up to date by :data:`MIGRATIONS` when opened."""

TIMEOUT: Final = SETTINGS.workspace_timeout
"""Seconds a writer waits for other users of the workspace before giving up."""

_ROLES: Final = ", ".join(f"'{role.value}'" for role in Role)

ACCESS_STATEMENTS: Final = (
    f"""CREATE TABLE accounts (
        name TEXT PRIMARY KEY NOT NULL CHECK (name <> '' AND name = lower(name)),
        role TEXT NOT NULL CHECK (role IN ({_ROLES})),
        hub TEXT CHECK (hub IS NULL OR hub <> ''),
        password_hash TEXT NOT NULL,
        generation INTEGER NOT NULL CHECK (generation >= 1),
        created_at TEXT,
        changed_at TEXT,
        CHECK (role <> '{Role.HUB_LEAD.value}' OR hub IS NOT NULL),
        CHECK (role <> '{Role.EVALUATOR.value}' OR hub IS NULL)
    )""",
    """CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY NOT NULL,
        value BLOB
    )""",
)
"""The tables of a workspace shared by a team (schema version 3): ``accounts`` (name in
lower case, role, hub: ``NULL`` for every hub, the password's argon2 hash, its generation,
when the account was made and its password last set), ``audit`` (who did what, when, from
which address) and ``settings`` (the session secret)."""

RESULTS_STATEMENTS: Final = (
    """CREATE TABLE results (
        key TEXT PRIMARY KEY NOT NULL CHECK (length(key) = 64),
        kind TEXT NOT NULL,
        scope TEXT NOT NULL,
        payload BLOB NOT NULL,
        digest TEXT NOT NULL CHECK (length(digest) = 64)
    )""",
    "CREATE INDEX results_scope ON results (kind, scope)",
)
"""The table of results kept for the dashboard (schema version 4,
:mod:`ecosystem.store.results`): ``key`` (the SHA-256 of what a result was computed from),
``kind`` (measures or positions), ``scope`` (the wave and options, or the hub, it is of),
``payload`` (the result as compressed JSON) and ``digest`` (the payload's SHA-256)."""

STATEMENTS: Final = (
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
        position INTEGER NOT NULL UNIQUE,
        short_name TEXT NOT NULL DEFAULT ''
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
    *ACCESS_STATEMENTS,
    *RESULTS_STATEMENTS,
)
"""The statements that make an empty workspace, in order."""

MIGRATIONS: Final[dict[int, tuple[str, ...]]] = {
    2: ("ALTER TABLE organisations ADD COLUMN short_name TEXT NOT NULL DEFAULT ''",),
    3: ACCESS_STATEMENTS,
    4: RESULTS_STATEMENTS,
}
"""Version -> the statements that bring a workspace of the version before up to it.

Version 2 gives organisations a short name (blank for those stored before); version 3 adds
the accounts, audit and settings tables (empty: an old workspace has no accounts, so it is
served as before, to one analyst on their own machine); version 4 adds the ``results``
table, empty: results are computed once more, then kept."""


def create_schema(connection: sqlite3.Connection, database: Path) -> None:
    """Make the tables of an empty database, inside the caller's write transaction.

    A workspace of this version is left as it is; one of an older version is migrated (in
    the same transaction, so a failed migration leaves it as it was). Raises
    :class:`WorkspaceError` for a workspace of a newer version, or a database that holds
    another program's tables.
    """
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise WorkspaceError(
            f"'{database}' was written by a newer version of ecosystem (schema "
            f"{version}; this version reads {SCHEMA_VERSION}): upgrade ecosystem",
            path=database.parent,
        )
    if version == SCHEMA_VERSION:
        return
    if version > 0:
        for step in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[step]:
                connection.execute(statement)
    elif connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise WorkspaceError(
            f"'{database}' is an SQLite file of another program, not a workspace",
            path=database.parent,
        )
    else:
        for statement in STATEMENTS:
            connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def to_json(items: Iterable[object]) -> str:
    """A list as stored: a JSON array (any item kept exactly, a ``;`` inside it included)."""
    return json.dumps(list(items), ensure_ascii=False)


def from_json(text: str) -> tuple[str, ...]:
    """A stored JSON array back as the tuple the survey's tables hold."""
    return tuple(json.loads(text))


def next_position(connection: sqlite3.Connection, table: str) -> int:
    """The ``position`` the next row added to ``table`` takes (0 in an empty table)."""
    return int(
        connection.execute(f"SELECT coalesce(max(position), -1) + 1 FROM {table}").fetchone()[0]
    )


def stored_keys(connection: sqlite3.Connection) -> dict[str, str]:
    """Every stored name and alias, normalised, to its organisation."""
    keys = dict(connection.execute("SELECT key, name FROM organisations").fetchall())
    keys.update(connection.execute("SELECT key, organisation FROM aliases").fetchall())
    return keys


def stored_waves(connection: sqlite3.Connection) -> list[str]:
    """The stored waves' names, in order."""
    return [row[0] for row in connection.execute("SELECT name FROM waves ORDER BY position")]
