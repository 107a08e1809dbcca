"""The HTML report: a valid, self-contained document whose numbers match the core's.

Every check reads the report back with the standard library's HTML parser and compares it
with an independent computation on the demo survey (networkx, counts over the raw survey
tables) or with labels worked out by hand from ``surveys/demo/organisations.csv``.
"""

from __future__ import annotations

import copy
import html
import re
from html.parser import HTMLParser

import networkx as nx
import pandas as pd
import pytest
from plotly.offline import get_plotlyjs

from ecosystem.analysis.change import describe_changes
from ecosystem.analysis.gaps import GAP_TITLES
from ecosystem.anonymise import Anonymiser, anonymous_lookup, with_fallback_labels
from ecosystem.errors import OptionError
from ecosystem.glossary import MEASURES
from ecosystem.load import DEMO_FILES, load_survey
from ecosystem.network import NetworkOptions
from ecosystem.report import REPORT_SECTIONS, html_report
from ecosystem.service import compare_waves, find_gaps

FIRST, SECOND = "Formative 2023", "Summative 2024"
FAST = {"permutations": 199, "samples": 200}
BUNDLE = get_plotlyjs()


class _Document(HTMLParser):
    """What the tests read back: tags and attributes, headings, list items, tables."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[str, str]] = []
        self.items: list[str] = []
        self.terms: list[str] = []
        self.tables: list[dict] = []
        self.title = ""
        self._text: list[str] | None = None
        self._where = ""
        self._row: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in {"title", "h1", "h2", "h3", "h4", "li", "dt", "td", "th", "caption"}:
            self._text, self._where = [], tag
        if tag == "table":
            classes = (attributes.get("class") or "").split()
            self.tables.append(
                {"id": attributes.get("id"), "classes": classes, "caption": "", "rows": []}
            )
        elif tag == "tr":
            self._row = []

    def handle_endtag(self, tag):
        if self._text is not None and tag == self._where:
            text = "".join(self._text).strip()
            self._text = None
            if tag == "title":
                self.title = text
            elif tag in {"h1", "h2", "h3", "h4"}:
                self.headings.append((tag, text))
            elif tag == "li":
                self.items.append(text)
            elif tag == "dt":
                self.terms.append(text)
            elif tag == "caption":
                self.tables[-1]["caption"] = text
            elif self._row is not None:
                self._row.append(text)
        if tag == "tr" and self._row is not None:
            self.tables[-1]["rows"].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def table(self, table_id: str) -> pd.DataFrame:
        """A table by id, as a frame of cell texts with its header row as columns."""
        (found,) = [t for t in self.tables if t["id"] == table_id]
        header, *rows = found["rows"]
        return pd.DataFrame(rows, columns=header)

    def count(self, tag: str) -> int:
        return sum(1 for name, _ in self.tags if name == tag)


@pytest.fixture(scope="module")
def survey(demo):
    return demo


@pytest.fixture(scope="module")
def dorset(survey) -> str:
    return html_report(survey, "Dorset", FIRST, SECOND, illustrative=True, **FAST)


@pytest.fixture(scope="module")
def dorset_anonymous(survey) -> str:
    return html_report(survey, "Dorset", FIRST, SECOND, anonymise=True, **FAST)


@pytest.fixture(scope="module")
def everyone_anonymous(survey) -> str:
    return html_report(survey, None, FIRST, SECOND, illustrative=True, anonymise=True, **FAST)


@pytest.fixture(scope="module")
def comparison(survey):
    return compare_waves(survey, FIRST, SECOND, NetworkOptions(hub="Dorset"), **FAST)


def _every_name(survey) -> list[str]:
    organisations = survey.organisations
    return sorted(
        {*organisations.index, *(a for aliases in organisations["aliases"] for a in aliases)}
    )


def _names_found(report: str, names: list[str]) -> list[str]:
    """Names that appear anywhere in the report outside the plotly.js bundle, as whole
    words, ignoring case, in the text as a browser shows it and in the figures' JSON."""
    text = html.unescape(report.replace(BUNDLE, ""))
    for escaped, plain in (("\\u0026", "&"), ("\\u003c", "<"), ("\\u003e", ">"), ("\\u0027", "'")):
        text = text.replace(escaped, plain)
    return [
        name
        for name in names
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags=re.IGNORECASE)
    ]


