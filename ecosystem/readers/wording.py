"""What a survey-tool export's column asks, recognised from its wording.

A wide export (:mod:`ecosystem.readers.wide`) heads its columns with the questions as the
survey put them. This module says which question a wording asks, and which columns hold the
respondent's organisation, name or role, or the tool's own bookkeeping (progress, dates, ids).

**Questions by wording** (case-insensitive; the first rule that matches wins):

=============  =====================================================================
question       wording
=============  =====================================================================
nature         "nature", "type of support", "kind of support",
               "what does the relationship involve"
direction      "who supports whom", "who mainly supports whom", "direction"
frequency      "how often", "frequency"
relevance      "how relevant", "relevance"
frequency      "interact" (only when no rule above matched)
relevance      "important"
direction      "support"
=============  =====================================================================

**The respondent.** The respondent's organisation is the column whose wording names an
organisation and is not a question about a partner ("Which organisation do you work for?",
"Your organisation", "Organisation name"); Qualtrics' `` - Selected Choice`` suffix is
ignored, and where the choice is "Other" its `` - Text`` column is read instead. The person
is the first of a name column ("Name", "Your name"; or first and last name columns) and a
role column ("Your role", "Job title").

>>> question_of("In this relationship, who mainly supports whom?")
'direction'
>>> plain_role("Which organisation do you work for? - Selected Choice")
'organisation'
"""

from __future__ import annotations

import re
from typing import Final

from ecosystem.codebook import normalise_label, parse_nature

__all__ = [
    "QUESTIONS",
    "meta_role",
    "nature_key",
    "plain_role",
    "question_of",
    "squash",
]

QUESTIONS: Final = ("frequency", "relevance", "direction", "nature")
"""The questions asked about each partner, in the order of the tidy responses."""

_SPECIFIC: Final = (
    (
        "nature",
        re.compile(
            r"\bnature\b|\btype of support\b|\bkind of support\b"
            r"|what does (the|this|your|each) relationship involve"
        ),
    ),
    ("direction", re.compile(r"who (mainly )?supports? (whom|who)\b|\bdirection\b")),
    ("frequency", re.compile(r"how often|\bfrequen")),
    ("relevance", re.compile(r"how relevant|\brelevan")),
)
_GENERIC: Final = (
    ("frequency", re.compile(r"\binteract")),
    ("relevance", re.compile(r"\bimportan")),
    ("direction", re.compile(r"\bsupport")),
)
_ORGANISATION: Final = re.compile(r"organi[sz]ation")
_NOT_ORGANISATION: Final = re.compile(r"\b(type|kind|sector|size|region|hub|role)\b")
_NAMES_ORGANISATION: Final = re.compile(
    r"^(which|what) organi[sz]ation|^(your|respondent'?s?|the) organi[sz]ation( name)?\W*$"
    r"|^organi[sz]ation( name)?\W*$|name of (your|the) organi[sz]ation"
    r"|organi[sz]ation (do|are) you (work|from|represent|with)"
)
"""Wordings that surely ask the respondent's organisation (others mentioning one may)."""
_PERSON: Final = re.compile(
    r"^(your |respondent'?s? )?(full )?name$|^name of (the )?respondent$|^respondent( person)?$"
    r"|^respondent_person$"
)
_ROLE: Final = re.compile(r"^(your )?(role|job title|job role|position)( or (job title|role))?$")

_META: Final[dict[str, tuple[str, ...]]] = {
    "progress": ("progress",),
    "finished": ("finished", "completed", "complete", "iscomplete"),
    "status": ("status", "responsetype"),
    "submitted": (
        "recordeddate",
        "enddate",
        "completiontime",
        "ended",
        "submitted",
        "submittedat",
        "submissiondate",
        "datesubmitted",
        "timestamp",
    ),
    "id": ("responseid", "respondentid", "id", "userid", "responsenumber"),
    "first_name": ("recipientfirstname", "firstname"),
    "last_name": ("recipientlastname", "lastname", "surname"),
    "meta": (
        "startdate",
        "starttime",
        "started",
        "ipaddress",
        "durationinseconds",
        "duration",
        "externalreference",
        "externaldatareference",
        "locationlatitude",
        "locationlongitude",
        "distributionchannel",
        "userlanguage",
        "language",
        "email",
        "recipientemail",
        "lastmodifiedtime",
        "userno",
        "uniqueid",
        "trackinglink",
        "customvalue",
    ),
}
"""The survey tools' own columns, by role, as :func:`squash` writes their headers."""


def squash(text: object) -> str:
    """Letters and digits only, lower case.

    >>> squash("Duration (in seconds)")
    'durationinseconds'
    """
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


def _wording(text: str) -> str:
    return normalise_label(text).replace("\u2019", "'")


def question_of(wording: str) -> str | None:
    """The question (``frequency``, ``relevance``, ``direction``, ``nature``) a wording asks.

    Specific phrases are tried before single words, so "How often ... in support of ..."
    is a frequency question and "type of support" a nature one (see the module's rules).

    >>> question_of("How often has your organisation interacted with them?")
    'frequency'
    >>> question_of("How important is this organisation to your work?")
    'relevance'
    >>> question_of("Type of support")
    'nature'
    >>> question_of("Which organisation do you work for?") is None
    True
    """
    text = _wording(wording)
    for rules in (_SPECIFIC, _GENERIC):
        for question, pattern in rules:
            if pattern.search(text):
                return question
    return None


def nature_key(text: str) -> str | None:
    """The nature a choice's label names, or ``None`` (parenthesised hints are ignored)."""
    plain = re.sub(r"\s*\([^)]*\)", "", text).strip()
    for candidate in dict.fromkeys((text.strip(), plain)):
        try:
            return parse_nature(candidate)
        except ValueError:
            continue
    return None


def meta_role(header: str) -> str | None:
    """The role of a survey tool's own column (``progress``, ``submitted``, ``id``, ...).

    >>> meta_role("Duration (in seconds)"), meta_role("Your organisation")
    ('meta', None)
    """
    squashed = squash(header)
    return next((role for role, keys in _META.items() if squashed in keys), None)


def plain_role(header: str) -> str | None:
    """Organisation, text-entry, person or role column, by its wording; else ``None``."""
    text = _wording(header)
    text = re.sub(r"\s*-\s*selected choice$", "", text)
    entry = bool(re.search(r"-\s*text$", text))
    if _ORGANISATION.search(text) and not _NOT_ORGANISATION.search(text):
        if entry:
            return "organisation_other"
        return "organisation" if _NAMES_ORGANISATION.search(text) else "organisation_maybe"
    if entry:
        return None
    bare = re.sub(r"[?:.*]+$", "", text).strip()
    if _PERSON.match(bare):
        return "person"
    if _ROLE.match(bare):
        return "role"
    return None
