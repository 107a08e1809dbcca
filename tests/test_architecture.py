"""Data flows one way through the package: each module imports only its own stage or earlier ones.

The stages are those of the architecture (files -> read -> validate -> store -> network ->
compute -> analysis -> figures -> service -> faces), with the files that the exports write
between the service layer and the command line and dashboard. Imports are read with
:mod:`ast` from the source of every module in ``ecosystem/``: those at the top, inside
functions and under ``TYPE_CHECKING`` alike, since each is a dependency of the module's
design even where it does not run at import time.

Rules, each a test of its own:

* a module imports modules of its own stage or of earlier stages only;
* no import cycle among modules, inside packages included;
* the core (everything but the faces) never imports Dash;
* the analysis modules know nothing of files or of the service layer: they take graphs;
* the faces read files only through ``ecosystem.load``;
* **one door**: the faces (:data:`DOOR_FACES`: the command line, the dashboard, the report,
  the exports, the exhibits and the anonymiser) reach the core through
  ``ecosystem.service`` (and ``ecosystem.access`` for who may see what): they import
  ``ecosystem.analysis``, ``ecosystem.compute`` and ``ecosystem.store`` only under
  ``if TYPE_CHECKING:``, for type hints, never to run them. A rule such as where
  organisations sit or which wave comes before is then written once, in the service, and
  every face agrees. (The benchmark, ``ecosystem.bench``, times the core itself and is not
  a face of this rule.)

There are no exceptions: a module that needs something from a later stage is a sign that the
thing belongs earlier (or that the module does two jobs).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import networkx as nx
import pytest

import ecosystem

PACKAGE = Path(ecosystem.__file__).resolve().parent

STAGES: dict[str, tuple[str, ...]] = {
    "base": (
        "__init__",
        "settings",
        "words",
        "codebook",
        "errors",
        "survey",
        "names",
        "glossary",
        "access",
    ),
    "read": ("readers", "synthetic"),
    "validate": ("validate",),
    "load and store": ("load", "store"),
    "network": ("network", "graphs", "observation"),
    "compute": ("compute",),
    "analysis": ("analysis",),
    "figures": ("layout", "figures"),
    "service": ("service",),
    "files": ("exhibits", "export", "anonymise", "report"),
    "faces": ("cli", "dashboard", "bench"),
}
"""Each stage (in the order data flows) and the top-level modules or packages of ``ecosystem``
in it; ``__init__`` is the package itself. ``load`` is read and validate run back to back for
the faces; ``synthetic`` makes surveys for benchmarks, as the readers make them from files;
``compute`` shares the costliest measures out to worker processes."""

FACES = STAGES["faces"]
ANALYSIS_MUST_NOT_IMPORT = ("ecosystem.load", "ecosystem.readers", "ecosystem.service")


def stage_of(module: str) -> int | None:
    """The position of a module's stage in ``STAGES``; None when no stage lists it."""
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    for position, tops in enumerate(STAGES.values()):
        if top in tops:
            return position
    return None


def described(module: str) -> str:
    """A module with its stage, for messages; another package's name as it is."""
    if not within(module, PACKAGE.name):
        return module
    position = stage_of(module)
    return f"{module} ({'no stage' if position is None else list(STAGES)[position]})"


def within(module: str, prefixes: str | Iterable[str]) -> bool:
    """True when ``module`` is one of ``prefixes`` or inside one of those packages."""
    prefixes = (prefixes,) if isinstance(prefixes, str) else prefixes
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


def package_modules(root: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its ``__init__.py``)."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = [root.name, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _is_type_checking(node: ast.AST) -> bool:
    """True for ``if TYPE_CHECKING:`` (or ``if typing.TYPE_CHECKING:``)."""
    if not isinstance(node, ast.If):
        return False
    test = node.test
    name = test.attr if isinstance(test, ast.Attribute) else getattr(test, "id", None)
    return name == "TYPE_CHECKING"


def _statements(tree: ast.AST, at_run_time: bool) -> Iterable[ast.AST]:
    """Every node of ``tree``; with ``at_run_time``, none under ``if TYPE_CHECKING:`` (its
    ``else:`` branch runs, and is kept)."""
    if at_run_time and _is_type_checking(tree):
        assert isinstance(tree, ast.If)
        for node in tree.orelse:
            yield from _statements(node, at_run_time)
        return
    yield tree
    for child in ast.iter_child_nodes(tree):
        yield from _statements(child, at_run_time)


