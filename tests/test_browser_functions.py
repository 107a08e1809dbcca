"""The Core functions view in headless Chromium: every hub, or the one chosen, its findings,
the download, readable labels and a graph that keeps its height."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecosystem.dashboard import ids
from tests.test_dashboard import choose, figure_titled, status_contains

MIN_HEIGHT = 600
"""The least height (px) of the drawn figure: it asks for about 1,000 px with four hubs."""

HUB_HEADINGS = """
(id) => [...document.getElementById(id).querySelectorAll('h3')].map(h => h.innerText)
"""

TICK_LABELS = """
(id) => {
    const graph = document.getElementById(id);
    const plot = graph.querySelector('.js-plotly-plot .main-svg');
    const labels = '.ytick text, .xtick text, text[class$="title"], .annotation-text';
    const boxes = [...graph.querySelectorAll(labels)]
        .map(t => { const r = t.getBoundingClientRect();
                    return {text: t.textContent, left: r.left, right: r.right, top: r.top,
                            bottom: r.bottom}; })
        .filter(b => b.right > b.left && b.text);
    return {height: plot ? plot.getBoundingClientRect().height : 0,
            box: graph.getBoundingClientRect().height, boxes};
}
"""


def _hub_findings(page, count: int) -> list[str]:
    """The hubs whose findings are shown, once ``count`` of them are."""
    page.wait_for_function(
        "([id, n]) => document.getElementById(id).querySelectorAll('h3').length === n "
        "&& document.getElementById(id).querySelectorAll('li').length >= n",
        arg=[ids.FUNCTIONS_FINDINGS, count],
        timeout=30_000,
    )
    return page.evaluate(HUB_HEADINGS, ids.FUNCTIONS_FINDINGS)


def _assert_drawn_and_apart(page) -> None:
    measured = page.evaluate(TICK_LABELS, ids.FUNCTIONS_GRAPH)
    assert measured["height"] >= MIN_HEIGHT and measured["box"] >= MIN_HEIGHT, measured
    boxes = measured["boxes"]
    assert len(boxes) > 10
    for k, a in enumerate(boxes):
        for b in boxes[k + 1 :]:
            apart = (
                a["right"] <= b["left"] + 0.5
                or b["right"] <= a["left"] + 0.5
                or a["bottom"] <= b["top"] + 0.5
                or b["bottom"] <= a["top"] + 0.5
            )
            assert apart, f"{a['text']!r} overlaps {b['text']!r}"


@pytest.mark.browser
def test_every_hub_then_one_hub_with_findings_readable_and_downloaded(demo_app, page, serve):
    hubs = demo_app.data.hubs
    with serve(demo_app) as url:
        page.goto(url)
        page.click(f"#{ids.TAB_FUNCTIONS}")
        figure_titled(page, ids.FUNCTIONS_GRAPH, "All hubs: the hubs' three core functions")
        assert _hub_findings(page, len(hubs)) == hubs
        assert "compared with Formative 2023" in page.inner_text(f"#{ids.FUNCTIONS_WAVES}")
        assert page.locator(f"#{ids.FUNCTIONS_TABLE} tbody tr").count() == 8 * len(hubs)
        _assert_drawn_and_apart(page)

        choose(page, ids.HUB_SELECT, "Dorset")
        status_contains(page, "Dorset")
        figure_titled(page, ids.FUNCTIONS_GRAPH, "Dorset: the hubs' three core functions")
        assert _hub_findings(page, 1) == ["Dorset"]
        assert "Dorset's hub" in page.inner_text(f"#{ids.FUNCTIONS_FINDINGS}")
        _assert_drawn_and_apart(page)

        with page.expect_download(timeout=60_000) as download:
            page.click(f"#{ids.EXPORT_BUTTON}")
        assert download.value.suggested_filename == "functions-dorset-summative-2024.png"
        assert Path(download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        with page.expect_download(timeout=30_000) as table:
            page.click(f"#{ids.FUNCTIONS_DOWNLOAD_BUTTON}")
        assert table.value.suggested_filename == "functions-dorset-summative-2024.csv"
        assert "Dorset" in Path(table.value.path()).read_text(encoding="utf-8-sig")
    assert page.errors == []


@pytest.mark.browser
def test_the_view_is_readable_at_full_hd(demo_app, wide_page, serve):
    with serve(demo_app) as url:
        wide_page.goto(url)
        wide_page.click(f"#{ids.TAB_FUNCTIONS}")
        figure_titled(wide_page, ids.FUNCTIONS_GRAPH, "three core functions")
        _hub_findings(wide_page, len(demo_app.data.hubs))
        _assert_drawn_and_apart(wide_page)
    assert wide_page.errors == []
