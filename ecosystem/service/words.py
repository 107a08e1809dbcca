"""The survey in words: the network options, what changed, and the kinds of gap.

One wording, so the figure's subtitle, the exported file and the report's "What this report
covers" say the same thing about the same choices, and every face names a change or a
missing connection alike (the sentences themselves are written by the analysis:
:func:`describe_changes`, :data:`GAP_TITLES`, :data:`GAP_DETAILS`).
"""

from __future__ import annotations

from ecosystem.analysis.change import describe_changes
from ecosystem.analysis.gaps import GAP_DETAILS, GAP_KINDS, GAP_TITLES
from ecosystem.codebook import FREQUENCY, NATURES, RELEVANCE
from ecosystem.network import NetworkOptions

__all__ = ["GAP_DETAILS", "GAP_KINDS", "GAP_TITLES", "describe_changes", "describe_filters"]


def describe_filters(options: NetworkOptions) -> str:
    """The tie filters and weighting in words, for captions and reports.

    >>> describe_filters(NetworkOptions(min_frequency=3))
    'ties met monthly or more; weights: frequency; two reports: mean'
    >>> describe_filters(NetworkOptions(natures=("ppie",), weighting="binary"))
    'ties of nature ppie support; weights: binary; two reports: mean'
    """
    parts = []
    if options.natures:
        parts.append("ties of nature " + ", ".join(NATURES[n].lower() for n in options.natures))
    if options.min_frequency:
        label = FREQUENCY.labels[int(options.min_frequency)].lower()
        parts.append(f"ties met {label} or more")
    if options.min_relevance:
        label = RELEVANCE.labels[int(options.min_relevance)].lower()
        parts.append(f"ties rated {label} or more")
    parts.append(f"weights: {options.weighting}")
    parts.append(f"two reports: {options.reconciliation}")
    return "; ".join(parts)
