"""Names beside the points of a scatter chart, placed so that no two overlap.

Method: a greedy pass over text boxes measured from the font size (Imhof's rule of trying a
few positions around each point, in a fixed order of preference; Christensen, Marks and
Shieber 1995 found such greedy candidate placement close to optimal for small maps). Points
are taken in order of priority; each label tries eight places around its point (right,
left, above, below, then the diagonals) and takes the first that stays in the plot and
clears every label already placed and every point. A label with no free place is left out
(its point still names itself on hover). Text is wrapped and measured as the network's
labels are (:func:`~ecosystem.figures.labels.text.wrap_name`,
:func:`~ecosystem.figures.labels.text.text_box`).

Why not a physics (repelling) layout: it is slower, not deterministic without a seed, and
gives no guarantee. Why rays: the labels sit a fixed number of pixels from their points,
while the points spread with the plot's size, so two labels that clear each other at one
size could meet at a larger one. Each pair is checked along the ray of every plot size from
the reference size up (a Liang-Barsky clip of the ray against the overlap box), so the
labels clear each other at the reference size and at every larger one.

References
----------
Imhof, E. (1975). Positioning names on maps. *The American Cartographer* 2(2), 128-144.
Christensen, J., Marks, J. and Shieber, S. (1995). An empirical study of algorithms for
point-feature label placement. *ACM Transactions on Graphics* 14(3), 203-232.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np
import plotly.graph_objects as go

from ecosystem.figures.labels.placed import PlacedLabel
from ecosystem.figures.labels.text import text_box, wrap_name

__all__ = ["LABEL_GAP", "TRIED_AT_MOST", "add_point_labels", "place_beside_points"]

LABEL_GAP: Final = 3.0
"""Pixels between a point's marker and its label."""

# (x, y) direction of each candidate place, in order of preference; y points up.
_PLACES: Final = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))
_X_ANCHORS: Final = {1: "left", 0: "center", -1: "right"}
_Y_ANCHORS: Final = {1: "bottom", 0: "middle", -1: "top"}

TRIED_AT_MOST: Final = 200
"""How many names :func:`place_beside_points` tries, in order of priority, before it stops.

On a 520 x 400 px plot a few dozen names fit at most, and among thousands of points almost
none beyond the first few hundred find room; the chart is read for its leading brokers. So
trying every one of 5,000 organisations costs much and names next to nothing more. Below this
many (a hub's or the demo's network) every organisation is tried, as before."""


def _rays_meet_box(start: np.ndarray, step: np.ndarray, half: np.ndarray) -> np.ndarray:
    """Row by row, whether ``start + t * step`` for some t >= 0 lies strictly inside the box
    ``|v_i| < half_i`` (Liang-Barsky clipping of a ray), for many rays at once.

    ``start`` and ``step`` are (n, 2) arrays; ``half`` is (2,) or (n, 2). An axis the ray
    does not move along keeps it inside for every t or for none; an axis it moves along
    keeps it inside between two values of t; the ray meets the box where those intervals,
    and t >= 0, share more than a point.

    >>> _rays_meet_box(np.array([[-5.0, 0.0], [-5.0, 3.0]]), np.array([[1.0, 0.0]] * 2),
    ...                np.array([1.0, 1.0])).tolist()
    [True, False]
    """
    half = np.broadcast_to(half, start.shape)
    low, high = np.zeros(len(start)), np.full(len(start), np.inf)
    within = np.ones(len(start), dtype=bool)
    for axis in range(2):
        s, d, h = start[:, axis], step[:, axis], half[:, axis]
        moving = d != 0
        by = np.where(moving, d, 1.0)
        ends = ((-h - s) / by, (h - s) / by)
        low = np.maximum(low, np.where(moving, np.minimum(*ends), -np.inf))
        high = np.minimum(high, np.where(moving, np.maximum(*ends), np.inf))
        within &= moving | (np.abs(s) < h)
    return within & (low < high)


def _candidate(
    index: int, text: str, place: tuple[int, int], size: tuple[float, float], radius: float
) -> PlacedLabel:
    dx, dy = place
    reach = radius + LABEL_GAP
    shift = (dx * reach, dy * reach)
    centre = (shift[0] + dx * size[0] / 2, shift[1] + dy * size[1] / 2)
    return PlacedLabel(
        index, text, _X_ANCHORS[dx], _Y_ANCHORS[dy], shift[0], shift[1], centre, size
    )


