"""The look of every figure, in one place: Tol's palettes, colours by type, fonts, sizes.

Organisation types take the colours of Paul Tol's **muted** scheme, each type's record in
the codebook (:data:`ecosystem.codebook.TYPES`) naming its colour; roles take his
**bright** scheme, waves his **vibrant** one, and change between two waves his bright blue
(gained, rose) and red (lost, fell). :func:`apply_style` gives a new figure the shared
template, fonts, margins, caption and "Illustrative data" mark.

References
----------
Tol, P. (2021). *Colour Schemes*. SRON technical note SRON/EPS/TN/09-002, issue 3.2,
https://personal.sron.nl/~pault/ (schemes "muted", "bright" and "vibrant").
"""

from __future__ import annotations

import textwrap
import zlib
from typing import Final

import plotly.graph_objects as go

from ecosystem import codebook
from ecosystem.analysis.brokerage import ROLES
from ecosystem.codebook import TYPES, normalise_label
from ecosystem.glossary import measure_label


def rgba(rgb: tuple[int, int, int], alpha: float) -> str:
    """A CSS colour with opacity.

    >>> rgba((119, 119, 119), 0.45)
    'rgba(119,119,119,0.45)'
    """
    return f"rgba({rgb[0]},{rgb[1]},{rgb[2]},{alpha:.2f})"


# --------------------------------------------------------------------------------------
# Palettes (Paul Tol, "Colour Schemes", https://personal.sron.nl/~pault/)
# --------------------------------------------------------------------------------------

TOL_MUTED: Final[dict[str, str]] = {
    "rose": "#CC6677",
    "indigo": "#332288",
    "sand": "#DDCC77",
    "green": "#117733",
    "cyan": "#88CCEE",
    "wine": "#882255",
    "teal": "#44AA99",
    "olive": "#999933",
    "purple": "#AA4499",
    "pale_grey": "#DDDDDD",
    "black": "#000000",
}
"""Paul Tol's "muted" qualitative scheme as his ``tol_colors`` module gives it (nine
colours, pale grey for missing data, and black)."""

TOL_BRIGHT: Final[dict[str, str]] = {
    "blue": "#4477AA",
    "red": "#EE6677",
    "green": "#228833",
    "yellow": "#CCBB44",
    "cyan": "#66CCEE",
    "purple": "#AA3377",
    "grey": "#BBBBBB",
}
"""Paul Tol's "bright" qualitative scheme."""

TOL_VIBRANT: Final[dict[str, str]] = {
    "blue": "#0077BB",
    "orange": "#EE7733",
    "teal": "#009988",
    "magenta": "#EE3377",
    "cyan": "#33BBEE",
    "red": "#CC3311",
    "grey": "#BBBBBB",
}
"""Paul Tol's "vibrant" qualitative scheme, in the order waves take it."""

TYPE_COLOURS: Final[dict[str, str]] = {t.key: TOL_MUTED[t.colour] for t in TYPES}
"""One colour per codebook organisation type, in codebook order, each named by the type's
record (:data:`ecosystem.codebook.TYPES`). The hub, the focus of each ecosystem, is black;
"type not given" is Tol's missing-data grey."""

_FALLBACK_COLOURS: Final[tuple[str, ...]] = tuple(
    colour for name, colour in TOL_MUTED.items() if name not in {"pale_grey", "black"}
)


def type_colour(type_key: object) -> str:
    """The colour of an organisation type: the codebook's, or a stable one for other groups.

    Codebook keys, labels and synonyms get :data:`TYPE_COLOURS`; a blank type is "type not
    given". A group from another tool's file (``group`` column) gets one of the nine muted
    colours, chosen by a checksum of its name, so it is the same in every figure and every
    run (it may share a colour with a codebook type).

    >>> type_colour("HIN"), type_colour("Academic Health Science Network")
    ('#44AA99', '#44AA99')
    >>> type_colour("Housing association") == type_colour("housing  ASSOCIATION")
    True
    """
    key = codebook.type_key(type_key)
    if key is not None:
        return TYPE_COLOURS[key]
    checksum = zlib.crc32(normalise_label(type_key).encode("utf-8"))
    return _FALLBACK_COLOURS[checksum % len(_FALLBACK_COLOURS)]


