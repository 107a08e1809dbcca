"""Comparing two waves like with like: over the pairs both waves observed.

The surveys here are built by hand so that the true network is known: in the first ones it
does not change at all and only the respondents do, so any tie "gained" or "lost" and any
change of density is an artefact of who answered.
"""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from ecosystem.analysis.change import (
    ComparedPairs,
    NoComparisonError,
    NotComparable,
    catalysed_pairs,
    compare_networks,
    compared_pairs,
    comparison_summary,
    density_change,
    hamming_distance,
    jaccard_index,
    qap,
    qap_weighted,
    tie_changes,
)
from ecosystem.analysis.change.common import matrix
from ecosystem.errors import OptionError
from ecosystem.network import build_network
from ecosystem.observation import Observation, observed_pairs
from ecosystem.survey import Survey, empty_edges, responses_frame

FIRST, SECOND = "Formative 2023", "Summative 2024"
NAMES = ("A", "B", "C", "D", "E", "F")
TRUE_TIES = (("A", "B"), ("A", "E"), ("B", "C"), ("C", "D"), ("D", "E"), ("E", "F"))
"""The network both waves would show if everyone answered: it does not change."""

ORGS = pd.DataFrame(
    {
        "type": ["hub", "trust", "trust", "university", "VCSE", "council"],
        "hubs": [() for _ in NAMES],
        "region": ["" for _ in NAMES],
        "aliases": [() for _ in NAMES],
        "waves": [() for _ in NAMES],
        "short_name": ["" for _ in NAMES],
    },
    index=pd.Index(NAMES, name="name"),
)


def answers(wave: str, respondents: tuple[str, ...], ties=TRUE_TIES) -> list[dict]:
    """Each respondent reports its true ties ("Both ways", weekly), nothing else."""
    rows = []
    for respondent in respondents:
        for a, b in ties:
            if respondent in (a, b):
                rows.append(
                    {
                        "wave": wave,
                        "respondent": respondent,
                        "partner": b if respondent == a else a,
                        "frequency": 4,
                        "relevance": 3.0,
                        "direction": "both",
                        "nature": (),
                        "respondent_person": "",
                        "submitted": "",
                        "source_file": "responses.csv",
                        "source_row": 2,
                    }
                )
    return rows


def two_waves(first: tuple[str, ...], second: tuple[str, ...], later_ties=TRUE_TIES) -> Survey:
    rows = answers(FIRST, first) + answers(SECOND, second, later_ties)
    return Survey(ORGS, responses_frame(rows), empty_edges())


def networks(survey: Survey):
    before, after = build_network(survey, FIRST), build_network(survey, SECOND)
    seen = (observed_pairs(survey, FIRST), observed_pairs(survey, SECOND))
    return before, after, seen


# Response rises from 2 of 6 to 5 of 6: the true network is the same in both waves.
RISING = two_waves(("A", "B"), ("A", "B", "C", "D", "E"))
# Response falls: those who answered first stop answering, others start.
SHIFTING = two_waves(("A", "B", "C", "D"), ("A", "B", "F"))


@pytest.mark.parametrize("survey", [RISING, SHIFTING], ids=["rising", "shifting"])
def test_when_only_the_respondents_change_like_with_like_finds_no_change(survey):
    before, after, seen = networks(survey)
    result = compare_networks(before, after, 99, 99, pairs="both-observed", observed=seen)
    summary = comparison_summary(result)
    counts = summary["ties"]
    assert counts["gained"] == counts["lost"] == 0
    assert counts["strengthened"] == counts["weakened"] == 0
    assert result.density.change == 0.0  # exactly
    assert result.hamming == 0 and result.jaccard == 1.0
    assert summary["pairs"]["compared"] + summary["pairs"]["excluded"] == 15
    assert summary["pairs"]["rule"].startswith("Compared over the ")


@pytest.mark.parametrize("survey", [RISING, SHIFTING], ids=["rising", "shifting"])
def test_comparing_every_pair_shows_the_artefact(survey):
    before, after, _ = networks(survey)
    result = compare_networks(before, after, 99, 99)  # pairs="all", as before
    counts = comparison_summary(result)["ties"]
    assert counts["gained"] + counts["lost"] > 0
    assert result.density.change != 0.0
    assert "pairs" not in comparison_summary(result)
    assert result.pairs == "all" and result.pairs_note is None


def test_the_rising_response_is_said_in_words():
    before, after, seen = networks(RISING)
    note = compare_networks(before, after, 9, 9, pairs="both-observed", observed=seen).pairs_note
    # Every: C-D, D-E, E-F gained both ways (6 arcs); none of them observed in the first wave.
    assert (note.gained_all, note.gained_excluded, note.lost_all) == (6, 6, 0)
    assert note.sentences == [
        "6 of the 6 new ties involve organisations that did not answer about each other in "
        f"{FIRST}: they may have existed before and are not counted as gained."
    ]


