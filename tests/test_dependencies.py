"""Every package the code imports is declared, and every declared package is pinned.

``pyproject.toml`` lists what the package needs to run (``dependencies``) and what its tests
and checks need (the ``test`` extra); ``constraints.txt`` pins the versions that `make install`
and CI install and test. A package imported but not declared works only while another one
happens to pull it in (Flask came with Dash, Werkzeug and MarkupSafe with Flask), until an
upgrade drops it. Imports are read with :mod:`ast` from every module in ``ecosystem/``, those
inside functions included.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement

import ecosystem

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(ecosystem.__file__).resolve().parent

ALSO_DECLARED = {"python-igraph": "igraph"}
"""Declared name -> the distribution it installs under another name (python-igraph is the
old name of igraph, kept as a package that only requires it)."""


def _normalised(name: str) -> str:
    """A distribution's name as pip compares names (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _project() -> dict:
    text = (PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["project"]


def _requirements(*groups: str) -> list[Requirement]:
    project = _project()
    listed = project["dependencies"] if "run" in groups else []
    for group in groups:
        listed = listed + project["optional-dependencies"].get(group, [])
    return [Requirement(line) for line in listed]


def _pins() -> dict[str, str]:
    """Distribution -> pinned version, from constraints.txt."""
    lines = (PROJECT_ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pins = [line.split("==") for line in lines if line and not line.startswith("#")]
    return {_normalised(name): version for name, version in pins}


def _imported_packages() -> set[str]:
    """The top-level names of what ``ecosystem/`` imports, the standard library aside."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"ecosystem"}


def test_every_imported_package_is_a_declared_dependency():
    declared = {_normalised(r.name) for r in _requirements("run")}
    declared |= {ALSO_DECLARED.get(name, name) for name in declared}
    distributions = packages_distributions()
    undeclared = {
        module: distributions.get(module, ["(not installed)"])
        for module in sorted(_imported_packages())
        if not declared & {_normalised(d) for d in distributions.get(module, [module])}
    }
    assert not undeclared, f"imported but not in pyproject.toml's dependencies: {undeclared}"


def test_every_declared_package_is_pinned_within_its_bounds():
    pins = _pins()
    for requirement in _requirements("run", "test"):
        name = _normalised(requirement.name)
        assert name in pins, f"{requirement.name} is not pinned in constraints.txt"
        assert requirement.specifier.contains(pins[name]), (requirement, pins[name])


def test_each_lower_bound_is_the_pinned_version():
    """The bounds' rule (pyproject.toml says it): the lowest version allowed is the one that
    is installed and tested, so a looser bound cannot promise an untested version."""
    pins = _pins()
    for requirement in _requirements("run", "test"):
        (lower,) = [s.version for s in requirement.specifier if s.operator == ">="]
        pinned = pins[_normalised(requirement.name)].split(".")
        assert pinned[: len(lower.split("."))] == lower.split("."), (requirement, pinned)
