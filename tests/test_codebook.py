"""The codebook reads every wording the codebook document accepts, and nothing else."""

from __future__ import annotations

import pytest

from ecosystem.codebook import (
    DIRECTION,
    FREQUENCY,
    ORGANISATION_TYPES,
    RELEVANCE,
    organisation_type,
    parse_nature,
)

# Each table below is copied from the codebook document (surveys/codebook.md, section 2,
# "Answer scales"), not from the codebook module, so the module is checked against the document.


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ("Never", 0), ("None", 0), ("Not at all", 0),
        ("Less than quarterly", 1), ("Rarely", 1), ("Once or twice a year", 1),
        ("Yearly", 1), ("Annually", 1),
        ("Quarterly", 2), ("Every few months", 2),
        ("Monthly", 3), ("Every month", 3),
        ("Weekly or more", 4), ("Weekly", 4), ("Daily", 4), ("More than weekly", 4),
        ("  WEEKLY   or more ", 4), ("3", 3), ("3.0", 3), (2, 2),
    ],
)  # fmt: skip
def test_frequency_labels_synonyms_and_codes(answer, code):
    assert FREQUENCY.parse(answer) == code


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ("Not relevant", 0), ("Not at all relevant", 0),
        ("Somewhat relevant", 1), ("Slightly relevant", 1), ("A little relevant", 1),
        ("Relevant", 2), ("Moderately relevant", 2), ("Quite relevant", 2),
        ("Highly relevant", 3), ("Very relevant", 3), ("Essential", 3),
        ("Extremely relevant", 3), ("0", 0),
    ],
)  # fmt: skip
def test_relevance_labels_synonyms_and_codes(answer, code):
    assert RELEVANCE.parse(answer) == code


@pytest.mark.parametrize(
    ("answer", "direction"),
    [
        ("We mainly support them", "out"), ("We support them", "out"), ("To them", "out"),
        ("Outgoing", "out"),
        ("They mainly support us", "in"), ("They support us", "in"), ("From them", "in"),
        ("Incoming", "in"),
        ("Both ways", "both"), ("Mutual", "both"), ("Reciprocal", "both"), ("Two-way", "both"),
        ("Neither", "none"), ("Not applicable", "none"), ("N/A", "none"), ("", "none"),
        (None, "none"), ("out", "out"),
    ],
)  # fmt: skip
def test_direction_labels_and_blank(answer, direction):
    assert DIRECTION.parse(answer) == direction


@pytest.mark.parametrize(
    ("scale", "answer", "message"),
    [
        (FREQUENCY, "Fortnightly", "'Fortnightly' is not a frequency answer"),
        (FREQUENCY, "5", "outside the frequency codes 0-4"),
        (FREQUENCY, "-1", "outside the frequency codes 0-4"),
        (FREQUENCY, "2.5", "outside the frequency codes 0-4"),
        (RELEVANCE, "4", "outside the relevance codes 0-3"),
        (DIRECTION, "Sideways", "'Sideways' is not a direction of support"),
    ],
)
def test_answers_off_the_scale_are_refused_with_a_reason(scale, answer, message):
    with pytest.raises(ValueError, match=message):
        scale.parse(answer)


def test_every_scale_says_how_to_answer():
    assert "4 = Weekly or more" in FREQUENCY.accepted
    assert "'They mainly support us'" in DIRECTION.accepted


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Innovation hub", "hub"), ("AHSN", "HIN"), ("Health Innovation Network", "HIN"),
        ("Integrated Care Board", "ICB"), ("ICS", "ICB"), ("NHS trust", "trust"),
        ("University", "university"), ("VCSE", "VCSE"), ("vcse", "VCSE"),
        ("Local council", "council"), ("Industry", "industry"), ("Funder", "national"),
        ("PPIE", "PPIE"), ("Citizen group", "PPIE"),
    ],
)  # fmt: skip
def test_organisation_types_from_keys_labels_and_common_wordings(written, key):
    assert organisation_type(written) == key


def test_every_type_key_and_label_reads_back_to_itself():
    for key, label in ORGANISATION_TYPES.items():
        assert organisation_type(key) == key
        assert organisation_type(label) == key
    with pytest.raises(ValueError, match="'Bakery' is not an organisation type"):
        organisation_type("Bakery")


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Support and guidance", "support"), ("Leadership support", "leadership"),
        ("Steering group", "steering"), ("In-kind funding", "in_kind"), ("PPIE support", "ppie"),
        ("Joint bids or funding applications", "joint_bids"), ("Data science capacity", "data"),
        ("Horizon scanning", "horizon_scanning"), ("Other", "other"),
    ],
)  # fmt: skip
def test_natures_of_ties(written, key):
    assert parse_nature(written) == key


# --- organisation types: one record each ---------------------------------------------------


def test_every_type_has_every_wording_once():
    from ecosystem.codebook import TYPE_RECORDS, TYPES, UNKNOWN_TYPE

    assert [t.key for t in TYPES] == list(ORGANISATION_TYPES)
    assert TYPES[0].key == "hub" and TYPES[-1].key == UNKNOWN_TYPE
    assert set(TYPE_RECORDS) == set(ORGANISATION_TYPES)
    for record in TYPES:
        for wording in (record.label, record.short, record.plural, record.words):
            assert wording.strip() == wording and wording
        assert record.article in {"a", "an"}
        assert record.with_article == f"{record.article} {record.words}"
    shorts = [t.short for t in TYPES]
    assert len(set(shorts)) == len(shorts), "anonymous labels must tell types apart"
    colours = [t.colour for t in TYPES]
    assert len(set(colours)) == len(colours)


@pytest.mark.parametrize(
    ("written", "key", "label", "sentence"),
    [
        ("trust", "trust", "NHS provider trust", "an NHS provider trust"),
        ("AHSN", "HIN", "Health Innovation Network", "a Health Innovation Network"),
        ("", "unknown", "Type not given", "an organisation of unknown type"),
        (None, "unknown", "Type not given", "an organisation of unknown type"),
        ("Housing association", None, "Housing association", "a Housing association"),
    ],
)
def test_a_type_as_written_reads_the_same_everywhere(written, key, label, sentence):
    from ecosystem.codebook import type_in_sentence, type_key, type_label

    assert type_key(written) == key
    assert type_label(written) == label
    assert type_in_sentence(written) == sentence


def test_type_order_is_codebook_order_then_others_then_unknown():
    from ecosystem.codebook import type_order

    assert type_order(["unknown", "Zoo", "council", "Abbey", "hub", "council"]) == [
        "hub",
        "council",
        "Abbey",
        "Zoo",
        "unknown",
    ]


def test_scale_tops_and_weighting_tops_come_from_the_labels():
    from ecosystem.codebook import weighting_top

    assert FREQUENCY.top == max(FREQUENCY.labels) == 4
    assert RELEVANCE.top == 3 and RELEVANCE.middle == 1.5
    assert weighting_top("product") == FREQUENCY.top * RELEVANCE.top
