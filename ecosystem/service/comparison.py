"""Two waves of a survey compared: both networks built with the same options, then every
measure of change of :mod:`ecosystem.analysis.change`; and every hub compared side by side.

Every face (the CLI, the dashboard, the exports and the report) compares waves here, so a
comparison reads the same wherever it is shown. :func:`compare_hubs` is the evaluator's
cross-site table: one :func:`compare_waves` per hub, so each of its rows holds the very
numbers that hub's own comparison shows.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any, Final

import pandas as pd

from ecosystem.analysis.change import (
    ComparedPairs,
    NoComparisonError,
    NotComparable,
    WaveComparison,
    compare_networks,
    compared_pairs,
)
from ecosystem.codebook import ALL_HUBS
from ecosystem.errors import OptionError
from ecosystem.figures.formats import format_interval, format_p, percent
from ecosystem.network import NetworkOptions, build_network
from ecosystem.observation import observed_pairs
from ecosystem.settings import SETTINGS
from ecosystem.survey import Survey

__all__ = [
    "DEFAULT_PAIRS",
    "HUB_COMPARISON_COLUMNS",
    "PAIR_CHOICES",
    "compare_hubs",
    "compare_waves",
    "hub_comparison_headings",
    "hub_comparison_text",
    "pairs_between",
]

HUB_COMPARISON_COLUMNS: Final = (
    "hub",
    "organisations_before",
    "organisations_after",
    "response_percent_before",
    "response_percent_after",
    "density_before",
    "density_after",
    "density_change",
    "density_low",
    "density_high",
    "qap_r",
    "qap_p",
    "jaccard",
    "catalysed_pairs",
    "open_pairs",
    "catalysed",
    "pairs_compared",
    "pairs_excluded",
    "reading",
)
"""The columns of :func:`compare_hubs`, in order."""

HUB_COMPARISON_WORDS: Final[dict[str, str]] = {
    "hub": "Hub",
    "organisations": "Organisations",
    "response": "Response rate",
    "density": "Density",
    "density_change": "Density change",
    "jaccard": "Jaccard index",
    "catalysed": "Partnerships catalysed",
}
"""The words that head the hub comparison, on the screen and in the report
(:func:`hub_comparison_text`) as in an exported table (:func:`hub_comparison_headings`, which
adds the waves), each written once."""

PAIR_CHOICES: Final[dict[str, str]] = {
    "both-observed": "Pairs observed in both waves (like with like)",
    "all": "Every pair, as reported (a rise in response reads as ties gained)",
}
"""Which pairs a comparison of two waves compares, each with the words a control shows."""

DEFAULT_PAIRS: Final = "both-observed"
"""The pairs a comparison compares unless told otherwise: like with like."""

NO_BREAK: Final = "\u00a0"
"""A non-breaking space: keeps a value of :func:`hub_comparison_text` on one line."""


def compare_waves(
    survey: Survey,
    wave_from: str,
    wave_to: str,
    options: NetworkOptions | None = None,
    permutations: int = SETTINGS.permutations,
    samples: int = SETTINGS.samples,
    seed: int = SETTINGS.seed,
    *,
    pairs: str = DEFAULT_PAIRS,
) -> WaveComparison:
    """Compare two waves of a survey: ties, organisations, stability, density, catalysis.

    Both networks are built by :func:`ecosystem.network.build_network` with the same
    ``options`` (one hub's ecosystem when ``options.hub`` names one), and compared by
    :func:`ecosystem.analysis.change.compare_networks`: the QAP tests with
    ``permutations`` and the density bootstrap with ``samples``, both seeded by ``seed``.
    Catalysis is reported for every organisation of type ``"hub"`` in either network.

    ``pairs`` says which pairs of organisations are compared (:data:`PAIR_CHOICES`):
    ``"both-observed"`` (the default) only those that both waves observed
    (:func:`ecosystem.observation.observed_pairs`), like with like; ``"all"`` every pair,
    so a tie first seen where its organisations first answered counts as gained.

    Raises ``OptionError`` for an unknown wave, hub or pair rule, and
    :class:`~ecosystem.analysis.change.NoComparisonError` (an ``OptionError``) when fewer
    than two organisations answered in both waves, so no like-with-like comparison exists.
    """
    if pairs not in PAIR_CHOICES:
        raise OptionError(
            f"pairs '{pairs}' is not offered; choose one of: {', '.join(PAIR_CHOICES)}"
        )
    options = options or NetworkOptions()
    before = build_network(survey, wave_from, options)
    after = build_network(survey, wave_to, options)
    observed = (
        (observed_pairs(survey, wave_from, options), observed_pairs(survey, wave_to, options))
        if pairs == "both-observed"
        else None
    )
    return compare_networks(
        before,
        after,
        permutations,
        samples,
        seed,
        wave_from=wave_from,
        wave_to=wave_to,
        options=options,
        pairs=pairs,
        observed=observed,
    )


def pairs_between(
    survey: Survey,
    wave_from: str,
    wave_to: str,
    options: NetworkOptions,
    pairs: str = DEFAULT_PAIRS,
) -> ComparedPairs | NotComparable | None:
    """The pairs two waves of ``options``' networks are compared over, by rule ``pairs``:
    a :class:`~ecosystem.analysis.change.ComparedPairs` (like with like), a
    :class:`~ecosystem.analysis.change.NotComparable` saying why there is no like-with-like
    comparison, or None for every pair (``"all"``). For the comparisons that take
    ``pairs=`` of the analysis (core functions' catalysis, lost ties in Gaps).

    Raises ``OptionError`` for an unknown pair rule.
    """
    if pairs not in PAIR_CHOICES:
        raise OptionError(
            f"pairs '{pairs}' is not offered; choose one of: {', '.join(PAIR_CHOICES)}"
        )
    if pairs == "all":
        return None
    before = observed_pairs(survey, wave_from, options)
    return compared_pairs(before, observed_pairs(survey, wave_to, options))


def compare_hubs(
    survey: Survey,
    wave_from: str,
    wave_to: str,
    options: NetworkOptions | None = None,
    permutations: int = SETTINGS.permutations,
    samples: int = SETTINGS.samples,
    seed: int = SETTINGS.seed,
    *,
    all_hubs: bool = True,
    pairs: str = DEFAULT_PAIRS,
) -> pd.DataFrame:
    """Every hub's change between two waves, side by side: the evaluator's cross-site table.

    Each hub's row is :func:`compare_waves` of that hub's ecosystem, with ``options`` (their
    ``hub`` is replaced) and the same ``permutations``, ``samples`` and ``seed``, so it
    holds the numbers the hub's own comparison shows; the hubs come in the survey's order
    (:attr:`~ecosystem.survey.Survey.hubs`). With ``all_hubs``, a last row compares the
    whole programme's network ("All hubs"), its catalysed pairs counted over every hub
    organisation in it (a pair two hubs both span counts for each); a survey of one hub (a
    hub lead's) has no such row, which would repeat the hub's.

    Returns
    -------
    pandas.DataFrame
        One row per hub, columns :data:`HUB_COMPARISON_COLUMNS`: ``hub``; the organisations
        on each wave's roster (``organisations_before``, ``organisations_after``); the
        share of them that answered, **as a percentage** 0-100 to one decimal
        (``response_percent_before``, ``response_percent_after``); density in each wave,
        its change and the change's bootstrap interval (``density_low``,
        ``density_high``; Snijders and Borgatti 1999); the QAP correlation of the waves'
        ties and its p-value (``qap_r``, ``qap_p``; Krackhardt 1987); the Jaccard index;
        catalysed pairs: of the ``open_pairs`` of the hub's partners not tied in the
        earlier wave, the ``catalysed_pairs`` tied in the later, and ``catalysed`` as text
        ("3 of 58 (5%)"); the pairs of organisations compared and left out
        (``pairs_compared``, ``pairs_excluded``: observed in both waves or not; with
        ``pairs="all"`` every pair is compared); and ``reading``, one plain sentence about
        the row.

    ``pairs`` is :func:`compare_waves`' rule. A hub where fewer than two organisations
    answered in both waves has no like-with-like comparison: its row keeps the rosters
    and response rates, leaves every number of change empty (NaN) and says why in
    ``reading``.

    Raises ``OptionError`` for an unknown wave or pair rule.
    """
    options = options or NetworkOptions()
    statistics = (permutations, samples, seed)
    rows = []
    for hub in survey.hubs:
        scoped = replace(options, hub=hub)
        try:
            c = compare_waves(survey, wave_from, wave_to, scoped, *statistics, pairs=pairs)
        except NoComparisonError as error:
            rows.append(_no_comparison_row(survey, hub, wave_from, wave_to, scoped, error))
            continue
        rows.append(_hub_row(hub, c, _hub_catalysis(survey, hub, c.catalysis)))
    if all_hubs and len(rows) > 1:  # one hub's survey: the programme's row would repeat it
        scoped = replace(options, hub=None)
        try:
            c = compare_waves(survey, wave_from, wave_to, scoped, *statistics, pairs=pairs)
        except NoComparisonError as error:
            rows.append(_no_comparison_row(survey, ALL_HUBS, wave_from, wave_to, scoped, error))
        else:
            closed = int(c.catalysis["closed_pairs"].sum())
            rows.append(_hub_row(ALL_HUBS, c, (closed, int(c.catalysis["open_pairs"].sum()))))
    return pd.DataFrame(rows, columns=list(HUB_COMPARISON_COLUMNS))


def _no_comparison_row(
    survey: Survey,
    hub: str,
    wave_from: str,
    wave_to: str,
    options: NetworkOptions,
    error: NoComparisonError,
) -> dict[str, Any]:
    """A row of :func:`compare_hubs` for a hub with no like-with-like comparison: its
    rosters and response rates, no numbers of change, and the reason as its reading."""
    before = build_network(survey, wave_from, options)
    after = build_network(survey, wave_to, options)
    row: dict[str, Any] = dict.fromkeys(HUB_COMPARISON_COLUMNS, math.nan)
    row.update(
        {
            "hub": hub,
            "organisations_before": int(before.graph["roster_size"]),
            "organisations_after": int(after.graph["roster_size"]),
            "response_percent_before": percent(before.graph["response_rate"]),
            "response_percent_after": percent(after.graph["response_rate"]),
            "catalysed_pairs": 0,
            "open_pairs": 0,
            "catalysed": "–",
            "pairs_compared": 0,
            "reading": f"{hub}: {error.result.sentence}",
        }
    )
    return row


def _pairs_count(c: WaveComparison, which: str) -> int:
    """The pairs a comparison compared or left out; every pair of its organisations
    (none left out) when it compared every pair."""
    if c.pairs_note is not None:
        return int(getattr(c.pairs_note, which))
    if which == "excluded":
        return 0
    names = set(c.before.nodes) | set(c.after.nodes)
    return len(names) * (len(names) - 1) // 2


def _hub_catalysis(survey: Survey, hub: str, catalysis: pd.DataFrame) -> tuple[int, int]:
    """Closed and open pairs of the hub organisation(s) of one hub's ecosystem.

    The hub's own organisation is the one of type "hub" whose hub column names this hub
    alone; where none does, every hub organisation in the ecosystem counts.
    """
    hubs_of = survey.organisations["hubs"]
    own = [name in hubs_of.index and tuple(hubs_of[name]) == (hub,) for name in catalysis["hub"]]
    rows = catalysis[own] if any(own) else catalysis
    return int(rows["closed_pairs"].sum()), int(rows["open_pairs"].sum())


def _hub_row(hub: str, c: WaveComparison, catalysis: tuple[int, int]) -> dict[str, Any]:
    """One row of :func:`compare_hubs` from a hub's comparison and its (closed, open) pairs."""
    closed, open_pairs = catalysis
    row = {
        "hub": hub,
        "organisations_before": int(c.before.graph["roster_size"]),
        "organisations_after": int(c.after.graph["roster_size"]),
        "response_percent_before": percent(c.before.graph["response_rate"]),
        "response_percent_after": percent(c.after.graph["response_rate"]),
        "density_before": c.density.before,
        "density_after": c.density.after,
        "density_change": c.density.change,
        "density_low": c.density.low,
        "density_high": c.density.high,
        "qap_r": c.qap.r,
        "qap_p": c.qap.p,
        "jaccard": c.jaccard,
        "catalysed_pairs": closed,
        "open_pairs": open_pairs,
        "catalysed": catalysed_text(closed, open_pairs),
        "pairs_compared": _pairs_count(c, "compared"),
        "pairs_excluded": _pairs_count(c, "excluded"),
    }
    row["reading"] = hub_reading(row)
    return row


def catalysed_text(closed: int, open_pairs: int) -> str:
    """Catalysed pairs as people read them: "n of N (x%)".

    >>> catalysed_text(3, 58), catalysed_text(0, 0)
    ('3 of 58 (5%)', '0 of 0')
    """
    if not open_pairs:
        return f"{closed} of {open_pairs}"
    return f"{closed} of {open_pairs} ({closed / open_pairs:.0%})"


def hub_reading(row: dict[str, Any]) -> str:
    """One plain sentence about a row of :func:`compare_hubs`: density change and whether
    it could be noise, how alike the waves' ties are, and the pairs catalysed.

    Densities read to two decimals, or three where a wave's is below 0.1 (as
    :func:`~ecosystem.analysis.change.describe_changes` writes them).

    >>> hub_reading({"hub": "Dorset", "density_before": 0.108, "density_after": 0.154,
    ...              "density_change": 0.046, "density_low": -0.049, "density_high": 0.183,
    ...              "qap_r": 0.63, "qap_p": 0.001, "catalysed": "0 of 15 (0%)"})
    "Dorset: density rose from 0.11 to 0.15, which could be noise (95% interval -0.05 to 0.18); the waves' ties correlate (r = 0.63, p = 0.001); 0 of 15 (0%) open pairs of partners became tied."
    """  # noqa: E501
    r, p = row["qap_r"], row["qap_p"]
    if math.isnan(r):
        ties = "the waves' ties cannot be correlated"
    else:
        alike = "correlate" if p <= 0.05 else "are no more alike than chance"
        ties = f"the waves' ties {alike} (r = {r:.2f}, {format_p(p)})"
    pairs = f"{row['catalysed']} open pairs of partners became tied"
    return f"{row['hub']}: {_density_reading(row)}; {ties}; {pairs}."


def _density_reading(row: dict[str, Any]) -> str:
    """The density part of :func:`hub_reading`."""
    change, low, high = row["density_change"], row["density_low"], row["density_high"]
    if math.isnan(change):
        return "density cannot be compared"
    before, after = row["density_before"], row["density_after"]
    digits = 2 if min(before, after) >= 0.1 else 3
    word = "rose" if change > 0 else "fell" if change < 0 else "stayed the same"
    density = f"density {word} from {before:.{digits}f} to {after:.{digits}f}"
    if math.isnan(low) or math.isnan(high):
        return density
    noise = "which could be noise" if low <= 0 <= high else "unlikely to be noise"
    return density + f", {noise} (95% interval {format_interval(low, high, digits)})"


def hub_comparison_headings(wave_from: str, wave_to: str) -> dict[str, str]:
    """The heading people read for each column of :func:`compare_hubs`, naming the waves.

    >>> hub_comparison_headings("W1", "W2")["response_percent_before"]
    'Response rate, W1 (%)'
    """
    words = HUB_COMPARISON_WORDS
    return {
        "hub": words["hub"],
        "organisations_before": f"{words['organisations']}, {wave_from}",
        "organisations_after": f"{words['organisations']}, {wave_to}",
        "response_percent_before": f"{words['response']}, {wave_from} (%)",
        "response_percent_after": f"{words['response']}, {wave_to} (%)",
        "density_before": f"{words['density']}, {wave_from}",
        "density_after": f"{words['density']}, {wave_to}",
        "density_change": words["density_change"],
        "density_low": f"{words['density_change']}, 95% interval from",
        "density_high": f"{words['density_change']}, 95% interval to",
        "qap_r": "QAP correlation of ties (r)",
        "qap_p": "QAP p-value",
        "jaccard": words["jaccard"],
        "catalysed_pairs": "Open pairs of partners that became tied (n)",
        "open_pairs": "Open pairs of partners (N)",
        "catalysed": words["catalysed"],
        "pairs_compared": "Pairs of organisations compared (observed in both waves)",
        "pairs_excluded": "Pairs of organisations left out (unobserved in a wave)",
        "reading": "Reading",
    }


def hub_comparison_text(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`compare_hubs` as people read it on a screen or in a report: every cell text.

    Each wave's value side by side, earlier → later ("21 → 20"; the headings leave the
    waves' names to the table's caption, so the table fits a laptop's screen), response
    rates as whole percentages ("48% → 70%"), the density change signed with its 95%
    interval as "-0.01 to 0.11" (two decimals, or three in every row when a density of the
    table is below 0.1, so the column reads evenly), the QAP p-value as "p = 0.001", and the
    catalysed pairs as "n of N (x%)". Spaces within a value are non-breaking, so no value
    wraps across lines in a narrow column. The input is not modified.
    """
    words = HUB_COMPARISON_WORDS
    densities = table[["density_before", "density_after"]].to_numpy(dtype=float)
    digits = 3 if (densities < 0.1).any() else 2
    rows = []
    for row in table.to_dict("records"):
        rows.append(
            {
                words["hub"]: row["hub"],
                words["organisations"]: _pair(
                    f"{row['organisations_before']}", f"{row['organisations_after']}"
                ),
                words["response"]: _pair(
                    _whole_percent(row["response_percent_before"]),
                    _whole_percent(row["response_percent_after"]),
                ),
                words["density"]: _pair(
                    _decimal(row["density_before"], digits), _decimal(row["density_after"], digits)
                ),
                words["density_change"]: _decimal(row["density_change"], digits, signed=True),
                "95% interval of the change": format_interval(
                    row["density_low"], row["density_high"], digits
                ),
                "QAP r": _decimal(row["qap_r"], 2),
                "QAP p": format_p(row["qap_p"]),
                words["jaccard"]: _decimal(row["jaccard"], 2),
                words["catalysed"]: row["catalysed"],
            }
        )
    text = pd.DataFrame(rows)
    values = text.columns[1:]
    text[values] = text[values].apply(lambda column: column.str.replace(" ", NO_BREAK))
    return text


def _pair(before: str, after: str) -> str:
    return f"{before} → {after}"


def _whole_percent(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.0f}%"


def _decimal(value: float, digits: int, signed: bool = False) -> str:
    if math.isnan(value):
        return "–"
    return f"{value + 0.0:{'+' if signed else ''}.{digits}f}"
