"""The organisations of a network picture: their sizes by a measure, one marker trace per
type, and what hovering over one shows."""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ecosystem.codebook import UNKNOWN_TYPE
from ecosystem.figures.formats import format_measure
from ecosystem.figures.style import (
    HIGHLIGHT_COLOUR,
    NODE_OUTLINE,
    NODE_SIZES,
    NODE_SIZES_LARGE,
    is_large_network,
    type_colour,
)
from ecosystem.figures.traces import (
    HIGHLIGHT_OUTLINE,
    Drawing,
    node_trace,
    organisation_lines,
    plain_diameter,
    type_groups,
)
from ecosystem.glossary import measure_label

HOVER_MEASURES = ("in_degree", "out_degree", "betweenness", "pagerank", "brokerage")
"""Measures shown when hovering over an organisation (with the one that sizes the nodes)."""

QUICK_HOVER_MEASURES = ("in_degree", "out_degree", "pagerank", "brokerage")
"""What hovering shows on a large network in the dashboard (with the size measure): the
measures that take a fraction of a second at 5,000 organisations, so the picture never
waits for betweenness unless it sizes the nodes. The profile shows every measure."""


def hover_measures(G: nx.DiGraph) -> tuple[str, ...]:
    """The measures a dashboard gives a picture of ``G`` for hover: :data:`HOVER_MEASURES`,
    or :data:`QUICK_HOVER_MEASURES` for a network drawn as a large one."""
    large = is_large_network(G.number_of_nodes(), G.number_of_edges())
    return QUICK_HOVER_MEASURES if large else HOVER_MEASURES


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


def node_sizes(
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


def node_traces(
    G: nx.DiGraph,
    drawing: Drawing,
    diameters: np.ndarray,
    measures: pd.DataFrame | None,
    size_by: pd.Series | None,
) -> list[go.Scatter]:
    """One marker trace per organisation type, so the legend names each type present."""
    types = [G.nodes[name].get("type") or UNKNOWN_TYPE for name in drawing.names]
    rows = hover_rows(measures, size_by)
    outline = 0.5 if drawing.large else 1.0
    traces = []
    for position, (kind, members) in enumerate(type_groups(types)):
        member_names = [drawing.names[k] for k in members]
        chosen = [name in drawing.chosen for name in member_names]
        line = {
            "width": [HIGHLIGHT_OUTLINE if c else outline for c in chosen],
            "color": [HIGHLIGHT_COLOUR if c else NODE_OUTLINE for c in chosen],
        }
        if drawing.large and not any(chosen):
            # One outline for all: plotly checks each of thousands of colours otherwise.
            line = {"width": outline, "color": NODE_OUTLINE}
        marker = {
            "size": diameters[members].tolist(),
            "color": type_colour(kind),
            "line": line,
            "opacity": 1.0,
        }
        hover = [node_hover(G, name, rows.get(name, {}), size_by) for name in member_names]
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


def shown_measures(size_by: pd.Series | None) -> list[str]:
    """The measures hover shows: :data:`HOVER_MEASURES` and the one sizing the nodes."""
    shown = list(HOVER_MEASURES)
    if size_by is not None and size_by.name and str(size_by.name) not in shown:
        shown.append(str(size_by.name))
    return shown


def hover_rows(
    measures: pd.DataFrame | None, size_by: pd.Series | None
) -> dict[str, dict[str, object]]:
    """Each organisation's measures that hover shows, read from the table once (reading
    row by row took a second at 5,000 organisations)."""
    if measures is None:
        return {}
    columns = [c for c in shown_measures(size_by) if c in measures.columns]
    return measures[columns].to_dict("index")


def node_hover(
    G: nx.DiGraph, name: str, row: Mapping[str, object], size_by: pd.Series | None
) -> str:
    """Name, type, hub(s), whether it answered, and its measures (``row``, from
    :func:`hover_rows`), one a line."""
    attributes = G.nodes[name]
    lines = organisation_lines(name, attributes)
    if "responded" in attributes:
        lines.append("Answered the survey: " + ("yes" if attributes["responded"] else "no"))
    for column in shown_measures(size_by):
        if column in row:
            value = row[column]
        elif column in attributes:
            value = attributes[column]
        elif size_by is not None and column == size_by.name and name in size_by.index:
            value = size_by[name]
        else:
            continue
        lines.append(f"{measure_label(column)}: {format_measure(column, value)}")
    return "<br>".join(lines)
