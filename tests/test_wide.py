"""Wide survey-tool exports give the same tidy responses, and the same ties, as the template.

Each export is built in the shape its tool writes it (Qualtrics, Microsoft Forms,
SmartSurvey, an Excel grid; see ``wide_exports.py``), from one hand-written answer grid
(``GRID``); the tidy template holding the same answers is built from the same grid, and both
are loaded with the same organisations file. Spreadsheet rows are numbered as Excel numbers
them.
"""

from __future__ import annotations

import copy

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from wide_exports import (
    BCP,
    CAFE,
    EXPECTED_ARCS,
    FIRST_DATA_ROW,
    GRID,
    HUB,
    ICB,
    QUALTRICS_QUESTIONS,
    STYLES,
    UHD,
    WAVE,
    WESSEX,
    Answer,
    Response,
    csv_bytes,
    excel,
    exports,
    forms,
    organisations_file,
    qualtrics,
    smartsurvey,
    tidy,
    write,
)

from ecosystem.errors import SurveyError
from ecosystem.load import load_survey
from ecosystem.network import build_network, reconciled_ties
from ecosystem.readers import read_table, recognise
from ecosystem.readers.wide import find_header, is_wide, question_of, read_wide, wide_notes
from ecosystem.validate import validate

COMPARED = [
    "wave",
    "respondent",
    "partner",
    "frequency",
    "relevance",
    "direction",
    "nature",
    "respondent_person",
    "submitted",
]


def assert_same_survey(wide_survey, tidy_survey) -> None:
    pd.testing.assert_frame_equal(
        wide_survey.responses[COMPARED].reset_index(drop=True),
        tidy_survey.responses[COMPARED].reset_index(drop=True),
    )
    pd.testing.assert_frame_equal(
        reconciled_ties(wide_survey, WAVE).reset_index(drop=True),
        reconciled_ties(tidy_survey, WAVE).reset_index(drop=True),
    )


def arcs(survey) -> dict[tuple[str, str], float]:
    return {(u, v): w for u, v, w in build_network(survey, WAVE).edges(data="weight")}


# --- the key test: every style, the same survey as the template -----------------------------


@pytest.mark.parametrize("style", list(STYLES))
def test_each_export_style_gives_the_template_survey_and_the_designed_ties(tmp_path, style):
    orgs, export, template = write(
        tmp_path / "", organisations_file(), STYLES[style](GRID), tidy(GRID)
    )
    from_export = load_survey([orgs, export], wave=WAVE)
    from_template = load_survey([orgs, template], wave=WAVE)
    assert_same_survey(from_export, from_template)
    assert arcs(from_export) == EXPECTED_ARCS
    # hub 4 answers, NHS Dorset 2, Café 1 (BCP Council unfinished)
    assert len(from_export.responses) == 7
    assert set(from_export.responses["source_file"]) == {export.name}
    first = FIRST_DATA_ROW[style]
    if style == "qualtrics":  # the unfinished BCP Council response is row first + 2
        assert from_export.responses["source_row"].tolist() == [first] * 4 + [first + 1] * 2 + [
            first + 3
        ]
    else:
        assert from_export.responses["source_row"].tolist() == [first] * 4 + [first + 1] * 2 + [
            first + 2
        ]
    assert from_export.waves == [WAVE]


def test_qualtrics_header_rows_metadata_and_unfinished_response_are_read_as_designed():
    table = read_table(*qualtrics(GRID))
    assert table.kind == "wide"
    # row 1 export tags, row 2 question text (the header), row 3 import ids, data from row 4
    assert table.header_row == 2
    assert table.rows == (4, 5, 6, 7)
    assert table.header[9] == "Which organisation do you work for? - Selected Choice"
    result = read_wide(table)
    assert result.skipped_unfinished == 1
    assert result.notes[0] == (
        "1 unfinished response skipped (Progress below 100 or not Finished): row 6"
    )
    assert "Cy Dunn" not in set(result.responses["respondent_person"])
    assert result.responses["submitted"].tolist()[:1] == ["2023-01-20 10:11:12"]
    # a Qualtrics multiple choice writes its choices separated by commas
    assert result.responses["nature"].tolist()[0] == "Support and guidance; Horizon scanning"


