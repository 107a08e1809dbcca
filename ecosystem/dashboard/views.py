"""The dashboard's layout, built from small factory functions: one per control and per view."""

from __future__ import annotations

import dash_ag_grid as dag
from dash import dcc, html

from ecosystem.codebook import ALL_HUBS, FREQUENCY, NATURES, RELEVANCE
from ecosystem.dashboard import ids
from ecosystem.dashboard.data import DashboardData
from ecosystem.glossary import MEASURES, NETWORK_KEYS, ORGANISATION_KEYS

SIZE_MEASURES = ("betweenness", "pagerank", "in_degree", "out_degree", "in_strength",
                 "brokerage", "effective_size")  # fmt: skip
"""Measures a hub lead can size the organisations by."""

ILLUSTRATIVE_TEXT = (
    "Illustrative data: the responses are synthetic, built on the organisations named in "
    "the programme's evaluation report. They are not findings about these organisations."
)


def labelled(label: str, control, control_id: str) -> html.Div:
    """A control with a visible label tied to it (screen readers read the label)."""
    return html.Div([html.Label(label, htmlFor=control_id), control], className="control")


def threshold_options(labels: dict[int, str], anything: str) -> list[dict]:
    """Choices of a minimum on a code scale: "Monthly or more" and so on; 0 means no filter."""
    choices = [{"label": anything, "value": 0}]
    choices += [{"label": f"{label} or more", "value": code} for code, label in labels.items()
                if code > 0]  # fmt: skip
    return choices


def hub_options(hubs: list[str]) -> list[dict]:
    """The hub selector's choices: every hub together (value ""), then each hub."""
    return [{"label": ALL_HUBS, "value": ""}] + [{"label": h, "value": h} for h in hubs]


def selection_controls(data: DashboardData) -> html.Div:
    """Wave, hub and tie filters: they choose the network every view shows."""
    waves = data.waves
    hubs = hub_options(data.hubs)
    return html.Div(
        [
            labelled(
                "Survey wave",
                dcc.Dropdown(id=ids.WAVE_SELECT, options=waves, value=waves[-1], clearable=False),
                ids.WAVE_SELECT,
            ),
            labelled(
                "Hub ecosystem",
                dcc.Dropdown(id=ids.HUB_SELECT, options=hubs, value="", clearable=False),
                ids.HUB_SELECT,
            ),
            labelled(
                "Nature of tie",
                dcc.Dropdown(
                    id=ids.NATURE_SELECT,
                    options=[{"label": label, "value": key} for key, label in NATURES.items()],
                    multi=True,
                    placeholder="Every nature",
                ),
                ids.NATURE_SELECT,
            ),
            labelled(
                "Minimum frequency",
                dcc.Dropdown(
                    id=ids.MIN_FREQUENCY,
                    options=threshold_options(FREQUENCY.labels, "Any frequency"),
                    value=0,
                    clearable=False,
                ),
                ids.MIN_FREQUENCY,
            ),
            labelled(
                "Minimum relevance",
                dcc.Dropdown(
                    id=ids.MIN_RELEVANCE,
                    options=threshold_options(RELEVANCE.labels, "Any relevance"),
                    value=0,
                    clearable=False,
                ),
                ids.MIN_RELEVANCE,
            ),
        ],
        className="controls",
    )


def network_view() -> html.Div:
    """The network, sized by a chosen measure, beside the profile of a chosen organisation."""
    sizes = [{"label": MEASURES[m].label, "value": m} for m in SIZE_MEASURES]
    return html.Div(
        [
            dcc.Loading(
                dcc.Graph(
                    id=ids.NETWORK_GRAPH,
                    config={"displaylogo": False, "toImageButtonOptions": {"scale": 3}},
                    className="network-graph",
                    responsive=True,
                ),
                type="circle",
                parent_className="network-main",
            ),
            html.Aside(
                [
                    labelled(
                        "Size organisations by",
                        dcc.Dropdown(
                            id=ids.SIZE_SELECT, options=sizes, value="betweenness", clearable=False
                        ),
                        ids.SIZE_SELECT,
                    ),
                    labelled(
                        "Organisation profile",
                        dcc.Dropdown(
                            id=ids.PROFILE_SELECT,
                            placeholder="Click one, or choose it here",
                        ),
                        ids.PROFILE_SELECT,
                    ),
                    html.Div(
                        html.P("Click an organisation to see its ties, measures and roles."),
                        id=ids.PROFILE_PANEL,
                        **{"aria-live": "polite"},
                    ),
                ],
                className="profile",
            ),
        ],
        className="network-row",
    )


