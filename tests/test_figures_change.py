"""Tests for the figures that compare two survey waves (ecosystem.figures).

Expected values are computed here, independently of the figure code: tied pairs as sets of
unordered pairs from each graph's arcs, top changes by sorting the table with pandas, and
small graphs and tables worked by hand (the working is in the comments).
"""

from __future__ import annotations

import copy
import json

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from ecosystem.analysis.summary import network_measures
from ecosystem.analysis.tables import organisation_table
from ecosystem.figures import (
    GAINED_COLOUR,
    LOST_COLOUR,
    catalysis_figure,
    difference_figure,
    network_change_figure,
    network_figure,
    organisation_change_figure,
)
from ecosystem.glossary import measure_label
from ecosystem.layout import stable_layout
from ecosystem.network import NetworkOptions, build_network

TOL_BRIGHT = {"#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB"}
HUB = "Dorset Innovation Hub"
NEW_IN_SUMMATIVE = {"Bournemouth University", "Health Sciences University"}


@pytest.fixture(scope="module")
def waves(demo):
    """Dorset's ecosystem in both demo waves, and positions shared by them."""
    graphs = [
        build_network(demo, wave, NetworkOptions(hub="Dorset"))
        for wave in ("Formative 2023", "Summative 2024")
    ]
    return graphs[0], graphs[1], stable_layout(graphs)


@pytest.fixture
def small():
    """Two waves of six organisations, worked by hand.

    Before: A<->B, A->C, C->D; F an isolate (in the first wave only).
    After:  A->B, B->C, D->C, E->A (E in the second wave only).
    Pairs before {AB, AC, CD}, after {AB, BC, CD, AE}, so
    kept = {AB, CD}, lost = {AC}, gained = {BC, AE}.
    """
    before = nx.DiGraph(wave="Wave one", hub="Test")
    before.add_nodes_from(
        [
            ("A", {"type": "hub"}),
            ("B", {"type": "trust"}),
            ("C", {"type": "ICB"}),
            ("D", {"type": "VCSE"}),
            ("F", {"type": "council"}),
        ]
    )
    before.add_weighted_edges_from(
        [("A", "B", 2.0), ("B", "A", 2.0), ("A", "C", 1.0), ("C", "D", 3.0)]
    )
    after = nx.DiGraph(wave="Wave two", hub="Test")
    after.add_nodes_from(
        [
            ("A", {"type": "hub"}),
            ("B", {"type": "trust"}),
            ("C", {"type": "ICB"}),
            ("D", {"type": "VCSE"}),
            ("E", {"type": "university"}),
        ]
    )
    after.add_weighted_edges_from(
        [("A", "B", 4.0), ("B", "C", 1.0), ("D", "C", 3.0), ("E", "A", 2.0)]
    )
    positions = {
        "A": (0.0, 0.0),
        "B": (1.0, 0.0),
        "C": (1.0, 1.0),
        "D": (0.0, 1.0),
        "E": (-1.0, 0.0),
        "F": (0.5, -1.0),
    }
    return before, after, positions


def traces(fig, role: str) -> list:
    return [t for t in fig.data if isinstance(t.meta, dict) and t.meta.get("role") == role]


def drawn_pairs(trace, positions) -> set[frozenset[str]]:
    """The unordered pairs of organisations whose segments a lines trace draws."""
    at = {tuple(xy): name for name, xy in positions.items()}
    xs, ys = list(trace.x), list(trace.y)
    assert len(xs) % 3 == 0
    pairs = []
    for k in range(0, len(xs), 3):
        assert xs[k + 2] is None and ys[k + 2] is None
        pairs.append(frozenset((at[(xs[k], ys[k])], at[(xs[k + 1], ys[k + 1])])))
    assert len(pairs) == len(set(pairs)), "a pair drawn twice"
    return set(pairs)


def tied_pairs(graph: nx.DiGraph) -> set[frozenset[str]]:
    return {frozenset((u, v)) for u, v in graph.edges if u != v}


