"""The hubs' three core functions (ecosystem.analysis.functions), each indicator held against
a brute-force computation written here: plain loops over the network as built (breadth-first
search for reach, arcs counted for shares, every triad for brokerage, every pair for
catalysis and the E-I index), on hand-built ecosystems and on every hub of the demo survey
in both waves. The demo's numbers are not pinned (its responses may change): only their
agreement with brute force and with the Compare view is."""

from __future__ import annotations

import copy
import math
import re
from itertools import combinations, permutations

import networkx as nx
import pandas as pd
import pytest

from ecosystem.analysis.functions import (
    CHANGE_COLUMNS,
    INFORMATION_NATURES,
    catalysing,
    coordination,
    core_functions,
    dissemination,
    hub_organisation,
    partner_ei,
)
from ecosystem.codebook import NATURES
from ecosystem.errors import OptionError
from ecosystem.glossary import FUNCTION_MEASURES, MEASURES, explain, measure_label
from ecosystem.network import NetworkOptions, build_network
from ecosystem.service import compare_waves, functions_by_hub, functions_table
from ecosystem.service.functions import FUNCTIONS_TABLE_COLUMNS, TABLE_INDICATORS
from ecosystem.survey import Survey

FIRST, LATEST = "Formative 2023", "Summative 2024"

# Brute force: plain loops, no measure of the package.


def others(G, hub):
    return [node for node in G if node != hub]


def brute_direct_share(G, hub):
    tied = [o for o in others(G, hub) if G.has_edge(hub, o) or G.has_edge(o, hub)]
    return len(tied) / len(others(G, hub))


def brute_brokerage(G):
    """Every open two-path a -> b -> c (a, b, c distinct, no arc a -> c), counted for b."""
    counts = dict.fromkeys(G, 0)
    for a, b, c in permutations(G, 3):
        if G.has_edge(a, b) and G.has_edge(b, c) and not G.has_edge(a, c):
            counts[b] += 1
    return counts


def brute_brokerage_share(G, hub):
    counts = brute_brokerage(G)
    total = sum(counts.values())
    return counts[hub] / total if total else 0.0


def brute_betweenness_rank(G, hub):
    """1 + the organisations strictly more between (networkx, the reference, for the values)."""
    values = nx.betweenness_centrality(G)
    return 1 + sum(1 for v in values.values() if v > values[hub] + 1e-9)


def brute_reach(G, hub, steps):
    """Breadth-first search along arcs out of the hub, ``steps`` levels deep."""
    seen, frontier = {hub}, [hub]
    for _ in range(steps):
        following = []
        for node in frontier:
            for u, v in G.edges:
                if u == node and v not in seen:
                    seen.add(v)
                    following.append(v)
        frontier = following
    return (len(seen) - 1) / len(others(G, hub))


def brute_information_share(G, hub):
    arcs = [(u, v, d) for u, v, d in G.edges(data=True) if u == hub and v != hub]
    if not arcs:
        return math.nan
    informing = [a for a in arcs if any(n in INFORMATION_NATURES for n in a[2].get("nature", ()))]
    return len(informing) / len(arcs)


def partners_of(G, hub):
    return {o for o in others(G, hub) if G.has_edge(hub, o) or G.has_edge(o, hub)}


def brute_catalysis(before, after, hub):
    """(closed, open) pairs of the hub's earlier-wave partners."""
    open_pairs = closed = 0
    for a, b in combinations(sorted(partners_of(before, hub)), 2):
        if before.has_edge(a, b) or before.has_edge(b, a):
            continue
        open_pairs += 1
        closed += a in after and b in after and (after.has_edge(a, b) or after.has_edge(b, a))
    return closed, open_pairs


def brute_ei(G, partners, kind):
    internal = external = 0
    for a in partners:
        for b in partners:
            if a != b and a in G and b in G and G.has_edge(a, b):
                if kind(a) == kind(b):
                    internal += 1
                else:
                    external += 1
    return (external - internal) / (external + internal) if external + internal else math.nan