# ---------------------------------------------------------------------------------------
# A document that opens anywhere


def test_one_valid_document_with_its_title(dorset):
    document = _Document(dorset)
    assert dorset.startswith("<!DOCTYPE html>")
    for tag in ("html", "head", "body", "title", "h1"):
        assert document.count(tag) == 1, tag
    expected = "Partner-mapping report: Dorset, Formative 2023 to Summative 2024"
    assert document.title == expected
    assert ("h1", expected) in document.headings


def test_opens_offline_with_plotly_embedded_once(dorset):
    document = _Document(dorset)
    for tag, attributes in document.tags:
        assert tag not in {"link", "iframe", "img", "object", "embed"}, tag
        assert "src" not in attributes, (tag, attributes)
        href = attributes.get("href")
        assert href is None or href.startswith("#"), href
    assert dorset.count(BUNDLE) == 1
    # The bundle comes before the first figure that needs it.
    assert dorset.index(BUNDLE) < dorset.index("Plotly.newPlot")
    outside = dorset.replace(BUNDLE, "")
    for forbidden in ("http://", "https://", "cdn", "@import", "url("):
        assert forbidden not in outside.lower(), forbidden
    # Not bloated: everything but the bundle is a small fraction of it.
    assert len(outside) < len(BUNDLE) / 5
    divs = re.findall(r'<div id="(report-figure-\d+)" class="plotly-graph-div"', dorset)
    assert divs == [f"report-figure-{n}" for n in range(1, len(divs) + 1)]
    assert outside.count("Plotly.newPlot(") == len(divs) == 12  # with Sustainability, functions


def test_no_figure_offers_to_send_itself_to_a_cloud(dorset):
    configs = re.findall(r'Plotly\.newPlot\(.*?(\{"displaylogo".*?\})\s*\)', dorset, re.S)
    assert len(configs) == 12, "every figure's configuration was found"
    for config in configs:
        assert '"showSendToCloud": false' in config
        assert '"sendDataToCloud"' in config


def test_sections_in_order(dorset):
    document = _Document(dorset)
    sections = [text for tag, text in document.headings if tag == "h2" and text != "Contents"]
    assert sections == list(REPORT_SECTIONS.values())
    anchors = [a.get("href") for tag, a in document.tags if tag == "a"]
    assert anchors == [f"#{key}" for key in REPORT_SECTIONS]
    ids = {a.get("id") for tag, a in document.tags if tag == "section"}
    assert ids == set(REPORT_SECTIONS)


def test_illustrative_banner_only_when_asked(dorset, dorset_anonymous):
    document = _Document(dorset)
    assert any(a.get("class") == "banner" for tag, a in document.tags if tag == "p")
    assert "Illustrative data" in dorset
    assert "Illustrative data" not in dorset_anonymous
    assert "banner" not in dorset_anonymous.replace(BUNDLE, "").split("</style>", 1)[1]


def test_deterministic_and_pure(survey, dorset):
    before = copy.deepcopy(survey)
    again = html_report(survey, "Dorset", FIRST, SECOND, illustrative=True, **FAST)
    assert again == dorset
    pd.testing.assert_frame_equal(survey.organisations, before.organisations)
    pd.testing.assert_frame_equal(survey.responses, before.responses)
    pd.testing.assert_frame_equal(survey.edges, before.edges)


def test_refuses_one_wave_or_an_unknown_hub(survey):
    with pytest.raises(OptionError, match="two different waves"):
        html_report(survey, "Dorset", FIRST, "formative  2023")
    with pytest.raises(OptionError, match="hub 'Atlantis'"):
        html_report(survey, "Atlantis", FIRST, SECOND)


# ---------------------------------------------------------------------------------------
# The content matches the core


