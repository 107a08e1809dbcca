"""Missing connections: each kind of finding on a small ecosystem worked by hand, link
prediction against networkx, and the demo survey's stories."""

from __future__ import annotations

import ast
import copy
import math
from itertools import combinations
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from ecosystem.analysis import change as change_package
from ecosystem.analysis import gaps as gaps_package
from ecosystem.analysis.gaps import (
    COMPLEMENTARY_TYPES,
    EXPECTED_TYPES,
    FINDING_COLUMNS,
    GAP_DETAILS,
    GAP_KINDS,
    GAP_TITLES,
    INTRODUCTION_WEIGHTS,
    WEIGHT_SCALES,
    fragile_partners,
    introductions,
    link_prediction,
    lost_ties,
    missing_types,
    network_gaps,
    one_sided_ties,
    relevance_gaps,
)
from ecosystem.codebook import WEIGHTINGS, weighting_top
from ecosystem.errors import OptionError
from ecosystem.network import NetworkOptions, build_network
from ecosystem.service import find_gaps
from ecosystem.survey import Survey, empty_edges

W1 = "Formative 2023"
W2 = "Summative 2024"
HUB = "Hub"


def organisations(*rows: tuple[str, str], waves: dict[str, tuple[str, ...]] | None = None):
    """(name, type) rows, all in hub "North" -> an organisations table as validation gives it."""
    waves = waves or {}
    return pd.DataFrame(
        {
            "type": [r[1] for r in rows],
            "hubs": [("North",) for _ in rows],
            "region": ["" for _ in rows],
            "aliases": [() for _ in rows],
            "waves": [waves.get(r[0], ()) for r in rows],
        },
        index=pd.Index([r[0] for r in rows], name="name"),
    )


def response(respondent, partner, frequency, relevance=2.0, direction="both", wave=W1):
    return {
        "wave": wave,
        "respondent": respondent,
        "partner": partner,
        "frequency": frequency,
        "relevance": relevance,
        "direction": direction,
        "nature": (),
        "respondent_person": "",
        "submitted": "",
        "source_file": "responses.csv",
        "source_row": 2,
    }


def survey(orgs: pd.DataFrame, *rows: dict) -> Survey:
    return Survey(orgs, pd.DataFrame(list(rows)), empty_edges())


def network(s: Survey, wave: str = W1, **options) -> nx.DiGraph:
    return build_network(s, wave, NetworkOptions(hub="North", **options))


def findings(frame: pd.DataFrame) -> list[tuple[str, str, str, float]]:
    return [
        (row.detail, row.organisation, row.other, round(row.score, 6)) for row in frame.itertuples()
    ]


# --------------------------------------------------------------------------------------------
# The public vocabulary


def test_kinds_titles_and_details_are_declared_once():
    assert GAP_KINDS == (
        "relevance_gap",
        "introduction",
        "missing_type",
        "one_sided",
        "fragile",
        "lost_tie",
    )
    assert set(GAP_TITLES) == set(GAP_KINDS)
    assert math.isclose(sum(INTRODUCTION_WEIGHTS.values()), 1.0)
    assert EXPECTED_TYPES == ("HIN", "ICB", "trust", "university", "VCSE", "council", "PPIE")
    assert all(len(pair) == 2 for pair in COMPLEMENTARY_TYPES)
    assert {"kind", "organisation", "other", "score", "reason", "evidence"} <= set(FINDING_COLUMNS)
    assert all(title and title[0].isupper() for title in GAP_DETAILS.values())
    # The tops of the weightings' scales are the codebook's.
    assert {w: weighting_top(w) for w in WEIGHTINGS} == WEIGHT_SCALES


# --------------------------------------------------------------------------------------------
# relevance_gap

GAP_ORGS = organisations(
    (HUB, "hub"),
    ("Trust", "trust"),
    ("Uni", "university"),
    ("Charity", "VCSE"),
    ("Council", "council"),
    ("ICB", "ICB"),
)
GAP_SURVEY = survey(
    GAP_ORGS,
    response(HUB, "Trust", 0, 3.0, "none"),  # Highly relevant, Never
    response(HUB, "Uni", 1, 2.0),  # Relevant, less than quarterly ...
    response("Uni", HUB, 1, 3.0),  # ... and the university says Highly relevant
    response(HUB, "Charity", 1, 1.0),  # Somewhat relevant, rarely ...
    response("Charity", HUB, 2, 3.0),  # ... but the charity says quarterly: not rare
    response("Council", HUB, 0, 2.0, "none"),  # the council: Relevant, Never
    response(HUB, "ICB", 4, 0.0),  # weekly, Not relevant: the note
)


