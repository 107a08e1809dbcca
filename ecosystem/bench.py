"""``make bench``: the product's speed as ratios against baselines run in the same process.

Prints, in one run:

* ``speedup_vs_networkx``: on a 1,000-organisation / 10,000-tie ecosystem, the time of the
  full per-organisation and network measures computed with networkx alone, divided by the
  product's time for the same measures;
* ``full_metrics_seconds``: the product's full measures on a 5,000 / 50,000 ecosystem;
* ``overhead_vs_igraph``: that time divided by the time of python-igraph's own calls for the
  measures igraph offers (the floor on this machine). The product also computes measures
  igraph lacks (effective size, brokerage by type), so this ratio includes them.

It also times the dashboard's interactions (``*_ms``: every view function one change of a
control triggers) on the demo survey, for all hubs and for one hub, and on the large
ecosystem; the aim on the demo is under 300 ms per interaction.

Ratios, not seconds, are what to compare between machines; each figure is the best of a few
repeats to damp noise from other processes.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import networkx as nx

from ecosystem.analysis.tables import full_measures
from ecosystem.graphs import to_igraph
from ecosystem.load import DEMO_FILES, load_survey
from ecosystem.network import build_network
from ecosystem.survey import Survey
from ecosystem.synthetic import SYNTHETIC_WAVE, synthetic_survey


def best_of(repeats: int, work: Callable[[], object]) -> float:
    """The shortest wall-clock time of ``repeats`` runs of ``work``, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def product_measures(graph: nx.DiGraph) -> None:
    """Everything the product reports for one network: per organisation and overall."""
    full_measures(graph)


def networkx_measures(graph: nx.DiGraph) -> None:
    """The same measures with networkx alone, as an analyst without this product would."""
    dict(graph.in_degree())
    dict(graph.out_degree())
    dict(graph.in_degree(weight="weight"))
    dict(graph.out_degree(weight="weight"))
    nx.betweenness_centrality(graph)
    nx.closeness_centrality(graph)
    nx.harmonic_centrality(graph)
    nx.pagerank(graph, alpha=0.85, weight="weight")
    nx.constraint(graph, weight="weight")
    nx.effective_size(graph, weight="weight")
    _networkx_brokerage(graph)
    nx.density(graph)
    nx.overall_reciprocity(graph)
    nx.transitivity(graph.to_undirected())
    nx.number_weakly_connected_components(graph)
    max(nx.weakly_connected_components(graph), key=len)


def _networkx_brokerage(graph: nx.DiGraph) -> dict:
    """Gould-Fernandez role counts by walking each broker's two-paths with networkx."""
    types = nx.get_node_attributes(graph, "type")
    counts: dict = {}
    for b in graph:
        for a in graph.predecessors(b):
            for c in graph.successors(b):
                if a == c or graph.has_edge(a, c):
                    continue
                ta, tb, tc = types[a], types[b], types[c]
                if ta == tb == tc:
                    role = "coordinator"
                elif ta == tc:
                    role = "consultant"
                elif ta == tb:
                    role = "representative"
                elif tb == tc:
                    role = "gatekeeper"
                else:
                    role = "liaison"
                counts[b, role] = counts.get((b, role), 0) + 1
    return counts


def igraph_floor(graph: nx.DiGraph) -> Callable[[], None]:
    """python-igraph's own calls for the measures it offers, on a graph converted beforehand."""
    g = to_igraph(graph)

    def run() -> None:
        g.degree(mode="in")
        g.degree(mode="out")
        g.strength(mode="in", weights="weight")
        g.strength(mode="out", weights="weight")
        g.betweenness(directed=True)
        g.closeness(mode="in")
        g.harmonic_centrality(mode="in")
        g.pagerank(damping=0.85, weights="weight", directed=True)
        g.constraint(weights="weight")
        g.density()
        g.reciprocity()
        g.transitivity_undirected()
        g.connected_components(mode="weak")

    return run


