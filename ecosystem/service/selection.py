"""What a face shows: a wave (or two), the network options, and how to label it.

The dashboard's controls, a command's options and an export's choices all become one
:class:`Selection`, which every view, table, export and report of a survey takes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from ecosystem.analysis.sustainability import Scenario
from ecosystem.codebook import ALL_HUBS
from ecosystem.network import NetworkOptions
from ecosystem.service.comparison import DEFAULT_PAIRS

__all__ = ["DEFAULT_TABLE", "Selection"]

DEFAULT_TABLE: Final = "organisations"
"""The table a CSV of the ``tables`` view holds when none is named."""


@dataclass(frozen=True)
class Selection:
    """What an exhibit shows: a wave (or two), the network options, and how to label it.

    Attributes
    ----------
    wave : str
        The wave shown: the later one of a comparison or a report.
    options : NetworkOptions
        How answers become ties; ``options.hub`` is the exhibit's scope (None: every hub).
    wave_from : str, optional
        The earlier wave of a comparison or a report (by default the survey's first).
    anonymise : bool
        Show every organisation as its type and a number ("VCSE 3").
    title : str, optional
        The exhibit's title (by default the scope and the wave).
    source : str
        Where the data come from, shown on the exhibit; "illustrative" in it marks the
        demo's synthetic data (:attr:`illustrative`).
    table : str
        The table a CSV of the ``tables`` view holds (a key of
        :data:`ecosystem.exhibits.TABLES`), or of the ``sustainability`` view (a key of
        :data:`~ecosystem.report.sustainability.SUSTAINABILITY_TABLES`; by default its
        measures).
    scenario : Scenario, optional
        What the ``sustainability`` view supposes: organisations that leave, or one that
        joins another; by default the hub's "The hub leaves"
        (:func:`~ecosystem.service.hub_scenarios`).
    pairs : str
        Which pairs of organisations a comparison of two waves compares
        (:data:`~ecosystem.service.PAIR_CHOICES`): like with like by default.

    Examples
    --------
    >>> Selection("Summative 2024").scope, Selection("W", source="Illustrative").illustrative
    ('All hubs', True)
    """

    wave: str
    options: NetworkOptions = field(default_factory=NetworkOptions)
    wave_from: str | None = None
    anonymise: bool = False
    title: str | None = None
    source: str = ""
    table: str = DEFAULT_TABLE
    scenario: Scenario | None = None
    pairs: str = DEFAULT_PAIRS

    @property
    def scope(self) -> str:
        """The hub the exhibit covers, or "All hubs"."""
        return self.options.hub or ALL_HUBS

    @property
    def illustrative(self) -> bool:
        """True when the data source says the data are illustrative (the demo)."""
        return "illustrative" in self.source.lower()
