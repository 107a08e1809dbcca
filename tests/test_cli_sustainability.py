"""``ecosystem scenario`` and ``ecosystem key-players``: the JSON and CSV they promise, known
answers on hand-built ecosystems, and exit 2 (with the nearest names) for a name not in the
survey.

Known answers are worked by hand from Borgatti's (2006) definitions: in a star of n
organisations the centre's removal leaves n - 1 isolates, so fragmentation goes from 0 to 1,
and before it distance fragmentation is 1 - (1 + 1 + 1/2) x 2 / (3 x 2) = 1/6 for n = 3; in
a path of five the middle one's removal leaves two pairs among the four who remain:
F = 1 - (2 + 2) / (4 x 3) = 2/3.
"""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path

import pandas as pd
import pytest
from test_cli import run, write
from test_formula_safety import HUB_ORGANISATION, assert_safe, cli_output, csv_cells
from test_formula_safety import files as files  # the payload survey, as a fixture here too

from ecosystem.load import DEMO_FILES

RESPONSE_HEADER = "respondent,partner,frequency,relevance,direction\n"


def _tie(a: str, b: str) -> str:
    return f"{a},{b},Weekly or more,Highly relevant,Both ways\n"


@pytest.fixture
def star(tmp_path: Path) -> list[Path]:
    """A hub tied to a trust and a college, who are not tied to each other."""
    organisations = write(
        tmp_path / "organisations.csv",
        "name,type,hub\nNorth Hub,hub,North\nTrust,trust,North\nCollege,university,North\n",
    )
    responses = write(
        tmp_path / "responses.csv",
        RESPONSE_HEADER + _tie("North Hub", "Trust") + _tie("North Hub", "College"),
    )
    return [organisations, responses]


@pytest.fixture
def path_of_five(tmp_path: Path) -> list[Path]:
    """Trust - College - North Hub - Council - Charity, one tie after another."""
    names = ["Trust", "College", "North Hub", "Council", "Charity"]
    types = ["trust", "university", "hub", "council", "VCSE"]
    organisations = write(
        tmp_path / "organisations.csv",
        "name,type,hub\n" + "".join(f"{n},{t},North\n" for n, t in zip(names, types, strict=True)),
    )
    ties = "".join(_tie(a, b) for a, b in itertools.pairwise(names))
    responses = write(tmp_path / "responses.csv", RESPONSE_HEADER + ties)
    return [organisations, responses]


# scenario


def test_the_hub_leaving_a_star_isolates_every_partner_and_fragments_it_completely(star):
    code, out, err = run("scenario", *star, "--remove", "North Hub")
    assert code == 0, err
    result = json.loads(out)
    assert result["before"]["fragmentation"] == 0.0
    assert result["after"]["fragmentation"] == pytest.approx(1.0)
    assert result["before"]["distance_fragmentation"] == pytest.approx(1 / 6)
    assert result["after"]["distance_fragmentation"] == pytest.approx(1.0)
    assert sorted(result["isolated"]) == ["College", "Trust"]
    assert result["lost_bridges"] == [
        {"first": "College", "second": "Trust", "through": "North Hub"}
    ]
    assert "leaves" in result["scenario"] and "North Hub" in result["scenario"]
    assert result["findings"] and all(isinstance(s, str) for s in result["findings"])
    assert result["wave"] == "Wave 1"


def test_merging_the_hub_into_the_trust_keeps_the_college_tied(star):
    code, out, err = run("scenario", *star, "--merge", "north hub", "--into", "TRUST")
    assert code == 0, err
    result = json.loads(out)
    assert result["after"]["fragmentation"] == 0.0
    assert result["isolated"] == []
    assert "joins" in result["scenario"]


def test_scenario_json_has_every_network_measure_on_both_sides(star):
    _, out, _ = run("scenario", *star, "--remove", "Trust")
    result = json.loads(out)
    assert set(result["before"]) == set(result["after"])
    assert {"fragmentation", "distance_fragmentation", "density"} <= set(result["before"])
    assert set(result) >= {"scenario", "wave", "hub", "types_cut_off", "lost_bridges"}


