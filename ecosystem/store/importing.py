"""Importing a survey: one transaction per import, planned in full before a row is written.

:func:`import_survey` runs inside the caller's write transaction: it sets aside the files
imported before (:mod:`ecosystem.store.files`), refuses a survey that validation did not make
(:func:`unvalidated_problems`), plans what the survey adds to the stored state
(:class:`~ecosystem.store.planning.Plan`) and writes the plan. Anything that goes wrong on
the way raises, and the caller's transaction rolls every row back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Container, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from ecosystem.codebook import DIRECTION, FREQUENCY, RELEVANCE, normalise_label
from ecosystem.errors import Problem, SurveyError
from ecosystem.store.files import kept_rows, sort_files
from ecosystem.store.planning import (
    NOT_VALIDATED_FIX,
    ORGANISATIONS_PLACE,
    Plan,
    is_missing,
    records,
    row_number,
)
from ecosystem.store.schema import next_position, to_json
from ecosystem.survey import EDGE_COLUMNS, ORGANISATION_COLUMNS, RESPONSE_COLUMNS, Survey

__all__ = ["ImportReport", "import_survey", "unvalidated_problems"]


@dataclass(frozen=True)
class ImportReport:
    """What one import added to a workspace.

    Counts are of rows added; ``waves`` names the waves that received rows, new or not;
    ``skipped_files`` are files whose bytes were imported before (nothing of them is added
    again); ``notes`` say in plain words what was kept, merged or skipped and why;
    ``import_id`` is the import's number in :meth:`Workspace.imports
    <ecosystem.store.Workspace.imports>` (``None`` when nothing was imported).
    """

    added_organisations: int = 0
    added_aliases: int = 0
    added_waves: int = 0
    added_responses: int = 0
    added_edges: int = 0
    skipped_files: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    waves: tuple[str, ...] = ()
    import_id: int | None = None

    def __str__(self) -> str:
        text = (
            f"added {self.added_organisations} organisations, {self.added_aliases} aliases, "
            f"{self.added_waves} waves, {self.added_responses} responses and "
            f"{self.added_edges} edge rows"
        )
        if self.skipped_files:
            text += f"; already imported: {', '.join(self.skipped_files)}"
        return text


def import_survey(
    connection: sqlite3.Connection, survey: Survey, files: Sequence[tuple[str, bytes]]
) -> ImportReport:
    """Add a validated survey, inside the caller's write transaction.

    See :meth:`ecosystem.store.Workspace.import_survey`, which holds the transaction.
    """
    skipped, fresh, notes = sort_files(connection, files)
    if files and not fresh:
        return ImportReport(skipped_files=tuple(skipped), notes=tuple(notes))
    unvalidated = unvalidated_problems(survey, set(skipped))
    if unvalidated:
        raise SurveyError(unvalidated)
    plan = Plan.make(connection, survey, set(skipped), notes)
    if plan.problems:
        raise SurveyError(plan.problems)
    try:
        import_id = _write(connection, plan, fresh)
    except sqlite3.IntegrityError as error:
        problem = Problem(
            ORGANISATIONS_PLACE,
            None,
            None,
            f"the workspace refused these data ({error}); nothing was stored",
            "check the files with 'ecosystem validate' and import them again",
        )
        raise SurveyError([problem]) from error
    return ImportReport(
        added_organisations=len(plan.new_organisations),
        added_aliases=len(plan.new_aliases),
        added_waves=len(plan.new_waves),
        added_responses=len(plan.responses),
        added_edges=len(plan.edges),
        skipped_files=tuple(skipped),
        notes=tuple(plan.notes),
        waves=tuple(plan.waves),
        import_id=import_id,
    )


# --- a survey that validation did not make ----------------------------------------------------


def unvalidated_problems(survey: Survey, skipped: set[str]) -> list[Problem]:
    """What a survey made by validation cannot have: a missing column, a code off its scale.

    Validation guarantees both, and the store relies on them; this one check stands in for
    validation when a survey was put together by hand, so that it is refused with a
    :class:`~ecosystem.errors.Problem` rather than stored wrong. Rows of ``skipped`` files
    are not stored, so they are not checked. Everything else that validation guarantees
    (names, types, natures, weights) the store takes as given.
    """
    frames = {
        "organisations": (survey.organisations, ORGANISATION_COLUMNS),
        "responses": (survey.responses, RESPONSE_COLUMNS),
        "edges": (survey.edges, EDGE_COLUMNS),
    }
    problems = []
    for what, (frame, columns) in frames.items():
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            message = f"the survey's {what} lack the column(s) {', '.join(missing)}"
            problems.append(Problem(what, None, missing[0], message, NOT_VALIDATED_FIX))
    if problems:
        return problems
    for record in records(kept_rows(survey.responses, skipped), RESPONSE_COLUMNS):
        for column, codes, blank_allowed, fix in _SCALES:
            code = record[column]
            if (blank_allowed and is_missing(code)) or _on_scale(code, codes):
                continue
            file, row = str(record["source_file"]), row_number(record["source_row"])
            problems.append(Problem(file, row, column, f"{code!r} is not a {column} code", fix))
    return problems


_SCALES: Final = (
    ("frequency", FREQUENCY.labels, False, FREQUENCY.accepted),
    ("relevance", RELEVANCE.labels, True, RELEVANCE.accepted),
    ("direction", DIRECTION.labels, False, "use one of: " + ", ".join(DIRECTION.labels)),
)
"""The columns of a response that hold a code of the codebook: column, the scale's codes,
whether a blank is allowed (a relevance not answered) and how to mend it."""


def _on_scale(code: object, codes: Container[object]) -> bool:
    """Whether a code is one of a scale's (``True`` is not the code 1)."""
    return not isinstance(code, bool) and isinstance(code, Hashable) and code in codes


# --- writing -------------------------------------------------------------------------------------


def _write(
    connection: sqlite3.Connection, plan: Plan, files: Sequence[tuple[str, bytes, str]]
) -> int:
    """Write the plan inside the caller's transaction; return the import's number."""
    import_id = _log_import(connection, plan, files)
    _append(connection, "waves", ("name",), [(name,) for name in plan.new_waves])
    _append(
        connection,
        "organisations",
        ("name", "key", "type", "hubs", "region", "waves", "short_name"),
        plan.new_organisations,
    )
    connection.executemany(
        "UPDATE organisations SET type = ?, hubs = ?, region = ?, waves = ?, short_name = ? "
        "WHERE name = ?",
        [
            (o.type, to_json(o.hubs), o.region, to_json(o.waves), o.short_name, name)
            for name, o in plan.changed_organisations.items()
        ],
    )
    _append(
        connection,
        "aliases",
        ("alias", "key", "organisation", "import_id"),
        [(alias, normalise_label(alias), owner, import_id) for alias, owner in plan.new_aliases],
    )
    rows = ((*row, import_id) for row in plan.responses)
    _insert(connection, "responses", (*RESPONSE_COLUMNS, "import_id"), rows)
    rows = ((*row, import_id) for row in plan.edges)
    _insert(connection, "edges", (*EDGE_COLUMNS, "import_id"), rows)
    return import_id


def _log_import(
    connection: sqlite3.Connection, plan: Plan, files: Sequence[tuple[str, bytes, str]]
) -> int:
    """Log the import and its files (name, SHA-256, size, rows given); return its number."""
    cursor = connection.execute(
        "INSERT INTO imports (imported_at, waves, organisations, aliases, responses, edges) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            datetime.now(UTC).isoformat(timespec="seconds"),
            to_json(plan.waves),
            len(plan.new_organisations),
            len(plan.new_aliases),
            len(plan.responses),
            len(plan.edges),
        ),
    )
    import_id = int(cursor.lastrowid or 0)
    response_file, edge_file = (
        RESPONSE_COLUMNS.index("source_file"),
        EDGE_COLUMNS.index("source_file"),
    )
    _insert(
        connection,
        "import_files",
        ("import_id", "file", "sha256", "bytes", "responses", "edges"),
        [
            (
                import_id,
                name,
                digest,
                len(data),
                sum(1 for r in plan.responses if r[response_file] == name),
                sum(1 for e in plan.edges if e[edge_file] == name),
            )
            for name, data, digest in files
        ],
    )
    return import_id


def _append(
    connection: sqlite3.Connection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
) -> None:
    """Add rows after the rows of a table that keeps its order (``position``)."""
    start = next_position(connection, table)
    numbered = [(*row, start + i) for i, row in enumerate(rows)]
    _insert(connection, table, (*columns, "position"), numbered)


def _insert(
    connection: sqlite3.Connection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
) -> None:
    """Insert rows into one table (the one place an import writes rows)."""
    marks = ", ".join("?" for _ in columns)
    connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
