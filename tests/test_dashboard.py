"""The dashboard, served for real and driven in headless Chromium: the main journeys."""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ecosystem.dashboard import ids
from ecosystem.dashboard.app import create_app

NODE_POSITION = """
([graphId, name]) => {
    const gd = document.getElementById(graphId).querySelector('.js-plotly-plot');
    for (const trace of gd._fullData) {
        if (!trace.customdata) continue;
        for (let i = 0; i < trace.customdata.length; i++) {
            const c = trace.customdata[i];
            if ((Array.isArray(c) ? c[0] : c) === name) {
                const layout = gd._fullLayout;
                const box = gd.getBoundingClientRect();
                return {
                    x: box.left + layout._size.l + layout.xaxis.l2p(trace.x[i]),
                    y: box.top + layout._size.t + layout.yaxis.l2p(trace.y[i]),
                };
            }
        }
    }
    return null;
}
"""

STEADY_NODE_POSITION = f"""
([graphId, name]) => {{
    const point = ({NODE_POSITION})([graphId, name]);
    const seen = JSON.stringify(point);
    const steady = point !== null && window.__lastNodePosition === seen;
    window.__lastNodePosition = seen;
    return steady ? point : null;
}}
"""
"""An organisation's point on the page once it is where it was one animation frame before."""

FIGURE_TITLED = """
([graphId, text]) => {
    const graph = document.getElementById(graphId);
    const gd = graph && graph.querySelector('.js-plotly-plot');
    const title = gd && gd._fullLayout && gd._fullLayout.title;
    return Boolean(title && (title.text || '').includes(text)
        && !graph.closest('[data-dash-is-loading]')
        && !graph.querySelector('[data-dash-is-loading]'));
}
"""
"""Whether a graph has drawn the figure whose title names ``text`` and is loading nothing."""

COLUMN_SORTED_DESCENDING = """
([gridId, column]) => {
    const rows = [...document.querySelectorAll(
        `#${gridId} .ag-center-cols-container .ag-row`)];
    rows.sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')));
    const values = rows.map(row => parseFloat(
        (row.querySelector(`[col-id="${column}"]`) || {}).innerText));
    return values.length > 1 && values.every((v, i) => i === 0 || v <= values[i - 1]);
}
"""
"""Whether a grid's rendered rows run from the highest value of a column down."""


@pytest.fixture
def fresh_app(demo):
    """An app of its own, for a test that imports: the shared one keeps the demo's waves."""
    app = create_app(demo, illustrative=True)
    yield app
    app.temporary_workspace.cleanup()


WAIT_MS = 60_000
"""A bound on waiting for the dashboard to answer, not a measure of its speed: the wait ends
as soon as the page shows the answer. A first visit computes the comparison of every hub,
which takes longer than 20 s on a busy two-core machine running the suite on both cores."""


def status_contains(page, text: str) -> None:
    page.wait_for_function(
        "([id, text]) => document.getElementById(id).innerText.includes(text)",
        arg=[ids.STATUS_TEXT, text],
        timeout=WAIT_MS,
    )


def figure_titled(page, graph_id: str, text: str) -> None:
    """Wait until the graph shows the figure whose title names ``text`` (new data, not old)."""
    page.wait_for_function(FIGURE_TITLED, arg=[graph_id, text], timeout=WAIT_MS)


def steady_node_position(page, graph_id: str, name: str) -> dict:
    """Where an organisation's point is on the page, once the figure has stopped moving."""
    handle = page.wait_for_function(
        STEADY_NODE_POSITION, arg=[graph_id, name], polling="raf", timeout=20_000
    )
    return handle.json_value()


def choose(page, dropdown_id: str, option: str) -> None:
    page.click(f"#{dropdown_id}")
    page.get_by_role("option", name=option, exact=True).click()


def test_the_app_serves_every_script_and_stylesheet_itself(demo_app, serve):
    with serve(demo_app) as url:
        html = urllib.request.urlopen(url, timeout=10).read().decode()
        sources = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert sources, "the page loads scripts"
        for source in sources:
            assert source.startswith("/"), f"{source} is not served by the app"
            assert urllib.request.urlopen(url + source, timeout=10).status == 200, source
    assert "/assets/style.css" in html


