"""The change of each coordination and dissemination indicator between two waves, with a
paired bootstrap interval over organisations where one is honest."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import numpy as np
import pandas as pd

from ecosystem.analysis.functions.indicators import (
    BOOTSTRAPPED,
    COORDINATION_KEYS,
    DISSEMINATION_KEYS,
)
from ecosystem.errors import OptionError
from ecosystem.settings import SETTINGS

__all__ = ["CHANGED", "CHANGE_COLUMNS", "indicator_changes"]

CHANGED: Final[tuple[tuple[str, str], ...]] = (
    *(("coordination", key) for key in COORDINATION_KEYS if key != "organisations"),
    *(("dissemination", key) for key in DISSEMINATION_KEYS),
)
"""(function, indicator) of every indicator whose change between two waves is reported."""

CHANGE_COLUMNS: Final = ("function", "indicator", "before", "after", "change", "low", "high")
"""The columns of :func:`indicator_changes`, in order."""

LEVEL: Final = SETTINGS.level
"""Coverage of the bootstrap intervals."""


def _bootstrap(
    before: Mapping[Any, tuple[int, int]],
    after: Mapping[Any, tuple[int, int]],
    samples: int,
    seed: int,
) -> tuple[float, float]:
    """The percentile interval of the change in a ratio of sums, resampling organisations.

    The organisations of either wave are drawn with replacement, the same draw for both
    waves (paired): one absent from a wave counts as 0 out of 0 there. A sample whose ratio
    has no denominator in either wave is left out; NaN bounds with fewer than two
    organisations or no usable sample.
    """
    names = sorted(set(before) | set(after), key=str)
    m = len(names)
    if m < 2:
        return float("nan"), float("nan")
    tables = [
        np.array([wave.get(name, (0, 0)) for name in names], dtype=float)
        for wave in (before, after)
    ]
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, m, size=(samples, m))
    offsets = (np.arange(samples) * m)[:, None]
    counts = np.bincount((draws + offsets).ravel(), minlength=samples * m).reshape(samples, m)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratios = [(counts @ table[:, 0]) / (counts @ table[:, 1]) for table in tables]
    changes = ratios[1] - ratios[0]
    changes = changes[np.isfinite(changes)]
    if not len(changes):
        return float("nan"), float("nan")
    alpha = (1 - LEVEL) / 2
    low, high = np.quantile(changes, [alpha, 1 - alpha])
    return float(low), float(high)


def indicator_changes(
    before: Mapping[str, Mapping[str, Any]],
    after: Mapping[str, Mapping[str, Any]],
    counts: tuple[Mapping[str, Mapping[Any, tuple[int, int]]], ...],
    samples: int = SETTINGS.samples,
    seed: int = SETTINGS.seed,
) -> pd.DataFrame:
    """Every coordination and dissemination indicator of two waves, its change and interval.

    Parameters
    ----------
    before, after : mapping
        ``{"coordination": {...}, "dissemination": {...}}`` of each wave (the dicts of
        :func:`~ecosystem.analysis.functions.coordination` and
        :func:`~ecosystem.analysis.functions.dissemination`).
    counts : tuple of two mappings
        :func:`organisation_counts` of the earlier and the later wave.
    samples : int, optional
        Bootstrap samples.
    seed : int, optional
        Seed of :func:`numpy.random.default_rng`; every indicator's draws use it, so the
        table is the same for the same networks.

    Returns
    -------
    pandas.DataFrame
        One row per entry of :data:`CHANGED`, columns :data:`CHANGE_COLUMNS`: ``change`` =
        after - before (in ranks for ``betweenness_rank``: negative is a climb), and
        [``low``, ``high``] its 95% percentile interval for the indicators of
        :data:`BOOTSTRAPPED`, NaN for the others.

    See Also
    --------
    ecosystem.analysis.change.density_change : the same bootstrap, for the density.

    Notes
    -----
    The paired vertex bootstrap of Snijders and Borgatti [1]_, as
    :func:`ecosystem.analysis.change.density_change` uses it, applied to a share: each
    sample draws the organisations (the hub's others of either wave) with replacement and
    recomputes each wave's share over the same draw, so the interval says how much the
    change owes to which organisations happen to make up the ecosystem. Each organisation
    keeps what it counted for in the full network (tied, reached): paths are not
    recomputed within a sample.

    References
    ----------
    .. [1] Snijders, T. A. B. and Borgatti, S. P. (1999). Non-parametric standard errors and
       tests for network statistics. *Connections* 22(2), 161-170.
    """
    if samples < 1:
        raise OptionError(f"samples must be 1 or more, not {samples}")
    rows = []
    for function, key in CHANGED:
        value_before, value_after = float(before[function][key]), float(after[function][key])
        low = high = float("nan")
        if key in BOOTSTRAPPED:
            low, high = _bootstrap(counts[0][key], counts[1][key], samples, seed)
        change = value_after - value_before
        rows.append((function, key, value_before, value_after, change, low, high))
    return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))
