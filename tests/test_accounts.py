"""The accounts a workspace keeps for a team: argon2id hashes, sign-in checks, the secret.

A password is kept only as its argon2id hash (never in the database file's bytes); checking a
password says yes or no and never raises; an unknown name costs one verification as a known
one does; setting a password moves the account to its next generation; the session secret is
made once and kept (a backup keeps it too). Hashing at argon2's default costs takes a tenth
of a second, so each test hashes only a few times.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from ecosystem.access import Account, Role
from ecosystem.errors import WORKSPACE_READ_ONLY, OptionError
from ecosystem.store import DATABASE_NAME, Workspace, WorkspaceError, health, passwords

PASSWORD = "correct horse battery"
OTHER = "a different long password"


def stored(folder: Path, statement: str) -> list[tuple]:
    """Rows read from the workspace's file by a connection of its own."""
    with closing(sqlite3.connect(folder / DATABASE_NAME)) as connection:
        return connection.execute(statement).fetchall()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A workspace with one hub lead, 'amira' of Dorset, whose password is PASSWORD."""
    folder = tmp_path / "workspace"
    with Workspace(folder) as workspace:
        workspace.add_account(Account("Amira", Role.HUB_LEAD, "Dorset"), PASSWORD)
    return folder


# --- passwords -----------------------------------------------------------------------------------


def test_a_password_is_kept_as_an_argon2id_hash_and_nowhere_in_the_file(folder: Path) -> None:
    [(hashed,)] = stored(folder, "SELECT password_hash FROM accounts")
    assert hashed.startswith("$argon2id$") and PASSWORD not in hashed
    for path in folder.iterdir():  # the database and any journal left beside it
        assert PASSWORD.encode() not in path.read_bytes()
        assert PASSWORD.encode("utf-16-le") not in path.read_bytes()


def test_the_right_password_gives_the_account_and_a_wrong_one_none(folder: Path) -> None:
    with Workspace(folder, create=False) as workspace:
        assert workspace.verify_password("AMIRA", PASSWORD) == Account(
            "amira", Role.HUB_LEAD, "Dorset", 1
        )
        assert workspace.verify_password("amira", OTHER) is None
        assert workspace.verify_password("amira", "") is None
        assert workspace.verify_password("nobody", PASSWORD) is None


def test_a_name_without_an_account_still_spends_one_verification(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real = passwords.verify
    monkeypatch.setattr(passwords, "verify", lambda h, p: checked.append(h) or real(h, p))
    with Workspace(folder, create=False) as workspace:
        assert workspace.verify_password("nobody", PASSWORD) is None
        assert workspace.verify_password("amira", OTHER) is None
    assert checked[0] == passwords.DUMMY_HASH and checked[1].startswith("$argon2id$")


def test_the_dummy_hash_costs_what_a_real_one_costs_and_matches_nothing() -> None:
    # When argon2-cffi's default costs change, remake DUMMY_HASH with hash_password.
    assert not passwords.needs_rehash(passwords.DUMMY_HASH)
    assert not passwords.verify(passwords.DUMMY_HASH, PASSWORD)


def test_verify_says_no_to_a_damaged_hash_instead_of_raising() -> None:
    assert passwords.verify("not a hash at all", PASSWORD) is False
    assert passwords.verify("$argon2id$v=19$m=65536,t=3,p=4$broken", PASSWORD) is False
    assert passwords.needs_rehash("not a hash at all")


def test_a_hash_made_with_older_costs_is_remade_at_sign_in(folder: Path) -> None:
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    with closing(sqlite3.connect(folder / DATABASE_NAME)) as connection:
        connection.execute("UPDATE accounts SET password_hash = ?", (cheap,))
        connection.commit()
    assert passwords.needs_rehash(cheap)
    with Workspace(folder, create=False) as workspace:
        account = workspace.verify_password("amira", PASSWORD)
    [(hashed, generation)] = stored(folder, "SELECT password_hash, generation FROM accounts")
    assert account is not None and account.generation == generation == 1
    assert hashed != cheap and not passwords.needs_rehash(hashed)
    assert passwords.verify(hashed, PASSWORD)


# --- adding, listing, setting, removing -------------------------------------------------------


def test_accounts_are_listed_by_name_in_lower_case(folder: Path) -> None:
    with Workspace(folder, create=False) as workspace:
        kept = workspace.add_account(Account("Sam.Jones@NHS.net", Role.VIEWER), OTHER)
        workspace.add_account(Account("bea", Role.EVALUATOR), OTHER)
        assert kept == Account("sam.jones@nhs.net", Role.VIEWER, None, 1)
        assert [a.name for a in workspace.accounts()] == ["amira", "bea", "sam.jones@nhs.net"]
        assert workspace.account("Sam.Jones@nhs.NET") == kept
        assert workspace.account("nobody") is None
        table = workspace.account_table()
    assert list(table.columns) == ["name", "role", "hub", "created", "password_set"]
    assert table["hub"].tolist() == ["Dorset", None, None]
    assert table["role"].tolist() == ["hub-lead", "evaluator", "viewer"]


def test_a_workspace_has_accounts_only_once_one_is_added(tmp_path: Path) -> None:
    with Workspace(tmp_path / "w") as workspace:
        assert workspace.has_accounts() is False
        workspace.add_account(Account("bea", Role.EVALUATOR), PASSWORD)
        assert workspace.has_accounts() is True
        workspace.remove_account("bea")
        assert workspace.has_accounts() is False


@pytest.mark.parametrize(
    ("account", "password", "says"),
    [
        (Account("AMIRA", Role.VIEWER), OTHER, "there is an account 'amira' already"),
        (Account("amira khan", Role.VIEWER), OTHER, "is not an account name"),
        (Account("sam", Role.VIEWER), "short", "at least 10 characters"),
        (Account("samuel.jones", Role.VIEWER), "Samuel.Jones", "the account's own name"),
    ],
    ids=["taken", "bad-name", "short-password", "password-is-name"],
)
def test_an_account_the_rules_refuse_is_not_added(
    folder: Path, account: Account, password: str, says: str
) -> None:
    before = stored(folder, "SELECT * FROM accounts")
    with Workspace(folder, create=False) as workspace, pytest.raises(OptionError) as caught:
        workspace.add_account(account, password)
    assert says in str(caught.value) and password not in str(caught.value)
    assert stored(folder, "SELECT * FROM accounts") == before


def test_setting_a_password_moves_the_account_to_its_next_generation(folder: Path) -> None:
    with Workspace(folder, create=False) as workspace:
        changed = workspace.set_password("Amira", OTHER)
        assert changed == Account("amira", Role.HUB_LEAD, "Dorset", 2)
        assert workspace.verify_password("amira", PASSWORD) is None
        assert workspace.verify_password("amira", OTHER) == changed
        assert workspace.set_password("amira", PASSWORD).generation == 3


def test_a_refused_new_password_changes_nothing(folder: Path) -> None:
    before = stored(folder, "SELECT * FROM accounts")
    with Workspace(folder, create=False) as workspace, pytest.raises(OptionError):
        workspace.set_password("amira", "short")
    assert stored(folder, "SELECT * FROM accounts") == before


@pytest.mark.parametrize("change", ["remove_account", "set_password"])
def test_an_unknown_account_is_refused_with_the_nearest_names(folder: Path, change: str) -> None:
    with Workspace(folder, create=False) as workspace, pytest.raises(OptionError) as caught:
        if change == "remove_account":
            workspace.remove_account("amria")
        else:
            workspace.set_password("amria", OTHER)
    assert str(caught.value) == "there is no account 'amria'; did you mean 'amira'?"


def test_an_unknown_account_far_from_any_lists_the_accounts(folder: Path) -> None:
    with Workspace(folder, create=False) as workspace, pytest.raises(OptionError) as caught:
        workspace.remove_account("zebedee")
    assert str(caught.value) == "there is no account 'zebedee'; accounts: amira"


def test_a_removed_account_is_gone_and_signs_in_no_more(folder: Path) -> None:
    with Workspace(folder, create=False) as workspace:
        assert workspace.remove_account("AMIRA").name == "amira"
        assert workspace.accounts() == [] and workspace.account("amira") is None
        assert workspace.verify_password("amira", PASSWORD) is None


def test_the_schema_refuses_a_role_it_does_not_know_and_a_hub_lead_without_a_hub(
    folder: Path,
) -> None:
    with closing(sqlite3.connect(folder / DATABASE_NAME)) as connection:
        for role, hub in (("admin", None), ("hub-lead", None), ("evaluator", "Dorset")):
            with pytest.raises(sqlite3.IntegrityError):
                connection.execute(
                    "INSERT INTO accounts (name, role, hub, password_hash, generation) "
                    "VALUES ('x', ?, ?, 'h', 1)",
                    (role, hub),
                )


def test_a_read_only_workspace_refuses_a_new_account_plainly(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = health.connect
    monkeypatch.setattr(health, "connect", lambda database, mode: real(database, "ro"))
    before = (folder / DATABASE_NAME).read_bytes()
    with Workspace(folder, create=False) as workspace, pytest.raises(WorkspaceError) as caught:
        workspace.add_account(Account("sam", Role.VIEWER), OTHER)
    assert caught.value.kind == WORKSPACE_READ_ONLY and "nothing was changed" in str(caught.value)
    assert (folder / DATABASE_NAME).read_bytes() == before


# --- the session secret -------------------------------------------------------------------------


def test_the_session_secret_is_made_once_and_kept_across_reopening_and_backup(
    tmp_path: Path,
) -> None:
    with Workspace(tmp_path / "w") as workspace:
        secret = workspace.session_secret()
        assert isinstance(secret, bytes) and len(secret) == 32
        assert workspace.session_secret() == secret
        workspace.backup(tmp_path / "copy")
    with Workspace(tmp_path / "w", create=False) as workspace:
        assert workspace.session_secret() == secret
    with Workspace(tmp_path / "copy", create=False) as copy:
        assert copy.session_secret() == secret
    with Workspace(tmp_path / "other") as other:
        assert other.session_secret() != secret


def test_a_workspace_with_accounts_has_its_secret_even_when_read_only(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    [(secret,)] = stored(folder, "SELECT value FROM settings WHERE key = 'session secret'")
    real = health.connect
    monkeypatch.setattr(health, "connect", lambda database, mode: real(database, "ro"))
    with Workspace(folder, create=False) as workspace:
        assert workspace.session_secret() == secret and len(secret) == 32
