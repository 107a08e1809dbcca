"""Did the ties stay? Snijders' Jaccard index and the Hamming distance between two waves,
over the organisations present in both (as RSiena reports them)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from ecosystem.analysis.change.common import compared, matrix

if TYPE_CHECKING:
    from ecosystem.analysis.change.pairs import ComparedPairs

__all__ = ["hamming_distance", "jaccard_index"]


def jaccard_index(
    before: nx.DiGraph,
    after: nx.DiGraph,
    organisations: Iterable[str] | None = None,
    *,
    pairs: ComparedPairs | None = None,
) -> float:
    """Snijders' Jaccard index of tie stability between two waves.

    The share of the ties of either wave that both waves have, which Snijders, van de Bunt
    and Steglich [1]_ use to judge whether two waves are close enough to model as one
    evolving network, and RSiena reports for each pair of waves [2]_:

    .. math:: J = \\frac{N_{11}}{N_{01} + N_{10} + N_{11}}

    where :math:`N_{11}` counts the ordered pairs (i, j), i != j, with an arc in both waves,
    :math:`N_{10}` those with an arc in the earlier wave only and :math:`N_{01}` in the later
    only. Weights are ignored (an arc is a tie).

    Parameters
    ----------
    before, after : networkx.DiGraph
        The earlier and the later wave.
    organisations : iterable of str, optional
        The organisations whose cells count. Default: those present in **both** waves, as
        RSiena counts only the cells with data at both waves; organisations given here must
        be in both graphs (``OptionError`` otherwise).
    pairs : ComparedPairs, optional
        Count only the cells whose pair both waves observed (RSiena's rule for a tie
        variable missing at either wave); default every cell.

    Returns
    -------
    float
        The index, NaN when neither wave has a tie among the organisations.

    See Also
    --------
    hamming_distance : the ties that appeared or disappeared, counted.
    ecosystem.analysis.change.qap : the correlation of the two waves' ties, with a permutation test.
    ecosystem.analysis.change.density_change : whether the network became denser, beyond noise.

    Notes
    -----
    RSiena's guide to modelling network change [2]_: "Jaccard values of .3 and higher are
    good; values lower than .2 indicate that there might be difficulties" (so much changed
    that the waves hardly describe one evolving network).

    References
    ----------
    .. [1] Snijders, T. A. B., van de Bunt, G. G. and Steglich, C. E. G. (2010).
       Introduction to stochastic actor-based models for network dynamics. *Social
       Networks* 32(1), 44-60.
    .. [2] Ripley, R. M., Snijders, T. A. B. et al. *Manual for RSiena*. University of
       Oxford, Department of Statistics; Nuffield College ("Steps for looking at results").

    Examples
    --------
    >>> before = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> after = nx.DiGraph([("a", "b"), ("c", "a")])
    >>> jaccard_index(before, after), hamming_distance(before, after)
    (0.3333333333333333, 2)
    """
    counts = _transitions(before, after, organisations, pairs)
    changed = counts["01"] + counts["10"] + counts["11"]
    return counts["11"] / changed if changed else float("nan")


def hamming_distance(
    before: nx.DiGraph,
    after: nx.DiGraph,
    organisations: Iterable[str] | None = None,
    *,
    pairs: ComparedPairs | None = None,
) -> int:
    """The Hamming distance between two waves: ties that appeared or disappeared.

    :math:`N_{01} + N_{10}` over the same cells as :func:`jaccard_index` (ordered pairs of
    distinct organisations, by default those present in both waves; with ``pairs``, those
    both waves observed): RSiena's "distance" [1]_.

    See Also
    --------
    jaccard_index : the share of the ties of either wave that both have.

    References
    ----------
    .. [1] Ripley, R. M., Snijders, T. A. B. et al. *Manual for RSiena*. University of
       Oxford, Department of Statistics; Nuffield College.

    Examples
    --------
    >>> hamming_distance(nx.DiGraph([("a", "b")]), nx.DiGraph([("b", "a")]))
    2
    """
    counts = _transitions(before, after, organisations, pairs)
    return counts["01"] + counts["10"]


def _transitions(
    before: nx.DiGraph,
    after: nx.DiGraph,
    organisations: Iterable[str] | None,
    pairs: ComparedPairs | None = None,
) -> dict[str, int]:
    """How many cells had a tie in both waves ("11"), the earlier only ("10") or the later
    only ("01"), over the cells whose pair both waves observed where ``pairs`` is given."""
    names = compared(before, after, organisations)
    A = matrix(before, names, weighted=False) > 0
    B = matrix(after, names, weighted=False) > 0
    if pairs is not None:
        observed = pairs.mask(names)
        A, B = A & observed, B & observed
    return {
        "11": int(np.sum(A & B)),
        "10": int(np.sum(A & ~B)),
        "01": int(np.sum(~A & B)),
    }
