"""Weight bands of a network's ties: which band each tie's weight falls in, and its name.

Under a survey weighting a band is named in the answers' own words (the codebook's frequency
and relevance labels, or words for the product of both); otherwise up to four bands of
numbers. Line width and opacity ramp across the bands (:func:`ramp`).
"""

from __future__ import annotations

from typing import Final

import numpy as np

from ecosystem.codebook import FREQUENCY, RELEVANCE
from ecosystem.figures.style import MAX_WEIGHT_BANDS

PRODUCT_WORDS: Final = ((3.0, "Weak"), (6.0, "Moderate"), (9.0, "Strong"), (12.0, "Very strong"))
"""Bands of the frequency x relevance product (0-12) in words: up to each bound."""


def answer_bands(weights: np.ndarray, weighting: object) -> tuple[np.ndarray, list[str]] | None:
    """Band of each weight and the bands' names in answer words, for a survey weighting.

    A weight is read as the nearest answer code (a pair averaging two reports may fall
    between codes): frequency and relevance take the codebook's labels, the product four
    bands in words; ``None`` for another weighting. Only bands present are named.

    >>> answer_bands(np.array([4.0, 2.5, 1.0]), "frequency")
    (array([2, 1, 0]), ['Less than quarterly', 'Monthly', 'Weekly or more'])
    """
    if weighting in ("frequency", "relevance"):
        scale = FREQUENCY if weighting == "frequency" else RELEVANCE
        codes = np.clip(np.floor(weights + 0.5), min(scale.labels), scale.top).astype(int)
        names = {int(code): scale.labels[int(code)] for code in codes}
    elif weighting == "product":
        bounds = np.array([bound for bound, _ in PRODUCT_WORDS])
        codes = np.minimum(np.searchsorted(bounds, weights, side="left"), len(bounds) - 1)
        names = {int(code): f"{PRODUCT_WORDS[code][1]} (up to {bounds[code]:g})" for code in codes}
    else:
        return None
    present = sorted(names)
    return np.searchsorted(present, codes), [names[code] for code in present]


def weight_bands(weights: np.ndarray, weighting: object = None) -> tuple[np.ndarray, list[str]]:
    """Band index of each weight, and the bands' legend names (at most four bands).

    Under a survey weighting the bands are answer words (:func:`answer_bands`). Otherwise up
    to four distinct weights are each a band; more are cut into four equal-width bands
    between the smallest and the largest.

    >>> bands, names = weight_bands(np.array([1.0, 4.0, 2.0]))
    >>> bands.tolist(), names
    ([0, 2, 1], ['1', '2', '4'])
    """
    answered = answer_bands(weights, weighting)
    if answered is not None:
        return answered
    distinct = np.unique(weights)
    if len(distinct) <= MAX_WEIGHT_BANDS:
        bands = np.searchsorted(distinct, weights)
        return bands, [f"{w:g}" for w in distinct]
    edges = np.linspace(distinct[0], distinct[-1], MAX_WEIGHT_BANDS + 1)
    bands = np.clip(np.searchsorted(edges, weights, side="right") - 1, 0, MAX_WEIGHT_BANDS - 1)
    names = [f"{edges[k]:.3g}–{edges[k + 1]:.3g}" for k in range(MAX_WEIGHT_BANDS)]
    return bands, names


def ramp(bounds: tuple[float, float], count: int) -> list[float]:
    """``count`` values evenly from one bound to the other (the middle for one)."""
    if count <= 1:
        return [(bounds[0] + bounds[1]) / 2.0]
    return np.linspace(bounds[0], bounds[1], count).tolist()
