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

One module per family of measures: ``organisations`` (the organisation table's columns),
``networks`` (the network measures), ``sustainability`` (fragmentation, reach) and
``functions`` (the hubs' core-function indicators); ``measure`` is the record they share.

>>> MEASURES["betweenness"].label
'Betweenness'
>>> explain("density").startswith("Density: The share of all possible ties")
True
"""

from __future__ import annotations

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


from ecosystem.glossary.functions import FUNCTION_MEASURES
from ecosystem.glossary.measure import Measure
from ecosystem.glossary.networks import NETWORK_MEASURES
from ecosystem.glossary.organisations import ORGANISATION_MEASURES
from ecosystem.glossary.sustainability import SUSTAINABILITY_MEASURES

MEASURES: Final[dict[str, Measure]] = {
    measure.key: measure for measure in (*ORGANISATION_MEASURES, *NETWORK_MEASURES)
}
"""Every measure by key: the organisation table's measure columns, then the network measures."""

_EVERY_MEASURE: Final[dict[str, Measure]] = {
    **MEASURES,
    **SUSTAINABILITY_MEASURES,
    **FUNCTION_MEASURES,
}

ORGANISATION_KEYS: Final[tuple[str, ...]] = tuple(m.key for m in ORGANISATION_MEASURES)
"""Keys of the measures of one organisation, in the organisation table's column order."""

NETWORK_KEYS: Final[tuple[str, ...]] = tuple(m.key for m in NETWORK_MEASURES)
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
