"""Each view's exhibit: the screen's figure, labelled with title, wave, filters and source."""

from __future__ import annotations

import json
import re

import pytest

from ecosystem.errors import OptionError
from ecosystem.exhibits import FIGURE_VIEWS, Selection, describe_filters, view_figure, view_tables
from ecosystem.load import DEMO_FILES, load_survey
from ecosystem.network import NetworkOptions


@pytest.fixture(scope="module")
def demo():
    return load_survey(DEMO_FILES)


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
    assert "Dorset" in title.subtitle.text or view == "overview"
    assert "quarterly or more" in title.subtitle.text
    assert "demo (illustrative data)" in title.subtitle.text
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
