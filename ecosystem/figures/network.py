"""The partner network of one wave: organisations by type and a measure, ties by weight.

:func:`network_figure` composes the shared trace builders of :mod:`ecosystem.figures.traces`
(placement, tie lines, hover points, rings, one trace per type) with what only this figure
draws: weight bands, arrowheads and measure-sized nodes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ecosystem.codebook import FREQUENCY, NATURES, RELEVANCE, UNKNOWN_TYPE, WEIGHTINGS
from ecosystem.figures.formats import format_measure
from ecosystem.figures.labels import REFERENCE_PLOT
from ecosystem.figures.style import (
    ARC_COLOUR,
    ARC_OPACITIES,
    ARC_OPACITIES_LARGE,
    ARC_WIDTHS,
    ARC_WIDTHS_LARGE,
    ARROW_LIMIT,
    ARROW_SIZE,
    EMPHASIS_COLOUR,
    HIGHLIGHT_COLOUR,
    LARGE_NETWORK,
    MAX_WEIGHT_BANDS,
    NODE_OUTLINE,
    NODE_SIZES,
    NODE_SIZES_LARGE,
    RING_GAP,
    message_figure,
    rgba,
    type_colour,
)
from ecosystem.figures.traces import (
    HIGHLIGHT_OUTLINE,
    Drawing,
    add_labels,
    finish_network,
    highlight_rings,
    labelled_rows,
    line_trace,
    network_frame,
    node_trace,
    organisation_lines,
    pair_weight,
    place,
    plain_diameter,
    scope_words,
    tie_hover_trace,
    tied_pairs,
    type_groups,
)
from ecosystem.glossary import measure_label

HOVER_MEASURES = ("in_degree", "out_degree", "betweenness", "pagerank", "brokerage")
"""Measures shown when hovering over an organisation (with the one that sizes the nodes)."""

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
    would hide the network); the caption says so. A network of 5,000 organisations and
    50,000 arcs takes about 0.7 s to build (2-core machine).

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_nodes_from([("Hub", {"type": "hub"}), ("Trust", {"type": "trust"})])
    >>> G.add_edge("Trust", "Hub", weight=3.0)
    >>> fig = network_figure(G, {"Hub": (0.0, 0.0), "Trust": (1.0, 0.0)})
    >>> [t.name for t in fig.data if t.meta["role"] == "nodes"]
    ['Innovation hub', 'NHS provider trust']
    """
    names = sorted(G, key=str)
    if not names:
        return message_figure("No organisations to show.", title or network_title(G), illustrative)
    pairs = tied_pairs(G)
    drawing = place(names, positions, highlight, lines=sum(len(arcs) for arcs in pairs.values()))
    diameters, scores = _node_sizes(G, drawing, size_by)
    fig = go.Figure()
    if pairs:
        fig.add_traces(_tie_traces(G, drawing, pairs, diameters, positions))
    if drawing.chosen:
        fig.add_trace(highlight_rings(drawing, diameters))
    fig.add_traces(_node_traces(G, drawing, diameters, measures, size_by))
    rows = labelled_rows(names, scores, _label_count(G, label_limit))
    add_labels(fig, drawing, positions, diameters, G.nodes, rows)
    return finish_network(
        fig,
        positions,
        title=title if title is not None else network_title(G),
        illustrative=illustrative,
        note=_network_note(G, size_by, drawing.large),
    )


ONE_HUB_LABELLED: Final = 60
"""A one-hub view with at most this many organisations labels every one of them."""


def _label_count(G: nx.DiGraph, label_limit: int) -> int:
    """How many organisations to name: all of a one-hub view of a readable size."""
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
# Organisations
# --------------------------------------------------------------------------------------


def scaled_sizes(values: np.ndarray, sizes: tuple[float, float]) -> np.ndarray:
    """Diameters in pixels rising with ``values`` (area in proportion; missing = smallest).

    >>> scaled_sizes(np.array([0.0, 1.0, 4.0, np.nan]), (10.0, 30.0)).tolist()
    [10.0, 20.0, 30.0, 10.0]
    """
    low, high = sizes
    finite = np.isfinite(values)
    result = np.full(len(values), low, dtype=float)
    if not finite.any():
        return np.full(len(values), (low + high) / 2.0)
    least, most = values[finite].min(), values[finite].max()
    if most == least:
        result[finite] = (low + high) / 2.0
        return result
    share = (values[finite] - least) / (most - least)
    result[finite] = low + (high - low) * np.sqrt(share)
    return result


