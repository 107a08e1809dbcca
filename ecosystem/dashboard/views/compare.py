"""The Compare view's layout: two waves side by side, what changed, and who moved most."""

from __future__ import annotations

from dash import dcc, html

from ecosystem.dashboard import ids
from ecosystem.dashboard.data import DEFAULT_PAIRS, DashboardData
from ecosystem.dashboard.views.controls import (
    download_toolbar,
    filled_graph,
    graph,
    labelled,
    measure_choices,
)
from ecosystem.service import PAIR_CHOICES

COMPARE_MEASURES = ("betweenness", "pagerank", "in_degree", "out_degree", "brokerage",
                    "effective_size", "constraint")  # fmt: skip
"""Measures whose biggest movers between two waves the view can show."""

"""Every graph of the view: no Plotly logo; its camera button saves at three times the size."""


def wave_choices(data: DashboardData) -> html.Div:
    """The earlier and the later wave: the first and the last by default."""
    waves = data.waves
    return html.Div(
        [
            labelled(
                "Earlier wave",
                dcc.Dropdown(id=ids.COMPARE_FROM, options=waves, value=waves[0],
                             clearable=False),
                ids.COMPARE_FROM,
            ),
            labelled(
                "Later wave",
                dcc.Dropdown(id=ids.COMPARE_TO, options=waves, value=waves[-1],
                             clearable=False),
                ids.COMPARE_TO,
            ),
        ],
        className="controls",
    )  # fmt: skip


def pair_choice() -> html.Div:
    """Which pairs are compared, clearly labelled: like with like at first, every pair as
    reported one click away (:data:`ecosystem.service.PAIR_CHOICES`)."""
    return html.Div(
        [
            html.Label("Pairs compared", htmlFor=ids.COMPARE_PAIRS),
            dcc.RadioItems(
                id=ids.COMPARE_PAIRS,
                options=[{"label": f" {words}", "value": rule}
                         for rule, words in PAIR_CHOICES.items()],
                value=DEFAULT_PAIRS,
                className="pair-choice",
            ),
        ],
        className="control pairs-control",
    )  # fmt: skip


def compare_view(data: DashboardData) -> html.Div:
    """Two waves side by side, what changed, and whether it is more than noise."""
    return html.Div(
        [
            wave_choices(data),
            pair_choice(),
            dcc.Loading(html.Div(id=ids.COMPARE_FINDINGS, className="findings")),
            html.Div(
                [
                    filled_graph(ids.COMPARE_BEFORE_GRAPH, "half-graph"),
                    filled_graph(ids.COMPARE_AFTER_GRAPH, "half-graph"),
                ],
                className="side-by-side",
            ),
            html.H2("What changed"),
            graph(ids.COMPARE_DIFFERENCE_GRAPH, "wide-graph"),
            graph(ids.COMPARE_NETWORK_GRAPH, "panel-graph"),
            html.H2("Catalysing partnerships"),
            graph(ids.COMPARE_CATALYSIS_GRAPH, "panel-graph"),
            html.H2("Organisations that moved most"),
            labelled(
                "Measure",
                dcc.Dropdown(id=ids.COMPARE_MEASURE, options=measure_choices(COMPARE_MEASURES),
                             value="betweenness", clearable=False),
                ids.COMPARE_MEASURE,
            ),
            graph(ids.COMPARE_ORGANISATIONS_GRAPH),
            *every_hub(),
        ]
    )  # fmt: skip


def every_hub() -> list:
    """The evaluator's cross-site table: every hub's change between the two waves."""
    return [
        html.H2("Every hub side by side"),
        html.P(
            "Each hub's own ecosystem from the earlier to the later wave, with the tie filters "
            "above (the hub chosen above does not apply). The interval is the 95% bootstrap "
            "interval of the density change: where it includes 0 the change could be noise. "
            "QAP r says how alike the two waves' ties are; catalysed pairs are a hub's "
            "partners not tied to each other in the earlier wave that were in the later.",
            className="hint",
        ),
        download_toolbar(ids.COMPARE_HUBS_DOWNLOAD_BUTTON, ids.COMPARE_HUBS_DOWNLOAD),
        dcc.Loading(html.Div(id=ids.COMPARE_HUBS, className="findings")),
    ]
