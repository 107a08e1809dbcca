"""Tests for ecosystem.analysis.profile: one organisation's ties, ranks and brokerage.

Oracles: a six-organisation network whose every expected row, value and rank is worked out
by hand below; on the demo survey, the graph's own arcs and an independent rank count
(1 + the number of organisations with a strictly better value).
"""

from __future__ import annotations

import copy
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from ecosystem.analysis.brokerage import ROLES, brokerage_expectations, brokerage_roles
from ecosystem.analysis.profile import (
    DIRECTION_BOTH,
    DIRECTION_BOTH_OR_UNSTATED,
    DIRECTION_GIVES,
    DIRECTION_RECEIVES,
    PARTNER_COLUMNS,
    OrganisationProfile,
    UnknownOrganisationError,
    measure_ranks,
    organisation_profile,
    ties_of,
)
from ecosystem.analysis.tables import organisation_table
from ecosystem.errors import OptionError
from ecosystem.glossary import MEASURES
from ecosystem.network import TIE_COLUMNS, NetworkOptions, build_network

NAN = float("nan")


def _arc(**values) -> dict:
    """Edge attributes as build_network sets them (ecosystem.network.TIE_COLUMNS)."""
    attributes = {
        "weight": 1.0,
        "frequency": 1.0,
        "relevance": NAN,
        "nature": (),
        "reports": 1,
        "respondents": 1,
        "confirmed": False,
        "direction_stated": True,
    }
    attributes.update(values)
    return attributes


def hand_network() -> nx.DiGraph:
    """Six organisations; arcs in the direction of support.

    Trust <-> Hub        weight 4, frequency 4, relevance 3, steering + support, confirmed
    University -> Hub    weight 2.5, frequency 2.5, relevance 1.5, methodology
    Hub -> Council       weight 1, frequency 1, no relevance answer, no nature
    Hub <-> Acme Devices weight 1, frequency 1, relevance 2, data + other, no direction stated
    Council -> Trust     weight 2, frequency 2, relevance 2, joint bids, confirmed
    Charity              an isolate
    """
    G = nx.DiGraph(wave="W", hub="Dorset")
    for name, kind, responded in [
        ("Hub", "hub", True),
        ("Trust", "trust", True),
        ("University", "university", False),
        ("Council", "council", True),
        ("Acme Devices", "industry", False),
        ("Charity", "VCSE", False),
    ]:
        G.add_node(name, type=kind, hubs="Dorset", region="", responded=responded)
    pair = _arc(
        weight=4.0,
        frequency=4.0,
        relevance=3.0,
        nature=("steering", "support"),
        reports=2,
        respondents=3,
        confirmed=True,
    )
    G.add_edge("Trust", "Hub", **pair)
    G.add_edge("Hub", "Trust", **pair)
    G.add_edge(
        "University",
        "Hub",
        **_arc(weight=2.5, frequency=2.5, relevance=1.5, nature=("methodology",)),
    )
    G.add_edge("Hub", "Council", **_arc())
    acme = _arc(relevance=2.0, nature=("data", "other"), direction_stated=False)
    G.add_edge("Hub", "Acme Devices", **acme)
    G.add_edge("Acme Devices", "Hub", **acme)
    G.add_edge(
        "Council",
        "Trust",
        **_arc(
            weight=2.0,
            frequency=2.0,
            relevance=2.0,
            nature=("joint_bids",),
            reports=2,
            respondents=2,
            confirmed=True,
        ),
    )
    return G


# --------------------------------------------------------------------------------------------
# ties_of on the hand network


