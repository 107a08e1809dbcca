"""Component ids, in one place: ``page-kind-purpose``. Tests and users' scripts rely on them."""

WAVE_SELECT = "wave-select"
HUB_SELECT = "hub-select"
NETWORK_GRAPH = "network-graph"
ILLUSTRATIVE_BANNER = "page-banner-illustrative"
SUMMARY_TABLE = "overview-table-summary"
ORGANISATIONS_TABLE = "organisations-table-measures"
STATUS_TEXT = "page-text-status"
