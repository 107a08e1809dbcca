"""Callbacks of the export bar: the open view downloads as a print-quality file.

:func:`view_export` is a thin function of (data, tab, selection, format): it names the
exhibit the tab stands for, asks :func:`ecosystem.exhibits.exhibit_bytes` for its bytes (the
same function ``ecosystem export`` writes with), and names the file.
"""

from __future__ import annotations

from dataclasses import replace

import dash
from dash import Dash, Input, Output, State

from ecosystem import exhibits
from ecosystem.dashboard import ids
from ecosystem.dashboard.callbacks import sustainability
from ecosystem.dashboard.callbacks.shared import (
    SELECTION_STATE,
    file_name,
    selection_from_controls,
    sent_file,
)
from ecosystem.dashboard.data import DashboardData
from ecosystem.errors import OptionError
from ecosystem.service import Scenario, Selection

EXPORTED_VIEW = {
    ids.TAB_NETWORK: "network",
    ids.TAB_GAPS: "gaps",
    ids.TAB_BROKERAGE: "brokerage",
    ids.TAB_OVERVIEW: "overview",
    ids.TAB_FUNCTIONS: "functions",
    ids.TAB_COMPARE: "compare",
    ids.TAB_SUSTAINABILITY: "sustainability",
    ids.TAB_ORGANISATIONS: "tables",
}
"""The exhibit each tab downloads as (the organisations tab as a workbook of tables)."""


def view_export(
    data: DashboardData,
    tab: str,
    selection: Selection,
    fmt: str,
    anonymise: bool,
    wave_from: str | None = None,
    scenario: Scenario | None = None,
) -> tuple[bytes, str] | str:
    """The open view as a file (bytes and name), or a message saying why there is none.

    The Compare view downloads its two waves (``wave_from`` and the selection's wave), the
    Sustainability view its ``scenario``.
    """
    view = EXPORTED_VIEW.get(tab)
    if view is None:
        return "This view has no picture to download."
    if view == "compare" and (wave_from is None or wave_from == selection.wave):
        return "Choose two different waves to compare before downloading."
    if view == "sustainability":
        if scenario is None:
            return "Choose the organisations of the scenario before downloading."
        selection = replace(selection, scenario=scenario)
    if view == "functions":  # the selected wave and the one before it, as the view shows
        wave_from = None
    exhibit = replace(
        selection,
        wave_from=wave_from,
        anonymise=anonymise,
        source="demo survey (illustrative data)" if data.illustrative else "survey files",
    )
    fmt = "xlsx" if view == "tables" else fmt
    content = exhibits.exhibit_bytes(data.survey, view, exhibit, fmt)
    hidden = "-anonymised" if anonymise else ""
    return content, file_name(f"{view}{hidden}", selection, fmt)


def downloaded(
    data: DashboardData,
    tab: str,
    selection: Selection,
    fmt: str,
    anonymise: bool,
    wave_from: str | None,
    scenario: Scenario | None = None,
) -> tuple:
    """The download of the open view and a message, or no download and a message why not."""
    try:
        result = view_export(
            data, tab, selection, fmt, anonymise, wave_from=wave_from, scenario=scenario
        )
    except OptionError as problem:  # e.g. no browser engine for images on this machine
        return dash.no_update, str(problem)
    if isinstance(result, str):
        return dash.no_update, result
    content, name = result
    return sent_file(data, content, name), f"Downloaded {name}."


def register(app: Dash, data: DashboardData) -> None:
    """The export button downloads the open view, for the Compare view its two waves and for
    the Sustainability view its scenario."""

    @app.callback(
        Output(ids.EXPORT_DOWNLOAD, "data"),
        Output(ids.EXPORT_MESSAGE, "children"),
        Input(ids.EXPORT_BUTTON, "n_clicks"),
        State(ids.TABS, "data"),
        State(ids.EXPORT_FORMAT, "value"),
        State(ids.EXPORT_ANONYMISE, "value"),
        State(ids.COMPARE_FROM, "value"),
        State(ids.COMPARE_TO, "value"),
        State(ids.COMPARE_PAIRS, "value"),
        *SELECTION_STATE,
        *[State(control, "value") for control in sustainability.CONTROLS],
        prevent_initial_call=True,
    )
    def _export(_, tab, fmt, hide, wave_from, wave_to, pairs, *controls):
        selection = selection_from_controls(*controls[: len(SELECTION_STATE)])
        scenario = None
        if tab == ids.TAB_COMPARE:  # the Compare view shows its own waves and pair rule
            selection = replace(selection, wave=wave_to, pairs=pairs or selection.pairs)
        if tab == ids.TAB_SUSTAINABILITY:  # the Sustainability view shows its own scenario
            chosen = controls[len(SELECTION_STATE) :]
            scenario = sustainability.chosen_scenario(data, selection.options.hub, *chosen)
        return downloaded(data, tab, selection, fmt, bool(hide), wave_from, scenario)
