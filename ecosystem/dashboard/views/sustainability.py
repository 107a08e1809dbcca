"""The Sustainability view's layout: what the ecosystem loses if an organisation goes (or is
absorbed by another), which organisations matter most to keep it whole, and who could carry
the hub's role.

The scenario is one of the chosen hub's ready-made ones ("The hub leaves", "The hub joins the
ICB") or one built here: organisations removed, or one merged into another. Its choices are
filled by the view's callbacks, from the network shown.
"""

from __future__ import annotations

from typing import Any, cast

from dash import dcc, html

from ecosystem.dashboard import ids
from ecosystem.dashboard.views.controls import download_toolbar, filled_graph, labelled

REMOVE = "remove"
MERGE = "merge"
CUSTOM_SCENARIOS = {
    REMOVE: "Remove organisations",
    MERGE: "Merge one organisation into another",
}
"""The scenarios built in the view (value: label), offered after the hub's ready-made ones."""

MERGE_RULE = (
    "A merger moves every tie of the absorbed organisation to the receiving one; a tie "
    "between the two is dropped, and where both were tied to the same partner the stronger "
    "tie is kept."
)


def _organisations(control_id: str, placeholder: str, multi: bool = False) -> dcc.Dropdown:
    """A list of the network's organisations (its choices are filled as the network changes)."""
    return dcc.Dropdown(id=control_id, options=[], multi=multi, placeholder=placeholder)


def scenario_controls() -> html.Div:
    """The scenario, and the organisations of a removal or a merger built here."""
    remove = html.Div(
        labelled(
            "Organisations that leave",
            _organisations(ids.SUSTAINABILITY_REMOVE, "Choose one or more", multi=True),
            ids.SUSTAINABILITY_REMOVE,
        ),
        id=ids.SUSTAINABILITY_REMOVE_CONTROLS,
        className="controls sustainability-custom",
        hidden=True,
    )
    merge = html.Div(
        [
            labelled(
                "Organisation absorbed",
                _organisations(ids.SUSTAINABILITY_MERGE, "Choose one"),
                ids.SUSTAINABILITY_MERGE,
            ),
            labelled(
                "Into",
                _organisations(ids.SUSTAINABILITY_INTO, "Choose one"),
                ids.SUSTAINABILITY_INTO,
            ),
        ],
        id=ids.SUSTAINABILITY_MERGE_CONTROLS,
        className="controls sustainability-custom",
        hidden=True,
    )
    scenario = labelled(
        "Scenario",
        dcc.Dropdown(id=ids.SUSTAINABILITY_SCENARIO, options=[], clearable=False),
        ids.SUSTAINABILITY_SCENARIO,
    )
    return html.Div(
        [html.Div(scenario, className="sustainability-scenario"), remove, merge],
        className="sustainability-controls",
    )


def _panel(title: str, panel_id: str, hint: str, *after) -> html.Section:
    """One of the panes under the picture: a heading, what it shows, its content and
    anything ``after`` it."""
    return html.Section(
        [
            html.H2(title),
            html.P(hint, className="hint"),
            dcc.Loading(html.Div(id=panel_id, **cast(dict[str, Any], {"aria-live": "polite"}))),
            *after,
        ],
        className="sustainability-pane",
    )


def sustainability_view() -> html.Div:
    """A scenario before and after, what it cuts, the key players and the hub's successors."""
    return html.Div(
        [
            html.P(
                "What the ecosystem would lose if the hub left, or were absorbed by another "
                "organisation, and who could carry its role. " + MERGE_RULE,
                className="hint",
            ),
            scenario_controls(),
            dcc.Loading(html.Div(id=ids.SUSTAINABILITY_SUMMARY, className="findings")),
            filled_graph(ids.SUSTAINABILITY_GRAPH, "sustainability-graph"),
            dcc.Loading(
                html.Div(
                    id=ids.SUSTAINABILITY_FINDINGS, className="findings sustainability-findings"
                )
            ),
            html.Div(
                [
                    _panel(
                        "What it cuts",
                        ids.SUSTAINABILITY_LOSSES,
                        "Organisations left with no tie, kinds of organisation cut off from "
                        "the rest, and pairs whose only two-step link went through an "
                        "organisation that left.",
                        download_toolbar(
                            ids.SUSTAINABILITY_DOWNLOAD_BUTTON, ids.SUSTAINABILITY_DOWNLOAD
                        ),
                    ),
                    _panel(
                        "Key players",
                        ids.SUSTAINABILITY_KEY_PLAYERS,
                        "The two organisations whose leaving would fragment the network most, "
                        "and the two that reach most others directly (Borgatti 2006).",
                    ),
                    _panel(
                        "Who could carry the hub's role",
                        ids.SUSTAINABILITY_SUCCESSORS,
                        "If the hub merged into each organisation in turn: those that keep "
                        "the network least fragmented first.",
                    ),
                ],
                className="sustainability-panes",
            ),
        ]
    )
