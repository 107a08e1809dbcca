"""The dashboard honest about who answered: like-with-like comparison, respondents only, and
how far each measure survives further non-response, as the view functions return them."""

from __future__ import annotations

import pytest

from ecosystem.analysis.change import NoComparisonError
from ecosystem.analysis.change.pairs import NotComparable
from ecosystem.dashboard import ids
from ecosystem.dashboard.app import create_app
from ecosystem.dashboard.callbacks import (
    compare_views,
    network_update,
    organisation_grid,
    selection_from_controls,
)
from ecosystem.dashboard.callbacks.controls import status_text
from ecosystem.dashboard.callbacks.network import size_choices
from ecosystem.dashboard.callbacks.organisations import trust_line
from ecosystem.dashboard.callbacks.overview import trust_view
from ecosystem.dashboard.callbacks.robustness import MARKS, size_label
from ecosystem.dashboard.data import DEFAULT_PAIRS, DashboardData
from ecosystem.dashboard.views import page
from ecosystem.glossary import measure_label
from ecosystem.glossary.robustness import VERDICTS
from ecosystem.network import NetworkOptions
from ecosystem.service import PAIR_CHOICES

FIRST, LATEST = "Formative 2023", "Summative 2024"


@pytest.fixture(scope="module")
def survey(demo):
    return demo


@pytest.fixture(scope="module")
def data(survey):
    """One data for the module: the robustness of a wave is simulated once and kept."""
    return DashboardData(survey, illustrative=True)


def dorset(respondents=None):
    return selection_from_controls(LATEST, "Dorset", None, 0, 0, respondents)


def text(component) -> str:
    """Every string inside a Dash component, joined."""
    if isinstance(component, str):
        return component
    if isinstance(component, (list, tuple)):
        return " ".join(text(c) for c in component)
    children = getattr(component, "children", None)
    return "" if children is None else text(children)


def components(layout):
    yield layout
    children = getattr(layout, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, str):
            yield from components(child)


def test_the_compare_view_compares_like_with_like_and_says_what_it_left_out(data):
    findings, *figures = compare_views(data, FIRST, LATEST, NetworkOptions(), "betweenness")
    said = text(findings)
    assert "observed in both waves" in said
    assert "did not answer about each other in Formative 2023" in said
    assert "not counted as gained" in said
    assert "58% (34 of 59 organisations answered)" in said  # each wave's response rate
    assert "71% (44 of 62 organisations answered)" in said
    assert all(figure.data for figure in figures)


def test_every_pair_is_one_switch_away_and_changes_the_numbers(data):
    like = text(compare_views(data, FIRST, LATEST, NetworkOptions(), "betweenness")[0])
    every = text(compare_views(data, FIRST, LATEST, NetworkOptions(), "betweenness", "all")[0])
    assert "observed in both waves" not in every
    assert "61 new ties appeared" in like and "83 new ties appeared" in every
    assert "Response rate" in every
    # each rule is computed once and kept, apart from the other
    info = data.comparison.cache_info()
    compare_views(data, FIRST, LATEST, NetworkOptions(), "pagerank", "all")
    assert data.comparison.cache_info().hits == info.hits + 1


def test_where_no_like_with_like_comparison_exists_a_sentence_stands_instead_of_numbers(
    survey, monkeypatch
):
    data = DashboardData(survey, illustrative=True)
    why = NotComparable(FIRST, LATEST, 1)

    def refuse(*args, **kwargs):
        raise NoComparisonError(why)

    monkeypatch.setattr(data, "comparison", refuse)
    findings, *figures = compare_views(data, FIRST, LATEST, NetworkOptions(), "betweenness")
    said = text(findings)
    assert why.sentence in said
    assert "Response rate" in said
    assert "new ties" not in said
    assert not any(figure.data for figure in figures)


