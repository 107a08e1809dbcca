"""One organisation's profile: its ties, where it ranks on each measure, and its brokerage.

This is what a hub lead sees on clicking an organisation: whom it works with and which way
support flows (:func:`ties_of`), where it stands among the organisations of the network on
every measure (:func:`measure_ranks`), and which of Gould and Fernandez's brokerage roles
[1]_ it plays against what chance would give (:func:`organisation_profile`, which gathers
all three).

Directions are worded from the organisation's own point of view (:data:`DIRECTION_RECEIVES`,
:data:`DIRECTION_GIVES`, :data:`DIRECTION_BOTH`, :data:`DIRECTION_BOTH_OR_UNSTATED`), and
measure labels come from :mod:`ecosystem.glossary`, so the profile uses the same words as
the rest of the dashboard. Nothing here modifies the graph or the tables it is given.

References
----------
.. [1] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach
   to brokerage in transaction networks. *Sociological Methodology* 19, 89-126 (roles).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import networkx as nx
import numpy as np
import pandas as pd

from ecosystem.analysis.brokerage import ROLES, brokerage_expectations
from ecosystem.codebook import FREQUENCY, NATURES, RELEVANCE, UNKNOWN_TYPE, CodeScale, type_label
from ecosystem.errors import OptionError
from ecosystem.glossary import MEASURES
from ecosystem.names import nearest_names

__all__ = [
    "DIRECTION_BOTH",
    "DIRECTION_BOTH_OR_UNSTATED",
    "DIRECTION_GIVES",
    "DIRECTION_RECEIVES",
    "MEASURE_RANK_COLUMNS",
    "PARTNER_COLUMNS",
    "RANKED_LOWEST_FIRST",
    "ROLE_COLUMNS",
    "OrganisationProfile",
    "UnknownOrganisationError",
    "measure_ranks",
    "organisation_profile",
    "ties_of",
]

DIRECTION_RECEIVES: Final = "Receives support from them"
"""The partner's tie runs to the organisation: the partner mainly supports it."""

DIRECTION_GIVES: Final = "Gives support to them"
"""The organisation's tie runs to the partner: it mainly supports the partner."""

DIRECTION_BOTH: Final = "Both ways"
"""Ties run both ways: each supports the other."""

DIRECTION_BOTH_OR_UNSTATED: Final = "Both ways, or no direction stated"
"""Ties run both ways, and at least one report of the pair gave no direction of support
(such an interaction is kept as ties both ways, so no reported interaction is lost)."""

PARTNER_COLUMNS: Final[tuple[str, ...]] = (
    "partner",
    "partner_type",
    "direction",
    "weight",
    "frequency",
    "frequency_label",
    "relevance",
    "relevance_label",
    "nature",
    "confirmed",
    "direction_stated",
    "reports",
)
"""The columns of :func:`ties_of`, in order."""

RANKED_LOWEST_FIRST: Final[frozenset[str]] = frozenset({"constraint"})
"""Measures on which a lower value ranks first: low constraint = more room to broker."""

MEASURE_RANK_COLUMNS: Final[tuple[str, ...]] = (
    "label",
    "value",
    "rank",
    "ranked",
    "higher_is_better",
    "order",
)
"""The columns of :func:`measure_ranks`, in order (the index is the measure key)."""

ROLE_COLUMNS: Final[tuple[str, ...]] = ("role", "label", "count", "expected", "z")
"""The columns of :attr:`OrganisationProfile.roles`, in order."""


class UnknownOrganisationError(OptionError, KeyError):
    """An organisation asked about is not in the network (or table) at hand.

    Both an :class:`~ecosystem.errors.OptionError` (a choice the user made that is not on
    offer) and a :class:`KeyError` (a missing key), so either can catch it.
    """

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else ""


def _unknown(organisation: object, names: list[object], where: str) -> UnknownOrganisationError:
    """The error for an organisation missing from ``names``, with a close match if any."""
    text = [str(name) for name in names]
    close = nearest_names(str(organisation), text, limit=1)
    hint = f"; did you mean '{close[0]}'?" if close else f" ({len(names)} organisations)"
    return UnknownOrganisationError(f"organisation '{organisation}' is not in {where}{hint}")


def _network_name(G: nx.DiGraph) -> str:
    parts = [str(G.graph[key]) for key in ("wave", "hub") if G.graph.get(key)]
    return f"this network ({', '.join(parts)})" if parts else "this network"


def _require_in_graph(G: nx.DiGraph, organisation: object) -> None:
    if organisation not in G:
        raise _unknown(organisation, list(G), _network_name(G))