ROLE_LABELS: Final[dict[str, str]] = {role: measure_label(role) for role in ROLES}
"""Gould-Fernandez brokerage roles as shown to people (the glossary's labels)."""

ROLE_MEANINGS: Final[dict[str, str]] = {
    "coordinator": "links two organisations of its own type",
    "gatekeeper": "lets another type reach organisations of its own type",
    "representative": "carries its own type's ties to another type",
    "consultant": "links two organisations of one other type",
    "liaison": "links two different types, neither its own",
}

ROLE_COLOURS: Final[dict[str, str]] = {
    "coordinator": TOL_BRIGHT["blue"],
    "gatekeeper": TOL_BRIGHT["red"],
    "representative": TOL_BRIGHT["green"],
    "consultant": TOL_BRIGHT["yellow"],
    "liaison": TOL_BRIGHT["cyan"],
}
"""Brokerage roles in Paul Tol's "bright" qualitative scheme."""

WAVE_COLOURS: Final[tuple[str, ...]] = tuple(TOL_VIBRANT.values())
"""Survey waves, in order, in Paul Tol's "vibrant" qualitative scheme."""

MODE_BAR: Final[dict[str, object]] = {
    "displaylogo": False,
    "showSendToCloud": False,
    "modeBarButtonsToRemove": ["sendDataToCloud"],
    "plotlyServerURL": "",
    "toImageButtonOptions": {"scale": 3},
}
"""The plotly.js configuration of every figure shown in a browser (the dashboard and the HTML
report). Partner data never leave the machine: no "Share chart" button (it uploads the figure
to Plotly's cloud); the picture button saves a sharp PNG locally."""

HEATMAP_SCALE: Final = "Cividis"

# --------------------------------------------------------------------------------------
# Fonts, margins and template
# --------------------------------------------------------------------------------------

FONT_FAMILY: Final = "Arial, Helvetica, sans-serif"
FONT_SIZE: Final = 13
TITLE_SIZE: Final = 17
NOTE_SIZE: Final = 11
TEXT_COLOUR: Final = "#222222"
NOTE_COLOUR: Final = "#555555"
TEMPLATE: Final = "simple_white"
MARGIN: Final[dict[str, int]] = {"l": 20, "r": 20, "t": 80, "b": 70}
NOTE_WIDTH: Final = 92
"""Characters per line of a caption: about 520 px of 11 px Arial, so a caption fits the
narrowest figure the dashboard draws (a compare or gaps pane, ~560 px) uncut."""
NOTE_LINE: Final = 16
"""Pixels per line of a caption."""
TITLE_TOP: Final = 14
"""Pixels above the title, however tall the figure (an exported page may be tall)."""
SUBTITLE_WIDTH: Final = 100
"""Characters per line of a subtitle: clear of the "Illustrative data" mark at the right."""
SUBTITLE_LINE: Final = 18
"""Pixels the top margin grows by for each line of a subtitle, so the subtitle sits clear of
the panel titles and legends at the top of the plot."""
ILLUSTRATIVE_TEXT: Final = "Illustrative data"
ILLUSTRATIVE_COLOUR: Final = TOL_MUTED["wine"]
ILLUSTRATIVE_SHIFT: Final = 34
"""Pixels between the top of the plot area and the "Illustrative data" mark (above any
panel titles, in the top margin)."""
TOP_LEGEND: Final[dict[str, object]] = {
    "orientation": "h",
    "x": 0.0,
    "y": 1.0,
    "yanchor": "bottom",
}
"""A legend in one row above the plot (bar and dumbbell charts)."""

