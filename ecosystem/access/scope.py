"""The survey a signed-in person may read: one hub's ecosystem and nothing of any other hub.

A hub lead (or a viewer of one hub) is served :func:`survey_for` their scope instead of the
whole survey, so no view, download or export computed for them can hold another hub's
organisations, even when a request is forged to ask for another hub or for every hub: the
other hubs are simply not in the data.

What one hub's person sees is the same whether it is computed from the whole survey for
their hub or from the survey scoped to it: the same roster, respondents, response rate, ties,
measures, findings and comparisons. Two kinds of row need care for that to hold, and are kept
as facts about the hub's own organisations, never about others:

* a member organisation that answered, but named only partners outside the hub, still
  responded: it keeps one **placeholder answer** per wave, about itself and "Never"
  (frequency 0). Validation refuses self-ties, so no real answer looks like this, and a
  "Never" makes no tie: the roster and the response rate count the organisation, as the
  whole survey does, and nothing else changes;
* a member organisation that is on a wave's roster only because an organisation outside the
  hub named it keeps that wave in its ``waves`` (the roster it was on).

The one deliberate difference: an organisation in several hubs' ecosystems (a funder, a
national body) has its ``hubs`` reduced to this hub, so the scoped survey names no other hub.
A wave in which no member answered and no arc joins two members is not in the scoped survey
(a survey's waves are those its rows hold): the hub's network of that wave has no tie and no
respondent, so all it loses is a roster nobody of the hub answered for.

Pure: takes a :class:`~ecosystem.survey.Survey` and returns a new one; the input is not
modified.
"""

from __future__ import annotations

import pandas as pd

from ecosystem.survey import Survey

__all__ = ["survey_for", "survey_for_hub"]


def survey_for_hub(survey: Survey, hub: str) -> Survey:
    """The survey reduced to one hub's ecosystem: its organisations, answers and arcs only.

    Parameters
    ----------
    survey : Survey
        The validated survey. Not modified.
    hub : str
        A canonical hub name, as :attr:`Survey.hubs` lists it.

    Returns
    -------
    Survey
        The hub's member organisations (``hubs`` reduced to this hub), the responses whose
        respondent and partner are both members (plus a placeholder answer for a member that
        answered only about others, see the module docstring), and the edge rows whose
        source and target are both members. Every column and dtype is the survey's. A hub
        the survey does not hold gives the same columns with no rows: nothing to see.

    Examples
    --------
    >>> from ecosystem.survey import empty_edges, responses_frame
    >>> organisations = pd.DataFrame(
    ...     {"type": ["hub", "icb", "hub"], "hubs": [("Dorset",), ("Dorset",), ("Leeds",)],
    ...      "region": [""] * 3, "aliases": [()] * 3, "waves": [()] * 3,
    ...      "short_name": [""] * 3},
    ...     index=pd.Index(["Dorset Hub", "NHS Dorset", "Leeds Hub"], name="name"))
    >>> answer = {"wave": "W", "frequency": 3, "relevance": 2.0, "direction": "both",
    ...           "nature": (), "respondent_person": "", "submitted": "", "source_file": "r.csv"}
    >>> responses = responses_frame([
    ...     {**answer, "respondent": "Dorset Hub", "partner": "NHS Dorset", "source_row": 2},
    ...     {**answer, "respondent": "Leeds Hub", "partner": "Dorset Hub", "source_row": 3}])
    >>> scoped = survey_for_hub(Survey(organisations, responses, empty_edges()), "Dorset")
    >>> list(scoped.organisations.index), scoped.responses["respondent"].tolist()
    (['Dorset Hub', 'NHS Dorset'], ['Dorset Hub'])
    >>> len(survey_for_hub(Survey(organisations, responses, empty_edges()), "Wessex").responses)
    0
    """
    organisations = survey.organisations
    is_member = organisations["hubs"].map(lambda hubs: hub in hubs).astype(bool)
    members = frozenset(organisations.index[is_member])
    kept = organisations.loc[is_member].copy()
    kept["hubs"] = pd.Series([(hub,)] * len(kept), index=kept.index, dtype=object)
    kept["waves"] = pd.Series(
        _waves_named_in(kept, survey, members), index=kept.index, dtype=object
    )
    responses = _hub_responses(survey.responses, members)
    edges = survey.edges
    edges = edges.loc[edges["source"].isin(members) & edges["target"].isin(members)]
    return Survey(kept, _in_wave_order(responses, survey), _in_wave_order(edges, survey))


def survey_for(survey: Survey, scope: str | None) -> Survey:
    """The survey a person whose scope is ``scope`` may read (``None``: every hub, unchanged).

    ``scope`` is :attr:`ecosystem.access.Account.scope`: a canonical hub name or None.

    >>> from ecosystem.survey import empty_edges, empty_organisations, empty_responses
    >>> survey = Survey(empty_organisations(), empty_responses(), empty_edges())
    >>> survey_for(survey, None) is survey
    True
    """
    return survey if scope is None else survey_for_hub(survey, scope)


def _hub_responses(responses: pd.DataFrame, members: frozenset[str]) -> pd.DataFrame:
    """The answers between members, and a placeholder answer for each member that answered
    in a wave only about organisations outside the hub (in the place of its first answer)."""
    from_member = responses["respondent"].isin(members)
    between = from_member & responses["partner"].isin(members)
    answered = pd.MultiIndex.from_frame(responses.loc[between, ["wave", "respondent"]])
    outward = responses.loc[from_member & ~between]
    who = pd.MultiIndex.from_frame(outward[["wave", "respondent"]])
    silent = outward.loc[~who.isin(answered)].drop_duplicates(["wave", "respondent"])
    placeholders = silent.assign(
        partner=silent["respondent"],
        frequency=0,
        relevance=float("nan"),
        direction="none",
        nature=[()] * len(silent),
        respondent_person="",
    ).astype(responses.dtypes.to_dict())
    return pd.concat([responses.loc[between], placeholders]).sort_index(kind="stable")


def _waves_named_in(
    kept: pd.DataFrame, survey: Survey, members: frozenset[str]
) -> list[tuple[str, ...]]:
    """Each member's ``waves``, with every wave whose answers or arcs name it added, so it
    stays on the rosters it was on when only organisations outside the hub named it."""
    responses, edges = survey.responses, survey.edges
    named = pd.concat(
        [
            responses[["wave", "respondent"]].set_axis(["wave", "name"], axis=1),
            responses[["wave", "partner"]].set_axis(["wave", "name"], axis=1),
            edges[["wave", "source"]].set_axis(["wave", "name"], axis=1),
            edges[["wave", "target"]].set_axis(["wave", "name"], axis=1),
        ],
        ignore_index=True,
    )
    named = named.loc[named["name"].isin(members)]
    waves_of = named.groupby("name", sort=False)["wave"].agg(lambda w: set(w.tolist()))
    order = survey.waves
    widened = []
    for name, waves in kept["waves"].items():
        extra = waves_of.get(name, set()) - set(waves)
        # An empty tuple already means every wave's roster; a listed one grows by the named.
        widened.append(tuple(waves) + tuple(w for w in order if w in extra) if waves else waves)
    return widened


def _in_wave_order(frame: pd.DataFrame, survey: Survey) -> pd.DataFrame:
    """The rows, stably ordered by the survey's wave order, so the scoped survey lists its
    waves in the order the whole survey does (rows within a wave keep their order)."""
    rank = {wave: position for position, wave in enumerate(survey.waves)}
    order = frame["wave"].map(rank).to_numpy()
    return frame.iloc[order.argsort(kind="stable")] if len(frame) else frame
