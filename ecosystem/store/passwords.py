"""Passwords as the workspace keeps them: an argon2id hash, never the password itself.

argon2id is memory-hard: guessing passwords from a stolen workspace costs memory as well as
time for every guess, which graphics cards and custom chips cannot make cheap. The costs are
argon2-cffi's defaults (RFC 9106's second recommended setting); a hash made with older costs
is remade at the next sign-in (:func:`needs_rehash`).

Nothing here stores, logs or repeats a password: errors say only that it did not match.

References
----------
Biryukov, Dinu, Khovratovich & Josefsson (2021), "Argon2 memory-hard function for password
hashing and proof-of-work applications", RFC 9106. OWASP, "Password storage cheat sheet".
"""

from __future__ import annotations

from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = ["DUMMY_HASH", "HASH_PREFIX", "hash_password", "needs_rehash", "verify"]

HASH_PREFIX: Final = "$argon2id$"
"""How every stored hash begins (the PHC string format names the function and version)."""

_HASHER: Final = PasswordHasher()
"""argon2-cffi's hasher with its default costs; it holds settings only, no state."""


def hash_password(password: str) -> str:
    """The argon2id hash of ``password``, with a fresh random salt (PHC string format).

    >>> stored = hash_password("correct horse battery")
    >>> stored.startswith(HASH_PREFIX), verify(stored, "correct horse battery")
    (True, True)
    """
    return _HASHER.hash(password)


def verify(stored: str, password: str) -> bool:
    """Whether ``password`` is the one ``stored`` was made from.

    Never raises for a wrong password or a hash that is not argon2's (both are ``False``), so
    a caller cannot leak which one it was.

    >>> verify(hash_password("correct horse battery"), "wrong horse battery")
    False
    >>> verify("not a hash", "correct horse battery")
    False
    """
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """Whether ``stored`` was made with other costs than today's (remake it at sign-in)."""
    try:
        return _HASHER.check_needs_rehash(stored)
    except (InvalidHashError, ValueError):
        return True


DUMMY_HASH: Final = (
    "$argon2id$v=19$m=65536,t=3,p=4$"
    "GxmRYxdGHI6adfwcCoAcZg$zCIQrGdeGyNprNP1vlen5sWh6fgNVfUptNC0Sz10qRk"
)
"""A fixed hash of no account's password, made with today's costs (a test says when those
change). Checking a password for a name that has no account spends one verification
against it, so the time a refusal takes does not tell which names have accounts."""
