"""Tests for ecosystem.export: anonymous labels, images, workbooks, CSV, GraphML and GEXF.

Expected labels are worked out by hand from the demo's organisations file (names sorted
within each type); image sizes from the A4 arithmetic (210 mm / 25.4 x 300 dpi = 2480.3,
so at least 2,481 pixels); files are read back with independent readers (PNG header bytes,
xml.etree, pypdf, openpyxl, csv, networkx's own GraphML and GEXF readers).

Image tests share one warm browser; they skip where Chromium is absent, unless
``ECOSYSTEM_REQUIRE_BROWSER`` is set (as CI sets it).
"""

from __future__ import annotations

import copy
import csv
import io
import math
import os
import re
import struct
import threading
import xml.etree.ElementTree as ET
import zlib

import networkx as nx
import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest

from ecosystem import export
from ecosystem.analysis.tables import organisation_table
from ecosystem.codebook import ORGANISATION_TYPES, TYPES
from ecosystem.errors import OptionError
from ecosystem.export import images
from ecosystem.figures import network_figure
from ecosystem.glossary import MEASURES
from ecosystem.layout import stable_layout
from ecosystem.load import DEMO_FILES, load_survey
from ecosystem.network import NetworkOptions, build_network
from ecosystem.service import find_gaps

WAVE = "Summative 2024"
A4_PIXELS = math.ceil(210 / 25.4 * 300)  # 2480.3 -> 2481
A4_LONG_PIXELS = math.ceil(297 / 25.4 * 300)  # 3507.9 -> 3508
A4_POINTS = (210 / 25.4 * 72, 297 / 25.4 * 72)  # 595.3 x 841.9 pt
SVG = "{http://www.w3.org/2000/svg}"


# --------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def survey(demo):
    return demo


@pytest.fixture(scope="module")
def every_name(survey) -> list[str]:
    """Every organisation name and alias of the demo survey."""
    names = set(survey.organisations.index)
    for aliases in survey.organisations["aliases"]:
        names.update(aliases)
    return sorted(names)


@pytest.fixture(scope="module")
def lookup(survey) -> dict[str, str]:
    return export.anonymous_lookup(survey.organisations)


@pytest.fixture(scope="module")
def dorset(survey):
    return build_network(survey, WAVE, NetworkOptions(hub="Dorset"))


@pytest.fixture(scope="module")
def browser() -> str:
    try:
        return export.find_browser()
    except export.ExportEngineError:
        if os.environ.get("ECOSYSTEM_REQUIRE_BROWSER"):
            pytest.fail("ECOSYSTEM_REQUIRE_BROWSER is set but no Chromium was found")
        pytest.skip("Chromium is not installed; image exports skipped")


def _simple_figure(title: str) -> go.Figure:
    fig = go.Figure(go.Scatter(x=[0, 1, 2], y=[2, 0, 1], name="Innovation hub"))
    return fig.update_layout(title={"text": title}, height=500, showlegend=True)


def _names_in(text: str, names: list[str]) -> list[str]:
    folded = text.casefold()
    return [name for name in names if name.casefold() in folded]


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        chunks.append((data[offset + 4 : offset + 8], data[offset + 8 : offset + 8 + length]))
        offset += 12 + length
    return chunks


