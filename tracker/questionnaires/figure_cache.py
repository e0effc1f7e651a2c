"""A year's computed figures and tables, kept in this process while the year's figure
version (tracker/figure_versions.py) and the definition are those they were computed from:
a questionnaire seen again costs one small read, not a scan of the log. Each worker keeps
its own (the last KEPT definition-years, pickled: each reader gets its own copy, which
corrections and the board's masking change freely); finalisation never reads it."""

import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable

from tracker.extensions import db
from tracker.figure_versions import current_version
from tracker.questionnaires.schema import Definition

KEPT = 64
_lock = threading.Lock()
_kept: OrderedDict[tuple[str, str, str, int], tuple[int, bytes]] = OrderedDict()
counts = {"hits": 0, "misses": 0}  # what the tests and the benchmark read


def cached_figures(definition: Definition, year: int, compute: Callable[[], dict]) -> dict:
    """The figures of `compute()`, from the cache when the year has not changed since. A copy
    either way: corrections are applied to what this returns."""
    version = current_version(year)  # read first: a change meanwhile makes the entry stale
    key = (str(db.engine.url), definition.id, definition.sha256, year)
    with _lock:
        found = _kept.get(key)
        if found is not None and found[0] == version:
            _kept.move_to_end(key)
            counts["hits"] += 1
            kept = found[1]
        else:
            kept = None
    if kept is not None:
        return pickle.loads(kept)  # a fresh copy (faster than deepcopy): nobody shares it
    computed = compute()
    with _lock:
        _kept[key] = (version, pickle.dumps(computed, pickle.HIGHEST_PROTOCOL))
        _kept.move_to_end(key)
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
        counts["misses"] += 1
    return computed
