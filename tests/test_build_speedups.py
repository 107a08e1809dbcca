"""Building a wave's network faster gives the same arcs and the same graphs.

Two references stand beside the vectorised builder:

* :func:`reference_ties`, plain Python written from the codebook's rules (a loop over the
  reports: people of one organisation combined, then the two sides of a pair reconciled,
  natures united), for :func:`reconciled_ties`;
* :func:`frozen_build`, a frozen copy of the builder as it was before the speed-up (a Python
  call per group for the nature union, the organisations table read row by row, arcs added
  one by one), for every node, edge and graph attribute of :func:`build_network`, values and
  Python types alike.

They are compared on the demo, on seeded random surveys with natures, directions,
several people per organisation and edge lists, under every weighting, reconciliation, tie
filter and a hub, and on the real datasets (read in place, skipped where absent).
"""

from __future__ import annotations

import math
from collections import defaultdict
from itertools import product

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from ecosystem import network
from ecosystem.codebook import NATURES, RECONCILIATIONS, UNKNOWN_TYPE, WEIGHTINGS
from ecosystem.load import load_survey
from ecosystem.network import NetworkOptions, build_network, hub_members, reconciled_ties
from ecosystem.survey import Survey

NATURE_KEYS = list(NATURES)
ALL_OPTIONS = [
    NetworkOptions(weighting=w, reconciliation=r) for w, r in product(WEIGHTINGS, RECONCILIATIONS)
]
FILTERED_OPTIONS = [
    NetworkOptions(natures=("steering", "support")),
    NetworkOptions(min_frequency=2, reconciliation="max"),
    NetworkOptions(min_relevance=2, weighting="product"),
]


def with_hub(hub: str) -> list[NetworkOptions]:
    """One hub's ecosystem alone, and with tie filters on top."""
    return [
        NetworkOptions(hub=hub, reconciliation="confirmed"),
        NetworkOptions(hub=hub, natures=("support", "data"), min_frequency=1),
    ]


# --- plain-Python reference ---------------------------------------------------------------


def union(natures) -> tuple[str, ...]:
    return tuple(sorted({nature for tuple_ in natures for nature in tuple_}))


def combine(values: list[float], reconciliation: str) -> float:
    """Several reports' values as one; a blank (NaN) says nothing, all blank stays blank."""
    present = [value for value in values if not math.isnan(value)]
    if not present:
        return math.nan
    if reconciliation == "max":
        return max(present)
    if reconciliation == "min":
        return min(present)
    return sum(present) / len(present)


def report_value(frequency: float, relevance: float, weighting: str) -> float:
    if weighting == "frequency":
        return frequency
    if weighting == "relevance":
        return relevance if frequency > 0 else 0.0
    if weighting == "product":
        return frequency * (0.0 if math.isnan(relevance) else relevance)
    return 1.0 if frequency > 0 else 0.0


def organisation_reports(responses: pd.DataFrame, options: NetworkOptions) -> dict:
    """(respondent, partner) -> one report: the people of one organisation combined."""
    people = defaultdict(list)
    for row in responses.itertuples(index=False):
        people[(row.respondent, row.partner)].append(row)
    reports = {}
    for key, rows in people.items():
        stated = [r.direction for r in rows if float(r.frequency) > 0]  # positive reports
        reports[key] = {
            "value": combine(
                [report_value(float(r.frequency), r.relevance, options.weighting) for r in rows],
                options.reconciliation,
            ),
            "frequency": combine([float(r.frequency) for r in rows], options.reconciliation),
            "relevance": combine([r.relevance for r in rows], "mean"),
            "forward": any(d in ("out", "both", "none") for d in stated),
            "backward": any(d in ("in", "both", "none") for d in stated),
            "unstated": "none" in stated,
            "positive": bool(stated),
            "persons": len(rows),
            "nature": union(r.nature for r in rows),
        }
    return reports


