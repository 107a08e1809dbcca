"""Missing connections: whom a hub should work with more, and whom it should introduce.

The first question a hub lead asks of the map. :func:`find_gaps` answers it for one hub's
ecosystem in one wave with a table of **findings**, one row each, of six kinds
(:data:`GAP_KINDS`, titled in :data:`GAP_TITLES`):

``relevance_gap`` (:func:`relevance_gaps`)
    Partners rated Relevant or Highly relevant but met rarely or never; and, as a separate
    note (``detail`` ``"frequent_not_relevant"``), partners met monthly or more but rated
    Not relevant.
``introduction`` (:func:`introductions`)
    Pairs of the hub's partners with no tie between them: open triads the hub spans, which
    the hub can close by introducing them (the report's "catalysing partnerships").
``missing_type`` (:func:`missing_types`)
    Kinds of organisation expected around a hub (:data:`EXPECTED_TYPES`) that are absent
    from its roster or only weakly tied to the hub.
``one_sided`` (:func:`one_sided_ties`)
    Support that flows only towards the hub, and ties that only one side reports.
``fragile`` (:func:`fragile_partners`)
    Partners that hang on a single tie: lose it and they are cut off from the hub.
``lost_tie`` (:func:`lost_ties`)
    Ties of the previous wave that are gone now.

Every function returns the columns :data:`FINDING_COLUMNS`:

* ``hub``, ``wave``: the hub and wave of the network (its graph attributes);
* ``kind`` and ``detail``: the kind of finding and its variant (:data:`GAP_DETAILS`);
* ``organisation`` and ``other``: organisation names. ``organisation`` is the one the
  finding is about and ``other`` the one it relates to: the partner and the hub
  organisation (relevance gaps, support flowing to the hub, lost ties with the hub); the
  two partners in name order (introductions, lost ties between partners); the side that
  reports a tie and the side that does not (ties only one side reports); the partner cut
  off and the organisation it hangs on (fragile). A ``missing_type`` finding concerns a
  kind of organisation, not one organisation: its ``organisation`` is ``""`` and
  ``other`` holds the type's label ("Local council"), with the type key in
  ``other_type``;
* ``organisation_type``, ``other_type``: type keys (``""`` where not applicable);
* ``score`` in [0, 1], higher = more worth acting on, comparable within a kind (each
  function's Notes say how it is computed);
* ``reason``: one or two plain sentences addressed to the hub lead ("you" = the hub);
* ``evidence``: the numbers behind the finding, in a short factual string.

The hub organisation is the node (or nodes) of type ``"hub"`` of the hub's network. Weights
are **strengths**: a tie's strength is its weight over the top of the weighting's scale
(:data:`WEIGHT_SCALES`), so a weekly tie has strength 1 under the default weighting.
Relevance and "Never" answers live in the responses, not in the graph (a "Never" makes no
tie), so the functions that need them take the wave's responses too. Nothing here modifies
the survey, the graph or the responses it is given.

References
----------
Granovetter, M. S. (1973). The strength of weak ties. *American Journal of Sociology* 78,
1360-1380 (open triads, bridges).

Burt, R. S. (1992). *Structural Holes*. Harvard University Press (brokers spanning open
triads).

Liben-Nowell, D. and Kleinberg, J. (2007). The link-prediction problem for social networks.
*JASIST* 58(7), 1019-1031; Adamic, L. A. and Adar, E. (2003). Friends and neighbors on the
web. *Social Networks* 25, 211-230; Zhou, T., Lu, L. and Zhang, Y.-C. (2009). Predicting
missing links via local information. *European Physical Journal B* 71, 623-630 (resource
allocation index).

>>> import pandas as pd
>>> from ecosystem.survey import Survey, empty_edges
>>> organisations = pd.DataFrame(
...     {"type": ["hub", "university", "VCSE"], "hubs": [("North",)] * 3,
...      "region": [""] * 3, "aliases": [()] * 3, "waves": [()] * 3},
...     index=pd.Index(["Hub", "University", "Charity"], name="name"))
>>> responses = pd.DataFrame({
...     "wave": ["W", "W"], "respondent": ["Hub", "Hub"], "partner": ["University", "Charity"],
...     "frequency": [3, 1], "relevance": [3.0, 3.0], "direction": ["both", "in"],
...     "nature": [(), ()], "respondent_person": ["", ""], "submitted": ["", ""],
...     "source_file": ["r.csv"] * 2, "source_row": [2, 3]})
>>> gaps = find_gaps(Survey(organisations, responses, empty_edges()), "North")
>>> gaps.loc[gaps["kind"] == "introduction", ["organisation", "other"]].values.tolist()
[['Charity', 'University']]
>>> print(gaps.loc[gaps["kind"] == "relevance_gap", "reason"].iloc[0])
You rate Charity as highly relevant but meet them less than quarterly. Consider meeting more \
often or working on something together.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from itertools import combinations
from typing import Final

import networkx as nx
import pandas as pd

from ecosystem.codebook import FREQUENCY, NATURES, ORGANISATION_TYPES, RELEVANCE, CodeScale
from ecosystem.errors import OptionError
from ecosystem.network import NetworkOptions, build_network, resolve_hub
from ecosystem.service.waves import choose_wave
from ecosystem.survey import Survey

__all__ = [
    "COMPLEMENTARY_TYPES",
    "EXPECTED_TYPES",
    "FINDING_COLUMNS",
    "GAP_DETAILS",
    "GAP_KINDS",
    "GAP_TITLES",
    "INTRODUCTION_WEIGHTS",
    "WEIGHT_SCALES",
    "find_gaps",
    "find_gaps_by_hub",
    "fragile_partners",
    "introductions",
    "link_prediction",
    "lost_ties",
    "missing_types",
    "one_sided_ties",
    "relevance_gaps",
]

GAP_KINDS: Final[tuple[str, ...]] = (
    "relevance_gap",
    "introduction",
    "missing_type",
    "one_sided",
    "fragile",
    "lost_tie",
)
"""The kinds of finding, in the order :func:`find_gaps` lists them."""

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
"""The columns of every function here, in order."""

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

COMPLEMENTARY_TYPES: Final[dict[frozenset[str], str]] = {
    frozenset({"university", "trust"}): "research and the services that adopt it",
    frozenset({"university", "VCSE"}): "research and community reach",
    frozenset({"university", "industry"}): "research and product development",
    frozenset({"university", "council"}): "research and local public services",
    frozenset({"industry", "trust"}): "products and the services that test and adopt them",
    frozenset({"industry", "HIN"}): "products and the network that spreads innovation",
    frozenset({"council", "trust"}): "health care and social care",
    frozenset({"council", "VCSE"}): "local services and community delivery",
    frozenset({"ICB", "VCSE"}): "commissioning and community reach",
    frozenset({"PPIE", "trust"}): "lived experience and the services people use",
    frozenset({"PPIE", "university"}): "lived experience and research",
    frozenset({"PPIE", "industry"}): "lived experience and product design",
}
"""Pairs of organisation types that bring each other what the other lacks, with what each
pair brings together. An introduction across one of these pairs scores highest on type;
across any other two different types, half; within one type, nothing."""

INTRODUCTION_WEIGHTS: Final[dict[str, float]] = {
    "relevance": 0.35,
    "said_relevant": 0.30,
    "types": 0.20,
    "link_prediction": 0.15,
}
"""How the parts of an introduction's score are combined (they sum to 1); see
:func:`introductions`."""

WEIGHT_SCALES: Final[dict[str, float]] = {
    "frequency": 4.0,
    "relevance": 3.0,
    "product": 12.0,
    "binary": 1.0,
}
"""The top of each weighting's scale: a tie's strength is its weight over this (at most 1)."""

_UNKNOWN_RELEVANCE: Final = 1.5  # a tie with no relevance answer counts halfway up the scale

_FREQUENCY_WORDS: Final[dict[int, str]] = {
    code: label.lower() for code, label in FREQUENCY.labels.items()
}
_RELEVANCE_WORDS: Final[dict[int, str]] = {
    code: label.lower() for code, label in RELEVANCE.labels.items()
}
_TYPE_WORDS: Final[dict[str, str]] = {  # how a type reads in a sentence
    "hub": "innovation hub",
    "HIN": "Health Innovation Network",
    "ICB": "Integrated Care Board",
    "trust": "NHS provider trust",
    "university": "university or academic partner",
    "VCSE": "voluntary, community or social enterprise (VCSE) organisation",
    "council": "local council",
    "industry": "industry partner",
    "national": "national body or funder",
    "PPIE": "patient and public involvement (PPIE) or citizen group",
    "unknown": "organisation of unknown type",
}
_AN: Final[frozenset[str]] = frozenset({"ICB", "industry", "trust", "unknown"})  # "an ..."


# --------------------------------------------------------------------------------------------
# Shared building blocks


def _finite(value: object) -> bool:
    try:
        return value is not None and not math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _code(scale: CodeScale, value: float) -> int:
    """The scale code nearest to a (possibly averaged) value; halves go up."""
    code = math.floor(float(value) + 0.5)
    return min(max(code, min(scale.labels)), max(scale.labels))


def _number(value: float) -> str:
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def _answer(scale: CodeScale, value: float) -> str:
    """``"Relevant (2)"``, ``"Quarterly (2.5)"``, or ``"not given"`` for a missing answer."""
    if not _finite(value):
        return "not given"
    return f"{scale.labels[_code(scale, value)]} ({_number(value)})"


def _often(value: float) -> str:
    """How often, as a phrase to follow "meet them": "less than quarterly", "monthly"."""
    return _FREQUENCY_WORDS[_code(FREQUENCY, value)]


def _relevant(value: float) -> str:
    return _RELEVANCE_WORDS[_code(RELEVANCE, value)]


def _a(type_key: str) -> str:
    """A type in a sentence, with its article: "a local council", "an NHS provider trust"."""
    return ("an " if type_key in _AN else "a ") + _TYPE_WORDS.get(type_key, type_key)


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _type_of(G: nx.DiGraph, organisation: str) -> str:
    return str(G.nodes[organisation].get("type", "unknown")) if organisation in G else ""


def _wave_responses(responses: pd.DataFrame | None, G: nx.DiGraph) -> pd.DataFrame:
    """The responses of the network's wave (all of them when either side names no wave)."""
    if responses is None:
        return pd.DataFrame(columns=["respondent", "partner", "frequency", "relevance"])
    wave = G.graph.get("wave")
    if wave is not None and "wave" in responses.columns:
        return responses[responses["wave"] == wave]
    return responses


