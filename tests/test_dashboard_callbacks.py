"""The dashboard's view functions: what each callback returns, and what it never recomputes."""

from __future__ import annotations

import io
from pathlib import Path

import dash
import pandas as pd
import pytest
from dash import dcc

import ecosystem.dashboard
from ecosystem.analysis.tables import organisation_table
from ecosystem.codebook import type_label, type_order
from ecosystem.dashboard import ids
from ecosystem.dashboard.app import create_app
from ecosystem.dashboard.callbacks import (
    brokerage_views,
    clicked_organisation,
    compare_views,
    gap_rows,
    gap_view,
    network_view,
    organisation_grid,
    organisations_export,
    overview_views,
    profile_view,
    selection_from_controls,
    status_text,
    view_export,
)
from ecosystem.dashboard.data import DashboardData
from ecosystem.dashboard.views import SIZE_MEASURES, page
from ecosystem.dashboard.views import network_view as network_layout
from ecosystem.glossary import measure_label
from ecosystem.network import NetworkOptions, build_network
from ecosystem.service import Selection

LATEST = "Summative 2024"


@pytest.fixture(scope="module")
def survey(demo):
    return demo


@pytest.fixture
def data(survey):
    return DashboardData(survey, illustrative=True)


def dorset(wave: str = LATEST, **filters) -> Selection:
    return selection_from_controls(
        wave,
        "Dorset",
        filters.get("natures"),
        filters.get("min_frequency"),
        filters.get("min_relevance"),
    )


def test_blank_controls_mean_every_hub_and_no_filter():
    selection = selection_from_controls(LATEST, "", None, None, None)
    assert selection.options == NetworkOptions()
    assert selection.scope == "All hubs"


def test_the_network_figure_has_a_point_per_organisation_named_for_click_through(data, survey):
    figure = network_view(data, dorset(), "betweenness", None)
    graph = build_network(survey, LATEST, NetworkOptions(hub="Dorset"))
    names = {
        name
        for trace in figure.data
        if trace.customdata is not None
        for name in (c[0] if isinstance(c, list | tuple) else c for c in trace.customdata)
    }
    assert names == set(graph)


def test_changing_only_the_node_size_or_profile_never_rebuilds_the_network(data):
    network_view(data, dorset(), "betweenness", None)
    builds = data.builds
    network_view(data, dorset(), "pagerank", None)
    network_view(data, dorset(), "in_degree", "Dorset Innovation Hub")
    profile_view(data, dorset(), "NHS Dorset")
    organisation_grid(data, dorset())
    assert data.builds == builds
    network_view(data, dorset(min_frequency=3), "pagerank", None)
    assert data.builds == builds + 1, "a filter is a new network, built once"


def test_positions_are_shared_across_waves_and_filters(data):
    first = network_view(data, dorset("Formative 2023"), "betweenness", None)
    second = network_view(data, dorset(LATEST, min_frequency=2), "betweenness", None)

    def positions(figure):
        found = {}
        for trace in figure.data:
            if trace.customdata is None:
                continue
            for name, x, y in zip(trace.customdata, trace.x, trace.y, strict=True):
                found[name[0] if isinstance(name, list | tuple) else name] = (x, y)
        return found

    before, after = positions(first), positions(second)
    shared = set(before) & set(after)
    assert shared
    assert all(before[name] == after[name] for name in shared)


def test_status_says_scope_wave_size_and_response_rate(data):
    text = status_text(data, dorset())
    assert text.startswith("Summative 2024, Dorset:")
    assert "organisations" in text and "responded" in text


def test_the_profile_lists_the_organisations_ties_and_measures(data, survey):
    panel = str(profile_view(data, dorset(), "Dorset Innovation Hub"))
    graph = build_network(survey, LATEST, NetworkOptions(hub="Dorset"))
    partners = set(graph.predecessors("Dorset Innovation Hub")) | set(
        graph.successors("Dorset Innovation Hub")
    )
    for partner in partners:
        assert partner in panel
    assert "Measures and ranks" in panel and "Brokerage roles" in panel
    assert "Click an organisation" in str(profile_view(data, dorset(), None))


def test_the_profile_tables_show_headings_people_read_and_no_index_column(data):
    from dash import html

    panel = profile_view(data, dorset(), "Dorset Innovation Hub")
    tables = {t.id: t for t in panel.children if isinstance(t, html.Table)}
    roles = tables["profile-table-roles"]
    headings = [cell.children for cell in roles.children[1].children.children]
    assert headings == ["Role", "Count", "Expected by chance", "z-score"]
    first_row = [cell.children for cell in roles.children[2].children[0].children]
    assert first_row[0] == measure_label("coordinator"), "the row starts with the role, no index"
    measures = tables["profile-table-measures"]
    assert [c.children for c in measures.children[1].children.children] == [
        "Measure",
        "Value",
        "Rank",
    ]