def gap_columns(every_hub: bool) -> list[dict]:
    """The findings grid's columns; the hub column only when findings of every hub are shown."""
    wrapped = {"wrapText": True, "autoHeight": True}
    columns = [
        {"field": "hub", "headerName": "Hub", "minWidth": 110, **wrapped},
        {"field": "title", "headerName": "Kind", "minWidth": 120, **wrapped},
        {"field": "organisation", "headerName": "Organisation", "minWidth": 130, **wrapped},
        {"field": "other", "headerName": "With", "minWidth": 130, **wrapped},
        {
            "field": "score",
            "headerName": "Score",
            "maxWidth": 90,
            "valueFormatter": {"function": "d3.format('.2f')(params.value)"},
            "filter": "agNumberColumnFilter",
        },
        {"field": "reason", "headerName": "Why it matters", "flex": 3, "minWidth": 240,
         **wrapped},
    ]  # fmt: skip
    return columns if every_hub else columns[1:]


FINDING_SELECTION = {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True}
"""One finding at a time, selected by clicking its row."""


def gaps_view() -> html.Div:
    """Missing connections: whom to see more, whom to introduce, what is missing or fragile."""
    return html.Div(
        [
            html.P(
                "Findings for the chosen hub (or every hub), strongest first within each kind. "
                "Select a finding to see it on the network.",
                className="hint",
            ),
            html.Div(
                [
                    html.Button(
                        "Download as CSV", id=ids.GAPS_DOWNLOAD_BUTTON, className="button"
                    ),
                    dcc.Download(id=ids.GAPS_DOWNLOAD),
                ],
                className="toolbar",
            ),
            html.Div(
                [
                    dcc.Loading(
                        dag.AgGrid(
                            id=ids.GAPS_GRID,
                            columnDefs=gap_columns(every_hub=True),
                            defaultColDef={"sortable": True, "filter": True, "resizable": True,
                                           "flex": 1, "minWidth": 90},
                            getRowId="params.data.id",
                            dashGridOptions={"rowSelection": FINDING_SELECTION,
                                             "animateRows": False, "pagination": True,
                                             "paginationPageSize": 20,
                                             "paginationPageSizeSelector": [20, 50, 100]},
                            style={"height": "560px"},
                        ),
                        parent_className="gaps-list",
                    ),
                    html.Div(
                        [
                            html.Div(id=ids.GAPS_SELECTED, className="selected-finding",
                                     **{"aria-live": "polite"}),
                            dcc.Graph(id=ids.GAPS_GRAPH, className="gaps-graph", responsive=True,
                                      config={"displaylogo": False}),
                        ],
                        className="gaps-side",
                    ),
                ],
                className="gaps-row",
            ),
        ]
    )  # fmt: skip


def organisations_view() -> html.Div:
    """Every measure of every organisation: sortable, filterable, downloadable."""
    return html.Div(
        [
            html.Div(
                [
                    html.Button(
                        "Download as CSV", id=ids.ORGANISATIONS_DOWNLOAD_BUTTON, className="button"
                    ),
                    dcc.Download(id=ids.ORGANISATIONS_DOWNLOAD),
                ],
                className="toolbar",
            ),
            dcc.Loading(
                dag.AgGrid(
                    id=ids.ORGANISATIONS_GRID,
                    # Fixed minimum widths: sizing to content while the tab is hidden
                    # would squash every column to nothing.
                    defaultColDef={
                        "sortable": True,
                        "filter": True,
                        "resizable": True,
                        "minWidth": 120,
                        "wrapHeaderText": True,
                        "autoHeaderHeight": True,
                    },
                    dashGridOptions={
                        "animateRows": False,
                        "pagination": True,
                        "paginationPageSize": 25,
                        "paginationPageSizeSelector": [25, 50, 100],
                        # every column rendered, so each can be found, sorted and read
                        "suppressColumnVirtualisation": True,
                    },
                    style={"height": "640px"},
                )
            ),
        ]
    )


