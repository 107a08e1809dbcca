"""How numbers and names read in figures: measure values, changes, short names, scales.

The labels of measures come from the glossary (:func:`ecosystem.glossary.measure_label`);
this module only says how their values are written and on what scale they are drawn.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import Final

import numpy as np

from ecosystem.analysis.brokerage import ROLES
from ecosystem.figures.style import LABEL_CHARACTERS

COUNT_MEASURES: Final = frozenset(
    {"organisations", "ties", "components", "in_degree", "out_degree", "brokerage", *ROLES}
)
"""Measures that count something: written as whole numbers."""
SHARE_MEASURES: Final = frozenset(
    {"reciprocity", "response_rate", "within_type_share", "largest_component_share"}
)
"""Measures that are shares: written and drawn as percentages."""
MEASURE_RANGES: Final[dict[str, tuple[float, float]]] = {
    "ei_index": (-1.0, 1.0),
    "reciprocity": (0.0, 1.0),
    "response_rate": (0.0, 1.0),
    "within_type_share": (0.0, 1.0),
    "largest_component_share": (0.0, 1.0),
}
"""Measures drawn on their full scale, so panels compare at a glance."""
UNIT_MEASURES: Final = frozenset(
    {"density", "transitivity", "degree_centralisation", "betweenness_centralisation"}
)
"""Network measures bounded by 0 and 1 (drawn on that full scale)."""


def format_measure(column: str, value: object) -> str:
    """A measure's value as people read it: counts whole, others to three decimals.

    >>> format_measure("in_degree", 3.0), format_measure("pagerank", 0.12345)
    ('3', '0.123')
    >>> format_measure("pagerank", float("nan")), format_measure("responded", True)
    ('–', 'yes')
    """
    if value is None or (isinstance(value, float | np.floating) and math.isnan(value)):
        return "–"
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int | np.integer) or column in COUNT_MEASURES:
        return f"{float(value):.0f}"
    if isinstance(value, float | np.floating):
        return f"{float(value):.3f}"
    return str(value)


def format_change(column: str, value: float) -> str:
    """A signed change: whole numbers for counts, three decimals otherwise.

    >>> format_change("in_degree", 3.0), format_change("density", -0.0125)
    ('+3', '-0.013')
    """
    if column in COUNT_MEASURES or (float(value).is_integer() and abs(value) >= 1):
        return f"{float(value):+.0f}"
    return f"{float(value):+.3f}"


def short_label(name: str) -> str:
    """A name cut to :data:`~ecosystem.figures.style.LABEL_CHARACTERS`, with an ellipsis."""
    text = str(name)
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1].rstrip() + "…"


def wrap(text: str, width: int = 16) -> str:
    """Text broken into lines of ``width`` characters for a tick label.

    >>> wrap("Bradford District and Craven", 15)
    'Bradford<br>District and<br>Craven'
    """
    return "<br>".join(textwrap.wrap(str(text), width)) or str(text)


def wave_names(waves: Sequence[str] | None) -> tuple[str, str]:
    """The earlier and later wave's names, or words for them where none are given."""
    if waves is None:
        return "Earlier wave", "Later wave"
    first, second = waves
    return str(first), str(second)


def organisations_not_shown(count: int, reason: str, ending: str = ".") -> str:
    """A caption's sentence about organisations left out, with a leading space; "" for none.

    >>> organisations_not_shown(1, "without ties")
    ' 1 organisation without ties is not shown.'
    >>> organisations_not_shown(0, "without ties")
    ''
    """
    if not count:
        return ""
    plural = count != 1
    return (
        f" {count} organisation{'s' if plural else ''} {reason} {'are' if plural else 'is'} "
        f"not shown{ending}"
    )
