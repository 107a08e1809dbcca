"""The survey in words: the network options, what changed, and the kinds of gap.

One wording, so the figure's subtitle, the exported file and the report's "What this report
covers" say the same thing about the same choices, and every face names a change or a
missing connection alike (the sentences themselves are written by the analysis:
:func:`describe_changes`, :data:`GAP_TITLES`, :data:`GAP_DETAILS`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ecosystem.analysis.change import describe_changes
from ecosystem.analysis.gaps import GAP_DETAILS, GAP_KINDS, GAP_TITLES
from ecosystem.codebook import FREQUENCY, NATURES, RECONCILIATIONS, RELEVANCE, WEIGHTINGS
from ecosystem.network import NetworkOptions

__all__ = [
    "GAP_DETAILS",
    "GAP_KINDS",
    "GAP_TITLES",
    "FilterWords",
    "describe_changes",
    "describe_filters",
    "filter_words",
]


@dataclass(frozen=True)
class FilterWords:
    """The choices behind the ties, in words: the one rule, rendered short or in full.

    A figure's subtitle has room for a line (:meth:`caption`); the report's "What this
    report covers" explains each choice in a sentence (:meth:`sentences`). Both read the
    same words, so a filter is never named one way on the screen and another in print.

    >>> words = filter_words(NetworkOptions(min_frequency=3))
    >>> words.kept
    ('met monthly or more',)
    >>> words.sentences()[2]
    'Ties kept: only those met monthly or more.'
    """

    kept: tuple[str, ...]
    """Each filter a tie must pass ("met monthly or more"); empty when every tie is kept."""
    weighting: str
    """The weighting's key (:data:`~ecosystem.codebook.WEIGHTINGS`)."""
    reconciliation: str
    """How two reports of a pair become one (key of :data:`~ecosystem.codebook.RECONCILIATIONS`)."""

    def caption(self) -> str:
        """One line for a figure's subtitle or an export's caption."""
        parts = [f"ties {kept}" for kept in self.kept]
        parts.append(f"weights: {self.weighting}")
        parts.append(f"two reports: {self.reconciliation}")
        return "; ".join(parts)

    def sentences(self) -> list[str]:
        """A sentence for each choice, as the report lists them."""
        reconciliation = RECONCILIATIONS[self.reconciliation]
        kept = (
            "Ties kept: only those " + "; ".join(self.kept) + "."
            if self.kept
            else "Ties kept: every reported tie (no filter)."
        )
        return [
            f"Tie weight: {WEIGHTINGS[self.weighting].lower()}.",
            "Where both organisations of a pair answered: "
            f"{reconciliation[0].lower()}{reconciliation[1:]}.",
            kept,
        ]


def filter_words(options: NetworkOptions) -> FilterWords:
    """The tie filters, weighting and reconciliation of ``options`` in words."""
    kept = []
    if options.natures:
        kept.append("of nature " + ", ".join(NATURES[n].lower() for n in options.natures))
    if options.min_frequency:
        label = FREQUENCY.labels.get(int(options.min_frequency), str(options.min_frequency))
        kept.append(f"met {label.lower()} or more")
    if options.min_relevance:
        label = RELEVANCE.labels.get(int(options.min_relevance), str(options.min_relevance))
        kept.append(f"rated {label.lower()} or more")
    return FilterWords(tuple(kept), options.weighting, options.reconciliation)


def describe_filters(options: NetworkOptions) -> str:
    """The tie filters and weighting in one line, for captions and subtitles.

    >>> describe_filters(NetworkOptions(min_frequency=3))
    'ties met monthly or more; weights: frequency; two reports: mean'
    >>> describe_filters(NetworkOptions(natures=("ppie",), weighting="binary"))
    'ties of nature ppie support; weights: binary; two reports: mean'
    """
    return filter_words(options).caption()