def _node_sizes(
    G: nx.DiGraph, drawing: Drawing, size_by: pd.Series | None
) -> tuple[np.ndarray, np.ndarray]:
    """Each organisation's diameter, and its score for naming (``size_by``, else degree)."""
    names = drawing.names
    if size_by is None:
        diameters = np.full(len(names), plain_diameter(drawing.large))
        return diameters, np.array([G.degree(name) for name in names], dtype=float)
    values = pd.to_numeric(size_by.reindex(names), errors="coerce").to_numpy(dtype=float)
    diameters = scaled_sizes(values, NODE_SIZES_LARGE if drawing.large else NODE_SIZES)
    return diameters, np.where(np.isfinite(values), values, -np.inf)


def _node_traces(
    G: nx.DiGraph,
    drawing: Drawing,
    diameters: np.ndarray,
    measures: pd.DataFrame | None,
    size_by: pd.Series | None,
) -> list[go.Scatter]:
    """One marker trace per organisation type, so the legend names each type present."""
    types = [G.nodes[name].get("type") or UNKNOWN_TYPE for name in drawing.names]
    outline = 0.5 if drawing.large else 1.0
    traces = []
    for position, (kind, members) in enumerate(type_groups(types)):
        member_names = [drawing.names[k] for k in members]
        chosen = [name in drawing.chosen for name in member_names]
        marker = {
            "size": diameters[members].tolist(),
            "color": type_colour(kind),
            "line": {
                "width": [HIGHLIGHT_OUTLINE if c else outline for c in chosen],
                "color": [HIGHLIGHT_COLOUR if c else NODE_OUTLINE for c in chosen],
            },
            "opacity": 1.0,
        }
        hover = [_node_hover(G, name, measures, size_by) for name in member_names]
        traces.append(
            node_trace(
                drawing,
                kind,
                members,
                first=position == 0,
                hover=hover,
                marker=marker,
            )
        )
    return traces


def _node_hover(
    G: nx.DiGraph, name: str, measures: pd.DataFrame | None, size_by: pd.Series | None
) -> str:
    """Name, type, hub(s), whether it answered, and its measures, one a line."""
    attributes = G.nodes[name]
    lines = organisation_lines(name, attributes)
    if "responded" in attributes:
        lines.append("Answered the survey: " + ("yes" if attributes["responded"] else "no"))
    row = (
        measures.loc[name]
        if measures is not None and name in measures.index
        else pd.Series(dtype=object)
    )
    shown = list(HOVER_MEASURES)
    if size_by is not None and size_by.name and str(size_by.name) not in shown:
        shown.append(str(size_by.name))
    for column in shown:
        if column in row.index:
            value = row[column]
        elif column in attributes:
            value = attributes[column]
        elif size_by is not None and column == size_by.name and name in size_by.index:
            value = size_by[name]
        else:
            continue
        lines.append(f"{measure_label(column)}: {format_measure(column, value)}")
    return "<br>".join(lines)


# --------------------------------------------------------------------------------------
# Ties
# --------------------------------------------------------------------------------------


PRODUCT_WORDS: Final = ((3.0, "Weak"), (6.0, "Moderate"), (9.0, "Strong"), (12.0, "Very strong"))
"""Bands of the frequency x relevance product (0-12) in words: up to each bound."""


def answer_bands(weights: np.ndarray, weighting: object) -> tuple[np.ndarray, list[str]] | None:
    """Band of each weight and the bands' names in answer words, for a survey weighting.

    A weight is read as the nearest answer code (a pair averaging two reports may fall
    between codes): frequency and relevance take the codebook's labels, the product four
    bands in words; ``None`` for another weighting. Only bands present are named.

    >>> answer_bands(np.array([4.0, 2.5, 1.0]), "frequency")
    (array([2, 1, 0]), ['Less than quarterly', 'Monthly', 'Weekly or more'])
    """
    if weighting in ("frequency", "relevance"):
        scale = FREQUENCY if weighting == "frequency" else RELEVANCE
        codes = np.clip(np.floor(weights + 0.5), min(scale.labels), scale.top).astype(int)
        names = {int(code): scale.labels[int(code)] for code in codes}
    elif weighting == "product":
        bounds = np.array([bound for bound, _ in PRODUCT_WORDS])
        codes = np.minimum(np.searchsorted(bounds, weights, side="left"), len(bounds) - 1)
        names = {int(code): f"{PRODUCT_WORDS[code][1]} (up to {bounds[code]:g})" for code in codes}
    else:
        return None
    present = sorted(names)
    return np.searchsorted(present, codes), [names[code] for code in present]


