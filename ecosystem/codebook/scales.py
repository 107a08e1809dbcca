"""The answer scales (frequency, relevance, direction), how they weigh ties, and how two
reports of one tie are combined."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from ecosystem.codebook.text import is_blank, normalise_label, wordings


@dataclass(frozen=True)
class CodeScale:
    """An ordered answer scale: integer codes, a label each, and other accepted wordings."""

    name: str
    labels: dict[int, str]
    synonyms: dict[str, int] = field(default_factory=dict)

    @property
    def lookup(self) -> dict[str, int]:
        return wordings(self.labels, self.synonyms)

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
        return wordings(self.labels, self.synonyms, codes=True)

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
