"""The workspace as the faces see it: the store's public names, through the one door.

A face opens a workspace, writes the audit log, manages accounts and keeps computed results
through these names, never by importing :mod:`ecosystem.store` itself, so that the store can
change its rooms without any face changing.
"""

from __future__ import annotations

from ecosystem.store import DATABASE_NAME, Workspace, audit, check_workspace
from ecosystem.store.accounts import already_there, unknown_account
from ecosystem.store.results import Fingerprints, KeptResults, result_key

__all__ = [
    "DATABASE_NAME",
    "Fingerprints",
    "KeptResults",
    "Workspace",
    "already_there",
    "audit",
    "check_workspace",
    "result_key",
    "unknown_account",
]
