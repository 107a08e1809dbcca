"""Change between two waves, against brute-force loops, hand-worked answers and published values.

Reference values: REFERENCE_VALUES.md A1 (R sna ``gcor`` of Padgett marriage ~ business),
B2 (RSiena's Jaccard / distance definition) and C (s50 and Sampson transition counts, derived
from the CSVs: regression values, so each is also recomputed here by a double loop).
"""

from __future__ import annotations

import copy
import json
import math
from fractions import Fraction
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ecosystem.analysis.change import (
    CHANGE_MEASURES,
    TIE_CHANGE_COLUMNS,
    DensityChange,
    catalysed_pairs,
    change_by_organisation,
    change_by_type_pair,
    compare_networks,
    comparison_summary,
    density_change,
    describe_changes,
    hamming_distance,
    jaccard_index,
    organisation_change,
    organisation_presence,
    qap,
    qap_weighted,
    tie_changes,
)
from ecosystem.analysis.change.wording import density_sentence
from ecosystem.analysis.tables import organisation_table
from ecosystem.errors import OptionError
from ecosystem.network import NetworkOptions
from ecosystem.service import compare_waves

# ---------------------------------------------------------------------------------------
# Helpers: real datasets, brute-force oracles


def load_waves(
    folder: Path,
    waves: tuple[int, ...],
    tie_file: str = "ties.csv",
    directed: bool = True,
    present_columns: bool = False,
) -> dict[int, nx.DiGraph]:
    """One binary DiGraph per wave; nodes = nodes.csv ids (those present at the wave when
    ``present_columns``); an undirected tie becomes arcs both ways."""
    nodes = pd.read_csv(folder / "nodes.csv", dtype={"id": str})
    ties = pd.read_csv(folder / tie_file, dtype={"source": str, "target": str})
    graphs = {}
    for wave in waves:
        G = nx.DiGraph()
        present = nodes[f"present_w{wave}"] == 1 if present_columns else nodes["id"].notna()
        ids = nodes.loc[present, "id"]
        groups = nodes.set_index("id")["group"] if "group" in nodes else None
        for node in ids:
            G.add_node(node, type=str(groups[node]) if groups is not None else "unknown")
        for row in ties[ties["wave"] == wave].itertuples():
            assert row.source in G and row.target in G
            G.add_edge(row.source, row.target, weight=1.0)
            if not directed:
                G.add_edge(row.target, row.source, weight=1.0)
        graphs[wave] = G
    return graphs


def brute_counts(before: nx.DiGraph, after: nx.DiGraph) -> dict[str, int]:
    """N00, N01, N10, N11 over ordered pairs of distinct organisations in both graphs."""
    counts = {"00": 0, "01": 0, "10": 0, "11": 0}
    common = [node for node in before if node in after]
    for i in common:
        for j in common:
            if i == j:
                continue
            key = f"{int(before.has_edge(i, j))}{int(after.has_edge(i, j))}"
            counts[key] += 1
    return counts


def brute_pearson(before: nx.DiGraph, after: nx.DiGraph) -> float:
    """Pearson r of the binary off-diagonal cells, by a double loop and np.corrcoef."""
    common = [node for node in before if node in after]
    x, y = [], []
    for i in common:
        for j in common:
            if i != j:
                x.append(float(before.has_edge(i, j)))
                y.append(float(after.has_edge(i, j)))
    return float(np.corrcoef(x, y)[0, 1])


def snapshot(G: nx.DiGraph):
    return (
        copy.deepcopy(dict(G.graph)),
        copy.deepcopy(list(G.nodes(data=True))),
        copy.deepcopy(list(G.edges(data=True))),
    )


# ---------------------------------------------------------------------------------------
# Jaccard, Hamming and QAP r on real multi-wave data


@pytest.mark.datasets
@pytest.mark.parametrize(
    ("first", "second", "n11", "changed", "r_c"),
    [
        # REFERENCE_VALUES.md C: 1->2: 0->1 59, 1->0 56, 1->1 57; 2->3: 56, 50, 66.
        (1, 2, 57, 115, 0.4732),
        (2, 3, 66, 106, 0.5321),
    ],
)
def test_s50_jaccard_hamming_and_correlation(datasets_dir, first, second, n11, changed, r_c):
    graphs = load_waves(datasets_dir / "s50_teenage_friends", (1, 2, 3))
    before, after = graphs[first], graphs[second]
    counts = brute_counts(before, after)
    assert counts["11"] == n11
    assert counts["01"] + counts["10"] == changed
    assert sum(counts.values()) == 50 * 49
    # Jaccard = N11 / (N01 + N10 + N11) = 57/172 and 66/172 (RSiena's definition, B2).
    assert jaccard_index(before, after) == pytest.approx(n11 / (n11 + changed), abs=1e-15)
    assert jaccard_index(before, after) == pytest.approx(n11 / 172, abs=1e-15)
    assert hamming_distance(before, after) == changed
    result = qap(before, after, permutations=0)
    assert result.r == pytest.approx(brute_pearson(before, after), abs=1e-12)
    assert result.r == pytest.approx(r_c, abs=5e-5)
    assert result.p == 1.0  # no permutation: (1 + 0) / (1 + 0)


