"""Which pairs of organisations a wave of the survey observed.

In a partner-mapping survey a tie between two organisations that did not answer is not
absent: it is unseen. Each respondent answers about the roster it was shown (its
ecosystem's organisations in that wave), so the survey observed a pair of organisations
when at least one of the two answered in that wave about a roster holding the other
(the rule is stated in ``surveys/codebook.md``, section "Observed pairs"):

* the **respondents** of a wave are the organisations with at least one answer in it;
* the roster a respondent **answered about** holds the wave's organisations of its own
  ecosystem (those sharing a hub with it), or the whole wave's roster where the respondent
  has no hub (or the survey has no hubs), plus every organisation it named in that wave
  (a "Never" included);
* a pair is **observed** when one of its two organisations is a respondent whose roster
  holds the other. Two non-respondents' pair is unobserved, and so is a respondent's pair
  with an organisation of another ecosystem that it did not name;
* a wave read from another tool's edge list (no survey answers) is taken as that tool's
  complete network: every pair of its organisations is observed; in a wave with both, an
  edge list's arcs observe their pairs.

Why it matters: today's rule lets a one-sided report stand (reconstruction, Huisman [1]_),
which keeps ties but cannot tell an unseen pair from an absent tie. Comparing two waves over
every pair then reads a rise in response as a rise in partnership; comparing over the pairs
observed in both waves does not.

References
----------
.. [1] Huisman, M. (2009). Imputation of missing network data: some simple procedures.
   *Journal of Social Structure* 10(1), 1-29.

Examples
--------
>>> import pandas as pd
>>> from ecosystem.survey import Survey, empty_edges, empty_organisations
>>> responses = pd.DataFrame({
...     "wave": ["W", "W"], "respondent": ["Hub", "Hub"], "partner": ["Trust", "ICB"],
...     "frequency": [4, 0], "relevance": [3.0, float("nan")], "direction": ["out", "none"],
...     "nature": [(), ()], "respondent_person": ["", ""], "submitted": ["", ""],
...     "source_file": ["r.csv", "r.csv"], "source_row": [2, 3]})
>>> seen = observed_pairs(Survey(empty_organisations(), responses, empty_edges()), "W")
>>> sorted(seen.respondents), sorted(seen.pairs)
(['Hub'], [('Hub', 'ICB'), ('Hub', 'Trust')])
>>> seen.covers("Trust", "ICB")
False
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Final

import numpy as np

from ecosystem.network import NetworkOptions, roster
from ecosystem.survey import Survey

__all__ = ["OBSERVATION_RULE", "Observation", "observed_pairs", "unordered"]

OBSERVATION_RULE: Final = (
    "A pair of organisations is observed in a wave when at least one of the two answered in "
    "that wave about a roster holding the other (its ecosystem's organisations, or any it "
    "named); a tie between two organisations that did not answer is unseen, not absent."
)
"""The rule in one sentence, as the codebook and the comparisons state it."""


def unordered(u: str, v: str) -> tuple[str, str]:
    """The unordered pair of two organisations, as a tuple in name order.

    >>> unordered("Trust", "Hub")
    ('Hub', 'Trust')
    """
    return (u, v) if str(u) <= str(v) else (v, u)


@dataclass(frozen=True)
class Observation:
    """The pairs of organisations one wave observed (see the module docstring).

    Attributes
    ----------
    wave : str
        The wave.
    organisations : tuple of str
        The organisations of the wave's roster (of one hub, where the options named one),
        sorted by name.
    respondents : frozenset of str
        Those of them that answered in the wave.
    ecosystems : Mapping of str to frozenset of str
        Each organisation's hubs; an empty set means the organisation answered about (or is
        on) the whole roster of the wave.
    named : frozenset of tuple
        Unordered pairs that an answer (a "Never" included) or an edge list's arc names.
    complete : bool
        True for a wave with no survey answers (another tool's edge list): every pair of its
        organisations is observed.
    """

    wave: str
    organisations: tuple[str, ...]
    respondents: frozenset[str]
    ecosystems: Mapping[str, frozenset[str]] = field(default_factory=dict, hash=False)
    named: frozenset[tuple[str, str]] = frozenset()
    complete: bool = False

    def covers(self, u: str, v: str) -> bool:
        """True when the wave observed the pair {u, v} (False for u == v or an organisation
        not on the roster)."""
        if u == v or u not in self._members or v not in self._members:
            return False
        if self.complete or unordered(u, v) in self.named:
            return True
        return (u in self.respondents and self._sees(u, v)) or (
            v in self.respondents and self._sees(v, u)
        )

    @property
    def pairs(self) -> frozenset[tuple[str, str]]:
        """Every observed pair, as name-ordered tuples (materialised: n^2 / 2 at most)."""
        names = list(self.organisations)
        first, second = np.nonzero(np.triu(self.matrix(names), k=1))
        return frozenset(
            unordered(names[i], names[j])
            for i, j in zip(first.tolist(), second.tolist(), strict=True)
        )

    def matrix(self, names: Sequence[str]) -> np.ndarray:
        """Boolean matrix over ``names``: cell (i, j) is True when the pair is observed.

        Symmetric with a False diagonal; a name not on the roster has an all-False row and
        column. Computed from the hub memberships at once, not pair by pair.
        """
        n = len(names)
        on = np.array([name in self._members for name in names], dtype=bool)
        if self.complete:
            cells = np.outer(on, on)
        else:
            hubs = sorted({hub for name in names for hub in self.ecosystems.get(name, ())})
            column = {hub: j for j, hub in enumerate(hubs)}
            incidence = np.zeros((n, len(hubs)), dtype=np.int64)
            whole = np.zeros(n, dtype=bool)
            for i, name in enumerate(names):
                own = self.ecosystems.get(name, frozenset())
                whole[i] = not own
                incidence[i, [column[hub] for hub in own]] = 1
            sees = (incidence @ incidence.T > 0) | whole[:, None]
            answered = np.array([name in self.respondents for name in names], dtype=bool)
            cells = (answered[:, None] & sees) | (answered[None, :] & sees.T)
            if self.named:
                index = {name: i for i, name in enumerate(names)}
                for u, v in self.named:
                    first, second = index.get(u), index.get(v)
                    if first is not None and second is not None:
                        cells[first, second] = cells[second, first] = True
            cells &= np.outer(on, on)
        np.fill_diagonal(cells, False)
        return cells

    @cached_property
    def _members(self) -> frozenset[str]:
        return frozenset(self.organisations)

    def _sees(self, respondent: str, other: str) -> bool:
        """Whether the roster a respondent answered about holds ``other``."""
        own = self.ecosystems.get(respondent, frozenset())
        return not own or bool(own & self.ecosystems.get(other, frozenset()))


def observed_pairs(survey: Survey, wave: str, options: NetworkOptions | None = None) -> Observation:
    """The pairs of organisations that one wave of a survey observed.

    Parameters
    ----------
    survey : Survey
        The validated survey.
    wave : str
        The wave.
    options : NetworkOptions, optional
        The network's options: ``hub`` keeps that hub's organisations, ``respondents_only``
        the organisations that answered (among which every pair is observed). Weighting,
        reconciliation and tie filters do not change what was observed.

    Returns
    -------
    Observation
        The wave's roster, respondents, each organisation's ecosystem and the pairs named,
        from which :meth:`Observation.covers` and :meth:`Observation.matrix` answer.

    See Also
    --------
    ecosystem.network.build_network : the network of the wave, whose nodes carry
        ``responded``.
    ecosystem.network.roster : the wave's roster.

    Notes
    -----
    A respondent's roster is its ecosystem's organisations (``hub`` column), because that
    is the list its questionnaire showed (codebook, section 1); an organisation in several
    ecosystems answered about all of them. Where nothing tells a respondent's ecosystem
    (no hubs in the survey, no hub for it, or not in the organisations file) it is taken
    to have answered about the whole roster of the wave. An organisation that a respondent
    named is on the roster it answered about, whichever ecosystem it belongs to.

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.survey import Survey, empty_edges, empty_responses
    >>> organisations = pd.DataFrame(
    ...     {"type": ["hub", "trust", "hub"], "hubs": [("North",), ("North",), ("South",)],
    ...      "region": ["", "", ""], "aliases": [(), (), ()], "waves": [(), (), ()],
    ...      "short_name": ["", "", ""]},
    ...     index=pd.Index(["North Hub", "North Trust", "South Hub"], name="name"))
    >>> responses = empty_responses().astype(object)
    >>> responses.loc[0] = ["W", "North Hub", "North Trust", 2, 1.0, "out", (), "", "", "", 2]
    >>> seen = observed_pairs(Survey(organisations, responses, empty_edges()), "W")
    >>> seen.covers("North Hub", "North Trust"), seen.covers("North Hub", "South Hub")
    (True, False)
    """
    options = options or NetworkOptions()
    names = roster(survey, wave, options.hub)
    responses = survey.responses[survey.responses["wave"] == wave]
    edges = survey.edges[survey.edges["wave"] == wave]
    answered = set(responses["respondent"])
    complete = responses.empty
    if options.respondents_only and not complete:
        names = [name for name in names if name in answered]
    members = set(names)
    hubs = survey.organisations["hubs"]
    ecosystems = {name: frozenset(hubs[name]) for name in names if name in hubs.index}
    named = _named_pairs(
        zip(responses["respondent"].tolist(), responses["partner"].tolist(), strict=True),
        zip(edges["source"].tolist(), edges["target"].tolist(), strict=True),
        members,
    )
    return Observation(
        wave=wave,
        organisations=tuple(sorted(members, key=str)),
        respondents=frozenset(answered & members),
        ecosystems=ecosystems,
        named=named,
        complete=complete,
    )


def _named_pairs(
    answers: Iterable[tuple[str, str]], arcs: Iterable[tuple[str, str]], members: set[str]
) -> frozenset[tuple[str, str]]:
    """The unordered pairs of ``members`` that an answer or an arc names."""
    return frozenset(
        unordered(u, v)
        for source in (answers, arcs)
        for u, v in source
        if u != v and u in members and v in members
    )