def kind_in(before, after):
    def kind(node):
        return after.nodes[node]["type"] if node in after else before.nodes[node]["type"]

    return kind


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, abs=1e-12)


def assert_one_wave_matches_brute_force(G, hub):
    own = hub_organisation(G, hub)
    c, d = coordination(G, hub), dissemination(G, hub)
    assert c["organisations"] == len(G) - 1
    assert same(c["direct_share"], brute_direct_share(G, own))
    assert same(c["brokerage_share"], brute_brokerage_share(G, own))
    assert c["betweenness_rank"] == brute_betweenness_rank(G, own)
    assert same(d["reach_1"], brute_reach(G, own, 1))
    assert same(d["reach_2"], brute_reach(G, own, 2))
    assert same(d["information_share"], brute_information_share(G, own))


# Hand-built ecosystems.


def ecosystem_a() -> nx.DiGraph:
    """A hub tied to four of six others; arcs of several natures, a two-step chain, an isolate."""
    G = nx.DiGraph(wave="W1")
    kinds = {"Hub": "hub", "A": "icb", "B": "icb", "C": "vcse", "D": "university",
             "E": "vcse", "F": "council"}  # fmt: skip
    for node, kind in kinds.items():
        G.add_node(node, type=kind, hubs="Dorset")
    G.add_edge("Hub", "A", nature=("horizon_scanning", "steering"))
    G.add_edge("Hub", "B", nature=("in_kind",))
    G.add_edge("Hub", "C", nature=())
    G.add_edge("D", "Hub", nature=("data",))
    G.add_edge("A", "E", nature=("support",))
    G.add_edge("B", "A", nature=("support",))
    G.add_edge("E", "D", nature=("support",))
    return G  # F is an isolate


def ecosystem_b() -> nx.DiGraph:
    """The later wave of ecosystem_a: C and D come together, B and C too, E leaves, G joins."""
    G = ecosystem_a()
    G.graph["wave"] = "W2"
    G.remove_node("E")
    G.add_node("G", type="industry", hubs="Dorset")
    G.add_edge("C", "D", nature=("joint_bids",))
    G.add_edge("B", "C", nature=("support",))
    G.add_edge("Hub", "D", nature=("methodology",))
    G.add_edge("Hub", "G", nature=("support",))
    return G


def test_information_natures_are_natures_of_the_codebook():
    assert set(INFORMATION_NATURES) == {"support", "horizon_scanning", "methodology", "data"}
    assert set(INFORMATION_NATURES) <= set(NATURES)


@pytest.mark.parametrize("build", [ecosystem_a, ecosystem_b])
def test_one_wave_indicators_equal_brute_force_on_hand_built_ecosystems(build):
    assert_one_wave_matches_brute_force(build(), "Dorset")


def test_hand_built_indicators_have_the_values_worked_out_by_hand():
    """Ecosystem A, by hand: n = 6; tied to A, B, C, D (4/6); reaches A, B, C in one step and
    E too in two (4/6); of its three arcs out, only the one to A carries information (1/3)."""
    c, d = coordination(ecosystem_a(), "Dorset"), dissemination(ecosystem_a(), "Dorset")
    assert c["direct_share"] == pytest.approx(4 / 6)
    assert c["organisations"] == 6
    assert d == pytest.approx({"reach_1": 3 / 6, "reach_2": 4 / 6, "information_share": 1 / 3})


