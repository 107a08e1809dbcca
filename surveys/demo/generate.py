"""Write the demo survey: ``organisations.csv`` and ``responses.csv`` into ``ecosystem/demo/``.

The demo is ILLUSTRATIVE. The organisations are real public bodies (or clearly marked
illustrative ones) in the ecosystems of the four innovation hubs of the Health Foundation's
Adopting Innovation programme, but every answer below is synthetic: the ties are invented to
tell the stories the programme's final evaluation describes (RAND Europe, 2024), not taken
from any survey. See ``README.md`` for the stories.

The package serves those two files as package data, so an installed ``ecosystem`` opens on
the demo. Run ``python surveys/demo/generate.py [FOLDER]`` from anywhere (FOLDER defaults to
``ecosystem/demo/``); the output is the same byte for byte
on every run (a fixed seed, fixed orderings, ``\\n`` line endings, UTF-8 without BOM).
This script uses the standard library only and does not import the ``ecosystem`` package.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE_DEMO = HERE.parents[1] / "ecosystem" / "demo"
"""Where the package keeps the demo survey it serves (package data, read with importlib)."""
SEED = 20240131
CATALYSIS_SEED = 20240201
"""Seeds the answers about the partnerships the hubs catalysed (:func:`catalysed_ties`): a
stream of their own, drawn after the rest, so that adding them left every other answer as
it was."""

FORMATIVE = "Formative 2023"
SUMMATIVE = "Summative 2024"
WAVES = (FORMATIVE, SUMMATIVE)
WINDOWS = {
    FORMATIVE: (dt.date(2023, 1, 9), dt.date(2023, 2, 28)),
    SUMMATIVE: (dt.date(2023, 11, 1), dt.date(2024, 1, 31)),
}

BRADFORD = "Bradford District and Craven"
CAMBRIDGE = "Cambridgeshire and Peterborough"
DORSET = "Dorset"
MANCHESTER = "Manchester"
HUBS = (BRADFORD, CAMBRIDGE, DORSET, MANCHESTER)
REGIONS = {
    BRADFORD: "Yorkshire and the Humber",
    CAMBRIDGE: "East of England",
    DORSET: "South West",
    MANCHESTER: "North West",
}

# Labels as codebook.py writes them, with the other wordings a survey tool might export.
FREQUENCY = {1: "Less than quarterly", 2: "Quarterly", 3: "Monthly", 4: "Weekly or more"}
FREQUENCY_VARIANTS = {
    0: ["None", "never", "Not at all"],
    1: ["Rarely", "Once or twice a year", "less than quarterly"],
    2: ["Every few months", "quarterly", "QUARTERLY"],
    3: ["Every month", "monthly"],
    4: ["Weekly", "Weekly or More", "weekly or more"],
}
RELEVANCE = {0: "Not relevant", 1: "Somewhat relevant", 2: "Relevant", 3: "Highly relevant"}
RELEVANCE_VARIANTS = {
    0: ["Not at all relevant"],
    1: ["Slightly relevant", "somewhat relevant"],
    2: ["Quite relevant", "Moderately relevant", "relevant"],
    3: ["Very relevant", "Essential", "highly relevant"],
}
DIRECTION = {
    "out": "We mainly support them",
    "in": "They mainly support us",
    "both": "Both ways",
    "none": "Neither",
}
DIRECTION_VARIANTS = {
    "out": ["We support them", "we mainly support them"],
    "in": ["They support us", "they mainly support us"],
    "both": ["Mutual", "Reciprocal", "both ways", "Two-way"],
    "none": ["", "N/A", "Not applicable", "neither"],
}
NATURE = {
    "support": "Support and guidance",
    "leadership": "Leadership support",
    "steering": "Steering or programme group",
    "methodology": "Methodology or evaluation advice",
    "in_kind": "In-kind funding or resources",
    "ppie": "PPIE support",
    "joint_bids": "Joint bids or funding applications",
    "data": "Data or digital capacity",
    "horizon_scanning": "Horizon scanning",
    "other": "Other",
}
OPPOSITE = {"out": "in", "in": "out", "both": "both", "none": "none"}


@dataclass(frozen=True)
class Organisation:
    key: str
    name: str
    type: str
    hubs: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    waves: tuple[str, ...] = ()
    former: str = ""  # the name it went by in the formative wave, where it changed since
    short: str = ""  # an abbreviation some respondents write instead of the name
    short_name: str = ""  # the label the network picture draws (not an alias)

    @property
    def region(self) -> str:
        return REGIONS[self.hubs[0]] if len(self.hubs) == 1 else "England"


def org(
    key: str,
    name: str,
    type_: str,
    hubs: str | tuple[str, ...],
    aliases: list[str] | tuple[str, ...] = (),
    waves: list[str] | tuple[str, ...] = (),
    former: str = "",
    short: str = "",
) -> Organisation:
    hubs = hubs if isinstance(hubs, tuple) else (hubs,)
    return Organisation(key, name, type_, hubs, tuple(aliases), tuple(waves), former, short)


ORGANISATIONS = [
    # Programme-wide bodies: on every hub's roster, so they link the four ecosystems.
    org("hf", "The Health Foundation", "national", HUBS, ["Health Foundation"]),
    org("iu", "Innovation Unit", "national", HUBS, ["The Innovation Unit"]),
    org("rand", "RAND Europe", "national", HUBS),
    org("nhse", "NHS England", "national", HUBS, ["NHSE"], short="NHSE"),
    org(
        "nihr",
        "National Institute for Health and Care Research",
        "national",
        HUBS,
        ["NIHR"],
        short="NIHR",
    ),
    # Bradford District and Craven
    org("b.hub", "Bradford District and Craven Innovation Hub", "hub", BRADFORD),
    org(
        "b.hin",
        "Health Innovation Yorkshire & Humber",
        "HIN",
        BRADFORD,
        ["Yorkshire & Humber AHSN", "Yorkshire and Humber AHSN"],
        former="Yorkshire & Humber AHSN",
    ),
    org(
        "b.ia",
        "Yorkshire & Humber Improvement Academy",
        "HIN",
        BRADFORD,
        ["Improvement Academy"],
        short="Improvement Academy",
    ),
    org(
        "b.wy",
        "West Yorkshire Health and Care Partnership",
        "ICB",
        BRADFORD,
        ["West Yorkshire ICS", "NHS West Yorkshire ICB"],
    ),
    org(
        "b.place",
        "Bradford District and Craven Health and Care Partnership",
        "ICB",
        BRADFORD,
        ["Act as One"],
        short="Act as One",
    ),
    org(
        "b.bth",
        "Bradford Teaching Hospitals NHS Foundation Trust",
        "trust",
        BRADFORD,
        ["BTHFT"],
        short="BTHFT",
    ),
    org(
        "b.bdc",
        "Bradford District Care NHS Foundation Trust",
        "trust",
        BRADFORD,
        ["BDCFT"],
        short="BDCFT",
    ),
    org("b.air", "Airedale NHS Foundation Trust", "trust", BRADFORD, ["ANHSFT"]),
    org(
        "b.bihr",
        "Bradford Institute for Health Research",
        "university",
        BRADFORD,
        ["BIHR"],
        short="BIHR",
    ),
    org("b.uob", "University of Bradford", "university", BRADFORD),
    org(
        "b.council",
        "City of Bradford Metropolitan District Council",
        "council",
        BRADFORD,
        ["Bradford Council"],
        short="Bradford Council",
    ),
    org(
        "b.nyc",
        "North Yorkshire Council",
        "council",
        BRADFORD,
        ["North Yorkshire County Council"],
        former="North Yorkshire County Council",
    ),
    org("b.ageuk", "Age UK Bradford & District", "VCSE", BRADFORD),
    org("b.vcse", "Bradford ageing well VCSE network (illustrative)", "VCSE", BRADFORD),
    org(
        "b.ind",
        "Bradford digital health company (illustrative)",
        "industry",
        BRADFORD,
        waves=[FORMATIVE],
    ),
    org("b.ppie", "Bradford public advisory panel (illustrative)", "PPIE", BRADFORD),
    # Cambridgeshire and Peterborough
    org("c.hub", "Cambridgeshire and Peterborough Innovation Hub", "hub", CAMBRIDGE),
    org(
        "c.hin",
        "Health Innovation East",
        "HIN",
        CAMBRIDGE,
        ["Eastern AHSN", "Eastern Academic Health Science Network"],
        former="Eastern AHSN",
    ),
    org(
        "c.icb",
        "Cambridgeshire and Peterborough ICB",
        "ICB",
        CAMBRIDGE,
        ["C&P ICB", "NHS Cambridgeshire and Peterborough"],
        short="C&P ICB",
    ),
    org(
        "c.cpft",
        "Cambridgeshire and Peterborough NHS Foundation Trust",
        "trust",
        CAMBRIDGE,
        ["CPFT"],
        short="CPFT",
    ),
    org(
        "c.nwaft",
        "North West Anglia NHS Foundation Trust",
        "trust",
        CAMBRIDGE,
        ["NWAFT"],
        short="NWAFT",
    ),
    org(
        "c.cuh",
        "Cambridge University Hospitals NHS Foundation Trust",
        "trust",
        CAMBRIDGE,
        ["CUH"],
    ),
    org(
        "c.cuhp",
        "Cambridge University Health Partners",
        "university",
        CAMBRIDGE,
        ["CUHP"],
        short="CUHP",
    ),
    org("c.uoc", "University of Cambridge", "university", CAMBRIDGE),
    org(
        "c.ifm",
        "Institute for Manufacturing",
        "university",
        CAMBRIDGE,
        ["IfM", "Institute for Manufacturing, University of Cambridge"],
    ),
    org(
        "c.uea",
        "University of East Anglia",
        "university",
        CAMBRIDGE,
        ["UEA", "UEA Impact Group"],
        short="UEA",
    ),
    org("c.aru", "Anglia Ruskin University", "university", CAMBRIDGE, ["ARU"], short="ARU"),
    org("c.cpg", "Citizen Participation Group", "PPIE", CAMBRIDGE),
    org("c.ccc", "Cambridgeshire County Council", "council", CAMBRIDGE),
    org("c.pcc", "Peterborough City Council", "council", CAMBRIDGE),
    org("c.vcse", "Cambridgeshire community VCSE network (illustrative)", "VCSE", CAMBRIDGE),
    org("c.ind", "Cambridge life-sciences company (illustrative)", "industry", CAMBRIDGE),
    # Dorset
    org("d.hub", "Dorset Innovation Hub", "hub", DORSET),
    org(
        "d.hin",
        "Health Innovation Wessex",
        "HIN",
        DORSET,
        ["Wessex AHSN", "Wessex Academic Health Science Network"],
        former="Wessex AHSN",
    ),
    org(
        "d.uhd",
        "University Hospitals Dorset NHS Foundation Trust",
        "trust",
        DORSET,
        ["University Hospitals Dorset", "UHD"],
        short="University Hospitals Dorset",
    ),
    org(
        "d.dch",
        "Dorset County Hospital NHS Foundation Trust",
        "trust",
        DORSET,
        ["Dorset County Hospital", "DCH"],
        short="Dorset County Hospital",
    ),
    org(
        "d.dhc",
        "Dorset HealthCare University NHS Foundation Trust",
        "trust",
        DORSET,
        ["Dorset HealthCare"],
        short="Dorset HealthCare",
    ),
    org("d.icb", "NHS Dorset", "ICB", DORSET, ["Dorset ICB"]),
    org(
        "d.bcp",
        "BCP Council",
        "council",
        DORSET,
        ["Bournemouth, Christchurch and Poole Council"],
    ),
    org("d.council", "Dorset Council", "council", DORSET),
    org(
        "d.hsu",
        "Health Sciences University",
        "university",
        DORSET,
        ["AECC University College"],
        waves=[SUMMATIVE],
    ),
    org("d.bu", "Bournemouth University", "university", DORSET, waves=[SUMMATIVE]),
    org("d.peg", "NHS Dorset patient engagement group", "PPIE", DORSET),
    org("d.vcse", "Dorset VCSE Alliance (illustrative)", "VCSE", DORSET),
    org("d.ind", "Dorset MedTech company (illustrative)", "industry", DORSET),
    # Manchester
    org("m.hub", "Manchester Innovation Hub", "hub", MANCHESTER),
    org(
        "m.hin",
        "Health Innovation Manchester",
        "HIN",
        MANCHESTER,
        ["HInM", "Greater Manchester AHSN"],
        short="HInM",
    ),
    org(
        "m.mft",
        "Manchester University NHS Foundation Trust",
        "trust",
        MANCHESTER,
        ["MFT"],
        short="MFT",
    ),
    org(
        "m.digilab",
        "Digilab, Royal Manchester Children's Hospital",
        "trust",
        MANCHESTER,
        ["Royal Manchester Children's Hospital (Digilab)", "RMCH Digilab", "Digilab"],
        short="RMCH Digilab",
    ),
    org("m.vocal", "VOCAL", "PPIE", MANCHESTER),
    org("m.innex", "Innovation Exchange network", "industry", MANCHESTER, ["Innovation Exchange"]),
    org(
        "m.icb",
        "NHS Greater Manchester",
        "ICB",
        MANCHESTER,
        ["NHS Greater Manchester Integrated Care", "Greater Manchester ICB"],
    ),
    org("m.gmca", "Greater Manchester Combined Authority", "council", MANCHESTER, ["GMCA"]),
    org("m.council", "Manchester City Council", "council", MANCHESTER),
    org("m.uom", "University of Manchester", "university", MANCHESTER),
    org(
        "m.mmu",
        "Manchester Metropolitan University",
        "university",
        MANCHESTER,
        ["Manchester Met"],
        waves=[SUMMATIVE],
    ),
    org(
        "m.vcse",
        "Manchester community VCSE partner (illustrative)",
        "VCSE",
        MANCHESTER,
        waves=[SUMMATIVE],
    ),
    org("m.ind", "Manchester digital health company (illustrative)", "industry", MANCHESTER),
]
BY_KEY = {o.key: o for o in ORGANISATIONS}

# What the network picture labels each organisation with: the forms people in these
# ecosystems write (trust and university acronyms, "HI" for a Health Innovation Network),
# at most 20 characters. Names short enough to draw whole have none. Kept apart from the
# organisations above so that the answers (and the random numbers drawn for them) stay the
# same; a short name is not an alias, so no respondent writes it.
SHORT_NAMES = {
    "hf": "Health Foundation",
    "nihr": "NIHR",
    "b.hub": "BDC Innovation Hub",
    "b.hin": "HI Yorks & Humber",
    "b.ia": "Improvement Academy",
    "b.wy": "WY Partnership",
    "b.place": "Act as One",
    "b.bth": "BTHFT",
    "b.bdc": "BDCFT",
    "b.air": "Airedale NHS FT",
    "b.bihr": "BIHR",
    "b.uob": "Uni of Bradford",
    "b.council": "Bradford Council",
    "b.nyc": "N Yorks Council",
    "b.ageuk": "Age UK Bradford",
    "b.vcse": "Ageing Well VCSE",
    "b.ind": "Bradford digital co",
    "b.ppie": "Public panel",
    "c.hub": "C&P Innovation Hub",
    "c.hin": "HI East",
    "c.icb": "C&P ICB",
    "c.cpft": "CPFT",
    "c.nwaft": "NWAFT",
    "c.cuh": "CUH",
    "c.cuhp": "CUHP",
    "c.uoc": "Uni of Cambridge",
    "c.ifm": "IfM",
    "c.uea": "UEA",
    "c.aru": "ARU",
    "c.cpg": "Citizen group",
    "c.ccc": "Cambs County Council",
    "c.pcc": "Peterborough Council",
    "c.vcse": "Cambs VCSE network",
    "c.ind": "Life-sciences firm",
    "d.hub": "Dorset Hub",
    "d.hin": "HI Wessex",
    "d.uhd": "UHD",
    "d.dch": "DCH",
    "d.dhc": "Dorset HealthCare",
    "d.hsu": "HSU",
    "d.bu": "Bournemouth Uni",
    "d.peg": "Patient group",
    "d.vcse": "Dorset VCSE Alliance",
    "d.ind": "MedTech firm",
    "m.hub": "Manchester Hub",
    "m.hin": "HInM",
    "m.mft": "MFT",
    "m.digilab": "RMCH Digilab",
    "m.innex": "Innovation Exchange",
    "m.icb": "NHS GM",
    "m.gmca": "GMCA",
    "m.council": "Manchester Council",
    "m.uom": "Uni of Manchester",
    "m.mmu": "Manchester Met",
    "m.vcse": "Manchester VCSE",
    "m.ind": "MCR digital health",
}


@dataclass(frozen=True)
class Tie:
    """One synthetic tie as the first organisation would report it.

    ``b_frequency`` overrides what the second side reports (0 = it says "Never").
    """

    a: str
    b: str
    frequency: int
    relevance: int
    direction: str  # from a's point of view
    nature: tuple[str, ...] = ()
    b_frequency: int | None = None


def tie(
    a: str,
    b: str,
    frequency: int,
    relevance: int,
    direction: str,
    nature: str = "",
    b_frequency: int | None = None,
) -> Tie:
    return Tie(a, b, frequency, relevance, direction, tuple(nature.split()), b_frequency)


HUB_KEYS = ("b.hub", "c.hub", "d.hub", "m.hub")
HIN_KEYS = ("b.hin", "c.hin", "d.hin", "m.hin")


def programme_ties(wave: str) -> list[Tie]:
    """The funder, the learning partner and the evaluator with every hub; NHS England and
    NIHR with the regional networks and universities: the ties that link the ecosystems."""
    later = wave == SUMMATIVE
    ties = [
        tie("hf", "iu", 3, 3, "out", "in_kind steering"),
        tie("hf", "rand", 2, 3, "out", "in_kind methodology"),
        tie("iu", "rand", 1, 2, "none", "methodology"),
    ]
    for hub in HUB_KEYS:
        ties.append(tie(hub, "hf", 2, 3, "in", "in_kind support"))
        ties.append(tie(hub, "iu", 3 if later else 2, 3, "in", "support methodology"))
        ties.append(tie(hub, "rand", 2 if later else 1, 2, "none", "methodology"))
    for hin in HIN_KEYS:
        if later and hin == "d.hin":
            # Health Innovation Wessex leads on the MedTech funding mandate locally.
            ties.append(tie("nhse", hin, 3, 3, "out", "in_kind horizon_scanning"))
        else:
            ties.append(tie("nhse", hin, 2, 3, "out", "in_kind steering"))
    ties += [
        tie("nihr", "b.bihr", 2, 3, "out", "in_kind"),
        tie("nihr", "c.uoc", 2, 3, "out", "in_kind"),
        tie("nihr", "m.uom", 2, 3, "out", "in_kind"),
    ]
    if later:
        ties += [
            # The MedTech funding mandate brings NHS England into Dorset's hub work.
            tie("d.hub", "nhse", 2, 3, "in", "horizon_scanning support"),
            tie("nihr", "d.bu", 1, 2, "out", "in_kind"),
        ]
    return ties


def bradford_ties(wave: str) -> list[Tie]:
    if wave == FORMATIVE:
        # Before the reset: few, weak ties; some of them (Airedale, the care trust, the
        # digital company) are gone by the summative wave.
        return [
            tie("b.hub", "b.hin", 2, 2, "in", "support"),
            tie("b.hub", "b.ia", 1, 2, "in", "methodology"),
            tie("b.hub", "b.place", 2, 2, "in", "steering"),
            tie("b.hub", "b.wy", 1, 1, "none"),
            tie("b.hub", "b.bth", 3, 2, "in", "in_kind support"),
            tie("b.hub", "b.air", 1, 1, "out", "support"),
            tie("b.hub", "b.bdc", 1, 1, "none"),
            tie("b.hub", "b.ind", 2, 2, "both", "data"),
            tie("b.hub", "b.council", 1, 1, "none"),
            tie("b.hin", "b.ia", 4, 3, "both", "methodology support"),
            tie("b.bth", "b.bihr", 4, 3, "both", "data methodology"),
            tie("b.place", "b.council", 3, 3, "both", "steering"),
            tie("b.place", "b.wy", 3, 3, "in", "steering leadership"),
            tie("b.bth", "b.place", 3, 2, "both", "steering"),
            tie("b.uob", "b.bihr", 2, 2, "both", "methodology"),
            tie("b.council", "b.ageuk", 2, 2, "out", "in_kind"),
            tie("b.hin", "b.ind", 2, 2, "out", "support"),
        ]
    # After the reset: rebuilt around Ageing Well with the Improvement Academy and the
    # place-based Health and Care Partnership.
    return [
        tie("b.hub", "b.ia", 4, 3, "both", "methodology support steering"),
        tie("b.hub", "b.place", 4, 3, "both", "steering leadership"),
        tie("b.hub", "b.hin", 3, 2, "both", "support horizon_scanning"),
        tie("b.hub", "b.wy", 2, 2, "in", "steering"),
        tie("b.hub", "b.bth", 3, 2, "in", "in_kind"),
        tie("b.hub", "b.ageuk", 3, 3, "both", "ppie support"),
        tie("b.hub", "b.vcse", 2, 2, "out", "support"),
        tie("b.hub", "b.council", 3, 3, "both", "steering joint_bids"),
        tie("b.hub", "b.bihr", 2, 2, "in", "data methodology"),
        tie("b.hub", "b.uob", 1, 2, "in", "methodology"),
        tie("b.hub", "b.ppie", 2, 2, "in", "ppie"),
        # The hub says the care trust tie has lapsed; the trust still reports some contact.
        tie("b.hub", "b.bdc", 0, 1, "none", b_frequency=1),
        tie("b.ia", "b.place", 3, 3, "both", "methodology steering"),
        tie("b.ia", "b.hin", 4, 3, "both", "methodology support"),
        tie("b.ia", "b.bth", 2, 2, "out", "methodology"),
        tie("b.place", "b.council", 4, 3, "both", "steering leadership"),
        tie("b.place", "b.ageuk", 3, 3, "in", "ppie"),
        tie("b.place", "b.wy", 4, 3, "in", "steering leadership"),
        tie("b.ageuk", "b.vcse", 3, 2, "both", "support"),
        tie("b.bth", "b.bihr", 4, 3, "both", "data methodology"),
        tie("b.bihr", "b.uob", 3, 2, "both", "methodology joint_bids"),
        tie("b.bdc", "b.place", 2, 2, "in", "steering"),
    ]


def cambridge_ties(wave: str) -> list[Tie]:
    if wave == FORMATIVE:
        # Hosted by CPFT; the ICB is a quarterly, one-way tie; citizens are consulted rarely.
        return [
            tie("c.hub", "c.cpft", 4, 3, "in", "in_kind leadership"),
            tie("c.hub", "c.icb", 2, 3, "in", "steering"),
            tie("c.hub", "c.hin", 3, 3, "both", "support horizon_scanning"),
            tie("c.hub", "c.uea", 2, 2, "in", "methodology"),
            tie("c.hub", "c.uoc", 1, 2, "in", "methodology"),
            tie("c.hub", "c.aru", 2, 2, "both", "joint_bids"),
            tie("c.hub", "c.cuhp", 2, 2, "both", "steering"),
            tie("c.hub", "c.ifm", 1, 2, "in", "methodology"),
            tie("c.hub", "c.nwaft", 2, 2, "out", "support"),
            tie("c.hub", "c.cpg", 1, 3, "in", "ppie"),
            tie("c.hub", "c.cuh", 1, 1, "none"),
            tie("c.hub", "c.vcse", 1, 1, "out", "support"),
            tie("c.icb", "c.cpft", 4, 3, "both", "steering leadership"),
            tie("c.icb", "c.nwaft", 4, 3, "both", "steering"),
            tie("c.cuhp", "c.uoc", 4, 3, "both", "steering methodology"),
            tie("c.uoc", "c.ifm", 4, 3, "both", "methodology"),
            tie("c.cuhp", "c.cuh", 3, 3, "both", "steering"),
            tie("c.hin", "c.uea", 2, 2, "both", "methodology"),
            tie("c.hin", "c.aru", 2, 2, "out", "support"),
            tie("c.icb", "c.ccc", 3, 3, "both", "steering"),
            tie("c.icb", "c.pcc", 3, 3, "both", "steering"),
            tie("c.hin", "c.ind", 2, 2, "out", "support"),
        ]
    # Inside the ICB: a weekly, reciprocal tie; co-production with citizens grows.
    return [
        tie("c.hub", "c.icb", 4, 3, "both", "steering leadership in_kind"),
        tie("c.hub", "c.cpft", 2, 2, "both", "support"),
        tie("c.hub", "c.hin", 3, 3, "both", "support horizon_scanning"),
        tie("c.hub", "c.cpg", 4, 3, "both", "ppie steering"),
        tie("c.hub", "c.uea", 3, 2, "in", "methodology"),
        tie("c.hub", "c.aru", 2, 2, "both", "joint_bids"),
        tie("c.hub", "c.uoc", 2, 2, "in", "methodology"),
        tie("c.hub", "c.cuhp", 2, 2, "both", "steering"),
        tie("c.hub", "c.nwaft", 3, 2, "both", "support"),
        tie("c.hub", "c.pcc", 2, 2, "both", "joint_bids"),
        tie("c.hub", "c.vcse", 3, 2, "both", "ppie support"),
        tie("c.hub", "c.ifm", 1, 2, "in", "methodology"),
        tie("c.hub", "c.ccc", 1, 2, "none"),
        tie("c.icb", "c.cpft", 4, 3, "both", "steering leadership"),
        tie("c.icb", "c.nwaft", 4, 3, "both", "steering"),
        tie("c.icb", "c.cpg", 2, 3, "in", "ppie"),
        tie("c.cpg", "c.vcse", 2, 2, "both", "ppie"),
        tie("c.cuhp", "c.uoc", 4, 3, "both", "steering methodology"),
        tie("c.uoc", "c.ifm", 4, 3, "both", "methodology"),
        tie("c.hin", "c.uea", 2, 2, "both", "methodology"),
        tie("c.icb", "c.pcc", 3, 3, "both", "steering"),
        tie("c.icb", "c.ccc", 3, 3, "both", "steering"),
        tie("c.aru", "c.pcc", 1, 2, "out", "methodology"),
    ]


def dorset_ties(wave: str) -> list[Tie]:
    if wave == FORMATIVE:
        # A slow start: the host trust, the AHSN and a little of the ICB.
        return [
            tie("d.hub", "d.uhd", 3, 3, "in", "in_kind leadership"),
            tie("d.hub", "d.hin", 2, 2, "in", "support"),
            tie("d.hub", "d.icb", 1, 2, "in", "steering"),
            tie("d.hub", "d.dch", 1, 1, "none"),
            tie("d.uhd", "d.icb", 4, 3, "both", "steering"),
            tie("d.uhd", "d.dch", 3, 2, "both", "support"),
            tie("d.icb", "d.bcp", 3, 3, "both", "steering"),
            tie("d.icb", "d.council", 3, 3, "both", "steering"),
            tie("d.hin", "d.uhd", 2, 2, "out", "support"),
            tie("d.ind", "d.hin", 2, 2, "in", "support"),
        ]
    # Hosted by NHS Dorset; education partnerships, the MedTech funding mandate and
    # Malnutrition in Ageing.
    return [
        tie("d.hub", "d.icb", 4, 3, "both", "leadership in_kind steering"),
        tie("d.hub", "d.uhd", 2, 2, "both", "support"),
        tie("d.hub", "d.hin", 3, 3, "both", "support horizon_scanning"),
        tie("d.hub", "d.hsu", 3, 3, "both", "joint_bids support"),
        tie("d.hub", "d.bu", 3, 3, "both", "methodology joint_bids"),
        tie("d.hub", "d.bcp", 2, 2, "both", "steering"),
        tie("d.hub", "d.council", 3, 3, "both", "steering joint_bids"),
        tie("d.hub", "d.dch", 2, 2, "in", "support"),
        tie("d.hub", "d.dhc", 2, 2, "both", "support"),
        tie("d.hub", "d.ind", 2, 2, "out", "support horizon_scanning"),
        tie("d.hub", "d.peg", 2, 2, "in", "ppie"),
        tie("d.hub", "d.vcse", 2, 2, "both", "support"),
        tie("d.hsu", "d.bu", 2, 2, "both", "joint_bids"),
        tie("d.hsu", "d.uhd", 2, 2, "out", "support"),
        tie("d.bu", "d.uhd", 3, 2, "both", "methodology"),
        tie("d.hin", "d.ind", 3, 3, "out", "support"),
        tie("d.council", "d.vcse", 3, 3, "both", "in_kind"),
        tie("d.icb", "d.peg", 3, 3, "in", "ppie"),
        tie("d.uhd", "d.icb", 4, 3, "both", "steering"),
        tie("d.icb", "d.bcp", 3, 3, "both", "steering"),
        tie("d.icb", "d.council", 3, 3, "both", "steering"),
    ]


def manchester_ties(wave: str) -> list[Tie]:
    if wave == FORMATIVE:
        # Mostly digital partners around the host trust.
        return [
            tie("m.hub", "m.mft", 4, 3, "in", "in_kind leadership"),
            tie("m.hub", "m.hin", 3, 3, "both", "data horizon_scanning"),
            tie("m.hub", "m.digilab", 4, 3, "both", "data"),
            tie("m.hub", "m.ind", 3, 2, "out", "support data"),
            tie("m.hub", "m.innex", 2, 2, "both", "horizon_scanning"),
            # The hub recalls a contact the university does not.
            tie("m.hub", "m.uom", 1, 1, "in", "data", b_frequency=0),
            tie("m.hub", "m.icb", 1, 1, "none"),
            tie("m.mft", "m.digilab", 4, 3, "both", "data in_kind"),
            tie("m.hin", "m.mft", 3, 3, "both", "data"),
            tie("m.hin", "m.icb", 4, 3, "both", "steering data"),
            tie("m.hin", "m.ind", 2, 2, "out", "support"),
            tie("m.uom", "m.mft", 3, 3, "both", "methodology"),
            tie("m.gmca", "m.hin", 3, 3, "out", "in_kind"),
            tie("m.council", "m.icb", 3, 3, "both", "steering"),
        ]
    # Broader: VOCAL, councils, universities and VCSEs join the digital core.
    return [
        tie("m.hub", "m.mft", 4, 3, "in", "in_kind leadership"),
        tie("m.hub", "m.hin", 3, 3, "both", "data horizon_scanning"),
        tie("m.hub", "m.digilab", 3, 3, "both", "data"),
        tie("m.hub", "m.ind", 2, 2, "out", "support"),
        tie("m.hub", "m.innex", 2, 2, "both", "horizon_scanning"),
        tie("m.hub", "m.vocal", 3, 3, "both", "ppie"),
        tie("m.hub", "m.council", 2, 2, "both", "steering"),
        tie("m.hub", "m.uom", 2, 2, "both", "methodology"),
        tie("m.hub", "m.mmu", 2, 2, "in", "methodology"),
        tie("m.hub", "m.vcse", 2, 2, "out", "support"),
        tie("m.hub", "m.icb", 2, 2, "in", "steering"),
        tie("m.hub", "m.gmca", 1, 1, "none"),
        tie("m.vocal", "m.vcse", 2, 2, "both", "ppie"),
        tie("m.vocal", "m.mft", 2, 2, "out", "ppie"),
        tie("m.council", "m.vcse", 3, 3, "out", "in_kind"),
        tie("m.mft", "m.digilab", 4, 3, "both", "data in_kind"),
        tie("m.hin", "m.mft", 3, 3, "both", "data"),
        tie("m.hin", "m.icb", 4, 3, "both", "steering data"),
        tie("m.uom", "m.mft", 3, 3, "both", "methodology"),
        tie("m.uom", "m.mmu", 2, 2, "both", "joint_bids"),
        tie("m.council", "m.icb", 3, 3, "both", "steering"),
    ]


def catalysed_ties(wave: str) -> list[Tie]:
    """Partnerships the Dorset and Manchester hubs catalysed: pairs of a hub's 2023 partners,
    not tied to each other in 2023, who work together in 2024 (the hubs' third core function,
    "connecting and convening players who had never met").

    Their answers are drawn from their own random stream (``CATALYSIS_SEED``), after every
    other answer, so the rest of the demo is the same as before they were added.
    """
    if wave == FORMATIVE:
        return []
    return [
        # Dorset, Malnutrition in Ageing: NHS Dorset funds and steers the county hospital's
        # dietetics work the hub convened.
        tie("d.dch", "d.icb", 3, 3, "in", "steering in_kind"),
        # Dorset, the MedTech funding mandate: Health Innovation Wessex helps the county
        # hospital adopt a device, and plans the mandate's local roll-out with NHS Dorset.
        tie("d.hin", "d.dch", 2, 2, "out", "support horizon_scanning"),
        tie("d.hin", "d.icb", 3, 3, "both", "steering horizon_scanning"),
        # Manchester: the University of Manchester evaluates Digilab's digital tools; Digilab
        # and the digital company bid together; Health Innovation Manchester scans the
        # Innovation Exchange network's members for innovations to spread.
        tie("m.uom", "m.digilab", 2, 3, "out", "methodology"),
        tie("m.digilab", "m.ind", 2, 2, "both", "joint_bids data"),
        tie("m.hin", "m.innex", 2, 2, "out", "horizon_scanning support"),
    ]


# Who answered, and as whom. Organisations on a roster but absent here did not respond.
RESPONDENTS = {
    FORMATIVE: {
        "hf": ["Programme manager"],
        "iu": ["Learning partner lead"],
        "b.hub": ["Hub lead"],
        "b.hin": ["Innovation lead"],
        "b.ia": ["Improvement lead"],
        "b.place": ["Partnership manager"],
        "b.bth": ["Research and innovation manager"],
        "b.bihr": ["Research manager"],
        "b.council": ["Public health lead"],
        "b.ind": ["Director"],
        "c.hub": ["Hub lead", "Project manager"],
        "c.hin": ["Innovation lead"],
        "c.icb": ["Head of strategy"],
        "c.cpft": ["Research and innovation manager"],
        "c.nwaft": ["Innovation manager"],
        "c.cuhp": ["Programme manager"],
        "c.ifm": ["Research associate"],
        "c.uea": ["Impact manager"],
        "c.aru": ["Research lead"],
        "c.cpg": ["Group coordinator"],
        "d.hub": ["Hub lead"],
        "d.hin": ["Innovation lead"],
        "d.uhd": ["Research and innovation manager"],
        "d.dch": ["Innovation manager"],
        "d.icb": ["Transformation lead"],
        "d.ind": ["Director"],
        "m.hub": ["Hub lead", "Project manager"],
        "m.hin": ["Digital innovation lead"],
        "m.mft": ["Innovation manager"],
        "m.digilab": ["Digilab lead"],
        "m.innex": ["Network coordinator"],
        "m.icb": ["Digital transformation lead"],
        "m.uom": ["Research manager"],
        "m.ind": ["Director"],
    },
    SUMMATIVE: {
        "hf": ["Programme manager"],
        "iu": ["Learning partner lead"],
        "nhse": ["Policy lead"],
        "b.hub": ["Hub lead", "Project manager"],
        "b.hin": ["Innovation lead"],
        "b.ia": ["Improvement lead"],
        "b.wy": ["Innovation lead"],
        "b.place": ["Partnership manager"],
        "b.bth": ["Research and innovation manager"],
        "b.bdc": ["Quality improvement lead"],
        "b.bihr": ["Research manager"],
        "b.council": ["Public health lead"],
        "b.ageuk": ["Services manager"],
        "b.vcse": ["Network coordinator"],
        "c.hub": ["Hub lead", "Project manager"],
        "c.hin": ["Innovation lead"],
        "c.icb": ["Head of strategy", "Innovation manager"],
        "c.cpft": ["Research and innovation manager"],
        "c.nwaft": ["Innovation manager"],
        "c.cuhp": ["Programme manager"],
        "c.uoc": ["Research manager"],
        "c.uea": ["Impact manager"],
        "c.aru": ["Research lead"],
        "c.cpg": ["Group coordinator"],
        "c.pcc": ["Public health lead"],
        "d.hub": ["Hub lead", "Project manager"],
        "d.hin": ["Innovation lead"],
        "d.uhd": ["Research and innovation manager"],
        "d.dch": ["Dietetics lead"],
        "d.icb": ["Transformation lead"],
        "d.bcp": ["Public health lead"],
        "d.council": ["Public health lead"],
        "d.hsu": ["Partnerships manager"],
        "d.bu": ["Research impact manager"],
        "d.ind": ["Director"],
        "m.hub": ["Hub lead"],
        "m.hin": ["Digital innovation lead"],
        "m.mft": ["Innovation manager"],
        "m.digilab": ["Digilab lead"],
        "m.vocal": ["Engagement lead"],
        "m.icb": ["Digital transformation lead"],
        "m.council": ["Public health lead"],
        "m.uom": ["Research manager"],
        "m.vcse": ["Chief executive"],
    },
}


def on_roster(organisation: Organisation, wave: str) -> bool:
    return not organisation.waves or wave in organisation.waves


def story_ties(wave: str) -> list[Tie]:
    """The ties of every hub's story, whose answers draw on the demo's first random stream."""
    return [
        *programme_ties(wave),
        *bradford_ties(wave),
        *cambridge_ties(wave),
        *dorset_ties(wave),
        *manchester_ties(wave),
    ]


def wave_ties(wave: str) -> list[Tie]:
    """Every tie of a wave, checked: no pair twice, none with itself, both ends on the roster."""
    ties = [*story_ties(wave), *catalysed_ties(wave)]
    pairs = [frozenset((t.a, t.b)) for t in ties]
    assert len(pairs) == len(set(pairs)), f"a pair is listed twice in {wave}"
    for t in ties:
        assert t.a != t.b, t
        assert on_roster(BY_KEY[t.a], wave) and on_roster(BY_KEY[t.b], wave), t
    return ties


class Writer:
    """Turns the ties of a wave into survey rows, with the noise of real exports."""

    def __init__(self, rng: random.Random, wave: str) -> None:
        self.rng = rng
        self.wave = wave

    def name(self, key: str) -> str:
        """How a respondent writes an organisation: former names in the formative wave,
        and now and then an abbreviation."""
        organisation = BY_KEY[key]
        if self.wave == FORMATIVE and organisation.former:
            return organisation.former
        if organisation.short and self.rng.random() < 0.15:
            return organisation.short
        return organisation.name

    def label(self, labels: dict, variants: dict, code: object, chance: float = 0.12) -> str:
        if self.rng.random() < chance:
            return self.rng.choice(variants[code])
        return labels[code]

    def frequency(self, code: int) -> str:
        if code == 0:
            return self.label({0: "Never"}, FREQUENCY_VARIANTS, 0, chance=0.2)
        return self.label(FREQUENCY, FREQUENCY_VARIANTS, code)

    def relevance(self, code: int | None) -> str:
        if code is None:
            return ""
        return self.label(RELEVANCE, RELEVANCE_VARIANTS, code)

    def direction(self, code: str) -> str:
        if code == "none":
            return self.rng.choice(DIRECTION_VARIANTS["none"] + ["Neither"])
        return self.label(DIRECTION, DIRECTION_VARIANTS, code)

    def nature(self, keys: tuple[str, ...]) -> str:
        return ";".join(NATURE[key] for key in keys)

    def row(
        self, respondent: str, partner: str, answer: tuple, person: str, submitted: str
    ) -> list[str]:
        """One row of responses.csv: a respondent's answer about one partner."""
        frequency, relevance, direction, nature = answer
        return [
            self.wave,
            respondent,
            self.name(partner),
            self.frequency(frequency),
            self.relevance(relevance),
            self.direction(direction) if frequency > 0 else "",
            self.nature(nature),
            person,
            submitted,
        ]


