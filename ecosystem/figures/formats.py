"""How numbers and names read in figures and tables: measure values, changes, rates,
intervals, p-values, short names, scales.

The labels of measures come from the glossary (:func:`ecosystem.glossary.measure_label`);
this module only says how their values are written and on what scale they are drawn. A
response rate is always written for people as a percentage ("57.6%"), never as the fraction
the networks carry (0.576).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import pandas as pd

from ecosystem.analysis.brokerage import ROLES
from ecosystem.figures.style import LABEL_CHARACTERS
from ecosystem.glossary import measure_label
from ecosystem.words import plural, word

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
RATE_MEASURES: Final = frozenset({"response_rate"})
"""Rates that people read as percentages (the networks and JSON keep them as fractions)."""
PERCENT_SUFFIX: Final = " (%)"
"""Added to the heading of a rate turned into a percentage in a table of numbers."""


def format_measure(column: str, value: Any) -> str:
    """A measure's value as people read it: counts whole, others to three decimals.

    >>> format_measure("in_degree", 3.0), format_measure("pagerank", 0.12345)
    ('3', '0.123')
    >>> format_measure("pagerank", float("nan")), format_measure("responded", True)
    ('–', 'yes')
    >>> format_measure("response_rate", 0.5764)
    '57.6%'
    """
    if value is None or (isinstance(value, float | np.floating) and math.isnan(value)):
        return "–"
    if column in RATE_MEASURES:
        return format_percent(float(value))
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
    >>> format_change("response_rate", 0.024)
    '+2.4 percentage points'
    """
    if column in RATE_MEASURES:
        return f"{100 * float(value):+.1f} percentage points"
    if column in COUNT_MEASURES or (float(value).is_integer() and abs(value) >= 1):
        return f"{float(value):+.0f}"
    return f"{float(value):+.3f}"


def percent(share: float, places: int = 1) -> float:
    """A share (0 to 1) as a percentage (0 to 100), rounded to ``places``; NaN stays NaN.

    >>> percent(0.5764), percent(2 / 3, 0)
    (57.6, 67.0)
    """
    if share is None or math.isnan(share):
        return math.nan
    return round(100 * float(share), places) + 0.0


def format_percent(share: float, places: int = 1) -> str:
    """A share (0 to 1) written as a percentage: "57.6%"; missing as a dash.

    >>> format_percent(0.5764), format_percent(0.58, 0), format_percent(float("nan"))
    ('57.6%', '58%', '–')
    """
    value = percent(share, places)
    return "–" if math.isnan(value) else f"{value:.{places}f}%"


def format_interval(low: float, high: float, digits: int = 2) -> str:
    """An interval as people read it: "0.10 to 0.15"; missing as a dash.

    >>> format_interval(0.1, 0.153), format_interval(-0.0084, 0.107, 3)
    ('0.10 to 0.15', '-0.008 to 0.107')
    """
    if math.isnan(low) or math.isnan(high):
        return "–"
    return f"{low + 0.0:.{digits}f} to {high + 0.0:.{digits}f}"


def format_p(p: float) -> str:
    """A permutation p-value as people read it: "p = 0.012", or "p < 0.001".

    >>> format_p(0.000999), format_p(0.0004), format_p(0.25)
    ('p = 0.001', 'p < 0.001', 'p = 0.250')
    """
    if math.isnan(p):
        return "–"
    return "p < 0.001" if p < 0.0005 else f"p = {p:.3f}"


def rates_as_percentages(frame: pd.DataFrame, places: int = 1) -> pd.DataFrame:
    """A copy of a table of numbers with every rate as a percentage, its heading saying so.

    A rate column (``response_rate``, or one of its ``_before``/``_after``/``_change``
    parts) gets values 0 to 100 and the glossary's label with "(%)": "Response rate (%)",
    "Response rate, before (%)"; in a table of one measure per row (a ``measure`` column),
    the numbers of a rate's row are multiplied the same way and the measure is named
    "Response rate (%)". The input is not modified.

    >>> frame = pd.DataFrame({"scope": ["Dorset"], "response_rate": [0.5764]})
    >>> rates_as_percentages(frame).to_dict("records")
    [{'scope': 'Dorset', 'Response rate (%)': 57.6}]
    >>> rows = pd.DataFrame({"measure": ["density", "response_rate"], "value": [0.1, 0.5]})
    >>> rates_as_percentages(rows).to_dict("list")
    {'measure': ['density', 'Response rate (%)'], 'value': [0.1, 50.0]}
    """
    shown = frame.copy()
    renamed = {}
    for column in shown.columns:
        heading = _rate_heading(str(column))
        if heading is not None:
            shown[column] = _percentages(shown[column], places)
            renamed[column] = heading
    if "measure" in shown:
        rows = shown["measure"].astype(str).isin(RATE_MEASURES)
        if rows.any():
            numbers = [c for c in shown.columns if c != "measure" and _is_number(shown[c])]
            for column in numbers:
                shown.loc[rows, column] = _percentages(shown.loc[rows, column], places)
            shown.loc[rows, "measure"] = [_rate_heading(str(k)) for k in shown.loc[rows, "measure"]]
    return shown.rename(columns=renamed)


def _rate_heading(column: str) -> str | None:
    """The heading of a rate's column as a percentage (also of a rate in one wave or its
    change), or None for a column that is not a rate."""
    for part in ("", "_before", "_after", "_change"):
        key = column[: len(column) - len(part)]
        if column.endswith(part) and key in RATE_MEASURES:
            label = measure_label(key) + (f", {part[1:]}" if part else "")
            return label + PERCENT_SUFFIX
    return None


def _is_number(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _percentages(values: pd.Series, places: int) -> pd.Series:
    return (pd.to_numeric(values, errors="coerce").astype(float) * 100).round(places)


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
    return f" {plural(count, 'organisation')} {reason} {word(count, 'is', 'are')} not shown{ending}"
