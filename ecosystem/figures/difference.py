"""The difference map of two waves: which ties were gained, lost and kept, and by whom.

:func:`difference_figure` draws with the same builders as the network figure
(:mod:`ecosystem.figures.traces`), so the map lines up with the network of each wave drawn
from the same layout; what it adds is the status of each tied pair and of each organisation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import networkx as nx
import numpy as np
import plotly.graph_objects as go

from ecosystem.codebook import UNKNOWN_TYPE
from ecosystem.figures.style import (
    GAINED_COLOUR,
    HIGHLIGHT_COLOUR,
    KEPT_COLOUR,
    LOST_COLOUR,
    NODE_OUTLINE,
    NOTE_COLOUR,
    message_figure,
    type_colour,
)
from ecosystem.figures.traces import (
    HIGHLIGHT_OUTLINE,
    Drawing,
    add_labels,
    finish_network,
    highlight_rings,
    labelled_rows,
    line_trace,
    node_trace,
    organisation_lines,
    pair_weight,
    place,
    plain_diameter,
    scope_words,
    tie_hover_trace,
    tied_pairs,
    type_groups,
)

TIE_CHANGES: Final[tuple[str, ...]] = ("gained", "lost", "kept")
"""What happened to a tied pair between two waves, in legend order."""
_TIE_CHANGE_STYLE: Final[dict[str, dict[str, str | float]]] = {
    "gained": {"label": "Gained", "color": GAINED_COLOUR, "width": 2.4, "dash": "solid"},
    "lost": {"label": "Lost", "color": LOST_COLOUR, "width": 2.0, "dash": "dash"},
    "kept": {"label": "Kept", "color": KEPT_COLOUR, "width": 1.2, "dash": "solid"},
}
DIFFERENCE_LABELS: Final = 40
""":func:`difference_figure` names every organisation up to this many, else this many with
the most ties in either wave."""
ONE_WAVE_OUTLINE: Final = 2.5
"""Outline width of the hollow circle of an organisation present in one wave only."""

Arcs = Sequence[tuple[str, str]]


def difference_figure(
    before: nx.DiGraph,
    after: nx.DiGraph,
    positions: Mapping[str, tuple[float, float]],
    title: str | None = None,
    illustrative: bool = False,
    highlight: Iterable[str] = (),
) -> go.Figure:
    """The difference map of two waves: which ties were gained, lost and kept, and by whom.

    Every organisation of either wave sits at its shared position, so the map lines up with
    :func:`~ecosystem.figures.network_figure` of each wave drawn from the same layout. Each
    tied pair is one line: **gained** (no arc in ``before``, an arc in ``after``) in blue,
    **lost** (arcs in ``before``, none in ``after``) in red and dashed, **kept** (arcs in
    both) in muted grey.

    Parameters
    ----------
    before, after : networkx.DiGraph
        The networks of the earlier and the later wave (node attribute ``type``; arc
        ``weight`` a strength; graph attribute ``wave`` names the wave). Never modified.
    positions : mapping
        Organisation -> ``(x, y)`` for every organisation of both graphs, e.g.
        ``stable_layout([before, after])``; all positions set the frame, as in
        :func:`~ecosystem.figures.network_figure`.
    title : str, optional
        Defaults to the hub and the two waves.
    illustrative : bool, optional
        Mark the figure "Illustrative data".
    highlight : iterable of str, optional
        Organisations to outline and ring (names in neither graph are ignored).

    Returns
    -------
    plotly.graph_objects.Figure
        Traces, in drawing order: one line trace per change, kept, lost then gained
        (``meta["role"]`` ``"kept"``, ``"lost"``, ``"gained"``; names "Kept (n)", "Lost
        (n)", "Gained (n)" with n the number of pairs; legend order gained, lost, kept), an
        invisible hover point at the middle of each pair (``"tie-hover"``), a legend key for
        hollow circles (``"presence-key"``) when some organisation is in one wave only,
        highlight rings (``"highlight"``) and one marker trace per organisation type
        (``"nodes"``; ``customdata`` the name, for click-through).

    Notes
    -----
    Pairs, not arcs, are compared, so a tie that only changed direction is kept (its hover
    text says how the direction changed) and each pair is drawn once, without arrowheads:
    three kinds of line plus arrows would hide the change the map is for. Gained and lost
    differ in colour (Tol's colour-blind-safe bright blue and red) and in dash, so the map
    reads in greyscale too. Organisations in one wave only are drawn hollow, and their hover
    text says in which wave they were. Node size is the same for all. From
    :data:`~ecosystem.figures.style.LARGE_NETWORK` organisations or above
    :data:`~ecosystem.figures.style.ARROW_LIMIT` pairs, WebGL traces and thinner lines are
    used, as in the network figure (5,000 organisations and 50,000 arcs: about 1.5 s on a
    2-core machine).

    Examples
    --------
    >>> first = nx.DiGraph([("Hub", "Trust"), ("Hub", "ICB")], wave="2023")
    >>> second = nx.DiGraph([("Hub", "Trust"), ("ICB", "Trust")], wave="2024")
    >>> xy = {"Hub": (0.0, 0.0), "Trust": (1.0, 0.0), "ICB": (0.0, 1.0)}
    >>> fig = difference_figure(first, second, xy)
    >>> [t.name for t in fig.data if t.meta["role"] in TIE_CHANGES]
    ['Kept (1)', 'Lost (1)', 'Gained (1)']
    """
    waves = (
        str(before.graph.get("wave") or "the earlier wave"),
        str(after.graph.get("wave") or "the later wave"),
    )
    if title is None:
        scope = scope_words(after.graph.get("hub") or before.graph.get("hub"))
        title = f"What changed: {scope}, {waves[0]} to {waves[1]}"
    names = sorted(set(before) | set(after), key=str)
    if not names:
        return message_figure("No organisations to show.", title, illustrative)
    arcs = tied_pairs(before), tied_pairs(after)
    status = _tie_status(*arcs)
    drawing = place(names, positions, highlight, lines=len(status))
    fig = go.Figure(_change_traces(drawing, status, waves))
    if status:
        texts = [
            _tie_change_hover(
                key, kind, (before, after), (arcs[0].get(key, []), arcs[1].get(key, [])), waves
            )
            for key, kind in status.items()
        ]
        fig.add_trace(tie_hover_trace(drawing, drawing.ends(list(status)), texts))
    presence = {name: _presence(name, before, after) for name in names}
    diameter = plain_diameter(drawing.large)
    if any(where != "both" for where in presence.values()):
        fig.add_trace(_presence_key(diameter))
    if drawing.chosen:
        fig.add_trace(highlight_rings(drawing, np.full(len(names), diameter)))
    fig.add_traces(_organisation_traces((before, after), drawing, status, presence, waves))
    _add_difference_labels(fig, (before, after), drawing, status, positions)
    return finish_network(fig, positions, title, illustrative, note=_difference_note(waves))


def _difference_note(waves: tuple[str, str]) -> str:
    """The caption: what each kind of line and the hollow circles mean."""
    first, second = waves
    return (
        f"Each tied pair is drawn once, by what happened to it from {first} to {second}: "
        f"blue lines are ties gained (no tie in {first}), red dashed lines ties lost (no "
        f"tie in {second}), grey lines ties kept. No arrows: hover over the middle of a tie "
        "for its weights and who supports whom. Hollow circles: organisations in one wave only."
    )


# --------------------------------------------------------------------------------------
# Ties
# --------------------------------------------------------------------------------------


def _tie_status(
    before: Mapping[tuple[str, str], Arcs], after: Mapping[tuple[str, str], Arcs]
) -> dict[tuple[str, str], str]:
    """Every pair tied in either wave, in name order -> "gained", "lost" or "kept".

    >>> _tie_status({("a", "b"): [], ("a", "c"): []}, {("a", "b"): [], ("b", "c"): []})
    {('a', 'b'): 'kept', ('a', 'c'): 'lost', ('b', 'c'): 'gained'}
    """
    keys = sorted(set(before) | set(after), key=lambda p: (str(p[0]), str(p[1])))
    return {
        key: "gained" if key not in before else "lost" if key not in after else "kept"
        for key in keys
    }


def _change_traces(
    drawing: Drawing, status: Mapping[tuple[str, str], str], waves: tuple[str, str]
) -> list[go.Scatter]:
    """One line trace per change: kept underneath, then lost, gained on top."""
    traces = []
    for kind in ("kept", "lost", "gained"):
        style = _TIE_CHANGE_STYLE[kind]
        members = [key for key, change in status.items() if change == kind]
        line = {
            "width": float(style["width"]) * (0.5 if drawing.large else 1.0),
            "color": style["color"],
            "dash": style["dash"],
        }
        traces.append(
            line_trace(
                drawing,
                drawing.ends(members),
                line,
                name=f"{style['label']} ({len(members)})",
                legendgroup="changes",
                legendgrouptitle={"text": f"Ties, {waves[0]} to {waves[1]}"},
                legendrank=1 + TIE_CHANGES.index(kind),
                meta={"role": kind, "pairs": len(members)},
            )
        )
    return traces


def _direction_words(pair: tuple[str, str], arcs: Arcs) -> str:
    """Who supports whom in a pair, in words: "A → B", "B → A" or "both ways"."""
    a, b = pair
    present = set(arcs)
    if (a, b) in present and (b, a) in present:
        return "both ways"
    return f"{a} → {b}" if (a, b) in present else f"{b} → {a}"


def _tie_change_hover(
    pair: tuple[str, str],
    status: str,
    graphs: tuple[nx.DiGraph, nx.DiGraph],
    arcs: tuple[Arcs, Arcs],
    waves: tuple[str, str],
) -> str:
    """A pair's change in words: which wave it was tied in, its weights and directions."""
    first, second = waves
    lines = [f"<b>{pair[0]} – {pair[1]}</b>"]
    if status in {"gained", "lost"}:
        side = 1 if status == "gained" else 0
        tied, untied = (second, first) if status == "gained" else (first, second)
        lines += [
            f"{status.capitalize()}: tied in {tied}, not in {untied}",
            f"Weight in {tied}: {pair_weight(graphs[side], arcs[side]):.3g}",
            f"Support: {_direction_words(pair, arcs[side])}",
        ]
        return "<br>".join(lines)
    old, new = pair_weight(graphs[0], arcs[0]), pair_weight(graphs[1], arcs[1])
    strength = "stronger" if new > old else "weaker" if new < old else "same weight"
    lines += ["Kept: tied in both waves", f"Weight: {old:.3g} → {new:.3g} ({strength})"]
    was, now = _direction_words(pair, arcs[0]), _direction_words(pair, arcs[1])
    lines.append(f"Support: {now}" if was == now else f"Support: {was}, now {now}")
    return "<br>".join(lines)


# --------------------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------------------


def _presence(name: str, before: nx.DiGraph, after: nx.DiGraph) -> str:
    """In which wave an organisation is: "both", "before" or "after"."""
    if name in before and name in after:
        return "both"
    return "before" if name in before else "after"


def _presence_key(diameter: float) -> go.Scatter:
    """A legend entry for the hollow circles of organisations in one wave only."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        marker={
            "size": diameter,
            "color": "white",
            "line": {"width": ONE_WAVE_OUTLINE, "color": NOTE_COLOUR},
        },
        hoverinfo="skip",
        name="Hollow: in one wave only",
        legendrank=len(TIE_CHANGES) + 1,
        meta={"role": "presence-key"},
    )


def _organisation_traces(
    graphs: tuple[nx.DiGraph, nx.DiGraph],
    drawing: Drawing,
    status: Mapping[tuple[str, str], str],
    presence: Mapping[str, str],
    waves: tuple[str, str],
) -> list[go.Scatter]:
    """One marker trace per organisation type: filled, or hollow for one wave only."""
    before, after = graphs
    names = drawing.names
    involved = {name: dict.fromkeys(TIE_CHANGES, 0) for name in names}
    for key, change in status.items():
        for name in key:
            involved[name][change] += 1
    wording = {
        "both": "In both waves",
        "before": f"Only in {waves[0]}",
        "after": f"Only in {waves[1]}",
    }
    attributes = {name: (after if name in after else before).nodes[name] for name in names}
    hover = {
        name: _organisation_hover(name, attributes[name], wording[presence[name]], involved[name])
        for name in names
    }
    types = [attributes[name].get("type") or UNKNOWN_TYPE for name in names]
    traces = []
    for position, (kind, rows) in enumerate(type_groups(types)):
        # Organisations in both waves first: the legend shows the first point's marker.
        members = sorted(rows, key=lambda k: (presence[names[k]] != "both", k))
        member_names = [names[k] for k in members]
        marker = _organisation_marker(drawing, kind, member_names, presence)
        trace = node_trace(
            drawing,
            kind,
            members,
            first=position == 0,
            hover=[hover[name] for name in member_names],
            marker=marker,
        )
        traces.append(trace)
    return traces


def _add_difference_labels(
    fig: go.Figure,
    graphs: tuple[nx.DiGraph, nx.DiGraph],
    drawing: Drawing,
    status: Mapping[tuple[str, str], str],
    positions: Mapping[str, tuple[float, float]],
) -> None:
    """Name the organisations with the most tied pairs in either wave (all up to
    :data:`DIFFERENCE_LABELS`), placed as in the network figure."""
    before, after = graphs
    involved = dict.fromkeys(drawing.names, 0)
    for key in status:
        for name in key:
            involved[name] += 1
    names = drawing.names
    scores = [float(involved[name]) for name in names]
    attributes = {name: (after if name in after else before).nodes[name] for name in names}
    rows = labelled_rows(names, scores, DIFFERENCE_LABELS)
    diameters = np.full(len(names), plain_diameter(drawing.large))
    add_labels(fig, drawing, positions, diameters, attributes, rows)


def _organisation_hover(
    name: str, attributes: Mapping[str, object], presence: str, counts: Mapping[str, int]
) -> str:
    """Name, type, hub(s), the waves it is in, and how many ties it gained, lost and kept."""
    lines = [*organisation_lines(name, attributes), presence]
    lines.append(f"Ties gained: {counts['gained']}, lost: {counts['lost']}, kept: {counts['kept']}")
    return "<br>".join(lines)


def _organisation_marker(
    drawing: Drawing, kind: str, member_names: list[str], presence: Mapping[str, str]
) -> dict:
    """Markers of one type: filled in its colour, hollow (outlined in it) for one wave only."""
    colour = type_colour(kind)
    hollow = [presence[name] != "both" for name in member_names]
    chosen = [name in drawing.chosen for name in member_names]
    return {
        "size": plain_diameter(drawing.large),
        "color": ["white" if h else colour for h in hollow],
        "line": {
            "width": [
                HIGHLIGHT_OUTLINE if c else ONE_WAVE_OUTLINE if h else 1.0
                for c, h in zip(chosen, hollow, strict=True)
            ],
            "color": [
                HIGHLIGHT_COLOUR if c else colour if h else NODE_OUTLINE
                for c, h in zip(chosen, hollow, strict=True)
            ],
        },
        "opacity": 1.0,
    }
