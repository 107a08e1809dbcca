"""Callbacks of the Data view: uploaded files are checked, name matches saved, waves imported."""

from __future__ import annotations

import base64
import json

import dash
import pandas as pd
from dash import Dash, Input, Output, State, html
from dash.exceptions import PreventUpdate

from ecosystem import errors
from ecosystem.dashboard import ids, team
from ecosystem.dashboard.callbacks.shared import html_table
from ecosystem.dashboard.data import DashboardData
from ecosystem.dashboard.uploads import HOLD_MINUTES, Busy, UploadGone, held_uploads
from ecosystem.errors import SurveyError
from ecosystem.load import check_files, name_matches, reading_notes
from ecosystem.service import response_rates
from ecosystem.service.workspace import Workspace, audit
from ecosystem.survey import Survey
from ecosystem.words import plural

RATE_HEADERS = {"wave": "Wave", "scope": "Hub", "roster": "On the roster",
                "respondents": "Answered", "response_rate": "Response rate",
                "non_respondents": "Did not answer"}  # fmt: skip
"""Headers of the response-rate table as people read them."""

GONE = (
    f"These files are no longer held: files are kept until they are imported, or for "
    f"{HOLD_MINUTES} minutes after they were last checked. Drop them here again."
)
READ_ONLY = "Nothing was stored: only an evaluator may change this workspace."
BUSY = "Other files are being checked or imported just now. Drop these again in a minute."


def decoded_uploads(contents: list[str] | None, names: list[str] | None) -> list[tuple[str, bytes]]:
    """Uploaded files as (name, bytes): dcc.Upload gives base64 data URLs."""
    files = []
    for content, name in zip(contents or [], names or [], strict=True):
        _, _, encoded = content.partition(",")
        files.append((name, base64.b64decode(encoded)))
    return files


def _problem_report(error: SurveyError) -> tuple[html.Div, list[dict]]:
    """Every problem by file, row and column, and the name matches a person may confirm."""
    problems = pd.DataFrame(
        [
            {"File": p.file, "Row": p.row if p.row is not None else "–",
             "Column": p.column or "–", "Problem": p.message, "Fix": p.fix}
            for p in error.problems
        ]
    )  # fmt: skip
    matches = [
        {"label": f" '{written}' is {choice}", "value": json.dumps([written, choice])}
        for written, choices in name_matches(error.problems)
        for choice in choices[:1]
    ]
    count = len(error.problems)
    report = html.Div(
        [
            html.P(f"{plural(count, 'problem')} found; nothing was imported. "
                   "Fix the files and drop them here again.", className="bad"),
            html_table(problems, "data-table-problems"),
            html.P("Tick the matches that are right, to save them as aliases:")
            if matches else None,
        ]
    )  # fmt: skip
    return report, matches


def _ready_report(data: DashboardData, files: list[tuple[str, bytes]], survey: Survey) -> html.Div:
    """What the files hold, and what reading skipped on purpose (unfinished responses)."""
    waves = ", ".join(survey.waves) or "none"
    notes = [html.Li(note) for note in reading_notes(files, data.survey)]
    return html.Div(
        [
            html.P(
                f"All good: {len(files)} file(s), {len(survey.responses)} responses and "
                f"{len(survey.edges)} edge rows for wave(s) {waves}. Nothing is stored until "
                "you import.",
                className="ok",
            ),
            html.Ul(notes) if notes else None,
        ]
    )


def upload_report(
    data: DashboardData, files: list[tuple[str, bytes]], wave: str | None
) -> tuple[object, list[dict], bool]:
    """Check uploaded files: a report to read, name matches to confirm, and whether to import."""
    if not files:
        return html.P("No files yet."), [], False
    try:
        survey = check_files(files, data.survey, wave or None)
    except SurveyError as error:
        report, matches = _problem_report(error)
        return report, matches, False
    return _ready_report(data, files, survey), [], True


