"""Deadline rules, one-off deadlines, and marking a deadline submitted with its proof."""

from datetime import date

from flask_wtf.file import FileField
from wtforms import BooleanField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from tracker.deadlines.models import DEFAULT_REMINDERS
from tracker.deadlines.vocabulary import ANSWERS, RULE_TYPES
from tracker.forms import (
    DATE_MESSAGE,
    Form,
    FrenchDateField,
    WholeNumberField,
    choices,
    optional_int,
)


class SubmitForm(Form):
    submitted_on = FrenchDateField("Soumis le", default=date.today,
                             validators=[DataRequired(DATE_MESSAGE)])
    proof_reference = StringField(
        "Référence de la preuve", validators=[Length(max=300)],
        description="Numéro d'accusé de réception, objet du courriel d'envoi…")
    proof_file = FileField("Preuve (fichier)",
                           description="PDF, image, DOCX ou XLSX, 10 Mo au plus.")


def role_choices_optional() -> list[SelectChoice]:
    return choices([("", "—"), ("director", "Direction"), ("secretary", "Secrétariat"),
                    ("staff", "Équipe")])


class RuleForm(Form):
    title = StringField("Intitulé", validators=[DataRequired("Ce champ est obligatoire."),
                                                Length(max=300)])
    kind = SelectField("Type")  # the director's kinds, set by the view
    rule_type = SelectField("Règle", choices=choices(RULE_TYPES.items()))
    month = WholeNumberField("Mois (règle annuelle)", validators=[Optional(), NumberRange(1, 12)])
    day = WholeNumberField("Jour (règle annuelle)", validators=[Optional(), NumberRange(1, 31)],
                       description="31 tombe le dernier jour des mois plus courts.")
    instrument_id = SelectField("Instrument", coerce=optional_int, validators=[Optional()])
    convention_id = SelectField("ou convention", coerce=optional_int, validators=[Optional()])
    funder_id = SelectField(
        "Postes payés par", coerce=optional_int, validators=[Optional()],
        description="Règle sur un poste : la fin (ou le début) de chaque affectation payée par "
                    "ce financeur. Règle annuelle ou de fin de période : seulement si ce "
                    "financeur paie quelqu'un.")
    anchor = SelectField("Par rapport à", choices=choices([("", "—"), ("start", "son début"),
                                                           ("end", "sa fin")]))
    offset_months = WholeNumberField("Décalage en mois (négatif : avant)", default=0,
                                 validators=[Optional(), NumberRange(-120, 120)])
    offset_days = WholeNumberField("Décalage en jours (négatif : avant)", default=0,
                               validators=[Optional(), NumberRange(-3650, 3650)])
    period = SelectField("Fin de chaque", choices=choices([("", "—"), ("month", "mois"),
                                                          ("quarter", "trimestre"),
                                                          ("year", "année")]))
    owner_role = SelectField("Responsable", choices=role_choices_optional())
    reminders = StringField("Rappels (jours avant)", default=DEFAULT_REMINDERS,
                            validators=[Length(max=60)],
                            description="Ex. 30,7,1,-1 (−1 : le lendemain si non soumis).")
    milestones = StringField("Étapes de préparation", validators=[Length(max=500)],
                             description="Ex. J-30 données extraites ; J-14 projet ; "
                                         "J-7 relecture CA (copiées sur chaque échéance "
                                         "créée).")
    regenerate = BooleanField("Recalculer les échéances futures non traitées")


class DeadlineForm(Form):
    title = StringField("Intitulé", validators=[DataRequired("Ce champ est obligatoire."),
                                                Length(max=300)])
    kind = SelectField("Type")  # the director's kinds, set by the view
    due_date = FrenchDateField("Échéance", validators=[DataRequired(DATE_MESSAGE)])
    instrument_id = SelectField("Instrument", coerce=optional_int, validators=[Optional()])
    convention_id = SelectField("ou convention", coerce=optional_int, validators=[Optional()])
    owner_role = SelectField("Responsable", choices=role_choices_optional())
    reminders = StringField("Rappels (jours avant)", default=DEFAULT_REMINDERS,
                            validators=[Length(max=60)])


class KindForm(Form):
    code = StringField("Code", validators=[DataRequired("Ce champ est obligatoire."),
                                           Length(max=30)],
                       description="Minuscules, sans accents ni espaces (ex. rapport_financier).")
    label = StringField("Libellé", validators=[DataRequired("Ce champ est obligatoire."),
                                               Length(max=150)])


class KindLabelForm(Form):
    label = StringField("Libellé", validators=[DataRequired("Ce champ est obligatoire."),
                                               Length(max=150)])


class MilestoneForm(Form):
    label = StringField("Étape", validators=[DataRequired("Ce champ est obligatoire."),
                                             Length(max=150)])
    days_before = WholeNumberField("Jours avant l'échéance", validators=[
        InputRequired("Ce champ est obligatoire."), NumberRange(0, 365)])


class EditDeadlineForm(Form):
    title = StringField("Intitulé", validators=[DataRequired("Ce champ est obligatoire."),
                                                Length(max=300)])
    due_date = FrenchDateField("Échéance", validators=[DataRequired(DATE_MESSAGE)],
                               description="Pour corriger une erreur ; un retard se note par "
                                           "un report, avec son motif.")
    owner = SelectField("Responsable", validate_choice=False)  # roles and people, by the view


class PostponeForm(Form):
    new_date = FrenchDateField("Nouvelle date", validators=[DataRequired(DATE_MESSAGE)])
    reason = StringField("Motif du report", validators=[
        DataRequired("Indiquez le motif."), Length(max=300)],
        description="Par exemple « délai accordé par l'AViQ le 02/06 (courriel) ».")


class DismissForm(Form):
    reason = StringField("Motif", validators=[DataRequired("Indiquez le motif."),
                                              Length(max=300)],
                         description="Par exemple « appel à projets non reconduit ».")


class AnswerForm(Form):
    answer = SelectField("Réponse du financeur", choices=choices(ANSWERS.items()))
    answered_on = FrenchDateField("Reçue le", default=date.today,
                                  validators=[DataRequired(DATE_MESSAGE)])
    note = StringField("Note", validators=[Length(max=500)],
                       description="Référence du courrier, remarques du financeur…")
