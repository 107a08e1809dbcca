"""Who may see and change what: the roles of a team sharing one workspace.

A served workspace that holds accounts asks everyone to sign in. Each account has a
:class:`Role`: an **evaluator** sees every hub and may change the workspace (import, rename
or delete waves, save aliases); a **hub lead** sees only their own hub's ecosystem and
changes nothing; a **viewer** sees their hub, or every hub when none is named, and changes
nothing. :mod:`~ecosystem.access.roles` holds the rules and :mod:`~ecosystem.access.scope`
the survey a signed-in person may read, so nothing of another hub is ever computed for them.
"""

from ecosystem.access.roles import (
    Account,
    Role,
    check_account_name,
    check_password,
    normalise_account_name,
)
from ecosystem.access.scope import survey_for, survey_for_hub

__all__ = [
    "Account",
    "Role",
    "check_account_name",
    "check_password",
    "normalise_account_name",
    "survey_for",
    "survey_for_hub",
]
