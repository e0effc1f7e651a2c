"""Numbers as a Belgian office types them: a dot groups thousands in euros, never in an FTE."""

from decimal import Decimal

import pytest
from werkzeug.datastructures import MultiDict

from tracker.forms import EuroField, Form, FrenchDecimalField, parse_number


class Amounts(Form):
    class Meta:
        csrf = False

    fte = FrenchDecimalField("ETP", places=3)
    euros = EuroField("Montant", places=2)


@pytest.mark.parametrize("text, expected", [
    ("245 580", "245580"), ("245.580", "245580"), ("2.345,67", "2345.67"), ("12,5", "12.5"),
    ("12.5", "12.5"), ("0.500", "0.500"), ("245\u202f580", "245580"),
])
def test_parse_number_reads_what_people_type(text, expected):
    assert parse_number(text) == Decimal(expected)


def test_an_fte_keeps_its_dot_as_the_decimal_mark_and_euros_group_thousands(app):
    with app.test_request_context():
        form = Amounts(formdata=MultiDict({"fte": "1.000", "euros": "12.000,00"}))
        assert form.fte.data == Decimal("1.000") and form.euros.data == Decimal("12000.00")
        form = Amounts(formdata=MultiDict({"fte": "0.500", "euros": "beaucoup"}))
        assert form.fte.data == Decimal("0.5")
        assert not form.validate()
        assert form.euros.errors == ["Tapez un nombre, par exemple 12.000,00."]


def test_an_amount_is_shown_back_with_its_cents():
    from decimal import Decimal

    from wtforms import Form as PlainForm

    from tracker.forms import EuroField

    class Amount(PlainForm):
        amount = EuroField("Montant")

    assert Amount(amount=Decimal("84.7")).amount._value() == "84,70"
    assert Amount(amount=Decimal("12000")).amount._value() == "12000,00"