def jitter(rng: random.Random, value: int, low: int, high: int, chance: float) -> int:
    """Shift a code by one step, now and then, within its scale."""
    if rng.random() >= chance:
        return value
    return min(high, max(low, value + rng.choice((-1, 1))))


def tie_reports(
    rng: random.Random, ties: list[Tie], answered: dict[str, list[str]]
) -> dict[str, dict[str, tuple]]:
    """What each side of each tie that answered reports of the other: (frequency, relevance,
    direction, nature); the second side now and then a step apart, as real answers are."""
    table: dict[str, dict[str, tuple]] = {key: {} for key in answered}
    for t in ties:
        if t.a in answered:
            table[t.a][t.b] = (t.frequency, t.relevance, t.direction, t.nature)
        if t.b in answered:
            if t.b_frequency is not None:
                frequency = t.b_frequency
            elif t.frequency == 4:
                frequency = t.frequency
            else:
                # The two sides of a pair do not always agree on how often they met.
                frequency = jitter(rng, t.frequency, 1, 4, chance=0.25)
            relevance = jitter(rng, t.relevance, 0, 3, chance=0.3)
            direction = OPPOSITE[t.direction]
            if direction in {"in", "out"} and rng.random() < 0.1:
                direction = "both"
            nature = t.nature
            if len(nature) > 1 and rng.random() < 0.4:
                nature = nature[:-1]
            if frequency == 0:
                direction, nature = "none", ()
            table[t.b][t.a] = (frequency, relevance, direction, nature)
    return table


