"""Organisation labels on network pictures: what they say and that they are placed apart."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np

from ecosystem.figures import network_figure
from ecosystem.figures.labels import (
    REFERENCE_PLOT,
    label_text,
    place_around_nodes,
    text_box,
    wrap_name,
)
from ecosystem.figures.network import weight_bands


def _boxes_overlap(a, b) -> bool:
    (ax, ay, aw, ah), (bx, by, bw, bh) = a, b
    return abs(ax - bx) < (aw + bw) / 2 and abs(ay - by) < (ah + bh) / 2


def _star(count: int = 20) -> tuple[np.ndarray, dict[int, tuple[float, float]]]:
    """A crowded star on the reference canvas: a centre and ``count`` organisations round it."""
    middle = np.array(REFERENCE_PLOT) / 2
    angles = [2 * math.pi * k / count for k in range(count)]
    points = [middle] + [middle + np.array([110 * math.cos(a), 110 * math.sin(a)]) for a in angles]
    names = [f"Organisation number {k} of the partner network" for k in range(count + 1)]
    return np.array(points), {k: text_box(wrap_name(n)) for k, n in enumerate(names)}


def test_a_long_name_wraps_onto_two_balanced_lines_and_is_never_cut():
    name = "University Hospitals Dorset NHS Foundation Trust"
    lines = wrap_name(name).split("<br>")
    assert len(lines) == 2 and " ".join(lines) == name
    assert abs(len(lines[0]) - len(lines[1])) <= 8
    assert "…" not in wrap_name(name) and wrap_name("NHS Dorset") == "NHS Dorset"


def test_a_short_name_wins_over_the_full_name():
    assert label_text(
        "University Hospitals Dorset NHS Foundation Trust", {"short_name": "UHD"}
    ) == ("UHD")
    assert label_text("Dorset Council", {"short_name": "  "}) == "Dorset Council"
    assert label_text("Dorset Council", {}) == "Dorset Council"


def test_labels_on_a_crowded_star_overlap_no_label_and_stay_on_the_canvas():
    points, boxes = _star()
    placed = place_around_nodes(points, np.full(len(points), 6.0), boxes, list(boxes))
    drawn = [(*(points[p.index] + p.centre), *p.size) for p in placed]
    for a, b in itertools.combinations(drawn, 2):
        assert not _boxes_overlap(a, b)
    for x, y, w, h in drawn:
        assert x - w / 2 >= 0 and x + w / 2 <= REFERENCE_PLOT[0]
        assert y - h / 2 >= 0 and y + h / 2 <= REFERENCE_PLOT[1]
    # and on a canvas twice as wide: positions spread, text keeps its size
    wider = [(2 * points[p.index][0] + p.centre[0], points[p.index][1] + p.centre[1], *p.size)
             for p in placed]  # fmt: skip
    for a, b in itertools.combinations(wider, 2):
        assert not _boxes_overlap(a, b)


def test_placement_is_deterministic():
    points, boxes = _star()
    first = place_around_nodes(points, np.full(len(points), 6.0), boxes, list(boxes))
    second = place_around_nodes(points, np.full(len(points), 6.0), boxes, list(boxes))
    assert first == second


def test_every_organisation_of_a_one_hub_view_is_labelled_with_its_short_name_if_any():
    graph = nx.DiGraph(hub="Dorset")
    names = [f"Partner organisation with a long name {k}" for k in range(18)]
    for k, name in enumerate(names):
        graph.add_node(name, type="trust", short_name="P1" if k == 0 else "")
        graph.add_edge(names[0], name, weight=2.0) if k else None
    positions = {n: (math.cos(k), math.sin(k)) for k, n in enumerate(names)}
    fig = network_figure(graph, positions)
    labels = [a.text for a in fig.layout.annotations if a.name == "label"]
    assert len(labels) == len(names)
    assert "P1" in labels and not any("…" in text for text in labels)


def test_tie_weight_legend_reads_in_answer_words():
    _, frequency = weight_bands(np.array([1.0, 2.0, 2.5, 4.0]), "frequency")
    assert frequency == ["Less than quarterly", "Quarterly", "Monthly", "Weekly or more"]
    _, relevance = weight_bands(np.array([3.0, 1.0]), "relevance")
    assert relevance == ["Somewhat relevant", "Highly relevant"]
    bands, product = weight_bands(np.array([1.0, 12.0]), "product")
    assert bands.tolist() == [0, 1] and product[0].startswith("Weak")
    _, numbers = weight_bands(np.array([0.5, 1.0]), None)
    assert numbers == ["0.5", "1"]
