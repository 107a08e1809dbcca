"""Exports for a report: every figure view is whole A4 pages, and its text is legible.

Page sizes are ISO 216's A4 (210 x 297 mm = 595.3 x 841.9 pt; 2,481 x 3,508 px at 300 dpi),
read back from the files with pypdf (the page's MediaBox) and from the PNG header. Text
boxes are measured in Chromium, on the exported SVG opened as a page: no box of a title,
subtitle or organisation label may overlap another text.
"""

from __future__ import annotations

import io
import math
import struct

import pytest
from pypdf import PdfReader

from ecosystem import export
from ecosystem.errors import OptionError
from ecosystem.exhibits import FIGURE_VIEWS, exhibit_bytes
from ecosystem.exhibits import view_figure as exhibits_view_figure
from ecosystem.network import NetworkOptions
from ecosystem.service import Selection

A4_POINTS = (210 / 25.4 * 72, 297 / 25.4 * 72)  # 595.3 x 841.9
A4_PIXELS = (math.ceil(210 / 25.4 * 300), math.ceil(297 / 25.4 * 300))  # 2,481 x 3,508


def _selection(hub: str | None = "Dorset") -> Selection:
    return Selection(
        wave="Summative 2024",
        options=NetworkOptions(hub=hub),
        wave_from="Formative 2023",
        source="organisations.csv, responses.csv (illustrative data)",
    )


# --------------------------------------------------------------------------------------
# The page: pure arithmetic
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height", "orientation", "laid_out"),
    [
        (1000, 680, "landscape", (1000, 1000 * 210 / 297)),  # the network: taller plot
        (1000, 450, "landscape", (1000, 1000 * 210 / 297)),  # a bar chart: taller plot
        (1000, 1200, "portrait", (1000, 1000 * 297 / 210)),  # the overview: taller plot
        (1000, 2000, "portrait", (2000 * 210 / 297, 2000)),  # taller than A4: wider
        (1000, 800, "landscape", (800 * 297 / 210, 800)),  # squarer than A4: wider
    ],
)
def test_a_figure_is_laid_out_to_the_page_its_shape_suits_never_shrunk(
    width, height, orientation, laid_out
):
    layout = export.page_layout(width, height)
    assert layout.orientation == orientation
    sheet = (210.0, 297.0) if orientation == "portrait" else (297.0, 210.0)
    assert (layout.width_mm, layout.height_mm) == sheet
    assert (layout.width, layout.height) == pytest.approx(laid_out)
    assert layout.width >= width and layout.height >= height  # nothing cut
    assert layout.height / layout.width == pytest.approx(sheet[1] / sheet[0])


def test_the_page_can_be_chosen_and_an_unknown_one_is_refused():
    assert export.page_layout(1000, 680, "a4-portrait").orientation == "portrait"
    assert export.page_layout(1000, 1200, "a4-landscape").orientation == "landscape"
    with pytest.raises(OptionError, match="a4, a4-portrait, a4-landscape"):
        export.page_layout(1000, 680, "letter")


# --------------------------------------------------------------------------------------
# Every figure view, as the CLI and the dashboard write it
# --------------------------------------------------------------------------------------


def _is_a4(size: tuple[float, float], a4: tuple[float, float], tolerance: float) -> bool:
    return any(
        all(abs(got - want) <= tolerance for got, want in zip(size, sheet, strict=True))
        for sheet in (a4, a4[::-1])
    )


@pytest.mark.parametrize("view", list(FIGURE_VIEWS))
def test_every_figure_view_is_one_a4_pdf_page_and_an_a4_png(chromium, demo, view):
    pdf = PdfReader(io.BytesIO(exhibit_bytes(demo, view, _selection(), "pdf")))
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (float(box.left), float(box.bottom)) == (0.0, 0.0)
    assert _is_a4((float(box.width), float(box.height)), A4_POINTS, tolerance=1.0)
    png = exhibit_bytes(demo, view, _selection(), "png")
    assert _is_a4(struct.unpack(">II", png[16:24]), A4_PIXELS, tolerance=0)


def test_the_tall_overview_is_a_portrait_page_and_a_network_a_landscape_one(chromium, demo):
    overview = PdfReader(io.BytesIO(exhibit_bytes(demo, "overview", _selection(None), "pdf")))
    network = PdfReader(io.BytesIO(exhibit_bytes(demo, "network", _selection(), "pdf")))
    portrait, landscape = overview.pages[0].mediabox, network.pages[0].mediabox
    assert float(portrait.height) > float(portrait.width)
    assert float(landscape.width) > float(landscape.height)


