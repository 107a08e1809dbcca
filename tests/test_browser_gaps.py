"""The Gaps view in a real browser: a hub lead reads the summary, selects a proposed
introduction and sees it dashed on the network, and opens the technical details."""

from __future__ import annotations

import pytest

from ecosystem.analysis.gaps import GAP_TITLES
from ecosystem.dashboard import ids
from ecosystem.dashboard.app import create_app
from ecosystem.load import DEMO_FILES, load_survey

from .test_dashboard import choose, status_contains

INTRODUCTION_DRAWN = """
([graphId, a, b]) => {
    const gd = document.getElementById(graphId).querySelector('.js-plotly-plot');
    if (!gd || !gd._fullData) return null;
    const points = {};
    for (const t of gd._fullData) {
        if (!(t.meta && t.meta.role === 'nodes') || !t.customdata) continue;
        t.customdata.forEach((c, i) => { points[Array.isArray(c) ? c[0] : c] = [t.x[i], t.y[i]]; });
    }
    const line = gd._fullData.find(t => t.meta && t.meta.role === 'introductions');
    if (!line || !points[a] || !points[b] || line.line.dash !== 'dash') return null;
    for (let i = 0; i + 1 < line.x.length; i += 3) {
        const ends = [[line.x[i], line.y[i]], [line.x[i + 1], line.y[i + 1]]];
        const same = (p, q) => p[0] === q[0] && p[1] === q[1];
        if ((same(ends[0], points[a]) && same(ends[1], points[b]))
            || (same(ends[0], points[b]) && same(ends[1], points[a]))) {
            return {name: line.name, pairs: line.meta.pairs};
        }
    }
    return null;
}
"""
"""The dashed introductions trace when it joins the points of organisations ``a`` and ``b``."""


@pytest.fixture(scope="module")
def demo_app():
    app = create_app(load_survey(DEMO_FILES), illustrative=True)
    yield app
    app.temporary_workspace.cleanup()


def open_gaps(page, url: str, hub: str) -> None:
    page.goto(url)
    choose(page, ids.HUB_SELECT, hub)
    status_contains(page, hub)
    page.click(f"#{ids.TAB_GAPS}")
    page.locator(f"#{ids.GAPS_SUMMARY} .gaps-actions li").first.wait_for(timeout=20_000)


@pytest.mark.browser
def test_a_hub_lead_reads_the_summary_and_sees_an_introduction_dashed(demo_app, page, serve):
    with serve(demo_app) as url:
        open_gaps(page, url, "Dorset")
        counts = page.locator(f"#{ids.GAPS_SUMMARY} .gaps-counts li").all_inner_texts()
        assert f"{GAP_TITLES['introduction']}: 20" in counts
        assert all(text.rsplit(": ", 1)[1].isdigit() for text in counts)
        kinds = page.locator(f"#{ids.GAPS_SUMMARY} .gaps-actions li").evaluate_all(
            "items => items.map(li => li.dataset.kind)"
        )
        assert 3 <= len(kinds) <= 5 and len(set(kinds)) > 1

        grid = page.locator(f"#{ids.GAPS_GRID}")
        grid.locator(".ag-center-cols-container .ag-row").first.wait_for(timeout=20_000)
        row = grid.locator(".ag-center-cols-container .ag-row", has_text="Partners to introduce")
        row = row.first
        organisation = row.locator("[col-id='organisation']").inner_text().strip()
        other = row.locator("[col-id='other']").inner_text().strip()
        row.locator(".ag-cell").first.click()
        drawn = page.wait_for_function(
            INTRODUCTION_DRAWN, arg=[ids.GAPS_GRAPH, organisation, other], timeout=20_000
        ).json_value()
        assert drawn["name"] == "Proposed introduction"

        selected = page.locator(f"#{ids.GAPS_SELECTED}")
        details = selected.locator("details")
        assert details.evaluate("d => d.open") is False
        assert "Adamic-Adar" not in selected.inner_text()
        details.locator("summary").click()
        page.wait_for_function(
            "id => document.querySelector(`#${id} details`).open", arg=ids.GAPS_SELECTED
        )
        assert "Adamic-Adar" in selected.inner_text()
    assert page.errors == []
