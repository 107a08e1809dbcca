"""The hubs' three core functions side by side: one small chart per function.

The programme's evaluation found the hubs' value in three core functions: central
coordination, information dissemination and catalysing partnerships
(:mod:`ecosystem.analysis.functions`). :func:`functions_figure` draws each hub's indicators
of each function as dumbbells, as the other charts of change do: an open circle at the
earlier wave's value, a filled dot at the later one's, blue where it rose and red where it
fell (the dot's side of the line says the same without colour). Shares are drawn from 0% to
100% and the partners' E-I index from -1 to +1, so hubs and waves compare by eye.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ecosystem.analysis.functions import FUNCTIONS
from ecosystem.figures.change import _after_dots, _before_dots, _change_line
from ecosystem.figures.style import MARGIN, TEXT_COLOUR, TOP_LEGEND, apply_style, message_figure
from ecosystem.glossary import measure_label

__all__ = ["FUNCTION_PANELS", "functions_figure", "functions_text"]

FUNCTION_PANELS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("coordination", ("direct_share", "brokerage_share")),
    ("dissemination", ("reach_1", "reach_2", "information_share")),
    ("catalysing", ("catalysed_share",)),
    ("catalysing", ("partner_ei",)),
)
"""The panels of :func:`functions_figure`, top to bottom, and the indicators each draws
(the betweenness rank is a rank, not a share: the table and the hover text give it). The
catalysing partnerships share a row: the share of pairs tied, and the partners' E-I index."""

ROW: Final = 20
"""Pixels per hub and indicator (and per indicator's heading)."""
GAP: Final = 90
"""Pixels between two panels: the upper one's axis title and the lower one's title."""
LEGEND_LIFT: Final = 30
"""Pixels between the top of the first panel and the foot of the legend (its title between)."""
LEGEND_ROOM: Final = 50
"""Pixels the top margin grows by, so the legend (two rows at most) clears the title."""
_FIGURE_COLUMNS: Final = ("hub", "function", "indicator", "before", "value", "change")


def _share(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.0%}"


def _index(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:+.2f}".replace("+0.00", "0.00")


def _written(key: str, value: float) -> str:
    """A value as the findings write it: shares as percentages, the E-I index signed."""
    return _index(value) if key == "partner_ei" else _share(value)


def _hover(key: str, row: pd.Series, waves: tuple[str, str]) -> str:
    """One hub's indicator in words: both waves, the change and its interval where there is
    one."""
    first, second = waves
    lines = [f"<b>{row['hub']}</b>", measure_label(key)]
    if math.isnan(row["before"]):
        lines.append(f"{second}: {_written(key, row['value'])}")
    else:
        lines.append(
            f"{first}: {_written(key, row['before'])} → {second}: {_written(key, row['value'])}"
        )
    low, high = row.get("low", math.nan), row.get("high", math.nan)
    if not (math.isnan(low) or math.isnan(high)):
        lines.append(f"95% interval of the change: {low * 100:+.0f} to {high * 100:+.0f} points")
    if "rank" in row and not math.isnan(row["rank"]) and key == "direct_share":
        lines.append(f"Betweenness rank: {row['rank']:.0f}")
    return "<br>".join(lines)


def _direction(row: pd.Series) -> str:
    """'higher', 'lower', 'same', or 'value' where there is no earlier value to compare."""
    if math.isnan(row["before"]) or math.isnan(row["value"]):
        return "value"
    change = row["value"] - row["before"]
    return "higher" if change > 1e-12 else "lower" if change < -1e-12 else "same"


def _panel_rows(
    table: pd.DataFrame, function: str, keys: Sequence[str], hubs: list[str], headed: bool
) -> pd.DataFrame:
    """The rows a panel draws, top to bottom, with their place ``y`` and tick label: for each
    indicator a heading (where ``headed``), then each hub."""
    label = FUNCTIONS[function]
    rows, y = [], 0
    for key in keys:
        if headed:
            rows.append({"key": key, "y": y, "tick": f"<b>{measure_label(key)}</b>"})
            y -= 1
        for hub in hubs:
            found = table[
                (table["hub"] == hub)
                & (table["function"] == label)
                & (table["indicator"] == measure_label(key))
            ]
            values = found.iloc[0].to_dict() if not found.empty else {"value": math.nan}
            rows.append({**values, "key": key, "y": y, "tick": hub})
            y -= 1
    return pd.DataFrame(rows)


