"""The Overview's layout: the network measures of every hub and wave side by side."""

from __future__ import annotations

from dash import dcc, html

from ecosystem.dashboard import ids
from ecosystem.dashboard.views.controls import graph


def overview_view() -> html.Div:
    """Network measures of every hub and wave side by side: the cross-site comparison."""
    return html.Div(
        [
            html.P(
                "The same measures for every hub and wave, computed the same way, so sites "
                "can be compared; the filters above do not apply to them. Below them, how "
                "far the numbers of the wave, hub and filters chosen above can be trusted.",
                className="hint",
            ),
            dcc.Loading(graph(ids.OVERVIEW_GRAPH)),
            html.Div(id=ids.OVERVIEW_TABLE),
            dcc.Loading(html.Div(id=ids.OVERVIEW_ROBUSTNESS)),
        ]
    )
