"""Tests for ecosystem.service.sustainability: scenarios, key players and successors of a
survey's ecosystems, chosen by the names people type."""

from __future__ import annotations

import pandas as pd
import pytest

from ecosystem.analysis.sustainability import (
    SUCCESSOR_COLUMNS,
    Scenario,
    key_players,
    run_scenario,
)
from ecosystem.errors import OptionError
from ecosystem.network import NetworkOptions, build_network
from ecosystem.service import (
    HUB_JOINS_ICB,
    HUB_LEAVES,
    UnknownOrganisation,
    hub_organisation,
    hub_scenarios,
    key_players_for,
    scenario_for,
    successors_for,
)
from ecosystem.survey import Survey, empty_edges, empty_responses

DORSET = NetworkOptions(hub="Dorset")


@pytest.fixture(scope="module")
def dorset(demo):
    return build_network(demo, "Summative 2024", DORSET)


def test_scenario_for_is_run_scenario_on_the_hubs_network(demo, dorset):
    result = scenario_for(demo, "Summative 2024", DORSET, remove=["Dorset Innovation Hub"])
    expected = run_scenario(dorset, Scenario(remove=("Dorset Innovation Hub",)))
    assert result.findings == expected.findings
    assert result.fragmentation_after == expected.fragmentation_after
    pd.testing.assert_frame_equal(result.measures, expected.measures)
    assert set(result.before) == set(dorset)


def test_names_are_matched_as_everywhere_in_the_product(demo):
    # Case and spaces do not matter, for the organisations, the wave and the hub.
    result = scenario_for(
        demo,
        "summative  2024",
        NetworkOptions(hub="dorset innovation hub"),
        merge="  dorset innovation HUB",
        into="nhs dorset",
    )
    assert result.scenario == Scenario(merge=("Dorset Innovation Hub", "NHS Dorset"))
    assert result.before.graph["wave"] == "Summative 2024"


def test_an_alias_names_its_organisation(demo, dorset):
    aliases = demo.organisations["aliases"]
    named = [(name, alias[0]) for name, alias in aliases.items() if alias and name in dorset]
    if not named:  # the demo gives no alias in Dorset: add one to a copy
        organisations = demo.organisations.copy()
        organisations.at["NHS Dorset", "aliases"] = ("Dorset ICB",)
        survey = Survey(organisations, demo.responses, demo.edges)
        named = [("NHS Dorset", "Dorset ICB")]
    else:
        survey = demo
    name, alias = named[0]
    result = scenario_for(survey, "Summative 2024", DORSET, remove=[alias.upper()])
    assert result.scenario.remove == (name,)


def test_the_latest_wave_is_the_default(demo):
    result = scenario_for(demo, None, DORSET, remove=["Dorset Innovation Hub"])
    assert result.before.graph["wave"] == demo.waves[-1]


def test_an_unknown_name_is_refused_with_the_nearest_names(demo):
    with pytest.raises(UnknownOrganisation) as caught:
        scenario_for(demo, None, DORSET, remove=["NHS Dorest"])
    error = caught.value
    assert isinstance(error, OptionError)
    assert error.name == "NHS Dorest"
    assert error.suggestions[0] == "NHS Dorset"
    assert "did you mean 'NHS Dorset'" in str(error)
    assert "(Dorset, Summative 2024)" in str(error)


def test_an_organisation_of_another_hub_is_not_in_this_hubs_network(demo):
    with pytest.raises(UnknownOrganisation, match="'NHS Greater Manchester' is not in"):
        scenario_for(
            demo, None, DORSET, merge="Dorset Innovation Hub", into="NHS Greater Manchester"
        )


