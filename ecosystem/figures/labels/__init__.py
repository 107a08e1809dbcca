"""Organisation labels on figures: what each says, and where it goes so that none collide.

One place for every label a figure draws beside an organisation; import from here. Both
placements are greedy passes over candidate places, measured from the font size (Imhof's
rule of trying a few places in a fixed order of preference; Christensen, Marks and Shieber
1995 found greedy candidate placement close to optimal), and both give the one type
:class:`PlacedLabel`: a plotly annotation's anchors and pixel shifts, with the label's box.

* **Around the nodes of a network** (:func:`label_annotations`, over
  :func:`place_around_nodes`; :mod:`~ecosystem.figures.labels.around_nodes`): every
  organisation named is placed, on rings of candidates round its disc, in the pixels of a
  reference canvas, clear on every canvas up to three times larger; where no place is clear,
  the one colliding least, with a leader line when far.
* **Beside the points of a scatter chart** (:func:`add_point_labels`, over
  :func:`place_beside_points`; :mod:`~ecosystem.figures.labels.beside_points`): eight
  places round each point, the first clear at the reference plot size and every larger one;
  a name with no clear place is left out (its point names itself on hover).

Why two rules and not one: a network names every organisation it shows (its labels are how
the picture is read), so a label always finds a place; a scatter chart is read for its
leading few and leaves the rest to hover, so a name that collides is dropped rather than
moved far from its point. What a label says, and the size of its box, are
:mod:`~ecosystem.figures.labels.text`'s, shared by both.

References
----------
Imhof, E. (1975). Positioning names on maps. *The American Cartographer* 2(2), 128-144.
Christensen, J., Marks, J. and Shieber, S. (1995). An empirical study of algorithms for
point-feature label placement. *ACM Transactions on Graphics* 14(3), 203-232.
"""

from __future__ import annotations

from ecosystem.figures.labels.around_nodes import (
    FRAME_INSET,
    LABEL_OBSTACLES,
    REFERENCE_PLOT,
    frame_ranges,
    label_annotations,
    obstacle_rows,
    place_around_nodes,
    to_reference_pixels,
)
from ecosystem.figures.labels.beside_points import (
    LABEL_GAP,
    TRIED_AT_MOST,
    add_point_labels,
    place_beside_points,
)
from ecosystem.figures.labels.placed import PlacedLabel
from ecosystem.figures.labels.text import LABEL_SIZE, label_text, text_box, wrap_name

__all__ = [
    "FRAME_INSET",
    "LABEL_GAP",
    "LABEL_OBSTACLES",
    "LABEL_SIZE",
    "REFERENCE_PLOT",
    "TRIED_AT_MOST",
    "PlacedLabel",
    "add_point_labels",
    "frame_ranges",
    "label_annotations",
    "label_text",
    "obstacle_rows",
    "place_around_nodes",
    "place_beside_points",
    "text_box",
    "to_reference_pixels",
    "wrap_name",
]