def node_points(fig) -> dict[str, dict]:
    points = {}
    for trace in traces(fig, "nodes"):
        for k, name in enumerate(trace.customdata):
            assert name not in points, f"{name} drawn twice"
            points[name] = {
                "x": trace.x[k],
                "y": trace.y[k],
                "fill": trace.marker.color[k],
                "outline": trace.marker.line.color[k],
                "outline_width": trace.marker.line.width[k],
                "hover": trace.hovertext[k],
            }
    return points


def snapshot(graph: nx.DiGraph):
    return copy.deepcopy(
        (list(graph.nodes(data=True)), list(graph.edges(data=True)), dict(graph.graph))
    )


# ----------------------------------------------------------------------- difference map


def test_gained_lost_and_kept_pairs_equal_the_set_computation(waves):
    before, after, positions = waves
    fig = difference_figure(before, after, positions)
    first, second = tied_pairs(before), tied_pairs(after)
    expected = {"gained": second - first, "lost": first - second, "kept": first & second}
    assert all(expected.values()), "the demo has ties of every kind, so each is checked"
    labels = {"gained": "Gained", "lost": "Lost", "kept": "Kept"}
    for status, pairs in expected.items():
        (trace,) = traces(fig, status)
        assert drawn_pairs(trace, positions) == pairs
        assert trace.name == f"{labels[status]} ({len(pairs)})"
    # Every tied pair of either wave once, in exactly one kind.
    assert sum(len(p) for p in expected.values()) == len(first | second)


def test_small_graphs_give_the_hand_worked_changes(small):
    before, after, positions = small
    fig = difference_figure(before, after, positions)
    assert [t.name for t in fig.data if t.meta["role"] in {"gained", "lost", "kept"}] == [
        "Kept (2)",
        "Lost (1)",
        "Gained (2)",
    ]
    pair = frozenset
    assert drawn_pairs(traces(fig, "kept")[0], positions) == {pair("AB"), pair("CD")}
    assert drawn_pairs(traces(fig, "lost")[0], positions) == {pair("AC")}
    assert drawn_pairs(traces(fig, "gained")[0], positions) == {pair("BC"), pair("AE")}
    # The hover of a kept pair gives both weights and any change of direction:
    # A-B was both ways at weight 2, now A -> B at weight 4; C-D turned round.
    (hover,) = traces(fig, "tie-hover")
    texts = {}
    for x, y, text in zip(hover.x, hover.y, hover.hovertext, strict=True):
        texts[(x, y)] = text
    ab = texts[(0.5, 0.0)]
    assert "Kept" in ab and "2 → 4 (stronger)" in ab and "both ways, now A → B" in ab
    cd = texts[(0.5, 1.0)]
    assert "C → D, now D → C" in cd and "3 → 3 (same weight)" in cd
    assert "Lost: tied in Wave one, not in Wave two" in texts[(0.5, 0.5)]
    assert "Gained: tied in Wave two, not in Wave one" in texts[(-0.5, 0.0)]
    # Node hover counts the ties each organisation gained, lost and kept: A gained A-E,
    # lost A-C, kept A-B.
    assert "Ties gained: 1, lost: 1, kept: 1" in node_points(fig)["A"]["hover"]


def test_lost_ties_are_dashed_and_each_kind_has_its_own_colour(waves):
    before, after, positions = waves
    fig = difference_figure(before, after, positions)
    (gained,), (lost,), (kept,) = (traces(fig, s) for s in ("gained", "lost", "kept"))
    assert lost.line.dash == "dash"
    assert gained.line.dash == "solid" and kept.line.dash == "solid"
    assert gained.line.color == GAINED_COLOUR == "#4477AA"
    assert lost.line.color == LOST_COLOUR == "#EE6677"
    assert {gained.line.color, lost.line.color} <= TOL_BRIGHT
    assert len({gained.line.color, lost.line.color, kept.line.color}) == 3
    assert gained.line.width > kept.line.width and lost.line.width > kept.line.width
    assert all(t.hoverinfo == "skip" for t in (gained, lost, kept))


