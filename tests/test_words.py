"""Counts and lists in words: one helper, and no module writing its own plural."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ecosystem
from ecosystem.words import in_words, plural, word

PACKAGE = Path(ecosystem.__file__).resolve().parent

INLINE_PLURAL = re.compile(
    r"""["']s["'] if |if [^:\n]*[!=]= 1 else ["']s["']|["']["'] if [^:\n]*== 1"""
)
"""An inline plural: ``'s' if n != 1 else ''`` and its variants."""


@pytest.mark.parametrize(
    ("count", "one", "many", "expected"),
    [
        (0, "finding", None, "0 findings"),
        (1, "finding", None, "1 finding"),
        (2, "finding", None, "2 findings"),
        (1, "survey preview or test", "survey previews or tests", "1 survey preview or test"),
        (3, "survey preview or test", "survey previews or tests", "3 survey previews or tests"),
    ],
)
def test_plural(count, one, many, expected):
    assert plural(count, one, many) == expected


def test_plural_groups_thousands_only_when_asked():
    assert plural(12_345, "tie") == "12345 ties"
    assert plural(12_345, "tie", grouped=True) == "12,345 ties"


def test_word_agrees_verbs_with_their_count():
    assert [word(n, "is", "are") for n in (0, 1, 2)] == ["are", "is", "are"]


@pytest.mark.parametrize(
    ("items", "conjunction", "expected"),
    [
        ([], "and", ""),
        (["A"], "and", "A"),
        (["A", "B"], "and", "A and B"),
        (["A", "B", "C"], "and", "A, B and C"),
        (["'x'", "'y'", "'z'"], "or", "'x', 'y' or 'z'"),
        ((n for n in (1, 2)), "and", "1 and 2"),
    ],
)
def test_in_words(items, conjunction, expected):
    assert in_words(items, conjunction) == expected


def test_no_module_writes_its_own_plural():
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if INLINE_PLURAL.search(line) and ">>>" not in line
    ]
    assert not found, "use ecosystem.words.plural or word:\n" + "\n".join(found)
