"""The ``ecosystem`` command: outputs, exit codes, and messages that name file, row and column."""

from __future__ import annotations

import csv
import io
import json
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from conftest import PROJECT_ROOT

from ecosystem.access import Account, Role
from ecosystem.cli import main
from ecosystem.load import DEMO_FILES
from ecosystem.store import Workspace

METRIC_COLUMNS = [
    "organisation", "type", "in_degree", "out_degree", "in_strength", "out_strength",
    "betweenness", "pagerank", "constraint", "effective_size",
    "coordinator", "gatekeeper", "representative", "consultant", "liaison",
]  # fmt: skip


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def small(tmp_path: Path) -> list[Path]:
    organisations = write(
        tmp_path / "organisations.csv",
        "name,type,hub\nHub,hub,North\nTrust,trust,North\nCollege,university,North\n",
    )
    responses = write(
        tmp_path / "responses.csv",
        "respondent,partner,frequency,relevance,direction\n"
        "Hub,Trust,Weekly or more,Highly relevant,Both ways\n"
        "Hub,College,Quarterly,Relevant,They mainly support us\n",
    )
    return [organisations, responses]


def test_validate_reports_clean_files_and_exits_zero(small):
    code, out, err = run("validate", *small)
    assert code == 0
    assert out == ""
    assert "3 organisations" in err and "Wave 1" in err
    assert "illustrative" not in err, "only the demo survey is marked illustrative"


def test_validate_lists_every_problem_with_file_row_and_column(tmp_path, small):
    bad = write(
        tmp_path / "bad.csv",
        "respondent,partner,frequency,direction\n"
        "Hub,Trust,Fortnightly,Both ways\n"
        "Hub,Hub,Monthly,Both ways\n"
        "Hub,Colege,Monthly,Sideways\n",
    )
    code, out, err = run("validate", small[0], bad)
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert any(re.search(r"bad\.csv, row 2, column 'frequency'.*Fortnightly", x) for x in lines)
    assert any(re.search(r"bad\.csv, row 3.*(itself|self)", x) for x in lines)
    assert any(re.search(r"bad\.csv, row 4, column 'partner'.*College", x) for x in lines)
    assert any(re.search(r"bad\.csv, row 4, column 'direction'.*Sideways", x) for x in lines)
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "content",
    [b"", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", b"name,type\n"],
    ids=["empty", "binary", "header-only"],
)
def test_bad_files_exit_one_without_a_traceback(tmp_path, content):
    path = tmp_path / "survey.csv"
    path.write_bytes(content)
    code, _, err = run("metrics", path)
    assert code == 1
    assert "survey.csv" in err
    assert "Traceback" not in err


def test_a_missing_file_is_bad_input_named_in_the_message(tmp_path):
    code, _, err = run("validate", tmp_path / "nowhere.csv")
    assert code == 1
    assert "nowhere.csv" in err


def test_misuse_exits_two(small):
    assert run("metrics", *small, "--weight", "loudness")[0] == 2
    code, _, err = run("metrics", *DEMO_FILES, "--wave", "Summative 2099")
    assert code == 2 and "Summative 2099" in err and "Formative 2023" in err
    code, _, err = run("metrics", *small, "--hub", "Atlantis")
    assert code == 2 and "Atlantis" in err
    assert run("frobnicate")[0] == 2
    assert run("metrics")[0] == 2, "no files given"


def test_metrics_gives_one_row_per_organisation_with_the_promised_columns(small):
    code, out, _ = run("metrics", *small)
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert set(METRIC_COLUMNS) <= set(table.columns)
    assert sorted(table["organisation"]) == ["College", "Hub", "Trust"]
    row = table.set_index("organisation").loc["Hub"]
    assert (row["in_degree"], row["out_degree"]) == (2, 1)  # trust both ways, college -> hub
    assert row["in_strength"] == 4 + 2 and row["out_strength"] == 4


