"""The read stage: every way a person saves a survey file, and every bad file they might bring.

Expected values are written by hand from the file contents in each test (the spreadsheet row
number of a cell is what Excel shows: header row 1, first data row 2).
"""

from __future__ import annotations

import ast
import io
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import ecosystem.readers
from ecosystem.errors import SurveyError
from ecosystem.readers import normalise_column, read_files, read_table, recognise
from ecosystem.readers.kinds import KINDS

DATA = Path(__file__).resolve().parent / "data" / "readers"

RESPONSES = "respondent,partner,frequency\nCafé Ré,£ Fund,Weekly\nNHS Dorset,Café Ré,Never\n"


def problems(path: Path | str, data: bytes | None = None):
    with pytest.raises(SurveyError) as caught:
        read_table(path, data)
    return caught.value.problems


def xlsx_bytes(*sheets: tuple[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- good files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8-sig", b""), ("cp1252", b""), ("utf-16", b"")],
    ids=["utf-8", "utf-8 with BOM", "windows-1252", "utf-16 (Excel 'Unicode text')"],
)
def test_encodings_read_to_the_same_text(tmp_path, encoding, prefix):
    path = tmp_path / "responses.csv"
    path.write_bytes(prefix + RESPONSES.encode(encoding))
    table = read_table(path)
    assert table.path == "responses.csv"
    assert table.kind == "responses"
    assert table.header == ("respondent", "partner", "frequency")
    assert table.rows == (2, 3)
    assert table.frame["respondent"].tolist() == ["Café Ré", "NHS Dorset"]
    assert table.frame["partner"].tolist() == ["£ Fund", "Café Ré"]


def test_windows_1252_bytes_are_not_mistaken_for_utf8(tmp_path):
    # "é" is 0xE9 and "£" is 0xA3 in Windows-1252 (the code page's published table)
    data = b"name,type\nCaf\xe9 R\xe9,VCSE\n\xa3 Fund,national\n"
    table = read_table("orgs.csv", data)
    assert table.frame["name"].tolist() == ["Café Ré", "£ Fund"]


def test_bom_is_stripped_from_the_first_column_name():
    table = read_table("orgs.csv", "\ufeffName,Type\nNHS Dorset,ICB\n".encode())
    assert table.header == ("Name", "Type")
    assert list(table.frame.columns) == ["name", "type"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters_are_sniffed(delimiter):
    text = RESPONSES.replace(",", delimiter)
    table = read_table("answers.csv", text.encode())
    assert table.frame.loc[3].tolist() == ["NHS Dorset", "Café Ré", "Never"]


def test_semicolon_file_with_commas_in_values():
    text = "name;type;aliases\nDorset Council, County Hall;council;DC, old name\nNHS Dorset;ICB;\n"
    table = read_table("orgs.csv", text.encode())
    assert table.frame["name"].tolist() == ["Dorset Council, County Hall", "NHS Dorset"]
    assert table.frame["aliases"].tolist() == ["DC, old name", ""]


def test_comma_file_with_semicolon_lists():
    table = read_table(DATA / "organisations.csv")
    assert table.kind == "organisations"
    assert table.frame.loc[3, "aliases"] == "Wessex AHSN"
    assert table.rows == (2, 3, 4, 5, 6, 7)


def test_excel_sep_line_is_honoured_and_not_counted_as_a_row():
    table = read_table("answers.csv", b"sep=;\r\nrespondent;partner;frequency\r\nA;B;2\r\n")
    assert table.rows == (2,)
    assert table.frame.loc[2].tolist() == ["A", "B", "2"]


def test_blank_rows_keep_spreadsheet_row_numbers():
    text = "\n\nrespondent,partner,frequency\nA,B,1\n,,\n\nC,D,2\n"
    table = read_table("answers.csv", text.encode())
    assert table.header_row == 3
    assert table.rows == (4, 7)


def test_quoted_newline_is_one_spreadsheet_row():
    text = 'respondent,partner,frequency\n"A\nline two",B,1\nC,D,2\n'
    table = read_table("answers.csv", text.encode())
    assert table.rows == (2, 3)
    assert table.frame.loc[2, "respondent"] == "A\nline two"


def test_cells_are_stripped_strings_and_blanks_are_empty():
    table = read_table("answers.csv", b"respondent,partner,frequency,relevance\n A ,B,  2 ,\n")
    assert table.frame.loc[2].tolist() == ["A", "B", "2", ""]
    assert all(isinstance(v, str) for v in table.frame.to_numpy().ravel())


def test_short_rows_are_padded_and_trailing_blank_columns_dropped():
    text = "respondent,partner,frequency,,\nA,B\nC,D,3,,\n"
    table = read_table("answers.csv", text.encode())
    assert table.header == ("respondent", "partner", "frequency")
    assert table.frame["frequency"].tolist() == ["", "3"]


def test_xlsx_numbers_and_dates_read_as_text_a_person_sees():
    data = xlsx_bytes(
        (
            "Answers",
            [
                ["Respondent", "Partner", "Frequency", "Relevance", "Submitted"],
                ["NHS Dorset", "BCP Council", 4, 2.0, pd.Timestamp("2023-02-01").to_pydatetime()],
                ["BCP Council", "NHS Dorset", "Monthly", 0.5, None],
            ],
        )
    )
    table = read_table("answers.xlsx", data)
    assert table.kind == "responses"
    assert table.header == ("Respondent", "Partner", "Frequency", "Relevance", "Submitted")
    assert table.rows == (2, 3)
    assert table.frame.loc[2].tolist() == ["NHS Dorset", "BCP Council", "4", "2", "2023-02-01"]
    assert table.frame.loc[3].tolist() == ["BCP Council", "NHS Dorset", "Monthly", "0.5", ""]


def test_xlsx_first_recognised_sheet_is_read(tmp_path):
    path = tmp_path / "survey.xlsx"
    path.write_bytes(
        xlsx_bytes(
            ("Read me", [["This workbook holds the answers"], ["see the next sheet"]]),
            ("Edges", [["Source", "Target"], ["A", "B"], [None, None], ["B", "C"]]),
        )
    )
    table = read_table(path)
    assert table.kind == "edges"
    assert table.rows == (2, 4)


def test_same_answers_in_csv_and_xlsx_give_the_same_frame(tmp_path):
    rows = [["respondent", "partner", "frequency"], ["A", "B", "2"], ["B", "A", "Never"]]
    csv_table = read_table("a.csv", "\n".join(",".join(r) for r in rows).encode())
    xlsx_table = read_table("a.xlsx", xlsx_bytes(("Sheet", rows)))
    pd.testing.assert_frame_equal(csv_table.frame, xlsx_table.frame)
    assert csv_table.rows == xlsx_table.rows


def test_kinds_are_recognised_case_and_space_insensitively():
    assert recognise([" RESPONDENT ", "Partner", "frequency"]) == "responses"
    assert recognise(["Source", "target", "weight"]) == "edges"
    assert recognise(["ID", "Group"]) == "organisations"
    assert recognise(["name", "type"]) == "organisations"
    assert recognise(["organisation", "sector"]) is None
    assert normalise_column("Respondent-Person") == "respondent_person"


def test_read_files_reads_paths_and_uploads_in_order(tmp_path):
    (tmp_path / "organisations.csv").write_bytes((DATA / "organisations.csv").read_bytes())
    tables = read_files(
        [tmp_path / "organisations.csv", ("edges.csv", (DATA / "edges.csv").read_bytes())]
    )
    assert [(t.path, t.kind) for t in tables] == [
        ("organisations.csv", "organisations"),
        ("edges.csv", "edges"),
    ]


def test_reading_does_not_change_the_bytes_given():
    data = bytearray(RESPONSES.encode())
    before = bytes(data)
    read_table("answers.csv", bytes(data))
    assert bytes(data) == before


# --- bad files ----------------------------------------------------------------------------------


def test_empty_file(tmp_path):
    path = tmp_path / "responses.csv"
    path.write_bytes(b"")
    (problem,) = problems(path)
    assert (problem.file, problem.row, problem.column) == ("responses.csv", None, None)
    assert "empty" in str(problem) and "responses.csv" in str(problem)


def test_file_of_blank_lines_is_empty():
    (problem,) = problems("responses.csv", b"\r\n,,\r\n\r\n")
    assert "empty" in problem.message


def test_empty_workbook():
    (problem,) = problems("responses.xlsx", xlsx_bytes(("Sheet", [])))
    assert (problem.file, problem.row) == ("responses.xlsx", None)
    assert "empty" in problem.message


def test_header_only_file():
    (problem,) = problems("responses.csv", b"respondent,partner,frequency\r\n")
    assert (problem.file, problem.row, problem.column) == ("responses.csv", None, None)
    assert "no rows" in problem.message and "row 1" in problem.message


def test_header_only_workbook():
    (problem,) = problems("answers.xlsx", xlsx_bytes(("S", [["source", "target"]])))
    assert "no rows" in str(problem) and "answers.xlsx" in str(problem)


def test_png_named_csv():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
    (problem,) = problems("responses.csv", png)
    assert problem.file == "responses.csv"
    assert "not a text CSV file" in problem.message
    assert "CSV UTF-8 or XLSX" in problem.fix


def test_workbook_named_csv_is_told_to_be_named_xlsx():
    data = xlsx_bytes(("Sheet", [["respondent", "partner", "frequency"], ["A", "B", 1]]))
    (problem,) = problems("responses.csv", data)
    assert "not a text CSV file" in problem.message and ".xlsx" in problem.message


def test_other_binary_named_csv():
    (problem,) = problems("responses.csv", bytes(range(256)) * 4)
    assert "not a text CSV file" in str(problem)


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04 this is not really a zip",
        b"respondent,partner,frequency\nA,B,1\n",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old excel",
    ],
    ids=["broken zip", "csv named xlsx", "old xls"],
)
def test_corrupt_xlsx(data):
    (problem,) = problems("responses.xlsx", data)
    assert (problem.file, problem.row, problem.column) == ("responses.xlsx", None, None)
    assert "XLSX" in problem.message and "save it again" in problem.fix