def _dumbbells(rows: pd.DataFrame, waves: tuple[str, str], shown: set[str]) -> list[go.Scatter]:
    """The panel's dumbbells: lines by direction, the earlier values, the later by direction.

    Legend entries are shown once per kind across panels: ``shown`` collects those shown.
    """
    first, second = waves
    data = rows.dropna(subset=["value"]).copy()
    if data.empty:
        return []
    data["direction"] = [_direction(row) for _, row in data.iterrows()]
    data["hover"] = [_hover(row["key"], row, waves) for _, row in data.iterrows()]
    traces: list[go.Scatter] = []
    changed = data[data["direction"].isin(["higher", "lower", "same"])]
    for direction in ("higher", "lower"):
        part = changed[changed["direction"] == direction]
        xs = [x for b, a in zip(part["before"], part["value"], strict=True) for x in (b, a, None)]
        ys = [y for y in part["y"] for y in (y, y, None)]
        traces.append(_change_line(xs, ys, direction, meta={"role": "change-line"}))
    if not changed.empty:
        traces.append(
            _before_dots(
                changed["before"].tolist(), changed["y"].tolist(), hovertext=changed["hover"],
                name=first, legendgroup="before", showlegend="before" not in shown,
                meta={"role": "before"},
            )
        )  # fmt: skip
        shown.add("before")
    for direction, words in (("higher", "higher"), ("lower", "lower"), ("same", "no change"),
                             ("value", "no earlier value")):  # fmt: skip
        part = data[data["direction"] == direction]
        if part.empty:
            continue
        name = (f"{second}: {words}" if direction == "higher" else words) if first else second
        colour = "same" if direction == "value" else direction
        dots = _after_dots(
            part["value"].tolist(), part["y"].tolist(), colour, hovertext=part["hover"],
            customdata=part["hub"].tolist(), name=name, legendgroup=direction,
            showlegend=direction not in shown, meta={"role": "after", "direction": direction},
        )  # fmt: skip
        if direction == "value":
            dots.marker.color = TEXT_COLOUR
        traces.append(dots)
        shown.add(direction)
    return traces


def _layout_panel(fig: go.Figure, rows: pd.DataFrame, place: dict, key: str, ticks: bool) -> None:
    """One panel's axes: the full scale of its indicator, each row's tick label."""
    bounds = (-1.0, 1.0) if key == "partner_ei" else (0.0, 1.0)
    pad = 0.04 * (bounds[1] - bounds[0])
    fig.update_xaxes(
        range=[bounds[0] - pad, bounds[1] + pad], showgrid=True, zeroline=key == "partner_ei",
        tickformat="+.1f" if key == "partner_ei" else ".0%", **place,
    )  # fmt: skip
    top, bottom = float(rows["y"].max()), float(rows["y"].min())
    fig.update_yaxes(
        tickmode="array", tickvals=rows["y"].tolist(), ticktext=rows["tick"].tolist(),
        range=[bottom - 0.7, top + 0.7], showticklabels=ticks, showgrid=False, automargin=True,
        **place,
    )  # fmt: skip


def _x_title(function: str, keys: Sequence[str]) -> str:
    if function == "catalysing":
        key = keys[0]
        return measure_label(key)
    return "Share (0% to 100%)"


