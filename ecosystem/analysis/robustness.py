"""How far each number of a wave can be trusted, given who did not answer.

Betweenness and centralisation are known to be fragile when respondents are missing,
in-degree and closeness much less (Smith and Moody [1]_, for nodes missing at random; Smith,
Moody and Morgan [2]_, for central nodes more likely to be missing). A survey's own numbers
can be checked the same way: :func:`robustness` leaves out a further share of the wave's
respondents at random, as if they had not answered (their reports go; the reports others
made about them stay, as they do in the real survey), rebuilds the network by the same
options, recomputes every measure and compares it with the full result. Each organisation
measure gets the rank correlation (Kendall's tau-b [3]_) between the full and the simulated
values and the share of the full top five still in the top five, as a median with the
range that holds 90% of the runs, and a verdict by :data:`~ecosystem.glossary.robustness.
VERDICT_RULE`; each network measure gets its range over the runs.

The simulation is seeded: the same survey, options, share, runs and seed give the same
result. Respondents are drawn as ``rng.choice(R, size=k, replace=False)`` once per run, in
order, with ``rng = numpy.random.default_rng(seed)``, ``R`` the respondents of the network
sorted by name and ``k = max(1, round(remove * R))``, so a run can be reproduced outside
this module.

References
----------
.. [1] Smith, J. A. and Moody, J. (2013). Structural effects of network sampling coverage I:
   nodes missing at random. *Social Networks* 35(4). doi:10.1016/j.socnet.2013.09.003.
.. [2] Smith, J. A., Moody, J. and Morgan, J. H. (2017). Network sampling coverage II: the
   effect of non-random missing data. *Social Networks* 48.
.. [3] Kendall, M. G. (1945). The treatment of ties in ranking problems. *Biometrika*
   33(3), 239-251.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Final

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy import stats

from ecosystem.analysis.centrality import (
    _betweenness,
    _closeness,
    _harmonic,
    _pagerank,
    degree_arrays,
)
from ecosystem.analysis.change.organisations import LOWER_RANKS_FIRST
from ecosystem.analysis.structural_holes import structural_holes_from_arcs
from ecosystem.analysis.summary import _degree_centralisation, _reciprocity
from ecosystem.codebook import UNKNOWN_TYPE
from ecosystem.errors import OptionError
from ecosystem.glossary.robustness import VERDICT_RULE, VERDICTS
from ecosystem.network import NetworkOptions, _combine_reports, build_network, reconciled_ties
from ecosystem.settings import SETTINGS
from ecosystem.survey import Survey, empty_responses

__all__ = [
    "NETWORK_ROBUSTNESS_MEASURES",
    "ROBUSTNESS_MEASURES",
    "Robustness",
    "robustness",
    "simulated_network",
    "verdict",
]

ROBUSTNESS_MEASURES: Final[tuple[str, ...]] = (
    "in_degree",
    "out_degree",
    "in_strength",
    "out_strength",
    "betweenness",
    "closeness",
    "harmonic",
    "pagerank",
    "constraint",
    "effective_size",
)
"""The organisation measures the simulation recomputes by default (the organisation
table's, :func:`ecosystem.analysis.centrality.organisation_measures`)."""

NETWORK_ROBUSTNESS_MEASURES: Final[tuple[str, ...]] = (
    "density",
    "degree_centralisation",
    "betweenness_centralisation",
    "reciprocity",
    "ei_index",
    "fragmentation",
)
"""The network measures whose range the simulation gives by default."""

TOP: Final = 5
"""How many leading organisations the top-five overlap follows."""

ROBUST_LOW: Final = 0.8
"""A robust measure's rank correlation stays at or above this in 95% of the runs..."""
ROBUST_TOP: Final = 0.8
"""...and its median run keeps at least this share of the top five."""
FRAGILE_MEDIAN: Final = 0.6
"""A fragile measure's median rank correlation is below this, or its median run keeps
less than this share of the top five."""


def verdict(rank_correlation: float, low: float, top5_overlap: float) -> str:
    """The verdict on one measure from its simulation figures (:data:`VERDICT_RULE`).

    ``low`` is the 5th percentile of the rank correlation over the runs; ``rank_correlation``
    and ``top5_overlap`` are medians.

    Examples
    --------
    >>> verdict(0.95, 0.85, 1.0), verdict(0.75, 0.6, 0.8), verdict(0.4, 0.1, 0.6)
    ('robust', 'check before relying on it', 'fragile')
    >>> verdict(float("nan"), float("nan"), float("nan"))
    'check before relying on it'
    """
    robust, check, fragile = VERDICTS
    if any(math.isnan(value) for value in (rank_correlation, low, top5_overlap)):
        return check
    if rank_correlation < FRAGILE_MEDIAN or top5_overlap < FRAGILE_MEDIAN:
        return fragile
    if low >= ROBUST_LOW and top5_overlap >= ROBUST_TOP:
        return robust
    return check


@dataclass(frozen=True, eq=False)
class Robustness:
    """How far each measure of one wave survives further non-response (:func:`robustness`).

    Attributes
    ----------
    wave : str
        The wave.
    hub : str or None
        The hub whose network was simulated (None: every organisation).
    options : NetworkOptions
        How every network was built.
    remove : float
        The share of the respondents left out in each run.
    removed : int
        How many respondents each run left out.
    respondents : int
        The respondents of the network.
    response_rate : float
        The wave's response rate (of the network's roster).
    runs, seed : int
        Runs of the simulation and its seed.
    measures : pandas.DataFrame
        One row per organisation measure (index ``measure``): ``rank_correlation`` (median
        Kendall's tau-b between the full and the simulated values), ``low`` and ``high``
        (its 5th and 95th percentiles over the runs), ``top5_overlap`` (median share of the
        full top five still in the top five), ``top5_low``, ``top5_high`` and ``verdict``.
    network : pandas.DataFrame
        One row per network measure (index ``measure``): ``value`` (the full network's),
        ``low`` and ``high`` (5th and 95th percentiles over the runs).
    rule : str
        The verdict rule, in words.
    """

    wave: str
    hub: str | None
    options: NetworkOptions
    remove: float
    removed: int
    respondents: int
    response_rate: float
    runs: int
    seed: int
    measures: pd.DataFrame
    network: pd.DataFrame
    rule: str = VERDICT_RULE

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures (NaN -> None): the settings, ``measures`` (``measure``,
        ``rank_correlation``, ``low``, ``high``, ``top5_overlap``, ``verdict``) and
        ``network`` (``measure``, ``value``, ``low``, ``high``)."""
        measures = [
            {
                "measure": str(name),
                "rank_correlation": _plain(row["rank_correlation"]),
                "low": _plain(row["low"]),
                "high": _plain(row["high"]),
                "top5_overlap": _plain(row["top5_overlap"]),
                "verdict": str(row["verdict"]),
            }
            for name, row in self.measures.iterrows()
        ]
        network = [
            {
                "measure": str(name),
                "value": _plain(row["value"]),
                "low": _plain(row["low"]),
                "high": _plain(row["high"]),
            }
            for name, row in self.network.iterrows()
        ]
        return {
            "wave": self.wave,
            "hub": self.hub,
            "remove": self.remove,
            "removed": self.removed,
            "respondents": self.respondents,
            "response_rate": _plain(self.response_rate),
            "runs": self.runs,
            "seed": self.seed,
            "correlation": "Kendall's tau-b",
            "rule": self.rule,
            "measures": measures,
            "network": network,
        }


def robustness(
    survey: Survey,
    wave: str,
    options: NetworkOptions | None = None,
    *,
    remove: float = SETTINGS.robustness_remove,
    runs: int = SETTINGS.robustness_runs,
    seed: int = SETTINGS.seed,
    measures: Sequence[str] = ROBUSTNESS_MEASURES,
    network: Sequence[str] = NETWORK_ROBUSTNESS_MEASURES,
) -> Robustness:
    """Simulate further non-response in one wave and say how far each measure survives it.

    Parameters
    ----------
    survey : Survey
        The validated survey.
    wave : str
        The wave.
    options : NetworkOptions, optional
        How the network is built (and of which hub); every run uses the same.
    remove : float, optional
        The share of the network's respondents left out in each run, from 0 (nothing: every
        run is the full network) to below 1; at least one is left out when it is above 0.
    runs : int, optional
        Runs of the simulation.
    seed : int, optional
        Seed of :func:`numpy.random.default_rng`.
    measures : sequence of str, optional
        Organisation measures to follow, from :data:`ROBUSTNESS_MEASURES`.
    network : sequence of str, optional
        Network measures to follow, from :data:`NETWORK_ROBUSTNESS_MEASURES`.

    Returns
    -------
    Robustness
        The figures of each measure and its verdict.

    Raises
    ------
    OptionError
        For a share outside [0, 1), fewer than one run, a measure not on offer, or a network
        with no respondents to leave out (a wave read from another tool's edge list).

    See Also
    --------
    ecosystem.analysis.centrality.organisation_measures : the measures followed.
    ecosystem.analysis.summary.network_measures : the network measures followed.
    ecosystem.observation.observed_pairs : which pairs the wave observed.

    Notes
    -----
    The network is not rebuilt from the answers in each run. The reports of the wave are
    read once into one row per pair of organisations with a slot for each side's report;
    a run marks the left-out respondents' slots as empty and reconciles each pair from
    what is left, by the options' rule, as :func:`ecosystem.network.build_network` does
    (the tests hold the two equal run by run). Only the measures asked for are computed,
    on python-igraph where they need paths. With ``respondents_only`` a left-out
    respondent leaves the network too, and its rank is compared over the organisations
    that remain. Arcs from another tool's edge list have no respondent and are kept in
    every run.

    The organisations' order is compared with Kendall's tau-b [3]_ (which allows for tied
    values, as counts have) over the organisations with a value in both; the top five
    are the five highest values (lowest for constraint), ties broken by name. Following
    Smith and Moody [1]_, a measure whose order survives random non-response is one a
    reader can rely on; where the missing are the central organisations, the bias is
    worse [2]_, so a verdict of robust is a floor of doubt, not a proof.

    References
    ----------
    .. [1] Smith, J. A. and Moody, J. (2013). Structural effects of network sampling
       coverage I: nodes missing at random. *Social Networks* 35(4).
       doi:10.1016/j.socnet.2013.09.003.
    .. [2] Smith, J. A., Moody, J. and Morgan, J. H. (2017). Network sampling coverage II:
       the effect of non-random missing data. *Social Networks* 48.
    .. [3] Kendall, M. G. (1945). The treatment of ties in ranking problems. *Biometrika*
       33(3), 239-251.

    Examples
    --------
    >>> from ecosystem.load import DEMO_FILES, load_survey
    >>> demo = load_survey(DEMO_FILES)
    >>> result = robustness(demo, "Summative 2024", NetworkOptions(hub="Dorset"), runs=20)
    >>> result.removed, list(result.measures.columns[:3])
    (1, ['rank_correlation', 'low', 'high'])
    >>> result.measures.loc["in_degree", "verdict"] in ("robust", "check before relying on it")
    True
    """
    options = options or NetworkOptions()
    if not 0 <= remove < 1:
        raise OptionError(f"remove must be a share from 0 to below 1, not {remove}")
    if runs < 1:
        raise OptionError(f"runs must be 1 or more, not {runs}")
    for name in measures:
        if name not in _ORGANISATION_MEASURES:
            raise OptionError(
                f"measure '{name}' is not offered; choose from: " + ", ".join(ROBUSTNESS_MEASURES)
            )
    for name in network:
        if name not in _NETWORK_MEASURES:
            raise OptionError(
                f"network measure '{name}' is not offered; choose from: "
                + ", ".join(NETWORK_ROBUSTNESS_MEASURES)
            )
    simulator = _Simulator(survey, wave, options)
    count = len(simulator.respondents)
    if count == 0:
        raise OptionError(
            f"wave '{wave}' has no respondents to leave out (a network read from another "
            "tool's edge list): its numbers do not rest on who answered"
        )
    k = 0 if remove == 0 else min(count, max(1, round(remove * count)))
    full = simulator.run(np.zeros(count, dtype=bool))
    if "pagerank" in measures:
        simulator.warm = full.pagerank
    full_values = {name: _ORGANISATION_MEASURES[name](full) for name in measures}
    full_network = {name: _NETWORK_MEASURES[name](full) for name in network}
    correlations = np.full((runs, len(measures)), np.nan)
    overlaps = np.full((runs, len(measures)), np.nan)
    network_values = np.full((runs, len(network)), np.nan)
    rng = np.random.default_rng(seed)
    for run in range(runs):
        removed = np.zeros(count, dtype=bool)
        removed[rng.choice(count, size=k, replace=False)] = True
        simulated = simulator.run(removed)
        kept = simulated.vertices
        for j, name in enumerate(measures):
            values = _ORGANISATION_MEASURES[name](simulated)
            first = full_values[name][kept]
            correlations[run, j] = _kendall(first, values)
            overlaps[run, j] = _top_overlap(first, values, name in LOWER_RANKS_FIRST)
        for j, name in enumerate(network):
            network_values[run, j] = _NETWORK_MEASURES[name](simulated)
    return Robustness(
        wave=wave,
        hub=simulator.graph.graph.get("hub"),
        options=options,
        remove=remove,
        removed=k,
        respondents=count,
        response_rate=float(simulator.graph.graph.get("response_rate", float("nan"))),
        runs=runs,
        seed=seed,
        measures=_measure_table(measures, correlations, overlaps),
        network=_network_table(network, full_network, network_values),
    )


def _measure_table(
    measures: Sequence[str], correlations: np.ndarray, overlaps: np.ndarray
) -> pd.DataFrame:
    rows = []
    for j, _name in enumerate(measures):
        median, low, high = _median_and_range(correlations[:, j])
        top, top_low, top_high = _median_and_range(overlaps[:, j])
        rows.append((median, low, high, top, top_low, top_high, verdict(median, low, top)))
    columns = ["rank_correlation", "low", "high", "top5_overlap", "top5_low", "top5_high"]
    table = pd.DataFrame(
        rows, columns=[*columns, "verdict"], index=pd.Index(list(measures), name="measure")
    )
    return table.astype({column: float for column in columns})


def _network_table(
    network: Sequence[str], full: dict[str, float], values: np.ndarray
) -> pd.DataFrame:
    rows = []
    for j, name in enumerate(network):
        _, low, high = _median_and_range(values[:, j])
        rows.append((float(full[name]), low, high))
    return pd.DataFrame(
        rows, columns=["value", "low", "high"], index=pd.Index(list(network), name="measure")
    ).astype(float)


def _median_and_range(values: np.ndarray) -> tuple[float, float, float]:
    """Median and 5th and 95th percentiles of the finite values (NaN when there are none)."""
    finite = values[~np.isnan(values)]
    if finite.size == 0:
        return float("nan"), float("nan"), float("nan")
    median, low, high = np.percentile(finite, [50, 5, 95])
    return float(median), float(low), float(high)


def _kendall(first: np.ndarray, second: np.ndarray) -> float:
    """Kendall's tau-b over the organisations with a value in both (NaN when either is
    constant there, or fewer than two have one).

    Up to :data:`_PAIRWISE` organisations it is counted pair by pair in one array
    operation (scipy's call costs more than the count there); above, by
    :func:`scipy.stats.kendalltau` (the tests hold the two equal).
    """
    finite = np.isfinite(first) & np.isfinite(second)
    x, y = first[finite], second[finite]
    if x.size < 2 or np.all(x == x[0]) or np.all(y == y[0]):
        return float("nan")
    if x.size > _PAIRWISE:
        return float(stats.kendalltau(x, y).statistic)
    sx = np.sign(x[:, None] - x[None, :])
    sy = np.sign(y[:, None] - y[None, :])
    both = float(np.sum(sx * sy))
    return both / math.sqrt(float(np.count_nonzero(sx)) * float(np.count_nonzero(sy)))


_PAIRWISE: Final = 300
"""Up to this many organisations, :func:`_kendall` counts pairs itself."""


def _top_overlap(first: np.ndarray, second: np.ndarray, lowest_first: bool) -> float:
    """The share of ``first``'s top five that are in ``second``'s (ties broken by order)."""
    size = min(TOP, first.size)
    if size == 0:
        return float("nan")
    return len(set(_top(first, size, lowest_first)) & set(_top(second, size, lowest_first))) / size


def _top(values: np.ndarray, size: int, lowest_first: bool) -> list[int]:
    """The positions of the ``size`` best values (NaN last), ties broken by position.

    >>> _top(np.array([1.0, 3.0, 3.0, np.nan, 2.0]), 2, False)
    [1, 2]
    """
    key = np.where(np.isnan(values), np.inf, values if lowest_first else -values)
    bar = np.partition(key, size - 1)[size - 1]  # the size-th best key
    candidates = np.flatnonzero(key <= bar)
    order = np.lexsort((candidates, key[candidates]))
    top: list[int] = candidates[order][:size].tolist()
    return top


def _plain(value: Any) -> Any:
    value = float(value)
    return None if math.isnan(value) else value


# ---------------------------------------------------------------------------------------
# One run's network, rebuilt from the pairs' report slots


@dataclass(eq=False)
class _Network:
    """One run's arcs over its organisations (``vertices``: their positions in the full
    network), with the measures' shared inputs computed once when first asked for."""

    vertices: np.ndarray
    sources: np.ndarray
    targets: np.ndarray
    weights: np.ndarray
    types: np.ndarray
    warm: np.ndarray | None = None

    @property
    def n(self) -> int:
        return len(self.vertices)

    @cached_property
    def pagerank(self) -> np.ndarray:
        """PageRank as :func:`ecosystem.analysis.centrality.pagerank` gives it: igraph's up
        to :data:`_POWER` organisations; above, by power iteration started from ``warm``
        (the full network's values), which a run changes little, so a few steps do."""
        if self.n <= _POWER:
            return _pagerank(self.igraph)
        return _power_pagerank(self.sources, self.targets, self.weights, self.n, self.warm)

    @cached_property
    def igraph(self) -> ig.Graph:
        """The run's graph for the measures of paths, arcs by target (igraph's PageRank
        solver, prpack, runs many times faster on them than on arcs by source)."""
        order = (
            np.argsort(self.targets, kind="stable")
            if np.any(np.diff(self.targets) < 0)
            else np.arange(len(self.targets))
        )
        edges = np.column_stack([self.sources[order], self.targets[order]])
        graph = ig.Graph(n=self.n, edges=edges.tolist(), directed=True)
        graph.es["weight"] = self.weights[order].tolist()
        return graph

    @cached_property
    def degrees(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        return degree_arrays(self.sources, self.targets, self.weights, self.n)

    @cached_property
    def betweenness(self) -> np.ndarray:
        return _betweenness(self.igraph)

    @cached_property
    def holes(self) -> tuple[np.ndarray, np.ndarray]:
        constraint, effective = structural_holes_from_arcs(
            self.sources, self.targets, self.weights, self.n
        )
        assert effective is not None
        return np.asarray(constraint, float), np.asarray(effective, float)


_POWER: Final = 2_000
"""Above this many organisations, a run's PageRank is found by warm-started power
iteration rather than by igraph (whose solver would cost more than the rest of the run)."""


def _power_pagerank(
    sources: np.ndarray,
    targets: np.ndarray,
    weights: np.ndarray,
    n: int,
    start: np.ndarray | None = None,
    alpha: float = 0.85,
    tolerance: float = 1e-13,
) -> np.ndarray:
    """PageRank by power iteration: a random walk that follows arcs in proportion to their
    weight (strengths) with probability ``alpha`` and jumps anywhere otherwise; an
    organisation with no outgoing weight jumps anywhere (as igraph and networkx do). Stops
    when a step changes the values by less than ``tolerance`` in total.

    >>> values = _power_pagerank(np.array([0]), np.array([1]), np.array([4.0]), 2)
    >>> values.round(3).tolist()
    [0.351, 0.649]
    """
    if np.any(np.diff(targets) < 0):
        order = np.argsort(targets, kind="stable")
        sources, targets, weights = sources[order], targets[order], weights[order]
    out = np.bincount(sources, weights=weights, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(out[sources] > 0, weights / out[sources], 0.0)
    # Arcs by target are the rows of the walk's matrix as they stand: no sorting needed.
    starts = np.concatenate([[0], np.cumsum(np.bincount(targets, minlength=n))])
    walk = sp.csr_array((share, sources, starts), shape=(n, n))
    dangling = out <= 0
    values = np.full(n, 1 / n) if start is None or len(start) != n else start / start.sum()
    for _ in range(10_000):
        step = alpha * (walk @ values + values[dangling].sum() / n) + (1 - alpha) / n
        step /= step.sum()
        if np.abs(step - values).sum() < tolerance:
            converged: np.ndarray = step
            return converged
        values = step
    return values


def _fragmentation(network: _Network) -> float:
    n = network.n
    if n < 2:
        return 0.0
    sizes = np.asarray(network.igraph.connected_components(mode="weak").sizes(), float)
    return float(1 - np.sum(sizes * (sizes - 1)) / (n * (n - 1)))


def _betweenness_centralisation(network: _Network) -> float:
    n = network.n
    if n < 3:
        return float("nan")
    values = network.betweenness
    return float(np.sum(values.max() - values) / (n - 1))


def _ei_index(network: _Network) -> float:
    m = len(network.sources)
    if not m:
        return float("nan")
    internal = int(np.sum(network.types[network.sources] == network.types[network.targets]))
    return (m - 2 * internal) / m


_ORGANISATION_MEASURES: Final[dict[str, Callable[[_Network], np.ndarray]]] = {
    "in_degree": lambda net: net.degrees[0].astype(float),
    "out_degree": lambda net: net.degrees[1].astype(float),
    "in_strength": lambda net: net.degrees[2],
    "out_strength": lambda net: net.degrees[3],
    "betweenness": lambda net: net.betweenness,
    "closeness": lambda net: _closeness(net.igraph),
    "harmonic": lambda net: _harmonic(net.igraph),
    "pagerank": lambda net: net.pagerank,
    "constraint": lambda net: net.holes[0],
    "effective_size": lambda net: net.holes[1],
}

_NETWORK_MEASURES: Final[dict[str, Callable[[_Network], float]]] = {
    "density": lambda net: len(net.sources) / (net.n * (net.n - 1)) if net.n > 1 else np.nan,
    "degree_centralisation": lambda net: _degree_centralisation(net.sources, net.targets, net.n),
    "betweenness_centralisation": _betweenness_centralisation,
    "reciprocity": lambda net: _reciprocity(net.sources, net.targets, net.n),
    "ei_index": _ei_index,
    "fragmentation": _fragmentation,
}


class _Simulator:
    """A wave's reports as one row per pair of organisations with a slot per side, from
    which a run's network is reconciled without going back to the answers."""

    def __init__(self, survey: Survey, wave: str, options: NetworkOptions) -> None:
        self.options = options
        self.graph = build_network(survey, wave, options)
        names = list(self.graph)
        index = {name: i for i, name in enumerate(names)}
        self.types = np.array(
            [str(kind or UNKNOWN_TYPE) for _, kind in self.graph.nodes(data="type")], dtype=object
        )
        responses = survey.responses[survey.responses["wave"] == wave]
        respondents = sorted((set(responses["respondent"]) & set(names)), key=str)
        self.respondents = respondents
        self._respondent_vertex = np.array([index[r] for r in respondents], dtype=np.int64)
        self._read_reports(responses, index, {r: i for i, r in enumerate(respondents)})
        self._read_fixed_arcs(survey, wave, index)
        self._n = len(names)
        self.warm: np.ndarray | None = None

    def _read_reports(
        self, responses: pd.DataFrame, index: dict[str, int], respondent: dict[str, int]
    ) -> None:
        """Fill the slot arrays (pairs x 2: the report of the pair's first and second
        organisation, by name order) from the wave's answers."""
        shape = (0, 2)
        self.pair_a = self.pair_b = np.zeros(0, dtype=np.int64)
        self.has = np.zeros(shape, dtype=bool)
        if responses.empty:
            return
        reports = _combine_reports(responses, self.options)
        inside = reports["respondent"].isin(index) & reports["partner"].isin(index)
        reports = reports[inside & reports["respondent"].isin(respondent)]
        if reports.empty:
            return
        u = reports["respondent"].map(index).to_numpy(np.int64)
        v = reports["partner"].map(index).to_numpy(np.int64)
        a, b = np.minimum(u, v), np.maximum(u, v)  # names are sorted, so index order is name order
        slot = (u != a).astype(np.int64)
        codes, pairs = pd.factorize(pd.MultiIndex.from_arrays([a, b]))
        self.pair_a = pairs.get_level_values(0).to_numpy(np.int64)
        self.pair_b = pairs.get_level_values(1).to_numpy(np.int64)
        size = (len(pairs), 2)
        forward = reports["forward"].to_numpy(bool)
        backward = reports["backward"].to_numpy(bool)
        first = slot == 0

        def fill(values: np.ndarray, empty: Any, dtype: Any) -> np.ndarray:
            table = np.full(size, empty, dtype=dtype)
            table[codes, slot] = values
            return table

        self.has = fill(np.ones(len(codes), bool), False, bool)
        self.reporter = fill(reports["respondent"].map(respondent).to_numpy(np.int64), 0, np.int64)
        self.value = fill(reports["value"].to_numpy(float), np.nan, float)
        self.frequency = fill(reports["frequency"].to_numpy(float), np.nan, float)
        self.relevance = fill(reports["relevance"].to_numpy(float), np.nan, float)
        self.positive = fill(reports["positive"].to_numpy(bool), False, bool)
        self.a_to_b = fill(np.where(first, forward, backward), False, bool)
        self.b_to_a = fill(np.where(first, backward, forward), False, bool)
        wanted = set(self.options.natures)
        hits = np.array([bool(wanted & set(n)) for n in reports["nature"]], dtype=bool)
        self.nature_hit = fill(hits, False, bool)
        # Every arc a run can have (a pair's arc that some report states), by target, so
        # that a run only masks them and its arcs come out in target order, unsorted.
        could_forward = (self.has & self.a_to_b).any(axis=1)
        could_backward = (self.has & self.b_to_a).any(axis=1)
        pair = np.concatenate([np.flatnonzero(could_forward), np.flatnonzero(could_backward)])
        forward = np.concatenate(
            [np.ones(could_forward.sum(), bool), np.zeros(could_backward.sum(), bool)]
        )
        sources = np.where(forward, self.pair_a[pair], self.pair_b[pair])
        targets = np.where(forward, self.pair_b[pair], self.pair_a[pair])
        order = np.lexsort((sources, targets))
        self.arc_pair, self.arc_forward = pair[order], forward[order]
        self.arc_source, self.arc_target = sources[order], targets[order]

    def _read_fixed_arcs(self, survey: Survey, wave: str, index: dict[str, int]) -> None:
        """Arcs of another tool's edge list: no respondent stands behind them."""
        edges = survey.edges[survey.edges["wave"] == wave]
        self.fixed = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, float))
        if edges.empty:
            return
        alone = Survey(survey.organisations, empty_responses(), survey.edges)
        arcs = reconciled_ties(alone, wave, self.options)
        arcs = arcs[arcs["source"].isin(index) & arcs["target"].isin(index)]
        self.fixed = (
            arcs["source"].map(index).to_numpy(np.int64),
            arcs["target"].map(index).to_numpy(np.int64),
            arcs["weight"].to_numpy(float),
        )

    def run(self, removed: np.ndarray) -> _Network:
        """The network with the reports of the respondents marked in ``removed`` gone.

        Each pair has two slots (its first and its second organisation's report), so every
        step is a few whole-array operations on the two slot columns.
        """
        options = self.options
        if len(self.has):
            gone = removed[self.reporter]
            first = self.has[:, 0] & ~gone[:, 0]
            second = self.has[:, 1] & ~gone[:, 1]
            positive = (first & self.positive[:, 0]).astype(np.int8) + (
                second & self.positive[:, 1]
            )
            keep = positive >= (2 if options.reconciliation == "confirmed" else 1)
            rule = options.reconciliation
            weight = _combine(self.value, first, second, rule)
            if options.natures:
                keep &= (first & self.nature_hit[:, 0]) | (second & self.nature_hit[:, 1])
            if options.min_frequency > 0:
                frequency = _combine(self.frequency, first, second, rule)
                keep &= frequency >= options.min_frequency
            if options.min_relevance > 0:
                relevance = _combine(self.relevance, first, second, "mean")
                keep &= relevance >= options.min_relevance
            forward = keep & ((first & self.a_to_b[:, 0]) | (second & self.a_to_b[:, 1]))
            backward = keep & ((first & self.b_to_a[:, 0]) | (second & self.b_to_a[:, 1]))
            present = np.where(self.arc_forward, forward[self.arc_pair], backward[self.arc_pair])
            sources, targets = self.arc_source[present], self.arc_target[present]
            weights = weight[self.arc_pair[present]]
            if len(self.fixed[0]):
                sources = np.concatenate([sources, self.fixed[0]])
                targets = np.concatenate([targets, self.fixed[1]])
                weights = np.concatenate([weights, self.fixed[2]])
        else:
            sources, targets, weights = self.fixed
        vertices = np.arange(self._n)
        if options.respondents_only and len(self.respondents):
            kept = np.zeros(self._n, dtype=bool)
            kept[self._respondent_vertex[~removed]] = True
            inside = kept[sources] & kept[targets]
            position = np.cumsum(kept) - 1
            vertices = np.flatnonzero(kept)
            sources, targets, weights = (
                position[sources[inside]],
                position[targets[inside]],
                weights[inside],
            )
        warm = None if self.warm is None else self.warm[vertices]
        return _Network(vertices, sources, targets, weights, self.types[vertices], warm)