def test_relevance_gaps_rank_by_relevance_and_rarity():
    # Score = ((relevance - 1) / 2 + (2 - frequency) / 2) / 2, on the higher relevance and
    # the higher frequency either side gave:
    #   Trust:   relevance 3, frequency 0 -> (1 + 1) / 2 = 1
    #   Uni:     relevance max(2, 3) = 3, frequency 1 -> (1 + 0.5) / 2 = 0.75
    #   Council: relevance 2 (its own answer), frequency 0 -> (0.5 + 1) / 2 = 0.75
    #   Charity: frequency max(1, 2) = 2 > 1 -> not rare, no gap.
    # Note: ICB met weekly (4) but rated 0 -> 0.4 x (4 - 2) / 2 = 0.4, after every gap.
    G = network(GAP_SURVEY)
    gaps = relevance_gaps(G, GAP_SURVEY.responses)
    assert findings(gaps) == [
        ("relevant_rarely_met", "Trust", HUB, 1.0),
        ("relevant_rarely_met", "Council", HUB, 0.75),
        ("relevant_rarely_met", "Uni", HUB, 0.75),
        ("frequent_not_relevant", "ICB", HUB, 0.4),
    ]
    reasons = dict(zip(gaps["organisation"], gaps["reason"], strict=True))
    assert reasons["Trust"].startswith(
        "You rate Trust as highly relevant but have not met them in the last 12 months."
    )
    assert reasons["Council"].startswith(
        "Council rates your hub as relevant but you have not met in the last 12 months."
    )
    assert reasons["Uni"].startswith(
        "You and Uni rate each other as relevant but meet less than quarterly."
    )
    assert reasons["ICB"].startswith(
        "You meet ICB weekly or more, yet you rate them as not relevant"
    )
    evidence = dict(zip(gaps["organisation"], gaps["evidence"], strict=True))
    assert evidence["Uni"] == (
        "hub's answer: Relevant (2), Less than quarterly (1); "
        "partner's answer: Highly relevant (3), Less than quarterly (1)"
    )
    assert set(gaps["organisation_type"]) == {"trust", "council", "university", "ICB"}
    assert set(gaps["other_type"]) == {"hub"}
    assert set(gaps["wave"]) == {W1} and set(gaps["hub"]) == {"North"}


def test_relevance_gaps_average_the_people_of_one_organisation():
    # Two people at the hub: relevance 3 and 1 -> 2; frequency 1 and 0 -> 0.5.
    # Score = ((2 - 1) / 2 + (2 - 0.5) / 2) / 2 = (0.5 + 0.75) / 2 = 0.625.
    s = survey(
        organisations((HUB, "hub"), ("Trust", "trust")),
        response(HUB, "Trust", 1, 3.0),
        response(HUB, "Trust", 0, 1.0, "none"),
    )
    gaps = relevance_gaps(network(s), s.responses)
    assert findings(gaps) == [("relevant_rarely_met", "Trust", HUB, 0.625)]


def test_relevance_gaps_ignore_other_waves_and_unrated_partners():
    s = survey(
        organisations((HUB, "hub"), ("Trust", "trust"), ("Uni", "university")),
        response(HUB, "Trust", 2, 3.0),
        response(HUB, "Uni", 0, float("nan"), "none"),  # no relevance given: nothing to say
        response(HUB, "Trust", 0, 3.0, "none", wave=W2),  # a gap, but in the other wave
    )
    assert relevance_gaps(network(s), s.responses).empty
    later = relevance_gaps(network(s, W2), s.responses)
    assert findings(later) == [("relevant_rarely_met", "Trust", HUB, 1.0)]


# --------------------------------------------------------------------------------------------
# introduction

INTRO_ORGS = organisations(
    (HUB, "hub"),
    ("A", "university"),
    ("B", "VCSE"),
    ("C", "university"),
    ("D", "trust"),
    ("E", "VCSE"),
)
INTRO_SURVEY = survey(
    INTRO_ORGS,
    response(HUB, "A", 3, 3.0),
    response(HUB, "B", 2, 2.0),
    response(HUB, "C", 2, 1.0),
    response(HUB, "D", 3, 2.0),
    response("A", "D", 2, 2.0),
    response("E", "B", 2, 2.0),
    response("E", "D", 2, 2.0),
    response("B", "C", 0, 3.0, "none"),  # B: C is Highly relevant, but we have never met
)


