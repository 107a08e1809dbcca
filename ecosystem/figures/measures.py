"""Charts of measures: structural holes, brokerage between types and by role, every site.

Every label a person reads for a measure comes from the glossary
(:func:`ecosystem.glossary.measure_label`); organisation types take their codebook labels
and colours.

References
----------
Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation. *Sociological
Methodology* 19, 89-126 (brokerage roles). Burt, R. S. (1992). *Structural Holes*. Harvard
University Press (constraint, effective size).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ecosystem.analysis.brokerage import ROLES
from ecosystem.codebook import UNKNOWN_TYPE, type_label, type_order
from ecosystem.figures.formats import (
    MEASURE_RANGES,
    SHARE_MEASURES,
    organisations_not_shown,
    wrap,
)
from ecosystem.figures.labels import text_box, wrap_name
from ecosystem.figures.point_labels import LABEL_GAP, TRIED_AT_MOST, add_point_labels
from ecosystem.figures.style import (
    HEATMAP_SCALE,
    HIGHLIGHT_COLOUR,
    MARGIN,
    NODE_OUTLINE,
    NOTE_SIZE,
    ROLE_COLOURS,
    ROLE_LABELS,
    ROLE_MEANINGS,
    TOP_LEGEND,
    WAVE_COLOURS,
    apply_style,
    message_figure,
    type_colour,
)
from ecosystem.figures.traces import ring_trace
from ecosystem.glossary import measure_label

OVERVIEW_PANEL: Final = 230
"""Pixel height of one panel of :func:`overview_figure`."""
OVERVIEW_GAP: Final = 110
"""Pixels between rows of panels (room for wrapped hub names and the next panel's title)."""
OVERVIEW_BOTTOM: Final = 80
_POINT_SIZE: Final = 12
"""Marker diameter of an organisation in :func:`structural_holes_figure`."""
LABEL_PLOT: Final = (520.0, 400.0)
"""The plot size in pixels that :func:`structural_holes_figure` places its labels for: a
little smaller than an exported A4 page gives it, so they clear each other there and on any
larger plot."""
_HEADROOM: Final = 1.06
"""Axis ranges reach this much past the largest value, so no point sits on the frame."""

# --------------------------------------------------------------------------------------
# Structural holes
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
    types = shown["type"] if "type" in shown.columns else pd.Series(UNKNOWN_TYPE, index=shown.index)
    frame = pd.DataFrame(
        {"type": types.fillna(UNKNOWN_TYPE).astype(str), "x": x[keep], "y": y[keep]},
        index=shown.index,
    ).sort_index(key=lambda i: i.astype(str))
    chosen = set(highlight)
    fig = go.Figure()
    for kind in type_order(frame["type"]):
        fig.add_trace(_type_points(frame[frame["type"] == kind], kind, chosen, first=not fig.data))
    ringed = frame[[str(n) in chosen for n in frame.index]]
    if not ringed.empty:
        fig.add_trace(
            ring_trace(
                ringed["x"].to_numpy(),
                ringed["y"].to_numpy(),
                np.full(len(ringed), float(_POINT_SIZE)),
            )
        )
    ranges = ((0.0, _x_end(frame)), (0.0, max(float(frame["y"].max()) * _HEADROOM, 1.0)))
    named = _add_point_labels(fig, frame, chosen, ranges)
    note = "Lower right: many contacts that are not tied to each other (a broker)."
    note += _labelled_note(named, len(frame))
    note += organisations_not_shown(
        int((~keep).sum()),
        "without ties",
        ": constraint and effective size are undefined there.",
    )
    fig.update_xaxes(
        title={"text": f"{measure_label('effective_size')}: non-redundant contacts"},
        range=list(ranges[0]),
    )
    fig.update_yaxes(
        title={
            "text": f"{measure_label('constraint')}: how much its contacts are tied to each other"
        },
        range=list(ranges[1]),
    )
    fig.update_layout(hovermode="closest")
    return apply_style(fig, title=title, height=560, illustrative=illustrative, note=note)


def _add_point_labels(
    fig: go.Figure,
    frame: pd.DataFrame,
    chosen: set[str],
    ranges: tuple[tuple[float, float], tuple[float, float]],
) -> int:
    """Name the organisations beside their points, where a name has room; returns how many.

    Highlighted organisations come first, then the largest effective size (the brokers the
    chart is read for), then name order; places come from
    :func:`ecosystem.figures.point_labels.add_point_labels` at :data:`LABEL_PLOT`.
    """
    names = [str(n) for n in frame.index]
    order = sorted(
        range(len(names)),
        key=lambda k: (names[k] not in chosen, -float(frame["x"].iloc[k]), names[k]),
    )
    points = list(zip(frame["x"].astype(float), frame["y"].astype(float), strict=True))
    placed = add_point_labels(
        fig, points, names, order, ranges, LABEL_PLOT, font_size=NOTE_SIZE, marker=_POINT_SIZE
    )
    return len(placed)


def _x_end(frame: pd.DataFrame) -> float:
    """The effective-size axis's end: past the largest value by the leading broker's name,
    so the organisation the chart is read for always has room for its name at its right."""
    if frame.empty:
        return 1.0
    top = frame["x"].idxmax()
    largest = float(frame.loc[top, "x"])
    width, _ = text_box(wrap_name(str(top)), NOTE_SIZE)
    room = LABEL_PLOT[0] - width - _POINT_SIZE - LABEL_GAP
    return max(largest * _HEADROOM, largest * LABEL_PLOT[0] / max(room, 1.0), 1.0)


def _labelled_note(named: int, shown: int) -> str:
    """A caption's sentence on how many organisations are named on the chart, and, on a
    chart of more than :data:`~ecosystem.figures.point_labels.TRIED_AT_MOST`, that only the
    first so many were tried."""
    if named >= shown:
        return ""
    tried = f"; only the first {TRIED_AT_MOST:,} are tried" if shown > TRIED_AT_MOST else ""
    return (
        f" {named:,} of {shown:,} organisations are named (the largest effective size first, "
        f"where a name has room{tried}); hover over a point for its name."
    )


def _type_points(part: pd.DataFrame, kind: str, chosen: set[str], first: bool) -> go.Scatter:
    """The organisations of one type: effective size (``x``) against constraint (``y``)."""
    names = [str(n) for n in part.index]
    hover = [
        f"<b>{n}</b><br>{type_label(kind)}<br>{measure_label('effective_size')}: {a:.2f}"
        f"<br>{measure_label('constraint')}: {b:.3f}"
        for n, a, b in zip(names, part["x"], part["y"], strict=True)
    ]
    return go.Scatter(
        x=part["x"].tolist(),
        y=part["y"].tolist(),
        mode="markers",
        cliponaxis=False,
        customdata=names,
        hovertext=hover,
        hoverinfo="text",
        marker={
            "size": _POINT_SIZE,
            "color": type_colour(kind),
            "line": {
                "width": [3.0 if n in chosen else 1.0 for n in names],
                "color": [HIGHLIGHT_COLOUR if n in chosen else NODE_OUTLINE for n in names],
            },
        },
        name=type_label(kind),
        legendgroup="types",
        legendgrouptitle={"text": "Organisation type"} if first else None,
        meta={"role": "organisations", "type": kind},
    )


# --------------------------------------------------------------------------------------
# Brokerage
# --------------------------------------------------------------------------------------


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
        return message_figure("No brokered ties to show.", title, illustrative)
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
        ticktext=[wrap(c, 11) for c in columns],
        tickangle=0,
        tickfont={"size": NOTE_SIZE},
        side="bottom",
    )
    fig.update_yaxes(
        title={"text": "From (type of the organisation at the start)"}, autorange="reversed"
    )
    return apply_style(
        fig,
        title=title,
        height=int(200 + 44 * len(matrix.index)),
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
        One horizontal bar trace per role, stacked; the leading broker at the top. Roles
        take their glossary labels (:func:`ecosystem.glossary.measure_label`).
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
        return message_figure("No organisation brokers a tie in this network.", title, illustrative)
    fig = go.Figure([_role_bars(counts, order, role) for role in ROLES])
    fig.update_layout(barmode="stack", legend={**TOP_LEGEND, "traceorder": "normal"})
    fig.update_xaxes(title={"text": "Brokered two-paths"}, rangemode="tozero")
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=[str(name) for name in reversed(order)],
        automargin=True,
    )
    return apply_style(
        fig,
        title=title,
        height=int(220 + 28 * len(order)),
        illustrative=illustrative,
        note="Roles (Gould and Fernandez 1989) by organisation type: "
        + "; ".join(f"{ROLE_LABELS[r].lower()} {ROLE_MEANINGS[r]}" for r in ROLES)
        + ".",
    )