def test_forms_id_and_name_columns_do_not_make_it_an_organisations_file():
    table = read_table(*forms(GRID))
    assert table.kind == "wide"
    assert recognise(table.header) == "wide"
    assert recognise(["ID", "Name", "type"]) == "organisations"


def test_smartsurvey_two_header_rows_and_ticked_natures():
    table = read_table(*smartsurvey(GRID))
    assert table.kind == "wide"
    assert table.header_row == 2  # the partner row
    question = "What type of support does each relationship involve?"
    assert f"{question} - {CAFE} - PPIE support" in table.header
    survey = validate([read_table(*organisations_file()), table], wave=WAVE)
    natures = dict(zip(survey.responses["partner"], survey.responses["nature"], strict=False))
    assert natures[WESSEX] == ("support", "horizon_scanning")


def test_windows_1252_grid_with_accented_partner():
    name, data = excel(GRID)
    assert "Café Ré Trust".encode("cp1252") in data and "Café".encode() not in data
    table = read_table(name, data)
    assert f"Frequency of interaction [{CAFE}]" in table.header
    survey = validate([read_table(*organisations_file()), table], wave=WAVE)
    assert CAFE in set(survey.responses["partner"]) and CAFE in set(survey.responses["respondent"])


def test_former_names_in_headers_and_answers_resolve_through_aliases(tmp_path):
    written = {WESSEX: "Wessex AHSN", ICB: "Dorset ICB"}
    name, data = qualtrics(GRID, written=written)
    assert b" - Wessex AHSN" in data and b",Dorset ICB," in data
    orgs, export, template = write(tmp_path, organisations_file(), (name, data), tidy(GRID))
    from_export = load_survey([orgs, export], wave=WAVE)
    assert_same_survey(from_export, load_survey([orgs, template], wave=WAVE))
    assert arcs(from_export) == EXPECTED_ARCS


def test_mapping_file_explains_unrecognised_wording(tmp_path):
    header = ["Your organisation", "Q5 - NHS Dorset", "Q6 - NHS Dorset", "Q7 - NHS Dorset"]
    header += [f"Q5 - {HUB}", f"Q7 - {HUB}", "Contact with the trust"]
    rows = [
        header,
        [HUB, "Weekly", "Highly relevant", "Both ways", "", "", "Never"],
        [ICB, "", "", "", "Quarterly", "We support them", "Monthly"],
    ]
    export = ("export.csv", csv_bytes(rows))
    mapping = (
        "mapping.csv",
        b"header,pattern,question,partner\n"
        b",Q5,frequency,\n,Q6,relevance,\n,Q7,direction,\n"
        b"Contact with the trust,,frequency,UHD\n",
    )
    answers = (
        "responses.csv",
        (
            "respondent,partner,frequency,relevance,direction\n"
            f"{HUB},{ICB},Weekly,Highly relevant,Both ways\n"
            f"{HUB},{UHD},Never,,\n"
            f"{ICB},{HUB},Quarterly,,We support them\n"
            f"{ICB},{UHD},Monthly,,\n"
        ).encode(),
    )
    orgs, export_path, mapping_path, template = write(
        tmp_path, organisations_file(), export, mapping, answers
    )
    assert read_table(mapping_path).kind == "mapping"
    with pytest.raises(SurveyError) as caught:
        load_survey([orgs, export_path], wave=WAVE)
    unread = [(p.row, p.column) for p in caught.value.problems]
    assert unread[:3] == [(1, "Q5 - NHS Dorset"), (1, "Q6 - NHS Dorset"), (1, "Q7 - NHS Dorset")]
    assert "mapping file" in caught.value.problems[0].fix
    survey = load_survey([orgs, export_path, mapping_path], wave=WAVE)
    assert_same_survey(survey, load_survey([orgs, template], wave=WAVE))


