"""Callbacks of the Core functions view: each hub's three core functions in two waves.

The numbers are :func:`ecosystem.service.core_functions_of`'s (kept by
:meth:`~ecosystem.dashboard.data.DashboardData.functions`), the export's and the command
line's: the selected wave compared with the wave before it (the first wave alone). The data
are the signed-in person's, so a hub lead sees their own hub alone.
"""

from __future__ import annotations

import plotly.graph_objects as go
from dash import Dash, Output, html

from ecosystem.dashboard import ids
from ecosystem.dashboard.callbacks.shared import csv_download, html_table, when_open
from ecosystem.dashboard.data import DashboardData
from ecosystem.figures.functions import functions_figure, functions_text
from ecosystem.service import Selection, functions_table


def compared_waves(wave_from: str | None, wave: str) -> str:
    """Which waves the view shows, in a sentence.

    >>> compared_waves("Formative 2023", "Summative 2024")
    'Summative 2024 compared with Formative 2023, the wave before it.'
    """
    if wave_from is None:
        return (
            f"{wave} alone: it is the first wave, so nothing is compared and catalysing "
            "partnerships (which needs an earlier wave) is not measured."
        )
    return f"{wave} compared with {wave_from}, the wave before it."


def functions_views(data: DashboardData, selection: Selection) -> tuple:
    """The waves compared, the figure, each hub's findings and the table of indicators."""
    results, wave_from = data.functions(selection.wave, selection.options)
    table = functions_table(results)
    figure = functions_figure(
        table,
        title=f"{selection.scope}: the hubs' three core functions",
        illustrative=data.illustrative,
        waves=(wave_from, selection.wave),
    )
    findings: list[html.Section | html.P] = [
        html.Section(
            [html.H3(result.hub), html.Ul([html.Li(sentence) for sentence in result.findings])],
            className="hub-findings",
        )
        for result in results
    ] or [html.P("No hub of this selection has an organisation of type hub in this wave.")]
    caption = "Each hub's indicators" + (f", {wave_from} and {selection.wave}" if wave_from else
                                         f", {selection.wave}")  # fmt: skip
    shown = html_table(functions_text(table), "functions-table", caption)
    return compared_waves(wave_from, selection.wave), figure, findings, shown


def register(app: Dash, data: DashboardData) -> None:
    """The view is computed when opened and as the selection changes while it is open."""

    @when_open(
        app,
        ids.TAB_FUNCTIONS,
        [
            Output(ids.FUNCTIONS_WAVES, "children"),
            Output(ids.FUNCTIONS_GRAPH, "figure"),
            Output(ids.FUNCTIONS_FINDINGS, "children"),
            Output(ids.FUNCTIONS_TABLE, "children"),
        ],
    )
    def _functions(selection: Selection) -> tuple[str, go.Figure, list, html.Table]:
        return functions_views(data, selection)

    csv_download(
        app,
        data,
        ids.FUNCTIONS_DOWNLOAD_BUTTON,
        ids.FUNCTIONS_DOWNLOAD,
        "functions",
        lambda selection: functions_table(data.functions(selection.wave, selection.options)[0]),
    )