def test_hub_ties_row_by_row():
    # The Hub's partners: Trust (both arcs), University (University -> Hub), Council
    # (Hub -> Council), Acme Devices (both arcs, no direction stated). Charity: no arc.
    # Sorted by weight, strongest first; Acme Devices and Council both weigh 1, so by name.
    # frequency_label: nearest frequency label, halves up: 4 -> Weekly or more,
    #   2.5 -> 3 Monthly, 1 -> Less than quarterly.
    # relevance_label: 3 -> Highly relevant, 1.5 -> 2 Relevant, 2 -> Relevant, NaN -> "".
    # nature: labels in codebook order (support before steering; data before other).
    expected = pd.DataFrame(
        [
            ["Trust", "trust", DIRECTION_BOTH, 4.0, 4.0, "Weekly or more", 3.0,
             "Highly relevant", "Support and guidance; Steering or programme group",
             True, True, 2],
            ["University", "university", DIRECTION_RECEIVES, 2.5, 2.5, "Monthly", 1.5,
             "Relevant", "Methodology or evaluation advice", False, True, 1],
            ["Acme Devices", "industry", DIRECTION_BOTH_OR_UNSTATED, 1.0, 1.0,
             "Less than quarterly", 2.0, "Relevant", "Data or digital capacity; Other",
             False, False, 1],
            ["Council", "council", DIRECTION_GIVES, 1.0, 1.0, "Less than quarterly", NAN,
             "", "", False, True, 1],
        ],
        columns=list(PARTNER_COLUMNS),
    )  # fmt: skip
    result = ties_of(hand_network(), "Hub")
    pd.testing.assert_frame_equal(result, expected, check_dtype=False)
    assert result["reports"].dtype == np.int64
    assert result["weight"].dtype == float and result["frequency"].dtype == float
    assert result["confirmed"].dtype == bool


def test_directions_are_worded_from_the_organisations_point_of_view():
    # Council -> Trust: Council gives support to Trust; Trust receives it from Council.
    # Hub -> Council: Council receives support from the Hub.
    G = hand_network()
    council = ties_of(G, "Council").set_index("partner")["direction"].to_dict()
    assert council == {"Hub": DIRECTION_RECEIVES, "Trust": DIRECTION_GIVES}
    trust = ties_of(G, "Trust").set_index("partner")["direction"].to_dict()
    assert trust == {"Hub": DIRECTION_BOTH, "Council": DIRECTION_RECEIVES}
    assert (
        len({DIRECTION_BOTH, DIRECTION_BOTH_OR_UNSTATED, DIRECTION_GIVES, DIRECTION_RECEIVES}) == 4
    )


def test_isolate_has_no_ties_but_the_columns():
    result = ties_of(hand_network(), "Charity")
    assert result.empty and list(result.columns) == list(PARTNER_COLUMNS)


def test_arcs_that_differ_are_combined_and_self_ties_left_out():
    # An edge-list file may weight each direction: X -> Y weight 2 (1 report, data),
    # Y -> X weight 4 (3 reports, support), no frequency or relevance asked.
    # Row: weight (2 + 4) / 2 = 3; natures united; reports the larger, 3; no labels.
    G = nx.DiGraph()
    G.add_nodes_from([("X", {"type": "hub"}), ("Y", {"type": "unknown"})])
    G.add_edge("X", "Y", **_arc(weight=2.0, frequency=NAN, nature=("data",), reports=1))
    G.add_edge("Y", "X", **_arc(weight=4.0, frequency=NAN, nature=("support",), reports=3))
    G.add_edge("X", "X", **_arc(weight=9.0))
    row = ties_of(G, "X").iloc[0]
    assert len(ties_of(G, "X")) == 1
    assert row["partner"] == "Y" and row["direction"] == DIRECTION_BOTH
    assert row["weight"] == 3.0 and math.isnan(row["frequency"])
    assert row["frequency_label"] == "" and row["relevance_label"] == ""
    assert row["nature"] == "Support and guidance; Data or digital capacity"
    assert row["reports"] == 3


