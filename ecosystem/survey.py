"""The validated survey: the tidy tables every later stage reads.

A :class:`Survey` is what :func:`ecosystem.validate.validate` returns once every file has been
read and checked. Its tables use canonical organisation names (aliases already resolved) and
codebook codes (labels already parsed). Each response and edge row keeps the file and row it
came from, so any number the product shows can be traced back to a cell.

Columns
-------
organisations (one row per organisation, index ``name``):
    ``type`` (codebook key), ``hubs`` (tuple of hub names whose ecosystem it belongs to),
    ``region`` (str, may be ""), ``aliases`` (tuple of other names),
    ``waves`` (tuple of wave names whose roster lists it; empty tuple = every wave),
    ``short_name`` (str, "" when none: the few characters a network picture labels it with;
    not an alias, so answers never name an organisation by it).
responses (one row per respondent x partner x person):
    ``wave``, ``respondent``, ``partner`` (canonical names), ``frequency`` (int 0-4),
    ``relevance`` (float 0-3, NaN when not answered), ``direction`` (out/in/both/none),
    ``nature`` (tuple of nature keys), ``respondent_person`` (str, may be ""),
    ``submitted`` (str, may be ""), ``source_file`` (str), ``source_row`` (int).
edges (one row per arc from another tool's edge list):
    ``wave``, ``source``, ``target`` (canonical names), ``weight`` (float, a strength),
    ``nature`` (tuple of str), ``source_file``, ``source_row``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import pandas as pd

ORGANISATION_COLUMNS = ("type", "hubs", "region", "aliases", "waves", "short_name")
RESPONSE_COLUMNS = (
    "wave",
    "respondent",
    "partner",
    "frequency",
    "relevance",
    "direction",
    "nature",
    "respondent_person",
    "submitted",
    "source_file",
    "source_row",
)
EDGE_COLUMNS = ("wave", "source", "target", "weight", "nature", "source_file", "source_row")


RESPONSE_DTYPES: Final = {"frequency": "int64", "relevance": "float64", "source_row": "int64"}
"""The dtypes of the responses table that are not ``object``."""

EDGE_DTYPES: Final = {"weight": "float64", "source_row": "int64"}
"""The dtypes of the edges table that are not ``object``."""

SHORT_NAME_LIMIT: Final = 20
"""The most characters an organisation's ``short_name`` may have: the network picture draws
it on one line, so a longer one would crowd its neighbours."""


def empty_organisations() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in ORGANISATION_COLUMNS})
    frame.index = pd.Index([], name="name", dtype=object)
    return frame


def with_short_names(organisations: pd.DataFrame) -> pd.DataFrame:
    """The organisations table with a ``short_name`` for every organisation ("" for none).

    Organisations tables made before short names existed (by hand, by other tools, by older
    code), or joined with such a table, stay valid: their organisations read as having no
    short name. The input is not modified; a complete table is returned as it is.

    >>> table = pd.DataFrame({"type": ["ICB"]}, index=pd.Index(["NHS Dorset"], name="name"))
    >>> with_short_names(table)["short_name"].tolist(), list(table.columns)
    ([''], ['type'])
    """
    if "short_name" not in organisations.columns:
        # Typed as pandas types a column of text read from a file (object when empty).
        blank = pd.Series([""] * len(organisations), index=organisations.index)
        return organisations.assign(short_name=blank)
    short = organisations["short_name"]
    if not short.isna().any():
        return organisations
    return organisations.assign(short_name=short.where(short.notna(), ""))


def empty_responses() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in RESPONSE_COLUMNS})


def empty_edges() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in EDGE_COLUMNS})


def responses_frame(records: Sequence[Mapping[str, object]]) -> pd.DataFrame:
    """The responses table from one record per response: its columns in order, its dtypes.

    Validation builds it from files and the workspace from its database, the same way.
    """
    if not records:
        return empty_responses()
    frame = pd.DataFrame.from_records(list(records), columns=list(RESPONSE_COLUMNS))
    return frame.astype(RESPONSE_DTYPES)


def edges_frame(records: Sequence[Mapping[str, object]]) -> pd.DataFrame:
    """The edges table from one record per arc, as :func:`responses_frame` builds responses."""
    if not records:
        return empty_edges()
    return pd.DataFrame.from_records(list(records), columns=list(EDGE_COLUMNS)).astype(EDGE_DTYPES)


@dataclass(frozen=True)
class Survey:
    """Validated organisations, responses and edges of one or more waves."""

    organisations: pd.DataFrame
    responses: pd.DataFrame
    edges: pd.DataFrame

    def __post_init__(self) -> None:
        # Organisations without a short_name column (made before it existed) have none.
        object.__setattr__(self, "organisations", with_short_names(self.organisations))

    @property
    def waves(self) -> list[str]:
        """Wave names in the order they first appear in the files."""
        seen = pd.concat([self.responses["wave"], self.edges["wave"]], ignore_index=True)
        return list(dict.fromkeys(seen.tolist()))

    @property
    def hubs(self) -> list[str]:
        """Hub names, as written in the organisations file's ``hub`` column, sorted."""
        names = {hub for hubs in self.organisations["hubs"] for hub in hubs}
        return sorted(names)
