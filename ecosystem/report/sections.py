"""What each section of the report says: plain values for its template, from the core.

Each ``*_section`` function takes the :class:`Material` of one report (the comparison of
two waves, the networks and tables as shown, the gaps, the anonymiser) and returns the
values its template (``templates/<section>.html``) prints: text, tables
(:class:`~ecosystem.report.render.Table`) and charts (:class:`~ecosystem.report.render.Chart`).
Names are already hidden in everything they return when the report anonymises.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final

import networkx as nx
import pandas as pd

from ecosystem.anonymise import Anonymiser
from ecosystem.codebook import type_label
from ecosystem.errors import OptionError
from ecosystem.figures import (
    brokerage_matrix_figure,
    brokerage_roles_figure,
    catalysis_figure,
    difference_figure,
    network_change_figure,
    network_figure,
    organisation_change_figure,
    structural_holes_figure,
)
from ecosystem.figures.formats import format_change, format_measure, format_percent
from ecosystem.glossary import MEASURES, NETWORK_KEYS, ORGANISATION_KEYS
from ecosystem.report.functions import functions_section
from ecosystem.report.render import Chart, Charts, Table, column_label, table
from ecosystem.report.sustainability import ReportPart, sustainability_values
from ecosystem.report.trust import trust_section
from ecosystem.service import compare_hubs, filter_words, find_gaps, hub_comparison_text
from ecosystem.service.measures import brokerage_type_matrix
from ecosystem.service.words import GAP_DETAILS, GAP_KINDS, GAP_TITLES, describe_changes
from ecosystem.survey import Survey

if TYPE_CHECKING:
    from ecosystem.analysis.change import WaveComparison


REPORT_SECTIONS: Final[dict[str, str]] = {
    "scope": "What this report covers",
    "networks": "The two networks",
    "changes": "What changed",
    "functions": "Core functions",
    "moved": "Organisations that moved most",
    "brokerage": "Brokerage and structural holes",
    "gaps": "Missing connections",
    "sustainability": "Sustainability: if the hub left",
    "trust": "How far the numbers can be trusted",
    "measures": "Measures of every organisation",
    "glossary": "How to read the measures",
}
"""Section id -> heading, in the order the report gives them."""

MOVED_MEASURES: Final[tuple[str, ...]] = ("pagerank", "betweenness")
"""The measures whose largest changes the "Organisations that moved most" section shows."""

_MOVED_TOP: Final = 12
_NETWORK_HEIGHT: Final = 620

GAP_MEANINGS: Final[dict[str, str]] = {
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
"""What each kind of missing connection means, for the glossary section."""

Gaps = Sequence[tuple[str, pd.DataFrame | str]]
"""Each hub's findings, or the reason it has none."""


@dataclass(frozen=True)
class Material:
    """Everything the sections draw on, with names already hidden where they are shown.

    ``c`` is the comparison as computed (real names); ``before``, ``after``, ``tables``
    and ``positions`` are as shown (labels when anonymising); ``scope`` is the hub (or
    "All hubs") as shown; ``charts`` numbers the figures in the order they are made.
    """

    survey: Survey
    c: WaveComparison
    names: Anonymiser
    before: nx.DiGraph
    after: nx.DiGraph
    tables: tuple[pd.DataFrame, pd.DataFrame]
    positions: Mapping[str, tuple[float, float]]
    scope: str
    gaps: Gaps
    several_hubs: bool
    illustrative: bool
    charts: Charts
    uncertainty: tuple[int, int, int]  # QAP permutations, bootstrap samples, seed

    @property
    def waves(self) -> tuple[str, str]:
        return (self.c.wave_from, self.c.wave_to)


def gaps_of(survey: Survey, hubs: Sequence[str], c: WaveComparison) -> Gaps:
    """Each hub's findings in the later wave (lost ties against the earlier), or why none."""
    found: list[tuple[str, pd.DataFrame | str]] = []
    for hub in hubs:
        try:
            gaps = find_gaps(
                survey, hub, c.wave_to, c.options, previous_wave=c.wave_from, pairs=c.pairs
            )
        except OptionError as error:
            found.append((hub, f"No findings for {hub}: {error}."))
            continue
        found.append((hub, gaps))
    return found


