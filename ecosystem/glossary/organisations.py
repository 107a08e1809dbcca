"""The measures of one organisation: the organisation table's measure columns."""

from __future__ import annotations

from typing import Final

from ecosystem.glossary.measure import Measure

GOULD_FERNANDEZ = "Gould and Fernandez 1989"

ORGANISATION_MEASURES: Final[tuple[Measure, ...]] = (
    Measure(
        key="in_degree",
        label="Supporters",
        explanation=(
            "The number of partners whose ties run to this organisation (its in-degree): "
            "partners who mainly support it, by their account or its own. A tie reported "
            "with no direction counts both ways. It counts partners, not how often they "
            "interact; for that, see Support received."
        ),
        higher_is="more partners supporting it",
        reference="Freeman 1979",
        technical="in-degree",
    ),
    Measure(
        key="out_degree",
        label="Partners supported",
        explanation=(
            "The number of partners this organisation's ties run to (its out-degree): the "
            "partners it mainly supports. A tie reported with no direction counts both ways. "
            "A hub acting as the ecosystem's front door supports many partners."
        ),
        higher_is="more partners supported",
        reference="Freeman 1979",
        technical="out-degree",
    ),
    Measure(
        key="in_strength",
        label="Support received",
        explanation=(
            "The weights of the ties running to this organisation, added up (its weighted "
            "in-degree). With the default weighting a tie weighs its frequency, from 1 "
            "(less than quarterly) to 4 (weekly or more), so many frequent ties score high "
            "and a few occasional ones low."
        ),
        higher_is="more, or more frequent, support coming in",
        reference="Barrat et al. 2004",
        technical="in-strength",
    ),
    Measure(
        key="out_strength",
        label="Support given",
        explanation=(
            "The weights of the ties running from this organisation, added up (its weighted "
            "out-degree). With the default weighting a tie weighs its frequency, from 1 "
            "(less than quarterly) to 4 (weekly or more), so it shows how much, and how "
            "often, the organisation supports its partners."
        ),
        higher_is="more, or more frequent, support going out",
        reference="Barrat et al. 2004",
        technical="out-strength",
    ),
    Measure(
        key="betweenness",
        label="Betweenness",
        explanation=(
            "How often an organisation sits on the shortest route between two others, "
            "following the direction of support: the share of shortest routes between other "
            "pairs of organisations that pass through it, from 0 to 1. An organisation with "
            "high betweenness is a front door or a bridge: support between many pairs of "
            "partners runs through it. Routes count steps, so how strong a tie is does not "
            "matter here."
        ),
        higher_is="more of a go-between",
        reference="Freeman 1977",
    ),
    Measure(
        key="closeness",
        label="Closeness",
        explanation=(
            "How near an organisation is to those that can reach it, following ties towards "
            "it: the fewer steps they need, the higher its closeness. An organisation with "
            "high closeness hears early of what others do. It is scaled down when few "
            "organisations can reach it at all, and is 0 when none can; steps count ties, "
            "not their strength."
        ),
        higher_is="more easily reached by others",
        reference="Wasserman and Faust 1994",
    ),
    Measure(
        key="harmonic",
        label="Harmonic centrality",
        explanation=(
            "Like closeness, it asks how easily others reach this organisation along ties "
            "towards it, but it averages the inverse of the number of steps from every other "
            "organisation (1 for a direct tie, 1/2 for two steps), counting 0 for those that "
            "cannot reach it. It therefore reads "
            "well when the network falls into separate parts. It runs from 0 (no-one reaches "
            "it) to 1 (every other organisation has a direct tie to it)."
        ),
        higher_is="more easily reached by others",
        reference="Marchiori and Latora 2000",
    ),
    Measure(
        key="pagerank",
        label="PageRank",
        explanation=(
            "The share of time that someone passing support along ties, choosing each tie "
            "in proportion to its strength and now and then (15% of steps) jumping to any "
            "organisation, would spend at this organisation. It is high for an organisation "
            "strongly supported by organisations that are themselves well supported. The "
            "values of all organisations add up to 1."
        ),
        higher_is="more central",
        reference="Brin and Page 1998",
    ),
    Measure(
        key="constraint",
        label="Constraint",
        explanation=(
            "How far an organisation's ties are concentrated on a few partners who are "
            "closely tied to one another, using tie strength and ignoring direction. High "
            "constraint (1 with a single partner, more in a tight cluster) means little room "
            "to broker, since its partners could easily bypass it; low constraint means its "
            "partners are not otherwise connected, so it spans structural holes and can "
            "bring them together. Blank for an organisation with no ties."
        ),
        higher_is="more constrained: less room to broker",
        reference="Burt 1992",
    ),
    Measure(
        key="effective_size",
        label="Effective size",
        explanation=(
            "The number of an organisation's partners, less the extent to which they are "
            "tied to one another: how many separate circles it reaches. Five partners who "
            "all work together count for little more than one; five who do not, for five. "
            "Blank for an organisation with no ties."
        ),
        higher_is="more separate circles reached",
        reference="Burt 1992",
    ),
    Measure(
        key="coordinator",
        label="Coordinator",
        explanation=(
            "How many times this organisation links two organisations of its own type: one "
            "supports it, it supports the other, and the first has no tie to the second. "
            "It is brokerage within one kind of organisation, such as a trust passing "
            "support from one trust on to another."
        ),
        higher_is="more brokerage within its own type",
        reference=GOULD_FERNANDEZ,
    ),
    Measure(
        key="gatekeeper",
        label="Gatekeeper",
        explanation=(
            "How many times this organisation passes support from an organisation of "
            "another type on to one of its own type that the first has no tie to. It "
            "controls how outsiders reach its own kind of organisation."
        ),
        higher_is="more control over outsiders' access to its type",
        reference=GOULD_FERNANDEZ,
    ),
    Measure(
        key="representative",
        label="Representative",
        explanation=(
            "How many times this organisation passes support from an organisation of its "
            "own type on to one of another type that the first has no tie to. It speaks for "
            "its own kind of organisation to others."
        ),
        higher_is="more often speaking for its type to others",
        reference=GOULD_FERNANDEZ,
    ),
    Measure(
        key="consultant",
        label="Consultant",
        explanation=(
            "How many times this organisation links two organisations of one type that is "
            "not its own, the first having no tie to the second. It is an outsider bringing "
            "together two partners of the same kind, such as a hub linking two universities."
        ),
        higher_is="more pairs of another type linked",
        reference=GOULD_FERNANDEZ,
    ),
    Measure(
        key="liaison",
        label="Liaison",
        explanation=(
            "How many times this organisation links two organisations of two different "
            "types, neither its own, the first having no tie to the second: a hub passing a "
            "university's support on to a VCSE, say. It is catalysing partnerships across "
            "the ecosystem in its purest form."
        ),
        higher_is="more pairs linked across types",
        reference=GOULD_FERNANDEZ,
    ),
    Measure(
        key="brokerage",
        label="Brokerage",
        explanation=(
            "How many times in all this organisation sits between two others: one supports "
            "it, it supports the other, and the first has no tie to the second. It is the "
            "sum of the five roles (coordinator, gatekeeper, representative, consultant and "
            "liaison). Tie strength is ignored; compare the count with the one expected by "
            "chance in a network of the same density."
        ),
        higher_is="more brokerage",
        reference=GOULD_FERNANDEZ,
        technical="all roles",
    ),
)