def test_introductions_score_relevance_views_types_and_link_prediction():
    # Undirected neighbours: Hub {A, B, C, D} (degree 4), A {Hub, D}, B {Hub, E}, C {Hub},
    # D {Hub, A, E} (3), E {B, D} (2). Partners of the hub: A, B, C, D; A-D are tied, so the
    # candidate pairs are A-B, A-C, B-C, B-D, C-D.
    # Resource allocation: every pair shares the hub (1/4); B-D also share E (1/2):
    #   A-B, A-C, B-C, C-D: 0.25; B-D: 0.75 (the top) -> link part 1/3, or 1 for B-D.
    # Relevance of the hub's ties: A 3, B 2, C 1, D 2 -> relevance part (r_a + r_b) / 6.
    # Said relevant: B said of C "Never, Highly relevant" -> 3 / 3 = 1 for B-C, else 0.
    # Types: university + VCSE and university + trust are complementary (1); VCSE + trust
    # differ (0.5); university + university the same (0).
    # Score = 0.35 relevance + 0.30 said + 0.20 types + 0.15 link:
    #   B-C: 0.35 x 3/6 + 0.30 x 1 + 0.20 x 1 + 0.15 / 3 = 0.725
    #   A-B: 0.35 x 5/6 + 0 + 0.20 x 1 + 0.15 / 3       = 0.541667
    #   B-D: 0.35 x 4/6 + 0 + 0.20 x 0.5 + 0.15 x 1     = 0.483333
    #   C-D: 0.35 x 3/6 + 0 + 0.20 x 1 + 0.15 / 3       = 0.425
    #   A-C: 0.35 x 4/6 + 0 + 0 + 0.15 / 3              = 0.283333
    G = network(INTRO_SURVEY)
    found = introductions(G, INTRO_SURVEY.responses)
    assert findings(found) == [
        ("said_relevant", "B", "C", 0.725),
        ("open_triad", "A", "B", 0.541667),
        ("open_triad", "B", "D", 0.483333),
        ("open_triad", "C", "D", 0.425),
        ("open_triad", "A", "C", 0.283333),
    ]
    first = found.iloc[0]
    assert first["reason"] == (
        "Introduce B and C: both work with you, and neither reports working with the other. "
        "B rates C as relevant but they have never met."
    )
    assert "B said of C: Never, Highly relevant (3)" in first["evidence"]
    assert "types VCSE + university (complementary)" in first["evidence"]
    assert found.iloc[1]["reason"].endswith("Together they bring research and community reach.")
    assert (
        "common partners 2; Adamic-Adar 2.16; resource allocation 0.75"
        in (found.iloc[2]["evidence"])
    )
    assert findings(introductions(G, INTRO_SURVEY.responses, limit=2)) == findings(found)[:2]


def test_introductions_leave_out_pairs_that_have_met_and_excluded_types():
    # Under confirmed-only reconciliation A's report of B makes no arc, but they have met:
    # no introduction. N, a national body, is left out by default.
    s = survey(
        organisations((HUB, "hub"), ("A", "trust"), ("B", "council"), ("N", "national")),
        response(HUB, "A", 3, 3.0),
        response(HUB, "B", 3, 3.0),
        response(HUB, "N", 3, 3.0),
        response("A", HUB, 3, 3.0),  # the three confirm their ties with the hub
        response("B", HUB, 3, 3.0),
        response("N", HUB, 3, 3.0),
        response("A", "B", 1, 2.0),  # only A reports this one
    )
    G = network(s, reconciliation="confirmed")
    assert not G.has_edge("A", "B") and not G.has_edge("B", "A")
    assert introductions(G, s.responses).empty
    everyone = introductions(G, s.responses, exclude_types=())
    assert {(r.organisation, r.other) for r in everyone.itertuples()} == {("A", "N"), ("B", "N")}


def test_link_prediction_equals_networkx_on_a_random_network():
    G = nx.gnp_random_graph(40, 0.12, seed=7, directed=True)
    G = nx.relabel_nodes(G, {n: f"org{n}" for n in G})
    U = G.to_undirected()
    pairs = list(nx.non_edges(U))
    ours = link_prediction(G, pairs)
    aa = {(u, v): p for u, v, p in nx.adamic_adar_index(U, pairs)}
    ra = {(u, v): p for u, v, p in nx.resource_allocation_index(U, pairs)}
    for row in ours.itertuples():
        key = (row.organisation, row.other)
        assert row.adamic_adar == pytest.approx(aa[key], abs=1e-12)
        assert row.resource_allocation == pytest.approx(ra[key], abs=1e-12)
        assert row.common_partners == len(list(nx.common_neighbors(U, *key)))


