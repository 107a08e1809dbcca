"""The read stage: survey files (CSV or XLSX) in, raw tables of text with traceable rows out.

Its modules import one way only, each from those listed above it:

* :mod:`~ecosystem.readers.raw`: :class:`RawTable`, what every reader gives;
* :mod:`~ecosystem.readers.decoding`: a CSV file's text, UTF-8 and Windows-1252 line by line;
* :mod:`~ecosystem.readers.limits`: :class:`ReadLimits`, the most a file may hold;
* :mod:`~ecosystem.readers.wording`: which question a survey-tool column asks, by its wording;
* :mod:`~ecosystem.readers.mapping`: mapping files, for wording that is not recognised;
* :mod:`~ecosystem.readers.headers`: survey-tool headers (their shapes, where they are);
* :mod:`~ecosystem.readers.partners`: the partners a survey-tool export asks about;
* :mod:`~ecosystem.readers.rows`: a survey-tool export's rows turned into answers;
* :mod:`~ecosystem.readers.wide`: :func:`~ecosystem.readers.wide.read_wide` and its notes;
* :mod:`~ecosystem.readers.kinds`: what a file holds, told from its header;
* :mod:`~ecosystem.readers.tables`: bytes in, a :class:`RawTable` out.

>>> table = read_table("orgs.csv", b"name,type\\nNHS Dorset,ICB\\n")
>>> table.kind, table.header
('organisations', ('name', 'type'))
"""

from ecosystem.readers.kinds import KINDS, Kind, normalise_column, recognise
from ecosystem.readers.limits import DEFAULT_LIMITS, ReadLimits
from ecosystem.readers.raw import RawTable
from ecosystem.readers.tables import read_files, read_readable, read_table

__all__ = [
    "DEFAULT_LIMITS",
    "KINDS",
    "Kind",
    "RawTable",
    "ReadLimits",
    "normalise_column",
    "read_files",
    "read_readable",
    "read_table",
    "recognise",
]
