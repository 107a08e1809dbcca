"""What every command module shares: exit codes, writing results and messages, and adding a
command to the parser.

Its own module so that command groups with modules of their own (``users``, ``audit``) use
the same writers as the commands in :mod:`ecosystem.cli` without importing it back.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from ecosystem.export import csv_text

EXIT_OK, EXIT_BAD_INPUT, EXIT_MISUSE = 0, 1, 2
Command = Callable[[argparse.Namespace], int]  # a command's function; returns the exit code
Commands = argparse._SubParsersAction  # where build_parser adds one subparser per command


# Writing: results to standard output or a file, messages to standard error.


def tabular(value: object) -> object:
    """A cell as a JSON value: tuples of labels joined, NaN as null."""
    if isinstance(value, tuple | list | set):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float | np.floating) and np.isnan(value):
        return None
    if isinstance(value, np.integer | np.floating | np.bool_):
        return value.item()  # the Python int, float or bool that JSON can write
    return value


def write_table(frame: pd.DataFrame, fmt: str, output: Path | None) -> None:
    """Write a result table as CSV or JSON (a list of records) to a file or standard output.

    CSV goes through the product's one spreadsheet writer (:func:`ecosystem.export.csv_text`),
    so a name that a spreadsheet would run as a formula is written as text; JSON is not a
    spreadsheet and keeps every value as it is.
    """
    if fmt == "json":
        # Cell by cell after leaving pandas: a float column would turn None back into NaN,
        # which is not JSON.
        records = [
            {column: tabular(value) for column, value in row.items()}
            for row in frame.to_dict("records")
        ]
        text = json.dumps(records, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    else:
        text = csv_text(frame, index=False, line_end="\n")
    emit(text, output)


def emit(text: str, output: Path | None) -> None:
    """Write a result to standard output, or to ``output`` and say so on standard error."""
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        tell(f"wrote {output}")


def tell(message: str) -> None:
    """A message for the person at the terminal: standard error, so results stay clean."""
    print(message, file=sys.stderr)


def notes(said: Iterable[str]) -> None:
    """Say what reading or importing did on purpose (nothing wrong, but worth knowing)."""
    for note in said:
        tell(f"note: {note}")


def command(commands: Commands, name: str, run: Command, help_text: str) -> argparse.ArgumentParser:
    """Add the subparser of one command and register the function that runs it."""
    parser = commands.add_parser(name, help=help_text)
    parser.set_defaults(func=run)
    return parser


def who() -> str:
    """Who changes a workspace from the command line, as the audit table names them:
    ``command line (USER)`` with the system's user name, or ``command line`` without one."""
    try:
        return f"command line ({getpass.getuser()})"
    except (OSError, KeyError, ImportError):  # no user name in the environment or database
        return "command line"
