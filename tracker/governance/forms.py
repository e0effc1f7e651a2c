"""Forms of the governance register: mandates, identity, qualities, meetings, decisions,
statutes, filings, yearly figures and legal parameters."""

from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from tracker.forms import (
    DATE_MESSAGE,
    REQUIRED,
    EuroField,
    Form,
    FrenchDateField,
    FrenchDecimalField,
    YearField,
    choices,
)
from tracker.funders.forms import InstrumentDocumentForm
from tracker.governance.catalogue import PARAMETERS
from tracker.governance.vocabulary import BODIES, END_REASONS, MEETING_KINDS


class MandateForm(Form):
    member_name = StringField("Membre (nom et prénom)",
                              validators=[DataRequired(REQUIRED), Length(max=150)])
    quality = SelectField("Qualité", validators=[DataRequired(REQUIRED)])
    start_date = FrenchDateField("Début du mandat", validators=[DataRequired(DATE_MESSAGE)])
    term_date = FrenchDateField("Terme prévu", validators=[Optional()])
    end_date = FrenchDateField("Fin (démission, révocation, terme acté…)",
                               validators=[Optional()])
    end_reason = SelectField("Motif de fin",
                             choices=choices([("", "—")] + list(END_REASONS.items())),
                             validators=[Optional()])


class IdentityForm(Form):
    birth_date = FrenchDateField("Date de naissance", validators=[Optional()])
    nationality = StringField("Nationalité", validators=[Optional(), Length(max=60)])
    address = StringField("Adresse de résidence", validators=[Optional(), Length(max=300)])


class QualityForm(Form):
    code = StringField("Code", validators=[DataRequired(REQUIRED), Length(max=40)])
    label = StringField("Libellé", validators=[DataRequired(REQUIRED), Length(max=120)])
    ubo = BooleanField("Compte pour le registre UBO")
    published = BooleanField("Nomination publiée au Moniteur")
    member_register = BooleanField("Inscrite au registre des membres")


class MeetingForm(Form):
    body = SelectField("Organe", choices=choices(BODIES.items()))
    kind = SelectField("Type", choices=choices(MEETING_KINDS.items()))
    held_on = FrenchDateField("Date", validators=[DataRequired(DATE_MESSAGE)])
    quorum_reached = BooleanField("Quorum atteint", default=True)
    agenda = TextAreaField("Ordre du jour", validators=[Optional(), Length(max=5000)])
    accounts_approved = BooleanField("Comptes approuvés")
    accounts_year = YearField("Exercice des comptes approuvés", validators=[Optional()])
    activity_id = HiddenField()


class DecisionForm(Form):
    text = StringField("Décision", validators=[DataRequired(REQUIRED), Length(max=1000)])
    vote = StringField("Vote (ex. unanimité, 7 pour, 1 abstention)",
                       validators=[Optional(), Length(max=120)])
    mandate_id = SelectField("Mandat qu'elle crée ou termine", coerce=int, default=0,
                             validators=[Optional()])
    statutes_id = SelectField("Statuts qu'elle adopte", coerce=int, default=0,
                              validators=[Optional()])


class StatutesForm(Form):
    adopted_on = FrenchDateField("Adoptés le", validators=[DataRequired(DATE_MESSAGE)])
    meeting_id = SelectField("Par l'AG du", coerce=int, default=0, validators=[Optional()])
    filed_on = FrenchDateField("Déposés au greffe le", validators=[Optional()])
    published_on = FrenchDateField("Publiés au Moniteur belge le", validators=[Optional()])
    moniteur_reference = StringField("Référence au Moniteur",
                                     validators=[Optional(), Length(max=60)])
    summary = StringField("Objet de la modification", validators=[Optional(), Length(max=500)])


class GovernanceDocumentForm(InstrumentDocumentForm):
    """The same document form as an instrument's (kind, date, reference, file, replaces)."""


class FilingForm(Form):
    """« Fait le … » for one obligation, with its proof (an accusé de dépôt, a screenshot of
    the UBO register)."""

    key = HiddenField(validators=[DataRequired(REQUIRED)])
    done_on = FrenchDateField("Fait le", validators=[DataRequired(DATE_MESSAGE)])
    reference = StringField("Référence (n° de dépôt, accusé…)",
                            validators=[Optional(), Length(max=200)])
    file = FileField("Preuve (PDF, JPEG, PNG, DOCX ou XLSX, 20 Mo au plus)",
                     validators=[Optional()])


class AccountsYearForm(Form):
    year = YearField("Exercice", validators=[InputRequired(REQUIRED)])
    income = EuroField("Recettes hors exceptionnelles (€)", places=2, validators=[Optional()])
    assets = EuroField("Total du bilan (€)", places=2, validators=[Optional()])
    debts = EuroField("Dettes (€)", places=2, validators=[Optional()])


class LegalParameterForm(Form):
    code = SelectField("Paramètre", choices=choices(
        (code, meaning.label) for code, meaning in PARAMETERS.items()))
    value = FrenchDecimalField("Valeur", places=3, validators=[InputRequired(REQUIRED)])
    valid_from = FrenchDateField("À partir du", validators=[DataRequired(DATE_MESSAGE)])
    source = StringField("Source", validators=[Optional(), Length(max=300)])
