"""The Sustainability view's functions: the scenario's choices, what a scenario cuts, the key
players and the hub's successors, as the callbacks return them (no browser)."""

from __future__ import annotations

import base64
import io

import dash
import pandas as pd
import pytest
from dash import html

from ecosystem.analysis.sustainability import Scenario, key_players, run_scenario, successors
from ecosystem.codebook import type_label
from ecosystem.dashboard import ids
from ecosystem.dashboard.callbacks.download import EXPORTED_VIEW, view_export
from ecosystem.dashboard.callbacks.shared import selection_from_controls
from ecosystem.dashboard.callbacks.sustainability import (
    SUCCESSORS_SHOWN,
    bridges_download,
    chosen_scenario,
    custom_hidden,
    key_players_view,
    scenario_choices,
    scenario_view,
    successor_table,
    successors_view,
)
from ecosystem.dashboard.data import DashboardData
from ecosystem.dashboard.views import page
from ecosystem.dashboard.views.sustainability import CUSTOM_SCENARIOS, MERGE, REMOVE
from ecosystem.dashboard.views.welcome import NEEDS_A_WAVE, view_state
from ecosystem.network import NetworkOptions, build_network
from ecosystem.service import HUB_JOINS_ICB, HUB_LEAVES, hub_scenarios

LATEST = "Summative 2024"
HUB = "Dorset Innovation Hub"
LEAVES = HUB_LEAVES
JOINS = HUB_JOINS_ICB


@pytest.fixture(scope="module")
def survey(demo):
    return demo


@pytest.fixture
def data(survey):
    return DashboardData(survey, illustrative=True)


def chosen(hub: str = "Dorset"):
    return selection_from_controls(LATEST, hub, None, None, None)


def every_hub():
    return selection_from_controls(LATEST, "", None, None, None)


