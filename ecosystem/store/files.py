"""Files already imported: recognised by the SHA-256 of their bytes, whatever they are called.

Importing the same file twice adds nothing: the rows of a file imported before are not
imported again, and the file is reported as skipped, with a note that says when it was
imported and into which wave, and how to import its answers into another wave on purpose
(:data:`ON_PURPOSE`). A file whose rows were all deleted (with their wave) may be imported
again.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence

import pandas as pd

from ecosystem.errors import OptionError
from ecosystem.words import word

__all__ = ["ON_PURPOSE", "kept_rows", "sort_files"]

ON_PURPOSE = (
    "To import these answers into another wave on purpose, rename the earlier wave or delete "
    "it first ('ecosystem waves --rename OLD NEW' or '--delete WAVE'), or import a copy whose "
    "wave column names the new wave"
)
"""How to import a file's answers again under another wave: what the product supports."""


def sort_files(
    connection: sqlite3.Connection, files: Sequence[tuple[str, bytes]]
) -> tuple[list[str], list[tuple[str, bytes, str]], list[str]]:
    """Split files into those imported before (by their bytes) and those to import now.

    A file counts as imported while a row it gave is still stored, or when it gave no rows
    (an organisations file): importing it again would add nothing.
    """
    skipped: list[str] = []
    fresh: list[tuple[str, bytes, str]] = []
    notes: list[str] = []
    seen: dict[str, str] = {}
    names = [name for name, _ in files]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise OptionError(
            f"two files are called {', '.join(repr(n) for n in repeated)}: rename one, so "
            "each row can be traced to its file"
        )
    for name, data in files:
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            skipped.append(name)
            notes.append(f"{name} has the same contents as {seen[digest]}; it was skipped")
            continue
        seen[digest] = name
        earlier = _imports_of(connection, digest)
        kept = [row for row in earlier if row[2] == 0 or row[3]]
        if kept:
            skipped.append(name)
            notes.append(_skipped_note(name, *kept[0]))
        else:
            if earlier:
                notes.append(
                    f"{name} was imported before, but its rows had been deleted with their "
                    "wave; it was imported again"
                )
            fresh.append((name, data, digest))
    return skipped, fresh, notes


def _skipped_note(name: str, file: str, when: str, gave: int, stored: int, waves: str) -> str:
    """Why a file imported before was skipped, and how to import its answers on purpose."""
    called = "" if file == name else f" as {file}"
    note = (
        f"{name} was imported before{called} on {when[:10]}; the same bytes are never "
        "imported twice, so it was skipped"
    )
    if not gave:  # an organisations file: its organisations are stored already
        return note
    stored_in = waves.split("\n")
    into = " and ".join(repr(wave) for wave in stored_in)
    return f"{note}. Its answers are in {word(len(stored_in), 'wave')} {into}. {ON_PURPOSE}."


def _imports_of(
    connection: sqlite3.Connection, digest: str
) -> list[tuple[str, str, int, int, str]]:
    """Each earlier import of a file with these bytes: its name then, when, the rows it gave,
    how many of them are still stored, and the waves they are stored in (one a line)."""
    return connection.execute(
        """SELECT f.file, i.imported_at, f.responses + f.edges,
            (SELECT count(*) FROM responses r
                WHERE r.import_id = f.import_id AND r.source_file = f.file)
            + (SELECT count(*) FROM edges e
                WHERE e.import_id = f.import_id AND e.source_file = f.file),
            (SELECT group_concat(wave, char(10)) FROM (
                SELECT DISTINCT wave FROM responses r
                    WHERE r.import_id = f.import_id AND r.source_file = f.file
                UNION SELECT DISTINCT wave FROM edges e
                    WHERE e.import_id = f.import_id AND e.source_file = f.file))
        FROM import_files f JOIN imports i ON i.id = f.import_id
        WHERE f.sha256 = ? ORDER BY f.id""",
        (digest,),
    ).fetchall()


def kept_rows(frame: pd.DataFrame, skipped: set[str]) -> pd.DataFrame:
    """The rows that did not come from a file that was imported before."""
    if not skipped or frame.empty:
        return frame
    return frame[~frame["source_file"].isin(list(skipped))]
