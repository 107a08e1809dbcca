"""Where the dashboard keeps uploaded files between the check and the import: held once.

A browser sends dropped files once; the server keeps their bytes here under a random token
and the browser keeps only the token, the names and the sizes. The check and the import read
the bytes from here, so a file never travels back and forth through the browser.

The rule for what is held:

- a drop may hold at most ``limit_bytes`` (the upload limit, 25 MB unless configured);
- held files are let go when they are imported, when another drop in the same browser
  replaces them, :data:`HOLD_MINUTES` minutes after they were last used, and, oldest first,
  whenever more than :data:`BUDGET_DROPS` drops' worth of the limit is held in all;
- checks and imports run one at a time (:meth:`HeldUploads.one_at_a_time`), so several big
  files dropped at once cannot together exhaust the memory; at most :data:`WAITING` more wait
  for their turn, and others are told to try again.

The clock is injected so tests can age held files without waiting.
"""

from __future__ import annotations

import math
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ecosystem.errors import OptionError
from ecosystem.settings import SETTINGS

if TYPE_CHECKING:
    import flask

MEGABYTE = 1024 * 1024
DEFAULT_LIMIT_MB = SETTINGS.upload_limit_mb
"""The largest total size of the files of one drop, unless ``--upload-limit-mb`` says otherwise."""
HOLD_MINUTES = SETTINGS.upload_hold_minutes
"""How long dropped files are held after they were last checked, if nobody imports them."""
BUDGET_DROPS = SETTINGS.upload_drops
"""How many full-size drops may be held at once, over every browser; oldest go first."""
WAITING = SETTINGS.upload_waiting
"""How many checks or imports may wait while one runs; more are asked to try again."""
REQUEST_SLACK = MEGABYTE
"""Room in a request for what surrounds the files: their names, the JSON of the callback."""


class UploadGone(LookupError):
    """The files a browser names by its token are no longer held (imported, replaced, expired)."""


class Busy(RuntimeError):
    """Too many checks or imports are already waiting for their turn."""


def limit_text(limit_bytes: int) -> str:
    """The upload limit as people read it.

    >>> limit_text(25 * MEGABYTE)
    '25 MB'
    >>> limit_text(MEGABYTE // 4)
    '0.25 MB'
    """
    return f"{round(limit_bytes / MEGABYTE, 2):g} MB"


def request_limit(limit_bytes: int) -> int:
    """The largest request the server reads: a drop of ``limit_bytes`` as the browser sends it.

    The browser sends files base64-encoded (4 bytes for every 3) inside a JSON body, so the
    request may be a third larger than the files, plus :data:`REQUEST_SLACK`.

    >>> request_limit(3 * MEGABYTE) == 4 * MEGABYTE + REQUEST_SLACK
    True
    """
    return 4 * math.ceil(limit_bytes / 3) + REQUEST_SLACK


@dataclass(frozen=True)
class _Held:
    files: tuple[tuple[str, bytes], ...]
    size: int


class HeldUploads:
    """Uploaded files held on the server under random tokens, within a time and byte budget."""

    def __init__(
        self, limit_mb: float = DEFAULT_LIMIT_MB, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if not limit_mb > 0:
            raise OptionError(f"the upload limit must be more than 0 MB, not {limit_mb:g}")
        self.limit_bytes = int(limit_mb * MEGABYTE)
        self.budget_bytes = BUDGET_DROPS * self.limit_bytes
        self._clock = clock
        self._held: OrderedDict[str, tuple[_Held, float]] = OrderedDict()
        self._lock = threading.Lock()
        self._turn = threading.Lock()
        self._room = threading.BoundedSemaphore(WAITING + 1)

    @property
    def held_bytes(self) -> int:
        """How many bytes are held now, over every token."""
        with self._lock:
            return sum(held.size for held, _ in self._held.values())

    def hold(self, files: list[tuple[str, bytes]]) -> str:
        """Keep one drop's files and return the token that names them.

        Raises :class:`ValueError` if the files together are over the limit (the server's
        request limit normally stops such a drop before it is read).
        """
        size = sum(len(data) for _, data in files)
        if size > self.limit_bytes:
            raise ValueError(f"files over the upload limit of {limit_text(self.limit_bytes)}")
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._expire()
            self._held[token] = (_Held(tuple(files), size), self._clock())
            while sum(held.size for held, _ in self._held.values()) > self.budget_bytes:
                self._held.popitem(last=False)
        return token

    def files(self, token: str | None) -> list[tuple[str, bytes]]:
        """The files held under ``token``; :class:`UploadGone` if none are."""
        with self._lock:
            self._expire()
            if token is None or token not in self._held:
                raise UploadGone(token)
            held, _ = self._held.pop(token)
            self._held[token] = (held, self._clock())  # used now: the last to expire
            return list(held.files)

    def release(self, token: str | None) -> None:
        """Let go of the files held under ``token`` (imported, or replaced by another drop)."""
        with self._lock:
            self._held.pop(token or "", None)

    def _expire(self) -> None:
        oldest = self._clock() - HOLD_MINUTES * 60
        for token in [t for t, (_, used) in self._held.items() if used < oldest]:
            del self._held[token]

    @contextmanager
    def one_at_a_time(self) -> Iterator[None]:
        """Run a check or an import once no other is running; :class:`Busy` if too many wait."""
        if not self._room.acquire(blocking=False):
            raise Busy("other files are being checked")
        try:
            with self._turn:
                yield
        finally:
            self._room.release()


def held_uploads(data: object) -> HeldUploads:
    """The holding area of one dashboard (``create_app`` gives it the configured limit).

    It is kept on the dashboard's data, so the Data view's layout and its callbacks share it;
    data made without ``create_app`` get one with the default limit.
    """
    return vars(data).setdefault("uploads", HeldUploads())


def limit_requests(server: flask.Flask, limit_bytes: int) -> None:
    """Make the dashboard's server refuse, with HTTP 413, any request over the upload limit.

    A request that announces too many bytes (``Content-Length``) is refused before any are
    read. One that announces none (chunked) is read only up to the limit: Werkzeug stops its
    stream there (Flask's ``MAX_CONTENT_LENGTH``), and a body that reaches it is refused here,
    rather than handed on cut short (which would be answered as a bad request, 400).
    """
    import flask  # here, so the command line can read the default limit without Flask

    largest = request_limit(limit_bytes)
    server.config["MAX_CONTENT_LENGTH"] = largest

    @server.before_request
    def _refuse_too_large() -> None:
        length = flask.request.content_length
        if length is None and len(flask.request.get_data(cache=True)) >= largest:
            flask.abort(413)
        if length is not None and length > largest:
            flask.abort(413)