def test_introduction_evidence_matches_networkx(demo):
    # Every introduction of a demo hub quotes networkx's indices on the undirected view.
    G = build_network(demo, W2, NetworkOptions(hub="Manchester"))
    U = G.to_undirected()
    found = introductions(G, demo.responses, limit=None)
    pairs = list(zip(found["organisation"], found["other"], strict=True))
    aa = {(u, v): p for u, v, p in nx.adamic_adar_index(U, pairs)}
    ra = {(u, v): p for u, v, p in nx.resource_allocation_index(U, pairs)}
    for row in found.itertuples():
        key = (row.organisation, row.other)
        assert f"Adamic-Adar {aa[key]:.2f}" in row.evidence
        assert f"resource allocation {ra[key]:.2f}" in row.evidence
        assert not U.has_edge(*key)
    assert len(found) > 20  # the default keeps the best 20 of them
    assert len(introductions(G, demo.responses)) == 20


# --------------------------------------------------------------------------------------------
# missing_type

MISSING_SURVEY = survey(
    organisations(
        (HUB, "hub"),
        ("HIN", "HIN"),
        ("ICB", "ICB"),
        ("Trust", "trust"),
        ("Council 1", "council"),
        ("Council 2", "council"),
        ("Panel", "PPIE"),
    ),
    response(HUB, "HIN", 3),
    response(HUB, "ICB", 2),  # the ICB says Never: reconciled (2 + 0) / 2 = 1 -> weak
    response("ICB", HUB, 0, direction="none"),
    response(HUB, "Trust", 4),
    response(HUB, "Panel", 2),  # quarterly: not weak
    response("ICB", "Council 1", 3),  # Council 1 has the most ties: start there, via the ICB
    response("Council 1", "Council 2", 2),
)


def test_missing_types_absent_and_weakly_tied():
    # university, VCSE: nobody on the roster -> absent, 1.
    # council: neither council is tied to the hub -> weak, 0.8 - 0.2 x 0 = 0.8.
    # ICB: its only tie with the hub has reconciled frequency 1 -> weak, 0.8 - 0.2 x 1 = 0.6.
    # HIN (3), trust (4), PPIE (2): tied above "Less than quarterly", not reported.
    G = network(MISSING_SURVEY)
    found = missing_types(G)
    assert findings(found) == [
        ("absent", "", "University or academic partner", 1.0),
        ("absent", "", "Voluntary, community or social enterprise", 1.0),
        ("weakly_tied", "", "Local council", 0.8),
        ("weakly_tied", "", "Integrated Care Board", 0.6),
    ]
    assert list(found["other_type"]) == ["university", "VCSE", "council", "ICB"]
    assert set(found["organisation_type"]) == {""}
    council = found.iloc[2]
    assert council["reason"] == (
        "You have no tie with any local council on your roster (Council 1, Council 2). "
        "ICB already works with Council 1 and could introduce you."
    )
    assert council["evidence"] == "0 of 2 tied to the hub; Council 1: no tie; Council 2: no tie"
    assert found.iloc[3]["reason"] == (
        "Your tie with ICB, the only Integrated Care Board on your roster, is less than "
        "quarterly. Consider meeting more often."
    )
    assert found.iloc[0]["reason"].startswith(
        "No university or academic partner is on your Formative 2023 roster."
    )
    only_councils = missing_types(G, expected=("council",))
    assert findings(only_councils) == [("weakly_tied", "", "Local council", 0.8)]


# --------------------------------------------------------------------------------------------
# one_sided

ONE_SIDED_SURVEY = survey(
    organisations(
        (HUB, "hub"),
        ("P1", "trust"),
        ("P2", "university"),
        ("P3", "council"),
        ("P4", "VCSE"),
        ("P5", "industry"),
    ),
    response(HUB, "P1", 3, direction="in"),  # they mainly support us ...
    response("P1", HUB, 3, direction="out"),  # ... and P1 agrees: arc P1 -> Hub only
    response(HUB, "P2", 2),  # P2 never answers
    response(HUB, "P3", 4),  # the hub says weekly ...
    response("P3", HUB, 0, direction="none"),  # ... P3 says Never
    response(HUB, "P4", 2),
    response("P4", HUB, 2),  # P4 answers, but not about P1
    response("P1", "P4", 2, direction="out"),
    response("P1", "P5", 4, direction="out"),  # P5 never answers
)


