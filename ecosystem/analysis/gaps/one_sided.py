"""One-sided ties: support that flows only towards the hub, and ties only one side reports."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import networkx as nx
import pandas as pd

from ecosystem.analysis.gaps.findings import (
    NEVER,
    Report,
    finite,
    frame,
    hub_organisations,
    reports,
    row,
    strength,
    wave_responses,
)
from ecosystem.analysis.gaps.wording import (
    answer,
    nature_words,
    supports_hub_reason,
    unconfirmed_reason,
)
from ecosystem.codebook import FREQUENCY

__all__ = ["one_sided_ties"]

_SILENCE_FACTORS: Final[dict[str, float]] = {
    "said_never": 1.0,
    "not_listed": 0.75,
    "no_answer": 0.5,
}
"""How much a tie one side reports counts, by what the other side did (a denial most)."""


def one_sided_ties(
    G: nx.DiGraph,
    responses: pd.DataFrame,
    hub_organisation: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Support that flows only towards the hub, and ties that only one side reports.

    The report notes that partnerships "varied in terms of the direction of support, with
    some being reciprocal and others being more one-sided with the partner supporting the
    hub". A partner that supports the hub with nothing flowing back may drift away; a tie
    that only one side reports may be fading, or may never have been shared.

    Parameters
    ----------
    G : networkx.DiGraph
        The hub's network of one wave.
    responses : pandas.DataFrame
        The tidy survey responses; rows of other waves than ``G.graph["wave"]`` are ignored.
    hub_organisation : str or iterable of str, optional
        The hub organisation(s); default: the nodes of ``G`` of type ``"hub"``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`~ecosystem.analysis.gaps.FINDING_COLUMNS`. ``detail``
        ``"supports_hub"``: the partner (``organisation``) has an arc to the hub
        organisation (``other``) and the hub none back. For a tie that only one side
        reports (edge attribute ``confirmed`` False), ``organisation`` is the side that
        reports it, ``other`` the side that does not, and ``detail`` says why:
        ``"said_never"`` (it answered "Never"), ``"not_listed"`` (it answered the survey
        but did not list the reporter) or ``"no_answer"`` (it did not answer the survey at
        all). Ties from another tool's edge list carry no reports and are left out.

    Notes
    -----
    ``supports_hub`` scores the tie's strength (weight over the weighting's top). A tie
    that one side reports scores the reporter's own frequency over 4 (the top of the
    frequency scale: a weekly tie that the other side denies is the sharpest
    disagreement), times 1 when the other side said "Never", 0.75 when it answered but did
    not list the reporter, and 0.5 when it did not answer (silence is weaker evidence than
    a denial).
    """
    hubs = hub_organisations(G, hub_organisation)
    answers = wave_responses(responses, G)
    rows = _supports_hub_rows(G, hubs)
    claims = reports(answers)
    respondents = set(answers["respondent"]) if not answers.empty else set()
    seen: set[frozenset[str]] = set()
    for u, v, data in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        pair = frozenset((u, v))
        if pair in seen or data.get("confirmed", True) or not finite(data.get("frequency")):
            continue
        seen.add(pair)
        found = _unconfirmed_row(G, str(u), str(v), claims, respondents, hubs)
        if found is not None:
            rows.append(found)
    return frame(G, rows)


def _supports_hub_rows(G: nx.DiGraph, hubs: tuple[str, ...]) -> list[dict[str, object]]:
    """Partners with an arc to a hub organisation and none back."""
    rows = []
    for hub in hubs:
        for partner in sorted(str(p) for p in G.pred[hub]):
            if partner in hubs or G.has_edge(hub, partner):
                continue
            arc = G.edges[partner, hub]
            natures = nature_words(arc.get("nature"))
            evidence = (
                f"arc {partner} -> hub only; frequency {answer(FREQUENCY, arc.get('frequency'))}; "
                f"reports {arc.get('reports', 0)}" + (f"; nature: {natures}" if natures else "")
            )
            reason = supports_hub_reason(partner, arc.get("frequency"))
            score = strength(G, [arc])
            rows.append(row(G, "one_sided", "supports_hub", partner, hub, score, reason, evidence))
    return rows


def _unconfirmed_row(
    G: nx.DiGraph,
    u: str,
    v: str,
    claims: dict[tuple[str, str], Report],
    respondents: set[str],
    hubs: tuple[str, ...],
) -> dict[str, object] | None:
    """A tie only one side reports: who reports it, and why the other side does not."""
    positive = [
        (a, b)
        for a, b in ((u, v), (v, u))
        if claims.get((a, b)) is not None and claims[(a, b)].frequency > NEVER
    ]
    if len(positive) != 1:
        return None
    reporter, silent = positive[0]
    claim = claims[(reporter, silent)]
    if claims.get((silent, reporter)) is not None:
        detail, status = "said_never", f"{silent}: Never"
    elif silent in respondents:
        detail, status = "not_listed", f"{silent} answered but did not list {reporter}"
    else:
        wave = G.graph.get("wave") or "this wave's"
        detail, status = "no_answer", f"{silent} did not answer the {wave} survey"
    reason = unconfirmed_reason(detail, reporter, silent, claim.frequency, hubs)
    evidence = f"{reporter}: {answer(FREQUENCY, claim.frequency)}; {status}"
    score = _SILENCE_FACTORS[detail] * claim.frequency / FREQUENCY.top
    return row(G, "one_sided", detail, reporter, silent, score, reason, evidence)