def import_uploads(data: DashboardData, files: list[tuple[str, bytes]], wave: str | None) -> str:
    """Import checked files into the workspace (all or nothing) and reload the dashboard."""
    survey = check_files(files, data.survey, wave or None)
    with Workspace(data.workspace) as workspace:  # type: ignore[arg-type]  # create_app gives one
        report = workspace.import_survey(survey, files)
    if report.import_id is not None:
        detail = (
            f"wave(s) {', '.join(survey.waves) or 'none'} from {', '.join(n for n, _ in files)}"
        )
        team.record(data.workspace, audit.IMPORTED, detail)
    data.reload()
    # What was kept, merged or skipped and why: a file imported before names its wave and how
    # to import its answers into another wave on purpose.
    notes = " ".join(f"{note.rstrip('.')}." for note in report.notes)
    if report.import_id is None:  # every file was imported before
        return f"Nothing was added. {notes}"
    imported = (
        f"Imported {report.added_responses} responses, {report.added_edges} edge rows, "
        f"{report.added_waves} new wave(s) and {report.added_organisations} new "
        "organisation(s)."
    )
    return f"{imported} {notes}".strip()


def save_matches(data: DashboardData, ticked: list[str]) -> str:
    """Save confirmed name matches as aliases, then read the workspace again."""
    matches = [json.loads(t) for t in ticked]
    with Workspace(data.workspace) as workspace:  # type: ignore[arg-type]  # create_app gives one
        for written, organisation in matches:
            workspace.add_alias(written, organisation)
    for written, organisation in matches:
        team.record(data.workspace, audit.SAVED_ALIAS, f"'{written}' for {organisation}")
    data.reload()
    return f"Saved {len(ticked)} alias(es); the files have been checked again."


def rates_table(data: DashboardData) -> html.Table | html.P:
    """Who answered, wave by wave and hub by hub, naming those who did not."""
    from ecosystem.figures.formats import format_percent

    rates = response_rates(data.survey)
    if rates.empty:
        return html.P("No responses have been read yet.", className="hint")
    rates["response_rate"] = [format_percent(rate) for rate in rates["response_rate"]]  # 57.6%
    return html_table(rates.rename(columns=RATE_HEADERS), "data-table-rates")


ACTIVITY_HEADERS = {"at": "When (UTC)", "who": "Who", "action": "What", "detail": "Detail",
                    "address": "From"}  # fmt: skip
RECENT = 20
"""How many of the audit table's entries the Data view shows (``ecosystem audit``: all)."""


def activity_table(data: DashboardData) -> html.Table | html.P | None:
    """The audit table's newest entries, for those who may change the workspace only."""
    if not team.may_change() or data.workspace is None:
        return None
    with Workspace(data.workspace, create=False) as workspace:
        entries = workspace.audit(limit=RECENT)
    if entries.empty:
        return html.P("Nothing has been recorded yet.", className="hint")
    caption = f"The newest {RECENT} entries; `ecosystem audit` prints them all."
    return html_table(entries.rename(columns=ACTIVITY_HEADERS), "data-table-activity", caption)


def is_project_error(error: BaseException) -> bool:
    """Whether ``error`` is one of the project's own, whose message is written for people.

    Those are the classes of :mod:`ecosystem.errors` and their subclasses (a damaged or
    read-only workspace, a bad file, a choice not offered); anything else is a bug to raise.
    """
    return any(cls.__module__ == errors.__name__ for cls in type(error).__mro__)


def held_files(data: DashboardData, stored: dict | None) -> list[tuple[str, bytes]]:
    """The files of the drop the view's store names by its token; ``[]`` before any drop.

    Raises :class:`~ecosystem.dashboard.uploads.UploadGone` once they are no longer held.
    """
    if not stored or not stored.get("token"):
        return []
    return held_uploads(data).files(stored["token"])


def hold_drop(data: DashboardData, contents: list[str], names: list[str]) -> dict:
    """Keep a drop's files on the server; what the browser keeps: names, sizes and a token."""
    files = decoded_uploads(contents, names)
    token = held_uploads(data).hold(files)
    return {"token": token, "names": [n for n, _ in files], "sizes": [len(b) for _, b in files]}


def check_held(data: DashboardData, stored: dict | None, wave: str | None):
    """The report on the held files, one check at a time: see :func:`upload_report`."""
    uploads = held_uploads(data)
    try:
        with uploads.one_at_a_time():
            return upload_report(data, held_files(data, stored), wave)
    except UploadGone:
        return html.P(GONE, className="bad"), [], False
    except Busy:
        return html.P(BUSY, className="bad"), [], False


