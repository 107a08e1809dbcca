"""Whole-network measures against R sna values (REFERENCE_VALUES.md A1, A2) and networkx."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from support import load_network

from ecosystem.analysis.summary import NETWORK_MEASURES, network_measures, type_mixing


@pytest.mark.datasets
def test_sampson_cumulative_liking_sna(datasets_dir):
    # REFERENCE_VALUES.md A2: R sna 2.8 on ergm's samplike = union of liking waves 1-3
    # (binary, directed). gden; grecip(measure="edgewise"); centralization(degree) with
    # total (freeman) degree; centralization(betweenness).
    G = load_network(datasets_dir / "sampson_monastery", waves=(1, 2, 3), binary=True)
    measures = network_measures(G)
    assert measures["organisations"] == 18
    assert measures["ties"] == 88
    assert measures["density"] == pytest.approx(0.28758169934640521, abs=1e-12)
    assert measures["reciprocity"] == pytest.approx(0.63636363636363635, abs=1e-12)
    assert measures["degree_centralisation"] == pytest.approx(0.23897058823529413, abs=1e-12)
    assert measures["betweenness_centralisation"] == pytest.approx(0.20246230845279284, abs=1e-9)
    assert measures["components"] == 1  # sna: connectedness 1
    # sna's gtrans (0.407, directed transitivity) is another definition: not compared.


@pytest.mark.datasets
def test_padgett_marriage_sna(datasets_dir):
    # REFERENCE_VALUES.md A1: R sna 2.8, mode "graph", on the marriage network. As arcs both
    # ways the definitions align: density 2e / n(n-1) = e / (n(n-1)/2); transitivity of the
    # undirected view = gtrans; total degree and directed betweenness are twice the
    # undirected ones, and so are the maxima they are divided by.
    G = load_network(datasets_dir / "padgett_florentine", directed=False)
    measures = network_measures(G)
    assert measures["density"] == pytest.approx(0.16666666666666666, abs=1e-12)
    assert measures["transitivity"] == pytest.approx(0.19148936170212766, abs=1e-12)
    assert measures["degree_centralisation"] == pytest.approx(0.26666666666666666, abs=1e-12)
    assert measures["betweenness_centralisation"] == pytest.approx(0.3834920634920635, abs=1e-9)
    assert measures["reciprocity"] == 1.0
    # component sizes (strong = weak) [15, 1]: Pucci is an isolate
    assert measures["components"] == 2
    assert measures["largest_component_share"] == pytest.approx(15 / 16)


DATASETS = [
    ("s50_teenage_friends", 1),
    ("krackhardt_hightech", 1),
    ("knoke_bureaucracies", 1),
    ("kapferer_tailor", 2),
    ("freeman_eies", 1),
    ("knecht_classroom", 2),
]


@pytest.mark.datasets
@pytest.mark.parametrize(("folder", "wave"), DATASETS)
def test_parity_with_networkx(datasets_dir, folder, wave):
    G = load_network(datasets_dir / folder, (wave,))
    measures = network_measures(G)
    n, m = len(G), G.number_of_edges()
    assert measures["density"] == pytest.approx(nx.density(G), abs=1e-12)
    assert measures["reciprocity"] == pytest.approx(nx.overall_reciprocity(G), abs=1e-12)
    assert measures["transitivity"] == pytest.approx(nx.transitivity(G.to_undirected()), abs=1e-12)
    assert measures["components"] == nx.number_weakly_connected_components(G)
    largest = max(len(c) for c in nx.weakly_connected_components(G))
    assert measures["largest_component_share"] == pytest.approx(largest / n)
    weights = [w for _, _, w in G.edges(data="weight")]
    assert measures["mean_tie_weight"] == pytest.approx(np.mean(weights))
    # Freeman centralisation written out from networkx's degrees and betweenness.
    degree = np.array([d for _, d in G.degree()])
    assert measures["degree_centralisation"] == pytest.approx(
        np.sum(degree.max() - degree) / (2 * (n - 1) * (n - 2)), abs=1e-12
    )
    between = np.array(list(nx.betweenness_centrality(G, normalized=False).values()))
    assert measures["betweenness_centralisation"] == pytest.approx(
        np.sum(between.max() - between) / ((n - 1) ** 2 * (n - 2)), abs=1e-12
    )
    # E-I index from networkx's attribute mixing counts
    mixing = nx.attribute_mixing_dict(G, "type")
    internal = sum(mixing.get(t, {}).get(t, 0) for t in mixing)
    assert measures["ei_index"] == pytest.approx((m - 2 * internal) / m)


def hand_made_graph() -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_nodes_from(
        [
            ("Hub", {"type": "hub"}),
            ("Trust 1", {"type": "trust"}),
            ("Trust 2", {"type": "trust"}),
            ("Council", {"type": "council"}),
            ("Charity", {"type": "VCSE"}),  # isolate
        ]
    )
    G.add_weighted_edges_from(
        [
            ("Hub", "Trust 1", 4),
            ("Trust 1", "Hub", 4),
            ("Hub", "Council", 2),
            ("Trust 1", "Trust 2", 3),
            ("Trust 2", "Trust 1", 1),
            ("Council", "Trust 2", 1),
        ]
    )
    return G


def test_ei_index_by_hand():
    # 6 arcs. Within a type: Trust 1 -> Trust 2 and Trust 2 -> Trust 1 = 2 internal.
    # Across types: Hub -> Trust 1, Trust 1 -> Hub, Hub -> Council, Council -> Trust 2
    # = 4 external. E-I = (4 - 2) / (4 + 2) = 1/3; within-type share 2/6.
    measures = network_measures(hand_made_graph())
    assert measures["ei_index"] == pytest.approx(1 / 3)
    assert measures["within_type_share"] == pytest.approx(1 / 3)
    # 5 organisations, 6 arcs: density 6 / 20; reciprocated arcs 4 of 6; weights 15 / 6;
    # weak components {Hub, Trust 1, Trust 2, Council} and {Charity}.
    assert measures["density"] == pytest.approx(0.3)
    assert measures["reciprocity"] == pytest.approx(4 / 6)
    assert measures["mean_tie_weight"] == pytest.approx(2.5)
    assert measures["components"] == 2
    assert measures["largest_component_share"] == pytest.approx(0.8)


def test_type_mixing_by_hand_and_networkx():
    G = hand_made_graph()
    table = type_mixing(G)
    # codebook order of the types present; VCSE has no arcs but is listed
    assert list(table.index) == list(table.columns) == ["hub", "trust", "VCSE", "council"]
    assert (table.index.name, table.columns.name) == ("source_type", "target_type")
    assert table.loc["hub", "trust"] == 1 and table.loc["hub", "council"] == 1
    assert table.loc["trust", "trust"] == 2 and table.loc["council", "trust"] == 1
    assert table.loc["VCSE"].sum() == table["VCSE"].sum() == 0
    assert int(table.to_numpy().sum()) == G.number_of_edges()
    reference = nx.attribute_mixing_dict(G, "type")
    for source, row in reference.items():
        for target, count in row.items():
            assert table.loc[source, target] == count


def test_type_mixing_other_attribute_and_missing_type():
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    G.nodes["a"]["sector"] = "public"
    G.nodes["b"]["sector"] = "private"
    table = type_mixing(G, attribute="sector")
    # not codebook types: alphabetical, then "unknown" (c has no sector)
    assert list(table.index) == ["private", "public", "unknown"]
    assert table.loc["public", "private"] == 1 and table.loc["private", "unknown"] == 1


def test_response_rate_and_wave_name():
    G = hand_made_graph()
    assert math.isnan(network_measures(G)["response_rate"])
    G.graph.update(response_rate=0.75, wave="Formative 2023")
    measures = network_measures(G)
    assert measures["response_rate"] == 0.75
    assert measures.name == "Formative 2023"
    assert list(measures.index) == list(NETWORK_MEASURES)
    assert measures.dtype == float


def test_empty_and_tiny_graphs():
    empty = network_measures(nx.DiGraph())
    assert empty[["organisations", "ties", "components"]].eq(0).all()
    undefined = ["density", "reciprocity", "degree_centralisation", "mean_tie_weight", "ei_index"]
    assert empty[[*undefined, "largest_component_share"]].isna().all()
    single = nx.DiGraph()
    single.add_node("Hub", type="hub")
    one = network_measures(single)
    assert one["organisations"] == 1 and one["components"] == 1
    assert one[[*undefined, "betweenness_centralisation"]].isna().all()
    assert one["transitivity"] == 0.0  # as networkx: no connected triple
    assert type_mixing(nx.DiGraph()).empty


def test_star_is_fully_centralised():
    # Freeman's maximum: a star with arcs both ways between the centre and 4 leaves.
    G = nx.DiGraph()
    for leaf in "abcd":
        G.add_edge("hub", leaf)
        G.add_edge(leaf, "hub")
    measures = network_measures(G)
    assert measures["degree_centralisation"] == pytest.approx(1.0)
    assert measures["betweenness_centralisation"] == pytest.approx(1.0)


def test_input_graph_unchanged():
    G = hand_made_graph()
    G.graph["response_rate"] = 0.5
    before = nx.node_link_data(G, edges="links")
    network_measures(G)
    type_mixing(G)
    assert nx.node_link_data(G, edges="links") == before
