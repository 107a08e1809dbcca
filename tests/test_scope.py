"""The survey of one hub (``ecosystem.access.scope``): everything a hub's person sees is the
same computed from it as from the whole survey for their hub, and nothing of another hub is
in it.

The reference is the whole survey with ``NetworkOptions(hub=hub)``. The one deliberate
difference is the ``hubs`` of an organisation in several hubs' ecosystems, reduced to the hub
in the scoped survey; so results are held against the whole survey whose members name only
this hub (:func:`members_name_only`), and one test shows that this is the only change to the
whole survey's own results.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import fields, replace

import networkx as nx
import pandas as pd
import pytest
from support import demo_survey

from ecosystem.access import survey_for, survey_for_hub
from ecosystem.analysis.tables import full_measures
from ecosystem.errors import OptionError
from ecosystem.exhibits import TABLES, exhibit_bytes, hubs_table
from ecosystem.load import load_survey
from ecosystem.network import NetworkOptions, build_network
from ecosystem.report import html_report
from ecosystem.service import Selection, compare_waves, find_gaps_by_hub, response_rates
from ecosystem.survey import Survey, responses_frame

DEMO = demo_survey()
HUB_WAVES = [(hub, wave) for hub in DEMO.hubs for wave in DEMO.waves]


def members_name_only(survey: Survey, hub: str) -> Survey:
    """The whole survey, each member of ``hub`` naming only ``hub`` in its ``hubs``."""
    hubs = survey.organisations["hubs"].map(lambda held: (hub,) if hub in held else held)
    return replace(survey, organisations=survey.organisations.assign(hubs=hubs))


def graph_record(graph: nx.DiGraph) -> tuple[list, pd.DataFrame, str]:
    """A graph as comparable parts: nodes with attributes in order, arcs as a table (NaN-safe),
    graph attributes (their repr, so a NaN response rate equals itself)."""
    arcs = pd.DataFrame([{"source": s, "target": t, **d} for s, t, d in graph.edges(data=True)])
    return list(graph.nodes(data=True)), arcs, repr(sorted(graph.graph.items()))


def assert_same_graph(one: nx.DiGraph, other: nx.DiGraph) -> None:
    nodes, arcs, attributes = graph_record(one)
    other_nodes, other_arcs, other_attributes = graph_record(other)
    assert nodes == other_nodes
    pd.testing.assert_frame_equal(arcs, other_arcs)
    assert attributes == other_attributes


def assert_same_value(one: object, other: object) -> None:
    """Equal frames, series, graphs or plain values (NaN equal to NaN)."""
    if isinstance(one, pd.DataFrame):
        pd.testing.assert_frame_equal(one, other)
    elif isinstance(one, pd.Series):
        pd.testing.assert_series_equal(one, other)
    elif isinstance(one, nx.DiGraph):
        assert_same_graph(one, other)
    else:
        assert repr(one) == repr(other)


def workbook_parts(data: bytes) -> dict[str, bytes]:
    """Every file of a workbook by name, byte for byte, but for the times it was made (a
    workbook written a second later differs in those alone)."""
    with zipfile.ZipFile(io.BytesIO(data)) as workbook:
        parts = {name: workbook.read(name) for name in workbook.namelist()}
    times = rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>"
    parts["docProps/core.xml"] = re.sub(times, b"", parts["docProps/core.xml"])
    return parts


def other_hubs_names(survey: Survey, hub: str) -> set[str]:
    """Every name, alias and short name of an organisation outside ``hub``'s ecosystem."""
    outside = survey.organisations[~survey.organisations["hubs"].map(lambda h: hub in h)]
    names = {*outside.index, *(a for aliases in outside["aliases"] for a in aliases)}
    return {str(n) for n in (*names, *outside["short_name"]) if str(n).strip()}


def cells(frame: pd.DataFrame) -> list[str]:
    """Every cell of a table as text, each item of a tuple cell on its own, index included."""
    found = [str(name) for name in frame.index]
    for column in frame.columns:
        for value in frame[column]:
            items = value if isinstance(value, tuple) else (value,)
            found.extend(str(item) for item in items)
    return found


