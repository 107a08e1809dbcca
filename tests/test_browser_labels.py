"""The network picture read as a person sees it: every label's box measured in Chromium, on
the dashboard at 1280x800 and in the exported SVG."""

from __future__ import annotations

import pytest

from ecosystem.codebook import ALL_HUBS
from ecosystem.exhibits import exhibit_bytes
from ecosystem.network import NetworkOptions, build_network
from ecosystem.service import Selection
from tests.test_dashboard import choose, figure_titled

LABEL_BOXES = """
(root) => {
    const svg = root.querySelector('.main-svg') ? root : document;
    const drag = svg.querySelector('.nsewdrag');
    const clip = svg.querySelector('clipPath[id$="xyplot"] rect');
    const main = svg.querySelector('svg.main-svg, svg').getBoundingClientRect();
    const scale = main.width / Number(svg.querySelector('svg').getAttribute('width') || main.width);
    const plot = drag ? drag.getBoundingClientRect() : {
        left: main.left + scale * clip.x.baseVal.value,
        top: main.top + scale * clip.y.baseVal.value,
        right: main.left + scale * (clip.x.baseVal.value + clip.width.baseVal.value),
        bottom: main.top + scale * (clip.y.baseVal.value + clip.height.baseVal.value),
    };
    const labels = [...svg.querySelectorAll('.annotation')]
        .filter(a => !a.closest('.legend'))
        .map(a => a.querySelector('.annotation-text'))
        .filter(t => t && !/Node size|Illustrative|Each tied/.test(t.textContent));
    const boxes = labels.map(t => {
        const r = t.getBoundingClientRect();
        return {text: t.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom};
    });
    const points = [...svg.querySelectorAll('.scatterlayer .trace .points path')]
        .map(p => p.getBoundingClientRect()).filter(r => r.width > 0);
    const legend = root._fullLayout ? root._fullLayout.legend : null;
    const note = [...svg.querySelectorAll('.annotation-text')]
        .find(t => /Node size/.test(t.textContent));
    return {
        noteRight: note ? note.getBoundingClientRect().right : null,
        figureRight: main.right,
        boxes,
        plot: {left: plot.left, top: plot.top, right: plot.right, bottom: plot.bottom},
        nodesLeft: Math.min(...points.map(r => r.left)),
        nodesRight: Math.max(...points.map(r => r.right)),
        legend: legend ? [legend._height, legend._maxHeight] : null,
    };
}
"""


def _assert_readable(measured: dict, organisations: int | None, framed: bool = True) -> None:
    """Labels counted, uncut and apart; with ``framed``, inside the plot and spread over it."""
    boxes, plot = measured["boxes"], measured["plot"]
    assert boxes, "labels are drawn"
    if organisations is not None:
        assert len(boxes) == organisations
    for box in boxes:
        assert "…" not in box["text"]
        if not framed:
            continue
        assert plot["left"] - 1 <= box["left"] and box["right"] <= plot["right"] + 1, box
        assert plot["top"] - 1 <= box["top"] and box["bottom"] <= plot["bottom"] + 1, box
    for k, a in enumerate(boxes):
        for b in boxes[k + 1 :]:
            apart = (
                a["right"] <= b["left"] + 0.5
                or b["right"] <= a["left"] + 0.5
                or a["bottom"] <= b["top"] + 0.5
                or b["bottom"] <= a["top"] + 0.5
            )
            assert apart, f"{a['text']!r} overlaps {b['text']!r}"
    if not framed:
        return
    if measured["noteRight"] is not None:
        assert measured["noteRight"] <= measured["figureRight"] + 1, "the caption is not cut"
    spread = max(measured["nodesRight"], *(b["right"] for b in boxes)) - min(
        measured["nodesLeft"], *(b["left"] for b in boxes)
    )
    assert spread >= 0.8 * (plot["right"] - plot["left"])


