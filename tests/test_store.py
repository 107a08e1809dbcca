"""The workspace keeps every wave a user imports and never loses any.

The round trips compare the stored survey with the one validation gave for the files, frame
by frame with pandas' own equality check, in the same row order: the store keeps the order
of import, so no sorting is needed (a test would hide a lost or reordered row if it sorted).
"Nothing changed" is checked on every table's rows and on the database file's bytes.
"""

from __future__ import annotations

import copy
import hashlib
import math
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from contextlib import closing
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import demo_survey

from ecosystem.codebook import normalise_label
from ecosystem.errors import OptionError, SurveyError
from ecosystem.load import DEMO_FILES, load_survey
from ecosystem.network import NetworkOptions, build_network
from ecosystem.store import (
    DATABASE_NAME,
    SCHEMA_VERSION,
    Workspace,
    WorkspaceError,
    check_workspace,
    importing,
)
from ecosystem.survey import (
    RESPONSE_COLUMNS,
    Survey,
    edges_frame,
    empty_edges,
    empty_organisations,
    empty_responses,
    responses_frame,
)

FORMATIVE, SUMMATIVE = "Formative 2023", "Summative 2024"
DEMO = demo_survey()
DEMO_BYTES = [(path.name, path.read_bytes()) for path in DEMO_FILES]
ORGANISATIONS_CSV = DEMO_FILES[0].read_bytes()
RESPONSES_CSV = DEMO_FILES[1].read_bytes()


# --- helpers ----------------------------------------------------------------------------------


def snapshot(folder: Path) -> tuple[dict[str, list[tuple]], str]:
    """Every table's rows (by a separate connection) and the database file's SHA-256."""
    database = folder / DATABASE_NAME
    with closing(sqlite3.connect(database)) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        rows = {
            t: connection.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables
        }
        rows["user_version"] = connection.execute("PRAGMA user_version").fetchall()
    return rows, hashlib.sha256(database.read_bytes()).hexdigest()


def wave_file(wave: str) -> bytes:
    """The demo's responses file cut to one wave (header kept)."""
    lines = RESPONSES_CSV.decode("utf-8").splitlines(keepends=True)
    return "".join([lines[0], *(line for line in lines[1:] if line.startswith(wave))]).encode()


def load_files(folder: Path, files: list[tuple[str, bytes]]) -> Survey:
    """Write (name, bytes) files into a folder and load them as a user would."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        (folder / name).write_bytes(data)
    return load_survey([folder / name for name, _ in files])


def assert_same_survey(stored: Survey, original: Survey) -> None:
    pd.testing.assert_frame_equal(stored.organisations, original.organisations)
    pd.testing.assert_frame_equal(stored.responses, original.responses)
    pd.testing.assert_frame_equal(stored.edges, original.edges)
    assert stored.waves == original.waves
    assert stored.hubs == original.hubs


def assert_same_network(first: nx.DiGraph, second: nx.DiGraph) -> None:
    """Same nodes, arcs and attributes (arc tables compared as frames: NaN equals NaN)."""
    assert dict(first.nodes(data=True)) == dict(second.nodes(data=True))
    pd.testing.assert_frame_equal(nx.to_pandas_edgelist(first), nx.to_pandas_edgelist(second))
    assert first.graph == second.graph


@pytest.fixture
def demo_workspace(tmp_path: Path) -> Path:
    """A workspace holding the whole demo survey."""
    folder = tmp_path / "workspace"
    with Workspace(folder) as workspace:
        workspace.import_survey(DEMO, DEMO_BYTES)
    return folder


@pytest.fixture
def formative_workspace(tmp_path: Path) -> Path:
    """A workspace holding the demo's organisations and its first wave only."""
    folder = tmp_path / "workspace"
    files = [("organisations.csv", ORGANISATIONS_CSV), ("formative.csv", wave_file(FORMATIVE))]
    survey = load_files(tmp_path / "files", files)
    with Workspace(folder) as workspace:
        workspace.import_survey(survey, files)
    return folder


def summative_import(tmp_path: Path) -> tuple[Survey, list[tuple[str, bytes]]]:
    files = [("organisations.csv", ORGANISATIONS_CSV), ("summative.csv", wave_file(SUMMATIVE))]
    return load_files(tmp_path / "later", files), files


# --- the folder and its file ----------------------------------------------------------------


