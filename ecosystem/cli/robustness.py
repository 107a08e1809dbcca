"""``ecosystem robustness``: how far each number of one wave can be trusted.

Removes a share of the wave's respondents at random, again and again (seeded), rebuilds the
network with the same options and says of each organisation measure whether the
organisations keep their order (the verdict, with its figures) and of each network measure
the range it takes. The numbers are the service layer's
(:func:`ecosystem.service.robustness_of`), so they are the dashboard's and the report's.

JSON (the contract): the settings, ``measures`` (``measure``, ``rank_correlation``,
``low``, ``high``, ``top5_overlap``, ``verdict``) and ``network`` (``measure``, ``value``,
``low``, ``high``). CSV: one row per measure, organisation measures first, through the
product's one formula-safe writer.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Final

import pandas as pd

from ecosystem.cli.base import EXIT_OK, Commands, command, emit, tell, write_table
from ecosystem.cli.sources import HUB_HELP, add_output, add_respondents_only, open_survey
from ecosystem.errors import OptionError
from ecosystem.network import NetworkOptions
from ecosystem.service import choose_wave, resolve_hub, robustness_of
from ecosystem.settings import SETTINGS, option_help

__all__ = ["ROBUSTNESS_CSV_COLUMNS", "add_robustness_command"]

ROBUSTNESS_CSV_COLUMNS: Final = (
    "kind",
    "measure",
    "rank_correlation",
    "low",
    "high",
    "top5_overlap",
    "verdict",
    "value",
)
"""The columns of the CSV: ``kind`` is "organisation" (a measure of each organisation, with
its rank correlation's median and 90% range, top-five overlap and verdict) or "network" (a
measure of the whole network: its ``value`` and the range ``low`` to ``high``)."""


def _robustness(args: argparse.Namespace) -> int:
    """The verdict on each measure of one wave (and hub), as JSON or CSV."""
    if not 0 < args.remove < 1:
        raise OptionError(f"--remove {args.remove} is not a share between 0 and 1 (e.g. 0.1)")
    if args.runs < 1:
        raise OptionError(f"--runs {args.runs}: give at least one run")
    survey = open_survey(args, args.wave)
    wave = choose_wave(survey, args.wave)
    hub = resolve_hub(survey, args.hub) if args.hub else None
    options = NetworkOptions(hub=hub, respondents_only=args.respondents_only)
    result = robustness_of(
        survey, wave, options, remove=args.remove, runs=args.runs, seed=args.seed
    )
    tell(
        f"{wave}{f', {hub}' if hub else ''}: {result.removed} of {result.respondents} "
        f"respondents left out in each of {result.runs} runs (seed {result.seed}); "
        f"response rate {result.response_rate:.0%}"
    )
    if args.format == "json":
        text = json.dumps(result.as_dict(), indent=2, ensure_ascii=False, allow_nan=False)
        emit(text + "\n", args.output)
        return EXIT_OK
    organisation = result.measures.reset_index().assign(kind="organisation")
    network = result.network.reset_index().assign(kind="network")
    table = pd.concat([organisation, network], ignore_index=True)
    write_table(table.reindex(columns=list(ROBUSTNESS_CSV_COLUMNS)), "csv", args.output)
    return EXIT_OK


def add_robustness_command(commands: Commands) -> None:
    """Add ``ecosystem robustness`` to the parser."""
    help_text = "how far each measure of one wave survives further non-response"
    parser = command(commands, "robustness", _robustness, help_text)
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="survey files (CSV or XLSX), or none with --workspace",
    )
    parser.add_argument(
        "--workspace", type=Path, metavar="DIR",
        help="read the survey from this workspace",
    )  # fmt: skip
    parser.add_argument("--wave", required=True, help="the wave whose measures are tested")
    parser.add_argument("--hub", help=HUB_HELP + " (default: every organisation)")
    parser.add_argument(
        "--remove",
        type=float,
        default=SETTINGS.robustness_remove,
        help=option_help("robustness_remove"),
    )
    parser.add_argument(
        "--runs", type=int, default=SETTINGS.robustness_runs, help=option_help("robustness_runs")
    )
    parser.add_argument("--seed", type=int, default=SETTINGS.seed, help=option_help("seed"))
    add_respondents_only(parser)
    add_output(parser, formats=("json", "csv"))
