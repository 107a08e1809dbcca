"""The brokerage roles chart: the five Gould-Fernandez roles of the leading brokers, stacked.

Roles take their glossary labels (:func:`ecosystem.glossary.measure_label`) and colours of
their own (:data:`ecosystem.figures.style.ROLE_COLOURS`).

References
----------
Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation. *Sociological
Methodology* 19, 89-126 (brokerage roles).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ecosystem.analysis.brokerage import ROLES
from ecosystem.figures.style import (
    ROLE_COLOURS,
    ROLE_LABELS,
    ROLE_MEANINGS,
    TOP_LEGEND,
    apply_style,
    message_figure,
)

__all__ = ["brokerage_roles_figure"]


def brokerage_roles_figure(
    table: pd.DataFrame,
    top: int = 15,
    title: str | None = None,
    illustrative: bool = False,
) -> go.Figure:
    """Stacked bars of the five Gould-Fernandez brokerage roles for the leading brokers.

    Parameters
    ----------
    table : pandas.DataFrame
        Organisation-indexed, with the integer columns ``coordinator``, ``gatekeeper``,
        ``representative``, ``consultant`` and ``liaison``
        (:func:`ecosystem.analysis.brokerage.brokerage_roles`, or
        :func:`ecosystem.analysis.tables.organisation_table`).
    top : int, optional
        How many organisations to show: those with the most brokered two-paths in all
        roles (ties broken by name); organisations that broker nothing are left out.
    title : str, optional
    illustrative : bool, optional
        Mark the figure "Illustrative data".

    Returns
    -------
    plotly.graph_objects.Figure
        One horizontal bar trace per role, stacked; the leading broker at the top. Roles
        take their glossary labels (:func:`ecosystem.glossary.measure_label`).
    """
    missing = [role for role in ROLES if role not in table.columns]
    if missing:
        raise ValueError(f"the table has no column '{missing[0]}' (a brokerage role)")
    counts = table[list(ROLES)].apply(pd.to_numeric, errors="coerce").fillna(0)
    totals = counts.sum(axis=1)
    order = sorted(
        (name for name in counts.index if totals[name] > 0),
        key=lambda name: (-totals[name], str(name)),
    )[: max(top, 0)]
    title = title or f"Brokerage roles: the {len(order)} leading brokers"
    if not order:
        return message_figure("No organisation brokers a tie in this network.", title, illustrative)
    fig = go.Figure([_role_bars(counts, order, role) for role in ROLES])
    fig.update_layout(barmode="stack", legend={**TOP_LEGEND, "traceorder": "normal"})
    fig.update_xaxes(title={"text": "Brokered two-paths"}, rangemode="tozero")
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=[str(name) for name in reversed(order)],
        automargin=True,
    )
    return apply_style(
        fig,
        title=title,
        height=int(220 + 28 * len(order)),
        illustrative=illustrative,
        note="Roles (Gould and Fernandez 1989) by organisation type: "
        + "; ".join(f"{ROLE_LABELS[r].lower()} {ROLE_MEANINGS[r]}" for r in ROLES)
        + ".",
    )


def _role_bars(counts: pd.DataFrame, order: list, role: str) -> go.Bar:
    """One role's counts for the organisations in ``order``, as horizontal bars."""
    return go.Bar(
        x=[float(counts.loc[name, role]) for name in order],
        y=[str(name) for name in order],
        orientation="h",
        name=ROLE_LABELS[role],
        marker={"color": ROLE_COLOURS[role], "line": {"width": 0}},
        customdata=[str(name) for name in order],
        hovertemplate=(
            f"%{{y}}<br>{ROLE_LABELS[role]} ({ROLE_MEANINGS[role]}): %{{x:.0f}}<extra></extra>"
        ),
        meta={"role": role},
    )
