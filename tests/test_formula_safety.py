"""No name reaches a spreadsheet as a formula: every CSV and XLSX the product writes.

A survey whose organisation names, aliases, short names, regions, hub and wave names are
CSV-injection payloads (OWASP, "CSV Injection") goes through every writer: the command line's
tables, the exports and the dashboard's downloads. No cell of any of them may begin with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return unless it is a number; the payloads are
there, defused with a leading apostrophe; numbers stay numbers.

Validation rejects payloads as natures of a tie (a nature is one of the codebook's), as a
short name longer than 20 characters, and ``"\\t=1+1"`` beside ``"=1+1"`` as names (a cell is
read without its surrounding white space, so the two are one name, listed twice): the survey
below uses what validation accepts.
"""

from __future__ import annotations

import base64
import csv
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from ecosystem import exhibits
from ecosystem.cli import COMPARE_TABLES, main
from ecosystem.dashboard import ids
from ecosystem.dashboard.app import create_app
from ecosystem.glossary import MEASURES
from ecosystem.load import load_survey

LIVE = ("=", "+", "-", "@", "\t", "\r")
"""What starts a formula in a spreadsheet (OWASP), spelt out here rather than imported, so a
change to the product's list cannot quietly weaken the test."""

NAMES = ['=HYPERLINK("http://x","y")', "@SUM(A1)", "+44 Health", "-5 Health", "\t=1+1", "\r=CR"]
SHORT_NAMES = ["=1+1", "@S", "+44", "-5", "\t=2", "\r=C"]
HUB_ORGANISATION, HUB = "=Dorset Innovation Hub", "-Hub Dorset"
FORMATIVE, SUMMATIVE = "=Formative 2023", "@Summative 2024"


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(rows)
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> list[Path]:
    """Organisations and two waves of responses, every free-text cell a payload."""
    folder = tmp_path_factory.mktemp("payloads")
    organisations = [
        ["name", "type", "hub", "region", "aliases", "waves", "short_name"],
        [HUB_ORGANISATION, "hub", HUB, "=South West", "", "", "+Dorset Hub"],
    ] + [
        [name, "trust", HUB, "=1+1", f"@alias {i}; +alias {i}", "", short]
        for i, (name, short) in enumerate(zip(NAMES, SHORT_NAMES, strict=True))
    ]
    header = ["wave", "respondent", "partner", "frequency", "relevance", "direction", "nature"]
    responses = [[*header, "respondent_person"]]
    for wave, names in ((FORMATIVE, NAMES[:-1]), (SUMMATIVE, NAMES)):
        for i, name in enumerate(names):
            responses.append(
                [wave, HUB_ORGANISATION, name, "Every month", "Highly relevant",
                 "We support them", "Support and guidance", "=lead"]
            )  # fmt: skip
            if i % 2:
                responses.append(
                    [wave, name, HUB_ORGANISATION, "Quarterly", "Relevant",
                     "They support us", "Other", "+person"]
                )  # fmt: skip
        responses.append(
            [wave, NAMES[0], NAMES[2], "Weekly", "Relevant", "Both ways", "Joint bids", "-x"]
        )
    return [
        _write(folder / "organisations.csv", organisations),
        _write(folder / "responses.csv", responses),
    ]


# What a file holds, cell by cell.


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_cells(data: bytes) -> list[str]:
    """Every cell of a CSV file, header included."""
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    return [cell for row in rows for cell in row]


