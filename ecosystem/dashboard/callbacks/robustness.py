"""How far each number can be trusted, as the views show it: words beside the measures.

The simulation of further non-response (:func:`ecosystem.service.robustness_of`) runs once
per (wave, options) in :meth:`DashboardData.robustness`, when the Overview, the
Organisations view or the Network view's size selector first needs it. These helpers turn
its figures into what those views show: a verdict beside each measure (in words: a colour
alone would carry nothing to someone who cannot see it), the figures behind it, and the
response rate of the wave.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from dash import html

from ecosystem.dashboard.callbacks.shared import html_table
from ecosystem.glossary import measure_label
from ecosystem.glossary.robustness import VERDICT_RULE, VERDICTS

if TYPE_CHECKING:
    from ecosystem.service import Robustness

ROBUST, CHECK, FRAGILE = VERDICTS

MARKS = {CHECK: "check", FRAGILE: "fragile"}
"""The word a measure's column header carries when it is not robust."""


def verdicts(robustness: Robustness | None) -> dict[str, str]:
    """Each simulated organisation measure's verdict, by key (none before responses)."""
    if robustness is None:
        return {}
    return {str(key): str(value) for key, value in robustness.measures["verdict"].items()}


def _figure(value: float, places: int = 2) -> str:
    return "–" if pd.isna(value) else f"{value:.{places}f}"


def _share(value: float) -> str:
    return "–" if pd.isna(value) else f"{value:.0%}"


def simulation_words(robustness: Robustness) -> str:
    """What was simulated, in one phrase: the share left out and the runs.

    >>> from types import SimpleNamespace
    >>> simulation_words(SimpleNamespace(remove=0.1, runs=200, removed=4))
    'with a further 10% of the respondents (4) left out at random, in 200 runs'
    """
    return (
        f"with a further {robustness.remove:.0%} of the respondents ({robustness.removed}) "
        f"left out at random, in {robustness.runs} runs"
    )


def measure_figures(robustness: Robustness, measure: str) -> str:
    """The figures behind one measure's verdict, in a sentence (for a tooltip)."""
    row = robustness.measures.loc[measure]
    return (
        f"{measure_label(measure)}: {row['verdict']}. Rank agreement (Kendall's tau-b) "
        f"{_figure(row['rank_correlation'])}, 90% of runs between {_figure(row['low'])} and "
        f"{_figure(row['high'])}; top five kept {_share(row['top5_overlap'])}; "
        f"{simulation_words(robustness)}."
    )


def size_label(measure: str, verdict: str | None) -> str:
    """A measure's choice in the size selector, with its verdict when it is not robust.

    >>> size_label("betweenness", "fragile")
    'Betweenness — fragile under non-response'
    >>> size_label("closeness", "check before relying on it")
    'Closeness — check before relying on it (non-response)'
    >>> size_label("pagerank", "robust"), size_label("brokerage", None)
    ('PageRank', 'Brokerage (all roles)')
    """
    label = measure_label(measure)
    if verdict == FRAGILE:
        return f"{label} — fragile under non-response"
    if verdict == CHECK:
        return f"{label} — check before relying on it (non-response)"
    return label


def response_words(robustness: Robustness) -> str:
    """The wave's response rate, in words."""
    where = robustness.wave if robustness.hub is None else f"{robustness.hub}, {robustness.wave}"
    return (
        f"{robustness.response_rate:.0%} of organisations answered in {where} "
        f"({robustness.respondents} respondents)."
    )


def verdict_line(robustness: Robustness | None) -> html.P | None:
    """The response rate and every measure grouped by verdict, in one paragraph (above the
    Organisations table and under the size selector)."""
    if robustness is None:
        return None
    found = verdicts(robustness)
    groups = []
    for verdict in VERDICTS:
        named = [measure_label(key) for key, said in found.items() if said == verdict]
        groups.append(f"{verdict}: {', '.join(named) if named else 'none'}")
    return html.P(
        [
            html.Strong("How far these measures can be trusted. "),
            response_words(robustness),
            f" {simulation_words(robustness).capitalize()}: ",
            "; ".join(groups),
            ". ",
            html.Span("How the verdict is given", title=VERDICT_RULE, className="rule-hint"),
            ".",
        ],
        className="verdict-line",
    )


def short_verdicts(robustness: Robustness | None) -> html.P | None:
    """The measures to check or distrust, in a few words (under the size selector)."""
    if robustness is None:
        return None
    found = verdicts(robustness)
    groups = []
    for verdict in VERDICTS[1:]:
        named = [measure_label(key) for key, said in found.items() if said == verdict]
        if named:
            groups.append(f"{verdict.capitalize()}: {', '.join(named)}.")
    if not groups:
        groups = ["Every measure is robust."]
    return html.P(
        [
            f"{robustness.response_rate:.0%} answered. ",
            *[f"{group} " for group in groups],
            html.Span(
                f"Left out: a further {robustness.remove:.0%} of respondents, "
                f"{robustness.runs} runs.",
                title=VERDICT_RULE,
            ),
        ],
        className="size-verdicts",
    )


def robustness_tables(robustness: Robustness | None, scope: str) -> html.Div | None:
    """The Overview's account of one wave: its response rate, each organisation measure's
    verdict with its figures, and each network measure with its interval."""
    if robustness is None:
        return None
    measures = robustness.measures
    organisation = pd.DataFrame(
        {
            "Measure": [measure_label(str(key)) for key in measures.index],
            "Verdict": measures["verdict"].astype(str).to_numpy(),
            "Rank agreement (median)": [_figure(v) for v in measures["rank_correlation"]],
            "90% of runs": [
                f"{_figure(low)} – {_figure(high)}"
                for low, high in zip(measures["low"], measures["high"], strict=True)
            ],
            "Top five kept (median)": [_share(v) for v in measures["top5_overlap"]],
        }
    )
    network = robustness.network
    whole = pd.DataFrame(
        {
            "Measure": [measure_label(str(key)) for key in network.index],
            "Value": [_figure(v, 3) for v in network["value"]],
            "90% of runs": [
                f"{_figure(low, 3)} – {_figure(high, 3)}"
                for low, high in zip(network["low"], network["high"], strict=True)
            ],
        }
    )
    where = f"{scope}, {robustness.wave}"
    return html.Div(
        [
            html.H2(f"How far the numbers of {where} can be trusted"),
            html.P(
                [
                    response_words(robustness),
                    f" Each measure was computed again {simulation_words(robustness)}, and "
                    "compared with the full result. ",
                    VERDICT_RULE,
                ],
                className="hint",
            ),
            html_table(
                organisation,
                "overview-table-verdicts",
                f"Organisation measures, {where}",
            ),
            html_table(
                whole,
                "overview-table-intervals",
                f"Network measures, {where}: value and the range of 90% of the runs",
            ),
        ],
        className="robustness",
    )
