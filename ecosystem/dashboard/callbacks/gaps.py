"""Callbacks of the Gaps view: the findings around a hub, and the one selected on the network."""

from __future__ import annotations

from dash import Dash, Input, Output, html

from ecosystem.analysis.gaps import GAP_TITLES
from ecosystem.dashboard import ids
from ecosystem.dashboard.callbacks.shared import csv_download, fitted, when_open
from ecosystem.dashboard.data import DashboardData
from ecosystem.dashboard.views import gap_columns
from ecosystem.exhibits import Selection
from ecosystem.figures import network_figure


def gap_rows(data: DashboardData, selection: Selection) -> list[dict]:
    """The findings of the chosen hub (or every hub) as grid rows, each with a stable id."""
    findings = data.gaps(selection.wave, selection.options).copy()
    findings.insert(0, "id", [str(i) for i in range(len(findings))])
    findings["title"] = findings["kind"].map(GAP_TITLES)
    return findings.astype(object).where(findings.notna(), None).to_dict("records")


def finding_text(finding: dict | None) -> list:
    """A finding in words (its kind, reason and evidence), or what to do to see one."""
    if not finding:
        return [html.P("Select a finding to highlight its organisations on the network.")]
    return [
        html.Strong(GAP_TITLES.get(finding.get("kind"), finding.get("kind", ""))),
        html.P(finding.get("reason", "")),
        html.Small(f"Evidence: {finding.get('evidence', '')}"),
    ]


def gap_view(data: DashboardData, selection: Selection, finding: dict | None):
    """The selected finding in words, and the network with its organisations highlighted."""
    measured = data.measured(selection.wave, selection.options)
    named = (finding.get("organisation"), finding.get("other")) if finding else ()
    figure = network_figure(
        measured.graph,
        data.positions(selection.options.hub),
        size_by=measured.organisations["betweenness"],
        highlight=[name for name in named if name and name in measured.graph],
        measures=measured.organisations,
        title=f"{selection.scope}, {selection.wave}",
        illustrative=data.illustrative,
        label_limit=20,
    ).update_layout(showlegend=False)
    return finding_text(finding), fitted(figure)


def register(app: Dash, data: DashboardData) -> None:
    """The findings fill the grid when the view opens; a selected one shows on the network."""
    grid = [Output(ids.GAPS_GRID, p) for p in ("rowData", "columnDefs", "selectedRows")]

    @when_open(app, ids.TAB_GAPS, grid)
    def _gap_rows(selection):
        every_hub = selection.options.hub is None
        return gap_rows(data, selection), gap_columns(every_hub), []

    @when_open(
        app,
        ids.TAB_GAPS,
        [Output(ids.GAPS_SELECTED, "children"), Output(ids.GAPS_GRAPH, "figure")],
        Input(ids.GAPS_GRID, "selectedRows"),
    )
    def _gap_selected(selection, selected):
        return gap_view(data, selection, selected[0] if selected else None)

    csv_download(
        app,
        ids.GAPS_DOWNLOAD_BUTTON,
        ids.GAPS_DOWNLOAD,
        "gaps",
        lambda selection: data.gaps(selection.wave, selection.options),
    )
