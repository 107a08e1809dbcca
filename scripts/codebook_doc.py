"""Write the codebook's tables into ``surveys/codebook.md``: the document says what the code does.

The answer scales (frequency, relevance, direction), the natures of a tie and the
organisation types are defined once, in ``ecosystem.codebook``. Each of their tables in the
document sits between two markers::

    <!-- generated:frequency -->
    | code | label | also accepted |
    ...
    <!-- end generated -->

and this script rewrites what is between them from the codebook, keeping the prose around
them as written. ``tests/test_codebook_doc.py`` fails when the document differs from what
the script writes.

Run with the project's environment: ``make docs`` (or ``.venv/bin/python
scripts/codebook_doc.py``); ``--check`` only reports whether the document is up to date.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from ecosystem.codebook import (
    DIRECTION,
    FREQUENCY,
    NATURE_SYNONYMS,
    NATURES,
    ORGANISATION_TYPE_SYNONYMS,
    RELEVANCE,
    TYPES,
    CodeScale,
    normalise_label,
)
from ecosystem.network import build_network
from ecosystem.survey import Survey, empty_edges, empty_organisations, responses_frame

DOCUMENT = Path(__file__).resolve().parents[1] / "surveys" / "codebook.md"
END = "<!-- end generated -->"
BLOCK = re.compile(r"(<!-- generated:(?P<name>[a-z_]+) -->\n)(?P<body>.*?)(?=" + END + ")", re.S)


def _row(cells: Iterable[str]) -> str:
    return "|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|"


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    header = list(header)
    lines = [_row(header), "|" + "|".join("---" for _ in header) + "|"]
    lines += [_row(row) for row in rows]
    return "\n".join(lines) + "\n"


def _also_accepted(key: object, label: str, synonyms: Mapping[str, object]) -> list[str]:
    """The other wordings of one answer, in the codebook's order; the label is not repeated."""
    return [
        wording
        for wording, code in synonyms.items()
        if code == key and normalise_label(wording) != normalise_label(label)
    ]


def scale_table(scale: CodeScale) -> str:
    """An ordered scale: its codes, their labels and the other wordings read as each."""
    rows = [
        (str(code), label, ", ".join(_also_accepted(code, label, scale.synonyms)))
        for code, label in scale.labels.items()
    ]
    return _table(("code", "label", "also accepted"), rows)


def _arcs(direction: str) -> str:
    """What one report with this direction gives in the network, read from the network builder."""
    report = {
        "wave": "W",
        "respondent": "R",
        "partner": "P",
        "frequency": FREQUENCY.top,
        "relevance": float(RELEVANCE.top),
        "direction": direction,
        "nature": (),
        "respondent_person": "",
        "submitted": "",
        "source_file": "",
        "source_row": 1,
    }
    responses = responses_frame([report])
    graph = build_network(Survey(empty_organisations(), responses, empty_edges()), "W")
    arcs = set(graph.edges())
    stated = all(graph.edges[arc].get("direction_stated", True) for arc in arcs)
    words = {
        frozenset({("R", "P")}): "respondent → partner",
        frozenset({("P", "R")}): "partner → respondent",
        frozenset({("R", "P"), ("P", "R")}): "both arcs",
    }[frozenset(arcs)]
    return words if stated else f"{words}, flagged: no direction stated (see section 4)"


def direction_table() -> str:
    """Direction of support: keys, labels, other wordings, a blank cell, and the arcs each gives."""
    blank = DIRECTION.parse("")
    rows = []
    for key, label in DIRECTION.labels.items():
        also = _also_accepted(key, label, DIRECTION.synonyms)
        if key == blank:
            also.append("or a blank cell" if also else "a blank cell")
        rows.append((f"`{key}`", label, ", ".join(also), _arcs(key)))
    return _table(("key", "label", "also accepted", "arcs in the network"), rows)


def nature_table() -> str:
    """The natures of a tie: keys, labels and other wordings."""
    rows = [
        (f"`{key}`", label, ", ".join(_also_accepted(key, label, NATURE_SYNONYMS)))
        for key, label in NATURES.items()
    ]
    return _table(("key", "label", "also accepted"), rows)


def type_table() -> str:
    """The organisation types, in legend order: keys, labels and other wordings."""
    rows = [
        (
            f"`{kind.key}`",
            kind.label,
            ", ".join(_also_accepted(kind.key, kind.label, ORGANISATION_TYPE_SYNONYMS)),
        )
        for kind in TYPES
    ]
    return _table(("key", "label", "also accepted"), rows)


TABLES: dict[str, Callable[[], str]] = {
    "frequency": lambda: scale_table(FREQUENCY),
    "relevance": lambda: scale_table(RELEVANCE),
    "direction": direction_table,
    "natures": nature_table,
    "types": type_table,
}
"""Every generated table, by the name its markers carry."""


def render(text: str) -> str:
    """The document with every marked table rewritten from the codebook, the rest unchanged.

    A marker naming no table, or a table without its markers, is an error: the document and
    the script would silently part ways.
    """
    found = [match["name"] for match in BLOCK.finditer(text)]
    unknown = sorted(set(found) - set(TABLES))
    missing = sorted(set(TABLES) - set(found))
    if unknown or missing:
        raise ValueError(
            f"{DOCUMENT.name}: markers without a table: {unknown or 'none'}; "
            f"tables without markers: {missing or 'none'}"
        )
    return BLOCK.sub(lambda match: match[1] + TABLES[match["name"]](), text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only say whether the document is up to date"
    )
    args = parser.parse_args(argv)
    current = DOCUMENT.read_text(encoding="utf-8")
    wanted = render(current)
    if args.check:
        if wanted != current:
            print(f"{DOCUMENT.name} differs from the codebook: run `make docs`", file=sys.stderr)
            return 1
        return 0
    if wanted != current:
        DOCUMENT.write_text(wanted, encoding="utf-8")
        print(f"rewrote the codebook's tables in {DOCUMENT.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
