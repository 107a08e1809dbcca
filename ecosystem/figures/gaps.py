"""The gaps exhibit: the network with the findings it shows listed under the picture.

A picture of highlighted organisations does not say what the gap is, so the exported Gaps
view lists its findings below the network, one a row: the number and kind of finding on the
left, what to do on the right (one sentence naming the organisations,
:func:`ecosystem.analysis.gaps.strongest_actions`), and draws the proposed introductions
among them dashed (:func:`~ecosystem.figures.introductions.add_introductions`).

The list is text in the figure itself (annotations in the plot's own coordinates), so PNG,
SVG and PDF show it alike. Plotly does not wrap annotation text, so each cell is wrapped
here to a number of characters chosen for the export width, and the figure is made taller
by exactly the list's height, which is counted in lines: the network keeps its size and no
row can run into the next or off the page.
"""

from __future__ import annotations

import textwrap
from typing import Final

import pandas as pd
import plotly.graph_objects as go

from ecosystem.analysis.gaps import GAP_TITLES
from ecosystem.figures.introductions import add_introductions
from ecosystem.figures.style import FONT_SIZE, NETWORK_HEIGHT, TEXT_COLOUR

__all__ = [
    "EXPORTED_FINDINGS",
    "FINDINGS_HEADING",
    "LIST_FONT_SIZE",
    "list_rows",
    "with_findings_listed",
]

EXPORTED_FINDINGS: Final = 8
"""How many findings the exported Gaps view shows and lists: the strongest of each kind
first (:func:`ecosystem.analysis.gaps.interleaved`)."""

FINDINGS_HEADING: Final = "What to do: the strongest findings of each kind first"
"""The heading of the list of findings under the picture."""
LIST_FONT_SIZE: Final = FONT_SIZE - 1
LINE_HEIGHT: Final = 17
"""Pixels per line of the list: plotly sets a line 1.3 font sizes apart (15.6 px), plus room."""
ROW_GAP: Final = 8
HEADING_HEIGHT: Final = 30
KIND_CHARACTERS: Final = 24
"""Characters per line of the left column (the kind), at the export width."""
ACTION_CHARACTERS: Final = 78
"""Characters per line of the right column (what to do), at the export width: about 6.5 px
a character of Arial at 12 px leaves room to spare beside a legend."""
ACTION_X: Final = 0.27
"""Where the right column starts, as a share of the plot's width."""


def list_rows(findings: pd.DataFrame) -> list[tuple[list[str], list[str]]]:
    """Each finding as its two wrapped cells: "1. kind" and what to do, as lines of text.

    ``findings`` needs the columns ``kind`` and ``action``
    (:func:`~ecosystem.analysis.gaps.strongest_actions`).

    >>> rows = list_rows(pd.DataFrame({"kind": ["fragile"], "action": ["Act now."]}))
    >>> rows
    [(['1. Partners hanging on', 'one tie'], ['Act now.'])]
    """
    rows = []
    for number, finding in enumerate(findings.itertuples(index=False), start=1):
        kind = f"{number}. {GAP_TITLES.get(finding.kind, finding.kind)}"
        rows.append(
            (
                textwrap.wrap(kind, KIND_CHARACTERS),
                textwrap.wrap(str(finding.action), ACTION_CHARACTERS) or [""],
            )
        )
    return rows


def _introductions(figure: go.Figure, findings: pd.DataFrame) -> go.Figure:
    """The figure with the introductions among ``findings`` drawn dashed."""
    introductions = findings[findings["kind"] == "introduction"]
    pairs = list(zip(introductions["organisation"], introductions["other"], strict=True))
    return add_introductions(figure, pairs, hover=list(introductions["action"]))


def with_findings_listed(figure: go.Figure, findings: pd.DataFrame) -> go.Figure:
    """A copy of a network figure with ``findings`` listed under the picture and their
    proposed introductions drawn dashed.

    Parameters
    ----------
    figure : plotly.graph_objects.Figure
        A network figure (:func:`~ecosystem.figures.network_figure`). Not modified.
    findings : pandas.DataFrame
        The findings shown, in order, with ``kind``, ``organisation``, ``other`` and
        ``action`` (:func:`~ecosystem.analysis.gaps.strongest_actions`).

    Returns
    -------
    plotly.graph_objects.Figure
        Taller by the list's height; the network's y axis keeps the top part, and the list
        (a heading, then one row per finding; annotations named ``"finding"``) fills the
        part below it. Without findings, the figure unchanged but for a line saying so.
    """
    result = _introductions(figure, findings)
    rows = list_rows(findings)
    heights = [LINE_HEIGHT * max(len(kind), len(action)) + ROW_GAP for kind, action in rows]
    listed = HEADING_HEIGHT + sum(heights) + (0 if rows else LINE_HEIGHT)
    margin = result.layout.margin
    height = int(result.layout.height or NETWORK_HEIGHT)
    plot = height - (margin.t or 0) - (margin.b or 0) + listed
    result.update_layout(height=height + listed)
    result.update_yaxes(domain=[listed / plot, 1.0])

    def cell(text: str, x: float, top: float, name: str, bold: bool = False) -> None:
        result.add_annotation(
            text=f"<b>{text}</b>" if bold else text,
            xref="paper", yref="paper", x=x, y=(listed - top) / plot,
            xanchor="left", yanchor="top", align="left", showarrow=False,
            font={"size": LIST_FONT_SIZE, "color": TEXT_COLOUR}, name=name,
        )  # fmt: skip

    heading = FINDINGS_HEADING if rows else "No gaps found for this selection."
    cell(heading, 0.0, 4, "findings-heading", bold=True)
    top = HEADING_HEIGHT
    for (kind, action), row_height in zip(rows, heights, strict=True):
        cell("<br>".join(kind), 0.0, top, "finding", bold=True)
        cell("<br>".join(action), ACTION_X, top, "finding")
        top += row_height
    return result
