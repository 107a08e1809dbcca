"""Every default of the product in one place: its name, value, type, unit and what it sets.

A seed, a number of permutations or a limit written in several signatures drifts: one copy
changes and the command line, the dashboard and the report no longer agree. So each default
is written once, here, as a field of :class:`Settings`, and everything else reads it:
function signatures (``seed: int = SETTINGS.seed``), the command line's options (their
default and help), ``ecosystem serve`` and the README's table of settings, which
``scripts/settings_doc.py`` writes from :func:`settings` and a test keeps in step. As in
datasette's ``SETTINGS``, each setting has a name, a default and a line of help.

>>> SETTINGS.seed, SETTINGS.permutations, SETTINGS.samples
(2023, 1000, 2000)
>>> threads = setting("threads")
>>> threads.type.__name__, threads.shown(), threads.help
('int', '8', "requests the dashboard serves at once, each on one of waitress's threads")
>>> setting("upload_limit_mb").shown()
'25 MB'
>>> option_help("samples")
'bootstrap samples behind each interval of a change (default 2000)'
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Final, TypeVar

__all__ = ["SETTINGS", "Setting", "Settings", "option_help", "setting", "settings"]

T = TypeVar("T", int, float, str)


def _setting(default: T, help: str, unit: str = "") -> T:
    """A field of :class:`Settings`: its default, with the help and unit kept beside it."""
    return field(default=default, metadata={"help": help, "unit": unit})


@dataclass(frozen=True)
class Settings:
    """The defaults, one field each; :data:`SETTINGS` is the one instance everything reads."""

    # Statistics: the same answer every run.
    seed: int = _setting(
        2023,
        "seed of every random draw (layouts, QAP permutations, bootstrap samples, key players' "
        "starts, synthetic surveys), so each run gives the same answer",
    )
    permutations: int = _setting(1000, "QAP permutations behind each correlation's p-value")
    samples: int = _setting(2000, "bootstrap samples behind each interval of a change")
    level: float = _setting(0.95, "confidence level of the bootstrap intervals")
    key_players_exact_limit: int = _setting(
        200_000,
        "key players: every set of k is tried when there are at most this many; "
        "else greedy search with swaps",
        "sets",
    )
    key_players_starts: int = _setting(
        5, "key players: seeded random starts of the greedy search", "starts"
    )
    key_players_shown: int = _setting(
        2, "key players the dashboard, the report and the exhibits look for (k)", "organisations"
    )
    robustness_remove: float = _setting(
        0.1,
        "how far each number can be trusted: the share of respondents each simulated run "
        "removes at random",
    )
    robustness_runs: int = _setting(
        200, "how far each number can be trusted: simulated runs of further non-response", "runs"
    )

    # Matching names as people type them.
    name_match_threshold: float = _setting(
        60.0, "lowest similarity (0-100) at which a known name is offered as a match"
    )
    name_renamed_threshold: float = _setting(
        85.0, "lowest similarity (0-100) at which a former name is offered as a match"
    )
    name_suggestions: int = _setting(3, "most nearest names offered for one unknown name")

    # Computing: worker processes for large networks.
    parallel_from: int = _setting(
        1000,
        "size of network from which the costly measures run on worker processes",
        "organisations",
    )
    most_workers: int = _setting(
        4,
        "most worker processes made by default (the machine's cores up to this; "
        "ECOSYSTEM_WORKERS=N sets the number, 0 none)",
        "processes",
    )
    quiet_before_background: float = _setting(
        0.25,
        "time without a view being drawn before background work starts on the workers",
        "s",
    )
    worker_niceness: int = _setting(
        5, "how much lower the workers' scheduling priority is than the server's (Unix nice)"
    )

    # Reading survey files.
    max_rows: int = _setting(100_000, "most data rows one survey file may hold", "rows")
    max_cell_chars: int = _setting(
        10_000, "most characters in one cell of a survey file", "characters"
    )
    max_workbook_mb: int = _setting(
        200, "most an XLSX workbook's parts may hold once uncompressed", "MB"
    )
    max_ratio: float = _setting(
        100.0,
        "most a workbook part may shrink when compressed (a bigger ratio is a zip bomb)",
        "times",
    )
    ratio_from_mb: int = _setting(
        1, "size from which a workbook part's compression ratio is checked", "MB"
    )

    # Serving the dashboard.
    host: str = _setting("127.0.0.1", "address the dashboard binds; loopback is this machine alone")
    port: int = _setting(8050, "port the dashboard listens on")
    threads: int = _setting(
        8, "requests the dashboard serves at once, each on one of waitress's threads"
    )
    most_threads: int = _setting(64, "most threads --threads may ask for")
    cache_size: int = _setting(
        128,
        "results the dashboard keeps of each kind (networks, positions, comparisons...) per survey",
        "results",
    )
    upload_limit_mb: float = _setting(25.0, "largest total size of the files of one upload", "MB")
    upload_hold_minutes: int = _setting(
        30, "how long dropped files are held after they were last checked", "minutes"
    )
    upload_drops: int = _setting(
        4, "full-size drops held at once over every browser; the oldest go first", "drops"
    )
    upload_waiting: int = _setting(
        2, "checks or imports that may wait while one runs; more are asked to try again"
    )

    # Signing in.
    session_hours: int = _setting(12, "how long a session lasts after the last request", "hours")
    sign_in_account_attempts: int = _setting(
        5, "wrong passwords one account may be tried with in a window before it is refused"
    )
    sign_in_address_attempts: int = _setting(
        20, "wrong passwords one address may send in a window, whatever the account"
    )
    sign_in_window_minutes: int = _setting(
        15, "the window of wrong passwords, and the longest a refusal lasts", "minutes"
    )
    failed_sign_in_delay: float = _setting(
        1.0, "time each wrong password costs before the answer", "s"
    )
    password_min: int = _setting(10, "fewest characters of a password", "characters")
    password_max: int = _setting(1024, "most characters of a password", "characters")

    # Waiting.
    workspace_timeout: float = _setting(
        30.0, "how long a write waits for a workspace another process is writing", "s"
    )
    render_timeout: float = _setting(
        120.0, "how long an image export may take to render before it is abandoned", "s"
    )


SETTINGS: Final = Settings()
"""The defaults every signature, command-line option and the README read."""


@dataclass(frozen=True)
class Setting:
    """One setting as people read it: name, default, type, help and unit."""

    name: str
    default: int | float | str
    type: type
    help: str
    unit: str = ""

    def shown(self) -> str:
        """The default as written in help and the README: large counts with thousands
        separators, then the unit.

        >>> setting("max_rows").shown(), setting("level").shown(), setting("port").shown()
        ('100,000 rows', '0.95', '8050')
        """
        value = self.default
        if isinstance(value, int) and value >= 10_000:
            text = f"{value:,}"
        elif isinstance(value, float):
            text = f"{value:g}"
        else:
            text = str(value)
        return f"{text} {self.unit}" if self.unit else text


def settings(values: Settings = SETTINGS) -> tuple[Setting, ...]:
    """Every setting, in the order :class:`Settings` declares them."""
    return tuple(
        Setting(
            f.name,
            getattr(values, f.name),
            type(getattr(values, f.name)),
            f.metadata["help"],
            f.metadata["unit"],
        )
        for f in fields(values)
    )


def setting(name: str) -> Setting:
    """The setting called ``name``.

    >>> setting("seed").default
    2023
    >>> setting("speed")
    Traceback (most recent call last):
    ...
    KeyError: "no setting 'speed'"
    """
    for found in settings():
        if found.name == name:
            return found
    raise KeyError(f"no setting {name!r}")


def option_help(name: str) -> str:
    """A command-line option's help: the setting's help and its default."""
    found = setting(name)
    return f"{found.help} (default {found.shown()})"
