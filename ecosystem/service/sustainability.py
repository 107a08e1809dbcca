"""Sustainability of a survey's ecosystems: scenarios, key players and successors chosen by
name, on the network of one wave (and hub).

Every face (the CLI, the dashboard, the exports and the report) asks here, so "the hub
leaves" means the same network, the same organisations and the same numbers wherever it is
shown. Organisations are named as elsewhere in the product: case- and space-insensitively,
by their name or an alias; a name that is not in the network raises
:class:`UnknownOrganisation`, an :class:`~ecosystem.errors.OptionError` that carries the
nearest names (:func:`ecosystem.names.nearest_names`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Final

import networkx as nx
import pandas as pd

from ecosystem.analysis.profile import UnknownOrganisationError
from ecosystem.analysis.sustainability import (
    KeyPlayers,
    Scenario,
    ScenarioResult,
    key_players,
    run_scenario,
    successors,
)
from ecosystem.codebook import normalise_label, type_key
from ecosystem.errors import OptionError
from ecosystem.names import nearest_names
from ecosystem.network import NetworkOptions, build_network
from ecosystem.service.waves import choose_wave, resolve_hub
from ecosystem.survey import Survey
from ecosystem.words import in_words

__all__ = [
    "HUB_JOINS_ICB",
    "HUB_LEAVES",
    "Scenario",
    "UnknownOrganisation",
    "hub_organisation",
    "hub_scenarios",
    "key_players_for",
    "organisation_in",
    "scenario_for",
    "scenario_network",
    "successors_for",
]

HUB_LEAVES: Final = "The hub leaves"
"""The name of the ready-made scenario that removes the hub's own organisation."""

HUB_JOINS_ICB: Final = "The hub joins the ICB"
"""The name of the ready-made scenario that merges the hub into its ecosystem's ICB."""