def reports(rng: random.Random, wave: str) -> dict[str, dict[str, tuple]]:
    """Each respondent's report of each partner in the hubs' stories, with the "Never"
    answers hub teams and partners give about the rest of their roster."""
    answered = RESPONDENTS[wave]
    wave_ties(wave)  # every tie of the wave checked, the catalysed ones included
    table = tie_reports(rng, story_ties(wave), answered)
    # Hub teams answer the whole roster of their ecosystem: "Never" where there is no tie.
    for key in answered:
        organisation = BY_KEY[key]
        if organisation.type != "hub":
            continue
        for other in ORGANISATIONS:
            if (
                other.key != key
                and other.key not in table[key]
                and organisation.hubs[0] in other.hubs
                and on_roster(other, wave)
            ):
                relevance = rng.choice((None, 0, 1, 1, 2))
                table[key][other.key] = (0, relevance, "none", ())
    # Partners now and then rule out one roster organisation of their ecosystem too.
    for key in answered:
        organisation = BY_KEY[key]
        if organisation.type in {"hub", "national"} or rng.random() >= 0.3:
            continue
        candidates = [
            other.key
            for other in ORGANISATIONS
            if other.key != key
            and other.key not in table[key]
            and other.type != "national"
            and organisation.hubs[0] in other.hubs
            and on_roster(other, wave)
        ]
        if candidates:
            table[key][rng.choice(candidates)] = (0, rng.choice((None, 0, 1)), "none", ())
    return table


