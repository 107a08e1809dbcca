"""Callbacks of the Overview: the network measures of every hub and wave, side by side."""

from __future__ import annotations

import dash
import plotly.graph_objects as go
from dash import Dash, Input, Output, html

from ecosystem.dashboard import ids
from ecosystem.dashboard.callbacks.robustness import robustness_tables
from ecosystem.dashboard.callbacks.shared import html_table, when_open
from ecosystem.dashboard.data import DashboardData
from ecosystem.figures import overview_figure
from ecosystem.figures.formats import RATE_MEASURES, format_percent
from ecosystem.glossary import MEASURES, measure_label
from ecosystem.service import Selection

OVERVIEW_COLUMNS = ("wave", "scope", "organisations", "ties", "density", "reciprocity",
                    "degree_centralisation", "betweenness_centralisation", "ei_index",
                    "response_rate")  # fmt: skip
"""The summary's columns the overview table shows, in order."""


def overview_views(data: DashboardData) -> tuple[go.Figure, html.Table]:
    """Every hub and wave on the same measures: a figure and a table (filters do not apply)."""
    summary = data.summary()
    shown = summary[list(OVERVIEW_COLUMNS)].copy()
    for rate in RATE_MEASURES & set(shown.columns):  # people read rates as "57.6%"
        shown[rate] = [format_percent(value) for value in shown[rate]]
    labels = {c: measure_label(c) for c in shown.columns if c in MEASURES}
    table = shown.rename(columns={"wave": "Wave", "scope": "Hub", **labels})
    return overview_figure(summary, illustrative=data.illustrative), html_table(
        table, "overview-table"
    )


def trust_view(data: DashboardData, selection: Selection) -> html.Div | None:
    """How far the chosen wave's numbers can be trusted (simulated once, when first shown)."""
    robustness = data.robustness(selection.wave, selection.options)
    return robustness_tables(robustness, selection.scope)


def register(app: Dash, data: DashboardData) -> None:
    """The overview is drawn when its view is opened (its summary is computed once); the
    account of how far the chosen wave's numbers can be trusted follows the selection."""

    @when_open(app, ids.TAB_OVERVIEW, [Output(ids.OVERVIEW_ROBUSTNESS, "children")])
    def _trust(selection):
        return trust_view(data, selection)

    @app.callback(
        Output(ids.OVERVIEW_GRAPH, "figure"),
        Output(ids.OVERVIEW_TABLE, "children"),
        Input(ids.TABS, "data"),
    )
    def _overview(tab):
        if tab != ids.TAB_OVERVIEW or data.stage != "surveyed":  # it says what it needs
            return dash.no_update, dash.no_update
        return overview_views(data)
