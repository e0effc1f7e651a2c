"""A year's computed figures and tables, kept in this process while the year's figure
version (tracker/figure_versions.py) and the definition are those they were computed from:
a questionnaire seen again costs one small read, not a scan of the log. Each worker keeps
its own (the last KEPT definition-years); finalisation never reads it."""

import copy
import threading
from collections import OrderedDict
from collections.abc import Callable

from tracker.extensions import db
from tracker.figure_versions import current_version
from tracker.questionnaires.schema import Definition

KEPT = 64
_lock = threading.Lock()
_kept: OrderedDict[tuple[str, str, str, int], tuple[int, dict]] = OrderedDict()
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
            return copy.deepcopy(found[1])
    computed = compute()
    with _lock:
        _kept[key] = (version, copy.deepcopy(computed))
        _kept.move_to_end(key)
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
        counts["misses"] += 1
    return computed
