"""A workspace's health: opened safely, errors in plain words, an integrity check.

SQLite reports a read-only file or folder, a damaged page, a file that is not a database or a
full disk as an error with a code. People get a :class:`~ecosystem.errors.WorkspaceError`
instead, naming the workspace, saying what to do and that nothing was changed, which is true:
every change is one transaction (:mod:`ecosystem.store`), so an error midway undoes it.

Decisions
---------
* Only errors of the file, the disk or the database's state are translated
  (:data:`PLAIN_WORDS`); any other SQLite error is a fault in this program, left to show as one.
* A workspace is opened by a URI (:func:`connect`), so a folder that does not exist is never
  created by accident (``mode=rw``) and a path with ``..`` above the root means the root, as
  it does to the operating system (SQLite refuses it).
* :func:`check_workspace` opens the file read-only: checking never changes (or migrates) it.

References
----------
SQLite, "Result and error codes", https://www.sqlite.org/rescode.html; "PRAGMA
integrity_check", https://www.sqlite.org/pragma.html#pragma_integrity_check.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from ecosystem.errors import (
    WORKSPACE_DAMAGED,
    WORKSPACE_MISSING,
    WORKSPACE_READ_ONLY,
    WorkspaceError,
)
from ecosystem.store.schema import DATABASE_NAME, SCHEMA_VERSION, STATEMENTS, TIMEOUT

__all__ = [
    "BROKEN",
    "PLAIN_WORDS",
    "TABLES",
    "UNCHANGED",
    "WorkspaceCheck",
    "check_workspace",
    "connect",
    "damaged",
    "missing",
    "open_database",
    "plainly",
    "primary_code",
    "workspace_error",
]

UNCHANGED: Final = "nothing was changed"

RESTORE: Final = "restore a backup of it, or import the survey files again into a new workspace"
"""What to do about a damaged workspace."""

PLAIN_WORDS: Final[dict[int, tuple[str, str, str]]] = {
    sqlite3.SQLITE_PERM: (WORKSPACE_READ_ONLY, "cannot be written", "change its permissions"),
    sqlite3.SQLITE_READONLY: (
        WORKSPACE_READ_ONLY,
        "cannot be written (read-only)",
        "copy it somewhere writable or change its permissions",
    ),
    sqlite3.SQLITE_BUSY: ("", f"is in use (waited {TIMEOUT:g} seconds)", "try again later"),
    sqlite3.SQLITE_LOCKED: ("", "is locked by another connection", "try again later"),
    sqlite3.SQLITE_IOERR: ("", "could not be read or written", "check the disk it is on"),
    sqlite3.SQLITE_FULL: ("", "cannot grow, the disk is full", "free some space, try again"),
    sqlite3.SQLITE_CANTOPEN: ("", "cannot be opened", "check that its folder may be written"),
    sqlite3.SQLITE_CORRUPT: (WORKSPACE_DAMAGED, "is damaged", RESTORE),
    sqlite3.SQLITE_NOTADB: (
        WORKSPACE_DAMAGED,
        f"is damaged or is not a workspace: its {DATABASE_NAME} is not an SQLite database",
        RESTORE,
    ),
}
"""SQLite's primary result code -> (the error's ``kind``, what is wrong, what to do)."""

BROKEN: Final = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
"""The result codes of a damaged database (or a file that is not one)."""


def primary_code(error: sqlite3.Error) -> int | None:
    """SQLite's primary result code of ``error`` (its extended code's low byte), if any."""
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def workspace_error(path: Path, error: sqlite3.Error) -> WorkspaceError | None:
    """SQLite's ``error`` in plain words naming the workspace ``path``; ``None`` for an error
    that is no fault of the file or disk (see :data:`PLAIN_WORDS`).

    >>> error = sqlite3.OperationalError("attempt to write a readonly database")
    >>> error.sqlite_errorcode = 8
    >>> print(workspace_error(Path("survey"), error))
    the workspace survey cannot be written (read-only): copy it somewhere writable or change \
