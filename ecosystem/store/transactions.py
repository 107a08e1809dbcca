"""The workspace's one SQLite connection, and the one way every room of the store uses it.

A workspace keeps several kinds of thing in one SQLite file: the survey (waves,
organisations, aliases, responses, edges), a team's accounts, the session secret and the
audit table. Each kind has a room of its own (:mod:`ecosystem.store.survey_data`,
:mod:`~ecosystem.store.accounts`, :mod:`~ecosystem.store.sessions`,
:mod:`~ecosystem.store.audit`, :mod:`~ecosystem.store.backup`), but they share this one
connection and this one discipline, so a promise of the store (all or nothing; every read
from one committed state; SQLite's errors in plain words) is kept in one place for all:

* a write is one :meth:`Transactions.writing` block: ``BEGIN IMMEDIATE``, committed when the
  block ends, rolled back on any error;
* a read is one :meth:`Transactions.reading` block, so every table it reads belongs to the
  same committed state, and a stored value that cannot be read back means a damaged
  workspace, said so;
* one lock per workspace object, so the threads of one process may share it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ecosystem.errors import OptionError
from ecosystem.store import health

__all__ = ["Transactions"]


class Transactions:
    """One open connection to the workspace at ``path``, used only through its transactions.

    Parameters
    ----------
    path
        The workspace folder (named in errors).
    connection
        The open connection (:func:`ecosystem.store.health.open_database`), in autocommit
        mode: each transaction is begun and ended here.
    """

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.connection = connection
        self.lock = threading.RLock()

    def close(self) -> None:
        """Close the connection (nothing is pending: every change is committed)."""
        with self.lock:
            self.connection.close()

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed when the block ends, rolled back on any error.

        ``BEGIN IMMEDIATE`` takes the write lock first, so what the block reads to decide
        what to write cannot be changed by another writer before the commit.
        """
        with self.lock, health.plainly(self.path):
            connection = self.connection
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """One read transaction, so every table read belongs to the same committed state.

        A stored value that cannot be read back as the schema stores it (a text where a
        number belongs, a list that is not JSON) means the database is damaged: it is said
        so, as a damaged page is.
        """
        with self.lock, health.plainly(self.path):
            connection = self.connection
            connection.execute("BEGIN")
            try:
                yield connection
            except (TypeError, ValueError) as error:
                if isinstance(error, OptionError):
                    raise
                raise health.damaged(
                    self.path, f"a stored value cannot be read: {error}"
                ) from error
            finally:
                if connection.in_transaction:
                    connection.execute("COMMIT")
