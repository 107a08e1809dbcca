"""The measures of one network as tables: every measure per organisation, and per network.

These compose the single-measure functions of :mod:`ecosystem.analysis.centrality`,
:mod:`~ecosystem.analysis.structural_holes`, :mod:`~ecosystem.analysis.brokerage` and
:mod:`~ecosystem.analysis.summary` into the tables that the CLI writes and the dashboard
shows, so both faces show the same numbers. Tables over a whole survey (every wave and hub)
are the service layer's: :mod:`ecosystem.service.tables`.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from ecosystem.analysis.measurement import Measurement


def organisation_table(graph: nx.DiGraph, weight: str = "weight") -> pd.DataFrame:
    """Every measure of every organisation (isolates included), indexed by organisation.

    Columns: ``type``, ``hubs``, ``responded``, then the centrality and structural-hole
    measures of :func:`~ecosystem.analysis.centrality.organisation_measures`, then the
    Gould-Fernandez brokerage counts by organisation type and their total.
    """
    return Measurement(graph, weight).organisations


def with_short_name_column(table: pd.DataFrame, graph: nx.DiGraph) -> pd.DataFrame:
    """A copy of an organisation table with each organisation's ``short_name`` first.

    The organisations file's short names ("UHD") are what a reader of an exported table
    knows the organisations by; the measure tables themselves keep only measures, so a face
    that writes a table for people adds this column. ``""`` where there is none. The table
    is not modified.

    >>> G = nx.DiGraph()
    >>> G.add_node("University Hospitals Dorset", short_name="UHD")
    >>> G.add_node("NHS Dorset")
    >>> table = pd.DataFrame({"type": ["trust", "ICB"]},
    ...                      index=["University Hospitals Dorset", "NHS Dorset"])
    >>> with_short_name_column(table, G)["short_name"].tolist()
    ['UHD', '']
    """
    short = [
        str(graph.nodes[name].get("short_name") or "") if name in graph else ""
        for name in table.index
    ]
    result = table.copy()
    result.insert(0, "short_name", short)
    return result


def full_measures(graph: nx.DiGraph, weight: str = "weight") -> tuple[pd.DataFrame, pd.Series]:
    """Every measure of one network: the organisation table and the network-level measures.

    Betweenness, the costliest measure, is computed once and serves both; on a large network
    the costly measures run on worker processes (:mod:`ecosystem.analysis.measurement`).
    """
    measurement = Measurement(graph, weight).start()
    return measurement.organisations, measurement.overall
