"""Plotly figures of partner networks and their measures, styled in one place.

Every figure the dashboard shows comes from a function here, and the same function serves
exports, so each figure stands on its own: a title, a legend, axis titles in plain words, a
caption saying what sizes, widths and arrows mean, and an "Illustrative data" mark where
asked. The functions are pure (graphs and DataFrames in, a new :class:`plotly.graph_objects.Figure`
out; inputs never modified) and deterministic (no randomness; organisations in name order),
so two calls give equal figures.

Colours
-------
Organisation types take the colours of Paul Tol's qualitative **muted** scheme, designed to
stay distinguishable under the common forms of colour-blindness: its nine colours, plus the
black and pale grey that his ``tol_colors`` module ships with it (pale grey is his colour for
missing data, here "type not given"). Roles and waves use his **bright** and **vibrant**
schemes; heatmaps use the perceptually uniform, colour-blind-safe "Cividis" scale. Change
between two waves uses his bright blue (ties gained, values that rose) and red (ties lost,
values that fell), with lost ties also dashed, so colour is never the only cue.

References
----------
Tol, P. (2021). *Colour Schemes*. SRON technical note SRON/EPS/TN/09-002, issue 3.2,
https://personal.sron.nl/~pault/ (schemes "muted", "bright" and "vibrant").

Nunez, J. R., Anderton, C. R. and Renslow, R. S. (2018). Optimizing colormaps with
consideration for color vision deficiency to enable accurate interpretation of scientific
data. *PLOS ONE* 13(7), e0199239 (Cividis).

Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation. *Sociological
Methodology* 19, 89-126 (brokerage roles). Burt, R. S. (1992). *Structural Holes*. Harvard
University Press (constraint, effective size).
"""

from __future__ import annotations

import math
import textwrap
import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ecosystem.analysis.brokerage import ROLES
from ecosystem.codebook import (
    NATURES,
    ORGANISATION_TYPES,
    WEIGHTINGS,
    normalise_label,
    organisation_type,
)
from ecosystem.glossary import MEASURES as GLOSSARY

__all__ = [
    "GAINED_COLOUR",
    "LOST_COLOUR",
    "MEASURE_LABELS",
    "ROLE_COLOURS",
    "ROLE_LABELS",
    "TIE_CHANGES",
    "TOL_MUTED",
    "TYPE_COLOURS",
    "WAVE_COLOURS",
    "brokerage_matrix_figure",
    "brokerage_roles_figure",
    "catalysis_figure",
    "difference_figure",
    "network_change_figure",
    "network_figure",
    "organisation_change_figure",
    "overview_figure",
    "structural_holes_figure",
    "type_colour",
    "type_label",
    "type_order",
]

# --------------------------------------------------------------------------------------
# Palette (Paul Tol, "Colour Schemes", https://personal.sron.nl/~pault/)
# --------------------------------------------------------------------------------------

TOL_MUTED: Final[dict[str, str]] = {
    "rose": "#CC6677",
    "indigo": "#332288",
    "sand": "#DDCC77",
    "green": "#117733",
    "cyan": "#88CCEE",
    "wine": "#882255",
    "teal": "#44AA99",
    "olive": "#999933",
    "purple": "#AA4499",
    "pale_grey": "#DDDDDD",
    "black": "#000000",
}
"""Paul Tol's "muted" qualitative scheme as his ``tol_colors`` module gives it (nine
colours, pale grey for missing data, and black)."""

TYPE_COLOURS: Final[dict[str, str]] = {
    "hub": TOL_MUTED["black"],
    "HIN": TOL_MUTED["teal"],
    "ICB": TOL_MUTED["indigo"],
    "trust": TOL_MUTED["cyan"],
    "university": TOL_MUTED["sand"],
    "VCSE": TOL_MUTED["green"],
    "council": TOL_MUTED["olive"],
    "industry": TOL_MUTED["purple"],
    "national": TOL_MUTED["wine"],
    "PPIE": TOL_MUTED["rose"],
    "unknown": TOL_MUTED["pale_grey"],
}
"""One colour per codebook organisation type (:data:`ecosystem.codebook.ORGANISATION_TYPES`).
The hub, the focus of each ecosystem, is black; "type not given" is Tol's missing-data grey."""

_FALLBACK_COLOURS: Final[tuple[str, ...]] = tuple(
    colour for name, colour in TOL_MUTED.items() if name not in {"pale_grey", "black"}
)

ROLE_LABELS: Final[dict[str, str]] = {
    "coordinator": "Coordinator",
    "gatekeeper": "Gatekeeper",
    "representative": "Representative",
    "consultant": "Consultant",
    "liaison": "Liaison",
}
"""Gould-Fernandez brokerage roles as shown to people."""

ROLE_MEANINGS: Final[dict[str, str]] = {
    "coordinator": "links two organisations of its own type",
    "gatekeeper": "lets another type reach organisations of its own type",
    "representative": "carries its own type's ties to another type",
    "consultant": "links two organisations of one other type",
    "liaison": "links two different types, neither its own",
}

ROLE_COLOURS: Final[dict[str, str]] = {
    "coordinator": "#4477AA",  # Tol bright: blue
    "gatekeeper": "#EE6677",  # red
    "representative": "#228833",  # green
    "consultant": "#CCBB44",  # yellow
    "liaison": "#66CCEE",  # cyan
}
"""Brokerage roles in Paul Tol's "bright" qualitative scheme."""

WAVE_COLOURS: Final[tuple[str, ...]] = (
    "#0077BB",  # Tol vibrant: blue
    "#EE7733",  # orange
    "#009988",  # teal
    "#EE3377",  # magenta
    "#33BBEE",  # cyan
    "#CC3311",  # red
    "#BBBBBB",  # grey
)
"""Survey waves, in order, in Paul Tol's "vibrant" qualitative scheme."""

HEATMAP_SCALE: Final = "Cividis"

MEASURE_LABELS: Final[dict[str, str]] = {
    "organisations": "Organisations",
    "ties": "Ties (arcs)",
    "density": "Density",
    "reciprocity": "Reciprocity",
    "transitivity": "Transitivity",
    "degree_centralisation": "Degree centralisation",
    "betweenness_centralisation": "Betweenness centralisation",
    "components": "Components",
    "largest_component_share": "Share in the largest component",
    "mean_tie_weight": "Mean tie weight",
    "ei_index": "E-I index (types)",
    "within_type_share": "Share of ties within a type",
    "response_rate": "Response rate",
    "in_degree": "In-degree",
    "out_degree": "Out-degree",
    "in_strength": "In-strength",
    "out_strength": "Out-strength",
    "betweenness": "Betweenness",
    "closeness": "Closeness",
    "harmonic": "Harmonic centrality",
    "pagerank": "PageRank",
    "constraint": "Constraint",
    "effective_size": "Effective size",
    "brokerage": "Brokerage (all roles)",
}
"""Measure column -> label as shown to people (shared by figures and tables)."""

_COUNT_MEASURES: Final = frozenset(
    {"organisations", "ties", "components", "in_degree", "out_degree", "brokerage", *ROLES}
)
_HOVER_MEASURES: Final = ("in_degree", "out_degree", "betweenness", "pagerank", "brokerage")
_SHARE_MEASURES: Final = frozenset(
    {"reciprocity", "response_rate", "within_type_share", "largest_component_share"}
)
_MEASURE_RANGES: Final[dict[str, tuple[float, float]]] = {
    "ei_index": (-1.0, 1.0),
    "reciprocity": (0.0, 1.0),
    "response_rate": (0.0, 1.0),
    "within_type_share": (0.0, 1.0),
    "largest_component_share": (0.0, 1.0),
}

# --------------------------------------------------------------------------------------
# Styling: fonts, margins and template, in one place
# --------------------------------------------------------------------------------------

FONT_FAMILY: Final = "Arial, Helvetica, sans-serif"
FONT_SIZE: Final = 13
TITLE_SIZE: Final = 17
NOTE_SIZE: Final = 11
TEXT_COLOUR: Final = "#222222"
NOTE_COLOUR: Final = "#555555"
TEMPLATE: Final = "simple_white"
MARGIN: Final[dict[str, int]] = {"l": 20, "r": 20, "t": 80, "b": 70}
NOTE_WIDTH: Final = 130
"""Characters per line of a caption."""
NOTE_LINE: Final = 16
"""Pixels per line of a caption."""
ILLUSTRATIVE_TEXT: Final = "Illustrative data"
ILLUSTRATIVE_COLOUR: Final = TOL_MUTED["wine"]
ILLUSTRATIVE_SHIFT: Final = 34
"""Pixels between the top of the plot area and the "Illustrative data" mark (above any
panel titles, in the top margin)."""

NETWORK_HEIGHT: Final = 680
NETWORK_BOTTOM: Final = 16
ARC_COLOUR: Final = (119, 119, 119)
EMPHASIS_COLOUR: Final = (34, 34, 34)
HIGHLIGHT_COLOUR: Final = "#000000"
NODE_OUTLINE: Final = "#FFFFFF"
RING_GAP: Final = 6.0
"""Pixels between a highlighted organisation's marker and the ring around it."""
NODE_SIZES: Final = (9.0, 34.0)
"""Smallest and largest node diameter in pixels (networks up to :data:`LARGE_NETWORK`)."""
NODE_SIZES_LARGE: Final = (3.0, 14.0)
ARROW_SIZE: Final = 8.0
ARC_WIDTHS: Final = (0.8, 3.6)
ARC_OPACITIES: Final = (0.35, 0.8)
ARC_WIDTHS_LARGE: Final = (0.3, 1.2)
ARC_OPACITIES_LARGE: Final = (0.12, 0.4)
MAX_WEIGHT_BANDS: Final = 4
ARROW_LIMIT: Final = 2500
"""Above this many arcs a network is drawn as a large one (see :data:`LARGE_NETWORK`)."""
LARGE_NETWORK: Final = 1000
"""From this many organisations on, WebGL traces, thinner arcs and smaller nodes are used
and arrowheads are left out, so a 5,000-organisation network still draws quickly."""
LABEL_CHARACTERS: Final = 30
OVERVIEW_PANEL: Final = 230
"""Pixel height of one panel of :func:`overview_figure`."""
OVERVIEW_GAP: Final = 110
"""Pixels between rows of panels (room for wrapped hub names and the next panel's title)."""
OVERVIEW_BOTTOM: Final = 80


