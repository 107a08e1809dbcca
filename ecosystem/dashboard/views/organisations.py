"""The Organisations view's layout: every measure of every organisation, in one grid."""

from __future__ import annotations

import dash_ag_grid as dag
from dash import dcc, html

from ecosystem.dashboard import ids
from ecosystem.dashboard.views.controls import download_toolbar


def organisations_view() -> html.Div:
    """Every measure of every organisation: sortable, filterable, downloadable."""
    return html.Div(
        [
            download_toolbar(ids.ORGANISATIONS_DOWNLOAD_BUTTON, ids.ORGANISATIONS_DOWNLOAD),
            html.Div(id=ids.ORGANISATIONS_ROBUSTNESS),
            dcc.Loading(
                dag.AgGrid(
                    id=ids.ORGANISATIONS_GRID,
                    # Fixed minimum widths: sizing to content while the tab is hidden
                    # would squash every column to nothing.
                    defaultColDef={
                        "sortable": True,
                        "filter": True,
                        "resizable": True,
                        "minWidth": 120,
                        "wrapHeaderText": True,
                        "autoHeaderHeight": True,
                    },
                    dashGridOptions={
                        "animateRows": False,
                        "pagination": True,
                        "paginationPageSize": 25,
                        "paginationPageSizeSelector": [25, 50, 100],
                        # every column rendered, so each can be found, sorted and read
                        "suppressColumnVirtualisation": True,
                    },
                    style={"height": "640px"},
                )
            ),
        ],
        className="organisations",
    )
