"""A post that ends and the allocation that fills it again: what the ACS check and the
deadlines that follow staffing events both ask."""

from datetime import date

from tracker.formatting import format_fte
from tracker.staffing.models import Allocation
from tracker.text import without_gender_marks


def post_label(allocation: Allocation, labels: dict[str, str]) -> str:
    """« assistant social (0,5 ETP) de Nina Lefèvre »."""
    function = without_gender_marks(labels.get(allocation.function_code,
                                               allocation.function_code))
    return f"{function} ({format_fte(allocation.fte)}) de {allocation.person.full_name}"


def replacement_for(ended: Allocation, due: date, candidates: list[Allocation],
                    taken: set[int]) -> Allocation | None:
    """Among `candidates` (allocations of the same funder), one of at least the same FTE
    starting after the end and on or before `due`, not already counted for another post."""
    return next((item for item in candidates
                 if item.id not in taken and item.id != ended.id
                 and ended.end_date < item.start_date <= due and item.fte >= ended.fte), None)
