"""The hubs' three core functions, measured from the network.

The programme's evaluation found that the hubs' value lies in three core functions:
**central coordination** of innovation activity (the hub as the ecosystem's front door),
**information dissemination** (raising awareness) and **catalysing partnerships** (bringing
together players who had never met). Each gets indicators measured on a hub's network
(``indicators.py``): :func:`coordination` (the share of the ecosystem tied to the hub, its
share of all brokerage, its betweenness rank), :func:`dissemination` (the share its support
reaches in one and two steps, the share of its support that carries information) and, between
two waves, :func:`catalysing` (the pairs of its partners who came together, and whether their
ties crossed organisation types more). :func:`core_functions` (``core.py``) measures all
three for one hub, with each indicator's change between two waves and a paired bootstrap
interval where one is honest (``changes.py``), and says what they show in plain words
(``wording.py``). The service layer's :func:`ecosystem.service.functions_by_hub` does it for
every hub of a survey.

The survey shows where ties are, not who made them: a rise in catalysed pairs is consistent
with a hub catalysing partnerships, not proof of it.
"""

from ecosystem.analysis.functions.changes import CHANGE_COLUMNS, CHANGED, indicator_changes
from ecosystem.analysis.functions.core import CoreFunctions, core_functions
from ecosystem.analysis.functions.indicators import (
    BOOTSTRAPPED,
    CATALYSING_KEYS,
    COORDINATION_KEYS,
    DISSEMINATION_KEYS,
    FUNCTIONS,
    catalysing,
    coordination,
    dissemination,
    hub_organisation,
    organisation_counts,
    partner_ei,
)
from ecosystem.analysis.functions.wording import describe_functions
from ecosystem.codebook import INFORMATION_NATURES

__all__ = [
    "BOOTSTRAPPED",
    "CATALYSING_KEYS",
    "CHANGED",
    "CHANGE_COLUMNS",
    "COORDINATION_KEYS",
    "DISSEMINATION_KEYS",
    "FUNCTIONS",
    "INFORMATION_NATURES",
    "CoreFunctions",
    "catalysing",
    "coordination",
    "core_functions",
    "describe_functions",
    "dissemination",
    "hub_organisation",
    "indicator_changes",
    "organisation_counts",
    "partner_ei",
]