def texts(children) -> str:
    """Every string inside a list of Dash components, joined."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, list | tuple):
            for child in node:
                walk(child)
        elif hasattr(node, "children"):
            walk(node.children)

    walk(children)
    return " ".join(found)


def test_the_sustainability_tab_follows_compare_waves_and_needs_responses(data):
    tabs = list(ids.VIEWS)
    assert tabs[tabs.index(ids.TAB_COMPARE) + 1] == ids.TAB_SUSTAINABILITY
    assert ids.VIEWS[ids.TAB_SUSTAINABILITY] == "Sustainability"
    assert view_state("roster", ids.TAB_SUSTAINABILITY, []) == (NEEDS_A_WAVE, True)
    assert ids.panel(ids.TAB_SUSTAINABILITY) in str(page(data))


def test_a_hub_offers_its_ready_made_scenarios_first_then_the_custom_ones(data, survey):
    options, value, organisations, *_ = scenario_choices(data, chosen(), None, None, None, None)
    labels = [option["label"] for option in options]
    assert labels == [LEAVES, JOINS, *CUSTOM_SCENARIOS.values()]
    assert value == LEAVES
    graph = build_network(survey, LATEST, NetworkOptions(hub="Dorset"))
    assert {option["value"] for option in organisations} == set(graph)


def test_every_hub_together_offers_only_the_custom_scenarios(data):
    options, value, *_ = scenario_choices(data, every_hub(), LEAVES, None, None, None)
    assert [option["value"] for option in options] == [REMOVE, MERGE]
    assert value == REMOVE


def test_choices_still_on_offer_are_kept_and_organisations_gone_are_cleared(data):
    kept = scenario_choices(data, chosen(), MERGE, [HUB], HUB, "NHS Dorset")
    assert kept[1] is kept[3] is kept[5] is kept[7] is dash.no_update
    moved = scenario_choices(data, chosen("Manchester"), "Gone", [HUB], HUB, "NHS Dorset")
    assert moved[1] == LEAVES  # Manchester's own "The hub leaves"
    assert moved[3] == [] and moved[5] is None and moved[7] is None
    assert scenario_choices(data, every_hub(), JOINS, None, None, None)[1] == REMOVE
    # a removal not yet built gives way to the hub's own scenario when a hub is chosen
    assert scenario_choices(data, chosen(), REMOVE, None, None, None)[1] == LEAVES
    assert scenario_choices(data, every_hub(), REMOVE, None, None, None)[1] is dash.no_update


def test_the_controls_describe_a_scenario_only_once_it_is_complete(data, survey):
    assert chosen_scenario(data, "Dorset", LEAVES, None, None, None) == Scenario(remove=(HUB,))
    assert (
        chosen_scenario(data, "Dorset", JOINS, None, None, None)
        == (hub_scenarios(survey, "Dorset")[JOINS])
    )
    assert chosen_scenario(data, "Dorset", REMOVE, [], None, None) is None
    assert chosen_scenario(data, "Dorset", REMOVE, ["BCP Council"], None, None) == Scenario(
        remove=("BCP Council",)
    )
    assert chosen_scenario(data, "Dorset", MERGE, None, HUB, None) is None
    assert chosen_scenario(data, "Dorset", MERGE, None, HUB, HUB) is None
    assert chosen_scenario(data, None, LEAVES, None, None, None) is None
    assert custom_hidden(REMOVE) == (False, True)
    assert custom_hidden(MERGE) == (True, False)
    assert custom_hidden(LEAVES) == (True, True)


def test_the_hub_leaving_shows_fragmentation_before_and_after_and_the_findings(data, survey):
    graph = build_network(survey, LATEST, NetworkOptions(hub="Dorset"))
    expected = run_scenario(graph, Scenario(remove=(HUB,)))
    summary, figure, findings, losses = scenario_view(data, chosen(), Scenario(remove=(HUB,)))
    words = texts(summary)
    assert Scenario(remove=(HUB,)).describe() in words
    before, after = expected.fragmentation_before, expected.fragmentation_after
    assert f"{before:.2f}" in words and f"{after:.2f}" in words
    assert f"{expected.distance_fragmentation_after:.2f}" in words
    assert [item.children for item in findings.children] == list(expected.findings)
    panels = {trace.meta["panel"] for trace in figure.data}
    assert panels == {"before", "after"}
    assert figure.layout.height is None  # sized by its box on the page
    cut = texts(losses)
    for name in expected.isolated:
        assert name in cut
    for kind in expected.types_cut_off:
        assert type_label(kind) in cut


def test_an_incomplete_or_stale_scenario_asks_for_its_organisations(data):
    for scenario in (None, Scenario(remove=("Manchester University NHS Foundation Trust",))):
        summary, figure, findings, losses = scenario_view(data, chosen(), scenario)
        assert "Choose the organisations" in texts(summary)
        assert findings == []
        assert figure.layout.annotations[0].text == summary[0].children
        assert losses == []


def test_a_scenario_is_run_once_on_the_network_the_dashboard_already_holds(data):
    scenario = Scenario(merge=(HUB, "NHS Dorset"))
    scenario_view(data, chosen(), scenario)
    builds = data.builds
    scenario_view(data, chosen(), scenario)
    assert data.builds == builds
    assert data.scenario.cache_info().hits >= 1


def test_lost_bridges_are_listed_and_every_one_downloads(data, survey):
    graph = build_network(survey, LATEST, NetworkOptions())
    scenario = Scenario(remove=(HUB, "NHS England"))
    bridges = run_scenario(graph, scenario).lost_bridges
    assert not bridges.empty, "the demo's hubs bridge pairs of partners"
    *_, losses = scenario_view(data, every_hub(), scenario)
    assert "Lost bridges" in texts(losses)
    sent = bridges_download(data, every_hub(), scenario)
    assert sent["filename"] == "lost-bridges-all-hubs-summative-2024.csv"
    table = pd.read_csv(io.BytesIO(base64.b64decode(sent["content"])))
    assert len(table) == len(bridges)
    assert set(table["Scenario"]) == {scenario.describe()}
    assert bridges_download(data, every_hub(), None) is None


def test_key_players_name_both_sets_and_how_they_were_found(data, survey):
    graph = build_network(survey, LATEST, NetworkOptions(hub="Dorset"))
    fragment, reach = key_players(graph, 2, "fragment"), key_players(graph, 2, "reach")
    words = texts(key_players_view(data, chosen()))
    assert " and ".join(fragment.players) in words
    assert " and ".join(reach.players) in words
    assert f"{fragment.score:.2f}" in words and f"{reach.score:.0%}" in words
    assert "exact" in words


def test_successors_of_the_hub_are_its_top_ten_in_rank_order(data, survey):
    graph = build_network(survey, LATEST, NetworkOptions(hub="Dorset"))
    expected = successors(graph, HUB).head(SUCCESSORS_SHOWN)
    table = successor_table(data, chosen(), HUB)
    assert list(table["Organisation"]) == list(expected["organisation"])
    assert len(table) == min(SUCCESSORS_SHOWN, graph.number_of_nodes() - 1)
    assert isinstance(successors_view(data, chosen())[0], html.Table)
    assert "Choose a hub" in texts(successors_view(data, every_hub()))


def test_the_sustainability_view_downloads_its_scenario(data, chromium):
    assert EXPORTED_VIEW[ids.TAB_SUSTAINABILITY] == "sustainability"
    asked = view_export(data, ids.TAB_SUSTAINABILITY, chosen(), "svg", anonymise=False)
    assert "Choose the organisations" in asked
    content, name = view_export(
        data, ids.TAB_SUSTAINABILITY, chosen(), "svg", False, scenario=Scenario(remove=(HUB,))
    )
    assert name == "sustainability-dorset-summative-2024.svg"
    assert content.lstrip().startswith(b"<") and b"svg" in content[:400]
