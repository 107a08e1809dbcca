"""Lost ties: ties of the previous wave with no arc either way now."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import pandas as pd

from ecosystem.analysis.change.pairs import ComparedPairs
from ecosystem.analysis.gaps.findings import (
    NEVER,
    Report,
    finite,
    frame,
    hub_organisations,
    mean_attribute,
    pair_arcs,
    reports,
    row,
    strength,
    type_of,
    wave_responses,
)
from ecosystem.analysis.gaps.wording import (
    answer,
    left_roster_reason,
    lost_reason,
    often,
    unreported_reason,
)
from ecosystem.codebook import FREQUENCY

__all__ = ["lost_ties"]


def lost_ties(
    G: nx.DiGraph,
    previous: nx.DiGraph,
    responses: pd.DataFrame | None = None,
    hub_organisation: str | Iterable[str] | None = None,
    *,
    pairs: ComparedPairs | None = None,
) -> pd.DataFrame:
    """Ties of the previous wave with no arc either way now.

    Lost relationships are the report's recurring worry (partners disengaging under
    pressure, staff moving on). Comparing two waves built with the same options shows which
    ties have gone, and the current wave's answers say whether they are gone for sure.

    Parameters
    ----------
    G : networkx.DiGraph
        The network of the current wave.
    previous : networkx.DiGraph
        The network of the previous wave, built with the same options.
    responses : pandas.DataFrame, optional
        The tidy survey responses, to tell a "Never" from a tie not listed; rows of other
        waves than ``G.graph["wave"]`` are ignored.
    hub_organisation : str or iterable of str, optional
        The hub organisation(s), only for wording ("your tie"); default: the nodes of type
        ``"hub"`` of either network.
    pairs : ComparedPairs, optional
        Keep only the pairs both waves observed (:mod:`ecosystem.analysis.change.pairs`):
        a tie is then reported lost only where one of the two answered about the other in
        the current wave too. Default: every pair tied before.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`~ecosystem.analysis.gaps.FINDING_COLUMNS`, one row per pair;
        ``organisation`` and ``other`` are the pair (the hub organisation second where it
        is one of them, else in name order). ``detail``: ``"left_roster"`` where one side
        is no longer on the roster (the tie is absent rather than lost), ``"lost"`` where
        at least one side answered the current wave without reporting contact,
        ``"unreported"`` where neither answered it (the tie may simply be unreported).

    Notes
    -----
    Score = the earlier tie's strength (mean weight of its arcs over the weighting's top);
    halved for ``"left_roster"`` and ``"unreported"``, where the tie is not known to be
    lost.
    """
    hubs = hub_organisations(G, hub_organisation, required=False) or hub_organisations(
        previous, None, required=False
    )
    claims = reports(wave_responses(responses, G))
    tied = sorted({tuple(sorted((str(u), str(v)))) for u, v in previous.edges if u != v})
    if pairs is not None:
        tied = [(a, b) for a, b in tied if pairs.covers(a, b)]
    rows = []
    for a, b in tied:
        if a in G and b in G and (G.has_edge(a, b) or G.has_edge(b, a)):
            continue
        if a in hubs and b not in hubs:
            a, b = b, a
        rows.append(_lost_row(G, previous, a, b, hubs, claims))
    return frame(G, rows)


def _lost_row(
    G: nx.DiGraph,
    previous: nx.DiGraph,
    organisation: str,
    other: str,
    hubs: tuple[str, ...],
    claims: dict[tuple[str, str], Report],
) -> dict[str, object]:
    """The finding of one pair tied in ``previous`` and not in ``G``."""
    wave = G.graph.get("wave") or "this wave"
    before = previous.graph.get("wave") or "the previous wave"
    arcs = pair_arcs(previous, organisation, other)
    tie_strength = strength(previous, arcs)
    frequency = mean_attribute(arcs, "frequency")
    how_often = often(frequency) if finite(frequency) else "in touch"
    earlier = f"{before}: {answer(FREQUENCY, frequency)}"
    pair_words = f"You and {organisation}" if other in hubs else f"{organisation} and {other}"
    gone = [name for name in (organisation, other) if name not in G]
    answered = [n for n in (organisation, other) if not gone and G.nodes[n].get("responded")]
    if gone:
        detail, score = "left_roster", 0.5 * tie_strength
        evidence = f"{earlier}; not on the {wave} roster: {', '.join(gone)}"
        reason = left_roster_reason(gone, how_often, wave, before)
    elif answered:
        detail, score = "lost", tie_strength
        status = _silence(organisation, other, answered, claims)
        evidence = f"{earlier}; {wave}: no tie ({status})"
        reason = lost_reason(pair_words, how_often, wave, before)
    else:
        detail, score = "unreported", 0.5 * tie_strength
        evidence = f"{earlier}; {wave}: no tie, neither answered"
        reason = unreported_reason(pair_words, how_often, wave, before)
    types = {
        "organisation_type": type_of(previous, organisation),
        "other_type": type_of(previous, other),
    }
    return row(G, "lost_tie", detail, organisation, other, score, reason, evidence, **types)


def _silence(
    organisation: str, other: str, answered: list[str], claims: dict[tuple[str, str], Report]
) -> str:
    """What the sides of a lost tie said now: who said Never, who did not list the other."""
    counterpart = {organisation: other, other: organisation}
    said_never = [
        n
        for n in (organisation, other)
        if (r := claims.get((n, counterpart[n]))) is not None and r.frequency <= NEVER
    ]
    unlisted = [n for n in answered if n not in said_never]
    return "; ".join(
        [f"{n} said Never" for n in said_never]
        + (
            ["both answered, neither listed the other"]
            if len(unlisted) == 2
            else [f"{n} did not list {counterpart[n]}" for n in unlisted]
        )
    )