def test_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    (problem,) = problems("responses.xlsx", buffer.getvalue())
    assert "damaged" in problem.message


@pytest.mark.parametrize("name", ["responses.xls", "responses.json", "responses"])
def test_unknown_extension(name):
    (problem,) = problems(name, b"respondent,partner,frequency\nA,B,1\n")
    assert problem.file == name
    assert "cannot be read" in problem.message
    assert ".csv" in problem.fix and ".xlsx" in problem.fix


def test_missing_file_is_a_problem_not_a_crash(tmp_path):
    (problem,) = problems(tmp_path / "nowhere.csv")
    assert problem.file == "nowhere.csv" and "cannot be opened" in problem.message


def test_duplicate_column_names():
    (problem,) = problems("responses.csv", b"respondent,partner,Frequency,frequency \nA,B,1,2\n")
    assert (problem.file, problem.row, problem.column) == ("responses.csv", 1, "frequency")
    assert "columns C and D" in problem.message
    assert "responses.csv, row 1, column 'frequency'" in str(problem)


def test_values_without_a_column_name():
    # an unquoted comma inside a name makes row 3 one value wider than the header
    text = "respondent,partner,frequency\nA,B,1\nDorset Council, County Hall,B,2\n"
    (problem,) = problems("responses.csv", text.encode())
    assert (problem.file, problem.row) == ("responses.csv", 3)
    assert "column D" in problem.message and "quotes" in problem.fix


