"""The simulation of further non-response: the same networks as rebuilding from the answers,
the same figures as a direct loop, and the literature's finding that in-degree survives
missing respondents better than betweenness."""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ecosystem.analysis.centrality import organisation_measures
from ecosystem.analysis.robustness import (
    NETWORK_ROBUSTNESS_MEASURES,
    ROBUSTNESS_MEASURES,
    robustness,
    simulated_network,
    verdict,
)
from ecosystem.analysis.summary import network_measures
from ecosystem.analysis.sustainability import fragmentation
from ecosystem.errors import OptionError
from ecosystem.glossary.robustness import ROBUSTNESS_TERMS, VERDICT_RULE, VERDICTS
from ecosystem.network import NetworkOptions, build_network
from ecosystem.survey import Survey, edges_frame, empty_edges, responses_frame

WAVE = "Wave 1"
DIRECTIONS = ("out", "in", "both", "none")


def random_survey(seed: int, n: int = 30, density: float = 0.12, answered: float = 0.7) -> Survey:
    """A wave of n organisations (no hubs): each pair is tied with probability ``density``;
    each respondent reports its ties (each side its own frequency, direction and natures)
    and, now and then, a "Never"."""
    rng = np.random.default_rng(seed)
    names = [f"Org {i:02d}" for i in range(n)]
    kinds = ["hub", "trust", "university", "VCSE"]
    organisations = pd.DataFrame(
        {
            "type": [kinds[i % 4] for i in range(n)],
            "hubs": [() for _ in names],
            "region": ["" for _ in names],
            "aliases": [() for _ in names],
            "waves": [() for _ in names],
            "short_name": ["" for _ in names],
        },
        index=pd.Index(names, name="name"),
    )
    respondents = {name for name in names if rng.random() < answered}
    rows = []
    for a, b in itertools.combinations(names, 2):
        tied = rng.random() < density
        for respondent, partner in ((a, b), (b, a)):
            if respondent not in respondents or (not tied and rng.random() > 0.05):
                continue
            frequency = int(rng.integers(1, 5)) if tied and rng.random() > 0.1 else 0
            rows.append(
                {
                    "wave": WAVE,
                    "respondent": respondent,
                    "partner": partner,
                    "frequency": frequency,
                    "relevance": float(rng.integers(0, 4)) if rng.random() > 0.2 else math.nan,
                    "direction": str(rng.choice(DIRECTIONS)),
                    "nature": ("support",) if rng.random() < 0.5 else ("data", "funding"),
                    "respondent_person": "",
                    "submitted": "",
                    "source_file": "responses.csv",
                    "source_row": 2,
                }
            )
    return Survey(organisations, responses_frame(rows), empty_edges())


def without(survey: Survey, wave: str, removed: set[str]) -> Survey:
    """The survey with the removed respondents' answers of the wave gone."""
    responses = survey.responses
    gone = (responses["wave"] == wave) & responses["respondent"].isin(removed)
    return Survey(survey.organisations, responses[~gone].reset_index(drop=True), survey.edges)


def arcs(graph) -> dict[tuple[str, str], float]:
    return {(u, v): w for u, v, w in graph.edges(data="weight")}


OPTIONS = [
    NetworkOptions(),
    NetworkOptions(reconciliation="max"),
    NetworkOptions(reconciliation="min", weighting="relevance"),
    NetworkOptions(reconciliation="confirmed", weighting="product"),
    NetworkOptions(natures=("support",), min_frequency=2),
    NetworkOptions(min_relevance=2, weighting="binary"),
    NetworkOptions(respondents_only=True),
]


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: repr(o)[15:60])
@pytest.mark.parametrize("seed", range(3))
def test_a_run_is_the_network_rebuilt_without_the_removed_answers(options, seed):
    survey = random_survey(seed)
    rng = np.random.default_rng(seed)
    respondents = sorted(set(survey.responses["respondent"]))
    removed = set(rng.choice(respondents, size=4, replace=False).tolist())
    expected = build_network(without(survey, WAVE, removed), WAVE, options)
    if options.respondents_only:  # the removed respondents leave the network too
        expected.remove_nodes_from(removed)
    found = simulated_network(survey, WAVE, options, removed)
    assert sorted(found) == sorted(expected)
    assert arcs(found) == pytest.approx(arcs(expected), nan_ok=True)


