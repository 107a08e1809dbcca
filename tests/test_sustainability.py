"""Tests for ecosystem.analysis.sustainability: fragmentation, distance-weighted
fragmentation and reach against brute force, and the scenarios (remove, merge) with what
they cut.

The brute force here is written independently of the package: a breadth-first search from
every organisation over the ties taken either way, and sums over every ordered pair.
Expected values on hand-built ecosystems are worked out by hand in the comments.
"""

from __future__ import annotations

import math
import re
from collections import deque
from itertools import permutations

import networkx as nx
import pandas as pd
import pytest

from ecosystem.analysis.summary import NETWORK_MEASURES
from ecosystem.analysis.sustainability import (
    BRIDGE_COLUMNS,
    MEASURE_COLUMNS,
    Scenario,
    apply_scenario,
    distance_fragmentation,
    fragmentation,
    reach,
    run_scenario,
)
from ecosystem.errors import OptionError
from ecosystem.glossary import SUSTAINABILITY_MEASURES, explain, measure_label
from ecosystem.network import NetworkOptions, build_network
from tests.support import load_network

# --------------------------------------------------------------------------------------------
# Brute force


def steps_from(graph: nx.DiGraph, start) -> dict:
    """Steps from ``start`` to every organisation it can reach, ties taken either way."""
    neighbours = {
        node: set(graph.successors(node)) | set(graph.predecessors(node)) for node in graph
    }
    seen = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for other in neighbours[node]:
            if other not in seen:
                seen[other] = seen[node] + 1
                queue.append(other)
    return seen


def brute_fragmentation(graph: nx.DiGraph) -> float:
    n = len(graph)
    if n < 2:
        return 0.0
    reachable = sum(1 for i, j in permutations(graph, 2) if j in steps_from(graph, i))
    return 1 - reachable / (n * (n - 1))


def brute_distance_fragmentation(graph: nx.DiGraph) -> float:
    n = len(graph)
    if n < 2:
        return 0.0
    total = 0.0
    for i in graph:
        for j, d in steps_from(graph, i).items():
            if j != i:
                total += 1 / d
    return 1 - total / (n * (n - 1))


def brute_reach(graph: nx.DiGraph, players, steps: int) -> float:
    others = [node for node in graph if node not in players]
    if not others:
        return 0.0
    near = set()
    for player in players:
        near |= {node for node, d in steps_from(graph, player).items() if d <= steps}
    return sum(1 for node in others if node in near) / len(others)


# --------------------------------------------------------------------------------------------
# Hand-built ecosystems


def ecosystem(arcs, types=None, isolates=()) -> nx.DiGraph:
    """A network from (source, target[, weight]) arcs; ``types`` maps names to types."""
    graph = nx.DiGraph()
    graph.add_nodes_from(isolates)
    for arc in arcs:
        graph.add_edge(arc[0], arc[1], weight=float(arc[2]) if len(arc) > 2 else 1.0)
    nx.set_node_attributes(graph, types or {}, "type")
    return graph


@pytest.fixture
def star() -> nx.DiGraph:
    """A hub with four partners (one of them tied to another partner) and one isolate."""
    return ecosystem(
        [("Hub", "Trust", 3), ("Council", "Hub", 2), ("Hub", "Charity", 1),
         ("University", "Hub", 4), ("Trust", "Council", 2)],
        types={"Hub": "hub", "Trust": "trust", "Council": "council", "Charity": "VCSE",
               "University": "university", "Alone": "industry"},
        isolates=["Alone"],
    )  # fmt: skip


HAND_BUILT = {
    "two pairs": ecosystem([("a", "b"), ("c", "d")]),
    "path": ecosystem([("a", "b"), ("c", "b"), ("c", "d"), ("d", "e")]),
    "one organisation": ecosystem([], isolates=["a"]),
    "no ties": ecosystem([], isolates=["a", "b", "c"]),
    "complete": nx.complete_graph(5, create_using=nx.DiGraph),
    "kite": nx.DiGraph(nx.krackhardt_kite_graph()),
}


