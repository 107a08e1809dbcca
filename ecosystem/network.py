"""One wave of a survey as a weighted, directed, typed network.

The rules are the codebook's (``surveys/codebook.md``):

* a **tie** exists where a report gives a frequency above "Never";
* **arcs** follow the direction of support stated in the report (respondent -> partner for
  "We mainly support them", partner -> respondent for "They mainly support us", both for
  "Both ways"); a report that states no direction keeps both arcs and is flagged, so no
  reported interaction is dropped;
* several people of one organisation are first combined into one report per partner, then
  the two organisations' reports of a pair are **reconciled**: the arcs are the union of what
  each side stated, and every arc of the pair carries the reconciled weight (mean of the
  reports by default, a "Never" counting as 0; or max, min, or confirmed-only);
* non-response never erases a tie: where only one side answered, its report stands.

Weights are **strengths** (higher = closer), read from each report by the chosen weighting:
frequency code (default), relevance code, frequency x relevance, or binary.

>>> import pandas as pd
>>> from ecosystem.survey import Survey, empty_edges, empty_organisations
>>> responses = pd.DataFrame({
...     "wave": ["W", "W"], "respondent": ["Hub", "Trust"], "partner": ["Trust", "Hub"],
...     "frequency": [4, 2], "relevance": [3.0, 2.0], "direction": ["out", "both"],
...     "nature": [("steering",), ()], "respondent_person": ["", ""], "submitted": ["", ""],
...     "source_file": ["r.csv", "r.csv"], "source_row": [2, 3]})
>>> survey = Survey(empty_organisations(), responses, empty_edges())
>>> graph = build_network(survey, "W")
>>> sorted(graph.edges(data="weight"))
[('Hub', 'Trust', 3.0), ('Trust', 'Hub', 3.0)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import cast

import networkx as nx
import numpy as np
import pandas as pd

from ecosystem.codebook import NATURES, RECONCILIATIONS, UNKNOWN_TYPE, WEIGHTINGS, normalise_label
from ecosystem.errors import OptionError
from ecosystem.survey import Survey

__all__ = [
    "TIE_COLUMNS",
    "NetworkOptions",
    "build_network",
    "hub_members",
    "reconciled_ties",
    "resolve_hub",
    "roster",
]

TIE_COLUMNS = (
    "source",
    "target",
    "weight",
    "frequency",
    "relevance",
    "nature",
    "reports",
    "respondents",
    "confirmed",
    "direction_stated",
)
"""Columns of :func:`reconciled_ties`, one row per arc."""


@dataclass(frozen=True)
class NetworkOptions:
    """How one wave's answers become arcs and weights.

    ``hub`` restricts the network to one hub's ecosystem (a hub name as written in the
    organisations file's ``hub`` column, or the hub organisation's own name); ``None`` keeps
    every organisation of the wave.

    The tie filters keep every organisation but only the arcs that pass them all:
    ``natures`` keeps arcs of at least one of these natures (empty = no filter);
    ``min_frequency`` and ``min_relevance`` keep arcs whose reconciled frequency or
    relevance code is at least this (0 = no filter; an arc with no relevance answer fails
    any relevance filter above 0). ``respondents_only`` keeps only the organisations that
    answered in the wave, and the ties among them, so that every pair of the network was
    observed (a wave with no survey answers, read from another tool's edge list, is kept
    whole); off by default, where a one-sided report stands. Options are hashable, so
    results can be cached by them.
    """

    weighting: str = "frequency"
    reconciliation: str = "mean"
    hub: str | None = None
    natures: tuple[str, ...] = ()
    min_frequency: float = 0.0
    min_relevance: float = 0.0
    respondents_only: bool = False

    def __post_init__(self) -> None:
        if self.weighting not in WEIGHTINGS:
            raise OptionError(
                f"weighting '{self.weighting}' is not offered; choose one of: "
                + ", ".join(WEIGHTINGS)
            )
        if self.reconciliation not in RECONCILIATIONS:
            raise OptionError(
                f"reconciliation '{self.reconciliation}' is not offered; choose one of: "
                + ", ".join(RECONCILIATIONS)
            )
        unknown = [n for n in self.natures if n not in NATURES]
        if unknown:
            raise OptionError(
                f"nature '{unknown[0]}' is not offered; choose from: " + ", ".join(NATURES)
            )

    @property
    def filters_ties(self) -> bool:
        return bool(self.natures) or self.min_frequency > 0 or self.min_relevance > 0


_COMBINE: dict[str, Callable[[pd.core.groupby.SeriesGroupBy], pd.Series]] = {
    "mean": lambda grouped: grouped.mean(),
    "max": lambda grouped: grouped.max(),
    "min": lambda grouped: grouped.min(),
    "confirmed": lambda grouped: grouped.mean(),
}


def _nature_union(grouped: pd.core.groupby.GroupBy, natures: pd.Series) -> pd.Series:
    """Each group's natures: the sorted union of its rows' nature tuples, one tuple per group.

    The same as ``grouped["nature"].agg(lambda s: tuple(sorted({n for t in s for n in t})))``,
    without a Python call per group (a second each at 50,000 pairs): each distinct tuple is
    read once into a row of a membership matrix (tuple x nature, natures in sorted order),
    every group ORs its rows' memberships, and each distinct union is spelt once.

    >>> frame = pd.DataFrame({"pair": ["b", "a", "b"],
    ...                       "nature": [("steering",), (), ("data", "steering")]})
    >>> _nature_union(frame.groupby("pair", sort=False), frame["nature"]).to_dict()
    {'b': ('data', 'steering'), 'a': ()}
    """
    groups = grouped.ngroup().to_numpy()
    tuple_codes, distinct = pd.factorize(natures)
    vocabulary = sorted({nature for natures_ in distinct for nature in natures_})
    column = {nature: j for j, nature in enumerate(vocabulary)}
    member = np.zeros((len(distinct), len(vocabulary)), dtype=bool)
    for i, natures_ in enumerate(distinct):
        member[i, [column[nature] for nature in natures_]] = True
    union = np.zeros((grouped.ngroups, len(vocabulary)), dtype=bool)
    rows, columns = np.nonzero(member[tuple_codes])
    union[groups[rows], columns] = True
    patterns, inverse = np.unique(union, axis=0, return_inverse=True)
    spelt = np.empty(len(patterns), dtype=object)
    for i, pattern in enumerate(patterns):
        spelt[i] = tuple(vocabulary[j] for j in np.flatnonzero(pattern))
    return pd.Series(spelt[inverse.reshape(-1)], index=grouped.size().index, dtype=object)


def _report_value(frame: pd.DataFrame, weighting: str) -> pd.Series:
    """The strength one report gives its pair under a weighting (a 'Never' gives 0)."""
    frequency = frame["frequency"].astype(float)
    relevance = frame["relevance"].astype(float)
    if weighting == "frequency":
        return frequency
    if weighting == "relevance":
        # A report of no interaction says nothing about a tie's strength.
        return relevance.where(frequency > 0, 0.0)
    if weighting == "product":
        return frequency * relevance.fillna(0.0)
    return (frequency > 0).astype(float)


def resolve_hub(survey: Survey, hub: str) -> str:
    """Return the hub name that ``hub`` means: a hub name, or a hub organisation's name.

    Raises :class:`OptionError` naming the hubs on offer when it means none of them.
    """
    wanted = normalise_label(hub)
    for name in survey.hubs:
        if normalise_label(name) == wanted:
            return name
    organisations = survey.organisations
    for name, row in organisations.iterrows():
        if normalise_label(name) == wanted or wanted in {
            normalise_label(alias) for alias in row["aliases"]
        }:
            if len(row["hubs"]) == 1:
                return cast(str, row["hubs"][0])
            break
    offered = ", ".join(survey.hubs) or "none (the organisations file has no hub column)"
    raise OptionError(f"hub '{hub}' is not in the data; hubs: {offered}")


def hub_members(survey: Survey, hub: str) -> set[str]:
    """Organisations that belong to one hub's ecosystem (its ``hub`` column names it)."""
    name = resolve_hub(survey, hub)
    return {org for org, hubs in survey.organisations["hubs"].items() if name in hubs}