def test_the_organisations_grid_and_csv_hold_every_measure(data, survey):
    rows, columns = organisation_grid(data, dorset())
    graph = build_network(survey, LATEST, NetworkOptions(hub="Dorset"))
    assert {r["organisation"] for r in rows} == set(graph)
    fields = {c["field"] for c in columns}
    assert {"betweenness", "pagerank", "constraint", "liaison", "type"} <= fields
    csv = organisations_export(data, dorset()).to_csv(index=False)
    back = pd.read_csv(io.StringIO(csv)).set_index("organisation")
    expected = organisation_table(graph)
    pd.testing.assert_series_equal(
        back["betweenness"], expected["betweenness"], check_names=False, check_index_type=False
    )
    assert set(back["wave"]) == {LATEST}
    assert back.loc["Dorset Innovation Hub", "type"] == "Innovation hub"


def test_brokerage_views_cover_roles_matrix_and_structural_holes(data):
    roles_figure, roles_table, choices, matrix, holes = brokerage_views(data, dorset(), None)
    assert roles_figure.data
    assert "Dorset Innovation Hub" in str(roles_table)
    assert {c["value"] for c in choices} >= {"hub", "ICB", "university"}
    hub_only = brokerage_views(data, dorset(), "hub")[3]
    total = matrix.data[0].z
    assert sum(sum(v for v in row if v is not None) for row in hub_only.data[0].z) <= sum(
        sum(v for v in row if v is not None) for row in total
    )
    assert holes.data


def test_the_overview_compares_every_hub_and_wave(data):
    figure, table = overview_views(data)
    text = str(table)
    for hub in data.hubs:
        assert hub in text
    assert "Formative 2023" in text and LATEST in text
    assert figure.data


def test_compare_views_put_both_waves_on_the_same_positions(data):
    options = NetworkOptions(hub="Dorset")
    findings, before, after, difference, network, catalysis, movers = compare_views(
        data, "Formative 2023", LATEST, options, "betweenness"
    )
    assert "ensity" in str(findings)

    def placed(figure):
        return {
            (c[0] if isinstance(c, list | tuple) else c): (x, y)
            for trace in figure.data
            if trace.customdata is not None
            for c, x, y in zip(trace.customdata, trace.x, trace.y, strict=True)
        }

    early, late = placed(before), placed(after)
    assert {n: early[n] for n in set(early) & set(late)} == {
        n: late[n] for n in set(early) & set(late)
    }
    names = {trace.name.split(" ")[0] for trace in difference.data if trace.name}
    assert {"Gained", "Lost", "Kept"} <= names
    assert network.data and catalysis.data and movers.data


def test_comparing_a_wave_with_itself_asks_for_two_waves(data):
    findings, *figures = compare_views(data, LATEST, LATEST, NetworkOptions(), "pagerank")
    assert "two different waves" in str(findings)
    assert all(not figure.data for figure in figures)


def test_gap_rows_cover_every_hub_unless_one_is_chosen(data):
    every = gap_rows(data, selection_from_controls(LATEST, "", None, None, None))
    assert {row["hub"] for row in every} == set(data.hubs)
    dorset_rows = gap_rows(data, dorset())
    assert {row["hub"] for row in dorset_rows} == {"Dorset"}
    assert all(row["title"] and row["reason"] for row in dorset_rows)
    assert len({row["id"] for row in dorset_rows}) == len(dorset_rows)


def test_selecting_a_finding_highlights_its_organisations(data):
    rows = gap_rows(data, dorset())
    finding = next(r for r in rows if r["kind"] == "introduction")
    text, figure = gap_view(data, dorset(), finding)
    assert finding["reason"] in str(text)
    rings = [t for t in figure.data if (t.meta or {}).get("role") == "highlight"]
    assert len(rings) == 1 and len(rings[0].x) == 2
    _, plain = gap_view(data, dorset(), None)
    assert not [t for t in plain.data if (t.meta or {}).get("role") == "highlight"]


def test_the_open_view_downloads_as_an_image_or_a_workbook(data, chromium):
    content, name = view_export(data, "tab-network", dorset(), "svg", anonymise=True)
    assert name == "network-anonymised-dorset-summative-2024.svg"
    text = content.decode("utf-8")
    assert text.lstrip().startswith("<svg") or text.lstrip().startswith("<?xml")
    assert "Dorset Innovation Hub" not in text and "Hub 3" in text
    content, name = view_export(data, "tab-organisations", dorset(), "png", anonymise=False)
    assert name.endswith(".xlsx") and content[:2] == b"PK"
    assert "no picture" in view_export(data, "tab-guide", dorset(), "png", anonymise=False)
    compare = view_export(data, "tab-compare", dorset(), "pdf", False, wave_from=LATEST)
    assert "two different waves" in compare
    content, _ = view_export(
        data, "tab-compare", dorset(), "pdf", False, wave_from="Formative 2023"
    )
    assert content[:5] == b"%PDF-"


