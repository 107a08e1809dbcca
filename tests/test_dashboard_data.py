"""The Data view: uploaded files are checked, name matches confirmed, and waves imported."""

from __future__ import annotations

import pytest

from ecosystem.dashboard.app import create_app
from ecosystem.dashboard.callbacks import (
    import_uploads,
    rates_table,
    save_matches,
    upload_report,
)

NEW_WAVE = (
    b"respondent,partner,frequency,relevance,direction\n"
    b"Dorset Innovation Hub,NHS Dorset,Weekly or more,Highly relevant,Both ways\n"
    b"Dorset Innovation Hub,Health Innovation Wessex,Monthly,Relevant,They mainly support us\n"
    b"NHS Dorset,Dorset Innovation Hub,Monthly,Highly relevant,Both ways\n"
)
MISSPELT = b"respondent,partner,frequency\nDorset Innovation Hub,Wesex AHSN,Monthly\n"


@pytest.fixture
def data(demo):
    app = create_app(demo, illustrative=True)
    yield app.data
    app.temporary_workspace.cleanup()


def test_good_files_are_reported_and_ready_to_import(data):
    report, matches, ready = upload_report(data, [("wave3.csv", NEW_WAVE)], "Summative 2025")
    assert ready and matches == []
    assert "All good" in str(report) and "Summative 2025" in str(report)


def test_importing_adds_the_wave_and_keeps_every_earlier_one(data):
    before = list(data.waves)
    message = import_uploads(data, [("wave3.csv", NEW_WAVE)], "Summative 2025")
    assert "Imported 3 responses" in message
    assert data.waves == [*before, "Summative 2025"]
    again = import_uploads(data, [("wave3.csv", NEW_WAVE)], "Summative 2025")
    assert "imported before" in again
    assert len(data.survey.responses) == 496 + 3


def test_bad_files_are_reported_by_file_row_and_column_and_change_nothing(data):
    stored = len(data.survey.responses)
    bad = b"respondent,partner,frequency\nDorset Innovation Hub,NHS Dorset,Fortnightly\n"
    report, _, ready = upload_report(data, [("bad.csv", bad)], "Summative 2025")
    text = str(report)
    assert not ready
    assert "bad.csv" in text and "Fortnightly" in text and "frequency" in text
    with pytest.raises(Exception, match="Fortnightly"):
        import_uploads(data, [("bad.csv", bad)], "Summative 2025")
    assert len(data.survey.responses) == stored


def test_a_confirmed_name_match_is_saved_as_an_alias(data):
    report, matches, ready = upload_report(data, [("typo.csv", MISSPELT)], "Summative 2025")
    assert not ready and "Wesex AHSN" in str(report)
    assert matches and "Health Innovation Wessex" in matches[0]["label"]
    save_matches(data, [matches[0]["value"]])
    assert "Wesex AHSN" in data.survey.organisations.loc["Health Innovation Wessex", "aliases"]
    _, _, ready = upload_report(data, [("typo.csv", MISSPELT)], "Summative 2025")
    assert ready


def test_response_rates_name_the_non_respondents(data):
    text = str(rates_table(data))
    assert "Did not answer" in text and "Airedale NHS Foundation Trust" in text


def test_a_survey_tool_export_upload_says_what_was_skipped(data):
    export = (
        b"Progress,Finished,Your organisation,"
        b"How often do you interact with them? [NHS Dorset]\n"
        b"100,True,Dorset Innovation Hub,Monthly\n"
        b"20,False,Dorset Council,Monthly\n"
    )
    report, _, ready = upload_report(data, [("export.csv", export)], "Summative 2025")
    assert ready
    assert "1 unfinished response skipped" in str(report)


def test_a_file_imported_again_under_another_wave_says_why_nothing_was_added_and_what_to_do(
    data,
):
    import_uploads(data, [("wave3.csv", NEW_WAVE)], "Summative 2025")
    message = import_uploads(data, [("wave3.csv", NEW_WAVE)], "Summative 2026")
    assert message.startswith("Nothing was added.")
    assert "wave3.csv was imported before" in message and "in wave 'Summative 2025'" in message
    assert "never imported twice" in message and "rename the earlier wave" in message
    assert "Summative 2026" not in data.waves
