"""The tables people read combine the single measures without changing them."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from ecosystem.analysis.brokerage import brokerage_roles
from ecosystem.analysis.centrality import organisation_measures
from ecosystem.analysis.summary import network_measures
from ecosystem.analysis.tables import full_measures, organisation_table
from ecosystem.codebook import ALL_HUBS
from ecosystem.network import NetworkOptions, build_network
from ecosystem.service import network_summary_table


def test_organisation_table_joins_measures_and_roles_for_every_organisation(demo):
    graph = build_network(demo, "Summative 2024")
    table = organisation_table(graph)
    assert list(table.index) == list(graph)
    measures = organisation_measures(graph)
    roles = brokerage_roles(graph)
    pd.testing.assert_series_equal(table["betweenness"], measures["betweenness"])
    pd.testing.assert_series_equal(
        table["brokerage"], roles["total"], check_names=False, check_index_type=False
    )
    assert table.loc["Dorset Innovation Hub", "hubs"] == "Dorset"
    assert table["responded"].dtype == bool


def test_full_measures_reuse_betweenness_without_changing_any_value(demo):
    graph = build_network(demo, "Formative 2023", NetworkOptions(hub="Manchester"))
    _, overall = full_measures(graph)
    pd.testing.assert_series_equal(overall, network_measures(graph))


def test_summary_table_has_a_row_per_wave_and_scope(demo):
    table = network_summary_table(demo, demo.waves)
    scopes = [ALL_HUBS, *demo.hubs]
    assert len(table) == len(demo.waves) * len(scopes)
    assert list(table["scope"][: len(scopes)]) == scopes
    dorset = table[(table["scope"] == "Dorset")].set_index("wave")
    # The demo's story: Dorset's slow start, then many more partnerships.
    assert dorset.loc["Summative 2024", "ties"] > 1.5 * dorset.loc["Formative 2023", "ties"]
    only = network_summary_table(demo, ["Summative 2024"], NetworkOptions(hub="Dorset"))
    assert list(only["scope"]) == ["Dorset"]


def test_tables_leave_the_graph_unchanged(demo):
    graph = build_network(demo, "Summative 2024")
    before = nx.to_dict_of_dicts(graph), dict(graph.nodes(data=True))
    full_measures(graph)
    assert (nx.to_dict_of_dicts(graph), dict(graph.nodes(data=True))) == before
