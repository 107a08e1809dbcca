"""Did each hub catalyse partnerships? Its partners' open pairs, and how many closed.

The programme asked hubs to connect partners who had never worked together (Burt 1992:
structural holes around the hub); :func:`catalysis_figure` shows, hub by hub, how many such
pairs were tied directly by the later wave.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ecosystem.figures.formats import wave_names
from ecosystem.figures.style import (
    FONT_SIZE,
    GAINED_COLOUR,
    TEXT_COLOUR,
    TOP_LEGEND,
    UNCHANGED_COLOUR,
    apply_style,
    message_figure,
)


def catalysis_figure(
    summary: pd.DataFrame,
    title: str | None = None,
    illustrative: bool = False,
    waves: Sequence[str] | None = None,
) -> go.Figure:
    """Did each hub catalyse partnerships? Open pairs of its partners, and how many closed.

    The programme asked hubs to connect partners who had never worked together. For each
    hub, one bar counts the pairs of its partners that were **not** tied to each other in
    the earlier wave (open pairs, structural holes around the hub; Burt 1992); the blue part
    is those tied directly in the later wave, the grey part those still not tied. The label
    at the end reads "closed of open (share)".

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per hub with columns ``hub`` (or the hub as the index), ``open_pairs`` and
        ``closed_pairs``, and optionally ``partners``. Never modified.
    title : str, optional
    illustrative : bool, optional
        Mark the figure "Illustrative data".
    waves : (str, str), optional
        Names of the earlier and later wave for the legend and caption.

    Returns
    -------
    plotly.graph_objects.Figure
        Two stacked horizontal bar traces (``meta["role"]`` ``"closed"`` and
        ``"still-open"``), hubs top to bottom in the table's order, and one annotation per
        hub (``name == "catalysis"``).

    Examples
    --------
    >>> table = pd.DataFrame({"hub": ["Dorset"], "partners": [6], "open_pairs": [17],
    ...                       "closed_pairs": [4]})
    >>> [a.text for a in catalysis_figure(table).layout.annotations if a.name == "catalysis"]
    ['4 of 17 (24%)']
    """
    frame = summary if "hub" in summary.columns else summary.rename_axis("hub").reset_index()
    for column in ("hub", "open_pairs", "closed_pairs"):
        if column not in frame.columns:
            raise ValueError(f"the catalysis table has no column '{column}'")
    first, second = wave_names(waves)
    title = title or "Catalysing partnerships: partners newly tied to each other"
    if frame.empty:
        return message_figure("No hubs to show.", title, illustrative)
    counts = _catalysis_counts(frame)
    hubs = counts.index.tolist()
    fig = go.Figure(_catalysis_bars(counts, (first, second)))
    for hub, row in counts.iterrows():
        fig.add_annotation(
            x=float(row["open"]),
            y=hub,
            text=_closed_share(row),
            xanchor="left",
            xshift=6,
            showarrow=False,
            font={"size": FONT_SIZE - 1, "color": TEXT_COLOUR},
            name="catalysis",
        )
    fig.update_layout(barmode="stack", bargap=0.35, legend={**TOP_LEGEND, "traceorder": "normal"})
    fig.update_xaxes(
        title={"text": f"Pairs of the hub's partners not tied to each other in {first}"},
        range=[0.0, max(float(counts["open"].max()), 1.0) * 1.3],
    )
    fig.update_yaxes(categoryorder="array", categoryarray=hubs[::-1], automargin=True)
    note = (
        f"A hub catalyses partnerships when its partners, not tied to each other in {first}, "
        f"work together directly by {second}. Blue: pairs tied directly in {second}; grey: "
        "pairs still not tied."
    )
    height = int(220 + 46 * len(hubs))
    return apply_style(fig, title=title, height=height, illustrative=illustrative, note=note)


def _catalysis_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Per hub (the index, as text): partners, open pairs, closed pairs and still open."""
    opened = pd.to_numeric(frame["open_pairs"], errors="coerce").fillna(0).to_numpy(float)
    closed = pd.to_numeric(frame["closed_pairs"], errors="coerce").fillna(0).to_numpy(float)
    partners = (
        pd.to_numeric(frame["partners"], errors="coerce").to_numpy(float)
        if "partners" in frame.columns
        else np.full(len(frame), np.nan)
    )
    return pd.DataFrame(
        {
            "partners": partners,
            "open": opened,
            "closed": closed,
            "still": np.clip(opened - closed, 0.0, None),
        },
        index=frame["hub"].astype(str).tolist(),
    )


def _count(value: float) -> str:
    """A count as text: "4", or "2.5" where it is not whole."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:g}"


def _closed_share(row: pd.Series) -> str:
    """ "4 of 17 (24%)", or "no open pairs"."""
    if row["open"] <= 0:
        return "no open pairs"
    return f"{_count(row['closed'])} of {_count(row['open'])} ({row['closed'] / row['open']:.0%})"


def _catalysis_bars(counts: pd.DataFrame, waves: tuple[str, str]) -> list[go.Bar]:
    """Stacked bars: pairs tied in the later wave, then pairs still not tied."""
    first, second = waves
    hubs = counts.index.tolist()
    hover = []
    for hub, row in counts.iterrows():
        lines = [f"<b>{hub}</b>"]
        if np.isfinite(row["partners"]):
            lines.append(f"Partners: {_count(row['partners'])}")
        lines.append(f"Partner pairs not tied in {first}: {_count(row['open'])}")
        lines.append(f"Tied directly in {second}: {_closed_share(row)}")
        hover.append("<br>".join(lines))
    return [
        go.Bar(
            x=counts[column].tolist(),
            y=hubs,
            orientation="h",
            name=name,
            marker={"color": colour, "line": {"width": 0}},
            customdata=hubs,
            hovertext=hover,
            hoverinfo="text",
            meta={"role": role},
        )
        for role, column, colour, name in (
            ("closed", "closed", GAINED_COLOUR, f"Tied directly in {second}"),
            ("still-open", "still", UNCHANGED_COLOUR, "Still not tied"),
        )
    ]
