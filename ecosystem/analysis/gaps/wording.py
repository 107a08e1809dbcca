"""The plain words of the findings: the reasons a hub lead reads, apart from the scoring.

Every sentence addresses the hub lead ("you" = the hub). Answers are worded with the
codebook's labels and types with :func:`ecosystem.codebook.type_in_sentence`, so a finding
says "a local council" and "less than quarterly" as the survey does.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Final

from ecosystem.analysis.gaps.findings import NEVER, Report, finite
from ecosystem.codebook import (
    FREQUENCY,
    NATURES,
    RELEVANCE,
    RELEVANT,
    CodeScale,
    type_in_sentence,
)
from ecosystem.words import plural, word

__all__ = [
    "ACTIONS",
    "absent_type_reason",
    "action_sentence",
    "answer",
    "bridge_reason",
    "describe_report",
    "frequent_note_reason",
    "introduction_reason",
    "left_roster_reason",
    "lost_reason",
    "nature_words",
    "number",
    "often",
    "relevance_gap_reason",
    "single_tie_reason",
    "supports_hub_reason",
    "unconfirmed_reason",
    "unreported_reason",
    "weak_type_reason",
]

_FREQUENCY_WORDS: Final[dict[int, str]] = {
    code: label.lower() for code, label in FREQUENCY.labels.items()
}
_RELEVANCE_WORDS: Final[dict[int, str]] = {
    code: label.lower() for code, label in RELEVANCE.labels.items()
}


def _code(scale: CodeScale, value: float) -> int:
    """The scale code nearest to a (possibly averaged) value; halves go up."""
    code = math.floor(float(value) + 0.5)
    return min(max(code, min(scale.labels)), max(scale.labels))


def number(value: float) -> str:
    """A number with at most two decimals and no trailing zeros: ``2.5``, ``3``."""
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def answer(scale: CodeScale, value: float) -> str:
    """``"Relevant (2)"``, ``"Quarterly (2.5)"``, or ``"not given"`` for a missing answer."""
    if not finite(value):
        return "not given"
    return f"{scale.labels[_code(scale, value)]} ({number(value)})"


def often(value: float) -> str:
    """How often, as a phrase to follow "meet them": "less than quarterly", "monthly"."""
    return _FREQUENCY_WORDS[_code(FREQUENCY, value)]


def _relevant(value: float) -> str:
    return _RELEVANCE_WORDS[_code(RELEVANCE, value)]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def describe_report(report: Report | None) -> str:
    """One side's answer about the other, for evidence: ``"Relevant (2), Never (0)"``."""
    if report is None:
        return "none"
    return f"{answer(RELEVANCE, report.relevance)}, {answer(FREQUENCY, report.frequency)}"


def nature_words(keys: Iterable[object] | None) -> str:
    """The natures of a tie as the survey labels them, in the codebook's order."""
    present = set(keys or ())
    return ", ".join(label for key, label in NATURES.items() if key in present)


# --------------------------------------------------------------------------------------------
# Relevance gaps


def relevance_gap_reason(
    partner: str, own: Report | None, theirs: Report | None, frequency: float
) -> str:
    """Why a partner rated Relevant or Highly relevant but met rarely is a gap."""

    def rates_high(report: Report | None) -> bool:
        return report is not None and finite(report.relevance) and report.relevance >= RELEVANT

    if rates_high(own) and rates_high(theirs):
        who, them, you = f"You and {partner} rate each other as relevant", "", ""
    elif own is not None and rates_high(own):
        who = f"You rate {partner} as {_relevant(own.relevance)}"
        them, you = " them", ""
    else:
        # a gap has a side that rates high, so here it is theirs: never None
        who = f"{partner} rates your hub as {_relevant(theirs.relevance)}"  # type: ignore[union-attr]
        them, you = "", " you"
    if frequency <= NEVER:
        return (
            f"{who} but{you} have not met{them} in the last 12 months. Arrange a first "
            "conversation about working together."
        )
    return (
        f"{who} but{you} meet{them} less than quarterly. Consider meeting more often or "
        "working on something together."
    )


def frequent_note_reason(partner: str, own_zero: bool, theirs_zero: bool, frequency: float) -> str:
    """Why a partner met often but rated not relevant (by one side or both) is worth a look."""
    if own_zero and theirs_zero:
        rated = "you and they both rate the tie as not relevant to innovation work"
    elif own_zero:
        rated = "you rate them as not relevant to your innovation work"
    else:
        rated = "they rate your hub as not relevant to their innovation work"
    return (
        f"You meet {partner} {often(frequency)}, yet {rated}. Check whether this time serves "
        "your innovation aims, or whether the rating is out of date."
    )


