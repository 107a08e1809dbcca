"""``create_app``: the Dash app over one validated survey.

The layout comes from :mod:`ecosystem.dashboard.views`, the callbacks from
:mod:`ecosystem.dashboard.callbacks`; results are cached in the app's own
:class:`~ecosystem.dashboard.data.DashboardData`, never in a global. Every script and
stylesheet is served by the app itself, from the package's own ``assets`` folder, so the
dashboard works with no internet connection and wherever the package is installed.
"""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

import dash
import flask
from flask_wtf.csrf import generate_csrf

from ecosystem.dashboard.callbacks import register
from ecosystem.dashboard.data import DashboardData
from ecosystem.dashboard.security import protect
from ecosystem.dashboard.signin import TeamOptions, enable_sign_in
from ecosystem.dashboard.team import SignedInData, signed_in
from ecosystem.dashboard.uploads import DEFAULT_LIMIT_MB, HeldUploads, limit_requests
from ecosystem.dashboard.views import page
from ecosystem.service.computing import enter_foreground, leave_foreground
from ecosystem.service.workspace import Workspace
from ecosystem.survey import Survey

ASSETS = Path(__file__).resolve().parent / "assets"
"""What Dash serves to the browser (the stylesheet): package data, installed with the package."""


def create_app(
    survey: Survey | None = None,
    illustrative: bool = False,
    workspace: Path | None = None,
    upload_limit_mb: float = DEFAULT_LIMIT_MB,
    team_options: TeamOptions | None = None,
) -> dash.Dash:
    """Build the dashboard for a workspace, or for one validated survey.

    With ``workspace``, the dashboard shows what the workspace holds and imports into it.
    With only a ``survey``, it copies the survey into a temporary workspace that lasts as
    long as the app, so the Data view works the same way. ``illustrative`` marks every
    screen as showing illustrative (synthetic) data, as the bundled demo survey is.
    ``upload_limit_mb`` is the largest total size of the files of one drop in the Data view;
    the server answers a larger request with HTTP 413 before reading its body.

    Once the workspace holds accounts, everyone signs in first and sees only what their role
    may (:mod:`ecosystem.dashboard.signin`, :mod:`ecosystem.dashboard.team`); each request is
    answered from the data of the signed-in person's scope. ``team_options`` say whether a
    workspace without accounts may be served at all, and whether HTTPS is in front.
    """
    uploads = HeldUploads(upload_limit_mb)  # refuses a limit of 0 MB or less before any work
    temporary = None
    if workspace is None:
        if survey is None:
            raise ValueError("create_app needs a survey or a workspace")
        temporary = tempfile.TemporaryDirectory(prefix="ecosystem-workspace-")
        workspace = Path(temporary.name)
        with Workspace(workspace) as store:
            store.import_survey(survey, [])
    with Workspace(workspace) as store:
        survey = store.survey()
    data = DashboardData(
        survey, illustrative=illustrative, workspace=workspace, temporary=temporary is not None
    )
    data.uploads = uploads  # type: ignore[attr-defined]  # see ecosystem.dashboard.uploads
    app = dash.Dash(
        __name__,
        title="ecosystem: partner-mapping networks",
        assets_folder=str(ASSETS),
        serve_locally=True,
    )
    limit_requests(app.server, uploads.limit_bytes)
    answering_holds_background_work(app.server)
    # British English, for screen readers and hyphenation.
    app.index_string = app.index_string.replace("<html>", '<html lang="en-GB">', 1)
    scoped = SignedInData(data)
    app.layout = partial(signed_in_page, scoped)  # made for each person as they open it
    register(app, scoped)  # type: ignore[arg-type]  # reads DashboardData's attributes
    # Loopback hosts only until the server adds its own; inline scripts allowed by hash.
    protect(app.server, script_hashes=app.csp_hashes())
    enable_sign_in(app.server, workspace, team_options or TeamOptions())
    app.data = data  # type: ignore[attr-defined]  # for tests and scripts that inspect caches
    app.temporary_workspace = temporary  # type: ignore[attr-defined]  # removed with the app
    return app


def answering_holds_background_work(server: flask.Flask) -> None:
    """While the server answers a request, a large network's measures computed in the
    background (:mod:`ecosystem.compute.workers`) wait: on a small machine they would
    slow the answer. They go on once it has been quiet a moment."""

    @server.before_request
    def _answering() -> None:
        enter_foreground()
        flask.g.foreground = True

    @server.teardown_request
    def _answered(_error: BaseException | None) -> None:
        if flask.g.pop("foreground", False):
            leave_foreground()


def signed_in_page(data: SignedInData):
    """The page as the signed-in person sees it (everything, without accounts)."""
    account = signed_in()
    token = generate_csrf() if account is not None else ""
    return page(data.current(), account, token)