def test_one_column_per_partner_per_nature_choice_in_one_header_row():
    question = "What does the relationship involve?"
    text = (
        f"Your organisation,How often? - {HUB},{question} - {HUB} - Support and guidance,"
        f"{question} - {HUB} - PPIE support,{question} - {HUB} - Horizon scanning\n"
        "NHS Dorset,Monthly,Support and guidance,,1\n"  # ticked: the choice's text, or 1
        "BCP Council,Never,,No,0\n"  # unticked: blank, No, 0
    )
    survey = validate([read_table("export.csv", text.encode())], wave=WAVE)
    assert survey.responses["partner"].tolist() == [HUB, HUB]
    assert survey.responses["nature"].tolist() == [("support", "horizon_scanning"), ()]


# --- what is skipped, and said ------------------------------------------------------------------


def test_own_column_previews_and_silent_responses_are_skipped_and_said():
    text = (
        "Status,Your organisation,How often do you interact? - NHS Dorset,"
        "How often do you interact? - BCP Council\n"
        "IP Address,NHS Dorset,Weekly,Monthly\n"  # row 2: NHS Dorset about itself: skipped
        "Survey Preview,BCP Council,Weekly,\n"  # row 3: a preview
        "IP Address,BCP Council,,\n"  # row 4: answered nothing
        "IP Address,Dorset ICB,Weekly,\n"  # row 5: an alias of NHS Dorset, about itself
    )
    table = read_table("export.csv", text.encode())
    orgs = validate([read_table(*organisations_file())]).organisations
    result = read_wide(table, orgs)
    assert result.responses[["respondent", "partner", "frequency"]].values.tolist() == [
        [ICB, BCP, "Monthly"]
    ]
    assert result.skipped_unfinished == 0
    assert result.notes == [
        "1 survey preview or test skipped (Status): row 3",
        "2 answers about the respondent's own organisation ignored (an organisation is not "
        "its own partner): rows 2, 5",
        "1 response answered no question about a partner: row 4",
    ]
    assert wide_notes([table], orgs) == [f"export.csv: {note}" for note in result.notes]


def test_several_unnamed_people_of_one_organisation_are_told_apart_by_response_id():
    text = (
        "ResponseId,Your organisation,How often do you interact? - NHS Dorset\n"
        "R_a,BCP Council,Weekly\nR_b,bcp council,Never\nR_c,Dorset Council,Monthly\n"
    )
    result = read_wide(read_table("export.csv", text.encode()))
    # BCP Council answered twice without a name: each answer keeps its response id
    assert result.responses["respondent_person"].tolist() == ["R_a", "R_b", ""]
    survey = validate([read_table("export.csv", text.encode())], wave=WAVE)
    assert survey.responses["frequency"].tolist() == [4, 0, 3]


def test_other_organisation_is_read_from_its_text_column():
    text = (
        "Which organisation do you work for? - Selected Choice,"
        "Which organisation do you work for? - Other - Text,"
        "How often do you interact? - NHS Dorset\n"
        "Other,Dorset Council,Weekly\n"
    )
    result = read_wide(read_table("export.csv", text.encode()))
    assert result.responses["respondent"].tolist() == ["Dorset Council"]


def test_read_wide_does_not_change_its_input():
    table = read_table(*qualtrics(GRID))
    before = copy.deepcopy(table.frame)
    orgs = validate([read_table(*organisations_file())]).organisations
    orgs_before = orgs.copy()
    read_wide(table, orgs)
    pd.testing.assert_frame_equal(table.frame, before)
    pd.testing.assert_frame_equal(orgs, orgs_before)


