"""Relevance gaps: partners rated relevant but met rarely or never, and partners met often
but rated not relevant."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import networkx as nx
import pandas as pd

from ecosystem.analysis.gaps.findings import (
    Report,
    finite,
    frame,
    hub_organisations,
    reports,
    row,
    wave_responses,
)
from ecosystem.analysis.gaps.wording import (
    describe_report,
    frequent_note_reason,
    relevance_gap_reason,
)
from ecosystem.codebook import FREQUENCY, RARELY, RELEVANCE, RELEVANT

__all__ = ["relevance_gaps"]

NOT_RELEVANT: Final = RELEVANCE.parse("Not relevant")
"""The relevance code of "Not relevant"."""

MONTHLY: Final = FREQUENCY.parse("Monthly")
"""The frequency code from which partners meet often ("Monthly" or "Weekly or more")."""


def relevance_gaps(
    G: nx.DiGraph,
    responses: pd.DataFrame,
    hub_organisation: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Partners rated relevant but met rarely or never; and partners met often but rated
    not relevant.

    A hub's time is its scarcest resource. A partner that the hub (or the partner itself)
    rates Relevant or Highly relevant but meets less than quarterly or never is a
    relationship worth investing in; a partner met monthly or more but rated Not relevant
    is time worth questioning.

    Parameters
    ----------
    G : networkx.DiGraph
        The hub's network of one wave (:func:`ecosystem.network.build_network` with
        ``NetworkOptions(hub=...)``); only its organisations and graph attributes are read.
    responses : pandas.DataFrame
        The tidy survey responses (:attr:`ecosystem.survey.Survey.responses`); rows of
        other waves than ``G.graph["wave"]`` are ignored.
    hub_organisation : str or iterable of str, optional
        The hub organisation(s); default: the nodes of ``G`` of type ``"hub"``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`~ecosystem.analysis.gaps.FINDING_COLUMNS`; ``organisation`` is the
        partner and ``other`` the hub organisation.

    Notes
    -----
    Both sides' answers count: the hub's answer about the partner and the partner's answer
    about the hub (several people of one organisation averaged). A pair is a
    ``relevant_rarely_met`` gap when the higher relevance either side gave is at least 2
    (Relevant, :data:`ecosystem.codebook.RELEVANT`) and the higher frequency either side
    gave is at most 1 (Less than quarterly, :data:`ecosystem.codebook.RARELY`), so a gap
    holds on every account of how often they meet. Its score is the mean of a relevance
    part, (relevance - 1) / 2 (0.5 for Relevant, 1 for Highly relevant), and a frequency
    part, (2 - frequency) / 2 (1 for Never, 0.5 for Less than quarterly): scores run from
    0.5 to 1.

    A pair is a ``frequent_not_relevant`` note when the higher frequency is at least 3
    (Monthly) and one side rated the other Not relevant (0). Its score, 0.4 x (frequency -
    2) / 2 (0.2 for monthly, 0.4 for weekly), ranks every note below every gap.
    """
    hubs = hub_organisations(G, hub_organisation)
    answers = reports(wave_responses(responses, G))
    rows = []
    for hub in hubs:
        for partner in sorted(str(n) for n in G if n not in hubs):
            found = _relevance_row(
                G, hub, partner, answers.get((hub, partner)), answers.get((partner, hub))
            )
            if found is not None:
                rows.append(found)
    return frame(G, rows)


def _relevance_row(
    G: nx.DiGraph, hub: str, partner: str, own: Report | None, theirs: Report | None
) -> dict[str, object] | None:
    """The gap or note of one partner, from the hub's answer (``own``) and the partner's
    (``theirs``); None when there is neither."""
    answers = [a for a in (own, theirs) if a is not None]
    relevances = [a.relevance for a in answers if finite(a.relevance)]
    if not relevances:
        return None
    frequency = max(a.frequency for a in answers)
    evidence = f"hub's answer: {describe_report(own)}; partner's answer: {describe_report(theirs)}"
    if max(relevances) >= RELEVANT and frequency <= RARELY:
        relevance_part = (max(relevances) - (RELEVANT - 1)) / (RELEVANCE.top - RELEVANT + 1)
        frequency_part = (RARELY + 1 - frequency) / (RARELY + 1)
        score = (relevance_part + frequency_part) / 2
        reason = relevance_gap_reason(partner, own, theirs, frequency)
        detail = "relevant_rarely_met"
    elif min(relevances) <= NOT_RELEVANT and frequency >= MONTHLY:
        score = 0.4 * (frequency - (MONTHLY - 1)) / (FREQUENCY.top - MONTHLY + 1)
        reason = frequent_note_reason(partner, _not_relevant(own), _not_relevant(theirs), frequency)
        detail = "frequent_not_relevant"
    else:
        return None
    return row(G, "relevance_gap", detail, partner, hub, score, reason, evidence)


def _not_relevant(report: Report | None) -> bool:
    return report is not None and finite(report.relevance) and report.relevance <= NOT_RELEVANT