def roster(survey: Survey, wave: str, hub: str | None = None) -> list[str]:
    """Organisations on a wave's roster: those listed for the wave, plus any it names.

    An organisation whose ``waves`` cell is blank is on every wave's roster. Organisations
    that appear in the wave's responses or edges are always included, so that nobody a
    respondent named is dropped.
    """
    organisations = survey.organisations
    listed = [name for name, waves in organisations["waves"].items() if not waves or wave in waves]
    responses = survey.responses[survey.responses["wave"] == wave]
    edges = survey.edges[survey.edges["wave"] == wave]
    named = pd.concat(
        [responses["respondent"], responses["partner"], edges["source"], edges["target"]],
        ignore_index=True,
    )
    names = list(dict.fromkeys([*listed, *named.tolist()]))
    if hub is not None:
        members = hub_members(survey, hub)
        names = [name for name in names if name in members]
    return names


def _combine_reports(responses: pd.DataFrame, options: NetworkOptions) -> pd.DataFrame:
    """One row per (respondent, partner): several people of one organisation combined."""
    frame = responses.copy()
    frame["frequency"] = frame["frequency"].astype(float)
    frame["value"] = _report_value(frame, options.weighting)
    positive = frame["frequency"] > 0
    direction = frame["direction"]
    frame["forward"] = positive & direction.isin(["out", "both", "none"])
    frame["backward"] = positive & direction.isin(["in", "both", "none"])
    frame["unstated"] = positive & (direction == "none")
    grouped = frame.groupby(["respondent", "partner"], sort=False)
    combine = _COMBINE[options.reconciliation]
    return pd.DataFrame(
        {
            "value": combine(grouped["value"]),
            "frequency": combine(grouped["frequency"]),
            "relevance": grouped["relevance"].mean(),
            "forward": grouped["forward"].any(),
            "backward": grouped["backward"].any(),
            "unstated": grouped["unstated"].any(),
            "positive": grouped["frequency"].max() > 0,
            "persons": grouped.size(),
            "nature": _nature_union(grouped, frame["nature"]),
        }
    ).reset_index()


