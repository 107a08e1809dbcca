"""Callbacks of the Network view: the network, and the profile of the organisation chosen."""

from __future__ import annotations

from typing import Any, cast

import dash
import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, Output, Patch, State, html

from ecosystem.dashboard import ids
from ecosystem.dashboard.callbacks.robustness import short_verdicts, size_label, verdicts
from ecosystem.dashboard.callbacks.shared import (
    SELECTION,
    fitted,
    html_table,
    selection_from_controls,
)
from ecosystem.dashboard.data import DashboardData
from ecosystem.dashboard.views.network import NO_PROFILE, SIZE_MEASURES
from ecosystem.figures import network_figure, network_overlay, type_colour
from ecosystem.figures.nodes import hover_measures
from ecosystem.glossary import measure_label
from ecosystem.service import Selection
from ecosystem.service.measures import organisation_profile


def _figure_arguments(
    data: DashboardData, selection: Selection, size_by: str, selected: str | None
) -> dict:
    """What the network figure (or its overlay) is drawn from: one place for both.

    Only the measures the picture shows (the size and those hover shows: on a large
    network, the quick ones) are waited for: a large network's others go on computing on
    worker processes meanwhile. The layout is asked for first, so it is computed while
    they run.
    """
    measured = data.measured(selection.wave, selection.options)
    wanted = [*hover_measures(measured.graph), size_by]
    measured.expect(wanted)
    positions = data.positions(selection.options.hub)
    shown = measured.columns(wanted)
    return {
        "G": measured.graph,
        "positions": positions,
        "size_by": shown[size_by],
        "highlight": [selected] if selected in measured.graph else [],
        "measures": shown,
        "title": f"{selection.scope}, {selection.wave}",
        "illustrative": data.illustrative,
        # A crowded picture names only its most central organisations; hover shows all.
        "label_limit": 40 if measured.graph.number_of_nodes() <= 30 else 15,
    }


def network_view(
    data: DashboardData, selection: Selection, size_by: str, selected: str | None
) -> go.Figure:
    """The chosen network, sized by a measure, with the chosen organisation ringed."""
    return fitted(network_figure(**_figure_arguments(data, selection, size_by, selected)))


def network_patch(
    data: DashboardData, selection: Selection, size_by: str, selected: str | None
) -> Patch | None:
    """The change to the figure of the same network drawn for another size measure or
    organisation: its organisations, highlight, labels and caption, not its ties; ``None``
    where the network is drawn in full (:func:`ecosystem.figures.network_overlay`)."""
    overlay = network_overlay(**_figure_arguments(data, selection, size_by, selected))
    if overlay is None:
        return None
    patch = Patch()
    for k, trace in enumerate(overlay.traces):
        patch["data"][overlay.first + k] = trace
    patch["layout"]["annotations"] = overlay.annotations
    return patch


def drawn_key(selection: Selection) -> str:
    """Which network a figure shows (wave and options): a patch fits only the same one.

    >>> drawn_key(selection_from_controls("Summative 2024", "Dorset", None, 2, None))[:14]
    'Summative 2024'
    """
    return f"{selection.wave}|{selection.options!r}"


def network_update(
    data: DashboardData,
    selection: Selection,
    size_by: str,
    selected: str | None,
    drawn: str | None,
) -> tuple[go.Figure | Patch, str]:
    """The network figure and the key of the network it shows (:func:`drawn_key`).

    When the page already shows this network (``drawn``, the key last returned), only the
    size measure or the chosen organisation can have changed: a large network is then
    patched, not rebuilt and resent. A change of wave, hub or filter draws it in full.
    """
    key = drawn_key(selection)
    if drawn == key:
        patch = network_patch(data, selection, size_by, selected)
        if patch is not None:
            return patch, key
    figure = network_view(data, selection, size_by, selected)
    data.measure_ahead(selection.options.hub)
    return figure, key


def size_choices(data: DashboardData, selection: Selection) -> tuple[list[dict], object]:
    """The size selector's measures, each marked with its verdict where it is not robust
    under further non-response, and the line under it saying how far each can be trusted.

    The simulation runs here, in its own callback, so the picture never waits for it.
    """
    robustness = data.robustness(selection.wave, selection.options)
    found = verdicts(robustness)
    choices = [{"label": size_label(key, found.get(key)), "value": key} for key in SIZE_MEASURES]
    return choices, short_verdicts(robustness)


def profile_choices(data: DashboardData, selection: Selection) -> list[dict]:
    """Every organisation of the chosen network, by name, for the profile's dropdown."""
    graph = data.network(selection.wave, selection.options)
    return [{"label": name, "value": name} for name in sorted(graph)]


