"""Tests for ecosystem.figures: palette, network drawing and the measure charts.

Expected values come from the graphs and tables themselves, computed here independently of
the figure code (counting pairs, reciprocal arcs, non-missing rows by hand).
"""

from __future__ import annotations

import copy
import itertools
import json
import math

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from ecosystem import codebook, figures
from ecosystem.analysis.brokerage import ROLES, brokerage_roles
from ecosystem.analysis.tables import organisation_table
from ecosystem.codebook import ORGANISATION_TYPES, TYPES
from ecosystem.figures import (
    ROLE_COLOURS,
    TYPE_COLOURS,
    WAVE_COLOURS,
    brokerage_matrix_figure,
    brokerage_roles_figure,
    network_figure,
    overview_figure,
    structural_holes_figure,
    type_colour,
    type_label,
)
from ecosystem.glossary import measure_label
from ecosystem.layout import stable_layout
from ecosystem.network import NetworkOptions, build_network
from ecosystem.service import network_summary_table
from ecosystem.synthetic import SYNTHETIC_WAVE, synthetic_survey

# Paul Tol, "Colour Schemes" (SRON/EPS/TN/09-002) and his tol_colors module: the "muted"
# set (nine colours, pale grey, black), "bright" and "vibrant", copied from the source.
TOL_MUTED = {
    "#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255",
    "#44AA99", "#999933", "#AA4499", "#DDDDDD", "#000000",
}  # fmt: skip
TOL_BRIGHT = {"#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB"}
TOL_VIBRANT = {"#EE7733", "#0077BB", "#33BBEE", "#EE3377", "#CC3311", "#009988", "#BBBBBB"}

HUB = "Dorset Innovation Hub"


@pytest.fixture(scope="module")
def waves(demo):
    """Dorset's ecosystem in both waves, and positions shared by them."""
    graphs = [build_network(demo, wave, NetworkOptions(hub="Dorset")) for wave in demo.waves]
    return graphs, stable_layout(graphs)


@pytest.fixture(scope="module")
def dorset(waves):
    """Dorset, Summative 2024: graph, positions, organisation table."""
    graphs, positions = waves
    graph = graphs[-1]
    assert graph.graph["wave"] == "Summative 2024"
    return graph, positions, organisation_table(graph)


def traces(fig: go.Figure, role: str) -> list:
    return [t for t in fig.data if isinstance(t.meta, dict) and t.meta.get("role") == role]


def node_points(fig: go.Figure) -> dict[str, dict]:
    """Organisation -> its point: x, y, size, outline width, hover text, label, trace.

    A label is the annotation named "label" drawn at the organisation's position ("" if none).
    """
    labels = {(a.x, a.y): a.text for a in fig.layout.annotations if a.name == "label"}
    points = {}
    for trace in traces(fig, "nodes"):
        for k, name in enumerate(trace.customdata):
            assert name not in points, f"{name} drawn twice"
            points[name] = {
                "x": trace.x[k],
                "y": trace.y[k],
                "size": trace.marker.size[k],
                "outline": trace.marker.line.width[k],
                "hover": trace.hovertext[k],
                "label": labels.get((trace.x[k], trace.y[k]), ""),
                "trace": trace.name,
            }
    return points


