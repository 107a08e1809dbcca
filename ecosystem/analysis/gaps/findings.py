"""The table of findings every kind of gap returns, and the building blocks the kinds share.

Each kind of finding (one module each in this package) reads the hub's network and the
wave's answers with these helpers and hands its rows to :func:`frame`, so every kind
returns the same columns (:data:`FINDING_COLUMNS`), scored and sorted the same way. The
helpers are for this package's modules; people import the constants from
:mod:`ecosystem.analysis.gaps`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

import networkx as nx
import pandas as pd

from ecosystem.codebook import FREQUENCY, UNKNOWN_TYPE, WEIGHTINGS, weighting_top
from ecosystem.errors import OptionError

__all__ = [
    "FINDING_COLUMNS",
    "GAP_DETAILS",
    "GAP_KINDS",
    "GAP_TITLES",
    "NEVER",
    "WEIGHT_SCALES",
    "Report",
    "finite",
    "frame",
    "hub_organisations",
    "mean_attribute",
    "neighbours",
    "pair_arcs",
    "reports",
    "row",
    "sorted_findings",
    "strength",
    "type_of",
    "wave_responses",
]

GAP_KINDS: Final[tuple[str, ...]] = (
    "relevance_gap",
    "introduction",
    "missing_type",
    "one_sided",
    "fragile",
    "lost_tie",
)
"""The kinds of finding, in the order the findings of a hub are listed."""

GAP_TITLES: Final[dict[str, str]] = {
    "relevance_gap": "Relevant but rarely met",
    "introduction": "Partners to introduce to each other",
    "missing_type": "Missing or weakly tied kinds of partner",
    "one_sided": "One-sided ties",
    "fragile": "Partners hanging on one tie",
    "lost_tie": "Ties lost since the last wave",
}
"""Plain titles of the kinds of finding, for headings."""

GAP_DETAILS: Final[dict[str, str]] = {
    "relevant_rarely_met": "Relevant, but met rarely or never",
    "frequent_not_relevant": "Met often, but rated not relevant",
    "said_relevant": "One says the other is relevant, but they have not met",
    "open_triad": "Both work with the hub, not with each other",
    "absent": "No organisation of this kind on the roster",
    "weakly_tied": "On the roster, but no tie with the hub above less than quarterly",
    "supports_hub": "Support flows only towards the hub",
    "said_never": "One side reports the tie, the other said Never",
    "not_listed": "One side reports the tie, the other answered but did not list it",
    "no_answer": "One side reports the tie, the other did not answer the survey",
    "single_tie": "A partner with a single tie",
    "bridge": "A single tie holding a group of partners",
    "lost": "Reported before, no contact reported now",
    "unreported": "Reported before, neither side answered now",
    "left_roster": "One side is no longer on the roster",
}
"""Plain titles of the ``detail`` values (the variant of each kind of finding)."""

FINDING_COLUMNS: Final[tuple[str, ...]] = (
    "hub",
    "wave",
    "kind",
    "detail",
    "organisation",
    "organisation_type",
    "other",
    "other_type",
    "score",
    "reason",
    "evidence",
)
"""The columns of every kind of finding, in order."""

WEIGHT_SCALES: Final[dict[str, float]] = {w: weighting_top(w) for w in WEIGHTINGS}
"""The top of each weighting's scale (:func:`ecosystem.codebook.weighting_top`): a tie's
strength is its weight over this (at most 1)."""


NEVER: Final = FREQUENCY.parse("Never")
"""The frequency code of "Never": no contact in the last 12 months (a "Never" makes no tie)."""


def finite(value: object) -> bool:
    """True for a number that is not NaN (an answer that was given)."""
    try:  # any value may come in: what float() refuses is not a number
        return value is not None and not math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def type_of(G: nx.DiGraph, organisation: str) -> str:
    """An organisation's type key in the network; ``""`` for a name not in it."""
    return str(G.nodes[organisation].get("type", UNKNOWN_TYPE)) if organisation in G else ""


def wave_responses(responses: pd.DataFrame | None, G: nx.DiGraph) -> pd.DataFrame:
    """The responses of the network's wave (all of them when either side names no wave)."""
    if responses is None:
        return pd.DataFrame(columns=["respondent", "partner", "frequency", "relevance"])
    wave = G.graph.get("wave")
    if wave is not None and "wave" in responses.columns:
        return responses[responses["wave"] == wave]
    return responses


@dataclass(frozen=True)
class Report:
    """One organisation's answer about one partner (several people's answers averaged)."""

    frequency: float
    relevance: float


def reports(responses: pd.DataFrame) -> dict[tuple[str, str], Report]:
    """(respondent, partner) -> the organisation's report, people of one organisation
    averaged as the network builder does (relevance left out where nobody gave it)."""
    if responses.empty:
        return {}
    answers = pd.DataFrame(
        {
            "respondent": responses["respondent"],
            "partner": responses["partner"],
            "frequency": responses["frequency"].astype(float),
            "relevance": responses["relevance"].astype(float),
        }
    )
    means = answers.groupby(["respondent", "partner"], sort=False).mean()
    return {
        (str(respondent), str(partner)): Report(float(frequency), float(relevance))
        for (respondent, partner), frequency, relevance in zip(
            means.index, means["frequency"], means["relevance"], strict=True
        )
    }


