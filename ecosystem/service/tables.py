"""Survey-wide tables: network measures and response rates for every wave and hub.

They build one network per wave and scope and measure it with
:func:`ecosystem.analysis.tables.full_measures`, so every face shows the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from ecosystem.analysis.tables import full_measures
from ecosystem.codebook import ALL_HUBS
from ecosystem.network import NetworkOptions, build_network
from ecosystem.survey import Survey

__all__ = ["network_summary_table", "response_rates"]


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
    columns = ["wave", "scope", "roster", "respondents", "response_rate", "non_respondents"]
    return pd.DataFrame(rows, columns=columns)  # the same columns when no wave has responses