def test_the_workspace_is_one_sqlite_file_in_the_folder_given(tmp_path: Path) -> None:
    folder = tmp_path / "evaluation" / "workspace"  # neither exists yet
    with Workspace(folder) as workspace:
        workspace.import_survey(DEMO, DEMO_BYTES)
        assert workspace.database == folder / DATABASE_NAME
    assert sorted(p.name for p in folder.iterdir()) == [DATABASE_NAME]  # no journal left
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [folder / DATABASE_NAME]
    with closing(sqlite3.connect(folder / DATABASE_NAME)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        references = {
            (row[2], row[3])
            for row in connection.execute("PRAGMA foreign_key_list(responses)").fetchall()
        }
    assert {"organisations", "aliases", "waves", "responses", "edges", "imports"} <= tables
    assert references == {
        ("waves", "wave"),
        ("organisations", "respondent"),
        ("organisations", "partner"),
        ("imports", "import_id"),
    }


def test_reopening_keeps_everything(demo_workspace: Path) -> None:
    with Workspace(demo_workspace) as workspace:
        assert_same_survey(workspace.survey(), DEMO)


def test_foreign_keys_are_enforced(demo_workspace: Path) -> None:
    """A response naming a wave that is not stored is refused by the database itself."""
    with Workspace(demo_workspace) as workspace, pytest.raises(sqlite3.IntegrityError):
        workspace._transactions.connection.execute(  # the connection of the workspace's writes
            "INSERT INTO responses (wave, respondent, partner, frequency, direction, nature,"
            " respondent_person, submitted, source_file, source_row, import_id) VALUES"
            " ('No such wave', 'NHS Dorset', 'BCP Council', 1, 'out', '[]', '', '', 'x', 2, 1)"
        )


def sqlite_file(folder: Path, statement: str) -> None:
    folder.mkdir()
    with closing(sqlite3.connect(folder / DATABASE_NAME)) as connection:
        connection.execute(statement)
        connection.commit()


def not_sqlite(folder: Path) -> None:
    folder.mkdir()
    (folder / DATABASE_NAME).write_bytes(b"name,type\n" * 200)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder.write_text("not a folder"), "is a file"),
        (not_sqlite, "is not a workspace"),
        (lambda folder: sqlite_file(folder, "CREATE TABLE other (a)"), "another program"),
        (lambda folder: sqlite_file(folder, "PRAGMA user_version = 99"), "newer version"),
    ],
    ids=["a file", "not sqlite", "another program's database", "newer schema"],
)
def test_a_folder_that_is_not_a_workspace_is_refused(tmp_path: Path, make, message) -> None:
    folder = tmp_path / "workspace"
    make(folder)
    with pytest.raises(WorkspaceError, match=message):
        Workspace(folder)


# --- round trips --------------------------------------------------------------------------------


def test_demo_round_trip_gives_the_survey_the_files_gave(tmp_path: Path) -> None:
    with Workspace(tmp_path) as workspace:
        report = workspace.import_survey(DEMO, DEMO_BYTES)
        stored = workspace.survey()
        waves = workspace.waves()
    assert_same_survey(stored, DEMO)
    # Counts from the demo files: 63 organisation rows, 496 response rows (207 + 289 by
    # `cut -d, -f1 responses.csv | uniq -c`), the aliases of the organisations file.
    expected_aliases = sum(len(a) for a in DEMO.organisations["aliases"])
    assert (report.added_organisations, report.added_aliases) == (63, expected_aliases)
    assert (report.added_waves, report.added_responses, report.added_edges) == (2, 496, 0)
    assert report.waves == (FORMATIVE, SUMMATIVE) and report.skipped_files == ()
    assert waves["name"].tolist() == [FORMATIVE, SUMMATIVE]
    assert waves["responses"].tolist() == [207, 289]
    respondents = DEMO.responses.groupby("wave", sort=False)["respondent"].nunique()
    assert waves["respondents"].tolist() == respondents.tolist()


@pytest.mark.parametrize("wave", [FORMATIVE, SUMMATIVE])
def test_each_wave_gives_the_same_network_from_the_workspace(
    demo_workspace: Path, wave: str
) -> None:
    with Workspace(demo_workspace) as workspace:
        stored = workspace.survey()
    original, again = build_network(DEMO, wave), build_network(stored, wave)
    assert original.number_of_edges() > 50  # a real network, not two empty ones
    assert_same_network(again, original)


def test_edges_round_trip(tmp_path: Path) -> None:
    files = [
        (
            "ties.csv",
            b"wave,source,target,weight,type\n"
            b"W1,Alpha,Beta,2.5,funding;advice\n"
            b"W1,Beta,Alpha,,\n"
            b"W2,Alpha,Gamma,0,\n",
        )
    ]
    survey = load_files(tmp_path / "files", files)
    with Workspace(tmp_path / "ws") as workspace:
        report = workspace.import_survey(survey, files)
        stored = workspace.survey()
    assert report.added_edges == 3 and report.added_organisations == 3
    assert_same_survey(stored, survey)
    assert stored.edges["weight"].tolist() == [2.5, 1.0, 0.0]  # blank weight = 1 (codebook)
    assert stored.edges["nature"].tolist() == [("funding", "advice"), (), ()]
    assert_same_network(build_network(stored, "W1"), build_network(survey, "W1"))


def test_an_empty_workspace_gives_the_empty_survey(tmp_path: Path) -> None:
    with Workspace(tmp_path) as workspace:
        stored = workspace.survey()
        assert workspace.waves().empty and workspace.imports().empty
    pd.testing.assert_frame_equal(stored.organisations, empty_organisations())
    pd.testing.assert_frame_equal(stored.responses, empty_responses())
    pd.testing.assert_frame_equal(stored.edges, empty_edges())


def test_importing_does_not_change_the_survey_given(tmp_path: Path) -> None:
    survey = copy.deepcopy(DEMO)
    with Workspace(tmp_path) as workspace:
        workspace.import_survey(survey, DEMO_BYTES)
    assert_same_survey(survey, DEMO)


# --- idempotency ------------------------------------------------------------------------------


