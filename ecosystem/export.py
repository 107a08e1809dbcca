"""Files for reports: images, workbooks, CSV and network interchange, with names hidden on request.

Evaluation reports need the network pictures and tables in Word or PDF, often with the
organisations' names hidden. This is the one module that writes such files; everything else
in it is pure (inputs in, new values or bytes out, inputs never modified).

Anonymising
    :func:`anonymous_names` gives every organisation of a survey a label made of its type
    and a number ("VCSE 3", "Trust 2"), numbered in name order within each type, so one
    survey always gets the same labels and every export of it agrees.
    :func:`anonymous_lookup` adds the aliases (former names, abbreviations), so that text
    written with either spelling is hidden. :func:`anonymise_graph`,
    :func:`anonymise_table` and :func:`anonymise_text` apply the labels.
Images
    :func:`figure_bytes` and :func:`export_figure` render a figure of
    :mod:`ecosystem.figures`, the same function that draws the screen, as PNG (300 dpi at
    A4 width by default), SVG or PDF (vector, A4 width). One headless Chromium, started on
    first use and kept warm, renders every image of a process (Kaleido 1.x); a lock lets one
    image through at a time, so two dashboard users never receive each other's picture.
Tables
    :func:`write_workbook` (one XLSX: a sheet per table and a "Definitions" sheet from the
    glossary) and :func:`write_csv`. Text cells that a spreadsheet would run as a formula
    are neutralised (:func:`neutralise`).
Networks
    :func:`write_graphml` and :func:`write_gexf` keep every node, arc and attribute, for
    Gephi, yEd, igraph or networkx.

References
----------
OWASP Foundation. *CSV Injection*. https://owasp.org/www-community/attacks/CSV_Injection
(the characters that start a formula, and the leading apostrophe that defuses them).

Brandes, U., Eiglsperger, M., Lerner, J. and Pich, C. (2013). Graph markup language
(GraphML). In R. Tamassia (ed.), *Handbook of Graph Drawing and Visualization*, 517-541.

GEXF Working Group (2009). *GEXF 1.2draft primer*. https://gexf.net/
"""

from __future__ import annotations

import asyncio
import atexit
import csv
import html
import io
import math
import os
import re
import shutil
import struct
import threading
from collections.abc import Callable, Hashable, Iterable, Mapping
from concurrent.futures import TimeoutError as FutureTimeout
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ecosystem.errors import OptionError
from ecosystem.glossary import MEASURES

__all__ = [
    "BASE_HEIGHT",
    "BASE_WIDTH",
    "BROWSER_VARIABLE",
    "FIGURE_FORMATS",
    "SHORT_TYPES",
    "ExportEngineError",
    "anonymise_graph",
    "anonymise_table",
    "anonymise_text",
    "anonymous_lookup",
    "anonymous_names",
    "csv_bytes",
    "definitions_table",
    "export_figure",
    "figure_bytes",
    "find_browser",
    "neutralise",
    "stop_engine",
    "workbook_bytes",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_workbook",
]

# --------------------------------------------------------------------------------------
# Anonymising
# --------------------------------------------------------------------------------------

SHORT_TYPES: Final[dict[str, str]] = {
    "hub": "Hub",
    "HIN": "HIN",
    "ICB": "ICB",
    "trust": "Trust",
    "university": "University",
    "VCSE": "VCSE",
    "council": "Council",
    "industry": "Industry",
    "national": "National body",
    "PPIE": "PPIE group",
    "unknown": "Organisation",
}
"""Codebook organisation type -> the word an anonymous label starts with. Types the codebook
does not know share "Organisation" with "type not given"."""

_OTHER_TYPE: Final = "Organisation"


def _short_type(type_key: object) -> str:
    return SHORT_TYPES.get(str(type_key), _OTHER_TYPE) if isinstance(type_key, str) else _OTHER_TYPE


def _name_order(name: str) -> tuple[str, str]:
    return (name.casefold(), name)


