"""The Data view's upload limit in a real browser: stated, kept before sending and by the server."""

from __future__ import annotations

import pytest

from ecosystem.dashboard import ids
from ecosystem.dashboard.app import create_app
from ecosystem.dashboard.uploads import held_uploads

pytestmark = pytest.mark.browser

UPLOAD = f"#{ids.DATA_UPLOAD} input[type=file]"
ANSWERS = (
    "respondent,partner,frequency,direction\n"
    "Dorset Innovation Hub,NHS Dorset,Weekly or more,Both ways\n"
)
NOTE_SAYS = "([id, text]) => (document.getElementById(id)?.innerText || '').includes(text)"


@pytest.fixture
def small_limit_app(demo):
    app = create_app(demo, illustrative=True, upload_limit_mb=0.25)
    yield app
    app.temporary_workspace.cleanup()


def open_data_view(page, url):
    page.goto(url)
    page.click(f"#{ids.TAB_DATA}")
    page.wait_for_selector(f"#{ids.DATA_UPLOAD_LIMIT}")


def test_the_limit_is_stated_and_a_normal_upload_is_checked_and_imported(
    small_limit_app, page, serve, tmp_path
):
    answers = tmp_path / "summative-2025.csv"
    answers.write_text(ANSWERS, encoding="utf-8")
    with serve(small_limit_app) as url:
        open_data_view(page, url)
        assert page.inner_text(f"#{ids.DATA_UPLOAD_LIMIT}").startswith("Files up to 0.25 MB")
        page.fill(f"#{ids.DATA_WAVE}", "Summative 2025")
        page.set_input_files(UPLOAD, str(answers))
        page.wait_for_selector(f"#{ids.DATA_REPORT} .ok", timeout=20_000)
        assert held_uploads(small_limit_app.data).held_bytes == len(ANSWERS)
        page.click(f"#{ids.DATA_IMPORT}")
        page.wait_for_function(NOTE_SAYS, arg=[ids.DATA_MESSAGE, "Imported"], timeout=20_000)
        page.wait_for_function(NOTE_SAYS, arg=[ids.DATA_REPORT, "No files yet"], timeout=20_000)
    assert small_limit_app.data.waves[-1] == "Summative 2025"
    assert held_uploads(small_limit_app.data).held_bytes == 0, "imported files are let go"
    assert page.errors == []


def test_a_file_over_the_limit_is_refused_in_words_before_it_is_sent(
    small_limit_app, page, serve, tmp_path
):
    big = tmp_path / "big.csv"
    big.write_text(ANSWERS + "NHS Dorset,Dorset Innovation Hub,Monthly,Both ways\n" * 8000)
    sent = []
    with serve(small_limit_app) as url:
        page.on(
            "request",
            lambda r: sent.append(r) if r.method == "POST" and r.post_data_buffer and
            len(r.post_data_buffer) > 100_000 else None,
        )  # fmt: skip
        open_data_view(page, url)
        page.set_input_files(UPLOAD, str(big))
        page.wait_for_function(NOTE_SAYS, arg=[ids.DATA_UPLOAD_NOTE, "over the limit of 0.25 MB"])
        assert "nothing was sent" in page.inner_text(f"#{ids.DATA_UPLOAD_NOTE}")
    assert sent == [], "the too-big file never left the browser"
    assert held_uploads(small_limit_app.data).held_bytes == 0
    assert page.errors == []


def test_a_too_large_request_the_server_refuses_is_said_in_words(
    small_limit_app, page, serve, tmp_path
):
    # Eight files, each under the limit (so the upload's own max_size lets each through),
    # together far over what the server reads in one request.
    files = [tmp_path / f"part-{i}.csv" for i in range(8)]
    for path in files:
        path.write_text(ANSWERS + "NHS Dorset,Dorset Innovation Hub,Monthly,Both ways\n" * 4000)
        assert 200_000 < path.stat().st_size < 0.25 * 1024 * 1024
    with serve(small_limit_app) as url:
        open_data_view(page, url)
        # A browser that does not check first (the page's own check raised out of the way):
        page.evaluate(
            "() => document.querySelector('[data-upload-limit]').dataset.uploadLimit = 1e12"
        )
        page.set_input_files(UPLOAD, [str(path) for path in files])
        page.wait_for_function(NOTE_SAYS, arg=[ids.DATA_UPLOAD_NOTE, "refused the files"])
    assert held_uploads(small_limit_app.data).held_bytes == 0
    # The browser reports the refused request (413) on its console: that is the only error.
    assert page.errors and all(
        "413" in error or "callback" in error.lower() for error in page.errors
    )