def test_a_scenario_needs_one_of_remove_or_merge_into(demo):
    with pytest.raises(OptionError):
        scenario_for(demo, None, DORSET)
    with pytest.raises(OptionError, match="a merge names"):
        scenario_for(demo, None, DORSET, merge="Dorset Innovation Hub")
    with pytest.raises(OptionError):
        scenario_for(demo, None, DORSET, remove=["NHS Dorset"], merge="Dorset Innovation Hub",
                     into="NHS Dorset")  # fmt: skip
    with pytest.raises(OptionError, match="wave 'Wave 9'"):
        scenario_for(demo, "Wave 9", DORSET, remove=["NHS Dorset"])
    with pytest.raises(OptionError, match="hub 'Devon'"):
        scenario_for(demo, None, NetworkOptions(hub="Devon"), remove=["NHS Dorset"])


def test_key_players_for_is_key_players_of_the_network(demo, dorset):
    found = key_players_for(demo, "Summative 2024", DORSET, 2)
    assert found == key_players(dorset, 2)
    assert "Dorset Innovation Hub" in found.players
    reach = key_players_for(demo, None, DORSET, 1, goal="reach", steps=2)
    assert reach.goal == "reach" and reach.steps == 2
    with pytest.raises(OptionError, match="goal"):
        key_players_for(demo, None, DORSET, 1, goal="spread")


def test_the_whole_programme_when_no_hub_is_chosen(demo):
    found = key_players_for(demo, None, None, 1)
    assert found.players[0].endswith("Innovation Hub")
    assert found.sets_evaluated > 60


def test_successors_for_takes_the_hub_organisation_or_the_hubs_name(demo):
    by_organisation = successors_for(demo, None, DORSET, "dorset innovation hub")
    by_hub = successors_for(demo, None, DORSET, "Dorset")
    pd.testing.assert_frame_equal(by_organisation, by_hub)
    assert list(by_hub.columns) == list(SUCCESSOR_COLUMNS)
    assert "Dorset Innovation Hub" not in set(by_hub["organisation"])
    with pytest.raises(UnknownOrganisation):
        successors_for(demo, None, DORSET, "Nobody at all")


def test_each_demo_hub_has_both_ready_made_scenarios(demo):
    icbs = {
        "Bradford District and Craven": "Bradford District and Craven Health and Care Partnership",
        "Cambridgeshire and Peterborough": "Cambridgeshire and Peterborough ICB",
        "Dorset": "NHS Dorset",
        "Manchester": "NHS Greater Manchester",
    }
    for hub in demo.hubs:
        scenarios = hub_scenarios(demo, hub)
        own = f"{hub} Innovation Hub"
        assert hub_organisation(demo, hub) == own
        assert list(scenarios) == [HUB_LEAVES, HUB_JOINS_ICB]
        assert scenarios[HUB_LEAVES] == Scenario(remove=(own,))
        assert scenarios[HUB_JOINS_ICB] == Scenario(merge=(own, icbs[hub]))
        # Each runs on the hub's network, and the hub leaving fragments it.
        result = scenario_for(demo, None, NetworkOptions(hub=hub), remove=[own])
        assert result.fragmentation_after > result.fragmentation_before


def _survey(types: dict[str, str]) -> Survey:
    organisations = pd.DataFrame(
        {
            "type": list(types.values()),
            "hubs": [("North",)] * len(types),
            "region": [""] * len(types),
            "aliases": [()] * len(types),
            "waves": [()] * len(types),
        },
        index=pd.Index(list(types), name="name"),
    )
    return Survey(organisations, empty_responses(), empty_edges())


def test_ready_made_scenarios_depend_on_the_ecosystems_organisations():
    assert hub_scenarios(_survey({"Trust": "trust", "Council": "council"}), "North") == {}
    assert hub_organisation(_survey({"Trust": "trust"}), "North") is None
    only_hub = hub_scenarios(_survey({"North Hub": "hub", "Trust": "trust"}), "North")
    assert only_hub == {HUB_LEAVES: Scenario(remove=("North Hub",))}
    with pytest.raises(OptionError, match="hub 'South'"):
        hub_scenarios(_survey({"North Hub": "hub"}), "South")
