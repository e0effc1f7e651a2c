"""The kinds of job. Jobs sit below the modules whose work they run: every kind is registered
from the top, in tracker/job_kinds.py."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tracker.extensions import db
from tracker.progress import Progress

# run(content, filename, params, progress) -> the report (a dataclass or a dict), committing
# what it keeps itself; raises TableRefused or DomainError to refuse (nothing kept).
Runner = Callable[[bytes, str, dict, Progress], Any]
# The params a runner receives also name its job under this key (an import batch records it).
JOB_ID = "job_id"


@dataclass(frozen=True)
class JobKind:
    code: str
    label: str  # « Import d'activités »
    page: str  # the endpoint showing the form and, with ?tache=<id>, the job
    run: Runner
    page_params: tuple[str, ...] = ()  # the job's params the page's URL needs


KINDS: dict[str, JobKind] = {}


def register_kind(kind: JobKind) -> None:
    KINDS[kind.code] = kind


def in_one_transaction(importer: Callable[[bytes, str, bool, Progress], Any]) -> Runner:
    """A shorter import (a team, a year of costs or expenses) as a job: the file checked and
    written in one transaction, committed unless it was a dry run."""

    def run(content: bytes, filename: str, params: dict, progress: Progress) -> Any:
        report = importer(content, filename, bool(params.get("dry_run")), progress)
        if params.get("dry_run"):
            db.session.rollback()
        else:
            db.session.commit()
        return report

    return run