@pytest.mark.datasets
@pytest.mark.parametrize(
    ("first", "second", "expected"),
    # REFERENCE_VALUES.md C: 1->2 counts 229, 22, 20, 35: 35/77 = 0.4545;
    # 2->3 counts 233, 16, 17, 40: 40/73 = 0.5479.
    [(1, 2, Fraction(35, 77)), (2, 3, Fraction(40, 73))],
)
def test_sampson_liking_jaccard(datasets_dir, first, second, expected):
    graphs = load_waves(datasets_dir / "sampson_monastery", (1, 2, 3))
    before, after = graphs[first], graphs[second]
    counts = brute_counts(before, after)
    assert Fraction(counts["11"], counts["01"] + counts["10"] + counts["11"]) == expected
    assert jaccard_index(before, after) == pytest.approx(float(expected), abs=1e-15)
    assert round(jaccard_index(before, after), 4) == {1: 0.4545, 2: 0.5479}[first]
    assert hamming_distance(before, after) == counts["01"] + counts["10"]


@pytest.mark.datasets
@pytest.mark.parametrize(("first", "second"), [(1, 2), (2, 3), (3, 4)])
def test_knecht_compares_only_pupils_present_in_both_waves(datasets_dir, first, second):
    # Pupil 21 left after wave 2 (present_w3 = present_w4 = 0), so the 2->3 and 3->4
    # comparisons count the 25 x 24 cells of the other pupils only, as RSiena counts only
    # cells with data at both waves. (Cells missing through item non-response are not
    # structural absences and are not modelled here.)
    graphs = load_waves(datasets_dir / "knecht_classroom", (1, 2, 3, 4), present_columns=True)
    before, after = graphs[first], graphs[second]
    common = [node for node in before if node in after]
    assert len(common) == (26 if second == 2 else 25)
    counts = brute_counts(before, after)
    assert sum(counts.values()) == len(common) * (len(common) - 1)
    assert jaccard_index(before, after) == pytest.approx(
        counts["11"] / (counts["01"] + counts["10"] + counts["11"]), abs=1e-15
    )
    assert hamming_distance(before, after) == counts["01"] + counts["10"]
    # The default equals naming the organisations in both waves explicitly.
    assert jaccard_index(before, after, common) == jaccard_index(before, after)
    if second >= 3:
        with pytest.raises(OptionError, match="'21'"):
            jaccard_index(before, after, [*common, "21"])


@pytest.mark.datasets
def test_kapferer_instrumental_jaccard_hamming(datasets_dir):
    graphs = load_waves(datasets_dir / "kapferer_tailor", (1, 2))
    counts = brute_counts(graphs[1], graphs[2])
    assert counts["10"] + counts["11"] == 109  # the manifest: 109 and 147 arcs
    assert counts["01"] + counts["11"] == 147
    assert jaccard_index(graphs[1], graphs[2]) == pytest.approx(
        counts["11"] / (counts["01"] + counts["10"] + counts["11"]), abs=1e-15
    )
    assert hamming_distance(graphs[1], graphs[2]) == counts["01"] + counts["10"]


@pytest.mark.datasets
def test_padgett_qap_matches_r_sna(datasets_dir):
    # REFERENCE_VALUES.md A1: sna gcor(marriage, business) over the 240 off-diagonal cells
    # of the symmetric matrices (Pucci, an isolate in both, included) = 0.37186787208054728;
    # SNA.jl's test expects qaptest's pgreq <= 0.01 with 1000 permutations.
    folder = datasets_dir / "padgett_florentine"
    marriage = load_waves(folder, (1,), directed=False)[1]
    business = load_waves(folder, (1,), tie_file="ties_business.csv", directed=False)[1]
    assert len(marriage) == len(business) == 16
    result = qap(marriage, business, permutations=1000, seed=2023)
    assert result.r == pytest.approx(0.37186787208054728, abs=1e-9)
    assert result.p <= 0.01
    assert result.permutations == 1000 and result.method == "binary"
    # Binary arcs of weight 1: the weighted correlation is the same.
    assert qap_weighted(marriage, business, permutations=10).r == pytest.approx(result.r, abs=1e-12)


# ---------------------------------------------------------------------------------------
# QAP: the vectorised permutations against a loop, and calibration


def random_digraph(rng: np.random.Generator, n: int, density: float, weighted: bool) -> nx.DiGraph:
    present = (rng.random((n, n)) < density) & ~np.eye(n, dtype=bool)
    G = nx.DiGraph()
    G.add_nodes_from(f"org{i:02d}" for i in range(n))
    for i, j in zip(*np.nonzero(present), strict=True):
        weight = float(rng.uniform(0.5, 4.0)) if weighted else 1.0
        G.add_edge(f"org{i:02d}", f"org{j:02d}", weight=weight)
    return G


