"""One rule for where organisations sit: every wave of the hub, every tie, laid out together.

The dashboard, every export and the report place a hub's organisations by the same rule
(:func:`ecosystem.service.positions`), so the report's picture matches the screen whatever
waves and filters are chosen. The demo's Dorset at a minimum frequency of monthly is the case
where the report once placed all 18 organisations elsewhere than the dashboard did.
"""

from __future__ import annotations

import pytest

import ecosystem.report.sections as sections
from ecosystem.dashboard.data import DashboardData
from ecosystem.exhibits import view_figure
from ecosystem.network import NetworkOptions
from ecosystem.report import html_report
from ecosystem.service import Selection, positions


def report_positions(monkeypatch, survey, hub, wave_from, wave_to, options):
    """The positions the report draws its networks on, as handed to the figure."""
    drawn = []

    def recording(graph, positions, *args, **kwargs):
        drawn.append(dict(positions))
        return original(graph, positions, *args, **kwargs)

    original = sections.network_figure
    monkeypatch.setattr(sections, "network_figure", recording)
    html_report(survey, hub, wave_from, wave_to, options, permutations=9, samples=9)
    assert drawn, "the report drew no network"
    return drawn[0]


@pytest.mark.parametrize(
    ("hub", "options"),
    [
        ("Dorset", NetworkOptions(min_frequency=3)),
        ("Dorset", NetworkOptions()),
        (None, NetworkOptions(min_relevance=2)),
    ],
    ids=["dorset-monthly", "dorset-every-tie", "all-hubs-relevant"],
)
def test_the_report_places_organisations_where_the_dashboard_does(monkeypatch, demo, hub, options):
    first, second = demo.waves[:2]
    on_screen = DashboardData(demo).positions(hub)
    in_report = report_positions(monkeypatch, demo, hub, first, second, options)
    assert in_report.keys() <= on_screen.keys()
    moved = sorted(name for name in in_report if in_report[name] != on_screen[name])
    assert moved == [], f"{len(moved)} organisations sit elsewhere in the report: {moved}"


def test_an_exported_network_places_organisations_where_the_dashboard_does(demo):
    options = NetworkOptions(hub="Dorset", min_frequency=3)
    figure = view_figure(demo, "network", Selection(demo.waves[-1], options))
    on_screen = DashboardData(demo).positions("Dorset")
    # Each organisation's marker carries its name; the figure keeps six decimals.
    placed = {
        name: (x, y)
        for trace in figure.data
        if trace.customdata is not None
        for name, x, y in zip(trace.customdata, trace.x, trace.y, strict=True)
    }
    assert len(placed) == 18, "the exported network shows every organisation of Dorset"
    for name, (x, y) in placed.items():
        assert (x, y) == pytest.approx(on_screen[name], abs=1e-6), name


@pytest.mark.parametrize("hub", ["Dorset", None], ids=["dorset", "all-hubs"])
def test_the_dashboard_keeps_the_positions_of_the_one_rule(demo, hub):
    data = DashboardData(demo)
    assert data.positions(hub) == positions(demo, NetworkOptions(hub=hub))
    assert data.positions(hub) is data.positions(hub), "laid out once, then kept"


def test_a_filter_never_moves_an_organisation(demo):
    every_tie = positions(demo, NetworkOptions(hub="Dorset"))
    filtered = NetworkOptions(hub="Dorset", natures=("ppie",), min_frequency=3, min_relevance=2)
    assert positions(demo, filtered) == every_tie
