"""Serve the dashboard: waitress, a production WSGI server, with a bounded pool of threads.

Flask's own development server is for development: it is single-minded about speed and
safety, and with ``debug`` it opens the Werkzeug console, which runs any Python a visitor
types. ``ecosystem serve`` uses waitress (pure Python, on Windows and Linux alike) unless
``--debug`` is asked for, and then only on this machine's loopback address, with a warning.

waitress refuses a request body larger than the app's upload limit (Flask's
``MAX_CONTENT_LENGTH``, where set) with 413 before reading it, so an oversized upload costs
the server nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import dash
import waitress
import waitress.server

from ecosystem.dashboard.security import (
    ALLOWED_HOSTS_KEY,
    allow,
    is_loopback,
    protect,
    served_hosts,
)
from ecosystem.errors import OptionError
from ecosystem.service.computing import warm_up
from ecosystem.service.workspace import Workspace
from ecosystem.settings import SETTINGS

DEFAULT_THREADS = SETTINGS.threads
"""Requests served at once; more wait in waitress's queue rather than start more threads."""

MAX_THREADS = SETTINGS.most_threads

WAITRESS_BODY_LIMIT = 1024**3
"""waitress's own limit on a request body (1 GiB), kept when the app sets no upload limit."""

DEBUG_WARNING = (
    "warning: --debug serves with Flask's development server and opens the Werkzeug "
    "debugger, which runs any Python a visitor types. Use it only to develop, on this "
    "machine; never on a network."
)


def check_debug(host: str, debug: bool) -> None:
    """Refuse ``debug`` on any address but loopback: the debugger would be open to the network.

    >>> check_debug("127.0.0.1", True)
    >>> check_debug("0.0.0.0", True)
    Traceback (most recent call last):
    ...
    ecosystem.errors.OptionError: --debug serves only on this machine (--host 127.0.0.1 or \
localhost), never on '0.0.0.0': the debugger runs any Python a visitor types
    """
    if debug and not is_loopback(host):
        raise OptionError(
            "--debug serves only on this machine (--host 127.0.0.1 or localhost), never on "
            f"'{host}': the debugger runs any Python a visitor types"
        )


def check_accounts(host: str, workspace: Path | None) -> None:
    """Refuse to serve on a network address (anything but loopback) a workspace without
    accounts, or survey files (which have none): anyone who reached the port would read every
    hub's partners and could change the workspace.

    >>> check_accounts("127.0.0.1", None)
    >>> try:
    ...     check_accounts("0.0.0.0", None)
    ... except OptionError as refused:
    ...     print(str(refused)[:66])
    serving on '0.0.0.0' (a network address) needs a workspace with ac
    """
    if is_loopback(host):
        return
    how = (
        "add an account with `ecosystem users add NAME --role evaluator --password-stdin "
        f"--workspace {workspace or 'DIR'}`, then `ecosystem serve --workspace "
        f"{workspace or 'DIR'} --host {host}`"
    )
    if workspace is None:
        raise OptionError(
            f"serving on '{host}' (a network address) needs a workspace with accounts, so "
            f"that everyone signs in: import the survey into a workspace, {how}"
        )
    with Workspace(workspace, create=False) as store:
        if not store.has_accounts():
            raise OptionError(
                f"serving on '{host}' (a network address) needs the workspace to have "
                f"accounts, so that everyone signs in, and it has none: {how}"
            )


def request_body_limit(app: dash.Dash) -> int:
    """The largest request body the server reads: the app's upload limit, where it sets one."""
    limit = app.server.config.get("MAX_CONTENT_LENGTH")
    return int(limit) if limit else WAITRESS_BODY_LIMIT


@dataclass(frozen=True)
class ServeOptions:
    """How ``ecosystem serve`` serves: address, pool of threads, debug, extra host names.

    ``threads`` None means :data:`DEFAULT_THREADS`. ``allowed_hosts`` are the names people
    reach the dashboard by, beside loopback and ``host`` itself (see :func:`hosts`).
    """

    host: str = SETTINGS.host
    port: int = SETTINGS.port
    threads: int | None = None
    debug: bool = False
    allowed_hosts: Sequence[str] = ()

    def hosts(self) -> tuple[str, ...]:
        """The host names the dashboard answers to; any other Host header gets 400."""
        return served_hosts(self.host, self.allowed_hosts)


def announcement(options: ServeOptions) -> list[str]:
    """What ``ecosystem serve`` tells its user on starting: where, to which names, any warning.

    >>> for line in announcement(ServeOptions(host="0.0.0.0")):
    ...     print(line)
    ecosystem dashboard on http://0.0.0.0:8050
    answering to the host names 127.0.0.1, localhost, ::1 (add more with --allowed-host NAME)
    """
    lines = [f"ecosystem dashboard on http://{options.host}:{options.port}"]
    names = ", ".join(options.hosts())
    lines.append(f"answering to the host names {names} (add more with --allowed-host NAME)")
    if options.debug:
        lines.append(DEBUG_WARNING)
    return lines


def waitress_options(app: dash.Dash, options: ServeOptions) -> dict[str, Any]:
    """The keyword arguments waitress serves ``app`` with: address, threads and body limit."""
    threads = DEFAULT_THREADS if options.threads is None else options.threads
    if not 1 <= threads <= MAX_THREADS:
        raise OptionError(f"--threads must be between 1 and {MAX_THREADS}, not {threads}")
    return {
        "host": options.host,
        "port": options.port,
        "threads": threads,
        "max_request_body_size": request_body_limit(app),
        "ident": "ecosystem",
    }


def guard(app: dash.Dash, options: ServeOptions) -> None:
    """Let ``app`` answer to the hosts it is served as; protect it first if no one has.

    :func:`~ecosystem.dashboard.app.create_app` protects every app it builds; an app built
    otherwise gets the same guards here, so nothing is ever served unguarded.
    """
    if ALLOWED_HOSTS_KEY in app.server.config:
        allow(app.server, options.hosts())
    else:
        protect(app.server, options.hosts(), script_hashes=app.csp_hashes())


def make_server(app: dash.Dash, options: ServeOptions):
    """A waitress server for ``app``, bound but not yet running (``.run()``, ``.close()``)."""
    guard(app, options)
    return waitress.server.create_server(app.server, **waitress_options(app, options))


COLLECTOR_THRESHOLDS: Final = (50_000, 20, 20)
"""Python's garbage collector thresholds while serving (its default is 700, 10, 10).

A served survey of thousands of organisations keeps millions of small objects (networks,
tables); with the default, the collector walks them again and again as each new network is
built, which cost a third of a 5,000-organisation view (measured by ``make bench``). The
objects are freed by reference counting either way; only cycles wait a little longer."""


def tune_collector() -> None:
    """Set :data:`COLLECTOR_THRESHOLDS` for this process (the server; the bench, as it)."""
    gc.set_threshold(*COLLECTOR_THRESHOLDS)


def serve(app: dash.Dash, options: ServeOptions) -> None:
    """Serve ``app`` until stopped: with waitress, or Flask's development server for ``debug``.

    The app answers to loopback names, to ``options.allowed_hosts`` and to ``options.host``
    itself when that is a name or an address (not ``0.0.0.0``); any other Host gets 400.
    """
    check_debug(options.host, options.debug)
    guard(app, options)
    # The worker processes for a large network's measures start now, not on its first view.
    warm_up()
    tune_collector()
    if options.debug:
        app.run(host=options.host, port=options.port, debug=True)
    else:
        waitress.serve(app.server, **waitress_options(app, options))
