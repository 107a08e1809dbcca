"""Successors: who could carry the hub's role if the hub were absorbed.

For each other organisation, merge the hub into it (the merge rule of
:func:`~ecosystem.analysis.sustainability.apply_scenario`: its ties move over, the stronger
of two shared ties stays) and measure what is left. The organisation that keeps the network
least fragmented is the one whose position, once it took on the hub's ties, would hold the
ecosystem together best: the report's question of where the hub's bridging role should go
when the funding ends.
"""

from __future__ import annotations

from typing import Final

import networkx as nx
import pandas as pd

from ecosystem.analysis.sustainability.measures import distance_fragmentation, fragmentation
from ecosystem.analysis.sustainability.scenarios import Scenario, apply_scenario
from ecosystem.codebook import UNKNOWN_TYPE
from ecosystem.errors import OptionError

__all__ = ["SUCCESSOR_COLUMNS", "successors"]

SUCCESSOR_COLUMNS: Final = (
    "organisation",
    "type",
    "fragmentation_after",
    "distance_fragmentation_after",
    "rank",
)
"""The columns of :func:`successors`."""

_DIGITS: Final = 12
"""Decimals that count when ranking (sums of 1/d in another order differ in the last bits)."""


def successors(graph: nx.DiGraph, hub: str) -> pd.DataFrame:
    """Every other organisation as a candidate to absorb ``hub``, best first.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SUCCESSOR_COLUMNS`: the ``organisation``, its ``type``, the
        fragmentation and distance-weighted fragmentation of the network after ``hub``
        joins it, and ``rank`` (1 = keeps fragmentation lowest; ties broken by the lower
        distance-weighted fragmentation, then by name), sorted by rank.

    Raises ``OptionError`` when ``hub`` is not in the network.

    Examples
    --------
    Absorbed by "d" or "e", the hub joins their pair to the rest; by any other, it does not
    (those three tie on both measures, so they come in name order):

    >>> G = nx.DiGraph([("a", "hub"), ("hub", "b"), ("b", "c"), ("d", "e")])
    >>> successors(G, "hub")[["organisation", "fragmentation_after", "rank"]].values.tolist()
    [['d', 0.0, 1], ['e', 0.0, 2], ['a', 0.6, 3], ['b', 0.6, 4], ['c', 0.6, 5]]
    """
    if hub not in graph:
        raise OptionError(f"'{hub}' is not in the network")
    rows = []
    for organisation in graph:
        if organisation == hub:
            continue
        after = apply_scenario(graph, Scenario(merge=(hub, organisation)))
        rows.append(
            {
                "organisation": organisation,
                "type": graph.nodes[organisation].get("type", UNKNOWN_TYPE),
                "fragmentation_after": fragmentation(after),
                "distance_fragmentation_after": distance_fragmentation(after),
            }
        )
    table = pd.DataFrame(rows, columns=list(SUCCESSOR_COLUMNS[:-1]))
    order = sorted(
        range(len(table)),
        key=lambda i: (
            round(table.at[i, "fragmentation_after"], _DIGITS),
            round(table.at[i, "distance_fragmentation_after"], _DIGITS),
            str(table.at[i, "organisation"]),
        ),
    )
    table = table.iloc[order].reset_index(drop=True)
    table["rank"] = range(1, len(table) + 1)
    return table
