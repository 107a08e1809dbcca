"""Uploads that cannot take the dashboard down: a size limit, files held once, one check at a time.

The server refuses a request over the limit with HTTP 413 before reading its body; dropped
files are held on the server under a token (the browser keeps only names, sizes and the
token); a slow check never keeps another user's callbacks waiting; the workspace's own errors
are said in the Data view instead of a server error.
"""

from __future__ import annotations

import base64
import json
import socket
import threading
from urllib.parse import urlsplit

import pytest
import requests

from ecosystem.dashboard import ids
from ecosystem.dashboard.app import create_app
from ecosystem.dashboard.callbacks import upload as upload_callbacks
from ecosystem.dashboard.callbacks.upload import (
    BUSY,
    GONE,
    check_held,
    hold_drop,
    import_held,
    store_message,
)
from ecosystem.dashboard.uploads import (
    HOLD_MINUTES,
    MEGABYTE,
    Busy,
    HeldUploads,
    UploadGone,
    held_uploads,
    request_limit,
)
from ecosystem.errors import OptionError
from ecosystem.store import Workspace

NEW_WAVE = (
    b"respondent,partner,frequency,relevance,direction\n"
    b"Dorset Innovation Hub,NHS Dorset,Weekly or more,Highly relevant,Both ways\n"
    b"NHS Dorset,Dorset Innovation Hub,Monthly,Highly relevant,Both ways\n"
)
UPDATE = "/_dash-update-component"


@pytest.fixture
def app(demo):
    made = create_app(demo, illustrative=True, upload_limit_mb=1)
    yield made
    made.temporary_workspace.cleanup()


def data_url(data: bytes) -> str:
    return "data:text/csv;base64," + base64.b64encode(data).decode("ascii")


def dropped(app, files: dict[str, bytes]) -> dict:
    """What the view's store keeps of a drop, made as the upload callback makes it."""
    return hold_drop(app.data, [data_url(b) for b in files.values()], list(files))


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# The holding area.


def test_held_files_come_back_by_their_token_until_released():
    uploads = HeldUploads(1)
    token = uploads.hold([("a.csv", b"abc")])
    assert uploads.files(token) == [("a.csv", b"abc")]
    assert uploads.held_bytes == 3
    uploads.release(token)
    with pytest.raises(UploadGone):
        uploads.files(token)
    assert uploads.held_bytes == 0


def test_an_unknown_token_is_not_held():
    with pytest.raises(UploadGone):
        HeldUploads(1).files("made-up")


def test_held_files_expire_after_the_hold_minutes_unless_used():
    clock = Clock()
    uploads = HeldUploads(1, clock=clock)
    kept, dropped_files = uploads.hold([("a.csv", b"a")]), uploads.hold([("b.csv", b"b")])
    clock.now += HOLD_MINUTES * 60 - 1
    uploads.files(kept)  # used: its time starts again
    clock.now += 2
    assert uploads.files(kept) == [("a.csv", b"a")]
    with pytest.raises(UploadGone):
        uploads.files(dropped_files)


def test_the_oldest_drops_go_first_when_more_than_the_budget_is_held():
    uploads = HeldUploads(1)
    full = b"x" * uploads.limit_bytes
    tokens = [uploads.hold([(f"{i}.csv", full)]) for i in range(5)]
    assert uploads.held_bytes == uploads.budget_bytes == 4 * uploads.limit_bytes
    with pytest.raises(UploadGone):
        uploads.files(tokens[0])
    assert uploads.files(tokens[-1])


def test_a_drop_over_the_limit_is_not_held():
    uploads = HeldUploads(1)
    with pytest.raises(ValueError, match="limit of 1 MB"):
        uploads.hold([("a.csv", b"x" * MEGABYTE), ("b.csv", b"y")])
    assert uploads.held_bytes == 0


def test_a_limit_of_nothing_is_refused(demo):
    with pytest.raises(ValueError, match="more than 0 MB"):
        create_app(demo, upload_limit_mb=0)


def test_checks_run_one_at_a_time_and_too_many_waiting_are_turned_away():
    uploads = HeldUploads(1)
    running, release = threading.Event(), threading.Event()
    entered = []

    def check():
        with uploads.one_at_a_time():
            entered.append(threading.current_thread().name)
            running.set()
            release.wait(10)

    first = threading.Thread(target=check, name="first")
    first.start()
    assert running.wait(10)
    waiting = [threading.Thread(target=check, name=f"waiting-{i}") for i in range(2)]
    for thread in waiting:
        thread.start()
    with pytest.raises(Busy), uploads.one_at_a_time():  # one runs, two wait: a fourth is refused
        pass
    assert entered == ["first"], "no second check runs while the first does"
    release.set()
    for thread in [first, *waiting]:
        thread.join(10)
    assert sorted(entered) == ["first", "waiting-0", "waiting-1"]


# The server's request limit.


def test_the_app_refuses_requests_over_the_limit_as_the_browser_sends_it(app):
    limit = app.server.config["MAX_CONTENT_LENGTH"]
    assert limit == request_limit(MEGABYTE)
    assert 4 * MEGABYTE // 3 < limit <= 4 * MEGABYTE // 3 + 2 * MEGABYTE  # 1 MB as base64 fits