def _svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def _pdf(data: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


# --------------------------------------------------------------------------------------
# Anonymous labels
# --------------------------------------------------------------------------------------


def test_anonymous_names_number_within_type_in_name_order():
    organisations = pd.DataFrame(
        {"type": ["VCSE", "trust", "VCSE", "unknown", "charity shop", "hub", "national"]},
        index=pd.Index(
            ["zeta Trust", "Alpha", "Beta", "Unnamed", "Shop", "The Hub", "NIHR"], name="name"
        ),
    )
    before = organisations.copy()
    # By hand: VCSE sorted case-insensitively: Beta (1), zeta Trust (2); the unknown type and
    # a type the codebook does not know share "Organisation": Shop (1), Unnamed (2).
    assert export.anonymous_names(organisations) == {
        "Alpha": "Trust 1",
        "Beta": "VCSE 1",
        "NIHR": "National body 1",
        "Shop": "Organisation 1",
        "The Hub": "Hub 1",
        "Unnamed": "Organisation 2",
        "zeta Trust": "VCSE 2",
    }
    pd.testing.assert_frame_equal(organisations, before)
    shuffled = organisations.iloc[[3, 0, 6, 2, 5, 1, 4]]
    assert export.anonymous_names(shuffled) == export.anonymous_names(organisations)


SHORT_TYPES = {record.key: record.short for record in TYPES}
"""Codebook organisation type -> the word an anonymous label starts with."""


def test_every_codebook_type_has_a_short_label():
    assert set(SHORT_TYPES) == set(ORGANISATION_TYPES)
    assert len(set(SHORT_TYPES.values())) == len(SHORT_TYPES)


def test_anonymous_names_of_the_demo_are_consistent_and_deterministic(survey):
    labels = export.anonymous_names(survey.organisations)
    assert set(labels) == set(survey.organisations.index)
    assert len(set(labels.values())) == len(labels)  # one label per organisation
    # Hubs in name order: Bradford District and Craven, Cambridgeshire and Peterborough,
    # Dorset, Manchester. Councils: BCP Council (1), Cambridgeshire County Council (2),
    # City of Bradford Metropolitan District Council (3), Dorset Council (4).
    assert labels["Bradford District and Craven Innovation Hub"] == "Hub 1"
    assert labels["Dorset Innovation Hub"] == "Hub 3"
    assert labels["Manchester Innovation Hub"] == "Hub 4"
    assert labels["BCP Council"] == "Council 1"
    assert labels["Dorset Council"] == "Council 4"
    for kind, short in SHORT_TYPES.items():
        count = int((survey.organisations["type"] == kind).sum())
        numbers = sorted(
            int(v.rsplit(" ", 1)[1]) for v in labels.values() if v.rsplit(" ", 1)[0] == short
        )
        assert numbers == list(range(1, count + 1)), kind
    again = export.anonymous_names(load_survey(DEMO_FILES).organisations)
    assert again == labels


def test_anonymous_lookup_maps_aliases_to_the_same_label(survey, lookup):
    labels = export.anonymous_names(survey.organisations)
    assert lookup["Wessex AHSN"] == labels["Health Innovation Wessex"]
    assert lookup["MFT"] == labels["Manchester University NHS Foundation Trust"]
    assert lookup["Dorset ICB"] == labels["NHS Dorset"] == "ICB 3"
    for name, aliases in survey.organisations["aliases"].items():
        for alias in aliases:
            assert lookup[alias] == labels[name]


def test_anonymise_text_whole_phrases_longest_first_any_case_one_pass():
    names = {
        "NHS Dorset": "ICB 1",
        "Dorset ICB": "ICB 1",
        "NHS Dorset patient engagement group": "PPIE group 1",
        "MFT": "Trust 2",
        "Alpha": "Trust 1",
        "Trust": "VCSE 1",
    }
    text = (
        "NHS Dorset patient engagement group meets nhs dorset; Dorset ICB's lead; "
        "MFTs and MFT. Alpha and Trust."
    )
    # The longer name wins; case is ignored; "MFTs" is another word and stays; "Alpha"
    # becomes "Trust 1" and that label is not rewritten again by the name "Trust".
    assert export.anonymise_text(text, names) == (
        "PPIE group 1 meets ICB 1; ICB 1's lead; MFTs and Trust 2. Trust 1 and VCSE 1."
    )
    assert export.anonymise_text("Dorset and Dorsetshire", names) == "Dorset and Dorsetshire"
    assert export.anonymise_text("", names) == ""


def test_anonymise_table_hides_names_in_index_columns_tuples_and_free_text():
    names = {"Alpha Trust": "Trust 1", "Beta": "VCSE 1", "Beta Ltd": "VCSE 1"}
    frame = pd.DataFrame(
        {
            "other": ["Beta", "Alpha Trust"],
            "partners": [("Beta Ltd", "Alpha Trust"), ()],
            "reason": ["Introduce Alpha Trust to beta.", "None of them"],
            "score": [-3.5, 2.0],
        },
        index=pd.Index(["Alpha Trust", "Beta"], name="organisation"),
    )
    before = frame.copy()
    result = export.anonymise_table(frame, names)
    assert result.index.tolist() == ["Trust 1", "VCSE 1"]
    assert result.index.name == "organisation"
    assert result["other"].tolist() == ["VCSE 1", "Trust 1"]
    assert result["partners"].tolist() == [("VCSE 1", "Trust 1"), ()]
    assert result["reason"].tolist() == ["Introduce Trust 1 to VCSE 1.", "None of them"]
    assert result["score"].tolist() == [-3.5, 2.0]
    pd.testing.assert_frame_equal(frame, before)


def test_anonymise_table_on_the_gaps_of_dorset_leaves_no_name(survey, lookup, every_name):
    gaps = find_gaps(survey, "Dorset", WAVE, previous_wave="Formative 2023")
    before = gaps.copy()
    hidden = export.anonymise_table(gaps, lookup)
    pd.testing.assert_frame_equal(gaps, before)
    assert hidden.shape == gaps.shape
    cells = " | ".join(str(v) for v in hidden.to_numpy().ravel())
    assert _names_in(cells, every_name) == []
    named = gaps["organisation"] != ""
    assert hidden.loc[named, "organisation"].tolist() == [
        lookup[n] for n in gaps.loc[named, "organisation"]
    ]
    pd.testing.assert_series_equal(hidden["score"], gaps["score"])
    # The hub's place name is not an organisation: it stays.
    assert set(hidden["hub"]) == {"Dorset"}


def test_anonymise_graph_relabels_keeps_arcs_and_drops_region(dorset, lookup):
    before_nodes = copy.deepcopy(dict(dorset.nodes(data=True)))
    before_edges = copy.deepcopy(list(dorset.edges(data=True)))
    hidden = export.anonymise_graph(dorset, lookup)
    assert dict(dorset.nodes(data=True)) == before_nodes
    assert list(dorset.edges(data=True)) == before_edges
    assert set(hidden) == {lookup[n] for n in dorset}
    assert {(lookup[u], lookup[v], w) for u, v, w in dorset.edges(data="weight")} == set(
        hidden.edges(data="weight")
    )
    for name, data in dorset.nodes(data=True):
        kept = hidden.nodes[lookup[name]]
        assert "region" not in kept
        # A short name identifies as a name does: blanked, so a picture draws the label.
        assert kept == {k: "" if k == "short_name" else v for k, v in data.items() if k != "region"}
    assert hidden.graph == dorset.graph
    # Label order, not the names' alphabetical order.
    assert list(hidden)[:2] == ["Council 1", "Council 4"]


def test_anonymise_graph_refuses_an_organisation_without_a_label(dorset):
    with pytest.raises(ValueError, match="no anonymous label"):
        export.anonymise_graph(dorset, {"NHS Dorset": "ICB 1"})


def test_a_surveys_anonymiser_hides_every_name_alias_and_stray(survey, lookup):
    assert export.Anonymiser.for_survey(survey.organisations).lookup == lookup
    shown = export.Anonymiser.for_survey(survey.organisations, anonymise=False)
    assert not shown.hidden and shown.text("Meet NHS Dorset") == "Meet NHS Dorset"
    # Labels given for one organisation: its aliases follow it; everyone else, and a name
    # from outside the organisations file, gets an unused "Organisation <n>".
    given = {"Health Innovation Wessex": "Partner 1"}
    hidden = export.Anonymiser.for_survey(
        survey.organisations, names=given, others=["Not On The Roster"]
    ).lookup
    assert hidden["Wessex AHSN"] == hidden["Health Innovation Wessex"] == "Partner 1"
    labels = [hidden[name] for name in [*survey.organisations.index, "Not On The Roster"]]
    assert len(set(labels)) == len(labels) == 64
    assert sorted(label for label in labels if label != "Partner 1") == sorted(
        f"Organisation {n}" for n in range(1, 64)
    )
    for name, aliases in survey.organisations["aliases"].items():
        for alias in aliases:
            assert hidden[alias] in (hidden[name], *labels)


# --------------------------------------------------------------------------------------
# Images
# --------------------------------------------------------------------------------------


def test_no_browser_is_a_clear_error(tmp_path, monkeypatch):
    missing = tmp_path / "no-such-chromium"
    fig = _simple_figure("Never drawn")
    with pytest.raises(export.ExportEngineError, match="install the 'chromium' package"):
        export.figure_bytes(fig, "png", browser=missing)
    monkeypatch.setenv(export.BROWSER_VARIABLE, str(missing))
    with pytest.raises(export.ExportEngineError, match=export.BROWSER_VARIABLE):
        export.export_figure(fig, tmp_path / "never.png")
    assert not (tmp_path / "never.png").exists()
    # Nothing named and nothing found on the machine.
    monkeypatch.delenv(export.BROWSER_VARIABLE)
    monkeypatch.delenv(export.KALEIDO_VARIABLE, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(images, "BROWSER_PLACES", ())
    with pytest.raises(export.ExportEngineError, match=r"^static images .* need Chromium"):
        export.find_browser()
    assert issubclass(export.ExportEngineError, OptionError)


def test_the_browser_is_found_by_variable_or_by_name_on_the_path(tmp_path, monkeypatch):
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\nexit 0\n")
    chromium.chmod(0o755)
    for variable in (export.BROWSER_VARIABLE, export.KALEIDO_VARIABLE):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert export.find_browser() == str(chromium)
    monkeypatch.setenv(export.KALEIDO_VARIABLE, str(tmp_path / "elsewhere"))
    with pytest.raises(export.ExportEngineError, match=export.KALEIDO_VARIABLE):
        export.find_browser()
    monkeypatch.setenv(export.BROWSER_VARIABLE, str(chromium))
    assert export.find_browser() == str(chromium)  # ours is looked at before Kaleido's


def test_unknown_figure_format_is_an_option_error(tmp_path):
    with pytest.raises(OptionError, match="png, svg, pdf"):
        export.export_figure(_simple_figure("x"), tmp_path / "figure.gif")
    assert not (tmp_path / "figure.gif").exists()


def test_png_is_an_a4_page_at_print_resolution_with_no_text_chunks(browser, tmp_path):
    # Deliberately changed: a PNG is now a whole A4 sheet, not a strip A4 wide.
    fig = _simple_figure("Resolution check")  # 1000 x 500 CSS px: wider than tall
    path = export.export_figure(fig, tmp_path / "figure.png")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # IHDR: width, height
    # Landscape A4 at 300 dpi: 297 mm -> 3507.9 -> 3,508 px across, 210 mm -> 2,481 down.
    assert (width, height) == (A4_LONG_PIXELS, A4_PIXELS)
    kinds = [kind for kind, _ in _png_chunks(data)]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND"
    assert not {b"tEXt", b"zTXt", b"iTXt", b"eXIf"}.intersection(kinds)
    # A taller figure is a portrait sheet.
    tall = export.figure_bytes(go.Figure(fig).update_layout(height=1200), "png")
    assert struct.unpack(">II", tall[16:24]) == (A4_PIXELS, A4_LONG_PIXELS)
    # Given a width, the figure keeps its own shape: 100 mm at 150 dpi needs 591 pixels.
    small = export.figure_bytes(fig, "png", width_mm=100, dpi=150)
    small_width, small_height = struct.unpack(">II", small[16:24])
    assert 591 <= small_width <= 593
    assert small_height == pytest.approx(small_width / 2, abs=2)
    assert fig.layout.width is None and fig.layout.height == 500  # the figure is not resized


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def test_png_text_chunks_are_stripped_pixels_kept():
    # A 1 x 1 grey PNG built by hand, with a title and a comment a tool might have written.
    header = _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    pixels = _chunk(b"IDAT", zlib.compress(b"\x00\x80"))
    title = _chunk(b"tEXt", b"Title\x00NHS Dorset")
    note = _chunk(b"iTXt", b"Comment\x00\x00\x00\x00\x00Dorset Council")
    end = _chunk(b"IEND", b"")
    signature = b"\x89PNG\r\n\x1a\n"
    plain = images._plain_png(signature + header + title + pixels + note + end)
    assert plain == signature + header + pixels + end


def test_svg_is_a_vector_a4_page_with_title_and_legend_as_text(browser):
    data = export.figure_bytes(_simple_figure("Vector check"), "svg")
    root = ET.fromstring(data)
    # Landscape A4 at 96 px per inch: 1122.5 x 793.7 px, over a drawing 1000 CSS px wide
    # grown from 500 to the page's proportions (1000 x 210 / 297 = 707.1).
    assert float(root.get("width")) == pytest.approx(297 / 25.4 * 96, abs=0.5)
    assert float(root.get("height")) == pytest.approx(210 / 25.4 * 96, abs=0.5)
    view_box = [float(v) for v in root.get("viewBox").split()[2:]]
    assert view_box == pytest.approx([1000, 1000 * 210 / 297], abs=0.01)
    texts = _svg_texts(data)
    assert "Vector check" in texts
    assert "Innovation hub" in texts


def test_pdf_is_one_a4_page_titled_like_the_figure(browser, tmp_path):
    path = export.export_figure(
        _simple_figure("PDF check <b>bold</b> &amp; plain"), tmp_path / "f.pdf"
    )
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    reader = _pdf(data)
    assert len(reader.pages) == 1
    assert "PDF check bold & plain" in reader.pages[0].extract_text()
    # A landscape A4 page (the figure is wider than tall), exactly, though the browser
    # rounds its page to whole CSS pixels.
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_POINTS[::-1], abs=0.01)
    assert reader.metadata.title == "PDF check bold & plain"
    assert "Chrome" not in str(dict(reader.metadata))


def test_anonymised_demo_network_names_no_organisation(browser, survey, dorset, lookup, every_name):
    hidden = export.anonymise_graph(dorset, lookup)
    measures = export.anonymise_table(organisation_table(dorset), lookup)
    fig = network_figure(
        hidden, stable_layout([hidden]), size_by=measures["pagerank"], measures=measures,
        illustrative=True,
    )  # fmt: skip
    svg = export.figure_bytes(fig, "svg")
    text = svg.decode("utf-8")
    assert _names_in(text, every_name) == []
    svg_texts = set(_svg_texts(svg))
    assert {"Hub 3", "ICB 3", "Council 1", "Council 4"} <= svg_texts
    assert "Partner network: Dorset ecosystem, Summative 2024" in svg_texts

    pdf = _pdf(export.figure_bytes(fig, "pdf"))
    page = pdf.pages[0].extract_text()
    # PDF text extraction joins labels that share a baseline ("Hub 3ICB 3"): no \b around.
    assert re.search(r"Hub 3(?!\d)", page) and re.search(r"ICB 3(?!\d)", page)
    assert _names_in(page, every_name) == []
    assert _names_in(str(dict(pdf.metadata)), every_name) == []

    png = export.figure_bytes(fig, "png", width_mm=80, dpi=100)
    readable = b"".join(body for kind, body in _png_chunks(png) if kind != b"IDAT")
    assert _names_in(readable.decode("latin-1"), every_name) == []
    # And the same figure drawn from the real graph does name them: the check can fail.
    named = network_figure(dorset, stable_layout([dorset]))
    assert "NHS Dorset" in _names_in(export.figure_bytes(named, "svg").decode(), every_name)


def test_one_warm_engine_serves_every_image(browser):
    export.figure_bytes(_simple_figure("first"), "svg")
    engine = images._engine
    export.figure_bytes(_simple_figure("second"), "svg")
    assert images._engine is engine  # no new browser per image


class _WatchedLock:
    """A lock that counts the threads that have come to it, taken or waiting."""

    def __init__(self, lock, changed: threading.Condition):
        self._lock, self._changed, self.arrived = lock, changed, 0

    def acquire(self, *args, **kwargs) -> bool:
        with self._changed:
            self.arrived += 1
            self._changed.notify_all()
        return self._lock.acquire(*args, **kwargs)

    def release(self) -> None:
        self._lock.release()

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def test_concurrent_exports_are_serialised_and_each_gets_its_own_image(browser, monkeypatch):
    export.figure_bytes(_simple_figure("warm up"), "svg")
    engine = images._engine
    original = engine.render
    titles = [f"Thread figure {k}" for k in range(3)]
    in_flight, most, held = [0], [0], []
    changed = threading.Condition()
    lock = _WatchedLock(images._ENGINE_LOCK, changed)

    def counted(fig, options):
        with changed:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
            changed.notify_all()
            # Hold the first image until every thread has come to the lock (so the others
            # wait behind it) or, were the engine unguarded, a second image has come in.
            held.append(
                changed.wait_for(
                    lambda: lock.arrived == len(titles) or in_flight[0] > 1, timeout=60
                )
            )
        try:
            return original(fig, options)
        finally:
            with changed:
                in_flight[0] -= 1

    monkeypatch.setattr(images, "_ENGINE_LOCK", lock)
    monkeypatch.setattr(engine, "render", counted)
    results: dict[str, bytes] = {}
    errors: list[BaseException] = []

    def work(title: str) -> None:
        try:
            results[title] = export.figure_bytes(_simple_figure(title), "svg")
        except BaseException as error:  # collected and re-raised below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(t,)) for t in titles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert held == [True] * len(titles)  # the first image was held while the others came
    assert most[0] == 1
    for title in titles:
        texts = _svg_texts(results[title])
        assert title in texts
        assert not set(titles).difference({title}).intersection(texts)


# --------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-cmd", "'-cmd"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("NHS Dorset", "NHS Dorset"),
        ("a=b", "a=b"),
        ("", ""),
        (-3.5, -3.5),
        (-2, -2),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert export.neutralise(value) == expected


@pytest.fixture
def risky() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "text": ["=SUM(A1)", "+1", "-cmd", "@x"],
            "value": [-3.5, 1.0, float("nan"), 2.25],
            "count": [1, 2, 3, 4],
            "natures": [("support", "steering"), (), ("ppie",), ("data",)],
            "flag": [True, False, True, False],
        },
        index=pd.Index(["a", "b", "c", "d"], name="organisation"),
    )


