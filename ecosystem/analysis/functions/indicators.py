"""The indicators of the hubs' three core functions, each measured on one network (or two).

Conventions: graphs are :class:`networkx.DiGraph` with arcs in the direction of support
(``a -> b``: *a* mainly supports *b*), node attribute ``type`` and, on graphs built by
:func:`ecosystem.network.build_network`, ``hubs`` (the hub names an organisation belongs to,
``"; "``-joined) and arc attribute ``nature`` (a tuple of nature keys). Weights play no
part: every indicator counts organisations or arcs. Nothing here modifies a graph.

The **others** of a network are every organisation but the hub's own, isolates included:
their number *n* is the denominator of every share.
"""

from __future__ import annotations

from typing import Any, Final, cast

import networkx as nx

from ecosystem.analysis.brokerage import brokerage_roles
from ecosystem.analysis.centrality import betweenness
from ecosystem.analysis.change import catalysed_pairs
from ecosystem.analysis.change.common import types
from ecosystem.analysis.change.pairs import ComparedPairs
from ecosystem.codebook import INFORMATION_NATURES
from ecosystem.errors import OptionError

__all__ = [
    "BOOTSTRAPPED",
    "CATALYSING_KEYS",
    "COORDINATION_KEYS",
    "DISSEMINATION_KEYS",
    "FUNCTIONS",
    "catalysing",
    "coordination",
    "dissemination",
    "hub_organisation",
    "organisation_counts",
    "partner_ei",
]

FUNCTIONS: Final[dict[str, str]] = {
    "coordination": "Central coordination",
    "dissemination": "Information dissemination",
    "catalysing": "Catalysing partnerships",
}
"""The three core functions the programme's evaluation names: key -> label people read."""

COORDINATION_KEYS: Final = ("direct_share", "brokerage_share", "betweenness_rank", "organisations")
"""The entries of :func:`coordination`, in order."""

DISSEMINATION_KEYS: Final = ("reach_1", "reach_2", "information_share")
"""The entries of :func:`dissemination`, in order."""

CATALYSING_KEYS: Final = (
    "catalysed_share",
    "catalysed_pairs",
    "open_pairs",
    "ei_before",
    "ei_after",
    "ei_change",
)
"""The entries of :func:`catalysing`, in order."""

BOOTSTRAPPED: Final = frozenset({"direct_share", "reach_1", "reach_2", "information_share"})
"""The indicators that are shares of organisations, so that resampling organisations gives
an honest interval; brokerage share and betweenness rank depend on every other tie at once,
and get none."""

_RANK_TOLERANCE: Final = 1e-9
"""Betweenness values closer than this are tied (they share the best rank)."""

NAN: Final = float("nan")


def hub_organisation(graph: nx.DiGraph, hub: str) -> str | None:
    """The hub's own organisation in a network, or ``None`` when it has none.

    The organisation of type ``"hub"`` whose ``hubs`` attribute names ``hub`` alone (as
    :func:`ecosystem.service.compare_hubs` finds it); failing that, ``hub`` itself when it
    is an organisation of the network (a hand-built graph, or a hub organisation's name).

    >>> G = nx.DiGraph()
    >>> G.add_node("Dorset Innovation Hub", type="hub", hubs="Dorset")
    >>> G.add_node("NHS Dorset", type="icb", hubs="Dorset")
    >>> hub_organisation(G, "Dorset"), hub_organisation(G, "NHS Dorset")
    ('Dorset Innovation Hub', 'NHS Dorset')
    >>> hub_organisation(G, "Manchester") is None
    True
    """
    for node, data in graph.nodes(data=True):
        if data.get("type") == "hub" and data.get("hubs") == hub:
            return cast(str, node)
    return hub if hub in graph else None


def organisation_counts(graph: nx.DiGraph, hub: str) -> dict[str, dict[Any, tuple[int, int]]]:
    """Each bootstrapped indicator as a (counted, out of) pair per other organisation.

    An indicator is the sum of the first over the sum of the second: for ``direct_share``
    (tied to the hub), ``reach_1`` and ``reach_2`` (reached within one or two steps) every
    other organisation is out of 1; for ``information_share`` only those the hub has an arc
    to count, 1 when the arc carries information. Empty when the hub is not in the network.
    """
    own = hub_organisation(graph, hub)
    if own is None:
        return {key: {} for key in BOOTSTRAPPED}
    others = [node for node in graph if node != own]
    steps = nx.single_source_shortest_path_length(graph, own, cutoff=2)
    tied = set(graph.successors(own)) | set(graph.predecessors(own))
    natures = {target: set(nature or ()) for _, target, nature in graph.out_edges(own, "nature")}
    informing = {t for t, kinds in natures.items() if kinds & set(INFORMATION_NATURES)}
    return {
        "direct_share": {o: (int(o in tied), 1) for o in others},
        "reach_1": {o: (int(steps.get(o, 3) <= 1), 1) for o in others},
        "reach_2": {o: (int(o in steps), 1) for o in others},
        "information_share": {o: (int(o in informing), int(o in natures)) for o in others},
    }