def xlsx_cells(data: bytes) -> list[object]:
    """Every cell of every sheet of a workbook; a formula cell as the formula it holds."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a cell holds a formula"
    return [cell.value for cell in cells]


def live_formulas(cells: list) -> list[str]:
    """Text cells a spreadsheet would run as a formula: starting with one of LIVE, not a
    number."""
    return [c for c in cells if isinstance(c, str) and c.startswith(LIVE) and not _is_number(c)]


def assert_safe(cells: list, *expected: str) -> None:
    """No live formula, and the payloads that should be there are, defused."""
    assert live_formulas(cells) == []
    texts = {c for c in cells if isinstance(c, str)}
    for text in expected:
        assert "'" + text in texts


def cli_output(tmp_path: Path, *argv: str) -> bytes:
    """What one command writes to its output file."""
    output = tmp_path / "out"
    assert main([*argv, "-o", str(output)]) == 0
    return output.read_bytes()


# The command line.


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["metrics"], ["+44 Health", "-5 Health", "@SUM(A1)", HUB, HUB_ORGANISATION]),
        (["ties"], ["+44 Health", NAMES[0], HUB_ORGANISATION]),
        (["summary"], [FORMATIVE, SUMMATIVE, HUB]),
        ([f"--hub={HUB}", "gaps"], [HUB, SUMMATIVE, "+44 Health"]),
    ],
)
def test_command_line_tables_write_no_live_formula(files, tmp_path, command, expected):
    *options, name = command
    data = cli_output(tmp_path, name, *map(str, files), *options)
    assert_safe(csv_cells(data), *expected)


def test_metrics_keep_numbers_as_numbers(files, tmp_path):
    table = pd.read_csv(io.BytesIO(cli_output(tmp_path, "metrics", *map(str, files))))
    assert "'+44 Health" in set(table["organisation"])
    for column in ("in_degree", "in_strength", "betweenness", "pagerank", "constraint"):
        assert pd.api.types.is_numeric_dtype(table[column]), column


COMPARE_PAYLOADS = {
    "ties": ["+44 Health", NAMES[0], HUB_ORGANISATION],
    "organisations": ["+44 Health", "-5 Health"],
    "network": [],  # measures only, no names
    "catalysis": [HUB_ORGANISATION],
    "type-pairs": [],  # the codebook's types only
}


def _compare(tmp_path: Path, files: list[Path], table: str) -> list[str]:
    argv = ["compare", *map(str, files), f"--from={FORMATIVE}", f"--to={SUMMATIVE}"]
    argv += ["--format", "csv", "--table", table, "--permutations", "20", "--samples", "20"]
    return csv_cells(cli_output(tmp_path, *argv))


def test_compare_payloads_name_every_table():
    assert set(COMPARE_PAYLOADS) == set(COMPARE_TABLES)


@pytest.mark.parametrize("table", COMPARE_TABLES)
def test_compare_tables_write_no_live_formula(files, tmp_path, table):
    assert_safe(_compare(tmp_path, files, table), *COMPARE_PAYLOADS[table])


def test_a_compare_table_writes_a_negative_change_as_a_number(files, tmp_path):
    changes = pd.Series(_compare(tmp_path, files, "network"))
    negative = changes[changes.str.startswith("-")]
    # Transitivity falls between the waves: a number, not a defused "'-0.07..."
    assert len(negative) and all(float(c) < 0 for c in negative)


def test_workspace_waves_write_no_live_formula(files, tmp_path):
    workspace = tmp_path / "workspace"
    assert main(["import", *map(str, files), "--workspace", str(workspace)]) == 0
    data = cli_output(tmp_path, "waves", "--workspace", str(workspace))
    assert_safe(csv_cells(data), FORMATIVE, SUMMATIVE)


def _export(tmp_path: Path, files: list[Path], view: str, fmt: str, *more: str) -> bytes:
    waves = [f"--from={FORMATIVE}", f"--to={SUMMATIVE}"]
    return cli_output(tmp_path, "export", *map(str, files), *waves, "--view", view,
                      "--format", fmt, *more)  # fmt: skip


TABLE_PAYLOADS = {
    "organisations": ["+44 Health", "-5 Health", "@SUM(A1)", "=1+1", "@S", HUB],
    "network": [],  # measures only, no names
    "gaps": [HUB, SUMMATIVE, "+44 Health", NAMES[0]],
    "comparison": [],  # measures only, no names
    "organisation-changes": ["+44 Health", "-5 Health"],
    "tie-changes": ["+44 Health", "=CR", HUB_ORGANISATION],
    "catalysis": [HUB_ORGANISATION],
    "robustness": [],  # measures and verdicts only, no names
}


def test_table_payloads_name_every_table():
    assert set(TABLE_PAYLOADS) == set(exhibits.TABLES)


@pytest.mark.parametrize("table", exhibits.TABLES)
def test_every_exported_table_as_csv_writes_no_live_formula(files, tmp_path, table):
    cells = csv_cells(_export(tmp_path, files, "tables", "csv", "--table", table))
    assert_safe(cells, *TABLE_PAYLOADS[table])


def test_an_exported_comparison_writes_negative_changes_as_numbers(files, tmp_path):
    data = _export(tmp_path, files, "tables", "csv", "--table", "comparison")
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert pd.api.types.is_float_dtype(table["change"])
    assert (table["change"] < 0).any()


def test_exported_workbooks_write_no_live_formula_and_keep_numbers(files, tmp_path):
    book = _export(tmp_path, files, "tables", "xlsx")
    assert_safe(xlsx_cells(book), "+44 Health", "-5 Health", "@SUM(A1)", "=1+1", HUB)
    sheet = openpyxl.load_workbook(io.BytesIO(book))["Organisations"]
    labels = {measure.display for measure in MEASURES.values()}
    measures = [cell.column for cell in sheet[1] if cell.value in labels]
    assert len(measures) > 5
    for column in measures:
        cells = next(sheet.iter_cols(min_col=column, max_col=column, min_row=2))
        assert {cell.data_type for cell in cells if cell.value is not None} == {"n"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_hub_side_by_side_writes_no_live_formula(files, tmp_path, fmt):
    data = _export(tmp_path, files, "hubs", fmt)
    assert_safe(csv_cells(data) if fmt == "csv" else xlsx_cells(data), HUB)


# The dashboard's downloads, through the callbacks the app registers.


@pytest.fixture(scope="module")
def app(files):
    return create_app(load_survey(files), illustrative=False)


def download(app, output: str, *arguments) -> bytes:
    """Press a download button: the registered callback's function, and the file it sends."""
    run = app.callback_map[output]["callback"].__wrapped__
    sent = run(1, *arguments)
    sent = sent[0] if isinstance(sent, tuple) else sent
    content = sent["content"]
    return base64.b64decode(content) if sent.get("base64") else content.encode("utf-8")


