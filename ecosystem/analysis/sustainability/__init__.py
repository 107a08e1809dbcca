"""Sustainability: what the ecosystem loses if organisations leave (or the hub is absorbed),
which organisations hold it together, and who could carry the hub's role.

The evaluation's central worry is what happens after the funding ends: hubs move into their
ICB, key staff leave, partners disengage. This package answers it from one network (graphs
in, DataFrames and dataclasses out):

``measures.py``
    Borgatti's fragmentation and distance-weighted fragmentation of a network, and the reach
    of a set of organisations [1]_.
``scenarios.py``
    A :class:`Scenario` (organisations leave, or one joins another), the network after it
    (:func:`apply_scenario`, with the merge rule) and what it changes (:func:`run_scenario`,
    a :class:`ScenarioResult`); ``impact.py`` and ``wording.py`` hold its parts.
``key_players.py``
    :func:`key_players`: the set of k organisations whose removal fragments the network most
    (KPP-Neg), or whose reach is largest (KPP-Pos), Borgatti's key player problems [1]_;
    exact or Borgatti's greedy search.
``successors.py``
    :func:`successors`: the organisations into which merging the hub keeps the network
    most whole, "who could carry the hub's role".

The service layer (:mod:`ecosystem.service.sustainability`) chooses the wave, the hub and the
organisations by name and builds the network.

References
----------
.. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
   *Computational and Mathematical Organization Theory* 12(1), 21-34.
"""

from ecosystem.analysis.sustainability.impact import (
    BRIDGE_COLUMNS,
    isolated,
    lost_bridges,
    types_cut_off,
)
from ecosystem.analysis.sustainability.key_players import GOALS, KeyPlayers, key_players
from ecosystem.analysis.sustainability.measures import (
    distance_fragmentation,
    fragmentation,
    reach,
)
from ecosystem.analysis.sustainability.scenarios import (
    MEASURE_COLUMNS,
    Scenario,
    ScenarioResult,
    apply_scenario,
    run_scenario,
)
from ecosystem.analysis.sustainability.successors import SUCCESSOR_COLUMNS, successors

__all__ = [
    "BRIDGE_COLUMNS",
    "GOALS",
    "MEASURE_COLUMNS",
    "SUCCESSOR_COLUMNS",
    "KeyPlayers",
    "Scenario",
    "ScenarioResult",
    "apply_scenario",
    "distance_fragmentation",
    "fragmentation",
    "isolated",
    "key_players",
    "lost_bridges",
    "reach",
    "run_scenario",
    "successors",
    "types_cut_off",
]