def test_metrics_json_and_output_file(tmp_path, small):
    target = tmp_path / "metrics.json"
    code, out, err = run("metrics", *small, "--format", "json", "-o", target)
    assert code == 0 and out == ""
    assert "metrics.json" in err
    records = json.loads(target.read_text(encoding="utf-8"))
    assert {r["organisation"] for r in records} == {"Hub", "Trust", "College"}


def test_ties_gives_the_reconciled_arcs(small):
    code, out, _ = run("ties", *small, "--format", "json")
    assert code == 0
    arcs = {(r["source"], r["target"]): r["weight"] for r in json.loads(out)}
    assert arcs == {("Hub", "Trust"): 4.0, ("Trust", "Hub"): 4.0, ("College", "Hub"): 2.0}


def test_a_file_without_a_wave_column_belongs_to_the_named_wave(small):
    code, out, _ = run("summary", *small, "--wave", "Formative 2023")
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert set(table["wave"]) == {"Formative 2023"}


def test_summary_compares_every_wave_and_hub_of_the_demo():
    code, out, err = run("summary", *DEMO_FILES)
    assert code == 0, err
    table = pd.read_csv(io.StringIO(out))
    assert set(table["wave"]) == {"Formative 2023", "Summative 2024"}
    assert {"All hubs", "Dorset", "Manchester"} <= set(table["scope"])
    for column in ("organisations", "ties", "density", "reciprocity", "response_rate"):
        assert table[column].notna().all(), column


def test_demo_metrics_pick_the_latest_wave_and_say_so():
    code, out, err = run("metrics", *DEMO_FILES, "--hub", "Dorset")
    assert code == 0
    assert "Summative 2024" in err
    assert "illustrative data" in err
    table = pd.read_csv(io.StringIO(out))
    assert "Dorset Innovation Hub" in set(table["organisation"])


def test_edge_list_metrics_equal_networkx_on_the_same_arcs(tmp_path):
    edges = write(
        tmp_path / "edges.csv",
        "source,target,weight\na,b,2\nb,c,1\nc,a,3\na,c,1\nd,a,4\n",
    )
    code, out, _ = run("metrics", edges)
    assert code == 0
    table = pd.read_csv(io.StringIO(out)).set_index("organisation")
    graph = nx.DiGraph()
    graph.add_weighted_edges_from(
        [("a", "b", 2), ("b", "c", 1), ("c", "a", 3), ("a", "c", 1), ("d", "a", 4)]
    )
    expected = nx.pagerank(graph, weight="weight")
    for name, value in expected.items():
        assert table.loc[name, "pagerank"] == pytest.approx(value, abs=1e-6)
    betweenness = nx.betweenness_centrality(graph)
    for name, value in betweenness.items():
        assert table.loc[name, "betweenness"] == pytest.approx(value, abs=1e-9)


def readme_block(readme: str, after: str) -> str:
    """The text of the first fenced block after a marker in the README."""
    return readme.split(after, 1)[1].split("```", 2)[1].split("\n", 1)[1]


def test_the_readme_worked_example_gives_the_output_the_readme_shows(tmp_path):
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    organisations = write(
        tmp_path / "organisations.csv", readme_block(readme, "`organisations.csv`:")
    )
    responses = write(tmp_path / "responses.csv", readme_block(readme, "`responses.csv`:"))
    code, out, err = run("ties", organisations, responses)
    assert code == 0, err
    shown = readme.split("$ .venv/bin/ecosystem ties organisations.csv responses.csv\n", 1)[1]
    assert out == shown.split("```", 1)[0]


def test_the_readme_validation_example_prints_what_the_readme_shows(tmp_path):
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    organisations = write(
        tmp_path / "organisations.csv", readme_block(readme, "`organisations.csv`:")
    )
    rows = readme_block(readme, "`responses.csv`:").splitlines(keepends=True)
    rows[3] = rows[3].replace(",Never,", ",Fortnightly,")  # row 4, counting the header as 1
    responses = write(tmp_path / "responses.csv", "".join(rows))
    code, out, err = run("validate", organisations, responses)
    assert (code, out) == (1, "")
    shown = readme.split("$ .venv/bin/ecosystem validate organisations.csv responses.csv\n", 1)[1]
    assert err == shown.split("```", 1)[0]