def catalysis_reports(
    rng: random.Random, wave: str, table: dict[str, dict[str, tuple]]
) -> dict[str, dict[str, tuple]]:
    """Each respondent's report of the partnerships catalysed in a wave (drawn from their own
    stream, after ``table``, the rest of the wave's reports), none about a partner the
    respondent already answered for."""
    catalysed = tie_reports(rng, catalysed_ties(wave), RESPONDENTS[wave])
    for key, answers in catalysed.items():
        already = sorted(answers.keys() & table[key].keys())
        assert not already, f"{key} already answered about {already} in {wave}"
    return catalysed


def second_person(rng: random.Random, answer: tuple) -> tuple | None:
    """A colleague's answer to the same question: close to the first, not identical."""
    frequency, relevance, direction, nature = answer
    if frequency > 0:
        frequency = jitter(rng, frequency, 1, 4, chance=0.3)
    if relevance is not None:
        relevance = jitter(rng, relevance, 0, 3, chance=0.2)
    if frequency > 0 and len(nature) > 1 and rng.random() < 0.5:
        nature = nature[1:]
    return frequency, relevance, direction, nature


def submission_date(rng: random.Random, wave: str) -> str:
    start, end = WINDOWS[wave]
    return (start + dt.timedelta(days=rng.randint(0, (end - start).days))).isoformat()


