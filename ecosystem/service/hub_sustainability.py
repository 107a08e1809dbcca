"""A hub's sustainability in one wave: a scenario, the key players and the hub's successors.

What the report's Sustainability section, the ``sustainability`` exhibit and the command
line all show of one wave: the scenario (by default "The hub leaves"), the
:data:`KEY_PLAYERS` organisations whose removal fragments the network most and, for a hub,
who could carry its role. Each is computed by :mod:`ecosystem.service.sustainability`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pandas as pd

from ecosystem.analysis.sustainability import KeyPlayers, Scenario, ScenarioResult
from ecosystem.errors import OptionError
from ecosystem.network import NetworkOptions
from ecosystem.service.sustainability import (
    HUB_LEAVES,
    hub_scenarios,
    key_players_for,
    scenario_for,
    successors_for,
)
from ecosystem.settings import SETTINGS
from ecosystem.survey import Survey

__all__ = ["KEY_PLAYERS", "Sustainability", "default_scenario", "sustainability"]

KEY_PLAYERS: Final = SETTINGS.key_players_shown
"""How many key players the report, the exhibit and the Sustainability view name (the view
for each goal: fragment, and reach)."""


@dataclass(frozen=True)
class Sustainability:
    """One scenario of one wave, with the key players and (for a hub) its successors.

    ``successors`` is empty when no hub is chosen or the hub has no organisation of type
    hub; ``key_players`` is None when the network is too small for :data:`KEY_PLAYERS`.
    """

    wave: str
    hub: str | None
    result: ScenarioResult
    key_players: KeyPlayers | None
    successors: pd.DataFrame


def default_scenario(survey: Survey, hub: str | None) -> Scenario:
    """The hub's "The hub leaves" scenario, or an OptionError asking for one."""
    scenarios = hub_scenarios(survey, hub) if hub else {}
    if HUB_LEAVES in scenarios:
        return scenarios[HUB_LEAVES]
    where = f"{hub} has no organisation of type hub" if hub else "no hub is chosen"
    raise OptionError(
        f"choose a scenario ({where}): organisations that leave (--remove NAME) or one that "
        "joins another (--merge NAME --into NAME)"
    )


def sustainability(
    survey: Survey, wave: str, options: NetworkOptions, scenario: Scenario | None = None
) -> Sustainability:
    """Run ``scenario`` (by default the hub's "The hub leaves") on one wave's network, with
    the :data:`KEY_PLAYERS` organisations whose removal fragments it most and, when
    ``options.hub`` names a hub with an organisation of type hub, the hub's successors.

    Raises
    ------
    OptionError
        For an unknown wave, hub or organisation, or no scenario where the hub has none.
    """
    scenario = scenario or default_scenario(survey, options.hub)
    absorbed, receiving = scenario.merge or (None, None)
    result = scenario_for(
        survey, wave, options, remove=scenario.remove, merge=absorbed, into=receiving
    )
    try:
        players: KeyPlayers | None = key_players_for(survey, wave, options, KEY_PLAYERS)
    except OptionError:  # fewer than KEY_PLAYERS + 1 organisations: no set to find
        players = None
    ready = hub_scenarios(survey, options.hub) if options.hub else {}
    successors = (
        successors_for(survey, wave, options, ready[HUB_LEAVES].remove[0])
        if HUB_LEAVES in ready
        else pd.DataFrame(columns=["organisation", "type", "fragmentation_after", "rank"])
    )
    return Sustainability(wave, options.hub, result, players, successors)
