"""The faces of the hubs' core functions: the figure, the exhibit, the dashboard view and the
report section all show what :func:`ecosystem.service.functions_by_hub` measures."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from ecosystem.codebook import ALL_HUBS
from ecosystem.dashboard import ids
from ecosystem.dashboard.callbacks.download import view_export
from ecosystem.dashboard.callbacks.functions import functions_views
from ecosystem.dashboard.callbacks.shared import selection_from_controls
from ecosystem.dashboard.data import DashboardData
from ecosystem.errors import OptionError
from ecosystem.exhibits import exhibit_bytes
from ecosystem.export import csv_bytes
from ecosystem.figures.functions import functions_figure, functions_text
from ecosystem.load import load_survey
from ecosystem.network import NetworkOptions
from ecosystem.report import html_report
from ecosystem.service import (
    Selection,
    core_functions_of,
    functions_by_hub,
    functions_table,
    wave_before,
)

FIRST, LATEST = "Formative 2023", "Summative 2024"
FEW = {"samples": 100}


@pytest.fixture(scope="module")
def both_waves(demo) -> pd.DataFrame:
    return functions_table(functions_by_hub(demo, LATEST, NetworkOptions(), FIRST, **FEW))


def _later_dots(figure) -> dict[str, list]:
    """The hubs of the later wave's dots, by the axis (panel) they are drawn on."""
    panels: dict[str, list] = {}
    for trace in figure.data:
        if trace.meta and trace.meta.get("role") == "after":
            panels.setdefault(trace.yaxis, []).extend(trace.customdata)
    return panels


# ---------------------------------------------------------------------------------------
# The figure


def test_the_figure_draws_every_hub_in_every_panel_of_the_three_functions(demo, both_waves):
    figure = functions_figure(both_waves, illustrative=True, waves=(FIRST, LATEST))
    titles = {a.text for a in figure.layout.annotations}
    assert {"Central coordination", "Information dissemination", "Catalysing partnerships"} <= (
        titles
    )
    panels = _later_dots(figure)
    assert len(panels) == 4, "coordination, dissemination, and catalysing in two charts"
    for hubs in panels.values():
        assert set(hubs) == set(demo.hubs)
    assert any(a.name == "illustrative" for a in figure.layout.annotations)


def test_each_dumbbell_runs_from_the_earlier_value_to_the_later(both_waves):
    figure = functions_figure(both_waves, waves=(FIRST, LATEST))
    row = both_waves[(both_waves["hub"] == "Dorset") & (both_waves["indicator"] == "Direct ties")]
    before, after = float(row["before"].iloc[0]), float(row["value"].iloc[0])
    earlier = [x for t in figure.data if t.meta["role"] == "before" for x in t.x]
    later = {
        (hub, x)
        for t in figure.data
        if t.meta["role"] == "after"
        for hub, x in zip(t.customdata, t.x, strict=True)
    }
    assert before in earlier
    assert ("Dorset", after) in later
    rose = [t for t in figure.data if t.meta.get("direction") == "higher"]
    assert any(("Dorset" in t.customdata) for t in rose), "Dorset's direct ties rose"


def test_one_wave_has_no_catalysing_panel_and_says_why(demo):
    table = functions_table(functions_by_hub(demo, FIRST, NetworkOptions()))
    figure = functions_figure(table, waves=(None, FIRST))
    assert len(_later_dots(figure)) == 2
    notes = " ".join(a.text for a in figure.layout.annotations if a.name == "note")
    assert "needs an earlier wave" in notes.replace("<br>", " ")


def test_the_figure_leaves_its_table_as_it_was(both_waves):
    kept = both_waves.copy()
    functions_figure(both_waves, waves=(FIRST, LATEST))
    pd.testing.assert_frame_equal(both_waves, kept)


def test_a_table_without_its_columns_is_refused():
    with pytest.raises(ValueError, match="no column 'before'"):
        functions_figure(pd.DataFrame({"hub": ["Dorset"], "function": ["x"], "indicator": ["y"]}))


def test_the_table_people_read_writes_shares_ranks_and_the_index_as_the_findings_do(both_waves):
    text = functions_text(both_waves)
    assert list(text.columns) == ["Hub", "Function", "Indicator", FIRST, LATEST, "Change",
                                  "95% interval of the change"]  # fmt: skip
    dorset = text[text["Hub"] == "Dorset"].set_index("Indicator")
    assert dorset.loc["Direct ties", LATEST] == "94%"
    assert dorset.loc["Direct ties", "Change"] == "+47 points"
    row = both_waves[(both_waves["hub"] == "Dorset") & (both_waves["indicator"] == "Direct ties")]
    low, high = (round(100 * float(row[side].iloc[0])) for side in ("low", "high"))
    assert dorset.loc["Direct ties", "95% interval of the change"] == f"{low:+d} to {high:+d}"
    assert dorset.loc["Betweenness rank", LATEST] == "1"
    assert dorset.loc["Partners' E-I index", LATEST] == "+0.20"  # the catalysed ties cross types
    assert dorset.loc["Partnerships catalysed", FIRST] == "–"


# ---------------------------------------------------------------------------------------
# The exhibit


