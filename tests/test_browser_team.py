"""A team's served workspace in a real browser: sign in as each role, and try to see more.

The workspace holds the demo survey and the accounts of :mod:`test_signin`. Each test signs
in through the real form, uses the dashboard as that person would, and, for a hub lead,
replays the page's own requests with another hub's name, as an attacker would, from the same
signed-in browser.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from test_dashboard import choose, status_contains
from test_signin import PASSWORDS, other_hub_names, team_workspace

from ecosystem.dashboard import ids
from ecosystem.dashboard.app import create_app
from ecosystem.dashboard.signin import CSRF_COOKIE, DELAY_KEY, TOO_MANY, WRONG

pytestmark = pytest.mark.browser

HUBS = ["Bradford District and Craven", "Cambridgeshire and Peterborough", "Dorset",
        "Manchester"]  # fmt: skip

DASH_UPDATE = "/_dash-update-component"


@pytest.fixture(scope="module")
def team_app(tmp_path_factory):
    app = create_app(workspace=team_workspace(tmp_path_factory.mktemp("team")))
    app.server.config[DELAY_KEY] = 0
    return app


def sign_in(page, url: str, name: str, password: str | None = None) -> None:
    """Sign in through the form, as a person does, and wait for the dashboard."""
    page.goto(url)
    page.wait_for_selector("#username")
    page.fill("#username", name)
    page.fill("#password", password or PASSWORDS[name])
    page.click("button[type=submit]")
    page.wait_for_selector(f"#{ids.ACCOUNT_BAR}", timeout=30_000)


def hub_choices(page) -> list[str]:
    """The hub selector's choices, as its open list shows them."""
    page.click(f"#{ids.HUB_SELECT}")
    menu = page.locator(".dash-dropdown-options")
    menu.wait_for()
    options = menu.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    return options


def with_hub(body: dict, hub: str) -> dict:
    """A copy of a callback request with the hub selector's value swapped for ``hub``."""
    swapped = json.loads(json.dumps(body))
    for item in swapped["inputs"] + swapped.get("state", []):
        if item.get("id") == ids.HUB_SELECT:
            item["value"] = hub
    return swapped


def test_an_evaluator_signs_in_and_sees_all_four_hubs(team_app, page, serve):
    with serve(team_app) as url:
        sign_in(page, url, "eve")
        assert "eve (evaluator, every hub)" in page.inner_text(f"#{ids.ACCOUNT_BAR}")
        status_contains(page, "Summative 2024, All hubs")
        assert hub_choices(page) == ["All hubs", *HUBS]
        page.click(f"#{ids.TAB_DATA}")
        page.wait_for_selector(f"#{ids.DATA_ACTIVITY} table", timeout=30_000)
        assert "signed in" in page.inner_text(f"#{ids.DATA_ACTIVITY}")
        assert page.is_visible(f"#{ids.DATA_UPLOAD}")
    assert page.errors == []


def test_a_hub_lead_sees_only_their_hub_in_every_view_and_download(team_app, page, serve, demo):
    foreign = other_hub_names(demo, "Dorset")
    with serve(team_app) as url:
        sign_in(page, url, "amira")
        status_contains(page, "Summative 2024, Dorset")
        assert hub_choices(page) == ["Dorset"]
        shown = []
        for tab in ids.VIEWS:
            page.click(f"#{tab}")
            page.wait_for_function(
                "(id) => !document.querySelector(`#${id} [data-dash-is-loading]`)",
                arg=ids.panel(tab),
                timeout=60_000,
            )
            shown.append(page.inner_text(f"#{ids.panel(tab)}"))
        text = "\n".join(shown)
        assert not {name for name in foreign if name in text}
        assert not page.is_visible(f"#{ids.DATA_UPLOAD}")
        assert "hub lead" in page.inner_text(f"#{ids.DATA_READ_ONLY}")
        page.click(f"#{ids.TAB_GAPS}")
        with page.expect_download(timeout=60_000) as download:
            page.click(f"#{ids.GAPS_DOWNLOAD_BUTTON}")
        assert download.value.suggested_filename == "gaps-dorset-summative-2024.csv"
        table = Path(download.value.path()).read_text(encoding="utf-8-sig")
        assert not {name for name in foreign if name in table}
        rows = pd.read_csv(io.StringIO(table))
        assert len(rows) > 0
    assert page.errors == []


def test_a_hub_lead_replaying_the_page_requests_for_another_hub_gets_nothing(
    team_app, page, serve, demo
):
    foreign = other_hub_names(demo, "Dorset")
    sent: list[dict] = []
    page.on(
        "request",
        lambda r: (
            sent.append(json.loads(r.post_data)) if DASH_UPDATE in r.url and r.post_data else None
        ),
    )
    with serve(team_app) as url:
        sign_in(page, url, "amira")
        status_contains(page, "Summative 2024, Dorset")
        choose(page, ids.WAVE_SELECT, "Formative 2023")
        status_contains(page, "Formative 2023, Dorset")
        asking_hub = [
            body
            for body in sent
            if any(i.get("id") == ids.HUB_SELECT for i in body["inputs"] + body.get("state", []))
        ]
        assert len(asking_hub) >= 3, "the page's own requests name the hub"
        token = next(c["value"] for c in page.context.cookies() if c["name"] == CSRF_COOKIE)
        headers = {"X-CSRFToken": token, "Origin": url}
        for body in asking_hub:
            own = page.request.post(url + DASH_UPDATE, data=body, headers=headers)
            assert own.status in (200, 204), body["output"]
            for hub in [h for h in HUBS if h != "Dorset"] + [""]:
                swapped = with_hub(body, hub)
                answer = page.request.post(url + DASH_UPDATE, data=swapped, headers=headers)
                assert answer.status == 403, (hub, body["output"])
                assert not {name for name in foreign if name in answer.text()}


def test_wrong_passwords_end_in_a_refusal_the_page_explains(team_app, page, serve):
    with serve(team_app) as url:
        page.goto(url)
        for attempt in range(5):
            page.fill("#username", "vic")
            page.fill("#password", f"wrong password {attempt}")
            page.click("button[type=submit]")
            page.wait_for_function(
                "(text) => document.body.innerText.includes(text)", arg=WRONG, timeout=30_000
            )
        page.fill("#username", "vic")
        page.fill("#password", PASSWORDS["vic"])
        with page.expect_response(lambda r: r.url.endswith("/login")) as answer:
            page.click("button[type=submit]")
        assert answer.value.status == 429
        page.wait_for_selector("#signin-message")
        assert TOO_MANY in page.inner_text("#signin-message")


def test_signing_out_ends_the_session(team_app, page, serve):
    with serve(team_app) as url:
        sign_in(page, url, "val")
        status_contains(page, "Summative 2024, Manchester")
        page.click(f"#{ids.SIGN_OUT}")
        page.wait_for_selector("#signin-message")
        assert "signed out" in page.inner_text("#signin-message")
        page.goto(url)
        page.wait_for_selector("#username")
        assert page.request.get(url + "/_dash-layout").status == 401
