"""A 2,000-organisation ecosystem in a real browser: the network opens, the wave switches,
a size measure patches the picture, and nothing is logged as an error on the way."""

from __future__ import annotations

import pytest

from ecosystem.dashboard import ids
from ecosystem.dashboard.app import create_app
from ecosystem.glossary import measure_label
from ecosystem.store import Workspace
from ecosystem.survey import Survey
from ecosystem.synthetic import SYNTHETIC_WAVE, SYNTHETIC_WAVES, two_wave_survey
from tests.test_dashboard import choose, figure_titled, status_contains

ORGANISATIONS = 2_000
FIRST, SECOND = SYNTHETIC_WAVES

WEBGL_NODES = """
([graphId, count]) => {
    const gd = document.getElementById(graphId).querySelector('.js-plotly-plot');
    const nodes = (gd && gd._fullData || []).filter(t => t.meta && t.meta.role === 'nodes');
    const drawn = nodes.reduce((sum, t) => sum + (t.customdata || []).length, 0);
    return nodes.length > 0 && nodes.every(t => t.type === 'scattergl') && drawn === count;
}
"""
"""Whether the network shows ``count`` organisations, all as WebGL points."""


def two_waves(organisations: int) -> Survey:
    """A synthetic survey asked twice (:func:`ecosystem.synthetic.two_wave_survey`)."""
    return two_wave_survey(organisations, organisations * 4, seed=11)


def captioned(page, text: str) -> None:
    """Wait until the network's caption says ``text``."""
    page.wait_for_function(
        """([graphId, text]) => {
            const gd = document.getElementById(graphId).querySelector('.js-plotly-plot');
            return (gd._fullLayout.annotations || []).some(a => (a.text || '').includes(text));
        }""",
        arg=[ids.NETWORK_GRAPH, text],
        timeout=60_000,
    )


@pytest.fixture(scope="module")
def large_app(tmp_path_factory):
    """The dashboard on a workspace holding the 2,000-organisation survey."""
    workspace = tmp_path_factory.mktemp("large-workspace")
    with Workspace(workspace) as store:
        store.import_survey(two_waves(ORGANISATIONS), [])
    return create_app(workspace=workspace)


def test_the_survey_has_two_waves_of_the_size_asked_for():
    survey = two_waves(50)
    assert survey.waves == [FIRST, SECOND]
    assert len(survey.organisations) == 50
    assert SYNTHETIC_WAVE not in set(survey.responses["wave"])


@pytest.mark.browser
def test_two_thousand_organisations_open_switch_wave_and_resize(large_app, page, serve):
    with serve(large_app) as url:
        page.goto(url)
        page.wait_for_selector(f"#{ids.STATUS_TEXT}", timeout=60_000)
        status_contains(page, f"{SECOND}, All hubs: {ORGANISATIONS} organisations")
        figure_titled(page, ids.NETWORK_GRAPH, f"All hubs, {SECOND}")
        page.wait_for_function(WEBGL_NODES, arg=[ids.NETWORK_GRAPH, ORGANISATIONS])

        choose(page, ids.WAVE_SELECT, FIRST)
        status_contains(page, f"{FIRST}, All hubs: {ORGANISATIONS} organisations")
        figure_titled(page, ids.NETWORK_GRAPH, f"All hubs, {FIRST}")
        page.wait_for_function(WEBGL_NODES, arg=[ids.NETWORK_GRAPH, ORGANISATIONS])

        # It opened sized by PageRank; betweenness, computed meanwhile in the background,
        # patches the picture in place: the caption names the measure.
        captioned(page, f"Node size: {measure_label('pagerank')}")
        choose(page, ids.SIZE_SELECT, measure_label("betweenness"))
        captioned(page, f"Node size: {measure_label('betweenness')}")
        figure_titled(page, ids.NETWORK_GRAPH, f"All hubs, {FIRST}")  # the same network
    assert page.errors == []
