"""Flows that must work the first time, driven in headless Chromium.

The Compare view keeps its two networks at full height whichever hub is chosen, in any order;
a new, empty workspace welcomes its user and takes the first survey through the Data view; a
roster alone shows its organisations with no ties; the Data view takes a wave name as typed.
"""

from __future__ import annotations

import pytest

from ecosystem.codebook import ALL_HUBS
from ecosystem.dashboard import ids
from ecosystem.dashboard.app import create_app
from ecosystem.dashboard.views.welcome import NEEDS_A_WAVE, NO_ORGANISATIONS, NO_RESPONSES_READ
from ecosystem.load import DEMO_FILES, load_survey
from ecosystem.network import build_network
from tests.test_dashboard import choose, figure_titled, status_contains

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


ORGANISATIONS_DRAWN = """
(id) => {
    const graph = document.getElementById(id);
    const gd = graph && graph.querySelector('.js-plotly-plot');
    if (!gd || !gd._fullData) return null;
    const names = new Set();
    for (const trace of gd._fullData) {
        for (const c of trace.customdata || []) names.add(Array.isArray(c) ? c[0] : c);
    }
    const lines = gd._fullData.filter(t => t.mode === 'lines' && (t.x || []).length).length;
    return names.size ? {organisations: names.size, lines: lines} : null;
}
"""
"""How many organisations a network figure draws (their points name them), and its tie lines."""


def organisations_drawn(page, graph_id: str, count: int) -> dict:
    """Wait until the network draws ``count`` organisations; what it draws."""
    page.wait_for_function(
        f"([id, count]) => (({ORGANISATIONS_DRAWN})(id) || {{}}).organisations === count",
        arg=[graph_id, count],
        timeout=30_000,
    )
    return page.evaluate(ORGANISATIONS_DRAWN, graph_id)


def opened(page, url: str) -> None:
    """Go to the dashboard and wait until Dash has drawn the page (its status line)."""
    page.goto(url)
    page.wait_for_selector(f"#{ids.STATUS_TEXT}", state="attached", timeout=20_000)


def visible_text(page, element_id: str) -> str:
    """The text of an element the person can see (empty when it is hidden)."""
    locator = page.locator(f"#{element_id}")
    return locator.inner_text() if locator.is_visible() else ""


def open_every_view(page) -> dict[str, str]:
    """Open every view in turn; the sentence each shows in place of (or above) its content."""
    notes = {}
    for tab in ids.VIEWS:
        page.click(f"#{tab}")
        page.wait_for_function(
            "(id) => document.getElementById(id)?.hidden === false",
            arg=ids.panel(tab),
            timeout=10_000,
        )
        notes[tab] = visible_text(page, ids.note(tab))
    return notes


@pytest.fixture
def empty_app(tmp_path):
    return create_app(workspace=tmp_path / "new workspace")


@pytest.mark.browser
def test_a_new_workspace_welcomes_and_its_data_view_takes_the_first_survey(
    empty_app, page, serve, demo
):
    latest = demo.waves[-1]
    organisations = build_network(demo, latest).number_of_nodes()
    with serve(empty_app) as url:
        opened(page, url)
        status_contains(page, "This workspace is empty")
        assert "Data view" in visible_text(page, ids.WELCOME)
        assert page.get_attribute(f"#{ids.TAB_DATA}", "aria-selected") == "true"
        notes = open_every_view(page)
        assert notes[ids.TAB_NETWORK] == notes[ids.TAB_ORGANISATIONS] == NO_ORGANISATIONS
        for tab in (ids.TAB_GAPS, ids.TAB_BROKERAGE, ids.TAB_OVERVIEW, ids.TAB_COMPARE):
            assert notes[tab] == NEEDS_A_WAVE, tab
        assert not page.locator(f"#{ids.NETWORK_GRAPH}").is_visible()

        page.click(f"#{ids.TAB_DATA}")
        upload = f"#{ids.DATA_UPLOAD} input[type=file]"
        page.set_input_files(upload, [str(path) for path in DEMO_FILES])
        page.wait_for_selector(f"#{ids.DATA_REPORT} .ok", timeout=30_000)
        page.click(f"#{ids.DATA_IMPORT}")
        page.wait_for_function(
            "(id) => document.getElementById(id).innerText.includes('Imported')",
            arg=ids.DATA_MESSAGE,
            timeout=30_000,
        )
        page.click(f"#{ids.TAB_NETWORK}")
        drawn = organisations_drawn(page, ids.NETWORK_GRAPH, organisations)
        assert drawn["lines"] > 0, "the imported ties are drawn"
        status_contains(page, f"{latest}, {ALL_HUBS}")
        assert not page.locator(f"#{ids.WELCOME}").is_visible()
        assert visible_text(page, ids.note(ids.TAB_NETWORK)) == ""
    assert page.errors == []