def test_importing_the_same_files_twice_adds_nothing(demo_workspace: Path) -> None:
    before = snapshot(demo_workspace)
    with Workspace(demo_workspace) as workspace:
        report = workspace.import_survey(DEMO, DEMO_BYTES)
        renamed = workspace.import_survey(DEMO, [("copy.csv", RESPONSES_CSV)])
        log = workspace.imports()
    assert snapshot(demo_workspace) == before
    for again in (report, renamed):
        assert (again.added_organisations, again.added_waves, again.added_responses) == (0, 0, 0)
        assert again.import_id is None
    assert report.skipped_files == ("organisations.csv", "responses.csv")
    assert renamed.skipped_files == ("copy.csv",)
    assert "imported before as responses.csv" in renamed.notes[0]
    assert log["import"].tolist() == [1, 1] and log["file"].tolist() == [
        "organisations.csv",
        "responses.csv",
    ]
    assert log["sha256"].tolist() == [hashlib.sha256(d).hexdigest() for _, d in DEMO_BYTES]
    assert log["responses"].tolist() == [0, 496]
    assert log["waves"].tolist() == [f"{FORMATIVE}; {SUMMATIVE}"] * 2


def test_a_resaved_file_with_the_same_answers_adds_nothing(demo_workspace: Path) -> None:
    """Other bytes (Windows line ends, as Excel saves), the same answers: all skipped."""
    resaved = RESPONSES_CSV.replace(b"\n", b"\r\n")
    survey = load_files(demo_workspace.parent / "resaved", [("responses.csv", resaved)])
    with Workspace(demo_workspace) as workspace:
        report = workspace.import_survey(survey, [("responses.csv", resaved)])
        assert_same_survey(workspace.survey(), DEMO)
    assert report.added_responses == 0 and report.skipped_files == ()
    assert any("496 responses were already stored" in note for note in report.notes)


def test_rows_of_a_file_imported_before_are_skipped_beside_a_new_file(tmp_path: Path) -> None:
    """Edge lists may repeat a row (validation allows it), so only the file's bytes can tell
    that these rows are stored already."""
    ties = ("ties.csv", b"wave,source,target\nW1,Alpha,Beta\nW1,Alpha,Beta\n")
    more = ("more.csv", b"wave,source,target\nW2,Beta,Alpha\n")
    with Workspace(tmp_path / "ws") as workspace:
        workspace.import_survey(load_files(tmp_path / "a", [ties]), [ties])
        report = workspace.import_survey(load_files(tmp_path / "b", [ties, more]), [ties, more])
        stored = workspace.survey()
        log = workspace.imports()
    assert report.skipped_files == ("ties.csv",) and report.added_edges == 1
    assert stored.edges[["wave", "source", "target"]].values.tolist() == [
        ["W1", "Alpha", "Beta"],
        ["W1", "Alpha", "Beta"],
        ["W2", "Beta", "Alpha"],
    ]
    assert log[["import", "file", "edges", "waves"]].values.tolist() == [
        [1, "ties.csv", 2, "W1"],
        [2, "more.csv", 1, "W2"],
    ]


def test_a_file_whose_wave_was_deleted_can_be_imported_again(formative_workspace: Path) -> None:
    formative = wave_file(FORMATIVE)
    survey = load_files(formative_workspace.parent / "files", [("formative.csv", formative)])
    with Workspace(formative_workspace) as workspace:
        workspace.delete_wave(FORMATIVE)
        report = workspace.import_survey(survey, [("formative.csv", formative)])
        restored = workspace.survey()
    assert report.added_responses == 207 and report.skipped_files == ()
    assert_same_network(build_network(restored, FORMATIVE), build_network(DEMO, FORMATIVE))


# --- waves over the years -------------------------------------------------------------------


def test_a_later_wave_is_added_and_the_workspace_equals_both_files(
    formative_workspace: Path, tmp_path: Path
) -> None:
    with Workspace(formative_workspace) as workspace:
        first = workspace.survey()
        survey, files = summative_import(tmp_path)
        report = workspace.import_survey(survey, files)
        stored = workspace.survey()
        waves = workspace.waves()
    assert report.skipped_files == ("organisations.csv",)  # same bytes as in the first import
    assert (report.added_waves, report.added_responses, report.added_organisations) == (1, 289, 0)
    assert waves["name"].tolist() == [FORMATIVE, SUMMATIVE]
    pd.testing.assert_frame_equal(stored.organisations, DEMO.organisations)
    # The two wave files hold the demo's rows in the demo's order; only the file names and
    # row numbers differ, and each row still points to its own file and row.
    content = [c for c in RESPONSE_COLUMNS if c not in ("source_file", "source_row")]
    pd.testing.assert_frame_equal(stored.responses[content], DEMO.responses[content])
    assert (
        stored.responses["source_file"].tolist()
        == ["formative.csv"] * 207 + ["summative.csv"] * 289
    )
    assert stored.responses["source_row"].tolist() == [*range(2, 209), *range(2, 291)]
    for wave in (FORMATIVE, SUMMATIVE):
        assert_same_network(build_network(stored, wave), build_network(DEMO, wave))
    # The first wave's network is exactly what it was before the second wave came.
    assert_same_network(build_network(stored, FORMATIVE), build_network(first, FORMATIVE))