def anonymous_names(organisations: pd.DataFrame) -> dict[str, str]:
    """Label every organisation by its type and a number: "VCSE 3", "Trust 2", "Hub 1".

    Reports often must not name partners; a label that keeps the type still lets a reader
    follow the story ("the ICB", "a VCSE"). Organisations are numbered from 1 within their
    type in name order (case-insensitive), so the same survey always gets the same labels
    and every figure, table and file of one run agrees.

    Parameters
    ----------
    organisations : pandas.DataFrame
        ``Survey.organisations``: indexed by name, with a ``type`` column of codebook keys.
        Not modified.

    Returns
    -------
    dict
        Organisation name -> label. Types outside the codebook, and "type not given", are
        labelled "Organisation n".

    See Also
    --------
    anonymous_lookup : the same labels, reachable from aliases too.

    Examples
    --------
    >>> table = pd.DataFrame({"type": ["VCSE", "trust", "VCSE", "charity?"]},
    ...                      index=pd.Index(["Zeta Trust", "Alpha", "Beta", "X"], name="name"))
    >>> anonymous_names(table)
    {'Alpha': 'Trust 1', 'Beta': 'VCSE 1', 'X': 'Organisation 1', 'Zeta Trust': 'VCSE 2'}
    """
    types = organisations["type"] if "type" in organisations else pd.Series(dtype=object)
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for name in sorted((str(n) for n in organisations.index), key=_name_order):
        if name in labels:
            continue
        short = _short_type(types.get(name))
        counts[short] = counts.get(short, 0) + 1
        labels[name] = f"{short} {counts[short]}"
    return labels


def anonymous_lookup(organisations: pd.DataFrame) -> dict[str, str]:
    """Every name and alias of every organisation -> its anonymous label.

    Free text, tables from other tools and answers keep the spelling their writer used
    ("Wessex AHSN" for "Health Innovation Wessex"), so hiding the canonical name alone would
    leak the alias. An alias that is also another organisation's name keeps that name's
    label.

    Parameters
    ----------
    organisations : pandas.DataFrame
        ``Survey.organisations`` (``type`` and ``aliases``, a tuple of names, per
        organisation). Not modified.

    Returns
    -------
    dict
        Name or alias -> label of :func:`anonymous_names`.

    Examples
    --------
    >>> table = pd.DataFrame({"type": ["HIN"], "aliases": [("Wessex AHSN",)]},
    ...                      index=pd.Index(["Health Innovation Wessex"], name="name"))
    >>> anonymous_lookup(table)
    {'Health Innovation Wessex': 'HIN 1', 'Wessex AHSN': 'HIN 1'}
    """
    labels = anonymous_names(organisations)
    lookup = dict(labels)
    if "aliases" in organisations:
        for name in sorted(labels, key=_name_order):
            aliases = organisations.loc[name, "aliases"] if name in organisations.index else ()
            if isinstance(aliases, str):
                aliases = tuple(a.strip() for a in aliases.split(";"))
            if not isinstance(aliases, tuple | list):
                continue
            for alias in aliases:
                alias = str(alias).strip()
                if alias and alias not in lookup:
                    lookup[alias] = labels[name]
    return lookup


