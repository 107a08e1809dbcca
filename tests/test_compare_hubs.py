"""Every hub side by side for two waves: the evaluator's cross-site table, its export, and
response rates written as percentages wherever people read them."""

from __future__ import annotations

import io
import math
from dataclasses import replace

import pandas as pd
import pytest

from ecosystem.codebook import ALL_HUBS
from ecosystem.exhibits import EXPORT_FORMATS, exhibit_bytes, hubs_table
from ecosystem.figures.formats import (
    format_change,
    format_measure,
    format_percent,
    rates_as_percentages,
)
from ecosystem.load import DEMO_FILES
from ecosystem.network import NetworkOptions, build_network
from ecosystem.service import (
    Selection,
    compare_hubs,
    compare_waves,
    hub_comparison_headings,
    hub_comparison_text,
)
from ecosystem.service.comparison import HUB_COMPARISON_COLUMNS, NO_BREAK

FIRST, LATEST = "Formative 2023", "Summative 2024"


@pytest.fixture(scope="module")
def survey(demo):
    return demo


@pytest.fixture(scope="module")
def table(survey):
    return compare_hubs(survey, FIRST, LATEST)


@pytest.fixture(scope="module")
def table_all(survey):
    """Every pair compared, as reported: the numbers before like with like was the default."""
    return compare_hubs(survey, FIRST, LATEST, pairs="all")


def test_one_row_per_hub_in_the_survey_order_then_all_hubs(survey, table):
    assert table["hub"].tolist() == [*survey.hubs, ALL_HUBS] == [*DEMO_HUBS, ALL_HUBS]
    assert tuple(table.columns) == HUB_COMPARISON_COLUMNS


def test_without_all_hubs_there_is_one_row_per_hub(survey):
    table = compare_hubs(survey, FIRST, LATEST, all_hubs=False, permutations=99, samples=99)
    assert table["hub"].tolist() == survey.hubs


DEMO_HUBS = ("Bradford District and Craven", "Cambridgeshire and Peterborough", "Dorset",
             "Manchester")  # fmt: skip


@pytest.mark.parametrize("hub", [None, *DEMO_HUBS])
def test_each_row_equals_that_hubs_own_comparison(survey, table, hub):
    """The numbers the per-hub Compare view shows (same options, same seeds), exactly."""
    c = compare_waves(survey, FIRST, LATEST, NetworkOptions(hub=hub))
    row = table.set_index("hub").loc[hub or ALL_HUBS]
    assert row["density_before"] == c.density.before
    assert row["density_after"] == c.density.after
    assert row["density_change"] == c.density.change
    assert (row["density_low"], row["density_high"]) == (c.density.low, c.density.high)
    assert (row["qap_r"], row["qap_p"]) == (c.qap.r, c.qap.p)
    assert row["jaccard"] == c.jaccard
    assert row["catalysed_pairs"] == c.catalysis["closed_pairs"].sum()
    assert row["open_pairs"] == c.catalysis["open_pairs"].sum()
    assert row["organisations_before"] == c.before.graph["roster_size"]


@pytest.mark.parametrize("pairs", ["both-observed", "all"])
def test_each_row_equals_that_hubs_own_comparison_under_either_rule(survey, pairs):
    table = compare_hubs(survey, FIRST, LATEST, pairs=pairs, permutations=19, samples=19)
    c = compare_waves(survey, FIRST, LATEST, NetworkOptions(hub="Dorset"), 19, 19, pairs=pairs)
    row = table.set_index("hub").loc["Dorset"]
    assert (row["density_change"], row["jaccard"]) == (c.density.change, c.jaccard)
    if pairs == "all":
        assert row["pairs_excluded"] == 0
    else:
        assert c.pairs_note is not None
        assert (row["pairs_compared"], row["pairs_excluded"]) == (
            c.pairs_note.compared,
            c.pairs_note.excluded,
        )


