"""Callbacks of the Sustainability view: a scenario before and after, what it cuts, the key
players and who could carry the hub's role.

The scenario's choices follow the network shown: the chosen hub's ready-made scenarios
(:func:`ecosystem.service.hub_scenarios`), then a removal or a merger built from the network's
own organisations. Results come from :class:`~ecosystem.dashboard.data.DashboardData`, which
runs each scenario once on the network it already holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import dash
import pandas as pd
from dash import Dash, Input, Output, State, html

from ecosystem.codebook import type_label, type_short
from ecosystem.dashboard import ids
from ecosystem.dashboard.callbacks.shared import (
    SELECTION_STATE,
    file_name,
    fitted,
    html_table,
    selection_from_controls,
    sent_file,
    when_open,
)
from ecosystem.dashboard.data import DashboardData
from ecosystem.dashboard.views.sustainability import CUSTOM_SCENARIOS, MERGE, REMOVE
from ecosystem.errors import OptionError
from ecosystem.export import csv_bytes
from ecosystem.figures.style import message_figure
from ecosystem.figures.sustainability import sustainability_figure
from ecosystem.glossary import measure_label
from ecosystem.service import KEY_PLAYERS, Scenario, Selection, hub_organisation, hub_scenarios
from ecosystem.words import plural, word

if TYPE_CHECKING:
    from ecosystem.analysis.sustainability import ScenarioResult

SUCCESSORS_SHOWN = 10
BRIDGES_SHOWN = 8
"""Lost bridges listed on the page; the CSV holds every one."""
CHOOSE = "Choose the organisations of the scenario above."
BRIDGE_HEADINGS = {"first": "Organisation", "second": "Partner", "through": "Linked only through"}

CONTROLS = (
    ids.SUSTAINABILITY_SCENARIO,
    ids.SUSTAINABILITY_REMOVE,
    ids.SUSTAINABILITY_MERGE,
    ids.SUSTAINABILITY_INTO,
)
"""The controls that choose the scenario, in the order the functions here take their values."""


def ready_made(data: DashboardData, hub: str | None) -> dict[str, Scenario]:
    """The chosen hub's ready-made scenarios by name; none for every hub together."""
    return hub_scenarios(data.survey, hub) if hub else {}


def scenario_choices(data: DashboardData, selection: Selection, chosen, remove, merge, into):
    """The scenario's choices and value, then each organisation list's choices and value.

    Organisations the network no longer holds are cleared. A scenario still on offer is kept
    (``dash.no_update``), a removal or merger to build only once organisations are chosen for
    it; otherwise the first on offer is chosen: the hub's "The hub leaves", or a removal to
    build for every hub together (which has no ready-made scenario).
    """
    hub = selection.options.hub
    made = ready_made(data, hub)
    scenarios = [{"label": name, "value": name} for name in made]
    scenarios += [{"label": label, "value": value} for value, label in CUSTOM_SCENARIOS.items()]
    offered = [choice["value"] for choice in scenarios]
    graph = data.network(selection.wave, selection.options)
    names = sorted(graph, key=str.casefold)
    present = set(names)
    organisations = [{"label": name, "value": name} for name in names]
    still = [name for name in remove or [] if name in present]
    merge, into = (name if name in present else None for name in (merge, into))
    built = chosen_scenario(data, hub, chosen, still, merge, into)
    keep = chosen in made or (chosen in offered and (built is not None or not made))
    return (
        scenarios,
        dash.no_update if keep else offered[0],
        organisations,
        dash.no_update if still == list(remove or []) else still,
        organisations,
        dash.no_update if merge is not None else None,
        organisations,
        dash.no_update if into is not None else None,
    )


def chosen_scenario(
    data: DashboardData, hub: str | None, choice, remove, merge, into
) -> Scenario | None:
    """The scenario the controls describe, or None while it is not complete (nothing removed,
    or a merger without two different organisations)."""
    if choice == REMOVE:
        return Scenario(remove=tuple(remove)) if remove else None
    if choice == MERGE:
        return Scenario(merge=(merge, into)) if merge and into and merge != into else None
    return ready_made(data, hub).get(choice)


def custom_hidden(choice) -> tuple[bool, bool]:
    """Whether the removal's controls, then the merger's, are hidden for this choice."""
    return choice != REMOVE, choice != MERGE


def _named(scenario: Scenario) -> tuple[str, ...]:
    return scenario.remove or tuple(scenario.merge or ())


