"""Two waves of a survey compared: both networks built with the same options, then every
measure of change of :mod:`ecosystem.analysis.change`.

Every face (the CLI, the dashboard, the exports and the report) compares waves here, so a
comparison reads the same wherever it is shown.
"""

from __future__ import annotations

from ecosystem.analysis.change import WaveComparison, compare_networks
from ecosystem.network import NetworkOptions, build_network
from ecosystem.survey import Survey

__all__ = ["compare_waves"]


def compare_waves(
    survey: Survey,
    wave_from: str,
    wave_to: str,
    options: NetworkOptions | None = None,
    permutations: int = 1000,
    samples: int = 2000,
    seed: int = 2023,
) -> WaveComparison:
    """Compare two waves of a survey: ties, organisations, stability, density, catalysis.

    Both networks are built by :func:`ecosystem.network.build_network` with the same
    ``options`` (one hub's ecosystem when ``options.hub`` names one), and compared by
    :func:`ecosystem.analysis.change.compare_networks`: the QAP tests with
    ``permutations`` and the density bootstrap with ``samples``, both seeded by ``seed``.
    Catalysis is reported for every organisation of type ``"hub"`` in either network.

    Raises ``OptionError`` for an unknown wave or hub.
    """
    options = options or NetworkOptions()
    before = build_network(survey, wave_from, options)
    after = build_network(survey, wave_to, options)
    return compare_networks(
        before,
        after,
        permutations,
        samples,
        seed,
        wave_from=wave_from,
        wave_to=wave_to,
        options=options,
    )
