"""What each measure means, in plain words: one source for the dashboard and the documentation.

Every column of the organisation table (:func:`ecosystem.analysis.tables.organisation_table`)
and every entry of the network measures (:func:`ecosystem.analysis.summary.network_measures`)
has a :class:`Measure` here: a short label for a column heading, two to four sentences that
a hub lead can read without a methods course, which way is "more", and the work that
defined it. The dashboard's "How to read this" page and the measure tables take their words
from :data:`MEASURES`; the measure functions' docstrings use the same labels, and a test
holds the two together.

The explanations say how the product computes each measure (for instance that betweenness
counts steps and ignores tie strength, that closeness follows ties *towards* an
organisation, and that a positive E-I index means ties across types), so that what a reader
is told matches the number shown.

>>> MEASURES["betweenness"].label
'Betweenness'
>>> explain("density").startswith("Density: The share of all possible ties")
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = [
    "FUNCTION_MEASURES",
    "MEASURES",
    "NETWORK_KEYS",
    "ORGANISATION_KEYS",
    "SUSTAINABILITY_MEASURES",
    "Measure",
    "explain",
    "measure_label",
]


@dataclass(frozen=True)
class Measure:
    """One measure, explained.

    Attributes
    ----------
    key : str
        The column name in the measure tables (``"in_degree"``).
    label : str
        A short column heading, in British spelling (``"Supporters"``).
    explanation : str
        Two to four plain sentences: what the measure means in an innovation ecosystem and
        how it is computed, in words.
    higher_is : str
        What a higher value means, as a short phrase ("more central", "more constrained").
    reference : str
        The work that defined the measure, as "Author year".
    technical : str
        The textbook name where the label is a plain-language one (``"in-degree"``), shown
        after it in brackets so a reader who knows the textbook finds it; blank otherwise.
    """

    key: str
    label: str
    explanation: str
    higher_is: str
    reference: str
    technical: str = ""

    @property
    def display(self) -> str:
        """The one label people see, everywhere: "Supporters (in-degree)", "Betweenness"."""
        return f"{self.label} ({self.technical})" if self.technical else self.label


_GOULD_FERNANDEZ = "Gould and Fernandez 1989"

_ORGANISATION_MEASURES: Final[tuple[Measure, ...]] = (
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
        reference=_GOULD_FERNANDEZ,
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
        reference=_GOULD_FERNANDEZ,
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
        reference=_GOULD_FERNANDEZ,
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
        reference=_GOULD_FERNANDEZ,
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
        reference=_GOULD_FERNANDEZ,
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
        reference=_GOULD_FERNANDEZ,
        technical="all roles",
    ),
)

_NETWORK_MEASURES: Final[tuple[Measure, ...]] = (
    Measure(
        key="organisations",
        label="Organisations",
        explanation=(
            "The number of organisations in the network of this wave (and hub). It counts "
            "every organisation on the survey roster, whether or not it answered or has "
            "any tie."
        ),
        higher_is="a larger ecosystem",
        reference="Wasserman and Faust 1994",
    ),
    Measure(
        key="ties",
        label="Ties",
        explanation=(
            "The number of ties, each saying that one organisation mainly supports another. "
            "A two-way relationship counts as two ties, and so does an interaction reported "
            "with no direction."
        ),
        higher_is="more relationships",
        reference="Wasserman and Faust 1994",
    ),
    Measure(
        key="density",
        label="Density",
        explanation=(
            "The share of all possible ties that are present: ties divided by the number of "
            "ordered pairs of organisations. In a dense ecosystem most organisations work "
            "with most others; in a sparse one, the few go-betweens matter more. Compare "
            "densities only between networks of similar size."
        ),
        higher_is="more connected",
        reference="Wasserman and Faust 1994",
    ),
    Measure(
        key="reciprocity",
        label="Reciprocity",
        explanation=(
            "The share of ties that are returned: where one organisation supports another, "
            "how often the other also supports it. High reciprocity means two-way "
            "partnerships; low reciprocity means support flows mostly one way, such as "
            "partners supporting the hub."
        ),
        higher_is="more two-way partnerships",
        reference="Wasserman and Faust 1994",
    ),
    Measure(
        key="transitivity",
        label="Transitivity",
        explanation=(
            "How often two partners of the same organisation also work with each other: the "
            "share of connected triples of organisations that close into triangles, ignoring "
            "direction. High values mean tight clusters; low values leave gaps that a hub "
            "could bridge."
        ),
        higher_is="more clustered",
        reference="Wasserman and Faust 1994",
    ),
    Measure(
        key="degree_centralisation",
        label="Degree centralisation",
        explanation=(
            "How far the ties centre on one organisation, counting each organisation's ties "
            "in and out. It is 1 for a star, where one organisation has ties both ways with "
            "every other and there are no other ties, and 0 when all have the same number of "
            "ties."
        ),
        higher_is="more centred on one organisation",
        reference="Freeman 1979",
    ),
    Measure(
        key="betweenness_centralisation",
        label="Betweenness centralisation",
        explanation=(
            "How far one organisation holds the go-between positions: 1 when every shortest "
            "route between other organisations passes through a single one (a star), 0 when "
            "all have the same betweenness. A high value makes the ecosystem depend on that "
            "organisation."
        ),
        higher_is="more dependent on one go-between",
        reference="Freeman 1979",
    ),
    Measure(
        key="components",
        label="Components",
        explanation=(
            "The number of separate parts of the network, each joined up by ties in either "
            "direction; an organisation with no ties is a part of its own. One component "
            "means every organisation is linked, directly or through others, to every other."
        ),
        higher_is="more fragmented",
        reference="Wasserman and Faust 1994",
    ),
    Measure(
        key="largest_component_share",
        label="Largest component share",
        explanation=(
            "The share of organisations in the largest joined-up part of the network, "
            "following ties in either direction. Close to 1 means almost everyone is linked "
            "into one ecosystem; lower values show organisations, or groups of them, left "
            "outside it."
        ),
        higher_is="more of the ecosystem joined up",
        reference="Wasserman and Faust 1994",
    ),
    Measure(
        key="mean_tie_weight",
        label="Mean tie weight",
        explanation=(
            "The average weight of the ties. With the default weighting it is the average "
            "frequency, from 1 (less than quarterly) to 4 (weekly or more), so it tells "
            "whether relationships are mostly occasional or close."
        ),
        higher_is="stronger, more frequent ties",
        reference="Granovetter 1973",
    ),
    Measure(
        key="ei_index",
        label="E-I index",
        explanation=(
            "Ties between organisations of different types, minus ties within a type, "
            "divided by all ties: from -1, when every tie stays within a type (trusts working "
            "only with trusts), to +1, when every tie crosses types. A positive value means "
            "an ecosystem that works across sectors."
        ),
        higher_is="more ties across types",
        reference="Krackhardt and Stern 1988",
    ),
    Measure(
        key="within_type_share",
        label="Within-type share",
        explanation=(
            "The share of ties that join two organisations of the same type, the other side "
            "of the E-I index. A high share means organisations mostly work with their own "
            "kind."
        ),
        higher_is="more ties within types",
        reference="Krackhardt and Stern 1988",
    ),
    Measure(
        key="response_rate",
        label="Response rate",
        explanation=(
            "The share of organisations on the roster that answered the survey in this wave. "
            "A tie reported by one side only is kept, but a tie between two organisations "
            "that did not answer is missing, so a low rate makes every other measure less "
            "certain."
        ),
        higher_is="more complete data",
        reference="Kossinets 2006",
    ),
)

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
        reference=_GOULD_FERNANDEZ,
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

MEASURES: Final[dict[str, Measure]] = {
    measure.key: measure for measure in (*_ORGANISATION_MEASURES, *_NETWORK_MEASURES)
}
"""Every measure by key: the organisation table's measure columns, then the network measures."""

