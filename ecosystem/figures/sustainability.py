"""The network before and after a sustainability scenario, side by side on shared positions.

A hub lead asks what the ecosystem would lose if the hub left, or were absorbed into the ICB.
:func:`sustainability_figure` answers in one picture: on the left the network as it is, on
the right the difference map of Compare waves (:func:`~ecosystem.figures.difference_figure`)
from that network to the network after the scenario, both drawn on the same positions so an
organisation sits in the same place in each panel. The organisations the scenario changes
(removed, absorbed or receiving) are outlined and ringed in both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

import networkx as nx
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ecosystem.figures.difference import difference_figure
from ecosystem.figures.network import network_figure
from ecosystem.figures.style import message_figure
from ecosystem.figures.traces import finish_network, scope_words
from ecosystem.layout import stable_layout

if TYPE_CHECKING:
    from ecosystem.analysis.sustainability import ScenarioResult

BEFORE_WORD: Final = "before"
AFTER_WORD: Final = "after"
"""How the two sides of a scenario are named where the difference map names two waves."""
GONE_KEY: Final = "Hollow: no longer in the network"
"""The legend's words for the hollow circle of a removed or absorbed organisation."""
PANEL_GAP: Final = 0.04
"""Space between the two panels, as a share of the figure's width."""


def sustainability_figure(
    result: ScenarioResult,
    positions: Mapping[str, tuple[float, float]] | None = None,
    title: str | None = None,
    illustrative: bool = False,
) -> go.Figure:
    """The network before a scenario and the ties it keeps, loses and gains, side by side.

    Parameters
    ----------
    result : ScenarioResult
        A scenario run on one network
        (:func:`ecosystem.analysis.sustainability.run_scenario`): its ``before`` and
        ``after`` graphs (node attribute ``type``; arc ``weight`` a strength) and its
        ``scenario``. Never modified.
    positions : mapping, optional
        Organisation -> ``(x, y)`` for every organisation of ``result.before`` (e.g. the
        dashboard's positions of every wave, so this picture lines up with the others); by
        default :func:`ecosystem.layout.stable_layout` of the network before.
    title : str, optional
        Defaults to the scenario's description and the hub.
    illustrative : bool, optional
        Mark the figure "Illustrative data".

    Returns
    -------
    plotly.graph_objects.Figure
        Two panels: on the left (axes ``x``/``y``) the traces of
        :func:`~ecosystem.figures.network_figure` of the network before, without legend
        entries; on the right (axes ``x2``/``y2``) the traces of
        :func:`~ecosystem.figures.difference_figure` from before to after, with its legend
        (``meta["role"]`` ``"kept"``, ``"lost"``, ``"gained"``, ``"nodes"``, ...). Every
        trace's ``meta`` also has ``"panel"``: ``"before"`` or ``"after"``.

    Notes
    -----
    A merge moves the absorbed organisation's ties to the receiving one, so on the right its
    ties show as lost, the receiving organisation's new ties as gained, and the absorbed
    organisation as a hollow circle (present before only). Ties are compared as pairs, as in
    Compare waves.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> before = nx.DiGraph([("Hub", "Trust"), ("Hub", "ICB"), ("ICB", "Trust")], wave="2023")
    >>> after = before.subgraph(["ICB", "Trust"]).copy()
    >>> scenario = SimpleNamespace(remove=("Hub",), merge=None, describe=lambda: "Hub leaves")
    >>> fig = sustainability_figure(SimpleNamespace(before=before, after=after,
    ...                                             scenario=scenario))
    >>> sorted({t.meta["panel"] for t in fig.data}), fig.layout.title.text
    (['after', 'before'], 'Hub leaves: All hubs, 2023')
    """
    before, after = result.before, result.after
    description = result.scenario.describe()
    if title is None:
        title = f"{description}: {scope_words(before.graph.get('hub'))}"
        if before.graph.get("wave"):
            title += f", {before.graph['wave']}"
    if before.number_of_nodes() == 0:
        return message_figure("No organisations to show.", title, illustrative)
    if positions is None:
        positions = stable_layout([before])
    changed = scenario_organisations(result.scenario)
    left = network_figure(_named(before, BEFORE_WORD), positions, highlight=changed)
    right = difference_figure(
        _named(before, BEFORE_WORD), _named(after, AFTER_WORD), positions, highlight=changed
    )
    fig = _side_by_side(left, right, ("The network now", f"After: {description}"))
    return finish_network(fig, positions, title, illustrative, note=_note(description))


def scenario_organisations(scenario: object) -> list[str]:
    """The organisations a scenario changes: those removed, or the absorbed and the receiving.

    >>> from types import SimpleNamespace
    >>> scenario_organisations(SimpleNamespace(remove=(), merge=("Hub", "ICB")))
    ['Hub', 'ICB']
    """
    merge = getattr(scenario, "merge", None)
    return [*getattr(scenario, "remove", ())] + ([*merge] if merge else [])


def _named(graph: nx.DiGraph, side: str) -> nx.DiGraph:
    """A view of ``graph`` whose ``wave`` is the side of the scenario, for the map's words."""
    shown = nx.restricted_view(graph, [], [])  # a read-only view: nothing copied
    shown.graph = {**graph.graph, "wave": side}
    return shown


def _side_by_side(left: go.Figure, right: go.Figure, titles: tuple[str, str]) -> go.Figure:
    """Two network figures as the panels of one, their traces and organisation labels moved
    to the left (``x``/``y``) and right (``x2``/``y2``) axes; only the right keeps a legend."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=titles, horizontal_spacing=PANEL_GAP)
    for trace in left.data:
        trace.update(showlegend=False, meta={**(trace.meta or {}), "panel": BEFORE_WORD})
        fig.add_trace(trace, row=1, col=1)
    for trace in right.data:
        trace.update(meta={**(trace.meta or {}), "panel": AFTER_WORD})
        if trace.meta["role"] == "presence-key":
            trace.update(name=GONE_KEY)
        fig.add_trace(trace, row=1, col=2)
    labels = [
        annotation.update(xref=axes[0], yref=axes[1])
        for figure, axes in ((left, ("x", "y")), (right, ("x2", "y2")))
        for annotation in figure.layout.annotations
        if annotation.xref in (None, "x")
    ]
    fig.layout.annotations = (*fig.layout.annotations, *labels)
    return fig


def _note(description: str) -> str:
    """The caption: what each panel and each kind of line shows."""
    return (
        f"Left: the network now, arrows pointing in the direction of support. Right: what "
        f"changes in this scenario ({description}): grey lines are ties kept, "
        "red dashed lines ties lost, blue lines ties gained (a merge moves the absorbed "
        "organisation's ties to the receiving one). Outlined and ringed: the organisations "
        "the scenario changes; hollow circles: organisations that are no longer there."
    )
