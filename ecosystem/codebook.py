"""The codebook: scales, labels, organisation types and the rules that turn answers into ties.

Everything a survey answer can say is defined here once; readers, validation, the network
builder, the CLI and the dashboard all take their words from this module, and
``surveys/codebook.md`` states the same rules for people.

Labels are matched case- and space-insensitively, and numeric codes are accepted too:

>>> FREQUENCY.parse("  weekly ")
4
>>> FREQUENCY.parse("2")
2
>>> RELEVANCE.parse("Very relevant")
3
>>> DIRECTION.parse("They support us")
'in'
>>> DIRECTION.parse("")
'none'
>>> organisation_type("Academic Health Science Network")
'HIN'
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

__all__ = [
    "ALL_HUBS",
    "DIRECTION",
    "FREQUENCY",
    "NATURES",
    "ORGANISATION_TYPES",
    "RARELY",
    "RECONCILIATIONS",
    "RELEVANCE",
    "RELEVANT",
    "TYPES",
    "TYPE_RECORDS",
    "UNKNOWN_TYPE",
    "WEIGHTINGS",
    "CodeScale",
    "DirectionScale",
    "OrganisationType",
    "is_blank",
    "normalise_label",
    "organisation_type",
    "type_in_sentence",
    "type_key",
    "type_label",
    "type_order",
    "type_short",
    "weighting_top",
]


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


@dataclass(frozen=True)
class CodeScale:
    """An ordered answer scale: integer codes, a label each, and other accepted wordings."""

    name: str
    labels: dict[int, str]
    synonyms: dict[str, int] = field(default_factory=dict)

    @property
    def lookup(self) -> dict[str, int]:
        table = {normalise_label(label): code for code, label in self.labels.items()}
        table.update({normalise_label(s): code for s, code in self.synonyms.items()})
        return table

    @property
    def top(self) -> int:
        """The highest code: 4 for frequency (weekly or more), 3 for relevance (highly)."""
        return max(self.labels)

    @property
    def middle(self) -> float:
        """Halfway up the scale: 1.5 for relevance."""
        return (min(self.labels) + max(self.labels)) / 2

    @property
    def accepted(self) -> str:
        """How to answer, for error messages."""
        codes = ", ".join(f"{code} = {label}" for code, label in self.labels.items())
        return f"use one of: {codes} (labels or codes)"

    def parse(self, value: object) -> int:
        """Return the code of an answer; raise ``ValueError`` when it is not on the scale."""
        key = normalise_label(value)
        if key in self.lookup:
            return self.lookup[key]
        try:
            number = float(key)
        except ValueError:
            raise ValueError(f"'{str(value).strip()}' is not a {self.name} answer") from None
        if number.is_integer() and int(number) in self.labels:
            return int(number)
        raise ValueError(
            f"{str(value).strip()} is outside the {self.name} codes "
            f"{min(self.labels)}-{max(self.labels)}"
        )


@dataclass(frozen=True)
class DirectionScale:
    """Who mainly supports whom. Codes are words: out, in, both, none (blank means none)."""

    name: str
    labels: dict[str, str]
    synonyms: dict[str, str]

    @property
    def lookup(self) -> dict[str, str]:
        table = {normalise_label(label): code for code, label in self.labels.items()}
        table.update({normalise_label(code): code for code in self.labels})
        table.update({normalise_label(s): code for s, code in self.synonyms.items()})
        return table

    @property
    def accepted(self) -> str:
        labels = ", ".join(f"'{label}'" for label in self.labels.values())
        return f"use one of: {labels}, or leave blank"

    def parse(self, value: object) -> str:
        if is_blank(value):
            return "none"
        key = normalise_label(value)
        if key in self.lookup:
            return self.lookup[key]
        raise ValueError(f"'{str(value).strip()}' is not a direction of support")


FREQUENCY: Final = CodeScale(
    name="frequency",
    labels={
        0: "Never",
        1: "Less than quarterly",
        2: "Quarterly",
        3: "Monthly",
        4: "Weekly or more",
    },
    synonyms={
        "None": 0,
        "Not at all": 0,
        "Rarely": 1,
        "Once or twice a year": 1,
        "Yearly": 1,
        "Annually": 1,
        "Every few months": 2,
        "Every month": 3,
        "Weekly": 4,
        "Daily": 4,
        "More than weekly": 4,
    },
)
"""How often the respondent interacted with the partner in the last 12 months."""

RELEVANCE: Final = CodeScale(
    name="relevance",
    labels={0: "Not relevant", 1: "Somewhat relevant", 2: "Relevant", 3: "Highly relevant"},
    synonyms={
        "Not at all relevant": 0,
        "Slightly relevant": 1,
        "A little relevant": 1,
        "Moderately relevant": 2,
        "Quite relevant": 2,
        "Very relevant": 3,
        "Essential": 3,
        "Extremely relevant": 3,
    },
)
"""How relevant the partner is to the respondent's innovation work."""

