"""What a hub lead reads first: how many findings of each kind, and the strongest actions.

A hub's findings come sorted by kind (:data:`GAP_KINDS`), so a long kind (twenty proposed
introductions) fills the first screen and hides the rest. Scores are comparable only within
a kind (each kind scores its own evidence), so the findings are not ranked by raw score
across kinds either. Instead :func:`interleaved` takes the findings in **rounds**: the
strongest finding of every kind, then the second strongest of every kind, and so on; within
a round, the higher score goes first. The first few findings then span every kind there is,
each kind's best first, and :func:`strongest_actions` is the head of that order, each with
one sentence saying what to do (:func:`~ecosystem.analysis.gaps.wording.action_sentence`).
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from ecosystem.analysis.gaps.findings import GAP_KINDS, GAP_TITLES
from ecosystem.analysis.gaps.wording import action_sentence

__all__ = ["STRONGEST", "interleaved", "kind_counts", "strongest_actions"]

STRONGEST: Final = 5
"""How many findings the summary puts first as the strongest actions."""


def kind_counts(findings: pd.DataFrame) -> pd.DataFrame:
    """How many findings of each kind there are, in the order of :data:`GAP_KINDS`.

    Returns a table with columns ``kind``, ``title`` (:data:`GAP_TITLES`, the words a hub
    lead reads) and ``count``; kinds without findings are left out.

    >>> findings = pd.DataFrame({"kind": ["introduction", "relevance_gap", "introduction"]})
    >>> kind_counts(findings).values.tolist()
    [['relevance_gap', 'Relevant but rarely met', 1], ['introduction', 'Partners to introduce \
to each other', 2]]
    """
    counts = findings["kind"].value_counts()
    kinds = [k for k in GAP_KINDS if k in counts.index]
    kinds += sorted(str(k) for k in counts.index if k not in GAP_KINDS)
    return pd.DataFrame(
        {
            "kind": kinds,
            "title": [GAP_TITLES.get(k, k) for k in kinds],
            "count": [int(counts[k]) for k in kinds],
        }
    )


def interleaved(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings in rounds across kinds: each kind's strongest, then each kind's second
    strongest, and so on; by score (highest first) within a round.

    Why rounds rather than one ranking by score: scores are comparable only within a kind,
    and one long kind would otherwise fill the first page. Equal scores fall back on the
    order of :data:`GAP_KINDS`, then on the organisations' names, so the order is fixed.
    A new table is returned (index 0, 1, ...); ``findings`` is not modified.

    >>> findings = pd.DataFrame({
    ...     "kind": ["introduction"] * 3 + ["fragile"],
    ...     "organisation": ["A", "B", "C", "D"], "other": ["", "", "", ""],
    ...     "score": [0.9, 0.8, 0.7, 0.3]})
    >>> interleaved(findings)["organisation"].tolist()
    ['A', 'D', 'B', 'C']
    """
    if findings.empty:
        return findings.reset_index(drop=True)
    kind_order = (
        findings["kind"].map({k: i for i, k in enumerate(GAP_KINDS)}).fillna(len(GAP_KINDS))
    )
    ranked = findings.assign(_kind=kind_order, _score=-findings["score"].astype(float))
    ranked = ranked.sort_values(["_kind", "_score", "organisation", "other"], kind="stable")
    ranked["_round"] = ranked.groupby("kind", sort=False).cumcount()
    ranked = ranked.sort_values(
        ["_round", "_score", "_kind", "organisation", "other"], kind="stable"
    )
    return ranked.drop(columns=["_kind", "_score", "_round"]).reset_index(drop=True)


def strongest_actions(findings: pd.DataFrame, limit: int = STRONGEST) -> pd.DataFrame:
    """The first ``limit`` findings of :func:`interleaved`, each with an ``action``: one
    sentence saying what to do (:func:`~ecosystem.analysis.gaps.wording.action_sentence`).

    With findings of several kinds, the strongest of each kind come first, so the list is not
    all introductions. Returns the columns of ``findings`` and ``action``.
    """
    top = interleaved(findings).head(max(limit, 0)).copy()
    top["action"] = [
        action_sentence(
            str(finding.detail),
            str(finding.organisation),
            str(finding.other),
            str(finding.organisation_type),
            str(finding.other_type),
        )
        for finding in top.itertuples(index=False)
    ]
    return top
