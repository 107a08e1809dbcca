"""Files for reports: images, workbooks, CSV and network interchange, with names hidden on request.

Evaluation reports need the network pictures and tables in Word or PDF, often with the
organisations' names hidden. This package is the one place that writes such files; each
module in it is pure apart from its ``write_*`` functions (inputs in, new values or bytes
out, inputs never modified).

Images (:mod:`ecosystem.export.images`)
    :func:`figure_bytes` and :func:`export_figure` render a figure of
    :mod:`ecosystem.figures`, the same function that draws the screen, as one A4 page
    (portrait or landscape by the figure's shape, :func:`page_layout`): PNG (300 dpi by
    default), SVG or PDF (vector), from one warm headless Chromium that a lock shares
    between threads.
Tables (:mod:`ecosystem.export.tables`)
    :func:`write_workbook` (one XLSX: a sheet per table and a "Definitions" sheet from the
    glossary), :func:`write_csv`, :func:`csv_bytes` and :func:`csv_text`: the one writer of
    every CSV and XLSX the product makes (command line, dashboard downloads, exports). Text
    cells that a spreadsheet would run as a formula are neutralised (:func:`neutralise`);
    numbers stay numbers.
Networks (:mod:`ecosystem.export.graphs`)
    :func:`write_graphml` and :func:`write_gexf` keep every node, arc and attribute, for
    Gephi, yEd, igraph or networkx.
Anonymising (:mod:`ecosystem.anonymise`, re-exported here)
    :func:`anonymous_names`, :func:`anonymous_lookup`, :func:`anonymise_text`,
    :func:`anonymise_table`, :func:`anonymise_graph` and :class:`Anonymiser`.

Which view of a survey becomes which file is :func:`ecosystem.exhibits.exhibit_bytes`.
"""

from __future__ import annotations

from ecosystem.anonymise import (
    DROPPED_NODE_ATTRIBUTES,
    Anonymiser,
    anonymise_graph,
    anonymise_table,
    anonymise_text,
    anonymous_lookup,
    anonymous_names,
    with_aliases,
    with_fallback_labels,
)
from ecosystem.export.graphs import (
    GEXF_RENAMED_EDGE,
    GEXF_RENAMED_NODE,
    gexf_bytes,
    graphml_bytes,
    write_gexf,
    write_graphml,
)
from ecosystem.export.images import (
    BASE_HEIGHT,
    BASE_WIDTH,
    BROWSER_NAMES,
    BROWSER_PLACES,
    BROWSER_VARIABLE,
    FIGURE_FORMATS,
    KALEIDO_VARIABLE,
    PAGES,
    RENDER_TIMEOUT,
    ExportEngineError,
    PageLayout,
    export_figure,
    figure_bytes,
    find_browser,
    page_layout,
    stop_engine,
)
from ecosystem.export.tables import (
    DEFINITIONS_SHEET,
    FORMULA_STARTS,
    SHEET_NAME_LIMIT,
    csv_bytes,
    csv_text,
    definitions_table,
    neutralise,
    workbook_bytes,
    write_csv,
    write_workbook,
)

__all__ = [
    "BASE_HEIGHT",
    "BASE_WIDTH",
    "BROWSER_NAMES",
    "BROWSER_PLACES",
    "BROWSER_VARIABLE",
    "DEFINITIONS_SHEET",
    "DROPPED_NODE_ATTRIBUTES",
    "FIGURE_FORMATS",
    "FORMULA_STARTS",
    "GEXF_RENAMED_EDGE",
    "GEXF_RENAMED_NODE",
    "KALEIDO_VARIABLE",
    "PAGES",
    "RENDER_TIMEOUT",
    "SHEET_NAME_LIMIT",
    "Anonymiser",
    "ExportEngineError",
    "PageLayout",
    "anonymise_graph",
    "anonymise_table",
    "anonymise_text",
    "anonymous_lookup",
    "anonymous_names",
    "csv_bytes",
    "csv_text",
    "definitions_table",
    "export_figure",
    "figure_bytes",
    "find_browser",
    "gexf_bytes",
    "graphml_bytes",
    "neutralise",
    "page_layout",
    "stop_engine",
    "with_aliases",
    "with_fallback_labels",
    "workbook_bytes",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_workbook",
]