def test_the_controls_make_the_one_selection_that_exhibits_take():
    selection = selection_from_controls(LATEST, "Dorset", ["support"], "3", None)
    assert type(selection) is Selection
    assert selection.options == NetworkOptions(hub="Dorset", natures=("support",), min_frequency=3)
    assert (selection.wave_from, selection.anonymise, selection.source) == (None, False, "")


def components(layout):
    """Every component of a layout, depth first."""
    yield layout
    children = getattr(layout, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            yield from components(child)


def component(layout, component_id: str):
    """The component of a layout with this id."""
    return next(c for c in components(layout) if getattr(c, "id", None) == component_id)


def test_every_label_of_a_measure_is_the_glossarys(data):
    _, columns = organisation_grid(data, dorset())
    headers = {c["field"]: c["headerName"] for c in columns}
    for key in ("in_degree", "out_strength", "betweenness", "brokerage"):
        # A measure that is not robust under further non-response says so after its label.
        assert headers[key] in {
            measure_label(key) + mark for mark in ("", " (check)", " (fragile)")
        }
    panel = str(profile_view(data, dorset(), "Dorset Innovation Hub"))
    assert measure_label("in_degree") in panel
    roles = str(brokerage_views(data, dorset(), None)[1])
    assert measure_label("brokerage") in roles
    sizes = {o["value"]: o["label"] for o in component(network_layout(), ids.SIZE_SELECT).options}
    assert sizes == {key: measure_label(key) for key in SIZE_MEASURES}


def test_broker_types_are_offered_in_the_codebooks_order(data):
    choices = brokerage_views(data, dorset(), None)[2]
    keys = [c["value"] for c in choices]
    assert keys == type_order(keys)
    assert all(c["label"] == type_label(c["value"]) for c in choices)


@pytest.mark.parametrize(
    ("click", "organisation"),
    [
        ({"points": [{"customdata": "NHS Dorset"}]}, "NHS Dorset"),
        ({"points": [{"customdata": ["NHS Dorset", 3]}]}, "NHS Dorset"),
        ({"points": [{"x": 1, "y": 2}]}, None),  # a tie's hover point: no organisation
        ({"points": []}, None),
        (None, None),
    ],
)
def test_a_click_on_the_network_names_the_organisation_under_it(click, organisation):
    assert clicked_organisation(click) == organisation


def test_every_view_registers_its_callbacks_on_the_app_never_on_global_dash(survey):
    before = list(dash._callback.GLOBAL_CALLBACK_LIST)
    first, second = create_app(survey), create_app(survey)
    try:
        assert before == dash._callback.GLOBAL_CALLBACK_LIST
        assert len(first.callback_map) == len(second.callback_map) > 20
        outputs = " ".join(first.callback_map)
        for component in (ids.NETWORK_GRAPH, ids.GAPS_GRID, ids.ORGANISATIONS_GRID,
                          ids.BROKERAGE_MATRIX_GRAPH, ids.OVERVIEW_TABLE,
                          ids.COMPARE_DIFFERENCE_GRAPH, ids.DATA_REPORT, ids.EXPORT_DOWNLOAD,
                          ids.STATUS_TEXT):  # fmt: skip
            assert component in outputs
    finally:
        first.temporary_workspace.cleanup()
        second.temporary_workspace.cleanup()


def test_the_stylesheet_is_package_data_found_beside_the_package(survey):
    app = create_app(survey)
    try:
        folder = Path(app.config.assets_folder)
        assert (folder / "style.css").is_file()
        assert folder.is_relative_to(Path(ecosystem.dashboard.__file__).parent)
    finally:
        app.temporary_workspace.cleanup()


def test_every_graph_that_fills_its_box_names_its_height(data):
    # dcc.Graph writes "height: 100%" over the stylesheet's height unless the style names
    # one; the plot then takes its height from itself and was now and then drawn 0 px high.
    graphs = [c for c in components(page(data)) if isinstance(c, dcc.Graph)]
    responsive = [g for g in graphs if getattr(g, "responsive", None) is True]
    assert {g.id for g in responsive} >= {ids.NETWORK_GRAPH, ids.GAPS_GRAPH}
    for graph in responsive:
        assert graph.style.get("height"), graph.id
