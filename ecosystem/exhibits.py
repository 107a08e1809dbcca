"""The figure and tables of each view, for one survey and one selection, ready to export.

The dashboard shows these views and ``ecosystem export`` writes them; both call
:func:`exhibit_bytes` (a view of a selection as a file's bytes, in every format either
offers), which calls :func:`view_figure`, :func:`view_tables`, the network or the report,
and the same figure functions that draw the screen, so a file looks like the screen. Each
exhibit carries a title, the wave, the filters and the data source; with ``anonymise``
every organisation is shown as its type and a number ("VCSE 3"), the same in every exhibit
of one survey (:mod:`ecosystem.anonymise`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Final

import pandas as pd
import plotly.graph_objects as go

from ecosystem.anonymise import Anonymiser
from ecosystem.errors import OptionError
from ecosystem.export import (
    FIGURE_FORMATS,
    csv_bytes,
    definitions_table,
    figure_bytes,
    gexf_bytes,
    graphml_bytes,
    workbook_bytes,
)
from ecosystem.figures import (
    brokerage_matrix_figure,
    brokerage_roles_figure,
    difference_figure,
    network_figure,
    overview_figure,
    structural_holes_figure,
)
from ecosystem.figures.formats import format_percent, rates_as_percentages
from ecosystem.figures.functions import functions_figure
from ecosystem.figures.gaps import EXPORTED_FINDINGS, with_findings_listed
from ecosystem.figures.style import with_subtitle
from ecosystem.figures.sustainability import sustainability_figure
from ecosystem.glossary import MEASURES, measure_label
from ecosystem.network import NetworkOptions, build_network, resolve_hub
from ecosystem.report import html_report
from ecosystem.report.sustainability import (
    DEFAULT_SUSTAINABILITY_TABLE,
    SUSTAINABILITY_TABLES,
    shown_result,
    sustainability_tables,
)
from ecosystem.service import (
    DEFAULT_TABLE,
    Selection,
    compare_waves,
    core_functions_of,
    describe_filters,
    find_gaps_by_hub,
    functions_table,
    network_summary_table,
    robustness_of,
)
from ecosystem.service import positions as service_positions
from ecosystem.service.comparison import compare_hubs, hub_comparison_headings
from ecosystem.service.hub_sustainability import sustainability
from ecosystem.service.measures import (
    brokerage_type_matrix,
    full_measures,
    strongest_actions,
    with_short_name_column,
)
from ecosystem.survey import Survey

FIGURE_VIEWS: dict[str, str] = {
    "network": "The network of one wave",
    "compare": "Ties gained and lost between two waves",
    "brokerage": "Brokerage roles of the leading brokers",
    "brokerage-matrix": "Brokered links by type of organisation",
    "structural-holes": "Constraint against effective size",
    "gaps": "The network with the strongest findings highlighted and listed under it",
    "overview": "Network measures of every hub and wave",
    "sustainability": "The network before and after a scenario: the hub leaves, or joins the ICB",
    "functions": "The hubs' three core functions, in a wave and the one before it",
}
"""Views that export as an image (PNG, SVG or PDF)."""

EXPORT_FORMATS: dict[str, tuple[str, ...]] = {
    **{view: FIGURE_FORMATS for view in FIGURE_VIEWS},
    "tables": ("xlsx", "csv"),
    "functions": (*FIGURE_FORMATS, "csv", "xlsx"),  # the figure, or the table of functions_table
    "hubs": ("csv", "xlsx"),  # every hub side by side for two waves: hubs_table
    "graph": ("graphml", "gexf"),
    "report": ("html",),
    "sustainability": (*FIGURE_FORMATS, "csv", "xlsx"),  # the figure, or its tables
}
"""What each view can be written as, the first by default: images, the tables (a workbook of
every table, or as CSV the one :attr:`Selection.table` names), the core functions (an image,
or their table), the network (GraphML or GEXF) and the HTML report of two waves."""


TABLES: dict[str, str] = {
    "organisations": "Organisations",
    "network": "Network",
    "gaps": "Gaps",
    "comparison": "Network changes",
    "organisation-changes": "Organisation changes",
    "tie-changes": "Tie changes",
    "catalysis": "Catalysis",
    "robustness": "Robustness",
}
"""The tables of the ``tables`` view, by the name that chooses one for CSV, with their sheet
titles: every organisation's measures, the network's, the gaps (findings), and between two
waves the network measures before, after and their change ("comparison"), each
organisation's change, the ties gained and lost, and the hub's catalysed pairs; and how far
each measure of the wave can be trusted ("robustness": :func:`robustness_table`)."""

ROBUSTNESS_COLUMNS: Final = (
    "kind",
    "measure",
    "verdict",
    "rank_correlation",
    "low",
    "high",
    "top5_overlap",
    "value",
    "wave",
    "response_rate",
    "runs",
    "remove",
    "seed",
)
"""The columns of the "Robustness" table (:func:`robustness_table`)."""


def robustness_table(survey: Survey, wave: str, options: NetworkOptions) -> pd.DataFrame:
    """How far each measure of a wave (and hub) can be trusted, as a table for an export.

    One row per organisation measure (``kind`` "organisation": its ``verdict``, the median
    ``rank_correlation`` (Kendall's tau-b) with its 90% range ``low`` to ``high`` and the
    median ``top5_overlap``) and per network measure (``kind`` "network": its ``value`` and
    range), each with the wave, its response rate (a share) and the simulation's settings,
    from :func:`ecosystem.service.robustness_of` with the settings' defaults.
    """
    result = robustness_of(survey, wave, options)
    organisation = result.measures.reset_index().assign(kind="organisation")
    network = result.network.reset_index().assign(kind="network")
    table = pd.concat([organisation, network], ignore_index=True)
    table = table.assign(
        wave=wave,
        response_rate=result.response_rate,
        runs=result.runs,
        remove=result.remove,
        seed=result.seed,
    )
    return table.reindex(columns=list(ROBUSTNESS_COLUMNS))


def _hider(survey: Survey, anonymise: bool) -> Anonymiser:
    return Anonymiser.for_survey(survey.organisations, anonymise)


def _later_wave(survey: Survey, selection: Selection) -> tuple[str, str]:
    waves = survey.waves
    wave_from = selection.wave_from or waves[0]
    if wave_from == selection.wave:
        raise OptionError("a comparison needs two different waves (--from and --wave or --to)")
    return wave_from, selection.wave


def response_words(survey: Survey, waves: Sequence[str], options: NetworkOptions) -> str:
    """The response rate of each wave shown, as an exhibit states it: "response rate
    Formative 2023 50% (8 of 16), Summative 2024 72% (13 of 18)" (of the roster of
    ``options``' hub, or of every organisation)."""
    rates = []
    for wave in dict.fromkeys(waves):
        graph = build_network(survey, wave, options)
        respondents, roster = graph.graph["respondents"], graph.graph["roster_size"]
        rate = format_percent(graph.graph["response_rate"], 0)
        rates.append(f"{wave} {rate} ({respondents} of {roster})")
    return "response rate " + ", ".join(rates)


def _labelled(
    figure: go.Figure,
    selection: Selection,
    names: Anonymiser,
    default_title: str,
    response: str = "",
) -> go.Figure:
    """Title, wave, filters, response rate and data source on the exhibit itself."""
    title = names.text(selection.title or default_title)
    subtitle = f"{selection.scope}; {describe_filters(selection.options)}"
    if response:
        subtitle += f"; {response}"
    if selection.source:
        subtitle += f"; data: {selection.source}"
    return with_subtitle(figure.update_layout(title={"text": title}), subtitle)


def view_figure(survey: Survey, view: str, selection: Selection) -> go.Figure:
    """The figure of one view, exactly as the dashboard draws it, labelled for a report."""
    if view not in FIGURE_VIEWS:
        raise OptionError(f"view '{view}' has no figure; views: {', '.join(FIGURE_VIEWS)}")
    names = _hider(survey, selection.anonymise)
    options = selection.options
    if options.hub:
        options = replace(options, hub=resolve_hub(survey, options.hub))
        selection = replace(selection, options=options)
    scope = selection.scope
    illustrative = selection.illustrative

    if view == "functions":
        results, wave_from = core_functions_of(survey, selection)
        figure = functions_figure(
            functions_table(results), illustrative=illustrative, waves=(wave_from, selection.wave)
        )
        compared = f"{wave_from} to {selection.wave}" if wave_from else selection.wave
        shown_waves = [wave_from, selection.wave] if wave_from else [selection.wave]
        response = response_words(survey, shown_waves, options)
        return _labelled(figure, selection, names, f"{scope}: core functions, {compared}", response)

    if view == "overview":
        summary = network_summary_table(survey, survey.waves, replace(options, hub=None))
        figure = overview_figure(summary, illustrative=illustrative)
        response = response_words(survey, survey.waves, replace(options, hub=None))
        return _labelled(figure, selection, names, "Network measures of every hub", response)

    graph = build_network(survey, selection.wave, options)
    table, _ = full_measures(graph)
    # Every wave of the hub, every tie: the positions of the dashboard and the report.
    positions = names.positions(service_positions(survey, options))
    shown = names.graph(graph)
    shown_table = names.table(table)
    shown_waves = [selection.wave]

    if view == "network":
        figure = network_figure(shown, positions, size_by=shown_table["betweenness"],
                                measures=shown_table, illustrative=illustrative)  # fmt: skip
        title = f"{scope}, {selection.wave}"
    elif view == "compare":
        wave_from, wave_to = _later_wave(survey, selection)
        before = names.graph(build_network(survey, wave_from, options))
        figure = difference_figure(before, shown, positions, illustrative=illustrative)
        title = f"{scope}: ties gained and lost, {wave_from} to {wave_to}"
        shown_waves = [wave_from, wave_to]
    elif view == "sustainability":
        found = sustainability(survey, selection.wave, options, selection.scenario)
        figure = sustainability_figure(
            shown_result(found.result, names), positions, illustrative=illustrative
        )
        title = f"{scope}, {selection.wave}: {found.result.scenario.describe()}"
    elif view == "brokerage":
        figure = brokerage_roles_figure(shown_table, illustrative=illustrative)
        title = f"{scope}, {selection.wave}: brokerage roles"
    elif view == "brokerage-matrix":
        figure = brokerage_matrix_figure(brokerage_type_matrix(graph), illustrative=illustrative)
        title = f"{scope}, {selection.wave}: brokered links by type"
    elif view == "structural-holes":
        figure = structural_holes_figure(shown_table, illustrative=illustrative)
        title = f"{scope}, {selection.wave}: structural holes"
    else:  # gaps
        findings = find_gaps_by_hub(
            survey, selection.options.hub, selection.wave, selection.options, pairs=selection.pairs
        )
        listed = names.table(strongest_actions(findings, EXPORTED_FINDINGS))
        involved = {n for n in (*listed["organisation"], *listed["other"]) if n in shown}
        figure = network_figure(shown, positions, size_by=shown_table["betweenness"],
                                measures=shown_table, highlight=sorted(involved),
                                illustrative=illustrative)  # fmt: skip
        figure = with_findings_listed(figure, listed)
        title = f"{scope}, {selection.wave}: the strongest gaps and what to do"
    return _labelled(figure, selection, names, title, response_words(survey, shown_waves, options))


_TWO_WAVE_TABLES: Final = ("comparison", "organisation-changes", "tie-changes", "catalysis")


def view_tables(
    survey: Survey, selection: Selection, names: Sequence[str] | None = None
) -> dict[str, pd.DataFrame]:
    """The tables of a selection by sheet title (:data:`TABLES`), for CSV or one workbook.

    ``names`` chooses tables (keys of :data:`TABLES`); by default every one, the two-wave
    tables only where the survey has two waves. Each comes from the service layer
    (:func:`~ecosystem.service.find_gaps_by_hub`, :func:`~ecosystem.service.compare_waves`),
    from ``selection.wave_from`` (by default the first other wave) to ``selection.wave``.

    Raises
    ------
    OptionError
        For an unknown table, or a two-wave table of a survey with one wave.
    """
    unknown = [name for name in names or () if name not in TABLES]
    if unknown:
        raise OptionError(f"no table '{unknown[0]}'; tables: {', '.join(TABLES)}")
    waves: Sequence[str] = survey.waves
    wanted = list(names) if names is not None else [
        name for name in TABLES if len(waves) > 1 or name not in _TWO_WAVE_TABLES
    ]  # fmt: skip
    names_hidden = _hider(survey, selection.anonymise)
    options = selection.options
    found: dict[str, pd.DataFrame] = {}
    if {"organisations", "network"} & set(wanted):
        graph = build_network(survey, selection.wave, options)
        table, overall = full_measures(graph)
        found["organisations"] = names_hidden.table(
            with_short_name_column(table, graph).reset_index()
        )
        found["network"] = overall.rename("value").reset_index()
    if "gaps" in wanted:
        gaps = find_gaps_by_hub(survey, options.hub, selection.wave, options, pairs=selection.pairs)
        found["gaps"] = names_hidden.table(gaps)
    if "robustness" in wanted:  # measures and verdicts: no organisation is named
        found["robustness"] = robustness_table(survey, selection.wave, options)
    if set(_TWO_WAVE_TABLES) & set(wanted):
        if len(waves) < 2:
            raise OptionError("the comparison tables need two waves; this survey has one")
        wave_from = selection.wave_from or (waves[0] if waves[0] != selection.wave else waves[1])
        comparison = compare_waves(
            survey, wave_from, selection.wave, options, pairs=selection.pairs
        )
        found["comparison"] = comparison.network.reset_index()
        found["organisation-changes"] = names_hidden.table(
            comparison.organisation_change.reset_index()
        )
        found["tie-changes"] = names_hidden.table(comparison.ties)
        found["catalysis"] = names_hidden.table(comparison.catalysis)
    return {TABLES[name]: _with_measure_labels(found[name]) for name in wanted}


_CHANGE_PARTS: Final = ("rank_before", "rank_after", "rank_change", "before", "after", "change")


def measure_header(column: object) -> object:
    """The heading people read for a column of a measure: the glossary's display label,
    with the part of a change after it; any other column as it is.

    >>> measure_header("in_degree"), measure_header("pagerank_rank_before")
    ('Supporters (in-degree)', 'PageRank, rank before')
    >>> measure_header("weight_before")
    'weight_before'
    """
    key = str(column)
    if key in MEASURES:
        return measure_label(key)
    for part in _CHANGE_PARTS:
        measure = key.removesuffix(f"_{part}")
        if measure != key and measure in MEASURES:
            return f"{measure_label(measure)}, {part.replace('_', ' ')}"
    return column


def _with_measure_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with measure columns headed, and measures in a ``measure`` column named, by the
    glossary's display labels (the Definitions sheet gives each label's measure key)."""
    labelled = rates_as_percentages(frame).rename(columns=measure_header)  # "Response rate (%)"
    if "measure" in labelled:
        labelled["measure"] = [measure_label(str(key)) for key in labelled["measure"]]
    return labelled


def choose_format(view: str, wanted: str | None = None) -> str:
    """The format a view is written in: ``wanted`` (any case) if the view offers it, else the
    view's first (:data:`EXPORT_FORMATS`).

    >>> choose_format("network"), choose_format("tables", "CSV")
    ('png', 'csv')

    Raises
    ------
    OptionError
        For a view that is not exported, or a format it is not written in.
    """
    if view not in EXPORT_FORMATS:
        raise OptionError(f"view '{view}' is not exported; views: {', '.join(EXPORT_FORMATS)}")
    allowed = EXPORT_FORMATS[view]
    chosen = (wanted or allowed[0]).lower()
    if chosen not in allowed:
        raise OptionError(f"the {view} view is written as {', '.join(allowed)}, not {chosen}")
    return chosen


def hubs_table(survey: Survey, selection: Selection) -> pd.DataFrame:
    """Every hub's change from the earlier wave (the survey's first by default) to the wave,
    side by side (:func:`ecosystem.service.compare_hubs`), headed as people read it.

    The hub of ``selection.options`` does not apply: every hub has its row. Response rates
    are percentages (0-100), as the headings say.
    """
    wave_from, wave_to = _later_wave(survey, selection)
    table = compare_hubs(survey, wave_from, wave_to, selection.options, pairs=selection.pairs)
    shown = _hider(survey, selection.anonymise).table(table)
    return shown.rename(columns=hub_comparison_headings(wave_from, wave_to))


def _hubs_bytes(survey: Survey, selection: Selection, chosen: str) -> bytes:
    """:func:`hubs_table` as CSV, or as a workbook with the Definitions sheet."""
    table = hubs_table(survey, selection)
    if chosen == "csv":
        return csv_bytes(table)
    return workbook_bytes({"Every hub": table}, definitions_table())


def sustainability_view_tables(survey: Survey, selection: Selection) -> dict[str, pd.DataFrame]:
    """The tables of the ``sustainability`` view by sheet title
    (:data:`~ecosystem.report.sustainability.SUSTAINABILITY_TABLES`): the scenario's measures
    before and after, the organisations isolated, the lost bridges, the key players and the
    hub's successors, names hidden when the selection anonymises."""
    options = selection.options
    if options.hub:
        options = replace(options, hub=resolve_hub(survey, options.hub))
    found = sustainability(survey, selection.wave, options, selection.scenario)
    tables = sustainability_tables(found, _hider(survey, selection.anonymise))
    return {SUSTAINABILITY_TABLES[key]: _with_measure_labels(t) for key, t in tables.items()}


