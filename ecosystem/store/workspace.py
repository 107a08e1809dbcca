"""The workspace: opening it, reading it back, and editing its waves and aliases.

A :class:`Workspace` is a folder holding one SQLite file. Opening it creates the folder and
the schema where needed (or, asked not to create one, says there is none);
:meth:`~Workspace.survey` reads everything stored back as the
:class:`~ecosystem.survey.Survey` that validation gives for files; waves can be listed,
renamed, deleted and dated, a person can save an alias, and the workspace can be backed up.
It keeps the accounts of a team, its session secret and the audit table too. Importing is
:mod:`ecosystem.store.importing`'s and accounts :mod:`ecosystem.store.accounts`'; this class
holds their transactions. SQLite's errors reach people in plain words
(:mod:`ecosystem.store.health`).
"""

from __future__ import annotations

import json
import math
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd

from ecosystem.access import Account, check_account_name, check_password
from ecosystem.codebook import normalise_label
from ecosystem.errors import OptionError
from ecosystem.names import nearest_names
from ecosystem.store import accounts, audit, health, passwords
from ecosystem.store.importing import ImportReport, import_survey
from ecosystem.store.schema import (
    DATABASE_NAME,
    create_schema,
    from_json,
    next_position,
    stored_keys,
    stored_waves,
    to_json,
)
from ecosystem.survey import (
    EDGE_COLUMNS,
    RESPONSE_COLUMNS,
    Survey,
    edges_frame,
    empty_organisations,
    responses_frame,
)

__all__ = ["Workspace"]