def test_catalysing_equals_brute_force_pairs_and_ei_on_a_hand_built_ecosystem():
    before, after = ecosystem_a(), ecosystem_b()
    result = catalysing(before, after, "Dorset")
    closed, open_pairs = brute_catalysis(before, after, "Hub")
    # By hand: partners A, B, C, D; A-B tied; open A-C, A-D, B-C, B-D, C-D; closed B-C, C-D.
    assert (closed, open_pairs) == (2, 5)
    assert (result["catalysed_pairs"], result["open_pairs"]) == (closed, open_pairs)
    assert result["catalysed_share"] == pytest.approx(2 / 5)
    partners, kind = partners_of(before, "Hub"), kind_in(before, after)
    assert same(result["ei_before"], brute_ei(before, partners, kind))
    assert same(result["ei_after"], brute_ei(after, partners, kind))
    # By hand: before B -> A (icb, icb): -1; after also C -> D and B -> C across types: 1/3.
    assert (result["ei_before"], result["ei_after"]) == (-1.0, pytest.approx(1 / 3))
    assert result["ei_change"] == pytest.approx(4 / 3)


def test_brokerage_share_is_zero_when_nobody_brokers_and_ranks_share_the_best():
    G = nx.DiGraph([("Hub", "A"), ("Hub", "B")])
    nx.set_node_attributes(G, "vcse", "type")
    result = coordination(G, "Hub")
    assert result["brokerage_share"] == 0.0
    assert result["betweenness_rank"] == 1  # every betweenness is 0: all share rank 1


def test_a_hub_that_supports_nobody_has_no_information_share():
    G = nx.DiGraph([("A", "Hub")])
    nx.set_node_attributes(G, "vcse", "type")
    assert math.isnan(dissemination(G, "Hub")["information_share"])
    assert dissemination(G, "Hub")["reach_1"] == 0.0


def test_the_hub_is_the_hub_organisation_of_that_hub_alone():
    """A hub organisation listed under two hubs is not either hub's own."""
    G = nx.DiGraph()
    G.add_node("Shared Hub", type="hub", hubs="Dorset; Manchester")
    G.add_node("Dorset Hub", type="hub", hubs="Dorset")
    G.add_node("Trust", type="trust", hubs="Dorset")
    assert hub_organisation(G, "Dorset") == "Dorset Hub"
    assert hub_organisation(G, "Manchester") is None
    with pytest.raises(OptionError, match="Manchester"):
        coordination(G, "Manchester")


def test_partner_ei_counts_arcs_among_the_partners_only():
    G = nx.DiGraph([("A", "B"), ("B", "A"), ("A", "X")])
    kinds = {"A": "icb", "B": "vcse", "X": "icb"}
    assert partner_ei(G, {"A", "B"}, kinds) == 1.0
    assert math.isnan(partner_ei(G, {"A"}, kinds))


def test_nothing_it_is_given_is_modified():
    before, after = ecosystem_a(), ecosystem_b()
    copies = copy.deepcopy(before), copy.deepcopy(after)
    core_functions(before, after, "Dorset", samples=50)
    for graph, kept in zip((before, after), copies, strict=True):
        assert nx.utils.graphs_equal(graph, kept)
        assert dict(graph.nodes(data=True)) == dict(kept.nodes(data=True))


# Changes between waves and their intervals.


def test_changes_hold_both_waves_values_and_their_difference():
    before, after = ecosystem_a(), ecosystem_b()
    result = core_functions(before, after, "Dorset", samples=200)
    changes = result.changes.set_index("indicator")
    assert tuple(result.changes.columns) == CHANGE_COLUMNS
    assert list(changes.index) == [
        "direct_share", "brokerage_share", "betweenness_rank",
        "reach_1", "reach_2", "information_share",
    ]  # fmt: skip
    assert changes.loc["direct_share", "before"] == pytest.approx(brute_direct_share(before, "Hub"))
    assert changes.loc["direct_share", "after"] == pytest.approx(brute_direct_share(after, "Hub"))
    assert (changes["change"] == changes["after"] - changes["before"]).all()
    assert changes.loc[["brokerage_share", "betweenness_rank"], ["low", "high"]].isna().all().all()
    honest = changes.loc[["direct_share", "reach_1", "reach_2", "information_share"]]
    assert honest[["low", "high"]].notna().all().all()
    assert (honest["low"] <= honest["high"]).all()
    assert result.catalysing == catalysing(before, after, "Dorset")


