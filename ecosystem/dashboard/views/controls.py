"""The controls every view shares: the selection of the network, the tabs and the export bar."""

from __future__ import annotations

from typing import Any, cast

from dash import dcc, html

from ecosystem.codebook import ALL_HUBS, FREQUENCY, NATURES, RELEVANCE
from ecosystem.dashboard import ids
from ecosystem.dashboard.data import DashboardData
from ecosystem.figures.style import MODE_BAR
from ecosystem.glossary import measure_label


def labelled(label: str, control, control_id: str) -> html.Div:
    """A control with a visible label tied to it (screen readers read the label)."""
    return html.Div([html.Label(label, htmlFor=control_id), control], className="control")


GRAPH_CONFIG = cast("dcc.Graph.Config", MODE_BAR)  # the same dict, as Dash types it
"""How every graph's mode bar behaves: :data:`ecosystem.figures.style.MODE_BAR`, no cloud."""


def graph(graph_id: str, class_name: str | None = None, **settings) -> dcc.Graph:
    """A graph with the dashboard's one mode-bar configuration (:data:`GRAPH_CONFIG`)."""
    if class_name is not None:
        settings["className"] = class_name
    return dcc.Graph(id=graph_id, config=GRAPH_CONFIG, **settings)


def filled_graph(graph_id: str, class_name: str, **settings) -> dcc.Graph:
    """A graph whose figure fills a box as high as the stylesheet's ``--graph-height`` says.

    dcc.Graph writes ``height: 100%`` inline on a responsive graph unless its ``style`` names
    a height, and that hides the stylesheet's height: the box then takes its height from the
    plot inside it, and now and then the plot is drawn 0 px high. So the height is named
    inline, as the custom property that the graph's class sets in the stylesheet.
    """
    return graph(
        graph_id, class_name, responsive=True, style={"height": "var(--graph-height)"}, **settings
    )


def download_toolbar(button_id: str, download_id: str) -> html.Div:
    """A "Download as CSV" button and the download it starts."""
    return html.Div(
        [
            html.Button("Download as CSV", id=button_id, className="button"),
            dcc.Download(id=download_id),
        ],
        className="toolbar",
    )


def threshold_options(labels: dict[int, str], anything: str) -> list[dict]:
    """Choices of a minimum on a code scale: "Monthly or more" and so on; 0 means no filter."""
    choices = [{"label": anything, "value": 0}]
    choices += [{"label": f"{label} or more", "value": code} for code, label in labels.items()
                if code > 0]  # fmt: skip
    return choices


def hub_options(hubs: list[str], scope: str | None = None) -> list[dict]:
    """The hub selector's choices: every hub together (value ""), then each hub; for someone
    who sees one hub (``scope``), that hub alone."""
    if scope is not None:
        return [{"label": scope, "value": scope}]
    return [{"label": ALL_HUBS, "value": ""}] + [{"label": h, "value": h} for h in hubs]


def measure_choices(keys) -> list[dict]:
    """Dropdown choices of measures, each under the label people read everywhere."""
    return [{"label": measure_label(key), "value": key} for key in keys]


def _single_choice(label: str, control_id: str, options: list, value) -> html.Div:
    """A labelled dropdown that always holds one value."""
    dropdown = dcc.Dropdown(id=control_id, options=options, value=value, clearable=False)
    return labelled(label, dropdown, control_id)


def selection_controls(data: DashboardData) -> html.Div:
    """Wave, hub and tie filters: they choose the network every view shows."""
    waves = data.waves
    natures = dcc.Dropdown(
        id=ids.NATURE_SELECT,
        options=[{"label": label, "value": key} for key, label in NATURES.items()],
        multi=True,
        placeholder="Every nature",
    )
    return html.Div(
        [
            _single_choice("Survey wave", ids.WAVE_SELECT, waves, waves[-1]),
            _single_choice(
                "Hub ecosystem",
                ids.HUB_SELECT,
                hub_options(data.hubs, data.scope),
                data.scope or "",
            ),
            labelled("Nature of tie", natures, ids.NATURE_SELECT),
            _single_choice(
                "Minimum frequency",
                ids.MIN_FREQUENCY,
                threshold_options(FREQUENCY.labels, "Any frequency"),
                0,
            ),
            _single_choice(
                "Minimum relevance",
                ids.MIN_RELEVANCE,
                threshold_options(RELEVANCE.labels, "Any relevance"),
                0,
            ),
            respondents_only(),
        ],
        className="controls",
    )


RESPONDENTS_ONLY_LABEL = " Respondents only (organisations that answered)"
"""The words of the respondents-only box: the network among those who answered."""


def respondents_only() -> html.Div:
    """A box that keeps only the organisations that answered the wave: among them every pair
    is observed, so a finding that holds both with and without it does not rest on ties
    reported by one side about organisations that never answered."""
    return html.Div(
        [
            html.Span("Organisations", className="control-heading"),
            dcc.Checklist(
                id=ids.RESPONDENTS_ONLY,
                options=[{"label": RESPONDENTS_ONLY_LABEL, "value": "only"}],
                value=[],
                className="respondents-only",
            ),
        ],
        className="control respondents-control",
        title=(
            "Unticked: a tie one organisation reported stands, even about an organisation "
            "that did not answer. Ticked: only the organisations that answered, where every "
            "pair is observed."
        ),
    )


EXPORT_FORMATS = [
    {"label": "PNG, A4 at 300 dpi", "value": "png"},
    {"label": "SVG, A4", "value": "svg"},
    {"label": "PDF, A4", "value": "pdf"},
]
"""The file formats the open view downloads as: each one A4 page (portrait or landscape)."""


def export_controls() -> html.Div:
    """Download the open view as a print-quality file, names hidden if asked."""
    return html.Div(
        [
            dcc.Dropdown(
                id=ids.EXPORT_FORMAT,
                options=EXPORT_FORMATS,
                value="png",
                clearable=False,
                className="export-format",
            ),
            dcc.Checklist(
                id=ids.EXPORT_ANONYMISE,
                options=[{"label": " Hide organisation names", "value": "hide"}],
                value=[],
                className="export-anonymise",
            ),
            html.Button("Download this view", id=ids.EXPORT_BUTTON, className="button"),
            dcc.Download(id=ids.EXPORT_DOWNLOAD),
            html.Span(
                id=ids.EXPORT_MESSAGE,
                className="hint",
                **cast(dict[str, Any], {"aria-live": "polite"}),
            ),
        ],
        className="export-bar",
    )


def tab_bar(opening: str = ids.TAB_NETWORK) -> html.Nav:
    """The views as tabs: real buttons, so they are reached and opened by keyboard."""
    return html.Nav(
        [
            html.Button(
                name,
                id=tab,
                role="tab",
                n_clicks=0,
                className="tab tab--selected" if tab == opening else "tab",
                **cast(
                    dict[str, Any],
                    {
                        "aria-selected": "true" if tab == opening else "false",
                        "aria-controls": ids.panel(tab),
                    },
                ),
            )
            for tab, name in ids.VIEWS.items()
        ],
        role="tablist",
        className="tabs",
    )
