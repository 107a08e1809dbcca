"""Each organisation's measures and ranks in two waves, side by side."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import pandas as pd

from ecosystem.codebook import UNKNOWN_TYPE
from ecosystem.errors import OptionError

__all__ = ["CHANGE_MEASURES", "LOWER_RANKS_FIRST", "organisation_change"]

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


def _table_types(first: pd.DataFrame, second: pd.DataFrame, index: pd.Index) -> pd.Series:
    """Each organisation's type: the later table's where it gives one, else the earlier's."""
    unknown = pd.Series(UNKNOWN_TYPE, index=index, dtype="str")
    earlier = first["type"].reindex(index) if "type" in first else unknown
    later = second["type"].reindex(index) if "type" in second else unknown
    return later.where(later.notna(), earlier).fillna(UNKNOWN_TYPE).astype("str")