def loop_qap(before: nx.DiGraph, after: nx.DiGraph, permutations: int, seed: int, weighted: bool):
    """QAP the slow way: permute the later matrix's rows and columns, one np.corrcoef each,
    with the documented RNG stream (organisations sorted by name)."""
    names = sorted(node for node in before if node in after)
    n = len(names)

    def matrix(G):
        M = np.zeros((n, n))
        for a, u in enumerate(names):
            for b, v in enumerate(names):
                if u != v and G.has_edge(u, v):
                    M[a, b] = G.edges[u, v]["weight"] if weighted else 1.0
        return M

    X, Y = matrix(before), matrix(after)
    off = ~np.eye(n, dtype=bool)
    r = np.corrcoef(X[off], Y[off])[0, 1]
    rng = np.random.default_rng(seed)
    orders = rng.permuted(np.tile(np.arange(n), (permutations, 1)), axis=1)
    reached = 0
    for order in orders:
        permuted = np.empty_like(Y)
        for a in range(n):
            for b in range(n):
                permuted[a, b] = Y[order[a], order[b]]
        if np.corrcoef(X[off], permuted[off])[0, 1] >= r - 1e-9:
            reached += 1
    return r, (1 + reached) / (1 + permutations)


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("related", [True, False])
def test_qap_equals_a_loop_over_permutations(weighted, related):
    rng = np.random.default_rng(5)
    before = random_digraph(rng, 9, 0.3, weighted)
    if related:
        # The later wave keeps most arcs of the earlier one, so r is clearly positive.
        after = before.copy()
        for u, v in list(after.edges)[:4]:
            after.remove_edge(u, v)
        after.add_edge("org01", "org07", weight=2.0)
    else:
        # An unrelated later wave: p lands mid-range, where it depends on every permutation.
        after = random_digraph(rng, 9, 0.3, weighted)
    function = qap_weighted if weighted else qap
    result = function(before, after, permutations=300, seed=11)
    r, p = loop_qap(before, after, 300, 11, weighted)
    assert result.r == pytest.approx(r, abs=1e-12)
    assert result.p == p
    if related:
        assert result.r > 0.5 and result.p < 0.05
    else:
        assert 0.1 < result.p < 0.95


def test_qap_identical_waves_and_undefined_cases():
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("a", "d")])
    result = qap(G, G.copy(), permutations=99, seed=1)
    assert result.r == pytest.approx(1.0, abs=1e-12)
    assert 1 / 100 <= result.p <= 0.2
    empty = nx.DiGraph()
    empty.add_nodes_from(G)
    undefined = qap(G, empty, permutations=9)
    assert math.isnan(undefined.r) and math.isnan(undefined.p)
    assert math.isnan(qap(nx.DiGraph([("a", "b")]), nx.DiGraph([("c", "d")])).r)
    with pytest.raises(OptionError):
        qap(G, G, permutations=-1)


def test_qap_p_value_is_calibrated_for_unrelated_waves():
    # 200 pairs of independent random digraphs (n = 12, density 0.3), 199 permutations each.
    # Under this null the observed correlation and its 199 permuted copies are exchangeable.
    #
    # Weighted (continuous weights: no ties among the 200 correlations): p is uniform on
    # {1/200, ..., 200/200}, so p - U/200 with U ~ Uniform(0, 1) is exactly Uniform(0, 1):
    # a two-sided KS test must not reject at 0.01, and #{p <= 0.05} ~ Binomial(200, 0.05)
    # (P(p <= 10/200) = 10/200) must pass an exact binomial test at 0.01.
    #
    # Binary: r depends only on how many arcs the waves share, so many permuted r equal the
    # observed one, and counting them (">=", as sna's pgreq does) makes p conservative:
    # P(p <= t) <= t, with about 3% rather than 5% of p-values at or below 0.05 in
    # simulations. So the binary checks are one-sided: no more small p-values than the
    # binomial allows, and a one-sided KS test for "stochastically smaller than uniform".
    jitter = np.random.default_rng(99).random(200) / 200
    for weighted in (True, False):
        rng = np.random.default_rng(2024 + weighted)
        function = qap_weighted if weighted else qap
        p_values = np.array(
            [
                function(
                    random_digraph(rng, 12, 0.3, weighted),
                    random_digraph(rng, 12, 0.3, weighted),
                    permutations=199,
                    seed=k,
                ).p
                for k in range(200)
            ]
        )
        assert np.allclose(p_values * 200, np.round(p_values * 200))  # values k / 200
        small = int(np.sum(p_values <= 0.05 + 1e-12))
        side = "two-sided" if weighted else "greater"
        assert stats.binomtest(small, 200, 0.05, alternative=side).pvalue > 0.01, small
        if weighted:
            assert stats.kstest(p_values - jitter, "uniform").pvalue > 0.01
        else:
            assert stats.kstest(p_values, "uniform", alternative="greater").pvalue > 0.01
            assert p_values.mean() >= 0.5  # conservative, never anti-conservative


def test_qap_power_when_waves_are_related():
    # The later wave = the earlier with 20% of its cells flipped: clearly related.
    rng = np.random.default_rng(3)
    before = random_digraph(rng, 20, 0.2, weighted=False)
    after = before.copy()
    nodes = list(before)
    for _ in range(40):
        u, v = rng.choice(nodes, 2, replace=False)
        if after.has_edge(u, v):
            after.remove_edge(u, v)
        else:
            after.add_edge(u, v, weight=1.0)
    assert qap(before, after, permutations=199).p == 1 / 200


# ---------------------------------------------------------------------------------------
# Density: paired vertex bootstrap against a loop


