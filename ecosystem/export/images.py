"""Static images of figures: PNG, SVG and PDF, as they look on screen, from one warm browser.

:func:`figure_bytes` and :func:`export_figure` render a figure of :mod:`ecosystem.figures`,
the same function that draws the screen, as one A4 page (portrait or landscape, by the
figure's shape; :func:`page_layout`): PNG (300 dpi by default), SVG or PDF (vector). One
headless Chromium, started on first use and kept warm, renders every image of a process
(Kaleido 1.x); a lock lets one image through at a time, so two
dashboard users never receive each other's picture. The files carry nothing but what is
drawn: no text chunks in a PNG, the figure's title (not the browser's) in a PDF.
"""

from __future__ import annotations

import asyncio
import atexit
import html
import io
import math
import os
import re
import shutil
import struct
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import plotly.graph_objects as go

from ecosystem.errors import OptionError
from ecosystem.settings import SETTINGS

__all__ = [
    "BASE_HEIGHT",
    "BASE_WIDTH",
    "BROWSER_NAMES",
    "BROWSER_PLACES",
    "BROWSER_VARIABLE",
    "FIGURE_FORMATS",
    "KALEIDO_VARIABLE",
    "PAGES",
    "RENDER_TIMEOUT",
    "ExportEngineError",
    "PageLayout",
    "export_figure",
    "figure_bytes",
    "find_browser",
    "page_layout",
    "stop_engine",
]

FIGURE_FORMATS: Final = ("png", "svg", "pdf")
"""Static image formats: PNG (raster), SVG and PDF (vector)."""

BASE_WIDTH: Final = 1000
"""CSS pixels across an exported figure that sets no width of its own: about the width the
dashboard gives a figure, so the file is laid out as the screen is."""

BASE_HEIGHT: Final = 450
"""CSS pixels down a figure that sets no height (plotly.js's own default, as on screen)."""

BROWSER_VARIABLE: Final = "ECOSYSTEM_BROWSER"
"""Environment variable naming the Chrome or Chromium executable that renders images."""

RENDER_TIMEOUT: Final = SETTINGS.render_timeout
"""Seconds to wait for one image (or for the browser to start) before giving up."""

KALEIDO_VARIABLE: Final = "BROWSER_PATH"
"""Kaleido's own environment variable for the browser, honoured after :data:`BROWSER_VARIABLE`."""

BROWSER_NAMES: Final = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
                        "chrome")  # fmt: skip
"""Executables looked for on the ``PATH`` when no browser is named."""

BROWSER_PLACES: Final = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "C:/Program Files/Google/Chrome/Application/chrome.exe",
    "C:/Program Files (x86)/Google/Chrome/Application/chrome.exe",
)
"""Where Chrome and Chromium are usually installed outside the ``PATH`` (macOS, Windows)."""

PAGES: Final = ("a4", "a4-portrait", "a4-landscape")
"""Pages a figure is laid out on: A4 in the orientation that suits the figure's shape, or
A4 upright or on its side."""

A4_MM: Final = (210.0, 297.0)
"""An A4 sheet's short and long side in millimetres (ISO 216)."""

_CSS_PIXELS_PER_INCH: Final = 96.0
_POINTS_PER_INCH: Final = 72.0
_MM_PER_INCH: Final = 25.4
_PRODUCER: Final = "ecosystem"


class ExportEngineError(OptionError):
    """No browser can render static images, or it failed while rendering one.

    A subclass of :class:`ecosystem.errors.OptionError`, so the command line reports it as
    a plain message rather than a traceback.
    """


_NO_BROWSER: Final = (
    "static images (PNG, SVG, PDF) need Chromium: on Debian/Ubuntu install the 'chromium' "
    "package (apt-get install chromium), or name a Chrome or Chromium executable in the "
    f"{BROWSER_VARIABLE} environment variable. Tables, CSV, GraphML and GEXF need no browser."
)


