"""One hub's three core functions in one wave, or between two: :func:`core_functions`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from ecosystem.analysis.change.pairs import ComparedPairs
from ecosystem.analysis.functions.changes import indicator_changes
from ecosystem.analysis.functions.indicators import (
    COORDINATION_KEYS,
    DISSEMINATION_KEYS,
    catalysing,
    coordination,
    dissemination,
    hub_organisation,
    organisation_counts,
)
from ecosystem.analysis.functions.wording import describe_functions
from ecosystem.settings import SETTINGS

__all__ = ["CoreFunctions", "core_functions"]


@dataclass(frozen=True)
class CoreFunctions:
    """The three core functions of one hub, in one wave (or between two).

    Attributes
    ----------
    hub : str
        The hub, as given.
    wave : str
        The (later) wave, from the network's ``wave`` attribute ("" where it has none).
    coordination, dissemination : dict
        :func:`~ecosystem.analysis.functions.coordination` and
        :func:`~ecosystem.analysis.functions.dissemination` of the (later) wave.
    catalysing : dict or None
        :func:`~ecosystem.analysis.functions.catalysing` between the two waves; None for
        one wave.
    changes : pandas.DataFrame or None
        :func:`~ecosystem.analysis.functions.changes.indicator_changes`: each coordination
        and dissemination indicator in both waves, its change and interval; None for one wave.
    findings : tuple of str
        Plain sentences, one per indicator worth saying.
    wave_from : str or None
        The earlier wave; None for one wave.
    """

    hub: str
    wave: str
    coordination: dict[str, Any]
    dissemination: dict[str, Any]
    catalysing: dict[str, Any] | None
    changes: pd.DataFrame | None
    findings: tuple[str, ...]
    wave_from: str | None = None


def _one_wave(graph: nx.DiGraph, hub: str) -> dict[str, dict[str, Any]]:
    """Coordination and dissemination of one wave; NaN throughout when the hub is absent."""
    if hub_organisation(graph, hub) is None:
        nan = float("nan")
        return {
            "coordination": dict.fromkeys(COORDINATION_KEYS, nan)
            | {"organisations": graph.number_of_nodes()},
            "dissemination": dict.fromkeys(DISSEMINATION_KEYS, nan),
        }
    return {"coordination": coordination(graph, hub), "dissemination": dissemination(graph, hub)}


def core_functions(
    before: nx.DiGraph | None,
    after: nx.DiGraph,
    hub: str,
    *,
    samples: int = SETTINGS.samples,
    seed: int = SETTINGS.seed,
    pairs: ComparedPairs | None = None,
) -> CoreFunctions:
    """Measure a hub's three core functions: central coordination, information
    dissemination and, between two waves, catalysing partnerships.

    Parameters
    ----------
    before : networkx.DiGraph or None
        The earlier wave, or None to measure one wave alone.
    after : networkx.DiGraph
        The (later) wave; it must hold the hub's organisation.
    hub : str
        The hub (see :func:`~ecosystem.analysis.functions.hub_organisation`).
    samples, seed : int, optional
        The bootstrap of the changes: samples, and the seed that makes it deterministic.
    pairs : ComparedPairs, optional
        Catalysis over the pairs both waves observed only
        (:func:`~ecosystem.analysis.functions.catalysing`); default every pair.

    Returns
    -------
    CoreFunctions
        The indicators, their changes and the findings. A hub absent from the earlier wave
        has NaN indicators there, and no partners to catalyse.

    Raises ``OptionError`` when the later wave has no organisation for the hub.

    Examples
    --------
    >>> before = nx.DiGraph([("Dorset", "A"), ("B", "Dorset"), ("Dorset", "C")], wave="W1")
    >>> after = nx.DiGraph([("Dorset", n) for n in "ABC"] + [("A", "C")], wave="W2")
    >>> kinds = {"Dorset": "hub", "A": "icb", "B": "icb", "C": "vcse"}
    >>> for graph in (before, after):
    ...     nx.set_node_attributes(graph, kinds, "type")
    >>> result = core_functions(before, after, "Dorset", samples=100)
    >>> result.dissemination["reach_1"], result.catalysing["catalysed_pairs"]
    (1.0, 1)
    >>> print(result.findings[3])  # doctest: +ELLIPSIS
    Dorset's hub reached 100% of its ecosystem directly in W2, up from 67% in W1 (95% ...).
    """
    now = _one_wave(after, hub)
    if hub_organisation(after, hub) is None:
        coordination(after, hub)  # raises the OptionError that names the hub
    wave = str(after.graph.get("wave", ""))
    if before is None:
        findings = describe_functions(hub, wave, now)
        return CoreFunctions(
            hub, wave, now["coordination"], now["dissemination"], None, None, findings
        )
    earlier = _one_wave(before, hub)
    counts = (organisation_counts(before, hub), organisation_counts(after, hub))
    changes = indicator_changes(earlier, now, counts, samples, seed)
    catalysed = catalysing(before, after, hub, pairs=pairs)
    wave_from = str(before.graph.get("wave", ""))
    findings = describe_functions(hub, wave, now, wave_from, changes, catalysed)
    return CoreFunctions(
        hub,
        wave,
        now["coordination"],
        now["dissemination"],
        catalysed,
        changes,
        findings,
        wave_from,
    )
