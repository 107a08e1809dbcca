"""Results kept in the workspace (:mod:`ecosystem.store.results`): read back exactly after a
restart, never once the wave's data change, ignored when damaged or foreign."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pandas as pd
import pytest
from support import demo_survey

from ecosystem.analysis.measurement import FAMILIES, PARALLEL_FROM
from ecosystem.compute import workers
from ecosystem.dashboard.data import DashboardData
from ecosystem.store import DATABASE_NAME, SCHEMA_VERSION, Workspace, check_workspace, health
from ecosystem.survey import Survey
from ecosystem.synthetic import two_wave_survey

FORMATIVE, SUMMATIVE = "Formative 2023", "Summative 2024"
DEMO = demo_survey()
VERSION_3 = Path(__file__).resolve().parent / "data" / "store" / "workspace_v3.sql"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A workspace holding the demo survey."""
    with Workspace(tmp_path / "workspace") as workspace:
        workspace.import_survey(DEMO, [])
    return tmp_path / "workspace"


def restarted(folder: Path) -> DashboardData:
    """The dashboard's data as a fresh start on the workspace makes it."""
    with Workspace(folder) as workspace:
        return DashboardData(workspace.survey(), workspace=folder)


def first_view(data: DashboardData, wave: str) -> tuple:
    """What the first view asks for: the wave's measures and every wave's positions."""
    measured = data.measured(wave, data.options())
    return measured.organisations, measured.overall, data.positions(None)


def assert_same(one: tuple, other: tuple) -> None:
    pd.testing.assert_frame_equal(one[0], other[0], check_exact=True)
    pd.testing.assert_series_equal(one[1], other[1], check_exact=True)
    assert one[2] == other[2] and list(one[2]) == list(other[2])


def both_waves(data: DashboardData) -> tuple:
    """The first view of the later wave, then the earlier wave's measures: three results."""
    view = first_view(data, SUMMATIVE)
    earlier = data.measured(FORMATIVE, data.options())
    return view, (earlier.organisations, earlier.overall)


def computed(survey: Survey, wave: str) -> tuple:
    """The first view computed without any workspace."""
    return first_view(DashboardData(survey), wave)


def kept_rows(folder: Path) -> list[tuple]:
    with closing(sqlite3.connect(folder / DATABASE_NAME)) as connection:
        return connection.execute("SELECT key, kind, scope, digest FROM results").fetchall()


# --- read back exactly ---------------------------------------------------------------------------


def test_a_restart_reads_the_measures_and_positions_back_exactly_as_computed(
    folder: Path,
) -> None:
    first = restarted(folder)
    fresh = first_view(first, SUMMATIVE)
    # The wave's measures and the positions: the layout needs no other wave's measures.
    assert first.kept.read_count == 0 and len(kept_rows(folder)) == 2
    again = restarted(folder)
    assert_same(first_view(again, SUMMATIVE), fresh)
    assert again.kept.read_count == 2
    assert_same(fresh, computed(DEMO, SUMMATIVE))


def test_results_are_kept_per_network_options(folder: Path) -> None:
    restarted(folder).measured(FORMATIVE, DashboardData.options("Dorset", min_frequency=3))
    again = restarted(folder)
    dorset = again.measured(FORMATIVE, again.options("Dorset", min_frequency=3))
    everyone = again.measured(FORMATIVE, again.options())
    assert again.kept.read_count == 1  # the Dorset network's; every hub's is computed
    assert len(dorset.organisations) < len(everyone.organisations)


# --- invalidated when the wave's data change -----------------------------------------------------


def _alias(workspace: Workspace) -> None:
    workspace.add_alias("The Health Fdn", "The Health Foundation")


CHANGES: dict[str, tuple[Callable[[Workspace], object], str, int]] = {
    # The rosters that name the wave follow it, so the organisations changed: all computed.
    "a wave renamed": (lambda w: w.rename_wave(SUMMATIVE, "Follow-up 2024"), "Follow-up 2024", 0),
    # The summative measures are read; the layout, now of one wave, is computed.
    "another wave deleted": (lambda w: w.delete_wave(FORMATIVE), SUMMATIVE, 1),
    # An alias changes the organisations, which every result depends on.
    "an alias saved": (_alias, SUMMATIVE, 0),
}