def raw_post(url: str, headers: str, body: bytes = b"") -> bytes:
    """Send a POST by hand and return the first bytes of the answer."""
    place = urlsplit(url)
    with socket.create_connection((place.hostname, place.port), timeout=10) as sock:
        sock.sendall(
            f"POST {UPDATE} HTTP/1.1\r\nHost: {place.netloc}\r\nOrigin: {url}\r\n"
            f"Content-Type: application/json\r\n{headers}\r\n".encode()
            + body
        )
        return sock.recv(200)


def test_a_request_announcing_too_many_bytes_gets_413_before_any_are_sent(app, serve):
    with serve(app) as url:
        # 100 MB announced, none sent: the answer comes at once, so the body was never read.
        answer = raw_post(url, f"Content-Length: {100 * MEGABYTE}\r\nConnection: close\r\n")
    assert answer.startswith(b"HTTP/1.1 413")


def test_a_chunked_request_without_a_length_is_stopped_at_the_limit(app, serve):
    chunk = b"x" * 65536
    body = (f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n") * 40 + b"0\r\n\r\n"  # 2.5 MB
    with serve(app) as url:
        answer = raw_post(url, "Transfer-Encoding: chunked\r\nConnection: close\r\n", body)
    assert answer.startswith(b"HTTP/1.1 413")


# The upload callback: the browser keeps a token, not the files.


def update(url: str, outputs: list[tuple[str, str]], inputs: list, state=()) -> requests.Response:
    """Call a callback as the browser does: outputs, inputs and state as (id, property[, value])."""
    spec = [{"id": i, "property": p} for i, p in outputs]
    body = {
        "output": f"..{'...'.join(f'{i}.{p}' for i, p in outputs)}.."
        if len(outputs) > 1
        else f"{outputs[0][0]}.{outputs[0][1]}",
        "outputs": spec if len(outputs) > 1 else spec[0],
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "changedPropIds": [f"{inputs[0][0]}.{inputs[0][1]}"],
        "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
    }
    # From the app's own page, as the server's origin check requires of a change.
    return requests.post(url + UPDATE, json=body, headers={"Origin": url}, timeout=30)


UPLOADED = [
    (ids.DATA_FILES, "data"),
    (ids.DATA_UPLOAD, "contents"),
    (ids.DATA_UPLOAD_NOTE, "children"),
]


def test_a_drop_leaves_the_browser_holding_a_token_not_the_files(app, serve):
    big = NEW_WAVE + b"NHS Dorset,Health Innovation Wessex,Monthly,Relevant,Both ways\n" * 5000
    with serve(app) as url:
        answer = update(
            url,
            UPLOADED,
            [(ids.DATA_UPLOAD, "contents", [data_url(big)])],
            [(ids.DATA_UPLOAD, "filename", ["wave3.csv"]), (ids.DATA_FILES, "data", None)],
        )
    assert answer.status_code == 200, answer.text[:300]
    response = answer.json()["response"]
    kept = response[ids.DATA_FILES]["data"]
    assert len(json.dumps(kept)) < 200 < len(big)
    assert kept["names"] == ["wave3.csv"] and kept["sizes"] == [len(big)]
    assert response[ids.DATA_UPLOAD]["contents"] is None, "the browser lets the contents go"
    assert held_uploads(app.data).files(kept["token"]) == [("wave3.csv", big)]


def test_the_held_files_are_checked_and_imported_then_let_go(app):
    stored = dropped(app, {"wave3.csv": NEW_WAVE})
    report, matches, ready = check_held(app.data, stored, "Summative 2025")
    assert ready and matches == [] and "All good" in str(report)
    assert "Imported" in import_held(app.data, stored, "Summative 2025")
    assert "Summative 2025" in app.data.waves
    assert held_uploads(app.data).held_bytes == 0


def test_files_no_longer_held_are_reported_in_words_not_a_traceback(app):
    stored = {"token": "expired-or-made-up", "names": ["wave3.csv"], "sizes": [10]}
    report, _, ready = check_held(app.data, stored, None)
    assert not ready and GONE in str(report)
    assert store_message(app.data, False, stored, None, []) == (GONE, False)


def test_a_check_while_others_wait_says_to_try_again(app, monkeypatch):
    monkeypatch.setattr(HeldUploads, "one_at_a_time", lambda self: busy())

    def busy():
        raise Busy("waiting")

    stored = dropped(app, {"wave3.csv": NEW_WAVE})
    report, _, ready = check_held(app.data, stored, None)
    assert not ready and BUSY in str(report)
    assert store_message(app.data, False, stored, None, []) == (BUSY, False)


# The workspace's own errors are said in the Data view.


WorkspaceLike = type("WorkspaceError", (Exception,), {"__module__": "ecosystem.errors"})
"""Stands for the store's own error about a read-only or damaged workspace."""


@pytest.mark.parametrize("saving", [False, True], ids=["import", "save matches"])
@pytest.mark.parametrize(
    "error",
    [WorkspaceLike("the workspace is read-only; nothing was changed"), OptionError("no such")],
)
def test_the_workspace_refusing_is_said_in_the_message(app, monkeypatch, saving, error):
    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(Workspace, "import_survey", refuse)
    monkeypatch.setattr(Workspace, "add_alias", refuse)
    stored = dropped(app, {"wave3.csv": NEW_WAVE})
    ticked = [json.dumps(["Wesex AHSN", "Health Innovation Wessex"])]
    message, stored_ok = store_message(app.data, saving, stored, "Summative 2025", ticked)
    assert not stored_ok and message == f"Nothing was stored: {error}"
    assert held_uploads(app.data).files(stored["token"]), "files not imported are kept"


def test_an_error_that_is_not_the_projects_own_is_raised_not_hidden(app, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(Workspace, "import_survey", broken)
    with pytest.raises(KeyError):
        store_message(app.data, False, dropped(app, {"w.csv": NEW_WAVE}), "Summative 2025", [])


# A slow check does not keep other users waiting.


STATUS = [(ids.STATUS_TEXT, "children")]
SELECTION = [
    (ids.WAVE_SELECT, "value", "Summative 2024"),
    (ids.HUB_SELECT, "value", "Dorset"),
    (ids.NATURE_SELECT, "value", []),
    (ids.MIN_FREQUENCY, "value", 0),
    (ids.MIN_RELEVANCE, "value", 0),
    (ids.RESPONDENTS_ONLY, "value", []),
]
CHECKED = [
    (ids.DATA_REPORT, "children"),
    (ids.DATA_MATCHES, "options"),
    (ids.DATA_MATCHES, "value"),
    (ids.DATA_SAVE_MATCHES, "disabled"),
    (ids.DATA_IMPORT, "disabled"),
]


def test_another_users_hub_change_is_answered_while_a_slow_check_runs(app, serve, monkeypatch):
    checking, finish = threading.Event(), threading.Event()
    real_report = upload_callbacks.upload_report

    def slow_report(*args):
        checking.set()
        assert finish.wait(30), "the test never let the check finish"
        return real_report(*args)

    monkeypatch.setattr(upload_callbacks, "upload_report", slow_report)
    stored = dropped(app, {"wave3.csv": NEW_WAVE})
    answers: dict[str, requests.Response] = {}
    with serve(app) as url:
        first = threading.Thread(
            target=lambda: answers.update(
                check=update(
                    url,
                    CHECKED,
                    [
                        (ids.DATA_FILES, "data", stored),
                        (ids.DATA_WAVE, "value", "Summative 2025"),
                        (ids.DATA_VERSION, "data", 0),
                    ],
                )
            )
        )
        first.start()
        assert checking.wait(30), "the slow check never started"
        status = update(url, STATUS, SELECTION)
        still_checking = first.is_alive()
        finish.set()
        first.join(30)
    assert still_checking, "the hub change was answered only after the check"
    assert status.status_code == 200 and "Dorset" in status.text
    assert answers["check"].status_code == 200 and "All good" in answers["check"].text


# The command line.


class Caught(Exception):
    """Stops ``ecosystem serve`` once it has asked for its app."""


@pytest.mark.parametrize(("given", "expected"), [([], 25.0), (["--upload-limit-mb", "2.5"], 2.5)])
def test_serve_passes_its_upload_limit_to_the_dashboard(tmp_path, monkeypatch, given, expected):
    from ecosystem import cli
    from ecosystem.dashboard import app as app_module

    def caught(*args, **kwargs):
        raise Caught(kwargs["upload_limit_mb"])

    monkeypatch.setattr(app_module, "create_app", caught)
    with pytest.raises(Caught) as served:
        cli.main(["serve", "--workspace", str(tmp_path / "w"), *given])
    assert served.value.args == (expected,)


def test_serve_refuses_a_limit_of_nothing_in_words(tmp_path, capsys):
    from ecosystem import cli

    code = cli.main(["serve", "--workspace", str(tmp_path / "w"), "--upload-limit-mb", "0"])
    assert code != 0 and "more than 0 MB" in capsys.readouterr().err


@pytest.mark.parametrize("saving", [False, True], ids=["import", "save matches"])
def test_a_read_only_workspace_is_said_in_the_data_view_and_nothing_is_stored(
    app, monkeypatch, saving
):
    """The real store's refusal, not a stand-in: the workspace opens as SQLite opens a file
    it may not write (as the workspace tests simulate read-only, which root ignores)."""
    from ecosystem.store import health

    real = health.connect
    monkeypatch.setattr(health, "connect", lambda database, mode: real(database, "ro"))
    waves = list(app.data.waves)
    stored = dropped(app, {"wave3.csv": NEW_WAVE})
    ticked = [json.dumps(["Wesex AHSN", "Health Innovation Wessex"])]
    message, stored_ok = store_message(app.data, saving, stored, "Summative 2025", ticked)
    assert not stored_ok and message.startswith("Nothing was stored: ")
    assert "cannot be written" in message and "nothing was changed" in message
    assert list(app.data.waves) == waves
