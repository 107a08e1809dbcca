"""Introductions: pairs of the hub's partners with no tie between them, which the hub can
introduce (open triads it spans), scored with link prediction (Adamic-Adar, resource
allocation)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from itertools import combinations
from typing import Any, Final

import networkx as nx
import pandas as pd

from ecosystem.analysis.gaps.findings import (
    NEVER,
    Report,
    finite,
    frame,
    hub_organisations,
    mean_attribute,
    neighbours,
    pair_arcs,
    reports,
    row,
    type_of,
    wave_responses,
)
from ecosystem.analysis.gaps.wording import answer, introduction_reason, number
from ecosystem.codebook import RELEVANCE, RELEVANT

__all__ = ["COMPLEMENTARY_TYPES", "INTRODUCTION_WEIGHTS", "introductions", "link_prediction"]

COMPLEMENTARY_TYPES: Final[dict[frozenset[str], str]] = {
    frozenset({"university", "trust"}): "research and the services that adopt it",
    frozenset({"university", "VCSE"}): "research and community reach",
    frozenset({"university", "industry"}): "research and product development",
    frozenset({"university", "council"}): "research and local public services",
    frozenset({"industry", "trust"}): "products and the services that test and adopt them",
    frozenset({"industry", "HIN"}): "products and the network that spreads innovation",
    frozenset({"council", "trust"}): "health care and social care",
    frozenset({"council", "VCSE"}): "local services and community delivery",
    frozenset({"ICB", "VCSE"}): "commissioning and community reach",
    frozenset({"PPIE", "trust"}): "lived experience and the services people use",
    frozenset({"PPIE", "university"}): "lived experience and research",
    frozenset({"PPIE", "industry"}): "lived experience and product design",
}
"""Pairs of organisation types that bring each other what the other lacks, with what each
pair brings together. An introduction across one of these pairs scores highest on type;
across any other two different types, half; within one type, nothing."""

INTRODUCTION_WEIGHTS: Final[dict[str, float]] = {
    "relevance": 0.35,
    "said_relevant": 0.30,
    "types": 0.20,
    "link_prediction": 0.15,
}
"""How the parts of an introduction's score are combined (they sum to 1); see
:func:`introductions`."""

UNKNOWN_RELEVANCE: Final = RELEVANCE.middle
"""The relevance of a tie with no relevance answer: halfway up the scale (1.5)."""


def link_prediction(G: nx.Graph, pairs: Iterable[tuple[str, str]]) -> pd.DataFrame:
    """Adamic-Adar and resource allocation indices of pairs, on the undirected view of ``G``.

    Both count the partners two organisations share, each shared partner weighted down by
    how many partners it has: one shared by few is a stronger hint that the two belong
    together than a hub everyone shares. For a shared partner *w* of degree *k(w)*,
    Adamic-Adar [1]_ adds 1 / log *k(w)* and resource allocation [2]_ adds 1 / *k(w)*.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        A network; a directed one is read as undirected (a tie either way is a tie), and
        self-ties are ignored. Weights are not used.
    pairs : iterable of (str, str)
        The pairs to score.

    Returns
    -------
    pandas.DataFrame
        One row per pair, in the given order: ``organisation``, ``other``,
        ``common_partners`` (count), ``adamic_adar``, ``resource_allocation``.

    See Also
    --------
    introductions : the pairs of a hub's partners to introduce, which this helps rank.
    networkx.adamic_adar_index, networkx.resource_allocation_index : the reference.

    Notes
    -----
    Equal to :func:`networkx.adamic_adar_index` and
    :func:`networkx.resource_allocation_index` on ``G.to_undirected()`` (the tests compare
    them) where ``G`` has no self-ties.

    References
    ----------
    .. [1] Adamic, L. A. and Adar, E. (2003). Friends and neighbors on the Web. *Social
       Networks* 25(3), 211-230.
    .. [2] Zhou, T., Lü, L. and Zhang, Y.-C. (2009). Predicting missing links via local
       information. *European Physical Journal B* 71(4), 623-630.

    Examples
    --------
    >>> G = nx.Graph([("a", "w"), ("b", "w"), ("a", "v"), ("b", "v"), ("v", "x")])
    >>> link_prediction(G, [("a", "b")])[["common_partners", "resource_allocation"]].values
    array([[2.        , 0.83333333]])
    """
    partners = neighbours(G)
    rows = []
    for a, b in pairs:
        common = partners[a] & partners[b]
        degrees = [len(partners[w]) for w in common]
        rows.append(
            {
                "organisation": a,
                "other": b,
                "common_partners": len(common),
                "adamic_adar": sum(1 / math.log(k) for k in degrees),
                "resource_allocation": sum(1 / k for k in degrees),
            }
        )
    columns = ["organisation", "other", "common_partners", "adamic_adar", "resource_allocation"]
    return pd.DataFrame(rows, columns=columns)


def introductions(
    G: nx.DiGraph,
    responses: pd.DataFrame,
    hub_organisation: str | Iterable[str] | None = None,
    limit: int | None = 20,
    exclude_types: Iterable[str] = ("national",),
) -> pd.DataFrame:
    """Pairs of the hub's partners to introduce to each other, best first.

    Each pair is two partners of the hub (tied to it either way) with no tie between them
    and no report of contact either way in the wave: an open triad that the hub spans, a
    structural hole in Burt's term [1]_. The hub is the one organisation that knows both, so
    it can close the triad (the report's "connecting and convening players who had never
    met").

    Parameters
    ----------
    G : networkx.DiGraph
        The hub's network of one wave, as :func:`ecosystem.network.build_network` builds it.
    responses : pandas.DataFrame
        The tidy survey responses; rows of other waves than ``G.graph["wave"]`` are ignored.
    hub_organisation : str or iterable of str, optional
        The hub organisation(s); default: the nodes of ``G`` of type ``"hub"``.
    limit : int or None, default 20
        Keep the best ``limit`` pairs (``None`` keeps every pair), to stay actionable.
    exclude_types : iterable of str, default ("national",)
        Partner types left out of introductions. National bodies and funders sit on every
        hub's roster to link the programme; introducing them to local partners is rarely a
        hub's job.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`~ecosystem.analysis.gaps.FINDING_COLUMNS`; ``organisation`` and
        ``other`` are the pair, in name order. ``detail`` is ``"said_relevant"`` where one
        of them rated the other Relevant or Highly relevant while answering "Never", else
        ``"open_triad"``.

    See Also
    --------
    link_prediction : the shared-partner scores used in the ranking.
    ecosystem.analysis.change.catalysed_pairs : which open pairs closed by a later wave.
    ecosystem.analysis.structural_holes.effective_size : how many of an organisation's
        partners are not tied to each other.

    Notes
    -----
    The score is a weighted mean (:data:`INTRODUCTION_WEIGHTS`) of four parts in [0, 1]:

    * **relevance** (0.35): how much both matter to the hub, (r_a + r_b) / 6, where r is
      the relevance of the hub's tie with each (a tie with no relevance answer counts 1.5,
      halfway up the scale);
    * **said relevant** (0.30): the highest relevance either said of the other, over 3
      (0 when neither answered about the other). "They see each other as relevant but have
      not met" is the strongest evidence there is;
    * **types** (0.20): 1 for a complementary pair of types (:data:`COMPLEMENTARY_TYPES`),
      0.5 for other different types, 0 for the same type;
    * **link prediction** (0.15): the pair's resource allocation index on the undirected
      view (:func:`link_prediction`), over the highest among the candidate pairs: partners
      who already share partners beyond the hub fit together. Supporting evidence only,
      hence the smallest weight.

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
       Harvard University Press.
    """
    hubs = hub_organisations(G, hub_organisation)
    answers = reports(wave_responses(responses, G))
    partners = _local_partners(G, hubs, set(exclude_types))
    tied = neighbours(G)
    candidates = [
        (a, b) for a, b in combinations(partners, 2) if b not in tied[a] and not _met(answers, a, b)
    ]
    if not candidates:
        return frame(G, [])
    links = link_prediction(G, candidates)
    top = float(links["resource_allocation"].max())
    relevance_to_hub = {p: _hub_relevance(G, hubs, p) for p in partners}
    rows = [
        _introduction_row(G, link, top, relevance_to_hub, answers)
        for link in links.itertuples(index=False)
    ]
    found = frame(G, rows)
    return found if limit is None else found.head(limit).reset_index(drop=True)


def _local_partners(G: nx.DiGraph, hubs: tuple[str, ...], excluded: set[str]) -> list[str]:
    """The hub's partners (tied to it either way), other hub organisations and excluded
    types left out, in name order."""
    tied = neighbours(G)
    partners = {p for hub in hubs for p in tied[hub]} - set(hubs)
    return sorted(str(p) for p in partners if type_of(G, p) not in excluded)


def _met(answers: dict[tuple[str, str], Report], a: str, b: str) -> bool:
    """Whether either of two organisations reports any contact with the other."""
    return any(
        report is not None and report.frequency > NEVER
        for report in (answers.get((a, b)), answers.get((b, a)))
    )


def _hub_relevance(G: nx.DiGraph, hubs: tuple[str, ...], partner: str) -> float:
    """The relevance of the hub's tie with a partner (the highest over hub organisations)."""
    values = [mean_attribute(pair_arcs(G, hub, partner), "relevance") for hub in hubs]
    known = [v for v in values if finite(v)]
    return max(known) if known else UNKNOWN_RELEVANCE


