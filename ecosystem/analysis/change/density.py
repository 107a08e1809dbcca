"""Did the network become denser, beyond noise? The change in density between two waves,
with the paired vertex bootstrap of Snijders and Borgatti (1999)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from ecosystem.analysis.change.common import compared, matrix
from ecosystem.errors import OptionError
from ecosystem.settings import SETTINGS

if TYPE_CHECKING:
    from ecosystem.analysis.change.pairs import ComparedPairs

__all__ = ["DensityChange", "density_change"]


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
    samples: int = SETTINGS.samples,
    level: float = SETTINGS.level,
    seed: int = SETTINGS.seed,
    *,
    pairs: ComparedPairs | None = None,
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
    pairs : ComparedPairs, optional
        Count only the cells whose pair both waves observed: each wave's density is then
        its arcs over those cells, and each bootstrap sample's too. Default: every cell.

    Returns
    -------
    DensityChange
        Densities (arcs / :math:`n(n-1)`, binary) of both waves among the :math:`n`
        organisations in both, their difference, and the percentile interval of the
        difference. All NaN when fewer than two organisations are in both waves.

    See Also
    --------
    ecosystem.analysis.change.jaccard_index : whether the ties stayed, not only how many there are.
    ecosystem.analysis.change.qap : whether the network kept its shape.
    ecosystem.analysis.functions.indicator_changes : the same bootstrap, for the hubs'
        indicators.

    Notes
    -----
    The vertex bootstrap of Snijders and Borgatti [1]_, paired as in UCINET's "Compare
    densities (paired)" [2]_: each sample draws :math:`n` organisations with replacement
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
    interval is rough. Where organisations differ in how many ties they have (as they do),
    the 95% interval contains the true change in about 95% of simulated pairs of waves
    (the tests check it); where they hardly differ (ties as if drawn at random), it is
    conservative, about 1.7 times too wide.

    References
    ----------
    .. [1] Snijders, T. A. B. and Borgatti, S. P. (1999). Non-parametric standard errors and
       tests for network statistics. *Connections* 22(2), 161-170.
    .. [2] Borgatti, S. P., Everett, M. G. and Freeman, L. C. (2002). *Ucinet for Windows:
       Software for Social Network Analysis*. Analytic Technologies; Tools > Statistics >
       Compare densities > Paired (same node).

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
    names = compared(before, after, None)
    n = len(names)
    if n < 2:
        nan = float("nan")
        return DensityChange(nan, nan, nan, nan, nan, level, samples, n)
    A = matrix(before, names, weighted=False)
    B = matrix(after, names, weighted=False)
    observed = None if pairs is None else pairs.mask(names).astype(float)
    if observed is None:
        cells = n * (n - 1)
    else:
        A, B = A * observed, B * observed
        cells = int(observed.sum())
        if cells == 0:
            nan = float("nan")
            return DensityChange(nan, nan, nan, nan, nan, level, samples, n)
    density_before = float(A.sum()) / cells
    density_after = float(B.sum()) / cells
    changes = _bootstrap_changes(A, B, samples, seed, observed)
    alpha = (1 - level) / 2
    if np.all(np.isnan(changes)):
        low = high = float("nan")
    else:
        low, high = (float(v) for v in np.nanquantile(changes, [alpha, 1 - alpha]))
    change = density_after - density_before
    return DensityChange(density_before, density_after, change, low, high, level, samples, n)


def _bootstrap_changes(
    A: np.ndarray, B: np.ndarray, samples: int, seed: int, observed: np.ndarray | None = None
) -> np.ndarray:
    """The change in density of each bootstrap sample of organisations (NaN for a sample
    with no cells), the same draw for both waves' matrices (zero diagonals).

    A sample's arcs are c'Ac with c the counts of each organisation in its draw, and its
    cells n^2 - sum(c^2), so all samples take two matrix products; where only the
    ``observed`` cells count (0/1, zero diagonal, A and B already zero outside them), its
    cells are c'Oc.
    """
    n = len(A)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n, size=(samples, n))
    offsets = (np.arange(samples) * n)[:, None]
    counts = np.bincount((draws + offsets).ravel(), minlength=samples * n).reshape(samples, n)
    counts = counts.astype(float)
    if observed is None:
        sample_cells = n * n - np.sum(counts**2, axis=1)
    else:
        sample_cells = np.sum((counts @ observed) * counts, axis=1)
    arcs_before = np.sum((counts @ A) * counts, axis=1)
    arcs_after = np.sum((counts @ B) * counts, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(sample_cells > 0, (arcs_after - arcs_before) / sample_cells, np.nan)
