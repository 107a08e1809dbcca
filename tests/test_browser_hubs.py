"""Compare waves in a real browser: every hub side by side, and its download."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from ecosystem.codebook import ALL_HUBS
from ecosystem.dashboard import ids

HUBS = ("Bradford District and Craven", "Cambridgeshire and Peterborough", "Dorset",
        "Manchester")  # fmt: skip

SHOWN = """
(id) => {
    const panel = document.getElementById(id);
    return Boolean(panel && !panel.closest('[data-dash-is-loading]')
        && !panel.querySelector('[data-dash-is-loading]')
        && panel.querySelectorAll('tbody tr').length === 5
        && panel.innerText.includes('All hubs:'));
}
"""
"""Whether every hub side by side is shown: its five rows and readings, loading nothing
(a loading panel is hidden, so its text reads as empty)."""

TABLE_ROWS = """
(id) => [...document.querySelectorAll(`#${id} tbody tr`)].map(
    row => [...row.querySelectorAll('td')].map(
        cell => cell.innerText.replace(/\u00a0/g, ' ').trim()))
"""


def every_hub_shown(page) -> None:
    page.wait_for_function(SHOWN, arg=ids.COMPARE_HUBS, timeout=30_000)


@pytest.mark.browser
def test_an_evaluator_sees_every_hub_side_by_side_and_downloads_it(demo_app, page, serve):
    with serve(demo_app) as url:
        page.goto(url)
        page.click(f"#{ids.TAB_COMPARE}")
        every_hub_shown(page)
        rows = page.evaluate(TABLE_ROWS, ids.COMPARE_HUBS_TABLE)
        headings = page.locator(f"#{ids.COMPARE_HUBS_TABLE} th").all_inner_texts()
        assert [row[0] for row in rows] == [*HUBS, ALL_HUBS]
        rate = next(i for i, h in enumerate(headings) if h.startswith("Response rate"))
        interval = headings.index("95% interval of the change")
        for row in rows:
            before, after = row[rate].split(" → ")
            assert before.endswith("%") and after.endswith("%")
            assert " to " in row[interval]
            assert row[headings.index("QAP p")].startswith("p ")
        readings = page.locator(f"#{ids.COMPARE_HUBS} li").all_inner_texts()
        assert [r.split(":")[0] for r in readings] == [*HUBS, ALL_HUBS]
        with page.expect_download() as download:
            page.click(f"#{ids.COMPARE_HUBS_DOWNLOAD_BUTTON}")
        assert download.value.suggested_filename == "hubs-formative-2023-to-summative-2024.csv"
        saved = pd.read_csv(io.BytesIO(Path(download.value.path()).read_bytes()),
                            encoding="utf-8-sig")  # fmt: skip
        assert saved["Hub"].tolist() == [*HUBS, ALL_HUBS]
        assert "Response rate, Summative 2024 (%)" in saved.columns
    assert page.errors == []


@pytest.mark.browser
def test_the_hub_selector_does_not_narrow_every_hub_side_by_side(demo_app, page, serve):
    with serve(demo_app) as url:
        page.goto(url)
        page.click(f"#{ids.TAB_COMPARE}")
        every_hub_shown(page)
        first = page.evaluate(TABLE_ROWS, ids.COMPARE_HUBS_TABLE)
        page.click(f"#{ids.HUB_SELECT}")
        page.get_by_role("option", name="Dorset", exact=True).click()
        page.wait_for_function(  # the per-hub findings now name Dorset's hub alone
            "(id) => { const text = document.getElementById(id).innerText;"
            " return text.includes('Dorset') && !text.includes('Manchester'); }",
            arg=ids.COMPARE_FINDINGS,
            timeout=30_000,
        )
        every_hub_shown(page)
        assert page.evaluate(TABLE_ROWS, ids.COMPARE_HUBS_TABLE) == first
    assert page.errors == []
