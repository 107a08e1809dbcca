"""The service layer: what every face asks of a whole survey, and the faces' only door.

The CLI, the dashboard, the exports and the report choose a wave and a hub, and ask for
survey-wide tables, positions and words, here; the analysis modules below take one network
(or two) and know nothing of files, waves on offer or faces. A face imports this package
(and :mod:`ecosystem.access` for who may see what), never :mod:`ecosystem.analysis` or
:mod:`ecosystem.store` (save for type hints): so a rule such as where organisations sit or
which wave comes before is written once, and every face agrees.
"""

from ecosystem.analysis.change import NoComparisonError
from ecosystem.service.comparison import (
    DEFAULT_PAIRS,
    PAIR_CHOICES,
    compare_hubs,
    compare_waves,
    hub_comparison_headings,
    hub_comparison_text,
)
from ecosystem.service.functions import core_functions_of, functions_by_hub, functions_table
from ecosystem.service.gaps import find_gaps, find_gaps_by_hub
from ecosystem.service.hub_sustainability import KEY_PLAYERS, Sustainability, default_scenario
from ecosystem.service.placement import Positions, layout_options, positions
from ecosystem.service.robustness import Robustness, robustness_of
from ecosystem.service.selection import DEFAULT_TABLE, Selection
from ecosystem.service.sustainability import (
    HUB_JOINS_ICB,
    HUB_LEAVES,
    Scenario,
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
from ecosystem.service.waves import choose_wave, resolve_hub, wave_before
from ecosystem.service.words import describe_filters, filter_words

__all__ = [
    "DEFAULT_PAIRS",
    "DEFAULT_TABLE",
    "HUB_JOINS_ICB",
    "HUB_LEAVES",
    "KEY_PLAYERS",
    "PAIR_CHOICES",
    "NoComparisonError",
    "Positions",
    "Robustness",
    "Scenario",
    "Selection",
    "Sustainability",
    "UnknownOrganisation",
    "choose_wave",
    "compare_hubs",
    "compare_waves",
    "core_functions_of",
    "default_scenario",
    "describe_filters",
    "filter_words",
    "find_gaps",
    "find_gaps_by_hub",
    "functions_by_hub",
    "functions_table",
    "hub_comparison_headings",
    "hub_comparison_text",
    "hub_organisation",
    "hub_scenarios",
    "key_players_for",
    "layout_options",
    "network_summary_table",
    "organisation_in",
    "positions",
    "resolve_hub",
    "response_rates",
    "robustness_of",
    "scenario_for",
    "scenario_network",
    "successors_for",
    "wave_before",
]