@pytest.mark.browser
def test_every_hub_network_labels_every_organisation_apart_at_1280(demo_app, page, serve, demo):
    survey = demo
    wave = survey.waves[-1]
    with serve(demo_app) as url:
        page.goto(url)
        page.wait_for_selector("#network-graph .js-plotly-plot .scatterlayer")
        for hub in [*survey.hubs, ALL_HUBS]:
            choose(page, "hub-select", hub)
            figure_titled(page, "network-graph", f"{hub}, {wave}")
            graph = page.locator("#network-graph .js-plotly-plot")
            measured = graph.evaluate(LABEL_BOXES)
            count = (
                None
                if hub == ALL_HUBS
                else len(build_network(survey, wave, NetworkOptions(hub=hub)))
            )
            _assert_readable(measured, count)
            height, most = measured["legend"]
            assert height <= most, "the legend shows every entry without scrolling"
    assert page.errors == []


@pytest.mark.browser
def test_the_exported_svg_labels_every_organisation_apart(page, chromium, demo):
    survey = demo
    wave = survey.waves[-1]
    for hub in survey.hubs:
        selection = Selection(wave=wave, options=NetworkOptions(hub=hub))
        svg = exhibit_bytes(survey, "network", selection, "svg")
        page.set_content(f"<html><body style='margin:0'>{svg.decode('utf-8')}</body></html>")
        measured = page.locator("body").evaluate(LABEL_BOXES)
        count = len(build_network(survey, wave, NetworkOptions(hub=hub)))
        _assert_readable(measured, count, framed=False)  # the SVG's plot frame is not read


def _organisations(survey, wave: str, hub: str) -> int:
    return len(build_network(survey, wave, NetworkOptions(hub=hub)))


@pytest.mark.browser
def test_compare_and_gaps_networks_label_every_organisation_apart_at_1280(
    demo_app, page, serve, demo
):
    """The narrower panes (the two waves side by side, the gaps network) read as well."""
    from ecosystem.dashboard import ids

    survey = demo
    earlier, later = survey.waves[0], survey.waves[-1]
    with serve(demo_app) as url:
        page.goto(url)
        page.wait_for_selector("#network-graph .js-plotly-plot .scatterlayer")
        for hub in survey.hubs:
            choose(page, "hub-select", hub)
            page.click(f"#{ids.TAB_COMPARE}")
            for graph_id, wave in (
                ("compare-graph-before", earlier),
                ("compare-graph-after", later),
            ):
                figure_titled(page, graph_id, f"{hub}, {wave}")
                measured = page.locator(f"#{graph_id} .js-plotly-plot").evaluate(LABEL_BOXES)
                _assert_readable(measured, _organisations(survey, wave, hub))
            page.click(f"#{ids.TAB_GAPS}")
            figure_titled(page, ids.GAPS_GRAPH, f"{hub}, {later}")
            measured = page.locator(f"#{ids.GAPS_GRAPH} .js-plotly-plot").evaluate(LABEL_BOXES)
            _assert_readable(measured, _organisations(survey, later, hub))
            page.click(f"#{ids.TAB_NETWORK}")
    assert page.errors == []


CUT_VALUES = """
() => [...document.querySelectorAll('.dash-dropdown-value')]
    .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent)
"""


@pytest.mark.browser
def test_no_chosen_hub_organisation_or_format_is_cut_at_1280(demo_app, page, serve, demo):
    """The controls show what is chosen whole: every hub, the longest organisation name."""
    from ecosystem.dashboard import ids

    survey = demo
    wave = survey.waves[-1]
    with serve(demo_app) as url:
        page.goto(url)
        page.wait_for_selector("#network-graph .js-plotly-plot .scatterlayer")
        for hub in survey.hubs:
            choose(page, "hub-select", hub)
            figure_titled(page, "network-graph", f"{hub}, {wave}")
            assert page.evaluate(CUT_VALUES) == [], hub
        longest = max(build_network(survey, wave, NetworkOptions(hub=hub)), key=len)
        choose(page, ids.PROFILE_SELECT, longest)
        page.wait_for_function(
            "name => document.querySelector('#network-select-profile').textContent.includes(name)",
            arg=longest,
        )
        assert page.evaluate(CUT_VALUES) == []
    assert page.errors == []
