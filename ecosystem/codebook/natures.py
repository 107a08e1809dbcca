"""The natures of a tie (tick all that apply) and the wordings they are written in."""

from __future__ import annotations

from typing import Final

from ecosystem.codebook.text import normalise_label

NATURES: Final[dict[str, str]] = {
    "support": "Support and guidance",
    "leadership": "Leadership support",
    "steering": "Steering or programme group",
    "methodology": "Methodology or evaluation advice",
    "in_kind": "In-kind funding or resources",
    "ppie": "PPIE support",
    "joint_bids": "Joint bids or funding applications",
    "data": "Data or digital capacity",
    "horizon_scanning": "Horizon scanning",
    "other": "Other",
}
"""The nature of a tie (tick all that apply): key -> label as the survey shows it."""

NATURE_SYNONYMS: Final[dict[str, str]] = {
    "support and guidance": "support",
    "guidance": "support",
    "leadership": "leadership",
    "steering group": "steering",
    "programme group": "steering",
    "membership of steering or programme groups": "steering",
    "methodology": "methodology",
    "methodologies": "methodology",
    "provision of methodologies": "methodology",
    "evaluation and methodological advice": "methodology",
    "evaluation": "methodology",
    "in-kind funding": "in_kind",
    "in-kind": "in_kind",
    "in kind": "in_kind",
    "in-kind funding or resources": "in_kind",
    "ppie": "ppie",
    "joint bids": "joint_bids",
    "funding applications": "joint_bids",
    "data science capacity": "data",
    "data": "data",
    "digital": "data",
    "horizon scanning": "horizon_scanning",
}


def parse_nature(value: object) -> str:
    """Return the key of one nature answer; raise ``ValueError`` when it is not known.

    >>> parse_nature("Steering group")
    'steering'
    >>> parse_nature("PPIE support")
    'ppie'
    """
    key = normalise_label(value)
    for code, label in NATURES.items():
        if key in {normalise_label(code), normalise_label(label)}:
            return code
    if key in NATURE_SYNONYMS:
        return NATURE_SYNONYMS[key]
    raise ValueError(f"'{str(value).strip()}' is not a nature of tie")
