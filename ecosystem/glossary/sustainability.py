"""What a network loses when organisations leave, and its key players (Borgatti 2006)."""

from __future__ import annotations

from typing import Final

from ecosystem.glossary.measure import Measure

_BORGATTI = "Borgatti 2006"

_SUSTAINABILITY_MEASURES: Final[tuple[Measure, ...]] = (
    Measure(
        key="fragmentation",
        label="Fragmentation",
        explanation=(
            "The share of pairs of organisations that cannot reach each other through any "
            "chain of ties, taken either way. It is 0 when every organisation can reach "
            "every other and 1 when no organisation has a tie. Comparing it before and "
            "after an organisation leaves shows how far the ecosystem would fall apart."
        ),
        higher_is="more of the ecosystem cut apart",
        reference=_BORGATTI,
    ),
    Measure(
        key="distance_fragmentation",
        label="Distance fragmentation",
        explanation=(
            "Distance-weighted fragmentation also counts how far apart organisations are: "
            "each pair adds "
            "one over the number of steps between them, and a pair that cannot reach each "
            "other adds nothing. It is 0 when every organisation is tied to every other and "
            "1 when none has a tie. It rises when organisations can still reach each other, "
            "but only the long way round."
        ),
        higher_is="organisations further apart",
        reference=_BORGATTI,
    ),
    Measure(
        key="reach",
        label="Reach",
        explanation=(
            "The share of the other organisations that a set of organisations is tied to, "
            "or can reach in a given number of steps, following ties either way. A set with "
            "a high reach can spread news or an innovation across most of the ecosystem "
            "quickly."
        ),
        higher_is="more of the ecosystem within reach",
        reference=_BORGATTI,
    ),
)

SUSTAINABILITY_MEASURES: Final[dict[str, Measure]] = {
    measure.key: measure for measure in _SUSTAINABILITY_MEASURES
}
"""The measures of what a network loses when organisations leave, and of key players; kept
apart from :data:`MEASURES` (the measure tables' columns), and labelled by
:func:`measure_label` like them."""