@pytest.mark.parametrize("hub", [None, "Dorset", "Manchester"])
def test_a_run_on_the_demo_is_the_network_rebuilt(demo, hub):
    wave = demo.waves[-1]
    options = NetworkOptions(hub=hub)
    full = build_network(demo, wave, options)
    respondents = sorted(name for name, answered in full.nodes(data="responded") if answered)
    removed = set(respondents[::3])
    expected = build_network(without(demo, wave, removed), wave, options)
    assert arcs(simulated_network(demo, wave, options, removed)) == pytest.approx(arcs(expected))


def direct_loop(survey, wave, options, remove, runs, seed, measures):
    """The simulation as the issue states it, written out: rebuild, recompute, compare."""
    full = build_network(survey, wave, options)
    respondents = sorted(name for name, answered in full.nodes(data="responded") if answered)
    k = max(1, round(remove * len(respondents)))
    full_table = organisation_measures(full)
    rng = np.random.default_rng(seed)
    taus = {m: [] for m in measures}
    tops = {m: [] for m in measures}
    for _ in range(runs):
        removed = {respondents[i] for i in rng.choice(len(respondents), size=k, replace=False)}
        table = organisation_measures(build_network(without(survey, wave, removed), wave, options))
        for m in measures:
            x, y = full_table[m].to_numpy(float), table[m].to_numpy(float)
            same = np.all(x == x[0]) or np.all(y == y[0])
            taus[m].append(math.nan if same else stats.kendalltau(x, y).statistic)
            best = sorted(range(len(x)), key=lambda i, x=x: (-x[i], i))[:5]
            again = sorted(range(len(y)), key=lambda i, y=y: (-y[i], i))[:5]
            tops[m].append(len(set(best) & set(again)) / 5)
    return taus, tops


@pytest.mark.parametrize("seed", [1, 2])
def test_the_simulation_gives_the_figures_of_a_direct_loop(seed):
    survey = random_survey(seed, n=24)
    measures = ("in_degree", "out_strength", "betweenness", "pagerank", "closeness")
    result = robustness(survey, WAVE, remove=0.2, runs=15, seed=seed, measures=measures)
    taus, tops = direct_loop(survey, WAVE, NetworkOptions(), 0.2, 15, seed, measures)
    for m in measures:
        values = np.array(taus[m])
        values = values[~np.isnan(values)]
        median, low, high = np.percentile(values, [50, 5, 95])
        row = result.measures.loc[m]
        assert (row["rank_correlation"], row["low"], row["high"]) == pytest.approx(
            (median, low, high), abs=1e-9
        ), m
        assert row["top5_overlap"] == pytest.approx(np.median(tops[m])), m
        assert row["verdict"] == verdict(median, low, np.median(tops[m]))


def test_the_simulation_is_deterministic_for_a_seed():
    survey = random_survey(7)
    first = robustness(survey, WAVE, runs=30, seed=11)
    again = robustness(survey, WAVE, runs=30, seed=11)
    pd.testing.assert_frame_equal(first.measures, again.measures)
    pd.testing.assert_frame_equal(first.network, again.network)
    other = robustness(survey, WAVE, runs=30, seed=12)
    assert not first.measures.equals(other.measures)


def test_with_nothing_removed_every_figure_is_the_full_networks():
    survey = random_survey(3)
    result = robustness(survey, WAVE, remove=0, runs=3)
    moving = result.measures.dropna(subset=["rank_correlation"])
    assert moving["rank_correlation"].to_numpy() == pytest.approx(1)
    assert (moving["top5_overlap"] == 1).all()
    assert (moving["verdict"] == "robust").all()
    graph = build_network(survey, WAVE)
    expected = network_measures(graph)
    expected["fragmentation"] = fragmentation(graph)
    for name, row in result.network.iterrows():
        assert row["value"] == pytest.approx(expected[name]), name
        assert row["low"] == pytest.approx(row["value"]) and row["high"] == pytest.approx(
            row["value"]
        )