class Workspace:
    """A folder holding one SQLite file with every wave imported into it.

    Opening creates the folder and the schema where needed; with ``create=False`` (what a
    command that only reads asks for) a missing workspace is an error and nothing is
    created. Use it as a context manager (or call :meth:`close`). One object may be shared
    by the threads of one process; several objects (or processes) may open the same folder
    at once.

    Parameters
    ----------
    path
        The workspace folder. The data live in ``path / DATABASE_NAME``.
    create
        Whether to create the folder and its database where missing.

    Raises
    ------
    WorkspaceError
        When there is no workspace at ``path`` and ``create`` is false; when ``path`` is a
        file, or holds a database that is not a workspace, is damaged or was written by a
        newer version; when the workspace cannot be written (read-only) where it must be.
        Each says what to do, and that nothing was changed. Reading and writing later raise
        it too (:mod:`ecosystem.store.health`).
    """

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        self.path = Path(path)
        self.database = self.path / DATABASE_NAME
        self._lock = threading.RLock()
        self._connection = health.open_database(self.path, create)
        try:
            self._connection.execute("PRAGMA foreign_keys = ON")
            self._create_schema()
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
            create_schema(connection, self.database)

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed when the block ends, rolled back on any error.

        ``BEGIN IMMEDIATE`` takes the write lock first, so what the block reads to decide
        what to write cannot be changed by another writer before the commit.
        """
        with self._lock, health.plainly(self.path):
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
        """One read transaction, so every table read belongs to the same committed state.

        A stored value that cannot be read back as the schema stores it (a text where a
        number belongs, a list that is not JSON) means the database is damaged: it is said
        so, as a damaged page is.
        """
        with self._lock, health.plainly(self.path):
            connection = self._connection
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

    # --- reading ---------------------------------------------------------------------------

    def survey(self) -> Survey:
        """Everything stored, as the :class:`Survey` that validation gives for files.

        Columns and dtypes are those of :func:`ecosystem.validate.validate`; organisations are
        in the order they were first imported, responses and edges in the order they were
        imported (within a file, the file's order).
        """
        with self._reading() as connection:
            return _stored_survey(connection)

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
            return frame.astype(dict.fromkeys(["responses", "respondents", "edges"], "int64"))

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

    def backup(self, destination: Path | str, *, overwrite: bool = False) -> Path:
        """Copy the workspace, as it is now, into the folder ``destination`` (which then opens
        as a workspace), by SQLite's online backup API: a consistent copy even while others
        use the workspace. Returns the database file written.

        Raises ``WorkspaceError`` when ``destination`` holds a workspace already (unless
        ``overwrite``) or cannot be written, and ``OptionError`` when it is this workspace.
        """
        with self._lock:
            return health.backup(self._connection, self.path, Path(destination), overwrite)

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
        OptionError
            When two files have one name (rows could not be traced to their file).
        """
        named = [(str(name), bytes(data)) for name, data in files]
        with self._writing() as connection:
            return import_survey(connection, survey, named)

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
                        (to_json(renamed), organisation),
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

    # --- accounts and the audit table ------------------------------------------------------

    def accounts(self) -> list[Account]:
        """Every account, by name."""
        with self._reading() as connection:
            return accounts.stored_accounts(connection)

    def account(self, name: str) -> Account | None:
        """The account of ``name`` (in any case), or ``None``."""
        with self._reading() as connection:
            return accounts.stored_account(connection, name)

    def account_table(self) -> pd.DataFrame:
        """Every account by name, when made and its password last set; never a hash."""
        with self._reading() as connection:
            return accounts.account_table(connection)

    def has_accounts(self) -> bool:
        """Whether anyone must sign in to this workspace (cheap: asked on every request)."""
        with self._reading() as connection:
            return accounts.has_accounts(connection)

    def add_account(self, account: Account, password: str) -> Account:
        """Add an account with its password (kept as its argon2id hash); returns it as kept,
        its name in lower case. The hub is kept as given (resolve it first). ``OptionError``
        for a name that is taken or not a name, or a password the rules refuse."""
        name = check_account_name(account.name)
        check_password(password, name)
        kept = Account(name, account.role, account.hub)
        if self.account(name) is not None:  # said before the slow hashing
            raise accounts.already_there(name)
        hashed = passwords.hash_password(password)
        with self._writing() as connection:
            accounts.insert_account(connection, kept, hashed)
        return kept

    def set_password(self, name: str, password: str) -> Account:
        """Give an account a new password; its generation grows by one, so sessions begun
        with the old password end. ``OptionError`` for an unknown name or a refused password."""
        check_password(password, name)
        hashed = passwords.hash_password(password)
        with self._writing() as connection:
            return accounts.replace_hash(connection, name, hashed, new_password=True)

    def remove_account(self, name: str) -> Account:
        """Remove an account and return it; ``OptionError`` naming the nearest for an unknown."""
        with self._writing() as connection:
            return accounts.delete_account(connection, name)

    def verify_password(self, name: str, password: str) -> Account | None:
        """The account when ``password`` is its password, else ``None``.

        An unknown name spends one verification too (against a fixed hash), so the time a
        refusal takes does not tell which names have accounts. A hash made with older costs
        is remade. Verifying happens outside the workspace's lock: sign-ins run side by side.
        """
        with self._reading() as connection:
            found = accounts.account_hash(connection, name)
        if found is None:
            passwords.verify(passwords.DUMMY_HASH, password)
            return None
        account, stored = found
        if not passwords.verify(stored, password):
            return None
        if passwords.needs_rehash(stored):
            hashed = passwords.hash_password(password)
            with self._writing() as connection:
                accounts.replace_hash(connection, account.name, hashed, new_password=False)
        return account

    def session_secret(self) -> bytes:
        """The secret that signs session cookies: 32 random bytes made the first time it is
        asked for and kept in the workspace (a backup keeps it too), the same ever after."""
        with self._reading() as connection:
            secret = accounts.stored_secret(connection)
        if secret is not None:
            return secret
        with self._writing() as connection:
            return accounts.session_secret(connection)

    def record(self, who: str, action: str, detail: str = "", address: str = "") -> None:
        """Add one entry (of :data:`~ecosystem.store.audit.ACTIONS`) to the audit table."""
        with self._writing() as connection:
            audit.record(connection, who, action, detail, address)

    def audit(self, limit: int | None = None) -> pd.DataFrame:
        """The audit table, newest first (:func:`~ecosystem.store.audit.audit_frame`)."""
        with self._reading() as connection:
            return audit.audit_frame(connection, limit)


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

    def rows(statement: str) -> list[Any]:
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


def _record(columns: Sequence[str], row: Sequence[Any]) -> dict[str, Any]:
    """A stored response or edge as validation holds it: natures a tuple, a relevance not
    answered NaN."""
    record = dict(zip(columns, row, strict=True))
    record["nature"] = from_json(record["nature"])
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