def functions_figure(
    table: pd.DataFrame,
    title: str | None = None,
    illustrative: bool = False,
    waves: Sequence[str | None] | None = None,
) -> go.Figure:
    """The hubs' three core functions side by side: one small chart per function.

    Central coordination (direct ties, share of brokerage), information dissemination (reach
    in one and two steps, information ties) and, between two waves, catalysing partnerships
    (the share of the partners' open pairs tied, and the partners' E-I index). Each hub's
    indicator is a dumbbell from the earlier wave's value (open circle) to the later's
    (filled dot); with one wave, or for the partnerships catalysed (a share of the change
    itself), a dot alone.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`ecosystem.service.functions_table`: one row per hub and indicator, with
        ``hub``, ``function`` and ``indicator`` (their labels), ``before``, ``value``,
        ``change`` and optionally ``low`` and ``high``. Never modified.
    title : str, optional
    illustrative : bool, optional
        Mark the figure "Illustrative data".
    waves : (str or None, str), optional
        The earlier wave (None for one wave) and the later wave, for the legend and caption.

    Returns
    -------
    plotly.graph_objects.Figure
        One panel per function (catalysing partnerships in two, side by side); traces with
        ``meta["role"]`` ``"change-line"``, ``"before"`` and ``"after"``, the later dots'
        ``customdata`` the hubs.

    Examples
    --------
    >>> table = pd.DataFrame({"hub": ["Dorset"], "function": ["Central coordination"],
    ...     "indicator": ["Direct ties"], "before": [0.5], "value": [0.75], "change": [0.25]})
    >>> fig = functions_figure(table, waves=("W1", "W2"))
    >>> [(t.meta["direction"], list(t.x)) for t in fig.data if t.meta["role"] == "after"]
    [('higher', [0.75])]
    """
    missing = [c for c in _FIGURE_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"the core functions table has no column '{missing[0]}'")
    first, second = waves if waves is not None else (None, "Later wave")
    title = title or "The hubs' three core functions"
    hubs = list(dict.fromkeys(table["hub"].astype(str)))
    if not hubs:
        return message_figure("No hub with an organisation of type hub to show.", title,
                              illustrative)  # fmt: skip
    frame = _with_rank(table)
    panels = [
        (function, keys)
        for function, keys in FUNCTION_PANELS
        if function != "catalysing" or first is not None
    ]
    return _draw(frame, panels, hubs, (first or "", str(second)), title, illustrative)


def _with_rank(table: pd.DataFrame) -> pd.DataFrame:
    """The table with each hub's betweenness rank beside its rows, for the hover text."""
    frame = table.copy()
    numbers = ["before", "value", "change", *[c for c in ("low", "high") if c in frame]]
    frame[numbers] = frame[numbers].astype(float)
    ranks = frame[frame["indicator"] == measure_label("betweenness_rank")]
    frame["rank"] = frame["hub"].map(dict(zip(ranks["hub"], ranks["value"], strict=True)))
    frame["rank"] = frame["rank"].astype(float)
    return frame