def readme_synopses(readme: str) -> list[str]:
    """Every ``ecosystem COMMAND ...`` line of the README's shell blocks, continuations joined."""
    synopses: list[str] = []
    for block in readme.split("```sh\n")[1:]:
        continues = False
        for line in block.split("```", 1)[0].splitlines():
            text = line.split("#", 1)[0]
            if line.startswith("ecosystem "):
                synopses.append(text)
            elif continues and line.lstrip().startswith("["):
                synopses[-1] += text
            continues = line.startswith("ecosystem ") or (continues and line.startswith(" "))
    return synopses


def test_every_command_and_option_in_the_readme_exists_and_every_command_is_there():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    documented = set()
    for synopsis in readme_synopses(readme):
        words = synopsis.split()
        command = words[1]
        documented.add(command)
        # A command group ("workspace check ...") documents its action's options.
        action = words[2:3] if len(words) > 2 and re.fullmatch(r"[a-z]+", words[2]) else []
        code, usage, _ = run(command, *action, "--help")
        assert code == 0, command
        for option in re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", synopsis):
            assert re.search(rf"(?<![\w-]){option}\b", usage), f"{command} {option}"
    code, usage, _ = run("--help")
    offered = set(re.findall(r"^    ([a-z][a-z-]*)(?:  |$)", usage, flags=re.MULTILINE))
    assert code == 0 and offered == documented


def test_compare_gives_the_promised_json_with_findings():
    code, out, err = run(
        "compare", *DEMO_FILES, "--from", "Formative 2023", "--to", "Summative 2024",
        "--hub", "Dorset", "--permutations", "199", "--samples", "300",
    )  # fmt: skip
    assert code == 0, err
    result = json.loads(out)
    assert (result["from"], result["to"]) == ("Formative 2023", "Summative 2024")
    assert set(result["ties"]) >= {"kept", "gained", "lost"}
    assert 0 <= result["jaccard"] <= 1
    assert result["density"]["to"] > result["density"]["from"]
    assert set(result["qap"]) >= {"r", "p", "permutations"}
    assert result["qap"]["permutations"] == 199
    assert any("ensity" in sentence for sentence in result["findings"])
    assert "illustrative data" in err


def test_compare_csv_writes_one_row_per_arc_of_either_wave():
    code, out, _ = run(
        "compare", *DEMO_FILES, "--from", "formative 2023", "--to", "summative 2024",
        "--hub", "Manchester", "--format", "csv", "--permutations", "99", "--samples", "100",
    )  # fmt: skip
    assert code == 0
    ties = pd.read_csv(io.StringIO(out))
    assert set(ties["status"]) <= {"kept", "gained", "lost"}
    assert {"source", "target", "weight_before", "weight_after"} <= set(ties.columns)


def test_compare_refuses_one_wave_against_itself():
    code, _, err = run("compare", *DEMO_FILES, "--from", "Formative 2023", "--to",
                       "Formative 2023")  # fmt: skip
    assert code == 2 and "two different waves" in err
    assert run("compare", *DEMO_FILES, "--from", "Formative 2023")[0] == 2


def test_gaps_lists_findings_with_the_promised_columns():
    code, out, err = run("gaps", *DEMO_FILES, "--hub", "Bradford District and Craven")
    assert code == 0, err
    findings = pd.read_csv(io.StringIO(out))
    assert {"kind", "organisation", "other", "score", "reason"} <= set(findings.columns)
    lost = findings[findings["kind"] == "lost_tie"]
    assert (lost["organisation"] + lost["other"]).str.contains("Airedale").any()
    assert findings["reason"].str.len().min() > 20