def test_organisations_in_one_wave_only_are_hollow_and_say_so(waves):
    before, after, positions = waves
    assert set(after) - set(before) == NEW_IN_SUMMATIVE and set(before) <= set(after)
    points = node_points(difference_figure(before, after, positions))
    for name, point in points.items():
        if name in NEW_IN_SUMMATIVE:
            assert point["fill"] == "white"
            assert point["outline"] not in {"white", "#FFFFFF"}  # the type's colour
            assert "Only in Summative 2024" in point["hover"]
            assert "In both waves" not in point["hover"]
        else:
            assert point["fill"] != "white"
            assert "In both waves" in point["hover"]


def test_presence_in_either_wave_is_marked_in_small_graphs(small):
    before, after, positions = small
    fig = difference_figure(before, after, positions)
    points = node_points(fig)
    assert "Only in Wave one" in points["F"]["hover"] and points["F"]["fill"] == "white"
    assert "Only in Wave two" in points["E"]["hover"] and points["E"]["fill"] == "white"
    assert traces(fig, "presence-key")
    same = difference_figure(before, before, positions)
    assert not traces(same, "presence-key")
    assert all(p["fill"] != "white" for p in node_points(same).values())


def test_every_organisation_of_either_wave_is_a_clickable_point(waves):
    before, after, positions = waves
    points = node_points(difference_figure(before, after, positions))
    assert set(points) == set(before) | set(after)
    for name, point in points.items():
        assert (point["x"], point["y"]) == pytest.approx(positions[name])
        assert name in point["hover"]
    for trace in traces(difference_figure(before, after, positions), "nodes"):
        assert trace.hoverinfo == "text"


def test_same_frame_as_the_network_figures_of_both_waves(waves):
    before, after, positions = waves
    difference = difference_figure(before, after, positions)
    for graph in (before, after):
        network = network_figure(graph, positions)
        assert difference.layout.xaxis.range == network.layout.xaxis.range
        assert difference.layout.yaxis.range == network.layout.yaxis.range
        # Same plot area: the heights differ only by the lines of their captions.
        plot = difference.layout.height - difference.layout.margin.b
        assert plot == network.layout.height - network.layout.margin.b
    assert difference.layout.yaxis.scaleanchor is None  # fills its plot, as the networks do


def test_organisations_are_drawn_as_in_the_network_figure(waves):
    # One set of trace builders: the same wave twice gives the network's organisations,
    # in the same traces, at the same places, with the same names and label sides.
    _, after, positions = waves
    network = traces(network_figure(after, positions), "nodes")
    difference = traces(difference_figure(after, after, positions), "nodes")
    assert [t.name for t in difference] == [t.name for t in network]
    for mapped, drawn in zip(difference, network, strict=True):
        for attribute in ("x", "y", "customdata", "text", "textposition", "legendgroup"):
            assert mapped[attribute] == drawn[attribute], attribute
        assert list(mapped.marker.color) == [drawn.marker.color] * len(drawn.x)
        assert mapped.hovertext[0].startswith(drawn.hovertext[0].split("<br>Answered")[0])


def test_title_and_caption_name_the_waves(waves, small):
    before, after, positions = waves
    fig = difference_figure(before, after, positions, illustrative=True)
    assert (
        fig.layout.title.text == "What changed: Dorset ecosystem, Formative 2023 to Summative 2024"
    )
    notes = " ".join(a.text for a in fig.layout.annotations)
    assert "Illustrative data" in notes and "No arrows" in notes and "dashed" in notes
    # Without wave names in the graphs, the figure still says which is which.
    first, second, xy = small
    plain_first, plain_second = first.copy(), second.copy()
    plain_first.graph.clear()
    plain_second.graph.clear()
    unnamed = difference_figure(plain_first, plain_second, xy)
    assert "Only in the earlier wave" in node_points(unnamed)["F"]["hover"]
    json.loads(fig.to_json())


def test_highlight_rings_the_chosen_organisation(waves):
    before, after, positions = waves
    fig = difference_figure(before, after, positions, highlight=[HUB, "Not here"])
    (ring,) = traces(fig, "highlight")
    assert len(ring.x) == 1 and (ring.x[0], ring.y[0]) == pytest.approx(positions[HUB])
    points = node_points(fig)
    assert points[HUB]["outline_width"] > max(
        p["outline_width"] for n, p in points.items() if n != HUB
    )
    assert not traces(difference_figure(before, after, positions), "highlight")


