"""The three roles, an account as the workspace keeps it, and the rules for names and passwords.

Pure: no storage, no hashing (the store keeps accounts and hashes their passwords), no web.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from ecosystem.errors import OptionError
from ecosystem.settings import SETTINGS

NAME_PATTERN: Final = re.compile(r"[a-z0-9][a-z0-9._@-]{0,63}")
"""An account name: 1-64 letters, digits and ``. _ @ -``, starting with a letter or digit
(so an e-mail address works); names are kept in lower case."""

PASSWORD_MIN: Final = SETTINGS.password_min
"""The fewest characters a password may have (NCSC: length beats complexity rules)."""

PASSWORD_MAX: Final = SETTINGS.password_max
"""The most characters a password may have: hashing a longer text costs the server for nothing."""


class Role(StrEnum):
    """What a signed-in person may do; the value is how the command line writes it."""

    EVALUATOR = "evaluator"
    HUB_LEAD = "hub-lead"
    VIEWER = "viewer"

    @property
    def label(self) -> str:
        """The role as a sentence names it: ``"hub lead"``."""
        return self.value.replace("-", " ")


@dataclass(frozen=True)
class Account:
    """One person's account: name, role, hub (``None``: every hub) and password generation.

    ``generation`` grows each time the password is set, so a session begun with an old
    password ends when the password changes.
    """

    name: str
    role: Role
    hub: str | None = None
    generation: int = 1

    def __post_init__(self) -> None:
        if self.role is Role.HUB_LEAD and not self.hub:
            raise OptionError(f"a hub lead needs a hub: give --hub for '{self.name}'")
        if self.role is Role.EVALUATOR and self.hub:
            raise OptionError(
                f"an evaluator sees every hub: leave out --hub for '{self.name}', or make "
                "the account a hub lead or a viewer of that hub"
            )

    @property
    def may_change(self) -> bool:
        """Whether this person may change the workspace (import, rename, delete, aliases)."""
        return self.role is Role.EVALUATOR

    @property
    def scope(self) -> str | None:
        """The one hub this person sees, or ``None`` for every hub."""
        return self.hub or None

    def describe(self) -> str:
        """The account in a few words, as the page and ``users list`` show it.

        >>> Account("amira", Role.HUB_LEAD, "Dorset").describe()
        'amira (hub lead, Dorset)'
        >>> Account("sam", Role.VIEWER).describe()
        'sam (viewer, every hub)'
        """
        return f"{self.name} ({self.role.label}, {self.hub or 'every hub'})"


def normalise_account_name(name: str) -> str:
    """An account name as kept: trimmed, lower case (``Amira`` and ``amira`` are one person)."""
    return str(name).strip().lower()


def check_account_name(name: str) -> str:
    """The account name as kept, or ``OptionError`` saying what a name may hold.

    >>> check_account_name(" Amira.Khan@nhs.net ")
    'amira.khan@nhs.net'
    >>> check_account_name("amira khan")
    Traceback (most recent call last):
    ...
    ecosystem.errors.OptionError: 'amira khan' is not an account name: use 1-64 letters, \
digits and . _ @ -, starting with a letter or digit
    """
    kept = normalise_account_name(name)
    if not NAME_PATTERN.fullmatch(kept):
        raise OptionError(
            f"'{name}' is not an account name: use 1-64 letters, digits and . _ @ -, "
            "starting with a letter or digit"
        )
    return kept


def check_password(password: str, name: str) -> None:
    """Refuse a password that is too short, too long or the account's own name.

    >>> check_password("correct horse battery", "amira")
    >>> check_password("short", "amira")
    Traceback (most recent call last):
    ...
    ecosystem.errors.OptionError: a password needs at least 10 characters (this one has 5)
    """
    if len(password) < PASSWORD_MIN:
        raise OptionError(
            f"a password needs at least {PASSWORD_MIN} characters (this one has {len(password)})"
        )
    if len(password) > PASSWORD_MAX:
        raise OptionError(f"a password may have at most {PASSWORD_MAX} characters")
    if normalise_account_name(password) == normalise_account_name(name):
        raise OptionError("a password cannot be the account's own name")
