"""Backing a workspace up: a consistent copy into another folder, which opens as a workspace.

A workspace is the only copy of every wave a team imported, and of its accounts, session
secret and audit table; a backup copies all of them, as they are at one moment. The copy is
made by SQLite's online backup API, so it is consistent even while others use the workspace.
Decisions: a backup never replaces a workspace unless asked to (``overwrite``), never copies
a workspace onto itself, and leaves no half-written file behind when it fails; its errors are
said in plain words (:mod:`ecosystem.store.health`), naming the workspace when a page of it
is damaged and the copy otherwise.

References
----------
SQLite, "Online backup API", https://www.sqlite.org/backup.html.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ecosystem.errors import WORKSPACE_EXISTS, OptionError, WorkspaceError
from ecosystem.store.health import (
    BROKEN,
    UNCHANGED,
    open_database,
    primary_code,
    workspace_error,
)
from ecosystem.store.schema import DATABASE_NAME
from ecosystem.store.transactions import Transactions

__all__ = ["Backups", "backup"]


def backup(
    connection: sqlite3.Connection, source: Path, destination: Path, overwrite: bool
) -> Path:
    """Copy the open workspace at ``source`` into the folder ``destination`` (a workspace).

    Refuses to replace a workspace at ``destination`` unless ``overwrite``, and never copies a
    workspace onto itself. Returns the database file written.
    """
    target = destination / DATABASE_NAME
    if destination.resolve() == source.resolve():
        raise OptionError(f"{destination} is the workspace itself; back it up to another folder")
    existed = target.exists()
    if existed and not overwrite:
        raise WorkspaceError(
            f"there is a workspace at {destination} already; {UNCHANGED}",
            path=destination,
            kind=WORKSPACE_EXISTS,
        )
    copy = open_database(destination, create=True)
    try:
        connection.backup(copy)
    except sqlite3.Error as error:  # a damaged page is the workspace's; any other, the copy's
        copy.close()
        if not existed:
            target.unlink(missing_ok=True)
        plain = workspace_error(source if primary_code(error) in BROKEN else destination, error)
        if plain is None:
            raise
        raise plain from error
    copy.close()
    return target


class Backups:
    """The backups' room of a workspace, over its ``transactions``."""

    def __init__(self, transactions: Transactions) -> None:
        self._transactions = transactions

    def backup(self, destination: Path | str, *, overwrite: bool = False) -> Path:
        """Copy the workspace, as it is now, into the folder ``destination`` (which then opens
        as a workspace), by SQLite's online backup API: a consistent copy even while others
        use the workspace. Returns the database file written.

        Raises ``WorkspaceError`` when ``destination`` holds a workspace already (unless
        ``overwrite``) or cannot be written, and ``OptionError`` when it is this workspace.
        """
        transactions = self._transactions
        with transactions.lock:
            return backup(transactions.connection, transactions.path, Path(destination), overwrite)
