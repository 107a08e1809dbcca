"""Fragile partners: organisations that hang on a single tie (a bridge) to the hub."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import networkx as nx
import pandas as pd

from ecosystem.analysis.gaps.findings import (
    finite,
    frame,
    hub_organisations,
    mean_attribute,
    pair_arcs,
    row,
    strength,
)
from ecosystem.analysis.gaps.wording import answer, bridge_reason, often, single_tie_reason
from ecosystem.codebook import FREQUENCY

__all__ = ["fragile_partners"]


def fragile_partners(
    G: nx.DiGraph, hub_organisation: str | Iterable[str] | None = None
) -> pd.DataFrame:
    """Partners that hang on a single tie: lose it and they are cut off from the hub.

    Staff turnover and system pressure break relationships (the report's challenges). An
    organisation whose only connection to the rest of the hub's ecosystem is one tie, or a
    group reached through one tie (a bridge, in Granovetter's sense [1]_), is one departure
    away from dropping out.

    Parameters
    ----------
    G : networkx.DiGraph
        The hub's network of one wave; read as undirected (a tie either way is a tie).
    hub_organisation : str or iterable of str, optional
        The hub organisation(s); default: the nodes of ``G`` of type ``"hub"``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`~ecosystem.analysis.gaps.FINDING_COLUMNS`, one row per bridge
        (:func:`networkx.bridges`) of the part of the network connected to the hub.
        ``organisation`` is the end of the bridge on the side cut off from the hub,
        ``other`` the organisation it hangs on. ``detail`` is ``"single_tie"`` where the
        side cut off is that organisation alone (its degree is 1) and ``"bridge"`` where it
        holds a group.

    Notes
    -----
    Score = 0.5 x the share of the hub's connected part (the hub itself aside) that the
    loss would cut off + 0.5 x (1 - the tie's strength): a weak tie holding many partners
    scores highest. Organisations not connected to the hub at all are not fragile but
    absent; a bridge between two hub organisations cuts nobody off from the hub and is
    left out.

    See Also
    --------
    ecosystem.analysis.sustainability.run_scenario : what the network loses when whole
        organisations leave.
    ecosystem.analysis.sustainability.key_players : the organisations whose departure
        would fragment the network most.

    References
    ----------
    .. [1] Granovetter, M. S. (1973). The strength of weak ties. *American Journal of
       Sociology* 78(6), 1360-1380.
    """
    hubs = hub_organisations(G, hub_organisation)
    rows = []
    for near, far, cut, others in _cut_offs(G, hubs):
        arcs = pair_arcs(G, near, far)
        score = 0.5 * len(cut) / max(others, 1) + 0.5 * (1 - strength(G, arcs))
        frequency = mean_attribute(arcs, "frequency")
        how_often = f" ({often(frequency)})" if finite(frequency) else ""
        tie_text = f"tie {far} - {near}: {answer(FREQUENCY, frequency)}"
        if len(cut) == 1:
            evidence = f"{tie_text}; {far} has 1 tie in the network"
            reason = single_tie_reason(far, near, how_often, near in hubs)
            rows.append(row(G, "fragile", "single_tie", far, near, score, reason, evidence))
        else:
            group = sorted(str(n) for n in cut)
            shown = ", ".join(group[:5]) + (", ..." if len(group) > 5 else "")
            evidence = f"{tie_text}; {len(cut)} organisations cut off if lost: {shown}"
            reason = bridge_reason(far, near, how_often, len(cut))
            rows.append(row(G, "fragile", "bridge", far, near, score, reason, evidence))
    return frame(G, rows)


def _cut_offs(G: nx.DiGraph, hubs: tuple[str, ...]) -> Iterator[tuple[str, str, set[str], int]]:
    """Each bridge of the hub's connected part that cuts organisations off from the hub:
    (the end on the hub's side, the end cut off, the organisations cut off, how many
    organisations other than the hub the connected part holds)."""
    undirected = nx.Graph()
    undirected.add_nodes_from(G)
    undirected.add_edges_from((u, v) for u, v in G.edges if u != v)
    part: set[str] = set()
    for hub in hubs:
        part |= nx.node_connected_component(undirected, hub)
    connected = undirected.subgraph(part).copy()
    others = len(part) - len(set(hubs) & part)
    for u, v in list(nx.bridges(connected)):
        connected.remove_edge(u, v)
        side_u = nx.node_connected_component(connected, u)
        connected.add_edge(u, v)
        if any(h in side_u for h in hubs):
            near, far, cut = u, v, part - side_u
        else:
            near, far, cut = v, u, side_u
        if any(h in cut for h in hubs):
            continue
        yield str(near), str(far), cut, others
