"""How far each number of a wave can be trusted, asked of a whole survey.

Every face (the command line, the dashboard, the exports and the report) asks here, so the
simulation of further non-response runs with the same options, runs and seed wherever its
verdicts are shown (:mod:`ecosystem.analysis.robustness`).
"""

from __future__ import annotations

from ecosystem.analysis.robustness import (
    NETWORK_ROBUSTNESS_MEASURES,
    ROBUSTNESS_MEASURES,
    Robustness,
    robustness,
)
from ecosystem.network import NetworkOptions
from ecosystem.settings import SETTINGS
from ecosystem.survey import Survey

__all__ = ["Robustness", "robustness_of"]


def robustness_of(
    survey: Survey,
    wave: str,
    options: NetworkOptions | None = None,
    *,
    remove: float = SETTINGS.robustness_remove,
    runs: int = SETTINGS.robustness_runs,
    seed: int = SETTINGS.seed,
    measures: tuple[str, ...] = ROBUSTNESS_MEASURES,
    network: tuple[str, ...] = NETWORK_ROBUSTNESS_MEASURES,
) -> Robustness:
    """The robustness of a wave's measures (and a hub's, when ``options.hub`` names one).

    ``remove`` of the respondents are taken out at random in each of ``runs`` seeded runs,
    and each measure compared with the full wave's; see
    :func:`ecosystem.analysis.robustness.robustness`. Raises ``OptionError`` for an unknown
    wave or hub.
    """
    return robustness(
        survey,
        wave,
        options or NetworkOptions(),
        remove=remove,
        runs=runs,
        seed=seed,
        measures=measures,
        network=network,
    )
