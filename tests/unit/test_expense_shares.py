"""Shares of an expense in cents: whole, and never below zero."""

from decimal import Decimal

from tracker.finance.expenses import split_cents


def test_three_cents_over_four_shares_leave_none_below_zero():
    # rounding each share half-up gave 1, 1, 2 and left -1 to the last (found by hypothesis)
    assert split_cents(3, [Decimal(20), Decimal(20), Decimal(50), Decimal(10)]) == [1, 1, 1, 0]


def test_the_cents_left_go_to_the_largest_remainders_and_a_credit_note_mirrors_them():
    assert split_cents(100, [Decimal("33.5"), Decimal("33.5"), Decimal(33)]) == [34, 33, 33]
    assert split_cents(-100, [Decimal("33.5"), Decimal("33.5"), Decimal(33)]) == [-34, -33, -33]
