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

from typing import Final

from ecosystem.codebook.natures import (
    INFORMATION_NATURES,
    NATURE_SYNONYMS,
    NATURES,
    parse_nature,
)
from ecosystem.codebook.scales import (
    DIRECTION,
    FREQUENCY,
    RARELY,
    RECONCILIATIONS,
    RELEVANCE,
    RELEVANT,
    WEIGHTINGS,
    CodeScale,
    DirectionScale,
    weighting_top,
)
from ecosystem.codebook.text import is_blank, normalise_label
from ecosystem.codebook.types import (
    ORGANISATION_TYPE_SYNONYMS,
    ORGANISATION_TYPES,
    TYPE_RECORDS,
    TYPES,
    UNKNOWN_TYPE,
    OrganisationType,
    organisation_type,
    type_in_sentence,
    type_key,
    type_label,
    type_order,
    type_short,
)

__all__ = [
    "ALL_HUBS",
    "DIRECTION",
    "FREQUENCY",
    "INFORMATION_NATURES",
    "NATURES",
    "NATURE_SYNONYMS",
    "ORGANISATION_TYPES",
    "ORGANISATION_TYPE_SYNONYMS",
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
    "parse_nature",
    "type_in_sentence",
    "type_key",
    "type_label",
    "type_order",
    "type_short",
    "weighting_top",
]

DEFAULT_WAVE: Final = "Wave 1"
"""The wave of files that have no ``wave`` column, unless the user names another."""

ALL_HUBS: Final = "All hubs"
"""The scope label of a whole-programme network (every hub's ecosystem together)."""