def segments(trace) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The line segments of a lines trace (start, end, gap, ...)."""
    xs, ys = list(trace.x), list(trace.y)
    assert len(xs) % 3 == 0
    return [
        ((xs[k], ys[k]), (xs[k + 1], ys[k + 1]))
        for k in range(0, len(xs), 3)
        if xs[k + 2] is None and ys[k + 2] is None
    ]


def snapshot(graph: nx.DiGraph):
    return copy.deepcopy(
        (list(graph.nodes(data=True)), list(graph.edges(data=True)), dict(graph.graph))
    )


# ----------------------------------------------------------------------------- palette


def test_every_type_has_its_own_published_colour():
    assert list(TYPE_COLOURS) == list(ORGANISATION_TYPES)
    assert len(set(TYPE_COLOURS.values())) == len(TYPE_COLOURS)
    # Exactly Tol's muted set: all eleven codes used once, no others.
    assert set(TYPE_COLOURS.values()) == TOL_MUTED
    assert TYPE_COLOURS["unknown"] == "#DDDDDD"  # Tol's colour for missing data


def test_role_and_wave_colours_are_tol_schemes():
    assert set(ROLE_COLOURS) == set(ROLES)
    assert set(ROLE_COLOURS.values()) <= TOL_BRIGHT
    assert len(set(ROLE_COLOURS.values())) == len(ROLES)
    assert set(WAVE_COLOURS) <= TOL_VIBRANT
    assert len(set(WAVE_COLOURS)) == len(WAVE_COLOURS)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("HIN", "HIN"),
        ("Academic Health Science Network", "HIN"),
        ("integrated care board", "ICB"),
        ("Charity", "VCSE"),
        ("", "unknown"),
        (None, "unknown"),
        (float("nan"), "unknown"),
    ],
)
def test_type_colour_and_label_follow_the_codebook(written, key):
    assert type_colour(written) == TYPE_COLOURS[key]
    assert type_label(written) == ORGANISATION_TYPES[key]


def test_type_colours_are_named_by_the_codebook_records():
    # Each record names its colour in Tol's muted scheme; the figures keep codebook order.
    assert list(TYPE_COLOURS) == [record.key for record in TYPES]
    for record in TYPES:
        assert TYPE_COLOURS[record.key] == figures.TOL_MUTED[record.colour]


def test_type_words_are_the_codebooks_own():
    assert figures.type_label is codebook.type_label
    assert figures.type_order is codebook.type_order
    assert not hasattr(figures, "MEASURE_LABELS")


def test_other_groups_get_a_stable_muted_colour():
    colours = {type_colour(group) for group in ("Housing association", "Pharmacy", "School")}
    assert colours <= TOL_MUTED - {"#DDDDDD", "#000000"}
    assert type_colour("Housing association") == type_colour("  housing  ASSOCIATION ")
    assert type_label("Housing association") == "Housing association"


# ----------------------------------------------------------------------------- network


def test_one_legend_entry_per_type_present(dorset):
    graph, positions, _ = dorset
    fig = network_figure(graph, positions)
    present = {graph.nodes[n]["type"] for n in graph}
    expected = [label for key, label in ORGANISATION_TYPES.items() if key in present]
    node_traces = traces(fig, "nodes")
    assert [t.name for t in node_traces] == expected
    assert all(t.showlegend is not False for t in node_traces)
    for trace in node_traces:
        assert trace.marker.color == TYPE_COLOURS[trace.meta["type"]]


def test_one_point_per_organisation_at_its_position(dorset):
    graph, positions, _ = dorset
    points = node_points(network_figure(graph, positions))
    assert sorted(points) == sorted(graph)
    for name, point in points.items():
        assert (point["x"], point["y"]) == pytest.approx(positions[name])
        assert point["trace"] == ORGANISATION_TYPES[graph.nodes[name]["type"]]


def test_each_tied_pair_is_one_segment_between_its_organisations(dorset):
    graph, positions, _ = dorset
    fig = network_figure(graph, positions)
    drawn = [s for t in traces(fig, "arcs") + traces(fig, "emphasis") for s in segments(t)]
    # Independent count: arcs minus one per reciprocated pair.
    reciprocated = sum(1 for u, v in graph.edges if graph.has_edge(v, u)) // 2
    assert reciprocated > 0  # the demo has ties both ways, so this checks the merging
    assert len(drawn) == graph.number_of_edges() - reciprocated
    expected = {
        frozenset([tuple(positions[u]), tuple(positions[v])]) for u, v in graph.edges if u != v
    }
    assert {frozenset([tuple(a), tuple(b)]) for a, b in drawn} == expected


def test_arrows_show_the_direction_of_every_arc(dorset):
    graph, positions, _ = dorset
    fig = network_figure(graph, positions)
    arrows = traces(fig, "arrows")
    assert arrows
    seen = set()
    for trace in arrows:
        assert trace.marker.symbol == "arrow"
        assert trace.marker.angleref == "previous"
        assert trace.hoverinfo == "skip", "arrowheads never take clicks meant for nodes"
        for k in range(0, len(trace.x), 2):
            # Pairs of points: an invisible one at the source, then the arrowhead.
            assert trace.marker.size[k] == 0 and trace.marker.size[k + 1] > 0
            start = np.array([trace.x[k], trace.y[k]])
            tip = np.array([trace.x[k + 1], trace.y[k + 1]])
            # The head lies on an arc out of the organisation at the start, nearer its target,
            # set back from the target's centre.
            found = []
            for source_name, target_name in graph.edges:
                source = np.array(positions[source_name])
                if not np.allclose(source, start):
                    continue
                along = np.array(positions[target_name]) - source
                offset = tip - source
                if abs(along[0] * offset[1] - along[1] * offset[0]) > 1e-9:
                    continue
                share = float(np.dot(offset, along) / np.dot(along, along))
                if 0.5 < share < 1.0:
                    found.append((source_name, target_name))
            assert len(found) == 1
            seen.add(found[0])
    assert seen == set(graph.edges)


def test_every_tie_hovers_at_its_middle_with_its_arcs(dorset):
    graph, positions, _ = dorset
    fig = network_figure(graph, positions)
    (hover,) = traces(fig, "tie-hover")
    middles = {}
    for u, v in graph.edges:
        middle = (np.array(positions[u]) + np.array(positions[v])) / 2
        middles[frozenset((u, v))] = middle
    assert len(hover.x) == len(middles), "one hover point per tied pair"
    for x, y, text in zip(hover.x, hover.y, hover.hovertext, strict=True):
        (pair,) = [p for p, m in middles.items() if np.allclose(m, (x, y))]
        for name in pair:
            assert name in text


def test_weight_bands_widen_with_weight(dorset):
    graph, positions, _ = dorset
    fig = network_figure(graph, positions)
    bands = traces(fig, "arcs")
    widths = [t.line.width for t in bands]
    assert len(bands) >= 2 and widths == sorted(widths) and widths[0] < widths[-1]
    # Every segment sits in the band of its pair's weight (the larger of its arcs).
    by_coordinates = {}
    for u, v, w in graph.edges(data="weight"):
        key = frozenset([tuple(positions[u]), tuple(positions[v])])
        by_coordinates[key] = max(by_coordinates.get(key, 0.0), w)
    weights_per_band = [
        [by_coordinates[frozenset([tuple(a), tuple(b)])] for a, b in segments(t)] for t in bands
    ]
    for lower, upper in itertools.pairwise(weights_per_band):
        if lower and upper:
            assert max(lower) <= min(upper)


def test_node_sizes_rise_with_the_measure(dorset):
    graph, positions, table = dorset
    size_by = table["pagerank"]
    points = node_points(network_figure(graph, positions, size_by=size_by))
    ordered = sorted(points, key=lambda n: (size_by[n], n))
    sizes = [points[n]["size"] for n in ordered]
    assert sizes == sorted(sizes)
    assert sizes[0] < sizes[-1]
    equal = node_points(network_figure(graph, positions))
    assert len({p["size"] for p in equal.values()}) == 1


def test_labels_name_only_the_largest_beyond_one_hub(dorset):
    graph, positions, table = dorset
    size_by = table["pagerank"]
    every_hub = graph.copy()
    every_hub.graph["hub"] = None  # as in the all-hubs view
    points = node_points(network_figure(every_hub, positions, size_by=size_by, label_limit=5))
    labelled = {n for n, p in points.items() if p["label"]}
    assert labelled == set(size_by.sort_values(ascending=False).index[:5])
    everyone = node_points(network_figure(every_hub, positions, label_limit=len(graph)))
    assert all(p["label"] for p in everyone.values())


def test_a_one_hub_view_labels_every_organisation_whatever_the_limit(dorset):
    graph, positions, table = dorset
    assert graph.graph["hub"] == "Dorset"
    points = node_points(network_figure(graph, positions, size_by=table["pagerank"], label_limit=5))
    assert all(p["label"] for p in points.values()) and len(points) == len(graph)


def test_highlight_outlines_rings_and_emphasises_arcs(dorset):
    graph, positions, _ = dorset
    fig = network_figure(graph, positions, highlight=[HUB, "Not in this network"])
    points = node_points(fig)
    assert points[HUB]["outline"] > max(p["outline"] for n, p in points.items() if n != HUB)
    (ring,) = traces(fig, "highlight")
    assert (ring.x[0], ring.y[0]) == pytest.approx(positions[HUB]) and len(ring.x) == 1
    emphasised = [s for t in traces(fig, "emphasis") for s in segments(t)]
    partners = set(graph.predecessors(HUB)) | set(graph.successors(HUB))
    assert len(emphasised) == len(partners)
    hub_xy = tuple(positions[HUB])
    assert all(hub_xy in (tuple(a), tuple(b)) for a, b in emphasised)
    plain = network_figure(graph, positions)
    assert not traces(plain, "highlight") and not traces(plain, "emphasis")


def test_hover_names_type_hub_and_measures(dorset):
    graph, positions, table = dorset
    points = node_points(network_figure(graph, positions, measures=table))
    for name, point in points.items():
        hover = point["hover"]
        assert name in hover
        assert ORGANISATION_TYPES[graph.nodes[name]["type"]] in hover
        hubs = graph.nodes[name]["hubs"]
        assert ("Hubs: " if ";" in hubs else "Hub: ") + hubs in hover
        assert f"{measure_label('pagerank')}: {table.loc[name, 'pagerank']:.3f}" in hover
        assert f"{measure_label('in_degree')}: {table.loc[name, 'in_degree']}" in hover


def test_every_measure_label_is_the_glossarys(dorset):
    graph, positions, table = dorset
    fig = network_figure(graph, positions, size_by=table["harmonic"], measures=table)
    hover = node_points(fig)[HUB]["hover"]
    for measure in ("in_degree", "out_degree", "betweenness", "pagerank", "brokerage", "harmonic"):
        assert f"<br>{measure_label(measure)}: " in hover
    notes = " ".join(a.text for a in fig.layout.annotations).replace("<br>", " ")
    assert f"Node size: {measure_label('harmonic')}." in notes
    holes = structural_holes_figure(table)
    assert holes.layout.xaxis.title.text.startswith(measure_label("effective_size") + ": ")
    assert holes.layout.yaxis.title.text.startswith(measure_label("constraint") + ": ")
    assert f"<br>{measure_label('constraint')}: " in traces(holes, "organisations")[0].hovertext[0]
    roles = brokerage_roles_figure(brokerage_roles(graph))
    assert [t.name for t in roles.data] == [measure_label(role) for role in ROLES]


def test_same_input_same_figure(dorset):
    graph, positions, table = dorset
    first = network_figure(graph, positions, size_by=table["pagerank"], highlight=[HUB])
    second = network_figure(graph, positions, size_by=table["pagerank"], highlight=[HUB])
    assert first.to_dict() == second.to_dict()
    reordered = nx.DiGraph()
    reordered.graph.update(graph.graph)
    reordered.add_nodes_from(reversed(list(graph.nodes(data=True))))
    reordered.add_edges_from(reversed(list(graph.edges(data=True))))
    third = network_figure(reordered, positions, size_by=table["pagerank"], highlight=[HUB])
    assert third.to_dict() == first.to_dict()


def test_inputs_are_not_modified(dorset):
    graph, positions, table = dorset
    before = snapshot(graph)
    positions_before = dict(positions)
    table_before = table.copy()
    network_figure(graph, positions, size_by=table["pagerank"], highlight=[HUB], measures=table)
    assert snapshot(graph) == before
    assert positions == positions_before
    pd.testing.assert_frame_equal(table, table_before)


def test_waves_drawn_from_one_layout_line_up(waves):
    graphs, positions = waves
    formative, summative = (network_figure(g, positions) for g in graphs)
    assert formative.layout.xaxis.range == summative.layout.xaxis.range
    assert formative.layout.yaxis.range == summative.layout.yaxis.range
    first, second = node_points(formative), node_points(summative)
    for name in set(first) & set(second):
        assert (first[name]["x"], first[name]["y"]) == (second[name]["x"], second[name]["y"])


def test_figure_stands_alone(dorset):
    graph, positions, _ = dorset
    fig = network_figure(graph, positions, size_by=organisation_table(graph)["pagerank"])
    assert fig.layout.title.text == "Partner network: Dorset ecosystem, Summative 2024"
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    assert fig.layout.yaxis.scaleanchor is None  # no fixed aspect: the drawing fills its plot
    assert fig.layout.plot_bgcolor == "white"
    notes = " ".join(a.text for a in fig.layout.annotations)
    assert f"Node size: {measure_label('pagerank')}" in notes and "Arrows point" in notes
    assert "Illustrative data" not in notes
    marked = network_figure(graph, positions, illustrative=True)
    assert any("Illustrative data" in a.text for a in marked.layout.annotations)
    json.loads(marked.to_json())


def test_missing_position_is_an_error(dorset):
    graph, positions, _ = dorset
    partial = {n: xy for n, xy in positions.items() if n != HUB}
    with pytest.raises(ValueError, match=HUB):
        network_figure(graph, partial)


def test_empty_network_gives_a_message():
    fig = network_figure(nx.DiGraph(), {})
    assert "No organisations" in fig.layout.annotations[0].text


def test_five_thousand_organisations_draw_without_arrows():
    """Scale check: WebGL traces, every organisation, no arrows (speed is the bench's job)."""
    graph = build_network(synthetic_survey(5000, 50000), SYNTHETIC_WAVE)
    names = sorted(graph)
    angle = np.linspace(0, 2 * np.pi, len(names), endpoint=False)
    positions = {n: (math.cos(a), math.sin(a)) for n, a in zip(names, angle, strict=True)}
    fig = network_figure(graph, positions, size_by=pd.Series(dict(graph.in_degree())))
    assert not traces(fig, "arrows")
    assert all(isinstance(t, go.Scattergl) for t in fig.data)
    assert sum(len(t.customdata) for t in traces(fig, "nodes")) == 5000
    gaps = sum(int(np.isnan(np.asarray(t.x, dtype=float)).sum()) for t in traces(fig, "arcs"))
    reciprocated = sum(1 for u, v in graph.edges if graph.has_edge(v, u)) // 2
    assert gaps == graph.number_of_edges() - reciprocated  # one segment per tied pair
    assert "Arrowheads left out" in " ".join(a.text for a in fig.layout.annotations)


# ----------------------------------------------------------------------------- measures


def test_structural_holes_leaves_out_organisations_without_ties(waves):
    graphs, _ = waves
    table = organisation_table(graphs[0])
    undefined = table["constraint"].isna() | table["effective_size"].isna()
    assert undefined.sum() == 4  # Dorset's formative wave has four isolates
    fig = structural_holes_figure(table, highlight=[HUB])
    points = {}
    for trace in traces(fig, "organisations"):
        for name, x, y in zip(trace.customdata, trace.x, trace.y, strict=True):
            points[name] = (x, y)
    assert set(points) == set(table.index[~undefined])
    for name, (x, y) in points.items():
        assert x == table.loc[name, "effective_size"]
        assert y == table.loc[name, "constraint"]
    (note,) = [a for a in fig.layout.annotations if a.name == "note"]  # names are annotations
    assert "4 organisations without ties are not shown" in note.text
    assert fig.layout.xaxis.title.text == "Effective size: non-redundant contacts"
    assert fig.layout.yaxis.title.text == "Constraint: how much its contacts are tied to each other"
    (ring,) = traces(fig, "highlight")
    assert (ring.x[0], ring.y[0]) == points[HUB]
    json.loads(fig.to_json())


def test_brokerage_matrix_cells_equal_the_matrix():
    matrix = pd.DataFrame(
        [[0, 3, 1], [2, 0, 0], [5, 1, 4]],
        index=["hub", "trust", "Housing association"],
        columns=["hub", "council", "trust"],
    )
    fig = brokerage_matrix_figure(matrix)
    (heatmap,) = fig.data
    assert [list(row) for row in heatmap.z] == matrix.to_numpy().tolist()
    assert list(heatmap.y) == ["Innovation hub", "NHS provider trust", "Housing association"]
    assert list(heatmap.x) == ["Innovation hub", "Local council", "NHS provider trust"]
    assert heatmap.texttemplate == "%{z}"
    assert fig.layout.yaxis.autorange == "reversed"  # first row on top, as in the table
    json.loads(fig.to_json())


def test_brokerage_roles_show_the_leading_brokers(dorset):
    graph, _, _ = dorset
    roles = brokerage_roles(graph)
    fig = brokerage_roles_figure(roles, top=5)
    assert [t.meta["role"] for t in fig.data] == list(ROLES)
    assert fig.layout.barmode == "stack"
    totals = roles[list(ROLES)].sum(axis=1)
    leaders = sorted(totals[totals > 0].index, key=lambda n: (-totals[n], n))[:5]
    for trace in fig.data:
        assert list(trace.y) == leaders
        assert list(trace.x) == [float(roles.loc[n, trace.meta["role"]]) for n in leaders]
    # Leading broker at the top of the chart.
    assert list(fig.layout.yaxis.categoryarray) == leaders[::-1]
    json.loads(fig.to_json())


def test_brokerage_roles_without_brokers_says_so():
    pair = nx.DiGraph([("a", "b")])
    nx.set_node_attributes(pair, "trust", "type")
    roles = brokerage_roles(pair)
    fig = brokerage_roles_figure(roles)
    assert not fig.data
    assert "No organisation brokers" in fig.layout.annotations[0].text


def test_overview_has_a_panel_per_measure_and_a_trace_per_wave(demo):
    summary = network_summary_table(demo, demo.waves)
    measures = ("density", "reciprocity", "degree_centralisation", "ei_index", "response_rate")
    fig = overview_figure(summary, measures)
    panels = {}
    for trace in fig.data:
        panels.setdefault((trace.xaxis, trace.yaxis), []).append(trace)
    assert len(panels) == len(measures)
    titles = [a.text for a in fig.layout.annotations if a.text in {"Density", "Reciprocity"}]
    assert titles == ["Density", "Reciprocity"]
    panel_titles = [a.text for a in fig.layout.annotations][: len(measures)]
    assert panel_titles == [measure_label(m) for m in measures]
    for trace in fig.data:
        assert f"<br>{measure_label(trace.meta['measure'])}: " in trace.hovertemplate
    for panel in panels.values():
        assert [t.name for t in panel] == list(demo.waves)
    assert [t.name for t in fig.data if t.showlegend] == list(demo.waves)
    for trace in fig.data:
        rows = summary[summary["wave"] == trace.meta["wave"]].set_index("scope")
        assert list(trace.x) == list(rows.index)
        assert list(trace.y) == pytest.approx(rows[trace.meta["measure"]].tolist())
    two = overview_figure(summary, ("density", "ties"))
    assert len({(t.xaxis, t.yaxis) for t in two.data}) == 2
    with pytest.raises(ValueError, match="no_such_measure"):
        overview_figure(summary, ("no_such_measure",))
    json.loads(fig.to_json())
