"""The natures of a tie (tick all that apply) and the wordings they are written in."""

from __future__ import annotations

from typing import Final

from ecosystem.codebook.text import normalise_label, wordings

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

INFORMATION_NATURES: Final[tuple[str, ...]] = ("support", "horizon_scanning", "methodology", "data")
"""The natures of a tie that carry information: a tie of any of them passes knowledge on.

The hubs' **information dissemination** function (raising awareness of innovations and how
to adopt them) travels along these, and not along the others:

* ``support`` (support and guidance): advice on what to adopt and how is information itself;
* ``horizon_scanning``: telling a partner what innovations are coming is the purest case;
* ``methodology`` (methodology or evaluation advice): passes on methods and evidence;
* ``data`` (data or digital capacity): shares data, analyses and digital know-how.

Leadership, steering groups, in-kind resources, PPIE support and joint bids are ties of
governance, resources or joint work; they may carry news too, but that is not what they
are for, so they do not count.

>>> set(INFORMATION_NATURES) <= set(NATURES)
True
"""

NATURE_SYNONYMS: Final[dict[str, str]] = {
    "Support and guidance": "support",
    "Guidance": "support",
    "Leadership": "leadership",
    "Steering group": "steering",
    "Programme group": "steering",
    "Membership of steering or programme groups": "steering",
    "Methodology": "methodology",
    "Methodologies": "methodology",
    "Provision of methodologies": "methodology",
    "Evaluation and methodological advice": "methodology",
    "Evaluation": "methodology",
    "In-kind funding": "in_kind",
    "In-kind": "in_kind",
    "In kind": "in_kind",
    "In-kind funding or resources": "in_kind",
    "PPIE": "ppie",
    "Joint bids": "joint_bids",
    "Funding applications": "joint_bids",
    "Data science capacity": "data",
    "Data": "data",
    "Digital": "data",
    "Horizon scanning": "horizon_scanning",
}
"""Other wordings of a nature, as people write them: wording -> key (matched case- and
space-insensitively). ``surveys/codebook.md`` lists them from here."""

_NATURE_WORDINGS: Final = wordings(NATURES, NATURE_SYNONYMS, codes=True)


def parse_nature(value: object) -> str:
    """Return the key of one nature answer; raise ``ValueError`` when it is not known.

    >>> parse_nature("Steering group")
    'steering'
    >>> parse_nature("PPIE support")
    'ppie'
    """
    key = _NATURE_WORDINGS.get(normalise_label(value))
    if key is not None:
        return key
    raise ValueError(f"'{str(value).strip()}' is not a nature of tie")