def _sustainability_bytes(survey: Survey, selection: Selection, chosen: str) -> bytes:
    """The sustainability tables as one workbook, or as CSV the one ``selection.table`` names
    (its measures by default)."""
    tables = sustainability_view_tables(survey, selection)
    if chosen == "xlsx":
        return workbook_bytes(tables, definitions_table())
    key = DEFAULT_SUSTAINABILITY_TABLE if selection.table == DEFAULT_TABLE else selection.table
    if key not in SUSTAINABILITY_TABLES:
        raise OptionError(
            f"no sustainability table '{key}'; tables: {', '.join(SUSTAINABILITY_TABLES)}"
        )
    return csv_bytes(tables[SUSTAINABILITY_TABLES[key]])


def _functions_bytes(survey: Survey, selection: Selection, chosen: str) -> bytes:
    """The core functions as an image, or their table as CSV or a workbook."""
    if chosen in FIGURE_FORMATS:
        return figure_bytes(view_figure(survey, "functions", selection), chosen)
    results, _ = core_functions_of(survey, selection)
    table = _hider(survey, selection.anonymise).table(functions_table(results))
    if chosen == "csv":
        return csv_bytes(table)
    return workbook_bytes({"Core functions": table}, definitions_table())


def _report_bytes(survey: Survey, selection: Selection) -> bytes:
    """The HTML report from the earlier wave (the survey's first by default) to the wave."""
    report = html_report(
        survey,
        selection.options.hub,
        selection.wave_from or survey.waves[0],
        selection.wave,
        selection.options,
        illustrative=selection.illustrative,
        anonymise=selection.anonymise,
        title=selection.title,
        pairs=selection.pairs,
    )
    return report.encode("utf-8")


