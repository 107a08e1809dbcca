"""The nearest known names to a name a person wrote: one matcher and one threshold.

Validation suggests them for an unknown organisation, the Data view offers them to save as
an alias, the workspace names them for an unknown wave and the profile for an unknown
organisation. All of them call :func:`nearest_names`, so a name matched in one place is
matched in every other.

Names are compared with rapidfuzz's ``token_sort_ratio`` after its default processing (lower
case, punctuation as spaces): it forgives typing slips ("NHS Dorest") and, unlike difflib's
ratio, words in another order ("Cambridge University" for "University of Cambridge").

>>> nearest_names("Cambridge University", ["University of Cambridge", "Dorset Council"])
['University of Cambridge']
>>> nearest_names("Saint John's Hospyce", ["Saint John's Hospice", "NHS Dorset"])
["Saint John's Hospice"]
>>> nearest_names("Zebra Ltd", ["Dorset Council", "NHS Dorset"])
[]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from rapidfuzz import fuzz, process, utils

from ecosystem.settings import SETTINGS

__all__ = ["MATCH_THRESHOLD", "RENAMED_THRESHOLD", "SUGGESTIONS", "nearest_names", "renamed_forms"]

MATCH_THRESHOLD: Final = SETTINGS.name_match_threshold
"""The lowest ``token_sort_ratio`` (0-100) at which a known name is offered as a match.
Chosen on the demo's names: typing slips and reordered words score 80-96, names that merely
share a place ("Dorset ...") 45-72, unrelated names under 35."""

RENAMED_THRESHOLD: Final = SETTINGS.name_renamed_threshold
"""The lowest score for a renamed form ("Health Innovation Wesex" for "Wesex AHSN"): higher,
because the words every renamed form shares ("Health Innovation") lift every score."""

_CUTOFFS: Final = (MATCH_THRESHOLD, RENAMED_THRESHOLD, RENAMED_THRESHOLD)

SUGGESTIONS: Final = SETTINGS.name_suggestions
"""How many nearest names are offered at most."""


def renamed_forms(written: str) -> list[str]:
    """The forms a name may take after a known rename, the name itself first.

    The regional Academic Health Science Networks became Health Innovation Networks in 2023,
    so "Wessex AHSN" is also looked for as "Health Innovation Wessex".

    >>> renamed_forms("Wessex AHSN")
    ['Wessex AHSN', 'Health Innovation Wessex']
    """
    forms = [written]
    if "AHSN" in written:
        forms.append("Health Innovation " + " ".join(written.replace("AHSN", " ").split()))
    return forms


def nearest_names(written: str, known: Iterable[str], limit: int = SUGGESTIONS) -> list[str]:
    """The known names nearest to ``written``, best first, at most ``limit`` of them.

    Only names scoring at least :data:`MATCH_THRESHOLD` are returned; a name exactly equal to
    ``written`` is returned too (callers decide whether an exact match needs suggesting).
    Names near the name as written come first, by score (ties in the order given); names
    near a renamed form only (:func:`renamed_forms`, from :data:`RENAMED_THRESHOLD` up)
    follow. Each known name is offered once.
    """
    choices = list(dict.fromkeys(str(name) for name in known))
    if not choices or not str(written).strip():
        return []
    ranked: list[str] = []
    for form, cutoff in zip(renamed_forms(str(written)), _CUTOFFS, strict=False):
        for name, _, _ in process.extract(
            form,
            choices,
            scorer=fuzz.token_sort_ratio,
            processor=utils.default_process,
            score_cutoff=cutoff,
            limit=None,
        ):
            if name not in ranked:
                ranked.append(name)
    return ranked[:limit]
