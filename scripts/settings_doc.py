"""Write the README's table of settings from the registry, so the two cannot drift.

The table sits between the markers ``<!-- settings:start -->`` and ``<!-- settings:end -->``
in README.md and lists every setting of :mod:`ecosystem.settings` with its default and help;
everything outside the markers is left as it is. ``tests/test_settings.py`` fails when the
README holds anything else.

    .venv/bin/python scripts/settings_doc.py           # rewrite the table in README.md
    .venv/bin/python scripts/settings_doc.py --check   # exit 1 when README.md differs
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecosystem.settings import Setting, settings

README = Path(__file__).resolve().parent.parent / "README.md"
START = "<!-- settings:start -->"
END = "<!-- settings:end -->"


def row(setting: Setting) -> str:
    """One setting as a row of the table.

    >>> from ecosystem.settings import setting
    >>> row(setting("max_rows"))
    '| `max_rows` | 100,000 rows | most data rows one survey file may hold |'
    """
    return f"| `{setting.name}` | {setting.shown()} | {setting.help} |"


def settings_table() -> str:
    """The table of every setting, in the registry's order, as markdown."""
    lines = ["| setting | default | what it sets |", "|---|---|---|"]
    lines += [row(setting) for setting in settings()]
    return "\n".join(lines)


def with_table(readme: str) -> str:
    """``readme`` with the text between the markers replaced by :func:`settings_table`.

    >>> with_table("before\\n<!-- settings:start -->\\nold\\n<!-- settings:end -->\\nafter")[:36]
    'before\\n<!-- settings:start -->\\n| set'
    """
    head, start, rest = readme.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise ValueError(f"the README has no {START} ... {END} markers")
    return f"{head}{START}\n{settings_table()}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when README.md differs")
    args = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    wanted = with_table(text)
    if args.check:
        if wanted != text:
            print("README.md's table of settings differs; run scripts/settings_doc.py")
            return 1
        return 0
    if wanted != text:
        README.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