def test_gaps_accepts_the_hub_organisations_name_and_needs_a_hub():
    by_hub = run("gaps", *DEMO_FILES, "--hub", "Dorset", "--format", "json")
    by_organisation = run("gaps", *DEMO_FILES, "--hub", "Dorset Innovation Hub", "--format", "json")
    assert by_hub[0] == by_organisation[0] == 0
    assert json.loads(by_hub[1]) == json.loads(by_organisation[1])
    code, _, err = run("gaps", *DEMO_FILES)
    assert code == 2 and "needs --hub" in err and "Manchester" in err


def test_export_writes_a_print_quality_png_of_a_view(tmp_path, chromium):
    target = tmp_path / "network.png"
    code, _, err = run("export", *DEMO_FILES, "--view", "network", "--hub", "Dorset",
                       "-o", target)  # fmt: skip
    assert code == 0, err
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    assert width >= 2400, "300 dpi at A4 width"


def test_export_tables_graphs_and_report(tmp_path):
    import networkx as nx
    import openpyxl

    workbook = tmp_path / "tables.xlsx"
    assert run("export", *DEMO_FILES, "--view", "tables", "--hub", "Dorset", "-o", workbook)[0] == 0
    sheets = openpyxl.load_workbook(workbook).sheetnames
    assert "Organisations" in sheets and "Definitions" in sheets

    graphml = tmp_path / "wave.graphml"
    assert run("export", *DEMO_FILES, "--view", "graph", "--wave", "Formative 2023",
               "-o", graphml)[0] == 0  # fmt: skip
    back = nx.read_graphml(graphml)
    code, out, _ = run("ties", *DEMO_FILES, "--wave", "Formative 2023", "--format", "json")
    assert {(r["source"], r["target"]) for r in json.loads(out)} == set(back.edges)

    report = tmp_path / "report.html"
    code, _, err = run("export", *DEMO_FILES, "--view", "report", "--hub", "Manchester",
                       "--anonymise", "-o", report)  # fmt: skip
    assert code == 0, err
    html = report.read_text(encoding="utf-8")
    assert "Manchester Innovation Hub" not in html
    assert re.search(r"Hub \d+", html)


def test_export_of_a_table_as_csv_says_which_table_and_how_many_rows(tmp_path):
    target = tmp_path / "comparison.csv"
    code, _, err = run("export", *DEMO_FILES, "--view", "tables", "--table", "comparison",
                       "--hub", "Dorset", "--from", "Formative 2023", "--to", "Summative 2024",
                       "-o", target)  # fmt: skip
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["measure", "before", "after", "change"]
    assert f"Wrote the network changes table ({len(rows) - 1} rows) to {target}" in err
    gaps = tmp_path / "gaps.csv"
    code, _, err = run("export", *DEMO_FILES, "--view", "tables", "--table", "gaps",
                       "--hub", "Dorset", "-o", gaps)  # fmt: skip
    assert code == 0 and re.search(r"Wrote the gaps table \(\d+ rows\)", err)
    default = tmp_path / "default.csv"
    code, _, err = run("export", *DEMO_FILES, "--view", "tables", "--hub", "Dorset", "-o", default)
    assert code == 0 and "Wrote the organisations table (" in err
    code, out, _ = run("export", "--help")
    assert "default: organisations" in " ".join(out.split())
    code, _, err = run("export", *DEMO_FILES, "--view", "tables", "--table", "sociogram",
                       "-o", default)  # fmt: skip
    assert code == 2 and "comparison" in err


def test_export_refuses_a_format_the_view_cannot_take(tmp_path):
    code, _, err = run("export", *DEMO_FILES, "--view", "tables", "-o", tmp_path / "t.png")
    assert code == 2 and "xlsx" in err


def test_import_then_every_command_reads_the_workspace(tmp_path):
    workspace = tmp_path / "workspace"
    code, _, err = run("import", *DEMO_FILES, "--workspace", workspace)
    assert code == 0, err
    assert "496 responses" in err
    code, _, err = run("import", *DEMO_FILES, "--workspace", workspace)
    assert code == 0 and "already imported" in err
    code, out, _ = run("metrics", "--workspace", workspace, "--hub", "Dorset")
    from_files = run("metrics", *DEMO_FILES, "--hub", "Dorset")[1]
    assert code == 0 and out == from_files
    code, out, _ = run("waves", "--workspace", workspace, "--format", "json")
    assert [w["name"] for w in json.loads(out)] == ["Formative 2023", "Summative 2024"]


