"""Callbacks: unpack the controls, ask :class:`DashboardData` and the figure functions, return.

Each view's output is made by a plain function of ``(data, selection, ...)`` that the unit
tests and ``make bench`` call directly; :func:`register` only wires them to components.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

import dash
import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, Output, State, dcc, html

from ecosystem import exhibits, export
from ecosystem.analysis.brokerage import ROLES, brokerage_type_matrix
from ecosystem.analysis.change import describe_changes
from ecosystem.analysis.gaps import GAP_TITLES
from ecosystem.analysis.profile import organisation_profile
from ecosystem.codebook import ALL_HUBS, ORGANISATION_TYPES
from ecosystem.dashboard import ids
from ecosystem.dashboard.data import DashboardData, Measured
from ecosystem.dashboard.views import gap_columns, hub_options
from ecosystem.errors import OptionError, SurveyError
from ecosystem.figures import (
    brokerage_matrix_figure,
    brokerage_roles_figure,
    catalysis_figure,
    difference_figure,
    network_change_figure,
    network_figure,
    organisation_change_figure,
    overview_figure,
    structural_holes_figure,
    type_colour,
)
from ecosystem.glossary import MEASURES
from ecosystem.load import check_files, name_matches
from ecosystem.network import NetworkOptions
from ecosystem.readers import read_readable
from ecosystem.readers.wide import wide_notes
from ecosystem.service import response_rates
from ecosystem.store import Workspace

SELECTION = [
    Input(ids.WAVE_SELECT, "value"),
    Input(ids.HUB_SELECT, "value"),
    Input(ids.NATURE_SELECT, "value"),
    Input(ids.MIN_FREQUENCY, "value"),
    Input(ids.MIN_RELEVANCE, "value"),
]
"""The controls that choose the network: every view depends on them."""


@dataclass(frozen=True)
class Selection:
    """What the controls chose: a wave and the options of its network."""

    wave: str
    options: NetworkOptions

    @classmethod
    def from_controls(cls, wave, hub, natures, min_frequency, min_relevance) -> Selection:
        return cls(wave, DashboardData.options(hub, natures, min_frequency, min_relevance))

    @property
    def scope(self) -> str:
        return self.options.hub or ALL_HUBS


def fitted(figure: go.Figure) -> go.Figure:
    """A figure sized by its box on the page rather than by its export height."""
    return figure.update_layout(height=None, width=None, autosize=True)


def type_label(key: str) -> str:
    return ORGANISATION_TYPES.get(key, key)


# --- views as plain functions -----------------------------------------------------------------


def status_text(data: DashboardData, selection: Selection) -> str:
    measured = data.measured(selection.wave, selection.options)
    graph = measured.graph
    filtered = " (ties filtered)" if selection.options.filters_ties else ""
    rate = graph.graph["response_rate"]
    return (
        f"{selection.wave}, {selection.scope}: {graph.number_of_nodes()} organisations, "
        f"{graph.number_of_edges()} arcs{filtered}; {rate:.0%} of organisations responded. "
        "Arc weight = how often the two interact."
    )


def network_view(
    data: DashboardData, selection: Selection, size_by: str, selected: str | None
) -> go.Figure:
    measured = data.measured(selection.wave, selection.options)
    positions = data.positions(selection.options.hub)
    return fitted(
        network_figure(
            measured.graph,
            positions,
            size_by=measured.organisations[size_by],
            highlight=[selected] if selected in measured.graph else [],
            measures=measured.organisations,
            title=f"{selection.scope}, {selection.wave}",
            illustrative=data.illustrative,
            # A crowded picture names only its most central organisations; hover shows all.
            label_limit=40 if measured.graph.number_of_nodes() <= 30 else 15,
        )
    )


def profile_choices(data: DashboardData, selection: Selection) -> list[dict]:
    graph = data.measured(selection.wave, selection.options).graph
    return [{"label": name, "value": name} for name in sorted(graph)]


def _table(frame: pd.DataFrame, table_id: str | None = None, caption: str | None = None):
    """A small accessible HTML table; floats to three places, missing values as a dash."""

    def cell(value: object) -> str:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, float):
            if pd.isna(value):
                return "–"
            return f"{value:.0f}" if value.is_integer() else f"{value:.3f}"
        return str(value)

    header = html.Thead(html.Tr([html.Th(c, scope="col") for c in frame.columns]))
    rows = [html.Tr([html.Td(cell(v)) for v in row]) for row in frame.itertuples(index=False)]
    parts = [html.Caption(caption)] if caption else []
    attributes = {"id": table_id} if table_id else {}
    return html.Table([*parts, header, html.Tbody(rows)], className="data-table", **attributes)


def profile_view(data: DashboardData, selection: Selection, organisation: str | None):
    """An organisation's ties in and out, its measures and ranks, and its brokerage roles."""
    measured = data.measured(selection.wave, selection.options)
    if not organisation or organisation not in measured.graph:
        return html.P("Click an organisation to see its ties, measures and roles.")
    profile = organisation_profile(
        measured.graph,
        measured.organisations,
        organisation,
        expectations=data.expectations(selection.wave, selection.options),
    )
    ties = profile.ties
    tie_items = [
        html.Li(
            [
                html.Strong(row.partner),
                html.Br(),
                " · ".join(
                    part
                    for part in (row.direction, row.frequency_label, row.relevance_label)
                    if part
                ),
                html.Br(),
                html.Small(
                    f"{row.nature or 'Nature not given'}; "
                    + ("both report it" if row.confirmed else "one side reports it")
                ),
            ]
        )
        for row in ties.itertuples(index=False)
    ]
    ties_list = html.Div(
        [html.H3(f"Ties ({len(ties)})"), html.Ul(tie_items, id="profile-list-ties")],
        className="ties",
    )
    measures = profile.measures.reset_index()
    shown = [c for c in ("label", "value", "rank", "of") if c in measures.columns]
    roles = profile.roles
    responded = "answered the survey" if profile.responded else "did not answer the survey"
    hubs = ", ".join(profile.hubs) if profile.hubs else "no hub given"
    return html.Div(
        [
            html.H2(profile.name),
            html.P(
                [
                    html.Span(
                        "●", style={"color": type_colour(profile.type)}, **{"aria-hidden": "true"}
                    ),
                    f" {profile.type_label}; {hubs}; {responded}.",
                ]
            ),
            ties_list if len(ties) else html.P("No ties in this network."),
            _table(measures[shown], "profile-table-measures", "Measures and ranks"),
            _table(roles.reset_index(), "profile-table-roles", "Brokerage roles"),
        ]
    )


