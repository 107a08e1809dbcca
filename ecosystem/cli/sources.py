"""What the commands that read a survey share: the survey they read (files or a workspace)
and the arguments that ask for it.

Its own module so that command modules (``functions``) read surveys exactly as ``ties``,
``metrics`` and ``gaps`` do, without importing :mod:`ecosystem.cli` back.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from ecosystem.cli.base import notes
from ecosystem.errors import OptionError
from ecosystem.load import ILLUSTRATIVE_NOTE, load_survey, uses_demo
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
        from ecosystem.store import Workspace

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


def add_output(parser: argparse.ArgumentParser, formats: Sequence[str] = ("csv", "json")) -> None:
    parser.add_argument("--format", choices=formats, default=formats[0])
    parser.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
