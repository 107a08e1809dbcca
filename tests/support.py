"""Helpers shared by the test modules (not fixtures): the demo survey read once, reading the
real datasets in place, serving a dashboard as ``ecosystem serve`` does."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import pandas as pd

from ecosystem.load import DEMO_FILES, load_survey
from ecosystem.survey import Survey


@functools.cache
def demo_survey() -> Survey:
    """The bundled demo survey, read once per test process and shared by every test.

    Tests only read it. The session's ``demo`` fixture (``conftest.py``) gives this very
    object and checks at the end that no test changed its tables in place.
    """
    return load_survey(DEMO_FILES)


def load_network(
    folder: Path, waves: tuple[int, ...] = (1,), directed: bool = True, binary: bool = False
) -> nx.DiGraph:
    """Waves of a shared dataset as one DiGraph (ids as str; an undirected tie as two arcs).

    Node attribute ``type`` is the dataset's ``group`` ("unknown" where it has none). Several
    waves give their union (the last wave's weight where a tie repeats).
    """
    nodes = pd.read_csv(folder / "nodes.csv", dtype={"id": str})
    ties = pd.read_csv(folder / "ties.csv", dtype={"source": str, "target": str})
    G = nx.DiGraph()
    groups = nodes["group"] if "group" in nodes else ["unknown"] * len(nodes)
    for node, group in zip(nodes["id"], groups, strict=True):
        G.add_node(node, type=str(group))
    for row in ties[ties["wave"].isin(waves)].itertuples():
        weight = 1.0 if binary else float(row.weight)
        G.add_edge(row.source, row.target, weight=weight)
        if not directed:
            G.add_edge(row.target, row.source, weight=weight)
    return G


@contextmanager
def served_by_waitress(app, **options) -> Iterator[str]:
    """Serve ``app`` with waitress, as ``ecosystem serve`` does, on a free loopback port."""
    import waitress.wasyncore

    from ecosystem.dashboard.serve import ServeOptions, make_server

    server = make_server(app, ServeOptions(port=0, **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.task_dispatcher.shutdown()
        waitress.wasyncore.close_all(server._map)
        thread.join(timeout=10)
