"""``ecosystem users`` and ``ecosystem audit``: accounts managed, changes recorded.

Each command is run as a person runs it (``main`` with the arguments, standard input given),
with its exit code and messages: 0 done, 1 a workspace that is missing or read-only, 2 a
choice the workspace does not offer (an unknown hub or account, a name taken, a password the
rules refuse). A password is never printed back, and never taken from an argument.
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import sys
from contextlib import closing, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from ecosystem.access import Account, Role
from ecosystem.cli import accounts as cli_accounts
from ecosystem.cli import base, main
from ecosystem.load import DEMO_FILES
from ecosystem.store import DATABASE_NAME, Workspace, health

PASSWORD = "correct horse battery"
OTHER = "a different long password"
FORMATIVE = "Formative 2023"


class Terminal(io.StringIO):
    """Standard input that is a terminal (the password is asked for, not read from it)."""

    def isatty(self) -> bool:
        return True


def run(*argv: str | Path, stdin: str = "") -> tuple[int, str, str]:
    """Run the ``ecosystem`` command with ``stdin``; its exit code, output and messages."""
    out, err = io.StringIO(), io.StringIO()
    real = sys.stdin
    sys.stdin = stdin if isinstance(stdin, io.StringIO) else io.StringIO(stdin)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main([str(a) for a in argv])
    finally:
        sys.stdin = real
    return code, out.getvalue(), err.getvalue()


def add(folder: Path, name: str, *options: str, password: str = PASSWORD) -> tuple[int, str]:
    """``users add NAME OPTIONS --password-stdin``: the exit code and messages."""
    code, _, err = run(
        "users", "add", name, *options, "--password-stdin", "--workspace", folder,
        stdin=password + "\n",
    )  # fmt: skip
    return code, err


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory, demo) -> Path:
    folder = tmp_path_factory.mktemp("template") / "workspace"
    with Workspace(folder) as workspace:
        workspace.import_survey(demo, [(p.name, p.read_bytes()) for p in DEMO_FILES])
    return folder


@pytest.fixture
def folder(demo_template: Path, tmp_path: Path) -> Path:
    """A copy of a workspace holding the demo (four hubs), with no accounts yet."""
    return Path(shutil.copytree(demo_template, tmp_path / "workspace"))


@pytest.fixture
def amira(folder: Path) -> Path:
    """The demo workspace with one hub lead: 'amira' of Dorset."""
    with Workspace(folder, create=False) as workspace:
        workspace.add_account(Account("amira", Role.HUB_LEAD, "Dorset"), PASSWORD)
    return folder


def accounts_of(folder: Path) -> list[Account]:
    with Workspace(folder, create=False) as workspace:
        return workspace.accounts()


def audit_of(folder: Path) -> list[tuple[str, str, str]]:
    with Workspace(folder, create=False) as workspace:
        return [(e["who"], e["action"], e["detail"]) for e in workspace.audit().to_dict("records")]


# --- users add ----------------------------------------------------------------------------------


@pytest.mark.parametrize("hub", ["dorset", "Dorset Innovation Hub", " DORSET "])
def test_a_hub_lead_is_added_with_the_workspaces_own_name_of_the_hub(
    folder: Path, hub: str
) -> None:
    code, err = add(folder, "Amira", "--role", "hub-lead", "--hub", hub)
    assert code == 0, err
    assert f"added amira (hub lead, Dorset) to {folder}" in err
    assert accounts_of(folder) == [Account("amira", Role.HUB_LEAD, "Dorset", 1)]
    assert PASSWORD not in err


def test_only_the_line_end_is_taken_off_a_password_from_standard_input(folder: Path) -> None:
    code, err = add(folder, "bea", "--role", "evaluator", password=f"  {PASSWORD} \r")
    assert code == 0, err
    with Workspace(folder, create=False) as workspace:
        assert workspace.verify_password("bea", f"  {PASSWORD} ") is not None
        assert workspace.verify_password("bea", PASSWORD) is None


def test_an_unknown_hub_is_refused_naming_the_hubs(folder: Path) -> None:
    code, err = add(folder, "amira", "--role", "hub-lead", "--hub", "Dorsett")
    assert code == 2
    assert "hub 'Dorsett' is not in the data; hubs: Bradford District and Craven, " in err
    assert accounts_of(folder) == []


def test_a_workspace_without_organisations_keeps_the_hub_as_written_and_says_so(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "empty"
    assert run("workspace", "init", folder)[0] == 0
    code, err = add(folder, "amira", "--role", "viewer", "--hub", "Dorset")
    assert code == 0, err
    assert "no organisations yet, so the hub is kept as written, 'Dorset'" in err
    assert accounts_of(folder) == [Account("amira", Role.VIEWER, "Dorset", 1)]


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (["--role", "hub-lead"], "a hub lead needs a hub: give --hub for 'amira'"),
        (["--role", "evaluator", "--hub", "Dorset"], "an evaluator sees every hub"),
    ],
    ids=["hub-lead-without-hub", "evaluator-with-hub"],
)
def test_a_role_and_hub_that_do_not_fit_are_refused(
    folder: Path, options: list[str], says: str
) -> None:
    code, err = add(folder, "amira", *options)
    assert code == 2 and says in err
    assert accounts_of(folder) == []


def test_a_role_that_is_not_offered_is_misuse(folder: Path) -> None:
    code, err = add(folder, "amira", "--role", "admin")
    assert code == 2 and "invalid choice: 'admin'" in err


def test_a_short_password_is_refused_and_not_printed(folder: Path) -> None:
    code, err = add(folder, "amira", "--role", "viewer", password="tiny-pass")
    assert code == 2
    assert "a password needs at least 10 characters (this one has 9)" in err
    assert "tiny-pass" not in err and accounts_of(folder) == []


def test_a_taken_name_is_refused_before_any_password_is_read(amira: Path) -> None:
    code, _, err = run("users", "add", "AMIRA", "--role", "viewer", "--workspace", amira)
    assert code == 2
    assert "there is an account 'amira' already" in err
    assert "terminal" not in err  # refused before asking for a password


def test_without_password_stdin_and_no_terminal_the_command_says_what_to_do(folder: Path) -> None:
    code, _, err = run("users", "add", "bea", "--role", "evaluator", "--workspace", folder)
    assert code == 2
    assert "standard input is not a terminal" in err and "--password-stdin" in err
    assert accounts_of(folder) == []


def test_at_a_terminal_the_password_is_asked_twice_and_a_mismatch_refused(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([PASSWORD, OTHER, PASSWORD, PASSWORD])
    asked: list[str] = []
    monkeypatch.setattr(
        cli_accounts.getpass, "getpass", lambda prompt: asked.append(prompt) or next(answers)
    )
    argv = ("users", "add", "bea", "--role", "evaluator", "--workspace", folder)
    code, _, err = run(*argv, stdin=Terminal())
    assert code == 2 and "the two passwords differ; nothing was changed" in err
    assert accounts_of(folder) == []
    code, _, err = run(*argv, stdin=Terminal())
    assert code == 0, err
    assert asked == ["new password for bea: ", "the same password again: "] * 2
    with Workspace(folder, create=False) as workspace:
        assert workspace.verify_password("bea", PASSWORD) is not None


def test_a_password_is_never_an_argument() -> None:
    argv = (
        "users",
        "add",
        "bea",
        "--role",
        "evaluator",
        "--workspace",
        "w",
        "--password",
        PASSWORD,
    )
    code, _, err = run(*argv)
    assert code == 2 and "unrecognized arguments" in err


# --- users list, remove, set-password ------------------------------------------------------------


def test_the_list_shows_role_hub_and_dates_and_never_a_hash(amira: Path) -> None:
    assert add(amira, "sam", "--role", "viewer")[0] == 0
    code, out, err = run("users", "list", "--workspace", amira)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "name,role,hub,created,password_set"
    assert [line.split(",")[:3] for line in lines[1:]] == [
        ["amira", "hub-lead", "Dorset"],
        ["sam", "viewer", "every hub"],
    ]
    assert "argon2" not in out
    code, out, _ = run("users", "list", "--format", "json", "--workspace", amira)
    records = json.loads(out)
    assert [r["name"] for r in records] == ["amira", "sam"]
    assert set(records[0]) == {"name", "role", "hub", "created", "password_set"}


def test_an_empty_list_says_that_nobody_is_asked_to_sign_in(folder: Path) -> None:
    code, out, err = run("users", "list", "--workspace", folder)
    assert code == 0 and out == "name,role,hub,created,password_set\n"
    assert "the dashboard asks nobody to sign in" in err
    assert f"ecosystem users add NAME --role evaluator --workspace {folder}" in err


def test_an_account_is_removed_and_the_last_removal_is_pointed_out(amira: Path) -> None:
    code, _, err = run("users", "remove", "Amira", "--workspace", amira)
    assert code == 0, err
    assert "removed amira (hub lead, Dorset)" in err
    assert "no accounts are left: the dashboard asks nobody to sign in" in err
    assert accounts_of(amira) == []


@pytest.mark.parametrize("action", ["remove", "set-password"])
def test_an_unknown_account_is_refused_with_the_nearest_name(amira: Path, action: str) -> None:
    code, _, err = run("users", action, "amria", "--workspace", amira, stdin=OTHER + "\n")
    assert code == 2
    assert "there is no account 'amria'; did you mean 'amira'?" in err


def test_a_new_password_moves_the_account_to_its_next_generation(amira: Path) -> None:
    argv = ("users", "set-password", "amira", "--password-stdin", "--workspace", amira)
    code, _, err = run(*argv, stdin=OTHER + "\n")
    assert code == 0, err
    assert "set the password of amira (hub lead, Dorset)" in err
    with Workspace(amira, create=False) as workspace:
        assert workspace.verify_password("amira", OTHER) == Account(
            "amira", Role.HUB_LEAD, "Dorset", 2
        )
        assert workspace.verify_password("amira", PASSWORD) is None


# --- the audit ----------------------------------------------------------------------------------


def test_every_change_from_the_command_line_is_recorded_newest_first(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(base.getpass, "getuser", lambda: "evaluator1")
    me = "command line (evaluator1)"
    new = tmp_path / "newcomers.csv"
    new.write_text("name,type,hub\nNewcomer College,university,Dorset\n", encoding="utf-8")
    assert run("import", new, "--wave", "Wave 3", "--workspace", folder)[0] == 0
    assert run("waves", "--rename", FORMATIVE, "Baseline", "--workspace", folder)[0] == 0
    assert run("waves", "--delete", "Baseline", "--workspace", folder)[0] == 0
    assert add(folder, "amira", "--role", "hub-lead", "--hub", "Dorset")[0] == 0
    set_password = ("users", "set-password", "amira", "--password-stdin")
    assert run(*set_password, "--workspace", folder, stdin=OTHER)[0] == 0
    assert run("users", "remove", "amira", "--workspace", folder)[0] == 0
    entries = audit_of(folder)
    assert [action for _, action, _ in entries] == [
        "account removed",
        "password set",
        "account added",
        "deleted wave",
        "renamed wave",
        "imported",
    ]
    assert {who for who, _, _ in entries} == {me}
    details = [detail for _, _, detail in entries]
    assert details[0] == details[2] == "amira (hub lead, Dorset)"
    assert details[1] == "amira (hub lead, Dorset)"
    assert details[3].startswith("'Baseline' (") and "responses" in details[3]
    assert details[4] == f"'{FORMATIVE}' to 'Baseline'"
    assert details[5].startswith("newcomers.csv (waves: none): added 1 organisations")


def test_an_import_that_adds_nothing_and_a_listing_record_nothing(folder: Path) -> None:
    assert run("import", *DEMO_FILES, "--workspace", folder)[0] == 0  # every file known already
    assert run("waves", "--workspace", folder)[0] == 0
    assert audit_of(folder) == []


def test_without_a_user_name_the_command_line_is_named_alone(
    amira: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_user() -> str:
        raise OSError("no user name")

    monkeypatch.setattr(base.getpass, "getuser", no_user)
    assert run("users", "remove", "amira", "--workspace", amira)[0] == 0
    assert audit_of(amira)[0][0] == "command line"


def test_the_audit_command_prints_the_table_newest_first_with_a_limit(
    amira: Path, tmp_path: Path
) -> None:
    with Workspace(amira, create=False) as workspace:
        for number in range(3):
            workspace.record("amira", "signed in", f"session {number}", "192.0.2.7")
    code, out, err = run("audit", "--workspace", amira)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "at,who,action,detail,address"
    assert [line.split(",")[3] for line in lines[1:]] == ["session 2", "session 1", "session 0"]
    code, out, _ = run("audit", "--limit", "1", "--format", "json", "--workspace", amira)
    [entry] = json.loads(out)
    assert entry["detail"] == "session 2" and entry["address"] == "192.0.2.7"
    target = tmp_path / "audit.csv"
    code, out, err = run("audit", "-o", target, "--workspace", amira)
    assert code == 0 and out == "" and f"wrote {target}" in err
    assert target.read_text(encoding="utf-8").count("signed in") == 3


def test_the_audit_is_written_formula_safe(amira: Path) -> None:
    with Workspace(amira, create=False) as workspace:
        workspace.record('=HYPERLINK("http://x")', "exported", "+1")
    code, out, _ = run("audit", "--workspace", amira)
    assert code == 0 and "'=HYPERLINK" in out and ",'+1," in out


@pytest.mark.parametrize("limit", ["-1", "many"])
def test_a_limit_that_is_not_a_count_is_misuse(amira: Path, limit: str) -> None:
    code, _, err = run("audit", "--limit", limit, "--workspace", amira)
    assert code == 2 and "--limit" in err


def test_an_empty_audit_says_so(folder: Path) -> None:
    code, out, err = run("audit", "--workspace", folder)
    assert code == 0 and out == "at,who,action,detail,address\n"
    assert "the audit table is empty" in err


# --- workspaces: never created, read-only refused ---------------------------------------------

COMMANDS = {
    "users add": ["users", "add", "amira", "--role", "evaluator", "--password-stdin"],
    "users list": ["users", "list"],
    "users remove": ["users", "remove", "amira"],
    "users set-password": ["users", "set-password", "amira", "--password-stdin"],
    "audit": ["audit"],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_mistyped_workspace_is_refused_and_never_created(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "mistyped"
    code, _, err = run(*COMMANDS[command], "--workspace", folder, stdin=PASSWORD + "\n")
    assert code == 1, err
    assert f"no workspace at {folder}" in err and f"ecosystem workspace init {folder}" in err
    assert "Traceback" not in err and not folder.exists()


def test_a_read_only_workspace_refuses_a_new_account_with_exit_1(
    amira: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = health.connect
    monkeypatch.setattr(health, "connect", lambda database, mode: real(database, "ro"))
    before = (amira / DATABASE_NAME).read_bytes()
    code, err = add(amira, "sam", "--role", "viewer")
    assert code == 1
    assert f"the workspace {amira} cannot be written (read-only)" in err
    assert "nothing was changed" in err and "Traceback" not in err
    assert (amira / DATABASE_NAME).read_bytes() == before
    code, out, err = run("users", "list", "--workspace", amira)  # still read
    assert code == 0 and "amira,hub-lead,Dorset" in out


def test_the_password_appears_nowhere_in_the_workspace(folder: Path) -> None:
    assert add(folder, "amira", "--role", "viewer")[0] == 0
    assert run("users", "list", "--workspace", folder)[0] == 0
    with closing(sqlite3.connect(folder / DATABASE_NAME)) as connection:
        [(hashed,)] = connection.execute("SELECT password_hash FROM accounts").fetchall()
    assert hashed.startswith("$argon2id$")
    for path in folder.iterdir():
        assert PASSWORD.encode() not in path.read_bytes()
