"""Point labels at scale: the vectorised obstacle check and the cap on names tried.

The references below are the scalar implementation the vectorised one replaced, copied as
it was (a Liang-Barsky ray clip per pair, and the greedy pass over eight places): the
independent computation the new code must reproduce exactly.
"""

from __future__ import annotations

import dataclasses
import random
import re

import numpy as np
import pandas as pd
import pytest

from ecosystem.figures.labels import beside_points, text_box, wrap_name
from ecosystem.figures.labels.beside_points import (
    _PLACES,
    TRIED_AT_MOST,
    _candidate,
    _rays_meet_box,
    place_beside_points,
)
from ecosystem.figures.structural_holes import structural_holes_figure

# --------------------------------------------------------------------------------------
# The scalar reference (the previous implementation)
# --------------------------------------------------------------------------------------


def _ray_meets_box(start, step, half) -> bool:
    low, high = 0.0, float("inf")
    for s, d, h in zip(start, step, half, strict=True):
        if d == 0:
            if abs(s) >= h:
                return False
            continue
        ends = sorted(((-h - s) / d, (h - s) / d))
        low, high = max(low, ends[0]), min(high, ends[1])
        if low >= high:
            return False
    return True


def _clear(gap, offsets, half) -> bool:
    start = (gap[0] + offsets[0], gap[1] + offsets[1])
    return not _ray_meets_box(start, gap, half)


def _fits(label, points, placed, plot, radius) -> bool:
    x, y = points[label.index]
    cx, cy = x + label.centre[0], y + label.centre[1]
    half_w, half_h = label.size[0] / 2, label.size[1] / 2
    if cx - half_w < 0 or cx + half_w > plot[0] or cy - half_h < 0 or cy + half_h > plot[1]:
        return False
    for other, (ox, oy) in enumerate(points):
        if other == label.index:
            continue
        gap = (x - ox, y - oy)
        if not _clear(gap, label.centre, (half_w + radius, half_h + radius)):
            return False
    for done in placed:
        px, py = points[done.index]
        gap = (x - px, y - py)
        offsets = (label.centre[0] - done.centre[0], label.centre[1] - done.centre[1])
        half = (half_w + done.size[0] / 2, half_h + done.size[1] / 2)
        if not _clear(gap, offsets, half):
            return False
    return True


def reference_place_labels(points, names, order, plot, font_size, marker):
    placed = []
    radius = marker / 2
    for index in order:
        text = wrap_name(names[index])
        size = text_box(text, font_size)
        for place in _PLACES:
            label = _candidate(index, text, place, size, radius)
            if _fits(label, points, placed, plot, radius):
                placed.append(label)
                break
    return placed


# --------------------------------------------------------------------------------------
# Random layouts
# --------------------------------------------------------------------------------------

PLOT = (520.0, 400.0)


def _layout(seed: int, count: int):
    """Points (some clustered, some on a coarse grid so that gaps are exact ties, a few
    repeated), names of varied length, and a shuffled priority order."""
    rng = random.Random(seed)
    points = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.3:
            points.append((rng.gauss(400, 40) % PLOT[0], rng.gauss(100, 30) % PLOT[1]))
        elif kind < 0.6:
            points.append((float(rng.randrange(0, 520, 13)), float(rng.randrange(0, 400, 13))))
        elif kind < 0.65 and points:
            points.append(rng.choice(points))
        else:
            points.append((rng.uniform(0, PLOT[0]), rng.uniform(0, PLOT[1])))
    names = [f"Org {k} " + "word " * rng.randrange(0, 8) for k in range(count)]
    order = list(range(count))
    rng.shuffle(order)
    return points, names, order


def _as_tuples(labels):
    return [dataclasses.astuple(label) for label in labels]


# --------------------------------------------------------------------------------------
# The vectorised ray check
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_the_vectorised_ray_check_equals_the_scalar_reference_on_random_rays(seed):
    rng = np.random.default_rng(seed)
    n = 4000
    # small integers make zero steps, rays grazing a corner and boxes touching edge to edge
    start = rng.integers(-6, 7, size=(n, 2)).astype(float)
    step = rng.integers(-3, 4, size=(n, 2)).astype(float)
    half = rng.integers(1, 5, size=(n, 2)).astype(float)
    smooth = rng.random(n) < 0.5
    start[smooth] = rng.normal(0, 20, size=(smooth.sum(), 2))
    step[smooth] *= rng.normal(0, 5, size=(smooth.sum(), 2))
    got = _rays_meet_box(start, step, half)
    expected = [_ray_meets_box(s, d, h) for s, d, h in zip(start, step, half, strict=True)]
    assert got.tolist() == expected
    assert 0.1 < np.mean(expected) < 0.9  # both answers are exercised
    one_half = half[0]
    shared = [_ray_meets_box(s, d, one_half) for s, d in zip(start, step, strict=True)]
    assert _rays_meet_box(start, step, one_half).tolist() == shared