def named_in(text: str, names: set[str]) -> list[str]:
    """The names that appear in a text as whole words."""
    return [n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text)]


# --- a hand-made survey: a member that answered only about organisations of another hub ---

ORGANISATIONS = pd.DataFrame(
    {
        "type": ["hub", "icb", "VCSE", "national", "hub", "trust"],
        "hubs": [("Dorset",)] * 3 + [("Dorset", "Leeds"), ("Leeds",), ("Leeds",)],
        "region": [""] * 6,
        "aliases": [(), ("Dorset ICB",), (), (), (), ("LTHT",)],
        # Dorset Charity is listed only for W2: it is on W1's roster because Leeds named it.
        "waves": [(), (), ("W2",), (), (), ()],
        "short_name": ["", "", "", "Funder", "", "Leeds Trust"],
    },
    index=pd.Index(
        ["Dorset Hub", "NHS Dorset", "Dorset Charity", "The Funder", "Leeds Hub",
         "Leeds Teaching Hospitals"],
        name="name",
    ),
)  # fmt: skip

ANSWER = {
    "frequency": 3,
    "relevance": 2.0,
    "direction": "both",
    "nature": ("support",),
    "respondent_person": "Lead",
    "submitted": "2023-01-20",
    "source_file": "responses.csv",
}


def answer(wave: str, respondent: str, partner: str, row: int) -> dict:
    return {**ANSWER, "wave": wave, "respondent": respondent, "partner": partner, "source_row": row}


HAND_MADE = Survey(
    ORGANISATIONS,
    responses_frame(
        [
            answer("W1", "Leeds Hub", "Dorset Charity", 2),
            answer("W1", "Dorset Hub", "The Funder", 3),
            # NHS Dorset answered, but every answer names an organisation of Leeds.
            answer("W1", "NHS Dorset", "Leeds Hub", 4),
            answer("W1", "NHS Dorset", "Leeds Teaching Hospitals", 5),
            answer("W1", "Leeds Hub", "Leeds Teaching Hospitals", 6),
            answer("W2", "Dorset Hub", "NHS Dorset", 7),
            answer("W2", "Dorset Charity", "Leeds Hub", 8),
        ]
    ),
    pd.DataFrame(
        {
            "wave": ["W1", "W2"],
            "source": ["Leeds Hub", "The Funder"],
            "target": ["NHS Dorset", "Dorset Hub"],
            "weight": [2.0, 1.0],
            "nature": [(), ()],
            "source_file": ["edges.csv"] * 2,
            "source_row": [2, 3],
        }
    ).astype({"weight": "float64", "source_row": "int64"}),
)


def test_a_member_answering_only_about_other_hubs_still_responded():
    scoped = survey_for_hub(HAND_MADE, "Dorset")
    whole = build_network(HAND_MADE, "W1", NetworkOptions(hub="Dorset"))
    graph = build_network(scoped, "W1", NetworkOptions(hub="Dorset"))
    assert whole.nodes["NHS Dorset"]["responded"] is True  # the whole survey counts it
    assert graph.nodes["NHS Dorset"]["responded"] is True
    assert graph.graph["respondents"] == whole.graph["respondents"] == 2
    assert graph.graph["response_rate"] == whole.graph["response_rate"] == 2 / 4


def test_a_member_named_only_by_another_hub_stays_on_the_roster():
    scoped = survey_for_hub(HAND_MADE, "Dorset")
    graph = build_network(scoped, "W1", NetworkOptions(hub="Dorset"))
    assert "Dorset Charity" in graph  # on W1's roster only because Leeds Hub named it
    assert graph.graph["roster_size"] == 4
    assert scoped.organisations.loc["Dorset Charity", "waves"] == ("W2", "W1")