def exhibit_bytes(
    survey: Survey, view: str, selection: Selection, format: str | None = None
) -> bytes:
    """One view of a selection as a file's bytes, in any format :data:`EXPORT_FORMATS` offers.

    Images (PNG, SVG, PDF) of :func:`view_figure`, each an A4 page; the tables of
    :func:`view_tables` as one XLSX workbook with a Definitions sheet, or as CSV the table
    ``selection.table`` names (:data:`TABLES`; the organisations' measures by default); the
    network of the wave as GraphML or GEXF; the HTML report from ``selection.wave_from``
    (the first wave by default) to ``selection.wave``. Names are hidden in every format when
    ``selection.anonymise`` is set. Nothing is written: the caller saves or sends the bytes.

    Parameters
    ----------
    survey : Survey
        The validated survey. Not modified.
    view : str
        A key of :data:`EXPORT_FORMATS` ("network", "tables", "graph", "report", ...).
    selection : Selection
        The wave (or two), the network options, and how to label the exhibit.
    format : str, optional
        A format the view offers (any case); by default its first.

    Raises
    ------
    OptionError
        For an unknown view, wave or hub, a format the view does not offer, or a comparison
        of one wave with itself.
    ExportEngineError
        When an image is asked for and no browser can render it.
    """
    chosen = choose_format(view, format)
    if view == "tables":
        if chosen == "csv":
            (table,) = view_tables(survey, selection, [selection.table]).values()
            return csv_bytes(table)
        return workbook_bytes(view_tables(survey, selection), definitions_table())
    if view == "hubs":
        return _hubs_bytes(survey, selection, chosen)
    if view == "sustainability" and chosen in ("csv", "xlsx"):
        return _sustainability_bytes(survey, selection, chosen)
    if view == "functions":
        return _functions_bytes(survey, selection, chosen)
    if view == "graph":
        graph = _hider(survey, selection.anonymise).graph(
            build_network(survey, selection.wave, selection.options)
        )
        return graphml_bytes(graph) if chosen == "graphml" else gexf_bytes(graph)
    if view == "report":
        return _report_bytes(survey, selection)
    return figure_bytes(view_figure(survey, view, selection), chosen)
