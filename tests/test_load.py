"""Loading files and choosing the wave a command works on."""

from __future__ import annotations

import pandas as pd
import pytest

from ecosystem.errors import OptionError, SurveyError
from ecosystem.load import DEMO_FILES, load_survey, uses_demo
from ecosystem.service import choose_wave


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


AWKWARD_NAMES = [
    "Saint John's Hospice",
    'The "Innovation" Exchange',
    "Bradford, District and Craven Partnership",
    "Care; Repair Dorset",
    "Yorkshire & Humber Improvement Academy (IA)",
    "Café Santé Coopérative",
    "Ysbyty Gwynedd – Bangor",
]


def _misspelt(name: str) -> str:
    """The name with one letter doubled near its end, as a hurried typist writes it."""
    position = len(name) - 3
    return name[:position] + name[position] + name[position:]


@pytest.mark.parametrize("name", AWKWARD_NAMES)
def test_an_awkward_unknown_name_is_matched_and_saved_whole(tmp_path, name):
    # The unknown name travels as a field of the problem, never parsed from its sentence:
    # apostrophes, quotes, commas, semicolons, brackets and accents arrive intact.
    from ecosystem.load import check_files, name_matches
    from ecosystem.store import Workspace

    roster = pd.DataFrame({"name": ["Dorset Innovation Hub", name], "type": ["hub", "VCSE"]})
    organisations = ("organisations.csv", roster.to_csv(index=False).encode("utf-8"))
    written = _misspelt(name)
    answers = pd.DataFrame(
        {"respondent": ["Dorset Innovation Hub"], "partner": [written], "frequency": ["Monthly"]}
    )
    responses = ("responses.csv", answers.to_csv(index=False).encode("utf-8"))
    with pytest.raises(SurveyError) as caught:
        check_files([organisations, responses], wave="Formative 2023")
    assert name_matches(caught.value.problems) == [(written, [name])]

    with Workspace(tmp_path / "workspace") as workspace:
        workspace.import_survey(check_files([organisations]), [organisations])
        workspace.add_alias(written, name)
        known = workspace.survey()
        assert known.organisations.loc[name, "aliases"] == (written,)
        survey = check_files([responses], known=known, wave="Formative 2023")
    assert survey.responses["partner"].tolist() == [name]
