"""What-if scenarios: organisations leave the ecosystem, or one is absorbed into another.

A :class:`Scenario` says what happens; :func:`apply_scenario` gives the network after it,
and :func:`run_scenario` compares the network before and after (:class:`ScenarioResult`):
fragmentation (Borgatti's [1]_), who is left without a tie, which kinds of organisation are
cut off, which pairs lose their only two-step bridge, and every network-level measure.

The merge rule (the hub moves into the ICB): every arc of the absorbed organisation moves to
the receiving one, in both directions; an arc between the two disappears (no organisation
is tied to itself); where both already had an arc to (or from) the same partner, the
stronger arc stays, with its attributes (the receiving organisation's own arc where they are
equally strong); then the absorbed organisation is removed.

The graphs are never modified: each step returns a new one.

References
----------
.. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
   *Computational and Mathematical Organization Theory* 12(1), 21-34.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from ecosystem.analysis.summary import network_measures
from ecosystem.analysis.sustainability.impact import isolated, lost_bridges, types_cut_off
from ecosystem.analysis.sustainability.measures import distance_fragmentation, fragmentation
from ecosystem.analysis.sustainability.wording import findings
from ecosystem.errors import OptionError
from ecosystem.words import in_words, word

__all__ = ["MEASURE_COLUMNS", "Scenario", "ScenarioResult", "apply_scenario", "run_scenario"]

MEASURE_COLUMNS = ("measure", "before", "after", "change")
"""The columns of :attr:`ScenarioResult.measures`."""


@dataclass(frozen=True)
class Scenario:
    """One what-if: organisations that leave (``remove``), or one organisation absorbed into
    another (``merge`` = (absorbed, receiving)). Exactly one of the two is given.

    >>> Scenario(remove=("Dorset Innovation Hub",)).describe()
    'Dorset Innovation Hub leaves'
    >>> Scenario(merge=("Dorset Innovation Hub", "NHS Dorset")).describe()
    'Dorset Innovation Hub joins NHS Dorset'
    """

    remove: tuple[str, ...] = ()
    merge: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "remove", tuple(self.remove))
        if bool(self.remove) == (self.merge is not None):
            raise OptionError("a scenario either removes organisations or merges two, not both")
        if self.merge is not None:
            if len(self.merge) != 2:
                raise OptionError("a merge names two organisations: the absorbed, the receiving")
            object.__setattr__(self, "merge", tuple(self.merge))
            if self.merge[0] == self.merge[1]:
                raise OptionError(f"'{self.merge[0]}' cannot join itself")
        if len(set(self.remove)) != len(self.remove):
            raise OptionError("an organisation is named twice among those that leave")

    @property
    def gone(self) -> tuple[str, ...]:
        """The organisations no longer in the network after the scenario."""
        return self.remove if self.merge is None else (self.merge[0],)

    def describe(self) -> str:
        """The scenario in plain words ("A and B leave", "A joins B")."""
        if self.merge is not None:
            return f"{self.merge[0]} joins {self.merge[1]}"
        return f"{in_words(self.remove)} {word(len(self.remove), 'leaves', 'leave')}"


@dataclass(frozen=True)
class ScenarioResult:
    """A network before and after a :class:`Scenario`, and what changed.

    Attributes
    ----------
    scenario : Scenario
    before, after : networkx.DiGraph
        The network, and the network after the scenario (:func:`apply_scenario`).
    fragmentation_before, fragmentation_after : float
        Borgatti's fragmentation of each (:func:`fragmentation`).
    distance_fragmentation_before, distance_fragmentation_after : float
        Distance-weighted fragmentation of each (:func:`distance_fragmentation`).
    isolated : tuple of str
        Organisations with no tie after that had one before (those that left excluded).
    types_cut_off : tuple of str
        Organisation type keys whose every organisation has lost every tie to the other types.
    lost_bridges : pandas.DataFrame
        Columns ``first``, ``second``, ``through``: untied pairs whose only two-step links
        went through the organisations that left (or the absorbed one) and that are not
        linked in two steps after.
    measures : pandas.DataFrame
        Columns ``measure``, ``before``, ``after``, ``change``: every network measure of
        :func:`ecosystem.analysis.summary.network_measures`, then ``fragmentation`` and
        ``distance_fragmentation``.
    findings : tuple of str
        Plain-language sentences about the changes.
    """

    scenario: Scenario
    before: nx.DiGraph
    after: nx.DiGraph
    fragmentation_before: float
    fragmentation_after: float
    distance_fragmentation_before: float
    distance_fragmentation_after: float
    isolated: tuple[str, ...]
    types_cut_off: tuple[str, ...]
    lost_bridges: pd.DataFrame
    measures: pd.DataFrame
    findings: tuple[str, ...]


def apply_scenario(graph: nx.DiGraph, scenario: Scenario) -> nx.DiGraph:
    """The network after ``scenario``: a new graph; ``graph`` is not modified.

    ``remove`` drops the organisations and their arcs. ``merge`` = (absorbed, receiving)
    moves every arc of the absorbed organisation, in and out, to the receiving one, creates
    no self-tie, and where both already had an arc to (or from) the same partner keeps the
    one with the larger weight and its attributes (the receiving one's on equal weights);
    the absorbed organisation is then removed. Node and graph attributes are kept.

    Raises ``OptionError`` for an organisation not in the network.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_weighted_edges_from([("hub", "icb", 2), ("hub", "trust", 4), ("icb", "trust", 1),
    ...                            ("council", "hub", 3)])
    >>> after = apply_scenario(G, Scenario(merge=("hub", "icb")))
    >>> sorted(after.edges(data="weight"))
    [('council', 'icb', 3), ('icb', 'trust', 4)]
    """
    missing = [name for name in (*scenario.remove, *(scenario.merge or ())) if name not in graph]
    if missing:
        raise OptionError(f"'{missing[0]}' is not in the network")
    after = graph.copy()
    if scenario.merge is not None:
        absorbed, receiving = scenario.merge
        _move_arcs(graph, after, absorbed, receiving)
    after.remove_nodes_from(scenario.gone)
    return after


def _move_arcs(graph: nx.DiGraph, after: nx.DiGraph, absorbed: str, receiving: str) -> None:
    """Give ``receiving`` in ``after`` every arc of ``absorbed`` in ``graph`` (the merge rule)."""
    moved = [(receiving, v, data) for _, v, data in graph.out_edges(absorbed, data=True)]
    moved += [(u, receiving, data) for u, _, data in graph.in_edges(absorbed, data=True)]
    for u, v, data in moved:
        if u == v:
            continue
        if after.has_edge(u, v) and _weight(after.edges[u, v]) >= _weight(data):
            continue
        if after.has_edge(u, v):
            after.remove_edge(u, v)  # the weaker arc goes with all its attributes
        after.add_edge(u, v, **data)


def _weight(data: Mapping[str, Any]) -> float:
    weight = data.get("weight")
    return 1.0 if weight is None else float(weight)


def run_scenario(graph: nx.DiGraph, scenario: Scenario) -> ScenarioResult:
    """Apply ``scenario`` to ``graph`` and report what it changes (:class:`ScenarioResult`).

    See Also
    --------
    ecosystem.analysis.sustainability.fragmentation : how far the network holds together.
    ecosystem.analysis.sustainability.key_players : the organisations whose departure would
        fragment it most.
    ecosystem.analysis.sustainability.successors : who could carry the hub's role if the
        hub were absorbed.

    Examples
    --------
    >>> G = nx.DiGraph([("hub", "trust"), ("council", "hub"), ("trust", "council"),
    ...                 ("hub", "charity")])
    >>> result = run_scenario(G, Scenario(remove=("hub",)))
    >>> result.fragmentation_before, round(result.fragmentation_after, 4), result.isolated
    (0.0, 0.6667, ('charity',))
    """
    after = apply_scenario(graph, scenario)
    fragmentations = (fragmentation(graph), fragmentation(after))
    distances = (distance_fragmentation(graph), distance_fragmentation(after))
    measures = _measures(graph, after, fragmentations, distances)
    left = isolated(graph, after)
    cut = types_cut_off(graph, after)
    bridges = lost_bridges(graph, after, scenario.gone)
    return ScenarioResult(
        scenario=scenario,
        before=graph,
        after=after,
        fragmentation_before=fragmentations[0],
        fragmentation_after=fragmentations[1],
        distance_fragmentation_before=distances[0],
        distance_fragmentation_after=distances[1],
        isolated=left,
        types_cut_off=cut,
        lost_bridges=bridges,
        measures=measures,
        findings=findings(scenario.describe(), measures, left, cut, bridges),
    )


def _measures(
    before: nx.DiGraph,
    after: nx.DiGraph,
    fragmentations: tuple[float, float],
    distances: tuple[float, float],
) -> pd.DataFrame:
    """Every network measure before and after, and the two fragmentations."""
    values = pd.concat([network_measures(before), network_measures(after)], axis=1)
    values.columns = ["before", "after"]
    values.loc["fragmentation"] = fragmentations
    values.loc["distance_fragmentation"] = distances
    values["change"] = values["after"] - values["before"]
    table = values.rename_axis("measure").reset_index()
    return table[list(MEASURE_COLUMNS)]
