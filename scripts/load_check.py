"""Load check: many people changing wave and hub at once on the demo dashboard.

Serves the illustrative demo with ``ecosystem serve`` (waitress) in a process of its own on a
free loopback port, then runs simulated users for a bounded time. Each user has one view open
and changes wave and hub in turn; each change replays the ``/_dash-update-component`` POSTs
the page itself sends, built from the app's own ``/_dash-layout`` and
``/_dash-dependencies``. Prints the number of requests, p50 and p95 latency, errors, and the
server's resident memory at start and end. Exits 1 on any error.

With ``--signed-in``, the demo is served from a workspace with one account per user (in turn
an evaluator, a hub lead of each hub, a viewer of every hub): each user signs in through the
sign-in form, then sends the page's requests with the session's CSRF token, for the hubs its
role offers (a hub lead's one hub).

    .venv/bin/python scripts/load_check.py --users 30 --seconds 20 [--signed-in]
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from ecosystem.dashboard import ids
from ecosystem.dashboard.serve import DEFAULT_THREADS

CHANGED = (ids.WAVE_SELECT + ".value", ids.HUB_SELECT + ".value")
"""The properties a user changes; every callback they feed is replayed."""

VIEW = ids.TABS + ".data"
"""The open view: callbacks of views that are not open return at once, as on the page."""


def components(layout: Any) -> dict[str, dict]:
    """Every component of a Dash layout (as ``/_dash-layout`` sends it) with an id: its props."""
    found: dict[str, dict] = {}
    stack = [layout]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict) and isinstance(node.get("props"), dict):
            props = node["props"]
            if isinstance(props.get("id"), str):
                found[props["id"]] = props
            stack.extend(v for v in props.values() if isinstance(v, list | dict))
    return found


def _outputs(output: str) -> dict | list[dict]:
    """``/_dash-dependencies``' output string as the ``outputs`` of a callback request."""

    def one(text: str) -> dict:
        component, _, prop = text.rpartition(".")
        return {"id": component, "property": prop}

    if output.startswith(".."):
        return [one(part) for part in output.strip(".").split("...")]
    return one(output)


@dataclass(frozen=True)
class Replay:
    """The callbacks a wave or hub change sets off, as the page's requests to replay."""

    layout: dict[str, dict]
    callbacks: list[dict] = field(default_factory=list)

    @classmethod
    def fetch(cls, session: requests.Session, url: str) -> Replay:
        layout = components(session.get(url + "/_dash-layout", timeout=30).json())
        dependencies = session.get(url + "/_dash-dependencies", timeout=30).json()
        callbacks = [
            d
            for d in dependencies
            if not d.get("clientside_function")
            and any(f"{i['id']}.{i['property']}" in CHANGED for i in d["inputs"])
            and all(isinstance(i["id"], str) and not i["id"].startswith("{") for i in d["inputs"])
        ]
        return cls(layout, callbacks)

    def options(self, component: str) -> list:
        """The values a dropdown offers."""
        return [o["value"] if isinstance(o, dict) else o for o in self.layout[component]["options"]]

    def value(self, component: str, prop: str, chosen: dict[str, Any]) -> Any:
        return chosen.get(f"{component}.{prop}", self.layout.get(component, {}).get(prop))

    def bodies(self, chosen: dict[str, Any], changed: str) -> Iterator[dict]:
        """The request bodies of every callback ``changed`` feeds, with ``chosen`` values."""
        for callback in self.callbacks:
            if not any(f"{i['id']}.{i['property']}" == changed for i in callback["inputs"]):
                continue

            def filled(items: list[dict]) -> list[dict]:
                return [{**i, "value": self.value(i["id"], i["property"], chosen)} for i in items]

            yield {
                "output": callback["output"],
                "outputs": _outputs(callback["output"]),
                "inputs": filled(callback["inputs"]),
                "state": filled(callback["state"]),
                "changedPropIds": [changed],
            }