class _Replacer:
    """Whole-phrase, case-insensitive replacement of names in one pass, longest first."""

    def __init__(self, names: tuple[tuple[str, str], ...]):
        self.exact = dict(names)
        self.folded: dict[str, str] = {}
        for name, label in names:
            self.folded.setdefault(name.casefold(), label)
        phrases = sorted({name for name, _ in names if name.strip()}, key=lambda n: (-len(n), n))
        self.pattern = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)",
                re.IGNORECASE,
            )
            if phrases
            else None
        )

    def _label(self, match: re.Match[str]) -> str:
        found = match.group(0)
        return self.exact.get(found) or self.folded.get(found.casefold(), found)

    def text(self, text: str) -> str:
        if self.pattern is None or not text:
            return text
        return self.pattern.sub(self._label, text)

    def value(self, value: Any) -> Any:
        """A cell or attribute: text replaced, tuples and lists element by element."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, tuple):
            return tuple(self.value(v) for v in value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        return value


@lru_cache(maxsize=16)
def _cached_replacer(names: tuple[tuple[str, str], ...]) -> _Replacer:
    return _Replacer(names)


def _replacer(names: Mapping[str, str]) -> _Replacer:
    return _cached_replacer(tuple(sorted((str(k), str(v)) for k, v in names.items())))


def anonymise_text(text: str, names: Mapping[str, str]) -> str:
    """Replace every name in a text by its label: whole phrases, any case, longest first.

    Reasons, evidence and findings mention organisations in running text. A name is
    replaced only where it stands as a whole phrase (not inside a longer word), so "MFT"
    is hidden but "MFTs" or "Dorset" inside "Dorsetshire" would not be touched; a longer
    name wins over a shorter one it contains ("NHS Dorset patient engagement group" before
    "NHS Dorset"). Matching ignores case, erring on the side of hiding. One pass, so a
    label is never itself rewritten.

    Parameters
    ----------
    text : str
        Any text. Not modified (strings are immutable; a new string is returned).
    names : mapping
        Name or alias -> label, e.g. :func:`anonymous_lookup`.

    Examples
    --------
    >>> names = {"NHS Dorset": "ICB 1", "Dorset ICB": "ICB 1", "Dorset Council": "Council 1"}
    >>> anonymise_text("Introduce NHS Dorset's team to dorset council (Dorset ICB).", names)
    "Introduce ICB 1's team to Council 1 (ICB 1)."
    """
    return _replacer(names).text(text)


class Anonymiser:
    """Shows organisations by name, or hides them behind their labels, in every exhibit.

    An empty lookup shows names unchanged, so callers need not branch on anonymising.

    >>> hide = Anonymiser({"NHS Dorset": "ICB 1"})
    >>> hide.text("Meet NHS Dorset"), Anonymiser({}).text("Meet NHS Dorset")
    ('Meet ICB 1', 'Meet NHS Dorset')
    """

    def __init__(self, lookup: Mapping[str, str]):
        self.lookup = {str(name): str(label) for name, label in lookup.items() if str(name)}

    @property
    def hidden(self) -> bool:
        return bool(self.lookup)

    def text(self, value: object) -> str:
        """A sentence with every name and alias replaced by its label (one pass)."""
        return anonymise_text(str(value), self.lookup) if self.lookup else str(value)

    def name(self, value: object) -> object:
        if not self.lookup or not isinstance(value, str):
            return value
        return self.lookup.get(value, self.text(value))

    def graph(self, G: nx.DiGraph) -> nx.DiGraph:
        return anonymise_graph(G, self.lookup) if self.lookup else G

    def table(self, frame: pd.DataFrame) -> pd.DataFrame:
        return anonymise_table(frame, self.lookup) if self.lookup else frame

    def positions(
        self, positions: Mapping[str, tuple[float, float]]
    ) -> dict[str, tuple[float, float]]:
        return {self.name(name): xy for name, xy in positions.items()}


def _relabelled(G: nx.DiGraph, names: Mapping[str, str]) -> dict[Hashable, str]:
    mapping: dict[Hashable, str] = {}
    folded = {str(k).casefold(): v for k, v in names.items()}
    missing = []
    for node in G:
        label = names.get(node) if isinstance(node, str) else None
        if label is None:
            label = folded.get(str(node).casefold())
        if label is None:
            missing.append(node)
        else:
            mapping[node] = label
    if missing:
        raise ValueError(
            f"{len(missing)} organisation(s) have no anonymous label, e.g. '{missing[0]}': "
            "make the labels from the same survey's organisations (anonymous_lookup)"
        )
    taken: dict[str, Hashable] = {}
    for node, label in mapping.items():
        if label in taken:
            raise ValueError(
                f"'{taken[label]}' and '{node}' would both be shown as '{label}': "
                "they are one organisation under two names; merge them in the survey"
            )
        taken[label] = node
    return mapping


def _label_order(label: str) -> tuple[str, int, str]:
    """Sort key of anonymous labels: by type word, then by number ("Trust 2" < "Trust 10")."""
    word, _, number = label.rpartition(" ")
    return (word, int(number), label) if number.isdigit() else (label, 0, label)


DROPPED_NODE_ATTRIBUTES: Final = frozenset({"region"})
"""Node attributes left out of an anonymised graph: a region can single an organisation out."""


def anonymise_graph(G: nx.DiGraph, names: Mapping[str, str]) -> nx.DiGraph:
    """A copy of a network with every organisation shown by its anonymous label.

    Node attributes are kept except ``region``, which can identify an organisation; hub
    names (the programme's places, not organisations) stay. Every text attribute of nodes,
    arcs and the graph is passed through :func:`anonymise_text` too, so a hub column that
    names a hub organisation is hidden as well. Organisations come out in label order
    ("Council 1", "Council 2", ..., "VCSE 2"), so a file's node order does not betray
    the names' alphabetical order.

    Parameters
    ----------
    G : networkx.DiGraph
        A network of :func:`ecosystem.network.build_network`. Not modified.
    names : mapping
        Name (or alias) -> label, e.g. :func:`anonymous_lookup` of the same survey.

    Returns
    -------
    networkx.DiGraph
        A new graph of the same class, with the same arcs and weights.

    Raises
    ------
    ValueError
        Where an organisation has no label (names from another survey): better no file
        than one that names it.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_node("NHS Dorset", type="ICB", hubs="Dorset", region="South West")
    >>> G.add_node("Dorset Innovation Hub", type="hub", hubs="Dorset", region="South West")
    >>> G.add_edge("NHS Dorset", "Dorset Innovation Hub", weight=3.0)
    >>> H = anonymise_graph(G, {"NHS Dorset": "ICB 1", "Dorset Innovation Hub": "Hub 1"})
    >>> sorted(H.edges(data="weight")), H.nodes["ICB 1"]
    ([('ICB 1', 'Hub 1', 3.0)], {'type': 'ICB', 'hubs': 'Dorset'})
    """
    mapping = _relabelled(G, names)
    replace = _replacer(names)
    H = G.__class__()
    H.graph.update({key: replace.value(value) for key, value in G.graph.items()})
    for node in sorted(G, key=lambda n: _label_order(mapping[n])):
        attributes = {
            key: replace.value(value)
            for key, value in G.nodes[node].items()
            if key not in DROPPED_NODE_ATTRIBUTES
        }
        H.add_node(mapping[node], **attributes)
    arcs = sorted(
        G.edges(data=True),
        key=lambda arc: (_label_order(mapping[arc[0]]), _label_order(mapping[arc[1]])),
    )
    for u, v, data in arcs:
        H.add_edge(
            mapping[u], mapping[v], **{key: replace.value(value) for key, value in data.items()}
        )
    return H


def _is_text_column(column: pd.Series) -> bool:
    return pd.api.types.is_object_dtype(column.dtype) or pd.api.types.is_string_dtype(column.dtype)


def _map_index(index: pd.Index, function: Callable[[Any], Any]) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return index.set_levels(
            [
                level.map(function) if _is_text_column(level.to_series()) else level
                for level in index.levels
            ]
        )
    if not _is_text_column(index.to_series()):
        return index.copy()
    return index.map(function)


def anonymise_table(frame: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """A copy of a table with organisation names hidden everywhere they appear.

    The index (organisation tables are indexed by name), column headings, cells that hold
    a name (``organisation``, ``other``, ``source``, ``target``), tuples of names, and names
    inside free text (``reason``, ``evidence``) all pass through :func:`anonymise_text`:
    whole phrases, any case, aliases included, longest first. Numbers are untouched.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any table. Not modified.
    names : mapping
        Name or alias -> label, e.g. :func:`anonymous_lookup`.

    Examples
    --------
    >>> names = {"NHS Dorset": "ICB 1", "Dorset ICB": "ICB 1", "BCP Council": "Council 1"}
    >>> gaps = pd.DataFrame({"organisation": ["BCP Council"], "other": ["NHS Dorset"],
    ...                      "reason": ["BCP Council and Dorset ICB meet."]})
    >>> anonymise_table(gaps, names).iloc[0].tolist()
    ['Council 1', 'ICB 1', 'Council 1 and ICB 1 meet.']
    """
    replace = _replacer(names)
    result = frame.copy()
    for position in range(result.shape[1]):
        column = result.iloc[:, position]
        if _is_text_column(column):
            result.isetitem(position, column.map(replace.value))
    result.index = _map_index(result.index, replace.value)
    result.columns = _map_index(result.columns, replace.value)
    return result


# --------------------------------------------------------------------------------------
# Images
# --------------------------------------------------------------------------------------

FIGURE_FORMATS: Final = ("png", "svg", "pdf")
"""Static image formats: PNG (raster), SVG and PDF (vector)."""

BASE_WIDTH: Final = 1000
"""CSS pixels across an exported figure that sets no width of its own: about the width the
dashboard gives a figure, so the file is laid out as the screen is."""

BASE_HEIGHT: Final = 450
"""CSS pixels down a figure that sets no height (plotly.js's own default, as on screen)."""

BROWSER_VARIABLE: Final = "ECOSYSTEM_BROWSER"
"""Environment variable naming the Chrome or Chromium executable that renders images."""

RENDER_TIMEOUT: Final = 120.0
"""Seconds to wait for one image (or for the browser to start) before giving up."""

_CSS_PIXELS_PER_INCH: Final = 96.0
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
    Kaleido's own search (``BROWSER_PATH``, then ``chromium``, ``google-chrome`` and their
    usual places).

    Raises
    ------
    ExportEngineError
        When the named executable does not exist, or none is found.
    """
    named = browser if browser is not None else os.environ.get(BROWSER_VARIABLE) or None
    if named is not None:
        path = shutil.which(os.fspath(named))
        if path is None:
            where = "" if browser is not None else f" ({BROWSER_VARIABLE})"
            raise ExportEngineError(f"no browser at '{os.fspath(named)}'{where}; {_NO_BROWSER}")
        return path
    from choreographer.browsers.chromium import Chromium

    found = Chromium.find_browser(skip_local=False)
    if not found:
        raise ExportEngineError(_NO_BROWSER)
    return str(found)


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


def _render_options(fig: go.Figure, format: str, width_mm: float, dpi: int) -> dict[str, Any]:
    """Width, height and scale so the file is ``width_mm`` across (and ``dpi`` for PNG)."""
    if not (width_mm > 0 and math.isfinite(width_mm)):
        raise OptionError(f"the image width must be a positive number of mm, not {width_mm}")
    if dpi <= 0:
        raise OptionError(f"the resolution must be a positive number of dpi, not {dpi}")
    width = float(fig.layout.width or BASE_WIDTH)
    height = float(fig.layout.height or BASE_HEIGHT)
    inches = width_mm / _MM_PER_INCH
    if format == "png":
        # Half a pixel more than needed: the browser rounds the canvas down.
        scale = (math.ceil(inches * dpi) + 0.5) / width
    else:
        # An SVG is the figure's CSS pixels times the scale wide (96 px to the inch); a PDF
        # page the same at 72 points to the inch: one scale gives both ``width_mm``.
        scale = inches * _CSS_PIXELS_PER_INCH / width
    return {"format": format, "width": width, "height": height, "scale": scale}


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


def _titled_pdf(data: bytes, title: str) -> bytes:
    """The PDF with its document information replaced: the figure's title, no browser data.

    The browser writes its own page title ("Kaleido-fier") and user agent; a report's PDF
    should carry the figure's title, which PDF readers show as the window title. Without
    pypdf the browser's own information stays: it never holds what the figure shows.
    """
    try:
        from pypdf import PdfReader, PdfWriter
    except ImportError:  # pragma: no cover - pypdf is a dependency; the PDF is valid without it
        return data

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.metadata = {"/Title": title or "Figure", "/Creator": _PRODUCER, "/Producer": _PRODUCER}
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def figure_bytes(
    fig: go.Figure,
    format: str = "png",
    width_mm: float = 210,
    dpi: int = 300,
    *,
    browser: str | os.PathLike[str] | None = None,
) -> bytes:
    """Render a figure as a PNG, SVG or PDF file's bytes, as it looks on screen.

    The figure keeps its own layout (its height, or :data:`BASE_HEIGHT`; its width, or
    :data:`BASE_WIDTH` CSS pixels, about what the dashboard gives it), so the file shows
    what the screen shows; only the scale changes. A PNG has at least ``width_mm`` /
    25.4 x ``dpi`` pixels across (2,481 at the default A4 width and 300 dpi, print quality);
    an SVG is ``width_mm`` wide at 96 px per inch and a PDF page is ``width_mm`` wide, both
    vector, so text stays sharp and searchable. The PDF's document title is the figure's
    title; the PNG carries no text chunks. Neither carries anything but what is drawn.

    Rendering uses one headless Chromium per process, started on the first call (about
    2 to 3 s) and reused (0.2 to 0.3 s per image); calls from several threads wait
    their turn, and each receives its own image.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        A figure, e.g. from :mod:`ecosystem.figures`. Not modified.
    format : {"png", "svg", "pdf"}
    width_mm : float
        The width the image is meant to fill in a document (210 = A4).
    dpi : int
        PNG resolution at that width; ignored by the vector formats.
    browser : str or path, optional
        The Chrome or Chromium executable; see :func:`find_browser`.

    Raises
    ------
    ExportEngineError
        When no browser is found or it cannot render.
    OptionError
        For a format other than PNG, SVG or PDF, or a width or dpi that is not positive.
    """
    chosen = _figure_format(format)
    options = _render_options(fig, chosen, width_mm, dpi)
    private = go.Figure(fig)  # the engine's thread reads its own copy
    data = _render(private, options, None if browser is None else os.fspath(browser))
    if chosen == "png":
        return _plain_png(data)
    if chosen == "pdf":
        return _titled_pdf(data, _plain_title(fig))
    return data


def export_figure(
    fig: go.Figure,
    path: Path | str,
    format: str | None = None,
    width_mm: float = 210,
    dpi: int = 300,
    *,
    browser: str | os.PathLike[str] | None = None,
) -> Path:
    """Write a figure to a PNG, SVG or PDF file (format from ``format`` or the suffix).

    See :func:`figure_bytes` for sizes and resolution. The file is written only once the
    image is rendered, so a failure leaves no half-written file.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    target = Path(path)
    data = figure_bytes(
        fig, _figure_format(format, target), width_mm=width_mm, dpi=dpi, browser=browser
    )
    target.write_bytes(data)
    return target


# --------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP)."""

SHEET_NAME_LIMIT: Final = 31
DEFINITIONS_SHEET: Final = "Definitions"
_SHEET_FORBIDDEN: Final = re.compile(r"[\[\]:*?/\\]")
_MIN_WIDTH: Final = 8
_MAX_WIDTH: Final = 60
_WIDTH_SAMPLE: Final = 500


def neutralise(value: Any) -> Any:
    """Defuse a text cell that a spreadsheet would run as a formula (CSV injection).

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
    apostrophe, as OWASP advises: Excel and LibreOffice then show it as text. Numbers,
    including negative ones, and every other value are returned unchanged.

    Examples
    --------
    >>> [neutralise(v) for v in ["=SUM(A1)", "+1", "-cmd", "@x", "NHS Dorset", -3.5]]
    ["'=SUM(A1)", "'+1", "'-cmd", "'@x", 'NHS Dorset', -3.5]
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    """A table value as a spreadsheet cell: plain Python, lists joined, blanks empty."""
    if isinstance(value, tuple | list | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return neutralise("; ".join(str(v) for v in items))
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None if math.isnan(value) else value
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, str):
        return neutralise(value)
    return neutralise(str(value))


def _with_index(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with a meaningful index (named, or not 0..n-1) as leading columns."""
    index = frame.index
    plain = (
        not isinstance(index, pd.MultiIndex)
        and index.name is None
        and isinstance(index, pd.RangeIndex)
        and index.start == 0
        and index.step == 1
    )
    return frame if plain else frame.reset_index()


def _rows(frame: pd.DataFrame) -> tuple[list[str], list[list[Any]]]:
    table = _with_index(frame)
    header = [
        neutralise(" / ".join(str(p) for p in c) if isinstance(c, tuple) else str(c))
        for c in table.columns
    ]
    rows = [[_cell(v) for v in row] for row in table.itertuples(index=False, name=None)]
    return header, rows


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as CSV bytes: UTF-8 with a byte-order mark, so Excel reads accents and dashes.

    The index is written first where it means something (a name, or not 0..n-1); lists are
    ``"; "``-joined; formula-like text is neutralised (:func:`neutralise`).

    Examples
    --------
    >>> csv_bytes(pd.DataFrame({"name": ["=1+1"], "value": [-3.5]})).decode("utf-8-sig")
    "name,value\\r\\n'=1+1,-3.5\\r\\n"
    """
    header, rows = _rows(frame)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def write_csv(frame: pd.DataFrame, path: Path | str) -> Path:
    """Write a table to a CSV file (see :func:`csv_bytes`); returns the path written."""
    target = Path(path)
    target.write_bytes(csv_bytes(frame))
    return target


def definitions_table() -> pd.DataFrame:
    """What every measure means, from the glossary, for a workbook's "Definitions" sheet.

    One row per measure of :data:`ecosystem.glossary.MEASURES` (organisation measures, then
    network measures), so a table read away from the dashboard still says what its columns
    mean and where each measure comes from.

    Examples
    --------
    >>> table = definitions_table()
    >>> list(table.columns)
    ['measure', 'label', 'explanation', 'higher_is', 'reference']
    >>> table.loc[table["measure"] == "constraint", "reference"].item()
    'Burt 1992'
    """
    return pd.DataFrame(
        [
            {
                "measure": m.key,
                "label": m.label,
                "explanation": m.explanation,
                "higher_is": m.higher_is,
                "reference": m.reference,
            }
            for m in MEASURES.values()
        ],
        columns=["measure", "label", "explanation", "higher_is", "reference"],
    )


def _sheet_names(titles: Iterable[str]) -> list[str]:
    """Excel-safe, unique sheet names: no []:*?/\\, at most 31 characters, never
    "Definitions" (kept for the glossary), duplicates numbered."""
    taken = {DEFINITIONS_SHEET.casefold()}
    names = []
    for title in titles:
        base = _SHEET_FORBIDDEN.sub("-", str(title)).strip().strip("'").strip() or "Table"
        base = base[:SHEET_NAME_LIMIT].strip()
        name, number = base, 1
        while name.casefold() in taken:
            number += 1
            suffix = f" ({number})"
            name = base[: SHEET_NAME_LIMIT - len(suffix)].rstrip() + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def _fill_sheet(sheet: Any, frame: pd.DataFrame) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    header, rows = _rows(frame)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for position, title in enumerate(header, start=1):
        lengths = [len(str(title))] + [
            len(str(row[position - 1]))
            for row in rows[:_WIDTH_SAMPLE]
            if row[position - 1] is not None
        ]
        widest = max(lengths)
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = min(max(widest + 2, _MIN_WIDTH), _MAX_WIDTH)
        if widest > _MAX_WIDTH:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=position, max_col=position):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def workbook_bytes(
    tables: Mapping[str, pd.DataFrame], definitions: pd.DataFrame | None = None
) -> bytes:
    """An XLSX workbook's bytes: one sheet per table, then a "Definitions" sheet.

    Sheet names are the mapping's keys made safe for Excel (at most 31 characters, no
    ``[]:*?/\\``, unique). Each sheet has a bold, frozen header row and columns sized to
    their contents (long text wraps); the index is the first column where it means
    something; every text cell is neutralised (:func:`neutralise`), so no cell runs as a
    formula.

    Parameters
    ----------
    tables : mapping
        Sheet title -> table. Not modified.
    definitions : pandas.DataFrame, optional
        The "Definitions" sheet; :func:`definitions_table` when not given.
    """
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    titles = list(tables)
    for title, name in zip(titles, _sheet_names(titles), strict=True):
        _fill_sheet(book.create_sheet(name), tables[title])
    _fill_sheet(
        book.create_sheet(DEFINITIONS_SHEET),
        definitions_table() if definitions is None else definitions,
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_workbook(
    tables: Mapping[str, pd.DataFrame],
    path: Path | str,
    definitions: pd.DataFrame | None = None,
) -> Path:
    """Write tables to one XLSX file (see :func:`workbook_bytes`); returns the path written."""
    target = Path(path)
    target.write_bytes(workbook_bytes(tables, definitions))
    return target


# --------------------------------------------------------------------------------------
# Network interchange
# --------------------------------------------------------------------------------------


def _attribute(value: Any) -> Any:
    """An attribute value GraphML and GEXF can hold, or ``None`` to leave it out."""
    if isinstance(value, tuple | list | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return "; ".join(str(v) for v in items)
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _clean(attributes: Mapping[Any, Any], renamed: Mapping[str, str] | None = None) -> dict:
    cleaned = {}
    for key, value in attributes.items():
        kept = _attribute(value)
        if kept is not None:
            cleaned[(renamed or {}).get(str(key), str(key))] = kept
    return cleaned


def _interchange_graph(
    G: nx.DiGraph,
    node_renamed: Mapping[str, str] | None = None,
    edge_renamed: Mapping[str, str] | None = None,
) -> nx.DiGraph:
    H = G.__class__()
    H.graph.update(_clean(G.graph))
    for node, data in G.nodes(data=True):
        H.add_node(str(node), **_clean(data, node_renamed))
    for u, v, data in G.edges(data=True):
        H.add_edge(str(u), str(v), **_clean(data, edge_renamed))
    return H


def write_graphml(G: nx.DiGraph, path: Path | str) -> Path:
    """Write a network to GraphML with every node, arc and graph attribute.

    GraphML holds text, numbers and true/false; lists (natures) become ``"; "``-joined
    text, and missing values (no hub, no relevance answer) are left out. Integer and
    decimal values of one attribute are written as decimals, as GraphML needs one type per
    attribute. ``networkx.read_graphml`` gives back the same organisations, arcs and
    weights.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    target = Path(path)
    nx.write_graphml(_interchange_graph(G), target, infer_numeric_types=True)
    return target


