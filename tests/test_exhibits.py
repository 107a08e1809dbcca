"""Each view's exhibit: the screen's figure, labelled with title, wave, filters and source."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re

import networkx as nx
import openpyxl
import pytest

from ecosystem.errors import OptionError
from ecosystem.exhibits import (
    EXPORT_FORMATS,
    FIGURE_VIEWS,
    TABLES,
    choose_format,
    exhibit_bytes,
    view_figure,
    view_tables,
)
from ecosystem.export import definitions_table
from ecosystem.glossary import MEASURES, measure_label
from ecosystem.network import NetworkOptions
from ecosystem.service import DEFAULT_TABLE, Selection, describe_filters


def every_name(survey) -> set[str]:
    names = set(survey.organisations.index)
    for aliases in survey.organisations["aliases"]:
        names.update(aliases)
    return names


@pytest.mark.parametrize("view", list(FIGURE_VIEWS))
def test_every_view_is_titled_with_its_wave_filters_and_source(demo, view):
    selection = Selection(
        wave="Summative 2024",
        options=NetworkOptions(hub="Dorset", min_frequency=2),
        wave_from="Formative 2023",
        source="demo (illustrative data)",
    )
    figure = view_figure(demo, view, selection)
    title = figure.layout.title
    assert title.text
    subtitle = title.subtitle.text.replace("<br>", " ")  # long subtitles wrap
    assert "Dorset" in subtitle or view == "overview"
    assert "quarterly or more" in subtitle
    assert "demo (illustrative data)" in subtitle
    # Every exported figure states the response rate of the wave(s) it shows.
    assert "response rate" in subtitle
    shown = (
        "Summative 2024 71% (44 of 62)" if view == "overview" else "Summative 2024 72% (13 of 18)"
    )
    assert shown in subtitle
    if view in ("compare", "functions"):
        assert "Formative 2023 50% (8 of 16)" in subtitle
    assert figure.data


@pytest.mark.parametrize("view", ["network", "compare", "gaps", "structural-holes"])
def test_anonymised_exhibits_hold_no_organisation_name(demo, view):
    selection = Selection(
        wave="Summative 2024", options=NetworkOptions(hub="Manchester"), anonymise=True
    )
    text = json.dumps(view_figure(demo, view, selection).to_plotly_json(), default=str).lower()
    leaked = [name for name in every_name(demo) if name.lower() in text]
    assert leaked == []
    assert re.search(r"hub \d+", text) or view == "structural-holes"


def test_tables_cover_measures_comparison_and_gaps(demo):
    tables = view_tables(
        demo, Selection(wave="Summative 2024", options=NetworkOptions(hub="Dorset"))
    )
    assert {"Organisations", "Network", "Gaps", "Tie changes", "Organisation changes"} <= set(
        tables
    )
    assert "Dorset Innovation Hub" in set(tables["Organisations"]["organisation"])
    hidden = view_tables(
        demo, Selection(wave="Summative 2024", options=NetworkOptions(hub="Dorset"), anonymise=True)
    )
    text = " ".join(frame.to_csv() for frame in hidden.values()).lower()
    assert [n for n in every_name(demo) if n.lower() in text] == []


def test_filters_are_described_in_words():
    assert describe_filters(NetworkOptions()) == "weights: frequency; two reports: mean"
    words = describe_filters(NetworkOptions(natures=("ppie",), min_relevance=3))
    assert "ppie support" in words and "highly relevant or more" in words


def test_unknown_views_and_one_wave_comparisons_are_refused(demo):
    with pytest.raises(OptionError, match="views:"):
        view_figure(demo, "sociogram", Selection(wave="Summative 2024"))
    with pytest.raises(OptionError, match="two different waves"):
        view_figure(demo, "compare", Selection(wave="Formative 2023", wave_from="Formative 2023"))


# ---------------------------------------------------------------------------------------
# Every view as a file's bytes


DORSET = Selection(
    wave="Summative 2024",
    options=NetworkOptions(hub="Dorset"),
    wave_from="Formative 2023",
    source="demo (illustrative data)",
)


def test_every_view_offers_formats_and_the_first_is_the_default():
    assert set(FIGURE_VIEWS) < set(EXPORT_FORMATS)
    assert {"tables", "graph", "report"} < set(EXPORT_FORMATS)
    assert choose_format("network") == "png"
    assert choose_format("tables") == "xlsx"
    assert choose_format("graph", "GEXF") == "gexf"
    with pytest.raises(OptionError, match="written as xlsx, csv, not png"):
        choose_format("tables", "png")
    with pytest.raises(OptionError, match="views:"):
        choose_format("sociogram")


def test_tables_as_a_workbook_and_as_csv(demo):
    book = openpyxl.load_workbook(io.BytesIO(exhibit_bytes(demo, "tables", DORSET, "xlsx")))
    assert book.sheetnames[:3] == ["Organisations", "Network", "Gaps"]
    assert book.sheetnames[-1] == "Definitions"
    text = exhibit_bytes(demo, "tables", DORSET, "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    organisations = view_tables(demo, DORSET)["Organisations"]
    assert rows[0] == [str(c) for c in organisations.columns]
    assert len(rows) == len(organisations) + 1


def test_the_robustness_table_carries_each_measures_verdict(demo):
    from ecosystem.service import robustness_of

    selection = Selection(wave="Summative 2024", options=NetworkOptions(hub="Dorset"))
    (table,) = view_tables(demo, selection, ["robustness"]).values()
    result = robustness_of(demo, "Summative 2024", NetworkOptions(hub="Dorset"))
    organisation = table[table["kind"] == "organisation"]
    assert organisation["verdict"].tolist() == result.measures["verdict"].tolist()
    assert organisation["measure"].tolist() == [
        measure_label(str(key)) for key in result.measures.index
    ]
    assert set(table["wave"]) == {"Summative 2024"}
    assert (table[table["kind"] == "network"]["value"].notna()).all()
    book = openpyxl.load_workbook(io.BytesIO(exhibit_bytes(demo, "tables", DORSET, "xlsx")))
    assert "Robustness" in book.sheetnames


@pytest.mark.parametrize("name", list(TABLES))
def test_a_csv_of_the_tables_view_holds_the_table_it_names(demo, name):
    selection = Selection(
        wave="Summative 2024", options=NetworkOptions(hub="Dorset"), wave_from="Formative 2023",
        table=name,
    )  # fmt: skip
    rows = list(csv.reader(io.StringIO(
        exhibit_bytes(demo, "tables", selection, "csv").decode("utf-8-sig")
    )))  # fmt: skip
    (table,) = view_tables(demo, selection, [name]).values()
    assert rows[0] == [str(c) for c in table.columns]
    assert len(rows) == len(table) + 1


def test_the_comparison_and_gaps_tables_come_from_the_service_layer(demo):
    from ecosystem.service import compare_waves, find_gaps_by_hub

    selection = Selection(
        wave="Summative 2024", options=NetworkOptions(hub="Dorset"), wave_from="Formative 2023"
    )
    tables = view_tables(demo, selection, ["comparison", "gaps"])
    assert list(tables) == ["Network changes", "Gaps"]
    network = compare_waves(
        demo, "Formative 2023", "Summative 2024", NetworkOptions(hub="Dorset")
    ).network
    comparison = tables["Network changes"]
    assert list(comparison.columns) == ["measure", "before", "after", "change"]
    # The exported table shows the response rate as a percentage, the service a fraction.
    expected = network["after"].where(network.index != "response_rate", network["after"] * 100)
    assert comparison["after"].tolist() == pytest.approx(expected.tolist(), rel=1e-3, nan_ok=True)
    gaps = find_gaps_by_hub(demo, "Dorset", "Summative 2024", NetworkOptions(hub="Dorset"))
    assert len(tables["Gaps"]) == len(gaps) > 0
    assert DEFAULT_TABLE == "organisations"


def test_an_unknown_table_or_a_comparison_of_one_wave_is_an_option_error(demo):
    with pytest.raises(OptionError, match="no table 'sociogram'; tables: organisations"):
        view_tables(demo, DORSET, ["sociogram"])
    later = demo.responses[demo.responses["wave"] == "Summative 2024"]
    one_wave = dataclasses.replace(demo, responses=later)
    assert one_wave.waves == ["Summative 2024"]
    with pytest.raises(OptionError, match="need two waves"):
        view_tables(one_wave, DORSET, ["comparison"])
    assert "Network changes" not in view_tables(one_wave, DORSET)  # the workbook leaves it out


def test_table_headers_show_the_glossarys_display_labels(demo):
    """Measure columns read as the dashboard and the Definitions sheet name them."""
    tables = view_tables(demo, DORSET)
    headers = list(tables["Organisations"].columns)
    assert headers[:5] == ["organisation", "short_name", "type", "hubs", "responded"]
    assert "Supporters (in-degree)" in headers and "in_degree" not in headers
    assert "PageRank, rank before" in tables["Organisation changes"].columns
    assert tables["Network"]["measure"].iloc[0] == MEASURES["organisations"].display
    labels = set(definitions_table()["label"])
    assert set(headers[5:]) <= labels


def test_the_network_as_graphml_and_gexf(demo):
    graphml = nx.read_graphml(io.BytesIO(exhibit_bytes(demo, "graph", DORSET, "graphml")))
    assert "Dorset Innovation Hub" in graphml
    hidden = Selection(wave="Summative 2024", options=NetworkOptions(hub="Dorset"),
                       anonymise=True)  # fmt: skip
    gexf = exhibit_bytes(demo, "graph", hidden, "gexf")
    back = nx.read_gexf(io.BytesIO(gexf))
    assert "Hub 3" in back and len(back) == len(graphml)
    assert back.number_of_edges() == graphml.number_of_edges()
    text = gexf.decode("utf-8").lower()
    assert [n for n in every_name(demo) if n.lower() in text] == []


def test_the_report_as_html(demo):
    html = exhibit_bytes(demo, "report", DORSET).decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>Partner-mapping report: Dorset, Formative 2023 to Summative 2024</title>" in html
    assert "Illustrative data" in html  # the source says the data are illustrative
    with pytest.raises(OptionError, match="two different waves"):
        exhibit_bytes(demo, "report", Selection(wave="Formative 2023"))


@pytest.mark.parametrize(
    ("fmt", "starts"), [("png", (b"\x89PNG",)), ("svg", (b"<svg", b"<?xml")), ("pdf", (b"%PDF-",))]
)
def test_a_view_as_an_image(demo, chromium, fmt, starts):
    assert exhibit_bytes(demo, "network", DORSET, fmt).lstrip().startswith(starts)