# --------------------------------------------------------------------------------------------
# Ties


def _nearest_label(scale: CodeScale, value: float) -> str:
    """The scale label nearest to a (possibly averaged) code; halves go up; "" when NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    code = math.floor(float(value) + 0.5)
    return scale.labels[min(max(code, min(scale.labels)), max(scale.labels))]


def _nature_labels(keys: Iterable[object]) -> str:
    """Nature keys as the survey's labels, in the codebook's order, joined with "; "."""
    present = set(keys or ())
    known = [label for key, label in NATURES.items() if key in present]
    others = sorted(str(key) for key in present if key not in NATURES)
    return "; ".join(known + others)


def _mean(values: list[float]) -> float:
    numbers = [float(v) for v in values if v is not None and not math.isnan(float(v))]
    return sum(numbers) / len(numbers) if numbers else float("nan")


def _tie_row(G: nx.DiGraph, organisation: object, partner: object) -> dict[str, object]:
    """One partner's row: the arcs of the pair, combined."""
    incoming = G.get_edge_data(partner, organisation)
    outgoing = G.get_edge_data(organisation, partner)
    arcs = [data for data in (incoming, outgoing) if data is not None]
    stated = all(bool(data.get("direction_stated", True)) for data in arcs)
    if incoming is not None and outgoing is not None:
        direction = DIRECTION_BOTH if stated else DIRECTION_BOTH_OR_UNSTATED
    elif incoming is not None:
        direction = DIRECTION_RECEIVES
    else:
        direction = DIRECTION_GIVES
    frequency = _mean([data.get("frequency", float("nan")) for data in arcs])
    relevance = _mean([data.get("relevance", float("nan")) for data in arcs])
    natures = {key for data in arcs for key in (data.get("nature") or ())}
    return {
        "partner": partner,
        "partner_type": G.nodes[partner].get("type", UNKNOWN_TYPE),
        "direction": direction,
        "weight": _mean([data.get("weight", 1.0) for data in arcs]),
        "frequency": frequency,
        "frequency_label": _nearest_label(FREQUENCY, frequency),
        "relevance": relevance,
        "relevance_label": _nearest_label(RELEVANCE, relevance),
        "nature": _nature_labels(natures),
        "confirmed": any(bool(data.get("confirmed", False)) for data in arcs),
        "direction_stated": stated,
        "reports": max(int(data.get("reports", 0)) for data in arcs),
    }


def ties_of(G: nx.DiGraph, organisation: str) -> pd.DataFrame:
    """Every partner an organisation has a tie with, in either direction, one row each.

    Parameters
    ----------
    G : networkx.DiGraph
        The network of one wave, as :func:`ecosystem.network.build_network` builds it: arcs
        in the direction of support, carrying the columns of
        :data:`ecosystem.network.TIE_COLUMNS` (``weight`` a strength).
    organisation : str
        The organisation (a node of ``G``).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PARTNER_COLUMNS`: ``partner``, ``partner_type`` (type key);
        ``direction``, from the organisation's point of view (:data:`DIRECTION_RECEIVES`,
        :data:`DIRECTION_GIVES`, :data:`DIRECTION_BOTH` or
        :data:`DIRECTION_BOTH_OR_UNSTATED`); ``weight``, ``frequency`` and ``relevance``
        (reconciled codes, floats; NaN where not asked, as in edge-list files);
        ``frequency_label`` and ``relevance_label`` (the codebook label nearest to the code,
        a half going to the higher label; "" where NaN); ``nature`` (the survey's labels in
        the codebook's order, joined with "; "); ``confirmed`` (both organisations reported
        the tie); ``direction_stated`` (False where a report gave no direction);
        ``reports`` (the organisations' reports of the pair). Sorted by weight, strongest
        first, then by partner name. A self-tie is no partnership and is left out.

        Where ties run both ways the two arcs are combined: every arc of a surveyed pair
        carries the pair's reconciled values, so they are simply those; where the arcs
        differ (an edge-list file may weight each direction) the row gives their mean
        weight, frequency and relevance, the union of natures, the larger report count,
        ``confirmed`` if either arc is, and ``direction_stated`` only if both are.

    Raises
    ------
    UnknownOrganisationError
        If ``organisation`` is not in ``G`` (an :class:`~ecosystem.errors.OptionError` and a
        :class:`KeyError`).

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_nodes_from([("Hub", {"type": "hub"}), ("Trust", {"type": "trust"})])
    >>> G.add_edge("Trust", "Hub", weight=3.0, frequency=3.0, relevance=2.5,
    ...            nature=("support",), reports=1, confirmed=False, direction_stated=True)
    >>> row = ties_of(G, "Hub").iloc[0]
    >>> row["partner"], row["direction"], row["frequency_label"], row["relevance_label"]
    ('Trust', 'Receives support from them', 'Monthly', 'Highly relevant')
    """
    _require_in_graph(G, organisation)
    partners = dict.fromkeys([*G.predecessors(organisation), *G.successors(organisation)])
    rows = [_tie_row(G, organisation, p) for p in partners if p != organisation]
    table = pd.DataFrame(rows, columns=list(PARTNER_COLUMNS))
    table = table.astype(
        {
            "weight": float,
            "frequency": float,
            "relevance": float,
            "confirmed": bool,
            "direction_stated": bool,
            "reports": np.int64,
        }
    )
    table = table.sort_values(
        ["weight", "partner"], ascending=[False, True], kind="stable", ignore_index=True
    )
    return table