class UnknownOrganisation(UnknownOrganisationError):
    """An organisation named in a scenario is not in the network; ``name`` is the name as
    written and ``suggestions`` the nearest names in the network (best first, may be empty).

    >>> error = UnknownOrganisation("no 'NHS Dorest'", "NHS Dorest", ["NHS Dorset"])
    >>> error.suggestions, isinstance(error, OptionError)
    (('NHS Dorset',), True)
    """

    def __init__(self, message: str, name: str = "", suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.name = name
        self.suggestions = tuple(suggestions)


def scenario_network(
    survey: Survey, wave: str | None, options: NetworkOptions | None = None
) -> nx.DiGraph:
    """The network a scenario works on: the wave chosen by name (default: the latest) and
    ``options`` (one hub's ecosystem when ``options.hub`` names one, by any of its names)."""
    options = options or NetworkOptions()
    if options.hub is not None:
        options = replace(options, hub=resolve_hub(survey, options.hub))
    return build_network(survey, choose_wave(survey, wave), options)


def scenario_for(
    survey: Survey,
    wave: str | None,
    options: NetworkOptions | None = None,
    *,
    remove: Iterable[str] = (),
    merge: str | None = None,
    into: str | None = None,
) -> ScenarioResult:
    """What the network of ``wave`` loses if the ``remove`` organisations leave, or if
    ``merge`` joins ``into`` (:func:`ecosystem.analysis.sustainability.run_scenario`).

    Raises
    ------
    UnknownOrganisation
        For a name that is not an organisation of the network (with the nearest names).
    OptionError
        For an unknown wave or hub; for both a removal and a merge, or neither; for a
        merge without ``into`` (or ``into`` without a merge).
    """
    if (merge is None) != (into is None):
        raise OptionError("a merge names the organisation that joins and the one it joins")
    graph = scenario_network(survey, wave, options)
    gone = tuple(organisation_in(survey, graph, name) for name in remove)
    if merge is not None and into is not None:
        joined = (organisation_in(survey, graph, merge), organisation_in(survey, graph, into))
        return run_scenario(graph, Scenario(remove=gone, merge=joined))
    return run_scenario(graph, Scenario(remove=gone))


def key_players_for(
    survey: Survey,
    wave: str | None,
    options: NetworkOptions | None,
    k: int,
    goal: str = "fragment",
    steps: int = 1,
) -> KeyPlayers:
    """The ``k`` key players of the network of ``wave``
    (:func:`ecosystem.analysis.sustainability.key_players`, with its default search)."""
    return key_players(scenario_network(survey, wave, options), k, goal, steps)


def successors_for(
    survey: Survey, wave: str | None, options: NetworkOptions | None, hub_organisation: str
) -> pd.DataFrame:
    """Who could carry the hub's role: every other organisation of the network of ``wave``
    ranked by how whole the network stays once ``hub_organisation`` joins it
    (:func:`ecosystem.analysis.sustainability.successors`). ``hub_organisation`` is an
    organisation's name (or alias), or a hub's name for the hub's own organisation."""
    graph = scenario_network(survey, wave, options)
    try:
        name = organisation_in(survey, graph, hub_organisation)
    except UnknownOrganisation:
        own = _own_hub_organisation(survey, hub_organisation)
        if own is None or own not in graph:
            raise
        name = own
    return successors(graph, name)


def organisation_in(survey: Survey, graph: nx.DiGraph, written: str) -> str:
    """The organisation of ``graph`` that ``written`` names (its name or an alias, case- and
    space-insensitively); :class:`UnknownOrganisation` with the nearest names otherwise."""
    wanted = normalise_label(written)
    for name in graph:
        if normalise_label(name) == wanted:
            return str(name)
    aliases = survey.organisations["aliases"]
    for name in graph:
        if name in aliases.index and wanted in {normalise_label(a) for a in aliases[name]}:
            return str(name)
    close = nearest_names(written, [str(name) for name in graph])
    where = ", ".join(str(graph.graph[key]) for key in ("hub", "wave") if graph.graph.get(key))
    hint = f"; did you mean {_quoted(close)}?" if close else ""
    message = f"organisation '{written}' is not in this network ({where}){hint}"
    raise UnknownOrganisation(message, written, close)


def _quoted(names: Sequence[str]) -> str:
    quoted = [f"'{name}'" for name in names]
    return in_words(quoted, "or")


def hub_organisation(survey: Survey, hub: str) -> str | None:
    """The hub's own organisation: of type "hub", its hub column naming this hub (alone,
    where several do); None when the hub has none. ``hub`` is any name of the hub."""
    return _own_hub_organisation(survey, resolve_hub(survey, hub))


def _own_hub_organisation(survey: Survey, hub: str) -> str | None:
    try:
        hub = resolve_hub(survey, hub)
    except OptionError:
        return None
    return _one_of_type(survey, hub, "hub")


def _one_of_type(survey: Survey, hub: str, kind: str) -> str | None:
    """The organisation of type ``kind`` in the hub's ecosystem: one of this hub alone
    first, then any, in name order; None when there is none."""
    rows = survey.organisations
    found = [
        (tuple(hubs) != (hub,), str(name))
        for name, kind_written, hubs in zip(rows.index, rows["type"], rows["hubs"], strict=True)
        if type_key(kind_written) == kind and hub in hubs
    ]
    return min(found)[1] if found else None


def hub_scenarios(survey: Survey, hub: str) -> dict[str, Scenario]:
    """The ready-made scenarios of one hub, by name.

    :data:`HUB_LEAVES` removes the hub's own organisation (:func:`hub_organisation`);
    :data:`HUB_JOINS_ICB` merges it into the ecosystem's Integrated Care Board, where the
    ecosystem has an organisation of that type (one of this hub alone first, then by name).
    Empty when the hub has no organisation of type hub. Raises ``OptionError`` for an
    unknown hub.
    """
    name = resolve_hub(survey, hub)
    own = _one_of_type(survey, name, "hub")
    if own is None:
        return {}
    scenarios = {HUB_LEAVES: Scenario(remove=(own,))}
    icb = _one_of_type(survey, name, "ICB")
    if icb is not None and icb != own:
        scenarios[HUB_JOINS_ICB] = Scenario(merge=(own, icb))
    return scenarios