CONTROLS = {
    "all hubs": (SUMMATIVE, "", None, 0, 0, []),
    "one hub": (SUMMATIVE, HUB, None, 0, 0, []),
}


@pytest.mark.parametrize("scope", CONTROLS)
@pytest.mark.parametrize(
    ("output", "expected"),
    [
        (f"{ids.ORGANISATIONS_DOWNLOAD}.data", ["+44 Health", "-5 Health", SUMMATIVE]),
        (f"{ids.GAPS_DOWNLOAD}.data", [HUB, "+44 Health"]),
    ],
)
def test_dashboard_csv_downloads_write_no_live_formula(app, scope, output, expected):
    assert_safe(csv_cells(download(app, output, *CONTROLS[scope])), *expected)


def test_dashboard_download_keeps_numbers_as_numbers(app):
    data = download(app, f"{ids.ORGANISATIONS_DOWNLOAD}.data", *CONTROLS["all hubs"])
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert pd.api.types.is_numeric_dtype(table["in_strength"])
    assert pd.api.types.is_numeric_dtype(table["betweenness"])


def test_dashboard_every_hub_download_writes_no_live_formula(app):
    output = f"{ids.COMPARE_HUBS_DOWNLOAD}.data"
    data = download(app, output, FORMATIVE, SUMMATIVE, "both-observed", None, 0, 0, [])
    assert_safe(csv_cells(data), HUB)


def test_dashboard_export_of_the_organisations_view_writes_no_live_formula(app):
    export = next(key for key in app.callback_map if key.startswith(f"..{ids.EXPORT_DOWNLOAD}."))
    tab = (ids.TAB_ORGANISATIONS, "png", [], FORMATIVE, SUMMATIVE, "both-observed")
    data = download(app, export, *tab, *CONTROLS["all hubs"])
    assert_safe(xlsx_cells(data), "+44 Health", "-5 Health", "@SUM(A1)", HUB)


# Names read with a leading tab or carriage return.


def test_a_name_read_after_a_tab_or_carriage_return_is_written_defused(files, tmp_path):
    """Whether or not reading strips the white space before ``=`` ("\\t=1+1", "\\r=CR"), the
    name as stored is written with a leading apostrophe by every writer (here the command
    line's metrics and the exported workbook), never as a live ``=`` formula."""
    stored = [
        name for name in load_survey(files).organisations.index if name.lstrip().startswith("=")
    ]
    assert {name.lstrip() for name in stored} >= {"=1+1", "=CR"}
    metrics = csv_cells(cli_output(tmp_path, "metrics", *map(str, files)))
    book = xlsx_cells(_export(tmp_path, files, "tables", "xlsx"))
    for cells in (metrics, book):
        assert_safe(cells, *stored)


# In the browser: the file a person saves.


@pytest.mark.browser
def test_the_files_a_person_downloads_in_the_browser_hold_no_live_formula(app, page, serve):
    with serve(app) as url:
        page.goto(url)
        for tab, grid, button, expected in (
            ("Organisations", ids.ORGANISATIONS_GRID, ids.ORGANISATIONS_DOWNLOAD_BUTTON,
             ["+44 Health", "-5 Health", "@SUM(A1)"]),
            ("Gaps", ids.GAPS_GRID, ids.GAPS_DOWNLOAD_BUTTON, [HUB, "+44 Health"]),
        ):  # fmt: skip
            page.get_by_role("tab", name=tab).click()
            page.locator(f"#{grid} .ag-row").first.wait_for(timeout=20_000)
            with page.expect_download(timeout=20_000) as download:
                page.click(f"#{button}")
            assert_safe(csv_cells(Path(download.value.path()).read_bytes()), *expected)
    assert page.errors == []