def import_held(data: DashboardData, stored: dict | None, wave: str | None) -> str:
    """Import the held files (one import or check at a time), then let them go."""
    uploads = held_uploads(data)
    with uploads.one_at_a_time():
        message = import_uploads(data, held_files(data, stored), wave)
    uploads.release((stored or {}).get("token"))
    return message


def store_message(data: DashboardData, saving: bool, stored, wave, ticked) -> tuple[str, bool]:
    """Save the ticked matches or import the held files: what to say, and whether it worked.

    The project's own errors (a bad file, a damaged or read-only workspace) are said in words;
    nothing is stored when one is raised. Nobody but an evaluator (or the one analyst of a
    workspace without accounts) changes the workspace, whatever the request says.
    """
    if not team.may_change():
        return READ_ONLY, False
    try:
        if saving:
            return save_matches(data, ticked or []), True
        return import_held(data, stored, wave), True
    except UploadGone:
        return GONE, False
    except Busy:
        return BUSY, False
    except Exception as problem:
        if not is_project_error(problem):
            raise
        return f"Nothing was stored: {problem}", False


def register(app: Dash, data: DashboardData) -> None:
    """Dropped files are held and checked; import or saved matches bump the data version."""

    @app.callback(
        Output(ids.DATA_FILES, "data"),
        Output(ids.DATA_UPLOAD, "contents"),
        Output(ids.DATA_UPLOAD_NOTE, "children"),
        Input(ids.DATA_UPLOAD, "contents"),
        State(ids.DATA_UPLOAD, "filename"),
        State(ids.DATA_FILES, "data"),
        prevent_initial_call=True,
    )
    def _uploaded(contents, names, previous):
        if not contents:
            raise PreventUpdate
        held_uploads(data).release((previous or {}).get("token"))
        try:
            return hold_drop(data, contents, names), None, ""
        except ValueError as refused:  # over the limit: the request limit normally stops it
            return None, None, f"Nothing was kept: {refused}."

    @app.callback(
        Output(ids.DATA_REPORT, "children"),
        Output(ids.DATA_MATCHES, "options"),
        Output(ids.DATA_MATCHES, "value"),
        Output(ids.DATA_SAVE_MATCHES, "disabled"),
        Output(ids.DATA_IMPORT, "disabled"),
        Input(ids.DATA_FILES, "data"),
        Input(ids.DATA_WAVE, "value"),
        Input(ids.DATA_VERSION, "data"),
    )
    def _check(stored, wave, _version):
        report, matches, ready = check_held(data, stored, wave)
        return report, matches, [], not matches, not ready

    @app.callback(
        Output(ids.DATA_MESSAGE, "children"),
        Output(ids.DATA_VERSION, "data"),
        Output(ids.DATA_FILES, "data", allow_duplicate=True),
        Input(ids.DATA_IMPORT, "n_clicks"),
        Input(ids.DATA_SAVE_MATCHES, "n_clicks"),
        State(ids.DATA_FILES, "data"),
        State(ids.DATA_WAVE, "value"),
        State(ids.DATA_MATCHES, "value"),
        State(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def _store(_, __, stored, wave, ticked, version):
        saving = dash.ctx.triggered_id == ids.DATA_SAVE_MATCHES
        message, stored_ok = store_message(data, saving, stored, wave, ticked)
        if not stored_ok:
            return message, dash.no_update, dash.no_update
        # An import lets its files go, so the report starts afresh; saved matches re-check them.
        return message, (version or 0) + 1, dash.no_update if saving else None

    @app.callback(Output(ids.DATA_RATES, "children"), Input(ids.DATA_VERSION, "data"))
    def _rates(_version):
        return rates_table(data)

    @app.callback(
        Output(ids.DATA_ACTIVITY, "children"),
        Input(ids.DATA_VERSION, "data"),
        Input(ids.TABS, "data"),
    )
    def _activity(_version, open_tab):
        if open_tab != ids.TAB_DATA:
            return dash.no_update
        return activity_table(data)