def loop_density_change(before, after, samples, level, seed):
    """Snijders-Borgatti paired bootstrap, one drawn pair at a time (same RNG stream)."""
    names = sorted(node for node in before if node in after)
    n = len(names)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n, size=(samples, n))
    changes = []
    for draw in draws:
        arcs_before = arcs_after = cells = 0
        for i in range(n):
            for j in range(n):
                u, v = names[draw[i]], names[draw[j]]
                if u == v:  # the same original organisation: no tie variable
                    continue
                cells += 1
                arcs_before += before.has_edge(u, v)
                arcs_after += after.has_edge(u, v)
        changes.append((arcs_after - arcs_before) / cells)
    alpha = (1 - level) / 2
    return np.quantile(changes, [alpha, 1 - alpha])


def test_density_change_equals_a_loop_bootstrap():
    # 7 organisations in both waves (plus one only before, one only after, ignored).
    # Earlier: 9 arcs among the 7 -> 9 / 42; later: 13 arcs -> 13 / 42.
    before = nx.DiGraph(
        [
            ("a", "b"),
            ("b", "a"),
            ("b", "c"),
            ("c", "d"),
            ("d", "e"),
            ("e", "f"),
            ("f", "g"),
            ("g", "a"),
            ("a", "c"),
            ("x", "a"),
        ]
    )
    after = nx.DiGraph(
        [
            ("a", "b"),
            ("b", "a"),
            ("b", "c"),
            ("c", "b"),
            ("c", "d"),
            ("d", "c"),
            ("d", "e"),
            ("e", "d"),
            ("e", "f"),
            ("f", "g"),
            ("g", "f"),
            ("a", "g"),
            ("b", "g"),
            ("y", "b"),
        ]
    )
    result = density_change(before, after, samples=300, level=0.9, seed=17)
    assert result.organisations == 7
    assert result.before == pytest.approx(9 / 42, abs=1e-15)
    assert result.after == pytest.approx(13 / 42, abs=1e-15)
    assert result.change == pytest.approx(4 / 42, abs=1e-15)
    low, high = loop_density_change(before, after, 300, 0.9, 17)
    assert result.low == pytest.approx(low, abs=1e-12)
    assert result.high == pytest.approx(high, abs=1e-12)
    assert (result.level, result.samples) == (0.9, 300)