def brokerage_view(data: DashboardData) -> html.Div:
    """Who brokers between which kinds of organisation, and how open each one's contacts are."""
    return html.Div(
        [
            html.H2("Brokerage roles"),
            html.P(
                "Gould and Fernandez's roles: an organisation brokers when it links two "
                "others that have no tie of their own. z-scores compare each count with what "
                "ties placed at random would give (R sna's model); above 2 is notable.",
                className="hint",
            ),
            dcc.Loading(dcc.Graph(id=ids.BROKERAGE_ROLES_GRAPH)),
            html.Div(id=ids.BROKERAGE_ROLES_TABLE),
            html.H2("Who is linked to whom through a broker"),
            labelled(
                "Brokers of type",
                dcc.Dropdown(id=ids.BROKERAGE_BROKER_SELECT, placeholder="Every type"),
                ids.BROKERAGE_BROKER_SELECT,
            ),
            dcc.Loading(dcc.Graph(id=ids.BROKERAGE_MATRIX_GRAPH)),
            html.H2("Structural holes"),
            dcc.Loading(dcc.Graph(id=ids.STRUCTURAL_HOLES_GRAPH)),
        ]
    )


def overview_view() -> html.Div:
    """Network measures of every hub and wave side by side: the cross-site comparison."""
    return html.Div(
        [
            html.P(
                "The same measures for every hub and wave, computed the same way, so sites "
                "can be compared. Filters above do not apply here.",
                className="hint",
            ),
            dcc.Loading(dcc.Graph(id=ids.OVERVIEW_GRAPH)),
            html.Div(id=ids.OVERVIEW_TABLE),
        ]
    )


def glossary_list(keys) -> html.Dl:
    """Measures with their plain-language explanations (one source: the glossary)."""
    entries = []
    for key in keys:
        measure = MEASURES[key]
        reference = f" ({measure.reference})" if measure.reference else ""
        entries += [html.Dt(measure.label), html.Dd(measure.explanation + reference)]
    return html.Dl(entries, className="glossary")


COMPARE_MEASURES = ("betweenness", "pagerank", "in_degree", "out_degree", "brokerage",
                    "effective_size", "constraint")  # fmt: skip


def compare_view(data: DashboardData) -> html.Div:
    """Two waves side by side, what changed, and whether it is more than noise."""
    waves = data.waves
    measures = [{"label": MEASURES[m].label, "value": m} for m in COMPARE_MEASURES]
    graph = {"config": {"displaylogo": False, "toImageButtonOptions": {"scale": 3}}}
    return html.Div(
        [
            html.Div(
                [
                    labelled(
                        "Earlier wave",
                        dcc.Dropdown(id=ids.COMPARE_FROM, options=waves, value=waves[0],
                                     clearable=False),
                        ids.COMPARE_FROM,
                    ),
                    labelled(
                        "Later wave",
                        dcc.Dropdown(id=ids.COMPARE_TO, options=waves, value=waves[-1],
                                     clearable=False),
                        ids.COMPARE_TO,
                    ),
                ],
                className="controls",
            ),
            dcc.Loading(html.Div(id=ids.COMPARE_FINDINGS, className="findings")),
            html.Div(
                [
                    dcc.Graph(id=ids.COMPARE_BEFORE_GRAPH, className="half-graph", responsive=True,
                              **graph),
                    dcc.Graph(id=ids.COMPARE_AFTER_GRAPH, className="half-graph", responsive=True,
                              **graph),
                ],
                className="side-by-side",
            ),
            html.H2("What changed"),
            dcc.Graph(id=ids.COMPARE_DIFFERENCE_GRAPH, className="wide-graph", **graph),
            dcc.Graph(id=ids.COMPARE_NETWORK_GRAPH, className="panel-graph", **graph),
            html.H2("Catalysing partnerships"),
            dcc.Graph(id=ids.COMPARE_CATALYSIS_GRAPH, className="panel-graph", **graph),
            html.H2("Organisations that moved most"),
            labelled(
                "Measure",
                dcc.Dropdown(id=ids.COMPARE_MEASURE, options=measures, value="betweenness",
                             clearable=False),
                ids.COMPARE_MEASURE,
            ),
            dcc.Graph(id=ids.COMPARE_ORGANISATIONS_GRAPH, **graph),
        ]
    )  # fmt: skip