@pytest.fixture
def roster_app():
    app = create_app(load_survey([DEMO_FILES[0]]))  # the organisations file alone
    yield app
    app.temporary_workspace.cleanup()


@pytest.mark.browser
def test_a_roster_alone_shows_its_organisations_with_no_ties_and_says_so(roster_app, page, serve):
    organisations = len(roster_app.data.survey.organisations)
    with serve(roster_app) as url:
        opened(page, url)
        drawn = organisations_drawn(page, ids.NETWORK_GRAPH, organisations)
        assert drawn["lines"] == 0
        status_contains(page, "no responses have been read yet")
        assert visible_text(page, ids.note(ids.TAB_NETWORK)) == NO_RESPONSES_READ
        assert not page.locator(f"#{ids.WELCOME}").is_visible()
        notes = open_every_view(page)
        assert notes[ids.TAB_GAPS] == notes[ids.TAB_BROKERAGE] == NEEDS_A_WAVE
        assert "two waves" in notes[ids.TAB_COMPARE]
    assert page.errors == []


@pytest.mark.browser
def test_a_wave_name_typed_in_the_data_view_counts_before_the_field_loses_focus(
    tmp_path, page, serve, demo
):
    app = create_app(demo, illustrative=True)
    answers = tmp_path / "answers.csv"
    answers.write_text(
        "respondent,partner,frequency,direction\n"
        "Dorset Innovation Hub,NHS Dorset,Weekly or more,Both ways\n",
        encoding="utf-8",
    )
    try:
        with serve(app) as url:
            page.goto(url)
            page.click(f"#{ids.TAB_DATA}")
            page.click(f"#{ids.DATA_WAVE}")
            page.keyboard.type("Summative 2025")  # real keys; the field keeps the focus
            page.set_input_files(f"#{ids.DATA_UPLOAD} input[type=file]", str(answers))
            page.wait_for_selector(f"#{ids.DATA_REPORT} .ok", timeout=20_000)
            assert "Summative 2025" in page.inner_text(f"#{ids.DATA_REPORT}")
            page.click(f"#{ids.TAB_DATA}")  # keeps the view; nothing else is typed
            page.click(f"#{ids.DATA_IMPORT}")
            page.wait_for_function(
                "(id) => document.getElementById(id).innerText.includes('Imported')",
                arg=ids.DATA_MESSAGE,
                timeout=20_000,
            )
        assert app.data.waves[-1] == "Summative 2025"
    finally:
        app.temporary_workspace.cleanup()
    assert page.errors == []


BOXES_AND_WORDS = """
(id) => [...document.querySelectorAll(`#${id} label`)].map(label => {
    const box = label.querySelector('input[type=checkbox]').getBoundingClientRect();
    const words = label.querySelector('.dash-options-list-option-text')
        || label.lastElementChild;
    const text = words.getBoundingClientRect();
    return {box: [box.right, (box.top + box.bottom) / 2],
            words: [text.left, text.top, text.bottom]};
})
"""
"""Where each match's check box and its words are drawn."""


@pytest.mark.browser
def test_each_suggested_match_has_its_check_box_on_the_line_of_its_words(
    tmp_path, page, serve, demo
):
    app = create_app(demo, illustrative=True)
    typo = tmp_path / "typo.csv"
    typo.write_text(
        "respondent,partner,frequency\n"
        "NHS Dorset,Wesex AHSN,Monthly\nNHS Dorset,Dorset Hub,Monthly\n"
    )
    try:
        with serve(app) as url:
            page.goto(url)
            page.click(f"#{ids.TAB_DATA}")
            page.set_input_files(f"#{ids.DATA_UPLOAD} input[type=file]", str(typo))
            page.locator(f"#{ids.DATA_MATCHES} input[type=checkbox]").nth(1).wait_for()
            drawn = page.evaluate(BOXES_AND_WORDS, ids.DATA_MATCHES)
    finally:
        app.temporary_workspace.cleanup()
    assert len(drawn) == 2
    for match in drawn:
        right, middle = match["box"]
        words_left, top, bottom = match["words"]
        assert top <= middle <= bottom, match  # on the same line
        assert right <= words_left, match  # the box before its words
    assert page.errors == []
