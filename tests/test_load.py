"""Loading files and choosing the wave a command works on."""

from __future__ import annotations

import pytest

from ecosystem.errors import OptionError, SurveyError
from ecosystem.load import DEMO_FILES, choose_wave, load_survey, uses_demo


@pytest.fixture(scope="module")
def demo():
    return load_survey(DEMO_FILES)


def test_the_latest_wave_is_used_unless_one_is_named(demo):
    assert choose_wave(demo, None) == "Summative 2024"
    assert choose_wave(demo, "  formative 2023") == "Formative 2023"


def test_an_unknown_wave_names_the_waves_on_offer(demo):
    with pytest.raises(OptionError, match="waves: Formative 2023, Summative 2024"):
        choose_wave(demo, "Baseline")


def test_files_without_a_wave_column_take_the_named_wave(tmp_path):
    path = tmp_path / "answers.csv"
    path.write_text("respondent,partner,frequency\nHub,Trust,Monthly\n", encoding="utf-8")
    assert load_survey([path]).waves == ["Wave 1"]
    assert load_survey([path], wave="Formative 2023").waves == ["Formative 2023"]


def test_bad_files_raise_one_error_with_every_problem(tmp_path):
    first = tmp_path / "a.csv"
    first.write_text("respondent,partner,frequency\nHub,Hub,Monthly\n", encoding="utf-8")
    second = tmp_path / "b.csv"
    second.write_bytes(b"")
    with pytest.raises(SurveyError) as caught:
        load_survey([first, second])
    assert {p.file for p in caught.value.problems} == {"a.csv", "b.csv"}


def test_only_the_bundled_demo_is_marked_illustrative(tmp_path):
    assert uses_demo(DEMO_FILES)
    assert not uses_demo([tmp_path / "responses.csv"])
