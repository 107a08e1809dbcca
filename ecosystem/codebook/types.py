"""Organisation types: one record each with every wording the product uses for it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from ecosystem.codebook.text import is_blank, normalise_label, wordings


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
    "Innovation hub": "hub",
    "AHSN": "HIN",
    "Academic Health Science Network": "HIN",
    "Health Innovation Network": "HIN",
    "Integrated Care Board": "ICB",
    "Integrated Care System": "ICB",
    "ICS": "ICB",
    "ICB/ICS": "ICB",
    "NHS trust": "trust",
    "Provider": "trust",
    "NHS provider": "trust",
    "NHS provider trust": "trust",
    "Foundation trust": "trust",
    "Academic": "university",
    "Academic partner": "university",
    "University or academic partner": "university",
    "Voluntary": "VCSE",
    "Charity": "VCSE",
    "Voluntary, community or social enterprise": "VCSE",
    "Local authority": "council",
    "Local council": "council",
    "Company": "industry",
    "Business": "industry",
    "National body": "national",
    "Funder": "national",
    "National body or funder": "national",
    "Citizen group": "PPIE",
    "Patient group": "PPIE",
    "PPIE or citizen group": "PPIE",
    "Type not given": "unknown",
}
"""Other wordings of a type, as people write them: wording -> key (matched case- and
space-insensitively). ``surveys/codebook.md`` lists them from here."""

_TYPE_WORDINGS: Final = wordings(ORGANISATION_TYPES, ORGANISATION_TYPE_SYNONYMS, codes=True)


def organisation_type(value: object) -> str:
    """Return the type key of an organisation type as written; ``ValueError`` if unknown."""
    key = _TYPE_WORDINGS.get(normalise_label(value))
    if key is not None:
        return key
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
