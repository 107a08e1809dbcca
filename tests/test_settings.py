"""The settings registry: documented, read by the command line and the signatures, and printed
in the README exactly as ``scripts/settings_doc.py`` writes it."""

from __future__ import annotations

import argparse
import ast
import importlib.util
import sys
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

import pytest

import ecosystem
from ecosystem.cli import build_parser
from ecosystem.settings import SETTINGS, Settings, option_help, setting, settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(ecosystem.__file__).resolve().parent
SCRIPT = PROJECT_ROOT / "scripts" / "settings_doc.py"
_spec = importlib.util.spec_from_file_location("settings_doc", SCRIPT)
settings_doc = sys.modules.setdefault("settings_doc", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(settings_doc)

NAMES = {found.name for found in settings()}


def options(parser: argparse.ArgumentParser, command: str = "ecosystem") -> Iterator:
    """Every option of ``parser`` and its subcommands' parsers, as (command, action)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from options(sub, f"{command} {name}")
        else:
            yield command, action


def test_the_readme_shows_the_table_the_script_writes():
    readme = settings_doc.README.read_text(encoding="utf-8")
    assert settings_doc.with_table(readme) == readme, (
        "README.md's table of settings is stale: run .venv/bin/python scripts/settings_doc.py"
    )


def test_the_script_check_exits_1_on_a_stale_readme(tmp_path, monkeypatch):
    stale = tmp_path / "README.md"
    stale.write_text(f"# x\n{settings_doc.START}\nold\n{settings_doc.END}\n", encoding="utf-8")
    monkeypatch.setattr(settings_doc, "README", stale)
    assert settings_doc.main(["--check"]) == 1
    assert settings_doc.main([]) == 0
    assert settings_doc.main(["--check"]) == 0
    assert "| `seed` | 2023 |" in stale.read_text(encoding="utf-8")


def test_every_setting_is_documented_and_typed():
    for found in settings():
        assert found.help.strip(), f"setting {found.name} has no help"
        assert not found.help.endswith("."), f"setting {found.name}: help is a phrase, no stop"
        assert isinstance(found.default, found.type)
    declared = {f.name: f.type for f in fields(Settings)}
    assert {name: setting(name).type.__name__ for name in declared} == declared


def test_each_command_line_option_named_after_a_setting_takes_its_default_and_help():
    checked = set()
    for command, action in options(build_parser()):
        if action.dest in NAMES:
            assert action.default == getattr(SETTINGS, action.dest), f"{command} {action.dest}"
            assert action.help == option_help(action.dest), f"{command} {action.dest}"
            checked.add(action.dest)
    assert {"seed", "permutations", "samples", "threads", "upload_limit_mb"} <= checked


def parameters_with_literal_defaults(path: Path) -> Iterator[str]:
    """Parameters named after a setting whose default is written as a literal."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        arguments = node.args
        positional = [*arguments.posonlyargs, *arguments.args]
        defaulted = positional[len(positional) - len(arguments.defaults) :]
        pairs = list(zip(defaulted, arguments.defaults, strict=True))
        pairs += zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
        for argument, default in pairs:
            if argument.arg in NAMES and isinstance(default, ast.Constant):
                where = path.relative_to(PACKAGE.parent)
                yield f"{where}:{node.lineno} {node.name}({argument.arg})"


def test_no_signature_writes_a_setting_s_default_itself():
    found = [
        where
        for path in sorted(PACKAGE.rglob("*.py"))
        for where in parameters_with_literal_defaults(path)
    ]
    assert not found, "read these defaults from ecosystem.settings:\n" + "\n".join(found)


@pytest.mark.parametrize("name", sorted(NAMES))
def test_every_setting_is_read_by_the_package(name):
    source = "\n".join(
        path.read_text(encoding="utf-8")
        for path in PACKAGE.rglob("*.py")
        if path.name != "settings.py" or path.parent != PACKAGE
    )
    assert f"SETTINGS.{name}" in source or f'option_help("{name}")' in source
