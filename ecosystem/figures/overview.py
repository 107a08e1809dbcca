"""The cross-site overview: the same network measures at every site, one panel per measure.

Bars by scope (hub), grouped by wave; each panel is titled with the measure's glossary label
(:func:`ecosystem.glossary.measure_label`), and shares and the E-I index are drawn on their
full scales so that panels compare at a glance.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ecosystem.figures.formats import MEASURE_RANGES, SHARE_MEASURES, wrap
from ecosystem.figures.style import (
    MARGIN,
    NOTE_SIZE,
    WAVE_COLOURS,
    apply_style,
    message_figure,
)
from ecosystem.glossary import measure_label

__all__ = ["OVERVIEW_BOTTOM", "OVERVIEW_GAP", "OVERVIEW_PANEL", "overview_figure"]

OVERVIEW_PANEL: Final = 230
"""Pixel height of one panel of :func:`overview_figure`."""
OVERVIEW_GAP: Final = 110
"""Pixels between rows of panels (room for wrapped hub names and the next panel's title)."""
OVERVIEW_BOTTOM: Final = 80


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
