"""Trace builders shared by the network figure and the difference map of two waves.

Both figures place every organisation at its shared position
(:func:`ecosystem.layout.stable_layout`), draw each tied pair once as a line segment, put an
invisible hover point at the middle of each pair, ring highlighted organisations, and draw
one marker trace per organisation type; both take the frame from every position given, so
figures drawn from one layout line up exactly. The pieces here do each of those once.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ecosystem.codebook import ALL_HUBS, type_label, type_order
from ecosystem.figures.labels import (
    frame_ranges,
    label_annotations,
    label_text,
    obstacle_rows,
)
from ecosystem.figures.style import (
    HIGHLIGHT_COLOUR,
    NETWORK_BOTTOM,
    NETWORK_HEIGHT,
    NODE_SIZES,
    NODE_SIZES_LARGE,
    RING_GAP,
    apply_style,
    is_large_network,
)

HIGHLIGHT_OUTLINE = 3.5
"""Outline width of a highlighted organisation's marker."""


T = TypeVar("T")


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
    """

    names: list[str]
    index: dict[str, int]
    xy: np.ndarray
    chosen: frozenset[str]
    large: bool

    @property
    def scatter(self) -> Callable[..., go.Scatter | go.Scattergl]:
        """``go.Scattergl`` for a large network (fast), ``go.Scatter`` otherwise.

        A large network's traces skip plotly's checks of each value as they are made
        (``_validate=False``): checking tens of thousands of coordinates and hover texts
        one by one took most of a second at 5,000 organisations. The same code makes the
        checked traces of every smaller network, and a test checks a large figure whole.
        """
        return partial(go.Scattergl, _validate=False) if self.large else go.Scatter

    def ends(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """The rows of both organisations of each pair, one pair a row."""
        return rows_of(self.names, pairs)


def rows_of(names: Sequence[str], pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    """The rows in ``names`` of both organisations of each pair, one pair a row.

    >>> rows_of(["a", "b", "c"], [("a", "c"), ("c", "b")]).tolist()
    [[0, 2], [2, 1]]
    """
    if not len(pairs):
        return np.empty((0, 2), dtype=int)
    lookup = pd.Index(names)
    firsts, seconds = zip(*pairs, strict=True)
    return np.column_stack([lookup.get_indexer(firsts), lookup.get_indexer(seconds)])


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
        large=is_large_network(len(names), lines),
    )


_PREPARED: weakref.WeakKeyDictionary[nx.DiGraph, dict[str, Any]] = weakref.WeakKeyDictionary()


def prepared(G: nx.DiGraph, part: str, make: Callable[[], T]) -> T:
    """A part of a large network's drawing that depends on the graph alone (its tied pairs,
    their weight bands, their hover texts), made once per graph and kept while the graph
    lives: a dashboard redraws the same network for another highlight, size or wave and
    back, and at 5,000 organisations these parts took half a second each time.

    Graphs are never modified once built (every function here says so); a graph whose
    size changed anyway is prepared afresh. A small network's parts are made each time.
    """
    if not is_large_network(G.number_of_nodes(), G.number_of_edges()):
        return make()
    shape = (G.number_of_nodes(), G.number_of_edges())
    kept = _PREPARED.get(G)
    if kept is None or kept["shape"] != shape:
        kept = {"shape": shape}
        _PREPARED[G] = kept
    if part not in kept:
        kept[part] = make()
    return kept[part]


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
        arcs = pairs.get(key)
        if arcs is None:
            pairs[key] = [(u, v)]
        else:  # the pair's other arc: a directed graph has at most two
            arcs.append((u, v))
            if (str(arcs[0][0]), str(arcs[0][1])) > (str(u), str(v)):
                arcs.reverse()
    return {key: pairs[key] for key in sorted(pairs, key=lambda p: (str(p[0]), str(p[1])))}


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


def labelled_rows(
    names: Sequence[str], scores: Sequence[float] | np.ndarray, limit: int
) -> list[int]:
    """Rows of the organisations to name on the plot, most central first: every one up to
    ``limit``, else the ``limit`` highest scores (ties broken by name).

    >>> labelled_rows(["a", "b", "c"], [1.0, 3.0, 1.0], 2)
    [1, 0]
    """
    ranked = sorted(range(len(names)), key=lambda k: (-scores[k], str(names[k])))
    return ranked[: max(limit, 0)]


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


def ring_trace(
    x: np.ndarray,
    y: np.ndarray,
    diameters: np.ndarray,
    kind: Callable[..., go.Scatter | go.Scattergl] = go.Scatter,
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
        x=middles[:, 0] if drawing.large else middles[:, 0].tolist(),
        y=middles[:, 1] if drawing.large else middles[:, 1].tolist(),
        mode="markers",
        marker={"size": 10, "color": "rgba(0,0,0,0)"},
        # As one array, a large figure copies its tens of thousands of texts at once.
        hovertext=np.array(texts, dtype=object) if drawing.large else texts,
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
    hover: list[str],
    marker: dict,
) -> go.Scatter:
    """The organisations of one type (rows ``members``): clickable points (names are
    annotations placed apart, :func:`add_labels`).

    Points carry the organisation's name as ``customdata``, so a Dash ``clickData``
    callback receives it; the legend names the type, under "Organisation type" on the
    ``first`` trace.
    """
    member_names = [drawing.names[k] for k in members]
    return drawing.scatter(
        x=drawing.xy[members, 0].tolist(),
        y=drawing.xy[members, 1].tolist(),
        mode="markers",
        customdata=member_names,
        hovertext=hover,
        hoverinfo="text",
        marker=marker,
        name=type_label(kind),
        legendgroup="types",
        legendgrouptitle={"text": "Organisation type"} if first else None,
        meta={"role": "nodes", "type": kind},
    )


def network_frame(
    positions: Mapping[str, tuple[float, float]],
) -> tuple[list[float], list[float]]:
    """Axis ranges of a network drawing: every position given, so figures drawn from one
    layout (several waves, or their difference) share one frame and line up exactly.

    The organisations span the plot but for a margin kept for labels
    (:data:`ecosystem.figures.labels.FRAME_INSET`); no aspect ratio is fixed, so the drawing
    fills a wide plot as well as a tall one.

    >>> network_frame({"a": (0.0, 0.0), "b": (1.0, 1.0)})
    ([-0.081395, 1.081395], [-0.125, 1.125])
    """
    everything = np.array(list(positions.values()), dtype=float).reshape(-1, 2)
    return frame_ranges(everything)


def add_labels(
    fig: go.Figure,
    drawing: Drawing,
    positions: Mapping[str, tuple[float, float]],
    diameters: np.ndarray,
    attributes: Mapping[str, Mapping[str, object]],
    rows: Sequence[int],
) -> None:
    """Name the organisations at ``rows`` (most central first) with labels placed apart.

    ``diameters`` holds every drawn organisation's marker size and ``attributes`` its node
    attributes (for ``short_name``); see :mod:`ecosystem.figures.labels` for the method.
    """
    if not rows:
        return
    radii = diameters / 2.0 + np.array(
        [RING_GAP + 2.5 if name in drawing.chosen else 0.0 for name in drawing.names]
    )
    texts = {row: label_text(drawing.names[row], attributes[drawing.names[row]]) for row in rows}
    # Among hundreds of organisations, labels keep clear of the largest only (a cap on time).
    obstacles = obstacle_rows(radii, rows) if drawing.large else None
    labels = label_annotations(drawing.xy, radii, texts, rows, network_frame(positions), obstacles)
    fig.layout.annotations = (*fig.layout.annotations, *labels)


def finish_network(
    fig: go.Figure,
    positions: Mapping[str, tuple[float, float]],
    title: str | None,
    illustrative: bool,
    note: str,
) -> go.Figure:
    """Hidden axes framing every position (:func:`network_frame`), panning, clicks on
    organisations, and the shared look at the network height."""
    x_range, y_range = network_frame(positions)
    fig.update_xaxes(visible=False, showgrid=False, zeroline=False, range=x_range)
    fig.update_yaxes(
        visible=False,
        showgrid=False,
        zeroline=False,
        range=y_range,
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