# --------------------------------------------------------------------------------------
# Networks: sizes of nodes, arcs and arrows (network and difference map alike)
# --------------------------------------------------------------------------------------

NETWORK_HEIGHT: Final = 680
NETWORK_BOTTOM: Final = 16
ARC_COLOUR: Final = (119, 119, 119)
EMPHASIS_COLOUR: Final = (34, 34, 34)
HIGHLIGHT_COLOUR: Final = "#000000"
NODE_OUTLINE: Final = "#FFFFFF"
RING_GAP: Final = 6.0
"""Pixels between a highlighted organisation's marker and the ring around it."""
NODE_SIZES: Final = (9.0, 34.0)
"""Smallest and largest node diameter in pixels (networks up to :data:`LARGE_NETWORK`)."""
NODE_SIZES_LARGE: Final = (3.0, 14.0)
ARROW_SIZE: Final = 8.0
ARC_WIDTHS: Final = (0.8, 3.6)
ARC_OPACITIES: Final = (0.35, 0.8)
ARC_WIDTHS_LARGE: Final = (0.3, 1.2)
ARC_OPACITIES_LARGE: Final = (0.12, 0.4)
MAX_WEIGHT_BANDS: Final = 4
ARROW_LIMIT: Final = 2500
"""Above this many arcs a network is drawn as a large one (see :data:`LARGE_NETWORK`)."""
LARGE_NETWORK: Final = 500
"""From this many organisations on, WebGL traces, thinner arcs and smaller nodes are used
and arrowheads are left out, so a 5,000-organisation network still draws quickly (SVG
markers slow the browser from a few hundred organisations with their ties)."""


def is_large_network(organisations: int, arcs: int) -> bool:
    """Whether a network of ``organisations`` and ``arcs`` is drawn as a large one.

    >>> is_large_network(63, 160), is_large_network(500, 160), is_large_network(63, 3000)
    (False, True, True)
    """
    return organisations >= LARGE_NETWORK or arcs > ARROW_LIMIT


LABEL_CHARACTERS: Final = 30

# --------------------------------------------------------------------------------------
# Change between two waves
# --------------------------------------------------------------------------------------


GAINED_COLOUR: Final = TOL_BRIGHT["blue"]
"""Ties gained and values that rose: Paul Tol's "bright" blue."""
LOST_COLOUR: Final = TOL_BRIGHT["red"]
"""Ties lost and values that fell: Paul Tol's "bright" red (drawn dashed as well, so colour
is never the only cue)."""
KEPT_COLOUR: Final = rgba(ARC_COLOUR, 0.45)
"""Ties kept: the muted grey of :func:`~ecosystem.figures.network_figure`'s arcs."""
UNCHANGED_COLOUR: Final = TOL_BRIGHT["grey"]
"""Values that did not change: Paul Tol's "bright" grey."""
BEFORE_COLOUR: Final = NOTE_COLOUR
"""Outline of the open circle that marks a value in the earlier wave."""
DIRECTION_COLOURS: Final[dict[str, str]] = {
    "higher": GAINED_COLOUR,
    "lower": LOST_COLOUR,
    "same": UNCHANGED_COLOUR,
}
"""A value that rose, fell or stayed between two waves."""


# --------------------------------------------------------------------------------------
# The shared look
# --------------------------------------------------------------------------------------


def _title(text: str | None) -> dict[str, object]:
    """The title at the top left, aligned with the plot's left margin."""
    return {
        "text": text,
        "x": 0.0,
        "xanchor": "left",
        "xref": "container",
        "pad": {"l": MARGIN["l"], "t": TITLE_TOP},
        "y": 1.0,
        "yanchor": "top",
        "yref": "container",
        "font": {"size": TITLE_SIZE},
    }