@pytest.mark.parametrize(
    ("frequency", "relevance", "frequency_label", "relevance_label"),
    [
        (0.5, 0.5, "Less than quarterly", "Somewhat relevant"),  # halves go up
        (1.49, 0.49, "Less than quarterly", "Not relevant"),
        (2.0, 2.0, "Quarterly", "Relevant"),
        (3.5, 2.5, "Weekly or more", "Highly relevant"),
        (4.0, 3.0, "Weekly or more", "Highly relevant"),
    ],
)
def test_labels_are_the_nearest_codebook_labels(
    frequency, relevance, frequency_label, relevance_label
):
    G = nx.DiGraph()
    G.add_nodes_from([("A", {"type": "hub"}), ("B", {"type": "trust"})])
    G.add_edge("B", "A", **_arc(weight=frequency, frequency=frequency, relevance=relevance))
    row = ties_of(G, "A").iloc[0]
    assert (row["frequency_label"], row["relevance_label"]) == (frequency_label, relevance_label)


def test_unknown_organisation_is_a_typed_error_with_a_suggestion():
    G = hand_network()
    with pytest.raises(UnknownOrganisationError) as caught:
        ties_of(G, "Acme Device")
    assert isinstance(caught.value, KeyError) and isinstance(caught.value, OptionError)
    assert str(caught.value) == (
        "organisation 'Acme Device' is not in this network (W, Dorset); "
        "did you mean 'Acme Devices'?"
    )
    with pytest.raises(KeyError, match="'Zzz' is not in this network"):
        ties_of(G, "Zzz")
    with pytest.raises(OptionError, match="not in the organisation table"):
        measure_ranks(organisation_table(G), "Zzz")


# --------------------------------------------------------------------------------------------
# measure_ranks on the hand network
#
# Worked by hand (n = 6; rank 1 = highest, constraint: 1 = lowest; ties share the best rank):
#
#   measure         Hub     Trust   University  Council  Acme     Charity
#   in_degree       3       2       0           1        1        0
#   out_degree      3       1       1           1        1        0
#   in_strength     7.5     6       0           1        1        0        (4+2.5+1; 4+2)
#   out_strength    6       4       2.5         2        1        0        (4+1+1)
#   betweenness     8/20    2/20    0           0        0        0
#     Hub lies on the only shortest routes T->C, T->A, U->T, U->C, U->A, C->A (C-T-H-A),
#     A->T, A->C; Trust on C->H and C->A; divided by (n-1)(n-2) = 20.
#   closeness       0.64    0.5333  0           0.4571   0.4      0
#     reached by r = 4 others at total distance S: Hub S = 1+1+1+2 = 5, (4/5)(4/5);
#     Trust S = 6, (4/6)(4/5); Council S = 7, (4/7)(4/5); Acme S = 8, (4/8)(4/5).
#   harmonic        0.7     0.6     0           0.5      0.4667   0
#     Hub (1+1+1+1/2)/5; Trust (1+1+1/2+1/2)/5; Council (1+3/2)/5; Acme (1+1/2+1/2+1/3)/5.
#   constraint      0.5055  0.8183  1           1.4979   1        NaN
#     mutual weights z: Hub-Trust 8, Hub-University 2.5, Hub-Council 1, Hub-Acme 2,
#     Council-Trust 2. Council: p(C,H) = 1/3, p(C,T) = 2/3;
#     (1/3 + 2/3 * 8/10)^2 + (2/3 + 1/3 * 8/13.5)^2 = 0.7511 + 0.7468 = 1.4979.
#     Trust: (0.8 + 0.2 * 1/3)^2 + (0.2 + 0.8 * 1/13.5)^2 = 0.7511 + 0.0672 = 0.8183.
#     Hub: (8/13.5 + 1/13.5 * 2/3)^2 + (2.5/13.5)^2 + (1/13.5 + 8/13.5 * 0.2)^2
#          + (2/13.5)^2 = 0.4121 + 0.0343 + 0.0371 + 0.0219 = 0.5055.
#     One partner: 1. Charity has no tie: NaN, so 5 organisations are ranked.
#   effective_size  3.3889  1.575   1           1        1        NaN
#     Hub: 4 - (1/13.5)(2/8) - (8/13.5)(2/2) = 3.3889;
#     Trust: 2 - 0.2 * (1/8) - 0.8 * (1/2) = 1.575; Council: 2 - (2/3)(1) - (1/3)(1) = 1.
#   liaison,        7       1       0           0        0        0
#   brokerage       Hub brokers T->H->C, T->H->A, U->H->T, U->H->C, U->H->A, A->H->T,
#                   A->H->C (three types each time, none its own); Trust brokers C->T->H.
#   other roles     0 everywhere: all six share rank 1.