def test_scenario_csv_is_the_measures_table_before_after_and_change(star, tmp_path):
    output = tmp_path / "measures.csv"
    code, _, err = run("scenario", *star, "--remove", "North Hub", "--format", "csv", "-o", output)
    assert code == 0, err
    table = pd.read_csv(output).set_index("measure")
    assert list(table.columns) == ["before", "after", "change"]
    assert table.loc["fragmentation", "after"] == pytest.approx(1.0)
    assert table.loc["fragmentation", "change"] == pytest.approx(1.0)


def test_an_unknown_name_exits_2_with_the_nearest_names(star):
    code, out, err = run("scenario", *star, "--remove", "Nrth Hub")
    assert (code, out) == (2, "")
    assert "Nrth Hub" in err and "North Hub" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--merge", "North Hub"],  # no --into
        ["--into", "Trust", "--remove", "College"],  # --into without --merge
        ["--remove", "Trust", "--merge", "North Hub", "--into", "College"],  # both
        [],  # neither
    ],
)
def test_a_scenario_needs_removals_or_one_merge_with_into(star, argv):
    code, out, err = run("scenario", *star, *argv)
    assert (code, out) == (2, "")
    assert "ecosystem scenario: " in err and "--merge" in err


def test_the_demo_hub_leaving_dorset_fragments_its_ecosystem():
    code, out, err = run(
        "scenario", *DEMO_FILES, "--hub", "Dorset", "--wave", "Formative 2023",
        "--remove", "Dorset Innovation Hub",
    )  # fmt: skip
    assert code == 0, err
    result = json.loads(out)
    assert result["hub"] == "Dorset"
    assert result["after"]["fragmentation"] >= result["before"]["fragmentation"]
    assert "illustrative data" in err


# key-players


def test_the_middle_of_a_path_is_the_one_key_player_that_fragments_it(path_of_five):
    code, out, err = run("key-players", *path_of_five, "--k", "1", "--goal", "fragment")
    assert code == 0, err
    found = json.loads(out)
    assert found["players"] == ["North Hub"]
    assert found["fragmentation"] == pytest.approx(2 / 3)
    assert (found["goal"], found["k"], found["method"]) == ("fragment", 1, "exact")
    assert "reach" not in found


def test_the_middle_of_a_path_reaches_everyone_in_two_steps(path_of_five):
    argv = ["--k", "1", "--goal", "reach", "--steps", "2"]
    code, out, err = run("key-players", *path_of_five, *argv)
    assert code == 0, err
    found = json.loads(out)
    assert (found["players"], found["reach"], found["steps"]) == (["North Hub"], 1.0, 2)
    assert "fragmentation" not in found


def test_key_players_csv_has_one_row_per_player(path_of_five):
    argv = ["--k", "2", "--goal", "fragment", "--format", "csv"]
    code, out, err = run("key-players", *path_of_five, *argv)
    assert code == 0, err
    table = pd.read_csv(io.StringIO(out))
    assert len(table) == 2
    assert {"organisation", "goal", "fragmentation", "method"} <= set(table.columns)


def test_key_players_refuses_k_as_large_as_the_network(star):
    code, out, err = run("key-players", *star, "--k", "3", "--goal", "fragment")
    assert (code, out) == (2, "")
    assert "ecosystem key-players: k must be" in err and "Traceback" not in err


# Formula safety: names reach a spreadsheet as text.


def test_key_players_csv_writes_no_live_formula(files, tmp_path):
    argv = ["key-players", *map(str, files), "--k", "2", "--goal", "reach", "--format", "csv"]
    cells = csv_cells(cli_output(tmp_path, *argv))
    assert_safe(cells)
    assert any(cell.startswith("'") for cell in cells), "a payload name is a key player"


def test_scenario_csv_writes_no_live_formula_and_keeps_changes_numbers(files, tmp_path):
    argv = ["scenario", *map(str, files), "--remove", HUB_ORGANISATION, "--format", "csv"]
    table = pd.read_csv(io.BytesIO(cli_output(tmp_path, *argv)))
    assert_safe(list(table.astype(str).to_numpy().ravel()))
    assert pd.api.types.is_numeric_dtype(table["change"])
