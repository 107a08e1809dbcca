"""The figure and tables of each view, for one survey and one selection, ready to export.

The dashboard shows these views and ``ecosystem export`` writes them; both call
:func:`view_figure` and :func:`view_tables`, which call the same figure functions that draw
the screen, so a file looks like the screen. Each exhibit carries a title, the wave, the
filters and the data source; with ``anonymise`` every organisation is shown as its type and
a number ("VCSE 3"), the same in every exhibit of one survey.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import pandas as pd
import plotly.graph_objects as go

from ecosystem.analysis.brokerage import brokerage_type_matrix
from ecosystem.analysis.tables import full_measures
from ecosystem.codebook import ALL_HUBS, FREQUENCY, NATURES, RELEVANCE
from ecosystem.errors import OptionError
from ecosystem.export import Anonymiser, anonymous_lookup
from ecosystem.figures import (
    brokerage_matrix_figure,
    brokerage_roles_figure,
    difference_figure,
    network_figure,
    overview_figure,
    structural_holes_figure,
)
from ecosystem.layout import stable_layout
from ecosystem.network import NetworkOptions, build_network, resolve_hub
from ecosystem.service import compare_waves, find_gaps_by_hub, network_summary_table
from ecosystem.survey import Survey

FIGURE_VIEWS: dict[str, str] = {
    "network": "The network of one wave",
    "compare": "Ties gained and lost between two waves",
    "brokerage": "Brokerage roles of the leading brokers",
    "brokerage-matrix": "Brokered links by type of organisation",
    "structural-holes": "Constraint against effective size",
    "gaps": "The network with the organisations of the strongest findings highlighted",
    "overview": "Network measures of every hub and wave",
}
"""Views that export as an image (PNG, SVG or PDF)."""


@dataclass(frozen=True)
class Selection:
    """What an exhibit shows: a wave (or two), the network options, and how to label it."""

    wave: str
    options: NetworkOptions = field(default_factory=NetworkOptions)
    wave_from: str | None = None
    anonymise: bool = False
    title: str | None = None
    source: str = ""

    @property
    def scope(self) -> str:
        return self.options.hub or ALL_HUBS


def describe_filters(options: NetworkOptions) -> str:
    """The tie filters and weighting in words, for captions.

    >>> describe_filters(NetworkOptions(min_frequency=3))
    'ties met monthly or more; weights: frequency; two reports: mean'
    """
    parts = []
    if options.natures:
        parts.append("ties of nature " + ", ".join(NATURES[n].lower() for n in options.natures))
    if options.min_frequency:
        label = FREQUENCY.labels[int(options.min_frequency)].lower()
        parts.append(f"ties met {label} or more")
    if options.min_relevance:
        label = RELEVANCE.labels[int(options.min_relevance)].lower()
        parts.append(f"ties rated {label} or more")
    parts.append(f"weights: {options.weighting}")
    parts.append(f"two reports: {options.reconciliation}")
    return "; ".join(parts) if parts else "all ties"


def _hider(survey: Survey, anonymise: bool) -> Anonymiser:
    return Anonymiser(anonymous_lookup(survey.organisations) if anonymise else {})


def _later_wave(survey: Survey, selection: Selection) -> tuple[str, str]:
    waves = survey.waves
    wave_from = selection.wave_from or waves[0]
    if wave_from == selection.wave:
        raise OptionError("a comparison needs two different waves (--from and --wave or --to)")
    return wave_from, selection.wave


def _labelled(
    figure: go.Figure, selection: Selection, names: Anonymiser, default_title: str
) -> go.Figure:
    """Title, wave, filters and data source on the exhibit itself."""
    title = names.text(selection.title or default_title)
    scope = selection.options.hub or ALL_HUBS
    subtitle = f"{scope}; {describe_filters(selection.options)}"
    if selection.source:
        subtitle += f"; data: {selection.source}"
    return figure.update_layout(title={"text": title, "subtitle": {"text": subtitle}})


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
    illustrative = "illustrative" in selection.source.lower()

    if view == "overview":
        summary = network_summary_table(survey, survey.waves, replace(options, hub=None))
        figure = overview_figure(summary, illustrative=illustrative)
        return _labelled(figure, selection, names, "Network measures of every hub")

    graph = build_network(survey, selection.wave, options)
    table, _ = full_measures(graph)
    # Positions of the unfiltered networks of every wave: the same as the dashboard's.
    unfiltered = replace(options, natures=(), min_frequency=0, min_relevance=0)
    all_waves = [build_network(survey, w, unfiltered) for w in survey.waves]
    positions = names.positions(stable_layout(all_waves))
    shown = names.graph(graph)
    shown_table = names.table(table)

    if view == "network":
        figure = network_figure(shown, positions, size_by=shown_table["betweenness"],
                                measures=shown_table, illustrative=illustrative)  # fmt: skip
        title = f"{scope}, {selection.wave}"
    elif view == "compare":
        wave_from, wave_to = _later_wave(survey, selection)
        before = names.graph(build_network(survey, wave_from, options))
        figure = difference_figure(before, shown, positions, illustrative=illustrative)
        title = f"{scope}: ties gained and lost, {wave_from} to {wave_to}"
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
            survey, selection.options.hub, selection.wave, selection.options
        )
        top = findings.sort_values("score", ascending=False).head(5)
        involved = {n for n in (*top["organisation"], *top["other"]) if n in graph}
        highlight = [names.lookup.get(n, n) for n in involved]
        figure = network_figure(shown, positions, size_by=shown_table["betweenness"],
                                measures=shown_table, highlight=highlight,
                                illustrative=illustrative)  # fmt: skip
        title = f"{scope}, {selection.wave}: organisations in the strongest gaps"
    return _labelled(figure, selection, names, title)


def view_tables(survey: Survey, selection: Selection) -> dict[str, pd.DataFrame]:
    """The tables of a selection, for CSV or one workbook: measures, comparison and gaps."""
    names = _hider(survey, selection.anonymise)
    options = selection.options
    graph = build_network(survey, selection.wave, options)
    table, overall = full_measures(graph)
    tables: dict[str, pd.DataFrame] = {
        "Organisations": names.table(table.reset_index()),
        "Network": overall.rename("value").reset_index(),
        "Gaps": names.table(
            find_gaps_by_hub(survey, selection.options.hub, selection.wave, selection.options)
        ),
    }
    waves: Sequence[str] = survey.waves
    if len(waves) > 1:
        wave_from = selection.wave_from or (waves[0] if waves[0] != selection.wave else waves[1])
        comparison = compare_waves(survey, wave_from, selection.wave, options)
        tables["Tie changes"] = names.table(comparison.ties)
        tables["Organisation changes"] = names.table(comparison.organisation_change.reset_index())
        tables["Network changes"] = comparison.network.reset_index()
        tables["Catalysis"] = names.table(comparison.catalysis)
    return tables
