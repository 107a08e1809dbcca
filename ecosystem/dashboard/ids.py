"""Component ids, in one place: ``page-kind-purpose``. Tests and users' own scripts rely on them.

The three ids the product promises to keep stable are :data:`NETWORK_GRAPH`
(``network-graph``), :data:`WAVE_SELECT` (``wave-select``) and :data:`HUB_SELECT`
(``hub-select``).
"""

# The promised, stable ids.
WAVE_SELECT = "wave-select"
HUB_SELECT = "hub-select"
NETWORK_GRAPH = "network-graph"

# Whole page.
ILLUSTRATIVE_BANNER = "page-banner-illustrative"
WELCOME = "page-panel-welcome"
"""The welcome of an empty workspace: what the product does and how to bring the first survey."""
TABS = "page-store-view"
"""Which view is open: the ``value`` of one of the ``TAB_*`` tabs."""
STATUS_TEXT = "page-text-status"
NATURE_SELECT = "page-select-nature"
MIN_FREQUENCY = "page-select-frequency"
MIN_RELEVANCE = "page-select-relevance"
RESPONDENTS_ONLY = "page-check-respondents"
"""Keep only the organisations that answered (every pair among them is observed)."""

# Export of the open view.
EXPORT_FORMAT = "page-select-export-format"
EXPORT_ANONYMISE = "page-check-anonymise"
EXPORT_BUTTON = "page-button-export"
EXPORT_DOWNLOAD = "page-download-export"
EXPORT_MESSAGE = "page-text-export"

# Network view.
TAB_NETWORK = "tab-network"
SIZE_SELECT = "network-select-size"
SIZE_NOTE = "network-text-size"
"""Under the size selector: how far the measures can be trusted, once simulated."""
NETWORK_DRAWN = "network-store-drawn"
"""Which network the network graph shows (wave and options): a patch fits only that one."""
PROFILE_SELECT = "network-select-profile"
PROFILE_PANEL = "network-panel-profile"

# Organisations view.
TAB_ORGANISATIONS = "tab-organisations"
ORGANISATIONS_GRID = "organisations-grid-measures"
ORGANISATIONS_ROBUSTNESS = "organisations-text-robustness"
"""Above the grid: the response rate and each measure's verdict under further non-response."""
ORGANISATIONS_DOWNLOAD_BUTTON = "organisations-button-download"
ORGANISATIONS_DOWNLOAD = "organisations-download-csv"

# Brokerage view.
TAB_BROKERAGE = "tab-brokerage"
BROKERAGE_ROLES_GRAPH = "brokerage-graph-roles"
BROKERAGE_ROLES_TABLE = "brokerage-table-roles"
BROKERAGE_BROKER_SELECT = "brokerage-select-broker-type"
BROKERAGE_MATRIX_GRAPH = "brokerage-graph-matrix"
STRUCTURAL_HOLES_GRAPH = "brokerage-graph-structural-holes"

# Overview.
TAB_OVERVIEW = "tab-overview"
OVERVIEW_GRAPH = "overview-graph-comparison"
OVERVIEW_TABLE = "overview-table-summary"
OVERVIEW_ROBUSTNESS = "overview-table-robustness"
"""The chosen wave's response rate, and how far each measure survives further non-response."""

# Core functions.
TAB_FUNCTIONS = "tab-functions"
FUNCTIONS_WAVES = "functions-text-waves"
"""Which waves the view compares: the selected wave and the one before it."""
FUNCTIONS_GRAPH = "functions-graph-indicators"
FUNCTIONS_FINDINGS = "functions-panel-findings"
FUNCTIONS_TABLE = "functions-table-indicators"
FUNCTIONS_DOWNLOAD_BUTTON = "functions-button-download"
FUNCTIONS_DOWNLOAD = "functions-download-csv"

# Compare waves.
TAB_COMPARE = "tab-compare"
COMPARE_FROM = "compare-select-from"
COMPARE_TO = "compare-select-to"
COMPARE_MEASURE = "compare-select-measure"
COMPARE_FINDINGS = "compare-text-findings"
COMPARE_PAIRS = "compare-radio-pairs"
"""Which pairs are compared: those observed in both waves (like with like), or every pair."""
COMPARE_RESPONSE = "compare-text-response"
"""Each wave's response rate, above the findings."""
COMPARE_BEFORE_GRAPH = "compare-graph-before"
COMPARE_AFTER_GRAPH = "compare-graph-after"
COMPARE_DIFFERENCE_GRAPH = "compare-graph-difference"
COMPARE_NETWORK_GRAPH = "compare-graph-network"
COMPARE_ORGANISATIONS_GRAPH = "compare-graph-organisations"
COMPARE_CATALYSIS_GRAPH = "compare-graph-catalysis"
COMPARE_HUBS = "compare-panel-hubs"
"""Every hub side by side for the two waves: a table and a reading per hub."""
COMPARE_HUBS_TABLE = "compare-table-hubs"
COMPARE_HUBS_DOWNLOAD_BUTTON = "compare-button-download-hubs"
COMPARE_HUBS_DOWNLOAD = "compare-download-hubs"

