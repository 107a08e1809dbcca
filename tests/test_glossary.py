"""Tests for ecosystem.glossary: every measure shown has a plain explanation, in British English.

The columns to cover are computed, not listed: the organisation table and the network
measures of the demo survey's Dorset network, so a new column without an entry fails here.
"""

from __future__ import annotations

import re

import pytest

from ecosystem.analysis import brokerage, centrality, structural_holes, summary
from ecosystem.analysis.tables import full_measures
from ecosystem.glossary import MEASURES, NETWORK_KEYS, ORGANISATION_KEYS, Measure, explain
from ecosystem.network import NetworkOptions, build_network

# Columns of the organisation table that describe the organisation rather than measure it.
CONTEXT_COLUMNS = ["type", "hubs", "responded"]


@pytest.fixture(scope="module")
def measured(demo) -> tuple[list[str], list[str]]:
    """(organisation table measure columns, network measure keys) of a real network."""
    graph = build_network(demo, "Summative 2024", NetworkOptions(hub="Dorset"))
    table, overall = full_measures(graph)
    assert list(table.columns[: len(CONTEXT_COLUMNS)]) == CONTEXT_COLUMNS
    return list(table.columns[len(CONTEXT_COLUMNS) :]), list(overall.index)


def test_every_organisation_table_column_has_an_entry_in_table_order(measured):
    columns, _ = measured
    assert len(columns) == 16
    assert [column for column in columns if column not in MEASURES] == []
    assert list(ORGANISATION_KEYS) == columns


def test_every_network_measure_has_an_entry_in_order(measured):
    _, keys = measured
    assert len(keys) == 13
    assert [key for key in keys if key not in MEASURES] == []
    assert list(NETWORK_KEYS) == keys
    assert set(MEASURES) == set(ORGANISATION_KEYS) | set(NETWORK_KEYS)


@pytest.mark.parametrize("key", sorted(MEASURES))
def test_entries_are_complete_short_and_plain(key):
    measure = MEASURES[key]
    assert isinstance(measure, Measure)
    assert measure.key == key
    for field in (measure.label, measure.explanation, measure.higher_is, measure.reference):
        assert field.strip() == field and field
    assert len(measure.label) <= 30, "a label is a column heading"
    assert measure.label[0].isupper()
    # Two to four sentences: full stops that end a sentence (followed by a space or the end).
    sentences = re.findall(r"[.!?](?:\s|$)", measure.explanation)
    assert 2 <= len(sentences) <= 4, (key, len(sentences))
    assert measure.explanation.endswith(".")
    assert not measure.higher_is.endswith(".")
    # "Author year", "Author and Author year" or "Author et al. year".
    assert re.fullmatch(r"[A-Z][A-Za-z .]+ (19|20)\d\d", measure.reference), measure.reference


# American spellings (and their stems) that must not reach a user.
AMERICAN = [
    "organization",
    "organize",
    "center",
    "behavior",
    "color",
    "neighbor",
    "favor",
    "analyze",
    "normaliz",
    "centraliz",
    "program ",
    "modeling",
]


def test_british_spelling_throughout():
    text = " ".join(f"{m.label} {m.explanation} {m.higher_is}".lower() for m in MEASURES.values())
    assert [word for word in AMERICAN if word in text] == []
    # The British forms are actually used, so the check above is looking at real text.
    assert "organisation" in text and "centralisation" in text and "centre" in text


def test_labels_are_distinct():
    labels = [m.label.lower() for m in MEASURES.values()]
    assert len(set(labels)) == len(labels)


def test_explanations_agree_with_how_measures_are_computed():
    # Spot checks against the analysis modules' docstrings.
    assert "steps" in MEASURES["betweenness"].explanation  # counts steps: weights ignored
    assert "does not matter" in MEASURES["betweenness"].explanation
    assert "towards it" in MEASURES["closeness"].explanation  # incoming paths
    assert "towards it" in MEASURES["harmonic"].explanation
    assert "ignoring direction" in MEASURES["constraint"].explanation  # mutual weights
    assert "ignoring direction" in MEASURES["transitivity"].explanation  # undirected view
    ei = MEASURES["ei_index"].explanation
    assert "from -1" in ei and "to +1, when every tie crosses types" in ei
    assert MEASURES["constraint"].higher_is.startswith("more constrained")
    assert "add up to 1" in MEASURES["pagerank"].explanation


def test_explain_gives_label_explanation_direction_and_reference():
    text = explain("constraint")
    measure = MEASURES["constraint"]
    assert text == (
        f"Constraint: {measure.explanation} Higher means more constrained: less room to "
        "broker. (Burt 1992)"
    )
    for key in MEASURES:
        assert explain(key).startswith(MEASURES[key].label + ": ")


def test_explain_unknown_measure_names_the_measures():
    with pytest.raises(KeyError, match="'centrality' is not a measure; measures: in_degree"):
        explain("centrality")


# --------------------------------------------------------------------------------------------
# Docstrings use the glossary's labels (checked, not copied: the modules keep their own text)

DOCUMENTED = [
    (centrality.in_degree, "in_degree"),
    (centrality.out_degree, "out_degree"),
    (centrality.in_strength, "in_strength"),
    (centrality.out_strength, "out_strength"),
    (centrality.betweenness, "betweenness"),
    (centrality.closeness, "closeness"),
    (centrality.harmonic, "harmonic"),
    (centrality.pagerank, "pagerank"),
    (structural_holes.constraint, "constraint"),
    (structural_holes.effective_size, "effective_size"),
    *[(brokerage.brokerage_roles, role) for role in (*brokerage.ROLES, "brokerage")],
    *[(summary.network_measures, key) for key in summary.NETWORK_MEASURES],
]

# Docstrings that do not use the glossary label yet. Strict: once a docstring says it, the
# test passes unexpectedly and fails, so the entry is removed here.
NOT_YET_IN_DOCSTRING: set[tuple[str, str]] = set()


def _cases():
    for function, key in DOCUMENTED:
        marks = []
        if (function.__name__, key) in NOT_YET_IN_DOCSTRING:
            marks.append(
                pytest.mark.xfail(strict=True, reason="the docstring lacks the glossary label")
            )
        yield pytest.param(function, key, id=f"{function.__name__}-{key}", marks=marks)


@pytest.mark.parametrize(("function", "key"), list(_cases()))
def test_measure_docstring_mentions_its_glossary_label(function, key):
    assert MEASURES[key].label.lower() in function.__doc__.lower()
