"""The validate stage: raw tables in, a :class:`~ecosystem.survey.Survey` or every problem out.

Validation gives the text cells of :mod:`ecosystem.readers` their meaning, using the codebook
(:mod:`ecosystem.codebook`): answer labels and codes become codes, organisation names and
aliases become one canonical name each, and every row that cannot mean anything is reported
with its file, row and column and a plain-English fix. All problems of all files are
collected before one :class:`~ecosystem.errors.SurveyError` is raised, so a user fixes
everything in one pass; on success nothing is lost, and each response and edge keeps the
file and row it came from.

The rules are those of the partner-mapping survey design (``surveys/codebook.md``):

* organisations: ``name`` (or ``id``) and ``type`` (or ``group``); a ``group`` column comes
  from another tool, so values that are not our types are kept as written, while an unknown
  ``type`` is a problem. Names and aliases must each point to one organisation. A
  ``short_name`` is optional: at most ``SHORT_NAME_LIMIT`` characters, and never the label
  of another organisation that can be drawn in the same hub's network. It is not an alias.
* responses: ``respondent``, ``partner`` and ``frequency`` are required ("Never" is an
  answer, a blank is not); a file without a ``wave`` column belongs to the wave the user
  names. Several people of one organisation may answer about one partner, but the same
  person answering twice about one partner is a problem.
* edges: ``source`` and ``target``; ``weight`` (a strength, default 1) must be a number of 0
  or more; ``type`` (or ``nature``) is kept as free text (several separated by ``;``).
* names are matched case- and space-insensitively; with an organisations file, every name
  must be in it (nearest names are suggested); without one, organisations are inferred from
  the responses and edges with type ``"unknown"``.
* nobody is their own partner: self-ties are problems.
* wide survey-tool exports (one row per respondent, one column per partner per question)
  are turned into tidy responses by :func:`ecosystem.readers.wide.read_wide`, with any
  mapping files, and then checked by the same rules; each problem names the export's row and
  column as written (a partner's name: the header row and the partner's column, once). They
  belong to the wave the user names.

What a valid file leaves out but the network depends on (no direction of support, no
relevance, no edge weights) is not a problem: :func:`assumptions` says it as notes.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pandas as pd

from ecosystem.codebook import DEFAULT_WAVE
from ecosystem.errors import Problem, SurveyError
from ecosystem.readers.kinds import first_present
from ecosystem.readers.raw import RawTable
from ecosystem.survey import Survey, edges_frame, responses_frame, with_short_names
from ecosystem.validate.assumptions import assumptions
from ecosystem.validate.cells import split_list
from ecosystem.validate.edges import _edges
from ecosystem.validate.frames import _organisation_frame
from ecosystem.validate.names import _Names, _Organisation
from ecosystem.validate.organisations import _organisations
from ecosystem.validate.responses import Answered, _responses, _wide

__all__ = ["assumptions", "split_list", "validate"]


def validate(
    tables: Sequence[RawTable], wave: str | None = None, known: pd.DataFrame | None = None
) -> Survey:
    """Check raw tables against the codebook and return the tidy :class:`Survey`.

    Parameters
    ----------
    tables
        Raw tables from :func:`ecosystem.readers.read_files`, of any kinds, in any order.
    wave
        The wave that files without a ``wave`` column belong to (default
        ``codebook.DEFAULT_WAVE``, "Wave 1"). Files with a ``wave`` column keep all their
        waves: this is not a filter.
    known
        Organisations already known (a :class:`Survey`'s ``organisations`` table, say a
        workspace's): names are checked against them when the tables bring no organisations
        file, so a new wave's responses resolve through the aliases already saved. They are
        taken as they are, never written out and read back (a name may hold a ``;``).

    Returns
    -------
    Survey
        Organisations (canonical names, types, hubs, aliases), responses (codes) and edges,
        as described in :mod:`ecosystem.survey`.

    Raises
    ------
    SurveyError
        With every problem of every table, each naming file, row and column with a fix.

    Examples
    --------
    >>> from ecosystem.readers import read_table
    >>> orgs = read_table("orgs.csv", b"name,type,aliases\\nHealth Innovation Wessex,HIN,"
    ...                   b"Wessex AHSN\\nNHS Dorset,ICB,\\n")
    >>> answers = read_table("answers.csv", b"respondent,partner,frequency\\n"
    ...                      b"nhs dorset,Wessex AHSN,Monthly\\n")
    >>> survey = validate([orgs, answers], wave="Formative 2023")
    >>> survey.responses[["wave", "respondent", "partner"]].iloc[0].tolist()
    ['Formative 2023', 'NHS Dorset', 'Health Innovation Wessex']
    >>> survey.responses["frequency"].tolist()
    [3]
    """
    named_wave = (wave or "").strip() or DEFAULT_WAVE
    problems: list[Problem] = []
    listed = [t for t in tables if t.kind == "organisations"]
    organisations = _organisations(listed, problems)
    # Names are checked against the organisations files only when those could be read: a
    # file without its name column is reported once, not once per response naming it.
    usable = bool(listed) and all(first_present(t.frame.columns, ("name", "id")) for t in listed)
    if not listed and known is not None and len(known):
        organisations, usable = _known_organisations(known), True
    names = _Names.from_organisations(organisations) if usable else _Names()
    answered: Answered = {}
    known = _organisation_frame(organisations) if usable else None
    mapping = [t for t in tables if t.kind == "mapping"]
    responses: list[dict[str, object]] = []
    for t in tables:
        if t.kind == "responses":
            responses.extend(_responses(t, named_wave, names, answered, problems))
        elif t.kind == "wide":
            responses.extend(_wide(t, known, mapping, named_wave, names, answered, problems))
    edges = [
        record
        for t in tables
        if t.kind == "edges"
        for record in _edges(t, named_wave, names, problems)
    ]
    if problems:
        raise SurveyError(problems)
    if not usable:
        organisations = _inferred_organisations(names.inferred, responses, edges)
    return Survey(
        organisations=_organisation_frame(organisations),
        responses=responses_frame(responses),
        edges=edges_frame(edges),
    )


def _known_organisations(known: pd.DataFrame) -> list[_Organisation]:
    """The organisations of a validated survey, as validation holds its roster."""
    return [
        _Organisation(str(name), row["type"], tuple(row["hubs"]), str(row["region"]),
                      tuple(row["aliases"]), tuple(row["waves"]), str(row["short_name"]))
        for name, row in with_short_names(known).iterrows()
    ]  # fmt: skip


def _inferred_organisations(
    inferred: Collection[str], responses: Sequence[dict], edges: Sequence[dict]
) -> list[_Organisation]:
    """Organisations known only from the answers: each is on the roster of the waves that
    name it, so an organisation first named in a later wave is not an isolate before it."""
    waves: dict[str, dict[str, None]] = {name: {} for name in inferred}
    for record in responses:
        for key in ("respondent", "partner"):
            waves.setdefault(record[key], {})[record["wave"]] = None
    for record in edges:
        for key in ("source", "target"):
            waves.setdefault(record[key], {})[record["wave"]] = None
    return [_Organisation(name, waves=tuple(waves.get(name, {}))) for name in inferred]