# Sustainability: what the ecosystem loses if an organisation goes, and who could carry it.
TAB_SUSTAINABILITY = "tab-sustainability"
SUSTAINABILITY_SCENARIO = "sustainability-select-scenario"
"""The scenario: one of the chosen hub's ready-made ones, or a removal or merger to build."""
SUSTAINABILITY_REMOVE = "sustainability-select-remove"
SUSTAINABILITY_MERGE = "sustainability-select-merge"
"""The organisation absorbed by a merger."""
SUSTAINABILITY_INTO = "sustainability-select-into"
"""The organisation that receives the absorbed one's ties."""
SUSTAINABILITY_REMOVE_CONTROLS = "sustainability-panel-remove"
SUSTAINABILITY_MERGE_CONTROLS = "sustainability-panel-merge"
SUSTAINABILITY_SUMMARY = "sustainability-text-summary"
"""The scenario in words, and its fragmentation and distance fragmentation before and after."""
SUSTAINABILITY_GRAPH = "sustainability-graph-scenario"
SUSTAINABILITY_FINDINGS = "sustainability-text-findings"
SUSTAINABILITY_LOSSES = "sustainability-panel-losses"
"""Who is isolated, which types are cut off, and the lost bridges (a table)."""
SUSTAINABILITY_BRIDGES_TABLE = "sustainability-table-bridges"
SUSTAINABILITY_KEY_PLAYERS = "sustainability-panel-key-players"
SUSTAINABILITY_SUCCESSORS = "sustainability-panel-successors"
SUSTAINABILITY_SUCCESSORS_TABLE = "sustainability-table-successors"
SUSTAINABILITY_DOWNLOAD_BUTTON = "sustainability-button-download"
SUSTAINABILITY_DOWNLOAD = "sustainability-download-csv"
"""The lost bridges of the scenario, every one, as CSV."""

# Gaps: missing connections.
TAB_GAPS = "tab-gaps"
GAPS_GRID = "gaps-grid-findings"
GAPS_GRAPH = "gaps-graph-network"
GAPS_SELECTED = "gaps-text-selected"
GAPS_DOWNLOAD_BUTTON = "gaps-button-download"
GAPS_DOWNLOAD = "gaps-download-csv"
GAPS_SUMMARY = "gaps-panel-summary"

# Data: bring files into the workspace.
TAB_DATA = "tab-data"
DATA_VERSION = "page-store-data-version"
"""Counts changes of the workspace; every control that lists waves or hubs follows it."""
DATA_UPLOAD = "data-upload-files"
DATA_FILES = "data-store-files"
"""What the browser keeps of a drop: the files' names and sizes and the token of the held bytes."""
DATA_UPLOAD_LIMIT = "data-text-upload-limit"
"""The upload limit, stated beside the drop zone."""
DATA_UPLOAD_NOTE = "data-text-upload-note"
"""Why a drop was refused (over the limit) or its files are no longer held."""
DATA_WAVE = "data-input-wave"
DATA_REPORT = "data-panel-report"
DATA_MATCHES = "data-check-matches"
DATA_SAVE_MATCHES = "data-button-save-matches"
DATA_IMPORT = "data-button-import"
DATA_MESSAGE = "data-text-message"
DATA_RATES = "data-table-rates"
DATA_WORKSPACE = "data-text-workspace"
DATA_IMPORTING = "data-panel-importing"
"""The drop zone and import buttons: shown only to those who may change the workspace."""
DATA_READ_ONLY = "data-text-read-only"
DATA_ACTIVITY = "data-table-activity"
"""The audit table's recent entries, for those who may change the workspace."""

# Who is signed in (a workspace with accounts).
ACCOUNT_BAR = "page-bar-account"
SIGN_OUT = "page-button-sign-out"

# How to read this.
TAB_GUIDE = "tab-guide"
GUIDE_TEXT = "guide-text-measures"


VIEWS = {
    TAB_NETWORK: "Network",
    TAB_GAPS: "Gaps",
    TAB_ORGANISATIONS: "Organisations",
    TAB_BROKERAGE: "Brokerage",
    TAB_OVERVIEW: "Overview",
    TAB_FUNCTIONS: "Core functions",
    TAB_COMPARE: "Compare waves",
    TAB_SUSTAINABILITY: "Sustainability",
    TAB_DATA: "Data",
    TAB_GUIDE: "How to read this",
}
"""Each view's tab id (its button) and name; its panel's id is ``panel-`` + the tab id."""


def panel(tab: str) -> str:
    """The id of the panel a tab opens."""
    return f"panel-{tab}"


def note(tab: str) -> str:
    """The id of the sentence a view shows when the workspace cannot fill it yet."""
    return f"note-{tab}"


def content(tab: str) -> str:
    """The id of what a view shows once the workspace can fill it (inside its panel)."""
    return f"content-{tab}"