def test_a_tie_that_truly_appears_between_two_respondents_of_both_waves_is_gained():
    later = (*TRUE_TIES, ("A", "C"))
    survey = two_waves(("A", "B", "C"), ("A", "B", "C", "D"), later_ties=later)
    before, after, seen = networks(survey)
    result = compare_networks(before, after, 99, 99, pairs="both-observed", observed=seen)
    gained = result.ties[result.ties["status"] == "gained"]
    assert set(zip(gained["source"], gained["target"], strict=True)) == {("A", "C"), ("C", "A")}
    assert result.ties["status"].eq("lost").sum() == 0
    assert result.density.change > 0


def test_fewer_than_two_respondents_in_both_waves_allow_no_comparison():
    survey = two_waves(("A", "C"), ("A", "B", "D"))
    before, after, seen = networks(survey)
    found = compared_pairs(*seen)
    assert found == NotComparable(FIRST, SECOND, 1)
    with pytest.raises(NoComparisonError, match="no like-with-like comparison") as raised:
        compare_networks(before, after, 9, 9, pairs="both-observed", observed=seen)
    assert raised.value.result == found
    assert isinstance(raised.value, OptionError)


def test_the_pair_rule_is_checked_and_needs_the_observations():
    before, after, _ = networks(RISING)
    with pytest.raises(OptionError, match="pairs 'some' is not offered"):
        compare_networks(before, after, 9, 9, pairs="some")
    with pytest.raises(OptionError, match="observed"):
        compare_networks(before, after, 9, 9, pairs="both-observed")


def test_where_every_pair_is_observed_in_both_waves_the_results_do_not_change():
    later = (*TRUE_TIES[:-1], ("B", "D"))
    survey = two_waves(NAMES, NAMES, later_ties=later)
    before, after, seen = networks(survey)
    every = compare_networks(before, after, 199, 199)
    like = compare_networks(before, after, 199, 199, pairs="both-observed", observed=seen)
    assert comparison_summary(every)["ties"] == comparison_summary(like)["ties"]
    assert every.jaccard == like.jaccard and every.hamming == like.hamming
    assert like.density.change == pytest.approx(every.density.change)
    assert like.density.low == pytest.approx(every.density.low)
    assert like.qap.r == pytest.approx(every.qap.r)
    assert like.qap.p == every.qap.p
    assert like.qap_weighted.r == pytest.approx(every.qap_weighted.r)
    assert like.pairs_note.excluded == 0


# ---------------------------------------------------------------------------------------
# Each measure over the compared pairs, against a loop over the cells


def random_case(seed: int, n: int = 9, answered: float = 0.6):
    """Two random waves over n organisations, and random respondents of each (each
    organisation answers a wave with probability ``answered``)."""
    rng = np.random.default_rng(seed)
    names = [f"o{i}" for i in range(n)]
    graphs = []
    for _ in range(2):
        graph = nx.DiGraph()
        graph.add_nodes_from(names, type="trust")
        for u, v in itertools.permutations(names, 2):
            if rng.random() < 0.3:
                graph.add_edge(u, v, weight=float(rng.integers(1, 5)))
        graphs.append(graph)
    seen = [
        Observation(w, tuple(names), frozenset(o for o in names if rng.random() < answered))
        for w in (FIRST, SECOND)
    ]
    return names, graphs[0], graphs[1], ComparedPairs(*seen)


@pytest.mark.parametrize("seed", range(6))
def test_jaccard_hamming_and_ties_count_only_the_compared_cells(seed):
    names, before, after, both = random_case(seed)
    cells = [(u, v) for u, v in itertools.permutations(names, 2) if both.covers(u, v)]
    n11 = sum(before.has_edge(*c) and after.has_edge(*c) for c in cells)
    n10 = sum(before.has_edge(*c) and not after.has_edge(*c) for c in cells)
    n01 = sum(after.has_edge(*c) and not before.has_edge(*c) for c in cells)
    assert hamming_distance(before, after, pairs=both) == n01 + n10
    expected = n11 / (n11 + n10 + n01) if n11 + n10 + n01 else math.nan
    assert jaccard_index(before, after, pairs=both) == pytest.approx(expected, nan_ok=True)
    table = tie_changes(before, after, pairs=both)
    assert (table["status"] == "gained").sum() == n01
    assert (table["status"] == "lost").sum() == n10


@pytest.mark.parametrize("answered", [0.15, 0.6, 0.95])
@pytest.mark.parametrize("seed", range(4))
def test_the_qap_over_compared_cells_matches_a_loop(seed, answered):
    # Few, some or most answering: the count of cells is read from each of its four ways.
    names, before, after, both = random_case(seed, answered=answered)
    n = len(names)
    for weighted, function in ((False, qap), (True, qap_weighted)):
        X = matrix(before, names, weighted)
        Y = matrix(after, names, weighted)
        seen_x, seen_y = both.before.matrix(names), both.after.matrix(names)

        def r_of(order, X=X, Y=Y, seen_x=seen_x, seen_y=seen_y):
            xs, ys = [], []
            for i, j in itertools.permutations(range(n), 2):
                a, b = order[i], order[j]
                if seen_x[i, j] and seen_y[a, b]:
                    xs.append(X[i, j])
                    ys.append(Y[a, b])
            if len(xs) < 2 or np.std(xs) == 0 or np.std(ys) == 0:
                return math.nan
            return float(np.corrcoef(xs, ys)[0, 1])

        result = function(before, after, permutations=49, seed=seed, pairs=both)
        r = r_of(np.arange(n))
        assert result.r == pytest.approx(r, nan_ok=True)
        if math.isnan(r):
            continue
        orders = np.random.default_rng(seed).permuted(np.tile(np.arange(n), (49, 1)), axis=1)
        reached = sum(r_of(order) >= r - 1e-9 for order in orders)
        assert result.p == (1 + reached) / 50


