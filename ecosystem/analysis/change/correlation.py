"""Did the network keep its shape? The QAP correlation of two waves' ties (binary) and tie
strengths (weighted), with Krackhardt's permutation test."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from ecosystem.analysis.change.common import TOLERANCE, compared, matrix
from ecosystem.errors import OptionError
from ecosystem.settings import SETTINGS

if TYPE_CHECKING:
    from ecosystem.analysis.change.pairs import ComparedPairs

__all__ = ["QAPResult", "qap", "qap_weighted"]


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
    permutations: int = SETTINGS.permutations,
    seed: int = SETTINGS.seed,
    organisations: Iterable[str] | None = None,
    *,
    pairs: ComparedPairs | None = None,
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
    pairs : ComparedPairs, optional
        Correlate only the cells whose pair both waves observed. Each permutation then
        relabels the later wave together with the cells it observed, and correlates over
        the cells both observe after relabelling (a cell missing in either matrix is left
        out, as sna's ``gcor`` and UCINET's QAP leave out missing cells). Default: every
        cell.

    Returns
    -------
    QAPResult
        ``r``: Pearson's correlation of the two waves' **binary** adjacency matrices
        (1 = arc) over the :math:`n(n-1)` ordered off-diagonal cells, organisations in the
        same order in both (R sna's ``gcor`` [4]_). ``p``: the Monte Carlo p-value

        .. math:: p = \\frac{1 + \\#\\{r_\\pi \\ge r\\}}{1 + \\text{permutations}}

        where each :math:`r_\\pi` correlates the earlier matrix with the later one after
        permuting its rows and columns together (the same random relabelling of the
        organisations), which keeps every structural feature of the later network but
        unlinks it from who is who (Krackhardt's QAP [1]_, after Hubert and Schultz's
        quadratic assignment [2]_). It is one-sided: the question is whether the waves are
        **more** alike than chance, like sna's ``qaptest`` ``pgreq``, but counting the
        observed arrangement among the permutations, so that p is never 0 (Phipson and
        Smyth [3]_). Permuted values equal to ``r`` up to 1e-9
        count as reaching it. ``r`` and ``p`` are NaN when a wave's matrix is constant
        (no arcs, or all) or fewer than two organisations are compared.

    See Also
    --------
    qap_weighted : the same test on tie strengths.
    ecosystem.analysis.change.jaccard_index : the share of the ties of either wave that both have.
    ecosystem.analysis.change.density_change : whether the network became denser, beyond noise.

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
    .. [1] Krackhardt, D. (1987). QAP partialling as a test of spuriousness. *Social
       Networks* 9(2), 171-186.
    .. [2] Hubert, L. J. and Schultz, J. (1976). Quadratic assignment as a general data
       analysis strategy. *British Journal of Mathematical and Statistical Psychology*
       29(2), 190-241.
    .. [3] Phipson, B. and Smyth, G. K. (2010). Permutation p-values should never be zero:
       calculating exact p-values when permutations are randomly drawn. *Statistical
       Applications in Genetics and Molecular Biology* 9(1), article 39.
    .. [4] Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
       Software* 24(6), 1-51; R package ``sna``, functions ``gcor`` and ``qaptest``.

    Examples
    --------
    >>> before = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> after = nx.DiGraph([("a", "b"), ("b", "c"), ("d", "a")])
    >>> result = qap(before, after, permutations=99)
    >>> round(result.r, 4), result.permutations
    (0.5556, 99)
    """
    names = compared(before, after, organisations)
    X = matrix(before, names, weighted=False)
    Y = matrix(after, names, weighted=False)
    if pairs is not None:
        return _qap_observed(X, Y, pairs, names, permutations, seed, "binary")
    return _qap(X, Y, permutations, seed, "binary")


def qap_weighted(
    before: nx.DiGraph,
    after: nx.DiGraph,
    permutations: int = SETTINGS.permutations,
    seed: int = SETTINGS.seed,
    organisations: Iterable[str] | None = None,
    *,
    pairs: ComparedPairs | None = None,
) -> QAPResult:
    """QAP correlation of two waves' tie **strengths** (0 where there is no arc).

    As :func:`qap`, on the ``weight`` of each arc (1 where an arc has none) instead of 1:
    whether strong ties stayed strong, not only whether ties stayed. The permutation test
    is Krackhardt's QAP [1]_, as there.

    See Also
    --------
    qap : the same test on ties present or absent.

    References
    ----------
    .. [1] Krackhardt, D. (1987). QAP partialling as a test of spuriousness. *Social
       Networks* 9(2), 171-186.

    Examples
    --------
    >>> before = nx.DiGraph([("a", "b", {"weight": 4}), ("b", "c", {"weight": 1})])
    >>> after = nx.DiGraph([("a", "b", {"weight": 3}), ("b", "c", {"weight": 1})])
    >>> round(qap_weighted(before, after, permutations=9).r, 4)
    0.9965
    """
    names = compared(before, after, organisations)
    X = matrix(before, names, weighted=True)
    Y = matrix(after, names, weighted=True)
    if pairs is not None:
        return _qap_observed(X, Y, pairs, names, permutations, seed, "weighted")
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
        reached += int(np.sum(numerators >= observed - TOLERANCE * scale))
    return QAPResult(r, (1 + reached) / (1 + permutations), permutations, seed, method)


