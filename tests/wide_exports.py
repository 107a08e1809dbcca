"""The answer grid of the wide-export tests, and the exports built from it as each tool writes them.

One hand-written answer grid (``GRID``) and the ties the survey's rules give for it; builders
that save any grid as Qualtrics, Microsoft Forms, SmartSurvey or an Excel grid would save it,
or as the tidy responses template; and hypothesis strategies for random grids with the
responses expected from them. Used by ``test_wide.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from hypothesis import strategies as st

WAVE = "Formative 2023"
HUB = "Dorset Innovation Hub"
WESSEX = "Health Innovation Wessex"
ICB = "NHS Dorset"
UHD = "University Hospitals Dorset"
BCP = "BCP Council"
CAFE = "Café Ré Trust"
ROSTER = (HUB, WESSEX, ICB, UHD, BCP, CAFE)

ORGANISATIONS = (
    "name,type,hub,aliases\n"
    f"{HUB},hub,Dorset,\n"
    f"{WESSEX},HIN,Dorset,Wessex AHSN\n"
    f"{ICB},ICB,Dorset,Dorset ICB\n"
    f"{UHD},trust,Dorset,UHD\n"
    f"{BCP},council,Dorset,\n"
    f"{CAFE},VCSE,Dorset,\n"
)

# The nature choices as the survey shows them (surveys/codebook.md, section 2, "Nature of the tie").
NATURE_LABELS = (
    "Support and guidance",
    "Leadership support",
    "Steering or programme group",
    "Methodology or evaluation advice",
    "In-kind funding or resources",
    "PPIE support",
    "Joint bids or funding applications",
    "Data or digital capacity",
    "Horizon scanning",
    "Other",
)


@dataclass(frozen=True)
class Answer:
    """One respondent's answers about one partner, as the respondent ticked them."""

    frequency: str
    relevance: str = ""
    direction: str = ""
    nature: tuple[str, ...] = ()


@dataclass(frozen=True)
class Response:
    """One submission of the survey: who answered, and their answers by partner."""

    organisation: str
    person: str
    submitted: str
    answers: dict[str, Answer] = field(default_factory=dict)
    progress: int = 100


GRID = (
    Response(
        HUB,
        "Ann Lee",
        "2023-01-20 10:11:12",
        {
            WESSEX: Answer(
                "Monthly",
                "Highly relevant",
                "They mainly support us",
                ("Support and guidance", "Horizon scanning"),
            ),
            ICB: Answer(
                "Weekly or more", "Highly relevant", "Both ways", ("Steering or programme group",)
            ),
            UHD: Answer("Never", "Relevant"),
            CAFE: Answer(
                "Quarterly", "Somewhat relevant", "We mainly support them", ("PPIE support",)
            ),
        },
    ),
    Response(
        ICB,
        "Bob Hale",
        "2023-01-23 09:00:00",
        {
            HUB: Answer("Quarterly", "Relevant", "We mainly support them"),
            CAFE: Answer("Less than quarterly", "Relevant", "Neither"),
        },
    ),
    # unfinished: a tool that exports partial responses must skip it
    Response(BCP, "Cy Dunn", "2023-01-24 12:00:00", {HUB: Answer("Weekly")}, progress=40),
    Response(
        CAFE,
        "Zoë Brown",
        "2023-02-01 16:45:00",
        {
            HUB: Answer(
                "Monthly",
                "Highly relevant",
                "They mainly support us",
                ("Support and guidance", "PPIE support"),
            )
        },
    ),
)

# The ties the codebook's rules give for GRID (surveys/codebook.md, sections 4 to 6: weight =
# frequency code, mean of two reports):
# - hub -> Wessex: Monthly (3), "They mainly support us": one arc Wessex -> hub, weight 3;
# - hub and NHS Dorset both answered: hub Weekly (4) "Both ways", NHS Dorset Quarterly (2)
#   "We mainly support them" (NHS Dorset -> hub): arcs both ways (union), weight (4 + 2) / 2;
# - hub -> UHD: Never: no tie;
# - hub and Café both answered: hub Quarterly (2) "We mainly support them" (hub -> Café),
#   Café Monthly (3) "They mainly support us" (hub -> Café): one arc, weight (2 + 3) / 2;
# - NHS Dorset -> Café: Less than quarterly (1), "Neither": both arcs (flagged), weight 1;
# - BCP Council did not finish: its Weekly about the hub is not a tie.
EXPECTED_ARCS = {
    (WESSEX, HUB): 3.0,
    (HUB, ICB): 3.0,
    (ICB, HUB): 3.0,
    (HUB, CAFE): 2.5,
    (ICB, CAFE): 1.0,
    (CAFE, ICB): 1.0,
}

