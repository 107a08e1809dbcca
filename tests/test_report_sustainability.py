"""The report's Sustainability section: the hub leaving, in the later wave, as the service
layer computes it (fragmentation, the organisations left alone, the findings, the top five
successors and the two key players), names hidden when the report anonymises."""

from __future__ import annotations

import pytest
from test_report import FAST, FIRST, SECOND, _Document

from ecosystem.figures.formats import format_measure
from ecosystem.network import NetworkOptions
from ecosystem.report import REPORT_SECTIONS, html_report
from ecosystem.service import key_players_for, scenario_for, successors_for

DORSET_HUB = "Dorset Innovation Hub"


@pytest.fixture(scope="module")
def survey(demo):
    return demo


@pytest.fixture(scope="module")
def options():
    return NetworkOptions(hub="Dorset")


@pytest.fixture(scope="module")
def section(survey) -> str:
    """The Sustainability section of Dorset's report, as HTML."""
    report = html_report(survey, "Dorset", FIRST, SECOND, **FAST)
    return report.split('<section id="sustainability">', 1)[1].split("</section>", 1)[0]


def test_the_report_has_a_sustainability_section():
    assert "sustainability" in REPORT_SECTIONS


def test_fragmentation_before_and_after_the_hub_leaves(survey, options, section):
    result = scenario_for(survey, SECOND, options, remove=(DORSET_HUB,))
    before = format_measure("fragmentation", result.fragmentation_before)
    after = format_measure("fragmentation", result.fragmentation_after)
    assert f"Fragmentation: {before} now, {after} after." in section
    assert f"{DORSET_HUB} leaves" in section


def test_the_findings_are_the_scenarios_sentences(survey, options, section):
    result = scenario_for(survey, SECOND, options, remove=(DORSET_HUB,))
    assert _Document(section).items[: len(result.findings)] == list(result.findings)


def test_the_top_five_successors_and_the_two_key_players(survey, options, section):
    document = _Document(section)
    successors = successors_for(survey, SECOND, options, DORSET_HUB)
    shown = document.table("sustainability-successors")
    assert shown["Organisation"].tolist() == successors["organisation"].head(5).tolist()
    players = key_players_for(survey, SECOND, options, 2)
    assert document.table("sustainability-key-players")["Organisation"].tolist() == list(
        players.players
    )


def test_a_report_of_every_hub_asks_for_a_hub(survey):
    report = html_report(survey, None, FIRST, SECOND, **FAST)
    section = report.split('<section id="sustainability">', 1)[1].split("</section>", 1)[0]
    assert "Choose a hub" in section


def test_anonymised_the_section_names_no_organisation(survey):
    report = html_report(survey, "Dorset", FIRST, SECOND, anonymise=True, **FAST)
    section = report.split('<section id="sustainability">', 1)[1].split("</section>", 1)[0]
    assert DORSET_HUB not in section and "NHS Dorset" not in section
    assert "Hub 3 leaves" in section