def _style(
    fig: go.Figure,
    title: str | None = None,
    height: int | None = None,
    illustrative: bool = False,
    note: str | None = None,
    bottom: int = MARGIN["b"],
) -> go.Figure:
    """Apply the shared look (template, fonts, margins, white background) to a new figure.

    ``note`` becomes a small caption at the foot of the figure, below ``bottom`` pixels kept
    for axis labels; ``illustrative`` adds a visible "Illustrative data" mark at the top
    right. Returns the same figure.
    """
    lines = textwrap.wrap(note, NOTE_WIDTH) if note else []
    margin = {**MARGIN, "b": bottom + NOTE_LINE * len(lines)}
    fig.update_layout(
        template=TEMPLATE,
        font={"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT_COLOUR},
        title={
            "text": title,
            "x": 0.0,
            "xanchor": "left",
            "xref": "container",
            "pad": {"l": MARGIN["l"]},
            "y": 0.98,
            "yanchor": "top",
            "yref": "container",
            "font": {"size": TITLE_SIZE},
        },
        margin=margin,
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel={"font": {"family": FONT_FAMILY, "size": FONT_SIZE}, "bgcolor": "white"},
        legend={"font": {"size": FONT_SIZE - 1}, "itemsizing": "constant", "tracegroupgap": 12},
    )
    if height is not None:
        fig.update_layout(height=height + NOTE_LINE * len(lines))
    if lines:
        fig.add_annotation(
            text="<br>".join(lines),
            xref="paper",
            yref="paper",
            x=0.0,
            y=0.0,
            xanchor="left",
            yanchor="bottom",
            yshift=-(margin["b"] - 8),
            showarrow=False,
            align="left",
            font={"size": NOTE_SIZE, "color": NOTE_COLOUR},
            name="note",
        )
    if illustrative:
        fig.add_annotation(
            text=f"<b>{ILLUSTRATIVE_TEXT}</b>",
            xref="paper",
            yref="paper",
            x=1.0,
            y=1.0,
            xanchor="right",
            yanchor="bottom",
            yshift=ILLUSTRATIVE_SHIFT,
            showarrow=False,
            font={"size": FONT_SIZE, "color": ILLUSTRATIVE_COLOUR},
            bordercolor=ILLUSTRATIVE_COLOUR,
            borderwidth=1,
            borderpad=4,
            bgcolor="white",
            name="illustrative",
        )
    return fig


def _message_figure(message: str, title: str | None, illustrative: bool = False) -> go.Figure:
    """An empty, styled figure that says why there is nothing to draw."""
    fig = go.Figure()
    fig.add_annotation(text=message, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _style(fig, title=title, illustrative=illustrative)


# --------------------------------------------------------------------------------------
# Organisation types
# --------------------------------------------------------------------------------------


def _type_key(type_key: object) -> str | None:
    """The codebook key of a type as written, or None when the codebook does not know it."""
    if type_key is None or (isinstance(type_key, float) and math.isnan(type_key)):
        return "unknown"
    if type_key in ORGANISATION_TYPES:
        return str(type_key)
    if str(type_key).strip() == "":
        return "unknown"
    try:
        return organisation_type(type_key)
    except ValueError:
        return None


def type_colour(type_key: object) -> str:
    """The colour of an organisation type: the codebook's, or a stable one for other groups.

    Codebook keys, labels and synonyms get :data:`TYPE_COLOURS`; a blank type is "type not
    given". A group from another tool's file (``group`` column) gets one of the nine muted
    colours, chosen by a checksum of its name, so it is the same in every figure and every
    run (it may share a colour with a codebook type).

    >>> type_colour("HIN"), type_colour("Academic Health Science Network")
    ('#44AA99', '#44AA99')
    >>> type_colour("Housing association") == type_colour("housing  ASSOCIATION")
    True
    """
    key = _type_key(type_key)
    if key is not None:
        return TYPE_COLOURS[key]
    checksum = zlib.crc32(normalise_label(type_key).encode("utf-8"))
    return _FALLBACK_COLOURS[checksum % len(_FALLBACK_COLOURS)]


def type_label(type_key: object) -> str:
    """The label people read for an organisation type (the group's own name if not coded).

    >>> type_label("ICB"), type_label("Housing association")
    ('Integrated Care Board', 'Housing association')
    """
    key = _type_key(type_key)
    return ORGANISATION_TYPES[key] if key is not None else str(type_key).strip()


def type_order(types: Iterable[object]) -> list[str]:
    """Distinct types in legend order: codebook order, then others by name, unknown last.

    >>> type_order(["trust", "Housing", "hub", "unknown", "trust"])
    ['hub', 'trust', 'Housing', 'unknown']
    """
    present = {str(t) for t in types}
    known = [key for key in ORGANISATION_TYPES if key in present and key != "unknown"]
    others = sorted(present - set(known) - {"unknown"})
    return known + others + (["unknown"] if "unknown" in present else [])


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------


def _format_measure(column: str, value: object) -> str:
    if value is None or (isinstance(value, float | np.floating) and math.isnan(value)):
        return "–"
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int | np.integer) or column in _COUNT_MEASURES:
        return f"{float(value):.0f}"
    if isinstance(value, float | np.floating):
        return f"{float(value):.3f}"
    return str(value)


def _short_label(name: str) -> str:
    text = str(name)
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1].rstrip() + "…"


def _wrap(text: str, width: int = 16) -> str:
    return "<br>".join(textwrap.wrap(str(text), width)) or str(text)


def _segments(
    xy: np.ndarray, ends: np.ndarray, as_array: bool = False
) -> tuple[np.ndarray | list[float | None], np.ndarray | list[float | None]]:
    """Coordinates of line segments for one trace: start, end, gap, start, end, gap...

    Gaps are ``None`` in lists; ``as_array`` returns float arrays with NaN gaps instead,
    which plotly passes through without checking each value (fast for 50,000 arcs).

    >>> _segments(np.array([[0.0, 0.0], [1.0, 2.0]]), np.array([[0, 1]]))
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


def _rgba(rgb: tuple[int, int, int], alpha: float) -> str:
    return f"rgba({rgb[0]},{rgb[1]},{rgb[2]},{alpha:.2f})"


def _scaled_sizes(values: np.ndarray, sizes: tuple[float, float]) -> np.ndarray:
    """Diameters in pixels rising with ``values`` (area in proportion; missing = smallest)."""
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


def _weight_bands(weights: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Band index of each weight, and the bands' legend names (at most four bands).

    Up to four distinct weights are each a band; more are cut into four equal-width bands
    between the smallest and the largest.
    """
    distinct = np.unique(weights)
    if len(distinct) <= MAX_WEIGHT_BANDS:
        bands = np.searchsorted(distinct, weights)
        return bands, [f"{w:g}" for w in distinct]
    edges = np.linspace(distinct[0], distinct[-1], MAX_WEIGHT_BANDS + 1)
    bands = np.clip(np.searchsorted(edges, weights, side="right") - 1, 0, MAX_WEIGHT_BANDS - 1)
    names = [f"{edges[k]:.3g}–{edges[k + 1]:.3g}" for k in range(MAX_WEIGHT_BANDS)]
    return bands, names


def _ramp(bounds: tuple[float, float], count: int) -> list[float]:
    if count <= 1:
        return [(bounds[0] + bounds[1]) / 2.0]
    return np.linspace(bounds[0], bounds[1], count).tolist()


def _label_positions(xy: np.ndarray) -> list[str]:
    """Where each node's name goes: away from the middle of the drawing, so names fan out.

    Names of organisations at the far left or right edge go above or below them instead
    of sideways, so they are not cut off by the edge of the plot or the legend.

    >>> points = [[0, 0], [0.5, 0], [-0.5, 0], [0, -1], [0, 1], [1, 0.2], [-1, -0.2]]
    >>> for where in _label_positions(np.array(points, dtype=float)):
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
    result = []
    for dx, dy in offsets:
        if math.hypot(dx, dy) <= 0.1 * reach:
            result.append("top center")
            continue
        angle = math.degrees(math.atan2(dy, dx)) % 360.0
        if 45 <= angle < 135:
            result.append("top center")
        elif 225 <= angle < 315:
            result.append("bottom center")
        elif abs(dx) > edge:
            result.append("top center" if dy >= 0 else "bottom center")
        else:
            result.append("middle right" if dx > 0 else "middle left")
    return result


def _ring_trace(
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


def _network_title(G: nx.DiGraph) -> str:
    hub = G.graph.get("hub")
    wave = G.graph.get("wave")
    scope = f"{hub} ecosystem" if hub else "All hubs"
    return f"Partner network: {scope}, {wave}" if wave else f"Partner network: {scope}"


def _network_frame(
    positions: Mapping[str, tuple[float, float]],
) -> tuple[list[float], list[float]]:
    """Axis ranges of a network drawing: every position given, so figures drawn from one
    layout (several waves, or their difference) share one frame and line up exactly.

    >>> x_range, y_range = _network_frame({"a": (0.0, 0.0), "b": (1.0, 1.0)})
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


