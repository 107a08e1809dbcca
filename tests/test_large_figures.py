"""Large networks draw fast and change in place: WebGL from LARGE_NETWORK organisations, a
change of size measure or highlight patched rather than redrawn, labels capped in cost."""

from __future__ import annotations

import json
import math

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from dash import Patch

from ecosystem.dashboard.callbacks import (
    drawn_key,
    network_update,
    network_view,
    selection_from_controls,
)
from ecosystem.dashboard.data import DashboardData
from ecosystem.figures import network_figure, network_overlay
from ecosystem.figures.labels import text_box, to_reference_pixels
from ecosystem.figures.network import LARGE_LABELLED
from ecosystem.figures.style import LARGE_NETWORK
from ecosystem.network import build_network
from ecosystem.synthetic import SYNTHETIC_WAVE, synthetic_survey


def circle(G: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """Every organisation on a circle, in name order (a fixed, cheap layout)."""
    names = sorted(G)
    angles = np.linspace(0, 2 * np.pi, len(names), endpoint=False)
    return {n: (math.cos(a), math.sin(a)) for n, a in zip(names, angles, strict=True)}


def plain(figure: go.Figure | dict) -> dict:
    """A figure as the browser receives it: plotly JSON, read back."""
    return json.loads(pio.to_json(figure, validate=False))


def patched(figure: go.Figure, patch: Patch) -> dict:
    """The figure after the browser applies a Dash patch of assignments."""
    result = plain(figure)
    operations = plain(patch.to_plotly_json())["operations"]
    for operation in operations:
        assert operation["operation"] == "Assign", operation
        *path, last = operation["location"]
        target = result
        for key in path:
            target = target[key]
        target[last] = operation["params"]["value"]
    return result


def shown(figure: dict) -> tuple[list, list]:
    """What a figure draws: its traces and annotations (not its size on the page)."""
    return figure["data"], figure["layout"].get("annotations", [])


@pytest.fixture(scope="module")
def large():
    """A network just large enough to be drawn as a large one, on a circle."""
    G = build_network(synthetic_survey(LARGE_NETWORK + 20, 3_000, seed=5), SYNTHETIC_WAVE)
    return G, circle(G)


def measure(G: nx.DiGraph, name: str) -> pd.Series:
    """A measure to size nodes by: in- or out-degree, named as the table's column."""
    degrees = G.in_degree() if name == "in_degree" else G.out_degree()
    return pd.Series(dict(degrees), name=name, dtype=float)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (("in_degree", ()), ("out_degree", ())),  # the size measure changes
        (("in_degree", ()), ("in_degree", ("Organisation 00007",))),  # one is chosen
        (("in_degree", ("Organisation 00007",)), ("out_degree", ("Organisation 00100",))),
        (("out_degree", ("Organisation 00100",)), ("out_degree", ())),  # the choice cleared
    ],
)
def test_a_large_network_patched_equals_the_one_drawn_in_full(large, before, after):
    G, positions = large
    drawn = network_figure(G, positions, measure(G, before[0]), highlight=before[1])
    overlay = network_overlay(G, positions, measure(G, after[0]), highlight=after[1])
    expected = plain(network_figure(G, positions, measure(G, after[0]), highlight=after[1]))
    result = plain(drawn)
    result["data"][overlay.first :] = overlay.traces
    result["layout"]["annotations"] = overlay.annotations
    assert len(result["data"]) == len(expected["data"])
    assert shown(plain(result)) == shown(expected)
    assert result["data"][: overlay.first] == plain(drawn)["data"][: overlay.first]  # ties kept


def test_the_overlay_leaves_the_ties_out(large):
    G, positions = large
    overlay = network_overlay(G, positions, measure(G, "in_degree"))
    roles = [trace["meta"]["role"] for trace in overlay.traces]
    assert "arcs" not in roles and "tie-hover" not in roles
    assert roles.count("nodes") >= 1
    full = network_figure(G, positions, measure(G, "in_degree"))
    assert [t.meta["role"] for t in full.data[: overlay.first]][-1] == "tie-hover"


def test_a_network_drawn_in_full_has_no_overlay():
    G = build_network(synthetic_survey(LARGE_NETWORK - 1, 1_000, seed=5), SYNTHETIC_WAVE)
    assert network_overlay(G, circle(G)) is None
    assert network_overlay(nx.DiGraph(), {}) is None