def survey_arcs(responses: pd.DataFrame, options: NetworkOptions) -> list[dict]:
    """The arcs of the reports, each pair's two sides reconciled (forward arcs first)."""
    pairs = defaultdict(list)
    for (respondent, partner), report in organisation_reports(responses, options).items():
        first = str(respondent) <= str(partner)
        a, b = (respondent, partner) if first else (partner, respondent)
        a_to_b = report["forward"] if first else report["backward"]
        b_to_a = report["backward"] if first else report["forward"]
        pairs[(a, b)].append({**report, "a_to_b": a_to_b, "b_to_a": b_to_a})
    forward, backward = [], []
    for (a, b), sides in pairs.items():
        positive = sum(side["positive"] for side in sides)
        confirmed = positive >= 2
        if positive == 0 or (options.reconciliation == "confirmed" and not confirmed):
            continue
        shared = {
            "weight": combine([s["value"] for s in sides], options.reconciliation),
            "frequency": combine([s["frequency"] for s in sides], options.reconciliation),
            "relevance": combine([s["relevance"] for s in sides], "mean"),
            "nature": union(s["nature"] for s in sides),
            "reports": len(sides),
            "respondents": sum(s["persons"] for s in sides),
            "confirmed": confirmed,
            "direction_stated": not any(s["unstated"] for s in sides),
        }
        if any(s["a_to_b"] for s in sides):
            forward.append({"source": a, "target": b, **shared})
        if any(s["b_to_a"] for s in sides):
            backward.append({"source": b, "target": a, **shared})
    return forward + backward


def edge_list_arcs(edges: pd.DataFrame, options: NetworkOptions) -> list[dict]:
    grouped = defaultdict(list)
    for row in edges.itertuples(index=False):
        grouped[(row.source, row.target)].append(row)
    return [
        {
            "source": source,
            "target": target,
            "weight": 1.0
            if options.weighting == "binary"
            else combine([float(r.weight) for r in rows], options.reconciliation),
            "frequency": math.nan,
            "relevance": math.nan,
            "nature": union(r.nature for r in rows),
            "reports": len(rows),
            "respondents": 0,
            "confirmed": False,
            "direction_stated": True,
        }
        for (source, target), rows in grouped.items()
    ]


def passes(arc: dict, options: NetworkOptions) -> bool:
    if options.natures and not set(options.natures).intersection(arc["nature"]):
        return False
    if options.min_frequency > 0 and not arc["frequency"] >= options.min_frequency:
        return False
    return not (options.min_relevance > 0 and not arc["relevance"] >= options.min_relevance)


def reference_ties(survey: Survey, wave: str, options: NetworkOptions) -> list[dict]:
    """The codebook's reconciliation, one report at a time, in reconciled_ties' order."""
    responses = survey.responses[survey.responses["wave"] == wave]
    edges = survey.edges[survey.edges["wave"] == wave]
    arcs = survey_arcs(responses, options) + edge_list_arcs(edges, options)
    if options.hub is not None:
        members = hub_members(survey, options.hub)
        arcs = [a for a in arcs if a["source"] in members and a["target"] in members]
    arcs = [arc for arc in arcs if passes(arc, options)]
    return sorted(arcs, key=lambda arc: (arc["source"], arc["target"]))


# --- frozen copy of the builder before the speed-up ---------------------------------------