def _network_axes(fig: go.Figure, x_range: list[float], y_range: list[float]) -> None:
    """Hidden axes on one scale (a circle stays round), panning and clicks on organisations."""
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


# --------------------------------------------------------------------------------------
# The network
# --------------------------------------------------------------------------------------


def _node_hover(
    G: nx.DiGraph, name: str, measures: pd.DataFrame | None, size_by: pd.Series | None
) -> str:
    attributes = G.nodes[name]
    lines = [f"<b>{name}</b>", type_label(attributes.get("type"))]
    hubs = str(attributes.get("hubs") or "").strip()
    if hubs:
        lines.append(("Hubs: " if ";" in hubs else "Hub: ") + hubs)
    if "responded" in attributes:
        lines.append("Answered the survey: " + ("yes" if attributes["responded"] else "no"))
    row = (
        measures.loc[name]
        if measures is not None and name in measures.index
        else pd.Series(dtype=object)
    )
    shown = list(_HOVER_MEASURES)
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
        lines.append(f"{MEASURE_LABELS.get(column, column)}: {_format_measure(column, value)}")
    return "<br>".join(lines)


def _arc_hover(G: nx.DiGraph, source: str, target: str) -> str:
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


def _placed(
    names: Sequence[str], positions: Mapping[str, tuple[float, float]], highlight: Iterable[str]
) -> tuple[dict[str, int], np.ndarray, set[str]]:
    """Each organisation's row, the array of their positions, and those to highlight.

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
    return index, xy, {name for name in highlight if name in index}


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
        degree when ``size_by`` is None), all when there are no more. Hovering shows
        every organisation's name, type, hub(s) and measures.
    illustrative : bool, optional
        Mark the figure "Illustrative data" (the demo survey's responses are synthetic).
    measures : pandas.DataFrame, optional
        Organisation-indexed table (e.g. :func:`ecosystem.analysis.tables.organisation_table`)
        whose in-degree, out-degree, betweenness, PageRank and brokerage appear on hover.

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
        return _message_figure(
            "No organisations to show.", title or _network_title(G), illustrative
        )
    index, xy, chosen = _placed(names, positions, highlight)

    pairs: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for u, v in G.edges():
        if u == v:
            continue
        key = (u, v) if str(u) <= str(v) else (v, u)
        pairs.setdefault(key, []).append((u, v))
    pair_keys = sorted(pairs, key=lambda p: (str(p[0]), str(p[1])))
    for key in pair_keys:
        pairs[key].sort(key=lambda arc: (str(arc[0]), str(arc[1])))
    arc_count = sum(len(arcs) for arcs in pairs.values())
    large = len(names) >= LARGE_NETWORK or arc_count > ARROW_LIMIT
    draw_arrows = not large
    Scatter = go.Scattergl if large else go.Scatter

    # Node sizes, labels and hover text.
    if size_by is not None:
        values = pd.to_numeric(size_by.reindex(names), errors="coerce").to_numpy(dtype=float)
        diameters = _scaled_sizes(values, NODE_SIZES_LARGE if large else NODE_SIZES)
        rank_values = np.where(np.isfinite(values), values, -np.inf)
    else:
        middle = (NODE_SIZES_LARGE if large else NODE_SIZES)[0] * 1.4
        diameters = np.full(len(names), middle)
        rank_values = np.array([G.degree(name) for name in names], dtype=float)
    if len(names) <= label_limit:
        labelled = set(names)
    else:
        ranked = sorted(range(len(names)), key=lambda k: (-rank_values[k], str(names[k])))
        labelled = {names[k] for k in ranked[: max(label_limit, 0)]}

    text_positions = _label_positions(xy)

    x_range, y_range = _network_frame(positions)
    plot_pixels = NETWORK_HEIGHT - MARGIN["t"] - NETWORK_BOTTOM
    per_pixel = (y_range[1] - y_range[0]) / plot_pixels

    fig = go.Figure()

    # Arcs: one line segment per tied pair, in weight bands; highlighted pairs on top.
    if pair_keys:
        pair_weights = np.array(
            [
                max(float(G.edges[arc].get("weight", 1.0) or 0.0) for arc in pairs[key])
                for key in pair_keys
            ]
        )
        bands, band_names = _weight_bands(np.nan_to_num(pair_weights, nan=0.0))
        widths = _ramp(ARC_WIDTHS_LARGE if large else ARC_WIDTHS, len(band_names))
        opacities = _ramp(ARC_OPACITIES_LARGE if large else ARC_OPACITIES, len(band_names))
        emphasised = np.array([bool(chosen.intersection(key)) for key in pair_keys])
        ends = np.array([[index[a], index[b]] for a, b in pair_keys])
        for emphasis in (False, True):
            for band, band_name in enumerate(band_names):
                members = np.flatnonzero((bands == band) & (emphasised == emphasis))
                if emphasis and not len(members):
                    continue
                xs, ys = _segments(xy, ends[members], as_array=large)
                colour = (
                    _rgba(EMPHASIS_COLOUR, 0.9) if emphasis else _rgba(ARC_COLOUR, opacities[band])
                )
                fig.add_trace(
                    Scatter(
                        x=xs,
                        y=ys,
                        mode="lines",
                        line={"width": widths[band] + (1.2 if emphasis else 0.0), "color": colour},
                        hoverinfo="skip",
                        name=f"{band_name}",
                        legendgroup="weight",
                        legendgrouptitle={"text": "Tie weight"} if band == 0 else None,
                        showlegend=not emphasis,
                        meta={"role": "emphasis" if emphasis else "arcs", "band": band},
                    )
                )

        if draw_arrows:
            for emphasis in (False, True):
                ax: list[float] = []
                ay: list[float] = []
                sizes: list[float] = []
                for k in np.flatnonzero(emphasised == emphasis):
                    for u, v in pairs[pair_keys[k]]:
                        s, t = index[u], index[v]
                        vector = xy[t] - xy[s]
                        length = float(np.hypot(*vector))
                        if length == 0:
                            continue
                        arrow = ARROW_SIZE + 1.5 * float(bands[k])
                        ring = RING_GAP + 2.0 if v in chosen else 0.0
                        back = (float(diameters[t]) / 2.0 + ring + arrow / 2.0 + 1.0) * per_pixel
                        back = min(back, 0.45 * length)
                        tip = xy[t] - vector / length * back
                        ax += [float(xy[s, 0]), float(tip[0])]
                        ay += [float(xy[s, 1]), float(tip[1])]
                        sizes += [0.0, arrow]
                if not ax:
                    continue
                colour = _rgba(EMPHASIS_COLOUR, 1.0) if emphasis else _rgba(ARC_COLOUR, 0.95)
                fig.add_trace(
                    go.Scatter(
                        x=ax,
                        y=ay,
                        mode="markers",
                        marker={
                            "symbol": "arrow",
                            "angleref": "previous",
                            "size": sizes,
                            "color": colour,
                            "line": {"width": 0},
                        },
                        # Arrowheads sit at the nodes' rims: were they hoverable, they would
                        # take clicks meant for the organisations. Arcs hover at midpoints.
                        hoverinfo="skip",
                        showlegend=False,
                        name="Direction of support",
                        meta={"role": "arrows", "emphasis": emphasis},
                    )
                )

        # One invisible hover point at the middle of each tie, away from the organisations.
        middles = (xy[ends[:, 0]] + xy[ends[:, 1]]) / 2.0
        fig.add_trace(
            Scatter(
                x=middles[:, 0].tolist(),
                y=middles[:, 1].tolist(),
                mode="markers",
                marker={"size": 10, "color": "rgba(0,0,0,0)"},
                hovertext=[
                    "<br>".join(_arc_hover(G, u, v) for u, v in pairs[key]) for key in pair_keys
                ],
                hoverinfo="text",
                showlegend=False,
                name="Ties",
                meta={"role": "tie-hover"},
            )
        )

    # Highlight rings, under the nodes so clicks reach the nodes.
    if chosen:
        ring = [k for k, name in enumerate(names) if name in chosen]
        fig.add_trace(_ring_trace(xy[ring, 0], xy[ring, 1], diameters[ring], Scatter))

    # Nodes: one trace per organisation type, so the legend names each type present.
    types = [G.nodes[name].get("type") or "unknown" for name in names]
    for position, kind in enumerate(type_order(types)):
        members = [k for k, t in enumerate(types) if str(t) == kind]
        member_names = [names[k] for k in members]
        fig.add_trace(
            Scatter(
                x=xy[members, 0].tolist(),
                y=xy[members, 1].tolist(),
                mode="markers+text",
                text=[_short_label(n) if n in labelled else "" for n in member_names],
                textposition=[text_positions[k] for k in members],
                textfont={"size": NOTE_SIZE, "color": TEXT_COLOUR},
                customdata=member_names,
                hovertext=[_node_hover(G, n, measures, size_by) for n in member_names],
                hoverinfo="text",
                marker={
                    "size": diameters[members].tolist(),
                    "color": type_colour(kind),
                    "line": {
                        "width": [
                            3.5 if n in chosen else (0.5 if large else 1.0) for n in member_names
                        ],
                        "color": [
                            HIGHLIGHT_COLOUR if n in chosen else NODE_OUTLINE for n in member_names
                        ],
                    },
                    "opacity": 1.0,
                },
                name=type_label(kind),
                legendgroup="types",
                legendgrouptitle={"text": "Organisation type"} if position == 0 else None,
                meta={"role": "nodes", "type": kind},
                # WebGL traces cannot draw text outside the axes; SVG ones can.
                **({} if large else {"cliponaxis": False}),
            )
        )

    notes = []
    if size_by is not None:
        measure = MEASURE_LABELS.get(str(size_by.name), str(size_by.name or "the chosen measure"))
        notes.append(f"Node size: {measure}.")
    if draw_arrows:
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
    _network_axes(fig, x_range, y_range)
    return _style(
        fig,
        title=title if title is not None else _network_title(G),
        height=NETWORK_HEIGHT,
        illustrative=illustrative,
        note=" ".join(notes),
        bottom=NETWORK_BOTTOM,
    )


# --------------------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------------------


def structural_holes_figure(
    table: pd.DataFrame,
    highlight: Iterable[str] = (),
    title: str = "Structural holes: who spans partners that are not tied to each other",
    illustrative: bool = False,
) -> go.Figure:
    """Burt's constraint against effective size, one point per organisation, coloured by type.

    Organisations towards the lower right have many contacts that are not tied to each
    other and little constraint: brokers across structural holes. Those upper left sit in
    a closed circle of partners who all know each other.

    Parameters
    ----------
    table : pandas.DataFrame
        Organisation-indexed, with columns ``type``, ``constraint`` and ``effective_size``
        (:func:`ecosystem.analysis.tables.organisation_table`). Rows where either measure is
        missing (organisations with no tie) are left out, and a note says how many.
    highlight : iterable of str, optional
        Organisations to outline and name on the plot.
    title : str, optional
    illustrative : bool, optional
        Mark the figure "Illustrative data".

    Returns
    -------
    plotly.graph_objects.Figure
        One marker trace per organisation type; ``customdata`` holds the names.

    References
    ----------
    Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
    """
    missing = {"constraint", "effective_size"} - set(table.columns)
    if missing:
        raise ValueError(f"the table has no column {sorted(missing)[0]!r}")
    x = pd.to_numeric(table["effective_size"], errors="coerce")
    y = pd.to_numeric(table["constraint"], errors="coerce")
    keep = np.isfinite(x.to_numpy(dtype=float)) & np.isfinite(y.to_numpy(dtype=float))
    shown = table.loc[keep]
    left_out = int((~keep).sum())
    types = shown["type"] if "type" in shown.columns else pd.Series("unknown", index=shown.index)
    chosen = set(highlight)

    fig = go.Figure()
    frame = pd.DataFrame(
        {"type": types.fillna("unknown").astype(str), "x": x[keep], "y": y[keep]},
        index=shown.index,
    ).sort_index(key=lambda i: i.astype(str))
    for kind in type_order(frame["type"]):
        part = frame[frame["type"] == kind]
        names = [str(n) for n in part.index]
        fig.add_trace(
            go.Scatter(
                x=part["x"].tolist(),
                y=part["y"].tolist(),
                mode="markers+text",
                text=[_short_label(n) if n in chosen else "" for n in names],
                textposition="top center",
                cliponaxis=False,
                customdata=names,
                hovertext=[
                    f"<b>{n}</b><br>{type_label(kind)}<br>Effective size: {a:.2f}"
                    f"<br>Constraint: {b:.3f}"
                    for n, a, b in zip(names, part["x"], part["y"], strict=True)
                ],
                hoverinfo="text",
                marker={
                    "size": 12,
                    "color": type_colour(kind),
                    "line": {
                        "width": [3.0 if n in chosen else 1.0 for n in names],
                        "color": [HIGHLIGHT_COLOUR if n in chosen else NODE_OUTLINE for n in names],
                    },
                },
                name=type_label(kind),
                legendgroup="types",
                legendgrouptitle={"text": "Organisation type"} if not fig.data else None,
                meta={"role": "organisations", "type": kind},
            )
        )
    ringed = frame[[str(n) in chosen for n in frame.index]]
    if not ringed.empty:
        fig.add_trace(
            _ring_trace(ringed["x"].to_numpy(), ringed["y"].to_numpy(), np.full(len(ringed), 12.0))
        )
    note = "Lower right: many contacts that are not tied to each other (a broker)."
    if left_out:
        note += (
            f" {left_out} organisation{'s' if left_out != 1 else ''} without ties "
            f"{'are' if left_out != 1 else 'is'} not shown: constraint and effective size "
            "are undefined there."
        )
    fig.update_xaxes(title={"text": "Effective size: non-redundant contacts"}, rangemode="tozero")
    fig.update_yaxes(
        title={"text": "Constraint: how much its contacts are tied to each other"},
        rangemode="tozero",
    )
    fig.update_layout(hovermode="closest")
    return _style(fig, title=title, height=560, illustrative=illustrative, note=note)


def brokerage_matrix_figure(
    matrix: pd.DataFrame,
    title: str = "Brokerage between organisation types",
    illustrative: bool = False,
) -> go.Figure:
    """A heatmap of brokered two-paths by the types they connect, with counts in the cells.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Rows: the type of the organisation the two-path starts from; columns: the type it
        reaches; values: counts of open two-paths a -> broker -> c (Gould and Fernandez
        1989) with a of the row's type and c of the column's. Index and columns are type
        keys, shown with their codebook labels.
    title : str, optional
    illustrative : bool, optional
        Mark the figure "Illustrative data".

    Returns
    -------
    plotly.graph_objects.Figure
        One ``go.Heatmap`` whose ``z`` equals the matrix (rows top to bottom), on the
        colour-blind-safe "Cividis" scale.
    """
    if matrix.empty:
        return _message_figure("No brokered ties to show.", title, illustrative)
    values = matrix.to_numpy(dtype=float)
    whole = bool(np.all(np.isnan(values) | (values == np.round(values))))
    z = [[None if math.isnan(v) else (int(v) if whole else v) for v in row] for row in values]
    small = whole and bool(np.nanmax(values, initial=0.0) <= 8)
    columns = [type_label(c) for c in matrix.columns]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=columns,
            y=[type_label(i) for i in matrix.index],
            colorscale=HEATMAP_SCALE,
            texttemplate="%{z}" if whole else "%{z:.2f}",
            hovertemplate="From %{y}<br>to %{x}<br>Brokered two-paths: %{z}<extra></extra>",
            colorbar={"title": {"text": "Two-paths"}, **({"dtick": 1} if small else {})},
            xgap=1,
            ygap=1,
            meta={"role": "matrix"},
        )
    )
    fig.update_xaxes(
        title={"text": "To (type of the organisation reached)"},
        tickmode="array",
        tickvals=columns,
        ticktext=[_wrap(c, 11) for c in columns],
        tickangle=0,
        tickfont={"size": NOTE_SIZE},
        side="bottom",
    )
    fig.update_yaxes(
        title={"text": "From (type of the organisation at the start)"}, autorange="reversed"
    )
    height = int(200 + 44 * len(matrix.index))
    return _style(
        fig,
        title=title,
        height=height,
        illustrative=illustrative,
        note="Each count is an open two-path a → broker → c: no direct tie from a to c.",
        bottom=130,
    )


def brokerage_roles_figure(
    table: pd.DataFrame,
    top: int = 15,
    title: str | None = None,
    illustrative: bool = False,
) -> go.Figure:
    """Stacked bars of the five Gould-Fernandez brokerage roles for the leading brokers.

    Parameters
    ----------
    table : pandas.DataFrame
        Organisation-indexed, with the integer columns ``coordinator``, ``gatekeeper``,
        ``representative``, ``consultant`` and ``liaison``
        (:func:`ecosystem.analysis.brokerage.brokerage_roles`, or
        :func:`ecosystem.analysis.tables.organisation_table`).
    top : int, optional
        How many organisations to show: those with the most brokered two-paths in all
        roles (ties broken by name); organisations that broker nothing are left out.
    title : str, optional
    illustrative : bool, optional
        Mark the figure "Illustrative data".

    Returns
    -------
    plotly.graph_objects.Figure
        One horizontal bar trace per role, stacked; the leading broker at the top.
    """
    missing = [role for role in ROLES if role not in table.columns]
    if missing:
        raise ValueError(f"the table has no column '{missing[0]}' (a brokerage role)")
    counts = table[list(ROLES)].apply(pd.to_numeric, errors="coerce").fillna(0)
    totals = counts.sum(axis=1)
    order = sorted(
        (name for name in counts.index if totals[name] > 0),
        key=lambda name: (-totals[name], str(name)),
    )[: max(top, 0)]
    title = title or f"Brokerage roles: the {len(order)} leading brokers"
    if not order:
        return _message_figure(
            "No organisation brokers a tie in this network.", title, illustrative
        )
    fig = go.Figure()
    for role in ROLES:
        fig.add_trace(
            go.Bar(
                x=[float(counts.loc[name, role]) for name in order],
                y=[str(name) for name in order],
                orientation="h",
                name=ROLE_LABELS[role],
                marker={"color": ROLE_COLOURS[role], "line": {"width": 0}},
                customdata=[str(name) for name in order],
                hovertemplate=(
                    f"%{{y}}<br>{ROLE_LABELS[role]} ({ROLE_MEANINGS[role]}): %{{x:.0f}}"
                    "<extra></extra>"
                ),
                meta={"role": role},
            )
        )
    fig.update_layout(
        barmode="stack",
        legend={
            "orientation": "h",
            "x": 0.0,
            "y": 1.0,
            "yanchor": "bottom",
            "traceorder": "normal",
        },
    )
    fig.update_xaxes(title={"text": "Brokered two-paths"}, rangemode="tozero")
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=[str(name) for name in reversed(order)],
        automargin=True,
    )
    return _style(
        fig,
        title=title,
        height=int(220 + 28 * len(order)),
        illustrative=illustrative,
        note="Roles (Gould and Fernandez 1989) by organisation type: "
        + "; ".join(f"{ROLE_LABELS[r].lower()} {ROLE_MEANINGS[r]}" for r in ROLES)
        + ".",
    )


def overview_figure(
    summary: pd.DataFrame,
    measures: Sequence[str] = (
        "density",
        "reciprocity",
        "degree_centralisation",
        "ei_index",
        "response_rate",
    ),
    title: str = "The same measures at every site",
    illustrative: bool = False,
) -> go.Figure:
    """Cross-site comparison: one panel per measure, bars by scope (hub), grouped by wave.

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per wave and scope, with columns ``wave``, ``scope`` and the measures
        (:func:`ecosystem.analysis.tables.network_summary_table`). Scopes and waves keep
        their order of first appearance.
    measures : sequence of str, optional
        The measures to compare, one panel each, in this order.
    title : str, optional
    illustrative : bool, optional
        Mark the figure "Illustrative data".

    Returns
    -------
    plotly.graph_objects.Figure
        ``len(measures)`` panels, each with one bar trace per wave (legend entries once per
        wave). Shares and the E-I index are drawn on their full scales, so panels compare
        at a glance.
    """
    wanted = list(measures)
    missing = [m for m in ["wave", "scope", *wanted] if m not in summary.columns]
    if missing:
        raise ValueError(f"the summary table has no column '{missing[0]}'")
    if summary.empty or not wanted:
        return _message_figure("No networks to compare.", title, illustrative)
    waves = list(dict.fromkeys(summary["wave"].astype(str)))
    scopes = list(dict.fromkeys(summary["scope"].astype(str)))
    columns = min(len(wanted), 2)
    rows = math.ceil(len(wanted) / columns)
    plot_height = OVERVIEW_PANEL * rows + OVERVIEW_GAP * (rows - 1)
    fig = make_subplots(
        rows=rows,
        cols=columns,
        subplot_titles=[MEASURE_LABELS.get(m, m) for m in wanted],
        horizontal_spacing=0.1,
        vertical_spacing=OVERVIEW_GAP / plot_height if rows > 1 else 0.0,
    )
    frame = summary.assign(wave=summary["wave"].astype(str), scope=summary["scope"].astype(str))
    for position, measure in enumerate(wanted):
        row, col = divmod(position, columns)
        for number, wave in enumerate(waves):
            part = frame[frame["wave"] == wave].drop_duplicates("scope").set_index("scope")
            values = pd.to_numeric(part[measure], errors="coerce").reindex(scopes)
            fig.add_trace(
                go.Bar(
                    x=scopes,
                    y=[None if pd.isna(v) else float(v) for v in values],
                    name=wave,
                    legendgroup=wave,
                    showlegend=position == 0,
                    marker={"color": WAVE_COLOURS[number % len(WAVE_COLOURS)]},
                    customdata=scopes,
                    hovertemplate=(
                        f"%{{x}}<br>{wave}<br>{MEASURE_LABELS.get(measure, measure)}: "
                        + ("%{y:.0%}" if measure in _SHARE_MEASURES else "%{y:.3f}")
                        + "<extra></extra>"
                    ),
                    meta={"role": "measure", "measure": measure, "wave": wave},
                ),
                row=row + 1,
                col=col + 1,
            )
        fig.update_xaxes(
            tickmode="array",
            tickvals=scopes,
            ticktext=[_wrap(s, 15) for s in scopes],
            tickangle=0,
            tickfont={"size": NOTE_SIZE},
            row=row + 1,
            col=col + 1,
        )
        axis: dict[str, object] = {"rangemode": "tozero", "zeroline": True}
        if measure in _MEASURE_RANGES:
            axis["range"] = list(_MEASURE_RANGES[measure])
        if measure in _SHARE_MEASURES:
            axis["tickformat"] = ".0%"
        fig.update_yaxes(**axis, row=row + 1, col=col + 1)
    fig.update_layout(barmode="group", bargap=0.25, legend={"title": {"text": "Wave"}})
    return _style(
        fig,
        title=title,
        height=MARGIN["t"] + plot_height + OVERVIEW_BOTTOM,
        bottom=OVERVIEW_BOTTOM,
        illustrative=illustrative,
        note="E-I index: −1 when every tie stays within an organisation type, +1 when every "
        "tie crosses types.",
    )


# --------------------------------------------------------------------------------------
# Change between two waves
# --------------------------------------------------------------------------------------

GAINED_COLOUR: Final = "#4477AA"
"""Ties gained and values that rose: Paul Tol's "bright" blue."""
LOST_COLOUR: Final = "#EE6677"
"""Ties lost and values that fell: Paul Tol's "bright" red (drawn dashed as well, so colour
is never the only cue)."""
KEPT_COLOUR: Final = _rgba(ARC_COLOUR, 0.45)
"""Ties kept: the muted grey of :func:`network_figure`'s arcs."""
UNCHANGED_COLOUR: Final = "#BBBBBB"
"""Values that did not change: Paul Tol's "bright" grey."""
BEFORE_COLOUR: Final = NOTE_COLOUR
"""Outline of the open circle that marks a value in the earlier wave."""

