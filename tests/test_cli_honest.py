"""The command line, honest about who answered: ``compare --pairs``, ``robustness`` and
``--respondents-only``, on hand-built surveys whose true network is known."""

from __future__ import annotations

import csv
import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from ecosystem.cli import main
from ecosystem.load import DEMO_FILES

ORGANISATIONS = "name,type\nA,hub\nB,trust\nC,university\nD,vcse\nE,council\n"
HEADER = "wave,respondent,partner,frequency,relevance,direction\n"


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def reports(wave: str, respondents: set[str], ties: list[tuple[str, str]]) -> str:
    """Every respondent's answers about the true, unchanging ties it is part of (both ways)."""
    rows = []
    for u, v in ties:
        for who, other in ((u, v), (v, u)):
            if who in respondents:
                rows.append(f"{wave},{who},{other},Every month,Highly relevant,Both ways\n")
    return "".join(rows)


def survey_files(tmp_path: Path, ties_later: list[tuple[str, str]] | None = None) -> list[Path]:
    """Two waves of one true network A-B, C-D, D-E; A, B and C answered in the first wave,
    everyone in the second (``ties_later`` replaces the second wave's ties)."""
    true = [("A", "B"), ("C", "D"), ("D", "E")]
    organisations = tmp_path / "organisations.csv"
    organisations.write_text(ORGANISATIONS, encoding="utf-8")
    responses = tmp_path / "responses.csv"
    first = reports("W1", {"A", "B", "C"}, true)
    second = reports("W2", {"A", "B", "C", "D", "E"}, ties_later or true)
    responses.write_text(HEADER + first + second, encoding="utf-8")
    return [organisations, responses]


def compare(files: list[Path], *more: str) -> dict:
    code, out, err = run("compare", *files, "--from", "W1", "--to", "W2",
                         "--permutations", "19", "--samples", "19", *more)  # fmt: skip
    assert code == 0, err
    return json.loads(out)


def test_an_unchanged_network_with_more_respondents_shows_no_change_by_default(tmp_path):
    files = survey_files(tmp_path)
    result = compare(files)
    assert result["ties"]["gained"] == 0 and result["ties"]["lost"] == 0
    assert result["density"]["change"] == 0
    # D-E was unseen in the first wave (neither answered): the one pair left out.
    assert result["pairs"]["compared"] == 9 and result["pairs"]["excluded"] == 1
    assert set(result["pairs"]) == {"compared", "excluded", "rule"}
    assert "observed in both waves" in result["pairs"]["rule"]


def test_every_pair_shows_the_artefact(tmp_path):
    result = compare(survey_files(tmp_path), "--pairs", "all")
    assert result["ties"]["gained"] == 2  # D-E both ways, "gained" only because D and E answered
    assert result["density"]["change"] > 0
    assert "pairs" not in result


def test_a_tie_that_truly_appears_between_respondents_of_both_waves_is_gained(tmp_path):
    later = [("A", "B"), ("C", "D"), ("D", "E"), ("A", "C")]
    result = compare(survey_files(tmp_path, later))
    assert result["ties"]["gained"] == 2 and result["ties"]["lost"] == 0
    assert result["density"]["change"] > 0


def test_compare_says_what_it_left_out_and_why(tmp_path):
    code, _, err = run("compare", *survey_files(tmp_path), "--from", "W1", "--to", "W2",
                       "--permutations", "9", "--samples", "9", "--format", "csv")  # fmt: skip
    assert code == 0
    assert "Compared over the 9 pairs of organisations observed in both waves" in err
    assert "1 of the 2 new ties" not in err  # none gained over the compared pairs...
    assert "2 new ties involve organisations that did not answer" in err  # ...two left out


def test_no_like_with_like_comparison_is_said_in_words(tmp_path):
    files = survey_files(tmp_path)
    responses = files[1]
    text = HEADER + reports("W1", {"A"}, [("A", "B")]) + reports("W2", {"A", "B"}, [("A", "B")])
    responses.write_text(text, encoding="utf-8")
    code, out, err = run("compare", *files, "--from", "W1", "--to", "W2")
    assert code == 2 and out == ""
    assert "no like-with-like comparison is possible" in err and "--pairs all" in err
    assert "pairs" not in compare(files, "--pairs", "all")  # every pair: numbers, as before


def test_compare_rejects_an_unknown_pair_rule(tmp_path):
    code, _, err = run("compare", *survey_files(tmp_path), "--from", "W1", "--to", "W2",
                       "--pairs", "some")  # fmt: skip
    assert code == 2 and "--pairs" in err


