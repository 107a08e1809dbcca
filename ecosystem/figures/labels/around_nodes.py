"""Names around the nodes of a network picture, placed so that none collide.

What a label says is :mod:`ecosystem.figures.labels.text`'s. Where it goes, and why this
method: the pixel size of a dashboard plot is not known in Python, so labels are placed in
the pixel space of a **reference canvas**: :data:`REFERENCE_PLOT`, the smallest plot area the
picture is ever drawn in (the network pane of the dashboard at 1280x800, the compare view's
half-width networks, and the exported figure). The axis ranges are fixed from the positions
alone (:func:`frame_ranges`), with no fixed aspect ratio, so the drawing fills its plot; a
larger canvas only moves the organisations further apart in pixels, while text and node
discs keep their pixel size. Each label is drawn as an annotation at its organisation's
position, shifted by a pixel offset.

Offsets are chosen by a small greedy, collision-avoiding pass (the usual approach of
cartographic point-feature labelling, e.g. Christensen, Marks and Shieber 1995): labels are
taken most central first, and each takes the first of a fixed list of candidate offsets
(right, left, above, below, the diagonals, then the same on wider rings) whose box overlaps
no node disc and no placed label and stays inside the canvas. Text boxes are measured from
the font size (:func:`~ecosystem.figures.labels.text.text_box`). Two boxes count as apart
only if they are apart along one axis both on the reference canvas and on one
:data:`LARGEST_SCALE` times larger: the gap between them changes linearly with the scale, so
they are then apart on every canvas between, and a picture that is clear at the reference
size stays clear on every larger screen or page. When no candidate is clear, the one
overlapping least is taken. Same input, same offsets.

References
----------
Christensen, J., Marks, J. and Shieber, S. (1995). An empirical study of algorithms for
point-feature label placement. *ACM Transactions on Graphics* 14(3), 203-232.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import numpy as np

from ecosystem.figures.labels.placed import PlacedLabel
from ecosystem.figures.labels.text import LABEL_SIZE, text_box

__all__ = [
    "FRAME_INSET",
    "LABEL_OBSTACLES",
    "REFERENCE_PLOT",
    "frame_ranges",
    "label_annotations",
    "obstacle_rows",
    "place_around_nodes",
    "to_reference_pixels",
]

REFERENCE_PLOT: Final = (560.0, 380.0)
"""Width and height in pixels of the smallest plot area a network is drawn in (the
dashboard's network pane at 1280x800 is about 598x422, the compare view's networks 572x392,
an exported figure about 680x580)."""

FRAME_INSET: Final = (0.07, 0.1)
"""Share of the plot's width and height kept on each side beyond the outermost organisations,
room for their labels (the organisations span the rest: the drawing fills its plot)."""

LEADER_COLOUR: Final = "#777777"
"""Colour of the thin line from a far label to its organisation."""

GAP: Final = 2.0
"""Pixels kept between a label and a node disc or another label."""

_RINGS: Final = (0.0, 6.0, 14.0, 24.0, 36.0, 50.0, 66.0, 84.0, 104.0, 128.0, 156.0)
"""Extra distance in pixels of each ring of candidate offsets beyond the nearest one."""

LEADER_FROM: Final = 24.0
"""Labels set this many pixels or more beyond the nearest ring get a thin line to their node."""

_SIDES: Final = 24
"""Candidate directions per ring, evenly round the node, starting to the right."""

LARGEST_SCALE: Final = 3.0
"""Labels apart on the reference canvas stay apart on canvases up to this many times wider
or higher (a 1920-pixel screen is about twice the reference); the gap between two boxes
changes linearly with the scale, so checking both ends checks every size between."""

ATTEMPTS: Final = 5
"""Greedy passes at most: each next one takes first the labels the last one left colliding."""

LABEL_COLLISION: Final = 1e4
"""Cost of a square pixel of label over label (a pixel of label over a node costs 1)."""

REPAIR_ROUNDS: Final = 3
"""Times the labels still colliding after the greedy pass are placed again among the rest."""


def frame_ranges(points: np.ndarray) -> tuple[list[float], list[float]]:
    """Axis ranges that put ``points`` (rows of x, y) inside the :data:`FRAME_INSET` margins.

    >>> frame_ranges(np.array([[0.0, 0.0], [1.0, 2.0]]))
    ([-0.081395, 1.081395], [-0.25, 2.25])
    """
    ranges = []
    for axis, inset in enumerate(FRAME_INSET):
        low, high = float(points[:, axis].min()), float(points[:, axis].max())
        span = high - low if high > low else 1.0
        whole = span / (1.0 - 2.0 * inset)
        middle = (low + high) / 2.0
        ranges.append([round(middle - whole / 2.0, 6), round(middle + whole / 2.0, 6)])
    return ranges[0], ranges[1]


def to_reference_pixels(
    points: np.ndarray, x_range: Sequence[float], y_range: Sequence[float]
) -> np.ndarray:
    """Points in pixels of the reference canvas (origin bottom left, y up).

    >>> to_reference_pixels(np.array([[0.5, 1.0]]), [0, 1], [0, 1]).tolist()
    [[280.0, 380.0]]
    """
    width, height = REFERENCE_PLOT
    x = (points[:, 0] - x_range[0]) / (x_range[1] - x_range[0]) * width
    y = (points[:, 1] - y_range[0]) / (y_range[1] - y_range[0]) * height
    return np.column_stack([x, y])


def place_around_nodes(
    centres: np.ndarray,
    radii: np.ndarray,
    boxes: Mapping[int, tuple[float, float]],
    order: Sequence[int],
    canvas: tuple[float, float] = REFERENCE_PLOT,
) -> list[PlacedLabel]:
    """Places for the labels ``boxes`` (row -> width, height) of nodes at ``centres``.

    Greedy, in ``order`` (most central first): see the module notes for the method.
    ``centres`` are every node's pixel positions and ``radii`` their disc radii; labels
    stay inside ``canvas``. Every label of ``order`` is placed (where none is clear, where
    it collides least), centred on its offset, and returned in ``order``; their ``text``
    is blank (the boxes are what is placed).

    >>> centres = np.array([[100.0, 100.0], [140.0, 100.0]])
    >>> placed = place_around_nodes(centres, np.array([5.0, 5.0]),
    ...                             {0: (30.0, 14.0), 1: (30.0, 14.0)}, [0, 1])
    >>> [p.centre for p in placed]
    [(0.0, 14.0), (22.0, 0.0)]
    """
    best: dict[int, PlacedLabel] = {}
    fewest = len(order) + 1
    attempt = list(order)
    for _ in range(ATTEMPTS):
        placed, stuck = _greedy(attempt, centres, radii, boxes, canvas)
        if len(stuck) < fewest:
            best, fewest = placed, len(stuck)
        if not stuck:
            break
        attempt = stuck + [row for row in attempt if row not in stuck]
    return [best[row] for row in order]


def _greedy(
    order: Sequence[int],
    centres: np.ndarray,
    radii: np.ndarray,
    boxes: Mapping[int, tuple[float, float]],
    canvas: tuple[float, float],
) -> tuple[dict[int, PlacedLabel], list[int]]:
    """One greedy pass in ``order`` with repair rounds; the placements and the rows whose
    labels still cover another label or cross the edge."""
    placed: dict[int, PlacedLabel] = {}
    costs: dict[int, float] = {}
    for row in order:
        placed[row], costs[row] = _best_place(row, boxes[row], centres, radii, placed, canvas)
    for _ in range(REPAIR_ROUNDS):
        stuck = [row for row in order if costs[row] > 0]
        if not stuck:
            break
        for row in stuck:
            others = {k: p for k, p in placed.items() if k != row}
            placed[row], costs[row] = _best_place(row, boxes[row], centres, radii, others, canvas)
    return placed, [row for row in order if costs[row] >= LABEL_COLLISION]


def _best_place(
    row: int,
    box: tuple[float, float],
    centres: np.ndarray,
    radii: np.ndarray,
    placed: Mapping[int, PlacedLabel],
    canvas: tuple[float, float],
) -> tuple[PlacedLabel, float]:
    """The first clear candidate for one label, else the one colliding least; and its cost."""
    width, height = box
    best, least = _centred(row, 0.0, 0.0, box, False), np.inf
    for dx, dy, far in _candidates(float(radii[row]), width, height):
        cost = _overlap(row, (dx, dy, width, height), centres, radii, placed, canvas)
        if cost < least:
            best, least = _centred(row, dx, dy, box, far), cost
            if cost == 0.0:
                break
    return best, least


def _centred(row: int, dx: float, dy: float, box: tuple[float, float], far: bool) -> PlacedLabel:
    """A label of ``box`` (width, height) centred ``dx``, ``dy`` pixels from its node."""
    return PlacedLabel(row, "", "center", "middle", dx, dy, (dx, dy), box, far)


def _candidates(radius: float, width: float, height: float) -> list[tuple[float, float, bool]]:
    """Centre offsets of a label round a node of ``radius``, nearest ring first, each with
    whether it needs a leader line.

    >>> [(dx, dy) for dx, dy, _ in _candidates(5.0, 20.0, 10.0)[:2]]
    [(17.0, 0.0), (16.420739, 3.105829)]
    """
    offsets = []
    for ring in _RINGS:
        reach = radius + GAP + ring
        for side in range(_SIDES):
            angle = 2.0 * np.pi * side / _SIDES
            cx, cy = float(np.cos(angle)), float(np.sin(angle))
            dx = cx * (reach + width / 2.0)
            dy = cy * (reach + height / 2.0)
            offsets.append((round(dx, 6), round(dy, 6), ring >= LEADER_FROM))
    return offsets


def _apart(gap: np.ndarray, order: np.ndarray, reach: np.ndarray) -> np.ndarray:
    """Whether boxes are apart along one axis on the reference canvas and on every canvas up
    to :data:`LARGEST_SCALE` times larger (``gap`` between centres, ``order`` the part of it
    owed to the organisations' positions, which alone grows with the canvas)."""
    wider = gap + (LARGEST_SCALE - 1.0) * order
    same_side = np.sign(gap) == np.sign(wider)
    return (np.abs(gap) >= reach - 1e-6) & (np.abs(wider) >= reach - 1e-6) & same_side


def _overlap(
    row: int,
    box: tuple[float, float, float, float],
    centres: np.ndarray,
    radii: np.ndarray,
    placed: Mapping[int, PlacedLabel],
    canvas: tuple[float, float],
) -> float:
    """How badly a label box collides: 0 when clear of nodes, placed labels and the edges.

    Crossing the edge costs most, then covering another label, then covering a node.
    """
    dx, dy, width, height = box
    centre = centres[row] + (dx, dy)
    cost = 0.0
    for axis, (half, limit) in enumerate(((width / 2, canvas[0]), (height / 2, canvas[1]))):
        cost += 1e8 * (max(0.0, half - centre[axis]) + max(0.0, centre[axis] + half - limit))
    shift = np.array([dx, dy])
    order = centres[row] - centres
    gap = order + shift
    near = np.column_stack([radii + width / 2 + GAP, radii + height / 2 + GAP])
    cost += _collisions(gap, order, near)
    if placed:
        rows = list(placed)
        others = [placed[k] for k in rows]
        order = centres[row] - centres[rows]
        gap = order + shift - np.array([p.centre for p in others])
        reach = np.array([((width + p.size[0]) / 2, (height + p.size[1]) / 2) for p in others])
        cost += LABEL_COLLISION * _collisions(gap, order, reach + GAP)
    return cost


def _collisions(gap: np.ndarray, order: np.ndarray, reach: np.ndarray) -> float:
    """The summed overlap area of boxes that are not apart along either axis."""
    clear = _apart(gap[:, 0], order[:, 0], reach[:, 0])
    clear |= _apart(gap[:, 1], order[:, 1], reach[:, 1])
    depth = np.clip(reach - np.abs(gap), 1.0, None)
    return float((depth[:, 0] * depth[:, 1])[~clear].sum())


LABEL_OBSTACLES: Final = 30
"""In a large drawing, labels keep clear of at most this many nodes, the largest (and of
the labelled ones): among thousands of small discs none could be kept clear of all, so
every candidate was tried against every disc, which took seconds (9 s of 10 at 5,000
organisations; 2 s with 300 discs, under 1 s with 30)."""


def obstacle_rows(
    radii: np.ndarray, order: Sequence[int], limit: int = LABEL_OBSTACLES
) -> list[int]:
    """The rows labels keep clear of: the labelled ones and the ``limit`` largest discs.

    >>> obstacle_rows(np.array([1.0, 5.0, 3.0, 2.0]), [0], limit=2)
    [0, 1, 2]
    """
    largest = np.argsort(-radii, kind="stable")[:limit]
    return sorted({*order, *(int(k) for k in largest)})


def label_annotations(
    xy: np.ndarray,
    radii: np.ndarray,
    texts: Mapping[int, str],
    order: Sequence[int],
    frame: tuple[Sequence[float], Sequence[float]],
    obstacles: Sequence[int] | None = None,
) -> list[dict]:
    """Annotations naming the nodes ``texts`` (row -> label) of a drawing, placed apart.

    ``xy`` holds every node's position (data units), ``radii`` its disc radius in pixels
    (ring included), ``order`` the labelled rows most central first and ``frame`` the axis
    ranges (:func:`frame_ranges`). ``obstacles``, when given, are the only nodes (rows,
    including every labelled one) whose discs labels keep clear of (:func:`obstacle_rows`);
    otherwise all. Each annotation sits at its node, shifted by its offset in pixels, and is
    named ``"label"``.
    """
    kept = list(range(len(xy))) if obstacles is None else list(obstacles)
    local = {row: k for k, row in enumerate(kept)}
    centres = to_reference_pixels(xy[kept], *frame)
    boxes = {local[row]: text_box(texts[row]) for row in order}
    found = place_around_nodes(centres, radii[kept], boxes, [local[row] for row in order])
    placed = dict(zip(order, found, strict=True))
    return [
        {
            "x": float(xy[row, 0]),
            "y": float(xy[row, 1]),
            **_offset(placed[row], float(radii[row])),
            "text": texts[row],
            "xanchor": "center",
            "yanchor": "middle",
            "align": "center",
            "borderpad": 0,
            "font": {"size": LABEL_SIZE},
            "name": "label",
        }
        for row in order
    ]


def _offset(placed: PlacedLabel, radius: float) -> dict:
    """An annotation's shift from its node: plain, or along a thin leader line when far."""
    if not placed.far:
        return {"xshift": placed.xshift, "yshift": placed.yshift, "showarrow": False}
    return {
        "showarrow": True,
        "ax": placed.xshift,
        "ay": -placed.yshift,
        "axref": "pixel",
        "ayref": "pixel",
        "arrowhead": 0,
        "arrowwidth": 0.6,
        "arrowcolor": LEADER_COLOUR,
        "standoff": radius,
    }