def test_scope_counts_from_the_raw_survey(survey, dorset):
    """Roster, respondents and answers per wave, counted over the raw tables.

    By hand from surveys/demo/organisations.csv: 18 organisations list Dorset as their hub
    (5 national bodies + 13 Dorset partners); Health Sciences University and Bournemouth
    University are on the Summative 2024 roster only, so Formative 2023 has 16.
    """
    table = _Document(dorset).table("source-table").set_index("Wave")
    organisations = survey.organisations
    responses = survey.responses
    for wave, roster_size in ((FIRST, 16), (SECOND, 18)):
        roster = {
            name
            for name, row in organisations.iterrows()
            if "Dorset" in row["hubs"] and (not row["waves"] or wave in row["waves"])
        }
        assert len(roster) == roster_size
        answers = responses[(responses["wave"] == wave) & responses["respondent"].isin(roster)]
        answered = set(answers["respondent"])
        row = table.loc[wave]
        assert row["Organisations on the roster"] == str(roster_size)
        assert row["Organisations that answered"] == str(len(answered))
        assert row["Response rate"] == f"{len(answered) / roster_size:.0%}"
        assert row["Answers (one per respondent, partner and person)"] == str(len(answers))
    # 8 of 16 and 13 of 18 answered: 50% and 72%.
    assert table["Response rate"].tolist() == ["50%", "72%"]


def test_findings_are_the_comparisons_sentences(dorset, comparison):
    items = _Document(dorset).items
    sentences = describe_changes(comparison)
    assert len(sentences) == 9  # 7 findings, and what like with like compared and left out
    for sentence in sentences:
        assert sentence in items
    assert any(s.startswith("Dorset Innovation Hub closed") for s in sentences)


def test_the_comparison_says_which_pairs_it_compared_and_left_out(dorset, comparison):
    document = _Document(dorset)
    note = comparison.pairs_note
    assert note is not None and (note.compared, note.excluded) == (92, 61)
    assert ("h3", "Like with like: the pairs observed in both waves") in document.headings
    assert (
        f"92 pairs of organisations compared; 61 left out because {FIRST} or {SECOND} did not "
        "observe them." in document.items
    )
    for sentence in note.sentences:  # "12 of the 30 new ties involve organisations..."
        assert html.escape(sentence, quote=True) in dorset
    assert "12 of the 30 new ties" in dorset


def test_how_far_the_numbers_can_be_trusted(dorset, everyone_anonymous, survey):
    from ecosystem.glossary import measure_label
    from ecosystem.service import robustness_of

    document = _Document(dorset)
    assert ("h2", "How far the numbers can be trusted") in document.headings
    # The response rate of each wave...
    assert f"{FIRST}: 8 of 16 organisations answered (50%)." in document.items
    assert f"{SECOND}: 13 of 18 organisations answered (72%)." in document.items
    # ...the verdict on each measure with its figures, as the command line gives them...
    verdicts = document.table("trust-measures").set_index("Measure")
    result = robustness_of(survey, SECOND, NetworkOptions(hub="Dorset"))
    for key, row in result.measures.iterrows():
        shown = verdicts.loc[measure_label(str(key))]
        assert shown["Verdict"] == row["verdict"]
        assert shown["Rank agreement (median Kendall's tau-b)"] == f"{row['rank_correlation']:.2f}"
        assert shown["90% of runs"] == f"{row['low']:.2f} to {row['high']:.2f}"
    assert set(verdicts["Verdict"]) <= {"robust", "check before relying on it", "fragile"}
    # ...and the network measures' ranges.
    network = document.table("trust-network").set_index("Measure")
    density = result.network.loc["density"]
    assert network.loc[measure_label("density"), "Value"] == f"{density['value']:.3f}"
    assert network.loc[measure_label("density"), "90% of runs"] == (
        f"{density['low']:.3f} to {density['high']:.3f}"
    )
    # Every hub's report has it too; its names are hidden (checked for every section).
    assert "trust-measures" in everyone_anonymous


