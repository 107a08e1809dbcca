"""Counts and lists in words, as a sentence says them: "1 organisation", "3 organisations",
"A, B and C".

Every message, caption and finding that counts something or names several things goes
through these three functions, so "1 problems" or "A and B and C" cannot creep back in one
place while the rest reads well.

>>> plural(1, "organisation"), plural(3, "organisation"), plural(0, "finding")
('1 organisation', '3 organisations', '0 findings')
>>> plural(2, "survey preview or test", "survey previews or tests")
'2 survey previews or tests'
>>> f"{plural(1, 'tie')} {word(1, 'is', 'are')} new; {plural(2, 'tie')} {word(2, 'is', 'are')}"
'1 tie is new; 2 ties are'
>>> in_words(["NHS Dorset", "Wessex AHSN", "BCP Council"])
'NHS Dorset, Wessex AHSN and BCP Council'
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["in_words", "plural", "word"]


def word(count: int, one: str, many: str | None = None) -> str:
    """The word that goes with ``count``: ``one`` for exactly one, else ``many`` (by default
    ``one`` with an "s"). Verbs too: ``word(n, "is", "are")``, ``word(n, "leaves", "leave")``.

    >>> word(1, "row"), word(0, "row"), word(5, "row"), word(2, "was", "were")
    ('row', 'rows', 'rows', 'were')
    """
    return one if count == 1 else (many if many is not None else one + "s")


def plural(count: int, one: str, many: str | None = None, *, grouped: bool = False) -> str:
    """``count`` and the word that goes with it; ``grouped`` writes thousands with commas.

    >>> plural(1, "problem"), plural(12, "problem")
    ('1 problem', '12 problems')
    >>> plural(100_000, "data row", grouped=True), plural(1500, "tie")
    ('100,000 data rows', '1500 ties')
    """
    number = f"{count:,}" if grouped else str(count)
    return f"{number} {word(count, one, many)}"


def in_words(items: Iterable[object], conjunction: str = "and") -> str:
    """Items as a sentence lists them: "A", "A and B", "A, B and C" (no serial comma);
    ``conjunction`` "or" for a choice. Nothing gives "".

    >>> in_words([]), in_words(["A"]), in_words(["A", "B"]), in_words("ABC", "or")
    ('', 'A', 'A and B', 'A, B or C')
    """
    names = [str(item) for item in items]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"
