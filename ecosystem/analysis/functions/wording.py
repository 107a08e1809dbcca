"""The hubs' core functions in plain words: one sentence per indicator worth saying."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

__all__ = ["describe_functions", "ordinal"]

_SHARES = {
    "direct_share": "{hub} was tied to {value} of its ecosystem",
    "brokerage_share": "{hub} held {value} of the ecosystem's brokerage",
    "reach_1": "{hub} reached {value} of its ecosystem directly",
    "reach_2": "{hub} reached {value} of its ecosystem within two steps",
    "information_share": "{hub} passed on information along {value} of the ties by which it "
    "supports partners",
}
"""Each share of a wave as the start of its sentence."""

_ORDER = (
    "direct_share",
    "brokerage_share",
    "betweenness_rank",
    "reach_1",
    "reach_2",
    "information_share",
)
"""The indicators in the order the findings say them: coordination, then dissemination."""


def ordinal(rank: int) -> str:
    """A rank as people write it.

    >>> [ordinal(r) for r in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']
    """
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def _percent(value: float) -> str:
    return f"{value:.0%}"


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _interval(low: float, high: float) -> str:
    """' (95% interval of the change +4 to +21 points)', or '' without one."""
    if _missing(low) or _missing(high):
        return ""
    points = [_signed(round(v * 100), 0) for v in (low, high)]
    return f" (95% interval of the change {points[0]} to {points[1]} points)"


def _signed(value: float, digits: int) -> str:
    """A value with its sign, zero without one: '+4', '-0.17', '0'.

    >>> _signed(4, 0), _signed(-0.1667, 2), _signed(-0.0001, 2)
    ('+4', '-0.17', '0.00')
    """
    shown = f"{value:.{digits}f}"
    return shown.lstrip("-") if float(shown) == 0 else f"{value:+.{digits}f}"


def _share_sentence(
    key: str, subject: str, values: Mapping[str, Any], waves: tuple[str | None, str]
) -> str | None:
    """One share in the later wave, compared with the earlier where there is one."""
    after, before = values["after"], values.get("before", math.nan)
    if _missing(after):
        return None
    text = _SHARES[key].format(hub=subject, value=_percent(after)) + f" in {waves[1]}"
    if not _missing(before):
        shown_before, shown_after = round(before * 100), round(after * 100)
        if shown_after == shown_before:
            text += f", the same as in {waves[0]}"
        else:
            word = "up" if shown_after > shown_before else "down"
            text += f", {word} from {_percent(before)} in {waves[0]}"
        text += _interval(values.get("low", math.nan), values.get("high", math.nan))
    return text + "."


def _rank_sentence(subject: str, values: Mapping[str, Any], waves: tuple[str | None, str]) -> str:
    """The hub's betweenness rank, with the earlier wave's in brackets."""
    after, before = values["after"], values.get("before", math.nan)
    text = f"{subject} ranked {ordinal(int(after))} on betweenness in {waves[1]}"
    if not _missing(before):
        text += f" ({ordinal(int(before))} in {waves[0]})"
    return text + "."


def _catalysing_sentences(
    subject: str, catalysed: Mapping[str, Any], waves: tuple[str | None, str]
) -> list[str]:
    """The pairs of partners catalysed, and whether their ties crossed types more."""
    open_pairs, closed = catalysed["open_pairs"], catalysed["catalysed_pairs"]
    if not open_pairs:
        return [f"{subject}'s partners in {waves[0]} had no untied pairs to bring together."]
    said = [
        f"Of the {open_pairs} pairs of {subject}'s partners in {waves[0]} not tied to each "
        f"other, {closed} ({closed / open_pairs:.0%}) were tied in {waves[1]}."
    ]
    ei_before, ei_after = catalysed["ei_before"], catalysed["ei_after"]
    if not (_missing(ei_before) or _missing(ei_after)):
        change = round(ei_after, 2) - round(ei_before, 2)
        word = "more" if change > 0 else "less" if change < 0 else "as much"
        said.append(
            f"Ties among those partners crossed organisation types {word} in {waves[1]} "
            f"(E-I index {_signed(ei_after, 2)}) than in {waves[0]} ({_signed(ei_before, 2)})."
            if word != "as much"
            else f"Ties among those partners crossed organisation types as much in "
            f"{waves[1]} as in {waves[0]} (E-I index {_signed(ei_after, 2)})."
        )
    return said


def describe_functions(
    hub: str,
    wave: str,
    now: Mapping[str, Mapping[str, Any]],
    wave_from: str | None = None,
    changes: pd.DataFrame | None = None,
    catalysed: Mapping[str, Any] | None = None,
) -> tuple[str, ...]:
    """Plain sentences about a hub's core functions, in the order of the functions.

    ``now`` holds the (later) wave's ``coordination`` and ``dissemination``; with
    ``changes`` (:func:`~ecosystem.analysis.functions.changes.indicator_changes`) each
    sentence compares the waves, with its 95% interval in percentage points where there is
    one, and ``catalysed`` adds the catalysed pairs and the E-I index of the partners'
    ties. Shares are whole percentages; "up" or "down" follows them as shown. An indicator
    that cannot be measured (NaN) is left unsaid.

    >>> now = {"coordination": {"direct_share": 0.65, "brokerage_share": 0.4,
    ...                         "betweenness_rank": 1},
    ...        "dissemination": {"reach_1": 0.5, "reach_2": 0.9, "information_share": 1.0}}
    >>> describe_functions("Dorset", "2024", now)[:2]
    ("Dorset's hub was tied to 65% of its ecosystem in 2024.", "Dorset's hub held 40% of the ecosystem's brokerage in 2024.")
    """  # noqa: E501
    subject, waves = f"{hub}'s hub", (wave_from, wave)
    values = {
        key: {"after": value}
        for function in ("coordination", "dissemination")
        for key, value in now[function].items()
    }
    if changes is not None:
        for row in changes.to_dict("records"):
            values[row["indicator"]].update(row)
    said: list[str | None] = []
    for key in _ORDER:
        if key == "betweenness_rank":
            if not _missing(values[key]["after"]):
                said.append(_rank_sentence(subject, values[key], waves))
        else:
            said.append(_share_sentence(key, subject, values[key], waves))
    if catalysed is not None:
        said += _catalysing_sentences(subject, catalysed, waves)
    return tuple(sentence for sentence in said if sentence)
