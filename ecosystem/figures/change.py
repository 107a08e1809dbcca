"""Charts of change between two waves: organisations' measures and the whole network's.

Each value that changed is a dumbbell: an open circle at the earlier wave's value, a filled
dot at the later one's, joined by a line, blue where it rose and red where it fell (Tol's
colour-blind-safe bright scheme; the dot's side of the line says the same without colour).
Measures are named by the glossary (:func:`ecosystem.glossary.measure_label`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ecosystem.codebook import UNKNOWN_TYPE, type_label
from ecosystem.figures.formats import (
    MEASURE_RANGES,
    UNIT_MEASURES,
    format_change,
    format_measure,
    organisations_not_shown,
    wave_names,
)
from ecosystem.figures.style import (
    BEFORE_COLOUR,
    DIRECTION_COLOURS,
    MARGIN,
    NODE_OUTLINE,
    TOP_LEGEND,
    apply_style,
    message_figure,
)
from ecosystem.glossary import MEASURES, measure_label
from ecosystem.words import plural

CHANGE_ROW: Final = 30
"""Pixels per organisation in :func:`organisation_change_figure`."""
NETWORK_CHANGE_PANEL: Final = 50
NETWORK_CHANGE_GAP: Final = 26
_DIRECTION_WORDS: Final[dict[str, str]] = {
    "higher": "higher",
    "lower": "lower",
    "same": "no change",
}

# --------------------------------------------------------------------------------------
# Dumbbells
# --------------------------------------------------------------------------------------


def _change_line(x: list, y: list, direction: str, **properties: object) -> go.Scatter:
    """The line of one or more dumbbells, in the colour of the direction of change."""
    return go.Scatter(
        x=x,
        y=y,
        mode="lines",
        line={"width": 3, "color": DIRECTION_COLOURS[direction]},
        hoverinfo="skip",
        showlegend=False,
        **properties,
    )


def _before_dots(x: list, y: list, **properties: object) -> go.Scatter:
    """Open circles at the earlier wave's values."""
    marker = {"symbol": "circle-open", "size": 11, "color": BEFORE_COLOUR, "line": {"width": 2}}
    return go.Scatter(
        x=x, y=y, mode="markers", marker=marker, hoverinfo="text", cliponaxis=False, **properties
    )


def _after_dots(x: list, y: list, direction: str, **properties: object) -> go.Scatter:
    """Filled dots at the later wave's values, coloured by the direction of change."""
    marker = {
        "size": 12,
        "color": DIRECTION_COLOURS[direction],
        "line": {"width": 1, "color": NODE_OUTLINE},
    }
    return go.Scatter(
        x=x, y=y, mode="markers", marker=marker, hoverinfo="text", cliponaxis=False, **properties
    )


# --------------------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------------------


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
        A measure key, e.g. ``"pagerank"``; its glossary label
        (:func:`ecosystem.glossary.measure_label`) names the axis.
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
    values = _change_values(change, measure)
    label = measure_label(measure)
    first, second = wave_names(waves)
    title = title or f"{label}: the organisations that changed most"
    both = np.isfinite(values["before"].to_numpy()) & np.isfinite(values["after"].to_numpy())
    left_out = organisations_not_shown(
        int((~both).sum()), "without a value in both waves (most are in one wave only)"
    )
    shown = _largest_changes(values, both, top)
    if shown.empty:
        return message_figure(
            f"No organisation's {label} changed between the waves.{left_out}", title, illustrative
        )
    fig = go.Figure(_organisation_dumbbells(shown, measure, (first, second)))
    fig.update_xaxes(title={"text": label}, zeroline=False, showgrid=True)
    names = shown.index.tolist()
    fig.update_yaxes(
        categoryorder="array", categoryarray=names[::-1], automargin=True, showgrid=True
    )
    fig.update_layout(hovermode="closest", legend=TOP_LEGEND)
    higher_is = MEASURES[measure].higher_is if measure in MEASURES else ""
    note = (
        f"Open circle: {first}; filled dot: {second}, blue where the value rose and red where "
        f"it fell. The {plural(len(shown), 'organisation')} whose "
        f"{label} changed most, of {int(both.sum())} with a value in both waves."
        + (f" Higher means {higher_is}." if higher_is else "")
        + left_out
    )
    return apply_style(
        fig,
        title=title,
        height=int(240 + CHANGE_ROW * len(shown)),
        illustrative=illustrative,
        note=note,
    )