def test_one_sided_support_and_ties_only_one_side_reports():
    # supports_hub: arc P1 -> Hub (weight 3), none back -> strength 3 / 4 = 0.75.
    # Only one side reports (score = reporter's frequency / 4 x factor):
    #   Hub -> P3: P3 said Never           -> 4/4 x 1    = 1
    #   P1 -> P5: P5 did not answer         -> 4/4 x 0.5  = 0.5
    #   P1 -> P4: P4 answered, not about P1 -> 2/4 x 0.75 = 0.375
    #   Hub -> P2: P2 did not answer        -> 2/4 x 0.5  = 0.25
    # Hub-P1 and Hub-P4 are reported by both sides: confirmed, not listed.
    G = network(ONE_SIDED_SURVEY)
    found = one_sided_ties(G, ONE_SIDED_SURVEY.responses)
    assert findings(found) == [
        ("said_never", HUB, "P3", 1.0),
        ("supports_hub", "P1", HUB, 0.75),
        ("no_answer", "P1", "P5", 0.5),
        ("not_listed", "P1", "P4", 0.375),
        ("no_answer", HUB, "P2", 0.25),
    ]
    reasons = dict(zip(found["detail"] + found["other"], found["reason"], strict=True))
    assert reasons["said_neverP3"] == (
        "Your hub reports working with P3 weekly or more; P3 said Never. Check with both "
        "whether the tie is real and current."
    )
    assert reasons["supports_hubHub"].startswith("P1 supports your hub (monthly) but no support")
    assert "P4 answered the survey but did not list it" in reasons["not_listedP4"]
    assert "P5 did not answer the survey" in reasons["no_answerP5"]
    evidence = dict(zip(found["detail"] + found["other"], found["evidence"], strict=True))
    assert (
        evidence["no_answerP2"] == "Hub: Quarterly (2); P2 did not answer the Formative 2023 survey"
    )


# --------------------------------------------------------------------------------------------
# fragile

FRAGILE_SURVEY = survey(
    organisations(
        (HUB, "hub"),
        ("A", "trust"),
        ("B", "ICB"),
        ("C", "council"),
        ("D", "VCSE"),
        ("E", "VCSE"),
        ("F", "PPIE"),
        ("G", "university"),
        ("H", "industry"),
        ("I", "industry"),
        ("J", "industry"),
    ),
    response(HUB, "A", 4),
    response(HUB, "B", 2),
    response("A", "B", 2),
    response("B", "C", 1),  # the one tie into the group C, D, E
    response("C", "D", 3),
    response("C", "E", 3),
    response("D", "E", 3),
    response(HUB, "F", 1),  # F hangs on the hub
    response("A", "G", 4),  # G hangs on A
    response("I", "J", 2),  # I and J are not connected to the hub at all; H is an isolate
)


def test_fragile_partners_are_single_ties_and_bridges_on_the_hub_side():
    # The hub's connected part: Hub, A, B, C, D, E, F, G -> 7 organisations besides the hub.
    # Bridges (Hub-A-B is a triangle, so none of its ties): B-C, Hub-F, A-G.
    # Score = 0.5 x cut off / 7 + 0.5 x (1 - frequency / 4):
    #   B-C cuts off C, D, E:  0.5 x 3/7 + 0.5 x 3/4 = 0.589286 ("bridge", C hangs on B)
    #   Hub-F cuts off F:      0.5 x 1/7 + 0.5 x 3/4 = 0.446429
    #   A-G cuts off G:        0.5 x 1/7 + 0.5 x 0   = 0.071429
    # I-J is a bridge too, but not on the hub's side: absent, not fragile.
    G = network(FRAGILE_SURVEY)
    found = fragile_partners(G)
    assert findings(found) == [
        ("bridge", "C", "B", 0.589286),
        ("single_tie", "F", HUB, 0.446429),
        ("single_tie", "G", "A", 0.071429),
    ]
    assert found.iloc[0]["evidence"] == (
        "tie C - B: Less than quarterly (1); 3 organisations cut off if lost: C, D, E"
    )
    assert found.iloc[0]["reason"].startswith(
        "C and 2 other organisations reach your hub only through the tie between C and B"
    )
    assert found.iloc[1]["reason"].startswith(
        "The only tie F has in your ecosystem is with your hub (less than quarterly)."
    )
    assert found.iloc[2]["reason"].startswith(
        "G is linked to your ecosystem only through A (weekly or more)."
    )
    # Independent check: the reported ties are exactly networkx's bridges of the hub's part.
    U = G.to_undirected()
    part = U.subgraph(nx.node_connected_component(U, HUB))
    assert {frozenset(pair) for pair in nx.bridges(part)} == {
        frozenset((row.organisation, row.other)) for row in found.itertuples()
    }


