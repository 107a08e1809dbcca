"""Sessions: the secret that signs a served workspace's session cookies.

The dashboard signs each session cookie with a secret kept in the workspace (the
``settings`` table, under :data:`SESSION_SECRET`), so a restart, or a copy from a backup,
keeps people signed in, while another workspace's cookies are refused. It is 32 random bytes
made the first time it is asked for, the same ever after. A workspace with accounts always
has one (:func:`ecosystem.store.accounts.insert_account` makes it), so a workspace served
read-only can still sign sessions. Whether a session is still valid (the account's password
generation) is the accounts' (:mod:`ecosystem.store.accounts`) and the dashboard's to say.
"""

from __future__ import annotations

import secrets
import sqlite3
from typing import Final

from ecosystem.store.transactions import Transactions

__all__ = ["SECRET_BYTES", "SESSION_SECRET", "Sessions", "session_secret", "stored_secret"]

SESSION_SECRET: Final = "session secret"
"""The ``settings`` key of the secret that signs the dashboard's session cookies."""

SECRET_BYTES: Final = 32
"""The session secret's length: 256 random bits."""


def stored_secret(connection: sqlite3.Connection) -> bytes | None:
    """The session secret, or ``None`` where none was made yet."""
    row = connection.execute(
        "SELECT value FROM settings WHERE key = ?", (SESSION_SECRET,)
    ).fetchone()
    return None if row is None else bytes(row[0])


def session_secret(connection: sqlite3.Connection) -> bytes:
    """The session secret, made (``secrets.token_bytes``) and kept the first time it is asked
    for, inside the caller's write transaction; the same ever after."""
    secret = stored_secret(connection)
    if secret is None:
        secret = secrets.token_bytes(SECRET_BYTES)
        connection.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)", (SESSION_SECRET, secret)
        )
    return secret


class Sessions:
    """The sessions' room of a workspace: its session secret, over its ``transactions``."""

    def __init__(self, transactions: Transactions) -> None:
        self._transactions = transactions

    def secret(self) -> bytes:
        """The secret that signs session cookies: 32 random bytes made the first time it is
        asked for and kept in the workspace (a backup keeps it too), the same ever after.

        Read first, so a workspace that has one (every workspace with accounts) gives it
        even when it cannot be written.
        """
        with self._transactions.reading() as connection:
            secret = stored_secret(connection)
        if secret is not None:
            return secret
        with self._transactions.writing() as connection:
            return session_secret(connection)