def _qap_observed(
    X: np.ndarray,
    Y: np.ndarray,
    pairs: ComparedPairs,
    names: list[Any],
    permutations: int,
    seed: int,
    method: str,
) -> QAPResult:
    """QAP over the cells each wave observed: Pearson's r over the cells both observe, and
    for each permutation (drawn as :func:`_qap` draws them) over the cells the earlier wave
    observes and the relabelled later wave observes.

    The permuted later matrix holds ``Y[order[i], order[j]]`` in cell (i, j). Every sum the
    correlation needs is read at the non-zero cells of one matrix only: the earlier wave's
    values at the relabelled later wave's observed cells, the later wave's values at the
    earlier wave's, and the number of cells both observe from the smallest of the four
    sets (each wave's observed cells or their complement), so a permutation costs the
    arcs plus at most half the cells.
    """
    if permutations < 0:
        raise OptionError(f"permutations must be 0 or more, not {permutations}")
    n = len(X)
    nan = QAPResult(float("nan"), float("nan"), permutations, seed, method)
    if n < 2:
        return nan
    seen_before = pairs.before.matrix(names)
    seen_after = pairs.after.matrix(names)
    x = np.where(seen_before, X, 0.0)
    y = np.where(seen_after, Y, 0.0)
    x_i, x_j = np.nonzero(x)
    x_values = x[x_i, x_j]
    y_a, y_b = np.nonzero(y)
    y_values = y[y_a, y_b]
    off = ~np.eye(n, dtype=bool)
    observed_before, observed_after = int(seen_before.sum()), int(seen_after.sum())
    # How many cells both observe, for each relabelling: (cells to visit, the matrix read
    # there, whether it is read through the order (earlier-wave cells) or the inverse
    # (later-wave cells), the count it starts from and the sign of what is read).
    ways = [
        (seen_before, seen_after, True, 0, 1),
        (seen_after, seen_before, False, 0, 1),
        (off & ~seen_before, seen_after, True, observed_after, -1),
        (off & ~seen_after, seen_before, False, observed_before, -1),
    ]
    cells, lookup, by_order, base, sign = min(ways, key=lambda way: int(way[0].sum()))
    cell_i, cell_j = np.nonzero(cells)

    def correlations(orders: np.ndarray, inverse: np.ndarray) -> np.ndarray:
        """r for each relabelling (rows of ``orders`` and their ``inverse``)."""
        relabel = orders if by_order else inverse
        count = base + sign * lookup[relabel[:, cell_i], relabel[:, cell_j]].sum(axis=1)
        after_at_x = seen_after[orders[:, x_i], orders[:, x_j]]
        sum_x = after_at_x @ x_values
        sum_xx = after_at_x @ x_values**2
        before_at_y = seen_before[inverse[:, y_a], inverse[:, y_b]]
        sum_y = before_at_y @ y_values
        sum_yy = before_at_y @ y_values**2
        sum_xy = x[inverse[:, y_a], inverse[:, y_b]] @ y_values
        with np.errstate(invalid="ignore", divide="ignore"):
            spread = (count * sum_xx - sum_x**2) * (count * sum_yy - sum_y**2)
            return np.where(
                spread > 0, (count * sum_xy - sum_x * sum_y) / np.sqrt(np.abs(spread)), np.nan
            )

    identity = np.arange(n)[None, :]
    r = float(correlations(identity, identity)[0])
    if math.isnan(r):
        return nan
    rng = np.random.default_rng(seed)
    orders = rng.permuted(np.tile(np.arange(n), (permutations, 1)), axis=1)
    inverse = np.empty_like(orders)
    inverse[np.arange(permutations)[:, None], orders] = np.arange(n)
    work = len(cell_i) + len(x_i) + len(y_a)
    block = max(1, 2_000_000 // max(1, work))
    reached = 0
    for start in range(0, permutations, block):
        chunk = slice(start, start + block)
        values_r = correlations(orders[chunk], inverse[chunk])
        reached += int(np.sum(values_r >= r - TOLERANCE))
    return QAPResult(r, (1 + reached) / (1 + permutations), permutations, seed, method)
