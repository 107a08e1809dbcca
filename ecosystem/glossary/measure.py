"""One measure, explained: the record every entry of the glossary is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    """One measure, explained.

    Attributes
    ----------
    key : str
        The column name in the measure tables (``"in_degree"``).
    label : str
        A short column heading, in British spelling (``"Supporters"``).
    explanation : str
        Two to four plain sentences: what the measure means in an innovation ecosystem and
        how it is computed, in words.
    higher_is : str
        What a higher value means, as a short phrase ("more central", "more constrained").
    reference : str
        The work that defined the measure, as "Author year".
    technical : str
        The textbook name where the label is a plain-language one (``"in-degree"``), shown
        after it in brackets so a reader who knows the textbook finds it; blank otherwise.
    """

    key: str
    label: str
    explanation: str
    higher_is: str
    reference: str
    technical: str = ""

    @property
    def display(self) -> str:
        """The one label people see, everywhere: "Supporters (in-degree)", "Betweenness"."""
        return f"{self.label} ({self.technical})" if self.technical else self.label