def test_the_placeholder_answer_is_about_itself_never_and_makes_no_tie():
    responses = survey_for_hub(HAND_MADE, "Dorset").responses
    placeholder = responses[responses["respondent"] == "NHS Dorset"]
    assert placeholder[["wave", "partner", "frequency", "direction"]].values.tolist() == [
        ["W1", "NHS Dorset", 0, "none"]
    ]
    assert placeholder["respondent_person"].tolist() == [""]
    graph = build_network(survey_for_hub(HAND_MADE, "Dorset"), "W1")
    assert not graph.has_edge("NHS Dorset", "NHS Dorset")


@pytest.mark.parametrize("wave", ["W1", "W2"])
def test_the_hand_made_hub_sees_the_same_network_and_gaps(wave):
    scoped = survey_for_hub(HAND_MADE, "Dorset")
    reference = members_name_only(HAND_MADE, "Dorset")
    options = NetworkOptions(hub="Dorset")
    assert_same_graph(build_network(scoped, wave, options), build_network(reference, wave, options))
    assert_same_value(
        find_gaps_by_hub(scoped, "Dorset", wave), find_gaps_by_hub(reference, "Dorset", wave)
    )


def test_the_hand_made_scoped_survey_keeps_only_rows_between_members():
    scoped = survey_for_hub(HAND_MADE, "Dorset")
    assert list(scoped.organisations.index) == [
        "Dorset Hub", "NHS Dorset", "Dorset Charity", "The Funder"
    ]  # fmt: skip
    assert scoped.organisations.loc["The Funder", "hubs"] == ("Dorset",)
    assert scoped.edges[["source", "target"]].values.tolist() == [["The Funder", "Dorset Hub"]]
    assert scoped.hubs == ["Dorset"] and scoped.waves == ["W1", "W2"]
    leaked = named_in(" ".join(cells(scoped.responses)), other_hubs_names(HAND_MADE, "Dorset"))
    assert leaked == []


# --- the demo survey: every hub and wave ---


@pytest.mark.parametrize(("hub", "wave"), HUB_WAVES)
def test_the_network_and_measures_are_the_hubs_own(hub, wave):
    scoped = survey_for_hub(DEMO, hub)
    reference = members_name_only(DEMO, hub)
    options = NetworkOptions(hub=hub)
    graph = build_network(scoped, wave, options)
    assert_same_graph(graph, build_network(reference, wave, options))
    table, overall = full_measures(graph)
    reference_table, reference_overall = full_measures(build_network(reference, wave, options))
    pd.testing.assert_frame_equal(table, reference_table)
    pd.testing.assert_series_equal(overall, reference_overall)
    assert_same_value(find_gaps_by_hub(scoped, hub, wave), find_gaps_by_hub(DEMO, hub, wave))


@pytest.mark.parametrize("hub", DEMO.hubs)
def test_the_only_difference_is_the_hubs_of_shared_organisations(hub):
    """Against the whole survey itself: the same network, but for the ``hubs`` attribute of an
    organisation in several hubs, which the scoped survey reduces to this hub."""
    for wave in DEMO.waves:
        whole = build_network(DEMO, wave, NetworkOptions(hub=hub))
        scoped = build_network(survey_for_hub(DEMO, hub), wave, NetworkOptions(hub=hub))
        assert {n for n, h in whole.nodes(data="hubs") if h != hub} == {
            n for n, held in DEMO.organisations["hubs"].items() if hub in held and len(held) > 1
        }
        nx.set_node_attributes(whole, hub, "hubs")
        assert_same_graph(scoped, whole)


@pytest.mark.parametrize("hub", DEMO.hubs)
def test_the_comparison_and_response_rates_are_the_hubs_own(hub):
    scoped = survey_for_hub(DEMO, hub)
    reference = members_name_only(DEMO, hub)
    options = NetworkOptions(hub=hub)
    first, last = DEMO.waves
    ours = compare_waves(scoped, first, last, options, permutations=200, samples=200)
    theirs = compare_waves(reference, first, last, options, permutations=200, samples=200)
    for field in fields(ours):
        assert_same_value(getattr(ours, field.name), getattr(theirs, field.name))
    rates, whole = response_rates(scoped), response_rates(DEMO)
    pd.testing.assert_frame_equal(
        rates[rates["scope"] == hub].reset_index(drop=True),
        whole[whole["scope"] == hub].reset_index(drop=True),
    )


