"""The dashboard, served for real and driven in headless Chromium."""

from __future__ import annotations

import pytest

from ecosystem.dashboard import ids
from ecosystem.dashboard.app import create_app
from ecosystem.load import DEMO_FILES, load_survey


@pytest.fixture(scope="module")
def demo_app():
    return create_app(load_survey(DEMO_FILES), illustrative=True)


def test_the_app_serves_its_own_scripts_and_styles_with_no_cdn(demo_app, serve):
    with serve(demo_app) as url:
        import urllib.request

        html = urllib.request.urlopen(url, timeout=10).read().decode()
    assert "cdn" not in html.lower()
    assert "unpkg" not in html.lower()
    assert "/assets/style.css" in html


@pytest.mark.browser
def test_the_demo_page_shows_the_selected_wave_and_hub_without_console_errors(
    demo_app, page, serve
):
    with serve(demo_app) as url:
        page.goto(url)
        page.wait_for_selector(f"#{ids.ORGANISATIONS_TABLE} table")
        assert "Illustrative data" in page.inner_text(f"#{ids.ILLUSTRATIVE_BANNER}")
        assert "Summative 2024" in page.inner_text(f"#{ids.STATUS_TEXT}")

        page.click(f"#{ids.HUB_SELECT}")
        page.get_by_role("option", name="Dorset").click()
        page.wait_for_function(
            f"document.querySelector('#{ids.STATUS_TEXT}').innerText.includes('Dorset')"
        )
        rows = page.locator(f"#{ids.ORGANISATIONS_TABLE} tbody tr")
        assert rows.count() > 5
        assert "Dorset Innovation Hub" in page.inner_text(f"#{ids.ORGANISATIONS_TABLE}")

        page.click(f"#{ids.WAVE_SELECT}")
        page.get_by_role("option", name="Formative 2023").click()
        page.wait_for_function(
            f"document.querySelector('#{ids.STATUS_TEXT}').innerText.includes('Formative 2023')"
        )
    assert page.errors == []