def test_in_degree_survives_missing_respondents_better_than_betweenness():
    """Smith and Moody (2013): betweenness is sensitive to missing nodes, in-degree robust."""
    better = 0
    gaps = []
    for seed in range(20):
        survey = random_survey(100 + seed, n=40, density=0.08, answered=0.8)
        result = robustness(
            survey, WAVE, runs=25, seed=seed, measures=("in_degree", "betweenness"), network=()
        )
        in_degree = result.measures.loc["in_degree", "rank_correlation"]
        between = result.measures.loc["betweenness", "rank_correlation"]
        better += in_degree > between
        gaps.append(in_degree - between)
    assert better >= 17
    assert np.mean(gaps) > 0.05


def test_the_results_read_as_the_command_lines_contract(demo):
    result = robustness(demo, demo.waves[-1], NetworkOptions(hub="Dorset"), runs=20)
    figures = json.loads(json.dumps(result.as_dict()))
    assert [row["measure"] for row in figures["measures"]] == list(ROBUSTNESS_MEASURES)
    assert set(figures["measures"][0]) == {
        "measure",
        "rank_correlation",
        "low",
        "high",
        "top5_overlap",
        "verdict",
    }
    assert [row["measure"] for row in figures["network"]] == list(NETWORK_ROBUSTNESS_MEASURES)
    assert set(figures["network"][0]) == {"measure", "value", "low", "high"}
    assert {row["verdict"] for row in figures["measures"]} <= set(VERDICTS)
    assert figures["runs"] == 20 and figures["remove"] == 0.1 and figures["seed"] == 2023
    assert figures["rule"] == VERDICT_RULE
    assert 0 < figures["response_rate"] <= 1


def test_wrong_settings_are_refused():
    survey = random_survey(1)
    for settings, message in (
        ({"remove": 1.0}, "remove must be"),
        ({"remove": -0.1}, "remove must be"),
        ({"runs": 0}, "runs must be"),
        ({"measures": ("loudness",)}, "measure 'loudness'"),
        ({"network": ("loudness",)}, "network measure 'loudness'"),
    ):
        with pytest.raises(OptionError, match=message):
            robustness(survey, WAVE, **settings)


def test_a_wave_from_an_edge_list_has_no_respondents_to_leave_out():
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
    survey = Survey(random_survey(1).organisations.iloc[:0], responses_frame([]), edges)
    with pytest.raises(OptionError, match="no respondents to leave out"):
        robustness(survey, WAVE)


def test_the_verdict_rule_is_in_the_glossary():
    assert ROBUSTNESS_TERMS["verdict"].explanation == VERDICT_RULE
    assert "Kendall's tau-b" in VERDICT_RULE
    assert ROBUSTNESS_TERMS["rank_correlation"].technical == "Kendall's tau-b"


@pytest.mark.parametrize("seed", range(5))
def test_the_rank_correlation_is_scipys_tau_b(seed):
    from ecosystem.analysis.robustness import _kendall

    rng = np.random.default_rng(seed)
    for n in (3, 12, 80, 400):
        x = rng.integers(0, 5, n).astype(float)  # many tied values, as counts have
        y = x + rng.integers(-2, 3, n)
        y[rng.random(n) < 0.1] = np.nan
        finite = ~np.isnan(y)
        expected = stats.kendalltau(x[finite], y[finite]).statistic
        assert _kendall(x, y) == pytest.approx(expected, nan_ok=True)


@pytest.mark.parametrize("seed", range(4))
def test_pagerank_by_power_iteration_is_igraphs(seed):
    from ecosystem.analysis.centrality import pagerank
    from ecosystem.analysis.robustness import _power_pagerank
    from ecosystem.graphs import arc_arrays

    graph = build_network(
        random_survey(seed, n=60, density=0.05), WAVE, NetworkOptions(weighting="product")
    )
    sources, targets, weights = arc_arrays(graph)
    expected = pagerank(graph).to_numpy()
    found = _power_pagerank(sources, targets, weights, len(graph))
    assert found == pytest.approx(expected, abs=1e-10)
    warm = _power_pagerank(sources, targets, weights, len(graph), start=expected * 1.5)
    assert warm == pytest.approx(expected, abs=1e-10)