def test_the_bootstrap_is_deterministic_for_a_seed_and_moves_with_it():
    before, after = ecosystem_a(), ecosystem_b()
    first = core_functions(before, after, "Dorset", samples=300, seed=7).changes
    again = core_functions(before, after, "Dorset", samples=300, seed=7).changes
    other = core_functions(before, after, "Dorset", samples=300, seed=8).changes
    pd.testing.assert_frame_equal(first, again)
    assert not first[["low", "high"]].equals(other[["low", "high"]])


def test_an_interval_brackets_a_change_that_every_organisation_shares():
    """Every other organisation untied before and tied after: every sample's change is +1."""
    before = nx.DiGraph()
    before.add_nodes_from(["Hub", "A", "B", "C"], type="vcse")
    after = before.copy()
    after.add_edges_from([("Hub", "A"), ("B", "Hub"), ("Hub", "C")])
    row = core_functions(before, after, "Hub", samples=100).changes.iloc[0]
    assert (row["indicator"], row["change"], row["low"], row["high"]) == ("direct_share", 1, 1, 1)


def test_a_hub_absent_from_the_earlier_wave_has_nan_before_and_nothing_to_catalyse():
    before = nx.DiGraph([("A", "B")])
    nx.set_node_attributes(before, "vcse", "type")
    result = core_functions(before, ecosystem_b(), "Dorset", samples=50)
    assert result.changes["before"].isna().all()
    assert result.catalysing["open_pairs"] == 0
    assert math.isnan(result.catalysing["catalysed_share"])


def test_a_later_wave_without_the_hub_is_refused():
    with pytest.raises(OptionError, match="Lancashire"):
        core_functions(ecosystem_a(), ecosystem_b(), "Lancashire")


def test_samples_below_one_are_refused():
    with pytest.raises(OptionError, match="samples"):
        core_functions(ecosystem_a(), ecosystem_b(), "Dorset", samples=0)


# Findings.


def test_findings_say_each_indicator_in_plain_words_with_its_interval():
    result = core_functions(ecosystem_a(), ecosystem_b(), "Dorset", samples=500)
    changes = result.changes.set_index("indicator")
    low, high = (round(changes.loc["direct_share", b] * 100) for b in ("low", "high"))
    assert result.findings[0] == (
        "Dorset's hub was tied to 83% of its ecosystem in W2, up from 67% in W1 "
        f"(95% interval of the change {low:+d} to {high:+d} points)."
    ).replace("+0 ", "0 ")
    assert "Dorset's hub ranked 1st on betweenness in W2 (1st in W1)." in result.findings
    assert (
        "Of the 5 pairs of Dorset's hub's partners in W1 not tied to each other, 2 (40%) "
        "were tied in W2." in result.findings
    )
    assert (
        "Ties among those partners crossed organisation types more in W2 (E-I index +0.33) "
        "than in W1 (-1.00)." in result.findings
    )


def test_one_wave_findings_compare_nothing():
    result = core_functions(None, ecosystem_a(), "Dorset")
    assert result.changes is None and result.catalysing is None and result.wave_from is None
    assert result.findings[0] == "Dorset's hub was tied to 67% of its ecosystem in W1."
    assert not any("from" in sentence for sentence in result.findings)


def test_a_share_that_did_not_move_reads_the_same_and_a_fall_reads_down():
    after, before = ecosystem_a(), ecosystem_b()  # W2 -> W1 order: the hub lost ties
    findings = core_functions(before, after, "Dorset", samples=50).findings
    assert findings[0].startswith("Dorset's hub was tied to 67% of its ecosystem in W1, down ")
    same_twice = core_functions(ecosystem_a(), ecosystem_a(), "Dorset", samples=50).findings
    assert "Dorset's hub reached 50% of its ecosystem directly in W1, the same as in W1" in (
        " ".join(same_twice)
    )


