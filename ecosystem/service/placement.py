"""Where each organisation sits in every picture of one scope: one rule for every face.

The dashboard, every export and the report draw a hub's networks on the positions of
:func:`positions`: the networks of *every* wave of the hub, with *every* tie (no filter),
laid out together by :func:`ecosystem.layout.stable_layout`. An organisation therefore sits
in the same place whichever wave, pair of waves or filter is shown, so waves and filters
compare by eye, and the report's picture matches the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import networkx as nx

from ecosystem.layout import stable_layout
from ecosystem.network import NetworkOptions, build_network, roster_network
from ecosystem.survey import Survey

__all__ = ["Positions", "layout_options", "positions"]

Positions = dict[str, tuple[float, float]]
"""Organisation -> (x, y)."""

NetworkOf = Callable[[str, NetworkOptions], nx.DiGraph]
"""The network of a wave with the given options (by default :func:`build_network`)."""


def layout_options(options: NetworkOptions | None = None) -> NetworkOptions:
    """The options whose networks are laid out: the hub, weighting and reconciliation of
    ``options``, with no tie filter.

    >>> dorset = NetworkOptions(hub="Dorset")
    >>> layout_options(replace(dorset, min_frequency=3)) == dorset
    True
    """
    return replace(options or NetworkOptions(), natures=(), min_frequency=0.0, min_relevance=0.0)


def positions(
    survey: Survey, options: NetworkOptions | None = None, network: NetworkOf | None = None
) -> Positions:
    """Node positions shared by every wave of one scope (``options.hub``; None: every hub).

    Parameters
    ----------
    survey : Survey
        The validated survey. Not modified.
    options : NetworkOptions, optional
        The scope (``hub``, already resolved) and how answers become ties; the tie filters
        are ignored (:func:`layout_options`), so a filter never moves an organisation.
    network : callable, optional
        ``network(wave, options)`` gives a wave's network; a face that keeps its networks
        passes its own, so none is built twice. By default :func:`build_network`.

    Returns
    -------
    dict
        Organisation -> (x, y) for every organisation of every wave of the scope (the
        roster alone, with no ties, when the survey holds no responses yet).

    Examples
    --------
    >>> from ecosystem.load import DEMO_FILES, load_survey
    >>> demo = load_survey(DEMO_FILES)
    >>> monthly = positions(demo, NetworkOptions(hub="Dorset", min_frequency=3))
    >>> monthly == positions(demo, NetworkOptions(hub="Dorset")), len(monthly)
    (True, 18)
    """
    laid_out = layout_options(options)
    if not survey.waves:
        return stable_layout([roster_network(survey, "", laid_out)])
    build = network or (lambda wave, chosen: build_network(survey, wave, chosen))
    return stable_layout([build(wave, laid_out) for wave in survey.waves])