# --- recognition ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wording", "question"),
    [
        ("How often has your organisation interacted with them?", "frequency"),
        ("Frequency of contact", "frequency"),
        ("Do you interact with these organisations?", "frequency"),
        ("How relevant is this organisation?", "relevance"),
        ("Relevance", "relevance"),
        ("How important is each partner to your work?", "relevance"),
        ("Who supports whom?", "direction"),
        ("Direction of support", "direction"),  # "direction" is specific, "support" generic
        ("Do they support you, or you them?", "direction"),
        ("Nature of the relationship", "nature"),
        ("What type of support do they give?", "nature"),
        ("What does the relationship involve?", "nature"),
        ("How often do they support you?", "frequency"),  # "how often" before "support"
        ("Which organisation do you work for?", None),
    ],
)
def test_questions_are_recognised_by_their_wording(wording, question):
    assert question_of(wording) == question


@pytest.mark.parametrize(
    ("header", "wide"),
    [
        (["Your organisation", "How often? - NHS Dorset"], True),
        (["Organisation name", "Frequency of interaction [NHS Dorset]"], True),
        (["ID", "Name", "How often do you interact with them?.NHS Dorset"], True),
        (["Your organisation", "Q5 - NHS Dorset"], True),  # wording for a mapping file
        (["respondent", "partner", "frequency"], False),
        (["name", "type", "hub", "region", "aliases"], False),
        (["organisation", "sector"], False),
        (["How often do you meet the hub?"], False),
    ],
)
def test_wide_headers_are_recognised(header, wide):
    assert is_wide(header) is wide


def test_header_is_found_below_export_tags_and_above_import_ids():
    rows = [
        ["Q1", "Q2_1"],
        ["Your organisation", "How often? - NHS Dorset"],
        ['{"ImportId":"QID1"}', '{"ImportId":"QID2_1"}'],
        ["BCP Council", "Weekly"],
    ]
    found = find_header(rows)
    assert (found.text_row, found.body) == (1, 3)
    stacked = find_header([["Org", "How often?", ""], ["", "NHS Dorset", "UHD"], ["A", "1", "2"]])
    assert stacked.header == ("Org", "How often? - NHS Dorset", "How often? - UHD")
    assert find_header([["name", "type"], ["A", "hub"]]) is None


def test_header_split_prefers_a_known_partner():
    # "St. Mary's" holds a dot and the question a dash: only the organisations file can tell
    orgs = pd.DataFrame(
        {"aliases": [(), ()]}, index=pd.Index(["St. Mary's - Poole", "NHS Dorset"], name="name")
    )
    text = (
        "Your organisation,How often - roughly - do you meet? - St. Mary's - Poole\nNHS Dorset,2\n"
    )
    table = read_table("export.csv", text.encode())
    assert read_wide(table).responses["partner"].tolist() == ["Poole"]  # the last dash
    assert read_wide(table, orgs).responses["partner"].tolist() == ["St. Mary's - Poole"]


# --- bad exports: each problem names file, row and column, with a fix -------------------------


def problems_of(*files: tuple[str, bytes]):
    with pytest.raises(SurveyError) as caught:
        validate([read_table(*f) for f in files], wave=WAVE)
    return caught.value.problems


def test_unknown_partner_in_a_header_is_named_once_with_suggestions():
    grid = [
        Response(HUB, "Ann", "", {WESSEX: Answer("Weekly")}),
        Response(ICB, "Bob", "", {WESSEX: Answer("Monthly")}),
    ]
    (problem,) = problems_of(organisations_file(), excel(grid, written={WESSEX: "Wesex AHSN"}))
    column = "Frequency of interaction [Wesex AHSN]"
    assert (problem.file, problem.row, problem.column) == ("grid.csv", 1, column)
    assert "'Wesex AHSN' is not in the organisations file" in problem.message
    assert "did you mean 'Wessex AHSN'" in problem.message
    assert "aliases" in problem.fix
    assert str(problem).startswith(f"grid.csv, row 1, column '{column}': ")