QUALTRICS_QUESTIONS = (
    ("frequency", "How often has your organisation interacted with each of these "
     "organisations in the last 12 months?"),
    ("relevance", "How relevant is each organisation to your innovation work?"),
    ("direction", "In each relationship, who mainly supports whom?"),
    ("nature", "What does the relationship involve? (tick all that apply)"),
)  # fmt: skip
SMARTSURVEY_QUESTIONS = (
    ("frequency", "How often do you interact with each organisation?"),
    ("relevance", "How important is each organisation to your work?"),
    ("direction", "Who supports whom?"),
)
BRACKET_QUESTIONS = (
    ("frequency", "Frequency of interaction"),
    ("relevance", "Relevance to your innovation work"),
    ("direction", "Direction of support"),
    ("nature", "Nature of the relationship"),
)


def cell(response: Response, partner: str, question: str, separator: str = "; ") -> str:
    answer = response.answers.get(partner)
    if answer is None:
        return ""
    value = getattr(answer, question)
    return value if isinstance(value, str) else separator.join(value)


def csv_bytes(rows: Sequence[Sequence[object]], encoding: str = "utf-8", delimiter=",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def finished(grid: Sequence[Response]) -> list[Response]:
    return [r for r in grid if r.progress == 100]


# --- the exports, as each tool writes them --------------------------------------------------


def qualtrics(
    grid: Sequence[Response], roster=ROSTER, written=None, encoding="utf-8-sig"
) -> tuple[str, bytes]:
    """Qualtrics CSV: export tags, question text, import ids; metadata columns first."""
    written = written or {}
    tags = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)"]
    tags += ["Finished", "RecordedDate", "ResponseId", "Q1", "Q2"]
    labels = ["Start Date", "End Date", "Response Type", "IP Address", "Progress"]
    labels += ["Duration (in seconds)", "Finished", "Recorded Date", "Response ID"]
    labels += ["Which organisation do you work for? - Selected Choice", "Your name"]
    imports = [json.dumps({"ImportId": tag}) for tag in tags]
    for q, (_, wording) in enumerate(QUALTRICS_QUESTIONS, start=3):
        for p, partner in enumerate(roster, start=1):
            tags.append(f"Q{q}_{p}")
            labels.append(f"{wording} - {written.get(partner, partner)}")
            imports.append(json.dumps({"ImportId": f"QID{q}_{p}"}))
    rows: list[list[str]] = [tags, labels, imports]
    for n, r in enumerate(grid):
        done = r.progress == 100
        rows.append(
            ["2023-01-20 09:00:00", r.submitted, "IP Address", "", str(r.progress), "612"]
            + [str(done), r.submitted, f"R_{n:02d}xYz", written.get(r.organisation, r.organisation)]
            + [r.person]
            + [cell(r, p, q, ",") for q, _ in QUALTRICS_QUESTIONS for p in roster]
        )
    return "qualtrics.csv", csv_bytes(rows, encoding)