def test_a_bad_file_never_changes_the_workspace(tmp_path):
    workspace = tmp_path / "workspace"
    assert run("import", *DEMO_FILES, "--workspace", workspace)[0] == 0
    before = run("waves", "--workspace", workspace)[1]
    bad = write(tmp_path / "bad.csv", "respondent,partner,frequency\nNHS Dorset,Nowhere,Monthly\n")
    code, _, err = run("import", DEMO_FILES[0], bad, "--workspace", workspace, "--wave", "W3")
    assert code == 1 and "bad.csv, row 2, column 'partner'" in err
    assert run("waves", "--workspace", workspace)[1] == before


def test_waves_can_be_renamed_and_deleted(tmp_path):
    workspace = tmp_path / "workspace"
    run("import", *DEMO_FILES, "--workspace", workspace)
    code, out, _ = run("waves", "--workspace", workspace, "--rename", "Summative 2024",
                       "Follow-up 2024", "--format", "json")  # fmt: skip
    assert code == 0
    assert [w["name"] for w in json.loads(out)] == ["Formative 2023", "Follow-up 2024"]
    code, out, _ = run("waves", "--workspace", workspace, "--delete", "Formative 2023",
                       "--format", "json")  # fmt: skip
    assert [w["name"] for w in json.loads(out)] == ["Follow-up 2024"]
    assert run("waves", "--workspace", workspace, "--delete", "Baseline")[0] == 2
    assert run("metrics", *DEMO_FILES, "--workspace", workspace)[0] == 2, "files or workspace"


def test_a_survey_tool_export_is_read_directly_and_unfinished_answers_are_counted(tmp_path):
    export = write(
        tmp_path / "export.csv",
        "Progress,Finished,Your organisation,"
        "How often do you interact with them? [NHS Dorset],"
        "How relevant are they to your work? [NHS Dorset]\n"
        "100,True,Dorset Innovation Hub,Weekly or more,Highly relevant\n"
        "40,False,Dorset Council,Monthly,Relevant\n",
    )
    code, _, err = run("validate", DEMO_FILES[0], export, "--wave", "Summative 2025")
    assert code == 0, err
    assert "1 unfinished response skipped" in err and "row 3" in err
    code, out, _ = run("ties", DEMO_FILES[0], export, "--wave", "Summative 2025", "--format",
                       "json")  # fmt: skip
    arcs = {(r["source"], r["target"]): r["weight"] for r in json.loads(out)}
    assert arcs == {("Dorset Innovation Hub", "NHS Dorset"): 4.0,
                    ("NHS Dorset", "Dorset Innovation Hub"): 4.0}  # fmt: skip


def test_a_file_imported_again_under_another_wave_says_which_wave_holds_it_and_what_to_do(
    tmp_path,
):
    workspace = tmp_path / "workspace"
    answers = write(
        tmp_path / "answers.csv",
        "respondent,partner,frequency\nDorset Innovation Hub,NHS Dorset,Monthly\n",
    )
    assert run("import", DEMO_FILES[0], "--workspace", workspace)[0] == 0
    assert run("import", answers, "--workspace", workspace, "--wave", "Wave A")[0] == 0
    code, _, err = run("import", answers, "--workspace", workspace, "--wave", "Wave B")
    assert code == 0
    assert "answers.csv: already imported, nothing added" in err
    assert "the same bytes are never imported twice" in err and "in wave 'Wave A'" in err
    assert "--rename OLD NEW" in err and "--delete WAVE" in err
    assert f"ecosystem waves --workspace {workspace}" in err
    waves = run("waves", "--workspace", workspace, "--format", "json")[1]
    assert [w["name"] for w in json.loads(waves)] == ["Wave A"]