def resident_mb(pid: int) -> float | None:
    """A process's resident memory (MB) from /proc, or psutil where installed; else None."""
    status = Path(f"/proc/{pid}/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    try:
        import psutil
    except ImportError:
        return None
    return psutil.Process(pid).memory_info().rss / 1024**2


@dataclass
class Tally:
    """Latencies (seconds) of answered requests and the errors seen, from every user."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors.append(error)


def signed_in_session(url: str, name: str, password: str) -> requests.Session:
    """A session signed in through the sign-in form, sending the CSRF header as the page does."""
    session = requests.Session()
    session.headers["Origin"] = url
    form = session.get(url + "/login", timeout=60).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    answer = session.post(
        url + "/login",
        data={"username": name, "password": password, "csrf_token": token},
        timeout=60,
    )
    if not answer.ok or "signin-message" in answer.text:
        raise RuntimeError(f"{name} could not sign in: {answer.status_code}")
    session.headers["X-CSRFToken"] = session.cookies["_csrf_token"]
    return session


def user(
    number: int,
    url: str,
    deadline: float,
    tally: Tally,
    account: tuple[str, str] | None = None,
) -> None:
    """One person with one view open, changing wave, then hub, then wave... until deadline;
    signed in first as ``account`` (name, password) where given."""
    try:
        session = signed_in_session(url, *account) if account else requests.Session()
        session.headers["Origin"] = url
        replay = Replay.fetch(session, url)
    except (requests.RequestException, RuntimeError, ValueError) as failure:
        tally.add(0.0, f"user {number} could not start: {failure}")
        return
    with session:
        act(number, url, session, replay, deadline, tally)


def act(
    number: int,
    url: str,
    session: requests.Session,
    replay: Replay,
    deadline: float,
    tally: Tally,
) -> None:
    """Change wave and hub in turn, replaying each change's requests, until ``deadline``."""
    views = list(ids.VIEWS)
    chosen: dict[str, Any] = {VIEW: views[number % len(views)]}
    waves, hubs = replay.options(ids.WAVE_SELECT), replay.options(ids.HUB_SELECT)
    start = number % len(hubs)  # people start on different hubs
    choices = {
        CHANGED[0]: itertools.cycle(waves),
        CHANGED[1]: itertools.cycle(hubs[start:] + hubs[:start]),
    }
    for changed in itertools.cycle(CHANGED):
        if time.monotonic() >= deadline:
            return
        chosen[changed] = next(choices[changed])
        for body in replay.bodies(chosen, changed):
            start = time.perf_counter()
            try:
                status = session.post(url + "/_dash-update-component", json=body, timeout=60)
                error = None if status.ok else f"{status.status_code} {body['output']}"
            except requests.RequestException as failure:
                error = f"{type(failure).__name__}: {failure}"
            tally.add(time.perf_counter() - start, error)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def team_workspace(folder: Path, users: int) -> list[tuple[str, str]]:
    """The demo survey in a workspace at ``folder`` with one account per user, in turn an
    evaluator, a hub lead of each hub and a viewer of every hub; their names and passwords."""
    from ecosystem.access import Account, Role
    from ecosystem.load import DEMO_FILES, load_survey
    from ecosystem.store import Workspace

    survey = load_survey(DEMO_FILES)
    roles = [
        (Role.EVALUATOR, None),
        *((Role.HUB_LEAD, h) for h in survey.hubs),
        (Role.VIEWER, None),
    ]
    accounts = []
    with Workspace(folder) as store:
        store.import_survey(survey, [])
        for number in range(users):
            role, hub = roles[number % len(roles)]
            name, password = f"user{number:02d}", secrets.token_urlsafe(16)
            store.add_account(Account(name, role, hub), password)
            accounts.append((name, password))
    return accounts


def start_server(port: int, threads: int, workspace: Path | None = None) -> subprocess.Popen:
    """``ecosystem serve`` on the demo (or a workspace), in a process of its own; returns once
    it answers."""
    command = [sys.executable, "-m", "ecosystem.cli", "serve", "--port", str(port)]
    if workspace is not None:
        command += ["--workspace", str(workspace)]
    server = subprocess.Popen(
        [*command, "--threads", str(threads)],
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped with exit code {server.returncode}")
        try:
            if requests.get(f"http://127.0.0.1:{port}/login", timeout=5).ok:
                return server
        except requests.ConnectionError:
            time.sleep(0.5)
    server.kill()
    raise RuntimeError("the server did not answer within two minutes")


def stop(server: subprocess.Popen) -> None:
    """Stop the server as Ctrl+C does, so it removes its temporary workspace; kill if stuck."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def load_check(users: int, seconds: float, threads: int, signed_in: bool = False) -> dict[str, Any]:
    """Run the check; a summary: requests, p50 and p95 (s), errors, memory (MB) before/after."""
    with tempfile.TemporaryDirectory(prefix="load-check-") as folder:
        accounts = team_workspace(Path(folder), users) if signed_in else [None] * users
        result = _load(users, seconds, threads, Path(folder) if signed_in else None, accounts)
    return {**result, "signed_in": signed_in}


def _load(
    users: int, seconds: float, threads: int, workspace: Path | None, accounts: list
) -> dict[str, Any]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(port, threads, workspace)
    try:
        before = resident_mb(server.pid)
        tally, deadline = Tally(), time.monotonic() + seconds
        people = [
            threading.Thread(target=user, args=(n, url, deadline, tally, accounts[n]))
            for n in range(users)
        ]
        for person in people:
            person.start()
        for person in people:
            person.join()
        after = resident_mb(server.pid)
    finally:
        stop(server)
    return {
        "users": users,
        "seconds": seconds,
        "requests": len(tally.latencies),
        "p50": statistics.median(tally.latencies) if tally.latencies else float("nan"),
        "p95": percentile(tally.latencies, 0.95),
        "errors": tally.errors,
        "memory_before_mb": before,
        "memory_after_mb": after,
    }


def report(result: dict[str, Any]) -> str:
    def mb(value: float | None) -> str:
        return "unknown" if value is None else f"{value:.0f} MB"

    who = "signed-in users" if result.get("signed_in") else "users"
    lines = [
        f"{result['users']} {who} for {result['seconds']:g} s: {result['requests']} requests",
        f"latency p50 {result['p50']:.3f} s, p95 {result['p95']:.3f} s",
        f"errors: {len(result['errors'])}",
        *(f"  {e}" for e in sorted(set(result["errors"]))[:10]),
        f"server memory: {mb(result['memory_before_mb'])} -> {mb(result['memory_after_mb'])}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS, help="the server's pool")
    parser.add_argument(
        "--signed-in", action="store_true", help="a workspace with accounts: every user signs in"
    )
    args = parser.parse_args(argv)
    result = load_check(args.users, args.seconds, args.threads, args.signed_in)
    print(report(result))
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