def test_like_with_like_leaves_out_pairs_unobserved_in_a_wave(table, table_all):
    # Only the pairs both waves observed are compared: fewer open pairs of the hub's
    # partners, and a density change of its own.
    assert (table["pairs_excluded"] > 0).all()
    assert (table["open_pairs"] <= table_all["open_pairs"]).all()
    bradford = table.set_index("hub").loc["Bradford District and Craven"]
    assert (bradford["catalysed_pairs"], bradford["open_pairs"]) == (3, 42)


def test_a_hub_with_no_like_with_like_comparison_says_so_in_its_row(survey):
    # Only the hub answered in the earlier wave: no two organisations answered in both.
    responses = survey.responses
    dorset = list(build_network(survey, FIRST, NetworkOptions(hub="Dorset")).nodes)
    keep = ~(
        (responses["wave"] == FIRST)
        & responses["respondent"].isin(dorset)
        & (responses["respondent"] != "Dorset Innovation Hub")
    )
    thin = replace(survey, responses=responses[keep].reset_index(drop=True))
    table = compare_hubs(thin, FIRST, LATEST, permutations=9, samples=9).set_index("hub")
    row = table.loc["Dorset"]
    assert "no like-with-like comparison is possible" in row["reading"]
    assert math.isnan(row["density_change"]) and math.isnan(row["qap_r"])
    assert row["response_percent_after"] == 72.2
    text = hub_comparison_text(table.reset_index()).set_index("Hub")
    assert text.loc["Dorset", "Density change"] == "–"
    every = compare_hubs(thin, FIRST, LATEST, pairs="all", permutations=9, samples=9)
    assert not math.isnan(every.set_index("hub").loc["Dorset", "density_change"])


def test_a_hubs_catalysis_is_its_own_hub_organisation(survey, table_all):
    table = table_all
    c = compare_waves(
        survey, FIRST, LATEST, NetworkOptions(hub="Bradford District and Craven"), pairs="all"
    )
    own = c.catalysis.set_index("hub").loc["Bradford District and Craven Innovation Hub"]
    row = table.set_index("hub").loc["Bradford District and Craven"]
    assert (row["catalysed_pairs"], row["open_pairs"]) == (3, 58) == (own.closed_pairs,
                                                                     own.open_pairs)  # fmt: skip
    assert row["catalysed"] == "3 of 58 (5%)"


def test_response_rates_are_percentages_of_the_roster(survey, table):
    for row in table.itertuples():
        hub = None if row.hub == ALL_HUBS else row.hub
        for wave, value in ((FIRST, row.response_percent_before),
                            (LATEST, row.response_percent_after)):  # fmt: skip
            graph = build_network(survey, wave, NetworkOptions(hub=hub))
            share = graph.graph["respondents"] / graph.graph["roster_size"]
            assert value == round(100 * share, 1)
            assert 1 < value <= 100
    assert table.set_index("hub").loc[ALL_HUBS, "response_percent_before"] == 57.6


def test_the_hub_of_the_options_does_not_narrow_the_table(survey, table):
    narrowed = compare_hubs(survey, FIRST, LATEST, NetworkOptions(hub="Dorset"))
    pd.testing.assert_frame_equal(narrowed, table)


def test_tie_filters_apply_to_every_row(survey, table):
    options = NetworkOptions(min_frequency=3)
    filtered = compare_hubs(survey, FIRST, LATEST, options, permutations=99, samples=99)
    c = compare_waves(survey, FIRST, LATEST, replace(options, hub="Dorset"), 99, 99)
    assert filtered.set_index("hub").loc["Dorset", "density_after"] == c.density.after
    assert (filtered["density_after"] < table["density_after"]).all()


def test_the_survey_is_not_modified(survey):
    before = survey.responses.copy()
    compare_hubs(survey, FIRST, LATEST, permutations=19, samples=19)
    pd.testing.assert_frame_equal(survey.responses, before)


def test_each_reading_says_whether_the_density_change_could_be_noise(table):
    for row in table.itertuples():
        assert row.reading.startswith(f"{row.hub}: density rose")
        could_be_noise = row.density_low <= 0 <= row.density_high
        assert ("could be noise" in row.reading) == could_be_noise
        assert "p = 0.001" in row.reading and row.catalysed in row.reading


