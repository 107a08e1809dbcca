"""Take the screenshots of every dashboard view that the README shows (docs/*.png).

Run with the project's environment: ``.venv/bin/python scripts/screenshots.py``. Needs
Debian's ``chromium``; serves the demo dashboard on a free loopback port meanwhile.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from ecosystem.codebook import ALL_HUBS
from ecosystem.dashboard import ids
from ecosystem.dashboard.app import create_app
from ecosystem.load import DEMO_FILES, load_survey

DOCS = Path(__file__).resolve().parents[1] / "docs"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


SHOWN_WHEN = {
    ids.TAB_ORGANISATIONS: f"#{ids.ORGANISATIONS_ROBUSTNESS} .verdict-line",
    ids.TAB_OVERVIEW: "#overview-table-verdicts",
    ids.TAB_COMPARE: f"#{ids.COMPARE_FINDINGS} .pairs-note",
}
"""What each view shows once its data is in: its screenshot waits for it, not for a time."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def choose(page, dropdown: str, option: str) -> None:
    page.click(f"#{dropdown}")
    page.get_by_role("option", name=option, exact=True).click()


def settle(page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1200)


def main(folder: Path = DOCS) -> None:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = create_app(load_survey(DEMO_FILES), illustrative=True)
    port = free_port()
    server = make_server("127.0.0.1", port, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    folder.mkdir(exist_ok=True)
    try:
        with sync_playwright() as playwright:
            chromium = shutil.which("chromium") or shutil.which("chromium-browser")
            browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
            for width, height, suffix in ((1280, 800, ""), (1920, 1080, "-1920")):
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(f"http://127.0.0.1:{port}")
                page.wait_for_selector(f"#{ids.NETWORK_GRAPH} .js-plotly-plot .scatterlayer")
                choose(page, ids.HUB_SELECT, "Cambridgeshire and Peterborough")
                settle(page)
                choose(page, ids.PROFILE_SELECT, "Cambridgeshire and Peterborough ICB")
                settle(page)
                page.screenshot(path=folder / f"network{suffix}.png")
                page.click(f"#{ids.TAB_GAPS}")
                settle(page)
                page.locator(f"#{ids.GAPS_GRID} .ag-row[row-index='1'] .ag-cell").first.click()
                settle(page)
                page.screenshot(path=folder / f"gaps{suffix}.png", full_page=True)
                for tab, name in ((ids.TAB_ORGANISATIONS, "organisations"),
                                  (ids.TAB_BROKERAGE, "brokerage"),
                                  (ids.TAB_OVERVIEW, "overview"),
                                  (ids.TAB_COMPARE, "compare"),
                                  (ids.TAB_DATA, "data"),
                                  (ids.TAB_GUIDE, "guide")):  # fmt: skip
                    page.click(f"#{tab}")
                    if tab in SHOWN_WHEN:  # the notes of how far numbers can be trusted
                        page.wait_for_selector(SHOWN_WHEN[tab], timeout=60_000)
                    settle(page)
                    page.screenshot(path=folder / f"{name}{suffix}.png", full_page=True)
                sustainability(page, folder, suffix)
                _functions(page, folder / f"functions{suffix}.png")
                page.close()
            _welcome(browser, folder)
            _team(browser, folder)
            browser.close()
    finally:
        server.shutdown()


def sustainability(page, folder: Path, suffix: str) -> None:
    """The Sustainability view of Dorset: what its ecosystem loses if the hub leaves."""
    choose(page, ids.HUB_SELECT, "Dorset")
    page.click(f"#{ids.TAB_SUSTAINABILITY}")
    page.wait_for_selector(f"#{ids.SUSTAINABILITY_GRAPH} .js-plotly-plot .scatterlayer")
    page.wait_for_selector(f"#{ids.SUSTAINABILITY_SUCCESSORS_TABLE}")
    settle(page)
    page.screenshot(path=folder / f"sustainability{suffix}.png", full_page=True)


def _functions(page, path: Path) -> None:
    """The Core functions view of every hub, the four side by side."""
    choose(page, ids.HUB_SELECT, ALL_HUBS)
    page.click(f"#{ids.TAB_FUNCTIONS}")
    page.wait_for_selector(f"#{ids.FUNCTIONS_FINDINGS} h3")
    settle(page)
    page.screenshot(path=path, full_page=True)


def _welcome(browser, folder: Path) -> None:
    """A new, empty workspace as its first user sees it: the welcome and the Data view."""
    here = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="ecosystem-empty-") as empty:
        os.chdir(empty)  # the Data view names the workspace as given: "partner-survey"
        app = create_app(workspace=Path("partner-survey"))
        port = free_port()
        server = make_server("127.0.0.1", port, app.server, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"http://127.0.0.1:{port}")
            page.wait_for_selector(f"#{ids.WELCOME}")
            settle(page)
            page.screenshot(path=folder / "welcome.png", full_page=True)
            page.close()
        finally:
            server.shutdown()
            os.chdir(here)


def _team(browser, folder: Path) -> None:
    """A team's workspace: the sign-in page, and a hub lead's dashboard once signed in."""
    from ecosystem.access import Account, Role
    from ecosystem.store import Workspace

    with tempfile.TemporaryDirectory(prefix="ecosystem-team-") as team:
        with Workspace(team) as store:
            store.import_survey(load_survey(DEMO_FILES), [])
            store.add_account(Account("amira", Role.HUB_LEAD, "Dorset"), "dorset lead password")
        app = create_app(workspace=Path(team), illustrative=True)
        port = free_port()
        server = make_server("127.0.0.1", port, app.server, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"http://127.0.0.1:{port}")
            page.wait_for_selector("#username")
            page.fill("#username", "amira")
            page.screenshot(path=folder / "signin.png")
            page.fill("#password", "dorset lead password")
            page.click("button[type=submit]")
            page.wait_for_selector(f"#{ids.NETWORK_GRAPH} .js-plotly-plot .scatterlayer")
            settle(page)
            page.screenshot(path=folder / "hub-lead.png")
            page.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