def test_a_new_organisation_of_a_later_wave_does_not_join_the_earlier_wave(
    tmp_path: Path,
) -> None:
    """Wave 1: Hub, Trust, Council. Wave 2's organisations file adds Charity, with no
    ``waves`` column (every wave). Worked by hand: wave 1's roster stays {Hub, Trust, Council}
    and its response rate 1/3 (only Hub answered); wave 2's roster has all four, rate 1/4."""
    first = [
        ("orgs1.csv", b"name,type\nHub,hub\nTrust,trust\nCouncil,council\n"),
        ("w1.csv", b"wave,respondent,partner,frequency\nW1,Hub,Trust,Monthly\n"),
    ]
    second = [
        ("orgs2.csv", b"name,type,region\nHub,hub,North\nTrust,ICB,\nCharity,VCSE,\n"),
        ("w2.csv", b"wave,respondent,partner,frequency\nW2,Hub,Charity,Weekly\n"),
    ]
    with Workspace(tmp_path / "ws") as workspace:
        workspace.import_survey(load_files(tmp_path / "a", first), first)
        report = workspace.import_survey(load_files(tmp_path / "b", second), second)
        stored = workspace.survey()
    assert report.added_organisations == 1
    organisations = stored.organisations
    assert organisations.loc["Charity", "waves"] == ("W2",)
    assert organisations.loc["Hub", "waves"] == ()  # stored for every wave: stays so
    assert organisations.loc["Trust", "type"] == "trust"  # the stored type is kept ...
    assert any("'Trust'" in n and "'ICB'" in n for n in report.notes)  # ... and said so
    assert organisations.loc["Hub", "region"] == "North"  # a blank region is filled
    one, two = build_network(stored, "W1"), build_network(stored, "W2")
    assert set(one.nodes) == {"Hub", "Trust", "Council"}
    assert one.graph["response_rate"] == pytest.approx(1 / 3)
    assert set(two.nodes) == {"Hub", "Trust", "Council", "Charity"}
    assert two.graph["response_rate"] == pytest.approx(1 / 4)


def test_rename_wave_moves_its_responses_and_rosters(demo_workspace: Path) -> None:
    with Workspace(demo_workspace) as workspace:
        workspace.rename_wave("summative 2024", "Final 2024")  # matched as choose_wave does
        stored = workspace.survey()
        waves = workspace.waves()
    assert waves["name"].tolist() == [FORMATIVE, "Final 2024"]
    assert waves["responses"].tolist() == [207, 289]
    expected = DEMO.responses["wave"].replace(SUMMATIVE, "Final 2024")
    assert stored.responses["wave"].tolist() == expected.tolist()
    # Bournemouth University is on the Summative roster only (demo organisations.csv).
    assert stored.organisations.loc["Bournemouth University", "waves"] == ("Final 2024",)
    renamed = build_network(stored, "Final 2024")
    original = build_network(DEMO, SUMMATIVE)
    assert {k: v for k, v in renamed.graph.items() if k != "wave"} == {
        k: v for k, v in original.graph.items() if k != "wave"
    }
    assert set(renamed.edges) == set(original.edges)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("Baseline", "Final", "'Baseline' is not in the workspace; waves: Formative 2023, Summ"),
        (SUMMATIVE, "formative  2023", "there is a wave 'Formative 2023' already"),
        (SUMMATIVE, "  ", "cannot be blank"),
    ],
)
def test_rename_wave_refuses_unknown_and_clashing_names(
    demo_workspace: Path, old: str, new: str, message: str
) -> None:
    before = snapshot(demo_workspace)
    with Workspace(demo_workspace) as workspace, pytest.raises(OptionError, match=message):
        workspace.rename_wave(old, new)
    assert snapshot(demo_workspace) == before


def test_delete_wave_deletes_its_rows_only(demo_workspace: Path) -> None:
    with Workspace(demo_workspace) as workspace:
        deleted = workspace.delete_wave(FORMATIVE)
        stored = workspace.survey()
        with pytest.raises(OptionError, match=r"waves: Summative 2024$"):
            workspace.delete_wave(FORMATIVE)
    assert deleted == {"responses": 207, "edges": 0}
    assert stored.waves == [SUMMATIVE]
    pd.testing.assert_frame_equal(stored.organisations, DEMO.organisations)  # none deleted
    summative = DEMO.responses[DEMO.responses["wave"] == SUMMATIVE].reset_index(drop=True)
    pd.testing.assert_frame_equal(stored.responses, summative)
    assert_same_network(build_network(stored, SUMMATIVE), build_network(DEMO, SUMMATIVE))


def test_set_wave_dates(demo_workspace: Path) -> None:
    with Workspace(demo_workspace) as workspace:
        # The formative wave ran January-February 2023 (surveys/demo/README.md).
        workspace.set_wave_dates(FORMATIVE, "2023-01-09", "2023-02-24")
        workspace.set_wave_dates(SUMMATIVE, pd.Timestamp("2023-11-01").date(), None)
        waves = workspace.waves()
        with pytest.raises(OptionError, match="before it starts"):
            workspace.set_wave_dates(FORMATIVE, "2023-02-24", "2023-01-09")
        with pytest.raises(OptionError, match="YYYY-MM-DD"):
            workspace.set_wave_dates(FORMATIVE, "January 2023", None)
        with pytest.raises(OptionError, match="waves: Formative 2023, Summative 2024"):
            workspace.set_wave_dates("Wave 9", None, None)
        again = workspace.waves()
    assert waves[["starts", "ends"]].values.tolist() == [
        ["2023-01-09", "2023-02-24"],
        ["2023-11-01", None],
    ]
    pd.testing.assert_frame_equal(again, waves)  # the refused changes changed nothing


# --- aliases ------------------------------------------------------------------------------------


