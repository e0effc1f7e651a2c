"""Every kind of background job, as the modules declare them (tracker.modules): which
module's service runs it and which page follows it. The web process needs the pages, the
scheduler the services (create_app registers them in both)."""

from importlib import import_module

from tracker.jobs.kinds import JobKind, in_one_transaction, register_kind
from tracker.modules import MODULES


def register_job_kinds() -> None:
    for module in MODULES:
        for spec in module.jobs:
            path, name = spec.runner.split(":")
            run = getattr(import_module(path), name)
            register_kind(JobKind(spec.code, spec.label, spec.page,
                                  in_one_transaction(run) if spec.one_transaction else run,
                                  page_params=spec.page_params))
