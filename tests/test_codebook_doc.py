"""surveys/codebook.md says what the codebook does: its tables are the ones the script writes.

The answer-scale, nature and type tables are written from ``ecosystem.codebook`` by
``scripts/codebook_doc.py`` (``make docs``); the weighting and reconciliation tables are
hand-written, so only their keys are held against the codebook here.
"""

from __future__ import annotations

import difflib
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from ecosystem.codebook import RECONCILIATIONS, WEIGHTINGS

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT = ROOT / "surveys" / "codebook.md"
SCRIPT = ROOT / "scripts" / "codebook_doc.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("codebook_doc", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_codebook_document_shows_the_codebooks_tables(script):
    current = DOCUMENT.read_text(encoding="utf-8")
    wanted = script.render(current)
    if wanted != current:
        difference = "\n".join(
            difflib.unified_diff(
                current.splitlines(),
                wanted.splitlines(),
                "surveys/codebook.md",
                "the codebook",
                n=0,
                lineterm="",
            )
        )
        pytest.fail(
            "surveys/codebook.md differs from ecosystem/codebook; run `make docs` "
            f"(python scripts/codebook_doc.py) and commit the result:\n{difference}",
            pytrace=False,
        )


def test_a_changed_cell_is_written_back(script):
    current = DOCUMENT.read_text(encoding="utf-8")
    edited = current.replace("| 3 | Monthly | Every month |", "| 3 | Monthly | Every moon |")
    assert edited != current
    assert script.render(edited) == current


def test_every_table_has_its_markers_and_every_marker_a_table(script):
    current = DOCUMENT.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match=r"tables without markers: \['types'\]"):
        script.render(current.replace("<!-- generated:types -->", "<!-- types -->"))
    with pytest.raises(ValueError, match=r"markers without a table: \['weights'\]"):
        script.render(current + "<!-- generated:weights -->\n<!-- end generated -->\n")


def _first_column(section: str) -> set[str]:
    """The keys in the first column of a section's table (written as `key`)."""
    text = DOCUMENT.read_text(encoding="utf-8")
    body = text.split(section, 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([^`]+)`", body, flags=re.M))


@pytest.mark.parametrize(
    ("section", "keys"),
    [("## 5. Weighting", set(WEIGHTINGS)), ("## 6. Reconciliation", set(RECONCILIATIONS))],
)
def test_the_hand_written_tables_name_every_option_of_the_codebook(section, keys):
    assert _first_column(section) == keys
