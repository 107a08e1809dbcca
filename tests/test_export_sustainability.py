"""The ``sustainability`` view: its figure (before and after on shared positions), its tables
as CSV and XLSX, its image as an A4 page, names hidden on request, and the scenario chosen
on the command line.
"""

from __future__ import annotations

import io
import struct

import networkx as nx
import openpyxl
import pandas as pd
import pytest
from test_cli import run
from test_formula_safety import (
    HUB,
    HUB_ORGANISATION,
    assert_safe,
    cli_output,
    csv_cells,
    xlsx_cells,
)
from test_formula_safety import files as files  # the payload survey, as a fixture here too

from ecosystem.analysis.sustainability import Scenario, run_scenario
from ecosystem.errors import OptionError
from ecosystem.exhibits import EXPORT_FORMATS, exhibit_bytes, view_figure
from ecosystem.figures.sustainability import sustainability_figure
from ecosystem.load import DEMO_FILES
from ecosystem.network import NetworkOptions
from ecosystem.report.sustainability import SUSTAINABILITY_TABLES
from ecosystem.service import Selection

WAVE = "Summative 2024"
DORSET_HUB = "Dorset Innovation Hub"


def _selection(**chosen: object) -> Selection:
    return Selection(wave=WAVE, options=NetworkOptions(hub="Dorset"), **chosen)


def _star() -> nx.DiGraph:
    graph = nx.DiGraph(wave="2023", hub="North")
    graph.add_nodes_from([("Hub", {"type": "hub"}), ("Trust", {"type": "trust"})])
    graph.add_nodes_from([("College", {"type": "university"}), ("ICB", {"type": "ICB"})])
    graph.add_edges_from([("Hub", "Trust"), ("Hub", "College"), ("ICB", "Hub")], weight=3.0)
    graph.add_edge("ICB", "Trust", weight=1.0)
    return graph


# The figure.


def _points(fig, panel: str) -> dict[str, tuple[float, float]]:
    """Organisation -> (x, y) of the node markers in one panel."""
    return {
        name: (x, y)
        for trace in fig.data
        if trace.meta["role"] == "nodes" and trace.meta["panel"] == panel
        for name, x, y in zip(trace.customdata, trace.x, trace.y, strict=True)
    }


def _pairs(fig) -> dict[str, int]:
    """Tied pairs by change ("kept", "lost", "gained") in the after panel."""
    return {t.meta["role"]: t.meta["pairs"] for t in fig.data if "pairs" in t.meta}


def test_the_figure_draws_both_sides_on_the_same_positions_in_two_panels():
    result = run_scenario(_star(), Scenario(remove=("Hub",)))
    fig = sustainability_figure(result)
    before, after = _points(fig, "before"), _points(fig, "after")
    assert set(before) == set(after) == {"Hub", "Trust", "College", "ICB"}
    assert before == after
    axes = {(t.meta["panel"], t.xaxis) for t in fig.data}
    assert axes == {("before", "x"), ("after", "x2")}


def test_the_after_panel_shows_the_hubs_ties_lost_and_a_merge_gains_the_receivers():
    left = sustainability_figure(run_scenario(_star(), Scenario(remove=("Hub",))))
    counts = _pairs(left)
    assert (counts["lost"], counts["kept"], counts["gained"]) == (3, 1, 0)
    merged = sustainability_figure(run_scenario(_star(), Scenario(merge=("Hub", "ICB"))))
    counts = _pairs(merged)
    assert (counts["lost"], counts["gained"]) == (3, 1)  # ICB gains the College; keeps Trust


def test_the_figure_names_the_scenario_and_never_changes_its_graphs():
    graph = _star()
    result = run_scenario(graph, Scenario(remove=("Hub",)))
    before = nx.to_dict_of_dicts(result.before)
    fig = sustainability_figure(result)
    assert "Hub leaves" in fig.layout.title.text
    assert nx.to_dict_of_dicts(result.before) == before
    assert result.before.graph["wave"] == "2023"


def test_only_the_after_panel_has_a_legend():
    fig = sustainability_figure(run_scenario(_star(), Scenario(remove=("Hub",))))
    assert not any(t.showlegend for t in fig.data if t.meta["panel"] == "before")


# The view.


def test_the_view_is_exported_as_images_and_as_tables():
    assert set(EXPORT_FORMATS["sustainability"]) == {"png", "svg", "pdf", "csv", "xlsx"}


