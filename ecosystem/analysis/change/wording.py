"""The plain words of a comparison of two waves, for an evaluator's report, apart from the
numbers behind them.

Each sentence is worded from the numbers alone (a density change whose interval includes
no change "could be noise"); numbers are rounded for reading.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from ecosystem.analysis.change.correlation import QAPResult
from ecosystem.analysis.change.density import DensityChange
from ecosystem.words import plural, word

if TYPE_CHECKING:
    from ecosystem.analysis.change.comparison import WaveComparison

__all__ = [
    "catalysis_sentence",
    "density_sentence",
    "describe_changes",
    "jaccard_sentence",
    "presence_sentence",
    "qap_sentence",
    "ties_sentence",
]


def describe_changes(c: WaveComparison) -> list[str]:
    """Plain-language sentences about a comparison, for an evaluator's report.

    One sentence (or two) each on: who is in both waves; where the comparison kept the
    pairs observed in both waves, which pairs it compared and what it left out and why
    (:class:`~ecosystem.analysis.change.pairs.PairsNote`); ties kept, gained, lost and
    re-weighted; density with its bootstrap interval (saying "could be noise" whenever the
    interval includes no change); the QAP correlation of ties and of strengths; the Jaccard
    index; and each hub's closed pairs of partners. Numbers are rounded for reading; the
    exact values are in :func:`~ecosystem.analysis.change.comparison_summary`.
    """
    summary = c.summary()
    first, second = c.wave_from, c.wave_to
    sentences = [presence_sentence(summary, first, second)]
    if c.pairs_note is not None:
        sentences.append(c.pairs_note.rule)
        sentences.extend(c.pairs_note.sentences)
    sentences.append(ties_sentence(summary["ties"], first, second))
    sentences.append(density_sentence(c.density))
    sentences.append(qap_sentence(c.qap, weighted=False))
    sentences.append(qap_sentence(c.qap_weighted, weighted=True))
    sentences.append(jaccard_sentence(c.jaccard, c.hamming, summary["organisations"]["both"]))
    pairs = c.catalysis_pairs
    for row in c.catalysis.itertuples(index=False):
        sentences.append(catalysis_sentence(row, pairs[pairs["hub"] == row.hub], first, second))
    return sentences


def presence_sentence(summary: dict[str, Any], first: str, second: str) -> str:
    """Who is in both waves and who in one only (named, the first five), from a summary."""
    organisations = summary["organisations"]
    both = organisations["both"]
    parts = [
        f"{plural(both, 'organisation', grouped=True)} {word(both, 'is', 'are')} in both waves"
    ]
    for key, wave in (("only_after", second), ("only_before", first)):
        names = organisations["names"][key]
        if names:
            shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
            parts.append(f"{len(names):,} only in {wave} ({shown})")
        else:
            parts.append(f"none only in {wave}")
    sentence = "; ".join(parts) + "."
    if organisations["only_after"] or organisations["only_before"]:
        sentence += (
            " Their ties count as gained or lost, but density, the QAP correlation and the"
            " Jaccard index compare only the organisations in both waves."
        )
    return sentence


def ties_sentence(ties: dict[str, int], first: str, second: str) -> str:
    """Ties kept, lost, gained and re-weighted, and pairs whose direction of support changed
    (the ``ties`` counts of a comparison's summary)."""
    lost_or_kept = ties["kept"] + ties["lost"]
    return (
        f"Of the {plural(lost_or_kept, 'tie', grouped=True)} in {first}, {ties['kept']:,} were "
        f"kept and {ties['lost']:,} lost; {ties['gained']:,} new "
        f"{word(ties['gained'], 'tie')} appeared in {second}. Of the kept ties, "
        f"{ties['strengthened']:,} became stronger and {ties['weakened']:,} weaker; "
        f"{plural(ties['direction_changed'], 'pair', grouped=True)} of organisations tied in "
        f"both waves changed the direction of support (for example, one-way became two-way)."
    )


def density_sentence(density: DensityChange) -> str:
    """The change in density and its interval; "could be noise" when it includes 0."""
    if math.isnan(density.change):
        return "Density cannot be compared: fewer than two organisations are in both waves."
    # Two decimals read best; sparse networks (density below 0.1) need a third.
    digits = 2 if min(density.before, density.after) >= 0.1 else 3
    low, high = _number(density.low, digits), _number(density.high, digits)
    interval = (
        f"the {density.level:.0%} interval of the change (bootstrap over organisations, "
        f"{density.samples:,} samples) is {low} to {high}"
    )
    among = f"among the {density.organisations:,} organisations in both waves"
    first, second = _number(density.before, digits), _number(density.after, digits)
    if density.change == 0:
        return f"Density stayed at {first} {among}; {interval}."
    word, noun = ("rose", "rise") if density.change > 0 else ("fell", "fall")
    sentence = f"Density {word} from {first} to {second} {among}; {interval}"
    if math.isnan(density.low):
        return sentence + "."
    if density.low > 0 or density.high < 0:
        return sentence + f", so the {noun} is unlikely to be noise."
    return sentence + f", which includes no change, so the {noun} could be noise."


def qap_sentence(result: QAPResult, weighted: bool) -> str:
    """How alike the two waves' ties (or strengths) are, and whether more than by chance."""
    what = "tie strengths" if weighted else "ties"
    if math.isnan(result.r):
        return (
            f"The two waves' {what} cannot be correlated: a wave has no variation among the "
            "organisations in both (no ties, or every possible tie)."
        )
    p_text = "p < 0.001" if result.p < 0.0005 else f"p = {result.p:.3f}"
    head = (
        f"The two waves' {what} correlate at r = {result.r:.2f} "
        f"(QAP, {result.permutations:,} permutations, {p_text})"
    )
    if result.p > 0.05:
        return (
            head + ": no more alike than if the organisations had been shuffled, so the "
            "similarity could be chance."
        )
    if weighted:
        return head + ": strong ties tended to stay strong."
    if result.r >= 0.4:
        return head + ": the network kept much of its shape."
    return head + ": more alike than chance would give, though much changed."


def jaccard_sentence(jaccard: float | None, hamming: int, both: int) -> str:
    """The Jaccard index and Hamming distance, read against RSiena's guide (0.2, 0.3)."""
    if jaccard is None or math.isnan(jaccard):
        return (
            "The Jaccard index is undefined: neither wave has a tie among the organisations in "
            "both."
        )
    head = (
        f"Jaccard index {jaccard:.2f}: of the ties present in either wave among the {both:,} "
        f"organisations in both, {jaccard:.0%} were present in both, and "
        f"{plural(hamming, 'tie', grouped=True)} appeared or disappeared (Hamming distance)"
    )
    if jaccard >= 0.3:
        return head + "; 0.3 or more is a fairly stable network by RSiena's guide."
    if jaccard >= 0.2:
        return head + "; between 0.2 and 0.3, much of the network changed."
    return head + "; below 0.2, most ties changed: the later network is largely new."


def catalysis_sentence(row: Any, pairs: pd.DataFrame, first: str, second: str) -> str:
    """How many of a hub's open pairs of partners closed (``row`` of the catalysis table,
    ``pairs`` its open pairs)."""
    if row.open_pairs == 0:
        return (
            f"{row.hub} had no pair of partners in {first} that were not already tied to each "
            "other, so no partnership it could have catalysed shows in the data."
        )
    open_pairs = plural(row.open_pairs, "open pair", grouped=True)
    if row.closed_pairs == 0:
        sentence = (
            f"{row.hub} closed none of the {open_pairs} of its partners: no two partners "
            f"untied in {first} were tied in {second}."
        )
    else:
        sentence = (
            f"{row.hub} closed {row.closed_pairs:,} of {open_pairs} of its partners "
            f"({row.closed_share:.0%}): partners not tied to each other in {first} that were "
            f"tied in {second}."
        )
    absent = int((~pairs["in_after"]).sum())
    if absent:
        sentence += (
            f" {plural(absent, 'open pair', grouped=True)} {word(absent, 'involves', 'involve')} a "
            f"partner missing from {second} and {word(absent, 'counts', 'count')} as "
            "not closed."
        )
    if row.closed_pairs:
        sentence += " The survey shows that these ties formed, not that the hub formed them."
    return sentence


def _number(value: float, digits: int) -> str:
    if math.isnan(value):
        return "undefined"
    return f"{round(value, digits) + 0.0:.{digits}f}"