def clicked_organisation(click: dict | None) -> str | None:
    """The organisation a click on the network landed on (its point's ``customdata``)."""
    points = (click or {}).get("points") or []
    name = points[0].get("customdata") if points else None
    if isinstance(name, list):
        name = name[0] if name else None
    return name or None


def _tie_list(ties: pd.DataFrame) -> html.Div:
    """An organisation's ties: partner, then direction, frequency, relevance and nature."""
    items = [
        html.Li(
            [
                html.Strong(row.partner),
                html.Br(),
                " · ".join(
                    part
                    for part in (row.direction, row.frequency_label, row.relevance_label)
                    if part
                ),
                html.Br(),
                html.Small(
                    f"{row.nature or 'Nature not given'}; "
                    + ("both report it" if row.confirmed else "one side reports it")
                ),
            ]
        )
        for row in ties.itertuples(index=False)
    ]
    return html.Div(
        [html.H3(f"Ties ({len(ties)})"), html.Ul(items, id="profile-list-ties")],
        className="ties",
    )


MEASURE_HEADERS = ("Measure", "Value", "Rank")
"""The column headings of the profile's measures (one row per measure)."""

ROLE_HEADERS = ("Role", "Count", "Expected by chance", "z-score")
"""The column headings of the profile's brokerage roles (one row per role, then all roles)."""


def profile_view(data: DashboardData, selection: Selection, organisation: str | None):
    """An organisation's ties in and out, its measures and ranks, and its brokerage roles."""
    measured = data.measured(selection.wave, selection.options)
    if not organisation or organisation not in measured.graph:
        return html.P(NO_PROFILE)
    profile = organisation_profile(
        measured.graph,
        measured.organisations,
        organisation,
        expectations=data.expectations(selection.wave, selection.options),
    )
    measures = profile.measures.reset_index()
    measures["label"] = measures["measure"].map(measure_label)  # the glossary's one label
    responded = "answered the survey" if profile.responded else "did not answer the survey"
    hubs = ", ".join(profile.hubs) if profile.hubs else "no hub given"
    dot = html.Span(
        "●",
        style={"color": type_colour(profile.type)},
        **cast(dict[str, Any], {"aria-hidden": "true"}),
    )
    return html.Div(
        [
            html.H2(profile.name),
            html.P([dot, f" {profile.type_label}; {hubs}; {responded}."]),
            _tie_list(profile.ties) if len(profile.ties) else html.P("No ties in this network."),
            html_table(
                measures[["label", "value", "rank"]].set_axis(MEASURE_HEADERS, axis=1),
                "profile-table-measures",
                "Measures and ranks",
            ),
            html_table(
                profile.roles[["label", "count", "expected", "z"]].set_axis(ROLE_HEADERS, axis=1),
                "profile-table-roles",
                "Brokerage roles",
            ),
        ]
    )


def register(app: Dash, data: DashboardData) -> None:
    """The network and the profile follow the selection, the size measure and a click."""

    @app.callback(Output(ids.SIZE_SELECT, "options"), Output(ids.SIZE_NOTE, "children"), *SELECTION)
    def _sizes(*controls):
        return size_choices(data, selection_from_controls(*controls))

    @app.callback(Output(ids.PROFILE_SELECT, "options"), *SELECTION)
    def _choices(*controls):
        return profile_choices(data, selection_from_controls(*controls))

    @app.callback(
        Output(ids.NETWORK_GRAPH, "figure"),
        Output(ids.NETWORK_DRAWN, "data"),
        *SELECTION,
        Input(ids.SIZE_SELECT, "value"),
        Input(ids.PROFILE_SELECT, "value"),
        State(ids.NETWORK_DRAWN, "data"),
    )
    def _network(*values):
        *controls, size_by, selected, drawn = values
        selection = selection_from_controls(*controls)
        return network_update(data, selection, size_by, selected, drawn)

    @app.callback(
        Output(ids.PROFILE_SELECT, "value"),
        Input(ids.NETWORK_GRAPH, "clickData"),
        prevent_initial_call=True,
    )
    def _clicked(click):
        return clicked_organisation(click) or dash.no_update

    @app.callback(
        Output(ids.PROFILE_PANEL, "children"),
        *SELECTION,
        Input(ids.PROFILE_SELECT, "value"),
    )
    def _profile(*values):
        *controls, organisation = values
        selection = selection_from_controls(*controls)
        return profile_view(data, selection, organisation)
