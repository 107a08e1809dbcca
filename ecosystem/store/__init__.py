"""The store stage: a workspace that keeps every wave a user imports, and never loses any.

Evaluators collect a survey wave, then another a year later, and so on. A *workspace* is a
folder holding one SQLite file (``ecosystem.sqlite``) where every import is kept; reading it
back gives the same :class:`~ecosystem.survey.Survey` that the files gave, so every later
stage works on a workspace exactly as on files.

Promises
--------
* **All or nothing.** Each import, rename or deletion is one transaction: when anything goes
  wrong midway (bad input, a full disk, a crash), the workspace is as it was before.
* **Bad input changes nothing.** A survey is checked against what is stored before anything
  is written: names that are unknown or that clash with stored names or aliases, and
  answers that the merge with stored organisations and waves makes self-ties, repeats or
  changes of a stored answer are each reported as a :class:`~ecosystem.errors.Problem`
  (file, row, column, fix) in one :class:`~ecosystem.errors.SurveyError`.
* **One rule set.** The codebook's rules are validation's (:mod:`ecosystem.validate`): the
  store takes a validated survey as it is. A survey put together by hand is refused only
  for a missing column or a code off its scale
  (:func:`ecosystem.store.importing.unvalidated_problems`).
* **Importing the same file twice adds nothing.** Files are recognised by the SHA-256 of
  their bytes, whatever they are called; rows that came from a file already imported are
  skipped and the file is reported in ``skipped_files``. A file whose rows were all deleted
  (with their wave) may be imported again.
* **What was imported is kept.** An organisation already stored keeps its name, type, region
  and short name (a file that says otherwise gets a note; a blank one is filled); a new
  spelling becomes an alias; hubs and roster waves are merged. An answer already stored
  (same wave, respondent, partner and respondent person) is skipped when identical and
  refused when different, so a re-saved file adds nothing and a changed answer never
  silently replaces the stored one.

Decisions
---------
* Lists (hubs, roster waves, natures) are stored as JSON arrays of text, not ``;``-joined
  text: JSON keeps any item exactly, a ``;`` inside it included. Aliases have a table of
  their own. A relevance that was not answered is ``NULL``.
* Names are matched as validation matches them, case- and space-insensitively
  (:func:`ecosystem.codebook.normalise_label`); wave names too, as
  :func:`ecosystem.service.choose_wave` does.
* An organisation whose roster is "every wave" (a blank ``waves`` cell) that arrives in a
  workspace holding other waves is put on the roster of the imported waves only: importing
  a later wave never changes an earlier wave's network. (Organisations already stored for
  every wave stay so.)
* Deleting a wave leaves the organisations (and their rosters) in place: an organisation is
  never deleted. The import log keeps the wave names as they were imported.
* **Failing clearly.** A workspace that is missing (when a caller asks not to create one),
  read-only, damaged or not a workspace at all raises a
  :class:`~ecosystem.errors.WorkspaceError` that names it, says what to do and that nothing
  was changed; :func:`check_workspace` checks one without changing it and
  :meth:`Workspace.backup` copies one.
* The journal is SQLite's default rollback journal, not write-ahead logging: the workspace
  stays one file, which is safer in folders that a file-sync service copies. Several readers
  may use the workspace at once; a writer waits for the others (up to ``TIMEOUT`` seconds).

Modules
-------
:mod:`~ecosystem.store.workspace` (the facade: opening a workspace, and one door to every
room), over :mod:`~ecosystem.store.transactions` (the one connection and its transactions,
shared by every room). The rooms: :mod:`~ecosystem.store.survey_data` (reading back, waves,
aliases), with :mod:`~ecosystem.store.importing` (one transaction per import),
:mod:`~ecosystem.store.files` (file hashes) and :mod:`~ecosystem.store.planning` (what an
import adds to the stored state); :mod:`~ecosystem.store.accounts` (a team's accounts) with
:mod:`~ecosystem.store.passwords` (argon2id hashes); :mod:`~ecosystem.store.sessions` (the
session secret); :mod:`~ecosystem.store.audit` (who did what, when);
:mod:`~ecosystem.store.backup` (a consistent copy). Around them:
:mod:`~ecosystem.store.schema` (tables, version, how values are stored),
:mod:`~ecosystem.store.health` (opening safely, SQLite's errors in plain words, the integrity
check) and :mod:`~ecosystem.store.results` (the dashboard's measures and layouts, kept so
that a restart reads them instead of computing).

Schema (``PRAGMA user_version`` = :data:`SCHEMA_VERSION`)
-------------------------------------------------------
``waves`` (name, starts, ends, position); ``organisations`` (name, key, type, hubs, region,
waves, position, short_name); ``aliases`` (alias, key, organisation, position, import_id:
NULL when a person confirmed it); ``imports`` (id, imported_at, waves, organisations,
aliases, responses, edges: what each import added); ``import_files`` (id, import_id, file,
sha256, bytes, responses, edges); ``responses`` and ``edges`` (the columns of
:mod:`ecosystem.survey`, plus id and import_id). ``key`` is the normalised spelling, unique.
Foreign keys are on; renaming a wave cascades to its responses and edges. A workspace of
an older schema is migrated when opened (:data:`ecosystem.store.schema.MIGRATIONS`): version 2
added ``short_name``, blank for the organisations stored before; version 3 added ``accounts``
(name, role, hub, password_hash: argon2id, generation, created_at, changed_at), ``audit`` (id,
at, who, action, detail, address) and ``settings`` (key, value: the session secret), empty in
a workspace stored before; version 4 added ``results`` (key, kind, scope, payload, digest),
empty until the dashboard keeps what it computes.

References
----------
SQLite, "Atomic commit in SQLite", https://www.sqlite.org/atomiccommit.html.

Examples
--------
>>> import tempfile
>>> from ecosystem.load import DEMO_FILES, load_survey
>>> survey = load_survey(DEMO_FILES)
>>> files = [(path.name, path.read_bytes()) for path in DEMO_FILES]
>>> with tempfile.TemporaryDirectory() as folder, Workspace(folder) as workspace:
...     first = workspace.import_survey(survey, files)
...     again = workspace.import_survey(survey, files)
...     stored = workspace.survey()
>>> first.added_organisations, first.added_waves, first.added_responses
(63, 2, 496)
>>> again.added_responses, again.skipped_files
(0, ('organisations.csv', 'responses.csv'))
>>> stored.waves
['Formative 2023', 'Summative 2024']
"""

from ecosystem.errors import WorkspaceError
from ecosystem.store.health import WorkspaceCheck, check_workspace
from ecosystem.store.importing import ImportReport
from ecosystem.store.schema import DATABASE_NAME, SCHEMA_VERSION, TIMEOUT
from ecosystem.store.workspace import Workspace

__all__ = [
    "DATABASE_NAME",
    "SCHEMA_VERSION",
    "TIMEOUT",
    "ImportReport",
    "Workspace",
    "WorkspaceCheck",
    "WorkspaceError",
    "check_workspace",
]
