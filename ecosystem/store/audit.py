"""The audit table: who did what to a shared workspace, and when.

A workspace served to a team holds identifiable partner data, so the team must be able to
answer "who signed in, who imported or deleted that wave, who exported what". Each entry is
one row (``at``: UTC, ISO 8601 to the second; ``who``; ``action``; ``detail``; ``address``:
where a request came from, blank on the command line), written in its own short transaction
so that an entry is kept even when what it describes failed.

Actions are plain words that people read in ``ecosystem audit`` and the dashboard; the faces
use the constants below, never their own spelling. The table is a room of its own, apart from
the survey and the accounts: :class:`AuditLog` is what a :class:`~ecosystem.store.Workspace`
hands ``record`` and ``audit`` to.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Final

import pandas as pd

from ecosystem.errors import OptionError
from ecosystem.store.transactions import Transactions

__all__ = [
    "ACCOUNT_ADDED",
    "ACCOUNT_REMOVED",
    "ACTIONS",
    "AUDIT_COLUMNS",
    "DELETED_WAVE",
    "EXPORTED",
    "IMPORTED",
    "PASSWORD_SET",
    "REFUSED",
    "RENAMED_WAVE",
    "SAVED_ALIAS",
    "SIGNED_IN",
    "SIGNED_OUT",
    "SIGN_IN_FAILED",
    "SIGN_IN_THROTTLED",
    "AuditLog",
    "audit_frame",
    "now",
    "record",
]

SIGNED_IN: Final = "signed in"
SIGN_IN_FAILED: Final = "sign-in failed"
SIGNED_OUT: Final = "signed out"
SIGN_IN_THROTTLED: Final = "sign-in refused (too many attempts)"
IMPORTED: Final = "imported"
RENAMED_WAVE: Final = "renamed wave"
DELETED_WAVE: Final = "deleted wave"
SAVED_ALIAS: Final = "saved alias"
EXPORTED: Final = "exported"
REFUSED: Final = "request refused"
ACCOUNT_ADDED: Final = "account added"
ACCOUNT_REMOVED: Final = "account removed"
PASSWORD_SET: Final = "password set"

ACTIONS: Final = (
    SIGNED_IN,
    SIGN_IN_FAILED,
    SIGNED_OUT,
    SIGN_IN_THROTTLED,
    IMPORTED,
    RENAMED_WAVE,
    DELETED_WAVE,
    SAVED_ALIAS,
    EXPORTED,
    REFUSED,
    ACCOUNT_ADDED,
    ACCOUNT_REMOVED,
    PASSWORD_SET,
)
"""Every action the product records, in the order of a session's life."""

AUDIT_COLUMNS: Final = ("at", "who", "action", "detail", "address")
"""The columns of the audit table as :func:`audit_frame` gives it."""


def now() -> str:
    """The time now as the workspace keeps it: UTC, ISO 8601, whole seconds.

    >>> len(now()), now().endswith("+00:00")
    (25, True)
    """
    return datetime.now(UTC).isoformat(timespec="seconds")


def record(
    connection: sqlite3.Connection, who: str, action: str, detail: str = "", address: str = ""
) -> None:
    """Add one entry to the audit table, inside the caller's write transaction."""
    connection.execute(
        "INSERT INTO audit (at, who, action, detail, address) VALUES (?, ?, ?, ?, ?)",
        (now(), str(who), str(action), str(detail), str(address)),
    )


def audit_frame(connection: sqlite3.Connection, limit: int | None = None) -> pd.DataFrame:
    """The audit table, newest first (latest entry first among entries of one second).

    ``limit`` keeps only that many of the newest entries; ``None`` keeps every one.
    """
    if limit is not None and limit < 0:
        raise OptionError(f"the number of audit entries cannot be negative ({limit})")
    rows = connection.execute(
        f"SELECT {', '.join(AUDIT_COLUMNS)} FROM audit ORDER BY at DESC, id DESC LIMIT ?",
        (-1 if limit is None else int(limit),),
    ).fetchall()
    return pd.DataFrame(rows, columns=list(AUDIT_COLUMNS), dtype=object)


class AuditLog:
    """The audit table's room of a workspace, over its ``transactions``."""

    def __init__(self, transactions: Transactions) -> None:
        self._transactions = transactions

    def record(self, who: str, action: str, detail: str = "", address: str = "") -> None:
        """Add one entry (of :data:`ACTIONS`) to the audit table, in its own transaction."""
        with self._transactions.writing() as connection:
            record(connection, who, action, detail, address)

    def entries(self, limit: int | None = None) -> pd.DataFrame:
        """The audit table, newest first (:func:`audit_frame`)."""
        with self._transactions.reading() as connection:
            return audit_frame(connection, limit)
