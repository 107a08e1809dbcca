"""Tie by tie: every arc of two waves as kept, gained or lost, who is in which wave, and
the changes added up by organisation and by the types of the two organisations."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Final

import networkx as nx
import numpy as np
import pandas as pd

from ecosystem.analysis.change.common import TOLERANCE, arc_weights, pair, pair_arcs, types
from ecosystem.codebook import type_order

if TYPE_CHECKING:
    from ecosystem.analysis.change.pairs import ComparedPairs

__all__ = [
    "TIE_CHANGE_COLUMNS",
    "change_by_organisation",
    "change_by_type_pair",
    "organisation_presence",
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

_COUNTS: Final[tuple[str, ...]] = ("kept", "gained", "lost", "strengthened", "weakened")
_DTYPES: Final[dict[str, Any]] = {
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


def tie_changes(
    before: nx.DiGraph, after: nx.DiGraph, *, pairs: ComparedPairs | None = None
) -> pd.DataFrame:
    """Every arc of either wave, and how it changed: kept, gained or lost; stronger or weaker.

    Parameters
    ----------
    before, after : networkx.DiGraph
        The networks of the earlier and the later wave (``weight`` a strength, 1 where
        missing; node attribute ``type``).
    pairs : ComparedPairs, optional
        Keep only the arcs whose pair both waves observed
        (:mod:`ecosystem.analysis.change.pairs`), so that a tie first seen where one side
        answered only in the later wave is not counted as gained. Default: every arc.

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
    kinds = types(before, after)
    arcs_before = arc_weights(before)
    arcs_after = arc_weights(after)
    if pairs is not None:
        arcs_before = {arc: w for arc, w in arcs_before.items() if pairs.covers(*arc)}
        arcs_after = {arc: w for arc, w in arcs_after.items() if pairs.covers(*arc)}
    pairs_before = pair_arcs(arcs_before)
    pairs_after = pair_arcs(arcs_after)
    rows = []
    for source, target in sorted(
        set(arcs_before) | set(arcs_after), key=lambda arc: (str(arc[0]), str(arc[1]))
    ):
        weight_before = arcs_before.get((source, target))
        weight_after = arcs_after.get((source, target))
        status, strength = _status(weight_before, weight_after)
        set_before = pairs_before.get(pair(source, target), frozenset())
        set_after = pairs_after.get(pair(source, target), frozenset())
        changed = bool(set_before) and bool(set_after) and set_before != set_after
        rows.append(
            (
                source,
                target,
                kinds[source],
                kinds[target],
                _or_nan(weight_before),
                _or_nan(weight_after),
                status,
                strength,
                changed,
            )
        )
    return pd.DataFrame(rows, columns=list(TIE_CHANGE_COLUMNS)).astype(_DTYPES)


def _status(weight_before: float | None, weight_after: float | None) -> tuple[str, str]:
    """An arc's status and, if kept, whether it grew stronger (None: absent from a wave)."""
    if weight_after is None:
        return "lost", ""
    if weight_before is None:
        return "gained", ""
    if math.isclose(weight_after, weight_before, rel_tol=TOLERANCE, abs_tol=TOLERANCE):
        return "kept", "same"
    return "kept", "strengthened" if weight_after > weight_before else "weakened"


def _or_nan(weight: float | None) -> float:
    return np.nan if weight is None else weight


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
    kinds = types(before, after)
    names = sorted(kinds, key=str)
    in_before = [name in before for name in names]
    in_after = [name in after for name in names]
    status = [
        "both" if b and a else ("only before" if b else "only after")
        for b, a in zip(in_before, in_after, strict=True)
    ]
    return pd.DataFrame(
        {
            "type": pd.Series([kinds[name] for name in names], dtype="str"),
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
        the codebook's order of types (:func:`ecosystem.codebook.type_order`):
        ``source_type``, ``target_type``, ``kept``, ``gained``, ``lost``,
        ``strengthened``, ``weakened``.

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
        key: i for i, key in enumerate(type_order([*table["source_type"], *table["target_type"]]))
    }
    table = table.sort_values(
        ["source_type", "target_type"], key=lambda column: column.map(rank), kind="stable"
    )
    return table[columns].reset_index(drop=True)


def _flags(changes: pd.DataFrame) -> pd.DataFrame:
    """One 0/1 column per count of :data:`_COUNTS`, a row per arc."""
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
