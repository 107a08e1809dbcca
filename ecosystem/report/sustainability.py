"""A hub's sustainability: what its ecosystem would lose if the hub left (or joined the ICB),
which organisations hold the network together, and who could carry the hub's role.

One scenario of one wave (:func:`ecosystem.service.sustainability`), its tables as people
read them (:func:`sustainability_tables`) and the report's Sustainability section
(:func:`sustainability_values`): the report and the ``sustainability`` exhibit
(:mod:`ecosystem.exhibits`) both come from here, so a file says what the report says. The
computing is the service layer's; names are hidden by the
:class:`~ecosystem.anonymise.Anonymiser` given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final

import pandas as pd

from ecosystem.anonymise import Anonymiser
from ecosystem.codebook import type_label
from ecosystem.errors import OptionError
from ecosystem.figures.formats import format_measure
from ecosystem.figures.sustainability import sustainability_figure
from ecosystem.report.render import table
from ecosystem.service import Scenario, Sustainability
from ecosystem.service.hub_sustainability import sustainability
from ecosystem.survey import Survey

if TYPE_CHECKING:
    from ecosystem.analysis.change import WaveComparison
    from ecosystem.analysis.sustainability import KeyPlayers, ScenarioResult
    from ecosystem.report.render import Charts

REPORT_SUCCESSORS: Final = 5
"""How many successors the report lists (the exhibit's table lists every one)."""

SUSTAINABILITY_TABLES: Final[dict[str, str]] = {
    "measures": "Scenario measures",
    "isolated": "Isolated",
    "lost-bridges": "Lost bridges",
    "key-players": "Key players",
    "successors": "Successors",
}
"""The tables of the ``sustainability`` view by the name that chooses one for CSV, with their
sheet titles: the network measures before and after the scenario and their change, the
organisations it leaves without a tie, the pairs of partners who lose their only two-step
link, the key players whose removal fragments the network most, and the hub's successors."""
DEFAULT_SUSTAINABILITY_TABLE: Final = "measures"


def shown_result(result: ScenarioResult, names: Anonymiser) -> ScenarioResult:
    """The result as an exhibit shows it: graphs and the scenario's names hidden by ``names``
    (for :func:`~ecosystem.figures.sustainability.sustainability_figure`)."""
    scenario = result.scenario
    merge = scenario.merge
    hidden = Scenario(
        remove=tuple(names.text(name) for name in scenario.remove),
        merge=(names.text(merge[0]), names.text(merge[1])) if merge else None,
    )
    return replace(
        result, scenario=hidden, before=names.graph(result.before), after=names.graph(result.after)
    )


def _with_types(names: tuple[str, ...], types: Mapping[str, object]) -> pd.DataFrame:
    """Organisations with the codebook label of their type."""
    return pd.DataFrame(
        {"organisation": list(names), "type": [type_label(types.get(n)) for n in names]}
    )


def key_players_table(players: KeyPlayers | None, types: Mapping[str, object]) -> pd.DataFrame:
    """One row per key player: the set's goal, k, score (fragmentation after removing them)
    and how it was found."""
    if players is None:
        return pd.DataFrame(columns=["organisation", "type", "fragmentation", "method"])
    frame = _with_types(players.players, types)
    frame["fragmentation"] = players.score
    frame["method"] = players.method
    return frame


def sustainability_tables(found: Sustainability, names: Anonymiser) -> dict[str, pd.DataFrame]:
    """The tables of :data:`SUSTAINABILITY_TABLES`, by name, names hidden by ``names``."""
    result = found.result
    types = dict(result.before.nodes(data="type"))
    tables = {
        "measures": result.measures,
        "isolated": _with_types(result.isolated, types),
        "lost-bridges": result.lost_bridges,
        "key-players": key_players_table(found.key_players, types),
        "successors": found.successors,
    }
    return {key: names.table(frame.reset_index(drop=True)) for key, frame in tables.items()}


# The report's section.


@dataclass(frozen=True)
class ReportPart:
    """What the section draws on from the report: the survey, the comparison of two waves
    (its later wave and options), the anonymiser, the shared positions and chart numbering,
    the scope as shown, and whether the data are illustrative."""

    survey: Survey
    c: WaveComparison
    names: Anonymiser
    positions: Mapping[str, tuple[float, float]]
    charts: Charts
    scope: str
    illustrative: bool


def sustainability_values(m: ReportPart) -> dict[str, Any]:
    """The hub-leaves scenario in the later wave: fragmentation before and after, who is left
    without a tie, the kinds of organisation cut off, the findings, the difference map, the
    top :data:`REPORT_SUCCESSORS` successors and the
    :data:`~ecosystem.service.KEY_PLAYERS` key players."""
    if m.c.options.hub is None:
        return {"note": "Choose a hub for its sustainability: what its ecosystem would lose "
                "if the hub left, and who could carry its role."}  # fmt: skip
    try:
        found = sustainability(m.survey, m.c.wave_to, m.c.options)
    except OptionError as error:
        return {"note": f"No sustainability scenario for {m.scope}: {m.names.text(str(error))}."}
    result = found.result
    tables = sustainability_tables(found, m.names)
    shown = shown_result(result, m.names)
    figure = sustainability_figure(shown, m.positions, illustrative=m.illustrative)
    successors = tables["successors"].head(REPORT_SUCCESSORS)
    return {
        "note": "",
        "wave": found.wave,
        "scenario": shown.scenario.describe(),
        "fragmentation": [
            format_measure("fragmentation", result.fragmentation_before),
            format_measure("fragmentation", result.fragmentation_after),
        ],
        "isolated": list(tables["isolated"]["organisation"]),
        "types_cut_off": [type_label(kind) for kind in result.types_cut_off],
        "findings": [m.names.text(sentence) for sentence in result.findings],
        "chart": m.charts(figure, "The network before and after the hub leaves"),
        "successors": (
            table(successors, table_id="sustainability-successors")
            if not successors.empty
            else None
        ),
        "key_players": (
            table(tables["key-players"], table_id="sustainability-key-players")
            if found.key_players
            else None
        ),
    }
