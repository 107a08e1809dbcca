"""`make bench` keeps working: it runs on tiny ecosystems and prints every figure it promises."""

from __future__ import annotations

import networkx as nx
import pytest

from ecosystem.analysis.brokerage import brokerage_roles
from ecosystem.bench import _networkx_brokerage, main
from ecosystem.network import build_network
from ecosystem.synthetic import SYNTHETIC_WAVE, synthetic_survey


def test_the_benchmark_prints_every_ratio(capsys):
    main(["--repeats", "1", "--sizes", "60", "300", "80", "400"])
    printed = dict(line.split(": ", 1) for line in capsys.readouterr().out.strip().splitlines())
    for key in ("speedup_vs_networkx", "full_metrics_seconds", "overhead_vs_igraph"):
        assert float(printed[key]) > 0, key
    assert printed["large_ecosystem"] == "80 organisations, 400 ties"


def test_the_networkx_baseline_counts_the_same_brokerage_as_the_product():
    graph = build_network(synthetic_survey(80, 500, seed=3), SYNTHETIC_WAVE)
    baseline = _networkx_brokerage(graph)
    product = brokerage_roles(graph)
    for (broker, role), count in baseline.items():
        assert product.loc[broker, role] == count
    assert sum(baseline.values()) == product["total"].sum()


@pytest.mark.parametrize(("organisations", "ties"), [(50, 200), (300, 3_000)])
def test_synthetic_ecosystems_have_exactly_the_size_asked_for(organisations, ties):
    graph = build_network(synthetic_survey(organisations, ties, seed=9), SYNTHETIC_WAVE)
    assert graph.number_of_nodes() == organisations
    assert graph.number_of_edges() == ties
    assert nx.number_of_selfloops(graph) == 0