def find_browser(browser: str | os.PathLike[str] | None = None) -> str:
    """The Chrome or Chromium executable that renders images, or a clear error.

    Looked for, in order: ``browser``; the :data:`BROWSER_VARIABLE` environment variable;
    Kaleido's own variable, ``BROWSER_PATH``; the :data:`BROWSER_NAMES` on the ``PATH``;
    the :data:`BROWSER_PLACES` where Chrome and Chromium are usually installed.

    Raises
    ------
    ExportEngineError
        When the named executable does not exist, or none is found.
    """
    for named, where in (
        (browser, ""),
        (os.environ.get(BROWSER_VARIABLE), f" ({BROWSER_VARIABLE})"),
        (os.environ.get(KALEIDO_VARIABLE), f" ({KALEIDO_VARIABLE})"),
    ):
        if named is None or not os.fspath(named):
            continue
        path = shutil.which(os.fspath(named))
        if path is None:
            raise ExportEngineError(f"no browser at '{os.fspath(named)}'{where}; {_NO_BROWSER}")
        return path
    for candidate in (*BROWSER_NAMES, *BROWSER_PLACES):
        path = shutil.which(candidate)
        if path is not None:
            return path
    raise ExportEngineError(_NO_BROWSER)


async def _cancel_pending() -> None:
    """Cancel the tasks a closed (or failed) browser leaves on the engine's loop."""
    current = asyncio.current_task()
    pending = [task for task in asyncio.all_tasks() if task is not current]
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)


class _Engine:
    """One warm headless browser with Kaleido, on its own event-loop thread.

    Kaleido 1.x is asynchronous; its own ``start_sync_server`` hangs for ever when the
    browser fails to start (its worker dies while the caller waits on a queue), so the
    loop is run here with futures that carry errors back and time out.
    """

    def __init__(self, browser: str):
        import kaleido

        self.browser = browser
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="ecosystem-image-export", daemon=True
        )
        self._thread.start()
        self._kaleido: Any = None

        async def start() -> Any:
            # MathJax off: it would come from a CDN, and no figure here typesets maths.
            engine = kaleido.Kaleido(path=browser, mathjax=False)
            await engine.open()
            return engine

        try:
            self._kaleido = self._run(start())
        except BaseException:
            self.close()
            raise

    def _run(self, coroutine: Any) -> Any:
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout=RENDER_TIMEOUT)
        except FutureTimeout:
            future.cancel()
            raise

    def render(self, fig: go.Figure, options: dict[str, Any]) -> bytes:
        return bytes(self._run(self._kaleido.calc_fig(fig, opts=options)))

    def close(self) -> None:
        try:
            if self._kaleido is not None:
                self._run(self._kaleido.close())
            self._run(_cancel_pending())
        except Exception:
            pass  # the browser may already be gone: stop the loop all the same
        finally:
            self._kaleido = None
            if self._loop.is_running():
                self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
            if not self._loop.is_running():
                self._loop.close()


_ENGINE_LOCK: Final = threading.Lock()
"""Lets one image through the engine at a time: the browser tab is shared."""
_engine: _Engine | None = None


def stop_engine(timeout: float = -1) -> None:
    """Close the warm browser, if one is running (it is also closed at exit).

    ``timeout`` (seconds) bounds the wait for an image being rendered; -1 waits for it.
    """
    global _engine
    if not _ENGINE_LOCK.acquire(timeout=timeout):
        return
    try:
        if _engine is not None:
            _engine.close()
            _engine = None
    finally:
        _ENGINE_LOCK.release()


atexit.register(stop_engine, timeout=10)


def _render(fig: go.Figure, options: dict[str, Any], browser: str | None) -> bytes:
    """Render under the lock with the warm engine, starting (or restarting) it as needed."""
    global _engine
    path = find_browser(browser)
    with _ENGINE_LOCK:
        if _engine is not None and _engine.browser != path:
            _engine.close()
            _engine = None
        if _engine is None:
            try:
                _engine = _Engine(path)
            except Exception as error:
                raise ExportEngineError(
                    f"the browser at '{path}' did not start ({type(error).__name__}: {error}); "
                    + _NO_BROWSER
                ) from error
        try:
            return _engine.render(fig, options)
        except Exception as error:
            # A browser that crashed or hung is replaced on the next call.
            _engine.close()
            _engine = None
            raise ExportEngineError(
                f"the image could not be rendered ({type(error).__name__}: {error})"
            ) from error


def _figure_format(format: str | None, path: Path | None = None) -> str:
    chosen = (format or (path.suffix.lstrip(".") if path is not None else "") or "png").lower()
    if chosen not in FIGURE_FORMATS:
        raise OptionError(f"figures are written as {', '.join(FIGURE_FORMATS)}, not '{chosen}'")
    return chosen


def _plain_title(fig: go.Figure) -> str:
    text = fig.layout.title.text if fig.layout.title is not None else None
    plain = html.unescape(re.sub(r"<[^>]+>", " ", str(text or "")))
    return re.sub(r"\s+", " ", plain).strip()


