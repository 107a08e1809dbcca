"""Organisation measures: parity with networkx 3.6 and published sna values."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from support import load_network

from ecosystem.analysis.centrality import (
    ORGANISATION_COLUMNS,
    betweenness,
    closeness,
    harmonic,
    in_degree,
    in_strength,
    organisation_measures,
    out_degree,
    out_strength,
    pagerank,
)
from ecosystem.analysis.structural_holes import constraint, effective_size


def networkx_measures(G: nx.DiGraph) -> pd.DataFrame:
    """The reference: every column of organisation_measures computed with networkx alone."""
    n = len(G)
    harmonic_sum = nx.harmonic_centrality(G)
    # Structural holes treat an arc of weight 0 as no tie (see test_structural_holes).
    ties = G.copy()
    ties.remove_edges_from([(u, v) for u, v, w in G.edges(data="weight") if w == 0])
    loop = nx.effective_size(ties, nodes=list(G), weight="weight")
    # networkx's loop leaves an organisation with only in-arcs undefined; mutual weights
    # ignore direction, so its loop on the reversed graph gives Burt's value there.
    undefined = [v for v in G if math.isnan(loop[v])]
    reverse = nx.effective_size(ties.reverse(), nodes=undefined, weight="weight")
    columns = {
        "in_degree": dict(G.in_degree()),
        "out_degree": dict(G.out_degree()),
        "in_strength": dict(G.in_degree(weight="weight")),
        "out_strength": dict(G.out_degree(weight="weight")),
        "betweenness": nx.betweenness_centrality(G, normalized=True),
        "closeness": nx.closeness_centrality(G),
        "harmonic": {v: h / (n - 1) if n > 1 else 0.0 for v, h in harmonic_sum.items()},
        "pagerank": nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-13, max_iter=10_000),
        "constraint": nx.constraint(ties, weight="weight"),
        "effective_size": {v: reverse[v] if math.isnan(loop[v]) else loop[v] for v in G},
    }
    return pd.DataFrame({name: [values[v] for v in G] for name, values in columns.items()})


def assert_matches_networkx(G: nx.DiGraph, tolerance: float = 1e-6) -> pd.DataFrame:
    ours = organisation_measures(G)
    reference = networkx_measures(G)
    assert list(ours.columns) == list(ORGANISATION_COLUMNS)
    assert list(ours.index) == list(G)
    assert ours["type"].tolist() == [G.nodes[v].get("type", "unknown") for v in G]
    for column in reference.columns:
        np.testing.assert_allclose(
            ours[column].to_numpy(dtype=float),
            reference[column].to_numpy(dtype=float),
            atol=tolerance,
            rtol=0,
            err_msg=column,
        )
    return ours


DIRECTED = [
    ("s50_teenage_friends", 1),
    ("s50_teenage_friends", 2),
    ("s50_teenage_friends", 3),
    ("krackhardt_hightech", 1),
    ("knoke_bureaucracies", 1),
    ("sampson_monastery", 1),
    ("sampson_monastery", 2),
    ("sampson_monastery", 3),
    ("kapferer_tailor", 1),
    ("kapferer_tailor", 2),
    ("freeman_eies", 1),
    ("freeman_eies", 2),
    ("knecht_classroom", 1),
    ("knecht_classroom", 2),
    ("knecht_classroom", 3),
    ("knecht_classroom", 4),
]


@pytest.mark.datasets
@pytest.mark.parametrize(("folder", "wave"), DIRECTED)
def test_parity_with_networkx_on_directed_datasets(datasets_dir, folder, wave):
    assert_matches_networkx(load_network(datasets_dir / folder, (wave,)))


@pytest.mark.datasets
def test_padgett_marriage_betweenness_sna(datasets_dir):
    # REFERENCE_VALUES.md A1: R sna 2.8 betweenness (raw, mode "graph") of the marriage
    # network, in nodes.csv order (Pucci an isolate). Entered as arcs both ways, every
    # unordered pair is counted in both orders, so networkx's raw directed betweenness is
    # twice sna's undirected one; ours is that raw value over (n-1)(n-2).
    sna = [0, 19.333333333333332, 8.5, 9.5, 5, 0, 23.166666666666664, 0, 47.5, 0, 2, 0]
    sna += [10.333333333333332, 13, 9.3333333333333339, 8.3333333333333339]
    G = load_network(datasets_dir / "padgett_florentine", directed=False)
    n = len(G)
    assert n == 16
    raw_directed = betweenness(G) * (n - 1) * (n - 2)
    np.testing.assert_allclose(raw_directed.to_numpy() / 2, sna, atol=1e-9)
    assert raw_directed["Medici"] / 2 == pytest.approx(47.5)


@pytest.mark.datasets
def test_sampson_cumulative_closeness_sna(datasets_dir):
    # REFERENCE_VALUES.md A2: R sna 2.8 closeness of Sampson's cumulative liking (union of
    # waves 1-3, binary). sna's default cmode "directed" is (n-1) / the sum of distances
    # FROM each monk (row sums of geodist), i.e. out-closeness, whereas networkx (and ours)
    # use distances TO the node. The network is strongly connected, so no scaling for
    # unreachable monks applies and sna's value is our closeness on the reversed graph.
    sna = [0.58620689655172409, 0.47222222222222221, 0.48571428571428571, 0.44736842105263158]
    sna += [0.54838709677419351, 0.5, 0.51515151515151514, 0.56666666666666665, 0.5]
    sna += [0.56666666666666665, 0.51515151515151514, 0.45945945945945948]
    sna += [0.48571428571428571, 0.48571428571428571, 0.53125, 0.45945945945945948]
    sna += [0.4358974358974359, 0.51515151515151514]
    G = load_network(datasets_dir / "sampson_monastery", waves=(1, 2, 3), binary=True)
    assert G.number_of_edges() == 88
    np.testing.assert_allclose(closeness(G.reverse()).to_numpy(), sna, atol=1e-12)
    # and sna's raw directed betweenness (A2) is networkx's unnormalised directed one
    sna_betweenness = [68.954761904761895, 18.207142857142856, 22.135714285714286]
    np.testing.assert_allclose(betweenness(G).to_numpy()[:3] * 17 * 16, sna_betweenness)


def isolates_graph() -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_nodes_from([("hub", {"type": "hub"}), ("lonely", {"type": "VCSE"}), ("x", {})])
    G.add_weighted_edges_from(
        [("hub", "a", 4), ("a", "hub", 2), ("hub", "b", 1), ("b", "c", 3), ("c", "a", 1)]
    )
    return G


def two_components_graph() -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_weighted_edges_from(
        [
            (1, 2, 1),
            (2, 3, 2),
            (3, 1, 3),
            (3, 4, 4),  # 4 only receives
            (5, 1, 1),  # 5 only sends
            (10, 11, 2),
            (11, 10, 2),
            (11, 12, 1),
        ]
    )
    return G


def zero_weight_graph() -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_weighted_edges_from(
        [
            ("a", "b", 2),
            ("b", "a", 1),
            ("a", "c", 3),
            ("c", "b", 1),
            ("d", "a", 1),
            ("a", "e", 0),
            ("e", "b", 2),
            ("b", "f", 0),  # f's only tie weighs 0 ...
            ("f", "c", 0),  # ... both ways: a dangling node for PageRank
        ]
    )
    return G


@pytest.mark.parametrize(
    "make_graph",
    [isolates_graph, two_components_graph, zero_weight_graph],
    ids=lambda f: f.__name__,
)
def test_parity_with_networkx_on_awkward_graphs(make_graph):
    assert_matches_networkx(make_graph(), tolerance=1e-9)


def test_closeness_scales_for_organisations_few_can_reach():
    # By hand, two_components_graph (8 organisations, n - 1 = 7): organisation 4 is reached
    # by 3 (distance 1), 2 (2), 1 (3) and 5 (4): r = 4, S = 1 + 2 + 3 + 4 = 10, so
    # C = (4 / 10) * (4 / 7) = 8 / 35; without the Wasserman-Faust factor it would be 0.4.
    # 5 is reached by no-one: 0.
    values = closeness(two_components_graph())
    assert values[4] == pytest.approx(8 / 35)
    assert values[5] == 0.0


def test_isolated_organisation_values():
    table = organisation_measures(isolates_graph())
    lonely = table.loc["lonely"]
    assert lonely[["in_degree", "out_degree", "betweenness", "closeness", "harmonic"]].eq(0).all()
    assert math.isnan(lonely["constraint"]) and math.isnan(lonely["effective_size"])
    assert table.loc["x", "type"] == "unknown"  # no type attribute
    assert table["pagerank"].sum() == pytest.approx(1.0)


def test_single_node_and_empty_graph():
    single = nx.DiGraph()
    single.add_node("Hub", type="hub")
    row = organisation_measures(single).loc["Hub"]
    assert row["type"] == "hub"
    assert row[["betweenness", "closeness", "harmonic"]].eq(0).all()
    assert row["pagerank"] == pytest.approx(1.0)  # networkx gives 1.0 too
    assert nx.pagerank(single)["Hub"] == pytest.approx(1.0)
    empty = organisation_measures(nx.DiGraph())
    assert empty.empty
    assert list(empty.columns) == list(ORGANISATION_COLUMNS)
    assert empty.index.name == "organisation"


def test_single_measure_functions_equal_table_columns():
    G = two_components_graph()
    table = organisation_measures(G)
    for function in (betweenness, closeness, harmonic, pagerank, in_degree, out_degree):
        pd.testing.assert_series_equal(function(G), table[function.__name__])
    for function in (in_strength, out_strength, constraint, effective_size):
        pd.testing.assert_series_equal(function(G), table[function.__name__])


def test_weight_none_counts_arcs():
    G = isolates_graph()
    np.testing.assert_array_equal(in_strength(G, weight=None), in_degree(G))
    reference = nx.pagerank(G, weight=None, tol=1e-13)
    np.testing.assert_allclose(pagerank(G, weight=None), [reference[v] for v in G], atol=1e-9)


def test_betweenness_ignores_weights():
    # a -> b -> c is the only path from a to c whatever the weights: b lies on it.
    G = nx.DiGraph()
    G.add_weighted_edges_from([("a", "b", 100.0), ("b", "c", 0.5), ("a", "d", 1.0)])
    G.add_edge("d", "c", weight=1.0)
    # two shortest paths a->c of two arcs each: b and d share the pair equally
    values = betweenness(G)
    assert values["b"] == values["d"] == pytest.approx(0.5 / (3 * 2))


def test_input_graph_unchanged():
    G = zero_weight_graph()
    G.nodes["a"]["type"] = "hub"
    G.graph["wave"] = "W1"
    before = nx.node_link_data(G, edges="links")
    organisation_measures(G)
    for function in (betweenness, closeness, harmonic, pagerank, in_strength):
        function(G)
    assert nx.node_link_data(G, edges="links") == before