def _source_table(survey: Survey, c: WaveComparison) -> pd.DataFrame:
    """Per wave: organisations on the roster, respondents, response rate, answers, arcs."""
    rows = []
    responses = survey.responses
    for G in (c.before, c.after):
        wave = G.graph["wave"]
        answers = responses[(responses["wave"] == wave) & responses["respondent"].isin(list(G))]
        rate = G.graph["response_rate"]  # a share; people read it as a percentage
        rows.append(
            {
                "Wave": wave,
                "Organisations on the roster": G.graph["roster_size"],
                "Organisations that answered": G.graph["respondents"],
                "Response rate": format_percent(rate, 0),
                "Answers (one per respondent, partner and person)": len(answers),
                "Arcs (ties, one per direction)": G.number_of_edges(),
            }
        )
    return pd.DataFrame(rows)


def scope_section(m: Material) -> dict[str, Any]:
    """What the report covers: scope, waves, the choices behind the ties, the data."""
    survey, c = m.survey, m.c
    permutations, samples, seed = m.uncertainty
    hubs = ", ".join(survey.hubs) or "none named"
    what = (
        f"the ecosystem of the {m.scope} hub: the organisations whose hub column names it."
        if c.hub
        else f"every organisation of the survey, all hubs together ({hubs})."
    )
    items = [
        f"Scope: {what}",
        f"Waves: {c.wave_from} (earlier) and {c.wave_to} (later).",
        *filter_words(c.options).sentences(),
        f"Uncertainty: QAP correlations with {permutations:,} permutations and a paired "
        f"bootstrap of density with {samples:,} samples, both seeded with {seed}.",
        f"Data: the survey lists {len(survey.organisations):,} organisations in "
        f"{len(survey.hubs):,} hubs' ecosystems and holds {len(survey.responses):,} answers "
        f"in {len(survey.waves):,} waves ({', '.join(survey.waves)}).",
    ]
    if m.names.hidden:
        items.append(
            "Names are hidden: each organisation is shown as its type and a number "
            '(for example "VCSE 3"), the same in every table and figure.'
        )
    source = table(
        _source_table(survey, c),
        caption="Who answered: a tie reported by one side only is kept, but a tie between "
        "two organisations that did not answer is missing.",
        table_id="source-table",
    )
    return {"lines": [m.names.text(item) for item in items], "source": source}


def networks_section(m: Material) -> dict[str, Any]:
    """Both networks on the same positions, sized by betweenness."""
    charts = []
    for G, measures in zip((m.before, m.after), m.tables, strict=True):
        wave = G.graph["wave"]
        fig = network_figure(
            G,
            m.positions,
            size_by=measures["betweenness"],
            measures=measures,
            title=f"{m.scope}, {wave}",
            illustrative=m.illustrative,
            label_limit=20,
        ).update_layout(height=_NETWORK_HEIGHT)
        charts.append(m.charts(fig, f"Partner network, {wave}"))
    return {"charts": charts}


def changes_section(m: Material) -> dict[str, Any]:
    """The findings in words, the difference map, network measures and catalysis."""
    c, waves = m.c, m.waves
    difference = m.charts(
        difference_figure(
            m.before,
            m.after,
            m.positions,
            title=f"{m.scope}: ties gained and lost from {c.wave_from} to {c.wave_to}",
            illustrative=m.illustrative,
        ),
        "Difference map",
    )
    network_chart = m.charts(
        network_change_figure(c.network, illustrative=m.illustrative, waves=waves),
        "Network measures in both waves",
    )
    network_table = _network_table(c)
    catalysis = m.names.table(c.catalysis)
    catalysed: Chart | None = None
    if not catalysis.empty:
        catalysed = m.charts(
            catalysis_figure(catalysis, illustrative=m.illustrative, waves=waves),
            "Partnerships catalysed",
        )
    return {
        "findings": [m.names.text(sentence) for sentence in describe_changes(c)],
        "pairs": _pairs_words(c),
        "difference": difference,
        "network_chart": network_chart,
        "network_table": network_table,
        "catalysis": catalysed,
        **(_every_hub(m) if m.several_hubs else {"every_hub": None}),
    }