def _role_bars(counts: pd.DataFrame, order: list, role: str) -> go.Bar:
    """One role's counts for the organisations in ``order``, as horizontal bars."""
    return go.Bar(
        x=[float(counts.loc[name, role]) for name in order],
        y=[str(name) for name in order],
        orientation="h",
        name=ROLE_LABELS[role],
        marker={"color": ROLE_COLOURS[role], "line": {"width": 0}},
        customdata=[str(name) for name in order],
        hovertemplate=(
            f"%{{y}}<br>{ROLE_LABELS[role]} ({ROLE_MEANINGS[role]}): %{{x:.0f}}<extra></extra>"
        ),
        meta={"role": role},
    )


# --------------------------------------------------------------------------------------
# Every site
# --------------------------------------------------------------------------------------


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
        The measures to compare, one panel each, in this order, titled with their glossary
        labels (:func:`ecosystem.glossary.measure_label`).
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
        return message_figure("No networks to compare.", title, illustrative)
    frame = summary.assign(wave=summary["wave"].astype(str), scope=summary["scope"].astype(str))
    columns = min(len(wanted), 2)
    rows = math.ceil(len(wanted) / columns)
    plot_height = OVERVIEW_PANEL * rows + OVERVIEW_GAP * (rows - 1)
    fig = make_subplots(
        rows=rows,
        cols=columns,
        subplot_titles=[measure_label(m) for m in wanted],
        horizontal_spacing=0.1,
        vertical_spacing=OVERVIEW_GAP / plot_height if rows > 1 else 0.0,
    )
    for position, measure in enumerate(wanted):
        row, col = divmod(position, columns)
        _overview_panel(fig, frame, measure, (row + 1, col + 1), legend=position == 0)
    fig.update_layout(barmode="group", bargap=0.25, legend={"title": {"text": "Wave"}})
    return apply_style(
        fig,
        title=title,
        height=MARGIN["t"] + plot_height + OVERVIEW_BOTTOM,
        bottom=OVERVIEW_BOTTOM,
        illustrative=illustrative,
        note="E-I index: −1 when every tie stays within an organisation type, +1 when every "
        "tie crosses types.",
    )