its permissions; nothing was changed (attempt to write a readonly database)
    """
    code = primary_code(error)
    if code not in PLAIN_WORDS:
        return None
    kind, wrong, advice = PLAIN_WORDS[code]
    return _error(path, kind, wrong, advice, str(error))


def _error(path: Path, kind: str, wrong: str, advice: str, detail: str) -> WorkspaceError:
    """``the workspace PATH is WRONG: ADVICE; nothing was changed (DETAIL)``, of ``kind``."""
    message = f"the workspace {path} {wrong}: {advice}; {UNCHANGED} ({detail})"
    return WorkspaceError(message, path=path, kind=kind)


def missing(path: Path) -> WorkspaceError:
    """No workspace at ``path``: said, and none created."""
    return WorkspaceError(
        f"no workspace at {path} (none was created)", path=path, kind=WORKSPACE_MISSING
    )


def damaged(path: Path, detail: str) -> WorkspaceError:
    """The workspace at ``path`` holds what it cannot: ``detail`` says what was found."""
    return _error(path, WORKSPACE_DAMAGED, "is damaged", RESTORE, detail)


@contextmanager
def plainly(path: Path) -> Iterator[None]:
    """Raise SQLite's errors of the file, disk or database state inside the block as
    :class:`WorkspaceError` naming ``path`` (others as they are)."""
    try:
        yield
    except sqlite3.Error as error:
        plain = workspace_error(path, error)
        if plain is None:
            raise
        raise plain from error


def connect(database: Path, mode: str) -> sqlite3.Connection:
    """A connection to the SQLite file ``database``, opened in SQLite's URI ``mode``.

    ``rwc`` creates the file where missing; ``rw`` fails instead; ``ro`` never writes. The
    path is made absolute first, so ``..`` above the root means the root. Every workspace is
    opened here (tests open one ``ro`` to see what a read-only workspace does, as a file
    permission cannot stop a superuser).
    """
    uri = f"{database.resolve().as_uri()}?mode={mode}"
    return sqlite3.connect(
        uri, uri=True, timeout=TIMEOUT, isolation_level=None, check_same_thread=False
    )


def open_database(path: Path, create: bool) -> sqlite3.Connection:
    """A connection to the workspace at folder ``path``; with ``create``, the folder and file
    are made where missing, else a missing workspace is a :func:`missing` error."""
    if path.exists() and not path.is_dir():
        raise WorkspaceError(f"'{path}' is a file; a workspace is a folder", path=path)
    database = path / DATABASE_NAME
    if not create and not database.is_file():
        raise missing(path)
    try:
        database.parent.mkdir(parents=True, exist_ok=True)
    except PermissionError as error:
        wrong, advice = "cannot be created (read-only)", "choose a folder you may write to"
        raise _error(path, WORKSPACE_READ_ONLY, wrong, advice, str(error.strerror)) from error
    except OSError as error:
        raise WorkspaceError(
            f"the workspace {path} cannot be created: {error.strerror}", path=path
        ) from error
    with plainly(path):
        return connect(database, "rwc" if create else "rw")


# --- checking ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkspaceCheck:
    """What :func:`check_workspace` found: the schema version (``None`` when the file is not
    an SQLite database) and every problem, in SQLite's words; none when the workspace is
    sound. Said in words (with what to do) by ``str``."""

    path: Path
    schema_version: int | None
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Whether the workspace is sound."""
        return not self.problems

    def __str__(self) -> str:
        version = f"schema version {self.schema_version}, this version reads {SCHEMA_VERSION}"
        if self.ok:
            return f"the workspace {self.path} is sound ({version})"
        if self.schema_version is None:
            version = "not an SQLite database"
        found = "; ".join(self.problems)
        advice = f"{RESTORE.capitalize()}; {UNCHANGED}"
        return f"the workspace {self.path} is damaged ({version}): {found}. {advice}"


TABLES: Final = tuple(
    statement.split()[2] for statement in STATEMENTS if statement.startswith("CREATE TABLE")
)
"""The tables every workspace of this schema holds."""


def check_workspace(path: Path | str, limit: int = 20) -> WorkspaceCheck:
    """Check a workspace without changing it: SQLite's integrity check (every page and index),
    its foreign keys, its tables and its schema version. At most ``limit`` problems of the
    integrity check are listed. A missing workspace raises a :func:`missing` error."""
    path = Path(path)
    database = path / DATABASE_NAME
    if not database.is_file():
        raise missing(path)
    with plainly(path):
        connection = connect(database, "ro")
    version = None
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        problems = _problems(connection, version, limit)
    except sqlite3.DatabaseError as error:
        if primary_code(error) not in BROKEN:
            raise
        problems = [str(error)]
    finally:
        connection.close()
    return WorkspaceCheck(path, version, tuple(problems))


def _problems(connection: sqlite3.Connection, version: int, limit: int) -> list[str]:
    """What is wrong with an open workspace: integrity, foreign keys, tables, version."""
    found = [row[0] for row in connection.execute(f"PRAGMA integrity_check({int(limit)})")]
    problems = [] if found == ["ok"] else found
    for table, rowid, parent, _ in connection.execute("PRAGMA foreign_key_check"):
        problems.append(f"row {rowid} of {table} refers to a missing row of {parent}")
    if version > SCHEMA_VERSION:
        problems.append(f"written by a newer version of ecosystem (schema {version})")
    stored = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if version == SCHEMA_VERSION and not stored >= set(TABLES):
        problems.append(f"tables missing: {', '.join(sorted(set(TABLES) - stored))}")
    return problems
