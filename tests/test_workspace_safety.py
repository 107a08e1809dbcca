"""Workspaces fail clearly and are never created by accident.

A workspace that is read-only, damaged (bad pages, a stored value of the wrong type, a file
that is not SQLite at all) or missing once gave raw SQLite tracebacks, and a mistyped
``--workspace`` of a command that only reads silently created an empty one. Now each is a
:class:`~ecosystem.errors.WorkspaceError` naming the workspace, saying what to do and that
nothing was changed (proved on the folder's files, byte for byte), and the CLI prints it with
exit 1.

A read-only workspace is opened read-only by SQLite itself (``mode=ro``, through the store's
one ``connect``): tests run as root, whom file permissions do not stop, and SQLite gives a
read-only connection the same error as a file it may not write.
"""

from __future__ import annotations

import hashlib
import io
import sqlite3
from contextlib import closing, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from support import demo_survey

from ecosystem.cli import build_parser, main
from ecosystem.errors import (
    WORKSPACE_DAMAGED,
    WORKSPACE_EXISTS,
    WORKSPACE_MISSING,
    WORKSPACE_READ_ONLY,
    OptionError,
)
from ecosystem.load import DEMO_FILES, load_survey
from ecosystem.store import (
    DATABASE_NAME,
    SCHEMA_VERSION,
    Workspace,
    WorkspaceError,
    check_workspace,
    health,
    schema,
)

FORMATIVE, SUMMATIVE = "Formative 2023", "Summative 2024"
DEMO = demo_survey()
DEMO_BYTES = [(path.name, path.read_bytes()) for path in DEMO_FILES]
PAGE = 4096  # SQLite's default page size, the demo workspace's