class Served(list):
    """The apps ``ecosystem serve`` would run; the options waitress or Flask's server got."""

    def __init__(self) -> None:
        super().__init__()
        self.waitress: list[dict] = []
        self.flask: list[dict] = []


@pytest.fixture
def served(monkeypatch):
    """The app ``ecosystem serve`` would run, caught instead of served (the checks still run)."""
    import dash
    import waitress

    from ecosystem.dashboard import serve

    caught = Served()
    real = serve.serve

    def catch(app, options):
        caught.append(app)
        real(app, options)

    monkeypatch.setattr(serve, "serve", catch)
    monkeypatch.setattr(
        waitress, "serve", lambda server, **options: caught.waitress.append(options)
    )
    monkeypatch.setattr(dash.Dash, "run", lambda app, **options: caught.flask.append(options))
    return caught


def test_serve_opens_a_new_empty_workspace(tmp_path, served):
    code, _, err = run("serve", "--workspace", tmp_path / "new", "--port", "8999")
    assert code == 0, err
    assert served[0].data.stage == "empty"


def test_serve_opens_an_organisations_file_alone_as_a_roster(served):
    code, _, err = run("serve", DEMO_FILES[0], "--port", "8999")
    assert code == 0, err
    (app,) = served
    assert app.data.stage == "roster"
    assert len(app.data.survey.organisations) > 0
    app.temporary_workspace.cleanup()


# --- the workspace group: init, check, backup -------------------------------------------------


def test_workspace_init_creates_an_empty_workspace_once(tmp_path):
    folder = tmp_path / "new"
    code, _, err = run("workspace", "init", folder)
    assert code == 0 and "created an empty workspace" in err
    assert run("waves", "--workspace", folder)[0] == 0, "reading commands open it"
    code, _, err = run("workspace", "init", folder)
    assert code == 0 and "is a workspace already, with 0 wave(s)" in err


def test_workspace_check_passes_a_sound_workspace(tmp_path):
    folder = tmp_path / "workspace"
    assert run("import", *DEMO_FILES, "--workspace", folder)[0] == 0
    code, out, err = run("workspace", "check", "--workspace", folder)
    assert (code, out) == (0, "")
    assert f"the workspace {folder} is sound" in err


def test_workspace_backup_opens_as_a_workspace_and_overwrites_only_with_force(tmp_path):
    folder, copy = tmp_path / "workspace", tmp_path / "backup"
    assert run("import", *DEMO_FILES, "--workspace", folder)[0] == 0
    code, _, err = run("workspace", "backup", copy, "--workspace", folder)
    assert code == 0 and f"--workspace {copy}" in err
    assert run("waves", "--workspace", copy)[1] == run("waves", "--workspace", folder)[1]
    code, _, err = run("workspace", "backup", copy, "--workspace", folder)
    assert code == 1 and "already" in err and "--force" in err
    assert run("workspace", "backup", copy, "--workspace", folder, "--force")[0] == 0


def test_workspace_needs_an_action(tmp_path):
    assert run("workspace")[0] == 2


def test_serve_uses_waitress_with_a_bounded_pool_of_threads(tmp_path, served):
    from ecosystem.dashboard.serve import DEFAULT_THREADS

    code, _, err = run("serve", "--workspace", tmp_path / "new", "--port", "8999")
    assert code == 0, err
    assert served.flask == []
    (options,) = served.waitress
    assert options["threads"] == DEFAULT_THREADS
    assert (options["host"], options["port"]) == ("127.0.0.1", 8999)
    assert f"(default {DEFAULT_THREADS})" in " ".join(build_parser_help("serve").split())
    run("serve", "--workspace", tmp_path / "new", "--threads", "3")
    assert served.waitress[-1]["threads"] == 3


def build_parser_help(command: str) -> str:
    return run(command, "--help")[1]


@pytest.mark.parametrize("threads", ["0", "1000"])
def test_serve_refuses_a_pool_of_threads_out_of_bounds(tmp_path, served, threads):
    code, _, err = run("serve", "--workspace", tmp_path / "new", "--threads", threads)
    assert code == 2
    assert "--threads must be between 1 and" in err
    assert served.waitress == []