def forms(
    grid: Sequence[Response], roster=ROSTER, written=None, encoding=None
) -> tuple[str, bytes]:
    """Microsoft Forms XLSX: "Question?.Partner" headers; choices end with ";"."""
    written = written or {}
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["ID", "Start time", "Completion time", "Email", "Name"]
        + ["Which organisation do you work for?"]
        + [f"{w}.{written.get(p, p)}" for _, w in QUALTRICS_QUESTIONS for p in roster]
    )
    for n, r in enumerate(finished(grid), start=1):
        natures = [cell(r, p, "nature", ";") for p in roster]
        sheet.append(
            [n, dt.datetime(2023, 1, 20, 9), dt.datetime.fromisoformat(r.submitted)]
            + ["anonymous", r.person, r.organisation]
            + [cell(r, p, q) for q, _ in QUALTRICS_QUESTIONS[:3] for p in roster]
            + [f"{v};" if v else "" for v in natures]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return "forms.xlsx", buffer.getvalue()


def smartsurvey(
    grid: Sequence[Response], roster=ROSTER, written=None, encoding="utf-8"
) -> tuple[str, bytes]:
    """SmartSurvey CSV: questions above partners; one column per partner per nature choice."""
    written = written or {}
    names = [written.get(p, p) for p in roster]
    questions = ["UserID", "Started", "Ended", "Your organisation", "Your role"]
    partners = [""] * 5
    for _, wording in SMARTSURVEY_QUESTIONS:
        questions += [wording] + [""] * (len(roster) - 1)
        partners += names
    questions += ["What type of support does each relationship involve?"]
    questions += [""] * (len(roster) * len(NATURE_LABELS) - 1)
    partners += [f"{name} - {label}" for name in names for label in NATURE_LABELS]
    rows = [questions, partners]
    for n, r in enumerate(finished(grid)):
        ticks = [
            label if p in r.answers and label in r.answers[p].nature else ""
            for p in roster
            for label in NATURE_LABELS
        ]
        rows.append(
            [str(1000 + n), "20/01/2023 09:00", r.submitted, r.organisation, r.person]
            + [cell(r, p, q) for q, _ in SMARTSURVEY_QUESTIONS for p in roster]
            + ticks
        )
    return "smartsurvey.csv", csv_bytes(rows, encoding)


def excel(
    grid: Sequence[Response], roster=ROSTER, written=None, encoding="cp1252"
) -> tuple[str, bytes]:
    """An Excel grid saved as "CSV (Comma delimited)": "Question [Partner]" headers."""
    written = written or {}
    header = ["Organisation name", "Respondent name", "Date submitted"]
    header += [f"{w} [{written.get(p, p)}]" for _, w in BRACKET_QUESTIONS for p in roster]
    rows: list[list[str]] = [header]
    for r in finished(grid):
        rows.append(
            [r.organisation, r.person, r.submitted]
            + [cell(r, p, q) for q, _ in BRACKET_QUESTIONS for p in roster]
        )
    return "grid.csv", csv_bytes(rows, encoding)


STYLES: dict[str, Callable[..., tuple[str, bytes]]] = {
    "qualtrics": qualtrics,
    "forms": forms,
    "smartsurvey": smartsurvey,
    "excel": excel,
}
FIRST_DATA_ROW = {"qualtrics": 4, "forms": 2, "smartsurvey": 3, "excel": 2}


def tidy(grid: Sequence[Response]) -> tuple[str, bytes]:
    """The same answers in the tidy responses template (no wave column: the named wave)."""
    columns = "respondent,partner,frequency,relevance,direction,nature,respondent_person"
    rows: list[list[str]] = [[*columns.split(","), "submitted"]]
    for r in finished(grid):
        for partner, a in r.answers.items():
            if partner != r.organisation:
                nature = "; ".join(a.nature)
                answer = [a.frequency, a.relevance, a.direction, nature]
                rows.append([r.organisation, partner, *answer, r.person, r.submitted])
    return "responses.csv", csv_bytes(rows)


def write(folder: Path, *files: tuple[str, bytes]) -> list[Path]:
    paths = []
    for name, data in files:
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def organisations_file() -> tuple[str, bytes]:
    return "organisations.csv", ORGANISATIONS.encode("utf-8")


# --- random grids, for property tests ------------------------------------------------------------

FREQUENCY_WORDS = {
    0: ["Never", "Not at all"],
    1: ["Less than quarterly", "Rarely"],
    2: ["Quarterly", "Every few months"],
    3: ["Monthly", "Every month"],
    4: ["Weekly or more", "Daily"],
}
RELEVANCE_WORDS = {
    0: ["Not relevant"],
    1: ["Somewhat relevant", "Slightly relevant"],
    2: ["Relevant", "Quite relevant"],
    3: ["Highly relevant", "Essential"],
}
DIRECTION_WORDS = {
    "out": ["We mainly support them", "To them"],
    "in": ["They mainly support us", "From them"],
    "both": ["Both ways", "Mutual"],
    "none": ["Neither", ""],
}
NATURE_KEYS = dict(
    zip(
        NATURE_LABELS,
        [
            "support",
            "leadership",
            "steering",
            "methodology",
            "in_kind",
            "ppie",
            "joint_bids",
            "data",
            "horizon_scanning",
            "other",
        ],
        strict=True,
    )
)


@st.composite
def grids(draw, style: str):
    """Random finished (and, for Qualtrics, unfinished) responses, and the responses expected."""
    respondents = draw(st.lists(st.sampled_from(ROSTER), min_size=1, max_size=4, unique=True))
    grid: list[Response] = []
    expected: list[dict] = []
    row = FIRST_DATA_ROW[style]
    for organisation in respondents:
        person = draw(st.sampled_from(["", "Ann Lee", "Zoë Brown"]))
        progress = draw(st.sampled_from([100, 100, 60])) if style == "qualtrics" else 100
        answers: dict[str, Answer] = {}
        wanted: list[dict] = []
        for partner in ROSTER:
            if draw(st.booleans()):
                continue
            frequency = draw(st.integers(0, 4))
            relevance = draw(st.none() | st.integers(0, 3))
            direction = draw(st.sampled_from(sorted(DIRECTION_WORDS)))
            chosen = draw(st.sets(st.sampled_from(NATURE_LABELS), max_size=3))
            natures = tuple(label for label in NATURE_LABELS if label in chosen)
            answers[partner] = Answer(
                draw(st.sampled_from(FREQUENCY_WORDS[frequency])),
                "" if relevance is None else draw(st.sampled_from(RELEVANCE_WORDS[relevance])),
                draw(st.sampled_from(DIRECTION_WORDS[direction])),
                natures,
            )
            if partner != organisation:  # an answer about oneself is skipped
                wanted.append(
                    {
                        "respondent": organisation,
                        "partner": partner,
                        "frequency": frequency,
                        "relevance": math.nan if relevance is None else float(relevance),
                        "direction": direction,
                        "nature": tuple(NATURE_KEYS[n] for n in natures),
                        "respondent_person": person,
                        "source_row": row,
                    }
                )
        grid.append(Response(organisation, person, "2023-01-20 10:00:00", answers, progress))
        if progress == 100:
            expected.extend(wanted)
        row += 1
    return grid, expected


@st.composite
def exports(draw):
    style = draw(st.sampled_from(sorted(STYLES)))
    grid, expected = draw(grids(style))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return style, STYLES[style](grid, encoding=encoding), grid, expected