@pytest.mark.browser
def test_a_hub_lead_switches_wave_and_hub_and_opens_a_profile(demo_app, page, serve):
    with serve(demo_app) as url:
        page.goto(url)
        page.wait_for_selector(f"#{ids.NETWORK_GRAPH} .js-plotly-plot .scatterlayer")
        assert "Illustrative data" in page.inner_text(f"#{ids.ILLUSTRATIVE_BANNER}")
        status_contains(page, "Summative 2024, All hubs")

        choose(page, ids.HUB_SELECT, "Dorset")
        status_contains(page, "Summative 2024, Dorset")
        choose(page, ids.WAVE_SELECT, "Formative 2023")
        status_contains(page, "Formative 2023, Dorset")

        # The hub is in the figure of either wave: wait for the new wave's figure, then read
        # the hub's position from it.
        figure_titled(page, ids.NETWORK_GRAPH, "Dorset, Formative 2023")
        point = steady_node_position(page, ids.NETWORK_GRAPH, "Dorset Innovation Hub")
        assert point is not None
        page.mouse.move(point["x"], point["y"])
        page.mouse.click(point["x"], point["y"])
        page.wait_for_function(
            "([id]) => document.getElementById(id).innerText.includes('Dorset Innovation Hub')",
            arg=[ids.PROFILE_PANEL],
            timeout=20_000,
        )
        panel = page.inner_text(f"#{ids.PROFILE_PANEL}")
        assert "Measures and ranks" in panel
        assert "Brokerage roles" in panel
    assert page.errors == []


@pytest.mark.browser
def test_an_evaluator_sorts_the_organisations_table(demo_app, page, serve):
    with serve(demo_app) as url:
        page.goto(url)
        page.get_by_role("tab", name="Organisations").click()
        grid = page.locator(f"#{ids.ORGANISATIONS_GRID}")
        grid.locator(".ag-row").first.wait_for(timeout=20_000)
        header = grid.locator(".ag-header-cell", has_text="Betweenness").first
        for _ in range(3):  # none -> ascending -> descending, whatever the grid started from
            state = header.get_attribute("aria-sort")
            if state == "descending":
                break
            header.click()
            page.wait_for_function(
                "([cell, before]) => cell.getAttribute('aria-sort') !== before",
                arg=[header.element_handle(), state],
                timeout=10_000,
            )
        assert header.get_attribute("aria-sort") == "descending"
        page.wait_for_function(
            COLUMN_SORTED_DESCENDING, arg=[ids.ORGANISATIONS_GRID, "betweenness"], timeout=10_000
        )
        first = grid.locator(".ag-center-cols-container .ag-row[row-index='0']").inner_text()
        assert "0.4" in first or "0.3" in first  # the top broker's normalised betweenness
        with page.expect_download() as download:
            page.click(f"#{ids.ORGANISATIONS_DOWNLOAD_BUTTON}")
        assert download.value.suggested_filename == "organisations-all-hubs-summative-2024.csv"
    assert page.errors == []


@pytest.mark.browser
def test_every_view_renders_at_full_hd_without_console_errors(demo_app, wide_page, serve):
    page = wide_page
    with serve(demo_app) as url:
        page.goto(url)
        page.wait_for_selector(f"#{ids.NETWORK_GRAPH} .js-plotly-plot .scatterlayer")
        page.get_by_role("tab", name="Brokerage").click()
        page.wait_for_selector(f"#{ids.BROKERAGE_MATRIX_GRAPH} .heatmaplayer", timeout=20_000)
        page.get_by_role("tab", name="Overview").click()
        page.wait_for_selector(f"#{ids.OVERVIEW_TABLE} table", timeout=20_000)
        assert "Cambridgeshire and Peterborough" in page.inner_text(f"#{ids.OVERVIEW_TABLE}")
        page.get_by_role("tab", name="How to read this").click()
        assert "Betweenness" in page.inner_text(f"#{ids.GUIDE_TEXT}")
        assert page.errors == []


def _components(component):
    """Every component of a Dash layout, depth first."""
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if hasattr(child, "to_plotly_json"):
            yield from _components(child)


def test_every_graph_has_the_one_mode_bar_without_cloud_buttons(demo_app):
    from dash import dcc

    from ecosystem.dashboard.views.controls import GRAPH_CONFIG

    graphs = [c for c in _components(demo_app.layout()) if isinstance(c, dcc.Graph)]
    assert len(graphs) >= 10, "the layout's graphs were not found"
    for graph in graphs:
        assert graph.config is GRAPH_CONFIG, graph.id
    assert GRAPH_CONFIG["showSendToCloud"] is False
    assert "sendDataToCloud" in GRAPH_CONFIG["modeBarButtonsToRemove"]