# --------------------------------------------------------------------------------------------
# Ranks


def _measure_columns(table: pd.DataFrame) -> list[str]:
    """The numeric measure columns of an organisation table (booleans are not measures)."""
    return [
        column
        for column in table.columns
        if pd.api.types.is_numeric_dtype(table[column])
        and not pd.api.types.is_bool_dtype(table[column])
    ]


def measure_ranks(table: pd.DataFrame, organisation: str) -> pd.DataFrame:
    """Where one organisation stands on every measure, among the organisations of the table.

    Parameters
    ----------
    table : pandas.DataFrame
        An organisation table (:func:`ecosystem.analysis.tables.organisation_table`),
        indexed by organisation. Every numeric, non-boolean column is a measure.
    organisation : str
        The organisation (an index value of ``table``).

    Returns
    -------
    pandas.DataFrame
        Indexed by measure key (index name ``measure``, in the table's column order), with
        columns :data:`MEASURE_RANK_COLUMNS`:

        ``label``
            The measure's short label from :mod:`ecosystem.glossary` (the key where the
            glossary has none).
        ``value``
            The organisation's value (float; NaN where the measure is undefined for it,
            such as constraint without ties).
        ``rank``
            1 = first among the organisations with a value; ties in value share the best
            rank (``method="min"``); missing (``<NA>``) where the value is NaN.
        ``ranked``
            How many organisations have a value and so were ranked.
        ``higher_is_better``
            True when rank 1 is the highest value. False only for the measures of
            :data:`RANKED_LOWEST_FIRST`, that is constraint, where rank 1 is the *lowest*
            value: the least constrained organisation, with the most room to broker.
        ``order``
            The same in words: "1 = highest" or "1 = lowest (least constrained)".

    Raises
    ------
    UnknownOrganisationError
        If ``organisation`` is not in the table.

    Examples
    --------
    >>> table = pd.DataFrame({"in_degree": [3, 1, 3], "constraint": [0.4, 1.0, float("nan")]},
    ...                      index=pd.Index(["Hub", "Trust", "Council"], name="organisation"))
    >>> ranks = measure_ranks(table, "Trust")  # 3 and 3 rank 1 together; then Trust
    >>> ranks["rank"].to_dict(), ranks["ranked"].to_dict()
    ({'in_degree': 3, 'constraint': 2}, {'in_degree': 3, 'constraint': 2})
    >>> ranks.loc["constraint", "order"]
    '1 = lowest (least constrained)'
    """
    if organisation not in table.index:
        raise _unknown(organisation, list(table.index), "the organisation table")
    rows = []
    for column in _measure_columns(table):
        values = table[column].astype(float)
        higher_is_better = column not in RANKED_LOWEST_FIRST
        ranks = values.rank(method="min", ascending=not higher_is_better)
        rank = ranks.loc[organisation]
        entry = MEASURES.get(column)
        rows.append(
            {
                "measure": column,
                "label": entry.display if entry else column,
                "value": float(values.loc[organisation]),
                "rank": pd.NA if pd.isna(rank) else int(rank),
                "ranked": int(values.notna().sum()),
                "higher_is_better": higher_is_better,
                "order": "1 = highest" if higher_is_better else "1 = lowest (least constrained)",
            }
        )
    result = pd.DataFrame(rows, columns=["measure", *MEASURE_RANK_COLUMNS]).set_index("measure")
    return result.astype(
        {
            "label": object,
            "value": float,
            "rank": "Int64",
            "ranked": np.int64,
            "higher_is_better": bool,
            "order": object,
        }
    )