def test_the_pairs_control_is_labelled_and_starts_at_like_with_like(data):
    layout = page(data)
    radio = next(c for c in components(layout) if getattr(c, "id", None) == ids.COMPARE_PAIRS)
    assert radio.value == DEFAULT_PAIRS == "both-observed"
    assert [o["value"] for o in radio.options] == list(PAIR_CHOICES)
    labels = [c for c in components(layout) if getattr(c, "htmlFor", None) == ids.COMPARE_PAIRS]
    assert text(labels) == "Pairs compared"
    box = next(c for c in components(layout) if getattr(c, "id", None) == ids.RESPONDENTS_ONLY)
    assert box.value == [] and "Respondents only" in box.options[0]["label"]


def test_respondents_only_keeps_the_organisations_that_answered(data):
    every, only = dorset(), dorset(["only"])
    assert only.options.respondents_only and not every.options.respondents_only
    graph = data.network(only.wave, only.options)
    assert graph.number_of_nodes() < data.network(every.wave, every.options).number_of_nodes()
    assert all(answered for _, answered in graph.nodes(data="responded"))
    assert "44 organisations (respondents only)" in status_text(
        data, selection_from_controls(LATEST, "", None, 0, 0, ["only"])
    )


def test_the_network_is_drawn_without_waiting_for_the_simulation(survey):
    data = DashboardData(survey, illustrative=True)
    network_update(data, dorset(), "betweenness", None, None)
    assert data._robustness_once.cache_info().currsize == 0


def test_the_organisations_table_marks_each_measure_that_is_not_robust(data):
    robustness = data.robustness(LATEST, dorset().options)
    assert data.robustness(LATEST, dorset().options) is robustness  # simulated once
    _, columns = organisation_grid(data, dorset())
    headers = {c["field"]: c for c in columns}
    for measure, verdict in robustness.measures["verdict"].items():
        header = headers[measure]
        assert header["headerName"] == measure_label(measure) + (
            f" ({MARKS[verdict]})" if verdict in MARKS else ""
        )
        assert verdict in header["headerTooltip"] and "Rank agreement" in header["headerTooltip"]
    line = text(trust_line(data, dorset()))
    assert f"{robustness.response_rate:.0%} of organisations answered" in line
    assert all(f"{verdict}:" in line for verdict in VERDICTS)


def test_the_size_selector_names_each_measures_verdict_when_it_is_not_robust(data):
    choices, note = size_choices(data, dorset())
    found = data.robustness(LATEST, dorset().options).measures["verdict"]
    for choice in choices:
        assert choice["label"] == size_label(choice["value"], found.get(choice["value"]))
    assert size_label("betweenness", "fragile") == "Betweenness — fragile under non-response"
    assert "72% answered" in text(note) and "Check before relying on it: Betweenness" in text(note)


def test_the_overview_gives_the_response_rate_and_a_verdict_beside_each_measure(data):
    said = trust_view(data, dorset())
    words = text(said)
    robustness = data.robustness(LATEST, dorset().options)
    assert f"{robustness.response_rate:.0%} of organisations answered in Dorset, {LATEST}" in words
    for measure, row in robustness.measures.iterrows():
        assert measure_label(measure) in words and row["verdict"] in words
    for measure in robustness.network.index:
        assert measure_label(measure) in words


def test_nothing_is_simulated_before_any_responses(tmp_path):
    app = create_app(workspace=tmp_path / "w")
    empty = app.data
    assert empty.robustness(empty.waves[0], NetworkOptions()) is None
    assert trust_view(empty, selection_from_controls(empty.waves[0], "", None, 0, 0)) is None


def test_every_hub_table_and_its_download_follow_the_pairs_control(data):
    """The every-hub table under the Compare view counts the pairs the radio chooses, and its
    CSV holds what the screen shows."""
    from ecosystem.dashboard.callbacks.compare import hubs_download, hubs_view

    options = NetworkOptions()
    like = text(hubs_view(data, FIRST, LATEST, options, "both-observed"))
    every = text(hubs_view(data, FIRST, LATEST, options, "all"))
    assert like != every
    like_csv = hubs_download(data, FIRST, LATEST, options, "both-observed")
    every_csv = hubs_download(data, FIRST, LATEST, options, "all")
    assert like_csv is not None and every_csv is not None
    assert like_csv["content"] != every_csv["content"]
