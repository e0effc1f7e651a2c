"""The one rule of small groups (habit 18): what the board, or any file it reads, shows about
people is aggregated over at least MINIMUM_GROUP persons; a smaller group reads « < 3 »."""

from dataclasses import dataclass
from decimal import Decimal

MINIMUM_GROUP = 3
SMALL_GROUP = f"< {MINIMUM_GROUP}"


def too_small(persons) -> bool:
    """A group of 1 or 2 persons (none is no group: 0 says nothing about anyone)."""
    return persons is not None and 0 < persons < MINIMUM_GROUP


OTHERS = "Autres fonctions"
HIDDEN_AMOUNT = "montant non montré : moins de 3 personnes"


@dataclass(frozen=True)
class Group:
    """An amount (or any figure) and the persons it covers."""

    label: str
    persons: frozenset
    amount: int | float | Decimal


def groups_for_the_board(groups: list[Group], others: str = OTHERS) -> list[Group]:
    """Amounts broken down below a total, as the board may read them: each group of at least
    three persons as it is; the smaller ones merged into one « Autres fonctions » group, which
    the next smallest groups join until it covers three persons too (otherwise it could be
    worked out from the total and the rest). Empty when all of them together are fewer than
    three persons: the board then reads the total alone."""
    small = [group for group in groups if too_small(len(group.persons))]
    if not small:
        return list(groups)
    kept = sorted((group for group in groups if group not in small),
                  key=lambda group: (len(group.persons), group.amount))
    merged, persons = list(small), frozenset().union(*(group.persons for group in small))
    while len(persons) < MINIMUM_GROUP and kept:
        joining = kept.pop(0)
        merged.append(joining)
        persons |= joining.persons
    if len(persons) < MINIMUM_GROUP:
        return []
    order = [group for group in groups if group in kept]
    return order + [Group(others, persons, sum(group.amount for group in merged))]


def amounts_for_the_board(amounts: dict[str, int], persons: dict) -> dict[str, int]:
    """Amounts by label (a function) as the board may read them, `persons[label]` being whom
    each covers: the same rule, for the pages' dictionaries."""
    groups = groups_for_the_board([Group(label, frozenset(persons.get(label, ())), amount)
                                   for label, amount in amounts.items()])
    return {group.label: group.amount for group in groups}