def team_workspace(folder: Path) -> Path:
    """A new workspace with one evaluator's account: what serving on a network needs."""
    with Workspace(folder) as store:
        store.add_account(Account("eve", Role.EVALUATOR), "evaluator password 1")
    return folder


def test_serve_answers_to_the_hosts_it_is_told_and_refuses_others(tmp_path, served):
    code, _, err = run(
        "serve", "--workspace", team_workspace(tmp_path / "team"), "--host", "0.0.0.0",
        "--allowed-host", "Dashboard.Example.org", "--allowed-host", "10.0.0.7",
    )  # fmt: skip
    assert code == 0, err
    assert "127.0.0.1, localhost, ::1, dashboard.example.org, 10.0.0.7" in err
    client = served[0].server.test_client()
    for host in ("dashboard.example.org:8050", "10.0.0.7", "127.0.0.1:8050", "localhost"):
        assert client.get("/login", headers={"Host": host}).status_code == 200, host
    assert client.get("/login", headers={"Host": "0.0.0.0:8050"}).status_code == 400
    assert client.get("/login", headers={"Host": "attacker.example:8050"}).status_code == 400


def test_serve_answers_to_the_address_it_binds(tmp_path, served):
    folder = team_workspace(tmp_path / "team")
    code, _, err = run("serve", "--workspace", folder, "--host", "192.168.1.20")
    assert code == 0, err
    client = served[0].server.test_client()
    assert client.get("/login", headers={"Host": "192.168.1.20:8050"}).status_code == 200
    assert client.get("/", headers={"Host": "192.168.1.20:8050"}).status_code == 401


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "dashboard.example.org"])
def test_serve_on_a_network_refuses_a_workspace_without_accounts_and_says_how(
    tmp_path, served, host
):
    with Workspace(tmp_path / "open"):
        pass
    code, _, err = run("serve", "--workspace", tmp_path / "open", "--host", host)
    assert code == 2 and served == []
    assert f"serving on '{host}' (a network address) needs the workspace to have accounts" in err
    assert "ecosystem users add NAME --role evaluator --password-stdin" in err


def test_serve_on_a_network_refuses_survey_files_which_have_no_accounts(served):
    code, _, err = run("serve", "--host", "0.0.0.0")
    assert code == 2 and served == []
    assert "needs a workspace with accounts" in err


def test_serve_behind_https_marks_the_session_cookie_secure(tmp_path, served):
    folder = team_workspace(tmp_path / "team")
    code, _, err = run("serve", "--workspace", folder, "--behind-https")
    assert code == 0, err
    assert served[0].server.config["SESSION_COOKIE_SECURE"] is True


def test_serve_debug_warns_and_keeps_flasks_development_server(tmp_path, served):
    code, _, err = run("serve", "--workspace", tmp_path / "new", "--debug")
    assert code == 0, err
    assert "warning: --debug" in err and "never on a network" in err
    assert served.waitress == []
    assert served.flask == [{"host": "127.0.0.1", "port": 8050, "debug": True}]


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "dashboard.example.org", "::"])
def test_serve_refuses_debug_beyond_this_machine(tmp_path, served, host):
    code, _, err = run("serve", "--workspace", tmp_path / "new", "--debug", "--host", host)
    assert code == 2
    assert "--debug serves only on this machine" in err and f"'{host}'" in err
    assert served == [] and served.flask == [] and served.waitress == []
    assert not (tmp_path / "new").exists()  # refused before any work was done


def test_json_output_is_strict_json_a_missing_value_is_null():
    def refuse(constant: str):
        raise ValueError(f"{constant} is not JSON")

    code, out, _ = run("metrics", *DEMO_FILES, "--format", "json")
    assert code == 0
    records = json.loads(out, parse_constant=refuse)  # NaN or Infinity would raise
    assert any(value is None for record in records for value in record.values())
