"""One name matcher: what it offers for a name nobody listed, and what it never offers."""

from __future__ import annotations

import pytest

from ecosystem.names import MATCH_THRESHOLD, SUGGESTIONS, nearest_names, renamed_forms

KNOWN = [
    "Health Innovation Wessex",
    "Wessex AHSN",
    "NHS Dorset",
    "University Hospitals Dorset",
    "Dorset County Hospital",
    "Bournemouth University",
    "University of Cambridge",
    "Saint John's Hospice",
    "Dorset Council",
    "BCP Council",
    "Cambridgeshire and Peterborough ICB",
]


@pytest.mark.parametrize(
    ("written", "expected_first"),
    [
        ("NHS Dorest", "NHS Dorset"),  # letters swapped
        ("Dorset councl", "Dorset Council"),  # a letter missing
        ("Cambridge University", "University of Cambridge"),  # words in another order
        ("Saint John's Hospyce", "Saint John's Hospice"),  # apostrophe kept
        ("nhs  DORSET", "NHS Dorset"),  # case and spaces
        ("Wesex AHSN", "Wessex AHSN"),
    ],
)
def test_slips_and_reordered_words_find_the_name_meant(written, expected_first):
    assert nearest_names(written, KNOWN)[0] == expected_first


def test_a_former_ahsn_name_finds_the_health_innovation_network():
    known = ["Health Innovation Wessex", "NHS Dorset"]
    assert nearest_names("Wessex AHSN", known) == ["Health Innovation Wessex"]
    assert renamed_forms("Eastern AHSN") == ["Eastern AHSN", "Health Innovation Eastern"]


def test_unrelated_names_are_never_offered():
    assert nearest_names("Zebra Ltd", KNOWN) == []
    assert nearest_names("", KNOWN) == []
    assert nearest_names("NHS Dorset", []) == []


def test_at_most_the_limit_best_first_each_once():
    found = nearest_names("Dorset Hospital", [*KNOWN, "Dorset County Hospital"])
    assert len(found) <= SUGGESTIONS
    assert found[0] == "Dorset County Hospital"
    assert len(set(found)) == len(found)
    assert nearest_names("Dorset Hospital", KNOWN, limit=1) == ["Dorset County Hospital"]


def test_the_threshold_is_a_score_out_of_a_hundred():
    assert 0 < MATCH_THRESHOLD < 100