def _combine(values: np.ndarray, first: np.ndarray, second: np.ndarray, rule: str) -> np.ndarray:
    """Each pair's remaining reports (``first``, ``second``: its slots still present)
    combined by the reconciliation rule, skipping values not answered (NaN) as pandas
    does; NaN where none is left."""
    one, two = values[:, 0], values[:, 1]
    first = first & ~np.isnan(one)
    second = second & ~np.isnan(two)
    with np.errstate(invalid="ignore", divide="ignore"):
        if rule == "max":
            both = np.maximum(one, two)
        elif rule == "min":
            both = np.minimum(one, two)
        else:
            both = (one + two) / 2
    return np.where(first & second, both, np.where(first, one, np.where(second, two, np.nan)))


def simulated_network(
    survey: Survey, wave: str, options: NetworkOptions, removed: Sequence[str]
) -> nx.DiGraph:
    """The network :func:`robustness` simulates when the respondents ``removed`` leave out
    their reports, as a networkx graph (for checking and for showing one run).

    Examples
    --------
    >>> from ecosystem.load import DEMO_FILES, load_survey
    >>> demo = load_survey(DEMO_FILES)
    >>> options = NetworkOptions(hub="Dorset")
    >>> full = build_network(demo, "Summative 2024", options)
    >>> run = simulated_network(demo, "Summative 2024", options, ["Dorset Innovation Hub"])
    >>> run.number_of_edges() < full.number_of_edges()
    True
    """
    simulator = _Simulator(survey, wave, options)
    gone = set(removed)
    mask = np.array([name in gone for name in simulator.respondents], dtype=bool)
    network = simulator.run(mask)
    names = list(simulator.graph)
    graph = nx.DiGraph()
    graph.add_nodes_from((names[v], simulator.graph.nodes[names[v]]) for v in network.vertices)
    kept = [names[v] for v in network.vertices]
    graph.add_weighted_edges_from(
        (kept[s], kept[t], w)
        for s, t, w in zip(
            network.sources.tolist(),
            network.targets.tolist(),
            network.weights.tolist(),
            strict=True,
        )
    )
    return graph
