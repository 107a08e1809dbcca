"""What a label says, and how big it is: the words and the measures both placements share.

An organisation's label is its ``short_name`` (node attribute; "" or absent when it has
none), else its full name, wrapped onto at most two balanced lines; never cut with "…".
Hover text and the profile keep the full name. The pixel size of a dashboard plot is not
known in Python, so a label's box is estimated from the font size: an average glyph width
for Arial times characters, and a line height times lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = [
    "LABEL_SIZE",
    "LINE_HEIGHT",
    "TEXT_MARGIN",
    "WIDEST_GLYPH",
    "WRAP_AT",
    "label_text",
    "text_box",
    "wrap_name",
]

LABEL_SIZE: Final = 11
"""Font size of organisation labels, in pixels."""

_ARIAL: Final[dict[str, float]] = {
    **dict.fromkeys("abcdeghnopqu0123456789", 0.556),
    **dict.fromkeys("ksvxyzJ", 0.5),
    **dict.fromkeys("ijl'", 0.222),
    **dict.fromkeys("ft .,:;I", 0.278),
    **dict.fromkeys("r()-", 0.333),
    **dict.fromkeys("mM", 0.833),
    **dict.fromkeys("wCDHNRU", 0.722),
    **dict.fromkeys("ABEKPSVXY&", 0.667),
    **dict.fromkeys("FTZL", 0.611),
    **dict.fromkeys("GOQ", 0.778),
    "W": 0.944,
}
"""Advance widths of Arial's glyphs in ems (Liberation Sans, which browsers substitute for it,
has the same metrics); other characters count as :data:`WIDEST_GLYPH`."""

WIDEST_GLYPH: Final = 0.833

TEXT_MARGIN: Final = 1.06
"""Estimated text widths are taken this much wider, to be on the safe side."""

LINE_HEIGHT: Final = 1.3
"""plotly.js's line spacing, in ems."""

WRAP_AT: Final = 20
"""Names longer than this many characters wrap onto two lines."""


def wrap_name(name: str, width: int = WRAP_AT) -> str:
    """A name on one line, or wrapped at a space onto two balanced lines (``<br>``).

    Never cut: a long name without spaces stays on one line.

    >>> wrap_name("Dorset Council")
    'Dorset Council'
    >>> wrap_name("Cambridge University Health Partners")
    'Cambridge University<br>Health Partners'
    >>> wrap_name("Supercalifragilisticexpialidocious")
    'Supercalifragilisticexpialidocious'
    """
    text = " ".join(str(name).split())
    if len(text) <= width:
        return text
    spaces = [k for k, c in enumerate(text) if c == " "]
    if not spaces:
        return text
    best = min(spaces, key=lambda k: (max(k, len(text) - k - 1), k))
    return f"{text[:best]}<br>{text[best + 1 :]}"


def label_text(name: str, attributes: Mapping[str, object]) -> str:
    """What an organisation's label says: its short name if it has one, else its name wrapped.

    >>> label_text("University Hospitals Dorset NHS Foundation Trust", {"short_name": "UHD"})
    'UHD'
    >>> label_text("University Hospitals Dorset NHS Foundation Trust", {"short_name": ""})
    'University Hospitals<br>Dorset NHS Foundation Trust'
    """
    short = str(attributes.get("short_name") or "").strip()
    return short if short else wrap_name(name)


def text_box(text: str, size: float = LABEL_SIZE) -> tuple[float, float]:
    """Estimated width and height in pixels of a label (``<br>`` between lines).

    Widths add up Arial's glyph advances (:data:`_ARIAL`); heights are lines times the line
    spacing.

    >>> text_box("ab<br>abcd", 10.0)
    (23.5744, 26.0)
    """
    lines = text.split("<br>")
    ems = max(sum(_ARIAL.get(c, WIDEST_GLYPH) for c in line) for line in lines)
    return round(ems * size * TEXT_MARGIN, 6), round(len(lines) * size * LINE_HEIGHT, 6)
