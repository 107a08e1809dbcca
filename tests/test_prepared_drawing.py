"""A large network's position-independent drawing parts are made once per graph, and the
figure drawn from them is the one drawn afresh; an unchecked large figure is valid plotly."""

from __future__ import annotations

import json

import networkx as nx
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from ecosystem.figures import network_figure
from ecosystem.figures import traces as figure_traces
from ecosystem.network import build_network
from ecosystem.synthetic import SYNTHETIC_WAVE, synthetic_survey
from tests.test_large_figures import circle


@pytest.fixture
def large() -> nx.DiGraph:
    return build_network(synthetic_survey(600, 2_400, seed=8), SYNTHETIC_WAVE)


def drawn(G: nx.DiGraph, **options) -> dict:
    return json.loads(pio.to_json(network_figure(G, circle(G), **options)))


def counting_pairs(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = figure_traces.tied_pairs

    def counted(G):
        calls.append(G.number_of_edges())
        return real(G)

    monkeypatch.setattr("ecosystem.figures.network.tied_pairs", counted)
    return calls


def test_a_large_graph_is_prepared_once_and_drawn_as_afresh(large, monkeypatch):
    first = drawn(large)
    calls = counting_pairs(monkeypatch)
    again = drawn(large, highlight=[next(iter(large))])
    assert calls == []  # its tied pairs were kept
    figure_traces._PREPARED.clear()
    fresh = drawn(large, highlight=[next(iter(large))])
    assert calls == [large.number_of_edges()]
    assert again == fresh and again != first


def test_a_graph_that_changed_size_is_prepared_afresh(large, monkeypatch):
    drawn(large)
    calls = counting_pairs(monkeypatch)
    source, target = next(
        (u, v) for u in large for v in large if u != v and not large.has_edge(u, v)
    )
    large.add_edge(source, target, weight=2.0)
    drawn(large)
    assert calls == [large.number_of_edges()]


def test_a_small_graph_is_not_kept():
    small = build_network(synthetic_survey(40, 120, seed=8), SYNTHETIC_WAVE)
    drawn(small)
    assert small not in figure_traces._PREPARED


def test_a_large_figure_made_without_plotlys_checks_passes_them(large):
    figure = network_figure(large, circle(large), highlight=[next(iter(large))])
    assert not figure._validate  # made unchecked, for speed
    go.Figure(figure.to_dict())  # raises on any property plotly does not know


def test_a_large_network_hovers_over_the_quick_measures_and_a_small_one_over_all(large):
    from ecosystem.figures.nodes import HOVER_MEASURES, QUICK_HOVER_MEASURES, hover_measures

    small = build_network(synthetic_survey(40, 120, seed=8), SYNTHETIC_WAVE)
    assert hover_measures(large) == QUICK_HOVER_MEASURES
    assert hover_measures(small) == HOVER_MEASURES
    assert "betweenness" not in QUICK_HOVER_MEASURES