# --------------------------------------------------------------------------------------------
# lost_tie

LOST_SURVEY = survey(
    organisations(
        (HUB, "hub"),
        ("A", "trust"),
        ("B", "council"),
        ("C", "university"),
        ("D", "VCSE"),
        ("Gone", "industry"),
        waves={"Gone": (W1,)},
    ),
    response(HUB, "A", 3),
    response(HUB, "B", 2),
    response(HUB, "Gone", 2),
    response("A", "C", 4),
    response("C", "D", 1),
    response("B", "D", 2),
    response(HUB, "A", 3, wave=W2),
    response(HUB, "B", 0, direction="none", wave=W2),
    response("A", HUB, 3, wave=W2),
)


def test_lost_ties_say_lost_unreported_or_absent():
    # Formative ties and what the summative wave says of them (strength = weight / 4):
    #   A-C (4):    A answered in W2 without C  -> lost,        1
    #   Hub-B (2):  the hub said Never          -> lost,        0.5
    #   B-D (2):    neither answered in W2      -> unreported,  0.5 x 0.5 = 0.25
    #   Hub-Gone (2): Gone is off the W2 roster -> left_roster, 0.5 x 0.5 = 0.25
    #   C-D (1):    neither answered in W2      -> unreported,  0.5 x 0.25 = 0.125
    #   Hub-A (3):  still there                 -> nothing
    s = LOST_SURVEY
    found = lost_ties(network(s, W2), network(s, W1), s.responses)
    assert findings(found) == [
        ("lost", "A", "C", 1.0),
        ("lost", "B", HUB, 0.5),
        ("unreported", "B", "D", 0.25),
        ("left_roster", "Gone", HUB, 0.25),
        ("unreported", "C", "D", 0.125),
    ]
    rows = {(r.organisation, r.other): r for r in found.itertuples()}
    assert rows[("B", HUB)].evidence == (
        "Formative 2023: Quarterly (2); Summative 2024: no tie (Hub said Never)"
    )
    assert rows[("B", HUB)].reason.startswith(
        "You and B were in touch quarterly in Formative 2023 but report no contact in "
        "Summative 2024."
    )
    assert rows[("A", "C")].evidence.endswith("(A did not list C)")
    assert "absent rather than lost" in rows[("Gone", HUB)].reason
    assert rows[("Gone", HUB)].organisation_type == "industry"
    assert "may be unreported rather than lost" in rows[("C", "D")].reason


def test_find_gaps_compares_with_the_wave_before():
    s = LOST_SURVEY
    later = find_gaps(s, "North", W2, pairs="all")
    assert len(later[later["kind"] == "lost_tie"]) == 5
    assert later[later["kind"] == "lost_tie"]["wave"].eq(W2).all()
    first = find_gaps(s, "North", W1, pairs="all")
    assert not (first["kind"] == "lost_tie").any()  # no wave before the first
    pd.testing.assert_frame_equal(find_gaps(s, "North", pairs="all"), later)  # the latest wave
    explicit = find_gaps(s, "North", "summative 2024", previous_wave="formative 2023", pairs="all")
    pd.testing.assert_frame_equal(explicit, later)


def test_find_gaps_lists_as_lost_only_ties_whose_pair_both_waves_observed():
    s = LOST_SURVEY
    like = find_gaps(s, "North", W2)  # the default: like with like
    every = find_gaps(s, "North", W2, pairs="all")
    lost, lost_all = (g[g["kind"] == "lost_tie"] for g in (like, every))
    assert len(lost) < len(lost_all)
    assert set(map(tuple, lost[["organisation", "other"]].to_numpy())) <= set(
        map(tuple, lost_all[["organisation", "other"]].to_numpy())
    )


def test_network_gaps_are_the_findings_of_two_networks_without_the_survey():
    # find_gaps (service layer) chooses the waves and builds the networks; the analysis
    # gives the same findings from the networks alone.
    s = LOST_SURVEY
    later, earlier = network(s, W2), network(s, W1)
    pd.testing.assert_frame_equal(
        network_gaps(later, s.responses, earlier), find_gaps(s, "North", pairs="all")
    )
    without = network_gaps(later, s.responses)
    assert not (without["kind"] == "lost_tie").any()
    with pytest.raises(OptionError):
        network_gaps(nx.DiGraph([("A", "B")]), s.responses)


# --------------------------------------------------------------------------------------------
# find_gaps


