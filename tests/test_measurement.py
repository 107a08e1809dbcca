"""The measures computed by family, lazily, and on worker processes for large networks.

The reference is the serial composition the organisation table was made of before:
:func:`organisation_measures` (checked against networkx elsewhere), the Gould-Fernandez
counts of :func:`brokerage_roles` and the node attributes; betweenness summed over source
partitions is also checked against networkx directly.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from ecosystem.analysis.brokerage import brokerage_roles
from ecosystem.analysis.centrality import organisation_measures
from ecosystem.analysis.measurement import FAMILIES, PARALLEL_FROM, Measurement, family_of
from ecosystem.analysis.summary import network_measures
from ecosystem.analysis.tables import full_measures
from ecosystem.compute import workers
from ecosystem.network import NetworkOptions, build_network
from ecosystem.synthetic import SYNTHETIC_WAVE, synthetic_survey


def reference_table(graph: nx.DiGraph) -> pd.DataFrame:
    """The organisation table as it was composed before measures came by family."""
    measures = organisation_measures(graph)
    roles = brokerage_roles(graph, attribute="type").rename(columns={"total": "brokerage"})
    context = pd.DataFrame(
        {
            "hubs": [graph.nodes[n].get("hubs", "") for n in graph],
            "responded": [bool(graph.nodes[n].get("responded", False)) for n in graph],
        },
        index=measures.index,
    )
    table = pd.concat([measures[["type"]], context, measures.drop(columns="type"), roles], axis=1)
    table.index.name = "organisation"
    return table


@pytest.fixture(scope="module")
def demo_graphs(demo) -> list[nx.DiGraph]:
    survey = demo
    return [
        build_network(survey, wave, NetworkOptions(hub=hub))
        for wave in survey.waves
        for hub in (None, *survey.hubs)
    ]


@pytest.fixture(scope="module")
def large_graph() -> nx.DiGraph:
    """Large enough for worker processes (above PARALLEL_FROM), small enough to be quick."""
    survey = synthetic_survey(PARALLEL_FROM + 200, 6_000, seed=7)
    return build_network(survey, SYNTHETIC_WAVE)


def test_the_table_by_family_equals_the_serial_composition_on_every_demo_network(demo_graphs):
    for graph in demo_graphs:
        pd.testing.assert_frame_equal(
            Measurement(graph).organisations, reference_table(graph), rtol=1e-12
        )


def test_a_large_network_measured_on_workers_equals_the_serial_table(large_graph, monkeypatch):
    measurement = Measurement(large_graph)
    assert measurement.parallel == (workers.worker_count() > 0)
    table, overall = full_measures(large_graph)
    pd.testing.assert_frame_equal(table, reference_table(large_graph), rtol=1e-9)
    pd.testing.assert_series_equal(overall, network_measures(large_graph), rtol=1e-9)
    monkeypatch.setenv(workers.WORKERS_VARIABLE, "0")
    serial = Measurement(large_graph)
    assert not serial.parallel
    pd.testing.assert_frame_equal(serial.organisations, table, rtol=1e-9)


def test_betweenness_summed_over_a_partition_of_sources_is_networkx_betweenness():
    graph = nx.gnp_random_graph(60, 0.08, seed=3, directed=True)
    edges = np.array(list(graph.edges()), dtype=np.int64)
    n = graph.number_of_nodes()
    parts = [workers.betweenness_from_sources(n, edges, range(k, n, 3)) for k in range(3)]
    expected = nx.betweenness_centrality(graph, normalized=False)
    assert np.allclose(np.sum(parts, axis=0), [expected[v] for v in range(n)], atol=1e-9)


def test_asking_for_some_columns_computes_only_their_families(demo_graphs):
    measurement = Measurement(demo_graphs[0])
    table = measurement.columns(["pagerank", "in_degree", "brokerage"])
    assert list(table.columns) == ["pagerank", "in_degree", "brokerage"]
    assert measurement.computed == {"pagerank", "degrees", "brokerage"}
    assert list(table.index) == list(demo_graphs[0])


def test_every_column_has_one_family_and_an_unknown_one_is_named():
    columns = [c for family in FAMILIES.values() for c in family]
    assert len(columns) == len(set(columns))
    assert all(column in FAMILIES[family_of(column)] for column in columns)
    with pytest.raises(KeyError, match="no measure 'reach'"):
        family_of("reach")


def test_threads_asking_at_once_compute_each_family_once(demo_graphs, monkeypatch):
    measurement = Measurement(demo_graphs[0])
    calls: list[str] = []
    compute = measurement._compute

    def counted(family: str) -> pd.DataFrame:
        calls.append(family)
        return compute(family)

    monkeypatch.setattr(measurement, "_compute", counted)
    threads = [
        threading.Thread(target=lambda: measurement.columns(["betweenness", "closeness"]))
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(calls) == ["betweenness", "closeness"]


def test_a_broken_worker_pool_is_replaced_by_computing_here():
    future: Future = Future()
    future.set_exception(BrokenProcessPool("a worker was killed"))
    future.work = workers._Work(sum, ([1, 2, 3],), future, started=True)
    assert workers.outcome(future) == 6


@pytest.mark.parametrize(("setting", "expected"), [("0", 0), ("3", 3), ("many", 0)])
def test_the_number_of_workers_follows_the_environment(monkeypatch, setting, expected):
    monkeypatch.setenv(workers.WORKERS_VARIABLE, setting)
    assert workers.worker_count() == expected


def test_without_workers_submit_computes_on_the_spot(monkeypatch):
    monkeypatch.setenv(workers.WORKERS_VARIABLE, "0")
    monkeypatch.setattr(workers, "_pool", None)
    future = workers.submit(pow, 2, 10)
    assert not future.done()  # background work waits until someone asks for it
    assert workers.outcome(future) == 1024 and future.done()


def queued(*urgent: bool) -> list:
    return [workers._Work(pow, (2, k), Future(), urgent=flag) for k, flag in enumerate(urgent)]


def test_urgent_work_goes_ahead_of_background_work_waiting():
    queue = workers._Queue()
    queue._waiting = queued(False, False, True, True)
    assert queue._next(2, 1.0) is queue._waiting[2]  # the first urgent, not the first queued


def test_work_waits_while_every_worker_is_busy():
    queue = workers._Queue()
    queue._waiting = queued(False, True)
    queue._running = 2
    assert queue._next(2, 1.0) is None
    queue._running = 1
    assert queue._next(2, 1.0) is queue._waiting[1]


def test_work_submitted_to_the_pool_comes_back_whether_asked_for_or_not():
    if workers.worker_count() == 0:
        pytest.skip("no worker processes on a machine with one core")
    futures = [workers.submit(pow, 3, k) for k in range(6)]
    assert workers.outcome(futures[-1]) == 3**5  # asked for: goes ahead
    assert [workers.outcome(f) for f in futures] == [3**k for k in range(6)]


def test_background_work_waits_for_the_dashboard_to_be_quiet():
    queue = workers._Queue()
    queue._waiting = queued(False, True)
    assert queue._next(2, 0.0) is queue._waiting[1]  # urgent work starts at once
    queue._waiting = queued(False)
    assert queue._next(2, 0.0) is None  # a view was just drawn
    assert queue._next(2, workers.QUIET_BEFORE_BACKGROUND) is queue._waiting[0]


def test_a_view_being_drawn_holds_background_work_back(monkeypatch):
    queue = workers._Queue()
    monkeypatch.setattr(workers, "_queue", queue)
    with workers.foreground():
        assert queue._quiet_for() == 0.0 and queue.foreground == 1
    assert queue.foreground == 0 and 0.0 <= queue._quiet_for() < 5.0


def test_the_dashboard_holds_background_work_while_it_answers_a_request(monkeypatch, demo):
    from ecosystem.dashboard.app import create_app

    queue = workers._Queue()
    monkeypatch.setattr(workers, "_queue", queue)
    app = create_app(demo)
    seen = []
    app.server.add_url_rule("/probe", "probe", lambda: seen.append(queue.foreground) or "ok")
    answered = app.server.test_client().get("/probe")
    assert answered.status_code == 200 and seen == [1]
    assert queue.foreground == 0 and queue.quiet_since > 0


def test_structural_holes_of_some_organisations_are_those_of_the_whole():
    from ecosystem.analysis.structural_holes import structural_holes_from_arcs
    from ecosystem.graphs import arc_arrays

    graph = build_network(synthetic_survey(300, 2_000, seed=3), SYNTHETIC_WAVE)
    arcs, n = arc_arrays(graph), graph.number_of_nodes()
    whole = structural_holes_from_arcs(*arcs, n)
    rows = np.arange(5, n, 3)
    part = structural_holes_from_arcs(*arcs, n, True, rows)
    assert np.array_equal(part[0], whole[0][rows], equal_nan=True)
    assert np.array_equal(part[1], whole[1][rows], equal_nan=True)


def test_the_workers_run_at_a_lower_priority_than_the_server():
    if workers.worker_count() == 0 or not hasattr(__import__("os"), "nice"):
        pytest.skip("no worker processes, or no process priorities, here")
    import os

    theirs = workers.outcome(workers.submit(os.nice, 0))
    assert theirs >= os.nice(0) + workers.WORKER_NICENESS


def test_a_worker_makes_the_graph_of_the_same_arcs_once():
    edges = np.array([[0, 1], [1, 2], [2, 0]], dtype=np.int64)
    first = workers.igraph_from_arcs(3, edges)
    assert workers.igraph_from_arcs(3, edges.copy()) is first
    assert workers.igraph_from_arcs(3, edges[:2]) is not first
    assert workers.igraph_from_arcs(4, edges) is not first
    assert first.get_edgelist() == [(0, 1), (1, 2), (2, 0)] and first.is_directed()