def test_text_table_reads_as_people_write(survey, table_all):
    table = table_all
    text = hub_comparison_text(table)
    assert text.map(lambda cell: " " not in cell).iloc[:, 1:].all().all()  # kept on one line
    text = text.map(lambda cell: cell.replace(NO_BREAK, " "))
    dorset = text.set_index("Hub").loc["Dorset"]
    assert dorset["Response rate"] == "50% → 72%"
    assert dorset["Organisations"] == "16 → 18"
    assert dorset["95% interval of the change"] == "-0.027 to 0.195"
    assert dorset["Density change"] == "+0.062"
    assert dorset["QAP p"] == "p = 0.001"
    assert dorset["Partnerships catalysed"] == "3 of 15 (20%)"
    assert text.columns[0] == "Hub" and len(text) == len(table)


def test_text_table_uses_two_decimals_when_every_density_is_at_least_a_tenth(table_all):
    dense = table_all[table_all["hub"].isin(["Dorset", "Manchester"])]
    text = hub_comparison_text(dense).map(lambda cell: cell.replace(NO_BREAK, " "))
    assert text["95% interval of the change"].tolist() == ["-0.03 to 0.19", "-0.03 to 0.12"]


def test_export_hubs_view_as_csv_headed_for_people(survey, table):
    selection = Selection(LATEST, wave_from=FIRST)
    assert EXPORT_FORMATS["hubs"] == ("csv", "xlsx")
    data = exhibit_bytes(survey, "hubs", selection)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    headings = hub_comparison_headings(FIRST, LATEST)
    assert back.columns.tolist() == [headings[c] for c in HUB_COMPARISON_COLUMNS]
    assert back["Hub"].tolist() == table["hub"].tolist()
    rates = back[f"Response rate, {FIRST} (%)"]
    assert rates.tolist() == table["response_percent_before"].tolist()
    assert back["QAP p-value"].tolist() == pytest.approx(table["qap_p"].tolist())


def test_export_hubs_view_as_workbook(survey, table):
    data = exhibit_bytes(survey, "hubs", Selection(LATEST, wave_from=FIRST), "xlsx")
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert next(iter(sheets)) == "Every hub"
    assert sheets["Every hub"]["Hub"].tolist() == table["hub"].tolist()


def test_export_hubs_needs_two_waves(survey):
    from ecosystem.errors import OptionError

    with pytest.raises(OptionError, match="two different waves"):
        hubs_table(survey, Selection(FIRST, wave_from=FIRST))


def test_cli_exports_the_hubs_view(tmp_path):
    from ecosystem.cli import main

    out = tmp_path / "hubs.csv"
    files = [str(p) for p in DEMO_FILES]
    code = main(["export", *files, "--view", "hubs", "--from", FIRST, "--to", LATEST,
                 "-o", str(out)])  # fmt: skip
    assert code == 0
    back = pd.read_csv(out, encoding="utf-8-sig")
    assert len(back) == 5 and f"Response rate, {LATEST} (%)" in back.columns


# Response rates as percentages wherever people read them.


def test_rates_read_as_percentages():
    assert format_percent(0.5764) == "57.6%"
    assert format_percent(0.5764, 0) == "58%"
    assert format_measure("response_rate", 0.5764) == "57.6%"
    assert format_measure("reciprocity", 0.5764) == "0.576"  # only rates change
    assert format_change("response_rate", -0.05) == "-5.0 percentage points"
    missing = rates_as_percentages(pd.DataFrame({"response_rate": [math.nan]}))
    assert math.isnan(missing.iloc[0, 0])


def test_rates_as_percentages_leaves_its_input_and_other_columns_alone():
    frame = pd.DataFrame({"measure": ["density", "response_rate"], "before": [0.1, 0.5],
                          "after": [0.2, 0.6], "change": [0.1, 0.1]})  # fmt: skip
    original = frame.copy()
    shown = rates_as_percentages(frame)
    pd.testing.assert_frame_equal(frame, original)
    assert shown["measure"].tolist() == ["density", "Response rate (%)"]
    assert shown.loc[1, ["before", "after", "change"]].tolist() == [50.0, 60.0, 10.0]
    assert shown.loc[0, ["before", "after", "change"]].tolist() == [0.1, 0.2, 0.1]
    wide = rates_as_percentages(pd.DataFrame({"response_rate_before": [0.25], "ties": [3]}))
    assert wide.to_dict("records") == [{"Response rate, before (%)": 25.0, "ties": 3}]


