"""The Sustainability view in headless Chromium: an evaluator asks what Dorset's ecosystem
loses if its hub leaves or joins the ICB, builds a removal of their own, and downloads the
view; the picture keeps its height and its labels apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecosystem.analysis.sustainability import Scenario, run_scenario
from ecosystem.dashboard import ids
from ecosystem.network import NetworkOptions, build_network
from ecosystem.service import HUB_JOINS_ICB, HUB_LEAVES, hub_scenarios
from tests.test_browser_flows import DRAWN_HEIGHTS
from tests.test_browser_labels import LABEL_BOXES, _assert_readable
from tests.test_dashboard import choose, figure_titled, status_contains

LATEST = "Summative 2024"
LEAVES = HUB_LEAVES
JOINS = HUB_JOINS_ICB
MIN_GRAPH_HEIGHT = 450
"""The least height (px) of the before-and-after picture: the stylesheet asks for 600 px."""


@pytest.fixture(scope="module")
def survey(demo):
    return demo


def expected(survey, hub: str, scenario: Scenario):
    """The scenario run on the hub's network as the core runs it."""
    return run_scenario(build_network(survey, LATEST, NetworkOptions(hub=hub)), scenario)


def text_shows(page, element_id: str, *texts: str) -> None:
    """Wait until an element's text holds every one of ``texts``."""
    page.wait_for_function(
        "([id, texts]) => { const e = document.getElementById(id);"
        " return e && texts.every(t => e.innerText.includes(t)); }",
        arg=[element_id, list(texts)],
        timeout=30_000,
    )


def opened_for(page, url: str, hub: str | None = None) -> None:
    """The dashboard with ``hub`` chosen (by default every hub) and the Sustainability view
    open."""
    page.goto(url)
    page.wait_for_selector(f"#{ids.NETWORK_GRAPH} .js-plotly-plot .scatterlayer")
    if hub is not None:
        choose(page, ids.HUB_SELECT, hub)
        status_contains(page, hub)
    page.click(f"#{ids.TAB_SUSTAINABILITY}")


def shows_result(page, result) -> None:
    """Wait until the summary shows the result's fragmentations and first finding."""
    numbers = [f"{result.fragmentation_before:.2f}", f"{result.fragmentation_after:.2f}"]
    text_shows(page, ids.SUSTAINABILITY_SUMMARY, result.scenario.describe(), *numbers)
    text_shows(page, ids.SUSTAINABILITY_FINDINGS, *result.findings)
    figure_titled(page, ids.SUSTAINABILITY_GRAPH, result.scenario.describe())


def assert_full_height(page) -> None:
    (height,) = page.evaluate(DRAWN_HEIGHTS, [ids.SUSTAINABILITY_GRAPH])
    assert height["box"] >= MIN_GRAPH_HEIGHT, height
    assert height["plot"] >= MIN_GRAPH_HEIGHT, height


@pytest.mark.browser
def test_an_evaluator_sees_dorset_lose_its_hub_then_join_the_icb_and_downloads_it(
    demo_app, page, serve, survey
):
    ready = hub_scenarios(survey, "Dorset")
    with serve(demo_app) as url:
        opened_for(page, url, "Dorset")
        leaves = expected(survey, "Dorset", ready[LEAVES])
        shows_result(page, leaves)
        assert_full_height(page)
        text_shows(page, ids.SUSTAINABILITY_KEY_PLAYERS, "exact")
        page.wait_for_selector(f"#{ids.SUSTAINABILITY_SUCCESSORS_TABLE} tbody tr")
        rows = page.locator(f"#{ids.SUSTAINABILITY_SUCCESSORS_TABLE} tbody tr").count()
        assert rows == 10

        choose(page, ids.SUSTAINABILITY_SCENARIO, JOINS)
        shows_result(page, expected(survey, "Dorset", ready[JOINS]))
        assert_full_height(page)
        page.click(f"#{ids.EXPORT_FORMAT}")
        page.get_by_role("option", name="SVG, A4", exact=True).click()
        with page.expect_download(timeout=60_000) as download:
            page.click(f"#{ids.EXPORT_BUTTON}")
        assert download.value.suggested_filename == "sustainability-dorset-summative-2024.svg"
        drawn = Path(download.value.path()).read_text(encoding="utf-8")
        assert "NHS Dorset" in drawn
    assert page.errors == []


@pytest.mark.browser
def test_a_custom_removal_shows_what_it_cuts(demo_app, page, serve, survey):
    leaving = ["BCP Council", "Dorset Council"]
    with serve(demo_app) as url:
        opened_for(page, url, "Dorset")
        figure_titled(page, ids.SUSTAINABILITY_GRAPH, "leaves")
        choose(page, ids.SUSTAINABILITY_SCENARIO, "Remove organisations")
        page.wait_for_selector(f"#{ids.SUSTAINABILITY_REMOVE_CONTROLS}", state="visible")
        text_shows(page, ids.SUSTAINABILITY_SUMMARY, "Choose the organisations")
        page.click(f"#{ids.SUSTAINABILITY_REMOVE}")  # a list that stays open as names are added
        for name in leaving:
            page.get_by_role("option", name=name, exact=True).click()
        page.keyboard.press("Escape")
        shows_result(page, expected(survey, "Dorset", Scenario(remove=tuple(leaving))))
        assert not page.locator(f"#{ids.SUSTAINABILITY_MERGE_CONTROLS}").is_visible()
        text_shows(page, ids.SUSTAINABILITY_LOSSES, "Left with no tie")
    assert page.errors == []


@pytest.mark.browser
def test_the_picture_keeps_its_height_and_its_labels_apart_for_every_hub(
    demo_app, page, serve, survey
):
    with serve(demo_app) as url:
        opened_for(page, url)  # every hub: no ready-made scenario, a removal to build
        text_shows(page, ids.SUSTAINABILITY_SUMMARY, "Choose the organisations")
        assert_full_height(page)
        for hub in survey.hubs:
            choose(page, ids.HUB_SELECT, hub)
            result = expected(survey, hub, hub_scenarios(survey, hub)[LEAVES])
            shows_result(page, result)
            assert_full_height(page)
            graph = page.locator(f"#{ids.SUSTAINABILITY_GRAPH} .js-plotly-plot")
            _assert_readable(graph.evaluate(LABEL_BOXES), None, framed=False)
    assert page.errors == []
