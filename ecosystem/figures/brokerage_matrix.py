"""The brokerage matrix: brokered two-paths by the organisation types they connect.

A heatmap on the colour-blind-safe "Cividis" scale, each cell counting the open two-paths
a -> broker -> c from one type to another; types take their codebook labels.

References
----------
Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation. *Sociological
Methodology* 19, 89-126 (brokerage roles).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ecosystem.codebook import type_label
from ecosystem.figures.formats import wrap
from ecosystem.figures.style import HEATMAP_SCALE, NOTE_SIZE, apply_style, message_figure

__all__ = ["brokerage_matrix_figure"]


def brokerage_matrix_figure(
    matrix: pd.DataFrame,
    title: str = "Brokerage between organisation types",
    illustrative: bool = False,
) -> go.Figure:
    """A heatmap of brokered two-paths by the types they connect, with counts in the cells.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Rows: the type of the organisation the two-path starts from; columns: the type it
        reaches; values: counts of open two-paths a -> broker -> c (Gould and Fernandez
        1989) with a of the row's type and c of the column's. Index and columns are type
        keys, shown with their codebook labels.
    title : str, optional
    illustrative : bool, optional
        Mark the figure "Illustrative data".

    Returns
    -------
    plotly.graph_objects.Figure
        One ``go.Heatmap`` whose ``z`` equals the matrix (rows top to bottom), on the
        colour-blind-safe "Cividis" scale.
    """
    if matrix.empty:
        return message_figure("No brokered ties to show.", title, illustrative)
    values = matrix.to_numpy(dtype=float)
    whole = bool(np.all(np.isnan(values) | (values == np.round(values))))
    z = [[None if math.isnan(v) else (int(v) if whole else v) for v in row] for row in values]
    small = whole and bool(np.nanmax(values, initial=0.0) <= 8)
    columns = [type_label(c) for c in matrix.columns]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=columns,
            y=[type_label(i) for i in matrix.index],
            colorscale=HEATMAP_SCALE,
            texttemplate="%{z}" if whole else "%{z:.2f}",
            hovertemplate="From %{y}<br>to %{x}<br>Brokered two-paths: %{z}<extra></extra>",
            colorbar={"title": {"text": "Two-paths"}, **({"dtick": 1} if small else {})},
            xgap=1,
            ygap=1,
            meta={"role": "matrix"},
        )
    )
    fig.update_xaxes(
        title={"text": "To (type of the organisation reached)"},
        tickmode="array",
        tickvals=columns,
        ticktext=[wrap(c, 11) for c in columns],
        tickangle=0,
        tickfont={"size": NOTE_SIZE},
        side="bottom",
    )
    fig.update_yaxes(
        title={"text": "From (type of the organisation at the start)"}, autorange="reversed"
    )
    return apply_style(
        fig,
        title=title,
        height=int(200 + 44 * len(matrix.index)),
        illustrative=illustrative,
        note="Each count is an open two-path a → broker → c: no direct tie from a to c.",
        bottom=130,
    )
