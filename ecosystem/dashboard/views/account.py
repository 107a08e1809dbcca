"""Who is signed in, and the button that signs them out (a workspace with accounts only)."""

from __future__ import annotations

from dash import html

from ecosystem.access import Account
from ecosystem.dashboard import ids


def account_bar(account: Account | None, csrf_token: str = "") -> html.Div | None:
    """ "Signed in as amira (hub lead, Dorset)" and a sign-out button; nothing for nobody.

    Signing out is a form posted to ``/logout`` with the session's CSRF token, so another
    site cannot sign anyone out.
    """
    if account is None:
        return None
    return html.Div(
        [
            html.Span(f"Signed in as {account.describe()}", className="account-name"),
            html.Form(
                # The button's name and value are posted with the form: the token.
                html.Button(
                    "Sign out",
                    id=ids.SIGN_OUT,
                    type="submit",
                    name="csrf_token",
                    value=csrf_token,
                    className="button",
                ),
                action="/logout",
                method="POST",
                className="account-sign-out",
            ),
        ],
        id=ids.ACCOUNT_BAR,
        className="account-bar",
    )


def read_only_text(account: Account | None) -> str:
    """What the Data view says to someone who reads the workspace but may not change it."""
    if account is None or account.may_change:
        return ""
    return (
        f"You are signed in as a {account.role.label}: you read this workspace and download "
        "from it, and an evaluator imports surveys into it."
    )
