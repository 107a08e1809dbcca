"""The readers stop at row, cell and workbook-size limits, naming file, row and a fix."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import openpyxl
import pytest

from ecosystem.errors import SurveyError
from ecosystem.readers import DEFAULT_LIMITS, ReadLimits, read_files, read_table
from ecosystem.readers.limits import limited


def only_problem(path: str, data: bytes, limits: ReadLimits = DEFAULT_LIMITS):
    with pytest.raises(SurveyError) as caught:
        read_table(path, data, limits)
    (problem,) = caught.value.problems
    return problem


def organisations_csv(rows: int) -> bytes:
    return b"name,type\n" + b"".join(b"Org %d,ICB\n" % i for i in range(rows))


def organisations_xlsx(rows: int) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", "type"])
    for i in range(rows):
        sheet.append([f"Org {i}", "ICB"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_default_limits_are_those_the_readme_states():
    assert (DEFAULT_LIMITS.max_rows, DEFAULT_LIMITS.max_cell_chars) == (100_000, 10_000)


# --- rows -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make"), [("orgs.csv", organisations_csv), ("orgs.xlsx", organisations_xlsx)]
)
def test_a_file_of_as_many_data_rows_as_the_limit_is_read(name, make):
    table = read_table(name, make(5), ReadLimits(max_rows=5))
    assert len(table.frame) == 5


@pytest.mark.parametrize(
    ("name", "make"), [("orgs.csv", organisations_csv), ("orgs.xlsx", organisations_xlsx)]
)
def test_one_data_row_past_the_limit_is_refused_at_that_row(name, make):
    problem = only_problem(name, make(6), ReadLimits(max_rows=5))
    assert (problem.file, problem.row) == (name, 7)  # header row 1, data rows 2 to 7
    assert "more than 5 data rows" in problem.message
    assert problem.fix


def test_blank_rows_do_not_count_towards_the_row_limit():
    data = b"name,type\n" + b",\n" * 50 + b"NHS Dorset,ICB\n"
    table = read_table("orgs.csv", data, ReadLimits(max_rows=1))
    assert table.rows == (52,)


def test_reading_stops_at_the_limit_rather_than_reading_every_row_first():
    read: list[int] = []

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number in range(1, 1_000_000):
            read.append(number)
            yield number, ["x"]

    with pytest.raises(SurveyError):
        list(limited("big.csv", rows(), ReadLimits(max_rows=10)))
    assert len(read) == 12  # the header, ten data rows, and the one past the limit


def test_the_row_limit_reaches_read_files():
    with pytest.raises(SurveyError) as caught:
        read_files([("orgs.csv", organisations_csv(3))], ReadLimits(max_rows=2))
    assert caught.value.problems[0].row == 4


# --- cells ------------------------------------------------------------------------------------


def test_a_cell_longer_than_the_limit_is_refused_with_its_row_and_column():
    data = b"name,type\nNHS Dorset,ICB\nBCP Council," + b"x" * 101 + b"\n"
    problem = only_problem("orgs.csv", data, ReadLimits(max_cell_chars=100))
    assert (problem.file, problem.row) == ("orgs.csv", 3)
    assert "column B" in problem.message and "101 characters" in problem.message


def test_a_cell_as_long_as_the_limit_is_read():
    data = b"name,type\nBCP Council," + b"x" * 100 + b"\n"
    table = read_table("orgs.csv", data, ReadLimits(max_cell_chars=100))
    assert len(table.frame.loc[2, "type"]) == 100


def test_the_default_cell_limit_refuses_a_giant_cell():
    data = b"name,type\nBCP Council," + b"x" * 10_001 + b"\n"
    assert only_problem("orgs.csv", data).row == 2


# --- workbooks --------------------------------------------------------------------------------


def zip_bomb(megabytes: int) -> bytes:
    """A zip whose one part is many MB of zeros: it compresses about a thousand times."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", bytes(megabytes * 1024 * 1024))
    return buffer.getvalue()


def test_a_zip_bomb_workbook_is_refused_from_its_directory_before_anything_is_opened(
    monkeypatch,
):
    data = zip_bomb(20)
    assert len(data) < 100_000  # 20 MB of zeros, tens of kB compressed
    opened: list[str] = []
    original_open = zipfile.ZipFile.open

    def recorded_open(archive, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return original_open(archive, name, *args, **kwargs)

    def no_parsing(*args, **kwargs):
        raise AssertionError("the workbook was handed to openpyxl")

    monkeypatch.setattr(zipfile.ZipFile, "open", recorded_open)
    monkeypatch.setattr(openpyxl, "load_workbook", no_parsing)
    problem = only_problem("answers.xlsx", data)
    assert opened == []  # no part decompressed: the zip directory alone refused it
    assert (problem.file, problem.row) == ("answers.xlsx", None)
    assert "sheet1.xml" in problem.message and "not opened" in problem.message
    assert problem.fix


def test_a_workbook_expanding_beyond_the_size_limit_is_refused():
    data = organisations_xlsx(50)
    problem = only_problem("orgs.xlsx", data, ReadLimits(max_workbook_bytes=1_000))
    assert "would expand to" in problem.message and "not opened" in problem.message


def test_a_real_workbook_is_within_the_default_limits():
    assert len(read_table("orgs.xlsx", organisations_xlsx(200)).frame) == 200


def test_a_file_named_xlsx_that_is_not_a_zip_says_so():
    problem = only_problem("orgs.xlsx", b"name,type\nNHS Dorset,ICB\n")
    assert "not an XLSX workbook" in problem.message
