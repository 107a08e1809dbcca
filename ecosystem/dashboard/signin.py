"""Sign-in for a team's served workspace: the page, the session, CSRF and repeated failures.

A workspace that holds accounts (``ecosystem users add``) asks everyone to sign in at
``/login`` before anything else is served: the page itself is the one thing open to all.
Well-kept libraries do the security work:

- **Flask-Login** keeps who is signed in, in Flask's signed session cookie (``HttpOnly``,
  ``SameSite=Lax``, ``Secure`` when served behind HTTPS), signed with a secret made once per
  workspace and kept in it. The session names the account and its password generation, so
  changing a password or removing an account ends that person's sessions at once.
- **Flask-WTF** checks a CSRF token on every request that can change anything: the sign-in
  and sign-out forms carry it as a field, and the dashboard's own requests as the
  ``X-CSRFToken`` header that Dash's renderer copies from the ``_csrf_token`` cookie.
- **Flask-Limiter** counts wrong passwords per account and per address: each costs
  :data:`FAILURE_DELAY` seconds, and after :data:`PER_ACCOUNT` (or :data:`PER_ADDRESS`) the
  page answers 429 and says, in words, when to try again.

Every sign-in, failure, refusal and sign-out is written to the workspace's audit table.
A workspace without accounts is served as before, to the one analyst on their own machine;
``require_accounts`` (what ``ecosystem serve`` sets on a network address) refuses to serve it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import flask
import jinja2
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, login_user, logout_user
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response as BaseResponse  # what flask.redirect gives

from ecosystem.access import Account, normalise_account_name
from ecosystem.dashboard import team
from ecosystem.dashboard.security import SAFE_METHODS
from ecosystem.service.workspace import Workspace, audit
from ecosystem.settings import SETTINGS

LOGIN, LOGOUT = "/login", "/logout"
PUBLIC_PATHS = frozenset({LOGIN})
"""The paths served to someone not signed in: the sign-in page (its style is inside it)."""

CSRF_COOKIE = "_csrf_token"
"""The cookie Dash's renderer reads the CSRF token from, to send it as ``X-CSRFToken``."""

SESSION_COOKIE = "ecosystem_session"
SESSION_HOURS = SETTINGS.session_hours
"""How long a session lasts after the last request: a working day, not forever."""

PER_ACCOUNT = f"{SETTINGS.sign_in_account_attempts} per {SETTINGS.sign_in_window_minutes} minutes"
"""Wrong passwords one account may be tried with before sign-in to it is refused (429)."""
PER_ADDRESS = f"{SETTINGS.sign_in_address_attempts} per {SETTINGS.sign_in_window_minutes} minutes"
"""Wrong passwords one address may send, whatever the account, before it is refused (429)."""
REFUSAL_MINUTES = SETTINGS.sign_in_window_minutes

FAILURE_DELAY = SETTINGS.failed_sign_in_delay
"""Seconds each wrong password costs (on top of the hash's own cost) before the answer."""
DELAY_KEY = "ECOSYSTEM_FAILED_SIGN_IN_DELAY"

WRONG = "That name and password do not match an account. Check both and try again."
TOO_MANY = (
    f"Too many wrong passwords for this account or from this address: sign-in is refused "
    f"for up to {REFUSAL_MINUTES} minutes. Try again later, or ask your evaluator to reset "
    "your password."
)
NO_ACCOUNTS = (
    "This dashboard is served on a network, and its workspace has no accounts yet. Whoever "
    "runs it adds one with: ecosystem users add NAME --role evaluator --password-stdin "
    "--workspace DIR"
)
HINT = "No account? Ask the evaluator who runs this dashboard to add one for you."

TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("ecosystem.dashboard", "templates"),
    autoescape=True,  # every name and message is text, never markup
)


@dataclass(frozen=True)
class TeamOptions:
    """How sign-in is served: ``require_accounts`` refuses a workspace without accounts (a
    network address); ``behind_https`` says an HTTPS reverse proxy is in front: cookies are
    marked ``Secure`` and the proxy's ``X-Forwarded-For`` and ``-Proto`` are believed."""

    require_accounts: bool = False
    behind_https: bool = False


class SignedIn(UserMixin):
    """A signed-in person, as Flask-Login holds them: their account."""

    def __init__(self, account: Account) -> None:
        self.account = account

    def get_id(self) -> str:
        return f"{self.account.name}:{self.account.generation}"


