"""Tests for ecosystem.layout: shared, deterministic, readable positions across waves."""

from __future__ import annotations

import math
import random

import igraph as ig
import networkx as nx
import numpy as np
import pytest

from ecosystem.layout import ISOLATE_RING, stable_layout
from ecosystem.network import NetworkOptions, build_network
from ecosystem.synthetic import SYNTHETIC_WAVE, synthetic_survey


@pytest.fixture(scope="module")
def dorset(demo):
    """Both waves of the Dorset hub's ecosystem."""
    return [build_network(demo, wave, NetworkOptions(hub="Dorset")) for wave in demo.waves]


def shuffled_copy(graph: nx.DiGraph, seed: int) -> nx.DiGraph:
    """The same graph with organisations and arcs added in another order."""
    rng = random.Random(seed)
    nodes = list(graph.nodes(data=True))
    edges = list(graph.edges(data=True))
    rng.shuffle(nodes)
    rng.shuffle(edges)
    copy = nx.DiGraph()
    copy.graph.update(graph.graph)
    copy.add_nodes_from(nodes)
    copy.add_edges_from(edges)
    return copy


def snapshot(graph: nx.DiGraph):
    return (
        list(graph.nodes(data=True)),
        [(u, v, dict(d)) for u, v, d in graph.edges(data=True)],
        dict(graph.graph),
    )


def test_same_graphs_give_the_same_positions(dorset):
    assert stable_layout(dorset) == stable_layout(dorset)


def test_positions_do_not_depend_on_insertion_or_wave_order(dorset):
    reference = stable_layout(dorset)
    shuffled = [shuffled_copy(graph, seed) for seed, graph in enumerate(dorset)]
    assert [list(g) for g in shuffled] != [list(g) for g in dorset]  # really reordered
    assert stable_layout(shuffled) == reference
    assert stable_layout(list(reversed(shuffled))) == reference


def test_seed_changes_the_layout(dorset):
    assert stable_layout(dorset, seed=1) != stable_layout(dorset, seed=2)


def test_union_of_organisations_is_covered(dorset):
    formative, summative = dorset
    positions = stable_layout(dorset)
    only_one_wave = set(formative) ^ set(summative)
    # The demo's Dorset roster changes between waves, so the union matters here.
    assert only_one_wave
    assert set(positions) == set(formative) | set(summative)


def test_one_layout_serves_every_wave(dorset):
    """An organisation's place is fixed by the union, not by the wave being drawn."""
    shared = stable_layout(dorset)
    formative_alone = stable_layout(dorset[:1])
    common = set(dorset[0]) & set(dorset[1])
    # Laying out one wave alone would move organisations: the union is what keeps them.
    assert any(formative_alone[name] != shared[name] for name in common)
    # The shared layout is the same whichever wave's graph is listed first.
    assert stable_layout([dorset[1], dorset[0]]) == shared


def test_coordinates_are_normalised_into_unit_square(dorset):
    xy = np.array(list(stable_layout(dorset).values()))
    assert np.all(np.abs(xy) <= 1.0)
    # Scaled uniformly so the farthest coordinate touches the edge.
    assert np.abs(xy).max() == pytest.approx(1.0)


def test_positions_are_distinct(demo):
    for hub in demo.hubs:
        graphs = [build_network(demo, wave, NetworkOptions(hub=hub)) for wave in demo.waves]
        xy = np.array(list(stable_layout(graphs).values()))
        gaps = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
        np.fill_diagonal(gaps, np.inf)
        assert gaps.min() > 0.02, hub


def test_hub_sits_near_the_middle(demo):
    """Readability: each hub is nearer the centre of its drawing than most organisations."""
    for hub in demo.hubs:
        graphs = [build_network(demo, wave, NetworkOptions(hub=hub)) for wave in demo.waves]
        positions = stable_layout(graphs)
        hub_name = next(n for n, t in graphs[-1].nodes(data="type") if t == "hub")
        xy = np.array(list(positions.values()))
        centre = (xy.max(axis=0) + xy.min(axis=0)) / 2
        distance = {n: math.dist(p, centre) for n, p in positions.items()}
        assert distance[hub_name] < np.median(list(distance.values())), hub


