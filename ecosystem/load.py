"""From survey files to a validated :class:`~ecosystem.survey.Survey`, and which wave to use.

This is the read and validate stages run back to back, so every face (CLI, dashboard,
benchmark) loads files the same way.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from ecosystem.codebook import DEFAULT_WAVE, normalise_label
from ecosystem.errors import OptionError, Problem, SurveyError
from ecosystem.readers import read_readable
from ecosystem.readers.wide import wide_notes
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


def reading_notes(paths: Iterable[Path | str], survey: Survey) -> list[str]:
    """What reading skipped on purpose (unfinished responses of survey-tool exports, say).

    Worth telling the user, though nothing is wrong: each note begins with the file name.
    """
    tables, _ = read_readable([Path(p) for p in paths])
    return wide_notes(tables, survey.organisations)


def known_organisations_file(survey: Survey) -> tuple[str, bytes]:
    """A survey's organisations (with hubs, aliases, rosters) as an organisations CSV file.

    Files brought later (a new wave's responses, say) are checked against the
    organisations already known, so an unknown name gets the nearest known names.
    """
    organisations = survey.organisations
    frame = pd.DataFrame(
        {
            "name": organisations.index,
            "group": organisations["type"].to_numpy(),  # as stored, codebook key or not
            "hub": ["; ".join(h) for h in organisations["hubs"]],
            "region": organisations["region"].to_numpy(),
            "aliases": ["; ".join(a) for a in organisations["aliases"]],
            "waves": ["; ".join(w) for w in organisations["waves"]],
        }
    )
    return "organisations-already-known.csv", frame.to_csv(index=False).encode("utf-8")


def check_files(
    files: Sequence[tuple[str, bytes]], known: Survey | None = None, wave: str | None = None
) -> Survey:
    """Read and validate uploaded files (name, bytes) against the organisations already known.

    Raises ``SurveyError`` listing every problem; nothing is stored by this function.
    """
    tables, problems = read_readable(list(files))
    brings_organisations = any(t.kind == "organisations" for t in tables)
    if known is not None and len(known.organisations) and not brings_organisations:
        extra, more = read_readable([known_organisations_file(known)])
        tables, problems = [*extra, *tables], [*more, *problems]
    try:
        survey = validate(tables, wave=wave or DEFAULT_WAVE)
    except SurveyError as error:
        problems.extend(error.problems)
    if problems:
        raise SurveyError(problems)
    return survey


_UNKNOWN_NAME = re.compile(r"'(?P<name>[^']+)' is not in the organisations file")


def name_matches(problems: Sequence[Problem], known: Survey) -> list[tuple[str, list[str]]]:
    """Each unknown organisation name in a set of problems, with the nearest known names.

    A person confirms a match (a misspelling, a former name) and it is saved as an alias.
    Known renames count: a name saying "AHSN" is also matched as "Health Innovation".
    """
    owner = {name: name for name in known.organisations.index}
    for name, aliases in known.organisations["aliases"].items():
        owner.update({alias: name for alias in aliases})
    matches: dict[str, list[str]] = {}
    for problem in problems:
        found = _UNKNOWN_NAME.search(problem.message)
        if not found or found["name"] in matches:
            continue
        written = found["name"]
        candidates = [written]
        if "AHSN" in written:  # the regional AHSNs became Health Innovation Networks in 2023
            candidates.append("Health Innovation " + written.replace("AHSN", "").strip())
        close: list[str] = []
        for candidate in candidates:
            for spelling in difflib.get_close_matches(candidate, list(owner), n=5, cutoff=0.6):
                if owner[spelling] not in close:
                    close.append(owner[spelling])
        matches[written] = close[:3]
    return list(matches.items())


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
