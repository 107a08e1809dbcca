"""`ecosystem metrics` on real directed networks equals networkx and brute-force counts.

The files are read in place (``nodes.csv`` as an organisations file with ``id`` and
``group``; ``ties.csv`` as an edge list with ``wave``), through the same command a user
runs, so this checks the whole path: reading, validation, network building and measures.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from itertools import permutations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from ecosystem.cli import main

DIRECTED = [
    ("s50_teenage_friends", "1"),
    ("s50_teenage_friends", "2"),
    ("s50_teenage_friends", "3"),
    ("krackhardt_hightech", "1"),
    ("knoke_bureaucracies", "1"),
    ("sampson_monastery", "1"),
    ("sampson_monastery", "3"),
    ("kapferer_tailor", "1"),
    ("kapferer_tailor", "2"),
    ("freeman_eies", "1"),
    ("freeman_eies", "2"),
    ("knecht_classroom", "1"),
    ("knecht_classroom", "4"),
]


def command_metrics(folder, wave: str) -> pd.DataFrame:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(
            ["metrics", str(folder / "nodes.csv"), str(folder / "ties.csv"), "--wave", wave,
             "--format", "json"]
        )  # fmt: skip
    assert code == 0, err.getvalue()
    return pd.DataFrame(json.loads(out.getvalue())).set_index("organisation")


def reference_graph(folder, wave: str) -> tuple[nx.DiGraph, dict[str, str]]:
    nodes = pd.read_csv(folder / "nodes.csv", dtype=str, keep_default_na=False)
    ties = pd.read_csv(folder / "ties.csv", dtype={"source": str, "target": str, "wave": str})
    ties = ties[ties["wave"] == wave]
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes["id"])
    graph.add_weighted_edges_from(ties[["source", "target", "weight"]].itertuples(index=False))
    groups = dict(zip(nodes["id"], nodes.get("group", pd.Series("", index=nodes.index)),
                      strict=True))  # fmt: skip
    return graph, groups


def brute_force_brokerage(graph: nx.DiGraph, group: dict[str, str]) -> pd.DataFrame:
    """Gould-Fernandez roles by enumerating every ordered triple (a, b, c)."""
    roles = ["coordinator", "gatekeeper", "representative", "consultant", "liaison"]
    counts = pd.DataFrame(0, index=list(graph), columns=roles)
    for a, b, c in permutations(graph, 3):
        if graph.has_edge(a, b) and graph.has_edge(b, c) and not graph.has_edge(a, c):
            ga, gb, gc = group[a], group[b], group[c]
            if ga == gb == gc:
                role = "coordinator"
            elif ga == gc:
                role = "consultant"
            elif ga == gb:
                role = "representative"
            elif gb == gc:
                role = "gatekeeper"
            else:
                role = "liaison"
            counts.loc[b, role] += 1
    return counts


@pytest.mark.datasets
@pytest.mark.parametrize(("name", "wave"), DIRECTED, ids=[f"{n}-w{w}" for n, w in DIRECTED])
def test_metrics_equal_networkx_and_brute_force(datasets_dir, name, wave):
    folder = datasets_dir / name
    table = command_metrics(folder, wave)
    graph, group = reference_graph(folder, wave)
    assert set(table.index) == set(graph), "every organisation, isolates included"

    def column(values: dict) -> pd.Series:
        return pd.Series(values, dtype=float).reindex(table.index)

    expected = {
        "in_degree": column(dict(graph.in_degree())),
        "out_degree": column(dict(graph.out_degree())),
        "in_strength": column(dict(graph.in_degree(weight="weight"))),
        "out_strength": column(dict(graph.out_degree(weight="weight"))),
        "betweenness": column(nx.betweenness_centrality(graph)),
        "closeness": column(nx.closeness_centrality(graph)),
        "pagerank": column(
            nx.pagerank(graph, alpha=0.85, weight="weight", tol=1e-10, max_iter=10_000)
        ),
        "constraint": column(nx.constraint(graph, weight="weight")),
    }
    for measure, values in expected.items():
        np.testing.assert_allclose(
            table[measure].astype(float), values, rtol=0, atol=1e-6, err_msg=measure
        )

    # networkx's loop definition of effective size (it leaves organisations with no out-arcs
    # undefined; the product defines them from all their neighbours).
    loop = column(nx.effective_size(graph, nodes=list(graph), weight="weight"))
    defined = loop.notna()
    np.testing.assert_allclose(table.loc[defined, "effective_size"], loop[defined], atol=1e-9)

    roles = brute_force_brokerage(graph, group)
    for role in roles.columns:
        assert table[role].astype(int).to_dict() == roles[role].to_dict(), role
