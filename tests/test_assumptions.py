"""Validation says what it assumed where a valid file leaves out a column the network needs."""

from __future__ import annotations

import pytest

from ecosystem.cli import main
from ecosystem.errors import Note
from ecosystem.load import reading_notes
from ecosystem.network import NetworkOptions, build_network
from ecosystem.readers import read_table
from ecosystem.validate import assumptions, validate
from ecosystem.validate.assumptions import DIRECTION_NOT_STATED, EDGES_UNWEIGHTED, NO_RELEVANCE

NO_DIRECTION = b"respondent,partner,frequency,relevance\nA,B,Weekly,Relevant\nB,C,Never,\n"
"""Two answers, one tie (B about C is 'Never'), no direction column."""

COMPLETE = (
    b"respondent,partner,frequency,relevance,direction\n"
    b"A,B,Weekly,Relevant,Both ways\nB,C,Monthly,Highly relevant,\n"
)


def notes_of(name: str, data: bytes) -> list[Note]:
    return assumptions([read_table(name, data)])


def test_no_direction_column_is_noted_with_the_ties_it_affects():
    (note,) = notes_of("answers.csv", NO_DIRECTION)
    assert (note.file, note.column, note.kind, note.count) == (
        "answers.csv",
        "direction",
        DIRECTION_NOT_STATED,
        1,
    )
    assert "no 'direction' column" in note.message
    assert "direction not stated" in note.message and "both ways" in note.message


def test_the_note_says_what_the_network_does():
    # the assumption noted is the network's: one report, no direction, both arcs, flagged
    survey = validate([read_table("answers.csv", NO_DIRECTION)])
    graph = build_network(survey, survey.waves[0])
    assert {(a, b) for a, b in graph.edges} == {("A", "B"), ("B", "A")}
    assert not any(graph.edges[arc]["direction_stated"] for arc in graph.edges)


def test_a_direction_column_blank_for_every_tie_is_noted_too():
    data = b"respondent,partner,frequency,relevance,direction\nA,B,Weekly,Relevant,\n"
    (note,) = notes_of("answers.csv", data)
    assert note.kind == DIRECTION_NOT_STATED
    assert "blank for every tie" in note.message


def test_no_relevance_is_noted_with_what_it_changes():
    data = b"respondent,partner,frequency,direction\nA,B,Weekly,Both ways\nA,C,Monthly,\n"
    (note,) = notes_of("answers.csv", data)
    assert (note.column, note.kind, note.count) == ("relevance", NO_RELEVANCE, 2)
    assert "'relevance' weighting" in note.message and "relevance filter" in note.message


def test_the_relevance_note_is_true_of_the_product_weighting():
    data = b"respondent,partner,frequency,direction\nA,B,Weekly,Both ways\n"
    survey = validate([read_table("answers.csv", data)])
    graph = build_network(survey, survey.waves[0], NetworkOptions(weighting="product"))
    assert [w for *_, w in graph.edges(data="weight")] == [0.0, 0.0]


def test_an_edge_list_without_weights_is_noted():
    (note,) = notes_of("edges.csv", b"source,target\nA,B\nB,C\n")
    assert (note.column, note.kind, note.count) == ("weight", EDGES_UNWEIGHTED, 2)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("answers.csv", COMPLETE),
        ("edges.csv", b"source,target,weight\nA,B,2\n"),
        ("orgs.csv", b"name,type\nNHS Dorset,ICB\n"),
        ("answers.csv", b"respondent,partner,frequency\nA,B,Never\n"),  # no tie at all
    ],
    ids=["complete responses", "weighted edges", "organisations", "only 'Never'"],
)
def test_files_that_assume_nothing_get_no_note(name, data):
    assert notes_of(name, data) == []


def test_a_wide_export_without_a_direction_question_is_noted():
    export = read_table(
        "export.csv",
        (
            b"Your organisation,How often do you interact? - NHS Dorset,"
            b"How relevant is this organisation? - NHS Dorset\n"
            b"BCP Council,Monthly,Relevant\nDorset Council,Weekly,Highly relevant\n"
        ),
    )
    (note,) = assumptions([export])
    assert (note.file, note.kind, note.count) == ("export.csv", DIRECTION_NOT_STATED, 2)


def test_reading_notes_carry_the_assumptions_to_every_face(tmp_path):
    path = tmp_path / "answers.csv"
    path.write_bytes(NO_DIRECTION)
    survey = validate([read_table(path)])
    for files in ([path], [("answers.csv", NO_DIRECTION)]):  # the CLI's paths, the uploads
        (note,) = reading_notes(files, survey)
        assert note.startswith("answers.csv, column 'direction':")


def test_validate_prints_the_note_to_standard_error_and_exits_0(tmp_path, capsys):
    path = tmp_path / "answers.csv"
    path.write_bytes(NO_DIRECTION)
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert "note: answers.csv, column 'direction': no 'direction' column: its 1 tie(s)" in (
        captured.err
    )
    assert captured.out == ""
