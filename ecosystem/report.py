"""One self-contained HTML report of a hub's ecosystem (or every hub's) across two waves.

An evaluation report writer wants one file to read, quote from and send on: both networks
on the same positions, what changed said in plain words with its uncertainty, the
organisations that moved most, the missing connections with their reasons, every measure of
every organisation, and what each measure means. :func:`html_report` composes the core into
that file:

* the networks come from :func:`ecosystem.network.build_network` (through
  :func:`ecosystem.analysis.change.compare_waves`) and are drawn by
  :mod:`ecosystem.figures` on positions from :func:`ecosystem.layout.stable_layout`, so an
  organisation sits in the same place in every picture;
* the findings are :func:`ecosystem.analysis.change.describe_changes` and the gaps
  :func:`ecosystem.analysis.gaps.find_gaps` (for the hub, or for each hub in turn);
* the tables are :func:`ecosystem.analysis.tables.organisation_table` of each wave, and the
  glossary is :data:`ecosystem.glossary.MEASURES`.

The file opens with no internet connection: plotly.js is embedded once, inline, in the
first figure (later figures reuse it), the stylesheet is inline, and nothing links outside
the file. Figure ``div`` ids are numbered, so the same survey and choices give the same
text, byte for byte.

**Hiding names.** With ``anonymise=True`` every organisation appears as its type and a
number ("VCSE 3"): graphs are relabelled before they are drawn (names, hover texts and
click data all come from the labels), and every table and sentence has its names and
aliases replaced, longest first, case-insensitively and as whole words. The labels are
numbered within each type in name order over the whole survey, so one organisation has the
same label in every report of that survey. Hub names (the ``hub`` column of the
organisations file, e.g. "Dorset") name the ecosystem that the report covers and are kept,
unless a hub name is also an organisation's name or alias.

Nothing here writes a file: a face (the command line, the export module) writes the string.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Final

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from ecosystem.analysis.brokerage import brokerage_type_matrix
from ecosystem.analysis.change import WaveComparison, describe_changes
from ecosystem.analysis.gaps import GAP_DETAILS, GAP_KINDS, GAP_TITLES
from ecosystem.codebook import (
    ALL_HUBS,
    FREQUENCY,
    NATURES,
    RECONCILIATIONS,
    RELEVANCE,
    WEIGHTINGS,
)
from ecosystem.errors import OptionError
from ecosystem.export import Anonymiser, anonymous_lookup
from ecosystem.figures import (
    ILLUSTRATIVE_COLOUR,
    ILLUSTRATIVE_TEXT,
    brokerage_matrix_figure,
    brokerage_roles_figure,
    catalysis_figure,
    difference_figure,
    network_change_figure,
    network_figure,
    organisation_change_figure,
    structural_holes_figure,
    type_label,
)
from ecosystem.glossary import MEASURES, NETWORK_KEYS, ORGANISATION_KEYS
from ecosystem.layout import stable_layout
from ecosystem.network import NetworkOptions, resolve_hub
from ecosystem.service import compare_waves, find_gaps
from ecosystem.service.waves import choose_wave
from ecosystem.survey import Survey

__all__ = ["MOVED_MEASURES", "REPORT_SECTIONS", "html_report"]

REPORT_SECTIONS: Final[dict[str, str]] = {
    "scope": "What this report covers",
    "networks": "The two networks",
    "changes": "What changed",
    "moved": "Organisations that moved most",
    "brokerage": "Brokerage and structural holes",
    "gaps": "Missing connections",
    "measures": "Measures of every organisation",
    "glossary": "How to read the measures",
}
"""Section id -> heading, in the order the report gives them."""


MOVED_MEASURES: Final[tuple[str, ...]] = ("pagerank", "betweenness")
"""The measures whose largest changes the "Organisations that moved most" section shows."""

_OTHER_TYPE: Final = "Organisation"  # the label of an organisation of no known type
_MOVED_TOP: Final = 12
_NETWORK_HEIGHT: Final = 620
_DEFAULT_HEIGHT: Final = 480
_NUM: Final = ' class="num"'
_PLOTLY_CONFIG: Final[dict[str, object]] = {"displaylogo": False, "responsive": True}

_COLUMN_LABELS: Final[dict[str, str]] = {
    "organisation": "Organisation",
    "type": "Type",
    "hubs": "Hubs",
    "responded": "Answered the survey",
    "brokerage": "Brokerage (all roles)",
}


# ---------------------------------------------------------------------------------------
# Names


def _add_aliases(lookup: dict[str, str], organisations: pd.DataFrame) -> None:
    """Give every alias of a labelled organisation that organisation's label (in place)."""
    for name, aliases in organisations["aliases"].items():
        if str(name) in lookup:
            for alias in aliases or ():
                lookup.setdefault(str(alias), lookup[str(name)])