def data_view(data: DashboardData) -> html.Div:
    """Bring survey files in: check them, confirm name matches, import them as a wave."""
    return html.Div(
        [
            html.P(id=ids.DATA_WORKSPACE, className="hint", children=workspace_text(data)),
            dcc.Upload(
                id=ids.DATA_UPLOAD,
                children=html.Div(
                    ["Drag and drop survey files here, or ", html.A("choose files")]
                ),
                multiple=True,
                className="upload",
            ),
            labelled(
                "Wave of files without a wave column",
                dcc.Input(id=ids.DATA_WAVE, type="text", placeholder="e.g. Summative 2025",
                          debounce=True),
                ids.DATA_WAVE,
            ),
            dcc.Store(id=ids.DATA_FILES),
            dcc.Loading(html.Div(id=ids.DATA_REPORT, className="report")),
            dcc.Checklist(id=ids.DATA_MATCHES, options=[], value=[], className="matches"),
            html.Div(
                [
                    html.Button("Save the ticked matches as aliases", id=ids.DATA_SAVE_MATCHES,
                                className="button", disabled=True),
                    html.Button("Import into the workspace", id=ids.DATA_IMPORT,
                                className="button", disabled=True),
                ],
                className="toolbar",
            ),
            html.P(id=ids.DATA_MESSAGE, role="status"),
            html.H2("Who answered"),
            html.Div(id=ids.DATA_RATES),
        ]
    )  # fmt: skip


def workspace_text(data: DashboardData) -> str:
    if data.temporary:
        return (
            "This dashboard's workspace is temporary: imports last until it stops. Start it "
            "with 'ecosystem serve --workspace DIR' to keep them."
        )
    return f"Workspace: {data.workspace}. Imports are kept there."


def guide_view() -> html.Div:
    """How to read this: a plain-language explanation of every measure."""
    return html.Div(
        [
            html.P(
                "Ties come from the partner-mapping survey: a tie exists where a respondent "
                "reports any interaction; arcs follow the direction of support; weights are "
                "how often the two interact (1 = less than quarterly, 4 = weekly or more). "
                "Where both organisations answered, their reports are averaged.",
            ),
            html.Div(
                [
                    html.H2("Measures of each organisation"),
                    glossary_list(ORGANISATION_KEYS),
                    html.H2("Measures of the whole network"),
                    glossary_list(NETWORK_KEYS),
                ],
                id=ids.GUIDE_TEXT,
            ),
        ]
    )


def export_controls() -> html.Div:
    """Download the open view as a print-quality file, names hidden if asked."""
    return html.Div(
        [
            dcc.Dropdown(
                id=ids.EXPORT_FORMAT,
                options=[
                    {"label": "PNG (300 dpi, A4 width)", "value": "png"},
                    {"label": "SVG", "value": "svg"},
                    {"label": "PDF", "value": "pdf"},
                ],
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
            html.Span(id=ids.EXPORT_MESSAGE, className="hint", **{"aria-live": "polite"}),
        ],
        className="export-bar",
    )


def tab_bar() -> html.Nav:
    """The views as tabs: real buttons, so they are reached and opened by keyboard."""
    return html.Nav(
        [
            html.Button(
                name,
                id=tab,
                role="tab",
                n_clicks=0,
                className="tab tab--selected" if tab == ids.TAB_NETWORK else "tab",
                **{
                    "aria-selected": "true" if tab == ids.TAB_NETWORK else "false",
                    "aria-controls": ids.panel(tab),
                },
            )
            for tab, name in ids.VIEWS.items()
        ],
        role="tablist",
        className="tabs",
    )


def page(data: DashboardData) -> html.Main:
    """The whole page: title, the illustrative-data banner, controls, and the views as tabs."""
    banner = (
        html.Div(ILLUSTRATIVE_TEXT, id=ids.ILLUSTRATIVE_BANNER, className="banner", role="note")
        if data.illustrative
        else None
    )
    views = {
        ids.TAB_NETWORK: network_view(),
        ids.TAB_GAPS: gaps_view(),
        ids.TAB_ORGANISATIONS: organisations_view(),
        ids.TAB_BROKERAGE: brokerage_view(data),
        ids.TAB_OVERVIEW: overview_view(),
        ids.TAB_COMPARE: compare_view(data),
        ids.TAB_DATA: data_view(data),
        ids.TAB_GUIDE: guide_view(),
    }
    return html.Main(
        [
            html.H1("Partner-mapping network"),
            banner,
            selection_controls(data),
            html.P(id=ids.STATUS_TEXT, className="status", **{"aria-live": "polite"}),
            dcc.Store(id=ids.TABS, data=ids.TAB_NETWORK),
            dcc.Store(id=ids.DATA_VERSION, data=0),
            tab_bar(),
            export_controls(),
            *[
                html.Section(
                    view,
                    id=ids.panel(tab),
                    role="tabpanel",
                    hidden=tab != ids.TAB_NETWORK,
                    **{"aria-labelledby": tab},
                )
                for tab, view in views.items()
            ],
        ]
    )
