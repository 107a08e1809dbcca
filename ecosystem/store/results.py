"""Results kept in the workspace: each network's measures and layout, read back after a restart.

Computing the measures and the layout of a network of thousands of organisations takes
seconds; reading them back takes milliseconds. The dashboard therefore keeps what it computes
for each (wave, network options) in the workspace's ``results`` table and, after a restart on
an unchanged workspace, reads it instead of computing it again.

Decisions
---------
* **A stale result can never be read.** A result is found by its key, the SHA-256 of what it
  was computed from: the kind of result, its options, :data:`RESULTS_FORMAT`, the package's
  version and the :class:`Fingerprints` of the survey tables it depends on (every organisation,
  with its type, hubs, aliases and roster, and every stored row of the waves). An import into
  the wave, a rename or deletion, or an alias changes the fingerprint, so the old result is
  simply never asked for again (and is deleted when its replacement is kept).
* **A kept result is checked before it is used.** A row whose payload does not match its
  SHA-256 (damaged), names another key (a foreign row), cannot be decoded, or does not cover
  exactly the organisations of the network is ignored, and the result computed afresh.
* **Kept as JSON**, never pickle: a workspace may come from someone else, and reading it must
  not run code. Python writes each float by its shortest exact representation, so the frames
  read back equal the computed ones exactly, dtypes included.
* **Keeping is a courtesy.** A workspace that cannot be written (read-only, busy, full) or
  that has no ``results`` table still shows everything: the result is computed and not kept.

>>> from ecosystem.load import DEMO_FILES, load_survey
>>> survey = load_survey(DEMO_FILES)
>>> first = Fingerprints(survey).of(["Formative 2023"])
>>> len(first), first == Fingerprints(survey).of(["Summative 2024"])
(64, False)
>>> frame = pd.DataFrame({"score": [0.1, 2 / 3]}, index=pd.Index(["a", "b"], name="name"))
>>> decode_frame(encode_frame(frame, "k"), "k").equals(frame)
True
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Callable, Hashable, Iterable, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any, Final

import pandas as pd

from ecosystem import __version__
from ecosystem.store import health
from ecosystem.store.schema import DATABASE_NAME
from ecosystem.survey import Survey

__all__ = [
    "RESULTS_FORMAT",
    "Fingerprints",
    "KeptResults",
    "decode_frame",
    "decode_positions",
    "encode_frame",
    "encode_positions",
    "result_key",
]

RESULTS_FORMAT: Final = 1
"""Raise it when a kept result's meaning or encoding changes: every kept result is then
computed afresh (the package's version is in every key too)."""

Positions = dict[str, tuple[float, float]]


class Fingerprints:
    """The SHA-256 of what a network of some waves is built from: every organisation and
    every stored row of those waves.

    A change to any of it (an import, a rename, a deletion, an alias, a type) changes the
    fingerprint. Responses and edges are hashed wave by wave, each in its stored order (not
    by row numbers, which other waves' rows shift), each value by its text. Each part (the
    organisations, each wave's rows) is hashed once: a dashboard asks for a wave's
    fingerprint, then every wave's."""

    def __init__(self, survey: Survey) -> None:
        self.survey = survey
        self._parts: dict[str | None, bytes] = {}

    def _part(self, wave: str | None) -> bytes:
        if wave not in self._parts:
            survey = self.survey
            frames = (
                [survey.organisations]
                if wave is None
                else [
                    table[table["wave"] == wave].reset_index(drop=True)
                    for table in (survey.responses, survey.edges)
                ]
            )
            digest = hashlib.sha256()
            for frame in frames:
                digest.update(
                    json.dumps([str(frame.index.name), *map(str, frame.columns)]).encode()
                )
                digest.update(_frame_hash(frame))
            self._parts[wave] = digest.digest()
        return self._parts[wave]

    def of(self, waves: Iterable[str]) -> str:
        """The fingerprint of ``waves`` (in the survey's order, whatever order given)."""
        chosen = set(waves)
        digest = hashlib.sha256(self._part(None))
        for wave in self.survey.waves:
            if wave in chosen:
                digest.update(json.dumps(wave).encode() + self._part(wave))
        return digest.hexdigest()


def _frame_hash(frame: pd.DataFrame) -> bytes:
    """The bytes of pandas' row hashes of ``frame`` with every value as its text (stable
    across processes: pandas hashes with a fixed key)."""
    if frame.empty:
        return b"%d" % len(frame)
    text = frame.astype(str)
    text.index = frame.index.astype(str)
    hashes: bytes = pd.util.hash_pandas_object(text, index=True).to_numpy().tobytes()
    return hashes


def result_key(kind: str, data: str, *options: Hashable) -> str:
    """The key of one result: the SHA-256 of its kind, the fingerprint ``data``
    (:class:`Fingerprints`) it was computed from, its options (by ``repr``),
    :data:`RESULTS_FORMAT` and the package's version."""
    parts = [kind, data, *map(repr, options), RESULTS_FORMAT, __version__]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


# --- encoding ------------------------------------------------------------------------------------


def _pack(key: str, body: dict[str, Any]) -> bytes:
    return zlib.compress(json.dumps({"key": key, **body}, allow_nan=True).encode(), 1)


def _unpack(payload: bytes, key: str) -> dict[str, Any]:
    """The body of a payload written for ``key``; ``ValueError`` for one written for another."""
    body = json.loads(zlib.decompress(payload))
    if not isinstance(body, dict) or body.get("key") != key:
        raise ValueError("a kept result of another key")
    return body


def encode_frame(frame: pd.DataFrame | pd.Series, key: str) -> bytes:
    """A frame (or series) as kept: its index, columns, dtypes and values, exactly."""
    table = frame.to_frame() if isinstance(frame, pd.Series) else frame
    return _pack(
        key,
        {
            "series": isinstance(frame, pd.Series),
            "name": None if isinstance(frame, pd.DataFrame) else frame.name,
            "index": [table.index.name, str(table.index.dtype), table.index.tolist()],
            "columns": [[str(c), str(t), table[c].tolist()] for c, t in table.dtypes.items()],
        },
    )


def decode_frame(payload: bytes, key: str) -> pd.DataFrame | pd.Series:
    """A frame (or series) kept by :func:`encode_frame` under ``key``."""
    body = _unpack(payload, key)
    name, dtype, labels = body["index"]
    index = pd.Index(labels, dtype=dtype, name=name)
    frame = pd.DataFrame(
        {column: pd.array(values, dtype=kind) for column, kind, values in body["columns"]},
        index=index,
    )
    return frame.iloc[:, 0].rename(body["name"]) if body["series"] else frame


def encode_positions(positions: Positions, key: str) -> bytes:
    """Node positions as kept, in their order."""
    return _pack(key, {"positions": [[n, x, y] for n, (x, y) in positions.items()]})


def decode_positions(payload: bytes, key: str) -> Positions:
    """Node positions kept by :func:`encode_positions` under ``key``."""
    return {str(n): (float(x), float(y)) for n, x, y in _unpack(payload, key)["positions"]}


# --- the table -----------------------------------------------------------------------------------


class KeptResults:
    """The ``results`` table of the workspace at ``folder``: read, or compute and keep.

    Each call opens its own short connection, so threads may share one object. Nothing here
    raises for the table: an unreadable or unwritable one means computing.
    """

    def __init__(self, folder: Path | str) -> None:
        self.database = Path(folder) / DATABASE_NAME
        self.read_count = 0
        """How many results were read back (tests and the bench count it)."""

    def read(self, key: str) -> bytes | None:
        """The payload kept under ``key`` when its SHA-256 matches, else ``None``."""
        try:
            with closing(health.connect(self.database, "ro")) as connection:
                row = connection.execute(
                    "SELECT payload, digest FROM results WHERE key = ?", (key,)
                ).fetchone()
        except sqlite3.Error:
            return None
        if row is None or not isinstance(row[0], bytes):
            return None
        return row[0] if hashlib.sha256(row[0]).hexdigest() == row[1] else None

    def keep(self, key: str, kind: str, scope: str, payload: bytes) -> bool:
        """Keep ``payload`` under ``key``, replacing every result of the same ``kind`` and
        ``scope`` (their data changed); ``False`` when the workspace cannot take it."""
        digest = hashlib.sha256(payload).hexdigest()
        try:
            with closing(health.connect(self.database, "rw")) as connection:
                connection.execute("BEGIN IMMEDIATE")
                connection.execute(
                    "DELETE FROM results WHERE kind = ? AND scope = ?", (kind, scope)
                )
                connection.execute(
                    "INSERT OR REPLACE INTO results (key, kind, scope, payload, digest) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (key, kind, scope, payload, digest),
                )
                connection.execute("COMMIT")  # closing without it rolls back
        except sqlite3.Error:
            return False
        return True

    def measures(self, key: str, names: Sequence[str]) -> tuple[pd.DataFrame, pd.Series] | None:
        """The measures kept under ``key`` (the organisation table, indexed by exactly
        ``names``, and the overall series), or ``None`` where none can be used."""
        payload = self.read(key)
        if payload is None:
            return None
        try:
            table, overall = (decode_frame(part, key) for part in _split(payload))
        except (ValueError, KeyError, TypeError, IndexError, zlib.error):
            return None
        if sorted(map(str, table.index)) != sorted(names):
            return None
        self.read_count += 1
        return table, overall

    def keep_measures(self, key: str, scope: str, table: pd.DataFrame, overall: pd.Series) -> bool:
        """Keep a network's measures under ``key`` (see :meth:`keep`)."""
        parts = encode_frame(table, key), encode_frame(overall, key)
        return self.keep(key, "measures", scope, _join(parts))

    def positions(
        self, key: str, scope: str, names: Iterable[str], compute: Callable[[], Positions]
    ) -> Positions:
        """The positions kept under ``key`` (of exactly ``names``), or ``compute()``'s, then
        kept."""
        payload = self.read(key)
        if payload is not None:
            try:
                kept = decode_positions(payload, key)
            except (ValueError, KeyError, TypeError, zlib.error):
                pass
            else:
                if set(kept) == set(names):
                    self.read_count += 1
                    return kept
        positions = compute()
        self.keep(key, "positions", scope, encode_positions(positions, key))
        return positions


def _join(parts: Sequence[bytes]) -> bytes:
    """Several payloads as one: each after its length (8 bytes, big-endian)."""
    return b"".join(len(part).to_bytes(8, "big") + part for part in parts)


def _split(payload: bytes) -> list[bytes]:
    """The payloads :func:`_join` joined; ``ValueError`` for bytes it did not write."""
    parts, at = [], 0
    while at < len(payload):
        size = int.from_bytes(payload[at : at + 8], "big")
        part = payload[at + 8 : at + 8 + size]
        if size <= 0 or len(part) != size:
            raise ValueError("a kept result cut short")
        parts.append(part)
        at += 8 + size
    if len(parts) != 2:
        raise ValueError("a kept result of another shape")
    return parts