def interaction_seconds(survey: Survey, hub: str | None) -> dict[str, float]:
    """Seconds each dashboard interaction takes: every view function the change triggers.

    ``first_view`` is the page's first load (nothing cached); the others are what a hub lead
    does next, each timed once as it happens (so a wave not yet seen is computed then).
    """
    from ecosystem.dashboard.callbacks import (
        brokerage_views,
        drawn_key,
        network_update,
        organisation_grid,
        profile_choices,
        profile_view,
        selection_from_controls,
        status_text,
    )
    from ecosystem.dashboard.data import DashboardData
    from ecosystem.exhibits import Selection

    data = DashboardData(survey)
    waves = survey.waves
    latest = selection_from_controls(waves[-1], hub, None, None, None)
    organisation = max(survey.organisations.index, key=len)
    shown = drawn_key(latest)

    def everything(selection: Selection, size: str = "betweenness", chosen=None) -> None:
        status_text(data, selection)
        profile_choices(data, selection)
        network_update(data, selection, size, chosen, None)
        profile_view(data, selection, chosen)
        organisation_grid(data, selection)
        brokerage_views(data, selection, None)

    steps = {
        "first_view": lambda: everything(latest),
        # The page shows the latest network already: the callback patches it (a large one).
        "resize_nodes": lambda: network_update(data, latest, "pagerank", None, shown),
        "open_profile": lambda: (
            network_update(data, latest, "pagerank", organisation, shown),
            profile_view(data, latest, organisation),
        ),
        "filter_frequency": lambda: everything(
            selection_from_controls(waves[-1], hub, None, 3, None)
        ),
        "switch_wave": lambda: everything(selection_from_controls(waves[0], hub, None, None, None)),
        "switch_back": lambda: everything(latest),
    }
    return {name: best_of(1, step) for name, step in steps.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--sizes",
        type=int,
        nargs=4,
        default=(1_000, 10_000, 5_000, 50_000),
        metavar=("SMALL_ORGS", "SMALL_TIES", "LARGE_ORGS", "LARGE_TIES"),
        help="ecosystem sizes (default: 1000 10000 5000 50000)",
    )
    args = parser.parse_args(argv)
    small_orgs, small_ties, large_orgs, large_ties = args.sizes

    small = build_network(synthetic_survey(small_orgs, small_ties, seed=1), SYNTHETIC_WAVE)
    large_survey = synthetic_survey(large_orgs, large_ties, seed=2)
    build_seconds = best_of(1, lambda: build_network(large_survey, SYNTHETIC_WAVE))
    large = build_network(large_survey, SYNTHETIC_WAVE)

    networkx_seconds = best_of(1, lambda: networkx_measures(small))
    product_small = best_of(args.repeats, lambda: product_measures(small))
    product_large = best_of(args.repeats, lambda: product_measures(large))
    floor = best_of(args.repeats, igraph_floor(large))
    floor_small = best_of(args.repeats, igraph_floor(small))

    for label, graph in (("small", small), ("large", large)):
        size = f"{graph.number_of_nodes()} organisations, {graph.number_of_edges()} ties"
        print(f"{label}_ecosystem: {size}")
    print(f"networkx_seconds_small: {networkx_seconds:.3f}")
    print(f"product_seconds_small: {product_small:.3f}")
    print(f"speedup_vs_networkx: {networkx_seconds / product_small:.1f}")
    # The ceiling: python-igraph's own calls alone, against networkx, on the same graph.
    print(f"igraph_floor_speedup_vs_networkx: {networkx_seconds / floor_small:.1f}")
    print(f"build_network_seconds_large: {build_seconds:.3f}")
    print(f"full_metrics_seconds: {product_large:.3f}")
    print(f"igraph_floor_seconds: {floor:.3f}")
    print(f"overhead_vs_igraph: {product_large / floor:.2f}")

    demo = load_survey(DEMO_FILES)
    for scope, hub in (("demo_all_hubs", None), ("demo_dorset", "Dorset")):
        for step, seconds in interaction_seconds(demo, hub).items():
            print(f"{scope}_{step}_ms: {seconds * 1000:.0f}")
    for step, seconds in interaction_seconds(large_survey, None).items():
        print(f"large_{step}_ms: {seconds * 1000:.0f}")


if __name__ == "__main__":
    main()
