"""What the callbacks of every view share: the controls that choose the network, and helpers.

The wave, hub and tie filters at the top of the page choose the network of every view;
:func:`selection_from_controls` turns their values into the one
:class:`~ecosystem.service.Selection` that views, exports and reports all take.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dash
import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, Output, State, dcc, html

from ecosystem.dashboard import ids, team
from ecosystem.dashboard.data import NO_RESPONSES, DashboardData
from ecosystem.dashboard.views.welcome import NEEDS_RESPONSES
from ecosystem.export import csv_bytes
from ecosystem.service import Selection
from ecosystem.service.workspace import audit

SELECTION = [
    Input(ids.WAVE_SELECT, "value"),
    Input(ids.HUB_SELECT, "value"),
    Input(ids.NATURE_SELECT, "value"),
    Input(ids.MIN_FREQUENCY, "value"),
    Input(ids.MIN_RELEVANCE, "value"),
    Input(ids.RESPONDENTS_ONLY, "value"),
]
"""The controls that choose the network: every view depends on them."""

SELECTION_STATE = [State(c.component_id, c.component_property) for c in SELECTION]
"""The same controls, read when a button is pressed rather than followed as they change."""


def selection_from_controls(
    wave, hub, natures, min_frequency, min_relevance, respondents=None
) -> Selection:
    """What the controls chose: a wave and the options of its network (blank = no filter;
    ``respondents``, the respondents-only box's ticks: any, the organisations that answered).

    >>> selection = selection_from_controls("Summative 2024", "", None, None, None)
    >>> selection.scope, selection.options.min_frequency, selection.options.respondents_only
    ('All hubs', 0.0, False)
    >>> selection_from_controls("Summative 2024", "", None, 0, 0, ["only"]).options.respondents_only
    True
    """
    options = DashboardData.options(hub, natures, min_frequency, min_relevance, bool(respondents))
    return Selection(wave, options)


def fitted(figure: go.Figure) -> go.Figure:
    """A figure sized by its box on the page rather than by its export height."""
    return figure.update_layout(height=None, width=None, autosize=True)


def _cell(value: object) -> str:
    """A table cell as people read it: floats to three places, missing values as a dash."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if pd.isna(value):
            return "–"
        return f"{value:.0f}" if value.is_integer() else f"{value:.3f}"
    return str(value)


def html_table(
    frame: pd.DataFrame, table_id: str | None = None, caption: str | None = None
) -> html.Table:
    """A small accessible HTML table of a DataFrame's columns and rows (not its index)."""
    header = html.Thead(html.Tr([html.Th(c, scope="col") for c in frame.columns]))
    rows = [html.Tr([html.Td(_cell(v)) for v in row]) for row in frame.itertuples(index=False)]
    parts = [html.Caption(caption)] if caption else []
    attributes: dict[str, Any] = {"id": table_id} if table_id else {}
    return html.Table([*parts, header, html.Tbody(rows)], className="data-table", **attributes)


def file_name(what: str, selection: Selection, extension: str = "csv") -> str:
    """A download's file name: what, scope and wave.

    >>> file_name("gaps", selection_from_controls("Summative 2024", "Dorset", None, 0, 0))
    'gaps-dorset-summative-2024.csv'
    """
    scope = selection.scope.lower().replace(" ", "-")
    wave = selection.wave.lower().replace(" ", "-")
    return f"{what}-{scope}-{wave}.{extension}"


def when_open(app: Dash, tab: str, outputs: list[Output], *inputs: Input | State) -> Callable:
    """Register ``view(selection, *values of inputs)`` to fill ``outputs`` while ``tab`` is open.

    A view is computed when it is opened and as the selection changes while it is open, never
    before (the first page load builds only the network view); a view that needs responses is
    not computed before any are read (it says so instead).
    """
    waiting = tab in NEEDS_RESPONSES

    def register(view: Callable) -> Callable:
        @app.callback(*outputs, Input(ids.TABS, "data"), *SELECTION, *inputs)
        def _when_open(open_tab, *values):
            controls, values = values[: len(SELECTION)], values[len(SELECTION) :]
            if open_tab != tab or (waiting and controls[0] == NO_RESPONSES):
                return dash.no_update if len(outputs) == 1 else (dash.no_update,) * len(outputs)
            return view(selection_from_controls(*controls), *values)

        return view

    return register


def csv_download(
    app: Dash,
    data: DashboardData,
    button: str,
    download: str,
    what: str,
    table: Callable[[Selection], pd.DataFrame],
) -> None:
    """Register a button that downloads ``table(selection)`` as ``what-scope-wave.csv``.

    The file is written by the product's one spreadsheet writer
    (:func:`ecosystem.export.csv_bytes`), so no name in it runs as a formula.
    """

    @app.callback(
        Output(download, "data"),
        Input(button, "n_clicks"),
        *SELECTION_STATE,
        prevent_initial_call=True,
    )
    def _download(_, *controls):
        selection = selection_from_controls(*controls)
        name = file_name(what, selection)
        return sent_file(data, csv_bytes(table(selection), index=False), name)


def sent_file(data: DashboardData, content: bytes, name: str) -> dict:
    """A file for the browser to download, written to the audit table as exported by whoever
    is signed in."""
    team.record(data.workspace, audit.EXPORTED, name)
    return dcc.send_bytes(content, name)