# The demo survey: every hub, both waves.


@pytest.fixture(scope="module")
def demo_networks(demo):
    networks = {
        (hub, wave): build_network(demo, wave, NetworkOptions(hub=hub))
        for hub in demo.hubs
        for wave in (FIRST, LATEST)
    }
    return demo, networks


DEMO_HUBS = ("Bradford District and Craven", "Cambridgeshire and Peterborough", "Dorset",
             "Manchester")  # fmt: skip


@pytest.mark.parametrize("wave", [FIRST, LATEST])
@pytest.mark.parametrize("hub", DEMO_HUBS)
def test_demo_indicators_equal_brute_force_for_every_hub_and_wave(demo_networks, hub, wave):
    _, networks = demo_networks
    G = networks[hub, wave]
    own = hub_organisation(G, hub)
    assert G.nodes[own]["type"] == "hub" and G.nodes[own]["hubs"] == hub
    assert_one_wave_matches_brute_force(G, hub)


@pytest.mark.parametrize("hub", DEMO_HUBS)
def test_demo_catalysing_equals_brute_force_and_the_compare_view(demo_networks, hub):
    survey, networks = demo_networks
    before, after = networks[hub, FIRST], networks[hub, LATEST]
    result = catalysing(before, after, hub)
    own = hub_organisation(after, hub)
    assert (result["catalysed_pairs"], result["open_pairs"]) == brute_catalysis(before, after, own)
    partners, kind = partners_of(before, own), kind_in(before, after)
    assert same(result["ei_before"], brute_ei(before, partners, kind))
    assert same(result["ei_after"], brute_ei(after, partners, kind))
    compared = compare_waves(survey, FIRST, LATEST, NetworkOptions(hub=hub), 9, 9, pairs="all")
    row = compared.catalysis.set_index("hub").loc[own]
    assert (result["catalysed_pairs"], result["open_pairs"]) == (
        row["closed_pairs"],
        row["open_pairs"],
    )
    assert same(result["catalysed_share"], row["closed_share"])


# The service: every hub of a survey, and the table.


def test_functions_by_hub_gives_each_hub_its_own_core_functions_in_survey_order(demo_networks):
    survey, networks = demo_networks
    results = functions_by_hub(survey, LATEST, NetworkOptions(), FIRST, samples=100, pairs="all")
    assert [r.hub for r in results] == list(survey.hubs) == list(DEMO_HUBS)
    for result in results:
        expected = core_functions(
            networks[result.hub, FIRST], networks[result.hub, LATEST], result.hub, samples=100
        )
        assert (result.wave, result.wave_from) == (LATEST, FIRST)
        assert result.coordination == expected.coordination
        assert result.catalysing == expected.catalysing
        pd.testing.assert_frame_equal(result.changes, expected.changes)
        assert result.findings == expected.findings


def test_functions_by_hub_catalyses_like_with_like_as_the_compare_view(demo_networks):
    survey, _ = demo_networks
    results = functions_by_hub(survey, LATEST, NetworkOptions(), FIRST, samples=19)
    for result in results:
        assert result.catalysing is not None
        compared = compare_waves(survey, FIRST, LATEST, NetworkOptions(hub=result.hub), 9, 9)
        own = hub_organisation(compared.after, result.hub)
        row = compared.catalysis.set_index("hub").loc[own]
        assert (result.catalysing["catalysed_pairs"], result.catalysing["open_pairs"]) == (
            row["closed_pairs"],
            row["open_pairs"],
        )


def test_functions_by_hub_of_one_hub_takes_its_organisations_name_too(demo_networks):
    survey, _ = demo_networks
    results = functions_by_hub(survey, FIRST, NetworkOptions(hub="Dorset Innovation Hub"))
    assert [(r.hub, r.wave, r.catalysing, r.changes) for r in results] == [
        ("Dorset", FIRST, None, None)
    ]


