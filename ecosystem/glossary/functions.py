"""The indicators of the hubs' three core functions."""

from __future__ import annotations

from typing import Final

from ecosystem.glossary.measure import Measure
from ecosystem.glossary.organisations import GOULD_FERNANDEZ

_FUNCTION_MEASURES: Final[tuple[Measure, ...]] = (
    Measure(
        key="direct_share",
        label="Direct ties",
        explanation=(
            "The share of the other organisations in the hub's ecosystem that have a tie "
            "with the hub, either way, isolates counted. A hub acting as the ecosystem's "
            "front door is tied directly to most of it."
        ),
        higher_is="more of the ecosystem in direct touch with the hub",
        reference="Freeman 1979",
    ),
    Measure(
        key="brokerage_share",
        label="Share of brokerage",
        explanation=(
            "The hub's brokerage (all five roles) as a share of the brokerage of every "
            "organisation in its ecosystem. Near 1, almost every go-between position is the "
            "hub's; near 0, others broker and the hub hardly does. It is 0 when nobody "
            "brokers."
        ),
        higher_is="more of the ecosystem's brokering done by the hub",
        reference=GOULD_FERNANDEZ,
    ),
    Measure(
        key="betweenness_rank",
        label="Betweenness rank",
        explanation=(
            "Where the hub stands on betweenness among all the organisations of its "
            "ecosystem: 1 means no organisation sits on more of the shortest routes between "
            "others. Organisations with the same betweenness share the best rank."
        ),
        higher_is="a lower rank: fewer organisations more of a go-between than the hub",
        reference="Freeman 1977",
    ),
    Measure(
        key="reach_1",
        label="Reach in one step",
        explanation=(
            "The share of the other organisations in the hub's ecosystem that the hub "
            "supports directly, following ties from the hub to its partners. It shows how "
            "far the hub's own support and news spread."
        ),
        higher_is="more of the ecosystem supported by the hub",
        reference="Borgatti 2006",
    ),
    Measure(
        key="reach_2",
        label="Reach in two steps",
        explanation=(
            "The share of the other organisations in the hub's ecosystem that the hub's "
            "support reaches within two steps: those it supports, and those its partners "
            "support in turn. It shows how far information from the hub can travel."
        ),
        higher_is="more of the ecosystem within two steps of the hub",
        reference="Borgatti 2006",
    ),
    Measure(
        key="information_share",
        label="Information ties",
        explanation=(
            "The share of the ties by which the hub supports partners that carry "
            "information: support and guidance, horizon scanning, methodology or evaluation "
            "advice, or data and digital capacity. Blank when the hub supports no partner."
        ),
        higher_is="more of the hub's support passing on information",
        reference="Valente 2012",
    ),
    Measure(
        key="catalysed_share",
        label="Partnerships catalysed",
        explanation=(
            "Of the pairs of the hub's partners in the earlier wave that were not tied to "
            "each other then, the share tied in the later wave. It is what Compare waves "
            "counts as catalysed pairs; the survey shows that such ties formed, not that "
            "the hub formed them."
        ),
        higher_is="more of the hub's partners brought together",
        reference="Burt 1992",
    ),
    Measure(
        key="partner_ei",
        label="Partners' E-I index",
        explanation=(
            "The E-I index of the ties among the hub's partners of the earlier wave: from "
            "-1, when they work only with their own type, to +1, when all their ties cross "
            "types. A rise between waves means more partnerships across sectors among them."
        ),
        higher_is="more of the partners' ties across types",
        reference="Krackhardt and Stern 1988",
    ),
)

FUNCTION_MEASURES: Final[dict[str, Measure]] = {
    measure.key: measure for measure in _FUNCTION_MEASURES
}
"""The indicators of the hubs' three core functions (:mod:`ecosystem.analysis.functions`);
kept apart from :data:`MEASURES` (the measure tables' columns), and labelled by
:func:`measure_label` and explained by :func:`explain` like them."""