HUB_RANKS = {
    # measure: (value, rank, ranked)
    "in_degree": (3, 1, 6),
    "out_degree": (3, 1, 6),
    "in_strength": (7.5, 1, 6),
    "out_strength": (6, 1, 6),
    "betweenness": (0.4, 1, 6),
    "closeness": (0.64, 1, 6),
    "harmonic": (0.7, 1, 6),
    "constraint": (0.5055, 1, 5),
    "effective_size": (3.3889, 1, 5),
    "coordinator": (0, 1, 6),
    "gatekeeper": (0, 1, 6),
    "representative": (0, 1, 6),
    "consultant": (0, 1, 6),
    "liaison": (7, 1, 6),
    "brokerage": (7, 1, 6),
}
COUNCIL_RANKS = {
    "in_degree": (1, 3, 6),  # after Hub 3, Trust 2; tied with Acme
    "out_degree": (1, 2, 6),  # after Hub 3; tied with Trust, University, Acme
    "in_strength": (1, 3, 6),  # after 7.5, 6; tied with Acme
    "out_strength": (2, 4, 6),  # after 6, 4, 2.5
    "betweenness": (0, 3, 6),  # after 0.4, 0.1; four tied at 0
    "closeness": (0.4571, 3, 6),  # after 0.64, 0.5333
    "harmonic": (0.5, 3, 6),  # after 0.7, 0.6
    "constraint": (1.4979, 5, 5),  # the most constrained of the five with ties
    "effective_size": (1, 3, 5),  # after 3.3889, 1.575; tied with University, Acme
    "coordinator": (0, 1, 6),
    "liaison": (0, 3, 6),  # after 7, 1
    "brokerage": (0, 3, 6),
}


@pytest.mark.parametrize(
    ("organisation", "expected"), [("Hub", HUB_RANKS), ("Council", COUNCIL_RANKS)]
)
def test_ranks_worked_by_hand(organisation, expected):
    ranks = measure_ranks(organisation_table(hand_network()), organisation)
    for measure, (value, rank, ranked) in expected.items():
        row = ranks.loc[measure]
        assert row["value"] == pytest.approx(value, abs=5e-5), measure
        assert (row["rank"], row["ranked"]) == (rank, ranked), measure


def test_rank_table_shape_labels_and_direction():
    table = organisation_table(hand_network())
    ranks = measure_ranks(table, "Charity")
    measures = [c for c in table.columns if c not in ("type", "hubs", "responded")]
    assert list(ranks.index) == measures and ranks.index.name == "measure"
    assert list(ranks.columns) == ["label", "value", "rank", "ranked", "higher_is_better", "order"]
    assert ranks["label"].tolist() == [MEASURES[m].display for m in measures]
    assert ranks["rank"].dtype == "Int64"
    assert ranks.loc[ranks["higher_is_better"]].index.tolist() == [
        m for m in measures if m != "constraint"
    ]
    assert ranks.loc["constraint", "order"] == "1 = lowest (least constrained)"
    assert ranks.loc["betweenness", "order"] == "1 = highest"
    # Charity has no tie: no constraint or effective size, so no rank for them.
    assert pd.isna(ranks.loc["constraint", "rank"]) and math.isnan(ranks.loc["constraint", "value"])
    assert pd.isna(ranks.loc["effective_size", "rank"])
    # Zeros tie: in_degree 0 for University and Charity, behind 3, 2, 1, 1: rank 5.
    assert ranks.loc["in_degree", "rank"] == 5