@pytest.mark.browser
def test_nothing_leaves_the_machine_no_cloud_buttons_no_other_hosts(demo_app, page, serve):
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    with serve(demo_app) as url:
        page.goto(url)
        page.wait_for_selector(f"#{ids.NETWORK_GRAPH} .modebar", state="attached")
        page.get_by_role("tab", name="Brokerage").click()
        page.wait_for_selector(f"#{ids.BROKERAGE_MATRIX_GRAPH} .modebar", state="attached")
        page.get_by_role("tab", name="Overview").click()
        page.wait_for_selector(f"#{ids.OVERVIEW_GRAPH} .modebar", state="attached")
        titles = page.eval_on_selector_all(
            ".modebar-btn", "buttons => buttons.map(b => b.getAttribute('data-title'))"
        )
        assert "Download plot as a PNG" in titles, "the mode bars were not drawn"
        cloud = [t for t in titles if "share" in t.lower() or "chart studio" in t.lower()]
        assert not cloud, f"buttons that send a chart to a cloud: {cloud}"
        assert hosts == {urlsplit(url).netloc}, f"the page contacted {hosts}"
    assert page.errors == []


@pytest.mark.browser
def test_the_main_controls_are_reachable_by_keyboard(demo_app, page, serve):
    with serve(demo_app) as url:
        page.goto(url)
        page.wait_for_selector(f"#{ids.NETWORK_GRAPH} .js-plotly-plot", timeout=60_000)
        # Start from the page's heading, wherever a late render left the focus (a click sets
        # where Tab starts), then Tab through the controls (a bound on presses, not on time)
        # until both are reached.
        page.click("h1")
        wanted, reached = {ids.WAVE_SELECT, ids.HUB_SELECT}, set()
        for _ in range(40):
            page.keyboard.press("Tab")
            reached.add(page.evaluate("document.activeElement.closest('[id]')?.id"))
            if wanted <= reached:
                break
        assert wanted <= reached, f"reached by Tab: {sorted(filter(None, reached))}"
    assert page.errors == []


@pytest.mark.browser
def test_an_evaluator_compares_two_waves_and_finds_the_difference_map(demo_app, page, serve):
    with serve(demo_app) as url:
        page.goto(url)
        choose(page, ids.HUB_SELECT, "Dorset")
        status_contains(page, "Dorset")
        page.click(f"#{ids.TAB_COMPARE}")
        page.wait_for_selector(f"#{ids.COMPARE_FINDINGS} li", timeout=30_000)
        assert "ensity" in page.inner_text(f"#{ids.COMPARE_FINDINGS}")
        page.wait_for_function(
            "(id) => { const gd = document.getElementById(id).querySelector('.js-plotly-plot');"
            " return gd && gd._fullData && ['Gained', 'Lost', 'Kept'].every("
            "s => gd._fullData.some(t => (t.name || '').startsWith(s))); }",
            arg=ids.COMPARE_DIFFERENCE_GRAPH,
            timeout=30_000,
        )
        page.wait_for_function(  # the legend is drawn after the figure's data arrives
            "(id) => ['Gained', 'Lost'].every(s => (document.getElementById(id)"
            ".querySelector('.legend') || {}).textContent?.includes(s))",
            arg=ids.COMPARE_DIFFERENCE_GRAPH,
            timeout=10_000,
        )
        legend = page.locator(f"#{ids.COMPARE_DIFFERENCE_GRAPH} .legend").text_content()
        assert "Gained" in legend and "Lost" in legend
    assert page.errors == []


@pytest.mark.browser
def test_a_hub_lead_selects_a_finding_and_sees_it_highlighted(demo_app, page, serve):
    with serve(demo_app) as url:
        page.goto(url)
        choose(page, ids.HUB_SELECT, "Bradford District and Craven")
        status_contains(page, "Bradford District and Craven")
        page.click(f"#{ids.TAB_GAPS}")
        grid = page.locator(f"#{ids.GAPS_GRID}")
        first = grid.locator(".ag-center-cols-container .ag-row[row-index='0']")
        first.wait_for(timeout=20_000)
        first.locator(".ag-cell").first.click()
        page.wait_for_function(
            "(id) => { const gd = document.getElementById(id).querySelector('.js-plotly-plot');"
            " return gd && gd._fullData && gd._fullData.some("
            "t => t.meta && t.meta.role === 'highlight' && t.x.length > 0); }",
            arg=ids.GAPS_GRAPH,
            timeout=20_000,
        )
        selected = page.inner_text(f"#{ids.GAPS_SELECTED}")
        assert "Evidence" in selected
        with page.expect_download() as download:
            page.click(f"#{ids.GAPS_DOWNLOAD_BUTTON}")
        name = download.value.suggested_filename
        assert name == "gaps-bradford-district-and-craven-summative-2024.csv"
    assert page.errors == []