def response_rows(rng: random.Random, catalysis_rng: random.Random) -> list[list[str]]:
    """Every answer of both waves, a respondent's rows in roster order of their partners.

    The answers about catalysed partnerships take their noise from ``catalysis_rng``, so the
    draws from ``rng`` (and every other row) are as they were before those ties were added.
    """
    rows = []
    order = {o.key: i for i, o in enumerate(ORGANISATIONS)}
    for wave in WAVES:
        writer, catalysis_writer = Writer(rng, wave), Writer(catalysis_rng, wave)
        table = reports(rng, wave)
        catalysed = catalysis_reports(catalysis_rng, wave, table)
        for key in sorted(table, key=order.__getitem__):
            answers = {**table[key], **catalysed[key]}
            for person_index, person in enumerate(RESPONDENTS[wave][key]):
                submitted = submission_date(rng, wave)
                respondent = writer.name(key)  # one spelling per submission
                for partner in sorted(answers, key=order.__getitem__):
                    by = catalysis_writer if partner in catalysed[key] else writer
                    answer = answers[partner]
                    if person_index > 0:
                        answer = second_person(by.rng, answer)
                    rows.append(by.row(respondent, partner, answer, person, submitted))
    return rows


def organisation_rows() -> list[list[str]]:
    return [
        [
            o.name,
            o.type,
            ";".join(o.hubs),
            o.region,
            ";".join(o.aliases),
            ";".join(o.waves),
            SHORT_NAMES.get(o.key, ""),
        ]
        for o in ORGANISATIONS
    ]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main(folder: Path = PACKAGE_DEMO) -> None:
    """Write organisations.csv and responses.csv into ``folder`` (default: the package's demo)."""
    rng, catalysis_rng = random.Random(SEED), random.Random(CATALYSIS_SEED)
    write_csv(
        folder / "organisations.csv",
        ["name", "type", "hub", "region", "aliases", "waves", "short_name"],
        organisation_rows(),
    )
    write_csv(
        folder / "responses.csv",
        [
            "wave",
            "respondent",
            "partner",
            "frequency",
            "relevance",
            "direction",
            "nature",
            "respondent_person",
            "submitted",
        ],
        response_rows(rng, catalysis_rng),
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else PACKAGE_DEMO)