GRID_HEADERS = {"wave": "Wave", "type": "Type", "hubs": "Hub(s)", "responded": "Answered"}


def gap_rows(data: DashboardData, selection: Selection) -> list[dict]:
    """The findings of the chosen hub (or every hub) as grid rows, each with a stable id."""
    findings = data.gaps(selection.wave, selection.options).copy()
    findings.insert(0, "id", [str(i) for i in range(len(findings))])
    findings["title"] = findings["kind"].map(GAP_TITLES)
    return findings.astype(object).where(findings.notna(), None).to_dict("records")


def gap_view(data: DashboardData, selection: Selection, finding: dict | None):
    """The selected finding in words, and the network with its organisations highlighted."""
    measured = data.measured(selection.wave, selection.options)
    highlight = []
    if finding:
        highlight = [n for n in (finding.get("organisation"), finding.get("other"))
                     if n and n in measured.graph]  # fmt: skip
        text = [
            html.Strong(GAP_TITLES.get(finding.get("kind"), finding.get("kind", ""))),
            html.P(finding.get("reason", "")),
            html.Small(f"Evidence: {finding.get('evidence', '')}"),
        ]
    else:
        text = [html.P("Select a finding to highlight its organisations on the network.")]
    figure = network_figure(
        measured.graph,
        data.positions(selection.options.hub),
        size_by=measured.organisations["betweenness"],
        highlight=highlight,
        measures=measured.organisations,
        title=f"{selection.scope}, {selection.wave}",
        illustrative=data.illustrative,
        label_limit=20,
    ).update_layout(showlegend=False)
    return text, fitted(figure)


