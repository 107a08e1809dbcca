"""Key players: the k organisations that hold the ecosystem together, or reach most of it.

Borgatti [1]_ asks two questions of a network. **KPP-Neg** (``goal="fragment"``): which
set of k organisations, if they left, would leave the network most fragmented
(:func:`~ecosystem.analysis.sustainability.fragmentation` of what remains)? **KPP-Pos**
(``goal="reach"``): which set of k organisations can reach the largest share of the others
within ``steps`` steps (:func:`~ecosystem.analysis.sustainability.reach`)?

:func:`key_players` searches every set of k when there are few enough of them
(``exact_limit``), and otherwise runs Borgatti's greedy search with swaps [1]_: from a starting
set, make the swap of one player for one non-player that improves the score most, until no
swap improves it; the best of several seeded starts is kept. Fragmentation is flat over most
sets of a well-connected network (no single swap splits it), where the plain search stops
wherever it started; so among swaps of equal fragmentation the search takes the one that
leaves the highest distance-weighted fragmentation, and goes on while that rises (on the
Knoke bureaucracies, only one of the 120 sets of three fragments the network at all, and the
plain search from five starts misses it). Sets are scored in batches with
numpy and scipy (every set's network after removal as one block-diagonal graph whose
components scipy counts; reach as bit sets), so an exact search over the ~40,000 sets of
three among 63 organisations takes a fraction of a second.

Results are deterministic: organisations are taken in name order, and among equally good
sets the first in name order wins.

References
----------
.. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
   *Computational and Mathematical Organization Theory* 12(1), 21-34.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, combinations, islice
from typing import Final

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from ecosystem.analysis.sustainability.measures import (
    undirected_adjacency,
    undirected_distance_fragmentation,
)
from ecosystem.errors import OptionError
from ecosystem.graphs import to_igraph
from ecosystem.settings import SETTINGS
from ecosystem.words import in_words, word

__all__ = ["GOALS", "KeyPlayers", "key_players"]

GOALS: Final = ("fragment", "reach")
"""The goals of :func:`key_players`: KPP-Neg (fragment) and KPP-Pos (reach)."""

_BATCH_ARCS: Final = 2_000_000
"""About how many ties one batch of sets holds, to bound memory."""

_SAME: Final = 1e-9
"""Distance-weighted fragmentations closer than this count as equal."""

_BITS: Final = np.array([bin(i).count("1") for i in range(256)], dtype=np.int64)


@dataclass(frozen=True)
class KeyPlayers:
    """The key players found by :func:`key_players`, and how they were found.

    ``score`` is the fragmentation of the network after removing ``players`` (goal
    "fragment") or their reach (goal "reach"); ``method`` is "exact" or "greedy";
    ``starts`` the seeded starts of the greedy search (1 for exact); ``sets_evaluated``
    how many sets of k were scored.

    >>> KeyPlayers("fragment", 1, 1, ("Medici",), 0.5, "exact", 1, 16).describe()
    'Removing Medici leaves fragmentation at 0.500 (exact search over 16 sets of 1).'
    """

    goal: str
    k: int
    steps: int
    players: tuple[str, ...]
    score: float
    method: str
    starts: int
    sets_evaluated: int

    def describe(self) -> str:
        """The result in one plain sentence, with how it was found."""
        names = in_words(self.players)
        if self.goal == "fragment":
            head = f"Removing {names} leaves fragmentation at {self.score:.3f}"
        else:
            step = word(self.steps, "step")
            verb = word(len(self.players), "reaches", "reach")
            head = f"{names} {verb} {self.score:.0%} of the other organisations within "
            head += f"{self.steps} {step}"
        return f"{head} ({self.how_found})."

    @property
    def how_found(self) -> str:
        """How the players were found, in words: the one wording of every face.

        >>> KeyPlayers("reach", 2, 1, ("a", "b"), 0.5, "greedy", 5, 1234).how_found
        'greedy search with swaps, best of 5 seeded starts; 1,234 sets evaluated'
        """
        if self.method == "exact":
            return f"exact search over {self.sets_evaluated:,} sets of {self.k}"
        return (
            f"greedy search with swaps, best of {self.starts} seeded starts; "
            f"{self.sets_evaluated:,} sets evaluated"
        )


def key_players(
    graph: nx.DiGraph,
    k: int,
    goal: str = "fragment",
    steps: int = 1,
    *,
    exact_limit: int = SETTINGS.key_players_exact_limit,
    starts: int = SETTINGS.key_players_starts,
    seed: int = SETTINGS.seed,
) -> KeyPlayers:
    """The set of ``k`` organisations that best serves ``goal``, as Borgatti poses it [1]_.

    Parameters
    ----------
    graph : networkx.DiGraph
        The network; ties count either way and tie strength is ignored.
    k : int
        How many key players, from 1 to one fewer than the organisations.
    goal : {"fragment", "reach"}
        "fragment" (KPP-Neg): the set whose removal leaves the highest fragmentation.
        "reach" (KPP-Pos): the set that reaches the largest share of the other
        organisations within ``steps`` steps.
    steps : int
        For "reach": how many steps away still counts as reached (1 = direct ties).
    exact_limit : int
        Search every set of k when there are at most this many; else the greedy search.
    starts, seed : int
        The greedy search's number of random starting sets, and the seed that draws them.

    Returns
    -------
    KeyPlayers
        The players in name order, their score and how they were found.

    Raises
    ------
    OptionError
        For a goal not on offer, ``k`` below 1 or not below the number of organisations,
        or ``steps`` below 1.

    See Also
    --------
    ecosystem.analysis.sustainability.fragmentation : the score of goal "fragment".
    ecosystem.analysis.sustainability.reach : the score of goal "reach".
    ecosystem.analysis.sustainability.successors : who could carry the hub's role if the
        hub were absorbed.
    ecosystem.analysis.centrality.betweenness : the single organisations most between
        others; Borgatti shows that the most central ones need not make the best set [1]_.

    References
    ----------
    .. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
       *Computational and Mathematical Organization Theory* 12(1), 21-34.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "hub"), ("hub", "b"), ("b", "c"), ("c", "d"), ("d", "e")])
    >>> key_players(G, 1).players, key_players(G, 1, goal="reach").players
    (('b',), ('b',))
    """
    nodes = sorted(graph, key=str)
    _check(goal, k, steps, len(nodes))
    scorer = _Scorer(graph, nodes, goal, k, steps)
    if math.comb(len(nodes), k) <= exact_limit:
        best, evaluated = _exact(scorer, len(nodes), k)
        method, starts = "exact", 1
    else:
        best, evaluated = _greedy(scorer, len(nodes), k, starts, seed)
        method = "greedy"
    merit = int(scorer.evaluate(np.array([best]))[0])
    return KeyPlayers(
        goal=goal,
        k=k,
        steps=steps,
        players=tuple(nodes[i] for i in best),
        score=scorer.score(merit),
        method=method,
        starts=starts,
        sets_evaluated=evaluated,
    )


def _check(goal: str, k: int, steps: int, n: int) -> None:
    if goal not in GOALS:
        raise OptionError(f"goal '{goal}' is not offered; choose one of: {', '.join(GOALS)}")
    if not 1 <= k < n:
        raise OptionError(
            f"k must be at least 1 and fewer than the {n} organisations in the network, not {k}"
        )
    if steps < 1:
        raise OptionError(f"steps must be 1 or more, not {steps}")


class _Scorer:
    """Scores many sets of k organisations at once: a whole number, higher is better.

    For "fragment" the merit is minus the ordered pairs that can still reach each other
    after removing the set (fragmentation rises as it falls; the remaining organisations are
    n - k for every set); for "reach" it is the count of other organisations reached.
    """

    def __init__(self, graph: nx.DiGraph, nodes: list[str], goal: str, k: int, steps: int):
        self.goal, self.n, self.k = goal, len(nodes), k
        adjacency = undirected_adjacency(graph, nodes)
        if goal == "fragment":
            self.first, self.second = np.nonzero(np.triu(adjacency, k=1))
            ordered = nx.DiGraph()
            ordered.add_nodes_from(nodes)  # vertex order = name order, as the indices
            ordered.add_edges_from(graph.edges())
            self.undirected = to_igraph(ordered).as_undirected(mode="collapse")
            self.batch = max(1, _BATCH_ARCS // max(1, len(self.first)))
        else:
            within = _within(adjacency, steps)
            self.reached = np.packbits(within, axis=1)
            self.own = np.packbits(np.eye(self.n, dtype=bool), axis=1)
            self.batch = max(1, _BATCH_ARCS // self.reached.shape[1])

    def evaluate(self, sets: np.ndarray) -> np.ndarray:
        """The merit of each row of ``sets`` (organisation indices), as integers."""
        parts = [
            self._fragment(chunk) if self.goal == "fragment" else self._reach(chunk)
            for chunk in np.array_split(sets, max(1, math.ceil(len(sets) / self.batch)))
        ]
        return np.concatenate(parts)

    def closeness(self, players: np.ndarray) -> float:
        """For "fragment": the distance-weighted fragmentation after removing ``players``,
        which the greedy search uses to choose between swaps of equal fragmentation (on a
        plateau where no single swap splits the network, it moves towards sets that stretch
        it most); 0 for "reach"."""
        if self.goal != "fragment":
            return 0.0
        remaining = self.undirected.copy()
        remaining.delete_vertices([int(i) for i in players])
        return undirected_distance_fragmentation(remaining)

    def score(self, merit: int) -> float:
        """The fragmentation (after removal) or reach that a merit stands for."""
        remaining = self.n - self.k
        if self.goal == "reach":
            return merit / remaining
        return 0.0 if remaining < 2 else 1.0 + merit / (remaining * (remaining - 1))

    def _fragment(self, sets: np.ndarray) -> np.ndarray:
        count, n = len(sets), self.n
        removed = np.zeros((count, n), dtype=bool)
        removed[np.arange(count)[:, None], sets] = True
        kept = ~removed[:, self.first] & ~removed[:, self.second]
        block, arc = np.nonzero(kept)
        offset = block * n
        links = sp.coo_array(
            (
                np.ones(len(arc), dtype=np.int8),
                (offset + self.first[arc], offset + self.second[arc]),
            ),
            shape=(count * n, count * n),
        )
        _, labels = connected_components(links, directed=False)
        sizes = np.bincount(labels).astype(np.int64)
        component_block = np.empty(len(sizes), dtype=np.int64)
        component_block[labels] = np.arange(count * n) // n
        pairs = np.bincount(component_block, weights=sizes * (sizes - 1), minlength=count)
        merits: np.ndarray = -np.rint(pairs).astype(np.int64)
        return merits

    def _reach(self, sets: np.ndarray) -> np.ndarray:
        reached = np.bitwise_or.reduce(self.reached[sets], axis=1)
        own = np.bitwise_or.reduce(self.own[sets], axis=1)
        counts: np.ndarray = _BITS[reached & ~own].sum(axis=1)
        return counts


def _within(adjacency: np.ndarray, steps: int) -> np.ndarray:
    """Which organisations are within ``steps`` steps of each (the diagonal included)."""
    step = adjacency.astype(np.int64)
    within: np.ndarray = np.eye(len(adjacency), dtype=bool) | adjacency
    frontier = within.copy()
    for _ in range(steps - 1):
        frontier = (frontier.astype(np.int64) @ step) > 0
        within |= frontier
    return within


def _combinations(n: int, k: int, size: int) -> Iterator[np.ndarray]:
    """Every set of k of n indices, in lexicographic order, ``size`` sets at a time."""
    every = combinations(range(n), k)
    while True:
        chunk = list(islice(every, size))
        if not chunk:
            return
        yield np.fromiter(chain.from_iterable(chunk), dtype=np.int64).reshape(-1, k)


def _exact(scorer: _Scorer, n: int, k: int) -> tuple[tuple[int, ...], int]:
    """The best set of all (the first in name order among equals), and the sets scored."""
    best: tuple[int, ...] = ()
    best_merit = None
    evaluated = 0
    for sets in _combinations(n, k, 50_000):
        merits = scorer.evaluate(sets)
        at = int(np.argmax(merits))  # the first of the best: lexicographic order
        if best_merit is None or merits[at] > best_merit:
            best, best_merit = tuple(int(i) for i in sets[at]), merits[at]
        evaluated += len(sets)
    return best, evaluated


def _greedy(scorer: _Scorer, n: int, k: int, starts: int, seed: int) -> tuple[tuple[int, ...], int]:
    """Borgatti's greedy search with swaps from ``starts`` seeded random sets; the best."""
    generator = np.random.default_rng(seed)
    found: list[tuple[int, tuple[int, ...]]] = []
    evaluated = 0
    for _ in range(max(1, starts)):
        current = np.sort(generator.choice(n, size=k, replace=False))
        merit, closeness = int(scorer.evaluate(current[None, :])[0]), scorer.closeness(current)
        evaluated += 1
        while True:
            swaps = _swaps(current, n)
            merits = scorer.evaluate(swaps)
            evaluated += len(swaps)
            top = int(merits.max())
            if top < merit:
                break
            best = swaps[merits == top]
            closer = np.array([scorer.closeness(candidate) for candidate in best])
            if top == merit and closer.max() <= closeness + _SAME:
                break  # no swap improves the score, nor spreads the network further apart
            best = best[closer >= closer.max() - _SAME]
            current = best[np.lexsort(best.T[::-1])[0]]  # first in name order among equals
            merit, closeness = top, float(closer.max())
        found.append((-merit, tuple(int(i) for i in current)))
    _, best_set = min(found)
    return best_set, evaluated


def _swaps(current: np.ndarray, n: int) -> np.ndarray:
    """Every set made by swapping one member of ``current`` for one non-member, sorted."""
    outside = np.setdiff1d(np.arange(n), current)
    k = len(current)
    sets = np.repeat(current[None, :], k * len(outside), axis=0)
    position = np.repeat(np.arange(k), len(outside))
    sets[np.arange(len(sets)), position] = np.tile(outside, k)
    return np.sort(sets, axis=1)