def _the_hub(graph: nx.DiGraph, hub: str) -> Any:
    """The hub's organisation; ``OptionError`` when the network has none."""
    found = hub_organisation(graph, hub)
    if found is None:
        raise OptionError(f"hub '{hub}' has no organisation of type hub in this network")
    return found


def _share(count: int, total: int) -> float:
    return count / total if total else NAN


def _ratio(counts: dict[Any, tuple[int, int]]) -> float:
    """An indicator from :func:`organisation_counts`: the sum counted over the sum out of."""
    return _share(sum(c for c, _ in counts.values()), sum(t for _, t in counts.values()))


def coordination(graph: nx.DiGraph, hub: str) -> dict[str, Any]:
    """Central coordination: how far the hub is the ecosystem's front door and go-between.

    Parameters
    ----------
    graph : networkx.DiGraph
        One wave's network; every organisation needs a ``type`` (for brokerage).
    hub : str
        The hub (see :func:`hub_organisation`).

    Returns
    -------
    dict
        ``direct_share``: the share of the *n* others with an arc to or from the hub (NaN
        when *n* = 0); ``brokerage_share``: the hub's Gould-Fernandez brokerage [1]_ (all
        five roles, :func:`ecosystem.analysis.brokerage.brokerage_roles`) over the brokerage
        of every organisation in the network, 0.0 when nobody brokers;
        ``betweenness_rank``: the hub's rank on Freeman's betweenness [2]_
        (:func:`ecosystem.analysis.centrality.betweenness`) among every organisation of the
        network, 1 the most between, ties sharing the best rank; ``organisations``: *n*.

    Raises ``OptionError`` when the network has no organisation for the hub.

    See Also
    --------
    ecosystem.analysis.brokerage.brokerage_roles : the brokerage of every organisation.
    ecosystem.analysis.centrality.betweenness : the betweenness of every organisation.
    dissemination, catalysing : the other two core functions.

    References
    ----------
    .. [1] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal
       approach to brokerage in transaction networks. *Sociological Methodology* 19, 89-126.
    .. [2] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
       *Sociometry* 40(1), 35-41.

    Examples
    --------
    >>> G = nx.DiGraph([("A", "Hub"), ("Hub", "B"), ("B", "C")])
    >>> G.add_node("D")
    >>> nx.set_node_attributes(G, "vcse", "type")
    >>> coordination(G, "Hub")
    {'direct_share': 0.5, 'brokerage_share': 0.5, 'betweenness_rank': 1, 'organisations': 4}
    """
    own = _the_hub(graph, hub)
    counts = organisation_counts(graph, hub)
    totals = brokerage_roles(graph)["total"]
    everyone = int(totals.sum())
    between = betweenness(graph)
    rank = 1 + int((between > between[own] + _RANK_TOLERANCE).sum())
    return {
        "direct_share": _ratio(counts["direct_share"]),
        "brokerage_share": int(totals[own]) / everyone if everyone else 0.0,
        "betweenness_rank": rank,
        "organisations": graph.number_of_nodes() - 1,
    }


def dissemination(graph: nx.DiGraph, hub: str) -> dict[str, float]:
    """Information dissemination: how far the hub's support reaches, and whether it informs.

    Parameters
    ----------
    graph : networkx.DiGraph
        One wave's network, arcs in the direction of support, arc attribute ``nature`` (a
        tuple of nature keys; none where missing).
    hub : str
        The hub (see :func:`hub_organisation`).

    Returns
    -------
    dict
        ``reach_1`` and ``reach_2``: the share of the *n* others the hub reaches along
        arcs out of it (hub -> partner: the hub supports them) within one and two steps
        (NaN when *n* = 0); ``information_share``: the share of the hub's outgoing arcs
        whose nature holds at least one of
        :data:`ecosystem.codebook.INFORMATION_NATURES` (NaN when the hub has none).

    Raises ``OptionError`` when the network has no organisation for the hub.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_edge("Hub", "A", nature=("horizon_scanning",))
    >>> G.add_edge("Hub", "B", nature=("in_kind",))
    >>> G.add_edge("B", "C")
    >>> G.add_edge("D", "Hub")
    >>> dissemination(G, "Hub")
    {'reach_1': 0.5, 'reach_2': 0.75, 'information_share': 0.5}
    """
    _the_hub(graph, hub)
    counts = organisation_counts(graph, hub)
    return {key: _ratio(counts[key]) for key in DISSEMINATION_KEYS}


