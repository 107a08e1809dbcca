"""Which wave and which hub a request means, from what a person typed.

Every face (the CLI, the dashboard, the exports and the report) chooses its wave and hub
here, so "formative 2023" and "Dorset Innovation Hub" mean the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from ecosystem.codebook import normalise_label
from ecosystem.errors import OptionError
from ecosystem.network import resolve_hub
from ecosystem.survey import Survey

__all__ = ["choose_wave", "resolve_hub", "wave_before"]


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


def wave_before(survey: Survey, wave: str) -> str | None:
    """The survey's wave before ``wave``, or None for its first (or an unknown wave): the
    wave that lost ties, catalysed pairs and core functions are compared with.

    >>> from ecosystem.load import DEMO_FILES, load_survey
    >>> demo = load_survey(DEMO_FILES)
    >>> wave_before(demo, "Summative 2024"), wave_before(demo, "Formative 2023")
    ('Formative 2023', None)
    """
    waves = list(survey.waves)
    at = waves.index(wave) if wave in waves else 0
    return waves[at - 1] if at > 0 else None