def test_workbook_has_every_sheet_definitions_and_no_live_formula(risky, tmp_path):
    long_title = "Organisations with a very long sheet title indeed"
    tables = {long_title: risky, "Gaps [Dorset]": risky.reset_index(), "Definitions": risky}
    before = risky.copy()
    path = export.write_workbook(tables, tmp_path / "tables.xlsx")
    pd.testing.assert_frame_equal(risky, before)
    book = openpyxl.load_workbook(path)
    # 31 characters at most, no [ or ], unique; "Definitions" is kept for the glossary.
    assert book.sheetnames == [
        long_title[:31].rstrip(),
        "Gaps -Dorset-",
        "Definitions (2)",
        "Definitions",
    ]
    sheet = book[book.sheetnames[0]]
    assert [c.value for c in sheet[1]] == [
        "organisation",
        "text",
        "value",
        "count",
        "natures",
        "flag",
    ]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert [sheet.cell(row, 2).value for row in range(2, 6)] == ["'=SUM(A1)", "'+1", "'-cmd", "'@x"]
    assert all(sheet.cell(row, 2).data_type == "s" for row in range(2, 6))
    assert sheet.cell(2, 3).value == -3.5 and sheet.cell(2, 3).data_type == "n"
    assert sheet.cell(4, 3).value is None  # NaN -> empty
    assert sheet.cell(2, 4).value == 1
    assert sheet.cell(2, 5).value == "support; steering"
    assert sheet.cell(2, 6).value is True
    assert sheet.column_dimensions["A"].width >= len("organisation")
    # A plain 0..n-1 index is not written.
    assert book["Gaps -Dorset-"]["A1"].value == "organisation"
    definitions = book["Definitions"]
    assert [c.value for c in definitions[1]] == [
        "measure", "label", "explanation", "higher_is", "reference",
    ]  # fmt: skip
    keys = [definitions.cell(row, 1).value for row in range(2, definitions.max_row + 1)]
    assert keys == list(MEASURES)
    assert definitions.freeze_panes == "A2"


