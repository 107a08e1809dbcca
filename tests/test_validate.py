"""The validate stage: answers get their meaning, and every bad cell is named with a fix.

Expected codes are written by hand from the answer scales of the codebook document
(surveys/codebook.md, section 2), not taken from the codebook module, so the tests also check
the module against the document. Spreadsheet rows: header row 1, first data row 2.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecosystem.errors import SurveyError
from ecosystem.readers import RawTable, read_files, read_table
from ecosystem.survey import EDGE_COLUMNS, ORGANISATION_COLUMNS, RESPONSE_COLUMNS
from ecosystem.validate import split_list, validate

DATA = Path(__file__).resolve().parent / "data" / "readers"

ORGANISATIONS = (DATA / "organisations.csv").read_bytes()


def table(name: str, text: str):
    return read_table(name, text.encode())


def organisations():
    return read_table("organisations.csv", ORGANISATIONS)


def problems_of(tables, wave=None):
    with pytest.raises(SurveyError) as caught:
        validate(tables, wave)
    return caught.value.problems


def the_problem(tables, wave=None):
    (problem,) = problems_of(tables, wave)
    return problem


def assert_place(problem, file, row, column):
    assert (problem.file, problem.row, problem.column) == (file, row, column)
    assert str(problem).startswith(f"{file}, row {row}, column '{column}': ")
    assert problem.fix


# --- good surveys -----------------------------------------------------------------------------


def test_labels_and_codes_give_the_same_survey():
    labels = validate([organisations(), read_table(DATA / "responses_labels.csv")])
    codes = validate([organisations(), read_table(DATA / "responses_codes.csv")])
    columns = [c for c in RESPONSE_COLUMNS if c != "source_file"]
    pd.testing.assert_frame_equal(labels.responses[columns], codes.responses[columns])
    pd.testing.assert_frame_equal(labels.organisations, codes.organisations)
    # by hand from responses_codes.csv
    assert labels.responses["frequency"].tolist() == [4, 3, 0, 2, 1]
    assert labels.responses["direction"].tolist() == ["both", "in", "none", "out", "none"]
    assert labels.responses["relevance"].tolist()[:2] == [3.0, 2.0]
    assert math.isnan(labels.responses["relevance"].iloc[2])
    assert labels.responses["nature"].tolist() == [
        ("support", "horizon_scanning"),
        ("leadership",),
        (),
        ("ppie",),
        (),
    ]
    assert labels.responses["source_row"].tolist() == [2, 3, 4, 5, 6]
    assert set(labels.responses["source_file"]) == {"responses_labels.csv"}


def test_response_columns_follow_the_survey_contract():
    survey = validate([organisations(), read_table(DATA / "responses_codes.csv")])
    assert list(survey.responses.columns) == list(RESPONSE_COLUMNS)
    assert list(survey.organisations.columns) == list(ORGANISATION_COLUMNS)
    assert list(survey.edges.columns) == list(EDGE_COLUMNS)
    assert survey.organisations.index.name == "name"
    assert survey.edges.empty
    assert survey.responses["frequency"].dtype == "int64"
    assert survey.responses["relevance"].dtype == "float64"


def test_aliases_resolve_to_the_canonical_name():
    answers = table(
        "answers.csv",
        "respondent,partner,frequency\n"
        "Dorset Innovation Hub,Wessex AHSN,Weekly\n"
        "  wessex   AHSN ,dorset  INNOVATION hub,2\n"
        "UHD,aecc university college,1\n",
    )
    survey = validate([organisations(), answers])
    assert survey.responses["partner"].tolist() == [
        "Health Innovation Wessex",
        "Dorset Innovation Hub",
        "Health Sciences University",
    ]
    assert survey.responses["respondent"].tolist() == [
        "Dorset Innovation Hub",
        "Health Innovation Wessex",
        "University Hospitals Dorset",
    ]
    wessex = survey.organisations.loc["Health Innovation Wessex"]
    assert wessex["aliases"] == ("Wessex AHSN",)
    assert wessex["type"] == "HIN"
    assert wessex["hubs"] == ("Dorset",)
    assert survey.organisations.loc["NHS Dorset", "type"] == "ICB"  # "Integrated Care Board"


def test_file_without_wave_column_belongs_to_the_named_wave():
    answers = table("answers.csv", "respondent,partner,frequency\nA,B,1\n")
    assert validate([answers], wave="Summative 2024").responses["wave"].tolist() == [
        "Summative 2024"
    ]
    # The default wave of surveys/codebook.md, section 8.
    assert validate([answers]).responses["wave"].tolist() == ["Wave 1"]


def test_wave_argument_does_not_filter_a_wave_column():
    answers = table("answers.csv", "wave,respondent,partner,frequency\nW1,A,B,1\nW2,A,B,2\n")
    survey = validate([answers], wave="W2")
    assert survey.responses["wave"].tolist() == ["W1", "W2"]
    assert survey.waves == ["W1", "W2"]


def test_organisations_are_inferred_without_an_organisations_file():
    answers = table(
        "answers.csv", "respondent,partner,frequency\nCafé Ré,£ Fund,1\ncafé  ré,NHS Dorset,2\n"
    )
    survey = validate([answers])
    assert survey.organisations.index.tolist() == ["Café Ré", "£ Fund", "NHS Dorset"]
    assert set(survey.organisations["type"]) == {"unknown"}
    assert survey.responses["respondent"].tolist() == ["Café Ré", "Café Ré"]


def test_several_people_of_one_organisation_are_all_kept():
    answers = table(
        "answers.csv",
        "respondent,partner,frequency,respondent_person\nA,B,1,Ann\nA,B,3,Bob\nA,B,2,\n",
    )
    survey = validate([answers])
    assert survey.responses["frequency"].tolist() == [1, 3, 2]
    assert survey.responses["respondent_person"].tolist() == ["Ann", "Bob", ""]


def test_edges_weights_default_to_one_and_keep_their_type():
    survey = validate([organisations(), read_table(DATA / "edges.csv")])
    edges = survey.edges
    assert edges["weight"].tolist() == [2.5, 1.0, 0.0]
    assert edges["source"].tolist() == [
        "Dorset Innovation Hub",
        "University Hospitals Dorset",
        "NHS Dorset",
    ]
    assert edges["nature"].tolist() == [("funding",), (), ()]
    assert edges["wave"].tolist() == ["1", "1", "2"]
    assert edges["source_row"].tolist() == [2, 3, 4]


def test_edge_types_are_free_text_separated_by_semicolons():
    edges = table("edges.csv", "source,target,type\nA,B,Joint bid; data  sharing\nB,A,\n")
    assert validate([edges]).edges["nature"].tolist() == [("Joint bid", "data  sharing"), ()]


def test_edges_without_wave_or_weight_columns():
    edges = table("edges.csv", "source;target\nA;B\nB;C\n")
    survey = validate([edges], wave="Network 2020")
    assert survey.edges["wave"].tolist() == ["Network 2020"] * 2
    assert survey.edges["weight"].tolist() == [1.0, 1.0]
    assert survey.organisations.index.tolist() == ["A", "B", "C"]


def test_group_column_from_another_tool_keeps_its_values():
    nodes = table("nodes.csv", "id,group\n1,dept 4\n2,Trust\n3,\n")
    survey = validate([nodes, table("ties.csv", "wave,source,target,weight\n1,1,2,1\n")])
    assert survey.organisations["type"].tolist() == ["dept 4", "trust", "unknown"]


def test_hubs_regions_and_roster_waves():
    orgs = table(
        "organisations.csv",
        "name,type,hub,region,waves\nX,trust,Dorset; Manchester,South West,Wave 1;Wave 2\n"
        "Y,VCSE,,,\n",
    )
    survey = validate([orgs])
    assert survey.organisations.loc["X"].tolist() == [
        "trust",
        ("Dorset", "Manchester"),
        "South West",
        (),
        ("Wave 1", "Wave 2"),
        "",  # no short_name column: no short name
    ]
    assert survey.organisations.loc["Y", "hubs"] == ()
    assert survey.hubs == ["Dorset", "Manchester"]


def test_validate_does_not_change_its_input():
    tables = [organisations(), read_table(DATA / "responses_labels.csv")]
    before = [copy.deepcopy(t.frame) for t in tables]
    validate(tables)
    for frame, t in zip(before, tables, strict=True):
        pd.testing.assert_frame_equal(frame, t.frame)


def test_split_list():
    assert split_list("a; b;;a ; ") == ("a", "b")


# --- bad surveys: one test per kind of mistake ---------------------------------------------------


def test_missing_column():
    problem = the_problem([table("responses.csv", "respondent,partner,relevance\nA,B,1\n")])
    assert_place(problem, "responses.csv", 1, "frequency")
    assert "missing" in problem.message


def test_unknown_label():
    answers = table("responses.csv", "Respondent,Partner,Frequency\nA,B,Weekly\nA,C,Fortnightly\n")
    problem = the_problem([answers])
    assert_place(problem, "responses.csv", 3, "Frequency")
    assert "'Fortnightly' is not a frequency answer" in problem.message
    assert "Weekly or more" in problem.fix and "0 = Never" in problem.fix


def test_out_of_range_code():
    answers = table("responses.csv", "respondent,partner,frequency,relevance\nA,B,2,5\n")
    problem = the_problem([answers])
    assert_place(problem, "responses.csv", 2, "relevance")
    assert "outside the relevance codes 0-3" in problem.message


def test_unknown_direction_and_nature_are_each_named():
    answers = table(
        "responses.csv",
        "respondent,partner,frequency,direction,nature\nA,B,2,Sideways,Support and guidance\n"
        "A,C,1,Mutual,Gardening; PPIE support\n",
    )
    direction, nature = problems_of([answers])
    assert_place(direction, "responses.csv", 2, "direction")
    assert "Both ways" in direction.fix
    assert_place(nature, "responses.csv", 3, "nature")
    assert "'Gardening'" in nature.message and "Horizon scanning" in nature.fix


def test_blank_frequency_is_not_never():
    problem = the_problem([table("responses.csv", "respondent,partner,frequency\nA,B,\n")])
    assert_place(problem, "responses.csv", 2, "frequency")
    assert "blank" in problem.message and "'Never' is an answer" in problem.fix


def test_self_tie_after_alias_resolution():
    answers = table(
        "responses.csv", "respondent,partner,frequency\nWessex AHSN,Health Innovation Wessex,2\n"
    )
    problem = the_problem([organisations(), answers])
    assert_place(problem, "responses.csv", 2, "partner")
    assert "respondent itself" in problem.message


def test_self_tie_in_edges():
    problem = the_problem([table("ties.csv", "source,Target\nA,B\nB,b\n")])
    assert_place(problem, "ties.csv", 3, "Target")


def test_unknown_organisation_with_suggestions():
    answers = table("responses.csv", "respondent,partner,frequency\nNHS Dorset,Wesex AHSN,2\n")
    problem = the_problem([organisations(), answers])
    assert_place(problem, "responses.csv", 2, "partner")
    assert "'Wesex AHSN' is not in the organisations file" in problem.message
    assert "did you mean 'Wessex AHSN'" in problem.message
    assert "aliases" in problem.fix


def test_suggestions_are_at_most_three_nearest_names():
    orgs = table("orgs.csv", "name\nNHS Dorset\nNHS Dorsett\nNHS Dorsets\nNHS Dorse\nBCP Council\n")
    answers = table("responses.csv", "respondent,partner,frequency\nBCP Council,NHS Drset,2\n")
    problem = the_problem([orgs, answers])
    assert problem.message.count("'NHS Dors") == 3
    assert "BCP" not in problem.message


def test_unknown_type():
    orgs = table("organisations.csv", "name,Type\nNHS Dorset,ICB\nAcme,Spaceship\n")
    problem = the_problem([orgs])
    assert_place(problem, "organisations.csv", 3, "Type")
    assert "'Spaceship' is not an organisation type" in problem.message
    for key in ("hub", "HIN", "ICB", "trust", "university", "VCSE", "council", "industry"):
        assert key in problem.fix


def test_duplicate_organisation():
    orgs = table(
        "organisations.csv", "name,type\nNHS Dorset,ICB\nBCP Council,council\nnhs  DORSET,ICB\n"
    )
    problem = the_problem([orgs])
    assert_place(problem, "organisations.csv", 4, "name")
    assert "listed twice" in problem.message and "row 2" in problem.message


def test_alias_that_is_another_organisations_name():
    orgs = table(
        "organisations.csv", "name,type,aliases\nNHS Dorset,ICB,Dorset ICB\nDorset ICB,ICB,\n"
    )
    problem = the_problem([orgs])
    assert_place(problem, "organisations.csv", 2, "aliases")
    assert "name of another organisation" in problem.message


def test_alias_shared_by_two_organisations():
    orgs = table("organisations.csv", "name,type,aliases\nA,ICB,X; Y\nB,ICB,y\n")
    problem = the_problem([orgs])
    assert_place(problem, "organisations.csv", 3, "aliases")
    assert "also an alias of 'A'" in problem.message


def test_bad_weight():
    edges = table("edges.csv", 'source,target,Weight\nA,B,heavy\nB,C,-2\nC,A,"1,5"\nA,C,inf\n')
    heavy, negative, infinite = problems_of([edges])
    assert_place(heavy, "edges.csv", 2, "Weight")
    assert "'heavy' is not a number" in heavy.message
    assert_place(negative, "edges.csv", 3, "Weight")
    assert_place(infinite, "edges.csv", 5, "Weight")
    assert "0 or more" in negative.fix


def test_decimal_comma_weight_is_read():
    survey = validate([table("edges.csv", "source;target;weight\nA;B;1,5\n")])
    assert survey.edges["weight"].tolist() == [1.5]


def test_answered_twice():
    answers = table(
        "responses.csv",
        "respondent,partner,frequency,respondent_person\nA,B,1,Ann\nA,B,1,Bob\nA,b,2,ann\n",
    )
    problem = the_problem([answers])
    assert_place(problem, "responses.csv", 4, "partner")
    assert "answered twice" in problem.message and "row 2" in problem.message


def test_blank_wave_cell_in_a_wave_column():
    answers = table("responses.csv", "Wave,respondent,partner,frequency\nW1,A,B,1\n,A,C,1\n")
    assert_place(the_problem([answers]), "responses.csv", 3, "Wave")


def test_blank_name():
    answers = table("responses.csv", "respondent,partner,frequency\n,B,1\n")
    assert_place(the_problem([answers]), "responses.csv", 2, "respondent")


def test_missing_name_column_of_organisations_is_reported_once():
    # read_table never gives such a table (the header would not be recognised), but a table
    # built by hand may: its problem is reported once, not once per name in the responses
    nameless = RawTable(
        path="orgs.csv",
        kind="organisations",
        frame=pd.DataFrame({"type": ["hub"]}, index=pd.Index([2], name="row"), dtype=object),
        rows=(2,),
        header=("Type",),
    )
    answers = table("responses.csv", "respondent,partner,frequency\nA,B,1\nC,D,1\n")
    problem = the_problem([nameless, answers])
    assert_place(problem, "orgs.csv", 1, "name")


def test_every_problem_of_every_file_is_collected():
    orgs = table("organisations.csv", "name,type\nNHS Dorset,ICB\nAcme,Spaceship\n")
    answers = table(
        "responses.csv",
        "respondent,partner,frequency\nNHS Dorset,Acme,7\nNHS Dorset,Nobody,1\n",
    )
    edges = table("edges.csv", "source,target,weight\nNHS Dorset,Acme,x\n")
    places = [(p.file, p.row, p.column) for p in problems_of([orgs, answers, edges])]
    assert places == [
        ("organisations.csv", 3, "type"),
        ("responses.csv", 2, "frequency"),
        ("responses.csv", 3, "partner"),
        ("edges.csv", 2, "weight"),
    ]


# --- real datasets ------------------------------------------------------------------------------


@pytest.mark.datasets
@pytest.mark.parametrize(
    "name", ["knoke_bureaucracies", "krackhardt_hightech", "padgett_florentine", "kapferer_tailor"]
)
def test_real_datasets_read_with_the_counts_of_their_manifest(datasets_dir, name):
    # expected counts: the datasets' manifest.json (nodes "n", ties "ties_per_wave")
    entry = json.loads((datasets_dir / "manifest.json").read_text())[name]
    folder = datasets_dir / name
    survey = validate(read_files([folder / "nodes.csv", folder / "ties.csv"]))
    assert len(survey.organisations) == entry["nodes"]["n"]
    counts = survey.edges["wave"].value_counts().to_dict()
    assert counts == entry["tie_files"]["ties.csv"]["ties_per_wave"]


# --- properties ---------------------------------------------------------------------------------

# The answer scales (surveys/codebook.md, section 2): every wording per code.
FREQUENCY_WORDS = {
    0: ["Never", "None", "Not at all"],
    1: ["Less than quarterly", "Rarely", "Once or twice a year", "Yearly", "Annually"],
    2: ["Quarterly", "Every few months"],
    3: ["Monthly", "Every month"],
    4: ["Weekly or more", "Weekly", "Daily", "More than weekly"],
}
RELEVANCE_WORDS = {
    0: ["Not relevant", "Not at all relevant"],
    1: ["Somewhat relevant", "Slightly relevant", "A little relevant"],
    2: ["Relevant", "Moderately relevant", "Quite relevant"],
    3: ["Highly relevant", "Very relevant", "Essential", "Extremely relevant"],
}
DIRECTION_WORDS = {
    "out": ["out", "We mainly support them", "We support them", "To them", "Outgoing"],
    "in": ["in", "They mainly support us", "They support us", "From them", "Incoming"],
    "both": ["both", "Both ways", "Mutual", "Reciprocal", "Two-way"],
    "none": ["none", "Neither", "Not applicable", "N/A", ""],
}
NATURE_WORDS = {
    "support": "Support and guidance",
    "leadership": "Leadership support",
    "steering": "Steering or programme group",
    "methodology": "Methodology or evaluation advice",
    "in_kind": "In-kind funding or resources",
    "ppie": "PPIE support",
    "joint_bids": "Joint bids or funding applications",
    "data": "Data or digital capacity",
    "horizon_scanning": "Horizon scanning",
    "other": "Other",
}
NAMES = {
    "Dorset Innovation Hub": [],
    "Health Innovation Wessex": ["Wessex AHSN"],
    "Café Ré": [],
    "£ Fund Partners": ["Pound Fund"],
    "NHS Dorset": ["Dorset ICB"],
}
PERSONS = ["", "Ann Smith", "Zoë Brown"]
HEADER = {
    "wave": ["wave", "Wave", "WAVE"],
    "respondent": ["respondent", "Respondent", " RESPONDENT"],
    "partner": ["partner", "Partner"],
    "frequency": ["frequency", "Frequency", "FREQUENCY "],
    "relevance": ["relevance", "Relevance"],
    "direction": ["direction", "Direction"],
    "nature": ["nature", "Nature"],
    "respondent_person": ["respondent_person", "Respondent person", "RESPONDENT_PERSON"],
}


def organisations_file() -> bytes:
    lines = ["name,type,aliases"] + [
        f"{name},VCSE,{';'.join(aliases)}" for name, aliases in NAMES.items()
    ]
    return "\n".join(lines).encode("utf-8")


@st.composite
def styled(draw, text: str) -> str:
    """``text`` in a random case, with random spaces around it and doubled inside it."""
    case = draw(st.sampled_from([str, str.lower, str.upper, str.title]))
    text = case(text)
    if draw(st.booleans()):
        text = text.replace(" ", "  ")
    return " " * draw(st.integers(0, 2)) + text + " " * draw(st.integers(0, 2))


@st.composite
def answer(draw, respondent: str, partner: str, person: str, in_xlsx: bool):
    """One answer: its expected codes, and its cells as a person might have written them."""
    frequency = draw(st.integers(0, 4))
    relevance = draw(st.none() | st.integers(0, 3))
    direction = draw(st.sampled_from(sorted(DIRECTION_WORDS)))
    natures = draw(st.lists(st.sampled_from(sorted(NATURE_WORDS)), max_size=3, unique=True))

    def scale(code, words):
        if draw(st.booleans()):
            return code if in_xlsx and draw(st.booleans()) else str(code)
        return draw(styled(draw(st.sampled_from(words))))

    def name(canonical):
        return draw(styled(draw(st.sampled_from([canonical, *NAMES[canonical]]))))

    written = {
        "respondent": name(respondent),
        "partner": name(partner),
        "frequency": scale(frequency, FREQUENCY_WORDS[frequency]),
        "relevance": "" if relevance is None else scale(relevance, RELEVANCE_WORDS[relevance]),
        "direction": draw(styled(draw(st.sampled_from(DIRECTION_WORDS[direction])))),
        "nature": " ; ".join(
            draw(st.sampled_from([key, NATURE_WORDS[key].upper(), NATURE_WORDS[key]]))
            for key in natures
        ),
        "respondent_person": person,
    }
    expected = {
        "respondent": respondent,
        "partner": partner,
        "frequency": frequency,
        "relevance": math.nan if relevance is None else float(relevance),
        "direction": direction,
        "nature": tuple(natures),
        "respondent_person": person,
    }
    return written, expected


@st.composite
def survey_files(draw, in_xlsx: bool):
    """A tidy responses file: its header as written, its rows, and the expected responses."""
    pairs = draw(
        st.lists(
            st.tuples(
                st.sampled_from(list(NAMES)), st.sampled_from(list(NAMES)), st.sampled_from(PERSONS)
            ).filter(lambda t: t[0] != t[1]),
            min_size=1,
            max_size=8,
            unique=True,
        )
    )
    with_wave = draw(st.booleans())
    keys = [k for k in HEADER if k != "wave" or with_wave]
    header = {k: draw(st.sampled_from(HEADER[k])) for k in keys}
    rows, expected = [], []
    for respondent, partner, person in pairs:
        written, wanted = draw(answer(respondent, partner, person, in_xlsx))
        wave = draw(st.sampled_from(["Formative 2023", "Summative 2024"])) if with_wave else "Named"
        written["wave"] = wave
        wanted["wave"] = wave
        rows.append([written[k] for k in keys])
        expected.append(wanted)
    return keys, header, rows, pd.DataFrame(expected)


def csv_bytes(header: list[str], rows: list[list[object]], encoding: str, delimiter: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def workbook_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def responses_of(name: str, data: bytes) -> pd.DataFrame:
    tables = [read_table("organisations.csv", organisations_file()), read_table(name, data)]
    return validate(tables, wave="Named").responses


COMPARED = [
    "wave",
    "respondent",
    "partner",
    "frequency",
    "relevance",
    "direction",
    "nature",
    "respondent_person",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    files=survey_files(in_xlsx=False),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_any_tidy_csv_reads_back_to_its_answers(files, encoding, delimiter):
    keys, header, rows, expected = files
    data = csv_bytes([header[k] for k in keys], rows, encoding, delimiter)
    responses = responses_of("responses.csv", data)
    pd.testing.assert_frame_equal(
        responses[COMPARED], expected[COMPARED], check_dtype=False, check_index_type=False
    )
    assert responses["source_row"].tolist() == list(range(2, len(rows) + 2))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=survey_files(in_xlsx=True))
def test_any_tidy_xlsx_reads_back_to_its_answers(files):
    keys, header, rows, expected = files
    responses = responses_of("responses.xlsx", workbook_bytes([header[k] for k in keys], rows))
    pd.testing.assert_frame_equal(
        responses[COMPARED], expected[COMPARED], check_dtype=False, check_index_type=False
    )
    as_csv = responses_of("responses.csv", csv_bytes([header[k] for k in keys], rows, "utf-8", ","))
    pd.testing.assert_frame_equal(responses[COMPARED], as_csv[COMPARED])


# A bad value for each column that has rules; each is wrong on its own, whatever the row.
CORRUPTIONS = {
    "wave": [""],
    "respondent": ["Zzyzx Unknown Org", ""],
    "partner": ["Zzyzx Unknown Org", "<respondent>"],
    "frequency": ["Fortnightly", "7", "-1", "2.5", ""],
    "relevance": ["Vital", "4", "1.5"],
    "direction": ["Sideways", "3"],
    "nature": ["Gardening", "Support and guidance; Knitting"],
}


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=survey_files(in_xlsx=False), data=st.data(), as_xlsx=st.booleans())
def test_any_single_corrupted_cell_is_named_by_row_and_column(files, data, as_xlsx):
    keys, header, rows, _ = files
    column = data.draw(st.sampled_from([k for k in CORRUPTIONS if k in keys]))
    index = data.draw(st.integers(0, len(rows) - 1))
    bad = data.draw(st.sampled_from(CORRUPTIONS[column]))
    if bad == "<respondent>":
        bad = rows[index][keys.index("respondent")]
    rows = [list(row) for row in rows]
    rows[index][keys.index(column)] = bad
    written = [header[k] for k in keys]
    name = "responses.xlsx" if as_xlsx else "responses.csv"
    payload = workbook_bytes(written, rows) if as_xlsx else csv_bytes(written, rows, "utf-8", ",")
    tables = [read_table("organisations.csv", organisations_file()), read_table(name, payload)]
    with pytest.raises(SurveyError) as caught:
        validate(tables)
    (problem,) = caught.value.problems
    assert (problem.file, problem.row, problem.column) == (name, index + 2, header[column].strip())
    assert f"{name}, row {index + 2}, column '{header[column].strip()}'" in str(problem)


# --- short names --------------------------------------------------------------------------------

SHORT_NAMES_HEADER = "name,type,hub,short name,aliases\n"


def test_short_names_are_kept_and_optional():
    orgs = table(
        "organisations.csv",
        SHORT_NAMES_HEADER + "University Hospitals Dorset,trust,Dorset,UHD,\n"
        "NHS Dorset,ICB,Dorset,,Dorset ICB\n",
    )
    short = validate([orgs]).organisations["short_name"]
    assert short.to_dict() == {"University Hospitals Dorset": "UHD", "NHS Dorset": ""}


def test_a_short_name_longer_than_twenty_characters_is_a_problem_at_its_cell():
    orgs = table(
        "organisations.csv",
        SHORT_NAMES_HEADER + "NHS Dorset,ICB,Dorset,University Hosp Dorset,\n"  # 22 characters
        "Dorset Council,council,Dorset,Twenty characters ok,\n",  # exactly 20
    )
    problem = the_problem([orgs])
    assert_place(problem, "organisations.csv", 2, "short name")
    assert "'University Hosp Dorset' has 22 characters" in problem.message
    assert "leave it blank" in problem.fix


def test_one_short_name_for_two_organisations_of_one_hub_is_a_problem():
    orgs = table(
        "organisations.csv",
        SHORT_NAMES_HEADER + "University Hospitals Dorset,trust,Dorset,UHD,\n"
        "NHS Dorset,ICB,Dorset,,\n"
        "University Hospitals Derby,trust,Derby;Dorset,uhd,\n",
    )
    problem = the_problem([orgs])  # once, though they could share more than one picture
    assert_place(problem, "organisations.csv", 4, "short name")
    assert "also the short name of 'University Hospitals Dorset'" in problem.message
    assert "organisations.csv row 2" in problem.message and "Dorset network" in problem.message


def test_a_short_name_that_is_another_organisations_name_in_its_hub_is_a_problem():
    orgs = table(
        "organisations.csv",
        SHORT_NAMES_HEADER + "Dorset County Hospital,trust,Dorset,NHS Dorset,\n"
        "NHS Dorset,ICB,Dorset,,\n",
    )
    problem = the_problem([orgs])
    assert_place(problem, "organisations.csv", 2, "short name")  # where the short name is
    assert "is the name of another organisation (organisations.csv row 3)" in problem.message


def test_one_short_name_in_two_hubs_is_fine():
    orgs = table(
        "organisations.csv",
        SHORT_NAMES_HEADER
        + "NHS Dorset,ICB,Dorset,ICB,\nNHS Greater Manchester,ICB,Manchester,ICB,\n"
        "Dorset Council,council,,Council,\nManchester City Council,council,Manchester,Council,\n",
    )
    assert validate([orgs]).organisations["short_name"].tolist() == ["ICB"] * 2 + ["Council"] * 2


def test_organisations_without_a_hub_share_one_picture():
    orgs = table(
        "organisations.csv",
        SHORT_NAMES_HEADER + "Alpha Trust,trust,,AT,\nAcme Tools,industry,,AT,\n",
    )
    problem = the_problem([orgs])
    assert_place(problem, "organisations.csv", 3, "short name")
    assert "the network of all organisations" in problem.message


def test_a_short_name_is_not_an_alias_so_answers_cannot_name_an_organisation_by_it():
    orgs = table(
        "organisations.csv",
        SHORT_NAMES_HEADER + "University Hospitals Dorset,trust,Dorset,UHD,\n"
        "NHS Dorset,ICB,Dorset,,Dorset ICB\n",
    )
    answers = table("answers.csv", "respondent,partner,frequency\nDorset ICB,UHD,Monthly\n")
    problem = the_problem([orgs, answers])
    assert_place(problem, "answers.csv", 2, "partner")
    assert problem.value == "UHD"
    aliased = table(
        "organisations.csv",
        SHORT_NAMES_HEADER + "University Hospitals Dorset,trust,Dorset,UHD,UHD\n"
        "NHS Dorset,ICB,Dorset,,Dorset ICB\n",
    )
    survey = validate([aliased, answers])  # written as an alias too, it names it
    assert survey.responses["partner"].tolist() == ["University Hospitals Dorset"]


def test_a_new_wave_checked_against_known_organisations_keeps_their_short_names():
    orgs = table("organisations.csv", SHORT_NAMES_HEADER + "A Trust,trust,X,AT,\nB Hub,hub,X,,\n")
    known = validate([orgs]).organisations
    answers = table("answers.csv", "respondent,partner,frequency\nB Hub,A Trust,Weekly\n")
    survey = validate([answers], known=known)
    assert survey.organisations.loc["A Trust", "short_name"] == "AT"
