"""Callbacks of the Organisations view: every measure of every organisation, and its CSV."""

from __future__ import annotations

import pandas as pd
from dash import Dash, Output, html

from ecosystem.codebook import type_label
from ecosystem.dashboard import ids
from ecosystem.dashboard.callbacks.robustness import (
    MARKS,
    measure_figures,
    verdict_line,
    verdicts,
)
from ecosystem.dashboard.callbacks.shared import csv_download, when_open
from ecosystem.dashboard.data import DashboardData
from ecosystem.glossary import MEASURES, measure_label
from ecosystem.service import Selection
from ecosystem.service.measures import with_short_name_column

GRID_HEADERS = {
    "wave": "Wave",
    "short_name": "Short name",
    "type": "Type",
    "hubs": "Hub(s)",
    "responded": "Answered",
}
"""Headers of the grid's columns that are not measures (measures take the glossary's label)."""

DECIMALS = {"function": "params.value == null ? '–' : d3.format('.3f')(params.value)"}
"""Measures to three places; a missing value as a dash."""


def grid_column(table: pd.DataFrame, column: str) -> dict:
    """One column of the organisations grid: its header, width, format and filter."""
    # Widths set on every column: a grid updated while its tab is hidden would
    # otherwise squash the columns it cannot measure.
    text = pd.api.types.is_string_dtype(table[column]) or table[column].dtype == object
    definition: dict = {
        "field": column,
        "headerName": GRID_HEADERS.get(column, measure_label(column)),
        "width": 170 if text else 140,
        "minWidth": 110,
    }
    if column in MEASURES:
        definition["headerTooltip"] = MEASURES[column].explanation
    if text:  # names, types and hubs wrap whole, never cut with "…"
        definition.update(wrapText=True, autoHeight=True)
    if column == "organisation":
        definition.update(pinned="left", headerName="Organisation", width=260, minWidth=200)
    if pd.api.types.is_float_dtype(table[column]):
        definition.update(valueFormatter=DECIMALS, filter="agNumberColumnFilter")
    elif pd.api.types.is_integer_dtype(table[column]):
        definition["filter"] = "agNumberColumnFilter"
    return definition


def organisation_grid(data: DashboardData, selection: Selection) -> tuple[list[dict], list[dict]]:
    """Row data and column definitions of the organisations grid: a measure that is not
    robust under further non-response says so in its header ("(fragile)", "(check)"), and
    its tooltip gives the figures behind the verdict."""
    table = organisations_export(data, selection)
    robustness = data.robustness(selection.wave, selection.options)
    found = verdicts(robustness)
    columns = []
    for column in table.columns:
        definition = grid_column(table, column)
        if robustness is not None and column in found:
            mark = MARKS.get(found[column])
            if mark:
                definition["headerName"] += f" ({mark})"
            tooltip = definition.get("headerTooltip", "")
            definition["headerTooltip"] = f"{tooltip} {measure_figures(robustness, column)}".strip()
        columns.append(definition)
    records = table.astype(object).where(table.notna(), None).to_dict("records")
    return records, columns


def trust_line(data: DashboardData, selection: Selection) -> html.P | None:
    """The line above the grid: the response rate and each measure's verdict."""
    return verdict_line(data.robustness(selection.wave, selection.options))


def organisations_export(data: DashboardData, selection: Selection) -> pd.DataFrame:
    """The organisation table as people read it: short names, type labels, one row per
    organisation."""
    measured = data.measured(selection.wave, selection.options)
    table = with_short_name_column(measured.organisations, measured.graph).reset_index()
    table["type"] = table["type"].map(type_label)
    table.insert(0, "wave", selection.wave)
    return table


def register(app: Dash, data: DashboardData) -> None:
    """The grid fills when the view opens and follows the selection; the CSV downloads it."""
    grid = [
        Output(ids.ORGANISATIONS_GRID, "rowData"),
        Output(ids.ORGANISATIONS_GRID, "columnDefs"),
        Output(ids.ORGANISATIONS_ROBUSTNESS, "children"),
    ]

    @when_open(app, ids.TAB_ORGANISATIONS, grid)
    def _grid(selection):
        return *organisation_grid(data, selection), trust_line(data, selection)

    csv_download(
        app,
        data,
        ids.ORGANISATIONS_DOWNLOAD_BUTTON,
        ids.ORGANISATIONS_DOWNLOAD,
        "organisations",
        lambda selection: organisations_export(data, selection),
    )