# --------------------------------------------------------------------------------------------
# Introductions


def introduction_reason(
    pair: tuple[str, str],
    both_matter: bool,
    seers: Sequence[str],
    types: tuple[str, str],
    brings: str,
) -> str:
    """Why to introduce two partners: they matter to the hub, see each other as relevant,
    or bring together what each lacks."""
    a, b = pair
    matter = "both matter to your work" if both_matter else "both work with you"
    first = f"Introduce {a} and {b}: {matter}, and neither reports working with the other."
    if len(seers) == 2:
        second = " Each rates the other as relevant, so a meeting is likely to be welcome."
    elif seers:
        other = b if seers[0] == a else a
        second = f" {seers[0]} rates {other} as relevant but they have never met."
    elif brings:
        second = f" Together they bring {brings}."
    elif types[0] != types[1]:
        second = (
            f" {_upper_first(type_in_sentence(types[0]))} and {type_in_sentence(types[1])} "
            "can each offer what the other lacks."
        )
    else:
        second = ""
    return first + second


# --------------------------------------------------------------------------------------------
# Missing types


def absent_type_reason(type_key: str, wave: str) -> str:
    """Why a kind of partner missing from the roster matters."""
    words = type_in_sentence(type_key, article=False)
    return (
        f"No {words} is on your {wave} roster. Consider which one your work needs and invite "
        "them in."
    )


def weak_type_reason(
    type_key: str, members: Sequence[str], best: float, start: str, go_between: str | None
) -> str:
    """Say what is weak, whom to start with and who of the hub's partners could introduce
    the hub (``go_between``, if any)."""
    words = type_in_sentence(type_key, article=False)
    if len(members) == 1:
        named = f"{members[0]}, the only {words} on your roster"
        first = (
            f"You have no tie with {named}."
            if best <= NEVER
            else f"Your tie with {named}, is less than quarterly."
        )
    else:
        names = ", ".join(members)
        first = (
            f"You have no tie with any {words} on your roster ({names})."
            if best <= NEVER
            else f"Your ties with every {words} on your roster ({names}) are less than quarterly."
        )
    them = "them" if len(members) == 1 else start
    if go_between is not None:
        return first + f" {go_between} already works with {them} and could introduce you."
    if len(members) > 1:
        return first + f" Start with {start}."
    return first + (
        " Get in touch with them." if best <= NEVER else " Consider meeting more often."
    )


# --------------------------------------------------------------------------------------------
# One-sided ties


def supports_hub_reason(partner: str, frequency: object) -> str:
    """Why support flowing only towards the hub is worth a conversation."""
    # finite() has just checked that the frequency is a number
    how_often = f" ({often(frequency)})" if finite(frequency) else ""  # type: ignore[arg-type]
    return (
        f"{partner} supports your hub{how_often} but no support is reported flowing back. "
        "Ask what they would value from you in return."
    )


def unconfirmed_reason(
    detail: str, reporter: str, silent: str, frequency: float, hubs: Sequence[str]
) -> str:
    """Why a tie that only ``reporter`` reports needs checking; ``detail`` says what the
    silent side did: ``"said_never"``, ``"not_listed"`` or ``"no_answer"``."""
    silent_name = "your hub" if silent in hubs else silent
    reporter_name = "Your hub" if reporter in hubs else reporter
    claim = f"{reporter_name} reports working with {silent_name} {often(frequency)}"
    if detail == "said_never":
        return (
            f"{claim}; {silent_name} said Never. Check with both whether the tie is real and "
            "current."
        )
    if detail == "not_listed":
        return (
            f"{claim}; {silent_name} answered the survey but did not list it. Check whether "
            "the tie is shared or has faded."
        )
    return (
        f"{claim}, but {silent_name} did not answer the survey, so the tie is not confirmed. "
        f"Ask {silent_name} to respond next time."
    )


# --------------------------------------------------------------------------------------------
# Fragile partners


def single_tie_reason(far: str, near: str, how_often: str, near_is_hub: bool) -> str:
    """Why a partner with a single tie into the ecosystem is fragile."""
    if near_is_hub:
        return (
            f"The only tie {far} has in your ecosystem is with your hub{how_often}. "
            "Introduce them to another partner so the link does not rest on you alone."
        )
    return (
        f"{far} is linked to your ecosystem only through {near}{how_often}. If that tie "
        "lapses they are cut off; build a second tie, for example directly with your hub."
    )