@dataclass(frozen=True)
class PageLayout:
    """How a figure is laid out on a page: the sheet (mm) and the figure's CSS pixels on it.

    The figure's CSS pixels have the sheet's proportions, so the whole sheet is the figure:
    a file of exactly one page, with nothing cut and nothing stretched but the plot area.
    """

    orientation: str
    """"portrait" or "landscape"."""
    width_mm: float
    height_mm: float
    width: float
    """CSS pixels across the figure as laid out for the page."""
    height: float
    """CSS pixels down the figure as laid out for the page."""


def page_layout(width: float, height: float, page: str = "a4") -> PageLayout:
    """Lay a figure of ``width`` x ``height`` CSS pixels out on an A4 page.

    With ``page="a4"`` the orientation follows the figure's shape: portrait when it is
    taller than wide, else landscape. The figure then grows in one direction only, to the
    page's proportions: taller where it is wider than the page (the plot area takes the
    room; titles, legends and captions keep their pixel sizes), wider where it is taller,
    so nothing the figure draws is cut and it is never squeezed.

    >>> network = page_layout(1000, 680)
    >>> network.orientation, network.width_mm, network.height_mm, round(network.height)
    ('landscape', 297.0, 210.0, 707)
    >>> page_layout(1000, 1200).orientation, round(page_layout(1000, 1500).width)
    ('portrait', 1061)
    """
    if page not in PAGES:
        raise OptionError(f"figures are laid out on {', '.join(PAGES)}, not '{page}'")
    portrait = height > width if page == "a4" else page == "a4-portrait"
    short, long = A4_MM
    width_mm, height_mm = (short, long) if portrait else (long, short)
    ratio = height_mm / width_mm
    if height <= width * ratio:
        height = width * ratio
    else:
        width = height / ratio
    orientation = "portrait" if portrait else "landscape"
    return PageLayout(orientation, width_mm, height_mm, float(width), float(height))


def _render_options(
    fig: go.Figure, format: str, width_mm: float | None, dpi: int, page: str | None
) -> tuple[dict[str, Any], float, float]:
    """Kaleido's width, height and scale, and the sheet's width and height in mm.

    On a ``page`` (when no ``width_mm`` is given) the figure is laid out to the page's
    proportions (:func:`page_layout`); otherwise it keeps its own shape, ``width_mm`` wide.
    """
    width = float(fig.layout.width or BASE_WIDTH)
    height = float(fig.layout.height or BASE_HEIGHT)
    sheet: PageLayout | None = None
    if width_mm is None and page is not None:
        sheet = page_layout(width, height, page)
        width, height, width_mm = sheet.width, sheet.height, sheet.width_mm
    width_mm = A4_MM[0] if width_mm is None else width_mm
    if not (width_mm > 0 and math.isfinite(width_mm)):
        raise OptionError(f"the image width must be a positive number of mm, not {width_mm}")
    if dpi <= 0:
        raise OptionError(f"the resolution must be a positive number of dpi, not {dpi}")
    inches = width_mm / _MM_PER_INCH
    if format == "png":
        # Half a pixel more than needed: the browser rounds the canvas down.
        scale = (math.ceil(inches * dpi) + 0.5) / width
        if sheet is not None:  # the page's height in whole pixels too (a fraction of a px)
            height = (math.ceil(sheet.height_mm / _MM_PER_INCH * dpi) + 0.5) / scale
    else:
        # An SVG is the figure's CSS pixels times the scale wide (96 px to the inch); a PDF
        # page the same at 72 points to the inch: one scale gives both ``width_mm``.
        scale = inches * _CSS_PIXELS_PER_INCH / width
    options = {"format": format, "width": width, "height": height, "scale": scale}
    height_mm = sheet.height_mm if sheet is not None else width_mm * height / width
    return options, width_mm, height_mm


_PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
_PNG_TEXT_CHUNKS: Final = frozenset({b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"})


def _plain_png(data: bytes) -> bytes:
    """The PNG without text, EXIF or time chunks: pixels and colour information only."""
    if not data.startswith(_PNG_SIGNATURE):
        return data
    out = [_PNG_SIGNATURE]
    offset = len(_PNG_SIGNATURE)
    while offset + 8 <= len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        end = offset + 12 + length
        if kind not in _PNG_TEXT_CHUNKS:
            out.append(data[offset:end])
        offset = end
        if kind == b"IEND":
            break
    return b"".join(out)


def _page_pdf(data: bytes, title: str, size_mm: tuple[float, float]) -> bytes:
    """The PDF on one page of exactly ``size_mm``, with the figure's title and no browser data.

    The browser rounds its page to whole CSS pixels (a fraction of a point short of A4) and
    writes its own page title ("Kaleido-fier") and user agent; a report's PDF should be the
    sheet it claims to be and carry the figure's title, which PDF readers show as the window
    title. Every box of the page is set to the exact size (from its lower left corner: the
    browser's shortfall is under a point, blank margin).
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import RectangleObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    width, height = (mm / _MM_PER_INCH * _POINTS_PER_INCH for mm in size_mm)
    for page in writer.pages:
        left, bottom = float(page.mediabox.left), float(page.mediabox.bottom)
        box = RectangleObject([left, bottom, left + width, bottom + height])
        page.mediabox = box
        page.cropbox = box
        page.trimbox = box
        page.bleedbox = box
        page.artbox = box
    writer.metadata = {"/Title": title or "Figure", "/Creator": _PRODUCER, "/Producer": _PRODUCER}
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def figure_bytes(
    fig: go.Figure,
    format: str = "png",
    width_mm: float | None = None,
    dpi: int = 300,
    *,
    page: str | None = "a4",
    browser: str | os.PathLike[str] | None = None,
) -> bytes:
    """Render a figure as a PNG, SVG or PDF file's bytes: an A4 page, as it looks on screen.

    By default the figure is laid out on an A4 page (:func:`page_layout`): portrait when it
    is taller than wide, else landscape, its CSS pixels (its own width and height, or
    :data:`BASE_WIDTH` x :data:`BASE_HEIGHT`) grown in one direction to the page's
    proportions, so the file is one whole sheet with nothing cut. A PDF is exactly one A4
    page (595 x 842 points, or 842 x 595); an SVG is the sheet's size at 96 px per inch
    (794 x 1123 px, or 1123 x 794), both vector, so text stays sharp and searchable; a PNG
    is the sheet at ``dpi`` (2,481 x 3,508 pixels at 300 dpi, or 3,508 x 2,481). Given a
    ``width_mm`` instead, the figure keeps its own shape at that width (a figure for a
    column of a document). The PDF's document title is the figure's title; the PNG carries
    no text chunks. Neither carries anything but what is drawn.

    Rendering uses one headless Chromium per process, started on the first call (about
    2 to 3 s) and reused (0.2 to 0.3 s per image); calls from several threads wait
    their turn, and each receives its own image.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        A figure, e.g. from :mod:`ecosystem.figures`. Not modified.
    format : {"png", "svg", "pdf"}
    width_mm : float, optional
        Instead of a page: the width the image is meant to fill, keeping the figure's shape.
    dpi : int
        PNG resolution; ignored by the vector formats.
    page : {"a4", "a4-portrait", "a4-landscape"} or None
        The page (:data:`PAGES`); "a4" chooses the orientation by the figure's shape. None
        keeps the figure's shape, A4 wide.
    browser : str or path, optional
        The Chrome or Chromium executable; see :func:`find_browser`.

    Raises
    ------
    ExportEngineError
        When no browser is found or it cannot render.
    OptionError
        For a format other than PNG, SVG or PDF, an unknown page, or a width or dpi that is
        not positive.
    """
    chosen = _figure_format(format)
    options, *size_mm = _render_options(fig, chosen, width_mm, dpi, page)
    private = go.Figure(fig)  # the engine's thread reads its own copy
    data = _render(private, options, None if browser is None else os.fspath(browser))
    if chosen == "png":
        return _plain_png(data)
    if chosen == "pdf":
        return _page_pdf(data, _plain_title(fig), (size_mm[0], size_mm[1]))
    return data


def export_figure(
    fig: go.Figure,
    path: Path | str,
    format: str | None = None,
    width_mm: float | None = None,
    dpi: int = 300,
    *,
    page: str | None = "a4",
    browser: str | os.PathLike[str] | None = None,
) -> Path:
    """Write a figure to a PNG, SVG or PDF file (format from ``format`` or the suffix).

    See :func:`figure_bytes` for pages, sizes and resolution. The file is written only once
    the image is rendered, so a failure leaves no half-written file.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    target = Path(path)
    chosen = _figure_format(format, target)
    data = figure_bytes(fig, chosen, width_mm=width_mm, dpi=dpi, page=page, browser=browser)
    target.write_bytes(data)
    return target
