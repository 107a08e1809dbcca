"""The validated records as the tidy tables of :class:`~ecosystem.survey.Survey`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

import pandas as pd

from ecosystem.survey import (
    ORGANISATION_COLUMNS,
    empty_organisations,
)
from ecosystem.validate.names import _Organisation

_RESPONSE_TYPES: Final = {"frequency": "int64", "relevance": "float64", "source_row": "int64"}
_EDGE_TYPES: Final = {"weight": "float64", "source_row": "int64"}


def _frame(
    records: list[dict[str, object]],
    columns: Sequence[str],
    empty: Callable[[], pd.DataFrame],
    types: dict[str, str],
) -> pd.DataFrame:
    if not records:
        return empty()
    return pd.DataFrame.from_records(records, columns=list(columns)).astype(types)


def _organisation_frame(organisations: Sequence[_Organisation]) -> pd.DataFrame:
    if not organisations:
        return empty_organisations()
    frame = pd.DataFrame(
        {column: [getattr(o, column) for o in organisations] for column in ORGANISATION_COLUMNS},
        index=pd.Index([o.name for o in organisations], name="name"),
    )
    return frame
