"""Recognise what a survey file holds from its header row.

A file is one of these kinds, told apart by the columns its header names (case, spaces,
underscores and a byte-order mark do not matter):

* ``organisations``: ``name`` (or ``id``); optionally ``type`` (or ``group``), ``hub``,
  ``region``, ``aliases``, ``waves``, ``short_name`` (header "Short name" will do);
* ``responses``: ``respondent``, ``partner``, ``frequency``; optionally ``wave``,
  ``relevance``, ``direction``, ``nature``, ``respondent_person``, ``submitted``;
* ``edges`` (networks from other tools): ``source``, ``target``; optionally ``wave``,
  ``weight``, ``type`` (or ``nature``);
* ``mapping`` (what the columns of a survey-tool export hold, where their wording is not
  recognised): ``header`` (or ``pattern``) and ``question``; optionally ``partner``;
* ``wide`` (a survey tool's export: one row per respondent, one column per partner per
  question), recognised from the wording of its header by
  :func:`ecosystem.readers.headers.is_wide`. It is tried before ``organisations``, because
  Microsoft Forms exports have ``ID`` and ``Name`` columns.

Responses are recognised by ``respondent`` and ``partner`` alone, so that a responses file
missing its ``frequency`` column is told so, rather than told that its header means nothing.
The kinds are those of the partner-mapping survey design (``surveys/codebook.md``).

>>> recognise(["Respondent", "PARTNER", "Frequency"])
'responses'
>>> recognise(["\\ufeffid", "group"])
'organisations'
>>> recognise(["from", "to"]) is None
True
>>> recognise(["ID", "Name", "How often do you interact?.NHS Dorset"])
'wide'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from ecosystem.errors import Problem
from ecosystem.readers.headers import WIDE_NEEDS, is_wide
from ecosystem.words import in_words

__all__ = [
    "KINDS",
    "Kind",
    "first_present",
    "normalise_column",
    "recognise",
    "unrecognised",
]


def normalise_column(name: object) -> str:
    """The key of a column name: no BOM, lower case, runs of spaces/``_``/``-``/``.`` as ``_``.

    >>> normalise_column(" Respondent  person ")
    'respondent_person'
    >>> normalise_column("\\ufeffName")
    'name'
    """
    text = str(name).replace("\ufeff", "").replace("\u00a0", " ").strip().lower()
    return re.sub(r"[\s_.\-]+", "_", text).strip("_")


@dataclass(frozen=True)
class Kind:
    """One kind of survey file and the columns it needs.

    ``required`` and ``recognised_by`` are tuples of alternatives: ``("name", "id")`` means
    either column will do.
    """

    name: str
    recognised_by: tuple[tuple[str, ...], ...]
    required: tuple[tuple[str, ...], ...]
    optional: tuple[str, ...]
    what: str

    def needs(self) -> str:
        """The columns this kind needs, in words, for error messages."""
        required = [
            f"'{alt[0]}'" + "".join(f" (or '{other}')" for other in alt[1:])
            for alt in self.required
        ]
        listed = in_words(required)
        optional = ", ".join(f"'{c}'" for c in self.optional)
        return f"{self.what} need {listed} (optional: {optional})"


KINDS: Final[dict[str, Kind]] = {
    "responses": Kind(
        name="responses",
        recognised_by=(("respondent",), ("partner",)),
        required=(("respondent",), ("partner",), ("frequency",)),
        optional=(
            "wave",
            "relevance",
            "direction",
            "nature",
            "respondent_person",
            "submitted",
        ),
        what="responses files",
    ),
    "edges": Kind(
        name="edges",
        recognised_by=(("source",), ("target",)),
        required=(("source",), ("target",)),
        optional=("wave", "weight", "type", "nature"),
        what="edge lists",
    ),
    "mapping": Kind(
        name="mapping",
        recognised_by=(("header", "pattern"), ("question",)),
        required=(("header", "pattern"), ("question",)),
        optional=("partner",),
        what="mapping files for survey-tool exports",
    ),
    "organisations": Kind(
        name="organisations",
        recognised_by=(("name", "id"),),
        required=(("name", "id"),),
        optional=("type", "group", "hub", "region", "aliases", "waves", "short_name"),
        what="organisations files",
    ),
}
"""The kinds of survey file named by their columns, in the order they are tried (a wide
export is tried just before ``organisations``)."""


def first_present(columns: Iterable[str], alternatives: Iterable[str]) -> str | None:
    """The first of ``alternatives`` that is among ``columns`` (keys), or ``None``.

    >>> first_present(["id", "group"], ("name", "id"))
    'id'
    """
    present = {normalise_column(c) for c in columns}
    return next((a for a in alternatives if a in present), None)


def recognise(header: Iterable[str]) -> str | None:
    """The kind of file whose header is ``header``, or ``None`` when no kind matches."""
    header = [str(c) for c in header]
    columns = [normalise_column(c) for c in header]
    for kind in KINDS.values():
        if kind.name == "organisations" and is_wide(header):
            return "wide"
        if all(first_present(columns, alt) for alt in kind.recognised_by):
            return kind.name
    return None


def unrecognised(file: str, header: Iterable[str], row: int = 1) -> Problem:
    """The problem to report for a header that matches no kind, saying what each kind needs."""
    found = ", ".join(f"'{c}'" for c in header if str(c).strip()) or "nothing"
    return Problem(
        file,
        row,
        None,
        f"the header row does not say what this file holds (its columns are {found})",
        "name the columns for one kind of file: "
        + "; ".join(kind.needs() for kind in KINDS.values())
        + f"; {WIDE_NEEDS}",
    )