@dataclass(frozen=True)
class _Report:
    """One organisation's answer about one partner (several people's answers averaged)."""

    frequency: float
    relevance: float


def _reports(responses: pd.DataFrame) -> dict[tuple[str, str], _Report]:
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
        (str(respondent), str(partner)): _Report(float(frequency), float(relevance))
        for (respondent, partner), frequency, relevance in zip(
            means.index, means["frequency"], means["relevance"], strict=True
        )
    }


def _hub_organisations(
    G: nx.DiGraph, hub_organisation: str | Iterable[str] | None, required: bool = True
) -> tuple[str, ...]:
    """The hub organisation(s): as given, else the nodes of type "hub"."""
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


def _pair_arcs(G: nx.DiGraph, a: str, b: str) -> list[Mapping[str, object]]:
    return [data for data in (G.get_edge_data(a, b), G.get_edge_data(b, a)) if data is not None]


def _mean_attribute(arcs: list[Mapping[str, object]], key: str) -> float:
    values = [float(data[key]) for data in arcs if _finite(data.get(key))]  # type: ignore[arg-type]
    return sum(values) / len(values) if values else float("nan")


def _weight_scale(G: nx.DiGraph) -> float:
    """The top of the weighting's scale; for a graph of unknown weighting, its top weight."""
    scale = WEIGHT_SCALES.get(str(G.graph.get("weighting")))
    if scale is not None:
        return scale
    weights = [float(w) for _, _, w in G.edges(data="weight", default=1.0) if _finite(w)]
    return max([*weights, 1.0])


def _strength(G: nx.DiGraph, arcs: list[Mapping[str, object]]) -> float:
    """A pair's strength in [0, 1]: the mean weight of its arcs over the weighting's top."""
    weight = _mean_attribute(arcs, "weight")
    if not _finite(weight):
        weight = 1.0
    return min(1.0, max(0.0, weight / _weight_scale(G)))


