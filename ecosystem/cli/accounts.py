"""``ecosystem users`` (add, list, remove, set-password) and ``ecosystem audit``.

A workspace served to a team holds its accounts; these commands manage them and show the
audit table. None of them creates a workspace. A password is read from one line of standard
input (``--password-stdin``, for scripts) or asked for twice at a terminal, never taken as
an argument (other users of the machine could read it in the list of processes). Every
change is recorded in the audit table as done by ``command line (USER)``.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ecosystem.access import Account, Role, check_account_name
from ecosystem.cli.base import EXIT_OK, Commands, command, tell, who, write_table
from ecosystem.errors import OptionError

if TYPE_CHECKING:
    from ecosystem.service.workspace import Workspace

__all__ = ["add_account_commands"]

EVERY_HUB = "every hub"
"""How a listed account of no one hub shows its hub."""

_ADD_ONE = "Add one with `ecosystem users add NAME --role evaluator --workspace {}`"


def _password(args: argparse.Namespace, name: str) -> str:
    """The new password: one line of standard input with ``--password-stdin`` (its line end
    removed, nothing else), else asked twice at a terminal; refused elsewhere."""
    if args.password_stdin:
        return sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    if not sys.stdin.isatty():
        raise OptionError(
            "standard input is not a terminal: give the password on one line of standard "
            "input with --password-stdin"
        )
    first = getpass.getpass(f"new password for {name}: ")
    if getpass.getpass("the same password again: ") != first:
        raise OptionError("the two passwords differ; nothing was changed")
    return first


def _hub(workspace: Workspace, hub: str | None) -> str | None:
    """The workspace's own name of the hub given (``None``: none given). A workspace that
    holds no organisations yet keeps the hub as written, and says so."""
    if hub is None:
        return None
    from ecosystem.service import resolve_hub

    survey = workspace.survey()
    if survey.organisations.empty:
        tell(
            f"note: the workspace holds no organisations yet, so the hub is kept as written, "
            f"'{hub}': import the organisations file before the account is used"
        )
        return hub.strip()
    return resolve_hub(survey, hub)


def _users_add(args: argparse.Namespace) -> int:
    """Add an account: its role, its hub (resolved in the workspace) and its password."""
    from ecosystem.service.workspace import Workspace, already_there, audit

    with Workspace(args.workspace, create=False) as workspace:
        account = Account(check_account_name(args.name), Role(args.role), _hub(workspace, args.hub))
        if workspace.account(account.name) is not None:  # before asking for a password
            raise already_there(account.name)
        kept = workspace.add_account(account, _password(args, account.name))
        workspace.record(who(), audit.ACCOUNT_ADDED, kept.describe())
    tell(f"added {kept.describe()} to {args.workspace}")
    return EXIT_OK


def _users_list(args: argparse.Namespace) -> int:
    """The accounts by name: role, hub (or every hub), when made and password last set."""
    from ecosystem.service.workspace import Workspace

    with Workspace(args.workspace, create=False) as workspace:
        table = workspace.account_table()
    table["hub"] = table["hub"].fillna(EVERY_HUB)
    write_table(table, args.format, args.output)
    if table.empty:
        tell(
            f"no accounts: the dashboard asks nobody to sign in. {_ADD_ONE.format(args.workspace)}"
        )
    return EXIT_OK


def _users_remove(args: argparse.Namespace) -> int:
    """Remove an account (its sessions end with it)."""
    from ecosystem.service.workspace import Workspace, audit

    with Workspace(args.workspace, create=False) as workspace:
        removed = workspace.remove_account(args.name)
        workspace.record(who(), audit.ACCOUNT_REMOVED, removed.describe())
        left = workspace.has_accounts()
    tell(f"removed {removed.describe()} from {args.workspace}")
    if not left:
        tell("no accounts are left: the dashboard asks nobody to sign in")
    return EXIT_OK


def _users_set_password(args: argparse.Namespace) -> int:
    """Give an account a new password; sessions begun with the old one end."""
    from ecosystem.service.workspace import Workspace, audit, unknown_account

    with Workspace(args.workspace, create=False) as workspace:
        account = workspace.account(args.name)
        if account is None:  # said before asking for a password
            raise unknown_account(args.name, [a.name for a in workspace.accounts()])
        changed = workspace.set_password(account.name, _password(args, account.name))
        workspace.record(who(), audit.PASSWORD_SET, changed.describe())
    tell(f"set the password of {changed.describe()}; sessions begun with the old one end")
    return EXIT_OK


def _audit(args: argparse.Namespace) -> int:
    """The audit table, newest first."""
    from ecosystem.service.workspace import Workspace

    with Workspace(args.workspace, create=False) as workspace:
        table = workspace.audit(args.limit)
    write_table(table, args.format, args.output)
    if table.empty:
        tell("the audit table is empty: nothing has been recorded yet")
    return EXIT_OK


def _count(text: str) -> int:
    """A whole number of at least 0, for ``--limit``."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"{number} is negative; give 0 or more")
    return number


def _add_workspace(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workspace", type=Path, metavar="DIR", required=True)


def _add_table_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("csv", "json"), default="csv")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of standard output")


def _add_name_and_password(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", help="the account's name (kept in lower case)")
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from one line of standard input (else asked at a terminal)",
    )


def add_account_commands(commands: Commands) -> None:
    """``users`` (``add``, ``list``, ``remove``, ``set-password``) and ``audit``."""
    group = commands.add_parser("users", help="add, list or remove the accounts of a workspace")
    actions = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    roles = [role.value for role in Role]
    add_help = "add an account: an evaluator, a hub lead or a viewer"
    add = command(actions, "add", _users_add, add_help)
    _add_name_and_password(add)
    add.add_argument("--role", choices=roles, required=True)
    add.add_argument("--hub", help="the one hub a hub lead (or viewer) sees; a viewer without "
                     "one sees every hub")  # fmt: skip
    _add_workspace(add)
    listing = command(actions, "list", _users_list, "list the accounts (never a password)")
    _add_workspace(listing)
    _add_table_output(listing)
    remove = command(actions, "remove", _users_remove, "remove an account")
    remove.add_argument("name", metavar="NAME")
    _add_workspace(remove)
    password_help = "give an account a new password (its sessions end)"
    _add_name_and_password(command(actions, "set-password", _users_set_password, password_help))
    _add_workspace(actions.choices["set-password"])

    audit = command(commands, "audit", _audit, "who signed in, imported, changed or exported what")
    _add_workspace(audit)
    audit.add_argument("--limit", type=_count, metavar="N", help="only the N newest entries")
    _add_table_output(audit)
