"""Short names from the organisations file to the graph, the exports, and never past anonymising.

A short name ("UHD") is how a network picture labels an organisation whose name is long. It
identifies the organisation as well as its name does, so every anonymised exhibit must hide
it: each format that can carry a node attribute or a table cell is checked here for the demo's
short names, as whole words, after anonymising; and each check is shown able to fail by the
same format, not anonymised, naming them.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import networkx as nx
import openpyxl
import pytest

from ecosystem import export
from ecosystem.analysis.tables import organisation_table, with_short_name_column
from ecosystem.anonymise import Anonymiser
from ecosystem.exhibits import exhibit_bytes
from ecosystem.load import load_survey
from ecosystem.network import NetworkOptions, build_network
from ecosystem.service import Selection

WAVE = "Summative 2024"
DORSET = NetworkOptions(hub="Dorset")
ORGANISATIONS = (
    b"Name,Type,Hub,Short name,Aliases\n"
    b"University Hospitals Dorset NHS Foundation Trust,trust,Dorset,UHD,UHDFT\n"
    b"NHS Dorset,ICB,Dorset,,Dorset ICB\n"
)
ANSWERS = b"wave,respondent,partner,frequency\nW,NHS Dorset,UHDFT,Monthly\n"


@pytest.fixture(scope="module")
def short_names(demo) -> list[str]:
    """The short names of the organisations in the Dorset network (national bodies too)."""
    graph = build_network(demo, WAVE, DORSET)
    names = sorted({short for _, short in graph.nodes(data="short_name") if short})
    assert {"UHD", "HI Wessex", "DCH", "NIHR"} <= set(names)
    return names


def shown(text: str, short_names: list[str]) -> list[str]:
    """The short names that appear in a text as whole words (case as written)."""
    return [s for s in short_names if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]


def test_a_short_name_goes_from_the_file_to_every_organisations_node(tmp_path):
    (tmp_path / "organisations.csv").write_bytes(ORGANISATIONS)
    (tmp_path / "answers.csv").write_bytes(ANSWERS)
    survey = load_survey([tmp_path / "organisations.csv", tmp_path / "answers.csv"])
    graph = build_network(survey, "W")
    assert dict(graph.nodes(data="short_name")) == {
        "University Hospitals Dorset NHS Foundation Trust": "UHD",
        "NHS Dorset": "",
    }
    back = nx.read_graphml(io.BytesIO(export.graphml_bytes(graph)))
    assert back.nodes["University Hospitals Dorset NHS Foundation Trust"]["short_name"] == "UHD"
    back = nx.read_gexf(io.BytesIO(export.gexf_bytes(graph)))
    assert back.nodes["University Hospitals Dorset NHS Foundation Trust"]["short_name"] == "UHD"


def test_an_organisation_missing_from_the_file_has_a_blank_short_name(tmp_path):
    (tmp_path / "answers.csv").write_bytes(ANSWERS)
    graph = build_network(load_survey([tmp_path / "answers.csv"]), "W")
    assert set(dict(graph.nodes(data="short_name")).values()) == {""}


def test_the_organisation_table_can_carry_the_short_names_and_hides_them_anonymised(demo):
    graph = build_network(demo, WAVE, DORSET)
    table = with_short_name_column(organisation_table(graph), graph)
    assert list(table.columns[:2]) == ["short_name", "type"]
    assert table.loc["University Hospitals Dorset NHS Foundation Trust", "short_name"] == "UHD"
    hide = Anonymiser.for_survey(demo.organisations)
    hidden = hide.table(table.reset_index())
    row = hidden[hidden["organisation"] == hide.name("Health Innovation Wessex")]
    assert row["short_name"].tolist() == [hide.name("Health Innovation Wessex")]


def test_an_anonymised_graph_blanks_short_names_and_text_hides_them(demo, short_names):
    hide = Anonymiser.for_survey(demo.organisations)
    hidden = hide.graph(build_network(demo, WAVE, DORSET))
    assert set(dict(hidden.nodes(data="short_name")).values()) == {""}
    assert hide.text("UHD met HI Wessex") == f"{hide.name('UHD')} met {hide.name('HI Wessex')}"
    assert hide.name("UHD") == hide.name("University Hospitals Dorset NHS Foundation Trust")


def _graph_texts(data: bytes) -> str:
    return " ".join(" ".join(element.itertext()) + " " + " ".join(element.attrib.values())
                    for element in ET.fromstring(data).iter())  # fmt: skip


def _workbook_texts(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return " ".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


@pytest.mark.parametrize(
    ("view", "format", "texts"),
    [
        ("graph", "graphml", _graph_texts),
        ("graph", "gexf", _graph_texts),
        ("tables", "xlsx", _workbook_texts),
        ("tables", "csv", lambda data: data.decode("utf-8-sig")),
    ],
)
def test_no_anonymised_export_shows_a_short_name(demo, short_names, view, format, texts):
    named = Selection(WAVE, DORSET)
    hidden = Selection(WAVE, DORSET, anonymise=True)
    assert shown(texts(exhibit_bytes(demo, view, hidden, format)), short_names) == []
    if view == "graph":  # the same export, names shown, carries them: the check can fail
        assert "UHD" in shown(texts(exhibit_bytes(demo, view, named, format)), short_names)


def test_no_anonymised_network_picture_shows_a_short_name(demo, short_names):
    try:
        export.find_browser()
    except export.ExportEngineError:
        pytest.skip("Chromium is not installed; image exports skipped")
    hidden = Selection(WAVE, DORSET, anonymise=True, source="illustrative demo")
    svg = exhibit_bytes(demo, "network", hidden, "svg")
    texts = " ".join(
        "".join(e.itertext()) for e in ET.fromstring(svg).iter() if e.tag.endswith("text")
    )
    assert "Hub 3" in texts  # the labels are there, as labels
    assert shown(texts, short_names) == []


def test_the_dashboards_organisations_grid_shows_the_short_names(demo):
    from ecosystem.dashboard.callbacks.organisations import organisation_grid
    from ecosystem.dashboard.data import DashboardData

    data = DashboardData(demo)
    rows, columns = organisation_grid(data, Selection(WAVE, DORSET))
    headers = {c["field"]: c["headerName"] for c in columns}
    assert headers["short_name"] == "Short name"
    short = {row["organisation"]: row["short_name"] for row in rows}
    assert short["Health Innovation Wessex"] == "HI Wessex" and short["NHS Dorset"] == ""
