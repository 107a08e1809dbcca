"""Who is signed in, and what they may read and change: enforced on the server, per request.

Hiding another hub in the page would not be enough: anyone can replay the page's requests
with another hub's name. So the rules hold where the data are:

- every callback reads :class:`SignedInData`, which hands it the data of the signed-in
  person's scope (:meth:`~ecosystem.dashboard.data.DashboardData.for_scope`): for a hub lead,
  a survey that holds nothing of any other hub, so no view, download or export made for them
  can show one, whatever the request asks;
- :func:`refusal` turns away, before any callback runs, a dashboard request that names a hub
  the person may not see (or "all hubs") or that would change the workspace when their role
  may not: it is answered with 403 and written to the audit table.

A workspace without accounts, served on this machine, has no one signed in: the one analyst
on their own machine sees everything and may change everything, as before accounts existed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import flask
from flask_login import current_user

from ecosystem.access import Account
from ecosystem.dashboard import ids
from ecosystem.dashboard.data import DashboardData
from ecosystem.service.workspace import Workspace, audit

DASH_UPDATE = "/_dash-update-component"
"""The path every Dash callback request is posted to."""

CHANGES_WORKSPACE = frozenset({ids.DATA_UPLOAD, ids.DATA_IMPORT, ids.DATA_SAVE_MATCHES})
"""Components whose callbacks take files in or change the workspace: an evaluator's only."""

NO_SIGN_IN = "dashboard (no sign-in)"
"""Who the audit table names for what is done on a workspace served without accounts."""


def signed_in() -> Account | None:
    """The account of whoever made the current request, or ``None`` when nobody is signed in
    (outside a request, or on a workspace without accounts)."""
    if not flask.has_request_context():
        return None
    user = current_user
    return getattr(user, "account", None) if user and user.is_authenticated else None


def who() -> str:
    """The name the audit table records for the current request."""
    account = signed_in()
    return account.name if account is not None else NO_SIGN_IN


def address() -> str:
    """The address the current request came from ("" outside a request)."""
    return (flask.request.remote_addr or "") if flask.has_request_context() else ""


def may_change() -> bool:
    """Whether the current request may change the workspace: an evaluator, or nobody signed
    in (a workspace without accounts)."""
    account = signed_in()
    return account is None or account.may_change


class SignedInData:
    """The dashboard's data as the signed-in person may see it: what every callback reads.

    Attribute reads go to :meth:`current`, the data of the person's scope; a reload goes to
    the whole workspace's data (which forgets every scope's caches with it). Outside a request
    (tests, benchmarks) it is the whole data.
    """

    def __init__(self, data: DashboardData) -> None:
        self.whole = data
        self.uploads = vars(data).get("uploads")  # one holding area, whoever drops files
        self.workspace = data.workspace  # where the audit table is, whoever is signed in

    def current(self) -> DashboardData:
        account = signed_in()
        return self.whole.for_scope(account.scope if account is not None else None)

    def reload(self) -> None:
        self.whole.reload()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.current(), name)


def record(workspace: Path | None, action: str, detail: str = "") -> None:
    """Write one line of the audit table for the current request (a temporary workspace too)."""
    if workspace is None:
        return
    with Workspace(workspace, create=False) as store:
        store.record(who(), action, detail, address())


def _components(body: Mapping[str, Any]) -> Iterator[tuple[object, str, object]]:
    """Every (id, property, value) a callback request sends, inputs and state alike."""
    for group in ("inputs", "state"):
        for item in body.get(group) or []:
            for entry in item if isinstance(item, list) else [item]:  # pattern-matching ids
                if isinstance(entry, dict):
                    yield entry.get("id"), str(entry.get("property")), entry.get("value")


def refusal(account: Account, body: Mapping[str, Any]) -> str | None:
    """Why ``account`` may not make the dashboard request ``body``, or ``None`` if it may.

    >>> from ecosystem.access import Role
    >>> lead = Account("amira", Role.HUB_LEAD, "Dorset")
    >>> refusal(lead, {"inputs": [{"id": "hub-select", "property": "value", "value": ""}]})
    'a hub lead of Dorset asked for all hubs'
    >>> refusal(lead, {"inputs": [{"id": "hub-select", "property": "value",
    ...                            "value": "Dorset"}]}) is None
    True
    """
    for component, prop, value in _components(body):
        hub_asked = component == ids.HUB_SELECT and prop == "value"
        if hub_asked and account.scope is not None and value != account.scope:
            asked = f"hub '{value}'" if value else "all hubs"
            return f"a {account.role.label} of {account.scope} asked for {asked}"
        if component in CHANGES_WORKSPACE and not account.may_change:
            return f"a {account.role.label} tried to change the workspace ({component})"
    return None


def guard_requests(server: flask.Flask, workspace: Path) -> None:
    """Refuse, with 403 and a line in the audit table, any dashboard request that
    :func:`refusal` turns away, before any callback runs."""

    @server.before_request
    def _refuse() -> flask.Response | None:
        request = flask.request
        account = signed_in()
        if account is None or request.method != "POST" or not request.path.endswith(DASH_UPDATE):
            return None
        why = refusal(account, request.get_json(silent=True) or {})
        if why is None:
            return None
        record(workspace, audit.REFUSED, why)
        return flask.Response(f"Refused: {why}.\n", status=403, mimetype="text/plain")