def _number(label: str, before: float, after: float, meaning: str) -> html.Div:
    """One fragmentation before and after: its name, the two numbers and what they mean."""
    return html.Div(
        [
            html.Span(label, className="sustainability-number-label"),
            html.Strong(f"{before:.2f} → {after:.2f}"),
            html.Span(meaning, className="hint"),
        ],
        className="sustainability-number",
    )


def summary_view(result: ScenarioResult) -> list:
    """The scenario in words and both fragmentations before and after, in numbers."""
    fragmentation = _number(
        measure_label("fragmentation"),
        result.fragmentation_before,
        result.fragmentation_after,
        f"After: {result.fragmentation_after:.0%} of pairs of organisations cannot reach "
        "each other at all.",
    )
    distance = _number(
        measure_label("distance_fragmentation"),
        result.distance_fragmentation_before,
        result.distance_fragmentation_after,
        "0: every organisation tied to every other; 1: none reaches another.",
    )
    return [
        html.H2(result.scenario.describe(), className="sustainability-scenario-title"),
        html.Div([fragmentation, distance], className="sustainability-numbers"),
    ]


def findings_view(result: ScenarioResult) -> html.Ul:
    """What the scenario changes, in plain sentences, as Compare waves words change."""
    return html.Ul([html.Li(sentence) for sentence in result.findings])


def _listed(names, none: str) -> str:
    return ", ".join(names) if len(names) else none


def losses_view(result: ScenarioResult) -> list:
    """Who is left with no tie, which kinds of organisation are cut off, and the lost bridges."""
    bridges = result.lost_bridges
    shown = bridges.head(BRIDGES_SHOWN).rename(columns=BRIDGE_HEADINGS)
    more = len(bridges) - len(shown)
    parts = [
        html.P([html.Strong("Left with no tie: "), _listed(result.isolated, "none")]),
        html.P(
            [
                html.Strong("Kinds cut off from the rest: "),
                _listed([type_label(t) for t in result.types_cut_off], "none"),
            ]
        ),
    ]
    if bridges.empty:
        return [*parts, html.P("No pair of organisations loses its only two-step link.")]
    caption = f"Lost bridges: {plural(len(bridges), 'pair')}"
    table = html_table(shown, ids.SUSTAINABILITY_BRIDGES_TABLE, caption)
    extra = [html.P(f"…and {more} more in the CSV.", className="hint")] if more > 0 else []
    return [*parts, table, *extra]


def _waiting(data: DashboardData, selection: Selection, message: str) -> tuple:
    """What the view shows in place of a scenario: what to do, on the picture too."""
    title = f"{selection.scope}, {selection.wave}"
    figure = message_figure(message, title, illustrative=data.illustrative)
    return [html.P(message, className="hint")], fitted(figure), [], []


def scenario_view(data: DashboardData, selection: Selection, scenario: Scenario | None) -> tuple:
    """The scenario's summary, its before-and-after picture, its findings and what it cuts;
    or what to choose while the scenario is not complete."""
    graph = data.network(selection.wave, selection.options)
    if scenario is None or not all(name in graph for name in _named(scenario)):
        return _waiting(data, selection, CHOOSE)
    try:
        result = data.scenario(selection.wave, selection.options, scenario)
    except OptionError as problem:
        return _waiting(data, selection, str(problem))
    figure = sustainability_figure(
        result, positions=data.positions(selection.options.hub), illustrative=data.illustrative
    )
    return summary_view(result), fitted(figure), findings_view(result), losses_view(result)


def key_players_view(data: DashboardData, selection: Selection) -> list:
    """The two organisations whose leaving fragments the network most, and the two that
    reach most others directly, each with how they were found."""
    graph = data.network(selection.wave, selection.options)
    if graph.number_of_nodes() <= KEY_PLAYERS:
        return [html.P("Too few organisations to look for key players.", className="hint")]
    fragment = data.key_players(selection.wave, selection.options, KEY_PLAYERS, "fragment")
    reach = data.key_players(selection.wave, selection.options, KEY_PLAYERS, "reach")
    return [
        html.Dl(
            [
                html.Dt("Their leaving would fragment it most"),
                html.Dd(" and ".join(fragment.players), className="key-players"),
                html.Dd(f"Fragmentation without them: {fragment.score:.2f}; {fragment.how_found}."),
                html.Dt("They reach most others directly"),
                html.Dd(" and ".join(reach.players), className="key-players"),
                html.Dd(
                    f"{reach.score:.0%} of the other organisations within {reach.steps} "
                    f"{word(reach.steps, 'step')}; {reach.how_found}."
                ),
            ],
            className="sustainability-key-players",
        )
    ]


