"""``ecosystem scenario`` and ``ecosystem key-players``: what the ecosystem loses if an
organisation goes, and which organisations hold it together.

``scenario`` removes organisations from one wave's network (``--remove``, repeatable), or
merges one into another (``--merge NAME --into NAME``: the hub moves into the ICB), and
reports the network before and after: fragmentation, distance-weighted fragmentation and
every other network measure, the organisations left without a tie, the kinds of
organisation cut off, the pairs of partners who lose their only two-step bridge, and the
findings in plain words. ``key-players`` finds the k organisations whose removal fragments
the network most (``--goal fragment``) or who reach most of the rest in ``--steps`` steps
(``--goal reach``). Both read surveys and take network options as ``gaps`` does; an unknown
organisation's name exits 2 with the nearest names.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

import pandas as pd

from ecosystem.cli.base import EXIT_OK, Commands, command, emit, tabular, write_table
from ecosystem.cli.sources import add_files, add_network_options, add_output, one_wave
from ecosystem.errors import OptionError
from ecosystem.service import Scenario, key_players_for, resolve_hub, scenario_for

if TYPE_CHECKING:
    from ecosystem.analysis.sustainability import KeyPlayers, ScenarioResult

__all__ = [
    "add_scenario_options",
    "add_sustainability_commands",
    "key_players_json",
    "scenario_choice",
    "scenario_json",
]

GOALS = ("fragment", "reach")
"""What ``key-players`` looks for: the set whose removal fragments most, or that reaches most."""


def _measures_side(measures: pd.DataFrame, side: str) -> dict[str, object]:
    """Every network measure of one side (``before`` or ``after``) of a scenario, by key."""
    return {str(row["measure"]): tabular(row[side]) for _, row in measures.iterrows()}


def scenario_json(result: ScenarioResult, wave: str, hub: str | None) -> dict[str, object]:
    """A scenario's result as the JSON ``ecosystem scenario`` writes: its description, the
    wave and hub, every network measure before and after (fragmentation and
    distance-weighted fragmentation first), the organisations isolated, the types cut off,
    the lost bridges (one object a pair) and the findings."""
    sides = {}
    for side in ("before", "after"):
        sides[side] = {
            "fragmentation": getattr(result, f"fragmentation_{side}"),
            "distance_fragmentation": getattr(result, f"distance_fragmentation_{side}"),
            **_measures_side(result.measures, side),
        }
    bridges = result.lost_bridges.map(tabular).to_dict("records")
    return {
        "scenario": result.scenario.describe(),
        "wave": wave,
        "hub": hub,
        **sides,
        "isolated": list(result.isolated),
        "types_cut_off": list(result.types_cut_off),
        "lost_bridges": bridges,
        "findings": list(result.findings),
    }


def key_players_json(found: KeyPlayers, wave: str, hub: str | None) -> dict[str, object]:
    """A key-player set as the JSON ``ecosystem key-players`` writes: the goal, k, steps,
    players, how they were found, and ``fragmentation`` (goal fragment: the fragmentation
    after removing them) or ``reach`` (goal reach: the share of the rest they reach)."""
    score = "fragmentation" if found.goal == "fragment" else "reach"
    return {
        "wave": wave,
        "hub": hub,
        "goal": found.goal,
        "k": found.k,
        "steps": found.steps,
        "players": list(found.players),
        score: found.score,
        "method": found.method,
        "starts": found.starts,
        "sets_evaluated": found.sets_evaluated,
        "description": found.describe(),
    }


def scenario_choice(args: argparse.Namespace) -> Scenario | None:
    """The scenario that ``--remove`` (repeatable) or ``--merge NAME --into NAME`` ask for, as
    written (names are resolved against the survey later); None when neither is given."""
    if args.merge is not None and args.into is None:
        raise OptionError("--merge needs --into: the organisation that absorbs it")
    if args.into is not None and args.merge is None:
        raise OptionError("--into needs --merge: the organisation absorbed")
    if args.remove and args.merge:
        raise OptionError("give --remove or --merge with --into, not both")
    if args.merge:
        return Scenario(merge=(args.merge, args.into))
    return Scenario(remove=tuple(args.remove)) if args.remove else None


def add_scenario_options(parser: argparse.ArgumentParser, required: bool) -> None:
    """``--remove NAME`` (repeatable) or ``--merge NAME --into NAME``."""
    change = parser.add_mutually_exclusive_group(required=required)
    change.add_argument(
        "--remove", action="append", metavar="NAME", help="an organisation that leaves (repeat)"
    )
    change.add_argument("--merge", metavar="NAME", help="an organisation absorbed (with --into)")
    parser.add_argument("--into", metavar="NAME", help="the organisation that absorbs --merge")


def _scenario(args: argparse.Namespace) -> int:
    """The network before and after removing organisations or merging one into another."""
    chosen = scenario_choice(args)
    assert chosen is not None  # argparse requires --remove or --merge
    survey, wave, options = one_wave(args)
    absorbed, receiving = chosen.merge or (None, None)
    result = scenario_for(
        survey, wave, options, remove=chosen.remove, merge=absorbed, into=receiving
    )
    if args.format == "csv":
        write_table(result.measures, "csv", args.output)
        return EXIT_OK
    hub = resolve_hub(survey, args.hub) if args.hub else None
    emit(_json_text(scenario_json(result, wave, hub)), args.output)
    return EXIT_OK


def _key_players(args: argparse.Namespace) -> int:
    """The k organisations that fragment the network most if they left, or reach most."""
    survey, wave, options = one_wave(args)
    found = key_players_for(survey, wave, options, args.k, goal=args.goal, steps=args.steps)
    hub = resolve_hub(survey, args.hub) if args.hub else None
    summary = key_players_json(found, wave, hub)
    if args.format == "csv":
        score = "fragmentation" if found.goal == "fragment" else "reach"
        table = pd.DataFrame(
            {
                "player": range(1, len(found.players) + 1),
                "organisation": list(found.players),
                **{key: summary[key] for key in ("goal", "k", "steps", score, "method")},
            }
        )
        write_table(table, "csv", args.output)
        return EXIT_OK
    emit(_json_text(summary), args.output)
    return EXIT_OK


def _json_text(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def add_sustainability_commands(commands: Commands) -> None:
    """Add ``scenario`` and ``key-players`` to the ``ecosystem`` parser."""
    help_text = "what the network loses if organisations leave, or one merges into another"
    scenario = command(commands, "scenario", _scenario, help_text)
    add_files(scenario)
    add_network_options(scenario)
    add_scenario_options(scenario, required=True)
    add_output(scenario, formats=("json", "csv"))

    help_text = "the k organisations that hold the network together, or reach most of it"
    players = command(commands, "key-players", _key_players, help_text)
    add_files(players)
    add_network_options(players)
    players.add_argument("--k", type=int, required=True, help="how many organisations")
    players.add_argument(
        "--goal",
        choices=GOALS,
        required=True,
        help="fragment: whose removal fragments the network most; reach: who reach most",
    )
    players.add_argument(
        "--steps", type=int, default=1, help="with --goal reach, within how many steps (default 1)"
    )
    add_output(players, formats=("json", "csv"))
