"""How a face measures a network it holds, and tells the workers when a person is waiting.

:class:`Measurement` computes each family of measures of one network when first asked (a
large network's costliest on worker processes, :data:`PARALLEL_FROM` organisations and up);
the dashboard says when it draws for a person (:func:`enter_foreground`,
:func:`leave_foreground`), so background work waits, starts the workers before the first
request (:func:`warm_up`) and waits for them to finish (:func:`wait_until_idle`).
"""

from __future__ import annotations

from ecosystem.analysis.measurement import PARALLEL_FROM, Measurement
from ecosystem.compute.workers import (
    enter_foreground,
    foreground,
    leave_foreground,
    wait_until_idle,
    warm_up,
    worker_count,
)

__all__ = [
    "PARALLEL_FROM",
    "Measurement",
    "enter_foreground",
    "foreground",
    "leave_foreground",
    "wait_until_idle",
    "warm_up",
    "worker_count",
]