@pytest.mark.parametrize(("organisations", "webgl"), [(499, False), (500, True)])
def test_webgl_is_used_from_five_hundred_organisations_and_not_below(organisations, webgl):
    G = build_network(synthetic_survey(organisations, 1_000, seed=6), SYNTHETIC_WAVE)
    fig = network_figure(G, circle(G), measure(G, "in_degree"))
    kinds = {type(trace) for trace in fig.data}
    assert kinds == ({go.Scattergl} if webgl else {go.Scatter})
    arrows = [t for t in fig.data if t.meta["role"] == "arrows"]
    assert bool(arrows) is not webgl  # arrowheads only on the SVG drawing


def test_ties_of_a_large_network_are_a_few_traces_whatever_its_size(large):
    G, positions = large
    fig = network_figure(G, positions, measure(G, "in_degree"), highlight=["Organisation 00007"])
    ties = [t for t in fig.data if t.meta["role"] in ("arcs", "emphasis", "tie-hover")]
    assert len(ties) <= 9  # four weight bands, their emphasis, the hover points
    assert len(fig.data) - len(ties) <= 12  # a ring and one trace per organisation type


def test_a_large_network_names_only_its_most_central_with_labels_apart():
    G = build_network(synthetic_survey(2_000, 8_000, seed=7), SYNTHETIC_WAVE)
    sizes = measure(G, "in_degree")
    fig = network_figure(G, circle(G), sizes, label_limit=40)
    labels = [a for a in fig.layout.annotations if a.name == "label"]
    assert len(labels) == LARGE_LABELLED == 15  # capped at scale, whatever the limit asked
    positions = circle(G)
    named = {next(n for n, xy in positions.items() if np.allclose(xy, (a.x, a.y))) for a in labels}
    threshold = sizes.sort_values(ascending=False).iloc[14]
    assert all(sizes[name] >= threshold for name in named)
    frame = (list(fig.layout.xaxis.range), list(fig.layout.yaxis.range))
    boxes = []
    for a in labels:  # on the reference canvas, where they are placed
        (centre,) = to_reference_pixels(np.array([[a.x, a.y]]), *frame)
        shift = (a.ax, -a.ay) if a.showarrow else (a.xshift, a.yshift)
        width, height = text_box(a.text)
        boxes.append((centre[0] + shift[0], centre[1] + shift[1], width, height))
    for k, (x, y, w, h) in enumerate(boxes):
        for x2, y2, w2, h2 in boxes[k + 1 :]:
            assert abs(x - x2) >= (w + w2) / 2 or abs(y - y2) >= (h + h2) / 2


@pytest.fixture(scope="module")
def large_data() -> DashboardData:
    """The dashboard's data on a large synthetic survey (measures computed once)."""
    return DashboardData(synthetic_survey(LARGE_NETWORK + 20, 3_000, seed=5))


def test_the_callback_patches_a_large_network_shown_already(large_data):
    selection = selection_from_controls(SYNTHETIC_WAVE, None, None, None, None)
    first, key = network_update(large_data, selection, "betweenness", None, None)
    assert isinstance(first, go.Figure) and key == drawn_key(selection)
    patch, again = network_update(large_data, selection, "pagerank", "Organisation 00007", key)
    assert isinstance(patch, Patch) and again == key
    expected = network_view(large_data, selection, "pagerank", "Organisation 00007")
    assert shown(patched(first, patch)) == shown(plain(expected))


def test_the_callback_draws_in_full_when_the_network_shown_is_another(large_data):
    selection = selection_from_controls(SYNTHETIC_WAVE, None, None, None, None)
    filtered = selection_from_controls(SYNTHETIC_WAVE, None, None, 3, None)
    figure, key = network_update(large_data, filtered, "pagerank", None, drawn_key(selection))
    assert isinstance(figure, go.Figure) and key == drawn_key(filtered)


def test_the_demo_is_drawn_in_full_on_every_change(demo):
    data = DashboardData(demo, illustrative=True)
    selection = selection_from_controls(data.waves[-1], None, None, None, None)
    key = drawn_key(selection)
    figure, _ = network_update(data, selection, "pagerank", None, key)
    assert isinstance(figure, go.Figure)
    assert shown(plain(figure)) == shown(plain(network_view(data, selection, "pagerank", None)))