def test_unrecognised_header_lists_what_each_kind_needs():
    (problem,) = problems("mystery.csv", b"from,to,strength\nA,B,1\n")
    assert (problem.file, problem.row) == ("mystery.csv", 1)
    assert "'from', 'to', 'strength'" in problem.message
    for kind in KINDS.values():
        assert kind.what in problem.fix
    assert "'respondent', 'partner' and 'frequency'" in problem.fix


def test_read_files_reports_every_problem_of_every_file():
    with pytest.raises(SurveyError) as caught:
        read_files(
            [
                ("good.csv", b"name,type\nA,hub\n"),
                ("empty.csv", b""),
                ("only-header.csv", b"source,target\n"),
                ("picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00"),
            ]
        )
    assert [p.file for p in caught.value.problems] == [
        "empty.csv",
        "only-header.csv",
        "picture.csv",
    ]
    assert "good.csv" not in str(caught.value)


# --- the readers' modules import one way ------------------------------------------------------

PACKAGE = "ecosystem.readers"


def readers_imports() -> dict[str, set[str]]:
    """Each module of the readers package -> the modules of the package that it imports.

    Read from the source (every import statement, those for type checking too), so a cycle
    shows whichever module a program happens to import first. ``from ecosystem.readers
    import x`` imports the module ``x`` where there is one, else the package itself.
    """
    folder = Path(ecosystem.readers.__file__).parent
    names = {
        path: PACKAGE if path.stem == "__init__" else f"{PACKAGE}.{path.stem}"
        for path in sorted(folder.glob("*.py"))
    }
    modules = set(names.values())
    graph: dict[str, set[str]] = {}
    for path, name in names.items():
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                package = name if path.stem == "__init__" else name.rpartition(".")[0]
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1]) if node.level else ""
                base = ".".join(p for p in (base, node.module or "") if p)
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    imported.add(submodule if submodule in modules else base)
        graph[name] = {m for m in imported if m in modules and m != name}
    return graph


def cycle_in(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of ``graph`` as the modules along it (the first repeated at the end), or None."""
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        for imported in sorted(graph[module]):
            if found := visit(imported, [*path, module]):
                return found
        done.add(module)
        return None

    return next((found for module in sorted(graph) if (found := visit(module, []))), None)


def test_cycle_finder_finds_a_cycle():
    assert cycle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert cycle_in({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_readers_modules_import_one_way_only():
    graph = readers_imports()
    assert f"{PACKAGE}.raw" in graph[f"{PACKAGE}.tables"]  # the parser sees the imports
    assert graph[f"{PACKAGE}.raw"] == set()
    cycle = cycle_in(graph)
    assert cycle is None, "the readers' modules import in a circle: " + " -> ".join(cycle)


def test_raw_table_is_one_class_wherever_it_is_imported_from():
    from ecosystem.readers.raw import RawTable
    from ecosystem.readers.tables import RawTable as FromTables

    assert ecosystem.readers.RawTable is RawTable is FromTables


# --- short names --------------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["short_name", "Short name", "SHORT NAME", "short-name"])
def test_a_short_name_column_is_read_under_the_spellings_people_write(header):
    table = read_table(
        "orgs.csv", f"Name,Type,{header}\nUniversity Hospitals Dorset,trust,UHD\n".encode()
    )
    assert table.kind == "organisations"
    assert table.frame.loc[2, "short_name"] == "UHD"
    assert table.column_name("short_name") == header  # problems name it as written


def test_an_organisations_file_with_a_short_name_column_is_not_taken_for_a_survey_export():
    assert recognise(["Name", "Type", "Hub", "Short name", "Aliases"]) == "organisations"
    assert "'short_name'" in KINDS["organisations"].needs()
