"""The raw table: one survey file as read, text cells whose rows can be traced.

Every reader returns a :class:`RawTable` and every later stage takes one, so it lives alone
here: the readers' modules all import it, and it imports none of them.

>>> import pandas as pd
>>> frame = pd.DataFrame({"name": ["NHS Dorset"]}, index=pd.Index([2], name="row"))
>>> table = RawTable("orgs.csv", "organisations", frame, (2,), ("Name",))
>>> table.column_name("name")
'Name'
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["RawTable"]


@dataclass(frozen=True, eq=False)
class RawTable:
    """One file as read: text cells, traceable rows, and the header as the user wrote it.

    Attributes
    ----------
    path
        Display name of the file: its name as the user gave it (no folders).
    kind
        ``"organisations"``, ``"responses"``, ``"edges"``, ``"mapping"`` or ``"wide"``.
    frame
        One column per header column, named by its key
        (:func:`ecosystem.readers.kinds.normalise_column`, e.g. ``"Respondent person"`` ->
        ``"respondent_person"``); every cell a ``str`` with surrounding spaces removed, ``""``
        when blank. Indexed by spreadsheet row number.
    rows
        The spreadsheet row number of each data row (the header is row 1 unless blank rows
        come before it).
    header
        The column names as written (byte-order mark and surrounding spaces removed), in the
        order of ``frame.columns``.
    header_row
        The spreadsheet row number of the header (1 unless blank rows come before it); for a
        wide export with a question row above a partner row, the partner row's.
    header_rows
        For a wide export only: the header's text rows, aligned with ``header`` (one row, or
        the question row filled over its partners and the partner row); ``()`` otherwise.
    """

    path: str
    kind: str
    frame: pd.DataFrame
    rows: tuple[int, ...]
    header: tuple[str, ...]
    header_row: int = 1
    header_rows: tuple[tuple[str, ...], ...] = ()

    def column_name(self, key: str) -> str:
        """The column whose key is ``key``, as written in the file's header."""
        return self.header[list(self.frame.columns).index(key)]
