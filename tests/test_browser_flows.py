"""Flows that must work the first time, driven in headless Chromium.

The Compare view keeps its two networks at full height whichever hub is chosen, in any order;
the Data view takes a wave name as it is typed.
"""

from __future__ import annotations

import pytest

from ecosystem.codebook import ALL_HUBS
from ecosystem.dashboard import ids
from ecosystem.dashboard.app import create_app
from ecosystem.load import DEMO_FILES, load_survey
from tests.test_dashboard import choose, figure_titled

MIN_HALF_GRAPH_HEIGHT = 300
"""The least height (px) of each Compare network: the stylesheet asks for 520 px."""

DRAWN_HEIGHTS = """
(ids) => ids.map(id => {
    const graph = document.getElementById(id);
    const plot = graph.querySelector('.js-plotly-plot .main-svg');
    return {
        box: graph.getBoundingClientRect().height,
        plot: plot ? plot.getBoundingClientRect().height : 0,
    };
})
"""
"""The height of each graph's box and of the plot drawn inside it."""


@pytest.fixture(scope="module")
def demo_app():
    app = create_app(load_survey(DEMO_FILES), illustrative=True)
    yield app
    app.temporary_workspace.cleanup()


@pytest.mark.browser
def test_compare_networks_keep_their_height_on_the_first_visit_and_every_hub_change(
    demo_app, page, serve
):
    graphs = [ids.COMPARE_BEFORE_GRAPH, ids.COMPARE_AFTER_GRAPH]
    later_wave = demo_app.data.waves[-1]
    scopes = [*demo_app.data.hubs, ALL_HUBS]
    assert len(scopes) == 5
    with serve(demo_app) as url:
        page.goto(url)
        page.click(f"#{ids.TAB_COMPARE}")  # the first thing visited: Compare
        figure_titled(page, ids.COMPARE_AFTER_GRAPH, f"{ALL_HUBS}, {later_wave}")
        for scope in scopes * 2:
            choose(page, ids.HUB_SELECT, scope)
            for graph in graphs:
                figure_titled(page, graph, f"{scope}, ")
            heights = page.evaluate(DRAWN_HEIGHTS, graphs)
            for graph, height in zip(graphs, heights, strict=True):
                assert height["box"] >= MIN_HALF_GRAPH_HEIGHT, (scope, graph, height)
                assert height["plot"] >= MIN_HALF_GRAPH_HEIGHT, (scope, graph, height)
    assert page.errors == []