def _paper_corner(corner: float, xanchor: str) -> dict[str, object]:
    """An annotation's place at the bottom left (0) or top right (1) of the plot area,
    anchored at its bottom edge."""
    return {
        "xref": "paper",
        "yref": "paper",
        "x": corner,
        "y": corner,
        "xanchor": xanchor,
        "yanchor": "bottom",
    }


def _add_note(fig: go.Figure, lines: list[str], bottom_margin: int) -> None:
    """A small caption at the foot of the figure, below the axis labels."""
    fig.add_annotation(
        text="<br>".join(lines),
        **_paper_corner(0.0, "left"),
        yshift=-(bottom_margin - 8),
        showarrow=False,
        align="left",
        font={"size": NOTE_SIZE, "color": NOTE_COLOUR},
        name="note",
    )


def _add_illustrative_mark(fig: go.Figure) -> None:
    """A boxed "Illustrative data" at the top right, above any panel titles."""
    fig.add_annotation(
        text=f"<b>{ILLUSTRATIVE_TEXT}</b>",
        **_paper_corner(1.0, "right"),
        yshift=ILLUSTRATIVE_SHIFT,
        showarrow=False,
        font={"size": FONT_SIZE, "color": ILLUSTRATIVE_COLOUR},
        bordercolor=ILLUSTRATIVE_COLOUR,
        borderwidth=1,
        borderpad=4,
        bgcolor="white",
        name="illustrative",
    )


def apply_style(
    fig: go.Figure,
    title: str | None = None,
    height: int | None = None,
    illustrative: bool = False,
    note: str | None = None,
    bottom: int = MARGIN["b"],
) -> go.Figure:
    """Apply the shared look (template, fonts, margins, white background) to a new figure.

    ``note`` becomes a small caption at the foot of the figure, below ``bottom`` pixels kept
    for axis labels; ``illustrative`` adds a visible "Illustrative data" mark at the top
    right. Returns the same figure.
    """
    lines = textwrap.wrap(note, NOTE_WIDTH) if note else []
    margin = {**MARGIN, "b": bottom + NOTE_LINE * len(lines)}
    fig.update_layout(
        template=TEMPLATE,
        font={"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT_COLOUR},
        title=_title(title),
        margin=margin,
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel={"font": {"family": FONT_FAMILY, "size": FONT_SIZE}, "bgcolor": "white"},
        legend={"font": {"size": FONT_SIZE - 1}, "itemsizing": "constant", "tracegroupgap": 12},
    )
    if height is not None:
        fig.update_layout(height=height + NOTE_LINE * len(lines))
    if lines:
        _add_note(fig, lines, margin["b"])
    if illustrative:
        _add_illustrative_mark(fig)
    return fig


def with_subtitle(fig: go.Figure, subtitle: str) -> go.Figure:
    """Put ``subtitle`` under the figure's title, with room made for it; returns the figure.

    The subtitle wraps at :data:`SUBTITLE_WIDTH` characters; the top margin, and the
    figure's height where it has one, grow by :data:`SUBTITLE_LINE` pixels a line, so the
    plot (with its panel titles and top legend) moves down rather than under the subtitle.
    """
    lines = textwrap.wrap(subtitle, SUBTITLE_WIDTH)
    if not lines:
        return fig
    grow = SUBTITLE_LINE * len(lines)
    top = fig.layout.margin.t if fig.layout.margin.t is not None else MARGIN["t"]
    fig.update_layout(
        title={"subtitle": {"text": "<br>".join(lines), "font": {"size": NOTE_SIZE + 1}}},
        margin={"t": top + grow},
    )
    if fig.layout.height is not None:
        fig.update_layout(height=fig.layout.height + grow)
    return fig


def message_figure(message: str, title: str | None, illustrative: bool = False) -> go.Figure:
    """An empty, styled figure that says why there is nothing to draw."""
    fig = go.Figure()
    fig.add_annotation(text=message, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return apply_style(fig, title=title, illustrative=illustrative)
