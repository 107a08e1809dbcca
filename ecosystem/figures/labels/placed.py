"""A placed label: the one type both placements give, whatever the picture.

A label is drawn as a plotly annotation at its organisation's position: anchored
(``xanchor``, ``yanchor``) and shifted by a number of pixels, so it keeps its place beside
the organisation at any plot size. Its box (``centre`` relative to the organisation, and
``size``) is what the placements keep apart.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PlacedLabel"]


@dataclass(frozen=True)
class PlacedLabel:
    """A label placed beside its organisation: plotly annotation anchors and pixel shifts.

    ``index`` is the organisation's row among the points the placement was given; ``text``
    what the label says (blank where the placement was given only the boxes' sizes).
    ``centre`` and ``size`` are the label box's centre (relative to its organisation) and
    size in pixels, y upwards, as measured from the font size. ``far`` says whether it sits
    far enough away to need a thin leader line to its organisation.
    """

    index: int
    text: str
    xanchor: str
    yanchor: str
    xshift: float
    yshift: float
    centre: tuple[float, float]
    size: tuple[float, float]
    far: bool = False