def test_workbook_bytes_take_given_definitions():
    data = export.workbook_bytes({"T": pd.DataFrame({"x": [1]})}, pd.DataFrame({"term": ["=x"]}))
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["T", "Definitions"]
    assert book["Definitions"]["A2"].value == "'=x"


def test_definitions_table_is_the_glossary():
    table = export.definitions_table()
    assert table["measure"].tolist() == list(MEASURES)
    row = table.set_index("measure").loc["betweenness"]
    assert row["label"] == MEASURES["betweenness"].label
    assert row["reference"] == MEASURES["betweenness"].reference


def test_csv_is_neutralised_and_keeps_numbers(risky, tmp_path):
    path = export.write_csv(risky, tmp_path / "table.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # byte-order mark, so Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["organisation", "text", "value", "count", "natures", "flag"]
    assert [row[1] for row in rows[1:]] == ["'=SUM(A1)", "'+1", "'-cmd", "'@x"]
    assert [row[2] for row in rows[1:]] == ["-3.5", "1.0", "", "2.25"]
    assert rows[1][4] == "support; steering"
    back = pd.read_csv(path, index_col="organisation")
    assert back["value"].iloc[0] == -3.5
    assert export.csv_bytes(risky) == raw


# --------------------------------------------------------------------------------------
# Network interchange
# --------------------------------------------------------------------------------------


def _same_network(original: nx.DiGraph, back: nx.DiGraph) -> None:
    assert set(back) == set(original)
    assert set(back.edges) == set(original.edges)
    for u, v, weight in original.edges(data="weight"):
        assert float(back.edges[u, v]["weight"]) == pytest.approx(weight)


def test_graphml_round_trip_keeps_ties_weights_and_attributes(dorset, tmp_path):
    path = export.write_graphml(dorset, tmp_path / "dorset.graphml")
    back = nx.read_graphml(path)
    assert back.is_directed()
    _same_network(dorset, back)
    arc = next((u, v) for u, v, n in dorset.edges(data="nature") if len(n) > 1)
    assert back.edges[arc]["nature"] == "; ".join(dorset.edges[arc]["nature"])
    assert back.edges[arc]["confirmed"] is bool(dorset.edges[arc]["confirmed"])
    node = "NHS Dorset"
    assert back.nodes[node]["type"] == "ICB"
    assert back.nodes[node]["responded"] is dorset.nodes[node]["responded"]
    assert back.graph["wave"] == WAVE and back.graph["hub"] == "Dorset"
    assert back.graph["response_rate"] == pytest.approx(dorset.graph["response_rate"])


def test_graphml_leaves_out_missing_values(survey, tmp_path):
    everyone = build_network(survey, WAVE)  # all hubs: the graph's hub is None
    back = nx.read_graphml(export.write_graphml(everyone, tmp_path / "all.graphml"))
    _same_network(everyone, back)
    assert "hub" not in back.graph


def test_gexf_round_trip_keeps_ties_and_weights(dorset, lookup, tmp_path):
    hidden = export.anonymise_graph(dorset, lookup)
    u, v = next(iter(hidden.edges))
    hidden.edges[u, v]["type"] = "formal"  # a word GEXF keeps for itself
    path = export.write_gexf(hidden, tmp_path / "dorset.gexf")
    back = nx.read_gexf(path)
    assert back.is_directed()
    _same_network(hidden, back)
    assert back.edges[u, v]["tie_type"] == "formal"
    assert "type" not in back.edges[u, v]
    assert back.nodes["ICB 3"]["type"] == "ICB"
    assert back.graph["name"] == "Dorset, Summative 2024"


def test_a_browser_that_fails_to_start_is_a_clear_error(tmp_path):
    # Last in the file: it replaces the warm browser, so later image tests would start cold.
    fake = tmp_path / "fake-chromium"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    with pytest.raises(export.ExportEngineError, match="did not start"):
        export.figure_bytes(_simple_figure("x"), "svg", browser=fake)
    assert images._engine is None
