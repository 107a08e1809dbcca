"""The network builder follows the codebook's rules: arcs, weights, reconciliation, rosters."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecosystem.errors import OptionError
from ecosystem.network import (
    NetworkOptions,
    build_network,
    reconciled_ties,
    roster,
    roster_network,
)
from ecosystem.survey import Survey, empty_edges

WAVE = "Formative 2023"


def organisations(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """name, type, hubs (';'-separated) -> an organisations table as validation gives it."""
    frame = pd.DataFrame(
        {
            "type": [r[1] for r in rows],
            "hubs": [tuple(h for h in r[2].split(";") if h) for r in rows],
            "region": ["" for _ in rows],
            "aliases": [() for _ in rows],
            "waves": [() for _ in rows],
        },
        index=pd.Index([r[0] for r in rows], name="name"),
    )
    return frame


ORGS = organisations(
    ("Hub", "hub", "North"),
    ("Trust", "trust", "North"),
    ("University", "university", "North"),
    ("Charity", "VCSE", "North"),
    ("Funder", "national", "North;South"),
    ("South Hub", "hub", "South"),
)


def response(respondent, partner, frequency, direction="both", relevance=2.0, person="", **kw):
    return {
        "wave": kw.get("wave", WAVE),
        "respondent": respondent,
        "partner": partner,
        "frequency": frequency,
        "relevance": relevance,
        "direction": direction,
        "nature": kw.get("nature", ()),
        "respondent_person": person,
        "submitted": "",
        "source_file": "responses.csv",
        "source_row": 2,
    }


def survey(*rows: dict, orgs: pd.DataFrame = ORGS) -> Survey:
    return Survey(orgs, pd.DataFrame(list(rows)), empty_edges())


def arcs(graph) -> dict[tuple[str, str], float]:
    return {(u, v): w for u, v, w in graph.edges(data="weight")}


@pytest.mark.parametrize(
    ("direction", "expected"),
    [
        ("out", {("Hub", "Trust")}),
        ("in", {("Trust", "Hub")}),
        ("both", {("Hub", "Trust"), ("Trust", "Hub")}),
        ("none", {("Hub", "Trust"), ("Trust", "Hub")}),
    ],
)
def test_arcs_follow_the_stated_direction_of_support(direction, expected):
    graph = build_network(survey(response("Hub", "Trust", 3, direction)), WAVE)
    assert set(graph.edges) == expected
    assert all(w == 3.0 for w in arcs(graph).values())


def test_a_tie_with_no_stated_direction_is_kept_both_ways_and_flagged():
    graph = build_network(survey(response("Hub", "Trust", 2, "none")), WAVE)
    assert graph.edges["Hub", "Trust"]["direction_stated"] is False
    assert graph.edges["Trust", "Hub"]["direction_stated"] is False
    stated = build_network(survey(response("Hub", "Trust", 2, "both")), WAVE)
    assert stated.edges["Hub", "Trust"]["direction_stated"] is True


def test_never_makes_no_tie_but_keeps_the_partner_as_an_organisation():
    graph = build_network(survey(response("Hub", "Trust", 0, "out")), WAVE)
    assert graph.number_of_edges() == 0
    assert "Trust" in graph


def test_two_reports_are_averaged_with_never_counting_as_zero():
    # Hub says weekly (4), the trust says never (0): mean 2, arcs only from the hub's report.
    graph = build_network(
        survey(response("Hub", "Trust", 4, "out"), response("Trust", "Hub", 0, "in")), WAVE
    )
    assert arcs(graph) == {("Hub", "Trust"): 2.0}
    assert graph.edges["Hub", "Trust"]["confirmed"] is False
    assert graph.edges["Hub", "Trust"]["reports"] == 2


def test_arcs_of_a_pair_are_the_union_of_both_sides_and_share_one_weight():
    # Hub: we support them, monthly (3). Trust: we support them, quarterly (2).
    graph = build_network(
        survey(response("Hub", "Trust", 3, "out"), response("Trust", "Hub", 2, "out")), WAVE
    )
    assert arcs(graph) == {("Hub", "Trust"): 2.5, ("Trust", "Hub"): 2.5}
    assert graph.edges["Hub", "Trust"]["confirmed"] is True


@pytest.mark.parametrize(
    ("reconciliation", "expected"),
    [("mean", 2.5), ("max", 4.0), ("min", 1.0), ("confirmed", 2.5)],
)
def test_reconciliation_choices_combine_the_two_reports(reconciliation, expected):
    rows = (response("Hub", "Trust", 4, "both"), response("Trust", "Hub", 1, "both"))
    graph = build_network(survey(*rows), WAVE, NetworkOptions(reconciliation=reconciliation))
    assert arcs(graph) == {("Hub", "Trust"): expected, ("Trust", "Hub"): expected}


def test_confirmed_only_drops_ties_that_one_side_reports():
    rows = (
        response("Hub", "Trust", 4, "both"),
        response("Trust", "Hub", 3, "both"),
        response("Hub", "University", 3, "both"),  # the university did not answer
        response("Hub", "Charity", 2, "out"),
        response("Charity", "Hub", 0, "none"),  # the charity says never
    )
    graph = build_network(survey(*rows), WAVE, NetworkOptions(reconciliation="confirmed"))
    assert set(graph.edges) == {("Hub", "Trust"), ("Trust", "Hub")}


def test_non_response_never_erases_a_tie():
    graph = build_network(survey(response("Hub", "University", 3, "in")), WAVE)
    assert arcs(graph) == {("University", "Hub"): 3.0}
    assert graph.nodes["University"]["responded"] is False
    assert graph.nodes["Hub"]["responded"] is True


def test_several_people_of_one_organisation_are_combined_before_the_pair():
    # Two people at the hub: weekly (4) and quarterly (2) -> the hub's report is 3;
    # the trust reports 1 -> the pair's mean is (3 + 1) / 2 = 2.
    rows = (
        response("Hub", "Trust", 4, "out", person="Lead"),
        response("Hub", "Trust", 2, "in", person="Manager"),
        response("Trust", "Hub", 1, "in"),
    )
    ties = reconciled_ties(survey(*rows), WAVE).set_index(["source", "target"])
    assert ties.loc[("Hub", "Trust"), "weight"] == 2.0
    assert ties.loc[("Trust", "Hub"), "weight"] == 2.0
    assert ties.loc[("Hub", "Trust"), "respondents"] == 3


@pytest.mark.parametrize(
    ("weighting", "expected"),
    [
        ("frequency", 3.0),
        ("relevance", 2.0),  # mean of relevance 1 and 3
        ("product", 6.0),  # mean of 3 x 1 and 3 x 3
        ("binary", 1.0),
    ],
)
def test_weightings_read_each_report_then_reconcile(weighting, expected):
    # Hub: monthly (3), somewhat relevant (1) -> product 3. Trust: monthly (3), highly
    # relevant (3) -> product 9. Frequency mean 3; relevance mean 2; product mean 6.
    rows = (
        response("Hub", "Trust", 3, "both", relevance=1.0),
        response("Trust", "Hub", 3, "both", relevance=3.0),
    )
    graph = build_network(survey(*rows), WAVE, NetworkOptions(weighting=weighting))
    assert graph.edges["Hub", "Trust"]["weight"] == expected


def test_response_rate_is_respondent_organisations_over_the_roster():
    rows = (response("Hub", "Trust", 3), response("Trust", "Hub", 3))
    graph = build_network(survey(*rows), WAVE)
    assert graph.graph["roster_size"] == 6
    assert graph.graph["respondents"] == 2
    assert graph.graph["response_rate"] == pytest.approx(2 / 6)
    assert set(graph) == set(ORGS.index), "isolates on the roster stay in the network"


def test_a_hub_filter_keeps_its_ecosystem_and_the_bodies_shared_with_others():
    rows = (
        response("Hub", "Funder", 2, "in"),
        response("South Hub", "Funder", 4, "in"),
        response("Hub", "Trust", 3, "both"),
    )
    graph = build_network(survey(*rows), WAVE, NetworkOptions(hub="North"))
    assert set(graph) == {"Hub", "Trust", "University", "Charity", "Funder"}
    assert set(graph.edges) == {("Funder", "Hub"), ("Hub", "Trust"), ("Trust", "Hub")}
    by_organisation = build_network(survey(*rows), WAVE, NetworkOptions(hub="south hub"))
    assert set(by_organisation) == {"South Hub", "Funder"}
    assert by_organisation.graph["hub"] == "South"


def test_node_attributes_carry_type_and_hubs():
    graph = build_network(survey(response("Hub", "Funder", 2, "in")), WAVE)
    assert graph.nodes["Funder"]["type"] == "national"
    assert graph.nodes["Funder"]["hubs"] == "North; South"


def test_rosters_follow_the_waves_column():
    orgs = ORGS.copy()
    orgs.loc["Charity", "waves"] = ("Summative 2024",)
    data = survey(response("Hub", "Trust", 3), orgs=orgs)
    assert "Charity" not in roster(data, WAVE)
    assert "Charity" in roster(data, "Summative 2024")


def test_unknown_wave_hub_or_option_is_a_clear_error():
    data = survey(response("Hub", "Trust", 3))
    with pytest.raises(OptionError, match="wave 'Summative 2099' is not in the data"):
        build_network(data, "Summative 2099")
    with pytest.raises(OptionError, match="hub 'East' is not in the data; hubs: North, South"):
        build_network(data, WAVE, NetworkOptions(hub="East"))
    with pytest.raises(OptionError, match="weighting 'loudness'"):
        NetworkOptions(weighting="loudness")


def test_building_a_network_leaves_the_survey_unchanged():
    data = survey(response("Hub", "Trust", 4, "out"), response("Trust", "Hub", 0, "in"))
    before = data.responses.copy(deep=True)
    build_network(data, WAVE, NetworkOptions(weighting="product", reconciliation="max"))
    pd.testing.assert_frame_equal(data.responses, before)


def test_edge_lists_from_other_tools_become_arcs_with_their_weights():
    edges = pd.DataFrame(
        {
            "wave": [WAVE, WAVE],
            "source": ["Hub", "Trust"],
            "target": ["Trust", "University"],
            "weight": [2.0, 5.0],
            "nature": [(), ()],
            "source_file": ["edges.csv", "edges.csv"],
            "source_row": [2, 3],
        }
    )
    data = Survey(ORGS, pd.DataFrame([response("Hub", "Charity", 1, "out")]), edges)
    graph = build_network(data, WAVE)
    assert arcs(graph) == {
        ("Hub", "Charity"): 1.0,
        ("Hub", "Trust"): 2.0,
        ("Trust", "University"): 5.0,
    }
    binary = build_network(data, WAVE, NetworkOptions(weighting="binary"))
    assert set(arcs(binary).values()) == {1.0}


NAMES = ["Hub", "Trust", "University", "Charity"]
report = st.tuples(
    st.sampled_from(NAMES),
    st.sampled_from(NAMES),
    st.integers(0, 4),
    st.sampled_from(["out", "in", "both", "none"]),
    st.one_of(st.none(), st.integers(0, 3)),
)


def brute_force(reports, reconciliation):
    """Reconcile by the codebook's words, pair by pair, with no pandas."""
    per_org: dict[tuple[str, str], list] = {}
    for r, p, f, d, _ in reports:
        per_org.setdefault((r, p), []).append((f, d))
    combine = {"mean": lambda xs: sum(xs) / len(xs), "max": max, "min": min}[reconciliation]
    pairs: dict[frozenset, list] = {}
    for (r, p), answers in per_org.items():
        value = combine([f for f, _ in answers])
        stated = set()
        for f, d in answers:
            if f > 0:
                if d in ("out", "both", "none"):
                    stated.add((r, p))
                if d in ("in", "both", "none"):
                    stated.add((p, r))
        pairs.setdefault(frozenset((r, p)), []).append(
            (value, stated, any(f > 0 for f, _ in answers))
        )
    result = {}
    for entries in pairs.values():
        if not any(positive for _, _, positive in entries):
            continue
        weight = combine([v for v, _, _ in entries])
        for arc in set().union(*(s for _, s, _ in entries)):
            result[arc] = weight
    return result