@pytest.mark.parametrize("hub", DEMO.hubs)
def test_exported_tables_are_byte_for_byte_the_hubs_own(hub):
    scoped = survey_for_hub(DEMO, hub)
    reference = members_name_only(DEMO, hub)
    selection = Selection(DEMO.waves[-1], NetworkOptions(hub=hub), source="demo")
    for table in TABLES:
        chosen = replace(selection, table=table)
        assert exhibit_bytes(scoped, "tables", chosen, "csv") == exhibit_bytes(
            reference, "tables", chosen, "csv"
        ), table
    assert workbook_parts(exhibit_bytes(scoped, "tables", selection, "xlsx")) == workbook_parts(
        exhibit_bytes(reference, "tables", selection, "xlsx")
    )
    # The every-hub table holds the hub's own row alone: an "All hubs" row would repeat it.
    every_hub = hubs_table(reference, selection).set_index("Hub")
    ours = hubs_table(scoped, selection).set_index("Hub")
    assert list(ours.index) == [hub]
    pd.testing.assert_frame_equal(ours.loc[[hub]], every_hub.loc[[hub]])


@pytest.mark.parametrize("hub", DEMO.hubs)
def test_the_report_of_a_hub_names_no_organisation_of_another(hub):
    first, last = DEMO.waves
    report = html_report(survey_for_hub(DEMO, hub), hub, first, last, permutations=50, samples=50)
    assert named_in(report, other_hubs_names(DEMO, hub)) == []
    assert hub in report


@pytest.mark.parametrize("hub", DEMO.hubs)
def test_no_cell_of_the_scoped_survey_names_another_hubs_organisation(hub):
    scoped = survey_for_hub(DEMO, hub)
    names = other_hubs_names(DEMO, hub)
    assert names  # each hub of the demo has organisations the others do not
    for table in (scoped.organisations, scoped.responses, scoped.edges):
        found = cells(table)
        assert names.isdisjoint(found)  # no cell, or item of a cell, is such a name
        assert named_in("\n".join(found), names) == []  # nor holds one in its text


@pytest.mark.parametrize("hub", DEMO.hubs)
def test_a_forged_request_for_another_hub_finds_nothing(hub):
    scoped = survey_for_hub(DEMO, hub)
    other = next(h for h in DEMO.hubs if h != hub)
    with pytest.raises(OptionError, match="not in the data"):
        build_network(scoped, DEMO.waves[0], NetworkOptions(hub=other))
    every = build_network(scoped, DEMO.waves[0])  # "all hubs" is this hub alone
    assert set(every) == set(build_network(DEMO, DEMO.waves[0], NetworkOptions(hub=hub)))


@pytest.mark.parametrize("hub", DEMO.hubs)
def test_columns_dtypes_hubs_and_waves_are_kept(hub):
    scoped = survey_for_hub(DEMO, hub)
    for ours, theirs in zip(
        (scoped.organisations, scoped.responses, scoped.edges),
        (DEMO.organisations, DEMO.responses, DEMO.edges),
        strict=True,
    ):
        pd.testing.assert_series_equal(ours.dtypes, theirs.dtypes)
        assert ours.index.name == theirs.index.name
    assert scoped.hubs == [hub]
    assert scoped.waves == DEMO.waves


def test_a_hub_the_survey_does_not_hold_gives_nothing_to_see():
    scoped = survey_for_hub(DEMO, "Wessex")
    for ours, theirs in zip(
        (scoped.organisations, scoped.responses, scoped.edges),
        (DEMO.organisations, DEMO.responses, DEMO.edges),
        strict=True,
    ):
        assert ours.empty
        pd.testing.assert_series_equal(ours.dtypes, theirs.dtypes)
    assert scoped.hubs == [] and scoped.waves == []


