"""A bar's label fits the chart's label column (210 of 640 units; about 7 units a character
at the chart's size): « AViQ Agrément promotion… accordé », never cut at its start."""

from decimal import Decimal

from tracker.finance.coverage import Coverage, coverage_chart

LABEL_COLUMN, CHARACTER = 210, 7.2


def test_coverage_labels_fit_their_column():
    rows = [Coverage(1, "AViQ", "Agrément promotion de la santé 2023-2028", "2025",
                     Decimal("100000"), None, 5_000_000, 100_000),
            Coverage(2, "Fonds propres", "Dons et cotisations", "2025", Decimal("1000"), None,
                     0, 0)]
    labels = [bar.label for bar in coverage_chart(rows).bars]
    assert labels[0] == "AViQ Agrément promo… accordé"
    assert all(len(label) * CHARACTER <= LABEL_COLUMN for label in labels)