# --------------------------------------------------------------------------------------------
# organisation_profile on the hand network


def test_hub_profile_by_hand():
    G = hand_network()
    table = organisation_table(G)
    profile = organisation_profile(G, table, "Hub")
    assert isinstance(profile, OrganisationProfile)
    assert (profile.name, profile.type, profile.type_label) == ("Hub", "hub", "Innovation hub")
    assert profile.hubs == ("Dorset",) and profile.responded is True
    pd.testing.assert_frame_equal(profile.ties, ties_of(G, "Hub"))
    pd.testing.assert_frame_equal(profile.measures, measure_ranks(table, "Hub"))
    # Roles: 7 liaison, nothing else. Null model: density d = 7 arcs / (6 * 5) = 7/30,
    # p = d^2 (1 - d) = 0.041741. Every other organisation has a type of its own, so the hub
    # can only be a liaison: (a, c) ordered pairs of two other, different types = 5 * 4 = 20,
    # expected 20 p = 0.834815; every other role expects 0 (sd 0, z NaN).
    roles = profile.roles.set_index("role")
    assert list(profile.roles.columns) == ["role", "label", "count", "expected", "z"]
    assert list(roles.index) == [*ROLES, "total"]
    assert roles["count"].to_dict() == {role: 0 for role in ROLES} | {"liaison": 7, "total": 7}
    p = (7 / 30) ** 2 * (1 - 7 / 30)
    assert roles.loc["liaison", "expected"] == pytest.approx(20 * p)
    assert roles.loc["total", "expected"] == pytest.approx(20 * p)
    assert (
        roles.loc[["coordinator", "gatekeeper", "representative", "consultant"], "expected"] == 0
    ).all()
    assert not np.signbit(roles["expected"].to_numpy()).any()  # no "-0" on screen
    assert roles.loc[["coordinator", "consultant"], "z"].isna().all()
    expectations = brokerage_expectations(G)
    assert roles.loc["liaison", "z"] == pytest.approx(expectations.loc["Hub", "liaison_z"])
    assert roles.loc["total", "label"] == MEASURES["brokerage"].display


def test_profile_reuses_given_expectations():
    G = hand_network()
    table = organisation_table(G)
    computed = organisation_profile(G, table, "Trust")
    given = organisation_profile(G, table, "Trust", expectations=brokerage_expectations(G))
    pd.testing.assert_frame_equal(given.roles, computed.roles)
    # Expectations are really taken from the argument: doubled ones show doubled.
    doubled = brokerage_expectations(G) * 2
    twice = organisation_profile(G, table, "Trust", expectations=doubled)
    np.testing.assert_allclose(twice.roles["expected"], 2 * computed.roles["expected"])


def test_profile_of_an_organisation_missing_from_the_graph():
    G = hand_network()
    table = organisation_table(G)
    smaller = G.copy()
    smaller.remove_node("Charity")
    with pytest.raises(UnknownOrganisationError, match="'Charity'"):
        organisation_profile(smaller, table, "Charity")
    with pytest.raises(UnknownOrganisationError, match="not in the organisation table"):
        organisation_profile(G, table.drop(index="Charity"), "Charity")


def test_inputs_are_not_mutated():
    G = hand_network()
    table = organisation_table(G)
    expectations = brokerage_expectations(G)
    before = (
        copy.deepcopy(dict(G.nodes(data=True))),
        copy.deepcopy(list(G.edges(data=True))),
        dict(G.graph),
    )
    table_before, expectations_before = table.copy(deep=True), expectations.copy(deep=True)
    for organisation in G:
        organisation_profile(G, table, organisation, expectations)
        organisation_profile(G, table, organisation)
    assert before == (dict(G.nodes(data=True)), list(G.edges(data=True)), dict(G.graph))
    pd.testing.assert_frame_equal(table, table_before)
    pd.testing.assert_frame_equal(expectations, expectations_before)


