"""The measures of a whole network, in the order of ``network_measures``."""

from __future__ import annotations

from typing import Final

from ecosystem.glossary.measure import Measure

NETWORK_MEASURES: Final[tuple[Measure, ...]] = (
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