def _complete(lookup: Mapping[str, str], names: Iterable[str]) -> dict[str, str]:
    """``lookup`` with an unused "Organisation <n>" label for each name it lacks."""
    complete = dict(lookup)
    used = set(complete.values())
    number = 0
    for name in sorted({str(n) for n in names} - set(complete), key=lambda n: (n.casefold(), n)):
        number += 1
        while f"{_OTHER_TYPE} {number}" in used:
            number += 1
        complete[name] = f"{_OTHER_TYPE} {number}"
        used.add(complete[name])
    return complete


# ---------------------------------------------------------------------------------------
# HTML pieces


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _format_cell(value: object, whole: bool) -> str:
    """Booleans as yes/no, missing as a dash, whole-number columns as integers, other
    numbers to three decimal places."""
    if value is None or value is pd.NA:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, float):
        if math.isnan(value):
            return "–"
        return f"{value:,.0f}" if whole else f"{value:,.3f}"
    return str(value)


def _whole_columns(frame: pd.DataFrame) -> set[str]:
    """Numeric columns whose values are all whole numbers (counts and ranks)."""
    whole = set()
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
            continue
        values = series.dropna().astype(float)
        if values.empty or (values == values.round()).all():
            whole.add(column)
    return whole


def _table(
    frame: pd.DataFrame,
    caption: str | None = None,
    table_id: str | None = None,
    css_class: str = "",
    headers: Mapping[str, str] | None = None,
) -> str:
    """An accessible HTML table of ``frame`` (index not shown; make it a column first)."""
    whole = _whole_columns(frame)
    numeric = {
        column
        for column in frame.columns
        if pd.api.types.is_numeric_dtype(frame[column])
        and not pd.api.types.is_bool_dtype(frame[column])
    }
    headers = headers or {}
    attributes = f' id="{_e(table_id)}"' if table_id else ""
    classes = " ".join(filter(None, ["data", css_class]))
    head = "".join(
        f'<th scope="col"{_NUM if column in numeric else ""}>'
        f"{_e(headers.get(column, _column_label(column)))}</th>"
        for column in frame.columns
    )
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, record, strict=True):
            python_value = value.item() if hasattr(value, "item") else value
            text = _e(_format_cell(python_value, column in whole))
            opening = '<td class="num">' if column in numeric else "<td>"
            cells.append(f"{opening}{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    caption_html = f"<caption>{_e(caption)}</caption>" if caption else ""
    return (
        f'<div class="table-wrap"><table class="{classes}"{attributes}>{caption_html}'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _column_label(column: object) -> str:
    key = str(column)
    if key in MEASURES:
        return MEASURES[key].label
    return _COLUMN_LABELS.get(key, key.replace("_", " ").capitalize())


def _paragraphs(*texts: str) -> str:
    return "".join(f"<p>{_e(text)}</p>" for text in texts if text)


class _Figures:
    """Figures as HTML fragments: plotly.js inline in the first only, numbered div ids."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, fig: go.Figure, label: str) -> str:
        self.count += 1
        height = fig.layout.height or _DEFAULT_HEIGHT
        fragment = fig.to_html(
            full_html=False,
            include_plotlyjs=self.count == 1,
            config=_PLOTLY_CONFIG,
            div_id=f"report-figure-{self.count}",
            default_width="100%",
            default_height=f"{int(height)}px",
        )
        return f'<figure class="chart" aria-label="{_e(label)}">{fragment}</figure>'


# ---------------------------------------------------------------------------------------
# Sections


def _section(key: str, body: str) -> str:
    return f'<section id="{key}"><h2>{_e(REPORT_SECTIONS[key])}</h2>{body}</section>'


def _filters(options: NetworkOptions) -> list[str]:
    """The choices behind the ties, in words."""
    lines = [
        f"Tie weight: {WEIGHTINGS[options.weighting].lower()}.",
        "Where both organisations of a pair answered: "
        f"{RECONCILIATIONS[options.reconciliation][0].lower()}"
        f"{RECONCILIATIONS[options.reconciliation][1:]}.",
    ]
    filters = []
    if options.natures:
        filters.append("of nature " + ", ".join(NATURES[n].lower() for n in options.natures))
    if options.min_frequency:
        label = FREQUENCY.labels.get(int(options.min_frequency), str(options.min_frequency))
        filters.append(f"met {label.lower()} or more")
    if options.min_relevance:
        label = RELEVANCE.labels.get(int(options.min_relevance), str(options.min_relevance))
        filters.append(f"rated {label.lower()} or more")
    if filters:
        lines.append("Ties kept: only those " + "; ".join(filters) + ".")
    else:
        lines.append("Ties kept: every reported tie (no filter).")
    return lines


def _source_table(survey: Survey, c: WaveComparison) -> pd.DataFrame:
    """Per wave: organisations on the roster, respondents, response rate, answers, arcs."""
    rows = []
    for G in (c.before, c.after):
        wave = G.graph["wave"]
        responses = survey.responses
        answers = responses[(responses["wave"] == wave) & responses["respondent"].isin(list(G))]
        rate = G.graph["response_rate"]
        rows.append(
            {
                "Wave": wave,
                "Organisations on the roster": G.graph["roster_size"],
                "Organisations that answered": G.graph["respondents"],
                "Response rate": "–" if math.isnan(rate) else f"{rate:.0%}",
                "Answers (one per respondent, partner and person)": len(answers),
                "Arcs (ties, one per direction)": G.number_of_edges(),
            }
        )
    return pd.DataFrame(rows)


def _scope_section(
    survey: Survey,
    c: WaveComparison,
    scope: str,
    names: Anonymiser,
    permutations: int,
    samples: int,
    seed: int,
) -> str:
    hubs = ", ".join(survey.hubs) or "none named"
    what = (
        f"the ecosystem of the {scope} hub: the organisations whose hub column names it."
        if c.hub
        else f"every organisation of the survey, all hubs together ({hubs})."
    )
    items = [
        f"Scope: {what}",
        f"Waves: {c.wave_from} (earlier) and {c.wave_to} (later).",
        *_filters(c.options),
        f"Uncertainty: QAP correlations with {permutations:,} permutations and a paired "
        f"bootstrap of density with {samples:,} samples, both seeded with {seed}.",
        f"Data: the survey lists {len(survey.organisations):,} organisations in "
        f"{len(survey.hubs):,} hubs' ecosystems and holds {len(survey.responses):,} answers "
        f"in {len(survey.waves):,} waves ({', '.join(survey.waves)}).",
    ]
    if names.hidden:
        items.append(
            "Names are hidden: each organisation is shown as its type and a number "
            '(for example "VCSE 3"), the same in every table and figure.'
        )
    body = "<ul>" + "".join(f"<li>{_e(names.text(item))}</li>" for item in items) + "</ul>"
    body += _table(
        _source_table(survey, c),
        caption="Who answered: a tie reported by one side only is kept, but a tie between "
        "two organisations that did not answer is missing.",
        table_id="source-table",
    )
    return _section("scope", body)


def _networks_section(
    before: nx.DiGraph,
    after: nx.DiGraph,
    tables: tuple[pd.DataFrame, pd.DataFrame],
    positions: Mapping[str, tuple[float, float]],
    scope: str,
    illustrative: bool,
    figure: _Figures,
) -> str:
    intro = _paragraphs(
        "Each organisation sits in the same place in both pictures, so the waves compare by "
        "eye. Colour shows the type of organisation, size its betweenness (how often it "
        "sits on the shortest route between two others), line width how often partners "
        "interact, and arrowheads who mainly supports whom. Hover over an organisation for "
        "its measures."
    )
    pictures = []
    for G, table in zip((before, after), tables, strict=True):
        wave = G.graph["wave"]
        fig = network_figure(
            G,
            positions,
            size_by=table["betweenness"],
            measures=table,
            title=f"{scope}, {wave}",
            illustrative=illustrative,
            label_limit=20,
        ).update_layout(height=_NETWORK_HEIGHT)
        pictures.append(figure(fig, f"Partner network, {wave}"))
    return _section("networks", intro + "".join(pictures))


def _changes_section(
    c: WaveComparison,
    before: nx.DiGraph,
    after: nx.DiGraph,
    positions: Mapping[str, tuple[float, float]],
    scope: str,
    names: Anonymiser,
    illustrative: bool,
    figure: _Figures,
) -> str:
    waves = (c.wave_from, c.wave_to)
    findings = "".join(f"<li>{_e(names.text(s))}</li>" for s in describe_changes(c))
    body = f'<h3>Findings</h3><ul class="findings">{findings}</ul>'
    body += "<h3>Ties gained and lost</h3>" + figure(
        difference_figure(
            before,
            after,
            positions,
            title=f"{scope}: ties gained and lost from {c.wave_from} to {c.wave_to}",
            illustrative=illustrative,
        ),
        "Difference map",
    )
    network = c.network.copy()
    network.insert(0, "measure", [_column_label(key) for key in network.index])
    body += "<h3>The whole network</h3>" + figure(
        network_change_figure(c.network, illustrative=illustrative, waves=waves),
        "Network measures in both waves",
    )
    body += _table(
        network,
        caption="Network measures of each wave, over its own roster",
        table_id="network-table",
        headers={
            "measure": "Measure",
            "before": c.wave_from,
            "after": c.wave_to,
            "change": "Change",
        },
    )
    catalysis = names.table(c.catalysis)
    body += "<h3>Partnerships catalysed</h3>" + _paragraphs(
        "For each hub: the pairs of its partners that were not tied to each other in the "
        "earlier wave, and how many of them were tied in the later one. The survey shows "
        "that these ties formed, not that the hub formed them."
    )
    if catalysis.empty:
        body += _paragraphs("No organisation of type hub is in these networks.")
    else:
        body += figure(
            catalysis_figure(catalysis, illustrative=illustrative, waves=waves),
            "Partnerships catalysed",
        )
    return _section("changes", body)


def _moved_table(change: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The organisations whose ``measure`` changed most (as the dumbbell chart picks them)."""
    columns = [f"{measure}_{part}" for part in ("before", "after", "change")]
    ranks = [f"{measure}_rank_before", f"{measure}_rank_after"]
    frame = change.dropna(subset=columns[:2])
    frame = frame[frame[columns[2]] != 0]
    order = sorted(frame.index, key=lambda name: (-abs(frame.at[name, columns[2]]), str(name)))
    frame = frame.loc[order[:_MOVED_TOP]]
    types = frame["type"] if "type" in frame else pd.Series("", index=frame.index)
    table = pd.DataFrame(
        {
            "organisation": [str(name) for name in frame.index],
            "type": [type_label(kind) if kind else "" for kind in types],
        }
    )
    for column in [*columns, *ranks]:
        table[column] = frame[column].to_numpy()
    return table


def _moved_section(
    c: WaveComparison, names: Anonymiser, illustrative: bool, figure: _Figures
) -> str:
    change = names.table(c.organisation_change)
    waves = (c.wave_from, c.wave_to)
    body = _paragraphs(
        "The organisations whose measures changed most between the waves, among those in "
        "both. A rank of 1 is the highest value (for constraint, the lowest)."
    )
    for measure in MOVED_MEASURES:
        label = MEASURES[measure].label
        body += f"<h3>{_e(label)}</h3>"
        body += figure(
            organisation_change_figure(
                change, measure, top=_MOVED_TOP, illustrative=illustrative, waves=waves
            ),
            f"Largest changes of {label}",
        )
        headers = {
            f"{measure}_before": f"{label}, {c.wave_from}",
            f"{measure}_after": f"{label}, {c.wave_to}",
            f"{measure}_change": "Change",
            f"{measure}_rank_before": f"Rank, {c.wave_from}",
            f"{measure}_rank_after": f"Rank, {c.wave_to}",
        }
        body += _table(
            _moved_table(change, measure),
            caption=f"Largest changes of {label}",
            table_id=f"moved-{measure}",
            headers=headers,
        )
    return _section("moved", body)


def _brokerage_section(
    after: nx.DiGraph,
    table: pd.DataFrame,
    wave: str,
    illustrative: bool,
    figure: _Figures,
) -> str:
    body = _paragraphs(
        f"Who connects whom in {wave}: Gould and Fernandez's brokerage roles of the leading "
        "brokers, the kinds of organisation linked through a broker, and Burt's constraint "
        "against effective size (brokers across structural holes sit low and to the right)."
    )
    body += figure(brokerage_roles_figure(table, illustrative=illustrative), "Brokerage roles")
    body += figure(
        brokerage_matrix_figure(
            brokerage_type_matrix(after),
            title=f"Brokered links by type, {wave}",
            illustrative=illustrative,
        ),
        "Brokered links by type",
    )
    body += figure(structural_holes_figure(table, illustrative=illustrative), "Structural holes")
    return _section("brokerage", body)


def _gaps_for(
    survey: Survey, hubs: Sequence[str], c: WaveComparison
) -> list[tuple[str, pd.DataFrame | str]]:
    """Each hub's findings in the later wave (lost ties against the earlier), or why none."""
    found: list[tuple[str, pd.DataFrame | str]] = []
    for hub in hubs:
        try:
            gaps = find_gaps(survey, hub, c.wave_to, c.options, previous_wave=c.wave_from)
        except OptionError as error:
            found.append((hub, f"No findings for {hub}: {error}."))
            continue
        found.append((hub, gaps))
    return found


def _gaps_section(
    found: Sequence[tuple[str, pd.DataFrame | str]], wave: str, names: Anonymiser, several: bool
) -> str:
    body = _paragraphs(
        f"The missing connections around each hub in {wave}, ranked within each kind "
        "(score 0 to 1, higher = more worth acting on), each with a reason a hub lead can "
        "act on and the numbers behind it."
    )
    for hub, gaps in found:
        if several:
            body += f"<h3>{_e(names.text(hub))}</h3>"
        if isinstance(gaps, str):
            body += _paragraphs(names.text(gaps))
            continue
        if gaps.empty:
            body += _paragraphs("No missing connections were found.")
            continue
        counts = gaps["kind"].value_counts()
        summary = "; ".join(
            f"{GAP_TITLES[kind]}: {int(counts[kind])}" for kind in GAP_KINDS if kind in counts
        )
        body += _paragraphs(f"{len(gaps):,} findings. {summary}.")
        shown = names.table(gaps)
        level = "h4" if several else "h3"
        for kind in dict.fromkeys(shown["kind"]):
            rows = shown[shown["kind"] == kind]
            title = GAP_TITLES.get(kind, kind)
            frame = pd.DataFrame(
                {
                    "detail": [GAP_DETAILS.get(d, d) for d in rows["detail"]],
                    "organisation": rows["organisation"].to_numpy(),
                    "other": rows["other"].to_numpy(),
                    "score": rows["score"].astype(float).to_numpy(),
                    "reason": rows["reason"].to_numpy(),
                    "evidence": rows["evidence"].to_numpy(),
                }
            )
            body += f"<{level}>{_e(title)}</{level}>" + _table(
                frame,
                caption=f"{title}: {names.text(hub)}, {wave}",
                css_class="gaps",
                headers={"detail": "Detail", "other": "Other"},
            )
    return _section("gaps", body)


def _measures_section(
    tables: Sequence[pd.DataFrame], waves: Sequence[str], several_hubs: bool
) -> str:
    body = _paragraphs(
        "Every measure of every organisation in each wave; the glossary below says what each "
        "means. A dash marks a measure that is undefined (for instance constraint for an "
        "organisation with no tie)."
    )
    for table, wave in zip(tables, waves, strict=True):
        frame = table.copy()
        frame["type"] = [type_label(kind) for kind in frame["type"]]
        if not several_hubs and "hubs" in frame:
            frame = frame.drop(columns="hubs")
        frame.insert(0, "organisation", [str(name) for name in frame.index])
        body += f"<h3>{_e(wave)}</h3>" + _table(
            frame.reset_index(drop=True),
            caption=f"Measures of every organisation, {wave}",
            table_id=f"measures-{'before' if wave == waves[0] else 'after'}",
            css_class="measures",
        )
    return _section("measures", body)


def _glossary_section() -> str:
    def entries(keys: Iterable[str]) -> str:
        items = []
        for key in keys:
            measure = MEASURES[key]
            items.append(
                f'<dt id="measure-{_e(key)}">{_e(measure.label)}</dt>'
                f"<dd>{_e(measure.explanation)} Higher means {_e(measure.higher_is)}. "
                f'<span class="reference">({_e(measure.reference)})</span></dd>'
            )
        return "<dl>" + "".join(items) + "</dl>"

    kinds = "".join(
        f"<dt>{_e(GAP_TITLES[kind])}</dt><dd>{_e(_GAP_MEANINGS[kind])}</dd>" for kind in GAP_KINDS
    )
    body = (
        "<h3>Measures of one organisation</h3>"
        + entries(ORGANISATION_KEYS)
        + "<h3>Measures of a whole network</h3>"
        + entries(NETWORK_KEYS)
        + f"<h3>Kinds of missing connection</h3><dl>{kinds}</dl>"
    )
    return _section("glossary", body)


_GAP_MEANINGS: Final[dict[str, str]] = {
    "relevance_gap": "Partners rated relevant or highly relevant but met rarely or never; and, "
    "as a separate note, partners met often but rated not relevant.",
    "introduction": "Pairs of the hub's partners with no tie between them: open triads the hub "
    "spans, which it can close by introducing them.",
    "missing_type": "Kinds of organisation expected around a hub that are absent from its "
    "roster or only weakly tied to it.",
    "one_sided": "Support that flows only towards the hub, and ties that only one side reports.",
    "fragile": "Partners that hang on a single tie: lose it and they are cut off from the hub.",
    "lost_tie": "Ties of the earlier wave that are gone in the later one.",
}

_CSS: Final = f"""
* {{ box-sizing: border-box; }}
body {{ margin: 0; font-family: Arial, Helvetica, sans-serif; font-size: 15px;
  line-height: 1.5; color: #222222; background: #ffffff; }}
main {{ max-width: 1280px; margin: 0 auto; padding: 24px 32px 64px; }}
h1 {{ font-size: 28px; margin: 0 0 8px; }}
h2 {{ font-size: 22px; margin: 40px 0 12px; padding-top: 12px;
  border-top: 2px solid #dddddd; }}
h3 {{ font-size: 17px; margin: 24px 0 8px; }}
h4 {{ font-size: 15px; margin: 18px 0 6px; }}
.banner {{ border: 2px solid {ILLUSTRATIVE_COLOUR}; color: {ILLUSTRATIVE_COLOUR};
  padding: 8px 12px; margin: 12px 0; font-weight: bold; }}
nav ol {{ columns: 2; padding-left: 20px; }}
nav a, dt a {{ color: #1a5490; }}
figure.chart {{ margin: 12px 0; break-inside: avoid; }}
.table-wrap {{ overflow-x: auto; margin: 12px 0 20px; }}
table.data {{ border-collapse: collapse; font-size: 13px; }}
table.data caption {{ text-align: left; font-weight: bold; padding: 4px 0; }}
table.data th, table.data td {{ border: 1px solid #cccccc; padding: 4px 8px;
  vertical-align: top; text-align: left; }}
table.data th {{ background: #f2f2f2; }}
table.data .num {{ text-align: right; font-variant-numeric: tabular-nums;
  white-space: nowrap; }}
table.gaps td:nth-child(5) {{ min-width: 360px; }}
ul.findings li {{ margin-bottom: 6px; }}
dt {{ font-weight: bold; margin-top: 10px; }}
dd {{ margin-left: 20px; }}
.reference {{ color: #555555; }}
@media print {{
  nav {{ display: none; }}
  main {{ max-width: none; padding: 0; }}
  h2 {{ break-before: page; }}
}}
"""


# ---------------------------------------------------------------------------------------
# The report


def html_report(
    survey: Survey,
    hub: str | None,
    wave_from: str,
    wave_to: str,
    options: NetworkOptions | None = None,
    illustrative: bool = False,
    anonymise: bool = False,
    names: Mapping[str, str] | None = None,
    title: str | None = None,
    *,
    permutations: int = 1000,
    samples: int = 2000,
    seed: int = 2023,
) -> str:
    """A self-contained HTML report of one hub's ecosystem (or all hubs) across two waves.

    Sections (:data:`REPORT_SECTIONS`): what the report covers (scope, waves, the tie
    weighting and filters, the data and each wave's response rate); the two networks on
    shared positions; what changed, in plain sentences
    (:func:`~ecosystem.analysis.change.describe_changes`) with the difference map, the
    network measures of both waves and the partnerships each hub catalysed; the
    organisations whose measures (:data:`MOVED_MEASURES`) moved most; brokerage and
    structural holes in the later wave; the missing connections
    (:func:`~ecosystem.analysis.gaps.find_gaps`) of the hub, or of each hub, in the later
    wave with their reasons; every measure of every organisation in both waves; and the
    glossary (:data:`ecosystem.glossary.MEASURES`).

    Parameters
    ----------
    survey : Survey
        The validated survey. Never modified.
    hub : str or None
        A hub name or the hub organisation's name (as
        :func:`ecosystem.network.resolve_hub` accepts); ``None`` covers every
        organisation, with the gaps of each hub in turn. Replaces ``options.hub``.
    wave_from, wave_to : str
        The earlier and the later wave (matched case- and space-insensitively).
    options : NetworkOptions, optional
        How answers become ties (weighting, reconciliation, tie filters).
    illustrative : bool, optional
        Say "Illustrative data" at the top and on every figure (the demo's responses are
        synthetic).
    anonymise : bool, optional
        Hide every organisation's name and alias behind a label such as "VCSE 3" (see the
        module notes).
    names : mapping, optional
        Name -> label to use when ``anonymise`` is True; by default "<short type> <n>",
        numbered within each type (:data:`ecosystem.export.SHORT_TYPES`) in order of name,
        ignoring case, over the whole survey. Aliases of a named organisation take its
        label; an organisation the mapping lacks gets an unused "Organisation <n>", so no
        name is ever left showing.
    title : str, optional
        The report's title; by default the scope and the two waves.
    permutations, samples, seed : int, optional
        Passed to :func:`~ecosystem.analysis.change.compare_waves`: QAP permutations,
        density bootstrap samples and their seed.

    Returns
    -------
    str
        A complete HTML document (UTF-8 text) that needs no network connection: about
        5 MB, nearly all of it the plotly.js bundle, embedded once.

    Raises
    ------
    OptionError
        For an unknown wave or hub, or when both waves are the same.

    Notes
    -----
    The uncertainty in the findings comes from Krackhardt's (1987) QAP and Snijders and
    Borgatti's (1999) paired bootstrap; the measures' references are in the glossary.
    """
    first = choose_wave(survey, wave_from)
    second = choose_wave(survey, wave_to)
    if first == second:
        raise OptionError("a report compares two different waves; choose another wave")
    resolved = resolve_hub(survey, hub) if hub is not None else None
    options = replace(options or NetworkOptions(), hub=resolved)
    c = compare_waves(
        survey, first, second, options, permutations=permutations, samples=samples, seed=seed
    )
    positions = stable_layout([c.before, c.after])
    hubs = [resolved] if resolved is not None else list(survey.hubs)
    found = _gaps_for(survey, hubs, c)

    lookup: dict[str, str] = {}
    if anonymise:
        lookup = dict(names) if names is not None else anonymous_lookup(survey.organisations)
        _add_aliases(lookup, survey.organisations)
        everyone = [*survey.organisations.index, *c.before, *c.after]
        lookup = _complete(lookup, everyone)
    shown = Anonymiser(lookup)

    scope = shown.text(resolved or ALL_HUBS)
    before, after = shown.graph(c.before), shown.graph(c.after)
    tables = (shown.table(c.tables_before), shown.table(c.tables_after))
    shown_positions = shown.positions(positions)
    heading = shown.text(title or f"Partner-mapping report: {scope}, {first} to {second}")
    figure = _Figures()

    sections = [
        _scope_section(survey, c, scope, shown, permutations, samples, seed),
        _networks_section(before, after, tables, shown_positions, scope, illustrative, figure),
        _changes_section(c, before, after, shown_positions, scope, shown, illustrative, figure),
        _moved_section(c, shown, illustrative, figure),
        _brokerage_section(after, tables[1], second, illustrative, figure),
        _gaps_section(found, second, shown, several=resolved is None),
        _measures_section(tables, (first, second), several_hubs=resolved is None),
        _glossary_section(),
    ]
    banner = (
        f'<p class="banner" role="note">{_e(ILLUSTRATIVE_TEXT)}: the responses are '
        "synthetic, made up to show how the product works; the findings describe no real "
        "ecosystem.</p>"
        if illustrative
        else ""
    )
    contents = "".join(
        f'<li><a href="#{key}">{_e(text)}</a></li>' for key, text in REPORT_SECTIONS.items()
    )
    lede = _paragraphs(
        f"{scope}: how the partner network changed from {first} to {second}, what that "
        "means, and where connections are missing."
    )
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(heading)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f"<header><h1>{_e(heading)}</h1>{banner}{lede}</header>\n"
        f'<nav aria-label="Contents"><h2>Contents</h2><ol>{contents}</ol></nav>\n'
        + "\n".join(sections)
        + "\n</main>\n</body>\n</html>\n"
    )