# --------------------------------------------------------------------------------------
# Names beside points: no two overlap, at the reference plot size or any larger one
# --------------------------------------------------------------------------------------


def _box(point, label, scale=1.0):
    cx, cy = point[0] * scale + label.centre[0], point[1] * scale + label.centre[1]
    w, h = label.size
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("seed", range(5))
def test_placed_labels_clear_each_other_and_every_point_at_any_larger_size(seed):
    import random

    from ecosystem.figures.labels import place_beside_points

    rng = random.Random(seed)
    plot = (520.0, 400.0)
    points = [(rng.uniform(0, plot[0]), rng.uniform(0, plot[1])) for _ in range(40)]
    names = [f"Organisation {k} " + "x" * rng.randrange(0, 30) for k in range(40)]
    placed = place_beside_points(points, names, range(40), plot, font_size=11, marker=12)
    assert len(placed) >= 10  # most find room: a test of placement, not of leaving out
    for scale in (1.0, 1.3, 2.0, 7.5):
        boxes = [_box(points[p.index], p, scale) for p in placed]
        for k, box in enumerate(boxes):
            assert box[0] >= 0 and box[1] >= 0
            assert box[2] <= plot[0] * scale and box[3] <= plot[1] * scale
            assert not any(_overlap(box, other) for other in boxes[k + 1 :])
            for index, (x, y) in enumerate(points):
                marker = (x * scale - 6, y * scale - 6, x * scale + 6, y * scale + 6)
                assert index == placed[k].index or not _overlap(box, marker)
    assert all("…" not in p.text for p in placed)


# --------------------------------------------------------------------------------------
# Measured in Chromium, on the exported SVG
# --------------------------------------------------------------------------------------

_TEXT_BOXES = """() => [...document.querySelectorAll('text')]
    .filter(t => t.textContent.trim())
    .map(t => {
        const b = t.getBoundingClientRect();
        const note = t.closest('g.annotation');
        return {text: t.textContent, cls: t.getAttribute('class') || '',
                annotation: note ? note.getAttribute('data-index') : null,
                box: [b.left, b.top, b.right, b.bottom]};
    })"""


_LABEL = "organisation label"


def _svg_text_boxes(page, svg: bytes) -> list[dict]:
    page.set_content(svg.decode("utf-8"))
    page.wait_for_function("document.querySelectorAll('svg text').length > 0")
    return page.evaluate(_TEXT_BOXES)


def _box_overlap(a, b, slack: float = 0.5) -> bool:
    """Boxes overlap by more than ``slack`` pixels each way (touching is not overlapping)."""
    return (
        a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]
    )


@pytest.mark.browser
def test_no_title_or_subtitle_overprints_anything_in_any_figure_view(chromium, demo, page):
    for view in FIGURE_VIEWS:
        hub = None if view == "overview" else "Dorset"
        texts = _svg_text_boxes(page, exhibit_bytes(demo, view, _selection(hub), "svg"))
        titles = [t for t in texts if t["cls"] in ("gtitle", "gtitle-subtitle")]
        assert len(titles) == 2, view
        for title in titles:
            others = [t for t in texts if t is not title]
            hit = [t["text"] for t in others if _box_overlap(title["box"], t["box"])]
            assert hit == [], f"{view}: {title['text'][:30]!r} overprints {hit}"


@pytest.mark.browser
@pytest.mark.parametrize("hub", ["Bradford District and Craven", "Dorset", "Manchester", None])
def test_structural_holes_export_names_its_leading_brokers_without_overlap(
    chromium, demo, page, hub
):
    selection = _selection(hub)
    figure = exhibits_view_figure(demo, "structural-holes", selection)
    labels = {a.text.replace("<br>", "") for a in figure.layout.annotations if a.name == _LABEL}
    texts = _svg_text_boxes(page, exhibit_bytes(demo, "structural-holes", selection, "svg"))
    named = [t for t in texts if t["annotation"] is not None and t["text"] in labels]
    assert {t["text"] for t in named} == labels and len(labels) >= 3
    assert not any("…" in t["text"] for t in named)
    for label in named:
        clash = [
            t["text"] for t in texts if t is not label and _box_overlap(label["box"], t["box"])
        ]
        assert clash == [], f"{label['text']!r} overlaps {clash}"
    # The leading broker (largest effective size) is always named.
    table = figure.data
    xs = {name: x for trace in table if trace.meta.get("role") == "organisations"
          for name, x in zip(trace.customdata, trace.x, strict=True)}  # fmt: skip
    lines_joined = {label.replace(" ", "") for label in labels}  # SVG lines join unspaced
    assert max(xs, key=xs.get).replace(" ", "") in lines_joined