@pytest.mark.parametrize("change, wave, reads", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_to_the_data_means_its_kept_results_are_never_read(
    folder: Path, change: Callable[[Workspace], object], wave: str, reads: int
) -> None:
    first_view(restarted(folder), SUMMATIVE)
    with Workspace(folder) as workspace:
        change(workspace)
        survey = workspace.survey()
    again = restarted(folder)
    assert_same(first_view(again, wave), computed(survey, wave))
    assert again.kept.read_count == reads


def test_an_import_into_the_wave_invalidates_its_results_only(tmp_path: Path) -> None:
    folder = tmp_path / "workspace"
    summative = DEMO.responses["wave"] == SUMMATIVE
    dropped = DEMO.responses[summative].index[-15:]
    part = Survey(DEMO.organisations, DEMO.responses.drop(dropped), DEMO.edges)
    with Workspace(folder) as workspace:
        workspace.import_survey(part, [])
    seen = restarted(folder)
    first_view(seen, SUMMATIVE)
    seen.measured(FORMATIVE, seen.options()).organisations  # noqa: B018 (kept)
    with Workspace(folder) as workspace:
        assert workspace.import_survey(DEMO, []).added_responses == 15
        survey = workspace.survey()
    again = restarted(folder)
    formative = again.measured(FORMATIVE, again.options())
    assert again.kept.read_count == 1  # the formative wave's data did not change
    pd.testing.assert_frame_equal(
        formative.organisations, computed(survey, FORMATIVE)[0], check_exact=True
    )
    assert_same(first_view(again, SUMMATIVE), computed(survey, SUMMATIVE))
    assert again.kept.read_count == 1
    assert len(kept_rows(folder)) == 3  # the stale results were replaced, not added to


# --- damaged or foreign rows ---------------------------------------------------------------------


def _execute(folder: Path, statement: str, *values: object) -> None:
    with closing(sqlite3.connect(folder / DATABASE_NAME)) as connection, connection:
        connection.execute(statement, values)


DAMAGE = {
    "payload damaged": "UPDATE results SET payload = substr(payload, 1, 20) || x'00ff'",
    "payload not bytes": "UPDATE results SET payload = 'text', digest = {digest}",
    "garbage with its digest": "UPDATE results SET payload = x'00ff00ff', digest = {digest}",
    "another row's payload": (
        "UPDATE results SET payload = (SELECT payload FROM results r WHERE r.key <> results.key"
        " AND r.kind = results.kind), digest = (SELECT digest FROM results r"
        " WHERE r.key <> results.key AND r.kind = results.kind) WHERE kind = 'measures'"
    ),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_or_foreign_kept_result_is_ignored_and_computed_afresh(
    folder: Path, damage: str
) -> None:
    both_waves(restarted(folder))
    digest = "lower(hex(sha256(payload)))"
    with closing(sqlite3.connect(folder / DATABASE_NAME)) as connection, connection:
        connection.create_function("sha256", 1, lambda v: hashlib.sha256(v).digest())
        connection.execute(damage.format(digest=digest))
    again = restarted(folder)
    view, earlier = both_waves(again)
    assert_same(view, computed(DEMO, SUMMATIVE))
    pd.testing.assert_frame_equal(earlier[0], computed(DEMO, FORMATIVE)[0], check_exact=True)
    assert again.kept.read_count < 3
    healed = restarted(folder)
    both_waves(healed)
    assert healed.kept.read_count == 3  # the ignored rows were kept afresh


def test_a_result_of_other_organisations_is_ignored(folder: Path) -> None:
    data = restarted(folder)
    key = "f" * 64
    data.kept.keep(key, "positions", "elsewhere", b"")
    other = data.kept.positions(key, "elsewhere", ["A"], lambda: {"A": (0.0, 1.0)})
    assert other == {"A": (0.0, 1.0)} and data.kept.read_count == 0
    assert data.kept.positions(key, "elsewhere", ["B"], lambda: {"B": (1.0, 0.0)}) == {
        "B": (1.0, 0.0)
    }
    assert data.kept.read_count == 0


def test_a_workspace_without_the_results_table_still_shows_everything(folder: Path) -> None:
    _execute(folder, "DROP TABLE results")
    data = restarted(folder)  # the schema version says 4, the table is gone
    assert_same(first_view(data, SUMMATIVE), computed(DEMO, SUMMATIVE))
    assert data.kept.read_count == 0


def test_a_read_only_workspace_computes_and_keeps_nothing(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (folder / DATABASE_NAME).read_bytes()
    real = health.connect
    monkeypatch.setattr(health, "connect", lambda database, mode: real(database, "ro"))
    data = restarted(folder)
    assert_same(first_view(data, SUMMATIVE), computed(DEMO, SUMMATIVE))
    assert kept_rows(folder) == [] and (folder / DATABASE_NAME).read_bytes() == before


# --- the schema upgrade --------------------------------------------------------------------------


def _tables(folder: Path) -> dict[str, list[tuple]]:
    with closing(sqlite3.connect(folder / DATABASE_NAME)) as connection:
        names = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = {name: [] for (name,) in names.fetchall()}
        for name in tables:
            tables[name] = connection.execute(f"SELECT * FROM {name}").fetchall()
        tables["user_version"] = connection.execute("PRAGMA user_version").fetchall()
    return tables


def test_a_workspace_of_schema_3_keeps_every_row_and_gains_an_empty_results_table(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    with closing(sqlite3.connect(folder / DATABASE_NAME)) as connection:
        connection.executescript(VERSION_3.read_text(encoding="utf-8"))
    before = _tables(folder)
    assert before["user_version"] == [(3,)] and "results" not in before
    assert before["accounts"] and before["audit"] and before["settings"]
    with Workspace(folder) as workspace:
        survey = workspace.survey()
    after = _tables(folder)
    assert after.pop("user_version") == [(SCHEMA_VERSION,)] and SCHEMA_VERSION == 4
    assert after.pop("results") == []
    before.pop("user_version")
    assert after == before
    assert check_workspace(folder).ok
    data = restarted(folder)
    first_view(data, FORMATIVE)
    assert len(kept_rows(folder)) == 2 and survey.waves == [FORMATIVE]


# --- a large network: kept in the background -----------------------------------------------------


def test_a_large_networks_measures_are_kept_in_the_background_and_read_after_a_restart(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "large"
    with Workspace(folder) as workspace:
        workspace.import_survey(two_wave_survey(PARALLEL_FROM + 100, 4_000, seed=5), [])
    first = restarted(folder)
    options, later = first.options(), first.waves[-1]
    measured = first.measured(later, options)
    assert measured.parallel == (workers.worker_count() > 0)
    measured.columns(["betweenness"])  # what the network view waits for
    if measured.completion is not None:  # the rest, computed and kept meanwhile
        measured.completion.join(timeout=120)
    fresh = measured.organisations, measured.overall
    again = restarted(folder)
    read = again.measured(later, options)
    assert again.kept.read_count == 1
    assert read.computed == set(FAMILIES)  # nothing left to compute
    pd.testing.assert_frame_equal(read.organisations, fresh[0], check_exact=True)
    pd.testing.assert_series_equal(read.overall, fresh[1], check_exact=True)
