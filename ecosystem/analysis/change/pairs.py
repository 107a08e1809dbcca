"""Compare like with like: the pairs of organisations that both waves observed.

A tie that first appears in the later wave, between organisations that did not answer about
each other in the earlier one, may have been there all along: counting it as gained reads a
rise in response as a rise in partnership. Every measure of change in this package can
therefore be restricted to the **pairs observed in both waves**
(:func:`ecosystem.observation.observed_pairs`): a :class:`ComparedPairs` passed as
``pairs=`` does so, and ``None`` compares every pair, as before.

This is the rule of longitudinal network analysis for cells missing at one wave: RSiena
treats a tie variable missing at either observation as missing for the change between them
[1]_, and Huisman and Steglich [2]_ show that reading an unobserved tie as absent biases
the estimated change.

References
----------
.. [1] Ripley, R. M., Snijders, T. A. B. et al. *Manual for RSiena*. University of Oxford,
   Department of Statistics; Nuffield College (missing data).
.. [2] Huisman, M. and Steglich, C. (2008). Treatment of non-response in longitudinal
   network studies. *Social Networks* 30(4), 297-308.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from ecosystem.errors import OptionError
from ecosystem.observation import OBSERVATION_RULE, Observation

__all__ = [
    "PAIR_RULES",
    "ComparedPairs",
    "NoComparisonError",
    "NotComparable",
    "PairsNote",
    "compared_pairs",
]

PAIR_RULES: Final[tuple[str, ...]] = ("both-observed", "all")
"""Which pairs a comparison of two waves compares: those observed in both waves, or all."""


@dataclass(frozen=True)
class ComparedPairs:
    """The pairs of organisations observed in both of two waves.

    Examples
    --------
    >>> before = Observation("W1", ("A", "B", "C"), frozenset({"A"}))
    >>> after = Observation("W2", ("A", "B", "C"), frozenset({"A", "C"}))
    >>> both = ComparedPairs(before, after)
    >>> both.covers("A", "B"), both.covers("B", "C"), sorted(both.respondents)
    (True, False, ['A'])
    """

    before: Observation
    after: Observation

    def covers(self, u: str, v: str) -> bool:
        """True when both waves observed the pair {u, v}."""
        return self.before.covers(u, v) and self.after.covers(u, v)

    def mask(self, names: Sequence[str]) -> np.ndarray:
        """Boolean matrix over ``names``: the pair is observed in both waves (symmetric,
        False diagonal)."""
        both: np.ndarray = self.before.matrix(names) & self.after.matrix(names)
        return both

    @property
    def respondents(self) -> frozenset[str]:
        """The organisations that answered in both waves (in a wave read from an edge list,
        which observes every pair, every organisation counts as having answered)."""
        return _answered(self.before) & _answered(self.after)


def _answered(observation: Observation) -> frozenset[str]:
    if observation.complete:
        return frozenset(observation.organisations)
    return observation.respondents


@dataclass(frozen=True)
class NotComparable:
    """Why two waves cannot be compared like with like: fewer than two organisations
    answered in both.

    Examples
    --------
    >>> print(NotComparable("Formative 2023", "Summative 2024", 1).sentence)
    ... # doctest: +NORMALIZE_WHITESPACE
    Only 1 organisation answered in both Formative 2023 and Summative 2024, so no
    like-with-like comparison is possible: comparing every pair would read a change in who
    answered as a change in partnership.
    """

    wave_from: str
    wave_to: str
    respondents_in_both: int

    @property
    def sentence(self) -> str:
        count = self.respondents_in_both
        who = "No organisation" if count == 0 else f"Only {count} organisation"
        return (
            f"{who} answered in both {self.wave_from} and {self.wave_to}, so no like-with-like "
            "comparison is possible: comparing every pair would read a change in who answered "
            "as a change in partnership."
        )


class NoComparisonError(OptionError):
    """A like-with-like comparison was asked for where none is possible; ``result`` says why."""

    def __init__(self, result: NotComparable) -> None:
        super().__init__(result.sentence)
        self.result = result


def compared_pairs(before: Observation, after: Observation) -> ComparedPairs | NotComparable:
    """The pairs observed in both waves, or why there are none worth comparing.

    Parameters
    ----------
    before, after : Observation
        What the earlier and the later wave observed
        (:func:`ecosystem.observation.observed_pairs`).

    Returns
    -------
    ComparedPairs or NotComparable
        :class:`NotComparable` where fewer than two organisations answered in both waves
        (there is then at most one organisation whose view of its partners both waves
        give, so any number would compare different people's views).

    Examples
    --------
    >>> before = Observation("W1", ("A", "B"), frozenset({"A"}))
    >>> after = Observation("W2", ("A", "B"), frozenset({"B"}))
    >>> compared_pairs(before, after).respondents_in_both
    0
    """
    both = ComparedPairs(before, after)
    answered = len(both.respondents)
    if answered < 2:
        return NotComparable(before.wave, after.wave, answered)
    return both


@dataclass(frozen=True)
class PairsNote:
    """How many pairs a like-with-like comparison compared and left out, and why, in words.

    ``compared`` counts the unordered pairs of organisations (of either wave) observed in
    both waves, ``excluded`` the others; ``gained_excluded`` of the ``gained_all`` arcs
    that appear in the later wave, and ``lost_excluded`` of the ``lost_all`` that
    disappear, were left out because their pair was not observed in both waves.
    """

    compared: int
    excluded: int
    gained_all: int
    gained_excluded: int
    lost_all: int
    lost_excluded: int
    wave_from: str
    wave_to: str

    @property
    def rule(self) -> str:
        """The rule, in one sentence."""
        return (
            f"Compared over the {self.compared:,} pairs of organisations observed in both "
            f"waves, leaving out {self.excluded:,}. {OBSERVATION_RULE}"
        )

    @property
    def sentences(self) -> list[str]:
        """What was left out, in plain words (none when nothing was).

        Examples
        --------
        >>> note = PairsNote(10, 5, 14, 6, 3, 0, "Formative 2023", "Summative 2024")
        >>> print(*note.sentences)  # doctest: +NORMALIZE_WHITESPACE
        6 of the 14 new ties involve organisations that did not answer about each other in
        Formative 2023: they may have existed before and are not counted as gained.
        >>> print(*PairsNote(10, 5, 14, 0, 3, 1, "W1", "W2").sentences)
        ... # doctest: +NORMALIZE_WHITESPACE
        1 of the 3 ties that disappeared involves organisations that did not answer about
        each other in W2: it may still exist and is not counted as lost.
        """
        found = []
        if self.gained_excluded:
            found.append(
                f"{self.gained_excluded:,} of the {self.gained_all:,} new ties "
                f"{_involve(self.gained_excluded)} organisations that did not answer about "
                f"each other in {self.wave_from}: "
                f"{_they(self.gained_excluded)} may have existed before and "
                f"{_are(self.gained_excluded)} not counted as gained."
            )
        if self.lost_excluded:
            found.append(
                f"{self.lost_excluded:,} of the {self.lost_all:,} ties that disappeared "
                f"{_involve(self.lost_excluded)} organisations that did not answer about each "
                f"other in {self.wave_to}: {_they(self.lost_excluded)} may still exist and "
                f"{_are(self.lost_excluded)} not counted as lost."
            )
        return found

    def as_dict(self) -> dict[str, object]:
        """The ``pairs`` entry of a comparison's summary."""
        return {"compared": self.compared, "excluded": self.excluded, "rule": self.rule}


def _involve(count: int) -> str:
    return "involves" if count == 1 else "involve"


def _they(count: int) -> str:
    return "it" if count == 1 else "they"


def _are(count: int) -> str:
    return "is" if count == 1 else "are"