def imports_in(
    module: str, source: str, is_package: bool, known: Iterable[str], at_run_time: bool = False
) -> tuple[set[str], set[str]]:
    """The ``ecosystem`` modules and the other top-level packages that ``source`` imports.

    ``from package import name`` counts as importing ``package.name`` when that is a module
    (one of ``known``), else ``package``; relative imports are resolved against ``module``.
    With ``at_run_time``, imports under ``if TYPE_CHECKING:`` (type hints only) are left out.
    """
    known = set(known)
    own_package = module if is_package else module.rpartition(".")[0]
    internal: set[str] = set()
    external: set[str] = set()

    def note(name: str) -> None:
        if within(name, PACKAGE.name):
            internal.add(name)
        else:
            external.add(name.split(".")[0])

    for node in _statements(ast.parse(source), at_run_time):
        if isinstance(node, ast.Import):
            for alias in node.names:
                note(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: level 1 is the module's own package, 2 its parent
                parts = own_package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                note(candidate if candidate in known else base)
    return internal, external


def import_maps(at_run_time: bool = False) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """For every module of the package: the package modules and the other packages it imports
    (with ``at_run_time``, leaving out those imported for type hints only)."""
    modules = package_modules()
    internal, external = {}, {}
    for module, path in modules.items():
        source = path.read_text(encoding="utf-8")
        is_package = path.name == "__init__.py"
        internal[module], external[module] = imports_in(
            module, source, is_package, modules, at_run_time
        )
    return internal, external


def backward_imports(imports: Mapping[str, set[str]]) -> set[tuple[str, str]]:
    """Imports of a later stage than the importer's own (or of a module with no stage)."""
    found = set()
    for importer, imported in imports.items():
        for target in imported:
            here, there = stage_of(importer), stage_of(target)
            if here is None or there is None or there > here:
                found.add((importer, target))
    return found


def analysis_reaching_out(imports: Mapping[str, set[str]]) -> set[tuple[str, str]]:
    """Imports from an analysis module of the loaders, the readers or the service layer."""
    return {
        (importer, target)
        for importer, imported in imports.items()
        if within(importer, "ecosystem.analysis")
        for target in imported
        if within(target, ANALYSIS_MUST_NOT_IMPORT)
    }


FACES_MUST_NOT_IMPORT = ("ecosystem.readers", "ecosystem.validate")


def faces_reaching_past_loading(imports: Mapping[str, set[str]]) -> set[tuple[str, str]]:
    """Imports from a face (the CLI, the dashboard) of the readers or validation: faces read
    files through ``ecosystem.load``, so every face reads and checks them the same way."""
    return {
        (importer, target)
        for importer, imported in imports.items()
        if within(importer, ("ecosystem.cli", "ecosystem.dashboard"))
        for target in imported
        if within(target, FACES_MUST_NOT_IMPORT)
    }


DOOR_FACES = tuple(
    f"ecosystem.{face}"
    for face in ("cli", "dashboard", "report", "export", "exhibits", "anonymise")
)
"""The faces that reach the core through the service layer only."""

BEHIND_THE_DOOR = ("ecosystem.analysis", "ecosystem.compute", "ecosystem.store")
"""What a face may import for type hints only: the service layer stands in front of it."""


def faces_past_the_door(imports: Mapping[str, set[str]]) -> set[tuple[str, str]]:
    """Run-time imports from a face of the analysis, the workers or the store: a face asks
    ``ecosystem.service`` (or ``ecosystem.access``) instead. ``imports`` must leave out
    those under ``if TYPE_CHECKING:`` (:func:`import_maps` with ``at_run_time``)."""
    return {
        (importer, target)
        for importer, imported in imports.items()
        if within(importer, DOOR_FACES)
        for target in imported
        if within(target, BEHIND_THE_DOOR)
    }


def dash_in_the_core(external: Mapping[str, set[str]]) -> set[tuple[str, str]]:
    """Imports of Dash (or a Dash component library) by a module that is not a face."""
    return {
        (importer, name)
        for importer, names in external.items()
        if not within(importer, [f"ecosystem.{face}" for face in FACES])
        for name in names
        if name == "dash" or name.startswith("dash_")  # dash_ag_grid and the like
    }


def import_cycles(imports: Mapping[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, round and round."""
    graph = nx.DiGraph()
    graph.add_nodes_from(imports)
    graph.add_edges_from(
        (importer, target)
        for importer, imported in imports.items()
        for target in imported
        if target in imports
    )
    groups = [sorted(group) for group in nx.strongly_connected_components(graph)]
    loops = [[module] for module in imports if graph.has_edge(module, module)]
    return sorted([group for group in groups if len(group) > 1] + loops)


def readable(found: set[tuple[str, str]]) -> list[str]:
    """Violations, one readable line each."""
    return sorted(
        f"{described(importer)} imports {described(target)}" for importer, target in found
    )


INTERNAL, EXTERNAL = import_maps()
AT_RUN_TIME, _ = import_maps(at_run_time=True)


@pytest.mark.parametrize("module", sorted(INTERNAL))
def test_every_module_belongs_to_a_stage(module):
    assert stage_of(module) is not None, f"add {module} to a stage of STAGES in this test"


def test_each_module_imports_only_its_own_stage_or_earlier_ones():
    found = readable(backward_imports(INTERNAL))
    assert not found, "imports against the flow of data:\n" + "\n".join(found)


def test_no_modules_import_each_other_in_a_cycle():
    cycles = import_cycles(INTERNAL)
    assert not cycles, "modules that import each other:\n" + "\n".join(map(str, cycles))


def test_the_core_never_imports_dash():
    found = readable(dash_in_the_core(EXTERNAL))
    assert not found, "Dash imported outside the faces:\n" + "\n".join(found)


def test_the_analysis_knows_nothing_of_files_or_the_service_layer():
    found = readable(analysis_reaching_out(INTERNAL))
    assert not found, "analysis reaching past its graphs:\n" + "\n".join(found)


def test_the_faces_read_files_only_through_loading():
    found = readable(faces_reaching_past_loading(INTERNAL))
    assert not found, "faces reaching past ecosystem.load:\n" + "\n".join(found)
    made_up = {"ecosystem.dashboard.callbacks.upload": {"ecosystem.readers.wide"}}
    assert faces_reaching_past_loading(made_up) == {
        ("ecosystem.dashboard.callbacks.upload", "ecosystem.readers.wide")
    }


def test_the_faces_reach_the_core_only_through_the_service_door():
    found = sorted(
        f"{importer} imports {target}: ask ecosystem.service instead (or import it under "
        "`if TYPE_CHECKING:` for a type hint)"
        for importer, target in faces_past_the_door(AT_RUN_TIME)
    )
    assert not found, "faces past the service door:\n" + "\n".join(found)


def test_the_door_rule_allows_type_hints_and_catches_the_rest():
    known = {"ecosystem.analysis.sustainability", "ecosystem.store", "ecosystem.service"}
    source = (
        "from typing import TYPE_CHECKING\n"
        "from ecosystem.service import Selection\n"
        "if TYPE_CHECKING:\n"
        "    from ecosystem.analysis.sustainability import KeyPlayers\n"
        "def open_it():\n"
        "    from ecosystem.store import Workspace\n"
    )
    module = "ecosystem.dashboard.callbacks.sustainability"
    every, _ = imports_in(module, source, False, known)
    running, _ = imports_in(module, source, False, known, at_run_time=True)
    assert every == running | {"ecosystem.analysis.sustainability"}
    assert faces_past_the_door({module: running}) == {(module, "ecosystem.store")}
    assert faces_past_the_door({"ecosystem.service.gaps": {"ecosystem.analysis.gaps"}}) == set()


def test_the_rules_catch_a_new_violation():
    """The checks themselves, on made-up modules: each rule names the import that breaks it."""
    known = {"ecosystem.analysis.gaps", "ecosystem.figures", "ecosystem.network"}
    internal, external = imports_in(
        "ecosystem.analysis.gaps",
        "import dash\nfrom ecosystem import figures\nfrom ..service import choose_wave\n",
        is_package=False,
        known=known,
    )
    assert internal == {"ecosystem.figures", "ecosystem.service"} and external == {"dash"}
    imports = {"ecosystem.analysis.gaps": internal, "ecosystem.network": set()}
    assert backward_imports(imports) == {
        ("ecosystem.analysis.gaps", "ecosystem.figures"),
        ("ecosystem.analysis.gaps", "ecosystem.service"),
    }
    assert analysis_reaching_out(imports) == {("ecosystem.analysis.gaps", "ecosystem.service")}
    assert dash_in_the_core({"ecosystem.analysis.gaps": external, "ecosystem.cli": {"dash"}}) == {
        ("ecosystem.analysis.gaps", "dash")
    }
    circle = {"ecosystem.network": {"ecosystem.graphs"}, "ecosystem.graphs": {"ecosystem.network"}}
    assert import_cycles(circle) == [["ecosystem.graphs", "ecosystem.network"]]
    assert (
        import_cycles({"ecosystem.network": {"ecosystem.graphs"}, "ecosystem.graphs": set()}) == []
    )
