"""Callbacks: unpack the controls, ask :class:`DashboardData` and the figure functions, return.

One module per view, each with its own ``register(app, data)``: ``network`` (the network and
an organisation's profile), ``gaps``, ``organisations``, ``brokerage``, ``overview``,
``functions`` (Core functions), ``compare``, ``sustainability``, ``upload`` (the Data
view), ``download`` (the export bar) and ``controls`` (the status line, the tabs and the lists
of waves and hubs); ``shared`` holds what they share, and ``robustness`` the words in which
views say how far each measure survives further non-response. Each view's output is made by
a plain function of ``(data, selection, ...)`` that the unit tests and ``make bench`` call
directly;
:func:`register` only wires them to components, on the app object (never the global
``dash.callback``, or a second test server loses them).
"""

from __future__ import annotations

from dash import Dash

from ecosystem.dashboard.callbacks import (
    brokerage,
    compare,
    controls,
    download,
    functions,
    gaps,
    network,
    organisations,
    overview,
    sustainability,
    upload,
)
from ecosystem.dashboard.callbacks.brokerage import brokerage_role_table, brokerage_views
from ecosystem.dashboard.callbacks.compare import compare_views
from ecosystem.dashboard.callbacks.controls import status_text
from ecosystem.dashboard.callbacks.download import EXPORTED_VIEW, view_export
from ecosystem.dashboard.callbacks.functions import functions_views
from ecosystem.dashboard.callbacks.gaps import gap_rows, gap_view
from ecosystem.dashboard.callbacks.network import (
    clicked_organisation,
    drawn_key,
    network_update,
    network_view,
    profile_choices,
    profile_view,
)
from ecosystem.dashboard.callbacks.organisations import (
    GRID_HEADERS,
    organisation_grid,
    organisations_export,
)
from ecosystem.dashboard.callbacks.overview import overview_views
from ecosystem.dashboard.callbacks.shared import (
    SELECTION,
    file_name,
    fitted,
    html_table,
    selection_from_controls,
)
from ecosystem.dashboard.callbacks.upload import (
    decoded_uploads,
    import_uploads,
    rates_table,
    save_matches,
    upload_report,
)
from ecosystem.dashboard.data import DashboardData

__all__ = [
    "EXPORTED_VIEW",
    "GRID_HEADERS",
    "SELECTION",
    "brokerage_role_table",
    "brokerage_views",
    "clicked_organisation",
    "compare_views",
    "decoded_uploads",
    "drawn_key",
    "file_name",
    "fitted",
    "functions_views",
    "gap_rows",
    "gap_view",
    "html_table",
    "import_uploads",
    "network_update",
    "network_view",
    "organisation_grid",
    "organisations_export",
    "overview_views",
    "profile_choices",
    "profile_view",
    "rates_table",
    "register",
    "save_matches",
    "selection_from_controls",
    "status_text",
    "upload_report",
    "view_export",
]

VIEW_MODULES = (
    controls,
    network,
    gaps,
    organisations,
    brokerage,
    overview,
    functions,
    compare,
    sustainability,
    upload,
    download,
)
"""The modules whose callbacks make up the dashboard, each with ``register(app, data)``."""


def register(app: Dash, data: DashboardData) -> None:
    """Connect every view's functions to its components on ``app`` (never the global dash)."""
    for view in VIEW_MODULES:
        view.register(app, data)
