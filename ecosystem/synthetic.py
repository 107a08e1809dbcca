"""Seeded synthetic ecosystems of any size, for benchmarks and scale tests.

The survey is built as real answers would be (a respondent rating partners), so the whole
path from responses to measures can be timed. Popularity is skewed, as in real ecosystems
where a few organisations (hubs, the ICB, the HIN) are named by many.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecosystem.codebook import TYPES, UNKNOWN_TYPE
from ecosystem.settings import SETTINGS
from ecosystem.survey import Survey, empty_edges

SYNTHETIC_WAVE = "Synthetic wave"
_TYPES = [t.key for t in TYPES if t.key != UNKNOWN_TYPE]
_HUBS = ("North", "South", "East", "West")


def synthetic_survey(organisations: int, ties: int, seed: int = SETTINGS.seed) -> Survey:
    """A one-wave survey of ``organisations`` organisations whose network has ``ties`` arcs.

    Every response says "We mainly support them", so each response is exactly one arc.

    >>> survey = synthetic_survey(50, 200, seed=1)
    >>> len(survey.organisations), len(survey.responses)
    (50, 200)
    """
    if ties > organisations * (organisations - 1):
        raise ValueError("more ties asked for than ordered pairs of organisations")
    rng = np.random.default_rng(seed)
    names = np.array([f"Organisation {i:05d}" for i in range(organisations)], dtype=object)
    popularity = 1.0 / np.arange(1, organisations + 1) ** 0.8
    popularity = popularity[rng.permutation(organisations)]
    popularity /= popularity.sum()

    codes: set[int] = set()
    sources_list: list[np.ndarray] = []
    targets_list: list[np.ndarray] = []
    while len(codes) < ties:
        need = (ties - len(codes)) * 2
        sources = rng.integers(0, organisations, need)
        targets = rng.choice(organisations, need, p=popularity)
        keep = sources != targets
        for s, t in zip(sources[keep], targets[keep], strict=True):
            code = int(s) * organisations + int(t)
            if code not in codes:
                codes.add(code)
                sources_list.append(s)
                targets_list.append(t)
                if len(codes) == ties:
                    break
    sources = np.array(sources_list)
    targets = np.array(targets_list)

    types = rng.choice(_TYPES, organisations)
    hubs = rng.choice(len(_HUBS), organisations)
    organisations_frame = pd.DataFrame(
        {
            "type": types,
            "hubs": [(_HUBS[h],) for h in hubs],
            "region": "",
            "aliases": [() for _ in range(organisations)],
            "waves": [() for _ in range(organisations)],
        },
        index=pd.Index(names, name="name"),
    )
    responses = pd.DataFrame(
        {
            "wave": SYNTHETIC_WAVE,
            "respondent": names[sources],
            "partner": names[targets],
            "frequency": rng.integers(1, 5, ties),
            "relevance": rng.integers(0, 4, ties).astype(float),
            "direction": "out",
            "nature": [() for _ in range(ties)],
            "respondent_person": "",
            "submitted": "",
            "source_file": "synthetic",
            "source_row": np.arange(2, ties + 2),
        }
    )
    return Survey(organisations_frame, responses, empty_edges())


SYNTHETIC_WAVES = ("Synthetic 2023", "Synthetic 2024")
"""The two waves of :func:`two_wave_survey`: a baseline and its follow-up."""


def two_wave_survey(organisations: int, ties: int, seed: int = SETTINGS.seed) -> Survey:
    """A survey asked twice: the follow-up (:data:`SYNTHETIC_WAVES`, second) is
    :func:`synthetic_survey` with ``ties`` arcs; the baseline held four in five of them.

    So a dashboard switching between the two waves builds and measures a second network
    of the same organisations, as it does for a real programme.

    >>> survey = two_wave_survey(50, 200, seed=1)
    >>> survey.waves == list(SYNTHETIC_WAVES)
    True
    >>> survey.responses.groupby("wave").size().to_dict()
    {'Synthetic 2023': 160, 'Synthetic 2024': 200}
    """
    survey = synthetic_survey(organisations, ties, seed=seed)
    follow_up = survey.responses.assign(wave=SYNTHETIC_WAVES[1])
    baseline = follow_up.sample(frac=0.8, random_state=seed).assign(wave=SYNTHETIC_WAVES[0])
    responses = pd.concat([baseline, follow_up], ignore_index=True)
    return Survey(survey.organisations, responses, survey.edges)
