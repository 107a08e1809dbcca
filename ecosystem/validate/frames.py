"""The validated organisations as the organisations table of :class:`~ecosystem.survey.Survey`."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ecosystem.survey import (
    ORGANISATION_COLUMNS,
    empty_organisations,
)
from ecosystem.validate.names import _Organisation


def _organisation_frame(organisations: Sequence[_Organisation]) -> pd.DataFrame:
    if not organisations:
        return empty_organisations()
    frame = pd.DataFrame(
        {column: [getattr(o, column) for o in organisations] for column in ORGANISATION_COLUMNS},
        index=pd.Index([o.name for o in organisations], name="name"),
    )
    return frame
