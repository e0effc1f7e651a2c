"""Forms: the activity's core fields (dimensions are read from the request), vocabularies,
and the import upload."""

from datetime import date

from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, Field, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import TextInput

from tracker.activities.duration import DURATION_HELP, parse_duration
from tracker.activities.entry import DIRECTIONS
from tracker.activities.models import HELD, PRESENCES
from tracker.forms import (
    DATE_MESSAGE,
    REQUIRED,
    Form,
    FrenchDateField,
    TimeOfDayField,
    WholeNumberField,
    choices,
    local_time_now,
    optional_int,
)


class DurationField(Field):
    """Minutes typed as « 45 », « 1h30 » or « 1:30 » in a text box: a number input would
    read « 7,5 » as 75 in an English browser."""

    widget = TextInput()

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else str(self.data)

    def process_formdata(self, valuelist):
        if valuelist:
            self.data = None
            self.data = parse_duration(valuelist[0])


class ActivityForm(Form):
    date = FrenchDateField("Date", default=date.today, validators=[DataRequired(DATE_MESSAGE)])
    start_time = TimeOfDayField("Heure", default=local_time_now, validators=[Optional()],
                                description="Le début (ex. 14:05) ; vide s'il n'est pas connu.")
    duree_min = DurationField("Durée", description=DURATION_HELP, validators=[
        Optional(), NumberRange(0, 1440, "Une durée va de 0 à 1440 minutes (24 h).")],
        render_kw={"inputmode": "text", "autocomplete": "off", "placeholder": "min"})
    person_id = SelectField("Intervenant(e)", coerce=optional_int, validators=[Optional()])
    partner_id = SelectField("Partenaire", coerce=optional_int, validators=[Optional()])
    participants = WholeNumberField("Personnes touchées", validators=[
        Optional(), NumberRange(0, 100000, "Nombre invalide.")],
        render_kw={"inputmode": "numeric"})
    service = SelectField("Service / mission", validators=[Optional()])  # set by the view
    direction = RadioField("Sens", choices=choices(DIRECTIONS.items()), validators=[Optional()])
    purpose = StringField(
        "Objet", validators=[Length(max=200)],
        description="Le sujet, jamais le nom d'un bénéficiaire (ex. Commission Assuétudes).")
    place = StringField("Endroit", validators=[Length(max=120)],
                        description="Ville, salle ou organisme hôte.")
    presence = RadioField("Présence", choices=choices(PRESENCES.items()), default=HELD,
                          validators=[Optional()])
    dossier = StringField(
        "Code dossier (pseudonyme)", validators=[Length(max=60)],
        description="Jamais un nom : seule une empreinte chiffrée est enregistrée.",
        render_kw={"autocomplete": "off"})


class ValueForm(Form):
    code = StringField("Code", validators=[DataRequired(REQUIRED), Length(max=60)],
                       description="Minuscules, sans accents ni espaces (ex. protoxyde_azote).")
    label = StringField("Libellé", validators=[DataRequired(REQUIRED), Length(max=150)])


class ValueEditForm(Form):
    label = StringField("Libellé", validators=[DataRequired(REQUIRED), Length(max=150)])
    active = BooleanField("Proposée à l'encodage (décocher pour la retirer)")


class ActivityImportForm(Form):
    file = FileField("Fichier CSV ou XLSX", validators=[FileRequired("Choisissez un fichier.")])
    dry_run = BooleanField("Vérifier seulement (ne rien enregistrer)")
    force = BooleanField("Importer même si ce fichier a déjà été importé")
    create_partners = BooleanField("Créer les partenaires inconnus (nommés dans l'import)")
