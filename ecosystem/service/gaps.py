"""The gaps of a survey's hubs: the wave and hub chosen by name, the networks built, the
findings of :func:`ecosystem.analysis.gaps.network_gaps`.

Every face (the CLI, the dashboard, the exports and the report) asks for gaps here, so a
hub's gaps are the same wherever they are shown.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from ecosystem.analysis.change import NotComparable
from ecosystem.analysis.gaps import FINDING_COLUMNS, network_gaps
from ecosystem.network import NetworkOptions, build_network
from ecosystem.service.comparison import DEFAULT_PAIRS, pairs_between
from ecosystem.service.waves import choose_wave, resolve_hub, wave_before
from ecosystem.survey import Survey

__all__ = ["find_gaps", "find_gaps_by_hub"]


def find_gaps(
    survey: Survey,
    hub: str,
    wave: str | None = None,
    options: NetworkOptions | None = None,
    previous_wave: str | None = None,
    *,
    pairs: str = DEFAULT_PAIRS,
) -> pd.DataFrame:
    """Every finding of one hub's ecosystem in one wave: whom to work with more, whom to
    introduce, what is missing, one-sided, fragile or lost.

    Parameters
    ----------
    survey : Survey
        The validated survey.
    hub : str
        A hub name or the hub organisation's name (as
        :func:`ecosystem.network.resolve_hub` accepts).
    wave : str, optional
        The wave (matched case- and space-insensitively); default: the latest in the survey.
    options : NetworkOptions, optional
        How answers become ties (weighting, reconciliation, tie filters); its ``hub`` is
        replaced by ``hub``.
    previous_wave : str, optional
        The wave to compare with for lost ties; default: the wave before ``wave`` in
        :attr:`Survey.waves` (no lost ties when ``wave`` is the first).
    pairs : str, optional
        Which pairs lost ties are looked for over (``"both-observed"``, the default: a
        tie whose pair the current wave did not observe may still exist and is not
        listed as lost; ``"all"``: every pair). Where fewer than two organisations
        answered in both waves, no tie is listed as lost.

    Returns
    -------
    pandas.DataFrame
        :func:`ecosystem.analysis.gaps.network_gaps` of the hub's network of the wave:
        columns :data:`~ecosystem.analysis.gaps.FINDING_COLUMNS`, one row per finding,
        sorted by kind and then by score, highest first.

    Raises
    ------
    OptionError
        When the hub or a wave is not in the data, or the hub's network has no
        organisation of type "hub".

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.survey import Survey, empty_edges
    >>> organisations = pd.DataFrame(
    ...     {"type": ["hub", "university", "VCSE"], "hubs": [("North",)] * 3,
    ...      "region": [""] * 3, "aliases": [()] * 3, "waves": [()] * 3},
    ...     index=pd.Index(["Hub", "University", "Charity"], name="name"))
    >>> responses = pd.DataFrame({
    ...     "wave": ["W", "W"], "respondent": ["Hub", "Hub"],
    ...     "partner": ["University", "Charity"], "frequency": [3, 1],
    ...     "relevance": [3.0, 3.0], "direction": ["both", "in"], "nature": [(), ()],
    ...     "respondent_person": ["", ""], "submitted": ["", ""],
    ...     "source_file": ["r.csv"] * 2, "source_row": [2, 3]})
    >>> gaps = find_gaps(Survey(organisations, responses, empty_edges()), "North")
    >>> gaps.loc[gaps["kind"] == "introduction", ["organisation", "other"]].values.tolist()
    [['Charity', 'University']]
    """
    name = resolve_hub(survey, hub)
    wave = choose_wave(survey, wave)
    if previous_wave is None:
        previous_wave = wave_before(survey, wave)
    else:
        previous_wave = choose_wave(survey, previous_wave)
    options = replace(options or NetworkOptions(), hub=name)
    G = build_network(survey, wave, options)
    previous = compared = None
    if previous_wave is not None and previous_wave != wave:
        found = pairs_between(survey, previous_wave, wave, options, pairs)
        if not isinstance(found, NotComparable):  # else no like-with-like: no lost ties
            previous, compared = build_network(survey, previous_wave, options), found
    return network_gaps(G, survey.responses, previous, pairs=compared)


def find_gaps_by_hub(
    survey: Survey,
    hub: str | None,
    wave: str | None = None,
    options: NetworkOptions | None = None,
    *,
    pairs: str = DEFAULT_PAIRS,
) -> pd.DataFrame:
    """:func:`find_gaps` for one hub, or for every hub in turn when ``hub`` is None.

    The findings of several hubs stack in one table; its ``hub`` column says whose each is.
    """
    hubs = [hub] if hub else survey.hubs
    found = [find_gaps(survey, name, wave, options, pairs=pairs) for name in hubs]
    return pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns=FINDING_COLUMNS)
