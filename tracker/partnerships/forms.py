"""Convention, evaluation and document forms."""

from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from tracker.forms import (
    DATE_MESSAGE,
    REQUIRED,
    EuroField,
    Form,
    FrenchDateField,
    FrenchDecimalField,
    WholeNumberField,
    choices,
    optional_int,
)
from tracker.partnerships.vocabulary import CONVENTION_STATUSES, RENEWALS


class ConventionForm(Form):
    partner_id = SelectField("Partenaire", coerce=optional_int, validators=[Optional()])
    new_partner = StringField("… ou nouveau partenaire", validators=[Length(max=200)])
    object = StringField("Objet", validators=[DataRequired(REQUIRED), Length(max=300)])
    start_date = FrenchDateField("Début", validators=[DataRequired(DATE_MESSAGE)])
    end_date = FrenchDateField("Fin", description="Vide : durée indéterminée.",
                         validators=[Optional()])
    renewal = SelectField("Reconduction", choices=choices(RENEWALS.items()))
    notice_months = WholeNumberField("Préavis (mois)", validators=[Optional(), NumberRange(0, 36)])
    free_of_charge = BooleanField("À titre gratuit", default=True)
    yearly_amount = EuroField("Montant annuel (€)", places=2, validators=[Optional()])
    detached_days_per_week = FrenchDecimalField("Personnel détaché (jours par semaine)",
                                                places=1, validators=[Optional()])
    status = SelectField("Statut", choices=choices(CONVENTION_STATUSES.items()))
    board_decision = StringField("Décision du CA attendue", validators=[Length(max=300)])
    board_decision_due = FrenchDateField("… pour le", validators=[Optional()])
    board_decision_on = FrenchDateField("Décision prise le", validators=[Optional()])


class EvaluationForm(Form):
    due_date = FrenchDateField("Prévue le", validators=[DataRequired(DATE_MESSAGE)])
    done_on = FrenchDateField("Faite le", validators=[Optional()])
    outcome = StringField("Conclusion", validators=[Length(max=500)])


class DocumentForm(Form):
    file = FileField("Convention signée (PDF) ou annexe",
                     validators=[FileRequired("Choisissez un fichier.")])