def _survey_arcs(responses: pd.DataFrame, options: NetworkOptions) -> pd.DataFrame:
    """Reconcile the reports of each pair into arcs (see the module docstring)."""
    if responses.empty:
        return pd.DataFrame(columns=list(TIE_COLUMNS))
    reports = _combine_reports(responses, options)
    first = reports["respondent"].astype(str) <= reports["partner"].astype(str)
    reports["a"] = reports["respondent"].where(first, reports["partner"])
    reports["b"] = reports["partner"].where(first, reports["respondent"])
    # Arcs stated by a report, expressed on the ordered pair (a, b).
    reports["a_to_b"] = reports["forward"].where(first, reports["backward"])
    reports["b_to_a"] = reports["backward"].where(first, reports["forward"])

    pairs = reports.groupby(["a", "b"], sort=False)
    combine = _COMBINE[options.reconciliation]
    table = pd.DataFrame(
        {
            "weight": combine(pairs["value"]),
            "frequency": combine(pairs["frequency"]),
            "relevance": pairs["relevance"].mean(),
            "a_to_b": pairs["a_to_b"].any(),
            "b_to_a": pairs["b_to_a"].any(),
            "unstated": pairs["unstated"].any(),
            "reports": pairs.size(),
            "positive_reports": pairs["positive"].sum(),
            "respondents": pairs["persons"].sum(),
            "nature": _nature_union(pairs, reports["nature"]),
        }
    ).reset_index()
    table["confirmed"] = table["positive_reports"] >= 2
    table = table[table["positive_reports"] > 0]
    if options.reconciliation == "confirmed":
        table = table[table["confirmed"]]

    shared = ["weight", "frequency", "relevance", "nature", "reports", "respondents", "confirmed"]
    forward = table[table["a_to_b"]].rename(columns={"a": "source", "b": "target"})
    backward = table[table["b_to_a"]].rename(columns={"b": "source", "a": "target"})
    arcs = pd.concat([forward, backward], ignore_index=True)
    arcs["direction_stated"] = ~arcs["unstated"]
    return arcs[["source", "target", *shared, "direction_stated"]]


