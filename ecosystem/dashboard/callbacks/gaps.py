"""Callbacks of the Gaps view: the summary and the findings around a hub, and the one
selected on the network, with the strongest proposed introductions drawn dashed."""

from __future__ import annotations

import pandas as pd
from dash import Dash, Input, Output, html

from ecosystem.dashboard import ids
from ecosystem.dashboard.callbacks.shared import csv_download, fitted, when_open
from ecosystem.dashboard.data import DashboardData
from ecosystem.dashboard.views import gap_columns
from ecosystem.dashboard.views.gaps import gap_summary
from ecosystem.figures import add_introductions, network_figure
from ecosystem.service import Selection
from ecosystem.service.measures import interleaved, kind_counts, strongest_actions
from ecosystem.service.words import GAP_DETAILS, GAP_TITLES


def gap_rows(data: DashboardData, selection: Selection) -> list[dict]:
    """The findings of the chosen hub (or every hub) as grid rows, in rounds across kinds
    (each kind's strongest first, :func:`~ecosystem.analysis.gaps.interleaved`), each with a
    stable id."""
    rows = interleaved(data.gaps(selection.wave, selection.options))
    rows.insert(0, "id", [str(i) for i in range(len(rows))])
    rows["title"] = rows["kind"].map(GAP_TITLES)
    return rows.astype(object).where(rows.notna(), None).to_dict("records")


def finding_text(finding: dict | None) -> list:
    """A finding in words (its kind and reason), with the technical evidence (scores, answer
    codes, link-prediction indices) behind a "Details" disclosure, closed until opened."""
    if not finding:
        return [html.P("Select a finding to highlight its organisations on the network.")]
    score = finding.get("score")
    details = [html.P(f"Evidence: {finding.get('evidence', '')}")]
    if score is not None:
        variant = GAP_DETAILS.get(finding.get("detail", ""), finding.get("detail") or "")
        details.append(
            html.P(f"{variant}. Score {score:.2f} (compared only with findings of its kind).")
        )
    return [
        html.Strong(GAP_TITLES.get(finding.get("kind", ""), finding.get("kind", ""))),
        html.P(finding.get("reason", "")),
        html.Details(
            [html.Summary("Details: Evidence and score"), *details], className="finding-details"
        ),
    ]


def introductions_to_draw(findings: pd.DataFrame, finding: dict | None) -> pd.DataFrame:
    """The proposed introductions to draw: those among the strongest actions, and the
    selected finding when it is one (columns ``organisation``, ``other``, ``text``)."""
    top = strongest_actions(findings)
    top = top[top["kind"] == "introduction"]
    drawn = pd.DataFrame(
        {"organisation": top["organisation"], "other": top["other"], "text": top["action"]}
    )
    if finding and finding.get("kind") == "introduction":
        chosen = {"organisation": finding["organisation"], "other": finding["other"],
                  "text": finding.get("reason", "")}  # fmt: skip
        drawn = pd.concat([pd.DataFrame([chosen]), drawn], ignore_index=True)
    return drawn


def gap_view(data: DashboardData, selection: Selection, finding: dict | None):
    """The selected finding in words, and the network with its organisations highlighted and
    the proposed introductions dashed."""
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
    drawn = introductions_to_draw(data.gaps(selection.wave, selection.options), finding)
    pairs = list(zip(drawn["organisation"], drawn["other"], strict=True))
    figure = add_introductions(figure, pairs, hover=list(drawn["text"]))
    return finding_text(finding), fitted(figure)


def register(app: Dash, data: DashboardData) -> None:
    """The summary and findings fill the view when it opens; a selected finding shows on the
    network."""
    grid = [Output(ids.GAPS_GRID, p) for p in ("rowData", "columnDefs", "selectedRows")]

    @when_open(app, ids.TAB_GAPS, [*grid, Output(ids.GAPS_SUMMARY, "children")])
    def _gap_rows(selection):
        findings = data.gaps(selection.wave, selection.options)
        every_hub = selection.options.hub is None
        summary = gap_summary(kind_counts(findings), strongest_actions(findings))
        return gap_rows(data, selection), gap_columns(every_hub), [], summary

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
        data,
        ids.GAPS_DOWNLOAD_BUTTON,
        ids.GAPS_DOWNLOAD,
        "gaps",
        lambda selection: data.gaps(selection.wave, selection.options),
    )
