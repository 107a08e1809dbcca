"""Proposed introductions drawn on a network: a dashed line between the two organisations.

A proposed introduction (a gap finding of kind ``introduction``) is a tie that does not exist
yet, so it is drawn unlike any tie: dashed, in Paul Tol's bright green, which no tie of
:func:`~ecosystem.figures.network_figure` uses, with an entry "Proposed introduction" in the
legend and the reason on hover at the line's middle. :func:`add_introductions` only adds
traces to a figure that :func:`~ecosystem.figures.network_figure` made; it reads the
organisations' positions from that figure's points, so the lines meet the points wherever
the figure placed them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import plotly.graph_objects as go

from ecosystem.figures.style import TOL_BRIGHT

__all__ = ["INTRODUCTION_COLOUR", "INTRODUCTION_NAME", "add_introductions", "node_positions"]

INTRODUCTION_COLOUR: Final = TOL_BRIGHT["green"]
"""The colour of a proposed introduction: Paul Tol's "bright" green (dashed as well, so
colour is never the only cue)."""
INTRODUCTION_NAME: Final = "Proposed introduction"
"""The legend entry of proposed introductions."""


def node_positions(figure: go.Figure) -> dict[str, tuple[float, float]]:
    """Each organisation's ``(x, y)`` as the figure draws it: the points of its traces whose
    ``meta["role"]`` is ``"nodes"``, named by their ``customdata``.

    >>> fig = go.Figure(go.Scatter(x=[0, 1], y=[2, 3], customdata=["A", "B"],
    ...                            meta={"role": "nodes"}))
    >>> node_positions(fig)
    {'A': (0.0, 2.0), 'B': (1.0, 3.0)}
    """
    found: dict[str, tuple[float, float]] = {}
    for trace in figure.data:
        meta = trace.meta if isinstance(trace.meta, Mapping) else {}
        if meta.get("role") != "nodes" or trace.customdata is None:
            continue
        for name, x, y in zip(trace.customdata, trace.x, trace.y, strict=False):
            key = name[0] if isinstance(name, list | tuple) else name
            found[str(key)] = (float(x), float(y))
    return found


def add_introductions(
    figure: go.Figure,
    pairs: Sequence[tuple[str, str]],
    hover: Sequence[str] | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> go.Figure:
    """A copy of a network figure with each pair drawn as a proposed introduction.

    Parameters
    ----------
    figure : plotly.graph_objects.Figure
        A network figure (:func:`~ecosystem.figures.network_figure`). Not modified.
    pairs : sequence of (str, str)
        The two organisations of each introduction; a pair with an organisation the figure
        does not draw (nor ``positions`` places) is left out, and so is a repeated pair.
    hover : sequence of str, optional
        One text per pair, shown on hover at the line's middle (e.g. the finding's reason);
        by default "Introduce A and B".
    positions : mapping, optional
        Organisation -> ``(x, y)`` for organisations the figure's points do not name.

    Returns
    -------
    plotly.graph_objects.Figure
        The figure with two more traces when any pair is drawn: the dashed lines (legend
        "Proposed introduction", ``meta["role"] == "introductions"``, ``meta["pairs"]`` the
        pairs drawn) and invisible hover points at their middles
        (``"introduction-hover"``). Nothing else changes.

    Examples
    --------
    >>> fig = go.Figure(go.Scatter(x=[0, 2], y=[0, 0], customdata=["A", "B"],
    ...                            meta={"role": "nodes"}))
    >>> drawn = add_introductions(fig, [("A", "B"), ("A", "Nowhere")])
    >>> line = drawn.data[1]
    >>> line.name, line.line.dash, list(line.x), drawn.data[2].x
    ('Proposed introduction', 'dash', [0.0, 2.0, None], (1.0,))
    >>> len(fig.data)
    1
    """
    placed = {**node_positions(figure), **dict(positions or {})}
    texts = list(hover) if hover is not None else [f"Introduce {a} and {b}" for a, b in pairs]
    drawn: list[tuple[str, str]] = []
    xs: list[float | None] = []
    ys: list[float | None] = []
    middles: list[tuple[float, float, str]] = []
    for (a, b), text in zip(pairs, texts, strict=True):
        if a not in placed or b not in placed or {a, b} in [set(p) for p in drawn]:
            continue
        (xa, ya), (xb, yb) = placed[a], placed[b]
        drawn.append((a, b))
        xs += [xa, xb, None]
        ys += [ya, yb, None]
        middles.append(((xa + xb) / 2.0, (ya + yb) / 2.0, text))
    result = go.Figure(figure)
    if not drawn:
        return result
    result.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": INTRODUCTION_COLOUR, "width": 2.5, "dash": "dash"},
            hoverinfo="skip",
            name=INTRODUCTION_NAME,
            legendgroup="introductions",
            showlegend=True,
            meta={"role": "introductions", "pairs": [list(pair) for pair in drawn]},
        )
    )
    result.add_trace(
        go.Scatter(
            x=[m[0] for m in middles],
            y=[m[1] for m in middles],
            mode="markers",
            marker={"size": 12, "color": "rgba(0,0,0,0)"},
            hovertext=[m[2] for m in middles],
            hoverinfo="text",
            name=INTRODUCTION_NAME,
            legendgroup="introductions",
            showlegend=False,
            meta={"role": "introduction-hover"},
        )
    )
    return result