def test_a_saved_alias_resolves_names_in_later_files(demo_workspace: Path) -> None:
    """A person confirms that "Wessex HIN" is Health Innovation Wessex; a later wave's file
    that writes "Wessex HIN" then needs no change."""
    later = b"wave,respondent,partner,frequency\nWave 2025,Dorset Innovation Hub,Wessex HIN,4\n"
    with Workspace(demo_workspace) as workspace:
        workspace.add_alias("Wessex HIN", "health innovation wessex")  # any case
        workspace.add_alias("wessex hin", "Health Innovation Wessex")  # known: no change
        known = workspace.survey().organisations
        assert known.loc["Health Innovation Wessex", "aliases"][-1] == "Wessex HIN"
        assert sum("Wessex HIN" in a for a in known["aliases"]) == 1

        # 1. Through the workspace's organisations (names and aliases), as validation
        #    checks a later wave's files against the organisations already known.
        table = pd.DataFrame(
            {
                "name": known.index,
                "type": known["type"].to_numpy(),
                "aliases": ["; ".join(a) for a in known["aliases"]],
            }
        )
        files = [("known.csv", table.to_csv(index=False).encode()), ("w2025.csv", later)]
        checked = load_files(demo_workspace.parent / "checked", files)
        assert checked.responses["partner"].tolist() == ["Health Innovation Wessex"]

        # 2. Through the store itself: without an organisations file, validation infers an
        #    organisation "Wessex HIN"; the workspace knows it as Health Innovation Wessex.
        inferred = load_files(demo_workspace.parent / "inferred", [("w2025.csv", later)])
        assert "Wessex HIN" in inferred.organisations.index
        report = workspace.import_survey(inferred, [("w2025.csv", later)])
        stored = workspace.survey()
    assert report.added_organisations == 0 and report.added_responses == 1
    assert "Wessex HIN" not in stored.organisations.index
    assert stored.responses.iloc[-1][["respondent", "partner"]].tolist() == [
        "Dorset Innovation Hub",
        "Health Innovation Wessex",
    ]


@pytest.mark.parametrize(
    ("alias", "organisation", "message"),
    [
        ("NHS Dorset", "Health Innovation Wessex", "already the name or an alias of 'NHS Dorset'"),
        ("Eastern AHSN", "Health Innovation Wessex", "alias of 'Health Innovation East'"),
        ("Wessex HIN", "Health Innovation Wesex", "did you mean 'Health Innovation Wessex'"),
        (" ", "Health Innovation Wessex", "cannot be blank"),
    ],
    ids=["another's name", "another's alias", "unknown organisation", "blank"],
)
def test_add_alias_refuses_clashes(
    demo_workspace: Path, alias: str, organisation: str, message: str
) -> None:
    before = snapshot(demo_workspace)
    with Workspace(demo_workspace) as workspace, pytest.raises(OptionError, match=message):
        workspace.add_alias(alias, organisation)
    assert snapshot(demo_workspace) == before


# --- all or nothing ---------------------------------------------------------------------------


def interrupt(monkeypatch, table: str, after: int, error: BaseException) -> list[int]:
    """Make the import fail while writing ``table``, after ``after`` of its rows.

    Returns a list that receives the number of rows of the table written so far in the
    transaction when the failure strikes, so the test can check it really was midway.
    """
    written: list[int] = []
    real = importing._insert

    def failing(connection, name, columns, rows):
        if name != table:
            return real(connection, name, columns, rows)

        def some():
            for number, row in enumerate(rows):
                if number == after:
                    written.append(connection.execute(f"SELECT count(*) FROM {name}").fetchone()[0])
                    raise error
                yield row

        return real(connection, name, columns, some())

    monkeypatch.setattr(importing, "_insert", failing)
    return written


@pytest.mark.parametrize(
    ("table", "after", "error"),
    [
        ("responses", 100, RuntimeError("power cut")),
        ("responses", 2, sqlite3.OperationalError("disk I/O error")),
        ("aliases", 1, KeyboardInterrupt()),
    ],
)
def test_an_interrupted_import_leaves_the_workspace_as_it_was(
    formative_workspace: Path, tmp_path: Path, monkeypatch, table, after, error
) -> None:
    survey, files = summative_import(tmp_path)
    survey = Survey(  # a new organisation with an alias, so the aliases table is written
        pd.concat(
            [
                survey.organisations,
                pd.DataFrame(
                    {
                        "type": ["VCSE"],
                        "hubs": [("Dorset",)],
                        "region": [""],
                        "aliases": [("Dorset Carers", "Carers Trust Dorset")],
                        "waves": [()],
                    },
                    index=pd.Index(["Dorset Carers Trust"], name="name"),
                ),
            ]
        ),
        survey.responses,
        survey.edges,
    )
    before = snapshot(formative_workspace)
    written = interrupt(monkeypatch, table, after, error)
    with Workspace(formative_workspace) as workspace:
        with pytest.raises(type(error)):
            workspace.import_survey(survey, files)
        assert_same_network(
            build_network(workspace.survey(), FORMATIVE), build_network(DEMO, FORMATIVE)
        )
    existing = {"responses": 207, "aliases": sum(len(a) for a in DEMO.organisations["aliases"])}
    assert written == [existing[table] + after]  # the rows written when it failed
    assert snapshot(formative_workspace) == before
    monkeypatch.undo()
    with Workspace(formative_workspace) as workspace:  # and the same import then works
        assert workspace.import_survey(survey, files).added_responses == 289