def _frame(G: nx.DiGraph, rows: list[dict[str, object]]) -> pd.DataFrame:
    """Findings as a table of :data:`FINDING_COLUMNS`, best first within each kind."""
    hub = G.graph.get("hub") or ""
    wave = G.graph.get("wave") or ""
    frame = pd.DataFrame(rows, columns=[c for c in FINDING_COLUMNS if c not in {"hub", "wave"}])
    frame.insert(0, "wave", wave)
    frame.insert(0, "hub", hub)
    frame["score"] = frame["score"].astype(float)
    return _sorted(frame)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    order = frame["kind"].map({kind: i for i, kind in enumerate(GAP_KINDS)})
    return (
        frame.assign(_order=order)
        .sort_values(
            ["_order", "score", "organisation", "other"],
            ascending=[True, False, True, True],
            kind="stable",
        )
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def _row(
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
    return {
        "kind": kind,
        "detail": detail,
        "organisation": organisation,
        "organisation_type": (
            _type_of(G, organisation) if organisation_type is None else organisation_type
        ),
        "other": other,
        "other_type": _type_of(G, other) if other_type is None else other_type,
        # Rounded so that equal scores tie exactly and fall back on name order.
        "score": round(float(min(1.0, max(0.0, score))), 9),
        "reason": reason,
        "evidence": evidence,
    }


def _neighbours(G: nx.Graph) -> dict[str, set[str]]:
    """Each organisation's partners in the undirected view (ties either way), no self-ties."""
    if G.is_directed():
        return {node: (set(G.pred[node]) | set(G.succ[node])) - {node} for node in G}
    return {node: set(G[node]) - {node} for node in G}


# --------------------------------------------------------------------------------------------
# Relevance gaps


def relevance_gaps(
    G: nx.DiGraph,
    responses: pd.DataFrame,
    hub_organisation: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Partners rated relevant but met rarely or never; and partners met often but rated
    not relevant.

    A hub's time is its scarcest resource. A partner that the hub (or the partner itself)
    rates Relevant or Highly relevant but meets less than quarterly or never is a
    relationship worth investing in; a partner met monthly or more but rated Not relevant
    is time worth questioning.

    Parameters
    ----------
    G : networkx.DiGraph
        The hub's network of one wave (:func:`ecosystem.network.build_network` with
        ``NetworkOptions(hub=...)``); only its organisations and graph attributes are read.
    responses : pandas.DataFrame
        The tidy survey responses (:attr:`ecosystem.survey.Survey.responses`); rows of
        other waves than ``G.graph["wave"]`` are ignored.
    hub_organisation : str or iterable of str, optional
        The hub organisation(s); default: the nodes of ``G`` of type ``"hub"``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FINDING_COLUMNS`; ``organisation`` is the partner and ``other`` the
        hub organisation.

    Notes
    -----
    Both sides' answers count: the hub's answer about the partner and the partner's answer
    about the hub (several people of one organisation averaged). A pair is a
    ``relevant_rarely_met`` gap when the higher relevance either side gave is at least 2
    (Relevant) and the higher frequency either side gave is at most 1 (Less than
    quarterly), so a gap holds on every account of how often they meet. Its score is the
    mean of a relevance part, (relevance - 1) / 2 (0.5 for Relevant, 1 for Highly
    relevant), and a frequency part, (2 - frequency) / 2 (1 for Never, 0.5 for Less than
    quarterly): scores run from 0.5 to 1.

    A pair is a ``frequent_not_relevant`` note when the higher frequency is at least 3
    (Monthly) and one side rated the other Not relevant (0). Its score, 0.4 x (frequency -
    2) / 2 (0.2 for monthly, 0.4 for weekly), ranks every note below every gap.
    """
    hubs = _hub_organisations(G, hub_organisation)
    reports = _reports(_wave_responses(responses, G))
    rows = []
    for hub in hubs:
        for partner in sorted(str(n) for n in G if n not in hubs):
            own = reports.get((hub, partner))
            theirs = reports.get((partner, hub))
            answers = [a for a in (own, theirs) if a is not None]
            relevances = [a.relevance for a in answers if _finite(a.relevance)]
            if not relevances:
                continue
            frequency = max(a.frequency for a in answers)
            evidence = f"hub's answer: {_describe(own)}; partner's answer: {_describe(theirs)}"
            if max(relevances) >= 2 and frequency <= 1:
                relevance = max(relevances)
                score = ((relevance - 1) / 2 + (2 - frequency) / 2) / 2
                reason = _gap_reason(partner, own, theirs, frequency)
                rows.append(
                    _row(
                        G,
                        "relevance_gap",
                        "relevant_rarely_met",
                        partner,
                        hub,
                        score,
                        reason,
                        evidence,
                    )
                )
            elif min(relevances) <= 0 and frequency >= 3:
                score = 0.4 * (frequency - 2) / 2
                reason = _note_reason(partner, own, theirs, frequency)
                rows.append(
                    _row(
                        G,
                        "relevance_gap",
                        "frequent_not_relevant",
                        partner,
                        hub,
                        score,
                        reason,
                        evidence,
                    )
                )
    return _frame(G, rows)


def _describe(report: _Report | None) -> str:
    if report is None:
        return "none"
    return f"{_answer(RELEVANCE, report.relevance)}, {_answer(FREQUENCY, report.frequency)}"


def _rates_high(report: _Report | None) -> bool:
    return report is not None and _finite(report.relevance) and report.relevance >= 2


def _gap_reason(partner: str, own: _Report | None, theirs: _Report | None, frequency: float) -> str:
    if _rates_high(own) and _rates_high(theirs):
        who, them, you = f"You and {partner} rate each other as relevant", "", ""
    elif _rates_high(own):
        who = f"You rate {partner} as {_relevant(own.relevance)}"  # type: ignore[union-attr]
        them, you = " them", ""
    else:
        who = f"{partner} rates your hub as {_relevant(theirs.relevance)}"  # type: ignore[union-attr]
        them, you = "", " you"
    if frequency <= 0:
        return (
            f"{who} but{you} have not met{them} in the last 12 months. Arrange a first "
            "conversation about working together."
        )
    return (
        f"{who} but{you} meet{them} less than quarterly. Consider meeting more often or "
        "working on something together."
    )


def _note_reason(
    partner: str, own: _Report | None, theirs: _Report | None, frequency: float
) -> str:
    own_zero = own is not None and _finite(own.relevance) and own.relevance <= 0
    theirs_zero = theirs is not None and _finite(theirs.relevance) and theirs.relevance <= 0
    if own_zero and theirs_zero:
        rated = "you and they both rate the tie as not relevant to innovation work"
    elif own_zero:
        rated = "you rate them as not relevant to your innovation work"
    else:
        rated = "they rate your hub as not relevant to their innovation work"
    return (
        f"You meet {partner} {_often(frequency)}, yet {rated}. Check whether this time serves "
        "your innovation aims, or whether the rating is out of date."
    )


# --------------------------------------------------------------------------------------------
# Introductions


def link_prediction(G: nx.Graph, pairs: Iterable[tuple[str, str]]) -> pd.DataFrame:
    """Adamic-Adar and resource allocation indices of pairs, on the undirected view of ``G``.

    Both count the partners two organisations share, each shared partner weighted down by
    how many partners it has: one shared by few is a stronger hint that the two belong
    together than a hub everyone shares. For a shared partner *w* of degree *k(w)*,
    Adamic-Adar adds 1 / log *k(w)* and resource allocation adds 1 / *k(w)*.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        A network; a directed one is read as undirected (a tie either way is a tie), and
        self-ties are ignored. Weights are not used.
    pairs : iterable of (str, str)
        The pairs to score.

    Returns
    -------
    pandas.DataFrame
        One row per pair, in the given order: ``organisation``, ``other``,
        ``common_partners`` (count), ``adamic_adar``, ``resource_allocation``.

    Notes
    -----
    Equal to :func:`networkx.adamic_adar_index` and
    :func:`networkx.resource_allocation_index` on ``G.to_undirected()`` (the tests compare
    them) where ``G`` has no self-ties.

    References
    ----------
    Adamic, L. A. and Adar, E. (2003). Friends and neighbors on the web. *Social Networks*
    25, 211-230. Zhou, T., Lu, L. and Zhang, Y.-C. (2009). Predicting missing links via
    local information. *European Physical Journal B* 71, 623-630.

    Examples
    --------
    >>> G = nx.Graph([("a", "w"), ("b", "w"), ("a", "v"), ("b", "v"), ("v", "x")])
    >>> link_prediction(G, [("a", "b")])[["common_partners", "resource_allocation"]].values
    array([[2.        , 0.83333333]])
    """
    neighbours = _neighbours(G)
    rows = []
    for a, b in pairs:
        common = neighbours[a] & neighbours[b]
        degrees = [len(neighbours[w]) for w in common]
        rows.append(
            {
                "organisation": a,
                "other": b,
                "common_partners": len(common),
                "adamic_adar": sum(1 / math.log(k) for k in degrees),
                "resource_allocation": sum(1 / k for k in degrees),
            }
        )
    columns = ["organisation", "other", "common_partners", "adamic_adar", "resource_allocation"]
    return pd.DataFrame(rows, columns=columns)


def _type_fit(type_a: str, type_b: str) -> tuple[float, str]:
    """(score part, phrase): complementary types 1, other different types 0.5, same 0."""
    pair = frozenset({type_a, type_b})
    if pair in COMPLEMENTARY_TYPES:
        return 1.0, COMPLEMENTARY_TYPES[pair]
    return (0.5 if type_a != type_b else 0.0), ""


def introductions(
    G: nx.DiGraph,
    responses: pd.DataFrame,
    hub_organisation: str | Iterable[str] | None = None,
    limit: int | None = 20,
    exclude_types: Iterable[str] = ("national",),
) -> pd.DataFrame:
    """Pairs of the hub's partners to introduce to each other, best first.

    Each pair is two partners of the hub (tied to it either way) with no tie between them
    and no report of contact either way in the wave: an open triad that the hub spans. The
    hub is the one organisation that knows both, so it can close the triad (the report's
    "connecting and convening players who had never met").

    Parameters
    ----------
    G : networkx.DiGraph
        The hub's network of one wave, as :func:`ecosystem.network.build_network` builds it.
    responses : pandas.DataFrame
        The tidy survey responses; rows of other waves than ``G.graph["wave"]`` are ignored.
    hub_organisation : str or iterable of str, optional
        The hub organisation(s); default: the nodes of ``G`` of type ``"hub"``.
    limit : int or None, default 20
        Keep the best ``limit`` pairs (``None`` keeps every pair), to stay actionable.
    exclude_types : iterable of str, default ("national",)
        Partner types left out of introductions. National bodies and funders sit on every
        hub's roster to link the programme; introducing them to local partners is rarely a
        hub's job.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FINDING_COLUMNS`; ``organisation`` and ``other`` are the pair, in
        name order. ``detail`` is ``"said_relevant"`` where one of them rated the other
        Relevant or Highly relevant while answering "Never", else ``"open_triad"``.

    Notes
    -----
    The score is a weighted mean (:data:`INTRODUCTION_WEIGHTS`) of four parts in [0, 1]:

    * **relevance** (0.35): how much both matter to the hub, (r_a + r_b) / 6, where r is
      the relevance of the hub's tie with each (a tie with no relevance answer counts 1.5);
    * **said relevant** (0.30): the highest relevance either said of the other, over 3
      (0 when neither answered about the other). "They see each other as relevant but have
      not met" is the strongest evidence there is;
    * **types** (0.20): 1 for a complementary pair of types (:data:`COMPLEMENTARY_TYPES`),
      0.5 for other different types, 0 for the same type;
    * **link prediction** (0.15): the pair's resource allocation index on the undirected
      view (:func:`link_prediction`), over the highest among the candidate pairs: partners
      who already share partners beyond the hub fit together. Supporting evidence only,
      hence the smallest weight.
    """
    hubs = _hub_organisations(G, hub_organisation)
    reports = _reports(_wave_responses(responses, G))
    neighbours = _neighbours(G)
    excluded = set(exclude_types)
    partners = sorted(
        str(p)
        for p in {p for hub in hubs for p in neighbours[hub]} - set(hubs)
        if _type_of(G, p) not in excluded
    )

    def met(a: str, b: str) -> bool:
        return any(
            report is not None and report.frequency > 0
            for report in (reports.get((a, b)), reports.get((b, a)))
        )

    candidates = [
        (a, b) for a, b in combinations(partners, 2) if b not in neighbours[a] and not met(a, b)
    ]
    if not candidates:
        return _frame(G, [])
    links = link_prediction(G, candidates)
    top = float(links["resource_allocation"].max())
    relevance_to_hub = {p: _hub_relevance(G, hubs, p) for p in partners}
    weights = INTRODUCTION_WEIGHTS
    rows = []
    for link in links.itertuples(index=False):
        a, b = str(link.organisation), str(link.other)
        r_a, r_b = relevance_to_hub[a], relevance_to_hub[b]
        said = {
            who: report
            for who, report in ((a, reports.get((a, b))), (b, reports.get((b, a))))
            if report is not None and _finite(report.relevance)
        }
        said_part = max((r.relevance for r in said.values()), default=0.0) / 3
        type_a, type_b = _type_of(G, a), _type_of(G, b)
        type_part, brings = _type_fit(type_a, type_b)
        link_part = float(link.resource_allocation) / top if top > 0 else 0.0
        score = (
            weights["relevance"] * (r_a + r_b) / 6
            + weights["said_relevant"] * said_part
            + weights["types"] * type_part
            + weights["link_prediction"] * link_part
        )
        seers = [who for who, report in said.items() if report.relevance >= 2]
        detail = "said_relevant" if seers else "open_triad"
        reason = _introduction_reason(a, b, r_a, r_b, seers, type_a, type_b, brings)
        views = "; ".join(
            f"{who} said of {b if who == a else a}: Never, {_answer(RELEVANCE, report.relevance)}"
            for who, report in said.items()
        )
        evidence = "; ".join(
            part
            for part in (
                f"hub's ties: relevance {_number(r_a)} and {_number(r_b)}",
                views,
                f"types {type_a} + {type_b}" + (" (complementary)" if brings else ""),
                f"common partners {link.common_partners}",
                f"Adamic-Adar {link.adamic_adar:.2f}",
                f"resource allocation {link.resource_allocation:.2f}",
            )
            if part
        )
        rows.append(_row(G, "introduction", detail, a, b, score, reason, evidence))
    frame = _frame(G, rows)
    return frame if limit is None else frame.head(limit).reset_index(drop=True)


def _hub_relevance(G: nx.DiGraph, hubs: tuple[str, ...], partner: str) -> float:
    """The relevance of the hub's tie with a partner (the highest over hub organisations)."""
    values = [_mean_attribute(_pair_arcs(G, hub, partner), "relevance") for hub in hubs]
    known = [v for v in values if _finite(v)]
    return max(known) if known else _UNKNOWN_RELEVANCE


def _introduction_reason(
    a: str,
    b: str,
    r_a: float,
    r_b: float,
    seers: list[str],
    type_a: str,
    type_b: str,
    brings: str,
) -> str:
    matter = "both matter to your work" if min(r_a, r_b) >= 2 else "both work with you"
    first = f"Introduce {a} and {b}: {matter}, and neither reports working with the other."
    if len(seers) == 2:
        second = " Each rates the other as relevant, so a meeting is likely to be welcome."
    elif seers:
        other = b if seers[0] == a else a
        second = f" {seers[0]} rates {other} as relevant but they have never met."
    elif brings:
        second = f" Together they bring {brings}."
    elif type_a != type_b:
        second = (
            f" {_upper_first(_a(type_a))} and {_a(type_b)} can each offer what the other lacks."
        )
    else:
        second = ""
    return first + second


# --------------------------------------------------------------------------------------------
# Missing types


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
        Columns :data:`FINDING_COLUMNS`, one row per missing or weakly tied type:
        ``organisation`` is ``""``, ``other`` the type's label and ``other_type`` its key.
        ``detail`` is ``"absent"`` (no organisation of that type in the network) or
        ``"weakly_tied"``.

    Notes
    -----
    A type is weakly tied when no organisation of that type has a tie with the hub
    organisation above frequency 1 (Less than quarterly): none is tied to the hub, or
    every tie is rare. Scores: 1 for an absent type; 0.8 - 0.2 x f for a weakly tied one,
    where f is the highest frequency of any of its ties with the hub (0.8 with no tie, 0.6
    with a less-than-quarterly tie). The reason names the organisation of that type best
    placed to start with (the most ties in the network) and, where there is one, a partner
    of the hub already working with it that could introduce them.
    """
    hubs = _hub_organisations(G, hub_organisation)
    neighbours = _neighbours(G)
    wave = G.graph.get("wave") or "this wave's"
    rows = []
    for type_key in expected:
        label = ORGANISATION_TYPES.get(type_key, type_key)
        words = _TYPE_WORDS.get(type_key, type_key)
        members = sorted(str(n) for n, t in G.nodes(data="type") if t == type_key and n not in hubs)
        if not members:
            rows.append(
                _row(
                    G,
                    "missing_type",
                    "absent",
                    "",
                    label,
                    1.0,
                    f"No {words} is on your {wave} roster. Consider which one your work "
                    "needs and invite them in.",
                    f"0 organisations of type {type_key} in the network",
                    organisation_type="",
                    other_type=type_key,
                )
            )
            continue
        frequencies = {m: _hub_frequency(G, hubs, m) for m in members}
        best = max(frequencies.values())
        if best > 1:
            continue
        tied = [m for m in members if frequencies[m] > 0]
        evidence = f"{len(tied)} of {len(members)} tied to the hub; " + "; ".join(
            f"{m}: " + (_answer(FREQUENCY, frequencies[m]) if frequencies[m] > 0 else "no tie")
            for m in members
        )
        rows.append(
            _row(
                G,
                "missing_type",
                "weakly_tied",
                "",
                label,
                0.8 - 0.2 * best,
                _weak_type_reason(G, hubs, neighbours, members, type_key, best),
                evidence,
                organisation_type="",
                other_type=type_key,
            )
        )
    return _frame(G, rows)


def _hub_frequency(G: nx.DiGraph, hubs: tuple[str, ...], organisation: str) -> float:
    """The frequency of the strongest tie between an organisation and the hub (0: none)."""
    values = [_mean_attribute(_pair_arcs(G, hub, organisation), "frequency") for hub in hubs]
    arcs = [arc for hub in hubs for arc in _pair_arcs(G, hub, organisation)]
    known = [v for v in values if _finite(v)]
    if known:
        return max(known)
    return 1.0 if arcs else 0.0  # an edge-list tie with no frequency counts as rare


def _weak_type_reason(
    G: nx.DiGraph,
    hubs: tuple[str, ...],
    neighbours: dict[str, set[str]],
    members: list[str],
    type_key: str,
    best: float,
) -> str:
    """Say what is weak, whom to start with (the most ties in the network) and who of the
    hub's partners already works with them (the strongest such tie)."""
    words = _TYPE_WORDS.get(type_key, type_key)
    if len(members) == 1:
        named = f"{members[0]}, the only {words} on your roster"
        first = (
            f"You have no tie with {named}."
            if best <= 0
            else f"Your tie with {named}, is less than quarterly."
        )
    else:
        names = ", ".join(members)
        first = (
            f"You have no tie with any {words} on your roster ({names})."
            if best <= 0
            else f"Your ties with every {words} on your roster ({names}) are less than quarterly."
        )
    start = min(members, key=lambda m: (-len(neighbours[m]), m))
    go_betweens = sorted(
        (-_strength(G, _pair_arcs(G, p, start)), p)
        for p in neighbours[start]
        if p not in hubs and any(p in neighbours[h] for h in hubs)
    )
    them = "them" if len(members) == 1 else start
    if go_betweens:
        return first + (f" {go_betweens[0][1]} already works with {them} and could introduce you.")
    if len(members) > 1:
        return first + f" Start with {start}."
    return first + (" Get in touch with them." if best <= 0 else " Consider meeting more often.")


# --------------------------------------------------------------------------------------------
# One-sided ties


def one_sided_ties(
    G: nx.DiGraph,
    responses: pd.DataFrame,
    hub_organisation: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Support that flows only towards the hub, and ties that only one side reports.

    The report notes that partnerships "varied in terms of the direction of support, with
    some being reciprocal and others being more one-sided with the partner supporting the
    hub". A partner that supports the hub with nothing flowing back may drift away; a tie
    that only one side reports may be fading, or may never have been shared.

    Parameters
    ----------
    G : networkx.DiGraph
        The hub's network of one wave.
    responses : pandas.DataFrame
        The tidy survey responses; rows of other waves than ``G.graph["wave"]`` are ignored.
    hub_organisation : str or iterable of str, optional
        The hub organisation(s); default: the nodes of ``G`` of type ``"hub"``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FINDING_COLUMNS`. ``detail`` ``"supports_hub"``: the partner
        (``organisation``) has an arc to the hub organisation (``other``) and the hub none
        back. For a tie that only one side reports (edge attribute ``confirmed`` False),
        ``organisation`` is the side that reports it, ``other`` the side that does not, and
        ``detail`` says why: ``"said_never"`` (it answered "Never"), ``"not_listed"`` (it
        answered the survey but did not list the reporter) or ``"no_answer"`` (it did not
        answer the survey at all). Ties from another tool's edge list carry no reports and
        are left out.

    Notes
    -----
    ``supports_hub`` scores the tie's strength (weight over the weighting's top). A tie
    that one side reports scores the reporter's own frequency over 4 (a weekly tie that
    the other side denies is the sharpest disagreement), times 1 when the other side said
    "Never", 0.75 when it answered but did not list the reporter, and 0.5 when it did not
    answer (silence is weaker evidence than a denial).
    """
    hubs = _hub_organisations(G, hub_organisation)
    wave_responses = _wave_responses(responses, G)
    reports = _reports(wave_responses)
    respondents = set(wave_responses["respondent"]) if not wave_responses.empty else set()
    rows = []
    for hub in hubs:
        for partner in sorted(str(p) for p in G.pred[hub]):
            if partner in hubs or G.has_edge(hub, partner):
                continue
            arc = G.edges[partner, hub]
            score = _strength(G, [arc])
            frequency = arc.get("frequency")
            how_often = f" ({_often(frequency)})" if _finite(frequency) else ""
            natures = _nature_words(arc.get("nature"))
            rows.append(
                _row(
                    G,
                    "one_sided",
                    "supports_hub",
                    partner,
                    hub,
                    score,
                    f"{partner} supports your hub{how_often} but no support is reported "
                    "flowing back. Ask what they would value from you in return.",
                    f"arc {partner} -> hub only; frequency {_answer(FREQUENCY, frequency)}; "
                    f"reports {arc.get('reports', 0)}"
                    + (f"; nature: {natures}" if natures else ""),
                )
            )
    seen: set[frozenset[str]] = set()
    for u, v, data in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        pair = frozenset((u, v))
        if pair in seen or data.get("confirmed", True) or not _finite(data.get("frequency")):
            continue
        seen.add(pair)
        row = _unconfirmed_row(G, str(u), str(v), reports, respondents, hubs)
        if row is not None:
            rows.append(row)
    return _frame(G, rows)


def _nature_words(keys: object) -> str:
    present = set(keys or ())  # type: ignore[call-overload]
    return ", ".join(label for key, label in NATURES.items() if key in present)


def _unconfirmed_row(
    G: nx.DiGraph,
    u: str,
    v: str,
    reports: dict[tuple[str, str], _Report],
    respondents: set[str],
    hubs: tuple[str, ...],
) -> dict[str, object] | None:
    """A tie only one side reports: who reports it, and why the other side does not."""
    positive = [
        (a, b)
        for a, b in ((u, v), (v, u))
        if reports.get((a, b)) is not None and reports[(a, b)].frequency > 0
    ]
    if len(positive) != 1:
        return None
    reporter, silent = positive[0]
    claim = reports[(reporter, silent)]
    wave = G.graph.get("wave") or "this wave's"
    said = reports.get((silent, reporter))
    names = {name: ("your hub" if name in hubs else name) for name in (reporter, silent)}
    reporter_name = "Your hub" if reporter in hubs else reporter
    claim_text = f"{reporter_name} reports working with {names[silent]} {_often(claim.frequency)}"
    if said is not None:
        detail, factor = "said_never", 1.0
        status = f"{silent}: Never"
        reason = (
            f"{claim_text}; {names[silent]} said Never. Check with both whether the tie is "
            "real and current."
        )
    elif silent in respondents:
        detail, factor = "not_listed", 0.75
        status = f"{silent} answered but did not list {reporter}"
        reason = (
            f"{claim_text}; {names[silent]} answered the survey but did not list it. Check "
            "whether the tie is shared or has faded."
        )
    else:
        detail, factor = "no_answer", 0.5
        status = f"{silent} did not answer the {wave} survey"
        reason = (
            f"{claim_text}, but {names[silent]} did not answer the survey, so the tie is not "
            f"confirmed. Ask {names[silent]} to respond next time."
        )
    evidence = f"{reporter}: {_answer(FREQUENCY, claim.frequency)}; {status}"
    return _row(
        G, "one_sided", detail, reporter, silent, factor * claim.frequency / 4, reason, evidence
    )


# --------------------------------------------------------------------------------------------
# Fragile partners


def fragile_partners(
    G: nx.DiGraph, hub_organisation: str | Iterable[str] | None = None
) -> pd.DataFrame:
    """Partners that hang on a single tie: lose it and they are cut off from the hub.

    Staff turnover and system pressure break relationships (the report's challenges). An
    organisation whose only connection to the rest of the hub's ecosystem is one tie, or a
    group reached through one tie (a bridge), is one departure away from dropping out.

    Parameters
    ----------
    G : networkx.DiGraph
        The hub's network of one wave; read as undirected (a tie either way is a tie).
    hub_organisation : str or iterable of str, optional
        The hub organisation(s); default: the nodes of ``G`` of type ``"hub"``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FINDING_COLUMNS`, one row per bridge (:func:`networkx.bridges`) of
        the part of the network connected to the hub. ``organisation`` is the end of the
        bridge on the side cut off from the hub, ``other`` the organisation it hangs on.
        ``detail`` is ``"single_tie"`` where the side cut off is that organisation alone
        (its degree is 1) and ``"bridge"`` where it holds a group.

    Notes
    -----
    Score = 0.5 x the share of the hub's connected part (the hub itself aside) that the
    loss would cut off + 0.5 x (1 - the tie's strength): a weak tie holding many partners
    scores highest. Organisations not connected to the hub at all are not fragile but
    absent; a bridge between two hub organisations cuts nobody off from the hub and is
    left out.
    """
    hubs = _hub_organisations(G, hub_organisation)
    undirected = nx.Graph()
    undirected.add_nodes_from(G)
    undirected.add_edges_from((u, v) for u, v in G.edges if u != v)
    part: set[str] = set()
    for hub in hubs:
        part |= nx.node_connected_component(undirected, hub)
    connected = undirected.subgraph(part).copy()
    others = len(part) - len(set(hubs) & part)
    rows = []
    for u, v in list(nx.bridges(connected)):
        connected.remove_edge(u, v)
        side_u = nx.node_connected_component(connected, u)
        connected.add_edge(u, v)
        if any(h in side_u for h in hubs):
            near, far = u, v
            cut = part - side_u
        else:
            near, far = v, u
            cut = side_u
        if any(h in cut for h in hubs):
            continue
        near, far = str(near), str(far)
        arcs = _pair_arcs(G, near, far)
        strength = _strength(G, arcs)
        score = 0.5 * len(cut) / max(others, 1) + 0.5 * (1 - strength)
        frequency = _mean_attribute(arcs, "frequency")
        how_often = f" ({_often(frequency)})" if _finite(frequency) else ""
        tie_text = f"tie {far} - {near}: {_answer(FREQUENCY, frequency)}"
        if len(cut) == 1:
            evidence = f"{tie_text}; {far} has 1 tie in the network"
            if near in hubs:
                reason = (
                    f"The only tie {far} has in your ecosystem is with your hub{how_often}. "
                    "Introduce them to another partner so the link does not rest on you alone."
                )
            else:
                reason = (
                    f"{far} is linked to your ecosystem only through {near}{how_often}. If "
                    "that tie lapses they are cut off; build a second tie, for example "
                    "directly with your hub."
                )
            rows.append(_row(G, "fragile", "single_tie", far, near, score, reason, evidence))
        else:
            group = sorted(str(n) for n in cut)
            shown = ", ".join(group[:5]) + (", ..." if len(group) > 5 else "")
            evidence = f"{tie_text}; {len(cut)} organisations cut off if lost: {shown}"
            reason = (
                f"{far} and {len(cut) - 1} other organisation"
                f"{'s' if len(cut) > 2 else ''} reach your hub only through the tie between "
                f"{far} and {near}{how_often}. Build a second route into that group."
            )
            rows.append(_row(G, "fragile", "bridge", far, near, score, reason, evidence))
    return _frame(G, rows)


# --------------------------------------------------------------------------------------------
# Lost ties


def lost_ties(
    G: nx.DiGraph,
    previous: nx.DiGraph,
    responses: pd.DataFrame | None = None,
    hub_organisation: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Ties of the previous wave with no arc either way now.

    Lost relationships are the report's recurring worry (partners disengaging under
    pressure, staff moving on). Comparing two waves built with the same options shows which
    ties have gone, and the current wave's answers say whether they are gone for sure.

    Parameters
    ----------
    G : networkx.DiGraph
        The network of the current wave.
    previous : networkx.DiGraph
        The network of the previous wave, built with the same options.
    responses : pandas.DataFrame, optional
        The tidy survey responses, to tell a "Never" from a tie not listed; rows of other
        waves than ``G.graph["wave"]`` are ignored.
    hub_organisation : str or iterable of str, optional
        The hub organisation(s), only for wording ("your tie"); default: the nodes of type
        ``"hub"`` of either network.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FINDING_COLUMNS`, one row per pair; ``organisation`` and ``other``
        are the pair (the hub organisation second where it is one of them, else in name
        order). ``detail``: ``"left_roster"`` where one side is no longer on the roster
        (the tie is absent rather than lost), ``"lost"`` where at least one side answered
        the current wave without reporting contact, ``"unreported"`` where neither
        answered it (the tie may simply be unreported).

    Notes
    -----
    Score = the earlier tie's strength (mean weight of its arcs over the weighting's top);
    halved for ``"left_roster"`` and ``"unreported"``, where the tie is not known to be
    lost.
    """
    hubs = _hub_organisations(G, hub_organisation, required=False) or _hub_organisations(
        previous, None, required=False
    )
    reports = _reports(_wave_responses(responses, G))
    wave = G.graph.get("wave") or "this wave"
    before = previous.graph.get("wave") or "the previous wave"
    pairs = sorted({tuple(sorted((str(u), str(v)))) for u, v in previous.edges if u != v})
    rows = []
    for a, b in pairs:
        if a in G and b in G and (G.has_edge(a, b) or G.has_edge(b, a)):
            continue
        if b in hubs:
            organisation, other = a, b
        elif a in hubs:
            organisation, other = b, a
        else:
            organisation, other = a, b
        arcs = _pair_arcs(previous, a, b)
        strength = _strength(previous, arcs)
        frequency = _mean_attribute(arcs, "frequency")
        how_often = _often(frequency) if _finite(frequency) else "in touch"
        earlier = f"{before}: {_answer(FREQUENCY, frequency)}"
        pair_words = f"You and {organisation}" if other in hubs else f"{organisation} and {other}"
        gone = [name for name in (organisation, other) if name not in G]
        types = {
            "organisation_type": _type_of(previous, organisation),
            "other_type": _type_of(previous, other),
        }
        if gone:
            detail, score = "left_roster", 0.5 * strength
            evidence = f"{earlier}; not on the {wave} roster: {', '.join(gone)}"
            reason = (
                f"{' and '.join(gone)} {'is' if len(gone) == 1 else 'are'} not on the {wave} "
                f"roster, so the tie ({how_often} in {before}) is absent rather than lost. "
                "Check whether they belong on the roster."
            )
            rows.append(
                _row(G, "lost_tie", detail, organisation, other, score, reason, evidence, **types)
            )
            continue
        answered = [n for n in (organisation, other) if G.nodes[n].get("responded")]
        if answered:
            detail, score = "lost", strength
            counterpart = {organisation: other, other: organisation}
            said_never = [
                n
                for n in (organisation, other)
                if (r := reports.get((n, counterpart[n]))) is not None and r.frequency <= 0
            ]
            unlisted = [n for n in answered if n not in said_never]
            status = "; ".join(
                [f"{n} said Never" for n in said_never]
                + (
                    ["both answered, neither listed the other"]
                    if len(unlisted) == 2
                    else [f"{n} did not list {counterpart[n]}" for n in unlisted]
                )
            )
            evidence = f"{earlier}; {wave}: no tie ({status})"
            reason = (
                f"{pair_words} were in touch {how_often} in {before} but report no contact in "
                f"{wave}. Find out whether the relationship ended on purpose."
            )
        else:
            detail, score = "unreported", 0.5 * strength
            evidence = f"{earlier}; {wave}: no tie, neither answered"
            reason = (
                f"{pair_words} were in touch {how_often} in {before}; neither answered the "
                f"{wave} survey, so the tie may be unreported rather than lost. Ask them."
            )
        rows.append(
            _row(G, "lost_tie", detail, organisation, other, score, reason, evidence, **types)
        )
    return _frame(G, rows)


# --------------------------------------------------------------------------------------------
# All findings


def find_gaps(
    survey: Survey,
    hub: str,
    wave: str | None = None,
    options: NetworkOptions | None = None,
    previous_wave: str | None = None,
) -> pd.DataFrame:
    """Every finding of one hub's ecosystem in one wave: whom to work with more, whom to
    introduce, what is missing, one-sided, fragile or lost.

    Parameters
    ----------
    survey : Survey
        The validated survey.
    hub : str
        A hub name or the hub organisation's name (as
        :func:`ecosystem.network.resolve_hub` accepts).
    wave : str, optional
        The wave (matched case- and space-insensitively); default: the latest in the survey.
    options : NetworkOptions, optional
        How answers become ties (weighting, reconciliation, tie filters); its ``hub`` is
        replaced by ``hub``.
    previous_wave : str, optional
        The wave to compare with for lost ties; default: the wave before ``wave`` in
        :attr:`Survey.waves` (no lost ties when ``wave`` is the first).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FINDING_COLUMNS`, one row per finding, sorted by kind
        (:data:`GAP_KINDS`) and then by score, highest first. Each kind's function
        documents its score.

    Raises
    ------
    OptionError
        When the hub or a wave is not in the data, or the hub's network has no
        organisation of type "hub".
    """
    name = resolve_hub(survey, hub)
    wave = choose_wave(survey, wave)
    if previous_wave is None:
        index = survey.waves.index(wave)
        previous_wave = survey.waves[index - 1] if index > 0 else None
    else:
        previous_wave = choose_wave(survey, previous_wave)
    options = replace(options or NetworkOptions(), hub=name)
    G = build_network(survey, wave, options)
    hubs = _hub_organisations(G, None)
    responses = survey.responses
    parts = [
        relevance_gaps(G, responses, hubs),
        introductions(G, responses, hubs),
        missing_types(G, hubs),
        one_sided_ties(G, responses, hubs),
        fragile_partners(G, hubs),
    ]
    if previous_wave is not None and previous_wave != wave:
        previous = build_network(survey, previous_wave, options)
        parts.append(lost_ties(G, previous, responses, hubs))
    parts = [part for part in parts if not part.empty]
    if not parts:
        return _frame(G, [])
    return _sorted(pd.concat(parts, ignore_index=True))


def find_gaps_by_hub(
    survey: Survey, hub: str | None, wave: str | None = None, options: NetworkOptions | None = None
) -> pd.DataFrame:
    """:func:`find_gaps` for one hub, or for every hub in turn when ``hub`` is None.

    The findings of several hubs stack in one table; its ``hub`` column says whose each is.
    """
    hubs = [hub] if hub else survey.hubs
    found = [find_gaps(survey, name, wave, options) for name in hubs]
    return pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns=FINDING_COLUMNS)
