"""What a face asks of a network it already holds: measures, profiles, roles and scenarios.

The dashboard keeps each wave's network and asks for its measures as a person moves around;
the exports and the command line ask for the same tables. These are the analysis functions
that take one graph, handed to the faces through the one door, so a face never imports the
analysis itself (and the analysis can be rearranged without any face changing).
"""

from __future__ import annotations

from ecosystem.analysis.brokerage import ROLES, brokerage_expectations, brokerage_type_matrix
from ecosystem.analysis.change import comparison_summary
from ecosystem.analysis.gaps import interleaved, kind_counts, strongest_actions
from ecosystem.analysis.profile import organisation_profile
from ecosystem.analysis.sustainability import key_players, run_scenario, successors
from ecosystem.analysis.tables import full_measures, organisation_table, with_short_name_column

__all__ = [
    "ROLES",
    "brokerage_expectations",
    "brokerage_type_matrix",
    "comparison_summary",
    "full_measures",
    "interleaved",
    "key_players",
    "kind_counts",
    "organisation_profile",
    "organisation_table",
    "run_scenario",
    "strongest_actions",
    "successors",
    "with_short_name_column",
]