def weight_bands(weights: np.ndarray, weighting: object = None) -> tuple[np.ndarray, list[str]]:
    """Band index of each weight, and the bands' legend names (at most four bands).

    Under a survey weighting the bands are answer words (:func:`answer_bands`). Otherwise up
    to four distinct weights are each a band; more are cut into four equal-width bands
    between the smallest and the largest.

    >>> bands, names = weight_bands(np.array([1.0, 4.0, 2.0]))
    >>> bands.tolist(), names
    ([0, 2, 1], ['1', '2', '4'])
    """
    answered = answer_bands(weights, weighting)
    if answered is not None:
        return answered
    distinct = np.unique(weights)
    if len(distinct) <= MAX_WEIGHT_BANDS:
        bands = np.searchsorted(distinct, weights)
        return bands, [f"{w:g}" for w in distinct]
    edges = np.linspace(distinct[0], distinct[-1], MAX_WEIGHT_BANDS + 1)
    bands = np.clip(np.searchsorted(edges, weights, side="right") - 1, 0, MAX_WEIGHT_BANDS - 1)
    names = [f"{edges[k]:.3g}–{edges[k + 1]:.3g}" for k in range(MAX_WEIGHT_BANDS)]
    return bands, names


def _ramp(bounds: tuple[float, float], count: int) -> list[float]:
    """``count`` values evenly from one bound to the other (the middle for one)."""
    if count <= 1:
        return [(bounds[0] + bounds[1]) / 2.0]
    return np.linspace(bounds[0], bounds[1], count).tolist()


def _tie_traces(
    G: nx.DiGraph,
    drawing: Drawing,
    pairs: Pairs,
    diameters: np.ndarray,
    positions: Mapping[str, tuple[float, float]],
) -> list[go.Scatter]:
    """Tie lines by weight band (highlighted pairs on top), arrowheads and tie hover points."""
    keys = list(pairs)
    weights = np.array([pair_weight(G, pairs[key]) for key in keys])
    bands, band_names = weight_bands(np.nan_to_num(weights, nan=0.0), G.graph.get("weighting"))
    emphasised = np.array([bool(drawing.chosen.intersection(key)) for key in keys])
    ends = drawing.ends(keys)
    traces = _band_traces(drawing, ends, bands, band_names, emphasised)
    if not drawing.large:
        per_pixel = _units_per_pixel(positions)
        for emphasis in (False, True):
            arcs = [
                (arc, int(bands[k]))
                for k in np.flatnonzero(emphasised == emphasis)
                for arc in pairs[keys[k]]
            ]
            traces += _arrow_trace(drawing, arcs, diameters, per_pixel, emphasis)
    texts = ["<br>".join(_arc_hover(G, u, v) for u, v in pairs[key]) for key in keys]
    traces.append(tie_hover_trace(drawing, ends, texts))
    return traces


def _band_traces(
    drawing: Drawing,
    ends: np.ndarray,
    bands: np.ndarray,
    band_names: list[str],
    emphasised: np.ndarray,
) -> list[go.Scatter]:
    """One line trace per weight band, then one per band of the highlighted pairs."""
    widths = _ramp(ARC_WIDTHS_LARGE if drawing.large else ARC_WIDTHS, len(band_names))
    opacities = _ramp(ARC_OPACITIES_LARGE if drawing.large else ARC_OPACITIES, len(band_names))
    traces = []
    for emphasis in (False, True):
        for band, band_name in enumerate(band_names):
            members = np.flatnonzero((bands == band) & (emphasised == emphasis))
            if emphasis and not len(members):
                continue
            colour = rgba(EMPHASIS_COLOUR, 0.9) if emphasis else rgba(ARC_COLOUR, opacities[band])
            line = {"width": widths[band] + (1.2 if emphasis else 0.0), "color": colour}
            traces.append(
                line_trace(
                    drawing,
                    ends[members],
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