def test_fragmentation_by_hand(star):
    # Components {Hub, Trust, Council, Charity, University} and {Alone}: 5*4 of 6*5 pairs.
    assert fragmentation(star) == pytest.approx(1 - 20 / 30)
    # Two pairs: 2 + 2 of 4*3 ordered pairs reach each other.
    assert fragmentation(HAND_BUILT["two pairs"]) == pytest.approx(1 - 4 / 12)
    assert fragmentation(HAND_BUILT["complete"]) == 0.0
    assert fragmentation(HAND_BUILT["no ties"]) == 1.0
    assert fragmentation(HAND_BUILT["one organisation"]) == 0.0
    assert fragmentation(nx.DiGraph()) == 0.0


def test_distance_fragmentation_by_hand():
    # Path a-b-c: distances 1, 1, 2 each way -> (1 + 1 + 1/2) * 2 = 5 of 6 pairs.
    assert distance_fragmentation(ecosystem([("a", "b"), ("c", "b")])) == pytest.approx(1 - 5 / 6)
    assert distance_fragmentation(HAND_BUILT["complete"]) == 0.0
    assert distance_fragmentation(HAND_BUILT["no ties"]) == 1.0
    assert distance_fragmentation(HAND_BUILT["one organisation"]) == 0.0


def test_a_two_way_tie_counts_once_and_weights_do_not_matter():
    one_way = ecosystem([("a", "b", 4), ("b", "c", 1)])
    both_ways = ecosystem([("a", "b", 1), ("b", "a", 1), ("c", "b", 3)])
    assert distance_fragmentation(one_way) == distance_fragmentation(both_ways)
    assert fragmentation(one_way) == fragmentation(both_ways) == 0.0


def test_reach_by_hand(star):
    others = 5  # of the six organisations, all but the hub
    assert reach(star, ["Hub"]) == pytest.approx(4 / others)  # Alone is out of reach
    assert reach(star, ["Trust"]) == pytest.approx(2 / 5)  # Hub, Council
    assert reach(star, ["Trust"], steps=2) == pytest.approx(4 / 5)
    assert reach(star, ["Trust", "Alone"]) == pytest.approx(2 / 4)
    assert reach(star, list(star)) == 0.0  # no others


def test_reach_refuses_an_unknown_player_and_steps_below_one(star):
    with pytest.raises(OptionError, match="'Nobody' is not in the network"):
        reach(star, ["Nobody"])
    with pytest.raises(OptionError, match="steps"):
        reach(star, ["Hub"], steps=0)


@pytest.mark.parametrize("name", sorted(HAND_BUILT))
def test_measures_equal_brute_force_on_hand_built_networks(name):
    graph = HAND_BUILT[name]
    assert fragmentation(graph) == pytest.approx(brute_fragmentation(graph))
    assert distance_fragmentation(graph) == pytest.approx(brute_distance_fragmentation(graph))
    for player in graph:
        for steps in (1, 2):
            assert reach(graph, [player], steps) == pytest.approx(
                brute_reach(graph, {player}, steps)
            )


REAL = [
    ("padgett_florentine", False),
    ("knoke_bureaucracies", True),
    ("krackhardt_hightech", True),
    ("sampson_monastery", True),
    ("kapferer_tailor", True),
    ("freeman_eies", True),
    ("s50_teenage_friends", True),
    ("tobacco_control_indiana", False),
    ("knecht_classroom", True),
]


@pytest.mark.parametrize(("name", "directed"), REAL, ids=[name for name, _ in REAL])
def test_measures_equal_brute_force_on_real_datasets(datasets_dir, name, directed):
    graph = load_network(datasets_dir / name, directed=directed)
    assert fragmentation(graph) == pytest.approx(brute_fragmentation(graph))
    assert distance_fragmentation(graph) == pytest.approx(brute_distance_fragmentation(graph))
    players = sorted(graph)[:3]
    for steps in (1, 2, 3):
        assert reach(graph, players, steps) == pytest.approx(brute_reach(graph, players, steps))
    # Removing a set of organisations, as a scenario does, agrees with brute force too.
    after = apply_scenario(graph, Scenario(remove=tuple(players)))
    assert fragmentation(after) == pytest.approx(brute_fragmentation(after))