def test_measures_tables_match_networkx(dorset, comparison):
    document = _Document(dorset)
    for table_id, G in (
        ("measures-before", comparison.before),
        ("measures-after", comparison.after),
    ):
        table = document.table(table_id).set_index("Organisation")
        assert sorted(table.index) == sorted(G)
        pagerank = nx.pagerank(G, weight="weight")
        for name in G:
            row = table.loc[name]
            assert row[MEASURES["in_degree"].display] == str(G.in_degree(name))
            assert row[MEASURES["out_degree"].display] == str(G.out_degree(name))
            shown = row[MEASURES["pagerank"].display]
            assert re.fullmatch(r"\d\.\d{3}", shown), shown
            assert abs(float(shown) - pagerank[name]) <= 0.0005 + 1e-5
        # Floats to three places (betweenness is a share; a dash would mark undefined).
        assert all(re.fullmatch(r"\d\.\d{3}|–", v) for v in table[MEASURES["betweenness"].display])


def test_network_measures_table(dorset, comparison):
    table = _Document(dorset).table("network-table").set_index("Measure")
    density = table.loc[MEASURES["density"].display]
    # Density = arcs / (n (n - 1)): 26 / (16 x 15) and 51 / (18 x 17).
    assert density[FIRST] == f"{26 / (16 * 15):.3f}" == "0.108"
    assert density[SECOND] == f"{51 / (18 * 17):.3f}" == "0.167"
    assert comparison.before.number_of_edges() == 26
    assert comparison.after.number_of_edges() == 51


def test_network_measures_table_gives_response_rates_as_percentages(dorset, comparison):
    table = _Document(dorset).table("network-table").set_index("Measure")
    rate = table.loc[MEASURES["response_rate"].display]
    before = comparison.before.graph["response_rate"]
    after = comparison.after.graph["response_rate"]
    assert rate[FIRST] == f"{100 * before:.1f}%" == "50.0%"
    assert rate[SECOND] == f"{100 * after:.1f}%" == "72.2%"
    assert rate["Change"] == f"{100 * (after - before):+.1f} percentage points"
    assert table.loc[MEASURES["organisations"].display, "Change"] == "+2"


def test_every_hub_side_by_side_only_when_the_report_covers_every_hub(
    survey, dorset, everyone_anonymous
):
    from ecosystem.service import compare_hubs

    assert "hubs-table" not in dorset
    table = _Document(everyone_anonymous).table("hubs-table")
    hubs = compare_hubs(survey, FIRST, SECOND, **FAST)
    assert table["Hub"].tolist() == hubs["hub"].tolist() == [*survey.hubs, "All hubs"]
    rates = table["Response rate"].str.replace("\u00a0", " ")
    assert rates.str.fullmatch(r"\d+% → \d+%").all()
    for reading in hubs["reading"]:
        assert html.escape(reading, quote=True) in everyone_anonymous


def test_moved_most_table_is_sorted_by_size_of_change(dorset, comparison):
    table = _Document(dorset).table("moved-pagerank")
    changes = [abs(float(v)) for v in table["Change"]]
    assert changes == sorted(changes, reverse=True)
    change = comparison.organisation_change
    both = change.dropna(subset=["pagerank_before", "pagerank_after"])
    largest = (both["pagerank_change"].abs()).idxmax()
    assert table["Organisation"].iloc[0] == largest
    for name, before, after in zip(
        table["Organisation"],
        table[f"PageRank, {FIRST}"],
        table[f"PageRank, {SECOND}"],
        strict=True,
    ):
        assert abs(float(before) - change.at[name, "pagerank_before"]) <= 0.0005
        assert abs(float(after) - change.at[name, "pagerank_after"]) <= 0.0005


def test_gaps_with_their_reasons(survey, dorset):
    gaps = find_gaps(survey, "Dorset", SECOND, previous_wave=FIRST)
    document = _Document(dorset)
    tables = [t for t in document.tables if "gaps" in t["classes"]]
    rows = [row for t in tables for row in t["rows"][1:]]
    assert len(rows) == len(gaps) > 0
    reasons = {row[4] for row in rows}
    assert set(gaps["reason"]) <= reasons
    headings = [text for tag, text in document.headings if tag == "h3"]
    for kind in dict.fromkeys(gaps["kind"]):
        assert GAP_TITLES[kind] in headings


