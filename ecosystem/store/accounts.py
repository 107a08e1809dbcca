"""The accounts of a workspace served to a team, and its session secret.

Each function takes the workspace's connection inside the caller's transaction
(:class:`~ecosystem.store.workspace.Workspace` holds the transactions and does the slow
hashing outside them, so a sign-in never holds up another person's reading). An account is
kept under its name in lower case (:func:`ecosystem.access.check_account_name`) with its
role, hub (``NULL``: every hub), the argon2id hash of its password
(:mod:`ecosystem.store.passwords`; never the password), the password's generation and when
the account was made and its password last set. The hub is kept as given: the face that adds
an account resolves it to the workspace's own name of the hub first.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Sequence
from typing import Any, Final

import pandas as pd

from ecosystem.access import Account, Role, normalise_account_name
from ecosystem.errors import OptionError
from ecosystem.names import nearest_names
from ecosystem.store.audit import now

__all__ = [
    "ACCOUNT_COLUMNS",
    "SECRET_BYTES",
    "SESSION_SECRET",
    "account_hash",
    "account_table",
    "already_there",
    "delete_account",
    "has_accounts",
    "insert_account",
    "replace_hash",
    "session_secret",
    "stored_account",
    "stored_accounts",
    "stored_secret",
    "unknown_account",
]

SESSION_SECRET: Final = "session secret"
"""The ``settings`` key of the secret that signs the dashboard's session cookies."""

SECRET_BYTES: Final = 32
"""The session secret's length: 256 random bits."""

ACCOUNT_COLUMNS: Final = ("name", "role", "hub", "created", "password_set")
"""The columns of :func:`account_table`: never a hash."""

_ACCOUNT: Final = "SELECT name, role, hub, generation FROM accounts"


def _account(row: Sequence[Any]) -> Account:
    """A stored row (name, role, hub, generation) as an :class:`Account`."""
    name, role, hub, generation = row
    return Account(name, Role(role), hub, int(generation))


def stored_accounts(connection: sqlite3.Connection) -> list[Account]:
    """Every account, by name."""
    return [_account(row) for row in connection.execute(f"{_ACCOUNT} ORDER BY name")]


def stored_account(connection: sqlite3.Connection, name: str) -> Account | None:
    """The account of ``name`` (in any case), or ``None``."""
    row = connection.execute(
        f"{_ACCOUNT} WHERE name = ?", (normalise_account_name(name),)
    ).fetchone()
    return None if row is None else _account(row)


def has_accounts(connection: sqlite3.Connection) -> bool:
    """Whether the workspace holds any account (one indexed look, cheap per request)."""
    return bool(connection.execute("SELECT EXISTS (SELECT 1 FROM accounts)").fetchone()[0])


def account_hash(connection: sqlite3.Connection, name: str) -> tuple[Account, str] | None:
    """The account of ``name`` with its stored password hash, or ``None``."""
    row = connection.execute(
        "SELECT name, role, hub, generation, password_hash FROM accounts WHERE name = ?",
        (normalise_account_name(name),),
    ).fetchone()
    return None if row is None else (_account(row[:4]), str(row[4]))


def account_table(connection: sqlite3.Connection) -> pd.DataFrame:
    """Every account by name: ``name``, ``role``, ``hub`` (``None``: every hub), ``created``
    and ``password_set`` (UTC, ISO); never a hash."""
    rows = connection.execute(
        "SELECT name, role, hub, created_at, changed_at FROM accounts ORDER BY name"
    ).fetchall()
    return pd.DataFrame(rows, columns=list(ACCOUNT_COLUMNS), dtype=object)


def already_there(name: str) -> OptionError:
    """The error of adding an account whose name is taken."""
    return OptionError(
        f"there is an account '{normalise_account_name(name)}' already: choose another name, "
        "or set its password with 'ecosystem users set-password'"
    )


def unknown_account(name: str, names: Sequence[str]) -> OptionError:
    """The error of naming an account that is not there, with the nearest names.

    >>> print(unknown_account("amria", ["amira", "sam"]))
    there is no account 'amria'; did you mean 'amira'?
    """
    close = nearest_names(normalise_account_name(name), names)
    hint = f"; did you mean {' or '.join(repr(n) for n in close)}?" if close else ""
    listed = "" if close else f"; accounts: {', '.join(names) or 'none'}"
    return OptionError(f"there is no account '{name}'{hint}{listed}")


def _names(connection: sqlite3.Connection) -> list[str]:
    return [row[0] for row in connection.execute("SELECT name FROM accounts ORDER BY name")]


def insert_account(connection: sqlite3.Connection, account: Account, password_hash: str) -> None:
    """Add ``account`` (its name already checked and in lower case) with its password's hash.

    Also makes the session secret where there is none, so a workspace with accounts always
    has one (and can be served read-only). ``OptionError`` when the name is taken.
    """
    if stored_account(connection, account.name) is not None:
        raise already_there(account.name)
    stamp = now()
    row = (account.name, account.role.value, account.hub, password_hash, account.generation)
    connection.execute(
        "INSERT INTO accounts (name, role, hub, password_hash, generation, created_at, "
        "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (*row, stamp, stamp),
    )
    session_secret(connection)


def replace_hash(
    connection: sqlite3.Connection, name: str, password_hash: str, *, new_password: bool
) -> Account:
    """Store a new hash for the account of ``name``; a ``new_password`` also takes the next
    generation (ending sessions begun with the old one) and is stamped as set now. A hash
    remade for the same password keeps both. ``OptionError`` for an unknown name."""
    account = stored_account(connection, name)
    if account is None:
        raise unknown_account(name, _names(connection))
    if new_password:
        connection.execute(
            "UPDATE accounts SET password_hash = ?, generation = generation + 1, "
            "changed_at = ? WHERE name = ?",
            (password_hash, now(), account.name),
        )
        return Account(account.name, account.role, account.hub, account.generation + 1)
    connection.execute(
        "UPDATE accounts SET password_hash = ? WHERE name = ?", (password_hash, account.name)
    )
    return account


def delete_account(connection: sqlite3.Connection, name: str) -> Account:
    """Remove the account of ``name`` and return it; ``OptionError`` for an unknown name."""
    account = stored_account(connection, name)
    if account is None:
        raise unknown_account(name, _names(connection))
    connection.execute("DELETE FROM accounts WHERE name = ?", (account.name,))
    return account


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