_GEXF_RESERVED: Final = ("id", "label", "type", "start", "end", "pid", "viz", "spells")
GEXF_RENAMED_EDGE: Final = {word: f"tie_{word}" for word in _GEXF_RESERVED}
"""Arc attributes whose names GEXF keeps for itself (``type`` means directed or not),
written under another name."""
GEXF_RENAMED_NODE: Final = {
    word: f"organisation_{word}" for word in _GEXF_RESERVED if word != "type"
}
"""Organisation attributes whose names GEXF keeps for itself, written under another name."""


def write_gexf(G: nx.DiGraph, path: Path | str) -> Path:
    """Write a network to GEXF 1.2 (Gephi's format) with every node and arc attribute.

    As :func:`write_graphml`; attributes named with words GEXF keeps for itself (an arc's
    ``type`` means directed or undirected there) are written as ``tie_type``,
    ``organisation_label`` and so on. GEXF has no place for other graph attributes, so the
    hub and wave become the graph's name ("Dorset, Summative 2024"). ``networkx.read_gexf``
    gives back the same organisations, arcs and weights.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    target = Path(path)
    H = _interchange_graph(G, GEXF_RENAMED_NODE, GEXF_RENAMED_EDGE)
    scope = [str(G.graph[key]) for key in ("hub", "wave") if _attribute(G.graph.get(key))]
    H.graph.clear()
    if scope:
        H.graph["name"] = ", ".join(scope)
    nx.write_gexf(H, target)
    return target