CRASH = """
import os, sys
from pathlib import Path
from ecosystem.load import load_survey
from ecosystem.store import Workspace, importing

real = importing._insert

def crash(connection, table, columns, rows):
    if table != "responses":
        return real(connection, table, columns, rows)
    connection.execute("PRAGMA cache_size = 1")  # spill changed pages into the file

    def some():
        for number, row in enumerate(rows):
            if number == 150:
                os._exit(3)  # the process dies: no rollback, no clean-up
            yield row

    return real(connection, table, columns, some())

importing._insert = crash
paths = [Path(p) for p in sys.argv[2:]]
survey = load_survey(paths)
with Workspace(sys.argv[1]) as workspace:
    workspace.import_survey(survey, [(p.name, p.read_bytes()) for p in paths])
"""


def test_a_crash_midway_through_an_import_is_undone_on_opening(
    formative_workspace: Path, tmp_path: Path
) -> None:
    later = tmp_path / "later"
    later.mkdir()
    (later / "organisations.csv").write_bytes(ORGANISATIONS_CSV)
    (later / "summative.csv").write_bytes(wave_file(SUMMATIVE))
    before = snapshot(formative_workspace)
    command = [sys.executable, "-c", textwrap.dedent(CRASH), str(formative_workspace)]
    command += [str(later / "organisations.csv"), str(later / "summative.csv")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 3, result.stderr
    # The dead process left its journal behind: the file was mid-change.
    assert (formative_workspace / f"{DATABASE_NAME}-journal").exists()
    with Workspace(formative_workspace) as workspace:  # opening rolls the journal back
        stored = workspace.survey()
    assert snapshot(formative_workspace) == before
    assert len(stored.responses) == 207


def frequency_seven(survey: Survey) -> Survey:
    responses = survey.responses.copy()
    responses.loc[3, "frequency"] = 7
    return Survey(survey.organisations, responses, survey.edges)


def unknown_partner(survey: Survey) -> Survey:
    responses = survey.responses.copy()
    responses.loc[3, "partner"] = "Nowhere Trust"
    return Survey(survey.organisations, responses, survey.edges)


def self_tie(survey: Survey) -> Survey:
    responses = survey.responses.copy()
    responses.loc[3, "partner"] = responses.loc[3, "respondent"]
    return Survey(survey.organisations, responses, survey.edges)


def sideways(survey: Survey) -> Survey:
    responses = survey.responses.copy()
    responses.loc[3, "direction"] = "sideways"
    return Survey(survey.organisations, responses, survey.edges)


def relevance_five(survey: Survey) -> Survey:
    responses = survey.responses.copy()
    responses.loc[3, "relevance"] = 5.0
    return Survey(survey.organisations, responses, survey.edges)


def alias_of_another(survey: Survey) -> Survey:
    organisations = survey.organisations.copy()
    organisations.at["Bournemouth University", "aliases"] = ("NHS Dorset",)
    return Survey(organisations, survey.responses, survey.edges)


def changed_answer(survey: Survey) -> Survey:
    """A wave-1 answer that differs from the stored one (same question), plus wave 2."""
    stored = DEMO.responses
    answer = stored[stored["wave"] == FORMATIVE].iloc[[3]].copy()
    answer["frequency"] = (answer["frequency"] + 1) % 5
    responses = pd.concat([survey.responses, answer], ignore_index=True)
    return Survey(survey.organisations, responses, survey.edges)


@pytest.mark.parametrize(
    ("spoil", "column", "message"),
    [
        (unknown_partner, "partner", "'Nowhere Trust' is neither in the survey's organisations"),
        (frequency_seven, "frequency", "7 is not a frequency code"),
        (self_tie, "partner", "is the respondent itself"),
        (sideways, "direction", "'sideways' is not a direction code"),
        (relevance_five, "relevance", "5.0 is not a relevance code"),
        (alias_of_another, "aliases", "its aliases name 2 different organisations"),
        (changed_answer, "partner", "the workspace holds a different answer"),
    ],
)
def test_a_bad_survey_changes_nothing(
    formative_workspace: Path, tmp_path: Path, spoil, column: str, message: str
) -> None:
    survey, files = summative_import(tmp_path)
    bad = spoil(survey)
    before = snapshot(formative_workspace)
    with Workspace(formative_workspace) as workspace, pytest.raises(SurveyError) as caught:
        workspace.import_survey(bad, files)
    (problem,) = caught.value.problems
    assert problem.column == column and message in problem.message
    if column != "aliases":  # responses problems name the file and row of the cell
        assert problem.file in ("summative.csv", "responses.csv") and problem.row is not None
    assert snapshot(formative_workspace) == before


def test_a_survey_lacking_a_column_changes_nothing(
    formative_workspace: Path, tmp_path: Path
) -> None:
    """The store takes validation's tables as they are; one that lacks a column is refused."""
    survey, files = summative_import(tmp_path)
    bad = Survey(survey.organisations, survey.responses.drop(columns="direction"), survey.edges)
    before = snapshot(formative_workspace)
    with Workspace(formative_workspace) as workspace, pytest.raises(SurveyError) as caught:
        workspace.import_survey(bad, files)
    (problem,) = caught.value.problems
    assert (problem.file, problem.row, problem.column) == ("responses", None, "direction")
    assert snapshot(formative_workspace) == before


def test_codes_are_checked_in_the_rows_that_would_be_stored_only(demo_workspace: Path) -> None:
    """Rows of a file imported before are skipped, so they are not checked either (here a
    new file comes too, so the import goes ahead)."""
    bad = frequency_seven(DEMO)
    files = [("responses.csv", RESPONSES_CSV), ("notes.csv", b"no rows of the survey")]
    with Workspace(demo_workspace) as workspace:
        report = workspace.import_survey(bad, files)
        assert_same_survey(workspace.survey(), DEMO)
    assert report.skipped_files == ("responses.csv",) and report.added_responses == 0


# --- several users --------------------------------------------------------------------------


def test_two_workspaces_on_one_folder_read_side_by_side(tmp_path: Path, monkeypatch) -> None:
    """A reader sees the last committed state, even while another import is midway."""
    seen_midway: list[int] = []
    with Workspace(tmp_path) as writer, Workspace(tmp_path) as reader:
        real = importing._insert

        def watching(connection, table, columns, rows):
            real(connection, table, columns, rows)
            if table == "responses":  # written, not yet committed
                seen_midway.append(len(reader.survey().responses))

        monkeypatch.setattr(importing, "_insert", watching)
        writer.import_survey(DEMO, DEMO_BYTES)
        assert seen_midway == [0]
        assert_same_survey(reader.survey(), DEMO)
        assert_same_survey(writer.survey(), reader.survey())
        pd.testing.assert_frame_equal(reader.waves(), writer.waves())


# --- property: any small survey round-trips ---------------------------------------------------

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=6)
NAME = TEXT.filter(lambda text: normalise_label(text) != "")
TEXTS = st.lists(TEXT, max_size=3).map(tuple)


