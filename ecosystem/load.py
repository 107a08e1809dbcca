"""From survey files to a validated :class:`~ecosystem.survey.Survey`, and which wave to use.

This is the read and validate stages run back to back, so every face (CLI, dashboard,
benchmark) loads files the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

from ecosystem.codebook import DEFAULT_WAVE
from ecosystem.errors import UNKNOWN_ORGANISATION, Problem, SurveyError
from ecosystem.readers import read_readable
from ecosystem.readers.wide import wide_notes
from ecosystem.survey import Survey
from ecosystem.validate import assumptions, validate

# Package data, so an installed ecosystem (a wheel, not only a checkout) opens on the demo.
# pip installs packages as folders, so the resources are real files with paths.
_DEMO_FOLDER = resources.files("ecosystem") / "demo"
DEMO_FILES = (
    Path(str(_DEMO_FOLDER / "organisations.csv")),
    Path(str(_DEMO_FOLDER / "responses.csv")),
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


def reading_notes(files: Iterable[Path | str | tuple[str, bytes]], survey: Survey) -> list[str]:
    """What reading skipped on purpose (unfinished responses of survey-tool exports, say), and
    what validation assumed where a file leaves out a column the network depends on (no
    direction of support, no relevance, no edge weights: :func:`ecosystem.validate.assumptions`).

    ``files`` are paths or uploaded (name, bytes) pairs; ``survey`` names the organisations
    known. Worth telling the user, though nothing is wrong: each note begins with the file
    name.
    """
    tables, _ = read_readable([f if isinstance(f, tuple) else Path(f) for f in files])
    assumed = [str(note) for note in assumptions(tables, survey.organisations)]
    return wide_notes(tables, survey.organisations) + assumed


def check_files(
    files: Sequence[tuple[str, bytes]], known: Survey | None = None, wave: str | None = None
) -> Survey:
    """Read and validate uploaded files (name, bytes) against the organisations already known.

    Raises ``SurveyError`` listing every problem; nothing is stored by this function.
    """
    tables, problems = read_readable(list(files))
    roster = known.organisations if known is not None else None
    try:
        survey = validate(tables, wave=wave or DEFAULT_WAVE, known=roster)
    except SurveyError as error:
        problems.extend(error.problems)
    if problems:
        raise SurveyError(problems)
    return survey


def name_matches(problems: Sequence[Problem]) -> list[tuple[str, list[str]]]:
    """Each unknown organisation name in a set of problems, with the nearest known names.

    A person confirms a match (a misspelling, a former name) and it is saved as an alias.
    The names come from the problems' fields (validation matched them against every known
    name and alias, former AHSN names included), never from their sentences.
    """
    matches: dict[str, list[str]] = {}
    for problem in problems:
        if problem.kind == UNKNOWN_ORGANISATION and problem.value is not None:
            matches.setdefault(problem.value, list(problem.suggestions))
    return list(matches.items())
