"""The analysis docstrings cite as networkx does: every ``[n]_`` has its ``.. [n]`` entry in
the same docstring and every entry is cited; every name under "See Also" exists."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator
from types import ModuleType

import ecosystem.analysis

SEE_ALSO = re.compile(r"^See Also\n-+\n(?P<body>.*?)(?=\n\n\S[^\n]*\n-{3,}\n|\Z)", re.M | re.S)


def _modules() -> list[ModuleType]:
    names = [
        info.name
        for info in pkgutil.walk_packages(
            ecosystem.analysis.__path__, ecosystem.analysis.__name__ + "."
        )
    ]
    return [ecosystem.analysis, *(importlib.import_module(name) for name in names)]


def _docstrings(module: ModuleType) -> Iterator[tuple[str, str]]:
    """(where, docstring) of the module and of everything defined in it."""
    if module.__doc__:
        yield module.__name__, inspect.cleandoc(module.__doc__)
    for name, value in vars(module).items():
        if getattr(value, "__module__", None) != module.__name__:
            continue
        if (inspect.isfunction(value) or inspect.isclass(value)) and value.__doc__:
            yield f"{module.__name__}.{name}", inspect.cleandoc(value.__doc__)


DOCSTRINGS = {where: (module, doc) for module in _modules() for where, doc in _docstrings(module)}


def _resolves(name: str, module: ModuleType) -> bool:
    if "." not in name:
        return hasattr(module, name)
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(found, attribute):
                return False
            found = getattr(found, attribute)
        return True
    return False


def _reference_problems(doc: str) -> list[str]:
    cited = set(re.findall(r"\[(\d+)\]_", doc))
    listed = set(re.findall(r"^\.\. \[(\d+)\]", doc, flags=re.M))
    problems = []
    if cited != listed:
        problems.append(f"cites {sorted(cited)} but lists {sorted(listed)}")
    if re.search(r"^References\n-+$", doc, flags=re.M) and not listed:
        problems.append("has References that are not numbered (.. [1] ...)")
    return problems


def _see_also_problems(doc: str, module: ModuleType) -> list[str]:
    match = SEE_ALSO.search(doc)
    if match is None:
        return []
    names = [
        name.strip()
        for line in match["body"].splitlines()
        if line and not line.startswith(" ")
        for name in line.split(" : ")[0].split(",")
    ]
    missing = [name for name in names if not _resolves(name, module)]
    return [f"See Also names nothing by {missing}"] if missing or not names else []


def test_numbered_references_are_cited_and_listed():
    problems = [
        f"{where}: {problem}"
        for where, (_, doc) in sorted(DOCSTRINGS.items())
        for problem in _reference_problems(doc)
    ]
    assert not problems, "\n".join(problems)


def test_see_also_names_exist():
    problems = [
        f"{where}: {problem}"
        for where, (module, doc) in sorted(DOCSTRINGS.items())
        for problem in _see_also_problems(doc, module)
    ]
    assert not problems, "\n".join(problems)


def test_the_checks_see_a_broken_citation_and_a_broken_link():
    doc = "Burt [1]_ and Gould [2]_.\n\nReferences\n----------\n.. [1] Burt, R. S. (1992)."
    assert _reference_problems(doc) == ["cites ['1', '2'] but lists ['1']"]
    doc = "See Also\n--------\nconstraint, nowhere : related.\n"
    assert _see_also_problems(
        doc, importlib.import_module("ecosystem.analysis.structural_holes")
    ) == ["See Also names nothing by ['nowhere']"]