def test_density_change_identical_relabelled_and_larger_networks():
    rng = np.random.default_rng(8)
    G = random_digraph(rng, 30, 0.15, weighted=False)
    same = density_change(G, G.copy())
    assert (same.change, same.low, same.high) == (0.0, 0.0, 0.0)
    # The same graph with the organisations' names shuffled: equal density, but ties are
    # between other organisations, so the bootstrap sees change either way around 0.
    names = list(G)
    relabelled = nx.relabel_nodes(G, dict(zip(names, rng.permutation(names), strict=True)))
    shuffled = density_change(G, relabelled)
    assert shuffled.change == 0.0
    assert shuffled.low < 0 < shuffled.high

    def width(n: int) -> float:
        local = np.random.default_rng(n)
        before = random_digraph(local, n, 0.15, weighted=False)
        after = before.copy()
        for u, v in list(after.edges)[: len(after.edges) // 3]:
            after.remove_edge(u, v)
        result = density_change(before, after)
        return result.high - result.low

    widths = [width(n) for n in (12, 40, 150)]
    assert widths[0] > widths[1] > widths[2] > 0


def test_density_change_checks_its_options():
    rng = np.random.default_rng(1)
    before = random_digraph(rng, 60, 0.1, weighted=False)
    after = random_digraph(rng, 60, 0.12, weighted=False)
    with pytest.raises(OptionError):
        density_change(before, after, level=1.5)
    with pytest.raises(OptionError):
        density_change(before, after, samples=0)
    tiny = density_change(nx.DiGraph([("a", "b")]), nx.DiGraph([("a", "c")]))
    assert tiny.organisations == 1 and math.isnan(tiny.change)


def test_density_interval_covers_a_known_change():
    # Independent of the code under test: simulate pairs of waves whose true change in
    # density is known, and count how often the 95% interval contains it.
    #
    # 200 pairs of Erdos-Renyi-like directed networks of 30 organisations. In each wave every
    # organisation has an activity a ~ Uniform(0.25, 1.75), drawn afresh for each wave (an
    # organisation's activity changes between waves), and an arc i -> j appears with
    # probability p * a_i * a_j (at most 0.62), independently: p = 0.15 before and 0.20
    # after. As E[a_i * a_j] = 1 for i != j, each wave's expected density is p, so every
    # pair has the same true change, 0.05. The vertex bootstrap treats organisations as
    # drawn from a population of similar ones, which is how these are made, so its 95%
    # interval (1,000 samples) should contain 0.05 in roughly 95% of pairs (between 90% and
    # 99% here), and be about as wide as the spread of the 200 observed changes implies
    # (1.96 standard deviations each way).
    #
    # Why the activities: without any difference between organisations (pure
    # Erdos-Renyi), the bootstrap reads the chance spread of organisations' ties as
    # differences between organisations and is conservative (about sqrt(3) too wide,
    # covering ~100%), so that design could not catch an interval that is too wide.
    rng = np.random.default_rng(2025)
    n, p_before, p_after, pairs = 30, 0.15, 0.20, 200
    off_diagonal = ~np.eye(n, dtype=bool)

    def wave(p: float) -> nx.DiGraph:
        activity = rng.uniform(0.25, 1.75, n)
        arcs = (rng.random((n, n)) < p * np.outer(activity, activity)) & off_diagonal
        return nx.from_numpy_array(arcs.astype(float), create_using=nx.DiGraph)

    truth = p_after - p_before
    results = [
        density_change(wave(p_before), wave(p_after), samples=1000, seed=k) for k in range(pairs)
    ]
    covered = sum(r.low <= truth <= r.high for r in results) / pairs
    assert 0.90 <= covered <= 0.99, covered
    assert all(r.level == 0.95 and r.organisations == n for r in results)
    observed_width = 2 * 1.96 * np.std([r.change for r in results])
    mean_width = np.mean([r.high - r.low for r in results])
    assert 0.9 < mean_width / observed_width < 1.4, (mean_width, observed_width)


# ---------------------------------------------------------------------------------------
# Tie by tie, on a hand-made pair of waves


def hand_made_waves() -> tuple[nx.DiGraph, nx.DiGraph]:
    types = {
        "Hub": "hub",
        "Trust": "trust",
        "ICB": "ICB",
        "Council": "council",
        "Uni": "university",
        "VCSE": "VCSE",
    }
    before = nx.DiGraph()
    before.add_nodes_from(
        (n, {"type": types[n]}) for n in ("Hub", "Trust", "ICB", "Council", "Uni")
    )
    before.add_weighted_edges_from(
        [
            ("Hub", "Trust", 2.0),
            ("Trust", "Hub", 2.0),
            ("Hub", "ICB", 3.0),
            ("ICB", "Council", 1.0),
            ("Uni", "Hub", 1.0),
            ("Trust", "ICB", 3.0),
            ("Hub", "Council", 2.0),
        ]
    )
    after = nx.DiGraph()
    after.add_nodes_from(
        (n, {"type": types[n]}) for n in ("Hub", "Trust", "ICB", "Council", "VCSE")
    )
    after.add_weighted_edges_from(
        [
            ("Hub", "Trust", 4.0),
            ("Hub", "ICB", 3.0),
            ("ICB", "Hub", 2.0),
            ("Council", "ICB", 1.0),
            ("VCSE", "Hub", 1.0),
            ("Trust", "ICB", 1.0),
            ("Hub", "Council", 2.0),
        ]
    )
    return before, after


def test_tie_changes_hand_worked():
    before, after = hand_made_waves()
    table = tie_changes(before, after)
    assert list(table.columns) == list(TIE_CHANGE_COLUMNS)
    # Worked by hand, rows sorted by source then target:
    # Council->ICB  new; the pair had ICB->Council before: reversed      -> direction changed
    # Hub->Council  2 -> 2                                               -> same
    # Hub->ICB      3 -> 3; ICB->Hub added (one-way became two-way)      -> direction changed
    # Hub->Trust    2 -> 4; Trust->Hub dropped (two-way became one-way)  -> direction changed
    # ICB->Council  dropped (reversed, above)
    # ICB->Hub      new (two-way, above)
    # Trust->Hub    dropped (one-way, above)
    # Trust->ICB    3 -> 1                                               -> weakened
    # Uni->Hub      Uni is only in the earlier wave: lost, not dropped
    # VCSE->Hub     VCSE is only in the later wave: gained
    expected = [
        ("Council", "ICB", "council", "ICB", None, 1.0, "gained", "", True),
        ("Hub", "Council", "hub", "council", 2.0, 2.0, "kept", "same", False),
        ("Hub", "ICB", "hub", "ICB", 3.0, 3.0, "kept", "same", True),
        ("Hub", "Trust", "hub", "trust", 2.0, 4.0, "kept", "strengthened", True),
        ("ICB", "Council", "ICB", "council", 1.0, None, "lost", "", True),
        ("ICB", "Hub", "ICB", "hub", None, 2.0, "gained", "", True),
        ("Trust", "Hub", "trust", "hub", 2.0, None, "lost", "", True),
        ("Trust", "ICB", "trust", "ICB", 3.0, 1.0, "kept", "weakened", False),
        ("Uni", "Hub", "university", "hub", 1.0, None, "lost", "", False),
        ("VCSE", "Hub", "VCSE", "hub", None, 1.0, "gained", "", False),
    ]
    got = [
        tuple(None if isinstance(v, float) and math.isnan(v) else v for v in row)
        for row in table.itertuples(index=False)
    ]
    assert got == expected
    assert table["direction_changed"].dtype == bool

    presence = organisation_presence(before, after)
    assert presence["status"].to_dict() == {
        "Council": "both",
        "Hub": "both",
        "ICB": "both",
        "Trust": "both",
        "Uni": "only before",
        "VCSE": "only after",
    }
    assert presence.loc["Uni", "type"] == "university"
    assert presence.loc["VCSE", ["in_before", "in_after"]].tolist() == [False, True]

    # Only Council, Hub, ICB, Trust are in both waves (12 cells). Among them, earlier arcs:
    # Hub->Trust, Trust->Hub, Hub->ICB, ICB->Council, Trust->ICB, Hub->Council; later:
    # Hub->Trust, Hub->ICB, ICB->Hub, Council->ICB, Trust->ICB, Hub->Council.
    # N11 = 4 (Hub->Trust, Hub->ICB, Trust->ICB, Hub->Council), N10 = 2, N01 = 2.
    assert jaccard_index(before, after) == 0.5
    assert hamming_distance(before, after) == 4
    # Naming Uni as well is refused: it has no data in the later wave.
    with pytest.raises(OptionError, match="Uni"):
        hamming_distance(before, after, ["Hub", "Uni"])


def test_change_by_organisation_and_type_pair_hand_worked():
    before, after = hand_made_waves()
    changes = tie_changes(before, after)
    table = change_by_organisation(changes)
    # Each row of the tie table above counts for both of its organisations, e.g. Hub:
    # Hub->Council kept; Hub->ICB kept, direction; Hub->Trust kept, stronger, direction;
    # ICB->Hub gained, direction; Trust->Hub lost, direction; Uni->Hub lost; VCSE->Hub gained.
    columns = ["kept", "gained", "lost", "strengthened", "weakened", "direction_changed"]
    assert table[columns].to_dict("index") == {
        "Council": dict(zip(columns, [1, 1, 1, 0, 0, 2], strict=True)),
        "Hub": dict(zip(columns, [3, 2, 2, 1, 0, 4], strict=True)),
        "ICB": dict(zip(columns, [2, 2, 1, 0, 1, 4], strict=True)),
        "Trust": dict(zip(columns, [2, 0, 1, 1, 1, 2], strict=True)),
        "Uni": dict(zip(columns, [0, 0, 1, 0, 0, 0], strict=True)),
        "VCSE": dict(zip(columns, [0, 1, 0, 0, 0, 0], strict=True)),
    }
    assert table.loc["Uni", "type"] == "university"
    # Every arc is counted twice (no self-ties).
    assert (table[["kept", "gained", "lost"]].sum() == 2 * changes["status"].value_counts()).all()

    pairs = change_by_type_pair(changes)
    assert list(pairs.columns) == [
        "source_type",
        "target_type",
        "kept",
        "gained",
        "lost",
        "strengthened",
        "weakened",
    ]
    # In the codebook's type order (hub, HIN, ICB, trust, university, VCSE, council, ...).
    assert [tuple(row) for row in pairs.itertuples(index=False)] == [
        ("hub", "ICB", 1, 0, 0, 0, 0),
        ("hub", "trust", 1, 0, 0, 1, 0),
        ("hub", "council", 1, 0, 0, 0, 0),
        ("ICB", "hub", 0, 1, 0, 0, 0),
        ("ICB", "council", 0, 0, 1, 0, 0),
        ("trust", "hub", 0, 0, 1, 0, 0),
        ("trust", "ICB", 1, 0, 0, 0, 1),
        ("university", "hub", 0, 0, 1, 0, 0),
        ("VCSE", "hub", 0, 1, 0, 0, 0),
        ("council", "ICB", 0, 1, 0, 0, 0),
    ]


def test_empty_waves_give_empty_tables():
    before, after = nx.DiGraph(), nx.DiGraph()
    before.add_node("a", type="hub")
    after.add_node("a", type="hub")
    changes = tie_changes(before, after)
    assert changes.empty and list(changes.columns) == list(TIE_CHANGE_COLUMNS)
    assert change_by_organisation(changes).empty
    assert change_by_type_pair(changes).empty
    assert math.isnan(jaccard_index(before, after))
    assert hamming_distance(before, after) == 0


def test_catalysed_pairs_hand_worked():
    # Hub H's partners in the earlier wave: A (H->A), B (B->H), C (H->C), D (H<->D); E->F
    # is not about H. Pairs of partners: AB is tied (A->B), so the open pairs are AC, AD,
    # BC, BD, CD (5). In the later wave D has gone; C->A closes AC (an arc either way is
    # enough); H->B does not concern a pair. Closed: 1 of 5. AD, BD, CD involve D, absent
    # from the later wave: open, not closed, flagged in_after False.
    # G has a single partner (no pair); Z is not in the earlier wave (no partners).
    before = nx.DiGraph(
        [
            ("H", "A"),
            ("B", "H"),
            ("H", "C"),
            ("H", "D"),
            ("D", "H"),
            ("A", "B"),
            ("E", "F"),
            ("G", "E"),
        ]
    )
    after = nx.DiGraph([("C", "A"), ("H", "B"), ("E", "F"), ("Z", "A")])
    after.add_node("G")
    nx.set_node_attributes(before, {"A": "trust", "B": "ICB", "C": "council", "D": "VCSE"}, "type")
    summary, pairs = catalysed_pairs(before, after, ["H", "G", "Z"])
    assert summary.to_dict("records")[0] == {
        "hub": "H",
        "partners": 4,
        "open_pairs": 5,
        "closed_pairs": 1,
        "closed_share": 0.2,
    }
    assert summary.iloc[1][["partners", "open_pairs", "closed_pairs"]].tolist() == [1, 0, 0]
    assert summary.iloc[2][["partners", "open_pairs", "closed_pairs"]].tolist() == [0, 0, 0]
    assert summary["closed_share"].iloc[1:].isna().all()
    assert [tuple(row) for row in pairs.itertuples(index=False)] == [
        ("H", "A", "C", "trust", "council", True, True),
        ("H", "A", "D", "trust", "VCSE", False, False),
        ("H", "B", "C", "ICB", "council", False, True),
        ("H", "B", "D", "ICB", "VCSE", False, False),
        ("H", "C", "D", "council", "VCSE", False, False),
    ]


def test_organisation_change_hand_worked():
    # Earlier: a->b, c->b, b->a; later: a->b, a->c, b->c, d->c (all weights 1).
    # In-degree earlier a 1, b 2, c 0 -> ranks b 1, a 2, c 3; later a 0, b 1, c 3, d 0 ->
    # ranks c 1, b 2, a 3, d 3 (ties share the best rank). Rank change = earlier - later:
    # a -1, b -1, c +2. Constraint earlier (mutual weights z = w_ij + w_ji): a and c each
    # have one partner -> 1; b has a (z 2) and c (z 1), untied to each other ->
    # (2/3)^2 + (1/3)^2 = 5/9. Lowest first: b 1, a 2, c 2.
    before = nx.DiGraph([("a", "b"), ("c", "b"), ("b", "a")])
    after = nx.DiGraph([("a", "b"), ("a", "c"), ("b", "c"), ("d", "c")])
    for G in (before, after):
        nx.set_node_attributes(G, "trust", "type")
    table_before, table_after = organisation_table(before), organisation_table(after)
    kept_before, kept_after = table_before.copy(deep=True), table_after.copy(deep=True)
    table = organisation_change(table_before, table_after)
    pd.testing.assert_frame_equal(table_before, kept_before)
    pd.testing.assert_frame_equal(table_after, kept_after)
    assert list(table.index) == ["a", "b", "c", "d"]
    assert table["in_degree_change"].tolist()[:3] == [-1.0, -1.0, 3.0]
    assert math.isnan(table.loc["d", "in_degree_change"])
    assert table["in_degree_rank_before"].tolist()[:3] == [2.0, 1.0, 3.0]
    assert table["in_degree_rank_after"].tolist() == [3.0, 2.0, 1.0, 3.0]
    assert table["in_degree_rank_change"].tolist()[:3] == [-1.0, -1.0, 2.0]
    assert table.loc["b", "constraint_before"] == pytest.approx(5 / 9, abs=1e-12)
    assert table["constraint_rank_before"].tolist()[:3] == [2.0, 1.0, 2.0]
    expected = ["type"] + [
        f"{m}_{suffix}"
        for m in CHANGE_MEASURES
        for suffix in ("before", "after", "change", "rank_before", "rank_after", "rank_change")
    ]
    assert list(table.columns) == expected
    with pytest.raises(OptionError, match="harmonics"):
        organisation_change(table_before, table_after, ["harmonics"])


# ---------------------------------------------------------------------------------------
# Purity and determinism


def test_functions_do_not_modify_their_inputs():
    before, after = hand_made_waves()
    before.graph["wave"] = "W1"
    saved = snapshot(before), snapshot(after)
    changes = tie_changes(before, after)
    kept = changes.copy(deep=True)
    change_by_organisation(changes)
    change_by_type_pair(changes)
    pd.testing.assert_frame_equal(changes, kept)
    organisation_presence(before, after)
    jaccard_index(before, after)
    density_change(before, after, samples=50)
    qap(before, after, permutations=20)
    qap_weighted(before, after, permutations=20)
    catalysed_pairs(before, after, ["Hub"])
    assert (snapshot(before), snapshot(after)) == saved


def test_results_are_seeded_and_do_not_depend_on_insertion_order():
    rng = np.random.default_rng(4)
    before = random_digraph(rng, 15, 0.25, weighted=True)
    after = random_digraph(rng, 15, 0.25, weighted=True)
    reordered = nx.DiGraph()
    reordered.add_nodes_from(reversed(list(after.nodes(data=True))))
    reordered.add_edges_from(reversed(list(after.edges(data=True))))
    assert qap(before, after, seed=3) == qap(before, after, seed=3)
    assert qap(before, after, seed=3) == qap(before, reordered, seed=3)
    assert density_change(before, after, seed=3) == density_change(before, reordered, seed=3)
    assert density_change(before, after, seed=3) != density_change(before, after, seed=4)


# ---------------------------------------------------------------------------------------
# The demo survey


@pytest.fixture(scope="module")
def dorset(demo):
    """Every pair compared (``--pairs all``): the existing tests of change hold under it."""
    return compare_waves(
        demo,
        "Formative 2023",
        "Summative 2024",
        NetworkOptions(hub="Dorset"),
        seed=2023,
        pairs="all",
    )


def test_demo_dorset_compares_like_with_like_by_default(demo, dorset):
    survey = demo
    options = NetworkOptions(hub="Dorset")
    like = compare_waves(survey, "Formative 2023", "Summative 2024", options, 99, 99)
    assert like.pairs == "both-observed" and like.pairs_note is not None
    assert dorset.pairs == "all" and dorset.pairs_note is None
    counts = like.ties["status"].value_counts()
    every = dorset.ties["status"].value_counts()
    # New ties whose organisations did not answer about each other before are left out.
    assert counts["gained"] == every["gained"] - like.pairs_note.gained_excluded
    assert counts["gained"] < every["gained"]
    summary = comparison_summary(like)
    assert set(summary["pairs"]) == {"compared", "excluded", "rule"}
    assert summary["pairs"]["excluded"] > 0


def test_demo_dorset_comparison(dorset):
    presence = dorset.presence
    # Both universities are on the summative roster only (surveys/demo/README.md).
    for name in ("Health Sciences University", "Bournemouth University"):
        assert presence.loc[name, "status"] == "only after"
    assert (presence["status"] != "only before").all()
    assert dorset.hub == "Dorset"
    # The slow start and the later partnerships: density rises, more ties gained than lost.
    assert dorset.density.after > dorset.density.before
    assert dorset.network.loc["density", "after"] > dorset.network.loc["density", "before"]
    counts = dorset.ties["status"].value_counts()
    assert counts["gained"] > counts["lost"]
    # Every arc of both networks is in the tie table.
    assert counts["kept"] + counts["lost"] == dorset.before.number_of_edges()
    assert counts["kept"] + counts["gained"] == dorset.after.number_of_edges()
    assert dorset.jaccard == jaccard_index(dorset.before, dorset.after)
    assert list(dorset.catalysis["hub"]) == ["Dorset Innovation Hub"]
    # Measures side by side: every organisation of either wave; the newcomers have no
    # earlier value, and the hub's in-degree change is its in-degree difference.
    measures = dorset.organisation_change
    assert len(measures) == 18
    assert math.isnan(measures.loc["Health Sciences University", "in_degree_before"])
    hub_in = dorset.after.in_degree("Dorset Innovation Hub") - dorset.before.in_degree(
        "Dorset Innovation Hub"
    )
    assert measures.loc["Dorset Innovation Hub", "in_degree_change"] == hub_in
    assert dorset.network.loc["ties", "change"] == counts["gained"] - counts["lost"]


def test_demo_summary_is_json_and_describes_the_change(dorset):
    summary = comparison_summary(dorset)
    text = json.dumps(summary, allow_nan=False)
    assert json.loads(text) == summary
    for key in (
        "from",
        "to",
        "hub",
        "organisations",
        "ties",
        "jaccard",
        "hamming",
        "density",
        "qap",
        "qap_weighted",
        "catalysis",
    ):
        assert key in summary
    assert summary["from"] == "Formative 2023" and summary["to"] == "Summative 2024"
    assert set(summary["organisations"]) >= {"both", "only_before", "only_after"}
    assert summary["organisations"]["only_after"] == 2
    assert set(summary["ties"]) == {
        "kept",
        "gained",
        "lost",
        "strengthened",
        "weakened",
        "direction_changed",
    }
    assert set(summary["density"]) >= {"from", "to", "change", "low", "high", "level", "samples"}
    assert set(summary["qap"]) >= {"r", "p", "permutations", "seed"}
    assert summary["qap"]["permutations"] == 1000 and summary["qap"]["seed"] == 2023
    assert summary["ties"]["gained"] == int((dorset.ties["status"] == "gained").sum())
    assert summary["catalysis"][0]["hub"] == "Dorset Innovation Hub"
    assert summary == dorset.summary()

    sentences = describe_changes(dorset)
    text = " ".join(sentences)
    assert "Density rose" in text and "QAP" in text and "Jaccard" in text
    assert "Health Sciences University" in text
    # The interval decides the wording: "unlikely to be noise" only when it excludes 0.
    density = dorset.density
    noise = "could be noise" if density.low <= 0 <= density.high else "unlikely to be noise"
    assert noise in text
    assert "1,000 permutations" in text


def test_compare_networks_needs_only_the_two_networks(dorset):
    # compare_waves (service layer) builds the networks; the analysis of two graphs gives
    # the same comparison, the waves named by the graphs.
    again = compare_networks(dorset.before, dorset.after, seed=2023)
    assert (again.wave_from, again.wave_to) == ("Formative 2023", "Summative 2024")
    assert comparison_summary(again) == comparison_summary(dorset)
    assert describe_changes(again) == describe_changes(dorset)
    pd.testing.assert_frame_equal(again.organisation_change, dorset.organisation_change)


def test_density_wording_follows_the_interval():
    # Worded from the interval alone: one that includes 0 says the change could be noise.
    def sentence(before, after, low, high):
        return density_sentence(
            DensityChange(before, after, after - before, low, high, 0.95, 2000, 16)
        )

    rise = sentence(0.12, 0.18, 0.03, 0.09)
    assert rise.startswith("Density rose from 0.12 to 0.18 among the 16 organisations")
    assert "the 95% interval of the change" in rise and "0.03 to 0.09" in rise
    assert rise.endswith("so the rise is unlikely to be noise.")
    unsure = sentence(0.12, 0.15, -0.01, 0.07)
    assert unsure.endswith("which includes no change, so the rise could be noise.")
    fall = sentence(0.052, 0.041, -0.02, -0.004)
    assert "fell from 0.052 to 0.041" in fall and "-0.020 to -0.004" in fall
    assert fall.endswith("so the fall is unlikely to be noise.")
    assert "stayed at" in sentence(0.1, 0.1, -0.02, 0.02)


def test_compare_waves_is_deterministic_and_rejects_unknown_waves(demo):
    survey = demo
    options = NetworkOptions(hub="Manchester")
    first = compare_waves(survey, "Formative 2023", "Summative 2024", options, 200, 300, seed=5)
    second = compare_waves(survey, "Formative 2023", "Summative 2024", options, 200, 300, seed=5)
    assert comparison_summary(first) == comparison_summary(second)
    assert describe_changes(first) == describe_changes(second)
    pd.testing.assert_frame_equal(first.ties, second.ties)
    with pytest.raises(OptionError):
        compare_waves(survey, "Formative 2023", "Summative 2099", options)