_EVERY_MEASURE: Final[dict[str, Measure]] = {
    **MEASURES,
    **SUSTAINABILITY_MEASURES,
    **FUNCTION_MEASURES,
}

ORGANISATION_KEYS: Final[tuple[str, ...]] = tuple(m.key for m in _ORGANISATION_MEASURES)
"""Keys of the measures of one organisation, in the organisation table's column order."""

NETWORK_KEYS: Final[tuple[str, ...]] = tuple(m.key for m in _NETWORK_MEASURES)
"""Keys of the measures of a whole network, in the order of ``network_measures``."""


def measure_label(key: str) -> str:
    """The label people see for a measure column (its key where the glossary lacks it).

    >>> measure_label("in_degree"), measure_label("betweenness"), measure_label("custom")
    ('Supporters (in-degree)', 'Betweenness', 'custom')
    >>> measure_label("distance_fragmentation")
    'Distance fragmentation'
    >>> measure_label("reach_2")
    'Reach in two steps'
    """
    measure = _EVERY_MEASURE.get(key)
    return measure.display if measure is not None else key


def explain(key: str) -> str:
    """The full plain-language entry of one measure, as one paragraph.

    Parameters
    ----------
    key : str
        A key of :data:`MEASURES` (a column name of the measure tables) or of
        :data:`SUSTAINABILITY_MEASURES` or :data:`FUNCTION_MEASURES`.

    Returns
    -------
    str
        "Label: explanation Higher means ... (reference)".

    Raises
    ------
    KeyError
        If ``key`` is not a measure, naming the measures on offer.

    Examples
    --------
    >>> print(explain("reciprocity"))  # doctest: +NORMALIZE_WHITESPACE
    Reciprocity: The share of ties that are returned: where one organisation supports
    another, how often the other also supports it. High reciprocity means two-way
    partnerships; low reciprocity means support flows mostly one way, such as partners
    supporting the hub. Higher means more two-way partnerships. (Wasserman and Faust 1994)
    """
    if key not in _EVERY_MEASURE:
        raise KeyError(f"'{key}' is not a measure; measures: {', '.join(_EVERY_MEASURE)}")
    measure = _EVERY_MEASURE[key]
    return (
        f"{measure.label}: {measure.explanation} Higher means {measure.higher_is}. "
        f"({measure.reference})"
    )