TIE_CHANGES: Final[tuple[str, ...]] = ("gained", "lost", "kept")
"""What happened to a tied pair between two waves, in legend order."""
_TIE_CHANGE_STYLE: Final[dict[str, dict[str, object]]] = {
    "gained": {"label": "Gained", "color": GAINED_COLOUR, "width": 2.4, "dash": "solid"},
    "lost": {"label": "Lost", "color": LOST_COLOUR, "width": 2.0, "dash": "dash"},
    "kept": {"label": "Kept", "color": KEPT_COLOUR, "width": 1.2, "dash": "solid"},
}
_DIRECTION_COLOURS: Final[dict[str, str]] = {
    "higher": GAINED_COLOUR,
    "lower": LOST_COLOUR,
    "same": UNCHANGED_COLOUR,
}
_DIRECTION_WORDS: Final[dict[str, str]] = {
    "higher": "higher",
    "lower": "lower",
    "same": "no change",
}
DIFFERENCE_LABELS: Final = 40
""":func:`difference_figure` names every organisation up to this many, else this many with
the most ties in either wave."""
ONE_WAVE_OUTLINE: Final = 2.5
"""Outline width of the hollow circle of an organisation present in one wave only."""
CHANGE_ROW: Final = 30
"""Pixels per organisation in :func:`organisation_change_figure`."""
NETWORK_CHANGE_PANEL: Final = 50
NETWORK_CHANGE_GAP: Final = 26
_UNIT_MEASURES: Final = frozenset(
    {"density", "transitivity", "degree_centralisation", "betweenness_centralisation"}
)
"""Network measures bounded by 0 and 1 (drawn on that full scale)."""


