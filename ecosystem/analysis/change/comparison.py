"""Everything about the change from one network to another, in one object, and its
headline numbers as plain values."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ecosystem.analysis.change.catalysis import catalysed_pairs
from ecosystem.analysis.change.common import pair
from ecosystem.analysis.change.correlation import QAPResult, qap, qap_weighted
from ecosystem.analysis.change.density import DensityChange, density_change
from ecosystem.analysis.change.organisations import organisation_change
from ecosystem.analysis.change.pairs import (
    PAIR_RULES,
    ComparedPairs,
    NoComparisonError,
    PairsNote,
    compared_pairs,
)
from ecosystem.analysis.change.stability import hamming_distance, jaccard_index
from ecosystem.analysis.change.ties import (
    change_by_organisation,
    change_by_type_pair,
    organisation_presence,
    tie_changes,
)
from ecosystem.analysis.tables import full_measures
from ecosystem.errors import OptionError
from ecosystem.network import NetworkOptions
from ecosystem.observation import Observation
from ecosystem.settings import SETTINGS

__all__ = ["WaveComparison", "compare_networks", "comparison_summary"]


@dataclass(frozen=True, eq=False)
class WaveComparison:
    """Everything found about the change from one wave to another
    (:func:`compare_networks`; for two waves of a survey, :func:`ecosystem.service.compare_waves`).

    Attributes
    ----------
    wave_from, wave_to : str
        The earlier and the later wave.
    hub : str or None
        The hub whose ecosystem was compared (None: every organisation of the waves).
    options : NetworkOptions
        How both networks were built.
    before, after : networkx.DiGraph
        The two networks.
    presence : pandas.DataFrame
        :func:`organisation_presence`.
    ties : pandas.DataFrame
        :func:`tie_changes`.
    by_organisation, by_type_pair : pandas.DataFrame
        :func:`change_by_organisation`, :func:`change_by_type_pair`.
    jaccard : float
        :func:`jaccard_index`.
    hamming : int
        :func:`hamming_distance`.
    density : DensityChange
        :func:`density_change`.
    qap, qap_weighted : QAPResult
        :func:`qap`, :func:`qap_weighted`.
    organisation_change : pandas.DataFrame
        :func:`organisation_change` of the two waves' organisation tables.
    network : pandas.DataFrame
        The network measures of :func:`ecosystem.analysis.summary.network_measures`
        (index ``measure``; columns ``before``, ``after``, ``change``), each over its own
        wave's whole roster.
    catalysis, catalysis_pairs : pandas.DataFrame
        :func:`catalysed_pairs` for the organisations of type ``"hub"``.
    tables_before, tables_after : pandas.DataFrame
        Each wave's :func:`~ecosystem.analysis.tables.organisation_table`.
    pairs : str
        Which pairs were compared: ``"all"`` or ``"both-observed"``
        (:data:`~ecosystem.analysis.change.pairs.PAIR_RULES`).
    pairs_note : PairsNote or None
        Under ``"both-observed"``, the pairs compared and left out, the rule and the plain
        sentences saying what was left out; None under ``"all"``.
    """

    wave_from: str
    wave_to: str
    hub: str | None
    options: NetworkOptions
    before: nx.DiGraph
    after: nx.DiGraph
    presence: pd.DataFrame
    ties: pd.DataFrame
    by_organisation: pd.DataFrame
    by_type_pair: pd.DataFrame
    jaccard: float
    hamming: int
    density: DensityChange
    qap: QAPResult
    qap_weighted: QAPResult
    organisation_change: pd.DataFrame
    network: pd.DataFrame
    catalysis: pd.DataFrame
    catalysis_pairs: pd.DataFrame
    tables_before: pd.DataFrame
    tables_after: pd.DataFrame
    pairs: str = "all"
    pairs_note: PairsNote | None = None

    def summary(self) -> dict[str, Any]:
        """:func:`comparison_summary` of this comparison."""
        return comparison_summary(self)


def compare_networks(
    before: nx.DiGraph,
    after: nx.DiGraph,
    permutations: int = SETTINGS.permutations,
    samples: int = SETTINGS.samples,
    seed: int = SETTINGS.seed,
    *,
    wave_from: str | None = None,
    wave_to: str | None = None,
    options: NetworkOptions | None = None,
    pairs: str = "all",
    observed: tuple[Observation, Observation] | None = None,
) -> WaveComparison:
    """Compare two networks of one ecosystem: ties, organisations, stability, density,
    catalysis.

    Every result of this package is computed on the two networks, the QAP tests with
    ``permutations`` and the density bootstrap with ``samples``, both seeded by ``seed``.
    Catalysis is reported for every organisation of type ``"hub"`` in either network.

    Parameters
    ----------
    before, after : networkx.DiGraph
        The earlier and the later wave, built with the same options (``weight`` a strength).
    permutations, samples, seed : int, optional
        QAP permutations, bootstrap samples, and the seed of both.
    wave_from, wave_to : str, optional
        The waves' names; default: each graph's ``wave`` attribute.
    options : NetworkOptions, optional
        How both networks were built, kept for the record; default: the default options.
    pairs : {"all", "both-observed"}, optional
        ``"both-observed"`` compares like with like: the tie changes, the Jaccard index and
        Hamming distance, the QAP correlations, the density bootstrap and catalysis count
        only the pairs both waves observed (:mod:`ecosystem.analysis.change.pairs`), and
        ``pairs_note`` says how many pairs were left out and why. ``"all"`` (the default
        here, for now) compares every pair. Each organisation's measures and the network
        measures stay those of each whole wave.
    observed : tuple of two Observation, optional
        What each wave observed (:func:`ecosystem.observation.observed_pairs`), needed for
        ``"both-observed"``.

    Raises
    ------
    NoComparisonError
        Under ``"both-observed"``, where fewer than two organisations answered in both
        waves: no like-with-like comparison is possible (its ``result`` says so in words).
    """
    if pairs not in PAIR_RULES:
        raise OptionError(
            f"pairs '{pairs}' is not offered; choose one of: " + ", ".join(PAIR_RULES)
        )
    wave_from = str(before.graph.get("wave", "")) if wave_from is None else wave_from
    wave_to = str(after.graph.get("wave", "")) if wave_to is None else wave_to
    both: ComparedPairs | None = None
    if pairs == "both-observed":
        if observed is None:
            raise OptionError(
                "comparing the pairs observed in both waves needs what each wave observed "
                "(ecosystem.observation.observed_pairs)"
            )
        found = compared_pairs(*observed)
        if not isinstance(found, ComparedPairs):
            raise NoComparisonError(found)
        both = found
    tables_before, measures_before = full_measures(before)
    tables_after, measures_after = full_measures(after)
    hubs = _hub_organisations(before, after)
    catalysis, catalysis_pairs = catalysed_pairs(before, after, hubs, pairs=both)
    ties = tie_changes(before, after, pairs=both)
    note = None if both is None else _pairs_note(before, after, both, ties, wave_from, wave_to)
    return WaveComparison(
        wave_from=wave_from,
        wave_to=wave_to,
        hub=before.graph.get("hub"),
        options=options or NetworkOptions(),
        before=before,
        after=after,
        presence=organisation_presence(before, after),
        ties=ties,
        by_organisation=change_by_organisation(ties),
        by_type_pair=change_by_type_pair(ties),
        jaccard=jaccard_index(before, after, pairs=both),
        hamming=hamming_distance(before, after, pairs=both),
        density=density_change(before, after, samples=samples, seed=seed, pairs=both),
        qap=qap(before, after, permutations=permutations, seed=seed, pairs=both),
        qap_weighted=qap_weighted(before, after, permutations=permutations, seed=seed, pairs=both),
        organisation_change=organisation_change(tables_before, tables_after),
        network=_network_change(measures_before, measures_after),
        catalysis=catalysis,
        catalysis_pairs=catalysis_pairs,
        tables_before=tables_before,
        tables_after=tables_after,
        pairs=pairs,
        pairs_note=note,
    )


def _pairs_note(
    before: nx.DiGraph,
    after: nx.DiGraph,
    both: ComparedPairs,
    compared_ties: pd.DataFrame,
    wave_from: str,
    wave_to: str,
) -> PairsNote:
    """Pairs compared and left out (of the organisations of either wave), and the arcs
    gained or lost over every pair that the comparison left out."""
    names = sorted(set(before) | set(after), key=str)
    n = len(names)
    compared = int(np.triu(both.mask(names), k=1).sum())
    every = tie_changes(before, after)
    gained_all = int((every["status"] == "gained").sum())
    lost_all = int((every["status"] == "lost").sum())
    return PairsNote(
        compared=compared,
        excluded=n * (n - 1) // 2 - compared,
        gained_all=gained_all,
        gained_excluded=gained_all - int((compared_ties["status"] == "gained").sum()),
        lost_all=lost_all,
        lost_excluded=lost_all - int((compared_ties["status"] == "lost").sum()),
        wave_from=wave_from,
        wave_to=wave_to,
    )


def _network_change(before: pd.Series, after: pd.Series) -> pd.DataFrame:
    """Network measures of two waves side by side: ``before``, ``after``, ``change``."""
    return pd.DataFrame(
        {
            "before": before.to_numpy(),
            "after": after.to_numpy(),
            "change": (after - before).to_numpy(),
        },
        index=before.index,
    )


def _hub_organisations(before: nx.DiGraph, after: nx.DiGraph) -> list[Any]:
    """The organisations of type "hub" in either network, sorted by name."""
    found = {
        name
        for graph in (before, after)
        for name, kind in graph.nodes(data="type")
        if kind == "hub"
    }
    return sorted(found, key=str)


def comparison_summary(c: WaveComparison) -> dict[str, Any]:
    """The headline numbers of a comparison as plain, JSON-ready values (NaN -> None).

    Keys: ``from``, ``to``, ``hub``; ``organisations`` (``both``, ``only_before``,
    ``only_after`` counts and their ``names``); ``ties`` (arcs ``kept``, ``gained``,
    ``lost``, ``strengthened``, ``weakened``, and ``direction_changed``: **pairs** tied in
    both waves whose direction changed); ``jaccard``, ``hamming``; ``density`` (``from``,
    ``to``, ``change``, ``low``, ``high``, ``level``, ``samples``, ``organisations``);
    ``qap`` and ``qap_weighted`` (``r``, ``p``, ``permutations``, ``seed``); ``catalysis``
    (one dict per hub: ``hub``, ``partners``, ``open_pairs``, ``closed_pairs``,
    ``closed_share``); ``network`` (measure -> ``before``, ``after``, ``change``).
    """
    result = {
        "from": c.wave_from,
        "to": c.wave_to,
        "hub": c.hub,
        "organisations": _presence_counts(c.presence),
        "ties": _tie_counts(c.ties),
        "jaccard": c.jaccard,
        "hamming": c.hamming,
        "density": {
            "from": c.density.before,
            "to": c.density.after,
            "change": c.density.change,
            "low": c.density.low,
            "high": c.density.high,
            "level": c.density.level,
            "samples": c.density.samples,
            "organisations": c.density.organisations,
        },
        "qap": _qap_dict(c.qap),
        "qap_weighted": _qap_dict(c.qap_weighted),
        "catalysis": c.catalysis.to_dict("records"),
        "network": {str(measure): row for measure, row in c.network.to_dict("index").items()},
    }
    if c.pairs_note is not None:
        result["pairs"] = c.pairs_note.as_dict()
    plain: dict[str, Any] = _plain(result)
    return plain


def _presence_counts(presence: pd.DataFrame) -> dict[str, Any]:
    """How many organisations are in both waves, or one only, and the names of the latter."""
    status = presence["status"]
    return {
        "both": int((status == "both").sum()),
        "only_before": int((status == "only before").sum()),
        "only_after": int((status == "only after").sum()),
        "names": {
            "only_before": [str(n) for n in status.index[status == "only before"]],
            "only_after": [str(n) for n in status.index[status == "only after"]],
        },
    }


def _tie_counts(ties: pd.DataFrame) -> dict[str, int]:
    """Arcs kept, gained, lost, strengthened, weakened; pairs whose direction changed."""
    changed_pairs = {
        pair(s, t) for s, t in ties.loc[ties["direction_changed"], ["source", "target"]].to_numpy()
    }
    return {
        "kept": int((ties["status"] == "kept").sum()),
        "gained": int((ties["status"] == "gained").sum()),
        "lost": int((ties["status"] == "lost").sum()),
        "strengthened": int((ties["strength"] == "strengthened").sum()),
        "weakened": int((ties["strength"] == "weakened").sum()),
        "direction_changed": len(changed_pairs),
    }


def _qap_dict(result: QAPResult) -> dict[str, Any]:
    return {
        "r": result.r,
        "p": result.p,
        "permutations": result.permutations,
        "seed": result.seed,
        "method": result.method,
    }


def _plain(value: Any) -> Any:
    """Recursively turn numpy scalars into Python ones and NaN into None."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else float(value)
    return value