# --------------------------------------------------------------------------------------
# The same placements as before
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("seed", "count"), [(0, 50), (1, 120), (2, 199), (3, 200), (4, 60)])
def test_place_labels_equals_the_previous_greedy_pass_on_random_layouts(seed, count):
    points, names, order = _layout(seed, count)
    expected = reference_place_labels(points, names, order, PLOT, 11, 12)
    got = place_beside_points(points, names, order, PLOT, font_size=11, marker=12)
    assert 5 <= len(expected) < count  # some names fit and some do not
    assert _as_tuples(got) == _as_tuples(expected)


@pytest.mark.parametrize("seed", range(2))
def test_uncapped_placement_equals_the_previous_greedy_pass_on_300_points(seed):
    points, names, order = _layout(10 + seed, 300)
    expected = reference_place_labels(points, names, order, PLOT, 11, 12)
    got = place_beside_points(points, names, order, PLOT, font_size=11, marker=12, most=300)
    assert _as_tuples(got) == _as_tuples(expected)


# --------------------------------------------------------------------------------------
# The cap on names tried
# --------------------------------------------------------------------------------------


def test_with_a_cap_the_labels_are_those_the_uncapped_pass_places_among_the_first():
    points, names, order = _layout(20, 300)
    uncapped = reference_place_labels(points, names, order, PLOT, 11, 12)
    first = set(order[:60])
    capped = place_beside_points(points, names, order, PLOT, font_size=11, marker=12, most=60)
    # greedy: a later name never moves an earlier one, so the cap keeps a prefix's places
    assert _as_tuples(capped) == _as_tuples([p for p in uncapped if p.index in first])
    assert len(capped) < len(uncapped)  # the cap did leave names out here


def test_at_scale_only_the_first_names_of_the_order_are_tried(monkeypatch):
    count = TRIED_AT_MOST + 150
    points, names, order = _layout(30, count)
    tried = []

    def wrap(name):
        tried.append(name)
        return wrap_name(name)

    monkeypatch.setattr(beside_points, "wrap_name", wrap)
    placed = place_beside_points(points, names, order, PLOT, font_size=11, marker=12)
    assert tried == [names[k] for k in order[:TRIED_AT_MOST]]
    assert {p.index for p in placed} <= set(order[:TRIED_AT_MOST])
    # every point, tried or not, is still an obstacle: as the reference over the first N
    expected = reference_place_labels(points, names, order[:TRIED_AT_MOST], PLOT, 11, 12)
    assert _as_tuples(placed) == _as_tuples(expected)


def _holes_table(count: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "type": "NHS provider trust",
            "effective_size": rng.gamma(2.0, 3.0, count),
            "constraint": rng.uniform(0.05, 1.0, count),
        },
        index=[f"Organisation {k:04d}" for k in range(count)],
    )


def _named_in_caption(fig) -> tuple[int, int, str]:
    (note,) = [a.text.replace("<br>", " ") for a in fig.layout.annotations if a.name == "note"]
    named = sum(a.name == "organisation label" for a in fig.layout.annotations)
    match = re.search(r"([\d,]+) of ([\d,]+) organisations are named", note)
    assert match, note
    return named, int(match[1].replace(",", "")), note


def test_the_caption_counts_the_names_placed_and_says_only_the_first_are_tried():
    count = TRIED_AT_MOST * 6
    named, said, note = _named_in_caption(structural_holes_figure(_holes_table(count, 1)))
    assert said == named
    assert f"of {count:,} organisations are named" in note
    assert f"only the first {TRIED_AT_MOST:,} are tried" in note


def test_below_the_cap_the_caption_says_nothing_of_a_cap():
    named, said, note = _named_in_caption(structural_holes_figure(_holes_table(150, 2)))
    assert said == named
    assert "are tried" not in note