def organisation_grid(data: DashboardData, selection: Selection) -> tuple[list[dict], list[dict]]:
    """Row data and column definitions of the organisations grid."""
    table = organisations_export(data, selection)
    columns = []
    for column in table.columns:
        # Widths set on every column: a grid updated while its tab is hidden would
        # otherwise squash the columns it cannot measure.
        definition: dict = {
            "field": column,
            "headerName": GRID_HEADERS.get(column, column),
            "width": 170 if table[column].dtype == object else 140,
            "minWidth": 110,
        }
        if column in MEASURES:
            definition["headerName"] = MEASURES[column].label
            definition["headerTooltip"] = MEASURES[column].explanation
        if column == "organisation":
            definition.update(pinned="left", headerName="Organisation", minWidth=260)
        if pd.api.types.is_float_dtype(table[column]):
            definition["valueFormatter"] = {
                "function": "params.value == null ? '–' : d3.format('.3f')(params.value)"
            }
            definition["filter"] = "agNumberColumnFilter"
        elif pd.api.types.is_integer_dtype(table[column]):
            definition["filter"] = "agNumberColumnFilter"
        columns.append(definition)
    records = table.astype(object).where(table.notna(), None).to_dict("records")
    return records, columns


def organisations_export(data: DashboardData, selection: Selection) -> pd.DataFrame:
    """The organisation table as people read it: type labels, one row per organisation."""
    table = data.measured(selection.wave, selection.options).organisations.reset_index()
    table["type"] = table["type"].map(type_label)
    table.insert(0, "wave", selection.wave)
    return table


def brokerage_role_table(table: pd.DataFrame, expectations: pd.DataFrame) -> pd.DataFrame:
    """Each broker's role counts with their z-scores, as "count (z)", most brokerage first."""
    brokers = table[table["brokerage"] > 0].sort_values("brokerage", ascending=False)
    shown = pd.DataFrame(
        {"Organisation": brokers.index, "Type": brokers["type"].map(type_label).to_numpy()}
    )
    for role in ROLES:
        counts = brokers[role].to_numpy()
        z = expectations.loc[brokers.index, f"{role}_z"].to_numpy()
        shown[MEASURES[role].label] = [
            f"{count}" if pd.isna(score) else f"{count} ({score:+.1f})"
            for count, score in zip(counts, z, strict=True)
        ]
    shown[MEASURES["brokerage"].label] = brokers["brokerage"].to_numpy()
    return shown


def brokerage_views(
    data: DashboardData, selection: Selection, broker_type: str | None
) -> tuple[go.Figure, html.Table, list[dict], go.Figure, go.Figure]:
    measured: Measured = data.measured(selection.wave, selection.options)
    table = measured.organisations
    expectations = data.expectations(selection.wave, selection.options)
    roles = brokerage_role_table(table, expectations)
    types = sorted(set(table["type"]), key=lambda t: list(ORGANISATION_TYPES).index(t)
                   if t in ORGANISATION_TYPES else len(ORGANISATION_TYPES))  # fmt: skip
    broker_choices = [{"label": type_label(t), "value": t} for t in types]
    matrix = brokerage_type_matrix(measured.graph, broker_type=broker_type or None)
    who = f"{type_label(broker_type)} brokers" if broker_type else "every broker"
    return (
        brokerage_roles_figure(table, illustrative=data.illustrative),
        _table(roles.head(25), "brokerage-table", "Roles: count (z-score), top 25 brokers"),
        broker_choices,
        brokerage_matrix_figure(
            matrix,
            title=f"Brokered links by type, through {who}",
            illustrative=data.illustrative,
        ),
        structural_holes_figure(table, illustrative=data.illustrative),
    )


def overview_views(data: DashboardData) -> tuple[go.Figure, html.Table]:
    summary = data.summary()
    shown = summary[["wave", "scope", "organisations", "ties", "density", "reciprocity",
                     "degree_centralisation", "betweenness_centralisation", "ei_index",
                     "response_rate"]]  # fmt: skip
    labels = {c: MEASURES[c].label for c in shown.columns if c in MEASURES}
    return overview_figure(summary, illustrative=data.illustrative), _table(
        shown.rename(columns={"wave": "Wave", "scope": "Hub", **labels}), "overview-table"
    )