def test_padgett_marriage_network_known_fragmentation(datasets_dir):
    # 16 families; Pucci has no marriage tie, the other 15 are one component: 15*14 of 16*15.
    graph = load_network(datasets_dir / "padgett_florentine", directed=False)
    assert fragmentation(graph) == pytest.approx(1 - 210 / 240)
    # Without the Medici the marriage network falls apart; checked against the components
    # that networkx finds.
    after = apply_scenario(graph, Scenario(remove=("Medici",)))
    sizes = [len(c) for c in nx.connected_components(after.to_undirected())]
    assert fragmentation(after) == pytest.approx(1 - sum(s * (s - 1) for s in sizes) / (15 * 14))
    assert fragmentation(after) > fragmentation(graph)


# --------------------------------------------------------------------------------------------
# Scenarios


def test_scenario_takes_exactly_one_of_remove_or_merge():
    with pytest.raises(OptionError):
        Scenario()
    with pytest.raises(OptionError):
        Scenario(remove=("a",), merge=("a", "b"))
    with pytest.raises(OptionError, match="cannot join itself"):
        Scenario(merge=("a", "a"))
    with pytest.raises(OptionError, match="named twice"):
        Scenario(remove=("a", "a"))


def test_scenario_describes_itself_in_plain_words():
    assert Scenario(remove=("Dorset Innovation Hub",)).describe() == "Dorset Innovation Hub leaves"
    assert Scenario(remove=("A", "B", "C")).describe() == "A, B and C leave"
    assert (
        Scenario(merge=("Dorset Innovation Hub", "NHS Dorset")).describe()
        == "Dorset Innovation Hub joins NHS Dorset"
    )


def test_remove_drops_the_organisations_and_their_arcs_only(star):
    star.graph["wave"] = "W1"
    after = apply_scenario(star, Scenario(remove=("Hub", "Alone")))
    assert sorted(after) == ["Charity", "Council", "Trust", "University"]
    assert list(after.edges(data="weight")) == [("Trust", "Council", 2.0)]
    assert after.nodes["Trust"]["type"] == "trust" and after.graph["wave"] == "W1"
    assert "Hub" in star and star.number_of_edges() == 5  # the input is unchanged


def test_merge_moves_arcs_in_and_out_and_keeps_the_stronger_shared_arc():
    graph = ecosystem(
        [("Hub", "ICB", 2), ("ICB", "Hub", 1),  # between the two: no self-tie after
         ("Hub", "Trust", 4), ("ICB", "Trust", 1),  # shared partner: the hub's 4 wins
         ("Council", "Hub", 1), ("Council", "ICB", 3),  # shared, inwards: the ICB's 3 stays
         ("Hub", "Charity", 2), ("University", "Hub", 5)],  # moved out and in
        types={"Hub": "hub", "ICB": "ICB"},
    )  # fmt: skip
    graph.edges["Hub", "Trust"]["nature"] = "hub's"
    graph.edges["ICB", "Trust"]["nature"] = "icb's"
    graph.edges["Council", "ICB"]["nature"] = "icb's"
    after = apply_scenario(graph, Scenario(merge=("Hub", "ICB")))
    assert "Hub" not in after
    assert not any(u == v for u, v in after.edges())
    assert sorted(after.edges(data="weight")) == [
        ("Council", "ICB", 3.0),
        ("ICB", "Charity", 2.0),
        ("ICB", "Trust", 4.0),
        ("University", "ICB", 5.0),
    ]
    # The stronger arc keeps its own attributes.
    assert after.edges["ICB", "Trust"]["nature"] == "hub's"
    assert after.edges["Council", "ICB"]["nature"] == "icb's"
    assert after.nodes["ICB"]["type"] == "ICB"
    assert graph.has_edge("Hub", "Trust")  # the input is unchanged


