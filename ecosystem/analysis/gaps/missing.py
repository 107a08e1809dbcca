"""Missing types: kinds of organisation expected around a hub that are absent from its
roster or only weakly tied to it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import networkx as nx
import pandas as pd

from ecosystem.analysis.gaps.findings import (
    NEVER,
    finite,
    frame,
    hub_organisations,
    mean_attribute,
    neighbours,
    pair_arcs,
    row,
    strength,
)
from ecosystem.analysis.gaps.wording import absent_type_reason, answer, weak_type_reason
from ecosystem.codebook import FREQUENCY, RARELY, type_label

__all__ = ["EXPECTED_TYPES", "missing_types"]

EXPECTED_TYPES: Final[tuple[str, ...]] = (
    "HIN",
    "ICB",
    "trust",
    "university",
    "VCSE",
    "council",
    "PPIE",
)
"""Kinds of organisation a hub is expected to work with (the report's ecosystem partners)."""


def missing_types(
    G: nx.DiGraph,
    hub_organisation: str | Iterable[str] | None = None,
    expected: Iterable[str] = EXPECTED_TYPES,
) -> pd.DataFrame:
    """Kinds of organisation expected around a hub that are absent or only weakly tied to it.

    The report recommends mapping "the organisations in the local ICS involved in
    innovation" and finding the gaps. A hub with no university on its roster, or whose
    councils never hear from it, is missing a kind of partner.

    Parameters
    ----------
    G : networkx.DiGraph
        The hub's network of one wave.
    hub_organisation : str or iterable of str, optional
        The hub organisation(s); default: the nodes of ``G`` of type ``"hub"``.
    expected : iterable of str, default :data:`EXPECTED_TYPES`
        The type keys expected around a hub.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`~ecosystem.analysis.gaps.FINDING_COLUMNS`, one row per missing or
        weakly tied type: ``organisation`` is ``""``, ``other`` the type's label and
        ``other_type`` its key. ``detail`` is ``"absent"`` (no organisation of that type in
        the network) or ``"weakly_tied"``.

    Notes
    -----
    A type is weakly tied when no organisation of that type has a tie with the hub
    organisation above frequency 1 (Less than quarterly, :data:`ecosystem.codebook.RARELY`):
    none is tied to the hub, or every tie is rare. Scores: 1 for an absent type; 0.8 - 0.2
    x f for a weakly tied one, where f is the highest frequency of any of its ties with the
    hub (0.8 with no tie, 0.6 with a less-than-quarterly tie). The reason names the
    organisation of that type best placed to start with (the most ties in the network)
    and, where there is one, a partner of the hub already working with it that could
    introduce them.
    """
    hubs = hub_organisations(G, hub_organisation)
    wave = G.graph.get("wave") or "this wave's"
    rows = []
    for type_key in expected:
        members = sorted(str(n) for n, t in G.nodes(data="type") if t == type_key and n not in hubs)
        if not members:
            reason = absent_type_reason(type_key, wave)
            evidence = f"0 organisations of type {type_key} in the network"
            rows.append(_type_row(G, type_key, "absent", 1.0, reason, evidence))
            continue
        frequencies = {m: _hub_frequency(G, hubs, m) for m in members}
        best = max(frequencies.values())
        if best > RARELY:
            continue
        tied = [m for m in members if frequencies[m] > NEVER]
        evidence = f"{len(tied)} of {len(members)} tied to the hub; " + "; ".join(
            f"{m}: " + (answer(FREQUENCY, frequencies[m]) if frequencies[m] > NEVER else "no tie")
            for m in members
        )
        start, go_between = _way_in(G, hubs, members)
        reason = weak_type_reason(type_key, members, best, start, go_between)
        score = 0.8 - 0.2 * best / RARELY
        rows.append(_type_row(G, type_key, "weakly_tied", score, reason, evidence))
    return frame(G, rows)


def _type_row(
    G: nx.DiGraph, type_key: str, detail: str, score: float, reason: str, evidence: str
) -> dict[str, object]:
    """A finding about a kind of organisation: no ``organisation``, the type as ``other``."""
    label = type_label(type_key)
    return row(
        G,
        "missing_type",
        detail,
        "",
        label,
        score,
        reason,
        evidence,
        organisation_type="",
        other_type=type_key,
    )


def _hub_frequency(G: nx.DiGraph, hubs: tuple[str, ...], organisation: str) -> float:
    """The frequency of the strongest tie between an organisation and the hub (0: none)."""
    values = [mean_attribute(pair_arcs(G, hub, organisation), "frequency") for hub in hubs]
    arcs = [arc for hub in hubs for arc in pair_arcs(G, hub, organisation)]
    known = [v for v in values if finite(v)]
    if known:
        return max(known)
    # An edge-list tie with no frequency counts as rare.
    return float(RARELY) if arcs else float(NEVER)


def _way_in(G: nx.DiGraph, hubs: tuple[str, ...], members: list[str]) -> tuple[str, str | None]:
    """Whom of a kind to start with (the most ties in the network, then by name), and the
    hub's partner already working with them over the strongest tie (None if nobody is)."""
    tied = neighbours(G)
    start = min(members, key=lambda m: (-len(tied[m]), m))
    go_betweens = sorted(
        (-strength(G, pair_arcs(G, p, start)), p)
        for p in tied[start]
        if p not in hubs and any(p in tied[h] for h in hubs)
    )
    return start, (go_betweens[0][1] if go_betweens else None)
