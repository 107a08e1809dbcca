"""``ecosystem functions``: the hubs' three core functions, one wave or between two.

Central coordination, information dissemination and (between two waves) catalysing
partnerships, for every hub of a survey or the one ``--hub`` names, as JSON (each hub's
indicators, changes and findings) or as CSV (one row per hub and indicator, through the
product's one formula-safe writer). The numbers are the service layer's
(:func:`ecosystem.service.functions_by_hub`), so they are the dashboard's and the report's.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from ecosystem.cli.base import EXIT_OK, Commands, command, emit, tabular, tell, write_table
from ecosystem.cli.sources import (
    HUB_HELP,
    add_output,
    add_pairs,
    add_respondents_only,
    add_sources,
    open_survey,
)
from ecosystem.errors import OptionError
from ecosystem.network import NetworkOptions
from ecosystem.service import (
    choose_wave,
    functions_by_hub,
    functions_table,
    resolve_hub,
)
from ecosystem.settings import SETTINGS, option_help
from ecosystem.survey import Survey

if TYPE_CHECKING:
    from ecosystem.analysis.functions import CoreFunctions


__all__ = ["add_functions_command", "functions_json"]


def _waves(args: argparse.Namespace, survey: Survey) -> tuple[str | None, str]:
    """(earlier wave or None, wave): ``--from`` and ``--to``, else ``--wave`` or the latest."""
    if (args.wave_from is None) != (args.wave_to is None):
        raise OptionError("give --from and --to together, to compare two waves")
    if args.wave_from is not None:
        if args.wave is not None:
            raise OptionError("give --wave, or --from and --to, not both")
        return choose_wave(survey, args.wave_from), choose_wave(survey, args.wave_to)
    wave = choose_wave(survey, args.wave)
    if args.wave is None and len(survey.waves) > 1:
        tell(f"using wave '{wave}' of: {', '.join(survey.waves)} (choose with --wave)")
    return None, wave


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Values as JSON writes them: Python numbers, NaN as null."""
    return {key: tabular(value) for key, value in values.items()}


def _hub_json(result: CoreFunctions) -> dict[str, Any]:
    """One hub's object of the JSON: its indicators, and with two waves what changed."""
    data: dict[str, Any] = {"hub": result.hub, "wave": result.wave}
    data["coordination"] = _plain(result.coordination)
    data["dissemination"] = _plain(result.dissemination)
    if result.wave_from is not None and result.catalysing is not None:
        data["wave_from"] = result.wave_from
        data["catalysing"] = _plain(result.catalysing)
        if result.changes is not None:
            data["changes"] = [_plain(row) for row in result.changes.to_dict("records")]
    data["findings"] = list(result.findings)
    return data


def functions_json(results: list[CoreFunctions]) -> str:
    """The JSON the command writes: ``{"hubs": [...]}``, one object per hub, NaN as null."""
    hubs = [_hub_json(result) for result in results]
    return json.dumps({"hubs": hubs}, indent=2, ensure_ascii=False, allow_nan=False)


def _functions(args: argparse.Namespace) -> int:
    """Each hub's core functions in one wave, or between two, as JSON or CSV."""
    survey = open_survey(args, args.wave)
    wave_from, wave = _waves(args, survey)
    hubs = [resolve_hub(survey, args.hub)] if args.hub else list(survey.hubs)
    options = NetworkOptions(hub=args.hub, respondents_only=args.respondents_only)
    statistics = {"samples": args.samples, "seed": args.seed}
    results = functions_by_hub(survey, wave, options, wave_from, **statistics, pairs=args.pairs)
    measured = {result.hub for result in results}
    for hub in hubs:
        if hub not in measured:
            tell(f"note: {hub} has no organisation of type hub in '{wave}'; left out")
    if args.format == "json":
        emit(functions_json(results) + "\n", args.output)
    else:
        write_table(functions_table(results), "csv", args.output)
    return EXIT_OK


def add_functions_command(commands: Commands) -> None:
    """Add ``ecosystem functions`` to the parser."""
    help_text = "the hubs' three core functions: coordination, dissemination, catalysing"
    parser = command(commands, "functions", _functions, help_text)
    add_sources(parser)
    parser.add_argument(
        "--wave",
        help="the wave to measure; files with no wave column belong to this wave "
        "(default: the latest)",
    )
    parser.add_argument("--hub", help=HUB_HELP + " (default: every hub)")
    parser.add_argument("--from", dest="wave_from", help="the earlier wave of a comparison")
    parser.add_argument("--to", dest="wave_to", help="the later wave of a comparison")
    add_pairs(parser)
    parser.add_argument(
        "--samples", type=int, default=SETTINGS.samples, help=option_help("samples")
    )
    parser.add_argument("--seed", type=int, default=SETTINGS.seed, help=option_help("seed"))
    add_respondents_only(parser)
    add_output(parser, formats=("json", "csv"))