def bridge_reason(far: str, near: str, how_often: str, cut: int) -> str:
    """Why a group of ``cut`` organisations reached through one tie is fragile."""
    return (
        f"{far} and {plural(cut - 1, 'other organisation')} reach your hub only "
        f"through the tie between {far} and {near}{how_often}. Build a second route into "
        "that group."
    )


# --------------------------------------------------------------------------------------------
# Lost ties


def left_roster_reason(gone: Sequence[str], how_often: str, wave: str, before: str) -> str:
    """Why a tie with an organisation no longer on the roster is absent rather than lost."""
    return (
        f"{' and '.join(gone)} {word(len(gone), 'is', 'are')} not on the {wave} roster, "
        f"so the tie ({how_often} in {before}) is absent rather than lost. Check whether they "
        "belong on the roster."
    )


def lost_reason(pair_words: str, how_often: str, wave: str, before: str) -> str:
    """Why a tie reported before and not now is worth asking about."""
    return (
        f"{pair_words} were in touch {how_often} in {before} but report no contact in {wave}. "
        "Find out whether the relationship ended on purpose."
    )


def unreported_reason(pair_words: str, how_often: str, wave: str, before: str) -> str:
    """Why a tie neither side reported now may be unreported rather than lost."""
    return (
        f"{pair_words} were in touch {how_often} in {before}; neither answered the {wave} "
        "survey, so the tie may be unreported rather than lost. Ask them."
    )


# --------------------------------------------------------------------------------------------
# What to do, in one sentence


ACTIONS: Final[dict[str, str]] = {
    "relevant_rarely_met": "Meet {organisation} more often: the tie is rated relevant, but you "
    "rarely or never meet.",
    "frequent_not_relevant": "Review the time you spend with {organisation}: you meet often, "
    "but the tie is rated not relevant.",
    "said_relevant": "Introduce {organisation} and {other}: one rates the other as relevant, "
    "and they have not met.",
    "open_triad": "Introduce {organisation} and {other}: both work with you, not with each other.",
    "absent": "Invite {type} to join your ecosystem: none is on your roster.",
    "weakly_tied": "Build a closer tie with {type}: every tie you have with one is rare or absent.",
    "supports_hub": "Ask {organisation} what they would value from you: their support flows "
    "only towards {other}.",
    "said_never": "Check with {organisation} and {other} whether their tie is real: one reports "
    "it, the other said Never.",
    "not_listed": "Check whether the tie between {organisation} and {other} has faded: only one "
    "of them lists it.",
    "no_answer": "Ask {other} to answer the survey, so the tie {organisation} reports can be "
    "confirmed.",
    "single_tie": "Give {organisation} a second tie: their only tie in your ecosystem is with "
    "{other}.",
    "bridge": "Build a second route to the group around {organisation}: it reaches your hub "
    "only through {other}.",
    "lost": "Find out whether the tie between {organisation} and {other} ended on purpose: in "
    "touch last wave, no contact now.",
    "unreported": "Ask {organisation} and {other} to answer the survey: their tie went "
    "unreported this wave.",
    "left_roster": "Check whether {organisation} and {other} belong on the roster: their tie "
    "of last wave has no place in this one.",
}
"""What to do about each variant of finding (``detail``), in one sentence for a summary:
the verb first, then why. ``{organisation}`` and ``{other}`` are the finding's organisations
(the hub organisation as "your hub"), ``{type}`` the kind of organisation a
``missing_type`` finding concerns ("a local council")."""


def action_sentence(
    detail: str,
    organisation: str,
    other: str,
    organisation_type: str = "",
    other_type: str = "",
) -> str:
    """One finding as one sentence saying what to do (:data:`ACTIONS`).

    >>> action_sentence("supports_hub", "NHS Dorset", "Dorset Hub", "ICB", "hub")
    'Ask NHS Dorset what they would value from you: their support flows only towards your hub.'
    >>> action_sentence("absent", "", "Local council", "", "council")
    'Invite a local council to join your ecosystem: none is on your roster.'
    """

    def named(name: str, type_key: str) -> str:
        return "your hub" if type_key == "hub" else name

    template = ACTIONS.get(detail, "Look into the finding about {organisation} and {other}.")
    sentence = template.format(
        organisation=named(organisation, organisation_type),
        other=named(other, other_type),
        type=type_in_sentence(other_type or other),
    )
    return _upper_first(sentence)