def test_unknown_respondent_organisation_names_row_and_column():
    grid = [GRID[0], Response("Dorset Hospitals", "Bob", "", {HUB: Answer("Weekly")})]
    (problem,) = problems_of(organisations_file(), qualtrics(grid))
    column = "Which organisation do you work for? - Selected Choice"
    assert (problem.file, problem.row, problem.column) == ("qualtrics.csv", 5, column)
    assert "'Dorset Hospitals' is not in the organisations file" in problem.message
    assert "did you mean" in problem.message


def test_bad_label_in_a_cell_names_row_and_column():
    bad = Response(ICB, "Bob", "2023-01-23 09:00:00", {HUB: Answer("Fortnightly")})
    (problem,) = problems_of(organisations_file(), forms([GRID[0], bad]))
    column = f"{QUALTRICS_QUESTIONS[0][1]}.{HUB}"
    assert (problem.file, problem.row, problem.column) == ("forms.xlsx", 3, column)
    assert "'Fortnightly' is not a frequency answer" in problem.message
    assert "Weekly or more" in problem.fix


def test_bad_nature_choice_names_row_and_column():
    bad = Response(ICB, "Bob", "", {HUB: Answer("Weekly", nature=("Gardening",))})
    (problem,) = problems_of(organisations_file(), excel([bad]))
    assert (problem.row, problem.column) == (2, f"Nature of the relationship [{HUB}]")
    assert "'Gardening' is not a nature of tie" in problem.message


def test_export_without_an_organisation_question():
    text = "Start time,How often do you interact? - NHS Dorset\n2023-01-01,Weekly\n"
    (problem,) = problems_of(("export.csv", text.encode()))
    assert (problem.file, problem.row, problem.column) == ("export.csv", 1, None)
    assert "no column says which organisation each respondent works for" in problem.message
    assert "Which organisation do you work for?" in problem.fix


def test_one_partner_asked_twice_under_two_names():
    text = (
        "Your organisation,How often? - Health Innovation Wessex,How often? - wessex ahsn\n"
        "NHS Dorset,Weekly,Monthly\n"
    )
    (problem,) = problems_of(organisations_file(), ("export.csv", text.encode()))
    assert (problem.row, problem.column) == (1, "How often? - wessex ahsn")
    assert "both ask the frequency question about 'Health Innovation Wessex'" in problem.message


def test_partner_without_a_frequency_question():
    text = "Your organisation,How relevant? - NHS Dorset\nBCP Council,Relevant\n"
    (problem,) = problems_of(("export.csv", text.encode()))
    assert (problem.row, problem.column) == (1, "How relevant? - NHS Dorset")
    assert "how often" in problem.message


def test_bad_mapping_row_names_its_row():
    text = "Your organisation,Q5 - NHS Dorset\nBCP Council,Weekly\n"
    mapping = ("mapping.csv", b"pattern,Question\nQ5,how much\n")
    problems = problems_of(("export.csv", text.encode()), mapping)
    assert (problems[0].file, problems[0].row, problems[0].column) == (
        "mapping.csv",
        2,
        "Question",
    )
    assert "frequency, relevance" in problems[0].fix


# --- property: any grid, any style, any encoding -----------------------------------------------


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=exports())
def test_any_answer_grid_in_any_style_reads_back_to_its_answers(case):
    style, export, grid, expected = case
    table = read_table(*export)
    assert table.kind == "wide", style
    survey = validate([read_table(*organisations_file()), table], wave=WAVE)
    responses = survey.responses
    columns = [*(c for c in COMPARED if c not in ("wave", "submitted")), "source_row"]
    if not expected:
        assert responses.empty
        return
    pd.testing.assert_frame_equal(
        responses[columns].reset_index(drop=True),
        pd.DataFrame(expected)[columns],
        check_dtype=False,
    )
    unfinished = sum(r.progress < 100 for r in grid)
    assert read_wide(read_table(*export)).skipped_unfinished == unfinished
