"""Callbacks of the Compare view: two waves on the same positions, and what changed."""

from __future__ import annotations

import dash
import plotly.graph_objects as go
from dash import Dash, Input, Output, html

from ecosystem.analysis.change import WaveComparison, describe_changes
from ecosystem.codebook import ALL_HUBS
from ecosystem.dashboard import ids
from ecosystem.dashboard.callbacks.shared import SELECTION, fitted
from ecosystem.dashboard.data import DashboardData
from ecosystem.figures import (
    catalysis_figure,
    difference_figure,
    network_change_figure,
    network_figure,
    organisation_change_figure,
)
from ecosystem.network import NetworkOptions

FIGURES = 6
"""The Compare view's figures: both networks, the difference map and three of change."""


def _both_networks(
    data: DashboardData, comparison: WaveComparison, positions: dict, scope: str
) -> list[go.Figure]:
    """The networks of both waves on shared positions (the difference map carries the legend)."""
    # The comparison holds both networks and their measures: nothing is built twice.
    sides = (
        (comparison.before, comparison.tables_before, comparison.wave_from),
        (comparison.after, comparison.tables_after, comparison.wave_to),
    )
    return [
        fitted(
            network_figure(
                graph,
                positions,
                size_by=table["betweenness"],
                measures=table,
                title=f"{scope}, {wave}",
                illustrative=data.illustrative,
                label_limit=15,
            ).update_layout(showlegend=False)
        )
        for graph, table, wave in sides
    ]


def compare_views(
    data: DashboardData, wave_from: str, wave_to: str, options: NetworkOptions, measure: str
) -> tuple:
    """Findings in plain words, both networks on shared positions, and what changed."""
    if wave_from == wave_to:
        return html.P("Choose two different waves to compare."), *[go.Figure()] * FIGURES
    comparison = data.comparison(wave_from, wave_to, options)
    positions = data.positions(options.hub)
    scope = options.hub or ALL_HUBS
    waves = (wave_from, wave_to)
    illustrative = data.illustrative
    return (
        html.Ul([html.Li(sentence) for sentence in describe_changes(comparison)]),
        *_both_networks(data, comparison, positions, scope),
        difference_figure(
            comparison.before,
            comparison.after,
            positions,
            title=f"{scope}: ties gained and lost from {wave_from} to {wave_to}",
            illustrative=illustrative,
        ),
        network_change_figure(comparison.network, illustrative=illustrative, waves=waves),
        catalysis_figure(comparison.catalysis, illustrative=illustrative, waves=waves),
        organisation_change_figure(
            comparison.organisation_change, measure, illustrative=illustrative, waves=waves
        ),
    )


def register(app: Dash, data: DashboardData) -> None:
    """The view is computed when it is opened, for its own two waves and the tie filters."""

    @app.callback(
        Output(ids.COMPARE_FINDINGS, "children"),
        Output(ids.COMPARE_BEFORE_GRAPH, "figure"),
        Output(ids.COMPARE_AFTER_GRAPH, "figure"),
        Output(ids.COMPARE_DIFFERENCE_GRAPH, "figure"),
        Output(ids.COMPARE_NETWORK_GRAPH, "figure"),
        Output(ids.COMPARE_CATALYSIS_GRAPH, "figure"),
        Output(ids.COMPARE_ORGANISATIONS_GRAPH, "figure"),
        Input(ids.TABS, "data"),
        Input(ids.COMPARE_FROM, "value"),
        Input(ids.COMPARE_TO, "value"),
        *SELECTION[1:],  # every control but the wave: the view has its own two
        Input(ids.COMPARE_MEASURE, "value"),
    )
    def _compare(tab, wave_from, wave_to, hub, natures, min_frequency, min_relevance, measure):
        if tab != ids.TAB_COMPARE:  # computed when the view is opened, not before
            return (dash.no_update,) * (1 + FIGURES)
        options = DashboardData.options(hub, natures, min_frequency, min_relevance)
        return compare_views(data, wave_from, wave_to, options, measure)
