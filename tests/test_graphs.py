"""Conversion between networkx and python-igraph keeps order, arcs and strengths."""

from __future__ import annotations

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ecosystem.graphs import arc_arrays, strength_to_distance, to_igraph


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 8), st.integers(0, 8), st.floats(0, 10, allow_nan=False)),
        max_size=30,
    ),
    st.integers(0, 4),
)
def test_igraph_has_the_same_organisations_arcs_and_weights(arcs, isolates):
    graph = nx.DiGraph()
    graph.add_nodes_from(f"iso{i}" for i in range(isolates))
    graph.add_weighted_edges_from((f"n{u}", f"n{v}", w) for u, v, w in arcs if u != v)
    converted = to_igraph(graph)
    assert converted.vs["name"] == list(graph)
    names = converted.vs["name"]
    got = {(names[e.source], names[e.target]): e["weight"] for e in converted.es}
    assert got == {(u, v): d["weight"] for u, v, d in graph.edges(data=True)}
    sources, targets, weights = arc_arrays(graph)
    assert len(sources) == len(targets) == len(weights) == graph.number_of_edges()


def test_arcs_without_a_weight_count_as_strength_one():
    graph = nx.DiGraph([("a", "b")])
    assert arc_arrays(graph)[2].tolist() == [1.0]
    assert to_igraph(graph).es["weight"] == [1.0]


def test_stronger_ties_are_shorter_distances():
    distances = strength_to_distance(np.array([1.0, 2.0, 4.0]))
    assert list(distances) == sorted(distances, reverse=True)
