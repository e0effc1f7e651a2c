"""Results computed from figure sources (tracker/figure_versions.py), kept in this process
while the figure version of the last year they read stands: a questionnaire seen again, or a
year's charged costs read again, cost one small read, not a scan. A change bumps its year and
every later one, so the last year's version covers every earlier year a result read. Each
worker keeps its own (the last KEPT results, pickled: each reader gets its own copy, which
corrections and the board's masking change freely); finalisation never reads it."""

import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from tracker.extensions import db
from tracker.figure_versions import current_version

KEPT = 256  # questionnaires, ten-year rows, charged costs: a few KB each
Result = TypeVar("Result")
_lock = threading.Lock()
_kept: OrderedDict[tuple, tuple[int, bytes]] = OrderedDict()
_computing: dict[tuple, threading.Lock] = {}
counts = {"hits": 0, "misses": 0}  # what the tests and the benchmark read
_afresh: ContextVar[bool] = ContextVar("afresh", default=False)


@contextmanager
def computed_afresh() -> Iterator[None]:
    """Inside, `kept` reads nothing from the cache: every result is computed again (a
    questionnaire's finalisation), and kept for the next reader."""
    token = _afresh.set(True)
    try:
        yield
    finally:
        _afresh.reset(token)


def kept(key: tuple[Hashable, ...], last_year: int, compute: Callable[[], Result]) -> Result:
    """`compute()`, from the cache when nothing up to `last_year` has changed since. A copy
    either way: callers may change what this returns."""
    version = current_version(last_year)  # read first: a change meanwhile makes it stale
    key = (str(db.engine.url), *key)
    stored = _stored(key, version)
    if stored is None:
        with _lock:  # one computation per key at a time: the other threads wait for its result
            gate = _computing.setdefault(key, threading.Lock())
        with gate:
            stored = _stored(key, version)  # computed by the thread this one waited for
            if stored is None:
                computed = compute()
                with _lock:
                    _kept[key] = (version, pickle.dumps(computed, pickle.HIGHEST_PROTOCOL))
                    _kept.move_to_end(key)
                    while len(_kept) > KEPT:
                        _kept.popitem(last=False)
                    counts["misses"] += 1
                    _computing.pop(key, None)
                return computed
    return pickle.loads(stored)  # a fresh copy (faster than deepcopy): nobody shares it


def _stored(key: tuple, version: int) -> bytes | None:
    """What the cache holds for `key` at `version` (never inside `computed_afresh`)."""
    with _lock:
        found = None if _afresh.get() else _kept.get(key)
        if found is None or found[0] != version:
            return None
        _kept.move_to_end(key)
        counts["hits"] += 1
        return found[1]


def forget_all() -> None:
    """Empty this process's cache (tests and benchmarks that measure a first computation)."""
    with _lock:
        _kept.clear()
