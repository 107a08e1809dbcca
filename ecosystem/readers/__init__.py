"""The read stage: survey files (CSV or XLSX) in, raw tables of text with traceable rows out.

>>> table = read_table("orgs.csv", b"name,type\\nNHS Dorset,ICB\\n")
>>> table.kind, table.header
('organisations', ('name', 'type'))
"""

from ecosystem.readers.kinds import KINDS, Kind, normalise_column, recognise
from ecosystem.readers.raw import RawTable
from ecosystem.readers.tables import read_files, read_readable, read_table

__all__ = [
    "KINDS",
    "Kind",
    "RawTable",
    "normalise_column",
    "read_files",
    "read_readable",
    "read_table",
    "recognise",
]