def _type_fit(type_a: str, type_b: str) -> tuple[float, str]:
    """(score part, phrase): complementary types 1, other different types 0.5, same 0."""
    pair = frozenset({type_a, type_b})
    if pair in COMPLEMENTARY_TYPES:
        return 1.0, COMPLEMENTARY_TYPES[pair]
    return (0.5 if type_a != type_b else 0.0), ""


def _introduction_row(
    G: nx.DiGraph,
    link: Any,
    top: float,
    relevance_to_hub: dict[str, float],
    answers: dict[tuple[str, str], Report],
) -> dict[str, object]:
    """One introduction: the pair of ``link`` (a row of :func:`link_prediction`), scored."""
    a, b = str(link.organisation), str(link.other)
    r_a, r_b = relevance_to_hub[a], relevance_to_hub[b]
    said = {
        who: report
        for who, report in ((a, answers.get((a, b))), (b, answers.get((b, a))))
        if report is not None and finite(report.relevance)
    }
    said_part = max((r.relevance for r in said.values()), default=0.0) / RELEVANCE.top
    type_a, type_b = type_of(G, a), type_of(G, b)
    type_part, brings = _type_fit(type_a, type_b)
    link_part = float(link.resource_allocation) / top if top > 0 else 0.0
    weights = INTRODUCTION_WEIGHTS
    score = (
        weights["relevance"] * (r_a + r_b) / (2 * RELEVANCE.top)
        + weights["said_relevant"] * said_part
        + weights["types"] * type_part
        + weights["link_prediction"] * link_part
    )
    seers = [who for who, report in said.items() if report.relevance >= RELEVANT]
    detail = "said_relevant" if seers else "open_triad"
    both_matter = min(r_a, r_b) >= RELEVANT
    reason = introduction_reason((a, b), both_matter, seers, (type_a, type_b), brings)
    views = "; ".join(
        f"{who} said of {b if who == a else a}: Never, {answer(RELEVANCE, report.relevance)}"
        for who, report in said.items()
    )
    evidence = "; ".join(
        part
        for part in (
            f"hub's ties: relevance {number(r_a)} and {number(r_b)}",
            views,
            f"types {type_a} + {type_b}" + (" (complementary)" if brings else ""),
            f"common partners {link.common_partners}",
            f"Adamic-Adar {link.adamic_adar:.2f}",
            f"resource allocation {link.resource_allocation:.2f}",
        )
        if part
    )
    return row(G, "introduction", detail, a, b, score, reason, evidence)
