"""Honest about who answered, driven in headless Chromium: the Compare view compares like
with like until switched to every pair, the respondents-only box narrows the network, and
the Organisations table, the size selector and the Overview say how far each measure can be
trusted, in words. Every wait is on data shown, never on time."""

from __future__ import annotations

import pytest

from ecosystem.dashboard import ids
from ecosystem.service import PAIR_CHOICES
from tests.test_dashboard import choose, status_contains

TEXT_HAS = "([id, text]) => (document.getElementById(id)?.innerText || '').includes(text)"
TEXT_LACKS = "([id, text]) => !(document.getElementById(id)?.innerText || '').includes(text)"


def shows(page, element_id: str, text: str) -> None:
    """Wait until the element's text includes ``text``."""
    page.wait_for_function(TEXT_HAS, arg=[element_id, text], timeout=30_000)


@pytest.mark.browser
def test_compare_shows_the_pairs_sentence_by_default_and_every_pair_when_switched(
    demo_app, page, serve
):
    with serve(demo_app) as url:
        page.goto(url)
        page.click(f"#{ids.TAB_COMPARE}")
        shows(page, ids.COMPARE_FINDINGS, "did not answer about each other in Formative 2023")
        findings = page.inner_text(f"#{ids.COMPARE_FINDINGS}")
        assert "observed in both waves" in findings
        assert "61 new ties appeared" in findings
        assert "Formative 2023: 58%" in findings and "Summative 2024: 71%" in findings
        assert page.is_checked(f"#{ids.COMPARE_PAIRS} input[value='both-observed']")
        page.get_by_label(PAIR_CHOICES["all"]).check()
        shows(page, ids.COMPARE_FINDINGS, "83 new ties appeared")
        page.wait_for_function(TEXT_LACKS, arg=[ids.COMPARE_FINDINGS, "observed in both waves"])
        assert "Summative 2024: 71%" in page.inner_text(f"#{ids.COMPARE_FINDINGS}")
    assert page.errors == []


@pytest.mark.browser
def test_respondents_only_narrows_the_network_to_those_that_answered(demo_app, page, serve):
    latest = demo_app.data.waves[-1]
    with serve(demo_app) as url:
        page.goto(url)
        shows(page, ids.STATUS_TEXT, "62 organisations")
        page.get_by_label("Respondents only (organisations that answered)").check()
        status_contains(page, f"{latest}, All hubs: 44 organisations (respondents only)")
    assert page.errors == []


@pytest.mark.browser
def test_the_organisations_table_and_size_selector_say_which_measures_to_check(
    demo_app, page, serve
):
    with serve(demo_app) as url:
        page.goto(url)
        choose(page, ids.HUB_SELECT, "Dorset")
        shows(page, ids.SIZE_NOTE, "72% answered")
        page.click(f"#{ids.SIZE_SELECT}")
        page.get_by_role(
            "option", name="Betweenness — check before relying on it (non-response)"
        ).wait_for(timeout=30_000)
        page.keyboard.press("Escape")
        page.click(f"#{ids.TAB_ORGANISATIONS}")
        shows(page, ids.ORGANISATIONS_ROBUSTNESS, "check before relying on it: ")
        line = page.inner_text(f"#{ids.ORGANISATIONS_ROBUSTNESS}")
        assert "of organisations answered in Dorset, Summative 2024" in line
        header = page.locator(f"#{ids.ORGANISATIONS_GRID} .ag-header-cell-text", has_text="(check)")
        header.first.wait_for(timeout=30_000)
        assert "Betweenness (check)" in header.all_inner_texts()
    assert page.errors == []


@pytest.mark.browser
def test_the_overview_gives_the_response_rate_and_each_measures_verdict(demo_app, page, serve):
    with serve(demo_app) as url:
        page.goto(url)
        page.click(f"#{ids.TAB_OVERVIEW}")
        page.wait_for_selector("#overview-table-verdicts", timeout=30_000)
        said = page.inner_text(f"#{ids.OVERVIEW_ROBUSTNESS}")
        assert "71% of organisations answered in Summative 2024" in said
        assert "robust" in said and "check before relying on it" in said
        assert "Betweenness centralisation" in page.inner_text("#overview-table-intervals")
    assert page.errors == []