DIRECTION: Final = DirectionScale(
    name="direction",
    labels={
        "out": "We mainly support them",
        "in": "They mainly support us",
        "both": "Both ways",
        "none": "Neither",
    },
    synonyms={
        "We support them": "out",
        "To them": "out",
        "Outgoing": "out",
        "They support us": "in",
        "From them": "in",
        "Incoming": "in",
        "Mutual": "both",
        "Reciprocal": "both",
        "Two-way": "both",
        "Two way": "both",
        "Not applicable": "none",
        "N/A": "none",
    },
)
"""Direction of support, from the respondent's point of view."""

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


@dataclass(frozen=True)
class OrganisationType:
    """One kind of organisation, with every wording the product uses for it.

    Attributes
    ----------
    key : str
        As written in files and tables (``"VCSE"``).
    label : str
        As shown to people in legends, tables and profiles.
    short : str
        A word or two: compact tables and anonymous labels ("VCSE 3").
    plural : str
        In a sentence, several of them ("local councils").
    words : str
        In a sentence, one of them, without its article.
    article : str
        "a" or "an", as ``words`` is spoken.
    colour : str
        The name of its colour in Paul Tol's muted scheme (see ``ecosystem.figures``).
    """

    key: str
    label: str
    short: str
    plural: str
    words: str
    article: str
    colour: str

    @property
    def with_article(self) -> str:
        """One of them in a sentence: "an NHS provider trust"."""
        return f"{self.article} {self.words}"


UNKNOWN_TYPE: Final = "unknown"
"""The type key of an organisation whose type was not given."""

TYPES: Final[tuple[OrganisationType, ...]] = (
    OrganisationType(
        "hub", "Innovation hub", "Hub", "innovation hubs", "innovation hub", "an", "black"
    ),
    OrganisationType(
        "HIN",
        "Health Innovation Network",
        "HIN",
        "Health Innovation Networks",
        "Health Innovation Network",
        "a",
        "teal",
    ),
    OrganisationType(
        "ICB",
        "Integrated Care Board",
        "ICB",
        "Integrated Care Boards",
        "Integrated Care Board",
        "an",
        "indigo",
    ),
    OrganisationType(
        "trust",
        "NHS provider trust",
        "Trust",
        "NHS provider trusts",
        "NHS provider trust",
        "an",
        "cyan",
    ),
    OrganisationType(
        "university",
        "University or academic partner",
        "University",
        "universities or academic partners",
        "university or academic partner",
        "a",
        "sand",
    ),
    OrganisationType(
        "VCSE",
        "Voluntary, community or social enterprise",
        "VCSE",
        "voluntary, community or social enterprise (VCSE) organisations",
        "voluntary, community or social enterprise (VCSE) organisation",
        "a",
        "green",
    ),
    OrganisationType(
        "council", "Local council", "Council", "local councils", "local council", "a", "olive"
    ),
    OrganisationType(
        "industry",
        "Industry",
        "Industry",
        "industry partners",
        "industry partner",
        "an",
        "purple",
    ),
    OrganisationType(
        "national",
        "National body or funder",
        "National body",
        "national bodies or funders",
        "national body or funder",
        "a",
        "wine",
    ),
    OrganisationType(
        "PPIE",
        "PPIE or citizen group",
        "PPIE group",
        "patient and public involvement (PPIE) or citizen groups",
        "patient and public involvement (PPIE) or citizen group",
        "a",
        "rose",
    ),
    OrganisationType(
        UNKNOWN_TYPE,
        "Type not given",
        "Organisation",
        "organisations of unknown type",
        "organisation of unknown type",
        "an",
        "pale_grey",
    ),
)
"""Every organisation type the codebook knows, in the order legends and tables list them
(the hub first, "type not given" last). The one home of every wording of a type."""

TYPE_RECORDS: Final[dict[str, OrganisationType]] = {t.key: t for t in TYPES}

ORGANISATION_TYPES: Final[dict[str, str]] = {t.key: t.label for t in TYPES}
"""Organisation types: key (as written in files and tables) -> label (as shown to people)."""

ORGANISATION_TYPE_SYNONYMS: Final[dict[str, str]] = {
    "innovation hub": "hub",
    "ahsn": "HIN",
    "academic health science network": "HIN",
    "health innovation network": "HIN",
    "integrated care board": "ICB",
    "integrated care system": "ICB",
    "ics": "ICB",
    "icb/ics": "ICB",
    "nhs trust": "trust",
    "provider": "trust",
    "nhs provider": "trust",
    "nhs provider trust": "trust",
    "foundation trust": "trust",
    "academic": "university",
    "academic partner": "university",
    "university or academic partner": "university",
    "voluntary": "VCSE",
    "charity": "VCSE",
    "voluntary, community or social enterprise": "VCSE",
    "local authority": "council",
    "local council": "council",
    "company": "industry",
    "business": "industry",
    "national body": "national",
    "funder": "national",
    "national body or funder": "national",
    "citizen group": "PPIE",
    "patient group": "PPIE",
    "ppie or citizen group": "PPIE",
    "type not given": "unknown",
}