def _edge_list_arcs(edges: pd.DataFrame, options: NetworkOptions) -> pd.DataFrame:
    """Arcs from another tool's edge list: weights as given (binary weighting gives 1)."""
    if edges.empty:
        return pd.DataFrame(columns=list(TIE_COLUMNS))
    frame = edges.copy()
    frame["weight"] = frame["weight"].astype(float)
    if options.weighting == "binary":
        frame["weight"] = 1.0
    grouped = frame.groupby(["source", "target"], sort=False)
    combine = _COMBINE[options.reconciliation]
    arcs = pd.DataFrame(
        {
            "weight": combine(grouped["weight"]),
            "reports": grouped.size(),
            "nature": _nature_union(grouped, frame["nature"]),
        }
    ).reset_index()
    arcs["frequency"] = np.nan
    arcs["relevance"] = np.nan
    arcs["respondents"] = 0
    arcs["confirmed"] = False
    arcs["direction_stated"] = True
    return arcs[list(TIE_COLUMNS)]


def _passes_filters(arcs: pd.DataFrame, options: NetworkOptions) -> pd.Series:
    """Which arcs pass the tie filters of ``options`` (see :class:`NetworkOptions`)."""
    keep = pd.Series(True, index=arcs.index)
    if options.natures:
        wanted = set(options.natures)
        codes, distinct = pd.factorize(arcs["nature"])  # each distinct tuple is read once
        hits = np.array([bool(wanted.intersection(natures)) for natures in distinct], dtype=bool)
        keep &= hits[codes]
    if options.min_frequency > 0:
        keep &= arcs["frequency"].astype(float) >= options.min_frequency
    if options.min_relevance > 0:
        keep &= arcs["relevance"].astype(float) >= options.min_relevance
    return keep


def reconciled_ties(
    survey: Survey, wave: str, options: NetworkOptions | None = None
) -> pd.DataFrame:
    """The arcs of one wave after reconciliation, one row per arc (columns :data:`TIE_COLUMNS`).

    ``nature`` is a tuple of nature keys; ``confirmed`` says both organisations of the pair
    reported the tie; ``direction_stated`` is False where a report gave no direction, so both
    arcs were kept; ``reports`` counts the organisations' reports of the pair and
    ``respondents`` the people behind them.
    """
    options = options or NetworkOptions()
    responses = survey.responses[survey.responses["wave"] == wave]
    edges = survey.edges[survey.edges["wave"] == wave]
    parts = [
        part
        for part in (_survey_arcs(responses, options), _edge_list_arcs(edges, options))
        if not part.empty
    ]
    if not parts:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in TIE_COLUMNS})
    arcs = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    if options.hub is not None:
        members = hub_members(survey, options.hub)
        arcs = arcs[arcs["source"].isin(members) & arcs["target"].isin(members)]
    if options.filters_ties:
        arcs = arcs[_passes_filters(arcs, options)]
    if options.respondents_only and not responses.empty:
        answered = set(responses["respondent"])
        arcs = arcs[arcs["source"].isin(answered) & arcs["target"].isin(answered)]
    arcs = arcs.sort_values(["source", "target"], kind="stable").reset_index(drop=True)
    arcs["weight"] = arcs["weight"].astype(float)
    return arcs


def build_network(survey: Survey, wave: str, options: NetworkOptions | None = None) -> nx.DiGraph:
    """Build one wave's network: every organisation on the roster, isolates included.

    Node attributes: ``type``, ``hubs`` (``"; "``-joined), ``region``, ``short_name`` (the
    label a picture may draw instead of the name; ``""`` when none), ``responded``.
    Edge attributes: the columns of :func:`reconciled_ties` (``weight`` is a strength).
    Graph attributes: ``wave``, ``hub``, ``weighting``, ``reconciliation``,
    ``roster_size``, ``respondents`` and ``response_rate`` (respondent organisations on
    the roster / organisations on the roster), and ``respondents_only`` (True) where the
    options keep only the organisations that answered (roster size and response rate stay
    those of the whole roster).
    """
    options = options or NetworkOptions()
    if wave not in survey.waves:
        offered = ", ".join(survey.waves) or "none"
        raise OptionError(f"wave '{wave}' is not in the data; waves: {offered}")
    names = roster(survey, wave, options.hub)
    responses = survey.responses[survey.responses["wave"] == wave]
    respondents = set(responses["respondent"])
    answered = sum(1 for n in names if n in respondents)
    roster_size = len(names)
    if options.respondents_only and not responses.empty:
        names = [name for name in names if name in respondents]
    graph = _organisations_graph(survey, names, respondents)

    graph.add_edges_from(_edge_records(reconciled_ties(survey, wave, options)))

    _describe(graph, survey, wave, options, answered=answered, roster_size=roster_size)
    if options.respondents_only:
        graph.graph["respondents_only"] = True
    return graph