def partner_ei(graph: nx.DiGraph, partners: set[Any], kinds: dict[Any, str]) -> float:
    """Krackhardt and Stern's E-I index of the arcs among some organisations, by type.

    (external - internal) / (external + internal) [1]_, counting arcs (as
    :func:`ecosystem.analysis.summary.network_measures` does) between two of ``partners``,
    internal when both have the same type in ``kinds``; NaN when there is no such arc.

    See Also
    --------
    ecosystem.analysis.summary.network_measures : the E-I index of a whole network.
    ecosystem.analysis.summary.type_mixing : arcs by the types at their ends.

    References
    ----------
    .. [1] Krackhardt, D. and Stern, R. N. (1988). Informal networks and organizational
       crises: an experimental simulation. *Social Psychology Quarterly* 51(2), 123-140.

    Examples
    --------
    >>> G = nx.DiGraph([("A", "B"), ("B", "C"), ("C", "D")])
    >>> partner_ei(G, {"A", "B", "C"}, {"A": "icb", "B": "icb", "C": "vcse"})
    0.0
    """
    internal = external = 0
    for source, target in graph.edges:
        if source != target and source in partners and target in partners:
            if kinds[source] == kinds[target]:
                internal += 1
            else:
                external += 1
    return _share(external - internal, external + internal)


def catalysing(
    before: nx.DiGraph, after: nx.DiGraph, hub: str, *, pairs: ComparedPairs | None = None
) -> dict[str, Any]:
    """Catalysing partnerships: did the hub's partners who were apart come together?

    Parameters
    ----------
    before, after : networkx.DiGraph
        The earlier and the later wave.
    hub : str
        The hub (see :func:`hub_organisation`; found in the later wave, else the earlier).
    pairs : ComparedPairs, optional
        Count a pair of partners as open (and so as catalysed) only where both waves
        observed it (:mod:`ecosystem.analysis.change.pairs`); default every pair.

    Returns
    -------
    dict
        ``open_pairs``: the pairs of the hub's earlier-wave partners with no arc either way
        between them then; ``catalysed_pairs``: those with an arc either way in the later
        wave; ``catalysed_share``: their share (NaN with no open pair), all as
        :func:`ecosystem.analysis.change.catalysed_pairs` counts them (Compare waves' own
        numbers); ``ei_before``, ``ei_after``: the E-I index (:func:`partner_ei`) of the
        arcs among the earlier-wave partners in each wave, types as the later wave gives
        them (else the earlier), and ``ei_change`` = after - before: a rise means more of
        the partners' ties cross organisation types.

    Raises ``OptionError`` when neither network has an organisation for the hub.

    Examples
    --------
    >>> before = nx.DiGraph([("Hub", "A"), ("B", "Hub"), ("Hub", "C"), ("A", "B")])
    >>> nx.set_node_attributes(before, {"Hub": "hub", "A": "icb", "B": "icb", "C": "vcse"},
    ...                        "type")
    >>> after = before.copy()
    >>> after.add_edge("A", "C")
    >>> result = catalysing(before, after, "Hub")
    >>> result["catalysed_pairs"], result["open_pairs"], result["ei_before"], result["ei_after"]
    (1, 2, -1.0, 0.0)
    """
    own = hub_organisation(after, hub) or _the_hub(before, hub)
    summary, _ = catalysed_pairs(before, after, [own], pairs=pairs)
    row = summary.iloc[0]
    partners = set()
    if own in before:
        partners = (set(before.successors(own)) | set(before.predecessors(own))) - {own}
    kinds = types(before, after)
    ei_before, ei_after = partner_ei(before, partners, kinds), partner_ei(after, partners, kinds)
    return {
        "catalysed_share": float(row["closed_share"]),
        "catalysed_pairs": int(row["closed_pairs"]),
        "open_pairs": int(row["open_pairs"]),
        "ei_before": ei_before,
        "ei_after": ei_after,
        "ei_change": ei_after - ei_before,
    }
