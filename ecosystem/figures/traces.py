"""Trace builders shared by the network figure and the difference map of two waves.

Both figures place every organisation at its shared position
(:func:`ecosystem.layout.stable_layout`), draw each tied pair once as a line segment, put an
invisible hover point at the middle of each pair, ring highlighted organisations, and draw
one marker trace per organisation type; both take the frame from every position given, so
figures drawn from one layout line up exactly. The pieces here do each of those once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
import plotly.graph_objects as go

from ecosystem.codebook import ALL_HUBS, type_label, type_order
from ecosystem.figures.formats import short_label
from ecosystem.figures.style import (
    ARROW_LIMIT,
    HIGHLIGHT_COLOUR,
    LARGE_NETWORK,
    NETWORK_BOTTOM,
    NETWORK_HEIGHT,
    NODE_SIZES,
    NODE_SIZES_LARGE,
    NOTE_SIZE,
    RING_GAP,
    TEXT_COLOUR,
    apply_style,
)

HIGHLIGHT_OUTLINE = 3.5
"""Outline width of a highlighted organisation's marker."""


@dataclass(frozen=True)
class Drawing:
    """Organisations placed for one network drawing, and whether it is a large one.

    Attributes
    ----------
    names : list of str
        The organisations drawn, in name order.
    index : dict
        Organisation -> its row in ``names`` and ``xy``.
    xy : numpy.ndarray
        One ``(x, y)`` row per organisation.
    chosen : frozenset of str
        The highlighted organisations that are drawn.
    large : bool
        Drawn as a large network: WebGL traces, thinner lines, smaller nodes.
    label_sides : list of str
        Where each organisation's name goes (:func:`label_positions`).
    """

    names: list[str]
    index: dict[str, int]
    xy: np.ndarray
    chosen: frozenset[str]
    large: bool
    label_sides: list[str]

    @property
    def scatter(self) -> type:
        """``go.Scattergl`` for a large network (fast), ``go.Scatter`` otherwise."""
        return go.Scattergl if self.large else go.Scatter

    def ends(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """The rows of both organisations of each pair, one pair a row."""
        rows = [[self.index[a], self.index[b]] for a, b in pairs]
        return np.array(rows, dtype=int).reshape(-1, 2)


def place(
    names: Sequence[str],
    positions: Mapping[str, tuple[float, float]],
    highlight: Iterable[str],
    lines: int,
) -> Drawing:
    """Place ``names`` at their positions; a drawing of ``lines`` lines may be a large one.

    Raises ``ValueError`` naming an organisation without a position: every graph drawn
    together must be laid out together (:func:`ecosystem.layout.stable_layout`).
    """
    missing = [name for name in names if name not in positions]
    if missing:
        raise ValueError(
            f"no position for {len(missing)} organisation(s), e.g. '{missing[0]}': "
            "lay out every graph to be drawn together (stable_layout)"
        )
    index = {name: k for k, name in enumerate(names)}
    xy = np.array([positions[name] for name in names], dtype=float).reshape(len(names), 2)
    return Drawing(
        names=list(names),
        index=index,
        xy=xy,
        chosen=frozenset(name for name in highlight if name in index),
        large=len(names) >= LARGE_NETWORK or lines > ARROW_LIMIT,
        label_sides=label_positions(xy),
    )


def tied_pairs(G: nx.DiGraph) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Unordered tied pairs (names in order) -> their arcs, loops left out; all in name order.

    >>> tied_pairs(nx.DiGraph([("b", "a"), ("a", "b"), ("a", "c"), ("c", "c")]))
    {('a', 'b'): [('a', 'b'), ('b', 'a')], ('a', 'c'): [('a', 'c')]}
    """
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for u, v in G.edges():
        if u == v:
            continue
        key = (u, v) if str(u) <= str(v) else (v, u)
        pairs.setdefault(key, []).append((u, v))
    return {
        key: sorted(pairs[key], key=lambda arc: (str(arc[0]), str(arc[1])))
        for key in sorted(pairs, key=lambda p: (str(p[0]), str(p[1])))
    }


def pair_weight(G: nx.DiGraph, arcs: Sequence[tuple[str, str]]) -> float:
    """A pair's weight as it is drawn: the larger of its arcs' weights (a strength)."""
    weights = [float(G.edges[arc].get("weight", 1.0) or 0.0) for arc in arcs]
    return max(weights) if weights else math.nan


def scope_words(hub: object) -> str:
    """What a network covers, for a title: "Dorset ecosystem" or "All hubs"."""
    return f"{hub} ecosystem" if hub else ALL_HUBS


def plain_diameter(large: bool) -> float:
    """The node diameter when no measure sizes the nodes."""
    return (NODE_SIZES_LARGE if large else NODE_SIZES)[0] * 1.4


def labelled_names(names: Sequence[str], scores: Sequence[float], limit: int) -> set[str]:
    """Organisations to name on the plot: all up to ``limit``, else the ``limit`` highest
    scores (ties broken by name).

    >>> sorted(labelled_names(["a", "b", "c"], [1.0, 3.0, 1.0], 2))
    ['a', 'b']
    """
    if len(names) <= limit:
        return set(names)
    ranked = sorted(range(len(names)), key=lambda k: (-scores[k], str(names[k])))
    return {names[k] for k in ranked[: max(limit, 0)]}


def segments(
    xy: np.ndarray, ends: np.ndarray, as_array: bool = False
) -> tuple[np.ndarray | list[float | None], np.ndarray | list[float | None]]:
    """Coordinates of line segments for one trace: start, end, gap, start, end, gap...

    Gaps are ``None`` in lists; ``as_array`` returns float arrays with NaN gaps instead,
    which plotly passes through without checking each value (fast for 50,000 arcs).

    >>> segments(np.array([[0.0, 0.0], [1.0, 2.0]]), np.array([[0, 1]]))
    ([0.0, 1.0, None], [0.0, 2.0, None])
    """
    coordinates = []
    for axis in (0, 1):
        values = np.full(3 * len(ends), np.nan)
        if len(ends):
            values[0::3] = xy[ends[:, 0], axis]
            values[1::3] = xy[ends[:, 1], axis]
        coordinates.append(
            values if as_array else [None if math.isnan(v) else v for v in values.tolist()]
        )
    return coordinates[0], coordinates[1]


def label_positions(xy: np.ndarray) -> list[str]:
    """Where each node's name goes: away from the middle of the drawing, so names fan out.

    Names of organisations at the far left or right edge go above or below them instead
    of sideways, so they are not cut off by the edge of the plot or the legend.

    >>> points = [[0, 0], [0.5, 0], [-0.5, 0], [0, -1], [0, 1], [1, 0.2], [-1, -0.2]]
    >>> for where in label_positions(np.array(points, dtype=float)):
    ...     print(where)
    top center
    middle right
    middle left
    bottom center
    top center
    top center
    bottom center
    """
    if not len(xy):
        return []
    lows, highs = xy.min(axis=0), xy.max(axis=0)
    centre = (highs + lows) / 2.0
    edge = 0.85 * (highs[0] - lows[0]) / 2.0
    offsets = xy - centre
    reach = float(np.abs(offsets).max())
    return [_label_side(float(dx), float(dy), edge, reach) for dx, dy in offsets]


def _label_side(dx: float, dy: float, edge: float, reach: float) -> str:
    """The side of its node a name goes, from the node's offset from the middle."""
    if math.hypot(dx, dy) <= 0.1 * reach:
        return "top center"
    angle = math.degrees(math.atan2(dy, dx)) % 360.0
    if 45 <= angle < 135:
        return "top center"
    if 225 <= angle < 315:
        return "bottom center"
    if abs(dx) > edge:
        return "top center" if dy >= 0 else "bottom center"
    return "middle right" if dx > 0 else "middle left"


def ring_trace(
    x: np.ndarray, y: np.ndarray, diameters: np.ndarray, kind: type = go.Scatter
) -> go.Scatter:
    """Open circles around highlighted organisations: visible on any type colour (even black)."""
    return kind(
        x=[float(v) for v in x],
        y=[float(v) for v in y],
        mode="markers",
        marker={
            "symbol": "circle-open",
            "size": [float(d) + 2 * RING_GAP for d in diameters],
            "color": HIGHLIGHT_COLOUR,
            "line": {"width": 2.5, "color": HIGHLIGHT_COLOUR},
        },
        hoverinfo="skip",
        name="Highlighted",
        showlegend=True,
        legendgroup="highlight",
        meta={"role": "highlight"},
    )


def highlight_rings(drawing: Drawing, diameters: np.ndarray) -> go.Scatter:
    """Rings around the drawing's highlighted organisations (``diameters``: one per name)."""
    rows = [k for k, name in enumerate(drawing.names) if name in drawing.chosen]
    return ring_trace(drawing.xy[rows, 0], drawing.xy[rows, 1], diameters[rows], drawing.scatter)


def line_trace(drawing: Drawing, ends: np.ndarray, line: dict, **properties: object) -> go.Scatter:
    """One line segment per pair (rows ``ends``), not hoverable; ``properties`` name it."""
    xs, ys = segments(drawing.xy, ends, as_array=drawing.large)
    return drawing.scatter(x=xs, y=ys, mode="lines", line=line, hoverinfo="skip", **properties)


def tie_hover_trace(drawing: Drawing, ends: np.ndarray, texts: list[str]) -> go.Scatter:
    """One invisible hover point at the middle of each tie, away from the organisations."""
    middles = (drawing.xy[ends[:, 0]] + drawing.xy[ends[:, 1]]) / 2.0
    return drawing.scatter(
        x=middles[:, 0].tolist(),
        y=middles[:, 1].tolist(),
        mode="markers",
        marker={"size": 10, "color": "rgba(0,0,0,0)"},
        hovertext=texts,
        hoverinfo="text",
        showlegend=False,
        name="Ties",
        meta={"role": "tie-hover"},
    )


def type_groups(types: Sequence[object]) -> list[tuple[str, list[int]]]:
    """Each type present, in legend order, with the rows of its organisations.

    >>> type_groups(["trust", "hub", "trust"])
    [('hub', [1]), ('trust', [0, 2])]
    """
    return [
        (kind, [k for k, t in enumerate(types) if str(t) == kind]) for kind in type_order(types)
    ]


def organisation_lines(name: str, attributes: Mapping[str, object]) -> list[str]:
    """The first lines of an organisation's hover text: its name, type and hub(s)."""
    lines = [f"<b>{name}</b>", type_label(attributes.get("type"))]
    hubs = str(attributes.get("hubs") or "").strip()
    if hubs:
        lines.append(("Hubs: " if ";" in hubs else "Hub: ") + hubs)
    return lines


def node_trace(
    drawing: Drawing,
    kind: str,
    members: list[int],
    *,
    first: bool,
    labelled: set[str],
    hover: list[str],
    marker: dict,
) -> go.Scatter:
    """The organisations of one type (rows ``members``): clickable points with their names.

    Points carry the organisation's name as ``customdata``, so a Dash ``clickData``
    callback receives it; the legend names the type, under "Organisation type" on the
    ``first`` trace.
    """
    member_names = [drawing.names[k] for k in members]
    return drawing.scatter(
        x=drawing.xy[members, 0].tolist(),
        y=drawing.xy[members, 1].tolist(),
        mode="markers+text",
        text=[short_label(n) if n in labelled else "" for n in member_names],
        textposition=[drawing.label_sides[k] for k in members],
        textfont={"size": NOTE_SIZE, "color": TEXT_COLOUR},
        customdata=member_names,
        hovertext=hover,
        hoverinfo="text",
        marker=marker,
        name=type_label(kind),
        legendgroup="types",
        legendgrouptitle={"text": "Organisation type"} if first else None,
        meta={"role": "nodes", "type": kind},
        # WebGL traces cannot draw text outside the axes; SVG ones can.
        **({} if drawing.large else {"cliponaxis": False}),
    )


def network_frame(
    positions: Mapping[str, tuple[float, float]],
) -> tuple[list[float], list[float]]:
    """Axis ranges of a network drawing: every position given, so figures drawn from one
    layout (several waves, or their difference) share one frame and line up exactly.

    >>> x_range, y_range = network_frame({"a": (0.0, 0.0), "b": (1.0, 1.0)})
    >>> [round(v, 3) for v in x_range + y_range]
    [-0.2, 1.2, -0.08, 1.128]
    """
    everything = np.array(list(positions.values()), dtype=float).reshape(-1, 2)
    lows, highs = everything.min(axis=0), everything.max(axis=0)
    span = float(max((highs - lows).max(), 1e-9))
    pad = 0.08 * span
    x_range = [float(lows[0] - 2.5 * pad), float(highs[0] + 2.5 * pad)]
    y_range = [float(lows[1] - pad), float(highs[1] + pad * 1.6)]
    return x_range, y_range


def finish_network(
    fig: go.Figure,
    positions: Mapping[str, tuple[float, float]],
    title: str | None,
    illustrative: bool,
    note: str,
) -> go.Figure:
    """Hidden axes on one scale (a circle stays round) framing every position, panning,
    clicks on organisations, and the shared look at the network height."""
    x_range, y_range = network_frame(positions)
    fig.update_xaxes(visible=False, showgrid=False, zeroline=False, range=x_range)
    fig.update_yaxes(
        visible=False,
        showgrid=False,
        zeroline=False,
        range=y_range,
        scaleanchor="x",
        scaleratio=1,
    )
    fig.update_layout(hovermode="closest", dragmode="pan", clickmode="event")
    return apply_style(
        fig,
        title=title,
        height=NETWORK_HEIGHT,
        illustrative=illustrative,
        note=note,
        bottom=NETWORK_BOTTOM,
    )
