"""Catalysing partnerships: did a hub's partners who were not tied to each other in the
earlier wave become tied in the later one?"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pandas as pd

from ecosystem.analysis.change.common import either_way, types

if TYPE_CHECKING:
    from ecosystem.analysis.change.pairs import ComparedPairs

__all__ = ["catalysed_pairs"]


def catalysed_pairs(
    before: nx.DiGraph,
    after: nx.DiGraph,
    hubs: Iterable[str],
    *,
    pairs: ComparedPairs | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Did a hub's partners who had not been working together start to? ("catalysing").

    For each hub *h*: its **partners** in the earlier wave (organisations with an arc to or
    from *h*); the **open pairs**, unordered pairs {a, b} of those partners with no arc
    either way between them in the earlier wave (the structural holes the hub spans, in
    Burt's term [1]_); and
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
    pairs : ComparedPairs, optional
        Count a pair of partners as open, and so as closed, only where both waves observed
        it: a pair not tied in the earlier wave because neither partner answered about the
        other then may have been tied all along. Default: every pair of partners.

    Returns
    -------
    summary : pandas.DataFrame
        One row per hub: ``hub``, ``partners``, ``open_pairs``, ``closed_pairs`` and
        ``closed_share`` (closed / open, NaN when there is no open pair).
    pairs : pandas.DataFrame
        One row per open pair: ``hub``, ``partner_a``, ``partner_b`` (sorted by name),
        ``a_type``, ``b_type``, ``closed`` (bool) and ``in_after`` (bool: both partners are
        in the later wave).

    See Also
    --------
    ecosystem.analysis.gaps.introductions : the open pairs of one wave, as introductions
        to make.
    ecosystem.analysis.structural_holes.effective_size : how many of a hub's partners are
        not tied to each other.

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
       Harvard University Press.

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
    kinds = types(before, after)
    summary_rows = []
    pair_rows: list[tuple[Any, ...]] = []
    for hub in dict.fromkeys(hubs):
        rows = _open_pairs(before, after, hub, pairs)
        pair_rows += [(hub, a, b, kinds[a], kinds[b], closed, both) for a, b, closed, both in rows]
        open_count, closed_count = len(rows), sum(closed for _, _, closed, _ in rows)
        summary_rows.append(
            {
                "hub": hub,
                "partners": len(_partners(before, hub)),
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


def _partners(before: nx.DiGraph, hub: Any) -> list[Any]:
    """A hub's partners in the earlier wave (an arc either way), sorted by name."""
    if hub not in before:
        return []
    neighbours = set(before.successors(hub)) | set(before.predecessors(hub))
    return sorted(neighbours - {hub}, key=str)


def _open_pairs(
    before: nx.DiGraph, after: nx.DiGraph, hub: Any, pairs: ComparedPairs | None = None
) -> list[tuple[Any, Any, bool, bool]]:
    """The open pairs of a hub's partners: (a, b, closed in the later wave, both in it);
    with ``pairs``, only those both waves observed."""
    partners = _partners(before, hub)
    tied_before = either_way(before, partners)
    present = np.array([p in after for p in partners], dtype=bool)
    tied_after = either_way(after, partners)
    first, second = np.triu_indices(len(partners), k=1)
    open_mask = ~tied_before[first, second]
    if pairs is not None:
        open_mask &= pairs.mask(partners)[first, second]
    first, second = first[open_mask], second[open_mask]
    closed = tied_after[first, second] & present[first] & present[second]
    return [
        (partners[i], partners[j], bool(is_closed), bool(present[i] and present[j]))
        for i, j, is_closed in zip(first.tolist(), second.tolist(), closed.tolist(), strict=True)
    ]
