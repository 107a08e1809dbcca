"""The report's HTML: Jinja2 templates with autoescaping, tables and charts as plain values.

The sections (:mod:`ecosystem.report.sections`) hand the templates plain values: text,
:class:`Table` (every cell already formatted as text) and :class:`Chart` (a plotly
fragment). The templates escape every value they print; the only markup that passes
through unescaped is a chart's fragment, which plotly writes from the figure's JSON.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ecosystem.figures.style import MODE_BAR
from ecosystem.glossary import MEASURES

__all__ = ["Chart", "Charts", "Table", "column_label", "format_cell", "render", "table"]

DEFAULT_HEIGHT: Final = 480
"""Pixel height of a chart whose figure sets none."""

PLOTLY_CONFIG: Final[dict[str, object]] = {**MODE_BAR, "responsive": True}
"""The plotly.js options of every chart: no plotly logo, resize with the page."""

MISSING: Final = "–"
"""How a table shows a value that is missing or undefined."""

_COLUMN_LABELS: Final[dict[str, str]] = {
    "organisation": "Organisation",
    "type": "Type",
    "hubs": "Hubs",
    "responded": "Answered the survey",
}


@dataclass(frozen=True)
class Table:
    """A table as the report shows it: headers, and every cell as text.

    ``numeric`` marks, column by column, the cells aligned right as numbers.
    """

    headers: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    table_id: str = ""
    css_class: str = ""

    @property
    def classes(self) -> str:
        """The table's HTML classes: ``data`` and its own."""
        return " ".join(filter(None, ["data", self.css_class]))


@dataclass(frozen=True)
class Chart:
    """One figure as an HTML fragment, with the label a screen reader announces."""

    label: str
    fragment: Markup


class Charts:
    """Figures as HTML fragments: plotly.js inline in the first only, numbered div ids.

    Numbering in the order the figures are made keeps the report the same, byte for byte,
    for the same survey and choices; the sections make them in the order they are shown,
    so the one copy of plotly.js comes before every figure that needs it.
    """

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, fig: go.Figure, label: str) -> Chart:
        self.count += 1
        height = fig.layout.height or DEFAULT_HEIGHT
        fragment = fig.to_html(
            full_html=False,
            include_plotlyjs=self.count == 1,
            config=PLOTLY_CONFIG,
            div_id=f"report-figure-{self.count}",
            default_width="100%",
            default_height=f"{int(height)}px",
        )
        return Chart(label, Markup(fragment))  # plotly's own markup: trusted, not escaped


def column_label(column: object) -> str:
    """A column's heading: the glossary's label for a measure, else the column in words.

    >>> column_label("pagerank"), column_label("responded"), column_label("open_pairs")
    ('PageRank', 'Answered the survey', 'Open pairs')
    """
    key = str(column)
    if key in MEASURES:
        return MEASURES[key].display
    return _COLUMN_LABELS.get(key, key.replace("_", " ").capitalize())


def format_cell(value: object, whole: bool) -> str:
    """A cell as text: booleans as yes/no, missing as a dash, whole-number columns as
    integers, other numbers to three decimal places.

    >>> format_cell(True, False), format_cell(None, False), format_cell(2.0, True)
    ('yes', '–', '2')
    >>> format_cell(0.12345, False), format_cell(float("nan"), False), format_cell(1234, False)
    ('0.123', '–', '1,234')
    """
    if value is None or value is pd.NA:
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if math.isnan(value):
            return MISSING
        return f"{value:,.0f}" if whole else f"{value:,.3f}"
    return str(value)


def _is_number(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _is_whole(series: pd.Series) -> bool:
    """Numeric columns whose values are all whole numbers (counts and ranks)."""
    if not _is_number(series):
        return False
    values = series.dropna().astype(float)
    return bool(values.empty or (values == values.round()).all())


def table(
    frame: pd.DataFrame,
    caption: str = "",
    table_id: str = "",
    css_class: str = "",
    headers: Mapping[str, str] | None = None,
) -> Table:
    """A table of ``frame`` as the report shows it (the index is not shown: make it a
    column first). ``headers`` names columns; others get :func:`column_label`."""
    headers = headers or {}
    columns = list(frame.columns)
    whole = [_is_whole(frame[column]) for column in columns]
    rows = tuple(
        tuple(
            format_cell(value.item() if hasattr(value, "item") else value, is_whole)
            for value, is_whole in zip(record, whole, strict=True)
        )
        for record in frame.itertuples(index=False)
    )
    return Table(
        headers=tuple(headers.get(column, column_label(column)) for column in columns),
        numeric=tuple(_is_number(frame[column]) for column in columns),
        rows=rows,
        caption=caption,
        table_id=table_id,
        css_class=css_class,
    )


def _escaped(value: Any) -> Any:
    """Every printed value escaped as :func:`html.escape` spells it (``&#x27;``, ``&quot;``).

    Autoescaping would escape it too, as ``&#39;`` and ``&#34;``; escaping here first keeps
    the report's text as it has always been written, byte for byte. Markup (a chart's
    fragment) passes unchanged.
    """
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True))


_ENVIRONMENT: Final = Environment(
    loader=PackageLoader("ecosystem.report", "templates"),
    autoescape=True,
    finalize=_escaped,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def render(template: str, **context: Any) -> str:
    """A template of ``ecosystem/report/templates`` filled in with ``context``."""
    return _ENVIRONMENT.get_template(template).render(**context)