@st.composite
def surveys(draw) -> Survey:
    spellings = draw(st.lists(NAME, min_size=2, max_size=7, unique_by=normalise_label))
    count = draw(st.integers(2, len(spellings)))
    names, spare = spellings[:count], spellings[count:]
    aliases: dict[str, tuple[str, ...]] = {name: () for name in names}
    for alias in spare:
        owner = draw(st.sampled_from(names))
        aliases[owner] = (*aliases[owner], alias)
    waves = draw(st.lists(NAME, min_size=1, max_size=3, unique_by=normalise_label))
    organisations = pd.DataFrame(
        {
            "type": [draw(st.sampled_from(["hub", "trust", "unknown", "a group"])) for _ in names],
            "hubs": [draw(TEXTS) for _ in names],
            "region": [draw(TEXT) for _ in names],
            "aliases": [aliases[name] for name in names],
            "waves": [
                tuple(draw(st.lists(st.sampled_from(waves), max_size=2, unique=True)))
                for _ in names
            ],
        },
        index=pd.Index(names, name="name"),
    )
    pairs = [(a, b) for a in names for b in names if a != b]
    people = draw(st.lists(TEXT, min_size=1, max_size=2, unique_by=normalise_label))
    questions = draw(
        st.lists(
            st.tuples(st.sampled_from(waves), st.sampled_from(pairs), st.sampled_from(people)),
            max_size=8,
            unique_by=lambda q: (q[0], q[1], normalise_label(q[2])),
        )
    )
    responses = [
        {
            "wave": wave,
            "respondent": respondent,
            "partner": partner,
            "frequency": draw(st.integers(0, 4)),
            "relevance": draw(st.sampled_from([math.nan, 0.0, 1.0, 2.0, 3.0])),
            "direction": draw(st.sampled_from(["out", "in", "both", "none"])),
            "nature": draw(TEXTS),
            "respondent_person": person,
            "submitted": draw(TEXT),
            "source_file": draw(TEXT),
            "source_row": draw(st.integers(1, 2**40)),
        }
        for wave, (respondent, partner), person in questions
    ]
    edges = [
        {
            "wave": draw(st.sampled_from(waves)),
            "source": source,
            "target": target,
            "weight": draw(st.floats(0, 1e12, allow_nan=False, allow_infinity=False)),
            "nature": draw(TEXTS),
            "source_file": draw(TEXT),
            "source_row": draw(st.integers(1, 2**40)),
        }
        for source, target in draw(st.lists(st.sampled_from(pairs), max_size=5))
    ]
    return Survey(
        organisations,
        responses_frame(responses),
        edges_frame(edges),
    )


