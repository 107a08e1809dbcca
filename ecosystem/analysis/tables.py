"""The tables people read: measures per organisation, and network measures per wave and hub.

These compose the single-measure functions of :mod:`ecosystem.analysis.centrality`,
:mod:`~ecosystem.analysis.structural_holes`, :mod:`~ecosystem.analysis.brokerage` and
:mod:`~ecosystem.analysis.summary` into the tables that the CLI writes and the dashboard
shows, so both faces show the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import networkx as nx
import pandas as pd

from ecosystem.analysis.brokerage import brokerage_roles
from ecosystem.analysis.centrality import organisation_measures
from ecosystem.analysis.summary import network_measures
from ecosystem.network import NetworkOptions, build_network
from ecosystem.survey import Survey

ALL_HUBS = "All hubs"
"""The scope label of a whole-programme network (every hub's ecosystem together)."""


def organisation_table(graph: nx.DiGraph, weight: str = "weight") -> pd.DataFrame:
    """Every measure of every organisation (isolates included), indexed by organisation.

    Columns: ``type``, ``hubs``, ``responded``, then the centrality and structural-hole
    measures of :func:`~ecosystem.analysis.centrality.organisation_measures`, then the
    Gould-Fernandez brokerage counts by organisation type and their total.
    """
    measures = organisation_measures(graph, weight=weight)
    roles = brokerage_roles(graph, attribute="type").rename(columns={"total": "brokerage"})
    context = pd.DataFrame(
        {
            "hubs": [graph.nodes[n].get("hubs", "") for n in graph],
            "responded": [bool(graph.nodes[n].get("responded", False)) for n in graph],
        },
        index=measures.index,
    )
    table = pd.concat([measures[["type"]], context, measures.drop(columns="type"), roles], axis=1)
    table.index.name = "organisation"
    return table


def full_measures(graph: nx.DiGraph, weight: str = "weight") -> tuple[pd.DataFrame, pd.Series]:
    """Every measure of one network: the organisation table and the network-level measures.

    Betweenness, the costliest measure, is computed once and serves both.
    """
    table = organisation_table(graph, weight=weight)
    overall = network_measures(graph, weight=weight, betweenness_values=table["betweenness"])
    return table, overall


def network_summary_table(
    survey: Survey, waves: Sequence[str], options: NetworkOptions | None = None
) -> pd.DataFrame:
    """Network-level measures side by side, one row per wave and scope.

    The scopes are the whole programme ("All hubs") and each hub's ecosystem, unless
    ``options.hub`` names one hub, in which case only that hub's rows are given. This is
    the cross-site comparison the evaluation recommends: the same measures at every site.
    """
    options = options or NetworkOptions()
    scopes: list[str | None] = [options.hub] if options.hub else [None, *survey.hubs]
    rows = []
    for wave in waves:
        for hub in scopes:
            graph = build_network(survey, wave, replace(options, hub=hub))
            _, measures = full_measures(graph)
            label = graph.graph["hub"] if hub else ALL_HUBS
            rows.append({"wave": wave, "scope": label, **measures.to_dict()})
    return pd.DataFrame(rows)


def response_rates(survey: Survey, waves: Sequence[str] | None = None) -> pd.DataFrame:
    """Who answered, per wave and hub: roster, respondents, response rate, non-respondents.

    The rate is respondent organisations on the roster over organisations on the roster,
    as the network of each wave and hub counts it. Non-respondents are named, so a hub lead
    knows whom to follow up.
    """
    rows = []
    for wave in waves or survey.waves:
        for hub in [None, *survey.hubs]:
            graph = build_network(survey, wave, NetworkOptions(hub=hub))
            silent = sorted(n for n, answered in graph.nodes(data="responded") if not answered)
            rows.append(
                {
                    "wave": wave,
                    "scope": graph.graph["hub"] or ALL_HUBS,
                    "roster": graph.graph["roster_size"],
                    "respondents": graph.graph["respondents"],
                    "response_rate": graph.graph["response_rate"],
                    "non_respondents": "; ".join(silent),
                }
            )
    return pd.DataFrame(rows)
