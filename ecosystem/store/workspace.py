"""The workspace: one folder, one SQLite file, and one door to every room kept in it.

A :class:`Workspace` is a folder holding one SQLite file. Opening it creates the folder and
the schema where needed (or, asked not to create one, says there is none). What it keeps
lives in rooms of their own, each a module of the store with one reason to change:

* the survey (:mod:`ecosystem.store.survey_data`): reading it back, importing, the waves
  and aliases;
* a team's accounts (:mod:`ecosystem.store.accounts`);
* the session secret (:mod:`ecosystem.store.sessions`);
* the audit table (:mod:`ecosystem.store.audit`);
* backups (:mod:`ecosystem.store.backup`).

This class is their facade: every face opens a workspace and asks it, under the method names
it always had, and each method hands the question to its room. The rooms share the one
connection and its transactions (:mod:`ecosystem.store.transactions`), so every promise of
the store (all or nothing, one committed state per read, SQLite's errors in plain words by
:mod:`ecosystem.store.health`) holds in every room alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from types import TracebackType

import pandas as pd

from ecosystem.access import Account
from ecosystem.store import health
from ecosystem.store.accounts import Accounts
from ecosystem.store.audit import AuditLog
from ecosystem.store.backup import Backups
from ecosystem.store.importing import ImportReport
from ecosystem.store.schema import DATABASE_NAME, create_schema
from ecosystem.store.sessions import Sessions
from ecosystem.store.survey_data import SurveyData
from ecosystem.store.transactions import Transactions
from ecosystem.survey import Survey

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
        connection = health.open_database(self.path, create)
        self._transactions = Transactions(self.path, connection)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            with self._transactions.writing() as writing:
                create_schema(writing, self.database)
        except BaseException:
            connection.close()
            raise
        self._survey = SurveyData(self._transactions)
        self._accounts = Accounts(self._transactions)
        self._sessions = Sessions(self._transactions)
        self._audit = AuditLog(self._transactions)
        self._backups = Backups(self._transactions)

    # --- opening and closing ---------------------------------------------------------------

    def close(self) -> None:
        """Close the workspace's connection (nothing is pending: every change is committed)."""
        self._transactions.close()

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

    # --- the survey (ecosystem.store.survey_data) -------------------------------------------

    def survey(self) -> Survey:
        """Everything stored, as the :class:`Survey` that validation gives for files
        (:meth:`SurveyData.survey <ecosystem.store.survey_data.SurveyData.survey>`)."""
        return self._survey.survey()

    def waves(self) -> pd.DataFrame:
        """The stored waves in order, with their dates and counts
        (:meth:`SurveyData.waves <ecosystem.store.survey_data.SurveyData.waves>`)."""
        return self._survey.waves()

    def imports(self) -> pd.DataFrame:
        """The import log, one row per file
        (:meth:`SurveyData.imports <ecosystem.store.survey_data.SurveyData.imports>`)."""
        return self._survey.imports()

    def import_survey(self, survey: Survey, files: Sequence[tuple[str, bytes]]) -> ImportReport:
        """Add a validated survey to the workspace, in one transaction (all or nothing)
        (:meth:`SurveyData.import_survey
        <ecosystem.store.survey_data.SurveyData.import_survey>`)."""
        return self._survey.import_survey(survey, files)

    def rename_wave(self, old: str, new: str) -> None:
        """Rename a wave; its responses, edges and roster entries follow
        (:meth:`SurveyData.rename_wave <ecosystem.store.survey_data.SurveyData.rename_wave>`)."""
        self._survey.rename_wave(old, new)

    def delete_wave(self, name: str) -> dict[str, int]:
        """Delete a wave with its responses and edges, in one transaction
        (:meth:`SurveyData.delete_wave <ecosystem.store.survey_data.SurveyData.delete_wave>`)."""
        return self._survey.delete_wave(name)

    def set_wave_dates(self, name: str, starts: date | str | None, ends: date | str | None) -> None:
        """Set when a wave's survey ran (:meth:`SurveyData.set_wave_dates
        <ecosystem.store.survey_data.SurveyData.set_wave_dates>`)."""
        self._survey.set_wave_dates(name, starts, ends)

    def add_alias(self, alias: str, organisation: str) -> None:
        """Save another spelling or former name of a stored organisation
        (:meth:`SurveyData.add_alias <ecosystem.store.survey_data.SurveyData.add_alias>`)."""
        self._survey.add_alias(alias, organisation)

    # --- accounts (ecosystem.store.accounts) ------------------------------------------------

    def accounts(self) -> list[Account]:
        """Every account, by name."""
        return self._accounts.accounts()

    def account(self, name: str) -> Account | None:
        """The account of ``name`` (in any case), or ``None``."""
        return self._accounts.account(name)

    def account_table(self) -> pd.DataFrame:
        """Every account by name, when made and its password last set; never a hash."""
        return self._accounts.account_table()

    def has_accounts(self) -> bool:
        """Whether anyone must sign in to this workspace (cheap: asked on every request)."""
        return self._accounts.has_accounts()

    def add_account(self, account: Account, password: str) -> Account:
        """Add an account with its password (:meth:`Accounts.add_account
        <ecosystem.store.accounts.Accounts.add_account>`); returns it as kept."""
        return self._accounts.add_account(account, password)

    def set_password(self, name: str, password: str) -> Account:
        """Give an account a new password, ending its sessions (:meth:`Accounts.set_password
        <ecosystem.store.accounts.Accounts.set_password>`)."""
        return self._accounts.set_password(name, password)

    def remove_account(self, name: str) -> Account:
        """Remove an account and return it; ``OptionError`` naming the nearest for an unknown."""
        return self._accounts.remove_account(name)

    def verify_password(self, name: str, password: str) -> Account | None:
        """The account when ``password`` is its password, else ``None``
        (:meth:`Accounts.verify_password <ecosystem.store.accounts.Accounts.verify_password>`)."""
        return self._accounts.verify_password(name, password)

    # --- sessions, audit and backup ---------------------------------------------------------

    def session_secret(self) -> bytes:
        """The secret that signs session cookies, made once and kept
        (:meth:`Sessions.secret <ecosystem.store.sessions.Sessions.secret>`)."""
        return self._sessions.secret()

    def record(self, who: str, action: str, detail: str = "", address: str = "") -> None:
        """Add one entry (of :data:`~ecosystem.store.audit.ACTIONS`) to the audit table."""
        self._audit.record(who, action, detail, address)

    def audit(self, limit: int | None = None) -> pd.DataFrame:
        """The audit table, newest first (:func:`~ecosystem.store.audit.audit_frame`)."""
        return self._audit.entries(limit)

    def backup(self, destination: Path | str, *, overwrite: bool = False) -> Path:
        """Copy the workspace, as it is now, into the folder ``destination`` (which then opens
        as a workspace); returns the database file written (:meth:`Backups.backup
        <ecosystem.store.backup.Backups.backup>`)."""
        return self._backups.backup(destination, overwrite=overwrite)