def test_glossary_defines_every_measure(dorset):
    document = _Document(dorset)
    for measure in MEASURES.values():
        assert measure.label in document.terms
        assert html.escape(measure.explanation, quote=True) in dorset


def test_every_hubs_gaps_when_no_hub(survey, everyone_anonymous):
    document = _Document(everyone_anonymous)
    assert document.title == "Partner-mapping report: All hubs, Formative 2023 to Summative 2024"
    gaps_at = everyone_anonymous.index('<section id="gaps">')
    measures_at = everyone_anonymous.index('<section id="trust">')
    hub_headings = re.findall(r"<h3>([^<]+)</h3>", everyone_anonymous[gaps_at:measures_at])
    assert (
        hub_headings
        == survey.hubs
        == [
            "Bradford District and Craven",
            "Cambridgeshire and Peterborough",
            "Dorset",
            "Manchester",
        ]
    )
    expected = sum(len(find_gaps(survey, hub, SECOND, previous_wave=FIRST)) for hub in survey.hubs)
    rows = sum(len(t["rows"]) - 1 for t in document.tables if "gaps" in t["classes"])
    assert rows == expected


# ---------------------------------------------------------------------------------------
# Hiding names


def test_anonymous_labels_by_hand(survey):
    """Numbered within type in name order, ignoring case, over all 63 organisations.

    Hubs: Bradford District and Craven (1), Cambridgeshire and Peterborough (2), Dorset (3),
    Manchester (4). HINs: Health Innovation East, Manchester, Wessex (3), Yorkshire &
    Humber, then Yorkshire & Humber Improvement Academy. VCSEs: Age UK Bradford, Bradford
    ageing well, Cambridgeshire community, Dorset VCSE Alliance (4), Manchester community.
    Trusts: Airedale, Bradford District Care, Bradford Teaching, Cambridge University
    Hospitals, Cambridgeshire and Peterborough, Digilab, Dorset County, Dorset HealthCare,
    Manchester University, North West Anglia, University Hospitals Dorset (11). National
    bodies: Innovation Unit, National Institute for Health and Care Research, NHS England
    (3: case ignored, "na" before "nh"), RAND Europe, The Health Foundation (5).
    """
    lookup = anonymous_lookup(survey.organisations)
    assert lookup["Dorset Innovation Hub"] == "Hub 3"
    assert lookup["Manchester Innovation Hub"] == "Hub 4"
    assert lookup["Health Innovation Wessex"] == lookup["Wessex AHSN"] == "HIN 3"
    assert lookup["Dorset VCSE Alliance (illustrative)"] == "VCSE 4"
    assert lookup["University Hospitals Dorset NHS Foundation Trust"] == "Trust 11"
    assert lookup["UHD"] == lookup["University Hospitals Dorset"] == "Trust 11"
    assert lookup["VOCAL"] == "PPIE group 4"
    assert lookup["The Health Foundation"] == lookup["Health Foundation"] == "National body 5"
    assert lookup["NHS England"] == lookup["NHSE"] == "National body 3"
    labels = [lookup[name] for name in survey.organisations.index]
    assert len(set(labels)) == len(labels) == 63


def test_replacement_is_one_pass_of_whole_words():
    names = Anonymiser(
        {"Hub": "VCSE 1", "VCSE": "Hub 1", "NHS Dorset": "ICB 2", "Trust": "Trust 9"}
    )
    text = "Hub and VCSE; nhs dorset's Trustees met NHS Dorset."
    # Whole names only ("Trustees" stays), ignoring case, and a label is never re-replaced.
    assert names.text(text) == "VCSE 1 and Hub 1; ICB 2's Trustees met ICB 2."
    assert Anonymiser({}).text(text) == text


