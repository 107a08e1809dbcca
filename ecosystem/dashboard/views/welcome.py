"""What a workspace without responses shows: a welcome, and a sentence for each view it cannot fill.

A new workspace holds nothing and one that took an organisations file alone holds a roster.
Rather than empty charts, the page then welcomes the person and says what to do (the Data
view takes the first survey), and each view that needs responses says so in a sentence. The
roster itself is shown: its organisations, with no ties, under a note that no responses have
been read yet. :func:`view_state` decides, for the page when it is built and for the callback
that follows each import.
"""

from __future__ import annotations

from dash import html

from ecosystem.dashboard import ids
from ecosystem.dashboard.data import DashboardData, Stage

NEEDS_RESPONSES = (
    ids.TAB_GAPS,
    ids.TAB_BROKERAGE,
    ids.TAB_OVERVIEW,
    ids.TAB_FUNCTIONS,
    ids.TAB_COMPARE,
    ids.TAB_SUSTAINABILITY,
)
"""Views with nothing to show before a wave of responses is read (the roster has no ties)."""

SHOWS_ROSTER = (ids.TAB_NETWORK, ids.TAB_ORGANISATIONS)
"""Views that show the organisations of a roster, with no ties, before any responses."""

NO_ORGANISATIONS = (
    "No organisations yet: import an organisations file in the Data view to see them here."
)
NO_RESPONSES_READ = (
    "No responses have been read yet: the organisations on the roster are shown with no ties. "
    "Import a responses file in the Data view to see who works with whom."
)
NEEDS_A_WAVE = "This view needs a wave of responses: import one in the Data view."


def opening_tab(data: DashboardData) -> str:
    """The view the page opens on: the Data view while the workspace is empty."""
    return ids.TAB_DATA if data.stage == "empty" else ids.TAB_NETWORK


def _two_waves_note(waves: list[str]) -> str:
    held, more = (f"one ({waves[0]})", "another wave") if waves else ("none yet", "two waves")
    return (
        f"Comparing needs two waves of responses; this workspace holds {held}. "
        f"Import {more} in the Data view."
    )


def view_state(stage: Stage, tab: str, waves: list[str]) -> tuple[str | None, bool]:
    """The sentence a view shows instead of (or above) its content, and whether it is hidden.

    ``waves`` are the waves of responses read so far.

    >>> view_state("roster", ids.TAB_NETWORK, [])[1], view_state("roster", ids.TAB_GAPS, [])
    (False, ('This view needs a wave of responses: import one in the Data view.', True))
    >>> view_state("surveyed", ids.TAB_COMPARE, ["Formative 2023", "Summative 2024"])
    (None, False)
    """
    if tab == ids.TAB_COMPARE and len(waves) < 2 and stage != "empty":
        return _two_waves_note(waves), True
    if stage == "surveyed" or tab not in (*NEEDS_RESPONSES, *SHOWS_ROSTER):
        return None, False
    if tab in SHOWS_ROSTER:
        return (NO_ORGANISATIONS, True) if stage == "empty" else (NO_RESPONSES_READ, False)
    return NEEDS_A_WAVE, True


def view_states(data: DashboardData) -> tuple:
    """Every view's sentence, then whether the sentence is hidden, then whether its content is."""
    states = [view_state(data.stage, tab, data.survey.waves) for tab in ids.VIEWS]
    return (
        *[note for note, _ in states],
        *[note is None for note, _ in states],
        *[hidden for _, hidden in states],
    )


def with_note(data: DashboardData, tab: str, view) -> list:
    """A view's panel: its sentence (when the workspace cannot fill it yet), then its content."""
    note, hidden = view_state(data.stage, tab, data.survey.waves)
    return [
        html.P(note, id=ids.note(tab), className="waiting", hidden=note is None, role="note"),
        html.Div(view, id=ids.content(tab), hidden=hidden),
    ]


def welcome(data: DashboardData, may_change: bool = True) -> html.Section:
    """What the product does and how to bring in the first survey (an empty workspace only).

    Someone who may not change the workspace (a hub lead, a viewer) is told that an evaluator
    brings the survey in, rather than how to do it themselves.
    """
    steps = (
        _import_steps()
        if may_change
        else html.P(
            f"Nothing of {data.scope or 'the programme'} has been imported yet: the evaluator who "
            "runs this dashboard imports the survey, and the views fill in once they have."
        )
    )
    return html.Section(
        [
            html.H2("Welcome: this workspace is empty"),
            html.P(
                "This dashboard turns a partner-mapping survey of a health-innovation "
                "ecosystem into a network: which organisations work with the hub and with each "
                "other, how often, who brokers between them, where ties are missing, and what "
                "changed between waves."
            ),
            steps,
        ],
        id=ids.WELCOME,
        className="welcome",
        hidden=data.stage != "empty",
    )


def _import_steps() -> html.Ol:
    """How to bring in the first survey, step by step, in the Data view."""
    return html.Ol(
        [
            html.Li(
                "In the Data view (open below), drop an organisations file and a "
                "responses file, or a survey tool's export (CSV or XLSX)."
            ),
            html.Li(
                "Name the wave the responses belong to (e.g. Formative 2023), unless "
                "the files have a wave column."
            ),
            html.Li(
                "Read the check, then press 'Import into the workspace': the other "
                "views show the network."
            ),
        ]
    )
