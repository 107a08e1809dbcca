"""The service layer: what every face asks of a whole survey.

The CLI, the dashboard, the exports and the report choose a wave and a hub, and ask for
survey-wide tables, here; the analysis modules below take one network (or two) and know
nothing of files, waves on offer or faces.
"""

from ecosystem.service.comparison import (
    compare_hubs,
    compare_waves,
    hub_comparison_headings,
    hub_comparison_text,
)
from ecosystem.service.functions import functions_by_hub, functions_table
from ecosystem.service.gaps import find_gaps, find_gaps_by_hub
from ecosystem.service.sustainability import (
    HUB_JOINS_ICB,
    HUB_LEAVES,
    UnknownOrganisation,
    hub_organisation,
    hub_scenarios,
    key_players_for,
    organisation_in,
    scenario_for,
    scenario_network,
    successors_for,
)
from ecosystem.service.tables import network_summary_table, response_rates
from ecosystem.service.waves import choose_wave, resolve_hub

__all__ = [
    "HUB_JOINS_ICB",
    "HUB_LEAVES",
    "UnknownOrganisation",
    "choose_wave",
    "compare_hubs",
    "compare_waves",
    "find_gaps",
    "find_gaps_by_hub",
    "functions_by_hub",
    "functions_table",
    "hub_comparison_headings",
    "hub_comparison_text",
    "hub_organisation",
    "hub_scenarios",
    "key_players_for",
    "network_summary_table",
    "organisation_in",
    "resolve_hub",
    "response_rates",
    "scenario_for",
    "scenario_network",
    "successors_for",
]
