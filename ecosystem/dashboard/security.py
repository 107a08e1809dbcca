"""Guards of the dashboard's web server: which hosts it answers, whose POSTs it takes, and the
headers that keep its pages to themselves.

A dashboard served on a laptop's loopback address is still reachable from any web page the
user opens: a page on another site can point its own name at 127.0.0.1 (DNS rebinding) or
post a form to ``http://127.0.0.1:8050``. Three checks close those doors, as Flask request
hooks registered by one call, :func:`protect`:

- the **Host** header must name a host the dashboard is served as (loopback, plus the names
  given with ``--allowed-host`` or ``--host``); any other gets 400;
- a request that can change the workspace (any method but GET, HEAD and OPTIONS, so Dash's
  ``/_dash-update-component`` POSTs, the Data view's import among them) must come from the
  dashboard's own page: its ``Origin`` (or, without one, its ``Referer``) names the same host
  and port the request was sent to; any other gets 403. Without accounts, this is what
  stops another site's page from saving aliases or importing files; with accounts, the
  session's CSRF token is checked too (:mod:`ecosystem.dashboard.signin`);
- every response carries a Content-Security-Policy that lets the page run only the app's own
  scripts (each inline script Dash writes is allowed by its hash, never ``'unsafe-inline'``),
  talk only to its own origin and never be framed, with ``X-Content-Type-Options: nosniff``,
  ``X-Frame-Options: DENY`` and ``Referrer-Policy: same-origin``.

Styles are the one deliberate allowance: ``style-src 'self' 'unsafe-inline'``. Plotly and AG
Grid write ``<style>`` elements and inline styles as they draw, and an injected style cannot
run code; scripts, the real danger, stay locked to the app's own files and hashes.

OWASP's cheat sheets on CSRF (verifying origin with standard headers) and on HTTP headers,
and Dash's :meth:`dash.Dash.csp_hashes`, describe the same defences.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

import flask

LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")
"""The names a dashboard on this machine is always served as."""

WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})
"""Bind addresses that mean "every interface": no one reaches the server by these names."""

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
"""Methods that only read; every other method must come from the dashboard's own page."""

ALLOWED_HOSTS_KEY = "ECOSYSTEM_ALLOWED_HOSTS"
"""Where :func:`protect` keeps the allowed host names, in the Flask server's ``config``."""

BAD_HOST = "This dashboard is not served under that host name."
FOREIGN_ORIGIN = (
    "Refused: a request that can change the workspace must come from the dashboard's own page."
)


def host_name(host: str) -> str:
    """The name in a ``Host`` header or URL authority, without its port, in lower case.

    >>> host_name("127.0.0.1:8050"), host_name("LocalHost"), host_name("[::1]:8050")
    ('127.0.0.1', 'localhost', '::1')
    """
    host = host.strip().lower()
    if host.startswith("["):  # an IPv6 address: [::1]:8050
        return host[1 : host.find("]")] if "]" in host else host
    name, _, port = host.rpartition(":") if host.count(":") == 1 else (host, "", "")
    return name if port.isdigit() or not port else host


def is_loopback(host: str) -> bool:
    """Whether a bind address or name is this machine only (so no one else can reach it).

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    name = host_name(host)
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def served_hosts(bind: str, allowed: Iterable[str] = ()) -> tuple[str, ...]:
    """The host names a server bound to ``bind`` answers: loopback, ``allowed``, and ``bind``
    itself when it is a name or address rather than a wildcard such as ``0.0.0.0``.

    >>> served_hosts("0.0.0.0", ["dashboard.example.org"])
    ('127.0.0.1', 'localhost', '::1', 'dashboard.example.org')
    >>> served_hosts("192.168.1.20")
    ('127.0.0.1', 'localhost', '::1', '192.168.1.20')
    """
    names = [*LOOPBACK_HOSTS, *(host_name(a) for a in allowed)]
    if host_name(bind) not in WILDCARD_HOSTS:
        names.append(host_name(bind))
    return tuple(dict.fromkeys(names))


def content_security_policy(script_hashes: Sequence[str] = ()) -> str:
    """The page's Content-Security-Policy: only the app's own origin, scripts by file or hash.

    >>> policy = content_security_policy(["'sha256-abc='"])
    >>> "script-src 'self' 'sha256-abc='" in policy, "frame-ancestors 'none'" in policy
    (True, True)
    """
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *script_hashes]),
        "style-src": "'self' 'unsafe-inline'",  # Plotly and AG Grid style as they draw
        "img-src": "'self' data: blob:",  # Plotly's mode-bar icons and image downloads
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def _plain(text: str, status: int) -> flask.Response:
    return flask.Response(text + "\n", status=status, mimetype="text/plain")


def _same_origin(source: str, request: flask.Request) -> bool:
    """Whether an ``Origin`` or ``Referer`` value names the host and port the request went to."""
    parts = urlsplit(source)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == request.host.lower()


def check_host() -> flask.Response | None:
    """Before each request: answer 400 to a Host the dashboard is not served as."""
    allowed = flask.current_app.config[ALLOWED_HOSTS_KEY]
    if host_name(flask.request.headers.get("Host", "")) not in allowed:
        return _plain(BAD_HOST, 400)
    return None


def check_origin() -> flask.Response | None:
    """Before each request: answer 403 to a request that writes but not from the app's page."""
    request = flask.request
    if request.method in SAFE_METHODS:
        return None
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    if not _same_origin(source, request):
        return _plain(FOREIGN_ORIGIN, 403)
    return None


def protect(
    server: flask.Flask,
    allowed_hosts: Iterable[str] = LOOPBACK_HOSTS,
    script_hashes: Sequence[str] = (),
) -> None:
    """Register the host check, the origin check and the security headers on a Flask server.

    ``allowed_hosts`` are the names the dashboard is served as (ports aside); :func:`allow`
    adds more later, for instance the names ``ecosystem serve`` is told to answer.
    ``script_hashes`` are the CSP hashes of the inline scripts the page carries (Dash's
    :meth:`~dash.Dash.csp_hashes`), the only inline scripts the browser will run.
    """
    server.config[ALLOWED_HOSTS_KEY] = set()
    allow(server, allowed_hosts)
    policy = content_security_policy(script_hashes)
    headers = {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
    }

    def add_headers(response: flask.Response) -> flask.Response:
        response.headers.update(headers)
        return response

    # First of all the hooks, so a refused request reaches none of Dash's own.
    server.before_request_funcs.setdefault(None, [])[0:0] = [check_host, check_origin]
    server.after_request(add_headers)


def allow(server: flask.Flask, hosts: Iterable[str]) -> None:
    """Let a protected server answer to more host names (ports are never part of a name)."""
    server.config[ALLOWED_HOSTS_KEY].update(host_name(h) for h in hosts)