def test_merge_on_equal_weights_keeps_the_receiving_organisations_arc():
    graph = ecosystem([("Hub", "Trust", 2), ("ICB", "Trust", 2)])
    graph.edges["ICB", "Trust"]["nature"] = "icb's"
    after = apply_scenario(graph, Scenario(merge=("Hub", "ICB")))
    assert after.edges["ICB", "Trust"]["nature"] == "icb's"


def test_a_scenario_naming_an_organisation_not_in_the_network_is_refused(star):
    with pytest.raises(OptionError, match="'Nobody' is not in the network"):
        apply_scenario(star, Scenario(remove=("Nobody",)))
    with pytest.raises(OptionError, match="'Nobody' is not in the network"):
        apply_scenario(star, Scenario(merge=("Hub", "Nobody")))


def test_hub_leaving_isolates_its_only_partners(star):
    result = run_scenario(star, Scenario(remove=("Hub",)))
    # Charity and University were tied to the hub alone; Alone never had a tie.
    assert result.isolated == ("Charity", "University")
    assert result.fragmentation_before == pytest.approx(1 - 20 / 30)
    # After: {Trust, Council} and three isolates among 5: 2 of 20 ordered pairs.
    assert result.fragmentation_after == pytest.approx(1 - 2 / 20)
    assert result.distance_fragmentation_after == pytest.approx(
        brute_distance_fragmentation(result.after)
    )


def test_types_cut_off_lose_every_tie_to_other_types(star):
    result = run_scenario(star, Scenario(remove=("Hub",)))
    # Trust and Council keep their tie to each other (different types): neither is cut off;
    # the charity and the university lose every tie; the industry isolate had none before.
    assert result.types_cut_off == ("university", "VCSE")
    merged = run_scenario(star, Scenario(merge=("Hub", "Trust")))
    assert merged.types_cut_off == ()


def test_types_cut_off_count_a_type_with_several_organisations_only_when_all_are_cut():
    graph = ecosystem(
        [("Hub", "T1"), ("T2", "Council")],
        types={"Hub": "hub", "T1": "trust", "T2": "trust", "Council": "council"},
    )
    result = run_scenario(graph, Scenario(remove=("Hub",)))
    assert result.types_cut_off == ()  # T2 still works with the council
    result = run_scenario(graph, Scenario(remove=("Hub", "Council")))
    assert result.types_cut_off == ("trust",)


def test_lost_bridges_are_pairs_linked_only_through_those_that_left():
    graph = ecosystem(
        [("Hub", "A"), ("B", "Hub"), ("Hub", "C"), ("C", "D"), ("D", "A"), ("Hub", "E")]
    )
    result = run_scenario(graph, Scenario(remove=("Hub",)))
    bridges = result.lost_bridges
    assert list(bridges.columns) == list(BRIDGE_COLUMNS)
    # A and C also share D, so their bridge is not lost; A-B, B-C, B-E, C-E... were only
    # linked through the hub. A-E too. C-D and A-D are tied directly.
    assert bridges[["first", "second"]].values.tolist() == [
        ["A", "B"], ["A", "E"], ["B", "C"], ["B", "E"], ["C", "E"],
    ]  # fmt: skip
    assert set(bridges["through"]) == {"Hub"}


def test_lost_bridges_name_every_organisation_that_linked_the_pair():
    graph = ecosystem([("A", "X"), ("X", "B"), ("A", "Y"), ("Y", "B")])
    result = run_scenario(graph, Scenario(remove=("X", "Y")))
    assert result.lost_bridges.values.tolist() == [["A", "B", "X; Y"]]
    only_x = run_scenario(graph, Scenario(remove=("X",)))
    assert only_x.lost_bridges.empty  # Y still links them


def test_a_merge_keeps_the_bridge_when_the_receiving_organisation_takes_it_over():
    graph = ecosystem([("A", "Hub"), ("Hub", "B"), ("ICB", "C")])
    result = run_scenario(graph, Scenario(merge=("Hub", "ICB")))
    assert result.lost_bridges.empty and result.isolated == ()
    assert result.fragmentation_after < result.fragmentation_before


