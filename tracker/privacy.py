"""The one rule of small groups (habit 18): what the board, or any file it reads, shows about
people is aggregated over at least MINIMUM_GROUP persons; a smaller group reads « < 3 »."""

MINIMUM_GROUP = 3
SMALL_GROUP = f"< {MINIMUM_GROUP}"


def too_small(persons) -> bool:
    """A group of 1 or 2 persons (none is no group: 0 says nothing about anyone)."""
    return persons is not None and 0 < persons < MINIMUM_GROUP
