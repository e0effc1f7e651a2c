"""Euros and the whole cents they are stored in."""

from decimal import Decimal


def cents_of(amount: Decimal) -> int:
    """12.34 € -> 1234; ValueError for a third decimal (no amount is rounded silently)."""
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise ValueError("deux décimales au plus")
    return int(cents)


def euros(cents: int) -> float:
    return round(cents / 100, 2)