def compare_views(
    data: DashboardData, wave_from: str, wave_to: str, options: NetworkOptions, measure: str
) -> tuple:
    """Findings in plain words, both networks on shared positions, and what changed."""
    if wave_from == wave_to:
        message = html.P("Choose two different waves to compare.")
        empty = go.Figure()
        return message, empty, empty, empty, empty, empty, empty
    comparison = data.comparison(wave_from, wave_to, options)
    positions = data.positions(options.hub)
    scope = options.hub or ALL_HUBS
    # The comparison holds both networks and their measures: nothing is built twice.
    sides = (
        (comparison.before, comparison.tables_before, wave_from),
        (comparison.after, comparison.tables_after, wave_to),
    )
    pictures = [
        fitted(
            network_figure(
                graph,
                positions,
                size_by=table["betweenness"],
                measures=table,
                title=f"{scope}, {wave}",
                illustrative=data.illustrative,
                label_limit=15,
            ).update_layout(showlegend=False)  # the difference map below carries the legend
        )
        for graph, table, wave in sides
    ]
    findings = html.Ul([html.Li(sentence) for sentence in describe_changes(comparison)])
    waves = (wave_from, wave_to)
    return (
        findings,
        *pictures,
        difference_figure(
            comparison.before,
            comparison.after,
            positions,
            title=f"{scope}: ties gained and lost from {wave_from} to {wave_to}",
            illustrative=data.illustrative,
        ),
        network_change_figure(comparison.network, illustrative=data.illustrative, waves=waves),
        catalysis_figure(comparison.catalysis, illustrative=data.illustrative, waves=waves),
        organisation_change_figure(
            comparison.organisation_change, measure, illustrative=data.illustrative, waves=waves
        ),
    )


EXPORTED_VIEW = {
    ids.TAB_NETWORK: "network",
    ids.TAB_GAPS: "gaps",
    ids.TAB_BROKERAGE: "brokerage",
    ids.TAB_OVERVIEW: "overview",
    ids.TAB_COMPARE: "compare",
    ids.TAB_ORGANISATIONS: "tables",
}
"""The exhibit each tab downloads as (the organisations tab as a workbook of tables)."""


def view_export(
    data: DashboardData,
    tab: str,
    selection: Selection,
    fmt: str,
    anonymise: bool,
    wave_from: str | None = None,
) -> tuple[bytes, str] | str:
    """The open view as a file (bytes and name), or a message saying why there is none."""
    view = EXPORTED_VIEW.get(tab)
    if view is None:
        return "This view has no picture to download."
    exhibit = exhibits.Selection(
        wave=selection.wave,
        options=selection.options,
        wave_from=wave_from,
        anonymise=anonymise,
        source="demo survey (illustrative data)" if data.illustrative else "survey files",
    )
    hidden = "-anonymised" if anonymise else ""
    if view == "tables":
        tables = exhibits.view_tables(data.survey, exhibit)
        content = export.workbook_bytes(tables, export.definitions_table())
        return content, _file_name(f"tables{hidden}", selection).replace(".csv", ".xlsx")
    if view == "compare" and (wave_from is None or wave_from == selection.wave):
        return "Choose two different waves to compare before downloading."
    figure = exhibits.view_figure(data.survey, view, exhibit)
    content = export.figure_bytes(figure, fmt)
    return content, _file_name(f"{view}{hidden}", selection).replace(".csv", f".{fmt}")


def decoded_uploads(contents: list[str] | None, names: list[str] | None) -> list[tuple[str, bytes]]:
    """Uploaded files as (name, bytes): dcc.Upload gives base64 data URLs."""
    files = []
    for content, name in zip(contents or [], names or [], strict=True):
        _, _, encoded = content.partition(",")
        files.append((name, base64.b64decode(encoded)))
    return files


def upload_report(
    data: DashboardData, files: list[tuple[str, bytes]], wave: str | None
) -> tuple[object, list[dict], bool]:
    """Check uploaded files: a report to read, name matches to confirm, and whether to import."""
    if not files:
        return html.P("No files yet."), [], False
    try:
        survey = check_files(files, data.survey, wave or None)
    except SurveyError as error:
        problems = pd.DataFrame(
            [
                {"File": p.file, "Row": p.row if p.row is not None else "–",
                 "Column": p.column or "–", "Problem": p.message, "Fix": p.fix}
                for p in error.problems
            ]
        )  # fmt: skip
        matches = [
            {"label": f" '{written}' is {choice}", "value": json.dumps([written, choice])}
            for written, choices in name_matches(error.problems)
            for choice in choices[:1]
        ]
        count = len(error.problems)
        report = html.Div(
            [
                html.P(f"{count} problem{'s' if count != 1 else ''} found; nothing was imported. "
                       "Fix the files and drop them here again.", className="bad"),
                _table(problems, "data-table-problems"),
                html.P("Tick the matches that are right, to save them as aliases:")
                if matches else None,
            ]
        )  # fmt: skip
        return report, matches, False
    waves = ", ".join(survey.waves) or "none"
    tables, _ = read_readable(files)
    notes = [html.Li(note) for note in wide_notes(tables, data.survey.organisations)]
    report = html.Div(
        [
            html.P(
                f"All good: {len(files)} file(s), {len(survey.responses)} responses and "
                f"{len(survey.edges)} edge rows for wave(s) {waves}. Nothing is stored until "
                "you import.",
                className="ok",
            ),
            html.Ul(notes) if notes else None,
        ]
    )
    return report, [], True


