"""The structural-holes chart: Burt's constraint against effective size, one point per organisation.

Organisations are coloured by type and the leading brokers named beside their points, where a
name has room (:func:`ecosystem.figures.labels.add_point_labels`). Every label a person reads
for a measure comes from the glossary (:func:`ecosystem.glossary.measure_label`).

References
----------
Burt, R. S. (1992). *Structural Holes*. Harvard University Press (constraint, effective size).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ecosystem.codebook import UNKNOWN_TYPE, type_label, type_order
from ecosystem.figures.formats import organisations_not_shown
from ecosystem.figures.labels import (
    LABEL_GAP,
    TRIED_AT_MOST,
    add_point_labels,
    text_box,
    wrap_name,
)
from ecosystem.figures.style import (
    HIGHLIGHT_COLOUR,
    NODE_OUTLINE,
    NOTE_SIZE,
    apply_style,
    type_colour,
)
from ecosystem.figures.traces import ring_trace
from ecosystem.glossary import measure_label

__all__ = ["LABEL_PLOT", "structural_holes_figure"]

_POINT_SIZE: Final = 12
"""Marker diameter of an organisation in :func:`structural_holes_figure`."""
LABEL_PLOT: Final = (520.0, 400.0)
"""The plot size in pixels that :func:`structural_holes_figure` places its labels for: a
little smaller than an exported A4 page gives it, so they clear each other there and on any
larger plot."""
_HEADROOM: Final = 1.06
"""Axis ranges reach this much past the largest value, so no point sits on the frame."""


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
    :func:`ecosystem.figures.labels.add_point_labels` at :data:`LABEL_PLOT`.
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
    chart of more than :data:`~ecosystem.figures.labels.TRIED_AT_MOST`, that only the
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
