"""The Data view's layout: bring survey files in, check them, import them as a wave."""

from __future__ import annotations

from typing import Any, cast

from dash import dcc, html

from ecosystem.access import Account
from ecosystem.dashboard import ids
from ecosystem.dashboard.data import DashboardData
from ecosystem.dashboard.uploads import held_uploads, limit_text
from ecosystem.dashboard.views.account import read_only_text
from ecosystem.dashboard.views.controls import labelled


def data_view(data: DashboardData, account: Account | None = None) -> html.Div:
    """Bring survey files in: check them, confirm name matches, import them as a wave; then
    who answered, and (for those who may change the workspace) its recent activity.

    Someone who may not change the workspace reads a sentence saying so instead of the drop
    zone (whose callbacks the server refuses them anyway).
    """
    changes = account is None or account.may_change
    return html.Div(
        [
            html.P(
                read_only_text(account), id=ids.DATA_READ_ONLY, className="hint", hidden=changes
            ),
            html.Div(importing(data), id=ids.DATA_IMPORTING, hidden=not changes),
            html.H2("Who answered"),
            html.Div(id=ids.DATA_RATES),
            html.Section(
                [html.H2("Recent activity"), html.Div(id=ids.DATA_ACTIVITY)], hidden=not changes
            ),
        ]
    )


def importing(data: DashboardData) -> list:
    """The drop zone, the wave field, the check's report and the import buttons."""
    return [
        html.P(id=ids.DATA_WORKSPACE, className="hint", children=workspace_text(data)),
        drop_zone(held_uploads(data).limit_bytes),
        labelled(
            "Wave of files without a wave column",
            # Not debounced: the wave counts as typed, before the field loses focus, so
            # files dropped straight after typing are checked and imported into it.
            dcc.Input(id=ids.DATA_WAVE, type="text", placeholder="e.g. Summative 2025",
                      debounce=False),
            ids.DATA_WAVE,
        ),
        dcc.Store(id=ids.DATA_FILES),
        dcc.Loading(html.Div(id=ids.DATA_REPORT, className="report")),
        dcc.Checklist(id=ids.DATA_MATCHES, options=[], value=[], className="matches"),
        html.Div(
            [
                html.Button("Save the ticked matches as aliases", id=ids.DATA_SAVE_MATCHES,
                            className="button", disabled=True),
                html.Button("Import into the workspace", id=ids.DATA_IMPORT,
                            className="button", disabled=True),
            ],
            className="toolbar",
        ),
        html.P(id=ids.DATA_MESSAGE, role="status"),
    ]  # fmt: skip


def drop_zone(limit_bytes: int) -> html.Div:
    """Where files are dropped, with the upload limit stated beside it.

    The limit is also on the zone as ``data-upload-limit``: the browser refuses a bigger drop
    before reading it and says why in :data:`~ecosystem.dashboard.ids.DATA_UPLOAD_NOTE`
    (``assets/uploads.js``); ``max_size`` stops a single bigger file even without that script.
    """
    return html.Div(
        [
            dcc.Upload(
                id=ids.DATA_UPLOAD,
                children=html.Div(
                    ["Drag and drop survey files here, or ", html.A("choose files")]
                ),
                multiple=True,
                max_size=limit_bytes,
                className="upload",
            ),
            html.P(f"Files up to {limit_text(limit_bytes)} in all, CSV or XLSX.",
                   id=ids.DATA_UPLOAD_LIMIT, className="hint upload-limit"),
            html.P(id=ids.DATA_UPLOAD_NOTE, role="alert", className="upload-note"),
        ],
        **cast(dict[str, Any], {"data-upload-limit": str(limit_bytes),
                                "data-upload-note": ids.DATA_UPLOAD_NOTE}),
    )  # fmt: skip


def workspace_text(data: DashboardData) -> str:
    """Where imports go, and whether they outlast the dashboard."""
    if data.temporary:
        return (
            "This dashboard's workspace is temporary: imports last until it stops. Start it "
            "with 'ecosystem serve --workspace DIR' to keep them."
        )
    return f"Workspace: {data.workspace}. Imports are kept there."