def import_uploads(data: DashboardData, files: list[tuple[str, bytes]], wave: str | None) -> str:
    """Import checked files into the workspace (all or nothing) and reload the dashboard."""
    survey = check_files(files, data.survey, wave or None)
    with Workspace(data.workspace) as workspace:
        report = workspace.import_survey(survey, files)
    data.reload()
    if report.skipped_files and not report.added_responses:
        return "These files were imported before; nothing was added."
    return (
        f"Imported {report.added_responses} responses, {report.added_edges} edge rows, "
        f"{report.added_waves} new wave(s) and {report.added_organisations} new "
        "organisation(s)."
    )


def save_matches(data: DashboardData, ticked: list[str]) -> str:
    """Save confirmed name matches as aliases, then read the workspace again."""
    with Workspace(data.workspace) as workspace:
        for written, organisation in (json.loads(t) for t in ticked):
            workspace.add_alias(written, organisation)
    data.reload()
    return f"Saved {len(ticked)} alias(es); the files have been checked again."


def rates_table(data: DashboardData):
    rates = response_rates(data.survey).rename(
        columns={"wave": "Wave", "scope": "Hub", "roster": "On the roster",
                 "respondents": "Answered", "response_rate": "Response rate",
                 "non_respondents": "Did not answer"}
    )  # fmt: skip
    return _table(rates, "data-table-rates")


def _file_name(what: str, selection: Selection) -> str:
    """A download's file name: what, scope and wave, e.g. gaps-dorset-summative-2024.csv."""
    scope = selection.scope.lower().replace(" ", "-")
    wave = selection.wave.lower().replace(" ", "-")
    return f"{what}-{scope}-{wave}.csv"


# --- wiring --------------------------------------------------------------------------------