def page(message: str = "", *, status: int = 200, tone: str = "bad", **fields) -> flask.Response:
    """The sign-in page (or the sign-out page, with ``action=LOGOUT``)."""
    values = {
        "heading": "Sign in",
        "action": LOGIN,
        "button": "Sign in",
        "form": True,
        "next": "/",
        "username": "",
        "hint": HINT,
        **fields,
    }
    text = TEMPLATES.get_template("signin.html").render(
        message=message, tone=tone, csrf_token=generate_csrf(), **values
    )
    response = flask.Response(text, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path of this site only, never another site.

    Browsers read a backslash as a slash, so ``/\\evil.example`` would leave the site too.

    >>> safe_next("/?tab=gaps"), safe_next("//evil.example/"), safe_next("https://x.org/")
    ('/?tab=gaps', '/', '/')
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else "/"


def _plain(text: str, status: int) -> flask.Response:
    return flask.Response(text + "\n", status=status, mimetype="text/plain")


def enable_sign_in(server: flask.Flask, workspace: Path, options: TeamOptions) -> None:
    """Ask everyone to sign in to ``server`` whenever ``workspace`` holds accounts.

    Registers the sign-in and sign-out pages, the session, the CSRF checks, the limits on
    wrong passwords, the check that runs before every request and the server-side rules of
    :mod:`ecosystem.dashboard.team`. Call once, after the host and origin checks.
    """
    store = Workspace(workspace, create=False)  # one connection, shared by the threads
    _configure(server, store, options)
    csrf = CSRFProtect(server)
    logins = LoginManager(server)
    logins.session_protection = "basic"

    @logins.user_loader
    def _load(session_id: str) -> SignedIn | None:
        name, _, generation = session_id.rpartition(":")
        account = store.account(name)
        if account is None or str(account.generation) != generation:
            return None  # removed, or the password changed since: signed out
        return SignedIn(account)

    server.before_request(_requirement(store, csrf, options))
    team.guard_requests(server, workspace)
    server.after_request(_csrf_cookie(store, options))
    _routes(server, store, options)
    server.extensions["ecosystem_accounts"] = store


def _configure(server: flask.Flask, store: Workspace, options: TeamOptions) -> None:
    server.secret_key = store.session_secret()
    server.config.update(
        SESSION_COOKIE_NAME=SESSION_COOKIE,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=options.behind_https,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=SESSION_HOURS),
        WTF_CSRF_CHECK_DEFAULT=False,  # checked by _requirement, only once accounts exist
        WTF_CSRF_TIME_LIMIT=None,  # as long as the session lasts
        RATELIMIT_HEADERS_ENABLED=False,
    )
    server.config.setdefault(DELAY_KEY, FAILURE_DELAY)
    if options.behind_https:  # believe the proxy's client address and scheme, one hop
        # wrapping wsgi_app in a middleware is Flask's documented way; its type is a method
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=1, x_proto=1)  # type: ignore[method-assign]


def _requirement(store: Workspace, csrf: CSRFProtect, options: TeamOptions):
    """The check before every request: signed in (where accounts exist), with a CSRF token."""

    def _require() -> BaseResponse | None:
        request = flask.request
        if request.path in PUBLIC_PATHS:
            return None
        if not store.has_accounts():
            return _plain(NO_ACCOUNTS, 503) if options.require_accounts else None
        if team.signed_in() is None:
            if request.method == "GET" and "text/html" in request.headers.get("Accept", ""):
                return flask.redirect(f"{LOGIN}?next={request.full_path.rstrip('?')}")
            return _plain("Sign in first, at /login.", 401)
        if request.method not in SAFE_METHODS:
            csrf.protect()  # raises CSRFError, answered by the handler below
        return None

    return _require


def _csrf_cookie(store: Workspace, options: TeamOptions):
    """After each request of a signed-in person: the CSRF token where Dash's renderer reads it."""

    def _set(response: flask.Response) -> flask.Response:
        if team.signed_in() is not None:
            response.set_cookie(
                CSRF_COOKIE,
                generate_csrf(),
                samesite="Lax",
                secure=options.behind_https,
                httponly=False,  # the page's script reads it, to send it back as a header
            )
        return response

    return _set


def _routes(server: flask.Flask, store: Workspace, options: TeamOptions) -> None:
    limiter = Limiter(get_remote_address, app=server, storage_uri="memory://", default_limits=[])

    def _account_key() -> str:
        return "account:" + normalise_account_name(flask.request.form.get("username", ""))

    def _failed(response: flask.Response) -> bool:
        return response.status_code == 401

    @limiter.limit(PER_ADDRESS, methods=["POST"], deduct_when=_failed)
    @limiter.limit(PER_ACCOUNT, key_func=_account_key, methods=["POST"], deduct_when=_failed)
    def login() -> BaseResponse:
        request = flask.request
        target = safe_next(request.values.get("next"))
        if request.method == "GET":
            if team.signed_in() is not None or not store.has_accounts():
                return flask.redirect(target)  # nothing to sign in to, or signed in already
            signed_out = "signed-out" in request.args
            return page("You have signed out." if signed_out else "", tone="ok", next=target)
        _csrf_or_raise()
        name = normalise_account_name(request.form.get("username", ""))
        account = store.verify_password(name, request.form.get("password", ""))
        if account is None:
            store.record(name or "(no name)", audit.SIGN_IN_FAILED, "", team.address())
            time.sleep(float(server.config[DELAY_KEY]))
            return page(WRONG, status=401, username=name, next=target)
        login_user(SignedIn(account))
        flask.session.permanent = True
        store.record(account.name, audit.SIGNED_IN, account.describe(), team.address())
        return flask.redirect(target)

    def logout() -> BaseResponse:
        if flask.request.method == "GET":
            return page(heading="Sign out", action=LOGOUT, button="Sign out", hint="")
        _csrf_or_raise()
        account = team.signed_in()
        if account is not None:
            store.record(account.name, audit.SIGNED_OUT, "", team.address())
        logout_user()
        flask.session.clear()
        return flask.redirect(f"{LOGIN}?signed-out")

    server.add_url_rule(LOGIN, "login", login, methods=["GET", "POST"])
    server.add_url_rule(LOGOUT, "logout", logout, methods=["GET", "POST"])

    @server.errorhandler(429)
    def _too_many(_error) -> flask.Response:
        name = normalise_account_name(flask.request.form.get("username", ""))
        store.record(name or "(no name)", audit.SIGN_IN_THROTTLED, "", team.address())
        return page(TOO_MANY, status=429, username=name)

    @server.errorhandler(CSRFError)
    def _bad_token(error: CSRFError) -> flask.Response:
        if flask.request.path in (LOGIN, LOGOUT):
            return page("The form had expired: please try again.", status=400)
        return _plain(f"Refused: {error.description} Reload the page.", 400)


def _csrf_or_raise() -> None:
    """Check the form's CSRF token (the sign-in and sign-out forms; Dash's requests are
    checked before they reach any view)."""
    flask.current_app.extensions["csrf"].protect()
