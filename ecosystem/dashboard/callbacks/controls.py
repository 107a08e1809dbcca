"""Callbacks of the controls every view shares: the status line, the tabs, the wave lists."""

from __future__ import annotations

import dash
from dash import Dash, Input, Output, State

from ecosystem.dashboard import ids
from ecosystem.dashboard.callbacks.shared import SELECTION, selection_from_controls
from ecosystem.dashboard.data import NO_RESPONSES, DashboardData
from ecosystem.dashboard.views import hub_options, view_states
from ecosystem.service import Selection

TABS = list(ids.VIEWS)


def status_text(data: DashboardData, selection: Selection) -> str:
    """The network in one line: scope, wave, size, filters and how many responded."""
    graph = data.network(selection.wave, selection.options)
    if data.stage == "empty":
        return "This workspace is empty: import the first survey in the Data view."
    if selection.wave == NO_RESPONSES:
        return (
            f"{selection.scope}: {graph.number_of_nodes()} organisations on the roster, no "
            "ties: no responses have been read yet."
        )
    filtered = " (ties filtered)" if selection.options.filters_ties else ""
    who = " (respondents only)" if selection.options.respondents_only else ""
    rate = graph.graph["response_rate"]
    return (
        f"{selection.wave}, {selection.scope}: {graph.number_of_nodes()} organisations{who}, "
        f"{graph.number_of_edges()} arcs{filtered}; {rate:.0%} of organisations responded. "
        "Arc weight = how often the two interact."
    )


def shown_view(open_tab: str) -> tuple:
    """Each panel's ``hidden``, then each tab's class, then each tab's ``aria-selected``."""
    return (
        *[tab != open_tab for tab in TABS],
        *["tab tab--selected" if tab == open_tab else "tab" for tab in TABS],
        *["true" if tab == open_tab else "false" for tab in TABS],
    )


def wave_and_hub_choices(
    data: DashboardData,
    wave: str | None = None,
    wave_from: str | None = None,
    wave_to: str | None = None,
) -> tuple:
    """The choices of every control that lists waves or hubs, as the workspace holds them,
    then the values of the three wave lists: each kept while the workspace still holds it,
    else the latest wave (the earliest for the Compare view's earlier wave).

    So the first wave imported into an empty workspace is chosen at once, in every view.
    """
    waves = data.waves

    def kept(value: str | None, default: str):
        return dash.no_update if value in waves else default

    values = (kept(wave, waves[-1]), kept(wave_from, waves[0]), kept(wave_to, waves[-1]))
    return waves, hub_options(data.hubs, data.scope), waves, waves, *values


def register(app: Dash, data: DashboardData) -> None:
    """The status line follows the selection; tabs open views; imports refresh the lists."""

    @app.callback(Output(ids.STATUS_TEXT, "children"), *SELECTION)
    def _status(*controls):
        return status_text(data, selection_from_controls(*controls))

    @app.callback(
        Output(ids.TABS, "data"),
        *[Input(tab, "n_clicks") for tab in TABS],
        prevent_initial_call=True,
    )
    def _open_view(*_):
        return dash.ctx.triggered_id

    @app.callback(
        *[Output(ids.panel(tab), "hidden") for tab in TABS],
        *[Output(tab, "className") for tab in TABS],
        *[Output(tab, "aria-selected") for tab in TABS],
        Input(ids.TABS, "data"),
    )
    def _show_view(open_tab):
        return shown_view(open_tab)

    @app.callback(
        Output(ids.WAVE_SELECT, "options"),
        Output(ids.HUB_SELECT, "options"),
        Output(ids.COMPARE_FROM, "options"),
        Output(ids.COMPARE_TO, "options"),
        Output(ids.WAVE_SELECT, "value"),
        Output(ids.COMPARE_FROM, "value"),
        Output(ids.COMPARE_TO, "value"),
        Input(ids.DATA_VERSION, "data"),
        State(ids.WAVE_SELECT, "value"),
        State(ids.COMPARE_FROM, "value"),
        State(ids.COMPARE_TO, "value"),
    )
    def _refresh(_version, wave, wave_from, wave_to):
        return wave_and_hub_choices(data, wave, wave_from, wave_to)

    @app.callback(
        Output(ids.WELCOME, "hidden"),
        *[Output(ids.note(tab), "children") for tab in TABS],
        *[Output(ids.note(tab), "hidden") for tab in TABS],
        *[Output(ids.content(tab), "hidden") for tab in TABS],
        Input(ids.DATA_VERSION, "data"),
    )
    def _stage(_version):  # the welcome and each view's sentence follow every import
        return data.stage != "empty", *view_states(data)