def _overview_panel(
    fig: go.Figure, frame: pd.DataFrame, measure: str, cell: tuple[int, int], legend: bool
) -> None:
    """One measure's panel at ``cell`` (row, column): a bar trace per wave, one per scope."""
    waves = list(dict.fromkeys(frame["wave"]))
    scopes = list(dict.fromkeys(frame["scope"]))
    row, col = cell
    value = "%{y:.0%}" if measure in SHARE_MEASURES else "%{y:.3f}"
    for number, wave in enumerate(waves):
        part = frame[frame["wave"] == wave].drop_duplicates("scope").set_index("scope")
        values = pd.to_numeric(part[measure], errors="coerce").reindex(scopes)
        fig.add_trace(
            go.Bar(
                x=scopes,
                y=[None if pd.isna(v) else float(v) for v in values],
                name=wave,
                legendgroup=wave,
                showlegend=legend,
                marker={"color": WAVE_COLOURS[number % len(WAVE_COLOURS)]},
                customdata=scopes,
                hovertemplate=(
                    f"%{{x}}<br>{wave}<br>{measure_label(measure)}: {value}<extra></extra>"
                ),
                meta={"role": "measure", "measure": measure, "wave": wave},
            ),
            row=row,
            col=col,
        )
    fig.update_xaxes(
        tickmode="array",
        tickvals=scopes,
        ticktext=[wrap(s, 15) for s in scopes],
        tickangle=0,
        tickfont={"size": NOTE_SIZE},
        row=row,
        col=col,
    )
    axis: dict[str, object] = {"rangemode": "tozero", "zeroline": True}
    if measure in MEASURE_RANGES:
        axis["range"] = list(MEASURE_RANGES[measure])
    if measure in SHARE_MEASURES:
        axis["tickformat"] = ".0%"
    fig.update_yaxes(**axis, row=row, col=col)
