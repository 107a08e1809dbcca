"""The accounts of a workspace served to a team: who may sign in, with what role and hub.

A workspace served to a team holds identifiable partner data, so each person signs in with
an account of their own. This room keeps the accounts apart from the survey, the session
secret (:mod:`ecosystem.store.sessions`) and the audit table (:mod:`ecosystem.store.audit`):
:class:`Accounts` is what a :class:`~ecosystem.store.Workspace` hands its account methods
to. It does the slow hashing outside every transaction, so a sign-in never holds up another
person's reading; each function below takes the workspace's connection inside the caller's
transaction (:class:`~ecosystem.store.transactions.Transactions`). An account is
kept under its name in lower case (:func:`ecosystem.access.check_account_name`) with its
role, hub (``NULL``: every hub), the argon2id hash of its password
(:mod:`ecosystem.store.passwords`; never the password), the password's generation and when
the account was made and its password last set. The hub is kept as given: the face that adds
an account resolves it to the workspace's own name of the hub first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any, Final

import pandas as pd

from ecosystem.access import (
    Account,
    Role,
    check_account_name,
    check_password,
    normalise_account_name,
)
from ecosystem.errors import OptionError
from ecosystem.names import nearest_names
from ecosystem.store import passwords
from ecosystem.store.audit import now
from ecosystem.store.sessions import session_secret
from ecosystem.store.transactions import Transactions

__all__ = [
    "ACCOUNT_COLUMNS",
    "Accounts",
    "account_hash",
    "account_table",
    "already_there",
    "delete_account",
    "has_accounts",
    "insert_account",
    "replace_hash",
    "stored_account",
    "stored_accounts",
    "unknown_account",
]

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


class Accounts:
    """The accounts' room of a workspace, over its ``transactions``: the methods a
    :class:`~ecosystem.store.Workspace` offers for accounts, under the same names."""

    def __init__(self, transactions: Transactions) -> None:
        self._transactions = transactions

    def accounts(self) -> list[Account]:
        """Every account, by name."""
        with self._transactions.reading() as connection:
            return stored_accounts(connection)

    def account(self, name: str) -> Account | None:
        """The account of ``name`` (in any case), or ``None``."""
        with self._transactions.reading() as connection:
            return stored_account(connection, name)

    def account_table(self) -> pd.DataFrame:
        """Every account by name, when made and its password last set; never a hash."""
        with self._transactions.reading() as connection:
            return account_table(connection)

    def has_accounts(self) -> bool:
        """Whether anyone must sign in to this workspace (cheap: asked on every request)."""
        with self._transactions.reading() as connection:
            return has_accounts(connection)

    def add_account(self, account: Account, password: str) -> Account:
        """Add an account with its password (kept as its argon2id hash); returns it as kept,
        its name in lower case. The hub is kept as given (resolve it first). ``OptionError``
        for a name that is taken or not a name, or a password the rules refuse."""
        name = check_account_name(account.name)
        check_password(password, name)
        kept = Account(name, account.role, account.hub)
        if self.account(name) is not None:  # said before the slow hashing
            raise already_there(name)
        hashed = passwords.hash_password(password)
        with self._transactions.writing() as connection:
            insert_account(connection, kept, hashed)
        return kept

    def set_password(self, name: str, password: str) -> Account:
        """Give an account a new password; its generation grows by one, so sessions begun
        with the old password end. ``OptionError`` for an unknown name or a refused password."""
        check_password(password, name)
        hashed = passwords.hash_password(password)
        with self._transactions.writing() as connection:
            return replace_hash(connection, name, hashed, new_password=True)

    def remove_account(self, name: str) -> Account:
        """Remove an account and return it; ``OptionError`` naming the nearest for an unknown."""
        with self._transactions.writing() as connection:
            return delete_account(connection, name)

    def verify_password(self, name: str, password: str) -> Account | None:
        """The account when ``password`` is its password, else ``None``.

        An unknown name spends one verification too (against a fixed hash), so the time a
        refusal takes does not tell which names have accounts. A hash made with older costs
        is remade. Verifying happens outside the workspace's lock: sign-ins run side by side.
        """
        with self._transactions.reading() as connection:
            found = account_hash(connection, name)
        if found is None:
            passwords.verify(passwords.DUMMY_HASH, password)
            return None
        account, stored = found
        if not passwords.verify(stored, password):
            return None
        if passwords.needs_rehash(stored):
            hashed = passwords.hash_password(password)
            with self._transactions.writing() as connection:
                replace_hash(connection, account.name, hashed, new_password=False)
        return account