# The dashboard's section "Every hub side by side".


def test_dashboard_section_shows_every_hub_with_percentages_and_intervals(survey, table):
    from ecosystem.dashboard.callbacks.compare import hubs_view
    from ecosystem.dashboard.data import DashboardData

    data = DashboardData(survey, illustrative=True)
    shown = hubs_view(data, FIRST, LATEST, NetworkOptions())
    rendered = str(shown.to_plotly_json()).replace("\\xa0", " ").replace(NO_BREAK, " ")
    for hub in [*DEMO_HUBS, ALL_HUBS]:
        assert hub in rendered
    assert "50% → 72%" in rendered and "-0.04 to 0.25" in rendered  # like with like
    assert "p = 0.001" in rendered and "3 of 15 (20%)" in rendered
    assert "0.576" not in rendered and "57.6%" not in rendered  # whole percentages here


def test_dashboard_section_asks_for_two_different_waves(survey):
    from ecosystem.dashboard.callbacks.compare import hubs_download, hubs_view
    from ecosystem.dashboard.data import DashboardData

    data = DashboardData(survey)
    assert "two different waves" in str(hubs_view(data, LATEST, LATEST, NetworkOptions()))
    assert hubs_download(data, LATEST, LATEST, NetworkOptions()) is None


def test_dashboard_download_is_the_export(survey):
    import base64

    from ecosystem.dashboard.callbacks.compare import hubs_download
    from ecosystem.dashboard.data import DashboardData

    sent = hubs_download(DashboardData(survey, illustrative=True), FIRST, LATEST,
                         NetworkOptions())  # fmt: skip
    assert sent["filename"] == "hubs-formative-2023-to-summative-2024.csv"
    content = base64.b64decode(sent["content"]) if sent["base64"] else sent["content"]
    assert content == exhibit_bytes(survey, "hubs", Selection(LATEST, wave_from=FIRST), "csv")


def test_overview_table_gives_response_rates_as_percentages(survey):
    from ecosystem.dashboard.callbacks.overview import overview_views
    from ecosystem.dashboard.data import DashboardData

    data = DashboardData(survey)
    _, shown = overview_views(data)
    header = [str(cell.children) for cell in shown.children[0].children.children]
    column = header.index("Response rate")
    cells = [str(row.children[column].children) for row in shown.children[-1].children]
    rates = data.summary()["response_rate"].tolist()
    assert cells == [f"{100 * rate:.1f}%" for rate in rates]
    assert format_percent(rates[0]) == "57.6%"  # All hubs, the first wave


def test_exported_workbook_gives_response_rates_as_percentages(survey):
    data = exhibit_bytes(survey, "tables", Selection(LATEST, wave_from=FIRST), "xlsx")
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None)
    network = sheets["Network"].set_index("measure")["value"]
    graph = build_network(survey, LATEST, NetworkOptions())
    assert network["Response rate (%)"] == round(100 * graph.graph["response_rate"], 1)
    assert "Response rate" not in network.index
    changes = sheets["Network changes"].set_index("measure")
    assert changes.loc["Response rate (%)", "after"] == network["Response rate (%)"]


def test_data_view_rates_table_gives_response_rates_as_percentages(survey):
    from ecosystem.dashboard.callbacks.upload import rates_table
    from ecosystem.dashboard.data import DashboardData
    from ecosystem.service import response_rates

    shown = rates_table(DashboardData(survey))
    header = [str(cell.children) for cell in shown.children[0].children.children]
    column = header.index("Response rate")
    cells = [str(row.children[column].children) for row in shown.children[-1].children]
    assert cells == [format_percent(rate) for rate in response_rates(survey)["response_rate"]]
    assert cells[0] == "57.6%"
