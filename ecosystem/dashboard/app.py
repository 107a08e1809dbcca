"""``create_app``: the Dash app over one validated survey.

The layout comes from :mod:`ecosystem.dashboard.views`, the callbacks from
:mod:`ecosystem.dashboard.callbacks`; results are cached in the app's own
:class:`~ecosystem.dashboard.data.DashboardData`, never in a global. Every script and
stylesheet is served by the app itself, so the dashboard works with no internet connection.
"""

from __future__ import annotations

import dash

from ecosystem.dashboard.callbacks import register
from ecosystem.dashboard.data import DashboardData
from ecosystem.dashboard.views import page
from ecosystem.load import PROJECT_ROOT
from ecosystem.survey import Survey

ASSETS = PROJECT_ROOT / "assets"


def create_app(survey: Survey, illustrative: bool = False) -> dash.Dash:
    """Build the dashboard for one validated survey.

    ``illustrative`` marks every screen as showing illustrative (synthetic) data, as the
    bundled demo survey is.
    """
    data = DashboardData(survey, illustrative=illustrative)
    app = dash.Dash(
        __name__,
        title="ecosystem: partner-mapping networks",
        assets_folder=str(ASSETS),
        serve_locally=True,
    )
    # British English, for screen readers and hyphenation.
    app.index_string = app.index_string.replace("<html>", '<html lang="en-GB">', 1)
    app.layout = page(data)
    register(app, data)
    app.data = data  # type: ignore[attr-defined]  # for tests and scripts that inspect caches
    return app
