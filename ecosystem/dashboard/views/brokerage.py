"""The Brokerage view's layout: roles, who is linked through a broker, structural holes."""

from __future__ import annotations

from dash import dcc, html

from ecosystem.dashboard import ids
from ecosystem.dashboard.views.controls import graph, labelled


def brokerage_view() -> html.Div:
    """Who brokers between which kinds of organisation, and how open each one's contacts are."""
    return html.Div(
        [
            html.H2("Brokerage roles"),
            html.P(
                "Gould and Fernandez's roles: an organisation brokers when it links two "
                "others that have no tie of their own. z-scores compare each count with what "
                "ties placed at random would give (R sna's model); above 2 is notable.",
                className="hint",
            ),
            dcc.Loading(graph(ids.BROKERAGE_ROLES_GRAPH)),
            html.Div(id=ids.BROKERAGE_ROLES_TABLE),
            html.H2("Who is linked to whom through a broker"),
            labelled(
                "Brokers of type",
                dcc.Dropdown(id=ids.BROKERAGE_BROKER_SELECT, placeholder="Every type"),
                ids.BROKERAGE_BROKER_SELECT,
            ),
            dcc.Loading(graph(ids.BROKERAGE_MATRIX_GRAPH)),
            html.H2("Structural holes"),
            dcc.Loading(graph(ids.STRUCTURAL_HOLES_GRAPH)),
        ]
    )