def register(app: Dash, data: DashboardData) -> None:
    """Connect every view function to its components on ``app`` (never the global dash)."""

    @app.callback(
        Output(ids.STATUS_TEXT, "children"),
        Output(ids.PROFILE_SELECT, "options"),
        *SELECTION,
    )
    def _status(*controls):
        selection = Selection.from_controls(*controls)
        return status_text(data, selection), profile_choices(data, selection)

    @app.callback(
        Output(ids.NETWORK_GRAPH, "figure"),
        *SELECTION,
        Input(ids.SIZE_SELECT, "value"),
        Input(ids.PROFILE_SELECT, "value"),
    )
    def _network(wave, hub, natures, min_frequency, min_relevance, size_by, selected):
        selection = Selection.from_controls(wave, hub, natures, min_frequency, min_relevance)
        return network_view(data, selection, size_by, selected)

    @app.callback(
        Output(ids.PROFILE_SELECT, "value"),
        Input(ids.NETWORK_GRAPH, "clickData"),
        prevent_initial_call=True,
    )
    def _clicked(click):
        points = (click or {}).get("points") or []
        name = points[0].get("customdata") if points else None
        if isinstance(name, list):
            name = name[0] if name else None
        return name if name else dash.no_update

    @app.callback(
        Output(ids.PROFILE_PANEL, "children"),
        *SELECTION,
        Input(ids.PROFILE_SELECT, "value"),
    )
    def _profile(wave, hub, natures, min_frequency, min_relevance, organisation):
        selection = Selection.from_controls(wave, hub, natures, min_frequency, min_relevance)
        return profile_view(data, selection, organisation)

    @app.callback(
        Output(ids.ORGANISATIONS_GRID, "rowData"),
        Output(ids.ORGANISATIONS_GRID, "columnDefs"),
        Input(ids.TABS, "data"),
        *SELECTION,
    )
    def _grid(tab, *controls):
        if tab != ids.TAB_ORGANISATIONS:
            return dash.no_update, dash.no_update
        return organisation_grid(data, Selection.from_controls(*controls))

    @app.callback(
        Output(ids.GAPS_GRID, "rowData"),
        Output(ids.GAPS_GRID, "columnDefs"),
        Output(ids.GAPS_GRID, "selectedRows"),
        Input(ids.TABS, "data"),
        *SELECTION,
    )
    def _gap_rows(tab, *controls):
        if tab != ids.TAB_GAPS:  # computed when the view is opened, not before
            return dash.no_update, dash.no_update, dash.no_update
        selection = Selection.from_controls(*controls)
        every_hub = selection.options.hub is None
        return gap_rows(data, selection), gap_columns(every_hub), []

    @app.callback(
        Output(ids.GAPS_SELECTED, "children"),
        Output(ids.GAPS_GRAPH, "figure"),
        Input(ids.TABS, "data"),
        *SELECTION,
        Input(ids.GAPS_GRID, "selectedRows"),
    )
    def _gap_selected(tab, wave, hub, natures, min_frequency, min_relevance, selected):
        if tab != ids.TAB_GAPS:
            return dash.no_update, dash.no_update
        selection = Selection.from_controls(wave, hub, natures, min_frequency, min_relevance)
        return gap_view(data, selection, selected[0] if selected else None)

    @app.callback(
        Output(ids.GAPS_DOWNLOAD, "data"),
        Input(ids.GAPS_DOWNLOAD_BUTTON, "n_clicks"),
        *[State(c.component_id, c.component_property) for c in SELECTION],
        prevent_initial_call=True,
    )
    def _download_gaps(_, *controls):
        selection = Selection.from_controls(*controls)
        findings = data.gaps(selection.wave, selection.options)
        name = _file_name("gaps", selection)
        return dcc.send_data_frame(findings.to_csv, name, index=False)

    @app.callback(
        Output(ids.EXPORT_DOWNLOAD, "data"),
        Output(ids.EXPORT_MESSAGE, "children"),
        Input(ids.EXPORT_BUTTON, "n_clicks"),
        State(ids.TABS, "data"),
        *[State(c.component_id, c.component_property) for c in SELECTION],
        State(ids.EXPORT_FORMAT, "value"),
        State(ids.EXPORT_ANONYMISE, "value"),
        State(ids.COMPARE_FROM, "value"),
        State(ids.COMPARE_TO, "value"),
        prevent_initial_call=True,
    )
    def _export(_, tab, wave, hub, natures, min_frequency, min_relevance, fmt, hide, first,
                last):  # fmt: skip
        if tab == ids.TAB_COMPARE:
            wave = last
        selection = Selection.from_controls(wave, hub, natures, min_frequency, min_relevance)
        try:
            result = view_export(data, tab, selection, fmt, bool(hide), wave_from=first)
        except OptionError as problem:  # e.g. no browser engine for images on this machine
            return dash.no_update, str(problem)
        if isinstance(result, str):
            return dash.no_update, result
        content, name = result
        return dcc.send_bytes(content, name), f"Downloaded {name}."

    @app.callback(
        Output(ids.DATA_FILES, "data"),
        Input(ids.DATA_UPLOAD, "contents"),
        State(ids.DATA_UPLOAD, "filename"),
        prevent_initial_call=True,
    )
    def _uploaded(contents, names):
        return {"contents": contents, "names": names}

    def _files(stored):
        stored = stored or {}
        return decoded_uploads(stored.get("contents"), stored.get("names"))

    @app.callback(
        Output(ids.DATA_REPORT, "children"),
        Output(ids.DATA_MATCHES, "options"),
        Output(ids.DATA_MATCHES, "value"),
        Output(ids.DATA_SAVE_MATCHES, "disabled"),
        Output(ids.DATA_IMPORT, "disabled"),
        Input(ids.DATA_FILES, "data"),
        Input(ids.DATA_WAVE, "value"),
        Input(ids.DATA_VERSION, "data"),
    )
    def _check(stored, wave, _version):
        report, matches, ready = upload_report(data, _files(stored), wave)
        return report, matches, [], not matches, not ready

    @app.callback(
        Output(ids.DATA_MESSAGE, "children"),
        Output(ids.DATA_VERSION, "data"),
        Input(ids.DATA_IMPORT, "n_clicks"),
        Input(ids.DATA_SAVE_MATCHES, "n_clicks"),
        State(ids.DATA_FILES, "data"),
        State(ids.DATA_WAVE, "value"),
        State(ids.DATA_MATCHES, "value"),
        State(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def _store(_, __, stored, wave, ticked, version):
        try:
            if dash.ctx.triggered_id == ids.DATA_SAVE_MATCHES:
                message = save_matches(data, ticked or [])
            else:
                message = import_uploads(data, _files(stored), wave)
        except (SurveyError, OptionError) as problem:
            return f"Nothing was stored: {problem}", dash.no_update
        return message, (version or 0) + 1

    @app.callback(
        Output(ids.WAVE_SELECT, "options"),
        Output(ids.HUB_SELECT, "options"),
        Output(ids.COMPARE_FROM, "options"),
        Output(ids.COMPARE_TO, "options"),
        Output(ids.DATA_RATES, "children"),
        Input(ids.DATA_VERSION, "data"),
    )
    def _refresh(_version):
        waves = data.waves
        return waves, hub_options(data.hubs), waves, waves, rates_table(data)

    @app.callback(
        Output(ids.ORGANISATIONS_DOWNLOAD, "data"),
        Input(ids.ORGANISATIONS_DOWNLOAD_BUTTON, "n_clicks"),
        *[State(c.component_id, c.component_property) for c in SELECTION],
        prevent_initial_call=True,
    )
    def _download(_, *controls):
        selection = Selection.from_controls(*controls)
        table = organisations_export(data, selection)
        name = _file_name("organisations", selection)
        return dcc.send_data_frame(table.to_csv, name, index=False)

    @app.callback(
        Output(ids.BROKERAGE_ROLES_GRAPH, "figure"),
        Output(ids.BROKERAGE_ROLES_TABLE, "children"),
        Output(ids.BROKERAGE_BROKER_SELECT, "options"),
        Output(ids.BROKERAGE_MATRIX_GRAPH, "figure"),
        Output(ids.STRUCTURAL_HOLES_GRAPH, "figure"),
        Input(ids.TABS, "data"),
        *SELECTION,
        Input(ids.BROKERAGE_BROKER_SELECT, "value"),
    )
    def _brokerage(tab, wave, hub, natures, min_frequency, min_relevance, broker_type):
        if tab != ids.TAB_BROKERAGE:
            return (dash.no_update,) * 5
        selection = Selection.from_controls(wave, hub, natures, min_frequency, min_relevance)
        return brokerage_views(data, selection, broker_type)

    tabs = list(ids.VIEWS)

    @app.callback(
        Output(ids.TABS, "data"),
        *[Input(tab, "n_clicks") for tab in tabs],
        prevent_initial_call=True,
    )
    def _open_view(*_):
        return dash.ctx.triggered_id

    @app.callback(
        *[Output(ids.panel(tab), "hidden") for tab in tabs],
        *[Output(tab, "className") for tab in tabs],
        *[Output(tab, "aria-selected") for tab in tabs],
        Input(ids.TABS, "data"),
    )
    def _show_view(open_tab):
        return (
            *[tab != open_tab for tab in tabs],
            *["tab tab--selected" if tab == open_tab else "tab" for tab in tabs],
            *["true" if tab == open_tab else "false" for tab in tabs],
        )

    @app.callback(
        Output(ids.COMPARE_FINDINGS, "children"),
        Output(ids.COMPARE_BEFORE_GRAPH, "figure"),
        Output(ids.COMPARE_AFTER_GRAPH, "figure"),
        Output(ids.COMPARE_DIFFERENCE_GRAPH, "figure"),
        Output(ids.COMPARE_NETWORK_GRAPH, "figure"),
        Output(ids.COMPARE_CATALYSIS_GRAPH, "figure"),
        Output(ids.COMPARE_ORGANISATIONS_GRAPH, "figure"),
        Input(ids.TABS, "data"),
        Input(ids.COMPARE_FROM, "value"),
        Input(ids.COMPARE_TO, "value"),
        *SELECTION[1:],
        Input(ids.COMPARE_MEASURE, "value"),
    )
    def _compare(tab, wave_from, wave_to, hub, natures, min_frequency, min_relevance, measure):
        if tab != ids.TAB_COMPARE:  # computed when the view is opened, not before
            return (dash.no_update,) * 7
        options = DashboardData.options(hub, natures, min_frequency, min_relevance)
        return compare_views(data, wave_from, wave_to, options, measure)

    @app.callback(
        Output(ids.OVERVIEW_GRAPH, "figure"),
        Output(ids.OVERVIEW_TABLE, "children"),
        Input(ids.TABS, "data"),
    )
    def _overview(tab):
        if tab != ids.TAB_OVERVIEW:
            return dash.no_update, dash.no_update
        return overview_views(data)