def test_respondents_only_keeps_the_network_among_those_who_answered(tmp_path):
    files = survey_files(tmp_path)
    code, out, err = run("metrics", *files, "--wave", "W1", "--respondents-only",
                         "--format", "json")  # fmt: skip
    assert code == 0, err
    assert {row["organisation"] for row in json.loads(out)} == {"A", "B", "C"}
    code, out, _ = run("metrics", *files, "--wave", "W1", "--format", "json")
    assert {row["organisation"] for row in json.loads(out)} >= {"A", "B", "C", "D"}


@pytest.mark.parametrize(
    "command",
    [["ties", "--wave", "W2"], ["summary"], ["functions"],
     ["compare", "--from", "W1", "--to", "W2", "--permutations", "9", "--samples", "9"]],
)  # fmt: skip
def test_every_command_that_builds_networks_takes_respondents_only(tmp_path, command):
    code, _, err = run(command[0], *survey_files(tmp_path), *command[1:], "--respondents-only")
    assert code == 0, err


# ecosystem robustness: the contract.


def test_robustness_json_keeps_the_contract():
    code, out, err = run("robustness", *DEMO_FILES, "--wave", "Summative 2024", "--hub",
                         "Dorset", "--runs", "20", "--seed", "7", "--format", "json")  # fmt: skip
    assert code == 0, err
    result = json.loads(out)
    assert {"measures", "network"} <= set(result)
    assert (result["runs"], result["seed"], result["remove"]) == (20, 7, 0.1)
    for row in result["measures"]:
        assert set(row) == {"measure", "rank_correlation", "low", "high", "top5_overlap",
                            "verdict"}  # fmt: skip
        assert row["verdict"] in {"robust", "check before relying on it", "fragile"}
    assert {row["measure"] for row in result["measures"]} >= {"in_degree", "betweenness"}
    for row in result["network"]:
        assert set(row) == {"measure", "value", "low", "high"}
    assert "density" in {row["measure"] for row in result["network"]}
    assert "response rate" in err
    again = run("robustness", *DEMO_FILES, "--wave", "Summative 2024", "--hub", "Dorset",
                "--runs", "20", "--seed", "7", "--format", "json")[1]  # fmt: skip
    assert again == out  # seeded: the same result


def test_robustness_csv_has_a_row_per_measure(tmp_path):
    out_file = tmp_path / "robustness.csv"
    code, _, err = run("robustness", *DEMO_FILES, "--wave", "Summative 2024", "--hub",
                       "Dorset", "--runs", "10", "--remove", "0.2", "--format", "csv",
                       "-o", out_file)  # fmt: skip
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8-sig"))))
    kinds = {row["kind"] for row in rows}
    assert kinds == {"organisation", "network"}
    assert list(rows[0]) == ["kind", "measure", "rank_correlation", "low", "high",
                             "top5_overlap", "verdict", "value"]  # fmt: skip


def test_robustness_needs_a_wave_and_a_sensible_share():
    assert run("robustness", *DEMO_FILES, "--format", "json")[0] == 2
    code, _, err = run("robustness", *DEMO_FILES, "--wave", "Summative 2024", "--remove", "1.5")
    assert code == 2 and "--remove" in err


def test_functions_catalyse_like_with_like_unless_every_pair_is_asked_for():
    def open_pairs(*more: str) -> int:
        code, out, err = run("functions", *DEMO_FILES, "--hub", "Bradford District and Craven",
                             "--from", "Formative 2023", "--to", "Summative 2024",
                             "--samples", "9", *more)  # fmt: skip
        assert code == 0, err
        (hub,) = json.loads(out)["hubs"]
        return hub["catalysing"]["open_pairs"]

    assert open_pairs() == 42 and open_pairs("--pairs", "all") == 58


def test_an_export_compares_the_pairs_asked_for(tmp_path):
    """``export --pairs all`` is the switch the like-with-like report and tables point to."""
    written = {}
    for rule in ("both-observed", "all"):
        out = tmp_path / f"hubs-{rule}.csv"
        code, _, err = run("export", *DEMO_FILES, "--view", "hubs", "--from", "Formative 2023",
                           "--to", "Summative 2024", "--pairs", rule, "-o", out)  # fmt: skip
        assert code == 0, err
        written[rule] = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    compared = "Pairs of organisations compared (observed in both waves)"
    left_out = "Pairs of organisations left out (unobserved in a wave)"
    for like, every in zip(written["both-observed"], written["all"], strict=True):
        assert like["Hub"] == every["Hub"]
        assert int(like[left_out]) > 0, "like with like leaves the unobserved pairs out"
        assert int(every[left_out] or 0) == 0, "every pair: none left out"
        assert int(every[compared]) == int(like[compared]) + int(like[left_out])
