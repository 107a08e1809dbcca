"""The one family of user-facing problems: every bad input names its file, row and column.

A :class:`Problem` is one thing wrong with one place in one file, with a plain-English fix.
A :class:`SurveyError` carries every problem found, so a user fixes a file in one go rather
than one error per run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

UNKNOWN_ORGANISATION: Final = "unknown_organisation"
"""The ``kind`` of a problem naming an organisation that the organisations file lacks."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a survey file.

    ``row`` is the row number a person sees in a spreadsheet (the header is row 1, the first
    data row is row 2); ``None`` when the problem concerns the whole file. ``column`` is the
    header as written in the file; ``None`` when the problem is not about one column.

    The sentence (``message`` and ``fix``) is for people. What a program needs from a problem
    is in its fields, never to be parsed back from the sentence: ``kind`` names the kind of
    problem (for instance :data:`UNKNOWN_ORGANISATION`), ``value`` is the cell's text as
    written and ``suggestions`` are the known names nearest to it.

    >>> problem = Problem("answers.csv", 4, "frequency", "'Fortnightly' is not a frequency",
    ...                   "use 'Monthly'")
    >>> print(problem)
    answers.csv, row 4, column 'frequency': 'Fortnightly' is not a frequency. Fix: use 'Monthly'
    """

    file: str
    row: int | None
    column: str | None
    message: str
    fix: str = ""
    kind: str = ""
    value: str | None = None
    suggestions: tuple[str, ...] = ()

    def __str__(self) -> str:
        place = [self.file]
        if self.row is not None:
            place.append(f"row {self.row}")
        if self.column is not None:
            place.append(f"column '{self.column}'")
        text = f"{', '.join(place)}: {self.message}"
        if self.fix:
            stop = "" if text.endswith((".", "?", "!")) else "."
            text += f"{stop} Fix: {self.fix}"
        return text


class SurveyError(Exception):
    """Raised with every problem found in the files a user brought.

    Nothing is stored or half-read when it is raised: readers and validation collect all the
    problems first and raise once.
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid survey input")


class OptionError(ValueError):
    """A choice that the user made on the command line or dashboard is not one we offer."""


@dataclass(frozen=True, order=True)
class Note:
    """Something assumed while reading a file: nothing is wrong, but the network depends on it.

    A note is not a problem: the file is read and imported. It says which file, which column
    (the header it lacks, or left blank in every row; ``None`` when the assumption is not
    about one column), what was assumed (``message``, for people) and ``count``, how many
    ties or rows the assumption touches. ``kind`` names the assumption for programs.

    >>> print(Note("answers.csv", "direction", "no 'direction' column: 3 ties read as "
    ...            "'direction not stated'", 3, "direction_not_stated"))
    answers.csv, column 'direction': no 'direction' column: 3 ties read as 'direction not stated'
    """

    file: str
    column: str | None
    message: str
    count: int = 0
    kind: str = ""

    def __str__(self) -> str:
        place = self.file if self.column is None else f"{self.file}, column '{self.column}'"
        return f"{place}: {self.message}"


WORKSPACE_MISSING: Final = "workspace_missing"
"""The ``kind`` of a workspace error: no workspace at the folder named (none is created)."""

WORKSPACE_READ_ONLY: Final = "workspace_read_only"
"""The ``kind`` of a workspace error: the workspace (or its folder) cannot be written."""

WORKSPACE_DAMAGED: Final = "workspace_damaged"
"""The ``kind`` of a workspace error: its database is damaged, or not an SQLite file at all."""

WORKSPACE_EXISTS: Final = "workspace_exists"
"""The ``kind`` of a workspace error: a backup would overwrite a workspace that is there."""


class WorkspaceError(OptionError):
    """A workspace cannot be opened, read or written as asked; nothing in it was changed.

    ``path`` is the workspace folder as the user named it and ``kind`` says what is wrong
    (:data:`WORKSPACE_MISSING`, :data:`WORKSPACE_READ_ONLY`, :data:`WORKSPACE_DAMAGED`,
    :data:`WORKSPACE_EXISTS`, or ``""`` for a folder that is not a workspace this version can
    open), so a face can add its own advice without parsing the sentence.

    >>> error = WorkspaceError("no workspace at 'w'", path="w", kind=WORKSPACE_MISSING)
    >>> error.kind, str(error)
    ('workspace_missing', "no workspace at 'w'")
    """

    def __init__(self, message: str, *, path: Path | str | None = None, kind: str = "") -> None:
        super().__init__(message)
        self.path = path
        self.kind = kind