def organisation_type(value: object) -> str:
    """Return the type key of an organisation type as written; ``ValueError`` if unknown."""
    key = normalise_label(value)
    for code, label in ORGANISATION_TYPES.items():
        if key in {normalise_label(code), normalise_label(label)}:
            return code
    if key in ORGANISATION_TYPE_SYNONYMS:
        return ORGANISATION_TYPE_SYNONYMS[key]
    raise ValueError(f"'{str(value).strip()}' is not an organisation type")


def type_key(value: object) -> str | None:
    """The codebook key of a type as written (key, label or synonym); a blank is unknown.

    ``None`` when the codebook does not know the type (a group from another tool's file).

    >>> type_key("Academic Health Science Network"), type_key(""), type_key("Housing")
    ('HIN', 'unknown', None)
    """
    if value is None or is_blank(value):
        return UNKNOWN_TYPE
    if isinstance(value, str) and value in TYPE_RECORDS:
        return value
    try:
        return organisation_type(value)
    except ValueError:
        return None


def type_label(value: object) -> str:
    """The label people read for a type (a group's own name where the codebook lacks it).

    >>> type_label("ICB"), type_label("Housing association")
    ('Integrated Care Board', 'Housing association')
    """
    key = type_key(value)
    return TYPE_RECORDS[key].label if key is not None else str(value).strip()


def type_short(value: object) -> str:
    """A type in a word or two ("Trust"); a type the codebook lacks reads "Organisation".

    >>> type_short("trust"), type_short("Housing association")
    ('Trust', 'Organisation')
    """
    key = type_key(value)
    return TYPE_RECORDS[key if key is not None else UNKNOWN_TYPE].short


def type_in_sentence(value: object, article: bool = True) -> str:
    """A type as a sentence says it: "a local council", "an NHS provider trust".

    >>> type_in_sentence("trust"), type_in_sentence("council", article=False)
    ('an NHS provider trust', 'local council')
    >>> type_in_sentence("Housing association")
    'a Housing association'
    """
    key = type_key(value)
    if key is None:
        text = str(value).strip()
        return f"a {text}" if article else text
    record = TYPE_RECORDS[key]
    return record.with_article if article else record.words


def type_order(types: Iterable[object]) -> list[str]:
    """Distinct types in legend order: codebook order, then others by name, unknown last.

    >>> type_order(["trust", "Housing", "hub", "unknown", "trust"])
    ['hub', 'trust', 'Housing', 'unknown']
    """
    present = {str(t) for t in types}
    known = [t.key for t in TYPES if t.key in present and t.key != UNKNOWN_TYPE]
    others = sorted(present - set(known) - {UNKNOWN_TYPE})
    return known + others + ([UNKNOWN_TYPE] if UNKNOWN_TYPE in present else [])


WEIGHTINGS: Final[dict[str, str]] = {
    "frequency": "Frequency code (1-4)",
    "relevance": "Relevance code (0-3)",
    "product": "Frequency x relevance (0-12)",
    "binary": "Every tie weighs 1",
}
"""How an arc's weight is read from a report. Weights are strengths: higher = closer."""

RELEVANT: Final = 2
"""The relevance code from which a partner counts as relevant ("Relevant" or "Highly")."""

RARELY: Final = 1
"""The frequency code up to which partners meet rarely ("Less than quarterly" or never)."""


def weighting_top(weighting: str) -> float:
    """The highest weight an arc can carry under a weighting; a tie's strength is weight/top.

    >>> [weighting_top(w) for w in WEIGHTINGS]
    [4.0, 3.0, 12.0, 1.0]
    """
    tops = {
        "frequency": float(FREQUENCY.top),
        "relevance": float(RELEVANCE.top),
        "product": float(FREQUENCY.top * RELEVANCE.top),
        "binary": 1.0,
    }
    return tops[weighting]


RECONCILIATIONS: Final[dict[str, str]] = {
    "mean": "Mean of the two reports (a 'Never' counts as 0)",
    "max": "The stronger report",
    "min": "The weaker report (a 'Never' counts as 0)",
    "confirmed": "Keep a tie only where both sides report it",
}
"""How two reports of one pair of organisations are combined."""

DEFAULT_WAVE: Final = "Wave 1"
"""The wave of files that have no ``wave`` column, unless the user names another."""

ALL_HUBS: Final = "All hubs"
"""The scope label of a whole-programme network (every hub's ecosystem together)."""
