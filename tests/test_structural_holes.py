"""Burt's constraint and effective size against published values and networkx 3.6."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from networkx.algorithms.structuralholes import normalized_mutual_weight
from support import load_network

from ecosystem.analysis.structural_holes import constraint, effective_size


def both_ways(edges: list[tuple], weights: dict | None = None) -> nx.DiGraph:
    """An undirected graph entered as arcs both ways, as the product builds a mutual tie."""
    G = nx.DiGraph()
    for u, v in edges:
        w = 1.0 if weights is None else float(weights[(u, v)])
        G.add_edge(u, v, weight=w)
        G.add_edge(v, u, weight=w)
    return G


# Borgatti (1997), Connections 20(1), the example networkx's test suite uses; its values
# were "computed using UCINET and IGraph, then computed by hand" (REFERENCE_VALUES.md B3).
BORGATTI_EDGES = [
    ("A", "B"),
    ("A", "F"),
    ("A", "G"),
    ("A", "E"),
    ("E", "G"),
    ("F", "G"),
    ("B", "G"),
    ("B", "D"),
    ("D", "G"),
    ("G", "C"),
]
BORGATTI_WEIGHTS = {
    ("A", "B"): 2,
    ("A", "F"): 3,
    ("A", "G"): 5,
    ("A", "E"): 2,
    ("E", "G"): 8,
    ("F", "G"): 3,
    ("B", "G"): 4,
    ("B", "D"): 1,
    ("D", "G"): 3,
    ("G", "C"): 10,
}
DIRECTED_ARCS = {(0, 1): 2, (0, 2): 2, (1, 0): 1, (2, 1): 1}


@pytest.mark.parametrize(
    ("graph", "expected_constraint", "expected_effective_size"),
    [
        (
            both_ways(BORGATTI_EDGES),
            {"G": 0.400, "A": 0.595, "C": 1.000},
            {"G": 4.67, "A": 2.50, "C": 1.0},
        ),
        (
            both_ways(BORGATTI_EDGES, BORGATTI_WEIGHTS),
            {"G": 0.299, "A": 0.795, "C": 1.000},
            {"G": 5.47, "A": 2.47, "C": 1.0},
        ),
        (
            nx.DiGraph(list(DIRECTED_ARCS)),
            {0: 1.003, 1: 1.003, 2: 1.389},
            {0: 1.167, 1: 1.167, 2: 1.0},
        ),
        (
            nx.DiGraph([(u, v, {"weight": w}) for (u, v), w in DIRECTED_ARCS.items()]),
            {0: 0.840, 1: 1.143, 2: 1.378},
            {0: 1.567, 1: 1.083, 2: 1.0},
        ),
    ],
    ids=["undirected", "weighted-undirected", "directed", "weighted-directed"],
)
def test_borgatti_published_values(graph, expected_constraint, expected_effective_size):
    c = constraint(graph)
    e = effective_size(graph)
    for node, value in expected_constraint.items():
        assert c[node] == pytest.approx(value, abs=1e-3)
    for node, value in expected_effective_size.items():
        assert e[node] == pytest.approx(value, abs=1e-2)


def burt_effective_size_by_hand(G: nx.DiGraph, u, weight: str = "weight") -> float:
    """Burt's formula over all neighbours, written with networkx's mutual-weight functions."""
    neighbours = set(nx.all_neighbors(G, u))
    return sum(
        1
        - sum(
            normalized_mutual_weight(G, u, w, weight=weight)
            * normalized_mutual_weight(G, v, w, norm=max, weight=weight)
            for w in neighbours
        )
        for v in neighbours
    )


def assert_effective_size_parity(G: nx.DiGraph, ours: pd.Series) -> int:
    """Ours equals networkx's loop where it gives a number, and the formula elsewhere.

    Returns how many organisations networkx's loop leaves undefined although they have
    partners (only in-arcs), so the caller can check that this case was exercised.
    """
    reference = nx.effective_size(G, nodes=list(G), weight="weight")
    by_hand = 0
    for node in G:
        if not math.isnan(reference[node]):
            assert ours[node] == pytest.approx(reference[node], abs=1e-9), node
        elif G.in_degree(node) > 0:
            assert ours[node] == pytest.approx(burt_effective_size_by_hand(G, node), abs=1e-9)
            by_hand += 1
        else:
            assert math.isnan(ours[node]), node
    return by_hand


DATASETS = [
    ("knoke_bureaucracies", 1),
    ("krackhardt_hightech", 1),
    ("s50_teenage_friends", 1),
    ("sampson_monastery", 1),
    ("sampson_monastery", 2),
    ("sampson_monastery", 3),
    ("freeman_eies", 1),
]


@pytest.mark.datasets
@pytest.mark.parametrize(("folder", "wave"), DATASETS)
def test_constraint_equals_networkx_on_real_networks(datasets_dir, folder, wave):
    G = load_network(datasets_dir / folder, (wave,))
    reference = nx.constraint(G, weight="weight")
    ours = constraint(G)
    assert list(ours.index) == list(G)
    np.testing.assert_allclose(ours.to_numpy(), [reference[v] for v in G], atol=1e-9)


@pytest.mark.datasets
def test_effective_size_equals_networkx_on_real_networks(datasets_dir):
    only_receiving = 0
    for folder, wave in DATASETS:
        G = load_network(datasets_dir / folder, (wave,))
        only_receiving += assert_effective_size_parity(G, effective_size(G))
    # s50 and Sampson have organisations that are named but name no-one: the by-hand
    # branch above was really exercised.
    assert only_receiving > 0


@pytest.mark.datasets
def test_knoke_information_constraint(datasets_dir):
    # REFERENCE_VALUES.md C (networkx, directed, unweighted; a regression value).
    G = load_network(datasets_dir / "knoke_bureaucracies")
    expected = {
        "COUN": 0.4806,
        "COMM": 0.4014,
        "EDUC": 0.3860,
        "INDU": 0.4786,
        "MAYR": 0.3874,
        "WRO": 0.4543,
        "NEWS": 0.4242,
        "UWAY": 0.5138,
        "WELF": 0.4356,
        "WEST": 0.4858,
    }
    ours = constraint(G, weight=None)
    for node, value in expected.items():
        assert ours[node] == pytest.approx(value, abs=5e-5)


def test_only_receiving_organisation_has_an_effective_size():
    # "b" is named by the hub and by "a" but names no-one. By hand: b's partners are
    # hub and a (mutual weight 1 each, p = 1/2, m = 1); hub and a are tied, so each is
    # half redundant: e(b) = (1 - 1/2) + (1 - 1/2) = 1.
    G = nx.DiGraph([("hub", "a"), ("hub", "b"), ("a", "b")])
    assert math.isnan(nx.effective_size(G, nodes=["b"])["b"])  # networkx's loop
    assert effective_size(G)["b"] == pytest.approx(1.0)
    # Mutual weights ignore direction, so networkx's loop on the reversed graph agrees.
    assert nx.effective_size(G.reverse(), nodes=["b"])["b"] == pytest.approx(1.0)


def zero_weight_graph() -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_weighted_edges_from(
        [
            ("a", "b", 2),
            ("b", "a", 1),
            ("a", "c", 3),
            ("c", "b", 1),
            ("d", "a", 1),
            ("a", "e", 0),  # a tie with no strength (e.g. relevance "Not relevant")
            ("e", "b", 2),
            ("f", "g", 0),  # a pair whose only tie weighs 0
        ]
    )
    G.add_node("h")  # isolate
    return G


def test_zero_weight_arcs_are_no_tie():
    G = zero_weight_graph()
    positive = G.copy()
    positive.remove_edges_from([(u, v) for u, v, w in G.edges(data="weight") if w == 0])
    ours_c = constraint(G)
    ours_e = effective_size(G)
    # networkx's matrix path for constraint masks zero mutual weights, so it agrees on G
    # itself, and with the graph without those arcs.
    for reference in (nx.constraint(G, weight="weight"), nx.constraint(positive, weight="weight")):
        np.testing.assert_allclose(ours_c.to_numpy(), [reference[v] for v in G], atol=1e-12)
    # Effective size: networkx's loop on the graph without zero-weight arcs.
    assert_effective_size_parity(positive, ours_e)
    # f and g (only a zero-weight tie) and h (isolate) have no measure.
    assert ours_c[["f", "g", "h"]].isna().all()
    assert ours_e[["f", "g", "h"]].isna().all()
    assert ours_c[["a", "b", "c", "d", "e"]].notna().all()


def test_isolates_empty_and_single_node():
    G = nx.DiGraph([("a", "b")])
    G.add_node("c")
    assert constraint(G).isna().tolist() == [False, False, True]
    assert effective_size(G).tolist()[:2] == [1.0, 1.0]
    assert constraint(nx.DiGraph()).empty
    assert effective_size(nx.DiGraph()).empty
    single = nx.DiGraph()
    single.add_node("only")
    assert constraint(single).isna().all()
    assert effective_size(single).isna().all()


def test_result_shape_and_input_unchanged():
    G = zero_weight_graph()
    before = nx.node_link_data(G, edges="links")
    c = constraint(G)
    e = effective_size(G)
    assert nx.node_link_data(G, edges="links") == before
    assert c.index.name == e.index.name == "organisation"
    assert list(c.index) == list(e.index) == list(G)
    assert (c.name, e.name) == ("constraint", "effective_size")