def test_same_input_same_figure(small):
    before, after, positions = small
    first = difference_figure(before, after, positions, highlight=["A"])
    second = difference_figure(before, after, positions, highlight=["A"])
    assert first.to_dict() == second.to_dict()
    reordered = []
    for graph in (before, after):
        copy_ = nx.DiGraph()
        copy_.graph.update(graph.graph)
        copy_.add_nodes_from(reversed(list(graph.nodes(data=True))))
        copy_.add_edges_from(reversed(list(graph.edges(data=True))))
        reordered.append(copy_)
    third = difference_figure(*reordered, dict(reversed(positions.items())), highlight=["A"])
    assert third.to_dict() == first.to_dict()


def test_inputs_are_not_modified(waves):
    before, after, positions = waves
    snapshots = snapshot(before), snapshot(after)
    positions_before = dict(positions)
    difference_figure(before, after, positions, highlight=[HUB])
    assert (snapshot(before), snapshot(after)) == snapshots
    assert positions == positions_before


def test_missing_position_and_empty_graphs(small):
    before, after, positions = small
    partial = {n: xy for n, xy in positions.items() if n != "E"}
    with pytest.raises(ValueError, match="'E'"):
        difference_figure(before, after, partial)
    empty = difference_figure(nx.DiGraph(), nx.DiGraph(), {})
    assert "No organisations" in empty.layout.annotations[0].text


# ----------------------------------------------------------------- organisation change


@pytest.fixture(scope="module")
def demo_change(waves):
    """An organisation change table built here from the two waves' organisation tables."""
    before, after, _ = waves
    first, second = organisation_table(before), organisation_table(after)
    names = sorted(set(first.index) | set(second.index))
    table = pd.DataFrame(index=pd.Index(names, name="organisation"))
    for measure in ("pagerank", "in_degree"):
        table[f"{measure}_before"] = first[measure].reindex(names).astype(float)
        table[f"{measure}_after"] = second[measure].reindex(names).astype(float)
        table[f"{measure}_change"] = table[f"{measure}_after"] - table[f"{measure}_before"]
    table["type"] = second["type"].reindex(names).fillna(first["type"].reindex(names))
    return table


def dumbbells(fig) -> dict[str, tuple[float, float]]:
    """Organisation -> (before, after) as drawn."""
    (before,) = traces(fig, "before")
    earlier = dict(zip(before.y, before.x, strict=True))
    later = {}
    for trace in traces(fig, "after"):
        later.update(zip(trace.y, trace.x, strict=True))
    assert set(earlier) == set(later)
    return {name: (earlier[name], later[name]) for name in earlier}


@pytest.mark.parametrize("top", [5, 12])
def test_dumbbell_shows_the_largest_absolute_changes(demo_change, top):
    fig = organisation_change_figure(demo_change, "pagerank", top=top)
    # Independent: rows with both values, a non-zero change, by |change| then name.
    rows = demo_change.dropna(subset=["pagerank_before", "pagerank_after"])
    rows = rows[rows["pagerank_change"] != 0]
    ordered = (
        rows.assign(size=rows["pagerank_change"].abs(), name=rows.index)
        .sort_values(["size", "name"], ascending=[False, True])
        .index[:top]
        .tolist()
    )
    assert list(fig.layout.yaxis.categoryarray) == ordered[::-1]  # largest at the top
    drawn = dumbbells(fig)
    assert set(drawn) == set(ordered)
    for name in ordered:
        assert drawn[name] == pytest.approx(
            (demo_change.loc[name, "pagerank_before"], demo_change.loc[name, "pagerank_after"])
        )
    for trace in traces(fig, "after"):
        rising = trace.meta["direction"] == "higher"
        assert trace.marker.color == (GAINED_COLOUR if rising else LOST_COLOUR)
        for name in trace.y:
            assert (demo_change.loc[name, "pagerank_change"] > 0) == rising
    # Organisations of one wave only have no before value: two in Dorset's demo.
    assert "2 organisations without a value in both waves" in fig.layout.annotations[0].text
    assert fig.layout.xaxis.title.text == measure_label("pagerank")