def hub_organisations(
    G: nx.DiGraph, hub_organisation: str | Iterable[str] | None, required: bool = True
) -> tuple[str, ...]:
    """The hub organisation(s): as given, else the nodes of type "hub".

    Raises ``OptionError`` for a given name not in the network, and (when ``required``)
    when the network has no organisation of type "hub".
    """
    if hub_organisation is None:
        found = tuple(sorted(str(n) for n, t in G.nodes(data="type") if t == "hub"))
        if not found and required:
            where = G.graph.get("hub") or "this network"
            raise OptionError(
                f"no organisation of type 'hub' in {where}; give the hub organisation its "
                "type 'hub' in the organisations file"
            )
        return found
    names = (hub_organisation,) if isinstance(hub_organisation, str) else tuple(hub_organisation)
    missing = [name for name in names if name not in G]
    if missing:
        raise OptionError(f"hub organisation '{missing[0]}' is not in this network")
    return names


def pair_arcs(G: nx.DiGraph, a: str, b: str) -> list[Mapping[str, object]]:
    """The attributes of the arcs between two organisations, either way (none, one or two)."""
    return [data for data in (G.get_edge_data(a, b), G.get_edge_data(b, a)) if data is not None]


def mean_attribute(arcs: list[Mapping[str, object]], key: str) -> float:
    """The mean of an arc attribute over the arcs that carry it; NaN when none does."""
    # finite() has just checked that each value kept is a number
    values = [float(data[key]) for data in arcs if finite(data.get(key))]  # type: ignore[arg-type]
    return sum(values) / len(values) if values else float("nan")


def _weight_scale(G: nx.DiGraph) -> float:
    """The top of the weighting's scale; for a graph of unknown weighting, its top weight."""
    scale = WEIGHT_SCALES.get(str(G.graph.get("weighting")))
    if scale is not None:
        return scale
    weights = [float(w) for _, _, w in G.edges(data="weight", default=1.0) if finite(w)]
    return max([*weights, 1.0])


def strength(G: nx.DiGraph, arcs: list[Mapping[str, object]]) -> float:
    """A pair's strength in [0, 1]: the mean weight of its arcs over the weighting's top.

    Weights are strengths (higher = closer); an arc without a weight weighs 1.
    """
    weight = mean_attribute(arcs, "weight")
    if not finite(weight):
        weight = 1.0
    return min(1.0, max(0.0, weight / _weight_scale(G)))


def neighbours(G: nx.Graph) -> dict[str, set[str]]:
    """Each organisation's partners in the undirected view (ties either way), no self-ties."""
    if G.is_directed():
        return {node: (set(G.pred[node]) | set(G.succ[node])) - {node} for node in G}
    return {node: set(G[node]) - {node} for node in G}


def row(
    G: nx.DiGraph,
    kind: str,
    detail: str,
    organisation: str,
    other: str,
    score: float,
    reason: str,
    evidence: str,
    organisation_type: str | None = None,
    other_type: str | None = None,
) -> dict[str, object]:
    """One finding; types default to the organisations' types in ``G``, the score is
    clipped to [0, 1]."""
    return {
        "kind": kind,
        "detail": detail,
        "organisation": organisation,
        "organisation_type": (
            type_of(G, organisation) if organisation_type is None else organisation_type
        ),
        "other": other,
        "other_type": type_of(G, other) if other_type is None else other_type,
        # Rounded so that equal scores tie exactly and fall back on name order.
        "score": round(float(min(1.0, max(0.0, score))), 9),
        "reason": reason,
        "evidence": evidence,
    }


def frame(G: nx.DiGraph, rows: list[dict[str, object]]) -> pd.DataFrame:
    """Findings as a table of :data:`FINDING_COLUMNS`, best first within each kind."""
    hub = G.graph.get("hub") or ""
    wave = G.graph.get("wave") or ""
    table = pd.DataFrame(rows, columns=[c for c in FINDING_COLUMNS if c not in {"hub", "wave"}])
    table.insert(0, "wave", wave)
    table.insert(0, "hub", hub)
    table["score"] = table["score"].astype(float)
    return sorted_findings(table)


def sorted_findings(table: pd.DataFrame) -> pd.DataFrame:
    """Findings in the order of :data:`GAP_KINDS`, then by score (highest first), then by
    name."""
    order = table["kind"].map({kind: i for i, kind in enumerate(GAP_KINDS)})
    return (
        table.assign(_order=order)
        .sort_values(
            ["_order", "score", "organisation", "other"],
            ascending=[True, False, True, True],
            kind="stable",
        )
        .drop(columns="_order")
        .reset_index(drop=True)
    )