@settings(max_examples=30, deadline=None)
@given(survey=surveys(), data=st.binary(max_size=20))
def test_any_small_survey_round_trips_exactly(survey: Survey, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder, Workspace(folder) as workspace:
        report = workspace.import_survey(survey, [("survey.csv", data)])
        stored = workspace.survey()
        again = workspace.import_survey(survey, [("survey.csv", data)])
        assert workspace.waves()["name"].tolist() == survey.waves
        assert_same_survey(workspace.survey(), stored)  # the second import added nothing
    assert_same_survey(stored, survey)
    assert (report.added_responses, report.added_edges) == (
        len(survey.responses),
        len(survey.edges),
    )
    assert report.added_organisations == len(survey.organisations)
    assert again.skipped_files == ("survey.csv",)


# --- short names, and a workspace written before them ------------------------------------------

VERSION_1 = Path(__file__).resolve().parent / "data" / "store" / "workspace_v1.sql"
"""A workspace as schema version 1 wrote it (before short names), kept as its SQL dump."""

SHORT_NAMES_CSV = (
    b"name,type,hub,region,Short name\n"
    b"Dorset Innovation Hub,hub,Dorset,South West,Dorset Hub\n"
    b"University Hospitals Dorset NHS Foundation Trust,trust,Dorset,South West,UHD\n"
)


def version_1_workspace(folder: Path) -> Path:
    """A workspace folder holding the version-1 database rebuilt from its dump."""
    folder.mkdir(parents=True)
    with closing(sqlite3.connect(folder / DATABASE_NAME)) as connection:
        connection.executescript(VERSION_1.read_text(encoding="utf-8"))
    return folder


def test_a_workspace_written_before_short_names_opens_and_reads_as_before(tmp_path: Path) -> None:
    folder = version_1_workspace(tmp_path / "old")
    before = snapshot(folder)[0]
    assert before["user_version"] == [(1,)]
    with Workspace(folder) as workspace:
        survey = workspace.survey()
    after = snapshot(folder)[0]
    assert after["user_version"] == [(SCHEMA_VERSION,)] and SCHEMA_VERSION == 4
    assert after["accounts"] == after["audit"] == after["settings"] == []  # through 2 to 3
    assert [row[:-1] for row in after["organisations"]] == before["organisations"]
    assert {row[-1] for row in after["organisations"]} == {""}  # no short names yet
    for table in ("aliases", "waves", "responses", "edges", "imports", "import_files"):
        assert after[table] == before[table]
    assert survey.organisations["short_name"].tolist() == ["", "", ""]
    assert survey.organisations.loc["NHS Dorset", "aliases"] == ("Dorset ICB",)
    graph = build_network(survey, "Formative 2023")
    assert sorted(graph.edges) == [
        ("Dorset Innovation Hub", "NHS Dorset"),
        ("Dorset Innovation Hub", "University Hospitals Dorset NHS Foundation Trust"),
        ("NHS Dorset", "Dorset Innovation Hub"),
    ]
    assert dict(graph.nodes(data="short_name")) == dict.fromkeys(graph, "")
    with Workspace(folder) as workspace:  # opening again changes nothing more
        assert_same_survey(workspace.survey(), survey)


VERSION_2 = VERSION_1.with_name("workspace_v2.sql")
"""A workspace as schema version 2 wrote it (before accounts), kept as its SQL dump."""


def test_a_workspace_written_before_accounts_keeps_every_row_and_gains_empty_tables(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    with closing(sqlite3.connect(folder / DATABASE_NAME)) as connection:
        connection.executescript(VERSION_2.read_text(encoding="utf-8"))
    before = snapshot(folder)[0]
    assert before["user_version"] == [(2,)] and "accounts" not in before
    with Workspace(folder) as workspace:
        survey = workspace.survey()
        assert workspace.has_accounts() is False and workspace.audit().empty
    after = snapshot(folder)[0]
    assert after["user_version"] == [(SCHEMA_VERSION,)] and SCHEMA_VERSION == 4
    assert after["accounts"] == after["audit"] == after["settings"] == []
    assert {table: after[table] for table in before if table != "user_version"} == {
        table: rows for table, rows in before.items() if table != "user_version"
    }
    assert survey.organisations["short_name"].tolist() == ["Dorset Hub", "", "UHD"]
    assert len(survey.responses) == 3 and survey.waves == ["Formative 2023"]
    assert check_workspace(folder).ok


def test_a_workspace_written_before_short_names_takes_an_import_with_them(tmp_path: Path) -> None:
    folder = version_1_workspace(tmp_path / "old")
    survey = load_files(tmp_path / "files", [("organisations.csv", SHORT_NAMES_CSV)])
    with Workspace(folder) as workspace:
        report = workspace.import_survey(survey, [("organisations.csv", SHORT_NAMES_CSV)])
        stored = workspace.survey()
    assert report.added_organisations == 0 and report.notes == ()  # blanks are filled quietly
    assert stored.organisations["short_name"].to_dict() == {
        "Dorset Innovation Hub": "Dorset Hub",
        "NHS Dorset": "",
        "University Hospitals Dorset NHS Foundation Trust": "UHD",
    }
    graph = build_network(stored, "Formative 2023", NetworkOptions(hub="Dorset"))
    assert graph.nodes["University Hospitals Dorset NHS Foundation Trust"]["short_name"] == "UHD"


def test_a_stored_short_name_is_kept_and_a_different_one_noted(tmp_path: Path) -> None:
    changed = SHORT_NAMES_CSV.replace(b",UHD\n", b",UHDFT\n")
    with Workspace(tmp_path / "workspace") as workspace:
        workspace.import_survey(load_files(tmp_path / "a", [("o.csv", SHORT_NAMES_CSV)]), [])
        report = workspace.import_survey(load_files(tmp_path / "b", [("o.csv", changed)]), [])
        stored = workspace.survey()
    name = "University Hospitals Dorset NHS Foundation Trust"
    assert stored.organisations.loc[name, "short_name"] == "UHD"
    assert report.notes == (
        f"'{name}' is stored with the short name 'UHD'; these files say 'UHDFT': "
        "the stored short name is kept",
    )


def test_the_demo_short_names_round_trip(demo_workspace: Path) -> None:
    with Workspace(demo_workspace) as workspace:
        stored = workspace.survey()
    assert (stored.organisations["short_name"] != "").sum() >= 20
    pd.testing.assert_series_equal(
        stored.organisations["short_name"], DEMO.organisations["short_name"]
    )


def test_workspace_errors_are_one_class_wherever_imported() -> None:
    # The dashboard shows an OptionError's message; a workspace error is one, from any import.
    from ecosystem import errors
    from ecosystem.store import schema

    assert WorkspaceError is errors.WorkspaceError is schema.WorkspaceError
    assert issubclass(WorkspaceError, OptionError)


def test_a_newer_workspace_names_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "workspace"
    sqlite_file(folder, "PRAGMA user_version = 99")
    with pytest.raises(WorkspaceError) as caught:
        Workspace(folder, create=False)
    assert caught.value.path == folder