def _pairs_words(c: WaveComparison) -> dict[str, Any]:
    """Which pairs the comparison compared and left out, and why, in words."""
    note = c.pairs_note
    if note is None:
        return {
            "heading": "Every pair compared",
            "lines": [
                "This comparison counts every pair of organisations as reported, including "
                "pairs that one wave did not observe (neither organisation answered about the "
                "other), so a rise in response can read as ties gained."
            ],
        }
    return {
        "heading": "Like with like: the pairs observed in both waves",
        "lines": [
            f"{note.compared:,} pairs of organisations compared; {note.excluded:,} left out "
            f"because {c.wave_from} or {c.wave_to} did not observe them.",
            note.rule,
            *note.sentences,
        ],
    }


def _network_table(c: WaveComparison) -> Table:
    """Network measures of both waves and their change, written as the figures write them
    (counts whole, response rates as percentages, others to three decimals)."""
    network = pd.DataFrame(
        {
            "measure": [column_label(key) for key in c.network.index],
            "before": [format_measure(str(key), v) for key, v in c.network["before"].items()],
            "after": [format_measure(str(key), v) for key, v in c.network["after"].items()],
            "change": [
                "–" if pd.isna(v) else format_change(str(key), v)
                for key, v in c.network["change"].items()
            ],
        }
    )
    shown = table(
        network,
        caption="Network measures of each wave, over its own roster",
        table_id="network-table",
        headers={"measure": "Measure", "before": c.wave_from, "after": c.wave_to,
                 "change": "Change"},
    )  # fmt: skip
    return replace(shown, numeric=(False, True, True, True))


def _every_hub(m: Material) -> dict[str, Any]:
    """Every hub side by side (:func:`ecosystem.service.compare_hubs`), for a report that
    covers every hub: the table, and one reading per hub."""
    c = m.c
    permutations, samples, seed = m.uncertainty
    hubs = compare_hubs(
        m.survey, c.wave_from, c.wave_to, c.options, permutations, samples, seed, pairs=c.pairs
    )
    shown = table(
        m.names.table(hub_comparison_text(hubs)),
        caption=f"Every hub from {c.wave_from} to {c.wave_to} (each pair of values: "
        f"{c.wave_from} → {c.wave_to})",
        table_id="hubs-table",
    )
    return {
        "every_hub": shown,
        "readings": [m.names.text(reading) for reading in hubs["reading"]],
    }


