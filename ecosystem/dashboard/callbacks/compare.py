"""Callbacks of the Compare view: two waves on the same positions, and what changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import dash
import plotly.graph_objects as go
from dash import Dash, Input, Output, State, html

from ecosystem.codebook import ALL_HUBS
from ecosystem.dashboard import ids
from ecosystem.dashboard.callbacks.shared import (
    SELECTION,
    SELECTION_STATE,
    fitted,
    html_table,
    selection_from_controls,
    sent_file,
)
from ecosystem.dashboard.data import DEFAULT_PAIRS, DashboardData
from ecosystem.errors import OptionError
from ecosystem.exhibits import exhibit_bytes
from ecosystem.figures import (
    catalysis_figure,
    difference_figure,
    network_change_figure,
    network_figure,
    organisation_change_figure,
)
from ecosystem.network import NetworkOptions
from ecosystem.service import Selection, compare_hubs, hub_comparison_text
from ecosystem.service.words import describe_changes

if TYPE_CHECKING:
    from ecosystem.analysis.change import WaveComparison

FIGURES = 6
"""The Compare view's figures: both networks, the difference map and three of change."""


def _both_networks(
    data: DashboardData, comparison: WaveComparison, positions: dict, scope: str
) -> list[go.Figure]:
    """The networks of both waves on shared positions (the difference map carries the legend)."""
    # The comparison holds both networks and their measures: nothing is built twice.
    sides = (
        (comparison.before, comparison.tables_before, comparison.wave_from),
        (comparison.after, comparison.tables_after, comparison.wave_to),
    )
    return [
        fitted(
            network_figure(
                graph,
                positions,
                size_by=table["betweenness"],
                measures=table,
                title=f"{scope}, {wave}",
                illustrative=data.illustrative,
                label_limit=15,
            ).update_layout(showlegend=False)
        )
        for graph, table, wave in sides
    ]


def response_line(data: DashboardData, waves: tuple[str, ...], options: NetworkOptions) -> html.P:
    """How many organisations answered in each wave: a rise in response is not a rise in
    partnership, so the rates stand beside every comparison."""
    parts = []
    for wave in waves:
        graph = data.network(wave, options).graph
        parts.append(
            f"{wave}: {graph['response_rate']:.0%} ({graph['respondents']} of "
            f"{graph['roster_size']} organisations answered)"
        )
    return html.P(
        [html.Strong("Response rate. "), "; ".join(parts), "."],
        id=ids.COMPARE_RESPONSE,
        className="response",
    )


def pairs_note(comparison: WaveComparison) -> html.Div | None:
    """Which pairs the comparison compared and what it left out, in words (``None`` when it
    compared every pair)."""
    note = comparison.pairs_note
    if note is None:
        return None
    return html.Div(
        [html.P(note.rule), *[html.P(sentence) for sentence in note.sentences]],
        className="pairs-note",
        role="note",
    )


def findings(data: DashboardData, comparison: WaveComparison) -> html.Div:
    """The response rates, the pairs compared and what changed, in plain words."""
    waves = (comparison.wave_from, comparison.wave_to)
    note = comparison.pairs_note
    said = set() if note is None else {note.rule, *note.sentences}
    sentences = [s for s in describe_changes(comparison) if s not in said]
    return html.Div(
        [
            response_line(data, waves, comparison.options),
            pairs_note(comparison),
            html.Ul([html.Li(sentence) for sentence in sentences]),
        ]
    )


def compare_views(
    data: DashboardData,
    wave_from: str,
    wave_to: str,
    options: NetworkOptions,
    measure: str,
    pairs: str = DEFAULT_PAIRS,
) -> tuple:
    """Findings in plain words, both networks on shared positions, and what changed, over
    the pairs ``pairs`` chooses; where no like-with-like comparison exists, why, instead of
    numbers."""
    if wave_from == wave_to:
        return html.P("Choose two different waves to compare."), *[go.Figure()] * FIGURES
    try:
        comparison = data.comparison(wave_from, wave_to, options, pairs or DEFAULT_PAIRS)
    except OptionError as error:  # no like-with-like comparison: say so, show no numbers
        why = html.Div(html.P(str(error)), className="pairs-note", role="note")
        return (
            html.Div([response_line(data, (wave_from, wave_to), options), why]),
            *[go.Figure()] * FIGURES,
        )
    positions = data.positions(options.hub)
    scope = options.hub or ALL_HUBS
    waves = (wave_from, wave_to)
    illustrative = data.illustrative
    return (
        findings(data, comparison),
        *_both_networks(data, comparison, positions, scope),
        difference_figure(
            comparison.before,
            comparison.after,
            positions,
            title=f"{scope}: ties gained and lost from {wave_from} to {wave_to}",
            illustrative=illustrative,
        ),
        network_change_figure(comparison.network, illustrative=illustrative, waves=waves),
        catalysis_figure(comparison.catalysis, illustrative=illustrative, waves=waves),
        organisation_change_figure(
            comparison.organisation_change, measure, illustrative=illustrative, waves=waves
        ),
    )


