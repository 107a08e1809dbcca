"""The Gaps view in a real browser: a hub lead reads the summary, selects a proposed
introduction and sees it dashed on the network, and opens the technical details; the exported
picture's list of findings, measured in the rendered SVG, overlaps nothing."""

from __future__ import annotations

import pytest

from ecosystem.analysis.gaps import GAP_TITLES
from ecosystem.dashboard import ids
from ecosystem.exhibits import view_figure
from ecosystem.export import figure_bytes
from ecosystem.network import NetworkOptions
from ecosystem.service import Selection

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


LIST_BOXES = """
(listed) => {
    const svg = document.querySelector('svg.main-svg');
    const box = e => { const r = e.getBoundingClientRect();
                       return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
    const notes = [...svg.querySelectorAll('g.annotation')]
        .filter(g => listed.includes(Number(g.dataset.index)))
        .map(g => box(g.querySelector('.annotation-text')));
    const labels = [...svg.querySelectorAll('.scatterlayer g.text text')]
        .filter(t => t.textContent).map(box);
    const legend = svg.querySelector('g.legend');
    return {page: box(svg), notes, labels, legend: legend ? box(legend) : null};
}
"""
"""The boxes of the listed findings' text, the organisations' labels and the legend."""


def overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and (a["top"] < b["bottom"] and b["top"] < a["bottom"])
    )


@pytest.mark.browser
@pytest.mark.parametrize("hub", ["Dorset", None])
def test_the_exported_svg_lists_findings_that_overlap_nothing(hub, page, chromium, demo):
    survey = demo
    selection = Selection("Summative 2024", NetworkOptions(hub=hub), source="demo")
    figure = view_figure(survey, "gaps", selection)
    listed = [
        k
        for k, note in enumerate(figure.layout.annotations)
        if note.name in {"finding", "findings-heading", "note"}
    ]
    svg = figure_bytes(figure, "svg").decode("utf-8")
    page.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
    boxes = page.evaluate(LIST_BOXES, listed)
    notes = boxes["notes"]
    assert len(notes) == len(listed) >= 2 * 5 + 2
    for k, a in enumerate(notes):
        inside = boxes["page"]
        assert inside["left"] <= a["left"] and a["right"] <= inside["right"], a
        assert inside["top"] <= a["top"] and a["bottom"] <= inside["bottom"], a
        assert not any(overlap(a, b) for b in notes[k + 1 :]), a
        assert not any(overlap(a, label) for label in boxes["labels"]), a
        assert boxes["legend"] is None or not overlap(a, boxes["legend"]), a