def test_dumbbell_hand_worked_ties_and_skips():
    # |change|: T 3, U 3, H 1, I 0 (unchanged, left out); N and O lack a value.
    # Top 2 by |change| then name: T then U (equal changes, name order), then H.
    table = pd.DataFrame(
        {
            "in_degree_before": [2, 1, 4, 3, np.nan, 5],
            "in_degree_after": [1, 4, 1, 3, 2, np.nan],
            "in_degree_change": [-1, 3, -3, 0, np.nan, np.nan],
            "type": ["hub", "trust", "ICB", "VCSE", "council", "PPIE"],
        },
        index=["H", "U", "T", "I", "N", "O"],
    )
    original = table.copy()
    fig = organisation_change_figure(table, "in_degree", top=2, waves=("2023", "2024"))
    assert list(fig.layout.yaxis.categoryarray) == ["U", "T"]
    assert dumbbells(fig) == {"T": (4.0, 1.0), "U": (1.0, 4.0)}
    lines = {t.meta["direction"]: t for t in traces(fig, "change-line")}
    assert list(lines["higher"].y) == ["U", "U", None]
    assert list(lines["lower"].y) == ["T", "T", None]
    assert fig.layout.xaxis.title.text == measure_label("in_degree")  # the glossary's label
    note = fig.layout.annotations[0].text.replace("<br>", " ")  # the caption is wrapped
    assert "2 organisations without a value in both waves" in note
    assert "of 4 with a value in both waves" in note
    (before,) = traces(fig, "before")
    assert before.name == "2023" and "4 (2023) → 1 (2024), -3" in before.hovertext[0]
    pd.testing.assert_frame_equal(table, original)
    everyone = organisation_change_figure(table, "in_degree", top=10)
    assert list(everyone.layout.yaxis.categoryarray) == ["H", "U", "T"]
    json.loads(fig.to_json())


def test_dumbbell_errors_and_nothing_to_show():
    with pytest.raises(ValueError, match="pagerank_change"):
        organisation_change_figure(
            pd.DataFrame({"pagerank_before": [1.0], "pagerank_after": [1.0]}), "pagerank"
        )
    still = pd.DataFrame(
        {"pagerank_before": [0.2], "pagerank_after": [0.2], "pagerank_change": [0.0]},
        index=["Hub"],
    )
    fig = organisation_change_figure(still, "pagerank")
    assert not fig.data and "No organisation's PageRank changed" in fig.layout.annotations[0].text


# ---------------------------------------------------------------------------- catalysis


def test_catalysis_bars_and_annotations_match_the_numbers():
    # Dorset: 4 of 17 open pairs closed, 4/17 = 23.5% -> 24%; Bradford 3 of 20 = 15%;
    # Manchester had no open pairs.
    summary = pd.DataFrame(
        {
            "hub": ["Dorset", "Bradford District and Craven", "Manchester"],
            "partners": [7, 8, 3],
            "open_pairs": [17, 20, 0],
            "closed_pairs": [4, 3, 0],
            "closed_share": [4 / 17, 3 / 20, np.nan],
        }
    )
    original = summary.copy()
    fig = catalysis_figure(summary, waves=("Formative 2023", "Summative 2024"))
    (closed,), (still,) = traces(fig, "closed"), traces(fig, "still-open")
    hubs = ["Dorset", "Bradford District and Craven", "Manchester"]
    assert list(closed.y) == hubs and list(still.y) == hubs
    assert list(closed.x) == [4, 3, 0]
    assert list(still.x) == [13, 17, 0]  # open minus closed
    assert fig.layout.barmode == "stack"
    assert list(fig.layout.yaxis.categoryarray) == hubs[::-1]  # first hub at the top
    notes = {a.y: a.text for a in fig.layout.annotations if a.name == "catalysis"}
    assert notes == {
        "Dorset": "4 of 17 (24%)",
        "Bradford District and Craven": "3 of 20 (15%)",
        "Manchester": "no open pairs",
    }
    placed = {a.y: a.x for a in fig.layout.annotations if a.name == "catalysis"}
    assert placed == {"Dorset": 17, "Bradford District and Craven": 20, "Manchester": 0}
    assert closed.name == "Tied directly in Summative 2024"
    assert "Partners: 7" in closed.hovertext[0]
    pd.testing.assert_frame_equal(summary, original)
    json.loads(fig.to_json())


