"""What the analysing commands share: the survey they read (files or a workspace), the wave
and network options they take, and the arguments that ask for them.

Its own module so that command modules (``scenario``, ``key-players``) read surveys and take
options exactly as ``ties``, ``metrics`` and ``gaps`` do, without importing
:mod:`ecosystem.cli` back.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from ecosystem.cli.base import Command, Commands, command, notes, tell
from ecosystem.codebook import RECONCILIATIONS, WEIGHTINGS
from ecosystem.errors import OptionError
from ecosystem.load import ILLUSTRATIVE_NOTE, load_survey, uses_demo
from ecosystem.network import NetworkOptions
from ecosystem.service import DEFAULT_PAIRS, PAIR_CHOICES, choose_wave
from ecosystem.survey import Survey

HUB_HELP = "one hub's ecosystem: a hub name or the hub organisation's"


# The survey a command works on.


def survey_of(args: argparse.Namespace, wave: str | None = None) -> Survey:
    """The survey a command works on: from its files, or from its workspace."""
    if getattr(args, "workspace", None) is not None:
        if args.files:
            raise OptionError(
                "give survey files or --workspace, not both (add files to a workspace with "
                "'ecosystem import FILE... --workspace DIR')"
            )
        from ecosystem.service.workspace import Workspace

        with Workspace(args.workspace, create=False) as workspace:
            return workspace.survey()
    if not args.files:
        raise OptionError("no survey files given: name them, or a workspace with --workspace DIR")
    return load_survey(args.files, wave)


def open_survey(args: argparse.Namespace, wave: str | None = None) -> Survey:
    """The command's survey, with a note when it is the illustrative demo (people must know)."""
    survey = survey_of(args, wave)
    if uses_demo(args.files):
        notes([ILLUSTRATIVE_NOTE])
    return survey


def analysed(args: argparse.Namespace) -> tuple[Survey, NetworkOptions]:
    """The survey and network options of a command that analyses one network per wave."""
    survey = open_survey(args, args.wave)
    options = NetworkOptions(
        weighting=args.weight,
        reconciliation=args.reconcile,
        hub=args.hub,
        respondents_only=args.respondents_only,
    )
    return survey, options


def one_wave(args: argparse.Namespace) -> tuple[Survey, str, NetworkOptions]:
    """As :func:`analysed`, with the wave asked for (else the latest, saying which)."""
    survey, options = analysed(args)
    wave = choose_wave(survey, args.wave)
    if args.wave is None and len(survey.waves) > 1:
        tell(f"using wave '{wave}' of: {', '.join(survey.waves)} (choose with --wave)")
    return survey, wave, options


def add_sources(parser: argparse.ArgumentParser) -> None:
    """Survey files, or a workspace that holds earlier imports."""
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="survey files (CSV or XLSX): organisations, responses (tidy or a survey tool's "
        "wide export) or edges; each file's kind is recognised from its header",
    )
    parser.add_argument(
        "--workspace", type=Path, metavar="DIR", help="read the survey from this workspace"
    )


def add_files(parser: argparse.ArgumentParser) -> None:
    """Survey files or a workspace, and the wave to analyse."""
    add_sources(parser)
    parser.add_argument(
        "--wave",
        help="the wave to analyse; files with no wave column belong to this wave "
        "(default: 'Wave 1' for such files; otherwise the latest wave)",
    )


def add_output(parser: argparse.ArgumentParser, formats: Sequence[str] = ("csv", "json")) -> None:
    parser.add_argument("--format", choices=formats, default=formats[0])
    parser.add_argument("-o", "--output", type=Path, help="write here instead of standard output")


RESPONDENTS_ONLY_HELP = (
    "the network among the organisations that answered, where every pair is observed "
    "(default: a one-sided report of a tie stands, as reported)"
)


def add_respondents_only(parser: argparse.ArgumentParser) -> None:
    """``--respondents-only``: the second way to handle the unseen, on every command that
    builds networks."""
    parser.add_argument("--respondents-only", action="store_true", help=RESPONDENTS_ONLY_HELP)


def add_pairs(parser: argparse.ArgumentParser) -> None:
    """``--pairs``: which pairs of organisations a comparison of two waves compares."""
    parser.add_argument(
        "--pairs",
        choices=list(PAIR_CHOICES),
        default=DEFAULT_PAIRS,
        help="between two waves, which pairs of organisations are compared: "
        + "; ".join(f"{rule}: {words}" for rule, words in PAIR_CHOICES.items())
        + f" (default: {DEFAULT_PAIRS})",
    )


def add_network_options(parser: argparse.ArgumentParser) -> None:
    """The hub, weighting, reconciliation and respondents that shape one wave's network."""
    parser.add_argument("--hub", help=HUB_HELP)
    parser.add_argument(
        "--weight",
        choices=list(WEIGHTINGS),
        default="frequency",
        help="how arcs are weighted (strengths; default: frequency)",
    )
    parser.add_argument(
        "--reconcile",
        choices=list(RECONCILIATIONS),
        default="mean",
        help="how two reports of one pair combine (default: mean)",
    )
    add_respondents_only(parser)


def add_analysis(commands: Commands, name: str, run: Command, help_text: str) -> None:
    """A command that analyses survey files: sources, wave, network options and output."""
    parser = command(commands, name, run, help_text)
    add_files(parser)
    add_network_options(parser)
    add_output(parser)
