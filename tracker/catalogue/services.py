"""Reading the job functions: in order, by code, as labels, and as people type them."""

from tracker.catalogue.models import JobFunction
from tracker.extensions import db
from tracker.text import label_variants, normalize


def list_functions() -> list[JobFunction]:
    return list(db.session.scalars(db.select(JobFunction).order_by(JobFunction.position)))


def get_function(code: str) -> JobFunction | None:
    return db.session.get(JobFunction, code) if code else None


def function_labels() -> dict[str, str]:
    """Code -> French label (« psychologue » -> « Psychologue »)."""
    return {function.code: function.label for function in list_functions()}


def function_lookup() -> dict[str, str]:
    """Normalised code or label (and its feminine/masculine forms) -> function code."""
    lookup = {}
    for function in list_functions():
        for variant in label_variants(function.label) | {normalize(function.code)}:
            lookup.setdefault(variant, function.code)
    return lookup