def test_the_view_compares_the_wave_before_unless_told(demo):
    assert wave_before(demo, LATEST) == FIRST and wave_before(demo, FIRST) is None
    _, wave_from = core_functions_of(demo, Selection(LATEST))
    assert wave_from == FIRST
    with pytest.raises(OptionError, match="two different waves"):
        core_functions_of(demo, Selection(LATEST, wave_from=LATEST))


def test_the_csv_is_the_functions_table_through_the_formula_safe_writer(demo):
    selection = Selection(LATEST, wave_from=FIRST)
    written = exhibit_bytes(demo, "functions", selection, "csv")
    results = functions_by_hub(demo, LATEST, NetworkOptions(), FIRST)
    assert written == csv_bytes(functions_table(results))
    rows = list(csv.DictReader(io.StringIO(written.decode("utf-8-sig"))))
    assert {row["hub"] for row in rows} == set(demo.hubs)


def test_the_workbook_has_the_table_and_the_definitions(demo, tmp_path):
    written = exhibit_bytes(demo, "functions", Selection(LATEST, NetworkOptions(hub="Dorset")),
                            "xlsx")  # fmt: skip
    path = tmp_path / "functions.xlsx"
    path.write_bytes(written)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Core functions"
    hubs = {row[0] for row in book["Core functions"].iter_rows(min_row=2, values_only=True)}
    assert hubs == {"Dorset"}


@pytest.mark.parametrize("fmt, start", [("svg", b"<svg"), ("pdf", b"%PDF")])
def test_the_figure_exports_as_an_a4_image(demo, chromium, fmt, start):
    written = exhibit_bytes(demo, "functions", Selection(LATEST, source="demo"), fmt)
    assert start in written[:400]


def test_a_hub_named_like_a_formula_reaches_the_csv_as_text(tmp_path):
    organisations = tmp_path / "organisations.csv"
    organisations.write_text(
        "name,type,hub\nThe Hub,hub,=SUM(A1)\nTrust,trust,=SUM(A1)\nCollege,university,=SUM(A1)\n",
        encoding="utf-8",
    )
    responses = tmp_path / "responses.csv"
    responses.write_text(
        "wave,respondent,partner,frequency,relevance,direction\n"
        "W1,The Hub,Trust,Weekly or more,Highly relevant,Both ways\n"
        "W2,The Hub,College,Weekly or more,Highly relevant,Both ways\n",
        encoding="utf-8",
    )
    survey = load_survey([organisations, responses])
    written = exhibit_bytes(survey, "functions", Selection("W2"), "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(written)))
    assert rows and {row["hub"] for row in rows} == {"'=SUM(A1)"}


# ---------------------------------------------------------------------------------------
# The dashboard


def test_the_view_shows_every_hub_for_all_hubs_and_one_for_a_hub(demo):
    data = DashboardData(demo, illustrative=True)
    every = functions_views(data, selection_from_controls(LATEST, "", None, 0, 0))
    waves, figure, findings, _ = every
    assert waves == f"{LATEST} compared with {FIRST}, the wave before it."
    assert figure.layout.title.text.startswith(ALL_HUBS)
    assert [section.children[0].children for section in findings] == demo.hubs
    one = functions_views(data, selection_from_controls(LATEST, "Dorset", None, 0, 0))
    assert [section.children[0].children for section in one[2]] == ["Dorset"]
    assert all(set(hubs) == {"Dorset"} for hubs in _later_dots(one[1]).values())


def test_a_hub_lead_sees_their_own_hub_alone(demo):
    lead = DashboardData(demo, illustrative=True).for_scope("Manchester")
    _, figure, findings, _ = functions_views(lead, selection_from_controls(LATEST, "", None, 0, 0))
    assert [section.children[0].children for section in findings] == ["Manchester"]
    assert all(set(hubs) == {"Manchester"} for hubs in _later_dots(figure).values())


def test_the_first_wave_is_shown_alone_and_says_so(demo):
    data = DashboardData(demo)
    waves, figure, _, _ = functions_views(data, selection_from_controls(FIRST, "", None, 0, 0))
    assert waves.startswith(f"{FIRST} alone")
    assert len(_later_dots(figure)) == 2


def test_the_export_bar_downloads_the_view_of_the_wave_and_the_one_before(demo, chromium):
    data = DashboardData(demo, illustrative=True)
    selection = selection_from_controls(LATEST, "Dorset", None, 0, 0)
    # The Compare view's own waves (here the same wave twice) do not apply to this view.
    content, name = view_export(data, ids.TAB_FUNCTIONS, selection, "svg", False, LATEST)
    assert name == "functions-dorset-summative-2024.svg"
    assert b"Dorset: core functions, Formative 2023 to Summative 2024" in content


# ---------------------------------------------------------------------------------------
# The report


def test_the_report_has_a_core_functions_section_with_each_hubs_findings(demo):
    report = html_report(demo, "Dorset", FIRST, LATEST, permutations=50, samples=100)
    assert '<section id="functions"><h2>Core functions</h2>' in report
    assert 'id="functions-table"' in report
    result = functions_by_hub(demo, LATEST, NetworkOptions(hub="Dorset"), FIRST, samples=100)
    for sentence in result[0].findings:
        assert sentence.replace("'", "&#x27;") in report or sentence in report
