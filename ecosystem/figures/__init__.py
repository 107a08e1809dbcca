"""Plotly figures of partner networks and their measures, styled in one place.

Every figure the dashboard shows comes from a function here, and the same function serves
exports, so each figure stands on its own: a title, a legend, axis titles in plain words, a
caption saying what sizes, widths and arrows mean, and an "Illustrative data" mark where
asked. The functions are pure (graphs and DataFrames in, a new :class:`plotly.graph_objects.Figure`
out; inputs never modified) and deterministic (no randomness; organisations in name order),
so two calls give equal figures.

Modules
-------
- :mod:`~ecosystem.figures.style`: palettes, colours by organisation type, fonts, sizes and
  the shared look (:func:`~ecosystem.figures.style.apply_style`).
- :mod:`~ecosystem.figures.formats`: how values, changes and names are written.
- :mod:`~ecosystem.figures.traces`: the trace builders the network and the difference map
  share (placement, tie lines, hover points, rings, one trace per type, the frame).
- :mod:`~ecosystem.figures.network`: :func:`network_figure`, and :func:`network_overlay`, what
  a change of size measure or highlight redraws in a large one.
- :mod:`~ecosystem.figures.nodes`: organisations sized by a measure, one trace per type.
- :mod:`~ecosystem.figures.weights`: ties' weight bands and their names.
- :mod:`~ecosystem.figures.labels`: organisation labels, what they say and where they go
  (around a network's nodes, beside a scatter chart's points).
- :mod:`~ecosystem.figures.difference`: :func:`difference_figure`.
- :mod:`~ecosystem.figures.change`: dumbbells of change between two waves.
- :mod:`~ecosystem.figures.catalysis`: :func:`catalysis_figure`, partners newly tied.
- :mod:`~ecosystem.figures.structural_holes`: :func:`structural_holes_figure`, constraint
  against effective size.
- :mod:`~ecosystem.figures.brokerage_matrix`: :func:`brokerage_matrix_figure`, brokerage
  between organisation types.
- :mod:`~ecosystem.figures.brokerage_roles`: :func:`brokerage_roles_figure`, the leading
  brokers' roles.
- :mod:`~ecosystem.figures.overview`: :func:`overview_figure`, the same measures at every site.

Words
-----
Organisation types are named, ordered and coloured by the codebook
(:data:`ecosystem.codebook.TYPES`); :func:`type_label` and :func:`type_order` here are the
codebook's own. Measures are named by the glossary (:func:`ecosystem.glossary.measure_label`)
in hover text, axis titles, legends and captions alike.

Colours
-------
Organisation types take the colours of Paul Tol's qualitative **muted** scheme, designed to
stay distinguishable under the common forms of colour-blindness: its nine colours, plus the
black and pale grey that his ``tol_colors`` module ships with it (pale grey is his colour for
missing data, here "type not given"). Roles and waves use his **bright** and **vibrant**
schemes; heatmaps use the perceptually uniform, colour-blind-safe "Cividis" scale. Change
between two waves uses his bright blue (ties gained, values that rose) and red (ties lost,
values that fell), with lost ties also dashed, so colour is never the only cue.

References
----------
Tol, P. (2021). *Colour Schemes*. SRON technical note SRON/EPS/TN/09-002, issue 3.2,
https://personal.sron.nl/~pault/ (schemes "muted", "bright" and "vibrant").

Nunez, J. R., Anderton, C. R. and Renslow, R. S. (2018). Optimizing colormaps with
consideration for color vision deficiency to enable accurate interpretation of scientific
data. *PLOS ONE* 13(7), e0199239 (Cividis).

Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation. *Sociological
Methodology* 19, 89-126 (brokerage roles). Burt, R. S. (1992). *Structural Holes*. Harvard
University Press (constraint, effective size).
"""

from __future__ import annotations

from ecosystem.codebook import type_label, type_order
from ecosystem.figures.brokerage_matrix import brokerage_matrix_figure
from ecosystem.figures.brokerage_roles import brokerage_roles_figure
from ecosystem.figures.catalysis import catalysis_figure
from ecosystem.figures.change import network_change_figure, organisation_change_figure
from ecosystem.figures.difference import TIE_CHANGES, difference_figure
from ecosystem.figures.introductions import add_introductions as add_introductions
from ecosystem.figures.network import NetworkOverlay, network_figure, network_overlay
from ecosystem.figures.overview import overview_figure
from ecosystem.figures.structural_holes import structural_holes_figure
from ecosystem.figures.style import (
    GAINED_COLOUR,
    ILLUSTRATIVE_COLOUR,
    ILLUSTRATIVE_TEXT,
    LOST_COLOUR,
    ROLE_COLOURS,
    ROLE_LABELS,
    TOL_MUTED,
    TYPE_COLOURS,
    WAVE_COLOURS,
    type_colour,
)

__all__ = [
    "GAINED_COLOUR",
    "ILLUSTRATIVE_COLOUR",
    "ILLUSTRATIVE_TEXT",
    "LOST_COLOUR",
    "ROLE_COLOURS",
    "ROLE_LABELS",
    "TIE_CHANGES",
    "TOL_MUTED",
    "TYPE_COLOURS",
    "WAVE_COLOURS",
    "NetworkOverlay",
    "brokerage_matrix_figure",
    "brokerage_roles_figure",
    "catalysis_figure",
    "difference_figure",
    "network_change_figure",
    "network_figure",
    "network_overlay",
    "organisation_change_figure",
    "overview_figure",
    "structural_holes_figure",
    "type_colour",
    "type_label",
    "type_order",
]