@settings(max_examples=60, deadline=None)
@given(st.lists(report, min_size=1, max_size=12), st.sampled_from(["mean", "max", "min"]))
def test_reconciliation_equals_a_pair_by_pair_reading_of_the_rules(reports, reconciliation):
    reports = [r for r in reports if r[0] != r[1]]
    if not reports:
        return
    rows = [
        response(r, p, f, d, relevance=math.nan if rel is None else float(rel), person=str(i))
        for i, (r, p, f, d, rel) in enumerate(reports)
    ]
    graph = build_network(survey(*rows), WAVE, NetworkOptions(reconciliation=reconciliation))
    expected = brute_force(reports, reconciliation)
    assert arcs(graph) == pytest.approx(expected)
    # The order of the rows never changes the network.
    shuffled = build_network(
        survey(*reversed(rows)), WAVE, NetworkOptions(reconciliation=reconciliation)
    )
    assert arcs(shuffled) == pytest.approx(arcs(graph))


def test_tie_filters_keep_every_organisation_but_only_the_arcs_that_pass():
    rows = (
        response("Hub", "Trust", 4, "both", relevance=3.0, nature=("steering",)),
        response("Hub", "University", 1, "out", relevance=1.0, nature=("methodology",)),
        response("Hub", "Charity", 3, "out", relevance=math.nan, nature=("ppie", "support")),
    )
    data = survey(*rows)
    by_nature = build_network(data, WAVE, NetworkOptions(natures=("ppie", "steering")))
    assert set(by_nature.edges) == {("Hub", "Trust"), ("Trust", "Hub"), ("Hub", "Charity")}
    assert set(by_nature) == set(ORGS.index)
    frequent = build_network(data, WAVE, NetworkOptions(min_frequency=3))
    assert set(frequent.edges) == {("Hub", "Trust"), ("Trust", "Hub"), ("Hub", "Charity")}
    relevant = build_network(data, WAVE, NetworkOptions(min_relevance=2))
    assert set(relevant.edges) == {("Hub", "Trust"), ("Trust", "Hub")}, "no answer fails"
    with pytest.raises(OptionError, match="nature 'gossip'"):
        NetworkOptions(natures=("gossip",))


def test_a_roster_network_holds_a_hubs_organisations_as_a_wave_would_with_no_ties(demo):
    from ecosystem.network import hub_members

    survey = demo
    wave = build_network(survey, "Summative 2024", NetworkOptions(hub="Dorset"))
    alone = roster_network(survey, "No responses yet", NetworkOptions(hub="Dorset"))
    assert set(alone) == hub_members(survey, "Dorset") and alone.number_of_edges() == 0
    shared = set(alone) & set(wave)
    assert shared and all(
        {k: v for k, v in alone.nodes[n].items() if k != "responded"}
        == {k: v for k, v in wave.nodes[n].items() if k != "responded"}
        for n in shared
    )
    assert not any(responded for _, responded in alone.nodes(data="responded"))
    assert alone.graph["hub"] == wave.graph["hub"] and alone.graph["respondents"] == 0
