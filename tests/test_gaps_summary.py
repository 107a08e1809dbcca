"""What a hub lead reads first of the gaps: counts per kind, the strongest actions across
kinds, proposed introductions drawn dashed, and the findings listed under the exported
picture."""

from __future__ import annotations

import itertools

import networkx as nx
import pandas as pd
import pytest

from ecosystem.analysis.gaps import (
    ACTIONS,
    GAP_DETAILS,
    GAP_KINDS,
    GAP_TITLES,
    action_sentence,
    interleaved,
    kind_counts,
    strongest_actions,
)
from ecosystem.exhibits import view_figure
from ecosystem.figures import add_introductions, network_figure
from ecosystem.figures.gaps import EXPORTED_FINDINGS, LINE_HEIGHT, with_findings_listed
from ecosystem.figures.introductions import INTRODUCTION_NAME, node_positions
from ecosystem.network import NetworkOptions
from ecosystem.service import Selection, find_gaps


@pytest.fixture(scope="module")
def dorset(demo):
    return find_gaps(demo, "Dorset", "Summative 2024")


def findings(*rows: tuple[str, str, float]) -> pd.DataFrame:
    """Findings of (kind, organisation, score), the other columns filled plainly."""
    return pd.DataFrame(
        {
            "kind": [r[0] for r in rows],
            "detail": ["single_tie"] * len(rows),
            "organisation": [r[1] for r in rows],
            "organisation_type": ["trust"] * len(rows),
            "other": ["Hub"] * len(rows),
            "other_type": ["hub"] * len(rows),
            "score": [r[2] for r in rows],
        }
    )


def test_counts_per_kind_follow_the_kinds_order_in_words_and_skip_empty_kinds():
    table = findings(
        ("introduction", "A", 0.9),
        ("fragile", "B", 0.2),
        ("introduction", "C", 0.5),
        ("relevance_gap", "D", 0.4),
    )
    counts = kind_counts(table)
    assert counts["kind"].tolist() == ["relevance_gap", "introduction", "fragile"]
    assert counts["title"].tolist() == [GAP_TITLES[k] for k in counts["kind"]]
    assert counts["count"].tolist() == [1, 2, 1]


def test_interleaving_takes_each_kinds_best_in_rounds_ordered_by_score():
    table = findings(
        ("introduction", "I1", 0.9),
        ("introduction", "I2", 0.8),
        ("introduction", "I3", 0.7),
        ("one_sided", "O1", 0.95),
        ("one_sided", "O2", 0.1),
        ("fragile", "F1", 0.3),
    )
    order = interleaved(table)["organisation"].tolist()
    # Round 1: each kind's best by score; round 2: the seconds; then what is left.
    assert order == ["O1", "I1", "F1", "I2", "O2", "I3"]


def test_interleaving_breaks_equal_scores_by_kind_order_then_name_and_keeps_the_input():
    table = findings(("fragile", "Z", 0.5), ("introduction", "B", 0.5), ("introduction", "A", 0.5))
    before = table.copy()
    assert interleaved(table)["organisation"].tolist() == ["A", "Z", "B"]
    pd.testing.assert_frame_equal(table, before)


def test_the_strongest_actions_of_dorset_span_kinds_though_introductions_are_most(dorset):
    counts = dict(zip(kind_counts(dorset)["kind"], kind_counts(dorset)["count"], strict=True))
    assert counts["introduction"] == max(counts.values())
    top = strongest_actions(dorset)
    assert len(top) == 5
    assert set(top["kind"]) == set(counts), "every kind present has its strongest first"
    first_page = interleaved(dorset).head(20)
    assert first_page["kind"].nunique() == len(counts)
    assert (first_page["kind"] == "introduction").sum() < 20


def test_each_strongest_action_is_one_sentence_naming_its_organisations(dorset):
    for finding in strongest_actions(dorset).itertuples():
        assert finding.action.count(". ") == 0 and finding.action.endswith(".")
        assert finding.action[0].isupper()
        for name, type_key in (
            (finding.organisation, finding.organisation_type),
            (finding.other, finding.other_type),
        ):
            if type_key == "hub":
                assert "your hub" in finding.action
            elif name and finding.kind != "missing_type":
                assert name in finding.action


def test_every_variant_of_finding_has_an_action_and_the_hub_is_your_hub():
    assert set(ACTIONS) == set(GAP_DETAILS)
    sentence = action_sentence("open_triad", "Trust", "Council", "trust", "council")
    assert sentence == "Introduce Trust and Council: both work with you, not with each other."
    said = action_sentence("single_tie", "Charity", "Dorset Hub", "VCSE", "hub")
    assert said.endswith("is with your hub.") and "Dorset Hub" not in said
    missing = action_sentence("weakly_tied", "", "Local council", "", "council")
    assert missing.startswith("Build a closer tie with a local council")


def test_no_findings_give_no_counts_and_no_actions():
    empty = findings()
    assert kind_counts(empty).empty
    assert strongest_actions(empty).empty
    assert set(GAP_KINDS) >= set(kind_counts(findings(("lost_tie", "A", 0.1)))["kind"])


# ------------------------------------------------------------------------------------------
# Proposed introductions on the network