def test_a_hub_with_no_organisation_of_type_hub_is_skipped(demo_networks):
    survey, _ = demo_networks
    organisations = survey.organisations.copy()
    organisations.loc["Dorset Innovation Hub", "type"] = "icb"
    changed = Survey(organisations, survey.responses, survey.edges)
    hubs = [r.hub for r in functions_by_hub(changed, LATEST, NetworkOptions())]
    assert hubs == [hub for hub in DEMO_HUBS if hub != "Dorset"]


def test_functions_by_hub_refuses_the_same_wave_twice_and_an_unknown_hub(demo_networks):
    survey, _ = demo_networks
    with pytest.raises(OptionError, match="both"):
        functions_by_hub(survey, LATEST, NetworkOptions(), LATEST)
    with pytest.raises(OptionError, match="Lancashire"):
        functions_by_hub(survey, LATEST, NetworkOptions(hub="Lancashire"))


def test_functions_table_has_a_row_per_hub_and_indicator_with_glossary_labels(demo_networks):
    survey, _ = demo_networks
    results = functions_by_hub(survey, LATEST, NetworkOptions(), FIRST, samples=100)
    table = functions_table(results)
    assert tuple(table.columns) == FUNCTIONS_TABLE_COLUMNS
    assert len(table) == len(DEMO_HUBS) * len(TABLE_INDICATORS)
    assert set(table["function"]) == {
        "Central coordination",
        "Information dissemination",
        "Catalysing partnerships",
    }
    labels = [FUNCTION_MEASURES[key].label for _, key in TABLE_INDICATORS]
    assert table["indicator"].tolist() == labels * len(DEMO_HUBS)
    dorset = next(r for r in results if r.hub == "Dorset")
    rows = table[table["hub"] == "Dorset"].set_index("indicator")
    changes = dorset.changes.set_index("indicator")
    for key in ("direct_share", "reach_2"):
        row = rows.loc[measure_label(key)]
        assert row["value"] == dorset.coordination.get(key, dorset.dissemination.get(key))
        assert tuple(row[["before", "change", "low", "high"]]) == tuple(
            changes.loc[key, ["before", "change", "low", "high"]]
        )
    assert rows.loc["Partnerships catalysed", "value"] == dorset.catalysing["catalysed_share"]
    assert rows.loc["Partners' E-I index", "before"] == dorset.catalysing["ei_before"]
    assert (table["wave_from"] == FIRST).all() and (table["wave"] == LATEST).all()


def test_functions_table_of_one_wave_has_no_catalysing_and_no_change(demo_networks):
    survey, _ = demo_networks
    table = functions_table(functions_by_hub(survey, LATEST, NetworkOptions(hub="Manchester")))
    assert len(table) == 6 and "Catalysing partnerships" not in set(table["function"])
    assert table[["before", "change", "low", "high"]].isna().all().all()
    assert table["wave_from"].isna().all()


@pytest.mark.parametrize("key", sorted(FUNCTION_MEASURES))
def test_every_indicator_is_in_the_glossary_short_plain_and_british(key):
    measure = FUNCTION_MEASURES[key]
    assert measure.key == key and len(measure.label) <= 30
    assert 2 <= len(re.findall(r"[.!?](?:\s|$)", measure.explanation)) <= 4
    assert re.fullmatch(r"[A-Z][A-Za-z .-]+ (19|20)\d\d", measure.reference)
    text = f"{measure.label} {measure.explanation} {measure.higher_is}".lower()
    assert not any(word in text for word in ("organization", "center", "behavior", "program "))
    assert explain(key).startswith(measure.label + ": ")
    assert measure_label(key) == measure.display


def test_the_glossary_covers_every_indicator_of_the_table():
    assert {key for _, key in TABLE_INDICATORS} == set(FUNCTION_MEASURES)
    assert not set(FUNCTION_MEASURES) & set(MEASURES)
