"""CSV files mixing UTF-8 and Windows-1252 lines are read line by line, never garbled.

The bytes are those of the encodings' published tables: "é" is 0xC3 0xA9 in UTF-8 and 0xE9
in Windows-1252; 0x81 is one of the five bytes Windows-1252 leaves undefined.
"""

from __future__ import annotations

import codecs

import pytest

from ecosystem.errors import SurveyError
from ecosystem.load import load_survey
from ecosystem.readers import read_table

UTF8_CAFE = "Café Ré".encode()
CP1252_CAFE = "Café Ré".encode("cp1252")


def test_the_two_spellings_differ_in_bytes():
    # what makes the file mixed: the same name, two byte sequences
    assert UTF8_CAFE == b"Caf\xc3\xa9 R\xc3\xa9"
    assert CP1252_CAFE == b"Caf\xe9 R\xe9"


def mixed_organisations(first: bytes, second: bytes) -> bytes:
    return b"name,type\n" + first + b",VCSE\n" + second + b",national\n"


@pytest.mark.parametrize(
    ("first", "second"),
    [(UTF8_CAFE, CP1252_CAFE), (CP1252_CAFE, UTF8_CAFE)],
    ids=["utf-8 row then windows-1252 row", "windows-1252 row then utf-8 row"],
)
def test_a_name_in_utf8_on_one_row_and_windows_1252_on_another_reads_alike(first, second):
    table = read_table("orgs.csv", mixed_organisations(first, second))
    assert table.frame["name"].tolist() == ["Café Ré", "Café Ré"]


def test_no_mixed_file_ever_reads_as_mojibake():
    table = read_table("orgs.csv", mixed_organisations(UTF8_CAFE, b"\xa3 Fund"))
    assert table.frame["name"].tolist() == ["Café Ré", "£ Fund"]
    assert not any("Ã" in name for name in table.frame["name"])


def test_a_mixed_file_with_a_utf8_bom_reads_its_header_clean():
    data = codecs.BOM_UTF8 + mixed_organisations(UTF8_CAFE, CP1252_CAFE)
    table = read_table("orgs.csv", data)
    assert table.header == ("name", "type")
    assert table.frame["name"].tolist() == ["Café Ré", "Café Ré"]


def test_a_mixed_responses_file_validates_to_one_organisation(tmp_path):
    orgs = tmp_path / "orgs.csv"
    orgs.write_text("name,type\nCafé Ré,VCSE\nNHS Dorset,ICB\n", encoding="utf-8")
    answers = tmp_path / "answers.csv"
    answers.write_bytes(
        b"respondent,partner,frequency\n"
        + UTF8_CAFE
        + b",NHS Dorset,Monthly\nNHS Dorset,"
        + CP1252_CAFE
        + b",Weekly\n"
    )
    survey = load_survey([orgs, answers])
    assert sorted(survey.organisations.index) == ["Café Ré", "NHS Dorset"]
    assert len(survey.responses) == 2


def test_a_byte_in_neither_encoding_is_refused_with_its_row_and_how_to_resave():
    data = b"name,type\n" + UTF8_CAFE + b",VCSE\nOdd \x81 name,ICB\n"
    with pytest.raises(SurveyError) as caught:
        read_table("orgs.csv", data)
    (problem,) = caught.value.problems
    assert (problem.file, problem.row) == ("orgs.csv", 3)
    assert "0x81" in problem.message
    assert "CSV UTF-8" in problem.fix


@pytest.mark.parametrize(
    ("data", "names"),
    [
        ("name,type\nCafé Ré,VCSE\n£ Fund,national\n".encode(), ["Café Ré", "£ Fund"]),
        (
            codecs.BOM_UTF8 + "name,type\nCafé Ré,VCSE\n".encode(),
            ["Café Ré"],
        ),
        (b"name,type\nCaf\xe9 R\xe9,VCSE\n\x80 Fund,national\n", ["Café Ré", "€ Fund"]),
        ("name,type\nCafé Ré,VCSE\n".encode("utf-16"), ["Café Ré"]),
    ],
    ids=["utf-8", "utf-8 with BOM", "windows-1252", "utf-16"],
)
def test_files_in_one_encoding_read_as_before(data, names):
    assert read_table("orgs.csv", data).frame["name"].tolist() == names


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"], ids=["LF", "CRLF", "CR"])
def test_mixed_lines_are_told_apart_whatever_ends_them(newline):
    data = newline.join([b"name,type", UTF8_CAFE + b",VCSE", CP1252_CAFE + b",national", b""])
    table = read_table("orgs.csv", data)
    assert table.frame["name"].tolist() == ["Café Ré", "Café Ré"]
    assert table.rows == (2, 3)
