"""The served dashboard over HTTP: which hosts it answers, whose POSTs it takes, its headers.

The demo is served by waitress as ``ecosystem serve`` serves it, on a free loopback port, and
spoken to with an HTTP client as a browser or another site's page would: DNS rebinding (a
foreign Host header), a cross-site POST (a foreign Origin, or none), an oversized body. The
callback requests replayed are those the page itself sends, built by the load check script
from the app's own layout and dependencies.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
import sys
from collections.abc import Iterator

import dash
import pytest
import requests
from conftest import PROJECT_ROOT
from dash import html
from support import served_by_waitress

from ecosystem.dashboard import ids
from ecosystem.dashboard.app import create_app
from ecosystem.dashboard.security import BAD_HOST, FOREIGN_ORIGIN, host_name, served_hosts
from ecosystem.dashboard.serve import ServeOptions, waitress_options

SCRIPT = PROJECT_ROOT / "scripts" / "load_check.py"
_spec = importlib.util.spec_from_file_location("load_check", SCRIPT)
load_check = sys.modules.setdefault("load_check", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(load_check)

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


@pytest.fixture(scope="module")
def url(demo_app) -> Iterator[str]:
    with served_by_waitress(demo_app) as address:
        yield address


@pytest.fixture(scope="module")
def wave_change(url) -> dict:
    """The request the page sends for the status line when its user picks the first wave."""
    with requests.Session() as session:
        replay = load_check.Replay.fetch(session, url)
    wave = replay.options(ids.WAVE_SELECT)[0]
    chosen = {f"{ids.WAVE_SELECT}.value": wave}
    bodies = list(replay.bodies(chosen, f"{ids.WAVE_SELECT}.value"))
    (status,) = [b for b in bodies if b["output"] == f"{ids.STATUS_TEXT}.children"]
    return status


def post(url: str, body: dict, **headers: str) -> requests.Response:
    return requests.post(url + "/_dash-update-component", json=body, headers=headers, timeout=60)


# Hosts: DNS rebinding gets 400.


@pytest.mark.parametrize(
    "header, name",
    [
        ("127.0.0.1:8050", "127.0.0.1"),
        ("LocalHost:8050", "localhost"),
        ("[::1]:8050", "::1"),
        ("[::1]", "::1"),
        ("dashboard.example.org", "dashboard.example.org"),
        ("127.0.0.1:8050:1", "127.0.0.1:8050:1"),  # malformed: kept whole, so never allowed
        ("127.0.0.1:port", "127.0.0.1:port"),
        ("", ""),
    ],
)
def test_a_host_header_is_read_as_its_name_without_the_port(header, name):
    assert host_name(header) == name


def test_a_wildcard_bind_address_is_not_a_name_anyone_is_served_as():
    assert "0.0.0.0" not in served_hosts("0.0.0.0") and "::" not in served_hosts("::")
    assert served_hosts("Dashboard.example.org:8050")[-1] == "dashboard.example.org"


def test_a_page_that_rebinds_its_own_name_to_loopback_gets_400(url):
    port = url.rsplit(":", 1)[1]
    for host in (f"attacker.example:{port}", "attacker.example", f"127.0.0.2:{port}", "0.0.0.0"):
        response = requests.get(url, headers={"Host": host}, timeout=10)
        assert response.status_code == 400, host
        assert response.text.strip() == BAD_HOST
        assert response.headers["Content-Type"].startswith("text/plain")
        assert "Content-Security-Policy" in response.headers


def test_the_names_the_dashboard_is_served_as_are_answered_with_or_without_port(url):
    port = url.rsplit(":", 1)[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "LOCALHOST", f"[::1]:{port}"):
        assert requests.get(url, headers={"Host": host}, timeout=10).status_code == 200, host


# Headers on every response.


def test_every_response_carries_the_security_headers(url):
    page = requests.get(url, timeout=10)
    script = re.search(r'<script src="([^"]+)"', page.text).group(1)
    for path in ("/", "/assets/style.css", "/_dash-layout", script, "/no-such-page"):
        response = requests.get(url + path, timeout=10)
        for name, value in SECURITY_HEADERS.items():
            assert response.headers.get(name) == value, (path, name)
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, path


def test_the_policy_runs_exactly_the_inline_scripts_the_page_carries(url):
    html = re.sub(r"<!--.*?-->", "", requests.get(url, timeout=10).text, flags=re.S)
    policy = dict(
        d.strip().split(" ", 1)
        for d in requests.get(url, timeout=10).headers["Content-Security-Policy"].split(";")
    )
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, flags=re.S)
    executed = [body for attrs, body in inline if "application/json" not in attrs]
    assert executed, "Dash writes its renderer inline"
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in executed
    }
    allowed = set(policy["script-src"].split())
    assert hashes <= allowed
    assert allowed - hashes == {"'self'"}, "no 'unsafe-inline', no 'unsafe-eval'"
    assert policy["object-src"] == "'none'" and policy["connect-src"] == "'self'"


# Origin: a POST from another site's page gets 403.


def test_a_wave_change_sent_from_the_dashboards_own_page_is_answered(url, wave_change):
    response = post(url, wave_change, Origin=url)
    assert response.status_code == 200
    assert ids.STATUS_TEXT in response.text
    assert post(url, wave_change, Referer=url + "/").status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://attacker.example"},
        {"Origin": "null"},  # a sandboxed frame or a file:// page
        {"Origin": "http://127.0.0.1:1"},  # another local app's page
        {"Referer": "http://attacker.example/page"},
        {},
    ],
    ids=["foreign origin", "null origin", "other local port", "foreign referer", "none"],
)
def test_a_post_from_anywhere_but_the_dashboards_own_page_gets_403(url, wave_change, headers):
    response = post(url, wave_change, **headers)
    assert response.status_code == 403
    assert response.text.strip() == FOREIGN_ORIGIN


def test_a_foreign_origin_is_refused_even_with_the_dashboards_own_referer(url, wave_change):
    assert post(url, wave_change, Origin="http://attacker.example", Referer=url).status_code == 403


def test_reading_needs_no_origin(url):
    assert requests.get(url + "/_dash-dependencies", timeout=10).status_code == 200


# The production server.


def test_waitress_refuses_a_body_over_the_upload_limit_with_413(tmp_path):
    app = create_app(workspace=tmp_path / "workspace")
    app.server.config["MAX_CONTENT_LENGTH"] = 10_000
    assert waitress_options(app, ServeOptions())["max_request_body_size"] == 10_000
    with served_by_waitress(app) as address:
        body = {"output": "x.children", "inputs": [{"value": "a" * 20_000}]}
        assert post(address, body, Origin=address).status_code == 413


def test_the_load_check_replays_wave_and_hub_changes_with_no_error():
    result = load_check.load_check(users=3, seconds=2, threads=2)
    assert result["errors"] == []
    assert result["requests"] > 0
    assert "errors: 0" in load_check.report(result)


def test_an_app_built_without_create_app_is_guarded_when_served():
    app = dash.Dash(__name__)
    app.layout = html.Div("a page")
    with served_by_waitress(app) as address:
        assert requests.get(address, timeout=10).status_code == 200
        assert (
            requests.get(address, headers={"Host": "attacker.example"}, timeout=10).status_code
            == 400
        )
        assert (
            "script-src 'self' 'sha256-"
            in requests.get(address, timeout=10).headers["Content-Security-Policy"]
        )