def test_by_default_the_view_supposes_the_hub_leaves(demo):
    fig = view_figure(demo, "sustainability", _selection())
    assert f"{DORSET_HUB} leaves" in fig.layout.title.text


def test_a_merge_is_a_scenario_of_the_view(demo):
    scenario = Scenario(merge=(DORSET_HUB, "NHS Dorset"))
    fig = view_figure(demo, "sustainability", _selection(scenario=scenario))
    assert "joins NHS Dorset" in fig.layout.title.text


def test_without_a_hub_or_a_scenario_the_view_asks_for_one(demo):
    selection = Selection(wave=WAVE)
    with pytest.raises(OptionError, match="choose a scenario"):
        view_figure(demo, "sustainability", selection)


def test_anonymised_the_figure_names_no_organisation(demo):
    fig = view_figure(demo, "sustainability", _selection(anonymise=True))
    text = fig.to_json()
    assert DORSET_HUB not in text and "NHS Dorset" not in text
    assert "leaves" in fig.layout.title.text


def test_the_workbook_has_a_sheet_per_table_and_definitions(demo):
    data = exhibit_bytes(demo, "sustainability", _selection(), "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == [*SUSTAINABILITY_TABLES.values(), "Definitions"]


@pytest.mark.parametrize("table", list(SUSTAINABILITY_TABLES))
def test_each_table_is_a_csv(demo, table):
    data = exhibit_bytes(demo, "sustainability", _selection(table=table), "csv")
    frame = pd.read_csv(io.BytesIO(data))
    if table == "measures":
        assert list(frame.columns) == ["measure", "before", "after", "change"]
        assert "Fragmentation" in set(frame["measure"])
    if table == "successors":
        assert len(frame) > 0 and frame["rank"].tolist() == sorted(frame["rank"])


def test_the_csv_holds_the_measures_unless_a_table_is_named(demo):
    data = exhibit_bytes(demo, "sustainability", _selection(), "csv")
    assert list(pd.read_csv(io.BytesIO(data)).columns) == ["measure", "before", "after", "change"]
    with pytest.raises(OptionError, match="sustainability table"):
        exhibit_bytes(demo, "sustainability", _selection(table="gaps"), "csv")


def test_anonymised_tables_name_no_organisation(demo):
    data = exhibit_bytes(demo, "sustainability", _selection(anonymise=True), "xlsx")
    cells = {str(c) for c in xlsx_cells(data)}
    assert not any(DORSET_HUB in cell or "NHS Dorset" in cell for cell in cells)


def test_the_image_is_an_a4_landscape_page(chromium, demo):
    png = exhibit_bytes(demo, "sustainability", _selection(), "png")
    assert png.startswith(b"\x89PNG")
    assert struct.unpack(">II", png[16:24]) == (3508, 2481)


# The command line.


def test_export_takes_the_scenario_on_the_command_line(tmp_path):
    output = tmp_path / "merge.csv"
    code, _, err = run(
        "export", *DEMO_FILES, "--wave", WAVE, "--hub", "Dorset", "--view", "sustainability",
        "--merge", "dorset innovation hub", "--into", "nhs dorset", "--table", "isolated",
        "-o", output,
    )  # fmt: skip
    assert code == 0, err
    assert list(pd.read_csv(output).columns) == ["organisation", "type"]


def test_export_of_an_unknown_organisation_exits_2_with_the_nearest_names(tmp_path):
    code, _, err = run(
        "export", *DEMO_FILES, "--hub", "Dorset", "--view", "sustainability",
        "--remove", "Dorset Inovation Hub", "-o", tmp_path / "x.xlsx",
    )  # fmt: skip
    assert code == 2
    assert DORSET_HUB in err
    assert not (tmp_path / "x.xlsx").exists()


# Formula safety.


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_sustainability_tables_write_no_live_formula(files, tmp_path, fmt):
    argv = ["export", *map(str, files), f"--hub={HUB}", "--view", "sustainability"]
    data = cli_output(tmp_path, *argv, "--format", fmt, "--table", "successors")
    cells = csv_cells(data) if fmt == "csv" else xlsx_cells(data)
    assert_safe(cells, "+44 Health")
    assert HUB_ORGANISATION not in cells  # the hub is no successor of itself, defused or not
