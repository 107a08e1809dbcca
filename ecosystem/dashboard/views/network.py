"""The Network view's layout: the network, sized by a chosen measure, beside a profile."""

from __future__ import annotations

from typing import Any, cast

from dash import dcc, html

from ecosystem.dashboard import ids
from ecosystem.dashboard.views.controls import filled_graph, labelled, measure_choices

SIZE_MEASURES = ("betweenness", "pagerank", "in_degree", "out_degree", "in_strength",
                 "brokerage", "effective_size")  # fmt: skip
"""Measures a hub lead can size the organisations by."""

NO_PROFILE = "Click an organisation to see its ties, measures and roles."
"""What the profile panel says before an organisation is chosen."""


def network_view(size_by: str = "betweenness") -> html.Div:
    """The network, sized by a chosen measure (``size_by`` at first), beside the profile of
    a chosen organisation."""
    return html.Div(
        [
            dcc.Store(id=ids.NETWORK_DRAWN),
            dcc.Loading(
                filled_graph(ids.NETWORK_GRAPH, "network-graph"),
                type="circle",
                parent_className="network-main",
            ),
            html.Aside(
                [
                    labelled(
                        "Size organisations by",
                        dcc.Dropdown(
                            id=ids.SIZE_SELECT,
                            options=measure_choices(SIZE_MEASURES),
                            value=size_by,
                            clearable=False,
                        ),
                        ids.SIZE_SELECT,
                    ),
                    html.Div(id=ids.SIZE_NOTE, className="size-note"),
                    labelled(
                        "Organisation profile",
                        dcc.Dropdown(
                            id=ids.PROFILE_SELECT,
                            placeholder="Click one, or choose it here",
                        ),
                        ids.PROFILE_SELECT,
                    ),
                    html.Div(
                        html.P(NO_PROFILE),
                        id=ids.PROFILE_PANEL,
                        **cast(dict[str, Any], {"aria-live": "polite"}),
                    ),
                ],
                className="profile",
            ),
        ],
        className="network-row",
    )
