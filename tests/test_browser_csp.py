"""The dashboard works whole under its own Content-Security-Policy, in headless Chromium.

Every view is opened, its figures and grids drawn, a wave and a hub changed and a table
downloaded, while the page records every CSP violation the browser reports (the
``securitypolicyviolation`` event) and every console error ("Refused to ..." among them).
"""

from __future__ import annotations

import pytest

from ecosystem.dashboard import ids
from tests.test_dashboard import choose, figure_titled, status_contains

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(
    `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`
));
"""
"""Runs before the page's own scripts: keeps each CSP violation the browser reports."""

VIEW_DRAWN = """
(panelId) => {
    const panel = document.getElementById(panelId);
    if (!panel || panel.hidden || panel.querySelector('[data-dash-is-loading]')) return false;
    const plots = [...panel.querySelectorAll('.js-plotly-plot')]
        .filter(gd => gd.offsetParent !== null);
    return plots.every(gd => gd._fullLayout && gd.querySelector('.main-svg'));
}
"""
"""Whether a view's panel is open, loading nothing, with each visible figure drawn."""

DECIMAL_CELLS = """
(gridId) => [...document.querySelectorAll(`#${gridId} .ag-cell`)]
    .some(cell => /^\\d+\\.\\d{3}$/.test(cell.innerText.trim()))
"""
"""Whether a grid shows numbers with three decimals: its formatter function ran."""


def open_view(page, tab: str) -> None:
    page.click(f"#{tab}")
    page.wait_for_function(VIEW_DRAWN, arg=ids.panel(tab), timeout=30_000)


@pytest.mark.browser
def test_every_view_works_under_the_content_security_policy_with_no_console_error(
    demo_app, page, serve
):
    page.add_init_script(RECORD_VIOLATIONS)
    with serve(demo_app) as url:
        response = page.goto(url)
        assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
        figure_titled(page, ids.NETWORK_GRAPH, "All hubs, Summative 2024")
        choose(page, ids.HUB_SELECT, "Dorset")
        choose(page, ids.WAVE_SELECT, "Formative 2023")
        status_contains(page, "Formative 2023, Dorset")
        figure_titled(page, ids.NETWORK_GRAPH, "Dorset, Formative 2023")
        for tab in ids.VIEWS:
            open_view(page, tab)
        open_view(page, ids.TAB_ORGANISATIONS)
        page.wait_for_function(DECIMAL_CELLS, arg=ids.ORGANISATIONS_GRID, timeout=20_000)
        with page.expect_download() as download:
            page.click(f"#{ids.ORGANISATIONS_DOWNLOAD_BUTTON}")
        assert download.value.suggested_filename.endswith(".csv")
        violations = page.evaluate("window.__violations")
    assert violations == []
    assert page.errors == []