def _measure_name(key: str) -> str:
    """The glossary's label of a measure (the dashboard's words), else the figure label.

    >>> _measure_name("in_degree"), _measure_name("ei_index"), _measure_name("custom")
    ('Supporters', 'E-I index', 'custom')
    """
    if key in GLOSSARY:
        return GLOSSARY[key].label
    return MEASURE_LABELS.get(key, key)


def _format_change(column: str, value: float) -> str:
    """A signed change: whole numbers for counts, three decimals otherwise.

    >>> _format_change("in_degree", 3.0), _format_change("density", -0.0125)
    ('+3', '-0.013')
    """
    if column in _COUNT_MEASURES or (float(value).is_integer() and abs(value) >= 1):
        return f"{float(value):+.0f}"
    return f"{float(value):+.3f}"


def _wave_names(waves: Sequence[str] | None) -> tuple[str, str]:
    if waves is None:
        return "Earlier wave", "Later wave"
    first, second = waves
    return str(first), str(second)


def _tied_pairs(G: nx.DiGraph) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Unordered tied pairs (names in order) -> their arcs, loops left out."""
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for u, v in G.edges():
        if u == v:
            continue
        key = (u, v) if str(u) <= str(v) else (v, u)
        pairs.setdefault(key, []).append((u, v))
    return pairs


def _pair_weight(G: nx.DiGraph, arcs: Sequence[tuple[str, str]]) -> float:
    """A pair's weight as :func:`network_figure` draws it: the larger of its arcs' weights."""
    weights = [float(G.edges[arc].get("weight", 1.0) or 0.0) for arc in arcs]
    return max(weights) if weights else math.nan


def _direction_words(pair: tuple[str, str], arcs: Sequence[tuple[str, str]]) -> str:
    """Who supports whom in a pair, in words: "A → B", "B → A" or "both ways"."""
    a, b = pair
    present = set(arcs)
    if (a, b) in present and (b, a) in present:
        return "both ways"
    return f"{a} → {b}" if (a, b) in present else f"{b} → {a}"


def _tie_change_hover(
    pair: tuple[str, str],
    status: str,
    before: nx.DiGraph,
    after: nx.DiGraph,
    arcs: tuple[Sequence[tuple[str, str]], Sequence[tuple[str, str]]],
    waves: tuple[str, str],
) -> str:
    first, second = waves
    lines = [f"<b>{pair[0]} – {pair[1]}</b>"]
    if status == "gained":
        weight = _pair_weight(after, arcs[1])
        lines += [
            f"Gained: tied in {second}, not in {first}",
            f"Weight in {second}: {weight:.3g}",
            f"Support: {_direction_words(pair, arcs[1])}",
        ]
    elif status == "lost":
        weight = _pair_weight(before, arcs[0])
        lines += [
            f"Lost: tied in {first}, not in {second}",
            f"Weight in {first}: {weight:.3g}",
            f"Support: {_direction_words(pair, arcs[0])}",
        ]
    else:
        old, new = _pair_weight(before, arcs[0]), _pair_weight(after, arcs[1])
        strength = "stronger" if new > old else "weaker" if new < old else "same weight"
        lines += ["Kept: tied in both waves", f"Weight: {old:.3g} → {new:.3g} ({strength})"]
        was, now = _direction_words(pair, arcs[0]), _direction_words(pair, arcs[1])
        lines.append(f"Support: {now}" if was == now else f"Support: {was}, now {now}")
    return "<br>".join(lines)


def difference_figure(
    before: nx.DiGraph,
    after: nx.DiGraph,
    positions: Mapping[str, tuple[float, float]],
    title: str | None = None,
    illustrative: bool = False,
    highlight: Iterable[str] = (),
) -> go.Figure:
    """The difference map of two waves: which ties were gained, lost and kept, and by whom.

    Every organisation of either wave sits at its shared position, so the map lines up with
    :func:`network_figure` of each wave drawn from the same layout. Each tied pair is one
    line: **gained** (no arc in ``before``, an arc in ``after``) in blue, **lost** (arcs in
    ``before``, none in ``after``) in red and dashed, **kept** (arcs in both) in muted grey.

    Parameters
    ----------
    before, after : networkx.DiGraph
        The networks of the earlier and the later wave (node attribute ``type``; arc
        ``weight`` a strength; graph attribute ``wave`` names the wave). Never modified.
    positions : mapping
        Organisation -> ``(x, y)`` for every organisation of both graphs, e.g.
        ``stable_layout([before, after])``; all positions set the frame, as in
        :func:`network_figure`.
    title : str, optional
        Defaults to the hub and the two waves.
    illustrative : bool, optional
        Mark the figure "Illustrative data".
    highlight : iterable of str, optional
        Organisations to outline and ring (names in neither graph are ignored).

    Returns
    -------
    plotly.graph_objects.Figure
        Traces, in drawing order: one line trace per change, kept, lost then gained
        (``meta["role"]`` ``"kept"``, ``"lost"``, ``"gained"``; names "Kept (n)", "Lost
        (n)", "Gained (n)" with n the number of pairs; legend order gained, lost, kept), an
        invisible hover point at the middle of each pair (``"tie-hover"``), a legend key for
        hollow circles (``"presence-key"``) when some organisation is in one wave only,
        highlight rings (``"highlight"``) and one marker trace per organisation type
        (``"nodes"``; ``customdata`` the name, for click-through).

    Notes
    -----
    Pairs, not arcs, are compared, so a tie that only changed direction is kept (its hover
    text says how the direction changed) and each pair is drawn once, without arrowheads:
    three kinds of line plus arrows would hide the change the map is for. Gained and lost
    differ in colour (Tol's colour-blind-safe bright blue and red) and in dash, so the map
    reads in greyscale too. Organisations in one wave only are drawn hollow, and their hover
    text says in which wave they were. Node size is the same for all. From
    :data:`LARGE_NETWORK` organisations or above :data:`ARROW_LIMIT` pairs, WebGL traces and
    thinner lines are used, as in :func:`network_figure` (5,000 organisations and 50,000
    arcs: about 1.5 s on a 2-core machine).

    Examples
    --------
    >>> first = nx.DiGraph([("Hub", "Trust"), ("Hub", "ICB")], wave="2023")
    >>> second = nx.DiGraph([("Hub", "Trust"), ("ICB", "Trust")], wave="2024")
    >>> xy = {"Hub": (0.0, 0.0), "Trust": (1.0, 0.0), "ICB": (0.0, 1.0)}
    >>> fig = difference_figure(first, second, xy)
    >>> [t.name for t in fig.data if t.meta["role"] in TIE_CHANGES]
    ['Kept (1)', 'Lost (1)', 'Gained (1)']
    """
    waves = (
        str(before.graph.get("wave") or "the earlier wave"),
        str(after.graph.get("wave") or "the later wave"),
    )
    if title is None:
        hub = after.graph.get("hub") or before.graph.get("hub")
        scope = f"{hub} ecosystem" if hub else "All hubs"
        title = f"What changed: {scope}, {waves[0]} to {waves[1]}"
    names = sorted(set(before) | set(after), key=str)
    if not names:
        return _message_figure("No organisations to show.", title, illustrative)
    index, xy, chosen = _placed(names, positions, highlight)

    arcs_before, arcs_after = _tied_pairs(before), _tied_pairs(after)
    keys = sorted(set(arcs_before) | set(arcs_after), key=lambda p: (str(p[0]), str(p[1])))
    status = {
        key: "gained" if key not in arcs_before else "lost" if key not in arcs_after else "kept"
        for key in keys
    }
    large = len(names) >= LARGE_NETWORK or len(keys) > ARROW_LIMIT
    Scatter = go.Scattergl if large else go.Scatter
    x_range, y_range = _network_frame(positions)

    fig = go.Figure()
    for kind in ("kept", "lost", "gained"):  # gained on top, kept underneath
        style = _TIE_CHANGE_STYLE[kind]
        members = [key for key in keys if status[key] == kind]
        ends = np.array([[index[a], index[b]] for a, b in members], dtype=int).reshape(-1, 2)
        xs, ys = _segments(xy, ends, as_array=large)
        fig.add_trace(
            Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={
                    "width": float(style["width"]) * (0.5 if large else 1.0),
                    "color": style["color"],
                    "dash": style["dash"],
                },
                hoverinfo="skip",
                name=f"{style['label']} ({len(members)})",
                legendgroup="changes",
                legendgrouptitle={"text": f"Ties, {waves[0]} to {waves[1]}"},
                legendrank=1 + TIE_CHANGES.index(kind),
                meta={"role": kind, "pairs": len(members)},
            )
        )
    if keys:
        ends = np.array([[index[a], index[b]] for a, b in keys], dtype=int)
        middles = (xy[ends[:, 0]] + xy[ends[:, 1]]) / 2.0
        fig.add_trace(
            Scatter(
                x=middles[:, 0].tolist(),
                y=middles[:, 1].tolist(),
                mode="markers",
                marker={"size": 10, "color": "rgba(0,0,0,0)"},
                hovertext=[
                    _tie_change_hover(
                        key,
                        status[key],
                        before,
                        after,
                        (arcs_before.get(key, []), arcs_after.get(key, [])),
                        waves,
                    )
                    for key in keys
                ],
                hoverinfo="text",
                showlegend=False,
                name="Ties",
                meta={"role": "tie-hover"},
            )
        )

    # Organisations: presence, type, and how many ties of each change they took part in.
    presence = {
        name: "both"
        if name in before and name in after
        else "before"
        if name in before
        else "after"
        for name in names
    }
    presence_text = {
        "both": "In both waves",
        "before": f"Only in {waves[0]}",
        "after": f"Only in {waves[1]}",
    }
    involved = {name: dict.fromkeys(TIE_CHANGES, 0) for name in names}
    for key in keys:
        for name in key:
            involved[name][status[key]] += 1
    if len(names) <= DIFFERENCE_LABELS:
        labelled = set(names)
    else:
        ranked = sorted(names, key=lambda n: (-sum(involved[n].values()), str(n)))
        labelled = set(ranked[:DIFFERENCE_LABELS])
    diameter = (NODE_SIZES_LARGE if large else NODE_SIZES)[0] * 1.4
    text_positions = _label_positions(xy)

    if any(where != "both" for where in presence.values()):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={
                    "size": diameter,
                    "color": "white",
                    "line": {"width": ONE_WAVE_OUTLINE, "color": NOTE_COLOUR},
                },
                hoverinfo="skip",
                name="Hollow: in one wave only",
                legendrank=len(TIE_CHANGES) + 1,
                meta={"role": "presence-key"},
            )
        )
    if chosen:
        ring = [k for k, name in enumerate(names) if name in chosen]
        fig.add_trace(_ring_trace(xy[ring, 0], xy[ring, 1], np.full(len(ring), diameter), Scatter))

    def attributes(name: str) -> Mapping[str, object]:
        return after.nodes[name] if name in after else before.nodes[name]

    types = [attributes(name).get("type") or "unknown" for name in names]
    for position, kind in enumerate(type_order(types)):
        # Organisations in both waves first: the legend shows the first point's marker.
        members = sorted(
            (k for k, t in enumerate(types) if str(t) == kind),
            key=lambda k: (presence[names[k]] != "both", k),
        )
        member_names = [names[k] for k in members]
        colour = type_colour(kind)
        hollow = [presence[n] != "both" for n in member_names]
        hover = []
        for name in member_names:
            lines = [f"<b>{name}</b>", type_label(kind)]
            hubs = str(attributes(name).get("hubs") or "").strip()
            if hubs:
                lines.append(("Hubs: " if ";" in hubs else "Hub: ") + hubs)
            lines.append(presence_text[presence[name]])
            counts = involved[name]
            lines.append(
                f"Ties gained: {counts['gained']}, lost: {counts['lost']}, kept: {counts['kept']}"
            )
            hover.append("<br>".join(lines))
        fig.add_trace(
            Scatter(
                x=xy[members, 0].tolist(),
                y=xy[members, 1].tolist(),
                mode="markers+text",
                text=[_short_label(n) if n in labelled else "" for n in member_names],
                textposition=[text_positions[k] for k in members],
                textfont={"size": NOTE_SIZE, "color": TEXT_COLOUR},
                customdata=member_names,
                hovertext=hover,
                hoverinfo="text",
                marker={
                    "size": diameter,
                    "color": ["white" if h else colour for h in hollow],
                    "line": {
                        "width": [
                            3.5 if n in chosen else ONE_WAVE_OUTLINE if h else 1.0
                            for n, h in zip(member_names, hollow, strict=True)
                        ],
                        "color": [
                            HIGHLIGHT_COLOUR if n in chosen else colour if h else NODE_OUTLINE
                            for n, h in zip(member_names, hollow, strict=True)
                        ],
                    },
                    "opacity": 1.0,
                },
                name=type_label(kind),
                legendgroup="types",
                legendgrouptitle={"text": "Organisation type"} if position == 0 else None,
                meta={"role": "nodes", "type": kind},
                **({} if large else {"cliponaxis": False}),
            )
        )

    note = (
        f"Each tied pair is drawn once, by what happened to it from {waves[0]} to {waves[1]}: "
        f"blue lines are ties gained (no tie in {waves[0]}), red dashed lines ties lost (no "
        f"tie in {waves[1]}), grey lines ties kept. No arrows: hover over the middle of a tie "
        "for its weights and who supports whom. Hollow circles: organisations in one wave only."
    )
    _network_axes(fig, x_range, y_range)
    return _style(
        fig,
        title=title,
        height=NETWORK_HEIGHT,
        illustrative=illustrative,
        note=note,
        bottom=NETWORK_BOTTOM,
    )


def organisation_change_figure(
    change: pd.DataFrame,
    measure: str,
    top: int = 12,
    title: str | None = None,
    illustrative: bool = False,
    waves: Sequence[str] | None = None,
) -> go.Figure:
    """A dumbbell chart of the organisations whose measure changed most between two waves.

    Each organisation is one row: an open circle at its value in the earlier wave, a filled
    dot at its value in the later wave, joined by a line, blue where the value rose and red
    where it fell (Tol's colour-blind-safe bright scheme; the dot's side of the line says the
    same without colour).

    Parameters
    ----------
    change : pandas.DataFrame
        Organisation-indexed, with columns ``<measure>_before``, ``<measure>_after`` and
        ``<measure>_change`` (later minus earlier), and optionally ``type``: the table of
        organisation changes between two waves. Never modified.
    measure : str
        A measure key, e.g. ``"pagerank"``; its glossary label names the axis.
    top : int, optional
        How many organisations to show: the largest absolute changes (ties broken by name).
        Organisations without a value in both waves (most are in one wave only) cannot
        change and are left out, as are those whose value did not change; the caption says
        how many were left out for want of a value.
    title : str, optional
    illustrative : bool, optional
        Mark the figure "Illustrative data".
    waves : (str, str), optional
        Names of the earlier and later wave for the legend and caption.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces with ``meta["role"]`` ``"change-line"`` (one per direction), ``"before"``
        (open circles) and ``"after"`` (one per direction, ``meta["direction"]`` ``"higher"``
        or ``"lower"``); ``y`` and ``customdata`` are organisation names, the largest change
        at the top.

    Examples
    --------
    >>> table = pd.DataFrame(
    ...     {"pagerank_before": [0.2, 0.1, 0.3], "pagerank_after": [0.1, 0.4, 0.3],
    ...      "pagerank_change": [-0.1, 0.3, 0.0]}, index=["Hub", "Trust", "ICB"])
    >>> fig = organisation_change_figure(table, "pagerank")
    >>> list(fig.layout.yaxis.categoryarray)
    ['Hub', 'Trust']
    """
    columns = {part: f"{measure}_{part}" for part in ("before", "after", "change")}
    for column in columns.values():
        if column not in change.columns:
            raise ValueError(f"the change table has no column '{column}'")
    label = _measure_name(measure)
    first, second = _wave_names(waves)
    title = title or f"{label}: the organisations that changed most"
    earlier = pd.to_numeric(change[columns["before"]], errors="coerce").astype(float)
    later = pd.to_numeric(change[columns["after"]], errors="coerce").astype(float)
    delta = pd.to_numeric(change[columns["change"]], errors="coerce").astype(float)
    both = np.isfinite(earlier.to_numpy()) & np.isfinite(later.to_numpy())
    skipped = int((~both).sum())
    moved = both & np.isfinite(delta.to_numpy()) & (delta.to_numpy() != 0)
    rows = [k for k in range(len(change)) if moved[k]]
    rows = sorted(rows, key=lambda k: (-abs(delta.iloc[k]), str(change.index[k])))[: max(top, 0)]
    left_out = (
        f" {skipped} organisation{'s' if skipped != 1 else ''} without a value in both waves "
        f"(most are in one wave only) {'are' if skipped != 1 else 'is'} not shown."
        if skipped
        else ""
    )
    if not rows:
        return _message_figure(
            f"No organisation's {label} changed between the waves.{left_out}", title, illustrative
        )
    names = [str(change.index[k]) for k in rows]
    types = (
        [str(change["type"].iloc[k]) for k in rows]
        if "type" in change.columns
        else ["unknown"] * len(rows)
    )
    directions = ["higher" if delta.iloc[k] > 0 else "lower" for k in rows]

    def hover(position: int) -> str:
        k = rows[position]
        return (
            f"<b>{names[position]}</b><br>{type_label(types[position])}<br>{label}: "
            f"{_format_measure(measure, earlier.iloc[k])} ({first}) → "
            f"{_format_measure(measure, later.iloc[k])} ({second}), "
            f"{_format_change(measure, delta.iloc[k])}"
        )

    fig = go.Figure()
    for direction in ("higher", "lower"):
        members = [p for p, d in enumerate(directions) if d == direction]
        xs: list[float | None] = []
        ys: list[str | None] = []
        for p in members:
            xs += [float(earlier.iloc[rows[p]]), float(later.iloc[rows[p]]), None]
            ys += [names[p], names[p], None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"width": 3, "color": _DIRECTION_COLOURS[direction]},
                hoverinfo="skip",
                showlegend=False,
                name=f"{second}: {direction}",
                meta={"role": "change-line", "direction": direction},
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[float(earlier.iloc[k]) for k in rows],
            y=names,
            mode="markers",
            marker={
                "symbol": "circle-open",
                "size": 11,
                "color": BEFORE_COLOUR,
                "line": {"width": 2},
            },
            customdata=names,
            hovertext=[hover(p) for p in range(len(rows))],
            hoverinfo="text",
            name=first,
            cliponaxis=False,
            meta={"role": "before"},
        )
    )
    for direction in ("higher", "lower"):
        members = [p for p, d in enumerate(directions) if d == direction]
        if not members:
            continue
        fig.add_trace(
            go.Scatter(
                x=[float(later.iloc[rows[p]]) for p in members],
                y=[names[p] for p in members],
                mode="markers",
                marker={
                    "size": 12,
                    "color": _DIRECTION_COLOURS[direction],
                    "line": {"width": 1, "color": NODE_OUTLINE},
                },
                customdata=[names[p] for p in members],
                hovertext=[hover(p) for p in members],
                hoverinfo="text",
                name=f"{second}: {_DIRECTION_WORDS[direction]} ({len(members)})",
                cliponaxis=False,
                meta={"role": "after", "direction": direction},
            )
        )
    fig.update_xaxes(title={"text": label}, zeroline=False, showgrid=True)
    fig.update_yaxes(
        categoryorder="array", categoryarray=names[::-1], automargin=True, showgrid=True
    )
    fig.update_layout(
        hovermode="closest",
        legend={"orientation": "h", "x": 0.0, "y": 1.0, "yanchor": "bottom"},
    )
    higher_is = GLOSSARY[measure].higher_is if measure in GLOSSARY else ""
    note = (
        f"Open circle: {first}; filled dot: {second}, blue where the value rose and red where "
        f"it fell. The {len(rows)} organisation{'s' if len(rows) != 1 else ''} whose "
        f"{label} changed most, of {int(both.sum())} with a value in both waves."
        + (f" Higher means {higher_is}." if higher_is else "")
        + left_out
    )
    return _style(
        fig,
        title=title,
        height=int(240 + CHANGE_ROW * len(rows)),
        illustrative=illustrative,
        note=note,
    )


def catalysis_figure(
    summary: pd.DataFrame,
    title: str | None = None,
    illustrative: bool = False,
    waves: Sequence[str] | None = None,
) -> go.Figure:
    """Did each hub catalyse partnerships? Open pairs of its partners, and how many closed.

    The programme asked hubs to connect partners who had never worked together. For each
    hub, one bar counts the pairs of its partners that were **not** tied to each other in
    the earlier wave (open pairs, structural holes around the hub; Burt 1992); the blue part
    is those tied directly in the later wave, the grey part those still not tied. The label
    at the end reads "closed of open (share)".

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per hub with columns ``hub`` (or the hub as the index), ``open_pairs`` and
        ``closed_pairs``, and optionally ``partners``. Never modified.
    title : str, optional
    illustrative : bool, optional
        Mark the figure "Illustrative data".
    waves : (str, str), optional
        Names of the earlier and later wave for the legend and caption.

    Returns
    -------
    plotly.graph_objects.Figure
        Two stacked horizontal bar traces (``meta["role"]`` ``"closed"`` and
        ``"still-open"``), hubs top to bottom in the table's order, and one annotation per
        hub (``name == "catalysis"``).

    Examples
    --------
    >>> table = pd.DataFrame({"hub": ["Dorset"], "partners": [6], "open_pairs": [17],
    ...                       "closed_pairs": [4]})
    >>> [a.text for a in catalysis_figure(table).layout.annotations if a.name == "catalysis"]
    ['4 of 17 (24%)']
    """
    frame = summary if "hub" in summary.columns else summary.rename_axis("hub").reset_index()
    for column in ("hub", "open_pairs", "closed_pairs"):
        if column not in frame.columns:
            raise ValueError(f"the catalysis table has no column '{column}'")
    first, second = _wave_names(waves)
    title = title or "Catalysing partnerships: partners newly tied to each other"
    if frame.empty:
        return _message_figure("No hubs to show.", title, illustrative)
    hubs = frame["hub"].astype(str).tolist()
    opened = pd.to_numeric(frame["open_pairs"], errors="coerce").fillna(0).to_numpy(float)
    closed = pd.to_numeric(frame["closed_pairs"], errors="coerce").fillna(0).to_numpy(float)
    still = np.clip(opened - closed, 0.0, None)
    partners = (
        pd.to_numeric(frame["partners"], errors="coerce").to_numpy(float)
        if "partners" in frame.columns
        else np.full(len(frame), np.nan)
    )

    def count(value: float) -> str:
        return f"{value:.0f}" if float(value).is_integer() else f"{value:g}"

    def share(k: int) -> str:
        if opened[k] <= 0:
            return "no open pairs"
        return f"{count(closed[k])} of {count(opened[k])} ({closed[k] / opened[k]:.0%})"

    hover = []
    for k, hub in enumerate(hubs):
        lines = [f"<b>{hub}</b>"]
        if np.isfinite(partners[k]):
            lines.append(f"Partners: {count(partners[k])}")
        lines.append(f"Partner pairs not tied in {first}: {count(opened[k])}")
        lines.append(f"Tied directly in {second}: {share(k)}")
        hover.append("<br>".join(lines))
    fig = go.Figure()
    for role, values, colour, name in (
        ("closed", closed, GAINED_COLOUR, f"Tied directly in {second}"),
        ("still-open", still, UNCHANGED_COLOUR, "Still not tied"),
    ):
        fig.add_trace(
            go.Bar(
                x=values.tolist(),
                y=hubs,
                orientation="h",
                name=name,
                marker={"color": colour, "line": {"width": 0}},
                customdata=hubs,
                hovertext=hover,
                hoverinfo="text",
                meta={"role": role},
            )
        )
    for k, hub in enumerate(hubs):
        fig.add_annotation(
            x=float(opened[k]),
            y=hub,
            text=share(k),
            xanchor="left",
            xshift=6,
            showarrow=False,
            font={"size": FONT_SIZE - 1, "color": TEXT_COLOUR},
            name="catalysis",
        )
    most = float(opened.max()) if len(opened) else 0.0
    fig.update_layout(
        barmode="stack",
        bargap=0.35,
        legend={
            "orientation": "h",
            "x": 0.0,
            "y": 1.0,
            "yanchor": "bottom",
            "traceorder": "normal",
        },
    )
    fig.update_xaxes(
        title={"text": f"Pairs of the hub's partners not tied to each other in {first}"},
        range=[0.0, max(most, 1.0) * 1.3],
    )
    fig.update_yaxes(categoryorder="array", categoryarray=hubs[::-1], automargin=True)
    return _style(
        fig,
        title=title,
        height=int(220 + 46 * len(hubs)),
        illustrative=illustrative,
        note=(
            f"A hub catalyses partnerships when its partners, not tied to each other in {first}, "
            f"work together directly by {second}. Blue: pairs tied directly in {second}; grey: "
            "pairs still not tied."
        ),
    )


def network_change_figure(
    network: pd.DataFrame,
    measures: Sequence[str] = (
        "density",
        "reciprocity",
        "transitivity",
        "degree_centralisation",
        "betweenness_centralisation",
        "ei_index",
    ),
    title: str | None = None,
    illustrative: bool = False,
    waves: Sequence[str] | None = None,
) -> go.Figure:
    """Whole-network measures in two waves: one small dumbbell per measure, on its own scale.

    Parameters
    ----------
    network : pandas.DataFrame
        Indexed by measure key, with columns ``before`` and ``after`` (and ``change``, later
        minus earlier; computed where absent). Never modified.
    measures : sequence of str, optional
        The measures to show, top to bottom; each must be in the index. Labels come from
        the glossary (:data:`ecosystem.glossary.MEASURES`).
    title : str, optional
    illustrative : bool, optional
        Mark the figure "Illustrative data".
    waves : (str, str), optional
        Names of the earlier and later wave for the legend.

    Returns
    -------
    plotly.graph_objects.Figure
        One panel per measure with three traces, each with ``meta["measure"]``: the line
        (``"change-line"``), an open circle at the earlier value (``"before"``) and a dot at
        the later value (``"after"``, coloured blue where it rose, red where it fell, grey
        where it stayed). The tick label gives both values and the change. Measures
        bounded by 0 and 1 (or -1 and 1 for the E-I index) are drawn on that full scale.

    Examples
    --------
    >>> table = pd.DataFrame({"before": [0.1, 0.5], "after": [0.2, 0.4],
    ...                       "change": [0.1, -0.1]}, index=["density", "reciprocity"])
    >>> fig = network_change_figure(table, ("density", "reciprocity"))
    >>> [(t.meta["measure"], list(t.x)) for t in fig.data if t.meta["role"] == "after"]
    [('density', [0.2]), ('reciprocity', [0.4])]
    """
    for column in ("before", "after"):
        if column not in network.columns:
            raise ValueError(f"the network change table has no column '{column}'")
    wanted = list(measures)
    absent = [m for m in wanted if m not in network.index]
    if absent:
        raise ValueError(f"the network change table has no measure '{absent[0]}'")
    first, second = _wave_names(waves)
    title = title or "The whole network: what changed"
    if not wanted:
        return _message_figure("No measures to compare.", title, illustrative)
    plot_height = NETWORK_CHANGE_PANEL * len(wanted) + NETWORK_CHANGE_GAP * (len(wanted) - 1)
    fig = make_subplots(
        rows=len(wanted),
        cols=1,
        vertical_spacing=NETWORK_CHANGE_GAP / plot_height if len(wanted) > 1 else 0.0,
    )
    shown_legend: set[str] = set()
    ranges: list[object] = []
    for row, measure in enumerate(wanted, start=1):
        label = _measure_name(measure)
        earlier = float(pd.to_numeric(pd.Series([network.loc[measure, "before"]])).iloc[0])
        later = float(pd.to_numeric(pd.Series([network.loc[measure, "after"]])).iloc[0])
        delta = (
            float(pd.to_numeric(pd.Series([network.loc[measure, "change"]])).iloc[0])
            if "change" in network.columns
            else later - earlier
        )
        if not math.isfinite(delta):
            delta = later - earlier
        direction = "higher" if delta > 0 else "lower" if delta < 0 else "same"
        values = f"{_format_measure(measure, earlier)} → {_format_measure(measure, later)}"
        if math.isfinite(delta):
            values += f" ({_format_change(measure, delta)})"
        hover = f"<b>{label}</b><br>{first}: {_format_measure(measure, earlier)}<br>"
        hover += f"{second}: {_format_measure(measure, later)}"
        fig.add_trace(
            go.Scatter(
                x=[earlier, later],
                y=[label, label],
                mode="lines",
                line={"width": 3, "color": _DIRECTION_COLOURS[direction]},
                hoverinfo="skip",
                showlegend=False,
                name=label,
                meta={"role": "change-line", "measure": measure, "direction": direction},
            ),
            row=row,
            col=1,
        )
        fig.add_trace(
            go.Scatter(
                x=[earlier],
                y=[label],
                mode="markers",
                marker={
                    "symbol": "circle-open",
                    "size": 11,
                    "color": BEFORE_COLOUR,
                    "line": {"width": 2},
                },
                hovertext=[hover],
                hoverinfo="text",
                name=first,
                legendgroup="before",
                showlegend="before" not in shown_legend,
                cliponaxis=False,
                meta={"role": "before", "measure": measure},
            ),
            row=row,
            col=1,
        )
        shown_legend.add("before")
        fig.add_trace(
            go.Scatter(
                x=[later],
                y=[label],
                mode="markers",
                marker={
                    "size": 12,
                    "color": _DIRECTION_COLOURS[direction],
                    "line": {"width": 1, "color": NODE_OUTLINE},
                },
                hovertext=[hover],
                hoverinfo="text",
                name=f"{second}: {_DIRECTION_WORDS[direction]}",
                legendgroup=direction,
                showlegend=direction not in shown_legend,
                cliponaxis=False,
                meta={"role": "after", "measure": measure, "direction": direction},
            ),
            row=row,
            col=1,
        )
        shown_legend.add(direction)
        axis: dict[str, object] = {"showgrid": True, "zeroline": True}
        bounds = _MEASURE_RANGES.get(measure) or ((0.0, 1.0) if measure in _UNIT_MEASURES else None)
        if bounds is not None:
            pad = 0.03 * (bounds[1] - bounds[0])
            axis["range"] = [bounds[0] - pad, bounds[1] + pad]
        else:
            axis["rangemode"] = "tozero"
        ranges.append(axis.get("range"))
        fig.update_xaxes(**axis, row=row, col=1)
        fig.update_yaxes(
            tickmode="array",
            tickvals=[label],
            ticktext=[f"<b>{label}</b><br>{values}"],
            automargin=True,
            row=row,
            col=1,
        )
    # Panels on one fixed scale share the tick labels under the last of them.
    for row in range(1, len(wanted)):
        if ranges[row - 1] is not None and ranges[row - 1] == ranges[row]:
            fig.update_xaxes(showticklabels=False, row=row, col=1)
    fig.update_layout(
        hovermode="closest",
        legend={"orientation": "h", "x": 0.0, "y": 1.0, "yanchor": "bottom"},
    )
    return _style(
        fig,
        title=title,
        height=MARGIN["t"] + plot_height + MARGIN["b"],
        illustrative=illustrative,
        note=(
            f"Open circle: {first}; filled dot: {second}, blue where the measure rose, red "
            "where it fell. Each measure on its own scale; shares and centralisations from 0 "
            "to 1, the E-I index from −1 (ties within types) to +1 (ties across types)."
        ),
    )
