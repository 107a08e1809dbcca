"""The partner network of one wave: organisations by type and a measure, ties by weight.

:func:`network_figure` composes the shared trace builders of :mod:`ecosystem.figures.traces`
(placement, tie lines, hover points, rings, one trace per type) with what only this figure
draws: weight bands, arrowheads and measure-sized nodes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ecosystem.codebook import NATURES, WEIGHTINGS
from ecosystem.figures.labels import REFERENCE_PLOT
from ecosystem.figures.nodes import node_sizes, node_traces
from ecosystem.figures.style import (
    ARC_COLOUR,
    ARC_OPACITIES,
    ARC_OPACITIES_LARGE,
    ARC_WIDTHS,
    ARC_WIDTHS_LARGE,
    ARROW_LIMIT,
    ARROW_SIZE,
    EMPHASIS_COLOUR,
    LARGE_NETWORK,
    RING_GAP,
    message_figure,
    rgba,
)
from ecosystem.figures.traces import (
    Drawing,
    add_labels,
    finish_network,
    highlight_rings,
    labelled_rows,
    line_trace,
    network_frame,
    place,
    prepared,
    rows_of,
    scope_words,
    tie_hover_trace,
    tied_pairs,
)
from ecosystem.figures.weights import ramp, weight_bands
from ecosystem.glossary import measure_label

Pairs = dict[tuple[str, str], list[tuple[str, str]]]


def network_figure(
    G: nx.DiGraph,
    positions: Mapping[str, tuple[float, float]],
    size_by: pd.Series | None = None,
    highlight: Iterable[str] = (),
    title: str | None = None,
    label_limit: int = 40,
    illustrative: bool = False,
    measures: pd.DataFrame | None = None,
) -> go.Figure:
    """Draw one network: organisations coloured by type and sized by a measure, arcs by weight.

    Parameters
    ----------
    G : networkx.DiGraph
        The network of one wave (node attributes ``type``, ``hubs``, ``responded``; arc
        ``weight`` a strength, 1 where missing). Never modified.
    positions : mapping
        Organisation -> ``(x, y)``, e.g. from :func:`ecosystem.layout.stable_layout`; it may
        hold more organisations than ``G`` (other waves) and all of them set the frame, so
        figures of several waves drawn from one layout line up exactly.
    size_by : pandas.Series, optional
        A measure indexed by organisation (e.g. ``table["pagerank"]``); node area rises with
        it (missing values get the smallest size). ``None`` draws equal sizes.
    highlight : iterable of str, optional
        Organisations to pick out (a selected profile, a gap finding): a thick outline, a
        ring and darker, wider arcs. Names not in ``G`` are ignored.
    title : str, optional
        Defaults to the graph's hub and wave.
    label_limit : int, optional
        Name at most this many organisations on the plot: the largest by ``size_by`` (by
        degree when ``size_by`` is None), all when there are no more. A one-hub view (the
        graph's ``hub`` set) of up to :data:`ONE_HUB_LABELLED` organisations names every
        organisation whatever the limit: a hub lead reads each partner. A label is the
        organisation's ``short_name`` (node attribute) or its name on up to two lines, placed
        clear of other labels and nodes (:mod:`ecosystem.figures.labels`). Hovering shows
        every organisation's full name, type, hub(s) and measures.
    illustrative : bool, optional
        Mark the figure "Illustrative data" (the demo survey's responses are synthetic).
    measures : pandas.DataFrame, optional
        Organisation-indexed table (e.g. :func:`ecosystem.analysis.tables.organisation_table`)
        whose in-degree, out-degree, betweenness, PageRank and brokerage appear on hover,
        under the glossary's labels (:func:`ecosystem.glossary.measure_label`).

    Returns
    -------
    plotly.graph_objects.Figure
        Traces, in drawing order: one line trace per weight band (legend group "Tie
        weight", ``meta["role"] == "arcs"``), the same for arcs of highlighted organisations
        (``"emphasis"``), the arrowheads (``"arrows"``), the highlight rings
        (``"highlight"``) and one marker trace per organisation type (``"nodes"``, legend
        name = codebook label). Node points carry the organisation's name as
        ``customdata``, so a Dash ``clickData`` callback receives it.

    Notes
    -----
    **Direction.** A pair tied both ways is drawn once, with an arrowhead at each end; a
    one-way tie has one arrowhead, at the supported organisation. Arrowheads are plotly
    ``"arrow"`` markers turned towards the previous point (``angleref="previous"``) and
    set back from the target by its radius, so no node hides them; the set-back is computed
    for the default height and stays close at other sizes.

    **Weight.** Line width and opacity rise with the pair's weight (the larger of its two
    arcs' weights), in up to four bands shown in the legend; hovering on an arrowhead gives
    the arc's own weight, nature and whether both organisations reported it.

    **Size.** From :data:`LARGE_NETWORK` organisations, or above :data:`ARROW_LIMIT` arcs,
    WebGL traces (``go.Scattergl``), thinner arcs and smaller nodes are used, and the
    arrowheads are left out (WebGL markers cannot turn, and tens of thousands of arrows
    would hide the network); the caption says so. Such a drawing names at most
    :data:`LARGE_LABELLED` organisations, and its ties do not change with the highlight (the
    highlighted ones are drawn again on top), so :func:`network_overlay` can redraw the
    organisations alone when only the size measure or the highlight changes.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_nodes_from([("Hub", {"type": "hub"}), ("Trust", {"type": "trust"})])
    >>> G.add_edge("Trust", "Hub", weight=3.0)
    >>> fig = network_figure(G, {"Hub": (0.0, 0.0), "Trust": (1.0, 0.0)})
    >>> [t.name for t in fig.data if t.meta["role"] == "nodes"]
    ['Innovation hub', 'NHS provider trust']
    """
    if not G.number_of_nodes():
        return message_figure("No organisations to show.", title or network_title(G), illustrative)
    pairs, drawing = _drawn(G, positions, highlight)
    look = _Look(size_by, label_limit, title, illustrative, measures)
    if drawing.large:
        ties = _ties(G, drawing, pairs) if pairs else None
        fixed = _fixed_tie_traces(G, drawing, pairs, ties) if ties is not None else []
        return _overlay_figure(G, positions, ties, drawing, look, before=fixed)
    diameters, scores = node_sizes(G, drawing, size_by)
    fig = go.Figure()
    if pairs:
        fig.add_traces(_tie_traces(G, drawing, pairs, diameters, positions))
    if drawing.chosen:
        fig.add_trace(highlight_rings(drawing, diameters))
    fig.add_traces(node_traces(G, drawing, diameters, measures, size_by))
    return _finished(fig, G, positions, drawing, look, scores, diameters)


@dataclass(frozen=True)
class _Look:
    """What a network figure is asked to show beyond the graph: see :func:`network_figure`."""

    size_by: pd.Series | None
    label_limit: int
    title: str | None
    illustrative: bool
    measures: pd.DataFrame | None


def _drawn(
    G: nx.DiGraph, positions: Mapping[str, tuple[float, float]], highlight: Iterable[str]
) -> tuple[Pairs, Drawing]:
    """The tied pairs of ``G`` and its organisations placed (a large drawing or not)."""
    pairs = prepared(G, "pairs", lambda: tied_pairs(G))
    lines = sum(len(arcs) for arcs in pairs.values())
    return pairs, place(sorted(G, key=str), positions, highlight, lines=lines)


def _finished(
    fig: go.Figure,
    G: nx.DiGraph,
    positions: Mapping[str, tuple[float, float]],
    drawing: Drawing,
    look: _Look,
    scores: np.ndarray,
    diameters: np.ndarray,
) -> go.Figure:
    """Labels on the most central organisations, the frame, title and caption."""
    rows = labelled_rows(drawing.names, scores, _label_count(G, look.label_limit, drawing.large))
    add_labels(fig, drawing, positions, diameters, G.nodes, rows)
    return finish_network(
        fig,
        positions,
        title=look.title if look.title is not None else network_title(G),
        illustrative=look.illustrative,
        note=_network_note(G, look.size_by, drawing.large),
    )


def _overlay_figure(
    G: nx.DiGraph,
    positions: Mapping[str, tuple[float, float]],
    ties: _Ties | None,
    drawing: Drawing,
    look: _Look,
    before: Sequence[go.Scattergl] = (),
) -> go.Figure:
    """A large network's traces that follow the size measure and highlight (the emphasised
    ties, one trace per weight band; the rings; one trace per type), labels and caption,
    after the traces ``before`` (the fixed ties, when the whole figure is drawn).

    Their number depends on the graph alone, so a change of either replaces traces at
    fixed places (:func:`network_overlay`).
    """
    diameters, scores = node_sizes(G, drawing, look.size_by)
    traces = list(before)
    if ties is not None:
        traces += _band_traces(drawing, ties, ties.emphasised, emphasis=True, keep_empty=True)
    rings = highlight_rings(drawing, diameters)
    rings.showlegend = bool(drawing.chosen)
    traces.append(rings)
    traces += node_traces(G, drawing, diameters, look.measures, look.size_by)
    fig = go.Figure(data=traces, _validate=False)  # checked as made, see Drawing.scatter
    return _finished(fig, G, positions, drawing, look, scores, diameters)


@dataclass(frozen=True)
class NetworkOverlay:
    """What a change of size measure or highlight redraws in a large network figure.

    Attributes
    ----------
    first : int
        Index of the first trace replaced: the traces before it (the ties) stay.
    traces : list of dict
        The traces from ``first`` to the end, as plotly JSON.
    annotations : list of dict
        Every annotation of the figure (labels, caption), as plotly JSON.
    """

    first: int
    traces: list[dict]
    annotations: list[dict]


def network_overlay(
    G: nx.DiGraph,
    positions: Mapping[str, tuple[float, float]],
    size_by: pd.Series | None = None,
    highlight: Iterable[str] = (),
    title: str | None = None,
    label_limit: int = 40,
    illustrative: bool = False,
    measures: pd.DataFrame | None = None,
) -> NetworkOverlay | None:
    """The part of :func:`network_figure`'s figure (same arguments) that the size measure
    and the highlight change, for a large network; ``None`` for one drawn in full.

    A large figure's ties (tens of thousands of segments) do not depend on either, so a
    dashboard replaces only these traces and annotations: the figure in the browser is then
    exactly the one :func:`network_figure` would draw, without rebuilding or resending the
    ties.
    """
    if not G.number_of_nodes():
        return None
    pairs, drawing = _drawn(G, positions, highlight)
    if not drawing.large:
        return None
    look = _Look(size_by, label_limit, title, illustrative, measures)
    ties = _ties(G, drawing, pairs) if pairs else None
    overlay = _overlay_figure(G, positions, ties, drawing, look).to_plotly_json()
    # Before the overlay: one plain trace per weight band (as many as emphasis ones) and the
    # tie hover points.
    bands = sum(1 for trace in overlay["data"] if trace["meta"]["role"] == "emphasis")
    first = bands + 1 if pairs else 0
    return NetworkOverlay(first, list(overlay["data"]), list(overlay["layout"]["annotations"]))


ONE_HUB_LABELLED: Final = 60
"""A one-hub view with at most this many organisations labels every one of them."""


LARGE_LABELLED: Final = 15
"""A large drawing names at most this many organisations, the most central: among
thousands, more would hide the picture, and placing each costs time."""


def _label_count(G: nx.DiGraph, label_limit: int, large: bool = False) -> int:
    """How many organisations to name: all of a one-hub view of a readable size, at most
    :data:`LARGE_LABELLED` of a large drawing."""
    if large:
        return min(label_limit, LARGE_LABELLED)
    if G.graph.get("hub") and G.number_of_nodes() <= ONE_HUB_LABELLED:
        return max(label_limit, G.number_of_nodes())
    return label_limit


def network_title(G: nx.DiGraph) -> str:
    """The default title: "Partner network: Dorset ecosystem, Summative 2024"."""
    wave = G.graph.get("wave")
    scope = scope_words(G.graph.get("hub"))
    return f"Partner network: {scope}, {wave}" if wave else f"Partner network: {scope}"


def _network_note(G: nx.DiGraph, size_by: pd.Series | None, large: bool) -> str:
    """The caption: what node size, arrows and line width mean."""
    notes = []
    if size_by is not None:
        measure = measure_label(str(size_by.name)) if size_by.name else "the chosen measure"
        notes.append(f"Node size: {measure}.")
    if not large:
        notes.append(
            "Arrows point in the direction of support; a tie both ways has an arrow at each end."
        )
    else:
        notes.append(
            f"Arrowheads left out: more than {ARROW_LIMIT:,} ties or "
            f"{LARGE_NETWORK - 1:,} organisations."
        )
    weighting = G.graph.get("weighting")
    notes.append(
        "Line width: tie weight"
        + (f" ({WEIGHTINGS[weighting].lower()})." if weighting in WEIGHTINGS else ".")
    )
    return " ".join(notes)


# --------------------------------------------------------------------------------------
# Ties
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ties:
    """The tied pairs of a drawing: their rows, weight bands and whether a highlighted
    organisation is one of the pair."""

    keys: list[tuple[str, str]]
    ends: np.ndarray
    bands: np.ndarray
    band_names: list[str]
    emphasised: np.ndarray


def _ties(G: nx.DiGraph, drawing: Drawing, pairs: Pairs) -> _Ties:
    """Each pair's rows, weight band (the larger of its arcs' weights) and emphasis."""
    keys = list(pairs)
    bands, band_names, ends = _tie_bands(G, pairs)
    emphasised = np.array([bool(drawing.chosen.intersection(key)) for key in keys], dtype=bool)
    return _Ties(keys, ends, bands, band_names, emphasised)


def _tie_bands(G: nx.DiGraph, pairs: Pairs) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Each pair's weight band, the bands' names, and the rows of its two organisations
    (in name order, as :func:`_drawn` places them); kept for a large graph."""

    def banded() -> tuple[np.ndarray, list[str], np.ndarray]:
        keys = list(pairs)
        # Each arc's weight read once (as pair_weight reads it): the larger of a pair's two.
        weight = {(u, v): float(w or 0.0) for u, v, w in G.edges(data="weight", default=1.0)}
        weights = np.array([max(weight[arc] for arc in pairs[key]) for key in keys], dtype=float)
        bands, names = weight_bands(np.nan_to_num(weights, nan=0.0), G.graph.get("weighting"))
        return bands, names, rows_of(sorted(G, key=str), keys)

    return prepared(G, "ties", banded)


def _tie_texts(G: nx.DiGraph, pairs: Pairs) -> list[str]:
    """Each pair's hover text: its arcs' weights and natures; kept for a large graph."""
    return prepared(
        G,
        "tie hover",
        lambda: ["<br>".join(_arc_hover(G, u, v) for u, v in arcs) for arcs in pairs.values()],
    )


def _tie_traces(
    G: nx.DiGraph,
    drawing: Drawing,
    pairs: Pairs,
    diameters: np.ndarray,
    positions: Mapping[str, tuple[float, float]],
) -> list[go.Scatter]:
    """Tie lines by weight band (highlighted pairs on top), arrowheads and tie hover points."""
    ties = _ties(G, drawing, pairs)
    traces = _band_traces(drawing, ties, ~ties.emphasised, emphasis=False)
    traces += _band_traces(drawing, ties, ties.emphasised, emphasis=True)
    per_pixel = _units_per_pixel(positions)
    for emphasis in (False, True):
        arcs = [
            (arc, int(ties.bands[k]))
            for k in np.flatnonzero(ties.emphasised == emphasis)
            for arc in pairs[ties.keys[k]]
        ]
        traces += _arrow_trace(drawing, arcs, diameters, per_pixel, emphasis)
    traces.append(_tie_hover(G, drawing, pairs, ties))
    return traces


def _fixed_tie_traces(
    G: nx.DiGraph, drawing: Drawing, pairs: Pairs, ties: _Ties
) -> list[go.Scattergl]:
    """A large network's ties, the same whatever the size measure or highlight: every pair
    in its weight band (highlighted ones are drawn again on top, :func:`_overlay_figure`)
    and the tie hover points. No arrowheads at this scale."""
    every = np.ones(len(ties.keys), dtype=bool)
    return [
        *_band_traces(drawing, ties, every, emphasis=False),
        _tie_hover(G, drawing, pairs, ties),
    ]


def _tie_hover(G: nx.DiGraph, drawing: Drawing, pairs: Pairs, ties: _Ties) -> go.Scatter:
    """Invisible hover points at the middle of each tie: its arcs' weights and natures."""
    return tie_hover_trace(drawing, ties.ends, _tie_texts(G, pairs))


def _band_traces(
    drawing: Drawing, ties: _Ties, members: np.ndarray, emphasis: bool, keep_empty: bool = False
) -> list[go.Scatter]:
    """One line trace per weight band of the pairs ``members`` (a mask over the pairs).

    Plain bands are always drawn (the legend names each); emphasis bands only where they
    hold a pair, unless ``keep_empty`` (a large figure keeps one per band, so a change of
    highlight replaces traces at fixed places).
    """
    band_names = ties.band_names
    widths = ramp(ARC_WIDTHS_LARGE if drawing.large else ARC_WIDTHS, len(band_names))
    opacities = ramp(ARC_OPACITIES_LARGE if drawing.large else ARC_OPACITIES, len(band_names))
    traces = []
    for band, band_name in enumerate(band_names):
        rows = np.flatnonzero((ties.bands == band) & members)
        if emphasis and not keep_empty and not len(rows):
            continue
        colour = rgba(EMPHASIS_COLOUR, 0.9) if emphasis else rgba(ARC_COLOUR, opacities[band])
        line = {"width": widths[band] + (1.2 if emphasis else 0.0), "color": colour}
        traces.append(
            line_trace(
                drawing,
                ties.ends[rows],
                line,
                name=f"{band_name}",
                legendgroup="weight",
                legendgrouptitle={"text": "Tie weight"} if band == 0 else None,
                showlegend=not emphasis,
                meta={"role": "emphasis" if emphasis else "arcs", "band": band},
            )
        )
    return traces


def _units_per_pixel(positions: Mapping[str, tuple[float, float]]) -> float:
    """Layout units per pixel on the reference canvas (the mean of both axes: the axes have
    no fixed aspect ratio, and a larger canvas only shortens the set-back a little)."""
    ranges = network_frame(positions)
    spans = [(r[1] - r[0]) / size for r, size in zip(ranges, REFERENCE_PLOT, strict=True)]
    return float(np.mean(spans))


def _arrow_trace(
    drawing: Drawing,
    arcs: Sequence[tuple[tuple[str, str], int]],
    diameters: np.ndarray,
    per_pixel: float,
    emphasis: bool,
) -> list[go.Scatter]:
    """The arrowheads of ``arcs`` (each with its weight band) as one trace; none if no arcs.

    Each arrowhead is a pair of points, an invisible one at the source and the head, set
    back from the target's centre by its radius (and its ring), so the marker turned
    towards the previous point sits at the rim of the supported organisation.
    """
    xy, index = drawing.xy, drawing.index
    ax: list[float] = []
    ay: list[float] = []
    sizes: list[float] = []
    for (u, v), band in arcs:
        s, t = index[u], index[v]
        vector = xy[t] - xy[s]
        length = float(np.hypot(*vector))
        if length == 0:
            continue
        arrow = ARROW_SIZE + 1.5 * float(band)
        ring = RING_GAP + 2.0 if v in drawing.chosen else 0.0
        back = (float(diameters[t]) / 2.0 + ring + arrow / 2.0 + 1.0) * per_pixel
        tip = xy[t] - vector / length * min(back, 0.45 * length)
        ax += [float(xy[s, 0]), float(tip[0])]
        ay += [float(xy[s, 1]), float(tip[1])]
        sizes += [0.0, arrow]
    if not ax:
        return []
    colour = rgba(EMPHASIS_COLOUR, 1.0) if emphasis else rgba(ARC_COLOUR, 0.95)
    marker = {
        "symbol": "arrow",
        "angleref": "previous",
        "size": sizes,
        "color": colour,
        "line": {"width": 0},
    }
    # Arrowheads sit at the nodes' rims: were they hoverable, they would take clicks meant
    # for the organisations. Arcs hover at midpoints.
    arrows = go.Scatter(
        x=ax,
        y=ay,
        mode="markers",
        marker=marker,
        hoverinfo="skip",
        showlegend=False,
        name="Direction of support",
        meta={"role": "arrows", "emphasis": emphasis},
    )
    return [arrows]


def _arc_hover(G: nx.DiGraph, source: str, target: str) -> str:
    """One arc's weight, nature, and whether both organisations reported it."""
    data = G.edges[source, target]
    lines = [f"{source} → {target}", f"Weight: {float(data.get('weight', 1.0)):.3g}"]
    natures = data.get("nature") or ()
    if natures:
        lines.append("Nature: " + ", ".join(NATURES.get(n, str(n)) for n in natures))
    if data.get("confirmed"):
        lines.append("Reported by both organisations")
    if data.get("direction_stated") is False:
        lines.append("No direction stated: kept both ways")
    return "<br>".join(lines)