@pytest.mark.parametrize("seed", range(4))
def test_the_density_bootstrap_over_compared_cells_matches_a_loop(seed):
    names, before, after, both = random_case(seed)
    n = len(names)
    A = matrix(before, names, False)
    B = matrix(after, names, False)
    M = both.mask(names)
    result = density_change(before, after, samples=40, seed=seed, pairs=both)
    cells = M.sum()
    assert result.before == pytest.approx((A * M).sum() / cells)
    assert result.after == pytest.approx((B * M).sum() / cells)
    draws = np.random.default_rng(seed).integers(0, n, size=(40, n))
    changes = []
    for draw in draws:
        counted = arcs_a = arcs_b = 0
        for first, second in itertools.permutations(range(n), 2):
            i, j = draw[first], draw[second]
            if i != j and M[i, j]:
                counted += 1
                arcs_a += A[i, j]
                arcs_b += B[i, j]
        changes.append((arcs_b - arcs_a) / counted if counted else math.nan)
    low, high = np.nanquantile(changes, [0.025, 0.975])
    assert (result.low, result.high) == pytest.approx((low, high))


def test_catalysis_counts_a_pair_closed_only_where_both_waves_observed_it():
    before = nx.DiGraph([("Hub", "A"), ("Hub", "B"), ("Hub", "C")])
    after = nx.DiGraph([("A", "B"), ("B", "C")])
    names = ("A", "B", "C", "Hub")
    # B and C answered in the later wave only: the pair B-C was unseen in the earlier one.
    earlier = Observation(FIRST, names, frozenset({"Hub", "A"}))
    later = Observation(SECOND, names, frozenset({"Hub", "A", "B", "C"}))
    every, _ = catalysed_pairs(before, after, ["Hub"])
    like, pairs = catalysed_pairs(before, after, ["Hub"], pairs=ComparedPairs(earlier, later))
    assert (every.loc[0, "open_pairs"], every.loc[0, "closed_pairs"]) == (3, 2)
    assert (like.loc[0, "open_pairs"], like.loc[0, "closed_pairs"]) == (2, 1)
    assert set(zip(pairs["partner_a"], pairs["partner_b"], strict=True)) == {("A", "B"), ("A", "C")}


def test_the_demo_compared_like_with_like_leaves_out_ties_and_says_so(demo):
    before, after, seen = networks_of(demo)
    every = comparison_summary(compare_networks(before, after, 99, 99))
    result = compare_networks(before, after, 99, 99, pairs="both-observed", observed=seen)
    like = comparison_summary(result)
    assert like["ties"]["gained"] <= every["ties"]["gained"]
    assert like["ties"]["lost"] <= every["ties"]["lost"]
    assert like["pairs"]["compared"] > 0 and like["pairs"]["excluded"] > 0
    excluded = every["ties"]["gained"] - like["ties"]["gained"]
    assert result.pairs_note.gained_excluded == excluded


def networks_of(survey: Survey):
    first, second = survey.waves[:2]
    before, after = build_network(survey, first), build_network(survey, second)
    return before, after, (observed_pairs(survey, first), observed_pairs(survey, second))


def test_the_words_of_a_comparison_say_which_pairs_it_compared():
    from ecosystem.analysis.change import describe_changes

    before, after, seen = networks(RISING)
    every = describe_changes(compare_networks(before, after, 9, 9))
    like = describe_changes(
        compare_networks(before, after, 9, 9, pairs="both-observed", observed=seen)
    )
    assert not any("observed in both waves" in sentence for sentence in every)
    assert like[1].startswith("Compared over the ") and "may have existed before" in like[2]
    assert len(like) == len(every) + 2


def test_lost_ties_and_catalysis_of_the_core_functions_keep_the_compared_pairs():
    from ecosystem.analysis.functions import catalysing
    from ecosystem.analysis.gaps.lost import lost_ties

    # Falling response: C and D answered only in the first wave, so the tie between them is
    # unseen in the second and is not lost.
    survey = two_waves(("A", "B", "C", "D"), ("A", "B"))
    before, after, seen = networks(survey)
    both = compared_pairs(*seen)
    every = lost_ties(after, before)
    like = lost_ties(after, before, pairs=both)
    assert {frozenset((r.organisation, r.other)) for r in every.itertuples()} == {
        frozenset(("C", "D")),
        frozenset(("D", "E")),
    }
    assert like.empty
    assert catalysing(before, after, "A", pairs=both)["catalysed_pairs"] == 0