# --------------------------------------------------------------------------------------------
# The demo survey: Dorset, Summative 2024

HUB = "Dorset Innovation Hub"


@pytest.fixture(scope="module")
def dorset(demo):
    G = build_network(demo, "Summative 2024", NetworkOptions(hub="Dorset"))
    return G, organisation_table(G)


def test_dorset_hub_profile_lists_exactly_its_arcs(dorset):
    G, table = dorset
    profile = organisation_profile(G, table, HUB)
    ties = profile.ties
    partners = (set(G.predecessors(HUB)) | set(G.successors(HUB))) - {HUB}
    assert len(partners) > 10
    assert ties["partner"].tolist().count(HUB) == 0
    assert sorted(ties["partner"]) == sorted(partners)  # each partner once
    for row in ties.itertuples(index=False):
        incoming, outgoing = G.has_edge(row.partner, HUB), G.has_edge(HUB, row.partner)
        if incoming and outgoing:
            assert row.direction in (DIRECTION_BOTH, DIRECTION_BOTH_OR_UNSTATED)
        else:
            assert row.direction == (DIRECTION_RECEIVES if incoming else DIRECTION_GIVES)
        arc = G.edges[(row.partner, HUB) if incoming else (HUB, row.partner)]
        assert set(arc) == set(TIE_COLUMNS) - {"source", "target"}
        assert row.weight == arc["weight"] and row.reports == arc["reports"]
        assert row.frequency == arc["frequency"] and row.confirmed == arc["confirmed"]
        assert row.partner_type == G.nodes[row.partner]["type"]
    # Strongest first, then by name.
    keys = list(zip(-ties["weight"], ties["partner"], strict=True))
    assert keys == sorted(keys)
    assert profile.type == "hub" and profile.hubs == ("Dorset",) and profile.responded


def _rank_by_counting(values: pd.Series, value: float, higher_is_better: bool) -> int:
    """1 + the number of organisations with a strictly better value (NaN never better)."""
    better = values > value if higher_is_better else values < value
    return 1 + int(better.sum())


def test_dorset_ranks_agree_with_counting(dorset):
    G, table = dorset
    measures = [c for c in table.columns if c not in ("type", "hubs", "responded")]
    for organisation in [HUB, "NHS Dorset", "Health Innovation Wessex", *list(G)[:3]]:
        ranks = measure_ranks(table, organisation)
        assert list(ranks.index) == measures
        for measure in measures:
            values = table[measure].astype(float)
            value = values[organisation]
            higher = measure != "constraint"
            row = ranks.loc[measure]
            assert row["ranked"] == values.notna().sum()
            assert row["higher_is_better"] == higher
            if math.isnan(value):
                assert pd.isna(row["rank"]) and math.isnan(row["value"])
            else:
                assert row["value"] == value
                assert row["rank"] == _rank_by_counting(values, value, higher), (
                    organisation,
                    measure,
                )


def test_dorset_roles_agree_with_brokerage_functions(dorset):
    G, table = dorset
    roles = organisation_profile(G, table, HUB).roles.set_index("role")
    observed = brokerage_roles(G).loc[HUB]
    expectations = brokerage_expectations(G).loc[HUB]
    assert roles["count"].to_dict() == {role: int(observed[role]) for role in [*ROLES, "total"]}
    assert roles.loc["total", "count"] > 0
    for role in [*ROLES, "total"]:
        assert roles.loc[role, "expected"] == pytest.approx(expectations[f"{role}_expected"])
        assert roles.loc[role, "z"] == pytest.approx(expectations[f"{role}_z"], nan_ok=True)
