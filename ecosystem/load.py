"""From survey files to a validated :class:`~ecosystem.survey.Survey`, and which wave to use.

This is the read and validate stages run back to back, so every face (CLI, dashboard,
benchmark) loads files the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ecosystem.codebook import DEFAULT_WAVE, normalise_label
from ecosystem.errors import OptionError, SurveyError
from ecosystem.readers import read_readable
from ecosystem.survey import Survey
from ecosystem.validate import validate

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_FILES = (
    PROJECT_ROOT / "surveys" / "demo" / "organisations.csv",
    PROJECT_ROOT / "surveys" / "demo" / "responses.csv",
)
"""The bundled illustrative demo survey (two waves of the four hubs' ecosystems)."""


ILLUSTRATIVE_NOTE = (
    "illustrative data: the demo survey's responses are synthetic, built on the "
    "organisations named in the programme's evaluation report"
)


def uses_demo(paths: Iterable[Path | str]) -> bool:
    """True when any of the files is part of the bundled illustrative demo survey."""
    demo_folder = DEMO_FILES[0].parent
    return any(Path(p).resolve().parent == demo_folder for p in paths)


def load_survey(paths: Iterable[Path | str], wave: str | None = None) -> Survey:
    """Read and validate survey files of any kind; raise ``SurveyError`` listing every problem.

    ``wave`` names the wave of files that have no ``wave`` column (default "Wave 1").
    """
    tables, problems = read_readable([Path(p) for p in paths])
    try:
        survey = validate(tables, wave=wave or DEFAULT_WAVE)
    except SurveyError as error:
        problems.extend(error.problems)
    if problems:
        raise SurveyError(problems)
    return survey


def choose_wave(survey: Survey, wave: str | None) -> str:
    """The wave a command works on: the one asked for, else the latest in the files.

    Matching is case- and space-insensitive; an unknown wave raises ``OptionError`` naming
    the waves on offer.
    """
    waves: Sequence[str] = survey.waves
    if not waves:
        raise OptionError("the files hold no responses or ties, so there is no wave to analyse")
    if wave is None:
        return waves[-1]
    for name in waves:
        if normalise_label(name) == normalise_label(wave):
            return name
    raise OptionError(f"wave '{wave}' is not in the data; waves: {', '.join(waves)}")
