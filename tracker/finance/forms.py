"""The cost and expense uploads, a grant's tranches, an operating expense, the expense
categories, and the justification's marking and closing."""

from decimal import Decimal

from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from tracker.finance.models import JUSTIFICATION_STATUSES
from tracker.forms import (
    DATE_MESSAGE,
    REQUIRED,
    EuroField,
    Form,
    FrenchDateField,
    FrenchDecimalField,
    YearField,
    choices,
    optional_int,
)


class ImportForm(Form):
    """A cost or expense file."""

    file = FileField("Fichier CSV ou XLSX", validators=[FileRequired("Choisissez un fichier.")])
    dry_run = BooleanField("Vérifier seulement (ne rien enregistrer)")


class TrancheForm(Form):
    instrument_id = SelectField("Instrument", coerce=optional_int, validators=[Optional()])
    year = YearField("Année du subside", validators=[Optional()])
    label = StringField("Tranche", validators=[DataRequired(REQUIRED), Length(max=100)],
                        description="Ex. avance, deuxième tranche, solde.")
    expected_on = FrenchDateField("Attendue le", validators=[DataRequired(DATE_MESSAGE)])
    expected_amount = EuroField("Montant attendu (€)", places=2,
                                         validators=[Optional()])


class ReceivedForm(Form):
    received_on = FrenchDateField("Reçue le", validators=[DataRequired(DATE_MESSAGE)])
    received_amount = EuroField("Montant reçu (€)", places=2, validators=[Optional()],
                                         description="Vide : le montant attendu.")


SHARE_ROWS = 3  # instruments an expense can be charged to on the form


class ExpenseForm(Form):
    spent_on = FrenchDateField("Date", validators=[DataRequired(DATE_MESSAGE)])
    supplier = StringField("Fournisseur", validators=[DataRequired(REQUIRED), Length(max=200)])
    description = StringField("Description", validators=[Length(max=300)],
                              description="Ce qui a été payé ; jamais le nom d'un "
                                          "bénéficiaire.")
    category_code = SelectField("Catégorie", validators=[DataRequired(REQUIRED)])
    amount = EuroField("Montant (€)", places=2, validators=[Optional()])
    instrument_1 = SelectField("Imputé à", coerce=optional_int, validators=[Optional()])
    percent_1 = FrenchDecimalField("Part (%)", places=2, default=Decimal(100),
                                   validators=[Optional()])
    instrument_2 = SelectField("Et à", coerce=optional_int, validators=[Optional()])
    percent_2 = FrenchDecimalField("Part (%)", places=2, validators=[Optional()])
    instrument_3 = SelectField("Et à", coerce=optional_int, validators=[Optional()])
    percent_3 = FrenchDecimalField("Part (%)", places=2, validators=[Optional()])
    receipt = FileField("Justificatif", description="PDF, JPEG ou PNG, 10 Mo au plus.")


class ReceiptForm(Form):
    receipt = FileField("Justificatif", validators=[FileRequired("Choisissez un fichier.")])


class CategoryForm(Form):
    code = StringField("Code", validators=[DataRequired(REQUIRED), Length(max=60)],
                       description="Minuscules, sans accents ni espaces (ex. loyer).")
    label = StringField("Libellé", validators=[DataRequired(REQUIRED), Length(max=150)])


class MarkForm(Form):
    status = SelectField("Nouveau statut", choices=choices(JUSTIFICATION_STATUSES.items()))
    reason = StringField("Motif du refus", validators=[Length(max=300)],
                         description="Obligatoire pour un refus : celui du financeur.")


class ClosureForm(Form):
    introduced_on = FrenchDateField("Introduit le", validators=[DataRequired(DATE_MESSAGE)])