def test_find_gaps_gathers_every_kind_sorted_and_scored():
    gaps = find_gaps(INTRO_SURVEY, "North", W1)
    assert list(gaps.columns) == list(FINDING_COLUMNS)
    assert set(gaps["kind"]) <= set(GAP_KINDS)
    order = gaps["kind"].map(GAP_KINDS.index)
    assert order.is_monotonic_increasing
    for _, part in gaps.groupby("kind"):
        assert part["score"].is_monotonic_decreasing
    assert gaps["score"].between(0, 1).all()
    assert set(gaps["detail"]) <= set(GAP_DETAILS)
    assert (gaps["reason"].str.len() > 0).all() and (gaps["evidence"].str.len() > 0).all()
    introduced = gaps[gaps["kind"] == "introduction"]
    expected = introductions(network(INTRO_SURVEY), INTRO_SURVEY.responses)
    pd.testing.assert_frame_equal(introduced.reset_index(drop=True), expected)


def test_find_gaps_accepts_the_hub_organisation_name_and_passes_options():
    by_hub = find_gaps(ONE_SIDED_SURVEY, "North")
    by_organisation = find_gaps(ONE_SIDED_SURVEY, "hub")  # case-insensitive
    pd.testing.assert_frame_equal(by_hub, by_organisation)
    confirmed = find_gaps(ONE_SIDED_SURVEY, HUB, options=NetworkOptions(reconciliation="confirmed"))
    # Confirmed-only keeps only Hub-P1 and Hub-P4: nothing is one-sided but P1's support.
    one_sided = confirmed[confirmed["kind"] == "one_sided"]
    assert findings(one_sided) == [("supports_hub", "P1", HUB, 0.75)]


def test_find_gaps_refuses_unknown_hubs_and_hubs_without_a_hub_organisation():
    with pytest.raises(OptionError, match="hub 'South' is not in the data"):
        find_gaps(INTRO_SURVEY, "South")
    with pytest.raises(OptionError, match="wave 'Wave 9' is not in the data"):
        find_gaps(INTRO_SURVEY, "North", "Wave 9")
    no_hub = survey(organisations(("A", "trust"), ("B", "council")), response("A", "B", 2, 2.0))
    with pytest.raises(OptionError, match="no organisation of type 'hub'"):
        find_gaps(no_hub, "North")


def test_nothing_is_modified():
    surveys = [GAP_SURVEY, INTRO_SURVEY, MISSING_SURVEY, ONE_SIDED_SURVEY, FRAGILE_SURVEY]
    for s in [*surveys, LOST_SURVEY]:
        before = (s.organisations.copy(deep=True), s.responses.copy(deep=True))
        find_gaps(s, "North")
        pd.testing.assert_frame_equal(s.organisations, before[0])
        pd.testing.assert_frame_equal(s.responses, before[1])
    G = network(ONE_SIDED_SURVEY)
    previous = network(LOST_SURVEY, W1)
    saved = copy.deepcopy(G), copy.deepcopy(previous)
    responses = ONE_SIDED_SURVEY.responses.copy(deep=True)
    for result in (
        relevance_gaps(G, responses),
        introductions(G, responses),
        missing_types(G),
        one_sided_ties(G, responses),
        fragile_partners(G),
        lost_ties(network(LOST_SURVEY, W2), previous, LOST_SURVEY.responses),
    ):
        assert list(result.columns) == list(FINDING_COLUMNS)
    for graph, copied in zip((G, previous), saved, strict=True):
        assert nx.utils.graphs_equal(graph, copied)
        assert dict(graph.nodes(data=True)) == dict(copied.nodes(data=True))
    pd.testing.assert_frame_equal(responses, ONE_SIDED_SURVEY.responses)


# --------------------------------------------------------------------------------------------
# The demo's stories (surveys/demo/README.md)


def kind(gaps: pd.DataFrame, name: str) -> pd.DataFrame:
    return gaps[gaps["kind"] == name]


def pairs(frame: pd.DataFrame) -> set[tuple[str, str, str]]:
    return {(r.detail, r.organisation, r.other) for r in frame.itertuples()}


BRADFORD_HUB = "Bradford District and Craven Innovation Hub"


def test_demo_bradford_loses_airedale_and_the_digital_company_after_its_reset(demo):
    # Every pair compared: the company's pairs are unobserved once it left the roster, so
    # like with like (the default) does not list them as lost.
    gaps = find_gaps(demo, "Bradford District and Craven", W2, pairs="all")
    lost = kind(gaps, "lost_tie")
    assert ("lost", "Airedale NHS Foundation Trust", BRADFORD_HUB) in pairs(lost)
    company = "Bradford digital health company (illustrative)"
    # The company left the roster: its ties are absent rather than lost.
    assert ("left_roster", company, BRADFORD_HUB) in pairs(lost)
    airedale = lost[lost["organisation"] == "Airedale NHS Foundation Trust"].iloc[0]
    assert "Formative 2023: Less than quarterly (1)" in airedale["evidence"]
    assert f"{BRADFORD_HUB} said Never" in airedale["evidence"]
    # The hub answers Never for the care trust, which still reports contact.
    assert ("said_never", "Bradford District Care NHS Foundation Trust", BRADFORD_HUB) in pairs(
        kind(gaps, "one_sided")
    )


