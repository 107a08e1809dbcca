"""Shared fixtures: the real network datasets (read in place, never copied) and a real browser.

The datasets are read from ``../shared/datasets`` beside the checkout (or the folder named by
``ECOSYSTEM_DATASETS``); tests that need them skip where they are absent, unless
``ECOSYSTEM_REQUIRE_DATASETS`` is set, as CI sets it.

Browsers cannot be downloaded by test tools here, so Playwright launches the system's
``chromium``. Browser tests skip where it is absent, unless ``ECOSYSTEM_REQUIRE_BROWSER`` is
set (CI sets it, so a missing install step fails loudly instead of skipping).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
from support import demo_survey
from werkzeug.serving import make_server

from ecosystem.survey import Survey

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


def _datasets_dir() -> Path:
    configured = os.environ.get("ECOSYSTEM_DATASETS")
    if configured:
        return Path(configured)
    return PROJECT_ROOT.parent / "shared" / "datasets"


DATASETS = _datasets_dir()


@pytest.fixture
def datasets_dir() -> Path:
    """The folder of real datasets beside the project; skips the test where it is absent.

    Under CI (``ECOSYSTEM_REQUIRE_DATASETS`` set by ``.ci/run``) a missing folder fails the
    test instead: the checks against real networks must run there, never skip silently.
    """
    if not (DATASETS / "manifest.json").is_file():
        if os.environ.get("ECOSYSTEM_REQUIRE_DATASETS"):
            pytest.fail(f"ECOSYSTEM_REQUIRE_DATASETS is set but {DATASETS} holds no datasets")
        pytest.skip("the shared real-network datasets are not beside this checkout")
    return DATASETS


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    """The system Chromium, or skip (fail under CI's ``ECOSYSTEM_REQUIRE_BROWSER``)."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("ECOSYSTEM_REQUIRE_BROWSER"):
            pytest.fail("ECOSYSTEM_REQUIRE_BROWSER is set but chromium is not installed")
        pytest.skip("Debian's chromium is not installed; browser tests skipped")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(app) -> Iterator[str]:
    """Serve a Dash app's Flask server on a free loopback port; yield its URL."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    port = free_port()
    server = make_server("127.0.0.1", port, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def chromium_browser():
    """One headless Chromium per test process, launched at the first browser test.

    Each test still has a browser of its own to itself: :func:`browser_page` opens a fresh
    context (its own cookies, storage and cache) and closes it after the test. Launching
    Chromium for every test cost about a second each; a context costs a third of that.
    """
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def one_browser_test_at_a_time(tmp_path_factory: pytest.TempPathFactory):
    """Under pytest-xdist, a lock that lets one worker's browser test run at a time.

    ``make test`` runs the suite on every core, a test file to a worker (``--dist loadfile``),
    so the tests of a file share its served dashboard. Two browser tests at once would fight
    for the cores while each waits on its page; the lock makes them take turns, while the
    other workers go on with the rest. Outside xdist (or without ``fcntl``) it does nothing.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    try:
        import fcntl
    except ImportError:  # not POSIX: browser tests may overlap
        fcntl = None
    if worker is None or fcntl is None:
        yield contextlib.nullcontext
        return
    # The workers' temporary folders share this run's parent, and only this run's.
    path = tmp_path_factory.getbasetemp().parent / "browser-tests.lock"

    @contextmanager
    def turn() -> Iterator[None]:
        with path.open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # blocks until no other worker holds it
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    yield turn


@contextmanager
def browser_page(browser, viewport: tuple[int, int] = (1280, 800)):
    """A fresh page in a fresh context of ``browser``; console errors go to ``page.errors``."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.errors = errors  # type: ignore[attr-defined]
        yield page
    finally:
        context.close()


@pytest.fixture
def page(chromium_browser, one_browser_test_at_a_time):
    """A headless Chromium page at 1280x800; ``page.errors`` collects console errors."""
    with one_browser_test_at_a_time(), browser_page(chromium_browser) as opened:
        yield opened


@pytest.fixture
def serve():
    """``with serve(app) as url:`` serves a Dash app on a free loopback port."""
    return serving


@pytest.fixture
def wide_page(chromium_browser, one_browser_test_at_a_time):
    """A headless Chromium page at 1920x1080."""
    with one_browser_test_at_a_time(), browser_page(chromium_browser, (1920, 1080)) as opened:
        yield opened


@pytest.fixture
def chromium() -> str:
    """Tests that draw static images need Chromium: skip (or fail under CI) without it."""
    return chromium_path()


_SURVEY_TABLES = ("organisations", "responses", "edges")


@pytest.fixture(scope="session")
def demo() -> Iterator[Survey]:
    """The bundled demo survey, read once per test process and shared by every test.

    A ``Survey`` is frozen, but its tables are DataFrames that a test could change in place
    and so spoil the others' demo. Tests only read it (a test that needs another survey builds
    one); this fixture holds them to that: at the end of the session each table must still
    equal the copy taken at the start (its cells are strings, numbers and tuples, which a
    copy keeps), or the session ends with an error.
    """
    survey = demo_survey()
    kept = {name: getattr(survey, name).copy(deep=True) for name in _SURVEY_TABLES}
    yield survey
    for name in _SURVEY_TABLES:
        pd.testing.assert_frame_equal(getattr(survey, name), kept[name], check_exact=True)


@pytest.fixture(scope="module")
def demo_app(demo):
    """The dashboard on the bundled demo survey, in a temporary workspace removed after."""
    from ecosystem.dashboard.app import create_app

    app = create_app(demo, illustrative=True)
    yield app
    app.temporary_workspace.cleanup()
