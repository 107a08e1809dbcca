"""The dashboard's layout, built from small factory functions: one module per view.

Each view's layout lives beside the others here (``network``, ``gaps``, ``organisations``,
``brokerage``, ``overview``, ``functions``, ``compare``, ``sustainability``, ``upload``,
``guide``) and the
controls they share in ``controls``; :func:`page` puts them together. Their callbacks live in
the modules of the same names in :mod:`ecosystem.dashboard.callbacks`.
"""

from __future__ import annotations

from typing import Any, cast

from dash import dcc, html

from ecosystem.access import Account
from ecosystem.dashboard import ids
from ecosystem.dashboard.data import DashboardData
from ecosystem.dashboard.views.account import account_bar
from ecosystem.dashboard.views.brokerage import brokerage_view
from ecosystem.dashboard.views.compare import COMPARE_MEASURES, compare_view
from ecosystem.dashboard.views.controls import (
    download_toolbar,
    export_controls,
    hub_options,
    labelled,
    measure_choices,
    selection_controls,
    tab_bar,
    threshold_options,
)
from ecosystem.dashboard.views.functions import functions_view
from ecosystem.dashboard.views.gaps import FINDING_SELECTION, gap_columns, gaps_view
from ecosystem.dashboard.views.guide import glossary_list, guide_view
from ecosystem.dashboard.views.network import SIZE_MEASURES, network_view
from ecosystem.dashboard.views.organisations import organisations_view
from ecosystem.dashboard.views.overview import overview_view
from ecosystem.dashboard.views.sustainability import sustainability_view
from ecosystem.dashboard.views.upload import data_view, workspace_text
from ecosystem.dashboard.views.welcome import opening_tab, view_states, welcome, with_note

__all__ = [
    "COMPARE_MEASURES",
    "FINDING_SELECTION",
    "ILLUSTRATIVE_TEXT",
    "SIZE_MEASURES",
    "brokerage_view",
    "compare_view",
    "data_view",
    "download_toolbar",
    "export_controls",
    "functions_view",
    "gap_columns",
    "gaps_view",
    "glossary_list",
    "guide_view",
    "hub_options",
    "labelled",
    "measure_choices",
    "network_view",
    "organisations_view",
    "overview_view",
    "page",
    "selection_controls",
    "sustainability_view",
    "tab_bar",
    "threshold_options",
    "view_states",
    "workspace_text",
]

ILLUSTRATIVE_TEXT = (
    "Illustrative data: the responses are synthetic, built on the organisations named in "
    "the programme's evaluation report. They are not findings about these organisations."
)


def page(data: DashboardData, account: Account | None = None, csrf_token: str = "") -> html.Main:
    """The whole page: title, who is signed in, the illustrative-data banner, controls, and
    the views as tabs.

    An empty workspace opens on a welcome and the Data view; views that the workspace cannot
    fill yet say why (see :mod:`ecosystem.dashboard.views.welcome`). ``account`` is whoever
    is signed in (``None``: a workspace without accounts); ``data`` is what they may see.
    """
    banner = (
        html.Div(ILLUSTRATIVE_TEXT, id=ids.ILLUSTRATIVE_BANNER, className="banner", role="note")
        if data.illustrative
        else None
    )
    opening = opening_tab(data)
    views = {
        ids.TAB_NETWORK: network_view(data.first_size_measure),
        ids.TAB_GAPS: gaps_view(),
        ids.TAB_ORGANISATIONS: organisations_view(),
        ids.TAB_BROKERAGE: brokerage_view(),
        ids.TAB_OVERVIEW: overview_view(),
        ids.TAB_FUNCTIONS: functions_view(),
        ids.TAB_COMPARE: compare_view(data),
        ids.TAB_SUSTAINABILITY: sustainability_view(),
        ids.TAB_DATA: data_view(data, account),
        ids.TAB_GUIDE: guide_view(),
    }
    return html.Main(
        [
            html.Header(
                [html.H1("Partner-mapping network"), account_bar(account, csrf_token)],
                className="page-header",
            ),
            banner,
            welcome(data, account is None or account.may_change),
            selection_controls(data),
            html.P(
                id=ids.STATUS_TEXT,
                className="status",
                **cast(dict[str, Any], {"aria-live": "polite"}),
            ),
            dcc.Store(id=ids.TABS, data=opening),
            dcc.Store(id=ids.DATA_VERSION, data=0),
            tab_bar(opening),
            export_controls(),
            *[
                html.Section(
                    with_note(data, tab, view),
                    id=ids.panel(tab),
                    role="tabpanel",
                    hidden=tab != opening,
                    **cast(dict[str, Any], {"aria-labelledby": tab}),
                )
                for tab, view in views.items()
            ],
        ]
    )
