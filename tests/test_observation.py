"""Which pairs a wave observed (codebook, "Observed pairs"), and the respondents-only network."""

from __future__ import annotations

import itertools

import networkx as nx
import pandas as pd
import pytest

from ecosystem.network import NetworkOptions, build_network
from ecosystem.observation import Observation, observed_pairs, unordered
from ecosystem.survey import Survey, edges_frame, empty_edges, responses_frame

WAVE = "Formative 2023"


def organisations(*rows: tuple[str, str]) -> pd.DataFrame:
    """name, hubs (';'-separated) -> an organisations table as validation gives it."""
    return pd.DataFrame(
        {
            "type": ["trust" for _ in rows],
            "hubs": [tuple(h for h in r[1].split(";") if h) for r in rows],
            "region": ["" for _ in rows],
            "aliases": [() for _ in rows],
            "waves": [() for _ in rows],
            "short_name": ["" for _ in rows],
        },
        index=pd.Index([r[0] for r in rows], name="name"),
    )


ORGS = organisations(
    ("Hub", "North"),
    ("Trust", "North"),
    ("University", "North"),
    ("Funder", "North;South"),
    ("South Hub", "South"),
    ("South Trust", "South"),
)


def answer(respondent: str, partner: str, frequency: int = 2, wave: str = WAVE) -> dict:
    return {
        "wave": wave,
        "respondent": respondent,
        "partner": partner,
        "frequency": frequency,
        "relevance": 2.0,
        "direction": "both",
        "nature": (),
        "respondent_person": "",
        "submitted": "",
        "source_file": "responses.csv",
        "source_row": 2,
    }


def survey(*answers: dict, orgs: pd.DataFrame = ORGS) -> Survey:
    return Survey(orgs, responses_frame(list(answers)), empty_edges())


def test_a_respondent_observes_every_pair_with_its_ecosystem_roster_and_no_other():
    seen = observed_pairs(survey(answer("Hub", "Trust")), WAVE)
    assert seen.respondents == {"Hub"}
    # Hub answered about the North roster: Trust, University, Funder (a blank is no tie).
    assert seen.pairs == {("Hub", "Trust"), ("Hub", "University"), ("Funder", "Hub")}
    assert not seen.covers("Trust", "University")  # two non-respondents: unseen
    assert not seen.covers("Hub", "South Hub")  # not on the roster Hub answered about


def test_an_organisation_a_respondent_named_is_on_the_roster_it_answered_about():
    seen = observed_pairs(survey(answer("Hub", "South Trust", frequency=0)), WAVE)
    assert seen.covers("Hub", "South Trust")  # a "Never" is an answer about the pair
    assert not seen.covers("Hub", "South Hub")


def test_an_organisation_of_several_ecosystems_answered_about_all_of_them():
    seen = observed_pairs(survey(answer("Funder", "Hub")), WAVE)
    assert {other for other in ORGS.index if seen.covers("Funder", other)} == {
        "Hub",
        "Trust",
        "University",
        "South Hub",
        "South Trust",
    }


def test_without_hubs_a_respondent_answered_about_the_whole_roster():
    plain = organisations(("A", ""), ("B", ""), ("C", ""))
    seen = observed_pairs(survey(answer("A", "B"), orgs=plain), WAVE)
    assert seen.pairs == {("A", "B"), ("A", "C")}


def test_a_wave_from_another_tools_edge_list_is_observed_whole():
    edges = edges_frame(
        [
            {
                "wave": WAVE,
                "source": "A",
                "target": "B",
                "weight": 1.0,
                "nature": (),
                "source_file": "edges.csv",
                "source_row": 2,
            }
        ]
    )
    plain = organisations(("A", ""), ("B", ""), ("C", ""))
    seen = observed_pairs(Survey(plain, responses_frame([]), edges), WAVE)
    assert seen.complete and seen.pairs == {("A", "B"), ("A", "C"), ("B", "C")}


def test_a_hub_keeps_its_ecosystems_organisations():
    seen = observed_pairs(survey(answer("Hub", "Trust")), WAVE, NetworkOptions(hub="South"))
    assert seen.organisations == ("Funder", "South Hub", "South Trust")
    assert seen.respondents == frozenset() and seen.pairs == frozenset()


def test_the_matrix_agrees_with_covers_pair_by_pair():
    data = survey(
        answer("Hub", "Trust"),
        answer("South Hub", "Hub", frequency=0),
        answer("Funder", "South Trust"),
    )
    seen = observed_pairs(data, WAVE)
    names = [*ORGS.index, "Not on the roster"]
    cells = seen.matrix(names)
    for (i, u), (j, v) in itertools.product(enumerate(names), repeat=2):
        assert cells[i, j] == seen.covers(u, v), (u, v)
    assert seen.pairs == {
        unordered(u, v) for u, v in itertools.combinations(names, 2) if seen.covers(u, v)
    }


def test_an_observation_is_a_value():
    seen = Observation(WAVE, ("A", "B"), frozenset({"A"}))
    assert seen.covers("B", "A") and not seen.covers("A", "A")


def test_respondents_only_keeps_the_organisations_that_answered_and_their_ties():
    data = survey(answer("Hub", "Trust"), answer("Hub", "University"), answer("Trust", "Hub"))
    options = NetworkOptions(respondents_only=True)
    graph = build_network(data, WAVE, options)
    assert sorted(graph) == ["Hub", "Trust"]
    assert set(graph.edges) == {("Hub", "Trust"), ("Trust", "Hub")}
    # The response rate is still the whole roster's: 2 of 6 answered.
    assert graph.graph["roster_size"] == 6 and graph.graph["respondents"] == 2
    assert graph.graph["respondents_only"] is True
    seen = observed_pairs(data, WAVE, options)
    names = list(graph)
    assert all(seen.covers(u, v) for u, v in itertools.combinations(names, 2))


def test_respondents_only_is_off_by_default_and_changes_nothing_then():
    data = survey(answer("Hub", "Trust"), answer("Hub", "University"))
    default = build_network(data, WAVE)
    explicit = build_network(data, WAVE, NetworkOptions(respondents_only=False))
    assert nx.utils.graphs_equal(default, explicit)
    assert "respondents_only" not in default.graph
    assert NetworkOptions().respondents_only is False


@pytest.mark.parametrize("hub", [None, "Dorset"])
def test_respondents_only_on_the_demo_keeps_the_respondents(demo, hub):
    wave = demo.waves[0]
    graph = build_network(demo, wave, NetworkOptions(hub=hub, respondents_only=True))
    full = build_network(demo, wave, NetworkOptions(hub=hub))
    assert set(graph) == {name for name, answered in full.nodes(data="responded") if answered}
    assert graph.graph["response_rate"] == full.graph["response_rate"]


def test_an_observation_can_key_a_cache():
    data = survey(answer("Hub", "Trust"))
    assert hash(observed_pairs(data, WAVE)) == hash(observed_pairs(data, WAVE))
    assert observed_pairs(data, WAVE) == observed_pairs(data, WAVE)
