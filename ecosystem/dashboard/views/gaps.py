"""The Gaps view's layout: a summary first (counts per kind, the strongest actions), then
the findings around a hub beside the network they concern."""

from __future__ import annotations

from typing import Any, cast

import dash_ag_grid as dag
import pandas as pd
from dash import dcc, html

from ecosystem.dashboard import ids
from ecosystem.dashboard.views.controls import download_toolbar, filled_graph
from ecosystem.service.words import GAP_TITLES
from ecosystem.words import plural


def gap_columns(every_hub: bool) -> list[dict]:
    """The findings grid's columns; the hub column only when findings of every hub are shown."""
    wrapped = {"wrapText": True, "autoHeight": True}
    columns = [
        {"field": "hub", "headerName": "Hub", "minWidth": 110, **wrapped},
        {"field": "title", "headerName": "Kind", "minWidth": 95, **wrapped},
        {"field": "organisation", "headerName": "Organisation", "minWidth": 135, **wrapped},
        {"field": "other", "headerName": "With", "minWidth": 110, **wrapped},
        {
            "field": "score",
            "headerName": "Score",
            "minWidth": 76,
            "maxWidth": 76,
            "valueFormatter": {"function": "d3.format('.2f')(params.value)"},
            "filter": False,  # sortable; no filter button, so the heading fits
        },
        # Minimum widths sum to ~580 px: the grid fits its half of the row at 1280x800.
        {"field": "reason", "headerName": "Why it matters", "flex": 3, "minWidth": 160,
         **wrapped},
    ]  # fmt: skip
    return columns if every_hub else columns[1:]


FINDING_SELECTION = {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True}
"""One finding at a time, selected by clicking its row."""


def gap_summary(counts: pd.DataFrame, actions: pd.DataFrame) -> list:
    """The summary's content: how many findings of each kind, in words ("One-sided ties: 14"),
    and the strongest actions across kinds, one sentence each, under their kind.

    ``counts`` and ``actions`` are :func:`ecosystem.analysis.gaps.kind_counts` and
    :func:`ecosystem.analysis.gaps.strongest_actions` of the findings shown.
    """
    if counts.empty:
        return [html.P("No gaps found for this selection.", className="gaps-none")]
    kinds = html.Ul(
        [
            html.Li([f"{row.title}: ", html.Strong(str(row.count))], **{"data-kind": row.kind})
            for row in counts.itertuples(index=False)
        ],
        className="gaps-counts",
    )
    strongest = html.Ol(
        [
            html.Li(
                [html.Span(GAP_TITLES.get(row.kind, row.kind), className="gaps-kind"), row.action],
                **{"data-kind": row.kind},
            )
            for row in actions.itertuples(index=False)
        ],
        className="gaps-actions",
    )
    total = int(counts["count"].sum())
    return [
        html.Div([html.H3(plural(total, "finding")), kinds]),
        html.Div([html.H3("Strongest actions"), strongest]),
    ]


def gaps_view() -> html.Div:
    """Missing connections: whom to see more, whom to introduce, what is missing or fragile."""
    return html.Div(
        [
            html.Section(id=ids.GAPS_SUMMARY, className="gaps-summary",
                         **cast(dict[str, Any], {"aria-label": "Summary of the gaps"})),
            html.P(
                "Every finding below: the strongest of each kind first, then the next of each "
                "kind, and so on. Select a finding to see it on the network.",
                className="hint",
            ),
            download_toolbar(ids.GAPS_DOWNLOAD_BUTTON, ids.GAPS_DOWNLOAD),
            html.Div(
                [
                    dcc.Loading(
                        dag.AgGrid(
                            id=ids.GAPS_GRID,
                            columnDefs=gap_columns(every_hub=True),
                            defaultColDef={"sortable": True, "filter": True, "resizable": True,
                                           "flex": 1, "minWidth": 90},
                            getRowId="params.data.id",
                            dashGridOptions={"rowSelection": FINDING_SELECTION,
                                             "animateRows": False, "pagination": True,
                                             "paginationPageSize": 20,
                                             "paginationPageSizeSelector": [20, 50, 100]},
                            style={"height": "560px"},
                        ),
                        parent_className="gaps-list",
                    ),
                    html.Div(
                        [
                            html.Div(id=ids.GAPS_SELECTED, className="selected-finding",
                                     **cast(dict[str, Any], {"aria-live": "polite"})),
                            html.P(["Dashed green lines: ", html.Em("proposed introductions"),
                                    " (the strongest, and the one selected)."],
                                   className="hint gaps-key"),
                            filled_graph(ids.GAPS_GRAPH, "gaps-graph"),
                        ],
                        className="gaps-side",
                    ),
                ],
                className="gaps-row",
            ),
        ]
    )  # fmt: skip