def small_network() -> tuple[nx.DiGraph, dict[str, tuple[float, float]]]:
    G = nx.DiGraph(hub="North", wave="W")
    G.add_nodes_from(
        [("Hub", {"type": "hub"}), ("Trust", {"type": "trust"}), ("Council", {"type": "council"})]
    )
    G.add_edge("Hub", "Trust", weight=3.0)
    G.add_edge("Council", "Hub", weight=1.0)
    return G, {"Hub": (0.0, 0.0), "Trust": (1.0, 1.0), "Council": (-1.0, 1.0)}


def test_an_introduction_is_a_dashed_line_between_the_two_organisations_points():
    G, positions = small_network()
    figure = network_figure(G, positions)
    drawn = add_introductions(figure, [("Trust", "Council")], hover=["Introduce them"])
    lines = [t for t in drawn.data if (t.meta or {}).get("role") == "introductions"]
    assert len(lines) == 1
    line = lines[0]
    assert line.line.dash == "dash" and line.name == INTRODUCTION_NAME and line.showlegend
    points = node_positions(figure)
    assert list(zip(line.x, line.y, strict=True))[:2] == [points["Trust"], points["Council"]]
    hover = next(t for t in drawn.data if (t.meta or {}).get("role") == "introduction-hover")
    assert list(hover.hovertext) == ["Introduce them"]
    assert (hover.x[0], hover.y[0]) == (0.0, 1.0)


def test_adding_introductions_only_adds_traces_and_leaves_the_figure_unchanged():
    G, positions = small_network()
    figure = network_figure(G, positions)
    before = figure.to_plotly_json()
    drawn = add_introductions(figure, [("Trust", "Council"), ("Council", "Trust")])
    assert figure.to_plotly_json() == before
    assert drawn.to_plotly_json()["data"][: len(figure.data)] == before["data"]
    assert drawn.layout == figure.layout
    assert len(drawn.data) == len(figure.data) + 2, "a repeated pair is drawn once"


def test_pairs_the_figure_does_not_draw_are_left_out_and_nothing_left_adds_nothing():
    G, positions = small_network()
    figure = network_figure(G, positions)
    assert len(add_introductions(figure, [("Trust", "Elsewhere")]).data) == len(figure.data)
    placed = add_introductions(figure, [("Trust", "Elsewhere")], positions={"Elsewhere": (5, 5)})
    assert placed.data[-2].meta["pairs"] == [["Trust", "Elsewhere"]]


# ------------------------------------------------------------------------------------------
# The exported Gaps view lists its findings under the picture


def dorset_exhibit(demo, anonymise: bool = False):
    selection = Selection("Summative 2024", NetworkOptions(hub="Dorset"), anonymise=anonymise)
    return view_figure(demo, "gaps", selection)


def test_the_export_lists_the_strongest_findings_under_the_network(demo, dorset):
    figure = dorset_exhibit(demo)
    listed = strongest_actions(dorset, EXPORTED_FINDINGS)
    rows = [a.text for a in figure.layout.annotations if a.name == "finding"]
    assert len(rows) == 2 * len(listed)
    actions = [text.replace("<br>", " ") for text in rows[1::2]]
    assert actions == listed["action"].tolist()
    assert rows[0].startswith("<b>1. " + GAP_TITLES[listed["kind"].iloc[0]].split()[0])
    lines = [t for t in figure.data if (t.meta or {}).get("role") == "introductions"]
    introductions = listed[listed["kind"] == "introduction"]
    assert len(lines) == 1 and len(lines[0].meta["pairs"]) == len(introductions)


def test_listed_rows_stack_below_the_network_without_touching(demo):
    G, positions = small_network()
    network = network_figure(G, positions)
    table = pd.DataFrame(
        {
            "kind": ["introduction", "fragile", "lost_tie"],
            "organisation": ["Trust", "Council", "Trust"],
            "other": ["Council", "Hub", "Hub"],
            "action": ["Introduce Trust and Council.", "word " * 60, "Ask."],
        }
    )
    before = network.to_plotly_json()
    figure = with_findings_listed(network, table)
    assert network.to_plotly_json() == before
    bottom = figure.layout.yaxis.domain[0]
    assert figure.layout.height > network.layout.height and 0 < bottom < 0.5
    margin = figure.layout.margin
    plot = figure.layout.height - margin.t - margin.b
    kinds = [a for a in figure.layout.annotations if a.name == "finding"][0::2]
    actions = [a for a in figure.layout.annotations if a.name == "finding"][1::2]
    # Each row's top is below the previous row's last line, and the last row ends above 0.
    for above, below in itertools.pairwise(actions):
        lines = above.text.count("<br>") + 1
        assert (above.y - below.y) * plot >= lines * LINE_HEIGHT
    last = actions[-1].text.count("<br>") + 1
    assert actions[-1].y * plot >= last * LINE_HEIGHT
    assert all(a.y < bottom for a in kinds + actions)
    assert actions[1].text.count("<br>") >= 3, "a long action is wrapped"


def test_no_findings_say_so_under_the_picture():
    G, positions = small_network()
    empty = pd.DataFrame(columns=["kind", "organisation", "other", "action"])
    figure = with_findings_listed(network_figure(G, positions), empty)
    texts = [a.text for a in figure.layout.annotations]
    assert any("No gaps found" in text for text in texts)