def _draw(
    frame: pd.DataFrame,
    panels: list[tuple[str, tuple[str, ...]]],
    hubs: list[str],
    waves: tuple[str, str],
    title: str,
    illustrative: bool,
) -> go.Figure:
    """The panels on a grid: coordination and dissemination across the page, catalysing
    partnerships as two charts side by side beneath them."""
    full = [p for p in panels if p[0] != "catalysing"]
    units = [len(keys) * (len(hubs) + 1) for _, keys in full]
    if len(panels) > len(full):
        units.append(len(hubs))
    heights = [ROW * u for u in units]
    plot = sum(heights) + GAP * (len(heights) - 1)
    specs = [[{"colspan": 2}, None] for _ in full] + ([[{}, {}]] if len(units) > len(full) else [])
    titles = [FUNCTIONS[f] for f, _ in full] + (
        [FUNCTIONS["catalysing"], ""] if len(units) > len(full) else []
    )
    fig = make_subplots(
        rows=len(units), cols=2, specs=specs, row_heights=heights, subplot_titles=titles,
        vertical_spacing=GAP / plot if len(units) > 1 else 0.0, horizontal_spacing=0.06,
    )  # fmt: skip
    shown: set[str] = set()
    for k, (function, keys) in enumerate(panels):
        row, col = (k + 1, 1) if k < len(full) else (len(full) + 1, k - len(full) + 1)
        rows = _panel_rows(frame, function, keys, hubs, headed=function != "catalysing")
        fig.add_traces(_dumbbells(rows, waves, shown), rows=row, cols=col)
        _layout_panel(fig, rows, {"row": row, "col": col}, keys[-1], ticks=col == 1)
        fig.update_xaxes(title={"text": _x_title(function, keys)}, row=row, col=col)
    # The legend sits above the first panel's title, below the figure's title.
    fig.update_layout(hovermode="closest", legend={**TOP_LEGEND, "y": 1 + LEGEND_LIFT / plot})
    first, second = waves
    note = (
        f"Open circle: {first}; filled dot: {second}, blue where it rose, red where it fell. "
        "Partnerships catalysed: of the pairs of a hub's partners not tied to each other in "
        f"{first}, the share tied in {second} (the survey shows the ties formed, not who "
        "formed them). The partners' E-I index runs from −1 (ties within types) to +1 (across)."
        if first
        else f"Each dot: {second}; catalysing partnerships needs an earlier wave to compare."
    ) + " The betweenness rank is in the table."
    height = MARGIN["t"] + LEGEND_ROOM + plot + MARGIN["b"] + 30
    apply_style(fig, title=title, height=height, illustrative=illustrative, note=note)
    return fig.update_layout(margin={"t": MARGIN["t"] + LEGEND_ROOM})


def functions_text(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`ecosystem.service.functions_table` as people read it, for screens and reports.

    Shares as percentages, the betweenness rank whole, the E-I index signed; the change in
    percentage points (the E-I index in its own units) with its 95% interval where there is
    one; a missing value as a dash. Columns: Hub, Function, Indicator, the earlier wave (where
    there is one), the later wave, Change, 95% interval of the change.

    >>> table = pd.DataFrame({"hub": ["Dorset"], "function": ["Central coordination"],
    ...     "indicator": ["Direct ties"], "wave_from": ["W1"], "before": [0.5], "wave": ["W2"],
    ...     "value": [0.75], "change": [0.25], "low": [0.1], "high": [0.4]})
    >>> functions_text(table).iloc[0].tolist()
    ['Dorset', 'Central coordination', 'Direct ties', '50%', '75%', '+25 points', '+10 to +40']
    """
    kinds = {measure_label(key): key for key in ("betweenness_rank", "partner_ei")}
    rows = []
    for _, row in table.iterrows():
        kind = kinds.get(row["indicator"], "share")
        rows.append(
            [
                row["hub"], row["function"], row["indicator"],
                _cell(kind, row["before"]), _cell(kind, row["value"]),
                _change_cell(kind, row["change"]), _interval_cell(row),
            ]
        )  # fmt: skip
    first = next((str(w) for w in table.get("wave_from", []) if isinstance(w, str)), None)
    later = str(table["wave"].iloc[0]) if len(table) else "Value"
    columns = ["Hub", "Function", "Indicator", first or "Earlier wave", later, "Change",
               "95% interval of the change"]  # fmt: skip
    text = pd.DataFrame(rows, columns=columns)
    return text if first else text.drop(columns=[columns[3], "Change", columns[-1]])


def _cell(kind: str, value: float) -> str:
    if value is None or math.isnan(value):
        return "–"
    if kind == "betweenness_rank":
        return f"{value:.0f}"
    return _index(value) if kind == "partner_ei" else _share(value)


def _change_cell(kind: str, value: float) -> str:
    if value is None or math.isnan(value):
        return "–"
    if kind == "betweenness_rank":
        return f"{value:+.0f}".replace("+0", "0")
    return _index(value) if kind == "partner_ei" else f"{value * 100:+.0f} points"


def _interval_cell(row: pd.Series) -> str:
    low, high = row.get("low", math.nan), row.get("high", math.nan)
    if low is None or high is None or math.isnan(low) or math.isnan(high):
        return "–"
    return f"{low * 100:+.0f} to {high * 100:+.0f}"
