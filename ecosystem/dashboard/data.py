"""What the dashboard shows, computed once per (wave, options) and kept.

:class:`DashboardData` wraps one validated survey and caches every network, measure table,
layout and summary that the views ask for, keyed by the wave and the
:class:`~ecosystem.network.NetworkOptions`. Moving around the dashboard (another tab, another
node size, another organisation's profile) therefore never rebuilds a network. It holds no
Dash objects: callbacks ask it for data and hand the data to the figure functions.

A workspace may hold no responses yet: a new one holds nothing, one that took an organisations
file alone holds a roster. The dashboard then offers one wave, :data:`NO_RESPONSES`, whose
network is every organisation on the roster with no ties (:func:`roster_network`), so every
view has something true to show, or says in a sentence what it needs.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import networkx as nx
import pandas as pd

from ecosystem.access.scope import survey_for
from ecosystem.figures.style import LARGE_NETWORK
from ecosystem.network import NetworkOptions, build_network, roster
from ecosystem.network import roster_network as core_roster_network
from ecosystem.service import (
    Scenario,
    Selection,
    compare_waves,
    core_functions_of,
    find_gaps_by_hub,
    network_summary_table,
    positions,
    robustness_of,
)
from ecosystem.service.computing import PARALLEL_FROM, Measurement, wait_until_idle
from ecosystem.service.measures import brokerage_expectations, key_players, run_scenario, successors
from ecosystem.service.workspace import Fingerprints, KeptResults, Workspace, result_key
from ecosystem.settings import SETTINGS
from ecosystem.survey import Survey

if TYPE_CHECKING:
    from ecosystem.analysis.change import WaveComparison
    from ecosystem.analysis.functions import CoreFunctions
    from ecosystem.analysis.sustainability import KeyPlayers, ScenarioResult
    from ecosystem.service import Robustness


CACHE_SIZE = SETTINGS.cache_size

NO_RESPONSES = "No responses yet"
"""The one wave a workspace offers before any responses are read: its roster, with no ties."""

Stage = Literal["empty", "roster", "surveyed"]
"""How far a workspace has come: nothing yet, organisations only, or responses read."""

LARGE_ROBUSTNESS = ("in_degree", "out_degree", "in_strength", "out_strength", "pagerank")
"""The organisation measures whose robustness a network of :data:`LARGE_NETWORK`
organisations or more is simulated for (each quick to recompute 200 times)."""

LARGE_NETWORK_ROBUSTNESS = ("density", "reciprocity")
"""The network measures simulated for a network of :data:`LARGE_NETWORK` or more."""

DEFAULT_PAIRS = "both-observed"
"""The pairs the Compare view compares at first: those observed in both waves, like with
like (:data:`ecosystem.service.PAIR_CHOICES`)."""


def roster_network(survey: Survey, options: NetworkOptions) -> nx.DiGraph:
    """Every organisation of the survey (of one hub, if the options say so) with no ties,
    as the one wave :data:`NO_RESPONSES` a workspace offers before any responses are read
    (:func:`ecosystem.network.roster_network`)."""
    return core_roster_network(survey, NO_RESPONSES, options)


@dataclass(eq=False)
class DashboardData:
    """A survey and the caches of everything computed from it for the dashboard.

    ``workspace`` is the folder whose survey this is; imports go there and :meth:`reload`
    reads it again. ``temporary`` says the workspace lasts only as long as the dashboard.
    ``scope`` is the one hub this data shows (``None``: every hub): the data of a hub is made
    by :meth:`for_scope` from a survey that holds nothing of any other hub.
    """

    survey: Survey
    illustrative: bool = False
    workspace: Path | None = None
    temporary: bool = False
    scope: str | None = None
    builds: int = field(default=0, init=False)
    """How many networks have been built (the caches make repeats free; tests count it)."""

    def __post_init__(self) -> None:
        self._scoped: dict[str, DashboardData] = {}
        self._keeping: list[Measurement] = []
        self._ahead: list[threading.Thread] = []
        self._measuring = threading.RLock()
        self._new_caches()

    def reload(self) -> None:
        """Read the workspace again after an import, and forget every cached result."""
        if self.workspace is not None:
            with Workspace(self.workspace) as workspace:
                self.survey = workspace.survey()
        self._new_caches()

    def settle(self, timeout: float | None = None) -> None:
        """Wait until everything begun in the background is done: the waves measured ahead,
        and every large network's measures computed and kept (a restart then reads them
        all, and nothing of this run is left running)."""
        while self._ahead:
            self._ahead.pop().join(timeout)
        while self._keeping:
            thread = self._keeping.pop().completion
            if thread is not None:
                thread.join(timeout)
        wait_until_idle(timeout or 600.0)

    def for_scope(self, hub: str | None) -> DashboardData:
        """The data as someone who sees one hub may see it (``None``: this data itself).

        Its survey is :func:`ecosystem.access.scope.survey_for` this one: no organisation,
        answer or tie of another hub is in it, so no view, download or export made from it
        can show one. It has no workspace (nothing is imported through it) and is made once
        per hub until the next :meth:`reload`.
        """
        if hub is None or hub == self.scope:
            return self
        if hub not in self._scoped:
            scoped = DashboardData(
                survey_for(self.survey, hub), illustrative=self.illustrative, scope=hub
            )
            vars(scoped)["uploads"] = vars(self).get("uploads")
            self._scoped[hub] = scoped
        return self._scoped[hub]

    def _new_caches(self) -> None:
        self._scoped.clear()
        self.kept = None if self.workspace is None else KeptResults(self.workspace)
        self._fingerprints = Fingerprints(self.survey)
        self.fingerprint = lru_cache(maxsize=CACHE_SIZE)(self._fingerprint)
        self.network = lru_cache(maxsize=CACHE_SIZE)(self._network)
        self._measured_once = lru_cache(maxsize=CACHE_SIZE)(self._measured)
        self.positions = lru_cache(maxsize=CACHE_SIZE)(self._positions)
        self.expectations = lru_cache(maxsize=CACHE_SIZE)(self._expectations)
        self.summary = lru_cache(maxsize=4)(self._summary)
        self.comparison = lru_cache(maxsize=CACHE_SIZE)(self._comparison)
        self._robustness_once = lru_cache(maxsize=CACHE_SIZE)(self._robustness)
        self._simulating = threading.Lock()
        self.gaps = lru_cache(maxsize=CACHE_SIZE)(self._gaps)
        self.scenario = lru_cache(maxsize=CACHE_SIZE)(self._scenario)
        self.key_players = lru_cache(maxsize=CACHE_SIZE)(self._key_players)
        self.successors = lru_cache(maxsize=CACHE_SIZE)(self._successors)
        self.functions = lru_cache(maxsize=CACHE_SIZE)(self._functions)

    @property
    def waves(self) -> list[str]:
        """The waves to choose from: the survey's, or :data:`NO_RESPONSES` before any."""
        return self.survey.waves or [NO_RESPONSES]

    @property
    def stage(self) -> Stage:
        """Whether the workspace is empty, holds a roster only, or holds responses."""
        if self.survey.waves:
            return "surveyed"
        return "roster" if len(self.survey.organisations) else "empty"

    @property
    def first_size_measure(self) -> str:
        """The measure the Network view sizes organisations by when it opens: betweenness
        (who brokers), or PageRank where the survey reaches :data:`LARGE_NETWORK`
        organisations: drawn in a fraction of a second, while betweenness (seconds at
        5,000) is computed in the background, ready when chosen."""
        large = len(self.survey.organisations) >= LARGE_NETWORK
        return "pagerank" if large else "betweenness"

    @property
    def hubs(self) -> list[str]:
        return self.survey.hubs

    @staticmethod
    def options(
        hub: str | None = None,
        natures: Sequence[str] | None = None,
        min_frequency: float | None = None,
        min_relevance: float | None = None,
        respondents_only: bool = False,
    ) -> NetworkOptions:
        """Network options from the dashboard's controls (blank hub = every hub;
        ``respondents_only``: the network among the organisations that answered)."""
        return NetworkOptions(
            hub=hub or None,
            natures=tuple(sorted(natures or ())),
            min_frequency=float(min_frequency or 0),
            min_relevance=float(min_relevance or 0),
            respondents_only=bool(respondents_only),
        )

    def _network(self, wave: str, options: NetworkOptions) -> nx.DiGraph:
        """The network of a wave (the roster alone before any responses)."""
        self.builds += 1
        if wave == NO_RESPONSES and wave not in self.survey.waves:
            return roster_network(self.survey, options)
        return build_network(self.survey, wave, options)

    def measured(self, wave: str, options: NetworkOptions) -> Measurement:
        """The measurement of a wave's network (:meth:`_measured`), made once per (wave,
        options) even when several threads ask at once (a view, and measuring ahead)."""
        with self._measuring:
            return self._measured_once(wave, options)

    def _measured(self, wave: str, options: NetworkOptions) -> Measurement:
        """The network of a wave with its measures, each computed when a view first asks
        for it; a large network's costly measures start on worker processes at once.

        In a workspace the measures are kept (:mod:`ecosystem.store.results`), so a restart
        reads them: a small network's at once, a large one's on a background thread once all
        are computed, so the view that asked does not wait for the others.
        """
        graph = self.network(wave, options)
        if self.kept is None or wave not in self.survey.waves:
            return Measurement(graph).start()
        key = result_key("measures", self.fingerprint((wave,)), wave, options)
        kept = self.kept.measures(key, list(map(str, graph)))
        if kept is not None:
            return Measurement.of_table(graph, *kept)
        measurement = Measurement(graph).start()
        results, scope = self.kept, repr((wave, options))

        def keep(done: Measurement) -> None:
            results.keep_measures(key, scope, done.organisations, done.overall)

        if measurement.parallel:
            measurement.when_complete(keep)
            self._keeping = [
                *(m for m in self._keeping if m.completion and m.completion.is_alive()),
                measurement,
            ]
        else:
            keep(measurement)
        return measurement

    def _positions(self, hub: str | None) -> dict[str, tuple[float, float]]:
        """Node positions shared by every wave of one scope, so waves compare by eye: the
        one rule of :func:`ecosystem.service.positions` (every wave, every tie), which the
        exports and the report follow too, laid out from the networks kept here and kept in
        a workspace like the measures."""

        def laid_out() -> dict[str, tuple[float, float]]:
            return positions(self.survey, self.options(hub), self.network)

        if self.kept is None or not self.survey.waves:
            return laid_out()
        key = result_key("positions", self.fingerprint(tuple(self.waves)), hub)
        # Every wave's roster is its network's organisations: checked without building them.
        names = {str(name) for wave in self.waves for name in roster(self.survey, wave, hub)}
        return self.kept.positions(key, repr(hub), names, laid_out)

    def measure_ahead(self, hub: str | None) -> None:
        """Start measuring every wave of a large scope, on a background thread: comparing
        waves is what a hub lead does next, and the workers are idle while they read the
        picture. The work waits behind anything a view asks for
        (:mod:`ecosystem.compute.workers`); a small scope is measured when asked."""

        def ahead() -> None:
            for wave in self.waves:
                if self.network(wave, self.options(hub)).number_of_nodes() >= PARALLEL_FROM:
                    self.measured(wave, self.options(hub))

        if self.stage == "surveyed":
            thread = threading.Thread(target=ahead, name="measure-ahead", daemon=True)
            thread.start()
            # Only the threads still running are kept (for settle): a server draws for weeks.
            self._ahead = [*(t for t in self._ahead if t.is_alive()), thread]

    def _fingerprint(self, waves: tuple[str, ...]) -> str:
        """What the results of ``waves`` are computed from (kept results are keyed by it)."""
        return self._fingerprints.of(waves)

    def _expectations(self, wave: str, options: NetworkOptions) -> pd.DataFrame:
        return brokerage_expectations(self.network(wave, options))

    def _comparison(
        self, wave_from: str, wave_to: str, options: NetworkOptions, pairs: str = DEFAULT_PAIRS
    ) -> WaveComparison:
        """Everything that changed between two waves (see :mod:`ecosystem.analysis.change`),
        over the pairs ``pairs`` chooses (:data:`ecosystem.service.PAIR_CHOICES`); raises
        ``OptionError`` (a ``NoComparisonError``) where no like-with-like comparison exists."""
        return compare_waves(self.survey, wave_from, wave_to, options, pairs=pairs)

    def robustness(self, wave: str, options: NetworkOptions) -> Robustness | None:
        """How far each measure of a wave's network survives further non-response
        (:func:`ecosystem.service.robustness_of`, its default share, runs and seed), computed
        once per (wave, options) when a view first shows it, never before; ``None`` before
        any responses are read, where there is nothing to simulate.

        Only one simulation runs at a time (views asking at once wait for the one result).
        """
        if wave not in self.survey.waves:
            return None
        with self._simulating:
            return self._robustness_once(wave, options)

    def _robustness(self, wave: str, options: NetworkOptions) -> Robustness:
        if self.network(wave, options).number_of_nodes() < LARGE_NETWORK:
            return robustness_of(self.survey, wave, options)
        # A large network simulates its quick measures only: 200 runs of betweenness on
        # thousands of organisations would keep a view waiting for minutes.
        return robustness_of(
            self.survey, wave, options, measures=LARGE_ROBUSTNESS, network=LARGE_NETWORK_ROBUSTNESS
        )

    def _gaps(self, wave: str, options: NetworkOptions) -> pd.DataFrame:
        """Missing connections around the chosen hub, or around every hub in turn."""
        return find_gaps_by_hub(self.survey, options.hub, wave, options)

    def _scenario(self, wave: str, options: NetworkOptions, scenario: Scenario) -> ScenarioResult:
        """What one scenario does to the network of a wave (the network is built once)."""
        return run_scenario(self.network(wave, options), scenario)

    def _key_players(self, wave: str, options: NetworkOptions, k: int, goal: str) -> KeyPlayers:
        """The ``k`` organisations that matter most to the network for ``goal``."""
        return key_players(self.network(wave, options), k, goal)

    def _successors(self, wave: str, options: NetworkOptions, hub: str) -> pd.DataFrame:
        """Every other organisation ranked by how whole the network stays if ``hub`` merges
        into it."""
        return successors(self.network(wave, options), hub)

    def _functions(
        self, wave: str, options: NetworkOptions
    ) -> tuple[list[CoreFunctions], str | None]:
        """Each hub's core functions in the wave and the wave before it, and that wave
        (:func:`ecosystem.service.core_functions_of`, as the export computes them)."""
        return core_functions_of(self.survey, Selection(wave, options))

    def _summary(self) -> pd.DataFrame:
        """Network measures of every wave and scope, side by side (default options)."""
        return network_summary_table(self.survey, self.survey.waves)