def place_beside_points(
    points: Sequence[tuple[float, float]],
    names: Sequence[str],
    order: Sequence[int],
    plot: tuple[float, float],
    font_size: float,
    marker: float,
    most: int = TRIED_AT_MOST,
) -> list[PlacedLabel]:
    """Place the names of ``points`` (pixels in a plot of ``plot`` pixels, y up) greedily.

    Parameters
    ----------
    points : sequence of (x, y)
        Each point's position in pixels at the reference plot size, from the lower left.
    names : sequence of str
        One per point.
    order : sequence of int
        The points to label, most important first.
    plot : (width, height)
        The reference plot size in pixels: labels stay inside it, and clear each other at
        it and at every larger size.
    font_size, marker : float
        The labels' font size and the markers' diameter, in pixels.
    most : int, optional
        Only the first ``most`` of ``order`` are tried (:data:`TRIED_AT_MOST`); every point
        is still an obstacle. Placement is greedy, so the names placed are exactly those an
        uncapped pass places among the first ``most``.

    Returns
    -------
    list of PlacedLabel
        The labels that found room, in ``order``.

    Two points 4 px apart: the first name goes to the left (its right is the second point),
    the second to the right.

    >>> points = [(100, 50), (104, 50)]
    >>> placed = place_beside_points(points, ["Alpha", "Beta"], [0, 1], (200, 100), 10, 8)
    >>> [(p.text, p.xanchor, p.xshift) for p in placed]
    [('Alpha', 'right', -7.0), ('Beta', 'left', 7.0)]
    """
    where = np.asarray(points, dtype=float).reshape(-1, 2)
    tried = list(order)[: max(most, 0)]
    taken = _Taken(len(tried))
    placed: list[PlacedLabel] = []
    radius = marker / 2
    for index in tried:
        text = wrap_name(names[index])
        size = text_box(text, font_size)
        others = np.delete(where[index] - where, index, axis=0)
        for place in _PLACES:
            label = _candidate(index, text, place, size, radius)
            if _fits(label, where[index], others, taken, plot, radius):
                placed.append(label)
                taken.add(where[index], label)
                break
    return placed


class _Taken:
    """The labels placed so far, as arrays: their points, box centres (relative to their
    points) and half sizes, so a candidate is checked against all of them at once."""

    def __init__(self, capacity: int) -> None:
        self.points = np.empty((capacity, 2))
        self.centres = np.empty((capacity, 2))
        self.halves = np.empty((capacity, 2))
        self.count = 0

    def add(self, point: np.ndarray, label: PlacedLabel) -> None:
        """Record ``label``, placed beside ``point``."""
        k = self.count
        self.points[k] = point
        self.centres[k] = label.centre
        self.halves[k] = (label.size[0] / 2, label.size[1] / 2)
        self.count = k + 1


def _fits(
    label: PlacedLabel,
    point: np.ndarray,
    others: np.ndarray,
    taken: _Taken,
    plot: tuple[float, float],
    radius: float,
) -> bool:
    """Whether ``label`` stays in the plot and clears the other points (``others``: this
    point minus each other point) and the labels ``taken``, at its size and every larger one.

    Two boxes whose points are ``gap`` apart at the reference size, and whose centres sit
    ``offsets`` (difference) from their points, never overlap at that size or larger when
    the ray ``gap + offsets + t * gap`` (t >= 0) misses the box of their summed half sizes.
    """
    x, y = float(point[0]), float(point[1])
    cx, cy = x + label.centre[0], y + label.centre[1]
    half_w, half_h = label.size[0] / 2, label.size[1] / 2
    if cx - half_w < 0 or cx + half_w > plot[0] or cy - half_h < 0 or cy + half_h > plot[1]:
        return False
    half = np.array([half_w + radius, half_h + radius])
    if _rays_meet_box(others + np.array(label.centre), others, half).any():
        return False
    n = taken.count
    gaps = point - taken.points[:n]
    offsets = np.array(label.centre) - taken.centres[:n]
    return not _rays_meet_box(
        gaps + offsets, gaps, np.array([half_w, half_h]) + taken.halves[:n]
    ).any()


def add_point_labels(
    fig: go.Figure,
    points: Sequence[tuple[float, float]],
    names: Sequence[str],
    order: Sequence[int],
    ranges: tuple[tuple[float, float], tuple[float, float]],
    plot: tuple[float, float],
    font_size: float,
    marker: float,
) -> list[PlacedLabel]:
    """Name ``points`` (data coordinates on axes of fixed ``ranges``) on ``fig``, no two
    names overlapping; returns the labels placed (see :func:`place_beside_points`).

    Each label is an annotation named "organisation label" at its point, anchored and
    shifted in pixels, so it keeps its place beside the point at any plot size.
    """
    (x0, x1), (y0, y1) = ranges
    pixels = [((x - x0) / (x1 - x0) * plot[0], (y - y0) / (y1 - y0) * plot[1]) for x, y in points]
    placed = place_beside_points(pixels, names, order, plot, font_size, marker)
    for label in placed:
        x, y = points[label.index]
        fig.add_annotation(
            x=x,
            y=y,
            xref="x",
            yref="y",
            text=label.text,
            showarrow=False,
            xanchor=label.xanchor,
            yanchor=label.yanchor,
            xshift=label.xshift,
            yshift=label.yshift,
            align="center" if label.xanchor == "center" else label.xanchor,
            font={"size": font_size},
            name="organisation label",
        )
    return placed