def roster_network(survey: Survey, wave: str, options: NetworkOptions | None = None) -> nx.DiGraph:
    """Every organisation of the survey (of one hub, if the options name one) with no ties.

    What a survey shows before any responses are read: the roster alone, labelled ``wave``
    (a name for the state, not a wave of the data), with the same node and graph attributes
    as :func:`build_network` gives, nobody having responded.

    >>> from ecosystem.survey import empty_edges, empty_responses
    >>> organisations = pd.DataFrame(
    ...     {"type": ["hub", "icb"], "hubs": [("Dorset",), ("Dorset",)], "region": ["", ""],
    ...      "aliases": [(), ()], "waves": [(), ("Summative 2024",)], "short_name": ["", ""]},
    ...     index=pd.Index(["Dorset Innovation Hub", "NHS Dorset"], name="name"))
    >>> graph = roster_network(Survey(organisations, empty_responses(), empty_edges()),
    ...                        "No responses yet")
    >>> sorted(graph), graph.number_of_edges(), graph.graph["respondents"]
    (['Dorset Innovation Hub', 'NHS Dorset'], 0, 0)
    """
    options = options or NetworkOptions()
    if survey.organisations.empty:  # nothing read yet: no hub to resolve either
        options = replace(options, hub=None)
    names = list(survey.organisations.index)
    if options.hub is not None:
        members = hub_members(survey, options.hub)
        names = [name for name in names if name in members]
    graph = _organisations_graph(survey, names, set())
    _describe(graph, survey, wave, options, answered=0)
    return graph


def _edge_records(arcs: pd.DataFrame) -> Iterator[tuple[str, str, dict[str, object]]]:
    """``(source, target, attributes)`` for every arc, attributes in the table's column order.

    Columns are read once each as Python values (as ``to_dict("records")`` gives them), not
    row by row.
    """
    columns = [column for column in arcs.columns if column not in ("source", "target")]
    values = zip(*(arcs[column].tolist() for column in columns), strict=True)
    for source, target, row in zip(
        arcs["source"].tolist(), arcs["target"].tolist(), values, strict=True
    ):
        yield source, target, dict(zip(columns, row, strict=True))


def _organisations_graph(survey: Survey, names: Sequence[str], respondents: set[str]) -> nx.DiGraph:
    """A graph of the named organisations (no ties) with their node attributes.

    An organisation missing from the organisations table (named only in answers) has the
    unknown type and blank attributes. The table is read once, not row by row.
    """
    organisations = survey.organisations
    present = [name for name in names if name in organisations.index]
    rows = organisations.loc[present]
    known = {
        name: {
            "type": type_,
            "hubs": "; ".join(hubs),
            "region": region,
            "short_name": str(short_name or ""),
        }
        for name, type_, hubs, region, short_name in zip(
            present,
            rows["type"].tolist(),
            rows["hubs"].tolist(),
            rows["region"].tolist(),
            rows["short_name"].tolist(),
            strict=True,
        )
    }
    unknown = {"type": UNKNOWN_TYPE, "hubs": "", "region": "", "short_name": ""}
    graph = nx.DiGraph()
    graph.add_nodes_from(
        (name, {**known.get(name, unknown), "responded": name in respondents})
        for name in sorted(names)
    )
    return graph


def _describe(
    graph: nx.DiGraph,
    survey: Survey,
    wave: str,
    options: NetworkOptions,
    answered: int,
    roster_size: int | None = None,
) -> None:
    """Set the graph attributes: wave, hub, options, roster size and response rate (of the
    whole roster, also where the network keeps the respondents only)."""
    size = graph.number_of_nodes() if roster_size is None else roster_size
    graph.graph.update(
        wave=wave,
        hub=resolve_hub(survey, options.hub) if options.hub else None,
        weighting=options.weighting,
        reconciliation=options.reconciliation,
        roster_size=size,
        respondents=answered,
        response_rate=answered / size if size else float("nan"),
    )
