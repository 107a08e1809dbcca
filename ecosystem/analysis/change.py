"""How an ecosystem changed between two survey waves, and whether a change is more than noise.

An evaluator comparing the formative and the summative wave asks three questions, and this
module answers each with a table and, where chance could explain a difference, a measure of
uncertainty:

* **What changed, tie by tie?** :func:`tie_changes` lists every arc of either wave as kept,
  gained or lost, whether a kept arc became stronger or weaker, and whether a pair's
  direction of support changed; :func:`organisation_presence` flags organisations that are
  in one wave only (their arcs still count as gained or lost, never silently dropped);
  :func:`change_by_organisation` and :func:`change_by_type_pair` add the changes up;
  :func:`organisation_change` sets every measure and rank of the two waves side by side.
* **Did the network keep its shape?** :func:`jaccard_index` and :func:`hamming_distance`
  (Snijders' stability measures, as RSiena reports them) and :func:`qap` /
  :func:`qap_weighted` (the correlation of the two waves' ties, with Krackhardt's
  permutation test).
* **Did it become denser, beyond noise?** :func:`density_change`, a paired bootstrap over
  organisations (Snijders and Borgatti 1999; UCINET's "Compare densities (paired)").

:func:`catalysed_pairs` looks at one of the hub functions the programme's evaluation names,
**catalysing partnerships**: of the pairs of a hub's partners that were not tied to each
other in the earlier wave, how many were tied in the later one. :func:`compare_waves` runs
everything on two waves of a survey; :func:`comparison_summary` gives JSON-ready numbers and
:func:`describe_changes` plain sentences for a report.

Conventions: graphs are :class:`networkx.DiGraph` with arcs in the direction of support, a
``weight`` that is a **strength** (higher = closer; 1 where missing) and a node attribute
``type``; nothing here modifies a graph or table it is given. Measures of stability and
density compare only the organisations **present in both waves** (as RSiena counts only the
cells observed at both waves), so an organisation joining or leaving is not mistaken for
ties changing; the tie tables keep every arc. An organisation's type is taken from the later
wave where it is there, else from the earlier one.

References
----------
Krackhardt, D. (1987). QAP partialling as a test of spuriousness. *Social Networks* 9,
171-186.

Snijders, T. A. B. and Borgatti, S. P. (1999). Non-parametric standard errors and tests for
network statistics. *Connections* 22(2), 61-70.

Snijders, T. A. B., van de Bunt, G. G. and Steglich, C. E. G. (2010). Introduction to
stochastic actor-based models for network dynamics. *Social Networks* 32, 44-60 (Jaccard
index); Ripley, R. M., Snijders, T. A. B. et al., *Manual for RSiena* (distance, Jaccard).

Phipson, B. and Smyth, G. K. (2010). Permutation p-values should never be zero.
*Statistical Applications in Genetics and Molecular Biology* 9(1), article 39.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

import networkx as nx
import numpy as np
import pandas as pd

from ecosystem.analysis.centrality import UNKNOWN_TYPE
from ecosystem.analysis.tables import full_measures
from ecosystem.codebook import ORGANISATION_TYPES
from ecosystem.errors import OptionError
from ecosystem.network import NetworkOptions, build_network
from ecosystem.survey import Survey

__all__ = [
    "CHANGE_MEASURES",
    "TIE_CHANGE_COLUMNS",
    "DensityChange",
    "QAPResult",
    "WaveComparison",
    "catalysed_pairs",
    "change_by_organisation",
    "change_by_type_pair",
    "compare_waves",
    "comparison_summary",
    "density_change",
    "describe_changes",
    "hamming_distance",
    "jaccard_index",
    "organisation_change",
    "organisation_presence",
    "qap",
    "qap_weighted",
    "tie_changes",
]

TIE_CHANGE_COLUMNS: Final[tuple[str, ...]] = (
    "source",
    "target",
    "source_type",
    "target_type",
    "weight_before",
    "weight_after",
    "status",
    "strength",
    "direction_changed",
)
"""The columns of :func:`tie_changes`, in order."""

CHANGE_MEASURES: Final[tuple[str, ...]] = (
    "in_degree",
    "out_degree",
    "in_strength",
    "out_strength",
    "betweenness",
    "pagerank",
    "constraint",
    "effective_size",
    "brokerage",
    "coordinator",
    "gatekeeper",
    "representative",
    "consultant",
    "liaison",
)
"""The measures :func:`organisation_change` compares by default."""

LOWER_RANKS_FIRST: Final[frozenset[str]] = frozenset({"constraint"})
"""Measures on which the lowest value ranks first (low constraint = room to broker)."""

_COUNTS: Final[tuple[str, ...]] = ("kept", "gained", "lost", "strengthened", "weakened")
_TOLERANCE: Final = 1e-9


# ---------------------------------------------------------------------------------------
# Tie by tie


def tie_changes(before: nx.DiGraph, after: nx.DiGraph) -> pd.DataFrame:
    """Every arc of either wave, and how it changed: kept, gained or lost; stronger or weaker.

    Parameters
    ----------
    before, after : networkx.DiGraph
        The networks of the earlier and the later wave (``weight`` a strength, 1 where
        missing; node attribute ``type``).

    Returns
    -------
    pandas.DataFrame
        One row per arc present in either wave, sorted by source and target, with the
        columns of :data:`TIE_CHANGE_COLUMNS`:

        ``source``, ``target``, ``source_type``, ``target_type``
            The arc and its organisations' types.
        ``weight_before``, ``weight_after``
            The arc's weight in each wave, NaN where it is absent.
        ``status``
            ``"kept"`` (in both waves), ``"gained"`` (later wave only) or ``"lost"``
            (earlier wave only).
        ``strength``
            For kept arcs, ``"strengthened"``, ``"weakened"`` or ``"same"`` (weights
            equal to 1e-9); ``""`` for gained and lost arcs.
        ``direction_changed``
            True on every arc of a pair that is tied (an arc either way) in both waves but
            whose set of arcs differs: a one-way tie became reciprocal, a reciprocal one
            one-way, or support now flows the other way.

    Notes
    -----
    Arcs of organisations present in one wave only are kept (as gained or lost); flag those
    organisations with :func:`organisation_presence`.

    Examples
    --------
    >>> before = nx.DiGraph([("Hub", "Trust", {"weight": 2.0}), ("Hub", "ICB", {"weight": 1.0})])
    >>> after = nx.DiGraph([("Hub", "Trust", {"weight": 4.0}), ("Trust", "Hub", {"weight": 4.0})])
    >>> table = tie_changes(before, after)
    >>> columns = ["source", "target", "status", "strength", "direction_changed"]
    >>> for row in table[columns].itertuples(index=False):
    ...     print(*row)
    Hub ICB lost  False
    Hub Trust kept strengthened True
    Trust Hub gained  True
    """
    types = _types(before, after)
    arcs_before = _arc_weights(before)
    arcs_after = _arc_weights(after)
    pairs_before = _pair_arcs(arcs_before)
    pairs_after = _pair_arcs(arcs_after)
    rows = []
    for source, target in sorted(
        set(arcs_before) | set(arcs_after), key=lambda arc: (str(arc[0]), str(arc[1]))
    ):
        weight_before = arcs_before.get((source, target), np.nan)
        weight_after = arcs_after.get((source, target), np.nan)
        if (source, target) not in arcs_after:
            status, strength = "lost", ""
        elif (source, target) not in arcs_before:
            status, strength = "gained", ""
        else:
            status = "kept"
            if math.isclose(weight_after, weight_before, rel_tol=_TOLERANCE, abs_tol=_TOLERANCE):
                strength = "same"
            else:
                strength = "strengthened" if weight_after > weight_before else "weakened"
        pair = _pair(source, target)
        set_before = pairs_before.get(pair, frozenset())
        set_after = pairs_after.get(pair, frozenset())
        rows.append(
            (
                source,
                target,
                types[source],
                types[target],
                weight_before,
                weight_after,
                status,
                strength,
                bool(set_before) and bool(set_after) and set_before != set_after,
            )
        )
    table = pd.DataFrame(rows, columns=list(TIE_CHANGE_COLUMNS))
    return table.astype(
        {
            "source": object,
            "target": object,
            "source_type": "str",
            "target_type": "str",
            "weight_before": float,
            "weight_after": float,
            "status": "str",
            "strength": "str",
            "direction_changed": bool,
        }
    )


def organisation_presence(before: nx.DiGraph, after: nx.DiGraph) -> pd.DataFrame:
    """Which organisations are in each wave: both, only the earlier, or only the later.

    Rosters change between waves (organisations join, leave, or do not answer and are not
    named). Those in one wave only have ties that appear as gained or lost in
    :func:`tie_changes`, and are left out of the stability measures.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``organisation`` (every node of either graph, sorted by name), with
        ``type``, ``in_before``, ``in_after`` (bool) and ``status`` (``"both"``,
        ``"only before"``, ``"only after"``).

    Examples
    --------
    >>> before = nx.DiGraph([("Hub", "Trust")])
    >>> after = nx.DiGraph([("Hub", "University")])
    >>> organisation_presence(before, after)["status"].to_dict()
    {'Hub': 'both', 'Trust': 'only before', 'University': 'only after'}
    """
    types = _types(before, after)
    names = sorted(types, key=str)
    in_before = [name in before for name in names]
    in_after = [name in after for name in names]
    status = [
        "both" if b and a else ("only before" if b else "only after")
        for b, a in zip(in_before, in_after, strict=True)
    ]
    return pd.DataFrame(
        {
            "type": pd.Series([types[name] for name in names], dtype="str"),
            "in_before": pd.Series(in_before, dtype=bool),
            "in_after": pd.Series(in_after, dtype=bool),
            "status": pd.Series(status, dtype="str"),
        }
    ).set_axis(pd.Index(names, name="organisation", dtype=object))


def change_by_organisation(changes: pd.DataFrame) -> pd.DataFrame:
    """The changes of :func:`tie_changes` added up for each organisation.

    Each arc counts for both of its organisations (a self-tie once).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``organisation`` (every organisation with an arc in either wave, sorted
        by name): ``type``, then the numbers of arcs touching it that were ``kept``,
        ``gained``, ``lost``, ``strengthened``, ``weakened`` and ``direction_changed``.

    Examples
    --------
    >>> before = nx.DiGraph([("Hub", "Trust"), ("Hub", "ICB")])
    >>> after = nx.DiGraph([("Hub", "Trust"), ("Trust", "ICB")])
    >>> table = change_by_organisation(tie_changes(before, after))
    >>> table[["kept", "gained", "lost"]].to_dict("index")  # doctest: +NORMALIZE_WHITESPACE
    {'Hub': {'kept': 1, 'gained': 0, 'lost': 1}, 'ICB': {'kept': 0, 'gained': 1, 'lost': 1},
     'Trust': {'kept': 1, 'gained': 1, 'lost': 0}}
    """
    columns = ["type", *_COUNTS, "direction_changed"]
    if changes.empty:
        return pd.DataFrame(
            {column: pd.Series(dtype="str" if column == "type" else "int64") for column in columns}
        ).set_axis(pd.Index([], name="organisation", dtype=object))
    flags = _flags(changes)
    flags["direction_changed"] = changes["direction_changed"].astype(bool).to_numpy()
    sources = flags.assign(organisation=changes["source"].to_numpy(), type=changes["source_type"])
    loops = (changes["source"] == changes["target"]).to_numpy()
    targets = flags[~loops].assign(
        organisation=changes["target"].to_numpy()[~loops],
        type=changes["target_type"].to_numpy()[~loops],
    )
    both = pd.concat([sources, targets], ignore_index=True)
    grouped = both.groupby("organisation", sort=False)
    table = grouped[[*_COUNTS, "direction_changed"]].sum().astype("int64")
    table.insert(0, "type", grouped["type"].first().astype("str"))
    order = sorted(table.index, key=str)
    table = table.loc[order]
    table.index = pd.Index(order, name="organisation", dtype=object)
    return table[columns]


def change_by_type_pair(changes: pd.DataFrame) -> pd.DataFrame:
    """The changes of :func:`tie_changes` added up by the types of the two organisations.

    Which kinds of partnership grew, and which faded: e.g. hub -> university arcs gained.

    Returns
    -------
    pandas.DataFrame
        One row per (source type, target type) with at least one arc in either wave, in
        the codebook's order of types: ``source_type``, ``target_type``, ``kept``,
        ``gained``, ``lost``, ``strengthened``, ``weakened``.

    Examples
    --------
    >>> before = nx.DiGraph([("Hub", "Trust")])
    >>> after = nx.DiGraph([("Hub", "Trust"), ("Hub", "Council")])
    >>> types = {"Hub": "hub", "Trust": "trust", "Council": "council"}
    >>> nx.set_node_attributes(after, types, "type")
    >>> change_by_type_pair(tie_changes(before, after)).to_numpy().tolist()
    [['hub', 'trust', 1, 0, 0, 0, 0], ['hub', 'council', 0, 1, 0, 0, 0]]
    """
    columns = ["source_type", "target_type", *_COUNTS]
    if changes.empty:
        return pd.DataFrame(
            {
                column: pd.Series(dtype="str" if column.endswith("_type") else "int64")
                for column in columns
            }
        )
    flags = _flags(changes)
    flags["source_type"] = changes["source_type"].astype("str").to_numpy()
    flags["target_type"] = changes["target_type"].astype("str").to_numpy()
    table = flags.groupby(["source_type", "target_type"], sort=False)[list(_COUNTS)].sum()
    table = table.astype("int64").reset_index()
    rank = {
        key: i for i, key in enumerate(_type_order([*table["source_type"], *table["target_type"]]))
    }
    table = table.sort_values(
        ["source_type", "target_type"], key=lambda column: column.map(rank), kind="stable"
    )
    return table[columns].reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# Stability: Jaccard, Hamming, QAP


def jaccard_index(
    before: nx.DiGraph, after: nx.DiGraph, organisations: Iterable[str] | None = None
) -> float:
    """Snijders' Jaccard index of tie stability between two waves.

    .. math:: J = \\frac{N_{11}}{N_{01} + N_{10} + N_{11}}

    where :math:`N_{11}` counts the ordered pairs (i, j), i != j, with an arc in both waves,
    :math:`N_{10}` those with an arc in the earlier wave only and :math:`N_{01}` in the later
    only: the share of the ties present in either wave that are present in both. Weights
    are ignored (an arc is a tie).

    Parameters
    ----------
    before, after : networkx.DiGraph
        The earlier and the later wave.
    organisations : iterable of str, optional
        The organisations whose cells count. Default: those present in **both** waves, as
        RSiena counts only the cells with data at both waves; organisations given here must
        be in both graphs (``OptionError`` otherwise).

    Returns
    -------
    float
        The index, NaN when neither wave has a tie among the organisations.

    Notes
    -----
    RSiena's guide to modelling network change: "Jaccard values of .3 and higher are good;
    values lower than .2 indicate that there might be difficulties" (so much changed that
    the waves hardly describe one evolving network).

    References
    ----------
    Snijders, van de Bunt and Steglich (2010), *Social Networks* 32, 44-60; the RSiena
    manual, "Steps for looking at results".

    Examples
    --------
    >>> before = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> after = nx.DiGraph([("a", "b"), ("c", "a")])
    >>> jaccard_index(before, after), hamming_distance(before, after)
    (0.3333333333333333, 2)
    """
    counts = _transitions(before, after, organisations)
    changed = counts["01"] + counts["10"] + counts["11"]
    return counts["11"] / changed if changed else float("nan")


def hamming_distance(
    before: nx.DiGraph, after: nx.DiGraph, organisations: Iterable[str] | None = None
) -> int:
    """The Hamming distance between two waves: ties that appeared or disappeared.

    :math:`N_{01} + N_{10}` over the same cells as :func:`jaccard_index` (ordered pairs of
    distinct organisations, by default those present in both waves): RSiena's "distance".

    Examples
    --------
    >>> hamming_distance(nx.DiGraph([("a", "b")]), nx.DiGraph([("b", "a")]))
    2
    """
    counts = _transitions(before, after, organisations)
    return counts["01"] + counts["10"]


@dataclass(frozen=True)
class QAPResult:
    """A QAP correlation of two waves' ties and its permutation p-value.

    ``r`` is Pearson's correlation over the ordered off-diagonal cells; ``p`` the one-sided
    Monte Carlo p-value of ``r`` being at least this large if the organisations' positions
    in one wave were unrelated to those in the other; ``method`` says which values were
    correlated (``"binary"`` ties or ``"weighted"`` strengths).
    """

    r: float
    p: float
    permutations: int
    seed: int
    method: str


def qap(
    before: nx.DiGraph,
    after: nx.DiGraph,
    permutations: int = 1000,
    seed: int = 2023,
    organisations: Iterable[str] | None = None,
) -> QAPResult:
    """QAP correlation of two waves' ties: did the network keep its shape?

    Parameters
    ----------
    before, after : networkx.DiGraph
        The earlier and the later wave.
    permutations : int, optional
        Random relabellings drawn for the p-value.
    seed : int, optional
        Seed of :func:`numpy.random.default_rng`; the same seed gives the same p-value.
    organisations : iterable of str, optional
        The organisations compared, default those present in both waves (sorted by name);
        given ones must be in both graphs.

    Returns
    -------
    QAPResult
        ``r``: Pearson's correlation of the two waves' **binary** adjacency matrices
        (1 = arc) over the :math:`n(n-1)` ordered off-diagonal cells, organisations in the
        same order in both (R sna's ``gcor``). ``p``: the Monte Carlo p-value

        .. math:: p = \\frac{1 + \\#\\{r_\\pi \\ge r\\}}{1 + \\text{permutations}}

        where each :math:`r_\\pi` correlates the earlier matrix with the later one after
        permuting its rows and columns together (the same random relabelling of the
        organisations), which keeps every structural feature of the later network but
        unlinks it from who is who (Krackhardt's QAP). It is one-sided: the question is
        whether the waves are **more** alike than chance, like sna's ``qaptest``
        ``pgreq``, but counting the observed arrangement among the permutations, so that
        p is never 0 (Phipson and Smyth 2010). Permuted values equal to ``r`` up to 1e-9
        count as reaching it. ``r`` and ``p`` are NaN when a wave's matrix is constant
        (no arcs, or all) or fewer than two organisations are compared.

    Notes
    -----
    The off-diagonal mean and variance of a matrix do not change when its rows and columns
    are permuted together, so each permutation costs one fancy-indexing of the centred
    earlier matrix at the later wave's arcs, and one dot product with their values;
    permutations are processed in vectorised blocks. They
    are drawn as ``rng.permuted(np.tile(np.arange(n), (permutations, 1)), axis=1)`` with
    ``rng = numpy.random.default_rng(seed)``, one row per permutation, organisations sorted
    by name (or in the order given), so a result can be reproduced outside this module.

    References
    ----------
    Krackhardt, D. (1987). QAP partialling as a test of spuriousness. *Social Networks* 9,
    171-186. Hubert, L. J. and Schultz, J. (1976), *British Journal of Mathematical and
    Statistical Psychology* 29, 190-241. Butts, C. T., R package ``sna``, ``gcor`` and
    ``qaptest``.

    Examples
    --------
    >>> before = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> after = nx.DiGraph([("a", "b"), ("b", "c"), ("d", "a")])
    >>> result = qap(before, after, permutations=99)
    >>> round(result.r, 4), result.permutations
    (0.5556, 99)
    """
    names = _compared(before, after, organisations)
    X = _matrix(before, names, weighted=False)
    Y = _matrix(after, names, weighted=False)
    return _qap(X, Y, permutations, seed, "binary")


def qap_weighted(
    before: nx.DiGraph,
    after: nx.DiGraph,
    permutations: int = 1000,
    seed: int = 2023,
    organisations: Iterable[str] | None = None,
) -> QAPResult:
    """QAP correlation of two waves' tie **strengths** (0 where there is no arc).

    As :func:`qap`, on the ``weight`` of each arc (1 where an arc has none) instead of 1:
    whether strong ties stayed strong, not only whether ties stayed.

    Examples
    --------
    >>> before = nx.DiGraph([("a", "b", {"weight": 4}), ("b", "c", {"weight": 1})])
    >>> after = nx.DiGraph([("a", "b", {"weight": 3}), ("b", "c", {"weight": 1})])
    >>> round(qap_weighted(before, after, permutations=9).r, 4)
    0.9965
    """
    names = _compared(before, after, organisations)
    X = _matrix(before, names, weighted=True)
    Y = _matrix(after, names, weighted=True)
    return _qap(X, Y, permutations, seed, "weighted")


def _qap(X: np.ndarray, Y: np.ndarray, permutations: int, seed: int, method: str) -> QAPResult:
    if permutations < 0:
        raise OptionError(f"permutations must be 0 or more, not {permutations}")
    n = len(X)
    nan = QAPResult(float("nan"), float("nan"), permutations, seed, method)
    if n < 2:
        return nan
    off = ~np.eye(n, dtype=bool)
    x_centred = np.where(off, X - X[off].mean(), 0.0)
    y_values = Y[off]
    scale = math.sqrt(
        float(np.sum(x_centred**2)) * float(np.sum((y_values - y_values.mean()) ** 2))
    )
    if scale == 0:
        return nan
    # sum over off-diagonal cells of (x - mean x)(y - mean y) = sum of x_centred * y, because
    # x_centred sums to 0 and its diagonal is 0; the same holds for every permuted Y.
    # The permuted matrix has Y[order[i], order[j]] in cell (i, j): arc (a, b) of Y lands in
    # cell (inverse[a], inverse[b]). So each permutation needs only Y's non-zero cells.
    sources, targets = np.nonzero(Y)
    values = Y[sources, targets]
    observed = float(x_centred[sources, targets] @ values)
    r = observed / scale
    rng = np.random.default_rng(seed)
    orders = rng.permuted(np.tile(np.arange(n), (permutations, 1)), axis=1)
    inverse = np.empty_like(orders)
    inverse[np.arange(permutations)[:, None], orders] = np.arange(n)
    block = max(1, 2_000_000 // max(1, len(values)))
    reached = 0
    for start in range(0, permutations, block):
        chunk = inverse[start : start + block]
        numerators = x_centred[chunk[:, sources], chunk[:, targets]] @ values
        reached += int(np.sum(numerators >= observed - _TOLERANCE * scale))
    return QAPResult(r, (1 + reached) / (1 + permutations), permutations, seed, method)


# ---------------------------------------------------------------------------------------
# Density with a paired bootstrap


@dataclass(frozen=True)
class DensityChange:
    """The change in density between two waves, with a bootstrap interval.

    ``before`` and ``after`` are the densities among the ``organisations`` (a count) present
    in both waves, ``change = after - before``, and [``low``, ``high``] the percentile
    interval of the change at ``level`` from ``samples`` bootstrap samples.
    """

    before: float
    after: float
    change: float
    low: float
    high: float
    level: float
    samples: int
    organisations: int


def density_change(
    before: nx.DiGraph,
    after: nx.DiGraph,
    samples: int = 2000,
    level: float = 0.95,
    seed: int = 2023,
) -> DensityChange:
    """Did the network become denser? The change in density, with a paired bootstrap interval.

    Parameters
    ----------
    before, after : networkx.DiGraph
        The earlier and the later wave. Only the organisations present in both count
        (sorted by name), so that organisations joining or leaving do not pass for a change
        in how connected the others are.
    samples : int, optional
        Bootstrap samples.
    level : float, optional
        Coverage of the percentile interval, between 0 and 1.
    seed : int, optional
        Seed of :func:`numpy.random.default_rng`.

    Returns
    -------
    DensityChange
        Densities (arcs / :math:`n(n-1)`, binary) of both waves among the :math:`n`
        organisations in both, their difference, and the percentile interval of the
        difference. All NaN when fewer than two organisations are in both waves.

    Notes
    -----
    The vertex bootstrap of Snijders and Borgatti (1999), paired as in UCINET's "Compare
    densities (paired)": each sample draws :math:`n` organisations with replacement
    (``rng.integers(0, n, size=(samples, n))``, one row per sample) and takes the submatrix
    of **both** waves on the drawn organisations, repeated ones included; a cell whose two
    drawn organisations are the same original organisation (the diagonal, and the pairs of
    copies of one organisation) has no tie variable and is left out. The sample's density
    is its arcs over its remaining cells, and the change is computed on the same draw for
    both waves, so that organisations' lasting differences in activity cancel out (the
    paired design). The interval takes the ``(1 - level) / 2`` and ``(1 + level) / 2``
    quantiles of the sample changes (numpy's default linear interpolation).

    With :math:`c` the counts of each organisation in a draw and :math:`A` the adjacency
    matrix (zero diagonal), the sample's arcs are :math:`c^\\top A c` and its cells
    :math:`n^2 - \\sum_k c_k^2`, so all samples are two matrix products. An interval that
    excludes 0 says the change is unlikely to be sampling noise *if the organisations can
    be seen as drawn from a larger population of similar ones*; with few organisations the
    interval is rough.

    References
    ----------
    Snijders, T. A. B. and Borgatti, S. P. (1999). Non-parametric standard errors and tests
    for network statistics. *Connections* 22(2), 61-70. Borgatti, S. P., Everett, M. G. and
    Freeman, L. C. (2002). *UCINET for Windows*, Tools > Statistics > Compare densities >
    Paired (same node).

    Examples
    --------
    >>> before = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> after = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("a", "c")])
    >>> result = density_change(before, after, samples=200)
    >>> round(result.before, 4), round(result.after, 4), round(result.change, 4)
    (0.3333, 0.6667, 0.3333)
    >>> result.low <= result.change <= result.high
    True
    """
    if samples < 1:
        raise OptionError(f"samples must be 1 or more, not {samples}")
    if not 0 < level < 1:
        raise OptionError(f"level must be between 0 and 1, not {level}")
    names = _compared(before, after, None)
    n = len(names)
    if n < 2:
        nan = float("nan")
        return DensityChange(nan, nan, nan, nan, nan, level, samples, n)
    A = _matrix(before, names, weighted=False)
    B = _matrix(after, names, weighted=False)
    cells = n * (n - 1)
    density_before = float(A.sum()) / cells
    density_after = float(B.sum()) / cells
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n, size=(samples, n))
    offsets = (np.arange(samples) * n)[:, None]
    counts = np.bincount((draws + offsets).ravel(), minlength=samples * n).reshape(samples, n)
    counts = counts.astype(float)
    sample_cells = n * n - np.sum(counts**2, axis=1)
    arcs_before = np.sum((counts @ A) * counts, axis=1)
    arcs_after = np.sum((counts @ B) * counts, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        changes = np.where(sample_cells > 0, (arcs_after - arcs_before) / sample_cells, np.nan)
    alpha = (1 - level) / 2
    if np.all(np.isnan(changes)):
        low = high = float("nan")
    else:
        low, high = (float(v) for v in np.nanquantile(changes, [alpha, 1 - alpha]))
    return DensityChange(
        density_before,
        density_after,
        density_after - density_before,
        low,
        high,
        level,
        samples,
        n,
    )


# ---------------------------------------------------------------------------------------
# Organisations' measures side by side


def organisation_change(
    table_before: pd.DataFrame,
    table_after: pd.DataFrame,
    measures: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Each organisation's measures and ranks in two waves, side by side.

    Parameters
    ----------
    table_before, table_after : pandas.DataFrame
        :func:`ecosystem.analysis.tables.organisation_table` of each wave (indexed by
        organisation).
    measures : sequence of str, optional
        Numeric columns to compare. Default: those of :data:`CHANGE_MEASURES` present in
        both tables. A measure missing from a table raises ``OptionError``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``organisation`` (either wave's organisations, sorted by name):
        ``type``, then for each measure *m* ``m_before``, ``m_after``, ``m_change``
        (after - before), ``m_rank_before``, ``m_rank_after`` and ``m_rank_change``. Rank
        1 is the highest value within the wave (the lowest for constraint, where low means
        room to broker); tied values share the best rank (competition ranking); a positive
        rank change means the organisation moved up. NaN where an organisation is absent
        from a wave or the measure is undefined for it.

    Examples
    --------
    >>> before = pd.DataFrame({"type": ["hub", "trust"], "in_degree": [1, 3]}, ["Hub", "Trust"])
    >>> after = pd.DataFrame({"type": ["hub", "ICB"], "in_degree": [4, 2]}, ["Hub", "ICB"])
    >>> table = organisation_change(before, after, ["in_degree"])
    >>> table[["in_degree_change", "in_degree_rank_before", "in_degree_rank_after"]]
    ... # doctest: +NORMALIZE_WHITESPACE
                  in_degree_change  in_degree_rank_before  in_degree_rank_after
    organisation
    Hub                        3.0                    2.0                   1.0
    ICB                        NaN                    NaN                   2.0
    Trust                      NaN                    1.0                   NaN
    """
    if measures is None:
        chosen = [m for m in CHANGE_MEASURES if m in table_before and m in table_after]
    else:
        chosen = list(measures)
        for name, table in (("earlier", table_before), ("later", table_after)):
            missing = [m for m in chosen if m not in table.columns]
            if missing:
                raise OptionError(
                    f"measure '{missing[0]}' is not in the {name} wave's organisation table"
                )
    names = sorted(dict.fromkeys([*table_before.index, *table_after.index]), key=str)
    index = pd.Index(names, name="organisation", dtype=object)
    columns: dict[str, pd.Series] = {"type": _table_types(table_before, table_after, index)}
    for measure in chosen:
        first = table_before[measure].astype(float)
        second = table_after[measure].astype(float)
        ascending = measure in LOWER_RANKS_FIRST
        rank_first = first.rank(ascending=ascending, method="min").reindex(index)
        rank_second = second.rank(ascending=ascending, method="min").reindex(index)
        first, second = first.reindex(index), second.reindex(index)
        columns[f"{measure}_before"] = first
        columns[f"{measure}_after"] = second
        columns[f"{measure}_change"] = second - first
        columns[f"{measure}_rank_before"] = rank_first
        columns[f"{measure}_rank_after"] = rank_second
        columns[f"{measure}_rank_change"] = rank_first - rank_second
    return pd.DataFrame(columns, index=index)


# ---------------------------------------------------------------------------------------
# Catalysing partnerships


def catalysed_pairs(
    before: nx.DiGraph, after: nx.DiGraph, hubs: Iterable[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Did a hub's partners who had not been working together start to? ("catalysing").

    For each hub *h*: its **partners** in the earlier wave (organisations with an arc to or
    from *h*); the **open pairs**, unordered pairs {a, b} of those partners with no arc
    either way between them in the earlier wave (the structural holes the hub spans); and
    which open pairs are **closed** in the later wave (an arc either way between a and b).
    A pair with a partner absent from the later wave counts as open but not closed.

    Closure is what the programme's evaluation means by a hub "connecting and convening
    players who had never met"; the survey shows that such ties formed, not that the hub
    formed them.

    Parameters
    ----------
    before, after : networkx.DiGraph
        The earlier and the later wave.
    hubs : iterable of str
        The hub organisations (a hub absent from the earlier wave has no partners).

    Returns
    -------
    summary : pandas.DataFrame
        One row per hub: ``hub``, ``partners``, ``open_pairs``, ``closed_pairs`` and
        ``closed_share`` (closed / open, NaN when there is no open pair).
    pairs : pandas.DataFrame
        One row per open pair: ``hub``, ``partner_a``, ``partner_b`` (sorted by name),
        ``a_type``, ``b_type``, ``closed`` (bool) and ``in_after`` (bool: both partners are
        in the later wave).

    Examples
    --------
    >>> before = nx.DiGraph([("Hub", "A"), ("B", "Hub"), ("Hub", "C"), ("A", "B")])
    >>> after = nx.DiGraph([("A", "C")])
    >>> summary, pairs = catalysed_pairs(before, after, ["Hub"])
    >>> summary.to_dict("records")
    [{'hub': 'Hub', 'partners': 3, 'open_pairs': 2, 'closed_pairs': 1, 'closed_share': 0.5}]
    >>> pairs[["partner_a", "partner_b", "closed"]].to_numpy().tolist()
    [['A', 'C', True], ['B', 'C', False]]
    """
    types = _types(before, after)
    summary_rows = []
    pair_rows = []
    for hub in dict.fromkeys(hubs):
        if hub in before:
            neighbours = set(before.successors(hub)) | set(before.predecessors(hub))
            partners = sorted(neighbours - {hub}, key=str)
        else:
            partners = []
        m = len(partners)
        tied_before = _either_way(before, partners)
        present = np.array([p in after for p in partners], dtype=bool)
        tied_after = _either_way(after, partners)
        first, second = np.triu_indices(m, k=1)
        open_mask = ~tied_before[first, second]
        first, second = first[open_mask], second[open_mask]
        closed = tied_after[first, second] & present[first] & present[second]
        for i, j, is_closed in zip(first.tolist(), second.tolist(), closed.tolist(), strict=True):
            a, b = partners[i], partners[j]
            pair_rows.append(
                (hub, a, b, types[a], types[b], bool(is_closed), bool(present[i] and present[j]))
            )
        open_count, closed_count = len(first), int(closed.sum())
        summary_rows.append(
            {
                "hub": hub,
                "partners": m,
                "open_pairs": open_count,
                "closed_pairs": closed_count,
                "closed_share": closed_count / open_count if open_count else float("nan"),
            }
        )
    summary = pd.DataFrame(
        summary_rows, columns=["hub", "partners", "open_pairs", "closed_pairs", "closed_share"]
    ).astype({"partners": "int64", "open_pairs": "int64", "closed_pairs": "int64"})
    summary["closed_share"] = summary["closed_share"].astype(float)
    pairs = pd.DataFrame(
        pair_rows,
        columns=["hub", "partner_a", "partner_b", "a_type", "b_type", "closed", "in_after"],
    ).astype({"a_type": "str", "b_type": "str", "closed": bool, "in_after": bool})
    return summary, pairs


# ---------------------------------------------------------------------------------------
# Two waves of a survey


@dataclass(frozen=True, eq=False)
class WaveComparison:
    """Everything :func:`compare_waves` found about the change from one wave to another.

    Attributes
    ----------
    wave_from, wave_to : str
        The earlier and the later wave.
    hub : str or None
        The hub whose ecosystem was compared (None: every organisation of the waves).
    options : NetworkOptions
        How both networks were built.
    before, after : networkx.DiGraph
        The two networks.
    presence : pandas.DataFrame
        :func:`organisation_presence`.
    ties : pandas.DataFrame
        :func:`tie_changes`.
    by_organisation, by_type_pair : pandas.DataFrame
        :func:`change_by_organisation`, :func:`change_by_type_pair`.
    jaccard : float
        :func:`jaccard_index`.
    hamming : int
        :func:`hamming_distance`.
    density : DensityChange
        :func:`density_change`.
    qap, qap_weighted : QAPResult
        :func:`qap`, :func:`qap_weighted`.
    organisation_change : pandas.DataFrame
        :func:`organisation_change` of the two waves' organisation tables.
    network : pandas.DataFrame
        The network measures of :func:`ecosystem.analysis.summary.network_measures`
        (index ``measure``; columns ``before``, ``after``, ``change``), each over its own
        wave's whole roster.
    catalysis, catalysis_pairs : pandas.DataFrame
        :func:`catalysed_pairs` for the organisations of type ``"hub"``.
    tables_before, tables_after : pandas.DataFrame
        Each wave's :func:`~ecosystem.analysis.tables.organisation_table`.
    """

    wave_from: str
    wave_to: str
    hub: str | None
    options: NetworkOptions
    before: nx.DiGraph
    after: nx.DiGraph
    presence: pd.DataFrame
    ties: pd.DataFrame
    by_organisation: pd.DataFrame
    by_type_pair: pd.DataFrame
    jaccard: float
    hamming: int
    density: DensityChange
    qap: QAPResult
    qap_weighted: QAPResult
    organisation_change: pd.DataFrame
    network: pd.DataFrame
    catalysis: pd.DataFrame
    catalysis_pairs: pd.DataFrame
    tables_before: pd.DataFrame
    tables_after: pd.DataFrame

    def summary(self) -> dict[str, Any]:
        """:func:`comparison_summary` of this comparison."""
        return comparison_summary(self)

    def describe(self) -> list[str]:
        """:func:`describe_changes` of this comparison."""
        return describe_changes(self)


def compare_waves(
    survey: Survey,
    wave_from: str,
    wave_to: str,
    options: NetworkOptions | None = None,
    permutations: int = 1000,
    samples: int = 2000,
    seed: int = 2023,
) -> WaveComparison:
    """Compare two waves of a survey: ties, organisations, stability, density, catalysis.

    Both networks are built by :func:`ecosystem.network.build_network` with the same
    ``options`` (one hub's ecosystem when ``options.hub`` names one); every result of this
    module is computed on them, the QAP tests with ``permutations`` and the density
    bootstrap with ``samples``, both seeded by ``seed``. Catalysis is reported for every
    organisation of type ``"hub"`` in either network.

    Raises ``OptionError`` for an unknown wave or hub.
    """
    options = options or NetworkOptions()
    before = build_network(survey, wave_from, options)
    after = build_network(survey, wave_to, options)
    tables_before, measures_before = full_measures(before)
    tables_after, measures_after = full_measures(after)
    network = pd.DataFrame(
        {
            "before": measures_before.to_numpy(),
            "after": measures_after.to_numpy(),
            "change": (measures_after - measures_before).to_numpy(),
        },
        index=measures_before.index,
    )
    hubs = sorted(
        {
            name
            for graph in (before, after)
            for name, kind in graph.nodes(data="type")
            if kind == "hub"
        },
        key=str,
    )
    catalysis, catalysis_pairs = catalysed_pairs(before, after, hubs)
    ties = tie_changes(before, after)
    return WaveComparison(
        wave_from=wave_from,
        wave_to=wave_to,
        hub=before.graph.get("hub"),
        options=options,
        before=before,
        after=after,
        presence=organisation_presence(before, after),
        ties=ties,
        by_organisation=change_by_organisation(ties),
        by_type_pair=change_by_type_pair(ties),
        jaccard=jaccard_index(before, after),
        hamming=hamming_distance(before, after),
        density=density_change(before, after, samples=samples, seed=seed),
        qap=qap(before, after, permutations=permutations, seed=seed),
        qap_weighted=qap_weighted(before, after, permutations=permutations, seed=seed),
        organisation_change=organisation_change(tables_before, tables_after),
        network=network,
        catalysis=catalysis,
        catalysis_pairs=catalysis_pairs,
        tables_before=tables_before,
        tables_after=tables_after,
    )


def comparison_summary(c: WaveComparison) -> dict[str, Any]:
    """The headline numbers of a comparison as plain, JSON-ready values (NaN -> None).

    Keys: ``from``, ``to``, ``hub``; ``organisations`` (``both``, ``only_before``,
    ``only_after`` counts and their ``names``); ``ties`` (arcs ``kept``, ``gained``,
    ``lost``, ``strengthened``, ``weakened``, and ``direction_changed``: **pairs** tied in
    both waves whose direction changed); ``jaccard``, ``hamming``; ``density`` (``from``,
    ``to``, ``change``, ``low``, ``high``, ``level``, ``samples``, ``organisations``);
    ``qap`` and ``qap_weighted`` (``r``, ``p``, ``permutations``, ``seed``); ``catalysis``
    (one dict per hub: ``hub``, ``partners``, ``open_pairs``, ``closed_pairs``,
    ``closed_share``); ``network`` (measure -> ``before``, ``after``, ``change``).
    """
    status = c.presence["status"]
    ties = c.ties
    kept = ties["status"] == "kept"
    changed_pairs = {
        _pair(s, t) for s, t in ties.loc[ties["direction_changed"], ["source", "target"]].to_numpy()
    }
    result = {
        "from": c.wave_from,
        "to": c.wave_to,
        "hub": c.hub,
        "organisations": {
            "both": int((status == "both").sum()),
            "only_before": int((status == "only before").sum()),
            "only_after": int((status == "only after").sum()),
            "names": {
                "only_before": [str(n) for n in status.index[status == "only before"]],
                "only_after": [str(n) for n in status.index[status == "only after"]],
            },
        },
        "ties": {
            "kept": int(kept.sum()),
            "gained": int((ties["status"] == "gained").sum()),
            "lost": int((ties["status"] == "lost").sum()),
            "strengthened": int((ties["strength"] == "strengthened").sum()),
            "weakened": int((ties["strength"] == "weakened").sum()),
            "direction_changed": len(changed_pairs),
        },
        "jaccard": c.jaccard,
        "hamming": c.hamming,
        "density": {
            "from": c.density.before,
            "to": c.density.after,
            "change": c.density.change,
            "low": c.density.low,
            "high": c.density.high,
            "level": c.density.level,
            "samples": c.density.samples,
            "organisations": c.density.organisations,
        },
        "qap": _qap_dict(c.qap),
        "qap_weighted": _qap_dict(c.qap_weighted),
        "catalysis": c.catalysis.to_dict("records"),
        "network": {str(measure): row for measure, row in c.network.to_dict("index").items()},
    }
    return _plain(result)


def describe_changes(c: WaveComparison) -> list[str]:
    """Plain-language sentences about a comparison, for an evaluator's report.

    One sentence (or two) each on: who is in both waves; ties kept, gained, lost and
    re-weighted; density with its bootstrap interval (saying "could be noise" whenever the
    interval includes no change); the QAP correlation of ties and of strengths; the Jaccard
    index; and each hub's closed pairs of partners. Numbers are rounded for reading; the
    exact values are in :func:`comparison_summary`.
    """
    summary = comparison_summary(c)
    first, second = c.wave_from, c.wave_to
    sentences = [_presence_sentence(summary, first, second)]
    ties = summary["ties"]
    lost_or_kept = ties["kept"] + ties["lost"]
    sentences.append(
        f"Of the {_count(lost_or_kept, 'tie')} in {first}, {ties['kept']:,} were kept and "
        f"{ties['lost']:,} lost; {ties['gained']:,} new "
        f"{'tie' if ties['gained'] == 1 else 'ties'} appeared in {second}. Of the kept ties, "
        f"{ties['strengthened']:,} became stronger and {ties['weakened']:,} weaker; "
        f"{_count(ties['direction_changed'], 'pair')} of organisations tied in both waves "
        f"changed the direction of support (for example, one-way became two-way)."
    )
    sentences.append(_density_sentence(c.density))
    sentences.append(_qap_sentence(c.qap, weighted=False))
    sentences.append(_qap_sentence(c.qap_weighted, weighted=True))
    sentences.append(_jaccard_sentence(c.jaccard, c.hamming, summary["organisations"]["both"]))
    pairs = c.catalysis_pairs
    for row in c.catalysis.itertuples(index=False):
        sentences.append(_catalysis_sentence(row, pairs[pairs["hub"] == row.hub], first, second))
    return sentences


# ---------------------------------------------------------------------------------------
# Sentences


def _presence_sentence(summary: dict[str, Any], first: str, second: str) -> str:
    organisations = summary["organisations"]
    both = organisations["both"]
    parts = [f"{_count(both, 'organisation')} {'is' if both == 1 else 'are'} in both waves"]
    for key, wave in (("only_after", second), ("only_before", first)):
        names = organisations["names"][key]
        if names:
            shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
            parts.append(f"{len(names):,} only in {wave} ({shown})")
        else:
            parts.append(f"none only in {wave}")
    sentence = "; ".join(parts) + "."
    if organisations["only_after"] or organisations["only_before"]:
        sentence += (
            " Their ties count as gained or lost, but density, the QAP correlation and the"
            " Jaccard index compare only the organisations in both waves."
        )
    return sentence


def _density_sentence(density: DensityChange) -> str:
    if math.isnan(density.change):
        return "Density cannot be compared: fewer than two organisations are in both waves."
    # Two decimals read best; sparse networks (density below 0.1) need a third.
    digits = 2 if min(density.before, density.after) >= 0.1 else 3
    low, high = _number(density.low, digits), _number(density.high, digits)
    interval = (
        f"the {density.level:.0%} interval of the change (bootstrap over organisations, "
        f"{density.samples:,} samples) is {low} to {high}"
    )
    among = f"among the {density.organisations:,} organisations in both waves"
    first, second = _number(density.before, digits), _number(density.after, digits)
    if density.change == 0:
        return f"Density stayed at {first} {among}; {interval}."
    word, noun = ("rose", "rise") if density.change > 0 else ("fell", "fall")
    sentence = f"Density {word} from {first} to {second} {among}; {interval}"
    if math.isnan(density.low):
        return sentence + "."
    if density.low > 0 or density.high < 0:
        return sentence + f", so the {noun} is unlikely to be noise."
    return sentence + f", which includes no change, so the {noun} could be noise."


def _qap_sentence(result: QAPResult, weighted: bool) -> str:
    what = "tie strengths" if weighted else "ties"
    if math.isnan(result.r):
        return (
            f"The two waves' {what} cannot be correlated: a wave has no variation among the "
            "organisations in both (no ties, or every possible tie)."
        )
    p_text = "p < 0.001" if result.p < 0.0005 else f"p = {result.p:.3f}"
    head = (
        f"The two waves' {what} correlate at r = {result.r:.2f} "
        f"(QAP, {result.permutations:,} permutations, {p_text})"
    )
    if result.p > 0.05:
        return (
            head + ": no more alike than if the organisations had been shuffled, so the "
            "similarity could be chance."
        )
    if weighted:
        return head + ": strong ties tended to stay strong."
    if result.r >= 0.4:
        return head + ": the network kept much of its shape."
    return head + ": more alike than chance would give, though much changed."


def _jaccard_sentence(jaccard: float | None, hamming: int, both: int) -> str:
    if jaccard is None or math.isnan(jaccard):
        return (
            "The Jaccard index is undefined: neither wave has a tie among the organisations in "
            "both."
        )
    head = (
        f"Jaccard index {jaccard:.2f}: of the ties present in either wave among the {both:,} "
        f"organisations in both, {jaccard:.0%} were present in both, and "
        f"{_count(hamming, 'tie')} appeared or disappeared (Hamming distance)"
    )
    if jaccard >= 0.3:
        return head + "; 0.3 or more is a fairly stable network by RSiena's guide."
    if jaccard >= 0.2:
        return head + "; between 0.2 and 0.3, much of the network changed."
    return head + "; below 0.2, most ties changed: the later network is largely new."


def _catalysis_sentence(row: Any, pairs: pd.DataFrame, first: str, second: str) -> str:
    if row.open_pairs == 0:
        return (
            f"{row.hub} had no pair of partners in {first} that were not already tied to each "
            "other, so no partnership it could have catalysed shows in the data."
        )
    open_pairs = _count(row.open_pairs, "open pair")
    if row.closed_pairs == 0:
        sentence = (
            f"{row.hub} closed none of the {open_pairs} of its partners: no two partners "
            f"untied in {first} were tied in {second}."
        )
    else:
        sentence = (
            f"{row.hub} closed {row.closed_pairs:,} of {open_pairs} of its partners "
            f"({row.closed_share:.0%}): partners not tied to each other in {first} that were "
            f"tied in {second}."
        )
    absent = int((~pairs["in_after"]).sum())
    if absent:
        sentence += (
            f" {_count(absent, 'open pair')} {'involves' if absent == 1 else 'involve'} a "
            f"partner missing from {second} and {'counts' if absent == 1 else 'count'} as "
            "not closed."
        )
    if row.closed_pairs:
        sentence += " The survey shows that these ties formed, not that the hub formed them."
    return sentence


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def _number(value: float, digits: int) -> str:
    if math.isnan(value):
        return "undefined"
    return f"{round(value, digits) + 0.0:.{digits}f}"


def _qap_dict(result: QAPResult) -> dict[str, Any]:
    return {
        "r": result.r,
        "p": result.p,
        "permutations": result.permutations,
        "seed": result.seed,
        "method": result.method,
    }


def _plain(value: Any) -> Any:
    """Recursively turn numpy scalars into Python ones and NaN into None."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else float(value)
    return value


# ---------------------------------------------------------------------------------------
# Helpers


def _types(before: nx.DiGraph, after: nx.DiGraph) -> dict[Any, str]:
    """Each organisation's type: the later wave's where it gives one, else the earlier's."""
    types = {node: UNKNOWN_TYPE for graph in (before, after) for node in graph}
    for graph in (before, after):
        types.update(
            {node: str(kind) for node, kind in graph.nodes(data="type") if kind is not None}
        )
    return types


def _table_types(first: pd.DataFrame, second: pd.DataFrame, index: pd.Index) -> pd.Series:
    unknown = pd.Series(UNKNOWN_TYPE, index=index, dtype="str")
    earlier = first["type"].reindex(index) if "type" in first else unknown
    later = second["type"].reindex(index) if "type" in second else unknown
    return later.where(later.notna(), earlier).fillna(UNKNOWN_TYPE).astype("str")


def _arc_weights(graph: nx.DiGraph) -> dict[tuple[Any, Any], float]:
    return {
        (u, v): 1.0 if w is None else float(w)
        for u, v, w in graph.edges(data="weight", default=1.0)
    }


def _pair(u: Any, v: Any) -> tuple[Any, Any]:
    return (u, v) if str(u) <= str(v) else (v, u)


def _pair_arcs(arcs: Iterable[tuple[Any, Any]]) -> dict[tuple[Any, Any], frozenset]:
    pairs: dict[tuple[Any, Any], set] = {}
    for arc in arcs:
        pairs.setdefault(_pair(*arc), set()).add(arc)
    return {pair: frozenset(members) for pair, members in pairs.items()}


def _flags(changes: pd.DataFrame) -> pd.DataFrame:
    status = changes["status"].to_numpy()
    strength = changes["strength"].to_numpy()
    return pd.DataFrame(
        {
            "kept": status == "kept",
            "gained": status == "gained",
            "lost": status == "lost",
            "strengthened": strength == "strengthened",
            "weakened": strength == "weakened",
        }
    ).astype("int64")


def _type_order(values: Iterable[str]) -> list[str]:
    present = set(values)
    known = [key for key in ORGANISATION_TYPES if key in present and key != UNKNOWN_TYPE]
    others = sorted(present - set(known) - {UNKNOWN_TYPE})
    return known + others + ([UNKNOWN_TYPE] if UNKNOWN_TYPE in present else [])


def _compared(
    before: nx.DiGraph, after: nx.DiGraph, organisations: Iterable[str] | None
) -> list[Any]:
    """The organisations whose cells are compared: given, or in both waves (sorted)."""
    if organisations is None:
        return sorted((node for node in before if node in after), key=str)
    names = list(dict.fromkeys(organisations))
    for name in names:
        for graph, which in ((before, "earlier"), (after, "later")):
            if name not in graph:
                raise OptionError(
                    f"organisation '{name}' is not in the {which} wave; only organisations "
                    "present in both waves can be compared"
                )
    return names


def _matrix(graph: nx.DiGraph, names: Sequence[Any], weighted: bool) -> np.ndarray:
    """Adjacency matrix over ``names`` (binary, or weights), zero diagonal."""
    index = {name: i for i, name in enumerate(names)}
    matrix = np.zeros((len(names), len(names)))
    for u, v, w in graph.edges(data="weight", default=1.0):
        i, j = index.get(u), index.get(v)
        if i is None or j is None or i == j:
            continue
        matrix[i, j] = (1.0 if w is None else float(w)) if weighted else 1.0
    return matrix


def _transitions(
    before: nx.DiGraph, after: nx.DiGraph, organisations: Iterable[str] | None
) -> dict[str, int]:
    names = _compared(before, after, organisations)
    A = _matrix(before, names, weighted=False) > 0
    B = _matrix(after, names, weighted=False) > 0
    return {
        "11": int(np.sum(A & B)),
        "10": int(np.sum(A & ~B)),
        "01": int(np.sum(~A & B)),
    }


def _either_way(graph: nx.DiGraph, names: Sequence[Any]) -> np.ndarray:
    """Boolean matrix over ``names``: an arc either way between the two (absent names: no)."""
    M = _matrix(graph, names, weighted=False) > 0
    return M | M.T
