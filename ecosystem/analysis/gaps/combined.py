"""Every kind of finding of one hub's network, in one table."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import pandas as pd

from ecosystem.analysis.change.pairs import ComparedPairs
from ecosystem.analysis.gaps.findings import frame, hub_organisations, sorted_findings
from ecosystem.analysis.gaps.fragile import fragile_partners
from ecosystem.analysis.gaps.introductions import introductions
from ecosystem.analysis.gaps.lost import lost_ties
from ecosystem.analysis.gaps.missing import missing_types
from ecosystem.analysis.gaps.one_sided import one_sided_ties
from ecosystem.analysis.gaps.relevance import relevance_gaps

__all__ = ["network_gaps"]


def network_gaps(
    G: nx.DiGraph,
    responses: pd.DataFrame,
    previous: nx.DiGraph | None = None,
    hub_organisation: str | Iterable[str] | None = None,
    *,
    pairs: ComparedPairs | None = None,
) -> pd.DataFrame:
    """Every finding of one hub's network: whom to work with more, whom to introduce, what
    is missing, one-sided, fragile or lost.

    Parameters
    ----------
    G : networkx.DiGraph
        The hub's network of one wave (:func:`ecosystem.network.build_network` with
        ``NetworkOptions(hub=...)``).
    responses : pandas.DataFrame
        The tidy survey responses; rows of other waves than ``G.graph["wave"]`` are ignored.
    previous : networkx.DiGraph, optional
        The hub's network of the previous wave, built with the same options, for lost
        ties; none without it.
    hub_organisation : str or iterable of str, optional
        The hub organisation(s); default: the nodes of ``G`` of type ``"hub"``.
    pairs : ComparedPairs, optional
        Lost ties only over the pairs both waves observed (:func:`lost_ties`); default
        every pair.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`~ecosystem.analysis.gaps.FINDING_COLUMNS`, one row per finding,
        sorted by kind (:data:`~ecosystem.analysis.gaps.GAP_KINDS`) and then by score,
        highest first. Each kind's function documents its score.

    Raises
    ------
    OptionError
        When the network has no organisation of type "hub" (and none is given).
    """
    hubs = hub_organisations(G, hub_organisation)
    parts = [
        relevance_gaps(G, responses, hubs),
        introductions(G, responses, hubs),
        missing_types(G, hubs),
        one_sided_ties(G, responses, hubs),
        fragile_partners(G, hubs),
    ]
    if previous is not None:
        parts.append(lost_ties(G, previous, responses, hubs, pairs=pairs))
    parts = [part for part in parts if not part.empty]
    if not parts:
        return frame(G, [])
    return sorted_findings(pd.concat(parts, ignore_index=True))
