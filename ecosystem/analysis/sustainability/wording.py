"""The plain words of a scenario's result, apart from the numbers behind them.

Measure names come from the glossary (:func:`ecosystem.glossary.measure_label`) and kinds of
organisation from the codebook, so a finding names things as every other view does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from ecosystem.codebook import TYPE_RECORDS, type_key
from ecosystem.glossary import MEASURES, SUSTAINABILITY_MEASURES, measure_label
from ecosystem.words import in_words, plural, word

__all__ = ["findings", "number"]

EXAMPLES = 3
"""How many pairs a finding about lost bridges names."""


def number(value: float) -> str:
    """A measure's value for reading: whole numbers as they are, others to three decimals.

    >>> number(47.0), number(0.15342), number(float("nan"))
    ('47', '0.153', 'undefined')
    """
    if math.isnan(value):
        return "undefined"
    return f"{round(value, 3) + 0.0:g}"


def findings(
    described: str,
    measures: pd.DataFrame,
    isolated: Sequence[str],
    types_cut_off: Sequence[str],
    lost_bridges: pd.DataFrame,
) -> tuple[str, ...]:
    """Sentences about a scenario: the fragmentations, who is left alone, the kinds of
    organisation cut off, the pairs that lose their bridge, then every other measure that
    changes (columns ``measure``, ``before``, ``after`` of ``measures``)."""
    rows = measures.set_index("measure")
    sentences = [
        _change_sentence(key, rows.loc[key, "before"], rows.loc[key, "after"], lead=lead)
        for key, lead in (
            ("fragmentation", f"If {described}, "),
            ("distance_fragmentation", "Its "),
        )
    ]
    sentences.append(_isolated_sentence(isolated))
    sentences.extend(_cut_off_sentence(kind) for kind in types_cut_off)
    sentences.append(_bridges_sentence(lost_bridges))
    for key, row in rows.drop(["fragmentation", "distance_fragmentation"]).iterrows():
        sentence = _change_sentence(str(key), row["before"], row["after"])
        if sentence:
            sentences.append(sentence)
    return tuple(sentences)


def _change_sentence(key: str, before: float, after: float, lead: str = "") -> str:
    """ "Density: down from 0.15 to 0.12 (higher means more connected)."; "" when unchanged
    or undefined on both sides. With a ``lead`` ("If A leaves, ") the sentence starts with
    it, says "goes up" or "goes down", and says an unchanged value too."""
    label = measure_label(key)
    if math.isnan(before) and math.isnan(after):
        return ""
    if not math.isnan(before) and not math.isnan(after) and math.isclose(before, after):
        return f"{lead}{label.lower()} stays at {number(before)}." if lead else ""
    if math.isnan(before) or math.isnan(after):
        return f"{label}: {number(before)} before, {number(after)} after."
    word = "up" if after > before else "down"
    entry = MEASURES.get(key) or SUSTAINABILITY_MEASURES.get(key)
    higher = f" (higher means {entry.higher_is})" if entry is not None else ""
    change = f"{word} from {number(before)} to {number(after)}{higher}."
    return f"{lead}{label.lower()} goes {change}" if lead else f"{label}: {change}"


def _isolated_sentence(isolated: Sequence[str]) -> str:
    if not isolated:
        return "No organisation is left without a tie."
    if len(isolated) == 1:
        return f"{isolated[0]} is left without a tie to any organisation."
    return f"{len(isolated)} organisations are left without a tie: {in_words(isolated)}."


def _cut_off_sentence(kind: str) -> str:
    key = type_key(kind)
    plural = TYPE_RECORDS[key].plural if key is not None else f"organisations of type {kind}"
    return f"The {plural} lose every tie to other kinds of organisation."


def _bridges_sentence(bridges: pd.DataFrame) -> str:
    if bridges.empty:
        return "No pair of organisations loses its only two-step link."
    pairs = [f"{row.first} and {row.second}" for row in bridges.head(EXAMPLES).itertuples()]
    more = len(bridges) - len(pairs)
    shown = "; ".join(pairs) + (f"; and {more} more" if more else "")
    count = plural(len(bridges), "pair")
    verb = word(len(bridges), "was", "were")
    through = sorted({name for names in bridges["through"] for name in names.split("; ")})
    return (
        f"{count} of organisations not tied to each other {verb} linked only through "
        f"{in_words(through)}, and no longer share a partner: {shown}."
    )