def test_unlisted_organisations_get_unused_labels():
    completed = with_fallback_labels({"A": "Organisation 2"}, ["A", "B", "C"])
    assert completed == {"A": "Organisation 2", "B": "Organisation 1", "C": "Organisation 3"}


def test_control_the_name_search_finds_names(survey, dorset):
    found = _names_found(dorset, _every_name(survey))
    assert "Dorset Innovation Hub" in found
    assert "Health Innovation Wessex" in found


@pytest.mark.parametrize("report", ["dorset_anonymous", "everyone_anonymous"])
def test_anonymised_report_shows_no_name(request, survey, report):
    text = request.getfixturevalue(report)
    names = _every_name(survey)
    assert len(names) > 100
    assert _names_found(text, names) == []
    assert "Hub 3" in text


def test_anonymised_report_uses_the_labels(survey, dorset_anonymous, comparison):
    lookup = anonymous_lookup(survey.organisations)
    document = _Document(dorset_anonymous)
    table = document.table("measures-after")
    assert sorted(table["Organisation"]) == sorted(lookup[n] for n in comparison.after)
    catalysis = [item for item in document.items if item.startswith("Hub 3 closed")]
    assert catalysis == [
        "Hub 3 closed 3 of 15 open pairs of its partners (20%): partners not tied to each "
        "other in Formative 2023 that were tied in Summative 2024. The survey shows that these "
        "ties formed, not that the hub formed them."
    ]
    # The two organisations new in Summative 2024 are universities, named by label.
    presence = next(item for item in document.items if "both waves" in item)
    new = sorted([lookup["Bournemouth University"], lookup["Health Sciences University"]])
    assert f"({new[0]}, {new[1]})" in presence


def test_names_given_by_the_caller(survey):
    names = {name: f"Partner {i}" for i, name in enumerate(sorted(survey.organisations.index))}
    report = html_report(survey, "Dorset", FIRST, SECOND, anonymise=True, names=names, **FAST)
    assert _names_found(report, _every_name(survey)) == []
    assert names["Dorset Innovation Hub"] in report
    assert "Hub 3" not in report


# ---------------------------------------------------------------------------------------
# In a real browser, with the network cut off


@pytest.mark.browser
def test_renders_every_figure_offline(dorset, tmp_path, page):
    path = tmp_path / "report.html"
    path.write_text(dorset, encoding="utf-8")
    outside: list[str] = []

    def block(route):
        if not route.request.url.startswith("file://"):
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", block)
    page.goto(path.as_uri())
    page.wait_for_function(
        "document.querySelectorAll('.plotly-graph-div').length === 12 && "
        "[...document.querySelectorAll('.plotly-graph-div')]"
        ".every(d => d.querySelector('.main-svg'))",
        timeout=30_000,
    )
    assert outside == []
    assert page.errors == []
    assert page.title() == "Partner-mapping report: Dorset, Formative 2023 to Summative 2024"


# ---------------------------------------------------------------------------------------
# Names are text, never markup


def test_a_name_holding_markup_reaches_the_report_escaped(tmp_path):
    """An organisation named with a script tag and an ampersand shows as that text.

    The demo's "Dorset VCSE Alliance (illustrative)" is renamed in both files; the report
    must show the new name in its tables and sentences, and never as live markup.
    """
    old, new = "Dorset VCSE Alliance (illustrative)", "Dorset <script>alert(1)</script> & Partners"
    paths = []
    for source in DEMO_FILES:
        target = tmp_path / source.name
        target.write_text(source.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        paths.append(target)
    survey = load_survey(paths)
    assert new in survey.organisations.index
    report = html_report(survey, "Dorset", FIRST, SECOND, **FAST)
    assert "<script>alert(1)</script>" not in report
    assert "Dorset &lt;script&gt;alert(1)&lt;/script&gt; &amp; Partners" in report
    document = _Document(report)
    assert new in set(document.table("measures-after")["Organisation"])
    # Every script in the file is plotly's own: its configuration, its bundle, one per figure.
    figures = report.count('class="plotly-graph-div"')
    assert report.count("<script") == 2 + figures == 14  # with Sustainability, functions
