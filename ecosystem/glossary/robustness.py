"""How far each number can be trusted when some organisations did not answer: the words of
the simulation of further non-response (:mod:`ecosystem.analysis.robustness`)."""

from __future__ import annotations

from typing import Final

from ecosystem.glossary.measure import Measure

__all__ = ["ROBUSTNESS_TERMS", "VERDICTS", "VERDICT_RULE"]

_SMITH_MOODY = "Smith and Moody 2013"

VERDICTS: Final[tuple[str, ...]] = ("robust", "check before relying on it", "fragile")
"""The verdicts a measure of one wave can carry, from most to least trustworthy."""

VERDICT_RULE: Final = (
    "A measure is robust when, with a further tenth of the respondents left out at random, "
    "the organisations keep their order: its rank correlation with the full result stays at "
    "0.8 or above in 95% of the runs and the median run keeps at least 4 of the top five. "
    "It is fragile when the median rank correlation is below 0.6 or the median run keeps "
    "fewer than 3 of the top five. Otherwise, check it before relying on it. The rank "
    "correlation is Kendall's tau-b; a measure on which every organisation scores the same "
    "has no order to keep, and is to be checked."
)
"""The rule that maps the simulation's figures to a verdict, in words (the glossary's)."""

ROBUSTNESS_TERMS: Final[dict[str, Measure]] = {
    term.key: term
    for term in (
        Measure(
            key="rank_correlation",
            label="Rank agreement",
            explanation=(
                "How closely the organisations' order on a measure stays the same when some "
                "more respondents are left out at random, as if they had not answered: 1 "
                "means the same order, 0 no relation. It is the median over the runs of the "
                "simulation, with the range that holds 90% of them."
            ),
            higher_is="the order survives more non-response",
            reference=_SMITH_MOODY,
            technical="Kendall's tau-b",
        ),
        Measure(
            key="top5_overlap",
            label="Top five kept",
            explanation=(
                "The share of the five organisations that score highest on a measure that are "
                "still in the top five when some more respondents are left out at random: 1 "
                "means all five stay. It is the median over the runs of the simulation."
            ),
            higher_is="the leading organisations survive more non-response",
            reference=_SMITH_MOODY,
        ),
        Measure(
            key="verdict",
            label="Can it be trusted?",
            explanation=VERDICT_RULE,
            higher_is="",
            reference=_SMITH_MOODY,
        ),
    )
}
"""The simulation's figures, explained, by key."""