def _moved_table(change: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The organisations whose ``measure`` changed most (as the dumbbell chart picks them)."""
    columns = [f"{measure}_{part}" for part in ("before", "after", "change")]
    ranks = [f"{measure}_rank_before", f"{measure}_rank_after"]
    frame = change.dropna(subset=columns[:2])
    frame = frame[frame[columns[2]] != 0]
    order = sorted(frame.index, key=lambda name: (-abs(frame.at[name, columns[2]]), str(name)))
    frame = frame.loc[order[:_MOVED_TOP]]
    types = frame["type"] if "type" in frame else pd.Series("", index=frame.index)
    moved = pd.DataFrame(
        {
            "organisation": [str(name) for name in frame.index],
            "type": [type_label(kind) if kind else "" for kind in types],
        }
    )
    for column in [*columns, *ranks]:
        moved[column] = frame[column].to_numpy()
    return moved


def moved_section(m: Material) -> dict[str, Any]:
    """For each of :data:`MOVED_MEASURES`: a dumbbell chart and a table of the largest
    changes."""
    change = m.names.table(m.c.organisation_change)
    first, second = m.waves
    measures = []
    for measure in MOVED_MEASURES:
        label = MEASURES[measure].display
        chart = m.charts(
            organisation_change_figure(
                change, measure, top=_MOVED_TOP, illustrative=m.illustrative, waves=m.waves
            ),
            f"Largest changes of {label}",
        )
        headers = {
            f"{measure}_before": f"{label}, {first}",
            f"{measure}_after": f"{label}, {second}",
            f"{measure}_change": "Change",
            f"{measure}_rank_before": f"Rank, {first}",
            f"{measure}_rank_after": f"Rank, {second}",
        }
        moved = table(
            _moved_table(change, measure),
            caption=f"Largest changes of {label}",
            table_id=f"moved-{measure}",
            headers=headers,
        )
        measures.append({"label": label, "chart": chart, "table": moved})
    return {"measures": measures}


def brokerage_section(m: Material) -> dict[str, Any]:
    """Brokerage roles, brokered links by type and structural holes in the later wave."""
    wave, shown, illustrative = m.c.wave_to, m.tables[1], m.illustrative
    matrix = brokerage_matrix_figure(
        brokerage_type_matrix(m.after),
        title=f"Brokered links by type, {wave}",
        illustrative=illustrative,
    )
    return {
        "wave": wave,
        "roles": m.charts(
            brokerage_roles_figure(shown, illustrative=illustrative), "Brokerage roles"
        ),
        "matrix": m.charts(matrix, "Brokered links by type"),
        "holes": m.charts(
            structural_holes_figure(shown, illustrative=illustrative), "Structural holes"
        ),
    }


def _gap_kinds(gaps: pd.DataFrame, caption: str) -> list[dict[str, Any]]:
    """One table per kind of finding, in the order the kinds first appear."""
    kinds = []
    for kind in dict.fromkeys(gaps["kind"]):
        rows = gaps[gaps["kind"] == kind]
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
        shown = table(frame, caption=f"{title}: {caption}", css_class="gaps",
                      headers={"detail": "Detail", "other": "Other"})  # fmt: skip
        kinds.append({"title": title, "table": shown})
    return kinds


def gaps_section(m: Material) -> dict[str, Any]:
    """Each hub's missing connections in the later wave, a table per kind of finding."""
    wave, names = m.c.wave_to, m.names
    hubs: list[dict[str, Any]] = []
    for hub, gaps in m.gaps:
        heading = names.text(hub) if m.several_hubs else ""
        if isinstance(gaps, str):
            hubs.append({"heading": heading, "note": names.text(gaps), "kinds": []})
            continue
        if gaps.empty:
            hubs.append({"heading": heading, "note": "No missing connections were found.",
                         "kinds": []})  # fmt: skip
            continue
        counts = gaps["kind"].value_counts()
        summary = "; ".join(
            f"{GAP_TITLES[kind]}: {int(counts[kind])}" for kind in GAP_KINDS if kind in counts
        )
        kinds = _gap_kinds(names.table(gaps), f"{names.text(hub)}, {wave}")
        hubs.append({"heading": heading, "note": f"{len(gaps):,} findings. {summary}.",
                     "kinds": kinds})  # fmt: skip
    return {"wave": wave, "hubs": hubs, "level": "h4" if m.several_hubs else "h3"}


def sustainability_section(m: Material) -> dict[str, Any]:
    """The hub leaving, in the later wave (:mod:`ecosystem.report.sustainability`)."""
    part = ReportPart(m.survey, m.c, m.names, m.positions, m.charts, m.scope, m.illustrative)
    return sustainability_values(part)


def measures_section(m: Material) -> dict[str, Any]:
    """Every measure of every organisation in both waves."""
    shown: list[tuple[str, Table]] = []
    for measures, wave, side in zip(m.tables, m.waves, ("before", "after"), strict=True):
        frame = measures.copy()
        frame["type"] = [type_label(kind) for kind in frame["type"]]
        if not m.several_hubs and "hubs" in frame:
            frame = frame.drop(columns="hubs")
        frame.insert(0, "organisation", [str(name) for name in frame.index])
        shown.append(
            (
                wave,
                table(
                    frame.reset_index(drop=True),
                    caption=f"Measures of every organisation, {wave}",
                    table_id=f"measures-{side}",
                    css_class="measures",
                ),
            )
        )
    return {"tables": shown}


def glossary_section(m: Material) -> dict[str, Any]:
    """What every measure and every kind of missing connection means."""
    return {
        "organisation": [MEASURES[key] for key in ORGANISATION_KEYS],
        "network": [MEASURES[key] for key in NETWORK_KEYS],
        "gap_kinds": [(GAP_TITLES[kind], GAP_MEANINGS[kind]) for kind in GAP_KINDS],
    }


SECTIONS: Final[dict[str, Callable[[Material], dict[str, Any]]]] = {
    "scope": scope_section,
    "networks": networks_section,
    "changes": changes_section,
    "functions": functions_section,
    "moved": moved_section,
    "brokerage": brokerage_section,
    "gaps": gaps_section,
    "sustainability": sustainability_section,
    "trust": trust_section,
    "measures": measures_section,
    "glossary": glossary_section,
}
"""Section id -> the function giving its template's values, in the report's order."""
