"""Forms for people, allocations, absences and the team-table upload."""

from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from tracker.forms import (
    DATE_MESSAGE,
    REQUIRED,
    Form,
    FrenchDateField,
    FrenchDecimalField,
    choices,
    optional_int,
)
from tracker.staffing.vocabulary import ABSENCE_KINDS


class PersonForm(Form):
    full_name = StringField("Nom et prénom", validators=[DataRequired(REQUIRED), Length(max=200)])
    training = StringField("Formation", validators=[Length(max=200)])
    # Only the director sees (and may change) this field: the view removes it for others.
    user_id = SelectField(
        "Compte de connexion", coerce=optional_int, validators=[Optional()],
        description="Les activités encodées avec ce compte portent cette personne comme "
                    "intervenant(e).")


class AllocationForm(Form):
    function_code = SelectField("Fonction", validators=[DataRequired(REQUIRED)])
    fte = FrenchDecimalField("ETP", places=3, description="Entre 0 et 1, ex. 0,5.",
                             validators=[DataRequired(REQUIRED)])
    funder_id = SelectField("Financeur", coerce=int, validators=[DataRequired(REQUIRED)])
    instrument_id = SelectField("Instrument (facultatif)", coerce=optional_int,
                                validators=[Optional()])
    start_date = FrenchDateField("Début", validators=[DataRequired(DATE_MESSAGE)])
    end_date = FrenchDateField("Fin (dernier jour presté)", description="Vide : en cours.",
                         validators=[Optional()])
    end_reason = StringField("Motif de fin", validators=[Length(max=200)])
    site_id = SelectField("Site de travail", coerce=optional_int, validators=[Optional()])
    detached_to_id = SelectField("Détaché(e) chez (facultatif)", coerce=optional_int,
                                 validators=[Optional()])
    detachment_agreed_on = FrenchDateField(
        "Accord du détachement, du", validators=[Optional()],
        description="Un poste ACS ou APE détaché demande l'accord d'Actiris ou du Forem.")
    detachment_reference = StringField("Référence de l'accord", validators=[Length(max=200)])


class AbsenceForm(Form):
    kind = SelectField("Motif", choices=choices(ABSENCE_KINDS.items()))
    start_date = FrenchDateField("Début", validators=[DataRequired(DATE_MESSAGE)])
    end_date = FrenchDateField("Fin", description="Vide : en cours.", validators=[Optional()])
    fte = FrenchDecimalField("ETP concerné", places=3, validators=[DataRequired(REQUIRED)])
    replacement_id = SelectField("Remplacé(e) par (facultatif)", coerce=optional_int,
                                 validators=[Optional()])


class StaffImportForm(Form):
    file = FileField("Fichier CSV ou XLSX", validators=[FileRequired("Choisissez un fichier.")])
    dry_run = BooleanField("Vérifier seulement (ne rien enregistrer)")