def successor_table(data: DashboardData, selection: Selection, hub: str) -> pd.DataFrame:
    """The best candidates to absorb the hub, as people read them (top :data:`SUCCESSORS_SHOWN`)."""
    ranked = data.successors(selection.wave, selection.options, hub).head(SUCCESSORS_SHOWN)
    return pd.DataFrame(
        {
            "Rank": ranked["rank"],
            "Organisation": ranked["organisation"],
            "Type": ranked["type"].map(type_short),
            measure_label("fragmentation"): ranked["fragmentation_after"],
            measure_label("distance_fragmentation"): ranked["distance_fragmentation_after"],
        }
    )


def successors_view(data: DashboardData, selection: Selection) -> list:
    """Who could carry the hub's role: a table, or what to choose first."""
    hub = hub_organisation(data.survey, selection.options.hub) if selection.options.hub else None
    graph = data.network(selection.wave, selection.options)
    if hub is None or hub not in graph:
        return [html.P("Choose a hub above to see who could carry its role.", className="hint")]
    table = successor_table(data, selection, hub)
    caption = f"If {hub} merged into… (fragmentations after the merger)"
    return [html_table(table, ids.SUSTAINABILITY_SUCCESSORS_TABLE, caption)]


def register(app: Dash, data: DashboardData) -> None:
    """The view fills when it opens and follows the selection and its own scenario controls."""
    lists = [ids.SUSTAINABILITY_SCENARIO, *CONTROLS[1:]]
    choices = [Output(c, p) for c in lists for p in ("options", "value")]

    @when_open(app, ids.TAB_SUSTAINABILITY, choices, *[State(c, "value") for c in CONTROLS])
    def _choices(selection, *values):
        return scenario_choices(data, selection, *values)

    @app.callback(
        Output(ids.SUSTAINABILITY_REMOVE_CONTROLS, "hidden"),
        Output(ids.SUSTAINABILITY_MERGE_CONTROLS, "hidden"),
        Input(ids.SUSTAINABILITY_SCENARIO, "value"),
    )
    def _custom(choice):
        return custom_hidden(choice)

    shown = [
        Output(ids.SUSTAINABILITY_SUMMARY, "children"),
        Output(ids.SUSTAINABILITY_GRAPH, "figure"),
        Output(ids.SUSTAINABILITY_FINDINGS, "children"),
        Output(ids.SUSTAINABILITY_LOSSES, "children"),
    ]

    @when_open(app, ids.TAB_SUSTAINABILITY, shown, *[Input(c, "value") for c in CONTROLS])
    def _scenario(selection, *values):
        scenario = chosen_scenario(data, selection.options.hub, *values)
        return scenario_view(data, selection, scenario)

    ranked = [
        Output(ids.SUSTAINABILITY_KEY_PLAYERS, "children"),
        Output(ids.SUSTAINABILITY_SUCCESSORS, "children"),
    ]

    @when_open(app, ids.TAB_SUSTAINABILITY, ranked)
    def _ranked(selection):
        return key_players_view(data, selection), successors_view(data, selection)

    _register_download(app, data)


def bridges_download(data: DashboardData, selection: Selection, scenario: Scenario | None):
    """Every lost bridge of the scenario as CSV (``lost-bridges-scope-wave.csv``), or None
    while the scenario is not complete."""
    graph = data.network(selection.wave, selection.options)
    if scenario is None or not all(name in graph for name in _named(scenario)):
        return None
    bridges = data.scenario(selection.wave, selection.options, scenario).lost_bridges
    table = bridges.rename(columns=BRIDGE_HEADINGS)
    table.insert(0, "Scenario", scenario.describe())
    content = csv_bytes(table, index=False)
    return sent_file(data, content, file_name("lost-bridges", selection))


def _register_download(app: Dash, data: DashboardData) -> None:
    """The lost bridges download for the scenario chosen when the button is pressed."""

    @app.callback(
        Output(ids.SUSTAINABILITY_DOWNLOAD, "data"),
        Input(ids.SUSTAINABILITY_DOWNLOAD_BUTTON, "n_clicks"),
        *[State(control, "value") for control in CONTROLS],
        *SELECTION_STATE,
        prevent_initial_call=True,
    )
    def _download(_, *values):
        selection = selection_from_controls(*values[len(CONTROLS) :])
        scenario = chosen_scenario(data, selection.options.hub, *values[: len(CONTROLS)])
        return bridges_download(data, selection, scenario) or dash.no_update