def test_the_survey_is_not_modified():
    before = copy.deepcopy(DEMO)
    survey_for_hub(DEMO, "Dorset")
    for ours, theirs in zip(
        (DEMO.organisations, DEMO.responses, DEMO.edges),
        (before.organisations, before.responses, before.edges),
        strict=True,
    ):
        pd.testing.assert_frame_equal(ours, theirs)


def test_every_hub_scope_is_the_survey_itself_and_a_hub_scope_its_hub():
    assert survey_for(DEMO, None) is DEMO
    pd.testing.assert_frame_equal(
        survey_for(DEMO, "Dorset").responses, survey_for_hub(DEMO, "Dorset").responses
    )


# --- real networks: each dataset's groups taken as hubs ---

REAL = [
    "knoke_bureaucracies",
    "krackhardt_hightech",
    "sampson_monastery",
    "kapferer_tailor",
    "s50_teenage_friends",
    "knecht_classroom",
]


def grouped_as_hubs(folder) -> Survey:
    """A real network read as a user's files would be, each node's ``group`` its hub."""
    survey = load_survey([folder / "nodes.csv", folder / "ties.csv"])
    nodes = pd.read_csv(folder / "nodes.csv", dtype=str, keep_default_na=False)
    group = dict(zip(nodes["id"], nodes["group"], strict=True))
    hubs = pd.Series(
        [(group[name],) for name in survey.organisations.index],
        index=survey.organisations.index,
        dtype=object,
    )
    return replace(survey, organisations=survey.organisations.assign(hubs=hubs))


@pytest.mark.datasets
@pytest.mark.parametrize("name", REAL)
def test_a_real_networks_groups_see_their_own_networks(datasets_dir, name):
    survey = grouped_as_hubs(datasets_dir / name)
    assert len(survey.hubs) > 1
    for hub in survey.hubs:
        scoped = survey_for_hub(survey, hub)
        assert names_disjoint(scoped, other_hubs_names(survey, hub))
        options = NetworkOptions(hub=hub)
        for wave in survey.waves:
            if wave not in scoped.waves:  # no arc of the wave joins two of the hub's members
                assert_nothing_to_see(build_network(survey, wave, options))
                continue
            graph = build_network(scoped, wave, options)
            assert_same_graph(graph, build_network(survey, wave, options))
            for ours, theirs in zip(
                full_measures(graph),
                full_measures(build_network(survey, wave, options)),
                strict=True,
            ):
                assert_same_value(ours, theirs)
        if not scoped.waves:  # the hub has no arc in any wave: nothing more to compare
            continue
        rates, whole = response_rates(scoped), response_rates(survey, scoped.waves)
        pd.testing.assert_frame_equal(
            rates[rates["scope"] == hub].reset_index(drop=True),
            whole[whole["scope"] == hub].reset_index(drop=True),
        )
        if len(scoped.waves) > 1:
            first, last = scoped.waves[0], scoped.waves[-1]
            ours = compare_waves(scoped, first, last, options, permutations=50, samples=50)
            theirs = compare_waves(survey, first, last, options, permutations=50, samples=50)
            for field in fields(ours):
                assert_same_value(getattr(ours, field.name), getattr(theirs, field.name))


def names_disjoint(scoped: Survey, names: set[str]) -> bool:
    """No organisation the scoped survey's tables name is one of the names (the ids of these
    networks are numbers, so only the columns that name organisations are read)."""
    named = [
        *scoped.organisations.index,
        *scoped.responses["respondent"],
        *scoped.responses["partner"],
        *scoped.edges["source"],
        *scoped.edges["target"],
    ]
    return names.isdisjoint(str(name) for name in named)


def assert_nothing_to_see(graph: nx.DiGraph) -> None:
    """A hub's network of a wave the scoped survey does not hold: no tie, nobody answered,
    so the scoped survey loses only a roster with no answers (see ``ecosystem.access.scope``)."""
    assert graph.number_of_edges() == 0
    assert graph.graph["respondents"] == 0