def test_catalysis_takes_hubs_from_the_index():
    summary = pd.DataFrame(
        {"open_pairs": [10], "closed_pairs": [10]}, index=pd.Index(["Dorset"], name="hub")
    )
    fig = catalysis_figure(summary)
    assert [a.text for a in fig.layout.annotations if a.name == "catalysis"] == ["10 of 10 (100%)"]
    with pytest.raises(ValueError, match="closed_pairs"):
        catalysis_figure(pd.DataFrame({"hub": ["Dorset"], "open_pairs": [3]}))


# ------------------------------------------------------------------ network measures


def test_network_change_has_one_dumbbell_per_measure_with_its_values():
    network = pd.DataFrame(
        {
            "before": [0.10, 0.50, 0.30, -0.20],
            "after": [0.15, 0.40, 0.30, 0.25],
            "change": [0.05, -0.10, 0.0, 0.45],
        },
        index=pd.Index(["density", "reciprocity", "transitivity", "ei_index"], name="measure"),
    )
    original = network.copy()
    measures = ("density", "reciprocity", "transitivity", "ei_index")
    fig = network_change_figure(network, measures, waves=("2023", "2024"))
    for role in ("before", "after", "change-line"):
        assert [t.meta["measure"] for t in traces(fig, role)] == list(measures)
    expected_direction = {
        "density": "higher",
        "reciprocity": "lower",
        "transitivity": "same",
        "ei_index": "higher",
    }
    axes = set()
    for measure in measures:
        (before,) = [t for t in traces(fig, "before") if t.meta["measure"] == measure]
        (after,) = [t for t in traces(fig, "after") if t.meta["measure"] == measure]
        (line,) = [t for t in traces(fig, "change-line") if t.meta["measure"] == measure]
        assert list(before.x) == [network.loc[measure, "before"]]
        assert list(after.x) == [network.loc[measure, "after"]]
        assert list(line.x) == [network.loc[measure, "before"], network.loc[measure, "after"]]
        label = measure_label(measure)
        assert list(before.y) == [label] and list(after.y) == [label]
        assert after.meta["direction"] == expected_direction[measure]
        assert before.xaxis == after.xaxis == line.xaxis
        axes.add(before.xaxis)
    assert len(axes) == len(measures), "one panel per measure"
    colours = {t.meta["direction"]: t.marker.color for t in traces(fig, "after")}
    assert colours["higher"] == GAINED_COLOUR and colours["lower"] == LOST_COLOUR
    assert colours["same"] not in {GAINED_COLOUR, LOST_COLOUR}
    ticks = [fig.layout[f"yaxis{k if k > 1 else ''}"].ticktext[0] for k in range(1, 5)]
    assert ticks[0] == "<b>Density</b><br>0.100 → 0.150 (+0.050)"
    assert ticks[3] == "<b>E-I index</b><br>-0.200 → 0.250 (+0.450)"
    assert list(fig.layout.xaxis4.range) == pytest.approx([-1.06, 1.06])  # E-I: -1 to 1
    assert [t.name for t in fig.data if t.showlegend] == [
        "2023",
        "2024: higher",
        "2024: lower",
        "2024: no change",
    ]
    pd.testing.assert_frame_equal(network, original)
    json.loads(fig.to_json())


def test_network_change_of_the_demo_waves(waves):
    before, after, _ = waves
    network = pd.DataFrame({"before": network_measures(before), "after": network_measures(after)})
    network["change"] = network["after"] - network["before"]
    fig = network_change_figure(network)
    default = [
        "density",
        "reciprocity",
        "transitivity",
        "degree_centralisation",
        "betweenness_centralisation",
        "ei_index",
    ]
    afters = {t.meta["measure"]: t.x[0] for t in traces(fig, "after")}
    assert list(afters) == default
    for measure in default:
        assert afters[measure] == pytest.approx(network_measures(after)[measure])
    with pytest.raises(ValueError, match="no_such_measure"):
        network_change_figure(network, ("density", "no_such_measure"))
    with pytest.raises(ValueError, match="'after'"):
        network_change_figure(network[["before"]], ("density",))
