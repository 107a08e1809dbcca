"""The report's "How far the numbers can be trusted": the response rate of each wave, and the
verdict on each measure of the later wave under a seeded simulation of further non-response
(:func:`ecosystem.service.robustness_of`), with the figures behind it and the network
measures' ranges.

The simulation runs once per report, with the report's network options and the settings'
share of respondents removed, runs and seed, so the report says what the command line's
``ecosystem robustness`` says of the same wave and hub.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd

from ecosystem.anonymise import Anonymiser
from ecosystem.figures.formats import format_percent
from ecosystem.glossary import measure_label
from ecosystem.report.render import Table, table
from ecosystem.service import Robustness, robustness_of
from ecosystem.survey import Survey

if TYPE_CHECKING:
    from ecosystem.analysis.change import WaveComparison


class _Material(Protocol):
    """What this section reads of :class:`ecosystem.report.sections.Material` (named here
    rather than imported, so the sections and this module do not import each other)."""

    # read-only, as the frozen Material's fields are
    @property
    def survey(self) -> Survey: ...
    @property
    def c(self) -> WaveComparison: ...
    @property
    def names(self) -> Anonymiser: ...


__all__ = ["trust_section", "trust_tables"]


def _figure(value: float, digits: int = 2) -> str:
    return "–" if math.isnan(value) else f"{value:.{digits}f}"


def _range(low: float, high: float, digits: int = 2) -> str:
    if math.isnan(low) or math.isnan(high):
        return "–"
    return f"{low:.{digits}f} to {high:.{digits}f}"


def trust_tables(result: Robustness) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The verdicts (one row per organisation measure) and the network measures' ranges, as
    people read them: glossary labels, figures to two or three decimals."""
    measures = pd.DataFrame(
        {
            "measure": [measure_label(str(key)) for key in result.measures.index],
            "verdict": result.measures["verdict"].astype(str).to_numpy(),
            "rank_correlation": [_figure(v) for v in result.measures["rank_correlation"]],
            "range": [
                _range(low, high)
                for low, high in result.measures[["low", "high"]].to_numpy(dtype=float)
            ],
            "top5_overlap": [
                "–" if math.isnan(v) else f"{round(v * 5):d} of 5"
                for v in result.measures["top5_overlap"].to_numpy(dtype=float)
            ],
        }
    )
    network = pd.DataFrame(
        {
            "measure": [measure_label(str(key)) for key in result.network.index],
            "value": [_figure(v, 3) for v in result.network["value"].to_numpy(dtype=float)],
            "range": [
                _range(low, high, 3)
                for low, high in result.network[["low", "high"]].to_numpy(dtype=float)
            ],
        }
    )
    return measures, network


def _response_lines(m: _Material) -> list[str]:
    lines = []
    for G in (m.c.before, m.c.after):
        rate = G.graph["response_rate"]
        lines.append(
            f"{G.graph['wave']}: {G.graph['respondents']:,} of {G.graph['roster_size']:,} "
            f"organisations answered ({format_percent(rate, 0)})."
        )
    return lines


def trust_section(m: _Material) -> dict[str, Any]:
    """Response rates, the verdict on each measure of the later wave, the network ranges."""
    c = m.c
    result = robustness_of(m.survey, c.wave_to, c.options)
    measures, network = trust_tables(result)
    verdicts: Table = table(
        measures,
        caption=f"How far each measure of {c.wave_to} survives a further "
        f"{result.remove:.0%} of respondents not answering ({result.runs:,} runs, seed "
        f"{result.seed})",
        table_id="trust-measures",
        headers={
            "measure": "Measure",
            "verdict": "Verdict",
            "rank_correlation": "Rank agreement (median Kendall's tau-b)",
            "range": "90% of runs",
            "top5_overlap": "Top five kept (median)",
        },
    )
    ranges: Table = table(
        network,
        caption=f"Network measures of {c.wave_to}: the value and the range holding 90% of the runs",
        table_id="trust-network",
        headers={"measure": "Measure", "value": "Value", "range": "90% of runs"},
    )
    setting = (
        f"Each run leaves out {result.removed:,} of the {result.respondents:,} organisations "
        f"that answered in {c.wave_to}, at random (their reports go; reports about them by "
        "others stay, as in the real survey), rebuilds the network with the same choices and "
        "recomputes every measure."
    )
    return {
        "responses": [m.names.text(line) for line in _response_lines(m)],
        "setting": m.names.text(setting),
        "rule": result.rule,
        "measures": verdicts,  # measures and verdicts: no organisation is named
        "network": ranges,
    }
