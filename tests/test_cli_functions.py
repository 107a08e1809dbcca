"""``ecosystem functions``: the hubs' core functions as JSON or CSV, from files or a workspace;
the numbers the service gives, and misuse refused with exit code 2."""

from __future__ import annotations

import csv
import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from ecosystem.cli import build_parser, main
from ecosystem.export import csv_text
from ecosystem.load import DEMO_FILES
from ecosystem.network import NetworkOptions
from ecosystem.service import functions_by_hub, functions_table

FIRST, LATEST = "Formative 2023", "Summative 2024"
DEMO = [str(path) for path in DEMO_FILES]
FEW = ("--samples", "100")


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def strict_json(text: str) -> dict:
    """JSON as any reader takes it: NaN or Infinity (not JSON) fail here."""

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="module")
def survey(demo):
    return demo


def test_functions_is_a_command():
    assert "functions" in build_parser()._subparsers._group_actions[0].choices


def test_json_between_two_waves_holds_every_hub_its_changes_and_findings(survey):
    code, out, err = run("functions", *DEMO, "--from", FIRST, "--to", LATEST, *FEW)
    assert code == 0, err
    hubs = strict_json(out)["hubs"]
    expected = functions_by_hub(survey, LATEST, NetworkOptions(), FIRST, samples=100)
    assert [h["hub"] for h in hubs] == [r.hub for r in expected] == list(survey.hubs)
    for data, result in zip(hubs, expected, strict=True):
        assert set(data) == {"hub", "wave", "coordination", "dissemination", "wave_from",
                             "catalysing", "changes", "findings"}  # fmt: skip
        assert (data["wave"], data["wave_from"]) == (LATEST, FIRST)
        assert data["coordination"] == result.coordination
        assert data["dissemination"] == result.dissemination
        assert data["catalysing"]["open_pairs"] == result.catalysing["open_pairs"]
        assert data["findings"] == list(result.findings)
        changes = result.changes.astype(object).where(result.changes.notna(), None)
        assert data["changes"] == changes.to_dict("records")
    assert "illustrative" in err


def test_json_of_one_wave_has_no_comparison(survey):
    code, out, _ = run("functions", *DEMO, "--wave", "formative 2023", "--hub", "Manchester")
    assert code == 0
    (data,) = strict_json(out)["hubs"]
    assert set(data) == {"hub", "wave", "coordination", "dissemination", "findings"}
    (result,) = functions_by_hub(survey, FIRST, NetworkOptions(hub="Manchester"))
    assert (data["hub"], data["wave"]) == ("Manchester", FIRST)
    assert data["dissemination"] == result.dissemination
    assert data["findings"][0].startswith("Manchester's hub was tied to ")


def test_without_a_wave_the_latest_is_used_and_said(survey):
    code, out, err = run("functions", *DEMO, "--hub", "Dorset")
    assert code == 0
    assert strict_json(out)["hubs"][0]["wave"] == LATEST
    assert f"using wave '{LATEST}'" in err


def test_csv_is_the_functions_table_through_the_formula_safe_writer(survey, tmp_path):
    output = tmp_path / "functions.csv"
    argv = ("functions", *DEMO, "--from", FIRST, "--to", LATEST, *FEW, "--format", "csv")
    code, out, err = run(*argv, "-o", output)
    assert (code, out) == (0, "")
    assert f"wrote {output}" in err
    results = functions_by_hub(survey, LATEST, NetworkOptions(), FIRST, samples=100)
    expected = csv_text(functions_table(results), index=False, line_end="\n")
    assert output.read_text(encoding="utf-8") == expected


def three_organisations(folder, hubs: tuple[str, str, str]) -> tuple:
    """A hub, a trust and a college in ``hubs``, and one answer: the hub tied to the trust."""
    organisations = folder / "organisations.csv"
    organisations.write_text(
        "name,type,hub\nThe Hub,hub,{}\nTrust,trust,{}\nCollege,university,{}\n".format(*hubs),
        encoding="utf-8",
    )
    responses = folder / "responses.csv"
    responses.write_text(
        "respondent,partner,frequency,relevance,direction\n"
        "The Hub,Trust,Weekly or more,Highly relevant,Both ways\n",
        encoding="utf-8",
    )
    return organisations, responses


def test_a_hub_named_like_a_formula_is_written_as_text(tmp_path):
    organisations, responses = three_organisations(tmp_path, ("=SUM(A1)",) * 3)
    code, out, err = run("functions", organisations, responses, "--format", "csv")
    assert code == 0, err
    hubs = {row["hub"] for row in csv.DictReader(io.StringIO(out))}
    assert hubs == {"'=SUM(A1)"}


def test_a_hub_without_a_hub_organisation_is_left_out_and_said(tmp_path):
    organisations, responses = three_organisations(tmp_path, ("North", "North", "South"))
    code, out, err = run("functions", organisations, responses)
    assert code == 0
    assert [hub["hub"] for hub in strict_json(out)["hubs"]] == ["North"]
    assert "note: South has no organisation of type hub in 'Wave 1'; left out" in err


def test_a_workspace_gives_what_its_files_give(tmp_path):
    workspace = tmp_path / "workspace"
    assert run("import", *DEMO, "--workspace", workspace)[0] == 0
    from_files = run("functions", *DEMO, "--hub", "Dorset", "--from", FIRST, "--to", LATEST)
    from_workspace = run("functions", "--workspace", workspace, "--hub", "Dorset",
                         "--from", FIRST, "--to", LATEST)  # fmt: skip
    assert from_files[0] == from_workspace[0] == 0
    assert from_files[1] == from_workspace[1]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--from", FIRST], "give --from and --to together"),
        (["--to", LATEST], "give --from and --to together"),
        (["--wave", FIRST, "--from", FIRST, "--to", LATEST], "not both"),
        (["--from", LATEST, "--to", LATEST], "both 'Summative 2024'"),
        (["--hub", "Lancashire"], "hub 'Lancashire' is not in the data"),
        (["--wave", "Wave 9"], "wave 'Wave 9' is not in the data"),
    ],
)
def test_misuse_is_refused_with_exit_code_two(options, message):
    code, out, err = run("functions", *DEMO, *options)
    assert (code, out) == (2, "")
    assert message in err and err.startswith("note: illustrative data")
