"""Sign-in for a team's served workspace, over HTTP as a browser or an attacker speaks to it.

A workspace with the demo survey and four accounts (an evaluator, a hub lead of Dorset, a
viewer of every hub and a viewer of Manchester) is served by waitress as ``ecosystem serve``
serves it. Requests are the page's own, built from the app's ``/_dash-layout`` and
``/_dash-dependencies`` by the load check script, then replayed with the hub swapped.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests
from conftest import PROJECT_ROOT
from support import demo_survey, served_by_waitress

from ecosystem.access import Account, Role
from ecosystem.dashboard import ids, signin
from ecosystem.dashboard.app import create_app
from ecosystem.dashboard.signin import (
    CSRF_COOKIE,
    DELAY_KEY,
    NO_ACCOUNTS,
    SESSION_COOKIE,
    TOO_MANY,
    WRONG,
    TeamOptions,
    safe_next,
)
from ecosystem.network import hub_members
from ecosystem.store import Workspace

SCRIPT = PROJECT_ROOT / "scripts" / "load_check.py"
_spec = importlib.util.spec_from_file_location("load_check", SCRIPT)
load_check = sys.modules.setdefault("load_check", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(load_check)

PASSWORDS = {
    "eve": "evaluator password 1",
    "amira": "dorset lead password",
    "vic": "viewer of every hub",
    "val": "viewer of manchester",
}
ACCOUNTS = [
    Account("eve", Role.EVALUATOR),
    Account("amira", Role.HUB_LEAD, "Dorset"),
    Account("vic", Role.VIEWER),
    Account("val", Role.VIEWER, "Manchester"),
]


def team_workspace(folder: Path) -> Path:
    """The demo survey in a workspace with the four accounts."""
    with Workspace(folder) as store:
        store.import_survey(demo_survey(), [])
        for account in ACCOUNTS:
            store.add_account(account, PASSWORDS[account.name])
    return folder


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    return team_workspace(tmp_path_factory.mktemp("team"))


@pytest.fixture(scope="module")
def app(workspace):
    app = create_app(workspace=workspace)
    app.server.config[DELAY_KEY] = 0  # the delay has its own test
    return app


@pytest.fixture(scope="module")
def url(app) -> Iterator[str]:
    with served_by_waitress(app) as address:
        yield address


def csrf_field(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def sign_in(url: str, name: str, password: str | None = None) -> requests.Session:
    """A session signed in as ``name``, sending the CSRF header as the page's script does."""
    session = requests.Session()
    session.headers["Origin"] = url
    form = session.get(url + "/login", timeout=30)
    answer = session.post(
        url + "/login",
        data={
            "username": name,
            "password": password or PASSWORDS[name],
            "csrf_token": csrf_field(form.text),
        },
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 302, answer.text
    session.get(url + "/", timeout=30)  # sets the CSRF cookie, as opening the page does
    session.headers["X-CSRFToken"] = session.cookies[CSRF_COOKIE]
    return session


def other_hub_names(survey, hub: str) -> set[str]:
    """Names (and short names) of organisations in other hubs' ecosystems only."""
    mine = hub_members(survey, hub)
    names = set()
    for name, row in survey.organisations.iterrows():
        if name not in mine:
            names.add(name)
            if row["short_name"]:
                names.add(row["short_name"])
    return names


def update(session: requests.Session, url: str, body: dict) -> requests.Response:
    return session.post(url + "/_dash-update-component", json=body, timeout=60)


def hub_bodies(session: requests.Session, url: str, hub: str) -> list[dict]:
    """Every request the page sends when its hub selector is set to ``hub``."""
    replay = load_check.Replay.fetch(session, url)
    chosen = {f"{ids.HUB_SELECT}.value": hub}
    return list(replay.bodies(chosen, f"{ids.HUB_SELECT}.value"))


# Who may reach what.


def test_a_workspace_with_accounts_sends_everyone_to_sign_in_first(url):
    page = requests.get(
        url + "/", headers={"Accept": "text/html"}, allow_redirects=False, timeout=30
    )
    assert page.status_code == 302 and page.headers["Location"].startswith("/login")
    for path in ("/_dash-layout", "/_dash-dependencies", "/assets/style.css"):
        assert requests.get(url + path, timeout=30).status_code == 401, path
    login = requests.get(url + "/login", timeout=30)
    assert login.status_code == 200 and 'name="username"' in login.text
    assert "Content-Security-Policy" in login.headers


def test_a_workspace_without_accounts_is_open_on_loopback_as_before(demo_app):
    client = demo_app.server.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/_dash-layout").status_code == 200
    assert client.get("/login").status_code == 302  # nothing to sign in to


def test_a_network_served_workspace_without_accounts_is_refused(tmp_path, demo):
    with Workspace(tmp_path) as store:
        store.import_survey(demo, [])
    app = create_app(workspace=tmp_path, team_options=TeamOptions(require_accounts=True))
    answer = app.server.test_client().get("/")
    assert answer.status_code == 503 and NO_ACCOUNTS in answer.get_data(as_text=True)


def test_a_wrong_password_is_refused_in_words_and_recorded(url, workspace):
    session = requests.Session()
    form = session.get(url + "/login", timeout=30)
    answer = session.post(
        url + "/login",
        data={"username": "eve", "password": "not it at all", "csrf_token": csrf_field(form.text)},
        headers={"Origin": url},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 401 and WRONG in answer.text
    assert "not it at all" not in answer.text
    with Workspace(workspace) as store:
        entries = store.audit(limit=5)
    assert ((entries["who"] == "eve") & (entries["action"] == "sign-in failed")).any()


def test_signing_in_sets_a_session_cookie_the_page_cannot_read(url):
    session = requests.Session()
    form = session.get(url + "/login", timeout=30)
    answer = session.post(
        url + "/login",
        data={"username": "EVE", "password": PASSWORDS["eve"], "csrf_token": csrf_field(form.text)},
        headers={"Origin": url},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 302 and answer.headers["Location"] == "/"
    (cookie,) = [
        c for c in answer.raw.headers.getlist("Set-Cookie") if c.startswith(SESSION_COOKIE)
    ]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_behind_https_the_session_cookie_is_secure(tmp_path):
    app = create_app(
        workspace=team_workspace(tmp_path), team_options=TeamOptions(behind_https=True)
    )
    client = app.server.test_client()
    page = client.get("/login", base_url="https://localhost").get_data(as_text=True)
    answer = client.post(
        "/login",
        base_url="https://localhost",
        data={"username": "eve", "password": PASSWORDS["eve"], "csrf_token": csrf_field(page)},
        headers={"Origin": "https://localhost", "Referer": "https://localhost/login"},
    )
    assert answer.status_code == 302
    (cookie,) = [c for c in answer.headers.getlist("Set-Cookie") if c.startswith(SESSION_COOKIE)]
    assert "Secure" in cookie


def test_sign_in_without_the_form_token_is_refused(url):
    session = requests.Session()
    answer = session.post(
        url + "/login",
        data={"username": "eve", "password": PASSWORDS["eve"]},
        headers={"Origin": url},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 400 and "expired" in answer.text
    assert session.get(url + "/_dash-layout", timeout=30).status_code == 401


def test_a_dashboard_request_without_the_csrf_header_is_refused(url):
    session = sign_in(url, "eve")
    body = hub_bodies(session, url, "Dorset")[0]
    assert update(session, url, body).status_code == 200
    del session.headers["X-CSRFToken"]
    assert update(session, url, body).status_code == 400


def test_after_signing_in_the_page_goes_where_it_was_asked_on_this_site_only():
    assert safe_next("/") == "/"
    assert safe_next("https://attacker.example/") == "/"
    assert safe_next("//attacker.example/x") == "/"
    assert safe_next("/\\attacker.example") == "/"  # browsers read "\\" as "/"
    assert safe_next("/?tab=gaps") == "/?tab=gaps"


# Roles, enforced on the server.


def test_an_evaluator_sees_every_hub(url):
    session = sign_in(url, "eve")
    replay = load_check.Replay.fetch(session, url)
    assert replay.options(ids.HUB_SELECT) == ["", "Bradford District and Craven",
                                              "Cambridgeshire and Peterborough", "Dorset",
                                              "Manchester"]  # fmt: skip


def test_a_hub_lead_is_offered_only_their_hub(url):
    session = sign_in(url, "amira")
    replay = load_check.Replay.fetch(session, url)
    assert replay.options(ids.HUB_SELECT) == ["Dorset"]
    assert replay.layout[ids.HUB_SELECT]["value"] == "Dorset"


@pytest.mark.parametrize("name, hub", [("amira", "Dorset"), ("val", "Manchester")])
def test_replaying_the_page_requests_with_another_hub_gets_nothing_of_it(url, name, hub, demo):
    survey = demo
    session = sign_in(url, name)
    own = hub_bodies(session, url, hub)
    assert own, "the page sends requests when the hub changes"
    for body in own:
        answer = update(session, url, body)
        assert answer.status_code in (200, 204), (body["output"], answer.text[:200])
    for other in [h for h in survey.hubs if h != hub] + [""]:
        for body in hub_bodies(session, url, other):
            answer = update(session, url, body)
            assert answer.status_code == 403, (other, body["output"])
            assert not {n for n in other_hub_names(survey, hub) if n in answer.text}


def test_a_hub_lead_page_names_no_organisation_of_another_hub(url, demo):
    survey = demo
    session = sign_in(url, "amira")
    texts = [session.get(url + path, timeout=30).text for path in ("/", "/_dash-layout")]
    texts += [update(session, url, body).text for body in hub_bodies(session, url, "Dorset")]
    leaked = {n for n in other_hub_names(survey, "Dorset") for text in texts if n in text}
    assert not leaked
    assert "Dorset Innovation Hub" in "".join(texts)


def test_a_viewer_and_a_hub_lead_cannot_change_the_workspace(url, workspace):
    body = {
        "output": f"..{ids.DATA_MESSAGE}.children...{ids.DATA_VERSION}.data...",
        "outputs": [],
        "inputs": [{"id": ids.DATA_SAVE_MATCHES, "property": "n_clicks", "value": 1}],
        "state": [{"id": ids.DATA_MATCHES, "property": "value",
                   "value": ['["HIW Partnerships", "Health Innovation Wessex"]']}],
        "changedPropIds": [f"{ids.DATA_SAVE_MATCHES}.n_clicks"],
    }  # fmt: skip
    for name in ("amira", "vic"):
        answer = update(sign_in(url, name), url, body)
        assert answer.status_code == 403 and "change the workspace" in answer.text
    with Workspace(workspace) as store:
        assert (
            "HIW Partnerships"
            not in store.survey().organisations.loc["Health Innovation Wessex", "aliases"]
        )
        refused = store.audit(limit=10)
    assert (refused["action"] == "request refused").sum() >= 2


# Sessions end.


def test_signing_out_ends_the_session(url):
    session = sign_in(url, "vic")
    assert session.get(url + "/_dash-layout", timeout=30).status_code == 200
    form = session.get(url + "/logout", timeout=30)
    answer = session.post(
        url + "/logout", data={"csrf_token": csrf_field(form.text)}, allow_redirects=False,
        timeout=30,
    )  # fmt: skip
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]
    assert session.get(url + "/_dash-layout", timeout=30).status_code == 401


def test_a_new_password_ends_the_sessions_begun_with_the_old_one(tmp_path):
    folder = team_workspace(tmp_path)
    app = create_app(workspace=folder)
    with served_by_waitress(app) as address:
        session = sign_in(address, "val")
        assert session.get(address + "/_dash-layout", timeout=30).status_code == 200
        with Workspace(folder) as store:
            store.set_password("val", "a brand new password")
        assert session.get(address + "/_dash-layout", timeout=30).status_code == 401
        sign_in(address, "val", "a brand new password")


# Repeated wrong passwords.


def test_repeated_wrong_passwords_are_slowed_then_refused_with_429(tmp_path, monkeypatch):
    app = create_app(workspace=team_workspace(tmp_path))
    app.server.config[DELAY_KEY] = 0.2
    waits: list[float] = []  # the waits asked for, counted rather than timed
    monkeypatch.setattr(signin, "time", SimpleNamespace(sleep=waits.append))
    client = app.server.test_client()
    token = csrf_field(client.get("/login").get_data(as_text=True))
    form = {"username": "amira", "password": "wrong password", "csrf_token": token}
    headers = {"Origin": "http://localhost"}
    codes = [client.post("/login", data=form, headers=headers).status_code for _ in range(5)]
    assert codes == [401] * 5
    assert waits == [0.2] * 5  # each failure waited the configured delay
    refused = client.post("/login", data={**form, "password": PASSWORDS["amira"]}, headers=headers)
    assert refused.status_code == 429
    assert TOO_MANY in refused.get_data(as_text=True)
    # Another account from the same address is not refused yet (that limit is higher).
    other = client.post(
        "/login", data={**form, "username": "eve", "password": PASSWORDS["eve"]}, headers=headers
    )
    assert other.status_code == 302


def test_the_load_check_signs_in_and_replays_the_page_requests_without_errors(url):
    tally = load_check.Tally()
    deadline = time.monotonic() + 2
    load_check.user(0, url, deadline, tally, ("amira", PASSWORDS["amira"]))
    assert tally.latencies and tally.errors == []
    wrong = load_check.Tally()
    load_check.user(1, url, time.monotonic() + 2, wrong, ("eve", "not the password"))
    assert wrong.errors and "could not sign in" in wrong.errors[0]


def test_a_hub_lead_of_an_empty_workspace_is_told_an_evaluator_imports_the_survey(tmp_path):
    with Workspace(tmp_path) as store:
        store.add_account(Account("amira", Role.HUB_LEAD, "Dorset"), PASSWORDS["amira"])
        store.add_account(Account("eve", Role.EVALUATOR), PASSWORDS["eve"])
    with served_by_waitress(create_app(workspace=tmp_path)) as address:
        lead = sign_in(address, "amira").get(address + "/_dash-layout", timeout=30).text
        evaluator = sign_in(address, "eve").get(address + "/_dash-layout", timeout=30).text
    assert "the evaluator who runs this dashboard imports the survey" in lead
    assert "drop an organisations file" not in lead
    assert "drop an organisations file" in evaluator


def test_wrong_passwords_from_one_address_are_refused_whatever_the_names(tmp_path):
    app = create_app(workspace=team_workspace(tmp_path))
    app.server.config[DELAY_KEY] = 0
    client = app.server.test_client()
    token = csrf_field(client.get("/login").get_data(as_text=True))
    headers = {"Origin": "http://localhost"}
    for attempt in range(20):  # a different name each time: no one account reaches its limit
        form = {"username": f"guess{attempt}", "password": "wrong password", "csrf_token": token}
        assert client.post("/login", data=form, headers=headers).status_code == 401
    right = {"username": "eve", "password": PASSWORDS["eve"], "csrf_token": token}
    assert client.post("/login", data=right, headers=headers).status_code == 429
    other_address = client.post(
        "/login", data=right, headers=headers, environ_base={"REMOTE_ADDR": "10.0.0.9"}
    )
    assert other_address.status_code == 302