def hubs_view(
    data: DashboardData,
    wave_from: str,
    wave_to: str,
    options: NetworkOptions,
    pairs: str = DEFAULT_PAIRS,
) -> html.Div | html.P:
    """Every hub side by side for two waves: a table people read, and a reading per hub."""
    if wave_from == wave_to:
        return html.P("Choose two different waves to compare every hub.")
    table = compare_hubs(data.survey, wave_from, wave_to, options, pairs=pairs)
    which = "Every hub" if data.scope is None else data.scope
    caption = (
        f"{which} from {wave_from} to {wave_to} (each pair of values: {wave_from} → {wave_to})"
    )
    return html.Div(
        [
            html_table(hub_comparison_text(table), ids.COMPARE_HUBS_TABLE,
                       caption),
            html.Ul([html.Li(reading) for reading in table["reading"]]),
        ]
    )  # fmt: skip


def hubs_download(
    data: DashboardData,
    wave_from: str,
    wave_to: str,
    options: NetworkOptions,
    pairs: str = DEFAULT_PAIRS,
) -> dict | None:
    """The table of every hub as CSV (what ``ecosystem export --view hubs`` writes), or None
    when the two waves are the same."""
    if wave_from == wave_to:
        return None
    source = "demo survey (illustrative data)" if data.illustrative else "survey files"
    selection = Selection(wave_to, options, wave_from=wave_from, source=source, pairs=pairs)
    content = exhibit_bytes(data.survey, "hubs", selection, "csv")
    name = f"hubs-{wave_from}-to-{wave_to}.csv".lower().replace(" ", "-")
    return sent_file(data, content, name)


def register(app: Dash, data: DashboardData) -> None:
    """The view is computed when it is opened, for its own two waves and the tie filters."""

    @app.callback(
        Output(ids.COMPARE_FINDINGS, "children"),
        Output(ids.COMPARE_BEFORE_GRAPH, "figure"),
        Output(ids.COMPARE_AFTER_GRAPH, "figure"),
        Output(ids.COMPARE_DIFFERENCE_GRAPH, "figure"),
        Output(ids.COMPARE_NETWORK_GRAPH, "figure"),
        Output(ids.COMPARE_CATALYSIS_GRAPH, "figure"),
        Output(ids.COMPARE_ORGANISATIONS_GRAPH, "figure"),
        Input(ids.TABS, "data"),
        Input(ids.COMPARE_FROM, "value"),
        Input(ids.COMPARE_TO, "value"),
        *SELECTION[1:],  # every control but the wave: the view has its own two
        Input(ids.COMPARE_MEASURE, "value"),
        Input(ids.COMPARE_PAIRS, "value"),
    )
    def _compare(tab, wave_from, wave_to, *values):
        if tab != ids.TAB_COMPARE:  # computed when the view is opened, not before
            return (dash.no_update,) * (1 + FIGURES)
        *controls, measure, pairs = values
        options = selection_from_controls(wave_to, *controls).options
        return compare_views(data, wave_from, wave_to, options, measure, pairs)

    _register_hubs(app, data)


def _register_hubs(app: Dash, data: DashboardData) -> None:
    """Every hub side by side follows the two waves and the tie filters, never the hub."""
    filters = SELECTION[2:]  # nature, minimum frequency, minimum relevance: not wave nor hub

    @app.callback(
        Output(ids.COMPARE_HUBS, "children"),
        Input(ids.TABS, "data"),
        Input(ids.COMPARE_FROM, "value"),
        Input(ids.COMPARE_TO, "value"),
        Input(ids.COMPARE_PAIRS, "value"),
        *filters,
    )
    def _hubs(tab, wave_from, wave_to, pairs, *filters):
        if tab != ids.TAB_COMPARE:
            return dash.no_update
        options = selection_from_controls(wave_to, None, *filters).options
        return hubs_view(data, wave_from, wave_to, options, pairs or DEFAULT_PAIRS)

    @app.callback(
        Output(ids.COMPARE_HUBS_DOWNLOAD, "data"),
        Input(ids.COMPARE_HUBS_DOWNLOAD_BUTTON, "n_clicks"),
        State(ids.COMPARE_FROM, "value"),
        State(ids.COMPARE_TO, "value"),
        State(ids.COMPARE_PAIRS, "value"),
        *SELECTION_STATE[2:],
        prevent_initial_call=True,
    )
    def _download(_, wave_from, wave_to, pairs, *filters):
        options = selection_from_controls(wave_to, None, *filters).options
        chosen = pairs or DEFAULT_PAIRS
        return hubs_download(data, wave_from, wave_to, options, chosen) or dash.no_update
