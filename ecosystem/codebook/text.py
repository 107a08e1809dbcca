"""How answers are compared: case, spaces and blanks."""

from __future__ import annotations

import math
import re


def normalise_label(value: object) -> str:
    """Lower-case a label and squeeze its spaces, so "Weekly  or MORE" matches "weekly or more".

    >>> normalise_label("  Weekly  or MORE ")
    'weekly or more'
    """
    text = str(value).replace("\u00a0", " ").strip().lower()
    return re.sub(r"\s+", " ", text)


def is_blank(value: object) -> bool:
    """True for an empty cell: None, NaN, or only spaces."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return str(value).strip() == "" or normalise_label(value) in {"nan", "<na>"}
