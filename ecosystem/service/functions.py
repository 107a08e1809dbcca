"""The hubs' three core functions for a whole survey: every hub (or one), one wave or two.

Every face (the CLI, the dashboard's Core functions view, its exports and the report) asks
here, so each shows the same numbers: :func:`functions_by_hub` measures each hub's
ecosystem with :func:`ecosystem.analysis.functions.core_functions`, and
:func:`functions_table` lays the results out one row per hub and indicator.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any, Final

import pandas as pd

from ecosystem.analysis.change import NotComparable
from ecosystem.analysis.functions import FUNCTIONS, CoreFunctions, core_functions, hub_organisation
from ecosystem.errors import OptionError
from ecosystem.glossary import measure_label
from ecosystem.network import NetworkOptions, build_network, resolve_hub
from ecosystem.service.comparison import DEFAULT_PAIRS, pairs_between
from ecosystem.service.selection import Selection
from ecosystem.service.waves import wave_before
from ecosystem.settings import SETTINGS
from ecosystem.survey import Survey

__all__ = [
    "FUNCTIONS_TABLE_COLUMNS",
    "TABLE_INDICATORS",
    "core_functions_of",
    "functions_by_hub",
    "functions_table",
]

FUNCTIONS_TABLE_COLUMNS: Final = (
    "hub",
    "function",
    "indicator",
    "wave_from",
    "before",
    "wave",
    "value",
    "change",
    "low",
    "high",
)
"""The columns of :func:`functions_table`, in order."""

TABLE_INDICATORS: Final[tuple[tuple[str, str], ...]] = (
    ("coordination", "direct_share"),
    ("coordination", "brokerage_share"),
    ("coordination", "betweenness_rank"),
    ("dissemination", "reach_1"),
    ("dissemination", "reach_2"),
    ("dissemination", "information_share"),
    ("catalysing", "catalysed_share"),
    ("catalysing", "partner_ei"),
)
"""(function, indicator key) of the rows of :func:`functions_table`, in order; the
catalysing rows only where two waves are compared."""


def functions_by_hub(
    survey: Survey,
    wave: str,
    options: NetworkOptions,
    wave_from: str | None = None,
    *,
    samples: int = SETTINGS.samples,
    seed: int = SETTINGS.seed,
    pairs: str = DEFAULT_PAIRS,
) -> list[CoreFunctions]:
    """Each hub's core functions in ``wave``, compared with ``wave_from`` when given.

    One :class:`~ecosystem.analysis.functions.CoreFunctions` per hub of the survey, in the
    survey's hub order, or for the one hub ``options.hub`` names (a hub's name or its hub
    organisation's). Each hub's networks are built with ``options`` (their ``hub``
    replaced), as Compare waves builds them, so its catalysed pairs are Compare's. A hub
    whose ecosystem has no organisation of type hub in ``wave`` is skipped.

    Catalysis counts a partner pair as closed only where both waves observed it
    (``pairs="both-observed"``, the default, as Compare waves does; ``"all"``: every
    pair). A hub where fewer than two organisations answered in both waves is measured in
    ``wave`` alone, and its findings say that no like-with-like comparison is possible.

    Raises ``OptionError`` for an unknown wave, hub or pair rule, or the same wave twice.
    """
    if wave_from is not None and wave_from == wave:
        raise OptionError(f"the earlier and the later wave are both '{wave}'; choose two waves")
    hubs = [resolve_hub(survey, options.hub)] if options.hub else list(survey.hubs)
    results = []
    for hub in hubs:
        scoped = replace(options, hub=hub)
        after = build_network(survey, wave, scoped)
        own = hub_organisation(after, hub)
        if own is None or after.nodes[own].get("type") != "hub":
            continue
        if wave_from is None:
            results.append(core_functions(None, after, hub, samples=samples, seed=seed))
            continue
        compared = pairs_between(survey, wave_from, wave, scoped, pairs)
        if isinstance(compared, NotComparable):
            alone = core_functions(None, after, hub, samples=samples, seed=seed)
            results.append(replace(alone, findings=(*alone.findings, compared.sentence)))
            continue
        before = build_network(survey, wave_from, scoped)
        results.append(
            core_functions(before, after, hub, samples=samples, seed=seed, pairs=compared)
        )
    return results


def _rows(result: CoreFunctions) -> list[dict[str, Any]]:
    """The rows of :func:`functions_table` of one hub."""
    nan = math.nan
    changes = {}
    if result.changes is not None:
        changes = result.changes.set_index("indicator").to_dict("index")
    rows = []
    for function, key in TABLE_INDICATORS:
        if function == "catalysing":
            if result.catalysing is None:
                continue
            c = result.catalysing
            before, value, change = {
                "catalysed_share": (nan, c["catalysed_share"], nan),
                "partner_ei": (c["ei_before"], c["ei_after"], c["ei_change"]),
            }[key]
            low = high = nan
        else:
            value = getattr(result, function)[key]
            row = changes.get(key, {})
            before, change = row.get("before", nan), row.get("change", nan)
            low, high = row.get("low", nan), row.get("high", nan)
        rows.append(
            {
                "hub": result.hub,
                "function": FUNCTIONS[function],
                "indicator": measure_label(key),
                "wave_from": result.wave_from,
                "before": before,
                "wave": result.wave,
                "value": value,
                "change": change,
                "low": low,
                "high": high,
            }
        )
    return rows


def functions_table(results: list[CoreFunctions]) -> pd.DataFrame:
    """The core functions of some hubs as one table: a row per hub and indicator.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FUNCTIONS_TABLE_COLUMNS`: ``hub``; ``function`` ("Central
        coordination", "Information dissemination", "Catalysing partnerships");
        ``indicator`` (its glossary label, :func:`ecosystem.glossary.measure_label`);
        ``wave_from`` and ``before`` (the earlier wave and the value there; None and NaN for
        one wave); ``wave`` and ``value``; ``change`` (value - before) and its 95% interval
        [``low``, ``high``] where one is honest (NaN otherwise). Rows follow
        :data:`TABLE_INDICATORS`; catalysing partnerships only between two waves, where
        the partnerships catalysed have a value alone (the share of open pairs closed) and
        the partners' E-I index a value in each wave.
    """
    rows = [row for result in results for row in _rows(result)]
    table = pd.DataFrame(rows, columns=list(FUNCTIONS_TABLE_COLUMNS))
    numbers = ["before", "value", "change", "low", "high"]
    table[numbers] = table[numbers].astype(float)
    return table


def core_functions_of(
    survey: Survey, selection: Selection
) -> tuple[list[CoreFunctions], str | None]:
    """The core functions of the selection's hub (or every hub) in its wave, compared with
    ``selection.wave_from`` or else the wave before it (none for the first wave), and that
    earlier wave (:func:`functions_by_hub`): what the dashboard, the export and the report
    show.

    Raises
    ------
    OptionError
        When ``selection.wave_from`` is the selection's wave.
    """
    wave_from = selection.wave_from or wave_before(survey, selection.wave)
    if wave_from == selection.wave:
        raise OptionError("the core functions compare two different waves; choose another wave")
    return functions_by_hub(survey, selection.wave, selection.options, wave_from), wave_from