def _change_values(change: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Columns ``before``, ``after``, ``change`` (floats) and ``type`` of one measure.

    Raises ``ValueError`` naming a missing column.
    """
    columns = {part: f"{measure}_{part}" for part in ("before", "after", "change")}
    for column in columns.values():
        if column not in change.columns:
            raise ValueError(f"the change table has no column '{column}'")
    values = pd.DataFrame(
        {
            part: pd.to_numeric(change[column], errors="coerce").astype(float)
            for part, column in columns.items()
        },
        index=change.index,
    )
    values["type"] = change["type"].astype(str) if "type" in change.columns else UNKNOWN_TYPE
    return values


def _largest_changes(values: pd.DataFrame, both: np.ndarray, top: int) -> pd.DataFrame:
    """The ``top`` rows that changed most (by size, then name), largest first, indexed by
    name as text, with the direction of each change."""
    delta = values["change"].to_numpy()
    moved = both & np.isfinite(delta) & (delta != 0)
    rows = sorted(np.flatnonzero(moved), key=lambda k: (-abs(delta[k]), str(values.index[k])))[
        : max(top, 0)
    ]
    shown = values.iloc[rows]
    shown.index = [str(name) for name in shown.index]
    return shown.assign(direction=np.where(shown["change"] > 0, "higher", "lower"))


def _organisation_dumbbells(
    shown: pd.DataFrame, measure: str, waves: tuple[str, str]
) -> list[go.Scatter]:
    """Change lines by direction, the earlier values, then the later values by direction."""
    first, second = waves
    label = measure_label(measure)
    names = shown.index.tolist()
    hover = [
        f"<b>{name}</b><br>{type_label(row.type)}<br>{label}: "
        f"{format_measure(measure, row.before)} ({first}) → "
        f"{format_measure(measure, row.after)} ({second}), "
        f"{format_change(measure, row.change)}"
        for name, row in zip(names, shown.itertuples(), strict=True)
    ]
    traces = []
    for direction in ("higher", "lower"):
        part = shown[shown["direction"] == direction]
        xs = [x for b, a in zip(part["before"], part["after"], strict=True) for x in (b, a, None)]
        ys = [y for name in part.index for y in (name, name, None)]
        traces.append(
            _change_line(
                [None if x is None else float(x) for x in xs],
                ys,
                direction,
                name=f"{second}: {direction}",
                meta={"role": "change-line", "direction": direction},
            )
        )
    traces.append(
        _before_dots(
            shown["before"].astype(float).tolist(),
            names,
            customdata=names,
            hovertext=hover,
            name=first,
            meta={"role": "before"},
        )
    )
    for direction in ("higher", "lower"):
        rows = np.flatnonzero(shown["direction"].to_numpy() == direction)
        if not len(rows):
            continue
        traces.append(
            _after_dots(
                shown["after"].iloc[rows].astype(float).tolist(),
                [names[k] for k in rows],
                direction,
                customdata=[names[k] for k in rows],
                hovertext=[hover[k] for k in rows],
                name=f"{second}: {_DIRECTION_WORDS[direction]} ({len(rows)})",
                meta={"role": "after", "direction": direction},
            )
        )
    return traces


# --------------------------------------------------------------------------------------
# The whole network
# --------------------------------------------------------------------------------------


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
        the glossary (:func:`ecosystem.glossary.measure_label`).
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
    first, second = wave_names(waves)
    title = title or "The whole network: what changed"
    if not wanted:
        return message_figure("No measures to compare.", title, illustrative)
    plot_height = NETWORK_CHANGE_PANEL * len(wanted) + NETWORK_CHANGE_GAP * (len(wanted) - 1)
    fig = make_subplots(
        rows=len(wanted),
        cols=1,
        vertical_spacing=NETWORK_CHANGE_GAP / plot_height if len(wanted) > 1 else 0.0,
    )
    shown_legend: set[str] = set()
    ranges = [
        _measure_panel(fig, row, measure, network, (first, second), shown_legend)
        for row, measure in enumerate(wanted, start=1)
    ]
    # Panels on one fixed scale share the tick labels under the last of them.
    for row in range(1, len(wanted)):
        if ranges[row - 1] is not None and ranges[row - 1] == ranges[row]:
            fig.update_xaxes(showticklabels=False, row=row, col=1)
    fig.update_layout(hovermode="closest", legend=TOP_LEGEND)
    return apply_style(
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


def _network_values(network: pd.DataFrame, measure: str) -> tuple[float, float, float]:
    """A measure's earlier and later value and its change (later minus earlier if absent)."""

    def number(column: str) -> float:
        return float(pd.to_numeric(pd.Series([network.loc[measure, column]])).iloc[0])

    earlier, later = number("before"), number("after")
    delta = number("change") if "change" in network.columns else later - earlier
    return earlier, later, delta if math.isfinite(delta) else later - earlier


def _measure_panel(
    fig: go.Figure,
    row: int,
    measure: str,
    network: pd.DataFrame,
    waves: tuple[str, str],
    shown_legend: set[str],
) -> list[float] | None:
    """Draw one measure's dumbbell in panel ``row``; return its fixed x range, if any.

    Legend entries are shown once per kind: ``shown_legend`` collects those already shown.
    """
    first, second = waves
    label = measure_label(measure)
    earlier, later, delta = _network_values(network, measure)
    direction = "higher" if delta > 0 else "lower" if delta < 0 else "same"
    values = f"{format_measure(measure, earlier)} → {format_measure(measure, later)}"
    if math.isfinite(delta):
        values += f" ({format_change(measure, delta)})"
    hover = f"<b>{label}</b><br>{first}: {format_measure(measure, earlier)}<br>"
    hover += f"{second}: {format_measure(measure, later)}"
    meta = {"measure": measure}
    traces = [
        _change_line(
            [earlier, later],
            [label, label],
            direction,
            name=label,
            meta={"role": "change-line", **meta, "direction": direction},
        ),
        _before_dots(
            [earlier],
            [label],
            hovertext=[hover],
            name=first,
            legendgroup="before",
            showlegend="before" not in shown_legend,
            meta={"role": "before", **meta},
        ),
        _after_dots(
            [later],
            [label],
            direction,
            hovertext=[hover],
            name=f"{second}: {_DIRECTION_WORDS[direction]}",
            legendgroup=direction,
            showlegend=direction not in shown_legend,
            meta={"role": "after", **meta, "direction": direction},
        ),
    ]
    fig.add_traces(traces, rows=row, cols=1)
    shown_legend.update({"before", direction})
    return _panel_axes(fig, row, measure, label, values)


def _panel_axes(fig: go.Figure, row: int, measure: str, label: str, values: str) -> list | None:
    """One panel's axes: the full scale of a bounded measure, the values in the tick label."""
    axis: dict[str, Any] = {"showgrid": True, "zeroline": True}
    bounds = MEASURE_RANGES.get(measure) or ((0.0, 1.0) if measure in UNIT_MEASURES else None)
    if bounds is not None:
        pad = 0.03 * (bounds[1] - bounds[0])
        axis["range"] = [bounds[0] - pad, bounds[1] + pad]
    else:
        axis["rangemode"] = "tozero"
    fig.update_xaxes(**axis, row=row, col=1)
    fig.update_yaxes(
        tickmode="array",
        tickvals=[label],
        ticktext=[f"<b>{label}</b><br>{values}"],
        automargin=True,
        row=row,
        col=1,
    )
    return axis.get("range")
