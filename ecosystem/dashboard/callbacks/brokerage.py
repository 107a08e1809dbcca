"""Callbacks of the Brokerage view: roles with z-scores, brokered links by type, holes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, Output, html

from ecosystem.codebook import type_label, type_order
from ecosystem.dashboard import ids
from ecosystem.dashboard.callbacks.shared import html_table, when_open
from ecosystem.dashboard.data import DashboardData
from ecosystem.figures import (
    brokerage_matrix_figure,
    brokerage_roles_figure,
    structural_holes_figure,
)
from ecosystem.glossary import measure_label
from ecosystem.service import Selection
from ecosystem.service.measures import ROLES, brokerage_type_matrix


def brokerage_role_table(table: pd.DataFrame, expectations: pd.DataFrame) -> pd.DataFrame:
    """Each broker's role counts with their z-scores, as "count (z)", most brokerage first."""
    brokers = table[table["brokerage"] > 0].sort_values("brokerage", ascending=False)
    shown = pd.DataFrame(
        {"Organisation": brokers.index, "Type": brokers["type"].map(type_label).to_numpy()}
    )
    for role in ROLES:
        counts = brokers[role].to_numpy()
        z = expectations.loc[brokers.index, f"{role}_z"].to_numpy()
        shown[measure_label(role)] = [
            f"{count}" if pd.isna(score) else f"{count} ({score:+.1f})"
            for count, score in zip(counts, z, strict=True)
        ]
    shown[measure_label("brokerage")] = brokers["brokerage"].to_numpy()
    return shown


def broker_type_choices(table: pd.DataFrame) -> list[dict]:
    """The types of organisation in the network, in the codebook's order, to choose brokers by."""
    return [{"label": type_label(t), "value": t} for t in type_order(table["type"])]


def brokerage_views(
    data: DashboardData, selection: Selection, broker_type: str | None
) -> tuple[go.Figure, html.Table, list[dict], go.Figure, go.Figure]:
    """Roles (figure and top-25 table), broker-type choices, the type matrix, holes."""
    measured = data.measured(selection.wave, selection.options)
    table = measured.organisations
    expectations = data.expectations(selection.wave, selection.options)
    roles = brokerage_role_table(table, expectations)
    matrix = brokerage_type_matrix(measured.graph, broker_type=broker_type or None)
    who = f"{type_label(broker_type)} brokers" if broker_type else "every broker"
    return (
        brokerage_roles_figure(table, illustrative=data.illustrative),
        html_table(roles.head(25), "brokerage-table", "Roles: count (z-score), top 25 brokers"),
        broker_type_choices(table),
        brokerage_matrix_figure(
            matrix,
            title=f"Brokered links by type, through {who}",
            illustrative=data.illustrative,
        ),
        structural_holes_figure(table, illustrative=data.illustrative),
    )


def register(app: Dash, data: DashboardData) -> None:
    """The view is computed when it is opened, and follows the selection and broker type."""

    @when_open(
        app,
        ids.TAB_BROKERAGE,
        [
            Output(ids.BROKERAGE_ROLES_GRAPH, "figure"),
            Output(ids.BROKERAGE_ROLES_TABLE, "children"),
            Output(ids.BROKERAGE_BROKER_SELECT, "options"),
            Output(ids.BROKERAGE_MATRIX_GRAPH, "figure"),
            Output(ids.STRUCTURAL_HOLES_GRAPH, "figure"),
        ],
        Input(ids.BROKERAGE_BROKER_SELECT, "value"),
    )
    def _brokerage(selection, broker_type):
        return brokerage_views(data, selection, broker_type)