def test_demo_manchester_introductions_involve_its_newer_partners(demo):
    hub = "Manchester Innovation Hub"

    def partners(wave: str) -> set[str]:
        G = build_network(demo, wave, NetworkOptions(hub="Manchester"))
        return set(G.pred[hub]) | set(G.succ[hub])

    newer = partners(W2) - partners(W1)
    assert {"VOCAL", "Manchester City Council", "Manchester Metropolitan University"} <= newer
    top = kind(find_gaps(demo, "Manchester", W2), "introduction").head(10)
    involving = [bool({r.organisation, r.other} & newer) for r in top.itertuples()]
    assert sum(involving) >= 7
    assert any({r.organisation, r.other} <= newer for r in top.itertuples())


def test_demo_dorset_starts_slowly_with_missing_and_weakly_tied_types(demo):
    early = kind(find_gaps(demo, "Dorset", W1), "missing_type")
    # Universities joined the roster only in 2024; councils and the patient group had no tie.
    assert ("absent", "", "University or academic partner") in pairs(early)
    assert {("weakly_tied", "", "Local council"), ("weakly_tied", "", "PPIE or citizen group")} <= (
        pairs(early)
    )
    # By 2024 (education partnerships, both councils, Malnutrition in Ageing) none remain.
    assert kind(find_gaps(demo, "Dorset", W2), "missing_type").empty


def test_demo_cambridge_consults_citizens_rarely_then_co_produces(demo):
    hub = "Cambridgeshire and Peterborough Innovation Hub"
    early = find_gaps(demo, "Cambridgeshire and Peterborough", W1)
    later = find_gaps(demo, "Cambridgeshire and Peterborough", W2)
    citizens = ("relevant_rarely_met", "Citizen Participation Group", hub)
    assert citizens in pairs(kind(early, "relevance_gap"))
    assert citizens not in pairs(kind(later, "relevance_gap"))
    # The ICB tie is one-way (the ICB supports the hub) in 2023, reciprocal in 2024.
    icb = ("supports_hub", "Cambridgeshire and Peterborough ICB", hub)
    assert icb in pairs(kind(early, "one_sided"))
    assert icb not in pairs(kind(later, "one_sided"))


def test_demo_findings_of_every_hub_and_wave_are_scored_and_distinct(demo):
    # Speed is the benchmark's business, not a unit test's.
    for hub in demo.hubs:
        for wave in demo.waves:
            gaps = find_gaps(demo, hub, wave)
            assert gaps["score"].between(0, 1).all()
            assert not gaps.duplicated(["kind", "organisation", "other"]).any()


def test_every_pair_of_partners_is_an_introduction_or_already_tied(demo):
    # Introductions are exactly the untied, unmet pairs of local partners (limit=None).
    G = build_network(demo, W2, NetworkOptions(hub="Dorset"))
    hub = "Dorset Innovation Hub"
    U = G.to_undirected()
    partners = sorted(p for p in U[hub] if G.nodes[p]["type"] != "national")
    found = introductions(G, demo.responses, limit=None)
    introduced = {frozenset((r.organisation, r.other)) for r in found.itertuples()}
    responses = demo.responses[demo.responses["wave"] == W2]
    met = {
        frozenset((r.respondent, r.partner))
        for r in responses[responses["frequency"] > 0].itertuples()
    }
    expected = {
        frozenset(pair)
        for pair in combinations(partners, 2)
        if not U.has_edge(*pair) and frozenset(pair) not in met
    }
    assert introduced == expected


def test_the_analysis_takes_networks_and_never_reaches_for_files_or_the_service_layer():
    # ARCHITECTURE.md: analysis modules take graphs and frames; only the service layer
    # chooses waves and builds networks from a survey.
    forbidden = ("ecosystem.load", "ecosystem.readers", "ecosystem.service")
    for package in (gaps_package, change_package):
        for path in Path(package.__file__).parent.glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom):
                    names = [node.module or ""]
                elif isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                else:
                    continue
                assert not any(n.startswith(forbidden) for n in names), (path.name, names)