def test_measures_hold_every_network_measure_and_both_fragmentations(star):
    result = run_scenario(star, Scenario(remove=("Hub",)))
    table = result.measures
    assert list(table.columns) == list(MEASURE_COLUMNS)
    assert table["measure"].tolist() == [
        *NETWORK_MEASURES,
        "fragmentation",
        "distance_fragmentation",
    ]
    rows = table.set_index("measure")
    assert rows.loc["ties", "before"] == 5 and rows.loc["ties", "after"] == 1
    assert rows.loc["ties", "change"] == -4
    assert rows.loc["fragmentation", "after"] == result.fragmentation_after


def test_findings_name_the_scenario_the_changes_and_the_cut(star):
    findings = run_scenario(star, Scenario(remove=("Hub",))).findings
    assert findings[0] == (
        "If Hub leaves, fragmentation goes up from 0.333 to 0.9 (higher means more of the "
        "ecosystem cut apart)."
    )
    label = measure_label("distance_fragmentation").lower()
    assert findings[1].startswith(f"Its {label} goes up from 0.5 to 0.9")
    assert "2 organisations are left without a tie: Charity and University." in findings
    assert (
        "The universities or academic partners lose every tie to other kinds of organisation."
        in findings
    )
    assert findings[5].startswith("5 pairs of organisations not tied to each other were linked")
    assert any(f.startswith("Ties: down from 5 to 1") for f in findings)
    assert not any(f.startswith("Response rate") for f in findings)  # unchanged: not said


def test_findings_say_so_when_nothing_is_cut():
    graph = ecosystem([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "a")])
    findings = run_scenario(graph, Scenario(remove=("d",))).findings
    assert findings[0] == "If d leaves, fragmentation stays at 0."
    assert "No organisation is left without a tie." in findings
    assert "No pair of organisations loses its only two-step link." in findings


# --------------------------------------------------------------------------------------------
# Glossary


@pytest.mark.parametrize("key", ["fragmentation", "distance_fragmentation", "reach"])
def test_the_glossary_explains_the_sustainability_measures(key):
    entry = SUSTAINABILITY_MEASURES[key]
    assert entry.reference == "Borgatti 2006"
    assert measure_label(key) == entry.label
    assert explain(key).startswith(entry.label + ": ")
    assert "organization" not in entry.explanation.lower()
    assert len(entry.label) <= 30 and entry.explanation.endswith(".")
    sentences = re.findall(r"[.!?](?:\s|$)", entry.explanation)
    assert 2 <= len(sentences) <= 4  # as every glossary entry


# --------------------------------------------------------------------------------------------
# The demo


def test_each_demo_hub_leaving_fragments_its_ecosystem(demo):
    wave = demo.waves[-1]
    for hub in demo.hubs:
        graph = build_network(demo, wave, NetworkOptions(hub=hub))
        hub_organisation = next(n for n, t in graph.nodes(data="type") if t == "hub")
        result = run_scenario(graph, Scenario(remove=(hub_organisation,)))
        assert result.fragmentation_after > result.fragmentation_before, hub
        assert result.distance_fragmentation_after > result.distance_fragmentation_before
        assert result.findings[0].startswith(f"If {hub_organisation} leaves, fragmentation goes up")
        assert not any("nan" in f.lower() for f in result.findings)
        assert set(result.isolated) <= set(result.after)
        assert isinstance(result.lost_bridges, pd.DataFrame)


def test_dorset_hub_leaving(demo):
    graph = build_network(demo, "Summative 2024", NetworkOptions(hub="Dorset"))
    result = run_scenario(graph, Scenario(remove=("Dorset Innovation Hub",)))
    assert result.fragmentation_before == 0.0
    assert result.fragmentation_after == pytest.approx(brute_fragmentation(result.after))
    # 0.691 before the demo's hub catalysed partnerships among Dorset's partners in 2024:
    # the new ties keep more of the ecosystem together without the hub.
    assert math.isclose(result.fragmentation_after, 0.404, abs_tol=5e-4)
    assert result.isolated == ("Dorset HealthCare University NHS Foundation Trust",)