def test_isolates_are_spread_on_an_outer_ring():
    star = nx.DiGraph([("Hub", name) for name in ("A", "B", "C", "D", "E")])
    star.add_nodes_from(["Lone 1", "Lone 2", "Lone 3"])
    positions = stable_layout([star])
    centre = np.zeros(2)  # the tied organisations are centred on the origin
    tied = [math.dist(positions[n], centre) for n in ("Hub", "A", "B", "C", "D", "E")]
    ring = [math.dist(positions[n], centre) for n in ("Lone 1", "Lone 2", "Lone 3")]
    # All isolates at one radius, ISOLATE_RING times the farthest tied organisation's.
    assert ring == pytest.approx([ring[0]] * 3)
    assert ring[0] == pytest.approx(ISOLATE_RING * max(tied))
    # Evenly spread in name order, clockwise from straight up: 90, 90 - 120 = -30 (330)
    # and 90 - 240 = -150 (210) degrees.
    angles = [
        math.degrees(math.atan2(positions[n][1], positions[n][0])) % 360
        for n in ("Lone 1", "Lone 2", "Lone 3")
    ]
    assert angles == pytest.approx([90, 330, 210], abs=1e-3)


def test_isolate_in_one_wave_but_tied_in_another_is_laid_out_as_tied():
    formative = nx.DiGraph([("Hub", "Trust")])
    formative.add_node("Council")
    summative = nx.DiGraph([("Hub", "Council")])
    union = stable_layout([formative, summative])
    # Council is tied in the union (a path Trust - Hub - Council), so Kamada-Kawai puts
    # the hub between two equally distant partners, instead of Council on a ring.
    to_trust = math.dist(union["Hub"], union["Trust"])
    to_council = math.dist(union["Hub"], union["Council"])
    assert to_council == pytest.approx(to_trust, rel=0.05)
    assert math.dist(union["Trust"], union["Council"]) == pytest.approx(2 * to_trust, rel=0.05)
    # Drawn from the formative wave alone, Council is an isolate on the ring, straight up.
    alone = stable_layout([formative])
    assert alone["Council"][0] == pytest.approx(0.0, abs=1e-6)
    assert alone["Council"][1] == pytest.approx(1.0)


def test_edge_cases():
    assert stable_layout([]) == {}
    assert stable_layout([nx.DiGraph()]) == {}
    single = nx.DiGraph()
    single.add_node("Only")
    assert stable_layout([single]) == {"Only": (0.0, 0.0)}
    alone = nx.DiGraph()
    alone.add_nodes_from(["A", "B"])
    positions = stable_layout([alone])
    assert positions["A"] != positions["B"]
    assert all(-1 <= c <= 1 for xy in positions.values() for c in xy)


def test_inputs_are_not_modified(dorset):
    before = [snapshot(graph) for graph in dorset]
    stable_layout(dorset)
    assert [snapshot(graph) for graph in dorset] == before


def test_igraph_random_generator_is_restored(dorset):
    """The seeded generator is lent to igraph for one layout, then Python's is back."""
    stable_layout(dorset)
    random.seed(7)
    first = ig.Graph.Erdos_Renyi(30, 0.2).get_edgelist()
    random.seed(7)
    second = ig.Graph.Erdos_Renyi(30, 0.2).get_edgelist()
    assert first == second


def test_five_thousand_organisations():
    """Scale check: all placed, distinct and in range (speed is the bench's job)."""
    graph = build_network(synthetic_survey(5000, 50000), SYNTHETIC_WAVE)
    positions = stable_layout([graph])
    xy = np.array(list(positions.values()))
    assert len(positions) == 5000
    assert np.all(np.abs(xy) <= 1.0)
    assert len(np.unique(xy, axis=0)) == 5000
