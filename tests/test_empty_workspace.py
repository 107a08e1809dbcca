"""A workspace with nothing in it, or with a roster alone: the dashboard opens and says so.

``ecosystem serve --workspace NEWDIR`` and ``ecosystem serve organisations.csv`` once crashed
with an IndexError (the Compare view took the first of no waves). Now a new workspace opens on
a welcome and the Data view, and a roster alone shows its organisations with no ties.
"""

from __future__ import annotations

import dash
import pytest

from ecosystem.codebook import ALL_HUBS
from ecosystem.dashboard import ids
from ecosystem.dashboard.app import create_app
from ecosystem.dashboard.callbacks import (
    brokerage_views,
    import_uploads,
    network_view,
    organisation_grid,
    profile_view,
    rates_table,
    selection_from_controls,
    status_text,
    upload_report,
)
from ecosystem.dashboard.callbacks.controls import wave_and_hub_choices
from ecosystem.dashboard.data import NO_RESPONSES, roster_network
from ecosystem.dashboard.views import view_states
from ecosystem.dashboard.views.welcome import (
    NEEDS_A_WAVE,
    NO_ORGANISATIONS,
    NO_RESPONSES_READ,
    opening_tab,
    view_state,
)
from ecosystem.load import DEMO_FILES, load_survey
from ecosystem.network import NetworkOptions

ORGANISATIONS_FILE = DEMO_FILES[0]


@pytest.fixture
def empty(tmp_path):
    return create_app(workspace=tmp_path / "new").data


@pytest.fixture
def roster():
    app = create_app(load_survey([ORGANISATIONS_FILE]))
    yield app.data
    app.temporary_workspace.cleanup()


def everyone(hub: str = "", wave: str = NO_RESPONSES):
    return selection_from_controls(wave, hub, None, None, None)


def test_a_new_workspace_builds_a_page_that_opens_on_the_welcome_and_the_data_view(tmp_path):
    folder = tmp_path / "not yet made"
    app = create_app(workspace=folder)
    assert (folder / "ecosystem.sqlite").is_file()
    assert app.data.stage == "empty" and app.data.waves == [NO_RESPONSES]
    assert opening_tab(app.data) == ids.TAB_DATA
    assert "Welcome" in str(app.layout())


def test_an_organisations_file_alone_builds_a_page_on_the_network(roster):
    assert roster.stage == "roster" and roster.survey.waves == []
    assert opening_tab(roster) == ids.TAB_NETWORK


def test_a_roster_network_holds_every_organisation_and_no_tie(roster):
    organisations = roster.survey.organisations
    graph = roster_network(roster.survey, NetworkOptions())
    assert sorted(graph) == sorted(organisations.index)
    assert graph.number_of_edges() == 0
    assert graph.graph["respondents"] == 0 and graph.graph["wave"] == NO_RESPONSES
    assert all(graph.nodes[name]["type"] == organisations.loc[name, "type"] for name in graph)


def test_a_roster_network_of_one_hub_holds_its_organisations_only(roster):
    graph = roster_network(roster.survey, NetworkOptions(hub="Dorset"))
    members = [n for n, hubs in roster.survey.organisations["hubs"].items() if "Dorset" in hubs]
    assert sorted(graph) == sorted(members)


def test_the_roster_is_drawn_with_no_ties_and_the_status_says_no_responses_were_read(roster):
    figure = network_view(roster, everyone(), "betweenness", None)
    drawn = {
        c[0] if isinstance(c, list | tuple) else c
        for trace in figure.data
        if trace.customdata is not None
        for c in trace.customdata
    }
    assert drawn == set(roster.survey.organisations.index)
    assert roster.measured(NO_RESPONSES, roster.options()).graph.number_of_edges() == 0
    text = status_text(roster, everyone("Dorset"))
    assert text.startswith("Dorset:") and "no responses have been read yet" in text


@pytest.mark.parametrize("hub", ["", "Dorset"])
def test_every_view_of_an_empty_workspace_renders(empty, hub):
    selection = everyone(hub)
    assert status_text(empty, selection).startswith("This workspace is empty")
    network_view(empty, selection, "betweenness", None)
    profile_view(empty, selection, None)
    assert organisation_grid(empty, selection)[0] == []
    brokerage_views(empty, selection, None)
    assert "No responses have been read yet" in str(rates_table(empty))
    report, _, ready = upload_report(empty, [], None)
    assert "No files yet" in str(report) and not ready


@pytest.mark.parametrize(
    ("stage", "tab", "waves", "note", "hidden"),
    [
        ("empty", ids.TAB_NETWORK, [], NO_ORGANISATIONS, True),
        ("empty", ids.TAB_ORGANISATIONS, [], NO_ORGANISATIONS, True),
        ("empty", ids.TAB_GAPS, [], NEEDS_A_WAVE, True),
        ("empty", ids.TAB_COMPARE, [], NEEDS_A_WAVE, True),
        ("empty", ids.TAB_DATA, [], None, False),
        ("empty", ids.TAB_GUIDE, [], None, False),
        ("roster", ids.TAB_NETWORK, [], NO_RESPONSES_READ, False),
        ("roster", ids.TAB_ORGANISATIONS, [], NO_RESPONSES_READ, False),
        ("roster", ids.TAB_BROKERAGE, [], NEEDS_A_WAVE, True),
        ("roster", ids.TAB_OVERVIEW, [], NEEDS_A_WAVE, True),
        ("surveyed", ids.TAB_NETWORK, ["W1"], None, False),
        ("surveyed", ids.TAB_GAPS, ["W1"], None, False),
        ("surveyed", ids.TAB_COMPARE, ["W1", "W2"], None, False),
    ],
)
def test_each_view_says_what_it_needs_instead_of_an_empty_chart(stage, tab, waves, note, hidden):
    assert view_state(stage, tab, waves) == (note, hidden)


def test_compare_asks_for_two_waves_while_the_workspace_holds_fewer():
    note, hidden = view_state("surveyed", ids.TAB_COMPARE, ["Formative 2023"])
    assert hidden and "two waves" in note and "one (Formative 2023)" in note


def test_the_first_survey_imported_is_chosen_at_once_and_the_welcome_gives_way(empty):
    files = [(path.name, path.read_bytes()) for path in DEMO_FILES]
    assert "Imported" in import_uploads(empty, files, None)
    assert empty.stage == "surveyed"
    waves, hubs, _, _, wave, wave_from, wave_to = wave_and_hub_choices(
        empty, NO_RESPONSES, NO_RESPONSES, NO_RESPONSES
    )
    assert waves == ["Formative 2023", "Summative 2024"]
    assert (wave, wave_from, wave_to) == ("Summative 2024", "Formative 2023", "Summative 2024")
    assert hubs[0]["label"] == ALL_HUBS and len(hubs) == 5
    assert not any(view_states(empty)[: len(ids.VIEWS)]), "no view waits any more"
    status = status_text(empty, everyone("Dorset", wave))
    assert status.startswith("Summative 2024, Dorset:")


def test_a_wave_still_held_stays_chosen_and_a_blank_one_takes_the_latest(roster):
    *_, wave, wave_from, wave_to = wave_and_hub_choices(roster, NO_RESPONSES, None, NO_RESPONSES)
    assert wave is dash.no_update and wave_to is dash.no_update
    assert wave_from == NO_RESPONSES