# --------------------------------------------------------------------------------------------
# The whole profile


@dataclass(frozen=True, eq=False)
class OrganisationProfile:
    """Everything the dashboard shows about one organisation of one network.

    Attributes
    ----------
    name : str
        The organisation.
    type : str
        Its type key (``"hub"``, ``"university"``...).
    type_label : str
        The type as people read it (``"Innovation hub"``).
    hubs : tuple of str
        The hubs' ecosystems it belongs to.
    responded : bool
        Whether it answered the survey in this wave.
    ties : pandas.DataFrame
        Its partners, from :func:`ties_of`.
    measures : pandas.DataFrame
        Its value and rank on every measure, from :func:`measure_ranks`.
    roles : pandas.DataFrame
        Its brokerage: one row per role of :data:`~ecosystem.analysis.brokerage.ROLES` and
        one for ``total``, columns :data:`ROLE_COLUMNS`: ``role``, ``label`` (glossary),
        ``count`` (observed), ``expected`` (by chance, R sna's null model) and ``z``
        (NaN where the role is impossible for its type).

    Compared by identity (``eq=False``): its fields hold DataFrames, which have no single
    truth value.
    """

    name: str
    type: str
    type_label: str
    hubs: tuple[str, ...]
    responded: bool
    ties: pd.DataFrame
    measures: pd.DataFrame
    roles: pd.DataFrame


def _roles(table: pd.DataFrame, expectations: pd.DataFrame, organisation: object) -> pd.DataFrame:
    """Observed role counts (from the table) beside their expectations and z-scores."""
    if organisation not in expectations.index:
        raise _unknown(organisation, list(expectations.index), "the brokerage expectations")
    rows = []
    for role in (*ROLES, "total"):
        column = "brokerage" if role == "total" else role
        entry = MEASURES[column]
        rows.append(
            {
                "role": role,
                "label": entry.display,
                "count": int(table.loc[organisation, column]),
                # + 0.0 turns the null model's -0.0 (a role impossible for the type) into 0.
                "expected": float(expectations.loc[organisation, f"{role}_expected"]) + 0.0,
                "z": float(expectations.loc[organisation, f"{role}_z"]),
            }
        )
    return pd.DataFrame(rows, columns=list(ROLE_COLUMNS)).astype({"count": np.int64})


def organisation_profile(
    G: nx.DiGraph,
    table: pd.DataFrame,
    organisation: str,
    expectations: pd.DataFrame | None = None,
) -> OrganisationProfile:
    """Gather one organisation's profile: who it is, its ties, its ranks and its brokerage.

    Parameters
    ----------
    G : networkx.DiGraph
        The network of one wave (:func:`ecosystem.network.build_network`).
    table : pandas.DataFrame
        Its organisation table (:func:`ecosystem.analysis.tables.organisation_table`),
        which supplies the measures and the observed brokerage counts.
    organisation : str
        The organisation clicked.
    expectations : pandas.DataFrame, optional
        :func:`~ecosystem.analysis.brokerage.brokerage_expectations` of ``G``, when the
        caller already has it (it is the same for every organisation of the network);
        computed when omitted.

    Returns
    -------
    OrganisationProfile

    Raises
    ------
    UnknownOrganisationError
        If ``organisation`` is not in ``G``, the table or the expectations.

    Examples
    --------
    >>> from ecosystem.analysis.tables import organisation_table
    >>> G = nx.DiGraph([("University", "Hub"), ("Hub", "Charity")])
    >>> types = {"University": "university", "Hub": "hub", "Charity": "VCSE"}
    >>> nx.set_node_attributes(G, types, "type")
    >>> profile = organisation_profile(G, organisation_table(G), "Hub")
    >>> profile.type_label, profile.ties["partner"].tolist()
    ('Innovation hub', ['Charity', 'University'])
    >>> profile.roles.set_index("role").loc["liaison", "count"]
    np.int64(1)
    """
    _require_in_graph(G, organisation)
    measures = measure_ranks(table, organisation)
    if expectations is None:
        expectations = brokerage_expectations(G)
    attributes = G.nodes[organisation]
    kind = attributes.get("type", UNKNOWN_TYPE)
    hubs = tuple(hub.strip() for hub in str(attributes.get("hubs", "")).split(";") if hub.strip())
    return OrganisationProfile(
        name=organisation,
        type=kind,
        type_label=type_label(kind),
        hubs=hubs,
        responded=bool(attributes.get("responded", False)),
        ties=ties_of(G, organisation),
        measures=measures,
        roles=_roles(table, expectations, organisation),
    )