# --- helpers ----------------------------------------------------------------------------------


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def files_of(folder: Path) -> dict[str, str]:
    """Every file in the folder (a journal left behind included) with its bytes' SHA-256."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def corrupt_pages(database: Path) -> None:
    """Overwrite every page in the middle third of the file, as a bad disk might (whole pages:
    the schema's own second page lies there, so any read meets the damage)."""
    data = bytearray(database.read_bytes())
    pages = len(data) // PAGE
    assert pages > 10, "a real workspace, with pages to damage"
    for page in range(pages // 3, 2 * pages // 3):
        data[page * PAGE : (page + 1) * PAGE] = b"\xff" * PAGE
    database.write_bytes(bytes(data))


@pytest.fixture
def new_file(tmp_path: Path) -> Path:
    """An organisations file that no workspace holds yet."""
    path = tmp_path / "newcomers.csv"
    path.write_text("name,type,hub\nNewcomer College,university,Dorset\n", encoding="utf-8")
    return path


@pytest.fixture
def demo_workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "workspace"
    with Workspace(folder) as workspace:
        workspace.import_survey(DEMO, DEMO_BYTES)
    return folder


@pytest.fixture
def damaged_workspace(demo_workspace: Path) -> Path:
    corrupt_pages(demo_workspace / DATABASE_NAME)
    return demo_workspace


@pytest.fixture
def not_sqlite(tmp_path: Path) -> Path:
    folder = tmp_path / "workspace"
    folder.mkdir()
    (folder / DATABASE_NAME).write_bytes(b"name,type\n" * 500)
    return folder


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every workspace opens as SQLite opens a file that may not be written."""
    real = health.connect
    monkeypatch.setattr(health, "connect", lambda database, mode: real(database, "ro"))


def assert_says(error: WorkspaceError, folder: Path, kind: str, *words: str) -> None:
    assert error.kind == kind and error.path == folder
    message = str(error)
    assert str(folder) in message and "nothing was changed" in message
    for word in words:
        assert word in message


# --- read-only ----------------------------------------------------------------------------------


EDITS = {
    "import": lambda w: w.import_survey(load_survey([DEMO_FILES[0]], "Wave 3"), []),
    "rename a wave": lambda w: w.rename_wave(FORMATIVE, "Baseline"),
    "delete a wave": lambda w: w.delete_wave(FORMATIVE),
    "date a wave": lambda w: w.set_wave_dates(FORMATIVE, "2023-01-09", "2023-02-24"),
    "save an alias": lambda w: w.add_alias("The Health Fdn", "The Health Foundation"),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_a_read_only_workspace_refuses_every_change_plainly_and_keeps_its_bytes(
    demo_workspace: Path, read_only: None, edit
) -> None:
    before = files_of(demo_workspace)
    with Workspace(demo_workspace) as workspace, pytest.raises(WorkspaceError) as caught:
        edit(workspace)
    assert_says(caught.value, demo_workspace, WORKSPACE_READ_ONLY, "read-only", "copy it")
    assert files_of(demo_workspace) == before


def test_a_read_only_workspace_is_still_read(demo_workspace: Path, read_only: None) -> None:
    with Workspace(demo_workspace, create=False) as workspace:
        assert workspace.waves()["name"].tolist() == [FORMATIVE, SUMMATIVE]
        assert len(workspace.survey().responses) == len(DEMO.responses)


def test_a_read_only_workspace_that_needs_upgrading_says_it_cannot_be_written(
    demo_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with closing(sqlite3.connect(demo_workspace / DATABASE_NAME)) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    monkeypatch.setitem(schema.MIGRATIONS, SCHEMA_VERSION, ("CREATE TABLE upgraded (a)",))
    real = health.connect
    monkeypatch.setattr(health, "connect", lambda database, mode: real(database, "ro"))
    with pytest.raises(WorkspaceError) as caught:
        Workspace(demo_workspace)
    assert caught.value.kind == WORKSPACE_READ_ONLY


# --- damaged ------------------------------------------------------------------------------------


READS = {
    "survey": Workspace.survey,
    "waves": Workspace.waves,
    "imports": Workspace.imports,
    "import": lambda w: w.import_survey(load_survey([DEMO_FILES[0]], "Wave 3"), []),
}


@pytest.mark.parametrize("use", READS.values(), ids=READS.keys())
def test_a_workspace_with_bad_pages_is_said_to_be_damaged_and_is_left_as_it_was(
    damaged_workspace: Path, use
) -> None:
    before = files_of(damaged_workspace)
    with Workspace(damaged_workspace) as workspace, pytest.raises(WorkspaceError) as caught:
        use(workspace)
    assert_says(caught.value, damaged_workspace, WORKSPACE_DAMAGED, "damaged", "backup")
    assert files_of(damaged_workspace) == before


def test_a_stored_value_of_the_wrong_type_is_damage_not_a_type_error(
    demo_workspace: Path,
) -> None:
    # '5' is valid JSON, so the schema's check lets it in, but it is no list of hubs: what a
    # flipped byte in a record can leave behind.
    with closing(sqlite3.connect(demo_workspace / DATABASE_NAME)) as connection:
        connection.execute("UPDATE organisations SET hubs = '5' WHERE position = 3")
        connection.commit()
    with Workspace(demo_workspace) as workspace, pytest.raises(WorkspaceError) as caught:
        workspace.survey()
    assert_says(caught.value, demo_workspace, WORKSPACE_DAMAGED, "cannot be read")


def test_a_file_that_is_not_sqlite_is_damaged_or_not_a_workspace(not_sqlite: Path) -> None:
    before = files_of(not_sqlite)
    with pytest.raises(WorkspaceError) as caught:
        Workspace(not_sqlite)
    assert_says(caught.value, not_sqlite, WORKSPACE_DAMAGED, "not an SQLite database")
    assert files_of(not_sqlite) == before


# --- missing, and paths -------------------------------------------------------------------------


@pytest.mark.parametrize("made", [False, True], ids=["no folder", "an empty folder"])
def test_opening_without_creating_says_there_is_no_workspace_and_creates_none(
    tmp_path: Path, made: bool
) -> None:
    folder = tmp_path / "mistyped"
    if made:
        folder.mkdir()
    with pytest.raises(WorkspaceError) as caught:
        Workspace(folder, create=False)
    assert caught.value.kind == WORKSPACE_MISSING and caught.value.path == folder
    assert str(folder) in str(caught.value)
    assert folder.exists() == made and (not made or not any(folder.iterdir()))


def above_the_root(folder: Path) -> Path:
    """The same folder, reached by going up past the root first (``/../../tmp/...``)."""
    ups = len(folder.resolve().parts) + 2
    return Path(folder.anchor, *([".."] * ups), *folder.resolve().parts[1:])


def test_a_path_going_above_the_root_means_the_root_as_it_does_to_the_system(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "workspace"
    with Workspace(above_the_root(folder)) as workspace:
        workspace.import_survey(DEMO, DEMO_BYTES)
    with Workspace(folder, create=False) as workspace:
        assert workspace.waves()["name"].tolist() == [FORMATIVE, SUMMATIVE]


# --- checking -----------------------------------------------------------------------------------


def test_a_sound_workspace_passes_the_check(demo_workspace: Path) -> None:
    before = files_of(demo_workspace)
    check = check_workspace(demo_workspace)
    assert check.ok and check.problems == () and check.schema_version == SCHEMA_VERSION
    assert "is sound" in str(check)
    assert files_of(demo_workspace) == before


def test_the_check_finds_bad_pages_and_changes_nothing(damaged_workspace: Path) -> None:
    before = files_of(damaged_workspace)
    check = check_workspace(damaged_workspace)
    assert not check.ok and check.schema_version == SCHEMA_VERSION
    assert "damaged" in str(check) and "nothing was changed" in str(check)
    assert files_of(damaged_workspace) == before


def test_the_check_says_a_file_is_not_sqlite(not_sqlite: Path) -> None:
    check = check_workspace(not_sqlite)
    assert not check.ok and check.schema_version is None
    assert "not an SQLite database" in str(check)


def test_the_check_finds_a_row_that_refers_to_nothing(demo_workspace: Path) -> None:
    with closing(sqlite3.connect(demo_workspace / DATABASE_NAME)) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("DELETE FROM waves WHERE name = ?", (FORMATIVE,))
        connection.commit()
    check = check_workspace(demo_workspace)
    assert not check.ok
    assert any("refers to a missing row of waves" in problem for problem in check.problems)


def test_the_check_never_upgrades_an_older_workspace(demo_workspace: Path) -> None:
    database = demo_workspace / DATABASE_NAME
    with closing(sqlite3.connect(database)) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    check = check_workspace(demo_workspace)
    assert check.ok and check.schema_version == SCHEMA_VERSION - 1
    with closing(sqlite3.connect(database)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1


def test_the_check_of_no_workspace_says_so(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError) as caught:
        check_workspace(tmp_path / "none")
    assert caught.value.kind == WORKSPACE_MISSING
    assert not (tmp_path / "none").exists()


# --- backing up ---------------------------------------------------------------------------------


def test_a_backup_opens_as_the_same_workspace(demo_workspace: Path, tmp_path: Path) -> None:
    copy = tmp_path / "backup"
    with Workspace(demo_workspace) as workspace:
        written = workspace.backup(copy)
        original = workspace.survey()
    assert written == copy / DATABASE_NAME
    with Workspace(copy, create=False) as backup:
        stored = backup.survey()
    assert stored.responses.equals(original.responses)
    assert stored.organisations.equals(original.organisations)


def test_a_backup_never_overwrites_a_workspace_unless_asked(
    demo_workspace: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    with Workspace(other) as workspace:
        workspace.import_survey(load_survey([DEMO_FILES[0]]), [])
    before = files_of(other)
    with Workspace(demo_workspace) as workspace:
        with pytest.raises(WorkspaceError) as caught:
            workspace.backup(other)
        assert caught.value.kind == WORKSPACE_EXISTS and files_of(other) == before
        workspace.backup(other, overwrite=True)
    with Workspace(other, create=False) as backup:
        assert backup.waves()["name"].tolist() == [FORMATIVE, SUMMATIVE]


def test_a_workspace_is_never_backed_up_onto_itself(demo_workspace: Path) -> None:
    before = files_of(demo_workspace)
    with Workspace(demo_workspace) as workspace, pytest.raises(OptionError, match="itself"):
        workspace.backup(demo_workspace, overwrite=True)
    assert files_of(demo_workspace) == before


# --- the command line ---------------------------------------------------------------------------


def reading_commands(tmp_path: Path) -> dict[str, list[str | Path]]:
    """Every command that reads a workspace, with what else it needs (not the workspace)."""
    return {
        "validate": ["validate"],
        "ties": ["ties"],
        "metrics": ["metrics"],
        "summary": ["summary"],
        "gaps": ["gaps", "--hub", "Dorset"],
        "scenario": ["scenario", "--hub", "Dorset", "--remove", "Dorset Innovation Hub"],
        "key-players": ["key-players", "--k", "1", "--goal", "fragment"],
        "compare": ["compare", "--from", FORMATIVE, "--to", SUMMATIVE, "--permutations", "9"],
        "functions": ["functions", "--from", FORMATIVE, "--to", SUMMATIVE, "--samples", "9"],
        "export": ["export", "--view", "tables", "-o", tmp_path / "tables.csv"],
        "robustness": ["robustness", "--wave", SUMMATIVE, "--runs", "5"],
        "waves": ["waves"],
        "workspace backup": ["workspace", "backup", tmp_path / "backup"],
    }


READING = list(reading_commands(Path()))


def commands_taking_a_workspace() -> set[str]:
    """Every command (and ``workspace`` action) whose parser has ``--workspace``."""

    def walk(parser, prefix: str):
        for action in parser._actions:
            if "--workspace" in action.option_strings:
                yield prefix
            if action.choices and hasattr(action, "_name_parser_map"):
                for name, child in action.choices.items():
                    yield from walk(child, f"{prefix} {name}".strip())

    return set(walk(build_parser(), ""))


def test_every_command_with_a_workspace_is_tested_here() -> None:
    accounts = {"users add", "users list", "users remove", "users set-password", "audit"}
    # the accounts' commands are tested in test_cli_accounts.py (a damaged workspace's
    # accounts table may lie on a sound page, so they cannot join the damaged cases here)
    assert commands_taking_a_workspace() == {
        *READING,
        "import",
        "serve",
        "workspace check",
        *accounts,
    }


@pytest.mark.parametrize("command", READING)
def test_a_mistyped_workspace_is_refused_by_every_reading_command_and_never_created(
    tmp_path: Path, command: str
) -> None:
    folder = tmp_path / "mistyped"
    argv = reading_commands(tmp_path)[command]
    code, _, err = run(*argv, "--workspace", folder)
    assert code == 1, err
    assert f"no workspace at {folder}" in err
    assert f"ecosystem workspace init {folder}" in err and "ecosystem import" in err
    assert "Traceback" not in err and not folder.exists()


@pytest.mark.parametrize("command", [*READING, "import", "workspace check"])
def test_a_damaged_workspace_gets_a_plain_message_and_exit_1_from_every_command(
    damaged_workspace: Path, tmp_path: Path, command: str
) -> None:
    argv = {
        **reading_commands(tmp_path),
        "import": ["import", DEMO_FILES[0], "--wave", "Wave 3"],
        "workspace check": ["workspace", "check"],
    }[command]
    before = files_of(damaged_workspace)
    code, _, err = run(*argv, "--workspace", damaged_workspace)
    if command == "workspace backup":  # a copy of a damaged workspace keeps what can be kept
        assert code == 0, err
    else:
        assert code == 1, err
        assert "damaged" in err and "nothing was changed" in err
    assert files_of(damaged_workspace) == before


def test_a_file_that_is_not_sqlite_gets_a_plain_message_and_exit_1(not_sqlite: Path) -> None:
    code, _, err = run("waves", "--workspace", not_sqlite)
    assert code == 1
    assert "not an SQLite database" in err and "ecosystem workspace check" in err
    code, _, err = run("workspace", "check", "--workspace", not_sqlite)
    assert code == 1 and "not an SQLite database" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "NEW", "--wave", "Wave 3"],
        ["waves", "--rename", FORMATIVE, "Baseline"],
        ["waves", "--delete", FORMATIVE],
    ],
    ids=["import", "rename", "delete"],
)
def test_changing_a_read_only_workspace_is_refused_with_exit_1(
    demo_workspace: Path, new_file: Path, read_only: None, argv: list
) -> None:
    before = files_of(demo_workspace)
    argv = [new_file if word == "NEW" else word for word in argv]
    code, _, err = run(*argv, "--workspace", demo_workspace)
    assert code == 1, err
    assert f"the workspace {demo_workspace} cannot be written (read-only)" in err
    assert "nothing was changed" in err and "Traceback" not in err
    assert files_of(demo_workspace) == before


def test_a_read_only_workspace_is_still_listed(demo_workspace: Path, read_only: None) -> None:
    code, out, err = run("waves", "--workspace", demo_workspace)
    assert code == 0, err
    assert FORMATIVE in out and SUMMATIVE in out


def test_import_and_read_through_a_path_going_above_the_root(tmp_path: Path) -> None:
    folder = above_the_root(tmp_path / "workspace")
    code, _, err = run("import", *DEMO_FILES, "--workspace", folder)
    assert code == 0, err
    code, out, err = run("waves", "--workspace", folder)
    assert code == 0 and FORMATIVE in out, err
    assert (tmp_path / "workspace" / DATABASE_NAME).is_file()
