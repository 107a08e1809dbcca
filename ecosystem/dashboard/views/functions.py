"""The Core functions view's layout: every hub's three core functions, in two waves."""

from __future__ import annotations

from dash import dcc, html

from ecosystem.dashboard import ids
from ecosystem.dashboard.views.controls import download_toolbar, graph


def functions_view() -> html.Div:
    """The hubs' central coordination, information dissemination and catalysing
    partnerships: a chart per function, what each hub's indicators say, and the table."""
    return html.Div(
        [
            html.P(
                "The evaluation found the hubs' value in three core functions: central "
                "coordination, information dissemination and catalysing partnerships. Each is "
                "measured here on each hub's own ecosystem, in the wave chosen above and the "
                "wave before it, with the tie filters above.",
                className="hint",
            ),
            html.P(id=ids.FUNCTIONS_WAVES, className="status"),
            dcc.Loading(graph(ids.FUNCTIONS_GRAPH, "panel-graph")),
            html.H2("What each hub's indicators say"),
            html.Div(id=ids.FUNCTIONS_FINDINGS, className="findings"),
            html.H2("Every indicator"),
            download_toolbar(ids.FUNCTIONS_DOWNLOAD_BUTTON, ids.FUNCTIONS_DOWNLOAD),
            html.Div(id=ids.FUNCTIONS_TABLE),
        ]
    )