@pytest.mark.browser
def test_a_report_writer_downloads_the_open_view_with_names_hidden(demo_app, page, serve):
    with serve(demo_app) as url:
        page.goto(url)
        choose(page, ids.HUB_SELECT, "Dorset")
        status_contains(page, "Dorset")
        page.click(f"#{ids.EXPORT_ANONYMISE} input")
        with page.expect_download(timeout=60_000) as download:
            page.click(f"#{ids.EXPORT_BUTTON}")
        assert download.value.suggested_filename == "network-anonymised-dorset-summative-2024.png"
        data = Path(download.value.path()).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20], "big") >= 2400
    assert page.errors == []


@pytest.mark.browser
def test_an_evaluator_uploads_a_file_reads_its_report_and_imports_a_wave(
    fresh_app, page, serve, tmp_path
):
    good = tmp_path / "summative-2025.csv"
    good.write_text(
        "respondent,partner,frequency,direction\n"
        "Dorset Innovation Hub,NHS Dorset,Weekly or more,Both ways\n",
        encoding="utf-8",
    )
    bad = tmp_path / "typo.csv"
    bad.write_text("respondent,partner,frequency\nNHS Dorset,Dorset Hub,Monthly\n")
    with serve(fresh_app) as url:
        page.goto(url)
        page.click(f"#{ids.TAB_DATA}")
        page.fill(f"#{ids.DATA_WAVE}", "Summative 2025")
        page.press(f"#{ids.DATA_WAVE}", "Enter")
        page.set_input_files(f"#{ids.DATA_UPLOAD} input[type=file]", str(bad))
        page.wait_for_selector("#data-table-problems", timeout=20_000)
        problems = page.inner_text("#data-table-problems")
        assert "typo.csv" in problems and "partner" in problems and "Dorset Hub" in problems

        page.set_input_files(f"#{ids.DATA_UPLOAD} input[type=file]", str(good))
        page.wait_for_selector(f"#{ids.DATA_REPORT} .ok", timeout=20_000)
        page.click(f"#{ids.DATA_IMPORT}")
        page.wait_for_function(
            "(id) => document.getElementById(id).innerText.includes('Imported')",
            arg=ids.DATA_MESSAGE,
            timeout=20_000,
        )
        page.click(f"#{ids.WAVE_SELECT}")
        page.get_by_role("option", name="Summative 2025", exact=True).wait_for(timeout=10_000)
    assert page.errors == []


@pytest.mark.browser
def test_an_evaluator_ticks_a_suggested_match_and_saves_it_as_an_alias(
    fresh_app, page, serve, tmp_path
):
    typo = tmp_path / "typo.csv"
    typo.write_text("respondent,partner,frequency\nNHS Dorset,Wesex AHSN,Monthly\n")
    with serve(fresh_app) as url:
        page.goto(url)
        page.click(f"#{ids.TAB_DATA}")
        page.set_input_files(f"#{ids.DATA_UPLOAD} input[type=file]", str(typo))
        box = page.locator(f"#{ids.DATA_MATCHES} input[type=checkbox]").first
        box.wait_for(timeout=20_000)
        assert "'Wesex AHSN' is Health Innovation Wessex" in page.inner_text(f"#{ids.DATA_MATCHES}")
        box.click()
        page.wait_for_function(
            "(id) => document.querySelector(`#${id} input[type=checkbox]`)?.checked === true",
            arg=ids.DATA_MATCHES,
        )
        page.click(f"#{ids.DATA_SAVE_MATCHES}")
        page.wait_for_function(
            "(id) => document.getElementById(id).innerText.includes('Saved 1 alias')",
            arg=ids.DATA_MESSAGE,
            timeout=20_000,
        )
        # Checked again with the alias saved, the same file is now all good.
        page.wait_for_selector(f"#{ids.DATA_REPORT} .ok", timeout=20_000)
    assert (
        "Wesex AHSN"
        in fresh_app.data.survey.organisations.loc["Health Innovation Wessex", "aliases"]
    )
    assert page.errors == []