def frozen_combine_reports(responses: pd.DataFrame, options: NetworkOptions) -> pd.DataFrame:
    frame = responses.copy()
    frame["frequency"] = frame["frequency"].astype(float)
    frame["value"] = network._report_value(frame, options.weighting)
    positive = frame["frequency"] > 0
    direction = frame["direction"]
    frame["forward"] = positive & direction.isin(["out", "both", "none"])
    frame["backward"] = positive & direction.isin(["in", "both", "none"])
    frame["unstated"] = positive & (direction == "none")
    grouped = frame.groupby(["respondent", "partner"], sort=False)
    combine_ = network._COMBINE[options.reconciliation]
    return pd.DataFrame(
        {
            "value": combine_(grouped["value"]),
            "frequency": combine_(grouped["frequency"]),
            "relevance": grouped["relevance"].mean(),
            "forward": grouped["forward"].any(),
            "backward": grouped["backward"].any(),
            "unstated": grouped["unstated"].any(),
            "positive": grouped["frequency"].max() > 0,
            "persons": grouped.size(),
            "nature": grouped["nature"].agg(union),
        }
    ).reset_index()


def frozen_survey_arcs(responses: pd.DataFrame, options: NetworkOptions) -> pd.DataFrame:
    if responses.empty:
        return pd.DataFrame(columns=list(network.TIE_COLUMNS))
    reports = frozen_combine_reports(responses, options)
    first = reports["respondent"].astype(str) <= reports["partner"].astype(str)
    reports["a"] = reports["respondent"].where(first, reports["partner"])
    reports["b"] = reports["partner"].where(first, reports["respondent"])
    reports["a_to_b"] = reports["forward"].where(first, reports["backward"])
    reports["b_to_a"] = reports["backward"].where(first, reports["forward"])
    pairs = reports.groupby(["a", "b"], sort=False)
    combine_ = network._COMBINE[options.reconciliation]
    table = pd.DataFrame(
        {
            "weight": combine_(pairs["value"]),
            "frequency": combine_(pairs["frequency"]),
            "relevance": pairs["relevance"].mean(),
            "a_to_b": pairs["a_to_b"].any(),
            "b_to_a": pairs["b_to_a"].any(),
            "unstated": pairs["unstated"].any(),
            "reports": pairs.size(),
            "positive_reports": pairs["positive"].sum(),
            "respondents": pairs["persons"].sum(),
            "nature": pairs["nature"].agg(union),
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


def frozen_edge_list_arcs(edges: pd.DataFrame, options: NetworkOptions) -> pd.DataFrame:
    if edges.empty:
        return pd.DataFrame(columns=list(network.TIE_COLUMNS))
    frame = edges.copy()
    frame["weight"] = frame["weight"].astype(float)
    if options.weighting == "binary":
        frame["weight"] = 1.0
    grouped = frame.groupby(["source", "target"], sort=False)
    arcs = pd.DataFrame(
        {
            "weight": network._COMBINE[options.reconciliation](grouped["weight"]),
            "reports": grouped.size(),
            "nature": grouped["nature"].agg(union),
        }
    ).reset_index()
    arcs["frequency"] = np.nan
    arcs["relevance"] = np.nan
    arcs["respondents"] = 0
    arcs["confirmed"] = False
    arcs["direction_stated"] = True
    return arcs[list(network.TIE_COLUMNS)]


def frozen_passes_filters(arcs: pd.DataFrame, options: NetworkOptions) -> pd.Series:
    keep = pd.Series(True, index=arcs.index)
    if options.natures:
        wanted = set(options.natures)
        keep &= arcs["nature"].map(lambda natures: bool(wanted.intersection(natures)))
    if options.min_frequency > 0:
        keep &= arcs["frequency"].astype(float) >= options.min_frequency
    if options.min_relevance > 0:
        keep &= arcs["relevance"].astype(float) >= options.min_relevance
    return keep


def frozen_organisations_graph(survey: Survey, names, respondents) -> nx.DiGraph:
    organisations = survey.organisations
    graph = nx.DiGraph()
    for name in sorted(names):
        if name in organisations.index:
            row = organisations.loc[name]
            attributes = {
                "type": row["type"],
                "hubs": "; ".join(row["hubs"]),
                "region": row["region"],
                "short_name": str(row["short_name"] or ""),
            }
        else:
            attributes = {"type": UNKNOWN_TYPE, "hubs": "", "region": "", "short_name": ""}
        graph.add_node(name, **attributes, responded=name in respondents)
    return graph


def frozen_build(survey: Survey, wave: str, options: NetworkOptions, monkeypatch) -> nx.DiGraph:
    """build_network as it was: the frozen helpers above in place of today's."""
    with monkeypatch.context() as patch:
        patch.setattr(network, "_survey_arcs", frozen_survey_arcs)
        patch.setattr(network, "_edge_list_arcs", frozen_edge_list_arcs)
        patch.setattr(network, "_passes_filters", frozen_passes_filters)
        patch.setattr(network, "_organisations_graph", frozen_organisations_graph)
        patch.setattr(network, "_edge_records", frozen_edge_records)
        return build_network(survey, wave, options)


def frozen_edge_records(arcs: pd.DataFrame):
    for record in arcs.to_dict("records"):
        source, target = record.pop("source"), record.pop("target")
        yield source, target, record


# --- comparison ----------------------------------------------------------------------------


def plain(value):
    """A value with its Python type, NaN made comparable."""
    if isinstance(value, float) and math.isnan(value):
        return ("nan", type(value).__name__)
    return (value, type(value).__name__)


def same(value, expected) -> bool:
    """Equal, floats to within rounding (a mean summed in another order), NaN equal to NaN."""
    if isinstance(expected, float):
        if math.isnan(expected):
            return math.isnan(value)
        return math.isclose(value, expected, rel_tol=1e-12)
    return value == expected


def graph_facts(graph: nx.DiGraph) -> tuple:
    return (
        [(n, {k: plain(v) for k, v in d.items()}) for n, d in graph.nodes(data=True)],
        [(u, v, {k: plain(x) for k, x in d.items()}) for u, v, d in graph.edges(data=True)],
        {k: plain(v) for k, v in graph.graph.items()},
    )


def assert_same_as_references(survey: Survey, wave: str, options: NetworkOptions, monkeypatch):
    ties = reconciled_ties(survey, wave, options)
    expected = reference_ties(survey, wave, options)
    assert len(ties) == len(expected)
    for arc, want in zip(ties.to_dict("records"), expected, strict=True):
        assert arc.keys() == want.keys()
        assert all(same(arc[key], want[key]) for key in arc), (arc, want)
    assert graph_facts(build_network(survey, wave, options)) == graph_facts(
        frozen_build(survey, wave, options, monkeypatch)
    )


# --- surveys -------------------------------------------------------------------------------


def random_survey(seed: int, size: int = 14, reports: int = 120) -> Survey:
    """A seeded survey of one wave: several people per organisation, every direction,
    frequencies with 'Never', blank relevances, natures, and an edge list beside it."""
    rng = np.random.default_rng(seed)
    names = [f"Org {i:02d}" for i in range(size)]
    hubs = [("North",) if i % 3 else ("South",) for i in range(size)]
    organisations = pd.DataFrame(
        {
            "type": [rng.choice(["hub", "trust", "icb"]) for _ in names],
            "hubs": hubs,
            "region": ["" for _ in names],
            "aliases": [() for _ in names],
            "waves": [() for _ in names],
            "short_name": ["" if i % 4 else f"O{i}" for i in range(size)],
        },
        index=pd.Index(names, name="name"),
    )

    def natures(count: int) -> list[tuple[str, ...]]:
        return [
            tuple(sorted(rng.choice(NATURE_KEYS, rng.integers(0, 3), replace=False)))
            for _ in range(count)
        ]

    pairs = [rng.choice(size + 1, 2, replace=False) for _ in range(reports)]
    named = [*names, "Named only in answers"]
    relevance = rng.integers(1, 4, reports).astype(float)
    relevance[rng.random(reports) < 0.2] = np.nan
    responses = pd.DataFrame(
        {
            "wave": "W",
            "respondent": [named[a] for a, _ in pairs],
            "partner": [named[b] for _, b in pairs],
            "frequency": rng.integers(0, 5, reports),
            "relevance": relevance,
            "direction": rng.choice(["out", "in", "both", "none"], reports),
            "nature": natures(reports),
            "respondent_person": [f"P{p}" for p in rng.integers(0, 3, reports)],
            "submitted": "",
            "source_file": "r.csv",
            "source_row": np.arange(2, reports + 2),
        }
    )
    count = reports // 4
    edge_pairs = [rng.choice(size, 2, replace=False) for _ in range(count)]
    edges = pd.DataFrame(
        {
            "wave": "W",
            "source": [names[a] for a, _ in edge_pairs],
            "target": [names[b] for _, b in edge_pairs],
            "weight": rng.integers(1, 6, count).astype(float),
            "nature": natures(count),
            "source_file": "e.csv",
            "source_row": np.arange(2, count + 2),
        }
    )
    return Survey(organisations, responses, edges)


@pytest.mark.parametrize("options", ALL_OPTIONS + FILTERED_OPTIONS + with_hub("Dorset"), ids=repr)
def test_demo_network_equals_references_under_every_option(demo, options, monkeypatch):
    for wave in demo.waves:
        assert_same_as_references(demo, wave, options, monkeypatch)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("options", ALL_OPTIONS + FILTERED_OPTIONS + with_hub("North"), ids=repr)
def test_random_surveys_with_natures_equal_references(seed, options, monkeypatch):
    assert_same_as_references(random_survey(seed), "W", options, monkeypatch)


def test_random_surveys_really_exercise_natures_and_both_sources():
    """The random surveys are not trivially empty: natures united from several reports,
    pairs reported by both sides, arcs from both the answers and the edge list."""
    ties = reconciled_ties(random_survey(0), "W")
    assert (ties["nature"].map(len) >= 2).any()
    assert ties["confirmed"].any() and (ties["respondents"] == 0).any()
    assert (~ties["direction_stated"]).any()


class CountingTuple(tuple):
    """A nature tuple that counts how often it is read element by element."""

    reads = 0

    def __iter__(self):
        CountingTuple.reads += 1
        return super().__iter__()


def test_nature_union_reads_each_distinct_tuple_a_few_times_not_each_report():
    """The union costs per distinct nature tuple, not per report: 2,000 reports that share
    three tuples are read a handful of times (a Python call per pair read each of them)."""
    survey = random_survey(1, size=60, reports=2000)
    shared = [CountingTuple(()), CountingTuple(("support",)), CountingTuple(("data", "ppie"))]
    responses = survey.responses.assign(
        nature=[shared[i % 3] for i in range(len(survey.responses))]
    )
    survey = Survey(survey.organisations, responses, survey.edges.iloc[0:0])
    CountingTuple.reads = 0
    ties = reconciled_ties(survey, "W", NetworkOptions(natures=("support", "data")))
    assert not ties.empty
    assert CountingTuple.reads <= 4 * len(shared)


REAL_DATASETS = [
    "dhhs_tobacco_leaders",
    "freeman_eies",
    "kapferer_tailor",
    "knecht_classroom",
    "knoke_bureaucracies",
    "krackhardt_hightech",
    "local_health_departments",
    "padgett_florentine",
    "s50_teenage_friends",
    "sampson_monastery",
    "tobacco_control_indiana",
    "vandebunt_freshmen",
]


@pytest.mark.datasets
@pytest.mark.parametrize("name", REAL_DATASETS)
def test_real_datasets_build_the_same_networks(datasets_dir, name, monkeypatch):
    folder = datasets_dir / name
    survey = load_survey([folder / "nodes.csv", folder / "ties.csv"])
    assert survey.waves
    options = [NetworkOptions(), NetworkOptions(weighting="binary", reconciliation="max")]
    for wave, option in product(survey.waves, options):
        assert_same_as_references(survey, wave, option, monkeypatch)
