"""How answers are compared: case, spaces, blanks, and the other wordings of a code."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TypeVar

_Code = TypeVar("_Code")


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


def wordings(
    labels: Mapping[_Code, str], synonyms: Mapping[str, _Code], *, codes: bool = False
) -> dict[str, _Code]:
    """Every accepted wording of a codebook entry, normalised, with the code it stands for.

    A code's label, the code itself when ``codes`` (codes that are words, as natures and
    types are), and the other wordings of ``synonyms``; a label or code wins over a synonym,
    and an earlier code over a later one.

    >>> wordings({"trust": "NHS Trust"}, {"Hospital": "trust"}, codes=True)
    {'hospital': 'trust', 'nhs trust': 'trust', 'trust': 'trust'}
    """
    table = {normalise_label(wording): code for wording, code in synonyms.items()}
    for code, label in reversed(list(labels.items())):
        table[normalise_label(label)] = code
        if codes:
            table[normalise_label(code)] = code
    return table
