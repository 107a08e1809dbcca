"""``create_app``: the Dash app over one validated survey.

The layout is built from small factory functions; callbacks unpack their inputs, call the
core and return. Results are cached per (wave, hub) inside the app, never in a global.
"""

from __future__ import annotations

from functools import lru_cache

import dash
import pandas as pd
from dash import Input, Output, dcc, html

from ecosystem.analysis.tables import ALL_HUBS, full_measures
from ecosystem.codebook import ORGANISATION_TYPES
from ecosystem.dashboard import ids
from ecosystem.load import PROJECT_ROOT
from ecosystem.network import NetworkOptions, build_network
from ecosystem.survey import Survey

SUMMARY_LABELS = {
    "organisations": "Organisations",
    "ties": "Ties (arcs)",
    "density": "Density",
    "reciprocity": "Reciprocity",
    "degree_centralisation": "Degree centralisation",
    "betweenness_centralisation": "Betweenness centralisation",
    "ei_index": "E-I index (types)",
    "response_rate": "Response rate",
}
TABLE_COLUMNS = {
    "organisation": "Organisation",
    "type": "Type",
    "in_degree": "In-degree",
    "out_degree": "Out-degree",
    "betweenness": "Betweenness",
    "pagerank": "PageRank",
    "constraint": "Constraint",
    "brokerage": "Brokerage (all roles)",
}


def _column_formatter(column: pd.Series):
    """Counts as whole numbers, other measures to three places, missing values as a dash."""
    numbers = pd.to_numeric(column, errors="coerce").dropna()
    whole = column.dtype != object and bool((numbers == numbers.round()).all())

    def show(value: object) -> str:
        if isinstance(value, float | int) and not isinstance(value, bool):
            if pd.isna(value):
                return "–"
            return f"{value:.0f}" if whole else f"{value:.3f}"
        return str(value)

    return show


def html_table(frame: pd.DataFrame, table_id: str) -> html.Table:
    """A plain, accessible HTML table of a frame (header row, one row per record)."""
    formatters = [_column_formatter(frame[column]) for column in frame.columns]
    header = html.Thead(html.Tr([html.Th(column, scope="col") for column in frame.columns]))
    body = html.Tbody(
        [
            html.Tr([html.Td(show(v)) for show, v in zip(formatters, row, strict=True)])
            for row in frame.itertuples(index=False)
        ]
    )
    return html.Table([header, body], id=table_id, className="data-table")


def controls(survey: Survey) -> html.Div:
    waves = survey.waves
    hubs = [{"label": ALL_HUBS, "value": ""}] + [{"label": h, "value": h} for h in survey.hubs]
    return html.Div(
        [
            html.Label(
                [
                    "Survey wave",
                    dcc.Dropdown(
                        id=ids.WAVE_SELECT,
                        options=waves,
                        value=waves[-1] if waves else None,
                        clearable=False,
                    ),
                ]
            ),
            html.Label(
                [
                    "Hub ecosystem",
                    dcc.Dropdown(id=ids.HUB_SELECT, options=hubs, value="", clearable=False),
                ]
            ),
        ],
        className="controls",
    )


def create_app(survey: Survey, illustrative: bool = False) -> dash.Dash:
    """Build the dashboard for one validated survey.

    ``illustrative`` marks every screen as showing illustrative (synthetic) data, as the
    bundled demo survey is.
    """
    app = dash.Dash(
        __name__,
        title="ecosystem: partner-mapping networks",
        assets_folder=str(PROJECT_ROOT / "assets"),
        serve_locally=True,
    )

    @lru_cache(maxsize=64)
    def measured(wave: str, hub: str):
        graph = build_network(survey, wave, NetworkOptions(hub=hub or None))
        return (graph, *full_measures(graph))

    banner = (
        html.Div(
            "Illustrative data: the responses are synthetic, built on the organisations "
            "named in the programme's evaluation report.",
            id=ids.ILLUSTRATIVE_BANNER,
            className="banner",
            role="note",
        )
        if illustrative
        else None
    )
    app.layout = html.Main(
        [
            html.H1("Partner-mapping network"),
            banner,
            controls(survey),
            html.P(id=ids.STATUS_TEXT, className="status"),
            html.H2("The network at a glance"),
            dcc.Loading(html.Div(id=ids.SUMMARY_TABLE)),
            html.H2("Organisations, most central first"),
            dcc.Loading(html.Div(id=ids.ORGANISATIONS_TABLE)),
        ]
    )

    @app.callback(
        Output(ids.SUMMARY_TABLE, "children"),
        Output(ids.ORGANISATIONS_TABLE, "children"),
        Output(ids.STATUS_TEXT, "children"),
        Input(ids.WAVE_SELECT, "value"),
        Input(ids.HUB_SELECT, "value"),
    )
    def show_selection(wave: str, hub: str):
        graph, organisations, overall = measured(wave, hub)
        summary = overall[list(SUMMARY_LABELS)].rename(SUMMARY_LABELS).to_frame().T
        table = organisations.reset_index()
        table["type"] = table["type"].map(lambda t: ORGANISATION_TYPES.get(t, t))
        table = table.sort_values("betweenness", ascending=False)[list(TABLE_COLUMNS)]
        status = (
            f"{wave}, {graph.graph['hub'] or ALL_HUBS}: {graph.number_of_nodes()} organisations, "
            f"{graph.number_of_edges()} arcs; weights are interaction frequency."
        )
        return (
            html_table(summary, "summary"),
            html_table(table.rename(columns=TABLE_COLUMNS), "organisations"),
            status,
        )

    return app
